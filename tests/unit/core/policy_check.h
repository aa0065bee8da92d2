/* policy_check.h - assertions the policy parser's tests share (tests/unit/core/policy_*.c):
 * reading a file of tests/data, parsing a string, comparing unit lists and warnings. They fail
 * the running cmocka test with a message; nothing here is used outside the tests. */
#ifndef KFQ_TESTS_POLICY_CHECK_H
#define KFQ_TESTS_POLICY_CHECK_H

#include "core/policy_parse.h"
#include "core/unit_resolve.h"

#include <stddef.h>

/* A NULL-terminated unit list, an empty one, a 0-terminated list of line numbers. */
#define UNITS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_UNITS   ((const char *const[]){NULL})
#define LINES(...) ((const int[]){__VA_ARGS__, 0})

/* tests/data/name, NUL-terminated, malloc'd (free it); *len its size. */
char *policy_check_slurp(const char *name, size_t *len);

/* The lines lines[0..] (1-based, up to a 0) of tests/data/name, each with its '\n': real text
 * quoted by line number rather than retyped. malloc'd (free it). */
char *policy_check_excerpt(const char *name, const int *lines);

/* Parses policy_check_excerpt(name, lines). */
void policy_check_parse_lines(const char *name, const int *lines, struct arena *a,
                              struct policy_doc *d);

/* Parses text, failing the test if policy_parse() refuses it. */
void policy_check_parse(const char *text, struct arena *a, struct policy_doc *d);

/* got[0..n) equals the NULL-terminated want, in order. */
void policy_check_units(const char *const *got, size_t n, const char *const *want);

struct policy_check_warning {
	int line;
	const char *message;
};

/* The document's warnings are exactly want[0..n), in order (all printed on a mismatch). */
void policy_check_warnings(const struct policy_doc *d, const struct policy_check_warning *want,
                           size_t n);

/* What the tests of a corrected preview share (policy_edit.c, policy_edit_count.c): a short
 * labelled text of 2026 — 1. 甲 led by 市商务局 on a line of its own, 2. 乙 with 市发改委 and
 * 市财政局 responsible and no lead, 3. 丙 in two sentences led by 市财政局, 6月底前 — and the
 * organizations 1 市商务局, 2 市发改委, 3 市财政局. */
extern const char policy_check_edit_text[];
extern const struct unit_resolve_ctx policy_check_edit_orgs;

#endif
