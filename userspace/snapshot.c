// SPDX-License-Identifier: GPL-2.0
/*
 * snapshot.c - vmfencectl snapshot: capture this machine's environment into
 * a directory that `vmfencectl detect --root` reads (format: envread.h)
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cpuid.h"
#include "core/tables.h"
#include "cpuidfile.h"
#include "envread.h"
#include "liveprobe.h"
#include "vmfencectl.h"

enum what {
	COPY,		/* a file, whole */
	FIRST_BLOCK,	/* a file up to its first blank line */
	FIRST_LINE,	/* a file's first line */
	HEADERS,	/* the first 36 bytes of each file in a directory */
	NAMES,		/* a directory's entries, as empty files */
	EACH,		/* the listed files of each entry of a directory */
	DMI,		/* the DMI fields detection reads */
	EXISTS,		/* a directory whose existence is the fact */
};

static const char *const pci_files[] = {
	"vendor", "device", "subsystem_vendor", "subsystem_device", "class", NULL,
};
static const char *const net_files[] = { "address", "device", NULL };
static const char *const hwmon_files[] = { "name", NULL };

/* Everything envread.c reads from files, and how to keep it small. */
static const struct item {
	const char *path;
	enum what what;
	const char *const *files;
} items[] = {
	{ .path = "proc/cpuinfo", .what = FIRST_BLOCK },
	{ .path = "proc/stat", .what = FIRST_LINE },
	{ .path = "sys/class/dmi/id", .what = DMI },
	{ .path = "sys/firmware/dmi/entries/0-0/raw", .what = COPY },
	{ .path = "sys/firmware/acpi/tables", .what = HEADERS },
	{ .path = "sys/bus/acpi/devices", .what = NAMES },
	{ .path = "sys/bus/pci/devices", .what = EACH, .files = pci_files },
	{ .path = "sys/class/net", .what = EACH, .files = net_files },
	{ .path = "sys/class/hwmon", .what = EACH, .files = hwmon_files },
	{ .path = "sys/class/tpm", .what = NAMES },
	{ .path = "sys/hypervisor/type", .what = COPY },
	{ .path = "proc/xen", .what = EXISTS },
	{ .path = "proc/xen/capabilities", .what = COPY },
	{ .path = "sys/devices/system/clocksource/clocksource0/available_clocksource",
	  .what = COPY },
	{ .path = "sys/bus/virtio/devices", .what = NAMES },
	{ .path = "sys/bus/platform/devices", .what = NAMES },
	{ .path = "sys/bus/vmbus/devices", .what = NAMES },
	{ .path = "sys/bus/xen/devices", .what = NAMES },
	{ .path = "sys/devices/platform/sev-guest", .what = EXISTS },
	{ .path = "proc/device-tree", .what = EXISTS },
	{ .path = "proc/device-tree/hypervisor", .what = EXISTS },
	{ .path = "proc/device-tree/hypervisor/compatible", .what = COPY },
};

static int mkdirs(const char *path)
{
	char buf[4096], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_file(const char *dir, const char *rel, const void *data,
		      size_t len)
{
	char path[4096], *slash;
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	err = mkdirs(path);
	if (err)
		return err;
	*slash = '/';
	f = fopen(path, "we");
	if (!f)
		return -errno;
	if (len && fwrite(data, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) && !err)
		err = -EIO;
	return err;
}

/* Read up to @len bytes of @src; a directory reads as empty. */
static ssize_t slurp(const char *src, char *buf, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd;

	if (!stat(src, &st) && S_ISDIR(st.st_mode))
		return 0;
	fd = open(src, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	close(fd);
	return n < 0 ? -errno : n;
}

/* Copy /@rel to @dir/@rel, cut by @what. Return 0, or a negative errno. */
static int copy(const char *dir, const char *rel, enum what what)
{
	static char buf[65536];
	char src[4096], *cut;
	ssize_t n;

	snprintf(src, sizeof(src), "/%s", rel);
	n = slurp(src, buf, what == HEADERS ? VMFENCE_ACPI_HEADER_LEN :
			    sizeof(buf) - 1);
	if (n < 0)
		return n;
	buf[n] = '\0';
	cut = what == FIRST_BLOCK ? strstr(buf, "\n\n") :
	      what == FIRST_LINE ? strchr(buf, '\n') : NULL;
	if (cut)
		n = cut - buf + 1;
	return write_file(dir, rel, buf, n);
}

static int each(const char *dir, const struct item *it)
{
	struct dirent **list;
	char src[4096], rel[4096];
	int n, i, k;

	snprintf(src, sizeof(src), "/%s", it->path);
	n = scandir(src, &list, NULL, alphasort);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] == '.')
			continue;
		if (it->what == NAMES) {
			snprintf(rel, sizeof(rel), "%s/%s", it->path,
				 list[i]->d_name);
			write_file(dir, rel, NULL, 0);
		}
		for (k = 0; it->what == EACH && it->files[k]; k++) {
			snprintf(rel, sizeof(rel), "%s/%s/%s", it->path,
				 list[i]->d_name, it->files[k]);
			copy(dir, rel, COPY);
		}
		if (it->what == HEADERS) {
			snprintf(rel, sizeof(rel), "%s/%s", it->path,
				 list[i]->d_name);
			copy(dir, rel, HEADERS);
		}
	}
	while (n > 0)
		free(list[--n]);
	free(list);
	return 0;
}

static int capture(const char *dir, const struct item *it)
{
	char rel[4096];
	int i;

	switch (it->what) {
	case DMI:
		if (access("/sys/class/dmi/id", F_OK))
			return -errno;
		for (i = 0; i < VMFENCE_DMI_COUNT; i++) {
			snprintf(rel, sizeof(rel), "%s/%s", it->path,
				 vmfence_dmi_field_name(i));
			copy(dir, rel, COPY);
		}
		return 0;
	case EXISTS:
		snprintf(rel, sizeof(rel), "/%s", it->path);
		if (access(rel, F_OK))
			return -errno;
		snprintf(rel, sizeof(rel), "%s/%s", dir, it->path);
		return mkdirs(rel);
	case HEADERS:
	case NAMES:
	case EACH:
		return each(dir, it);
	default:
		return copy(dir, it->path, it->what);
	}
}

/* What only instructions, /dev/cpu/0/msr and /dev/tpmrm0 tell. */
static int write_measures(const char *dir, const struct vmfence_facts *f)
{
	static const uint32_t msrs[] = { MSR_IA32_THERM_STATUS, MSR_AMD64_SEV };
	char path[4096], line[64], text[256] = "";
	uint64_t val;
	size_t i;
	FILE *out;
	int err;

	snprintf(path, sizeof(path), "%s/cpuid.txt", dir);
	out = fopen(path, "we");
	if (!out)
		return -errno;
	err = cpuidfile_write(out, f);
	if (fclose(out) && !err)
		err = -EIO;
	if (err)
		return err;
	snprintf(line, sizeof(line), "cpuid %u\nbaseline %u\n",
		 f->timing.cpuid_cycles, f->timing.base_cycles);
	if (f->timing.state == VMFENCE_FACT_PRESENT &&
	    write_file(dir, "timing.txt", line, strlen(line)))
		return -EIO;
	for (i = 0; i < ARRAY_SIZE(msrs); i++) {
		err = live_msr(msrs[i], &val);
		if (!err)
			snprintf(line, sizeof(line), "0x%08x 0x%016llx\n", msrs[i],
				 (unsigned long long)val);
		else if (err == -EIO)
			snprintf(line, sizeof(line), "0x%08x -\n", msrs[i]);
		else
			continue;
		strncat(text, line, sizeof(text) - strlen(text) - 1);
	}
	if (text[0] && write_file(dir, "msr.txt", text, strlen(text)))
		return -EIO;
	if (f->tpm.state == VMFENCE_FACT_PRESENT)
		snprintf(line, sizeof(line), "0x%08x\n", f->tpm.manufacturer);
	else
		snprintf(line, sizeof(line), "none\n");
	if (f->tpm.state != VMFENCE_FACT_UNKNOWN &&
	    write_file(dir, "tpm.txt", line, strlen(line)))
		return -EIO;
	return 0;
}

int cmd_snapshot(struct ctl *ctl, int argc, char **argv)
{
	struct vmfence_facts *f;
	char absent[8192] = "";
	const char *dir;
	size_t i;
	int err;

	if (argc != 2)
		return ctl_err("usage: vmfencectl snapshot DIR");
	dir = argv[1];
	err = mkdirs(dir);
	if (err)
		return ctl_err("snapshot: cannot create %s: %s", dir, strerror(-err));
	for (i = 0; i < ARRAY_SIZE(items); i++) {
		err = capture(dir, &items[i]);
		if (err == -ENOENT || err == -ENOTDIR) {
			strncat(absent, items[i].path,
				sizeof(absent) - strlen(absent) - 2);
			strcat(absent, "\n");
		}
	}
	if (write_file(dir, ENV_ABSENT_FILE, absent, strlen(absent)))
		return ctl_err("snapshot: cannot write %s/%s", dir, ENV_ABSENT_FILE);
	f = calloc(1, sizeof(*f));
	if (!f)
		return ctl_err("snapshot: out of memory");
	env_read(f, NULL);
	err = write_measures(dir, f);
	free(f);
	if (err)
		return ctl_err("snapshot: cannot write to %s: %s", dir, strerror(-err));
	if (!ctl->json)
		printf("snapshot written to %s\n", dir);
	return 0;
}
