// SPDX-License-Identifier: GPL-2.0
/*
 * netlink.c - the vmfence generic netlink family
 *
 * The ABI, every command and attribute, is documented in
 * include/uapi/linux/vmfence.h and Documentation/netlink/specs/vmfence.yaml.
 *
 * Every command has its own strict attribute policy, so the core refuses
 * unknown, malformed and out-of-range attributes before a handler runs.
 * pre_doit refuses writers without CAP_MAC_ADMIN or CAP_SYS_ADMIN in the
 * initial user namespace, and writes of a locked policy. Dumps work on a
 * snapshot taken when they start (a pinned policy generation, a copy of the
 * verdict), so that they stay consistent whatever changes meanwhile.
 *
 * A whole-policy replace is a transaction: POLICY_BEGIN, any number of
 * POLICY_LOAD chunks, POLICY_COMMIT. It belongs to the socket that began it;
 * there is one at a time, and it is dropped when that socket closes.
 */

#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <linux/vmfence.h>

#include "compat.h"
#include "netlink.h"
#include "policy.h"
#include "scan.h"
#include "stats.h"
#include "tpm/anchors.h"
#include "tpm/identity.h"
#include "txn.h"
#include "version.h"

/*
 * genl_ops.internal_flags: VMFENCE_NL_ADMIN needs admin_capable();
 * VMFENCE_NL_WRITE changes the policy, and is refused once it is locked.
 */
#define VMFENCE_NL_ADMIN	BIT(0)
#define VMFENCE_NL_WRITE	BIT(1)

/* Multicast groups, in the order of vmfence_mcgrps[]. */
enum {
	VMFENCE_NLGRP_EVENTS,
};

static struct genl_family vmfence_genl_family;

#define ADMIN_MSG \
	"needs CAP_MAC_ADMIN or CAP_SYS_ADMIN in the initial user namespace"
#define LOCKED_MSG "the policy is locked until reboot"

/*
 * Admin rights: CAP_MAC_ADMIN or CAP_SYS_ADMIN in the initial user
 * namespace, held both by whoever opened the socket and by the sender, so
 * that root in a user namespace, and a socket passed to an unprivileged
 * process, are refused.
 */
static bool admin_capable(const struct sk_buff *skb)
{
	return netlink_capable(skb, CAP_MAC_ADMIN) ||
	       netlink_capable(skb, CAP_SYS_ADMIN);
}

/**
 * vmfence_nl_pre_doit() - the checks every command of the family shares
 * @ops: the command
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context, before the command's doit.
 * Return: 0; -EPERM for a writer without admin rights, or a policy write
 * once locked.
 */
static int vmfence_nl_pre_doit(const struct vmfence_genl_pre_ops *ops,
			       struct sk_buff *skb, struct genl_info *info)
{
	if ((ops->internal_flags & VMFENCE_NL_ADMIN) && !admin_capable(skb)) {
		NL_SET_ERR_MSG(info->extack, ADMIN_MSG);
		return -EPERM;
	}
	if ((ops->internal_flags & VMFENCE_NL_WRITE) &&
	    vmfence_policy_locked()) {
		NL_SET_ERR_MSG(info->extack, LOCKED_MSG);
		return -EPERM;
	}
	return 0;
}

/*
 * Explain an error of the policy store. The store rechecks the lock under
 * its own mutex, so -EPERM can come from here too.
 */
static int store_error(struct genl_info *info, const struct nlattr *attr,
		       int err)
{
	struct netlink_ext_ack *extack = info->extack;

	switch (err) {
	case -EPERM:
		NL_SET_ERR_MSG_ATTR(extack, attr, LOCKED_MSG);
		break;
	case -EEXIST:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a rule with the same target and match exists");
		break;
	case -ENOENT:
		NL_SET_ERR_MSG_ATTR(extack, attr, "no rule has this id");
		break;
	case -ENOSPC:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the policy would exceed its bounds on rules or memory");
		break;
	case -ENOMEM:
		NL_SET_ERR_MSG_ATTR(extack, attr, "out of memory");
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "refused by the policy store");
		break;
	}
	return err;
}

/*
 * Refuse policy text: the position goes into the extended ACK's cookie on
 * every kernel, the parser's message into its text where the kernel can
 * format one (compat.h).
 */
static int parse_error(struct genl_info *info, const struct nlattr *attr,
		       const struct vmfence_parse_error *perr)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vmfence_parse_cookie cookie = {
		.line = perr->line,
		.column = perr->col,
	};
	char msg[VMFENCE_EXTACK_FMT_MAX + 1];

	BUILD_BUG_ON(sizeof(cookie) > NETLINK_MAX_COOKIE_LEN);
	memcpy(extack->cookie, &cookie, sizeof(cookie));
	extack->cookie_len = sizeof(cookie);
	NL_SET_BAD_ATTR(extack, attr);

	/* Truncated to what the extended ACK holds, rather than warned of. */
	scnprintf(msg, sizeof(msg), "%u:%u: %s", perr->line, perr->col,
		  perr->msg);
	switch (perr->err) {
	case -EEXIST:
		vmfence_err_msg_fmt(extack, "duplicate match or setting",
				    "%s", msg);
		break;
	case -ENOSPC:
		vmfence_err_msg_fmt(extack,
				    "the policy would exceed its bounds on rules or memory",
				    "%s", msg);
		break;
	case -ENOMEM:
		vmfence_err_msg_fmt(extack, "out of memory", "%s", msg);
		break;
	default:
		vmfence_err_msg_fmt(extack, "malformed policy text", "%s", msg);
		break;
	}
	return perr->err ? perr->err : -EINVAL;
}

/* The counters in VMFENCE_A_STATS, by enum vmfence_stat. */
static const u16 stat_attrs[VMFENCE_STAT_COUNT] = {
	[VMFENCE_STAT_EXEC_CHECKS] = VMFENCE_A_STATS_EXEC_CHECKS,
	[VMFENCE_STAT_EXEC_DENIALS] = VMFENCE_A_STATS_EXEC_DENIALS,
	[VMFENCE_STAT_EXEC_AUDITS] = VMFENCE_A_STATS_EXEC_AUDITS,
	[VMFENCE_STAT_MODULE_CHECKS] = VMFENCE_A_STATS_MODULE_CHECKS,
	[VMFENCE_STAT_MODULE_DENIALS] = VMFENCE_A_STATS_MODULE_DENIALS,
	[VMFENCE_STAT_MODULE_AUDITS] = VMFENCE_A_STATS_MODULE_AUDITS,
	[VMFENCE_STAT_DIGEST_HITS] = VMFENCE_A_STATS_DIGEST_HITS,
	[VMFENCE_STAT_DIGEST_MISSES] = VMFENCE_A_STATS_DIGEST_MISSES,
};

static int put_stats(struct sk_buff *skb)
{
	struct nlattr *nest = nla_nest_start(skb, VMFENCE_A_STATS);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < VMFENCE_STAT_COUNT; i++)
		if (nla_put_u64_64bit(skb, stat_attrs[i], vmfence_stat_read(i),
				      VMFENCE_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The verdict's half of STATUS: one scan, whole, judged against the
 * threshold of the same generation as the policy's half.
 */
static int put_verdict(struct sk_buff *skb, const struct vmfence_policy_summary *pol)
{
	struct vmfence_situation sit = { .threshold = pol->threshold };
	struct vmfence_scan_snapshot snap;
	struct vmfence_conclusion c;

	vmfence_scan_snapshot(&snap);
	sit.confidence = snap.confidence;
	sit.hv = snap.hv;
	sit.cc = snap.cc;
	sit.host = snap.host;
	sit.hv_also = snap.hv_also;
	vmfence_conclude(&sit, &c);
	if (nla_put_u8(skb, VMFENCE_A_VIRTUALIZED, c.virtualized) ||
	    nla_put_u8(skb, VMFENCE_A_CONFIDENCE, c.confidence) ||
	    nla_put_string(skb, VMFENCE_A_HYPERVISOR, vmfence_hv_name(c.hv)) ||
	    nla_put_string(skb, VMFENCE_A_CONFIDENTIAL,
			   vmfence_cc_name(c.cc)) ||
	    nla_put_u64_64bit(skb, VMFENCE_A_SCAN_DURATION_NS,
			      snap.duration_ns, VMFENCE_A_PAD) ||
	    nla_put_u64_64bit(skb, VMFENCE_A_SCAN_COUNT, snap.count,
			      VMFENCE_A_PAD) ||
	    nla_put_string(skb, VMFENCE_A_ROLE, vmfence_role_name(c.role)))
		return -EMSGSIZE;
	return 0;
}

/* The policy's half of STATUS, all from one generation. */
static int put_policy(struct sk_buff *skb, const struct vmfence_policy_summary *pol)
{
	if (nla_put_u8(skb, VMFENCE_A_MODE, pol->mode) ||
	    nla_put_u8(skb, VMFENCE_A_THRESHOLD, pol->threshold) ||
	    nla_put_u8(skb, VMFENCE_A_LOCKED, vmfence_policy_locked()) ||
	    nla_put_u64_64bit(skb, VMFENCE_A_GENERATION, pol->generation,
			      VMFENCE_A_PAD) ||
	    nla_put_u32(skb, VMFENCE_A_RULE_COUNT, pol->nr_rules) ||
	    nla_put_u64_64bit(skb, VMFENCE_A_POLICY_BYTES, pol->bytes,
			      VMFENCE_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/**
 * vmfence_nl_status() - VMFENCE_CMD_STATUS: verdict, policy and counters
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; holds the policy generation it reports.
 * Return: 0; -ENOMEM; -EMSGSIZE.
 */
static int vmfence_nl_status(struct sk_buff *skb, struct genl_info *info)
{
	struct vmfence_policy_summary pol;
	struct vmfence_policy *p;
	struct sk_buff *msg;
	const u8 *ek;
	void *hdr;
	int ret = -EMSGSIZE;
	u32 n;

	p = vmfence_policy_get();
	vmfence_policy_summarize(p, &pol);
	ek = vmfence_policy_bind_list(p, &n);
	msg = genlmsg_new(NLMSG_GOODSIZE + nla_total_size(n * VMFENCE_SHA256_SIZE),
			  GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &vmfence_genl_family, 0,
				VMFENCE_CMD_STATUS);
	if (!hdr ||
	    nla_put_string(msg, VMFENCE_A_VERSION, VMFENCE_VERSION) ||
	    put_verdict(msg, &pol) || put_policy(msg, &pol) ||
	    (n && nla_put(msg, VMFENCE_A_BIND_TPM, n * VMFENCE_SHA256_SIZE, ek)) ||
	    put_stats(msg)) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	vmfence_policy_put(p);
	return ret;
}

/**
 * struct signals_dump_ctx - a SIGNALS dump in progress, in cb->ctx
 * @verdict: a copy of the verdict taken at the start, so that every
 *	message of the dump comes from one scan
 * @scan_count: the scan it came from
 * @index: the next signal to send
 * @flags: VMFENCE_SIGNALS_FLAGS_* of the request
 */
struct signals_dump_ctx {
	struct vmfence_verdict *verdict;
	u64 scan_count;
	u32 index;
	u32 flags;
};

static const struct nla_policy signals_nl_policy[VMFENCE_A_FLAGS + 1] = {
	[VMFENCE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, VMFENCE_SIGNALS_FLAGS_HIT),
};

/**
 * vmfence_nl_signals_start() - VMFENCE_CMD_SIGNALS: copy the verdict
 * @cb: the dump; its ctx holds a struct signals_dump_ctx
 *
 * Context: process context; takes the scan's lock.
 * Return: 0; -ENOMEM.
 */
static int vmfence_nl_signals_start(struct netlink_callback *cb)
{
	struct signals_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr *tb[ARRAY_SIZE(signals_nl_policy)];
	int ret;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	/* The core has validated the request against the same policy. */
	ret = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, ARRAY_SIZE(tb) - 1,
			  signals_nl_policy, NULL);
	if (ret)
		return ret;
	if (tb[VMFENCE_A_FLAGS])
		ctx->flags = nla_get_u32(tb[VMFENCE_A_FLAGS]);

	ctx->verdict = kmalloc(sizeof(*ctx->verdict), GFP_KERNEL);
	if (!ctx->verdict)
		return -ENOMEM;
	return vmfence_scan_evidence(ctx->verdict, &ctx->scan_count);
}

static int put_signal(struct sk_buff *skb, const struct vmfence_signal *s)
{
	struct nlattr *nest = nla_nest_start(skb, VMFENCE_A_SIGNAL);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VMFENCE_A_SIGNAL_NAME, s->name) ||
	    nla_put_u8(skb, VMFENCE_A_SIGNAL_STATE, s->state) ||
	    nla_put_u8(skb, VMFENCE_A_SIGNAL_WEIGHT, s->weight) ||
	    nla_put_string(skb, VMFENCE_A_SIGNAL_HYPERVISOR,
			   vmfence_hv_name(s->hv)) ||
	    nla_put_string(skb, VMFENCE_A_SIGNAL_CONFIDENTIAL,
			   vmfence_cc_name(s->cc)) ||
	    nla_put_string(skb, VMFENCE_A_SIGNAL_DETAIL, s->detail)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * vmfence_nl_signals_dump() - VMFENCE_CMD_SIGNALS: one message per signal
 * @skb: the buffer to fill
 * @cb: the dump
 *
 * Context: process context.
 * Return: bytes written; 0 at the end.
 */
static int vmfence_nl_signals_dump(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	struct signals_dump_ctx *ctx = (void *)cb->ctx;
	const struct vmfence_signal *s;
	void *hdr;

	for (; ctx->index < VMFENCE_SIG_COUNT; ctx->index++) {
		s = &ctx->verdict->signals[ctx->index];
		if ((ctx->flags & VMFENCE_SIGNALS_FLAGS_HIT) &&
		    s->state != VMFENCE_SIG_HIT)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vmfence_genl_family,
				  NLM_F_MULTI, VMFENCE_CMD_SIGNALS);
		if (!hdr)
			break;
		if (nla_put_u64_64bit(skb, VMFENCE_A_SCAN_COUNT,
				      ctx->scan_count, VMFENCE_A_PAD) ||
		    put_signal(skb, s)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}

/**
 * vmfence_nl_signals_done() - VMFENCE_CMD_SIGNALS: free the verdict's copy
 * @cb: the dump
 *
 * Return: 0.
 */
static int vmfence_nl_signals_done(struct netlink_callback *cb)
{
	struct signals_dump_ctx *ctx = (void *)cb->ctx;

	kfree(ctx->verdict);
	return 0;
}

/* VMFENCE_A_TPM: the identity @st, or only the anchor count when NULL. */
static int put_tpm(struct sk_buff *skb, const struct vmfence_tpm_state *st)
{
	struct vmfence_policy_summary pol;
	struct nlattr *nest;
	char name[5];

	nest = nla_nest_start(skb, VMFENCE_A_TPM);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMFENCE_A_TPM_ANCHORS, vmfence_tpm_anchor_count()) ||
	    nla_put_u8(skb, VMFENCE_A_TPM_ANCHORS_LOCKED, vmfence_tpm_anchors_locked()))
		goto cancel;
	if (!st)
		goto end;
	vmfence_policy_summary(&pol);
	if (nla_put_u8(skb, VMFENCE_A_TPM_PRESENT, st->present) ||
	    (st->present &&
	     nla_put_string(skb, VMFENCE_A_TPM_MANUFACTURER,
			    vmfence_tpm_manufacturer(st->manufacturer, name))) ||
	    nla_put_u8(skb, VMFENCE_A_TPM_CLASS, st->id.class) ||
	    nla_put_string(skb, VMFENCE_A_TPM_CLASS_DETAIL, st->id.class_detail) ||
	    nla_put_u8(skb, VMFENCE_A_TPM_POSSESSION, st->id.possession) ||
	    nla_put_string(skb, VMFENCE_A_TPM_POSSESSION_DETAIL,
			   st->id.possession_detail) ||
	    nla_put_u8(skb, VMFENCE_A_TPM_EVENTLOG, st->id.eventlog) ||
	    nla_put_string(skb, VMFENCE_A_TPM_EVENTLOG_DETAIL, st->id.eventlog_detail) ||
	    nla_put_u8(skb, VMFENCE_A_TPM_BOUND, pol.tpm_bound))
		goto cancel;
	if (st->id.have_ek &&
	    (nla_put_string(skb, VMFENCE_A_TPM_EK_ISSUER, st->id.issuer) ||
	     nla_put_string(skb, VMFENCE_A_TPM_EK_SUBJECT, st->id.subject) ||
	     nla_put(skb, VMFENCE_A_TPM_EK_SHA256, VMFENCE_SHA256_LEN, st->id.ek_sha256)))
		goto cancel;
end:
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/**
 * vmfence_nl_tpm() - VMFENCE_CMD_TPM: the TPM identity
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context.
 * Return: 0; -ENOMEM; -EMSGSIZE.
 */
static int vmfence_nl_tpm(struct sk_buff *skb, struct genl_info *info)
{
	struct vmfence_scan_snapshot snap;
	struct vmfence_tpm_state st;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	vmfence_scan_snapshot(&snap);
	vmfence_tpm_get(&st);
	hdr = genlmsg_put_reply(msg, info, &vmfence_genl_family, 0, VMFENCE_CMD_TPM);
	if (!hdr ||
	    nla_put_u64_64bit(msg, VMFENCE_A_SCAN_COUNT, snap.count, VMFENCE_A_PAD) ||
	    put_tpm(msg, &st)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct nla_policy trust_nl_policy[VMFENCE_A_TPM_CERT + 1] = {
	[VMFENCE_A_TPM_CERT] = { .type = NLA_BINARY, .len = VMFENCE_TPM_CERT_MAX },
};

/**
 * vmfence_nl_tpm_trust() - VMFENCE_CMD_TPM_TRUST: trust an EK issuer
 * @skb: the request
 * @info: its parsed form
 *
 * Adds the certificate to the trust anchors. The TPM identity is
 * established against them at the next scan: a caller that adds several
 * asks for one (VMFENCE_CMD_RESCAN) after the last, as vmfencectl does,
 * since each scan talks to the TPM.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL without a certificate; -EPERM once the anchors are
 * locked (with the policy); -EBADMSG when it is not a certificate; -EEXIST
 * when it is trusted already; -ENOSPC beyond the anchors' bound; -ENOMEM;
 * -EMSGSIZE.
 */
static int vmfence_nl_tpm_trust(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *cert = info->attrs[VMFENCE_A_TPM_CERT];
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (!cert) {
		NL_SET_ERR_MSG(info->extack, "a certificate (VMFENCE_A_TPM_CERT) is required");
		return -EINVAL;
	}
	ret = vmfence_tpm_anchor_add(nla_data(cert), nla_len(cert));
	switch (ret) {
	case 0:
		break;
	case -EPERM:
		NL_SET_ERR_MSG_ATTR(info->extack, cert,
				    "the trust anchors are locked with the policy until reboot");
		return ret;
	case -EBADMSG:
		NL_SET_ERR_MSG_ATTR(info->extack, cert,
				    "not an X.509 certificate the kernel can load");
		return ret;
	case -ENOPKG:
		NL_SET_ERR_MSG_ATTR(info->extack, cert,
				    "this kernel cannot check the certificate's key or signature");
		return ret;
	case -EKEYREJECTED:
		NL_SET_ERR_MSG_ATTR(info->extack, cert,
				    "the certificate's self-signature does not verify");
		return ret;
	case -EEXIST:
		NL_SET_ERR_MSG_ATTR(info->extack, cert, "this certificate is trusted already");
		return ret;
	case -ENOSPC:
		NL_SET_ERR_MSG_ATTR(info->extack, cert, "too many trust anchors");
		return ret;
	default:
		NL_SET_ERR_MSG_ATTR(info->extack, cert, "the certificate could not be trusted");
		return ret;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vmfence_genl_family, 0,
				VMFENCE_CMD_TPM_TRUST);
	if (!hdr || put_tpm(msg, NULL)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * vmfence_nl_rescan() - VMFENCE_CMD_RESCAN: run detection again
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOMEM.
 */
static int vmfence_nl_rescan(struct sk_buff *skb, struct genl_info *info)
{
	int ret = vmfence_rescan();

	if (ret)
		NL_SET_ERR_MSG(info->extack, "out of memory");
	return ret;
}

static const struct nla_policy set_nl_policy[VMFENCE_A_THRESHOLD + 1] = {
	[VMFENCE_A_MODE] = NLA_POLICY_MAX(NLA_U8, VMFENCE_POLICY_MODE_ENFORCE),
	[VMFENCE_A_THRESHOLD] = NLA_POLICY_MAX(NLA_U8, 100),
};

/**
 * vmfence_nl_set() - VMFENCE_CMD_SET: the mode and/or the threshold
 * @skb: the request
 * @info: its parsed form
 *
 * Both change in one generation, or neither does.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL when neither is given; -EPERM once locked; -ENOMEM.
 */
static int vmfence_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *mode = info->attrs[VMFENCE_A_MODE];
	struct nlattr *threshold = info->attrs[VMFENCE_A_THRESHOLD];
	int ret;

	if (!mode && !threshold) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to set: give a mode, a threshold or both");
		return -EINVAL;
	}
	ret = vmfence_policy_set(mode ? nla_get_u8(mode) : -1,
				 threshold ? nla_get_u8(threshold) : -1, NULL);
	if (ret)
		return store_error(info, mode ?: threshold, ret);
	return 0;
}

/**
 * vmfence_nl_lock() - VMFENCE_CMD_LOCK: lock the policy until reboot
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; sleeps.
 * Return: 0 (pre_doit refuses a second lock with -EPERM).
 */
static int vmfence_nl_lock(struct sk_buff *skb, struct genl_info *info)
{
	return vmfence_policy_lock();
}

/* The largest canonical text of a rule whose value has @len bytes. */
static size_t rule_text_bound(size_t len)
{
	/* Each byte escaped at worst (\xNN), plus the words and conditions. */
	return min_t(size_t, 4 * len + 512, VMFENCE_LINE_MAX);
}

/* Room for one rule's message, header and all. */
static size_t rule_msg_size(size_t value_len)
{
	return NLMSG_HDRLEN + GENL_HDRLEN +
	       nla_total_size_64bit(sizeof(u64)) +		/* GENERATION */
	       nla_total_size(0) +				/* RULE */
	       nla_total_size(sizeof(u32)) +			/* ID */
	       nla_total_size(rule_text_bound(value_len) + 1) +	/* TEXT */
	       3 * nla_total_size(sizeof(u8)) +			/* ACTION... */
	       nla_total_size(value_len) +			/* VALUE */
	       (VMFENCE_HV_COUNT + VMFENCE_CC_COUNT + VMFENCE_EXEC_ROLE_COUNT) *
	       nla_total_size(16);
}

/*
 * One rule, in the RULE nest: @text is a scratch buffer of
 * VMFENCE_RULE_TEXT_MAX bytes for its canonical text.
 */
static int put_rule(struct sk_buff *skb, u32 id,
		    const struct vmfence_rule *rule, char *text)
{
	const void *value = rule->match == VMFENCE_RULE_MATCH_SHA256 ?
			    (const void *)rule->sha256 : rule->value;
	size_t len = rule->match == VMFENCE_RULE_MATCH_SHA256 ?
		     VMFENCE_SHA256_SIZE : rule->value_len;
	struct nlattr *nest;
	int i;

	vmfence_rule_print(rule, text, VMFENCE_RULE_TEXT_MAX);
	nest = nla_nest_start(skb, VMFENCE_A_RULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMFENCE_A_RULE_ID, id) ||
	    nla_put_string(skb, VMFENCE_A_RULE_TEXT, text) ||
	    nla_put_u8(skb, VMFENCE_A_RULE_ACTION, rule->action) ||
	    nla_put_u8(skb, VMFENCE_A_RULE_TARGET, rule->target) ||
	    nla_put_u8(skb, VMFENCE_A_RULE_MATCH, rule->match) ||
	    nla_put(skb, VMFENCE_A_RULE_VALUE, len, value))
		goto cancel;
	for (i = 0; i < VMFENCE_HV_COUNT; i++)
		if ((rule->on_hv & BIT(i)) &&
		    nla_put_string(skb, VMFENCE_A_RULE_ON_HYPERVISOR,
				   vmfence_hv_name(i)))
			goto cancel;
	for (i = 0; i < VMFENCE_CC_COUNT; i++)
		if ((rule->allow_cc & BIT(i)) &&
		    nla_put_string(skb, VMFENCE_A_RULE_ALLOW_CC,
				   vmfence_cc_name(i)))
			goto cancel;
	for (i = 0; i < VMFENCE_EXEC_ROLE_COUNT; i++)
		if ((rule->roles & BIT(i)) &&
		    nla_put_string(skb, VMFENCE_A_RULE_AS, vmfence_role_names[i]))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static const struct nla_policy rule_text_nl_policy[VMFENCE_A_RULE_TEXT + 1] = {
	[VMFENCE_A_RULE_TEXT] = { .type = NLA_STRING,
				  .len = VMFENCE_RULE_LINE_MAX },
};

static const struct nla_policy rule_add_nl_policy[VMFENCE_A_RULE + 1] = {
	[VMFENCE_A_RULE] = NLA_POLICY_NESTED(rule_text_nl_policy),
};

/*
 * Reply to RULE_ADD in @msg, allocated before the rule was added so that an
 * added rule is always answered: the rule as stored, and the generation
 * the add published.
 */
static int rule_add_reply(struct sk_buff *msg, struct genl_info *info, u32 id,
			  const struct vmfence_rule *rule, char *text,
			  u64 generation)
{
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &vmfence_genl_family, 0,
				VMFENCE_CMD_RULE_ADD);
	if (!hdr ||
	    nla_put_u64_64bit(msg, VMFENCE_A_GENERATION, generation,
			      VMFENCE_A_PAD) ||
	    put_rule(msg, id, rule, text)) {
		/* rule_msg_size() is a bound: this is a bug, not an error. */
		WARN_ON_ONCE(1);
		nlmsg_free(msg);
		return 0;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * vmfence_nl_rule_add() - VMFENCE_CMD_RULE_ADD: parse and add one rule
 * @skb: the request
 * @info: its parsed form
 *
 * Replies with the rule as stored (id, canonical text, fields) and the
 * generation.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for a missing or malformed rule (its position in the
 * extended ACK's cookie); -EEXIST when a rule has the same match; -EPERM
 * once locked; -ENOSPC beyond the policy's bounds; -ENOMEM; -EMSGSIZE.
 */
static int vmfence_nl_rule_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ARRAY_SIZE(rule_text_nl_policy)];
	struct vmfence_policy_summary pub;
	struct vmfence_parse_error perr;
	struct vmfence_rule rule;
	struct sk_buff *msg;
	struct nlattr *attr;
	char *scratch, *text;
	size_t len;
	u32 id;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, VMFENCE_A_RULE)) {
		NL_SET_ERR_MSG(info->extack, "missing rule");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, ARRAY_SIZE(tb) - 1,
			       info->attrs[VMFENCE_A_RULE],
			       rule_text_nl_policy, info->extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VMFENCE_A_RULE], tb,
			      VMFENCE_A_RULE_TEXT)) {
		NL_SET_ERR_MSG(info->extack, "missing rule text");
		return -EINVAL;
	}
	attr = tb[VMFENCE_A_RULE_TEXT];
	len = nla_len(attr);
	/* A string may or may not carry its NUL; a NUL inside is an error. */
	if (len && !((const char *)nla_data(attr))[len - 1])
		len--;

	scratch = kmalloc(VMFENCE_PATH_MAX, GFP_KERNEL);
	text = kvmalloc(VMFENCE_RULE_TEXT_MAX, GFP_KERNEL);
	if (!scratch || !text) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vmfence_rule_parse(nla_data(attr), len, scratch, &rule, &perr);
	if (ret) {
		ret = parse_error(info, attr, &perr);
		goto out;
	}
	/* Room for the answer first: no rule is added and then not told of. */
	msg = genlmsg_new(rule_msg_size(rule.match == VMFENCE_RULE_MATCH_SHA256 ?
					VMFENCE_SHA256_SIZE : rule.value_len),
			  GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vmfence_policy_rule_add(&rule, &id, &pub);
	if (ret) {
		nlmsg_free(msg);
		ret = store_error(info, attr, ret);
		goto out;
	}
	ret = rule_add_reply(msg, info, id, &rule, text, pub.generation);
out:
	kvfree(text);
	kfree(scratch);
	return ret;
}

static const struct nla_policy rule_id_nl_policy[VMFENCE_A_RULE_ID + 1] = {
	[VMFENCE_A_RULE_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy rule_del_nl_policy[VMFENCE_A_RULE + 1] = {
	[VMFENCE_A_RULE] = NLA_POLICY_NESTED(rule_id_nl_policy),
};

/**
 * vmfence_nl_rule_del() - VMFENCE_CMD_RULE_DEL: delete one rule by id
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for a missing id; -ENOENT when no rule has it; -EPERM
 * once locked; -ENOMEM.
 */
static int vmfence_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ARRAY_SIZE(rule_id_nl_policy)];
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, VMFENCE_A_RULE)) {
		NL_SET_ERR_MSG(info->extack, "missing rule");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, ARRAY_SIZE(tb) - 1,
			       info->attrs[VMFENCE_A_RULE],
			       rule_id_nl_policy, info->extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VMFENCE_A_RULE], tb,
			      VMFENCE_A_RULE_ID)) {
		NL_SET_ERR_MSG(info->extack, "missing rule id");
		return -EINVAL;
	}
	ret = vmfence_policy_rule_del(nla_get_u32(tb[VMFENCE_A_RULE_ID]), NULL);
	if (ret)
		return store_error(info, tb[VMFENCE_A_RULE_ID], ret);
	return 0;
}

/**
 * struct rule_dump_ctx - a RULE_DUMP in progress, in cb->ctx
 * @policy: the generation being dumped, pinned from start to done, or NULL
 *	when the requester lacks admin rights (refused on the first dump
 *	call, where the extended ACK reaches user space on every kernel)
 * @text: VMFENCE_RULE_TEXT_MAX bytes for one rule's canonical text
 * @index: the next rule to send
 */
struct rule_dump_ctx {
	struct vmfence_policy *policy;
	char *text;
	u32 index;
};

/**
 * vmfence_nl_rule_dump_start() - VMFENCE_CMD_RULE_DUMP: pin the generation
 * @cb: the dump; its ctx holds a struct rule_dump_ctx
 *
 * Judges the requester's rights here, in its context; a refusal is given
 * by the first dump call, where the extended ACK reaches user space on
 * every kernel.
 *
 * Context: process context.
 * Return: 0; -ENOMEM.
 */
static int vmfence_nl_rule_dump_start(struct netlink_callback *cb)
{
	struct rule_dump_ctx *ctx = (void *)cb->ctx;
	const struct vmfence_prule *pr;
	size_t need = 0;
	u32 i;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	/* Judged here, in the requester's context; refused in the dump. */
	if (!admin_capable(cb->skb))
		return 0;
	ctx->text = kvmalloc(VMFENCE_RULE_TEXT_MAX, GFP_KERNEL);
	if (!ctx->text)
		return -ENOMEM;
	ctx->policy = vmfence_policy_get();
	/* Every rule must fit an empty buffer: size it for the largest. */
	for (i = 0; (pr = vmfence_policy_rule(ctx->policy, i)); i++)
		need = max(need, rule_msg_size(pr->len));
	if (need > NLMSG_GOODSIZE)
		cb->min_dump_alloc = need;
	return 0;
}

/**
 * vmfence_nl_rule_dump() - VMFENCE_CMD_RULE_DUMP: the pinned generation's
 * rules, one message each, in id order
 * @skb: the buffer to fill
 * @cb: the dump
 *
 * Context: process context.
 * Return: bytes written; 0 at the end; -EPERM without admin rights;
 * -EMSGSIZE for a rule larger than the buffer.
 */
static int vmfence_nl_rule_dump(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct rule_dump_ctx *ctx = (void *)cb->ctx;
	const struct vmfence_prule *pr;
	struct vmfence_rule rule;
	void *hdr;

	if (!ctx->policy) {
		NL_SET_ERR_MSG(cb->extack, ADMIN_MSG);
		return -EPERM;
	}
	for (; (pr = vmfence_policy_rule(ctx->policy, ctx->index));
	     ctx->index++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vmfence_genl_family,
				  NLM_F_MULTI, VMFENCE_CMD_RULE_DUMP);
		if (!hdr)
			break;
		vmfence_prule_to_rule(pr, &rule);
		if (nla_put_u64_64bit(skb, VMFENCE_A_GENERATION,
				      ctx->policy->generation, VMFENCE_A_PAD) ||
		    put_rule(skb, pr->id, &rule, ctx->text)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	/* A rule that does not fit even an empty buffer would end the dump. */
	if (pr && !skb->len) {
		NL_SET_ERR_MSG(cb->extack, "rule too large for the dump buffer");
		return -EMSGSIZE;
	}
	return skb->len;
}

/**
 * vmfence_nl_rule_dump_done() - VMFENCE_CMD_RULE_DUMP: unpin the generation
 * @cb: the dump
 *
 * Return: 0.
 */
static int vmfence_nl_rule_dump_done(struct netlink_callback *cb)
{
	struct rule_dump_ctx *ctx = (void *)cb->ctx;

	if (ctx->policy)
		vmfence_policy_put(ctx->policy);
	kvfree(ctx->text);
	return 0;
}

/* What a transaction's error means to the sender, in the extended ACK. */
static int txn_error(struct genl_info *info, int err)
{
	switch (err) {
	case -ENOENT:
		NL_SET_ERR_MSG(info->extack, "no policy transaction is open");
		break;
	case -EBUSY:
		NL_SET_ERR_MSG(info->extack,
			       "another socket owns the policy transaction");
		break;
	case -EALREADY:
		NL_SET_ERR_MSG(info->extack,
			       "this socket has a policy transaction open already");
		return -EBUSY;
	case -ENOMEM:
		NL_SET_ERR_MSG(info->extack, "out of memory");
		break;
	}
	return err;
}

/**
 * vmfence_nl_policy_begin() - VMFENCE_CMD_POLICY_BEGIN: open a transaction
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; sleeps.
 * Return: 0; -EBUSY when a transaction is open; -EPERM once locked; -ENOMEM.
 */
static int vmfence_nl_policy_begin(struct sk_buff *skb, struct genl_info *info)
{
	int ret = vmfence_txn_begin(info->snd_portid);

	if (ret == -EBUSY)
		NL_SET_ERR_MSG(info->extack,
			       "another socket has a policy transaction open");
	return ret == -EBUSY ? ret : txn_error(info, ret);
}

static const struct nla_policy load_nl_policy[VMFENCE_A_POLICY_TEXT + 1] = {
	[VMFENCE_A_POLICY_TEXT] = { .type = NLA_BINARY,
				    .len = VMFENCE_POLICY_CHUNK_MAX },
};

/**
 * vmfence_nl_policy_load() - VMFENCE_CMD_POLICY_LOAD: parse lines into the
 * sender's transaction
 * @skb: the request
 * @info: its parsed form
 *
 * Malformed text drops the transaction; its position goes into the extended
 * ACK's cookie, counted from the transaction's first line.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for missing text, text not ending with a newline, or
 * malformed text; -EEXIST for a duplicate match or setting; -ENOSPC beyond
 * the policy's bounds; -ENOENT when no transaction is open; -EBUSY when
 * another socket's is; -EPERM once locked; -ENOMEM.
 */
static int vmfence_nl_policy_load(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[VMFENCE_A_POLICY_TEXT];
	struct vmfence_parse_error perr;
	const char *text;
	int len, ret;

	if (GENL_REQ_ATTR_CHECK(info, VMFENCE_A_POLICY_TEXT)) {
		NL_SET_ERR_MSG(info->extack, "missing policy text");
		return -EINVAL;
	}
	text = nla_data(attr);
	len = nla_len(attr);
	if (!len || text[len - 1] != '\n') {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "policy text must be whole lines, ending with a newline");
		return -EINVAL;
	}
	ret = vmfence_txn_load(info->snd_portid, text, len, &perr);
	if (ret == -ENOENT || ret == -EBUSY)
		return txn_error(info, ret);
	if (ret)
		return parse_error(info, attr, &perr);
	return 0;
}

/**
 * vmfence_nl_policy_commit() - VMFENCE_CMD_POLICY_COMMIT: publish the
 * sender's transaction in one step, and end it
 * @skb: the request
 * @info: its parsed form
 *
 * The reply's generation and rule count are those of the generation the
 * commit published, whatever was published after it.
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no transaction is open; -EBUSY when another
 * socket's is; -EPERM once locked (the running policy is untouched);
 * -ENOMEM; -EMSGSIZE.
 */
static int vmfence_nl_policy_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct vmfence_policy_summary pub;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	/*
	 * Room for the answer first: a policy is never committed and then
	 * reported as refused. Failing here leaves the transaction open.
	 */
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		NL_SET_ERR_MSG(info->extack, "out of memory");
		return -ENOMEM;
	}
	ret = vmfence_txn_commit(info->snd_portid, &pub);
	if (ret) {
		nlmsg_free(msg);
		if (ret == -ENOENT || ret == -EBUSY)
			return txn_error(info, ret);
		return store_error(info, NULL, ret);
	}
	hdr = genlmsg_put_reply(msg, info, &vmfence_genl_family, 0,
				VMFENCE_CMD_POLICY_COMMIT);
	if (!hdr ||
	    nla_put_u64_64bit(msg, VMFENCE_A_GENERATION, pub.generation,
			      VMFENCE_A_PAD) ||
	    nla_put_u32(msg, VMFENCE_A_RULE_COUNT, pub.nr_rules)) {
		/* A few attributes in NLMSG_GOODSIZE: a bug, not an error. */
		WARN_ON_ONCE(1);
		nlmsg_free(msg);
		return 0;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * vmfence_nl_policy_abort() - VMFENCE_CMD_POLICY_ABORT: drop the sender's
 * transaction
 * @skb: the request
 * @info: its parsed form
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no transaction is open; -EBUSY when another
 * socket's is.
 */
static int vmfence_nl_policy_abort(struct sk_buff *skb, struct genl_info *info)
{
	return txn_error(info, vmfence_txn_abort(info->snd_portid));
}

/**
 * vmfence_nl_notify() - drop the transaction of a netlink socket that closes
 * @nb: vmfence_nl_notifier
 * @state: NETLINK_URELEASE is the one that matters
 * @data: the struct netlink_notify
 *
 * Context: process context (a blocking notifier); sleeps.
 * Return: NOTIFY_DONE.
 */
static int vmfence_nl_notify(struct notifier_block *nb, unsigned long state,
			     void *data)
{
	struct netlink_notify *n = data;

	if (state == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    net_eq(n->net, &init_net))
		vmfence_txn_release(n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block vmfence_nl_notifier = {
	.notifier_call = vmfence_nl_notify,
};

static const struct genl_ops vmfence_nl_ops[] = {
	{
		.cmd = VMFENCE_CMD_STATUS,
		.doit = vmfence_nl_status,
	},
	{
		.cmd = VMFENCE_CMD_SIGNALS,
		.start = vmfence_nl_signals_start,
		.dumpit = vmfence_nl_signals_dump,
		.done = vmfence_nl_signals_done,
		.policy = signals_nl_policy,
		.maxattr = ARRAY_SIZE(signals_nl_policy) - 1,
	},
	{
		.cmd = VMFENCE_CMD_RESCAN,
		.doit = vmfence_nl_rescan,
		.internal_flags = VMFENCE_NL_ADMIN,
	},
	{
		.cmd = VMFENCE_CMD_SET,
		.doit = vmfence_nl_set,
		.policy = set_nl_policy,
		.maxattr = ARRAY_SIZE(set_nl_policy) - 1,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_LOCK,
		.doit = vmfence_nl_lock,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_RULE_ADD,
		.doit = vmfence_nl_rule_add,
		.policy = rule_add_nl_policy,
		.maxattr = ARRAY_SIZE(rule_add_nl_policy) - 1,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_RULE_DEL,
		.doit = vmfence_nl_rule_del,
		.policy = rule_del_nl_policy,
		.maxattr = ARRAY_SIZE(rule_del_nl_policy) - 1,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_RULE_DUMP,
		.start = vmfence_nl_rule_dump_start,
		.dumpit = vmfence_nl_rule_dump,
		.done = vmfence_nl_rule_dump_done,
	},
	{
		.cmd = VMFENCE_CMD_POLICY_BEGIN,
		.doit = vmfence_nl_policy_begin,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_POLICY_LOAD,
		.doit = vmfence_nl_policy_load,
		.policy = load_nl_policy,
		.maxattr = ARRAY_SIZE(load_nl_policy) - 1,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_POLICY_COMMIT,
		.doit = vmfence_nl_policy_commit,
		.internal_flags = VMFENCE_NL_ADMIN | VMFENCE_NL_WRITE,
	},
	{
		.cmd = VMFENCE_CMD_POLICY_ABORT,
		.doit = vmfence_nl_policy_abort,
		.internal_flags = VMFENCE_NL_ADMIN,
	},
	{
		.cmd = VMFENCE_CMD_TPM,
		.doit = vmfence_nl_tpm,
	},
	{
		.cmd = VMFENCE_CMD_TPM_TRUST,
		.doit = vmfence_nl_tpm_trust,
		.policy = trust_nl_policy,
		.maxattr = ARRAY_SIZE(trust_nl_policy) - 1,
		.internal_flags = VMFENCE_NL_ADMIN,
	},
};

static const struct genl_multicast_group vmfence_mcgrps[] = {
	/* Events name files, processes and users: not for everyone. */
	[VMFENCE_NLGRP_EVENTS] = { .name = VMFENCE_MCGRP_EVENTS,
				   .flags = GENL_MCAST_CAP_SYS_ADMIN },
};

static struct genl_family vmfence_genl_family __ro_after_init = {
	.name = VMFENCE_GENL_NAME,
	.version = VMFENCE_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = false,
	.parallel_ops = true,
	.pre_doit = vmfence_nl_pre_doit,
	.ops = vmfence_nl_ops,
	.n_ops = ARRAY_SIZE(vmfence_nl_ops),
	.mcgrps = vmfence_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vmfence_mcgrps),
};

static size_t event_size(const struct vmfence_event *ev)
{
	return nla_total_size(0) +				/* EVENT */
	       2 * nla_total_size(sizeof(u8)) +			/* OP, RESULT */
	       nla_total_size(sizeof(u32)) +			/* RULE_ID */
	       (ev->path ? nla_total_size(strlen(ev->path) + 1) : 0) +
	       (ev->name ? nla_total_size(strlen(ev->name) + 1) : 0) +
	       nla_total_size(VMFENCE_SHA256_SIZE) +
	       nla_total_size(16) +				/* HYPERVISOR */
	       nla_total_size(sizeof(u8)) +			/* CONFIDENCE */
	       3 * nla_total_size(sizeof(u32)) +	/* PID, UID, AUID */
	       nla_total_size(TASK_COMM_LEN) +
	       2 * nla_total_size(sizeof(u8));		/* ROLE, BOUND */
}

static int put_event(struct sk_buff *skb, const struct vmfence_event *ev)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VMFENCE_A_EVENT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, VMFENCE_A_EVENT_OP, ev->op) ||
	    nla_put_u8(skb, VMFENCE_A_EVENT_RESULT, ev->result) ||
	    nla_put_u32(skb, VMFENCE_A_EVENT_RULE_ID, ev->rule_id) ||
	    (ev->path && nla_put_string(skb, VMFENCE_A_EVENT_PATH, ev->path)) ||
	    (ev->name && nla_put_string(skb, VMFENCE_A_EVENT_NAME, ev->name)) ||
	    (ev->sha256 && nla_put(skb, VMFENCE_A_EVENT_SHA256,
				   VMFENCE_SHA256_SIZE, ev->sha256)) ||
	    nla_put_string(skb, VMFENCE_A_EVENT_HYPERVISOR,
			   vmfence_hv_name(ev->hv)) ||
	    nla_put_u8(skb, VMFENCE_A_EVENT_CONFIDENCE, ev->confidence) ||
	    nla_put_u32(skb, VMFENCE_A_EVENT_PID, ev->pid) ||
	    nla_put_u32(skb, VMFENCE_A_EVENT_UID, ev->uid) ||
	    nla_put_u32(skb, VMFENCE_A_EVENT_AUID, ev->auid) ||
	    nla_put_string(skb, VMFENCE_A_EVENT_COMM, ev->comm) ||
	    (ev->op == VMFENCE_EVENT_OP_EXEC &&
	     nla_put_u8(skb, VMFENCE_A_EVENT_ROLE, ev->role)) ||
	    nla_put_u8(skb, VMFENCE_A_EVENT_BOUND, ev->bound)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * vmfence_genl_event() - tell the "events" group about one decision
 * @ev: the decision, as vmfence_record() filled it
 *
 * Does nothing when nobody listens.
 *
 * Context: process context; sleeps (GFP_KERNEL).
 * Return: 0 when sent or nobody listens; -ENOMEM; -EMSGSIZE.
 */
int vmfence_genl_event(const struct vmfence_event *ev)
{
	struct sk_buff *skb;
	void *hdr;
	int ret;

	might_sleep();
	if (!genl_has_listeners(&vmfence_genl_family, &init_net,
				VMFENCE_NLGRP_EVENTS))
		return 0;
	skb = genlmsg_new(event_size(ev), GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &vmfence_genl_family, 0,
			  VMFENCE_CMD_EVENT);
	if (!hdr || put_event(skb, ev)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	ret = genlmsg_multicast(&vmfence_genl_family, skb, 0,
				VMFENCE_NLGRP_EVENTS, GFP_KERNEL);
	/* The last listener may have left since the check. */
	return ret == -ESRCH ? 0 : ret;
}

/**
 * vmfence_netlink_init() - register the vmfence generic netlink family
 *
 * The policy store and the first scan must exist already.
 *
 * Context: process context, module init.
 * Return: 0; -EEXIST when a family of the same name exists; -ENOMEM or
 * another negative errno from genl_register_family().
 */
int __init vmfence_netlink_init(void)
{
	int ret;

	/* The user-visible numbers are the core's: check that they agree. */
#define ABI_SAME(uapi, core) BUILD_BUG_ON((int)(uapi) != (int)(core))
	ABI_SAME(VMFENCE_SIGNAL_STATE_UNKNOWN, VMFENCE_SIG_UNKNOWN);
	ABI_SAME(VMFENCE_SIGNAL_STATE_MISS, VMFENCE_SIG_MISS);
	ABI_SAME(VMFENCE_SIGNAL_STATE_HIT, VMFENCE_SIG_HIT);
	BUILD_BUG_ON(VMFENCE_RULE_LINE_MAX != VMFENCE_LINE_MAX);
	BUILD_BUG_ON(VMFENCE_A_STATS_MAX - VMFENCE_A_STATS_PAD !=
		     VMFENCE_STAT_COUNT);
#undef ABI_SAME

	ret = netlink_register_notifier(&vmfence_nl_notifier);
	if (ret)
		return ret;
	ret = genl_register_family(&vmfence_genl_family);
	if (ret)
		netlink_unregister_notifier(&vmfence_nl_notifier);
	return ret;
}

/**
 * vmfence_netlink_exit() - unregister the family and drop any transaction
 *
 * Waits for the commands in flight; no dump can be in flight, since each
 * holds a module reference.
 *
 * Context: process context, module exit or the init error path.
 */
void vmfence_netlink_exit(void)
{
	genl_unregister_family(&vmfence_genl_family);
	netlink_unregister_notifier(&vmfence_nl_notifier);
	vmfence_txn_exit();
}
