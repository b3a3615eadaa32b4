// SPDX-License-Identifier: GPL-2.0
/*
 * threshold_test.c - kselftest: a threshold change takes effect at once,
 * for every reader and for the rules that read the verdict's hypervisor
 *
 * The verdict a scan reaches does not depend on the threshold; whether the
 * machine counts as virtualized, and on what, is decided against the
 * threshold of the moment, in one function, for sysfs, netlink, the record
 * and the rules alike. Once a threshold above the confidence left the
 * machine "not virtualized" and a lower one made it virtualized again
 * without a rescan, a rule limited to the hypervisor sysfs names (on=)
 * must refuse: it used not to, reading the hypervisor the last scan had
 * published under the old threshold.
 *
 * Public interfaces only (sysfs, netlink), no test hook. It needs a
 * machine whose confidence is below 100: tools/testing/vm/suites/
 * threshold.sh runs it alone, on QEMU's stealthiest configuration.
 */

#include "../kselftest_harness.h"
#include "enforce.h"
#include "sysfs.h"

#define DIR	"/tmp/vmfence-threshold"
#define PROG	DIR "/prog"

static void expect_verdict(struct __test_metadata *_metadata,
			   struct genl_sock *s, int virtualized, const char *hv)
{
	struct vf_status st;
	char buf[32];

	ASSERT_EQ(0, read_sysfs("virtualized", buf, sizeof(buf)));
	EXPECT_EQ(virtualized, atoi(buf));
	ASSERT_EQ(0, read_sysfs("hypervisor", buf, sizeof(buf)));
	EXPECT_STREQ(hv, buf);
	ASSERT_EQ(0, vf_status(s, &st));
	EXPECT_EQ(virtualized, st.virtualized);
	EXPECT_STREQ(hv, st.hypervisor);
}

TEST(threshold_change_reaches_rules)
{
	char buf[32], hv[32], policy[512], text[4096], want[64];
	struct genl_sock s;
	struct records r;
	struct event ev;
	unsigned int c;

	ASSERT_EQ(0, mkdir(DIR, 0755));
	ASSERT_EQ(0, copy_file("/proc/self/exe", PROG, "vmfence-threshold"));
	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, records_open(&r, &s));
	ASSERT_EQ(0, read_sysfs("confidence", buf, sizeof(buf)));
	c = atoi(buf);
	ASSERT_LT(c, 100) TH_LOG("needs a machine whose confidence is below 100");
	ASSERT_LT(0, c);
	ASSERT_EQ(0, read_sysfs("hypervisor", hv, sizeof(hv)));
	TH_LOG("this machine: confidence %u, hypervisor %s", c, hv);

	/* Above the confidence, rescanned: not virtualized, on nothing. */
	snprintf(buf, sizeof(buf), "%u", c + 1);
	ASSERT_EQ(0, write_sysfs("threshold", buf));
	ASSERT_EQ(0, write_sysfs("rescan", "1"));
	expect_verdict(_metadata, &s, 0, "none");

	/* At the confidence, with no rescan: virtualized, on what it was. */
	snprintf(buf, sizeof(buf), "%u", c);
	ASSERT_EQ(0, write_sysfs("threshold", buf));
	expect_verdict(_metadata, &s, 1, hv);

	snprintf(policy, sizeof(policy), "mode enforce\ndeny exec path=%s on=%s\n",
		 PROG, hv);
	ASSERT_EQ(0, load_policy(&s, policy));
	records_drain(&r);
	EXPECT_EQ(REFUSED(EACCES), run_prog(PROG));
	ASSERT_EQ(0, next_event(&r, &ev, 2000));
	EXPECT_STREQ(hv, ev.hypervisor);
	EXPECT_EQ(c, ev.confidence);
	snprintf(want, sizeof(want), " hypervisor=%s confidence=%u ", hv, c);
	do {
		ASSERT_EQ(0, next_audit(&r, text, sizeof(text), 3000));
	} while (!strstr(text, "op=exec"));
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);

	/* Above it again: the rule no longer applies, and nothing refuses. */
	snprintf(buf, sizeof(buf), "%u", c + 1);
	ASSERT_EQ(0, write_sysfs("threshold", buf));
	expect_verdict(_metadata, &s, 0, "none");
	EXPECT_EQ(HELLO_STATUS, run_prog(PROG));
	records_close(&r);
	genl_close(&s);
}

TEST_HARNESS_MAIN
