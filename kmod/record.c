// SPDX-License-Identifier: GPL-2.0
/* record.c - the record of every refusal and every audited match */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/vmfence.h>

#include "audit.h"
#include "core/ids.h"
#include "core/rule.h"
#include "netlink.h"
#include "record.h"
#include "stats.h"

/* At most ten log lines every five seconds; the audit record is not limited. */
static DEFINE_RATELIMIT_STATE(record_log_rs, 5 * HZ, 10);

static void count(const struct vmfence_event *ev)
{
	bool refused = ev->result != VMFENCE_EVENT_RESULT_AUDITED;

	if (ev->op == VMFENCE_EVENT_OP_MODULE)
		vmfence_stat_inc(refused ? VMFENCE_STAT_MODULE_DENIALS :
				 VMFENCE_STAT_MODULE_AUDITS);
	else
		vmfence_stat_inc(refused ? VMFENCE_STAT_EXEC_DENIALS :
				 VMFENCE_STAT_EXEC_AUDITS);
}

/* The kernel log line: printable, escaped where the user chose the bytes. */
static void log_line(const struct vmfence_event *ev)
{
	const char *what = ev->op == VMFENCE_EVENT_OP_MODULE ? ev->name : ev->path;
	bool exec = ev->op == VMFENCE_EVENT_OP_EXEC;

	if (!__ratelimit(&record_log_rs))
		return;
	pr_notice("%s %s %*pE (rule %u%s%s, hypervisor %s, confidence %u%s%s) for pid %d uid %u comm %*pE\n",
		  vmfence_event_result_name(ev), exec ? "exec" : "module",
		  what ? (int)strlen(what) : 1, what ? what : "?", ev->rule_id,
		  exec ? ", as " : "", exec ? vmfence_role_names[ev->role] : "",
		  vmfence_hv_name(ev->hv), ev->confidence,
		  ev->bound == VMFENCE_TPM_BOUND_UNSET ? "" : ", tpm_bound ",
		  ev->bound == VMFENCE_TPM_BOUND_UNSET ? "" : vmfence_event_bound_name(ev),
		  ev->pid, ev->uid,
		  (int)strlen(ev->comm), ev->comm);
}

/**
 * vmfence_record() - record one refusal or one audited match
 * @ev: what was decided, on what, under which verdict; the current task is
 *	the one it was decided for. Its task fields are filled here, once,
 *	for every sink. @path, @name and @comm may hold any bytes: the audit
 *	record hex-encodes them as the audit tools expect, the log line
 *	escapes what is not printable.
 *
 * Counts the decision, logs an AUDIT_KERNEL_OTHER record (which kauditd
 * prints to the kernel log when no audit daemon listens), writes a kernel
 * log line unless too many were written lately, and sends the event to the
 * netlink "events" group. Failures to record are not reported: the
 * decision stands whether or not it could be recorded.
 *
 * Context: process context; sleeps.
 */
void vmfence_record(struct vmfence_event *ev)
{
	might_sleep();
	ev->pid = task_tgid_nr(current);
	ev->uid = from_kuid_munged(&init_user_ns, current_uid());
	ev->auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	get_task_comm(ev->comm, current);
	count(ev);
	vmfence_audit_event(ev);
	log_line(ev);
	vmfence_genl_event(ev);
}
