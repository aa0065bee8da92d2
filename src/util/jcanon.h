/* jcanon.h - kfq's canonical JSON: object keys sorted by bytes, no whitespace, strings escaped
 * by json_escape, integers in decimal. The audit chain hashes this form, so it must never
 * change for the same value. Reals are refused (money is integer fen). */
#ifndef KFQ_UTIL_JCANON_H
#define KFQ_UTIL_JCANON_H

#include "util/strbuf.h"

#include <jansson.h>
#include <stdbool.h>

/* Appends the canonical form of v to sb. Returns 0, or -1 if v holds a real number or nests
 * deeper than 64 (sb is then left with a partial value; callers discard it). */
int jcanon_write(struct strbuf *sb, const json_t *v);

/* Whether s (n bytes) is already the canonical form of the value it holds: true only when
 * jcanon_write of json_loads(s, JSON_DECODE_ANY) would give s back byte for byte, so that a
 * writer's own output (jsonw, keys written in order) need not be parsed to be hashed. It
 * reads without building values and is conservative: false also for canonical texts it does
 * not follow (a \u escape, a key with an escape, an integer of 19 digits or more), which the
 * caller then parses. */
bool jcanon_is(const char *s, size_t n);

#endif
