/* SPDX-License-Identifier: GPL-2.0 */
/* session.h - the cryptography of a TPM 2.0 session salted to an RSA key */
#ifndef VMFENCE_TPM_SESSION_H
#define VMFENCE_TPM_SESSION_H

#include <crypto/sha2.h>
#include <linux/types.h>

/* SHA-256 sessions: the salt and the nonces are the digest's size. */
#define VMFENCE_TPM_SALT_LEN	SHA256_DIGEST_SIZE
#define VMFENCE_TPM_NONCE_LEN	SHA256_DIGEST_SIZE

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
int vmfence_tpm_session_key(const u8 salt[VMFENCE_TPM_SALT_LEN],
			    const u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN],
			    const u8 nonce_caller[VMFENCE_TPM_NONCE_LEN],
			    u8 key[SHA256_DIGEST_SIZE]);

#endif /* VMFENCE_TPM_SESSION_H */
