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

/* What store_user's writes take for their audit records (locked as of the write). */
extern const struct store_user_json user_json_audit;

#endif
