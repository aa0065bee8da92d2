/* sqlite.c - the SQLite backend: WAL (its frames written by kfq's VFS, sqlite_vfs.c; in kfq
 * serve checkpointed by a thread of its own, sqlite_wal.c), foreign keys, busy timeout,
 * synchronous=FULL, an 8 MiB page cache, statements prepared once per connection. One
 * connection per thread (SQLITE_OPEN_NOMUTEX). Must not hold domain SQL: that lives in the
 * store_*.c modules. */
#include "store/sqlite_vfs.h"
#include "store/sqlite_wal.h"
#include "store/store_impl.h"

#include "util/log.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sq_stmt {
	struct store *s; /* must be first: see store.c */
	sqlite3_stmt *stmt;
};

struct sq_store {
	struct store base;
	sqlite3 *db;
};

static int map_err(struct store *s, sqlite3 *db, int rc)
{
	store_set_err(s, "%s", sqlite3_errmsg(db));
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return KFQ_EBUSY;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return KFQ_ECONFLICT;
		return KFQ_ECONSTRAINT;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		return KFQ_EIO;
	default:
		return KFQ_ERR;
	}
}

static int sq_prepare(struct store *s, const char *sql, void **slot, struct store_stmt **out)
{
	struct sq_store *q = (struct sq_store *)s;
	struct sq_stmt *st = *slot;

	if (!st) {
		sqlite3_stmt *stmt;
		int rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
		if (rc != SQLITE_OK)
			return map_err(s, q->db, rc);
		st = xcalloc(1, sizeof(*st));
		st->s = s;
		st->stmt = stmt;
		*slot = st;
	}
	*out = (struct store_stmt *)st;
	return KFQ_OK;
}

static void sq_bind_int(struct store_stmt *p, int i, int64_t v)
{
	struct sq_stmt *st = (struct sq_stmt *)p;

	if (sqlite3_bind_int64(st->stmt, i, v) != SQLITE_OK)
		fatal("sqlite: bind %d: %s", i, sqlite3_errmsg(sqlite3_db_handle(st->stmt)));
}

static void sq_bind_text(struct store_stmt *p, int i, const char *v)
{
	struct sq_stmt *st = (struct sq_stmt *)p;
	int rc = v ? sqlite3_bind_text(st->stmt, i, v, -1, SQLITE_TRANSIENT)
	           : sqlite3_bind_null(st->stmt, i);

	if (rc != SQLITE_OK)
		fatal("sqlite: bind %d: %s", i, sqlite3_errmsg(sqlite3_db_handle(st->stmt)));
}

static int sq_step(struct store_stmt *p)
{
	struct sq_stmt *st = (struct sq_stmt *)p;
	int rc;

	/* not yet stepped since its reset (or run to its end): this step executes it */
	if (!sqlite3_stmt_busy(st->stmt))
		store_statement_ran(st->s);
	rc = sqlite3_step(st->stmt);

	if (rc == SQLITE_ROW)
		return KFQ_ROW;
	if (rc == SQLITE_DONE)
		return KFQ_DONE;
	return map_err(st->s, sqlite3_db_handle(st->stmt),
	               sqlite3_extended_errcode(sqlite3_db_handle(st->stmt)));
}

static int64_t sq_col_int(struct store_stmt *p, int i)
{
	return sqlite3_column_int64(((struct sq_stmt *)p)->stmt, i);
}

static const char *sq_col_text(struct store_stmt *p, int i)
{
	return (const char *)sqlite3_column_text(((struct sq_stmt *)p)->stmt, i);
}

static bool sq_col_null(struct store_stmt *p, int i)
{
	return sqlite3_column_type(((struct sq_stmt *)p)->stmt, i) == SQLITE_NULL;
}

static void sq_reset(struct store_stmt *p)
{
	struct sq_stmt *st = (struct sq_stmt *)p;

	/* the step's error was already reported; reset only repeats it */
	(void)sqlite3_reset(st->stmt);
	(void)sqlite3_clear_bindings(st->stmt);
}

static int sq_exec(struct store *s, const char *sql)
{
	struct sq_store *q = (struct sq_store *)s;
	int rc;

	store_statement_ran(s);
	rc = sqlite3_exec(q->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? KFQ_OK : map_err(s, q->db, sqlite3_extended_errcode(q->db));
}

static void sq_finalize(struct store *s, void *stmt, bool evict)
{
	struct sq_stmt *st = stmt;

	(void)s;
	(void)evict;
	sqlite3_finalize(st->stmt);
	free(st);
}

static void sq_close(struct store *s)
{
	struct sq_store *q = (struct sq_store *)s;

	if (sqlite3_close(q->db) != SQLITE_OK)
		log_error("sqlite: close: %s", sqlite3_errmsg(q->db));
	free(q);
}

/* BEGIN IMMEDIATE holds the write lock: the head read next is the one the appends extend. The
 * BEGIN is stepped as it is, not by store_step: a check still queued (store_guard: a session
 * confirmed, when store_begin_ahead begins) runs with the head's read, in the transaction,
 * rather than in a read transaction of its own before it (store_begin runs it before). */
static int sq_begin(struct store *s)
{
	static const char sql_begin[] = "BEGIN IMMEDIATE";
	static const char sql_head[] = "SELECT seq, hash FROM audit_head WHERE id = 1";
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_begin, &st)) != KFQ_OK)
		return rc;
	rc = sq_step(st);
	sq_reset(st);
	if (rc != KFQ_DONE)
		return rc < 0 ? rc : KFQ_ERR;
	if ((rc = store_prepare(s, sql_head, &st)) == KFQ_OK)
		rc = store_head_hold(s, st);
	if (rc != KFQ_OK)
		store_rollback(s);
	return rc;
}

/* COMMIT prepared once, as BEGIN IMMEDIATE is (sqlite3_exec parsed it at each commit) */
static int sq_commit(struct store *s)
{
	static const char sql_commit[] = "COMMIT";
	struct store_stmt *st;
	int rc = store_prepare(s, sql_commit, &st);

	return rc == KFQ_OK ? store_run(st) : rc;
}

static int64_t sq_last_rowid(struct store *s)
{
	return sqlite3_last_insert_rowid(((struct sq_store *)s)->db);
}

const struct store_ops store_sqlite_ops = {
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_null = sq_col_null,
    .reset = sq_reset,
    .exec = sq_exec,
    .close = sq_close,
    .begin = sq_begin,
    .begin_read_sql = "BEGIN",
    .last_rowid = sq_last_rowid,
    .commit = sq_commit,
};

/* Before SQLite's first use in the process: no memory statistics. SQLite counts every
 * allocation and free of every connection under one global mutex when it keeps them (the
 * default): about 220 lock and unlock pairs for a 督办单's create; kfq reads none of them
 * (DECISIONS 261). */
static void sq_setup(void)
{
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
		fatal("SQLite was set up before kfq's store");
}

int store_sqlite_open(const char *path, struct store **out, char *errbuf, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sq_store *q = xcalloc(1, sizeof(*q));
	int rc;

	pthread_once(&once, sq_setup);
	q->base.ops = &store_sqlite_ops;
	q->base.kind = STORE_SQLITE;
	/* kfq's VFS writes a commit's WAL frames as one write before its sync (DECISIONS 229):
	 * it relies on the synchronous=FULL set below */
	rc = sqlite3_open_v2(path, &q->db,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                     store_sqlite_vfs());
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, store_lock_timeout() * 1000);
	/* a page cache of 8 MiB (SQLite's default is 2 MiB): a zone's evaluation at a province's
	 * scale reads 3–4 MiB of pages (its delegations, powers and running sums), and a smaller
	 * cache read them from the file again on every request, a third of its CPU time
	 * (DECISIONS 151) */
	rc = sqlite3_exec(
	    q->db,
	    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
	    "PRAGMA cache_size=-8192;",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite_wal_attach(q->db, path);
	*out = &q->base;
	return KFQ_OK;
fail:
	if (errbuf)
		snprintf(errbuf, errlen, "cannot open SQLite database '%s': %s", path,
		         q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
	sqlite3_close(q->db);
	free(q);
	return KFQ_EIO;
}

int store_backup(struct store *s, const char *path)
{
	struct sq_store *q = (struct sq_store *)s;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	if (s->kind != STORE_SQLITE) {
		store_set_err(s, "backup: PostgreSQL is copied by pg_dump");
		return KFQ_EINVAL;
	}
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	/* the copy holds password hashes and sessions: owner only */
	if (chmod(path, 0600) != 0) {
		rc = SQLITE_CANTOPEN;
		goto fail;
	}
	b = sqlite3_backup_init(dst, "main", q->db, "main");
	if (!b)
		goto fail;
	/* in one step, from one snapshot (the caller's read transaction when it has one): in WAL
	 * mode a reader does not block writers, and a copy in several steps would start again
	 * whenever another connection writes */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	rc = sqlite3_backup_finish(b);
	if (rc != SQLITE_OK)
		goto fail;
	/* a backup is a single file: no -wal beside it */
	rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_close(dst);
	return KFQ_OK;
fail:
	store_set_err(s, "backup to %s: %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(dst);
	return KFQ_EIO;
}
