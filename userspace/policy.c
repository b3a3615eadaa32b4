// SPDX-License-Identifier: GPL-2.0
/* policy.c - vmfencectl policy: whole policy files */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rule_parse.h"
#include "json.h"
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
};

static u64 match_hash(const struct vmfence_rule *rule)
{
	const u8 *p = rule->match == VMFENCE_RULE_SHA256 ?
		      rule->sha256 : (const u8 *)rule->value;
	size_t len = rule->match == VMFENCE_RULE_SHA256 ?
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

static void seen_free(struct seen *seen)
{
	size_t i;

	for (i = 0; i < seen->cap; i++)
		free((char *)seen->slots[i].value);
	free(seen->slots);
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
	if (s->present & VMFENCE_SETTING_LOCK)
		printf("%slock", sep);
}

static int check_json(const char *path, int ret,
		      const struct vmfence_policy_parser *parser,
		      const struct seen *seen)
{
	const struct vmfence_settings *s = &parser->settings;
	struct json j;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "file", path);
	json_bool(&j, "valid", !ret);
	if (ret) {
		json_object_begin(&j, "error");
		json_uint(&j, "line", parser->error.line);
		json_uint(&j, "column", parser->error.col);
		json_string(&j, "message", parser->error.msg);
		if (ret == -EEXIST)
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
		json_object_end(&j);
	}
	json_object_end(&j);
	return json_finish(&j) || ret;
}

/* policy check FILE: parse as the kernel would, without the module. */
static int policy_check(struct ctl *ctl, int argc, char **argv)
{
	char scratch[VMFENCE_PATH_MAX];
	struct vmfence_policy_parser parser = {
		.rule = seen_add,
		.scratch = scratch,
	};
	struct seen seen = { 0 };
	const char *path;
	char *text = NULL;
	size_t len = 0;
	int ret;

	if (argc != 2)
		return ctl_err("usage: vmfencectl policy check FILE");
	path = argv[1];
	ret = read_policy(path, &text, &len);
	if (ret)
		return ctl_err("%s: %s", path, strerror(-ret));
	parser.ctx = &seen;
	ret = vmfence_policy_parse(&parser, text, len);
	free(text);
	seen_free(&seen);

	if (ret) {
		fprintf(stderr, "%s:%u:%u: %s\n", path, parser.error.line,
			parser.error.col, parser.error.msg);
		if (ret == -EEXIST)
			fprintf(stderr, "%s:%u: note: the earlier rule is here\n", path,
				seen.dup_line);
	}
	if (ctl->json)
		return check_json(path, ret, &parser, &seen);
	if (ret)
		return 1;
	printf("%s: OK, %u rule%s", path, parser.nr_rules,
	       parser.nr_rules == 1 ? "" : "s");
	print_settings(&parser.settings);
	printf("\n");
	return 0;
}

static const struct ctl_cmd policy_cmds[] = {
	{ "check", "FILE", "parse FILE as the module would; no module needed",
	  policy_check },
};

static int policy_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: vmfencectl [-j] policy COMMAND [ARGS]\n\n");
	for (i = 0; i < ARRAY_SIZE(policy_cmds); i++)
		fprintf(f, "  policy %-6s %-8s %s\n", policy_cmds[i].name,
			policy_cmds[i].synopsis, policy_cmds[i].help);
	return f == stderr;
}

int cmd_policy(struct ctl *ctl, int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return policy_usage(stderr);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help"))
		return policy_usage(stdout);
	for (i = 0; i < ARRAY_SIZE(policy_cmds); i++)
		if (!strcmp(argv[1], policy_cmds[i].name))
			return policy_cmds[i].run(ctl, argc - 1, argv + 1);
	ctl_err("unknown policy command '%s'", argv[1]);
	return policy_usage(stderr);
}
