// SPDX-License-Identifier: GPL-2.0
/* settings.c - vmfencectl mode, threshold, lock and rescan */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/rule.h"
#include "json.h"
#include "query.h"
#include "vmfencectl.h"

/*
 * Send @cmd, with one u8 attribute unless @attr is 0, then read the status
 * it left. Return 0, or 1 after reporting the failure as @what.
 */
static int change(struct ctl *ctl, const char *what, uint8_t cmd, int attr,
		  uint8_t value, struct ctl_status *st)
{
	struct ctl_nl_err err;
	struct nl_msg *msg;
	struct ctl_nl nl;
	int ret;

	if (ctl_nl_open(&nl))
		return 1;
	msg = ctl_nl_msg(&nl, cmd);
	if (!msg || (attr && nla_put_u8(msg, attr, value))) {
		nlmsg_free(msg);
		ctl_nl_close(&nl);
		return ctl_err("%s: out of memory", what);
	}
	ret = ctl_nl_do(&nl, msg, false, NULL, NULL, &err);
	if (!ret)
		ret = ctl_get_status(&nl, st, &err);
	ctl_nl_close(&nl);
	return ret ? ctl_nl_fail(ctl, what, &err) : 0;
}

/* The settings after a change, as JSON or as one line. */
static int print_settings(struct ctl *ctl, const struct ctl_status *st)
{
	struct json j;

	if (!ctl->json) {
		printf("mode %s, threshold %u, %s; generation %" PRIu64 "\n",
		       ctl_mode_name(st->mode), st->threshold,
		       st->locked ? "locked until reboot" : "unlocked", st->generation);
		return ferror(stdout) ? 1 : 0;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "mode", ctl_mode_name(st->mode));
	json_uint(&j, "threshold", st->threshold);
	json_bool(&j, "locked", st->locked);
	json_uint(&j, "generation", st->generation);
	json_object_end(&j);
	return json_finish(&j);
}

int cmd_mode(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_status st;
	int mode;

	if (argc != 2)
		return ctl_err("usage: vmfencectl mode off|audit|enforce");
	for (mode = 0; mode < VMFENCE_POLICY_MODE_COUNT; mode++)
		if (!strcmp(argv[1], vmfence_mode_names[mode]))
			break;
	if (mode == VMFENCE_POLICY_MODE_COUNT)
		return ctl_err("mode: '%s' is none of off, audit, enforce", argv[1]);
	if (change(ctl, "mode", VMFENCE_CMD_SET, VMFENCE_A_MODE, mode, &st))
		return 1;
	return print_settings(ctl, &st);
}

int cmd_threshold(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_status st;
	unsigned long n;

	if (argc != 2)
		return ctl_err("usage: vmfencectl threshold N (0-100)");
	if (ctl_parse_ulong(argv[1], 100, &n))
		return ctl_err("threshold: '%s' is not a confidence from 0 to 100",
			       argv[1]);
	if (change(ctl, "threshold", VMFENCE_CMD_SET, VMFENCE_A_THRESHOLD, n, &st))
		return 1;
	return print_settings(ctl, &st);
}

int cmd_lock(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_status st;

	if (argc != 1)
		return ctl_err("usage: vmfencectl lock");
	if (change(ctl, "lock", VMFENCE_CMD_LOCK, 0, 0, &st))
		return 1;
	return print_settings(ctl, &st);
}

int cmd_rescan(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_status st;
	struct json j;

	if (argc != 1)
		return ctl_err("usage: vmfencectl rescan");
	if (change(ctl, "rescan", VMFENCE_CMD_RESCAN, 0, 0, &st))
		return 1;
	if (!ctl->json) {
		printf("%s, confidence %u (threshold %u), hypervisor %s, confidential %s; scan %" PRIu64 " took %.1f ms\n",
		       st.virtualized ? "virtualized" : "not virtualized", st.confidence,
		       st.threshold, st.hypervisor, st.confidential, st.scan_count,
		       st.scan_duration_ns / 1e6);
		return ferror(stdout) ? 1 : 0;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_bool(&j, "virtualized", st.virtualized);
	json_uint(&j, "confidence", st.confidence);
	json_uint(&j, "threshold", st.threshold);
	json_string(&j, "hypervisor", st.hypervisor);
	json_string(&j, "confidential", st.confidential);
	json_uint(&j, "scan", st.scan_count);
	json_uint(&j, "duration_ns", st.scan_duration_ns);
	json_object_end(&j);
	return json_finish(&j);
}
