/* industry.c - reading and checking an industry classification. Must not know which revision
 * of the standard is in force (that is the catalogue's data) or read files. */
#include "core/industry.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 8

static int problem(struct industry_problem *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	p->line = line;
	if (line > 0)
		n = snprintf(p->message, sizeof(p->message), "第%d行：", line);
	va_start(ap, fmt);
	vsnprintf(p->message + n, sizeof(p->message) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* drops surrounding spaces, and tabs too unless they separate a line's fields */
static char *trim(char *s, bool tabs)
{
	char *e;

	while (*s == ' ' || (tabs && *s == '\t'))
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\r' || (tabs && e[-1] == '\t')))
		*--e = 0;
	return s;
}

/* Splits line in place into fields: on tabs if it has one, else as CSV ("" inside quotes is a
 * quote). -1 for an unterminated quote. */
static int split(char *line, char **f, int *nf)
{
	bool tabs = strchr(line, '\t') != NULL;
	char *r = line, *w = line;

	*nf = 0;
	for (;;) {
		bool quoted = !tabs && *r == '"';
		if (*nf < MAX_FIELDS)
			f[(*nf)++] = w;
		if (quoted) {
			r++;
			for (;;) {
				if (!*r)
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
		}
		while (*r && *r != (tabs ? '\t' : ','))
			*w++ = *r++;
		if (!*r) {
			*w = 0;
			break;
		}
		*w++ = 0;
		r++;
	}
	for (int i = 0; i < *nf; i++)
		f[i] = trim(f[i], true);
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The level of a code, 0 if it is not one; *letter gets a 门类 letter written before digits
 * ("C3011"), or 0. */
static int code_level(const char *s, char *letter)
{
	size_t n = strlen(s);

	*letter = 0;
	if (n == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return INDUSTRY_SECTION;
	if (n >= 3 && s[0] >= 'A' && s[0] <= 'Z' && all_digits(s + 1, n - 1)) {
		*letter = s[0];
		s++;
		n--;
	}
	if (n >= 2 && n <= 4 && all_digits(s, n))
		return (int)n;
	return 0;
}

struct builder {
	struct arena *a;
	struct industry_catalog *c;
	int cap;
	char section[2];                 /* the 门类 the following 大类 belong to */
	char last[5][INDUSTRY_CODE_MAX]; /* the latest code of each level, for the order check */
};

static int add(struct builder *b, const char *code, const char *name, int line,
               struct industry_problem *p)
{
	struct industry_entry *e;
	char letter;
	int level = code_level(code, &letter);
	const char *digits = letter ? code + 1 : code;

	if (!level)
		return problem(
		    p, line, "“%s”不是行业代码（门类为一个大写字母，大类、中类、小类为2至4位数字）",
		    code);
	if (!*name)
		return problem(p, line, "代码%s缺少类别名称", code);
	if (strlen(name) > INDUSTRY_NAME_MAX)
		return problem(p, line, "代码%s的类别名称过长", code);
	if (b->c->n >= INDUSTRY_MAX)
		return problem(p, line, "类别超过%d个", INDUSTRY_MAX);
	if ((int)b->c->n == b->cap)
		b->c->entries = arena_grow(b->a, b->c->entries, sizeof(*b->c->entries), &b->cap);
	e = &b->c->entries[b->c->n];
	memset(e, 0, sizeof(*e));
	snprintf(e->code, sizeof(e->code), "%s", digits);
	e->name = name;
	e->level = (enum industry_level)level;
	e->line = line;
	if (level == INDUSTRY_SECTION) {
		b->section[0] = code[0];
	} else if (level == INDUSTRY_DIVISION) {
		if (!b->section[0])
			return problem(p, line, "大类%s之前没有门类", digits);
		if (letter && letter != b->section[0])
			return problem(p, line, "大类%s写作%c门类，但位于%s门类之下", digits,
			               letter, b->section);
		memcpy(e->parent, b->section, 2);
	} else {
		memcpy(e->parent, digits, (size_t)level - 1);
		/* in the standard's order a category follows its parent's other children */
		if (strcmp(e->parent, b->last[level - 1]) != 0)
			return problem(p, line, "代码%s应排在其上级%s之下（按标准的顺序排列）",
			               digits, e->parent);
	}
	snprintf(b->last[level], sizeof(b->last[level]), "%s", digits);
	b->c->n++;
	b->c->per_level[level]++;
	return 0;
}

static bool all_empty(char **f, int nf)
{
	for (int i = 0; i < nf; i++)
		if (*f[i])
			return false;
	return true;
}

static int is_header(char **f, int nf)
{
	char letter;

	for (int i = 0; i < nf && i < 4; i++)
		if (*f[i] && code_level(f[i], &letter))
			return 0;
	return 1;
}

static int read_row(struct builder *b, char **f, int nf, int line, struct industry_problem *p)
{
	if (nf >= 5) {
		bool any = false;
		for (int i = 0; i < 4; i++) {
			if (!*f[i])
				continue;
			any = true;
			if (add(b, f[i], f[4], line, p) != 0)
				return -1;
		}
		return any ? 0 : problem(p, line, "门类、大类、中类、小类四列都为空");
	}
	if (nf >= 2)
		return add(b, f[0], f[1], line, p);
	return problem(p, line,
	               "应为“代码、名称”两列，或标准表格的“门类、大类、中类、小类、类别名称”五列");
}

static int by_code_cmp(const void *x, const void *y)
{
	const struct industry_entry *const *a = x, *const *b = y;

	return strcmp((*a)->code, (*b)->code);
}

const struct industry_entry *industry_find(const struct industry_catalog *c, const char *code)
{
	size_t lo = 0, hi = c->n;

	while (code && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(c->by_code[mid]->code, code);
		if (d == 0)
			return c->by_code[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* codes unique, parents present, every category but a 小类 divided */
static int check_tree(struct industry_catalog *c, struct arena *a, struct industry_problem *p)
{
	bool *divided = arena_zalloc(a, c->n + 1);

	c->by_code = arena_alloc(a, (c->n + 1) * sizeof(*c->by_code));
	for (size_t i = 0; i < c->n; i++)
		c->by_code[i] = &c->entries[i];
	qsort(c->by_code, c->n, sizeof(*c->by_code), by_code_cmp);
	for (size_t i = 1; i < c->n; i++)
		if (strcmp(c->by_code[i - 1]->code, c->by_code[i]->code) == 0) {
			const struct industry_entry *x = c->by_code[i - 1], *y = c->by_code[i];
			return problem(p, x->line > y->line ? x->line : y->line,
			               "代码%s重复（另见第%d行）", y->code,
			               x->line > y->line ? y->line : x->line);
		}
	for (size_t i = 0; i < c->n; i++) {
		const struct industry_entry *e = &c->entries[i], *up;
		if (!e->parent[0])
			continue;
		up = industry_find(c, e->parent);
		if (!up || up->level != e->level - 1)
			return problem(p, e->line, "代码%s的上级%s不存在", e->code, e->parent);
		divided[up - c->entries] = true;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i].level != INDUSTRY_CLASS && !divided[i])
			return problem(p, c->entries[i].line, "%s“%s”下没有下级类别",
			               c->entries[i].code, c->entries[i].name);
	if (c->n == 0)
		return problem(p, 0, "文件中没有行业类别");
	return 0;
}

int industry_parse(const char *text, struct arena *a, struct industry_catalog *out,
                   struct industry_problem *p)
{
	struct builder b;
	char *next = arena_strdup(a, text);
	int line = 0;
	bool seen_row = false;

	memset(out, 0, sizeof(*out));
	memset(p, 0, sizeof(*p));
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.c = out;
	while (next) {
		char *s = next, *f[MAX_FIELDS];
		int nf;
		char *nl = strchr(s, '\n');
		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = 0;
		line++;
		s = trim(s, false);
		if (!*s || *s == '#')
			continue;
		if (split(s, f, &nf) != 0)
			return problem(p, line, "引号没有闭合");
		if (all_empty(f, nf)) /* a spreadsheet's empty row: ",,,," */
			continue;
		if (!seen_row && is_header(f, nf)) {
			seen_row = true;
			continue;
		}
		seen_row = true;
		if (read_row(&b, f, nf, line, p) != 0)
			return -1;
	}
	return check_tree(out, a, p);
}
