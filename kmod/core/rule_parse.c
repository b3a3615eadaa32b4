// SPDX-License-Identifier: GPL-2.0
/* rule_parse.c - parse policy text: rules, settings, comments */

#include "ids.h"
#include "rule_parse.h"

/* One line of text being parsed; @pos is the next byte. */
struct lexer {
	const char *s;
	size_t len;
	size_t pos;
	u32 line;
	char *scratch;
	struct vmfence_parse_error *error;
};

static int fail_at(struct lexer *lx, size_t at)
{
	lx->error->line = lx->line;
	lx->error->col = at + 1;
	lx->error->err = -EINVAL;
	return -EINVAL;
}

/* Refuse the text at byte @at of the line with a printf-style message. */
#define fail(lx, at, ...) ({						\
	struct lexer *lx_ = (lx);					\
									\
	snprintf(lx_->error->msg, sizeof(lx_->error->msg), __VA_ARGS__); \
	fail_at(lx_, at);						\
})

/* How a word from the text appears in a message: escaped and cut short. */
#define SHOW_SIZE 40

static const char *show_word(char *buf, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		u8 c = s[i];

		if (n + 4 > SHOW_SIZE - 4) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (c >= ' ' && c < 0x7f && c != '\\' && c != '\'') {
			buf[n++] = c;
		} else {
			buf[n++] = '\\';
			buf[n++] = 'x';
			buf[n++] = hex[c >> 4];
			buf[n++] = hex[c & 0xf];
		}
	}
	buf[n] = '\0';
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void skip_blanks(struct lexer *lx)
{
	while (lx->pos < lx->len && is_blank(lx->s[lx->pos]))
		lx->pos++;
}

/* At the end of the statement: end of line, or a comment. */
static bool at_end(const struct lexer *lx)
{
	return lx->pos == lx->len || lx->s[lx->pos] == '#';
}

static size_t word_end(const struct lexer *lx)
{
	size_t end = lx->pos;

	while (end < lx->len && !is_blank(lx->s[end]))
		end++;
	return end;
}

static int word_index(const char *const *names, int count, const char *s,
		      size_t len)
{
	int i;

	for (i = 0; i < count; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], s, len))
			return i;
	return -1;
}

/* Take the next word, which must be one of @names; advance past it. */
static int take_word(struct lexer *lx, const char *const *names, int count)
{
	size_t end = word_end(lx);
	int id = word_index(names, count, lx->s + lx->pos, end - lx->pos);

	if (id >= 0)
		lx->pos = end;
	return id;
}

/* Refuse a word where the end of the statement was expected. */
static int expect_end(struct lexer *lx, const char *after)
{
	char shown[SHOW_SIZE];

	skip_blanks(lx);
	if (at_end(lx))
		return 0;
	return fail(lx, lx->pos, "unexpected '%s' after %s; expected end of line",
		    show_word(shown, lx->s + lx->pos, word_end(lx) - lx->pos), after);
}

/*
 * Bytes no line may hold. A tab is a blank; a newline ends a line of a
 * policy and is refused inside a single rule.
 */
static int check_bytes(struct lexer *lx)
{
	size_t i;

	if (lx->len > VMFENCE_LINE_MAX)
		return fail(lx, VMFENCE_LINE_MAX, "line longer than %d bytes",
			    VMFENCE_LINE_MAX);
	for (i = 0; i < lx->len; i++) {
		u8 c = lx->s[i];

		if (c >= ' ' && c != 0x7f)
			continue;
		if (c == '\t')
			continue;
		if (!c)
			return fail(lx, i, "embedded NUL byte");
		if (c == '\n')
			return fail(lx, i, "newline inside a rule; a rule is one line");
		if (c == '\r' && i + 1 == lx->len)
			return fail(lx, i, "carriage return at end of line; use Unix line endings");
		return fail(lx, i, "control byte \\x%02x; write it as \\x%02x inside a quoted path",
			    c, c);
	}
	return 0;
}

/* What a rule's value is, and which targets take it. */
enum key_kind { KEY_MATCH, KEY_ON, KEY_ALLOW_CC, KEY_AS };

#define TARGET_BIT(t)	(1u << (t))
#define EXEC_ONLY	TARGET_BIT(VMFENCE_RULE_TARGET_EXEC)
#define MODULE_ONLY	TARGET_BIT(VMFENCE_RULE_TARGET_MODULE)
#define ALL_TARGETS	(EXEC_ONLY | MODULE_ONLY)

struct keyword {
	const char *name;
	u8 kind;
	u8 match;	/* enum vmfence_rule_match_type, for KEY_MATCH */
	u8 targets;	/* TARGET_BIT() of the targets it may follow */
};

static const struct keyword keys[] = {
	/*
	 * A module is judged when the kernel announces it, by its name: the
	 * notifier sees no file, so the file's matches are for exec only.
	 */
	{ "path", KEY_MATCH, VMFENCE_RULE_MATCH_PATH, EXEC_ONLY },
	{ "sha256", KEY_MATCH, VMFENCE_RULE_MATCH_SHA256, EXEC_ONLY },
	{ "label", KEY_MATCH, VMFENCE_RULE_MATCH_LABEL, EXEC_ONLY },
	{ "name", KEY_MATCH, VMFENCE_RULE_MATCH_NAME, MODULE_ONLY },
	{ "on", KEY_ON, 0, ALL_TARGETS },
	{ "allow-cc", KEY_ALLOW_CC, 0, ALL_TARGETS },
	/* A module load runs no file in any part of an exec. */
	{ "as", KEY_AS, 0, EXEC_ONLY },
};

#define EXPECTED_MATCH "expected path=, sha256=, label= or name="
#define EXPECTED_CONDITION "expected on=, allow-cc= or as="

/*
 * Take "KEY=" at the cursor, leaving it on the value. @match tells whether
 * the rule's match or a condition is expected there.
 */
static const struct keyword *take_key(struct lexer *lx, bool match)
{
	const char *what = match ? "match" : "condition";
	const char *expected = match ? EXPECTED_MATCH : EXPECTED_CONDITION;
	size_t at = lx->pos, end = word_end(lx), eq = at;
	char shown[SHOW_SIZE];
	unsigned int i;

	while (eq < end && lx->s[eq] != '=')
		eq++;
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].name) == eq - at &&
		    !memcmp(keys[i].name, lx->s + at, eq - at))
			break;
	show_word(shown, lx->s + at, (eq < end ? eq + 1 : end) - at);
	if (i == ARRAY_SIZE(keys)) {
		fail(lx, at, "unknown %s '%s'; %s", what, shown, expected);
		return NULL;
	}
	if (eq == end) {
		fail(lx, eq, "expected '=' after %s", keys[i].name);
		return NULL;
	}
	if (match && keys[i].kind != KEY_MATCH) {
		fail(lx, at, "missing match before %s; %s", shown, EXPECTED_MATCH);
		return NULL;
	}
	if (!match && keys[i].kind == KEY_MATCH) {
		fail(lx, at, "second match %s; a rule has one match", shown);
		return NULL;
	}
	lx->pos = eq + 1;
	return &keys[i];
}

/* Decode the quoted path at the cursor into the scratch buffer. */
static int unquote_path(struct lexer *lx, size_t *len)
{
	size_t at = lx->pos, i = at + 1, n = 0;
	char shown[SHOW_SIZE];
	int hi, lo;
	u8 c;

	for (;;) {
		if (i == lx->len)
			return fail(lx, at, "missing closing '\"' of the path quoted here");
		c = lx->s[i];
		if (c == '"')
			break;
		if (c == '\t')
			return fail(lx, i, "tab inside a quoted path; write it as \\x09");
		if (c == '\\') {
			if (i + 1 == lx->len)
				return fail(lx, at, "missing closing '\"' of the path quoted here");
			c = lx->s[i + 1];
			if (c == 'x') {
				hi = i + 2 < lx->len ? hex_value(lx->s[i + 2]) : -1;
				lo = i + 3 < lx->len ? hex_value(lx->s[i + 3]) : -1;
				if (hi < 0 || lo < 0)
					return fail(lx, i, "expected two hex digits after \\x");
				c = hi << 4 | lo;
				if (!c)
					return fail(lx, i, "NUL byte \\x00 in path");
				i += 4;
			} else if (c == '\\' || c == '"') {
				i += 2;
			} else {
				return fail(lx, i,
					    "unknown escape '\\%s' in path; expected \\\\, \\\" or \\xHH",
					    show_word(shown, lx->s + i + 1, 1));
			}
		} else {
			i++;
		}
		if (n == VMFENCE_PATH_MAX)
			return fail(lx, at, "path longer than %d bytes", VMFENCE_PATH_MAX);
		lx->scratch[n++] = c;
	}
	lx->pos = i + 1;
	if (lx->pos < lx->len && !is_blank(lx->s[lx->pos]))
		return fail(lx, lx->pos,
			    "unexpected '%s' after closing quote; expected a space or end of line",
			    show_word(shown, lx->s + lx->pos, word_end(lx) - lx->pos));
	*len = n;
	return 0;
}

/* An absolute path as the kernel names a file: no "//", ".", ".." or final '/'. */
static int check_path(struct lexer *lx, size_t at, const char *p, size_t len)
{
	char shown[SHOW_SIZE];
	size_t i, start;

	if (!len || p[0] != '/')
		return fail(lx, at, "relative path '%s'; path= must start with '/'",
			    show_word(shown, p, len));
	for (i = 1; i <= len; i++) {
		start = i;
		while (i < len && p[i] != '/')
			i++;
		if (i == start && i == len)
			return fail(lx, at, "path ends with '/'; path= names a file");
		if (i == start)
			return fail(lx, at,
				    "empty component '//' in path; write the canonical path");
		if (p[start] == '.' && (i - start == 1 ||
					(i - start == 2 && p[start + 1] == '.')))
			return fail(lx, at, "'%.*s' component in path; write the canonical path",
				    (int)(i - start), p + start);
	}
	return 0;
}

static int parse_path(struct lexer *lx, struct vmfence_rule *rule)
{
	size_t at = lx->pos, end = word_end(lx), len, i;
	const char *path;
	int ret;

	if (lx->s[at] == '"') {
		ret = unquote_path(lx, &len);
		if (ret)
			return ret;
		path = lx->scratch;
	} else {
		for (i = at; i < end; i++)
			if (lx->s[i] == '"' || lx->s[i] == '\\')
				return fail(lx, i,
					    "'%c' inside an unquoted path; quote the whole path",
					    lx->s[i]);
		if (end - at > VMFENCE_PATH_MAX)
			return fail(lx, at, "path longer than %d bytes", VMFENCE_PATH_MAX);
		path = lx->s + at;
		len = end - at;
		lx->pos = end;
	}
	ret = check_path(lx, at, path, len);
	if (ret)
		return ret;
	rule->value = path;
	rule->value_len = len;
	return 0;
}

static int parse_sha256(struct lexer *lx, struct vmfence_rule *rule)
{
	size_t at = lx->pos, end = word_end(lx), i;
	char shown[SHOW_SIZE];

	for (i = at; i < end; i++)
		if (hex_value(lx->s[i]) < 0)
			return fail(lx, i, "expected hex digit in sha256=, got '%s'",
				    show_word(shown, lx->s + i, 1));
	if (end - at != 2 * VMFENCE_SHA256_SIZE)
		return fail(lx, at, "expected %d hex digits after sha256=, got %zu",
			    2 * VMFENCE_SHA256_SIZE, end - at);
	for (i = 0; i < VMFENCE_SHA256_SIZE; i++)
		rule->sha256[i] = hex_value(lx->s[at + 2 * i]) << 4 |
				  hex_value(lx->s[at + 2 * i + 1]);
	lx->pos = end;
	return 0;
}

static bool label_byte(char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
}

/* A label or module name: a word of allowed bytes, at most @max long. */
static int parse_word(struct lexer *lx, struct vmfence_rule *rule, bool label)
{
	const char *what = label ? "label" : "module name";
	size_t max = label ? VMFENCE_LABEL_MAX : VMFENCE_NAME_MAX;
	size_t at = lx->pos, end = word_end(lx), i;
	char shown[SHOW_SIZE];
	char c;

	for (i = at; i < end; i++) {
		c = lx->s[i];
		if (label ? label_byte(c) : (is_alnum(c) || c == '_'))
			continue;
		if (!label && c == '-')
			return fail(lx, i, "'-' in module name; the kernel names modules with '_'");
		return fail(lx, i, "'%s' is not allowed in a %s; use %s",
			    show_word(shown, lx->s + i, 1), what,
			    label ? "A-Z a-z 0-9 _ - . :" : "A-Z a-z 0-9 _");
	}
	if (end - at > max)
		return fail(lx, at, "%s longer than %zu bytes", what, max);
	rule->value = lx->s + at;
	rule->value_len = end - at;
	lx->pos = end;
	return 0;
}

/* What a condition lists: hypervisors, confidential-VM types or roles. */
struct list_kind {
	const char *key;
	const char *what;
	int (*from_name)(const char *name);
	bool has_none;	/* id 0 is "none", which no list may name */
};

static int role_from_name(const char *name)
{
	int id = word_index(vmfence_role_names, VMFENCE_EXEC_ROLE_COUNT, name,
			    strlen(name));

	return id < 0 ? -EINVAL : id;
}

static const struct list_kind list_kinds[] = {
	[KEY_ON] = { "on=", "hypervisor", vmfence_hv_from_name, true },
	[KEY_ALLOW_CC] = { "allow-cc=", "confidential-VM type",
			   vmfence_cc_from_name, true },
	[KEY_AS] = { "as=", "role", role_from_name, false },
};

/* A comma-separated list of the names @kind takes, into the bits of @mask. */
static int parse_list(struct lexer *lx, const struct list_kind *kind, u32 *mask)
{
	char shown[SHOW_SIZE];
	char name[16];
	size_t at;
	int id;

	for (;;) {
		at = lx->pos;
		while (lx->pos < lx->len && !is_blank(lx->s[lx->pos]) &&
		       lx->s[lx->pos] != ',')
			lx->pos++;
		if (lx->pos == at)
			return fail(lx, at, "expected a %s name in %s", kind->what,
				    kind->key);
		show_word(shown, lx->s + at, lx->pos - at);
		id = -EINVAL;
		if (lx->pos - at < sizeof(name)) {
			memcpy(name, lx->s + at, lx->pos - at);
			name[lx->pos - at] = '\0';
			id = kind->from_name(name);
		}
		if (id < 0 && kind->has_none)
			return fail(lx, at, "unknown %s '%s' in %s", kind->what,
				    shown, kind->key);
		if (id < 0)
			return fail(lx, at,
				    "unknown role '%s' in as=; expected program, interpreter or loader",
				    shown);
		if (!id && kind->has_none)
			return fail(lx, at,
				    "'none' cannot be listed in %s; rules apply only inside a VM",
				    kind->key);
		if (*mask & (1u << id))
			return fail(lx, at, "'%s' listed twice in %s", shown, kind->key);
		*mask |= 1u << id;
		if (lx->pos == lx->len || lx->s[lx->pos] != ',')
			return 0;
		lx->pos++;
	}
}

static int parse_value(struct lexer *lx, const struct keyword *key,
		       struct vmfence_rule *rule)
{
	u32 roles = 0;
	int ret;

	if (lx->pos == lx->len || is_blank(lx->s[lx->pos]))
		return fail(lx, lx->pos, "missing value after %s=", key->name);
	if (key->kind == KEY_ON)
		return parse_list(lx, &list_kinds[KEY_ON], &rule->on_hv);
	if (key->kind == KEY_ALLOW_CC)
		return parse_list(lx, &list_kinds[KEY_ALLOW_CC], &rule->allow_cc);
	if (key->kind == KEY_AS) {
		ret = parse_list(lx, &list_kinds[KEY_AS], &roles);
		rule->roles = roles;
		return ret;
	}
	rule->match = key->match;
	switch (key->match) {
	case VMFENCE_RULE_MATCH_PATH:
		return parse_path(lx, rule);
	case VMFENCE_RULE_MATCH_SHA256:
		return parse_sha256(lx, rule);
	default:
		return parse_word(lx, rule, key->match == VMFENCE_RULE_MATCH_LABEL);
	}
}

/*
 * The rest of a rule once its action is known: TARGET MATCH [CONDITION...].
 * @match_at is set to the match's position, where the policy reports a
 * rule its callback refuses.
 */
static int parse_rule(struct lexer *lx, struct vmfence_rule *rule,
		      size_t *match_at)
{
	const struct keyword *key;
	char shown[SHOW_SIZE];
	u8 given = 0;
	size_t at;
	int id, ret;

	skip_blanks(lx);
	if (at_end(lx))
		return fail(lx, lx->pos, "missing target after %s; expected exec or module",
			    vmfence_action_names[rule->action]);
	id = take_word(lx, vmfence_target_names, VMFENCE_RULE_TARGET_COUNT);
	if (id < 0)
		return fail(lx, lx->pos, "unknown target '%s'; expected exec or module",
			    show_word(shown, lx->s + lx->pos, word_end(lx) - lx->pos));
	rule->target = id;

	skip_blanks(lx);
	if (at_end(lx))
		return fail(lx, lx->pos, "missing match; " EXPECTED_MATCH);
	for (;;) {
		at = lx->pos;
		key = take_key(lx, !given);
		if (!key)
			return -EINVAL;
		if (!(key->targets & TARGET_BIT(rule->target)))
			return fail(lx, at, "%s= is not allowed with target %s%s",
				    key->name, vmfence_target_names[rule->target],
				    key->kind == KEY_MATCH &&
				    rule->target == VMFENCE_RULE_TARGET_MODULE ?
				    "; a module is matched by name=" : "");
		if (given & (1u << key->kind))
			return fail(lx, at, "duplicate condition %s=", key->name);
		given |= 1u << key->kind;
		if (key->kind == KEY_MATCH)
			*match_at = at;
		ret = parse_value(lx, key, rule);
		if (ret)
			return ret;
		skip_blanks(lx);
		if (at_end(lx))
			return 0;
	}
}

/* A statement that starts with an action; @lx is on the action. */
static int parse_statement_rule(struct lexer *lx, struct vmfence_rule *rule,
				size_t *match_at)
{
	memset(rule, 0, sizeof(*rule));
	rule->line = lx->line;
	rule->action = take_word(lx, vmfence_action_names, VMFENCE_RULE_ACTION_COUNT);
	return parse_rule(lx, rule, match_at);
}

enum {
	SETTING_MODE, SETTING_THRESHOLD, SETTING_LOCK, SETTING_BIND_TPM,
	SETTING_COUNT
};

static const char *const setting_names[SETTING_COUNT] = {
	[SETTING_MODE] = "mode",
	[SETTING_THRESHOLD] = "threshold",
	[SETTING_LOCK] = "lock",
	[SETTING_BIND_TPM] = "bind-tpm",
};

static int parse_threshold(struct lexer *lx, struct vmfence_settings *settings)
{
	size_t at = lx->pos, end = word_end(lx), i;
	char shown[SHOW_SIZE];
	unsigned int value = 0;

	show_word(shown, lx->s + at, end - at);
	for (i = at; i < end; i++) {
		if (!is_digit(lx->s[i]))
			return fail(lx, at, "expected a number 0-100 after threshold, got '%s'",
				    shown);
		if (value <= 100)
			value = value * 10 + lx->s[i] - '0';
	}
	if (value > 100)
		return fail(lx, at, "threshold %s out of range 0-100", shown);
	settings->threshold = value;
	lx->pos = end;
	return 0;
}

#define BIND_KEY "ek-sha256="

/* Report an EK that the policy's bind callback refused with @ret. */
static int bind_refused(struct lexer *lx, size_t at, int ret)
{
	if (ret == -EEXIST)
		fail(lx, at, "bind-tpm: ek-sha256 listed twice");
	else if (ret == -ENOSPC)
		fail(lx, at, "bind-tpm: more than %d EKs", VMFENCE_BIND_TPM_MAX);
	else if (ret == -ENOMEM)
		fail(lx, at, "out of memory");
	else
		fail(lx, at, "bind-tpm: EK not accepted (error %d)", ret);
	lx->error->err = ret;
	return ret;
}

/*
 * The list of "bind-tpm ek-sha256=HEX[,HEX...]"; @lx is on "ek-sha256=".
 * Each EK goes to @parser->bind in order; the parser counts them.
 */
static int parse_bind_tpm(struct lexer *lx, struct vmfence_policy_parser *parser)
{
	struct vmfence_settings *settings = &parser->settings;
	size_t at = lx->pos, end = word_end(lx), i;
	u8 ek[VMFENCE_SHA256_SIZE];
	char shown[SHOW_SIZE];
	int ret;

	if (end - at < sizeof(BIND_KEY) - 1 ||
	    memcmp(lx->s + at, BIND_KEY, sizeof(BIND_KEY) - 1))
		return fail(lx, at, "unknown key '%s' in bind-tpm; expected " BIND_KEY,
			    show_word(shown, lx->s + at, end - at));
	lx->pos += sizeof(BIND_KEY) - 1;
	for (;;) {
		at = lx->pos;
		while (lx->pos < end && lx->s[lx->pos] != ',') {
			if (hex_value(lx->s[lx->pos]) < 0)
				return fail(lx, lx->pos,
					    "bind-tpm: expected hex digit in ek-sha256=, got '%s'",
					    show_word(shown, lx->s + lx->pos, 1));
			lx->pos++;
		}
		if (lx->pos - at != 2 * VMFENCE_SHA256_SIZE)
			return fail(lx, at,
				    "bind-tpm: ek-sha256 wants %d hex digits, got %zu",
				    2 * VMFENCE_SHA256_SIZE, lx->pos - at);
		if (settings->nr_bind == VMFENCE_BIND_TPM_MAX)
			return bind_refused(lx, at, -ENOSPC);
		for (i = 0; i < VMFENCE_SHA256_SIZE; i++)
			ek[i] = hex_value(lx->s[at + 2 * i]) << 4 |
				hex_value(lx->s[at + 2 * i + 1]);
		if (parser->bind) {
			ret = parser->bind(parser->ctx, ek);
			if (ret)
				return bind_refused(lx, at, ret);
		}
		settings->nr_bind++;
		if (lx->pos == end)
			return 0;
		lx->pos++;
	}
}

/*
 * A setting line; @lx is on its keyword. @first_line holds the line each
 * setting was first given on, 0 if not yet. bind-tpm may be given on
 * several lines: their lists add up (a line cannot hold the longest list).
 */
static int parse_setting(struct lexer *lx, int setting,
			 struct vmfence_policy_parser *parser, u32 *first_line)
{
	struct vmfence_settings *settings = &parser->settings;
	const char *name = setting_names[setting];
	char shown[SHOW_SIZE];
	int ret, mode;

	if (first_line[setting] && setting != SETTING_BIND_TPM)
		return fail(lx, lx->pos, "duplicate setting '%s'; first given on line %u",
			    name, first_line[setting]);
	first_line[setting] = lx->line;
	lx->pos = word_end(lx);
	skip_blanks(lx);
	switch (setting) {
	case SETTING_MODE:
		if (at_end(lx))
			return fail(lx, lx->pos,
				    "missing value after mode; expected off, audit or enforce");
		mode = take_word(lx, vmfence_mode_names, VMFENCE_POLICY_MODE_COUNT);
		if (mode < 0)
			return fail(lx, lx->pos,
				    "unknown mode '%s'; expected off, audit or enforce",
				    show_word(shown, lx->s + lx->pos, word_end(lx) - lx->pos));
		settings->mode = mode;
		settings->present |= VMFENCE_SETTING_MODE;
		break;
	case SETTING_THRESHOLD:
		if (at_end(lx))
			return fail(lx, lx->pos,
				    "missing value after threshold; expected a number 0-100");
		ret = parse_threshold(lx, settings);
		if (ret)
			return ret;
		settings->present |= VMFENCE_SETTING_THRESHOLD;
		break;
	case SETTING_BIND_TPM:
		if (at_end(lx))
			return fail(lx, lx->pos,
				    "missing value after bind-tpm; expected " BIND_KEY
				    "HEX[,HEX...]");
		ret = parse_bind_tpm(lx, parser);
		if (ret)
			return ret;
		settings->present |= VMFENCE_SETTING_BIND_TPM;
		return expect_end(lx, "the bind-tpm list");
	default:
		settings->present |= VMFENCE_SETTING_LOCK;
		break;
	}
	return expect_end(lx, name);
}

/* Report a rule that the policy's callback refused with @ret. */
static int refused(struct lexer *lx, size_t at, const struct vmfence_rule *rule,
		   int ret)
{
	if (ret == -EEXIST)
		fail(lx, at, "duplicate match: an earlier rule has the same %s %s=",
		     vmfence_target_names[rule->target],
		     vmfence_rule_match_keys[rule->match]);
	else if (ret == -ENOSPC)
		fail(lx, at, "too many rules");
	else if (ret == -ENOMEM)
		fail(lx, at, "out of memory");
	else
		fail(lx, at, "rule not accepted (error %d)", ret);
	lx->error->err = ret;
	return ret;
}

static int parse_policy_line(struct vmfence_policy_parser *parser,
			     struct lexer *lx, u32 *first_line)
{
	struct vmfence_rule rule;
	char shown[SHOW_SIZE];
	size_t end, match_at = 0;
	int id, ret;

	ret = check_bytes(lx);
	if (ret)
		return ret;
	skip_blanks(lx);
	if (at_end(lx))
		return 0;
	end = word_end(lx);
	id = word_index(setting_names, SETTING_COUNT, lx->s + lx->pos, end - lx->pos);
	if (id >= 0)
		return parse_setting(lx, id, parser, first_line);
	if (word_index(vmfence_action_names, VMFENCE_RULE_ACTION_COUNT,
		       lx->s + lx->pos, end - lx->pos) < 0)
		return fail(lx, lx->pos,
			    "unknown keyword '%s'; expected deny, audit, mode, threshold, bind-tpm or lock",
			    show_word(shown, lx->s + lx->pos, end - lx->pos));
	ret = parse_statement_rule(lx, &rule, &match_at);
	if (ret)
		return ret;
	if (parser->rule) {
		ret = parser->rule(parser->ctx, &rule);
		if (ret)
			return refused(lx, match_at, &rule, ret);
	}
	parser->nr_rules++;
	return 0;
}

/**
 * vmfence_policy_parse() - parse a policy and stream its rules
 * @parser: the callback, its context and the scratch buffer; receives the
 *	settings, the rule count and, on failure, the error
 * @text: the policy text; need not end with a newline nor with a NUL
 * @len: bytes at @text
 *
 * Parses line by line, calling @parser->rule for each rule in order and
 * @parser->bind for each EK of a bind-tpm line, and stops at the first
 * mistake. The parser counts the EKs (@parser->settings.nr_bind) and
 * refuses more than VMFENCE_BIND_TPM_MAX even without a callback. Rules
 * and EKs already passed to a callback stay passed: a caller that must
 * commit all or nothing builds a new policy and publishes it only when
 * this returns 0.
 *
 * Return: 0 on success. -EINVAL when the text is malformed or @parser has
 * no scratch buffer; -ENOSPC for more than VMFENCE_BIND_TPM_MAX EKs; any
 * other negative errno a callback returned. On failure @parser->error
 * holds the line, column and message, and the errno.
 */
int vmfence_policy_parse(struct vmfence_policy_parser *parser,
			 const char *text, size_t len)
{
	struct lexer lx = { .scratch = parser->scratch, .error = &parser->error };
	u32 first_line[SETTING_COUNT] = { 0 };
	const char *nl;
	size_t start = 0;
	int ret;

	memset(&parser->settings, 0, sizeof(parser->settings));
	memset(&parser->error, 0, sizeof(parser->error));
	parser->nr_rules = 0;
	if (!parser->scratch) {
		snprintf(parser->error.msg, sizeof(parser->error.msg),
			 "no scratch buffer");
		parser->error.err = -EINVAL;
		return -EINVAL;
	}
	while (start < len) {
		nl = memchr(text + start, '\n', len - start);
		lx.s = text + start;
		lx.len = nl ? (size_t)(nl - lx.s) : len - start;
		lx.pos = 0;
		lx.line++;
		ret = parse_policy_line(parser, &lx, first_line);
		if (ret)
			return ret;
		start += lx.len + 1;
	}
	return 0;
}

/**
 * vmfence_rule_parse() - parse one rule, as given to "vmfencectl rule add"
 * @text: one line holding a rule, optionally with blanks and a trailing
 *	comment; no newline, not NUL-terminated
 * @len: bytes at @text
 * @scratch: VMFENCE_PATH_MAX bytes; @rule's value may point into it
 * @rule: out: the rule, its value pointing into @text or @scratch
 * @error: out: set on failure, with line 1
 *
 * Return: 0 on success; -EINVAL when @text is not exactly one valid rule
 * (a setting, a blank line or a newline included).
 */
int vmfence_rule_parse(const char *text, size_t len, char *scratch,
		       struct vmfence_rule *rule,
		       struct vmfence_parse_error *error)
{
	struct lexer lx = {
		.s = text, .len = len, .line = 1,
		.scratch = scratch, .error = error,
	};
	char shown[SHOW_SIZE];
	size_t end, match_at;
	int ret;

	memset(error, 0, sizeof(*error));
	if (!scratch) {
		snprintf(error->msg, sizeof(error->msg), "no scratch buffer");
		error->err = -EINVAL;
		return -EINVAL;
	}
	ret = check_bytes(&lx);
	if (ret)
		return ret;
	skip_blanks(&lx);
	if (at_end(&lx))
		return fail(&lx, lx.pos, "missing rule; expected deny or audit");
	end = word_end(&lx);
	show_word(shown, lx.s + lx.pos, end - lx.pos);
	if (word_index(setting_names, SETTING_COUNT, lx.s + lx.pos, end - lx.pos) >= 0)
		return fail(&lx, lx.pos, "'%s' is a setting, not a rule", shown);
	if (word_index(vmfence_action_names, VMFENCE_RULE_ACTION_COUNT,
		       lx.s + lx.pos, end - lx.pos) < 0)
		return fail(&lx, lx.pos, "unknown action '%s'; expected deny or audit",
			    shown);
	return parse_statement_rule(&lx, rule, &match_at);
}
