/* SPDX-License-Identifier: GPL-2.0 */
/* vmfencectl.h - what vmfencectl's command files share */
#ifndef VMFENCECTL_H
#define VMFENCECTL_H

#include <stdbool.h>

/* Options that apply to every command. */
struct ctl {
	bool json;		/* -j: machine output on stdout */
	const char *sysfs;	/* root of the module's sysfs tree */
};

/*
 * One command family. run() returns the process exit status: 0 on success,
 * 1 on error (after printing the reason to stderr).
 */
struct ctl_cmd {
	const char *name;
	const char *synopsis;	/* arguments, for the usage text */
	const char *help;	/* one line */
	int (*run)(struct ctl *ctl, int argc, char **argv);
};

int cmd_status(struct ctl *ctl, int argc, char **argv);
int cmd_policy(struct ctl *ctl, int argc, char **argv);
int cmd_detect(struct ctl *ctl, int argc, char **argv);
int cmd_snapshot(struct ctl *ctl, int argc, char **argv);
int cmd_signals(struct ctl *ctl, int argc, char **argv);
int cmd_rule(struct ctl *ctl, int argc, char **argv);
int cmd_mode(struct ctl *ctl, int argc, char **argv);
int cmd_threshold(struct ctl *ctl, int argc, char **argv);
int cmd_lock(struct ctl *ctl, int argc, char **argv);
int cmd_rescan(struct ctl *ctl, int argc, char **argv);
int cmd_monitor(struct ctl *ctl, int argc, char **argv);
int cmd_report(struct ctl *ctl, int argc, char **argv);
int cmd_metrics(struct ctl *ctl, int argc, char **argv);
int cmd_tpm(struct ctl *ctl, int argc, char **argv);

/*
 * Run the subcommand argv[1] of command family @family from @cmds (n of
 * them), with argv[1..]; "-h" prints the family's usage. Return its status.
 */
int ctl_subcommand(struct ctl *ctl, const char *family,
		   const struct ctl_cmd *cmds, unsigned long n, int argc,
		   char **argv);

/* A whole decimal number from 0 to @max in @s. Return 0, or -EINVAL. */
int ctl_parse_ulong(const char *s, unsigned long max, unsigned long *v);

/* Print "vmfencectl: " and the message to stderr; return 1. */
int ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read a one-line sysfs-style file into @buf without its newline.
 * Return 0, or a negative errno.
 */
int ctl_read_line(const char *dir, const char *name, char *buf, unsigned long len);

#endif /* VMFENCECTL_H */
