// SPDX-License-Identifier: GPL-2.0
/* anchors_test.c - KUnit: trust anchors and the EK chain check, by the kernel's keys */

#include <kunit/test.h>
#include <linux/slab.h>

#include "../tpm/anchors.h"
#include "tpm_certs.h"

static int anchors_test_init(struct kunit *test)
{
	return vmfence_tpm_anchors_init();
}

static void anchors_test_exit(struct kunit *test)
{
	vmfence_tpm_anchors_exit();
}

static void anchors_manufacturer_ca_verifies_its_ek(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_count(), 1U);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(testmfr_ek_rsa,
						       sizeof(testmfr_ek_rsa)), 0);
}

static void anchors_no_anchor_gives_enokey(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(testmfr_ek_rsa,
						       sizeof(testmfr_ek_rsa)), -ENOKEY);
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(swtpm_ek_rsa,
						       sizeof(swtpm_ek_rsa)), -ENOKEY);
}

/* A changed serial number: the anchor is found, the digest differs. */
static void anchors_changed_tbs_is_rejected(struct kunit *test)
{
	static const u8 serial[] = { 0x02, 0x03, 0x00, 0x8a, 0x11 };
	u8 *ek = kmemdup(testmfr_ek_rsa, sizeof(testmfr_ek_rsa), GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, ek);
	for (i = 0; i + sizeof(serial) <= sizeof(testmfr_ek_rsa); i++)
		if (!memcmp(ek + i, serial, sizeof(serial)))
			break;
	KUNIT_ASSERT_LE(test, i + sizeof(serial), sizeof(testmfr_ek_rsa));
	ek[i + sizeof(serial) - 1] ^= 0x01;
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(ek, sizeof(testmfr_ek_rsa)),
			-EKEYREJECTED);
	kfree(ek);
}

/*
 * The signature's last byte changed: RSA gives garbage, whose padding the
 * kernel refuses (-EBADMSG or -EINVAL from pkcs1pad), reported as a wrong
 * signature.
 */
static void anchors_changed_signature_is_rejected(struct kunit *test)
{
	u8 *ek = kmemdup(testmfr_ek_rsa, sizeof(testmfr_ek_rsa), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ek);
	ek[sizeof(testmfr_ek_rsa) - 1] ^= 0x01;
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(ek, sizeof(testmfr_ek_rsa)),
			-EKEYREJECTED);
	kfree(ek);
}

static void anchors_real_roots_verify_their_intermediates(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(stm_rsa_root, sizeof(stm_rsa_root)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(stm_rsa_ica01,
						       sizeof(stm_rsa_ica01)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(ifx_optiga_rsa_ca010,
						       sizeof(ifx_optiga_rsa_ca010)),
			-ENOKEY);
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(ifx_optiga_rsa_root,
						     sizeof(ifx_optiga_rsa_root)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(ifx_optiga_rsa_ca010,
						       sizeof(ifx_optiga_rsa_ca010)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_count(), 2U);
}

/* An EC EK key under an RSA CA: the key type does not matter, the signature's does. */
static void anchors_ec_ek_under_rsa_ca_verifies(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(swtpm_localca, sizeof(swtpm_localca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(swtpm_ek_ecc, sizeof(swtpm_ek_ecc)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(swtpm_ek_rsa, sizeof(swtpm_ek_rsa)), 0);
}

/* A self-signed ECDSA root: only a kernel with ECDSA can check it. */
static void anchors_ecdsa_root_needs_ecdsa(struct kunit *test)
{
	int want = IS_ENABLED(CONFIG_CRYPTO_ECDSA) ? 0 : -ENOPKG;

	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_add(ifx_optiga_ecc_root,
						     sizeof(ifx_optiga_ecc_root)), want);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_count(), want ? 0U : 1U);
}

static void anchors_duplicate_and_garbage_refused(struct kunit *test)
{
	static const u8 garbage[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
	u8 *padded;

	KUNIT_ASSERT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), 0);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_add(testmfr_ca, sizeof(testmfr_ca)), -EEXIST);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_add(garbage, sizeof(garbage)), -EBADMSG);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_add(NULL, 0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(garbage, sizeof(garbage)), -EBADMSG);
	/* an anchor must be exactly a certificate; an EK may be NV-padded */
	padded = kzalloc(sizeof(testmfr_ek_rsa) + 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, padded);
	memcpy(padded, testmfr_ek_rsa, sizeof(testmfr_ek_rsa));
	KUNIT_EXPECT_EQ(test, vmfence_tpm_chain_verify(padded, sizeof(testmfr_ek_rsa) + 16), 0);
	memcpy(padded, testmfr_ca, sizeof(testmfr_ca));
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_add(padded, sizeof(testmfr_ca) + 1), -EBADMSG);
	kfree(padded);
	KUNIT_EXPECT_EQ(test, vmfence_tpm_anchor_count(), 1U);
}

static struct kunit_case anchors_cases[] = {
	KUNIT_CASE(anchors_manufacturer_ca_verifies_its_ek),
	KUNIT_CASE(anchors_no_anchor_gives_enokey),
	KUNIT_CASE(anchors_changed_tbs_is_rejected),
	KUNIT_CASE(anchors_changed_signature_is_rejected),
	KUNIT_CASE(anchors_real_roots_verify_their_intermediates),
	KUNIT_CASE(anchors_ec_ek_under_rsa_ca_verifies),
	KUNIT_CASE(anchors_ecdsa_root_needs_ecdsa),
	KUNIT_CASE(anchors_duplicate_and_garbage_refused),
	{}
};

static struct kunit_suite anchors_suite = {
	.name = "vmfence_tpm_anchors",
	.init = anchors_test_init,
	.exit = anchors_test_exit,
	.test_cases = anchors_cases,
};

kunit_test_suites(&anchors_suite);
