// SPDX-License-Identifier: GPL-2.0
/* kernel.c - the kernel's own view: hypervisor type, paravirt, steal, Xen */

#include <linux/kernel_stat.h>
#include <asm/hypervisor.h>
#include <xen/xen.h>

#include "compat.h"
#include "probe.h"

static const char *const hyper_names[] = {
	[X86_HYPER_NATIVE] = "native",
	[X86_HYPER_VMWARE] = "vmware",
	[X86_HYPER_MS_HYPERV] = "ms_hyperv",
	[X86_HYPER_XEN_PV] = "xen_pv",
	[X86_HYPER_XEN_HVM] = "xen_hvm",
	[X86_HYPER_KVM] = "kvm",
	[X86_HYPER_JAILHOUSE] = "jailhouse",
	[X86_HYPER_ACRN] = "acrn",
};

static void probe_hyper_type(struct vmfence_facts *f)
{
	unsigned int t = x86_hyper_type;
	const char *name = t < ARRAY_SIZE(hyper_names) && hyper_names[t] ?
			   hyper_names[t] : "unknown";

	vmfence_strlcpy(f->kernel.hyper_type, name, sizeof(f->kernel.hyper_type));
	vmfence_strlcpy(f->kernel.pv_name, vmfence_pv_name(),
			sizeof(f->kernel.pv_name));
	f->kernel.state = VMFENCE_FACT_PRESENT;
}

/* Steal time, as /proc/stat counts it: USER_HZ ticks over every CPU. */
static void probe_steal(struct vmfence_facts *f)
{
	u64 ns = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		ns += kcpustat_cpu(cpu).cpustat[CPUTIME_STEAL];
	f->steal.ticks = div_u64(ns, NSEC_PER_SEC / USER_HZ);
	f->steal.state = VMFENCE_FACT_PRESENT;
}

/* What /sys/hypervisor/type and /proc/xen would show. */
static void probe_xen(struct vmfence_facts *f)
{
	if (!xen_domain()) {
		f->sys_hypervisor.state = VMFENCE_FACT_ABSENT;
		f->xen.state = VMFENCE_FACT_ABSENT;
		return;
	}
	vmfence_strlcpy(f->sys_hypervisor.type, "xen",
			sizeof(f->sys_hypervisor.type));
	f->sys_hypervisor.state = VMFENCE_FACT_PRESENT;
	f->xen.control_domain = xen_initial_domain();
	f->xen.state = VMFENCE_FACT_PRESENT;
}

/**
 * vmfence_probe_kernel() - what the kernel itself concluded at boot
 * @f: facts to fill
 *
 * The list of clocksources is not reachable from a module; it stays unknown
 * here (vmfencectl reads it from sysfs).
 *
 * Context: any.
 */
void vmfence_probe_kernel(struct vmfence_facts *f)
{
	probe_hyper_type(f);
	probe_steal(f);
	probe_xen(f);
}
