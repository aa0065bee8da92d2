/* blobstore.h - files stored once by content hash: DIR/ab/abcdef…(64 hex). A write goes to a
 * temporary file, is fsync'ed and renamed into place, so a reader never sees half a file and
 * a crash leaves no partial blob under its hash. */
#ifndef KFQ_UTIL_BLOBSTORE_H
#define KFQ_UTIL_BLOBSTORE_H

#include <stddef.h>
#include <stdint.h>

#define BLOB_HASH_HEX 65

/* Hashes buf (SHA-256, lowercase hex into hex) and stores it under dir unless present.
 * Returns 0, or -1 with errno set. */
int blob_put(const char *dir, const void *buf, size_t len, char hex[BLOB_HASH_HEX]);
/* Opens the blob for reading; *fd is the caller's to close. Returns 0 or -1 (errno). */
int blob_open(const char *dir, const char *hex, int *fd, uint64_t *size);

#endif
