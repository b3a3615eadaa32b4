// SPDX-License-Identifier: GPL-2.0
/* cpuidfile.c - CPUID dumps in the format of `cpuid -r -1` (cpuid.txt) */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cpuidfile.h"

int cpuidfile_parse_line(const char *line, struct vmfence_cpuid_leaf *l)
{
	unsigned int leaf, sub, a, b, c, d;
	int end = 0;

	if (sscanf(line, " 0x%x 0x%x: eax=0x%x ebx=0x%x ecx=0x%x edx=0x%x%n",
		   &leaf, &sub, &a, &b, &c, &d, &end) != 6 || !end)
		return 0;
	if (line[end] && line[end] != '\n' && line[end] != ' ')
		return 0;
	*l = (struct vmfence_cpuid_leaf){ leaf, sub, a, b, c, d };
	return 1;
}

int cpuidfile_read(FILE *in, struct vmfence_facts *f)
{
	struct vmfence_cpuid_leaf l;
	char line[256];
	int cpus = 0, leaves = 0, err;

	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "CPU", 3) && ++cpus > 1)
			break;
		if (!cpuidfile_parse_line(line, &l))
			continue;
		leaves++;
		err = vmfence_facts_add_cpuid(f, &l);
		if (err)
			return err;
	}
	return leaves ? 0 : -EINVAL;
}

int cpuidfile_write(FILE *out, const struct vmfence_facts *f)
{
	const struct vmfence_cpuid_leaf *l;
	unsigned int i;

	fprintf(out, "CPU:\n");
	for (i = 0; i < f->cpuid.n; i++) {
		l = &f->cpuid.leaves[i];
		fprintf(out, "   0x%08x 0x%02x: eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n",
			l->leaf, l->subleaf, l->eax, l->ebx, l->ecx, l->edx);
	}
	return ferror(out) ? -EIO : 0;
}
