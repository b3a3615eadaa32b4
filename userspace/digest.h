/* SPDX-License-Identifier: GPL-2.0 */
/* digest.h - the policy digest (SHA-256), from OpenSSL's libcrypto */
#ifndef VMFENCECTL_DIGEST_H
#define VMFENCECTL_DIGEST_H

#include <stddef.h>

#define DIGEST_SHA256_SIZE	32
/* Hex digits and NUL. */
#define DIGEST_SHA256_HEX_SIZE	(2 * DIGEST_SHA256_SIZE + 1)

/*
 * digest_sha256_hex() - the SHA-256 of (@data, @len) as lower-case hex.
 *
 * Return: 0, or -EIO when libcrypto refuses (no SHA-256 in the active
 * provider); @hex is then the empty string.
 */
int digest_sha256_hex(const void *data, size_t len, char hex[DIGEST_SHA256_HEX_SIZE]);

#endif /* VMFENCECTL_DIGEST_H */
