/* sheet.c - opens a spreadsheet file as .xlsx or CSV by its first bytes, and the row buffer both
 * readers fill. Must not interpret cells: the import's column rules do. */
#include "util/sheet_impl.h"

#include "util/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sheet {
	enum sheet_format format;
	const struct sheet_limits *lim;
	struct xlsx_read *xlsx;
	struct csv_read *csv;
	struct sheet_keep *keep; /* rows read so far, when kept */
	bool started;            /* sheet_next was called */
	bool done;               /* the reader gave KFQ_DONE */
	bool replay;             /* rows come from keep */
};

void sheet_limits_default(struct sheet_limits *l)
{
	l->max_part_bytes = 1024ull * 1024 * 1024;
	l->max_total_bytes = 1536ull * 1024 * 1024;
	l->max_shared_bytes = 128ull * 1024 * 1024;
	l->max_ratio = 200;
	l->max_entries = 10000;
	l->max_depth = 64;
	l->max_cols = 256;
	l->max_cell_bytes = 32767 * 4; /* Excel's 32,767 characters, each up to 4 bytes */
	l->max_row_bytes = 1024 * 1024;
	l->max_rows = 1048576; /* Excel's own row limit */
	/* a kept row costs its texts and a few bytes a cell: a CSV's or an inflated sheet's size
	 * at most, unless many cells repeat one long shared string */
	l->max_kept_bytes = 1024ull * 1024 * 1024;
}

int sheet_fail(struct sheet_error *e, int64_t row, const char *fmt, ...)
{
	va_list ap;

	e->row = row;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return KFQ_EINVAL;
}

int sheet_open(int fd, const struct sheet_limits *lim, struct sheet **out, struct sheet_error *e)
{
	unsigned char head[8] = {0};
	struct sheet *s;
	ssize_t n;
	int rc;

	*out = NULL;
	do
		n = pread(fd, head, sizeof(head), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return KFQ_EIO;
	if (n == 0)
		return sheet_fail(e, 0, "文件为空");
	if (n >= 4 && !memcmp(head, "\xd0\xcf\x11\xe0", 4))
		return sheet_fail(
		    e, 0, "不支持 .xls（Excel 97-2003）格式，请在 Excel 或 WPS 中另存为 .xlsx");
	s = xcalloc(1, sizeof(*s));
	s->lim = lim;
	if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) {
		s->format = SHEET_XLSX;
		rc = xlsx_read_open(fd, lim, &s->xlsx, e);
	} else {
		s->format = SHEET_CSV;
		rc = csv_read_open(fd, lim, &s->csv, e);
	}
	if (rc != KFQ_OK) {
		free(s);
		return rc;
	}
	*out = s;
	return KFQ_OK;
}

int sheet_next(struct sheet *s, struct sheet_row *row, struct sheet_error *e)
{
	int rc;

	if (s->replay)
		return sheet_keep_next(s->keep, row, e);
	s->started = true;
	rc = s->format == SHEET_XLSX ? xlsx_read_next(s->xlsx, row, e)
	                             : csv_read_next(s->csv, row, e);
	if (rc == KFQ_ROW && s->keep && (rc = sheet_keep_put(s->keep, row, e)) == KFQ_OK)
		rc = KFQ_ROW;
	s->done = rc == KFQ_DONE;
	return rc;
}

int sheet_keep(struct sheet *s, const char *dir)
{
	if (s->started || s->keep)
		fatal("sheet_keep: called after the first row");
	return sheet_keep_open(&s->keep, dir, s->lim->max_kept_bytes);
}

int sheet_rewind(struct sheet *s)
{
	if (!s->keep || !s->done)
		fatal("sheet_rewind: the sheet is not kept or not read to its end");
	s->replay = true;
	return sheet_keep_rewind(s->keep);
}

enum sheet_format sheet_format(const struct sheet *s)
{
	return s->format;
}

const char *sheet_encoding(const struct sheet *s)
{
	return s->format == SHEET_XLSX ? "xlsx" : csv_read_encoding(s->csv);
}

int sheet_merges(const struct sheet *s, const struct sheet_merge **out)
{
	*out = NULL;
	return s->format == SHEET_XLSX ? xlsx_read_merges(s->xlsx, out) : 0;
}

bool sheet_date1904(const struct sheet *s)
{
	return s->format == SHEET_XLSX && xlsx_read_date1904(s->xlsx);
}

void sheet_close(struct sheet *s)
{
	if (!s)
		return;
	if (s->xlsx)
		xlsx_read_close(s->xlsx);
	if (s->csv)
		csv_read_close(s->csv);
	sheet_keep_close(s->keep);
	free(s);
}

/* ---- the row buffer ---- */

void sheet_rowbuf_init(struct sheet_rowbuf *rb, const struct sheet_limits *lim)
{
	memset(rb, 0, sizeof(*rb));
	rb->lim = lim;
	strbuf_init(&rb->text, 256);
}

void sheet_rowbuf_release(struct sheet_rowbuf *rb)
{
	strbuf_release(&rb->text);
	free(rb->cells);
	free(rb->out);
	rb->cells = NULL;
	rb->out = NULL;
}

void sheet_rowbuf_reset(struct sheet_rowbuf *rb)
{
	strbuf_reset(&rb->text);
	rb->ncells = 0;
	rb->any = false;
}

static void push(struct sheet_rowbuf *rb, enum sheet_cell_kind kind, bool date_style,
                 const char *text, size_t len)
{
	if (rb->ncells == rb->cap) {
		rb->cap = rb->cap ? rb->cap * 2 : 16;
		rb->cells = xrealloc(rb->cells, sizeof(*rb->cells) * (size_t)rb->cap);
	}
	rb->cells[rb->ncells].kind = kind;
	rb->cells[rb->ncells].date_style = date_style;
	rb->cells[rb->ncells].off = rb->text.len;
	rb->ncells++;
	strbuf_add(&rb->text, text, len);
	strbuf_addch(&rb->text, 0);
}

int sheet_rowbuf_put(struct sheet_rowbuf *rb, int col, enum sheet_cell_kind kind, bool date_style,
                     const char *text, size_t len, int64_t row, struct sheet_error *e)
{
	if (kind == SHEET_EMPTY || len == 0) {
		kind = SHEET_EMPTY;
		len = 0;
	}
	if (kind != SHEET_EMPTY && col >= (int)rb->lim->max_cols)
		return sheet_fail(e, row, "第%lld行：第%d列有内容，超出可读取的%u列",
		                  (long long)row, col + 1, rb->lim->max_cols);
	if (len > rb->lim->max_cell_bytes)
		return sheet_fail(e, row, "第%lld行第%d列：单元格内容过长（超过%u字节）",
		                  (long long)row, col + 1, rb->lim->max_cell_bytes);
	if (rb->text.len + len > rb->lim->max_row_bytes)
		return sheet_fail(e, row, "第%lld行：整行内容过长（超过%u字节）", (long long)row,
		                  rb->lim->max_row_bytes);
	if (kind == SHEET_EMPTY)
		return KFQ_OK;
	while (rb->ncells < col)
		push(rb, SHEET_EMPTY, false, "", 0);
	push(rb, kind, date_style, text, len);
	rb->any = true;
	return KFQ_OK;
}

void sheet_rowbuf_finish(struct sheet_rowbuf *rb, int64_t row, struct sheet_row *out)
{
	if (rb->ncells > rb->out_cap) {
		rb->out_cap = rb->ncells;
		rb->out = xrealloc(rb->out, sizeof(*rb->out) * (size_t)rb->out_cap);
	}
	for (int i = 0; i < rb->ncells; i++) {
		rb->out[i].kind = rb->cells[i].kind;
		rb->out[i].date_style = rb->cells[i].date_style;
		rb->out[i].text = rb->text.buf + rb->cells[i].off;
	}
	out->row = row;
	out->ncells = rb->ncells;
	out->cells = rb->out;
}
