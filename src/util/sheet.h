/* sheet.h - reading a spreadsheet a row at a time, whatever it was saved as: .xlsx (Excel, WPS)
 * or CSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM). The format is decided by the
 * file's first bytes, never by its name. Only one row is held at a time; every size is capped
 * (struct sheet_limits), so a hostile file costs bounded memory and time.
 * Must not know what the columns mean: core/import does. Depends on nothing of kfq's but log.h. */
#ifndef KFQ_UTIL_SHEET_H
#define KFQ_UTIL_SHEET_H

#include <stdbool.h>
#include <stdint.h>

enum sheet_cell_kind {
	SHEET_EMPTY = 0,
	SHEET_TEXT,   /* shared, inline or formula string; every CSV field */
	SHEET_NUMBER, /* the cell's own decimal text as stored ("12345.670000000001", "1E-3") */
	SHEET_BOOL,   /* "0" or "1" */
	SHEET_ERROR,  /* "#N/A", "#DIV/0!" ... */
};

struct sheet_cell {
	enum sheet_cell_kind kind;
	bool date_style;  /* a NUMBER whose number format shows a date or time */
	const char *text; /* UTF-8, NUL-terminated, "" when EMPTY; owned by the reader */
};

/* One row with at least one non-empty cell (blank rows are skipped). Valid until the next call. */
struct sheet_row {
	int64_t row;              /* 1-based row number as Excel or WPS shows it */
	int ncells;               /* columns up to the last non-empty one; cells[0] is column A */
	struct sheet_cell *cells; /* owned by the reader */
};

/* Caps on what a file may make the reader do. sheet_limits_default() gives kfq's. */
struct sheet_limits {
	uint64_t max_part_bytes;   /* xlsx: uncompressed bytes of any one XML part */
	uint64_t max_total_bytes;  /* xlsx: uncompressed bytes of all parts read */
	uint64_t max_shared_bytes; /* xlsx: text of the shared-string table (held in memory) */
	uint32_t max_ratio;        /* xlsx: uncompressed / compressed, checked past 1 MiB */
	uint32_t max_entries;      /* xlsx: files in the archive */
	uint32_t max_depth;        /* xlsx: XML element nesting */
	uint32_t max_cols;         /* columns with data in a row */
	uint32_t max_cell_bytes;   /* one cell's text */
	uint32_t max_row_bytes;    /* one row's text */
	int64_t max_rows;          /* rows with data */
	uint64_t max_kept_bytes;   /* the rows kept for a second reading (sheet_keep) */
};

void sheet_limits_default(struct sheet_limits *l);

#define SHEET_ERROR_MAX 200

/* Why a file could not be read: a Chinese message for the user, and the row when known. */
struct sheet_error {
	int64_t row; /* 0 = the file as a whole */
	char message[SHEET_ERROR_MAX];
};

enum sheet_format { SHEET_XLSX, SHEET_CSV };

/* The name of the sheet kfq's import templates hold their rows in: an .xlsx's rows are read from
 * the sheet of this name when it has one, else from its first sheet. */
#define SHEET_DATA_NAME "导入数据"

struct sheet;

/* Opens the spreadsheet in the file fd (the caller keeps fd open until sheet_close; its offset
 * moves). Returns KFQ_OK, KFQ_EINVAL with e filled when the file is not a readable
 * spreadsheet, or KFQ_EIO. The caller owns *out: sheet_close() it. */
int sheet_open(int fd, const struct sheet_limits *lim, struct sheet **out, struct sheet_error *e);
/* Next row: KFQ_ROW, KFQ_DONE, or KFQ_EINVAL / KFQ_EIO with e filled. */
int sheet_next(struct sheet *s, struct sheet_row *row, struct sheet_error *e);
/* Keeps every row read from now on in an unnamed temporary file in dir (created if missing),
 * so that sheet_rewind() hands them out again without reading the spreadsheet a second time.
 * Call before the first sheet_next. KFQ_OK, or KFQ_EIO with errno. */
int sheet_keep(struct sheet *s, const char *dir);
/* After sheet_next gave KFQ_DONE on a kept sheet: the following calls give the same rows
 * again, from the kept file. KFQ_OK or KFQ_EIO. Calling it otherwise is a bug (fatal). */
int sheet_rewind(struct sheet *s);
enum sheet_format sheet_format(const struct sheet *s);
/* "xlsx", or the CSV's encoding ("UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE"). */
const char *sheet_encoding(const struct sheet *s);
/* A merged range of an .xlsx sheet: rows 1-based and columns 0-based, as in struct sheet_row.
 * Only its top-left cell holds a value; the others read as empty cells. */
struct sheet_merge {
	int64_t row1, row2;
	int col1, col2;
};
#define SHEET_MERGES_MAX 16
/* After sheet_next gave KFQ_DONE: how many merged ranges the sheet has (none in a CSV), the first
 * SHEET_MERGES_MAX of them in *out (owned by the sheet). A range not understood is left out. */
int sheet_merges(const struct sheet *s, const struct sheet_merge **out);
/* The workbook counts dates from 1904-01-01 (an old Mac Excel option); false for CSV. */
bool sheet_date1904(const struct sheet *s);
void sheet_close(struct sheet *s);

/* Fills e (printf-style message) and returns KFQ_EINVAL: how the readers report. */
int sheet_fail(struct sheet_error *e, int64_t row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
