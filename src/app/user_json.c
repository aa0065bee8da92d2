/* user_json.c - an account as JSON. Keys in byte order, so that the audit record's canonical
 * form is the same text. Must not read anything: it writes what it is given. */
#include "app/user_json.h"

#include "core/personal.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

void user_json_write(struct jsonw *w, const struct store_user *u, int64_t now)
{
	char t[TIME_RFC3339_LEN];
	bool locked = u->locked_until > now;

	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", u->created_at);
	jsonw_kstr(w, "data_scope", u->data_scope);
	jsonw_kstr(w, "display_name", u->display_name);
	jsonw_kint(w, "id", u->id);
	jsonw_kstr(w, "job_title", u->job_title);
	jsonw_kstr(w, "last_login_at", u->last_login_at);
	jsonw_kbool(w, "locked", locked);
	jsonw_key(w, "locked_until");
	if (locked) {
		time_format(u->locked_until, t);
		jsonw_str(w, t);
	} else {
		jsonw_null(w);
	}
	jsonw_kbool(w, "must_change_password", u->must_change);
	jsonw_kint(w, "org_id", u->org_id);
	jsonw_kstr(w, "org_name", u->org_name);
	personal_kstr(w, "phone", PERSONAL_PHONE, u->phone);
	jsonw_kstr(w, "role", u->role);
	jsonw_key(w, "scope_org_ids");
	jsonw_arr_open(w);
	for (int i = 0; i < u->nscope; i++)
		jsonw_int(w, u->scope_org_ids[i]);
	jsonw_arr_close(w);
	jsonw_kstr(w, "username", u->username);
	jsonw_obj_close(w);
}

static void audit_user(struct jsonw *w, const struct store_user *u)
{
	user_json_write(w, u, time_now());
}

const struct store_user_json user_json_audit = {.user = audit_user};
