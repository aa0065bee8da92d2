/* Tests kfq serve's WAL checkpointer (src/store/sqlite_wal.c): while it runs, the commits of a
 * connection opened after it leave the WAL's checkpoints to its thread, which copies the WAL
 * into the database; a commit that leaves the WAL past its bound (a reader holding the thread
 * back) checkpoints itself; once the checkpointer stopped, a commit past wal_autocheckpoint's
 * 1,000 frames checkpoints itself, as it would have without it. */
#include "store/sqlite_wal.h"
#include "store/store.h"
#include "tmpdb.h"
#include "util/log.h"

#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* about 100 WAL frames a commit: the blob's overflow pages */
static const char sql_big[] = "INSERT INTO t (v) VALUES (randomblob(400000))";

static unsigned runs(void)
{
	unsigned r, c;

	store_wal_counts(&r, &c);
	return r;
}

static unsigned commits(void)
{
	unsigned r, c;

	store_wal_counts(&r, &c);
	return c;
}

/* The WAL's frames and those copied into the database, by a checkpoint on a connection of its
 * own (which copies what is left). */
static void wal_frames(const char *path, int *frames, int *copied)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	/* a connection knows the WAL once it has read */
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM t", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, frames, copied),
	    SQLITE_OK);
	sqlite3_close(db);
}

static void test_checkpoints_off_the_commits(void **state)
{
	struct tmpdb *f = *state;
	struct store *s = NULL;
	sqlite3 *reader;
	char err[256];
	unsigned r0, c0;
	int frames = 0, copied = 0;

	/* as kfq serve: the database made, then the checkpointer, then the workers' connections */
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), KFQ_OK);
	assert_int_equal(store_exec(s, "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)"),
	                 KFQ_OK);
	store_close(s);
	assert_int_equal(store_wal_start(f->path, err, sizeof(err)), KFQ_OK);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), KFQ_OK);
	r0 = runs();
	c0 = commits();

	/* past WAL_CKPT_FRAMES: the thread is woken and copies the WAL; no commit checkpoints (a
	 * bound of 10 s against a hang, not a time the test asserts) */
	for (int i = 0; i < WAL_CKPT_FRAMES / 100 + 2; i++)
		assert_int_equal(store_exec(s, sql_big), KFQ_OK);
	for (int i = 0; i < 2000 && runs() == r0; i++)
		usleep(5000);
	assert_int_equal(runs(), r0 + 1);
	assert_int_equal(commits(), c0);

	/* a reader holds a snapshot: nothing after it is copied, and the WAL grows until a
	 * commit leaves it past its bound and checkpoints itself */
	assert_int_equal(sqlite3_open_v2(f->path, &reader, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM t", NULL, NULL, NULL),
	                 SQLITE_OK);
	for (int i = 0; i < 2 * WAL_CKPT_FRAMES_MAX / 100 && commits() == c0; i++)
		assert_int_equal(store_exec(s, sql_big), KFQ_OK);
	assert_int_equal(commits(), c0 + 1);
	assert_int_equal(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(reader);
	/* the WAL reached the bound: no commit before checkpointed */
	wal_frames(f->path, &frames, &copied);
	assert_true(frames >= WAL_CKPT_FRAMES_MAX);
	assert_int_equal(copied, frames);

	/* stopped: the WAL copied whole starts again; the commit that leaves it past 1,000
	 * frames (of 11 of about 100 each) checkpoints itself, and starts it again */
	store_wal_stop();
	r0 = runs();
	for (int i = 0; i < 11; i++)
		assert_int_equal(store_exec(s, sql_big), KFQ_OK);
	assert_int_equal(commits(), c0 + 2);
	assert_int_equal(runs(), r0);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_checkpoints_off_the_commits, tmpdb_setup,
	                                    tmpdb_teardown),
	};

	return cmocka_run_group_tests_name("sqlite_wal", tests, NULL, NULL);
}
