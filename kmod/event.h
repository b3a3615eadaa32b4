/* SPDX-License-Identifier: GPL-2.0 */
/*
 * event.h - one enforcement decision, as the record keeps it
 *
 * A leaf header: the deciding paths fill an event and hand it to
 * vmfence_record() (record.h); the sinks (audit.c, netlink.c) read it.
 */
#ifndef VMFENCE_EVENT_H
#define VMFENCE_EVENT_H

#include <linux/sched.h>
#include <linux/types.h>
#include <linux/vmfence.h>

/**
 * struct vmfence_event - one decision: what, on what, under which verdict,
 *	for whom; filled once, read by every sink
 * @op: enum vmfence_event_op (include/uapi/linux/vmfence.h)
 * @result: enum vmfence_event_result
 * @role: enum vmfence_exec_role of the file in its exec (op exec)
 * @confidence: the confidence of the verdict the decision was taken under
 * @hv: its hypervisor (enum vmfence_hv), as vmfence_conclude() names it
 * @bound: enum vmfence_tpm_bound of the decision's situation: NO says the
 *	machine was refused (or audited) because its TPM is not one the
 *	policy binds to, whatever the verdict
 * @rule_id: the rule that matched
 * @path: the file, or NULL when unknown
 * @name: the module's name for a module load, or NULL
 * @sha256: the file's 32-byte digest, or NULL when it was not computed
 * @pid: thread group id in the initial pid namespace; filled by
 *	vmfence_record()
 * @uid: real uid in the initial user namespace; filled by vmfence_record()
 * @auid: audit login uid, or (u32)-1; filled by vmfence_record()
 * @comm: the task's command name; filled by vmfence_record()
 *
 * The deciding path sets the fields down to @sha256; @path, @name and
 * @sha256 point to its memory, valid until vmfence_record() returns.
 */
struct vmfence_event {
	u8 op;
	u8 result;
	u8 role;
	u8 confidence;
	u8 hv;
	u8 bound;
	u32 rule_id;
	const char *path;
	const char *name;
	const u8 *sha256;
	pid_t pid;
	u32 uid;
	u32 auid;
	char comm[TASK_COMM_LEN];
};

/* The word for @ev's result, in the audit record and the log line. */
static inline const char *vmfence_event_result_name(const struct vmfence_event *ev)
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

/* The word for @ev's TPM binding, in the audit record and the log line. */
static inline const char *vmfence_event_bound_name(const struct vmfence_event *ev)
{
	switch (ev->bound) {
	case VMFENCE_TPM_BOUND_UNSET:
		return "unset";
	case VMFENCE_TPM_BOUND_YES:
		return "yes";
	default:
		return "no";
	}
}

#endif /* VMFENCE_EVENT_H */
