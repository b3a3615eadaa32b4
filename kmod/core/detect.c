// SPDX-License-Identifier: GPL-2.0
/*
 * detect.c - the verdict: a pure function of the evidence
 *
 * Confidence combines the hits as independent evidence (a "noisy OR"): the
 * chance that the machine is not virtualized is the product over the hits of
 * (100 - weight) percent. A 98 alone gives 98; three weak 20s give 48.
 * Unknown signals count for nothing either way. Integer arithmetic only, in
 * hundredths of a percent.
 */

#include "detect.h"
#include "tables.h"

static unsigned int confidence(const struct vmfence_signal *sigs)
{
	unsigned int i, bare = 10000;

	for (i = 0; i < VMFENCE_SIG_COUNT; i++)
		if (sigs[i].state == VMFENCE_SIG_HIT && sigs[i].weight)
			bare = (bare * (100 - sigs[i].weight) + 50) / 100;
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

/**
 * vmfence_weigh() - the verdict of evaluated signals
 * @v: the verdict; its signals must be evaluated, the rest is filled
 *
 * Threshold-free: the confidence, the hypervisor the evidence names and
 * the confidential type. vmfence_conclude() judges them against a threshold.
 */
void vmfence_weigh(struct vmfence_verdict *v)
{
	const struct vmfence_signal *cc = &v->signals[VMFENCE_SIG_CONFIDENTIAL];

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
