/* import.h - the rules of a spreadsheet import, shared by every kind (users first; enterprises,
 * tax records, budgets, rosters later): a kind declares its columns (the header as the template
 * shows it, a type, required or not, bounds, allowed values, a check); these functions find the
 * columns in a file's header row, turn each data row's cells into exact values, and describe
 * every problem with its row, column and reason. Pure: no I/O, no SQL; memory from arenas. */
#ifndef KFQ_CORE_IMPORT_H
#define KFQ_CORE_IMPORT_H

#include "core/cellval.h"
#include "core/enums.h"
#include "util/arena.h"
#include "util/sheet.h"

#include <stdbool.h>
#include <stdint.h>

#define IMPORT_MAX_PROBLEMS 1000 /* reported in full; beyond, only counted */
#define IMPORT_TEXT_MAX     200  /* characters of a text cell unless the column says */

enum import_type {
	IMPORT_TEXT,
	IMPORT_CODE, /* text as typed, never a number cell: 统一社会信用代码, 身份证号码 */
	IMPORT_INT,
	IMPORT_AMOUNT, /* yuan in the file, fen in the value */
	IMPORT_DEC2,   /* a number of at most two decimals in the file, hundredths in the value */
	IMPORT_BP,     /* percent in the file, basis points in the value */
	IMPORT_DATE,
	IMPORT_MONTH, /* "YYYY-MM" (cellval_month) */
	IMPORT_BOOL,
	IMPORT_ENUM, /* one of a core/enums.h table, by label (开发区) or code (zone) */
};

struct import_value {
	bool present;     /* the cell had content */
	bool in_file;     /* the file has the column (a header for it): absent, nothing was said */
	bool number;      /* it was a number cell: a code typed as one has lost its leading zeros */
	const char *text; /* TEXT: trimmed; CODE, numbers, dates: with full-width forms made ASCII;
	                     ENUM: the code; DATE: the date; MONTH: the month */
	int64_t num;      /* INT, AMOUNT (fen), DEC2 (hundredths), BP */
	bool yes;         /* BOOL */
	char date[CELLVAL_DATE_LEN]; /* DATE, MONTH: where text points */
};

struct import_column {
	const char *header; /* as the template's header row shows it */
	enum import_type type;
	bool required;
	bool key; /* part of the row's natural key: a repeated key is a duplicate row */
	/* TEXT: a code that may come as a number cell (事项编码, 行业代码, a phone number):
	 * full-width forms made ASCII and small letters capitals, as IMPORT_CODE does, before the
	 * file's duplicate check */
	bool upper;
	/* a key compared without its letters' case (登录名): Wang.Li repeats wang.li; the value
	 * keeps its letters as typed */
	bool fold;
	int64_t max; /* TEXT, CODE: characters (0 = IMPORT_TEXT_MAX); numbers: largest (0 = none) */
	int64_t min; /* numbers: smallest, when has_min */
	bool has_min;
	const struct enum_table *options; /* ENUM */
	const char *rule;   /* what the column accepts, for the template's rules sheet */
	const char *sample; /* the template's sample row */
	/* A further check of a present value: NULL, or the reason (static, or in a). */
	const char *(*check)(const struct import_value *v, struct arena *a);
};

struct import_problem {
	int64_t row;        /* the spreadsheet's row number; 0 = the file */
	const char *column; /* the column's header, or NULL for the whole row */
	const char *message;
};

/* Problems of one import: the first IMPORT_MAX_PROBLEMS kept, all counted. */
struct import_problems {
	struct arena *a; /* where messages live */
	struct import_problem *items;
	int n, cap;
	int64_t total;    /* problems found, kept or not */
	int64_t bad_rows; /* rows with at least one */
	int64_t last_row; /* the last row counted in bad_rows */
};

void import_problems_init(struct import_problems *p, struct arena *a);
/* Records a problem (message copied into p->a). */
void import_problem_add(struct import_problems *p, int64_t row, const char *column, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

/* Records a problem of the whole file ahead of the others, as what explains them (kept when
 * IMPORT_MAX_PROBLEMS are already, in place of the last; message copied into p->a). */
void import_problem_lead(struct import_problems *p, const char *message);

/* Finds the declared columns in the header row: map[i] is the file's column of cols[i] or -1.
 * Unknown or repeated headers and missing required columns are problems. Headers compare after
 * trimming spaces (also full-width) and a trailing * (a template's mark of a required column).
 * Returns 0, or -1 when a problem was added. */
int import_header_map(const struct import_column *cols, int ncols, const struct sheet_row *hdr,
                      int *map, struct import_problems *p);

/* Converts a data row into vals[0..ncols): every column's problems are added (not only the
 * first). Text is copied into a (a per-row arena: the caller releases it after the row).
 * Returns 0, or -1 when the row has a problem. */
int import_row_convert(const struct import_column *cols, int ncols, const int *map,
                       const struct sheet_row *row, bool date1904, struct arena *a,
                       struct import_value *vals, struct import_problems *p);

/* The row's natural key (its key columns' values joined by a unit separator), arena memory;
 * NULL when the kind declares no key. */
const char *import_row_key(const struct import_column *cols, int ncols,
                           const struct import_value *vals, struct arena *a);
/* The same with column col's value taken as the record id it names (an organization given by
 * its name or by an alias is one organization): for a kind's row_key (app/import.h). */
const char *import_row_key_as(const struct import_column *cols, int ncols,
                              const struct import_value *vals, int col, int64_t id,
                              struct arena *a);

/* Human text of a column's type, for the template ("文本（最多64字）", "金额（元，精确到分）"). */
const char *import_type_text(const struct import_column *c, struct arena *a);

#endif
