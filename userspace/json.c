// SPDX-License-Identifier: GPL-2.0
/* json.c - a small streaming JSON writer for vmfencectl's -j output */

#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->first[0] = true;
}

/*
 * The length of the well-formed UTF-8 sequence at @s (at most @len bytes),
 * or 0 when it is not one (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF).
 */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;	/* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;	/* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/*
 * The character at @s, at or above 0x80, of a string with @len bytes left:
 * well-formed UTF-8 as it is, a C1 control escaped, an invalid byte as
 * U+FFFD. Return the bytes it took.
 */
static size_t quote_non_ascii(struct json *j, const unsigned char *s, size_t len)
{
	size_t n = utf8_len(s, len);

	if (!n) {
		fputs("\\ufffd", j->f);
		return 1;
	}
	if (s[0] == 0xc2 && s[1] < 0xa0)
		fprintf(j->f, "\\u%04x", s[1]);	/* C1 control */
	else
		fwrite(s, 1, n, j->f);
	return n;
}

/*
 * A JSON string (RFC 8259) of @len bytes. Well-formed UTF-8 passes through
 * as it is; the quote and the backslash are escaped, and so are the control
 * characters: C0 and DEL always, and C1 (U+0080-U+009F), which a terminal
 * may take for an escape sequence. A byte that is not part of well-formed
 * UTF-8 becomes U+FFFD (\ufffd), one for each such byte: the output is
 * always valid UTF-8 and valid JSON. (\u00XX instead would print an
 * invalid byte as a Latin-1 character, which another, valid, file name may
 * really hold.) The exact bytes of an untrusted name are in the kernel's
 * audit record, hex-encoded.
 *
 * Hand-written rather than from a library: jansson refuses a string that is
 * not UTF-8 and json-c copies its bytes into the output unchecked; neither
 * writes a stream, and vmfencectl must print whatever a file is called.
 */
static void quote(struct json *j, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, n;

	fputc('"', j->f);
	for (i = 0; i < len; i += n) {
		unsigned char c = s[i];

		n = 1;
		if (c == '"' || c == '\\')
			fprintf(j->f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", j->f);
		else if (c == '\t')
			fputs("\\t", j->f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(j->f, "\\u%04x", c);
		else if (c < 0x80)
			fputc(c, j->f);
		else
			n = quote_non_ascii(j, s + i, len - i);
	}
	fputc('"', j->f);
}

/* Separator and key before a value at the current depth. */
static void member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	if (key) {
		quote(j, key, strlen(key));
		fputc(':', j->f);
	}
}

static void open(struct json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->f);
	if (j->depth + 1 >= JSON_MAX_DEPTH) {
		j->error = true;
		return;
	}
	j->first[++j->depth] = true;
}

static void close_(struct json *j, char c)
{
	if (j->depth == 0)
		j->error = true;
	else
		j->depth--;
	fputc(c, j->f);
}

void json_object_begin(struct json *j, const char *key) { open(j, key, '{'); }
void json_object_end(struct json *j) { close_(j, '}'); }
void json_array_begin(struct json *j, const char *key) { open(j, key, '['); }
void json_array_end(struct json *j) { close_(j, ']'); }

void json_string_len(struct json *j, const char *key, const char *val, size_t len)
{
	member(j, key);
	quote(j, val, len);
}

void json_string(struct json *j, const char *key, const char *val)
{
	if (!val)
		json_null(j, key);
	else
		json_string_len(j, key, val, strlen(val));
}

void json_int(struct json *j, const char *key, int64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRId64, val);
}

void json_uint(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

void json_double(struct json *j, const char *key, double val)
{
	member(j, key);
	fprintf(j->f, "%.9g", val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	fputs(val ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

int json_finish(struct json *j)
{
	fputc('\n', j->f);
	if (fflush(j->f) || ferror(j->f) || j->depth || j->error) {
		fputs("vmfencectl: incomplete JSON output\n", stderr);
		return 1;
	}
	return 0;
}
