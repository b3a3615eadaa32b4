// SPDX-License-Identifier: GPL-2.0
/* decide_test.c - KUnit: what a matching rule does, as a table */

#include <kunit/test.h>

#include "../core/decide.h"
#include "../core/ids.h"
#include "../core/rule.h"

#define HV(x)	(1u << VMFENCE_HV_##x)
#define CC(x)	(1u << VMFENCE_CC_##x)

struct decide_case {
	const char *name;
	u8 mode, threshold, confidence, hv, cc;
	u8 action;
	u32 on_hv, allow_cc;
	enum vmfence_decision want;
	/* The file's role, the rule's as= list, the lock's other hypervisors */
	u8 role, roles;
	u32 hv_also;
	/* enum vmfence_tpm_bound: the policy's bind-tpm and this TPM */
	u8 bound;
};

#define ENF	VMFENCE_POLICY_MODE_ENFORCE
#define AUD	VMFENCE_POLICY_MODE_AUDIT
#define OFF	VMFENCE_POLICY_MODE_OFF
#define DENY	VMFENCE_RULE_ACTION_DENY
#define AUDIT	VMFENCE_RULE_ACTION_AUDIT
#define QEMU	VMFENCE_HV_QEMU
#define NOCC	VMFENCE_CC_NONE
#define ROLE(x)	(1u << VMFENCE_EXEC_ROLE_##x)
#define PROG	VMFENCE_EXEC_ROLE_PROGRAM
#define INTERP	VMFENCE_EXEC_ROLE_INTERPRETER
#define LOADER	VMFENCE_EXEC_ROLE_LOADER
#define BOUND	VMFENCE_TPM_BOUND_YES
#define UNBOUND	VMFENCE_TPM_BOUND_NO
#define PHYS	VMFENCE_HV_NONE

static const struct decide_case decide_cases[] = {
	{ "deny, enforce, virtualized",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY },
	{ "deny, audit mode: recorded only",
	  AUD, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_AUDIT },
	{ "deny, mode off",
	  OFF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW },
	{ "audit rule, enforce",
	  ENF, 60, 100, QEMU, NOCC, AUDIT, 0, 0, VMFENCE_AUDIT },
	{ "audit rule, audit mode",
	  AUD, 60, 100, QEMU, NOCC, AUDIT, 0, 0, VMFENCE_AUDIT },
	{ "audit rule, mode off",
	  OFF, 60, 100, QEMU, NOCC, AUDIT, 0, 0, VMFENCE_ALLOW },
	{ "below the threshold",
	  ENF, 60, 59, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW },
	{ "at the threshold",
	  ENF, 60, 60, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY },
	{ "bare metal, audit rule",
	  ENF, 60, 0, VMFENCE_HV_NONE, NOCC, AUDIT, 0, 0, VMFENCE_ALLOW },
	{ "threshold 0 counts all as virtualized",
	  ENF, 0, 0, VMFENCE_HV_NONE, NOCC, DENY, 0, 0, VMFENCE_DENY },
	{ "on= names the hypervisor",
	  ENF, 60, 100, QEMU, NOCC, DENY, HV(QEMU), 0, VMFENCE_DENY },
	{ "on= among others",
	  ENF, 60, 100, QEMU, NOCC, DENY, HV(KVM) | HV(QEMU) | HV(XEN), 0, VMFENCE_DENY },
	{ "on= names another",
	  ENF, 60, 100, QEMU, NOCC, DENY, HV(KVM), 0, VMFENCE_ALLOW },
	{ "on=vm-other on an unknown one",
	  ENF, 60, 100, VMFENCE_HV_OTHER, NOCC, DENY, HV(OTHER), 0, VMFENCE_DENY },
	{ "on= and a hypervisor out of range",
	  ENF, 60, 100, VMFENCE_HV_COUNT, NOCC, DENY, ~0u, 0, VMFENCE_ALLOW },
	{ "no on= and a hypervisor out of range",
	  ENF, 60, 100, VMFENCE_HV_COUNT, NOCC, DENY, 0, 0, VMFENCE_DENY },
	{ "allow-cc names the type",
	  ENF, 60, 100, QEMU, VMFENCE_CC_SEV_SNP, DENY, 0, CC(SEV_SNP), VMFENCE_ALLOW },
	{ "allow-cc among others",
	  ENF, 60, 100, QEMU, VMFENCE_CC_TDX, DENY, 0, CC(SEV_SNP) | CC(TDX), VMFENCE_ALLOW },
	{ "allow-cc names another type",
	  ENF, 60, 100, QEMU, VMFENCE_CC_SEV, DENY, 0, CC(SEV_SNP), VMFENCE_DENY },
	{ "allow-cc, not confidential",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, CC(SEV_SNP), VMFENCE_DENY },
	{ "allow-cc with a none bit allows nothing",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, CC(NONE), VMFENCE_DENY },
	{ "allow-cc, type out of range",
	  ENF, 60, 100, QEMU, VMFENCE_CC_COUNT, DENY, 0, ~0u, VMFENCE_DENY },
	{ "allow-cc, audit rule",
	  AUD, 60, 100, QEMU, VMFENCE_CC_TDX, AUDIT, 0, CC(TDX), VMFENCE_ALLOW },
	{ "both conditions, both met",
	  ENF, 60, 100, QEMU, VMFENCE_CC_SEV, DENY, HV(QEMU), CC(SEV), VMFENCE_ALLOW },
	{ "both conditions, on= met only",
	  ENF, 60, 100, QEMU, VMFENCE_CC_SEV, DENY, HV(QEMU), CC(TDX), VMFENCE_DENY },
	{ "unknown action",
	  ENF, 60, 100, QEMU, NOCC, VMFENCE_RULE_ACTION_COUNT, 0, 0, VMFENCE_ALLOW },
	{ "unknown mode",
	  VMFENCE_POLICY_MODE_COUNT, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW },
	{ "no as=: the loader too",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY, LOADER, 0 },
	{ "no as=: an interpreter too",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY, INTERP, 0 },
	{ "as=program, run as the program",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY, PROG, ROLE(PROGRAM) },
	{ "as=program, loading a program",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW, LOADER, ROLE(PROGRAM) },
	{ "as=program, a script's interpreter",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW, INTERP, ROLE(PROGRAM) },
	{ "as=loader,interpreter, as the loader",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY, LOADER,
	  ROLE(LOADER) | ROLE(INTERPRETER) },
	{ "as=, role out of range",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW, VMFENCE_EXEC_ROLE_COUNT, 0xff },
	{ "as= audit rule, audit mode",
	  AUD, 60, 100, QEMU, NOCC, AUDIT, 0, 0, VMFENCE_AUDIT, INTERP, ROLE(INTERPRETER) },
	{ "as= below the threshold",
	  ENF, 60, 59, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW, PROG, ROLE(PROGRAM) },
	{ "locked: on= names a hypervisor named before",
	  ENF, 60, 100, VMFENCE_HV_KVM, NOCC, DENY, HV(QEMU), 0, VMFENCE_DENY, PROG, 0,
	  HV(QEMU) },
	{ "locked: on= names neither",
	  ENF, 60, 100, VMFENCE_HV_KVM, NOCC, DENY, HV(XEN), 0, VMFENCE_ALLOW, PROG, 0,
	  HV(QEMU) },
	{ "locked: hypervisors before, out of range",
	  ENF, 60, 100, VMFENCE_HV_KVM, NOCC, DENY, ~HV(KVM), 0, VMFENCE_ALLOW, PROG, 0,
	  ~0u << VMFENCE_HV_COUNT },
	/* bind-tpm: a machine whose TPM proved no listed EK is not allowed */
	{ "unbound, physical verdict, enforce",
	  ENF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_DENY, PROG, 0, 0, UNBOUND },
	{ "unbound, physical verdict, audit mode",
	  AUD, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_AUDIT, PROG, 0, 0, UNBOUND },
	{ "unbound, physical verdict, mode off",
	  OFF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_ALLOW, PROG, 0, 0, UNBOUND },
	{ "unbound, audit rule, enforce",
	  ENF, 60, 0, PHYS, NOCC, AUDIT, 0, 0, VMFENCE_AUDIT, PROG, 0, 0, UNBOUND },
	{ "unbound, threshold 100 and confidence 0",
	  ENF, 100, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_DENY, PROG, 0, 0, UNBOUND },
	{ "unbound: on=kvm matches, the hypervisor is unknown",
	  ENF, 60, 0, PHYS, NOCC, DENY, HV(KVM), 0, VMFENCE_DENY, PROG, 0, 0, UNBOUND },
	{ "unbound: on= matches whatever the evidence names",
	  ENF, 60, 100, QEMU, NOCC, DENY, HV(XEN), 0, VMFENCE_DENY, PROG, 0, 0, UNBOUND },
	{ "unbound: allow-cc= does not exempt",
	  ENF, 60, 100, QEMU, VMFENCE_CC_SEV_SNP, DENY, 0, CC(SEV_SNP), VMFENCE_DENY,
	  PROG, 0, 0, UNBOUND },
	{ "unbound: as= still names the file's part",
	  ENF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_ALLOW, LOADER, ROLE(PROGRAM), 0,
	  UNBOUND },
	{ "bound, physical verdict: allowed",
	  ENF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_ALLOW, PROG, 0, 0, BOUND },
	{ "bound, below the threshold: allowed",
	  ENF, 60, 59, QEMU, NOCC, DENY, 0, 0, VMFENCE_ALLOW, PROG, 0, 0, BOUND },
	{ "bound does not clear a virtualized verdict",
	  ENF, 60, 100, QEMU, NOCC, DENY, 0, 0, VMFENCE_DENY, PROG, 0, 0, BOUND },
	{ "bound: on= names another, as before",
	  ENF, 60, 100, QEMU, NOCC, DENY, HV(KVM), 0, VMFENCE_ALLOW, PROG, 0, 0, BOUND },
	{ "bound: allow-cc= exempts, as before",
	  ENF, 60, 100, QEMU, VMFENCE_CC_TDX, DENY, 0, CC(TDX), VMFENCE_ALLOW, PROG, 0, 0,
	  BOUND },
	{ "no binding, physical verdict: allowed",
	  ENF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_ALLOW, PROG, 0, 0,
	  VMFENCE_TPM_BOUND_UNSET },
	{ "binding out of range fails closed",
	  ENF, 60, 0, PHYS, NOCC, DENY, 0, 0, VMFENCE_DENY, PROG, 0, 0,
	  VMFENCE_TPM_BOUND_COUNT },
};

static void decide_case_desc(const struct decide_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(decide, decide_cases, decide_case_desc);

/* Each row: the decision for one rule in one situation. */
static void decide_table(struct kunit *test)
{
	const struct decide_case *c = test->param_value;
	struct vmfence_situation s = {
		.mode = c->mode,
		.threshold = c->threshold,
		.confidence = c->confidence,
		.hv = c->hv,
		.cc = c->cc,
		.hv_also = c->hv_also,
		.bound = c->bound,
	};

	KUNIT_EXPECT_EQ(test, vmfence_decide(&s, c->role, c->action, c->on_hv,
					     c->allow_cc, c->roles),
			c->want);
}

/* Rules are looked up only where one could apply. */
static void decide_checks(struct kunit *test)
{
	struct vmfence_situation s = { ENF, 60, 100, QEMU, NOCC };

	KUNIT_EXPECT_TRUE(test, vmfence_situation_checks(&s));
	s.confidence = 59;
	KUNIT_EXPECT_FALSE(test, vmfence_situation_checks(&s));
	s.confidence = 100;
	s.mode = OFF;
	KUNIT_EXPECT_FALSE(test, vmfence_situation_checks(&s));
	s.mode = AUD;
	KUNIT_EXPECT_TRUE(test, vmfence_situation_checks(&s));
	/* A physical verdict is checked only where the machine is unbound. */
	s.confidence = 0;
	s.hv = PHYS;
	KUNIT_EXPECT_FALSE(test, vmfence_situation_checks(&s));
	s.bound = BOUND;
	KUNIT_EXPECT_FALSE(test, vmfence_situation_checks(&s));
	s.bound = UNBOUND;
	KUNIT_EXPECT_TRUE(test, vmfence_situation_checks(&s));
	s.mode = OFF;
	KUNIT_EXPECT_FALSE(test, vmfence_situation_checks(&s));
}

/* Situations that could decide differently have different keys. */
static void decide_keys(struct kunit *test)
{
	struct vmfence_situation a = { ENF, 60, 100, QEMU, NOCC }, b = a;

	KUNIT_EXPECT_EQ(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b.cc = VMFENCE_CC_TDX;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b = a;
	b.hv = VMFENCE_HV_KVM;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b = a;
	b.confidence = 99;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b = a;
	b.mode = AUD;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b = a;
	b.threshold = 61;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b = a;
	b.hv_also = HV(OTHER);
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	/* The decision cache must not serve a bound machine's "allow" unbound. */
	b = a;
	b.bound = UNBOUND;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	a.bound = BOUND;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
	b.bound = VMFENCE_TPM_BOUND_UNSET;
	KUNIT_EXPECT_NE(test, vmfence_situation_key(&a), vmfence_situation_key(&b));
}

/* Every mode with every binding: twelve distinct keys. */
static void decide_keys_mode_and_binding(struct kunit *test)
{
	u64 keys[VMFENCE_POLICY_MODE_COUNT * VMFENCE_TPM_BOUND_COUNT];
	struct vmfence_situation s = { ENF, 60, 100, QEMU, NOCC };
	unsigned int m, t, i, j, n = 0;

	for (m = 0; m < VMFENCE_POLICY_MODE_COUNT; m++)
		for (t = 0; t < VMFENCE_TPM_BOUND_COUNT; t++) {
			s.mode = m;
			s.bound = t;
			keys[n++] = vmfence_situation_key(&s);
		}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			KUNIT_EXPECT_NE(test, keys[i], keys[j]);
}

/*
 * An unbound machine is not allowed, yet not called virtualized: over
 * confidences and thresholds, what vmfence_conclude() reports of the
 * evidence is what it says without a binding, while every rule applies.
 */
static void decide_unbound_keeps_the_evidence(struct kunit *test)
{
	static const u8 thresholds[] = { 0, 60, 100 };
	struct vmfence_situation s = { .mode = ENF, .hv = QEMU };
	struct vmfence_conclusion c, free_c;
	unsigned int conf, t;

	for (t = 0; t < ARRAY_SIZE(thresholds); t++)
		for (conf = 0; conf <= 100; conf++) {
			s.threshold = thresholds[t];
			s.confidence = conf;
			s.bound = VMFENCE_TPM_BOUND_UNSET;
			vmfence_conclude(&s, &free_c);
			s.bound = UNBOUND;
			vmfence_conclude(&s, &c);
			KUNIT_EXPECT_TRUE(test, c.unbound);
			KUNIT_EXPECT_FALSE(test, free_c.unbound);
			KUNIT_EXPECT_EQ(test, c.virtualized, conf >= s.threshold);
			KUNIT_EXPECT_EQ(test, c.hv, free_c.hv);
			KUNIT_EXPECT_EQ(test, c.role, free_c.role);
			KUNIT_EXPECT_TRUE(test, vmfence_situation_checks(&s));
			KUNIT_EXPECT_EQ(test, vmfence_decide(&s, PROG, DENY, HV(KVM), 0, 0),
					VMFENCE_DENY);
			s.bound = BOUND;
			vmfence_conclude(&s, &c);
			KUNIT_EXPECT_FALSE(test, c.unbound);
			KUNIT_EXPECT_EQ(test, vmfence_decide(&s, PROG, DENY, 0, 0, 0) ==
					VMFENCE_DENY, conf >= s.threshold);
		}
}

/*
 * One decision for every reader: over confidences and thresholds, what
 * vmfence_conclude() reports (sysfs, netlink, the record, vmfencectl) is
 * what the rules act on. Virtualized exactly when rules are looked up and
 * a plain deny refuses; the hypervisor reported is the one on= matches,
 * none when not virtualized.
 */
static void decide_one_decision(struct kunit *test)
{
	static const u8 thresholds[] = { 0, 1, 59, 60, 61, 99, 100 };
	static const u8 hvs[] = { VMFENCE_HV_NONE, QEMU, VMFENCE_HV_OTHER };
	struct vmfence_situation s = { .mode = ENF };
	struct vmfence_conclusion c;
	unsigned int conf, t, h;

	for (t = 0; t < ARRAY_SIZE(thresholds); t++)
		for (conf = 0; conf <= 100; conf++)
			for (h = 0; h < ARRAY_SIZE(hvs); h++) {
				s.threshold = thresholds[t];
				s.confidence = conf;
				s.hv = hvs[h];
				vmfence_conclude(&s, &c);
				KUNIT_EXPECT_EQ(test, c.virtualized, conf >= s.threshold);
				KUNIT_EXPECT_EQ(test, c.virtualized,
						vmfence_situation_checks(&s));
				KUNIT_EXPECT_EQ(test, c.virtualized,
						vmfence_decide(&s, PROG, DENY, 0, 0, 0) ==
						VMFENCE_DENY);
				if (!c.virtualized) {
					KUNIT_EXPECT_EQ(test, c.hv, VMFENCE_HV_NONE);
					continue;
				}
				KUNIT_EXPECT_NE(test, c.hv, VMFENCE_HV_NONE);
				KUNIT_EXPECT_EQ(test, vmfence_decide(&s, PROG, DENY,
								     BIT(c.hv), 0, 0),
						VMFENCE_DENY);
			}
}

static struct kunit_case decide_test_cases[] = {
	KUNIT_CASE(decide_one_decision),
	KUNIT_CASE_PARAM(decide_table, decide_gen_params),
	KUNIT_CASE(decide_checks),
	KUNIT_CASE(decide_keys),
	KUNIT_CASE(decide_keys_mode_and_binding),
	KUNIT_CASE(decide_unbound_keeps_the_evidence),
	{}
};

static struct kunit_suite decide_suite = {
	.name = "vmfence_decide",
	.test_cases = decide_test_cases,
};

kunit_test_suites(&decide_suite);
