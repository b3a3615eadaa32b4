// SPDX-License-Identifier: GPL-2.0
/* rule_fuzz.c - libFuzzer target: the policy grammar's parser and printer */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rule_parse.h"

/*
 * Rules parsed from one text, their values copied; the canonical text of
 * the rules, then of the whole policy.
 */
struct policy {
	struct vmfence_rule *rules;
	size_t n, cap;
	char *text;
	size_t len, size;
	char *canon;
	size_t canon_len;
};

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		abort();
	return p;
}

static void append(struct policy *p, const char *s, size_t len)
{
	if (p->len + len + 1 > p->size) {
		p->size = 2 * (p->len + len + 1);
		p->text = xrealloc(p->text, p->size);
	}
	memcpy(p->text + p->len, s, len);
	p->len += len;
	p->text[p->len] = '\0';
}

static int collect(void *ctx, const struct vmfence_rule *rule)
{
	static char line[VMFENCE_RULE_TEXT_MAX];
	struct policy *p = ctx;
	struct vmfence_rule *copy;
	int n;

	n = vmfence_rule_print(rule, line, sizeof(line));
	if (n < 0 || n > VMFENCE_LINE_MAX)
		abort();
	append(p, line, n);
	append(p, "\n", 1);

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->rules = xrealloc(p->rules, p->cap * sizeof(*p->rules));
	}
	copy = &p->rules[p->n++];
	*copy = *rule;
	copy->value = xrealloc(NULL, rule->value_len + 1);
	if (rule->value_len)
		memcpy((char *)copy->value, rule->value, rule->value_len);
	return 0;
}

static void policy_free(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free((char *)p->rules[i].value);
	free(p->rules);
	free(p->text);
	free(p->canon);
	memset(p, 0, sizeof(*p));
}

/* Parse @text into @p; on success @p->canon is the canonical policy. */
static int parse(const char *text, size_t len, struct policy *p,
		 struct vmfence_policy_parser *parser)
{
	static char scratch[VMFENCE_PATH_MAX];
	char settings[64];
	int ret, n;

	memset(parser, 0, sizeof(*parser));
	parser->rule = collect;
	parser->ctx = p;
	parser->scratch = scratch;
	ret = vmfence_policy_parse(parser, text, len);
	if (ret) {
		/* A refusal says where and why. */
		if (ret != -EINVAL || parser->error.err != ret ||
		    !parser->error.line || !parser->error.col ||
		    parser->error.col > VMFENCE_LINE_MAX + 1 ||
		    !parser->error.msg[0] ||
		    !memchr(parser->error.msg, '\0', sizeof(parser->error.msg)))
			abort();
		return ret;
	}
	if (parser->nr_rules != p->n)
		abort();
	n = vmfence_settings_print(&parser->settings, settings, sizeof(settings));
	if (n < 0 || (size_t)n >= sizeof(settings))
		abort();
	/* Settings come first in the canonical text. */
	p->canon_len = n + p->len;
	p->canon = xrealloc(NULL, p->canon_len + 1);
	memcpy(p->canon, settings, n);
	if (p->len)
		memcpy(p->canon + n, p->text, p->len);
	return 0;
}

/* Any text the policy parser accepts: print, parse, print is a fixed point. */
static void policy_round_trip(const char *text, size_t len)
{
	struct vmfence_policy_parser first, second;
	struct policy a = { 0 }, b = { 0 };
	size_t i;

	if (parse(text, len, &a, &first))
		goto out;
	if (parse(a.canon, a.canon_len, &b, &second))
		abort();
	if (!vmfence_settings_equal(&first.settings, &second.settings) ||
	    a.n != b.n || a.canon_len != b.canon_len ||
	    memcmp(a.canon, b.canon, a.canon_len))
		abort();
	for (i = 0; i < a.n; i++)
		if (!vmfence_rule_equal(&a.rules[i], &b.rules[i]))
			abort();
out:
	policy_free(&a);
	policy_free(&b);
}

/* Any text the single-rule parser accepts prints to a rule that parses back. */
static void single_round_trip(const char *text, size_t len)
{
	static char scratch[VMFENCE_PATH_MAX], again_scratch[VMFENCE_PATH_MAX];
	static char line[VMFENCE_RULE_TEXT_MAX], again_line[VMFENCE_RULE_TEXT_MAX];
	struct vmfence_rule rule, again;
	struct vmfence_parse_error error;
	int n;

	if (vmfence_rule_parse(text, len, scratch, &rule, &error))
		return;
	n = vmfence_rule_print(&rule, line, sizeof(line));
	if (n < 0 || n > VMFENCE_LINE_MAX)
		abort();
	if (vmfence_rule_parse(line, n, again_scratch, &again, &error) ||
	    !vmfence_rule_equal(&rule, &again) ||
	    vmfence_rule_print(&again, again_line, sizeof(again_line)) != n ||
	    memcmp(line, again_line, n))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	/* A copy of exactly @size bytes, so that ASan sees any overread. */
	char *text = xrealloc(NULL, size ? size : 1);

	memcpy(text, data, size);
	policy_round_trip(text, size);
	single_round_trip(text, size);
	free(text);
	return 0;
}
