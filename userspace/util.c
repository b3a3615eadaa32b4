// SPDX-License-Identifier: GPL-2.0
/* util.c - helpers every vmfencectl command file uses */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmfencectl.h"

int ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("vmfencectl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int ctl_read_line(const char *dir, const char *name, char *buf, unsigned long len)
{
	char path[4096];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		err = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	if (!err)
		buf[strcspn(buf, "\n")] = '\0';
	return err;
}

int ctl_parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	if (errno || *end || !*s || *s == '-' || *v > max)
		return -EINVAL;
	return 0;
}

static int subcommand_usage(FILE *f, const char *family,
			    const struct ctl_cmd *cmds, unsigned long n)
{
	unsigned long i;

	fprintf(f, "usage: vmfencectl [-j] %s COMMAND [ARGS]\n\n", family);
	for (i = 0; i < n; i++)
		fprintf(f, "  %s %-6s %-8s %s\n", family, cmds[i].name,
			cmds[i].synopsis, cmds[i].help);
	return f == stderr;
}

int ctl_subcommand(struct ctl *ctl, const char *family,
		   const struct ctl_cmd *cmds, unsigned long n, int argc,
		   char **argv)
{
	unsigned long i;

	if (argc < 2)
		return subcommand_usage(stderr, family, cmds, n);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help"))
		return subcommand_usage(stdout, family, cmds, n);
	for (i = 0; i < n; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].run(ctl, argc - 1, argv + 1);
	ctl_err("unknown %s command '%s'", family, argv[1]);
	return subcommand_usage(stderr, family, cmds, n);
}
