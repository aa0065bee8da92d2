/* store_consult_impl.h - what store_consult.c and store_comment.c share: one change of a
 * consultation or a comment, from its "before" to its audit record. Private to store/. */
#ifndef KFQ_STORE_CONSULT_IMPL_H
#define KFQ_STORE_CONSULT_IMPL_H

#include "store/store_consult.h"

/* Opens the change of entity id (as writer writes it: *before, heap) and prepares sql with
 * ?1 = id. On failure nothing is open and *before is NULL. */
int store_consult_begin(struct store *s, store_entity_writer writer, const void *json, int64_t id,
                        const char *sql, char **before, struct store_stmt **st);
/* Ends that change: when rc is KFQ_OK audits it as action on entity_type, then commits (or
 * rolls back on any failure); frees before. */
int store_consult_finish(struct store *s, const struct store_actor *who, const char *entity_type,
                         store_entity_writer writer, const void *json, int64_t id,
                         const char *action, char *before, int rc);

/* Inside the comment's write transaction: records files[0..n) of comment_id, storing as
 * attachments (entity "comment", organization org_id) those with a mime (store_comment_file.c). */
int store_comment_files_insert(struct store *s, const struct store_actor *who, int64_t comment_id,
                               int64_t org_id, const struct store_comment_file *files, int n);
/* The files of comment_id in the mail's order (arena array; NULL when none). */
int store_comment_files_get(struct store *s, struct arena *a, int64_t comment_id,
                            struct store_comment_file **out, int *n);

#endif
