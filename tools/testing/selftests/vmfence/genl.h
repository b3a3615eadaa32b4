/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h - raw generic netlink for the vmfence kselftests
 *
 * No libnl: the tests build every message byte by byte, so that they can
 * send what no library would (wrong lengths, unknown attributes, missing
 * NLA_F_NESTED), and read the extended ACK (message, cookie, offending or
 * missing attribute) themselves. The netlink fuzzer
 * (tools/testing/fuzz/nlfuzz.c) is a client of the same code.
 */
#ifndef VMFENCE_SELFTEST_GENL_H
#define VMFENCE_SELFTEST_GENL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vmfence.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Large enough for any message of the family, including a policy chunk. */
#define GENL_BUF_SIZE	(128 * 1024)
#define GENL_NEST_MAX	8

struct genl_sock {
	int fd;
	uint16_t family;	/* the vmfence family's id */
	uint32_t events_group;	/* the "events" multicast group's id */
	uint32_t version;	/* the family's version */
	uint32_t seq;
};

/* A request under construction. */
struct genl_msg {
	union {
		struct nlmsghdr nlh;
		char buf[GENL_BUF_SIZE];
	};
	struct nlattr *nest[GENL_NEST_MAX];
	int depth;
};

/* What the kernel said at the end of a request or a dump. */
struct genl_ack {
	bool answered;		/* an ACK, an error or the end of a dump came */
	int error;		/* 0 or a negative errno */
	char msg[256];		/* NLMSGERR_ATTR_MSG, "" when none */
	bool has_cookie;
	struct vmfence_parse_cookie cookie;
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS, 0 when none */
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE, 0 when none */
	bool dump_intr;		/* some message had NLM_F_DUMP_INTR */
};

/* Called for each message of the family the kernel answers with. */
typedef int (*genl_cb)(const struct nlmsghdr *nlh, void *arg);

static inline void *genl_data(const struct nlmsghdr *nlh)
{
	return (char *)NLMSG_DATA(nlh) + GENL_HDRLEN;
}

static inline int genl_len(const struct nlmsghdr *nlh)
{
	return (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
}

static inline void *nla_data_(const struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static inline int nla_len_(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

/* Fill tb[0..max] from the attributes in (data, len); later ones win. */
static inline void nla_parse_(struct nlattr **tb, int max, void *data, int len)
{
	struct nlattr *nla = data;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= len) {
		int type = nla->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = nla;
		len -= NLA_ALIGN(nla->nla_len);
		nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

static inline void genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
			      int max)
{
	nla_parse_(tb, max, genl_data(nlh), genl_len(nlh));
}

static inline void nla_parse_nested_(struct nlattr **tb, int max,
				     const struct nlattr *nest)
{
	nla_parse_(tb, max, nla_data_(nest), nla_len_(nest));
}

static inline uint8_t nla_u8(const struct nlattr *nla)
{
	return *(uint8_t *)nla_data_(nla);
}

static inline uint32_t nla_u32(const struct nlattr *nla)
{
	uint32_t v;

	memcpy(&v, nla_data_(nla), sizeof(v));
	return v;
}

static inline uint64_t nla_u64(const struct nlattr *nla)
{
	uint64_t v;

	memcpy(&v, nla_data_(nla), sizeof(v));
	return v;
}

static inline void msg_init(struct genl_msg *m, uint16_t type, uint8_t cmd,
			    uint16_t flags)
{
	struct genlmsghdr *g;

	memset(&m->nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	m->nlh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = VMFENCE_GENL_VERSION;
	m->depth = 0;
}

/* Whether an attribute of @len bytes of payload still fits in @m. */
static inline bool msg_room(const struct genl_msg *m, int len)
{
	return m->nlh.nlmsg_len + NLA_HDRLEN + NLA_ALIGN(len) <= sizeof(m->buf);
}

/*
 * Append an attribute whose header claims @len, with @len bytes of @data
 * (zeroes when @data is NULL).
 */
static inline struct nlattr *msg_put(struct genl_msg *m, uint16_t type,
				     const void *data, int len)
{
	struct nlattr *nla = (struct nlattr *)(m->buf + m->nlh.nlmsg_len);

	if (!msg_room(m, len)) {
		fprintf(stderr, "genl.h: message buffer too small\n");
		abort();
	}
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (data && len)
		memcpy(nla_data_(nla), data, len);
	else
		memset(nla_data_(nla), 0, len);
	memset((char *)nla_data_(nla) + len, 0, NLA_ALIGN(len) - len);
	m->nlh.nlmsg_len += NLA_HDRLEN + NLA_ALIGN(len);
	return nla;
}

static inline void msg_put_u8(struct genl_msg *m, uint16_t type, uint8_t v)
{
	msg_put(m, type, &v, sizeof(v));
}

static inline void msg_put_u32(struct genl_msg *m, uint16_t type, uint32_t v)
{
	msg_put(m, type, &v, sizeof(v));
}

static inline void msg_put_str(struct genl_msg *m, uint16_t type, const char *s)
{
	msg_put(m, type, s, strlen(s) + 1);
}

/* Open a nest; @flags is NLA_F_NESTED, or 0 to send a malformed one. */
static inline void msg_nest(struct genl_msg *m, uint16_t type, uint16_t flags)
{
	m->nest[m->depth++] = msg_put(m, type | flags, NULL, 0);
}

static inline void msg_nest_end(struct genl_msg *m)
{
	struct nlattr *nest = m->nest[--m->depth];

	nest->nla_len = m->buf + m->nlh.nlmsg_len - (char *)nest;
}

static inline int genl_send(struct genl_sock *s, struct genl_msg *m)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	m->nlh.nlmsg_seq = ++s->seq;
	if (sendto(s->fd, m->buf, m->nlh.nlmsg_len, 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0)
		return -errno;
	return 0;
}

/* The TLVs of an extended ACK, after its struct nlmsgerr or DONE errno. */
static inline void ack_tlvs(struct genl_ack *ack, void *data, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	nla_parse_(tb, NLMSGERR_ATTR_MAX, data, len);
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(ack->msg, sizeof(ack->msg), "%.*s",
			 nla_len_(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data_(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS])
		ack->offs = nla_u32(tb[NLMSGERR_ATTR_OFFS]);
	if (tb[NLMSGERR_ATTR_MISS_TYPE])
		ack->miss_type = nla_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	if (tb[NLMSGERR_ATTR_COOKIE] &&
	    nla_len_(tb[NLMSGERR_ATTR_COOKIE]) == sizeof(ack->cookie)) {
		memcpy(&ack->cookie, nla_data_(tb[NLMSGERR_ATTR_COOKIE]),
		       sizeof(ack->cookie));
		ack->has_cookie = true;
	}
}

/*
 * Read the answers to request @seq until its ACK, error or end of dump;
 * hand each message of @type to @cb. Return the error the kernel gave (also
 * in @ack), or a negative errno of our own.
 */
static inline int genl_recv(struct genl_sock *s, uint32_t seq, uint16_t type,
			    genl_cb cb, void *arg, struct genl_ack *ack)
{
	static __thread char buf[GENL_BUF_SIZE];
	struct nlmsghdr *nlh;
	int len, ret;

	memset(ack, 0, sizeof(*ack));
	for (;;) {
		len = recv(s->fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				ack->dump_intr = true;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int off = sizeof(*e);

				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len - NLMSG_HDRLEN;
				if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
					ack_tlvs(ack, (char *)e + off,
						 (int)nlh->nlmsg_len - NLMSG_HDRLEN - off);
				ack->answered = true;
				ack->error = e->error;
				return e->error;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int *err = NLMSG_DATA(nlh);

				if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
					ack_tlvs(ack, err + 1, (int)nlh->nlmsg_len -
						 NLMSG_HDRLEN - sizeof(*err));
				ack->answered = true;
				ack->error = *err;
				return *err;
			}
			if (nlh->nlmsg_type == type && cb) {
				ret = cb(nlh, arg);
				if (ret)
					return ret;
			}
		}
	}
}

/*
 * Send a request (@flags NLM_F_ACK) or a dump (NLM_F_DUMP) and read its
 * answers until its end.
 */
static inline int genl_exchange(struct genl_sock *s, struct genl_msg *m,
				uint16_t flags, genl_cb cb, void *arg,
				struct genl_ack *ack)
{
	int ret;

	m->nlh.nlmsg_flags |= flags;
	ret = genl_send(s, m);
	if (ret)
		return ret;
	return genl_recv(s, m->nlh.nlmsg_seq, m->nlh.nlmsg_type, cb, arg, ack);
}

static inline int genl_do(struct genl_sock *s, struct genl_msg *m, genl_cb cb,
			  void *arg, struct genl_ack *ack)
{
	return genl_exchange(s, m, NLM_F_ACK, cb, arg, ack);
}

static inline int genl_dump(struct genl_sock *s, struct genl_msg *m, genl_cb cb,
			    void *arg, struct genl_ack *ack)
{
	return genl_exchange(s, m, NLM_F_DUMP, cb, arg, ack);
}

/* A request to vmfence with no attributes. */
static inline void vf_msg(struct genl_sock *s, struct genl_msg *m, uint8_t cmd)
{
	msg_init(m, s->family, cmd, 0);
}

static inline int family_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *grp[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct genl_sock *s = arg;
	struct nlattr *nla;
	int len;

	genl_parse(nlh, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_FAMILY_ID])
		s->family = *(uint16_t *)nla_data_(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		s->version = nla_u32(tb[CTRL_ATTR_VERSION]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	nla = nla_data_(tb[CTRL_ATTR_MCAST_GROUPS]);
	len = nla_len_(tb[CTRL_ATTR_MCAST_GROUPS]);
	for (; len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN && nla->nla_len <= len;
	     len -= NLA_ALIGN(nla->nla_len),
	     nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len))) {
		nla_parse_nested_(grp, CTRL_ATTR_MCAST_GRP_MAX, nla);
		if (grp[CTRL_ATTR_MCAST_GRP_NAME] && grp[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(nla_data_(grp[CTRL_ATTR_MCAST_GRP_NAME]),
			    VMFENCE_MCGRP_EVENTS))
			s->events_group = nla_u32(grp[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

/*
 * Open a socket with extended ACKs (capped: the request is not echoed), for
 * any family. Return 0, or a negative errno.
 */
static inline int genl_socket(struct genl_sock *s)
{
	int one = 1, ret;

	memset(s, 0, sizeof(*s));
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	if (setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one))) {
		ret = -errno;
		close(s->fd);
		s->fd = -1;
		return ret;
	}
	return 0;
}

/*
 * Ask the controller over @s for the vmfence family: its id, version and
 * events group. Return 0, -ENOENT when it is not registered, or another
 * negative errno.
 */
static inline int genl_resolve(struct genl_sock *s)
{
	static __thread struct genl_msg m;
	struct genl_ack ack;
	int ret;

	s->family = 0;
	msg_init(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)NLMSG_DATA(&m.nlh))->version = 2;
	msg_put_str(&m, CTRL_ATTR_FAMILY_NAME, VMFENCE_GENL_NAME);
	ret = genl_do(s, &m, family_cb, s, &ack);
	if (!ret && !s->family)
		ret = -ENOENT;
	return ret;
}

/* A socket to the vmfence family. Return 0, or a negative errno. */
static inline int genl_open(struct genl_sock *s)
{
	int ret = genl_socket(s);

	if (ret)
		return ret;
	ret = genl_resolve(s);
	if (ret) {
		close(s->fd);
		s->fd = -1;
	}
	return ret;
}

static inline void genl_close(struct genl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* STATUS, decoded. */
struct vf_status {
	char version[32];
	char hypervisor[32];
	char confidential[32];
	char role[16];
	uint8_t virtualized, confidence, mode, threshold, locked;
	uint32_t rule_count;
	uint64_t generation, policy_bytes, scan_count, scan_duration_ns;
	uint64_t stats[VMFENCE_A_STATS_MAX + 1];
	int nr_attrs;		/* top-level attributes present */
	int nr_stats;		/* counters present */
};

static inline int status_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *st[VMFENCE_A_STATS_MAX + 1];
	struct vf_status *s = arg;
	int i;

	genl_parse(nlh, tb, VMFENCE_A_MAX);
	for (i = VMFENCE_A_PAD + 1; i <= VMFENCE_A_MAX; i++)
		s->nr_attrs += !!tb[i];
#define STR(a, f) do { if (tb[a]) snprintf(s->f, sizeof(s->f), "%s", \
					   (char *)nla_data_(tb[a])); } while (0)
	STR(VMFENCE_A_VERSION, version);
	STR(VMFENCE_A_HYPERVISOR, hypervisor);
	STR(VMFENCE_A_CONFIDENTIAL, confidential);
	STR(VMFENCE_A_ROLE, role);
#undef STR
#define U(a, f, get) do { if (tb[a]) s->f = get(tb[a]); } while (0)
	U(VMFENCE_A_VIRTUALIZED, virtualized, nla_u8);
	U(VMFENCE_A_CONFIDENCE, confidence, nla_u8);
	U(VMFENCE_A_MODE, mode, nla_u8);
	U(VMFENCE_A_THRESHOLD, threshold, nla_u8);
	U(VMFENCE_A_LOCKED, locked, nla_u8);
	U(VMFENCE_A_RULE_COUNT, rule_count, nla_u32);
	U(VMFENCE_A_GENERATION, generation, nla_u64);
	U(VMFENCE_A_POLICY_BYTES, policy_bytes, nla_u64);
	U(VMFENCE_A_SCAN_COUNT, scan_count, nla_u64);
	U(VMFENCE_A_SCAN_DURATION_NS, scan_duration_ns, nla_u64);
#undef U
	if (tb[VMFENCE_A_STATS]) {
		nla_parse_nested_(st, VMFENCE_A_STATS_MAX, tb[VMFENCE_A_STATS]);
		for (i = VMFENCE_A_STATS_PAD + 1; i <= VMFENCE_A_STATS_MAX; i++)
			if (st[i]) {
				s->stats[i] = nla_u64(st[i]);
				s->nr_stats++;
			}
	}
	return 0;
}

static inline int vf_status(struct genl_sock *s, struct vf_status *st)
{
	static __thread struct genl_msg m;
	struct genl_ack ack;

	memset(st, 0, sizeof(*st));
	vf_msg(s, &m, VMFENCE_CMD_STATUS);
	return genl_do(s, &m, status_cb, st, &ack);
}

/* The current generation, or 0 when STATUS fails. */
static inline uint64_t vf_generation(struct genl_sock *s)
{
	struct vf_status st;

	return vf_status(s, &st) ? 0 : st.generation;
}

/* A request with a RULE nest holding one attribute. */
static inline void vf_rule_msg(struct genl_sock *s, struct genl_msg *m,
			       uint8_t cmd, uint16_t type, const void *data,
			       int len)
{
	vf_msg(s, m, cmd);
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_put(m, type, data, len);
	msg_nest_end(m);
}

struct vf_rule {
	uint32_t id;
	uint64_t generation;
	char text[VMFENCE_RULE_LINE_MAX + 1];
};

static inline int rule_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *r[VMFENCE_A_RULE_MAX + 1];
	struct vf_rule *rule = arg;

	genl_parse(nlh, tb, VMFENCE_A_MAX);
	if (tb[VMFENCE_A_GENERATION])
		rule->generation = nla_u64(tb[VMFENCE_A_GENERATION]);
	if (!tb[VMFENCE_A_RULE])
		return 0;
	nla_parse_nested_(r, VMFENCE_A_RULE_MAX, tb[VMFENCE_A_RULE]);
	if (r[VMFENCE_A_RULE_ID])
		rule->id = nla_u32(r[VMFENCE_A_RULE_ID]);
	if (r[VMFENCE_A_RULE_TEXT])
		snprintf(rule->text, sizeof(rule->text), "%s",
			 (char *)nla_data_(r[VMFENCE_A_RULE_TEXT]));
	return 0;
}

/* RULE_ADD @text; on success @rule holds the reply. */
static inline int vf_rule_add(struct genl_sock *s, const char *text,
			      struct vf_rule *rule, struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	memset(rule, 0, sizeof(*rule));
	vf_rule_msg(s, &m, VMFENCE_CMD_RULE_ADD, VMFENCE_A_RULE_TEXT, text,
		    strlen(text) + 1);
	return genl_do(s, &m, rule_cb, rule, ack);
}

static inline int vf_rule_del(struct genl_sock *s, uint32_t id,
			      struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	vf_rule_msg(s, &m, VMFENCE_CMD_RULE_DEL, VMFENCE_A_RULE_ID, &id,
		    sizeof(id));
	return genl_do(s, &m, NULL, NULL, ack);
}

/* A command without attributes. */
static inline int vf_simple(struct genl_sock *s, uint8_t cmd,
			    struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	vf_msg(s, &m, cmd);
	return genl_do(s, &m, NULL, NULL, ack);
}

/* POLICY_LOAD of (text, len) as one chunk. */
static inline int vf_load(struct genl_sock *s, const char *text, size_t len,
			  struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	vf_msg(s, &m, VMFENCE_CMD_POLICY_LOAD);
	msg_put(&m, VMFENCE_A_POLICY_TEXT, text, len);
	return genl_do(s, &m, NULL, NULL, ack);
}

struct vf_commit {
	uint64_t generation;
	uint32_t rule_count;
};

static inline int commit_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1];
	struct vf_commit *c = arg;

	genl_parse(nlh, tb, VMFENCE_A_MAX);
	if (tb[VMFENCE_A_GENERATION])
		c->generation = nla_u64(tb[VMFENCE_A_GENERATION]);
	if (tb[VMFENCE_A_RULE_COUNT])
		c->rule_count = nla_u32(tb[VMFENCE_A_RULE_COUNT]);
	return 0;
}

static inline int vf_commit(struct genl_sock *s, struct vf_commit *c,
			    struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	memset(c, 0, sizeof(*c));
	vf_msg(s, &m, VMFENCE_CMD_POLICY_COMMIT);
	return genl_do(s, &m, commit_cb, c, ack);
}

/*
 * The bytes of the next chunk of (text, len): at most @chunk, cut after a
 * newline; a line longer than @chunk makes a chunk of its own.
 */
static inline size_t vf_chunk(const char *text, size_t len, size_t chunk)
{
	size_t n = len < chunk ? len : chunk;

	while (n < len && n && text[n - 1] != '\n')
		n--;
	if (!n) {
		const char *nl = memchr(text, '\n', len);

		n = nl ? (size_t)(nl - text) + 1 : len;
	}
	return n;
}

/*
 * A whole-policy replace: BEGIN, the text in chunks of at most @chunk bytes
 * cut at line ends, COMMIT. Return the first error.
 */
static inline int vf_policy_replace(struct genl_sock *s, const char *text,
				    size_t len, size_t chunk,
				    struct vf_commit *c, struct genl_ack *ack)
{
	size_t off = 0, n;
	int ret;

	ret = vf_simple(s, VMFENCE_CMD_POLICY_BEGIN, ack);
	if (ret)
		return ret;
	while (off < len) {
		n = vf_chunk(text + off, len - off, chunk);
		ret = vf_load(s, text + off, n, ack);
		if (ret)
			return ret;
		off += n;
	}
	return vf_commit(s, c, ack);
}

#endif /* VMFENCE_SELFTEST_GENL_H */
