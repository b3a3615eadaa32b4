/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weigh_cases.h - brand-realism vectors and the weighing rule, shared by
 * KUnit (kmod/tests/weigh_test.c) and userspace (userspace/tests/weigh_test.c)
 *
 * The brands are real CPUs' (from the real-hardware corpus,
 * tools/testing/corpus/) and what hypervisors spoof.
 */
#ifndef VMFENCE_TESTS_WEIGH_CASES_H
#define VMFENCE_TESTS_WEIGH_CASES_H

#include "../core/brand.h"
#include "../core/detect.h"
#include "../core/signals.h"

/**
 * struct brand_case - a brand against CPUID's vendor and family
 * @vendor: CPUID leaf 0's vendor string
 * @family: CPUID's family
 * @brand: the brand string
 * @want: what vmfence_brand_check() must say
 */
struct brand_case {
	const char *vendor;
	unsigned int family;
	const char *brand;
	enum vmfence_brand_verdict want;
};

static const struct brand_case brand_cases[] = {
	/* Real CPUs the old check flagged: unknown or consistent, never evidence. */
	{ "AuthenticAMD", 0x16, "Quad-Core Processor (up to 1.4GHz)", VMFENCE_BRAND_UNKNOWN },
	{ "AuthenticAMD", 0x16, "AMD GX-420CA SOC with Radeon(tm) HD Graphics",
	  VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0x6, "Pentium(R) Dual-Core  CPU      E5200  @ 2.50GHz",
	  VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0x6, "Celeron(R) Dual-Core CPU       T3000  @ 1.80GHz",
	  VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0x6, "INTEL(R) XEON(R) PLATINUM 8581C", VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0x6, "", VMFENCE_BRAND_EMPTY },
	{ "GenuineIntel", 0x6, "      ", VMFENCE_BRAND_EMPTY },
	{ "GenuineIntel", 0x5, "", VMFENCE_BRAND_EMPTY },	/* Quark */
	{ "GenuineIntel", 0x6, "Genuine Intel(R) CPU 0000 @ 2.20GHz", VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0x6, "06/17", VMFENCE_BRAND_UNKNOWN },
	{ "GenuineIntel", 0x6, "To Be Filled By O.E.M.", VMFENCE_BRAND_UNKNOWN },
	{ "GenuineIntel", 0xf, "Intel(R) Pentium(R) 4 CPU 3.00GHz", VMFENCE_BRAND_CONSISTENT },
	{ "GenuineIntel", 0xf, "Intel(R) Pentium(R) D CPU 3.40GHz", VMFENCE_BRAND_CONSISTENT },
	{ "AuthenticAMD", 0x19, "AMD Ryzen 9 7950X 16-Core Processor", VMFENCE_BRAND_CONSISTENT },
	{ "AuthenticAMD", 0x17, "AMD EPYC 7742 64-Core Processor", VMFENCE_BRAND_CONSISTENT },
	{ "AuthenticAMD", 0xf, "AMD Athlon(tm) 64 X2 Dual Core Processor 4200+",
	  VMFENCE_BRAND_CONSISTENT },
	{ "HygonGenuine", 0x18, "Hygon C86 7185 32-core Processor", VMFENCE_BRAND_CONSISTENT },
	{ "CentaurHauls", 0x6, "VIA Nano X2 U4025 @ 1.2+ GHz", VMFENCE_BRAND_CONSISTENT },
	{ "  Shanghai  ", 0x7, "ZHAOXIN KaiXian KX-U6780A@2.7GHz", VMFENCE_BRAND_CONSISTENT },
	/* Spoofed: contradictions. */
	{ "AuthenticAMD", 0x6, "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz",
	  VMFENCE_BRAND_OTHER_VENDOR },
	{ "GenuineIntel", 0x6, "AMD EPYC 7742 64-Core Processor", VMFENCE_BRAND_OTHER_VENDOR },
	{ "GenuineIntel", 0xf, "Intel(R) Core(TM)2 Duo CPU     E8400  @ 3.00GHz",
	  VMFENCE_BRAND_BAD_FAMILY },
	{ "AuthenticAMD", 0xf, "AMD Ryzen 7 5800X 8-Core Processor", VMFENCE_BRAND_BAD_FAMILY },
	{ "GenuineIntel", 0x6, "Intel(R) Core(TM) i7-8665U CPU @ 1.90GHz",
	  VMFENCE_BRAND_CONSISTENT },
	/* QEMU's own models name no real vendor's line: unknown here, cpu_model's job. */
	{ "AuthenticAMD", 0x6, "QEMU Virtual CPU version 2.5+", VMFENCE_BRAND_UNKNOWN },
};

/*
 * The confidence of a verdict where every signal of the groups in @groups
 * (bits, by what vmfence_signal_group() returns) hits and no other; @v is
 * filled and weighed.
 */
static inline unsigned int hit_groups(struct vmfence_verdict *v, unsigned int groups)
{
	unsigned int i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		v->signals[i].name = vmfence_signal_name(i);
		v->signals[i].weight = vmfence_signal_weight(i);
		if (groups & (1u << vmfence_signal_group(i)))
			v->signals[i].state = VMFENCE_SIG_HIT;
	}
	vmfence_weigh(v);
	return v->confidence;
}

#endif /* VMFENCE_TESTS_WEIGH_CASES_H */
