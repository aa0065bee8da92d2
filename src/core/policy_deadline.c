/* policy_deadline.c - the last day of the period a deadline names: 2025年6月底前 -> 2025-06-30,
 * 上半年 -> 06-30, 第三季度 -> 09-30, 2026年 or 年底前 -> 12-31, 2025年12月15日前 -> that
 * day; the year from the text or, failing that, the one the caller gives (the document's).
 * Where several periods are named the latest wins (the task is done when the last part is).
 * Recurring deadlines (每年6月底前) and open ones (持续推进, 长期坚持) name no single day.
 * Pure; must not decide which text is a deadline (policy_units.c does). */
#include "core/policy_parse_int.h"

#include <stdlib.h>
#include <string.h>

static int month_days(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mdays[m - 1] + (m == 2 ? leap : 0);
}

struct found {
	struct ymd best; /* latest day so far */
	bool any;
	bool need_year; /* a period without a year was named and no year was known */
	bool bad_date; /* a day, month or quarter that does not exist was named (2月30日, 13月) */
};

static void take(struct found *f, int y, int m, int d)
{
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return;
	if (d == 0)
		d = month_days(y, m);
	if (d < 1 || d > month_days(y, m)) {
		f->bad_date = true;
		return;
	}
	if (!f->any || y > f->best.y || (y == f->best.y && m > f->best.m) ||
	    (y == f->best.y && m == f->best.m && d > f->best.d)) {
		f->best.y = y;
		f->best.m = m;
		f->best.d = d;
	}
	f->any = true;
}

/* A small number 1..99 at s[i..n) in ASCII, full-width or Chinese digits: value, *end. */
static int small_num(const char *s, size_t n, size_t i, size_t *end)
{
	int v = pp_ar_num(s, n, i, 2, end, NULL);

	return v >= 0 ? v : pp_cn_num(s, n, i, end);
}

/* 一季度, 第三季度, 第3季度 at s[i..n): the quarter 1..4 and *end, -1 and *end for one that
 * does not exist (第五季度), else 0. */
static int quarter_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t e;
	int q;

	if (pp_has_prefix(s + i, n - i, "第"))
		i += strlen("第");
	q = small_num(s, n, i, &e);
	if (q < 0 || !pp_has_prefix(s + e, n - e, "季度"))
		return 0;
	*end = e + strlen("季度");
	return q >= 1 && q <= 4 ? q : -1;
}

/* 6月 / 六月 / 6月30日 at s[i..n) in year y: takes the month's last day or the day; returns
 * the offset after it, 0 if there is no month here. */
static size_t month_at(const char *s, size_t n, size_t i, int y, struct found *f)
{
	size_t e, e2;
	int m = small_num(s, n, i, &e), d;

	if (m < 0 || !pp_has_prefix(s + e, n - e, "月"))
		return 0;
	e += strlen("月");
	/* 2026年13月 is a mistake, not the year's end */
	if (m < 1 || m > 12) {
		f->bad_date = true;
		return e;
	}
	d = small_num(s, n, e, &e2);
	if (d >= 1 && (pp_has_prefix(s + e2, n - e2, "日") || pp_has_prefix(s + e2, n - e2, "号")))
		e = e2 + strlen("日");
	else
		d = 0;
	/* 6月底, 6月末, 6月份: the month all the same */
	if (!d && (pp_has_prefix(s + e, n - e, "底") || pp_has_prefix(s + e, n - e, "末") ||
	           pp_has_prefix(s + e, n - e, "份")))
		e += strlen("底");
	if (y > 0)
		take(f, y, m, d);
	else
		f->need_year = true;
	return e;
}

/* A month, a quarter, a half or the year's end, in the year y (after "2025年" or alone).
 * after_year: right behind "2025年", where 底 and 末 alone mean the year's end. Returns the
 * offset after it, 0 if nothing period-like is here. */
static size_t period_at(const char *s, size_t n, size_t i, int y, bool after_year, struct found *f)
{
	static const struct {
		const char *w;
		int m;
		bool after_year; /* only right behind a year */
	} words[] = {{"上半年", 6, false}, {"下半年", 12, false}, {"年底", 12, false},
	             {"年末", 12, false},  {"年内", 12, false},   {"全年", 12, false},
	             {"底", 12, true},     {"末", 12, true}};
	size_t e;
	int q;

	if ((e = month_at(s, n, i, y, f)) != 0)
		return e;
	if ((q = quarter_at(s, n, i, &e)) != 0) {
		if (q < 0)
			f->bad_date = true;
		else if (y > 0)
			take(f, y, 3 * q, 0);
		else
			f->need_year = true;
		return e;
	}
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		if ((words[k].after_year && !after_year) ||
		    !pp_has_prefix(s + i, n - i, words[k].w))
			continue;
		if (y > 0)
			take(f, y, words[k].m, 0);
		else
			f->need_year = true;
		return i + strlen(words[k].w);
	}
	return 0;
}

/* Words that make a yearless period recur, so it names no single day. */
static bool recurring(const char *s, size_t n)
{
	static const char *const w[] = {"每年", "每半年", "每季度", "每月", "每周", "逐年"};

	for (size_t k = 0; k < sizeof(w) / sizeof(w[0]); k++)
		if (pp_find(s, n, 0, w[k]) < n)
			return true;
	return false;
}

int pp_deadline_date(const char *s, size_t n, int year, struct ymd *out, bool *need_year,
                     bool *bad_date)
{
	struct found f = {{0, 0, 0}, false, false, false};
	bool every = recurring(s, n);
	int cur = year;
	size_t i = 0;
	uint32_t c, prev = 0;

	while (i < n) {
		size_t e, j;
		int y, nd = 0;
		struct ymd t;
		if (!pp_is_digit(prev) && (e = pp_parse_date(s, n, i, 0, &t)) != 0) {
			take(&f, t.y, t.m, t.d);
			cur = t.y;
			i = e;
			prev = 0;
			continue;
		}
		y = pp_is_digit(prev) ? -1 : pp_ar_num(s, n, i, 4, &e, &nd);
		if (y >= 1900 && nd == 4 && pp_has_prefix(s + e, n - e, "年")) {
			j = e + strlen("年");
			cur = y;
			e = period_at(s, n, j, y, true, &f);
			if (!e) {
				/* 2026年, 2026年前: the year itself; 从2019年起 is a start */
				if (!pp_has_prefix(s + j, n - j, "起") &&
				    !pp_has_prefix(s + j, n - j, "开始") &&
				    !pp_has_prefix(s + j, n - j, "以来"))
					take(&f, y, 12, 31);
				e = j;
			}
			i = e;
			prev = 0;
			continue;
		}
		if (!pp_is_digit(prev) &&
		    (e = period_at(s, n, i, every ? -1 : cur, false, &f)) != 0) {
			if (every)
				f.need_year = false;
			i = e;
			prev = 0;
			continue;
		}
		i += pp_cp_at(s, n, i, &c);
		prev = c;
	}
	if (need_year)
		*need_year = !f.any && f.need_year;
	if (bad_date)
		*bad_date = f.bad_date;
	if (!f.any)
		return 0;
	*out = f.best;
	return 1;
}

bool pp_time_phrase(const char *s, size_t n)
{
	static const char *const starts[] = {"年底",   "年内", "年末", "全年", "上半年",
	                                     "下半年", "第",   "长期", "持续", "每年",
	                                     "每季度", "每月", "于"};
	struct ymd t;
	bool need;
	uint32_t c;

	if (n == 0)
		return false;
	pp_cp_at(s, n, 0, &c);
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]) && !pp_is_digit(c); k++)
		if (pp_has_prefix(s, n, starts[k]))
			goto named;
	if (!pp_is_digit(c) && pp_cn_num(s, n, 0, &(size_t){0}) < 0)
		return false;
named:
	/* it starts like a time; it is one if it names a period or is an open-ended phrase */
	return pp_deadline_date(s, n, 2000, &t, &need, NULL) || pp_has_prefix(s, n, "长期") ||
	       pp_has_prefix(s, n, "持续") || pp_has_prefix(s, n, "每");
}

const char *pp_deadline_resolve(struct arena *a, const char *text, int year, const char **why)
{
	struct ymd t;
	bool need_year = false, bad_date = false;
	const char *date = NULL;

	if (pp_deadline_date(text, strlen(text), year, &t, &need_year, &bad_date))
		date = pp_iso_date(a, &t);
	*why = NULL;
	if (bad_date && date)
		*why = arena_printf(a, "完成时限“%s”中有不存在的日期，已按其余时限定为 %s", text,
		                    date);
	else if (bad_date)
		*why = arena_printf(a, "完成时限“%s”中的日期不存在，未换算为日期", text);
	else if (!date && need_year)
		*why =
		    arena_printf(a, "完成时限“%s”没有写年份，文件也没有日期，未换算为日期", text);
	return date;
}

const char *policy_deadline_date(struct arena *a, const char *text, const char *doc_date,
                                 const char **why)
{
	const char *ignored;

	return pp_deadline_resolve(a, text, doc_date ? atoi(doc_date) : 0, why ? why : &ignored);
}
