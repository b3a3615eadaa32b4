// SPDX-License-Identifier: GPL-2.0
/* acpi.c - ACPI table headers and the hardware ids of ACPI devices */

#include <linux/acpi.h>
#include <linux/platform_device.h>

#include "probe.h"

static int add_hid(struct device *dev, void *data)
{
	struct acpi_device *adev = ACPI_COMPANION(dev);

	if (adev)
		vmfence_facts_add_acpi_dev(data, acpi_device_hid(adev));
	return 0;
}

/**
 * vmfence_probe_acpi() - every ACPI table's header and the devices' _HIDs
 * @f: facts to fill
 *
 * Devices are read through the platform devices ACPI enumerated, which is
 * where firmware-described virtual devices (fw_cfg, vmgenid, VMBus...) land.
 *
 * Context: process context; sleeps.
 */
void vmfence_probe_acpi(struct vmfence_facts *f)
{
	struct acpi_table_header *hdr;
	u32 i;

	if (acpi_disabled) {
		f->acpi.state = VMFENCE_FACT_ABSENT;
		f->acpi_dev.state = VMFENCE_FACT_ABSENT;
		return;
	}
	for (i = 0; ACPI_SUCCESS(acpi_get_table_by_index(i, &hdr)); i++) {
		vmfence_facts_add_acpi(f, (const u8 *)hdr, sizeof(*hdr));
		acpi_put_table(hdr);
	}
	f->acpi.state = VMFENCE_FACT_PRESENT;

	bus_for_each_dev(&platform_bus_type, NULL, f, add_hid);
	f->acpi_dev.state = VMFENCE_FACT_PRESENT;
}
