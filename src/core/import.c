/* import.c - header matching and row conversion for spreadsheet imports. Must not read files or
 * the database: app/import.c feeds it rows and the kind checks what needs stored data. */
#include "core/import.h"
#include "util/textconv.h"

#include "util/strbuf.h"

#include <stdarg.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void import_problems_init(struct import_problems *p, struct arena *a)
{
	memset(p, 0, sizeof(*p));
	p->a = a;
}

void import_problem_add(struct import_problems *p, int64_t row, const char *column, const char *fmt,
                        ...)
{
	va_list ap;
	char buf[512];

	p->total++;
	if (row && row != p->last_row) {
		p->bad_rows++;
		p->last_row = row;
	}
	if (p->n >= IMPORT_MAX_PROBLEMS)
		return;
	if (p->n == p->cap)
		p->items = arena_grow(p->a, p->items, sizeof(*p->items), &p->cap);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->items[p->n].row = row;
	p->items[p->n].column = column;
	p->items[p->n].message = arena_strdup(p->a, buf);
	p->n++;
}

void import_problem_lead(struct import_problems *p, const char *message)
{
	p->total++;
	if (p->n == p->cap)
		p->items = arena_grow(p->a, p->items, sizeof(*p->items), &p->cap);
	if (p->n < IMPORT_MAX_PROBLEMS)
		p->n++;
	memmove(p->items + 1, p->items, sizeof(*p->items) * (size_t)(p->n - 1));
	p->items[0].row = 0;
	p->items[0].column = NULL;
	p->items[0].message = arena_strdup(p->a, message);
}

/* Length of the space at s: ASCII space or tab, U+3000 (full-width), U+00A0 (no-break). */
static size_t space_at(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
		return 3;
	if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
		return 2;
	return 0;
}

static size_t space_before(const char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
		return 3;
	if (n >= 2 && !memcmp(s + n - 2, "\xc2\xa0", 2))
		return 2;
	return 0;
}

/* s without surrounding spaces, as a start and length. */
static const char *trim(const char *s, size_t *len)
{
	size_t n = strlen(s), k;

	while ((k = space_at(s, n)) > 0) {
		s += k;
		n -= k;
	}
	while ((k = space_before(s, n)) > 0)
		n -= k;
	*len = n;
	return s;
}

static bool header_is(const char *cell, const char *want)
{
	size_t n, w = strlen(want);
	const char *s = trim(cell, &n);

	if (n >= 1 && s[n - 1] == '*')
		n--;
	else if (n >= 3 && !memcmp(s + n - 3, "\xef\xbc\x8a", 3)) /* ＊ */
		n -= 3;
	while (n && space_before(s, n))
		n -= space_before(s, n);
	return n == w && !memcmp(s, want, n);
}

int import_header_map(const struct import_column *cols, int ncols, const struct sheet_row *hdr,
                      int *map, struct import_problems *p)
{
	int64_t before = p->total;

	for (int i = 0; i < ncols; i++)
		map[i] = -1;
	for (int k = 0; k < hdr->ncells; k++) {
		const char *cell = hdr->cells[k].text;
		int found = -1;
		size_t n;

		if (!*trim(cell, &n) || n == 0)
			continue;
		for (int i = 0; i < ncols && found < 0; i++)
			if (header_is(cell, cols[i].header))
				found = i;
		if (found < 0)
			import_problem_add(p, hdr->row, NULL, "未知的列“%.*s”（请使用导入模板）",
			                   (int)n, trim(cell, &n));
		else if (map[found] >= 0)
			import_problem_add(p, hdr->row, cols[found].header, "列“%s”重复",
			                   cols[found].header);
		else
			map[found] = k;
	}
	for (int i = 0; i < ncols; i++)
		if (map[i] < 0 && cols[i].required)
			import_problem_add(p, hdr->row, cols[i].header, "缺少必填列“%s”",
			                   cols[i].header);
	return p->total == before ? 0 : -1;
}

/* Yuan from fen for messages: -1234567 -> "-12345.67". */
static void yuan(int64_t fen, char buf[32])
{
	uint64_t m = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(buf, 32, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "", m / 100, m % 100);
}

static void bound_text(const struct import_column *c, int64_t v, char buf[32])
{
	if (c->type == IMPORT_AMOUNT || c->type == IMPORT_DEC2)
		yuan(v, buf);
	else if (c->type == IMPORT_BP)
		snprintf(buf, 32, "%" PRId64 ".%02" PRId64 "%%", v / 100, v % 100);
	else
		snprintf(buf, 32, "%" PRId64, v);
}

static const char *option_list(const struct enum_table *t, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (size_t i = 0; i < t->n; i++)
		strbuf_addf(&sb, "%s%s", i ? "、" : "", t->entries[i].label);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* One cell of column c into v; a reason when it cannot be. */
static const char *convert(const struct import_column *c, const struct sheet_cell *cell,
                           bool date1904, struct arena *a, struct import_value *v)
{
	bool number = cell->kind == SHEET_NUMBER;
	const char *why = NULL, *s;
	char *t;
	size_t n;

	memset(v, 0, sizeof(*v));
	if (cell->kind == SHEET_ERROR)
		return arena_printf(a, "单元格是错误值 %s", cell->text);
	s = trim(cell->text, &n);
	if (n == 0)
		return c->required ? "必填，不能为空" : NULL;
	v->present = true;
	v->number = number;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f)
			return "含有控制字符";
	t = arena_strndup(a, s, n);
	/* a full-width digit means the digit; a name keeps its full-width （） (DECISIONS 280) */
	if ((c->type != IMPORT_TEXT && c->type != IMPORT_ENUM && c->type != IMPORT_BOOL) ||
	    c->upper)
		cellval_halfwidth(t);
	/* a code's letters are capitals (统一社会信用代码, 身份证号码's X, 事项编码): a small one
	 * typed is the same code, so the file's duplicate check and the store see one spelling */
	if (c->type == IMPORT_CODE || c->upper)
		for (char *p = t; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	v->text = t;
	switch (c->type) {
	case IMPORT_CODE:
	case IMPORT_TEXT: {
		if (c->type == IMPORT_CODE && cellval_code(v->text, number, &why) != 0)
			return why;
		int64_t max = c->max ? c->max : IMPORT_TEXT_MAX;
		if ((int64_t)textconv_chars(v->text, strlen(v->text)) > max)
			return arena_printf(a, "过长（最多%" PRId64 "字）", max);
		break;
	}
	case IMPORT_INT:
		if (cellval_int(v->text, number, &v->num, &why) != 0)
			return why;
		break;
	case IMPORT_AMOUNT:
		if (cellval_amount_fen(v->text, number, &v->num, &why) != 0)
			return why;
		break;
	case IMPORT_DEC2:
		if (cellval_hundredths(v->text, number, &v->num, &why) != 0)
			return why;
		break;
	case IMPORT_BP:
		if (cellval_bp(v->text, number, &v->num, &why) != 0)
			return why;
		break;
	case IMPORT_DATE:
		if (cellval_date(v->text, number, date1904, v->date, &why) != 0)
			return why;
		v->text = v->date;
		break;
	case IMPORT_MONTH:
		if (cellval_month(v->text, number, date1904, v->date, &why) != 0)
			return why;
		v->text = v->date;
		break;
	case IMPORT_BOOL:
		if (cellval_bool(v->text, &v->yes, &why) != 0)
			return why;
		break;
	case IMPORT_ENUM: {
		const struct enum_entry *o = NULL;
		for (size_t i = 0; i < c->options->n && !o; i++)
			if (!strcmp(c->options->entries[i].label, v->text) ||
			    !strcmp(c->options->entries[i].code, v->text))
				o = &c->options->entries[i];
		if (!o)
			return arena_printf(a, "应为：%s", option_list(c->options, a));
		v->text = o->code;
		break;
	}
	}
	if (c->type == IMPORT_INT || c->type == IMPORT_AMOUNT || c->type == IMPORT_DEC2 ||
	    c->type == IMPORT_BP) {
		char b[32];
		if (c->has_min && v->num < c->min) {
			bound_text(c, c->min, b);
			return arena_printf(a, "不能小于 %s", b);
		}
		if (c->max && v->num > c->max) {
			bound_text(c, c->max, b);
			return arena_printf(a, "不能大于 %s", b);
		}
	}
	return c->check ? c->check(v, a) : NULL;
}

int import_row_convert(const struct import_column *cols, int ncols, const int *map,
                       const struct sheet_row *row, bool date1904, struct arena *a,
                       struct import_value *vals, struct import_problems *p)
{
	static const struct sheet_cell empty = {SHEET_EMPTY, false, ""};
	int64_t before = p->total;

	for (int i = 0; i < ncols; i++) {
		const struct sheet_cell *cell =
		    map[i] >= 0 && map[i] < row->ncells ? &row->cells[map[i]] : &empty;
		const char *why = convert(&cols[i], cell, date1904, a, &vals[i]);
		vals[i].in_file = map[i] >= 0;
		if (why) {
			import_problem_add(p, row->row, cols[i].header, "%s", why);
			vals[i].present = false;
		}
	}
	return p->total == before ? 0 : -1;
}

const char *import_row_key(const struct import_column *cols, int ncols,
                           const struct import_value *vals, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	bool any = false;
	const char *out;

	for (int i = 0; i < ncols; i++) {
		if (!cols[i].key)
			continue;
		if (any)
			strbuf_addch(&sb, 0x1f);
		any = true;
		if (!vals[i].present)
			continue;
		if (cols[i].type == IMPORT_INT || cols[i].type == IMPORT_AMOUNT ||
		    cols[i].type == IMPORT_DEC2 || cols[i].type == IMPORT_BP)
			strbuf_addf(&sb, "%" PRId64, vals[i].num);
		else if (cols[i].fold)
			for (const char *t = vals[i].text; *t; t++)
				strbuf_addch(&sb,
				             *t >= 'A' && *t <= 'Z' ? (char)(*t - 'A' + 'a') : *t);
		else
			strbuf_addstr(&sb, vals[i].text);
	}
	out = any ? arena_strdup(a, sb.buf) : NULL;
	strbuf_release(&sb);
	return out;
}

const char *import_row_key_as(const struct import_column *cols, int ncols,
                              const struct import_value *vals, int col, int64_t id, struct arena *a)
{
	struct import_value *v = arena_alloc(a, sizeof(*v) * (size_t)ncols);

	memcpy(v, vals, sizeof(*v) * (size_t)ncols);
	/* not a text any name could be: the id in the name's place */
	v[col].text = arena_printf(a, "\x1e%" PRId64, id);
	return import_row_key(cols, ncols, v, a);
}

const char *import_type_text(const struct import_column *c, struct arena *a)
{
	switch (c->type) {
	case IMPORT_TEXT:
		return arena_printf(a, "文本（最多%" PRId64 "字）",
		                    c->max ? c->max : (int64_t)IMPORT_TEXT_MAX);
	case IMPORT_CODE:
		return arena_printf(a, "文本格式的代码（最多%" PRId64 "字）",
		                    c->max ? c->max : (int64_t)IMPORT_TEXT_MAX);
	case IMPORT_INT:
		return "整数";
	case IMPORT_AMOUNT:
		return "金额（元，精确到分）";
	case IMPORT_DEC2:
		return "数值（最多两位小数）";
	case IMPORT_BP:
		return "百分比（如 12.5%，精确到 0.01%）";
	case IMPORT_DATE:
		return "日期（如 2026-01-05）";
	case IMPORT_MONTH:
		return "月份（如 2025-03）";
	case IMPORT_BOOL:
		return "是 / 否";
	case IMPORT_ENUM:
		return arena_printf(a, "选项：%s", option_list(c->options, a));
	}
	return "";
}
