/* store_attachment.h - files attached to any entity (migration 0009): the record of each
 * upload (its SHA-256, name, type, size and the organization that uploaded it) and which
 * entity holds it. An upload names the entity type it is for and stays with its organization
 * until a write of that module claims it for one entity, inside the module's own transaction
 * (store_attachment_claim), so that the entity and its files commit together. The bytes are
 * util/blobstore's, written by api/ before the record. Returned structs and strings are
 * allocated from the caller's arena. */
#ifndef KFQ_STORE_ATTACHMENT_H
#define KFQ_STORE_ATTACHMENT_H

#include "store/store.h"
#include "store/store_audit.h"

struct store_attachment {
	int64_t id;
	const char *entity_type; /* notice, notice_reply, ... */
	int64_t entity_id;       /* 0 = uploaded, not yet attached */
	const char *sha256;      /* lowercase hex: the blob's name */
	const char *filename;
	const char *mime;
	int64_t size;
	int64_t org_id; /* the uploader's organization */
	const char *created_at;
	int64_t created_by;
	const char *created_by_name;
};

/* The writer of the upload's audit record: the caller's shape of an attachment. */
struct store_attachment_json {
	void (*attachment)(struct jsonw *w, const struct store_attachment *x);
};

/* Records an upload (entity_type, sha256, filename, mime, size, org_id of x), unattached, and
 * audits it ("upload", entity "attachment", the hash in the record). Sets x->id. */
int store_attachment_add(struct store *s, const struct store_actor *who,
                         const struct store_attachment_json *json, struct store_attachment *x);
/* Inside the caller's write transaction, audited by the caller's record: records a file a
 * write of the caller's module received itself (an e-mail's attachment) as one of entity
 * (x->entity_type, entity_id), or unattached when entity_id is 0. Sets x->id. */
int store_attachment_insert(struct store *s, const struct store_actor *who, int64_t entity_id,
                            struct store_attachment *x);
/* KFQ_ENOTFOUND when absent. */
int store_attachment_get(struct store *s, struct arena *a, int64_t id,
                         struct store_attachment *out);
/* The files of entity (type, id), oldest first; *out NULL when none. */
int store_attachment_list(struct store *s, struct arena *a, const char *type, int64_t id,
                          struct store_attachment **out, int *n);
/* The files of the entities (type, ids[i]) for i < n in one statement, as a list's page reads
 * them rather than one statement a row: out[i] points at counts[i] files of ids[i], oldest
 * first (NULL and 0 when none), in one arena array. */
int store_attachment_list_many(struct store *s, struct arena *a, const char *type,
                               const int64_t *ids, int n, struct store_attachment **out,
                               int *counts);

/* Inside the caller's write transaction: attaches the uploads ids[0..n) to entity (type, id).
 * Each must be an unattached upload for that type by organization org_id; KFQ_EINVAL when one
 * is not (missing, attached already, listed twice, another type or organization). */
int store_attachment_claim(struct store *s, const char *type, int64_t id, int64_t org_id,
                           const int64_t *ids, int n);
/* Inside the caller's write transaction: the files of entity (type, id) go back to being
 * unattached uploads of their organizations (a draft's files replaced or the draft gone). */
int store_attachment_release(struct store *s, const char *type, int64_t id);

#endif
