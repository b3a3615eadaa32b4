/* SPDX-License-Identifier: GPL-2.0 */
/*
 * identity.h - the TPM identity the latest scan established
 *
 * kmod/probe/tpm.c establishes it during a scan (it talks to the TPM) and
 * publishes it here; sysfs, netlink and the policy's bind-tpm check read a
 * copy. It changes only when a scan runs.
 */
#ifndef VMFENCE_TPM_IDENTITY_H
#define VMFENCE_TPM_IDENTITY_H

#include <linux/types.h>

#include "core/facts.h"

/**
 * struct vmfence_tpm_state - what sysfs and netlink show of the TPM
 * @present: a TPM 2.0 answered
 * @manufacturer: TPM_PT_MANUFACTURER, four ASCII bytes, big-endian
 * @id: the identity
 */
struct vmfence_tpm_state {
	bool present;
	u32 manufacturer;
	struct vmfence_tpm_identity id;
};

void vmfence_tpm_publish(const struct vmfence_facts *f);
void vmfence_tpm_get(struct vmfence_tpm_state *st);
bool vmfence_tpm_proven_ek(u8 sha256[VMFENCE_SHA256_LEN]);

#endif /* VMFENCE_TPM_IDENTITY_H */
