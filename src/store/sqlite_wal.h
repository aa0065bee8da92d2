/* sqlite_wal.h - the checkpointer of a SQLite database's WAL (sqlite_wal.c, DECISIONS 258);
 * private to store/. */
#ifndef KFQ_SQLITE_WAL_H
#define KFQ_SQLITE_WAL_H

#include <sqlite3.h>

/* Without the checkpointer a commit that leaves WAL_AUTO_FRAMES (SQLite's wal_autocheckpoint
 * default) checkpoints itself. With it, every WAL_CKPT_FRAMES frames (a page changed by many
 * commits in between is copied once, DECISIONS 278) a commit wakes the checkpointer; a commit
 * that leaves WAL_CKPT_FRAMES_MAX (64 MiB of 4 KiB pages) checkpoints itself, which bounds the
 * WAL when the checkpointer falls behind. */
#define WAL_AUTO_FRAMES     1000
#define WAL_CKPT_FRAMES     4000
#define WAL_CKPT_FRAMES_MAX 16000

/* Hands db's checkpoints to the running checkpointer when it serves path, the file db was
 * opened on; else leaves SQLite's wal_autocheckpoint in place. */
void sqlite_wal_attach(sqlite3 *db, const char *path);

#endif
