/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x509.h - a bounded DER reader for X.509 v3 certificates
 *
 * Enough of RFC 5280 to name a TPM's EK certificate and its CA: where the
 * TBSCertificate, the issuer, the subject and the public key are, the key's
 * type and size, and whether the certificate is a CA. It checks structure
 * only; signatures are the kernel's business (kmod/tpm/anchors.c).
 */
#ifndef VMFENCE_CORE_X509_H
#define VMFENCE_CORE_X509_H

#include "port.h"

/* The TPM 2.0 curve identifiers (TPM_ECC_CURVE) of the curves EKs use. */
#define VMFENCE_X509_NIST_P256	0x0003
#define VMFENCE_X509_NIST_P384	0x0004

/**
 * enum vmfence_x509_key - the subject public key's algorithm
 * @VMFENCE_X509_KEY_NONE: not parsed
 * @VMFENCE_X509_KEY_RSA: rsaEncryption; @rsa_n and @rsa_e are valid
 * @VMFENCE_X509_KEY_EC: id-ecPublicKey; @ec_curve names the curve (0: other)
 * @VMFENCE_X509_KEY_OTHER: any other algorithm
 */
enum vmfence_x509_key {
	VMFENCE_X509_KEY_NONE,
	VMFENCE_X509_KEY_RSA,
	VMFENCE_X509_KEY_EC,
	VMFENCE_X509_KEY_OTHER,
};

/**
 * enum vmfence_x509_sig - the certificate's signature algorithm
 * @VMFENCE_X509_SIG_OTHER: one not listed here
 * @VMFENCE_X509_SIG_RSA_SHA1: sha1WithRSAEncryption
 * @VMFENCE_X509_SIG_RSA_SHA256: sha256WithRSAEncryption
 * @VMFENCE_X509_SIG_RSA_SHA384: sha384WithRSAEncryption
 * @VMFENCE_X509_SIG_RSA_SHA512: sha512WithRSAEncryption
 * @VMFENCE_X509_SIG_ECDSA_SHA256: ecdsa-with-SHA256
 * @VMFENCE_X509_SIG_ECDSA_SHA384: ecdsa-with-SHA384
 * @VMFENCE_X509_SIG_ECDSA_SHA512: ecdsa-with-SHA512
 */
enum vmfence_x509_sig {
	VMFENCE_X509_SIG_OTHER,
	VMFENCE_X509_SIG_RSA_SHA1,
	VMFENCE_X509_SIG_RSA_SHA256,
	VMFENCE_X509_SIG_RSA_SHA384,
	VMFENCE_X509_SIG_RSA_SHA512,
	VMFENCE_X509_SIG_ECDSA_SHA256,
	VMFENCE_X509_SIG_ECDSA_SHA384,
	VMFENCE_X509_SIG_ECDSA_SHA512,
};

/**
 * struct vmfence_x509 - where the fields of one certificate are
 * @cert_len: bytes of the Certificate TLV at the start of the input
 * @tbs: the TBSCertificate TLV (tag and length included)
 * @tbs_len: its size
 * @issuer: the issuer Name TLV
 * @issuer_len: its size
 * @subject: the subject Name TLV
 * @subject_len: its size
 * @spki: the SubjectPublicKeyInfo TLV (what ek_sha256 hashes)
 * @spki_len: its size
 * @key_type: enum vmfence_x509_key
 * @rsa_n: the RSA modulus, big-endian, leading zero bytes stripped
 * @rsa_n_len: its size in bytes (256 for RSA-2048)
 * @rsa_e: the RSA public exponent
 * @ec_curve: VMFENCE_X509_NIST_P256, VMFENCE_X509_NIST_P384 or 0
 * @ec_x: the EC point's X, big-endian, @ec_len bytes; NULL unless the key
 *	is an uncompressed point on P-256 or P-384
 * @ec_y: its Y, likewise
 * @ec_len: the size of one coordinate (32 for P-256, 48 for P-384), or 0
 * @ec_problem: why an EC key has no @ec_x (a compressed or hybrid point, a
 *	length that does not fit the curve, another curve), or NULL
 * @is_ca: basicConstraints says cA TRUE
 * @sig_alg: enum vmfence_x509_sig, from the outer signatureAlgorithm
 * @sig: the signatureValue's bits (after the unused-bits byte)
 * @sig_len: their size
 * @akid: the Authority Key Identifier's keyIdentifier, or NULL
 * @akid_len: its size
 *
 * Every pointer points into the buffer given to vmfence_x509_parse() and
 * lives as long as it does.
 */
struct vmfence_x509 {
	size_t cert_len;
	const u8 *tbs;
	size_t tbs_len;
	const u8 *issuer;
	size_t issuer_len;
	const u8 *subject;
	size_t subject_len;
	const u8 *spki;
	size_t spki_len;
	u8 key_type;
	const u8 *rsa_n;
	size_t rsa_n_len;
	u32 rsa_e;
	u16 ec_curve;
	const u8 *ec_x;
	const u8 *ec_y;
	size_t ec_len;
	const char *ec_problem;
	bool is_ca;
	u8 sig_alg;
	const u8 *sig;
	size_t sig_len;
	const u8 *akid;
	size_t akid_len;
};

int vmfence_x509_parse(const u8 *der, size_t len, struct vmfence_x509 *out);
int vmfence_x509_name_print(const u8 *name, size_t len, char *buf,
			    size_t size);

#endif /* VMFENCE_CORE_X509_H */
