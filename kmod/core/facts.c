// SPDX-License-Identifier: GPL-2.0
/* facts.c - bounded writers and lookups for struct vmfence_facts */

#include "facts.h"

/**
 * vmfence_strlcpy() - copy a string, always NUL-terminating
 * @dst: destination buffer
 * @src: NUL-terminated source
 * @size: size of @dst; 0 copies nothing
 *
 * Portable stand-in for strscpy(): the core builds in userspace as well.
 */
void vmfence_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (!size)
		return;
	n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * Copy a fixed-width firmware field of @n bytes into @dst (n + 1 bytes):
 * stop at NUL, replace bytes that are not printable ASCII with '?', drop
 * trailing blanks, and zero the rest, so equal fields compare equal.
 */
static void copy_field(char *dst, const u8 *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	while (i && dst[i - 1] == ' ')
		i--;
	memset(dst + i, 0, n + 1 - i);
}

/**
 * vmfence_cpuid_wanted() - whether detection reads this CPUID leaf
 * @leaf: the leaf (EAX)
 * @subleaf: the subleaf (ECX)
 *
 * Readers keep only these, which bounds struct vmfence_facts: the vendor,
 * feature, cache, power-management, PMU and TDX leaves, the brand string,
 * SEV, and leaves 0 to 0xc of every hypervisor range 0x40000000 to
 * 0x4000ff00.
 *
 * Return: true when the leaf belongs in struct vmfence_facts.
 */
bool vmfence_cpuid_wanted(u32 leaf, u32 subleaf)
{
	if (subleaf)
		return false;
	if (leaf >= 0x40000000 && leaf <= 0x4000ffff)
		return (leaf & 0xff) <= 0x0c;
	switch (leaf) {
	case 0x0:
	case 0x1:
	case 0x4:
	case 0x6:
	case 0xa:
	case 0x21:
	case 0x80000000 ... 0x80000004:
	case 0x80000007:
	case 0x80000008:
	case 0x8000001d:
	case 0x8000001f:
		return true;
	}
	return false;
}

/**
 * vmfence_facts_cpuid() - find a recorded CPUID result
 * @f: the facts
 * @leaf: the leaf
 * @subleaf: the subleaf
 *
 * Return: the result, or NULL when it was not recorded.
 */
const struct vmfence_cpuid_leaf *
vmfence_facts_cpuid(const struct vmfence_facts *f, u32 leaf, u32 subleaf)
{
	u32 i;

	for (i = 0; i < f->cpuid.n; i++)
		if (f->cpuid.leaves[i].leaf == leaf &&
		    f->cpuid.leaves[i].subleaf == subleaf)
			return &f->cpuid.leaves[i];
	return NULL;
}

/**
 * vmfence_facts_add_cpuid() - record one CPUID result
 * @f: the facts
 * @l: the result
 *
 * Leaves that vmfence_cpuid_wanted() rejects, and repeats of a leaf already
 * recorded (another CPU's dump), are skipped. Marks the CPUID group present.
 *
 * Return: 0 when recorded or skipped, -ENOSPC when the table is full.
 */
int vmfence_facts_add_cpuid(struct vmfence_facts *f,
			    const struct vmfence_cpuid_leaf *l)
{
	f->cpuid.state = VMFENCE_FACT_PRESENT;
	if (!vmfence_cpuid_wanted(l->leaf, l->subleaf) ||
	    vmfence_facts_cpuid(f, l->leaf, l->subleaf))
		return 0;
	if (f->cpuid.n >= VMFENCE_CPUID_MAX)
		return -ENOSPC;
	f->cpuid.leaves[f->cpuid.n++] = *l;
	return 0;
}

/**
 * vmfence_facts_set_dmi() - record one DMI string
 * @f: the facts
 * @field: which string
 * @s: its value; non-printable bytes and trailing blanks are dropped
 *
 * Marks the DMI group present.
 */
void vmfence_facts_set_dmi(struct vmfence_facts *f, enum vmfence_dmi_field field,
			   const char *s)
{
	if ((unsigned int)field >= VMFENCE_DMI_COUNT)
		return;
	f->dmi.state = VMFENCE_FACT_PRESENT;
	copy_field(f->dmi.str[field], (const u8 *)s,
		   strnlen(s, VMFENCE_STR_LEN - 1));
}

/**
 * vmfence_facts_add_acpi() - record an ACPI table from its header
 * @f: the facts
 * @hdr: the first bytes of the table
 * @len: how many bytes @hdr holds
 *
 * Marks the ACPI group present.
 *
 * Return: 0, -EINVAL when @len is shorter than a table header, or -ENOSPC
 * when the table list is full.
 */
int vmfence_facts_add_acpi(struct vmfence_facts *f, const u8 *hdr, size_t len)
{
	struct vmfence_acpi_table *t;

	if (len < VMFENCE_ACPI_HEADER_LEN)
		return -EINVAL;
	f->acpi.state = VMFENCE_FACT_PRESENT;
	if (f->acpi.n >= VMFENCE_ACPI_MAX)
		return -ENOSPC;
	t = &f->acpi.tables[f->acpi.n++];
	copy_field(t->signature, hdr, 4);
	copy_field(t->oem_id, hdr + 10, 6);
	copy_field(t->oem_table_id, hdr + 16, 8);
	copy_field(t->creator_id, hdr + 28, 4);
	return 0;
}

/**
 * vmfence_facts_add_acpi_dev() - record the hardware id of an ACPI device
 * @f: the facts
 * @hid: the _HID, e.g. "QEMU0002"; anything from ':' on is ignored, so a
 *	device name such as "QEMU0002:00" will do
 *
 * Marks the ACPI device group present. Standard ids (PNP*, LNX*, ACPI*) and
 * repeats are skipped.
 *
 * Return: 0, or -ENOSPC when the id list is full.
 */
int vmfence_facts_add_acpi_dev(struct vmfence_facts *f, const char *hid)
{
	char id[VMFENCE_HID_LEN];
	u32 i;

	f->acpi_dev.state = VMFENCE_FACT_PRESENT;
	vmfence_strlcpy(id, hid, sizeof(id));
	id[strcspn(id, ":")] = '\0';
	if (!id[0] || !strncmp(id, "PNP", 3) || !strncmp(id, "LNX", 3) ||
	    !strncmp(id, "ACPI", 4) || !strcmp(id, "device"))
		return 0;
	for (i = 0; i < f->acpi_dev.n; i++)
		if (!strcmp(f->acpi_dev.hid[i], id))
			return 0;
	if (f->acpi_dev.n >= VMFENCE_ACPI_DEV_MAX)
		return -ENOSPC;
	vmfence_strlcpy(f->acpi_dev.hid[f->acpi_dev.n++], id, VMFENCE_HID_LEN);
	return 0;
}

/**
 * vmfence_facts_add_pci() - record a PCI function
 * @f: the facts
 * @dev: its identifiers
 *
 * Marks the PCI group present.
 *
 * Return: 0, or -ENOSPC when the device list is full.
 */
int vmfence_facts_add_pci(struct vmfence_facts *f,
			  const struct vmfence_pci_dev *dev)
{
	f->pci.state = VMFENCE_FACT_PRESENT;
	if (f->pci.n >= VMFENCE_PCI_MAX)
		return -ENOSPC;
	f->pci.devs[f->pci.n++] = *dev;
	return 0;
}

/**
 * vmfence_facts_add_mac() - record the MAC address of a device-backed NIC
 * @f: the facts
 * @mac: six bytes
 *
 * Marks the network group present.
 *
 * Return: 0, or -ENOSPC when the address list is full.
 */
int vmfence_facts_add_mac(struct vmfence_facts *f, const u8 *mac)
{
	f->net.state = VMFENCE_FACT_PRESENT;
	if (f->net.n >= VMFENCE_MAC_MAX)
		return -ENOSPC;
	memcpy(f->net.mac[f->net.n++], mac, 6);
	return 0;
}
