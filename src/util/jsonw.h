/* jsonw.h - a small streaming JSON writer into a strbuf (no DOM for output).
 * The caller owns the strbuf; jsonw only appends. Nesting depth is capped at JSONW_MAX_DEPTH;
 * deeper nesting is a programming error (fatal). Strings must be UTF-8; invalid bytes are
 * written as U+FFFD so the output is always valid JSON. */
#ifndef KFQ_UTIL_JSONW_H
#define KFQ_UTIL_JSONW_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

#define JSONW_MAX_DEPTH 32

struct jsonw {
	struct strbuf *sb;
	int depth;                            /* open containers */
	bool need_comma[JSONW_MAX_DEPTH + 1]; /* per level: a value was already written */
	bool after_key;                       /* a key was written; next value takes no comma */
	/* Fields written as personal (core/personal.h) come out as they are only when this is
	 * set, for a reader who holds the read_personal grant; jsonw_init clears it, so the
	 * audit record and every other writer get them masked. */
	bool reveal_personal;
};

void jsonw_init(struct jsonw *w, struct strbuf *sb);
void jsonw_obj_open(struct jsonw *w);
void jsonw_obj_close(struct jsonw *w);
void jsonw_arr_open(struct jsonw *w);
void jsonw_arr_close(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_strn(struct jsonw *w, const char *s, size_t n);
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* Appends already-serialized JSON as one value; the caller vouches it is valid. */
void jsonw_raw(struct jsonw *w, const char *json, size_t n);

/* key + value in one call */
void jsonw_kstr(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, int64_t v);
void jsonw_kbool(struct jsonw *w, const char *key, bool v);
void jsonw_knull(struct jsonw *w, const char *key);
/* An optional reference: the id, or null when it is 0. */
void jsonw_kid(struct jsonw *w, const char *key, int64_t id);

/* Appends s as a JSON string literal (quotes included) to sb. */
void json_escape(struct strbuf *sb, const char *s, size_t n);
/* The length of s's longest prefix that json_escape copies as it is: printable ASCII but '"'
 * and '\\', and whole valid UTF-8 sequences (n when it copies all of s). */
size_t json_plain_len(const char *s, size_t n);

#endif
