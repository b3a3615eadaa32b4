// SPDX-License-Identifier: GPL-2.0
/*
 * anchors.c - the TPM EK trust anchors, and the chain check against them
 *
 * Anchors are CA certificates, each an "asymmetric" key in a keyring the
 * module allocates and links nowhere: no user keyring holds it, so only the
 * module (the possessor of its pointer) can search or write it; users may
 * view it. Checking an EK certificate loads it into a scratch keyring, which
 * has the kernel's X.509 parser turn it into a key and its signature, then
 * looks the signer up among the anchors by the certificate's Authority Key
 * Identifier and has the kernel verify the signature: the same steps as the
 * kernel's restrict_link_by_signature(), which modules cannot call.
 *
 * The kernel's X.509 parser refuses a certificate whose subject is empty
 * (-EBADMSG on Linux 6.1 and 6.18), and that is the TCG EK profile's subject.
 * Such a certificate is checked from vmfence_x509_parse()'s reading
 * instead: the TBSCertificate hashed here, the signature, the signer found
 * by the Authority Key Identifier, and the kernel's verify_signature()
 * judging, as it would have.
 *
 * Anchors are only ever added; they go when the module does. Locking the
 * policy locks them too (vmfence_tpm_anchors_lock(), under add_lock, so that
 * no add that began before the lock completes after it).
 */

#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/key.h>
#include <linux/mutex.h>
#include <crypto/hash.h>
#include <crypto/public_key.h>
#include <crypto/sha2.h>
#include <keys/asymmetric-type.h>

#include "core/x509.h"
#include "tpm/anchors.h"

/* What the module may do with its keyrings and keys; users may only look. */
#define KEYRING_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | \
			 KEY_POS_SEARCH | KEY_USR_VIEW)
#define KEY_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_SEARCH | \
			 KEY_USR_VIEW)

/*
 * anchors: the keyring; set by vmfence_tpm_anchors_init() before anything
 * can add or verify, put by vmfence_tpm_anchors_exit() after nothing can;
 * constant in between. The keyring's own lock orders its readers and
 * writers.
 */
static struct key *anchors;

/*
 * add_lock: serialises adds, so that the bound and the duplicate check
 * hold; guards anchor_count and anchor_digests. Taken in process context
 * only (key creation sleeps).
 */
static DEFINE_MUTEX(add_lock);

/* anchors_locked: no add after it is set. Written under add_lock, read with READ_ONCE. */
static bool anchors_locked;

/* anchor_count: anchors added. Written under add_lock, read with READ_ONCE. */
static unsigned int anchor_count;

/* anchor_digests: SHA-256 of each anchor's DER, [0, anchor_count); add_lock. */
static u8 anchor_digests[VMFENCE_TPM_ANCHORS_MAX][SHA256_DIGEST_SIZE];

/**
 * vmfence_tpm_anchors_init() - allocate the anchors' keyring
 *
 * Context: process context (module init); sleeps.
 * Return: 0, or the error keyring_alloc() gave (-ENOMEM...).
 */
int vmfence_tpm_anchors_init(void)
{
	struct key *k;

	k = keyring_alloc(".vmfence_tpm_anchors", GLOBAL_ROOT_UID,
			  GLOBAL_ROOT_GID, current_cred(), KEYRING_PERM,
			  KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(k))
		return PTR_ERR(k);
	anchors = k;
	return 0;
}

/**
 * vmfence_tpm_anchors_exit() - drop the anchors
 *
 * Context: process context (module exit), once nothing can add or verify.
 */
void vmfence_tpm_anchors_exit(void)
{
	key_put(anchors);
	anchors = NULL;
	anchor_count = 0;
}

/* Load a certificate as a key into @keyring; errors as the kernel gave. */
static struct key *load(struct key *keyring, const u8 *der, size_t len)
{
	key_ref_t ref;

	ref = key_create_or_update(make_key_ref(keyring, true), "asymmetric",
				   NULL, der, len, KEY_PERM,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(ref))
		return ERR_CAST(ref);
	return key_ref_to_ptr(ref);
}

/*
 * The kernel's reasons, as the anchor and chain calls give them: no
 * algorithm (a crypto module missing: -ENOENT) is -ENOPKG.
 */
static int unsupported_is_enopkg(int err)
{
	return err == -ENOENT ? -ENOPKG : err;
}

/**
 * vmfence_tpm_anchor_add() - trust a CA certificate
 * @der: the certificate, DER, exactly
 * @len: its size
 *
 * The certificate must parse both with vmfence_x509_parse() (and fill
 * @len) and with the kernel's X.509 parser. A self-signed certificate's
 * signature is checked as it loads. Adding the same bytes twice fails; a
 * different certificate for the same key and subject name (a re-issued CA)
 * replaces the earlier one in the keyring, which verifies the same EKs.
 *
 * Context: process context; sleeps. Takes add_lock.
 * Return: 0; -EPERM once the anchors are locked; -EBADMSG if @der is not a
 * certificate; -EEXIST if it is an
 * anchor already; -ENOSPC if VMFENCE_TPM_ANCHORS_MAX are loaded; -ENOPKG if
 * this kernel cannot parse its key or check its self-signature (e.g. ECDSA
 * without CONFIG_CRYPTO_ECDSA); -EKEYREJECTED if its self-signature is
 * wrong or the kernel blacklists it; -ENOMEM.
 */
int vmfence_tpm_anchor_add(const u8 *der, size_t len)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct vmfence_x509 cert;
	struct key *key;
	unsigned int i;
	int ret = 0;

	might_sleep();
	if (!der || len > U32_MAX || vmfence_x509_parse(der, len, &cert) ||
	    cert.cert_len != len)
		return -EBADMSG;
	sha256(der, len, digest);

	mutex_lock(&add_lock);
	if (anchors_locked) {
		ret = -EPERM;
		goto out;
	}
	for (i = 0; i < anchor_count; i++) {
		if (!memcmp(anchor_digests[i], digest, sizeof(digest))) {
			ret = -EEXIST;
			goto out;
		}
	}
	if (anchor_count >= VMFENCE_TPM_ANCHORS_MAX) {
		ret = -ENOSPC;
		goto out;
	}
	key = load(anchors, der, len);
	if (IS_ERR(key)) {
		ret = unsupported_is_enopkg(PTR_ERR(key));
		if (ret != -ENOMEM && ret != -ENOPKG && ret != -EKEYREJECTED)
			ret = -EBADMSG;
		goto out;
	}
	key_put(key);		/* the keyring holds it */
	memcpy(anchor_digests[anchor_count], digest, sizeof(digest));
	WRITE_ONCE(anchor_count, anchor_count + 1);
out:
	mutex_unlock(&add_lock);
	return ret;
}

/**
 * vmfence_tpm_anchors_lock() - refuse every add from now on, until reboot
 *
 * Called when the policy locks. An add in progress completes first.
 *
 * Context: process context; sleeps. Takes add_lock.
 */
void vmfence_tpm_anchors_lock(void)
{
	mutex_lock(&add_lock);
	WRITE_ONCE(anchors_locked, true);
	mutex_unlock(&add_lock);
}

/**
 * vmfence_tpm_anchors_locked() - whether the anchors are locked
 *
 * Context: any context.
 * Return: true once vmfence_tpm_anchors_lock() ran.
 */
bool vmfence_tpm_anchors_locked(void)
{
	return READ_ONCE(anchors_locked);
}

/**
 * vmfence_tpm_anchor_count() - how many anchors are loaded
 *
 * Context: any context.
 * Return: the number of certificates vmfence_tpm_anchor_add() accepted.
 */
unsigned int vmfence_tpm_anchor_count(void)
{
	return READ_ONCE(anchor_count);
}

/* The kernel's names for a signature algorithm vmfence_x509_parse() read. */
static const struct {
	const char *pkey;
	const char *hash;
	const char *encoding;
} sig_names[] = {
	[VMFENCE_X509_SIG_RSA_SHA1] = { "rsa", "sha1", "pkcs1" },
	[VMFENCE_X509_SIG_RSA_SHA256] = { "rsa", "sha256", "pkcs1" },
	[VMFENCE_X509_SIG_RSA_SHA384] = { "rsa", "sha384", "pkcs1" },
	[VMFENCE_X509_SIG_RSA_SHA512] = { "rsa", "sha512", "pkcs1" },
	[VMFENCE_X509_SIG_ECDSA_SHA256] = { "ecdsa", "sha256", "x962" },
	[VMFENCE_X509_SIG_ECDSA_SHA384] = { "ecdsa", "sha384", "x962" },
	[VMFENCE_X509_SIG_ECDSA_SHA512] = { "ecdsa", "sha512", "x962" },
};

/*
 * Verify @cert's signature with the anchor its Authority Key Identifier
 * names, from vmfence_x509_parse()'s reading: for the certificates the
 * kernel's parser refuses. Returns as vmfence_tpm_chain_verify().
 */
static int verify_parsed(const struct vmfence_x509 *cert)
{
	struct public_key_signature sig = {};
	struct asymmetric_key_id *id;
	struct crypto_shash *tfm;
	struct key *ca;
	int ret;

	if (cert->sig_alg == VMFENCE_X509_SIG_OTHER ||
	    cert->sig_alg >= ARRAY_SIZE(sig_names))
		return -ENOPKG;
	if (!cert->akid)
		return -ENOKEY;
	id = asymmetric_key_generate_id(cert->akid, cert->akid_len, "", 0);
	if (IS_ERR(id))
		return PTR_ERR(id);
	ca = find_asymmetric_key(anchors, NULL, id, NULL, false);
	kfree(id);
	if (IS_ERR(ca))
		return -ENOKEY;

	tfm = crypto_alloc_shash(sig_names[cert->sig_alg].hash, 0, 0);
	if (IS_ERR(tfm)) {
		ret = unsupported_is_enopkg(PTR_ERR(tfm));
		goto out_ca;
	}
	sig.digest_size = crypto_shash_digestsize(tfm);
	sig.digest = kmalloc(sig.digest_size, GFP_KERNEL);
	sig.s = kmemdup(cert->sig, cert->sig_len, GFP_KERNEL);
	ret = -ENOMEM;
	if (!sig.digest || !sig.s)
		goto out_sig;
	sig.s_size = cert->sig_len;
	sig.pkey_algo = sig_names[cert->sig_alg].pkey;
	sig.hash_algo = sig_names[cert->sig_alg].hash;
	sig.encoding = sig_names[cert->sig_alg].encoding;
	ret = crypto_shash_tfm_digest(tfm, cert->tbs, cert->tbs_len, sig.digest);
	if (!ret)
		ret = unsupported_is_enopkg(verify_signature(ca, &sig));
out_sig:
	kfree(sig.s);
	kfree(sig.digest);
	crypto_free_shash(tfm);
out_ca:
	key_put(ca);
	return ret;
}

/**
 * vmfence_tpm_chain_verify() - did an anchor sign this certificate?
 * @der: an EK (or intermediate) certificate, DER; bytes after it are
 *	ignored, as TPM NV indexes pad their certificates
 * @len: bytes at @der
 *
 * One link: the anchor must be the certificate's issuer itself, found by
 * the certificate's Authority Key Identifier (the TCG EK profile requires
 * one). A certificate the kernel's X.509 parser refuses but
 * vmfence_x509_parse() reads (an empty subject) is checked from that
 * reading, with the kernel's signature code still judging. Dates are not
 * checked: a TPM's EK certificate outlives its CA's validity as often as
 * not, and the kernel has no trusted clock at boot.
 *
 * Context: process context; sleeps. Safe against concurrent adds.
 * Return: 0 if an anchor signed it; -ENOKEY if none did (or the certificate
 * names no Authority Key Identifier); -EKEYREJECTED if the signature is
 * wrong (whatever the kernel's signature code called it); -ENOPKG if this
 * kernel cannot verify the signature's algorithm (stock Debian 6.1: ECDSA)
 * or parse the key; -EBADMSG if @der is not a
 * certificate; -ENOMEM.
 */
int vmfence_tpm_chain_verify(const u8 *der, size_t len)
{
	const struct public_key_signature *sig;
	struct vmfence_x509 cert;
	struct key *scratch, *ek, *ca;
	int ret;

	might_sleep();
	if (!der || vmfence_x509_parse(der, len, &cert) ||
	    cert.cert_len > U32_MAX)
		return -EBADMSG;
	scratch = keyring_alloc(".vmfence_tpm_ek", GLOBAL_ROOT_UID,
				GLOBAL_ROOT_GID, current_cred(), KEYRING_PERM,
				KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(scratch))
		return PTR_ERR(scratch);
	ek = load(scratch, der, cert.cert_len);
	if (IS_ERR(ek)) {
		ret = unsupported_is_enopkg(PTR_ERR(ek));
		if (ret == -EBADMSG)	/* e.g. the EK profile's empty subject */
			ret = verify_parsed(&cert);
		else if (ret != -ENOMEM && ret != -ENOPKG)
			ret = -EKEYREJECTED;	/* -EINVAL: algorithms disagree */
		goto out_scratch;
	}
	sig = ek->payload.data[asym_auth];
	if (!sig || (!sig->auth_ids[0] && !sig->auth_ids[1] &&
		     !sig->auth_ids[2])) {
		ret = -ENOKEY;
		goto out_ek;
	}
	ca = find_asymmetric_key(anchors, sig->auth_ids[0], sig->auth_ids[1],
				 sig->auth_ids[2], false);
	if (IS_ERR(ca)) {
		ret = -ENOKEY;
		goto out_ek;
	}
	ret = unsupported_is_enopkg(verify_signature(ca, sig));
	key_put(ca);
out_ek:
	key_put(ek);
out_scratch:
	key_put(scratch);
	/*
	 * The certificate parsed and its algorithms are known, so a signature
	 * the kernel cannot decode is a wrong one: RSA PKCS#1 reports a bad
	 * padding as -EBADMSG, a decrypted block of the wrong size as -EINVAL.
	 */
	return ret == -EBADMSG || ret == -EINVAL ? -EKEYREJECTED : ret;
	return ret;
}
