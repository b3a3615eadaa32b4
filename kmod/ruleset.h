/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ruleset.h - an immutable set of rules, hashed for O(1) lookup
 *
 * Built by one writer and sealed before it is published; then read only,
 * by any number of readers, under the reference (or the RCU read section
 * of the policy generation) that holds it. Lifetime: a kref; the last
 * vmfence_ruleset_put() frees it.
 */
#ifndef VMFENCE_RULESET_H
#define VMFENCE_RULESET_H

#include <linux/bits.h>
#include <linux/types.h>

#include "core/rule.h"

/* Bounds on one policy: beyond them a load fails with -ENOSPC. */
#define VMFENCE_MAX_RULES	BIT(20)
#define VMFENCE_MAX_POLICY_BYTES (128u << 20)

/**
 * struct vmfence_prule - one stored rule, immutable once published
 * @next: next rule in the same hash bucket
 * @id: its id, unique since boot; kept when other rules come and go
 * @hash: hash of (target, match, value)
 * @on_hv: bitmask of enum vmfence_hv: applies only there; 0 for anywhere
 * @allow_cc: bitmask of enum vmfence_cc: allowed inside these
 * @len: bytes in @value
 * @roles: bitmask of enum vmfence_exec_role: applies only to these; 0 for all
 * @action: enum vmfence_rule_action
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type
 * @value: the path, label or module name (not NUL-terminated), or the
 *	32-byte digest
 */
struct vmfence_prule {
	struct vmfence_prule *next;
	u32 id;
	u32 hash;
	u32 on_hv;
	u32 allow_cc;
	u16 len;
	u8 roles;
	u8 action;
	u8 target;
	u8 match;
	u8 value[];
};

struct vmfence_ruleset;

struct vmfence_ruleset *vmfence_ruleset_new(void);
int vmfence_ruleset_add(struct vmfence_ruleset *rs,
			const struct vmfence_rule *rule, u32 id);
struct vmfence_ruleset *vmfence_ruleset_copy(const struct vmfence_ruleset *from,
					     u32 skip_id);
void vmfence_ruleset_seal(struct vmfence_ruleset *rs);
void vmfence_ruleset_free(struct vmfence_ruleset *rs);
struct vmfence_ruleset *vmfence_ruleset_get(struct vmfence_ruleset *rs);
void vmfence_ruleset_put(struct vmfence_ruleset *rs);

const struct vmfence_prule *
vmfence_ruleset_lookup(const struct vmfence_ruleset *rs, u8 target, u8 match,
		       const void *value, u16 len);
bool vmfence_ruleset_has(const struct vmfence_ruleset *rs, u8 target, u8 match);
bool vmfence_ruleset_has_roles(const struct vmfence_ruleset *rs);
bool vmfence_ruleset_path_may_end_in(const struct vmfence_ruleset *rs,
				     u8 target, const char *name, u32 len);
u32 vmfence_ruleset_nr_rules(const struct vmfence_ruleset *rs);
const struct vmfence_prule *vmfence_ruleset_rule(const struct vmfence_ruleset *rs,
						 u32 index);
size_t vmfence_ruleset_bytes(const struct vmfence_ruleset *rs);
void vmfence_prule_to_rule(const struct vmfence_prule *pr,
			   struct vmfence_rule *rule);

#endif /* VMFENCE_RULESET_H */
