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

static void quote(struct json *j, const char *s, size_t len)
{
	size_t i;

	fputc('"', j->f);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(j->f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", j->f);
		else if (c == '\t')
			fputs("\\t", j->f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(j->f, "\\u%04x", c);
		else
			fputc(c, j->f);
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
