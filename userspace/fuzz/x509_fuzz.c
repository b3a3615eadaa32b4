// SPDX-License-Identifier: GPL-2.0
/* x509_fuzz.c - libFuzzer target: the certificate reader and name printer */

#include <stdlib.h>
#include <string.h>

#include "core/x509.h"
#include "core/tpm_issuers.h"

/* Every field must lie inside the input; the names must print or fail. */
static int inside(const u8 *base, size_t len, const u8 *p, size_t n)
{
	return !p ? !n : p >= base && n <= len && (size_t)(p - base) <= len - n;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vmfence_x509 c;
	char text[128];
	int r;

	r = vmfence_x509_parse(data, size, &c);
	if (r && r != -EBADMSG)
		abort();
	if (r)
		return 0;
	if (c.cert_len > size || !inside(data, size, c.tbs, c.tbs_len) ||
	    !inside(data, size, c.issuer, c.issuer_len) ||
	    !inside(data, size, c.subject, c.subject_len) ||
	    !inside(data, size, c.spki, c.spki_len) ||
	    !inside(data, size, c.rsa_n, c.rsa_n_len) ||
	    !inside(data, size, c.sig, c.sig_len) ||
	    !inside(data, size, c.akid, c.akid_len))
		abort();
	r = vmfence_x509_name_print(c.issuer, c.issuer_len, text, sizeof(text));
	if ((r < 0 && r != -ENOSPC) || strlen(text) >= sizeof(text))
		abort();
	vmfence_tpm_issuer_virtual(text, NULL);
	r = vmfence_x509_name_print(c.subject, c.subject_len, text, sizeof(text));
	if (r < 0 && r != -ENOSPC)
		abort();
	return 0;
}
