// SPDX-License-Identifier: GPL-2.0
/*
 * envtable_test.c - the KUnit environment table (kmod/tests/detect_envs.h)
 * holds what the fixtures hold, and gives the verdicts KUnit expects
 *
 * Byte for byte, each table entry must equal the facts the snapshot reader
 * gets from its fixture: no fact the generator forgot, none it got wrong.
 * Kept apart from detect_envs_test.c, which must build even when the table
 * is stale, to regenerate it.
 */

#include <assert.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/decide.h"
#include "core/detect.h"
#include "envread.h"
#include "tap.h"
#include "../../kmod/tests/detect_envs.h"

#define FIXTURES "../../tools/testing/fixtures/env"

int main(int argc, char **argv)
{
	struct vmfence_facts *f = calloc(1, sizeof(*f));
	struct vmfence_verdict *v = calloc(1, sizeof(*v));
	const struct detect_env *env;
	struct vmfence_situation s;
	struct vmfence_conclusion c;
	char dir[512];
	size_t i;

	if (!f || !v || chdir(dirname(argv[0])))
		return 1;
	for (i = 0; i < ARRAY_SIZE(detect_envs); i++) {
		env = &detect_envs[i];
		snprintf(dir, sizeof(dir), "%s/%s", FIXTURES, env->name);
		memset(f, 0, sizeof(*f));
		tap_ok(!env_read(f, dir) && !memcmp(f, env->facts, sizeof(*f)),
		       "%s: table facts equal the fixture's", env->name);
		vmfence_detect(env->facts, v);
		s = (struct vmfence_situation){
			.threshold = VMFENCE_THRESHOLD_DEFAULT,
			.confidence = v->confidence, .hv = v->hv, .cc = v->cc,
			.host = v->host,
		};
		vmfence_conclude(&s, &c);
		tap_ok(c.virtualized == env->virtualized &&
		       !strcmp(vmfence_hv_name(c.hv), env->hv) &&
		       !strcmp(vmfence_cc_name(v->cc), env->cc) &&
		       v->confidence >= env->min_confidence &&
		       v->confidence <= env->max_confidence &&
		       !strcmp(vmfence_role_name(c.role), env->role),
		       "%s: verdict %d %s %s %u role %s as KUnit expects", env->name,
		       c.virtualized, vmfence_hv_name(c.hv),
		       vmfence_cc_name(v->cc), v->confidence,
		       vmfence_role_name(c.role));
	}
	free(f);
	free(v);
	return tap_done();
}
