/* sqlite_wal.c - the checkpointer of kfq serve's SQLite WAL (DECISIONS 258). SQLite's
 * wal_autocheckpoint runs a checkpoint inside the commit that leaves the WAL past 1,000 frames:
 * that request then waits for the pages copied into the database file and for the file's sync
 * (a journal commit too when the file grew). Here one thread, with a connection of its own,
 * runs that checkpoint (PASSIVE: it copies what no reader still needs and never waits for a
 * lock) every WAL_CKPT_FRAMES frames while the requests go on. The WAL starts again from its
 * beginning only when a write transaction begins with all of it copied, which under a steady
 * stream of commits the thread never achieves (a commit always overtakes its checkpoint): the
 * commit that leaves WAL_CKPT_FRAMES_MAX frames therefore checkpoints itself, copying only the
 * frames committed since the thread's last run, and the WAL starts again after it. That commit
 * is also the WAL's bound when the thread falls behind or a long reader holds it back.
 * Connections opened while no checkpointer serves their file (the command line, tests) keep
 * wal_autocheckpoint. One checkpointer a process: kfq serve has one database. */
#include "store/sqlite_wal.h"

#include "store/sqlite_vfs.h"
#include "store/store_impl.h"

#include "util/log.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	char *path;       /* the database file it serves, owned; NULL when none runs (under mu) */
	sqlite3 *db;      /* its connection, the thread's alone */
	int woke_at;      /* the WAL's frames when a commit last woke the thread (under mu) */
	bool due;         /* a commit woke it (under mu) */
	bool stop;        /* (under mu) */
	atomic_uint runs; /* checkpoints the thread ran */
	atomic_uint commits; /* checkpoints commits ran or tried (busy: the thread's running) */
} wal = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* Whether a commit that left frames in the WAL leaves the checkpoint to the thread: it wakes
 * the thread every WAL_CKPT_FRAMES frames; false when no thread runs. */
static bool leave_to_thread(int frames)
{
	bool leave;

	pthread_mutex_lock(&wal.mu);
	leave = wal.path && !wal.stop;
	if (frames < wal.woke_at)
		wal.woke_at = 0; /* the WAL started again */
	if (leave && frames - wal.woke_at >= WAL_CKPT_FRAMES) {
		wal.woke_at = frames;
		wal.due = true;
		pthread_cond_signal(&wal.cv);
	}
	pthread_mutex_unlock(&wal.mu);
	return leave;
}

/* sqlite3_wal_hook: after each commit, with the frames now in the WAL */
static int on_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)arg;
	if (frames < WAL_AUTO_FRAMES || (frames < WAL_CKPT_FRAMES_MAX && leave_to_thread(frames)))
		return SQLITE_OK;
	/* as wal_autocheckpoint: the commit stands whatever the checkpoint's outcome */
	atomic_fetch_add(&wal.commits, 1);
	(void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void sqlite_wal_attach(sqlite3 *db, const char *path)
{
	bool ours;

	pthread_mutex_lock(&wal.mu);
	ours = wal.path && !strcmp(wal.path, path);
	pthread_mutex_unlock(&wal.mu);
	/* the hook replaces wal_autocheckpoint's: on_commit checkpoints where it would have when
	 * the checkpointer has stopped */
	if (ours)
		sqlite3_wal_hook(db, on_commit, NULL);
}

static void *run(void *arg)
{
	int rc;

	(void)arg;
	pthread_mutex_lock(&wal.mu);
	for (;;) {
		while (!wal.due && !wal.stop)
			pthread_cond_wait(&wal.cv, &wal.mu);
		if (wal.stop)
			break;
		wal.due = false;
		pthread_mutex_unlock(&wal.mu);
		rc = sqlite3_wal_checkpoint_v2(wal.db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		/* busy: a commit is checkpointing; the next wake tries again */
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_error("sqlite: checkpoint: %s", sqlite3_errmsg(wal.db));
		atomic_fetch_add(&wal.runs, 1);
		pthread_mutex_lock(&wal.mu);
	}
	pthread_mutex_unlock(&wal.mu);
	return NULL;
}

int store_wal_start(const char *url, char *errbuf, size_t errlen)
{
	sigset_t all, old;
	sqlite3 *db = NULL;
	int rc;

	if (store_is_pg_url(url))
		return KFQ_OK;
	rc = sqlite3_open_v2(url, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	                     store_sqlite_vfs());
	/* the checkpoint syncs as the writers' commits do */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL,
		                  NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(errbuf, errlen, "cannot open SQLite database '%s' to checkpoint it: %s",
		         url, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return KFQ_EIO;
	}
	pthread_mutex_lock(&wal.mu);
	wal.db = db;
	wal.due = wal.stop = false;
	wal.woke_at = 0;
	/* signals are for the main thread (http_serve waits for SIGTERM): the thread blocks all */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&wal.thread, NULL, run, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc == 0)
		wal.path = xstrdup(url);
	pthread_mutex_unlock(&wal.mu);
	if (rc != 0) {
		snprintf(errbuf, errlen, "cannot start the WAL checkpointer");
		sqlite3_close(db);
		return KFQ_ERR;
	}
	return KFQ_OK;
}

void store_wal_stop(void)
{
	pthread_mutex_lock(&wal.mu);
	if (!wal.path) {
		pthread_mutex_unlock(&wal.mu);
		return;
	}
	wal.stop = true;
	pthread_cond_signal(&wal.cv);
	pthread_mutex_unlock(&wal.mu);
	pthread_join(wal.thread, NULL);
	sqlite3_close(wal.db);
	pthread_mutex_lock(&wal.mu);
	free(wal.path);
	wal.path = NULL;
	wal.db = NULL;
	pthread_mutex_unlock(&wal.mu);
}

void store_wal_counts(unsigned *runs, unsigned *commits)
{
	*runs = atomic_load(&wal.runs);
	*commits = atomic_load(&wal.commits);
}
