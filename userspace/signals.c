// SPDX-License-Identifier: GPL-2.0
/* signals.c - vmfencectl signals: the module's evidence */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "query.h"
#include "vmfencectl.h"

/* One signal as a JSON object, in the shape "detect -j" gives. */
void ctl_signal_json(struct json *j, const struct ctl_signal *s)
{
	json_object_begin(j, NULL);
	json_string(j, "name", s->name);
	json_string(j, "state", ctl_state_name(s->state));
	json_bool(j, "hit", s->state == VMFENCE_SIGNAL_STATE_HIT);
	json_bool(j, "known", s->state != VMFENCE_SIGNAL_STATE_UNKNOWN);
	json_uint(j, "weight", s->weight);
	if (s->state == VMFENCE_SIGNAL_STATE_HIT && strcmp(s->hypervisor, "none"))
		json_string(j, "hypervisor", s->hypervisor);
	if (s->state == VMFENCE_SIGNAL_STATE_HIT && strcmp(s->confidential, "none"))
		json_string(j, "confidential", s->confidential);
	json_string(j, "detail", s->detail);
	json_object_end(j);
}

/* The signals in @state, as rows of the human table. */
static void print_rows(const struct ctl_signals *list, unsigned int state)
{
	const struct ctl_signal *s;
	size_t i;

	for (i = 0; i < list->n; i++) {
		s = &list->v[i];
		if (s->state != state)
			continue;
		printf("  %-7s %3u  %-22s %s", ctl_state_name(s->state), s->weight,
		       s->name, s->detail);
		if (s->state == VMFENCE_SIGNAL_STATE_HIT && strcmp(s->hypervisor, "none"))
			printf("  [%s]", s->hypervisor);
		putchar('\n');
	}
}

int cmd_signals(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_signals list;
	struct ctl_nl_err err;
	struct ctl_nl nl;
	uint32_t flags = 0;
	struct json j;
	size_t i;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--hits"))
		flags = VMFENCE_SIGNALS_FLAGS_HIT;
	else if (argc != 1)
		return ctl_err("usage: vmfencectl [-j] signals [--hits]");
	if (ctl_nl_open(&nl))
		return 1;
	ret = ctl_get_signals(&nl, flags, &list, &err);
	ctl_nl_close(&nl);
	if (ret)
		return ctl_nl_fail(ctl, "signals", &err);

	if (ctl->json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_uint(&j, "scan", list.scan_count);
		json_array_begin(&j, "signals");
		for (i = 0; i < list.n; i++)
			ctl_signal_json(&j, &list.v[i]);
		json_array_end(&j);
		json_object_end(&j);
		ret = json_finish(&j);
	} else {
		printf("  %-7s %3s  %-22s %s\n", "STATE", "WT", "SIGNAL", "DETAIL");
		print_rows(&list, VMFENCE_SIGNAL_STATE_HIT);
		print_rows(&list, VMFENCE_SIGNAL_STATE_MISS);
		print_rows(&list, VMFENCE_SIGNAL_STATE_UNKNOWN);
		ret = ferror(stdout) ? 1 : 0;
	}
	ctl_signals_free(&list);
	return ret;
}
