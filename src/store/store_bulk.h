/* store_bulk.h - inserting many rows into one table inside the caller's write transaction, as
 * fast as each backend allows: COPY ... FROM STDIN on PostgreSQL (rows streamed in 64 KiB
 * pieces, escaped for COPY's text format), one prepared INSERT stepped per row on SQLite. Built
 * for imports of a million rows: memory stays one buffer whatever the row count. A failed row
 * or copy leaves the rollback to the caller; nothing is committed here. */
#ifndef KFQ_STORE_BULK_H
#define KFQ_STORE_BULK_H

#include "store/store.h"

/* Both statements name the same table and columns in the same order; static strings. */
struct store_bulk_spec {
	const char *copy_sql;   /* "COPY t (a, b) FROM STDIN" */
	const char *insert_sql; /* "INSERT INTO t (a, b) VALUES (?1, ?2)" */
	int ncols;
};

struct store_bulk;

/* Starts the bulk insert (call between store_begin and store_commit). The caller owns *out
 * until store_bulk_end or store_bulk_abort. */
int store_bulk_begin(struct store *s, const struct store_bulk_spec *spec, struct store_bulk **out);
/* The next column's value of the current row, left to right. NULL text is SQL NULL. */
void store_bulk_text(struct store_bulk *b, const char *v);
void store_bulk_int(struct store_bulk *b, int64_t v);
/* Ends the row (SQLite inserts it now: a constraint fails here; PostgreSQL at the end). */
int store_bulk_row(struct store_bulk *b);
/* Finishes: *rows (may be NULL) the rows inserted. Frees b. */
int store_bulk_end(struct store_bulk *b, int64_t *rows);
/* Abandons the insert (the caller then rolls back). Frees b. */
void store_bulk_abort(struct store_bulk *b);

#endif
