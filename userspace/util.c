// SPDX-License-Identifier: GPL-2.0
/* util.c - helpers every vmfencectl command file uses */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
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
