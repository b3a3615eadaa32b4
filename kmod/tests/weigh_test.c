// SPDX-License-Identifier: GPL-2.0
/*
 * weigh_test.c - KUnit: the weighing rule and the brand tables
 *
 * No signal that firmware or an unusual real CPU can produce convicts
 * alone, nor do the hits of one weak group together; two independent
 * groups can. A brand that contradicts CPUID is evidence, an unknown one
 * is not. Documentation/detection.rst states the rule.
 */

#include <kunit/test.h>

#include "../core/decide.h"
#include "../core/detect.h"
#include "weigh_cases.h"

static void brand_desc(const struct brand_case *bc, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%.12s fam %#x \"%s\"", bc->vendor,
		 bc->family, bc->brand);
}

KUNIT_ARRAY_PARAM(brand, brand_cases, brand_desc);

/* Each vector: the brand check's verdict. */
static void weigh_brand(struct kunit *test)
{
	const struct brand_case *bc = test->param_value;
	const char *why;

	KUNIT_EXPECT_EQ(test, vmfence_brand_check(vmfence_brand_vendor(bc->vendor),
						  bc->family, bc->brand, &why),
			bc->want);
}

/* Every weak signal weighs less than the default threshold and the cap. */
static void weigh_weak_below_threshold(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		if (vmfence_signal_group(i) == VMFENCE_GROUP_NONE)
			continue;
		KUNIT_EXPECT_LT_MSG(test, vmfence_signal_weight(i),
				    VMFENCE_THRESHOLD_DEFAULT, "%s",
				    vmfence_signal_name(i));
		KUNIT_EXPECT_LE_MSG(test, vmfence_signal_weight(i),
				    VMFENCE_GROUP_CAP, "%s", vmfence_signal_name(i));
	}
	KUNIT_EXPECT_LT(test, VMFENCE_GROUP_CAP, VMFENCE_THRESHOLD_DEFAULT);
	KUNIT_EXPECT_EQ(test, vmfence_signal_group(VMFENCE_SIG_SMBIOS_VM),
			VMFENCE_GROUP_FIRMWARE);
}

/*
 * One weak group, every signal of it hit, stays below the threshold; two
 * groups together reach it.
 */
static void weigh_groups_corroborate(struct kunit *test)
{
	struct vmfence_verdict *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	unsigned int g, h;

	KUNIT_ASSERT_NOT_NULL(test, v);
	for (g = VMFENCE_GROUP_NONE + 1; g < VMFENCE_GROUP_COUNT; g++)
		KUNIT_EXPECT_LT_MSG(test, hit_groups(v, 1u << g),
				    VMFENCE_THRESHOLD_DEFAULT, "group %u", g);
	for (g = VMFENCE_GROUP_NONE + 1; g < VMFENCE_GROUP_COUNT; g++)
		for (h = g + 1; h < VMFENCE_GROUP_COUNT; h++)
			KUNIT_EXPECT_GE_MSG(test, hit_groups(v, 1u << g | 1u << h),
					    VMFENCE_THRESHOLD_DEFAULT, "groups %u, %u",
					    g, h);
}

/* A host partition's role comes from vmfence_conclude(), never from a guest. */
static void weigh_role(struct kunit *test)
{
	struct vmfence_situation s = { .threshold = VMFENCE_THRESHOLD_DEFAULT };
	struct vmfence_conclusion c;

	s.host = VMFENCE_HV_XEN;
	vmfence_conclude(&s, &c);
	KUNIT_EXPECT_EQ(test, c.role, VMFENCE_ROLE_HOST);
	KUNIT_EXPECT_FALSE(test, c.virtualized);
	s.confidence = 90;
	vmfence_conclude(&s, &c);
	KUNIT_EXPECT_EQ(test, c.role, VMFENCE_ROLE_GUEST);
	s.host = VMFENCE_HV_NONE;
	s.confidence = 0;
	vmfence_conclude(&s, &c);
	KUNIT_EXPECT_EQ(test, c.role, VMFENCE_ROLE_NONE);
}

static struct kunit_case weigh_cases[] = {
	KUNIT_CASE_PARAM(weigh_brand, brand_gen_params),
	KUNIT_CASE(weigh_weak_below_threshold),
	KUNIT_CASE(weigh_groups_corroborate),
	KUNIT_CASE(weigh_role),
	{}
};

static struct kunit_suite weigh_suite = {
	.name = "vmfence_weigh",
	.test_cases = weigh_cases,
};

kunit_test_suites(&weigh_suite);
