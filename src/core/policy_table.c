/* policy_table.c - reads a task table (任务分工表, 责任清单) pasted or saved as text from
 * Word, WPS or Excel: one row a line, cells separated by tabs, under a header row that names
 * its columns (序号, 重点工作, 牵头单位, 责任单位, 完成时限 …). Each row is rewritten as the
 * item a document would write, "1.任务（牵头单位：A；责任单位：B；完成时限：C）", so that the
 * parser reads its number, units and deadline the way it reads any labelled parenthesis.
 * It only rewrites lines; it decides nothing about articles or units itself. */
#include "core/policy_parse_int.h"

#include <stdio.h>
#include <string.h>

enum col {
	C_OTHER,  /* kept in the item's text as "header：value" (责任领导 names a person) */
	C_NUMBER, /* 序号 */
	C_TASK,   /* the task itself; several are joined with 。 */
	C_LABEL,  /* a unit or deadline column, written with its header as the label */
};

#define MAX_COLS 16
/* bytes of a header cell: 十 characters of UTF-8 */
#define MAX_HEADER 30

struct header {
	size_t n;
	enum col col[MAX_COLS];
	const char *name[MAX_COLS];
	size_t len[MAX_COLS];
};

/* Cells of s[0..n) split at tabs, each trimmed; returns their number (at most MAX_COLS,
 * the rest joined into the last). */
static size_t cells(const char *s, size_t n, const char **c, size_t *len)
{
	size_t k = 0, b = 0;

	for (size_t i = 0; i <= n; i++) {
		size_t x, y;
		if (i < n && (s[i] != '\t' || k == MAX_COLS - 1))
			continue;
		x = b;
		y = i;
		pp_trim(s, &x, &y);
		/* Excel quotes a cell that holds a quote or a line break */
		if (y - x >= 2 && s[x] == '"' && s[y - 1] == '"') {
			x++;
			y--;
		}
		c[k] = s + x;
		len[k++] = y - x;
		b = i + 1;
	}
	return k;
}

static bool has(const char *s, size_t n, const char *word)
{
	return memmem(s, n, word, strlen(word)) != NULL;
}

static enum col column(struct arena *a, const char *s, size_t n)
{
	enum role r;
	char *label;

	if (n == 0)
		return C_OTHER;
	/* a header cell is a label without its colon: give it one to ask policy_line.c */
	label = arena_alloc(a, n + strlen("：") + 1);
	memcpy(label, s, n);
	strcpy(label + n, "：");
	if (has(s, n, "序号") || (n == strlen("编号") && has(s, n, "编号")))
		return C_NUMBER;
	if (pp_role_at(label, n + strlen("："), 0, false, &r) == n + strlen("：") && r != ROLE_NONE)
		return C_LABEL;
	if (has(s, n, "任务") || has(s, n, "工作") || has(s, n, "举措") || has(s, n, "措施") ||
	    has(s, n, "内容") || has(s, n, "事项") || has(s, n, "目标"))
		return C_TASK;
	return C_OTHER;
}

static bool all_digits(const char *s, size_t n)
{
	uint32_t c;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n;) {
		i += pp_cp_at(s, n, i, &c);
		if (!pp_is_digit(c))
			return false;
	}
	return true;
}

/* A header row: a 序号 or task column and at least one column of units or deadlines. */
static bool read_header(struct arena *a, const char *s, size_t n, struct header *h)
{
	const char *c[MAX_COLS];
	size_t len[MAX_COLS];
	bool task = false, label = false;

	if (!memchr(s, '\t', n))
		return false;
	h->n = cells(s, n, c, len);
	for (size_t i = 0; i < h->n; i++) {
		/* headers are often spread to the column's width: "主 要 内 容" */
		struct sbuf name;
		uint32_t cp;
		pp_sb_init(&name, a);
		for (size_t j = 0; j < len[i];) {
			size_t k = pp_cp_at(c[i], len[i], j, &cp);
			if (!pp_is_ws(cp))
				pp_sb_add(&name, c[i] + j, k);
			j += k;
		}
		c[i] = pp_sb_str(&name);
		len[i] = name.len;
		/* a header names its columns in a few characters; a data row says more */
		if (len[i] > MAX_HEADER || all_digits(c[i], len[i]))
			return false;
		h->col[i] = column(a, c[i], len[i]);
		h->name[i] = c[i];
		h->len[i] = len[i];
		task |= h->col[i] == C_TASK || h->col[i] == C_NUMBER;
		/* a column of units the parser has no label for (实施部门) makes the row a table's
		 * header too: the cells under it stay in the text, where the parser warns */
		label |= h->col[i] == C_LABEL || has(c[i], len[i], "单位") ||
		         has(c[i], len[i], "部门") || has(c[i], len[i], "时限");
	}
	return task && label;
}

static bool ends_with(const struct sbuf *b, const char *lit)
{
	size_t m = strlen(lit);

	return b->len >= m && !memcmp(b->p + b->len - m, lit, m);
}

/* Closes the parenthesis being written in p, if any, and appends it to b. */
static void close_paren(struct sbuf *b, struct sbuf *p)
{
	if (!p->len)
		return;
	pp_sb_adds(p, "）");
	pp_sb_add(b, p->p, p->len);
}

/* One data row as an item line; *row counts the rows for a table without 序号. */
static const char *item(struct arena *a, const struct header *h, const char *s, size_t n, int *row,
                        size_t *out_n)
{
	const char *c[MAX_COLS];
	size_t len[MAX_COLS], k = cells(s, n, c, len);
	struct sbuf b, labels, other, *sb;
	bool numbered = false;

	size_t filled = 0, last = 0;

	for (size_t i = 0; i < k; i++)
		if (len[i]) {
			filled++;
			last = i;
		}
	/* an empty row, or a heading in the first cell of a merged row ("一、…方面" then tabs
	 * from Excel): the cell alone, never an item */
	if (filled == 0 || (filled == 1 && last == 0 && !all_digits(c[0], len[0]))) {
		*out_n = filled ? len[0] : 0;
		return filled ? c[0] : "";
	}
	pp_sb_init(&b, a);
	pp_sb_init(&labels, a);
	pp_sb_init(&other, a);
	++*row;
	for (size_t i = 0; i < k && i < h->n && !numbered; i++)
		if (h->col[i] == C_NUMBER && all_digits(c[i], len[i])) {
			pp_sb_add(&b, c[i], len[i]);
			numbered = true;
		}
	if (!numbered) {
		char num[16];
		int m = snprintf(num, sizeof(num), "%d", *row);
		pp_sb_add(&b, num, (size_t)m);
	}
	pp_sb_adds(&b, ".");
	for (size_t i = 0, tasks = 0; i < k && i < h->n; i++) {
		if (len[i] == 0)
			continue;
		switch (h->col[i]) {
		case C_TASK:
			if (tasks++ && !ends_with(&b, "。"))
				pp_sb_adds(&b, "。");
			pp_sb_add(&b, c[i], len[i]);
			break;
		case C_LABEL:
		case C_OTHER: /* "（列名：值；…）", units and deadlines in a parenthesis of their
		                 own */
			sb = h->col[i] == C_LABEL ? &labels : &other;
			pp_sb_adds(sb, sb->len ? "；" : "（");
			pp_sb_add(sb, h->name[i], h->len[i]);
			pp_sb_adds(sb, "：");
			pp_sb_add(sb, c[i], len[i]);
			break;
		case C_NUMBER:
			break;
		}
	}
	/* the labels last: a trailing parenthesis is where the parser reads an item's units */
	close_paren(&b, &other);
	close_paren(&b, &labels);
	*out_n = b.len;
	return pp_sb_str(&b);
}

void pp_read_tables(struct arena *a, struct pp_para *para, size_t np)
{
	struct header h;
	bool in_table = false;
	int row = 0;

	for (size_t i = 0; i < np; i++) {
		const char *s = para[i].s;
		size_t n = para[i].n;

		if (!memchr(s, '\t', n))
			continue;
		if (read_header(a, s, n, &h)) {
			in_table = true;
			row = 0;
			para[i].s = ""; /* the header names columns; it is not text */
			para[i].n = 0;
			continue;
		}
		if (in_table)
			para[i].s = item(a, &h, s, n, &row, &para[i].n);
	}
}
