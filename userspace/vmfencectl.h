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

/* Print "vmfencectl: " and the message to stderr; return 1. */
int ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read a one-line sysfs-style file into @buf without its newline.
 * Return 0, or a negative errno.
 */
int ctl_read_line(const char *dir, const char *name, char *buf, unsigned long len);

#endif /* VMFENCECTL_H */
