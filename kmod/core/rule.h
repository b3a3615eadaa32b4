/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rule.h - policy rules and settings, and their canonical text
 *
 * A rule reads "ACTION TARGET MATCH [CONDITION...]" (Documentation/policy.rst).
 * struct vmfence_rule is the parsed, transient form: a path, label or module
 * name is not copied into it but referenced as (pointer, length) into the
 * text it was parsed from or the parser's scratch buffer. The policy store
 * copies what it keeps into its own compact layout.
 */
#ifndef VMFENCE_CORE_RULE_H
#define VMFENCE_CORE_RULE_H

#include <linux/vmfence.h>

#include "port.h"

/* Longest values, in bytes, after unquoting; none counts a NUL. */
#define VMFENCE_PATH_MAX	4095	/* PATH_MAX - 1 */
#define VMFENCE_LABEL_MAX	64
#define VMFENCE_NAME_MAX	55	/* MODULE_NAME_LEN - 1 */
#define VMFENCE_SHA256_SIZE	32

/*
 * Longest line of policy text, newline excluded. The canonical text of any
 * rule (at most 16,528 bytes: a path whose 4094 bytes after the '/' are all
 * escaped, and every condition) fits in one line, so every printed rule
 * parses again.
 */
#define VMFENCE_LINE_MAX	32768
/* A buffer this large always holds a rule's canonical text and its NUL. */
#define VMFENCE_RULE_TEXT_MAX	(VMFENCE_LINE_MAX + 1)

/*
 * The rule's action, target and match, the policy's mode and the part a
 * file plays in an exec are the ABI's own enums (include/uapi/linux/
 * vmfence.h: enum vmfence_rule_action, vmfence_rule_target,
 * vmfence_rule_match_type, vmfence_policy_mode, vmfence_exec_role), valid
 * in the kernel and in user space alike; each ends in a _COUNT.
 */

/**
 * struct vmfence_rule - one parsed rule
 * @action: enum vmfence_rule_action
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type; selects @value or @sha256
 * @value_len: bytes at @value
 * @line: line of the text the rule was parsed from; not part of the rule
 * @on_hv: bit (1 << enum vmfence_hv) set for each hypervisor the rule is
 *	limited to (on=); 0 when it applies on every hypervisor
 * @allow_cc: bit (1 << enum vmfence_cc) set for each confidential-VM type
 *	inside which the rule does not apply (allow-cc=); 0 for none
 * @roles: bit (1 << enum vmfence_exec_role) set for each part of an exec the
 *	rule is limited to (as=, target exec only); 0 for every part
 * @value: path, label or module name, not NUL-terminated; borrowed from
 *	the parsed text or the parser's scratch buffer
 * @sha256: the digest, for VMFENCE_RULE_MATCH_SHA256
 */
struct vmfence_rule {
	u8 action;
	u8 target;
	u8 match;
	u8 roles;
	u16 value_len;
	u32 line;
	u32 on_hv;
	u32 allow_cc;
	const char *value;
	u8 sha256[VMFENCE_SHA256_SIZE];
};

/* Bits of vmfence_settings.present: the settings a policy gave. */
enum vmfence_setting {
	VMFENCE_SETTING_MODE = 0x1,
	VMFENCE_SETTING_THRESHOLD = 0x2,
	VMFENCE_SETTING_LOCK = 0x4,
	VMFENCE_SETTING_BIND_TPM = 0x8,
};

/*
 * EKs a "bind-tpm ek-sha256=HEX[,HEX...]" line of canonical text lists:
 * the line is 19 + 65 * 256 - 1 = 16,658 bytes, well within
 * VMFENCE_LINE_MAX. A longer list takes several lines, which add up: a
 * line cannot hold VMFENCE_BIND_TPM_MAX entries.
 */
#define VMFENCE_BIND_TPM_PER_LINE	256

/**
 * struct vmfence_settings - the global settings a policy gives
 * @present: VMFENCE_SETTING_* bits; a setting not given keeps its value
 * @mode: enum vmfence_policy_mode, when VMFENCE_SETTING_MODE is present
 * @threshold: 0-100, when VMFENCE_SETTING_THRESHOLD is present
 * @nr_bind: EKs the bind-tpm lines listed, when VMFENCE_SETTING_BIND_TPM is
 *	present; the EKs themselves go to the parser's bind callback
 */
struct vmfence_settings {
	u8 present;
	u8 mode;
	u8 threshold;
	u16 nr_bind;
};

/* The words of the grammar, indexed by the enums above. */
extern const char *const vmfence_action_names[VMFENCE_RULE_ACTION_COUNT];
extern const char *const vmfence_target_names[VMFENCE_RULE_TARGET_COUNT];
extern const char *const vmfence_rule_match_keys[VMFENCE_RULE_MATCH_COUNT];
extern const char *const vmfence_mode_names[VMFENCE_POLICY_MODE_COUNT];
extern const char *const vmfence_role_names[VMFENCE_EXEC_ROLE_COUNT];

int vmfence_rule_print(const struct vmfence_rule *rule, char *buf, size_t size);
int vmfence_settings_print(const struct vmfence_settings *settings,
			   char *buf, size_t size);
bool vmfence_rule_same_match(const struct vmfence_rule *a,
			     const struct vmfence_rule *b);
bool vmfence_rule_equal(const struct vmfence_rule *a,
			const struct vmfence_rule *b);
bool vmfence_settings_equal(const struct vmfence_settings *a,
			    const struct vmfence_settings *b);
int vmfence_bind_insert(u8 *list, u32 *n,
			const u8 *ek_sha256);
bool vmfence_bind_find(const u8 *list, u32 n,
		       const u8 *ek_sha256);
int vmfence_bind_print(const u8 *list, u32 n,
		       char *buf, size_t size);

#endif /* VMFENCE_CORE_RULE_H */
