/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decide.h - what a matching rule does to an exec or a module load
 *
 * The decision is a pure function of the rule, the verdict in force, the
 * policy's settings and whether the TPM is one the policy binds to, so that
 * the kernel, vmfencectl and the tests share it.
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
 * @mode: enum vmfence_policy_mode, from the policy
 * @threshold: confidence at which the machine counts as virtualized, from
 *	the same policy generation as @mode
 * @confidence: the verdict's confidence, 0-100
 * @hv: the verdict's enum vmfence_hv, as the evidence names it whatever the
 *	threshold (struct vmfence_verdict)
 * @cc: the verdict's enum vmfence_cc
 * @host: the verdict's host partition (struct vmfence_verdict): the enum
 *	vmfence_hv whose host partition the machine is, VMFENCE_HV_NONE if none
 * @hv_also: bits (1 << enum vmfence_hv) of the other hypervisors a locked
 *	verdict has named since the lock; on= lists match them as well as
 *	@hv, so that a rescan after the lock cannot take a hypervisor out of
 *	a rule's reach
 * @bound: enum vmfence_tpm_bound: UNSET when the policy lists no EK
 *	(bind-tpm), YES when the TPM proved possession of a listed EK, NO
 *	otherwise: then the machine is not allowed, whatever the verdict
 */
struct vmfence_situation {
	u8 mode;
	u8 threshold;
	u8 confidence;
	u8 hv;
	u8 cc;
	u8 host;
	u8 bound;
	u32 hv_also;
};

/**
 * struct vmfence_conclusion - a verdict judged against the threshold: what
 *	every reader reports (sysfs, netlink, the record, vmfencectl)
 * @virtualized: the machine counts as virtualized: what the evidence says,
 *	judged against the threshold, and nothing else
 * @unbound: the policy binds to TPMs (bind-tpm) and this machine's TPM
 *	proved possession of none of them: rules apply as on a virtualized
 *	machine whatever @virtualized says
 * @confidence: the verdict's
 * @hv: the hypervisor; VMFENCE_HV_NONE when not virtualized,
 *	VMFENCE_HV_OTHER when virtualized on something no signal names
 * @cc: the confidential-computing type
 * @role: enum vmfence_role: guest when virtualized, else host when the
 *	verdict found a host partition, else none
 */
struct vmfence_conclusion {
	bool virtualized;
	bool unbound;
	u8 confidence;
	u8 hv;
	u8 cc;
	u8 role;
};

void vmfence_conclude(const struct vmfence_situation *s,
		      struct vmfence_conclusion *c);
enum vmfence_decision vmfence_decide(const struct vmfence_situation *s,
				     u8 role, u8 action, u32 on_hv, u32 allow_cc,
				     u8 roles);
bool vmfence_situation_checks(const struct vmfence_situation *s);
u64 vmfence_situation_key(const struct vmfence_situation *s);

#endif /* VMFENCE_CORE_DECIDE_H */
