// SPDX-License-Identifier: GPL-2.0
/*
 * lock_test.c - kselftest: once locked, nothing changes the policy
 *
 * Locking lasts until reboot, so this runs once per boot, alone: the guest
 * suite tools/testing/vm/suites/lock.sh runs it (kselftest.sh skips it) and
 * then checks that the module cannot be unloaded. The tests run in order:
 * the first one locks.
 */

#include <fcntl.h>

#include "../kselftest_harness.h"
#include "genl.h"
#include "sysfs.h"

#define LOCKED_MSG "the policy is locked until reboot"
#define POLICY "mode audit\nthreshold 55\n" \
	"deny exec sha256=cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n" \
	"audit module name=vmfence_lock_test\n"

/*
 * Load a policy, open a transaction, lock: the policy stays as it was, and
 * the transaction opened before the lock cannot commit.
 */
TEST(lock)
{
	struct genl_sock s, t;
	struct vf_status before, st;
	struct genl_ack ack;
	struct vf_commit c;
	char buf[16];

	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, genl_open(&t));
	ASSERT_EQ(0, vf_policy_replace(&s, POLICY, strlen(POLICY),
				       VMFENCE_POLICY_CHUNK_MAX, &c, &ack))
		TH_LOG("%s", ack.msg);
	ASSERT_EQ(0, vf_status(&s, &before));
	ASSERT_EQ(0, before.locked);
	ASSERT_EQ(0, vf_simple(&t, VMFENCE_CMD_POLICY_BEGIN, &ack));
	ASSERT_EQ(0, vf_load(&t, "mode off\n", 9, &ack));

	ASSERT_EQ(0, vf_simple(&s, VMFENCE_CMD_LOCK, &ack)) TH_LOG("%s", ack.msg);
	ASSERT_EQ(0, vf_status(&s, &st));
	EXPECT_EQ(1, st.locked);
	EXPECT_EQ(before.generation, st.generation);
	EXPECT_EQ(2, st.rule_count);
	ASSERT_EQ(0, read_sysfs("locked", buf, sizeof(buf)));
	EXPECT_STREQ("1", buf);

	EXPECT_EQ(-EPERM, vf_commit(&t, &c, &ack));
	EXPECT_STREQ(LOCKED_MSG, ack.msg);
	EXPECT_EQ(0, vf_simple(&t, VMFENCE_CMD_POLICY_ABORT, &ack));
	ASSERT_EQ(0, vf_status(&s, &st));
	EXPECT_EQ(before.generation, st.generation);
	EXPECT_EQ(VMFENCE_POLICY_MODE_AUDIT, st.mode);
	genl_close(&t);
	genl_close(&s);
}

/* Every netlink write is refused with EPERM, and changes nothing. */
TEST(netlink_writes_refused)
{
	static struct genl_msg m;
	static struct vf_rule r;
	struct vf_status before, st;
	struct genl_sock s;
	struct genl_ack ack;
	struct vf_commit c;
	uint8_t mode = VMFENCE_POLICY_MODE_OFF;
	uint32_t id = 1;
	int i;

	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, vf_status(&s, &before));
	ASSERT_EQ(1, before.locked);
	for (i = 0; i < 8; i++) {
		const char *what = "";
		int ret = 0;

		switch (i) {
		case 0:
			what = "SET";
			vf_msg(&s, &m, VMFENCE_CMD_SET);
			msg_put(&m, VMFENCE_A_MODE, &mode, sizeof(mode));
			ret = genl_do(&s, &m, NULL, NULL, &ack);
			break;
		case 1:
			what = "LOCK";
			ret = vf_simple(&s, VMFENCE_CMD_LOCK, &ack);
			break;
		case 2:
			what = "RULE_ADD";
			ret = vf_rule_add(&s, "deny exec path=/usr/bin/locked", &r, &ack);
			break;
		case 3:
			what = "RULE_DEL";
			ret = vf_rule_del(&s, id, &ack);
			break;
		case 4:
			what = "POLICY_BEGIN";
			ret = vf_simple(&s, VMFENCE_CMD_POLICY_BEGIN, &ack);
			break;
		case 5:
			what = "POLICY_LOAD";
			ret = vf_load(&s, "mode off\n", 9, &ack);
			break;
		case 6:
			what = "POLICY_COMMIT";
			ret = vf_commit(&s, &c, &ack);
			break;
		case 7:
			what = "SET threshold";
			vf_msg(&s, &m, VMFENCE_CMD_SET);
			msg_put_u8(&m, VMFENCE_A_THRESHOLD, 0);
			ret = genl_do(&s, &m, NULL, NULL, &ack);
			break;
		}
		EXPECT_EQ(-EPERM, ret) TH_LOG("%s", what);
		EXPECT_STREQ(LOCKED_MSG, ack.msg) TH_LOG("%s", what);
	}
	ASSERT_EQ(0, vf_status(&s, &st));
	EXPECT_EQ(before.generation, st.generation);
	EXPECT_EQ(before.rule_count, st.rule_count);
	EXPECT_EQ(before.mode, st.mode);
	EXPECT_EQ(before.threshold, st.threshold);
	genl_close(&s);
}

/* Every sysfs setting refuses writes with EPERM. */
TEST(sysfs_writes_refused)
{
	static const char writes[][2][16] = {
		{ "mode", "off" }, { "mode", "audit" }, { "threshold", "0" },
		{ "locked", "0" }, { "locked", "1" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		EXPECT_EQ(-EPERM, write_sysfs(writes[i][0], writes[i][1])) {
			TH_LOG("%s <- %s", writes[i][0], writes[i][1]);
		}
	}
	ASSERT_EQ(0, read_sysfs("mode", buf, sizeof(buf)));
	EXPECT_STREQ("audit", buf);
	ASSERT_EQ(0, read_sysfs("threshold", buf, sizeof(buf)));
	EXPECT_STREQ("55", buf);
	ASSERT_EQ(0, read_sysfs("locked", buf, sizeof(buf)));
	EXPECT_STREQ("1", buf);
}

/* Detection still runs: a rescan can only confirm or raise the verdict. */
TEST(rescan_still_works)
{
	struct vf_status before, st;
	struct genl_sock s;
	struct genl_ack ack;

	ASSERT_EQ(0, genl_open(&s));
	ASSERT_EQ(0, vf_status(&s, &before));
	ASSERT_EQ(0, vf_simple(&s, VMFENCE_CMD_RESCAN, &ack)) TH_LOG("%s", ack.msg);
	ASSERT_EQ(0, write_sysfs("rescan", "1"));
	ASSERT_EQ(0, vf_status(&s, &st));
	EXPECT_EQ(before.scan_count + 2, st.scan_count);
	EXPECT_EQ(before.generation, st.generation);
	EXPECT_EQ(1, st.virtualized);
	genl_close(&s);
}

TEST_HARNESS_MAIN
