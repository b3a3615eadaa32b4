// SPDX-License-Identifier: GPL-2.0
/* certfile.c - X.509 certificates from PEM or DER files, for "tpm trust" */

/*
 * PEM's base64 and the X.509 syntax check are OpenSSL's: vmfencectl links
 * libcrypto already (digest.c), so nothing here decodes by hand. The check
 * lets a malformed file be refused before anything reaches the module; the
 * module parses each certificate again and remains the judge.
 */

#define _GNU_SOURCE		/* memmem */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <linux/vmfence.h>

#include "certfile.h"

/* A file of CA certificates is small; a larger one is a mistake. */
#define CERTFILE_MAX	(1 << 20)

#define PEM_BEGIN	"-----BEGIN "

/* Whether @der (@len bytes) is exactly one X.509 certificate. */
static int is_x509(const unsigned char *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x;

	if (!len || len > CERTFILE_MAX)
		return 0;
	x = d2i_X509(NULL, &p, (long)len);
	if (!x)
		return 0;
	X509_free(x);
	ERR_clear_error();
	return p == der + len;
}

static int add(struct ctl_certs *certs, const char *file,
	       const unsigned char *der, size_t len)
{
	struct ctl_cert *c;
	void *v;

	if (certs->n == certs->cap) {
		v = realloc(certs->v, (certs->cap ? 2 * certs->cap : 16) * sizeof(*c));
		if (!v)
			return -ENOMEM;
		certs->v = v;
		certs->cap = certs->cap ? 2 * certs->cap : 16;
	}
	c = &certs->v[certs->n];
	c->der = malloc(len);
	if (!c->der)
		return -ENOMEM;
	memcpy(c->der, der, len);
	c->len = len;
	c->file = file;
	certs->n++;
	return 0;
}

/* Drop what was appended since @n0. */
static void truncate_to(struct ctl_certs *certs, size_t n0)
{
	while (certs->n > n0)
		free(certs->v[--certs->n].der);
}

static size_t count_begin(const unsigned char *data, size_t len)
{
	const unsigned char *p = data, *end = data + len;
	size_t n = 0, k = strlen(PEM_BEGIN);

	while ((p = memmem(p, end - p, PEM_BEGIN, k))) {
		n++;
		p += k;
	}
	return n;
}

static int too_large(const char *file, unsigned int block, size_t len,
		     char *why, size_t why_len)
{
	snprintf(why, why_len,
		 "%s: certificate %u is %zu bytes, more than the %u the module takes",
		 file, block, len, VMFENCE_TPM_CERT_MAX);
	return -EMSGSIZE;
}

/* Each PEM block in turn; every one must be a certificate. */
static int parse_pem(struct ctl_certs *certs, const char *file,
		     const unsigned char *data, size_t len, char *why,
		     size_t why_len)
{
	size_t begins = count_begin(data, len);
	unsigned char *der = NULL;
	char *name = NULL, *hdr = NULL;
	unsigned int block = 0;
	unsigned long e;
	long der_len;
	BIO *bio;
	int ret = 0;

	bio = BIO_new_mem_buf(data, (int)len);
	if (!bio)
		return -ENOMEM;
	for (;;) {
		ERR_clear_error();
		if (!PEM_read_bio(bio, &name, &hdr, &der, &der_len)) {
			e = ERR_peek_last_error();
			if (ERR_GET_LIB(e) == ERR_LIB_PEM &&
			    ERR_GET_REASON(e) == PEM_R_NO_START_LINE &&
			    block == begins)
				break;
			snprintf(why, why_len, "%s: PEM block %u is malformed (%s)",
				 file, block + 1,
				 ERR_GET_REASON(e) == PEM_R_NO_START_LINE ||
				 !ERR_reason_error_string(e) ? "a cut BEGIN line" :
				 ERR_reason_error_string(e));
			ret = -EBADMSG;
			break;
		}
		block++;
		if (strcmp(name, "CERTIFICATE")) {
			snprintf(why, why_len,
				 "%s: PEM block %u is a '%s', not a CERTIFICATE",
				 file, block, name);
			ret = -EBADMSG;
		} else if (hdr && *hdr) {
			snprintf(why, why_len,
				 "%s: PEM block %u has headers; a certificate has none",
				 file, block);
			ret = -EBADMSG;
		} else if (!is_x509(der, der_len)) {
			snprintf(why, why_len,
				 "%s: PEM block %u is not an X.509 certificate",
				 file, block);
			ret = -EBADMSG;
		} else if ((size_t)der_len > VMFENCE_TPM_CERT_MAX) {
			ret = too_large(file, block, der_len, why, why_len);
		} else {
			ret = add(certs, file, der, der_len);
		}
		OPENSSL_free(name);
		OPENSSL_free(hdr);
		OPENSSL_free(der);
		if (ret)
			break;
	}
	ERR_clear_error();
	BIO_free(bio);
	return ret;
}

int ctl_certs_parse(struct ctl_certs *certs, const char *file,
		    const unsigned char *data, size_t len, char *why,
		    size_t why_len)
{
	size_t n0 = certs->n, i;
	int ret;

	why[0] = '\0';
	if (len > CERTFILE_MAX) {
		snprintf(why, why_len, "%s: more than %d bytes; not a certificate file",
			 file, CERTFILE_MAX);
		return -EMSGSIZE;
	}
	if (len && data[0] == 0x30 && is_x509(data, len)) {
		if (len > VMFENCE_TPM_CERT_MAX)
			return too_large(file, 1, len, why, why_len);
		ret = add(certs, file, data, len);
	} else if (count_begin(data, len)) {
		ret = parse_pem(certs, file, data, len, why, why_len);
	} else if (len && data[0] == 0x30) {
		snprintf(why, why_len,
			 "%s: not one whole DER X.509 certificate (cut short, or more after it)",
			 file);
		return -EBADMSG;
	} else {
		snprintf(why, why_len,
			 "%s: neither PEM certificates nor one DER certificate", file);
		return len ? -EBADMSG : -ENODATA;
	}
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(why, why_len, "%s: out of memory", file);
		truncate_to(certs, n0);
		return ret;
	}
	for (i = n0; i < certs->n; i++) {
		certs->v[i].index = i - n0 + 1;
		certs->v[i].of = certs->n - n0;
	}
	return 0;
}

int ctl_certs_read(struct ctl_certs *certs, const char *path, char *why,
		   size_t why_len)
{
	unsigned char *buf;
	size_t len;
	FILE *f;
	int ret;

	f = fopen(path, "rbe");
	if (!f) {
		ret = -errno;
		snprintf(why, why_len, "%s: %s", path, strerror(-ret));
		return ret;
	}
	buf = malloc(CERTFILE_MAX + 1);
	if (!buf) {
		fclose(f);
		snprintf(why, why_len, "%s: out of memory", path);
		return -ENOMEM;
	}
	errno = 0;
	len = fread(buf, 1, CERTFILE_MAX + 1, f);
	if (ferror(f)) {
		ret = errno ? -errno : -EIO;
		snprintf(why, why_len, "%s: %s", path, strerror(-ret));
	} else {
		ret = ctl_certs_parse(certs, path, buf, len, why, why_len);
	}
	fclose(f);
	free(buf);
	return ret;
}

void ctl_certs_free(struct ctl_certs *certs)
{
	truncate_to(certs, 0);
	free(certs->v);
	certs->v = NULL;
	certs->cap = 0;
}
