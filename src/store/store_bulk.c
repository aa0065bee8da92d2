/* store_bulk.c - the bulk insert of both backends. Must not commit, and must not build SQL: the
 * spec's statements are static. */
#include "store/store_bulk.h"
#include "store/store_impl.h"

#include "util/log.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define COPY_FLUSH 65536

struct store_bulk {
	struct store *s;
	const struct store_bulk_spec *spec;
	struct store_stmt *st; /* SQLite */
	struct strbuf buf;     /* PostgreSQL: rows not yet sent */
	int col;               /* next column of the row */
	int64_t rows;
	int rc; /* the first error */
};

int store_bulk_begin(struct store *s, const struct store_bulk_spec *spec, struct store_bulk **out)
{
	struct store_bulk *b = xcalloc(1, sizeof(*b));
	int rc;

	b->s = s;
	b->spec = spec;
	strbuf_init(&b->buf, 0);
	if (store_kind(s) == STORE_PG) {
		strbuf_grow(&b->buf, COPY_FLUSH + 4096);
		rc = store_pg_copy_begin(s, spec->copy_sql);
	} else {
		rc = store_prepare(s, spec->insert_sql, &b->st);
	}
	if (rc != KFQ_OK) {
		strbuf_release(&b->buf);
		free(b);
		*out = NULL;
		return rc;
	}
	*out = b;
	return KFQ_OK;
}

/* COPY's text format: tab between columns, \N for NULL, backslash escapes. The plain runs
 * between characters to escape are copied whole (a statement's lines are tens of MB). */
static void copy_field(struct store_bulk *b, const char *v)
{
	if (b->col++)
		strbuf_addch(&b->buf, '\t');
	if (!v) {
		strbuf_add(&b->buf, "\\N", 2);
		return;
	}
	for (;;) {
		size_t plain = strcspn(v, "\\\t\n\r");
		strbuf_add(&b->buf, v, plain);
		v += plain;
		switch (*v++) {
		case '\\':
			strbuf_add(&b->buf, "\\\\", 2);
			break;
		case '\t':
			strbuf_add(&b->buf, "\\t", 2);
			break;
		case '\n':
			strbuf_add(&b->buf, "\\n", 2);
			break;
		case '\r':
			strbuf_add(&b->buf, "\\r", 2);
			break;
		default: /* the NUL */
			return;
		}
	}
}

void store_bulk_text(struct store_bulk *b, const char *v)
{
	if (b->st)
		store_bind_text(b->st, ++b->col, v);
	else
		copy_field(b, v);
}

void store_bulk_int(struct store_bulk *b, int64_t v)
{
	if (b->st) {
		store_bind_int(b->st, ++b->col, v);
		return;
	}
	if (b->col++)
		strbuf_addch(&b->buf, '\t');
	strbuf_addint(&b->buf, v); /* digits and '-': nothing to escape */
}

int store_bulk_row(struct store_bulk *b)
{
	if (b->col != b->spec->ncols)
		fatal("store_bulk: row with %d of %d columns", b->col, b->spec->ncols);
	b->col = 0;
	if (b->rc != KFQ_OK)
		return b->rc;
	if (b->st) {
		int rc = store_step(b->st);
		store_reset(b->st);
		if (rc != KFQ_DONE)
			return b->rc = rc;
		b->rows++;
		return KFQ_OK;
	}
	strbuf_addch(&b->buf, '\n');
	b->rows++;
	if (b->buf.len >= COPY_FLUSH) {
		b->rc = store_pg_copy_put(b->s, b->buf.buf, b->buf.len);
		strbuf_reset(&b->buf);
	}
	return b->rc;
}

int store_bulk_end(struct store_bulk *b, int64_t *rows)
{
	int rc = b->rc;

	if (!b->st) {
		if (rc == KFQ_OK && b->buf.len)
			rc = store_pg_copy_put(b->s, b->buf.buf, b->buf.len);
		int end = store_pg_copy_end(
		    b->s, rc == KFQ_OK ? NULL : "kfq: bulk insert abandoned", NULL);
		if (rc == KFQ_OK)
			rc = end;
	}
	if (rows)
		*rows = b->rows;
	strbuf_release(&b->buf);
	free(b);
	return rc;
}

void store_bulk_abort(struct store_bulk *b)
{
	if (!b->st)
		(void)store_pg_copy_end(b->s, "kfq: bulk insert abandoned", NULL);
	strbuf_release(&b->buf);
	free(b);
}
