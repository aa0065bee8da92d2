/* user_json.c - an account as JSON. Keys in byte order, so that the audit record's canonical
 * form is the same text. Must not read anything: it writes what it is given. */
#include "app/user_json.h"

#include "core/personal.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

static void scope_ids(struct jsonw *w, const int64_t *ids, int n)
{
	jsonw_key(w, "scope_org_ids");
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++)
		jsonw_int(w, ids[i]);
	jsonw_arr_close(w);
}

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
	/* failed logins make its name wait (core/ratelimit.h): the list tells the admin why it
	 * cannot sign in (unlocking lifts it); present only then, so never in an audit record */
	if (u->login_wait_until > now) {
		time_format(u->login_wait_until, t);
		jsonw_kstr(w, "login_wait_until", t);
	}
	jsonw_kbool(w, "must_change_password", u->must_change);
	jsonw_kint(w, "org_id", u->org_id);
	jsonw_kstr(w, "org_name", u->org_name);
	personal_kstr(w, "phone", PERSONAL_PHONE, u->phone);
	jsonw_kstr(w, "role", u->role);
	scope_ids(w, u->scope_org_ids, u->nscope);
	jsonw_kstr(w, "username", u->username);
	jsonw_obj_close(w);
}

void user_json_role_change(struct jsonw *w, const struct store_role_change *c)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "comment", c->comment);
	jsonw_kstr(w, "data_scope", c->data_scope);
	jsonw_kstr(w, "decided_at", c->decided_at);
	jsonw_kid(w, "decided_by", c->decided_by);
	jsonw_kstr(w, "decided_by_name", c->decided_by_name);
	jsonw_kstr(w, "display_name", c->display_name);
	jsonw_key(w, "from");
	jsonw_obj_open(w);
	jsonw_kstr(w, "data_scope", c->from_data_scope);
	jsonw_kint(w, "org_id", c->from_org_id);
	jsonw_kstr(w, "org_name", c->from_org_name);
	jsonw_kstr(w, "role", c->from_role);
	jsonw_obj_close(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kstr(w, "job_title", c->job_title);
	jsonw_kint(w, "org_id", c->org_id);
	jsonw_kstr(w, "org_name", c->org_name);
	personal_kstr(w, "phone", PERSONAL_PHONE, c->phone);
	jsonw_kstr(w, "proposed_at", c->proposed_at);
	jsonw_kint(w, "proposed_by", c->proposed_by);
	jsonw_kstr(w, "proposed_by_name", c->proposed_by_name);
	jsonw_kstr(w, "role", c->role);
	scope_ids(w, c->scope_org_ids, c->nscope);
	jsonw_kstr(w, "status", c->status);
	jsonw_kint(w, "user_id", c->user_id);
	jsonw_kstr(w, "username", c->username);
	jsonw_obj_close(w);
}

static void audit_user(struct jsonw *w, const struct store_user *u)
{
	user_json_write(w, u, time_now());
}

const struct store_user_json user_json_audit = {.user = audit_user,
                                                .role_change = user_json_role_change};
