// SPDX-License-Identifier: GPL-2.0
/*
 * netlink_test.c - kselftest: the vmfence generic netlink family
 *
 * Every command as root; every write refused to nobody, to root in a new
 * user namespace and to a root socket used after setuid; malformed,
 * oversized, unknown and missing attributes refused with their errno and
 * extended ACK, the policy generation unchanged; the policy transaction
 * (ownership, positions of errors, dropped on close); a replace of 100,000
 * rules seen atomically by a concurrent reader; dumps that stay consistent
 * while rules change; the sysfs settings files' permissions.
 *
 * Locking is irreversible until reboot: lock_test.c covers it, run by its
 * own guest suite.
 */

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "genl.h"
#include "sysfs.h"

#define NOBODY 65534
#define ADMIN_MSG "needs CAP_MAC_ADMIN or CAP_SYS_ADMIN in the initial user namespace"
/* What the module runs with after load, and what each test leaves. */
#define BASELINE "mode enforce\nthreshold 60\n"
#define SHA_A "deny exec sha256=" \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "audit exec sha256=" \
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* Kernels from 6.2 on format the parser's message into the extended ACK. */
static bool formatted_extack(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 6 || (major == 6 && minor >= 2);
}

/* Replace the policy with @text in chunks of @chunk; restore when it fails. */
static int replace(struct genl_sock *s, const char *text, size_t chunk,
		   struct vf_commit *c, struct genl_ack *ack)
{
	struct genl_ack ignored;
	int ret = vf_policy_replace(s, text, strlen(text), chunk, c, ack);

	if (ret)
		vf_simple(s, VMFENCE_CMD_POLICY_ABORT, &ignored);
	return ret;
}

FIXTURE(nl) {
	struct genl_sock s;
	struct vf_status st;	/* right after the baseline is restored */
};

FIXTURE_SETUP(nl)
{
	struct genl_ack ack;
	struct vf_commit c;

	ASSERT_EQ(0, genl_open(&self->s));
	ASSERT_EQ(0, replace(&self->s, BASELINE, VMFENCE_POLICY_CHUNK_MAX, &c, &ack)) {
		TH_LOG("baseline: %s", ack.msg);
	}
	ASSERT_EQ(0, vf_status(&self->s, &self->st));
	ASSERT_EQ(0, self->st.locked) {
		TH_LOG("the policy is locked: these tests need an unlocked module");
	}
}

FIXTURE_TEARDOWN(nl)
{
	struct genl_ack ack;
	struct vf_commit c;

	vf_simple(&self->s, VMFENCE_CMD_POLICY_ABORT, &ack);
	EXPECT_EQ(0, replace(&self->s, BASELINE, VMFENCE_POLICY_CHUNK_MAX, &c, &ack));
	genl_close(&self->s);
}

/* The family is registered with its version and its events group. */
TEST(family_registered)
{
	struct genl_sock s;

	ASSERT_EQ(0, genl_open(&s));
	EXPECT_EQ(VMFENCE_GENL_VERSION, s.version);
	EXPECT_NE(0, s.events_group);
	genl_close(&s);
}

/* netnsok is off: another network namespace does not see the family. */
TEST(family_invisible_in_other_netns)
{
	struct genl_sock s;
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (unshare(CLONE_NEWNET))
			_exit(2);
		_exit(genl_open(&s) == -ENOENT ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* STATUS gives every attribute, agreeing with sysfs and the baseline. */
TEST_F(nl, status)
{
	struct vf_status *st = &self->st;
	char buf[64], version[64] = "";
	FILE *f;

	EXPECT_EQ(15, st->nr_attrs);
	EXPECT_EQ(VMFENCE_A_STATS_MAX - VMFENCE_A_STATS_PAD, st->nr_stats);
	f = fopen("/sys/module/vmfence/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(version, sizeof(version), f));
	fclose(f);
	version[strcspn(version, "\n")] = '\0';
	EXPECT_STREQ(version, st->version);

	ASSERT_EQ(0, read_sysfs("virtualized", buf, sizeof(buf)));
	EXPECT_EQ(atoi(buf), st->virtualized);
	ASSERT_EQ(0, read_sysfs("confidence", buf, sizeof(buf)));
	EXPECT_EQ(atoi(buf), st->confidence);
	ASSERT_EQ(0, read_sysfs("hypervisor", buf, sizeof(buf)));
	EXPECT_STREQ(buf, st->hypervisor);
	ASSERT_EQ(0, read_sysfs("confidential", buf, sizeof(buf)));
	EXPECT_STREQ(buf, st->confidential);
	ASSERT_EQ(0, read_sysfs("role", buf, sizeof(buf)));
	EXPECT_STREQ(buf, st->role);
	ASSERT_EQ(0, read_sysfs("mode", buf, sizeof(buf)));
	EXPECT_STREQ("enforce", buf);
	ASSERT_EQ(0, read_sysfs("threshold", buf, sizeof(buf)));
	EXPECT_EQ(60, atoi(buf));

	EXPECT_EQ(VMFENCE_POLICY_MODE_ENFORCE, st->mode);
	EXPECT_EQ(60, st->threshold);
	EXPECT_EQ(0, st->rule_count);
	EXPECT_LT(0, st->generation);
	EXPECT_LT(0, st->policy_bytes);
	EXPECT_LE(1, st->scan_count);
	EXPECT_LT(0, st->scan_duration_ns);
}

/* Run @fn in a child as nobody; the child's exit status is its verdict. */
static int as_nobody(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
			_exit(100);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int status_works(void *arg)
{
	struct vf_status st;
	struct genl_sock s;

	if (genl_open(&s) || vf_status(&s, &st))
		return 1;
	return st.generation == *(uint64_t *)arg ? 0 : 2;
}

/* STATUS is open to every user. */
TEST_F(nl, status_for_everyone)
{
	EXPECT_EQ(0, as_nobody(status_works, &self->st.generation));
}

struct signals {
	int n, hits;
	char names[64][64];
	uint8_t state[64];
	uint64_t scan_count[64];
};

static int signal_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *sg[VMFENCE_A_SIGNAL_MAX + 1];
	struct signals *s = arg;

	if (s->n >= 64)
		return -E2BIG;
	genl_parse(nlh, tb, VMFENCE_A_MAX);
	if (!tb[VMFENCE_A_SIGNAL] || !tb[VMFENCE_A_SCAN_COUNT])
		return -EBADMSG;
	nla_parse_nested_(sg, VMFENCE_A_SIGNAL_MAX, tb[VMFENCE_A_SIGNAL]);
	if (!sg[VMFENCE_A_SIGNAL_NAME] || !sg[VMFENCE_A_SIGNAL_STATE] ||
	    !sg[VMFENCE_A_SIGNAL_WEIGHT] || !sg[VMFENCE_A_SIGNAL_DETAIL] ||
	    !sg[VMFENCE_A_SIGNAL_HYPERVISOR] || !sg[VMFENCE_A_SIGNAL_CONFIDENTIAL])
		return -EBADMSG;
	snprintf(s->names[s->n], sizeof(s->names[0]), "%s",
		 (char *)nla_data_(sg[VMFENCE_A_SIGNAL_NAME]));
	s->state[s->n] = nla_u8(sg[VMFENCE_A_SIGNAL_STATE]);
	s->scan_count[s->n] = nla_u64(tb[VMFENCE_A_SCAN_COUNT]);
	s->hits += s->state[s->n] == VMFENCE_SIGNAL_STATE_HIT;
	s->n++;
	return 0;
}

static int dump_signals(struct genl_sock *s, int flags, struct signals *out,
			struct genl_ack *ack)
{
	static struct genl_msg m;

	memset(out, 0, sizeof(*out));
	vf_msg(s, &m, VMFENCE_CMD_SIGNALS);
	if (flags >= 0)
		msg_put_u32(&m, VMFENCE_A_FLAGS, flags);
	return genl_dump(s, &m, signal_cb, out, ack);
}

/* SIGNALS lists every signal of sysfs, from one scan; the filter works. */
TEST_F(nl, signals_dump)
{
	static struct signals all, hits;
	struct genl_ack ack;
	char path[128], buf[256];
	int i, files = 0;
	DIR *d;
	struct dirent *e;

	ASSERT_EQ(0, dump_signals(&self->s, -1, &all, &ack)) TH_LOG("%s", ack.msg);
	d = opendir(SYSFS "/signals");
	ASSERT_NE(NULL, d);
	while ((e = readdir(d)))
		files += e->d_name[0] != '.';
	closedir(d);
	EXPECT_EQ(files, all.n);
	for (i = 0; i < all.n; i++) {
		snprintf(path, sizeof(path), "signals/%s", all.names[i]);
		ASSERT_EQ(0, read_sysfs(path, buf, sizeof(buf))) TH_LOG("%s", path);
		EXPECT_EQ("?01"[all.state[i]], buf[0]) TH_LOG("%s", path);
		EXPECT_EQ(all.scan_count[0], all.scan_count[i]);
	}
	EXPECT_LT(0, all.hits) TH_LOG("QEMU gives itself away: some signal hits");

	ASSERT_EQ(0, dump_signals(&self->s, VMFENCE_SIGNALS_FLAGS_HIT, &hits, &ack));
	EXPECT_EQ(all.hits, hits.n);
	for (i = 0; i < hits.n; i++)
		EXPECT_EQ(VMFENCE_SIGNAL_STATE_HIT, hits.state[i]);
}

/* An unknown flag bit is refused. */
TEST_F(nl, signals_unknown_flag)
{
	static struct signals out;
	struct genl_ack ack;

	EXPECT_EQ(-EINVAL, dump_signals(&self->s, 1 << 1, &out, &ack));
	EXPECT_STREQ("reserved bit set", ack.msg);
	EXPECT_NE(0, ack.offs);
	EXPECT_EQ(0, out.n);
}

/* RESCAN runs detection once more. */
TEST_F(nl, rescan)
{
	struct genl_ack ack;
	struct vf_status st;

	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_RESCAN, &ack));
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(self->st.scan_count + 1, st.scan_count);
	EXPECT_EQ(self->st.generation, st.generation);
}

static int set(struct genl_sock *s, int mode, int threshold,
	       struct genl_ack *ack)
{
	static struct genl_msg m;

	vf_msg(s, &m, VMFENCE_CMD_SET);
	if (mode >= 0)
		msg_put_u8(&m, VMFENCE_A_MODE, mode);
	if (threshold >= 0)
		msg_put_u8(&m, VMFENCE_A_THRESHOLD, threshold);
	return genl_do(s, &m, NULL, NULL, ack);
}

/*
 * SET changes mode, threshold or both, one generation per SET, never half of
 * one; sysfs agrees.
 */
TEST_F(nl, set_mode_and_threshold)
{
	uint64_t gen = self->st.generation;
	struct genl_ack ack;
	struct vf_status st;
	char buf[32];

	ASSERT_EQ(0, set(&self->s, VMFENCE_POLICY_MODE_AUDIT, -1, &ack));
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(VMFENCE_POLICY_MODE_AUDIT, st.mode);
	EXPECT_EQ(60, st.threshold);
	EXPECT_EQ(gen + 1, st.generation);

	ASSERT_EQ(0, set(&self->s, -1, 75, &ack));
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(VMFENCE_POLICY_MODE_AUDIT, st.mode);
	EXPECT_EQ(75, st.threshold);
	EXPECT_EQ(gen + 2, st.generation);

	ASSERT_EQ(0, set(&self->s, VMFENCE_POLICY_MODE_OFF, 100, &ack));
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(VMFENCE_POLICY_MODE_OFF, st.mode);
	EXPECT_EQ(100, st.threshold);
	EXPECT_EQ(gen + 3, st.generation);
	ASSERT_EQ(0, read_sysfs("mode", buf, sizeof(buf)));
	EXPECT_STREQ("off", buf);
	ASSERT_EQ(0, read_sysfs("threshold", buf, sizeof(buf)));
	EXPECT_STREQ("100", buf);
}

struct rules {
	int n;
	bool mixed_generations;
	uint64_t generation;
	uint32_t ids[16];
	char texts[16][128];
	uint32_t last_id;
	bool ids_unordered;
};

static int rules_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *r[VMFENCE_A_RULE_MAX + 1];
	struct rules *out = arg;
	uint32_t id;

	genl_parse(nlh, tb, VMFENCE_A_MAX);
	if (!tb[VMFENCE_A_GENERATION] || !tb[VMFENCE_A_RULE])
		return -EBADMSG;
	nla_parse_nested_(r, VMFENCE_A_RULE_MAX, tb[VMFENCE_A_RULE]);
	if (!r[VMFENCE_A_RULE_ID] || !r[VMFENCE_A_RULE_TEXT] ||
	    !r[VMFENCE_A_RULE_ACTION] || !r[VMFENCE_A_RULE_TARGET] ||
	    !r[VMFENCE_A_RULE_MATCH] || !r[VMFENCE_A_RULE_VALUE])
		return -EBADMSG;
	if (!out->n)
		out->generation = nla_u64(tb[VMFENCE_A_GENERATION]);
	else if (out->generation != nla_u64(tb[VMFENCE_A_GENERATION]))
		out->mixed_generations = true;
	id = nla_u32(r[VMFENCE_A_RULE_ID]);
	if (id <= out->last_id)
		out->ids_unordered = true;
	out->last_id = id;
	if (out->n < 16) {
		out->ids[out->n] = id;
		snprintf(out->texts[out->n], sizeof(out->texts[0]), "%s",
			 (char *)nla_data_(r[VMFENCE_A_RULE_TEXT]));
	}
	out->n++;
	return 0;
}

static int dump_rules(struct genl_sock *s, struct rules *out,
		      struct genl_ack *ack)
{
	static __thread struct genl_msg m;

	memset(out, 0, sizeof(*out));
	vf_msg(s, &m, VMFENCE_CMD_RULE_DUMP);
	return genl_dump(s, &m, rules_cb, out, ack);
}

/* RULE_ADD answers with the id and canonical text; dump and delete agree. */
TEST_F(nl, rule_add_dump_del)
{
	static struct vf_rule a, b;
	static struct rules list;
	struct genl_ack ack;
	struct vf_status st;

	ASSERT_EQ(0, vf_rule_add(&self->s, SHA_A, &a, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_LT(0, a.id);
	EXPECT_STREQ(SHA_A, a.text);
	EXPECT_EQ(self->st.generation + 1, a.generation);
	/* Blanks and a comment go; the canonical text is what the printer gives. */
	ASSERT_EQ(0, vf_rule_add(&self->s, "  audit   module name=vmfence_nl_test  # c", &b, &ack))
		TH_LOG("%s", ack.msg);
	EXPECT_STREQ("audit module name=vmfence_nl_test", b.text);
	EXPECT_LT(a.id, b.id);

	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(2, st.rule_count);
	EXPECT_EQ(b.generation, st.generation);

	ASSERT_EQ(0, dump_rules(&self->s, &list, &ack)) TH_LOG("%s", ack.msg);
	ASSERT_EQ(2, list.n);
	EXPECT_EQ(st.generation, list.generation);
	EXPECT_FALSE(list.mixed_generations);
	EXPECT_EQ(a.id, list.ids[0]);
	EXPECT_STREQ(a.text, list.texts[0]);
	EXPECT_EQ(b.id, list.ids[1]);
	EXPECT_STREQ(b.text, list.texts[1]);

	ASSERT_EQ(0, vf_rule_del(&self->s, a.id, &ack));
	ASSERT_EQ(0, dump_rules(&self->s, &list, &ack));
	ASSERT_EQ(1, list.n);
	EXPECT_EQ(b.id, list.ids[0]);

	/* Deleting it again: nothing to delete, nothing changes. */
	EXPECT_EQ(-ENOENT, vf_rule_del(&self->s, a.id, &ack));
	EXPECT_STREQ("no rule has this id", ack.msg);
	EXPECT_NE(0, ack.offs);
	EXPECT_EQ(st.generation + 1, vf_generation(&self->s));
}

/* A second rule with the same target and match is refused. */
TEST_F(nl, rule_add_duplicate)
{
	static struct vf_rule r;
	struct genl_ack ack;
	uint64_t gen;

	ASSERT_EQ(0, vf_rule_add(&self->s, SHA_A, &r, &ack));
	gen = vf_generation(&self->s);
	EXPECT_EQ(-EEXIST, vf_rule_add(&self->s,
				       "audit exec sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				       &r, &ack));
	EXPECT_STREQ("a rule with the same target and match exists", ack.msg);
	EXPECT_EQ(gen, vf_generation(&self->s));
}

/* A malformed rule: its position in the cookie, the reason where possible. */
TEST_F(nl, rule_add_parse_error)
{
	static const char nul[] = "deny exec path=/a\0/b";
	static struct genl_msg m;
	static struct vf_rule r;
	struct genl_ack ack;

	EXPECT_EQ(-EINVAL, vf_rule_add(&self->s, "deny exce path=/x", &r, &ack));
	ASSERT_TRUE(ack.has_cookie);
	EXPECT_EQ(1, ack.cookie.line);
	EXPECT_EQ(6, ack.cookie.column);
	EXPECT_NE(0, ack.offs);
	if (formatted_extack()) {
		EXPECT_EQ(0, strncmp("1:6: ", ack.msg, 5)) TH_LOG("%s", ack.msg);
	} else {
		EXPECT_STREQ("malformed policy text", ack.msg);
	}
	EXPECT_EQ(self->st.generation, vf_generation(&self->s));

	/* A NUL inside the text is an error, not its end. */
	vf_rule_msg(&self->s, &m, VMFENCE_CMD_RULE_ADD, VMFENCE_A_RULE_TEXT,
		    nul, sizeof(nul));
	EXPECT_EQ(-EINVAL, genl_do(&self->s, &m, NULL, NULL, &ack));
	EXPECT_TRUE(ack.has_cookie);
	EXPECT_EQ(1, ack.cookie.line);
	EXPECT_EQ(18, ack.cookie.column);
	EXPECT_EQ(self->st.generation, vf_generation(&self->s));
}

/* One malformed request, and what the kernel must answer. */
struct bad_request {
	const char *name;
	uint8_t cmd;
	void (*build)(struct genl_msg *m);
	int error;
	const char *msg;	/* the extended ACK message, or NULL for none */
	uint16_t miss_type;
	bool offs;		/* the ACK points at the offending attribute */
};

static char big[VMFENCE_POLICY_CHUNK_MAX + 2];

static void b_none(struct genl_msg *m)
{
}

static void b_mode_u32(struct genl_msg *m)
{
	msg_put_u32(m, VMFENCE_A_MODE, VMFENCE_POLICY_MODE_AUDIT);
}

static void b_mode_3(struct genl_msg *m)
{
	msg_put_u8(m, VMFENCE_A_MODE, 3);
}

static void b_threshold_101(struct genl_msg *m)
{
	msg_put_u8(m, VMFENCE_A_THRESHOLD, 101);
}

static void b_unknown_type(struct genl_msg *m)
{
	msg_put_u8(m, VMFENCE_A_MAX + 1, 1);
}

static void b_confidence(struct genl_msg *m)
{
	msg_put_u8(m, VMFENCE_A_CONFIDENCE, 1);
}

static void b_truncated(struct genl_msg *m)
{
	struct nlattr *nla = msg_put(m, VMFENCE_A_MODE, "\1", 1);

	nla->nla_len = 64;
}

static void b_rule_empty(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_nest_end(m);
}

static void b_rule_not_nested(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, 0);
	msg_put_str(m, VMFENCE_A_RULE_TEXT, SHA_A);
	msg_nest_end(m);
}

static void b_rule_too_long(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_put(m, VMFENCE_A_RULE_TEXT, big, VMFENCE_RULE_LINE_MAX + 1);
	msg_nest_end(m);
}

static void b_rule_id_for_add(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_put_u32(m, VMFENCE_A_RULE_ID, 1);
	msg_nest_end(m);
}

static void b_rule_id_0(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_put_u32(m, VMFENCE_A_RULE_ID, 0);
	msg_nest_end(m);
}

static void b_rule_id_u8(struct genl_msg *m)
{
	msg_nest(m, VMFENCE_A_RULE, NLA_F_NESTED);
	msg_put_u8(m, VMFENCE_A_RULE_ID, 1);
	msg_nest_end(m);
}

static void b_text_too_long(struct genl_msg *m)
{
	msg_put(m, VMFENCE_A_POLICY_TEXT, big, VMFENCE_POLICY_CHUNK_MAX + 1);
}

static void b_text_no_newline(struct genl_msg *m)
{
	msg_put(m, VMFENCE_A_POLICY_TEXT, "mode audit", 10);
}

static void b_text_empty(struct genl_msg *m)
{
	msg_put(m, VMFENCE_A_POLICY_TEXT, "", 0);
}

static void b_text(struct genl_msg *m)
{
	msg_put(m, VMFENCE_A_POLICY_TEXT, "mode audit\n", 11);
}

static void b_reserved(struct genl_msg *m)
{
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->reserved = 1;
}

static const struct bad_request bad_requests[] = {
	{ "SET mode as u32", VMFENCE_CMD_SET, b_mode_u32, -EINVAL,
	  "invalid attribute length", 0, true },
	{ "SET mode 3", VMFENCE_CMD_SET, b_mode_3, -ERANGE,
	  "integer out of range", 0, true },
	{ "SET threshold 101", VMFENCE_CMD_SET, b_threshold_101, -ERANGE,
	  "integer out of range", 0, true },
	{ "SET nothing", VMFENCE_CMD_SET, b_none, -EINVAL,
	  "nothing to set: give a mode, a threshold or both", 0, false },
	{ "SET unknown attribute", VMFENCE_CMD_SET, b_unknown_type, -EINVAL,
	  "Unknown attribute type", 0, true },
	{ "SET confidence", VMFENCE_CMD_SET, b_confidence, -EINVAL,
	  "Unsupported attribute", 0, true },
	{ "SET truncated attribute", VMFENCE_CMD_SET, b_truncated, -EINVAL,
	  "bytes leftover after parsing attributes", 0, false },
	{ "STATUS with an attribute", VMFENCE_CMD_STATUS, b_mode_3, -EINVAL,
	  "Unknown attribute type", 0, true },
	{ "RESCAN with an attribute", VMFENCE_CMD_RESCAN, b_mode_3, -EINVAL,
	  "Unknown attribute type", 0, true },
	{ "RULE_ADD without rule", VMFENCE_CMD_RULE_ADD, b_none, -EINVAL,
	  "missing rule", VMFENCE_A_RULE, false },
	{ "RULE_ADD without text", VMFENCE_CMD_RULE_ADD, b_rule_empty, -EINVAL,
	  "missing rule text", VMFENCE_A_RULE_TEXT, false },
	{ "RULE_ADD nest without NLA_F_NESTED", VMFENCE_CMD_RULE_ADD,
	  b_rule_not_nested, -EINVAL, "NLA_F_NESTED is missing", 0, true },
	{ "RULE_ADD text over 32768 bytes", VMFENCE_CMD_RULE_ADD,
	  b_rule_too_long, -ERANGE, "Attribute failed policy validation", 0, true },
	{ "RULE_ADD with an id", VMFENCE_CMD_RULE_ADD, b_rule_id_for_add, -EINVAL,
	  "Unsupported attribute", 0, true },
	{ "RULE_DEL without rule", VMFENCE_CMD_RULE_DEL, b_none, -EINVAL,
	  "missing rule", VMFENCE_A_RULE, false },
	{ "RULE_DEL without id", VMFENCE_CMD_RULE_DEL, b_rule_empty, -EINVAL,
	  "missing rule id", VMFENCE_A_RULE_ID, false },
	{ "RULE_DEL id 0", VMFENCE_CMD_RULE_DEL, b_rule_id_0, -ERANGE,
	  "integer out of range", 0, true },
	{ "RULE_DEL id as u8", VMFENCE_CMD_RULE_DEL, b_rule_id_u8, -EINVAL,
	  "invalid attribute length", 0, true },
	{ "POLICY_LOAD without text", VMFENCE_CMD_POLICY_LOAD, b_none, -EINVAL,
	  "missing policy text", VMFENCE_A_POLICY_TEXT, false },
	{ "POLICY_LOAD chunk over the limit", VMFENCE_CMD_POLICY_LOAD,
	  b_text_too_long, -ERANGE, "Attribute failed policy validation", 0, true },
	{ "POLICY_LOAD without final newline", VMFENCE_CMD_POLICY_LOAD,
	  b_text_no_newline, -EINVAL,
	  "policy text must be whole lines, ending with a newline", 0, true },
	{ "POLICY_LOAD empty", VMFENCE_CMD_POLICY_LOAD, b_text_empty, -EINVAL,
	  "policy text must be whole lines, ending with a newline", 0, true },
	{ "POLICY_LOAD outside a transaction", VMFENCE_CMD_POLICY_LOAD, b_text,
	  -ENOENT, "no policy transaction is open", 0, false },
	{ "POLICY_COMMIT outside a transaction", VMFENCE_CMD_POLICY_COMMIT,
	  b_none, -ENOENT, "no policy transaction is open", 0, false },
	{ "POLICY_ABORT outside a transaction", VMFENCE_CMD_POLICY_ABORT,
	  b_none, -ENOENT, "no policy transaction is open", 0, false },
	{ "POLICY_BEGIN with an attribute", VMFENCE_CMD_POLICY_BEGIN, b_text,
	  -EINVAL, "Unknown attribute type", 0, true },
	{ "EVENT is no command", VMFENCE_CMD_EVENT, b_none, -EOPNOTSUPP, NULL,
	  0, false },
	{ "unknown command", 200, b_none, -EOPNOTSUPP, NULL, 0, false },
	{ "genlmsghdr.reserved set", VMFENCE_CMD_STATUS, b_reserved, -EINVAL,
	  "genlmsghdr.reserved field is not 0", 0, false },
};

/* Each malformed request: its errno, its extended ACK, nothing changed. */
TEST_F(nl, malformed_requests_refused)
{
	static struct genl_msg m;
	struct genl_ack ack;
	struct vf_status st;
	size_t i;

	memset(big, 'a', sizeof(big));
	for (i = 0; i < sizeof(bad_requests) / sizeof(bad_requests[0]); i++) {
		const struct bad_request *b = &bad_requests[i];

		vf_msg(&self->s, &m, b->cmd);
		b->build(&m);
		EXPECT_EQ(b->error, genl_do(&self->s, &m, NULL, NULL, &ack))
			TH_LOG("%s: %s", b->name, ack.msg);
		EXPECT_STREQ(b->msg ? b->msg : "", ack.msg) TH_LOG("%s", b->name);
		EXPECT_EQ(b->miss_type, ack.miss_type) TH_LOG("%s", b->name);
		EXPECT_EQ(b->offs, ack.offs != 0) TH_LOG("%s", b->name);
		ASSERT_EQ(0, vf_status(&self->s, &st));
		EXPECT_EQ(self->st.generation, st.generation) TH_LOG("%s", b->name);
		EXPECT_EQ(VMFENCE_POLICY_MODE_ENFORCE, st.mode) TH_LOG("%s", b->name);
		EXPECT_EQ(60, st.threshold) TH_LOG("%s", b->name);
	}
}

/* The writes, as an unprivileged or namespaced caller tries them. */
enum { W_RESCAN, W_SET, W_LOCK, W_RULE_ADD, W_RULE_DEL, W_RULE_DUMP,
	W_BEGIN, W_LOAD, W_COMMIT, W_ABORT, W_GROUP, W_COUNT };

static const char *const write_names[W_COUNT] = {
	"RESCAN", "SET", "LOCK", "RULE_ADD", "RULE_DEL", "RULE_DUMP",
	"POLICY_BEGIN", "POLICY_LOAD", "POLICY_COMMIT", "POLICY_ABORT",
	"join events",
};

struct attempts {
	int open_error, status_error, signals_error;
	uid_t euid;
	int error[W_COUNT];
	char msg[W_COUNT][256];
};

static void try_writes(struct genl_sock *s, struct attempts *a)
{
	static struct genl_msg m;
	static struct signals sigs;
	static struct vf_rule r;
	static struct rules list;
	struct vf_status st;
	struct vf_commit c;
	struct genl_ack ack;
	uint32_t grp = s->events_group;
	int i;

	a->status_error = vf_status(s, &st);
	a->signals_error = dump_signals(s, -1, &sigs, &ack);
	for (i = 0; i < W_COUNT; i++) {
		memset(&ack, 0, sizeof(ack));
		switch (i) {
		case W_RESCAN:
			a->error[i] = vf_simple(s, VMFENCE_CMD_RESCAN, &ack);
			break;
		case W_SET:
			a->error[i] = set(s, VMFENCE_POLICY_MODE_OFF, -1, &ack);
			break;
		case W_LOCK:
			a->error[i] = vf_simple(s, VMFENCE_CMD_LOCK, &ack);
			break;
		case W_RULE_ADD:
			a->error[i] = vf_rule_add(s, SHA_A, &r, &ack);
			break;
		case W_RULE_DEL:
			a->error[i] = vf_rule_del(s, 1, &ack);
			break;
		case W_RULE_DUMP:
			a->error[i] = dump_rules(s, &list, &ack);
			break;
		case W_BEGIN:
			a->error[i] = vf_simple(s, VMFENCE_CMD_POLICY_BEGIN, &ack);
			break;
		case W_LOAD:
			vf_msg(s, &m, VMFENCE_CMD_POLICY_LOAD);
			b_text(&m);
			a->error[i] = genl_do(s, &m, NULL, NULL, &ack);
			break;
		case W_COMMIT:
			a->error[i] = vf_commit(s, &c, &ack);
			break;
		case W_ABORT:
			a->error[i] = vf_simple(s, VMFENCE_CMD_POLICY_ABORT, &ack);
			break;
		case W_GROUP:
			a->error[i] = setsockopt(s->fd, SOL_NETLINK,
						 NETLINK_ADD_MEMBERSHIP, &grp,
						 sizeof(grp)) ? -errno : 0;
			break;
		}
		snprintf(a->msg[i], sizeof(a->msg[i]), "%s", ack.msg);
	}
}

static struct attempts *shared_attempts(void)
{
	void *p = mmap(NULL, sizeof(struct attempts), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

enum who { NOBODY_SOCKET, USERNS_ROOT, ROOT_SOCKET_AFTER_SETUID };

static int write_all(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* In a child: become @who, then try every write. */
static void attempt_as(enum who who, struct attempts *a)
{
	struct genl_sock s;

	if (who == ROOT_SOCKET_AFTER_SETUID)
		a->open_error = genl_open(&s);
	if (who == USERNS_ROOT) {
		if (unshare(CLONE_NEWUSER) ||
		    write_all("/proc/self/setgroups", "deny") ||
		    write_all("/proc/self/uid_map", "0 0 1") ||
		    write_all("/proc/self/gid_map", "0 0 1"))
			_exit(100);
	} else if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		_exit(100);
	}
	a->euid = geteuid();
	if (who != ROOT_SOCKET_AFTER_SETUID)
		a->open_error = genl_open(&s);
	if (a->open_error)
		_exit(101);
	try_writes(&s, a);
	_exit(0);
}

static void check_refused(struct __test_metadata *_metadata,
			  struct genl_sock *s, const struct vf_status *before,
			  enum who who, uid_t euid)
{
	struct attempts *a = shared_attempts();
	struct vf_status st;
	int status, i;
	pid_t pid;

	ASSERT_NE(NULL, a);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		attempt_as(who, a);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status)) TH_LOG("open: %d", a->open_error);
	EXPECT_EQ(euid, a->euid);
	EXPECT_EQ(0, a->status_error);
	EXPECT_EQ(0, a->signals_error);
	for (i = 0; i < W_COUNT; i++) {
		EXPECT_EQ(-EPERM, a->error[i]) TH_LOG("%s", write_names[i]);
		if (i != W_GROUP) {
			EXPECT_STREQ(ADMIN_MSG, a->msg[i]) TH_LOG("%s", write_names[i]);
		}
	}
	ASSERT_EQ(0, vf_status(s, &st));
	EXPECT_EQ(before->generation, st.generation);
	EXPECT_EQ(before->scan_count, st.scan_count);
	EXPECT_EQ(0, st.locked);
	munmap(a, sizeof(*a));
}

/* nobody may read the status, and change nothing. */
TEST_F(nl, writes_refused_to_nobody)
{
	check_refused(_metadata, &self->s, &self->st, NOBODY_SOCKET, NOBODY);
}

/* Root in a new user namespace has every capability there, and no right here. */
TEST_F(nl, writes_refused_to_root_in_user_namespace)
{
	check_refused(_metadata, &self->s, &self->st, USERNS_ROOT, 0);
}

/* A socket root opened is refused once its user is no longer root. */
TEST_F(nl, writes_refused_on_root_socket_after_setuid)
{
	check_refused(_metadata, &self->s, &self->st, ROOT_SOCKET_AFTER_SETUID,
		      NOBODY);
}

/* Root may join the events group. */
TEST_F(nl, events_group_for_root)
{
	uint32_t grp = self->s.events_group;

	EXPECT_EQ(0, setsockopt(self->s.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				&grp, sizeof(grp)));
}

/* A replace in two chunks: rules and settings, in one new generation. */
TEST_F(nl, policy_replace)
{
	static const char text[] =
		"# a policy\n"
		"mode audit\n"
		"threshold 70\n"
		SHA_A "\n"
		"\n"
		"deny exec path=/opt/vmfence-test/bin  # a comment\n"
		"audit module name=vmfence_nl_test on=kvm,qemu\n";
	static struct rules list;
	struct genl_ack ack;
	struct vf_commit c;
	struct vf_status st;

	/* Chunks of 64 bytes cut at line ends: several POLICY_LOADs. */
	ASSERT_EQ(0, replace(&self->s, text, 64, &c, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_EQ(self->st.generation + 1, c.generation);
	EXPECT_EQ(3, c.rule_count);
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(c.generation, st.generation);
	EXPECT_EQ(3, st.rule_count);
	EXPECT_EQ(VMFENCE_POLICY_MODE_AUDIT, st.mode);
	EXPECT_EQ(70, st.threshold);

	ASSERT_EQ(0, dump_rules(&self->s, &list, &ack));
	ASSERT_EQ(3, list.n);
	EXPECT_EQ(c.generation, list.generation);
	EXPECT_STREQ(SHA_A, list.texts[0]);
	EXPECT_STREQ("deny exec path=/opt/vmfence-test/bin", list.texts[1]);
	EXPECT_STREQ("audit module name=vmfence_nl_test on=kvm,qemu", list.texts[2]);
}

/* One transaction at a time, owned by its socket, dropped when it closes. */
TEST_F(nl, policy_transaction_ownership)
{
	struct genl_sock a, b;
	struct genl_ack ack;
	struct vf_commit c;

	ASSERT_EQ(0, genl_open(&a));
	ASSERT_EQ(0, genl_open(&b));
	ASSERT_EQ(0, vf_simple(&a, VMFENCE_CMD_POLICY_BEGIN, &ack));
	EXPECT_EQ(-EBUSY, vf_simple(&a, VMFENCE_CMD_POLICY_BEGIN, &ack));
	EXPECT_STREQ("this socket has a policy transaction open already", ack.msg);
	EXPECT_EQ(-EBUSY, vf_simple(&b, VMFENCE_CMD_POLICY_BEGIN, &ack));
	EXPECT_STREQ("another socket has a policy transaction open", ack.msg);
	EXPECT_EQ(-EBUSY, vf_load(&b, "mode off\n", 9, &ack));
	EXPECT_STREQ("another socket owns the policy transaction", ack.msg);
	EXPECT_EQ(-EBUSY, vf_commit(&b, &c, &ack));
	EXPECT_EQ(-EBUSY, vf_simple(&b, VMFENCE_CMD_POLICY_ABORT, &ack));
	EXPECT_EQ(0, vf_load(&a, "mode off\n", 9, &ack));

	/* Closing a's socket drops its transaction: b may begin. */
	genl_close(&a);
	EXPECT_EQ(0, vf_simple(&b, VMFENCE_CMD_POLICY_BEGIN, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_EQ(0, vf_simple(&b, VMFENCE_CMD_POLICY_ABORT, &ack));
	EXPECT_EQ(-ENOENT, vf_commit(&b, &c, &ack));
	genl_close(&b);
	EXPECT_EQ(self->st.generation, vf_generation(&self->s));
}

/*
 * An error in a later chunk is reported at its line in the whole text; the
 * transaction is dropped and the running policy untouched.
 */
TEST_F(nl, policy_error_position_across_chunks)
{
	static const char one[] = "mode audit\n# two\n" SHA_A "\n";
	static const char two[] = "\ndeny exce path=/x\n";
	struct genl_ack ack;
	struct vf_commit c;
	struct vf_status st;

	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_POLICY_BEGIN, &ack));
	ASSERT_EQ(0, vf_load(&self->s, one, strlen(one), &ack));
	EXPECT_EQ(-EINVAL, vf_load(&self->s, two, strlen(two), &ack));
	ASSERT_TRUE(ack.has_cookie);
	EXPECT_EQ(5, ack.cookie.line);
	EXPECT_EQ(6, ack.cookie.column);
	EXPECT_NE(0, ack.offs);
	if (formatted_extack()) {
		EXPECT_EQ(0, strncmp("5:6: ", ack.msg, 5)) TH_LOG("%s", ack.msg);
	} else {
		EXPECT_STREQ("malformed policy text", ack.msg);
	}
	EXPECT_EQ(-ENOENT, vf_commit(&self->s, &c, &ack));

	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(self->st.generation, st.generation);
	EXPECT_EQ(VMFENCE_POLICY_MODE_ENFORCE, st.mode);
	EXPECT_EQ(0, st.rule_count);
}

/* The same match in two chunks is a duplicate, at the second's line. */
TEST_F(nl, policy_duplicate_across_chunks)
{
	struct genl_ack ack;

	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_POLICY_BEGIN, &ack));
	ASSERT_EQ(0, vf_load(&self->s, SHA_A "\n", strlen(SHA_A) + 1, &ack));
	EXPECT_EQ(-EEXIST, vf_load(&self->s, SHA_A "\n", strlen(SHA_A) + 1, &ack));
	ASSERT_TRUE(ack.has_cookie);
	EXPECT_EQ(2, ack.cookie.line);
	if (!formatted_extack()) {
		EXPECT_STREQ("duplicate match or setting", ack.msg);
	}
	EXPECT_EQ(self->st.generation, vf_generation(&self->s));
}

/* ABORT drops the transaction; nothing changes. */
TEST_F(nl, policy_abort)
{
	struct genl_ack ack;
	struct vf_commit c;

	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_POLICY_BEGIN, &ack));
	ASSERT_EQ(0, vf_load(&self->s, "mode off\n", 9, &ack));
	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_POLICY_ABORT, &ack));
	EXPECT_EQ(-ENOENT, vf_commit(&self->s, &c, &ack));
	EXPECT_EQ(self->st.generation, vf_generation(&self->s));
}

#define OLD_RULES	10
#define NEW_RULES	100000

/* A policy of @n digest rules, distinct per @seed. */
static char *digest_policy(int n, int seed)
{
	size_t line = strlen("deny exec sha256=") + 64 + 1;
	char *text = malloc(n * line + 1), *p = text;
	int i;

	if (!text)
		return NULL;
	for (i = 0; i < n; i++)
		p += sprintf(p, "deny exec sha256=%08x%056x\n", seed, i);
	return text;
}

struct reader {
	atomic_bool stop;
	atomic_bool loading;	/* set while the transaction is open */
	long polls, polls_while_loading, errors;
	long seen_old, seen_new, seen_other;
	uint32_t other;
};

/* Poll STATUS's rule count until told to stop. */
static void *reader_thread(void *arg)
{
	struct reader *r = arg;
	struct genl_sock s;
	struct vf_status st;

	if (genl_open(&s)) {
		r->errors++;
		return NULL;
	}
	while (!atomic_load(&r->stop)) {
		bool loading = atomic_load(&r->loading);

		if (vf_status(&s, &st)) {
			r->errors++;
			continue;
		}
		r->polls++;
		r->polls_while_loading += loading;
		if (st.rule_count == OLD_RULES) {
			r->seen_old++;
		} else if (st.rule_count == NEW_RULES) {
			r->seen_new++;
		} else {
			r->seen_other++;
			r->other = st.rule_count;
		}
	}
	genl_close(&s);
	return NULL;
}

/*
 * 100,000 rules replace 10 in one step: a reader polling all along sees 10,
 * then 100,000, never anything between; the dump that follows lists every
 * rule of one generation.
 */
TEST_F_TIMEOUT(nl, replace_100000_rules_atomically, 1800)
{
	static struct reader r;
	static struct rules list;
	char *old = digest_policy(OLD_RULES, 1);
	char *text = digest_policy(NEW_RULES, 2);
	size_t len, off = 0, n;
	struct genl_ack ack;
	struct vf_commit c;
	struct vf_status st;
	pthread_t t;

	ASSERT_NE(NULL, old);
	ASSERT_NE(NULL, text);
	ASSERT_EQ(0, replace(&self->s, old, VMFENCE_POLICY_CHUNK_MAX, &c, &ack));
	ASSERT_EQ(OLD_RULES, c.rule_count);

	ASSERT_EQ(0, pthread_create(&t, NULL, reader_thread, &r));
	ASSERT_EQ(0, vf_simple(&self->s, VMFENCE_CMD_POLICY_BEGIN, &ack));
	atomic_store(&r.loading, true);
	len = strlen(text);
	while (off < len) {
		n = vf_chunk(text + off, len - off, VMFENCE_POLICY_CHUNK_MAX);
		ASSERT_EQ(0, vf_load(&self->s, text + off, n, &ack)) TH_LOG("%s", ack.msg);
		off += n;
	}
	/* Until the commit, readers see the old policy. */
	while (!r.polls_while_loading && !r.errors)
		usleep(1000);
	atomic_store(&r.loading, false);
	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(OLD_RULES, st.rule_count);

	ASSERT_EQ(0, vf_commit(&self->s, &c, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_EQ(NEW_RULES, c.rule_count);
	while (!r.seen_new && !r.errors)
		usleep(1000);
	atomic_store(&r.stop, true);
	pthread_join(t, NULL);

	TH_LOG("reader: %ld polls (%ld while loading), %ld old, %ld new",
	       r.polls, r.polls_while_loading, r.seen_old, r.seen_new);
	EXPECT_EQ(0, r.errors);
	EXPECT_EQ(0, r.seen_other) TH_LOG("the reader saw %u rules", r.other);
	EXPECT_LT(0, r.polls_while_loading);
	EXPECT_LT(0, r.seen_old);
	EXPECT_LT(0, r.seen_new);

	ASSERT_EQ(0, vf_status(&self->s, &st));
	EXPECT_EQ(NEW_RULES, st.rule_count);
	EXPECT_EQ(c.generation, st.generation);
	ASSERT_EQ(0, dump_rules(&self->s, &list, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_EQ(NEW_RULES, list.n);
	EXPECT_EQ(c.generation, list.generation);
	EXPECT_FALSE(list.mixed_generations);
	EXPECT_FALSE(list.ids_unordered);
	EXPECT_FALSE(ack.dump_intr);
	free(old);
	free(text);
}

#define BASE_RULES	50
#define ADDED_RULES	100

struct writer {
	struct genl_sock s;
	atomic_int added;
	int error;
	char msg[256];
};

/* Add rules one at a time: each is a generation of its own. */
static void *writer_thread(void *arg)
{
	static struct vf_rule rule;
	struct writer *w = arg;
	struct genl_ack ack;
	char text[128];
	int i;

	for (i = 0; i < ADDED_RULES; i++) {
		snprintf(text, sizeof(text), "deny exec sha256=%08x%056x", 3, i);
		w->error = vf_rule_add(&w->s, text, &rule, &ack);
		if (w->error) {
			snprintf(w->msg, sizeof(w->msg), "%s", ack.msg);
			break;
		}
		atomic_fetch_add(&w->added, 1);
	}
	return NULL;
}

/*
 * While rules are added one by one, every dump is one generation: all its
 * messages carry it, and it lists exactly the rules that generation has.
 */
TEST_F_TIMEOUT(nl, dumps_consistent_while_rules_change, 600)
{
	static struct rules list;
	static struct writer w;
	char *base = digest_policy(BASE_RULES, 4);
	struct genl_ack ack;
	struct vf_commit c;
	uint64_t gen0;
	int dumps = 0;
	pthread_t t;

	ASSERT_NE(NULL, base);
	ASSERT_EQ(0, replace(&self->s, base, VMFENCE_POLICY_CHUNK_MAX, &c, &ack));
	gen0 = c.generation;
	ASSERT_EQ(0, genl_open(&w.s));
	ASSERT_EQ(0, pthread_create(&t, NULL, writer_thread, &w));
	do {
		ASSERT_EQ(0, dump_rules(&self->s, &list, &ack)) TH_LOG("%s", ack.msg);
		dumps++;
		EXPECT_FALSE(list.mixed_generations);
		EXPECT_FALSE(list.ids_unordered);
		EXPECT_EQ(BASE_RULES + (list.generation - gen0), list.n)
			TH_LOG("generation %llu", (unsigned long long)list.generation);
	} while (atomic_load(&w.added) < ADDED_RULES && !w.error);
	pthread_join(t, NULL);
	EXPECT_EQ(0, w.error) TH_LOG("%s", w.msg);
	EXPECT_LE(2, dumps);
	ASSERT_EQ(0, dump_rules(&self->s, &list, &ack));
	EXPECT_EQ(BASE_RULES + ADDED_RULES, list.n);
	genl_close(&w.s);
	free(base);
}

static int open_for_write(void *arg)
{
	int fd = open(arg, O_WRONLY);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno == EACCES ? 0 : 2;
}

/* The settings files: root may write them, everyone may read them. */
TEST(sysfs_settings_permissions)
{
	static const struct { const char *name; mode_t mode; } files[] = {
		{ "mode", 0644 }, { "threshold", 0644 }, { "locked", 0644 },
		{ "rescan", 0200 },
	};
	char path[128];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), SYSFS "/%s", files[i].name);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_EQ(files[i].mode, st.st_mode & 07777) TH_LOG("%s", path);
		EXPECT_EQ(0, st.st_uid) TH_LOG("%s", path);
		EXPECT_EQ(0, as_nobody(open_for_write, path)) TH_LOG("%s", path);
	}
}

TEST_HARNESS_MAIN
