// SPDX-License-Identifier: GPL-2.0
/*
 * eventlog.c - the measured-boot check: the TPM event log replayed on the PCRs
 *
 * The log comes from firmware and is hostile input: every length in it is
 * checked against the bytes left before it is used, the digest sizes come
 * from the Spec ID event (and must agree with the algorithms we know), and
 * a log that does not parse is reported as unreadable, never half-replayed.
 *
 * Format (TCG PC Client Platform Firmware Profile 2.0, 10.2): one
 * TCG_PCR_EVENT in the SHA-1 format, EV_NO_ACTION, whose data is the
 * TCG_EfiSpecIDEvent "Spec ID Event03" listing the banks and their digest
 * sizes; then TCG_PCR_EVENT2 records: pcrIndex, eventType, a count of
 * (algId, digest) pairs, eventSize, event data. All little-endian. Some
 * firmware hands over the whole log area, so zero bytes after the last
 * record end the log.
 */
#include <crypto/sha1.h>
#include <crypto/sha2.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tpm.h>
#include <linux/vmfence.h>

#include "tpm/eventlog.h"

#define EV_NO_ACTION_TYPE 0x00000003
/* TCG_PCR_EVENT: pcrIndex, eventType, SHA-1 digest, eventSize */
#define EVLOG_HEADER_FIXED (4 + 4 + SHA1_DIGEST_SIZE + 4)
/* TCG_EfiSpecIdEvent to its bank list: signature, class, 4 bytes, count */
#define EVLOG_SPECID_FIXED	   (16 + 4 + 4 + 4)
#define EVLOG_STARTUP_LOCALITY_LEN 17
#define EVLOG_LOCALITY_MAX	   4

static const char specid_sig[16] = "Spec ID Event03";
static const char locality_sig[16] = "StartupLocality";

/* A bank the Spec ID event declares. */
struct evlog_bank {
	u16 alg;
	u16 size;
};

/* The cursor over the log: every read goes through evlog_take(). */
struct evlog_cursor {
	const u8 *log;
	size_t len;
	size_t off;
};

static const u8 *evlog_take(struct evlog_cursor *c, size_t n)
{
	const u8 *p;

	if (n > c->len - c->off)
		return NULL;
	p = c->log + c->off;
	c->off += n;
	return p;
}

/*
 * Little-endian fields at any alignment. memcpy and le32_to_cpu rather than
 * get_unaligned_le32(), whose header moved in 6.12 (asm/ to linux/).
 */
static u32 evlog_le32(const u8 *p)
{
	__le32 le;

	memcpy(&le, p, sizeof(le));
	return le32_to_cpu(le);
}

static bool evlog_u32(struct evlog_cursor *c, u32 *v)
{
	const u8 *p = evlog_take(c, 4);

	if (!p)
		return false;
	*v = evlog_le32(p);
	return true;
}

static bool evlog_u16(struct evlog_cursor *c, u16 *v)
{
	const u8 *p = evlog_take(c, 2);
	__le16 le;

	if (!p)
		return false;
	memcpy(&le, p, sizeof(le));
	*v = le16_to_cpu(le);
	return true;
}

static int evlog_bad(struct vmfence_evlog_replay *r, size_t off,
		     const char *what)
{
	scnprintf(r->why, sizeof(r->why), "log malformed at byte %zu: %s", off,
		  what);
	return -EBADMSG;
}

/* The size the TCG algorithm registry gives, or 0 for one we do not check. */
static u16 evlog_known_size(u16 alg)
{
	switch (alg) {
	case TPM_ALG_SHA1:
		return SHA1_DIGEST_SIZE;
	case TPM_ALG_SHA256:
		return SHA256_DIGEST_SIZE;
	case TPM_ALG_SHA384:
		return SHA384_DIGEST_SIZE;
	case TPM_ALG_SHA512:
		return SHA512_DIGEST_SIZE;
	default:
		return 0;
	}
}

/*
 * SHA-1 of the 40 bytes old || digest. The kernel exports only SHA-1's
 * compression function on both 6.1 and 6.12 (no sha1() library call, and
 * the "sha1" shash may not be built), so the padding is done here: 40
 * bytes fit one block, 0x80, zeros, and the length in bits (320) last.
 */
static void evlog_extend_sha1(u8 *pcr, const u8 *digest)
{
	u32 state[SHA1_DIGEST_SIZE / 4], ws[SHA1_WORKSPACE_WORDS];
	__be64 bits = cpu_to_be64(2 * SHA1_DIGEST_SIZE * 8);
	u8 block[SHA1_BLOCK_SIZE] = {};
	unsigned int i;
	__be32 word;

	memcpy(block, pcr, SHA1_DIGEST_SIZE);
	memcpy(block + SHA1_DIGEST_SIZE, digest, SHA1_DIGEST_SIZE);
	block[2 * SHA1_DIGEST_SIZE] = 0x80;
	memcpy(block + SHA1_BLOCK_SIZE - sizeof(bits), &bits, sizeof(bits));
	sha1_init(state);
	sha1_transform(state, (const char *)block, ws);
	for (i = 0; i < ARRAY_SIZE(state); i++) {
		word = cpu_to_be32(state[i]);
		memcpy(pcr + 4 * i, &word, sizeof(word));
	}
}

static void evlog_extend(struct vmfence_evlog_replay *r, u32 pcr,
			 const u8 *digest)
{
	u8 buf[2 * SHA256_DIGEST_SIZE];

	if (r->alg == TPM_ALG_SHA1) {
		evlog_extend_sha1(r->pcr[pcr], digest);
		return;
	}
	memcpy(buf, r->pcr[pcr], SHA256_DIGEST_SIZE);
	memcpy(buf + SHA256_DIGEST_SIZE, digest, SHA256_DIGEST_SIZE);
	sha256(buf, sizeof(buf), r->pcr[pcr]);
}

/*
 * The Spec ID event: fills @banks, returns their number, or -ENOENT when
 * the log is not in the crypto-agile format, or -EBADMSG.
 */
static int evlog_specid(struct evlog_cursor *c, struct evlog_bank *banks,
			struct vmfence_evlog_replay *r)
{
	const u8 *hdr, *ev, *p;
	u32 size, n, i, j, type;
	struct evlog_cursor s;
	u8 vendor;

	if (!c->len) {
		strscpy(r->why, "the event log is empty", sizeof(r->why));
		return -ENOENT;
	}
	hdr = evlog_take(c, EVLOG_HEADER_FIXED);
	if (!hdr)
		return evlog_bad(r, 0, "shorter than its first event");
	type = evlog_le32(hdr + 4);
	size = evlog_le32(hdr + EVLOG_HEADER_FIXED - 4);
	if (type == EV_NO_ACTION_TYPE && size >= sizeof(specid_sig) &&
	    c->len - c->off < sizeof(specid_sig))
		return evlog_bad(r, c->off, "first event truncated");
	if (type != EV_NO_ACTION_TYPE || size < sizeof(specid_sig) ||
	    memcmp(c->log + c->off, specid_sig, sizeof(specid_sig))) {
		strscpy(r->why,
			"not a crypto-agile (TPM 2.0) log: no Spec ID Event03",
			sizeof(r->why));
		return -ENOENT;
	}
	ev = evlog_take(c, size);
	if (!ev)
		return evlog_bad(r, EVLOG_HEADER_FIXED,
				 "Spec ID event overruns the log");
	s = (struct evlog_cursor){.log = ev, .len = size};
	if (!evlog_take(&s, EVLOG_SPECID_FIXED - 4) || !evlog_u32(&s, &n))
		return evlog_bad(r, EVLOG_HEADER_FIXED,
				 "Spec ID event too short");
	if (!n)
		return evlog_bad(r, EVLOG_HEADER_FIXED,
				 "Spec ID event declares no bank");
	if (n > VMFENCE_EVLOG_BANKS_MAX)
		return evlog_bad(r, EVLOG_HEADER_FIXED,
				 "Spec ID event declares too many banks");
	for (i = 0; i < n; i++) {
		u16 known;

		if (!evlog_u16(&s, &banks[i].alg) ||
		    !evlog_u16(&s, &banks[i].size))
			return evlog_bad(r, EVLOG_HEADER_FIXED + s.off,
					 "Spec ID bank list overrun");
		known = evlog_known_size(banks[i].alg);
		if (!banks[i].size || banks[i].size > SHA512_DIGEST_SIZE ||
		    (known && banks[i].size != known))
			return evlog_bad(r, EVLOG_HEADER_FIXED + s.off - 2,
					 "bad digest size for a bank");
		for (j = 0; j < i; j++)
			if (banks[j].alg == banks[i].alg)
				return evlog_bad(r,
						 EVLOG_HEADER_FIXED + s.off - 4,
						 "a bank declared twice");
	}
	p = evlog_take(&s, 1);
	if (!p)
		return evlog_bad(r, EVLOG_HEADER_FIXED + s.off,
				 "no vendorInfoSize");
	vendor = *p;
	if (!evlog_take(&s, vendor))
		return evlog_bad(r, EVLOG_HEADER_FIXED + s.off,
				 "vendorInfo overruns the event");
	return n;
}

/* True when every byte from the cursor to the end is zero: the log's tail. */
static bool evlog_rest_zero(const struct evlog_cursor *c)
{
	return !memchr_inv(c->log + c->off, 0, c->len - c->off);
}

/* EV_NO_ACTION: only a StartupLocality event changes the replay. */
static int evlog_no_action(struct vmfence_evlog_replay *r, size_t at, u32 pcr,
			   const u8 *data, u32 size)
{
	u8 locality;

	if (size < sizeof(locality_sig) ||
	    memcmp(data, locality_sig, sizeof(locality_sig)))
		return 0;
	if (size != EVLOG_STARTUP_LOCALITY_LEN || pcr != 0)
		return evlog_bad(r, at, "StartupLocality event malformed");
	locality = data[sizeof(locality_sig)];
	if (locality > EVLOG_LOCALITY_MAX)
		return evlog_bad(r, at, "StartupLocality beyond locality 4");
	if (r->extended & BIT(0))
		return evlog_bad(r, at,
				 "StartupLocality after PCR 0 was extended");
	memset(r->pcr[0], 0, sizeof(r->pcr[0]));
	r->pcr[0][r->digest_size - 1] = locality;
	return 0;
}

/* One TCG_PCR_EVENT2 at c->off; 1 at the end of the log, 0, or -EBADMSG. */
static int evlog_event(struct evlog_cursor *c, const struct evlog_bank *banks,
		       u32 nbanks, struct vmfence_evlog_replay *r)
{
	u32 pcr, type, count, size, i, j;
	const u8 *digest = NULL, *data;
	size_t at = c->off;

	if (!evlog_u32(c, &pcr) || !evlog_u32(c, &type) ||
	    !evlog_u32(c, &count)) {
		c->off = at;
		if (evlog_rest_zero(c))
			return 1;
		return evlog_bad(r, at, "event header truncated");
	}
	if (!count) {
		c->off = at;
		if (evlog_rest_zero(c))
			return 1;
		return evlog_bad(r, at, "event with no digest");
	}
	if (count > nbanks)
		return evlog_bad(r, at, "event has more digests than banks");
	for (i = 0; i < count; i++) {
		const u8 *d;
		u16 alg;

		if (!evlog_u16(c, &alg))
			return evlog_bad(r, at, "digest truncated");
		for (j = 0; j < nbanks && banks[j].alg != alg; j++)
			;
		if (j == nbanks)
			return evlog_bad(r, at,
					 "digest of a bank not declared");
		d = evlog_take(c, banks[j].size);
		if (!d)
			return evlog_bad(r, at, "digest truncated");
		if (alg == r->alg) {
			if (digest)
				return evlog_bad(r, at, "a digest given twice");
			digest = d;
		}
	}
	if (!evlog_u32(c, &size))
		return evlog_bad(r, at, "event size truncated");
	data = evlog_take(c, size);
	if (!data)
		return evlog_bad(r, at, "event data overruns the log");
	if (type == EV_NO_ACTION_TYPE)
		return evlog_no_action(r, at, pcr, data, size);
	if (pcr >= VMFENCE_EVLOG_PCRS)
		return evlog_bad(r, at, "event extends a PCR above 23");
	if (!digest)
		return evlog_bad(r, at,
				 "event lacks the replayed bank's digest");
	evlog_extend(r, pcr, digest);
	r->extended |= BIT(pcr);
	r->events++;
	return 0;
}

/**
 * vmfence_tpm_eventlog_replay() - replay a TPM 2.0 event log
 * @log: the log, as the firmware left it (crypto-agile format)
 * @len: its length in bytes; nothing beyond it is read
 * @r: the result; overwritten
 *
 * Walks the Spec ID event and then every TCG_PCR_EVENT2 record, extending
 * a zeroed PCR set with each event's digest of one bank: SHA-256 when the
 * log has it, else SHA-1. EV_NO_ACTION events extend nothing; a
 * StartupLocality one sets PCR 0's initial value to its locality (the last
 * byte). Zero bytes after the last record end the log. Pure function of
 * its input: it reads no TPM and no global state.
 *
 * Context: any context; does not sleep.
 * Return: 0 with @r filled; -ENOENT when the log is empty or not in the
 * crypto-agile format (a TPM 1.2 log), -EBADMSG when it is malformed, or
 * has neither a SHA-256 nor a SHA-1 bank; in both cases @r->why says why.
 */
int vmfence_tpm_eventlog_replay(const u8 *log, size_t len,
				struct vmfence_evlog_replay *r)
{
	struct evlog_bank banks[VMFENCE_EVLOG_BANKS_MAX];
	struct evlog_cursor c = {.log = log, .len = len};
	int n, i, ret;

	memset(r, 0, sizeof(*r));
	n = evlog_specid(&c, banks, r);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (banks[i].alg == TPM_ALG_SHA256) {
			r->alg = TPM_ALG_SHA256;
			r->digest_size = SHA256_DIGEST_SIZE;
		} else if (banks[i].alg == TPM_ALG_SHA1 && !r->alg) {
			r->alg = TPM_ALG_SHA1;
			r->digest_size = SHA1_DIGEST_SIZE;
		}
	}
	if (!r->alg)
		return evlog_bad(r, EVLOG_HEADER_FIXED,
				 "no SHA-256 or SHA-1 bank");
	do {
		ret = evlog_event(&c, banks, n, r);
	} while (!ret);
	return ret < 0 ? ret : 0;
}

static const char *evlog_bank_name(u16 alg)
{
	return alg == TPM_ALG_SHA1 ? "sha1" : "sha256";
}

/* "0-7,10": the PCRs in @mask, as ranges. */
static int evlog_ranges(char *buf, size_t size, u32 mask)
{
	int n = 0, lo, hi;

	for (lo = 0; lo < VMFENCE_EVLOG_PCRS; lo = hi + 1) {
		if (!(mask & BIT(lo))) {
			hi = lo;
			continue;
		}
		for (hi = lo;
		     hi + 1 < VMFENCE_EVLOG_PCRS && (mask & BIT(hi + 1)); hi++)
			;
		n += scnprintf(buf + n, size - n, "%s%d", n ? "," : "", lo);
		if (hi > lo)
			n += scnprintf(buf + n, size - n, "-%d", hi);
	}
	return n;
}

static void evlog_set(struct vmfence_tpm_identity *id, u8 verdict,
		      const char *detail)
{
	id->eventlog = verdict;
	strscpy(id->eventlog_detail, detail, sizeof(id->eventlog_detail));
}

/* Compares every PCR the log extends with the TPM's; sets id->eventlog. */
static void evlog_compare(struct tpm_chip *chip,
			  const struct vmfence_evlog_replay *r,
			  struct vmfence_tpm_identity *id)
{
	struct tpm_digest d;
	char ranges[64];
	u32 pcr;
	int ret;

	for (pcr = 0; pcr < VMFENCE_EVLOG_PCRS; pcr++) {
		if (!(r->extended & BIT(pcr)))
			continue;
		memset(&d, 0, sizeof(d));
		d.alg_id = r->alg;
		ret = tpm_pcr_read(chip, pcr, &d);
		if (ret) {
			id->eventlog = VMFENCE_TPM_EVENTLOG_UNREADABLE;
			scnprintf(id->eventlog_detail,
				  sizeof(id->eventlog_detail),
				  "PCR %u (%s) read failed: %d", pcr,
				  evlog_bank_name(r->alg), ret);
			return;
		}
		if (memcmp(d.digest, r->pcr[pcr], r->digest_size)) {
			id->eventlog = VMFENCE_TPM_EVENTLOG_MISMATCH;
			scnprintf(id->eventlog_detail,
				  sizeof(id->eventlog_detail),
				  "PCR %u (%s): log %*phN.., TPM %*phN..", pcr,
				  evlog_bank_name(r->alg), 4, r->pcr[pcr], 4,
				  d.digest);
			return;
		}
	}
	evlog_ranges(ranges, sizeof(ranges), r->extended);
	id->eventlog = VMFENCE_TPM_EVENTLOG_MATCH;
	scnprintf(id->eventlog_detail, sizeof(id->eventlog_detail),
		  "PCRs %s match %u events (%s)", ranges, r->events,
		  evlog_bank_name(r->alg));
}

/**
 * vmfence_tpm_eventlog_check() - replay the firmware's event log on the PCRs
 * @chip: the TPM; the caller holds a reference (tpm_default_chip()), which
 *	also keeps chip->log alive: the kernel frees it with the chip
 * @id: where id->eventlog and id->eventlog_detail are set
 *
 * Replays the log the TPM driver read from firmware at boot
 * (chip->log, the same bytes as binary_bios_measurements) with
 * vmfence_tpm_eventlog_replay() and reads, with tpm_pcr_read(), each PCR it
 * extends in the replayed bank. tpm_pcr_read() takes and releases the
 * chip's ops itself, so the caller must not hold them.
 *
 * Results: VMFENCE_TPM_EVENTLOG_ABSENT (a TPM 1.2, no log, an empty log, a
 * log not in the crypto-agile format, or one that extends no PCR), _MATCH,
 * _MISMATCH (the first PCR that differs, in the detail), _UNREADABLE (a
 * malformed log, a failed allocation or PCR read). It never fails: the
 * outcome is the result.
 *
 * Context: process context; sleeps (TPM commands). The chip's ops not held.
 */
void vmfence_tpm_eventlog_check(struct tpm_chip *chip,
				struct vmfence_tpm_identity *id)
{
	struct vmfence_evlog_replay *r;
	const u8 *log = chip->log.bios_event_log;
	const u8 *end = chip->log.bios_event_log_end;
	int ret;

	might_sleep();
	if (!(chip->flags & TPM_CHIP_FLAG_TPM2)) {
		evlog_set(id, VMFENCE_TPM_EVENTLOG_ABSENT,
			  "TPM 1.2: no crypto-agile event log");
		return;
	}
	if (!log || !end || end <= log) {
		evlog_set(id, VMFENCE_TPM_EVENTLOG_ABSENT,
			  "the firmware handed over no event log");
		return;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		evlog_set(id, VMFENCE_TPM_EVENTLOG_UNREADABLE,
			  "no memory to replay the log");
		return;
	}
	ret = vmfence_tpm_eventlog_replay(log, end - log, r);
	if (ret == -ENOENT)
		evlog_set(id, VMFENCE_TPM_EVENTLOG_ABSENT, r->why);
	else if (ret)
		evlog_set(id, VMFENCE_TPM_EVENTLOG_UNREADABLE, r->why);
	else if (!r->extended)
		evlog_set(id, VMFENCE_TPM_EVENTLOG_ABSENT,
			  "the event log extends no PCR");
	else
		evlog_compare(chip, r, id);
	kfree(r);
}
