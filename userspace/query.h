/* SPDX-License-Identifier: GPL-2.0 */
/* query.h - what vmfencectl reads from the module: status, signals, rules */
#ifndef VMFENCECTL_QUERY_H
#define VMFENCECTL_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"

/* The counters of VMFENCE_A_STATS, by attribute; names as in sysfs stats/. */
extern const char *const ctl_stat_names[VMFENCE_A_STATS_MAX + 1];

struct ctl_status {
	char version[32];
	char hypervisor[32];
	char confidential[32];
	char role[16];			/* guest, host, none; "" from older modules */
	bool virtualized;
	bool locked;
	unsigned int confidence;
	unsigned int mode;		/* enum vmfence_policy_mode */
	unsigned int threshold;
	uint32_t rules;
	uint64_t generation;
	uint64_t policy_bytes;
	uint64_t scan_count;
	uint64_t scan_duration_ns;
	uint64_t stats[VMFENCE_A_STATS_MAX + 1];
	uint32_t nbind;			/* EKs the policy's bind-tpm lists */
	uint8_t bind[VMFENCE_BIND_TPM_MAX][32];	/* sorted, as the module keeps them */
};

struct ctl_signal {
	char name[64];
	unsigned int state;		/* enum vmfence_signal_state */
	unsigned int weight;
	char hypervisor[32];
	char confidential[32];
	char detail[256];
};

struct ctl_signals {
	struct ctl_signal *v;
	size_t n, cap;
	uint64_t scan_count;
};

/* The TPM identity (VMFENCE_A_TPM); what the module did not send is 0 or "". */
struct ctl_tpm {
	bool present;
	bool have_ek;			/* ek_sha256 was sent */
	bool anchors_locked;
	unsigned int class;		/* enum vmfence_tpm_class */
	unsigned int possession;	/* enum vmfence_tpm_possession */
	unsigned int eventlog;		/* enum vmfence_tpm_eventlog */
	unsigned int bound;		/* enum vmfence_tpm_bound */
	uint32_t anchors;
	uint64_t scan_count;		/* of the identity; 0 when not sent */
	unsigned char ek_sha256[32];
	char manufacturer[32];
	char ek_issuer[256];
	char ek_subject[256];
	char class_detail[256];
	char possession_detail[256];
	char eventlog_detail[256];
};

struct ctl_rule {
	uint32_t id;
	char *text;			/* canonical */
	unsigned int action, target, match;
	unsigned char *value;
	size_t value_len;
};

struct ctl_rules {
	struct ctl_rule *v;
	size_t n, cap;
	uint64_t generation;		/* of every rule listed */
};

/* Each returns 0 or a negative errno, with the kernel's reason in @err. */
int ctl_get_status(struct ctl_nl *nl, struct ctl_status *st,
		   struct ctl_nl_err *err);
int ctl_get_signals(struct ctl_nl *nl, uint32_t flags, struct ctl_signals *list,
		    struct ctl_nl_err *err);
void ctl_signals_free(struct ctl_signals *list);
/*
 * A VMFENCE_CMD_TPM answer's top-level attributes @tb into @arg, a zeroed
 * struct ctl_tpm. Return 0, or -EBADMSG without the nest or with an
 * ek_sha256 that is not 32 bytes.
 */
int ctl_tpm_parse(struct nlattr **tb, void *arg);
/* -EOPNOTSUPP from a module older than the TPM identity. */
int ctl_get_tpm(struct ctl_nl *nl, struct ctl_tpm *tpm, struct ctl_nl_err *err);
int ctl_get_rules(struct ctl_nl *nl, struct ctl_rules *list,
		  struct ctl_nl_err *err);
void ctl_rules_free(struct ctl_rules *list);

/*
 * The running policy as canonical text: its settings (mode, threshold, and
 * lock when locked), then every rule in id order, one per line. Settings and
 * rules come from one generation, given in @st. The text is what
 * "policy save" writes; its SHA-256 is the policy digest. Free @text.
 */
int ctl_get_policy(struct ctl_nl *nl, char **text, size_t *len,
		   struct ctl_status *st, struct ctl_rules *rules,
		   struct ctl_nl_err *err);

struct json;

/* The status as members of the current JSON object (status.c). */
void ctl_status_json(struct json *j, const struct ctl_status *st);

/* One signal as a JSON object, in the shape "detect -j" gives (signals.c). */
void ctl_signal_json(struct json *j, const struct ctl_signal *s);

/* The TPM identity as members of the current JSON object (tpm.c). */
void ctl_tpm_json(struct json *j, const struct ctl_tpm *tpm);

/* The TPM identity as "label  value" lines, labels @indent wide (tpm.c). */
void ctl_tpm_print(const struct ctl_tpm *tpm, int indent);

/*
 * Names of the TPM enums, as sysfs prints them; a value this vmfencectl
 * does not know is "unknown-N", written into @buf (16 bytes) (tpm.c).
 */
const char *ctl_tpm_class_name(unsigned int v, char *buf);
const char *ctl_tpm_possession_name(unsigned int v, char *buf);
const char *ctl_tpm_eventlog_name(unsigned int v, char *buf);
const char *ctl_tpm_bound_name(unsigned int v, char *buf);

/* Names of the enums the module sends. */
const char *ctl_mode_name(unsigned int mode);
const char *ctl_state_name(unsigned int state);

#endif /* VMFENCECTL_QUERY_H */
