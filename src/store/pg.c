/* pg.c - the PostgreSQL backend over libpq: ?N placeholders rewritten to $N, each statement
 * prepared once per connection (PQprepare) and executed with text parameters; reads of a whole
 * table fetched a row at a time (single-row mode) or, for a statement that is a COPY … TO
 * STDOUT (FORMAT binary), a CopyData message at a time. A connection per worker thread forms the
 * pool. A connection the server dropped (a restart, a network failure) is marked lost, made
 * again by store_reconnect, and its statements prepared again on their next use.
 * Must not hold domain SQL. */
#include "store/store_impl.h"

#include "util/log.h"
#include "util/strbuf.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONNECT_TIMEOUT       "5"  /* seconds; a URL's connect_timeout wins */
#define RECONNECT_INTERVAL_MS 1000 /* at most one attempt a second per connection */
#define PG_COPY_COLS          16   /* the most columns a COPY read here may have */

struct pg_stmt {
	struct store *s; /* must be first: see store.c */
	char name[16];
	char *sql;    /* the text as sent, with $N */
	unsigned gen; /* the connection generation it was prepared on; 0 = not yet */
	int nparams;
	char *vals[STORE_MAX_PARAMS + 1]; /* heap copies of bound values, NULL = SQL NULL */
	PGresult *res;
	int row; /* the row returned last; -1 before the first of a result in hand (pg_pair) */
	int nrows;
	bool stream; /* store_stream: rows one at a time (single-row mode) */
	bool sent;   /* streaming: the query was sent, its results are being read */
	bool done;   /* streaming: the end (or an error) was read */
	bool binary; /* store_binary: results asked for in binary (resultFormat 1) */
	bool kept;   /* res is the answer of a read sent ahead (pg_ahead), for its next steps */
	/* its text is a COPY … TO STDOUT (FORMAT binary): run by PQexec, rows by PQgetCopyData */
	bool copy;
	bool began; /* copy: the stream's header was read */
	char *line; /* copy: libpq's buffer of the row in hand, NUL-terminated by it */
	int nfields;
	const char *field[PG_COPY_COLS]; /* copy: each column of the row in hand, in line */
	int flen[PG_COPY_COLS];          /* -1 for NULL */
};

struct pg_store {
	struct store base;
	PGconn *conn;
	int nstmts;
	unsigned gen;      /* bumped when the connection is made again: statements re-prepare */
	int queued;        /* writes sent ahead (pg_send) whose results are not read yet */
	int head_at;       /* 1 + the place among them of pg_begin's lock on the head; 0: none */
	unsigned lock_gen; /* the generation HEAD_LOCK was prepared on; 0: not yet */
	struct pg_stmt *ahead; /* the read sent ahead (pg_ahead): its answer to come or kept */
	int ahead_at;          /* 1 + its place among the queued while its answer is to come */
	uint64_t failed_ms; /* monotonic time of the last failed reconnection, 0 after a success */
};

/* The failure at hand broke the connection (the server restarted or the network failed):
 * everything on it fails at once from now on, until store_reconnect. */
static bool broke(struct store *s, const char *state)
{
	struct pg_store *p = (struct pg_store *)s;
	bool gone = PQstatus(p->conn) != CONNECTION_OK ||
	            (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P0", 4)));

	if (gone && !s->lost) {
		/* libpq's messages run over several lines: the first says it */
		log_error("PostgreSQL connection lost: %.*s", (int)strcspn(s->err, "\n"), s->err);
	}
	s->lost |= gone;
	return gone;
}

static int map_res(struct store *s, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	struct pg_store *p = (struct pg_store *)s;

	store_set_err(s, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn));
	if (broke(s, state))
		return KFQ_EUNAVAIL;
	if (!state)
		return KFQ_ERR;
	if (!strcmp(state, "23505"))
		return KFQ_ECONFLICT;
	if (!strncmp(state, "23", 2))
		return KFQ_ECONSTRAINT;
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return KFQ_EBUSY;
	return KFQ_ERR;
}

/* A call on a lost connection: fails without touching the network. */
static int unavailable(struct store *s)
{
	store_set_err(s, "the connection to PostgreSQL was lost");
	return KFQ_EUNAVAIL;
}

/* whether the keyword LIKE starts at p (sql's start at s) */
static bool like_at(const char *s, const char *p)
{
	return !strncmp(p, "LIKE ", 5) && p > s && p[-1] == ' ';
}

/* ?N -> $N and LIKE -> ILIKE outside string literals; returns the highest N. A search is
 * case-blind on both databases, as SQLite's LIKE is for ASCII letters (codes, credit codes,
 * user names typed in small letters find their capitals). */
static int rewrite(const char *sql, struct strbuf *out)
{
	int max = 0;
	bool quoted = false;

	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (!quoted && like_at(sql, p))
			strbuf_addch(out, 'I');
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

static int idle(struct pg_store *p);
static int settle_step(struct pg_store *p, struct pg_stmt *st);
static void ahead_forget(struct pg_store *p);
static int ahead_take(struct pg_store *p);
static PGresult *ahead_keep(struct pg_stmt *st, PGresult *r);
static void ahead_settled(struct pg_store *p);

static int pg_prepare(struct store *s, const char *sql, void **slot, struct store_stmt **out)
{
	struct pg_store *p = (struct pg_store *)s;
	struct pg_stmt *st = *slot;
	int rc = KFQ_OK;

	if (s->lost)
		return unavailable(s);
	if (!st) {
		struct strbuf sb = STRBUF_INIT;
		st = xcalloc(1, sizeof(*st));
		st->s = s;
		snprintf(st->name, sizeof(st->name), "k%d", ++p->nstmts);
		st->nparams = rewrite(sql, &sb);
		if (st->nparams > STORE_MAX_PARAMS)
			fatal("pg: statement with %d parameters", st->nparams);
		st->sql = strbuf_detach(&sb, NULL);
		/* COPY takes no parameters: its text is the whole of it, sent as it is when run */
		st->copy = !strncmp(sql, "COPY ", 5);
		if (st->copy && st->nparams)
			fatal("pg: a COPY with parameters");
		*slot = st;
	}
	/* once per connection: again after a reconnection, whose session has none */
	if (st->gen != p->gen && !st->copy) {
		if ((rc = idle(p)) != KFQ_OK)
			return rc;
		PGresult *res = PQprepare(p->conn, st->name, st->sql, 0, NULL);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			st->gen = p->gen;
		else
			rc = map_res(s, res);
		PQclear(res);
		if (rc != KFQ_OK)
			return rc;
	}
	*out = (struct store_stmt *)st;
	return KFQ_OK;
}

static void ahead_drop(struct pg_store *p);

static void set_val(struct pg_stmt *st, int i, char *v)
{
	if (i < 1 || i > STORE_MAX_PARAMS)
		fatal("pg: bind index %d", i);
	/* a read sent ahead answers only the values it was sent with */
	if (st == ((struct pg_store *)st->s)->ahead &&
	    (!v != !st->vals[i] || (v && strcmp(v, st->vals[i]))))
		ahead_drop((struct pg_store *)st->s);
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

static void drain(PGconn *conn)
{
	PGresult *res;

	while ((res = PQgetResult(conn)))
		PQclear(res);
}

/* Sends st's execution with its bound values, results in format (1: binary), counted
 * (store_statement_ran): every execution of a prepared statement but pg_step's goes here. */
static int send_prepared(struct pg_store *p, struct pg_stmt *st, int format)
{
	store_statement_ran(&p->base);
	return PQsendQueryPrepared(p->conn, st->name, st->nparams,
	                           (const char *const *)st->vals + 1, NULL, NULL, format);
}

/* Single-row mode: each step reads one more result of one row; the end is an empty result. */
static int stream_step(struct pg_stmt *st)
{
	struct pg_store *ps = (struct pg_store *)st->s;
	int rc;

	if (st->done)
		return KFQ_DONE;
	ahead_forget(ps);
	if (!st->sent) {
		if (st->s->lost)
			return unavailable(st->s);
		if ((rc = idle(ps)) != KFQ_OK)
			return rc;
		if (!send_prepared(ps, st, st->binary))
			return map_res(st->s, NULL);
		st->sent = true;
		if (!PQsetSingleRowMode(ps->conn))
			fatal("pg: single-row mode refused right after sending");
	}
	PQclear(st->res);
	st->res = PQgetResult(ps->conn);
	st->row = 0;
	switch (PQresultStatus(st->res)) {
	case PGRES_SINGLE_TUPLE:
		st->nrows = 1;
		return KFQ_ROW;
	case PGRES_TUPLES_OK:
		st->done = true;
		drain(ps->conn);
		return KFQ_DONE;
	default:
		rc = map_res(st->s, st->res);
		st->done = true;
		drain(ps->conn);
		return rc;
	}
}

/* A big-endian integer of len bytes (8, 4 or 2: int8, int4, int2), sign-extended. */
static int64_t be_int(const unsigned char *v, int len)
{
	uint64_t u = 0;

	for (int k = 0; k < len; k++)
		u = u << 8 | v[k];
	return len == 8 ? (int64_t)u : len == 4 ? (int32_t)(uint32_t)u : (int16_t)(uint16_t)u;
}

/* The binary COPY stream's header: signature, flags, and an extension skipped. */
static const unsigned char copy_signature[11] = "PGCOPY\n\377\r\n";

/* Splits the CopyData message line[0..n) into the row's columns: 1 for a row, 0 for the
 * trailer, -1 for what is not a binary COPY row of at most PG_COPY_COLS columns. The first
 * message carries the stream's header before its row. */
static int copy_fields(struct pg_stmt *st, int n)
{
	const unsigned char *p = (const unsigned char *)st->line, *end = p + n;
	int count;

	if (!st->began) {
		int64_t ext;
		if (n < 19 || memcmp(p, copy_signature, sizeof(copy_signature)) ||
		    (ext = be_int(p + 15, 4)) < 0 || ext > n - 19)
			return -1;
		p += 19 + ext; /* signature, flags, the extension's length and bytes */
		st->began = true;
	}
	if (end - p < 2)
		return -1;
	count = (int)be_int(p, 2);
	p += 2;
	if (count == -1)
		return 0;
	if (count < 0 || count > PG_COPY_COLS)
		return -1;
	for (int i = 0; i < count; i++) {
		if (end - p < 4)
			return -1;
		st->flen[i] = (int)be_int(p, 4);
		st->field[i] = (const char *)(p += 4);
		if (st->flen[i] < -1 || (st->flen[i] > 0 && end - p < st->flen[i]))
			return -1;
		p += st->flen[i] > 0 ? st->flen[i] : 0;
	}
	/* each column NUL-terminated for col_text, now that the lengths after it are read (the
	 * last one's terminator is libpq's) */
	for (int i = 0; i < count; i++)
		if (st->flen[i] >= 0)
			((char *)st->field[i])[st->flen[i]] = '\0';
	st->nfields = count;
	return 1;
}

/* The rest of a COPY's rows, unread: libpq takes no other command before they are. Returns
 * PQgetCopyData's last answer (-1 at the end, -2 on an error). */
static int copy_drain(struct pg_stmt *st)
{
	int n;

	PQfreemem(st->line);
	while ((n = PQgetCopyData(((struct pg_store *)st->s)->conn, &st->line, 0)) > 0)
		PQfreemem(st->line);
	st->line = NULL;
	return n;
}

/* Sends a COPY as it is: KFQ_OK once the server writes its rows; after an error it is done. */
static int copy_send(struct pg_stmt *st)
{
	struct pg_store *ps = (struct pg_store *)st->s;
	PGresult *res;
	int rc;

	if (st->s->lost)
		return unavailable(st->s);
	if ((rc = idle(ps)) != KFQ_OK)
		return rc;
	ahead_forget(ps); /* another statement runs */
	store_statement_ran(st->s);
	res = PQexec(ps->conn, st->sql);
	rc = PQresultStatus(res) == PGRES_COPY_OUT ? KFQ_OK : map_res(st->s, res);
	PQclear(res);
	st->sent = true;
	st->done = rc != KFQ_OK;
	return rc;
}

/* A COPY's rows: a CopyData message a step. */
static int copy_step(struct pg_stmt *st)
{
	struct pg_store *ps = (struct pg_store *)st->s;
	PGresult *res;
	int n, rc;

	if (st->done)
		return KFQ_DONE;
	if (!st->sent && (rc = copy_send(st)) != KFQ_OK)
		return rc;
	rc = KFQ_DONE;
	for (;;) {
		PQfreemem(st->line);
		st->line = NULL;
		if ((n = PQgetCopyData(ps->conn, &st->line, 0)) <= 0)
			break;
		if ((rc = copy_fields(st, n)) == 1)
			return KFQ_ROW;
		if (rc < 0) {
			store_set_err(st->s, "COPY: not a binary row of at most %d columns",
			              PG_COPY_COLS);
			n = copy_drain(st);
			rc = KFQ_EIO;
			break;
		}
		rc = KFQ_DONE;
	}
	if (n == -2 && rc == KFQ_DONE)
		rc = map_res(st->s, NULL);
	st->done = true;
	/* the command's own result, then NULL: what ends the COPY for the next command */
	while ((res = PQgetResult(ps->conn)) != NULL) {
		if (rc == KFQ_DONE && PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = map_res(st->s, res);
		PQclear(res);
	}
	return rc;
}

static int pg_step(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;
	struct pg_store *ps = (struct pg_store *)st->s;
	int rc;

	if (st->copy)
		return copy_step(st);
	if (st->stream)
		return stream_step(st);
	/* another statement run (not the next row of one) */
	if (st != ps->ahead && !st->res)
		ahead_forget(ps);
	else if (st == ps->ahead && (rc = ahead_take(ps)) != KFQ_OK)
		return rc;
	if (!st->res && ps->queued && (rc = settle_step(ps, st)) != KFQ_OK)
		return rc;
	if (!st->res) {
		if (st->s->lost)
			return unavailable(st->s);
		store_statement_ran(st->s);
		st->res = PQexecPrepared(ps->conn, st->name, st->nparams,
		                         (const char *const *)st->vals + 1, NULL, NULL, st->binary);
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

/* One query's result in a pipeline: the result, then the NULL that ends it. */
static PGresult *pipe_result(PGconn *conn)
{
	PGresult *res = PQgetResult(conn), *more;

	while (res && (more = PQgetResult(conn)) != NULL)
		PQclear(more);
	return res;
}

/* A result of a pair in hand for the statement's steps, or the error it is. */
static int pipe_take(struct pg_stmt *st, PGresult *res)
{
	ExecStatusType t = PQresultStatus(res);

	if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
		int rc = map_res(st->s, res);
		PQclear(res);
		return rc;
	}
	st->res = res;
	st->nrows = PQntuples(res);
	st->row = -1;
	return KFQ_OK;
}

/* The result of the read sent ahead (pg_ahead) read first by a pair: kept for its steps, or its
 * error, which is then the pair's (the server skipped both). */
static int ahead_read(struct pg_store *p)
{
	PGresult *r = pipe_result(p->conn);
	int rc = KFQ_OK;

	p->queued = 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = map_res(&p->base, r);
	else if (p->ahead) /* else dropped while it was to come: its answer is thrown away */
		r = ahead_keep(p->ahead, r);
	PQclear(r);
	ahead_settled(p);
	return rc;
}

/* Pipeline mode (libpq 14+): both statements and one Sync, so that the server reads, runs and
 * answers them in one round trip; they run in one implicit transaction, first before next. A
 * read sent ahead and not yet answered goes before them, in the same round trip: a write's
 * session check carries a create's task read with its organization's check (DECISIONS 200). */
static int pg_pair(struct store_stmt *first, struct store_stmt *next)
{
	struct pg_stmt *a = (struct pg_stmt *)first, *b = (struct pg_stmt *)next;
	struct pg_store *p = (struct pg_store *)a->s;
	PGresult *ra, *rb, *sync;
	bool ahead, ended;
	int rc;

	ahead_forget(p);
	ahead = p->queued == 1 && p->ahead_at == 1;
	/* only a read goes with the first: a write would be done, and committed with the
	 * pipeline's transaction, even when the first's check then fails; writes sent ahead are
	 * read with the first alone (settle), and a read ahead is not sent twice */
	if ((p->queued && !ahead) || a == p->ahead || b == p->ahead || b->stream || a->res ||
	    b->res || a->gen != p->gen || b->gen != p->gen || strncmp(b->sql, "SELECT ", 7) != 0)
		return KFQ_EINVAL;
	if (a->s->lost)
		return unavailable(a->s);
	if (!ahead && !PQenterPipelineMode(p->conn))
		return KFQ_EINVAL;
	if (!send_prepared(p, a, 0) || !send_prepared(p, b, 0) || !PQpipelineSync(p->conn)) {
		store_set_err(a->s, "pg: cannot send a pipeline: %s", PQerrorMessage(p->conn));
		log_error("%s", a->s->err);
		a->s->lost = true; /* what was sent of it is unknown: start afresh */
		return KFQ_EUNAVAIL;
	}
	rc = ahead ? ahead_read(p) : KFQ_OK;
	ra = pipe_result(p->conn);
	rb = pipe_result(p->conn);
	sync = PQgetResult(p->conn);
	ended = PQresultStatus(sync) == PGRES_PIPELINE_SYNC && PQexitPipelineMode(p->conn);
	PQclear(sync);
	if (!ended) {
		store_set_err(a->s, "pg: a pipeline did not end: %s", PQerrorMessage(p->conn));
		log_error("%s", a->s->err);
		a->s->lost = true;
		PQclear(ra);
		PQclear(rb);
		return KFQ_EUNAVAIL;
	}
	/* the first's error is the pair's: the next was then not run */
	if (rc != KFQ_OK)
		PQclear(ra);
	else if ((rc = pipe_take(a, ra)) == KFQ_OK)
		return pipe_take(b, rb);
	PQclear(rb);
	return rc;
}

/* An integer column of a binary result (store_binary): int2, int4 or int8 in network order
 * (NULL has length 0). Any other type is a statement that should not have asked for binary. */
static int64_t binary_int(const PGresult *res, int row, int i)
{
	Oid type = PQftype(res, i);

	if (type != 20 && type != 21 && type != 23)
		fatal("pg: binary column %d of type %u read as an integer", i, type);
	return be_int((const unsigned char *)PQgetvalue(res, row, i), PQgetlength(res, row, i));
}

/* A column of the COPY row in hand; a COPY names no types: one read as an integer must be
 * int8, int4 or int2 (or NULL), anything else stops kfq as binary_int does. */
static int copy_col(const struct pg_stmt *st, int i)
{
	if (i < 0 || i >= st->nfields)
		fatal("pg: COPY column %d of %d", i, st->nfields);
	return st->flen[i];
}

/* A text result's integer. PostgreSQL writes one as an optional minus and digits, read here
 * without strtoll's locale and base handling (it was 4 % of kfq's CPU on a list of 100
 * milestones); NULL's empty text is 0, as strtoll reads it; anything else (a space or plus
 * first, 19 digits or more) goes to strtoll, and both stop at the first character that is not
 * a digit, as for a numeric's fraction. */
static int64_t text_int(const char *v)
{
	const char *d = v + (*v == '-');
	uint64_t u = 0;
	int n = 0;

	while (n < 18 && d[n] >= '0' && d[n] <= '9')
		u = u * 10 + (uint64_t)(d[n++] - '0');
	if ((n == 0 && *d) || (d[n] >= '0' && d[n] <= '9'))
		return strtoll(v, NULL, 10);
	return *v == '-' ? -(int64_t)u : (int64_t)u;
}

static int64_t pg_col_int(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (st->copy) {
		int len = copy_col(st, i);
		if (len != -1 && len != 2 && len != 4 && len != 8)
			fatal("pg: COPY column %d of %d bytes read as an integer", i, len);
		return len < 0 ? 0 : be_int((const unsigned char *)st->field[i], len);
	}
	if (PQfformat(st->res, i) == 1)
		return binary_int(st->res, st->row, i);
	return text_int(PQgetvalue(st->res, st->row, i));
}

const unsigned char *store_pg_col_bytes(struct store_stmt *p, int i, int *len)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (!st->copy)
		fatal("pg: the bytes of column %d of a statement that is not a COPY", i);
	*len = copy_col(st, i);
	return *len < 0 ? NULL : (const unsigned char *)st->field[i];
}

static const char *pg_col_text(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (st->copy)
		return copy_col(st, i) < 0 ? NULL : st->field[i];
	if (PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

static bool pg_col_null(struct store_stmt *p, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (st->copy)
		return copy_col(st, i) < 0;
	return PQgetisnull(st->res, st->row, i);
}

static void pg_reset(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;

	if (st->kept) {
		st->kept = false;
		((struct pg_store *)st->s)->ahead = NULL;
	}
	PQclear(st->res);
	st->res = NULL;
	/* a stream left before its end: read the rest (one row at a time, as sent), so that the
	 * connection can take the next command; a cancel would abort the caller's transaction */
	if (st->sent && !st->done) {
		if (st->copy)
			copy_drain(st);
		drain(((struct pg_store *)st->s)->conn);
	}
	PQfreemem(st->line);
	st->line = NULL;
	st->nfields = 0;
	st->stream = st->sent = st->done = st->began = false;
	st->binary = false;
	for (int i = 1; i <= st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

/* ---- writes sent ahead (store_send, DECISIONS 181): a write whose result matters only as an
 * error waits, sent in pipeline mode, for the next statement that needs an answer and is read
 * with it, so that the statements of a write transaction up to its COMMIT take one round trip
 * instead of one each ---- */

static int pg_send(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;
	struct pg_store *ps = (struct pg_store *)st->s;
	int rc = KFQ_OK;

	if (st->s->lost) {
		rc = unavailable(st->s);
	} else if ((!ps->queued && !PQenterPipelineMode(ps->conn)) || !send_prepared(ps, st, 0)) {
		store_set_err(st->s, "pg: cannot send ahead: %s", PQerrorMessage(ps->conn));
		log_error("%s", st->s->err);
		st->s->lost = true; /* what was sent of it is unknown: start afresh */
		rc = KFQ_EUNAVAIL;
	} else {
		ps->queued++;
	}
	pg_reset(p);
	return rc;
}

/* ---- a read sent ahead (store_ahead, DECISIONS 194): one read, bound, sent in pipeline mode
 * to go with the next statement that needs an answer, in its round trip; its answer is kept
 * for its own next step with the same values, and for nothing else: any other statement run
 * (or a BEGIN, COMMIT, another value bound to it) drops it, so that an answer is never used
 * later than the statements that ran after it in the same request ---- */

static void pg_ahead(struct store_stmt *p)
{
	struct pg_stmt *st = (struct pg_stmt *)p;
	struct pg_store *ps = (struct pg_store *)st->s;

	ahead_forget(ps);
	/* one at a time, and never a stream: then it runs at its step, as without this */
	if (st->s->lost || st->stream || ps->ahead || st->res)
		return;
	if ((!ps->queued && !PQenterPipelineMode(ps->conn)) || !send_prepared(ps, st, st->binary)) {
		store_set_err(st->s, "pg: cannot send ahead: %s", PQerrorMessage(ps->conn));
		log_error("%s", st->s->err);
		st->s->lost = true; /* what was sent of it is unknown: start afresh */
		return;
	}
	ps->ahead = st;
	ps->ahead_at = ++ps->queued;
}

/* The answer of the read sent ahead, read by settle: kept for the statement's steps. */
static PGresult *ahead_keep(struct pg_stmt *st, PGresult *r)
{
	st->res = r;
	st->nrows = PQntuples(r);
	st->row = -1;
	st->kept = true;
	return NULL;
}

/* After settle: a read sent ahead whose answer was not kept (an error, a skipped pipeline) is
 * gone; its step runs it again. */
static void ahead_settled(struct pg_store *p)
{
	if (p->ahead_at && p->ahead && !p->ahead->kept)
		p->ahead = NULL;
	p->ahead_at = 0;
}

/* Drops the read sent ahead, kept or still to come (settle then throws its answer away). */
static void ahead_drop(struct pg_store *p)
{
	struct pg_stmt *st = p->ahead;

	if (!st)
		return;
	if (st->kept) {
		PQclear(st->res);
		st->res = NULL;
		st->kept = false;
	}
	p->ahead = NULL;
}

/* Another statement runs: a kept answer is not used after it. One still to come is left to
 * the settle that the running statement makes. */
static void ahead_forget(struct pg_store *p)
{
	if (p->ahead && p->ahead->kept)
		ahead_drop(p);
}

/* The read sent ahead is stepped: its answer, read now if it has not come yet, is its. */
static int ahead_take(struct pg_store *p)
{
	struct pg_stmt *st = p->ahead;
	int rc = st->kept ? KFQ_OK : idle(p);

	if (st->kept) {
		st->kept = false;
		p->ahead = NULL;
	}
	return rc;
}

/* The head's row as pg_begin's lock read it, held for the appends (store_head_hold's rules: a
 * missing row is not held); not once the transaction has ended (store_commit and
 * store_rollback clear head_pending before their statement goes). */
static void head_take(struct store *s, const PGresult *r)
{
	if (s->head_pending && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		s->head_seq = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		snprintf(s->head_hash, sizeof(s->head_hash), "%s", PQgetvalue(r, 0, 1));
		s->head_held = true;
	}
	s->head_pending = false;
}

/* Sends with (a bound statement) or text (one statement), when given, after the writes sent
 * ahead and reads every result in order, ending the pipeline: one round trip. The outcome is
 * the first error of those writes, else KFQ_OK; *res gets with's or text's own result, NULL
 * when an earlier error had it skipped (the server skips the rest of a pipeline after one). */
static int settle(struct pg_store *p, struct pg_stmt *with, const char *text, PGresult **res)
{
	struct store *s = &p->base;
	int rc = KFQ_OK, n = p->queued;
	PGresult *r, *sync;
	bool ended;

	p->queued = 0;
	if (res)
		*res = NULL;
	if ((with && !send_prepared(p, with, 0)) ||
	    (text && !PQsendQueryParams(p->conn, text, 0, NULL, NULL, NULL, NULL, 0)) ||
	    !PQpipelineSync(p->conn)) {
		store_set_err(s, "pg: cannot send a pipeline: %s", PQerrorMessage(p->conn));
		log_error("%s", s->err);
		s->lost = true;
		return KFQ_EUNAVAIL;
	}
	for (int i = 0; i < n; i++) {
		r = pipe_result(p->conn);
		ExecStatusType t = PQresultStatus(r);
		if (rc == KFQ_OK && t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK &&
		    t != PGRES_PIPELINE_ABORTED)
			rc = map_res(s, r);
		else if (i + 1 == p->head_at)
			head_take(s, r);
		else if (i + 1 == p->ahead_at && p->ahead && t == PGRES_TUPLES_OK)
			r = ahead_keep(p->ahead, r);
		PQclear(r);
	}
	p->head_at = 0;
	ahead_settled(p);
	if (with || text) {
		r = pipe_result(p->conn);
		if (PQresultStatus(r) == PGRES_PIPELINE_ABORTED) {
			PQclear(r);
			r = NULL;
		}
		*res = r;
	}
	sync = PQgetResult(p->conn);
	ended = PQresultStatus(sync) == PGRES_PIPELINE_SYNC && PQexitPipelineMode(p->conn);
	PQclear(sync);
	if (!ended) {
		store_set_err(s, "pg: a pipeline did not end: %s", PQerrorMessage(p->conn));
		log_error("%s", s->err);
		s->lost = true;
		if (res) {
			PQclear(*res);
			*res = NULL;
		}
		return KFQ_EUNAVAIL;
	}
	return rc;
}

/* Before a call that libpq makes outside pipeline mode: the writes sent ahead, read. */
static int idle(struct pg_store *p)
{
	return p->queued ? settle(p, NULL, NULL, NULL) : KFQ_OK;
}

/* st's first step, sent with the writes sent ahead: its result in hand for its steps. */
static int settle_step(struct pg_store *p, struct pg_stmt *st)
{
	PGresult *r;
	int rc = settle(p, st, NULL, &r);

	if (rc != KFQ_OK) {
		PQclear(r);
		return rc;
	}
	return pipe_take(st, r);
}

/* COMMIT (or any one statement of text) with the writes sent ahead. Skipped after an error of
 * theirs, it runs alone: a ROLLBACK must, and a COMMIT then only ends the failed transaction
 * (the outcome is the write's error either way). */
static int exec_queued(struct pg_store *p, const char *sql)
{
	PGresult *r;
	int rc = settle(p, NULL, sql, &r);

	if (!r && !p->base.lost)
		r = PQexec(p->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	if (rc == KFQ_OK && t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		rc = map_res(&p->base, r);
	PQclear(r);
	return rc;
}

static void pg_stream(struct store_stmt *p)
{
	((struct pg_stmt *)p)->stream = true;
}

static void pg_binary(struct store_stmt *p)
{
	((struct pg_stmt *)p)->binary = true;
}

static int pg_exec(struct store *s, const char *sql)
{
	struct pg_store *p = (struct pg_store *)s;
	PGresult *res;
	int rc = KFQ_OK;

	if (s->lost)
		return unavailable(s);
	store_statement_ran(s);
	if (p->queued) {
		rc = exec_queued(p, sql);
	} else {
		res = PQexec(p->conn, sql);
		ExecStatusType t = PQresultStatus(res);
		if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
			rc = map_res(s, res);
		PQclear(res);
	}
	ahead_forget(p);
	return rc;
}

static void pg_finalize(struct store *s, void *stmt, bool evict)
{
	struct pg_store *p = (struct pg_store *)s;
	struct pg_stmt *st = stmt;

	if (st == p->ahead) {
		(void)idle(p); /* its answer must not come into freed memory */
		ahead_drop(p);
	}
	pg_reset((struct store_stmt *)st);
	/* the session keeps what it prepared until told otherwise (or until it ends) */
	if (evict && st->gen == p->gen && !s->lost && idle(p) == KFQ_OK) {
		char sql[32];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PGresult *res = PQexec(p->conn, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			log_error("pg: %s: %s", sql, PQresultErrorMessage(res));
		PQclear(res);
	}
	free(st->sql);
	free(st);
}

static void pg_close(struct store *s)
{
	struct pg_store *p = (struct pg_store *)s;

	PQfinish(p->conn);
	free(p);
}

/* What every session needs, at connection and again after a reconnection. */
static int session_init(struct pg_store *p)
{
	/* each statement is planned once, at its first execution: its text holds only the
	 * predicates its request uses (store_sql), so one plan serves every value; a lock waited
	 * for past lock_timeout is KFQ_EBUSY, as SQLite's busy timeout (store_lock_timeout) */
	char sql[160];
	PGresult *res;
	int rc;

	snprintf(sql, sizeof(sql),
	         "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'; "
	         "SET plan_cache_mode = force_generic_plan; SET lock_timeout = '%ds'",
	         store_lock_timeout());
	res = PQexec(p->conn, sql);
	rc = PQresultStatus(res) == PGRES_COMMAND_OK ? KFQ_OK : KFQ_EIO;

	PQclear(res);
	return rc;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int pg_reconnect(struct store *s)
{
	struct pg_store *p = (struct pg_store *)s;
	uint64_t now = now_ms();

	if (p->failed_ms && now - p->failed_ms < RECONNECT_INTERVAL_MS) {
		store_set_err(s, "PostgreSQL is unreachable (next attempt within a second)");
		return KFQ_EUNAVAIL;
	}
	PQreset(p->conn);
	if (PQstatus(p->conn) != CONNECTION_OK || session_init(p) != KFQ_OK) {
		store_set_err(s, "cannot reconnect to PostgreSQL: %s", PQerrorMessage(p->conn));
		p->failed_ms = now;
		return KFQ_EUNAVAIL;
	}
	p->failed_ms = 0;
	p->queued = 0; /* what was sent ahead went with the old session's transaction */
	p->head_at = 0;
	ahead_drop(p);
	p->ahead_at = 0;
	p->gen++;
	s->lost = false;
	log_error("PostgreSQL connection restored");
	return KFQ_OK;
}

/* The lock on the head, prepared once per connection: planned once, not at every BEGIN. */
#define HEAD_LOCK "head_lock"
static int prepare_lock(struct pg_store *p)
{
	PGresult *res;
	int rc = KFQ_OK;

	if (p->lock_gen == p->gen)
		return KFQ_OK;
	res = PQprepare(p->conn, HEAD_LOCK,
	                "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", 0, NULL);
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		p->lock_gen = p->gen;
	else
		rc = map_res(&p->base, res);
	PQclear(res);
	return rc;
}

/* Writers queue on the audit head's row, as SQLite's BEGIN IMMEDIATE queues them: a
 * check-then-write (a name not yet taken, the next notice number) holds on both. The lock's
 * row is the head the appends extend. BEGIN and the lock are sent ahead (DECISIONS 189): they
 * go with the transaction's first statement that needs an answer, which reads the head too,
 * so that a write transaction's start costs no round trip of its own. A failure of either (a
 * lock waited for past lock_timeout: KFQ_EBUSY) is that statement's outcome, as an error of a
 * write sent ahead is, and the caller's rollback ends the transaction. */
static int pg_begin(struct store *s)
{
	struct pg_store *p = (struct pg_store *)s;
	int rc;

	if (s->lost)
		return unavailable(s);
	/* writes sent ahead outside a transaction end their own first; a read's answer is not
	 * used inside it */
	rc = idle(p);
	ahead_drop(p);
	if (rc != KFQ_OK || (rc = prepare_lock(p)) != KFQ_OK)
		return rc;
	if (!PQenterPipelineMode(p->conn) ||
	    !PQsendQueryParams(p->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) ||
	    !PQsendQueryPrepared(p->conn, HEAD_LOCK, 0, NULL, NULL, NULL, 0)) {
		store_set_err(s, "pg: cannot send BEGIN: %s", PQerrorMessage(p->conn));
		log_error("%s", s->err);
		s->lost = true; /* what was sent of it is unknown: start afresh */
		return KFQ_EUNAVAIL;
	}
	store_statement_ran(s); /* the BEGIN */
	store_statement_ran(s); /* the head's lock */
	p->queued = 2;
	p->head_at = 2;
	s->head_pending = true;
	return KFQ_OK;
}

const struct store_ops store_pg_ops = {
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .reset = pg_reset,
    .exec = pg_exec,
    .close = pg_close,
    .reconnect = pg_reconnect,
    .stream = pg_stream,
    .binary = pg_binary,
    .begin = pg_begin,
    .begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .pair = pg_pair,
    .send = pg_send,
    .ahead = pg_ahead,
};

static void quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

int store_pg_open(const char *url, struct store **out, char *errbuf, size_t errlen)
{
	struct pg_store *p = xcalloc(1, sizeof(*p));
	/* defaults first: the URL's own parameters, expanded from dbname, override them */
	const char *const keys[] = {"connect_timeout", "dbname", NULL};
	const char *const vals[] = {CONNECT_TIMEOUT, url, NULL};

	p->base.ops = &store_pg_ops;
	p->base.kind = STORE_PG;
	p->gen = 1;
	p->conn = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(p->conn) != CONNECTION_OK || session_init(p) != KFQ_OK) {
		if (errbuf)
			snprintf(errbuf, errlen, "cannot connect to PostgreSQL: %s",
			         PQerrorMessage(p->conn));
		PQfinish(p->conn);
		free(p);
		return KFQ_EIO;
	}
	/* NOTICEs (e.g. "relation already exists, skipping") are not errors */
	PQsetNoticeReceiver(p->conn, quiet, NULL);
	*out = &p->base;
	return KFQ_OK;
}

int store_snapshot_export(struct store *s, char *id, size_t len)
{
	struct pg_store *p = (struct pg_store *)s;
	PGresult *res;
	int rc = KFQ_OK;

	if (s->kind != STORE_PG) {
		store_set_err(s, "snapshot export: SQLite is copied by store_backup");
		return KFQ_EINVAL;
	}
	if (s->lost)
		return unavailable(s);
	if ((rc = idle(p)) != KFQ_OK)
		return rc;
	res = PQexec(p->conn, "SELECT pg_export_snapshot()");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		snprintf(id, len, "%s", PQgetvalue(res, 0, 0));
	else
		rc = map_res(s, res);
	PQclear(res);
	return rc;
}

/* ---- COPY FROM STDIN, for store_bulk.c ---- */

int store_pg_copy_begin(struct store *s, const char *sql)
{
	struct pg_store *p = (struct pg_store *)s;
	PGresult *res;
	int rc;

	if (s->lost)
		return unavailable(s);
	if ((rc = idle(p)) != KFQ_OK)
		return rc;
	res = PQexec(p->conn, sql);
	rc = PQresultStatus(res) == PGRES_COPY_IN ? KFQ_OK : map_res(s, res);
	PQclear(res);
	return rc;
}

int store_pg_copy_put(struct store *s, const char *buf, size_t n)
{
	struct pg_store *p = (struct pg_store *)s;

	if (n > INT32_MAX || PQputCopyData(p->conn, buf, (int)n) != 1) {
		store_set_err(s, "COPY: %s", PQerrorMessage(p->conn));
		return broke(s, NULL) ? KFQ_EUNAVAIL : KFQ_EIO;
	}
	return KFQ_OK;
}

int store_pg_copy_end(struct store *s, const char *errmsg, int64_t *rows)
{
	struct pg_store *p = (struct pg_store *)s;
	PGresult *res;
	int rc = KFQ_OK;

	if (PQputCopyEnd(p->conn, errmsg) != 1) {
		store_set_err(s, "COPY: %s", PQerrorMessage(p->conn));
		rc = broke(s, NULL) ? KFQ_EUNAVAIL : KFQ_EIO;
	}
	/* the command's own result, then NULL */
	while ((res = PQgetResult(p->conn)) != NULL) {
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			if (rows)
				*rows = strtoll(PQcmdTuples(res), NULL, 10);
		} else if (rc == KFQ_OK) {
			rc = errmsg ? KFQ_ERR : map_res(s, res);
		}
		PQclear(res);
	}
	return rc;
}
