/* sqlite_vfs.h - kfq's SQLite VFS, which writes a commit's WAL frames as one write before the
 * commit's sync (sqlite_vfs.c, DECISIONS 229); private to store/. */
#ifndef KFQ_SQLITE_VFS_H
#define KFQ_SQLITE_VFS_H

#include <sqlite3.h>

#define STORE_SQLITE_VFS "kfq-wal"

/* Registers the VFS once (not as the default: other users of SQLite in the process keep
 * theirs) and returns its name, a static string, for sqlite3_open_v2. Safe from any thread.
 * Only for connections with journal_mode=WAL and synchronous=FULL: the frames are written
 * when the WAL is synced, which FULL does at every commit. */
const char *store_sqlite_vfs(void);

#endif
