/* SPDX-License-Identifier: GPL-2.0 */
/* detect.h - the verdict: virtualized or not, on what, and why */
#ifndef VMFENCE_CORE_DETECT_H
#define VMFENCE_CORE_DETECT_H

#include "facts.h"
#include "ids.h"
#include "signals.h"

/*
 * Confidence at which the machine counts as virtualized by default. Any
 * strong signal (a hypervisor signature, its devices, its firmware strings)
 * alone clears it; the weak hardware-realism signals of an unusual physical
 * machine, even several together, stay below it.
 */
#define VMFENCE_THRESHOLD_DEFAULT 60

/**
 * struct vmfence_verdict - the conclusion and its evidence
 * @virtualized: @confidence reached the threshold
 * @confidence: 0-100, how sure the evidence makes vmfence that this is a VM
 * @hv: the hypervisor; VMFENCE_HV_NONE when not virtualized,
 *	VMFENCE_HV_OTHER when virtualized on something no signal names
 * @cc: the confidential-computing type, VMFENCE_CC_NONE when none
 * @signals: every signal, indexed by enum vmfence_signal_id
 */
struct vmfence_verdict {
	bool virtualized;
	u8 confidence;
	enum vmfence_hv hv;
	enum vmfence_cc cc;
	struct vmfence_signal signals[VMFENCE_SIG_COUNT];
};

void vmfence_judge(struct vmfence_verdict *v, unsigned int threshold);
void vmfence_detect(const struct vmfence_facts *f, unsigned int threshold,
		    struct vmfence_verdict *v);

#endif /* VMFENCE_CORE_DETECT_H */
