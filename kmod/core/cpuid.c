// SPDX-License-Identifier: GPL-2.0
/* cpuid.c - reading and decoding the CPUID leaves detection uses */

#include "cpuid.h"

static void exec_leaf(const struct vmfence_cpuid_source *src, u32 leaf,
		      struct vmfence_cpuid_leaf *l)
{
	memset(l, 0, sizeof(*l));
	l->leaf = leaf;
	src->read(l, src->ctx);
}

static int read_range(struct vmfence_facts *f,
		      const struct vmfence_cpuid_source *src, u32 first, u32 last)
{
	struct vmfence_cpuid_leaf l;
	u32 leaf;
	int err;

	for (leaf = first; leaf <= last; leaf++) {
		if (!vmfence_cpuid_wanted(leaf, 0))
			continue;
		exec_leaf(src, leaf, &l);
		err = vmfence_facts_add_cpuid(f, &l);
		if (err)
			return err;
	}
	return 0;
}

/* Every hypervisor range: nested and multi-interface hypervisors use several. */
static int read_hv_ranges(struct vmfence_facts *f,
			  const struct vmfence_cpuid_source *src)
{
	struct vmfence_cpuid_leaf l;
	u32 base, top;
	int err;

	for (base = VMFENCE_HV_LEAF_FIRST; base <= VMFENCE_HV_LEAF_LAST;
	     base += VMFENCE_HV_LEAF_STEP) {
		exec_leaf(src, base, &l);
		if (!vmfence_cpuid_hv_base_valid(&l))
			continue;
		err = vmfence_facts_add_cpuid(f, &l);
		if (err)
			return err;
		top = l.eax > base ? l.eax : base + 1;
		err = read_range(f, src, base + 1, top);
		if (err)
			return err;
	}
	return 0;
}

/**
 * vmfence_cpuid_collect() - read every leaf detection uses into @f
 * @f: the facts; its CPUID group is filled and marked present
 * @src: executes one CPUID
 *
 * Reads the basic and extended ranges up to their maximum leaf, and all 256
 * hypervisor ranges from 0x40000000 to 0x4000ff00, whatever CPUID.1:ECX[31]
 * says: QEMU's TCG, for one, keeps its signature when the bit is hidden.
 * Runs a few hundred CPUIDs; in the kernel, call it from process context.
 *
 * Return: 0, or -ENOSPC when the facts' CPUID table overflowed.
 */
int vmfence_cpuid_collect(struct vmfence_facts *f,
			  const struct vmfence_cpuid_source *src)
{
	struct vmfence_cpuid_leaf l;
	u32 max;
	int err;

	exec_leaf(src, 0, &l);
	max = l.eax < 0x21 ? l.eax : 0x21;
	err = read_range(f, src, 0, max);
	if (err)
		return err;
	err = read_hv_ranges(f, src);
	if (err)
		return err;
	exec_leaf(src, 0x80000000, &l);
	if ((l.eax & 0xffff0000) != 0x80000000)
		return 0;
	max = l.eax < 0x8000001f ? l.eax : 0x8000001f;
	return read_range(f, src, 0x80000000, max);
}

/**
 * vmfence_cpuid_hv_base_valid() - whether a hypervisor range base leaf is real
 * @l: the result of CPUID at 0x40000000 + n * 0x100
 *
 * A hypervisor reports the top leaf of its range in EAX (some old KVMs report
 * 0) and a signature in EBX, ECX, EDX. Bare Intel CPUs answer leaves beyond
 * their maximum with the data of the highest basic leaf; AMD answers zeros.
 *
 * Return: true when @l looks like a hypervisor's range.
 */
bool vmfence_cpuid_hv_base_valid(const struct vmfence_cpuid_leaf *l)
{
	if (!(l->ebx | l->ecx | l->edx))
		return false;
	return !l->eax || (l->eax & ~0xffu) == l->leaf;
}

/**
 * vmfence_cpuid_is_hv_base() - whether a recorded leaf is a real hypervisor
 *	range's base
 * @l: any leaf of the facts
 *
 * Return: true when @l is at 0x40000000 + n * 0x100 and
 * vmfence_cpuid_hv_base_valid() says it is real.
 */
bool vmfence_cpuid_is_hv_base(const struct vmfence_cpuid_leaf *l)
{
	return l->leaf >= VMFENCE_HV_LEAF_FIRST && l->leaf <= VMFENCE_HV_LEAF_LAST &&
	       !(l->leaf % VMFENCE_HV_LEAF_STEP) && vmfence_cpuid_hv_base_valid(l);
}

static void put_le32(char *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/**
 * vmfence_cpuid_sig() - the 12-byte signature of a hypervisor leaf
 * @l: a hypervisor range base leaf
 * @sig: receives EBX, ECX, EDX as bytes (VMFENCE_SIG_LEN, not terminated)
 */
void vmfence_cpuid_sig(const struct vmfence_cpuid_leaf *l, char *sig)
{
	put_le32(sig, l->ebx);
	put_le32(sig + 4, l->ecx);
	put_le32(sig + 8, l->edx);
}

/**
 * vmfence_cpuid_sig_str() - a signature made printable
 * @sig: VMFENCE_SIG_LEN bytes
 * @buf: receives the text, NULs as "\0" and other bytes outside printable
 *	ASCII as "?"
 * @size: size of @buf; 4 * VMFENCE_SIG_LEN + 1 always suffices
 */
void vmfence_cpuid_sig_str(const char *sig, char *buf, size_t size)
{
	size_t i, o = 0;
	u8 c;

	for (i = 0; i < VMFENCE_SIG_LEN && o + 3 < size; i++) {
		c = sig[i];
		if (!c) {
			buf[o++] = '\\';
			buf[o++] = '0';
		} else {
			buf[o++] = (c >= 0x20 && c < 0x7f && c != '"') ? c : '?';
		}
	}
	if (size)
		buf[o < size ? o : size - 1] = '\0';
}

/**
 * vmfence_cpuid_vendor() - the CPU vendor from CPUID leaf 0
 * @f: the facts
 *
 * Return: the vendor; VMFENCE_VENDOR_UNKNOWN when leaf 0 was not read.
 */
enum vmfence_cpu_vendor vmfence_cpuid_vendor(const struct vmfence_facts *f)
{
	const struct vmfence_cpuid_leaf *l = vmfence_facts_cpuid(f, 0, 0);
	char v[VMFENCE_SIG_LEN];

	if (!l)
		return VMFENCE_VENDOR_UNKNOWN;
	put_le32(v, l->ebx);
	put_le32(v + 4, l->edx);
	put_le32(v + 8, l->ecx);
	if (!memcmp(v, "GenuineIntel", VMFENCE_SIG_LEN))
		return VMFENCE_VENDOR_INTEL;
	if (!memcmp(v, "AuthenticAMD", VMFENCE_SIG_LEN) ||
	    !memcmp(v, "HygonGenuine", VMFENCE_SIG_LEN))
		return VMFENCE_VENDOR_AMD;
	return VMFENCE_VENDOR_OTHER;
}

/**
 * vmfence_cpuid_fms() - decode family, model and stepping from leaf 1
 * @f: the facts
 * @fms: receives the values, decoded as the kernel's x86_family() does
 *
 * Return: false when leaf 1 was not read.
 */
bool vmfence_cpuid_fms(const struct vmfence_facts *f, struct vmfence_fms *fms)
{
	const struct vmfence_cpuid_leaf *l = vmfence_facts_cpuid(f, 1, 0);

	if (!l)
		return false;
	fms->family = (l->eax >> 8) & 0xf;
	if (fms->family == 0xf)
		fms->family += (l->eax >> 20) & 0xff;
	fms->model = (l->eax >> 4) & 0xf;
	if (fms->family >= 0x6)
		fms->model += ((l->eax >> 16) & 0xf) << 4;
	fms->stepping = l->eax & 0xf;
	return true;
}

/**
 * vmfence_cpuid_brand() - the brand string of leaves 0x80000002..4
 * @f: the facts
 * @buf: receives the string, leading and trailing blanks removed
 * @size: size of @buf; 49 bytes hold any brand string
 *
 * Return: false when the leaves were not read.
 */
bool vmfence_cpuid_brand(const struct vmfence_facts *f, char *buf, size_t size)
{
	const struct vmfence_cpuid_leaf *l;
	char raw[49];
	size_t i, start = 0, end;

	for (i = 0; i < 3; i++) {
		l = vmfence_facts_cpuid(f, 0x80000002 + i, 0);
		if (!l)
			return false;
		put_le32(raw + 16 * i, l->eax);
		put_le32(raw + 16 * i + 4, l->ebx);
		put_le32(raw + 16 * i + 8, l->ecx);
		put_le32(raw + 16 * i + 12, l->edx);
	}
	raw[48] = '\0';
	end = strlen(raw);
	while (raw[start] == ' ')
		start++;
	while (end > start && raw[end - 1] == ' ')
		end--;
	raw[end] = '\0';
	vmfence_strlcpy(buf, raw + start, size);
	return true;
}

/**
 * vmfence_cpuid_has() - whether @leaf exists on this CPU
 * @f: the facts
 * @leaf: a basic (0x0...) or extended (0x80000000...) leaf
 *
 * Return: true when the range's maximum leaf, as recorded, covers @leaf.
 */
bool vmfence_cpuid_has(const struct vmfence_facts *f, u32 leaf)
{
	const struct vmfence_cpuid_leaf *max;

	max = vmfence_facts_cpuid(f, leaf & 0x80000000, 0);
	return max && max->eax >= leaf &&
	       (max->eax & 0x80000000) == (leaf & 0x80000000);
}
