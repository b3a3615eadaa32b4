// SPDX-License-Identifier: GPL-2.0
/* policy.c - vmfencectl policy: whole policy files */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/rule_parse.h"
#include "digest.h"
#include "json.h"
#include "query.h"
#include "vmfencectl.h"

/* Read all of @path ("-": standard input) into a new buffer. */
static int read_policy(const char *path, char **text, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	size_t size = 0, n = 0;
	char *buf = NULL, *grown;
	int err = 0;

	if (!f)
		return -errno;
	for (;;) {
		if (n == size) {
			size = size ? 2 * size : 65536;
			grown = realloc(buf, size);
			if (!grown) {
				err = -ENOMEM;
				break;
			}
			buf = grown;
		}
		n += fread(buf + n, 1, size - n, f);
		if (n < size) {
			if (ferror(f))
				err = -EIO;
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	*text = buf;
	*len = n;
	return 0;
}

/*
 * The matches seen so far, to refuse a duplicate as the kernel's store
 * does: an open-addressing hash table of rule copies that own their values.
 */
struct seen {
	struct vmfence_rule *slots;	/* .value NULL: empty */
	size_t cap;			/* a power of two */
	size_t used;
	u32 dup_line;			/* line of the earlier rule, on -EEXIST */
	u8 *bind;			/* the bind-tpm EKs, sorted; NULL: none yet */
	u32 nr_bind;
};

static u64 match_hash(const struct vmfence_rule *rule)
{
	const u8 *p = rule->match == VMFENCE_RULE_MATCH_SHA256 ?
		      rule->sha256 : (const u8 *)rule->value;
	size_t len = rule->match == VMFENCE_RULE_MATCH_SHA256 ?
		     VMFENCE_SHA256_SIZE : rule->value_len;
	u64 h = 14695981039346656037ull;	/* FNV-1a */
	size_t i;

	h = (h ^ rule->target) * 1099511628211ull;
	h = (h ^ rule->match) * 1099511628211ull;
	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static struct vmfence_rule *seen_slot(struct vmfence_rule *slots, size_t cap,
				      const struct vmfence_rule *rule)
{
	size_t i = match_hash(rule) & (cap - 1);

	while (slots[i].value && !vmfence_rule_same_match(&slots[i], rule))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int seen_grow(struct seen *seen)
{
	size_t cap = seen->cap ? 2 * seen->cap : 1024, i;
	struct vmfence_rule *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (i = 0; i < seen->cap; i++)
		if (seen->slots[i].value)
			*seen_slot(slots, cap, &seen->slots[i]) = seen->slots[i];
	free(seen->slots);
	seen->slots = slots;
	seen->cap = cap;
	return 0;
}

/* vmfence_policy_parser.rule: -EEXIST for a match seen before. */
static int seen_add(void *ctx, const struct vmfence_rule *rule)
{
	struct seen *seen = ctx;
	struct vmfence_rule *slot;
	char *value;

	if (2 * (seen->used + 1) > seen->cap && seen_grow(seen))
		return -ENOMEM;
	slot = seen_slot(seen->slots, seen->cap, rule);
	if (slot->value) {
		seen->dup_line = slot->line;
		return -EEXIST;
	}
	/* One byte more, so that an empty value is still a non-NULL one. */
	value = malloc(rule->value_len + 1);
	if (!value)
		return -ENOMEM;
	if (rule->value_len)
		memcpy(value, rule->value, rule->value_len);
	*slot = *rule;
	slot->value = value;
	seen->used++;
	return 0;
}

/*
 * vmfence_policy_parser.bind: keep the EKs sorted, refusing a duplicate and
 * more than VMFENCE_BIND_TPM_MAX, as the kernel's builder does.
 */
static int seen_bind(void *ctx, const u8 *ek_sha256)
{
	struct seen *seen = ctx;

	if (!seen->bind) {
		seen->bind = malloc(VMFENCE_BIND_TPM_MAX * VMFENCE_SHA256_SIZE);
		if (!seen->bind)
			return -ENOMEM;
	}
	if (seen->nr_bind == VMFENCE_BIND_TPM_MAX)
		return -ENOSPC;
	return vmfence_bind_insert(seen->bind, &seen->nr_bind, ek_sha256);
}

static void seen_free(struct seen *seen)
{
	size_t i;

	for (i = 0; i < seen->cap; i++)
		free((char *)seen->slots[i].value);
	free(seen->slots);
	free(seen->bind);
}

static void print_settings(const struct vmfence_settings *s)
{
	const char *sep = "; ";

	if (s->present & VMFENCE_SETTING_MODE) {
		printf("%smode %s", sep, vmfence_mode_names[s->mode]);
		sep = ", ";
	}
	if (s->present & VMFENCE_SETTING_THRESHOLD) {
		printf("%sthreshold %u", sep, s->threshold);
		sep = ", ";
	}
	if (s->present & VMFENCE_SETTING_BIND_TPM) {
		printf("%sbind-tpm %u EK%s", sep, s->nr_bind, s->nr_bind == 1 ? "" : "s");
		sep = ", ";
	}
	if (s->present & VMFENCE_SETTING_LOCK)
		printf("%slock", sep);
}

static int check_json(const char *path, int ret,
		      const struct vmfence_policy_parser *parser,
		      const struct seen *seen)
{
	const struct vmfence_settings *s = &parser->settings;
	char hex[2 * VMFENCE_SHA256_SIZE + 1];
	struct json j;
	u32 i, k;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "file", path);
	json_bool(&j, "valid", !ret);
	if (ret) {
		json_object_begin(&j, "error");
		json_uint(&j, "line", parser->error.line);
		json_uint(&j, "column", parser->error.col);
		json_string(&j, "message", parser->error.msg);
		if (ret == -EEXIST && seen->dup_line)
			json_uint(&j, "first_line", seen->dup_line);
		json_object_end(&j);
	} else {
		json_uint(&j, "rules", parser->nr_rules);
		json_object_begin(&j, "settings");
		if (s->present & VMFENCE_SETTING_MODE)
			json_string(&j, "mode", vmfence_mode_names[s->mode]);
		else
			json_null(&j, "mode");
		if (s->present & VMFENCE_SETTING_THRESHOLD)
			json_uint(&j, "threshold", s->threshold);
		else
			json_null(&j, "threshold");
		json_bool(&j, "lock", s->present & VMFENCE_SETTING_LOCK);
		/* The EKs as the kernel keeps them: sorted, lower case. */
		json_array_begin(&j, "bind_tpm");
		for (i = 0; i < seen->nr_bind; i++) {
			for (k = 0; k < VMFENCE_SHA256_SIZE; k++)
				snprintf(hex + 2 * k, 3, "%02x",
					 seen->bind[i * VMFENCE_SHA256_SIZE + k]);
			json_string(&j, NULL, hex);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_object_end(&j);
	return json_finish(&j) || ret;
}

/*
 * Parse the text of FILE as the kernel would, refusing duplicates as its
 * store does unless @seen is NULL; print "FILE:LINE:COL: reason" to stderr
 * when it fails. Return 0 or a parse error (@parser->error says where).
 * @seen keeps the matches: free it with seen_free().
 */
static int parse_text(const char *path, const char *text, size_t len,
		      struct vmfence_policy_parser *parser, struct seen *seen)
{
	int ret;

	parser->rule = seen ? seen_add : NULL;
	parser->bind = seen ? seen_bind : NULL;
	parser->ctx = seen;
	ret = vmfence_policy_parse(parser, text, len);
	if (ret) {
		fprintf(stderr, "%s:%u:%u: %s\n", path, parser->error.line,
			parser->error.col, parser->error.msg);
		if (ret == -EEXIST && seen && seen->dup_line)
			fprintf(stderr, "%s:%u: note: the earlier rule is here\n", path,
				seen->dup_line);
	}
	return ret;
}

/* As parse_text(), FILE read first; 1 when it cannot be read. */
static int parse_file(const char *path, char **text, size_t *len,
		      struct vmfence_policy_parser *parser, struct seen *seen)
{
	int ret;

	ret = read_policy(path, text, len);
	if (ret) {
		ctl_err("%s: %s", path, strerror(-ret));
		return 1;
	}
	return parse_text(path, *text, *len, parser, seen);
}

/* policy check FILE: parse as the kernel would, without the module. */
static int policy_check(struct ctl *ctl, int argc, char **argv)
{
	char scratch[VMFENCE_PATH_MAX];
	struct vmfence_policy_parser parser = { .scratch = scratch };
	struct seen seen = { 0 };
	const char *path;
	char *text = NULL;
	size_t len = 0;
	int ret;

	if (argc != 2)
		return ctl_err("usage: vmfencectl policy check FILE");
	path = argv[1];
	ret = parse_file(path, &text, &len, &parser, &seen);
	free(text);
	if (ret != 1 && ctl->json)
		ret = check_json(path, ret, &parser, &seen);
	else if (ret)
		ret = 1;
	seen_free(&seen);
	if (ret || ctl->json)
		return ret;
	printf("%s: OK, %u rule%s", path, parser.nr_rules,
	       parser.nr_rules == 1 ? "" : "s");
	print_settings(&parser.settings);
	printf("\n");
	return 0;
}

/* Send (text, len) in chunks cut at line ends, each at most the limit. */
static int load_chunks(struct ctl_nl *nl, const char *text, size_t len,
		       struct ctl_nl_err *err)
{
	struct nl_msg *msg;
	size_t off = 0, n;
	int ret;

	while (off < len) {
		n = len - off;
		if (n > VMFENCE_POLICY_CHUNK_MAX) {
			n = VMFENCE_POLICY_CHUNK_MAX;
			while (n && text[off + n - 1] != '\n')
				n--;
			if (!n)
				return err->error = -E2BIG;
		}
		msg = ctl_nl_msg(nl, VMFENCE_CMD_POLICY_LOAD);
		if (!msg || nla_put(msg, VMFENCE_A_POLICY_TEXT, n, text + off)) {
			nlmsg_free(msg);
			return err->error = -ENOMEM;
		}
		ret = ctl_nl_do(nl, msg, false, NULL, NULL, err);
		if (ret)
			return ret;
		off += n;
	}
	return 0;
}

struct committed {
	uint64_t generation;
	uint32_t rules;
};

static int committed_cb(struct nlattr **tb, void *arg)
{
	struct committed *c = arg;

	if (!tb[VMFENCE_A_GENERATION] || !tb[VMFENCE_A_RULE_COUNT])
		return -EBADMSG;
	c->generation = nla_get_u64(tb[VMFENCE_A_GENERATION]);
	c->rules = nla_get_u32(tb[VMFENCE_A_RULE_COUNT]);
	return 0;
}

/* The whole transaction: BEGIN, the chunks, COMMIT; ABORT on failure. */
static int load_text(struct ctl_nl *nl, const char *text, size_t len,
		     struct committed *c, struct ctl_nl_err *err)
{
	struct ctl_nl_err ignored;
	struct nl_msg *msg;
	int ret;

	msg = ctl_nl_msg(nl, VMFENCE_CMD_POLICY_BEGIN);
	if (!msg)
		return err->error = -ENOMEM;
	ret = ctl_nl_do(nl, msg, false, NULL, NULL, err);
	if (ret)
		return ret;
	ret = load_chunks(nl, text, len, err);
	if (!ret) {
		msg = ctl_nl_msg(nl, VMFENCE_CMD_POLICY_COMMIT);
		if (!msg)
			ret = err->error = -ENOMEM;
		else
			ret = ctl_nl_do(nl, msg, false, committed_cb, c, err);
	}
	/* A failed chunk already ended the transaction; other failures not. */
	if (ret && !err->has_pos) {
		msg = ctl_nl_msg(nl, VMFENCE_CMD_POLICY_ABORT);
		if (msg)
			ctl_nl_do(nl, msg, false, NULL, NULL, &ignored);
	}
	return ret;
}

static void load_error_json(const char *path, unsigned int line,
			    unsigned int col, const char *message)
{
	struct json j;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "file", path);
	json_bool(&j, "loaded", false);
	json_object_begin(&j, "error");
	if (line) {
		json_uint(&j, "line", line);
		json_uint(&j, "column", col);
	}
	json_string(&j, "message", message);
	json_object_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

/*
 * The kernel refused the line at @pos: say why. The local parser, duplicates
 * included, finds the same mistake at the same place and words it on every
 * kernel; the kernel's own reason is the fallback.
 */
static void load_refused(struct ctl *ctl, const char *path, const char *text,
			 size_t len, const struct ctl_nl_err *err)
{
	char scratch[VMFENCE_PATH_MAX];
	struct vmfence_policy_parser parser = { .scratch = scratch };
	struct seen seen = { 0 };
	const char *why = err->msg;
	int skip = 0;

	if (parse_text(path, text, len, &parser, &seen) &&
	    parser.error.line == err->pos.line) {
		if (ctl->json)
			load_error_json(path, parser.error.line, parser.error.col,
					parser.error.msg);
		seen_free(&seen);
		return;
	}
	seen_free(&seen);
	/* Kernels that format the reason put the position first. */
	if (sscanf(why, "%*u:%*u: %n", &skip) == 0 && skip > 0)
		why += skip;
	fprintf(stderr, "%s:%u:%u: %s\n", path, err->pos.line, err->pos.column,
		why);
	if (ctl->json)
		load_error_json(path, err->pos.line, err->pos.column, why);
}

/*
 * policy load FILE: parse here first, so that a mistake of syntax is
 * reported at its exact place without touching the module; then replace
 * the running policy in one transaction. Duplicates are left to the
 * kernel's store, which refuses them anyway: looking for them here too
 * would double the userspace cost of a large policy for no gain.
 */
static int policy_load(struct ctl *ctl, int argc, char **argv)
{
	char scratch[VMFENCE_PATH_MAX];
	struct vmfence_policy_parser parser = { .scratch = scratch };
	struct committed c = { 0 };
	struct ctl_nl_err err;
	struct ctl_nl nl;
	char *text = NULL, *grown;
	const char *path;
	size_t len = 0;
	struct json j;
	int ret;

	if (argc != 2)
		return ctl_err("usage: vmfencectl policy load FILE");
	path = argv[1];
	ret = parse_file(path, &text, &len, &parser, NULL);
	if (ret) {
		if (ret != 1 && ctl->json)
			load_error_json(path, parser.error.line, parser.error.col,
					parser.error.msg);
		free(text);
		return 1;
	}
	/* The module takes whole lines. */
	if (len && text[len - 1] != '\n') {
		grown = realloc(text, len + 1);
		if (!grown) {
			free(text);
			return ctl_err("policy load: out of memory");
		}
		text = grown;
		text[len++] = '\n';
	}
	if (ctl_nl_open(&nl)) {
		free(text);
		return 1;
	}
	ret = load_text(&nl, text, len, &c, &err);
	ctl_nl_close(&nl);
	if (ret && err.has_pos)
		load_refused(ctl, path, text, len, &err);
	free(text);
	if (ret && err.has_pos)
		return 1;
	if (ret)
		return ctl_nl_fail(ctl, "policy load", &err);
	if (ctl->json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_string(&j, "file", path);
		json_bool(&j, "loaded", true);
		json_uint(&j, "rules", c.rules);
		json_uint(&j, "generation", c.generation);
		json_object_end(&j);
		return json_finish(&j);
	}
	printf("%s: loaded, %u rule%s", path, c.rules, c.rules == 1 ? "" : "s");
	print_settings(&parser.settings);
	printf("; generation %" PRIu64 "\n", c.generation);
	return ferror(stdout) ? 1 : 0;
}

/* Write (text, len) to @path through a temporary file renamed over it. */
static int write_atomically(const char *path, const char *text, size_t len)
{
	char tmp[4096];
	FILE *f;
	int ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >=
	    (int)sizeof(tmp))
		return -ENAMETOOLONG;
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	if (fwrite(text, 1, len, f) != len || fflush(f) || fsync(fileno(f)))
		ret = errno ? -errno : -EIO;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}

/*
 * policy save [FILE]: the running policy as canonical text, settings and
 * rules of one generation; its SHA-256 is the digest "report" shows.
 */
static int policy_save(struct ctl *ctl, int argc, char **argv)
{
	char hex[DIGEST_SHA256_HEX_SIZE];
	struct ctl_rules rules;
	struct ctl_status st;
	struct ctl_nl_err err;
	const char *path;
	struct ctl_nl nl;
	size_t len = 0;
	char *text;
	struct json j;
	int ret;

	if (argc > 2)
		return ctl_err("usage: vmfencectl [-j] policy save [FILE]");
	path = argc == 2 ? argv[1] : NULL;
	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_policy(&nl, &text, &len, &st, &rules, &err);
	ctl_nl_close(&nl);
	if (ret)
		return ctl_nl_fail(ctl, "policy save", &err);
	ctl_rules_free(&rules);
	if (digest_sha256_hex(text, len, hex)) {
		free(text);
		return ctl_err("policy save: libcrypto gave no SHA-256");
	}
	if (path) {
		ret = write_atomically(path, text, len);
		if (ret) {
			free(text);
			return ctl_err("policy save: %s: %s", path, strerror(-ret));
		}
	}
	if (ctl->json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		if (path)
			json_string(&j, "file", path);
		json_uint(&j, "generation", st.generation);
		json_uint(&j, "rules", st.rules);
		json_string(&j, "sha256", hex);
		if (!path)
			json_string_len(&j, "policy", text, len);
		json_object_end(&j);
		ret = json_finish(&j);
	} else if (path) {
		printf("%s: saved generation %" PRIu64 ", %u rule%s, sha256 %s\n", path,
		       st.generation, st.rules, st.rules == 1 ? "" : "s", hex);
		ret = ferror(stdout) ? 1 : 0;
	} else {
		ret = fwrite(text, 1, len, stdout) != len || fflush(stdout);
	}
	free(text);
	return ret;
}

static const struct ctl_cmd policy_cmds[] = {
	{ "check", "FILE", "parse FILE as the module would; no module needed",
	  policy_check },
	{ "load", "FILE", "replace the running policy with FILE, atomically",
	  policy_load },
	{ "save", "[FILE]", "the running policy, as text; its sha256 is the digest",
	  policy_save },
};

int cmd_policy(struct ctl *ctl, int argc, char **argv)
{
	return ctl_subcommand(ctl, "policy", policy_cmds, ARRAY_SIZE(policy_cmds),
			      argc, argv);
}
