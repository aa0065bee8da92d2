/* store_user_impl.h - what the account files of store/ share (store_user.c: accounts and
 * sessions; store_role_change.c: role changes waiting for the security officer); private to
 * them. Each runs inside the caller's write transaction. */
#ifndef KFQ_STORE_USER_IMPL_H
#define KFQ_STORE_USER_IMPL_H

#include "store/store_user.h"

/* A store_entity_writer of accounts: json is a struct store_user_json. */
int store_user_entity(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w);
/* Writes display name, organization, role, data scope and custom scope of u->id. */
int store_user_write_row(struct store *s, const struct store_user *u);
/* Marks the role changes pending for user_id superseded, each audited "supersede". */
int store_role_change_supersede(struct store *s, const struct store_actor *who,
                                const struct store_user_json *json, int64_t user_id);

/* Keeps a copy of sess, read now for token_hash, on s: store_session_recall returns it. */
void store_session_keep(struct store *s, const char *token_hash, const struct store_session *sess);

#endif
