// SPDX-License-Identifier: GPL-2.0
/*
 * signals.c - the signal list: names and weights
 *
 * A weight is the percent confidence of virtualization that a hit alone
 * gives: high for what only a hypervisor produces and no bare-metal machine
 * shows, low for what is easy to forge or what unusual physical machines
 * also show. Documentation/detection.rst gives the reason for each.
 */

#include "sigeval.h"

/*
 * Strong signals (group none) show what only a hypervisor produces. Weak
 * ones (a group) are what firmware, an unusual real CPU, a device or an
 * interrupted measurement can also show on bare metal: each weighs less
 * than the default threshold, and the hits of one group together count for
 * at most VMFENCE_GROUP_CAP (see detect.c), so that no weak group convicts
 * without a second, independent one. The reason for each weight is beside
 * it and in Documentation/detection.rst.
 */
#define SIG(n, w, g) { n, w, VMFENCE_GROUP_##g }

static const struct {
	const char *name;
	u8 weight;
	u8 group;
} signal_list[VMFENCE_SIG_COUNT] = {
	/* Reserved-zero on real CPUs; only hypervisors set it. */
	[VMFENCE_SIG_CPUID_HV_BIT] = SIG("cpuid_hypervisor_bit", 95, NONE),
	/* A hypervisor's own signature; bare Intel's echo is not read as one. */
	[VMFENCE_SIG_CPUID_VENDOR] = SIG("cpuid_vendor_leaf", 98, NONE),
	/* The kernel's x86_hyper_type: the kernel's own detection. */
	[VMFENCE_SIG_KERNEL_HYPER] = SIG("kernel_hypervisor", 95, NONE),
	/* pv_ops installed by a hypervisor's guest support. */
	[VMFENCE_SIG_KERNEL_PV] = SIG("kernel_paravirt", 90, NONE),
	/* Paravirtual clocks exist only when a hypervisor offers them. */
	[VMFENCE_SIG_PV_CLOCK] = SIG("pv_clock", 90, NONE),
	/* Steal time accrues only through a paravirtual clock. */
	[VMFENCE_SIG_STEAL_TIME] = SIG("steal_time", 70, NONE),
	/* /sys/hypervisor exists only under Xen. */
	[VMFENCE_SIG_SYS_HYPERVISOR] = SIG("sys_hypervisor", 95, NONE),
	/* Says which Xen domain this is; the role, not the verdict. */
	[VMFENCE_SIG_XEN_DOM0] = SIG("xen_control_domain", 0, NONE),
	/* A /hypervisor node is written by the hypervisor's loader. */
	[VMFENCE_SIG_DEVTREE] = SIG("devtree_hypervisor", 90, NONE),
	/* Only guests run encrypted or isolated from their host. */
	[VMFENCE_SIG_CONFIDENTIAL] = SIG("confidential", 99, NONE),
	/* Hypervisors' SMBIOS strings: forgeable, never on bare metal. */
	[VMFENCE_SIG_DMI] = SIG("dmi", 80, NONE),
	/* Set by 2010-2014 desktop and point-of-sale BIOSes too: firmware. */
	[VMFENCE_SIG_SMBIOS_VM] = SIG("smbios_vm_bit", 45, FIRMWARE),
	/* acpi=off and embedded boards exist: firmware. */
	[VMFENCE_SIG_FIRMWARE_MISSING] = SIG("firmware_missing", 35, FIRMWARE),
	/* OEM ids of virtual firmware (BOCHS, VRTUAL, VBOX...). */
	[VMFENCE_SIG_ACPI_OEM] = SIG("acpi_oem", 75, NONE),
	/* The "emulated devices" table is written for VMs only. */
	[VMFENCE_SIG_ACPI_WAET] = SIG("acpi_waet", 60, NONE),
	/* ACPI devices only virtual platforms describe (fw_cfg, VMBus...). */
	[VMFENCE_SIG_ACPI_DEVICE] = SIG("acpi_device", 85, NONE),
	/* PCI ids of emulated devices. */
	[VMFENCE_SIG_PCI_DEVICE] = SIG("pci_device", 85, NONE),
	/* Virtio with an emulator's subsystem vendor. */
	[VMFENCE_SIG_PCI_VIRTIO] = SIG("pci_virtio", 60, NONE),
	/* QEMU's 1af4:1100 stamp on its emulated chipset. */
	[VMFENCE_SIG_PCI_QEMU_SUBSYS] = SIG("pci_qemu_subsystem", 85, NONE),
	/* Hardware virtio (vDPA, DPUs): reported, not evidence. */
	[VMFENCE_SIG_PCI_HW_VIRTIO] = SIG("pci_hw_virtio", 0, NONE),
	/* Virtio devices that hardware virtio does not explain: a device. */
	[VMFENCE_SIG_VIRTIO_BUS] = SIG("virtio_bus", 50, DEVICE),
	/* virtio-mmio transports exist only in VMs. */
	[VMFENCE_SIG_VIRTIO_MMIO] = SIG("virtio_mmio", 80, NONE),
	/* Hyper-V's bus. */
	[VMFENCE_SIG_VMBUS] = SIG("vmbus", 90, NONE),
	/* Xen's bus. */
	[VMFENCE_SIG_XENBUS] = SIG("xenbus", 85, NONE),
	/* A MAC address is settable by anyone: a device. */
	[VMFENCE_SIG_MAC_OUI] = SIG("mac_oui", 30, DEVICE),
	/* Software TPMs; "MSFT" is also Pluton on bare metal: a device. */
	[VMFENCE_SIG_TPM] = SIG("tpm", 40, DEVICE),
	/* QEMU's and other VMMs' CPU model names, as no real CPU spells them. */
	[VMFENCE_SIG_CPU_MODEL] = SIG("cpu_model", 60, NONE),
	/* A brand contradicting CPUID's vendor or family: OEM and engineering parts exist. */
	[VMFENCE_SIG_CPU_BRAND] = SIG("cpu_brand", 40, CPU),
	/* The boot CPU and CPUID now disagree: only a hypervisor changes CPUID. */
	[VMFENCE_SIG_BOOT_MISMATCH] = SIG("boot_cpuid_mismatch", 60, NONE),
	/* Families with a PMU always have one; passthrough and odd parts exist. */
	[VMFENCE_SIG_NO_PMU] = SIG("no_pmu", 20, CPU),
	/* Hypervisors' placeholder revisions; unpatched CPUs report 0 too. */
	[VMFENCE_SIG_MICROCODE] = SIG("microcode", 30, CPU),
	/* Families with a sensor always have one; VMs hide it. */
	[VMFENCE_SIG_NO_THERMAL] = SIG("no_thermal", 20, CPU),
	/* Cache leaves advertised but empty. */
	[VMFENCE_SIG_CACHE_LEAVES] = SIG("cache_leaves", 15, CPU),
	/* An exit's cost, but SMIs and power states slow bare metal too. */
	[VMFENCE_SIG_TIMING] = SIG("cpuid_timing", 45, TIMING),
	/* Says this is Hyper-V's root partition; the role, not the verdict. */
	[VMFENCE_SIG_HV_ROOT] = SIG("hyperv_root_partition", 0, NONE),
	/* An EK certified by a virtual TPM's CA: a hypervisor's software made it. */
	[VMFENCE_SIG_TPM_EK] = SIG("tpm_ek", 90, NONE),
	/* A TPM without its certified EK's key replays another chip's certificate. */
	[VMFENCE_SIG_TPM_POSSESSION] = SIG("tpm_ek_possession", 90, NONE),
	/* PCRs the boot log does not explain: firmware that forgets to log does too. */
	[VMFENCE_SIG_TPM_EVENTLOG] = SIG("tpm_eventlog", 40, FIRMWARE),
	/* Counter-evidence: a proven hardware EK halves what weak groups count. */
	[VMFENCE_SIG_TPM_HARDWARE] = SIG("tpm_hardware_ek", 0, NONE),
};

/**
 * vmfence_signal_name() - the name of a signal
 * @id: the signal
 *
 * Return: a static string, or NULL when @id is out of range.
 */
const char *vmfence_signal_name(enum vmfence_signal_id id)
{
	if ((unsigned int)id >= VMFENCE_SIG_COUNT)
		return NULL;
	return signal_list[id].name;
}

/**
 * vmfence_signal_weight() - the listed weight of a signal
 * @id: the signal
 *
 * Return: percent confidence a hit alone gives; 0 when @id is out of range.
 */
unsigned int vmfence_signal_weight(enum vmfence_signal_id id)
{
	if ((unsigned int)id >= VMFENCE_SIG_COUNT)
		return 0;
	return signal_list[id].weight;
}

/**
 * vmfence_signal_group() - the group of a signal
 * @id: the signal
 *
 * Return: enum vmfence_sig_group; VMFENCE_GROUP_NONE (strong) when @id is
 * out of range.
 */
unsigned int vmfence_signal_group(enum vmfence_signal_id id)
{
	if ((unsigned int)id >= VMFENCE_SIG_COUNT)
		return VMFENCE_GROUP_NONE;
	return signal_list[id].group;
}

/**
 * vmfence_signals_eval() - evaluate every signal against the facts
 * @f: the facts
 * @sigs: VMFENCE_SIG_COUNT signals, indexed by enum vmfence_signal_id
 *
 * A pure function of @f: no I/O, no allocation, no state.
 */
void vmfence_signals_eval(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs)
{
	unsigned int i;

	memset(sigs, 0, VMFENCE_SIG_COUNT * sizeof(*sigs));
	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		sigs[i].name = signal_list[i].name;
		sigs[i].weight = signal_list[i].weight;
	}
	vmfence_eval_cpu(f, sigs);
	vmfence_eval_realism(f, sigs);
	vmfence_eval_firmware(f, sigs);
	vmfence_eval_devices(f, sigs);
	vmfence_eval_kernel(f, sigs);
	vmfence_eval_cc(f, sigs);
}
