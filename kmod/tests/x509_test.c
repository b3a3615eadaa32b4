// SPDX-License-Identifier: GPL-2.0
/* x509_test.c - KUnit: the certificate reader on recorded EK and CA certificates */

#include <kunit/test.h>
#include <linux/slab.h>

#include "../core/x509.h"
#include "../core/tpm_issuers.h"
#include "tpm_certs.h"

/* Parse @der and print its names into @issuer and @subject. */
static void parse_names(struct kunit *test, const u8 *der, size_t len,
			struct vmfence_x509 *c, char *issuer, char *subject)
{
	KUNIT_ASSERT_EQ(test, vmfence_x509_parse(der, len, c), 0);
	KUNIT_EXPECT_EQ(test, c->cert_len, len);
	KUNIT_EXPECT_GE(test, vmfence_x509_name_print(c->issuer, c->issuer_len,
						      issuer, 128), 0);
	KUNIT_EXPECT_GE(test, vmfence_x509_name_print(c->subject, c->subject_len,
						      subject, 128), 0);
}

static void x509_swtpm_ek_is_a_vtpm_rsa_key(struct kunit *test)
{
	char issuer[128], subject[128];
	const char *who = NULL;
	struct vmfence_x509 c;

	parse_names(test, swtpm_ek_rsa, sizeof(swtpm_ek_rsa), &c, issuer, subject);
	KUNIT_EXPECT_STREQ(test, issuer, "CN=swtpm-localca");
	KUNIT_EXPECT_STREQ(test, subject, "CN=unknown");
	KUNIT_EXPECT_EQ(test, c.key_type, (u8)VMFENCE_X509_KEY_RSA);
	KUNIT_EXPECT_EQ(test, c.rsa_n_len, (size_t)256);
	KUNIT_EXPECT_EQ(test, c.rsa_e, (u32)65537);
	KUNIT_EXPECT_FALSE(test, c.is_ca);
	KUNIT_EXPECT_TRUE(test, vmfence_tpm_issuer_virtual(issuer, &who));
	KUNIT_EXPECT_STREQ(test, who, "swtpm (QEMU/libvirt)");
}

static void x509_swtpm_ecc_ek_is_p384(struct kunit *test)
{
	char issuer[128], subject[128];
	struct vmfence_x509 c;

	parse_names(test, swtpm_ek_ecc, sizeof(swtpm_ek_ecc), &c, issuer, subject);
	KUNIT_EXPECT_EQ(test, c.key_type, (u8)VMFENCE_X509_KEY_EC);
	KUNIT_EXPECT_EQ(test, c.ec_curve, (u16)VMFENCE_X509_NIST_P384);
	KUNIT_EXPECT_PTR_EQ(test, c.rsa_n, (const u8 *)NULL);
	/* the uncompressed point 04 || X || Y ends the SubjectPublicKeyInfo */
	KUNIT_EXPECT_EQ(test, c.ec_len, (size_t)48);
	KUNIT_EXPECT_PTR_EQ(test, c.ec_problem, (const char *)NULL);
	KUNIT_EXPECT_PTR_EQ(test, c.ec_x, c.spki + c.spki_len - 96);
	KUNIT_EXPECT_PTR_EQ(test, c.ec_y, c.spki + c.spki_len - 48);
	KUNIT_EXPECT_EQ(test, c.ec_x[-1], (u8)0x04);
}

static void x509_tcg_profile_empty_subject_prints_empty(struct kunit *test)
{
	char issuer[128], subject[128];
	struct vmfence_x509 c;

	parse_names(test, testmfr_ek_rsa, sizeof(testmfr_ek_rsa), &c, issuer,
		    subject);
	KUNIT_EXPECT_STREQ(test, subject, "");
	KUNIT_EXPECT_STREQ(test, issuer,
			   "CN=vmfence test TPM EK CA,O=vmfence test manufacturer,C=XX");
	KUNIT_EXPECT_FALSE(test, vmfence_tpm_issuer_virtual(issuer, NULL));
	KUNIT_EXPECT_FALSE(test, c.is_ca);
}

static void x509_real_manufacturer_cas(struct kunit *test)
{
	char issuer[128], subject[128];
	struct vmfence_x509 c;

	parse_names(test, stm_rsa_ica01, sizeof(stm_rsa_ica01), &c, issuer,
		    subject);
	KUNIT_EXPECT_STREQ(test, subject,
			   "CN=STM TPM EK Intermediate CA 01,O=STMicroelectronics NV,C=CH");
	KUNIT_EXPECT_STREQ(test, issuer,
			   "CN=STM TPM EK Root CA,O=STMicroelectronics NV,C=CH");
	KUNIT_EXPECT_TRUE(test, c.is_ca);
	KUNIT_EXPECT_FALSE(test, vmfence_tpm_issuer_virtual(issuer, NULL));
	parse_names(test, ifx_optiga_rsa_root, sizeof(ifx_optiga_rsa_root), &c,
		    issuer, subject);
	KUNIT_EXPECT_EQ(test, c.rsa_n_len, (size_t)512);
	KUNIT_EXPECT_TRUE(test, c.is_ca);
	parse_names(test, ifx_optiga_ecc_root, sizeof(ifx_optiga_ecc_root), &c,
		    issuer, subject);
	KUNIT_EXPECT_EQ(test, c.ec_curve, (u16)VMFENCE_X509_NIST_P384);
}

#define CERT(c, ca) { #c, c, sizeof(c), ca }

/* Every certificate tpm_certs.h holds parses, CA flag as recorded. */
static void x509_every_recorded_cert_parses(struct kunit *test)
{
	static const struct {
		const char *name;
		const u8 *der;
		size_t len;
		bool is_ca;
	} certs[] = {
		CERT(testmfr_ca, true), CERT(testmfr_ek_rsa, false),
		CERT(swtpm_localca, true), CERT(swtpm_ek_rsa, false),
		CERT(swtpm_ek_ecc, false), CERT(stm_rsa_root, true),
		CERT(stm_rsa_ica01, true), CERT(ifx_optiga_rsa_root, true),
		CERT(ifx_optiga_rsa_ca010, true), CERT(ifx_optiga_ecc_root, true),
	};
	struct vmfence_x509 c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(certs); i++) {
		KUNIT_EXPECT_EQ_MSG(test, vmfence_x509_parse(certs[i].der,
							     certs[i].len, &c),
				    0, "%s", certs[i].name);
		KUNIT_EXPECT_EQ_MSG(test, c.cert_len, certs[i].len, "%s",
				    certs[i].name);
		KUNIT_EXPECT_EQ_MSG(test, c.is_ca, certs[i].is_ca, "%s",
				    certs[i].name);
	}
}

/* Each prefix, in a buffer of exactly its size (KASAN sees overreads). */
static void x509_every_truncation_fails(struct kunit *test)
{
	struct vmfence_x509 c;
	size_t cut;
	u8 *buf;

	for (cut = 0; cut < sizeof(testmfr_ek_rsa); cut++) {
		buf = kmemdup(testmfr_ek_rsa, cut ? cut : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, buf);
		KUNIT_EXPECT_EQ_MSG(test, vmfence_x509_parse(buf, cut, &c),
				    -EBADMSG, "cut at %zu", cut);
		kfree(buf);
	}
}

static void x509_bad_lengths_fail(struct kunit *test)
{
	struct vmfence_x509 c;
	u8 *buf = kmemdup(testmfr_ek_rsa, sizeof(testmfr_ek_rsa), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[1] = 0x80;			/* indefinite */
	KUNIT_EXPECT_EQ(test, vmfence_x509_parse(buf, sizeof(testmfr_ek_rsa), &c),
			-EBADMSG);
	buf[1] = 0x85;			/* five length bytes */
	KUNIT_EXPECT_EQ(test, vmfence_x509_parse(buf, sizeof(testmfr_ek_rsa), &c),
			-EBADMSG);
	buf[1] = testmfr_ek_rsa[1];
	buf[3]++;			/* one past the end */
	KUNIT_EXPECT_EQ(test, vmfence_x509_parse(buf, sizeof(testmfr_ek_rsa), &c),
			-EBADMSG);
	kfree(buf);
}

static struct kunit_case x509_cases[] = {
	KUNIT_CASE(x509_swtpm_ek_is_a_vtpm_rsa_key),
	KUNIT_CASE(x509_swtpm_ecc_ek_is_p384),
	KUNIT_CASE(x509_tcg_profile_empty_subject_prints_empty),
	KUNIT_CASE(x509_real_manufacturer_cas),
	KUNIT_CASE(x509_every_recorded_cert_parses),
	KUNIT_CASE(x509_every_truncation_fails),
	KUNIT_CASE(x509_bad_lengths_fail),
	{}
};

static struct kunit_suite x509_suite = {
	.name = "vmfence_x509",
	.test_cases = x509_cases,
};

kunit_test_suites(&x509_suite);
