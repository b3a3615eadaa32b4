// SPDX-License-Identifier: GPL-2.0
/* digest_test.c - KUnit: the per-inode digest cache and its invalidation */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>

#include "../digest.h"
#include "../stats.h"

/* FIPS 180-2 test vectors, and sha256sum of "ab". */
static const u8 sha256_abc[VMFENCE_SHA256_SIZE] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
	0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
	0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};

static const u8 sha256_ab[VMFENCE_SHA256_SIZE] = {
	0xfb, 0x8e, 0x20, 0xfc, 0x2e, 0x4c, 0x3f, 0x24, 0x8c, 0x60, 0xc3, 0x9b,
	0xd6, 0x52, 0xf3, 0xc1, 0x34, 0x72, 0x98, 0xbb, 0x97, 0x7b, 0x8b, 0x4d,
	0x59, 0x03, 0xb8, 0x50, 0x55, 0x62, 0x06, 0x03,
};

static const u8 sha256_empty[VMFENCE_SHA256_SIZE] = {
	0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8,
	0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c,
	0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
};

static int digest_test_init(struct kunit *test)
{
	int ret = vmfence_stats_init();

	if (ret)
		return ret;
	ret = vmfence_digest_init();
	if (ret)
		vmfence_stats_exit();
	return ret;
}

static void digest_test_exit(struct kunit *test)
{
	vmfence_digest_exit();
	vmfence_stats_exit();
}

static int hold_file(struct kunit_resource *res, void *file)
{
	res->data = file;
	return 0;
}

static void put_file(struct kunit_resource *res)
{
	fput(res->data);
}

/* A tmpfs file holding @text, released when the test ends. */
static struct file *new_file(struct kunit *test, const char *text)
{
	struct file *file = shmem_file_setup("vmfence-digest-test", 0, 0);
	struct kunit_resource *res;
	loff_t pos = 0;

	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	res = kunit_alloc_resource(test, hold_file, put_file, GFP_KERNEL, file);
	if (!res)
		fput(file);
	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_ASSERT_EQ(test, kernel_write(file, text, strlen(text), &pos),
			(ssize_t)strlen(text));
	return file;
}

static void append(struct kunit *test, struct file *file, const char *text)
{
	loff_t pos = i_size_read(file_inode(file));

	KUNIT_ASSERT_EQ(test, kernel_write(file, text, strlen(text), &pos),
			(ssize_t)strlen(text));
}

/* vmfence_file_facts() gives @file the digest @want. */
static void expect_digest(struct kunit *test, struct file *file, const u8 *want)
{
	struct vmfence_file_facts f;

	KUNIT_ASSERT_EQ(test, vmfence_file_facts(file, true, &f), 0);
	KUNIT_EXPECT_TRUE(test, f.has_sha256);
	KUNIT_EXPECT_EQ(test, memcmp(f.sha256, want, VMFENCE_SHA256_SIZE), 0);
}

/* The digest is computed once; the second look is a hit. */
static void digest_once(struct kunit *test)
{
	struct file *file = new_file(test, "abc");
	struct vmfence_file_facts f;

	KUNIT_ASSERT_EQ(test, vmfence_file_facts(file, true, &f), 0);
	KUNIT_EXPECT_TRUE(test, f.has_sha256);
	KUNIT_EXPECT_EQ(test, memcmp(f.sha256, sha256_abc, VMFENCE_SHA256_SIZE), 0);
	KUNIT_EXPECT_EQ(test, f.label_len, 0);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_MISSES), 1ULL);
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), 1U);

	expect_digest(test, file, sha256_abc);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_MISSES), 1ULL);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_HITS), 1ULL);
}

/* A write drops the entry at once; the next look hashes the new content. */
static void digest_write_invalidates(struct kunit *test)
{
	struct file *file = new_file(test, "ab");

	expect_digest(test, file, sha256_ab);
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), 1U);
	append(test, file, "c");
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), 0U);
	expect_digest(test, file, sha256_abc);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_MISSES), 2ULL);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_HITS), 0ULL);
}

/* Truncation drops the entry as well. */
static void digest_truncate_invalidates(struct kunit *test)
{
	struct file *file = new_file(test, "abc");

	expect_digest(test, file, sha256_abc);
	KUNIT_ASSERT_EQ(test, vfs_truncate(&file->f_path, 0), 0);
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), 0U);
	expect_digest(test, file, sha256_empty);
}

/* An entry made without the digest is remade when the digest is wanted. */
static void digest_added_later(struct kunit *test)
{
	struct file *file = new_file(test, "abc");
	struct vmfence_file_facts f;

	KUNIT_ASSERT_EQ(test, vmfence_file_facts(file, false, &f), 0);
	KUNIT_EXPECT_FALSE(test, f.has_sha256);
	KUNIT_EXPECT_EQ(test, vmfence_stat_read(VMFENCE_STAT_DIGEST_MISSES), 0ULL);
	KUNIT_ASSERT_EQ(test, vmfence_file_facts(file, true, &f), 0);
	KUNIT_EXPECT_TRUE(test, f.has_sha256);
	KUNIT_EXPECT_EQ(test, memcmp(f.sha256, sha256_abc, VMFENCE_SHA256_SIZE), 0);
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), 1U);
}

/* A memo holds for its generation and situation only, and dies with a write. */
static void digest_memo(struct kunit *test)
{
	struct file *file = new_file(test, "abc");
	struct vmfence_memo set = { 7, 42, 3, 2 }, m = { 7, 42 };
	struct vmfence_file_facts f;

	KUNIT_EXPECT_FALSE(test, vmfence_memo_get(file, true, &m, &f));
	KUNIT_ASSERT_EQ(test, vmfence_file_facts(file, true, &f), 0);
	KUNIT_EXPECT_FALSE(test, vmfence_memo_get(file, true, &m, &f));
	vmfence_memo_set(file, &set);
	KUNIT_EXPECT_TRUE(test, vmfence_memo_get(file, true, &m, &f));
	KUNIT_EXPECT_EQ(test, memcmp(f.sha256, sha256_abc, VMFENCE_SHA256_SIZE), 0);
	KUNIT_EXPECT_EQ(test, m.rule_id, 3U);
	KUNIT_EXPECT_EQ(test, m.decision, 2);
	m.generation = 8;
	KUNIT_EXPECT_FALSE(test, vmfence_memo_get(file, true, &m, &f));
	m.generation = 7;
	m.situation = 43;
	KUNIT_EXPECT_FALSE(test, vmfence_memo_get(file, true, &m, &f));
	m.situation = 42;
	append(test, file, "d");
	KUNIT_EXPECT_FALSE(test, vmfence_memo_get(file, true, &m, &f));
}

/* The cache never holds more than its bound. */
static void digest_bounded(struct kunit *test)
{
	struct vmfence_file_facts f;
	unsigned int i;

	for (i = 0; i < VMFENCE_DIGEST_CACHE_MAX + 16; i++)
		KUNIT_ASSERT_EQ(test, vmfence_file_facts(new_file(test, "x"),
							 true, &f), 0);
	KUNIT_EXPECT_EQ(test, vmfence_digest_cached(), VMFENCE_DIGEST_CACHE_MAX);
}

static struct kunit_case digest_test_cases[] = {
	KUNIT_CASE(digest_once),
	KUNIT_CASE(digest_write_invalidates),
	KUNIT_CASE(digest_truncate_invalidates),
	KUNIT_CASE(digest_added_later),
	KUNIT_CASE(digest_memo),
	KUNIT_CASE(digest_bounded),
	{}
};

static struct kunit_suite digest_suite = {
	.name = "vmfence_digest",
	.init = digest_test_init,
	.exit = digest_test_exit,
	.test_cases = digest_test_cases,
};

kunit_test_suites(&digest_suite);
