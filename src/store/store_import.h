/* store_import.h - the record of spreadsheet imports: one import_batch row per attempt with its
 * audit record (in the transaction of the rows it imported), and the one-time sealed download
 * an import may leave (the users import's first passwords). Structs and strings returned live
 * in the caller's arena. */
#ifndef KFQ_STORE_IMPORT_H
#define KFQ_STORE_IMPORT_H

#include "store/store.h"
#include "store/store_audit.h"

struct store_import_batch {
	int64_t id;
	const char *kind;
	const char *sha256;
	const char *filename; /* may be NULL */
	int64_t size;
	const char *format; /* "xlsx", or the CSV's encoding */
	int64_t n_rows, n_bad;
	const char *outcome; /* imported, rejected, unchanged */
	int64_t user_id;     /* 0 = the command line */
	const char *created_at;
};

/* The latest batch of `kind` that imported the file with this hash, by an account of
 * organization org_id (0: anyone's, the command line's): KFQ_ENOTFOUND if none. */
int store_import_find(struct store *s, struct arena *a, const char *kind, const char *sha256,
                      int64_t org_id, struct store_import_batch *out);
/* The latest batch of `kind` an account of organization org_id (0: anyone's) imported, whatever
 * its file: KFQ_ENOTFOUND if none. */
int store_import_latest(struct store *s, struct arena *a, const char *kind, int64_t org_id,
                        struct store_import_batch *out);
/* Inserts b (b->id and b->created_at set) and appends its audit record (action "import",
 * entity "import", after = audit_after), inside the caller's write transaction. */
int store_import_record(struct store *s, const struct store_actor *who,
                        struct store_import_batch *b, const char *audit_after);
/* Keeps a sealed box for batch import_id until expires_at (epoch seconds), inside the caller's
 * transaction; expired boxes of any batch are removed on the way. */
int store_import_secret_put(struct store *s, int64_t import_id, const char *token_hash,
                            const char *box, int64_t expires_at, int64_t now);
/* Reads and removes the box when the token's hash matches and it has not expired, in its own
 * transaction, audited as "download_secret". KFQ_ENOTFOUND otherwise (nothing changes). */
int store_import_secret_take(struct store *s, struct arena *a, const struct store_actor *who,
                             int64_t import_id, const char *token_hash, int64_t now,
                             const char **box);

#endif
