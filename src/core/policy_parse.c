/* policy_parse.c - policy text -> struct policy_doc. Works in three passes over lines:
 * classify each line by its marker, split the front (notice, title, preamble) from the body,
 * then walk the body with a small state machine that knows which marker level holds the
 * articles. Must stay pure (no I/O, no globals) and must never drop text: whatever it cannot
 * place goes to the nearest body with a warning. */
#include "core/policy_parse.h"

#include "util/log.h"
#include "util/textconv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TITLE_LINES 4
#define MAX_TITLE_CPS   60 /* a title line is never longer than this */
#define MAX_HEADING_CPS 40 /* a heading whose marker got lost is at most this long */
#define MAX_SIGNER_CPS  30 /* an organization signing a notice */
#define MAX_PROSE_UNITS 80 /* "X牵头" and "Y按职责分工负责": longer X or Y is prose, not units */
#define SENTENCE_PUNCT  "。，,；;：:！!？?"

/* ---------- UTF-8 and string helpers ---------- */

static size_t cp_at(const char *s, size_t n, size_t i, uint32_t *c)
{
	return textconv_utf8_next(s + i, n - i, c);
}

/* The code point ending at s[i) (i > 0): its length, and the code point in *c. */
static size_t cp_before(const char *s, size_t i, uint32_t *c)
{
	size_t k = i - 1;

	while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	if (k + textconv_utf8_next(s + k, i - k, c) != i) {
		*c = 0xfffd;
		return 1;
	}
	return i - k;
}

/* c is one of the code points of the UTF-8 string set */
static bool cp_in(uint32_t c, const char *set)
{
	size_t n = strlen(set), i = 0;

	while (i < n) {
		uint32_t x;
		i += cp_at(set, n, i, &x);
		if (x == c)
			return true;
	}
	return false;
}

/* Spaces trimmed at line ends: ASCII, NBSP, ideographic, the U+2000 block, zero-width. */
static bool is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0xa0 || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x205f || c == 0xfeff ||
	       c == 0x1680;
}

static bool is_han(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}

static bool is_open(uint32_t c)
{
	return c == '(' || c == 0xff08;
}

static bool is_close(uint32_t c)
{
	return c == ')' || c == 0xff09;
}

static bool is_colon(uint32_t c)
{
	return c == ':' || c == 0xff1a;
}

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

static int digit_value(uint32_t c)
{
	return c <= '9' ? (int)(c - '0') : (int)(c - 0xff10);
}

static bool has_prefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && !memcmp(s, lit, k);
}

static bool has_suffix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && !memcmp(s + n - k, lit, k);
}

/* Byte offset of lit in s[from..n), or n. Byte search is safe: UTF-8 never matches mid-char. */
static size_t find(const char *s, size_t n, size_t from, const char *lit)
{
	size_t k = strlen(lit);

	if (from > n)
		return n;
	const char *hit = memmem(s + from, n - from, lit, k);
	return hit ? (size_t)(hit - s) : n;
}

static size_t cp_count(const char *s, size_t n)
{
	size_t i = 0, k = 0;
	uint32_t c;

	while (i < n) {
		i += cp_at(s, n, i, &c);
		k++;
	}
	return k;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	uint32_t c;

	while (i < n) {
		size_t k = cp_at(s, n, i, &c);
		if (!is_ws(c))
			break;
		i += k;
	}
	return i;
}

/* Trims spaces at both ends of s[*b..*e). */
static void trim(const char *s, size_t *b, size_t *e)
{
	uint32_t c;

	*b = skip_ws(s, *e, *b);
	while (*e > *b) {
		size_t k = cp_before(s, *e, &c);
		if (!is_ws(c))
			break;
		*e -= k;
	}
}

/* Trims spaces and any code point of set at both ends. */
static void trim_set(const char *s, size_t *b, size_t *e, const char *set)
{
	uint32_t c;

	while (*b < *e) {
		size_t k = cp_at(s, *e, *b, &c);
		if (!is_ws(c) && !cp_in(c, set))
			break;
		*b += k;
	}
	while (*e > *b) {
		size_t k = cp_before(s, *e, &c);
		if (!is_ws(c) && !cp_in(c, set))
			break;
		*e -= k;
	}
}

static bool has_any(const char *s, size_t n, const char *set)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		i += cp_at(s, n, i, &c);
		if (cp_in(c, set))
			return true;
	}
	return false;
}

/* ---------- arena-backed growable string and arrays ---------- */

struct sbuf {
	struct arena *a;
	char *p;    /* NUL-terminated once anything was added */
	size_t len; /* bytes used */
	size_t cap; /* bytes allocated; older copies stay in the arena until it is released */
};

static void sb_init(struct sbuf *b, struct arena *a)
{
	b->a = a;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (n > SIZE_MAX / 4 - b->len)
		fatal("policy_parse: text too large");
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *np = arena_alloc(b->a, cap);
		if (b->len)
			memcpy(np, b->p, b->len);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void sb_adds(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_addcp(struct sbuf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	sb_add(b, u, n);
}

/* Appends a paragraph: '\n' between paragraphs, empty ones skipped. */
static void sb_para(struct sbuf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (b->len)
		sb_add(b, "\n", 1);
	sb_add(b, s, n);
}

static const char *sb_str(const struct sbuf *b)
{
	return b->len ? b->p : "";
}

/* Makes room for one more element of size `size` in arr[n] (capacity *cap). */
static void *grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	size_t nc = *cap ? *cap * 2 : 8;
	if (nc > SIZE_MAX / size)
		fatal("policy_parse: too many elements");
	void *np = arena_alloc(a, nc * size);
	if (n)
		memcpy(np, arr, n * size);
	*cap = nc;
	return np;
}

/* ---------- numbers and dates ---------- */

/* 〇 零 一 二 两 三 四 五 六 七 八 九 */
static int cn_digit(uint32_t c)
{
	static const uint32_t cps[] = {0x3007, 0x96f6, 0x4e00, 0x4e8c, 0x4e24, 0x4e09,
	                               0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d};
	static const int val[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		if (cps[i] == c)
			return val[i];
	return -1;
}

/* 十 百 千 */
static int cn_unit(uint32_t c)
{
	static const uint32_t cps[] = {0x5341, 0x767e, 0x5343};
	static const int val[] = {10, 100, 1000};

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		if (cps[i] == c)
			return val[i];
	return 0;
}

/* A Chinese numeral (一 … 九千九百九十九) at s[i..n): its value, *end after it; -1 if none.
 * Written with a separate "digit seen" flag: clang 14 at -O2 with UBSan's overflow check
 * miscompiled the shorter form that used -1 as "no digit" (三十 came out as 10). */
static int cn_num(const char *s, size_t n, size_t i, size_t *end)
{
	int total = 0, pending = 0, k = 0;
	bool seen = false;
	uint32_t c;

	while (i < n && k < 8) {
		size_t l = cp_at(s, n, i, &c);
		int d = cn_digit(c), unit = cn_unit(c);
		if (d < 0 && unit == 0)
			break;
		if (d >= 0) {
			pending = d;
			seen = true;
		} else {
			total += (seen ? pending : 1) * unit;
			pending = 0;
			seen = false;
		}
		i += l;
		k++;
	}
	total += pending;
	if (k == 0 || total <= 0)
		return -1;
	*end = i;
	return total;
}

/* ASCII or full-width digits at s[i..n), at most maxd of them: value, *end, *nd; -1 if none. */
static int ar_num(const char *s, size_t n, size_t i, int maxd, size_t *end, int *nd)
{
	int v = 0, k = 0;
	uint32_t c;

	while (i < n) {
		size_t l = cp_at(s, n, i, &c);
		if (!is_digit(c))
			break;
		if (++k > maxd)
			return -1;
		v = v * 10 + digit_value(c);
		i += l;
	}
	if (k == 0)
		return -1;
	*end = i;
	if (nd)
		*nd = k;
	return v;
}

struct ymd {
	int y, m, d;
};

static bool valid_ymd(const struct ymd *t)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (t->y % 4 == 0 && t->y % 100 != 0) || t->y % 400 == 0;

	if (t->y < 1900 || t->y > 2999 || t->m < 1 || t->m > 12 || t->d < 1)
		return false;
	return t->d <= mdays[t->m - 1] + (t->m == 2 ? leap : 0);
}

/* Month and day: 6月23日 / 六月二十三日 when sep is 0, 06-23 style when sep is the separator. */
static size_t parse_md(const char *s, size_t n, size_t i, uint32_t sep, struct ymd *t)
{
	size_t e;
	uint32_t c;

	i = skip_ws(s, n, i);
	t->m = ar_num(s, n, i, 2, &e, NULL);
	if (t->m < 0 && !sep)
		t->m = cn_num(s, n, i, &e);
	if (t->m < 0)
		return 0;
	i = skip_ws(s, n, e);
	if (i >= n)
		return 0;
	i += cp_at(s, n, i, &c);
	if (sep ? c != sep : c != 0x6708 /* 月 */)
		return 0;
	i = skip_ws(s, n, i);
	t->d = ar_num(s, n, i, 2, &e, NULL);
	if (t->d < 0 && !sep)
		t->d = cn_num(s, n, i, &e);
	if (t->d < 0)
		return 0;
	i = e;
	if (!sep) {
		size_t j = skip_ws(s, n, i);
		if (j >= n)
			return 0;
		j += cp_at(s, n, j, &c);
		if (c != 0x65e5 /* 日 */ && c != 0x53f7 /* 号 */)
			return 0;
		i = j;
	}
	return i;
}

/* A date at s[i..n): 2025年6月23日, 2025-06-23, 2025/6/23, 2025.6.23, 二〇二五年六月二十三日, or,
 * when year_default > 0, 6月23日. Returns the offset after it, 0 if there is no valid date. */
static size_t parse_date(const char *s, size_t n, size_t i, int year_default, struct ymd *t)
{
	size_t e;
	int nd = 0;
	uint32_t c;

	t->y = ar_num(s, n, i, 4, &e, &nd);
	if (t->y >= 0 && nd != 4)
		t->y = -1;
	if (t->y < 0) {
		/* 二〇二五: the year is written digit by digit */
		int y = 0, k = 0;
		e = i;
		while (e < n && k < 4) {
			size_t l = cp_at(s, n, e, &c);
			int d = cn_digit(c);
			if (d < 0)
				break;
			y = y * 10 + d;
			e += l;
			k++;
		}
		if (k == 4)
			t->y = y;
	}
	if (t->y >= 0) {
		size_t j = skip_ws(s, n, e);
		if (j >= n)
			return 0;
		j += cp_at(s, n, j, &c);
		if (c == 0x5e74 /* 年 */)
			e = parse_md(s, n, j, 0, t);
		else if (c == '-' || c == '/' || c == '.' || c == 0xff0d)
			e = parse_md(s, n, j, c, t);
		else
			e = 0;
	} else if (year_default > 0) {
		t->y = year_default;
		e = parse_md(s, n, i, 0, t);
	} else {
		e = 0;
	}
	return e && valid_ymd(t) ? e : 0;
}

static char *iso_date(struct arena *a, const struct ymd *t)
{
	return arena_printf(a, "%04d-%02d-%02d", t->y, t->m, t->d);
}

/* The first date in s[0..n): *at its start; 0 if none. */
static size_t first_date(const char *s, size_t n, size_t *at, struct ymd *t)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t e = parse_date(s, n, i, 0, t);
		if (e) {
			*at = i;
			return e;
		}
		i += cp_at(s, n, i, &c);
	}
	return 0;
}

char *policy_cn_number(struct arena *a, int n)
{
	static const char *const dg[] = {"零", "一", "二", "三", "四",
	                                 "五", "六", "七", "八", "九"};
	static const char *const un[] = {"千", "百", "十", ""};
	static const int pw[] = {1000, 100, 10, 1};
	struct sbuf b;
	bool started = false, zero = false;

	if (n < 1 || n > 9999)
		return arena_printf(a, "%d", n);
	sb_init(&b, a);
	for (int k = 0; k < 4; k++) {
		int d = n / pw[k] % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			sb_adds(&b, dg[0]);
		zero = false;
		/* 十六, not 一十六 */
		if (!(pw[k] == 10 && d == 1 && !started))
			sb_adds(&b, dg[d]);
		sb_adds(&b, un[k]);
		started = true;
	}
	return (char *)sb_str(&b);
}

/* ---------- lines ---------- */

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

static const struct {
	const char *kw;
	enum role role;
} role_kws[] = {
    {"牵头单位", ROLE_LEAD}, {"牵头部门", ROLE_LEAD}, {"责任单位", ROLE_RESP},
    {"责任部门", ROLE_RESP}, {"责任主体", ROLE_RESP}, {"配合单位", ROLE_RESP},
    {"配合部门", ROLE_RESP},
};

/* A role keyword at s[i..n) followed by a colon (or, when loose, by spaces and more text):
 * returns the offset of the list after it and sets *r, else 0. */
static size_t role_at(const char *s, size_t n, size_t i, bool loose, enum role *r)
{
	for (size_t k = 0; k < sizeof(role_kws) / sizeof(role_kws[0]); k++) {
		size_t kl = strlen(role_kws[k].kw), j;
		uint32_t c;
		if (!has_prefix(s + i, n - i, role_kws[k].kw))
			continue;
		j = skip_ws(s, n, i + kl);
		if (j < n && (cp_at(s, n, j, &c), is_colon(c))) {
			*r = role_kws[k].role;
			return j + cp_at(s, n, j, &c);
		}
		if (loose && j > i + kl && j < n) {
			*r = role_kws[k].role;
			return j;
		}
	}
	return 0;
}

enum fld {
	F_EMAIL,
	F_PHONE,
	F_WINDOW,
	F_DATE,
	F_ISSUER,
	F_OTHER,
};

/* Notice fields, longest first where one keyword ends another. */
static const struct {
	const char *kw;
	enum fld f;
} field_kws[] = {
    {"电子邮箱", F_EMAIL},      {"电子信箱", F_EMAIL},      {"电子邮件", F_EMAIL},
    {"邮箱", F_EMAIL},          {"E-mail", F_EMAIL},        {"Email", F_EMAIL},
    {"email", F_EMAIL},         {"电话反馈", F_PHONE},      {"联系电话", F_PHONE},
    {"咨询电话", F_PHONE},      {"电话", F_PHONE},          {"传真", F_OTHER},
    {"意见反馈时间", F_WINDOW}, {"反馈时间", F_WINDOW},     {"征求意见时间", F_WINDOW},
    {"意见征集时间", F_WINDOW}, {"征求意见期限", F_WINDOW}, {"反馈截止时间", F_WINDOW},
    {"截止时间", F_WINDOW},     {"信息时间", F_DATE},       {"发布时间", F_DATE},
    {"发布日期", F_DATE},       {"信息来源", F_ISSUER},     {"发布单位", F_ISSUER},
    {"发布机关", F_ISSUER},     {"联系人", F_OTHER},        {"通讯地址", F_OTHER},
    {"通信地址", F_OTHER},      {"邮寄地址", F_OTHER},      {"邮编", F_OTHER},
};

/* A field keyword and its colon at s[i..n): offset of the value, else 0. */
static size_t field_at(const char *s, size_t n, size_t i, enum fld *f, size_t *kwlen)
{
	for (size_t k = 0; k < sizeof(field_kws) / sizeof(field_kws[0]); k++) {
		size_t kl = strlen(field_kws[k].kw), j;
		uint32_t c;
		if (!has_prefix(s + i, n - i, field_kws[k].kw))
			continue;
		j = skip_ws(s, n, i + kl);
		if (j < n && (cp_at(s, n, j, &c), is_colon(c))) {
			*f = field_kws[k].f;
			*kwlen = kl;
			return j + cp_at(s, n, j, &c);
		}
	}
	return 0;
}

/* The parenthesis opened at s[i] closes at the returned offset (of the closer), or n. */
static size_t match_paren(const char *s, size_t n, size_t i)
{
	int depth = 0;
	uint32_t c;

	while (i < n) {
		size_t k = cp_at(s, n, i, &c);
		if (is_open(c)) {
			depth++;
		} else if (is_close(c)) {
			if (--depth == 0)
				return i;
		}
		i += k;
	}
	return n;
}

/* What the start of a line looks like. What it means depends on the document's mode (act_of):
 * (一) is a group in a numbered document, an article in a grouped one, a sub-item in a statute. */
static void classify(struct line *l)
{
	const char *s = l->s;
	size_t n = l->n, e, j, k;
	uint32_t c, c2;
	int v;
	enum role r;

	l->kind = K_TEXT;
	l->di = false;
	l->num = 0;
	l->rest = 0;
	l->field = false;
	l->plain_short =
	    n > 0 && cp_count(s, n) <= MAX_HEADING_CPS && !has_any(s, n, SENTENCE_PUNCT);
	if (n == 0) {
		l->kind = K_BLANK;
		return;
	}
	k = cp_at(s, n, 0, &c);
	if (role_at(s, n, is_open(c) ? skip_ws(s, n, k) : 0, true, &r)) {
		l->kind = K_UNIT;
		return;
	}
	if (has_prefix(s, n, "第")) {
		v = cn_num(s, n, 3, &e);
		if (v < 0)
			v = ar_num(s, n, 3, 4, &e, NULL);
		if (v > 0) {
			l->num = v;
			l->di = true;
			if (has_prefix(s + e, n - e, "条"))
				l->kind = K_STATUTE, l->rest = e + 3;
			else if (has_prefix(s + e, n - e, "章") || has_prefix(s + e, n - e, "编"))
				l->kind = K_PART, l->rest = e + 3;
			else if (has_prefix(s + e, n - e, "部分"))
				l->kind = K_PART, l->rest = e + 6;
			else if (has_prefix(s + e, n - e, "节"))
				l->kind = K_GROUP, l->rest = e + 3;
			if (l->kind != K_TEXT)
				goto done;
			l->num = 0;
			l->di = false;
		}
	}
	if (is_open(c)) {
		size_t i = skip_ws(s, n, k);
		if ((v = cn_num(s, n, i, &e)) > 0) {
			j = skip_ws(s, n, e);
			if (j < n && (cp_at(s, n, j, &c2), is_close(c2))) {
				l->kind = K_GROUP, l->num = v, l->rest = j + cp_at(s, n, j, &c2);
				goto done;
			}
		}
		if ((v = ar_num(s, n, i, 4, &e, NULL)) >= 0) {
			j = skip_ws(s, n, e);
			if (j < n && (cp_at(s, n, j, &c2), is_close(c2))) {
				l->kind = K_SUB, l->num = v, l->rest = j + cp_at(s, n, j, &c2);
				goto done;
			}
		}
		if (i < n && (cp_at(s, n, i, &c2), is_close(c2))) {
			l->kind = K_LOST, l->rest = i + cp_at(s, n, i, &c2);
			goto done;
		}
		if (match_paren(s, n, 0) + cp_before(s, n, &c2) == n && is_close(c2) && n > k + 1) {
			l->kind = K_PAREN;
			return;
		}
	}
	if (is_close(c) && skip_ws(s, n, k) < n) {
		l->kind = K_LOST, l->rest = k;
		goto done;
	}
	if (c >= 0x2460 && c <= 0x2473) { /* ① … ⑳ */
		l->kind = K_SUB, l->num = (int)(c - 0x2460 + 1), l->rest = k;
		goto done;
	}
	if ((v = cn_num(s, n, 0, &e)) > 0 && e < n) {
		size_t l2 = cp_at(s, n, e, &c2);
		if (c2 == 0x3001 || c2 == 0xff0e || c2 == '.') {
			l->kind = K_PART, l->num = v, l->rest = e + l2;
			goto done;
		}
		if (is_close(c2)) {
			l->kind = K_LOST, l->num = v, l->rest = e + l2;
			goto done;
		}
	}
	if ((v = ar_num(s, n, 0, 4, &e, NULL)) > 0) {
		j = skip_ws(s, n, e);
		if (j < n) {
			size_t l2 = cp_at(s, n, j, &c2);
			uint32_t c3 = 0;
			if (j + l2 < n)
				cp_at(s, n, j + l2, &c3);
			if ((c2 == '.' || c2 == 0xff0e || c2 == 0x3001) && !is_digit(c3)) {
				l->kind = K_ARTICLE, l->num = v, l->rest = j + l2;
				goto done;
			}
			if (is_close(c2)) {
				l->kind = K_SUB, l->num = v, l->rest = j + l2;
				goto done;
			}
		}
	}
	{
		struct ymd t;
		size_t de = parse_date(s, n, 0, 0, &t);
		if (de && skip_ws(s, n, de) == n) {
			l->kind = K_DATE;
			return;
		}
	}
	if (has_prefix(s, n, "附件"))
		l->kind = K_ATTACH;
	return;
done:
	l->rest = skip_ws(s, n, l->rest);
	if (l->kind == K_ARTICLE || l->kind == K_SUB || l->kind == K_PART || l->kind == K_GROUP) {
		enum fld f;
		size_t kl;
		l->field = field_at(s, n, l->rest, &f, &kl) != 0 || memchr(s, '@', n) != NULL;
	}
}

/* ---------- the parser ---------- */

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

__attribute__((format(printf, 3, 4))) static void warn(struct parser *p, int line, const char *fmt,
                                                       ...)
{
	va_list ap, ap2;
	int len;
	char *msg;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		fatal("policy_parse: bad warning format");
	msg = arena_alloc(p->a, (size_t)len + 1);
	vsnprintf(msg, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	p->d->warnings =
	    grow(p->a, p->d->warnings, p->d->n_warnings, &p->cap_warnings, sizeof(*p->d->warnings));
	p->d->warnings[p->d->n_warnings].line = line;
	p->d->warnings[p->d->n_warnings].message = msg;
	p->d->n_warnings++;
}

/* Adds u to the list unless it is already there (a repeat is reported). */
static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037ull & SIZE_MAX;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (1099511628211ull & SIZE_MAX);
	return h;
}

/* Finds u's slot in the set: the slot holding u, or the empty one where it belongs. */
static const char **ul_slot(const struct ulist *l, const char *u)
{
	size_t i = str_hash(u) & (l->nset - 1);

	while (l->set[i] && strcmp(l->set[i], u))
		i = (i + 1) & (l->nset - 1);
	return &l->set[i];
}

/* Adds u to the list unless it is already there (a repeat is reported). */
static void ul_add(struct parser *p, struct ulist *l, const char *u, int line)
{
	const char **slot;

	if (2 * (l->n + 1) > l->nset) {
		/* keep the set at most half full: rebuild it twice as large */
		l->nset = l->nset ? 2 * l->nset : 16;
		l->set = arena_zalloc(p->a, l->nset * sizeof(*l->set));
		for (size_t i = 0; i < l->n; i++)
			*ul_slot(l, l->v[i]) = l->v[i];
	}
	slot = ul_slot(l, u);
	if (*slot) {
		warn(p, line, "单位“%s”重复出现，只保留一次", u);
		return;
	}
	*slot = u;
	l->v = grow(p->a, l->v, l->n, &l->cap, sizeof(*l->v));
	l->v[l->n++] = u;
}

/* ---------- units ---------- */

/* Organs that appear bare after 、 in a group phrase: 各县(区)党委、政府, 开发区党工委、管委会. */
static const char *const organs[] = {"人大常委会", "管理委员会", "人民政府", "纪委监委", "党工委",
                                     "管委会",     "纪工委",     "政府",     "党委",     "人大",
                                     "政协",       "纪委",       "监委"};

static bool is_bare_organ(const char *u)
{
	for (size_t i = 0; i < sizeof(organs) / sizeof(organs[0]); i++)
		if (!strcmp(u, organs[i]))
			return true;
	return false;
}

static bool ends_with_organ(const char *u)
{
	for (size_t i = 0; i < sizeof(organs) / sizeof(organs[0]); i++)
		if (has_suffix(u, strlen(u), organs[i]))
			return true;
	return false;
}

/* Last characters of an organization's name; "…局各县" or "…局市…" means a lost separator. */
#define UNIT_END "局委办部厅院会府室心司团行门位构队所站处科)"

static bool parens_balanced(const char *s, size_t n)
{
	int depth = 0;
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		i += cp_at(s, n, i, &c);
		if (is_open(c))
			depth++;
		else if (is_close(c) && --depth < 0)
			return false;
	}
	return depth == 0;
}

/* One unit as stored: ASCII parentheses, no spaces next to Chinese, no stray punctuation at
 * the ends, 县() given back its 区. Returns "" for a piece that was only punctuation. */
static const char *clean_unit(struct parser *p, const char *s, size_t n, int line)
{
	struct sbuf b;
	uint32_t c, prev = 0;
	bool space = false;
	size_t i = 0, ub, ue;

	sb_init(&b, p->a);
	while (i < n) {
		i += cp_at(s, n, i, &c);
		if (is_ws(c)) {
			space = true;
			continue;
		}
		if (c == 0xff08)
			c = '(';
		else if (c == 0xff09)
			c = ')';
		/* spaces only survive between two Latin letters or digits ("ABC Co") */
		if (space && prev && prev < 0x80 && c < 0x80 && prev != '(' && c != ')')
			sb_add(&b, " ", 1);
		space = false;
		if (c == ')' && prev == '(') {
			if (has_suffix(b.p, b.len, "县(")) {
				sb_adds(&b, "区)");
				prev = ')';
				continue;
			}
			b.len--;
			b.p[b.len] = 0;
			warn(p, line, "单位“%.*s”中有空括号，已删去", (int)n, s);
			prev = 0;
			if (b.len)
				cp_before(b.p, b.len, &prev);
			continue;
		}
		sb_addcp(&b, c);
		prev = c;
	}
	ub = 0;
	ue = b.len;
	trim_set(b.p ? b.p : "", &ub, &ue, "。.：:、，,；;");
	return ue > ub ? arena_strndup(p->a, b.p + ub, ue - ub) : "";
}

/* Splits u where a separator was plainly lost (市人社局各县(区)党委、政府) and adds the parts. */
static void add_split(struct parser *p, const char *u, int line, struct ulist *out)
{
	size_t n = strlen(u), i = 0, cuts[16], ncut = 0;
	int depth = 0;
	uint32_t c, prev = 0;

	while (i < n) {
		size_t k = cp_at(u, n, i, &c);
		if (depth == 0 && i > 0 && ncut < sizeof(cuts) / sizeof(cuts[0])) {
			const char *t = u + i + k;
			size_t tn = n - i - k;
			bool cut = false;
			if (c == 0x5404 /* 各 */ && cp_in(prev, UNIT_END))
				cut = has_prefix(t, tn, "县") || has_prefix(t, tn, "区") ||
				      has_prefix(t, tn, "开发区") || has_prefix(t, tn, "省级") ||
				      has_prefix(t, tn, "国家级") || has_prefix(t, tn, "市级") ||
				      has_prefix(t, tn, "乡镇") || has_prefix(t, tn, "园区") ||
				      has_prefix(t, tn, "街道");
			else if (c == 0x5e02 /* 市 */ && cp_in(prev, "局厅办部"))
				cut = !has_prefix(t, tn, "场");
			if (cut)
				cuts[ncut++] = i;
		}
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		prev = c;
		i += k;
	}
	if (ncut == 0) {
		ul_add(p, out, u, line);
		return;
	}
	struct sbuf msg;
	sb_init(&msg, p->a);
	for (size_t k = 0; k <= ncut; k++) {
		size_t b = k ? cuts[k - 1] : 0, e = k < ncut ? cuts[k] : n;
		const char *part = arena_strndup(p->a, u + b, e - b);
		if (k)
			sb_adds(&msg, k == ncut ? "和" : "、");
		sb_adds(&msg, "“");
		sb_adds(&msg, part);
		sb_adds(&msg, "”");
		ul_add(p, out, part, line);
	}
	warn(p, line, "单位“%s”缺少分隔符，已拆分为%s", u, sb_str(&msg));
}

struct piece {
	size_t b, e; /* bytes of the piece in the list */
	bool dun;    /* separated from the previous piece by 、 */
};

/* Splits a unit list on 、 , ， ; ； (and on spaces between Chinese names) outside
 * parentheses, keeps group phrases whole and adds each unit to out. */
static void split_units(struct parser *p, const char *s, size_t n, int line, struct ulist *out)
{
	bool balanced = parens_balanced(s, n), dun = false;
	struct piece *pc = NULL;
	size_t npc = 0, cap = 0, i = 0, start = 0;
	int depth = 0;
	uint32_t c, prev_solid = 0;
	const char **units = NULL;
	size_t nu = 0, capu = 0;

	if (!balanced)
		warn(p, line, "单位列表“%.*s”括号不成对，已按原文拆分", (int)n, s);
	while (i <= n) {
		size_t k = i < n ? cp_at(s, n, i, &c) : 0;
		bool sep = i == n;
		if (i < n) {
			if (is_open(c) && balanced)
				depth++;
			else if (is_close(c) && balanced && depth > 0)
				depth--;
			else if (depth == 0 && (c == 0x3001 || c == ',' || c == 0xff0c ||
			                        c == ';' || c == 0xff1b))
				sep = true;
			else if (depth == 0 && is_ws(c) && is_han(prev_solid)) {
				/* "市发改委 市财政局": a space between two Chinese names separates
				 * them */
				size_t j = skip_ws(s, n, i);
				uint32_t nc = 0;
				if (j < n)
					cp_at(s, n, j, &nc);
				sep = is_han(nc);
				/* the whole run at once, so a long run costs its length, not its
				 * square */
				k = j - i;
			}
			if (!is_ws(c))
				prev_solid = c;
		}
		if (sep) {
			pc = grow(p->a, pc, npc, &cap, sizeof(*pc));
			pc[npc].b = start;
			pc[npc].e = i;
			pc[npc].dun = dun;
			npc++;
			dun = i < n && c == 0x3001;
			start = i + k;
		}
		if (i == n)
			break;
		i += k;
	}
	for (size_t k = 0; k < npc; k++) {
		const char *u = clean_unit(p, s + pc[k].b, pc[k].e - pc[k].b, line);
		if (!*u)
			continue;
		if (pc[k].dun && nu > 0 && is_bare_organ(u) && ends_with_organ(units[nu - 1])) {
			units[nu - 1] = arena_printf(p->a, "%s、%s", units[nu - 1], u);
			continue;
		}
		units = grow(p->a, units, nu, &capu, sizeof(*units));
		units[nu++] = u;
	}
	for (size_t k = 0; k < nu; k++)
		add_split(p, units[k], line, out);
	if (nu == 0)
		warn(p, line, "单位列表为空");
}

/* "牵头单位：A、B；责任单位：C" -> the two lists. Text before the first keyword is not a unit
 * list; callers only pass text that starts with one. */
static void parse_roles(struct parser *p, const char *s, size_t n, int line)
{
	size_t kw[16] = {0}, val[16] = {0}, nk = 0, i = 0;
	enum role rl[16] = {ROLE_NONE};
	int depth = 0;
	uint32_t c;

	while (i < n) {
		size_t k = cp_at(s, n, i, &c);
		enum role r;
		size_t v;
		if (is_open(c))
			depth++;
		else if (is_close(c) && depth > 0)
			depth--;
		else if (depth == 0 && nk < 16 && (v = role_at(s, n, i, i == 0, &r)) != 0) {
			kw[nk] = i;
			val[nk] = v;
			rl[nk] = r;
			nk++;
			i = v;
			continue;
		}
		i += k;
	}
	for (size_t k = 0; k < nk; k++) {
		size_t b = val[k], e = k + 1 < nk ? kw[k + 1] : n;
		trim_set(s, &b, &e, "，,；;。");
		if (e <= b) {
			warn(p, line, "%s为空", rl[k] == ROLE_LEAD ? "牵头单位" : "责任单位");
			continue;
		}
		split_units(p, s + b, e - b, line, rl[k] == ROLE_LEAD ? &p->lead : &p->resp);
	}
}

/* "由市发改委牵头，各县(区)政府按职责分工负责": X牵头 -> lead, Y按职责分工负责 -> responsible.
 * Returns true if a clause was found. The text stays where it is. One forward pass: the
 * start of the current clause is tracked, not searched for, so the cost stays linear. */
static bool prose_units(struct parser *p, const char *s, size_t n, int line, bool take)
{
	static const char *const resp_marks[] = {"按职责分工负责",
	                                         "按照职责分工负责",
	                                         "按职责分工落实",
	                                         "按照职责分工落实",
	                                         "按职责负责",
	                                         "分工负责",
	                                         "配合"};
	size_t i = 0, cs = 0; /* cs: where the clause holding i starts */
	bool found = false;
	uint32_t c = 0;

	while (i < n) {
		size_t after = i + strlen("牵头"), xb = cs, xe = i, yb, se, m = n;
		bool ends;
		if (!has_prefix(s + i, n - i, "牵头")) {
			i += cp_at(s, n, i, &c);
			if (cp_in(c, "。；;，,：:(（\n"))
				cs = i;
			continue;
		}
		i = after;
		c = 0;
		if (after < n)
			cp_at(s, n, after, &c);
		ends = after >= n || cp_in(c, "，,；;。、)）") ||
		       has_prefix(s + after, n - after, "负责") ||
		       has_prefix(s + after, n - after, "抓总");
		trim(s, &xb, &xe);
		if (has_prefix(s + xb, xe - xb, "均由"))
			xb += strlen("均由");
		else if (has_prefix(s + xb, xe - xb, "由"))
			xb += strlen("由");
		/* bytes first: a long run without punctuation must not be counted again and again
		 */
		if (!ends || xe <= xb || xe - xb > 4 * MAX_PROSE_UNITS ||
		    cp_count(s + xb, xe - xb) > MAX_PROSE_UNITS)
			continue;
		cp_before(s, xe, &c);
		if (!cp_in(c, UNIT_END))
			continue;
		found = true;
		if (!take)
			break;
		split_units(p, s + xb, xe - xb, line, &p->lead);
		yb = after;
		if (has_prefix(s + yb, n - yb, "负责") || has_prefix(s + yb, n - yb, "抓总"))
			yb += strlen("负责");
		if (yb < n && (cp_at(s, n, yb, &c), cp_in(c, "，,、")))
			yb += cp_at(s, n, yb, &c);
		se = yb;
		while (se < n && (cp_at(s, n, se, &c), !cp_in(c, "。；;")))
			se += cp_at(s, n, se, &c);
		for (size_t r = 0; r < sizeof(resp_marks) / sizeof(resp_marks[0]); r++) {
			size_t at = find(s, se, yb, resp_marks[r]);
			if (at < m)
				m = at;
		}
		if (m < se) {
			size_t yb2 = yb, ye = m;
			trim(s, &yb2, &ye);
			if (has_prefix(s + yb2, ye - yb2, "由"))
				yb2 += strlen("由");
			if (ye > yb2 && cp_count(s + yb2, ye - yb2) <= MAX_PROSE_UNITS)
				split_units(p, s + yb2, ye - yb2, line, &p->resp);
		}
		/* continue after the sentence; its end (。；) starts the next clause */
		i = se;
		cs = se;
	}
	return found;
}

/* A role keyword with its colon anywhere in s: a unit list the parser could not take. */
static bool role_anywhere(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t c;
	enum role r;

	while (i < n) {
		if (role_at(s, n, i, false, &r))
			return true;
		i += cp_at(s, n, i, &c);
	}
	return false;
}

/* Is s[b..e) (the inside of a parenthesis) a unit clause? Takes the units when take is set. */
static bool unit_clause(struct parser *p, const char *s, size_t b, size_t e, int line, bool take)
{
	enum role r;

	b = skip_ws(s, e, b);
	if (role_at(s, e, b, false, &r)) {
		if (take)
			parse_roles(p, s + b, e - b, line);
		return true;
	}
	return prose_units(p, s + b, e - b, line, take);
}

/* Unit clauses in parentheses at the end of a paragraph:
 * "…机制。（牵头单位：A；责任单位：B）", "…机制（牵头单位：A）（配合单位：B）。" or
 * "…（市发改委牵头，各县区按职责分工负责）". Takes their units in text order and cuts them from
 * the paragraph; returns true if there were any. */
static bool strip_inline_units(struct parser *p, struct para *pa)
{
	const char *s = pa->s, *tail = "";
	size_t b = 0, e = pa->n, k, cb[8], ce[8], nc = 0;
	uint32_t c;

	trim(s, &b, &e);
	if (e <= b)
		return false;
	/* "…。牵头部门：A 责任主体：B": a clause that lost its line break or its brackets */
	for (size_t i = b, depth = 0; i < e;) {
		enum role r;
		if (depth == 0 && (i == b || (cp_before(s, i, &c), cp_in(c, "。；;"))) &&
		    role_at(s, e, skip_ws(s, e, i), false, &r)) {
			size_t kb = b, ke = i;
			parse_roles(p, s + skip_ws(s, e, i), e - skip_ws(s, e, i), pa->line);
			trim(s, &kb, &ke);
			pa->s = arena_strndup(p->a, s + kb, ke - kb);
			pa->n = ke - kb;
			return true;
		}
		i += cp_at(s, e, i, &c);
		if (is_open(c))
			depth++;
		else if (is_close(c) && depth > 0)
			depth--;
	}
	k = cp_before(s, e, &c);
	if (c == 0x3002 || c == 0xff1b || c == ';' || c == '.') {
		tail = arena_strndup(p->a, s + e - k, k);
		e -= k;
		trim(s, &b, &e);
	}
	while (e > b && nc < 8 && (cp_before(s, e, &c), is_close(c))) {
		int depth = 0;
		size_t i = e, open = SIZE_MAX;
		while (i > b) {
			i -= cp_before(s, i, &c);
			if (is_close(c)) {
				depth++;
			} else if (is_open(c) && --depth == 0) {
				open = i;
				break;
			}
		}
		if (open == SIZE_MAX)
			break;
		cb[nc] = open + cp_at(s, e, open, &c);
		ce[nc] = e - cp_before(s, e, &c);
		if (!unit_clause(p, s, cb[nc], ce[nc], pa->line, false))
			break;
		nc++;
		e = open;
		trim(s, &b, &e);
	}
	if (nc == 0)
		return false;
	for (size_t i = nc; i-- > 0;)
		(void)unit_clause(p, s, cb[i], ce[i], pa->line, true);
	/* "…机制。（…）" keeps its own 。; "…机制（…）。" gets the 。 back */
	if (e > b && *tail) {
		cp_before(s, e, &c);
		if (c == 0x3002 || c == 0xff1b || c == ';' || c == '.')
			tail = "";
	}
	pa->s = arena_printf(p->a, "%.*s%s", (int)(e - b), s + b, e > b ? tail : "");
	pa->n = strlen(pa->s);
	return true;
}

/* ---------- building the document ---------- */

static void flush_part(struct parser *p)
{
	if (p->part >= 0)
		p->d->parts[p->part].body = sb_str(&p->part_body);
	sb_init(&p->part_body, p->a);
}

static void flush_group(struct parser *p)
{
	if (p->group >= 0)
		p->d->groups[p->group].body = sb_str(&p->group_body);
	sb_init(&p->group_body, p->a);
}

/* Where text outside any article goes: the open group, else the open part, else the preamble. */
static struct sbuf *sink(struct parser *p)
{
	if (p->group >= 0)
		return &p->group_body;
	if (p->part >= 0)
		return &p->part_body;
	return &p->preamble;
}

static void add_para(struct parser *p, const char *s, size_t n, int line, bool units)
{
	p->paras = grow(p->a, p->paras, p->np, &p->cap_paras, sizeof(*p->paras));
	p->paras[p->np].s = s;
	p->paras[p->np].n = n;
	p->paras[p->np].line = line;
	p->paras[p->np].units = units;
	p->np++;
}

static void finish_article(struct parser *p)
{
	struct policy_article *art;
	struct sbuf body;
	size_t first = 0;

	if (!p->in_article)
		return;
	art = &p->d->articles[p->d->n_articles - 1];
	for (size_t i = 0; i < p->np; i++) {
		struct para *pa = &p->paras[i];
		if (pa->units) {
			parse_roles(p, pa->s, pa->n, pa->line);
			pa->n = 0;
		} else {
			(void)strip_inline_units(p, pa);
		}
	}
	if (p->lead.n == 0 && p->resp.n == 0)
		for (size_t i = 0; i < p->np; i++)
			(void)prose_units(p, p->paras[i].s, p->paras[i].n, p->paras[i].line, true);
	for (size_t i = 0; i < p->np; i++) {
		const struct para *pa = &p->paras[i];
		if (role_anywhere(pa->s, pa->n))
			warn(p, pa->line,
			     "条目 %d 正文中提到牵头/责任单位，但未能识别为单位列表，已保留在正文",
			     art->number);
	}
	while (first < p->np && p->paras[first].n == 0)
		first++;
	sb_init(&body, p->a);
	art->short_title = NULL;
	if (first == p->np) {
		warn(p, art->line, "条目 %d 内容为空", art->number);
	} else if (p->mode == M_STATUTE) {
		const struct para *pa = &p->paras[first];
		size_t close = find(pa->s, pa->n, 0, "】");
		if (has_prefix(pa->s, pa->n, "【") && close < pa->n) {
			size_t b = strlen("【"), e = close;
			trim(pa->s, &b, &e);
			art->short_title = arena_strndup(p->a, pa->s + b, e - b);
			b = close + strlen("】");
			e = pa->n;
			trim(pa->s, &b, &e);
			sb_para(&body, pa->s + b, e - b);
			first++;
		}
	} else {
		const struct para *pa = &p->paras[first];
		size_t dot = find(pa->s, pa->n, 0, "。");
		if (dot < pa->n) {
			size_t b = 0, e = dot;
			trim(pa->s, &b, &e);
			art->short_title = arena_strndup(p->a, pa->s + b, e - b);
			b = dot + strlen("。");
			e = pa->n;
			trim(pa->s, &b, &e);
			sb_para(&body, pa->s + b, e - b);
		} else {
			art->short_title = arena_strndup(p->a, pa->s, pa->n);
		}
		first++;
	}
	for (size_t i = first; i < p->np; i++)
		sb_para(&body, p->paras[i].s, p->paras[i].n);
	art->body = sb_str(&body);
	art->lead_units = p->lead.v;
	art->n_lead_units = p->lead.n;
	art->responsible_units = p->resp.v;
	art->n_responsible_units = p->resp.n;
	memset(&p->lead, 0, sizeof(p->lead));
	memset(&p->resp, 0, sizeof(p->resp));
	p->np = 0;
	p->in_article = false;
	p->after_units = false;
}

static void open_part(struct parser *p, const struct line *l, int number)
{
	struct policy_doc *d = p->d;
	const char *s = l->s + l->rest;
	size_t n = l->n - l->rest, dot = find(s, n, 0, "。"), b = 0, e = dot;
	int prev = d->n_parts ? d->parts[d->n_parts - 1].number : 0;

	finish_article(p);
	flush_group(p);
	flush_part(p);
	if (number != prev + 1 && prev == 0)
		warn(p, l->no, "部分编号没有从一开始：第一个是%s、",
		     policy_cn_number(p->a, number));
	else if (number != prev + 1)
		warn(p, l->no, "部分编号不连续：%s、之后是%s、", policy_cn_number(p->a, prev),
		     policy_cn_number(p->a, number));
	d->parts = grow(p->a, d->parts, d->n_parts, &p->cap_parts, sizeof(*d->parts));
	struct policy_part *pt = &d->parts[d->n_parts];
	trim(s, &b, &e);
	pt->number = number;
	pt->heading = arena_strndup(p->a, s + b, e - b);
	pt->body = "";
	pt->line = l->no;
	if (dot < n) {
		b = dot + strlen("。");
		e = n;
		trim(s, &b, &e);
		sb_para(&p->part_body, s + b, e - b);
	}
	p->part = (int)d->n_parts++;
	p->group = -1;
	p->restart_ok = true;
}

/* number 0: the marker was lost; the group takes the next number in its part. */
static void open_group(struct parser *p, const struct line *l, int number, bool recovered)
{
	struct policy_doc *d = p->d;
	const char *s = l->s + l->rest;
	size_t n = l->n - l->rest, dot = find(s, n, 0, "。"), b = 0, e = dot;
	int prev = 0;

	finish_article(p);
	flush_group(p);
	if (d->n_groups && d->groups[d->n_groups - 1].part == p->part)
		prev = d->groups[d->n_groups - 1].number;
	trim(s, &b, &e);
	if (number == 0) {
		number = prev + 1;
		warn(p, l->no, "分组标题“%s”缺少编号标记，按位置定为（%s）", l->s,
		     policy_cn_number(p->a, number));
	} else if (recovered) {
		warn(p, l->no, "分组标题“%s”的括号不完整，按（%s）处理", l->s,
		     policy_cn_number(p->a, number));
	}
	if (number != prev + 1 && prev == 0)
		warn(p, l->no, "分组编号没有从（一）开始：第一个是（%s）",
		     policy_cn_number(p->a, number));
	else if (number != prev + 1)
		warn(p, l->no, "分组编号不连续：（%s）之后是（%s）", policy_cn_number(p->a, prev),
		     policy_cn_number(p->a, number));
	d->groups = grow(p->a, d->groups, d->n_groups, &p->cap_groups, sizeof(*d->groups));
	struct policy_group *g = &d->groups[d->n_groups];
	g->part = p->part;
	g->number = number;
	g->heading = arena_strndup(p->a, s + b, e - b);
	g->body = "";
	g->recovered = recovered;
	g->line = l->no;
	if (dot < n) {
		b = dot + strlen("。");
		e = n;
		trim(s, &b, &e);
		sb_para(&p->group_body, s + b, e - b);
	}
	p->group = (int)d->n_groups++;
	p->restart_ok = true;
}

static void open_article(struct parser *p, const struct line *l)
{
	struct policy_doc *d = p->d;
	struct policy_article *art;

	finish_article(p);
	if (l->num != p->last_number + 1 && !(l->num == 1 && p->restart_ok)) {
		if (p->last_number == 0)
			warn(p, l->no, "条目编号没有从 1 开始：第一条是 %d", l->num);
		else
			warn(p, l->no, "条目编号不连续：%d 之后是 %d", p->last_number, l->num);
	}
	d->articles =
	    grow(p->a, d->articles, d->n_articles, &p->cap_articles, sizeof(*d->articles));
	art = &d->articles[d->n_articles++];
	memset(art, 0, sizeof(*art));
	art->number = l->num;
	art->part = p->part;
	art->group = p->group;
	art->body = "";
	art->line = l->no;
	p->in_article = true;
	p->after_units = false;
	p->last_number = l->num;
	p->restart_ok = false;
	add_para(p, l->s + l->rest, l->n - l->rest, l->no, false);
}

static enum act act_of(const struct parser *p, const struct line *l)
{
	switch (l->kind) {
	case K_BLANK:
		return A_BLANK;
	case K_UNIT:
		return A_UNIT;
	case K_ATTACH:
		return A_ATTACH;
	case K_TEXT:
	case K_DATE:
	case K_PAREN:
		return A_TEXT;
	default:
		break;
	}
	switch (p->mode) {
	case M_NUMBERED:
		return l->kind == K_PART      ? A_PART
		       : l->kind == K_GROUP   ? A_GROUP
		       : l->kind == K_LOST    ? A_LOST
		       : l->kind == K_ARTICLE ? A_ARTICLE
		                              : A_SUB;
	case M_STATUTE:
		if (l->kind == K_STATUTE)
			return A_ARTICLE;
		if (l->di)
			return l->kind == K_PART ? A_PART : A_GROUP;
		return A_SUB;
	case M_GROUPED:
		if (l->kind == K_PART)
			return A_PART;
		if (l->kind == K_GROUP)
			return l->di ? A_GROUP : A_ARTICLE;
		return l->kind == K_LOST ? A_LOST : A_SUB;
	case M_PARTS:
		if (l->kind == K_PART)
			return l->di ? A_PART : A_ARTICLE;
		return l->kind == K_LOST ? A_LOST : A_SUB;
	case M_NONE:
		break;
	}
	return A_TEXT;
}

/* A bare short line before an article, where a group heading belongs, is a heading whose
 * marker was lost (深化财税制度改革). */
static bool lost_heading(const struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];
	size_t j = p->next_nb[i];
	bool part_has_groups = p->d->n_groups && p->d->groups[p->d->n_groups - 1].part == p->part;

	if (p->mode != M_NUMBERED || l->kind != K_TEXT || !l->plain_short)
		return false;
	if (j >= p->body_end || act_of(p, &p->ln[j]) != A_ARTICLE)
		return false;
	return (p->in_article && p->after_units) || (!p->in_article && p->group < 0) ||
	       part_has_groups;
}

/* A unit line, plus the lines it wraps onto while it ends with a separator. Returns the index
 * of its last line. */
static size_t unit_line(struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];
	const char *s = l->s;
	size_t n = l->n, last = i;
	uint32_t c;

	cp_before(s, n, &c);
	if (cp_in(c, "、，,；;")) {
		struct sbuf joined;
		sb_init(&joined, p->a);
		sb_add(&joined, s, n);
		while (cp_in(c, "、，,；;")) {
			size_t j = p->next_nb[last];
			if (j >= p->body_end || p->ln[j].kind != K_TEXT)
				break;
			sb_add(&joined, p->ln[j].s, p->ln[j].n);
			last = j;
			cp_before(joined.p, joined.len, &c);
		}
		s = joined.p;
		n = joined.len;
	}
	if (!p->in_article) {
		warn(p, l->no, "牵头/责任单位行不属于任何条目，已作为正文保留");
		sb_para(sink(p), s, n);
		return last;
	}
	{
		size_t b = 0, e = n, k;
		k = cp_at(s, n, 0, &c);
		/* "（牵头单位：…）" on a line of its own */
		if (is_open(c) && match_paren(s, n, 0) + cp_before(s, n, &c) == n && is_close(c)) {
			b = k;
			e = n - cp_before(s, n, &c);
		}
		/* parsed by finish_article(), so all unit sources keep their text order */
		add_para(p, s + b, e - b, l->no, true);
	}
	p->after_units = true;
	return last;
}

static void parse_body(struct parser *p, size_t start)
{
	bool attach_warned = false;

	for (size_t i = start; i < p->body_end; i++) {
		const struct line *l = &p->ln[i];
		enum act act = act_of(p, l);

		if (act == A_TEXT && lost_heading(p, i))
			act = A_LOST;
		/* only numbered documents have a group level a broken marker could belong to, and
		 * a heading is short and unpunctuated ("）按附表执行。" just ends a bracket) */
		if (act == A_LOST && (p->mode != M_NUMBERED || !l->plain_short)) {
			warn(p, l->no, "行首的编号标记不完整，已按正文处理");
			act = A_TEXT;
		}
		switch (act) {
		case A_BLANK:
			break;
		case A_PART:
			open_part(p, l, l->num);
			break;
		case A_GROUP:
			open_group(p, l, l->num, false);
			break;
		case A_LOST:
			open_group(p, l, l->num, true);
			break;
		case A_SUB:
		case A_TEXT:
			if (p->in_article) {
				if (p->after_units)
					warn(p, l->no,
					     "条目 %d 的单位行之后还有文字，已并入该条正文",
					     p->d->articles[p->d->n_articles - 1].number);
				add_para(p, l->s, l->n, l->no, false);
			} else {
				if (act == A_SUB)
					warn(p, l->no, "编号子项不属于任何条目，已并入上级正文");
				sb_para(sink(p), l->s, l->n);
			}
			break;
		case A_ARTICLE:
			open_article(p, l);
			break;
		case A_UNIT:
			i = unit_line(p, i);
			break;
		case A_ATTACH:
			if (p->d->n_articles == 0) {
				sb_para(sink(p), l->s, l->n);
				break;
			}
			/* attachments end the body: everything from here on is the closing */
			for (size_t j = i + 1; j < p->body_end && !attach_warned; j++) {
				enum act a2 = act_of(p, &p->ln[j]);
				if (a2 == A_ARTICLE || a2 == A_PART || a2 == A_GROUP) {
					warn(p, p->ln[j].no, "附件之后的编号内容已作为附件保留");
					attach_warned = true;
				}
			}
			p->body_end = i;
			break;
		}
	}
	finish_article(p);
	flush_group(p);
	flush_part(p);
}

/* ---------- the notice, title and preamble in front of the body ---------- */

static const char *extract_email(struct arena *a, const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	while (at) {
		size_t i = (size_t)(at - s), b = i, e = i + 1;
		while (b > 0 &&
		       (strchr("._%+-", s[b - 1]) || (s[b - 1] >= '0' && s[b - 1] <= '9') ||
		        ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z')))
			b--;
		while (e < n && (s[e] == '.' || s[e] == '-' || (s[e] >= '0' && s[e] <= '9') ||
		                 ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z')))
			e++;
		while (e > i + 1 && s[e - 1] == '.')
			e--;
		if (b < i && memchr(s + i + 1, '.', e - i - 1))
			return arena_strndup(a, s + b, e - b);
		at = i + 1 < n ? memchr(s + i + 1, '@', n - i - 1) : NULL;
	}
	return NULL;
}

/* The first run of digits (with '-' and spaces between them) holding at least 5 digits. */
static const char *extract_phone(struct arena *a, const char *s, size_t n)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t k = cp_at(s, n, i, &c);
		if (!is_digit(c)) {
			i += k;
			continue;
		}
		struct sbuf b;
		int digits = 0;
		sb_init(&b, a);
		while (i < n) {
			k = cp_at(s, n, i, &c);
			if (is_digit(c)) {
				sb_addcp(&b, (uint32_t)('0' + digit_value(c)));
				digits++;
			} else if ((c == '-' || c == 0xff0d) && b.len && b.p[b.len - 1] != '-') {
				sb_add(&b, "-", 1);
			} else if (!(c == ' ' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')) {
				break;
			}
			i += k;
		}
		while (b.len && b.p[b.len - 1] == '-')
			b.p[--b.len] = 0;
		if (digits >= 5)
			return sb_str(&b);
	}
	return NULL;
}

/* "2025年6月23日-2025年6月25日", "2025年6月23日至6月25日", "截至2025年7月1日". */
static void parse_window(struct parser *p, const char *s, size_t n, int line)
{
	struct policy_notice *nt = &p->d->notice;
	struct ymd t1, t2;
	size_t at, e = first_date(s, n, &at, &t1), j;
	uint32_t c;

	if (!e) {
		warn(p, line, "意见反馈时间“%.*s”中没有可识别的日期", (int)n, s);
		return;
	}
	j = skip_ws(s, n, e);
	while (j < n && (cp_at(s, n, j, &c), cp_in(c, "-－—–~～至到")))
		j = skip_ws(s, n, j + cp_at(s, n, j, &c));
	if (j > e && parse_date(s, n, j, t1.y, &t2)) {
		nt->window_start = iso_date(p->a, &t1);
		nt->window_end = iso_date(p->a, &t2);
		if (strcmp(nt->window_start, nt->window_end) > 0)
			warn(p, line, "意见反馈时间的结束日期早于开始日期");
	} else if (find(s, n, 0, "截") < at || find(s, n, at, "前") < n) {
		nt->window_end = iso_date(p->a, &t1);
	} else {
		nt->window_start = iso_date(p->a, &t1);
		warn(p, line, "意见反馈时间只有一个日期，已作为开始日期");
	}
}

static void notice_fields(struct parser *p, const struct line *l)
{
	struct policy_notice *nt = &p->d->notice;
	const char *s = l->s;
	size_t n = l->n, i = 0, vals[8], kws[8], nf = 0;
	enum fld fs[8];
	uint32_t c;

	while (i < n && nf < 8) {
		size_t kl, v = field_at(s, n, i, &fs[nf], &kl);
		if (v) {
			kws[nf] = i;
			vals[nf] = v;
			nf++;
			i = v;
			continue;
		}
		i += cp_at(s, n, i, &c);
	}
	for (size_t k = 0; k < nf; k++) {
		size_t b = vals[k], e = k + 1 < nf ? kws[k + 1] : n;
		trim_set(s, &b, &e, "【】[]");
		if (e <= b)
			continue;
		switch (fs[k]) {
		case F_EMAIL:
			if (!nt->email && !(nt->email = extract_email(p->a, s + b, e - b)))
				warn(p, l->no, "电子邮箱“%.*s”不是有效的邮件地址", (int)(e - b),
				     s + b);
			break;
		case F_PHONE:
			if (!nt->phone && !(nt->phone = extract_phone(p->a, s + b, e - b)))
				warn(p, l->no, "电话“%.*s”中没有可识别的号码", (int)(e - b), s + b);
			break;
		case F_WINDOW:
			if (!nt->window_start && !nt->window_end)
				parse_window(p, s + b, e - b, l->no);
			break;
		case F_DATE:
			if (!nt->date) {
				struct ymd t;
				size_t at;
				if (first_date(s + b, e - b, &at, &t))
					nt->date = iso_date(p->a, &t);
			}
			break;
		case F_ISSUER:
			if (!nt->issuer)
				nt->issuer = arena_strndup(p->a, s + b, e - b);
			break;
		case F_OTHER:
			break;
		}
	}
}

/* 关于对《…》征求意见的公告: a heading, not a preamble that mentions 征求意见 in passing. */
static bool notice_heading(const struct line *l)
{
	static const char *const ends[] = {"公告", "通知", "启事", "公示", "函", "说明"};
	bool ok = has_prefix(l->s, l->n, "关于");

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		ok |= has_suffix(l->s, l->n, ends[i]);
	return ok && l->kind == K_TEXT && find(l->s, l->n, 0, "征求意见") < l->n &&
	       find(l->s, l->n, 0, "。") == l->n && cp_count(l->s, l->n) <= 2 * MAX_TITLE_CPS;
}

static bool has_notice_field(const struct line *l)
{
	size_t i = 0, kl;
	enum fld f;
	uint32_t c;

	while (i < l->n) {
		if (field_at(l->s, l->n, i, &f, &kl) &&
		    (f == F_EMAIL || f == F_PHONE || f == F_WINDOW))
			return true;
		i += cp_at(l->s, l->n, i, &c);
	}
	return false;
}

/* Lines [0, end) of the notice: fields, signature, text. */
static void parse_notice(struct parser *p, size_t end, size_t heading)
{
	struct policy_notice *nt = &p->d->notice;
	struct sbuf text;
	size_t last_date = SIZE_MAX;

	sb_init(&text, p->a);
	nt->present = true;
	nt->heading = heading < end ? p->ln[heading].s : NULL;
	for (size_t i = 0; i < end; i++) {
		const struct line *l = &p->ln[i];
		if (l->kind == K_BLANK)
			continue;
		if (!nt->line)
			nt->line = l->no;
		sb_para(&text, l->s, l->n);
		if (l->kind == K_DATE)
			last_date = i;
		notice_fields(p, l);
	}
	nt->text = sb_str(&text);
	if (last_date != SIZE_MAX) {
		struct ymd t;
		size_t at;
		/* the signature: organization above the date at the notice's end */
		if (first_date(p->ln[last_date].s, p->ln[last_date].n, &at, &t))
			nt->date = iso_date(p->a, &t);
		for (size_t i = last_date; i-- > 0;) {
			const struct line *l = &p->ln[i];
			if (l->kind == K_BLANK)
				continue;
			if (l->kind == K_TEXT && l->plain_short &&
			    cp_count(l->s, l->n) <= MAX_SIGNER_CPS)
				nt->issuer = l->s;
			break;
		}
	}
	if (!nt->email) {
		for (size_t i = 0; i < end && !nt->email; i++)
			nt->email = extract_email(p->a, p->ln[i].s, p->ln[i].n);
	}
	if (nt->issuer && !*nt->issuer)
		nt->issuer = NULL;
}

static bool title_like(const struct line *l)
{
	return l->kind == K_TEXT && cp_count(l->s, l->n) <= MAX_TITLE_CPS &&
	       !has_any(l->s, l->n, SENTENCE_PUNCT) && !has_notice_field(l);
}

/* Lines [0, start): notice, title, title note, preamble. */
static void parse_front(struct parser *p, size_t start)
{
	struct policy_doc *d = p->d;
	size_t heading = SIZE_MAX, end = 0, i;
	bool notice = false;
	struct sbuf title, note;

	for (i = 0; i < start; i++) {
		if (heading == SIZE_MAX && notice_heading(&p->ln[i]))
			heading = i, notice = true, end = i + 1;
		if (p->ln[i].field || has_notice_field(&p->ln[i]))
			notice = true, end = i + 1;
	}
	if (notice) {
		/* the notice runs on through its attachment line and its signed date */
		for (i = end; i < start; i++)
			if (p->ln[i].kind == K_DATE || p->ln[i].kind == K_ATTACH)
				end = i + 1;
		parse_notice(p, end, heading);
	}
	sb_init(&title, p->a);
	sb_init(&note, p->a);
	int title_line = 0, nt = 0;
	for (i = end; i < start; i++) {
		if (p->ln[i].kind == K_BLANK)
			continue;
		if (nt >= MAX_TITLE_LINES || !title_like(&p->ln[i]))
			break;
		if (!title_line)
			title_line = p->ln[i].no;
		sb_add(&title, p->ln[i].s, p->ln[i].n);
		nt++;
	}
	for (; i < start; i++) {
		const struct line *l = &p->ln[i];
		if (l->kind == K_BLANK)
			continue;
		if (l->kind != K_PAREN)
			break;
		size_t b = 0, e = l->n;
		uint32_t c;
		b += cp_at(l->s, e, 0, &c);
		e -= cp_before(l->s, e, &c);
		trim(l->s, &b, &e);
		sb_para(&note, l->s + b, e - b);
	}
	for (; i < start; i++) {
		if (p->ln[i].kind == K_BLANK)
			continue;
		if (p->ln[i].kind == K_UNIT)
			warn(p, p->ln[i].no, "牵头/责任单位行不属于任何条目，已作为正文保留");
		sb_para(&p->preamble, p->ln[i].s, p->ln[i].n);
	}
	d->title = title.len ? title.p : NULL;
	d->title_note = note.len ? note.p : NULL;
	if (!d->title) {
		const char *h = d->notice.heading;
		size_t hn = h ? strlen(h) : 0, b = h ? find(h, hn, 0, "《") : 0;
		size_t e = h ? find(h, hn, b, "》") : 0;
		if (h && b < hn && e < hn && e > b + strlen("《")) {
			d->title = arena_strndup(p->a, h + b + strlen("《"), e - b - strlen("《"));
			warn(p, p->ln[heading].no, "未找到正文标题，已采用公告中的《%s》",
			     d->title);
		} else {
			warn(p, start < p->nl ? p->ln[start].no : 1, "未找到文件标题");
		}
	}
}

/* ---------- entry points ---------- */

/* Trimmed copy of a raw line with NBSP and kin turned into ASCII spaces. */
static void prep_line(struct parser *p, struct line *l, const char *s, size_t n)
{
	size_t b = 0, e = n, i;
	struct sbuf out;
	uint32_t c;

	trim(s, &b, &e);
	sb_init(&out, p->a);
	for (i = b; i < e;) {
		size_t k = cp_at(s, e, i, &c);
		if (c == 0x200b || c == 0xfeff)
			; /* zero-width: nothing to keep */
		else if (c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f)
			sb_add(&out, " ", 1);
		else
			sb_add(&out, s + i, k);
		i += k;
	}
	l->s = sb_str(&out);
	l->n = out.len;
	classify(l);
}

struct ordered {
	struct policy_warning w;
	size_t seq; /* order of discovery, so warnings on one line keep their order */
};

static int cmp_warning(const void *x, const void *y)
{
	const struct ordered *a = x, *b = y;

	if (a->w.line != b->w.line)
		return a->w.line < b->w.line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Warnings come out in line order; finish_article() reports lines it passed earlier. */
static void sort_warnings(struct arena *a, struct policy_doc *d)
{
	struct ordered *o = arena_alloc(a, d->n_warnings * sizeof(*o));

	for (size_t i = 0; i < d->n_warnings; i++) {
		o[i].w = d->warnings[i];
		o[i].seq = i;
	}
	qsort(o, d->n_warnings, sizeof(*o), cmp_warning);
	for (size_t i = 0; i < d->n_warnings; i++)
		d->warnings[i] = o[i].w;
}

int policy_parse(const char *buf, size_t len, struct arena *a, struct policy_doc *out)
{
	struct textconv_text t;
	struct parser p;
	size_t start, i, nl = 1;
	int rc = KFQ_EINVAL;
	bool any = false;

	memset(out, 0, sizeof(*out));
	out->preamble = "";
	out->closing = "";
	if (len > POLICY_MAX_BYTES) {
		out->error = "文件过大（超过 4 MiB）";
		goto fail;
	}
	if (textconv_to_utf8(buf, len, a, &t) != KFQ_OK) {
		out->error = t.error;
		goto fail;
	}
	out->encoding = textconv_encoding_name(t.encoding);

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.d = out;
	p.part = -1;
	p.group = -1;
	sb_init(&p.preamble, a);
	sb_init(&p.part_body, a);
	sb_init(&p.group_body, a);
	for (i = 0; i < t.len; i++)
		nl += t.text[i] == '\n';
	if (nl > POLICY_MAX_LINES) {
		out->error = "文件行数过多（超过 100000 行）";
		goto fail;
	}
	p.nl = nl;
	p.ln = arena_zalloc(a, nl * sizeof(*p.ln));
	p.next_nb = arena_alloc(a, nl * sizeof(*p.next_nb));
	{
		size_t b = 0, k = 0;
		for (i = 0; i <= t.len; i++) {
			if (i < t.len && t.text[i] != '\n')
				continue;
			p.ln[k].no = (int)(k + 1);
			prep_line(&p, &p.ln[k], t.text + b, i - b);
			any |= p.ln[k].kind != K_BLANK;
			k++;
			b = i + 1;
		}
	}
	if (!any) {
		out->error = TEXTCONV_MSG_EMPTY;
		goto fail;
	}
	for (i = nl, start = nl; i-- > 0;) {
		p.next_nb[i] = start;
		if (p.ln[i].kind != K_BLANK)
			start = i;
	}

	/* the body starts at the first heading or article that is not a notice field */
	for (start = 0; start < nl; start++) {
		enum kind k = p.ln[start].kind;
		if ((k == K_PART || k == K_GROUP || k == K_ARTICLE || k == K_STATUTE) &&
		    !p.ln[start].field)
			break;
	}
	/* trailing attachments and a signature (organizations above a date) are the closing */
	p.body_end = nl;
	{
		bool anchor = false;
		int signers = 0;
		for (i = nl; i-- > start + 1;) {
			const struct line *l = &p.ln[i];
			if (l->kind == K_BLANK)
				continue;
			if (l->kind == K_DATE || l->kind == K_ATTACH) {
				anchor = true;
				signers = 0;
			} else if (anchor && signers < 4 && l->kind == K_TEXT && l->plain_short &&
			           cp_count(l->s, l->n) <= MAX_SIGNER_CPS) {
				signers++;
			} else {
				break;
			}
			p.body_end = i;
		}
	}
	{
		bool statute = false, numbered = false, grouped = false, parts = false;
		for (i = start; i < p.body_end; i++) {
			const struct line *l = &p.ln[i];
			statute |= l->kind == K_STATUTE;
			numbered |= l->kind == K_ARTICLE;
			grouped |= l->kind == K_GROUP && !l->di;
			parts |= l->kind == K_PART;
		}
		p.mode = statute    ? M_STATUTE
		         : numbered ? M_NUMBERED
		         : grouped  ? M_GROUPED
		         : parts    ? M_PARTS
		                    : M_NONE;
	}

	parse_front(&p, start);
	parse_body(&p, start);
	out->preamble = sb_str(&p.preamble);
	{
		struct sbuf closing;
		sb_init(&closing, a);
		for (i = p.body_end; i < nl; i++)
			sb_para(&closing, p.ln[i].s, p.ln[i].n);
		out->closing = sb_str(&closing);
	}
	if (out->n_articles == 0)
		warn(&p, start < nl ? p.ln[start].no : 1, "未识别出任何条目");
	if (out->n_warnings > 1)
		sort_warnings(a, out);
	rc = KFQ_OK;
fail:
	return rc;
}

static void units_json(struct jsonw *w, const char *key, const char *const *v, size_t n)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (size_t i = 0; i < n; i++)
		jsonw_str(w, v[i]);
	jsonw_arr_close(w);
}

void policy_doc_to_json(const struct policy_doc *d, struct jsonw *w)
{
	const struct policy_notice *nt = &d->notice;

	jsonw_obj_open(w);
	jsonw_kstr(w, "title", d->title);
	jsonw_kstr(w, "title_note", d->title_note);
	jsonw_kstr(w, "encoding", d->encoding);
	jsonw_key(w, "notice");
	if (nt->present) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "heading", nt->heading);
		jsonw_kstr(w, "issuer", nt->issuer);
		jsonw_kstr(w, "date", nt->date);
		jsonw_kstr(w, "email", nt->email);
		jsonw_kstr(w, "phone", nt->phone);
		jsonw_kstr(w, "window_start", nt->window_start);
		jsonw_kstr(w, "window_end", nt->window_end);
		jsonw_kstr(w, "text", nt->text);
		jsonw_kint(w, "line", nt->line);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "preamble", d->preamble);
	jsonw_key(w, "parts");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_parts; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "number", d->parts[i].number);
		jsonw_kstr(w, "heading", d->parts[i].heading);
		jsonw_kstr(w, "body", d->parts[i].body);
		jsonw_kint(w, "line", d->parts[i].line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "groups");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_groups; i++) {
		const struct policy_group *g = &d->groups[i];
		jsonw_obj_open(w);
		if (g->part >= 0)
			jsonw_kint(w, "part", d->parts[g->part].number);
		else
			jsonw_knull(w, "part");
		jsonw_kint(w, "number", g->number);
		jsonw_kstr(w, "heading", g->heading);
		jsonw_kstr(w, "body", g->body);
		jsonw_kbool(w, "recovered", g->recovered);
		jsonw_kint(w, "line", g->line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "articles");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_articles; i++) {
		const struct policy_article *art = &d->articles[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "number", art->number);
		if (art->part >= 0)
			jsonw_kint(w, "part", d->parts[art->part].number);
		else
			jsonw_knull(w, "part");
		if (art->group >= 0)
			jsonw_kint(w, "group", d->groups[art->group].number);
		else
			jsonw_knull(w, "group");
		jsonw_kstr(w, "short_title", art->short_title);
		jsonw_kstr(w, "body", art->body);
		units_json(w, "lead_units", art->lead_units, art->n_lead_units);
		units_json(w, "responsible_units", art->responsible_units,
		           art->n_responsible_units);
		jsonw_kint(w, "line", art->line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "closing", d->closing);
	jsonw_key(w, "warnings");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_warnings; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "line", d->warnings[i].line);
		jsonw_kstr(w, "message", d->warnings[i].message);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}
