// SPDX-License-Identifier: GPL-2.0
/*
 * detect.c - the verdict: a pure function of the evidence
 *
 * Confidence combines the hits as independent evidence (a "noisy OR"): the
 * chance that the machine is not virtualized is the product over the hits of
 * (100 - weight) percent. A 98 alone gives 98; three weak 20s give 48.
 * Weak signals (signals.h, enum vmfence_sig_group) first combine within
 * their group, which then counts for at most VMFENCE_GROUP_CAP: correlated
 * weak evidence never convicts without an independent group; on a machine
 * whose TPM proved a hardware EK, the cap is VMFENCE_GROUP_CAP_HW_TPM
 * (counter-evidence that strong signals override). Unknown
 * signals count for nothing either way. Integer arithmetic only, in
 * hundredths of a percent.
 */

#include "detect.h"
#include "tables.h"

static unsigned int confidence(const struct vmfence_signal *sigs)
{
	unsigned int group_bare[VMFENCE_GROUP_COUNT];
	unsigned int i, g, cap, bare = 10000;

	for (g = 0; g < VMFENCE_GROUP_COUNT; g++)
		group_bare[g] = 10000;
	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		if (sigs[i].state != VMFENCE_SIG_HIT || !sigs[i].weight)
			continue;
		g = vmfence_signal_group(i);
		group_bare[g] = (group_bare[g] * (100 - sigs[i].weight) + 50) / 100;
	}
	bare = group_bare[VMFENCE_GROUP_NONE];
	cap = 10000 - VMFENCE_GROUP_CAP * 100;
	if (sigs[VMFENCE_SIG_TPM_HARDWARE].state == VMFENCE_SIG_HIT)
		cap = 10000 - VMFENCE_GROUP_CAP_HW_TPM * 100;
	for (g = VMFENCE_GROUP_NONE + 1; g < VMFENCE_GROUP_COUNT; g++)
		bare = (bare * (group_bare[g] > cap ? group_bare[g] : cap) + 5000) / 10000;
	return (10000 - bare) / 100;
}

/*
 * The hypervisor the most specific hit names; at equal rank, the heavier.
 * Weight-0 hits count: a cloud's DMI strings name the platform of a VM
 * that other signals proved.
 */
static enum vmfence_hv attribute(const struct vmfence_signal *sigs)
{
	const struct vmfence_signal *best = NULL, *s;
	unsigned int i;

	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		s = &sigs[i];
		if (s->state != VMFENCE_SIG_HIT || s->hv == VMFENCE_HV_NONE)
			continue;
		if (!best || s->rank > best->rank ||
		    (s->rank == best->rank && s->weight > best->weight))
			best = s;
	}
	return best ? best->hv : VMFENCE_HV_OTHER;
}

/* What a hypervisor shows its own host partition as well as its guests. */
static const enum vmfence_signal_id host_explained[] = {
	VMFENCE_SIG_CPUID_HV_BIT, VMFENCE_SIG_CPUID_VENDOR,
	VMFENCE_SIG_KERNEL_HYPER, VMFENCE_SIG_KERNEL_PV, VMFENCE_SIG_PV_CLOCK,
	VMFENCE_SIG_STEAL_TIME, VMFENCE_SIG_SYS_HYPERVISOR, VMFENCE_SIG_DEVTREE,
	VMFENCE_SIG_VMBUS, VMFENCE_SIG_XENBUS, VMFENCE_SIG_TIMING,
};

/*
 * The hypervisor whose host partition this is: Xen's control domain or
 * Hyper-V's root partition; VMFENCE_HV_NONE for neither.
 */
static enum vmfence_hv host_partition(const struct vmfence_signal *sigs)
{
	if (sigs[VMFENCE_SIG_XEN_DOM0].state == VMFENCE_SIG_HIT)
		return VMFENCE_HV_XEN;
	if (sigs[VMFENCE_SIG_HV_ROOT].state == VMFENCE_SIG_HIT)
		return VMFENCE_HV_MICROSOFT;
	return VMFENCE_HV_NONE;
}

/*
 * In a host partition, the hits that its own hypervisor's presence
 * explains (its bit, its signature, its clock, its bus) weigh nothing;
 * what describes the machine itself (firmware, devices, CPU realism) still
 * counts, so that a guest is a guest even when its kernel claims dom0.
 */
static void discount_host(struct vmfence_signal *sigs, enum vmfence_hv host)
{
	struct vmfence_signal *s;
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(host_explained); i++) {
		s = &sigs[host_explained[i]];
		if (s->state != VMFENCE_SIG_HIT || !s->weight ||
		    (s->hv != VMFENCE_HV_NONE && s->hv != host))
			continue;
		s->weight = 0;
		len = strlen(s->detail);
		snprintf(s->detail + len, sizeof(s->detail) - len,
			 " (host partition)");
	}
}

/**
 * vmfence_weigh() - the verdict of evaluated signals
 * @v: the verdict; its signals must be evaluated, the rest is filled
 *
 * Threshold-free: the confidence, the hypervisor the evidence names, the
 * confidential type, and the hypervisor whose host partition this is. In
 * a host partition the hits its hypervisor explains are set to weight 0
 * first. vmfence_conclude() judges the result against a threshold.
 */
void vmfence_weigh(struct vmfence_verdict *v)
{
	const struct vmfence_signal *cc = &v->signals[VMFENCE_SIG_CONFIDENTIAL];

	v->host = host_partition(v->signals);
	if (v->host != VMFENCE_HV_NONE)
		discount_host(v->signals, v->host);
	v->confidence = confidence(v->signals);
	v->hv = v->confidence ? attribute(v->signals) : VMFENCE_HV_NONE;
	v->cc = cc->state == VMFENCE_SIG_HIT ? cc->cc : VMFENCE_CC_NONE;
}

/**
 * vmfence_detect() - what the facts show about the machine
 * @f: the facts, from whichever reader
 * @v: receives the verdict and all its evidence
 *
 * Pure: no I/O, no allocation; @v is about 4 KiB, so callers keep it off
 * the kernel stack.
 */
void vmfence_detect(const struct vmfence_facts *f, struct vmfence_verdict *v)
{
	vmfence_signals_eval(f, v->signals);
	vmfence_weigh(v);
}
