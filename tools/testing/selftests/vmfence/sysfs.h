/* SPDX-License-Identifier: GPL-2.0 */
/* sysfs.h - the module's sysfs files, for the vmfence kselftests */
#ifndef VMFENCE_SELFTEST_SYSFS_H
#define VMFENCE_SELFTEST_SYSFS_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SYSFS "/sys/kernel/vmfence"

/* Read SYSFS/@name's first line, without its newline; 0 or -errno. */
static inline int read_sysfs(const char *name, char *buf, size_t len)
{
	char path[256];
	FILE *f;
	int ret = 0;

	snprintf(path, sizeof(path), SYSFS "/%s", name);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, len, f))
		ret = -EIO;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ret;
}

/* Write @text to SYSFS/@name: 0, or the negative errno of open or write. */
static inline int write_sysfs(const char *name, const char *text)
{
	char path[256];
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), SYSFS "/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		ret = -errno;
	close(fd);
	return ret;
}

#endif /* VMFENCE_SELFTEST_SYSFS_H */
