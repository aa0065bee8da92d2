/* export.h - list exports as .xlsx or .csv through one writer, so that each list writes its
 * rows once. Either is written to an unnamed temporary file as its rows end (a row at a time
 * in memory, however many rows: a year of a city's audit log) and export_finish sends that
 * file. What the table holds goes with the request's arena if it is never finished. */
#ifndef KFQ_API_EXPORT_H
#define KFQ_API_EXPORT_H

#include "api/api.h"
#include "util/csv.h"
#include "util/xlsx.h"

enum export_format { EXPORT_XLSX, EXPORT_CSV };

struct export_file;

struct export_table {
	enum export_format format;
	struct xlsx *x;           /* EXPORT_XLSX */
	struct csv csv;           /* EXPORT_CSV: into file's buffer */
	struct export_file *file; /* EXPORT_CSV: the file the rows go to (arena) */
};

/* Starts a table with a header row, as CSV when the route's path ends in .csv, else as .xlsx:
 * one handler serves both routes of a list. Answers 500 itself and returns -1 on failure. */
int export_begin(struct api_ctx *c, struct export_table *t, const char *sheet,
                 const char *const *headers, const double *widths, int ncols);
/* .xlsx only: starts another worksheet with its own header row (a report of several tables). */
int export_sheet(struct api_ctx *c, struct export_table *t, const char *sheet,
                 const char *const *headers, const double *widths, int ncols);
void export_text(struct export_table *t, const char *s);
/* An instant kfq stores (RFC 3339 UTC, "2026-11-28T03:00:00Z") as Beijing time, as the web app
 * shows it to its users: "2026-11-28 11:00:00". NULL, a date or any other text is written as
 * it is. */
void export_time(struct export_table *t, const char *s);
void export_int(struct export_table *t, int64_t v);
void export_bp_percent(struct export_table *t, int64_t bp); /* 5000 → 50.00 % */
/* An amount in fen (decimals 2) or in e4 (decimals 6) as yuan: a number cell, or exact text. */
void export_amount(struct export_table *t, int64_t units, int decimals);
/* Memory for what the current row's cells need (a masked value, a composed text), released
 * when the row ends: an export of a city's rows keeps only one row's. */
struct arena *export_row_arena(struct export_table *t);
void export_end_row(struct export_table *t);
/* Sends the table as name.xlsx or name.csv (name in Chinese is fine). */
int export_finish(struct api_ctx *c, struct export_table *t, const char *name);

#endif
