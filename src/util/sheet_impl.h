/* sheet_impl.h - what the .xlsx and CSV readers share, private to util/sheet*.c, xlsx_read.c and
 * csv_read.c: a row under construction, with the caps of struct sheet_limits applied, and the
 * kept rows of sheet_keep.c. */
#ifndef KFQ_UTIL_SHEET_IMPL_H
#define KFQ_UTIL_SHEET_IMPL_H

#include "util/sheet.h"
#include "util/strbuf.h"

#include <stddef.h>

struct sheet_rowbuf_cell {
	enum sheet_cell_kind kind;
	bool date_style;
	size_t off; /* of its text in text.buf */
};

struct sheet_rowbuf {
	const struct sheet_limits *lim;
	struct strbuf text;              /* the cells' texts, each NUL-terminated */
	struct sheet_rowbuf_cell *cells; /* heap; ncells used of cap */
	int ncells, cap;
	struct sheet_cell *out; /* heap; what sheet_row.cells points to */
	int out_cap;
	bool any; /* a non-empty cell was put */
};

void sheet_rowbuf_init(struct sheet_rowbuf *rb, const struct sheet_limits *lim);
void sheet_rowbuf_release(struct sheet_rowbuf *rb);
void sheet_rowbuf_reset(struct sheet_rowbuf *rb);
/* Puts a cell at column col (0-based), after every cell put so far; the columns between stay
 * empty. KFQ_EINVAL with e filled when the column or a size is past the caps. */
int sheet_rowbuf_put(struct sheet_rowbuf *rb, int col, enum sheet_cell_kind kind, bool date_style,
                     const char *text, size_t len, int64_t row, struct sheet_error *e);
/* The row as the readers hand it out (cells up to the last non-empty one). */
void sheet_rowbuf_finish(struct sheet_rowbuf *rb, int64_t row, struct sheet_row *out);

/* The rows kept for a second reading (sheet_keep.c). open: KFQ_OK or KFQ_EIO (errno); put:
 * KFQ_OK, KFQ_EINVAL with e filled past max_bytes, KFQ_EIO; rewind: after the last put, the
 * reading starts at the first row; next: KFQ_ROW (valid until the next call), KFQ_DONE,
 * KFQ_EIO with e filled. */
struct sheet_keep;
int sheet_keep_open(struct sheet_keep **out, const char *dir, uint64_t max_bytes);
int sheet_keep_put(struct sheet_keep *k, const struct sheet_row *row, struct sheet_error *e);
int sheet_keep_rewind(struct sheet_keep *k);
int sheet_keep_next(struct sheet_keep *k, struct sheet_row *row, struct sheet_error *e);
void sheet_keep_close(struct sheet_keep *k);

/* The two readers behind sheet.c. */
struct xlsx_read;
int xlsx_read_open(int fd, const struct sheet_limits *lim, struct xlsx_read **out,
                   struct sheet_error *e);
int xlsx_read_next(struct xlsx_read *x, struct sheet_row *row, struct sheet_error *e);
bool xlsx_read_date1904(const struct xlsx_read *x);
int xlsx_read_merges(const struct xlsx_read *x, const struct sheet_merge **out);
void xlsx_read_close(struct xlsx_read *x);

struct csv_read;
int csv_read_open(int fd, const struct sheet_limits *lim, struct csv_read **out,
                  struct sheet_error *e);
int csv_read_next(struct csv_read *r, struct sheet_row *row, struct sheet_error *e);
const char *csv_read_encoding(const struct csv_read *r);
void csv_read_close(struct csv_read *r);

#endif
