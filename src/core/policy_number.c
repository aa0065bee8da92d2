/* policy_number.c - numerals and dates as policy texts write them: 一 … 九千九百九十九, ASCII
 * and full-width digits, 2025年6月23日 / 2025-06-23 / 二〇二五年六月二十三日, and the Chinese
 * numerals written back for headings. Pure; must not know about lines or documents. */
#include "core/policy_parse_int.h"

#include <string.h>

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
int pp_cn_num(const char *s, size_t n, size_t i, size_t *end)
{
	int total = 0, pending = 0, k = 0;
	bool seen = false;
	uint32_t c;

	while (i < n && k < 8) {
		size_t l = pp_cp_at(s, n, i, &c);
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
int pp_ar_num(const char *s, size_t n, size_t i, int maxd, size_t *end, int *nd)
{
	int v = 0, k = 0;
	uint32_t c;

	while (i < n) {
		size_t l = pp_cp_at(s, n, i, &c);
		if (!pp_is_digit(c))
			break;
		if (++k > maxd)
			return -1;
		v = v * 10 + pp_digit_value(c);
		i += l;
	}
	if (k == 0)
		return -1;
	*end = i;
	if (nd)
		*nd = k;
	return v;
}

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

	i = pp_skip_ws(s, n, i);
	t->m = pp_ar_num(s, n, i, 2, &e, NULL);
	if (t->m < 0 && !sep)
		t->m = pp_cn_num(s, n, i, &e);
	if (t->m < 0)
		return 0;
	i = pp_skip_ws(s, n, e);
	if (i >= n)
		return 0;
	i += pp_cp_at(s, n, i, &c);
	if (sep ? c != sep : c != 0x6708 /* 月 */)
		return 0;
	i = pp_skip_ws(s, n, i);
	t->d = pp_ar_num(s, n, i, 2, &e, NULL);
	if (t->d < 0 && !sep)
		t->d = pp_cn_num(s, n, i, &e);
	if (t->d < 0)
		return 0;
	i = e;
	if (!sep) {
		size_t j = pp_skip_ws(s, n, i);
		if (j >= n)
			return 0;
		j += pp_cp_at(s, n, j, &c);
		if (c != 0x65e5 /* 日 */ && c != 0x53f7 /* 号 */)
			return 0;
		i = j;
	}
	return i;
}

/* A date at s[i..n): 2025年6月23日, 2025-06-23, 2025/6/23, 2025.6.23, 二〇二五年六月二十三日, or,
 * when year_default > 0, 6月23日. Returns the offset after it, 0 if there is no valid date. */
size_t pp_parse_date(const char *s, size_t n, size_t i, int year_default, struct ymd *t)
{
	size_t e;
	int nd = 0;
	uint32_t c;

	t->y = pp_ar_num(s, n, i, 4, &e, &nd);
	if (t->y >= 0 && nd != 4)
		t->y = -1;
	if (t->y < 0) {
		/* 二〇二五: the year is written digit by digit */
		int y = 0, k = 0;
		e = i;
		while (e < n && k < 4) {
			size_t l = pp_cp_at(s, n, e, &c);
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
		size_t j = pp_skip_ws(s, n, e);
		if (j >= n)
			return 0;
		j += pp_cp_at(s, n, j, &c);
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

char *pp_iso_date(struct arena *a, const struct ymd *t)
{
	return arena_printf(a, "%04d-%02d-%02d", t->y, t->m, t->d);
}

/* The first date in s[0..n): *at its start; 0 if none. */
size_t pp_first_date(const char *s, size_t n, size_t *at, struct ymd *t)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t e = pp_parse_date(s, n, i, 0, t);
		if (e) {
			*at = i;
			return e;
		}
		i += pp_cp_at(s, n, i, &c);
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
	pp_sb_init(&b, a);
	for (int k = 0; k < 4; k++) {
		int d = n / pw[k] % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			pp_sb_adds(&b, dg[0]);
		zero = false;
		/* 十六, not 一十六 */
		if (!(pw[k] == 10 && d == 1 && !started))
			pp_sb_adds(&b, dg[d]);
		pp_sb_adds(&b, un[k]);
		started = true;
	}
	return (char *)pp_sb_str(&b);
}
