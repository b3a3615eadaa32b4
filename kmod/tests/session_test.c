// SPDX-License-Identifier: GPL-2.0
/* session_test.c - KUnit: the TPM's KDFe against vectors computed by Python */

#include <kunit/test.h>

#include "tpm/session.h"

/*
 * The inputs: Z = 00 01 .. , partyUInfo = 40 41 .. , partyVInfo = 80 81 ..
 * (32 bytes each for SHA-256, 48 for SHA-384), the label "SECRET". The
 * expected bytes come from this, run on the host (python3 hashlib):
 *
 *   import hashlib
 *   def kdfe(h, z, label, u, v, n):
 *       out, i = b'', 1
 *       while len(out) < n:
 *           out += hashlib.new(h, i.to_bytes(4, 'big') + z + label +
 *                              b'\0' + u + v).digest()
 *           i += 1
 *       return out[:n]
 *   z, u, v = bytes(range(48)), bytes(range(0x40, 0x70)), bytes(range(0x80, 0xb0))
 *   kdfe('sha256', z[:32], b'SECRET', u[:32], v[:32], 40)  # and 32
 *   kdfe('sha384', z, b'SECRET', u, v, 48)
 */
static const u8 kdfe_sha256_40[] = {
	0x8f, 0xd4, 0xa6, 0xb2, 0x21, 0x28, 0xda, 0x55, 0xbc, 0xda, 0x0a,
	0xb3, 0x60, 0xe3, 0x5d, 0xd7, 0x24, 0xa2, 0x85, 0xe2, 0x15, 0x57,
	0xf2, 0xfc, 0xd9, 0x2a, 0x62, 0xd4, 0x18, 0xc0, 0x21, 0x0c, 0x0a,
	0xfb, 0x39, 0x4e, 0x07, 0xe7, 0xb8, 0x48,
};

static const u8 kdfe_sha384_48[] = {
	0x75, 0x4e, 0x6a, 0x03, 0x7f, 0xfd, 0xa7, 0x3e, 0x22, 0x2c, 0x20,
	0x24, 0xa8, 0x30, 0x20, 0x94, 0x39, 0x72, 0x21, 0x63, 0x0a, 0xa4,
	0x3c, 0x6e, 0x59, 0xad, 0x37, 0x99, 0x0e, 0x2d, 0x04, 0x74, 0x62,
	0xf7, 0x66, 0xf0, 0x0c, 0x74, 0x66, 0x35, 0x9e, 0x61, 0xa2, 0xd0,
	0xde, 0x7a, 0x13, 0xf4,
};

/*
 * KDFe over the inputs above, @n bytes each (Z from 00, partyUInfo from
 * 40, partyVInfo from 80), into @out.
 */
static int kdfe(const char *hash, size_t n, const char *label, u8 *out,
		size_t out_len)
{
	u8 z[48], u[48], v[48];
	size_t i;

	for (i = 0; i < n; i++) {
		z[i] = i;
		u[i] = 0x40 + i;
		v[i] = 0x80 + i;
	}
	return vmfence_tpm_kdfe(hash, z, n, label, u, n, v, n, out, out_len);
}

/*
 * Each case: what it shows, the hash, the inputs' size, the label, the
 * output's size, the expected bytes, and whether they must match.
 */
static const struct {
	const char *what;
	const char *hash;
	size_t n;
	const char *label;
	size_t out_len;
	const u8 *want;
	bool equal;
} kdfe_cases[] = {
	{ "one SHA-256 block: the salt of a P-256 EK (nameAlg SHA-256)",
	  "sha256", 32, "SECRET", 32, kdfe_sha256_40, true },
	{ "40 bytes: the counter moves to 2, the second block is cut",
	  "sha256", 32, "SECRET", 40, kdfe_sha256_40, true },
	{ "SHA-384 over 48-byte inputs: the salt of a P-384 EK (H-3)",
	  "sha384", 48, "SECRET", 48, kdfe_sha384_48, true },
	{ "the label's terminating zero counts: \"SECRE\" differs",
	  "sha256", 32, "SECRE", 32, kdfe_sha256_40, false },
};

static void kdfe_matches_python(struct kunit *test)
{
	u8 out[48];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kdfe_cases); i++) {
		KUNIT_ASSERT_EQ_MSG(test, 0, kdfe(kdfe_cases[i].hash, kdfe_cases[i].n,
						  kdfe_cases[i].label, out,
						  kdfe_cases[i].out_len),
				    "%s", kdfe_cases[i].what);
		KUNIT_EXPECT_EQ_MSG(test, kdfe_cases[i].equal,
				    !memcmp(out, kdfe_cases[i].want,
					    kdfe_cases[i].out_len),
				    "%s", kdfe_cases[i].what);
	}
}

static struct kunit_case session_test_cases[] = {
	KUNIT_CASE(kdfe_matches_python),
	{}};

static struct kunit_suite session_test_suite = {
	.name = "vmfence_tpm_session",
	.test_cases = session_test_cases,
};

kunit_test_suite(session_test_suite);
