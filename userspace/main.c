// SPDX-License-Identifier: GPL-2.0
/* main.c - vmfencectl: the command table and global options */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/port.h"
#include "version.h"
#include "vmfencectl.h"

static const struct ctl_cmd commands[] = {
	{ "status", "", "verdict, mode, lock, rule count, counters", cmd_status },
	{ "detect", "[--root DIR] [--threshold N]",
	  "is this machine (or snapshot DIR) virtualized, and why", cmd_detect },
	{ "snapshot", "DIR", "capture this machine's environment into DIR",
	  cmd_snapshot },
	{ "signals", "[--hits]", "the module's evidence", cmd_signals },
	{ "rule", "add RULE... | del ID | list", "single rules", cmd_rule },
	{ "policy", "load FILE | save [FILE] | check FILE",
	  "whole policies; check works offline", cmd_policy },
	{ "mode", "off|audit|enforce", "what a matching deny rule does", cmd_mode },
	{ "threshold", "N", "the confidence (0-100) that counts as virtualized",
	  cmd_threshold },
	{ "lock", "", "make policy, mode and threshold immutable until reboot",
	  cmd_lock },
	{ "rescan", "", "run detection again", cmd_rescan },
	{ "monitor", "[-n COUNT]", "print refusals and audits as they happen",
	  cmd_monitor },
	{ "report", "", "a compliance report: verdict, evidence, policy digest",
	  cmd_report },
	{ "metrics", "[FILE]", "Prometheus text for node_exporter", cmd_metrics },
	{ "tpm", "[trust FILE...]",
	  "the TPM identity; trust loads EK CA certificates (PEM or DER)", cmd_tpm },
};

#define HELP_INDENT "                              "

static void usage(FILE *f)
{
	unsigned long i;
	int n;

	fprintf(f, "usage: vmfencectl [-j|--json] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		n = fprintf(f, "  %s %s", commands[i].name, commands[i].synopsis);
		/* A long synopsis puts the help text on a line of its own. */
		fprintf(f, "%*s%s\n", n < 30 ? 30 - n : 0, n < 30 ? "" : "\n" HELP_INDENT,
			commands[i].help);
	}
	fprintf(f, "\n  -j, --json   JSON output (one object per line for monitor)\n"
		   "  -h, --help   this text;  --version  the version\n");
}

/* Take -j/--json wherever it stands before "--"; keep the rest in order. */
static int strip_global_options(struct ctl *ctl, int argc, char **argv)
{
	int i, n = 0;
	bool dashdash = false;

	for (i = 0; i < argc; i++) {
		if (!dashdash && !strcmp(argv[i], "--"))
			dashdash = true;
		if (!dashdash && (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))) {
			ctl->json = true;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	struct ctl ctl = { .sysfs = "/sys/kernel/vmfence" };
	const char *env = getenv("VMFENCE_SYSFS");
	unsigned long i;

	if (env && *env)
		ctl.sysfs = env;
	argc = strip_global_options(&ctl, argc - 1, argv + 1);
	argv++;
	if (argc < 1) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help") ||
	    !strcmp(argv[0], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[0], "--version")) {
		printf("vmfencectl %s\n", VMFENCE_VERSION);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[0], commands[i].name))
			return commands[i].run(&ctl, argc, argv);
	ctl_err("unknown command '%s'", argv[0]);
	usage(stderr);
	return 1;
}
