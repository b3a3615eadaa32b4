// SPDX-License-Identifier: GPL-2.0
/* rule.c - vmfencectl rule: add, delete and list single rules */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/rule_parse.h"
#include "json.h"
#include "query.h"
#include "vmfencectl.h"

/* "rule add deny exec path=/x": the words after "add", one rule again. */
static char *join(int argc, char **argv)
{
	size_t len = 1;
	char *text;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = calloc(1, len);
	if (!text)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	return text;
}

/* Show where in @text the mistake at 1-based column @col is. */
static void show_position(const char *text, unsigned int col)
{
	fprintf(stderr, "  %s\n  %*s^\n", text, (int)col - 1, "");
}

struct added {
	uint32_t id;
	uint64_t generation;
	char text[VMFENCE_RULE_TEXT_MAX];
};

static int added_cb(struct nlattr **tb, void *arg)
{
	struct nlattr *r[VMFENCE_A_RULE_MAX + 1];
	struct added *a = arg;

	if (!tb[VMFENCE_A_RULE] || !tb[VMFENCE_A_GENERATION] ||
	    nla_parse_nested(r, VMFENCE_A_RULE_MAX, tb[VMFENCE_A_RULE], NULL) ||
	    !r[VMFENCE_A_RULE_ID])
		return -EBADMSG;
	a->id = nla_get_u32(r[VMFENCE_A_RULE_ID]);
	a->generation = nla_get_u64(tb[VMFENCE_A_GENERATION]);
	snprintf(a->text, sizeof(a->text), "%s", ctl_nla_str(r[VMFENCE_A_RULE_TEXT]));
	return 0;
}

/* rule add RULE...: checked here with the module's parser, then sent. */
static int rule_add(struct ctl *ctl, int argc, char **argv)
{
	static char scratch[VMFENCE_PATH_MAX];
	static struct added added;
	struct vmfence_parse_error perr;
	struct vmfence_rule rule;
	struct ctl_nl_err err;
	struct nlattr *nest;
	struct nl_msg *msg;
	struct ctl_nl nl;
	struct json j;
	char *text;
	int ret;

	if (argc < 2)
		return ctl_err("usage: vmfencectl rule add ACTION TARGET MATCH [CONDITION...]");
	text = join(argc - 1, argv + 1);
	if (!text)
		return ctl_err("rule add: out of memory");
	if (vmfence_rule_parse(text, strlen(text), scratch, &rule, &perr)) {
		ctl_err("rule add: %u:%u: %s", perr.line, perr.col, perr.msg);
		show_position(text, perr.col);
		if (ctl->json) {
			json_init(&j, stdout);
			json_object_begin(&j, NULL);
			json_object_begin(&j, "error");
			json_string(&j, "command", "rule add");
			json_uint(&j, "line", perr.line);
			json_uint(&j, "column", perr.col);
			json_string(&j, "message", perr.msg);
			json_object_end(&j);
			json_object_end(&j);
			json_finish(&j);
		}
		free(text);
		return 1;
	}

	if (ctl_nl_open(&nl)) {
		free(text);
		return 1;
	}
	msg = ctl_nl_msg(&nl, VMFENCE_CMD_RULE_ADD);
	nest = msg ? nla_nest_start(msg, VMFENCE_A_RULE | NLA_F_NESTED) : NULL;
	if (!nest || nla_put_string(msg, VMFENCE_A_RULE_TEXT, text)) {
		nlmsg_free(msg);
		ctl_nl_close(&nl);
		free(text);
		return ctl_err("rule add: out of memory");
	}
	nla_nest_end(msg, nest);
	ret = ctl_nl_do(&nl, msg, false, added_cb, &added, &err);
	ctl_nl_close(&nl);
	if (ret) {
		ctl_nl_fail(ctl, "rule add", &err);
		if (err.has_pos)
			show_position(text, err.pos.column);
		free(text);
		return 1;
	}
	free(text);
	if (!ctl->json) {
		printf("rule %" PRIu32 " added: %s (generation %" PRIu64 ")\n",
		       added.id, added.text, added.generation);
		return ferror(stdout) ? 1 : 0;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_uint(&j, "id", added.id);
	json_string(&j, "rule", added.text);
	json_uint(&j, "generation", added.generation);
	json_object_end(&j);
	return json_finish(&j);
}

/* rule del ID */
static int rule_del(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_nl_err err;
	struct nlattr *nest;
	struct nl_msg *msg;
	struct ctl_nl nl;
	unsigned long id;
	struct json j;

	if (argc != 2)
		return ctl_err("usage: vmfencectl rule del ID");
	if (ctl_parse_ulong(argv[1], UINT32_MAX, &id) || !id)
		return ctl_err("rule del: '%s' is not a rule id (see rule list)", argv[1]);
	if (ctl_nl_open(&nl))
		return 1;
	msg = ctl_nl_msg(&nl, VMFENCE_CMD_RULE_DEL);
	nest = msg ? nla_nest_start(msg, VMFENCE_A_RULE | NLA_F_NESTED) : NULL;
	if (!nest || nla_put_u32(msg, VMFENCE_A_RULE_ID, id)) {
		nlmsg_free(msg);
		ctl_nl_close(&nl);
		return ctl_err("rule del: out of memory");
	}
	nla_nest_end(msg, nest);
	if (ctl_nl_do(&nl, msg, false, NULL, NULL, &err)) {
		ctl_nl_close(&nl);
		return ctl_nl_fail(ctl, "rule del", &err);
	}
	ctl_nl_close(&nl);
	if (!ctl->json) {
		printf("rule %lu deleted\n", id);
		return ferror(stdout) ? 1 : 0;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_uint(&j, "deleted", id);
	json_object_end(&j);
	return json_finish(&j);
}

/* The grammar's word for value @i of an enum of @n, or "unknown". */
static const char *name_of(const char *const *names, size_t n, unsigned int i)
{
	return i < n ? names[i] : "unknown";
}

static void rule_json(struct json *j, const struct ctl_rule *r)
{
	char hex[2 * VMFENCE_SHA256_SIZE + 1];
	size_t i;

	json_object_begin(j, NULL);
	json_uint(j, "id", r->id);
	json_string(j, "rule", r->text);
	json_string(j, "action", name_of(vmfence_action_names,
					  VMFENCE_RULE_ACTION_COUNT, r->action));
	json_string(j, "target", name_of(vmfence_target_names,
					  VMFENCE_RULE_TARGET_COUNT, r->target));
	json_string(j, "match", name_of(vmfence_rule_match_keys,
					 VMFENCE_RULE_MATCH_COUNT, r->match));
	if (r->match == VMFENCE_RULE_MATCH_SHA256 &&
	    r->value_len == VMFENCE_SHA256_SIZE) {
		for (i = 0; i < VMFENCE_SHA256_SIZE; i++)
			sprintf(hex + 2 * i, "%02x", r->value[i]);
		json_string(j, "value", hex);
	} else {
		json_string_len(j, "value", (const char *)r->value, r->value_len);
	}
	json_object_end(j);
}

/* rule list: every rule of one generation, in id order. */
static int rule_list(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_rules rules;
	struct ctl_status st;
	struct ctl_nl_err err;
	struct ctl_nl nl;
	struct json j;
	size_t i;
	int ret;

	if (argc != 1)
		return ctl_err("usage: vmfencectl [-j] rule list");
	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_rules(&nl, &rules, &err);
	/* With no rule listed, the generation comes from the status. */
	if (!ret && !rules.n) {
		ret = ctl_get_status(&nl, &st, &err);
		rules.generation = st.generation;
	}
	ctl_nl_close(&nl);
	if (ret)
		return ctl_nl_fail(ctl, "rule list", &err);
	if (ctl->json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_uint(&j, "generation", rules.generation);
		json_array_begin(&j, "rules");
		for (i = 0; i < rules.n; i++)
			rule_json(&j, &rules.v[i]);
		json_array_end(&j);
		json_object_end(&j);
		ret = json_finish(&j);
	} else {
		printf("generation %" PRIu64 ", %zu rule%s\n", rules.generation,
		       rules.n, rules.n == 1 ? "" : "s");
		if (rules.n)
			printf("%8s  %s\n", "ID", "RULE");
		for (i = 0; i < rules.n; i++)
			printf("%8" PRIu32 "  %s\n", rules.v[i].id, rules.v[i].text);
		ret = ferror(stdout) ? 1 : 0;
	}
	ctl_rules_free(&rules);
	return ret;
}

static const struct ctl_cmd rule_cmds[] = {
	{ "add", "RULE...", "add one rule, e.g. deny exec sha256=HEX", rule_add },
	{ "del", "ID", "delete the rule with this id", rule_del },
	{ "list", "", "every rule, with its id", rule_list },
};

int cmd_rule(struct ctl *ctl, int argc, char **argv)
{
	return ctl_subcommand(ctl, "rule", rule_cmds, ARRAY_SIZE(rule_cmds),
			      argc, argv);
}
