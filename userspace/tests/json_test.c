// SPDX-License-Identifier: GPL-2.0
/* json_test.c - the JSON writer escapes, nests and balances correctly */

#include <stdlib.h>
#include <string.h>

#include "../json.h"
#include "tap.h"

/* Run @fn against a memory stream; return what it wrote. */
static char *capture(void (*fn)(struct json *j), int *status)
{
	char *buf = NULL;
	size_t len = 0;
	struct json j;
	FILE *f = open_memstream(&buf, &len);

	json_init(&j, f);
	fn(&j);
	*status = json_finish(&j);
	fclose(f);
	return buf;
}

static void doc_nested(struct json *j)
{
	json_object_begin(j, NULL);
	json_bool(j, "virtualized", true);
	json_int(j, "confidence", -5);
	json_uint(j, "big", 18446744073709551615ull);
	json_array_begin(j, "signals");
	json_string(j, NULL, "a");
	json_null(j, NULL);
	json_array_end(j);
	json_object_end(j);
}

static void doc_escapes(struct json *j)
{
	json_string_len(j, NULL, "q\"b\\n\nt\tc\x01\x7f\0z", 13);
}

/* A path in French, Greek and CJK, and an emoji: printed as it is. */
static void doc_utf8(struct json *j)
{
	json_string(j, NULL, "/opt/r\xc3\xa9gie/\xce\xbb/\xe5\xb8\xb3\xe7\xb0\xbf/\xf0\x9f\x94\x92");
}

/*
 * Each byte that is not well-formed UTF-8 becomes U+FFFD: a lone
 * continuation byte, a Latin-1 e-acute, an overlong '/', a surrogate, a
 * code point above U+10FFFF, a sequence cut short at the end; a C1 control
 * (U+009B, CSI) is escaped.
 */
static void doc_bad_utf8(struct json *j)
{
	json_string(j, NULL, "a\x80" "b\xe9" "c\xc0\xaf" "d\xed\xa0\x80" "e\xf4\x90\x80\x80"
		    "f\xc2\x9b" "g\xe2\x82");
}

static void doc_unbalanced(struct json *j)
{
	json_object_begin(j, NULL);
	json_string(j, "k", "v");
}

static void doc_too_deep(struct json *j)
{
	int i;

	for (i = 0; i < JSON_MAX_DEPTH + 1; i++)
		json_array_begin(j, NULL);
	for (i = 0; i < JSON_MAX_DEPTH + 1; i++)
		json_array_end(j);
}

int main(void)
{
	int status;
	char *out;

	out = capture(doc_nested, &status);
	tap_ok(!strcmp(out, "{\"virtualized\":true,\"confidence\":-5,"
			    "\"big\":18446744073709551615,\"signals\":[\"a\",null]}\n"),
	       "nested object and array: %s", strtok(out, "\n"));
	tap_ok(status == 0, "a balanced document finishes with status 0");
	free(out);

	out = capture(doc_escapes, &status);
	tap_ok(!strcmp(out, "\"q\\\"b\\\\n\\nt\\tc\\u0001\\u007f\\u0000z\"\n"),
	       "quotes, backslashes, control bytes and NUL are escaped");
	free(out);

	out = capture(doc_utf8, &status);
	tap_ok(!strcmp(out, "\"/opt/r\xc3\xa9gie/\xce\xbb/\xe5\xb8\xb3\xe7\xb0\xbf/\xf0\x9f\x94\x92\"\n"),
	       "well-formed UTF-8 passes through: %s", strtok(out, "\n"));
	free(out);

	out = capture(doc_bad_utf8, &status);
	tap_ok(!strcmp(out, "\"a\\ufffdb\\ufffdc\\ufffd\\ufffdd\\ufffd\\ufffd\\ufffde"
			    "\\ufffd\\ufffd\\ufffd\\ufffdf\\u009bg\\ufffd\\ufffd\"\n"),
	       "bytes not well-formed UTF-8 become \\ufffd, one each; C1 escaped: %s",
	       strtok(out, "\n"));
	free(out);

	out = capture(doc_unbalanced, &status);
	tap_ok(status == 1, "an unclosed object is reported");
	free(out);

	out = capture(doc_too_deep, &status);
	tap_ok(status == 1, "nesting beyond JSON_MAX_DEPTH is reported");
	free(out);
	return tap_done();
}
