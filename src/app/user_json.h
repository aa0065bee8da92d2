/* user_json.h - the JSON shape of an account: the API's answers and the audit record's
 * before/after are the same object. In app/ because `kfq user` writes accounts too, and its
 * audit records need the shape. Never includes the password hash. */
#ifndef KFQ_APP_USER_JSON_H
#define KFQ_APP_USER_JSON_H

#include "store/store_user.h"

/* {"created_at","data_scope","display_name","id","last_login_at","locked","locked_until",
 *  "must_change_password","org_id","org_name","role","scope_org_ids","username"}; locked
 * and locked_until as of now (epoch seconds). */
void user_json_write(struct jsonw *w, const struct store_user *u, int64_t now);

/* {"comment","data_scope","decided_at","decided_by","decided_by_name","display_name",
 *  "from":{"data_scope","org_id","org_name","role"},"id","job_title","org_id","org_name",
 *  "phone","proposed_at","proposed_by","proposed_by_name","role","scope_org_ids","status",
 *  "user_id","username"} (phone masked as in user_json_write):
 * a role change; the top-level account fields are the proposed ones, "from" the account when
 * it was proposed. */
void user_json_role_change(struct jsonw *w, const struct store_role_change *c);

/* What store_user's writes take for their audit records (locked as of the write). */
extern const struct store_user_json user_json_audit;

#endif
