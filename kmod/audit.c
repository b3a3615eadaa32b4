// SPDX-License-Identifier: GPL-2.0
/* audit.c - the record of every refusal and every audited match */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmfence.h>

#include "audit.h"
#include "core/rule.h"
#include "stats.h"

/* At most ten log lines every five seconds; the audit record is not limited. */
static DEFINE_RATELIMIT_STATE(record_log_rs, 5 * HZ, 10);

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

static const char *op_name(const struct vmfence_event *ev)
{
	return ev->op == VMFENCE_EVENT_OP_MODULE ? "module" : "exec";
}

static const char *result_name(const struct vmfence_event *ev)
{
	switch (ev->result) {
	case VMFENCE_EVENT_RESULT_DENIED:
		return "denied";
	case VMFENCE_EVENT_RESULT_KILLED:
		return "killed";
	default:
		return "audited";
	}
}

/* The kernel audit record, type AUDIT_KERNEL_OTHER (1316). */
static void audit_record(const struct vmfence_event *ev, const char *comm)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s result=%s rule=%u", op_name(ev),
			 result_name(ev), ev->rule_id);
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
	audit_log_format(ab, " hypervisor=%s confidence=%u pid=%d uid=%u auid=%u",
			 vmfence_hv_name(ev->hv), ev->confidence,
			 task_tgid_nr(current),
			 from_kuid_munged(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns, audit_get_loginuid(current)));
	log_untrusted(ab, "comm", comm);
	audit_log_end(ab);
}

static void count(const struct vmfence_event *ev)
{
	bool denied = ev->result != VMFENCE_EVENT_RESULT_AUDITED;

	if (ev->op == VMFENCE_EVENT_OP_MODULE)
		vmfence_stat_inc(denied ? VMFENCE_STAT_MODULE_DENIALS :
				 VMFENCE_STAT_MODULE_AUDITS);
	else
		vmfence_stat_inc(denied ? VMFENCE_STAT_EXEC_DENIALS :
				 VMFENCE_STAT_EXEC_AUDITS);
}

/**
 * vmfence_record() - record one refusal or one audited match
 * @ev: what was decided, and on what; the current task is the one it was
 *	decided for. @path, @name and @comm may hold any bytes: the audit
 *	record hex-encodes them as the audit tools expect, the log line
 *	escapes what is not printable.
 *
 * Bumps the counter of the cause, logs an AUDIT_KERNEL_OTHER record (which
 * kauditd prints to the kernel log when no audit daemon listens), writes a
 * kernel log line unless too many were written lately, and sends @ev to the
 * netlink "events" group. Failures to log are not reported: the decision
 * stands whether or not it could be recorded.
 *
 * Context: process context; sleeps.
 */
void vmfence_record(const struct vmfence_event *ev)
{
	const char *what = ev->op == VMFENCE_EVENT_OP_MODULE ? ev->name : ev->path;
	char comm[TASK_COMM_LEN];

	might_sleep();
	count(ev);
	get_task_comm(comm, current);
	audit_record(ev, comm);
	if (__ratelimit(&record_log_rs))
		pr_notice("%s %s %*pE (rule %u%s%s, hypervisor %s, confidence %u) for pid %d uid %u comm %*pE\n",
			  result_name(ev), op_name(ev),
			  what ? (int)strlen(what) : 1, what ? what : "?",
			  ev->rule_id,
			  ev->op == VMFENCE_EVENT_OP_EXEC ? ", as " : "",
			  ev->op == VMFENCE_EVENT_OP_EXEC ?
			  vmfence_role_names[ev->role] : "",
			  vmfence_hv_name(ev->hv),
			  ev->confidence, task_tgid_nr(current),
			  from_kuid_munged(&init_user_ns, current_uid()),
			  (int)strlen(comm), comm);
	vmfence_genl_event(ev);
}
