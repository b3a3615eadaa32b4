// SPDX-License-Identifier: GPL-2.0
/* digest.c - the policy digest (SHA-256), from OpenSSL's libcrypto */

/*
 * The digest auditors compare comes from a maintained implementation:
 * OpenSSL's EVP interface, which also serves a host that runs OpenSSL in
 * FIPS mode (the default provider's SHA-256, or the FIPS provider's).
 */
#include <errno.h>
#include <stdio.h>

#include <openssl/evp.h>

#include "digest.h"

int digest_sha256_hex(const void *data, size_t len, char hex[DIGEST_SHA256_HEX_SIZE])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	hex[0] = '\0';
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) ||
	    n != DIGEST_SHA256_SIZE)
		return -EIO;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}
