// SPDX-License-Identifier: GPL-2.0
/* rule_test.c - KUnit: the policy grammar's parser and printer */

#include <kunit/test.h>

#include "rule_check.h"

/* Each case gets its own working memory; KUnit frees it after the case. */
static int rule_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct rule_work), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void error_case_desc(const struct rule_error_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

static void good_case_desc(const struct rule_good_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

static void long_case_desc(const struct rule_long_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rule_error, rule_error_cases, error_case_desc);
KUNIT_ARRAY_PARAM(rule_single, rule_single_cases, error_case_desc);
KUNIT_ARRAY_PARAM(rule_good, rule_good_cases, good_case_desc);
KUNIT_ARRAY_PARAM(rule_long, rule_long_cases, long_case_desc);

/* Each malformed policy is refused at its line and column, with its message. */
static void rule_refuses_policy(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_error(w, test->param_value),
			      "%s", w->why);
}

/* Each malformed single rule ("rule add") is refused the same way. */
static void rule_refuses_single_rule(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_single_error(w, test->param_value),
			      "%s", w->why);
}

/* A valid policy prints as expected; parse(print(x)) == x; print is stable. */
static void rule_round_trips(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_good(w, test->param_value),
			      "%s", w->why);
}

/* Lines, paths, labels and names at their limit pass; one byte more fails. */
static void rule_limits(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_long(w, test->param_value),
			      "%s", w->why);
}

/* The longest canonical rule fits VMFENCE_LINE_MAX and parses back. */
static void rule_longest_fits_a_line(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_longest(w), "%s", w->why);
}

/* Any path byte but NUL and '/' survives printing and parsing. */
static void rule_every_path_byte(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_every_byte(w), "%s", w->why);
}

/* The printer counts what does not fit and refuses values out of range. */
static void rule_printer_bounds(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_truncation(w), "%s", w->why);
	KUNIT_EXPECT_TRUE_MSG(test, rule_check_print_invalid(w), "%s", w->why);
}

/* A single rule takes blanks and a comment; parsing needs scratch memory. */
static void rule_single_rule(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_single_ok(w), "%s", w->why);
	KUNIT_EXPECT_TRUE_MSG(test, rule_check_no_scratch(w), "%s", w->why);
}

/* 1024 EKs parse, sort and print back; the 1025th is refused at its place. */
static void rule_bind_tpm_longest_list(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_bind_max(w), "%s", w->why);
}

/* The bind list stays sorted without duplicates, and is found by search. */
static void rule_bind_tpm_helpers(struct kunit *test)
{
	struct rule_work *w = test->priv;

	KUNIT_EXPECT_TRUE_MSG(test, rule_check_bind_helpers(w), "%s", w->why);
}

static struct kunit_case rule_cases[] = {
	KUNIT_CASE_PARAM(rule_refuses_policy, rule_error_gen_params),
	KUNIT_CASE_PARAM(rule_refuses_single_rule, rule_single_gen_params),
	KUNIT_CASE_PARAM(rule_round_trips, rule_good_gen_params),
	KUNIT_CASE_PARAM(rule_limits, rule_long_gen_params),
	KUNIT_CASE(rule_longest_fits_a_line),
	KUNIT_CASE(rule_every_path_byte),
	KUNIT_CASE(rule_printer_bounds),
	KUNIT_CASE(rule_single_rule),
	KUNIT_CASE(rule_bind_tpm_longest_list),
	KUNIT_CASE(rule_bind_tpm_helpers),
	{}
};

static struct kunit_suite rule_suite = {
	.name = "vmfence_rule",
	.init = rule_test_init,
	.test_cases = rule_cases,
};

kunit_test_suites(&rule_suite);
