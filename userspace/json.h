/* SPDX-License-Identifier: GPL-2.0 */
/* json.h - a small streaming JSON writer for vmfencectl's -j output */
#ifndef VMFENCECTL_JSON_H
#define VMFENCECTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

/*
 * Keys are NULL inside arrays and at the top level; json_finish() ends the
 * document with a newline and reports an unbalanced or failed write.
 */
struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool error;
};

void json_init(struct json *j, FILE *f);
void json_object_begin(struct json *j, const char *key);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
void json_string(struct json *j, const char *key, const char *val);
/* A string of @len bytes that may hold any byte, NUL included. */
void json_string_len(struct json *j, const char *key, const char *val, size_t len);
void json_int(struct json *j, const char *key, int64_t val);
void json_uint(struct json *j, const char *key, uint64_t val);
/* A finite number, with up to 9 significant digits. */
void json_double(struct json *j, const char *key, double val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
int json_finish(struct json *j);

#endif /* VMFENCECTL_JSON_H */
