// SPDX-License-Identifier: GPL-2.0
/* buses.c - devices on the virtio bus and the virtio-mmio transports */

#include <linux/pci.h>
#include <linux/platform_device.h>

#include "probe.h"

#define PCI_VENDOR_ID_VIRTIO 0x1af4

/*
 * The virtio bus is not exported to modules; its devices are found as the
 * children of their transports: PCI functions and virtio-mmio platform
 * devices. A transport whose driver is not bound has no child yet.
 */
static int count_virtio_child(struct device *dev, void *data)
{
	u32 *n = data;

	if (dev->bus && !strcmp(dev->bus->name, "virtio"))
		(*n)++;
	return 0;
}

static int count_mmio(struct device *dev, void *data)
{
	struct vmfence_facts *f = data;
	u32 before = f->virtio.n;

	device_for_each_child(dev, &f->virtio.n, count_virtio_child);
	if (f->virtio.n != before ||
	    (dev->driver && !strcmp(dev->driver->name, "virtio-mmio")))
		f->virtio_mmio.n++;
	return 0;
}

/**
 * vmfence_probe_buses() - count virtio devices and virtio-mmio transports
 * @f: facts to fill
 *
 * VMBus and xenbus are not reachable from a module without their drivers'
 * symbols; they stay unknown here, and the kernel's own hypervisor type,
 * ACPI's VMBUS device and xen_domain() speak for those hypervisors.
 *
 * Context: process context; sleeps.
 */
void vmfence_probe_buses(struct vmfence_facts *f)
{
	struct pci_dev *pdev = NULL;

	for_each_pci_dev(pdev)
		if (pdev->vendor == PCI_VENDOR_ID_VIRTIO)
			device_for_each_child(&pdev->dev, &f->virtio.n,
					      count_virtio_child);
	bus_for_each_dev(&platform_bus_type, NULL, f, count_mmio);
	f->virtio.state = VMFENCE_FACT_PRESENT;
	f->virtio_mmio.state = VMFENCE_FACT_PRESENT;
}
