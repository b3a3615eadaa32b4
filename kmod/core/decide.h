/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decide.h - what a matching rule does to an exec or a module load
 *
 * The decision is a pure function of the rule, the verdict in force and the
 * policy's settings, so that the kernel, vmfencectl and the tests share it.
 */
#ifndef VMFENCE_CORE_DECIDE_H
#define VMFENCE_CORE_DECIDE_H

#include "port.h"

/* Ordered: combining two outcomes keeps the stronger (the larger). */
enum vmfence_decision {
	VMFENCE_ALLOW,		/* run it, record nothing */
	VMFENCE_AUDIT,		/* run it, and record the match */
	VMFENCE_DENY,		/* refuse it, and record the refusal */
};

/**
 * struct vmfence_situation - what a decision depends on besides the rule
 * @mode: enum vmfence_mode, from the policy
 * @threshold: confidence at which the machine counts as virtualized, from
 *	the same policy generation as @mode
 * @confidence: the verdict's confidence, 0-100
 * @hv: the verdict's enum vmfence_hv
 * @cc: the verdict's enum vmfence_cc
 */
struct vmfence_situation {
	u8 mode;
	u8 threshold;
	u8 confidence;
	u8 hv;
	u8 cc;
};

enum vmfence_decision vmfence_decide(const struct vmfence_situation *s,
				     u8 action, u32 on_hv, u32 allow_cc);
bool vmfence_situation_checks(const struct vmfence_situation *s);
u64 vmfence_situation_key(const struct vmfence_situation *s);

#endif /* VMFENCE_CORE_DECIDE_H */
