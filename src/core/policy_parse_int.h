/* policy_parse_int.h - what the pieces of the policy parser share; private to
 * src/core/policy_*.c (as SQLite's whereInt.h is to where*.c). The pieces:
 *   policy_text.c    UTF-8 and string helpers, the arena-backed string and array growers
 *   policy_number.c  Chinese and Arabic numerals, dates
 *   policy_line.c    what the start of a line looks like (its marker), role and field keywords
 *   policy_units.c   unit lists: splitting, cleaning, labelled and prose clauses
 *   policy_front.c   the consultation notice, title and preamble in front of the body
 *   policy_body.c    the body's state machine: parts, groups, articles
 *   policy_parse.c   the entry point: lines, the document's mode, warnings
 *   policy_json.c    the JSON form of a parsed document
 * Names shared between pieces carry pp_; none of this is part of policy_parse.h's interface.
 * Everything here is pure (no I/O, no globals); memory comes from the parser's arena. */
#ifndef KFQ_CORE_POLICY_PARSE_INT_H
#define KFQ_CORE_POLICY_PARSE_INT_H

#include "core/policy_parse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_TITLE_LINES 4
#define MAX_TITLE_CPS   60 /* a title line is never longer than this */
#define MAX_HEADING_CPS 40 /* a heading whose marker got lost is at most this long */
#define MAX_SIGNER_CPS  30 /* an organization signing a notice */
#define MAX_PROSE_UNITS 80 /* "X牵头" and "Y按职责分工负责": longer X or Y is prose, not units */
#define SENTENCE_PUNCT  "。，,；;：:！!？?"

/* ---------- text (policy_text.c) ---------- */

/* The code point at s[i..n): its length in bytes, the code point in *c. */
size_t pp_cp_at(const char *s, size_t n, size_t i, uint32_t *c);
size_t pp_cp_before(const char *s, size_t i, uint32_t *c);
bool pp_cp_in(uint32_t c, const char *set);
bool pp_is_ws(uint32_t c);
bool pp_is_han(uint32_t c);
bool pp_is_open(uint32_t c);
bool pp_is_close(uint32_t c);
bool pp_is_colon(uint32_t c);
bool pp_is_digit(uint32_t c);
int pp_digit_value(uint32_t c);
bool pp_has_prefix(const char *s, size_t n, const char *lit);
bool pp_has_suffix(const char *s, size_t n, const char *lit);
size_t pp_find(const char *s, size_t n, size_t from, const char *lit);
size_t pp_cp_count(const char *s, size_t n);
size_t pp_skip_ws(const char *s, size_t n, size_t i);
void pp_trim(const char *s, size_t *b, size_t *e);
void pp_trim_set(const char *s, size_t *b, size_t *e, const char *set);
bool pp_has_any(const char *s, size_t n, const char *set);

/* An arena-backed growable string. */
struct sbuf {
	struct arena *a;
	char *p;    /* NUL-terminated once anything was added */
	size_t len; /* bytes used */
	size_t cap; /* bytes allocated; older copies stay in the arena until it is released */
};

void pp_sb_init(struct sbuf *b, struct arena *a);
void pp_sb_add(struct sbuf *b, const char *s, size_t n);
void pp_sb_adds(struct sbuf *b, const char *s);
void pp_sb_addcp(struct sbuf *b, uint32_t c);
void pp_sb_para(struct sbuf *b, const char *s, size_t n);
const char *pp_sb_str(const struct sbuf *b);
void *pp_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size);

/* ---------- numbers and dates (policy_number.c) ---------- */

struct ymd {
	int y, m, d;
};

int pp_cn_num(const char *s, size_t n, size_t i, size_t *end);
int pp_ar_num(const char *s, size_t n, size_t i, int maxd, size_t *end, int *nd);
size_t pp_parse_date(const char *s, size_t n, size_t i, int year_default, struct ymd *t);
char *pp_iso_date(struct arena *a, const struct ymd *t);
size_t pp_first_date(const char *s, size_t n, size_t *at, struct ymd *t);

/* ---------- lines (policy_line.c) ---------- */

enum kind {
	K_BLANK,
	K_TEXT,
	K_PART,    /* 一、  第一章  第一部分  第一编 */
	K_GROUP,   /* (一)  第一节 */
	K_LOST,    /* a group marker that lost pieces: ")x", "()x", "一)x" */
	K_ARTICLE, /* 1.  1、  1． */
	K_STATUTE, /* 第一条 */
	K_SUB,     /* (1)  1)  ① */
	K_UNIT,    /* 牵头单位：…  责任单位：… */
	K_DATE,    /* a line that is only a date */
	K_PAREN,   /* a line that is only a parenthesis: (征求意见稿) */
	K_ATTACH,  /* 附件… */
};

struct line {
	const char *s;    /* trimmed, NBSP turned into ' ', NUL-terminated */
	size_t n;         /* bytes in s */
	int no;           /* 1-based input line */
	enum kind kind;   /* what its start looks like */
	bool di;          /* marker written with 第 (第一章, 第一节) */
	int num;          /* number in the marker; 0 when it was lost */
	size_t rest;      /* offset of the text after the marker */
	bool field;       /* a numbered notice field (1. 电子邮箱：…), not an article */
	bool plain_short; /* short and without sentence punctuation: may be a heading */
};

enum role {
	ROLE_NONE,
	ROLE_LEAD,
	ROLE_RESP,
};

enum fld {
	F_EMAIL,
	F_PHONE,
	F_WINDOW,
	F_DATE,
	F_ISSUER,
	F_OTHER,
};

size_t pp_role_at(const char *s, size_t n, size_t i, bool loose, enum role *r);
size_t pp_field_at(const char *s, size_t n, size_t i, enum fld *f, size_t *kwlen);
size_t pp_match_paren(const char *s, size_t n, size_t i);
void pp_classify(struct line *l);

/* ---------- the parser (policy_parse.c, policy_body.c) ---------- */

enum mode {
	M_NONE,     /* no headings at all */
	M_NUMBERED, /* articles are 1. under 一、 and (一) */
	M_STATUTE,  /* articles are 第一条 under 第一章 and 第一节 */
	M_GROUPED,  /* articles are (一) under 一、 */
	M_PARTS,    /* articles are 一、 */
};

/* What a body line means once the mode is known. */
enum act {
	A_BLANK,
	A_TEXT,
	A_PART,
	A_GROUP,
	A_LOST,
	A_ARTICLE,
	A_SUB,
	A_UNIT,
	A_ATTACH,
};

struct para {
	const char *s; /* points into a line copy or a rebuilt string */
	size_t n;
	int line;
	bool units; /* a unit line: parsed into the lists, not part of the body */
};

struct ulist {
	const char **v; /* units in text order */
	size_t n, cap;
	const char **set; /* open-addressing hash set of v's strings, for repeats in O(1) */
	size_t nset;      /* slots in set, a power of two, 0 before the first unit */
};

struct parser {
	struct arena *a;
	struct policy_doc *d;
	struct line *ln;
	size_t nl;
	size_t *next_nb; /* next_nb[i]: the first non-blank line after i, or nl */
	enum mode mode;
	size_t cap_parts, cap_groups, cap_articles, cap_warnings;
	size_t body_end; /* first line of the closing */

	int part;  /* index of the open part, -1 */
	int group; /* index of the open group, -1 */
	bool in_article;
	bool after_units;   /* the open article already had a unit line */
	struct para *paras; /* the open article's paragraphs */
	size_t np, cap_paras;
	struct ulist lead, resp;
	struct sbuf preamble, part_body, group_body;
	int last_number; /* number of the previous article, 0 none */
	bool restart_ok; /* a part or group opened since the previous article */
};

__attribute__((format(printf, 3, 4))) void pp_warn(struct parser *p, int line, const char *fmt,
                                                   ...);
void pp_parse_front(struct parser *p, size_t start);
void pp_parse_body(struct parser *p, size_t start);

/* ---------- units (policy_units.c) ---------- */

void pp_parse_roles(struct parser *p, const char *s, size_t n, int line);
bool pp_prose_units(struct parser *p, const char *s, size_t n, int line, bool take);
bool pp_role_anywhere(const char *s, size_t n);
bool pp_strip_inline_units(struct parser *p, struct para *pa);

#endif
