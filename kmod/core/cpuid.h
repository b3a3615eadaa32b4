/* SPDX-License-Identifier: GPL-2.0 */
/* cpuid.h - reading and decoding the CPUID leaves detection uses */
#ifndef VMFENCE_CORE_CPUID_H
#define VMFENCE_CORE_CPUID_H

#include "facts.h"

#define VMFENCE_HV_LEAF_FIRST	0x40000000u
#define VMFENCE_HV_LEAF_LAST	0x4000ff00u
#define VMFENCE_HV_LEAF_STEP	0x100u
#define VMFENCE_SIG_LEN		12

enum vmfence_cpu_vendor {
	VMFENCE_VENDOR_UNKNOWN,
	VMFENCE_VENDOR_INTEL,
	VMFENCE_VENDOR_AMD,	/* and Hygon, which shares AMD's leaves */
	VMFENCE_VENDOR_OTHER,
};

/* x86 family, model and stepping as the kernel decodes them. */
struct vmfence_fms {
	u32 family;
	u32 model;
	u32 stepping;
};

/**
 * struct vmfence_cpuid_source - where CPUID results come from
 * @read: execute CPUID for l->leaf and l->subleaf on the current CPU and
 *	fill l->eax..l->edx; the kernel wraps cpuid_count(), userspace
 *	__cpuid_count(), tests a table
 * @ctx: passed to @read
 */
struct vmfence_cpuid_source {
	void (*read)(struct vmfence_cpuid_leaf *l, void *ctx);
	void *ctx;
};

int vmfence_cpuid_collect(struct vmfence_facts *f,
			  const struct vmfence_cpuid_source *src);
bool vmfence_cpuid_hv_base_valid(const struct vmfence_cpuid_leaf *l);
bool vmfence_cpuid_is_hv_base(const struct vmfence_cpuid_leaf *l);
void vmfence_cpuid_sig(const struct vmfence_cpuid_leaf *l, char *sig);
void vmfence_cpuid_sig_str(const char *sig, char *buf, size_t size);
enum vmfence_cpu_vendor vmfence_cpuid_vendor(const struct vmfence_facts *f);
bool vmfence_cpuid_fms(const struct vmfence_facts *f, struct vmfence_fms *fms);
bool vmfence_cpuid_brand(const struct vmfence_facts *f, char *buf, size_t size);
bool vmfence_cpuid_has(const struct vmfence_facts *f, u32 leaf);

#endif /* VMFENCE_CORE_CPUID_H */
