// SPDX-License-Identifier: GPL-2.0
/* envread.c - fill struct vmfence_facts from the system or a snapshot */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cpuid.h"
#include "core/tables.h"
#include "cpuidfile.h"
#include "envread.h"
#include "liveprobe.h"

struct env {
	const char *root;	/* "" when live */
	bool live;
	char absent[8192];	/* the snapshot's ABSENT file */
};

static void path_of(const struct env *e, const char *rel, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", e->root, rel);
}

/* How to take a path that could not be read: absent, or unknown. */
static enum vmfence_fact_state missing(const struct env *e, const char *rel,
				       int err)
{
	const char *p = e->absent;
	size_t n = strlen(rel);

	if (err != -ENOENT && err != -ENOTDIR)
		return VMFENCE_FACT_UNKNOWN;
	if (e->live)
		return VMFENCE_FACT_ABSENT;
	while ((p = strstr(p, rel))) {
		if ((p == e->absent || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return VMFENCE_FACT_ABSENT;
		p += n;
	}
	return VMFENCE_FACT_UNKNOWN;
}

static enum vmfence_fact_state state_of(const struct env *e, const char *rel)
{
	char path[4096];
	struct stat st;

	path_of(e, rel, path, sizeof(path));
	if (!lstat(path, &st))
		return VMFENCE_FACT_PRESENT;
	return missing(e, rel, -errno);
}

/* Read up to @len bytes of a file into @buf; return the count or -errno. */
static int read_bin(const struct env *e, const char *rel, void *buf, size_t len)
{
	char path[4096];
	FILE *f;
	size_t n;

	path_of(e, rel, path, sizeof(path));
	f = fopen(path, "rbe");
	if (!f)
		return -errno;
	n = fread(buf, 1, len, f);
	fclose(f);
	return (int)n;
}

/* Read a file into @buf, NUL-terminated, without its trailing newlines. */
static int read_text(const struct env *e, const char *rel, char *buf, size_t len)
{
	int n = read_bin(e, rel, buf, len - 1);

	if (n < 0)
		return n;
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return n;
}

static int read_hex(const struct env *e, const char *rel, unsigned long *val)
{
	char buf[32], *end;
	int n = read_text(e, rel, buf, sizeof(buf));

	if (n < 0)
		return n;
	*val = strtoul(buf, &end, 16);
	return end == buf ? -EINVAL : 0;
}

/*
 * The entries of a directory, sorted, "." and ".." left out: the facts of a
 * machine must not depend on readdir order. Return the count (free with
 * free_entries()) or a negative errno.
 */
static int entries(const struct env *e, const char *rel, struct dirent ***list)
{
	char path[4096];
	int n, i, k = 0;

	path_of(e, rel, path, sizeof(path));
	n = scandir(path, list, NULL, alphasort);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++) {
		if (!strcmp((*list)[i]->d_name, ".") ||
		    !strcmp((*list)[i]->d_name, ".."))
			free((*list)[i]);
		else
			(*list)[k++] = (*list)[i];
	}
	return k;
}

static void free_entries(struct dirent **list, int n)
{
	while (n > 0)
		free(list[--n]);
	free(list);
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || *(p - 1) == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* The first processor of /proc/cpuinfo: the kernel's view of the boot CPU. */
static void read_cpuinfo(const struct env *e, struct vmfence_facts *f)
{
	static const struct { const char *flag; u32 bit; } flags[] = {
		{ "hypervisor", VMFENCE_CPU_HYPERVISOR },
		{ "vmx", VMFENCE_CPU_VMX },
		{ "svm", VMFENCE_CPU_SVM },
		{ "tdx_guest", VMFENCE_CPU_TDX_GUEST },
	};
	char path[4096], line[4096], *val;
	unsigned int i;
	FILE *in;

	path_of(e, "proc/cpuinfo", path, sizeof(path));
	in = fopen(path, "re");
	if (!in) {
		f->cpu.state = missing(e, "proc/cpuinfo", -errno);
		f->microcode.state = f->cpu.state;
		return;
	}
	f->cpu.state = VMFENCE_FACT_PRESENT;
	f->microcode.state = VMFENCE_FACT_ABSENT;
	while (fgets(line, sizeof(line), in) && line[0] != '\n') {
		val = strchr(line, ':');
		if (!val)
			continue;
		*val = '\0';
		val += 1 + (val[1] == ' ');
		val[strcspn(val, "\n")] = '\0';
		line[strcspn(line, "\t")] = '\0';
		if (!strcmp(line, "cpu family"))
			f->cpu.family = strtoul(val, NULL, 10);
		else if (!strcmp(line, "model"))
			f->cpu.model = strtoul(val, NULL, 10);
		else if (!strcmp(line, "stepping"))
			f->cpu.stepping = strtoul(val, NULL, 10);
		else if (!strcmp(line, "model name"))
			vmfence_strlcpy(f->cpu.model_name, val, VMFENCE_STR_LEN);
		else if (!strcmp(line, "microcode")) {
			f->microcode.rev = strtoul(val, NULL, 16);
			f->microcode.state = VMFENCE_FACT_PRESENT;
		} else if (!strcmp(line, "flags")) {
			for (i = 0; i < ARRAY_SIZE(flags); i++)
				if (has_word(val, flags[i].flag))
					f->cpu.flags |= flags[i].bit;
		}
	}
	fclose(in);
}

static void read_dmi(const struct env *e, struct vmfence_facts *f)
{
	char rel[128], val[VMFENCE_STR_LEN];
	int i;

	f->dmi.state = state_of(e, "sys/class/dmi/id");
	if (f->dmi.state != VMFENCE_FACT_PRESENT)
		return;
	for (i = 0; i < VMFENCE_DMI_COUNT; i++) {
		snprintf(rel, sizeof(rel), "sys/class/dmi/id/%s",
			 vmfence_dmi_field_name(i));
		if (read_text(e, rel, val, sizeof(val)) < 0)
			val[0] = '\0';
		vmfence_facts_set_dmi(f, i, val);
	}
}

/* SMBIOS type 0: BIOS characteristics extension byte 2 (offset 0x13), bit 4. */
static void read_smbios(const struct env *e, struct vmfence_facts *f)
{
	static const char rel[] = "sys/firmware/dmi/entries/0-0/raw";
	unsigned char raw[0x20];
	int n = read_bin(e, rel, raw, sizeof(raw));

	if (n < 2) {
		f->smbios.state = n < 0 ? missing(e, rel, n) : VMFENCE_FACT_UNKNOWN;
		return;
	}
	f->smbios.state = VMFENCE_FACT_PRESENT;
	f->smbios.vm_bit = raw[1] >= 0x14 && n >= 0x14 && (raw[0x13] & 0x10);
}

static void read_acpi(const struct env *e, struct vmfence_facts *f)
{
	static const char dir[] = "sys/firmware/acpi/tables";
	u8 hdr[VMFENCE_ACPI_HEADER_LEN];
	struct dirent **list;
	char rel[512];
	int n, i;

	n = entries(e, dir, &list);
	if (n < 0) {
		f->acpi.state = missing(e, dir, n);
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", dir, list[i]->d_name);
		if (read_bin(e, rel, hdr, sizeof(hdr)) == sizeof(hdr))
			vmfence_facts_add_acpi(f, hdr, sizeof(hdr));
	}
	free_entries(list, n);
}

static void read_acpi_devices(const struct env *e, struct vmfence_facts *f)
{
	static const char dir[] = "sys/bus/acpi/devices";
	struct dirent **list;
	int n, i;

	n = entries(e, dir, &list);
	if (n < 0) {
		f->acpi_dev.state = missing(e, dir, n);
		return;
	}
	f->acpi_dev.state = VMFENCE_FACT_PRESENT;
	for (i = 0; i < n; i++)
		vmfence_facts_add_acpi_dev(f, list[i]->d_name);
	free_entries(list, n);
}

static void read_pci(const struct env *e, struct vmfence_facts *f)
{
	static const char dir[] = "sys/bus/pci/devices";
	static const char *const files[] = {
		"vendor", "device", "subsystem_vendor", "subsystem_device", "class",
	};
	unsigned long v[ARRAY_SIZE(files)];
	struct vmfence_pci_dev d;
	struct dirent **list;
	char rel[512];
	int n, i;
	size_t k;

	n = entries(e, dir, &list);
	if (n < 0) {
		f->pci.state = missing(e, dir, n);
		return;
	}
	f->pci.state = VMFENCE_FACT_PRESENT;
	for (i = 0; i < n; i++) {
		for (k = 0; k < ARRAY_SIZE(files); k++) {
			snprintf(rel, sizeof(rel), "%s/%s/%s", dir,
				 list[i]->d_name, files[k]);
			if (read_hex(e, rel, &v[k]))
				v[k] = 0;
		}
		if (!v[0])
			continue;
		d = (struct vmfence_pci_dev){ v[0], v[1], v[2], v[3], v[4] };
		vmfence_facts_add_pci(f, &d);
	}
	free_entries(list, n);
}

/* NICs backed by a device: bridges, taps, veths and bonds have no device. */
static void read_net(const struct env *e, struct vmfence_facts *f)
{
	static const char dir[] = "sys/class/net";
	struct dirent **list;
	char rel[512], addr[32];
	unsigned int m[6];
	u8 mac[6];
	int n, i, k;

	n = entries(e, dir, &list);
	if (n < 0) {
		f->net.state = missing(e, dir, n);
		return;
	}
	f->net.state = VMFENCE_FACT_PRESENT;
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s/%s/device", dir, list[i]->d_name);
		if (state_of(e, rel) != VMFENCE_FACT_PRESENT)
			continue;
		snprintf(rel, sizeof(rel), "%s/%s/address", dir, list[i]->d_name);
		if (read_text(e, rel, addr, sizeof(addr)) < 0 ||
		    sscanf(addr, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3],
			   &m[4], &m[5]) != 6)
			continue;
		for (k = 0; k < 6; k++)
			mac[k] = m[k];
		vmfence_facts_add_mac(f, mac);
	}
	free_entries(list, n);
}

static void read_tpm(const struct env *e, struct vmfence_facts *f)
{
	struct dirent **list;
	char buf[32];
	int n, err;

	if (!e->live) {
		err = read_text(e, "tpm.txt", buf, sizeof(buf));
		if (err < 0)
			return;
		if (!strcmp(buf, "none")) {
			f->tpm.state = VMFENCE_FACT_ABSENT;
		} else {
			f->tpm.manufacturer = strtoul(buf, NULL, 16);
			f->tpm.state = VMFENCE_FACT_PRESENT;
		}
		return;
	}
	n = entries(e, "sys/class/tpm", &list);
	if (n < 0) {
		f->tpm.state = missing(e, "sys/class/tpm", n);
		return;
	}
	free_entries(list, n);
	if (!n)
		f->tpm.state = VMFENCE_FACT_ABSENT;
	else if (!live_tpm_manufacturer(&f->tpm.manufacturer))
		f->tpm.state = VMFENCE_FACT_PRESENT;
}

static void read_xen(const struct env *e, struct vmfence_facts *f)
{
	static const char type[] = "sys/hypervisor/type";
	char caps[128];
	int n;

	n = read_text(e, type, f->sys_hypervisor.type,
		      sizeof(f->sys_hypervisor.type));
	f->sys_hypervisor.state = n < 0 ? missing(e, type, n) : VMFENCE_FACT_PRESENT;

	f->xen.state = state_of(e, "proc/xen");
	if (f->xen.state == VMFENCE_FACT_PRESENT &&
	    read_text(e, "proc/xen/capabilities", caps, sizeof(caps)) >= 0)
		f->xen.control_domain = strstr(caps, "control_d");
}

static void read_pv(const struct env *e, struct vmfence_facts *f)
{
	static const char clock[] =
		"sys/devices/system/clocksource/clocksource0/available_clocksource";
	unsigned long long v[8];
	char line[512];
	int n;

	n = read_text(e, clock, f->clock.available, sizeof(f->clock.available));
	f->clock.state = n < 0 ? missing(e, clock, n) : VMFENCE_FACT_PRESENT;

	n = read_text(e, "proc/stat", line, sizeof(line));
	if (n < 0) {
		f->steal.state = missing(e, "proc/stat", n);
		return;
	}
	if (sscanf(line, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8) {
		f->steal.ticks = v[7];
		f->steal.state = VMFENCE_FACT_PRESENT;
	}
}

static bool is_virtio_mmio(const char *name)
{
	return strstr(name, "virtio-mmio") || strstr(name, "virtio_mmio") ||
	       !strncmp(name, "LNRO0005", 8);
}

static void count(const struct env *e, const char *dir,
		  enum vmfence_fact_state *state, u32 *cnt, bool mmio)
{
	struct dirent **list;
	int n, i;

	n = entries(e, dir, &list);
	if (n < 0) {
		*state = missing(e, dir, n);
		return;
	}
	*state = VMFENCE_FACT_PRESENT;
	for (i = 0; i < n; i++)
		*cnt += !mmio || is_virtio_mmio(list[i]->d_name);
	free_entries(list, n);
}

static void read_buses(const struct env *e, struct vmfence_facts *f)
{
	count(e, "sys/bus/virtio/devices", &f->virtio.state, &f->virtio.n, false);
	count(e, "sys/bus/platform/devices", &f->virtio_mmio.state,
	      &f->virtio_mmio.n, true);
	count(e, "sys/bus/vmbus/devices", &f->vmbus.state, &f->vmbus.n, false);
	count(e, "sys/bus/xen/devices", &f->xenbus.state, &f->xenbus.n, false);
}

/* One MSR: 0 and @val, -EIO when its read faulted, else unknown. */
static int read_msr(const struct env *e, uint32_t msr, uint64_t *val)
{
	char buf[2048], *line;
	unsigned int m;
	int n;

	if (e->live)
		return live_msr(msr, val);
	n = read_text(e, "msr.txt", buf, sizeof(buf));
	if (n < 0)
		return n;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "0x%x", &m) != 1 || m != msr)
			continue;
		if (sscanf(line, "0x%*x 0x%" SCNx64, val) == 1)
			return 0;
		return -EIO;
	}
	return -ENOENT;
}

static void read_thermal(const struct env *e, struct vmfence_facts *f)
{
	static const char *const drivers[] = { "coretemp", "k10temp", "zenpower" };
	struct dirent **list;
	char rel[512], name[32];
	uint64_t val;
	int n, i, err;
	size_t k;

	if (vmfence_cpuid_vendor(f) == VMFENCE_VENDOR_INTEL) {
		err = read_msr(e, MSR_IA32_THERM_STATUS, &val);
		if (!err)
			f->thermal.state = VMFENCE_FACT_PRESENT;
		else if (err == -EIO)
			f->thermal.state = VMFENCE_FACT_ABSENT;
	}
	n = entries(e, "sys/class/hwmon", &list);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "sys/class/hwmon/%s/name",
			 list[i]->d_name);
		if (read_text(e, rel, name, sizeof(name)) < 0)
			continue;
		for (k = 0; k < ARRAY_SIZE(drivers); k++)
			if (!strcmp(name, drivers[k]))
				f->thermal.state = VMFENCE_FACT_PRESENT;
	}
	if (n >= 0)
		free_entries(list, n);
}

static void read_cc(const struct env *e, struct vmfence_facts *f)
{
	enum vmfence_fact_state snp;
	uint64_t sev;
	int err;

	snp = state_of(e, "sys/devices/platform/sev-guest");
	if (snp == VMFENCE_FACT_PRESENT)
		f->cc.flags |= VMFENCE_CCF_SEV_GUEST;
	err = vmfence_cpuid_vendor(f) == VMFENCE_VENDOR_AMD ?
	      read_msr(e, MSR_AMD64_SEV, &sev) : -ENOENT;
	if (!err) {
		f->cc.flags |= VMFENCE_CCF_SEV_STATUS;
		f->cc.sev_status = sev;
	}
	if (snp != VMFENCE_FACT_UNKNOWN || !err)
		f->cc.state = VMFENCE_FACT_PRESENT;
}

static void read_devtree(const struct env *e, struct vmfence_facts *f)
{
	char compat[64];

	f->devtree.state = state_of(e, "proc/device-tree");
	if (f->devtree.state != VMFENCE_FACT_PRESENT)
		return;
	f->devtree.hypervisor_node =
		state_of(e, "proc/device-tree/hypervisor") == VMFENCE_FACT_PRESENT;
	if (read_text(e, "proc/device-tree/hypervisor/compatible", compat,
		      sizeof(compat)) >= 0)
		vmfence_strlcpy(f->devtree.compatible, compat,
				sizeof(f->devtree.compatible));
}

static void read_cpu_measures(const struct env *e, struct vmfence_facts *f)
{
	char path[4096], buf[128];
	unsigned int c, b;
	FILE *in;

	if (e->live) {
		live_cpuid(f);
		live_timing(f);
		return;
	}
	path_of(e, "cpuid.txt", path, sizeof(path));
	in = fopen(path, "re");
	if (in) {
		cpuidfile_read(in, f);
		fclose(in);
	}
	if (read_text(e, "timing.txt", buf, sizeof(buf)) >= 0 &&
	    sscanf(buf, "cpuid %u baseline %u", &c, &b) == 2) {
		f->timing.cpuid_cycles = c;
		f->timing.base_cycles = b;
		f->timing.state = VMFENCE_FACT_PRESENT;
	}
}

int env_read(struct vmfence_facts *f, const char *root)
{
	static struct env e;
	struct stat st;
	int n;

	memset(&e, 0, sizeof(e));
	e.live = !root;
	e.root = root ? root : "";
	if (root && (stat(root, &st) || !S_ISDIR(st.st_mode)))
		return stat(root, &st) ? -errno : -ENOTDIR;
	if (root) {
		n = read_text(&e, ENV_ABSENT_FILE, e.absent, sizeof(e.absent));
		if (n < 0)
			e.absent[0] = '\0';
	}
	read_cpu_measures(&e, f);
	read_cpuinfo(&e, f);
	read_dmi(&e, f);
	read_smbios(&e, f);
	read_acpi(&e, f);
	read_acpi_devices(&e, f);
	read_pci(&e, f);
	read_net(&e, f);
	read_tpm(&e, f);
	read_xen(&e, f);
	read_pv(&e, f);
	read_buses(&e, f);
	read_thermal(&e, f);
	read_cc(&e, f);
	read_devtree(&e, f);
	return 0;
}
