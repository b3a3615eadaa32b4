// SPDX-License-Identifier: GPL-2.0
/*
 * ruleset.c - an immutable set of rules, hashed for O(1) lookup
 *
 * A set is built by one writer (vmfence_ruleset_add()), sealed, and from
 * then on only read, by any number of readers, for as long as a reference
 * (kref) holds it: generations of the policy share it (policy.c).
 *
 * The index is an array of buckets of at least as many chains as rules,
 * built in one pass, with one pointer a rule; lookups hash once and walk a
 * short chain. Not an rhashtable: a set never changes once published, so
 * none of rhashtable's machinery for concurrent inserts and resizes (the
 * rhash_head per object, the bucket locks, the deferred resize worker, the
 * RCU walk of a table that may be in the middle of a rehash) has work to
 * do, and it costs: the KUnit case ruleset_index_vs_rhashtable builds both
 * indexes of the same 20,000 digest rules and looks each rule up in both.
 * On the debug kernel (KASAN, lockdep, PROVE_RCU) under QEMU's TCG:
 *
 *	build:	330 ms, the rules themselves included,
 *		against 5,500 ms for the rhashtable inserts alone
 *	lookup:	2.0 us against 46 us
 *	memory:	16 bytes a rule for the index, against 16 + 8 (rhash_head)
 *
 * The debug kernel inflates both, the rhashtable's RCU and lock checks the
 * more; the order stays. A policy replace of 100,000 rules must stay under
 * two seconds (make bench).
 */

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "ruleset.h"

/* Rules live in blocks of this size; a rule never straddles two. */
#define ARENA_BLOCK_SIZE	(64u << 10)
/* Bits of the name filter per path rule, and its smallest size (bits). */
#define NAME_FILTER_BITS_PER_RULE	8
#define NAME_FILTER_MIN_BITS		512

struct arena_block {
	struct list_head node;
	size_t used;
	u8 data[];
};

/**
 * struct vmfence_ruleset - rules hashed by (target, match, value)
 * @ref: generations sharing this set; freed with the last
 * @nr_rules: rules in @rules
 * @cap: room in @rules
 * @nr_buckets: size of @buckets, a power of two, at least @nr_rules
 * @bytes: memory held by this set, charged against the policy bound
 * @counts: rules per target and match, so that the exec path skips work
 *	(such as a digest) no rule needs
 * @nr_roles: rules with an as= list: without any, a decision does not
 *	depend on the part a file plays in an exec
 * @sealed: the name filter is built (or given up on); set before publishing
 * @name_bits: log2 of the bits in @name_filter
 * @name_filter: a Bloom filter (two bits a name) of the last components of
 *	the path rules, keyed by target, so that an exec whose file name no
 *	path rule ends in skips d_path(); NULL lets every name through
 * @buckets: hash chains
 * @rules: every rule, in the order it was added
 * @blocks: the memory the rules live in
 *
 * Built by one writer; immutable once published.
 */
struct vmfence_ruleset {
	struct kref ref;
	u32 nr_rules;
	u32 cap;
	u32 nr_buckets;
	size_t bytes;
	u32 counts[VMFENCE_RULE_TARGET_COUNT][VMFENCE_RULE_MATCH_COUNT];
	u32 nr_roles;
	bool sealed;
	u32 name_bits;
	unsigned long *name_filter;
	struct vmfence_prule **buckets;
	struct vmfence_prule **rules;
	struct list_head blocks;
};

static u32 rule_hash(u8 target, u8 match, const void *value, u16 len)
{
	return jhash(value, len, (u32)target << 8 | match);
}

/**
 * vmfence_ruleset_free() - free a rule set that was never published
 * @rs: the set, or NULL
 *
 * Context: process context.
 */
void vmfence_ruleset_free(struct vmfence_ruleset *rs)
{
	struct arena_block *blk, *tmp;

	if (!rs)
		return;
	list_for_each_entry_safe(blk, tmp, &rs->blocks, node)
		kvfree(blk);
	kvfree(rs->name_filter);
	kvfree(rs->buckets);
	kvfree(rs->rules);
	kfree(rs);
}

static void ruleset_release(struct kref *ref)
{
	vmfence_ruleset_free(container_of(ref, struct vmfence_ruleset, ref));
}

/**
 * vmfence_ruleset_new() - an empty rule set, with one reference
 *
 * Context: process context; sleeps.
 * Return: the set, or NULL when out of memory.
 */
struct vmfence_ruleset *vmfence_ruleset_new(void)
{
	struct vmfence_ruleset *rs = kzalloc(sizeof(*rs), GFP_KERNEL);

	if (!rs)
		return NULL;
	kref_init(&rs->ref);
	INIT_LIST_HEAD(&rs->blocks);
	rs->bytes = sizeof(*rs);
	return rs;
}

/* Make room for one more rule: the order array and the hash table. */
static int ruleset_reserve(struct vmfence_ruleset *rs)
{
	struct vmfence_prule **rules, **buckets, *r;
	u32 cap, i;

	if (rs->nr_rules >= VMFENCE_MAX_RULES)
		return -ENOSPC;
	if (rs->nr_rules < rs->cap)
		return 0;

	cap = rs->cap ? rs->cap * 2 : 64;
	rules = kvmalloc_array(cap, sizeof(*rules), GFP_KERNEL);
	buckets = kvcalloc(cap, sizeof(*buckets), GFP_KERNEL);
	if (!rules || !buckets) {
		kvfree(rules);
		kvfree(buckets);
		return -ENOMEM;
	}
	for (i = 0; i < rs->nr_rules; i++) {
		r = rs->rules[i];
		rules[i] = r;
		r->next = buckets[r->hash & (cap - 1)];
		buckets[r->hash & (cap - 1)] = r;
	}
	rs->bytes += (size_t)(cap - rs->cap) * 2 * sizeof(*rules);
	kvfree(rs->rules);
	kvfree(rs->buckets);
	rs->rules = rules;
	rs->buckets = buckets;
	rs->cap = cap;
	rs->nr_buckets = cap;
	return 0;
}

static struct vmfence_prule *ruleset_alloc(struct vmfence_ruleset *rs, u16 len)
{
	size_t size = ALIGN(sizeof(struct vmfence_prule) + len, 8);
	struct arena_block *blk;

	blk = list_first_entry_or_null(&rs->blocks, struct arena_block, node);
	if (!blk || blk->used + size > ARENA_BLOCK_SIZE - sizeof(*blk)) {
		if (rs->bytes + ARENA_BLOCK_SIZE > VMFENCE_MAX_POLICY_BYTES)
			return NULL;
		blk = kvmalloc(ARENA_BLOCK_SIZE, GFP_KERNEL);
		if (!blk)
			return NULL;
		blk->used = 0;
		list_add(&blk->node, &rs->blocks);
		rs->bytes += ARENA_BLOCK_SIZE;
	}
	blk->used += size;
	return (struct vmfence_prule *)(blk->data + blk->used - size);
}

/**
 * vmfence_ruleset_lookup() - the rule for a (target, match, value), if any
 * @rs: the set
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type
 * @value: the path, label or module name, or the 32-byte digest
 * @len: bytes in @value
 *
 * O(1): one hash and one short chain.
 *
 * Context: any, with @rs held.
 * Return: the rule, or NULL.
 */
const struct vmfence_prule *
vmfence_ruleset_lookup(const struct vmfence_ruleset *rs, u8 target, u8 match,
		       const void *value, u16 len)
{
	const struct vmfence_prule *r;
	u32 hash;

	if (!rs->nr_rules)
		return NULL;
	hash = rule_hash(target, match, value, len);
	for (r = rs->buckets[hash & (rs->nr_buckets - 1)]; r; r = r->next)
		if (r->hash == hash && r->target == target && r->match == match &&
		    r->len == len && !memcmp(r->value, value, len))
			return r;
	return NULL;
}

/* The bytes a rule is keyed on: its digest, or its text. */
static const void *rule_key(const struct vmfence_rule *rule, u16 *len)
{
	if (rule->match == VMFENCE_RULE_MATCH_SHA256) {
		*len = VMFENCE_SHA256_SIZE;
		return rule->sha256;
	}
	*len = rule->value_len;
	return rule->value;
}

/**
 * vmfence_ruleset_add() - add a rule to a set that is not published yet
 * @rs: the set
 * @rule: the rule, as the core's parser gave it
 * @id: its id
 *
 * Context: process context; sleeps.
 * Return: 0; -EEXIST when a rule of the set has the same match; -ENOSPC
 * beyond the policy's bounds; -EINVAL for a malformed rule; -ENOMEM.
 */
int vmfence_ruleset_add(struct vmfence_ruleset *rs,
			const struct vmfence_rule *rule, u32 id)
{
	struct vmfence_prule *r;
	const void *key;
	u16 len;
	int ret;

	if (rule->action >= VMFENCE_RULE_ACTION_COUNT ||
	    rule->target >= VMFENCE_RULE_TARGET_COUNT ||
	    rule->match >= VMFENCE_RULE_MATCH_COUNT)
		return -EINVAL;
	key = rule_key(rule, &len);
	if (vmfence_ruleset_lookup(rs, rule->target, rule->match, key, len))
		return -EEXIST;
	ret = ruleset_reserve(rs);
	if (ret)
		return ret;
	r = ruleset_alloc(rs, len);
	if (!r)
		return rs->bytes + ARENA_BLOCK_SIZE > VMFENCE_MAX_POLICY_BYTES ?
		       -ENOSPC : -ENOMEM;
	r->id = id;
	r->hash = rule_hash(rule->target, rule->match, key, len);
	r->on_hv = rule->on_hv;
	r->allow_cc = rule->allow_cc;
	r->roles = rule->roles;
	r->len = len;
	r->action = rule->action;
	r->target = rule->target;
	r->match = rule->match;
	memcpy(r->value, key, len);

	r->next = rs->buckets[r->hash & (rs->nr_buckets - 1)];
	rs->buckets[r->hash & (rs->nr_buckets - 1)] = r;
	rs->rules[rs->nr_rules++] = r;
	rs->counts[r->target][r->match]++;
	rs->nr_roles += !!r->roles;
	return 0;
}

/* The filter's two bits for the last component @name of a path. */
static void name_bits(const struct vmfence_ruleset *rs, u8 target,
		      const char *name, u32 len, u32 *a, u32 *b)
{
	u32 h = jhash(name, len, 0x6e616d65 ^ target);

	*a = h & ((1u << rs->name_bits) - 1);
	*b = hash_32(h, rs->name_bits);
}

/* The last component of a rule's path: what follows its last '/'. */
static const char *last_component(const struct vmfence_prule *r, u32 *len)
{
	const char *v = (const char *)r->value;
	u32 i = r->len;

	while (i && v[i - 1] != '/')
		i--;
	*len = r->len - i;
	return v + i;
}

/**
 * vmfence_ruleset_seal() - make a set ready to publish
 * @rs: the set; immutable from now on
 *
 * Builds the name filter of the path rules, once. Without memory for it
 * the set goes without: every name passes.
 *
 * Context: process context; sleeps.
 */
void vmfence_ruleset_seal(struct vmfence_ruleset *rs)
{
	const struct vmfence_prule *r;
	u32 i, paths = 0, bits, a, b, len;
	const char *name;

	if (rs->sealed)
		return;
	rs->sealed = true;
	for (i = 0; i < VMFENCE_RULE_TARGET_COUNT; i++)
		paths += rs->counts[i][VMFENCE_RULE_MATCH_PATH];
	if (!paths)
		return;
	bits = roundup_pow_of_two(max(paths * NAME_FILTER_BITS_PER_RULE,
				      NAME_FILTER_MIN_BITS));
	rs->name_filter = kvcalloc(BITS_TO_LONGS(bits), sizeof(long), GFP_KERNEL);
	if (!rs->name_filter)
		return;
	rs->name_bits = ilog2(bits);
	rs->bytes += BITS_TO_LONGS(bits) * sizeof(long);
	for (i = 0; i < rs->nr_rules; i++) {
		r = rs->rules[i];
		if (r->match != VMFENCE_RULE_MATCH_PATH)
			continue;
		name = last_component(r, &len);
		name_bits(rs, r->target, name, len, &a, &b);
		__set_bit(a, rs->name_filter);
		__set_bit(b, rs->name_filter);
	}
}

/**
 * vmfence_prule_to_rule() - a stored rule in the core's form, for printing
 * @pr: the stored rule
 * @rule: filled; its value points into @pr, valid as long as @pr is
 */
void vmfence_prule_to_rule(const struct vmfence_prule *pr,
			   struct vmfence_rule *rule)
{
	memset(rule, 0, sizeof(*rule));
	rule->action = pr->action;
	rule->target = pr->target;
	rule->match = pr->match;
	rule->on_hv = pr->on_hv;
	rule->allow_cc = pr->allow_cc;
	rule->roles = pr->roles;
	if (pr->match == VMFENCE_RULE_MATCH_SHA256) {
		memcpy(rule->sha256, pr->value, VMFENCE_SHA256_SIZE);
	} else {
		rule->value = (const char *)pr->value;
		rule->value_len = pr->len;
	}
}

/**
 * vmfence_ruleset_copy() - a new set holding @from's rules but one
 * @from: the set to copy
 * @skip_id: the id of the rule to leave out; 0 leaves none out
 *
 * Context: process context; sleeps.
 * Return: the copy, not sealed, with one reference; an ERR_PTR() of the
 * error of vmfence_ruleset_add() (-ENOMEM, -ENOSPC).
 */
struct vmfence_ruleset *vmfence_ruleset_copy(const struct vmfence_ruleset *from,
					     u32 skip_id)
{
	struct vmfence_ruleset *rs = vmfence_ruleset_new();
	struct vmfence_rule rule;
	u32 i;

	if (!rs)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < from->nr_rules; i++) {
		int ret;

		if (from->rules[i]->id == skip_id)
			continue;
		vmfence_prule_to_rule(from->rules[i], &rule);
		ret = vmfence_ruleset_add(rs, &rule, from->rules[i]->id);
		if (ret) {
			vmfence_ruleset_free(rs);
			return ERR_PTR(ret);
		}
	}
	return rs;
}

/**
 * vmfence_ruleset_get() - take another reference to a set
 * @rs: the set, held by the caller
 *
 * Context: any.
 * Return: @rs.
 */
struct vmfence_ruleset *vmfence_ruleset_get(struct vmfence_ruleset *rs)
{
	kref_get(&rs->ref);
	return rs;
}

/**
 * vmfence_ruleset_put() - drop a reference; the last frees the set
 * @rs: the set
 *
 * Context: process context (freeing may vfree); nothing may read @rs
 * through this reference any more (policy.c drops it after an RCU grace
 * period).
 */
void vmfence_ruleset_put(struct vmfence_ruleset *rs)
{
	kref_put(&rs->ref, ruleset_release);
}

/**
 * vmfence_ruleset_has() - whether any rule of @rs uses this target and match
 * @rs: the set
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type
 *
 * Return: true when at least one rule does.
 */
bool vmfence_ruleset_has(const struct vmfence_ruleset *rs, u8 target, u8 match)
{
	if (target >= VMFENCE_RULE_TARGET_COUNT || match >= VMFENCE_RULE_MATCH_COUNT)
		return false;
	return rs->counts[target][match];
}

/**
 * vmfence_ruleset_has_roles() - whether any rule of @rs has an as= list
 * @rs: the set
 *
 * Return: true when the part a file plays in an exec can change a decision.
 */
bool vmfence_ruleset_has_roles(const struct vmfence_ruleset *rs)
{
	return rs->nr_roles;
}

/**
 * vmfence_ruleset_path_may_end_in() - whether a path rule may end in @name
 * @rs: the set
 * @target: enum vmfence_rule_target
 * @name: the last component of a path (no '/'), not NUL-terminated
 * @len: bytes in @name
 *
 * A path rule can match a path only if its last component is the path's:
 * when this says false, no path rule of @target matches any path that ends
 * in @name, and the caller need not build the path. It may say true for a
 * name no rule ends in (the filter is a Bloom filter), never false for one
 * a rule does.
 *
 * Return: false when no path rule of @target ends in @name.
 */
bool vmfence_ruleset_path_may_end_in(const struct vmfence_ruleset *rs,
				     u8 target, const char *name, u32 len)
{
	u32 a, b;

	if (target >= VMFENCE_RULE_TARGET_COUNT || !rs->counts[target][VMFENCE_RULE_MATCH_PATH])
		return false;
	if (!rs->name_filter)
		return true;
	name_bits(rs, target, name, len, &a, &b);
	return test_bit(a, rs->name_filter) && test_bit(b, rs->name_filter);
}

/**
 * vmfence_ruleset_nr_rules() - how many rules @rs has
 * @rs: the set
 *
 * Return: the count.
 */
u32 vmfence_ruleset_nr_rules(const struct vmfence_ruleset *rs)
{
	return rs->nr_rules;
}

/**
 * vmfence_ruleset_rule() - the @index-th rule of @rs, in the order added
 * @rs: the set
 * @index: 0-based
 *
 * Return: the rule, or NULL past the end.
 */
const struct vmfence_prule *vmfence_ruleset_rule(const struct vmfence_ruleset *rs,
						 u32 index)
{
	return index < rs->nr_rules ? rs->rules[index] : NULL;
}

/**
 * vmfence_ruleset_bytes() - kernel memory held by @rs
 * @rs: the set
 *
 * Return: bytes.
 */
size_t vmfence_ruleset_bytes(const struct vmfence_ruleset *rs)
{
	return rs->bytes;
}
