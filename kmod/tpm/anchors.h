/* SPDX-License-Identifier: GPL-2.0 */
/*
 * anchors.h - the TPM EK trust anchors, and the chain check against them
 *
 * The operator loads the CA certificates of the TPM manufacturers it trusts
 * (vmfencectl tpm trust); an EK certificate one of them signed classes the
 * TPM as hardware. The kernel's X.509 parser and signature code judge; the
 * certificates are kept as "asymmetric" keys in a keyring of the module's
 * own, linked nowhere a user can reach.
 */
#ifndef VMFENCE_TPM_ANCHORS_H
#define VMFENCE_TPM_ANCHORS_H

#include <linux/types.h>

/* At most this many anchors: the bundle in contrib/tpm-ca has 66. */
#define VMFENCE_TPM_ANCHORS_MAX	256

int vmfence_tpm_anchors_init(void);
void vmfence_tpm_anchors_exit(void);
int vmfence_tpm_anchor_add(const u8 *der, size_t len);
unsigned int vmfence_tpm_anchor_count(void);
void vmfence_tpm_anchors_lock(void);
bool vmfence_tpm_anchors_locked(void);
int vmfence_tpm_chain_verify(const u8 *der, size_t len);

#endif /* VMFENCE_TPM_ANCHORS_H */
