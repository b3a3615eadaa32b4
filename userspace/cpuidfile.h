/* SPDX-License-Identifier: GPL-2.0 */
/* cpuidfile.h - CPUID dumps in the format of `cpuid -r -1` (cpuid.txt) */
#ifndef VMFENCECTL_CPUIDFILE_H
#define VMFENCECTL_CPUIDFILE_H

#include <stdio.h>

#include "core/facts.h"

/*
 * Parse one line such as
 *   "   0x40000000 0x00: eax=0x40000001 ebx=0x54474354 ecx=... edx=..."
 * Return 1 and fill @l for a leaf line, 0 for any other line (headers such
 * as "CPU:" or "CPU 3:", blank lines).
 */
int cpuidfile_parse_line(const char *line, struct vmfence_cpuid_leaf *l);

/*
 * Read a dump into @f's CPUID group, keeping the leaves detection uses; a
 * dump of several CPUs contributes its first CPU's. Return 0, or -EINVAL
 * when the file holds no leaf line, or -ENOSPC.
 */
int cpuidfile_read(FILE *in, struct vmfence_facts *f);

/* Write @f's CPUID group in the same format. Return 0 or -EIO. */
int cpuidfile_write(FILE *out, const struct vmfence_facts *f);

#endif /* VMFENCECTL_CPUIDFILE_H */
