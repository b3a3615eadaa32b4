// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_lock_test.c - kselftest: once locked, enforcement goes on and
 * nothing relaxes it
 *
 * Locking lasts until reboot, so this runs alone in a boot of its own:
 * tools/testing/vm/suites/enforce_lock.sh runs it, kselftest.sh skips it.
 * The tests run in order: the second one locks. lock_test checks the
 * lock's interfaces; this checks that refusals continue under it, and that
 * a rescan loosens neither the verdict nor what the rules read of it.
 */

#include "../kselftest_harness.h"
#include "enforce.h"

#define DIR		"/tmp/vmfence-locked"
#define PROG		DIR "/prog"
#define HARMLESS	DIR "/harmless"
#define ON_QEMU		DIR "/on-qemu"		/* refused on=qemu only */
#define OUTSIDE_SNP	DIR "/outside-snp"	/* allowed inside SEV-SNP */
#define DISGUISE	"/sys/kernel/debug/vmfence/disguise"
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

/* The policy of this boot, locked when @lock. */
static int load(bool lock)
{
	char policy[1024], digest[65], qdigest[65], cdigest[65];
	struct genl_sock s;
	int ret;

	if (sha256_file(PROG, digest) || sha256_file(ON_QEMU, qdigest) ||
	    sha256_file(OUTSIDE_SNP, cdigest))
		return -EIO;
	snprintf(policy, sizeof(policy),
		 "mode enforce\nthreshold 60\ndeny exec sha256=%s\n"
		 "deny exec sha256=%s on=qemu\n"
		 "deny exec sha256=%s allow-cc=sev-snp\n"
		 "deny module name=" TESTMOD "\n%s", digest, qdigest, cdigest,
		 lock ? "lock\n" : "");
	ret = genl_open(&s);
	if (ret)
		return ret;
	ret = load_policy(&s, policy);
	genl_close(&s);
	return ret;
}

/* A rescan whose verdict names @hv and @cc instead (test hook). */
static int rescan_as(const char *facts)
{
	int ret = write_file(DISGUISE, facts);

	return ret ?: write_file(SYSFS "/rescan", "1");
}

static void read_word(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, size, f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * Before the lock, a rescan that finds another hypervisor and a
 * confidential VM (test hook) does relax the rules that read them: the
 * program refused on=qemu runs on kvm, the one allowed inside SEV-SNP runs
 * there. This shows the hook works, so that the same rescan after the lock
 * proves the ratchet (hypervisor_and_cc_cannot_relax).
 */
TEST(rescan_relaxes_before_the_lock)
{
	char buf[32];

	ASSERT_EQ(0, mkdir(DIR, 0755));
	ASSERT_EQ(0, copy_file("/proc/self/exe", PROG, "vmfence-locked-sensitive"));
	ASSERT_EQ(0, copy_file("/proc/self/exe", HARMLESS, "vmfence-locked-harmless"));
	ASSERT_EQ(0, copy_file("/proc/self/exe", ON_QEMU, "vmfence-locked-on-qemu"));
	ASSERT_EQ(0, copy_file("/proc/self/exe", OUTSIDE_SNP, "vmfence-locked-cc"));
	ASSERT_EQ(0, load(false));
	ASSERT_EQ(0, rescan_as("qemu none"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(ON_QEMU));
	EXPECT_EQ(REFUSED(EACCES), run_prog(OUTSIDE_SNP));
	ASSERT_EQ(0, rescan_as("kvm sev-snp"));
	read_word(SYSFS "/hypervisor", buf, sizeof(buf));
	EXPECT_STREQ("kvm", buf);
	read_word(SYSFS "/confidential", buf, sizeof(buf));
	EXPECT_STREQ("sev-snp", buf);
	EXPECT_EQ(HELLO_STATUS, run_prog(ON_QEMU));
	EXPECT_EQ(HELLO_STATUS, run_prog(OUTSIDE_SNP));
	EXPECT_EQ(REFUSED(EACCES), run_prog(PROG));
}

/* Lock a policy that refuses programs and a module. */
TEST(lock)
{
	struct vf_status st;
	struct genl_sock s;

	ASSERT_EQ(0, force_verdict("qemu none 100"));
	ASSERT_EQ(0, load(true));
	ASSERT_EQ(0, genl_open(&s));
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

/*
 * After the lock, the same rescan relaxes nothing: the verdict names kvm,
 * but the rule on=qemu keeps applying, and the confidential type it finds
 * counts as none, so that allow-cc=sev-snp allows nothing. The kernel log
 * says why.
 */
TEST(hypervisor_and_cc_cannot_relax)
{
	char buf[32];

	EXPECT_EQ(REFUSED(EACCES), run_prog(ON_QEMU));
	ASSERT_EQ(0, rescan_as("kvm sev-snp"));
	read_word(SYSFS "/hypervisor", buf, sizeof(buf));
	EXPECT_STREQ("kvm", buf);
	read_word(SYSFS "/confidential", buf, sizeof(buf));
	EXPECT_STREQ("none", buf);
	EXPECT_EQ(REFUSED(EACCES), run_prog(ON_QEMU));
	EXPECT_EQ(REFUSED(EACCES), run_prog(OUTSIDE_SNP));
	EXPECT_EQ(0, system("dmesg | grep -q 'rescan names hypervisor kvm, but the policy is locked: rules for qemu keep applying'"));
	EXPECT_EQ(0, system("dmesg | grep -q 'rescan finds a sev-snp confidential VM, but the policy is locked: no allow-cc= applies'"));
	/* And a later rescan, back on qemu, keeps kvm's rules too. */
	ASSERT_EQ(0, rescan_as("qemu none"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(ON_QEMU));
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
