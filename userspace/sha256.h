/* SPDX-License-Identifier: GPL-2.0 */
/* sha256.h - SHA-256 (FIPS 180-4), for the policy digest */
#ifndef VMFENCECTL_SHA256_H
#define VMFENCECTL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE	32
/* Hex digits and NUL. */
#define SHA256_HEX_SIZE		(2 * SHA256_DIGEST_SIZE + 1)

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;		/* hashed so far */
	unsigned char block[64];
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char digest[SHA256_DIGEST_SIZE]);
/* The digest of (data, len) as lower-case hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

#endif /* VMFENCECTL_SHA256_H */
