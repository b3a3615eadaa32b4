// SPDX-License-Identifier: GPL-2.0
/* monitor.c - vmfencectl monitor: print each enforcement event as it comes */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "core/rule.h"
#include "json.h"
#include "nl.h"
#include "vmfencectl.h"

struct monitor {
	struct ctl *ctl;
	long left;		/* events still to print; -1 for no end */
};

static const char *op_name(const struct nlattr *nla)
{
	if (!nla)
		return "unknown";
	return nla_get_u8((struct nlattr *)nla) == VMFENCE_EVENT_OP_MODULE ?
	       "module" : "exec";
}

static const char *result_name(const struct nlattr *nla)
{
	if (!nla)
		return "unknown";
	switch (nla_get_u8((struct nlattr *)nla)) {
	case VMFENCE_EVENT_RESULT_AUDITED:
		return "audited";
	case VMFENCE_EVENT_RESULT_KILLED:
		return "killed";
	default:
		return "denied";
	}
}

/* The part the file played in its exec, as as= names it; NULL if none. */
static const char *role_name(const struct nlattr *nla)
{
	unsigned int role;

	if (!nla)
		return NULL;
	role = nla_get_u8((struct nlattr *)nla);
	return role < VMFENCE_EXEC_ROLE_COUNT ? vmfence_role_names[role] : "unknown";
}

static void sha256_hex_of(const struct nlattr *nla, char *hex)
{
	const unsigned char *d = nla_data(nla);
	int i;

	for (i = 0; i < nla_len(nla) && i < 32; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
}

static void print_event(struct monitor *m, struct nlattr **ev)
{
	char when[32], hex[65] = "";
	const char *role = role_name(ev[VMFENCE_A_EVENT_ROLE]);
	struct tm tm;
	time_t now = time(NULL);
	struct json j;
	uint32_t u;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	if (ev[VMFENCE_A_EVENT_SHA256])
		sha256_hex_of(ev[VMFENCE_A_EVENT_SHA256], hex);
	if (!m->ctl->json) {
		printf("%s %s %s", when, result_name(ev[VMFENCE_A_EVENT_RESULT]),
		       op_name(ev[VMFENCE_A_EVENT_OP]));
		if (ev[VMFENCE_A_EVENT_NAME])
			printf(" %s", ctl_nla_str(ev[VMFENCE_A_EVENT_NAME]));
		if (ev[VMFENCE_A_EVENT_PATH])
			printf(" %s", ctl_nla_str(ev[VMFENCE_A_EVENT_PATH]));
		if (role)
			printf(" as %s", role);
		if (ev[VMFENCE_A_EVENT_RULE_ID])
			printf(" rule %u", nla_get_u32(ev[VMFENCE_A_EVENT_RULE_ID]));
		if (hex[0])
			printf(" sha256=%s", hex);
		if (ev[VMFENCE_A_EVENT_PID])
			printf(" pid %u", nla_get_u32(ev[VMFENCE_A_EVENT_PID]));
		if (ev[VMFENCE_A_EVENT_UID])
			printf(" uid %u", nla_get_u32(ev[VMFENCE_A_EVENT_UID]));
		if (ev[VMFENCE_A_EVENT_AUID]) {
			u = nla_get_u32(ev[VMFENCE_A_EVENT_AUID]);
			if (u != (uint32_t)-1)
				printf(" auid %u", u);
		}
		if (ev[VMFENCE_A_EVENT_COMM])
			printf(" comm %s", ctl_nla_str(ev[VMFENCE_A_EVENT_COMM]));
		if (ev[VMFENCE_A_EVENT_HYPERVISOR])
			printf(" on %s", ctl_nla_str(ev[VMFENCE_A_EVENT_HYPERVISOR]));
		if (ev[VMFENCE_A_EVENT_CONFIDENCE])
			printf(" (confidence %u)",
			       nla_get_u8(ev[VMFENCE_A_EVENT_CONFIDENCE]));
		putchar('\n');
		fflush(stdout);
		return;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_string(&j, "time", when);
	json_string(&j, "op", op_name(ev[VMFENCE_A_EVENT_OP]));
	json_string(&j, "result", result_name(ev[VMFENCE_A_EVENT_RESULT]));
	if (ev[VMFENCE_A_EVENT_RULE_ID])
		json_uint(&j, "rule", nla_get_u32(ev[VMFENCE_A_EVENT_RULE_ID]));
	json_string(&j, "path", ev[VMFENCE_A_EVENT_PATH] ?
		    ctl_nla_str(ev[VMFENCE_A_EVENT_PATH]) : NULL);
	json_string(&j, "name", ev[VMFENCE_A_EVENT_NAME] ?
		    ctl_nla_str(ev[VMFENCE_A_EVENT_NAME]) : NULL);
	json_string(&j, "sha256", hex[0] ? hex : NULL);
	json_string(&j, "hypervisor", ctl_nla_str(ev[VMFENCE_A_EVENT_HYPERVISOR]));
	if (ev[VMFENCE_A_EVENT_CONFIDENCE])
		json_uint(&j, "confidence", nla_get_u8(ev[VMFENCE_A_EVENT_CONFIDENCE]));
	if (ev[VMFENCE_A_EVENT_PID])
		json_uint(&j, "pid", nla_get_u32(ev[VMFENCE_A_EVENT_PID]));
	if (ev[VMFENCE_A_EVENT_UID])
		json_uint(&j, "uid", nla_get_u32(ev[VMFENCE_A_EVENT_UID]));
	if (ev[VMFENCE_A_EVENT_AUID]) {
		u = nla_get_u32(ev[VMFENCE_A_EVENT_AUID]);
		if (u == (uint32_t)-1)
			json_null(&j, "auid");
		else
			json_uint(&j, "auid", u);
	}
	json_string(&j, "comm", ctl_nla_str(ev[VMFENCE_A_EVENT_COMM]));
	if (role)
		json_string(&j, "as", role);
	json_object_end(&j);
	json_finish(&j);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *ev[VMFENCE_A_EVENT_MAX + 1];
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct monitor *m = arg;

	if (g->cmd != VMFENCE_CMD_EVENT ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMFENCE_A_MAX, NULL) ||
	    !tb[VMFENCE_A_EVENT] ||
	    nla_parse_nested(ev, VMFENCE_A_EVENT_MAX, tb[VMFENCE_A_EVENT], NULL))
		return NL_SKIP;
	print_event(m, ev);
	if (m->left > 0 && !--m->left)
		return NL_STOP;
	return NL_OK;
}

int cmd_monitor(struct ctl *ctl, int argc, char **argv)
{
	struct monitor m = { .ctl = ctl, .left = -1 };
	struct ctl_nl nl;
	char *end;
	int grp, ret;

	if (argc == 3 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "--count"))) {
		m.left = strtol(argv[2], &end, 10);
		if (*end || m.left <= 0)
			return ctl_err("monitor: the count must be a positive number");
	} else if (argc != 1) {
		return ctl_err("usage: vmfencectl [-j] monitor [-n COUNT]");
	}
	if (ctl_nl_open(&nl))
		return 1;
	grp = ctl_nl_events_group(&nl);
	ret = grp < 0 ? grp : nl_socket_add_membership(nl.sk, grp);
	if (ret) {
		ctl_nl_close(&nl);
		if (ret == -NLE_PERM)
			return ctl_err("monitor: joining the events group needs CAP_SYS_ADMIN");
		return ctl_err("monitor: joining the events group: %s",
			       ret < 0 && grp >= 0 ? nl_geterror(ret) : strerror(-ret));
	}
	nl_socket_disable_seq_check(nl.sk);
	nl_socket_modify_cb(nl.sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, &m);
	if (!ctl->json)
		fprintf(stderr, "vmfencectl: listening for vmfence events; Ctrl-C ends\n");
	/* Until COUNT events, or until a signal ends the process. */
	while (m.left) {
		ret = nl_recvmsgs_default(nl.sk);
		if (ret < 0) {
			ctl_nl_close(&nl);
			return ctl_err("monitor: %s", nl_geterror(ret));
		}
	}
	ctl_nl_close(&nl);
	return 0;
}
