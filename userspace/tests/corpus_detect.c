// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_detect.c - `vmfencectl detect --root` for many snapshots at once
 *
 *   corpus_detect [THRESHOLD] < DIRS
 *
 * For each snapshot directory named on standard input (one a line), the
 * same reader and core as `vmfencectl detect --root DIR` (env_read(),
 * vmfence_detect(), vmfence_conclude()), printed as one tab-separated line:
 * DIR, virtualized (0/1), confidence, hypervisor, role, and the hits as
 * name:weight separated by commas. tools/testing/corpus/score.py scores the
 * real-hardware corpus with it: one process, not ten thousand.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decide.h"
#include "core/detect.h"
#include "envread.h"

int main(int argc, char **argv)
{
	unsigned int threshold = argc > 1 ? strtoul(argv[1], NULL, 10) :
				 VMFENCE_THRESHOLD_DEFAULT;
	struct vmfence_facts *f = malloc(sizeof(*f));
	struct vmfence_verdict *v = malloc(sizeof(*v));
	struct vmfence_situation s;
	struct vmfence_conclusion c;
	const struct vmfence_signal *sg;
	char dir[4096];
	size_t len;
	int i, sep;

	if (!f || !v)
		return 1;
	while (fgets(dir, sizeof(dir), stdin)) {
		len = strcspn(dir, "\n");
		dir[len] = '\0';
		if (!len)
			continue;
		memset(f, 0, sizeof(*f));
		if (env_read(f, dir)) {
			printf("%s\terror\n", dir);
			continue;
		}
		vmfence_detect(f, v);
		s = (struct vmfence_situation){
			.threshold = threshold, .confidence = v->confidence,
			.hv = v->hv, .cc = v->cc, .host = v->host,
		};
		vmfence_conclude(&s, &c);
		printf("%s\t%d\t%u\t%s\t%s\t", dir, c.virtualized, c.confidence,
		       vmfence_hv_name(c.virtualized ? c.hv : v->hv),
		       vmfence_role_name(c.role));
		for (i = 0, sep = 0; i < VMFENCE_SIG_COUNT; i++) {
			sg = &v->signals[i];
			if (sg->state != VMFENCE_SIG_HIT)
				continue;
			printf("%s%s:%u", sep++ ? "," : "", sg->name, sg->weight);
		}
		putchar('\n');
	}
	free(f);
	free(v);
	return ferror(stdout) ? 1 : 0;
}
