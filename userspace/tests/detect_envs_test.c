// SPDX-License-Identifier: GPL-2.0
/*
 * detect_envs_test.c - the KUnit environment table, generated from the
 * snapshot fixtures, and the test that it is up to date
 *
 * The KUnit suite (kmod/tests/detect_test.c) cannot read files, so the
 * fixtures reach it as C: this program reads each fixture through the same
 * snapshot reader as `vmfencectl detect --root` and prints
 * kmod/tests/detect_envs.h. Run with no argument it prints TAP and fails
 * when the committed header differs from what the fixtures give; run with
 * --generate it prints the header, to be committed (envtable_test.c then
 * checks the committed table against the fixtures, fact by fact):
 *
 *   userspace/tests/detect_envs_test --generate > kmod/tests/detect_envs.h
 */

#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/facts.h"
#include "envread.h"
#include "tap.h"

#define FIXTURES "../../tools/testing/fixtures/env"
#define HEADER "../../kmod/tests/detect_envs.h"

/* @s as a C string literal. */
static const char *lit(const char *s)
{
	static char buf[4][256];
	static int k;
	char *o = buf[k++ % 4];
	size_t n = 0;

	o[n++] = '"';
	for (; *s && n < 250; s++) {
		if (*s == '"' || *s == '\\')
			o[n++] = '\\';
		o[n++] = *s;
	}
	o[n++] = '"';
	o[n] = '\0';
	return o;
}

static void state(FILE *o, const char *group, enum vmfence_fact_state st,
		  const char *rest)
{
	static const char *const names[] = {
		"VMFENCE_FACT_UNKNOWN", "VMFENCE_FACT_ABSENT", "VMFENCE_FACT_PRESENT",
	};

	if (st != VMFENCE_FACT_UNKNOWN)
		fprintf(o, "\t.%s = { .state = %s,%s },\n", group, names[st], rest);
}

static void count(FILE *o, const char *group, enum vmfence_fact_state st, u32 n)
{
	char rest[32];

	snprintf(rest, sizeof(rest), " .n = %u", n);
	state(o, group, st, rest);
}

/* Print @f as a designated initialiser; fields left out are zero. */
static void emit_facts(FILE *o, const char *id, const struct vmfence_facts *f)
{
	char buf[512];
	u32 i;

	fprintf(o, "static const struct vmfence_facts detect_env_%s = {\n", id);
	if (f->cpuid.state) {
		fprintf(o, "\t.cpuid = { .state = VMFENCE_FACT_PRESENT, .n = %u, .leaves = {\n",
			f->cpuid.n);
		for (i = 0; i < f->cpuid.n; i++)
			fprintf(o, "\t\t{ 0x%x, 0x%x, 0x%08x, 0x%08x, 0x%08x, 0x%08x },\n",
				f->cpuid.leaves[i].leaf, f->cpuid.leaves[i].subleaf,
				f->cpuid.leaves[i].eax, f->cpuid.leaves[i].ebx,
				f->cpuid.leaves[i].ecx, f->cpuid.leaves[i].edx);
		fputs("\t} },\n", o);
	}
	if (f->cpu.state) {
		fprintf(o, "\t.cpu = { .state = VMFENCE_FACT_PRESENT, .family = %u, .model = %u,"
			"\n\t\t.stepping = %u, .flags = 0x%x,\n\t\t.model_name = %s },\n",
			f->cpu.family, f->cpu.model, f->cpu.stepping, f->cpu.flags,
			lit(f->cpu.model_name));
	}
	snprintf(buf, sizeof(buf), " .rev = 0x%x", f->microcode.rev);
	state(o, "microcode", f->microcode.state, buf);
	state(o, "thermal", f->thermal.state, "");
	if (f->dmi.state == VMFENCE_FACT_PRESENT) {
		fputs("\t.dmi = { .state = VMFENCE_FACT_PRESENT, .str = {\n", o);
		for (i = 0; i < VMFENCE_DMI_COUNT; i++)
			fprintf(o, "\t\t%s,\n", lit(f->dmi.str[i]));
		fputs("\t} },\n", o);
	} else {
		state(o, "dmi", f->dmi.state, "");
	}
	state(o, "smbios", f->smbios.state, f->smbios.vm_bit ? " .vm_bit = true" : "");
	if (f->acpi.state == VMFENCE_FACT_PRESENT) {
		fprintf(o, "\t.acpi = { .state = VMFENCE_FACT_PRESENT, .n = %u, .tables = {\n",
			f->acpi.n);
		for (i = 0; i < f->acpi.n; i++)
			fprintf(o, "\t\t{ %s, %s, %s, %s },\n",
				lit(f->acpi.tables[i].signature),
				lit(f->acpi.tables[i].oem_id),
				lit(f->acpi.tables[i].oem_table_id),
				lit(f->acpi.tables[i].creator_id));
		fputs("\t} },\n", o);
	} else {
		state(o, "acpi", f->acpi.state, "");
	}
	if (f->acpi_dev.n) {
		fprintf(o, "\t.acpi_dev = { .state = VMFENCE_FACT_PRESENT, .n = %u, .hid = {\n",
			f->acpi_dev.n);
		for (i = 0; i < f->acpi_dev.n; i++)
			fprintf(o, "\t\t%s,\n", lit(f->acpi_dev.hid[i]));
		fputs("\t} },\n", o);
	} else {
		count(o, "acpi_dev", f->acpi_dev.state, 0);
	}
	if (f->pci.n) {
		fprintf(o, "\t.pci = { .state = VMFENCE_FACT_PRESENT, .n = %u, .devs = {\n",
			f->pci.n);
		for (i = 0; i < f->pci.n; i++)
			fprintf(o, "\t\t{ 0x%04x, 0x%04x, 0x%04x, 0x%04x, 0x%06x },\n",
				f->pci.devs[i].vendor, f->pci.devs[i].device,
				f->pci.devs[i].subvendor, f->pci.devs[i].subdevice,
				f->pci.devs[i].class);
		fputs("\t} },\n", o);
	} else {
		count(o, "pci", f->pci.state, 0);
	}
	if (f->net.n) {
		fprintf(o, "\t.net = { .state = VMFENCE_FACT_PRESENT, .n = %u, .mac = {\n",
			f->net.n);
		for (i = 0; i < f->net.n; i++)
			fprintf(o, "\t\t{ 0x%02x, 0x%02x, 0x%02x, 0x%02x, 0x%02x, 0x%02x },\n",
				f->net.mac[i][0], f->net.mac[i][1], f->net.mac[i][2],
				f->net.mac[i][3], f->net.mac[i][4], f->net.mac[i][5]);
		fputs("\t} },\n", o);
	} else {
		count(o, "net", f->net.state, 0);
	}
	snprintf(buf, sizeof(buf), " .manufacturer = 0x%08x", f->tpm.manufacturer);
	state(o, "tpm", f->tpm.state, buf);
	buf[0] = '\0';
	if (f->sys_hypervisor.type[0])
		snprintf(buf, sizeof(buf), " .type = %s", lit(f->sys_hypervisor.type));
	state(o, "sys_hypervisor", f->sys_hypervisor.state, buf);
	state(o, "xen", f->xen.state, f->xen.control_domain ? " .control_domain = true" : "");
	snprintf(buf, sizeof(buf), "\n\t\t.available = %s", lit(f->clock.available));
	state(o, "clock", f->clock.state, buf);
	snprintf(buf, sizeof(buf), " .ticks = %llu", (unsigned long long)f->steal.ticks);
	state(o, "steal", f->steal.state, buf);
	count(o, "virtio", f->virtio.state, f->virtio.n);
	count(o, "virtio_mmio", f->virtio_mmio.state, f->virtio_mmio.n);
	count(o, "vmbus", f->vmbus.state, f->vmbus.n);
	count(o, "xenbus", f->xenbus.state, f->xenbus.n);
	snprintf(buf, sizeof(buf), " .cpuid_cycles = %u, .base_cycles = %u",
		 f->timing.cpuid_cycles, f->timing.base_cycles);
	state(o, "timing", f->timing.state, buf);
	snprintf(buf, sizeof(buf), " .flags = 0x%x, .sev_status = 0x%llx", f->cc.flags,
		 (unsigned long long)f->cc.sev_status);
	state(o, "cc", f->cc.state, buf);
	buf[0] = '\0';
	if (f->devtree.hypervisor_node)
		snprintf(buf, sizeof(buf), " .hypervisor_node = true, .compatible = %s",
			 lit(f->devtree.compatible));
	state(o, "devtree", f->devtree.state, buf);
	fputs("};\n\n", o);
}

struct expect {
	char role[8];
	int virtualized;
	char hv[16];
	char cc[16];
	unsigned int min, max;
};

/* Parse a fixture's expect file: key=value lines, '#' comments. */
static int read_expect(const char *dir, struct expect *e)
{
	char path[1024], line[256];
	int seen = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/expect", dir);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		seen += sscanf(line, "virtualized=%d", &e->virtualized);
		seen += sscanf(line, "hypervisor=%15s", e->hv);
		seen += sscanf(line, "confidential=%15s", e->cc);
		seen += sscanf(line, "confidence=%u-%u", &e->min, &e->max) == 2;
		sscanf(line, "role=%7s", e->role);
	}
	fclose(f);
	/* The role follows the verdict unless the file names a host partition. */
	if (!e->role[0])
		strcpy(e->role, e->virtualized ? "guest" : "none");
	return seen == 4 ? 0 : -1;
}

/* A fixture's name as a C identifier: '-' becomes '_'. */
static const char *c_id(const char *name, char *id)
{
	int k;

	for (k = 0; name[k] && k < 255; k++)
		id[k] = name[k] == '-' ? '_' : name[k];
	id[k] = '\0';
	return id;
}

static int only_dirs(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Print the whole header; return the number of fixtures, or -1. */
static int generate(FILE *o)
{
	struct vmfence_facts *f = malloc(sizeof(*f));
	static struct expect e[64];
	struct dirent **list;
	char dir[512], id[256];
	int n, i;

	n = scandir(FIXTURES, &list, only_dirs, alphasort);
	if (!f || n <= 0 || n > 64)
		return -1;
	fputs("/* SPDX-License-Identifier: GPL-2.0 */\n"
	      "/*\n"
	      " * detect_envs.h - the recorded environments of tools/testing/fixtures/env/\n"
	      " *\n"
	      " * Generated by userspace/tests/detect_envs_test --generate from the snapshot\n"
	      " * fixtures, read by the same reader as `vmfencectl detect --root`; the\n"
	      " * userspace tests fail when it is stale. Do not edit.\n"
	      " */\n"
	      "#ifndef VMFENCE_TESTS_DETECT_ENVS_H\n"
	      "#define VMFENCE_TESTS_DETECT_ENVS_H\n\n"
	      "#include \"../core/facts.h\"\n\n", o);
	fprintf(o, "/* Regenerate when struct vmfence_facts changes. */\n"
		"static_assert(sizeof(struct vmfence_facts) == %zu,\n"
		"\t      \"detect_envs.h is stale: regenerate it\");\n\n",
		sizeof(struct vmfence_facts));
	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%s/%s", FIXTURES, list[i]->d_name);
		memset(f, 0, sizeof(*f));
		if (env_read(f, dir) || read_expect(dir, &e[i]))
			return -1;
		emit_facts(o, c_id(list[i]->d_name, id), f);
	}
	fputs("struct detect_env {\n\tconst char *name;\n"
	      "\tconst struct vmfence_facts *facts;\n\tbool virtualized;\n"
	      "\tconst char *hv;\n\tconst char *cc;\n\tconst char *role;\n"
	      "\tunsigned int min_confidence;\n\tunsigned int max_confidence;\n};\n\n"
	      "static const struct detect_env detect_envs[] = {\n", o);
	for (i = 0; i < n; i++) {
		c_id(list[i]->d_name, id);
		fprintf(o, "\t{ \"%s\", &detect_env_%s, %s, \"%s\", \"%s\", \"%s\", %u, %u },\n",
			list[i]->d_name, id, e[i].virtualized ? "true" : "false",
			e[i].hv, e[i].cc, e[i].role, e[i].min, e[i].max);
		free(list[i]);
	}
	fputs("};\n\n#endif /* VMFENCE_TESTS_DETECT_ENVS_H */\n", o);
	free(list);
	free(f);
	return n;
}

int main(int argc, char **argv)
{
	char *want = NULL, *have = NULL;
	size_t want_len = 0, have_len = 0;
	FILE *o, *in;
	int n, c;

	/* Paths are relative to the test's own directory, wherever it is run. */
	if (strchr(argv[0], '/') &&
	    chdir(dirname(strdup(argv[0]))))
		return 1;
	if (argc > 1 && !strcmp(argv[1], "--generate"))
		return generate(stdout) < 0;
	o = open_memstream(&want, &want_len);
	n = o ? generate(o) : -1;
	if (o)
		fclose(o);
	in = fopen(HEADER, "re");
	o = in ? open_memstream(&have, &have_len) : NULL;
	while (o && (c = fgetc(in)) != EOF)
		fputc(c, o);
	if (o)
		fclose(o);
	if (in)
		fclose(in);
	tap_ok(n > 0, "every fixture reads and has an expect file (%d)", n);
	if (!tap_ok(n > 0 && have && want_len == have_len &&
		    !memcmp(want, have, want_len),
		    "kmod/tests/detect_envs.h matches the fixtures"))
		printf("# regenerate: userspace/tests/detect_envs_test --generate >"
		       " kmod/tests/detect_envs.h\n");
	free(want);
	free(have);
	return tap_done();
}
