// SPDX-License-Identifier: GPL-2.0
/* eventlog_test.c - KUnit: the TPM event log replay, real and hostile logs */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tpm.h>
#include <linux/vmfence.h>

#include "tpm/eventlog.h"
#include "eventlog_data.h"

/* The log in a buffer of exactly @len bytes: KASAN sees overreads. */
static u8 *evlog_copy(struct kunit *test, const u8 *log, size_t len)
{
	u8 *p = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, log, len);
	return p;
}

static struct vmfence_evlog_replay *evlog_result(struct kunit *test)
{
	struct vmfence_evlog_replay *r =
		kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	return r;
}

/* A synthetic log under construction. */
struct evb {
	u8 buf[512];
	size_t len;
};

static void evb_put(struct evb *b, const void *p, size_t n)
{
	if (WARN_ON(b->len + n > sizeof(b->buf)))
		return;
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void evb_u32(struct evb *b, u32 v)
{
	__le32 le = cpu_to_le32(v);

	evb_put(b, &le, sizeof(le));
}

static void evb_u16(struct evb *b, u16 v)
{
	__le16 le = cpu_to_le16(v);

	evb_put(b, &le, sizeof(le));
}

/* The TCG_PCR_EVENT holding a Spec ID Event03 with @n banks. */
static void evb_header(struct evb *b, u32 n, const u16 *algs, const u16 *sizes)
{
	static const u8 zero[SHA1_DIGEST_SIZE];
	static const u8 specid[24] = "Spec ID Event03\0\0\0\0\0\0\2\0\2";
	u32 i;

	evb_u32(b, 0);
	evb_u32(b, 3); /* EV_NO_ACTION */
	evb_put(b, zero, sizeof(zero));
	evb_u32(b, 28 + 4 * n + 1);
	evb_put(b, specid, sizeof(specid)); /* signature .. uintnSize */
	evb_u32(b, n);
	for (i = 0; i < n; i++) {
		evb_u16(b, algs[i]);
		evb_u16(b, sizes[i]);
	}
	b->buf[b->len++] = 0; /* vendorInfoSize */
}

/* A TCG_PCR_EVENT2 with one digest. */
static void evb_event(struct evb *b, u32 pcr, u32 type, u16 alg, const u8 *d,
		      u16 dsize, const void *data, u32 dlen)
{
	evb_u32(b, pcr);
	evb_u32(b, type);
	evb_u32(b, 1);
	evb_u16(b, alg);
	evb_put(b, d, dsize);
	evb_u32(b, dlen);
	evb_put(b, data, dlen);
}

static const u16 alg_sha256[] = {TPM_ALG_SHA256};
static const u16 size_sha256[] = {SHA256_DIGEST_SIZE};
static const u8 digest_11[SHA256_DIGEST_SIZE] = {
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
};

/* KUNIT_EXPECT_MEMEQ came after 6.1: compare digests, and print both. */
static void evlog_expect_digest(struct kunit *test, const u8 *got,
				const u8 *want, int n)
{
	KUNIT_EXPECT_EQ_MSG(test, memcmp(got, want, n), 0, "%*phN != %*phN", n,
			    got, n, want);
}

/* Writes @v little-endian at @p, to corrupt a length field. */
static void evlog_poke32(u8 *p, u32 v)
{
	__le32 le = cpu_to_le32(v);

	memcpy(p, &le, sizeof(le));
}

static int evlog_replay_copy(struct kunit *test, const u8 *log, size_t len,
			     struct vmfence_evlog_replay *r)
{
	return vmfence_tpm_eventlog_replay(evlog_copy(test, log, len), len, r);
}

static void evlog_expect_pcrs(struct kunit *test,
			      const struct vmfence_evlog_replay *r,
			      const u8 *tpm, size_t size)
{
	const u8 *want;
	u32 pcr;

	for (pcr = 0; pcr < VMFENCE_EVLOG_PCRS; pcr++) {
		if (!(r->extended & BIT(pcr)))
			continue;
		want = tpm + pcr * size;
		KUNIT_EXPECT_EQ_MSG(test, memcmp(r->pcr[pcr], want, size), 0,
				    "PCR %u: %*phN != %*phN", pcr, (int)size,
				    r->pcr[pcr], (int)size, want);
	}
}

/* SeaBIOS's SHA-1 + SHA-256 log replays, in SHA-256, to what swtpm held. */
static void evlog_recorded_log_replays_to_tpm_pcrs(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);

	KUNIT_ASSERT_EQ(test, 0,
			evlog_replay_copy(test, evlog_seabios_sha1_sha256,
					  sizeof(evlog_seabios_sha1_sha256),
					  r));
	KUNIT_EXPECT_EQ(test, r->alg, EVLOG_SEABIOS_SHA1_SHA256_ALG);
	KUNIT_EXPECT_EQ(test, r->alg, TPM_ALG_SHA256);
	KUNIT_EXPECT_EQ(test, r->digest_size, SHA256_DIGEST_SIZE);
	KUNIT_EXPECT_EQ(test, r->extended, EVLOG_SEABIOS_SHA1_SHA256_EXTENDED);
	KUNIT_EXPECT_EQ(test, r->events, EVLOG_SEABIOS_SHA1_SHA256_EVENTS);
	evlog_expect_pcrs(test, r, &evlog_seabios_sha1_sha256_pcr[0][0],
			  SHA256_DIGEST_SIZE);
}

/* A log with only a SHA-1 bank replays in SHA-1, to what swtpm held. */
static void evlog_sha1_only_log_replays_sha1_bank(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);

	KUNIT_ASSERT_EQ(test, 0,
			evlog_replay_copy(test, evlog_seabios_sha1,
					  sizeof(evlog_seabios_sha1), r));
	KUNIT_EXPECT_EQ(test, r->alg, TPM_ALG_SHA1);
	KUNIT_EXPECT_EQ(test, r->digest_size, SHA1_DIGEST_SIZE);
	KUNIT_EXPECT_EQ(test, r->extended, EVLOG_SEABIOS_SHA1_EXTENDED);
	KUNIT_EXPECT_EQ(test, r->events, EVLOG_SEABIOS_SHA1_EVENTS);
	evlog_expect_pcrs(test, r, &evlog_seabios_sha1_pcr[0][0],
			  SHA1_DIGEST_SIZE);
}

/* One event's digest changed: that PCR's replay differs, and no other. */
static void evlog_flipped_digest_changes_only_its_pcr(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);
	size_t len = sizeof(evlog_seabios_sha1_sha256);
	u8 *log = evlog_copy(test, evlog_seabios_sha1_sha256, len);
	u32 pcr;

	log[EVLOG_SEABIOS_SHA1_SHA256_FLIP_OFF] ^= 0x01;
	KUNIT_ASSERT_EQ(test, 0, vmfence_tpm_eventlog_replay(log, len, r));
	KUNIT_EXPECT_EQ(test, r->extended, EVLOG_SEABIOS_SHA1_SHA256_EXTENDED);
	for (pcr = 0; pcr < VMFENCE_EVLOG_PCRS; pcr++) {
		bool same;

		if (!(r->extended & BIT(pcr)))
			continue;
		same = !memcmp(r->pcr[pcr], evlog_seabios_sha1_sha256_pcr[pcr],
			       SHA256_DIGEST_SIZE);
		KUNIT_EXPECT_EQ_MSG(test, same,
				    pcr != EVLOG_SEABIOS_SHA1_SHA256_FLIP_PCR,
				    "PCR %u", pcr);
	}
}

/* The firmware's zero-filled log area after the last record ends the log. */
static void evlog_zero_tail_is_the_end(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);
	size_t len = sizeof(evlog_seabios_sha1_sha256);
	u8 *log = kunit_kzalloc(test, len + 4096, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	memcpy(log, evlog_seabios_sha1_sha256, len);
	KUNIT_ASSERT_EQ(test, 0,
			vmfence_tpm_eventlog_replay(log, len + 4096, r));
	KUNIT_EXPECT_EQ(test, r->events, EVLOG_SEABIOS_SHA1_SHA256_EVENTS);
	evlog_expect_pcrs(test, r, &evlog_seabios_sha1_sha256_pcr[0][0],
			  SHA256_DIGEST_SIZE);
	/* ... but a non-zero byte in that tail is a malformed record. */
	log[len + 100] = 1;
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			vmfence_tpm_eventlog_replay(log, len + 4096, r));
}

/*
 * Cut at every length: only a cut at a record's end (or in zeros after it)
 * parses, every other cut is malformed, and none reads past the cut.
 */
static void evlog_expect_cuts(struct kunit *test, const u8 *full, size_t size,
			      const u32 *ends, size_t nends)
{
	struct vmfence_evlog_replay *r = evlog_result(test);
	size_t len, e;

	for (len = 1; len < size; len++) {
		size_t last = 0;
		bool ok;
		int ret;

		for (e = 0; e < nends; e++)
			if (ends[e] <= len)
				last = ends[e];
		ok = last && !memchr_inv(full + last, 0, len - last);
		ret = evlog_replay_copy(test, full, len, r);
		KUNIT_EXPECT_EQ_MSG(test, ret, ok ? 0 : -EBADMSG,
				    "cut at %zu: %s", len, r->why);
	}
}

static void evlog_truncated_anywhere_is_malformed(struct kunit *test)
{
	evlog_expect_cuts(test, evlog_seabios_sha1_sha256,
			  sizeof(evlog_seabios_sha1_sha256),
			  evlog_seabios_sha1_sha256_ends,
			  ARRAY_SIZE(evlog_seabios_sha1_sha256_ends));
	evlog_expect_cuts(test, evlog_seabios_sha1, sizeof(evlog_seabios_sha1),
			  evlog_seabios_sha1_ends,
			  ARRAY_SIZE(evlog_seabios_sha1_ends));
}

/* Record and header lengths beyond the buffer are refused, not followed. */
static void evlog_lengths_beyond_the_log_are_malformed(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);
	size_t len = sizeof(evlog_seabios_sha1_sha256);
	static const u32 sizes[] = {0xffffffff, 0x80000000, 0x7fffffff,
				    0x10000};
	u8 *log;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* the first record's eventSize */
		log = evlog_copy(test, evlog_seabios_sha1_sha256, len);
		evlog_poke32(log + EVLOG_SEABIOS_SHA1_SHA256_SIZE_OFF,
			     sizes[i]);
		KUNIT_EXPECT_EQ(test, -EBADMSG,
				vmfence_tpm_eventlog_replay(log, len, r));
		/* the Spec ID event's own size */
		log = evlog_copy(test, evlog_seabios_sha1_sha256, len);
		evlog_poke32(log + 28, sizes[i]);
		KUNIT_EXPECT_EQ(test, -EBADMSG,
				vmfence_tpm_eventlog_replay(log, len, r));
		/* the first record's digest count */
		log = evlog_copy(test, evlog_seabios_sha1_sha256, len);
		evlog_poke32(log + evlog_seabios_sha1_sha256_ends[0] + 8,
			     sizes[i]);
		KUNIT_EXPECT_EQ(test, -EBADMSG,
				vmfence_tpm_eventlog_replay(log, len, r));
	}
}

/* A Spec ID event's banks: huge, wrong or no digest sizes are refused. */
static void evlog_bad_bank_declarations_are_malformed(struct kunit *test)
{
	static const u16 algs2[] = {TPM_ALG_SHA256, TPM_ALG_SHA256};
	static const u16 sizes2[] = {SHA256_DIGEST_SIZE, SHA256_DIGEST_SIZE};
	static const u16 alg_with_unknown[] = {TPM_ALG_SHA256, 0x00ff};
	static const u16 size_with_huge[] = {SHA256_DIGEST_SIZE, 0xffff};
	static const u16 huge[] = {0xffff};
	static const u16 nine_algs[] = {TPM_ALG_SHA1, TPM_ALG_SHA256, 0x20,
					0x21,	      0x22,	      0x23,
					0x24,	      0x25,	      0x26};
	static const u16 nine_sizes[] = {20, 32, 32, 32, 32, 32, 32, 32, 32};
	static const u16 short256[] = {20};
	static const u16 zero[] = {0};
	static const u16 sha384[] = {TPM_ALG_SHA384};
	static const u16 size384[] = {SHA384_DIGEST_SIZE};
	struct vmfence_evlog_replay *r = evlog_result(test);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
#define EVLOG_EXPECT_BAD_HEADER(n, algs, sizes)                              \
	do {                                                                 \
		b->len = 0;                                                  \
		evb_header(b, n, algs, sizes);                               \
		KUNIT_EXPECT_EQ(test, -EBADMSG,                              \
				evlog_replay_copy(test, b->buf, b->len, r)); \
	} while (0)
	EVLOG_EXPECT_BAD_HEADER(1, alg_sha256, huge);
	/* a bank we do not know, with a digest size no hash has */
	EVLOG_EXPECT_BAD_HEADER(2, alg_with_unknown, size_with_huge);
	EVLOG_EXPECT_BAD_HEADER(1, alg_sha256, short256);
	EVLOG_EXPECT_BAD_HEADER(1, alg_sha256, zero);
	EVLOG_EXPECT_BAD_HEADER(0, alg_sha256, size_sha256);
	EVLOG_EXPECT_BAD_HEADER(2, algs2, sizes2);
	/* a bank we know, but neither SHA-256 nor SHA-1 */
	EVLOG_EXPECT_BAD_HEADER(1, sha384, size384);
	/* more banks than any TPM has, all well formed */
	EVLOG_EXPECT_BAD_HEADER(VMFENCE_EVLOG_BANKS_MAX + 1, nine_algs,
				nine_sizes);
#undef EVLOG_EXPECT_BAD_HEADER
	/* vendorInfoSize beyond the Spec ID event */
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	b->buf[b->len - 1] = 5;
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	/* a bank count far beyond the event */
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	evlog_poke32(b->buf + 32 + 24, 0xffffffff);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	/* the same headers, intact, parse: the cases above fail for their cause
	 */
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	KUNIT_EXPECT_EQ(test, 0, evlog_replay_copy(test, b->buf, b->len, r));
	b->len = 0;
	evb_header(b, 2, alg_with_unknown, sizes2);
	KUNIT_EXPECT_EQ(test, 0, evlog_replay_copy(test, b->buf, b->len, r));
	KUNIT_EXPECT_EQ(test, r->events, 0);
}

/* Empty, and TPM 1.2 (SHA-1 only, no Spec ID event) logs are not replayed. */
static void evlog_not_crypto_agile_is_absent(struct kunit *test)
{
	struct vmfence_evlog_replay *r = evlog_result(test);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	static const u8 zero[SHA1_DIGEST_SIZE];

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, -ENOENT, evlog_replay_copy(test, b->buf, 0, r));
	/* TPM 1.2: EV_S_CRTM_VERSION first */
	evb_u32(b, 0);
	evb_u32(b, 8);
	evb_put(b, zero, sizeof(zero));
	evb_u32(b, 16);
	evb_put(b, "Spec ID Event03", 16);
	KUNIT_EXPECT_EQ(test, -ENOENT,
			evlog_replay_copy(test, b->buf, b->len, r));
	/* shorter than a first event: malformed */
	KUNIT_EXPECT_EQ(test, -EBADMSG, evlog_replay_copy(test, b->buf, 20, r));
}

/* StartupLocality 3: PCR 0 starts at 00..03 (a real H-CRTM boot's log). */
static void evlog_startup_locality_sets_pcr0_start(struct kunit *test)
{
	/* python3: sha256(bytes(31) + b'\x03' + b'\x11' * 32) */
	static const u8 want_pcr0[SHA256_DIGEST_SIZE] = {
		0xb8, 0xe8, 0xcc, 0x97, 0x15, 0x6c, 0x2b, 0x31,
		0x42, 0xcb, 0x8e, 0x87, 0x62, 0x36, 0xfd, 0x47,
		0x29, 0x74, 0x81, 0x53, 0x74, 0x3b, 0x48, 0x0a,
		0xf0, 0x94, 0x95, 0x65, 0xf2, 0x27, 0xd2, 0xeb,
	};
	/* python3: sha256(bytes(32) + b'\x11' * 32) */
	static const u8 want_pcr1[SHA256_DIGEST_SIZE] = {
		0x88, 0x78, 0xb1, 0x5a, 0x7d, 0x6a, 0x3a, 0x4f,
		0x46, 0x4e, 0x8f, 0x9f, 0x42, 0x59, 0x1d, 0xbc,
		0x0c, 0xf4, 0xbe, 0xde, 0xa0, 0xec, 0x30, 0x90,
		0x03, 0xd2, 0xb2, 0xee, 0x53, 0x65, 0x5e, 0xf8,
	};
	static const u8 locality3[17] = "StartupLocality\0\3";
	static const u8 locality9[17] = "StartupLocality\0\11";
	struct vmfence_evlog_replay *r = evlog_result(test);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 zero[SHA256_DIGEST_SIZE] = {};

	KUNIT_ASSERT_NOT_NULL(test, b);
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 0, 3, TPM_ALG_SHA256, zero, sizeof(zero), locality3,
		  sizeof(locality3));
	evb_event(b, 0, 8, TPM_ALG_SHA256, digest_11, sizeof(digest_11), "x",
		  1);
	evb_event(b, 1, 8, TPM_ALG_SHA256, digest_11, sizeof(digest_11), "x",
		  1);
	KUNIT_ASSERT_EQ(test, 0, evlog_replay_copy(test, b->buf, b->len, r));
	KUNIT_EXPECT_EQ(test, r->extended, 0x3);
	KUNIT_EXPECT_EQ(test, r->events, 2);
	evlog_expect_digest(test, r->pcr[0], want_pcr0, SHA256_DIGEST_SIZE);
	evlog_expect_digest(test, r->pcr[1], want_pcr1, SHA256_DIGEST_SIZE);

	/* after PCR 0 was extended, or locality 9: malformed */
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 0, 8, TPM_ALG_SHA256, digest_11, sizeof(digest_11), "x",
		  1);
	evb_event(b, 0, 3, TPM_ALG_SHA256, zero, sizeof(zero), locality3,
		  sizeof(locality3));
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 0, 3, TPM_ALG_SHA256, zero, sizeof(zero), locality9,
		  sizeof(locality9));
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
}

/*
 * Records naming a PCR above 23, a bank the header lacks, or without (or
 * twice with) the replayed bank's digest are refused.
 */
static void evlog_bad_records_are_malformed(struct kunit *test)
{
	static const u16 algs_both[] = {TPM_ALG_SHA1, TPM_ALG_SHA256};
	static const u16 sizes_both[] = {SHA1_DIGEST_SIZE, SHA256_DIGEST_SIZE};
	struct vmfence_evlog_replay *r = evlog_result(test);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 24, 8, TPM_ALG_SHA256, digest_11, sizeof(digest_11), "x",
		  1);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 1, 8, TPM_ALG_SHA1, digest_11, SHA1_DIGEST_SIZE, "x", 1);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	/* two banks: an event without the SHA-256 digest, or with it twice */
	b->len = 0;
	evb_header(b, 2, algs_both, sizes_both);
	evb_event(b, 1, 8, TPM_ALG_SHA1, digest_11, SHA1_DIGEST_SIZE, "x", 1);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	b->len = 0;
	evb_header(b, 2, algs_both, sizes_both);
	evb_u32(b, 1);
	evb_u32(b, 8);
	evb_u32(b, 2);
	evb_u16(b, TPM_ALG_SHA256);
	evb_put(b, digest_11, sizeof(digest_11));
	evb_u16(b, TPM_ALG_SHA256);
	evb_put(b, digest_11, sizeof(digest_11));
	evb_u32(b, 0);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			evlog_replay_copy(test, b->buf, b->len, r));
	/* and the same record with PCR 1 and SHA-256 is fine */
	b->len = 0;
	evb_header(b, 1, alg_sha256, size_sha256);
	evb_event(b, 1, 8, TPM_ALG_SHA256, digest_11, sizeof(digest_11), "x",
		  1);
	KUNIT_EXPECT_EQ(test, 0, evlog_replay_copy(test, b->buf, b->len, r));
	KUNIT_EXPECT_EQ(test, r->extended, BIT(1));
}

/* SHA-1 extend, by the padding written in eventlog.c, against python's. */
static void evlog_sha1_extend_matches_reference(struct kunit *test)
{
	/* python3: h1 = sha1(bytes(20) + b'\x22' * 20); sha1(h1 + b'\x22' * 20)
	 */
	static const u8 want[SHA1_DIGEST_SIZE] = {
		0x77, 0x31, 0x88, 0x26, 0xbb, 0x13, 0x27, 0x0a, 0x31, 0x46,
		0xf0, 0x87, 0x60, 0x9e, 0x28, 0x2b, 0x63, 0xdf, 0xd9, 0x30,
	};
	static const u16 alg_sha1[] = {TPM_ALG_SHA1};
	static const u16 size_sha1[] = {SHA1_DIGEST_SIZE};
	struct vmfence_evlog_replay *r = evlog_result(test);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 d[SHA1_DIGEST_SIZE];

	KUNIT_ASSERT_NOT_NULL(test, b);
	memset(d, 0x22, sizeof(d));
	evb_header(b, 1, alg_sha1, size_sha1);
	evb_event(b, 5, 8, TPM_ALG_SHA1, d, sizeof(d), "", 0);
	evb_event(b, 5, 8, TPM_ALG_SHA1, d, sizeof(d), "", 0);
	KUNIT_ASSERT_EQ(test, 0, evlog_replay_copy(test, b->buf, b->len, r));
	KUNIT_EXPECT_EQ(test, r->alg, TPM_ALG_SHA1);
	evlog_expect_digest(test, r->pcr[5], want, SHA1_DIGEST_SIZE);
}

/*
 * The check's verdicts that need no PCR read: a TPM 1.2, no log, a
 * malformed log, a log that extends nothing. The chip is a zeroed struct
 * (no ops), so a PCR read here would fail the test, not reach a TPM.
 */
static void evlog_check_verdicts_without_pcr_reads(struct kunit *test)
{
	static const char overrun[] =
		"log malformed at byte 32: Spec ID event overruns the log";
	struct tpm_chip *chip = kunit_kzalloc(test, sizeof(*chip), GFP_KERNEL);
	struct vmfence_tpm_identity *id =
		kunit_kzalloc(test, sizeof(*id), GFP_KERNEL);
	struct evb *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 *log;

	KUNIT_ASSERT_NOT_NULL(test, chip);
	KUNIT_ASSERT_NOT_NULL(test, id);
	KUNIT_ASSERT_NOT_NULL(test, b);
	vmfence_tpm_eventlog_check(chip, id);
	KUNIT_EXPECT_EQ(test, id->eventlog, VMFENCE_TPM_EVENTLOG_ABSENT);
	KUNIT_EXPECT_STREQ(test, id->eventlog_detail,
			   "TPM 1.2: no crypto-agile event log");

	chip->flags = TPM_CHIP_FLAG_TPM2;
	vmfence_tpm_eventlog_check(chip, id);
	KUNIT_EXPECT_EQ(test, id->eventlog, VMFENCE_TPM_EVENTLOG_ABSENT);
	KUNIT_EXPECT_STREQ(test, id->eventlog_detail,
			   "the firmware handed over no event log");

	evb_header(b, 1, alg_sha256, size_sha256);
	log = evlog_copy(test, b->buf, b->len);
	chip->log.bios_event_log = log;
	chip->log.bios_event_log_end = log + b->len;
	vmfence_tpm_eventlog_check(chip, id);
	KUNIT_EXPECT_EQ(test, id->eventlog, VMFENCE_TPM_EVENTLOG_ABSENT);
	KUNIT_EXPECT_STREQ(test, id->eventlog_detail,
			   "the event log extends no PCR");

	chip->log.bios_event_log_end = log + b->len - 1;
	vmfence_tpm_eventlog_check(chip, id);
	KUNIT_EXPECT_EQ(test, id->eventlog, VMFENCE_TPM_EVENTLOG_UNREADABLE);
	KUNIT_EXPECT_STREQ(test, id->eventlog_detail, overrun);
}

static struct kunit_case eventlog_test_cases[] = {
	KUNIT_CASE(evlog_recorded_log_replays_to_tpm_pcrs),
	KUNIT_CASE(evlog_sha1_only_log_replays_sha1_bank),
	KUNIT_CASE(evlog_flipped_digest_changes_only_its_pcr),
	KUNIT_CASE(evlog_zero_tail_is_the_end),
	KUNIT_CASE(evlog_truncated_anywhere_is_malformed),
	KUNIT_CASE(evlog_lengths_beyond_the_log_are_malformed),
	KUNIT_CASE(evlog_bad_bank_declarations_are_malformed),
	KUNIT_CASE(evlog_not_crypto_agile_is_absent),
	KUNIT_CASE(evlog_startup_locality_sets_pcr0_start),
	KUNIT_CASE(evlog_bad_records_are_malformed),
	KUNIT_CASE(evlog_sha1_extend_matches_reference),
	KUNIT_CASE(evlog_check_verdicts_without_pcr_reads),
	{}};

static struct kunit_suite eventlog_test_suite = {
	.name = "vmfence_eventlog",
	.test_cases = eventlog_test_cases,
};

kunit_test_suite(eventlog_test_suite);
