/* SPDX-License-Identifier: GPL-2.0 */
/* signals.h - the evidence: one signal per thing a hypervisor gives away */
#ifndef VMFENCE_CORE_SIGNALS_H
#define VMFENCE_CORE_SIGNALS_H

#include "facts.h"
#include "ids.h"

#define VMFENCE_DETAIL_LEN 128

/*
 * Signal ids; their names are sysfs file names under signals/ and part of
 * the user-facing contract: append, never renumber or rename.
 */
enum vmfence_signal_id {
	VMFENCE_SIG_CPUID_HV_BIT,
	VMFENCE_SIG_CPUID_VENDOR,
	VMFENCE_SIG_KERNEL_HYPER,
	VMFENCE_SIG_KERNEL_PV,
	VMFENCE_SIG_PV_CLOCK,
	VMFENCE_SIG_STEAL_TIME,
	VMFENCE_SIG_SYS_HYPERVISOR,
	VMFENCE_SIG_XEN_DOM0,
	VMFENCE_SIG_DEVTREE,
	VMFENCE_SIG_CONFIDENTIAL,
	VMFENCE_SIG_DMI,
	VMFENCE_SIG_SMBIOS_VM,
	VMFENCE_SIG_FIRMWARE_MISSING,
	VMFENCE_SIG_ACPI_OEM,
	VMFENCE_SIG_ACPI_WAET,
	VMFENCE_SIG_ACPI_DEVICE,
	VMFENCE_SIG_PCI_DEVICE,
	VMFENCE_SIG_PCI_VIRTIO,
	VMFENCE_SIG_PCI_QEMU_SUBSYS,
	VMFENCE_SIG_PCI_HW_VIRTIO,
	VMFENCE_SIG_VIRTIO_BUS,
	VMFENCE_SIG_VIRTIO_MMIO,
	VMFENCE_SIG_VMBUS,
	VMFENCE_SIG_XENBUS,
	VMFENCE_SIG_MAC_OUI,
	VMFENCE_SIG_TPM,
	VMFENCE_SIG_CPU_MODEL,
	VMFENCE_SIG_CPU_BRAND,
	VMFENCE_SIG_BOOT_MISMATCH,
	VMFENCE_SIG_NO_PMU,
	VMFENCE_SIG_MICROCODE,
	VMFENCE_SIG_NO_THERMAL,
	VMFENCE_SIG_CACHE_LEAVES,
	VMFENCE_SIG_TIMING,
	VMFENCE_SIG_HV_ROOT,
	VMFENCE_SIG_TPM_EK,
	VMFENCE_SIG_TPM_POSSESSION,
	VMFENCE_SIG_TPM_EVENTLOG,
	VMFENCE_SIG_TPM_HARDWARE,
	VMFENCE_SIG_COUNT
};

/**
 * enum vmfence_sig_state - what a signal found
 * @VMFENCE_SIG_UNKNOWN: the facts it reads are unknown; it counts for nothing
 * @VMFENCE_SIG_MISS: the facts are known and show nothing
 * @VMFENCE_SIG_HIT: the facts show what the signal looks for
 */
enum vmfence_sig_state {
	VMFENCE_SIG_UNKNOWN,
	VMFENCE_SIG_MISS,
	VMFENCE_SIG_HIT,
};

/**
 * enum vmfence_sig_group - what else than a hypervisor can produce a signal
 * @VMFENCE_GROUP_NONE: nothing: a strong signal, only a hypervisor shows it
 * @VMFENCE_GROUP_FIRMWARE: the firmware of a real machine
 * @VMFENCE_GROUP_CPU: an unusual real CPU (old, OEM, engineering sample)
 * @VMFENCE_GROUP_DEVICE: a real device, or a setting anyone can change
 * @VMFENCE_GROUP_TIMING: an interrupted or throttled measurement
 * @VMFENCE_GROUP_COUNT: the number of groups
 *
 * Weighing rule: a weak signal (any group but none) weighs less than the
 * default threshold, and the hits of one group together count for at most
 * VMFENCE_GROUP_CAP, so that weak evidence convicts only when a second,
 * independent group corroborates it.
 */
enum vmfence_sig_group {
	VMFENCE_GROUP_NONE,
	VMFENCE_GROUP_FIRMWARE,
	VMFENCE_GROUP_CPU,
	VMFENCE_GROUP_DEVICE,
	VMFENCE_GROUP_TIMING,
	VMFENCE_GROUP_COUNT
};

/* The most that the hits of one weak group count for together, percent. */
#define VMFENCE_GROUP_CAP 50
/*
 * The same, on a machine whose TPM proved a hardware EK (signal
 * tpm_hardware_ek): weak evidence then needs more groups to convict, while
 * strong signals still convict alone.
 */
#define VMFENCE_GROUP_CAP_HW_TPM 25

/**
 * struct vmfence_signal - one piece of evidence
 * @name: its name, a static string
 * @state: unknown, miss or hit
 * @weight: percent confidence of virtualization a hit alone gives; the
 *	signal's listed weight, or the matching identifier's when lower
 * @rank: enum vmfence_rank of the hypervisor it names
 * @hv: the hypervisor a hit names, VMFENCE_HV_NONE when it names none
 * @cc: the confidential-computing type a hit shows
 * @detail: what was seen, for humans (e.g. cpuid 0x40000000 "TCGTCGTCGTCG")
 */
struct vmfence_signal {
	const char *name;
	enum vmfence_sig_state state;
	u8 weight;
	u8 rank;
	enum vmfence_hv hv;
	enum vmfence_cc cc;
	char detail[VMFENCE_DETAIL_LEN];
};

void vmfence_signals_eval(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs);
const char *vmfence_signal_name(enum vmfence_signal_id id);
unsigned int vmfence_signal_weight(enum vmfence_signal_id id);
unsigned int vmfence_signal_group(enum vmfence_signal_id id);

#endif /* VMFENCE_CORE_SIGNALS_H */
