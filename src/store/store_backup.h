/* store_backup.h - what a backup and a restore read from the database: the evidence files it
 * refers to, whether a database is empty, and (store.h) the copy itself. */
#ifndef KFQ_STORE_BACKUP_H
#define KFQ_STORE_BACKUP_H

#include "store/store.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

/* One evidence file by its content hash (util/blobstore.h). */
struct store_blob {
	const char *sha256;
	int64_t size;
};

/* Every evidence file the database refers to, once each, in hash order: arena memory. Read in
 * the caller's transaction, so that with store_backup in the same read transaction the list
 * and the copy agree. */
int store_backup_blobs(struct store *s, struct arena *a, struct store_blob **out, size_t *n);

/* Whether the database holds no tables at all (a restore's target must be new). */
int store_is_empty(struct store *s, bool *empty);

#endif
