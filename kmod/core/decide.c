// SPDX-License-Identifier: GPL-2.0
/* decide.c - what a matching rule does to an exec or a module load */

#include "decide.h"
#include "ids.h"
#include "rule.h"

/**
 * vmfence_situation_checks() - whether any rule can apply at all
 * @s: the situation
 *
 * Rules apply only with a mode other than off, on a machine that counts as
 * virtualized. When this is false, the enforcement paths look nothing up
 * and record nothing.
 *
 * Return: true when rules must be looked up.
 */
bool vmfence_situation_checks(const struct vmfence_situation *s)
{
	return s->mode != VMFENCE_MODE_OFF && s->mode < VMFENCE_MODE_COUNT &&
	       s->confidence >= s->threshold;
}

/**
 * vmfence_situation_key() - a situation in one word
 * @s: the situation
 *
 * Two situations with the same key lead every rule to the same decision,
 * so a decision can be remembered under it.
 *
 * Return: the key.
 */
u64 vmfence_situation_key(const struct vmfence_situation *s)
{
	return (u64)s->mode | (u64)s->threshold << 8 | (u64)s->confidence << 16 |
	       (u64)s->hv << 24 | (u64)s->cc << 32;
}

/**
 * vmfence_decide() - the outcome of one matching rule
 * @s: the policy's settings and the verdict in force
 * @action: the rule's enum vmfence_action
 * @on_hv: the rule's on= bitmask of enum vmfence_hv; 0 for every hypervisor
 * @allow_cc: the rule's allow-cc= bitmask of enum vmfence_cc
 *
 * A rule applies on a virtualized machine (confidence at least the
 * threshold), when its on= list is empty or names the hypervisor, and when
 * the machine is not a confidential VM of a type its allow-cc= list names.
 * A hypervisor id out of range matches no on= list; a confidential type out
 * of range is in no allow-cc= list.
 * An applying audit rule, or any applying rule in audit mode, is recorded
 * and allowed; an applying deny rule in enforce mode refuses. Mode off, or
 * an unknown mode or action, allows without a record.
 *
 * Return: VMFENCE_ALLOW, VMFENCE_AUDIT or VMFENCE_DENY.
 */
enum vmfence_decision vmfence_decide(const struct vmfence_situation *s,
				     u8 action, u32 on_hv, u32 allow_cc)
{
	if (!vmfence_situation_checks(s))
		return VMFENCE_ALLOW;
	if (on_hv && (s->hv >= VMFENCE_HV_COUNT || !(on_hv & (1u << s->hv))))
		return VMFENCE_ALLOW;
	if (s->cc != VMFENCE_CC_NONE && s->cc < VMFENCE_CC_COUNT &&
	    (allow_cc & (1u << s->cc)))
		return VMFENCE_ALLOW;
	switch (action) {
	case VMFENCE_ACTION_DENY:
		return s->mode == VMFENCE_MODE_ENFORCE ? VMFENCE_DENY : VMFENCE_AUDIT;
	case VMFENCE_ACTION_AUDIT:
		return VMFENCE_AUDIT;
	default:
		return VMFENCE_ALLOW;
	}
}
