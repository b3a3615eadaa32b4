// SPDX-License-Identifier: GPL-2.0
/* tpm.c - vmfencectl tpm: the TPM identity, and "tpm trust" for EK CAs */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "certfile.h"
#include "core/ids.h"
#include "json.h"
#include "query.h"
#include "vmfencectl.h"

#define OLD_MODULE "the loaded vmfence module predates the TPM identity"

/* The core's word (the module's sysfs prints the same); "unknown-N" for a newer value. */
static const char *word(enum vmfence_tpm_kind kind, unsigned int v, char *buf)
{
	const char *w = vmfence_tpm_word(kind, v);

	if (w)
		return w;
	snprintf(buf, 16, "unknown-%u", v);
	return buf;
}

const char *ctl_tpm_class_name(unsigned int v, char *buf)
{
	return word(VMFENCE_TPM_KIND_CLASS, v, buf);
}

const char *ctl_tpm_possession_name(unsigned int v, char *buf)
{
	return word(VMFENCE_TPM_KIND_POSSESSION, v, buf);
}

const char *ctl_tpm_eventlog_name(unsigned int v, char *buf)
{
	return word(VMFENCE_TPM_KIND_EVENTLOG, v, buf);
}

const char *ctl_tpm_bound_name(unsigned int v, char *buf)
{
	return word(VMFENCE_TPM_KIND_BOUND, v, buf);
}

/* The EK's SHA-256 as 64 lowercase hex digits, or "" without an EK. */
static void ek_hex(const struct ctl_tpm *tpm, char hex[65])
{
	size_t i;

	hex[0] = '\0';
	if (!tpm->have_ek)
		return;
	for (i = 0; i < sizeof(tpm->ek_sha256); i++)
		snprintf(hex + 2 * i, 3, "%02x", tpm->ek_sha256[i]);
}

void ctl_tpm_json(struct json *j, const struct ctl_tpm *tpm)
{
	char buf[16], hex[65];

	ek_hex(tpm, hex);
	json_bool(j, "present", tpm->present);
	json_string(j, "manufacturer", tpm->manufacturer);
	json_string(j, "class", ctl_tpm_class_name(tpm->class, buf));
	json_string(j, "class_detail", tpm->class_detail);
	json_string(j, "ek_issuer", tpm->ek_issuer);
	json_string(j, "ek_subject", tpm->ek_subject);
	json_string(j, "ek_sha256", hex);
	json_string(j, "possession", ctl_tpm_possession_name(tpm->possession, buf));
	json_string(j, "possession_detail", tpm->possession_detail);
	json_string(j, "eventlog", ctl_tpm_eventlog_name(tpm->eventlog, buf));
	json_string(j, "eventlog_detail", tpm->eventlog_detail);
	json_uint(j, "anchors", tpm->anchors);
	json_bool(j, "anchors_locked", tpm->anchors_locked);
	json_string(j, "bound", ctl_tpm_bound_name(tpm->bound, buf));
}

/* "label  value" and, when there is one, " (detail)". */
static void line(int indent, const char *label, const char *value,
		 const char *detail)
{
	printf("%-*s %s", indent, label, value[0] ? value : "-");
	if (detail && detail[0])
		printf(" (%s)", detail);
	putchar('\n');
}

void ctl_tpm_print(const struct ctl_tpm *tpm, int indent)
{
	char buf[16], hex[65], anchors[64];

	ek_hex(tpm, hex);
	snprintf(anchors, sizeof(anchors), "%u, %s", tpm->anchors,
		 tpm->anchors_locked ? "locked until reboot" : "not locked");
	line(indent, "present", tpm->present ? "yes" : "no", NULL);
	line(indent, "manufacturer", tpm->manufacturer, NULL);
	line(indent, "class", ctl_tpm_class_name(tpm->class, buf), tpm->class_detail);
	line(indent, "ek issuer", tpm->ek_issuer, NULL);
	line(indent, "ek subject", tpm->ek_subject, NULL);
	line(indent, "ek_sha256", hex, NULL);
	line(indent, "possession", ctl_tpm_possession_name(tpm->possession, buf),
	     tpm->possession_detail);
	line(indent, "event log", ctl_tpm_eventlog_name(tpm->eventlog, buf),
	     tpm->eventlog_detail);
	line(indent, "anchors", anchors, NULL);
	line(indent, "bound", ctl_tpm_bound_name(tpm->bound, buf), NULL);
}

static int tpm_show(struct ctl *ctl)
{
	struct ctl_nl_err err;
	struct ctl_tpm tpm;
	struct ctl_nl nl;
	struct json j;
	int ret;

	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_tpm(&nl, &tpm, &err);
	ctl_nl_close(&nl);
	if (ret == -EOPNOTSUPP && !err.msg[0])
		snprintf(err.msg, sizeof(err.msg), "%s", OLD_MODULE);
	if (ret)
		return ctl_nl_fail(ctl, "tpm", &err);
	if (!ctl->json) {
		ctl_tpm_print(&tpm, 13);
		return ferror(stdout) ? 1 : 0;
	}
	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	ctl_tpm_json(&j, &tpm);
	json_object_end(&j);
	return json_finish(&j);
}

/* "FILE" for a file of one certificate, "FILE#N" in a file of several. */
static void cert_name(const struct ctl_cert *c, char *buf, size_t size)
{
	if (c->of > 1)
		snprintf(buf, size, "%s#%u", c->file, c->index);
	else
		snprintf(buf, size, "%s", c->file);
}

static int anchors_cb(struct nlattr **tb, void *arg)
{
	struct nlattr *t[VMFENCE_A_TPM_MAX + 1];
	long *anchors = arg;

	if (tb[VMFENCE_A_TPM] &&
	    !nla_parse_nested(t, VMFENCE_A_TPM_MAX, tb[VMFENCE_A_TPM], NULL) &&
	    t[VMFENCE_A_TPM_ANCHORS])
		*anchors = nla_get_u32(t[VMFENCE_A_TPM_ANCHORS]);
	return 0;
}

/* What became of one certificate: a word for JSON, a phrase for people. */
static const char *outcome(const struct ctl_nl_err *err, bool *failed,
			   const char **why)
{
	*failed = false;
	*why = NULL;
	switch (err->error) {
	case 0:
		return "trusted";
	case -EEXIST:
		return "already-trusted";
	}
	*failed = true;
	if (err->error == -EPERM && strstr(err->msg, "locked"))
		*why = "anchors are locked until reboot";
	else if (err->error == -EBADMSG)
		*why = "not an X.509 certificate";
	else if (err->error == -EMSGSIZE || err->error == -E2BIG)
		*why = "too large for the module";
	else if (err->error == -EOPNOTSUPP && !err->msg[0])
		*why = OLD_MODULE;
	return "error";
}

/*
 * Send one certificate and report it. Return 2 when it is trusted now, 0
 * when it was already, 1 when it failed, or a negative errno when no later
 * one can succeed either (EPERM: locked, or no admin rights; EOPNOTSUPP: an
 * older module).
 */
static int trust_send(struct ctl *ctl, struct ctl_nl *nl,
		      const struct ctl_cert *c, struct json *j, long *anchors)
{
	struct ctl_nl_err err;
	struct nl_msg *msg;
	const char *result, *why;
	char name[4200];
	bool failed;

	cert_name(c, name, sizeof(name));
	msg = ctl_nl_msg(nl, VMFENCE_CMD_TPM_TRUST);
	if (!msg || nla_put(msg, VMFENCE_A_TPM_CERT, (int)c->len, c->der)) {
		nlmsg_free(msg);
		memset(&err, 0, sizeof(err));
		err.error = -ENOMEM;
	} else {
		ctl_nl_do(nl, msg, false, anchors_cb, anchors, &err);
	}
	result = outcome(&err, &failed, &why);
	if (j) {
		json_object_begin(j, NULL);
		json_string(j, "file", c->file);
		json_uint(j, "index", c->index);
		json_string(j, "result", result);
		if (failed) {
			json_int(j, "errno", -err.error);
			json_string(j, "message", why ? why : strerror(-err.error));
			json_string(j, "extack", err.msg[0] ? err.msg : NULL);
		}
		json_object_end(j);
	}
	if (!failed) {
		if (!ctl->json)
			printf("%s: %s\n", name,
			       err.error ? "already trusted" : "trusted");
		return err.error ? 0 : 2;
	}
	if (why && err.msg[0] && strcmp(why, err.msg))
		ctl_err("%s: %s (%s)", name, why, err.msg);
	else if (why)
		ctl_err("%s: %s", name, why);
	else
		ctl_nl_perror(name, &err);
	return err.error == -EPERM || err.error == -EOPNOTSUPP ? err.error : 1;
}

static int tpm_trust(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_certs certs = { 0 };
	struct json j, *jp = NULL;
	struct ctl_nl nl;
	char why[512];
	long anchors = -1;
	int i, sent, ret = 0, added = 0;
	struct ctl_nl_err err;
	struct nl_msg *msg;
	size_t k;

	if (argc < 2)
		return ctl_err("usage: vmfencectl [-j] tpm trust FILE...");
	/* Every file is read and checked before the first request. */
	for (i = 1; i < argc; i++) {
		if (!ctl_certs_read(&certs, argv[i], why, sizeof(why)))
			continue;
		ctl_err("%s", why);
		if (!ret && ctl->json) {
			json_init(&j, stdout);
			json_object_begin(&j, NULL);
			json_object_begin(&j, "error");
			json_string(&j, "command", "tpm trust");
			json_string(&j, "file", argv[i]);
			json_string(&j, "message", why);
			json_object_end(&j);
			json_object_end(&j);
			json_finish(&j);
		}
		ret = 1;
	}
	if (ret) {
		ctl_err("tpm trust: nothing was sent to the module");
		ctl_certs_free(&certs);
		return 1;
	}
	if (ctl_nl_open(&nl)) {
		ctl_certs_free(&certs);
		return 1;
	}
	if (ctl->json) {
		jp = &j;
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_array_begin(&j, "certificates");
	}
	for (k = 0; k < certs.n; k++) {
		sent = trust_send(ctl, &nl, &certs.v[k], jp, &anchors);
		if (sent == 2)
			added++;
		if (sent == 0 || sent == 2)
			continue;
		ret = 1;
		if (sent < 0) {
			if (k + 1 < certs.n)
				ctl_err("tpm trust: %zu more certificate%s not sent",
					certs.n - k - 1, certs.n - k - 1 == 1 ? "" : "s");
			break;
		}
	}
	/*
	 * One scan after the batch establishes the TPM identity against the
	 * new anchors: each scan talks to the TPM (seconds on a hardware one).
	 */
	if (added) {
		msg = ctl_nl_msg(&nl, VMFENCE_CMD_RESCAN);
		if (!msg || ctl_nl_do(&nl, msg, false, NULL, NULL, &err)) {
			ctl_err("tpm trust: trusted, but the scan that follows failed");
			ret = 1;
		}
	}
	ctl_nl_close(&nl);
	ctl_certs_free(&certs);
	if (jp) {
		json_array_end(&j);
		if (anchors >= 0)
			json_uint(&j, "anchors", anchors);
		else
			json_null(&j, "anchors");
		json_object_end(&j);
		ret |= json_finish(&j);
	} else if (anchors >= 0) {
		printf("anchors: %ld trusted\n", anchors);
	}
	return ret ? 1 : 0;
}

int cmd_tpm(struct ctl *ctl, int argc, char **argv)
{
	if (argc == 1)
		return tpm_show(ctl);
	if (!strcmp(argv[1], "trust"))
		return tpm_trust(ctl, argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		printf("usage: vmfencectl [-j] tpm             the TPM identity\n"
		       "       vmfencectl [-j] tpm trust FILE...  trust EK CA certificates\n");
		return 0;
	}
	ctl_err("unknown tpm command '%s'", argv[1]);
	fprintf(stderr, "usage: vmfencectl [-j] tpm [trust FILE...]\n");
	return 1;
}
