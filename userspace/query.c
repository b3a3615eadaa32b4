// SPDX-License-Identifier: GPL-2.0
/* query.c - what vmfencectl reads from the module: status, signals, rules */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "core/rule.h"
#include "query.h"

const char *const ctl_stat_names[VMFENCE_A_STATS_MAX + 1] = {
	[VMFENCE_A_STATS_EXEC_CHECKS] = "exec_checks",
	[VMFENCE_A_STATS_EXEC_DENIALS] = "exec_denials",
	[VMFENCE_A_STATS_EXEC_AUDITS] = "exec_audits",
	[VMFENCE_A_STATS_MODULE_CHECKS] = "module_checks",
	[VMFENCE_A_STATS_MODULE_DENIALS] = "module_denials",
	[VMFENCE_A_STATS_MODULE_AUDITS] = "module_audits",
	[VMFENCE_A_STATS_DIGEST_HITS] = "digest_hits",
	[VMFENCE_A_STATS_DIGEST_MISSES] = "digest_misses",
};

const char *ctl_mode_name(unsigned int mode)
{
	return mode < VMFENCE_POLICY_MODE_COUNT ? vmfence_mode_names[mode] : "unknown";
}

const char *ctl_state_name(unsigned int state)
{
	static const char *const names[] = {
		[VMFENCE_SIGNAL_STATE_UNKNOWN] = "unknown",
		[VMFENCE_SIGNAL_STATE_MISS] = "miss",
		[VMFENCE_SIGNAL_STATE_HIT] = "hit",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "unknown";
}

static void copy_str(char *dst, size_t size, const struct nlattr *nla)
{
	snprintf(dst, size, "%s", ctl_nla_str(nla));
}

static int status_cb(struct nlattr **tb, void *arg)
{
	struct nlattr *st[VMFENCE_A_STATS_MAX + 1];
	struct ctl_status *s = arg;
	int i;

	if (!tb[VMFENCE_A_GENERATION] || !tb[VMFENCE_A_MODE] ||
	    !tb[VMFENCE_A_CONFIDENCE] || !tb[VMFENCE_A_RULE_COUNT])
		return -EBADMSG;
	copy_str(s->version, sizeof(s->version), tb[VMFENCE_A_VERSION]);
	copy_str(s->hypervisor, sizeof(s->hypervisor), tb[VMFENCE_A_HYPERVISOR]);
	copy_str(s->confidential, sizeof(s->confidential),
		 tb[VMFENCE_A_CONFIDENTIAL]);
	copy_str(s->role, sizeof(s->role), tb[VMFENCE_A_ROLE]);
	s->virtualized = tb[VMFENCE_A_VIRTUALIZED] &&
			 nla_get_u8(tb[VMFENCE_A_VIRTUALIZED]);
	s->locked = tb[VMFENCE_A_LOCKED] && nla_get_u8(tb[VMFENCE_A_LOCKED]);
	s->confidence = nla_get_u8(tb[VMFENCE_A_CONFIDENCE]);
	s->mode = nla_get_u8(tb[VMFENCE_A_MODE]);
	if (tb[VMFENCE_A_THRESHOLD])
		s->threshold = nla_get_u8(tb[VMFENCE_A_THRESHOLD]);
	s->rules = nla_get_u32(tb[VMFENCE_A_RULE_COUNT]);
	s->generation = nla_get_u64(tb[VMFENCE_A_GENERATION]);
	if (tb[VMFENCE_A_POLICY_BYTES])
		s->policy_bytes = nla_get_u64(tb[VMFENCE_A_POLICY_BYTES]);
	if (tb[VMFENCE_A_SCAN_COUNT])
		s->scan_count = nla_get_u64(tb[VMFENCE_A_SCAN_COUNT]);
	if (tb[VMFENCE_A_SCAN_DURATION_NS])
		s->scan_duration_ns = nla_get_u64(tb[VMFENCE_A_SCAN_DURATION_NS]);
	if (tb[VMFENCE_A_BIND_TPM]) {
		size_t len = nla_len(tb[VMFENCE_A_BIND_TPM]);

		if (len % sizeof(s->bind[0]) || len > sizeof(s->bind))
			return -EBADMSG;
		s->nbind = len / sizeof(s->bind[0]);
		memcpy(s->bind, nla_data(tb[VMFENCE_A_BIND_TPM]), len);
	}
	if (tb[VMFENCE_A_STATS] &&
	    !nla_parse_nested(st, VMFENCE_A_STATS_MAX, tb[VMFENCE_A_STATS], NULL))
		for (i = 0; i <= VMFENCE_A_STATS_MAX; i++)
			if (st[i] && ctl_stat_names[i])
				s->stats[i] = nla_get_u64(st[i]);
	return 0;
}

int ctl_get_status(struct ctl_nl *nl, struct ctl_status *st,
		   struct ctl_nl_err *err)
{
	struct nl_msg *msg = ctl_nl_msg(nl, VMFENCE_CMD_STATUS);

	memset(st, 0, sizeof(*st));
	if (!msg)
		return err->error = -ENOMEM;
	return ctl_nl_do(nl, msg, false, status_cb, st, err);
}

int ctl_tpm_parse(struct nlattr **tb, void *arg)
{
	struct nlattr *t[VMFENCE_A_TPM_MAX + 1];
	struct ctl_tpm *tpm = arg;

	if (!tb[VMFENCE_A_TPM] ||
	    nla_parse_nested(t, VMFENCE_A_TPM_MAX, tb[VMFENCE_A_TPM], NULL))
		return -EBADMSG;
	if (tb[VMFENCE_A_SCAN_COUNT])
		tpm->scan_count = nla_get_u64(tb[VMFENCE_A_SCAN_COUNT]);
	tpm->present = t[VMFENCE_A_TPM_PRESENT] && nla_get_u8(t[VMFENCE_A_TPM_PRESENT]);
	if (t[VMFENCE_A_TPM_CLASS])
		tpm->class = nla_get_u8(t[VMFENCE_A_TPM_CLASS]);
	if (t[VMFENCE_A_TPM_POSSESSION])
		tpm->possession = nla_get_u8(t[VMFENCE_A_TPM_POSSESSION]);
	if (t[VMFENCE_A_TPM_EVENTLOG])
		tpm->eventlog = nla_get_u8(t[VMFENCE_A_TPM_EVENTLOG]);
	if (t[VMFENCE_A_TPM_BOUND])
		tpm->bound = nla_get_u8(t[VMFENCE_A_TPM_BOUND]);
	if (t[VMFENCE_A_TPM_ANCHORS])
		tpm->anchors = nla_get_u32(t[VMFENCE_A_TPM_ANCHORS]);
	tpm->anchors_locked = t[VMFENCE_A_TPM_ANCHORS_LOCKED] &&
			      nla_get_u8(t[VMFENCE_A_TPM_ANCHORS_LOCKED]);
	if (t[VMFENCE_A_TPM_EK_SHA256]) {
		if (nla_len(t[VMFENCE_A_TPM_EK_SHA256]) != sizeof(tpm->ek_sha256))
			return -EBADMSG;
		memcpy(tpm->ek_sha256, nla_data(t[VMFENCE_A_TPM_EK_SHA256]),
		       sizeof(tpm->ek_sha256));
		tpm->have_ek = true;
	}
	copy_str(tpm->manufacturer, sizeof(tpm->manufacturer),
		 t[VMFENCE_A_TPM_MANUFACTURER]);
	copy_str(tpm->ek_issuer, sizeof(tpm->ek_issuer), t[VMFENCE_A_TPM_EK_ISSUER]);
	copy_str(tpm->ek_subject, sizeof(tpm->ek_subject), t[VMFENCE_A_TPM_EK_SUBJECT]);
	copy_str(tpm->class_detail, sizeof(tpm->class_detail),
		 t[VMFENCE_A_TPM_CLASS_DETAIL]);
	copy_str(tpm->possession_detail, sizeof(tpm->possession_detail),
		 t[VMFENCE_A_TPM_POSSESSION_DETAIL]);
	copy_str(tpm->eventlog_detail, sizeof(tpm->eventlog_detail),
		 t[VMFENCE_A_TPM_EVENTLOG_DETAIL]);
	return 0;
}

int ctl_get_tpm(struct ctl_nl *nl, struct ctl_tpm *tpm, struct ctl_nl_err *err)
{
	struct nl_msg *msg = ctl_nl_msg(nl, VMFENCE_CMD_TPM);

	memset(tpm, 0, sizeof(*tpm));
	if (!msg)
		return err->error = -ENOMEM;
	return ctl_nl_do(nl, msg, false, ctl_tpm_parse, tpm, err);
}

/* Room for one more element in an array of @size-byte elements. */
static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n < *cap)
		return 0;
	p = realloc(*v, (*cap ? 2 * *cap : 64) * size);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = *cap ? 2 * *cap : 64;
	return 0;
}

static int signal_cb(struct nlattr **tb, void *arg)
{
	struct nlattr *sg[VMFENCE_A_SIGNAL_MAX + 1];
	struct ctl_signals *list = arg;
	struct ctl_signal *s;

	if (!tb[VMFENCE_A_SIGNAL] ||
	    nla_parse_nested(sg, VMFENCE_A_SIGNAL_MAX, tb[VMFENCE_A_SIGNAL], NULL) ||
	    !sg[VMFENCE_A_SIGNAL_NAME] || !sg[VMFENCE_A_SIGNAL_STATE])
		return -EBADMSG;
	if (grow((void **)&list->v, &list->cap, list->n, sizeof(*list->v)))
		return -ENOMEM;
	s = &list->v[list->n++];
	memset(s, 0, sizeof(*s));
	copy_str(s->name, sizeof(s->name), sg[VMFENCE_A_SIGNAL_NAME]);
	s->state = nla_get_u8(sg[VMFENCE_A_SIGNAL_STATE]);
	if (sg[VMFENCE_A_SIGNAL_WEIGHT])
		s->weight = nla_get_u8(sg[VMFENCE_A_SIGNAL_WEIGHT]);
	copy_str(s->hypervisor, sizeof(s->hypervisor),
		 sg[VMFENCE_A_SIGNAL_HYPERVISOR]);
	copy_str(s->confidential, sizeof(s->confidential),
		 sg[VMFENCE_A_SIGNAL_CONFIDENTIAL]);
	copy_str(s->detail, sizeof(s->detail), sg[VMFENCE_A_SIGNAL_DETAIL]);
	if (tb[VMFENCE_A_SCAN_COUNT])
		list->scan_count = nla_get_u64(tb[VMFENCE_A_SCAN_COUNT]);
	return 0;
}

int ctl_get_signals(struct ctl_nl *nl, uint32_t flags, struct ctl_signals *list,
		    struct ctl_nl_err *err)
{
	struct nl_msg *msg = ctl_nl_msg(nl, VMFENCE_CMD_SIGNALS);

	memset(list, 0, sizeof(*list));
	if (!msg)
		return err->error = -ENOMEM;
	if (flags && nla_put_u32(msg, VMFENCE_A_FLAGS, flags)) {
		nlmsg_free(msg);
		return err->error = -ENOMEM;
	}
	return ctl_nl_do(nl, msg, true, signal_cb, list, err);
}

void ctl_signals_free(struct ctl_signals *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static int rule_cb(struct nlattr **tb, void *arg)
{
	struct nlattr *r[VMFENCE_A_RULE_MAX + 1];
	struct ctl_rules *list = arg;
	struct ctl_rule *rule;

	if (!tb[VMFENCE_A_RULE] || !tb[VMFENCE_A_GENERATION] ||
	    nla_parse_nested(r, VMFENCE_A_RULE_MAX, tb[VMFENCE_A_RULE], NULL) ||
	    !r[VMFENCE_A_RULE_ID] || !r[VMFENCE_A_RULE_TEXT] ||
	    !r[VMFENCE_A_RULE_ACTION] || !r[VMFENCE_A_RULE_TARGET] ||
	    !r[VMFENCE_A_RULE_MATCH] || !r[VMFENCE_A_RULE_VALUE])
		return -EBADMSG;
	if (grow((void **)&list->v, &list->cap, list->n, sizeof(*list->v)))
		return -ENOMEM;
	rule = &list->v[list->n];
	memset(rule, 0, sizeof(*rule));
	rule->id = nla_get_u32(r[VMFENCE_A_RULE_ID]);
	rule->action = nla_get_u8(r[VMFENCE_A_RULE_ACTION]);
	rule->target = nla_get_u8(r[VMFENCE_A_RULE_TARGET]);
	rule->match = nla_get_u8(r[VMFENCE_A_RULE_MATCH]);
	rule->text = strdup(ctl_nla_str(r[VMFENCE_A_RULE_TEXT]));
	rule->value_len = nla_len(r[VMFENCE_A_RULE_VALUE]);
	rule->value = malloc(rule->value_len + 1);
	if (!rule->text || !rule->value) {
		free(rule->text);
		free(rule->value);
		return -ENOMEM;
	}
	memcpy(rule->value, nla_data(r[VMFENCE_A_RULE_VALUE]), rule->value_len);
	list->generation = nla_get_u64(tb[VMFENCE_A_GENERATION]);
	list->n++;
	return 0;
}

int ctl_get_rules(struct ctl_nl *nl, struct ctl_rules *list,
		  struct ctl_nl_err *err)
{
	struct nl_msg *msg = ctl_nl_msg(nl, VMFENCE_CMD_RULE_DUMP);
	int ret;

	memset(list, 0, sizeof(*list));
	if (!msg)
		return err->error = -ENOMEM;
	ret = ctl_nl_do(nl, msg, true, rule_cb, list, err);
	if (ret)
		ctl_rules_free(list);
	return ret;
}

void ctl_rules_free(struct ctl_rules *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].text);
		free(list->v[i].value);
	}
	free(list->v);
	memset(list, 0, sizeof(*list));
}

/* Settings and rules as text, as vmfence.conf(5) reads them. */
static int policy_text(const struct ctl_status *st, const struct ctl_rules *rules,
		       char **text, size_t *len)
{
	struct vmfence_settings settings = {
		.present = VMFENCE_SETTING_MODE | VMFENCE_SETTING_THRESHOLD |
			   (st->locked ? VMFENCE_SETTING_LOCK : 0),
		.mode = st->mode,
		.threshold = st->threshold,
	};
	size_t size = 64, bind_size, i, n;
	char *buf, *p;
	int ret;

	/* 64 hex and a comma an EK, and a keyword a line */
	bind_size = st->nbind * 65 + (st->nbind / 64 + 1) * 24;
	size += bind_size;
	for (i = 0; i < rules->n; i++)
		size += strlen(rules->v[i].text) + 1;
	buf = malloc(size + 1);
	if (!buf)
		return -ENOMEM;
	ret = vmfence_settings_print(&settings, buf, 64);
	if (ret < 0 || ret >= 64) {
		free(buf);
		return -EBADMSG;
	}
	p = buf + ret;
	ret = vmfence_bind_print(&st->bind[0][0], st->nbind, p, bind_size + 1);
	if (ret < 0 || (size_t)ret > bind_size) {
		free(buf);
		return -EBADMSG;
	}
	p += ret;
	for (i = 0; i < rules->n; i++) {
		n = strlen(rules->v[i].text);
		memcpy(p, rules->v[i].text, n);
		p[n] = '\n';
		p += n + 1;
	}
	*p = '\0';
	*text = buf;
	*len = p - buf;
	return 0;
}

int ctl_get_policy(struct ctl_nl *nl, char **text, size_t *len,
		   struct ctl_status *st, struct ctl_rules *rules,
		   struct ctl_nl_err *err)
{
	struct ctl_status after;
	int tries, ret;

	/* Status, rules, status: one generation throughout, or try again. */
	for (tries = 0; tries < 8; tries++) {
		ret = ctl_get_status(nl, st, err);
		if (ret)
			return ret;
		ret = ctl_get_rules(nl, rules, err);
		if (ret)
			return ret;
		ret = ctl_get_status(nl, &after, err);
		if (ret) {
			ctl_rules_free(rules);
			return ret;
		}
		if (after.generation == st->generation &&
		    (!rules->n || rules->generation == st->generation)) {
			ret = policy_text(st, rules, text, len);
			if (ret) {
				ctl_rules_free(rules);
				err->error = ret;
			}
			return ret;
		}
		ctl_rules_free(rules);
	}
	memset(err, 0, sizeof(*err));
	snprintf(err->msg, sizeof(err->msg), "the policy kept changing while read");
	return err->error = -EAGAIN;
}
