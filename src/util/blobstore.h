/* blobstore.h - files stored once by content hash: DIR/ab/abcdef…(64 hex). A write goes to a
 * temporary file, is fsync'ed and renamed into place, so a reader never sees half a file and
 * a crash leaves no partial blob under its hash. Backups copy and check blobs by their hash. */
#ifndef KFQ_UTIL_BLOBSTORE_H
#define KFQ_UTIL_BLOBSTORE_H

#include <stddef.h>
#include <stdint.h>

#define BLOB_HASH_HEX 65

/* Hashes buf (SHA-256, lowercase hex into hex) and stores it under dir unless present.
 * Returns 0, or -1 with errno set. */
int blob_put(const char *dir, const void *buf, size_t len, char hex[BLOB_HASH_HEX]);
/* The SHA-256 (lowercase hex) of the whole file fd, read with pread. 0 or -1 (errno). */
int blob_hash_fd(int fd, char hex[BLOB_HASH_HEX]);
/* Stores the whole file fd (read with pread, a piece at a time, so any size) under dir by its
 * hash, unless present; hex gets the hash. Returns 0, or -1 with errno set. */
int blob_put_fd(const char *dir, int fd, char hex[BLOB_HASH_HEX]);
/* Opens the blob for reading; *fd is the caller's to close. Returns 0 or -1 (errno). */
int blob_open(const char *dir, const char *hex, int *fd, uint64_t *size);

/* Checks that blob hex in dir is there, `size` bytes long, and hashes to its name. Returns 0,
 * or -1 with errno: ENOENT missing, EBADMSG damaged (another size or content), else the read's. */
int blob_check(const char *dir, const char *hex, uint64_t size);
/* Copies blob hex of `size` bytes from src_dir into dst_dir as blob_put stores it (temporary
 * file, fsync, rename), checking its hash as it is read: nothing damaged is copied. A blob
 * already in dst_dir that checks is kept; a damaged one is replaced. Returns 0, or -1 with
 * errno as blob_check's for the source, else the write's. */
int blob_copy(const char *src_dir, const char *dst_dir, const char *hex, uint64_t size);

#endif
