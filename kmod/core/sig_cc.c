// SPDX-License-Identifier: GPL-2.0
/*
 * sig_cc.c - the confidential-computing signal: SEV, SEV-ES, SEV-SNP, TDX
 * and Hyper-V isolation. Only a guest can be one, so a hit is near-certain
 * evidence of virtualization as well as the type reported in the verdict.
 */

#include "sigeval.h"

#define HV_CPUID_ISOLATION	0x4000000c
#define HV_ISOLATION_VBS	1
#define HV_ISOLATION_SNP	2
#define HV_ISOLATION_TDX	3

static unsigned int strength(enum vmfence_cc cc)
{
	switch (cc) {
	case VMFENCE_CC_HYPERV:
	case VMFENCE_CC_SEV:
		return 1;
	case VMFENCE_CC_SEV_ES:
		return 2;
	case VMFENCE_CC_SEV_SNP:
	case VMFENCE_CC_TDX:
		return 3;
	default:
		return 0;
	}
}

static void offer(struct vmfence_signal *s, enum vmfence_cc cc, const char *why)
{
	if (strength(cc) <= strength(s->cc))
		return;
	s->cc = cc;
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	snprintf(s->detail, sizeof(s->detail), "%s: %s", vmfence_cc_name(cc), why);
}

static void from_cpuid(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_cpuid_leaf *l;
	char sig[VMFENCE_SIG_LEN];

	l = vmfence_facts_cpuid(f, 0x21, 0);
	if (l && vmfence_cpuid_has(f, 0x21) && l->ebx == 0x65746e49 &&
	    l->edx == 0x5844546c && l->ecx == 0x20202020)	/* "IntelTDX    " */
		offer(s, VMFENCE_CC_TDX, "cpuid 0x21 \"IntelTDX    \"");

	l = vmfence_facts_cpuid(f, VMFENCE_HV_LEAF_FIRST, 0);
	if (!l || l->eax < HV_CPUID_ISOLATION)
		return;
	vmfence_cpuid_sig(l, sig);
	if (memcmp(sig, "Microsoft Hv", VMFENCE_SIG_LEN))
		return;
	l = vmfence_facts_cpuid(f, HV_CPUID_ISOLATION, 0);
	if (!l)
		return;
	switch (l->ebx & 0xf) {
	case HV_ISOLATION_VBS:
		offer(s, VMFENCE_CC_HYPERV, "Hyper-V VBS isolation (cpuid 0x4000000c)");
		break;
	case HV_ISOLATION_SNP:
		offer(s, VMFENCE_CC_SEV_SNP, "Hyper-V SNP isolation (cpuid 0x4000000c)");
		break;
	case HV_ISOLATION_TDX:
		offer(s, VMFENCE_CC_TDX, "Hyper-V TDX isolation (cpuid 0x4000000c)");
		break;
	}
}

static void from_kernel(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	u64 sev = f->cc.sev_status;

	if (f->cpu.state == VMFENCE_FACT_PRESENT &&
	    (f->cpu.flags & VMFENCE_CPU_TDX_GUEST))
		offer(s, VMFENCE_CC_TDX, "kernel runs as a TDX guest");
	if (f->cc.state != VMFENCE_FACT_PRESENT)
		return;
	if (f->cc.flags & VMFENCE_CCF_TDX_GUEST)
		offer(s, VMFENCE_CC_TDX, "kernel runs as a TDX guest");
	if (f->cc.flags & VMFENCE_CCF_SEV_STATUS) {
		if (sev & VMFENCE_SEV_SNP_ENABLED)
			offer(s, VMFENCE_CC_SEV_SNP, "sev_status SNP enabled");
		else if (sev & VMFENCE_SEV_ES_ENABLED)
			offer(s, VMFENCE_CC_SEV_ES, "sev_status SEV-ES enabled");
		else if (sev & VMFENCE_SEV_ENABLED)
			offer(s, VMFENCE_CC_SEV, "sev_status SEV enabled");
	}
	if (f->cc.flags & VMFENCE_CCF_SEV_GUEST)
		offer(s, VMFENCE_CC_SEV_SNP, "SEV-SNP guest device");
	if (f->cc.flags & VMFENCE_CCF_MEM_ENCRYPT) {
		if (vmfence_cpuid_vendor(f) == VMFENCE_VENDOR_INTEL)
			offer(s, VMFENCE_CC_TDX, "guest memory encryption");
		else
			offer(s, VMFENCE_CC_SEV, "guest memory encryption");
	}
}

static void eval_cc(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	if (!vmfence_known(f->cpuid.state) && !vmfence_known(f->cc.state) &&
	    !vmfence_known(f->cpu.state))
		return;
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail),
		 "no SEV, TDX or Hyper-V isolation seen");
	from_cpuid(f, s);
	from_kernel(f, s);
}

/**
 * vmfence_eval_cc() - evaluate the confidential-computing signal
 * @f: the facts
 * @sigs: all signals; fills the confidential one
 */
void vmfence_eval_cc(const struct vmfence_facts *f, struct vmfence_signal *sigs)
{
	eval_cc(f, &sigs[VMFENCE_SIG_CONFIDENTIAL]);
}
