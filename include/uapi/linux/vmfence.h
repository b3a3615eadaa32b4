/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vmfence.h - the vmfence generic netlink ABI, shared by the module and
 * vmfencectl
 *
 * The family is named VMFENCE_GENL_NAME; its version is VMFENCE_GENL_VERSION.
 * Attribute numbers and values below are ABI: append, never renumber.
 * Documentation/netlink/specs/vmfence.yaml describes the same family in the
 * kernel's YAML spec format.
 *
 * The family lives in the initial network namespace only. STATUS and SIGNALS
 * are open to every user; every other command needs CAP_MAC_ADMIN or
 * CAP_SYS_ADMIN in the initial user namespace, both of the socket's opener
 * and of the sender (EPERM otherwise); joining the "events" group needs
 * CAP_SYS_ADMIN. Once the policy is locked every command that changes it
 * fails with EPERM until reboot. Every attribute is validated strictly: an
 * attribute a command does not take, a wrong length or a value out of range
 * fails with EINVAL or ERANGE and an extended ACK message naming it.
 *
 * Commands, with the attributes they take (->) and give (<-):
 *
 * VMFENCE_CMD_STATUS (do)
 *	-> nothing
 *	<- VERSION, VIRTUALIZED, CONFIDENCE, HYPERVISOR, CONFIDENTIAL, ROLE,
 *	   SCAN_DURATION_NS, SCAN_COUNT (the verdict), MODE, THRESHOLD,
 *	   LOCKED, GENERATION, RULE_COUNT, POLICY_BYTES, BIND_TPM (one
 *	   policy generation, never a mix of two), STATS
 *
 * VMFENCE_CMD_SIGNALS (dump)
 *	-> FLAGS (optional, VMFENCE_SIGNALS_FLAGS_*)
 *	<- one message per signal: SCAN_COUNT, SIGNAL; every message of one
 *	   dump comes from the same scan
 *
 * VMFENCE_CMD_RESCAN (do, admin)
 *	-> nothing; runs detection again
 *
 * VMFENCE_CMD_SET (do, admin)
 *	-> MODE and/or THRESHOLD, at least one; both change in one generation,
 *	   or neither does
 *
 * VMFENCE_CMD_LOCK (do, admin)
 *	-> nothing; locks policy, mode and threshold until reboot
 *
 * VMFENCE_CMD_RULE_ADD (do, admin)
 *	-> RULE { TEXT }: one rule in the policy grammar (vmfence.conf(5))
 *	<- GENERATION (current after the add), RULE { ID, TEXT, ACTION, TARGET,
 *	   MATCH, VALUE, ON_HYPERVISOR..., ALLOW_CC..., AS... }
 *
 * VMFENCE_CMD_RULE_DEL (do, admin)
 *	-> RULE { ID }
 *
 * VMFENCE_CMD_RULE_DUMP (dump, admin)
 *	-> nothing
 *	<- one message per rule: GENERATION, RULE { ID, TEXT, ACTION, TARGET,
 *	   MATCH, VALUE, ON_HYPERVISOR..., ALLOW_CC..., AS... }. A dump reads one
 *	   generation from start to end, whatever changes meanwhile: every
 *	   message carries the same GENERATION.
 *
 * VMFENCE_CMD_POLICY_BEGIN (do, admin)
 *	-> nothing
 *	Opens a whole-policy replace owned by the sending socket. One is open
 *	at a time (EBUSY); it is dropped when its socket closes.
 *
 * VMFENCE_CMD_POLICY_LOAD (do, admin, the owner only)
 *	-> POLICY_TEXT: the next lines of the policy file, at most
 *	   VMFENCE_POLICY_CHUNK_MAX bytes, ending with a newline
 *	On malformed text the transaction is dropped and the extended ACK
 *	carries the position (see struct vmfence_parse_cookie).
 *
 * VMFENCE_CMD_POLICY_COMMIT (do, admin, the owner only)
 *	<- GENERATION, RULE_COUNT of the policy now running
 *	Publishes rules and settings in one step, or leaves the running policy
 *	untouched; either way the transaction ends.
 *
 * VMFENCE_CMD_POLICY_ABORT (do, admin, the owner only)
 *	Drops the transaction.
 *
 * VMFENCE_CMD_EVENT (notification, group VMFENCE_MCGRP_EVENTS)
 *	<- EVENT { OP, RESULT, RULE_ID, PATH, NAME, SHA256, HYPERVISOR,
 *	   CONFIDENCE, PID, UID, AUID, COMM, ROLE, BOUND }: a refusal, or a
 *	   match in audit mode or of an audit rule. BOUND (enum
 *	   vmfence_tpm_bound) says whether the policy binds to TPMs and this
 *	   machine's TPM proved a listed EK; NO means the machine was not
 *	   allowed for that reason, whatever the verdict's confidence
 *
 * VMFENCE_CMD_TPM (do)
 *	-> nothing
 *	<- SCAN_COUNT, TPM { PRESENT, MANUFACTURER, CLASS, EK_ISSUER,
 *	   EK_SUBJECT, EK_SHA256 (when an EK certificate was read), POSSESSION,
 *	   POSSESSION_DETAIL, EVENTLOG, EVENTLOG_DETAIL, ANCHORS,
 *	   ANCHORS_LOCKED, BOUND }: the TPM identity the latest scan
 *	   established, and whether the policy's bind-tpm list names it
 *
 * VMFENCE_CMD_TPM_TRUST (do, admin)
 *	-> TPM_CERT: one CA certificate (X.509, DER) to trust as an issuer of
 *	   EK certificates; EPERM once the policy is locked (anchors are
 *	   immutable after the lock), EBADMSG when it does not parse as a
 *	   certificate, EEXIST when it is already trusted, ENOPKG when the
 *	   kernel cannot check its key or signature, EKEYREJECTED when its
 *	   self-signature does not verify
 *	<- TPM { ANCHORS, ANCHORS_LOCKED }; the TPM identity is established
 *	   against the anchors at the next scan (VMFENCE_CMD_RESCAN after the
 *	   last certificate, as vmfencectl tpm trust does)
 */
#ifndef _UAPI_LINUX_VMFENCE_H
#define _UAPI_LINUX_VMFENCE_H

#include <linux/types.h>

#define VMFENCE_GENL_NAME	"vmfence"
#define VMFENCE_GENL_VERSION	1

/* The multicast group that carries enforcement events. */
#define VMFENCE_MCGRP_EVENTS	"events"

/* Most bytes of policy text in one VMFENCE_CMD_POLICY_LOAD. */
#define VMFENCE_POLICY_CHUNK_MAX	(60 * 1024)
/* Most bytes of one rule's text (VMFENCE_A_RULE_TEXT), as in a file line. */
#define VMFENCE_RULE_LINE_MAX	32768

enum vmfence_cmd {
	VMFENCE_CMD_UNSPEC,
	VMFENCE_CMD_STATUS,
	VMFENCE_CMD_SIGNALS,
	VMFENCE_CMD_RESCAN,
	VMFENCE_CMD_SET,
	VMFENCE_CMD_LOCK,
	VMFENCE_CMD_RULE_ADD,
	VMFENCE_CMD_RULE_DEL,
	VMFENCE_CMD_RULE_DUMP,
	VMFENCE_CMD_POLICY_BEGIN,
	VMFENCE_CMD_POLICY_LOAD,
	VMFENCE_CMD_POLICY_COMMIT,
	VMFENCE_CMD_POLICY_ABORT,
	VMFENCE_CMD_EVENT,
	VMFENCE_CMD_TPM,
	VMFENCE_CMD_TPM_TRUST,

	__VMFENCE_CMD_MAX,
	VMFENCE_CMD_MAX = __VMFENCE_CMD_MAX - 1
};

/*
 * The enums below that end in a _COUNT are also the policy core's own
 * (kmod/core/rule.h): the count is not a value, it sizes tables.
 */

/* VMFENCE_A_MODE */
enum vmfence_policy_mode {
	VMFENCE_POLICY_MODE_OFF,	/* nothing is checked */
	VMFENCE_POLICY_MODE_AUDIT,	/* matches are recorded, never refused */
	VMFENCE_POLICY_MODE_ENFORCE,	/* deny rules refuse */
	VMFENCE_POLICY_MODE_COUNT
};

/* VMFENCE_A_FLAGS of VMFENCE_CMD_SIGNALS; other bits are refused */
enum vmfence_signals_flags {
	VMFENCE_SIGNALS_FLAGS_HIT = 1 << 0,	/* only the signals that hit */
};

/* VMFENCE_A_RULE_ACTION */
enum vmfence_rule_action {
	VMFENCE_RULE_ACTION_DENY,	/* refuse when virtualized */
	VMFENCE_RULE_ACTION_AUDIT,	/* allow, but record the match */
	VMFENCE_RULE_ACTION_COUNT
};

/* VMFENCE_A_RULE_TARGET */
enum vmfence_rule_target {
	VMFENCE_RULE_TARGET_EXEC,	/* programs, scripts and interpreters */
	VMFENCE_RULE_TARGET_MODULE,	/* kernel modules */
	VMFENCE_RULE_TARGET_COUNT
};

/* VMFENCE_A_RULE_MATCH: what VMFENCE_A_RULE_VALUE holds */
enum vmfence_rule_match_type {
	VMFENCE_RULE_MATCH_PATH,	/* an absolute path, no NUL */
	VMFENCE_RULE_MATCH_SHA256,	/* 32 bytes of SHA-256 digest */
	VMFENCE_RULE_MATCH_LABEL,	/* the security.vmfence xattr value */
	VMFENCE_RULE_MATCH_NAME,	/* a module name */
	VMFENCE_RULE_MATCH_COUNT
};

/* VMFENCE_A_SIGNAL_STATE */
enum vmfence_signal_state {
	VMFENCE_SIGNAL_STATE_UNKNOWN,	/* the facts it reads are unknown */
	VMFENCE_SIGNAL_STATE_MISS,	/* known, and show nothing */
	VMFENCE_SIGNAL_STATE_HIT,	/* show what the signal looks for */
};

/* VMFENCE_A_EVENT_OP */
enum vmfence_event_op {
	VMFENCE_EVENT_OP_EXEC,
	VMFENCE_EVENT_OP_MODULE,
};

/* VMFENCE_A_EVENT_RESULT */
enum vmfence_event_result {
	VMFENCE_EVENT_RESULT_DENIED,	/* the exec or the load failed: EACCES */
	VMFENCE_EVENT_RESULT_AUDITED,	/* allowed, and recorded */
	/*
	 * The ELF interpreter the kernel mapped was refused after the load (it
	 * was not the file judged before it): the task was killed with
	 * SIGKILL before the program's first instruction.
	 */
	VMFENCE_EVENT_RESULT_KILLED,
};

/*
 * VMFENCE_A_EVENT_ROLE: the part a file plays in an exec, as the policy's
 * as= condition names it. The kernel runs several files for one execve():
 * the program it names (a binary or a script), each interpreter a script's
 * "#!" line or a binfmt_misc entry names, and the ELF interpreter a
 * binary's PT_INTERP names (the dynamic loader, ld.so). An ELF interpreter
 * whose program's entry point lies outside the program runs as the
 * program itself, and counts as one.
 */
enum vmfence_exec_role {
	VMFENCE_EXEC_ROLE_PROGRAM,	/* as=program */
	VMFENCE_EXEC_ROLE_INTERPRETER,	/* as=interpreter */
	VMFENCE_EXEC_ROLE_LOADER,	/* as=loader */
	VMFENCE_EXEC_ROLE_COUNT
};

/*
 * Top-level attributes. Integers are host byte order; strings are
 * NUL-terminated on output and may be either on input.
 */
enum vmfence_attr {
	VMFENCE_A_UNSPEC,
	VMFENCE_A_PAD,			/* pad: aligns the u64s that follow */
	VMFENCE_A_VERSION,		/* string: the module's version */
	VMFENCE_A_VIRTUALIZED,		/* u8: 1 when virtualized, else 0 */
	VMFENCE_A_CONFIDENCE,		/* u8: 0-100 */
	VMFENCE_A_HYPERVISOR,		/* string: kvm, qemu, ..., none */
	VMFENCE_A_CONFIDENTIAL,		/* string: none, sev, sev-es, ... */
	VMFENCE_A_SCAN_DURATION_NS,	/* u64: how long the latest scan took */
	VMFENCE_A_SCAN_COUNT,		/* u64: scans since load */
	VMFENCE_A_MODE,			/* u8: enum vmfence_policy_mode */
	VMFENCE_A_THRESHOLD,		/* u8: 0-100 */
	VMFENCE_A_LOCKED,		/* u8: 1 once locked, else 0 */
	VMFENCE_A_GENERATION,		/* u64: the policy's generation */
	VMFENCE_A_RULE_COUNT,		/* u32: rules in the policy */
	VMFENCE_A_POLICY_BYTES,		/* u64: memory the policy takes */
	VMFENCE_A_STATS,		/* nest: VMFENCE_A_STATS_* */
	VMFENCE_A_SIGNAL,		/* nest: VMFENCE_A_SIGNAL_* */
	VMFENCE_A_RULE,			/* nest: VMFENCE_A_RULE_* */
	VMFENCE_A_POLICY_TEXT,		/* binary: lines of policy text */
	VMFENCE_A_FLAGS,		/* u32: VMFENCE_SIGNALS_FLAGS_* */
	VMFENCE_A_EVENT,		/* nest: VMFENCE_A_EVENT_* */
	VMFENCE_A_ROLE,			/* string: guest, host, none */
	VMFENCE_A_TPM,			/* nest: VMFENCE_A_TPM_* */
	VMFENCE_A_TPM_CERT,		/* binary: an X.509 certificate, DER */
	VMFENCE_A_BIND_TPM,		/* binary: bind-tpm's EKs, 32 B each */

	__VMFENCE_A_MAX,
	VMFENCE_A_MAX = __VMFENCE_A_MAX - 1
};

/*
 * VMFENCE_A_STATS: counters since the module loaded, each a u64; the same
 * as /sys/kernel/vmfence/stats/.
 */
enum vmfence_stats_attr {
	VMFENCE_A_STATS_UNSPEC,
	VMFENCE_A_STATS_PAD,
	VMFENCE_A_STATS_EXEC_CHECKS,	/* execs judged (mode not off) */
	VMFENCE_A_STATS_EXEC_DENIALS,	/* execs refused */
	VMFENCE_A_STATS_EXEC_AUDITS,	/* execs matched and allowed */
	VMFENCE_A_STATS_MODULE_CHECKS,	/* module loads judged */
	VMFENCE_A_STATS_MODULE_DENIALS,	/* module loads refused */
	VMFENCE_A_STATS_MODULE_AUDITS,	/* module loads matched and allowed */
	VMFENCE_A_STATS_DIGEST_HITS,	/* digests served from the cache */
	VMFENCE_A_STATS_DIGEST_MISSES,	/* digests computed */

	__VMFENCE_A_STATS_MAX,
	VMFENCE_A_STATS_MAX = __VMFENCE_A_STATS_MAX - 1
};

/* VMFENCE_A_SIGNAL: one piece of evidence, as /sys/kernel/vmfence/signals/ */
enum vmfence_signal_attr {
	VMFENCE_A_SIGNAL_UNSPEC,
	VMFENCE_A_SIGNAL_NAME,		/* string: e.g. cpuid_vendor */
	VMFENCE_A_SIGNAL_STATE,		/* u8: enum vmfence_signal_state */
	VMFENCE_A_SIGNAL_WEIGHT,	/* u8: confidence a hit alone gives */
	VMFENCE_A_SIGNAL_HYPERVISOR,	/* string: what a hit names, or none */
	VMFENCE_A_SIGNAL_CONFIDENTIAL,	/* string: the CC type a hit shows */
	VMFENCE_A_SIGNAL_DETAIL,	/* string: what was seen, for humans */

	__VMFENCE_A_SIGNAL_MAX,
	VMFENCE_A_SIGNAL_MAX = __VMFENCE_A_SIGNAL_MAX - 1
};

/* VMFENCE_A_RULE: one rule; requests carry TEXT (add) or ID (delete) only */
enum vmfence_rule_attr {
	VMFENCE_A_RULE_UNSPEC,
	VMFENCE_A_RULE_ID,		/* u32: unique since boot, >= 1 */
	VMFENCE_A_RULE_TEXT,		/* string: the rule, canonical on output */
	VMFENCE_A_RULE_ACTION,		/* u8: enum vmfence_rule_action */
	VMFENCE_A_RULE_TARGET,		/* u8: enum vmfence_rule_target */
	VMFENCE_A_RULE_MATCH,		/* u8: enum vmfence_rule_match_type */
	VMFENCE_A_RULE_VALUE,		/* binary: as VMFENCE_A_RULE_MATCH says */
	VMFENCE_A_RULE_ON_HYPERVISOR,	/* string, repeated: only on these */
	VMFENCE_A_RULE_ALLOW_CC,	/* string, repeated: not inside these */
	VMFENCE_A_RULE_AS,		/* string, repeated: only as these */

	__VMFENCE_A_RULE_MAX,
	VMFENCE_A_RULE_MAX = __VMFENCE_A_RULE_MAX - 1
};

/* VMFENCE_A_EVENT: one enforcement decision */
enum vmfence_event_attr {
	VMFENCE_A_EVENT_UNSPEC,
	VMFENCE_A_EVENT_OP,		/* u8: enum vmfence_event_op */
	VMFENCE_A_EVENT_RESULT,		/* u8: enum vmfence_event_result */
	VMFENCE_A_EVENT_RULE_ID,	/* u32: the rule that matched */
	VMFENCE_A_EVENT_PATH,		/* string: the file, when known */
	VMFENCE_A_EVENT_NAME,		/* string: the module's name (module) */
	VMFENCE_A_EVENT_SHA256,		/* binary, 32 bytes: when computed */
	VMFENCE_A_EVENT_HYPERVISOR,	/* string: the verdict's hypervisor */
	VMFENCE_A_EVENT_CONFIDENCE,	/* u8: the verdict's confidence */
	VMFENCE_A_EVENT_PID,		/* u32: thread group id, initial pid ns */
	VMFENCE_A_EVENT_UID,		/* u32: real uid, initial user ns */
	VMFENCE_A_EVENT_AUID,		/* u32: audit login uid; -1 when unset */
	VMFENCE_A_EVENT_COMM,		/* string: the task's command name */
	VMFENCE_A_EVENT_ROLE,		/* u8: enum vmfence_exec_role (exec) */
	VMFENCE_A_EVENT_BOUND,		/* u8: enum vmfence_tpm_bound */

	__VMFENCE_A_EVENT_MAX,
	VMFENCE_A_EVENT_MAX = __VMFENCE_A_EVENT_MAX - 1
};

/* VMFENCE_A_TPM_CLASS: who issued the TPM's endorsement key certificate */
enum vmfence_tpm_class {
	VMFENCE_TPM_CLASS_NONE,		/* no TPM 2.0, or no EK certificate */
	VMFENCE_TPM_CLASS_HARDWARE,	/* chain verified to a trusted anchor */
	VMFENCE_TPM_CLASS_VIRTUAL,	/* issued by a known virtual TPM's CA */
	VMFENCE_TPM_CLASS_UNKNOWN,	/* neither verified nor a known vTPM */

	VMFENCE_TPM_CLASS_COUNT
};

/* VMFENCE_A_TPM_POSSESSION: whether the TPM holds the certified EK */
enum vmfence_tpm_possession {
	VMFENCE_TPM_POSSESSION_NOT_TRIED,	/* no RSA EK certificate to test */
	VMFENCE_TPM_POSSESSION_PROVEN,	/* a session salted to it worked */
	VMFENCE_TPM_POSSESSION_FAILED,	/* the TPM does not hold that key */

	VMFENCE_TPM_POSSESSION_COUNT
};

/* VMFENCE_A_TPM_EVENTLOG: the measured-boot log replayed against the PCRs */
enum vmfence_tpm_eventlog {
	VMFENCE_TPM_EVENTLOG_ABSENT,	/* the kernel exposes no TPM 2.0 log */
	VMFENCE_TPM_EVENTLOG_MATCH,	/* every PCR the log extends matches */
	VMFENCE_TPM_EVENTLOG_MISMATCH,	/* a PCR differs from the replay */
	VMFENCE_TPM_EVENTLOG_UNREADABLE, /* the log or the PCRs did not read */

	VMFENCE_TPM_EVENTLOG_COUNT
};

/* VMFENCE_A_TPM_BOUND: the policy's bind-tpm setting and this TPM */
enum vmfence_tpm_bound {
	VMFENCE_TPM_BOUND_UNSET,	/* the policy binds to no TPM */
	VMFENCE_TPM_BOUND_YES,		/* the TPM proved a listed EK */
	VMFENCE_TPM_BOUND_NO,		/* it did not: the machine is not allowed */

	VMFENCE_TPM_BOUND_COUNT
};

/* VMFENCE_A_TPM: the TPM identity, as /sys/kernel/vmfence/tpm/ */
enum vmfence_tpm_attr {
	VMFENCE_A_TPM_UNSPEC,
	VMFENCE_A_TPM_PRESENT,		/* u8: 1 when a TPM 2.0 answered */
	VMFENCE_A_TPM_MANUFACTURER,	/* string: TPM_PT_MANUFACTURER, ASCII */
	VMFENCE_A_TPM_CLASS,		/* u8: enum vmfence_tpm_class */
	VMFENCE_A_TPM_EK_ISSUER,	/* string: the EK certificate's issuer */
	VMFENCE_A_TPM_EK_SUBJECT,	/* string: its subject */
	/* binary, 32 bytes: SHA-256 of the EK certificate's DER
	 * SubjectPublicKeyInfo, the value bind-tpm lists
	 */
	VMFENCE_A_TPM_EK_SHA256,
	VMFENCE_A_TPM_POSSESSION,	/* u8: enum vmfence_tpm_possession */
	VMFENCE_A_TPM_POSSESSION_DETAIL, /* string: why, for humans */
	VMFENCE_A_TPM_EVENTLOG,		/* u8: enum vmfence_tpm_eventlog */
	VMFENCE_A_TPM_EVENTLOG_DETAIL,	/* string: what differed, for humans */
	VMFENCE_A_TPM_ANCHORS,		/* u32: trusted EK CA certificates */
	VMFENCE_A_TPM_ANCHORS_LOCKED,	/* u8: 1 once anchors cannot change */
	VMFENCE_A_TPM_BOUND,		/* u8: enum vmfence_tpm_bound */
	VMFENCE_A_TPM_CLASS_DETAIL,	/* string: the chain's result, for humans */

	__VMFENCE_A_TPM_MAX,
	VMFENCE_A_TPM_MAX = __VMFENCE_A_TPM_MAX - 1
};

/* Most bytes of one certificate in VMFENCE_A_TPM_CERT. */
#define VMFENCE_TPM_CERT_MAX	4096
/* Most EKs one bind-tpm setting lists. */
#define VMFENCE_BIND_TPM_MAX	1024

/**
 * struct vmfence_parse_cookie - where policy text was refused
 * @line: 1-based line; for VMFENCE_CMD_POLICY_LOAD counted from the first
 *	line of the transaction's first chunk, so the line of the file
 * @column: 1-based byte column
 *
 * When VMFENCE_CMD_RULE_ADD or VMFENCE_CMD_POLICY_LOAD refuses text, the
 * extended ACK carries this as its cookie (NLMSGERR_ATTR_COOKIE), beside
 * the message (NLMSGERR_ATTR_MSG) and the offending attribute
 * (NLMSGERR_ATTR_OFFS). Kernels with formatted extended ACK messages (6.2
 * and later) say "LINE:COLUMN: what was expected" there; older ones give a
 * fixed message, and the reason comes from parsing the same text with the
 * same parser in user space (vmfencectl does).
 */
struct vmfence_parse_cookie {
	__u32 line;
	__u32 column;
};

#endif /* _UAPI_LINUX_VMFENCE_H */
