// SPDX-License-Identifier: GPL-2.0
/*
 * unload_lock_test.c - kselftest: a forced unload of a locked vmfence stops
 * the machine
 *
 * Debian builds its kernels with MODULE_FORCE_UNLOAD: "rmmod -f" removes a
 * module whatever holds it, including the reference a locked policy holds.
 * vmfence cannot refuse that, so a locked vmfence that is forced out panics
 * the machine: no program runs without it until the reboot that loads and
 * locks it again. Before the lock, a forced unload is an ordinary unload.
 *
 * Runs alone, in a boot of its own (tools/testing/vm/suites/unload_lock.sh),
 * and in order; its last test never returns. It announces the panic it
 * expects on its output, and the harness (results.py) finds that panic on
 * the console and counts it as the last test passed; any other splat, or
 * no panic, fails the run.
 */

#include "../kselftest_harness.h"
#include "enforce.h"

#define DIR		"/tmp/vmfence-unload"
#define PROG		DIR "/prog"
#define VMFENCE_KO	"/lib/vmfence/vmfence.ko"
#define PANIC_MSG	"vmfence: forced unload of a locked policy"

static int delete_module(const char *name, int flags)
{
	return syscall(SYS_delete_module, name, flags) ? -errno : 0;
}

/* Unlocked, rmmod -f unloads vmfence as rmmod would, and it loads again. */
TEST(forced_unload_before_the_lock)
{
	ASSERT_TRUE(module_listed("vmfence"));
	EXPECT_EQ(0, delete_module("vmfence", O_NONBLOCK | O_TRUNC));
	EXPECT_FALSE(module_listed("vmfence"));
	ASSERT_EQ(0, load_module(VMFENCE_KO));
	ASSERT_TRUE(module_listed("vmfence"));
}

/* Lock a policy that refuses a program. */
TEST(lock)
{
	char policy[256], digest[65];
	struct genl_sock s;

	ASSERT_EQ(0, mkdir(DIR, 0755));
	ASSERT_EQ(0, copy_file("/proc/self/exe", PROG, "vmfence-unload-sensitive"));
	ASSERT_EQ(0, sha256_file(PROG, digest));
	ASSERT_EQ(0, force_verdict("qemu none 100"));
	snprintf(policy, sizeof(policy),
		 "mode enforce\ndeny exec sha256=%s\nlock\n", digest);
	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, load_policy(&s, policy));
	genl_close(&s);
	EXPECT_EQ(1, read_number(SYSFS "/locked"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(PROG));
}

/* Locked, rmmod (with or without waiting) is refused. */
TEST(unload_refused)
{
	EXPECT_EQ(-EWOULDBLOCK, delete_module("vmfence", O_NONBLOCK));
	EXPECT_NE(0, delete_module("vmfence", 0));
	EXPECT_TRUE(module_listed("vmfence"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(PROG));
}

/* Locked, rmmod -f stops the machine: this test never ends. */
TEST(forced_unload_stops_the_machine)
{
	printf("# vmfence-expect-panic: " PANIC_MSG "\n");
	fflush(stdout);
	sync();
	delete_module("vmfence", O_NONBLOCK | O_TRUNC);
	/* Reached only if the machine still runs. */
	sleep(10);
	EXPECT_TRUE(module_listed("vmfence"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(PROG));
	ASSERT_TRUE(false) TH_LOG("rmmod -f returned, and the machine runs on");
}

TEST_HARNESS_MAIN
