/* xlsx.c - a thin table writer over libxlsxwriter. Its temporary files go to $TMPDIR. */
#include "util/xlsx.h"

#include "util/log.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_format *percent;
	lxw_format *yuan;       /* #,##0.00 */
	lxw_format *yuan_exact; /* #,##0.00#### */
	lxw_format *text;       /* @ (built-in 49) */
	lxw_format *date;       /* yyyy-mm-dd */
	char path[256];
	lxw_row_t row;
	lxw_col_t col;
};

/* Adds a worksheet with a bold, frozen header row and makes it the one written to. */
static int add_sheet(struct xlsx *x, const char *sheet, const char *const *headers,
                     const double *widths, const enum xlsx_column *formats, int ncols)
{
	x->ws = workbook_add_worksheet(x->wb, sheet);
	if (!x->ws)
		return KFQ_EIO;
	for (int i = 0; i < ncols; i++) {
		enum xlsx_column f = formats ? formats[i] : XLSX_COL_GENERAL;
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, headers[i], x->bold);
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, widths ? widths[i] : 16,
		                     f == XLSX_COL_TEXT   ? x->text
		                     : f == XLSX_COL_DATE ? x->date
		                                          : NULL);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
	x->col = 0;
	return KFQ_OK;
}

int xlsx_open(struct xlsx **out, const char *sheet, const char *const *headers,
              const double *widths, int ncols)
{
	return xlsx_open_columns(out, sheet, headers, widths, NULL, ncols);
}

int xlsx_open_columns(struct xlsx **out, const char *sheet, const char *const *headers,
                      const double *widths, const enum xlsx_column *formats, int ncols)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	const char *tmp = getenv("TMPDIR");
	/* each row goes to the worksheet's temporary file there when the next one begins */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
	                            .tmpdir = (char *)(tmp && *tmp ? tmp : "/tmp")};
	int fd;

	snprintf(x->path, sizeof(x->path), "%s/kfq-export-XXXXXX", opt.tmpdir);
	fd = mkstemp(x->path);
	if (fd < 0) {
		free(x);
		return KFQ_EIO;
	}
	close(fd);
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb)
		goto fail;
	x->bold = workbook_add_format(x->wb);
	x->percent = workbook_add_format(x->wb);
	x->yuan = workbook_add_format(x->wb);
	x->yuan_exact = workbook_add_format(x->wb);
	x->text = workbook_add_format(x->wb);
	x->date = workbook_add_format(x->wb);
	if (!x->bold || !x->percent || !x->yuan || !x->yuan_exact || !x->text || !x->date)
		goto fail;
	format_set_bold(x->bold);
	format_set_num_format(x->percent, "0.00%");
	format_set_num_format(x->yuan, "#,##0.00");
	format_set_num_format(x->yuan_exact, "#,##0.00####");
	format_set_num_format_index(x->text, 49); /* Excel's built-in "@", text */
	format_set_num_format(x->date, "yyyy-mm-dd");
	if (add_sheet(x, sheet, headers, widths, formats, ncols) != KFQ_OK)
		goto fail;
	*out = x;
	return KFQ_OK;
fail:
	if (x->wb)
		workbook_close(x->wb);
	unlink(x->path);
	free(x);
	return KFQ_EIO;
}

int xlsx_sheet(struct xlsx *x, const char *sheet, const char *const *headers, const double *widths,
               int ncols)
{
	return add_sheet(x, sheet, headers, widths, NULL, ncols);
}

/* Excel's limit on a cell's text, in characters: libxlsxwriter refuses a longer one, and the
 * cell stayed empty (an audit record of a 督办单 with its replies can be longer) */
#define CELL_CHARS_MAX 32767
static const char cut_mark[] = "…（超出 Excel 单元格 32767 个字符的上限，其余已截断）";
#define CUT_MARK_CHARS 34

void xlsx_text(struct xlsx *x, const char *s)
{
	size_t chars = 0, keep = 0;
	char *cut;

	if (s && strlen(s) > CELL_CHARS_MAX) {
		for (size_t i = 0; s[i]; i++)
			if (((unsigned char)s[i] & 0xC0) != 0x80 &&
			    chars++ == CELL_CHARS_MAX - CUT_MARK_CHARS)
				keep = i; /* where the first character cut off begins */
	}
	if (chars > CELL_CHARS_MAX) {
		cut = xmalloc(keep + sizeof(cut_mark));
		memcpy(cut, s, keep);
		memcpy(cut + keep, cut_mark, sizeof(cut_mark));
		worksheet_write_string(x->ws, x->row, x->col, cut, NULL);
		free(cut);
	} else if (s) {
		worksheet_write_string(x->ws, x->row, x->col, s, NULL);
	}
	x->col++;
}

void xlsx_int(struct xlsx *x, int64_t v)
{
	worksheet_write_number(x->ws, x->row, x->col++, (double)v, NULL);
}

void xlsx_date(struct xlsx *x, const char *ymd)
{
	int y, m, d, n = 0;

	if (ymd && strlen(ymd) == 10 && sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    n == 10) {
		lxw_datetime dt = {.year = y, .month = m, .day = d};
		worksheet_write_datetime(x->ws, x->row, x->col++, &dt, x->date);
	} else {
		xlsx_text(x, ymd);
	}
}

void xlsx_bp_percent(struct xlsx *x, int64_t bp)
{
	worksheet_write_number(x->ws, x->row, x->col++, (double)bp / 10000, x->percent);
}

void xlsx_amount(struct xlsx *x, int64_t units, int decimals)
{
	double scale = 1;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	/* the cell holds the double nearest the decimal, as Excel does for a typed amount */
	worksheet_write_number(x->ws, x->row, x->col++, (double)units / scale,
	                       decimals > 2 ? x->yuan_exact : x->yuan);
}

void xlsx_end_row(struct xlsx *x)
{
	x->row++;
	x->col = 0;
}

int xlsx_finish(struct xlsx *x, int *fd, uint64_t *size)
{
	struct stat st;
	int rc = KFQ_OK;

	*fd = -1;
	if (workbook_close(x->wb) != LXW_NO_ERROR) {
		rc = KFQ_EIO;
		goto cleanup;
	}
	*fd = open(x->path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0 || fstat(*fd, &st) != 0) {
		rc = KFQ_EIO;
		goto cleanup;
	}
	*size = (uint64_t)st.st_size;
cleanup:
	if (rc != KFQ_OK && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	/* the open descriptor keeps the data until the response is sent */
	unlink(x->path);
	free(x);
	return rc;
}

void xlsx_discard(struct xlsx *x)
{
	lxw_workbook_free(x->wb);
	unlink(x->path);
	free(x);
}
