/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rule_check.h - policy grammar checks shared by KUnit and userspace
 *
 * Each check runs one case from rule_cases.h against the core parser and
 * printer and returns true, or false with the reason in rule_work.why. The
 * kernel and userspace runners differ only in how they report.
 */
#ifndef VMFENCE_TESTS_RULE_CHECK_H
#define VMFENCE_TESTS_RULE_CHECK_H

#include "../core/ids.h"
#include "rule_cases.h"

#define RULE_SINK_RULES 8
/* The canonical text of the longest bind-tpm list, NUL included. */
#define RULE_BIND_TEXT_MAX \
	(65 * VMFENCE_BIND_TPM_MAX + 20 * (VMFENCE_BIND_TPM_MAX / 256 + 1))

/**
 * struct rule_sink - what a policy's callback received
 * @dedup: refuse a rule whose match an earlier rule has, with -EEXIST
 * @n: rules received
 * @rules: copies of them, their values in @pool
 * @pool: the values
 * @pool_len: bytes used in @pool
 * @text: each rule's canonical text and a newline, in order
 * @text_len: bytes used in @text
 * @nr_bind: EKs received from bind-tpm lines
 * @bind: those EKs, sorted as the kernel's store keeps them
 */
struct rule_sink {
	bool dedup;
	u32 n;
	struct vmfence_rule rules[RULE_SINK_RULES];
	char pool[2 * VMFENCE_PATH_MAX];
	size_t pool_len;
	char text[2 * VMFENCE_PATH_MAX + 512];
	size_t text_len;
	u32 nr_bind;
	u8 bind[VMFENCE_BIND_TPM_MAX * VMFENCE_SHA256_SIZE];
};

/**
 * struct rule_work - the memory a check uses; too large for a stack
 * @parser: the whole-policy parser
 * @sink: what the first and the second parse of a round trip received
 * @rule: a single rule
 * @error: a single rule's error
 * @scratch: the parser's scratch buffer
 * @text: input built by a check, or a printed rule
 * @canon: canonical text of the first and the second parse
 * @big: input built by a check, too long for @text
 * @why: the reason a check failed
 */
struct rule_work {
	struct vmfence_policy_parser parser;
	struct rule_sink sink[2];
	struct vmfence_rule rule;
	struct vmfence_parse_error error;
	char scratch[VMFENCE_PATH_MAX];
	char text[VMFENCE_RULE_TEXT_MAX + 64];
	char canon[2][sizeof(((struct rule_sink *)0)->text) + RULE_BIND_TEXT_MAX + 64];
	char big[RULE_BIND_TEXT_MAX + 128];
	char why[256];
};

/* Fail the check with a printf-style reason. */
#define rule_why(w, ...) ({						\
	struct rule_work *w_ = (w);					\
									\
	snprintf(w_->why, sizeof(w_->why), __VA_ARGS__);		\
	false;								\
})

/* The vmfence_policy_parser.rule callback that fills a struct rule_sink. */
static inline int rule_sink_add(void *ctx, const struct vmfence_rule *rule)
{
	struct rule_sink *sink = ctx;
	struct vmfence_rule *copy;
	size_t room;
	u32 i;
	int n;

	for (i = 0; sink->dedup && i < sink->n; i++)
		if (vmfence_rule_same_match(&sink->rules[i], rule))
			return -EEXIST;
	if (sink->n == RULE_SINK_RULES ||
	    rule->value_len > sizeof(sink->pool) - sink->pool_len)
		return -ENOSPC;
	room = sizeof(sink->text) - sink->text_len;
	n = vmfence_rule_print(rule, sink->text + sink->text_len, room);
	if (n < 0 || (size_t)n + 1 >= room)
		return -ENOSPC;
	sink->text_len += n;
	sink->text[sink->text_len++] = '\n';
	sink->text[sink->text_len] = '\0';

	copy = &sink->rules[sink->n++];
	*copy = *rule;
	if (rule->value_len)
		memcpy(sink->pool + sink->pool_len, rule->value, rule->value_len);
	copy->value = sink->pool + sink->pool_len;
	sink->pool_len += rule->value_len;
	return 0;
}

/*
 * The vmfence_policy_parser.bind callback that fills a struct rule_sink as
 * the kernel's builder does: sorted, duplicates refused, bounded.
 */
static inline int rule_sink_bind(void *ctx, const u8 *ek_sha256)
{
	struct rule_sink *sink = ctx;

	if (sink->nr_bind == VMFENCE_BIND_TPM_MAX)
		return -ENOSPC;
	return vmfence_bind_insert(sink->bind, &sink->nr_bind, ek_sha256);
}

/*
 * Parse @text into sink @i, and write the policy's canonical text, settings,
 * then the bind-tpm list, then rules, to canon[@i]. Return the parse's
 * result.
 */
static inline int rule_parse_into(struct rule_work *w, int i, bool dedup,
				  const char *text, size_t len)
{
	struct rule_sink *sink = &w->sink[i];
	int ret, n, m;

	memset(sink, 0, sizeof(*sink));
	sink->dedup = dedup;
	w->parser.rule = rule_sink_add;
	w->parser.bind = rule_sink_bind;
	w->parser.ctx = sink;
	w->parser.scratch = w->scratch;
	ret = vmfence_policy_parse(&w->parser, text, len);
	if (ret)
		return ret;
	if (w->parser.settings.nr_bind != sink->nr_bind)
		return -EPROTO;
	n = vmfence_settings_print(&w->parser.settings, w->canon[i],
				   sizeof(w->canon[i]));
	if (n < 0)
		return -ENOSPC;
	m = vmfence_bind_print(sink->bind, sink->nr_bind, w->canon[i] + n,
			       sizeof(w->canon[i]) - n);
	if (m < 0 || (size_t)n + m + sink->text_len >= sizeof(w->canon[i]))
		return -ENOSPC;
	memcpy(w->canon[i] + n + m, sink->text, sink->text_len + 1);
	return 0;
}

/* The error the parser gave is exactly the one expected. */
static inline bool rule_check_error_is(struct rule_work *w, int ret,
				       const struct vmfence_parse_error *e,
				       u32 line, u32 col, const char *msg)
{
	if (!ret)
		return rule_why(w, "accepted; expected %u:%u: %.80s", line, col, msg);
	if (e->err != ret)
		return rule_why(w, "returned %d, error says %d", ret, e->err);
	if (e->line != line || e->col != col || strcmp(e->msg, msg))
		return rule_why(w, "got %u:%u: %.80s; expected %u:%u: %.80s",
				e->line, e->col, e->msg, line, col, msg);
	return true;
}

/* A policy the parser must refuse with the case's error. */
static inline bool rule_check_error(struct rule_work *w,
				    const struct rule_error_case *c)
{
	int ret = rule_parse_into(w, 0, c->dedup, c->text, c->len);

	return rule_check_error_is(w, ret, &w->parser.error, c->line, c->col,
				   c->msg);
}

/* A single rule the parser must refuse with the case's error. */
static inline bool rule_check_single_error(struct rule_work *w,
					   const struct rule_error_case *c)
{
	int ret = vmfence_rule_parse(c->text, c->len, w->scratch, &w->rule,
				     &w->error);

	return rule_check_error_is(w, ret, &w->error, c->line, c->col, c->msg);
}

/*
 * A valid policy: it parses to @nr_rules rules and prints as @canonical
 * (unless NULL), and the printed text parses to the same policy and prints
 * the same again.
 */
static inline bool rule_check_round_trip(struct rule_work *w, const char *text,
					 size_t len, const char *canonical,
					 u32 nr_rules)
{
	struct vmfence_settings settings;
	u32 i;
	int ret;

	ret = rule_parse_into(w, 0, true, text, len);
	if (ret)
		return rule_why(w, "refused: %u:%u: %.80s", w->parser.error.line,
				w->parser.error.col, w->parser.error.msg);
	if (w->parser.nr_rules != nr_rules || w->sink[0].n != nr_rules)
		return rule_why(w, "%u rules; expected %u", w->parser.nr_rules,
				nr_rules);
	if (canonical && strcmp(w->canon[0], canonical))
		return rule_why(w, "printed \"%.80s\"; expected \"%.80s\"", w->canon[0],
				canonical);
	settings = w->parser.settings;

	ret = rule_parse_into(w, 1, true, w->canon[0], strlen(w->canon[0]));
	if (ret)
		return rule_why(w, "printed text refused: %u:%u: %.80s",
				w->parser.error.line, w->parser.error.col,
				w->parser.error.msg);
	if (!vmfence_settings_equal(&settings, &w->parser.settings))
		return rule_why(w, "settings differ after printing");
	if (w->sink[1].n != w->sink[0].n)
		return rule_why(w, "%u rules after printing; expected %u",
				w->sink[1].n, w->sink[0].n);
	if (w->sink[1].nr_bind != w->sink[0].nr_bind ||
	    memcmp(w->sink[0].bind, w->sink[1].bind,
		   w->sink[0].nr_bind * VMFENCE_SHA256_SIZE))
		return rule_why(w, "bind-tpm list differs after printing");
	for (i = 0; i < w->sink[0].n; i++)
		if (!vmfence_rule_equal(&w->sink[0].rules[i], &w->sink[1].rules[i]))
			return rule_why(w, "rule %u differs after printing", i + 1);
	if (strcmp(w->canon[0], w->canon[1]))
		return rule_why(w, "printed \"%.80s\", then \"%.80s\"", w->canon[0],
				w->canon[1]);
	return true;
}

static inline bool rule_check_good(struct rule_work *w,
				   const struct rule_good_case *c)
{
	return rule_check_round_trip(w, c->text, c->len, c->canonical,
				     c->nr_rules);
}

/* A line built from a repeated byte: refused as expected, or round-trips. */
static inline bool rule_check_long(struct rule_work *w,
				   const struct rule_long_case *c)
{
	size_t pre = strlen(c->prefix), post = strlen(c->suffix);
	size_t len = pre + c->count + post;
	int ret;

	if (len > sizeof(w->text))
		return rule_why(w, "case does not fit");
	memcpy(w->text, c->prefix, pre);
	memset(w->text + pre, c->fill, c->count);
	memcpy(w->text + pre + c->count, c->suffix, post);
	if (!c->msg)
		return rule_check_round_trip(w, w->text, len, NULL,
					     c->prefix[0] != '#');
	ret = rule_parse_into(w, 0, false, w->text, len);
	return rule_check_error_is(w, ret, &w->parser.error, 1, c->col, c->msg);
}

/* Parse the rule's printed text as a single rule: it must give @rule back. */
static inline bool rule_check_reparse(struct rule_work *w,
				      const struct vmfence_rule *rule,
				      int expected_len)
{
	int n = vmfence_rule_print(rule, w->text, sizeof(w->text));
	int ret;

	if (n < 0 || n >= VMFENCE_RULE_TEXT_MAX || n > VMFENCE_LINE_MAX)
		return rule_why(w, "printed %d bytes", n);
	if (expected_len >= 0 && n != expected_len)
		return rule_why(w, "printed %d bytes; expected %d", n, expected_len);
	ret = vmfence_rule_parse(w->text, n, w->scratch, &w->rule, &w->error);
	if (ret)
		return rule_why(w, "printed rule refused: %u:%u: %.80s",
				w->error.line, w->error.col, w->error.msg);
	if (!vmfence_rule_equal(rule, &w->rule))
		return rule_why(w, "printed rule parses to another rule");
	return true;
}

/*
 * The longest canonical rule: a path of VMFENCE_PATH_MAX bytes that all
 * need escaping but the first, and every condition. It is 16,528 bytes, as
 * rule.h says, and parses back.
 */
static inline bool rule_check_longest(struct rule_work *w)
{
	char *path = w->canon[0];
	struct vmfence_rule rule = {
		.action = VMFENCE_RULE_ACTION_AUDIT,
		.target = VMFENCE_RULE_TARGET_EXEC,
		.match = VMFENCE_RULE_MATCH_PATH,
		.value = path,
		.value_len = VMFENCE_PATH_MAX,
		.on_hv = ((1u << VMFENCE_HV_COUNT) - 1) & ~(1u << VMFENCE_HV_NONE),
		.allow_cc = ((1u << VMFENCE_CC_COUNT) - 1) & ~(1u << VMFENCE_CC_NONE),
	};

	path[0] = '/';
	memset(path + 1, 0xff, VMFENCE_PATH_MAX - 1);
	return rule_check_reparse(w, &rule, 16528);
}

/* Every byte but NUL and '/' survives printing and parsing in a path. */
static inline bool rule_check_every_byte(struct rule_work *w)
{
	char *path = w->canon[0];
	struct vmfence_rule rule = {
		.match = VMFENCE_RULE_MATCH_PATH,
		.value = path,
	};
	int c;

	path[rule.value_len++] = '/';
	for (c = 1; c < 256; c++)
		if (c != '/')
			path[rule.value_len++] = c;
	return rule_check_reparse(w, &rule, -1);
}

/* The printer follows snprintf(): it counts what does not fit. */
static inline bool rule_check_truncation(struct rule_work *w)
{
	struct vmfence_rule rule = {
		.match = VMFENCE_RULE_MATCH_LABEL,
		.value = "secret",
		.value_len = 6,
	};
	char buf[8];

	if (vmfence_rule_print(&rule, NULL, 0) != 22)
		return rule_why(w, "no buffer: not the full length");
	if (vmfence_rule_print(&rule, buf, sizeof(buf)) != 22 ||
	    strcmp(buf, "deny ex"))
		return rule_why(w, "short buffer: got \"%.80s\"", buf);
	return true;
}

/* Rules and settings out of range are refused, not printed. */
static inline bool rule_check_print_invalid(struct rule_work *w)
{
	struct vmfence_rule rule = { .match = VMFENCE_RULE_MATCH_SHA256 };
	struct vmfence_settings settings = {
		.present = VMFENCE_SETTING_THRESHOLD, .threshold = 101,
	};

	if (vmfence_rule_print(&rule, w->text, sizeof(w->text)) < 0)
		return rule_why(w, "valid rule refused");
	rule.action = VMFENCE_RULE_ACTION_COUNT;
	if (vmfence_rule_print(&rule, w->text, sizeof(w->text)) != -EINVAL)
		return rule_why(w, "action out of range printed");
	rule.action = 0;
	rule.on_hv = 1u << VMFENCE_HV_COUNT;
	if (vmfence_rule_print(&rule, w->text, sizeof(w->text)) != -EINVAL)
		return rule_why(w, "hypervisor out of range printed");
	if (vmfence_settings_print(&settings, w->text, sizeof(w->text)) != -EINVAL)
		return rule_why(w, "threshold out of range printed");
	return true;
}

/* A parse without a scratch buffer is refused before reading the text. */
static inline bool rule_check_no_scratch(struct rule_work *w)
{
	struct vmfence_policy_parser parser = { 0 };

	if (vmfence_policy_parse(&parser, "lock", 4) != -EINVAL ||
	    vmfence_rule_parse("deny exec path=/x", 17, NULL, &w->rule,
			       &w->error) != -EINVAL)
		return rule_why(w, "parsed without a scratch buffer");
	return true;
}

/* A single rule may carry blanks and a comment; it prints without them. */
static inline bool rule_check_single_ok(struct rule_work *w)
{
	static const char text[] = "  deny exec path=\"/a b\"\ton=kvm  # c";
	const char *canonical = "deny exec path=\"/a b\" on=kvm";
	int ret;

	ret = vmfence_rule_parse(text, sizeof(text) - 1, w->scratch, &w->rule,
				 &w->error);
	if (ret)
		return rule_why(w, "refused: %u:%u: %.80s", w->error.line,
				w->error.col, w->error.msg);
	if (w->rule.value != w->scratch || w->rule.value_len != 4 ||
	    w->rule.on_hv != 1u << VMFENCE_HV_KVM || w->rule.line != 1)
		return rule_why(w, "wrong rule fields");
	vmfence_rule_print(&w->rule, w->text, sizeof(w->text));
	if (strcmp(w->text, canonical))
		return rule_why(w, "printed \"%.80s\"", w->text);
	return true;
}

/* The @i-th EK of a generated fleet: distinct for distinct @i. */
static inline void rule_fleet_ek(u32 i, u8 *ek)
{
	memset(ek, 0xab, VMFENCE_SHA256_SIZE);
	ek[0] = i >> 8;
	ek[1] = i;
}

/*
 * Write a bind-tpm list of @n generated EKs, in descending order and in
 * upper case, on lines of @per_line, to w->big. Return its length.
 */
static inline size_t rule_fleet_text(struct rule_work *w, u32 n, u32 per_line)
{
	static const char hex[] = "0123456789ABCDEF";
	u8 ek[VMFENCE_SHA256_SIZE];
	size_t len = 0;
	u32 i, j;

	for (i = 0; i < n; i++) {
		if (i % per_line == 0) {
			memcpy(w->big + len, "bind-tpm ek-sha256=", 19);
			len += 19;
		} else {
			w->big[len++] = ',';
		}
		rule_fleet_ek(n - 1 - i, ek);
		for (j = 0; j < VMFENCE_SHA256_SIZE; j++) {
			w->big[len++] = hex[ek[j] >> 4];
			w->big[len++] = hex[ek[j] & 0xf];
		}
		if (i % per_line == per_line - 1 || i == n - 1)
			w->big[len++] = '\n';
	}
	return len;
}

/*
 * The longest bind-tpm list: VMFENCE_BIND_TPM_MAX EKs over several lines
 * parse, sort, print in lower case on lines of VMFENCE_BIND_TPM_PER_LINE
 * within VMFENCE_LINE_MAX, and parse back; one more is refused at its
 * column, and a line of them all is refused as too long.
 */
static inline bool rule_check_bind_max(struct rule_work *w)
{
	size_t len = rule_fleet_text(w, VMFENCE_BIND_TPM_MAX, 200);
	u8 ek[VMFENCE_SHA256_SIZE];
	u32 i;
	int ret, n;

	ret = rule_parse_into(w, 0, true, w->big, len);
	if (ret)
		return rule_why(w, "refused: %u:%u: %.80s", w->parser.error.line,
				w->parser.error.col, w->parser.error.msg);
	if (w->parser.settings.nr_bind != VMFENCE_BIND_TPM_MAX)
		return rule_why(w, "%u EKs", w->parser.settings.nr_bind);
	for (i = 0; i < VMFENCE_BIND_TPM_MAX; i++) {
		rule_fleet_ek(i, ek);
		if (memcmp(w->sink[0].bind + i * VMFENCE_SHA256_SIZE, ek, sizeof(ek)))
			return rule_why(w, "EK %u out of order", i);
	}
	n = vmfence_bind_print(w->sink[0].bind, VMFENCE_BIND_TPM_MAX, NULL, 0);
	if (n + 1 > RULE_BIND_TEXT_MAX || strlen(w->canon[0]) != (size_t)n)
		return rule_why(w, "printed %d bytes", n);
	if (strncmp(w->canon[0], "bind-tpm ek-sha256=0000abab", 27) ||
	    w->canon[0][65 * VMFENCE_BIND_TPM_PER_LINE + 18] != '\n')
		return rule_why(w, "printed \"%.40s\"", w->canon[0]);
	if (!rule_check_round_trip(w, w->big, len, NULL, 0))
		return false;

	len = rule_fleet_text(w, VMFENCE_BIND_TPM_MAX + 1, 200);
	ret = rule_parse_into(w, 0, true, w->big, len);
	if (!rule_check_error_is(w, ret, &w->parser.error, 6, 19 + 24 * 65 + 1,
				 "bind-tpm: more than 1024 EKs"))
		return false;
	/* Without a callback the parser still counts. */
	w->parser.bind = NULL;
	w->parser.rule = NULL;
	ret = vmfence_policy_parse(&w->parser, w->big, len);
	if (!rule_check_error_is(w, ret, &w->parser.error, 6, 19 + 24 * 65 + 1,
				 "bind-tpm: more than 1024 EKs"))
		return false;

	len = rule_fleet_text(w, 600, 600);
	ret = rule_parse_into(w, 0, true, w->big, len);
	return rule_check_error_is(w, ret, &w->parser.error, 1, VMFENCE_LINE_MAX + 1,
				   "line longer than 32768 bytes");
}

/* The bind list's helpers: sorted insert, search, truncated print. */
static inline bool rule_check_bind_helpers(struct rule_work *w)
{
	u8 *list = w->sink[0].bind, ek[VMFENCE_SHA256_SIZE];
	u32 n = 0, i;
	char buf[8];

	for (i = 0; i < 5; i++) {
		rule_fleet_ek((i * 3) % 5, ek);
		if (vmfence_bind_insert(list, &n, ek))
			return rule_why(w, "insert %u refused", i);
	}
	if (vmfence_bind_insert(list, &n, ek) != -EEXIST || n != 5)
		return rule_why(w, "duplicate inserted");
	for (i = 0; i < 5; i++) {
		rule_fleet_ek(i, ek);
		if (!vmfence_bind_find(list, n, ek) ||
		    memcmp(list + i * VMFENCE_SHA256_SIZE, ek, sizeof(ek)))
			return rule_why(w, "EK %u not found in place", i);
	}
	rule_fleet_ek(5, ek);
	if (vmfence_bind_find(list, n, ek) || vmfence_bind_find(list, 0, ek))
		return rule_why(w, "absent EK found");
	if (vmfence_bind_print(list, 1, buf, sizeof(buf)) != 19 + 64 + 1 ||
	    strcmp(buf, "bind-tp"))
		return rule_why(w, "short buffer: got \"%.8s\"", buf);
	if (vmfence_bind_print(list, 0, buf, sizeof(buf)) != 0 || buf[0])
		return rule_why(w, "empty list printed");
	if (vmfence_bind_print(list, VMFENCE_BIND_TPM_MAX + 1, buf, sizeof(buf)) != -EINVAL)
		return rule_why(w, "list too long printed");
	return true;
}

#endif /* VMFENCE_TESTS_RULE_CHECK_H */
