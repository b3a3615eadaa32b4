// SPDX-License-Identifier: GPL-2.0
/*
 * x509_test.c - the certificate reader against OpenSSL, on the CA bundle
 * and the recorded EK certificates; malformed input; the vTPM issuer table
 *
 * OpenSSL is the reference: for every certificate in contrib/tpm-ca/ the
 * issuer and subject text must equal OpenSSL's RFC 2253 rendering, the
 * SubjectPublicKeyInfo its encoding, the key size and CA flag its reading.
 * Run it under -fsanitize=address,undefined to catch any read out of bounds
 * (every input is copied to a buffer of exactly its size).
 */
#include <dirent.h>
#include <stdlib.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "core/x509.h"
#include "core/tpm_issuers.h"
#include "tap.h"

#define BUNDLE "../../contrib/tpm-ca"
#define CERTS "../../tools/testing/tpm/certs"

/* Read a whole file; DER as it is, PEM's first block decoded. */
static u8 *load(const char *path, size_t *len)
{
	char *name = NULL, *header = NULL;
	unsigned char *data = NULL;
	long n = 0;
	u8 *buf = NULL;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	if (strstr(path, ".pem")) {
		if (PEM_read(f, &name, &header, &data, &n) == 1) {
			buf = malloc(n);
			memcpy(buf, data, n);
			*len = n;
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
	} else {
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		buf = malloc(n);
		if (fread(buf, 1, n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = n;
	}
	fclose(f);
	return buf;
}

static void ossl_name(const X509_NAME *nm, char *out, size_t size)
{
	BIO *b = BIO_new(BIO_s_mem());
	int n;

	X509_NAME_print_ex(b, nm, 0, XN_FLAG_RFC2253);
	n = BIO_read(b, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
	BIO_free(b);
}

static int bundle_checked;

/* One bundle certificate against OpenSSL. */
static void check_bundle_cert(const char *file)
{
	char path[512], ours[512], ref[512];
	const unsigned char *p;
	unsigned char *spki = NULL;
	struct vmfence_x509 c;
	size_t len = 0;
	u8 *der;
	X509 *x;
	EVP_PKEY *k;
	int spki_len, ok = 1;
	const char *who = NULL;

	snprintf(path, sizeof(path), "%s/%s", BUNDLE, file);
	der = load(path, &len);
	if (!tap_ok(der, "%s: read", file))
		return;
	p = der;
	x = d2i_X509(NULL, &p, len);
	tap_ok(x, "%s: OpenSSL parses it", file);
	if (!tap_ok(!vmfence_x509_parse(der, len, &c), "%s: parses", file) || !x)
		goto out;
	ok &= tap_ok(c.cert_len == len, "%s: the certificate fills the file", file);

	vmfence_x509_name_print(c.issuer, c.issuer_len, ours, sizeof(ours));
	ossl_name(X509_get_issuer_name(x), ref, sizeof(ref));
	ok &= tap_ok(!strcmp(ours, ref), "%s: issuer \"%s\" is OpenSSL's \"%s\"",
		     file, ours, ref);
	ok &= tap_ok(!vmfence_tpm_issuer_virtual(ours, &who),
		     "%s: issuer is no virtual TPM's (%s)", file, who ? who : "-");

	vmfence_x509_name_print(c.subject, c.subject_len, ours, sizeof(ours));
	ossl_name(X509_get_subject_name(x), ref, sizeof(ref));
	ok &= tap_ok(!strcmp(ours, ref), "%s: subject \"%s\" is OpenSSL's", file, ours);
	ok &= tap_ok(!vmfence_tpm_issuer_virtual(ours, NULL),
		     "%s: subject is no virtual TPM's", file);

	spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki);
	ok &= tap_ok(spki_len > 0 && (size_t)spki_len == c.spki_len &&
		     !memcmp(spki, c.spki, c.spki_len),
		     "%s: SubjectPublicKeyInfo is OpenSSL's", file);
	OPENSSL_free(spki);

	k = X509_get0_pubkey(x);
	if (EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA) {
		ok &= tap_ok(c.key_type == VMFENCE_X509_KEY_RSA &&
			     c.rsa_n_len * 8 == (size_t)EVP_PKEY_get_bits(k),
			     "%s: RSA-%d, modulus %zu bytes", file,
			     EVP_PKEY_get_bits(k), c.rsa_n_len);
	} else if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {
		u16 want = EVP_PKEY_get_bits(k) == 256 ? VMFENCE_X509_NIST_P256 :
			   EVP_PKEY_get_bits(k) == 384 ? VMFENCE_X509_NIST_P384 : 0;

		unsigned char pt[1 + 2 * 66];
		size_t pt_len = 0;

		ok &= tap_ok(c.key_type == VMFENCE_X509_KEY_EC && c.ec_curve == want,
			     "%s: EC P-%d", file, EVP_PKEY_get_bits(k));
		EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
						pt, sizeof(pt), &pt_len);
		ok &= tap_ok(c.ec_x && pt_len == 1 + 2 * c.ec_len && pt[0] == 0x04 &&
			     !memcmp(pt + 1, c.ec_x, c.ec_len) &&
			     !memcmp(pt + 1 + c.ec_len, c.ec_y, c.ec_len),
			     "%s: the EC point's X and Y are OpenSSL's (%zu bytes each)",
			     file, c.ec_len);
	} else {
		ok &= tap_ok(0, "%s: a key type the bundle should not hold", file);
	}
	{
		const ASN1_OCTET_STRING *akid = X509_get0_authority_key_id(x);
		int nid = X509_get_signature_nid(x);
		u8 want = nid == NID_sha1WithRSAEncryption ? VMFENCE_X509_SIG_RSA_SHA1 :
			  nid == NID_sha256WithRSAEncryption ? VMFENCE_X509_SIG_RSA_SHA256 :
			  nid == NID_sha384WithRSAEncryption ? VMFENCE_X509_SIG_RSA_SHA384 :
			  nid == NID_sha512WithRSAEncryption ? VMFENCE_X509_SIG_RSA_SHA512 :
			  nid == NID_ecdsa_with_SHA256 ? VMFENCE_X509_SIG_ECDSA_SHA256 :
			  nid == NID_ecdsa_with_SHA384 ? VMFENCE_X509_SIG_ECDSA_SHA384 :
			  nid == NID_ecdsa_with_SHA512 ? VMFENCE_X509_SIG_ECDSA_SHA512 :
			  VMFENCE_X509_SIG_OTHER;
		const ASN1_BIT_STRING *sigbits;

		X509_get0_signature(&sigbits, NULL, x);
		ok &= tap_ok(c.sig_alg == want && c.sig_alg != VMFENCE_X509_SIG_OTHER &&
			     (size_t)ASN1_STRING_length(sigbits) == c.sig_len &&
			     !memcmp(ASN1_STRING_get0_data(sigbits), c.sig, c.sig_len),
			     "%s: signature algorithm %u and bits are OpenSSL's",
			     file, c.sig_alg);
		ok &= tap_ok(akid ? (size_t)ASN1_STRING_length(akid) == c.akid_len &&
			     !memcmp(ASN1_STRING_get0_data(akid), c.akid, c.akid_len) :
			     !c.akid, "%s: Authority Key Identifier is OpenSSL's", file);
	}
	ok &= tap_ok(c.is_ca == !!(X509_get_extension_flags(x) & EXFLAG_CA) &&
		     c.is_ca, "%s: is a CA, as OpenSSL reads it", file);
	if (ok)
		bundle_checked++;
out:
	X509_free(x);
	free(der);
}

static void test_bundle(void)
{
	struct dirent *e;
	DIR *d = opendir(BUNDLE);
	int files = 0;

	if (!tap_ok(d, "open %s", BUNDLE))
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".pem")) {
			files++;
			check_bundle_cert(e->d_name);
		}
	}
	closedir(d);
	tap_ok(files >= 60 && bundle_checked == files,
	       "all %d bundle certificates agree with OpenSSL (%d did)",
	       files, bundle_checked);
}

struct recorded {
	const char *file;
	const char *issuer;
	const char *subject;
	u8 key_type;
	size_t n_len;
	u16 curve;
	bool is_ca;
	const char *vtpm;	/* expected vTPM name, or NULL */
};

static const struct recorded recorded[] = {
	{ "swtpm-localca-ek-rsa.der", "CN=swtpm-localca", "CN=unknown",
	  VMFENCE_X509_KEY_RSA, 256, 0, false, "swtpm (QEMU/libvirt)" },
	{ "swtpm-localca-ek-ecc.der", "CN=swtpm-localca", "CN=unknown",
	  VMFENCE_X509_KEY_EC, 0, VMFENCE_X509_NIST_P384, false,
	  "swtpm (QEMU/libvirt)" },
	{ "swtpm-localca.der", "CN=swtpm-localca-rootca", "CN=swtpm-localca",
	  VMFENCE_X509_KEY_RSA, 384, 0, true, "swtpm (QEMU/libvirt)" },
	{ "testmfr-ek-rsa.der",
	  "CN=vmfence test TPM EK CA,O=vmfence test manufacturer,C=XX", "",
	  VMFENCE_X509_KEY_RSA, 256, 0, false, NULL },
	{ "testmfr-ca.der",
	  "CN=vmfence test TPM EK CA,O=vmfence test manufacturer,C=XX",
	  "CN=vmfence test TPM EK CA,O=vmfence test manufacturer,C=XX",
	  VMFENCE_X509_KEY_RSA, 256, 0, true, NULL },
};

/* Every prefix of a certificate, each in a buffer of exactly its size. */
static bool every_truncation_fails(const u8 *der, size_t len)
{
	struct vmfence_x509 c;
	size_t cut;

	for (cut = 0; cut < len; cut++) {
		u8 *b = malloc(cut ? cut : 1);

		memcpy(b, der, cut);
		if (vmfence_x509_parse(b, cut, &c) != -EBADMSG || c.tbs) {
			free(b);
			return false;
		}
		free(b);
	}
	return true;
}

/* Any byte changed to any of a few values: 0 or -EBADMSG, never a crash. */
static bool mutations_are_safe(const u8 *der, size_t len)
{
	static const u8 vals[] = { 0x00, 0x01, 0x30, 0x7f, 0x80, 0x81, 0x84, 0xff };
	struct vmfence_x509 c;
	char buf[256];
	u8 *b = malloc(len);
	size_t i, v;
	bool ok = true;

	for (i = 0; i < len && ok; i++) {
		for (v = 0; v < ARRAY_SIZE(vals); v++) {
			int r;

			memcpy(b, der, len);
			b[i] = vals[v];
			r = vmfence_x509_parse(b, len, &c);
			if (r && r != -EBADMSG)
				ok = false;
			if (!r) {
				vmfence_x509_name_print(c.issuer, c.issuer_len,
							buf, sizeof(buf));
				vmfence_x509_name_print(c.subject, c.subject_len,
							buf, sizeof(buf));
			}
		}
	}
	free(b);
	return ok;
}

static void test_recorded(void)
{
	char path[512], text[256];
	struct vmfence_x509 c;
	size_t i, len = 0;

	for (i = 0; i < ARRAY_SIZE(recorded); i++) {
		const struct recorded *r = &recorded[i];
		const char *who = NULL;
		u8 *der;

		snprintf(path, sizeof(path), "%s/%s", CERTS, r->file);
		der = load(path, &len);
		if (!tap_ok(der, "%s: read", r->file))
			continue;
		if (!tap_ok(!vmfence_x509_parse(der, len, &c), "%s: parses", r->file)) {
			free(der);
			continue;
		}
		vmfence_x509_name_print(c.issuer, c.issuer_len, text, sizeof(text));
		tap_ok(!strcmp(text, r->issuer), "%s: issuer \"%s\"", r->file, text);
		vmfence_x509_name_print(c.subject, c.subject_len, text, sizeof(text));
		tap_ok(!strcmp(text, r->subject), "%s: subject \"%s\"", r->file, text);
		tap_ok(c.key_type == r->key_type && c.rsa_n_len == r->n_len &&
		       c.ec_curve == r->curve &&
		       (r->key_type != VMFENCE_X509_KEY_RSA || c.rsa_e == 65537),
		       "%s: key type %u, modulus %zu bytes, curve %u", r->file,
		       c.key_type, c.rsa_n_len, c.ec_curve);
		tap_ok(c.is_ca == r->is_ca, "%s: is_ca %d", r->file, c.is_ca);
		vmfence_x509_name_print(c.issuer, c.issuer_len, text, sizeof(text));
		tap_ok(vmfence_tpm_issuer_virtual(text, &who) == !!r->vtpm &&
		       (!r->vtpm || !strcmp(who, r->vtpm)),
		       "%s: issuer is %s", r->file, r->vtpm ? r->vtpm : "no vTPM's");
		tap_ok(every_truncation_fails(der, len),
		       "%s: each of its %zu truncations fails with -EBADMSG",
		       r->file, len);
		tap_ok(mutations_are_safe(der, len),
		       "%s: every single-byte change parses or fails cleanly", r->file);
		free(der);
	}
}

/* Hand-made damage to a valid certificate. */
static void test_malformed(void)
{
	struct vmfence_x509 c;
	char path[512];
	size_t len = 0, big;
	u8 *der, *b;

	snprintf(path, sizeof(path), "%s/testmfr-ek-rsa.der", CERTS);
	der = load(path, &len);
	if (!tap_ok(der && len > 200 && der[1] == 0x82, "testmfr-ek-rsa.der read"))
		return;
	big = len + 8;
	b = calloc(1, big);

	memcpy(b, der, len);
	tap_ok(!vmfence_x509_parse(b, big, &c) && c.cert_len == len,
	       "trailing bytes after the certificate are ignored (NV padding)");

	/* the outer length, five ways wrong */
	memcpy(b, der, len);
	b[1] = 0x84; b[2] = 0xff; b[3] = 0xff;
	memmove(b + 4, der + 2, len - 2);
	b[4] = 0xff; b[5] = 0xf0;
	tap_ok(vmfence_x509_parse(b, len + 2, &c) == -EBADMSG,
	       "a 4-byte length near 4 GiB fails");
	memcpy(b, der, len);
	b[1] = 0x85;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG,
	       "a 5-byte length fails (would overflow 32 bits)");
	memcpy(b, der, len);
	b[1] = 0x80;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG,
	       "an indefinite length fails");
	memcpy(b, der, len);
	b[3]++;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG,
	       "a length one past the end fails");
	memcpy(b, der, len);
	b[3]--;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG,
	       "a length one short (leaving the signature outside) fails");

	/* wrong tags */
	memcpy(b, der, len);
	b[0] = 0x31;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG, "a SET for a SEQUENCE fails");
	memcpy(b, der, len);
	b[4] = 0x04;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG,
	       "an OCTET STRING for the TBSCertificate fails");
	memcpy(b, der, len);
	b[0] = 0x3f;
	tap_ok(vmfence_x509_parse(b, len, &c) == -EBADMSG, "a high tag number fails");
	tap_ok(vmfence_x509_parse(NULL, 0, &c) == -EBADMSG, "no input fails");
	tap_ok(vmfence_x509_parse(b, 0, &c) == -EBADMSG, "empty input fails");
	free(b);
	free(der);
}

/*
 * An EC key's point in forms proof of possession cannot use: the
 * certificate still parses, without X and Y, and says why.
 */
static void test_ec_point_forms(void)
{
	struct vmfence_x509 c;
	char path[512];
	size_t len = 0, pt, tbs, spki;
	u8 *der, *b;

	snprintf(path, sizeof(path), "%s/swtpm-localca-ek-ecc.der", CERTS);
	der = load(path, &len);
	if (!tap_ok(der && !vmfence_x509_parse(der, len, &c) && c.ec_x &&
		    c.ec_len == 48 && c.ec_y == c.ec_x + 48 && !c.ec_problem,
		    "swtpm's P-384 EK: an uncompressed point, 48-byte X and Y"))
		goto out;
	pt = c.ec_x - 1 - der;		/* the point's form byte */
	tbs = c.tbs - der;
	spki = c.spki - der;
	b = malloc(len);
	memcpy(b, der, len);
	b[pt] = 0x02;
	tap_ok(!vmfence_x509_parse(b, len, &c) && !c.ec_x && !c.ec_y &&
	       !c.ec_len && c.ec_problem && strstr(c.ec_problem, "compressed"),
	       "a compressed point parses without X and Y: %s", c.ec_problem);
	b[pt] = 0x06;
	tap_ok(!vmfence_x509_parse(b, len, &c) && !c.ec_x && c.ec_problem &&
	       strstr(c.ec_problem, "hybrid"),
	       "a hybrid point parses without X and Y: %s", c.ec_problem);
	b[pt] = 0x05;
	tap_ok(!vmfence_x509_parse(b, len, &c) && !c.ec_x && c.ec_problem,
	       "a point of an unknown form parses without X and Y: %s",
	       c.ec_problem);
	/*
	 * One byte less of Y: the BIT STRING, the SubjectPublicKeyInfo (both
	 * short lengths here), the TBSCertificate and the Certificate (both
	 * two-byte long forms) one byte shorter.
	 */
	if (tap_ok(der[1] == 0x82 && der[tbs + 1] == 0x82 &&
		   der[spki + 1] < 0x80 && der[pt - 2] < 0x80,
		   "the lengths around the point are as this test expects")) {
		memcpy(b, der, len);
		memmove(b + pt + 96, b + pt + 97, len - pt - 97);
		b[pt - 2]--;
		b[spki + 1]--;
		if (!b[tbs + 3]--)
			b[tbs + 2]--;
		if (!b[3]--)
			b[2]--;
		tap_ok(!vmfence_x509_parse(b, len - 1, &c) && !c.ec_x &&
		       c.ec_problem && strstr(c.ec_problem, "length"),
		       "an uncompressed point one byte short parses without X and Y: %s",
		       c.ec_problem);
	}
	free(b);
out:
	free(der);
}

/* Names made by hand: escaping, string types, order, truncation. */
static void test_names(void)
{
	/*
	 * SEQ { SET { C PrintableString "XX" }
	 *       SET { O UTF8String ",+\"\\<>;", 1.2.3.4 INTEGER 5 }
	 *       SET { CN UTF8String "#a b " }
	 *       SET { OU BMPString U+00E9 }
	 *       SET { L IA5String 01 FF } }
	 */
	static const u8 good[] = {
		0x30, 0x53, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
		0x06, 0x13, 0x02, 0x58, 0x58, 0x31, 0x1a, 0x30, 0x0e, 0x06,
		0x03, 0x55, 0x04, 0x0a, 0x0c, 0x07, 0x2c, 0x2b, 0x22, 0x5c,
		0x3c, 0x3e, 0x3b, 0x30, 0x08, 0x06, 0x03, 0x2a, 0x03, 0x04,
		0x02, 0x01, 0x05, 0x31, 0x0e, 0x30, 0x0c, 0x06, 0x03, 0x55,
		0x04, 0x03, 0x0c, 0x05, 0x23, 0x61, 0x20, 0x62, 0x20, 0x31,
		0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x0b, 0x1e, 0x02,
		0x00, 0xe9, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
		0x07, 0x16, 0x02, 0x01, 0xff,
	};
	static const char want[] =
		"L=\\01\\FF,OU=\\C3\\A9,CN=\\#a b\\ ,"
		"1.2.3.4=#020105+O=\\,\\+\\\"\\\\\\<\\>\\;,C=XX";
	static const u8 empty[] = { 0x30, 0x00 };
	static const u8 bmp_odd[] = { 0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08,
		0x06, 0x03, 0x55, 0x04, 0x03, 0x1e, 0x01, 0x41 };
	static const u8 bad_set[] = { 0x30, 0x02, 0x30, 0x00 };
	char buf[128];
	size_t i;
	int r;

	r = vmfence_x509_name_print(good, sizeof(good), buf, sizeof(buf));
	/* the text holds '#', which TAP reads as a directive: not in the name */
	printf("# printed: %s (%d)\n", buf, r);
	tap_ok(r == (int)strlen(want) && !strcmp(buf, want),
	       "escapes, multi-valued RDN, BMPString, IA5 controls, unknown "
	       "type, non-string value (%d bytes)", r);
	for (i = 1; i < strlen(want); i++) {
		memset(buf, 'Z', sizeof(buf));
		r = vmfence_x509_name_print(good, sizeof(good), buf, i);
		if (r != -ENOSPC || strlen(buf) >= i || strncmp(buf, want, strlen(buf)))
			break;
	}
	tap_ok(i == strlen(want),
	       "every short buffer gives -ENOSPC and a NUL-terminated prefix (%zu)", i);
	r = vmfence_x509_name_print(good, sizeof(good), buf, 8);
	tap_ok(r == -ENOSPC && !strcmp(buf, "L=\\01"),
	       "truncation never splits an escape: \"%s\"", buf);
	r = vmfence_x509_name_print(empty, sizeof(empty), buf, sizeof(buf));
	tap_ok(r == 0 && buf[0] == '\0', "the empty name prints as \"\"");
	r = vmfence_x509_name_print(bmp_odd, sizeof(bmp_odd), buf, sizeof(buf));
	tap_ok(r > 0 && !strcmp(buf, "CN=#1E0141"),
	       "an odd-length BMPString prints in hex: \"%s\"", buf);
	r = vmfence_x509_name_print(bad_set, sizeof(bad_set), buf, sizeof(buf));
	tap_ok(r == -EBADMSG && buf[0] == '\0', "an RDN that is no SET fails");
	r = vmfence_x509_name_print(good, sizeof(good) - 1, buf, sizeof(buf));
	tap_ok(r == -EBADMSG, "a name cut short fails");
	tap_ok(vmfence_x509_name_print(good, sizeof(good), buf, 0) == -EINVAL,
	       "a zero-size buffer is refused");
}

static void test_issuers(void)
{
	static const struct {
		const char *text;
		bool virt;
	} cases[] = {
		{ "CN=swtpm-localca", true },
		{ "cn=SWTPM-LOCALCA", true },
		{ "CN=swtpm-localca-rootca", true },
		{ "CN=swtpm-localca-evil", false },
		{ "O=x\\,CN=swtpm-localca", false },
		{ "O=x,CN=swtpm-localca", true },
		{ "CN=EK/AK CA Intermediate,OU=Google Cloud,O=Google LLC,"
		  "L=Mountain View,ST=California,C=US", true },
		{ "CN=Global Virtual TPM CA - 03", true },
		{ "CN=Aliyun TPM EKMF CA,OU=Aliyun TPM Endorsement Key "
		  "Manufacture CA,O=Aliyun,C=CN", true },
		{ "CN=IFX TPM EK Intermediate CA 21,OU=AIM,"
		  "O=Infineon Technologies AG,ST=Saxony,C=DE", false },
		{ "", false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		tap_ok(vmfence_tpm_issuer_virtual(cases[i].text, NULL) ==
		       cases[i].virt, "issuer \"%s\" %s a vTPM's", cases[i].text,
		       cases[i].virt ? "is" : "is not");
	tap_ok(!vmfence_tpm_issuer_virtual(NULL, NULL), "no issuer is no vTPM's");
}

int main(void)
{
	test_names();
	test_issuers();
	test_recorded();
	test_malformed();
	test_ec_point_forms();
	test_bundle();
	return tap_done();
}
