// SPDX-License-Identifier: GPL-2.0
/*
 * sig_realism.c - signals from what real CPUs always have and VMs often lack
 *
 * Each is weak alone: a hypervisor may pass the real thing through, and an
 * old or unusual physical machine may lack it. Together they are what
 * remains when a hypervisor hides everything it can.
 */

#include "sigeval.h"

/* Intel's architectural PMU (leaf 0xa) or AMD's core counters (PerfCtrExtCore). */
static void eval_pmu(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	enum vmfence_cpu_vendor v = vmfence_cpuid_vendor(f);
	const struct vmfence_cpuid_leaf *l;
	struct vmfence_fms fms;
	bool none;

	if (!vmfence_cpuid_fms(f, &fms))
		return;
	/*
	 * Intel's family 6 has had an architectural PMU since Core 2; AMD's
	 * families 15h and 17h on have PerfCtrExtCore, 16h (Jaguar) has not.
	 */
	if (v == VMFENCE_VENDOR_INTEL && fms.family == 6 &&
	    vmfence_cpuid_has(f, 0xa)) {
		l = vmfence_facts_cpuid(f, 0xa, 0);
		if (!l)
			return;
		none = !(l->eax & 0xff);
		snprintf(s->detail, sizeof(s->detail),
			 "cpuid 0xa: architectural PMU version %u", l->eax & 0xff);
	} else if (v == VMFENCE_VENDOR_AMD &&
		   (fms.family == 0x15 || fms.family >= 0x17)) {
		l = vmfence_facts_cpuid(f, 0x80000001, 0);
		if (!l)
			return;
		none = !(l->ecx & (1u << 23));
		snprintf(s->detail, sizeof(s->detail),
			 "cpuid 0x80000001 ecx: core performance counters %s",
			 none ? "missing" : "present");
	} else {
		return;
	}
	if (none)
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(s);
}

/*
 * Hypervisors report revision 0, 1 or ~0; real CPUs run loaded microcode.
 * No revision at all is not evidence: old kernels print none.
 */
static void eval_microcode(const struct vmfence_facts *f,
			   struct vmfence_signal *s)
{
	u32 rev = f->microcode.rev;

	if (!vmfence_known(f->microcode.state))
		return;
	if (f->microcode.state == VMFENCE_FACT_ABSENT) {
		snprintf(s->detail, sizeof(s->detail),
			 "no microcode revision (not evidence)");
		vmfence_sig_miss(s);
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "microcode revision 0x%x", rev);
	if (rev == 0 || rev == 1 || rev == 0xffffffff)
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(s);
}

/*
 * A digital thermal sensor: Intel's CPUID.6:EAX[0], AMD's CPUID.80000007:EDX
 * TS, TTP or TM. A thermal MSR that reads, or a bound CPU thermal driver,
 * proves one; an MSR read that faults proves its absence. Only families
 * that always have one count: Intel family 6 from Core Duo (model 0xe) on,
 * AMD from K8 (family 0xf) on; Pentium 4, Pentium M and Quark have none.
 */
static bool thermal_family(const struct vmfence_facts *f,
			   enum vmfence_cpu_vendor v)
{
	struct vmfence_fms fms;

	if (!vmfence_cpuid_fms(f, &fms))
		return false;
	if (v == VMFENCE_VENDOR_INTEL)
		return fms.family == 6 && fms.model >= 0xe;
	return v == VMFENCE_VENDOR_AMD && fms.family >= 0xf;
}

static void eval_thermal(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	enum vmfence_cpu_vendor v = vmfence_cpuid_vendor(f);
	const struct vmfence_cpuid_leaf *l = NULL;
	bool sensor = false;

	if (f->thermal.state == VMFENCE_FACT_PRESENT) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "thermal sensor readable");
		return;
	}
	if (!thermal_family(f, v))
		return;
	if (v == VMFENCE_VENDOR_INTEL && vmfence_cpuid_has(f, 0x6)) {
		l = vmfence_facts_cpuid(f, 0x6, 0);
		sensor = l && (l->eax & 1);
	} else if (v == VMFENCE_VENDOR_AMD && vmfence_cpuid_has(f, 0x80000007)) {
		l = vmfence_facts_cpuid(f, 0x80000007, 0);
		sensor = l && (l->edx & 0x19);
	}
	if (f->thermal.state != VMFENCE_FACT_ABSENT && !l)
		return;
	if (f->thermal.state != VMFENCE_FACT_ABSENT && sensor) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail),
			 "cpuid reports a thermal sensor");
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "%s",
		 f->thermal.state == VMFENCE_FACT_ABSENT ?
		 "thermal MSR unreadable" : "cpuid reports no thermal sensor");
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

/* Cache leaves that the CPU advertises but leaves empty. */
static void eval_cache(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	enum vmfence_cpu_vendor v = vmfence_cpuid_vendor(f);
	const struct vmfence_cpuid_leaf *l, *ext;

	if (v == VMFENCE_VENDOR_INTEL && vmfence_cpuid_has(f, 0x4)) {
		l = vmfence_facts_cpuid(f, 0x4, 0);
	} else if (v == VMFENCE_VENDOR_AMD &&
		   vmfence_cpuid_has(f, 0x8000001d)) {
		ext = vmfence_facts_cpuid(f, 0x80000001, 0);
		if (!ext || !(ext->ecx & (1u << 22)))	/* TOPOEXT */
			return;
		l = vmfence_facts_cpuid(f, 0x8000001d, 0);
	} else {
		return;
	}
	if (!l)
		return;
	snprintf(s->detail, sizeof(s->detail), "cpuid 0x%x: %s", l->leaf,
		 (l->eax & 0x1f) ? "cache described" : "no cache described");
	if (l->eax & 0x1f)
		vmfence_sig_miss(s);
	else
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

/**
 * vmfence_eval_realism() - evaluate the hardware-realism signals
 * @f: the facts
 * @sigs: all signals; fills PMU, microcode, thermal and cache
 */
void vmfence_eval_realism(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs)
{
	eval_pmu(f, &sigs[VMFENCE_SIG_NO_PMU]);
	eval_microcode(f, &sigs[VMFENCE_SIG_MICROCODE]);
	eval_thermal(f, &sigs[VMFENCE_SIG_NO_THERMAL]);
	eval_cache(f, &sigs[VMFENCE_SIG_CACHE_LEAVES]);
}
