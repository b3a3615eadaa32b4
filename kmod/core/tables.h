/* SPDX-License-Identifier: GPL-2.0 */
/* tables.h - identifiers that betray a hypervisor, and how much each says */
#ifndef VMFENCE_CORE_TABLES_H
#define VMFENCE_CORE_TABLES_H

#include "cpuid.h"
#include "ids.h"

/*
 * How specifically an identifier names the hypervisor. When signals name
 * different hypervisors, the highest rank wins: a CPUID signature names the
 * product that answers CPUID, while the KVM and Hyper-V interfaces are also
 * offered by other hypervisors (VirtualBox speaks KVM's, KVM, Xen and
 * Parallels speak Hyper-V's), QEMU's firmware strings name the device model
 * whatever accelerates it, and devices only hint.
 */
enum vmfence_rank {
	VMFENCE_RANK_NONE,
	VMFENCE_RANK_HINT,
	VMFENCE_RANK_EMULATOR,
	VMFENCE_RANK_IFACE_HV,
	VMFENCE_RANK_IFACE_KVM,
	VMFENCE_RANK_PRODUCT,
	VMFENCE_RANK_SIGNATURE,
};

/**
 * struct vmfence_id_attr - what a matching identifier says
 * @hv: the hypervisor it names; VMFENCE_HV_NONE when it names none
 * @weight: percent confidence of virtualization it alone gives; 0 when it
 *	names a platform that also runs on bare metal (a cloud's strings)
 * @rank: enum vmfence_rank
 */
struct vmfence_id_attr {
	enum vmfence_hv hv;
	u8 weight;
	u8 rank;
};

enum vmfence_match {
	VMFENCE_MATCH_EXACT,
	VMFENCE_MATCH_PREFIX,
	VMFENCE_MATCH_SUBSTR,
};

/**
 * struct vmfence_str_id - an identifying string
 * @str: the string
 * @how: enum vmfence_match
 * @attr: what it says
 */
struct vmfence_str_id {
	const char *str;
	u8 how;
	struct vmfence_id_attr attr;
};

/**
 * struct vmfence_dmi_id - an identifying DMI string
 * @field: enum vmfence_dmi_field to match
 * @also_field: a second field that must equal @also, when @also is set
 * @also: the second field's value, or NULL
 * @id: the string and what it says
 */
struct vmfence_dmi_id {
	u8 field;
	u8 also_field;
	const char *also;
	struct vmfence_str_id id;
};

enum vmfence_acpi_part {
	VMFENCE_ACPI_OEM_ID,
	VMFENCE_ACPI_OEM_TABLE_ID,
	VMFENCE_ACPI_CREATOR_ID,
};

/**
 * struct vmfence_acpi_id - an identifying ACPI table header field
 * @part: enum vmfence_acpi_part
 * @id: the string and what it says
 */
struct vmfence_acpi_id {
	u8 part;
	struct vmfence_str_id id;
};

#define VMFENCE_PCI_ANY 0xffff

/**
 * struct vmfence_pci_id - a PCI vendor, or one device of it
 * @vendor: vendor id
 * @device: device id, or VMFENCE_PCI_ANY
 * @name: what it is
 * @attr: what it says
 */
struct vmfence_pci_id {
	u16 vendor;
	u16 device;
	const char *name;
	struct vmfence_id_attr attr;
};

bool vmfence_id_attr_better(const struct vmfence_id_attr *a,
			    const struct vmfence_id_attr *b);
const char *vmfence_dmi_field_name(enum vmfence_dmi_field field);
bool vmfence_str_match(const struct vmfence_str_id *id, const char *s);
const struct vmfence_id_attr *vmfence_id_cpuid_sig(const char *sig);
const struct vmfence_dmi_id *vmfence_id_dmi(const struct vmfence_facts *f);
const struct vmfence_acpi_id *vmfence_id_acpi(const struct vmfence_acpi_table *t);
const char *vmfence_acpi_part(const struct vmfence_acpi_table *t,
			      enum vmfence_acpi_part part);
const struct vmfence_str_id *vmfence_id_acpi_hid(const char *hid);
const struct vmfence_pci_id *vmfence_id_pci(const struct vmfence_pci_dev *d);
const struct vmfence_id_attr *vmfence_id_mac(const u8 *mac);
const struct vmfence_id_attr *vmfence_id_tpm(u32 manufacturer);
const struct vmfence_str_id *vmfence_id_cpu_model(const char *brand);
const struct vmfence_str_id *vmfence_id_clocksource(const char *name);
const struct vmfence_str_id *vmfence_id_hyper_type(const char *name);

#endif /* VMFENCE_CORE_TABLES_H */
