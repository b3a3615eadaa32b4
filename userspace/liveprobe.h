/* SPDX-License-Identifier: GPL-2.0 */
/*
 * liveprobe.h - facts only the running machine can give: CPUID from user
 * mode, its timing, MSRs through /dev/cpu/0/msr, the TPM's manufacturer
 */
#ifndef VMFENCECTL_LIVEPROBE_H
#define VMFENCECTL_LIVEPROBE_H

#include <stdint.h>

#include "core/facts.h"

#define MSR_IA32_THERM_STATUS	0x19c
#define MSR_AMD64_SEV		0xc0010131

/* Fill @f's CPUID group by executing CPUID on this CPU. Return 0 or -ENOSPC. */
int live_cpuid(struct vmfence_facts *f);

/* Fill @f's timing group: medians of CPUID and of a non-exiting baseline. */
void live_timing(struct vmfence_facts *f);

/*
 * Read MSR @msr on CPU 0. Return 0, -EIO when the read faulted (the MSR does
 * not exist here), or another negative errno when the msr driver is not
 * available (unknown).
 */
int live_msr(uint32_t msr, uint64_t *val);

/*
 * Ask the TPM for TPM_PT_MANUFACTURER through /dev/tpmrm0 (TPM 2.0). Return
 * 0, or a negative errno when there is no TPM 2.0 or it did not answer.
 */
int live_tpm_manufacturer(uint32_t *manufacturer);

#endif /* VMFENCECTL_LIVEPROBE_H */
