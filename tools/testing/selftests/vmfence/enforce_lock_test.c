// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_lock_test.c - kselftest: once locked, enforcement goes on and
 * nothing relaxes it
 *
 * Locking lasts until reboot, so this runs alone in a boot of its own:
 * tools/testing/vm/suites/enforce_lock.sh runs it, kselftest.sh skips it.
 * The tests run in order: the first one locks. lock_test checks the lock's
 * interfaces; this checks that refusals continue under it.
 */

#include "../kselftest_harness.h"
#include "enforce.h"

#define DIR		"/tmp/vmfence-locked"
#define PROG		DIR "/prog"
#define HARMLESS	DIR "/harmless"
#define TESTMOD		"vmfence_testmod"
#define TESTMOD_PATH	"/lib/vmfence/" TESTMOD ".ko"

/* Refused, with its records. */
static void expect_refused(struct __test_metadata *_metadata, const char *path)
{
	struct genl_sock s;
	struct records r;
	char digest[65];

	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, records_open(&r, &s));
	ASSERT_EQ(0, sha256_file(PROG, digest));
	records_drain(&r);
	EXPECT_EQ(REFUSED(EACCES), run_prog(path));
	expect_record(_metadata, &r, "exec", "denied", path, digest, NULL);
	records_close(&r);
	genl_close(&s);
}

/* Lock a policy that refuses a program and a module. */
TEST(lock)
{
	char policy[512], digest[65];
	struct vf_status st;
	struct genl_sock s;

	ASSERT_EQ(0, mkdir(DIR, 0755));
	ASSERT_EQ(0, copy_file("/proc/self/exe", PROG, "vmfence-locked-sensitive"));
	ASSERT_EQ(0, copy_file("/proc/self/exe", HARMLESS, "vmfence-locked-harmless"));
	ASSERT_EQ(0, sha256_file(PROG, digest));
	ASSERT_EQ(0, force_verdict("qemu none 100"));
	snprintf(policy, sizeof(policy),
		 "mode enforce\nthreshold 60\ndeny exec sha256=%s\n"
		 "deny module name=" TESTMOD "\nlock\n", digest);
	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, load_policy(&s, policy));
	ASSERT_EQ(0, vf_status(&s, &st));
	EXPECT_EQ(1, st.locked);
	genl_close(&s);
	expect_refused(_metadata, PROG);
}

/* Refusals go on: the program, a copy of it, the module. */
TEST(enforcement_goes_on)
{
	struct counts a, b;

	expect_refused(_metadata, PROG);
	ASSERT_EQ(0, copy_file(PROG, DIR "/copy", ""));
	expect_refused(_metadata, DIR "/copy");
	EXPECT_EQ(HELLO_STATUS, run_prog(HARMLESS));
	counts_read(&a);
	EXPECT_EQ(-EACCES, load_module(TESTMOD_PATH));
	counts_read(&b);
	EXPECT_FALSE(module_listed(TESTMOD));
	EXPECT_EQ(a.module_denials + 1, b.module_denials);
}

/* Nothing relaxes the verdict: not the test hook, not a rescan. */
TEST(verdict_cannot_relax)
{
	EXPECT_EQ(-EPERM, force_verdict("qemu none 0"));
	EXPECT_EQ(-EPERM, force_verdict("kvm sev-snp 100"));
	EXPECT_EQ(0, write_file(SYSFS "/rescan", "1"));
	EXPECT_EQ(1, read_number(SYSFS "/virtualized"));
	expect_refused(_metadata, PROG);
}

/* Nothing loosens the policy, and the refusals go on. */
TEST(policy_cannot_loosen)
{
	struct genl_sock s;

	ASSERT_EQ(0, genl_open(&s));
	EXPECT_EQ(-EPERM, load_policy(&s, "mode off\n"));
	genl_close(&s);
	EXPECT_EQ(-EPERM, write_file(SYSFS "/mode", "audit"));
	EXPECT_EQ(-EPERM, write_file(SYSFS "/threshold", "100"));
	expect_refused(_metadata, PROG);
}

/* The module stays: rmmod fails. */
TEST(module_stays)
{
	EXPECT_NE(0, unload_module("vmfence"));
	EXPECT_TRUE(module_listed("vmfence"));
	expect_refused(_metadata, PROG);
}

TEST_HARNESS_MAIN
