// SPDX-License-Identifier: GPL-2.0
/* timing.c - what an exiting instruction costs against a non-exiting one */

#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <asm/msr.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

#include "probe.h"

/*
 * Odd, so that the median is one sample. Interleaved, so that a frequency
 * change or an interrupt storm shifts both series alike; interrupts are off
 * throughout, so that no sample includes a handler.
 */
#define TIMING_SAMPLES 63

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/**
 * vmfence_probe_timing() - median TSC cycles of CPUID and of a baseline
 * @f: facts to fill
 *
 * CPUID always exits to a hypervisor; the baseline, two back-to-back ordered
 * TSC reads, never does. The medians are robust to the odd outlier.
 *
 * Context: process context.
 */
void vmfence_probe_timing(struct vmfence_facts *f)
{
	unsigned long flags;
	u32 *cpuid, *base;
	u64 t0;
	int i;

	if (!boot_cpu_has(X86_FEATURE_TSC))
		return;
	cpuid = kmalloc_array(2 * TIMING_SAMPLES, sizeof(*cpuid), GFP_KERNEL);
	if (!cpuid)
		return;
	base = cpuid + TIMING_SAMPLES;

	local_irq_save(flags);
	for (i = 0; i < TIMING_SAMPLES; i++) {
		t0 = rdtsc_ordered();
		base[i] = rdtsc_ordered() - t0;
		t0 = rdtsc_ordered();
		cpuid_eax(0);
		cpuid[i] = rdtsc_ordered() - t0;
	}
	local_irq_restore(flags);

	sort(cpuid, TIMING_SAMPLES, sizeof(*cpuid), cmp_u32, NULL);
	sort(base, TIMING_SAMPLES, sizeof(*base), cmp_u32, NULL);
	f->timing.cpuid_cycles = cpuid[TIMING_SAMPLES / 2];
	f->timing.base_cycles = base[TIMING_SAMPLES / 2];
	f->timing.state = VMFENCE_FACT_PRESENT;
	kfree(cpuid);
}
