// SPDX-License-Identifier: GPL-2.0
/*
 * detect_test.c - KUnit: the verdict on every recorded environment, and on
 * the facts only the live kernel provides
 *
 * The environments are the snapshot fixtures of tools/testing/fixtures/env/,
 * the same that `vmfencectl detect --root` is tested on, as generated into
 * detect_envs.h.
 */

#include <kunit/test.h>

#include "../core/decide.h"
#include "../core/detect.h"
#include "detect_envs.h"

/* Zeroed facts and a verdict, both too big for the stack. */
struct detect_ctx {
	struct vmfence_facts facts;
	struct vmfence_verdict verdict;
};

static int detect_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct detect_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void env_desc(const struct detect_env *env, char *desc)
{
	strscpy(desc, env->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(detect_env, detect_envs, env_desc);

/* The verdict of @f, judged against @threshold as every reader judges it. */
static void detect_at(const struct vmfence_facts *f, unsigned int threshold,
		      struct vmfence_verdict *v, struct vmfence_conclusion *c)
{
	struct vmfence_situation s = { .threshold = threshold };

	vmfence_detect(f, v);
	s.confidence = v->confidence;
	s.hv = v->hv;
	s.cc = v->cc;
	s.host = v->host;
	vmfence_conclude(&s, c);
}

/* Each environment: virtualized, hypervisor, confidential type, confidence band. */
static void detect_env_verdict(struct kunit *test)
{
	const struct detect_env *env = test->param_value;
	struct detect_ctx *ctx = test->priv;
	struct vmfence_verdict *v = &ctx->verdict;
	struct vmfence_conclusion c;

	detect_at(env->facts, VMFENCE_THRESHOLD_DEFAULT, v, &c);
	KUNIT_EXPECT_EQ(test, c.virtualized, env->virtualized);
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(c.hv), env->hv);
	KUNIT_EXPECT_STREQ(test, vmfence_cc_name(v->cc), env->cc);
	KUNIT_EXPECT_STREQ(test, vmfence_role_name(c.role), env->role);
	KUNIT_EXPECT_GE(test, v->confidence, env->min_confidence);
	KUNIT_EXPECT_LE(test, v->confidence, env->max_confidence);
}

/* Nothing known: every signal unknown, nothing concluded. */
static void detect_nothing_known(struct kunit *test)
{
	struct detect_ctx *ctx = test->priv;
	struct vmfence_facts *f = &ctx->facts;
	struct vmfence_verdict *v = &ctx->verdict;
	struct vmfence_conclusion c;
	int i;

	detect_at(f, VMFENCE_THRESHOLD_DEFAULT, v, &c);
	KUNIT_EXPECT_FALSE(test, c.virtualized);
	KUNIT_EXPECT_EQ(test, v->confidence, 0);
	KUNIT_EXPECT_EQ(test, c.hv, VMFENCE_HV_NONE);
	for (i = 0; i < VMFENCE_SIG_COUNT; i++)
		KUNIT_EXPECT_EQ_MSG(test, v->signals[i].state, VMFENCE_SIG_UNKNOWN,
				    "signal %s", v->signals[i].name);
}

/*
 * x86_hyper_type and pv_info come only from the live kernel: a KVM guest
 * booted with the hypervisor bit and signature hidden from user mode still
 * shows them to the module.
 */
static void detect_kernel_view(struct kunit *test)
{
	struct detect_ctx *ctx = test->priv;
	struct vmfence_facts *f = &ctx->facts;
	struct vmfence_verdict *v = &ctx->verdict;
	struct vmfence_conclusion c;

	f->kernel.state = VMFENCE_FACT_PRESENT;
	strscpy(f->kernel.hyper_type, "kvm", sizeof(f->kernel.hyper_type));
	strscpy(f->kernel.pv_name, "KVM", sizeof(f->kernel.pv_name));
	detect_at(f, VMFENCE_THRESHOLD_DEFAULT, v, &c);
	KUNIT_EXPECT_TRUE(test, c.virtualized);
	KUNIT_EXPECT_EQ(test, c.hv, VMFENCE_HV_KVM);
	KUNIT_EXPECT_EQ(test, v->signals[VMFENCE_SIG_KERNEL_HYPER].state,
			VMFENCE_SIG_HIT);
	KUNIT_EXPECT_EQ(test, v->signals[VMFENCE_SIG_KERNEL_PV].state,
			VMFENCE_SIG_HIT);

	strscpy(f->kernel.hyper_type, "native", sizeof(f->kernel.hyper_type));
	strscpy(f->kernel.pv_name, "bare hardware", sizeof(f->kernel.pv_name));
	detect_at(f, VMFENCE_THRESHOLD_DEFAULT, v, &c);
	KUNIT_EXPECT_FALSE(test, c.virtualized);
	KUNIT_EXPECT_EQ(test, v->signals[VMFENCE_SIG_KERNEL_HYPER].state,
			VMFENCE_SIG_MISS);
}

/* The threshold is the caller's: the same evidence, two conclusions. */
static void detect_threshold(struct kunit *test)
{
	struct detect_ctx *ctx = test->priv;
	struct vmfence_facts *f = &ctx->facts;
	struct vmfence_verdict *v = &ctx->verdict;
	struct vmfence_conclusion c;

	f->steal.state = VMFENCE_FACT_PRESENT;
	f->steal.ticks = 1;
	detect_at(f, 70, v, &c);
	KUNIT_EXPECT_EQ(test, v->confidence, 70);
	KUNIT_EXPECT_TRUE(test, c.virtualized);
	KUNIT_EXPECT_EQ(test, c.hv, VMFENCE_HV_OTHER);
	detect_at(f, 71, v, &c);
	KUNIT_EXPECT_FALSE(test, c.virtualized);
	KUNIT_EXPECT_EQ(test, c.hv, VMFENCE_HV_NONE);
}

static struct kunit_case detect_cases[] = {
	KUNIT_CASE_PARAM(detect_env_verdict, detect_env_gen_params),
	KUNIT_CASE(detect_nothing_known),
	KUNIT_CASE(detect_kernel_view),
	KUNIT_CASE(detect_threshold),
	{}
};

static struct kunit_suite detect_suite = {
	.name = "vmfence_detect",
	.init = detect_init,
	.test_cases = detect_cases,
};

kunit_test_suites(&detect_suite);
