// SPDX-License-Identifier: GPL-2.0
/*
 * metrics.c - vmfencectl metrics: Prometheus text format, for
 * node_exporter's textfile collector
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "query.h"
#include "vmfencectl.h"

/* Where the metrics go: Prometheus text, or JSON. */
struct out {
	FILE *f;
	struct json *j;		/* NULL for Prometheus text */
	char family[64];	/* the metric whose HELP and TYPE were written */
};

/* A label value, escaped as the text format wants. */
static void label_value(FILE *f, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(f, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
}

/*
 * One sample of metric @name, with up to two labels (NULL for none). HELP
 * and TYPE precede the first sample of each metric.
 */
static void sample(struct out *o, const char *name, const char *type,
		   const char *help, const char *k1, const char *v1,
		   const char *k2, const char *v2, double value)
{
	if (o->j) {
		json_object_begin(o->j, NULL);
		json_string(o->j, "name", name);
		json_string(o->j, "type", type);
		json_object_begin(o->j, "labels");
		if (k1)
			json_string(o->j, k1, v1);
		if (k2)
			json_string(o->j, k2, v2);
		json_object_end(o->j);
		json_double(o->j, "value", value);
		json_object_end(o->j);
		return;
	}
	if (strcmp(o->family, name)) {
		fprintf(o->f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
		snprintf(o->family, sizeof(o->family), "%s", name);
	}
	fputs(name, o->f);
	if (k1) {
		fprintf(o->f, "{%s=\"", k1);
		label_value(o->f, v1);
		if (k2) {
			fprintf(o->f, "\",%s=\"", k2);
			label_value(o->f, v2);
		}
		fputs("\"}", o->f);
	}
	fprintf(o->f, " %.9g\n", value);
}

static const char *const stat_help[VMFENCE_A_STATS_MAX + 1] = {
	[VMFENCE_A_STATS_EXEC_CHECKS] = "Executions judged since the module loaded.",
	[VMFENCE_A_STATS_EXEC_DENIALS] = "Executions refused.",
	[VMFENCE_A_STATS_EXEC_AUDITS] = "Executions matched and allowed, recorded.",
	[VMFENCE_A_STATS_MODULE_CHECKS] = "Module loads judged.",
	[VMFENCE_A_STATS_MODULE_DENIALS] = "Module loads refused.",
	[VMFENCE_A_STATS_MODULE_AUDITS] = "Module loads matched and allowed, recorded.",
	[VMFENCE_A_STATS_DIGEST_HITS] = "File digests served from the cache.",
	[VMFENCE_A_STATS_DIGEST_MISSES] = "File digests computed.",
};

/* One gauge per value of a TPM enum: 1 for the value the module reports. */
static void tpm_enum(struct out *o, const char *name, const char *help,
		     const char *label, const char *(*name_of)(unsigned int, char *),
		     unsigned int count, unsigned int v)
{
	char buf[16];
	unsigned int i;

	for (i = 0; i < count; i++)
		sample(o, name, "gauge", help, label, name_of(i, buf), NULL, NULL, v == i);
	/* A value this vmfencectl does not know still shows, as unknown-N. */
	if (v >= count)
		sample(o, name, "gauge", help, label, name_of(v, buf), NULL, NULL, 1);
}

static void write_tpm(struct out *o, const struct ctl_tpm *tpm)
{
	sample(o, "vmfence_tpm_present", "gauge", "1 when a TPM 2.0 answered.",
	       NULL, NULL, NULL, NULL, tpm->present);
	tpm_enum(o, "vmfence_tpm_class", "1 for who issued the TPM's EK certificate.",
		 "class", ctl_tpm_class_name, VMFENCE_TPM_CLASS_COUNT, tpm->class);
	tpm_enum(o, "vmfence_tpm_possession",
		 "1 for whether the TPM proved it holds the certified EK.",
		 "result", ctl_tpm_possession_name, VMFENCE_TPM_POSSESSION_COUNT,
		 tpm->possession);
	tpm_enum(o, "vmfence_tpm_eventlog",
		 "1 for the measured-boot log replayed against the PCRs.",
		 "result", ctl_tpm_eventlog_name, VMFENCE_TPM_EVENTLOG_COUNT,
		 tpm->eventlog);
	tpm_enum(o, "vmfence_tpm_bound",
		 "1 for the policy's bind-tpm setting and this TPM.",
		 "bound", ctl_tpm_bound_name, VMFENCE_TPM_BOUND_COUNT, tpm->bound);
	sample(o, "vmfence_tpm_anchors", "gauge", "Trusted EK CA certificates.",
	       NULL, NULL, NULL, NULL, tpm->anchors);
	sample(o, "vmfence_tpm_anchors_locked", "gauge",
	       "1 once the EK CA certificates cannot change until reboot.",
	       NULL, NULL, NULL, NULL, tpm->anchors_locked);
}

static void write_metrics(struct out *o, const struct ctl_status *st,
			  const struct ctl_signals *sigs, const struct ctl_tpm *tpm)
{
	char name[64];
	size_t i;
	int m;

	sample(o, "vmfence_info", "gauge", "The vmfence module, by version.",
	       "version", st->version, NULL, NULL, 1);
	sample(o, "vmfence_virtualized", "gauge",
	       "1 when the machine counts as virtualized, else 0.",
	       "hypervisor", st->hypervisor, "confidential", st->confidential,
	       st->virtualized);
	sample(o, "vmfence_confidence", "gauge",
	       "How sure the evidence makes vmfence that this is a VM, 0-100.",
	       NULL, NULL, NULL, NULL, st->confidence);
	sample(o, "vmfence_threshold", "gauge",
	       "The confidence at which the machine counts as virtualized.",
	       NULL, NULL, NULL, NULL, st->threshold);
	for (m = 0; m < 3; m++)
		sample(o, "vmfence_mode", "gauge", "1 for the enforcement mode in force.",
		       "mode", ctl_mode_name(m), NULL, NULL, st->mode == (unsigned int)m);
	sample(o, "vmfence_locked", "gauge", "1 once the policy is locked until reboot.",
	       NULL, NULL, NULL, NULL, st->locked);
	sample(o, "vmfence_policy_generation", "counter",
	       "Changes to the policy since the module loaded.",
	       NULL, NULL, NULL, NULL, st->generation);
	sample(o, "vmfence_policy_rules", "gauge", "Rules in the policy.",
	       NULL, NULL, NULL, NULL, st->rules);
	sample(o, "vmfence_policy_bytes", "gauge", "Kernel memory the policy takes.",
	       NULL, NULL, NULL, NULL, st->policy_bytes);
	sample(o, "vmfence_scans_total", "counter", "Detection scans since load.",
	       NULL, NULL, NULL, NULL, st->scan_count);
	sample(o, "vmfence_scan_duration_seconds", "gauge",
	       "How long the latest detection scan took.",
	       NULL, NULL, NULL, NULL, st->scan_duration_ns / 1e9);
	for (i = 0; i <= VMFENCE_A_STATS_MAX; i++) {
		if (!ctl_stat_names[i])
			continue;
		snprintf(name, sizeof(name), "vmfence_%s_total", ctl_stat_names[i]);
		sample(o, name, "counter", stat_help[i], NULL, NULL, NULL, NULL,
		       st->stats[i]);
	}
	for (i = 0; i < sigs->n; i++)
		if (sigs->v[i].state != VMFENCE_SIGNAL_STATE_UNKNOWN)
			sample(o, "vmfence_signal_hit", "gauge",
			       "1 when the signal hit, 0 when it did not; unknown ones are left out.",
			       "signal", sigs->v[i].name, NULL, NULL,
			       sigs->v[i].state == VMFENCE_SIGNAL_STATE_HIT);
	if (tpm)
		write_tpm(o, tpm);
}

/* Write to @path through a temporary file renamed over it. */
static FILE *open_tmp(const char *path, char *tmp, size_t size)
{
	if (snprintf(tmp, size, "%s.tmp.%d", path, (int)getpid()) >= (int)size) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return fopen(tmp, "we");
}

int cmd_metrics(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_tpm tpm, *tp = &tpm;
	struct ctl_signals sigs;
	struct ctl_status st;
	struct ctl_nl_err err;
	const char *path = NULL;
	struct out o = { 0 };
	struct ctl_nl nl;
	char tmp[4096];
	struct json j;
	int ret;

	if (argc > 2)
		return ctl_err("usage: vmfencectl [-j] metrics [FILE]");
	if (argc == 2)
		path = argv[1];
	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_status(&nl, &st, &err);
	if (!ret)
		ret = ctl_get_tpm(&nl, &tpm, &err);
	/* A module older than the TPM identity: no vmfence_tpm_* metrics. */
	if (ret == -EOPNOTSUPP) {
		tp = NULL;
		ret = 0;
	}
	if (!ret)
		ret = ctl_get_signals(&nl, 0, &sigs, &err);
	ctl_nl_close(&nl);
	if (ret)
		return ctl_nl_fail(ctl, "metrics", &err);

	o.f = path ? open_tmp(path, tmp, sizeof(tmp)) : stdout;
	if (!o.f) {
		ctl_signals_free(&sigs);
		return ctl_err("metrics: %s: %s", path, strerror(errno));
	}
	if (ctl->json) {
		o.j = &j;
		json_init(&j, o.f);
		json_object_begin(&j, NULL);
		json_array_begin(&j, "metrics");
	}
	write_metrics(&o, &st, &sigs, tp);
	ctl_signals_free(&sigs);
	if (ctl->json) {
		json_array_end(&j);
		json_object_end(&j);
		ret = json_finish(&j);
	} else {
		ret = fflush(o.f) || ferror(o.f);
	}
	if (!path)
		return ret;
	/* node_exporter must never read a file half written. */
	if (fclose(o.f) || ret || rename(tmp, path)) {
		ret = ctl_err("metrics: %s: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
	}
	return ret;
}
