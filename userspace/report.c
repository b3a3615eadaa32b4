// SPDX-License-Identifier: GPL-2.0
/* report.c - vmfencectl report: what an auditor needs, in one document */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "core/port.h"
#include "digest.h"
#include "json.h"
#include "query.h"
#include "vmfencectl.h"

#define DMI "/sys/class/dmi/id"

/* The DMI fields that identify the machine; some are readable by root only. */
static const char *const dmi_fields[] = {
	"sys_vendor", "product_name", "product_serial", "product_uuid",
	"board_vendor", "board_name", "board_serial", "chassis_serial",
};

struct host {
	char hostname[256];
	char machine_id[64];		/* "" when unreadable */
	char boot_id[64];		/* this boot's, "" when unreadable */
	char kernel[sizeof(((struct utsname *)0)->release)];
	char dmi[ARRAY_SIZE(dmi_fields)][128];
};

static void read_host(struct host *h)
{
	struct utsname u;
	size_t i;

	memset(h, 0, sizeof(*h));
	if (gethostname(h->hostname, sizeof(h->hostname) - 1))
		h->hostname[0] = '\0';
	if (ctl_read_line("/etc", "machine-id", h->machine_id, sizeof(h->machine_id)))
		h->machine_id[0] = '\0';
	if (ctl_read_line("/proc/sys/kernel/random", "boot_id", h->boot_id,
			  sizeof(h->boot_id)))
		h->boot_id[0] = '\0';
	if (!uname(&u))
		snprintf(h->kernel, sizeof(h->kernel), "%s", u.release);
	for (i = 0; i < ARRAY_SIZE(dmi_fields); i++)
		if (ctl_read_line(DMI, dmi_fields[i], h->dmi[i], sizeof(h->dmi[i])))
			h->dmi[i][0] = '\0';
}

struct report {
	char generated[32];
	struct host host;
	struct ctl_status st;
	struct ctl_signals signals;
	struct ctl_tpm tpm;
	bool have_tpm;			/* false with a module older than it */
	char sha256[DIGEST_SHA256_HEX_SIZE];
};

static int print_json(const struct report *r)
{
	const struct ctl_status *st = &r->st;
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "generated", r->generated);
	json_object_begin(&j, "host");
	json_string(&j, "hostname", r->host.hostname);
	json_string(&j, "machine_id", r->host.machine_id[0] ? r->host.machine_id : NULL);
	json_string(&j, "boot_id", r->host.boot_id[0] ? r->host.boot_id : NULL);
	json_string(&j, "kernel", r->host.kernel[0] ? r->host.kernel : NULL);
	json_object_begin(&j, "dmi");
	for (i = 0; i < ARRAY_SIZE(dmi_fields); i++)
		json_string(&j, dmi_fields[i], r->host.dmi[i][0] ? r->host.dmi[i] : NULL);
	json_object_end(&j);
	json_object_end(&j);

	json_object_begin(&j, "verdict");
	json_bool(&j, "virtualized", st->virtualized);
	json_uint(&j, "confidence", st->confidence);
	json_uint(&j, "threshold", st->threshold);
	json_string(&j, "hypervisor", st->hypervisor);
	json_string(&j, "confidential", st->confidential);
	json_uint(&j, "scan", st->scan_count);
	json_array_begin(&j, "evidence");
	for (i = 0; i < r->signals.n; i++)
		ctl_signal_json(&j, &r->signals.v[i]);
	json_array_end(&j);
	json_object_end(&j);

	if (r->have_tpm) {
		json_object_begin(&j, "tpm");
		ctl_tpm_json(&j, &r->tpm);
		json_object_end(&j);
	}

	json_object_begin(&j, "policy");
	json_string(&j, "mode", ctl_mode_name(st->mode));
	json_uint(&j, "threshold", st->threshold);
	json_bool(&j, "locked", st->locked);
	json_uint(&j, "generation", st->generation);
	json_uint(&j, "rules", st->rules);
	json_string(&j, "sha256", r->sha256);
	json_object_end(&j);

	json_object_begin(&j, "module");
	ctl_status_json(&j, st);
	json_object_end(&j);
	json_object_end(&j);
	return json_finish(&j);
}

static int print_human(const struct report *r)
{
	const struct ctl_status *st = &r->st;
	const struct ctl_signal *s;
	size_t i;
	int hits = 0;

	printf("vmfence compliance report\n\n");
	printf("generated       %s\n", r->generated);
	printf("host            %s\n", r->host.hostname);
	printf("machine-id      %s\n", r->host.machine_id[0] ? r->host.machine_id : "(unreadable)");
	printf("boot-id         %s\n", r->host.boot_id[0] ? r->host.boot_id : "(unreadable)");
	printf("kernel          %s\n", r->host.kernel[0] ? r->host.kernel : "(unknown)");
	for (i = 0; i < ARRAY_SIZE(dmi_fields); i++)
		printf("%-15s %s\n", dmi_fields[i],
		       r->host.dmi[i][0] ? r->host.dmi[i] : "(unreadable)");
	printf("module          vmfence %s\n\n", st->version);

	printf("VERDICT         %s\n", st->virtualized ? "VIRTUALIZED" : "not virtualized");
	printf("confidence      %u (threshold %u)\n", st->confidence, st->threshold);
	printf("hypervisor      %s\n", st->hypervisor);
	printf("confidential    %s\n", st->confidential);
	printf("evidence        (scan %" PRIu64 ")\n", st->scan_count);
	for (i = 0; i < r->signals.n; i++) {
		s = &r->signals.v[i];
		if (s->state != VMFENCE_SIGNAL_STATE_HIT)
			continue;
		printf("  %3u  %-22s %s\n", s->weight, s->name, s->detail);
		hits++;
	}
	if (!hits)
		printf("  none: no signal of virtualization hit\n");

	if (r->have_tpm) {
		printf("\nTPM\n");
		ctl_tpm_print(&r->tpm, 15);
	}

	printf("\nPOLICY          mode %s, threshold %u, %s\n", ctl_mode_name(st->mode),
	       st->threshold, st->locked ? "locked until reboot" : "NOT locked");
	printf("generation      %" PRIu64 "\n", st->generation);
	printf("rules           %u\n", st->rules);
	printf("sha256          %s\n", r->sha256);
	printf("                (sha256sum of \"vmfencectl policy save\")\n\n");

	printf("COUNTERS\n");
	for (i = 0; i <= VMFENCE_A_STATS_MAX; i++)
		if (ctl_stat_names[i])
			printf("  %-16s %" PRIu64 "\n", ctl_stat_names[i], st->stats[i]);
	return ferror(stdout) ? 1 : 0;
}

int cmd_report(struct ctl *ctl, int argc, char **argv)
{
	static struct report r;
	struct ctl_rules rules;
	struct ctl_nl_err err;
	struct ctl_nl nl;
	time_t now = time(NULL);
	struct tm tm;
	size_t len;
	char *text;
	int ret, tries;

	if (argc != 1)
		return ctl_err("usage: vmfencectl [-j] report");
	strftime(r.generated, sizeof(r.generated), "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm));
	read_host(&r.host);
	if (ctl_nl_open(&nl))
		return 1;
	/* Status, policy and evidence of one scan: a rescan between, retry. */
	for (tries = 0; tries < 8; tries++) {
		ret = ctl_get_policy(&nl, &text, &len, &r.st, &rules, &err);
		if (ret)
			break;
		ret = digest_sha256_hex(text, len, r.sha256);
		free(text);
		ctl_rules_free(&rules);
		if (ret) {
			memset(&err, 0, sizeof(err));
			snprintf(err.msg, sizeof(err.msg), "libcrypto gave no SHA-256");
			err.error = ret;
			break;
		}
		ret = ctl_get_signals(&nl, 0, &r.signals, &err);
		if (ret)
			break;
		ret = ctl_get_tpm(&nl, &r.tpm, &err);
		r.have_tpm = ret != -EOPNOTSUPP;
		if (!r.have_tpm)
			ret = 0;
		if (ret || (r.signals.scan_count == r.st.scan_count &&
			    (!r.have_tpm || !r.tpm.scan_count ||
			     r.tpm.scan_count == r.st.scan_count)))
			break;
		ctl_signals_free(&r.signals);
	}
	ctl_nl_close(&nl);
	if (!ret && tries == 8) {
		memset(&err, 0, sizeof(err));
		snprintf(err.msg, sizeof(err.msg), "detection kept rescanning while read");
		ret = err.error = -EAGAIN;
	}
	if (ret) {
		ctl_signals_free(&r.signals);
		return ctl_nl_fail(ctl, "report", &err);
	}
	ret = ctl->json ? print_json(&r) : print_human(&r);
	ctl_signals_free(&r.signals);
	return ret;
}
