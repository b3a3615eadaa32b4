/* SPDX-License-Identifier: GPL-2.0 */
/* ek.h - the endorsement key: its certificate, and proof the TPM holds it */
#ifndef VMFENCE_TPM_EK_H
#define VMFENCE_TPM_EK_H

#include <linux/types.h>

struct tpm_chip;
struct vmfence_x509;

/* NV indices of the TCG EK Credential Profile (2.2.1.4). */
#define VMFENCE_EK_CERT_RSA	0x01c00002	/* RSA 2048 EK certificate */
#define VMFENCE_EK_CERT_ECC	0x01c0000a	/* ECC NIST P-256 EK certificate */
#define VMFENCE_EK_CERT_P384	0x01c00016	/* ECC NIST P-384 (H-3), high range */
/* Where provisioning tools keep the EKs (TCG Provisioning Guidance). */
#define VMFENCE_EK_PERSISTENT	0x81010001	/* RSA 2048 */
#define VMFENCE_EK_PERSISTENT_P256	0x81010002
#define VMFENCE_EK_PERSISTENT_P384	0x81010016	/* where swtpm keeps it */

int vmfence_tpm_ek_cert_read(struct tpm_chip *chip, u32 index, u8 **der,
			     size_t *len);
u8 vmfence_tpm_ek_prove(struct tpm_chip *chip, const struct vmfence_x509 *cert,
			char *detail, size_t detail_len);

#endif /* VMFENCE_TPM_EK_H */
