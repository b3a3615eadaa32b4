// SPDX-License-Identifier: GPL-2.0
/*
 * tpm_test.c - "vmfencectl tpm" reads the VMFENCE_A_TPM nest as the UAPI
 * header lays it out, and prints exactly the JSON keys scripts rely on
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "../json.h"
#include "../query.h"
#include "tap.h"

/* A VMFENCE_CMD_TPM answer as the module would build it; @ek_len 0: no EK. */
static struct nl_msg *answer(unsigned int class, int ek_len, bool with_nest)
{
	struct nl_msg *msg = nlmsg_alloc();
	unsigned char ek[40];
	struct nlattr *nest;
	int i;

	for (i = 0; i < (int)sizeof(ek); i++)
		ek[i] = 0xa0 + i;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, 42, 0, 0, VMFENCE_CMD_TPM,
		    VMFENCE_GENL_VERSION);
	nla_put_u64(msg, VMFENCE_A_SCAN_COUNT, 7);
	if (!with_nest)
		return msg;
	nest = nla_nest_start(msg, VMFENCE_A_TPM);
	nla_put_u8(msg, VMFENCE_A_TPM_PRESENT, 1);
	nla_put_string(msg, VMFENCE_A_TPM_MANUFACTURER, "IBM");
	nla_put_u8(msg, VMFENCE_A_TPM_CLASS, class);
	nla_put_string(msg, VMFENCE_A_TPM_CLASS_DETAIL, "chain to \"swtpm\" CA");
	nla_put_string(msg, VMFENCE_A_TPM_EK_ISSUER, "CN=swtpm-localca");
	nla_put_string(msg, VMFENCE_A_TPM_EK_SUBJECT, "CN=ek");
	if (ek_len)
		nla_put(msg, VMFENCE_A_TPM_EK_SHA256, ek_len, ek);
	nla_put_u8(msg, VMFENCE_A_TPM_POSSESSION, VMFENCE_TPM_POSSESSION_PROVEN);
	nla_put_u8(msg, VMFENCE_A_TPM_EVENTLOG, VMFENCE_TPM_EVENTLOG_MISMATCH);
	nla_put_string(msg, VMFENCE_A_TPM_EVENTLOG_DETAIL, "PCR 7 differs");
	nla_put_u32(msg, VMFENCE_A_TPM_ANCHORS, 12);
	nla_put_u8(msg, VMFENCE_A_TPM_ANCHORS_LOCKED, 1);
	nla_put_u8(msg, VMFENCE_A_TPM_BOUND, VMFENCE_TPM_BOUND_NO);
	nla_nest_end(msg, nest);
	return msg;
}

static int parse(struct nl_msg *msg, struct ctl_tpm *tpm)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1];
	int ret;

	memset(tpm, 0, sizeof(*tpm));
	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMFENCE_A_MAX, NULL);
	if (!ret)
		ret = ctl_tpm_parse(tb, tpm);
	nlmsg_free(msg);
	return ret;
}

static char *to_json(const struct ctl_tpm *tpm)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json j;

	json_init(&j, f);
	json_object_begin(&j, NULL);
	ctl_tpm_json(&j, tpm);
	json_object_end(&j);
	json_finish(&j);
	fclose(f);
	return buf;
}

int main(void)
{
	struct ctl_tpm tpm;
	char *s;
	int ret;

	ret = parse(answer(VMFENCE_TPM_CLASS_VIRTUAL, 32, true), &tpm);
	tap_ok(!ret && tpm.present && tpm.have_ek && tpm.ek_sha256[0] == 0xa0 &&
	       tpm.ek_sha256[31] == 0xbf && tpm.anchors == 12 && tpm.anchors_locked &&
	       tpm.scan_count == 7 && !strcmp(tpm.manufacturer, "IBM"),
	       "the nest parses: presence, EK digest, anchors, scan");
	s = to_json(&tpm);
	tap_ok(s && !strcmp(s,
		"{\"present\":true,\"manufacturer\":\"IBM\",\"class\":\"virtual\","
		"\"class_detail\":\"chain to \\\"swtpm\\\" CA\",\"ek_issuer\":\"CN=swtpm-localca\","
		"\"ek_subject\":\"CN=ek\",\"ek_sha256\":"
		"\"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\","
		"\"possession\":\"proven\",\"possession_detail\":\"\","
		"\"eventlog\":\"mismatch\",\"eventlog_detail\":\"PCR 7 differs\","
		"\"anchors\":12,\"anchors_locked\":true,\"bound\":\"no\"}\n"),
	       "tpm -j: every key, in order, ek_sha256 as 64 lowercase hex: %s", s);
	free(s);

	ret = parse(answer(9, 0, true), &tpm);
	s = to_json(&tpm);
	tap_ok(!ret && !tpm.have_ek && strstr(s, "\"class\":\"unknown-9\"") &&
	       strstr(s, "\"ek_sha256\":\"\""),
	       "a class this vmfencectl does not know prints as unknown-9; no EK: \"\"");
	free(s);

	tap_ok(parse(answer(VMFENCE_TPM_CLASS_HARDWARE, 31, true), &tpm) == -EBADMSG,
	       "an ek_sha256 of 31 bytes is refused");
	tap_ok(parse(answer(VMFENCE_TPM_CLASS_HARDWARE, 32, false), &tpm) == -EBADMSG,
	       "an answer without the TPM nest is refused");

	memset(&tpm, 0, sizeof(tpm));
	s = to_json(&tpm);
	tap_ok(strstr(s, "\"present\":false") && strstr(s, "\"class\":\"none\"") &&
	       strstr(s, "\"possession\":\"not-tried\"") &&
	       strstr(s, "\"eventlog\":\"absent\"") && strstr(s, "\"bound\":\"unset\""),
	       "attributes not sent read as the enums' zero values");
	free(s);
	return tap_done();
}
