/* store.h - the storage interface: one connection to SQLite or PostgreSQL behind a small
 * vtable (lwan's database.h), and the primitives the store modules (store_*.c) build their
 * queries on. Only store/ calls the primitives; app/, api/ and cmd/ call the domain functions
 * declared in the store_*.h headers. A connection belongs to one thread at a time.
 *
 * SQL is written once, with ?1 ?2 placeholders, and rewritten to $1 $2 for libpq. Every SQL
 * text passed to store_prepare must be a string with static storage: statements are cached
 * per connection by the text's address. Never build SQL from user text. */
#ifndef KFQ_STORE_STORE_H
#define KFQ_STORE_STORE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

struct store;
struct store_stmt;

enum store_kind { STORE_SQLITE, STORE_PG };

/* Opens a connection: `url` is a file path (SQLite) or a postgresql:// URL. On failure returns
 * an error code and, when errbuf is given, a message. The caller owns *out: store_close() it. */
int store_open(const char *url, struct store **out, char *errbuf, size_t errlen);
void store_close(struct store *s);
enum store_kind store_kind(const struct store *s);
/* The last error's message (English, for logs); valid until the next call on s. */
const char *store_errmsg(const struct store *s);
bool store_is_pg_url(const char *url);
/* Connections open in this process (a gauge for /metrics). */
int store_open_count(void);
/* Statements the connections of kind executed in this process (a counter for /metrics): one
 * per execution, however many rows it returns and whether or not it shares a round trip with
 * others, a BEGIN, COMMIT or ROLLBACK included; a test reads it to see that a list reads a page
 * in a fixed number of statements, not one more per row. */
uint64_t store_statement_count(enum store_kind kind);
/* A second connection to s's database, for a read that one thread does beside s's (store/
 * only, DECISIONS 231): at most STORE_BESIDE_MAX of them are open in the process at once,
 * beyond the workers' one each, so that the database's connections stay counted. KFQ_EBUSY
 * when that many are open, else store_open's outcome (message in errbuf). The caller owns *out:
 * store_close() it, which gives its place back. */
#define STORE_BESIDE_MAX 1
int store_open_beside(const struct store *s, struct store **out, char *errbuf, size_t errlen);
/* store_open_beside's connections given and not closed, one still opening included (a test
 * waits on it for a read that has come that far). */
int store_beside_count(void);

/* How long a statement waits for a lock another connection holds before it fails with
 * KFQ_EBUSY (SQLite's busy timeout, PostgreSQL's lock_timeout), for the connections opened
 * after the call in this process: STORE_LOCK_TIMEOUT_DEFAULT seconds unless set. kfq serve sets
 * it once, before its workers open their connections. */
#define STORE_LOCK_TIMEOUT_DEFAULT 10
void store_set_lock_timeout(int seconds);
int store_lock_timeout(void);

/* On SQLite, starts the thread that checkpoints the WAL of url's database for the connections
 * opened after it in this process, so that no request's commit runs a checkpoint (sqlite_wal.c,
 * DECISIONS 258); nothing on PostgreSQL. kfq serve calls it once, before its workers open their
 * connections, and store_wal_stop after they closed them. On failure a message in errbuf. */
int store_wal_start(const char *url, char *errbuf, size_t errlen);
void store_wal_stop(void);
/* Checkpoints run so far by the checkpointer and by commits (past the WAL's bound, or while no
 * checkpointer runs for a connection that had one), for /metrics. */
void store_wal_counts(unsigned *runs, unsigned *commits);

/* Whether the connection to the database server was lost (PostgreSQL restarted, a network
 * failure). Every call on it then fails with KFQ_EUNAVAIL, without touching the network, until
 * store_reconnect succeeds. Never true for SQLite. */
bool store_lost(const struct store *s);
/* Connects again if the connection was lost, at most once a second per connection (a server
 * that is down costs one attempt a second, not one per request); statements are prepared again
 * on their next use. KFQ_OK when the connection is usable, else KFQ_EUNAVAIL. Only between
 * transactions: what an interrupted transaction did is gone with the old connection. */
int store_reconnect(struct store *s);
/* COMMITs sent on this connection so far. Work that found the connection lost may be repeated
 * on a new one only if no COMMIT was sent since it began: then nothing of it was committed. */
uint64_t store_commits(const struct store *s);

/* Statements. The statement is owned by the connection; after use call store_reset. */
int store_prepare(struct store *s, const char *sql, struct store_stmt **out);
void store_bind_int(struct store_stmt *st, int i, int64_t v);
void store_bind_text(struct store_stmt *st, int i, const char *v); /* NULL binds NULL */
void store_bind_null(struct store_stmt *st, int i);
/* Binds an optional reference: the id, or NULL when it is 0. */
void store_bind_id(struct store_stmt *st, int i, int64_t id);
/* Binds a LIMIT: limit <= 0 means no limit (-1 on SQLite, NULL on PostgreSQL). */
void store_bind_limit(struct store_stmt *st, int i, int64_t limit);
/* KFQ_ROW, KFQ_DONE, or a negative code (KFQ_ECONFLICT for unique violations, ...). */
int store_step(struct store_stmt *st);
int64_t store_col_int(struct store_stmt *st, int i);
/* Valid until the next step or reset; NULL for SQL NULL. Copy with store_col_dup. */
const char *store_col_text(struct store_stmt *st, int i);
char *store_col_dup(struct store_stmt *st, int i, struct arena *a);
bool store_col_null(struct store_stmt *st, int i);
void store_reset(struct store_stmt *st);
/* Runs a bound statement that returns no row (INSERT, UPDATE, DELETE) and resets it: KFQ_OK
 * when it is done, else the step's error (KFQ_ERR for a row). */
int store_run(struct store_stmt *st);
/* store_run for a write of a write transaction whose outcome matters only as the
 * transaction's: PostgreSQL sends it and reads its result with the next statement that needs
 * an answer (or the COMMIT), in the same round trip, and an error of it is then that
 * statement's outcome (the transaction is lost either way); SQLite runs it now. Rows it
 * returns are not read. Nothing that
 * tells the caller something (a conflict it answers, rows changed) may go this way. */
int store_send(struct store_stmt *st);
/* For a read whose answer will be wanted after the next statement's: PostgreSQL sends st
 * (bound) now, with the next statement that needs an answer, in its round trip (DECISIONS 194);
 * st's next step with the same values bound then reads the answer kept, without a round trip
 * of its own. The answer is dropped unused when any other statement runs first (beyond the
 * steps of the one that carried it), a transaction begins or ends, or other values are bound,
 * and st then runs at its step as usual. SQLite, which has no round trips, leaves st bound.
 * The caller prepares, binds and steps st again as if this call had not been made. */
void store_ahead(struct store_stmt *st);
/* Runs a bound statement that returns at most one row, its first column an id (… RETURNING id),
 * and resets it: KFQ_OK with *id (id may be NULL), KFQ_ENOTFOUND without a row, else the
 * error. */
int store_run_id(struct store_stmt *st, int64_t *id);
/* Runs sql with ?1 = id, a query of what forbids a step (a row that uses the entity): KFQ_ESTATE
 * when it returns a row, KFQ_OK when none, else the error. */
int store_refuse_if(struct store *s, const char *sql, int64_t id);
/* SQLite only: runs a bound INSERT of one row, written without RETURNING, into a table whose id
 * is its rowid, and resets it: KFQ_OK with the new row's id in *id, else the step's error.
 * SQLite builds a table of its own for a RETURNING's rows at each run, then reads them back
 * (DECISIONS 234); PostgreSQL needs the RETURNING id of store_run_id. */
int store_run_rowid(struct store_stmt *st, int64_t *id);
/* Fetch this statement's rows one at a time (PostgreSQL's single-row mode) instead of holding
 * the whole result in memory: for reads of a whole table. Until the statement is reset no
 * other statement may run on the connection. Call between store_prepare and the first step. */
void store_stream(struct store_stmt *st);
/* Have this statement's columns sent in PostgreSQL's binary form (resultFormat 1): integers as
 * eight, four or two bytes instead of digits written by the server and parsed here, for reads
 * of millions of integers (DECISIONS 187). Only for statements whose columns are all integers
 * (store_col_int) or text; SQLite hands its values over as they are. Call between
 * store_prepare and the first step; store_reset ends it. */
void store_binary(struct store_stmt *st);
/* A text that begins "COPY " is PostgreSQL's `COPY (SELECT …) TO STDOUT (FORMAT binary)`, with
 * no parameters (COPY takes none: what varies reaches it through settings set by a statement
 * before it, DECISIONS 196): it is run as it is and read a row a step, as any statement is,
 * from the stream the server writes while kfq reads, without a result of every row held in
 * memory. Its columns are integers (int8, int4, int2: a COPY names no types, so an integer
 * read of a column of another width stops kfq) or text. For reads of millions of rows; such a
 * text is for PostgreSQL only. */

/* Runs SQL text without parameters (several statements allowed): migrations, PRAGMAs. */
int store_exec(struct store *s, const char *sql);

/* The outcome of the check queued by store_session_confirm, which runs with the next statement
 * (in its round trip on PostgreSQL): if no statement ran since, the check runs now, alone.
 * KFQ_OK, KFQ_ESTALE (what was expected has changed: nothing after the check ran), or the
 * store's error. The same outcome again until the next check is queued. */
int store_guard_end(struct store *s);

/* Write transactions: BEGIN IMMEDIATE on SQLite; on PostgreSQL BEGIN and the audit head's row
 * lock, so that writers are serialized on both (every write appends to the audit log anyway).
 * Needs the schema: migrations open theirs with store_exec. */
int store_begin(struct store *s);
/* SQLite: begins now the write transaction of the caller's next store_begin, so that the
 * reads before it (a handler's checks) are made in it: one lock for the request, not one per
 * read (issue 8). That store_begin takes it as begun, and store_end ends it; store_ahead_drop
 * rolls back one no store_begin took (a check refused the request). PostgreSQL: nothing (its
 * reads are no locks). A store_begin_read meanwhile reads in it, and its rollback ends it. */
int store_begin_ahead(struct store *s);
void store_ahead_drop(struct store *s);
/* A read-only transaction that sees one snapshot throughout; end it with store_rollback. */
int store_begin_read(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* Ends a write transaction: commits when rc is KFQ_OK, else (or when the commit fails) rolls
 * back. Returns KFQ_OK or a negative code (KFQ_ERR for anything else). */
int store_end(struct store *s, int rc);

/* Online, consistent copy of a SQLite database to `path` (SQLite's backup API), made from the
 * snapshot of the caller's read transaction when one is open (store_begin_read), so that
 * what the caller reads there and the copy agree. Writers are not blocked (WAL).
 * KFQ_EINVAL on PostgreSQL, whose own pg_dump does this (store_snapshot_export). */
int store_backup(struct store *s, const char *path);
/* PostgreSQL: exports the snapshot of the caller's read transaction (pg_export_snapshot) into
 * id, for `pg_dump --snapshot=id`, which then dumps exactly what the caller reads; valid while
 * the transaction is open. KFQ_EINVAL on SQLite. */
int store_snapshot_export(struct store *s, char *id, size_t len);

/* A LIKE pattern matching q literally anywhere ("%q%" with % _ and \ escaped), for use with
 * `LIKE ?N ESCAPE '\'`; NULL when q is NULL or empty. Arena memory. */
const char *store_like_contains(struct arena *a, const char *q);

/* Whose data a list shows: a caller's data scope (core/account.h), which the lists of large
 * tables apply in SQL (store_sql_scope in store_impl.h). kind NULL or "all" = everything; "org"
 * and "self" = org_id; "org_and_below" = org_id and every organization below it; "custom" =
 * the organizations user_id's custom scope lists. */
struct store_scope {
	const char *kind;
	int64_t org_id;
	int64_t user_id;
};

/* The version of the data this connection's caller reads from now on: a text that changes
 * with every change of the data the lists read, in any process (the audit head's hash, as the
 * session read it: api/api.c sets it for a request and NULL after). A list's total counted at
 * a version is used again at the same version, outside write transactions; NULL: always
 * count. version is borrowed until the next call, and read where it is at each lookup, never
 * copied: a recalled session's head is a guess that its confirmation, run with the first
 * statement (the page's, before any total is looked up), rewrites in place (DECISIONS 253). */
void store_set_version(struct store *s, const char *version);

/* Whether the scope is everything (no kind, or "all"). */
bool store_scope_everything(const struct store_scope *scope);
/* The organization ids in scope, ascending (arena); *ids NULL for everything. */
int store_scope_orgs(struct store *s, struct arena *a, const struct store_scope *scope,
                     int64_t **ids, int *n);

/* Reads the current row into element (a struct of the module's, strings copied to a). */
typedef void (*store_reader)(struct store_stmt *st, struct arena *a, void *element);

/* A store_reader of column 0 into an int64_t (ids, counts). */
void store_read_int(struct store_stmt *st, struct arena *a, void *element);

/* Steps a bound statement once, reads its row with read and resets it: KFQ_OK, KFQ_ENOTFOUND
 * without a row, or the error. For "one row by id". */
int store_row(struct store_stmt *st, struct arena *a, store_reader read, void *element);

/* Runs sql with ?1 = id and reads every row with read into an arena array of elem_size-byte
 * elements: *out (NULL when none) and *n. For a row's child lists (aliases, scope, evidence). */
int store_collect(struct store *s, struct arena *a, const char *sql, int64_t id, size_t elem_size,
                  store_reader read, void **out, int *n);

/* The children of a list's page read in one statement, not one a row: the page's ids bound as
 * one value (store_ids_text) that the statement's condition names as COL STORE_IDS_IN(?N), one
 * text a kind of store (a JSON array on SQLite, an array literal on PostgreSQL), whatever the
 * number of ids. The text is the arena's. */
#define STORE_IDS_IN_SQLITE(P) " IN (SELECT value FROM json_each(" P "))"
#define STORE_IDS_IN_PG(P)     " = ANY(CAST(" P " AS bigint[]))"
const char *store_ids_text(const struct store *s, struct arena *a, const int64_t *ids, int n);

/* One page of a filtered list, in one of two forms.
 * Static texts: a count query and a list query that share their filter parameters, which
 * bind() binds into each from arg; the list ends in LIMIT ?N OFFSET ?N+1 (N = limit_param; 0
 * when it has no LIMIT and returns every row).
 * Assembled per request (filter set): count_sql and list_sql are heads ("SELECT COUNT(*) FROM
 * …", "SELECT … FROM …") that filter() completes with the predicates the request uses
 * (struct store_sql in store_impl.h: one statement per combination of filters, planned once),
 * after head() declared the list head's own parameters (?1 ?2 …); order ends the list.
 * Either way the total is counted only when the page does not tell it (a page shorter than the
 * limit ends the selection), and, for an assembled list, only when it can have changed since
 * it was counted at this version (store_set_version). */
struct store_sql;
struct store_list {
	const char *count_sql; /* SELECT COUNT(*) …; NULL when the total is not wanted */
	const char *list_sql;
	int limit_param;
	int64_t offset, limit;                                /* limit 0 = all */
	void (*bind)(struct store_stmt *st, const void *arg); /* NULL: no filter */
	const void *arg;
	store_reader read; /* one row of list_sql into an elem_size-byte element */
	size_t elem_size;
	void (*filter)(struct store_sql *q, const void *arg); /* assembled: the predicates */
	void (*head)(struct store_sql *q, const void *arg); /* assembled: NULL, or list_sql's ?N */
	const char *order;                                  /* assembled: " ORDER BY …" */
	const char *tail; /* assembled: NULL, or text after LIMIT (closing a paging subquery) */
	/* count_sql counts list_sql's rows before LIMIT (the same FROM and filter): on PostgreSQL
	 * a total not kept comes with the page, as COUNT(*) OVER () in its statement */
	bool count_in_page;
};

/* Runs l: *total (0 without count_sql) and the page's rows, an arena array *out (NULL when
 * none) of *n elements. */
int store_list_page(struct store *s, struct arena *a, const struct store_list *l, void **out,
                    int *n, int64_t *total);

/* Called with each row of store_list_each, read into an element of the list's elem_size whose
 * strings last until fn returns. Returns 0 to go on, or a code (negative) that stops the list
 * and is returned. */
typedef int (*store_each_fn)(void *ctx, const void *element);
/* Every row of l (offset, limit and count ignored), one at a time, for an export that may be a
 * city's years of records: read in one read transaction (one snapshot, however long fn takes),
 * fetched a row at a time (PostgreSQL's single-row mode) and handed to fn, so that memory stays
 * that of one row. fn must not use the store. KFQ_OK, the store's error, or fn's code. */
int store_list_each(struct store *s, const struct store_list *l, store_each_fn fn, void *ctx);

/* Convenience: prepare, bind nothing, step once, read column 0 as an integer. */
int store_query_int(struct store *s, const char *sql, int64_t *out);
/* Convenience: prepare sql, bind ?1 = id and run it (an UPDATE or DELETE by one id). */
int store_exec_id(struct store *s, const char *sql, int64_t id);

#endif
