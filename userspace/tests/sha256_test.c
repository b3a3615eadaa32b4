// SPDX-License-Identifier: GPL-2.0
/* sha256_test.c - the policy digest's SHA-256 against FIPS 180-4 vectors */

#include <stdlib.h>
#include <string.h>

#include "../sha256.h"
#include "tap.h"

static const struct {
	const char *name;
	const char *text;
	const char *hex;
} vectors[] = {
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
};

int main(void)
{
	char hex[SHA256_HEX_SIZE];
	unsigned char d[SHA256_DIGEST_SIZE];
	struct sha256 s;
	char *million;
	size_t i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].text, strlen(vectors[i].text), hex);
		tap_ok(!strcmp(hex, vectors[i].hex), "sha256 of %s", vectors[i].name);
	}

	/* A million 'a', fed in uneven pieces across block boundaries. */
	million = malloc(1000000);
	if (!million)
		return 1;
	memset(million, 'a', 1000000);
	sha256_init(&s);
	for (i = 0; i < 1000000; i += 997)
		sha256_update(&s, million + i, i + 997 < 1000000 ? 997 : 1000000 - i);
	sha256_final(&s, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
	tap_ok(!strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	       "sha256 of a million 'a' in 997-byte pieces");
	free(million);
	return tap_done();
}
