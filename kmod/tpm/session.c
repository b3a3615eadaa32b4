// SPDX-License-Identifier: GPL-2.0
/*
 * session.c - the cryptography of a TPM 2.0 session salted to an RSA key
 *
 * What the caller needs to open an HMAC session whose key only the holder
 * of an RSA private key can know, and to check the TPM's answers in it:
 * the salt encrypted with RSAES-OAEP (SHA-256, label "SECRET"), the session
 * key (KDFa, SHA-256, label "ATH"), and the command and response HMACs
 * (TPM 2.0 Library, Part 1, 11.4.10 (OAEP), 11.4.9.2 (KDFa), 19.6 (HMACs)).
 * The RSA operation, SHA-256 and HMAC are the kernel's; only the OAEP
 * encoding and the KDF's framing, which the kernel crypto API does not
 * offer for an out-of-tree caller on 6.1, are written here.
 */

#include <crypto/akcipher.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "tpm/session.h"

/* RFC 8017, B.2.1: MGF1 with SHA-256; XORs the mask into @out. */
static void mgf1_xor(u8 *out, size_t out_len, const u8 *seed, size_t seed_len)
{
	struct sha256_state st;
	u8 digest[SHA256_DIGEST_SIZE];
	__be32 counter;
	size_t done, n, i;
	u32 c;

	for (c = 0, done = 0; done < out_len; c++, done += n) {
		counter = cpu_to_be32(c);
		sha256_init(&st);
		sha256_update(&st, seed, seed_len);
		sha256_update(&st, (const u8 *)&counter, sizeof(counter));
		sha256_final(&st, digest);
		n = min_t(size_t, out_len - done, SHA256_DIGEST_SIZE);
		for (i = 0; i < n; i++)
			out[done + i] ^= digest[i];
	}
	memzero_explicit(digest, sizeof(digest));
}

/* RFC 8017, 7.1.1 step 2: EM = 0x00 || maskedSeed || maskedDB. */
static int oaep_encode(u8 *em, size_t k, const u8 *msg, size_t msg_len,
		       const u8 *label, size_t label_len)
{
	const size_t hlen = SHA256_DIGEST_SIZE;
	u8 *seed = em + 1, *db = em + 1 + hlen;
	size_t db_len = k - hlen - 1;

	if (k < 2 * hlen + 2 || msg_len > k - 2 * hlen - 2)
		return -EINVAL;
	memset(em, 0, k);
	sha256(label, label_len, db);		/* lHash, then PS (zeros) */
	db[db_len - msg_len - 1] = 0x01;
	memcpy(db + db_len - msg_len, msg, msg_len);
	get_random_bytes(seed, hlen);
	mgf1_xor(db, db_len, seed, hlen);
	mgf1_xor(seed, hlen, db, db_len);
	return 0;
}

/* A DER tag and definite length (below 64 KiB) at @out; return its size. */
static size_t der_header(u8 *out, u8 tag, size_t n)
{
	size_t hdr = n < 0x80 ? 2 : n < 0x100 ? 3 : 4;

	if (out) {
		out[0] = tag;
		if (hdr == 2) {
			out[1] = n;
		} else if (hdr == 3) {
			out[1] = 0x81;
			out[2] = n;
		} else {
			out[1] = 0x82;
			out[2] = n >> 8;
			out[3] = n;
		}
	}
	return hdr;
}

/* A DER INTEGER holding the unsigned big-endian @v at @out; return its size. */
static size_t der_uint(u8 *out, const u8 *v, size_t len)
{
	size_t pad, n, hdr;

	while (len > 1 && !v[0]) {
		v++;
		len--;
	}
	pad = v[0] & 0x80 ? 1 : 0;
	n = len + pad;
	hdr = der_header(out, 0x02, n);
	if (out) {
		if (pad)
			out[hdr] = 0;
		memcpy(out + hdr + pad, v, len);
	}
	return hdr + n;
}

/* The RSAPublicKey SEQUENCE the kernel's "rsa" akcipher takes; kfree it. */
static u8 *rsa_pub_der(const u8 *n, size_t n_len, u32 e, size_t *out_len)
{
	__be32 e_be = cpu_to_be32(e);
	size_t body, hdr;
	u8 *der;

	body = der_uint(NULL, n, n_len) + der_uint(NULL, (u8 *)&e_be, 4);
	if (body > 0xffff)
		return NULL;
	hdr = der_header(NULL, 0x30, body);
	der = kmalloc(hdr + body, GFP_KERNEL);
	if (!der)
		return NULL;
	der_header(der, 0x30, body);
	der_uint(der + hdr + der_uint(der + hdr, n, n_len), (u8 *)&e_be, 4);
	*out_len = hdr + body;
	return der;
}

/**
 * vmfence_tpm_salt_encrypt() - encrypt a session salt to an RSA key
 * @n: the key's modulus, big-endian
 * @n_len: its length in bytes (the TPM's keys: 256 for RSA-2048)
 * @e: the public exponent (0 means the TPM's default, 65537)
 * @salt: the salt, SHA-256's size
 * @out: the encrypted salt, @n_len bytes
 *
 * RSAES-OAEP with SHA-256 and the label "SECRET" (with its terminating
 * zero byte), as TPM2_StartAuthSession decrypts it with the key's private
 * half.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for a modulus of an unusable size; -ENOMEM; or the
 * crypto API's error.
 */
int vmfence_tpm_salt_encrypt(const u8 *n, size_t n_len, u32 e,
			     const u8 salt[VMFENCE_TPM_SALT_LEN], u8 *out)
{
	static const u8 label[] = "SECRET";
	struct crypto_akcipher *tfm;
	struct akcipher_request *req;
	struct scatterlist src, dst;
	DECLARE_CRYPTO_WAIT(wait);
	size_t key_len;
	u8 *key, *em;
	int ret;

	if (n_len < 128 || n_len > 512)
		return -EINVAL;
	key = rsa_pub_der(n, n_len, e ? e : 65537, &key_len);
	em = kmalloc(n_len, GFP_KERNEL);
	if (!key || !em) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = oaep_encode(em, n_len, salt, VMFENCE_TPM_SALT_LEN, label, sizeof(label));
	if (ret)
		goto out_free;
	tfm = crypto_alloc_akcipher("rsa", 0, 0);
	if (IS_ERR(tfm)) {
		ret = PTR_ERR(tfm);
		goto out_free;
	}
	ret = crypto_akcipher_set_pub_key(tfm, key, key_len);
	if (ret)
		goto out_tfm;
	if (crypto_akcipher_maxsize(tfm) != n_len) {
		ret = -EINVAL;
		goto out_tfm;
	}
	req = akcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		ret = -ENOMEM;
		goto out_tfm;
	}
	sg_init_one(&src, em, n_len);
	sg_init_one(&dst, out, n_len);
	akcipher_request_set_crypt(req, &src, &dst, n_len, n_len);
	akcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	ret = crypto_wait_req(crypto_akcipher_encrypt(req), &wait);
	akcipher_request_free(req);
out_tfm:
	crypto_free_akcipher(tfm);
out_free:
	kfree_sensitive(em);
	kfree(key);
	return ret;
}

/**
 * vmfence_tpm_hmac() - HMAC-SHA256 over a list of byte strings
 * @key: the key
 * @key_len: its length
 * @parts: the strings, concatenated in order
 * @nparts: how many
 * @out: the MAC
 *
 * Context: process context; sleeps.
 * Return: 0, or the crypto API's error.
 */
int vmfence_tpm_hmac(const u8 *key, size_t key_len,
		     const struct vmfence_tpm_bytes *parts, size_t nparts,
		     u8 out[SHA256_DIGEST_SIZE])
{
	struct crypto_shash *tfm;
	size_t i;
	int ret;

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	ret = crypto_shash_setkey(tfm, key, key_len);
	if (!ret) {
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		ret = crypto_shash_init(desc);
		for (i = 0; !ret && i < nparts; i++)
			ret = crypto_shash_update(desc, parts[i].p, parts[i].len);
		if (!ret)
			ret = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);
	return ret;
}

/**
 * vmfence_tpm_session_key() - the key of a salted, unbound session
 * @salt: the salt the caller encrypted
 * @nonce_tpm: the TPM's nonce from TPM2_StartAuthSession
 * @nonce_caller: the caller's nonce given to it
 * @key: the session key
 *
 * KDFa(SHA-256, salt, "ATH", nonceTPM, nonceCaller, 256): one HMAC block,
 * since the key is as long as the digest.
 *
 * Context: process context; sleeps.
 * Return: 0, or the crypto API's error.
 */
int vmfence_tpm_session_key(const u8 salt[VMFENCE_TPM_SALT_LEN],
			    const u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN],
			    const u8 nonce_caller[VMFENCE_TPM_NONCE_LEN],
			    u8 key[SHA256_DIGEST_SIZE])
{
	static const u8 counter[4] = { 0, 0, 0, 1 };
	static const u8 label[] = "ATH";	/* with its zero byte */
	static const u8 bits[4] = { 0, 0, 1, 0 };	/* 256 */
	const struct vmfence_tpm_bytes parts[] = {
		{ counter, sizeof(counter) },
		{ label, sizeof(label) },
		{ nonce_tpm, VMFENCE_TPM_NONCE_LEN },
		{ nonce_caller, VMFENCE_TPM_NONCE_LEN },
		{ bits, sizeof(bits) },
	};

	return vmfence_tpm_hmac(salt, VMFENCE_TPM_SALT_LEN, parts,
				ARRAY_SIZE(parts), key);
}
