// SPDX-License-Identifier: GPL-2.0
/* status.c - vmfencectl status: the module's verdict, policy and counters */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "query.h"
#include "vmfencectl.h"

static uint64_t stat_of(const struct ctl_status *st, int attr)
{
	return st->stats[attr];
}

static void print_size(uint64_t bytes)
{
	if (bytes >= 10u << 20)
		printf("%" PRIu64 " MiB", bytes >> 20);
	else if (bytes >= 10u << 10)
		printf("%" PRIu64 " KiB", bytes >> 10);
	else
		printf("%" PRIu64 " bytes", bytes);
}

static int print_human(const struct ctl_status *st, const struct ctl_tpm *tpm)
{
	char b1[16], b2[16], b3[16];

	printf("module:    loaded, version %s\n", st->version);
	printf("verdict:   %s, confidence %u (threshold %u), hypervisor %s, confidential %s, role %s\n",
	       st->virtualized ? "virtualized" : "not virtualized", st->confidence,
	       st->threshold, st->hypervisor, st->confidential,
	       st->role[0] ? st->role : "?");
	printf("policy:    mode %s, %s, generation %" PRIu64 ", %u rule%s, ",
	       ctl_mode_name(st->mode), st->locked ? "locked until reboot" : "unlocked",
	       st->generation, st->rules, st->rules == 1 ? "" : "s");
	print_size(st->policy_bytes);
	if (tpm)
		printf("\ntpm:       %s, possession %s, bound %s",
		       ctl_tpm_class_name(tpm->class, b1),
		       ctl_tpm_possession_name(tpm->possession, b2),
		       ctl_tpm_bound_name(tpm->bound, b3));
	printf("\nscans:     %" PRIu64 ", the latest took %.1f ms\n", st->scan_count,
	       st->scan_duration_ns / 1e6);
	printf("exec:      %" PRIu64 " checked, %" PRIu64 " denied, %" PRIu64 " audited\n",
	       stat_of(st, VMFENCE_A_STATS_EXEC_CHECKS),
	       stat_of(st, VMFENCE_A_STATS_EXEC_DENIALS),
	       stat_of(st, VMFENCE_A_STATS_EXEC_AUDITS));
	printf("modules:   %" PRIu64 " checked, %" PRIu64 " denied, %" PRIu64 " audited\n",
	       stat_of(st, VMFENCE_A_STATS_MODULE_CHECKS),
	       stat_of(st, VMFENCE_A_STATS_MODULE_DENIALS),
	       stat_of(st, VMFENCE_A_STATS_MODULE_AUDITS));
	printf("digests:   %" PRIu64 " from the cache, %" PRIu64 " computed\n",
	       stat_of(st, VMFENCE_A_STATS_DIGEST_HITS),
	       stat_of(st, VMFENCE_A_STATS_DIGEST_MISSES));
	return ferror(stdout) ? 1 : 0;
}

/* The status as members of the current JSON object. */
void ctl_status_json(struct json *j, const struct ctl_status *st)
{
	int i;

	json_string(j, "version", st->version);
	json_bool(j, "virtualized", st->virtualized);
	json_uint(j, "confidence", st->confidence);
	json_string(j, "hypervisor", st->hypervisor);
	json_string(j, "confidential", st->confidential);
	json_string(j, "role", st->role[0] ? st->role : "unknown");
	json_string(j, "mode", ctl_mode_name(st->mode));
	json_uint(j, "threshold", st->threshold);
	json_bool(j, "locked", st->locked);
	json_uint(j, "generation", st->generation);
	json_uint(j, "rules", st->rules);
	json_uint(j, "policy_bytes", st->policy_bytes);
	json_object_begin(j, "scan");
	json_uint(j, "count", st->scan_count);
	json_uint(j, "duration_ns", st->scan_duration_ns);
	json_object_end(j);
	json_object_begin(j, "stats");
	for (i = 0; i <= VMFENCE_A_STATS_MAX; i++)
		if (ctl_stat_names[i])
			json_uint(j, ctl_stat_names[i], st->stats[i]);
	json_object_end(j);
}

int cmd_status(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_tpm tpm, *tp = &tpm;
	struct ctl_status st;
	struct ctl_nl_err err;
	struct ctl_nl nl;
	struct stat sb;
	struct json j;
	int ret;

	if (argc != 1)
		return ctl_err("usage: vmfencectl [-j] status");
	if (stat(ctl->sysfs, &sb) || !S_ISDIR(sb.st_mode)) {
		if (!ctl->json) {
			printf("module:    not loaded\n");
			return 0;
		}
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_bool(&j, "loaded", false);
		json_object_end(&j);
		return json_finish(&j);
	}
	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_status(&nl, &st, &err);
	if (!ret) {
		ret = ctl_get_tpm(&nl, &tpm, &err);
		/* A module older than the TPM identity: no tpm line. */
		if (ret == -EOPNOTSUPP) {
			tp = NULL;
			ret = 0;
		}
	}
	ctl_nl_close(&nl);
	if (ret)
		return ctl_nl_fail(ctl, "status", &err);
	if (!ctl->json)
		return print_human(&st, tp);
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_bool(&j, "loaded", true);
	ctl_status_json(&j, &st);
	if (tp) {
		json_object_begin(&j, "tpm");
		ctl_tpm_json(&j, tp);
		json_object_end(&j);
	}
	json_object_end(&j);
	return json_finish(&j);
}
