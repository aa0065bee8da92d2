/* sqlite_vfs.c - "kfq-wal", a VFS over the system's default one that gathers the WAL's writes:
 * a commit's frames (a 24-byte header and a page each, two writes per page) go to the file as
 * one pwrite just before its sync, instead of two per page (DECISIONS 219). Only the WAL file
 * of kfq's own connections is wrapped; the database file, journals and temporary files are the
 * default VFS's own objects, untouched.
 *
 * Why it is safe: SQLite counts a WAL transaction committed once its frames are synced
 * (synchronous=FULL syncs the WAL at every commit, store_sqlite_open), and every write held
 * here is written before xSync goes to the file, so an acknowledged commit is on the disk as
 * before. Other connections read the WAL through their own handles only after the wal-index
 * names the new frames, which the writer updates after that sync. The writer reads its own
 * frames back (checkpoints, a frame's checksum recomputed): a read, a truncation, a size, a
 * file control or the close first writes what is held, so SQLite always sees what it wrote.
 * A write that does not continue or overlap what is held writes it first: the order of the
 * writes is kept. An error of a held write is the outcome of the call that writes it (the
 * commit's xSync, typically), which SQLite handles as the commit's failure. */
#include "store/sqlite_vfs.h"

#include "util/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* at most this much is held: a create's commit is about 17 frames of 4,120 bytes (70 KB); a
 * larger transaction's frames go out in pieces of this size, still far fewer writes. Under
 * 128 KiB: the unix VFS's write masks its length to 17 bits (seekAndWriteFd), so a longer
 * one would come out short and be taken for a full disk. */
#define HELD_MAX (120 * 1024)

struct wal_file {
	sqlite3_file base;   /* must be first: SQLite's handle; pMethods = &wal_methods */
	sqlite3_file *real;  /* the default VFS's file, in the same allocation after this struct */
	unsigned char *held; /* writes not yet made, HELD_MAX bytes once the first is held */
	sqlite3_int64 off;   /* the file offset of held[0] */
	size_t len;          /* bytes held, contiguous from off */
};

static sqlite3_vfs *base_vfs; /* the default VFS at registration, never freed */
static sqlite3_vfs wal_vfs;

/* the wal file's real file sits after the struct, aligned as malloc's memory is */
#define REAL_OFFSET ((sizeof(struct wal_file) + 15) & ~(size_t)15)

static int wal_flush(struct wal_file *w)
{
	int rc;

	if (w->len == 0)
		return SQLITE_OK;
	rc = w->real->pMethods->xWrite(w->real, w->held, (int)w->len, w->off);
	w->len = 0;
	return rc;
}

static int wal_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc;

	/* continues or overwrites what is held, and fits: copy it in */
	if (w->len > 0 && off >= w->off && off <= w->off + (sqlite3_int64)w->len &&
	    off - w->off + amt <= HELD_MAX) {
		size_t at = (size_t)(off - w->off);

		memcpy(w->held + at, buf, (size_t)amt);
		if (at + (size_t)amt > w->len)
			w->len = at + (size_t)amt;
		return SQLITE_OK;
	}
	if ((rc = wal_flush(w)) != SQLITE_OK)
		return rc;
	if (amt > HELD_MAX)
		return w->real->pMethods->xWrite(w->real, buf, amt, off);
	if (!w->held)
		w->held = xmalloc(HELD_MAX);
	memcpy(w->held, buf, (size_t)amt);
	w->off = off;
	w->len = (size_t)amt;
	return SQLITE_OK;
}

static int wal_close(sqlite3_file *f)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);
	int rc2 = w->real->pMethods->xClose(w->real);

	free(w->held);
	w->held = NULL;
	return rc != SQLITE_OK ? rc : rc2;
}

static int wal_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->real->pMethods->xRead(w->real, buf, amt, off);
}

static int wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->real->pMethods->xTruncate(w->real, size);
}

static int wal_sync(sqlite3_file *f, int flags)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->real->pMethods->xSync(w->real, flags);
}

static int wal_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->real->pMethods->xFileSize(w->real, size);
}

static int wal_lock(sqlite3_file *f, int level)
{
	struct wal_file *w = (struct wal_file *)f;

	return w->real->pMethods->xLock(w->real, level);
}

static int wal_unlock(sqlite3_file *f, int level)
{
	struct wal_file *w = (struct wal_file *)f;

	return w->real->pMethods->xUnlock(w->real, level);
}

static int wal_check_reserved(sqlite3_file *f, int *out)
{
	struct wal_file *w = (struct wal_file *)f;

	return w->real->pMethods->xCheckReservedLock(w->real, out);
}

static int wal_file_control(sqlite3_file *f, int op, void *arg)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->real->pMethods->xFileControl(w->real, op, arg);
}

static int wal_sector_size(sqlite3_file *f)
{
	struct wal_file *w = (struct wal_file *)f;

	return w->real->pMethods->xSectorSize(w->real);
}

static int wal_device(sqlite3_file *f)
{
	struct wal_file *w = (struct wal_file *)f;

	return w->real->pMethods->xDeviceCharacteristics(w->real);
}

/* version 1: a WAL file has no shared memory or memory map of its own (the database file's
 * are the default VFS's) */
static const sqlite3_io_methods wal_methods = {
    .iVersion = 1,
    .xClose = wal_close,
    .xRead = wal_read,
    .xWrite = wal_write,
    .xTruncate = wal_truncate,
    .xSync = wal_sync,
    .xFileSize = wal_file_size,
    .xLock = wal_lock,
    .xUnlock = wal_unlock,
    .xCheckReservedLock = wal_check_reserved,
    .xFileControl = wal_file_control,
    .xSectorSize = wal_sector_size,
    .xDeviceCharacteristics = wal_device,
};

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc;

	(void)vfs;
	/* anything but a WAL is the default VFS's file in place (szOsFile leaves it room) */
	if (!(flags & SQLITE_OPEN_WAL))
		return base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
	memset(w, 0, sizeof(*w));
	w->real = (sqlite3_file *)((char *)f + REAL_OFFSET);
	rc = base_vfs->xOpen(base_vfs, name, w->real, flags, out_flags);
	/* SQLite closes a file only when its pMethods is set */
	w->base.pMethods = rc == SQLITE_OK && w->real->pMethods ? &wal_methods : NULL;
	return rc;
}

static void vfs_register(void)
{
	base_vfs = sqlite3_vfs_find(NULL);
	if (!base_vfs)
		fatal("SQLite has no default VFS");
	/* the default VFS's other calls take it as their argument: they are called with this
	 * copy, which carries its pAppData, as SQLite's own shims do */
	wal_vfs = *base_vfs;
	wal_vfs.zName = STORE_SQLITE_VFS;
	wal_vfs.szOsFile = (int)REAL_OFFSET + base_vfs->szOsFile;
	wal_vfs.xOpen = vfs_open;
	wal_vfs.pNext = NULL;
	if (sqlite3_vfs_register(&wal_vfs, 0) != SQLITE_OK)
		fatal("cannot register SQLite's VFS %s", STORE_SQLITE_VFS);
}

const char *store_sqlite_vfs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, vfs_register);
	return STORE_SQLITE_VFS;
}
