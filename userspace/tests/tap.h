/* SPDX-License-Identifier: GPL-2.0 */
/* tap.h - TAP output for the userspace unit tests */
#ifndef VMFENCE_TAP_H
#define VMFENCE_TAP_H

#include <stdio.h>

static int tap_n, tap_failed;

/* Report one test; print @fmt's description. Returns @ok. */
#define tap_ok(ok, ...)                                                      \
	({                                                                   \
		int __ok = !!(ok);                                           \
		printf("%sok %d - ", __ok ? "" : "not ", ++tap_n);           \
		printf(__VA_ARGS__);                                         \
		putchar('\n');                                               \
		if (!__ok)                                                   \
			tap_failed++;                                        \
		__ok;                                                        \
	})

/* Print the plan (at the end: the count is what ran) and the exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* VMFENCE_TAP_H */
