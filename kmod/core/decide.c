// SPDX-License-Identifier: GPL-2.0
/* decide.c - what a matching rule does to an exec or a module load */

#include "decide.h"
#include "ids.h"
#include "rule.h"

/**
 * vmfence_conclude() - judge a verdict against the threshold
 * @s: the verdict's facts, the policy's threshold and the TPM binding
 *	(@mode is not read)
 * @c: the conclusion
 *
 * The one place where "virtualized" is decided: the confidence reached the
 * threshold. The role follows from it: a virtualized machine is a guest;
 * one that is not, but runs as a hypervisor's host partition, is the host;
 * any other is neither. Every reader of the verdict, and every decision,
 * goes through it, so that none can disagree with another about the same
 * scan and threshold.
 *
 * It also says whether the machine is "unbound": the policy binds to TPMs
 * and none of them proved itself here (@bound is VMFENCE_TPM_BOUND_NO). Such
 * a machine is not allowed, exactly as a virtualized one is not, but it is
 * not called virtualized: @virtualized, @hv and @role stay what the
 * evidence says. A @bound out of range counts as NO: fail closed.
 *
 * Context: any.
 */
void vmfence_conclude(const struct vmfence_situation *s,
		      struct vmfence_conclusion *c)
{
	c->confidence = s->confidence;
	c->virtualized = s->confidence >= s->threshold;
	c->unbound = s->bound != VMFENCE_TPM_BOUND_UNSET &&
		     s->bound != VMFENCE_TPM_BOUND_YES;
	c->cc = s->cc;
	if (!c->virtualized)
		c->hv = VMFENCE_HV_NONE;
	else
		c->hv = s->hv == VMFENCE_HV_NONE ? VMFENCE_HV_OTHER : s->hv;
	if (c->virtualized)
		c->role = VMFENCE_ROLE_GUEST;
	else if (s->host != VMFENCE_HV_NONE)
		c->role = VMFENCE_ROLE_HOST;
	else
		c->role = VMFENCE_ROLE_NONE;
}

/**
 * vmfence_situation_checks() - whether any rule can apply at all
 * @s: the situation
 *
 * Rules apply only with a mode other than off, on a machine that is not
 * allowed: one that counts as virtualized, or an unbound one (see
 * vmfence_conclude()). When this is false, the enforcement paths look
 * nothing up and record nothing.
 *
 * Context: any.
 * Return: true when rules must be looked up.
 */
bool vmfence_situation_checks(const struct vmfence_situation *s)
{
	struct vmfence_conclusion c;

	vmfence_conclude(s, &c);
	return s->mode != VMFENCE_POLICY_MODE_OFF && s->mode < VMFENCE_POLICY_MODE_COUNT &&
	       (c.virtualized || c.unbound);
}

/**
 * vmfence_situation_key() - a situation in one word
 * @s: the situation
 *
 * Two situations with the same key lead every rule to the same decision,
 * so a decision can be remembered under it. Every field counts: the mode
 * and the TPM binding share a byte (each below 16), the threshold and the
 * confidence (each at most 100) take 7 bits, hv_also the 16 bits its
 * hypervisors take.
 *
 * Context: any.
 * Return: the key.
 */
u64 vmfence_situation_key(const struct vmfence_situation *s)
{
	return (u64)(s->mode & 0xf) | (u64)(s->bound & 0xf) << 4 |
	       (u64)s->threshold << 8 | (u64)s->confidence << 16 |
	       (u64)s->hv << 24 | (u64)s->cc << 32 |
	       (u64)(s->hv_also & 0xffff) << 40 | (u64)s->host << 56;
}

/* Whether the machine is unbound (see vmfence_conclude()). */
static bool is_unbound(const struct vmfence_situation *s)
{
	struct vmfence_conclusion c;

	vmfence_conclude(s, &c);
	return c.unbound;
}

/*
 * The hypervisors on= lists match: the verdict's, and those the lock kept;
 * on an unbound machine, every one: where it runs is unknown.
 */
static u32 hv_mask(const struct vmfence_situation *s)
{
	u32 mask = s->hv_also & ((1u << VMFENCE_HV_COUNT) - 1);
	struct vmfence_conclusion c;

	vmfence_conclude(s, &c);
	if (c.unbound)
		return ~0u;
	if (c.hv < VMFENCE_HV_COUNT)
		mask |= 1u << c.hv;
	return mask;
}

/**
 * vmfence_decide() - the outcome of one matching rule
 * @s: the policy's settings and the verdict in force
 * @role: the enum vmfence_exec_role of the file being judged (target exec); any
 *	value for a module
 * @action: the rule's enum vmfence_rule_action
 * @on_hv: the rule's on= bitmask of enum vmfence_hv; 0 for every hypervisor
 * @allow_cc: the rule's allow-cc= bitmask of enum vmfence_cc
 * @roles: the rule's as= bitmask of enum vmfence_exec_role; 0 for every role
 *
 * A rule applies on a virtualized machine (confidence at least the
 * threshold), when its on= list is empty or names the hypervisor (or one
 * the lock kept, see struct vmfence_situation), when its as= list is empty
 * or names the part the file plays, and when the machine is not a
 * confidential VM of a type its allow-cc= list names. A hypervisor id out
 * of range matches no on= list; a role out of range no as= list; a
 * confidential type out of range is in no allow-cc= list.
 * On an unbound machine (the policy binds to TPMs, and none proved itself
 * here) a rule applies whatever the confidence, every on= list matches (the
 * hypervisor, if any, is unknown: fail closed) and allow-cc= exempts
 * nothing (a confidential VM is not the registered server either); as=
 * still applies, for it is about the file.
 * An applying audit rule, or any applying rule in audit mode, is recorded
 * and allowed; an applying deny rule in enforce mode refuses. Mode off, or
 * an unknown mode or action, allows without a record.
 *
 * Context: any.
 * Return: VMFENCE_ALLOW, VMFENCE_AUDIT or VMFENCE_DENY.
 */
enum vmfence_decision vmfence_decide(const struct vmfence_situation *s,
				     u8 role, u8 action, u32 on_hv, u32 allow_cc,
				     u8 roles)
{
	if (!vmfence_situation_checks(s))
		return VMFENCE_ALLOW;
	if (on_hv && !(on_hv & hv_mask(s)))
		return VMFENCE_ALLOW;
	if (roles && (role >= VMFENCE_EXEC_ROLE_COUNT || !(roles & (1u << role))))
		return VMFENCE_ALLOW;
	if (s->cc != VMFENCE_CC_NONE && s->cc < VMFENCE_CC_COUNT &&
	    (allow_cc & (1u << s->cc)) && !is_unbound(s))
		return VMFENCE_ALLOW;
	switch (action) {
	case VMFENCE_RULE_ACTION_DENY:
		return s->mode == VMFENCE_POLICY_MODE_ENFORCE ? VMFENCE_DENY : VMFENCE_AUDIT;
	case VMFENCE_RULE_ACTION_AUDIT:
		return VMFENCE_AUDIT;
	default:
		return VMFENCE_ALLOW;
	}
}
