// SPDX-License-Identifier: GPL-2.0
/* ids_test.c - KUnit: hypervisor and confidential-computing names */

#include <kunit/test.h>

#include "../core/ids.h"

/* Every id has a distinct name that parses back to the same id. */
static void ids_hv_round_trip(struct kunit *test)
{
	int hv, other;

	for (hv = 0; hv < VMFENCE_HV_COUNT; hv++) {
		KUNIT_EXPECT_EQ(test, vmfence_hv_from_name(vmfence_hv_name(hv)), hv);
		for (other = 0; other < hv; other++)
			KUNIT_EXPECT_STRNEQ(test, vmfence_hv_name(hv),
					    vmfence_hv_name(other));
	}
}

static void ids_cc_round_trip(struct kunit *test)
{
	int cc;

	for (cc = 0; cc < VMFENCE_CC_COUNT; cc++)
		KUNIT_EXPECT_EQ(test, vmfence_cc_from_name(vmfence_cc_name(cc)), cc);
}

/* The names users script against are systemd-detect-virt's. */
static void ids_systemd_vocabulary(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(VMFENCE_HV_NONE), "none");
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(VMFENCE_HV_MICROSOFT), "microsoft");
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(VMFENCE_HV_ORACLE), "oracle");
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(VMFENCE_HV_OTHER), "vm-other");
	KUNIT_EXPECT_STREQ(test, vmfence_cc_name(VMFENCE_CC_SEV_SNP), "sev-snp");
}

/* Unknown names and out-of-range ids fail safe. */
static void ids_unknown(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmfence_hv_from_name("KVM"), -EINVAL);
	KUNIT_EXPECT_EQ(test, vmfence_hv_from_name(""), -EINVAL);
	KUNIT_EXPECT_EQ(test, vmfence_cc_from_name("sev_snp"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, vmfence_hv_name(VMFENCE_HV_COUNT), "vm-other");
	KUNIT_EXPECT_STREQ(test, vmfence_cc_name(-1), "none");
}

static struct kunit_case ids_cases[] = {
	KUNIT_CASE(ids_hv_round_trip),
	KUNIT_CASE(ids_cc_round_trip),
	KUNIT_CASE(ids_systemd_vocabulary),
	KUNIT_CASE(ids_unknown),
	{}
};

static struct kunit_suite ids_suite = {
	.name = "vmfence_ids",
	.test_cases = ids_cases,
};

kunit_test_suites(&ids_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vmfence KUnit suites");
