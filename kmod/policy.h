/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policy.h - the policy store: rule sets and settings, published with RCU
 *
 * A policy is one immutable generation: the settings (mode, threshold, the
 * bind-tpm list) and a rule set, hashed for O(1) lookup by (target, match,
 * value). Writers build
 * a new generation beside the running one and publish it with one pointer
 * store; readers on the exec path see either the old or the new generation,
 * never a mix. Generations that change only settings share the rule set;
 * generations that do not replace the whole policy share the bind list.
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
 * struct vmfence_bind - the EKs a policy binds to (bind-tpm); immutable
 * @ref: the generations that share it; the last one frees it
 * @n: EKs in @ek, 1 to VMFENCE_BIND_TPM_MAX
 * @ek: their ek_sha256, @n entries of VMFENCE_SHA256_SIZE bytes, sorted
 *	(vmfence_bind_insert()) for vmfence_bind_find()'s binary search
 */
struct vmfence_bind {
	struct kref ref;
	u32 n;
	u8 ek[];
};

/**
 * struct vmfence_policy - one generation of the policy
 * @generation: increases by one with every change, rules or settings
 * @mode: enum vmfence_policy_mode
 * @threshold: confidence (0-100) at which the machine counts as virtualized
 * @rules: the rule set, shared with other generations
 * @bind: the bind-tpm list, shared with other generations; NULL when the
 *	policy binds to no TPM. Set once, before the generation is published:
 *	readers need nothing but their hold on the generation
 * @ref: references; the store holds one while the generation is current
 * @rcu: frees the generation after the readers that saw it are done
 */
struct vmfence_policy {
	u64 generation;
	u8 mode;
	u8 threshold;
	struct vmfence_ruleset *rules;
	struct vmfence_bind *bind;
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
const u8 *vmfence_policy_bind_list(const struct vmfence_policy *p, u32 *n);
u8 vmfence_policy_tpm_bound(const struct vmfence_policy *p);
bool vmfence_policy_locked(void);

/**
 * struct vmfence_policy_summary - one generation, at a glance
 * @generation: its number
 * @mode: enum vmfence_policy_mode
 * @threshold: 0-100
 * @nr_rules: rules in it
 * @nr_bind: EKs its bind-tpm setting lists; 0 when it binds to no TPM
 * @tpm_bound: enum vmfence_tpm_bound of this machine under it
 *	(vmfence_policy_tpm_bound())
 * @bytes: memory its rules and its bind-tpm list take
 */
struct vmfence_policy_summary {
	u64 generation;
	u8 mode;
	u8 threshold;
	u8 tpm_bound;
	u32 nr_rules;
	u32 nr_bind;
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
