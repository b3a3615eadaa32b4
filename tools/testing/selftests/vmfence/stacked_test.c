// SPDX-License-Identifier: GPL-2.0
/*
 * stacked_test.c - kselftest: on a stacked file system (overlayfs) a file
 * is judged by the inode that holds its bytes
 *
 * An overlay file's bytes live in an upper or a lower file, which can be
 * written directly, beneath the overlay, without any event on the overlay's
 * own inode. vmfence keys its digest cache on, watches and stats the real
 * inode, so a program judged harmless and then rewritten beneath the
 * overlay is judged again; and it refuses (ETXTBSY) to run an overlay file
 * whose real file is open for writing, as the kernel does for a plain file.
 * As root, and as an unprivileged user in a user namespace of their own.
 */

#include <sched.h>
#include <sys/prctl.h>
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "enforce.h"
#include "fixture.h"

struct layers {
	char lower[128], upper[128], work[128], merged[128];
	char prog[160];		/* merged/prog */
	char lower_prog[160];	/* lower/prog */
};

static int mount_overlay(const struct layers *l)
{
	char opts[512];

	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s",
		 l->lower, l->upper, l->work);
	return mount("overlay", l->merged, "overlay", 0, opts) ? -errno : 0;
}

/* lower/prog a copy of the harmless program; the overlay over it. */
static int make_layers(FIXTURE_DATA(enforce) *self, struct layers *l,
		       uid_t owner)
{
	char *dirs[] = { l->lower, l->upper, l->work, l->merged };
	int i, ret;

	path_in(self, l->lower, "lower");
	path_in(self, l->upper, "upper");
	path_in(self, l->work, "work");
	path_in(self, l->merged, "merged");
	snprintf(l->prog, sizeof(l->prog), "%s/prog", l->merged);
	snprintf(l->lower_prog, sizeof(l->lower_prog), "%s/prog", l->lower);
	for (i = 0; i < 4; i++)
		if (mkdir(dirs[i], 0755) || chown(dirs[i], owner, owner))
			return -errno;
	ret = copy_file(self->harmless, l->lower_prog, "");
	if (!ret && chown(l->lower_prog, owner, owner))
		ret = -errno;
	return ret;
}

/* Skip where the kernel has no overlayfs. */
static int layers_up(struct __test_metadata *_metadata,
		     FIXTURE_DATA(enforce) *self, struct layers *l)
{
	int ret;

	ret = make_layers(self, l, 0);
	if (ret)
		return ret;
	ret = mount_overlay(l);
	if (ret == -ENODEV)
		return 1;
	return ret;
}

/*
 * The lower file rewritten beneath the overlay: the program, judged and
 * cached harmless, becomes the sensitive one, and is refused.
 */
TEST_F(enforce, overlay_lower_rewritten)
{
	struct layers l;
	int ret = layers_up(_metadata, self, &l);

	if (ret == 1)
		SKIP(return, "no overlayfs in this kernel");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	ASSERT_EQ(0, rewrite_trailer(l.lower_prog, self->prog, false));
	EXPECT_EQ(REFUSED(EACCES), run_prog(l.prog));
	expect_record_as(_metadata, &self->r, "exec", "denied", l.prog,
			 self->digest, NULL, "program");
	/* And back: the entry of the sensitive content goes too. */
	ASSERT_EQ(0, rewrite_trailer(l.lower_prog, self->harmless, true));
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	EXPECT_EQ(0, umount(l.merged));
}

/*
 * Copied up to the upper layer by a change through the overlay, then the
 * upper file rewritten directly: refused.
 */
TEST_F(enforce, overlay_upper_rewritten)
{
	char upper_prog[160];
	struct layers l;
	int ret = layers_up(_metadata, self, &l);

	if (ret == 1)
		SKIP(return, "no overlayfs in this kernel");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	ASSERT_EQ(0, chmod(l.prog, 0755));	/* copies the file up */
	snprintf(upper_prog, sizeof(upper_prog), "%s/prog", l.upper);
	ASSERT_EQ(0, access(upper_prog, F_OK));
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	ASSERT_EQ(0, rewrite_trailer(upper_prog, self->prog, false));
	EXPECT_EQ(REFUSED(EACCES), run_prog(l.prog));
	expect_record(_metadata, &self->r, "exec", "denied", l.prog,
		      self->digest, NULL);
	EXPECT_EQ(0, umount(l.merged));
}

/*
 * The lower file open for writing: the overlay file does not run (ETXTBSY)
 * while a rule needs its content, and runs again once the writer is gone.
 */
TEST_F(enforce, overlay_lower_open_for_writing)
{
	struct layers l;
	int ret = layers_up(_metadata, self, &l), fd;

	if (ret == 1)
		SKIP(return, "no overlayfs in this kernel");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	fd = open(l.lower_prog, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(REFUSED(ETXTBSY), run_prog(l.prog));
	close(fd);
	EXPECT_EQ(HELLO_STATUS, run_prog(l.prog));
	expect_no_record(_metadata, &self->r);
	EXPECT_EQ(0, umount(l.merged));
}

static int write_map(const char *file, const char *map)
{
	return write_file(file, map);
}

/*
 * In a user namespace, as nobody (whose overlay mounts are their own):
 * prog runs, the lower file is rewritten by its owner, prog is refused.
 * Returns 0 when all went as expected, else the step that did not.
 */
static int userns_overlay(FIXTURE_DATA(enforce) *self, struct layers *l)
{
	char map[64];

	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
		return 1;
	/* A changed uid makes the task undumpable: its /proc files root's. */
	if (prctl(PR_SET_DUMPABLE, 1))
		return 1;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return errno == EINVAL || errno == EPERM ? 90 : 2;
	snprintf(map, sizeof(map), "0 %d 1", NOBODY);
	if (write_map("/proc/self/setgroups", "deny") ||
	    write_map("/proc/self/uid_map", map) ||
	    write_map("/proc/self/gid_map", map))
		return 3;
	if (mount_overlay(l))
		return 91;
	if (run_prog(l->prog) != HELLO_STATUS)
		return 4;
	if (rewrite_trailer(l->lower_prog, self->prog, false))
		return 5;
	if (run_prog(l->prog) != REFUSED(EACCES))
		return 6;
	return 0;
}

TEST_F(enforce, overlay_in_user_namespace)
{
	struct layers l;
	pid_t pid;
	int status;

	ASSERT_EQ(0, make_layers(self, &l, NOBODY));
	ASSERT_EQ(0, chown(self->dir, NOBODY, NOBODY));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(userns_overlay(self, &l));
	status = reap(pid);
	if (status == 90)
		SKIP(return, "no unprivileged user namespaces");
	if (status == 91)
		SKIP(return, "no unprivileged overlayfs mounts in this kernel");
	ASSERT_EQ(0, status) TH_LOG("step %d failed", status);
	expect_record(_metadata, &self->r, "exec", "denied", NULL, self->digest,
		      NULL);
}

TEST_HARNESS_MAIN
