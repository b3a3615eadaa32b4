// SPDX-License-Identifier: GPL-2.0
/*
 * alias_test.c - kselftest: path= matches the file, not one spelling of its
 * name, where a file system gives a file several names
 *
 * On vfat a file answers to its long name in any letter case and to its
 * 8.3 short name; in a case-folded directory (ext4 with casefold, tmpfs
 * from 6.13) to any letter case. A path= rule names the file: each of those
 * names is refused, and the record carries the rule's id. The file systems
 * live in images on loop devices, made here with busybox's mkdosfs and
 * e2fsprogs' mke2fs (/usr/sbin/mke2fs in the initramfs); where the kernel
 * lacks one, the test skips and says so.
 */

#include <sys/ioctl.h>
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "enforce.h"
#include "fixture.h"

/* From linux/fs.h, which clashes with sys/mount.h. */
#define FS_IOC_GETFLAGS	_IOR('f', 1, long)
#define FS_IOC_SETFLAGS	_IOW('f', 2, long)
#define FS_CASEFOLD_FL	0x40000000

/* Run a shell command quietly: 0, or its exit status. */
static int sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ret = system(cmd);
	return WIFEXITED(ret) ? WEXITSTATUS(ret) : -1;
}

/* Forget every unused dentry: the next lookup spells the name anew. */
static void evict_dentries(void)
{
	sync();
	write_file("/proc/sys/vm/drop_caches", "2");
}

/* Whether the kernel knows file system @fs. */
static bool have_fs(const char *fs)
{
	char line[128], name[64];
	bool found = false;
	FILE *f = fopen("/proc/filesystems", "r");

	if (!f)
		return false;
	/* "nodev<TAB>name" or "<TAB>name": the name is the last word. */
	while (!found && fgets(line, sizeof(line), f)) {
		char *last = strrchr(line, '\t');

		found = last && sscanf(last, "%63s", name) == 1 &&
			!strcmp(name, fs);
	}
	fclose(f);
	return found;
}

/* A vfat image in the test's directory, mounted at @mnt. */
static int vfat_up(FIXTURE_DATA(enforce) *self, char *mnt)
{
	path_in(self, mnt, "vfat");
	if (mkdir(mnt, 0755))
		return -errno;
	if (sh("dd if=/dev/zero of=%s/vfat.img bs=1M count=8 2>/dev/null && "
	       "mkdosfs %s/vfat.img >/dev/null 2>&1", self->dir, self->dir))
		return -EIO;
	if (sh("mount -t vfat -o loop %s/vfat.img %s", self->dir, mnt))
		return -EIO;
	return 0;
}

static void expect_refused_by(struct __test_metadata *_metadata,
			      FIXTURE_DATA(enforce) *self, const char *path,
			      uint32_t rule)
{
	struct event ev;
	char text[4096], want[64];

	EXPECT_EQ(REFUSED(EACCES), run_prog(path)) TH_LOG("%s", path);
	ASSERT_EQ(0, next_event(&self->r, &ev, 2000)) TH_LOG("%s", path);
	EXPECT_EQ(rule, ev.rule_id);
	EXPECT_EQ(VMFENCE_EVENT_RESULT_DENIED, ev.result);
	snprintf(want, sizeof(want), "op=exec result=denied rule=%u ", rule);
	do {
		ASSERT_EQ(0, next_audit(&self->r, text, sizeof(text), 3000));
	} while (!strstr(text, want));
}

/*
 * A rule on @file by its path: it is refused by that spelling. Return: the
 * rule's id, as the refusal records it (0 on failure).
 */
static uint32_t refuse_by_path(struct __test_metadata *_metadata,
			       FIXTURE_DATA(enforce) *self, const char *file)
{
	struct event ev;

	if (policy(self, "deny exec path=%s\n", file) ||
	    run_prog(file) != REFUSED(EACCES) ||
	    next_event(&self->r, &ev, 2000))
		return 0;
	records_drain(&self->r);
	return ev.rule_id;
}

/*
 * vfat: a rule names sensitive-program by its long name; the 8.3 short
 * name SENSIT~1 and, once the dentry is gone, other letter cases lead to
 * the same file and are refused. Another file in the directory runs.
 */
TEST_F(enforce, vfat_short_and_other_case_names)
{
	char mnt[128], file[192], alias[192], other[192];
	uint32_t rule;

	if (!have_fs("vfat"))
		SKIP(return, "no vfat in this kernel");
	ASSERT_EQ(0, vfat_up(self, mnt));
	snprintf(file, sizeof(file), "%s/sensitive-program", mnt);
	snprintf(other, sizeof(other), "%s/harmless-program", mnt);
	ASSERT_EQ(0, copy_file(self->prog, file, ""));
	ASSERT_EQ(0, copy_file(self->harmless, other, ""));
	snprintf(alias, sizeof(alias), "%s/SENSIT~1", mnt);
	ASSERT_EQ(0, access(alias, X_OK)) TH_LOG("no 8.3 name %s", alias);
	rule = refuse_by_path(_metadata, self, file);
	ASSERT_NE(0, rule);

	evict_dentries();
	expect_refused_by(_metadata, self, alias, rule);
	evict_dentries();
	snprintf(alias, sizeof(alias), "%s/SENSITIVE-PROGRAM", mnt);
	expect_refused_by(_metadata, self, alias, rule);
	evict_dentries();
	snprintf(alias, sizeof(alias), "%s/Sensitive-Program", mnt);
	expect_refused_by(_metadata, self, alias, rule);
	EXPECT_EQ(HELLO_STATUS, run_prog(other));
	snprintf(alias, sizeof(alias), "%s/HARMLE~1", mnt);
	EXPECT_EQ(HELLO_STATUS, run_prog(alias));
	expect_no_record(_metadata, &self->r);
	EXPECT_EQ(0, umount(mnt));
}

/* Make directory @dir fold the case of the names in it (chattr +F). */
static int casefold_dir(const char *dir)
{
	int fd, flags, ret = 0;

	if (mkdir(dir, 0755))
		return -errno;
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, FS_IOC_GETFLAGS, &flags))
		ret = -errno;
	flags |= FS_CASEFOLD_FL;
	if (!ret && ioctl(fd, FS_IOC_SETFLAGS, &flags))
		ret = -errno;
	close(fd);
	return ret;
}

/* An ext4 image with case folding, mounted at @mnt; 1 when unsupported. */
static int casefold_up(FIXTURE_DATA(enforce) *self, char *mnt)
{
	path_in(self, mnt, "ext4");
	if (!have_fs("ext4"))
		return 1;
	if (mkdir(mnt, 0755))
		return -errno;
	if (sh("/usr/sbin/mke2fs -q -F -t ext4 -O casefold %s/cf.img 16M >%s/mke2fs.out 2>&1",
	       self->dir, self->dir)) {
		sh("cat %s/mke2fs.out >&2", self->dir);
		return 2;
	}
	if (sh("mount -t ext4 -o loop %s/cf.img %s", self->dir, mnt)) {
		sh("dmesg | tail -n 5 >&2");
		return 3;
	}
	return 0;
}

/*
 * A case-folded ext4 directory: a rule on cf/Sensitive refuses
 * cf/SENSITIVE and cf/sensitive; the same names in a directory that does
 * not fold case are other files (or none).
 */
TEST_F(enforce, casefolded_directory)
{
	char mnt[128], dir[160], plain[160], file[192], alias[192];
	uint32_t rule;
	int ret;

	ret = casefold_up(self, mnt);
	if (ret == 1)
		SKIP(return, "no ext4 in this kernel");
	ASSERT_NE(2, ret) TH_LOG("mke2fs -O casefold failed");
	ASSERT_NE(3, ret) TH_LOG("mount of the casefold file system failed");
	ASSERT_EQ(0, ret);
	snprintf(dir, sizeof(dir), "%s/cf", mnt);
	snprintf(plain, sizeof(plain), "%s/plain", mnt);
	ASSERT_EQ(0, casefold_dir(dir));
	ASSERT_EQ(0, mkdir(plain, 0755));
	snprintf(file, sizeof(file), "%s/Sensitive", dir);
	ASSERT_EQ(0, copy_file(self->prog, file, ""));
	snprintf(file, sizeof(file), "%s/Sensitive", plain);
	ASSERT_EQ(0, copy_file(self->prog, file, ""));

	snprintf(file, sizeof(file), "%s/Sensitive", dir);
	rule = refuse_by_path(_metadata, self, file);
	ASSERT_NE(0, rule);
	evict_dentries();
	snprintf(alias, sizeof(alias), "%s/SENSITIVE", dir);
	expect_refused_by(_metadata, self, alias, rule);
	evict_dentries();
	snprintf(alias, sizeof(alias), "%s/sensitive", dir);
	expect_refused_by(_metadata, self, alias, rule);

	/* Outside the folded directory names are exact. */
	snprintf(alias, sizeof(alias), "%s/SENSITIVE", plain);
	EXPECT_EQ(REFUSED(ENOENT), run_prog(alias));
	snprintf(alias, sizeof(alias), "%s/Sensitive", plain);
	EXPECT_EQ(HELLO_STATUS, run_prog(alias));
	expect_no_record(_metadata, &self->r);
	EXPECT_EQ(0, umount(mnt));
}

/* tmpfs folds case from 6.13; before, the mount option is refused. */
TEST_F(enforce, casefolded_tmpfs)
{
	char mnt[128], dir[160], file[192], alias[192];
	uint32_t rule;

	path_in(self, mnt, "tmpfs");
	ASSERT_EQ(0, mkdir(mnt, 0755));
	if (mount("tmpfs", mnt, "tmpfs", 0, "casefold"))
		SKIP(return, "tmpfs has no case folding in this kernel (6.13 and later)");
	snprintf(dir, sizeof(dir), "%s/cf", mnt);
	ASSERT_EQ(0, casefold_dir(dir));
	snprintf(file, sizeof(file), "%s/Sensitive", dir);
	ASSERT_EQ(0, copy_file(self->prog, file, ""));
	rule = refuse_by_path(_metadata, self, file);
	ASSERT_NE(0, rule);
	evict_dentries();
	snprintf(alias, sizeof(alias), "%s/SENSITIVE", dir);
	expect_refused_by(_metadata, self, alias, rule);
	EXPECT_EQ(0, umount(mnt));
}

TEST_HARNESS_MAIN
