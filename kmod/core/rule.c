// SPDX-License-Identifier: GPL-2.0
/* rule.c - canonical text and comparison of policy rules and settings */

#include "ids.h"
#include "rule.h"

const char *const vmfence_action_names[VMFENCE_RULE_ACTION_COUNT] = {
	[VMFENCE_RULE_ACTION_DENY] = "deny",
	[VMFENCE_RULE_ACTION_AUDIT] = "audit",
};

const char *const vmfence_target_names[VMFENCE_RULE_TARGET_COUNT] = {
	[VMFENCE_RULE_TARGET_EXEC] = "exec",
	[VMFENCE_RULE_TARGET_MODULE] = "module",
};

const char *const vmfence_rule_match_keys[VMFENCE_RULE_MATCH_COUNT] = {
	[VMFENCE_RULE_MATCH_PATH] = "path",
	[VMFENCE_RULE_MATCH_SHA256] = "sha256",
	[VMFENCE_RULE_MATCH_LABEL] = "label",
	[VMFENCE_RULE_MATCH_NAME] = "name",
};

const char *const vmfence_mode_names[VMFENCE_POLICY_MODE_COUNT] = {
	[VMFENCE_POLICY_MODE_OFF] = "off",
	[VMFENCE_POLICY_MODE_AUDIT] = "audit",
	[VMFENCE_POLICY_MODE_ENFORCE] = "enforce",
};

const char *const vmfence_role_names[VMFENCE_EXEC_ROLE_COUNT] = {
	[VMFENCE_EXEC_ROLE_PROGRAM] = "program",
	[VMFENCE_EXEC_ROLE_INTERPRETER] = "interpreter",
	[VMFENCE_EXEC_ROLE_LOADER] = "loader",
};

/* Text written with snprintf() semantics: @len counts what did not fit too. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_bytes(struct out *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static int out_end(struct out *o)
{
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
	return o->len;
}

static const char hex_digits[] = "0123456789abcdef";

static void out_hex(struct out *o, u8 byte)
{
	char hex[2] = { hex_digits[byte >> 4], hex_digits[byte & 0xf] };

	out_bytes(o, hex, sizeof(hex));
}

/* A path byte written bare; anything else makes the path quoted. */
static bool bare_byte(u8 c)
{
	return c > ' ' && c < 0x7f && c != '"' && c != '\\' && c != '#';
}

static void out_path(struct out *o, const char *path, size_t len)
{
	size_t i;

	for (i = 0; i < len && bare_byte(path[i]); i++)
		;
	if (i == len) {
		out_bytes(o, path, len);
		return;
	}
	out_bytes(o, "\"", 1);
	for (i = 0; i < len; i++) {
		u8 c = path[i];

		if (c == '"' || c == '\\') {
			out_bytes(o, "\\", 1);
			out_bytes(o, path + i, 1);
		} else if (c < ' ' || c >= 0x7f) {
			out_bytes(o, "\\x", 2);
			out_hex(o, c);
		} else {
			out_bytes(o, path + i, 1);
		}
	}
	out_bytes(o, "\"", 1);
}

static void out_list(struct out *o, const char *key, u32 mask,
		     const char *(*name)(unsigned int id))
{
	const char *sep = "=";
	unsigned int id;

	if (!mask)
		return;
	out_bytes(o, " ", 1);
	out_str(o, key);
	for (id = 0; id < 32; id++) {
		if (!(mask & (1u << id)))
			continue;
		out_str(o, sep);
		out_str(o, name(id));
		sep = ",";
	}
}

static const char *hv_name(unsigned int id)
{
	return vmfence_hv_name(id);
}

static const char *cc_name(unsigned int id)
{
	return vmfence_cc_name(id);
}

static const char *role_name(unsigned int id)
{
	return vmfence_role_names[id];
}

/**
 * vmfence_rule_print() - write the canonical text of a rule
 * @rule: the rule
 * @buf: where to write it, NUL-terminated; may be NULL when @size is 0
 * @size: bytes at @buf; VMFENCE_RULE_TEXT_MAX always suffices
 *
 * The text is one line without a newline, in the grammar the parser reads,
 * with single spaces, lower-case hex, the on=, allow-cc= and as= lists in
 * id order, and a path quoted only when it holds a space, '#', '"', '\' or a
 * byte outside printable ASCII (written \xHH). Parsing it gives @rule back.
 *
 * Return: the length of the text, which was truncated if it is @size or
 * more; -EINVAL when @rule holds an action, target, match, value length or
 * condition bit out of range.
 */
int vmfence_rule_print(const struct vmfence_rule *rule, char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = size };
	unsigned int i;

	if (rule->action >= VMFENCE_RULE_ACTION_COUNT ||
	    rule->target >= VMFENCE_RULE_TARGET_COUNT ||
	    rule->match >= VMFENCE_RULE_MATCH_COUNT ||
	    rule->value_len > VMFENCE_PATH_MAX ||
	    rule->on_hv & ~((1u << VMFENCE_HV_COUNT) - 1) ||
	    rule->allow_cc & ~((1u << VMFENCE_CC_COUNT) - 1) ||
	    rule->roles & ~((1u << VMFENCE_EXEC_ROLE_COUNT) - 1))
		return -EINVAL;

	out_str(&o, vmfence_action_names[rule->action]);
	out_bytes(&o, " ", 1);
	out_str(&o, vmfence_target_names[rule->target]);
	out_bytes(&o, " ", 1);
	out_str(&o, vmfence_rule_match_keys[rule->match]);
	out_bytes(&o, "=", 1);
	switch (rule->match) {
	case VMFENCE_RULE_MATCH_PATH:
		out_path(&o, rule->value, rule->value_len);
		break;
	case VMFENCE_RULE_MATCH_SHA256:
		for (i = 0; i < VMFENCE_SHA256_SIZE; i++)
			out_hex(&o, rule->sha256[i]);
		break;
	default:
		out_bytes(&o, rule->value, rule->value_len);
		break;
	}
	out_list(&o, "on", rule->on_hv, hv_name);
	out_list(&o, "allow-cc", rule->allow_cc, cc_name);
	out_list(&o, "as", rule->roles, role_name);
	return out_end(&o);
}

/**
 * vmfence_settings_print() - write the canonical text of the settings
 * @settings: the settings
 * @buf: where to write it, NUL-terminated; may be NULL when @size is 0
 * @size: bytes at @buf; 64 always suffice
 *
 * Writes one line, newline included, for each setting present, in the order
 * mode, threshold, lock; nothing when none is.
 *
 * Return: the length of the text, which was truncated if it is @size or
 * more; -EINVAL when the mode or threshold is out of range.
 */
int vmfence_settings_print(const struct vmfence_settings *settings,
			   char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = size };
	char num[4];
	int n;

	if ((settings->present & VMFENCE_SETTING_MODE &&
	     settings->mode >= VMFENCE_POLICY_MODE_COUNT) ||
	    (settings->present & VMFENCE_SETTING_THRESHOLD &&
	     settings->threshold > 100))
		return -EINVAL;

	if (settings->present & VMFENCE_SETTING_MODE) {
		out_str(&o, "mode ");
		out_str(&o, vmfence_mode_names[settings->mode]);
		out_bytes(&o, "\n", 1);
	}
	if (settings->present & VMFENCE_SETTING_THRESHOLD) {
		n = snprintf(num, sizeof(num), "%u", settings->threshold);
		out_str(&o, "threshold ");
		out_bytes(&o, num, n);
		out_bytes(&o, "\n", 1);
	}
	if (settings->present & VMFENCE_SETTING_LOCK)
		out_str(&o, "lock\n");
	return out_end(&o);
}

/**
 * vmfence_rule_same_match() - whether two rules match the same object
 * @a: a rule
 * @b: another rule
 *
 * Two rules with the same target and the same match are duplicates in one
 * policy, whatever their actions and conditions.
 *
 * Return: true when @a and @b have the same target, match kind and value.
 */
bool vmfence_rule_same_match(const struct vmfence_rule *a,
			     const struct vmfence_rule *b)
{
	if (a->target != b->target || a->match != b->match)
		return false;
	if (a->match == VMFENCE_RULE_MATCH_SHA256)
		return !memcmp(a->sha256, b->sha256, VMFENCE_SHA256_SIZE);
	return a->value_len == b->value_len &&
	       !memcmp(a->value, b->value, a->value_len);
}

/**
 * vmfence_rule_equal() - whether two rules are the same rule
 * @a: a rule
 * @b: another rule
 *
 * Return: true when @a and @b have the same action, target, match, value
 * and conditions; the line they came from does not count.
 */
bool vmfence_rule_equal(const struct vmfence_rule *a,
			const struct vmfence_rule *b)
{
	return a->action == b->action && a->on_hv == b->on_hv &&
	       a->allow_cc == b->allow_cc && a->roles == b->roles &&
	       vmfence_rule_same_match(a, b);
}

/**
 * vmfence_settings_equal() - whether two policies give the same settings
 * @a: settings
 * @b: other settings
 *
 * The EKs of a bind-tpm setting are the parser callback's: only their
 * count is compared here.
 *
 * Return: true when @a and @b give the same settings with the same values.
 */
bool vmfence_settings_equal(const struct vmfence_settings *a,
			    const struct vmfence_settings *b)
{
	if (a->present != b->present)
		return false;
	if (a->present & VMFENCE_SETTING_MODE && a->mode != b->mode)
		return false;
	if (a->present & VMFENCE_SETTING_BIND_TPM && a->nr_bind != b->nr_bind)
		return false;
	return !(a->present & VMFENCE_SETTING_THRESHOLD) ||
	       a->threshold == b->threshold;
}

/* Where @ek_sha256 is in the sorted @list, or where it would go. */
static u32 bind_search(const u8 *list, u32 n,
		       const u8 *ek_sha256, bool *found)
{
	u32 lo = 0, hi = n, mid;
	int cmp;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = memcmp(list + mid * VMFENCE_SHA256_SIZE, ek_sha256, VMFENCE_SHA256_SIZE);
		if (!cmp) {
			*found = true;
			return mid;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/**
 * vmfence_bind_insert() - add an EK to a bind-tpm list, keeping it sorted
 * @list: the list: @n entries of VMFENCE_SHA256_SIZE bytes, sorted by
 *	memcmp(), with room for one more
 * @n: entries in @list; incremented on success
 * @ek_sha256: the EK's 32-byte ek_sha256
 *
 * The caller bounds the list (VMFENCE_BIND_TPM_MAX) and gives it room.
 *
 * Context: any.
 * Return: 0; -EEXIST when @list holds @ek_sha256 already.
 */
int vmfence_bind_insert(u8 *list, u32 *n,
			const u8 *ek_sha256)
{
	bool found;
	u32 at = bind_search(list, *n,
			     ek_sha256, &found);

	if (found)
		return -EEXIST;
	memmove(list + (at + 1) * VMFENCE_SHA256_SIZE, list + at * VMFENCE_SHA256_SIZE,
		(*n - at) * VMFENCE_SHA256_SIZE);
	memcpy(list + at * VMFENCE_SHA256_SIZE, ek_sha256, VMFENCE_SHA256_SIZE);
	(*n)++;
	return 0;
}

/**
 * vmfence_bind_find() - whether a sorted bind-tpm list holds an EK
 * @list: @n entries of VMFENCE_SHA256_SIZE bytes, sorted as
 *	vmfence_bind_insert() keeps them
 * @n: entries in @list
 * @ek_sha256: the EK's 32-byte ek_sha256
 *
 * A binary search: O(log n) on the exec path whatever the fleet's size.
 *
 * Context: any.
 * Return: true when @list holds @ek_sha256.
 */
bool vmfence_bind_find(const u8 *list, u32 n,
		       const u8 *ek_sha256)
{
	bool found;

	bind_search(list, n, ek_sha256, &found);
	return found;
}

/**
 * vmfence_bind_print() - write the canonical text of a bind-tpm list
 * @list: @n entries of VMFENCE_SHA256_SIZE bytes, sorted as
 *	vmfence_bind_insert() keeps them
 * @n: entries in @list; at most VMFENCE_BIND_TPM_MAX
 * @buf: where to write it, NUL-terminated; may be NULL when @size is 0
 * @size: bytes at @buf; 65 * @n + 20 * (@n / 256 + 1) always suffice
 *
 * Writes "bind-tpm ek-sha256=HEX[,HEX...]" lines, newline included, of at
 * most VMFENCE_BIND_TPM_PER_LINE EKs each, in @list's order, hex in lower
 * case; nothing when @n is 0. Parsing them gives @list back.
 *
 * Context: any.
 * Return: the length of the text, which was truncated if it is @size or
 * more; -EINVAL when @n is above VMFENCE_BIND_TPM_MAX.
 */
int vmfence_bind_print(const u8 *list, u32 n,
		       char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = size };
	u32 i, j;

	if (n > VMFENCE_BIND_TPM_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (i % VMFENCE_BIND_TPM_PER_LINE == 0)
			out_str(&o, i ? "\nbind-tpm ek-sha256=" : "bind-tpm ek-sha256=");
		else
			out_bytes(&o, ",", 1);
		for (j = 0; j < VMFENCE_SHA256_SIZE; j++)
			out_hex(&o, list[i * VMFENCE_SHA256_SIZE + j]);
	}
	if (n)
		out_bytes(&o, "\n", 1);
	return out_end(&o);
}
