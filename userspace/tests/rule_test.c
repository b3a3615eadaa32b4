// SPDX-License-Identifier: GPL-2.0
/* rule_test.c - the policy grammar's parser and printer, as TAP */

#include <stdio.h>
#include <stdlib.h>

#include "../../kmod/tests/rule_check.h"

static int planned, failed;

static void report(struct rule_work *w, bool ok, const char *group,
		   const char *name)
{
	printf("%sok %d - %s: %s\n", ok ? "" : "not ", ++planned, group, name);
	if (!ok) {
		printf("# %s\n", w->why);
		failed++;
	}
	w->why[0] = '\0';
}

int main(void)
{
	struct rule_work *w = calloc(1, sizeof(*w));
	size_t i, total;

	if (!w) {
		perror("rule_test");
		return 1;
	}
	total = ARRAY_SIZE(rule_error_cases) + ARRAY_SIZE(rule_single_cases) +
		ARRAY_SIZE(rule_good_cases) + ARRAY_SIZE(rule_long_cases) + 8;
	printf("1..%zu\n", total);

	for (i = 0; i < ARRAY_SIZE(rule_error_cases); i++)
		report(w, rule_check_error(w, &rule_error_cases[i]), "refuses",
		       rule_error_cases[i].name);
	for (i = 0; i < ARRAY_SIZE(rule_single_cases); i++)
		report(w, rule_check_single_error(w, &rule_single_cases[i]),
		       "refuses single rule", rule_single_cases[i].name);
	for (i = 0; i < ARRAY_SIZE(rule_good_cases); i++)
		report(w, rule_check_good(w, &rule_good_cases[i]), "round-trips",
		       rule_good_cases[i].name);
	for (i = 0; i < ARRAY_SIZE(rule_long_cases); i++)
		report(w, rule_check_long(w, &rule_long_cases[i]), "limits",
		       rule_long_cases[i].name);
	report(w, rule_check_longest(w), "printer", "longest rule fits a line");
	report(w, rule_check_every_byte(w), "printer", "every byte in a path");
	report(w, rule_check_truncation(w), "printer", "counts what does not fit");
	report(w, rule_check_print_invalid(w), "printer", "refuses out of range");
	report(w, rule_check_no_scratch(w), "parser", "needs a scratch buffer");
	report(w, rule_check_single_ok(w), "parser", "single rule with comment");
	report(w, rule_check_bind_max(w), "bind-tpm", "longest list, and one more");
	report(w, rule_check_bind_helpers(w), "bind-tpm", "sorted insert, search, print");

	free(w);
	return failed ? 1 : 0;
}
