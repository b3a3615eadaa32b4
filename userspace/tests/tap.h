/* SPDX-License-Identifier: GPL-2.0 */
/* tap.h - TAP output for the userspace unit tests */
#ifndef VMFENCE_TAP_H
#define VMFENCE_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

/*
 * Print a test's description; a '#' in it would start a TAP directive,
 * so it is printed as "%23".
 */
static inline void tap_name(const char *name)
{
	for (; *name; name++)
		if (*name == '#')
			fputs("%23", stdout);
		else
			putchar(*name);
}

/* Report one test; print @fmt's description. Returns @ok. */
static inline __attribute__((format(printf, 2, 3)))
int tap_result(int ok, const char *fmt, ...)
{
	char name[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
	tap_name(name);
	putchar('\n');
	if (!ok)
		tap_failed++;
	return ok;
}

/* @ok is evaluated before the description's arguments. */
#define tap_ok(ok, ...)                                                      \
	({                                                                   \
		int __ok = !!(ok);                                           \
									     \
		tap_result(__ok, __VA_ARGS__);                               \
	})

/* Print the plan (at the end: the count is what ran) and the exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* VMFENCE_TAP_H */
