/* jcanon.h - kfq's canonical JSON: object keys sorted by bytes, no whitespace, strings escaped
 * by json_escape, integers in decimal. The audit chain hashes this form, so it must never
 * change for the same value. Reals are refused (money is integer fen). */
#ifndef KFQ_UTIL_JCANON_H
#define KFQ_UTIL_JCANON_H

#include "util/strbuf.h"

#include <jansson.h>

/* Appends the canonical form of v to sb. Returns 0, or -1 if v holds a real number or nests
 * deeper than 64 (sb is then left with a partial value; callers discard it). */
int jcanon_write(struct strbuf *sb, const json_t *v);

#endif
