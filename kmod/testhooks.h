/* SPDX-License-Identifier: GPL-2.0 */
/*
 * testhooks.h - test builds only: force the verdict, blind a rescan
 *
 * Built when Kbuild is given VMFENCE_TEST_HOOKS=y, as the QEMU harness does
 * (tools/testing/vm/module.sh); DKMS and `make` never give it, and a
 * production module has neither the file nor the code behind it.
 */
#ifndef VMFENCE_TESTHOOKS_H
#define VMFENCE_TESTHOOKS_H

#include <linux/types.h>

#ifdef VMFENCE_TEST_HOOKS
int vmfence_testhooks_init(void);
void vmfence_testhooks_exit(void);
bool vmfence_testhooks_skip_precheck(void);
bool vmfence_testhooks_tpm_trusting(void);
#else
static inline int vmfence_testhooks_init(void)
{
	return 0;
}

static inline void vmfence_testhooks_exit(void)
{
}

static inline bool vmfence_testhooks_skip_precheck(void)
{
	return false;
}

static inline bool vmfence_testhooks_tpm_trusting(void)
{
	return false;
}
#endif

#endif /* VMFENCE_TESTHOOKS_H */
