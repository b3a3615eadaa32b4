// SPDX-License-Identifier: GPL-2.0
/*
 * ek.c - the endorsement key: its certificate, and proof the TPM holds it
 *
 * The EK certificate is public data, kept in the TPM's NV memory at the
 * indices of the TCG EK Credential Profile; anyone can copy it into another
 * TPM. What a copy cannot give is the private key: vmfence asks the TPM to
 * open an HMAC session whose salt is encrypted to the *certified* public
 * key (TPM2_StartAuthSession with the EK as tpmKey: RSA-OAEP for an RSA
 * EK, an ephemeral ECDH key for an ECC one), then uses the session
 * on a command and checks the TPM's response HMAC. Only a TPM that could
 * decrypt the salt knows the session key, so a matching HMAC proves that
 * this TPM holds the certified EK; fresh nonces on both sides keep an
 * earlier answer from being replayed.
 *
 * Every function here runs with the chip's ops held (tpm_try_get_ops()),
 * so that no other command runs between the steps of one proof, and leaves
 * no object or session loaded in the TPM.
 */

#include <crypto/algapi.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tpm.h>
#include <linux/vmfence.h>

#include "core/x509.h"
#include "testhooks.h"
#include "tpm/ek.h"
#include "tpm/session.h"

/* Commands and handles the kernel's header does not name on every kernel. */
#define CC_NV_READ_PUBLIC	0x0169
#define CC_READ_PUBLIC		0x0173
#define CC_START_AUTH_SESSION	0x0176
#define ALG_RSA			0x0001
#define ALG_ECC			0x0023
#define ALG_AES			0x0006
#define ALG_CFB			0x0043
#define RH_OWNER		0x40000001
#define RH_NULL			0x40000007
#define RH_ENDORSEMENT		0x4000000b
#define SE_HMAC			0x00
#define SESSION_AUDIT		0x80
/* Bytes of NV read at a time: below every TPM's TPM_PT_NV_BUFFER_MAX. */
#define NV_CHUNK		512
#define RSA_2048_BYTES		256

/* TPM 2.0 format-one response codes (Part 2, 6.6.3), without their number. */
#define RC_FMT1			0x080
#define RC_FMT1_CODE(rc)	((rc) & 0x3f)
#define RC_VALUE		0x004
#define RC_SIZE			0x015
#define RC_AUTH_FAIL		0x00e
#define RC_INTEGRITY		0x01f
#define RC_BAD_AUTH		0x022
#define RC_KEY			0x01c

/*
 * The EK policies of the TCG EK Credential Profile (2.2.1.5): PolicyA with
 * SHA-256 for the low-range templates, PolicyB with SHA-384 for H-3.
 */
static const u8 ek_policy_a_sha256[SHA256_DIGEST_SIZE] = {
	0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xb3, 0xf8, 0x1a, 0x90, 0xcc,
	0x8d, 0x46, 0xa5, 0xd7, 0x24, 0xfd, 0x52, 0xd7, 0x6e, 0x06, 0x52,
	0x0b, 0x64, 0xf2, 0xa1, 0xda, 0x1b, 0x33, 0x14, 0x69, 0xaa,
};

static const u8 ek_policy_b_sha384[SHA384_DIGEST_SIZE] = {
	0xb2, 0x6e, 0x7d, 0x28, 0xd1, 0x1a, 0x50, 0xbc, 0x53, 0xd8, 0x82,
	0xbc, 0xf5, 0xfd, 0x3a, 0x1a, 0x07, 0x41, 0x48, 0xbb, 0x35, 0xd3,
	0xb4, 0xe4, 0xcb, 0x1c, 0x0a, 0xd9, 0xbd, 0xe4, 0x19, 0xca, 0xcb,
	0x47, 0xba, 0x09, 0x69, 0x96, 0x46, 0x15, 0x0f, 0x9f, 0xc0, 0x00,
	0xf3, 0xf8, 0x0e, 0x12,
};

/* fixedTPM fixedParent sensitiveDataOrigin adminWithPolicy restricted decrypt */
#define EK_ATTRIBUTES		0x000300b2
/* the same and userWithAuth: the high-range templates */
#define EK_ATTRIBUTES_HIGH	0x000300f2

/**
 * struct ek_template - one EK template of the TCG EK Credential Profile
 * @type: ALG_RSA or ALG_ECC
 * @name_alg: the key's nameAlg
 * @attributes: its objectAttributes
 * @policy: its authPolicy
 * @policy_len: the policy's size
 * @aes_bits: the AES-CFB key size of its symmetric
 * @curve: TPM_ECC_CURVE of an ECC key (VMFENCE_X509_NIST_P256/P384)
 * @coord: the public key's size: the RSA modulus, or one ECC coordinate
 * @unique_len: the zeros of its unique field (each coordinate's for ECC)
 * @kpp: the kernel's ECDH of the curve, for an ECC key
 * @persistent: where provisioning tools keep the key
 *
 * Every template is a constant; nothing here is written after build.
 */
struct ek_template {
	u16 type;
	u16 name_alg;
	u32 attributes;
	const u8 *policy;
	u16 policy_len;
	u16 aes_bits;
	u16 curve;
	u16 coord;
	u16 unique_len;
	const char *kpp;
	u32 persistent;
};

/* L-1: RSA 2048, AES-128-CFB, the key certified at VMFENCE_EK_CERT_RSA. */
static const struct ek_template ek_rsa2048 = {
	.type = ALG_RSA, .name_alg = TPM_ALG_SHA256,
	.attributes = EK_ATTRIBUTES, .policy = ek_policy_a_sha256,
	.policy_len = sizeof(ek_policy_a_sha256), .aes_bits = 128,
	.coord = RSA_2048_BYTES, .unique_len = RSA_2048_BYTES,
	.persistent = VMFENCE_EK_PERSISTENT,
};

/* L-2: ECC NIST P-256, AES-128-CFB, certified at VMFENCE_EK_CERT_ECC. */
static const struct ek_template ek_p256 = {
	.type = ALG_ECC, .name_alg = TPM_ALG_SHA256,
	.attributes = EK_ATTRIBUTES, .policy = ek_policy_a_sha256,
	.policy_len = sizeof(ek_policy_a_sha256), .aes_bits = 128,
	.curve = VMFENCE_X509_NIST_P256, .coord = 32, .unique_len = 32,
	.kpp = "ecdh-nist-p256", .persistent = VMFENCE_EK_PERSISTENT_P256,
};

/* H-3: ECC NIST P-384, AES-256-CFB, certified at VMFENCE_EK_CERT_P384. */
static const struct ek_template ek_p384 = {
	.type = ALG_ECC, .name_alg = TPM_ALG_SHA384,
	.attributes = EK_ATTRIBUTES_HIGH, .policy = ek_policy_b_sha384,
	.policy_len = sizeof(ek_policy_b_sha384), .aes_bits = 256,
	.curve = VMFENCE_X509_NIST_P384, .coord = 48, .unique_len = 0,
	.kpp = "ecdh-nist-p384", .persistent = VMFENCE_EK_PERSISTENT_P384,
};

/**
 * struct ek_pub - a public key: the certificate's, or the TPM's
 * @name_alg: the TPM's nameAlg of the key (unset for the certificate's)
 * @e: an RSA key's exponent (0: the default, 65537)
 * @a: the RSA modulus, or the ECC point's X, big-endian, the template's
 *	@coord bytes
 * @b: the ECC point's Y
 */
struct ek_pub {
	u16 name_alg;
	u32 e;
	u8 a[RSA_2048_BYTES];
	u8 b[VMFENCE_TPM_ECC_MAX];
};

/* A bounded reader of a TPM response. */
struct rsp {
	const u8 *p;
	u32 len;
	u32 off;
	bool bad;
};

static u16 be16_at(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static u32 be32_at(const u8 *p)
{
	return (u32)be16_at(p) << 16 | be16_at(p + 2);
}

static void rsp_init(struct rsp *r, const struct tpm_buf *buf)
{
	u32 len = be32_at(&buf->data[2]);

	r->p = buf->data;
	r->len = min_t(u32, len, PAGE_SIZE);
	r->off = TPM_HEADER_SIZE;
	r->bad = r->len < TPM_HEADER_SIZE;
}

static const u8 *rsp_take(struct rsp *r, u32 n)
{
	const u8 *p;

	if (r->bad || n > r->len - r->off) {
		r->bad = true;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

static u16 rsp_u16(struct rsp *r)
{
	const u8 *p = rsp_take(r, 2);

	return p ? be16_at(p) : 0;
}

static u32 rsp_u32(struct rsp *r)
{
	const u8 *p = rsp_take(r, 4);

	return p ? be32_at(p) : 0;
}

/* A TPM2B: its size, then that many bytes; NULL (and @r bad) if short. */
static const u8 *rsp_tpm2b(struct rsp *r, u16 *size)
{
	*size = rsp_u16(r);
	return rsp_take(r, *size);
}

static void append_empty_pw_auth(struct tpm_buf *buf)
{
	tpm_buf_append_u32(buf, 9);
	tpm_buf_append_u32(buf, TPM2_RS_PW);
	tpm_buf_append_u16(buf, 0);
	tpm_buf_append_u8(buf, 0);
	tpm_buf_append_u16(buf, 0);
}

static void flush(struct tpm_chip *chip, u32 handle)
{
	struct tpm_buf buf;

	if (tpm_buf_init(&buf, TPM2_ST_NO_SESSIONS, TPM2_CC_FLUSH_CONTEXT))
		return;
	tpm_buf_append_u32(&buf, handle);
	tpm_transmit_cmd(chip, &buf, 0, "vmfence: flushing a context");
	tpm_buf_destroy(&buf);
}

/* TPM2_NV_ReadPublic: the size of an NV index's data. */
static int nv_size(struct tpm_chip *chip, u32 index, u16 *size)
{
	struct tpm_buf buf;
	struct rsp r;
	u16 pub_len, policy_len;
	int ret;

	ret = tpm_buf_init(&buf, TPM2_ST_NO_SESSIONS, CC_NV_READ_PUBLIC);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, index);
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: reading an NV index's size");
	if (!ret) {
		rsp_init(&r, &buf);
		pub_len = rsp_u16(&r);
		rsp_take(&r, 4 + 2 + 4);	/* nvIndex, nameAlg, attributes */
		rsp_tpm2b(&r, &policy_len);
		*size = rsp_u16(&r);
		if (r.bad || pub_len < 14)
			ret = -EIO;
	}
	tpm_buf_destroy(&buf);
	return ret;
}

/* TPM2_NV_Read of @len bytes at @off, authorised by @auth with no password. */
static int nv_read_chunk(struct tpm_chip *chip, u32 auth, u32 index,
			 u8 *out, u16 len, u16 off)
{
	struct tpm_buf buf;
	const u8 *data;
	struct rsp r;
	u16 got;
	int ret;

	ret = tpm_buf_init(&buf, TPM2_ST_SESSIONS, TPM2_CC_NV_READ);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, auth);
	tpm_buf_append_u32(&buf, index);
	append_empty_pw_auth(&buf);
	tpm_buf_append_u16(&buf, len);
	tpm_buf_append_u16(&buf, off);
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: reading an EK certificate");
	if (!ret) {
		rsp_init(&r, &buf);
		rsp_u32(&r);			/* parameterSize */
		data = rsp_tpm2b(&r, &got);
		if (r.bad || got != len)
			ret = -EIO;
		else
			memcpy(out, data, len);
	}
	tpm_buf_destroy(&buf);
	return ret;
}

/* The length of the DER element @der starts with, or @len when unclear. */
static size_t der_length(const u8 *der, size_t len)
{
	size_t n, i, hdr;

	if (len < 2 || der[0] != 0x30)
		return len;
	if (der[1] < 0x80) {
		n = der[1];
		hdr = 2;
	} else {
		hdr = 2 + (der[1] & 0x7f);
		if (hdr > 6 || hdr > len)
			return len;
		for (n = 0, i = 2; i < hdr; i++)
			n = n << 8 | der[i];
	}
	return n <= len - hdr ? hdr + n : len;
}

/**
 * vmfence_tpm_ek_cert_read() - read an EK certificate from the TPM's NV memory
 * @chip: the TPM, its ops held
 * @index: VMFENCE_EK_CERT_RSA, VMFENCE_EK_CERT_ECC or VMFENCE_EK_CERT_P384
 * @der: set to the certificate, kmalloc'ed; kfree() it
 * @len: set to its length (padding after the DER element is dropped)
 *
 * The index is read with its own authorisation, or the owner's, both with
 * an empty password as the EK Credential Profile provisions them.
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when the TPM has no such index or it is empty; a
 * positive TPM response code when the TPM refused; -EIO, -ENOMEM.
 */
int vmfence_tpm_ek_cert_read(struct tpm_chip *chip, u32 index, u8 **der,
			     size_t *len)
{
	u16 size, off, n;
	u8 *out;
	int ret;

	ret = nv_size(chip, index, &size);
	if (ret > 0)
		return -ENOENT;		/* TPM_RC_HANDLE: not defined */
	if (ret)
		return ret;
	if (!size)
		return -ENOENT;
	out = kmalloc(size, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	for (off = 0; off < size; off += n) {
		n = min_t(u16, size - off, NV_CHUNK);
		ret = nv_read_chunk(chip, index, index, out + off, n, off);
		if (ret > 0)
			ret = nv_read_chunk(chip, RH_OWNER, index, out + off, n, off);
		if (ret) {
			kfree(out);
			return ret;
		}
	}
	*der = out;
	*len = der_length(out, size);
	return 0;
}

/* A TPM2B of at most @coord bytes into @out, left-padded with zeros. */
static void rsp_coord(struct rsp *r, u8 *out, u16 coord)
{
	const u8 *p;
	u16 len;

	p = rsp_tpm2b(r, &len);
	if (r->bad || len > coord) {
		r->bad = true;
		return;
	}
	memset(out, 0, coord - len);
	memcpy(out + coord - len, p, len);
}

/*
 * A TPM2B_PUBLIC of a key of @t's type and size (an RSA-2048 key, or an
 * ECC key on @t's curve): its nameAlg and public key; -EIO for any other.
 */
static int read_public(struct rsp *r, const struct ek_template *t,
		       struct ek_pub *pub)
{
	const u8 *unique;
	u16 len;

	rsp_u16(r);			/* the TPM2B's size */
	if (rsp_u16(r) != t->type)
		r->bad = true;
	pub->name_alg = rsp_u16(r);
	rsp_take(r, 4);			/* objectAttributes */
	rsp_tpm2b(r, &len);		/* authPolicy */
	if (rsp_u16(r) != TPM_ALG_NULL)
		rsp_take(r, 4);		/* the symmetric's keyBits, mode */
	if (rsp_u16(r) != TPM_ALG_NULL)
		rsp_take(r, 2);		/* the scheme's hash */
	if (t->type == ALG_RSA) {
		rsp_take(r, 2 + 4);	/* keyBits, exponent */
		unique = rsp_tpm2b(r, &len);
		if (r->bad || len != RSA_2048_BYTES)
			return -EIO;
		memcpy(pub->a, unique, RSA_2048_BYTES);
		return 0;
	}
	if (rsp_u16(r) != t->curve)
		r->bad = true;
	if (rsp_u16(r) != TPM_ALG_NULL)
		rsp_take(r, 2);		/* the KDF's hash */
	rsp_coord(r, pub->a, t->coord);
	rsp_coord(r, pub->b, t->coord);
	return r->bad ? -EIO : 0;
}

/* Whether two public keys of template @t are the same key. */
static bool same_key(const struct ek_template *t, const struct ek_pub *x,
		     const struct ek_pub *y)
{
	return !memcmp(x->a, y->a, t->coord) &&
	       (t->type == ALG_RSA || !memcmp(x->b, y->b, t->coord));
}

/*
 * TPM2_ReadPublic of the persistent EK that provisioning tools leave at
 * @t's handle: 0 when it holds the key @want (its nameAlg then set in
 * @tpm), so that no new key need be created; an error when it is absent
 * or another key.
 */
static int persistent_ek(struct tpm_chip *chip, const struct ek_template *t,
			 const struct ek_pub *want, struct ek_pub *tpm)
{
	struct tpm_buf buf;
	struct rsp r;
	int ret;

	ret = tpm_buf_init(&buf, TPM2_ST_NO_SESSIONS, CC_READ_PUBLIC);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, t->persistent);
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: reading the persistent EK");
	if (!ret) {
		rsp_init(&r, &buf);
		ret = read_public(&r, t, tpm);
		if (!ret && !same_key(t, tpm, want))
			ret = -ENOENT;
	}
	tpm_buf_destroy(&buf);
	return ret;
}

static void append_zeros(struct tpm_buf *buf, u16 n)
{
	while (n--)
		tpm_buf_append_u8(buf, 0);
}

/* TPM2_CreatePrimary of the EK of template @t: its handle and public key. */
static int create_ek(struct tpm_chip *chip, const struct ek_template *t,
		     u32 *handle, struct ek_pub *tpm)
{
	u16 size = 2 + 2 + 4 + 2 + t->policy_len + 2 + 2 + 2 + 2;
	struct tpm_buf buf;
	struct rsp r;
	int ret;

	if (t->type == ALG_RSA)
		size += 2 + 4 + 2 + t->unique_len;
	else
		size += 2 + 2 + 2 * (2 + t->unique_len);
	ret = tpm_buf_init(&buf, TPM2_ST_SESSIONS, TPM2_CC_CREATE_PRIMARY);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, RH_ENDORSEMENT);
	append_empty_pw_auth(&buf);
	tpm_buf_append_u16(&buf, 4);		/* inSensitive: no auth, no data */
	tpm_buf_append_u16(&buf, 0);
	tpm_buf_append_u16(&buf, 0);
	tpm_buf_append_u16(&buf, size);
	tpm_buf_append_u16(&buf, t->type);
	tpm_buf_append_u16(&buf, t->name_alg);
	tpm_buf_append_u32(&buf, t->attributes);
	tpm_buf_append_u16(&buf, t->policy_len);
	tpm_buf_append(&buf, t->policy, t->policy_len);
	tpm_buf_append_u16(&buf, ALG_AES);
	tpm_buf_append_u16(&buf, t->aes_bits);
	tpm_buf_append_u16(&buf, ALG_CFB);
	tpm_buf_append_u16(&buf, TPM_ALG_NULL);	/* scheme */
	if (t->type == ALG_RSA) {
		tpm_buf_append_u16(&buf, 2048);
		tpm_buf_append_u32(&buf, 0);	/* exponent: the default */
		tpm_buf_append_u16(&buf, t->unique_len);	/* unique: zeros */
		append_zeros(&buf, t->unique_len);
	} else {
		tpm_buf_append_u16(&buf, t->curve);
		tpm_buf_append_u16(&buf, TPM_ALG_NULL);	/* kdf */
		tpm_buf_append_u16(&buf, t->unique_len);	/* unique: zeros */
		append_zeros(&buf, t->unique_len);
		tpm_buf_append_u16(&buf, t->unique_len);
		append_zeros(&buf, t->unique_len);
	}
	tpm_buf_append_u16(&buf, 0);		/* outsideInfo */
	tpm_buf_append_u32(&buf, 0);		/* creationPCR: none */
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: creating the EK");
	if (!ret) {
		rsp_init(&r, &buf);
		*handle = rsp_u32(&r);
		rsp_u32(&r);			/* parameterSize */
		if (read_public(&r, t, tpm)) {
			flush(chip, *handle);
			ret = -EIO;
		}
	}
	tpm_buf_destroy(&buf);
	return ret;
}

/* TPM2_StartAuthSession salted to @tpm_key: the session and its nonce. */
static int start_session(struct tpm_chip *chip, u32 tpm_key, const u8 *nonce_caller,
			 const u8 *enc_salt, size_t enc_len, u32 *session,
			 u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN])
{
	struct tpm_buf buf;
	const u8 *nonce;
	struct rsp r;
	u16 len;
	int ret;

	ret = tpm_buf_init(&buf, TPM2_ST_NO_SESSIONS, CC_START_AUTH_SESSION);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, tpm_key);
	tpm_buf_append_u32(&buf, RH_NULL);		/* bind: none */
	tpm_buf_append_u16(&buf, VMFENCE_TPM_NONCE_LEN);
	tpm_buf_append(&buf, nonce_caller, VMFENCE_TPM_NONCE_LEN);
	tpm_buf_append_u16(&buf, enc_len);
	tpm_buf_append(&buf, enc_salt, enc_len);
	tpm_buf_append_u8(&buf, SE_HMAC);
	tpm_buf_append_u16(&buf, TPM_ALG_NULL);	/* no parameter encryption */
	tpm_buf_append_u16(&buf, TPM_ALG_SHA256);
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: starting a salted session");
	if (!ret) {
		rsp_init(&r, &buf);
		*session = rsp_u32(&r);
		nonce = rsp_tpm2b(&r, &len);
		if (r.bad || len != VMFENCE_TPM_NONCE_LEN) {
			if (!r.bad)
				flush(chip, *session);
			ret = -EIO;
		} else {
			memcpy(nonce_tpm, nonce, VMFENCE_TPM_NONCE_LEN);
		}
	}
	tpm_buf_destroy(&buf);
	return ret;
}

/*
 * TPM2_GetRandom in the audit session @session: returns 0 when the TPM's
 * response HMAC matches @key, 1 when it does not, a positive TPM response
 * code above 1 when the TPM refused the command, or a negative errno.
 */
static int audited_command(struct tpm_chip *chip, u32 session,
			   const u8 key[SHA256_DIGEST_SIZE],
			   const u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN])
{
	static const u8 attrs = SESSION_AUDIT;
	u8 nonce_caller[VMFENCE_TPM_NONCE_LEN], hash[SHA256_DIGEST_SIZE];
	u8 mac[SHA256_DIGEST_SIZE];
	__be32 cc = cpu_to_be32(TPM2_CC_GET_RANDOM), rc = 0;
	const u8 *params, *nonce, *rsp_mac, *rsp_attrs;
	__be16 wanted = cpu_to_be16(16);
	struct sha256_state st;
	u16 nonce_len, mac_len;
	struct tpm_buf buf;
	struct rsp r;
	u32 psize;
	int ret;

	get_random_bytes(nonce_caller, sizeof(nonce_caller));
	/* cpHash = H(commandCode || parameters); the command has no handles */
	sha256_init(&st);
	sha256_update(&st, (u8 *)&cc, sizeof(cc));
	sha256_update(&st, (u8 *)&wanted, sizeof(wanted));
	sha256_final(&st, hash);
	{
		const struct vmfence_tpm_bytes parts[] = {
			{ hash, sizeof(hash) },
			{ nonce_caller, sizeof(nonce_caller) },
			{ nonce_tpm, VMFENCE_TPM_NONCE_LEN },
			{ &attrs, 1 },
		};

		ret = vmfence_tpm_hmac(key, SHA256_DIGEST_SIZE, parts,
				       ARRAY_SIZE(parts), mac);
		if (ret)
			return ret;
	}
	ret = tpm_buf_init(&buf, TPM2_ST_SESSIONS, TPM2_CC_GET_RANDOM);
	if (ret)
		return ret;
	tpm_buf_append_u32(&buf, 4 + 2 + sizeof(nonce_caller) + 1 + 2 + sizeof(mac));
	tpm_buf_append_u32(&buf, session);
	tpm_buf_append_u16(&buf, sizeof(nonce_caller));
	tpm_buf_append(&buf, nonce_caller, sizeof(nonce_caller));
	tpm_buf_append_u8(&buf, attrs);
	tpm_buf_append_u16(&buf, sizeof(mac));
	tpm_buf_append(&buf, mac, sizeof(mac));
	tpm_buf_append_u16(&buf, be16_to_cpu(wanted));
	ret = tpm_transmit_cmd(chip, &buf, 0, "vmfence: an audited command");
	if (ret) {
		tpm_buf_destroy(&buf);
		return ret == 1 ? -EIO : ret;
	}
	rsp_init(&r, &buf);
	psize = rsp_u32(&r);
	params = rsp_take(&r, psize);
	nonce = rsp_tpm2b(&r, &nonce_len);
	rsp_attrs = rsp_take(&r, 1);
	rsp_mac = rsp_tpm2b(&r, &mac_len);
	if (r.bad || psize < 2 || nonce_len != VMFENCE_TPM_NONCE_LEN ||
	    mac_len != SHA256_DIGEST_SIZE) {
		tpm_buf_destroy(&buf);
		return -EIO;
	}
	/* rpHash = H(responseCode || commandCode || parameters) */
	sha256_init(&st);
	sha256_update(&st, (u8 *)&rc, sizeof(rc));
	sha256_update(&st, (u8 *)&cc, sizeof(cc));
	sha256_update(&st, params, psize);
	sha256_final(&st, hash);
	{
		const struct vmfence_tpm_bytes parts[] = {
			{ hash, sizeof(hash) },
			{ nonce, VMFENCE_TPM_NONCE_LEN },
			{ nonce_caller, sizeof(nonce_caller) },
			{ rsp_attrs, 1 },
		};

		ret = vmfence_tpm_hmac(key, SHA256_DIGEST_SIZE, parts,
				       ARRAY_SIZE(parts), mac);
	}
	if (!ret)
		ret = crypto_memneq(mac, rsp_mac, sizeof(mac)) ? 1 : 0;
	tpm_buf_destroy(&buf);
	return ret;
}

/* Whether a TPM refusal means the TPM could not use the certified key. */
static bool key_refused(int rc)
{
	u32 code;

	if (rc <= 1 || !(rc & RC_FMT1))
		return false;
	code = RC_FMT1_CODE(rc);
	return code == RC_VALUE || code == RC_SIZE || code == RC_AUTH_FAIL ||
	       code == RC_INTEGRITY || code == RC_BAD_AUTH || code == RC_KEY;
}

/*
 * A fresh salt for a session salted to the certified key @cert of
 * template @t, and its encryptedSalt for TPM2_StartAuthSession: RSA-OAEP
 * of a random salt for an RSA key; for an ECC key the salt of an ECDH with
 * an ephemeral key, hashed with the TPM's nameAlg @name_alg of its EK,
 * and the ephemeral point as a TPMS_ECC_POINT. Fills @detail on failure.
 */
static int make_salt(const struct ek_template *t, const struct ek_pub *cert,
		     u16 name_alg, u8 *salt, size_t *salt_len, u8 *enc,
		     size_t *enc_len, char *detail, size_t detail_len)
{
	u8 qe[2 * VMFENCE_TPM_ECC_MAX];
	const char *hash;
	int ret;

	if (t->type == ALG_RSA) {
		*salt_len = VMFENCE_TPM_SALT_LEN;
		*enc_len = RSA_2048_BYTES;
		get_random_bytes(salt, VMFENCE_TPM_SALT_LEN);
		ret = vmfence_tpm_salt_encrypt(cert->a, RSA_2048_BYTES, cert->e,
					       salt, enc);
		if (ret)
			snprintf(detail, detail_len,
				 "could not encrypt a salt (error %d)", ret);
		return ret;
	}
	if (name_alg == TPM_ALG_SHA256) {
		hash = "sha256";
		*salt_len = SHA256_DIGEST_SIZE;
	} else if (name_alg == TPM_ALG_SHA384) {
		hash = "sha384";
		*salt_len = SHA384_DIGEST_SIZE;
	} else {
		snprintf(detail, detail_len,
			 "the TPM's EK has a nameAlg vmfence does not salt with (0x%04x)",
			 name_alg);
		return -EOPNOTSUPP;
	}
	ret = vmfence_tpm_salt_ecdh(t->kpp, hash, cert->a, cert->b, t->coord,
				    salt, *salt_len, qe);
	if (ret) {
		if (ret == -ENOENT || ret == -ENOPKG)
			snprintf(detail, detail_len,
				 "could not make an ECDH salt: this kernel has no %s or no %s (error %d)",
				 t->kpp, hash, ret);
		else
			snprintf(detail, detail_len,
				 "could not make an ECDH salt with %s (error %d)",
				 t->kpp, ret);
		return ret;
	}
	/* TPMS_ECC_POINT: x and y, each a TPM2B */
	enc[0] = t->coord >> 8;
	enc[1] = t->coord;
	memcpy(enc + 2, qe, t->coord);
	enc[2 + t->coord] = t->coord >> 8;
	enc[3 + t->coord] = t->coord;
	memcpy(enc + 4 + t->coord, qe + t->coord, t->coord);
	*enc_len = 4 + 2 * t->coord;
	memzero_explicit(qe, sizeof(qe));
	return 0;
}

/*
 * The proof itself, for a certified key @cert of template @t: find or
 * create the TPM's EK (its public key into @tpm), compare it, and check a
 * session salted to @cert.
 */
static u8 prove(struct tpm_chip *chip, const struct ek_template *t,
		const struct ek_pub *cert, struct ek_pub *tpm, char *detail,
		size_t detail_len)
{
	u8 salt[VMFENCE_TPM_SALT_MAX], nonce_caller[VMFENCE_TPM_NONCE_LEN];
	u8 nonce_tpm[VMFENCE_TPM_NONCE_LEN], key[SHA256_DIGEST_SIZE];
	u8 enc[RSA_2048_BYTES];
	size_t salt_len = 0, enc_len;
	u32 ek, session;
	u8 result = VMFENCE_TPM_POSSESSION_NOT_TRIED;
	int ret;

	if (!persistent_ek(chip, t, cert, tpm)) {
		ek = t->persistent;
	} else {
		ret = create_ek(chip, t, &ek, tpm);
		if (ret) {
			snprintf(detail, detail_len, "could not create the EK (%s %d)",
				 ret > 0 ? "TPM error" : "error", ret);
			return result;
		}
	}
	if (!same_key(t, tpm, cert) && !vmfence_testhooks_tpm_trusting()) {
		snprintf(detail, detail_len,
			 "the TPM's EK is not the key in its EK certificate");
		result = VMFENCE_TPM_POSSESSION_FAILED;
		goto out_flush;
	}
	get_random_bytes(nonce_caller, sizeof(nonce_caller));
	ret = make_salt(t, cert, tpm->name_alg, salt, &salt_len, enc, &enc_len,
			detail, detail_len);
	if (ret)
		goto out_flush;
	ret = start_session(chip, ek, nonce_caller, enc, enc_len, &session,
			    nonce_tpm);
	if (ret) {
		if (key_refused(ret)) {
			snprintf(detail, detail_len,
				 "the TPM could not decrypt a salt encrypted to the certified EK (TPM error 0x%x)",
				 ret);
			result = VMFENCE_TPM_POSSESSION_FAILED;
		} else {
			snprintf(detail, detail_len, "could not start a session (%s %d)",
				 ret > 0 ? "TPM error" : "error", ret);
		}
		goto out_flush;
	}
	ret = vmfence_tpm_session_key(salt, salt_len, nonce_tpm, nonce_caller, key);
	if (!ret)
		ret = audited_command(chip, session, key, nonce_tpm);
	if (ret)
		flush(chip, session);	/* on success the session ended with it */
	if (!ret) {
		snprintf(detail, detail_len,
			 "a session salted to the certified EK answered with the right HMAC");
		result = VMFENCE_TPM_POSSESSION_PROVEN;
	} else if (ret == 1 || key_refused(ret)) {
		snprintf(detail, detail_len,
			 "the TPM does not know the key of a session salted to the certified EK (%s 0x%x)",
			 ret == 1 ? "wrong response HMAC" : "TPM error", ret);
		result = VMFENCE_TPM_POSSESSION_FAILED;
	} else {
		snprintf(detail, detail_len, "the audited command failed (%s %d)",
			 ret > 0 ? "TPM error" : "error", ret);
	}
out_flush:
	if (ek != t->persistent)
		flush(chip, ek);
	memzero_explicit(salt, sizeof(salt));
	memzero_explicit(key, sizeof(key));
	return result;
}

/**
 * vmfence_tpm_ek_prove() - prove that the TPM holds a certified EK
 * @chip: the TPM, its ops held
 * @cert: the EK certificate: an RSA-2048 key (exponent 65537), or an
 *	uncompressed point on NIST P-256 or P-384
 * @detail: set to what happened, for humans
 * @detail_len: its size
 *
 * Uses the persistent EK when provisioning left the certified key there
 * (0x81010001 for RSA, 0x81010002 for P-256, 0x81010016 for P-384), else
 * creates the EK of the EK Credential Profile's template for the key
 * (L-1, L-2 or H-3; the TPM derives the same key from its endorsement seed
 * every time) and compares its public key with the certificate's. Then,
 * whatever the TPM said its key is, opens a session salted to the
 * *certificate's* key (RSA-OAEP, or one-pass ECDH with an ephemeral key)
 * and checks the TPM's HMAC on an audited TPM2_GetRandom. A TPM that does
 * not hold the certified key's private half cannot recover the salt, and
 * so either refuses the session or answers with a wrong HMAC.
 *
 * Context: process context; sleeps (key creation in the TPM can take
 * seconds on a hardware TPM; the first ECDH may load the ecdh module).
 * Return: VMFENCE_TPM_POSSESSION_PROVEN, VMFENCE_TPM_POSSESSION_FAILED, or
 * VMFENCE_TPM_POSSESSION_NOT_TRIED when the test could not run (an
 * endorsement hierarchy with a password, a TPM error, no memory, a kernel
 * without ECDH for the curve, an EC point vmfence cannot use).
 */
u8 vmfence_tpm_ek_prove(struct tpm_chip *chip, const struct vmfence_x509 *cert,
			char *detail, size_t detail_len)
{
	const struct ek_template *t;
	struct ek_pub *pub;
	u8 result;

	if (cert->key_type == VMFENCE_X509_KEY_RSA) {
		if (cert->rsa_n_len != RSA_2048_BYTES ||
		    (cert->rsa_e && cert->rsa_e != 65537)) {
			snprintf(detail, detail_len,
				 "the certified key is not the default EK's RSA-2048 (%zu bytes, e=%u)",
				 cert->rsa_n_len, cert->rsa_e);
			return VMFENCE_TPM_POSSESSION_FAILED;
		}
		t = &ek_rsa2048;
	} else if (cert->key_type == VMFENCE_X509_KEY_EC && cert->ec_x) {
		t = cert->ec_curve == VMFENCE_X509_NIST_P256 ? &ek_p256 : &ek_p384;
	} else {
		snprintf(detail, detail_len, "the certified key cannot be tested: %s",
			 cert->key_type != VMFENCE_X509_KEY_EC ?
			 "it is neither RSA nor ECC" : cert->ec_problem);
		return VMFENCE_TPM_POSSESSION_NOT_TRIED;
	}
	/* the certificate's key, and the TPM's */
	pub = kcalloc(2, sizeof(*pub), GFP_KERNEL);
	if (!pub) {
		snprintf(detail, detail_len, "out of memory (error %d)", -ENOMEM);
		return VMFENCE_TPM_POSSESSION_NOT_TRIED;
	}
	if (t->type == ALG_RSA) {
		memcpy(pub->a, cert->rsa_n, RSA_2048_BYTES);
		pub->e = cert->rsa_e;
	} else {
		memcpy(pub->a, cert->ec_x, t->coord);
		memcpy(pub->b, cert->ec_y, t->coord);
	}
	result = prove(chip, t, &pub[0], &pub[1], detail, detail_len);
	kfree(pub);
	return result;
}
