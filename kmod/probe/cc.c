// SPDX-License-Identifier: GPL-2.0
/* cc.c - confidential computing: SEV, SEV-ES, SEV-SNP and TDX guests */

#include <linux/cc_platform.h>
#include <asm/msr.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

#include "probe.h"

/**
 * vmfence_probe_cc() - the kernel's confidential-computing state
 * @f: facts to fill
 *
 * The SEV status MSR exists only on AMD; elsewhere the read is not tried.
 *
 * Context: any.
 */
void vmfence_probe_cc(struct vmfence_facts *f)
{
	u64 status;

	if (cc_platform_has(CC_ATTR_GUEST_MEM_ENCRYPT))
		f->cc.flags |= VMFENCE_CCF_MEM_ENCRYPT;
	if (boot_cpu_has(X86_FEATURE_TDX_GUEST))
		f->cc.flags |= VMFENCE_CCF_TDX_GUEST;
	if ((boot_cpu_data.x86_vendor == X86_VENDOR_AMD ||
	     boot_cpu_data.x86_vendor == X86_VENDOR_HYGON) &&
	    !rdmsrl_safe(MSR_AMD64_SEV, &status)) {
		f->cc.sev_status = status;
		f->cc.flags |= VMFENCE_CCF_SEV_STATUS;
	}
	f->cc.state = VMFENCE_FACT_PRESENT;
}
