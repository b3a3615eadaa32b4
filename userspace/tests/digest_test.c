// SPDX-License-Identifier: GPL-2.0
/* digest_test.c - the policy digest is SHA-256, as before libcrypto took it */

#include <stdlib.h>
#include <string.h>

#include "../digest.h"
#include "tap.h"

static const struct {
	const char *name;
	const char *text;
	const char *hex;
} vectors[] = {
	/* FIPS 180-4 examples. */
	{ "empty", "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "two blocks (448 bits)",
	  "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "896 bits",
	  "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	/*
	 * A canonical policy text and the digest the hand-written SHA-256 of
	 * 0.1.0 reported for it: an auditor's recorded digest stays valid.
	 */
	{ "a policy text (digest of vmfencectl 0.1.0)",
	  "mode enforce\nthreshold 60\ndeny exec path=/usr/local/bin/ledgerd\nlock\n",
	  "f771ee13881277a4b558364a5b2047a16ee1440bb683d1ccdf7243e12e741d9c" },
};

int main(void)
{
	char hex[DIGEST_SHA256_HEX_SIZE];
	char *million;
	size_t i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		tap_ok(!digest_sha256_hex(vectors[i].text, strlen(vectors[i].text), hex) &&
		       !strcmp(hex, vectors[i].hex), "sha256 of %s", vectors[i].name);
	}

	million = malloc(1000000);
	if (!million)
		return 1;
	memset(million, 'a', 1000000);
	tap_ok(!digest_sha256_hex(million, 1000000, hex) &&
	       !strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	       "sha256 of a million 'a'");
	free(million);
	return tap_done();
}
