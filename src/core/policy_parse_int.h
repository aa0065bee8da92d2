/* policy_parse_int.h - what the pieces of the policy parser share; private to
 * src/core/policy_*.c (as SQLite's whereInt.h is to where*.c). The pieces:
 *   policy_text.c    UTF-8 and string helpers, the arena-backed string and array growers
 *   policy_number.c  Chinese and Arabic numerals, dates
 *   policy_line.c    what the start of a line looks like (its marker), role and field keywords
 *   policy_units.c   unit lists: splitting, cleaning, group phrases, labelled lists
 *   policy_clause.c  an article's units: own lines, parenthesised clauses (labelled, "A、B负责",
 *                    "A会同B负责"), prose, the first-listed-leads rule, unread look-alikes
 *   policy_deadline.c  the last day of the period a deadline names
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

#define MAX_TITLE_LINES        4
#define MAX_TITLE_CPS          60 /* a title line is never longer than this */
#define MAX_HEADING_CPS        40 /* a heading whose marker got lost is at most this long */
#define MAX_SIGNER_CPS         30 /* an organization signing a notice */
#define MAX_TITLE_SENTENCE_CPS 30 /* an article's title sentence (聚焦主责主业) is shorter */
#define MAX_PROSE_UNITS        80 /* "X牵头" and "Y按职责分工负责": longer X or Y is prose, not units */
#define SENTENCE_PUNCT         "。，,；;：:！!？?"
/* Last characters of a city organization's name; "…局各县" or "…局市…" means a lost
 * separator, and "X牵头" names a unit only when X ends so. */
#define UNIT_END "局委办部厅院会府室心司团行门位构队所站处科)"

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
/* s[0..n) up to the first code point of stops, at most max_cps code points and then "…":
 * a sentence quoted in a warning, a caption. Arena memory; "" when a stop comes first. */
char *pp_clip(struct arena *a, const char *s, size_t n, const char *stops, size_t max_cps);

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

/* policy_deadline.c: the last day of the latest period s[0..n) names, the year from the text
 * or else `year` (0: unknown). Returns 1 and *out, or 0; *need_year (may be NULL) tells that
 * a period was named but no year was known, *bad_date (may be NULL) that a day, month or
 * quarter that does not exist was named (2月30日, 13月, 第五季度) and left out. */
int pp_deadline_date(const char *s, size_t n, int year, struct ymd *out, bool *need_year,
                     bool *bad_date);
/* The ISO date of text as pp_deadline_date reads it, or NULL; *why gets what the reader should
 * be told (a day that does not exist, a year that is not known), or NULL. Arena memory. */
const char *pp_deadline_resolve(struct arena *a, const char *text, int year, const char **why);
/* s[0..n) is a time phrase (6月底完成, 2025年底前, 持续推进), not a unit. */
bool pp_time_phrase(const char *s, size_t n);

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

/* One input line after policy_wrap.c: s[0..n) (not NUL-terminated; the arena's or the
 * text's), the paragraph that starts on line no (1-based); lines joined onto it are empty. */
struct pp_para {
	const char *s;
	size_t n;
	int no;
};

/* Splits text[0..len) (UTF-8, '\n' line ends) into one entry per input line, joining the
 * lines a printed page's width broke back onto the line their paragraph starts on and
 * emptying page numbers (— 3 —); *out is in a. Returns the number of input lines. */
size_t pp_paragraphs(struct arena *a, const char *text, size_t len, struct pp_para **out);

/* Rewrites the rows of a tab-separated task table under its header row (序号, 重点工作,
 * 牵头单位, 责任单位, 完成时限 …) as item lines "1.任务（牵头单位：A；完成时限：B）" and
 * empties the header row (policy_table.c). para[0..np) as pp_paragraphs() made them. */
void pp_read_tables(struct arena *a, struct pp_para *para, size_t np);

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
	bool num_title;   /* K_ARTICLE whose text starts with digits (7.100个重点项目): an
	                     article only where the numbering expects it, else a decimal */
};

/* What a label (牵头单位：, 适用范围：, 完成时限： …) introduces. */
enum role {
	ROLE_NONE,
	ROLE_LEAD,
	ROLE_RESP,
	ROLE_GUIDE,    /* 指导单位, 指导部门: who guides, neither leading nor responsible */
	ROLE_SCOPE,    /* 适用范围, 推广范围: where the measure applies, never a unit */
	ROLE_DEADLINE, /* 完成时限, 时间进度, 完成时间 */
};

enum fld {
	F_EMAIL,
	F_PHONE,
	F_WINDOW,
	F_DATE,
	F_ISSUER,
	F_OTHER,
};

/* A label at s[i..n) followed by a colon (or, when loose, by spaces and more text): the offset
 * of its value and *r, else 0. */
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

/* Where an article's units came from, as bits while it is read (policy_clause.c). */
enum {
	SRC_LINES = 1,      /* own lines, or a labelled clause that lost its line break */
	SRC_LABELLED = 2,   /* a labelled parenthesis */
	SRC_PAREN = 4,      /* an unlabelled parenthesis, lead from 牵头/会同 only */
	SRC_PAREN_RULE = 8, /* an unlabelled parenthesis under the first-listed-leads rule */
	SRC_PROSE = 16,     /* a sentence of the body */
};

struct para {
	const char *s; /* points into a line copy or a rebuilt string */
	size_t n;
	int line;
	unsigned units; /* a unit line (the SRC_* it counts as): parsed into the lists, not part
	                   of the body; 0 for text */
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
	unsigned sub_kinds; /* 1 << enum kind of each kind of numbered item the article had */
	struct para *paras; /* the open article's paragraphs */
	size_t np, cap_paras;

	/* the open article's units, scope and deadline (policy_clause.c) */
	struct ulist lead, resp;
	struct ulist guide;   /* 指导: neither lead nor responsible */
	const char *scope;    /* as written, NULL none */
	const char *deadline; /* as written, NULL none */
	int deadline_line;
	unsigned sources;  /* SRC_* of the clauses that gave units */
	int rule_line;     /* the first-listed-leads rule holds from this line on; 0 not stated */
	int art_rule_line; /* the same for the open article only (stated without 下同) */
	int used_rule;     /* line of the rule the open article's units followed, 0 none */
	int year;          /* the document's year for deadlines without one, 0 unknown */

	struct sbuf preamble, part_body, group_body;
	int last_number;       /* number of the previous article, 0 none */
	size_t preamble_start; /* the first line after the notice, title and its notes */
	size_t cap_sections;
	int part_offset;    /* added to the written numbers of a later section's parts */
	int article_offset; /* and of its articles: the section before's last numbers */
	size_t run_end;     /* the line that ends the run of text section_start() last read */
	bool run_restarts;  /* that line is a part numbered 一 */
	bool restart_ok;    /* a part or group opened since the previous article */
};

__attribute__((format(printf, 3, 4))) void pp_warn(struct parser *p, int line, const char *fmt,
                                                   ...);
void pp_parse_front(struct parser *p, size_t start);
void pp_parse_body(struct parser *p, size_t start);

/* ---------- units (policy_units.c) ---------- */

/* Adds u to l unless it is already there (a repeat is a warning). */
void pp_ul_add(struct parser *p, struct ulist *l, const char *u, int line);
/* Splits a unit list on 、 ， ； (and spaces between Chinese names) outside parentheses, keeps
 * group phrases whole, drops a bare trailing 等, splits at 等和, takes a time phrase among the
 * units as the deadline, and adds each unit to out. */
void pp_split_units(struct parser *p, const char *s, size_t n, int line, struct ulist *out);
/* "牵头单位：A、B；责任单位：C；适用范围：D；完成时限：E" -> the lists, scope and deadline.
 * Text before the first label is not a unit list; callers only pass text that starts with
 * one. Returns the number of units added. */
size_t pp_parse_labels(struct parser *p, const char *s, size_t n, int line);
/* Where a lead or responsible label with its colon stands in s outside parentheses, or
 * another "…单位：" / "…部门：" label (实施单位：): a unit list the parser did not take; n if
 * there is none. */
size_t pp_label_anywhere(const char *s, size_t n);

/* ---------- an article's units (policy_clause.c) ---------- */

/* Reads the open article's units from its paragraphs (unit lines, trailing clauses, prose),
 * cuts the clauses out of the paragraphs and fills art's units, scope, deadline and source;
 * warns about look-alikes it could not read. Resets the per-article state and returns the
 * SRC_* bits of what gave units. */
unsigned pp_article_units(struct parser *p, struct policy_article *art);
/* Text outside any article (preamble, a part's or group's own text): notes a stated
 * first-listed-leads rule and warns about unit clauses that belong to no article. */
void pp_outside_text(struct parser *p, const char *s, size_t n, int line);

#endif
