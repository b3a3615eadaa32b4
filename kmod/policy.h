/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policy.h - the policy store: rule sets and settings, published with RCU
 *
 * A policy is one immutable generation: the settings (mode, threshold) and a
 * rule set, hashed for O(1) lookup by (target, match, value). Writers build
 * a new generation beside the running one and publish it with one pointer
 * store; readers on the exec path see either the old or the new generation,
 * never a mix. Generations that change only settings share the rule set.
 *
 * Locking: every writer takes vmfence_policy_mutex (inside the store; callers
 * take nothing). Readers hold rcu_read_lock() across vmfence_policy_current()
 * and every use of what it returns, or hold a reference from
 * vmfence_policy_get() in process context. Once locked (vmfence_policy_lock())
 * every writer fails with -EPERM until reboot.
 */
#ifndef VMFENCE_POLICY_H
#define VMFENCE_POLICY_H

#include <linux/bits.h>
#include <linux/kref.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "core/rule.h"
#include "core/rule_parse.h"
#include "ruleset.h"

/**
 * struct vmfence_policy - one generation of the policy
 * @generation: increases by one with every change, rules or settings
 * @mode: enum vmfence_policy_mode
 * @threshold: confidence (0-100) at which the machine counts as virtualized
 * @rules: the rule set, shared with other generations
 * @ref: references; the store holds one while the generation is current
 * @rcu: frees the generation after the readers that saw it are done
 */
struct vmfence_policy {
	u64 generation;
	u8 mode;
	u8 threshold;
	struct vmfence_ruleset *rules;
	struct kref ref;
	struct rcu_head rcu;
};

int vmfence_policy_init(void);
void vmfence_policy_exit(void);
void vmfence_policy_guard_unload(void);

/* Readers */
const struct vmfence_policy *vmfence_policy_current(void);
struct vmfence_policy *vmfence_policy_get(void);
void vmfence_policy_put(struct vmfence_policy *p);
const struct vmfence_prule *vmfence_policy_lookup(const struct vmfence_policy *p,
						  u8 target, u8 match,
						  const void *value, u16 len);
bool vmfence_policy_has(const struct vmfence_policy *p, u8 target, u8 match);
bool vmfence_policy_has_roles(const struct vmfence_policy *p);
bool vmfence_policy_path_may_end_in(const struct vmfence_policy *p, u8 target,
				    const char *name, u32 len);
u32 vmfence_policy_nr_rules(const struct vmfence_policy *p);
const struct vmfence_prule *vmfence_policy_rule(const struct vmfence_policy *p,
						u32 index);
size_t vmfence_policy_bytes(const struct vmfence_policy *p);
bool vmfence_policy_locked(void);

/**
 * struct vmfence_policy_summary - one generation, at a glance
 * @generation: its number
 * @mode: enum vmfence_policy_mode
 * @threshold: 0-100
 * @nr_rules: rules in it
 * @bytes: memory its rules take
 */
struct vmfence_policy_summary {
	u64 generation;
	u8 mode;
	u8 threshold;
	u32 nr_rules;
	size_t bytes;
};

void vmfence_policy_summarize(const struct vmfence_policy *p,
			      struct vmfence_policy_summary *sum);
void vmfence_policy_summary(struct vmfence_policy_summary *sum);

/*
 * Writers: process context; each may fail with -EPERM once locked, and
 * each fills @published, when not NULL, with the generation it made
 * current.
 */
int vmfence_policy_set(int mode, int threshold,
		       struct vmfence_policy_summary *published);
int vmfence_policy_lock(void);
int vmfence_policy_rule_add(const struct vmfence_rule *rule, u32 *id,
			    struct vmfence_policy_summary *published);
int vmfence_policy_rule_del(u32 id, struct vmfence_policy_summary *published);

/* Whole-policy replace, built beside the running policy, then committed. */
struct vmfence_builder;

struct vmfence_builder *vmfence_builder_new(void);
int vmfence_builder_add(struct vmfence_builder *b,
			const struct vmfence_rule *rule);
int vmfence_builder_parse(struct vmfence_builder *b, const char *text,
			  size_t len, struct vmfence_parse_error *err);
int vmfence_builder_commit(struct vmfence_builder *b,
			   struct vmfence_policy_summary *published);
void vmfence_builder_free(struct vmfence_builder *b);

#endif /* VMFENCE_POLICY_H */
