// SPDX-License-Identifier: GPL-2.0
/* policy_test.c - KUnit: the policy store's generations, lookups and replace */

#include <kunit/test.h>
#include <linux/slab.h>

#include "../core/detect.h"
#include "../core/rule_parse.h"
#include "../policy.h"
#include "../tpm/identity.h"

static int policy_test_init(struct kunit *test)
{
	return vmfence_policy_init();
}

static void policy_test_exit(struct kunit *test)
{
	vmfence_policy_exit();
}

/* Parse one rule line into @rule; @scratch must outlive the rule. */
static void parse_rule(struct kunit *test, const char *text, char *scratch,
		       struct vmfence_rule *rule)
{
	struct vmfence_parse_error err;

	KUNIT_ASSERT_EQ_MSG(test, vmfence_rule_parse(text, strlen(text), scratch,
						     rule, &err), 0,
			    "%s: %s", text, err.msg);
}

/*
 * Tests hold a counted reference, never rcu_read_lock(): a failing
 * expectation allocates, and must not do so inside an RCU read section.
 * Between get and put only EXPECTs run, which never end the test early.
 */
static u64 generation(void)
{
	struct vmfence_policy *p = vmfence_policy_get();
	u64 gen = p->generation;

	vmfence_policy_put(p);
	return gen;
}

static u32 nr_rules(void)
{
	struct vmfence_policy *p = vmfence_policy_get();
	u32 n = vmfence_policy_nr_rules(p);

	vmfence_policy_put(p);
	return n;
}

static bool has(const struct vmfence_policy *p, u8 target, u8 match,
		const char *value)
{
	return vmfence_policy_lookup(p, target, match, value, strlen(value));
}

static bool has_path(const char *path)
{
	struct vmfence_policy *p = vmfence_policy_get();
	bool found = has(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_PATH, path);

	vmfence_policy_put(p);
	return found;
}

/* A fresh store enforces nothing yet: no rules, enforce, default threshold. */
static void policy_initial(struct kunit *test)
{
	struct vmfence_policy *p;

	p = vmfence_policy_get();
	KUNIT_EXPECT_EQ(test, p->generation, 1ULL);
	KUNIT_EXPECT_EQ(test, p->mode, VMFENCE_POLICY_MODE_ENFORCE);
	KUNIT_EXPECT_EQ(test, p->threshold, VMFENCE_THRESHOLD_DEFAULT);
	KUNIT_EXPECT_EQ(test, vmfence_policy_nr_rules(p), 0U);
	KUNIT_EXPECT_FALSE(test, vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC,
						    VMFENCE_RULE_MATCH_PATH));
	vmfence_policy_put(p);
}

/* Add, find, refuse a duplicate, delete: each change a new generation. */
static void policy_add_del(struct kunit *test)
{
	char *scratch = kunit_kzalloc(test, VMFENCE_PATH_MAX + 1, GFP_KERNEL);
	struct vmfence_rule rule;
	u32 id, id2;

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	parse_rule(test, "deny exec path=/opt/ledger/bin/ledgerd", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);
	KUNIT_EXPECT_EQ(test, generation(), 2ULL);
	KUNIT_EXPECT_TRUE(test, has_path("/opt/ledger/bin/ledgerd"));
	KUNIT_EXPECT_FALSE(test, has_path("/opt/ledger/bin/ledger"));

	parse_rule(test, "audit exec path=/opt/ledger/bin/ledgerd", scratch, &rule);
	KUNIT_EXPECT_EQ(test, vmfence_policy_rule_add(&rule, &id2, NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, generation(), 2ULL);

	KUNIT_EXPECT_EQ(test, vmfence_policy_rule_del(id + 1000, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, vmfence_policy_rule_del(id, NULL), 0);
	KUNIT_EXPECT_FALSE(test, has_path("/opt/ledger/bin/ledgerd"));
	KUNIT_EXPECT_EQ(test, nr_rules(), 0U);
	KUNIT_EXPECT_EQ(test, generation(), 3ULL);
}

/* The same value under another match or target is another key. */
static void policy_keys_distinct(struct kunit *test)
{
	char *scratch = kunit_kzalloc(test, VMFENCE_PATH_MAX + 1, GFP_KERNEL);
	struct vmfence_policy *p;
	struct vmfence_rule rule;
	u32 id;

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	parse_rule(test, "deny module name=ledger_drv", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);
	parse_rule(test, "deny exec label=ledger_drv", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);

	p = vmfence_policy_get();
	KUNIT_EXPECT_TRUE(test, has(p, VMFENCE_RULE_TARGET_MODULE,
				    VMFENCE_RULE_MATCH_NAME, "ledger_drv"));
	KUNIT_EXPECT_TRUE(test, has(p, VMFENCE_RULE_TARGET_EXEC,
				    VMFENCE_RULE_MATCH_LABEL, "ledger_drv"));
	KUNIT_EXPECT_FALSE(test, has(p, VMFENCE_RULE_TARGET_EXEC,
				     VMFENCE_RULE_MATCH_NAME, "ledger_drv"));
	KUNIT_EXPECT_FALSE(test, has(p, VMFENCE_RULE_TARGET_MODULE,
				     VMFENCE_RULE_MATCH_LABEL, "ledger_drv"));
	vmfence_policy_put(p);
}

static const char good_policy[] =
	"mode audit\n"
	"threshold 70\n"
	"deny exec path=/usr/local/bin/core-ledger\n"
	"deny exec sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
	"audit exec label=sensitive on=kvm,vmware\n"
	"deny module name=ledger_crypto allow-cc=sev-snp,tdx\n";

/* A replace swaps rules and settings in one generation. */
static void policy_replace(struct kunit *test)
{
	struct vmfence_parse_error err;
	struct vmfence_builder *b;
	struct vmfence_policy *p;
	const struct vmfence_prule *r;
	struct vmfence_policy_summary pub;

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, good_policy,
						    sizeof(good_policy) - 1, &err), 0);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, &pub), 0);
	KUNIT_EXPECT_EQ(test, pub.generation, 2ULL);
	KUNIT_EXPECT_EQ(test, pub.nr_rules, 4U);
	KUNIT_EXPECT_EQ(test, pub.mode, VMFENCE_POLICY_MODE_AUDIT);
	KUNIT_EXPECT_EQ(test, pub.threshold, 70);

	p = vmfence_policy_get();
	KUNIT_EXPECT_EQ(test, p->generation, 2ULL);
	KUNIT_EXPECT_EQ(test, p->mode, VMFENCE_POLICY_MODE_AUDIT);
	KUNIT_EXPECT_EQ(test, p->threshold, 70);
	KUNIT_EXPECT_EQ(test, vmfence_policy_nr_rules(p), 4U);
	KUNIT_EXPECT_TRUE(test, vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC,
						   VMFENCE_RULE_MATCH_SHA256));
	r = vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_LABEL,
				  "sensitive", 9);
	KUNIT_EXPECT_NOT_NULL(test, r);
	if (r) {
		KUNIT_EXPECT_EQ(test, r->action, VMFENCE_RULE_ACTION_AUDIT);
		KUNIT_EXPECT_EQ(test, r->on_hv, BIT(VMFENCE_HV_KVM) | BIT(VMFENCE_HV_VMWARE));
	}
	r = vmfence_policy_rule(p, 3);
	KUNIT_EXPECT_NOT_NULL(test, r);
	if (r)
		KUNIT_EXPECT_EQ(test, r->allow_cc,
				BIT(VMFENCE_CC_SEV_SNP) | BIT(VMFENCE_CC_TDX));
	vmfence_policy_put(p);
}

/* A replace that fails anywhere leaves the running policy as it was. */
static void policy_replace_atomic(struct kunit *test)
{
	static const char bad[] = "deny exec path=/bin/a\n"
				  "deny exec sha256=123\n";
	struct vmfence_parse_error err;
	struct vmfence_builder *b;
	struct vmfence_policy_summary pub;

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, good_policy,
						    sizeof(good_policy) - 1, &err), 0);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, &pub), 0);

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, vmfence_builder_parse(b, bad, sizeof(bad) - 1, &err),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, err.line, 2U);
	vmfence_builder_free(b);

	KUNIT_EXPECT_EQ(test, generation(), 2ULL);
	KUNIT_EXPECT_EQ(test, nr_rules(), 4U);
	KUNIT_EXPECT_TRUE(test, has_path("/usr/local/bin/core-ledger"));
	KUNIT_EXPECT_FALSE(test, has_path("/bin/a"));
}

/* Chunks count lines from the policy's start; settings only once. */
static void policy_chunks(struct kunit *test)
{
	static const char one[] = "mode enforce\n# comment\n";
	static const char two[] = "deny exec path=/a\nmode off\n";
	struct vmfence_parse_error err;
	struct vmfence_builder *b;

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, one, sizeof(one) - 1, &err), 0);
	KUNIT_EXPECT_EQ(test, vmfence_builder_parse(b, two, sizeof(two) - 1, &err),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, err.line, 3U);
	KUNIT_EXPECT_STREQ(test, err.msg, "mode given twice");
	vmfence_builder_free(b);
	KUNIT_EXPECT_EQ(test, generation(), 1ULL);
}

/* A reader holding an old generation keeps seeing it, whole. */
static void policy_old_generation_stable(struct kunit *test)
{
	char *scratch = kunit_kzalloc(test, VMFENCE_PATH_MAX + 1, GFP_KERNEL);
	struct vmfence_policy *old;
	struct vmfence_rule rule;
	u32 id;

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	parse_rule(test, "deny exec path=/x", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);
	old = vmfence_policy_get();
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_del(id, NULL), 0);
	KUNIT_EXPECT_EQ(test, vmfence_policy_nr_rules(old), 1U);
	KUNIT_EXPECT_NOT_NULL(test, vmfence_policy_lookup(old, VMFENCE_RULE_TARGET_EXEC,
							  VMFENCE_RULE_MATCH_PATH, "/x", 2));
	KUNIT_EXPECT_FALSE(test, has_path("/x"));
	vmfence_policy_put(old);
}

/* Settings: bounds, and mode/threshold changes keep the rules. */
static void policy_settings(struct kunit *test)
{
	char *scratch = kunit_kzalloc(test, VMFENCE_PATH_MAX + 1, GFP_KERNEL);
	struct vmfence_rule rule;
	u32 id;

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	parse_rule(test, "deny exec path=/y", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);
	KUNIT_EXPECT_EQ(test, vmfence_policy_set(VMFENCE_POLICY_MODE_COUNT, -1, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, vmfence_policy_set(-1, 101, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, generation(), 2ULL);
	KUNIT_EXPECT_EQ(test, vmfence_policy_set(VMFENCE_POLICY_MODE_OFF, -1, NULL), 0);
	KUNIT_EXPECT_EQ(test, vmfence_policy_set(-1, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, generation(), 4ULL);
	KUNIT_EXPECT_TRUE(test, has_path("/y"));
}

/* 10,000 digest rules: every one found, at most 128 bytes a rule. */
static void policy_many_rules(struct kunit *test)
{
	struct vmfence_builder *b = vmfence_builder_new();
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_DENY,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_SHA256,
	};
	struct vmfence_policy *p;
	u32 i, found = 0;
	struct vmfence_policy_summary pub;

	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < 10000; i++) {
		memcpy(rule.sha256, &i, sizeof(i));
		KUNIT_ASSERT_EQ(test, vmfence_builder_add(b, &rule), 0);
	}
	KUNIT_EXPECT_EQ(test, vmfence_builder_add(b, &rule), -EEXIST);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, &pub), 0);

	p = vmfence_policy_get();
	for (i = 0; i < 10000; i++) {
		memset(rule.sha256, 0, sizeof(rule.sha256));
		memcpy(rule.sha256, &i, sizeof(i));
		found += !!vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_EXEC,
						 VMFENCE_RULE_MATCH_SHA256, rule.sha256,
						 VMFENCE_SHA256_SIZE);
	}
	KUNIT_EXPECT_EQ(test, found, 10000U);
	KUNIT_EXPECT_LE(test, vmfence_policy_bytes(p), 10000UL * 128);
	vmfence_policy_put(p);
}

/* The name filter never hides a rule's last component; it hides most others. */
static void policy_path_name_filter(struct kunit *test)
{
	struct vmfence_builder *b = vmfence_builder_new();
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_DENY,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_PATH,
	};
	struct vmfence_policy *p;
	u32 i, kept = 0, passed = 0;
	char path[64], name[32];
	struct vmfence_policy_summary pub;

	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < 1000; i++) {
		rule.value = path;
		rule.value_len = snprintf(path, sizeof(path), "/opt/t%u/prog-%u", i % 7, i);
		KUNIT_ASSERT_EQ(test, vmfence_builder_add(b, &rule), 0);
	}
	/* A path whose only slash is the first. */
	rule.value = "/top";
	rule.value_len = 4;
	KUNIT_ASSERT_EQ(test, vmfence_builder_add(b, &rule), 0);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, &pub), 0);

	p = vmfence_policy_get();
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "prog-%u", i);
		kept += vmfence_policy_path_may_end_in(p, VMFENCE_RULE_TARGET_EXEC, name,
						       strlen(name));
		snprintf(name, sizeof(name), "other-%u", i);
		passed += vmfence_policy_path_may_end_in(p, VMFENCE_RULE_TARGET_EXEC, name,
							 strlen(name));
	}
	KUNIT_EXPECT_EQ(test, kept, 1000U);
	KUNIT_EXPECT_LT(test, passed, 100U);
	KUNIT_EXPECT_TRUE(test, vmfence_policy_path_may_end_in(p, VMFENCE_RULE_TARGET_EXEC,
							       "top", 3));
	/* No module path rules at all. */
	KUNIT_EXPECT_FALSE(test, vmfence_policy_path_may_end_in(p, VMFENCE_RULE_TARGET_MODULE,
								"prog-1", 6));
	vmfence_policy_put(p);
}

#define EK_A "aa0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
#define EK_B "0b23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define EK_C "cc0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"

/* Replace the running policy with @text, in one chunk. */
static void replace_with(struct kunit *test, const char *text)
{
	struct vmfence_parse_error err;
	struct vmfence_builder *b = vmfence_builder_new();

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ_MSG(test, vmfence_builder_parse(b, text, strlen(text), &err), 0,
			    "%u:%u: %s", err.line, err.col, err.msg);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, NULL), 0);
}

/* The running policy's bind list, as hex, in @hex (2 * 65 bytes). */
static u32 bind_hex(char *hex)
{
	struct vmfence_policy *p = vmfence_policy_get();
	const u8 *list;
	u32 n, i;

	list = vmfence_policy_bind_list(p, &n);
	hex[0] = '\0';
	for (i = 0; i < n && i < 2; i++) {
		char *end = bin2hex(hex + 65 * i, list + i * VMFENCE_SHA256_SIZE,
				    VMFENCE_SHA256_SIZE);

		*end = i == 0 && n > 1 ? ',' : '\0';
	}
	vmfence_policy_put(p);
	return n;
}

/*
 * bind-tpm is part of a generation: a replace sets it (sorted) and
 * accounts it in the policy's bytes; rule add, rule del, mode and threshold
 * keep it; a replace without it removes it.
 */
static void policy_bind_tpm_generations(struct kunit *test)
{
	char *scratch = kunit_kzalloc(test, VMFENCE_PATH_MAX + 1, GFP_KERNEL);
	char *hex = kunit_kzalloc(test, 2 * 65, GFP_KERNEL);
	struct vmfence_policy_summary before, after;
	struct vmfence_rule rule;
	u32 id;

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	KUNIT_ASSERT_NOT_NULL(test, hex);
	replace_with(test, "deny exec path=/x\n");
	vmfence_policy_summary(&before);
	KUNIT_EXPECT_EQ(test, before.nr_bind, 0U);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 0U);

	replace_with(test, "bind-tpm ek-sha256=" EK_A "," EK_B "\ndeny exec path=/x\n");
	vmfence_policy_summary(&after);
	KUNIT_EXPECT_EQ(test, after.nr_bind, 2U);
	KUNIT_EXPECT_EQ(test, after.bytes,
			before.bytes + sizeof(struct vmfence_bind) + 2 * VMFENCE_SHA256_SIZE);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 2U);
	KUNIT_EXPECT_STREQ(test, hex, EK_B "," EK_A);

	parse_rule(test, "deny exec path=/y", scratch, &rule);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_add(&rule, &id, NULL), 0);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 2U);
	KUNIT_ASSERT_EQ(test, vmfence_policy_set(VMFENCE_POLICY_MODE_AUDIT, 80, NULL), 0);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 2U);
	KUNIT_ASSERT_EQ(test, vmfence_policy_rule_del(id, NULL), 0);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 2U);
	KUNIT_EXPECT_STREQ(test, hex, EK_B "," EK_A);

	replace_with(test, "deny exec path=/x\n");
	vmfence_policy_summary(&after);
	KUNIT_EXPECT_EQ(test, after.nr_bind, 0U);
	KUNIT_EXPECT_EQ(test, after.bytes, before.bytes);
	KUNIT_EXPECT_EQ(test, bind_hex(hex), 0U);
}

/* bind-tpm lines add up over chunks; an EK given again is refused. */
static void policy_bind_tpm_chunks(struct kunit *test)
{
	static const char one[] = "bind-tpm ek-sha256=" EK_A "\n";
	static const char two[] = "mode enforce\nbind-tpm ek-sha256=" EK_B "\n";
	static const char three[] = "bind-tpm ek-sha256=" EK_C "," EK_A "\n";
	struct vmfence_parse_error err;
	struct vmfence_builder *b;
	struct vmfence_policy_summary pub;

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, one, sizeof(one) - 1, &err), 0);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, two, sizeof(two) - 1, &err), 0);
	KUNIT_ASSERT_EQ(test, vmfence_builder_commit(b, &pub), 0);
	KUNIT_EXPECT_EQ(test, pub.nr_bind, 2U);

	b = vmfence_builder_new();
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, vmfence_builder_parse(b, one, sizeof(one) - 1, &err), 0);
	KUNIT_EXPECT_EQ(test, vmfence_builder_parse(b, three, sizeof(three) - 1, &err),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, err.line, 2U);
	KUNIT_EXPECT_EQ(test, err.col, 85U);
	KUNIT_EXPECT_STREQ(test, err.msg, "bind-tpm: ek-sha256 listed twice");
	vmfence_builder_free(b);
	vmfence_policy_summary(&pub);
	KUNIT_EXPECT_EQ(test, pub.nr_bind, 2U);
}

/* Publish a TPM identity: @ek (hex) with possession @possession. */
static void publish_tpm(struct kunit *test, const char *ek, u8 possession)
{
	struct vmfence_facts *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	if (ek) {
		f->tpm.state = VMFENCE_FACT_PRESENT;
		f->tpm.id.have_ek = true;
		f->tpm.id.possession = possession;
		KUNIT_EXPECT_EQ(test, hex2bin(f->tpm.id.ek_sha256, ek, VMFENCE_SHA256_LEN), 0);
	}
	vmfence_tpm_publish(f);
	kfree(f);
}

static u8 bound(void)
{
	struct vmfence_policy *p = vmfence_policy_get();
	u8 b = vmfence_policy_tpm_bound(p);

	vmfence_policy_put(p);
	return b;
}

/*
 * Bound only when the TPM proved possession of a listed EK: not without a
 * TPM, not with a listed EK it did not prove (a copied certificate), not
 * with another proven EK. Unset when the policy lists none.
 */
static void policy_tpm_bound(struct kunit *test)
{
	publish_tpm(test, NULL, 0);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_UNSET);
	replace_with(test, "bind-tpm ek-sha256=" EK_A "," EK_B "\n");
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_NO);
	publish_tpm(test, EK_A, VMFENCE_TPM_POSSESSION_FAILED);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_NO);
	publish_tpm(test, EK_A, VMFENCE_TPM_POSSESSION_NOT_TRIED);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_NO);
	publish_tpm(test, EK_C, VMFENCE_TPM_POSSESSION_PROVEN);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_NO);
	publish_tpm(test, EK_A, VMFENCE_TPM_POSSESSION_PROVEN);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_YES);
	publish_tpm(test, EK_B, VMFENCE_TPM_POSSESSION_PROVEN);
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_YES);
	replace_with(test, "deny exec path=/x\n");
	KUNIT_EXPECT_EQ(test, bound(), VMFENCE_TPM_BOUND_UNSET);
	publish_tpm(test, NULL, 0);
}

static struct kunit_case policy_cases[] = {
	KUNIT_CASE(policy_initial),
	KUNIT_CASE(policy_add_del),
	KUNIT_CASE(policy_keys_distinct),
	KUNIT_CASE(policy_replace),
	KUNIT_CASE(policy_replace_atomic),
	KUNIT_CASE(policy_chunks),
	KUNIT_CASE(policy_old_generation_stable),
	KUNIT_CASE(policy_settings),
	KUNIT_CASE(policy_many_rules),
	KUNIT_CASE(policy_path_name_filter),
	KUNIT_CASE(policy_bind_tpm_generations),
	KUNIT_CASE(policy_bind_tpm_chunks),
	KUNIT_CASE(policy_tpm_bound),
	{}
};

static struct kunit_suite policy_suite = {
	.name = "vmfence_policy",
	.init = policy_test_init,
	.exit = policy_test_exit,
	.test_cases = policy_cases,
};

kunit_test_suites(&policy_suite);
