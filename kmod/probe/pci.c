// SPDX-License-Identifier: GPL-2.0
/* pci.c - vendor, device and subsystem ids of every PCI function */

#include <linux/pci.h>

#include "probe.h"

/**
 * vmfence_probe_pci() - the ids of every PCI function
 * @f: facts to fill; ABSENT when the machine has no PCI function at all
 *
 * Context: process context; sleeps.
 */
void vmfence_probe_pci(struct vmfence_facts *f)
{
	struct pci_dev *pdev = NULL;
	struct vmfence_pci_dev d;
	bool any = false;

	for_each_pci_dev(pdev) {
		d.vendor = pdev->vendor;
		d.device = pdev->device;
		d.subvendor = pdev->subsystem_vendor;
		d.subdevice = pdev->subsystem_device;
		d.class = pdev->class;
		vmfence_facts_add_pci(f, &d);
		any = true;
	}
	f->pci.state = any ? VMFENCE_FACT_PRESENT : VMFENCE_FACT_ABSENT;
}
