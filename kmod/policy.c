// SPDX-License-Identifier: GPL-2.0
/* policy.c - the policy store: rule sets and settings, published with RCU */

#include <linux/capability.h>
#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/mm.h>

#include "core/detect.h"
#include "policy.h"

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
	u32 counts[VMFENCE_TARGET_COUNT][VMFENCE_RULE_MATCH_COUNT];
	u32 nr_roles;
	bool sealed;
	u32 name_bits;
	unsigned long *name_filter;
	struct vmfence_prule **buckets;
	struct vmfence_prule **rules;
	struct list_head blocks;
};

/**
 * struct vmfence_builder - a rule set and settings on their way in
 * @set: the rules so far
 * @settings: the settings the policy text gave
 * @lines: lines parsed so far, so that errors count from the policy's start
 * @scratch: the parser's buffer for unquoted paths
 */
struct vmfence_builder {
	struct vmfence_ruleset *set;
	struct vmfence_settings settings;
	u32 lines;
	char scratch[VMFENCE_PATH_MAX + 1];
};

/* Serialises writers; guards vmfence_policy_cur's updates and generation. */
static DEFINE_MUTEX(vmfence_policy_mutex);
/* The current generation: rcu_dereference() to read, the mutex to replace. */
static struct vmfence_policy __rcu *vmfence_policy_cur;
/* Generation numbers handed out so far; under the mutex. */
static u64 vmfence_generation;
/* One-way: written once, under the mutex; read locklessly. */
static bool vmfence_locked;
/* Rule ids handed out so far; ids are never reused until reboot. */
static atomic_t vmfence_rule_ids = ATOMIC_INIT(0);

static u32 rule_hash(u8 target, u8 match, const void *value, u16 len)
{
	return jhash(value, len, (u32)target << 8 | match);
}

static void ruleset_free(struct vmfence_ruleset *rs)
{
	struct arena_block *blk, *tmp;

	list_for_each_entry_safe(blk, tmp, &rs->blocks, node)
		kvfree(blk);
	kvfree(rs->name_filter);
	kvfree(rs->buckets);
	kvfree(rs->rules);
	kfree(rs);
}

static void ruleset_release(struct kref *ref)
{
	ruleset_free(container_of(ref, struct vmfence_ruleset, ref));
}

static struct vmfence_ruleset *ruleset_new(void)
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

static const struct vmfence_prule *
ruleset_lookup(const struct vmfence_ruleset *rs, u8 target, u8 match,
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
	if (rule->match == VMFENCE_RULE_SHA256) {
		*len = VMFENCE_SHA256_SIZE;
		return rule->sha256;
	}
	*len = rule->value_len;
	return rule->value;
}

/* Add @rule with @id; -EEXIST when its match is taken. */
static int ruleset_add(struct vmfence_ruleset *rs,
		       const struct vmfence_rule *rule, u32 id)
{
	struct vmfence_prule *r;
	const void *key;
	u16 len;
	int ret;

	if (rule->action >= VMFENCE_ACTION_COUNT ||
	    rule->target >= VMFENCE_TARGET_COUNT ||
	    rule->match >= VMFENCE_RULE_MATCH_COUNT)
		return -EINVAL;
	key = rule_key(rule, &len);
	if (ruleset_lookup(rs, rule->target, rule->match, key, len))
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

/*
 * Build the name filter of the path rules, once, before the set is
 * published. Without memory for it the set goes without: every name passes.
 */
static void ruleset_seal(struct vmfence_ruleset *rs)
{
	const struct vmfence_prule *r;
	u32 i, paths = 0, bits, a, b, len;
	const char *name;

	if (rs->sealed)
		return;
	rs->sealed = true;
	for (i = 0; i < VMFENCE_TARGET_COUNT; i++)
		paths += rs->counts[i][VMFENCE_RULE_PATH];
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
		if (r->match != VMFENCE_RULE_PATH)
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
	if (pr->match == VMFENCE_RULE_SHA256) {
		memcpy(rule->sha256, pr->value, VMFENCE_SHA256_SIZE);
	} else {
		rule->value = (const char *)pr->value;
		rule->value_len = pr->len;
	}
}

/* A copy of @from, with the rule @skip_id left out (0 skips none). */
static struct vmfence_ruleset *ruleset_copy(const struct vmfence_ruleset *from,
					    u32 skip_id)
{
	struct vmfence_ruleset *rs = ruleset_new();
	struct vmfence_rule rule;
	u32 i;

	if (!rs)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < from->nr_rules; i++) {
		int ret;

		if (from->rules[i]->id == skip_id)
			continue;
		vmfence_prule_to_rule(from->rules[i], &rule);
		ret = ruleset_add(rs, &rule, from->rules[i]->id);
		if (ret) {
			ruleset_free(rs);
			return ERR_PTR(ret);
		}
	}
	return rs;
}

static void policy_free_rcu(struct rcu_head *rcu)
{
	struct vmfence_policy *p = container_of(rcu, struct vmfence_policy, rcu);

	kref_put(&p->rules->ref, ruleset_release);
	kfree(p);
}

static void policy_release(struct kref *ref)
{
	struct vmfence_policy *p = container_of(ref, struct vmfence_policy, ref);

	call_rcu(&p->rcu, policy_free_rcu);
}

static struct vmfence_policy *policy_locked_cur(void)
{
	return rcu_dereference_protected(vmfence_policy_cur,
					 lockdep_is_held(&vmfence_policy_mutex));
}

/*
 * Make a new generation of @rules (whose reference passes to it) with the
 * given settings current. Readers see the old or the new, never a mix.
 */
static int publish(struct vmfence_ruleset *rules, u8 mode, u8 threshold)
{
	struct vmfence_policy *p, *old;

	lockdep_assert_held(&vmfence_policy_mutex);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		kref_put(&rules->ref, ruleset_release);
		return -ENOMEM;
	}
	ruleset_seal(rules);
	p->generation = ++vmfence_generation;
	p->mode = mode;
	p->threshold = threshold;
	p->rules = rules;
	kref_init(&p->ref);

	old = policy_locked_cur();
	rcu_assign_pointer(vmfence_policy_cur, p);
	if (old)
		kref_put(&old->ref, policy_release);
	return 0;
}

/* Writers need an unlocked policy; the interfaces check the caller. */
static int writable(void)
{
	lockdep_assert_held(&vmfence_policy_mutex);
	if (vmfence_locked)
		return -EPERM;
	return 0;
}

static void do_lock(void)
{
	lockdep_assert_held(&vmfence_policy_mutex);
	if (vmfence_locked)
		return;
	/* Pin the module: no rmmod until reboot, as with LoadPin. */
	__module_get(THIS_MODULE);
	WRITE_ONCE(vmfence_locked, true);
	pr_notice("policy locked until reboot\n");
}

/**
 * vmfence_policy_current() - the current generation
 *
 * Context: under rcu_read_lock(), which must be held for as long as the
 * result and anything reached through it are used.
 * Return: the current policy; never NULL between init and exit.
 */
const struct vmfence_policy *vmfence_policy_current(void)
{
	return rcu_dereference(vmfence_policy_cur);
}

/**
 * vmfence_policy_get() - a counted reference to the current generation
 *
 * For readers that sleep, such as netlink dumps; release with
 * vmfence_policy_put().
 *
 * Context: any; takes rcu_read_lock() internally.
 * Return: the current policy.
 */
struct vmfence_policy *vmfence_policy_get(void)
{
	struct vmfence_policy *p;

	rcu_read_lock();
	do {
		p = rcu_dereference(vmfence_policy_cur);
	} while (!kref_get_unless_zero(&p->ref));
	rcu_read_unlock();
	return p;
}

/**
 * vmfence_policy_put() - drop a reference from vmfence_policy_get()
 * @p: the policy
 *
 * Context: any.
 */
void vmfence_policy_put(struct vmfence_policy *p)
{
	kref_put(&p->ref, policy_release);
}

/**
 * vmfence_policy_lookup() - the rule for a (target, match, value), if any
 * @p: the policy
 * @target: enum vmfence_target
 * @match: enum vmfence_rule_match
 * @value: the path, label or module name, or the 32-byte digest
 * @len: bytes in @value
 *
 * O(1): one hash and one short chain.
 *
 * Context: any, with @p held as vmfence_policy_current() or _get() says.
 * Return: the rule, or NULL.
 */
const struct vmfence_prule *vmfence_policy_lookup(const struct vmfence_policy *p,
						  u8 target, u8 match,
						  const void *value, u16 len)
{
	return ruleset_lookup(p->rules, target, match, value, len);
}

/**
 * vmfence_policy_has() - whether any rule of @p uses this target and match
 * @p: the policy
 * @target: enum vmfence_target
 * @match: enum vmfence_rule_match
 *
 * Return: true when at least one rule does.
 */
bool vmfence_policy_has(const struct vmfence_policy *p, u8 target, u8 match)
{
	if (target >= VMFENCE_TARGET_COUNT || match >= VMFENCE_RULE_MATCH_COUNT)
		return false;
	return p->rules->counts[target][match];
}

/**
 * vmfence_policy_has_roles() - whether any rule of @p has an as= list
 * @p: the policy
 *
 * Return: true when the part a file plays in an exec can change a decision.
 */
bool vmfence_policy_has_roles(const struct vmfence_policy *p)
{
	return p->rules->nr_roles;
}

/**
 * vmfence_policy_path_may_end_in() - whether a path rule may end in @name
 * @p: the policy
 * @target: enum vmfence_target
 * @name: the last component of a path (no '/'), not NUL-terminated
 * @len: bytes in @name
 *
 * A path rule can match a path only if its last component is the path's:
 * when this says false, no path rule of @target matches any path that ends
 * in @name, and the caller need not build the path. It may say true for a
 * name no rule ends in (the filter is a Bloom filter), never false for one
 * a rule does.
 *
 * Context: any, with @p held as vmfence_policy_current() or _get() says.
 * Return: false when no path rule of @target ends in @name.
 */
bool vmfence_policy_path_may_end_in(const struct vmfence_policy *p, u8 target,
				    const char *name, u32 len)
{
	const struct vmfence_ruleset *rs = p->rules;
	u32 a, b;

	if (target >= VMFENCE_TARGET_COUNT || !rs->counts[target][VMFENCE_RULE_PATH])
		return false;
	if (!rs->name_filter)
		return true;
	name_bits(rs, target, name, len, &a, &b);
	return test_bit(a, rs->name_filter) && test_bit(b, rs->name_filter);
}

/**
 * vmfence_policy_nr_rules() - how many rules @p has
 * @p: the policy
 *
 * Return: the count.
 */
u32 vmfence_policy_nr_rules(const struct vmfence_policy *p)
{
	return p->rules->nr_rules;
}

/**
 * vmfence_policy_rule() - the @index-th rule of @p, in the order added
 * @p: the policy
 * @index: 0-based
 *
 * Return: the rule, or NULL past the end.
 */
const struct vmfence_prule *vmfence_policy_rule(const struct vmfence_policy *p,
						u32 index)
{
	return index < p->rules->nr_rules ? p->rules->rules[index] : NULL;
}

/**
 * vmfence_policy_bytes() - kernel memory held by @p's rules
 * @p: the policy
 *
 * Return: bytes.
 */
size_t vmfence_policy_bytes(const struct vmfence_policy *p)
{
	return p->rules->bytes;
}

/**
 * vmfence_policy_locked() - whether the policy is locked until reboot
 *
 * Context: any.
 * Return: true once vmfence_policy_lock() has run.
 */
bool vmfence_policy_locked(void)
{
	return READ_ONCE(vmfence_locked);
}

/* A new generation with the current rules and changed settings. */
static int set_settings(int mode, int threshold)
{
	struct vmfence_policy *cur;
	int ret;

	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (!ret) {
		cur = policy_locked_cur();
		kref_get(&cur->rules->ref);
		ret = publish(cur->rules, mode < 0 ? cur->mode : mode,
			      threshold < 0 ? cur->threshold : threshold);
	}
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_set() - change the mode and the threshold in one step
 * @mode: enum vmfence_mode, or -1 to keep it
 * @threshold: 0-100, or -1 to keep it
 *
 * Both change in one generation, or neither does.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for an unknown mode or a threshold above 100; -EPERM
 * when locked; -ENOMEM.
 */
int vmfence_policy_set(int mode, int threshold)
{
	if (mode >= VMFENCE_MODE_COUNT || threshold > 100)
		return -EINVAL;
	return set_settings(mode, threshold);
}

/**
 * vmfence_policy_set_mode() - switch between off, audit and enforce
 * @mode: enum vmfence_mode
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for an unknown mode; -EPERM when locked; -ENOMEM.
 */
int vmfence_policy_set_mode(unsigned int mode)
{
	if (mode >= VMFENCE_MODE_COUNT)
		return -EINVAL;
	return set_settings(mode, -1);
}

/**
 * vmfence_policy_set_threshold() - the confidence that counts as virtualized
 * @threshold: 0-100
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL above 100; -EPERM when locked; -ENOMEM.
 */
int vmfence_policy_set_threshold(unsigned int threshold)
{
	if (threshold > 100)
		return -EINVAL;
	return set_settings(-1, threshold);
}

/**
 * vmfence_policy_lock() - make the policy immutable until reboot
 *
 * Also pins the module. Locking a locked policy does nothing.
 *
 * Context: process context; sleeps.
 * Return: 0.
 */
int vmfence_policy_lock(void)
{
	mutex_lock(&vmfence_policy_mutex);
	do_lock();
	mutex_unlock(&vmfence_policy_mutex);
	return 0;
}

/*
 * A new generation of the current rules with @del_id left out (0: none) and
 * @add added under @add_id (NULL: none); the settings stay.
 */
static int edit_rules(const struct vmfence_rule *add, u32 add_id, u32 del_id)
{
	struct vmfence_ruleset *rs;
	struct vmfence_policy *cur;
	int ret;

	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (ret)
		goto out;
	cur = policy_locked_cur();
	rs = ruleset_copy(cur->rules, del_id);
	if (IS_ERR(rs)) {
		ret = PTR_ERR(rs);
		goto out;
	}
	if (del_id && rs->nr_rules == cur->rules->nr_rules)
		ret = -ENOENT;
	else if (add)
		ret = ruleset_add(rs, add, add_id);
	if (ret) {
		ruleset_free(rs);
		goto out;
	}
	ret = publish(rs, cur->mode, cur->threshold);
out:
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_rule_add() - add one rule to the running policy
 * @rule: the rule, as the core's parser gave it
 * @id: set to the new rule's id
 *
 * Context: process context; sleeps.
 * Return: 0; -EEXIST when a rule already has this match; -EPERM when
 * locked; -ENOSPC beyond the policy's bounds; -EINVAL for a malformed rule;
 * -ENOMEM.
 */
int vmfence_policy_rule_add(const struct vmfence_rule *rule, u32 *id)
{
	u32 new_id = atomic_inc_return(&vmfence_rule_ids);
	int ret = edit_rules(rule, new_id, 0);

	if (!ret)
		*id = new_id;
	return ret;
}

/**
 * vmfence_policy_rule_del() - remove the rule with id @id
 * @id: its id
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no rule has that id; -EPERM when locked; -ENOMEM.
 */
int vmfence_policy_rule_del(u32 id)
{
	return id ? edit_rules(NULL, 0, id) : -ENOENT;
}

/**
 * vmfence_builder_new() - start building a replacement policy
 *
 * Nothing is locked while the builder fills; only the commit is.
 *
 * Context: process context; sleeps.
 * Return: the builder, or NULL when out of memory.
 */
struct vmfence_builder *vmfence_builder_new(void)
{
	struct vmfence_builder *b = kvzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b->set = ruleset_new();
	if (!b->set) {
		kvfree(b);
		return NULL;
	}
	return b;
}

/**
 * vmfence_builder_add() - add one rule to a replacement policy
 * @b: the builder
 * @rule: the rule
 *
 * Context: process context; sleeps.
 * Return: 0; -EEXIST when the builder has a rule with this match already;
 * -ENOSPC beyond the policy's bounds; -EINVAL; -ENOMEM.
 */
int vmfence_builder_add(struct vmfence_builder *b,
			const struct vmfence_rule *rule)
{
	return ruleset_add(b->set, rule, atomic_inc_return(&vmfence_rule_ids));
}

static int builder_rule(void *ctx, const struct vmfence_rule *rule)
{
	return vmfence_builder_add(ctx, rule);
}

/**
 * vmfence_builder_parse() - add a chunk of policy text
 * @b: the builder
 * @text: whole lines of the policy, in the core grammar
 * @len: bytes in @text
 * @err: on failure, where and why, with lines counted from the first chunk
 *
 * A chunk that gives a setting an earlier chunk gave fails with -EEXIST at
 * its first line.
 *
 * Context: process context; sleeps.
 * Return: 0; the parser's error (-EINVAL, -EEXIST, -ENOSPC, -ENOMEM) with
 * @err filled.
 */
int vmfence_builder_parse(struct vmfence_builder *b, const char *text,
			  size_t len, struct vmfence_parse_error *err)
{
	struct vmfence_policy_parser parser = {
		.rule = builder_rule,
		.ctx = b,
		.scratch = b->scratch,
	};
	u8 twice;
	u32 lines = 0;
	size_t i;
	int ret;

	ret = vmfence_policy_parse(&parser, text, len);
	if (ret) {
		*err = parser.error;
		err->line += b->lines;
		return ret;
	}
	twice = parser.settings.present & b->settings.present;
	if (twice & ~VMFENCE_SETTING_LOCK) {
		memset(err, 0, sizeof(*err));
		err->line = b->lines + 1;
		err->col = 1;
		err->err = -EEXIST;
		snprintf(err->msg, sizeof(err->msg), "%s given twice",
			 twice & VMFENCE_SETTING_MODE ? "mode" : "threshold");
		return -EEXIST;
	}
	b->settings.present |= parser.settings.present;
	if (parser.settings.present & VMFENCE_SETTING_MODE)
		b->settings.mode = parser.settings.mode;
	if (parser.settings.present & VMFENCE_SETTING_THRESHOLD)
		b->settings.threshold = parser.settings.threshold;
	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	b->lines += lines + (len && text[len - 1] != '\n');
	return 0;
}

/**
 * vmfence_builder_commit() - replace the running policy with @b's
 * @b: the builder; consumed, whatever the outcome
 * @generation: set to the new generation on success
 *
 * The rules replace all the running ones at once. Settings the policy text
 * gave replace the running ones; the others keep their values. A "lock"
 * line locks the policy right after it is in force.
 *
 * Context: process context; sleeps.
 * Return: 0; -EPERM when locked (the running policy is untouched); -ENOMEM.
 */
int vmfence_builder_commit(struct vmfence_builder *b, u64 *generation)
{
	struct vmfence_policy *cur;
	int ret;

	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (ret)
		goto out;
	cur = policy_locked_cur();
	ret = publish(b->set, b->settings.present & VMFENCE_SETTING_MODE ?
			      b->settings.mode : cur->mode,
		      b->settings.present & VMFENCE_SETTING_THRESHOLD ?
			      b->settings.threshold : cur->threshold);
	b->set = NULL;
	if (ret)
		goto out;
	*generation = vmfence_generation;
	if (b->settings.present & VMFENCE_SETTING_LOCK)
		do_lock();
out:
	mutex_unlock(&vmfence_policy_mutex);
	vmfence_builder_free(b);
	return ret;
}

/**
 * vmfence_builder_free() - discard a builder and its rules
 * @b: the builder, or NULL
 *
 * Context: process context.
 */
void vmfence_builder_free(struct vmfence_builder *b)
{
	if (!b)
		return;
	if (b->set)
		ruleset_free(b->set);
	kvfree(b);
}

/**
 * vmfence_policy_init() - the first generation: no rules, enforce, the
 * default threshold
 *
 * With no rules nothing is refused; rules loaded later are enforced unless
 * the policy says otherwise.
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM.
 */
int vmfence_policy_init(void)
{
	struct vmfence_ruleset *rs = ruleset_new();
	int ret;

	if (!rs)
		return -ENOMEM;
	mutex_lock(&vmfence_policy_mutex);
	vmfence_generation = 0;
	ret = publish(rs, VMFENCE_MODE_ENFORCE, VMFENCE_THRESHOLD_DEFAULT);
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_guard_unload() - stop the machine when a locked vmfence goes
 *
 * A locked policy pins the module, so only a forced unload (rmmod -f, which
 * ignores module references on kernels built with MODULE_FORCE_UNLOAD, as
 * Debian's are) reaches the module's exit while locked. The unload cannot
 * be refused from there, and the machine must not go on running without
 * vmfence until reboot: it panics, fail-closed, naming the cause on the
 * console (and in pstore or a crash dump where the machine keeps them).
 * With panic=N it reboots, and its boot policy loads and locks vmfence
 * again. An unlocked policy lets the unload go on.
 *
 * Context: process context, the start of module exit.
 */
void vmfence_policy_guard_unload(void)
{
	if (!vmfence_policy_locked())
		return;
	pr_emerg("forced unload of a locked policy: the machine must not run without vmfence until reboot; stopping it\n");
	panic("vmfence: forced unload of a locked policy");
}

/**
 * vmfence_policy_exit() - free the current generation
 *
 * Waits for the RCU callbacks that free older generations.
 *
 * Context: process context, module exit; no reader is left.
 */
void vmfence_policy_exit(void)
{
	struct vmfence_policy *p;

	mutex_lock(&vmfence_policy_mutex);
	p = policy_locked_cur();
	RCU_INIT_POINTER(vmfence_policy_cur, NULL);
	mutex_unlock(&vmfence_policy_mutex);
	if (p)
		kref_put(&p->ref, policy_release);
	rcu_barrier();
}
