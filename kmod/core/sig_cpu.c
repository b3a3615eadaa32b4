// SPDX-License-Identifier: GPL-2.0
/* sig_cpu.c - signals from what the CPU says: CPUID, brand, boot view, timing */

#include "brand.h"
#include "sigeval.h"

/*
 * A CPUID that exits to a hypervisor costs a VM exit and entry: over a
 * thousand cycles on current hardware, where bare metal answers in one to
 * three hundred.
 */
#define VMFENCE_TIMING_EXIT_CYCLES 600

static void eval_hv_bit(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_cpuid_leaf *l = vmfence_facts_cpuid(f, 1, 0);

	if (!l)
		return;
	if (l->ecx & (1u << 31)) {
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
		snprintf(s->detail, sizeof(s->detail), "cpuid 0x1 ecx bit 31 set");
	} else {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "cpuid 0x1 ecx bit 31 clear");
	}
}

/* An unknown signature counts when it reads like one: printable, NUL-padded. */
static bool sig_printable(const char *sig)
{
	int i, letters = 0;
	bool pad = false;

	for (i = 0; i < VMFENCE_SIG_LEN; i++) {
		if (!sig[i]) {
			pad = true;
			continue;
		}
		if (pad || sig[i] < 0x20 || sig[i] > 0x7e)
			return false;
		if ((sig[i] | 0x20) >= 'a' && (sig[i] | 0x20) <= 'z')
			letters++;
	}
	return letters >= 4;
}

static const struct vmfence_id_attr unknown_sig = {
	.hv = VMFENCE_HV_OTHER, .weight = 70, .rank = VMFENCE_RANK_HINT,
};

static void eval_vendor_leaf(const struct vmfence_facts *f,
			     struct vmfence_signal *s)
{
	const struct vmfence_id_attr *a, *best = NULL;
	const struct vmfence_cpuid_leaf *l;
	char sig[VMFENCE_SIG_LEN], text[4 * VMFENCE_SIG_LEN + 1];
	size_t len;
	u32 i;

	if (!vmfence_known(f->cpuid.state))
		return;
	for (i = 0; i < f->cpuid.n; i++) {
		l = &f->cpuid.leaves[i];
		if (!vmfence_cpuid_is_hv_base(l))
			continue;
		vmfence_cpuid_sig(l, sig);
		a = vmfence_id_cpuid_sig(sig);
		if (!a && sig_printable(sig))
			a = &unknown_sig;
		if (!a)
			continue;
		vmfence_cpuid_sig_str(sig, text, sizeof(text));
		len = strlen(s->detail);
		snprintf(s->detail + len, sizeof(s->detail) - len, "%s0x%08x \"%s\"",
			 len ? ", " : "cpuid ", l->leaf, text);
		if (!best || a->rank > best->rank)
			best = a;
	}
	if (best) {
		vmfence_sig_hit_attr(s, best);
		return;
	}
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail),
		 "no signature in cpuid 0x40000000-0x4000ff00");
}

/* The brand string now, else the one the kernel saw at boot. */
static bool brand(const struct vmfence_facts *f, char *buf, size_t size)
{
	if (vmfence_cpuid_brand(f, buf, size))
		return true;
	if (f->cpu.state != VMFENCE_FACT_PRESENT)
		return false;
	vmfence_strlcpy(buf, f->cpu.model_name, size);
	return true;
}

static void eval_cpu_model(const struct vmfence_facts *f,
			   struct vmfence_signal *s)
{
	const struct vmfence_str_id *id;
	char b[49];

	if (!brand(f, b, sizeof(b)))
		return;
	snprintf(s->detail, sizeof(s->detail), "model \"%s\"", b);
	id = vmfence_id_cpu_model(b);
	if (id)
		vmfence_sig_hit_attr(s, &id->attr);
	else
		vmfence_sig_miss(s);
}

/*
 * A brand string that contradicts CPUID: it names another vendor than leaf
 * 0, or a product line leaf 1's family never had (brand.c). An empty or
 * unknown brand is not evidence. The brand is CPUID's, else the one the
 * kernel saw at boot.
 */
static void eval_cpu_brand(const struct vmfence_facts *f,
			   struct vmfence_signal *s)
{
	const struct vmfence_cpuid_leaf *l0 = vmfence_facts_cpuid(f, 0, 0);
	enum vmfence_brand_vendor bv;
	struct vmfence_fms fms;
	const char *why;
	char b[49], vendor[VMFENCE_SIG_LEN + 1];
	unsigned int i;

	if (!l0 || !brand(f, b, sizeof(b)))
		return;
	if (!vmfence_cpuid_fms(f, &fms)) {
		if (f->cpu.state != VMFENCE_FACT_PRESENT)
			return;
		fms.family = f->cpu.family;
	}
	for (i = 0; i < 4; i++) {	/* little-endian, as CPUID fills them */
		vendor[i] = (char)(l0->ebx >> (8 * i));
		vendor[4 + i] = (char)(l0->edx >> (8 * i));
		vendor[8 + i] = (char)(l0->ecx >> (8 * i));
	}
	vendor[VMFENCE_SIG_LEN] = '\0';
	bv = vmfence_brand_vendor(vendor);
	vmfence_sig_miss(s);
	switch (vmfence_brand_check(bv, fms.family, b, &why)) {
	case VMFENCE_BRAND_EMPTY:
		snprintf(s->detail, sizeof(s->detail),
			 "empty brand string (not evidence)");
		return;
	case VMFENCE_BRAND_UNKNOWN:
		snprintf(s->detail, sizeof(s->detail),
			 "brand \"%s\" in no table (not evidence)", b);
		return;
	case VMFENCE_BRAND_CONSISTENT:
		snprintf(s->detail, sizeof(s->detail), "brand \"%s\"", b);
		return;
	case VMFENCE_BRAND_OTHER_VENDOR:
		snprintf(s->detail, sizeof(s->detail),
			 "%s CPU with brand \"%s\" (names %s)", vendor, b, why);
		break;
	case VMFENCE_BRAND_BAD_FAMILY:
		snprintf(s->detail, sizeof(s->detail),
			 "family 0x%x CPU with brand \"%s\" (%s)", fms.family,
			 b, why);
		break;
	}
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

/* What the kernel saw at boot against what CPUID says now. */
static void eval_boot_mismatch(const struct vmfence_facts *f,
			       struct vmfence_signal *s)
{
	const struct vmfence_cpuid_leaf *l = vmfence_facts_cpuid(f, 1, 0);
	struct vmfence_fms now;
	bool boot_hv, now_hv;

	if (f->cpu.state != VMFENCE_FACT_PRESENT || !l ||
	    !vmfence_cpuid_fms(f, &now))
		return;
	boot_hv = f->cpu.flags & VMFENCE_CPU_HYPERVISOR;
	now_hv = l->ecx & (1u << 31);
	if (boot_hv != now_hv) {
		snprintf(s->detail, sizeof(s->detail),
			 "hypervisor bit %s at boot, %s now",
			 boot_hv ? "set" : "clear", now_hv ? "set" : "clear");
	} else if (now.family != f->cpu.family || now.model != f->cpu.model ||
		   now.stepping != f->cpu.stepping) {
		snprintf(s->detail, sizeof(s->detail),
			 "family/model/stepping %x/%x/%x at boot, %x/%x/%x now",
			 f->cpu.family, f->cpu.model, f->cpu.stepping,
			 now.family, now.model, now.stepping);
	} else {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail),
			 "boot and current CPUID agree");
		return;
	}
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

static void eval_timing(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	if (f->timing.state != VMFENCE_FACT_PRESENT)
		return;
	snprintf(s->detail, sizeof(s->detail),
		 "cpuid %u cycles, baseline %u (median)",
		 f->timing.cpuid_cycles, f->timing.base_cycles);
	if (f->timing.cpuid_cycles >
	    f->timing.base_cycles + VMFENCE_TIMING_EXIT_CYCLES)
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(s);
}

/*
 * Hyper-V's root partition: the "Microsoft Hv" interface whose partition
 * privileges (leaf 3 of its range, EBX bit 0) include CreatePartitions,
 * which Hyper-V grants the root alone (Linux: hv_root_partition).
 */
static void eval_hv_root(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_cpuid_leaf *l, *priv;
	char sig[VMFENCE_SIG_LEN];
	u32 i;

	if (!vmfence_known(f->cpuid.state))
		return;
	for (i = 0; i < f->cpuid.n; i++) {
		l = &f->cpuid.leaves[i];
		if (!vmfence_cpuid_is_hv_base(l))
			continue;
		vmfence_cpuid_sig(l, sig);
		if (memcmp(sig, "Microsoft Hv", VMFENCE_SIG_LEN))
			continue;
		priv = vmfence_facts_cpuid(f, l->leaf + 3, 0);
		if (!priv || l->eax < l->leaf + 3)
			continue;
		snprintf(s->detail, sizeof(s->detail),
			 "cpuid 0x%08x ebx 0x%08x: CreatePartitions %s", priv->leaf,
			 priv->ebx, priv->ebx & 1 ? "granted (root partition)" :
			 "not granted (guest)");
		if (priv->ebx & 1) {
			vmfence_sig_hit(s, VMFENCE_HV_MICROSOFT, VMFENCE_RANK_NONE);
			return;
		}
	}
	vmfence_sig_miss(s);
	if (!s->detail[0])
		snprintf(s->detail, sizeof(s->detail), "no Hyper-V interface");
}

/**
 * vmfence_eval_cpu() - evaluate the signals of what the CPU says
 * @f: the facts
 * @sigs: all signals; fills the CPUID, brand, boot, timing and Hyper-V
 *	root partition ones
 */
void vmfence_eval_cpu(const struct vmfence_facts *f, struct vmfence_signal *sigs)
{
	eval_hv_bit(f, &sigs[VMFENCE_SIG_CPUID_HV_BIT]);
	eval_vendor_leaf(f, &sigs[VMFENCE_SIG_CPUID_VENDOR]);
	eval_cpu_model(f, &sigs[VMFENCE_SIG_CPU_MODEL]);
	eval_cpu_brand(f, &sigs[VMFENCE_SIG_CPU_BRAND]);
	eval_boot_mismatch(f, &sigs[VMFENCE_SIG_BOOT_MISMATCH]);
	eval_timing(f, &sigs[VMFENCE_SIG_TIMING]);
	eval_hv_root(f, &sigs[VMFENCE_SIG_HV_ROOT]);
}
