/* store_user.c - accounts and sessions in SQL, each change audited in its transaction.
 * Must not hash passwords or limit logins: api/ and core/ do; this file records. */
#include "store/store_user.h"
#include "store/store_user_impl.h"

#include "core/account.h"
#include "store/store_ratelimit.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_COLS                                                                                  \
	"u.id, u.username, u.display_name, u.org_id, o.name, u.role, u.data_scope, "               \
	"u.must_change, u.failed_count, u.locked_until, u.created_at, u.last_login_at, "           \
	"u.password_hash, u.phone, u.job_title"
#define USER_FROM " FROM app_user u JOIN org o ON o.id = u.org_id"
/* the rate-limit rows of the name's waits (core/account.h's keys "login-name:NAME@ADDR"): by
 * substr, as a name's _ would be a LIKE wildcard */
#define USER_WAITS                                                                                 \
	"FROM rate_limit r WHERE substr(r.key, 1, length(u.username) + 12) = 'login-name:' || "    \
	"u.username || '@'"
/* filter: ?1 q, ?2 role, ?3 org, ?4 status (1 active, 2 locked, 3 not locked but waiting
 * after failed logins), ?5 now */
#define USER_WHERE                                                                                 \
	" WHERE (CAST(?1 AS TEXT) IS NULL OR u.username LIKE ?1 ESCAPE '\\' "                      \
	"OR u.display_name LIKE ?1 ESCAPE '\\') "                                                  \
	"AND (CAST(?2 AS TEXT) IS NULL OR u.role = ?2) AND (?3 = 0 OR u.org_id = ?3) "             \
	"AND (?4 = 0 OR (?4 = 1 AND COALESCE(u.locked_until, 0) <= ?5) "                           \
	"OR (?4 = 2 AND COALESCE(u.locked_until, 0) > ?5) "                                        \
	"OR (?4 = 3 AND COALESCE(u.locked_until, 0) <= ?5 AND EXISTS (SELECT 1 " USER_WAITS        \
	" AND r.blocked_until > ?5)))"

static const char sql_list_count[] = "SELECT COUNT(*)" USER_FROM USER_WHERE;
/* with the latest wait on the name */
static const char sql_list[] =
    "SELECT " USER_COLS ", (SELECT COALESCE(MAX(r.blocked_until), 0) " USER_WAITS
    ")" USER_FROM USER_WHERE " ORDER BY u.id LIMIT ?6 OFFSET ?7";
static const char sql_get[] = "SELECT " USER_COLS USER_FROM " WHERE u.id = ?1";
static const char sql_get_name[] = "SELECT " USER_COLS USER_FROM " WHERE u.username = ?1";
/* the custom scopes of a set of accounts (store_ids_text) */
static const char *const sql_scopes[] = {
    "SELECT user_id, org_id FROM user_scope_org WHERE user_id" STORE_IDS_IN_SQLITE(
        "?1") " ORDER BY user_id, org_id",
    "SELECT user_id, org_id FROM user_scope_org WHERE user_id" STORE_IDS_IN_PG(
        "?1") " ORDER BY user_id, org_id"};
static const char sql_count[] = "SELECT COUNT(*) FROM app_user";
static const char sql_by_role[] = "SELECT role, COUNT(*) FROM app_user GROUP BY role ORDER BY role";
static const char sql_insert[] =
    "INSERT INTO app_user (username, display_name, org_id, role, data_scope, password_hash, "
    "must_change, created_at, updated_at, phone, job_title) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10) RETURNING id";
static const char sql_update[] = "UPDATE app_user SET display_name = ?2, org_id = ?3, role = ?4, "
                                 "data_scope = ?5, updated_at = ?6, phone = ?7, job_title = ?8 "
                                 "WHERE id = ?1";
static const char sql_del_scope[] = "DELETE FROM user_scope_org WHERE user_id = ?1";
static const char sql_add_scope[] = "INSERT INTO user_scope_org (user_id, org_id) VALUES (?1, ?2)";
static const char sql_set_pw[] = "UPDATE app_user SET password_hash = ?2, must_change = ?3, "
                                 "updated_at = ?4 WHERE id = ?1";
static const char sql_pw_is[] = "SELECT id FROM app_user WHERE id = ?1 AND password_hash = ?2";
static const char sql_set_lock[] = "UPDATE app_user SET locked_until = ?2, failed_count = ?3, "
                                   "updated_at = ?4 WHERE id = ?1";
static const char sql_username[] = "SELECT username FROM app_user WHERE id = ?1";
/* names are ASCII (account_username_valid): lower() folds them alike on both databases */
static const char sql_name_taken[] =
    "SELECT id FROM app_user WHERE lower(username) = lower(?1) LIMIT 1";
static const char sql_failed[] =
    "UPDATE app_user SET failed_count = failed_count + 1 WHERE id = ?1";
static const char sql_login_ok[] = "UPDATE app_user SET failed_count = 0, locked_until = NULL, "
                                   "last_login_at = ?2 WHERE id = ?1";
static const char sql_rehash[] = "UPDATE app_user SET password_hash = ?2 WHERE id = ?1";
static const char sql_kill_sessions[] =
    "DELETE FROM session WHERE user_id = ?1 AND token_hash <> COALESCE(CAST(?2 AS TEXT), '')";
static const char sql_sess_insert[] =
    "INSERT INTO session (token_hash, user_id, csrf_token, client_addr, created_at, last_seen) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* the session, its user, the audit head and, in the same snapshot, the session_version that
 * store_session_confirm compares with */
static const char sql_sess_get[] =
    "SELECT " USER_COLS ", s.csrf_token, s.last_seen, (SELECT hash FROM audit_head WHERE id = 1), "
    "(SELECT v FROM session_version WHERE id = 1) "
    "FROM session s JOIN app_user u ON u.id = s.user_id JOIN org o ON o.id = u.org_id "
    "WHERE s.token_hash = ?1";
static const char sql_sess_touch[] = "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1";
static const char sql_sess_delete[] = "DELETE FROM session WHERE token_hash = ?1";
static const char sql_sess_expire[] = "DELETE FROM session WHERE last_seen < ?1";

/* element: a struct store_user without its custom scope and password hash */
static void read_user(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_user *u = element;

	memset(u, 0, sizeof(*u));
	u->id = store_col_int(st, 0);
	u->username = store_col_dup(st, 1, a);
	u->display_name = store_col_dup(st, 2, a);
	u->org_id = store_col_int(st, 3);
	u->org_name = store_col_dup(st, 4, a);
	u->role = store_col_dup(st, 5, a);
	u->data_scope = store_col_dup(st, 6, a);
	u->must_change = store_col_int(st, 7) != 0;
	u->failed_count = (int)store_col_int(st, 8);
	u->locked_until = store_col_int(st, 9);
	u->created_at = store_col_dup(st, 10, a);
	u->last_login_at = store_col_dup(st, 11, a);
	u->phone = store_col_dup(st, 13, a);
	u->job_title = store_col_dup(st, 14, a);
}

/* element: a struct store_user of sql_list, with its wait */
static void read_user_listed(struct store_stmt *st, struct arena *a, void *element)
{
	read_user(st, a, element);
	((struct store_user *)element)->login_wait_until = store_col_int(st, 15);
}

/* the custom scopes of the accounts u[0..n), in one statement whatever n */
static int load_scope(struct store *s, struct arena *a, struct store_user *u, int n)
{
	struct store_stmt *st;
	int64_t *ids, *users = NULL, *orgs = NULL;
	int cap = 0, cap2 = 0;
	int m = 0, rc;

	if (n == 0)
		return KFQ_OK;
	ids = arena_alloc(a, (size_t)n * sizeof(*ids));
	for (int i = 0; i < n; i++)
		ids[i] = u[i].id;
	if ((rc = store_prepare(s, sql_scopes[store_kind(s) == STORE_PG], &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, store_ids_text(s, a, ids, n));
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (m == cap) {
			users = arena_grow(a, users, sizeof(*users), &cap);
			orgs = arena_grow(a, orgs, sizeof(*orgs), &cap2);
		}
		users[m] = store_col_int(st, 0);
		orgs[m++] = store_col_int(st, 1);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	/* the rows come grouped by account: each one's run of them */
	for (int i = 0; i < n; i++) {
		u[i].scope_org_ids = NULL;
		u[i].nscope = 0;
		for (int j = 0; j < m && !u[i].nscope; j++)
			if (users[j] == u[i].id) {
				u[i].scope_org_ids = &orgs[j];
				while (j + u[i].nscope < m && users[j + u[i].nscope] == u[i].id)
					u[i].nscope++;
			}
	}
	return KFQ_OK;
}

/* arg: the struct list_arg of store_user_list */
struct list_arg {
	const struct store_user_filter *f;
	const char *like;
};

static void bind_list(struct store_stmt *st, const void *arg)
{
	const struct list_arg *x = arg;

	store_bind_text(st, 1, x->like);
	store_bind_text(st, 2, x->f->role);
	store_bind_int(st, 3, x->f->org_id);
	store_bind_int(st, 4, x->f->status);
	store_bind_int(st, 5, x->f->now);
}

/* the accounts f selects; arg: f with its LIKE pattern, in a */
static struct store_list user_list(struct arena *a, const struct store_user_filter *f,
                                   struct list_arg *arg)
{
	*arg = (struct list_arg){f, store_like_contains(a, f->q)};
	return (struct store_list){
	    .count_sql = sql_list_count,
	    .list_sql = sql_list,
	    .limit_param = 6,
	    .offset = f->offset,
	    .limit = f->limit,
	    .bind = bind_list,
	    .arg = arg,
	    .read = read_user_listed,
	    .elem_size = sizeof(struct store_user),
	};
}

int store_user_list(struct store *s, struct arena *a, const struct store_user_filter *f,
                    struct store_user **out, int *n, int64_t *total)
{
	struct list_arg arg;
	struct store_list l = user_list(a, f, &arg);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc == KFQ_OK ? load_scope(s, a, *out, *n) : rc;
}

int store_user_each(struct store *s, struct arena *a, const struct store_user_filter *f,
                    store_each_fn fn, void *ctx)
{
	struct list_arg arg;
	struct store_list l = user_list(a, f, &arg);

	return store_list_each(s, &l, fn, ctx);
}

/* element: a struct store_user with its password hash */
static void read_user_auth(struct store_stmt *st, struct arena *a, void *element)
{
	read_user(st, a, element);
	((struct store_user *)element)->password_hash = store_col_dup(st, 12, a);
}

static int get_one(struct store *s, struct arena *a, const char *sql, int64_t id, const char *name,
                   struct store_user *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (name)
		store_bind_text(st, 1, name);
	else
		store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, name ? read_user_auth : read_user, out)) != KFQ_OK)
		return rc;
	return load_scope(s, a, out, 1);
}

int store_user_get(struct store *s, struct arena *a, int64_t id, struct store_user *out)
{
	return get_one(s, a, sql_get, id, NULL, out);
}

int store_user_get_auth(struct store *s, struct arena *a, const char *username,
                        struct store_user *out)
{
	return get_one(s, a, sql_get_name, 0, username, out);
}

int store_user_count(struct store *s, int64_t *n)
{
	return store_query_int(s, sql_count, n);
}

int store_user_count_by_role(struct store *s, void (*fn)(void *arg, const char *role, int64_t n),
                             void *arg)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_by_role, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW)
		fn(arg, store_col_text(st, 0), store_col_int(st, 1));
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* Runs a write whose parameters are, in order, (id, text, int, text), the first `nparams` of
 * them bound (NULL text = SQL NULL); expects no rows. */
static int run(struct store *s, const char *sql, int nparams, int64_t id, const char *t2,
               int64_t i3, const char *t4)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if (nparams >= 2)
		store_bind_text(st, 2, t2);
	if (nparams >= 3)
		store_bind_int(st, 3, i3);
	if (nparams >= 4)
		store_bind_text(st, 4, t4);
	return store_run(st);
}

static int write_scope(struct store *s, const struct store_user *u)
{
	struct store_stmt *st;
	int rc = run(s, sql_del_scope, 1, u->id, NULL, 0, NULL);

	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_add_scope, &st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < u->nscope && rc == KFQ_OK; i++) {
		store_bind_int(st, 1, u->id);
		store_bind_int(st, 2, u->scope_org_ids[i]);
		rc = store_run(st);
	}
	return rc;
}

int store_user_entity(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_user_json *shape = json;
	struct store_user u;
	int rc;

	if ((rc = store_user_get(s, a, id, &u)) == KFQ_OK)
		shape->user(w, &u);
	return rc;
}

/* Begins a write transaction and captures the user's state before the change. */
static int begin_change(struct store *s, const struct store_user_json *json, int64_t id,
                        char **before)
{
	return store_begin_change(s, id, store_user_entity, json, before);
}

/* Audits, commits, or rolls back on any error; frees before. */
static int end_change(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, const char *action, int64_t id,
                      char *before, int rc)
{
	if (rc == KFQ_OK)
		rc =
		    store_audit_entity(s, who, action, "user", id, before, store_user_entity, json);
	free(before);
	return store_end(s, rc);
}

int store_user_create(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, struct store_user *u,
                      const char *password_hash)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	/* one name whatever its letters' case: Zhang and zhang would be told apart by nobody */
	if ((rc = store_prepare(s, sql_name_taken, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, u->username);
	if ((rc = store_run_id(st, &u->id)) != KFQ_ENOTFOUND) {
		u->id = 0;
		rc = rc == KFQ_OK ? KFQ_ECONFLICT : rc;
		goto done;
	}
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, u->username);
	store_bind_text(st, 2, u->display_name);
	store_bind_int(st, 3, u->org_id);
	store_bind_text(st, 4, u->role);
	store_bind_text(st, 5, u->data_scope);
	store_bind_text(st, 6, password_hash);
	store_bind_int(st, 7, u->must_change);
	store_bind_text(st, 8, now);
	store_bind_text(st, 9, u->phone);
	store_bind_text(st, 10, u->job_title);
	if ((rc = store_run_id(st, &u->id)) == KFQ_OK)
		rc = write_scope(s, u);
done:
	return end_change(s, who, json, "create", u->id, NULL, rc);
}

int store_user_write_row(struct store *s, const struct store_user *u)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, u->id);
	store_bind_text(st, 2, u->display_name);
	store_bind_int(st, 3, u->org_id);
	store_bind_text(st, 4, u->role);
	store_bind_text(st, 5, u->data_scope);
	store_bind_text(st, 6, now);
	store_bind_text(st, 7, u->phone);
	store_bind_text(st, 8, u->job_title);
	if ((rc = store_run(st)) != KFQ_OK)
		return rc;
	return write_scope(s, u);
}

int store_user_update(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, const struct store_user *u)
{
	char *before;
	int rc;

	if ((rc = begin_change(s, json, u->id, &before)) != KFQ_OK)
		return rc;
	/* a change proposed before this one was proposed against what is no longer there */
	if ((rc = store_role_change_supersede(s, who, json, u->id)) == KFQ_OK)
		rc = store_user_write_row(s, u);
	return end_change(s, who, json, "update", u->id, before, rc);
}

/* The password of id set to hash; was (NULL: any) the hash it must still have, in the
 * transaction (KFQ_ECONFLICT when another change came first). */
static int set_password(struct store *s, const struct store_actor *who,
                        const struct store_user_json *json, int64_t id, const char *was,
                        const char *hash, bool must_change, const char *action,
                        const char *keep_session)
{
	char now[TIME_RFC3339_LEN], *before;
	struct store_stmt *st;
	int rc;

	time_format(time_now(), now);
	if ((rc = begin_change(s, json, id, &before)) != KFQ_OK)
		return rc;
	if (was && (rc = store_prepare(s, sql_pw_is, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, was);
		if ((rc = store_run_id(st, NULL)) == KFQ_ENOTFOUND)
			rc = KFQ_ECONFLICT;
	}
	/* the sessions first, in the order an expiry's one statement takes them: their rows,
	 * then session_version's (which the account's update moves too), so that the two wait
	 * for each other instead of deadlocking (migration 0075, DECISIONS 191) */
	if (rc == KFQ_OK)
		rc = run(s, sql_kill_sessions, 2, id, keep_session, 0, NULL);
	if (rc == KFQ_OK)
		rc = run(s, sql_set_pw, 4, id, hash, must_change, now);
	return end_change(s, who, json, action, id, before, rc);
}

int store_user_set_password(struct store *s, const struct store_actor *who,
                            const struct store_user_json *json, int64_t id, const char *hash,
                            bool must_change, const char *action, const char *keep_session)
{
	return set_password(s, who, json, id, NULL, hash, must_change, action, keep_session);
}

int store_user_change_password(struct store *s, const struct store_actor *who,
                               const struct store_user_json *json, int64_t id, const char *was,
                               const char *hash, const char *keep_session)
{
	return set_password(s, who, json, id, was, hash, false, "change_password", keep_session);
}

static int set_lock(struct store *s, int64_t id, int64_t until, int failed)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	/* the sessions before the account, as in store_user_set_password */
	if (until && (rc = run(s, sql_kill_sessions, 2, id, NULL, 0, NULL)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_set_lock, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_id(st, 2, until);
	store_bind_int(st, 3, failed);
	store_bind_text(st, 4, now);
	return store_run(st);
}

/* element: the login-limit key prefix (char[ACCOUNT_LOGIN_KEY_MAX]) of a user name */
static void read_name_prefix(struct store_stmt *st, struct arena *a, void *element)
{
	(void)a;
	account_login_name_key(store_col_text(st, 0), NULL, element);
}

/* An unlock also lifts the waits of the account's name, from every address. */
static int forget_login_limits(struct store *s, int64_t id)
{
	struct store_stmt *st;
	char prefix[ACCOUNT_LOGIN_KEY_MAX];
	int rc;

	if ((rc = store_prepare(s, sql_username, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, NULL, read_name_prefix, prefix)) != KFQ_OK)
		return rc;
	return store_ratelimit_clear(s, prefix);
}

int store_user_set_lock(struct store *s, const struct store_actor *who,
                        const struct store_user_json *json, int64_t id, int64_t until,
                        const char *action)
{
	char *before;
	int rc;

	if ((rc = begin_change(s, json, id, &before)) != KFQ_OK)
		return rc;
	rc = set_lock(s, id, until, 0);
	if (rc == KFQ_OK && !until)
		rc = forget_login_limits(s, id);
	return end_change(s, who, json, action, id, before, rc);
}

int store_user_login_failed(struct store *s, const struct store_actor *who,
                            const struct store_user_json *json, int64_t id)
{
	char *before;
	int rc;

	if ((rc = begin_change(s, json, id, &before)) != KFQ_OK)
		return rc;
	rc = run(s, sql_failed, 1, id, NULL, 0, NULL);
	return end_change(s, who, json, "login_failed", id, before, rc);
}

int store_user_login_ok(struct store *s, const struct store_actor *who,
                        const struct store_user_json *json, int64_t id, const char *token_hash,
                        const char *csrf, const char *rehash)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int64_t t = time_now();
	int rc;

	time_format(t, now);
	if ((rc = begin_change(s, json, id, &before)) != KFQ_OK)
		return rc;
	rc = run(s, sql_login_ok, 2, id, now, 0, NULL);
	if (rc == KFQ_OK && rehash)
		rc = run(s, sql_rehash, 2, id, rehash, 0, NULL);
	if (rc != KFQ_OK || (rc = store_prepare(s, sql_sess_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, token_hash);
	store_bind_int(st, 2, id);
	store_bind_text(st, 3, csrf);
	store_bind_text(st, 4, who->client_addr);
	store_bind_text(st, 5, now);
	store_bind_int(st, 6, t);
	rc = store_run(st);
done:
	return end_change(s, who, json, "login", id, before, rc);
}

/* element: a struct store_session */
static void read_session(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_session *out = element;
	const char *head = store_col_text(st, 17);

	read_user(st, a, &out->user);
	out->csrf = store_col_dup(st, 15, a);
	out->last_seen = store_col_int(st, 16);
	snprintf(out->head, sizeof(out->head), "%s", head ? head : "");
	out->version = store_col_int(st, 18);
}

int store_session_get(struct store *s, struct arena *a, const char *token_hash,
                      struct store_session *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_sess_get, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, token_hash);
	if ((rc = store_row(st, a, read_session, out)) != KFQ_OK)
		return rc;
	/* only a custom scope has organizations of its own (api/user.c clears them otherwise);
	 * they are not in the session's row, so such a session is not kept to be confirmed by
	 * its row alone */
	if (!strcmp(out->user.data_scope, "custom"))
		return load_scope(s, a, &out->user, 1);
	store_session_keep(s, token_hash, out);
	return KFQ_OK;
}

int store_session_touch(struct store *s, const char *token_hash, int64_t now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_sess_touch, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, token_hash);
	store_bind_int(st, 2, now);
	return store_run(st);
}

int store_session_delete(struct store *s, const struct store_actor *who, const char *token_hash)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_sess_delete, &st)) == KFQ_OK) {
		store_bind_text(st, 1, token_hash);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "logout", "user", who->user_id, NULL, NULL);
	return store_end(s, rc);
}

int store_session_expire(struct store *s, int64_t cutoff)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_sess_expire, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, cutoff);
	return store_run(st);
}
