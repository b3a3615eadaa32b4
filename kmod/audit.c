// SPDX-License-Identifier: GPL-2.0
/* audit.c - the kernel audit record of one decision, a sink of record.c */

#include <linux/audit.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/vmfence.h>

#include "audit.h"
#include "core/ids.h"
#include "core/rule.h"

/*
 * Whether the audit tools would misread @s printed as it is: the kernel's
 * audit_string_contains_control(), which modules cannot call.
 */
static bool needs_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '"' || (u8)s[i] < 0x21 || (u8)s[i] > 0x7e)
			return true;
	return false;
}

/*
 * " KEY=VALUE" for a string the user chose, as audit_log_untrustedstring()
 * writes it: in double quotes, or in upper-case hex when it holds a quote,
 * a blank, a control byte or a byte outside ASCII. "?" when @s is NULL.
 */
static void log_untrusted(struct audit_buffer *ab, const char *key,
			  const char *s)
{
	size_t i, len;
	char *hex;

	if (!s) {
		audit_log_format(ab, " %s=?", key);
		return;
	}
	len = strlen(s);
	if (!needs_hex(s, len)) {
		audit_log_format(ab, " %s=\"%s\"", key, s);
		return;
	}
	hex = kmalloc(2 * len + 1, GFP_KERNEL);
	if (!hex) {
		audit_log_format(ab, " %s=?", key);
		return;
	}
	for (i = 0; i < len; i++) {
		hex[2 * i] = hex_asc_upper_hi(s[i]);
		hex[2 * i + 1] = hex_asc_upper_lo(s[i]);
	}
	hex[2 * len] = '\0';
	audit_log_format(ab, " %s=%s", key, hex);
	kfree(hex);
}

/**
 * vmfence_audit_event() - the kernel audit record of one decision
 * @ev: the decision, as vmfence_record() filled it
 *
 * Type AUDIT_KERNEL_OTHER (1316): what was decided (op, result, rule, the
 * part the file played, the file or module, its digest), under which
 * verdict (hypervisor, confidence; and tpm_bound=yes or tpm_bound=no when
 * the policy binds to TPMs, no saying that the machine's TPM is not one of
 * them: the reason a physical verdict was refused), and the task fields the audit tools
 * expect of any record about a task (audit_log_task_info(): ppid, pid,
 * auid, uid, gid and the rest, tty, ses, comm, exe, subj).
 *
 * Context: process context, the task the decision was taken for; sleeps.
 */
void vmfence_audit_event(const struct vmfence_event *ev)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s result=%s rule=%u",
			 ev->op == VMFENCE_EVENT_OP_MODULE ? "module" : "exec",
			 vmfence_event_result_name(ev), ev->rule_id);
	if (ev->op == VMFENCE_EVENT_OP_MODULE) {
		log_untrusted(ab, "name", ev->name);
	} else {
		audit_log_format(ab, " as=%s", vmfence_role_names[ev->role]);
		log_untrusted(ab, "path", ev->path);
		if (ev->sha256)
			audit_log_format(ab, " sha256=%*phN", VMFENCE_SHA256_SIZE,
					 ev->sha256);
		else
			audit_log_format(ab, " sha256=?");
	}
	audit_log_format(ab, " hypervisor=%s confidence=%u",
			 vmfence_hv_name(ev->hv), ev->confidence);
	if (ev->bound != VMFENCE_TPM_BOUND_UNSET)
		audit_log_format(ab, " tpm_bound=%s", vmfence_event_bound_name(ev));
	audit_log_task_info(ab);
	audit_log_end(ab);
}
