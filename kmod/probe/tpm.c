// SPDX-License-Identifier: GPL-2.0
/*
 * tpm.c - the default TPM: its manufacturer and its identity
 *
 * The identity is established here, in the kernel, at every scan: the EK
 * certificate read from the TPM's NV memory, its chain checked against the
 * trust anchors (kmod/tpm/anchors.c), proof that the TPM holds the
 * certified key (kmod/tpm/ek.c), and the boot log replayed against the PCRs
 * (kmod/tpm/eventlog.c). Documentation/threat-model.rst says why none of it
 * is left to user space.
 */

#include <crypto/sha2.h>
#include <linux/slab.h>
#include <linux/tpm.h>
#include <linux/vmfence.h>

#include "core/tpm_issuers.h"
#include "core/x509.h"
#include "probe.h"
#include "tpm/anchors.h"
#include "tpm/ek.h"
#include "tpm/eventlog.h"

#define TPM2_PT_MANUFACTURER	0x105
/* moreData, capability, count, then one (property, value) pair */
#define GETCAP_RSP_BODY_LEN	(1 + 4 + 4 + 8)
#define GETCAP_RSP_VALUE_OFF	(TPM_HEADER_SIZE + 1 + 4 + 4 + 4)

/* TPM2_GetCapability(TPM_PROPERTIES, PT_MANUFACTURER), chip ops held. */
static int tpm2_manufacturer(struct tpm_chip *chip, u32 *manufacturer)
{
	struct tpm_buf buf;
	__be32 value;
	int ret;

	ret = tpm_buf_init(&buf, TPM2_ST_NO_SESSIONS, TPM2_CC_GET_CAPABILITY);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, TPM2_CAP_TPM_PROPERTIES);
	tpm_buf_append_u32(&buf, TPM2_PT_MANUFACTURER);
	tpm_buf_append_u32(&buf, 1);
	ret = tpm_transmit_cmd(chip, &buf, GETCAP_RSP_BODY_LEN,
			       "reading the TPM manufacturer");
	if (!ret) {
		memcpy(&value, &buf.data[GETCAP_RSP_VALUE_OFF], sizeof(value));
		*manufacturer = be32_to_cpu(value);
	}
	tpm_buf_destroy(&buf);
	return ret ? -EIO : 0;
}

/* Who issued the certificate: a known vTPM, a trusted anchor, or neither. */
static void classify(const u8 *der, size_t len, struct vmfence_tpm_identity *id)
{
	const char *who;
	int ret;

	if (vmfence_tpm_issuer_virtual(id->issuer, &who)) {
		id->class = VMFENCE_TPM_CLASS_VIRTUAL;
		snprintf(id->class_detail, sizeof(id->class_detail),
			 "EK certificate issued by %s's virtual TPM CA", who);
		return;
	}
	ret = vmfence_tpm_chain_verify(der, len);
	if (!ret) {
		id->class = VMFENCE_TPM_CLASS_HARDWARE;
		snprintf(id->class_detail, sizeof(id->class_detail),
			 "EK certificate verified to a trusted anchor (%u loaded)",
			 vmfence_tpm_anchor_count());
		return;
	}
	id->class = VMFENCE_TPM_CLASS_UNKNOWN;
	snprintf(id->class_detail, sizeof(id->class_detail), "EK certificate: %s",
		 ret == -ENOKEY ? "no trusted anchor issued it" :
		 ret == -EKEYREJECTED ? "its signature does not verify" :
		 ret == -ENOPKG ? "this kernel cannot verify its signature algorithm" :
		 "its chain could not be checked");
}

/*
 * The EK certificate indices, in the order they are read: the RSA 2048
 * (L-1) and ECC P-256 (L-2) certificates of the low range, then the ECC
 * P-384 (H-3) one of the high range, where swtpm keeps its ECC EK's.
 */
static const u32 ek_cert_indices[] = {
	VMFENCE_EK_CERT_RSA, VMFENCE_EK_CERT_ECC, VMFENCE_EK_CERT_P384,
};

/* The EK certificate, its class, and whether the TPM holds its key. */
static void identify(struct tpm_chip *chip, struct vmfence_tpm_identity *id)
{
	struct vmfence_x509 cert;
	size_t len, i;
	u8 *der;
	int ret = -ENOENT;

	id->state = VMFENCE_FACT_PRESENT;
	for (i = 0; ret == -ENOENT && i < ARRAY_SIZE(ek_cert_indices); i++)
		ret = vmfence_tpm_ek_cert_read(chip, ek_cert_indices[i], &der, &len);
	if (ret) {
		id->class = ret == -ENOENT ? VMFENCE_TPM_CLASS_NONE : VMFENCE_TPM_CLASS_UNKNOWN;
		snprintf(id->class_detail, sizeof(id->class_detail), "%s (%d)",
			 ret == -ENOENT ? "no EK certificate in NV memory" :
			 "the EK certificate could not be read", ret);
		snprintf(id->possession_detail, sizeof(id->possession_detail),
			 "no EK certificate to test");
		return;
	}
	if (vmfence_x509_parse(der, len, &cert)) {
		id->class = VMFENCE_TPM_CLASS_UNKNOWN;
		snprintf(id->class_detail, sizeof(id->class_detail),
			 "the EK certificate is not a well-formed X.509 certificate");
		snprintf(id->possession_detail, sizeof(id->possession_detail),
			 "no EK certificate to test");
		goto out;
	}
	id->have_ek = true;
	sha256(cert.spki, cert.spki_len, id->ek_sha256);
	vmfence_x509_name_print(cert.issuer, cert.issuer_len, id->issuer,
				sizeof(id->issuer));
	vmfence_x509_name_print(cert.subject, cert.subject_len, id->subject,
				sizeof(id->subject));
	classify(der, len, id);
	id->possession = vmfence_tpm_ek_prove(chip, &cert, id->possession_detail,
					      sizeof(id->possession_detail));
out:
	kfree(der);
}

/**
 * vmfence_probe_tpm() - the default TPM's manufacturer and identity
 * @f: facts to fill: ABSENT without a TPM, PRESENT with the manufacturer of
 *	a TPM 2.0 and its identity (@f->tpm.id), UNKNOWN for a TPM 1.2 or a
 *	TPM that did not answer
 *
 * Context: process context; sleeps (talks to the TPM; creating the EK can
 * take seconds on a hardware TPM).
 */
void vmfence_probe_tpm(struct vmfence_facts *f)
{
	struct tpm_chip *chip;
	u32 manufacturer;

	chip = tpm_default_chip();
	if (!chip) {
		f->tpm.state = VMFENCE_FACT_ABSENT;
		return;
	}
	if ((chip->flags & TPM_CHIP_FLAG_TPM2) && !tpm_try_get_ops(chip)) {
		if (!tpm2_manufacturer(chip, &manufacturer)) {
			f->tpm.manufacturer = manufacturer;
			f->tpm.state = VMFENCE_FACT_PRESENT;
			identify(chip, &f->tpm.id);
		}
		tpm_put_ops(chip);
		/* it reads the PCRs with the ops of its own */
		if (f->tpm.state == VMFENCE_FACT_PRESENT)
			vmfence_tpm_eventlog_check(chip, &f->tpm.id);
	}
	put_device(&chip->dev);
}
