// SPDX-License-Identifier: GPL-2.0
/* nl.c - vmfencectl's generic netlink client for the vmfence family */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "json.h"
#include "nl.h"
#include "vmfencectl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Policy text and canonical rules make messages far beyond a page. */
#define CTL_NL_BUF_SIZE	(256 * 1024)

int ctl_nl_open(struct ctl_nl *nl)
{
	int one = 1, fd, ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return ctl_err("out of memory");
	ret = genl_connect(nl->sk);
	if (ret) {
		ctl_err("netlink: %s", nl_geterror(ret));
		goto fail;
	}
	/* Extended ACKs, without the request echoed back. */
	fd = nl_socket_get_fd(nl->sk);
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one))) {
		ctl_err("netlink: %s", strerror(errno));
		goto fail;
	}
	/* Requests ask for their ACK themselves; dumps have none. */
	nl_socket_disable_auto_ack(nl->sk);
	nl_socket_enable_msg_peek(nl->sk);
	nl_socket_set_msg_buf_size(nl->sk, CTL_NL_BUF_SIZE);
	nl->family = genl_ctrl_resolve(nl->sk, VMFENCE_GENL_NAME);
	if (nl->family < 0) {
		ctl_err("the vmfence module is not loaded (no generic netlink family '%s')",
			VMFENCE_GENL_NAME);
		goto fail;
	}
	return 0;

fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return 1;
}

void ctl_nl_close(struct ctl_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

int ctl_nl_events_group(struct ctl_nl *nl)
{
	int grp = genl_ctrl_resolve_grp(nl->sk, VMFENCE_GENL_NAME,
					VMFENCE_MCGRP_EVENTS);

	return grp < 0 ? -ENOENT : grp;
}

struct nl_msg *ctl_nl_msg(struct ctl_nl *nl, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc_size(CTL_NL_BUF_SIZE);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
				0, cmd, VMFENCE_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* A request in flight. */
struct req {
	ctl_nl_cb cb;
	void *arg;
	struct ctl_nl_err *err;
	bool done;
};

/* The TLVs of an extended ACK, at (data, len). */
static void ack_tlvs(struct ctl_nl_err *err, void *data, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX, data, len, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(err->msg, sizeof(err->msg), "%.*s",
			 nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_COOKIE] &&
	    nla_len(tb[NLMSGERR_ATTR_COOKIE]) == sizeof(err->pos)) {
		memcpy(&err->pos, nla_data(tb[NLMSGERR_ATTR_COOKIE]),
		       sizeof(err->pos));
		err->has_pos = true;
	}
	err->msg[strcspn(err->msg, "\n")] = '\0';
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct req *req = arg;
	int off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		ack_tlvs(req->err, (char *)e + off,
			 (int)nlh->nlmsg_len - NLMSG_HDRLEN - off);
	req->err->error = e->error;
	req->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct req *req = arg;

	req->done = true;
	return NL_STOP;
}

/* The end of a dump carries its errno, and then an extended ACK. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *req = arg;
	int *error = nlmsg_data(nlh);

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(*error)) {
		req->err->error = *error;
		if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
			ack_tlvs(req->err, error + 1, (int)nlh->nlmsg_len -
				 NLMSG_HDRLEN - (int)sizeof(*error));
	}
	req->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1];
	struct req *req = arg;
	int ret;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMFENCE_A_MAX, NULL)) {
		req->err->error = -EBADMSG;
		req->done = true;
		return NL_STOP;
	}
	if (!req->cb)
		return NL_OK;
	ret = req->cb(tb, req->arg);
	if (ret) {
		req->err->error = ret;
		req->done = true;
		return NL_STOP;
	}
	return NL_OK;
}

int ctl_nl_do(struct ctl_nl *nl, struct nl_msg *msg, bool dump, ctl_nl_cb cb,
	      void *arg, struct ctl_nl_err *err)
{
	struct req req = { .cb = cb, .arg = arg, .err = err };
	struct nl_cb *nlcb;
	int ret;

	memset(err, 0, sizeof(*err));
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb) {
		nlmsg_free(msg);
		return err->error = -ENOMEM;
	}
	nlmsg_hdr(msg)->nlmsg_flags |= dump ? NLM_F_DUMP : NLM_F_ACK;
	nl_cb_err(nlcb, NL_CB_CUSTOM, on_error, &req);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &req);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &req);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);

	ret = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		err->error = -EIO;
		snprintf(err->msg, sizeof(err->msg), "%s", nl_geterror(ret));
	}
	while (ret >= 0 && !req.done) {
		ret = nl_recvmsgs(nl->sk, nlcb);
		if (ret < 0 && !req.done) {
			/* A failure of our own: the kernel's would be in err. */
			err->error = ret == -NLE_DUMP_INTR ? -EINTR : -EIO;
			snprintf(err->msg, sizeof(err->msg), "%s", nl_geterror(ret));
		}
	}
	nl_cb_put(nlcb);
	return err->error;
}

int ctl_nl_perror(const char *what, const struct ctl_nl_err *err)
{
	if (err->msg[0])
		return ctl_err("%s: %s (%s)", what, err->msg, strerror(-err->error));
	return ctl_err("%s: %s", what, strerror(-err->error));
}

int ctl_nl_fail(const struct ctl *ctl, const char *what,
		const struct ctl_nl_err *err)
{
	struct json j;

	ctl_nl_perror(what, err);
	if (!ctl->json)
		return 1;
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_object_begin(&j, "error");
	json_string(&j, "command", what);
	json_int(&j, "errno", -err->error);
	json_string(&j, "message", strerror(-err->error));
	if (err->msg[0])
		json_string(&j, "extack", err->msg);
	else
		json_null(&j, "extack");
	if (err->has_pos) {
		json_uint(&j, "line", err->pos.line);
		json_uint(&j, "column", err->pos.column);
	}
	json_object_end(&j);
	json_object_end(&j);
	json_finish(&j);
	return 1;
}

const char *ctl_nla_str(const struct nlattr *nla)
{
	if (!nla || nla_len(nla) < 1 ||
	    ((const char *)nla_data(nla))[nla_len(nla) - 1])
		return "";
	return nla_data(nla);
}
