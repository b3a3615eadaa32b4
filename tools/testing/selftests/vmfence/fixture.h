/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixture.h - the fixture of the enforcement kselftests: a directory with a
 * sensitive program and a harmless one, the verdict forced to "qemu none
 * 100", the records listened to; at the end an empty policy and a rescan
 *
 * Include after kselftest_harness.h and enforce.h.
 */
#ifndef VMFENCE_SELFTEST_FIXTURE_H
#define VMFENCE_SELFTEST_FIXTURE_H

#include <stdarg.h>

FIXTURE(enforce) {
	struct genl_sock s;
	struct records r;
	char dir[64];
	char prog[128];		/* the sensitive program */
	char harmless[128];	/* the same with another trailer: another digest */
	char digest[65];	/* prog's */
	char policy[8192];
};

/* Load "mode enforce", then the rules @fmt gives. */
static int policy(FIXTURE_DATA(enforce) *self, const char *fmt, ...)
{
	size_t n = snprintf(self->policy, sizeof(self->policy), "mode enforce\n");
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(self->policy + n, sizeof(self->policy) - n, fmt, ap);
	va_end(ap);
	return load_policy(&self->s, self->policy);
}

static void path_in(FIXTURE_DATA(enforce) *self, char *out, const char *name)
{
	snprintf(out, 128, "%s/%s", self->dir, name);
}

FIXTURE_SETUP(enforce)
{
	char trailer[TRAILER_LEN + 1];

	ASSERT_EQ(0, genl_open(&self->s));
	ASSERT_EQ(0, records_open(&self->r, &self->s));
	strcpy(self->dir, "/tmp/vmfence.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, chmod(self->dir, 0755));
	path_in(self, self->prog, "prog");
	path_in(self, self->harmless, "harmless");
	/* Same length, so that one can be turned into the other in place. */
	snprintf(trailer, sizeof(trailer), "vmfence-sensitive-%-14s", self->dir + 13);
	ASSERT_EQ(0, copy_file("/proc/self/exe", self->prog, trailer));
	snprintf(trailer, sizeof(trailer), "vmfence-harmless--%-14s", self->dir + 13);
	ASSERT_EQ(0, copy_file("/proc/self/exe", self->harmless, trailer));
	ASSERT_EQ(0, sha256_file(self->prog, self->digest));
	ASSERT_EQ(0, force_verdict("qemu none 100"))
		TH_LOG("no " FORCE ": vmfence.ko needs VMFENCE_TEST_HOOKS=y");
	records_drain(&self->r);
}

FIXTURE_TEARDOWN(enforce)
{
	char cmd[128];

	EXPECT_EQ(0, load_policy(&self->s, "mode enforce\nthreshold 60\n"));
	EXPECT_EQ(0, write_file(SYSFS "/rescan", "1"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	EXPECT_EQ(0, system(cmd));
	records_close(&self->r);
	genl_close(&self->s);
}

#endif /* VMFENCE_SELFTEST_FIXTURE_H */
