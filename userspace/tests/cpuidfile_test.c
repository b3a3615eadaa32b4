// SPDX-License-Identifier: GPL-2.0
/* cpuidfile_test.c - the cpuid.txt (`cpuid -r -1`) parser and writer */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpuid.h"
#include "cpuidfile.h"
#include "tap.h"

static void parse_lines(void)
{
	struct vmfence_cpuid_leaf l;

	tap_ok(cpuidfile_parse_line("   0x40000000 0x00: eax=0x40000001 ebx=0x54474354 "
				    "ecx=0x43544743 edx=0x47435447\n", &l) &&
	       l.leaf == 0x40000000 && l.subleaf == 0 && l.eax == 0x40000001 &&
	       l.ebx == 0x54474354 && l.ecx == 0x43544743 && l.edx == 0x47435447,
	       "parses a leaf line of cpuid -r -1");
	tap_ok(cpuidfile_parse_line("   0x8000001d 0x03: eax=0x00004163 ebx=0x03c0003f "
				    "ecx=0x00007fff edx=0x00000001", &l) &&
	       l.subleaf == 3, "parses a subleaf, without a newline");
	tap_ok(!cpuidfile_parse_line("CPU:\n", &l) && !cpuidfile_parse_line("CPU 3:\n", &l) &&
	       !cpuidfile_parse_line("\n", &l), "skips CPU headers and blank lines");
	tap_ok(!cpuidfile_parse_line("   0x00000001 0x00: eax=0x00a00f11 ebx=0x01020800\n", &l),
	       "rejects a truncated line");
	tap_ok(!cpuidfile_parse_line("   0x00000001 0x00: eax=0x1 ebx=0x2 ecx=0x3 edx=0x4zz\n", &l),
	       "rejects trailing garbage");
	tap_ok(!cpuidfile_parse_line("leaf 1: eax=1", &l), "rejects another format");
}

static FILE *text(const char *s)
{
	return fmemopen((void *)s, strlen(s), "r");
}

static void read_file(void)
{
	static const char two_cpus[] =
		"CPU 0:\n"
		"   0x00000000 0x00: eax=0x00000010 ebx=0x68747541 ecx=0x444d4163 edx=0x69746e65\n"
		"   0x00000002 0x00: eax=0x00000000 ebx=0x00000000 ecx=0x00000000 edx=0x00000000\n"
		"   0x40000000 0x00: eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x0000004d\n"
		"CPU 1:\n"
		"   0x00000000 0x00: eax=0x00000011 ebx=0x68747541 ecx=0x444d4163 edx=0x69746e65\n";
	struct vmfence_facts *f = calloc(1, sizeof(*f));
	const struct vmfence_cpuid_leaf *l;
	char buf[4096];
	FILE *in, *out;

	in = text(two_cpus);
	tap_ok(!cpuidfile_read(in, f) && f->cpuid.state == VMFENCE_FACT_PRESENT,
	       "reads a dump");
	fclose(in);
	l = vmfence_facts_cpuid(f, 0, 0);
	tap_ok(l && l->eax == 0x10, "keeps the first CPU's leaves");
	tap_ok(!vmfence_facts_cpuid(f, 2, 0) && f->cpuid.n == 2,
	       "keeps only the leaves detection uses");
	tap_ok(vmfence_cpuid_vendor(f) == VMFENCE_VENDOR_AMD, "decodes the vendor");

	out = fmemopen(buf, sizeof(buf), "w");
	tap_ok(!cpuidfile_write(out, f), "writes a dump");
	fclose(out);
	memset(f, 0, sizeof(*f));
	in = text(buf);
	cpuidfile_read(in, f);
	fclose(in);
	l = vmfence_facts_cpuid(f, 0x40000000, 0);
	tap_ok(f->cpuid.n == 2 && l && l->ebx == 0x4b4d564b,
	       "what it writes reads back the same");

	memset(f, 0, sizeof(*f));
	in = text("no cpuid here\n");
	tap_ok(cpuidfile_read(in, f) == -EINVAL, "a file without leaves is an error");
	fclose(in);
	free(f);
}

int main(void)
{
	parse_lines();
	read_file();
	return tap_done();
}
