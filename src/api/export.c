/* export.c - one table writer over util/xlsx and util/csv. Must not know any list's columns. */
#include "api/export.h"

#include "core/money.h"
#include "util/fileio.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* CSV text kept before it is written to the file */
#define CSV_FLUSH_BYTES (64 * 1024)

/* What an unfinished table holds, released with the request's arena: the workbook, or the
 * CSV's file and the text not yet written to it. */
struct export_file {
	struct xlsx *x;     /* EXPORT_XLSX until finished */
	int fd;             /* EXPORT_CSV: -1 once handed to the response */
	struct strbuf text; /* EXPORT_CSV: rows not yet written */
	uint64_t size;      /* EXPORT_CSV: bytes written */
	int error;          /* errno of a failed write, else 0 */
	struct arena row;   /* the current row's (export_row_arena) */
};

static void file_release(void *arg)
{
	struct export_file *f = arg;

	if (f->x)
		xlsx_discard(f->x);
	if (f->fd >= 0)
		close(f->fd);
	strbuf_release(&f->text);
	arena_release(&f->row);
}

/* Writes the CSV text kept to the file; a failure is kept for export_finish. */
static void csv_flush(struct export_file *f)
{
	if (!f->error && fileio_write_all(f->fd, f->text.buf, f->text.len) != 0)
		f->error = errno;
	f->size += f->text.len;
	strbuf_reset(&f->text);
}

int export_begin(struct api_ctx *c, struct export_table *t, const char *sheet,
                 const char *const *headers, const double *widths, int ncols)
{
	const char *path = c->route->pattern;
	const char *tmp = getenv("TMPDIR");
	size_t n = strlen(path);
	struct export_file *f = arena_zalloc(c->a, sizeof(*f));

	t->format = n > 4 && !strcmp(path + n - 4, ".csv") ? EXPORT_CSV : EXPORT_XLSX;
	t->x = NULL;
	t->file = f;
	f->fd = -1;
	f->text = (struct strbuf)STRBUF_INIT;
	arena_init(&f->row);
	arena_defer(c->a, file_release, f);
	if (t->format == EXPORT_XLSX) {
		if (xlsx_open(&t->x, sheet, headers, widths, ncols) != KFQ_OK)
			return api_error(c, 500, "export_failed", "导出失败", NULL);
		f->x = t->x;
		return 0;
	}
	if ((f->fd = fileio_open_unnamed(tmp && *tmp ? tmp : "/tmp")) < 0) {
		log_error("export: cannot open a temporary file: %s", strerror(errno));
		return api_error(c, 500, "export_failed", "导出失败", NULL);
	}
	strbuf_grow(&f->text, CSV_FLUSH_BYTES);
	csv_begin(&t->csv, &f->text);
	for (int i = 0; i < ncols; i++)
		csv_text(&t->csv, headers[i]);
	csv_end_row(&t->csv);
	return 0;
}

int export_sheet(struct api_ctx *c, struct export_table *t, const char *sheet,
                 const char *const *headers, const double *widths, int ncols)
{
	if (t->format != EXPORT_XLSX || xlsx_sheet(t->x, sheet, headers, widths, ncols) != KFQ_OK)
		return api_error(c, 500, "export_failed", "导出失败", NULL);
	return 0;
}

void export_text(struct export_table *t, const char *s)
{
	if (t->format == EXPORT_XLSX)
		xlsx_text(t->x, s);
	else
		csv_text(&t->csv, s);
}

/* China has kept UTC+8 the year round since 1992 */
#define BEIJING_OFFSET (8 * 3600)

void export_time(struct export_table *t, const char *s)
{
	char buf[TIME_RFC3339_LEN];
	int64_t v;

	if (!s || strlen(s) != TIME_RFC3339_LEN - 1 || s[19] != 'Z' || time_parse(s, &v) != 0) {
		export_text(t, s);
		return;
	}
	time_format(v + BEIJING_OFFSET, buf);
	buf[10] = ' ';
	buf[19] = '\0';
	export_text(t, buf);
}

void export_int(struct export_table *t, int64_t v)
{
	if (t->format == EXPORT_XLSX)
		xlsx_int(t->x, v);
	else
		csv_int(&t->csv, v);
}

void export_bp_percent(struct export_table *t, int64_t bp)
{
	if (t->format == EXPORT_XLSX)
		xlsx_bp_percent(t->x, bp);
	else
		csv_bp_percent(&t->csv, bp);
}

void export_amount(struct export_table *t, int64_t units, int decimals)
{
	char text[MONEY_TEXT_LEN];

	if (t->format == EXPORT_XLSX) {
		xlsx_amount(t->x, units, decimals);
		return;
	}
	if (decimals > 2)
		money_format_e4(units, text);
	else
		money_format_fen(units, text);
	csv_number(&t->csv, text);
}

struct arena *export_row_arena(struct export_table *t)
{
	return &t->file->row;
}

void export_end_row(struct export_table *t)
{
	arena_release(&t->file->row);
	if (t->format == EXPORT_XLSX) {
		xlsx_end_row(t->x);
		return;
	}
	csv_end_row(&t->csv);
	if (t->file->text.len >= CSV_FLUSH_BYTES)
		csv_flush(t->file);
}

int export_finish(struct api_ctx *c, struct export_table *t, const char *name)
{
	struct export_file *f = t->file;
	uint64_t size;
	int fd;

	if (t->format == EXPORT_CSV) {
		csv_flush(f);
		if (f->error || lseek(f->fd, 0, SEEK_SET) != 0) {
			log_error("export: cannot write the CSV: %s",
			          strerror(f->error ? f->error : errno));
			return api_error(c, 500, "export_failed", "导出失败", NULL);
		}
		fd = f->fd;
		f->fd = -1;
		return api_send_file(c, fd, f->size, "text/csv; charset=utf-8",
		                     arena_printf(c->a, "%s.csv", name));
	}
	f->x = NULL;
	if (xlsx_finish(t->x, &fd, &size) != KFQ_OK)
		return api_error(c, 500, "export_failed", "导出失败", NULL);
	return api_send_file(c, fd, size,
	                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	                     arena_printf(c->a, "%s.xlsx", name));
}
