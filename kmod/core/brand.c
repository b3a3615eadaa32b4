// SPDX-License-Identifier: GPL-2.0
/*
 * brand.c - whether a CPU's brand string can belong to the CPU CPUID describes
 *
 * Tables of real CPUs: the words each vendor's brand strings carry, and
 * the families a product line was made in. A brand that names another
 * vendor than CPUID's, or a line in a family it never had, contradicts
 * CPUID: a hypervisor that spoofed one and not the other. A brand no table
 * knows is not evidence: OEM and engineering-sample strings, "Quad-Core
 * Processor (up to 1.4GHz)" on AMD family 16h, "Pentium(R) Dual-Core"
 * without "Intel", empty brands. Matching ignores case ("INTEL(R) XEON(R)"
 * on recent Xeons).
 */

#include "brand.h"

/* Words that name a vendor in a brand string, lower case. */
static const struct {
	const char *word;
	u8 vendor;
} vendor_words[] = {
	{ "intel", VMFENCE_BV_INTEL },
	{ "pentium", VMFENCE_BV_INTEL },
	{ "celeron", VMFENCE_BV_INTEL },
	{ "xeon", VMFENCE_BV_INTEL },
	{ "core(tm)", VMFENCE_BV_INTEL },
	{ "itanium", VMFENCE_BV_INTEL },
	{ "amd", VMFENCE_BV_AMD },
	{ "athlon", VMFENCE_BV_AMD },
	{ "opteron", VMFENCE_BV_AMD },
	{ "phenom", VMFENCE_BV_AMD },
	{ "sempron", VMFENCE_BV_AMD },
	{ "turion", VMFENCE_BV_AMD },
	{ "duron", VMFENCE_BV_AMD },
	{ "ryzen", VMFENCE_BV_AMD },
	{ "epyc", VMFENCE_BV_AMD },
	{ "threadripper", VMFENCE_BV_AMD },
	{ "hygon", VMFENCE_BV_HYGON },
	{ "zhaoxin", VMFENCE_BV_CENTAUR },
	{ "centaur", VMFENCE_BV_CENTAUR },
	{ "via nano", VMFENCE_BV_CENTAUR },
	{ "via esther", VMFENCE_BV_CENTAUR },
	{ "via eden", VMFENCE_BV_CENTAUR },
	{ "via c7", VMFENCE_BV_CENTAUR },
	{ "via quadcore", VMFENCE_BV_CENTAUR },
};

/*
 * Vendors whose brands may carry another's words: Hygon licensed AMD's
 * design ("Hygon C86 ... EPYC"-like lines), Zhaoxin and VIA share Centaur.
 */
static bool same_vendor(u8 cpu, u8 word)
{
	return cpu == word ||
	       (cpu == VMFENCE_BV_HYGON && word == VMFENCE_BV_AMD);
}

/*
 * Product lines made only in some families (inclusive). Only lines whose
 * families are closed history or bounded below are listed: an open-ended
 * line has no upper bound, so a new family cannot contradict it.
 */
static const struct {
	const char *word;
	u8 vendor;
	u16 fam_min;
	u16 fam_max;
} line_families[] = {
	{ "core(tm)2", VMFENCE_BV_INTEL, 0x6, 0x6 },
	{ "core(tm) i3-", VMFENCE_BV_INTEL, 0x6, 0x6 },
	{ "core(tm) i5-", VMFENCE_BV_INTEL, 0x6, 0x6 },
	{ "core(tm) i7-", VMFENCE_BV_INTEL, 0x6, 0x6 },
	{ "core(tm) i9-", VMFENCE_BV_INTEL, 0x6, 0x6 },
	{ "pentium(r) 4", VMFENCE_BV_INTEL, 0xf, 0xf },
	{ "pentium(r) d ", VMFENCE_BV_INTEL, 0xf, 0xf },
	{ "ryzen", VMFENCE_BV_AMD, 0x17, 0xff },
	{ "epyc", VMFENCE_BV_AMD, 0x17, 0xff },
	{ "threadripper", VMFENCE_BV_AMD, 0x17, 0xff },
	{ "phenom", VMFENCE_BV_AMD, 0x10, 0x10 },
	{ "athlon(tm) 64", VMFENCE_BV_AMD, 0xf, 0x10 },
	{ "opteron", VMFENCE_BV_AMD, 0xf, 0x15 },
};

/* Leaf 0's vendor strings. */
static const struct {
	char id[13];
	u8 vendor;
} vendor_ids[] = {
	{ "GenuineIntel", VMFENCE_BV_INTEL },
	{ "AuthenticAMD", VMFENCE_BV_AMD },
	{ "HygonGenuine", VMFENCE_BV_HYGON },
	{ "CentaurHauls", VMFENCE_BV_CENTAUR },
	{ "  Shanghai  ", VMFENCE_BV_CENTAUR },
};

/**
 * vmfence_brand_vendor() - the vendor a CPUID leaf 0 vendor string names
 * @vendor12: the 12 bytes of EBX, EDX, ECX
 *
 * Return: the vendor; VMFENCE_BV_OTHER for any other string.
 */
enum vmfence_brand_vendor vmfence_brand_vendor(const char *vendor12)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vendor_ids); i++)
		if (!memcmp(vendor12, vendor_ids[i].id, 12))
			return vendor_ids[i].vendor;
	return VMFENCE_BV_OTHER;
}

/* @brand in lower case, blanks squeezed, into @buf. */
static void fold(const char *brand, char *buf, size_t size)
{
	size_t n = 0;
	char c, prev = ' ';

	for (; *brand && n + 1 < size; brand++) {
		c = *brand;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c == '\t')
			c = ' ';
		if (c == ' ' && prev == ' ')
			continue;
		buf[n++] = c;
		prev = c;
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

/**
 * vmfence_brand_check() - whether a brand can belong to CPUID's CPU
 * @v: CPUID's vendor (vmfence_brand_vendor())
 * @family: CPUID's family, as the kernel decodes it
 * @brand: the brand string
 * @why: set to a static string naming the table entry behind a
 *	contradiction or a consistent match, or NULL
 *
 * Return: whether it is empty, unknown, consistent, or contradicts CPUID.
 */
enum vmfence_brand_verdict vmfence_brand_check(enum vmfence_brand_vendor v,
					       u32 family, const char *brand,
					       const char **why)
{
	bool own = false;
	const char *other = NULL;
	char b[64];
	size_t i;

	*why = NULL;
	fold(brand, b, sizeof(b));
	if (!b[0])
		return VMFENCE_BRAND_EMPTY;
	for (i = 0; i < ARRAY_SIZE(vendor_words); i++) {
		if (!strstr(b, vendor_words[i].word))
			continue;
		if (same_vendor(v, vendor_words[i].vendor))
			own = true;
		else if (!other)
			other = vendor_words[i].word;
	}
	if (!own && other && v != VMFENCE_BV_UNKNOWN && v != VMFENCE_BV_OTHER) {
		*why = other;
		return VMFENCE_BRAND_OTHER_VENDOR;
	}
	if (!own)
		return VMFENCE_BRAND_UNKNOWN;
	for (i = 0; i < ARRAY_SIZE(line_families); i++) {
		if (line_families[i].vendor != v ||
		    !strstr(b, line_families[i].word))
			continue;
		*why = line_families[i].word;
		if (family < line_families[i].fam_min ||
		    family > line_families[i].fam_max)
			return VMFENCE_BRAND_BAD_FAMILY;
	}
	return VMFENCE_BRAND_CONSISTENT;
}
