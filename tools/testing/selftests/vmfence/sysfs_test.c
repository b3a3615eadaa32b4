// SPDX-License-Identifier: GPL-2.0
/* sysfs_test.c - kselftest: the /sys/kernel/vmfence/ tree of a loaded module */

#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

TEST_HARNESS_MAIN
