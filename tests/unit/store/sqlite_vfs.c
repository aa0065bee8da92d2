/* Tests kfq's SQLite VFS (src/store/sqlite_vfs.c), which holds a commit's WAL writes and makes
 * them as one before the commit's sync: a process killed right after its commits returned
 * loses none of them (read back with SQLite's default VFS, the file intact); another
 * connection sees each commit as soon as it returns; a transaction larger than what is held,
 * one that rewrites its pages and one rolled back leave what they should, also when another
 * connection commits after the rollback; writes still held when the write lock is released
 * are written first; a checkpoint in between, and the recovery of a WAL left by a killed
 * process, keep every row. */
#include "store/store.h"
#include "tmpdb.h"
#include "util/log.h"

#include <setjmp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static const char sql_table[] = "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL); "
                                "CREATE INDEX t_v ON t(v)";
/* a row and its index entry: pages in two b-trees per commit, as a create writes */
static const char sql_row[] = "INSERT INTO t (v) VALUES (hex(randomblob(200)))";

static struct store *open_db(const char *path)
{
	struct store *s = NULL;
	char err[256];

	assert_int_equal(store_open(path, &s, err, sizeof(err)), KFQ_OK);
	return s;
}

static int64_t count(struct store *s)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, "SELECT count(*) FROM t", &n), KFQ_OK);
	return n;
}

/* n commits of one row each */
static void commits(struct store *s, int n)
{
	for (int i = 0; i < n; i++) {
		assert_int_equal(store_exec(s, "BEGIN IMMEDIATE"), KFQ_OK);
		assert_int_equal(store_exec(s, sql_row), KFQ_OK);
		assert_int_equal(store_exec(s, "COMMIT"), KFQ_OK);
	}
}

/* The rows and the integrity of the file as SQLite's default VFS reads it, in a connection of
 * its own (which recovers a WAL left behind). */
static void check_plain(const char *path, int64_t rows)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT count(*), (SELECT count(*) FROM t "
	                                    "INDEXED BY t_v WHERE v > '') FROM t",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), rows);
	assert_int_equal(sqlite3_column_int64(st, 1), rows);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* A child commits, then kills itself before closing anything; every commit that returned is
 * in the file (the WAL recovered by the next connection). */
static void commits_then_killed(const char *path, int n, bool checkpoint_between)
{
	pid_t pid = fork();
	int status = 0;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *s = open_db(path);

		commits(s, n / 2);
		if (checkpoint_between &&
		    store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)") != KFQ_OK)
			_exit(2);
		commits(s, n - n / 2);
		raise(SIGKILL);
		_exit(3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
}

static void test_killed_loses_no_commit(void **state)
{
	struct tmpdb *f = *state;
	struct store *s = open_db(f->path);

	assert_int_equal(store_exec(s, sql_table), KFQ_OK);
	store_close(s);
	commits_then_killed(f->path, 40, false);
	check_plain(f->path, 40);
	/* a checkpoint in the middle (the WAL restarted from its start), killed again */
	commits_then_killed(f->path, 40, true);
	check_plain(f->path, 80);
	/* and kfq's own connection reads the recovered file and writes on */
	s = open_db(f->path);
	assert_int_equal(count(s), 80);
	commits(s, 5);
	store_close(s);
	check_plain(f->path, 85);
}

static void test_other_connection_sees_each_commit(void **state)
{
	struct tmpdb *f = *state;
	struct store *w = open_db(f->path);
	struct store *r = open_db(f->path);

	assert_int_equal(store_exec(w, sql_table), KFQ_OK);
	for (int i = 1; i <= 30; i++) {
		commits(w, 1);
		assert_int_equal(count(r), i);
	}
	store_close(r);
	store_close(w);
	check_plain(f->path, 30);
}

/* More than the 120 KiB held, with a page cache small enough that the transaction spills to
 * the WAL before its commit and rewrites pages it spilled; then one rolled back after it
 * spilled, which leaves nothing of its own. */
static void test_large_and_rolled_back(void **state)
{
	struct tmpdb *f = *state;
	struct store *s = open_db(f->path);
	struct store *r;
	int64_t rewritten = -1;

	assert_int_equal(store_exec(s, sql_table), KFQ_OK);
	assert_int_equal(store_exec(s, "PRAGMA cache_size=10"), KFQ_OK);
	assert_int_equal(store_exec(s, "BEGIN IMMEDIATE"), KFQ_OK);
	for (int i = 0; i < 2000; i++)
		assert_int_equal(store_exec(s, sql_row), KFQ_OK);
	assert_int_equal(store_exec(s, "UPDATE t SET v = v || 'x' WHERE id % 3 = 0"), KFQ_OK);
	assert_int_equal(store_exec(s, "COMMIT"), KFQ_OK);
	assert_int_equal(store_exec(s, "BEGIN IMMEDIATE"), KFQ_OK);
	for (int i = 0; i < 2000; i++)
		assert_int_equal(store_exec(s, sql_row), KFQ_OK);
	assert_int_equal(store_exec(s, "DELETE FROM t WHERE id % 2 = 0"), KFQ_OK);
	assert_int_equal(store_exec(s, "ROLLBACK"), KFQ_OK);
	commits(s, 3);
	r = open_db(f->path);
	assert_int_equal(count(r), 2003);
	assert_int_equal(store_query_int(r, "SELECT count(*) FROM t WHERE v LIKE '%x'", &rewritten),
	                 KFQ_OK);
	assert_int_equal(rewritten, 666);
	store_close(r);
	store_close(s);
	check_plain(f->path, 2003);
}

/* A transaction that spilled and was rolled back leaves frames its connection had not yet
 * written; another connection then commits over the same part of the WAL. The first one's
 * next read must not write its dropped frames over those commits. */
static void test_rolled_back_then_other_commits(void **state)
{
	struct tmpdb *f = *state;
	struct store *a = open_db(f->path);
	struct store *b = open_db(f->path);

	assert_int_equal(store_exec(a, sql_table), KFQ_OK);
	commits(a, 1);
	assert_int_equal(store_exec(a, "PRAGMA cache_size=10"), KFQ_OK);
	assert_int_equal(store_exec(a, "BEGIN IMMEDIATE"), KFQ_OK);
	for (int i = 0; i < 300; i++)
		assert_int_equal(store_exec(a, sql_row), KFQ_OK);
	assert_int_equal(store_exec(a, "ROLLBACK"), KFQ_OK);
	commits(b, 20);
	assert_int_equal(count(a), 21);
	commits(a, 2);
	assert_int_equal(count(b), 23);
	store_close(b);
	store_close(a);
	check_plain(f->path, 23);
}

/* Writes still held when a connection gives up the WAL's write lock are written before another
 * can take it: commits without a sync (synchronous=OFF, which kfq never sets, stands for a
 * transaction that leaves frames no sync wrote) are read whole by the other connection, which
 * then writes after them. */
static void test_write_lock_release_writes_held(void **state)
{
	struct tmpdb *f = *state;
	struct store *a = open_db(f->path);
	struct store *b = open_db(f->path);
	int64_t n = 0;

	assert_int_equal(store_exec(a, sql_table), KFQ_OK);
	assert_int_equal(store_exec(a, "PRAGMA synchronous=OFF"), KFQ_OK);
	for (int i = 0; i < 10; i++) {
		commits(a, 1 + i % 3);
		n += 1 + i % 3;
		assert_int_equal(count(b), n);
		commits(b, 1);
		n++;
		assert_int_equal(count(a), n);
	}
	store_close(b);
	store_close(a);
	check_plain(f->path, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_killed_loses_no_commit, tmpdb_setup,
	                                    tmpdb_teardown),
	    cmocka_unit_test_setup_teardown(test_other_connection_sees_each_commit, tmpdb_setup,
	                                    tmpdb_teardown),
	    cmocka_unit_test_setup_teardown(test_large_and_rolled_back, tmpdb_setup,
	                                    tmpdb_teardown),
	    cmocka_unit_test_setup_teardown(test_rolled_back_then_other_commits, tmpdb_setup,
	                                    tmpdb_teardown),
	    cmocka_unit_test_setup_teardown(test_write_lock_release_writes_held, tmpdb_setup,
	                                    tmpdb_teardown),
	};

	return cmocka_run_group_tests_name("sqlite_vfs", tests, NULL, NULL);
}
