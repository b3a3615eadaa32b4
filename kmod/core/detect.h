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
 * struct vmfence_verdict - what the evidence shows, whatever the threshold
 * @confidence: 0-100, how sure the evidence makes vmfence that this is a VM
 * @hv: the hypervisor the evidence names: the most specific hit's;
 *	VMFENCE_HV_OTHER when signals hit but none names one;
 *	VMFENCE_HV_NONE when none hit
 * @cc: the confidential-computing type, VMFENCE_CC_NONE when none
 * @host: the hypervisor whose host partition this is (VMFENCE_HV_XEN for a
 *	Xen dom0, VMFENCE_HV_MICROSOFT for Hyper-V's root partition), or
 *	VMFENCE_HV_NONE; vmfence_conclude() decides the role from it
 * @signals: every signal, indexed by enum vmfence_signal_id
 *
 * Whether the machine counts as virtualized depends on the threshold too,
 * and is decided in one place for every reader: vmfence_conclude().
 */
struct vmfence_verdict {
	u8 confidence;
	enum vmfence_hv hv;
	enum vmfence_cc cc;
	enum vmfence_hv host;
	struct vmfence_signal signals[VMFENCE_SIG_COUNT];
};

void vmfence_weigh(struct vmfence_verdict *v);
void vmfence_detect(const struct vmfence_facts *f, struct vmfence_verdict *v);

#endif /* VMFENCE_CORE_DETECT_H */
