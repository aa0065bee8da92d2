/* policy_wrap.c - undoes the page layout of a text copied out of a printed document (the PDF
 * of a 文件, laid out 28 characters a line with "— 3 —" under each page): lines the layout
 * broke at the page width are joined back into their paragraphs, page numbers are dropped.
 * It decides only which input lines make one paragraph; what a paragraph means is for
 * policy_line.c and policy_body.c. A text typed one paragraph per line passes unchanged. */
#include "core/policy_parse_int.h"

#include <string.h>

/* A layout's full lines are at most this many columns narrower than its most common width
 * (a line gives way to a closing mark pulled back from the next one, or to half-width
 * digits that do not fill a column pair). */
#define FULL_SLACK 4
/* Full lines narrower than this are not a page width (a list of short names is not a
 * layout). */
#define MIN_WIDTH 40

struct raw {
	const char *s;
	size_t n;   /* without trailing blanks */
	int width;  /* columns: 2 for a full-width character, 1 for ASCII */
	bool page;  /* a page number line */
	bool blank; /* nothing but blanks */
};

static bool is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2500 ||
	       c == 0xff0d || c == 0x2212;
}

/* i past the ASCII or full-width digits at s[i..n) (*any set when there was one). */
static size_t skip_digits(const char *s, size_t n, size_t i, bool *any)
{
	uint32_t c;

	*any = false;
	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		if (!pp_is_digit(c))
			break;
		*any = true;
		i += k;
	}
	return i;
}

/* "— 3 —", "-3-", "－ 3 －", "第 3 页", "第3页 共12页", "第3页/共12页", "3 / 12": what a printed
 * page puts under its text, never a sentence of the document. */
static bool is_page_number(const char *s, size_t n)
{
	size_t i = pp_skip_ws(s, n, 0);
	uint32_t c;
	bool any;

	if (i < n && (pp_cp_at(s, n, i, &c), is_dash(c))) {
		i = pp_skip_ws(s, n, i + pp_cp_at(s, n, i, &c));
		i = pp_skip_ws(s, n, skip_digits(s, n, i, &any));
		if (!any || i >= n || (pp_cp_at(s, n, i, &c), !is_dash(c)))
			return false;
		return pp_skip_ws(s, n, i + pp_cp_at(s, n, i, &c)) == n;
	}
	if (pp_has_prefix(s + i, n - i, "第")) {
		i = pp_skip_ws(s, n, i + strlen("第"));
		i = pp_skip_ws(s, n, skip_digits(s, n, i, &any));
		if (!any || !pp_has_prefix(s + i, n - i, "页"))
			return false;
		i = pp_skip_ws(s, n, i + strlen("页"));
		if (i < n &&
		    (pp_has_prefix(s + i, n - i, "，") || pp_has_prefix(s + i, n - i, ",") ||
		     pp_has_prefix(s + i, n - i, "/") || pp_has_prefix(s + i, n - i, "／")))
			i = pp_skip_ws(s, n, i + pp_cp_at(s, n, i, &c));
		if (i == n)
			return true;
		if (!pp_has_prefix(s + i, n - i, "共"))
			return false;
		i = pp_skip_ws(s, n, i + strlen("共"));
		i = pp_skip_ws(s, n, skip_digits(s, n, i, &any));
		return any && pp_has_prefix(s + i, n - i, "页") &&
		       pp_skip_ws(s, n, i + strlen("页")) == n;
	}
	i = pp_skip_ws(s, n, skip_digits(s, n, i, &any));
	if (!any || i >= n || s[i] != '/')
		return false;
	i = pp_skip_ws(s, n, skip_digits(s, n, pp_skip_ws(s, n, i + 1), &any));
	return any && i == n;
}

/* A paragraph's end: its last mark is one a sentence or a heading ends with (a bare ）
 * closes a parenthesis inside a sentence as often as a paragraph, so only 。） counts). */
static bool ends_paragraph(const char *s, size_t n)
{
	static const char *const ends[] = {"。",   "！",  "？", "：", "；",
	                                   "。）", "。”", "!",  "?",  ":"};

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t m = strlen(ends[i]);
		if (n >= m && !memcmp(s + n - m, ends[i], m))
			return true;
	}
	return false;
}

/* s[i..) starts with a Chinese numeral (一 … 十 百 零); returns the offset after them, or i. */
static size_t skip_han_numeral(const char *s, size_t n, size_t i)
{
	static const char han[] = "一二三四五六七八九十百零";
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		if (c < 0x80 || !memmem(han, sizeof(han) - 1, s + i, k))
			break;
		i += k;
	}
	return i;
}

/* The line opens with a numbering marker (一、 （一） (1) 1. ① 第一条 附件) or is a 文号
 * (国发〔2019〕3号), so it starts its own paragraph even after a full line. */
static bool opens_item(const char *s, size_t n)
{
	size_t i = pp_skip_ws(s, n, 0), j;
	uint32_t c;
	bool any;

	if (i >= n)
		return false;
	if (memmem(s, n, "〔", strlen("〔")) && n >= strlen("号") &&
	    !memcmp(s + n - strlen("号"), "号", strlen("号")))
		return true;
	if (pp_has_prefix(s + i, n - i, "第") || pp_has_prefix(s + i, n - i, "附件"))
		return true;
	j = i + pp_cp_at(s, n, i, &c);
	if (c >= 0x2460 && c <= 0x2473) /* ① … ⑳ */
		return true;
	if (pp_is_open(c)) {
		size_t e = skip_han_numeral(s, n, j);
		if (e == j)
			e = skip_digits(s, n, j, &any);
		return e > j && e < n && (pp_cp_at(s, n, e, &c), pp_is_close(c));
	}
	j = skip_digits(s, n, i, &any);
	if (any)
		return pp_has_prefix(s + j, n - j, ".") || pp_has_prefix(s + j, n - j, "．") ||
		       pp_has_prefix(s + j, n - j, "、");
	j = skip_han_numeral(s, n, i);
	return j > i && pp_has_prefix(s + j, n - j, "、");
}

/* Columns of s[0..n): a full-width character takes two, ASCII one. */
static int columns(const char *s, size_t n)
{
	int w = 0;
	uint32_t c;

	for (size_t i = 0; i < n;) {
		i += pp_cp_at(s, n, i, &c);
		w += c < 0x80 ? 1 : 2;
	}
	return w;
}

/* The page width of a laid-out text: the most common width of its lines, when at least
 * eight lines and two in five of its non-blank lines are that wide (within FULL_SLACK);
 * 0 for a text written one paragraph a line, whose widths spread. */
static int page_width(const struct raw *r, size_t nr)
{
	enum { MAXW = 200 };
	int count[MAXW + 1] = {0}, best = 0, full = 0, lines = 0;

	for (size_t i = 0; i < nr; i++) {
		if (r[i].blank || r[i].page)
			continue;
		lines++;
		if (r[i].width >= MIN_WIDTH && r[i].width <= MAXW)
			count[r[i].width]++;
	}
	for (int w = MIN_WIDTH; w <= MAXW; w++)
		if (count[w] >= count[best])
			best = w;
	if (!best || !count[best])
		return 0;
	for (int w = best - FULL_SLACK; w <= best + 2 && w <= MAXW; w++)
		full += count[w];
	return full >= 8 && full * 5 >= lines * 2 ? best : 0;
}

size_t pp_paragraphs(struct arena *a, const char *text, size_t len, struct pp_para **out)
{
	struct raw *r;
	struct pp_para *o;
	size_t nr = 1, k = 0, b = 0, np = 0;
	int width;

	for (size_t i = 0; i < len; i++)
		nr += text[i] == '\n';
	r = arena_zalloc(a, nr * sizeof(*r));
	for (size_t i = 0; i <= len; i++) {
		size_t s0 = b, e = i;
		if (i < len && text[i] != '\n')
			continue;
		pp_trim(text, &s0, &e);
		r[k].s = text + b;
		r[k].n = e > s0 ? e - b : 0;
		r[k].blank = e <= s0;
		r[k].page = !r[k].blank && is_page_number(text + s0, e - s0);
		r[k].width = columns(r[k].s, r[k].n);
		k++;
		b = i + 1;
	}
	width = page_width(r, nr);
	o = arena_zalloc(a, nr * sizeof(*o));
	for (size_t i = 0; i < nr; i++) {
		struct sbuf sb;
		size_t j;

		o[np].no = (int)(i + 1);
		if (r[i].page) { /* kept as a blank line, so that no line number moves */
			o[np++].s = "";
			continue;
		}
		o[np].s = r[i].s;
		o[np].n = r[i].n;
		if (!width || r[i].width < width - FULL_SLACK || ends_paragraph(r[i].s, r[i].n)) {
			np++;
			continue;
		}
		/* a full line: the next text line, past blank lines and page numbers, goes on it */
		pp_sb_init(&sb, a);
		pp_sb_add(&sb, r[i].s, r[i].n);
		for (j = i + 1; j < nr;) {
			size_t t = j, s0, e;
			while (t < nr && (r[t].blank || r[t].page))
				t++;
			if (t >= nr || opens_item(r[t].s, r[t].n))
				break;
			s0 = 0;
			e = r[t].n;
			pp_trim(r[t].s, &s0, &e);
			pp_sb_add(&sb, r[t].s + s0, e - s0);
			j = t + 1;
			if (r[t].width < width - FULL_SLACK || ends_paragraph(r[t].s, r[t].n))
				break;
		}
		o[np].s = pp_sb_str(&sb);
		o[np].n = sb.len;
		np++;
		/* the joined lines become blank lines, so that later lines keep their numbers */
		for (i++; i < j; i++) {
			o[np].no = (int)(i + 1);
			o[np++].s = "";
		}
		i--;
	}
	*out = o;
	return np;
}
