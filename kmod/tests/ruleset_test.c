// SPDX-License-Identifier: GPL-2.0
/*
 * ruleset_test.c - KUnit: the immutable rule set: adds, lookups, copies,
 * the name filter, and its index against an rhashtable of the same rules
 */

#include <kunit/test.h>
#include <linux/jhash.h>
#include <linux/ktime.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "../ruleset.h"

static struct vmfence_rule sha_rule(u32 i, u8 *digest)
{
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_DENY,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_SHA256,
	};

	memset(rule.sha256, 0, sizeof(rule.sha256));
	memcpy(rule.sha256, &i, sizeof(i));
	memcpy(digest, rule.sha256, VMFENCE_SHA256_SIZE);
	return rule;
}

/* The sets a test made, dropped when it ends, whatever happened. */
struct sets {
	struct vmfence_ruleset *set[2];
	int n;
};

static int ruleset_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct sets), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void ruleset_test_exit(struct kunit *test)
{
	struct sets *sets = test->priv;

	while (sets->n)
		vmfence_ruleset_put(sets->set[--sets->n]);
}

/* Keep @rs to drop at the end of the test. */
static void keep(struct kunit *test, struct vmfence_ruleset *rs)
{
	struct sets *sets = test->priv;

	KUNIT_ASSERT_LT(test, sets->n, (int)ARRAY_SIZE(sets->set));
	sets->set[sets->n++] = rs;
}

static struct vmfence_ruleset *new_set(struct kunit *test)
{
	struct vmfence_ruleset *rs = vmfence_ruleset_new();

	KUNIT_ASSERT_NOT_NULL(test, rs);
	keep(test, rs);
	return rs;
}

/* Each match kind is its own key; the same value under another is not. */
static void ruleset_add_lookup(struct kunit *test)
{
	struct vmfence_ruleset *rs = new_set(test);
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_AUDIT,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_LABEL,
		.value = "x",
		.value_len = 1,
		.roles = BIT(VMFENCE_EXEC_ROLE_LOADER),
	};
	const struct vmfence_prule *r;

	KUNIT_EXPECT_FALSE(test, vmfence_ruleset_has_roles(rs));
	KUNIT_ASSERT_EQ(test, vmfence_ruleset_add(rs, &rule, 7), 0);
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_add(rs, &rule, 8), -EEXIST);
	rule.target = VMFENCE_RULE_TARGET_MODULE;
	rule.match = VMFENCE_RULE_MATCH_NAME;
	rule.roles = 0;
	KUNIT_ASSERT_EQ(test, vmfence_ruleset_add(rs, &rule, 9), 0);
	vmfence_ruleset_seal(rs);

	r = vmfence_ruleset_lookup(rs, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_LABEL, "x", 1);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->id, 7U);
	KUNIT_EXPECT_EQ(test, r->roles, BIT(VMFENCE_EXEC_ROLE_LOADER));
	r = vmfence_ruleset_lookup(rs, VMFENCE_RULE_TARGET_MODULE, VMFENCE_RULE_MATCH_NAME, "x", 1);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->id, 9U);
	KUNIT_EXPECT_NULL(test, vmfence_ruleset_lookup(rs, VMFENCE_RULE_TARGET_EXEC,
						       VMFENCE_RULE_MATCH_PATH, "x", 1));
	KUNIT_EXPECT_TRUE(test, vmfence_ruleset_has(rs, VMFENCE_RULE_TARGET_EXEC,
						    VMFENCE_RULE_MATCH_LABEL));
	KUNIT_EXPECT_FALSE(test, vmfence_ruleset_has(rs, VMFENCE_RULE_TARGET_EXEC,
						     VMFENCE_RULE_MATCH_SHA256));
	KUNIT_EXPECT_FALSE(test, vmfence_ruleset_has(rs, VMFENCE_RULE_TARGET_COUNT,
						     VMFENCE_RULE_MATCH_SHA256));
	KUNIT_EXPECT_TRUE(test, vmfence_ruleset_has_roles(rs));
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_nr_rules(rs), 2U);
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_rule(rs, 1)->id, 9U);
	KUNIT_EXPECT_NULL(test, vmfence_ruleset_rule(rs, 2));
}

/* Malformed rules are refused; the set is unchanged by them. */
static void ruleset_refuses(struct kunit *test)
{
	struct vmfence_ruleset *rs = new_set(test);
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_COUNT,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_LABEL,
		.value = "x",
		.value_len = 1,
	};

	KUNIT_EXPECT_EQ(test, vmfence_ruleset_add(rs, &rule, 1), -EINVAL);
	rule.action = VMFENCE_RULE_ACTION_DENY;
	rule.match = VMFENCE_RULE_MATCH_COUNT;
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_add(rs, &rule, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_nr_rules(rs), 0U);
}

/* A copy keeps every rule and id but the one skipped, and is a new set. */
static void ruleset_copy_skips(struct kunit *test)
{
	struct vmfence_ruleset *rs = new_set(test), *copy;
	u8 digest[VMFENCE_SHA256_SIZE];
	struct vmfence_rule rule;
	u32 i;

	for (i = 1; i <= 100; i++) {
		rule = sha_rule(i, digest);
		KUNIT_ASSERT_EQ(test, vmfence_ruleset_add(rs, &rule, i), 0);
	}
	vmfence_ruleset_seal(rs);
	copy = vmfence_ruleset_copy(rs, 50);
	KUNIT_ASSERT_FALSE(test, IS_ERR(copy));
	keep(test, copy);
	vmfence_ruleset_seal(copy);
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_nr_rules(copy), 99U);
	rule = sha_rule(50, digest);
	KUNIT_EXPECT_NULL(test, vmfence_ruleset_lookup(copy, VMFENCE_RULE_TARGET_EXEC,
						       VMFENCE_RULE_MATCH_SHA256, digest,
						       VMFENCE_SHA256_SIZE));
	KUNIT_EXPECT_NOT_NULL(test, vmfence_ruleset_lookup(rs, VMFENCE_RULE_TARGET_EXEC,
							   VMFENCE_RULE_MATCH_SHA256, digest,
							   VMFENCE_SHA256_SIZE));
	rule = sha_rule(51, digest);
	KUNIT_EXPECT_EQ(test, vmfence_ruleset_lookup(copy, VMFENCE_RULE_TARGET_EXEC,
						     VMFENCE_RULE_MATCH_SHA256, digest,
						     VMFENCE_SHA256_SIZE)->id, 51U);
}

/* The rhashtable the comparison builds: one entry a rule, keyed on it. */
struct rht_rule {
	struct rhash_head node;
	const struct vmfence_prule *rule;
};

struct rht_key {
	u8 target, match;
	u16 len;
	const void *value;
};

static u32 rht_key_hash(const void *data, u32 len, u32 seed)
{
	const struct rht_key *k = data;

	return jhash(k->value, k->len, seed ^ (k->target << 8 | k->match));
}

static u32 rht_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct vmfence_prule *r = ((const struct rht_rule *)data)->rule;
	struct rht_key k = { r->target, r->match, r->len, r->value };

	return rht_key_hash(&k, 0, seed);
}

static int rht_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct vmfence_prule *r = ((const struct rht_rule *)obj)->rule;
	const struct rht_key *k = arg->key;

	return !(r->target == k->target && r->match == k->match &&
		 r->len == k->len && !memcmp(r->value, k->value, k->len));
}

static const struct rhashtable_params rht_params = {
	.head_offset = offsetof(struct rht_rule, node),
	.key_len = sizeof(struct rht_key),
	.hashfn = rht_key_hash,
	.obj_hashfn = rht_obj_hash,
	.obj_cmpfn = rht_cmp,
	.automatic_shrinking = false,
};

#define COMPARE_RULES	20000U

/*
 * The measured reason in ruleset.c for an index of its own: the same
 * COMPARE_RULES digest rules, indexed by the set as it is built, and then
 * inserted in an rhashtable; both found again, each lookup timed. Prints
 * the figures; checks only that both indexes find every rule.
 */
static void ruleset_index_vs_rhashtable(struct kunit *test)
{
	struct vmfence_ruleset *rs = new_set(test);
	u8 digest[VMFENCE_SHA256_SIZE];
	u64 t0, build_set, build_rht, look_set, look_rht;
	struct rhashtable rht;
	struct rht_rule *ents;
	struct vmfence_rule rule;
	struct rht_key key;
	u32 i, found_set = 0, found_rht = 0;

	ents = kvcalloc(COMPARE_RULES, sizeof(*ents), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ents);
	t0 = ktime_get_ns();
	for (i = 0; i < COMPARE_RULES; i++) {
		rule = sha_rule(i, digest);
		KUNIT_ASSERT_EQ(test, vmfence_ruleset_add(rs, &rule, i + 1), 0);
	}
	vmfence_ruleset_seal(rs);
	build_set = ktime_get_ns() - t0;

	KUNIT_ASSERT_EQ(test, rhashtable_init(&rht, &rht_params), 0);
	t0 = ktime_get_ns();
	for (i = 0; i < COMPARE_RULES; i++) {
		ents[i].rule = vmfence_ruleset_rule(rs, i);
		KUNIT_ASSERT_EQ(test, rhashtable_insert_fast(&rht, &ents[i].node,
							     rht_params), 0);
	}
	build_rht = ktime_get_ns() - t0;

	t0 = ktime_get_ns();
	for (i = 0; i < COMPARE_RULES; i++) {
		sha_rule(i, digest);
		found_set += !!vmfence_ruleset_lookup(rs, VMFENCE_RULE_TARGET_EXEC,
						      VMFENCE_RULE_MATCH_SHA256, digest,
						      VMFENCE_SHA256_SIZE);
	}
	look_set = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	rcu_read_lock();
	for (i = 0; i < COMPARE_RULES; i++) {
		sha_rule(i, digest);
		key = (struct rht_key){ VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_SHA256,
					VMFENCE_SHA256_SIZE, digest };
		found_rht += !!rhashtable_lookup(&rht, &key, rht_params);
	}
	rcu_read_unlock();
	look_rht = ktime_get_ns() - t0;
	rhashtable_destroy(&rht);
	kvfree(ents);

	KUNIT_EXPECT_EQ(test, found_set, COMPARE_RULES);
	KUNIT_EXPECT_EQ(test, found_rht, COMPARE_RULES);
	kunit_info(test, "%u rules: build %llu us (set, the rules themselves included) vs %llu us (rhashtable insert only); lookup %llu vs %llu ns each; index %zu bytes a rule in the set, %zu more for an rhash_head",
		   COMPARE_RULES, div_u64(build_set, 1000), div_u64(build_rht, 1000),
		   div_u64(look_set, COMPARE_RULES), div_u64(look_rht, COMPARE_RULES),
		   2 * sizeof(void *), sizeof(struct rhash_head));
}

static struct kunit_case ruleset_cases[] = {
	KUNIT_CASE(ruleset_add_lookup),
	KUNIT_CASE(ruleset_refuses),
	KUNIT_CASE(ruleset_copy_skips),
	KUNIT_CASE(ruleset_index_vs_rhashtable),
	{}
};

static struct kunit_suite ruleset_suite = {
	.name = "vmfence_ruleset",
	.init = ruleset_test_init,
	.exit = ruleset_test_exit,
	.test_cases = ruleset_cases,
};

kunit_test_suites(&ruleset_suite);
