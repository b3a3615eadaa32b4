// SPDX-License-Identifier: GPL-2.0
/* sysfs_test.c - kselftest: the /sys/kernel/vmfence/ tree of a loaded module */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../kselftest_harness.h"

#define VMFENCE_SYSFS "/sys/kernel/vmfence"

/* The module's root directory exists, belongs to root and is not writable. */
TEST(root_directory)
{
	struct stat st;

	ASSERT_EQ(0, stat(VMFENCE_SYSFS, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(0, st.st_uid);
	EXPECT_EQ(0755, st.st_mode & 07777);
}

/* The module reports a release version of the form MAJOR.MINOR.PATCH. */
TEST(version)
{
	char buf[64] = "";
	regex_t re;
	FILE *f;

	f = fopen("/sys/module/vmfence/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(buf, sizeof(buf), f));
	fclose(f);
	ASSERT_EQ(0, regcomp(&re, "^[0-9]+\\.[0-9]+\\.[0-9]+\n$", REG_EXTENDED));
	EXPECT_EQ(0, regexec(&re, buf, 0, NULL, 0)) {
		TH_LOG("version is '%s'", buf);
	}
	regfree(&re);
}

/* Read a sysfs file into @buf, without its newline; -errno on failure. */
static int read_attr(const char *name, char *buf, size_t len)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), VMFENCE_SYSFS "/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Write @val to a sysfs file; 0 or -errno. */
static int write_attr(const char *name, const char *val)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), VMFENCE_SYSFS "/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* The verdict files exist and hold values of their documented form. */
TEST(verdict_files)
{
	char buf[64], virt[8];

	ASSERT_EQ(0, read_attr("virtualized", buf, sizeof(buf)));
	EXPECT_TRUE(!strcmp(buf, "0") || !strcmp(buf, "1"));
	ASSERT_EQ(0, read_attr("confidence", buf, sizeof(buf)));
	EXPECT_LE(0, atoi(buf));
	EXPECT_GE(100, atoi(buf));
	ASSERT_EQ(0, read_attr("hypervisor", buf, sizeof(buf)));
	EXPECT_NE(0, strlen(buf));
	ASSERT_EQ(0, read_attr("confidential", buf, sizeof(buf)));
	EXPECT_NE(0, strlen(buf));
	/* The role follows the verdict: a virtualized machine is a guest. */
	ASSERT_EQ(0, read_attr("virtualized", virt, sizeof(virt)));
	ASSERT_EQ(0, read_attr("role", buf, sizeof(buf)));
	if (!strcmp(virt, "1")) {
		EXPECT_STREQ("guest", buf);
	} else {
		EXPECT_TRUE(!strcmp(buf, "host") || !strcmp(buf, "none"));
	}
	ASSERT_EQ(0, read_attr("signals/hyperv_root_partition", buf, sizeof(buf)));
	ASSERT_EQ(0, read_attr("signals/cpuid_vendor_leaf", buf, sizeof(buf)));
	EXPECT_TRUE(buf[0] == '0' || buf[0] == '1' || buf[0] == '?');
}

/* Every counter of the contract is there and reads as a number. */
TEST(stats_files)
{
	static const char *const names[] = {
		"exec_checks", "exec_denials", "exec_audits", "module_checks",
		"module_denials", "module_audits", "digest_hits", "digest_misses",
	};
	char path[64], buf[32];
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "stats/%s", names[i]);
		ASSERT_EQ(0, read_attr(path, buf, sizeof(buf))) {
			TH_LOG("%s", path);
		}
		EXPECT_EQ(strspn(buf, "0123456789"), strlen(buf));
	}
}

/* mode takes the three modes and nothing else; a refusal changes nothing. */
TEST(mode_setting)
{
	char buf[32];

	ASSERT_EQ(0, write_attr("mode", "audit\n"));
	ASSERT_EQ(0, read_attr("mode", buf, sizeof(buf)));
	EXPECT_STREQ("audit", buf);
	EXPECT_EQ(-EINVAL, write_attr("mode", "permissive"));
	EXPECT_EQ(-EINVAL, write_attr("mode", "enforce-all"));
	ASSERT_EQ(0, read_attr("mode", buf, sizeof(buf)));
	EXPECT_STREQ("audit", buf);
	ASSERT_EQ(0, write_attr("mode", "enforce"));
	ASSERT_EQ(0, read_attr("mode", buf, sizeof(buf)));
	EXPECT_STREQ("enforce", buf);
}

/* threshold takes 0-100; a refusal changes nothing. */
TEST(threshold_setting)
{
	char buf[32];

	ASSERT_EQ(0, write_attr("threshold", "75"));
	ASSERT_EQ(0, read_attr("threshold", buf, sizeof(buf)));
	EXPECT_STREQ("75", buf);
	EXPECT_EQ(-EINVAL, write_attr("threshold", "101"));
	EXPECT_EQ(-EINVAL, write_attr("threshold", "-1"));
	EXPECT_EQ(-EINVAL, write_attr("threshold", "sixty"));
	ASSERT_EQ(0, read_attr("threshold", buf, sizeof(buf)));
	EXPECT_STREQ("75", buf);
	ASSERT_EQ(0, write_attr("threshold", "60"));
}

/* Unlocked, writing 0 to locked is accepted and leaves it unlocked. */
TEST(locked_unlocked)
{
	char buf[8];

	ASSERT_EQ(0, read_attr("locked", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);
	EXPECT_EQ(0, write_attr("locked", "0"));
	EXPECT_EQ(-EINVAL, write_attr("locked", "maybe"));
	ASSERT_EQ(0, read_attr("locked", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);
}

/* A rescan runs and the verdict is still there afterwards. */
TEST(rescan)
{
	char buf[8];

	ASSERT_EQ(0, write_attr("rescan", "1"));
	EXPECT_EQ(0, read_attr("virtualized", buf, sizeof(buf)));
}

/* Settings files are root's: others may read, not write. */
TEST(setting_permissions)
{
	static const char *const rw[] = { "mode", "threshold", "locked" };
	char path[128];
	struct stat st;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), VMFENCE_SYSFS "/%s", rw[i]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0644, st.st_mode & 07777);
	}
	ASSERT_EQ(0, stat(VMFENCE_SYSFS "/rescan", &st));
	EXPECT_EQ(0200, st.st_mode & 07777);
	ASSERT_EQ(0, stat(VMFENCE_SYSFS "/virtualized", &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
}

TEST_HARNESS_MAIN
