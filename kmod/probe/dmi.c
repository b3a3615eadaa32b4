// SPDX-License-Identifier: GPL-2.0
/* dmi.c - SMBIOS strings and the type-0 "virtual machine" characteristic */

#include <linux/dmi.h>

#include "probe.h"

static const int dmi_fields[VMFENCE_DMI_COUNT] = {
	[VMFENCE_DMI_SYS_VENDOR] = DMI_SYS_VENDOR,
	[VMFENCE_DMI_PRODUCT_NAME] = DMI_PRODUCT_NAME,
	[VMFENCE_DMI_PRODUCT_VERSION] = DMI_PRODUCT_VERSION,
	[VMFENCE_DMI_BOARD_VENDOR] = DMI_BOARD_VENDOR,
	[VMFENCE_DMI_BOARD_NAME] = DMI_BOARD_NAME,
	[VMFENCE_DMI_BIOS_VENDOR] = DMI_BIOS_VENDOR,
	[VMFENCE_DMI_BIOS_VERSION] = DMI_BIOS_VERSION,
	[VMFENCE_DMI_CHASSIS_VENDOR] = DMI_CHASSIS_VENDOR,
	[VMFENCE_DMI_CHASSIS_TYPE] = DMI_CHASSIS_TYPE,
};

/* SMBIOS type 0: BIOS characteristics extension byte 2 sits at 0x13. */
#define SMBIOS_BIOS_EXT2	0x13
#define SMBIOS_BIOS_EXT2_VM	0x10

static void find_bios_info(const struct dmi_header *dm, void *data)
{
	struct vmfence_facts *f = data;
	const u8 *raw = (const u8 *)dm;

	if (dm->type != 0 || f->smbios.state == VMFENCE_FACT_PRESENT)
		return;
	f->smbios.state = VMFENCE_FACT_PRESENT;
	if (dm->length > SMBIOS_BIOS_EXT2)
		f->smbios.vm_bit = raw[SMBIOS_BIOS_EXT2] & SMBIOS_BIOS_EXT2_VM;
}

/**
 * vmfence_probe_dmi() - DMI strings and the SMBIOS "virtual machine" bit
 * @f: facts to fill
 *
 * Context: process context.
 */
void vmfence_probe_dmi(struct vmfence_facts *f)
{
	const char *s;
	int i;

	if (!dmi_available) {
		f->dmi.state = VMFENCE_FACT_ABSENT;
		f->smbios.state = VMFENCE_FACT_ABSENT;
		return;
	}
	for (i = 0; i < VMFENCE_DMI_COUNT; i++) {
		s = dmi_get_system_info(dmi_fields[i]);
		vmfence_facts_set_dmi(f, i, s ? s : "");
	}
	f->dmi.state = VMFENCE_FACT_PRESENT;
	if (dmi_walk(find_bios_info, f))
		return;
	if (f->smbios.state != VMFENCE_FACT_PRESENT)
		f->smbios.state = VMFENCE_FACT_ABSENT;
}
