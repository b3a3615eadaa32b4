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

static const struct {
	const char *name;
	u8 weight;
} signal_list[VMFENCE_SIG_COUNT] = {
	[VMFENCE_SIG_CPUID_HV_BIT] = { "cpuid_hypervisor_bit", 95 },
	[VMFENCE_SIG_CPUID_VENDOR] = { "cpuid_vendor_leaf", 98 },
	[VMFENCE_SIG_KERNEL_HYPER] = { "kernel_hypervisor", 95 },
	[VMFENCE_SIG_KERNEL_PV] = { "kernel_paravirt", 90 },
	[VMFENCE_SIG_PV_CLOCK] = { "pv_clock", 90 },
	[VMFENCE_SIG_STEAL_TIME] = { "steal_time", 70 },
	[VMFENCE_SIG_SYS_HYPERVISOR] = { "sys_hypervisor", 95 },
	[VMFENCE_SIG_XEN_DOM0] = { "xen_control_domain", 0 },
	[VMFENCE_SIG_DEVTREE] = { "devtree_hypervisor", 90 },
	[VMFENCE_SIG_CONFIDENTIAL] = { "confidential", 99 },
	[VMFENCE_SIG_DMI] = { "dmi", 80 },
	[VMFENCE_SIG_SMBIOS_VM] = { "smbios_vm_bit", 90 },
	[VMFENCE_SIG_FIRMWARE_MISSING] = { "firmware_missing", 35 },
	[VMFENCE_SIG_ACPI_OEM] = { "acpi_oem", 75 },
	[VMFENCE_SIG_ACPI_WAET] = { "acpi_waet", 60 },
	[VMFENCE_SIG_ACPI_DEVICE] = { "acpi_device", 85 },
	[VMFENCE_SIG_PCI_DEVICE] = { "pci_device", 85 },
	[VMFENCE_SIG_PCI_VIRTIO] = { "pci_virtio", 60 },
	[VMFENCE_SIG_PCI_QEMU_SUBSYS] = { "pci_qemu_subsystem", 85 },
	[VMFENCE_SIG_PCI_HW_VIRTIO] = { "pci_hw_virtio", 0 },
	[VMFENCE_SIG_VIRTIO_BUS] = { "virtio_bus", 50 },
	[VMFENCE_SIG_VIRTIO_MMIO] = { "virtio_mmio", 80 },
	[VMFENCE_SIG_VMBUS] = { "vmbus", 90 },
	[VMFENCE_SIG_XENBUS] = { "xenbus", 85 },
	[VMFENCE_SIG_MAC_OUI] = { "mac_oui", 30 },
	[VMFENCE_SIG_TPM] = { "tpm", 40 },
	[VMFENCE_SIG_CPU_MODEL] = { "cpu_model", 60 },
	[VMFENCE_SIG_CPU_BRAND] = { "cpu_brand", 40 },
	[VMFENCE_SIG_BOOT_MISMATCH] = { "boot_cpuid_mismatch", 60 },
	[VMFENCE_SIG_NO_PMU] = { "no_pmu", 20 },
	[VMFENCE_SIG_MICROCODE] = { "microcode", 30 },
	[VMFENCE_SIG_NO_THERMAL] = { "no_thermal", 20 },
	[VMFENCE_SIG_CACHE_LEAVES] = { "cache_leaves", 15 },
	[VMFENCE_SIG_TIMING] = { "cpuid_timing", 45 },
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
