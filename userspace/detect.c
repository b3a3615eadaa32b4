// SPDX-License-Identifier: GPL-2.0
/* detect.c - vmfencectl detect: the verdict from userspace, no module needed */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decide.h"
#include "core/detect.h"
#include "envread.h"
#include "json.h"
#include "vmfencectl.h"

static const char *const states[] = {
	[VMFENCE_SIG_UNKNOWN] = "unknown",
	[VMFENCE_SIG_MISS] = "miss",
	[VMFENCE_SIG_HIT] = "hit",
};

static int print_json(const struct vmfence_verdict *v,
		      const struct vmfence_conclusion *c, unsigned int threshold,
		      const char *root)
{
	const struct vmfence_signal *s;
	struct json j;
	int i;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_bool(&j, "virtualized", c->virtualized);
	json_uint(&j, "confidence", c->confidence);
	json_uint(&j, "threshold", threshold);
	json_string(&j, "hypervisor", vmfence_hv_name(c->hv));
	json_string(&j, "confidential", vmfence_cc_name(c->cc));
	json_string(&j, "role", vmfence_role_name(c->role));
	json_string(&j, "host_partition_of", vmfence_hv_name(v->host));
	json_string(&j, "source", root ? root : "live");
	json_array_begin(&j, "signals");
	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		s = &v->signals[i];
		json_object_begin(&j, NULL);
		json_string(&j, "name", s->name);
		json_bool(&j, "hit", s->state == VMFENCE_SIG_HIT);
		json_bool(&j, "known", s->state != VMFENCE_SIG_UNKNOWN);
		json_uint(&j, "weight", s->weight);
		if (s->state == VMFENCE_SIG_HIT && s->hv != VMFENCE_HV_NONE)
			json_string(&j, "hypervisor", vmfence_hv_name(s->hv));
		if (s->state == VMFENCE_SIG_HIT && s->cc != VMFENCE_CC_NONE)
			json_string(&j, "confidential", vmfence_cc_name(s->cc));
		json_string(&j, "detail", s->detail);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	return json_finish(&j) ? 1 : 0;
}

static void print_signals(const struct vmfence_verdict *v,
			  enum vmfence_sig_state state)
{
	const struct vmfence_signal *s;
	int i;

	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		s = &v->signals[i];
		if (s->state != state)
			continue;
		printf("  %-7s %3u  %-22s %s", states[s->state], s->weight,
		       s->name, s->detail);
		if (s->state == VMFENCE_SIG_HIT && s->hv != VMFENCE_HV_NONE)
			printf("  [%s]", vmfence_hv_name(s->hv));
		putchar('\n');
	}
}

static int print_human(const struct vmfence_verdict *v,
		       const struct vmfence_conclusion *c, unsigned int threshold,
		       const char *root)
{
	printf("source:        %s\n", root ? root : "this machine");
	printf("virtualized:   %s (confidence %u, threshold %u)\n",
	       c->virtualized ? "yes" : "no", c->confidence, threshold);
	printf("hypervisor:    %s\n", vmfence_hv_name(c->hv));
	printf("confidential:  %s\n", vmfence_cc_name(c->cc));
	if (c->role == VMFENCE_ROLE_HOST)
		printf("role:          host (the host partition of %s)\n\n",
		       vmfence_hv_name(v->host));
	else
		printf("role:          %s\n\n", vmfence_role_name(c->role));
	printf("  %-7s %3s  %-22s %s\n", "STATE", "WT", "SIGNAL", "DETAIL");
	print_signals(v, VMFENCE_SIG_HIT);
	print_signals(v, VMFENCE_SIG_MISS);
	print_signals(v, VMFENCE_SIG_UNKNOWN);
	return ferror(stdout) ? 1 : 0;
}

int cmd_detect(struct ctl *ctl, int argc, char **argv)
{
	unsigned int threshold = VMFENCE_THRESHOLD_DEFAULT;
	struct vmfence_situation sit;
	struct vmfence_conclusion c;
	struct vmfence_verdict *v = NULL;
	struct vmfence_facts *f = NULL;
	const char *root = NULL;
	char *end;
	int i, err, ret = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--root") && i + 1 < argc) {
			root = argv[++i];
		} else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) {
			threshold = strtoul(argv[++i], &end, 10);
			if (*end || threshold > 100)
				return ctl_err("detect: threshold must be 0-100");
		} else {
			return ctl_err("usage: vmfencectl detect [--root DIR] [--threshold N]");
		}
	}
	f = calloc(1, sizeof(*f));
	v = calloc(1, sizeof(*v));
	if (!f || !v) {
		ctl_err("detect: out of memory");
		goto out;
	}
	err = env_read(f, root);
	if (err) {
		ctl_err("detect: cannot read %s: %s", root, strerror(-err));
		goto out;
	}
	vmfence_detect(f, v);
	sit = (struct vmfence_situation){
		.threshold = threshold, .confidence = v->confidence,
		.hv = v->hv, .cc = v->cc, .host = v->host,
	};
	vmfence_conclude(&sit, &c);
	ret = ctl->json ? print_json(v, &c, threshold, root) :
			  print_human(v, &c, threshold, root);
out:
	free(v);
	free(f);
	return ret;
}
