/* SPDX-License-Identifier: GPL-2.0 */
/* brand.h - whether a CPU's brand string can belong to the CPU CPUID describes */
#ifndef VMFENCE_CORE_BRAND_H
#define VMFENCE_CORE_BRAND_H

#include "port.h"

/**
 * enum vmfence_brand_verdict - what a brand string says against CPUID
 * @VMFENCE_BRAND_EMPTY: no brand at all (Knights Landing, Quark, CPUs
 *	before the brand leaves): not evidence
 * @VMFENCE_BRAND_UNKNOWN: no table names it (OEM, engineering sample,
 *	"Quad-Core Processor (up to 1.4GHz)"): not evidence
 * @VMFENCE_BRAND_CONSISTENT: it names CPUID's vendor, with a family that
 *	brand can have
 * @VMFENCE_BRAND_OTHER_VENDOR: it names another vendor than CPUID's, and
 *	not CPUID's: a contradiction
 * @VMFENCE_BRAND_BAD_FAMILY: it names a line the CPUID family cannot be
 *	(a Ryzen in family 0xf, a Core 2 in family 0xf): a contradiction
 */
enum vmfence_brand_verdict {
	VMFENCE_BRAND_EMPTY,
	VMFENCE_BRAND_UNKNOWN,
	VMFENCE_BRAND_CONSISTENT,
	VMFENCE_BRAND_OTHER_VENDOR,
	VMFENCE_BRAND_BAD_FAMILY,
};

/* CPU vendors as CPUID leaf 0 names them, for the brand tables. */
enum vmfence_brand_vendor {
	VMFENCE_BV_UNKNOWN,
	VMFENCE_BV_INTEL,	/* GenuineIntel */
	VMFENCE_BV_AMD,		/* AuthenticAMD */
	VMFENCE_BV_HYGON,	/* HygonGenuine */
	VMFENCE_BV_CENTAUR,	/* CentaurHauls, "  Shanghai  ": VIA, Zhaoxin */
	VMFENCE_BV_OTHER,	/* Cyrix, Transmeta, NSC, Vortex, ... */
	VMFENCE_BV_COUNT
};

enum vmfence_brand_vendor vmfence_brand_vendor(const char *vendor12);
enum vmfence_brand_verdict vmfence_brand_check(enum vmfence_brand_vendor v,
					       u32 family, const char *brand,
					       const char **why);

#endif /* VMFENCE_CORE_BRAND_H */
