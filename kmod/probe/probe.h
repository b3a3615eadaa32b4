/* SPDX-License-Identifier: GPL-2.0 */
/*
 * probe.h - the live kernel's facts, one source per file
 *
 * Each vmfence_probe_*() fills its groups of struct vmfence_facts and leaves
 * a group it cannot read on this kernel VMFENCE_FACT_UNKNOWN. All run in
 * process context and may sleep.
 */
#ifndef VMFENCE_PROBE_H
#define VMFENCE_PROBE_H

#include <linux/kconfig.h>

#include "core/facts.h"

void vmfence_probe_cpu(struct vmfence_facts *f);
void vmfence_probe_dmi(struct vmfence_facts *f);
void vmfence_probe_acpi(struct vmfence_facts *f);
void vmfence_probe_pci(struct vmfence_facts *f);
void vmfence_probe_buses(struct vmfence_facts *f);
void vmfence_probe_net(struct vmfence_facts *f);
void vmfence_probe_kernel(struct vmfence_facts *f);
void vmfence_probe_cc(struct vmfence_facts *f);
void vmfence_probe_timing(struct vmfence_facts *f);

void vmfence_probe_all(struct vmfence_facts *f);

#if IS_REACHABLE(CONFIG_TCG_TPM)
void vmfence_probe_tpm(struct vmfence_facts *f);
#else
/* Without TPM support the TPM stays unknown. */
static inline void vmfence_probe_tpm(struct vmfence_facts *f)
{
}
#endif

#endif /* VMFENCE_PROBE_H */
