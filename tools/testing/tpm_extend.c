// SPDX-License-Identifier: GPL-2.0
/*
 * tpm_extend.c - extend one PCR's SHA-256 bank, to make the event log lie
 *
 *   tpm_extend PCR [HEXDIGEST]
 *
 * Sends TPM2_PCR_Extend (TPM 2.0 Part 3, 22.2) for PCR (0-23) with one
 * SHA-256 digest, HEXDIGEST (64 hex digits) or by default
 * sha256("vmfence tamper"), authorised by a password session with empty
 * auth (TPM_RS_PW), through /dev/tpmrm0, else /dev/tpm0. After it the PCR
 * no longer equals the replay of the firmware's event log (unless the log
 * records the same extend), which is what the measured-boot check must see.
 *
 * Prints "PCR N extended with HEX: rc 0x00000000" (the digest sent, and the
 * TPM's response code) and
 * exits 0 on success, 1 on a TPM error or a device error, 2 on misuse.
 * Plain C and static, for the test initramfs: no TSS library.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TPM_ST_SESSIONS		0x8002
#define TPM_CC_PCR_EXTEND	0x00000182
#define TPM_RS_PW		0x40000009
#define TPM_ALG_SHA256		0x000b
#define SHA256_LEN		32
#define PCR_MAX			23
/* header 10, handle 4, auth size 4, session 9, count 4, alg 2, digest 32 */
#define CMD_LEN			65

/* printf 'vmfence tamper' | sha256sum (a constant: no hash code needed). */
static const char default_hex[] =
	"55fdb0605dff439f1c42771aeba92160489a9d7671ec5eb533beea7664d489ab";

static uint8_t *put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
	return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
	return p + 4;
}

static int misuse(void)
{
	fprintf(stderr, "usage: tpm_extend PCR [HEXDIGEST]\n"
		"  PCR 0-%d; HEXDIGEST 64 hex digits, default sha256(\"vmfence tamper\")\n",
		PCR_MAX);
	return 2;
}

static int parse_hex(const char *s, uint8_t *out, size_t len)
{
	size_t i;

	if (strlen(s) != 2 * len)
		return -1;
	for (i = 0; i < 2 * len; i++) {
		char c = s[i];
		int v;

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		if (i % 2)
			out[i / 2] |= v;
		else
			out[i / 2] = v << 4;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t cmd[CMD_LEN], rsp[4096], digest[SHA256_LEN], *p = cmd;
	const char *dev = "/dev/tpmrm0";
	unsigned long pcr;
	uint32_t rc;
	size_t i;
	ssize_t n;
	char *end;
	int fd;

	if (argc < 2 || argc > 3)
		return misuse();
	errno = 0;
	pcr = strtoul(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || pcr > PCR_MAX)
		return misuse();
	if (parse_hex(argc == 3 ? argv[2] : default_hex, digest, SHA256_LEN))
		return misuse();

	p = put16(p, TPM_ST_SESSIONS);
	p = put32(p, CMD_LEN);
	p = put32(p, TPM_CC_PCR_EXTEND);
	p = put32(p, (uint32_t)pcr);
	p = put32(p, 9);		/* authorizationSize */
	p = put32(p, TPM_RS_PW);	/* sessionHandle */
	p = put16(p, 0);		/* nonceCaller */
	*p++ = 0;			/* sessionAttributes */
	p = put16(p, 0);		/* hmac: the empty password */
	p = put32(p, 1);		/* TPML_DIGEST_VALUES.count */
	p = put16(p, TPM_ALG_SHA256);
	memcpy(p, digest, SHA256_LEN);
	p += SHA256_LEN;
	if (p - cmd != CMD_LEN) {
		fprintf(stderr, "tpm_extend: command is %td bytes\n", p - cmd);
		return 1;
	}

	fd = open(dev, O_RDWR);
	if (fd < 0 && errno == ENOENT) {
		dev = "/dev/tpm0";
		fd = open(dev, O_RDWR);
	}
	if (fd < 0) {
		fprintf(stderr, "tpm_extend: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	n = write(fd, cmd, CMD_LEN);
	if (n != CMD_LEN) {
		fprintf(stderr, "tpm_extend: write %s: %s\n", dev,
			n < 0 ? strerror(errno) : "short write");
		close(fd);
		return 1;
	}
	n = read(fd, rsp, sizeof(rsp));
	close(fd);
	if (n < 10) {
		fprintf(stderr, "tpm_extend: read %s: %s\n", dev,
			n < 0 ? strerror(errno) : "short response");
		return 1;
	}
	rc = (uint32_t)rsp[6] << 24 | rsp[7] << 16 | rsp[8] << 8 | rsp[9];
	printf("PCR %lu extended with ", pcr);
	for (i = 0; i < SHA256_LEN; i++)
		printf("%02x", cmd[CMD_LEN - SHA256_LEN + i]);
	printf(": rc 0x%08x\n", rc);
	if (rc) {
		fprintf(stderr, "tpm_extend: TPM error 0x%08x\n", rc);
		return 1;
	}
	return 0;
}
