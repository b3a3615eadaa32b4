/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rule_parse.h - the policy grammar: one rule, or a whole policy file
 *
 * The parser reads (buffer, length), never a NUL-terminated string, so that
 * a NUL inside the text is an error rather than its end. It allocates
 * nothing: values are borrowed from the text, or, for a quoted path, from a
 * scratch buffer of VMFENCE_PATH_MAX bytes that the caller provides.
 */
#ifndef VMFENCE_CORE_RULE_PARSE_H
#define VMFENCE_CORE_RULE_PARSE_H

#include "rule.h"

/**
 * struct vmfence_parse_error - where and why the text was refused
 * @line: 1-based line of the mistake
 * @col: 1-based byte column of the mistake
 * @err: the negative errno the parse returned
 * @msg: what was expected and what was found, without position or newline
 */
struct vmfence_parse_error {
	u32 line;
	u32 col;
	int err;
	char msg[128];
};

/**
 * struct vmfence_policy_parser - a whole-policy parse
 * @rule: called for each rule, in order, or NULL to only check the text.
 *	The rule and what its value points to live until the call returns.
 *	Returns 0, or a negative errno that ends the parse and is reported at
 *	the rule's match: -EEXIST for a duplicate match, -ENOSPC for too many
 *	rules, -ENOMEM, or any other.
 * @bind: called for each EK a bind-tpm line lists (its 32-byte ek_sha256),
 *	in order, or NULL to only check the text. Returns 0, or a negative
 *	errno that ends the parse and is reported at the EK: -EEXIST for an
 *	EK listed before, -ENOSPC for more than VMFENCE_BIND_TPM_MAX,
 *	-ENOMEM, or any other.
 * @ctx: passed to @rule and @bind
 * @scratch: VMFENCE_PATH_MAX bytes for unquoting paths
 * @settings: out: the settings the policy gave
 * @nr_rules: out: how many rules were parsed and accepted by @rule
 * @error: out: set when the parse fails
 */
struct vmfence_policy_parser {
	int (*rule)(void *ctx, const struct vmfence_rule *rule);
	int (*bind)(void *ctx, const u8 *ek_sha256);
	void *ctx;
	char *scratch;
	struct vmfence_settings settings;
	u32 nr_rules;
	struct vmfence_parse_error error;
};

int vmfence_policy_parse(struct vmfence_policy_parser *parser,
			 const char *text, size_t len);
int vmfence_rule_parse(const char *text, size_t len, char *scratch,
		       struct vmfence_rule *rule,
		       struct vmfence_parse_error *error);

#endif /* VMFENCE_CORE_RULE_PARSE_H */
