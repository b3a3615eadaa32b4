// SPDX-License-Identifier: GPL-2.0
/* snapshot_fuzz.c - libFuzzer target: the snapshot reader and the verdict */

#define _GNU_SOURCE
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/decide.h"
#include "core/detect.h"
#include "envread.h"

/*
 * An input is a snapshot directory packed as records, one after the other:
 *
 *	u8 path length, path (relative, e.g. "sys/class/dmi/id/sys_vendor"),
 *	u16 content length (little-endian), content
 *
 * A short record ends the input. Paths are kept inside the directory: ".."
 * components and absolute paths are dropped, and bytes other than letters,
 * digits and "._-:/" become "_". snapshot-seeds.sh packs the fixtures of
 * tools/testing/fixtures/env/ this way for the seed corpus.
 *
 * The snapshot is unpacked into a fresh directory, read with env_read()
 * (the code behind `vmfencectl detect --root`) twice, and judged. Checks:
 * reading is deterministic (the same facts both times), the confidence is
 * 0-100, and the verdict says virtualized exactly when it reaches the
 * threshold; the sanitizers check the rest.
 */

#define THRESHOLD VMFENCE_THRESHOLD_DEFAULT

static char root[64];

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	if (ftw->level)
		remove(path);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	/* Every input is a directory tree: keep it in memory when possible. */
	if (!tmp || strlen(tmp) >= 32)
		tmp = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";
	snprintf(root, sizeof(root), "%s/snapfuzz.XXXXXX", tmp);
	if (!mkdtemp(root))
		abort();
	return 0;
}

static void mkparents(char *path)
{
	char *slash;

	for (slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
}

/* Sanitize @raw (@len bytes) into @rel; 0 when nothing usable is left. */
static size_t clean_path(const uint8_t *raw, size_t len, char *rel)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		char c = (char)raw[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("._-:/", c)))
			c = '_';
		rel[n++] = c;
	}
	rel[n] = '\0';
	while (rel[0] == '/')
		memmove(rel, rel + 1, n--);
	if (strstr(rel, "..") || !n || rel[n - 1] == '/')
		return 0;
	return n;
}

static void unpack(const uint8_t *data, size_t size)
{
	char rel[256], path[512];
	size_t plen, clen;
	FILE *out;

	while (size >= 1) {
		plen = data[0];
		if (size < 1 + plen + 2)
			return;
		clen = data[1 + plen] | data[2 + plen] << 8;
		if (size < 3 + plen + clen)
			clen = size - 3 - plen;
		if (clean_path(data + 1, plen, rel)) {
			snprintf(path, sizeof(path), "%s/%s", root, rel);
			mkparents(path);
			out = fopen(path, "w");
			if (out) {
				fwrite(data + 3 + plen, 1, clen, out);
				fclose(out);
			}
		}
		data += 3 + plen + clen;
		size -= 3 + plen + clen;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vmfence_facts f1, f2;
	static struct vmfence_verdict v;
	struct vmfence_situation s;
	struct vmfence_conclusion c;

	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unpack(data, size);

	memset(&f1, 0, sizeof(f1));
	memset(&f2, 0, sizeof(f2));
	if (env_read(&f1, root) || env_read(&f2, root))
		abort();
	if (memcmp(&f1, &f2, sizeof(f1))) {
		fprintf(stderr, "two reads of one snapshot differ\n");
		abort();
	}
	memset(&v, 0, sizeof(v));
	vmfence_detect(&f1, &v);
	s = (struct vmfence_situation){
		.threshold = THRESHOLD, .confidence = v.confidence,
		.hv = v.hv, .cc = v.cc,
	};
	vmfence_conclude(&s, &c);
	if (v.confidence > 100 || c.virtualized != (v.confidence >= THRESHOLD) ||
	    (c.virtualized ? c.hv == VMFENCE_HV_NONE : c.hv != VMFENCE_HV_NONE) ||
	    v.hv >= VMFENCE_HV_COUNT || v.cc >= VMFENCE_CC_COUNT) {
		fprintf(stderr, "verdict: virtualized %d, confidence %u, hypervisor %d\n",
			c.virtualized, v.confidence, c.hv);
		abort();
	}
	return 0;
}
