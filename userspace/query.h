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

/* Names of the enums the module sends. */
const char *ctl_mode_name(unsigned int mode);
const char *ctl_state_name(unsigned int state);

#endif /* VMFENCECTL_QUERY_H */
