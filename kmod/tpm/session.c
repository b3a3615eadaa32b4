// SPDX-License-Identifier: GPL-2.0
/*
 * session.c - the cryptography of a TPM 2.0 session salted to an EK
 *
 * What the caller needs to open an HMAC session whose key only the holder
 * of an RSA or ECC private key can know, and to check the TPM's answers in
 * it: for an RSA key the salt encrypted with RSAES-OAEP (SHA-256, label
 * "SECRET"); for an ECC key an ephemeral ECDH key whose shared secret,
 * through KDFe (label "SECRET"), is the salt; the session key (KDFa,
 * SHA-256, label "ATH"), and the command and response HMACs (TPM 2.0
 * Library, Part 1, 11.4.10 (OAEP), 11.4.10.3 (KDFe), C.6.1 (ECDH salt),
 * 11.4.9.2 (KDFa), 19.6 (HMACs)). The RSA and ECDH operations, the hashes
 * and HMAC are the kernel's; only the OAEP encoding and the KDFs' framing,
 * which the kernel crypto API does not offer for an out-of-tree caller on
 * 6.1, are written here.
 */

#include <crypto/akcipher.h>
#include <crypto/ecdh.h>
#include <crypto/hash.h>
#include <crypto/kpp.h>
#include <crypto/sha2.h>
#include <linux/module.h>
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
 * @salt_len: its length: the digest size of the salting key's nameAlg
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
int vmfence_tpm_session_key(const u8 *salt, size_t salt_len,
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

	return vmfence_tpm_hmac(salt, salt_len, parts, ARRAY_SIZE(parts), key);
}

/**
 * vmfence_tpm_kdfe() - the TPM's KDFe, SP 800-56A's concatenation KDF
 * @hash: the crypto API's name of the hash: "sha256" or "sha384"
 * @z: the shared secret Z (the x coordinate of the ECDH product)
 * @z_len: its length
 * @label: the label; hashed with its terminating zero byte
 * @u: partyUInfo (the x coordinate of the ephemeral key)
 * @u_len: its length
 * @v: partyVInfo (the x coordinate of the static key)
 * @v_len: its length
 * @out: the derived bytes
 * @out_len: how many (TPM 2.0 Part 1, 11.4.10.3: a whole number of bytes)
 *
 * Block i (from 1) is H(i as 4 bytes big-endian || Z || label || 0 ||
 * @u || @v); the blocks are concatenated and cut to @out_len.
 *
 * Context: process context; sleeps.
 * Return: 0, or the crypto API's error (-ENOENT without the hash).
 */
int vmfence_tpm_kdfe(const char *hash, const u8 *z, size_t z_len,
		     const char *label, const u8 *u, size_t u_len,
		     const u8 *v, size_t v_len, u8 *out, size_t out_len)
{
	u8 block[HASH_MAX_DIGESTSIZE];
	struct crypto_shash *tfm;
	size_t done, n, dlen;
	__be32 counter;
	u32 i;
	int ret = 0;

	tfm = crypto_alloc_shash(hash, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	dlen = crypto_shash_digestsize(tfm);
	for (i = 1, done = 0; !ret && done < out_len; i++, done += n) {
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		counter = cpu_to_be32(i);
		ret = crypto_shash_init(desc);
		if (!ret)
			ret = crypto_shash_update(desc, (u8 *)&counter, sizeof(counter));
		if (!ret)
			ret = crypto_shash_update(desc, z, z_len);
		if (!ret)
			ret = crypto_shash_update(desc, label, strlen(label) + 1);
		if (!ret)
			ret = crypto_shash_update(desc, u, u_len);
		if (!ret)
			ret = crypto_shash_update(desc, v, v_len);
		if (!ret)
			ret = crypto_shash_final(desc, block);
		shash_desc_zero(desc);
		n = min(out_len - done, dlen);
		if (!ret)
			memcpy(out + done, block, n);
	}
	memzero_explicit(block, sizeof(block));
	crypto_free_shash(tfm);
	return ret;
}

/* One kpp operation, waited for: @src (or none) in, @dst out. */
static int kpp_run(struct crypto_kpp *tfm, bool shared, void *src,
		   size_t src_len, void *dst, size_t dst_len)
{
	struct scatterlist sg_src, sg_dst;
	struct kpp_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	int ret;

	req = kpp_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	sg_init_one(&sg_dst, dst, dst_len);
	if (shared)
		sg_init_one(&sg_src, src, src_len);
	kpp_request_set_input(req, shared ? &sg_src : NULL, src_len);
	kpp_request_set_output(req, &sg_dst, dst_len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				 &wait);
	ret = crypto_wait_req(shared ? crypto_kpp_compute_shared_secret(req) :
				       crypto_kpp_generate_public_key(req), &wait);
	kpp_request_free(req);
	return ret;
}

/*
 * Give @tfm a private key the kernel generates (struct ecdh with key_size
 * 0). The encoder, crypto_ecdh_encode_key(), lives in the ecdh module
 * itself (crypto/ecdh_helper.c): it is taken with symbol_get() once
 * crypto_alloc_kpp() has loaded that module, so that vmfence.ko does not
 * need ecdh to load, and a kernel without it still runs vmfence (with
 * possession of an ECC EK not tried). -ENOPKG without the encoder.
 */
static int ecdh_generate_secret(struct crypto_kpp *tfm)
{
	unsigned int (*key_len)(const struct ecdh *p);
	int (*encode)(char *buf, unsigned int len, const struct ecdh *p);
	struct ecdh params = { .key = NULL, .key_size = 0 };
	unsigned int len;
	char *buf;
	int ret = -ENOPKG;

	key_len = symbol_get(crypto_ecdh_key_len);
	encode = symbol_get(crypto_ecdh_encode_key);
	if (!key_len || !encode)
		goto out;
	len = key_len(&params);
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = encode(buf, len, &params);
	if (!ret)
		ret = crypto_kpp_set_secret(tfm, buf, len);
	kfree_sensitive(buf);
out:
	if (encode)
		symbol_put(crypto_ecdh_encode_key);
	if (key_len)
		symbol_put(crypto_ecdh_key_len);
	return ret;
}

/**
 * vmfence_tpm_salt_ecdh() - a session salt that only an ECC key can learn
 * @kpp: the crypto API's name of the curve's ECDH: "ecdh-nist-p256" or
 *	"ecdh-nist-p384"
 * @hash: the crypto API's name of the key's nameAlg ("sha256", "sha384")
 * @x: the key's X, big-endian, @len bytes
 * @y: its Y
 * @len: the size of one coordinate (32 for P-256, 48 for P-384)
 * @salt: the salt, as long as @hash's digest
 * @salt_len: that length
 * @qe: the ephemeral public key X || Y, 2 * @len bytes: what
 *	TPM2_StartAuthSession takes as its encryptedSalt (TPMS_ECC_POINT)
 *
 * One-pass Diffie-Hellman (TPM 2.0 Part 1, C.6.1): an ephemeral key the
 * kernel generates on the curve, Z the x coordinate of its product with
 * the static key (@x, @y), and the salt KDFe(@hash, Z, "SECRET", Qe.x,
 * @x). The ephemeral private key lives only in the transform, freed here.
 *
 * Context: process context; sleeps (crypto_alloc_kpp() may load the ecdh
 * module by request_module()).
 * Return: 0; -ENOENT when this kernel has no such ECDH (or hash); -ENOPKG
 * when its ECDH key encoder is not there; -EINVAL when the point is not on
 * the curve; -ENOMEM; or the crypto API's error.
 */
int vmfence_tpm_salt_ecdh(const char *kpp, const char *hash, const u8 *x,
			  const u8 *y, size_t len, u8 *salt, size_t salt_len,
			  u8 *qe)
{
	struct crypto_kpp *tfm;
	u8 *buf;
	int ret;

	if (!len || len > VMFENCE_TPM_ECC_MAX)
		return -EINVAL;
	tfm = crypto_alloc_kpp(kpp, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	/* kpp's scatterlists need memory that is not on the stack */
	buf = kmalloc(4 * len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = ecdh_generate_secret(tfm);
	if (!ret && crypto_kpp_maxsize(tfm) != 2 * len)
		ret = -EINVAL;
	if (!ret)
		ret = kpp_run(tfm, false, NULL, 0, buf, 2 * len);
	if (ret)
		goto out;
	memcpy(qe, buf, 2 * len);
	memcpy(buf + 2 * len, x, len);
	memcpy(buf + 3 * len, y, len);
	ret = kpp_run(tfm, true, buf + 2 * len, 2 * len, buf, len);
	if (!ret)
		ret = vmfence_tpm_kdfe(hash, buf, len, "SECRET", qe, len, x, len,
				       salt, salt_len);
out:
	kfree_sensitive(buf);
	crypto_free_kpp(tfm);
	return ret;
}
