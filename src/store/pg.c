/* pg.c - the PostgreSQL backend over libpq: ?N placeholders rewritten to $N, each statement
 * prepared once per connection (PQprepare) and executed with text parameters. A connection per
 * worker thread forms the pool. Must not hold domain SQL. */
#include "store/store_impl.h"

#include "util/log.h"
#include "util/strbuf.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pg_stmt {
	struct store *s; /* must be first: see store.c */
	char name[16];
	int nparams;
	char *vals[STORE_MAX_PARAMS + 1]; /* heap copies of bound values, NULL = SQL NULL */
	PGresult *res;
	int row; /* next row to return */
	int nrows;
};

struct pg_store {
	struct store base;
	PGconn *conn;
	int nstmts;
	struct store_cache_entry cache[STORE_STMT_CACHE];
};

static int map_res(struct store *s, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	struct pg_store *p = (struct pg_store *)s;

	store_set_err(s, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn));
	if (!state)
		return PQstatus(p->conn) == CONNECTION_OK ? KFQ_ERR : KFQ_EIO;
	if (!strcmp(state, "23505"))
		return KFQ_ECONFLICT;
	if (!strncmp(state, "23", 2))
		return KFQ_ECONSTRAINT;
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return KFQ_EBUSY;
	return KFQ_ERR;
}

/* ?N -> $N outside string literals; returns the highest N. */
static int rewrite(const char *sql, struct strbuf *out)
{
	int max = 0;
	bool quoted = false;

	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (!quoted && *p == '?' && p[1] >= '0' && p[1] <= '9') {
			int n = (int)strtol(p + 1, NULL, 10);
			if (n > max)
				max = n;
			strbuf_addch(out, '$');
			continue;
		}
		strbuf_addch(out, *p);
	}
	return max;
}

static int pg_prepare(struct store *s, const char *sql, struct store_stmt **out)
{
	struct pg_store *p = (struct pg_store *)s;
	void **slot = store_cache_slot(p->cache, sql);
	struct pg_stmt *st = *slot;
	struct strbuf sb = STRBUF_INIT;
	int rc = KFQ_OK;

	if (st)
		goto done;
	st = xcalloc(1, sizeof(*st));
	st->s = s;
	snprintf(st->name, sizeof(st->name), "k%d", ++p->nstmts);
	st->nparams = rewrite(sql, &sb);
	if (st->nparams > STORE_MAX_PARAMS)
		fatal("pg: statement with %d parameters", st->nparams);
	PGresult *res = PQprepare(p->conn, st->name, sb.buf, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = map_res(s, res);
		PQclear(res);
		free(st);
		goto cleanup;
	}
	PQclear(res);
	*slot = st;
done:
	*out = (struct store_stmt *)st;
cleanup:
	strbuf_release(&sb);
	return rc;
}

static void set_val(struct pg_stmt *st, int i, char *v)
{
	if (i < 1 || i > STORE_MAX_PARAMS)
		fatal("pg: bind index %d", i);
	free(st->vals[i]);
	st->vals[i] = v;
}

static void pg_bind_int(struct store_stmt *p, int i, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	set_val((struct pg_stmt *)p, i, xstrdup(buf));
}

static void pg_bind_text(struct store_stmt *p, int i, const char *v)
{
	set_val((struct pg_stmt *)p, i, v ? xstrdup(v) : NULL);
}

static int pg_step(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;
	struct pg_store *ps = (struct pg_store *)st->s;

	if (!st->res) {
		st->res = PQexecPrepared(ps->conn, st->name, st->nparams,
		                         (const char *const *)st->vals + 1, NULL, NULL, 0);
		ExecStatusType t = PQresultStatus(st->res);
		if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK)
			return map_res(st->s, st->res);
		st->nrows = PQntuples(st->res);
		st->row = 0;
	} else {
		st->row++;
	}
	return st->row < st->nrows ? KFQ_ROW : KFQ_DONE;
}

static int64_t pg_col_int(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	return strtoll(PQgetvalue(st->res, st->row, i), NULL, 10);
}

static const char *pg_col_text(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

static bool pg_col_null(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	return PQgetisnull(st->res, st->row, i);
}

static void pg_reset(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	PQclear(st->res);
	st->res = NULL;
	for (int i = 1; i <= st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

static int pg_exec(struct store *s, const char *sql)
{
	struct pg_store *p = (struct pg_store *)s;
	PGresult *res = PQexec(p->conn, sql);
	int rc = KFQ_OK;
	ExecStatusType t = PQresultStatus(res);

	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		rc = map_res(s, res);
	PQclear(res);
	return rc;
}

static void pg_close(struct store *s)
{
	struct pg_store *p = (struct pg_store *)s;

	for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
		struct pg_stmt *st = p->cache[i].stmt;
		if (st) {
			pg_reset((struct store_stmt *)st);
			free(st);
		}
	}
	PQfinish(p->conn);
	free(p);
}

const struct store_ops store_pg_ops = {
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .reset = pg_reset,
    .exec = pg_exec,
    .close = pg_close,
    /* writers queue on the audit head's row, as SQLite's BEGIN IMMEDIATE queues them: a
     * check-then-write (a name not yet taken, the next notice number) holds on both */
    .begin_sql = "BEGIN; SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE",
    .begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
};

static void quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

int store_pg_open(const char *url, struct store **out, char *errbuf, size_t errlen)
{
	struct pg_store *p = xcalloc(1, sizeof(*p));

	p->base.ops = &store_pg_ops;
	p->base.kind = STORE_PG;
	p->conn = PQconnectdb(url);
	if (PQstatus(p->conn) != CONNECTION_OK) {
		if (errbuf)
			snprintf(errbuf, errlen, "cannot connect to PostgreSQL: %s",
			         PQerrorMessage(p->conn));
		PQfinish(p->conn);
		free(p);
		return KFQ_EIO;
	}
	/* NOTICEs (e.g. "relation already exists, skipping") are not errors */
	PQsetNoticeReceiver(p->conn, quiet, NULL);
	/* the catch-all filters (?1 = 0 OR col = ?1) need plans made for the actual values */
	PGresult *res = PQexec(p->conn, "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'; "
	                                "SET plan_cache_mode = force_custom_plan");
	PQclear(res);
	*out = &p->base;
	return KFQ_OK;
}
