// SPDX-License-Identifier: GPL-2.0
/* probe.c - run every live source into one struct vmfence_facts */

#include <linux/kernel.h>

#include "probe.h"

/**
 * vmfence_probe_all() - read every fact the live kernel can give
 * @f: zeroed facts to fill
 *
 * Context: process context; sleeps.
 */
void vmfence_probe_all(struct vmfence_facts *f)
{
	might_sleep();
	vmfence_probe_cpu(f);
	vmfence_probe_dmi(f);
	vmfence_probe_acpi(f);
	vmfence_probe_pci(f);
	vmfence_probe_buses(f);
	vmfence_probe_net(f);
	vmfence_probe_tpm(f);
	vmfence_probe_kernel(f);
	vmfence_probe_cc(f);
	vmfence_probe_timing(f);
}
