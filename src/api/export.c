/* export.c - one table writer over util/xlsx and util/csv. Must not know any list's columns. */
#include "api/export.h"

#include "core/money.h"
#include "util/timeutil.h"

#include <string.h>

int export_begin(struct api_ctx *c, struct export_table *t, const char *sheet,
                 const char *const *headers, const double *widths, int ncols)
{
	const char *path = c->route->pattern;
	size_t n = strlen(path);

	t->format = n > 4 && !strcmp(path + n - 4, ".csv") ? EXPORT_CSV : EXPORT_XLSX;
	t->x = NULL;
	if (t->format == EXPORT_XLSX) {
		if (xlsx_open(&t->x, sheet, headers, widths, ncols) != KFQ_OK)
			return api_error(c, 500, "export_failed", "导出失败", NULL);
		return 0;
	}
	csv_begin(&t->csv, c->out);
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

void export_end_row(struct export_table *t)
{
	if (t->format == EXPORT_XLSX)
		xlsx_end_row(t->x);
	else
		csv_end_row(&t->csv);
}

int export_finish(struct api_ctx *c, struct export_table *t, const char *name)
{
	uint64_t size;
	int fd;

	if (t->format == EXPORT_CSV) {
		api_set_download(c, "text/csv; charset=utf-8", arena_printf(c->a, "%s.csv", name));
		c->req->resp.status = 200;
		return 0;
	}
	if (xlsx_finish(t->x, &fd, &size) != KFQ_OK)
		return api_error(c, 500, "export_failed", "导出失败", NULL);
	return api_send_file(c, fd, size,
	                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	                     arena_printf(c->a, "%s.xlsx", name));
}
