// SPDX-License-Identifier: GPL-2.0
/*
 * weigh_test.c - the weighing rule and the brand tables, in userspace
 *
 * The same vectors as KUnit's vmfence_weigh suite (kmod/tests/weigh_cases.h)
 * against the same core code.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decide.h"
#include "core/detect.h"
#include "tap.h"
#include "../../kmod/tests/weigh_cases.h"

static const char *const verdict_names[] = {
	"empty", "unknown", "consistent", "other vendor", "bad family",
};

int main(void)
{
	struct vmfence_verdict *v = calloc(1, sizeof(*v));
	enum vmfence_brand_verdict got;
	const struct brand_case *bc;
	unsigned int i, g, h, weak_ok = 1;
	const char *why;

	if (!v)
		return 1;
	for (i = 0; i < sizeof(brand_cases) / sizeof(brand_cases[0]); i++) {
		bc = &brand_cases[i];
		got = vmfence_brand_check(vmfence_brand_vendor(bc->vendor), bc->family,
					  bc->brand, &why);
		tap_ok(got == bc->want, "%.12s family %#x \"%s\": %s", bc->vendor,
		       bc->family, bc->brand, verdict_names[got]);
	}
	for (i = 0; i < VMFENCE_SIG_COUNT; i++)
		if (vmfence_signal_group(i) != VMFENCE_GROUP_NONE &&
		    (vmfence_signal_weight(i) >= VMFENCE_THRESHOLD_DEFAULT ||
		     vmfence_signal_weight(i) > VMFENCE_GROUP_CAP)) {
			weak_ok = 0;
			printf("# %s weighs %u\n", vmfence_signal_name(i),
			       vmfence_signal_weight(i));
		}
	tap_ok(weak_ok, "every weak signal weighs less than the threshold and at most the cap");
	tap_ok(vmfence_signal_group(VMFENCE_SIG_SMBIOS_VM) == VMFENCE_GROUP_FIRMWARE,
	       "the SMBIOS \"virtual machine\" bit is firmware's, weak");
	for (g = VMFENCE_GROUP_NONE + 1; g < VMFENCE_GROUP_COUNT; g++)
		tap_ok(hit_groups(v, 1u << g) < VMFENCE_THRESHOLD_DEFAULT,
		       "weak group %u, every signal hit, stays below the threshold (%u)",
		       g, v->confidence);
	for (g = VMFENCE_GROUP_NONE + 1; g < VMFENCE_GROUP_COUNT; g++)
		for (h = g + 1; h < VMFENCE_GROUP_COUNT; h++)
			tap_ok(hit_groups(v, 1u << g | 1u << h) >= VMFENCE_THRESHOLD_DEFAULT,
			       "weak groups %u and %u corroborate each other (%u)", g, h,
			       v->confidence);
	free(v);
	return tap_done();
}
