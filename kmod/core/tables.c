// SPDX-License-Identifier: GPL-2.0
/*
 * tables.c - identifiers that betray a hypervisor, and how much each says
 *
 * Weights are percent confidence of virtualization that one match alone
 * gives (Documentation/detection.rst explains each). Weight 0 marks strings
 * of clouds that also rent bare metal: they name the platform, prove nothing.
 */

#include "tables.h"

#define ID_ATTR(h, w, r) { .hv = VMFENCE_HV_##h, .weight = w, .rank = VMFENCE_RANK_##r }
#define ID_STR(s, how, h, w, r) { s, VMFENCE_MATCH_##how, ID_ATTR(h, w, r) }

/* Hypervisor vendor signatures at 0x40000000 + n * 0x100: EBX, ECX, EDX. */
static const struct {
	char sig[VMFENCE_SIG_LEN + 1];
	struct vmfence_id_attr attr;
} cpuid_sigs[] = {
	{ "KVMKVMKVM\0\0\0", ID_ATTR(KVM, 98, IFACE_KVM) },
	{ "Linux KVM Hv", ID_ATTR(KVM, 98, SIGNATURE) },
	{ "TCGTCGTCGTCG", ID_ATTR(QEMU, 98, SIGNATURE) },
	{ "Microsoft Hv", ID_ATTR(MICROSOFT, 98, IFACE_HV) },
	{ "VMwareVMware", ID_ATTR(VMWARE, 98, SIGNATURE) },
	{ "XenVMMXenVMM", ID_ATTR(XEN, 98, SIGNATURE) },
	{ "VBoxVBoxVBox", ID_ATTR(ORACLE, 98, SIGNATURE) },
	{ "prl hyperv  ", ID_ATTR(PARALLELS, 98, SIGNATURE) },
	{ " lrpepyh  vr", ID_ATTR(PARALLELS, 98, SIGNATURE) },
	{ "bhyve bhyve ", ID_ATTR(BHYVE, 98, SIGNATURE) },
	{ "QNXQVMBSQG\0\0", ID_ATTR(QNX, 98, SIGNATURE) },
	{ "ACRNACRNACRN", ID_ATTR(ACRN, 98, SIGNATURE) },
	{ "VirtualApple", ID_ATTR(APPLE, 98, SIGNATURE) },
	{ "EVMMEVMMEVMM", ID_ATTR(OTHER, 98, SIGNATURE) },
	{ "Jailhouse\0\0\0", ID_ATTR(OTHER, 98, SIGNATURE) },
	{ "UnisysSpar64", ID_ATTR(OTHER, 98, SIGNATURE) },
	{ "SRESRESRESRE", ID_ATTR(OTHER, 98, SIGNATURE) },
};

static const struct vmfence_dmi_id dmi_ids[] = {
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL, ID_STR("QEMU", EXACT, QEMU, 80, EMULATOR) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL, ID_STR("Bochs", EXACT, QEMU, 80, EMULATOR) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("Standard PC (", PREFIX, QEMU, 80, EMULATOR) },
	{ VMFENCE_DMI_BIOS_VENDOR, 0, NULL, ID_STR("SeaBIOS", EXACT, QEMU, 50, EMULATOR) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL, ID_STR("KVM", EXACT, KVM, 80, IFACE_KVM) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("OpenStack Nova", EXACT, NONE, 80, NONE) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL,
	  ID_STR("VMware, Inc.", EXACT, VMWARE, 80, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL, ID_STR("VMware", PREFIX, VMWARE, 80, PRODUCT) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL,
	  ID_STR("innotek GmbH", EXACT, ORACLE, 80, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("VirtualBox", EXACT, ORACLE, 80, PRODUCT) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL, ID_STR("Xen", EXACT, XEN, 80, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL, ID_STR("HVM domU", EXACT, XEN, 80, PRODUCT) },
	/* Only with this product name: Surface laptops share the vendor. */
	{ VMFENCE_DMI_PRODUCT_NAME, VMFENCE_DMI_SYS_VENDOR, "Microsoft Corporation",
	  ID_STR("Virtual Machine", EXACT, MICROSOFT, 80, PRODUCT) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL,
	  ID_STR("Parallels", PREFIX, PARALLELS, 80, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("Parallels", PREFIX, PARALLELS, 80, PRODUCT) },
	{ VMFENCE_DMI_BIOS_VENDOR, 0, NULL, ID_STR("BHYVE", EXACT, BHYVE, 80, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("Apple Virtualization", PREFIX, APPLE, 80, PRODUCT) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL,
	  ID_STR("Cloud Hypervisor", EXACT, NONE, 80, NONE) },
	/* Clouds that also rent bare metal (EC2 .metal, GCE metal). */
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL, ID_STR("Amazon EC2", EXACT, AMAZON, 0, PRODUCT) },
	{ VMFENCE_DMI_SYS_VENDOR, 0, NULL, ID_STR("Google", EXACT, GOOGLE, 0, PRODUCT) },
	{ VMFENCE_DMI_PRODUCT_NAME, 0, NULL,
	  ID_STR("Google Compute Engine", EXACT, GOOGLE, 0, PRODUCT) },
};

static const char *const dmi_field_names[VMFENCE_DMI_COUNT] = {
	[VMFENCE_DMI_SYS_VENDOR] = "sys_vendor",
	[VMFENCE_DMI_PRODUCT_NAME] = "product_name",
	[VMFENCE_DMI_PRODUCT_VERSION] = "product_version",
	[VMFENCE_DMI_BOARD_VENDOR] = "board_vendor",
	[VMFENCE_DMI_BOARD_NAME] = "board_name",
	[VMFENCE_DMI_BIOS_VENDOR] = "bios_vendor",
	[VMFENCE_DMI_BIOS_VERSION] = "bios_version",
	[VMFENCE_DMI_CHASSIS_VENDOR] = "chassis_vendor",
	[VMFENCE_DMI_CHASSIS_TYPE] = "chassis_type",
};

static const struct vmfence_acpi_id acpi_ids[] = {
	{ VMFENCE_ACPI_OEM_ID, ID_STR("BOCHS", EXACT, QEMU, 75, EMULATOR) },
	{ VMFENCE_ACPI_OEM_TABLE_ID, ID_STR("BXPC", PREFIX, QEMU, 75, EMULATOR) },
	{ VMFENCE_ACPI_CREATOR_ID, ID_STR("BXPC", EXACT, QEMU, 75, EMULATOR) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("VBOX", EXACT, ORACLE, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("VRTUAL", EXACT, MICROSOFT, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("Xen", EXACT, XEN, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("PRLS", EXACT, PARALLELS, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("VMWARE", EXACT, VMWARE, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("BHYVE", EXACT, BHYVE, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("FIRECK", EXACT, KVM, 75, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("CLOUDH", EXACT, NONE, 75, NONE) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("AMAZON", EXACT, AMAZON, 0, HINT) },
	{ VMFENCE_ACPI_OEM_ID, ID_STR("Google", EXACT, GOOGLE, 0, HINT) },
};

/* ACPI devices only virtual platforms describe. */
static const struct vmfence_str_id acpi_hids[] = {
	ID_STR("QEMU0002", EXACT, QEMU, 85, EMULATOR),	/* fw_cfg */
	ID_STR("QEMUVGID", EXACT, QEMU, 85, EMULATOR),	/* QEMU's VM generation id */
	ID_STR("VMGENCTR", EXACT, NONE, 80, NONE),	/* VM generation counter */
	ID_STR("VMBUS", EXACT, MICROSOFT, 85, IFACE_HV),
	ID_STR("VMBus", EXACT, MICROSOFT, 85, IFACE_HV),
	ID_STR("AMZNC10C", EXACT, NONE, 80, NONE),	/* vmclock */
	ID_STR("VMCLOCK", EXACT, NONE, 80, NONE),
};

/* Virtio (1af4) has a signal of its own: hardware virtio exists. */
static const struct vmfence_pci_id pci_ids[] = {
	{ 0x1b36, VMFENCE_PCI_ANY, "Red Hat QEMU device", ID_ATTR(QEMU, 85, EMULATOR) },
	{ 0x1234, 0x1111, "Bochs VGA", ID_ATTR(QEMU, 85, EMULATOR) },
	{ 0x15ad, VMFENCE_PCI_ANY, "VMware virtual device", ID_ATTR(VMWARE, 85, HINT) },
	{ 0x80ee, VMFENCE_PCI_ANY, "VirtualBox device", ID_ATTR(ORACLE, 85, HINT) },
	{ 0x5853, VMFENCE_PCI_ANY, "Xen platform device", ID_ATTR(XEN, 85, HINT) },
	{ 0x1414, 0x5353, "Hyper-V VGA", ID_ATTR(MICROSOFT, 85, HINT) },
	{ 0x1ab8, VMFENCE_PCI_ANY, "Parallels device", ID_ATTR(PARALLELS, 85, HINT) },
	{ 0x1d0f, VMFENCE_PCI_ANY, "Amazon Nitro device", ID_ATTR(AMAZON, 0, HINT) },
	{ 0x1ae0, VMFENCE_PCI_ANY, "Google device", ID_ATTR(GOOGLE, 0, HINT) },
};

static const struct {
	u8 oui[3];
	struct vmfence_id_attr attr;
} mac_ids[] = {
	{ { 0x52, 0x54, 0x00 }, ID_ATTR(QEMU, 30, HINT) },
	{ { 0x00, 0x05, 0x69 }, ID_ATTR(VMWARE, 30, HINT) },
	{ { 0x00, 0x0c, 0x29 }, ID_ATTR(VMWARE, 30, HINT) },
	{ { 0x00, 0x1c, 0x14 }, ID_ATTR(VMWARE, 30, HINT) },
	{ { 0x00, 0x50, 0x56 }, ID_ATTR(VMWARE, 30, HINT) },
	{ { 0x08, 0x00, 0x27 }, ID_ATTR(ORACLE, 30, HINT) },
	{ { 0x00, 0x16, 0x3e }, ID_ATTR(XEN, 30, HINT) },
	{ { 0x00, 0x15, 0x5d }, ID_ATTR(MICROSOFT, 30, HINT) },
	{ { 0x00, 0x03, 0xff }, ID_ATTR(MICROSOFT, 30, HINT) },
	{ { 0x00, 0x1c, 0x42 }, ID_ATTR(PARALLELS, 30, HINT) },
	{ { 0x58, 0x9c, 0xfc }, ID_ATTR(BHYVE, 30, HINT) },
};

/* TPM_PT_MANUFACTURER of software and cloud TPMs. */
static const struct {
	u32 manufacturer;
	struct vmfence_id_attr attr;
} tpm_ids[] = {
	{ 0x49424d00, ID_ATTR(NONE, 40, NONE) },		/* "IBM": swtpm */
	{ 0x474f4f47, ID_ATTR(GOOGLE, 40, HINT) },		/* "GOOG": GCE vTPM */
	/* "MSFT": Hyper-V's vTPM, but also Pluton on bare metal. */
	{ 0x4d534654, ID_ATTR(MICROSOFT, 5, HINT) },
};

/*
 * Brand strings of QEMU's CPU models and of other virtual CPUs, spelt as no
 * real CPU spells its brand (checked against the real-hardware corpus).
 */
static const struct vmfence_str_id cpu_models[] = {
	ID_STR("QEMU Virtual CPU", PREFIX, QEMU, 60, HINT),
	ID_STR("QEMU TCG CPU", PREFIX, QEMU, 60, HINT),	/* -cpu max under TCG */
	ID_STR("Common KVM processor", EXACT, KVM, 60, HINT),
	ID_STR("Common 32-bit KVM processor", EXACT, KVM, 60, HINT),
	/* Intel Xeon Processor (Icelake); not "Quad-Core Processor (up to 1.4GHz)" */
	ID_STR("Intel Xeon Processor (", PREFIX, QEMU, 60, HINT),
	ID_STR("Intel Core Processor (", PREFIX, QEMU, 60, HINT),
	ID_STR("Intel Atom Processor (", PREFIX, QEMU, 60, HINT),
	ID_STR("xx (", SUBSTR, QEMU, 60, HINT),		/* Intel Xeon E312xx (Sandy Bridge) */
	ID_STR("Class Opteron", SUBSTR, QEMU, 60, HINT),
	ID_STR("AMD EPYC Processor", PREFIX, QEMU, 60, HINT),
	ID_STR("AMD EPYC-", PREFIX, QEMU, 60, HINT),	/* AMD EPYC-Rome Processor */
	ID_STR("AMD EPYC", EXACT, KVM, 50, HINT),		/* Firecracker's normalised brand */
};

static const struct vmfence_str_id clocksources[] = {
	ID_STR("kvm-clock", EXACT, KVM, 90, IFACE_KVM),
	ID_STR("hyperv_clocksource_tsc_page", EXACT, MICROSOFT, 90, IFACE_HV),
	ID_STR("hyperv_clocksource_msr", EXACT, MICROSOFT, 90, IFACE_HV),
	ID_STR("xen", EXACT, XEN, 90, PRODUCT),
};

/* Names the live module gives x86_hyper_type (facts.h). */
static const struct vmfence_str_id hyper_types[] = {
	ID_STR("kvm", EXACT, KVM, 95, IFACE_KVM),
	ID_STR("ms_hyperv", EXACT, MICROSOFT, 95, IFACE_HV),
	ID_STR("vmware", EXACT, VMWARE, 95, SIGNATURE),
	ID_STR("xen_pv", EXACT, XEN, 95, SIGNATURE),
	ID_STR("xen_hvm", EXACT, XEN, 95, SIGNATURE),
	ID_STR("acrn", EXACT, ACRN, 95, SIGNATURE),
	ID_STR("jailhouse", EXACT, OTHER, 95, SIGNATURE),
};

/**
 * vmfence_str_match() - whether @s matches a string identifier
 * @id: the identifier
 * @s: NUL-terminated candidate
 *
 * Return: true on a match, as exact, prefix or substring per @id->how.
 */
bool vmfence_str_match(const struct vmfence_str_id *id, const char *s)
{
	switch (id->how) {
	case VMFENCE_MATCH_PREFIX:
		return !strncmp(s, id->str, strlen(id->str));
	case VMFENCE_MATCH_SUBSTR:
		return strstr(s, id->str);
	default:
		return !strcmp(s, id->str);
	}
}

static const struct vmfence_str_id *
match_str(const struct vmfence_str_id *ids, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (vmfence_str_match(&ids[i], s))
			return &ids[i];
	return NULL;
}

/**
 * vmfence_id_attr_better() - whether one identifier says more than another
 * @a: an identifier's attribution
 * @b: another's, or NULL, which says nothing
 *
 * Return: true when @a weighs more than @b, or weighs the same and names
 * its hypervisor more specifically.
 */
bool vmfence_id_attr_better(const struct vmfence_id_attr *a,
			    const struct vmfence_id_attr *b)
{
	if (!b)
		return true;
	if (a->weight != b->weight)
		return a->weight > b->weight;
	return a->rank > b->rank;
}

/**
 * vmfence_dmi_field_name() - the sysfs name of a DMI field
 * @field: the field
 *
 * Return: the file name under /sys/class/dmi/id/, or NULL when out of range.
 */
const char *vmfence_dmi_field_name(enum vmfence_dmi_field field)
{
	if ((unsigned int)field >= VMFENCE_DMI_COUNT)
		return NULL;
	return dmi_field_names[field];
}

/**
 * vmfence_id_cpuid_sig() - look up a hypervisor CPUID signature
 * @sig: VMFENCE_SIG_LEN bytes
 *
 * Return: what it says, or NULL for an unknown signature.
 */
const struct vmfence_id_attr *vmfence_id_cpuid_sig(const char *sig)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cpuid_sigs); i++)
		if (!memcmp(sig, cpuid_sigs[i].sig, VMFENCE_SIG_LEN))
			return &cpuid_sigs[i].attr;
	return NULL;
}

/**
 * vmfence_id_dmi() - the DMI identifier that says most about @f
 * @f: the facts; their DMI group must be present
 *
 * Return: the best matching identifier, or NULL when none matches.
 */
const struct vmfence_dmi_id *vmfence_id_dmi(const struct vmfence_facts *f)
{
	const struct vmfence_dmi_id *best = NULL, *d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dmi_ids); i++) {
		d = &dmi_ids[i];
		if (!vmfence_str_match(&d->id, f->dmi.str[d->field]))
			continue;
		if (d->also && strcmp(f->dmi.str[d->also_field], d->also))
			continue;
		if (vmfence_id_attr_better(&d->id.attr, best ? &best->id.attr : NULL))
			best = d;
	}
	return best;
}

/**
 * vmfence_acpi_part() - one identifying field of a table header
 * @t: the table
 * @part: which field
 *
 * Return: the field's NUL-terminated value.
 */
const char *vmfence_acpi_part(const struct vmfence_acpi_table *t,
			      enum vmfence_acpi_part part)
{
	switch (part) {
	case VMFENCE_ACPI_OEM_TABLE_ID:
		return t->oem_table_id;
	case VMFENCE_ACPI_CREATOR_ID:
		return t->creator_id;
	default:
		return t->oem_id;
	}
}

/**
 * vmfence_id_acpi() - the identifier in an ACPI table header that says most
 * @t: the table
 *
 * Return: the best matching identifier, or NULL when none matches.
 */
const struct vmfence_acpi_id *vmfence_id_acpi(const struct vmfence_acpi_table *t)
{
	const struct vmfence_acpi_id *best = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(acpi_ids); i++) {
		if (!vmfence_str_match(&acpi_ids[i].id,
				       vmfence_acpi_part(t, acpi_ids[i].part)))
			continue;
		if (vmfence_id_attr_better(&acpi_ids[i].id.attr, best ? &best->id.attr : NULL))
			best = &acpi_ids[i];
	}
	return best;
}

/**
 * vmfence_id_acpi_hid() - look up the hardware id of an ACPI device
 * @hid: the _HID
 *
 * Return: what it says, or NULL when it is not a virtual platform's device.
 */
const struct vmfence_str_id *vmfence_id_acpi_hid(const char *hid)
{
	return match_str(acpi_hids, ARRAY_SIZE(acpi_hids), hid);
}

/**
 * vmfence_id_pci() - look up a PCI function's vendor and device
 * @d: the function
 *
 * Return: the matching identifier, or NULL.
 */
const struct vmfence_pci_id *vmfence_id_pci(const struct vmfence_pci_dev *d)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pci_ids); i++)
		if (d->vendor == pci_ids[i].vendor &&
		    (pci_ids[i].device == VMFENCE_PCI_ANY ||
		     d->device == pci_ids[i].device))
			return &pci_ids[i];
	return NULL;
}

/**
 * vmfence_id_mac() - look up the OUI of a MAC address
 * @mac: six bytes
 *
 * Return: what it says, or NULL when the OUI is not a hypervisor's.
 */
const struct vmfence_id_attr *vmfence_id_mac(const u8 *mac)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mac_ids); i++)
		if (!memcmp(mac, mac_ids[i].oui, 3))
			return &mac_ids[i].attr;
	return NULL;
}

/**
 * vmfence_id_tpm() - look up a TPM manufacturer
 * @manufacturer: TPM_PT_MANUFACTURER
 *
 * Return: what it says, or NULL for a hardware TPM vendor.
 */
const struct vmfence_id_attr *vmfence_id_tpm(u32 manufacturer)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tpm_ids); i++)
		if (manufacturer == tpm_ids[i].manufacturer)
			return &tpm_ids[i].attr;
	return NULL;
}

/**
 * vmfence_id_cpu_model() - look up a CPU brand string
 * @brand: the brand string, blanks trimmed
 *
 * Return: the matching identifier, or NULL.
 */
const struct vmfence_str_id *vmfence_id_cpu_model(const char *brand)
{
	return match_str(cpu_models, ARRAY_SIZE(cpu_models), brand);
}

/**
 * vmfence_id_clocksource() - look up a clocksource name
 * @name: one clocksource name
 *
 * Return: the matching identifier when it is a paravirtual clock, or NULL.
 */
const struct vmfence_str_id *vmfence_id_clocksource(const char *name)
{
	return match_str(clocksources, ARRAY_SIZE(clocksources), name);
}

/**
 * vmfence_id_hyper_type() - look up the kernel's x86_hyper_type name
 * @name: as in struct vmfence_facts
 *
 * Return: the matching identifier, or NULL for "native" and unknown names.
 */
const struct vmfence_str_id *vmfence_id_hyper_type(const char *name)
{
	return match_str(hyper_types, ARRAY_SIZE(hyper_types), name);
}
