/* sqlite_vfs.c - "kfq-wal", a VFS over the system's default one that gathers the WAL's writes:
 * a commit's frames (a 24-byte header and a page each, two writes per page) go to the file as
 * one pwrite just before its sync, instead of two per page (DECISIONS 229). The WAL file of
 * kfq's own connections is wrapped for that, and their database file only to watch the WAL's
 * write lock (below); journals and temporary files are the default VFS's objects, untouched.
 *
 * Why it is safe: SQLite counts a WAL transaction committed once its frames are synced
 * (synchronous=FULL syncs the WAL at every commit, store_sqlite_open), and every write held
 * here is written before xSync goes to the file, so an acknowledged commit is on the disk as
 * before. Other connections read the WAL through their own handles only after the wal-index
 * names the new frames, which the writer updates after that sync. The writer reads its own
 * frames back (checkpoints, a frame's checksum recomputed): a read, a truncation, a size, a
 * file control or the close first writes what is held, so SQLite always sees what it wrote.
 * A write that does not continue or overlap what is held writes it first: the order of the
 * writes is kept. A transaction that spilled pages to the WAL and was rolled back leaves frames
 * no sync wrote; another connection may write the same part of the WAL once the write lock is
 * released, so the database file is wrapped too, and releasing the WAL's write lock (its shared
 * memory's lock 0) first writes what its WAL holds, as the default VFS would have by then. An
 * error of a held write is the outcome of the call that writes it (the commit's xSync,
 * typically), which SQLite handles as the commit's failure. */
#include "store/sqlite_vfs.h"

#include "util/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* at most this much is held: a create's commit is about 14 frames of 4,120 bytes (58 KB); a
 * larger transaction's frames go out in pieces of this size, still far fewer writes. Under
 * 128 KiB: the unix VFS's write masks its length to 17 bits (seekAndWriteFd), so a longer
 * one would come out short and be taken for a full disk. */
#define HELD_MAX (120 * 1024)

struct db_file;

/* what both wrapped files start with */
struct shim_file {
	sqlite3_file base;  /* must be first: SQLite's handle, pMethods ours */
	sqlite3_file *real; /* the default VFS's file, in the same allocation (REAL_OFFSET) */
};

struct wal_file {
	struct shim_file f;  /* must be first; pMethods = &wal_methods */
	struct db_file *db;  /* the database file it is the WAL of, while both are open */
	unsigned char *held; /* writes not yet made, HELD_MAX bytes once the first is held */
	sqlite3_int64 off;   /* the file offset of held[0] */
	size_t len;          /* bytes held, contiguous from off */
};

/* a main database file: the default VFS's, with its WAL's lock release watched */
struct db_file {
	struct shim_file f;   /* must be first; pMethods = &db_methods */
	struct wal_file *wal; /* its WAL while open, else NULL */
};

static sqlite3_vfs *base_vfs; /* the default VFS at registration, never freed */
static sqlite3_vfs wal_vfs;

/* a wrapped file's real file sits after the larger struct, aligned as malloc's memory is */
#define REAL_OFFSET                                                                                \
	(((sizeof(struct wal_file) > sizeof(struct db_file) ? sizeof(struct wal_file)              \
	                                                    : sizeof(struct db_file)) +            \
	  15) &                                                                                    \
	 ~(size_t)15)

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct shim_file *)f)->real;
}

/* calls both wrapped files pass on as they are */
static int shim_lock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xLock(real_of(f), level);
}

static int shim_unlock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), level);
}

static int shim_check_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int shim_sector_size(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int shim_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

static int wal_flush(struct wal_file *w)
{
	int rc;

	if (w->len == 0)
		return SQLITE_OK;
	rc = w->f.real->pMethods->xWrite(w->f.real, w->held, (int)w->len, w->off);
	w->len = 0;
	return rc;
}

static int wal_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc;

	if (!w->db)
		return w->f.real->pMethods->xWrite(w->f.real, buf, amt, off);
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
		return w->f.real->pMethods->xWrite(w->f.real, buf, amt, off);
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
	int rc2 = w->f.real->pMethods->xClose(w->f.real);

	if (w->db)
		w->db->wal = NULL;
	free(w->held);
	w->held = NULL;
	return rc != SQLITE_OK ? rc : rc2;
}

static int wal_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->f.real->pMethods->xRead(w->f.real, buf, amt, off);
}

static int wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->f.real->pMethods->xTruncate(w->f.real, size);
}

static int wal_sync(sqlite3_file *f, int flags)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->f.real->pMethods->xSync(w->f.real, flags);
}

static int wal_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->f.real->pMethods->xFileSize(w->f.real, size);
}

static int wal_file_control(sqlite3_file *f, int op, void *arg)
{
	struct wal_file *w = (struct wal_file *)f;
	int rc = wal_flush(w);

	return rc != SQLITE_OK ? rc : w->f.real->pMethods->xFileControl(w->f.real, op, arg);
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
    .xLock = shim_lock,
    .xUnlock = shim_unlock,
    .xCheckReservedLock = shim_check_reserved,
    .xFileControl = wal_file_control,
    .xSectorSize = shim_sector_size,
    .xDeviceCharacteristics = shim_device,
};

static int db_close(sqlite3_file *f)
{
	struct db_file *d = (struct db_file *)f;
	int rc = SQLITE_OK, rc2;

	/* (SQLite closes the WAL first: this is for the order it may change) */
	if (d->wal) {
		rc = wal_flush(d->wal);
		d->wal->db = NULL;
	}
	rc2 = d->f.real->pMethods->xClose(d->f.real);
	return rc != SQLITE_OK ? rc : rc2;
}

static int db_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	return real_of(f)->pMethods->xRead(real_of(f), buf, amt, off);
}

static int db_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	return real_of(f)->pMethods->xWrite(real_of(f), buf, amt, off);
}

static int db_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real_of(f)->pMethods->xTruncate(real_of(f), size);
}

static int db_sync(sqlite3_file *f, int flags)
{
	return real_of(f)->pMethods->xSync(real_of(f), flags);
}

static int db_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

static int db_file_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int db_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}

/* lock 0 of the WAL's shared memory is its write lock: before another connection can take it,
 * what this connection's WAL holds is written (frames of a transaction rolled back after it
 * spilled: past the last commit, and never to be written over what another commits) */
static int db_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	struct db_file *d = (struct db_file *)f;
	int rc = SQLITE_OK, rc2;

	if ((flags & SQLITE_SHM_UNLOCK) && offset == 0 && d->wal)
		rc = wal_flush(d->wal);
	rc2 = d->f.real->pMethods->xShmLock(d->f.real, offset, n, flags);
	return rc != SQLITE_OK ? rc : rc2;
}

static void db_shm_barrier(sqlite3_file *f)
{
	real_of(f)->pMethods->xShmBarrier(real_of(f));
}

static int db_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}

static int db_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **out)
{
	return real_of(f)->pMethods->xFetch(real_of(f), off, amt, out);
}

static int db_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return real_of(f)->pMethods->xUnfetch(real_of(f), off, p);
}

/* version 3, as the unix VFS's own (shared memory for WAL, memory maps); a database file
 * whose methods are older is not wrapped (vfs_open) */
static const sqlite3_io_methods db_methods = {
    .iVersion = 3,
    .xClose = db_close,
    .xRead = db_read,
    .xWrite = db_write,
    .xTruncate = db_truncate,
    .xSync = db_sync,
    .xFileSize = db_file_size,
    .xLock = shim_lock,
    .xUnlock = shim_unlock,
    .xCheckReservedLock = shim_check_reserved,
    .xFileControl = db_file_control,
    .xSectorSize = shim_sector_size,
    .xDeviceCharacteristics = shim_device,
    .xShmMap = db_shm_map,
    .xShmLock = db_shm_lock,
    .xShmBarrier = db_shm_barrier,
    .xShmUnmap = db_shm_unmap,
    .xFetch = db_fetch,
    .xUnfetch = db_unfetch,
};

/* A main database file: the default VFS's behind db_methods (version 3 methods only; an older
 * one is opened again in place, unwrapped, and its WAL's writes are then not held). */
static int open_db(const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct db_file *d = (struct db_file *)f;
	sqlite3_file *real = (sqlite3_file *)((char *)f + REAL_OFFSET);
	int rc;

	memset(d, 0, sizeof(*d));
	d->f.real = real;
	rc = base_vfs->xOpen(base_vfs, name, real, flags, out_flags);
	if (rc != SQLITE_OK || !real->pMethods) {
		d->f.base.pMethods = NULL;
		return rc;
	}
	if (real->pMethods->iVersion < 3) {
		real->pMethods->xClose(real);
		return base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
	}
	d->f.base.pMethods = &db_methods;
	return SQLITE_OK;
}

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct wal_file *w = (struct wal_file *)f;
	sqlite3_file *db;
	int rc;

	(void)vfs;
	if (flags & SQLITE_OPEN_MAIN_DB)
		return open_db(name, f, flags, out_flags);
	/* anything else but a WAL is the default VFS's file in place (szOsFile leaves it room) */
	if (!(flags & SQLITE_OPEN_WAL))
		return base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
	memset(w, 0, sizeof(*w));
	w->f.real = (sqlite3_file *)((char *)f + REAL_OFFSET);
	rc = base_vfs->xOpen(base_vfs, name, w->f.real, flags, out_flags);
	/* SQLite closes a file only when its pMethods is set */
	if (rc != SQLITE_OK || !w->f.real->pMethods) {
		w->f.base.pMethods = NULL;
		return rc;
	}
	w->f.base.pMethods = &wal_methods;
	/* the name SQLite opens a WAL by leads to its database file's handle; without the lock
	 * release watched there (an unwrapped database file), the writes are not held */
	db = sqlite3_database_file_object(name);
	if (db && db->pMethods == &db_methods) {
		w->db = (struct db_file *)db;
		w->db->wal = w;
	}
	return SQLITE_OK;
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
