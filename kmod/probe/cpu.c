// SPDX-License-Identifier: GPL-2.0
/* cpu.c - CPUID now, the boot CPU as the kernel saw it, microcode, thermal */

#include <linux/smp.h>
#include <asm/msr.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

#include "core/cpuid.h"
#include "probe.h"

static void read_cpuid(struct vmfence_cpuid_leaf *l, void *ctx)
{
	cpuid_count(l->leaf, l->subleaf, &l->eax, &l->ebx, &l->ecx, &l->edx);
}

static const struct vmfence_cpuid_source live_cpuid = { .read = read_cpuid };

static void probe_boot_cpu(struct vmfence_facts *f)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	f->cpu.family = c->x86;
	f->cpu.model = c->x86_model;
	f->cpu.stepping = c->x86_stepping;
	if (boot_cpu_has(X86_FEATURE_HYPERVISOR))
		f->cpu.flags |= VMFENCE_CPU_HYPERVISOR;
	if (boot_cpu_has(X86_FEATURE_VMX))
		f->cpu.flags |= VMFENCE_CPU_VMX;
	if (boot_cpu_has(X86_FEATURE_SVM))
		f->cpu.flags |= VMFENCE_CPU_SVM;
	if (boot_cpu_has(X86_FEATURE_TDX_GUEST))
		f->cpu.flags |= VMFENCE_CPU_TDX_GUEST;
	vmfence_strlcpy(f->cpu.model_name, c->x86_model_id,
			sizeof(f->cpu.model_name));
	f->cpu.state = VMFENCE_FACT_PRESENT;

	f->microcode.rev = c->microcode;
	f->microcode.state = VMFENCE_FACT_PRESENT;
}

/*
 * Intel's package thermal status MSR reads on every CPU with a digital
 * thermal sensor; hypervisors rarely emulate it and the read faults. AMD
 * keeps its sensors off the MSR space, so CPUID alone speaks for AMD.
 */
static void probe_thermal(struct vmfence_facts *f)
{
	u64 val;

	if (boot_cpu_data.x86_vendor != X86_VENDOR_INTEL)
		return;
	if (rdmsrl_safe(MSR_IA32_THERM_STATUS, &val))
		f->thermal.state = VMFENCE_FACT_ABSENT;
	else
		f->thermal.state = VMFENCE_FACT_PRESENT;
}

/**
 * vmfence_probe_cpu() - CPUID leaves, boot CPU data, microcode and thermal
 * @f: facts to fill
 *
 * CPUID runs on one CPU throughout, so that per-CPU leaves agree.
 *
 * Context: process context.
 */
void vmfence_probe_cpu(struct vmfence_facts *f)
{
	get_cpu();
	vmfence_cpuid_collect(f, &live_cpuid);
	put_cpu();
	probe_boot_cpu(f);
	probe_thermal(f);
}
