// SPDX-License-Identifier: GPL-2.0
/* tpm.c - the manufacturer of the default TPM */

#include <linux/tpm.h>

#include "probe.h"

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

/**
 * vmfence_probe_tpm() - the default TPM's manufacturer
 * @f: facts to fill: ABSENT without a TPM, PRESENT with the manufacturer of
 *	a TPM 2.0, UNKNOWN for a TPM 1.2 or a TPM that did not answer
 *
 * Context: process context; sleeps (talks to the TPM).
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
		}
		tpm_put_ops(chip);
	}
	put_device(&chip->dev);
}
