/* xlsx.h - one-sheet spreadsheet export (libxlsxwriter): a bold header row, then rows of text
 * and integers. The workbook is written to an unlinked temporary file whose descriptor the
 * caller sends and closes. Rows go to disk as they are ended (libxlsxwriter's constant_memory
 * mode: text inline in its cell, no table of shared strings), so a sheet of any length takes
 * the memory of one row. */
#ifndef KFQ_UTIL_XLSX_H
#define KFQ_UTIL_XLSX_H

#include <stdint.h>

struct xlsx;

/* headers: ncols column titles. widths: ncols column widths in characters (may be NULL). */
int xlsx_open(struct xlsx **out, const char *sheet, const char *const *headers,
              const double *widths, int ncols);

/* The format of a whole column, which what is typed into it later takes (an import template's). */
enum xlsx_column {
	XLSX_COL_GENERAL,
	XLSX_COL_TEXT, /* "@": typed digits stay text, with their leading zeros and all 18 of them
	                */
	XLSX_COL_DATE, /* yyyy-mm-dd: a typed date is a date */
};
/* xlsx_open whose columns carry formats (ncols of them; NULL: all general). */
int xlsx_open_columns(struct xlsx **out, const char *sheet, const char *const *headers,
                      const double *widths, const enum xlsx_column *formats, int ncols);
/* Starts another worksheet with its own header row; the following rows go there. */
int xlsx_sheet(struct xlsx *x, const char *sheet, const char *const *headers, const double *widths,
               int ncols);
/* Cells of the next row, written left to right; NULL text leaves the cell empty. A text longer
 * than a cell may hold (32,767 characters) keeps its beginning and ends saying it was cut. */
void xlsx_text(struct xlsx *x, const char *s);
void xlsx_int(struct xlsx *x, int64_t v);
/* A date "YYYY-MM-DD" as a date cell shown yyyy-mm-dd; other text is written as text. */
void xlsx_date(struct xlsx *x, const char *ymd);
/* A share in basis points (10000 = 100 %) as a number Excel shows as a percentage, 50.00 %. */
void xlsx_bp_percent(struct xlsx *x, int64_t bp);
/* An amount kept as an integer count of 10^-decimals yuan (decimals 2: fen; 6: the exact e4
 * amounts of revenue sharing) as a number cell shown with thousands separators and two
 * decimals (six where it has them), so that Excel and WPS can sum the column. */
void xlsx_amount(struct xlsx *x, int64_t units, int decimals);
void xlsx_end_row(struct xlsx *x);
/* Closes the workbook; on success *fd is a readable descriptor of the file and *size its
 * length. Frees x either way. */
int xlsx_finish(struct xlsx *x, int *fd, uint64_t *size);
/* Frees x and its files without finishing the workbook (an export that failed midway). */
void xlsx_discard(struct xlsx *x);

#endif
