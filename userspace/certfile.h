/* SPDX-License-Identifier: GPL-2.0 */
/* certfile.h - X.509 certificates from PEM or DER files, for "tpm trust" */
#ifndef VMFENCECTL_CERTFILE_H
#define VMFENCECTL_CERTFILE_H

#include <stddef.h>

/* One certificate, DER, and where it came from. */
struct ctl_cert {
	const char *file;	/* the name given, not copied */
	unsigned int index;	/* 1-based position in @file */
	unsigned int of;	/* certificates in @file */
	unsigned char *der;
	size_t len;
};

struct ctl_certs {
	struct ctl_cert *v;
	size_t n, cap;
};

/*
 * Append the certificates in @data (@len bytes, the content of @file): a
 * single DER certificate, or PEM text of "CERTIFICATE" blocks (text around
 * the blocks is ignored). Each must parse as X.509 and take at most
 * VMFENCE_TPM_CERT_MAX bytes. On error nothing is appended and @why
 * (@why_len bytes) says what is wrong, naming the block.
 * Return 0, -EBADMSG (malformed), -EMSGSIZE (too large), -ENODATA (no
 * certificate), or -ENOMEM.
 */
int ctl_certs_parse(struct ctl_certs *certs, const char *file,
		    const unsigned char *data, size_t len, char *why,
		    size_t why_len);

/* ctl_certs_parse() on the content of @path; -errno when it does not read. */
int ctl_certs_read(struct ctl_certs *certs, const char *path, char *why,
		   size_t why_len);

void ctl_certs_free(struct ctl_certs *certs);

#endif /* VMFENCECTL_CERTFILE_H */
