// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz.c - a fuzzer for the vmfence generic netlink family (TAP)
 *
 *   nlfuzz [-n COUNT] [-T SECONDS] [-b BATCH] [-s SEED] [-u] [-v]
 *
 * Sends COUNT messages to the "vmfence" family over raw netlink sockets:
 * random commands with random attributes (bad types, bad lengths, nested
 * garbage, hundreds of attributes), and policy-aware ones (valid-looking
 * rules and policy text with mutations, transactions begun, loaded,
 * committed and aborted out of order from several sockets that come and
 * go), COUNT of them or for SECONDS at most. Around every BATCH messages
 * (16) it reads the policy generation through a socket of its own, and
 * checks:
 *
 *   - every message is answered (an ACK, an error, or a finished dump);
 *   - the generation moves only when a write was accepted, and by exactly
 *     as much as that write makes (SET: one, RULE_ADD, RULE_DEL, COMMIT:
 *     one); refused writes and every other command leave it alone;
 *   - as root, every command is accepted at least once and refused at least
 *     once, and a known-good transaction, run every 500 messages, commits;
 *   - with -u (as nobody, uid 65534), no admin command is ever accepted.
 *
 * -F MAXNTH -x PROGRAM injects allocation failures into each policy write
 * and rescan instead, and -I MODULE into module load: see fault_mode() and
 * module_mode() below.
 *
 * As root it never sends LOCK and never lets policy text say "lock", which
 * would end the run. Static, dependency-free, for the test initramfs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/vmfence.h>

#include "genl.h"	/* the kselftests' raw netlink client */

#define MSG_MAX		(64 * 1024)
#define RX_MAX		(256 * 1024)
#define NSOCKS		3
#define NCMDS		16	/* 0 .. 15: the family's and a few beyond */
#define SANITY_EVERY	500

extern char **environ;

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	/* xorshift64*: fast and reproducible from the seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (%s)\n", strerror(errno));
	exit(2);
}

static uint16_t family;
static int xfer_sent;	/* whether the last xfer() got its request out */

/* A socket of genl.h's, with a receive timeout and a roomy buffer. */
static void nl_open(struct genl_sock *n)
{
	struct timeval tv = { .tv_sec = 30 };
	int size = RX_MAX;

	if (genl_socket(n))
		die("netlink socket");
	setsockopt(n->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(n->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n->seq = (uint32_t)rnd64();
	n->family = family;
}

/*
 * Append an attribute within the fuzzer's budget (MSG_MAX, and what a
 * 16-bit length can say); return its offset, or 0 when it does not fit.
 */
static size_t put(struct genl_msg *m, uint16_t type, const void *data, size_t len)
{
	size_t off = m->nlh.nlmsg_len;

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > MSG_MAX || len > 0xffff - NLA_HDRLEN)
		return 0;
	msg_put(m, type, data, len);
	return off;
}

static size_t nest_start(struct genl_msg *m, uint16_t type)
{
	return put(m, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct genl_msg *m, size_t off)
{
	if (off)
		((struct nlattr *)(m->buf + off))->nla_len = m->nlh.nlmsg_len - off;
}

struct first_reply {
	void *buf;
	size_t *len;
};

static int keep_first(const struct nlmsghdr *h, void *arg)
{
	struct first_reply *r = arg;

	if (!*r->len) {
		*r->len = h->nlmsg_len < RX_MAX ? h->nlmsg_len : 0;
		memcpy(r->buf, h, *r->len);
	}
	return 0;
}

/*
 * Send and read to the end of the answer, keeping its first message in
 * @reply. 0: answered, *err its errno; -1: no answer.
 */
static int xfer(struct genl_sock *n, struct genl_msg *m, int *err, void *reply,
		size_t *rlen)
{
	struct first_reply first = { reply, rlen };
	struct genl_ack ack;

	xfer_sent = 0;
	if (genl_send(n, m))
		return -1;
	xfer_sent = 1;
	genl_recv(n, m->nlh.nlmsg_seq, m->nlh.nlmsg_type,
		  reply && rlen ? keep_first : NULL, &first, &ack);
	if (!ack.answered)
		return -1;
	*err = -ack.error;
	return 0;
}

/* The attribute @type of the genl message @h, or NULL. */
static struct nlattr *find_attr(struct nlmsghdr *h, uint16_t type)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1];

	genl_parse(h, tb, VMFENCE_A_MAX);
	return type <= VMFENCE_A_MAX ? tb[type] : NULL;
}

/* The running policy's generation, from STATUS over @obs. */
static uint64_t generation(struct genl_sock *obs)
{
	static struct genl_msg m;
	static uint8_t reply[RX_MAX];
	struct nlattr *a;
	size_t rlen = 0;
	uint64_t g;
	int err;

	msg_init(&m, family, VMFENCE_CMD_STATUS, NLM_F_ACK);
	if (xfer(obs, &m, &err, reply, &rlen) || err || !rlen)
		die("STATUS failed: %s", strerror(err));
	a = find_attr((struct nlmsghdr *)reply, VMFENCE_A_GENERATION);
	if (!a || a->nla_len != NLA_HDRLEN + 8)
		die("STATUS without a generation");
	memcpy(&g, (uint8_t *)a + NLA_HDRLEN, sizeof(g));
	return g;
}

/* What STATUS says of the policy and the verdict. */
struct fingerprint {
	uint64_t generation, bytes;
	uint32_t rules;
	uint8_t mode, threshold, virtualized;
};

static uint64_t attr_uint(struct nlmsghdr *h, uint16_t type)
{
	struct nlattr *a = find_attr(h, type);
	uint64_t v = 0;

	if (!a || a->nla_len > NLA_HDRLEN + 8)
		die("STATUS without attribute %u", type);
	memcpy(&v, (uint8_t *)a + NLA_HDRLEN, a->nla_len - NLA_HDRLEN);
	return v;	/* little-endian host */
}

static void fingerprint(struct genl_sock *obs, struct fingerprint *f)
{
	static struct genl_msg m;
	static uint8_t reply[RX_MAX];
	struct nlmsghdr *h = (struct nlmsghdr *)reply;
	size_t rlen = 0;
	int err;

	msg_init(&m, family, VMFENCE_CMD_STATUS, NLM_F_ACK);
	if (xfer(obs, &m, &err, reply, &rlen) || err || !rlen)
		die("STATUS failed: %s", strerror(err));
	f->generation = attr_uint(h, VMFENCE_A_GENERATION);
	f->bytes = attr_uint(h, VMFENCE_A_POLICY_BYTES);
	f->rules = attr_uint(h, VMFENCE_A_RULE_COUNT);
	f->mode = attr_uint(h, VMFENCE_A_MODE);
	f->threshold = attr_uint(h, VMFENCE_A_THRESHOLD);
	f->virtualized = attr_uint(h, VMFENCE_A_VIRTUALIZED);
}

/* Rules and policy lines to start mutations from. */
static const char *const seeds[] = {
	"deny exec path=/bin/true",
	"deny exec path=/usr/sbin/ledgerd on=kvm,qemu",
	"audit exec path=\"/a b\\x41\" allow-cc=sev,tdx",
	"deny exec sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	"audit module sha256=fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
	"deny exec label=secret",
	"deny module name=vmfence_testmod",
	"audit module name=nf_tables on=xen,vmware,microsoft",
	"deny exec path=/opt/x allow-cc=sev-snp on=kvm",
	"mode enforce",
	"mode audit",
	"threshold 60",
	"threshold 100",
	"# a comment",
	"",
};

static const char *const words[] = {
	"deny", "audit", "exec", "module", "path=", "sha256=", "label=",
	"name=", "on=", "allow-cc=", "mode", "threshold", "off", "enforce",
	"kvm", "qemu", "sev", "tdx", "none", "\\x", "\\\"", "\\\\", "/..",
	"//", "\"", "#", " ", "\t", "\n", "\r", ",", "=", "0", "255", "-1",
	"99999999999999999999", "\xef\xbb\xbf", "\xff", "a",
};

/* A seed line, mutated a few times (or not at all), into @out. */
static size_t mutated_line(char *out, size_t cap, int often)
{
	const char *s = seeds[rnd(sizeof(seeds) / sizeof(seeds[0]))];
	size_t len = strlen(s), i, k, n = rnd(often ? 4 : 12) < 3 ? rnd(4) : 0;

	if (len >= cap)
		len = cap - 1;
	memcpy(out, s, len);
	for (k = 0; k < n; k++) {
		i = len ? rnd(len + 1) : 0;
		switch (rnd(6)) {
		case 0: /* flip a byte */
			if (len)
				out[rnd(len)] ^= 1 << rnd(8);
			break;
		case 1: /* a random byte */
			if (len)
				out[rnd(len)] = (char)rnd(256);
			break;
		case 2: /* cut */
			len = i;
			break;
		case 3: { /* insert a word */
			const char *w = words[rnd(sizeof(words) / sizeof(words[0]))];
			size_t wl = strlen(w);

			if (len + wl < cap) {
				memmove(out + i + wl, out + i, len - i);
				memcpy(out + i, w, wl);
				len += wl;
			}
			break;
		}
		case 4: /* delete a run */
			if (i < len) {
				size_t d = 1 + rnd(len - i);

				memmove(out + i, out + i + d, len - i - d);
				len -= d;
			}
			break;
		default: /* repeat the tail, long lines */
			while (len && len * 2 < cap && rnd(3)) {
				memcpy(out + len, out, len);
				len *= 2;
			}
			break;
		}
	}
	return len;
}

static int as_nobody;

/* As root, policy text must never lock the policy: "lock" becomes "lack". */
static void no_lock(uint8_t *p, size_t len)
{
	size_t i;

	if (as_nobody)
		return;
	for (i = 0; i + 4 <= len; i++)
		if ((p[i] | 0x20) == 'l' && (p[i + 1] | 0x20) == 'o' &&
		    (p[i + 2] | 0x20) == 'c' && (p[i + 3] | 0x20) == 'k')
			p[i + 1] = 'a';
}

static size_t policy_text(char *out, size_t cap)
{
	size_t len = 0, lines = 1 + rnd(rnd(8) ? 6 : 200);

	while (lines-- && len + 1 < cap) {
		len += mutated_line(out + len, cap - len - 1, 0);
		out[len++] = '\n';
	}
	if (len && !rnd(10))
		len--;		/* no final newline */
	return len;
}

/*
 * The ids of the last rules added, for deletes that find their rule; a
 * commit replaces every rule, so it forgets them. Mostly the latest, which
 * is the likeliest to be there still: a short run must see RULE_DEL
 * accepted too.
 */
static uint32_t added_ids[8];
static unsigned int n_added;

/*
 * Set when a RULE_ADD was just accepted, half the time: the next message
 * deletes that rule, well formed, so that even a short run sees RULE_DEL
 * accepted as well as refused.
 */
static int del_next;
/* Likewise after an accepted POLICY_BEGIN: a chunk of new, valid rules. */
static int load_next;
static unsigned long load_serial;

static uint32_t recent_id(void)
{
	if (!n_added)
		return 0;
	if (rnd(4))
		return added_ids[(n_added - 1) % 8];
	return added_ids[rnd(n_added < 8 ? n_added : 8)];
}

static void random_payload(uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)rnd64();
	if (len && !rnd(4))
		memset(p, rnd(2) ? 0 : 0xff, len);
}

static size_t random_len(void)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 32, 64 };

	switch (rnd(10)) {
	case 0:
		return rnd(4096);
	case 1:
		return rnd(40000);
	default:
		return lens[rnd(sizeof(lens) / sizeof(lens[0]))];
	}
}

/* Random attributes, maybe nested, maybe many, maybe malformed. */
static void random_attrs(struct genl_msg *m, int depth)
{
	static uint8_t data[MSG_MAX];
	size_t n = rnd(8) ? rnd(5) : rnd(600), i, off;

	for (i = 0; i < n; i++) {
		uint16_t type = rnd(8) ? rnd(24) : (uint16_t)rnd64();
		size_t len;

		if (depth < 4 && !rnd(5)) {
			off = nest_start(m, type & NLA_TYPE_MASK);
			if (!off)
				return;
			random_attrs(m, depth + 1);
			nest_end(m, off);
			continue;
		}
		if (!rnd(20))
			type |= NLA_F_NESTED;
		if (!rnd(30))
			type |= NLA_F_NET_BYTEORDER;
		len = random_len();
		if (len > sizeof(data))
			len = sizeof(data);
		random_payload(data, len);
		if (type == VMFENCE_A_POLICY_TEXT)
			no_lock(data, len);
		if (!put(m, type, data, len))
			return;
	}
	/* A last attribute whose length lies. */
	if (n && !rnd(10) && m->nlh.nlmsg_len + NLA_HDRLEN <= MSG_MAX) {
		struct nlattr *a = (struct nlattr *)(m->buf + m->nlh.nlmsg_len);

		a->nla_type = rnd(24);
		a->nla_len = rnd(2) ? rnd(NLA_HDRLEN) : NLA_HDRLEN + 1 + rnd(100);
		m->nlh.nlmsg_len += NLA_HDRLEN;
	}
}

/* Attributes the command takes, with plausible and implausible values. */
static void aware_attrs(struct genl_msg *m, uint8_t cmd)
{
	static char text[MSG_MAX];
	size_t len, off;
	uint32_t u32;
	uint8_t u8;

	switch (cmd) {
	case VMFENCE_CMD_SIGNALS:
		if (rnd(2)) {
			u32 = rnd(3) ? rnd(2) : (uint32_t)rnd64();
			put(m, VMFENCE_A_FLAGS, &u32, rnd(8) ? 4 : random_len() % 9);
		}
		break;
	case VMFENCE_CMD_SET:
		if (rnd(4)) {
			u8 = rnd(5);
			put(m, VMFENCE_A_MODE, &u8, rnd(10) ? 1 : 4);
		}
		if (rnd(3)) {
			u8 = rnd(8) ? rnd(101) : (uint8_t)rnd(256);
			put(m, VMFENCE_A_THRESHOLD, &u8, rnd(10) ? 1 : 2);
		}
		break;
	case VMFENCE_CMD_RULE_ADD:
		off = rnd(10) ? nest_start(m, VMFENCE_A_RULE) : put(m, VMFENCE_A_RULE, NULL, 0);
		if (rnd(3)) {
			/* A rule that likely parses and is new, or a mutation. */
			static unsigned long uniq;

			len = (size_t)snprintf(text, 200, "%s exec path=/nlfuzz/%lu",
					       rnd(2) ? "deny" : "audit", ++uniq);
			if (!rnd(4))
				text[rnd(len)] = (char)rnd(256);
			put(m, VMFENCE_A_RULE_TEXT, text, len + rnd(2));
		} else if (rnd(10)) {
			len = mutated_line(text, VMFENCE_RULE_LINE_MAX + 100, 1);
			if (rnd(2))
				text[len++] = '\0';
			no_lock((uint8_t *)text, len);
			put(m, rnd(20) ? VMFENCE_A_RULE_TEXT : rnd(10), text, len);
		}
		if (!rnd(10))
			random_attrs(m, 3);
		nest_end(m, off);
		break;
	case VMFENCE_CMD_RULE_DEL:
		off = nest_start(m, VMFENCE_A_RULE);
		if (del_next) {
			u32 = added_ids[(n_added - 1) % 8];
			put(m, VMFENCE_A_RULE_ID, &u32, 4);
			nest_end(m, off);
			break;
		}
		u32 = rnd(3) ? recent_id() - (rnd(4) ? 0 : rnd(4)) :
		      (uint32_t)rnd(3) ? rnd(1000) : 0;
		if (rnd(10))
			put(m, VMFENCE_A_RULE_ID, &u32, rnd(10) ? 4 : 2);
		nest_end(m, off);
		break;
	case VMFENCE_CMD_POLICY_LOAD:
		if (rnd(15)) {
			len = policy_text(text, rnd(20) ? 4096 : VMFENCE_POLICY_CHUNK_MAX + 200);
			no_lock((uint8_t *)text, len);
			put(m, VMFENCE_A_POLICY_TEXT, text, len);
		}
		break;
	default:
		break;
	}
	if (!rnd(15))
		random_attrs(m, 0);
}

struct tally {
	unsigned long ack, err;
	double secs;
};

static struct tally per_cmd[NCMDS];
static unsigned long sent, answered, lost, gen_checked, gen_bad, priv_bad;
static unsigned long sanity_ok, sanity_bad;

static int is_admin(uint8_t cmd)
{
	return cmd >= VMFENCE_CMD_RESCAN && cmd <= VMFENCE_CMD_POLICY_ABORT;
}

static uint64_t expected_delta(uint8_t cmd)
{
	switch (cmd) {
	case VMFENCE_CMD_SET:	/* mode and threshold: one generation */
	case VMFENCE_CMD_RULE_ADD:
	case VMFENCE_CMD_RULE_DEL:
	case VMFENCE_CMD_POLICY_COMMIT:
		return 1;
	default:
		return 0;
	}
}

static int verbose;
static double build_secs;
static int txn_sock = -1;	/* the socket of the last accepted BEGIN */

/*
 * The generation is read before and after each batch of messages (one,
 * with -b 1): it must have moved by what the writes accepted in the batch
 * make, each exactly one. A write that changed it while refused, or that
 * was accepted and changed nothing, breaks the sum. Runs are reproducible
 * from the seed: -b 1 pins a wrong batch down to its message.
 */
static unsigned long batch_size = 16, batch_first, batch_n;
static uint64_t batch_gen, batch_want;
static int batch_open;

static void batch_close(struct genl_sock *obs)
{
	uint64_t now;

	if (!batch_open)
		return;
	batch_open = 0;
	now = generation(obs);
	gen_checked += batch_n;
	if (now - batch_gen == batch_want)
		return;
	gen_bad++;
	printf("# messages %lu-%lu: generation %llu -> %llu, the accepted writes make +%llu\n",
	       batch_first, batch_first + batch_n - 1,
	       (unsigned long long)batch_gen, (unsigned long long)now,
	       (unsigned long long)batch_want);
}

static void one(struct genl_sock *socks, struct genl_sock *obs, unsigned long i)
{
	static struct genl_msg m;
	static uint8_t reply[RX_MAX];
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;
	unsigned int sock = rnd(NSOCKS);
	struct genl_sock *n;
	struct timespec t0, t1;
	size_t rlen = 0;
	uint8_t cmd;
	int err, rc;

	/* Transactions come often, so that they interleave. */
	cmd = rnd(3) ? rnd(NCMDS) : VMFENCE_CMD_POLICY_BEGIN + rnd(4);
	if (cmd == VMFENCE_CMD_LOCK && !as_nobody)
		cmd = VMFENCE_CMD_STATUS;
	if (del_next)
		cmd = VMFENCE_CMD_RULE_DEL;
	else if (load_next)
		cmd = VMFENCE_CMD_POLICY_LOAD;
	/* Mostly, a transaction's steps come from the socket that began it. */
	if (cmd >= VMFENCE_CMD_POLICY_LOAD && cmd <= VMFENCE_CMD_POLICY_ABORT &&
	    txn_sock >= 0 && (rnd(4) || load_next))
		sock = txn_sock;
	n = &socks[sock];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (del_next) {
		/* The rule just added, deleted by a well-formed message. */
		msg_init(&m, family, cmd, flags);
		aware_attrs(&m, cmd);
		del_next = 0;
	} else if (load_next) {
		char text[128];
		int len;

		len = snprintf(text, sizeof(text),
			       "deny exec path=/nlfuzz/load/%lu\n", ++load_serial);
		msg_init(&m, family, cmd, flags);
		put(&m, VMFENCE_A_POLICY_TEXT, text, len);
		load_next = 0;
	} else {
		if (!rnd(8))
			flags |= NLM_F_DUMP;
		else if (cmd == VMFENCE_CMD_SIGNALS || cmd == VMFENCE_CMD_RULE_DUMP)
			flags |= rnd(6) ? NLM_F_DUMP : 0;
		msg_init(&m, family, cmd, flags);
		if (!rnd(20))
			((struct genlmsghdr *)(m.buf + NLMSG_HDRLEN))->version = rnd(256);
		if (rnd(4))
			aware_attrs(&m, cmd);
		else
			random_attrs(&m, 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	build_secs += (double)(t1.tv_sec - t0.tv_sec) +
		      (t1.tv_nsec - t0.tv_nsec) / 1e9;

	if (!batch_open) {
		batch_gen = generation(obs);
		batch_want = 0;
		batch_first = i;
		batch_n = 0;
		batch_open = 1;
	}
	sent++;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = xfer(n, &m, &err, reply, &rlen);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	per_cmd[cmd].secs += (double)(t1.tv_sec - t0.tv_sec) +
			     (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (rc) {
		lost++;
		batch_open = 0;	/* its outcome is unknown: not judged */
		printf("# message %lu (cmd %u, %u bytes): no answer: %s\n",
		       i, cmd, m.nlh.nlmsg_len, strerror(errno));
		return;
	}
	answered++;
	if (!err && cmd == VMFENCE_CMD_POLICY_BEGIN) {
		txn_sock = sock;
		load_next = rnd(2);
	}
	if (err)
		per_cmd[cmd].err++;
	else
		per_cmd[cmd].ack++;
	if (!err && cmd == VMFENCE_CMD_POLICY_COMMIT)
		n_added = 0;
	if (!err && cmd == VMFENCE_CMD_RULE_ADD && rlen) {
		struct nlattr *r = find_attr((struct nlmsghdr *)reply, VMFENCE_A_RULE);

		if (r && r->nla_len >= 2 * NLA_HDRLEN + 4) {
			memcpy(&added_ids[n_added++ % 8],
			       (uint8_t *)r + 2 * NLA_HDRLEN, 4);
			del_next = rnd(2);
		}
	}
	if (as_nobody && is_admin(cmd) && !err) {
		priv_bad++;
		printf("# message %lu: admin command %u accepted from nobody\n", i, cmd);
	}
	batch_want += err ? 0 : expected_delta(cmd);
	batch_n++;
	if (batch_n >= batch_size)
		batch_close(obs);
	if (verbose)
		printf("# %lu cmd %u flags %#x len %u -> %d\n", i, cmd, flags, m.nlh.nlmsg_len, err);
	/* Sockets come and go, and their transactions with them. */
	if (!rnd(300)) {
		close(n->fd);
		nl_open(n);
	}
}

static int sanity_step(struct genl_sock *n, uint8_t cmd, const char *text, int *err)
{
	static struct genl_msg m;

	msg_init(&m, family, cmd, NLM_F_ACK);
	if (text)
		put(&m, VMFENCE_A_POLICY_TEXT, text, strlen(text));
	return xfer(n, &m, err, NULL, NULL) ? -1 : 0;
}

/*
 * A known-good whole-policy replace on a fresh socket: as root it commits
 * and moves the generation by one, and it empties the rules the fuzzing
 * added; as nobody every step is refused with EPERM.
 */
static void sanity(struct genl_sock *socks, struct genl_sock *obs)
{
	static const char policy[] =
		"mode enforce\nthreshold 60\ndeny exec path=/nlfuzz/sanity\n";
	struct genl_sock n;
	uint64_t before, after;
	int e1 = 0, e2 = 0, e3 = 0, ok, c;

	/* Whatever the fuzzing left open is dropped first. */
	for (c = 0; c < NSOCKS; c++)
		sanity_step(&socks[c], VMFENCE_CMD_POLICY_ABORT, NULL, &e1);
	e1 = 0;
	batch_close(obs);
	nl_open(&n);
	before = generation(obs);
	ok = !sanity_step(&n, VMFENCE_CMD_POLICY_BEGIN, NULL, &e1) &&
	     !sanity_step(&n, VMFENCE_CMD_POLICY_LOAD, policy, &e2) &&
	     !sanity_step(&n, VMFENCE_CMD_POLICY_COMMIT, NULL, &e3);
	after = generation(obs);
	close(n.fd);
	if (as_nobody)
		ok = ok && e1 == EPERM && e2 == EPERM && e3 == EPERM && after == before;
	else
		ok = ok && !e1 && !e2 && !e3 && after == before + 1;
	if (ok) {
		if (!as_nobody)
			n_added = 0;	/* the fuzzing's rules are gone */
		sanity_ok++;
		return;
	}
	sanity_bad++;
	printf("# known-good transaction: begin %s, load %s, commit %s, generation %llu -> %llu\n",
	       strerror(e1), strerror(e2), strerror(e3),
	       (unsigned long long)before, (unsigned long long)after);
}


/*
 * Fault injection (-F MAXNTH -x PROGRAM): each write of the policy, and a
 * rescan through netlink and through sysfs, is run again and again with
 * /proc/thread-self/fail-nth set to 1, 2, 3, ... until it gets through
 * without reaching the armed allocation. Each time:
 *   - a refused operation leaves the policy as it was: generation, rule
 *     count, bytes, mode and threshold;
 *   - an accepted one changes it by exactly what it makes;
 *   - an answer lost to the failure (the ACK itself could not be
 *     allocated) leaves one of the two, never a mix;
 *   - the machine stays virtualized, and PROGRAM, which every policy here
 *     denies, is still refused with EACCES.
 * failslab and fail_page_alloc must be set up by the caller (debugfs).
 */
static const char *fault_prog;
static int fault_fd = -1;

static void arm(unsigned int nth)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", nth);

	if (fault_fd < 0)
		fault_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fault_fd < 0 || pwrite(fault_fd, buf, len, 0) != len)
		die("/proc/thread-self/fail-nth");
}

/* Disarm; return 1 when the armed failure was injected. */
static int disarm(void)
{
	char buf[16] = "";

	if (pread(fault_fd, buf, sizeof(buf) - 1, 0) <= 0)
		die("reading fail-nth");
	if (pwrite(fault_fd, "0", 1, 0) != 1)
		die("disarming fail-nth");
	return atoi(buf) == 0;
}

enum outcome { DONE, REFUSED, UNKNOWN };

static enum outcome step(struct genl_sock *n, struct genl_msg *m, int *err,
			 void *reply, size_t *rlen)
{
	if (!xfer(n, m, err, reply, rlen))
		return *err ? REFUSED : DONE;
	/* send() refused (ENOMEM, ENOBUFS); or, once sent, the answer lost. */
	*err = errno;
	return xfer_sent ? UNKNOWN : REFUSED;
}

static const char *const fault_policies[2] = {
	"threshold 40\ndeny exec path=%s\ndeny exec path=/fault/a1\n"
	"deny module name=fault_a2\n",
	"threshold 41\ndeny exec path=%s\ndeny exec path=/fault/b1\n"
	"deny module name=fault_b2\naudit exec label=fault_b3\n"
	"deny exec sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
};

struct fault_op {
	const char *name;
	unsigned long runs, injected, refused, done, unknown, bad;
};

static struct fault_op fault_ops[] = {
	{ .name = "netlink policy replace (begin, load, commit)" },
	{ .name = "netlink rule add" },
	{ .name = "netlink rule delete" },
	{ .name = "netlink set threshold" },
	{ .name = "netlink rescan" },
	{ .name = "sysfs rescan" },
	{ .name = "sysfs mode" },
};

static uint32_t fault_rule_id;
static unsigned int fault_round;

/* Run op @k once, with fail-nth armed at @nth (0: not armed). */
static enum outcome fault_run(int k, unsigned int nth, int *err)
{
	static struct genl_msg m;
	static uint8_t reply[RX_MAX];
	static char text[4096];
	enum outcome o = DONE;
	struct genl_sock n;
	size_t rlen = 0, off;
	uint8_t u8;
	int fd;

	nl_open(&n);
	*err = 0;
	if (k == 5 || k == 6) {
		fd = open(k == 5 ? "/sys/kernel/vmfence/rescan" :
			  "/sys/kernel/vmfence/mode", O_WRONLY);
		if (fd < 0)
			die("opening sysfs");
		if (nth)
			arm(nth);
		if (write(fd, k == 5 ? "1" : "enforce", k == 5 ? 1 : 7) < 0) {
			*err = errno;
			o = REFUSED;
		}
		close(fd);
		close(n.fd);
		return o;
	}
	if (nth)
		arm(nth);
	switch (k) {
	case 0:
		snprintf(text, sizeof(text), fault_policies[fault_round & 1],
			 fault_prog);
		msg_init(&m, family, VMFENCE_CMD_POLICY_BEGIN, NLM_F_ACK);
		o = step(&n, &m, err, NULL, NULL);
		if (o != DONE)
			break;
		msg_init(&m, family, VMFENCE_CMD_POLICY_LOAD, NLM_F_ACK);
		put(&m, VMFENCE_A_POLICY_TEXT, text, strlen(text));
		o = step(&n, &m, err, NULL, NULL);
		if (o != DONE)
			break;
		msg_init(&m, family, VMFENCE_CMD_POLICY_COMMIT, NLM_F_ACK);
		o = step(&n, &m, err, NULL, NULL);
		break;
	case 1:
		snprintf(text, sizeof(text), "deny exec path=/fault/added%u",
			 fault_round);
		msg_init(&m, family, VMFENCE_CMD_RULE_ADD, NLM_F_ACK);
		off = nest_start(&m, VMFENCE_A_RULE);
		put(&m, VMFENCE_A_RULE_TEXT, text, strlen(text) + 1);
		nest_end(&m, off);
		o = step(&n, &m, err, reply, &rlen);
		if (o == DONE && rlen) {
			struct nlattr *r = find_attr((struct nlmsghdr *)reply,
						     VMFENCE_A_RULE);

			if (r && r->nla_len >= 2 * NLA_HDRLEN + 4)
				memcpy(&fault_rule_id,
				       (uint8_t *)r + 2 * NLA_HDRLEN, 4);
		}
		break;
	case 2:
		msg_init(&m, family, VMFENCE_CMD_RULE_DEL, NLM_F_ACK);
		off = nest_start(&m, VMFENCE_A_RULE);
		put(&m, VMFENCE_A_RULE_ID, &fault_rule_id, 4);
		nest_end(&m, off);
		o = step(&n, &m, err, NULL, NULL);
		break;
	case 3:
		msg_init(&m, family, VMFENCE_CMD_SET, NLM_F_ACK);
		u8 = 2;		/* enforce */
		put(&m, VMFENCE_A_MODE, &u8, 1);
		u8 = 40 + (fault_round & 1);
		put(&m, VMFENCE_A_THRESHOLD, &u8, 1);
		o = step(&n, &m, err, NULL, NULL);
		break;
	case 4:
		msg_init(&m, family, VMFENCE_CMD_RESCAN, NLM_F_ACK);
		o = step(&n, &m, err, NULL, NULL);
		break;
	}
	/* Closing the socket drops a transaction left open. */
	close(n.fd);
	return o;
}

/* What op @k makes of the policy @a when it succeeds. */
static void fault_expect(int k, const struct fingerprint *a,
			 struct fingerprint *b)
{
	*b = *a;
	switch (k) {
	case 0:
		b->generation++;
		b->rules = fault_round & 1 ? 5 : 3;
		b->threshold = 40 + (fault_round & 1);
		break;
	case 1:
		b->generation++;
		b->rules++;
		break;
	case 2:
		b->generation++;
		b->rules--;
		break;
	case 3:
		b->generation += 1;	/* one generation, mode and threshold */
		b->threshold = 40 + (fault_round & 1);
		b->mode = 2;
		break;
	case 6:
		b->generation++;	/* a new generation, the same mode */
		break;
	}
}

/* The same policy and verdict; the bytes only when @bytes says so. */
static int same(const struct fingerprint *a, const struct fingerprint *b,
		int bytes)
{
	return a->generation == b->generation && a->rules == b->rules &&
	       a->mode == b->mode && a->threshold == b->threshold &&
	       (!bytes || a->bytes == b->bytes) &&
	       a->virtualized == b->virtualized;
}

static int still_refused(void)
{
	char *argv[] = { (char *)fault_prog, NULL };
	pid_t pid;
	int err, status;

	err = posix_spawn(&pid, fault_prog, NULL, NULL, argv, environ);
	if (!err)
		waitpid(pid, &status, 0);
	return err == EACCES;
}

static void fault_print(struct fingerprint *f)
{
	printf("gen %llu rules %u bytes %llu mode %u threshold %u virtualized %u",
	       (unsigned long long)f->generation, f->rules,
	       (unsigned long long)f->bytes, f->mode, f->threshold,
	       f->virtualized);
}

static int fault_mode(struct genl_sock *obs, unsigned int maxnth)
{
	struct fingerprint before, after, want;
	unsigned int k, nth, t = 0, fails = 0;
	int err;

	/* A known start: policy A, mode enforce, and one rule to delete. */
	fault_round = 0;
	if (fault_run(0, 0, &err) != DONE || fault_run(3, 0, &err) != DONE)
		die("setting up the fault run: %s", strerror(err));
	for (k = 0; k < sizeof(fault_ops) / sizeof(fault_ops[0]); k++) {
		struct fault_op *op = &fault_ops[k];

		for (nth = 1; nth <= maxnth; nth++) {
			enum outcome o;
			int injected, ok;

			fault_round++;
			/* Rule delete needs a rule: add one, unarmed. */
			if (k == 2 && fault_run(1, 0, &err) != DONE)
				die("adding a rule to delete: %s", strerror(err));
			fingerprint(obs, &before);
			o = fault_run(k, nth, &err);
			injected = disarm();
			fingerprint(obs, &after);
			fault_expect(k, &before, &want);
			op->runs++;
			op->injected += injected;
			switch (o) {
			case DONE:
				op->done++;
				ok = same(&after, &want, k > 2);
				break;
			case REFUSED:
				op->refused++;
				ok = same(&after, &before, 1);
				break;
			default:
				op->unknown++;
				ok = same(&after, &before, 1) ||
				     same(&after, &want, k > 2);
				break;
			}
			if (o != DONE && !injected) {
				ok = 0;
				printf("# %s: refused (%s) with no failure injected\n",
				       op->name, strerror(err));
			}
			if (!after.virtualized || !still_refused()) {
				ok = 0;
				printf("# %s, fail-nth %u: enforcement lost\n",
				       op->name, nth);
			}
			if (!ok) {
				op->bad++;
				printf("# %s, fail-nth %u: %s (%s); before: ",
				       op->name, nth,
				       o == DONE ? "accepted" : o == REFUSED ?
				       "refused" : "answer lost", strerror(err));
				fault_print(&before);
				printf("; after: ");
				fault_print(&after);
				printf("\n");
			}
			/* Leave the rule count as it was. */
			if (k == 1 && (o == DONE || after.rules > before.rules))
				fault_run(2, 0, &err);
			if (k == 2 && o != DONE && after.rules == before.rules)
				fault_run(2, 0, &err);
			if (!injected)
				break;	/* got through: every allocation tried */
		}
		printf("# %s: %lu runs, %lu failures injected: %lu refused, %lu accepted, %lu answers lost\n",
		       op->name, op->runs, op->injected, op->refused, op->done,
		       op->unknown);
	}
	printf("1..%zu\n", sizeof(fault_ops) / sizeof(fault_ops[0]));
	for (k = 0; k < sizeof(fault_ops) / sizeof(fault_ops[0]); k++) {
		struct fault_op *op = &fault_ops[k];
		int ok = !op->bad && op->injected && op->runs > op->injected;

		fails += !ok;
		printf("%sok %u - %s: every failure clean, the policy whole, enforcement on (%lu of %lu failures wrong)\n",
		       ok ? "" : "not ", ++t, op->name, op->bad, op->injected);
	}
	return fails ? 1 : 0;
}

/* Whether the vmfence family is registered, asked over a fresh socket. */
static int family_registered(void)
{
	struct genl_sock n;
	int err;

	nl_open(&n);
	err = genl_resolve(&n);
	if (err && err != -ENOENT)
		die("asking for the family");
	close(n.fd);
	return !err;
}

/*
 * Module load under fault injection (-I MODULE -F MAXNTH): load it with
 * fail-nth set to each of the last MAXNTH allocations a load made when
 * counted, and on past the count until a load gets through with no failure
 * injected, for up to MAXNTH more. The count varies from load to load: the
 * probes' allocations depend on the machine's state, and with
 * fail_page_alloc each page a slab cache takes in counts too, which on the
 * debug kernel put a load tens of allocations past the first count (a
 * margin of 10 failed there now and then). A load that fails must
 * leave no module, no sysfs directory and no netlink family behind; one
 * that succeeds despite a failure must unload cleanly.
 */
static int module_mode(const char *path, unsigned int maxnth)
{
	unsigned long injected = 0, failed = 0, loaded = 0, bad = 0;
	unsigned int nth, first, total;
	int through = 0;
	char buf[16] = "";

	/*
	 * The module's own init comes at the end of a load, after the
	 * kernel's loader made hundreds of allocations of its own: count them
	 * with a load that fails none, then try the last MAXNTH.
	 */
	{
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			die("%s", path);
		arm(1000000);
		if (syscall(SYS_finit_module, fd, "", 0))
			die("loading %s", path);
		if (pread(fault_fd, buf, sizeof(buf) - 1, 0) <= 0)
			die("reading fail-nth");
		disarm();
		close(fd);
		total = 1000000 - (unsigned int)atoi(buf);
		if (syscall(SYS_delete_module, "vmfence", O_NONBLOCK))
			die("unloading");
	}
	first = total > maxnth ? total - maxnth + 1 : 1;
	printf("# module load: %u allocations, failing each of the last %u\n",
	       total, total - first + 1);
	for (nth = first; nth <= total + maxnth && !(through && nth > total); nth++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC), r, e, inj;

		if (fd < 0)
			die("%s", path);
		arm(nth);
		r = syscall(SYS_finit_module, fd, "", 0);
		e = errno;
		inj = disarm();
		close(fd);
		injected += inj;
		if (!r) {
			loaded++;
			through |= !inj;
			if (access("/sys/kernel/vmfence/mode", F_OK) ||
			    !family_registered()) {
				bad++;
				printf("# fail-nth %u: loaded without its interfaces\n", nth);
			}
			if (syscall(SYS_delete_module, "vmfence", O_NONBLOCK)) {
				printf("# fail-nth %u: unloading: %s\n", nth, strerror(errno));
				return 1;
			}
			continue;
		}
		failed++;
		if (!inj) {
			bad++;
			printf("# fail-nth %u: load failed (%s) with no failure injected\n",
			       nth, strerror(e));
		}
		if (!access("/sys/module/vmfence", F_OK) ||
		    !access("/sys/kernel/vmfence", F_OK) || family_registered()) {
			bad++;
			printf("# fail-nth %u: a failed load (%s) left the module behind\n",
			       nth, strerror(e));
		}
	}
	printf("# module load: %u tries, %lu failures injected, %lu loads failed, %lu loaded%s\n",
	       nth - first, injected, failed, loaded,
	       through ? "" : ", never got through with no failure injected");
	if (through && nth > total + 1)
		printf("# module load: through only at fail-nth %u, %u past the count\n",
		       nth - 1, nth - 1 - total);
	return bad || !through || !failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long count = 10000, i, bad_cmds = 0;
	unsigned int maxnth = 0;
	unsigned long min_sent;
	double max_secs = 0;
	const char *module = NULL;
	uint64_t seed = (uint64_t)time(NULL);
	struct genl_sock socks[NSOCKS], obs;
	struct timespec t0, t1;
	double secs;
	int opt, c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "n:s:uvF:x:I:b:T:")) != -1) {
		switch (opt) {
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'u':
			as_nobody = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'F':
			maxnth = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			fault_prog = optarg;
			break;
		case 'I':
			module = optarg;
			break;
		case 'b':
			batch_size = strtoul(optarg, NULL, 0) ?: 1;
			break;
		case 'T':
			max_secs = strtod(optarg, NULL);
			break;
		default:
			fprintf(stderr, "usage: %s [-n COUNT] [-T SECONDS] [-b BATCH] [-s SEED] [-u] [-v] | -F MAXNTH -x PROG | -I MODULE [-F MAXNTH]\n", argv[0]);
			return 2;
		}
	}
	rng_state = seed ? seed : 1;
	if (as_nobody && (setgroups(0, NULL) || setgid(65534) || setuid(65534)))
		die("dropping to nobody");
	if (module)
		return module_mode(module, maxnth ? maxnth : 1000);
	for (c = 0; c < NSOCKS; c++)
		nl_open(&socks[c]);
	nl_open(&obs);
	errno = 0;
	if (genl_resolve(&obs))
		die("family %s not found", VMFENCE_GENL_NAME);
	family = obs.family;
	for (c = 0; c < NSOCKS; c++)
		socks[c].family = family;
	if (maxnth) {
		if (!fault_prog)
			die("-F needs -x PROGRAM");
		return fault_mode(&obs, maxnth);
	}

	printf("# nlfuzz: %lu messages, seed %llu, as %s\n", count,
	       (unsigned long long)seed, as_nobody ? "nobody" : "root");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < count; i++) {
		one(socks, &obs, i);
		if (i % SANITY_EVERY == SANITY_EVERY - 1) {
			sanity(socks, &obs);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if (max_secs && t1.tv_sec - t0.tv_sec > max_secs)
				break;	/* out of time: what ran is judged */
		}
		if (lost > 10)
			break;
	}
	sanity(socks, &obs);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* A run cut short by -T must still have done something. */
	min_sent = max_secs ? (count < SANITY_EVERY ? count : SANITY_EVERY) : count;
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	for (c = 0; c < NCMDS; c++)
		printf("# cmd %2d: %lu accepted, %lu refused, %.1f s\n", c,
		       per_cmd[c].ack, per_cmd[c].err, per_cmd[c].secs);
	printf("# %lu messages in %.1f s (%.0f/s), building them %.1f s; generation checked every %lu\n",
	       sent, secs, secs > 0 ? sent / secs : 0.0, build_secs, batch_size);

	printf("1..4\n");
	printf("%sok 1 - %s: all %lu messages answered (%lu lost)\n",
	       !lost && answered == sent && sent >= min_sent ? "" : "not ",
	       as_nobody ? "nobody" : "root", sent, lost);
	printf("%sok 2 - %s: the generation moved only on accepted writes, by what they make (%lu messages checked, %lu batches wrong)\n",
	       !gen_bad && gen_checked == sent ? "" : "not ",
	       as_nobody ? "nobody" : "root", gen_checked, gen_bad);
	if (as_nobody) {
		printf("%sok 3 - nobody: no admin command accepted (%lu were)\n",
		       priv_bad ? "not " : "", priv_bad);
	} else {
		/* Every command of the family reached its handler both ways. */
		for (c = VMFENCE_CMD_STATUS; c <= VMFENCE_CMD_POLICY_ABORT; c++) {
			if (c == VMFENCE_CMD_LOCK)
				continue;
			if (!per_cmd[c].ack || !per_cmd[c].err) {
				bad_cmds++;
				printf("# cmd %d: %lu accepted, %lu refused\n", c,
				       per_cmd[c].ack, per_cmd[c].err);
			}
		}
		printf("%sok 3 - root: every command but LOCK both accepted and refused (%lu not)\n",
		       bad_cmds ? "not " : "", bad_cmds);
	}
	printf("%sok 4 - %s: the known-good transaction %s every time (%lu of %lu)\n",
	       !sanity_bad && sanity_ok ? "" : "not ",
	       as_nobody ? "nobody" : "root",
	       as_nobody ? "was refused" : "committed",
	       sanity_ok, sanity_ok + sanity_bad);
	return lost || gen_bad || priv_bad || bad_cmds || sanity_bad ? 1 : 0;
}
