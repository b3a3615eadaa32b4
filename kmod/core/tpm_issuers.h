/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tpm_issuers.h - the EK certificate issuers of known virtual TPMs
 *
 * A virtual TPM's EK certificate names its hypervisor's CA as issuer. Seeing
 * one is evidence of a VM, whether or not the chain verifies: only the
 * issuer's name is compared, as vmfence_x509_name_print() prints it.
 */
#ifndef VMFENCE_CORE_TPM_ISSUERS_H
#define VMFENCE_CORE_TPM_ISSUERS_H

#include "port.h"

bool vmfence_tpm_issuer_virtual(const char *issuer_text, const char **who);

#endif /* VMFENCE_CORE_TPM_ISSUERS_H */
