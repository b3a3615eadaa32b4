/* SPDX-License-Identifier: GPL-2.0 */
/* session.h - the cryptography of a TPM 2.0 session salted to an EK */
#ifndef VMFENCE_TPM_SESSION_H
#define VMFENCE_TPM_SESSION_H

#include <crypto/sha2.h>
#include <linux/types.h>

/* SHA-256 sessions: the salt and the nonces are the digest's size. */
#define VMFENCE_TPM_SALT_LEN	SHA256_DIGEST_SIZE
#define VMFENCE_TPM_NONCE_LEN	SHA256_DIGEST_SIZE
/* An ECDH salt is as long as the ECC key's nameAlg digest: up to SHA-384. */
#define VMFENCE_TPM_SALT_MAX	SHA384_DIGEST_SIZE
/* The largest coordinate of the curves EKs use (NIST P-384). */
#define VMFENCE_TPM_ECC_MAX	48

/* One piece of what an HMAC covers. */
struct vmfence_tpm_bytes {
	const u8 *p;
	size_t len;
};

int vmfence_tpm_salt_encrypt(const u8 *n, size_t n_len, u32 e,
			     const u8 salt[VMFENCE_TPM_SALT_LEN], u8 *out);
int vmfence_tpm_hmac(const u8 *key, size_t key_len,
		     const struct vmfence_tpm_bytes *parts, size_t nparts,
		     u8 out[SHA256_DIGEST_SIZE]);
int vmfence_tpm_session_key(const u8 *salt, size_t salt_len,
			    const u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN],
			    const u8 nonce_caller[VMFENCE_TPM_NONCE_LEN],
			    u8 key[SHA256_DIGEST_SIZE]);

int vmfence_tpm_kdfe(const char *hash, const u8 *z, size_t z_len,
		     const char *label, const u8 *u, size_t u_len,
		     const u8 *v, size_t v_len, u8 *out, size_t out_len);
int vmfence_tpm_salt_ecdh(const char *kpp, const char *hash, const u8 *x,
			  const u8 *y, size_t len, u8 *salt, size_t salt_len,
			  u8 *qe);

#endif /* VMFENCE_TPM_SESSION_H */
