// SPDX-License-Identifier: GPL-2.0
/*
 * certfile_test.c - "tpm trust" splits PEM and DER files into certificates,
 * and refuses truncated, wrong-type, non-X.509 and oversized ones whole
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <linux/vmfence.h>

#include "../certfile.h"
#include "tap.h"

/* A growing byte buffer: the content of one test file. */
struct buf {
	unsigned char *p;
	size_t len;
};

static void append(struct buf *b, const void *data, size_t len)
{
	b->p = realloc(b->p, b->len + len + 1);
	if (!b->p)
		abort();
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

static void append_str(struct buf *b, const char *s)
{
	append(b, s, strlen(s));
}

/* A self-signed P-256 certificate for CN=@cn, with @comment_len bytes of comment. */
static X509 *make_cert(const char *cn, size_t comment_len, EVP_PKEY **keyp)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509_NAME *name;
	ASN1_IA5STRING *comment;
	char *text;

	if (!key || !x)
		abort();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, name);
	if (comment_len) {
		text = malloc(comment_len + 1);
		memset(text, 'x', comment_len);
		text[comment_len] = '\0';
		comment = ASN1_IA5STRING_new();
		ASN1_STRING_set(comment, text, (int)comment_len);
		X509_add1_ext_i2d(x, NID_netscape_comment, comment, 0, 0);
		ASN1_IA5STRING_free(comment);
		free(text);
	}
	if (!X509_sign(x, key, EVP_sha256()))
		abort();
	*keyp = key;
	return x;
}

static void der_of(X509 *x, struct buf *b)
{
	unsigned char *der = NULL;
	int len = i2d_X509(x, &der);

	if (len <= 0)
		abort();
	append(b, der, len);
	OPENSSL_free(der);
}

static void pem_of(X509 *x, struct buf *b)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long len;

	PEM_write_bio_X509(bio, x);
	len = BIO_get_mem_data(bio, &data);
	append(b, data, len);
	BIO_free(bio);
}

static void key_pem_of(EVP_PKEY *key, struct buf *b)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long len;

	PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL);
	len = BIO_get_mem_data(bio, &data);
	append(b, data, len);
	BIO_free(bio);
}

static int parse(struct ctl_certs *c, const struct buf *b, char *why)
{
	return ctl_certs_parse(c, "f.pem", b->p, b->len, why, 512);
}

int main(void)
{
	struct buf der_a = { 0 }, der_b = { 0 }, pem_a = { 0 }, pem_b = { 0 };
	struct buf f = { 0 };
	struct ctl_certs c = { 0 };
	EVP_PKEY *key_a, *key_b, *key_big;
	X509 *a, *b, *big;
	char why[512];
	int ret;

	a = make_cert("vmfence test CA A", 0, &key_a);
	b = make_cert("vmfence test CA B", 0, &key_b);
	big = make_cert("vmfence test CA big", VMFENCE_TPM_CERT_MAX, &key_big);
	der_of(a, &der_a);
	der_of(b, &der_b);
	pem_of(a, &pem_a);
	pem_of(b, &pem_b);

	ret = parse(&c, &pem_a, why);
	tap_ok(!ret && c.n == 1 && c.v[0].len == der_a.len &&
	       !memcmp(c.v[0].der, der_a.p, der_a.len) && c.v[0].index == 1 &&
	       c.v[0].of == 1, "one PEM certificate gives its DER");
	ctl_certs_free(&c);

	append_str(&f, "# manufacturer bundle\nSubject: CN=A\n");
	append(&f, pem_a.p, pem_a.len);
	append_str(&f, "\ncomment between\n");
	append(&f, pem_b.p, pem_b.len);
	ret = parse(&c, &f, why);
	tap_ok(!ret && c.n == 2 && c.v[1].len == der_b.len &&
	       !memcmp(c.v[1].der, der_b.p, der_b.len) && c.v[0].index == 1 &&
	       c.v[1].index == 2 && c.v[1].of == 2,
	       "two PEM certificates with text around them: both, in order");
	ctl_certs_free(&c);

	ret = parse(&c, &der_a, why);
	tap_ok(!ret && c.n == 1 && c.v[0].len == der_a.len &&
	       !memcmp(c.v[0].der, der_a.p, der_a.len), "one DER certificate");

	/* c keeps that one: a refused file must append nothing. */
	f.len = 0;
	append(&f, pem_a.p, pem_a.len);
	append(&f, pem_b.p, pem_b.len - 40);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1 && strstr(why, "PEM block 2 is malformed"),
	       "a PEM file cut inside its second block: refused whole (%s)", why);

	f.len = 0;
	append(&f, pem_a.p, pem_a.len);
	append_str(&f, "-----BEGIN CERTIF");
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1 && strstr(why, "PEM block 2"),
	       "a PEM file cut inside a BEGIN line: refused (%s)", why);

	f.len = 0;
	append(&f, pem_a.p, pem_a.len);
	key_pem_of(key_a, &f);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1 &&
	       strstr(why, "f.pem: PEM block 2 is a 'PRIVATE KEY', not a CERTIFICATE"),
	       "a private key after a certificate: refused, naming file and block (%s)",
	       why);

	f.len = 0;
	append_str(&f, "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n"
		   "-----END CERTIFICATE-----\n");
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1 && strstr(why, "not an X.509 certificate"),
	       "a CERTIFICATE block that is not X.509: refused (%s)", why);

	f.len = 0;
	append(&f, der_a.p, der_a.len - 1);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1, "a DER certificate one byte short: refused (%s)",
	       why);

	f.len = 0;
	append(&f, der_a.p, der_a.len);
	append(&f, der_b.p, der_b.len);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EBADMSG && c.n == 1,
	       "DER with bytes after the certificate: refused (%s)", why);

	f.len = 0;
	ret = parse(&c, &f, why);
	tap_ok(ret == -ENODATA && c.n == 1, "an empty file: refused (%s)", why);

	f.len = 0;
	der_of(big, &f);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EMSGSIZE && c.n == 1 && strstr(why, "4096"),
	       "a DER certificate over VMFENCE_TPM_CERT_MAX: refused locally (%s)", why);

	f.len = 0;
	pem_of(big, &f);
	ret = parse(&c, &f, why);
	tap_ok(ret == -EMSGSIZE && c.n == 1, "the same in PEM: refused locally (%s)", why);

	ret = ctl_certs_read(&c, "/nonexistent/ca.pem", why, sizeof(why));
	tap_ok(ret == -ENOENT && c.n == 1 && !strcmp(why, "/nonexistent/ca.pem: No such file or directory"),
	       "a missing file: its name and strerror (%s)", why);
	ctl_certs_free(&c);

	X509_free(a);
	X509_free(b);
	X509_free(big);
	EVP_PKEY_free(key_a);
	EVP_PKEY_free(key_b);
	EVP_PKEY_free(key_big);
	free(der_a.p);
	free(der_b.p);
	free(pem_a.p);
	free(pem_b.p);
	free(f.p);
	return tap_done();
}
