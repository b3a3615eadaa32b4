/* SPDX-License-Identifier: GPL-2.0 */
/* ek.h - the endorsement key: its certificate, and proof the TPM holds it */
#ifndef VMFENCE_TPM_EK_H
#define VMFENCE_TPM_EK_H

#include <linux/types.h>

struct tpm_chip;

/* NV indices of the TCG EK Credential Profile (2.2.1.4). */
#define VMFENCE_EK_CERT_RSA	0x01c00002	/* RSA 2048 EK certificate */
#define VMFENCE_EK_CERT_ECC	0x01c0000a	/* ECC NIST P-256 EK certificate */
/* Where provisioning tools keep the RSA EK (TCG Provisioning Guidance). */
#define VMFENCE_EK_PERSISTENT	0x81010001

int vmfence_tpm_ek_cert_read(struct tpm_chip *chip, u32 index, u8 **der,
			     size_t *len);
u8 vmfence_tpm_ek_prove(struct tpm_chip *chip, const u8 *n, size_t n_len, u32 e,
			char *detail, size_t detail_len);

#endif /* VMFENCE_TPM_EK_H */
