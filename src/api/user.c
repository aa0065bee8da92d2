/* user.c - account administration: list, create, update, lock, unlock, reset password, export.
 * Separation of duties (core/account.h): the system administrator manages the ordinary
 * accounts, the security officer the guarded ones (auditor, supervisor, security officer);
 * a change by the administrator that widens what an account may approve (its role's approving
 * permissions, their scope, or a move to an organization holding a capability its own lacks)
 * becomes a role change pending for the security officer (role_change.c decides it). Must not
 * write SQL or hash outside app/password.c. */
#include "api/api.h"
#include "api/capability.h"
#include "api/export.h"

#include "app/password.h"
#include "app/user_json.h"
#include "core/enums.h"
#include "core/personal.h"
#include "store/store_capability.h"
#include "store/store_org.h"

#include <string.h>

static int filter_from_query(struct api_ctx *c, struct store_user_filter *f, bool paged)
{
	int64_t status_code = 0;
	const char *status = api_query_str(c, "status");

	memset(f, 0, sizeof(*f));
	f->q = api_query_str(c, "q");
	f->role = api_query_str(c, "role");
	f->now = c->now;
	if (f->role && !account_role_valid(f->role))
		return api_error(c, 400, "invalid_parameter", "角色无效", "role");
	if (status && !strcmp(status, "active"))
		status_code = 1;
	else if (status && !strcmp(status, "locked"))
		status_code = 2;
	else if (status && !strcmp(status, "waiting"))
		status_code = 3;
	else if (status)
		return api_error(c, 400, "invalid_parameter",
		                 "状态应为 active（正常）、locked（已锁定）或 waiting（登录受限）",
		                 "status");
	f->status = (int)status_code;
	f->org_id = api_query_int(c, "org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_user_filter f;
	struct store_user *users;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_user_list(c->db, c->a, &f, &users, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	/* phones are personal: in full only for an organization holding read_personal */
	if (api_reveal_personal(c) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		user_json_write(&c->w, &users[i], c->now);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* Reads display name, org, role and scope from the body into u and checks them. stored: the
 * account's phone as stored (NULL for a new account): a reader without read_personal sees it
 * masked, and its form sends the mask back unchanged, which means the phone stays. */
static int read_body(struct api_ctx *c, struct store_user *u, const char *stored)
{
	struct store_org o;
	int rc;

	u->display_name = api_body_str(c, "display_name");
	u->org_id = api_body_int(c, "org_id");
	u->role = api_body_str(c, "role");
	u->data_scope = api_body_str(c, "data_scope");
	u->scope_org_ids = api_body_ints(c, "scope_org_ids", &u->nscope);
	u->phone = api_body_str(c, "phone");
	u->job_title = api_body_str(c, "job_title");
	if (u->phone && !*u->phone)
		u->phone = NULL;
	if (u->phone && stored && !strcmp(u->phone, personal_masked(c->a, PERSONAL_PHONE, stored)))
		u->phone = stored;
	if (u->job_title && !*u->job_title)
		u->job_title = NULL;
	if (u->phone && !account_phone_valid(u->phone))
		return api_error(c, 400, "invalid_value", "手机号码格式不正确", "/phone");
	if (!account_role_valid(u->role))
		return api_error(c, 400, "invalid_value", "角色无效", "/role");
	if (!u->data_scope)
		u->data_scope = account_default_scope(u->role);
	if (!account_scope_valid(u->data_scope))
		return api_error(c, 400, "invalid_value", "数据权限无效", "/data_scope");
	if (!strcmp(u->data_scope, "custom") && u->nscope == 0)
		return api_error(c, 400, "missing_field", "自定义数据权限须至少选择一个机构",
		                 "/scope_org_ids");
	if (strcmp(u->data_scope, "custom") != 0)
		u->nscope = 0;
	rc = store_org_get(c->db, c->a, u->org_id, &o);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "所属机构不存在", "/org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < u->nscope; i++) {
		rc = store_org_get(c->db, c->a, u->scope_org_ids[i], &o);
		if (rc == KFQ_ENOTFOUND)
			return api_error(c, 400, "invalid_value", "自定义数据权限中的机构不存在",
			                 arena_printf(c->a, "/scope_org_ids/%d", i));
		if (rc != KFQ_OK)
			return api_store_error(c, rc);
	}
	return 0;
}

static int reply_user(struct api_ctx *c, int64_t id, int status)
{
	struct store_user u;
	int rc = store_user_get(c->db, c->a, id, &u);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (api_reveal_personal(c) != 0)
		return -1;
	user_json_write(&c->w, &u, c->now);
	return api_ok(c, status);
}

/* May the caller create, change, lock, unlock or reset an account of this role? Else 403. */
static int may_manage(struct api_ctx *c, const char *role, const char *field)
{
	if (account_may_manage(c->sess.user.role, role))
		return 0;
	return api_error(c, 403, "forbidden",
	                 account_role_guarded(role)
	                     ? "审计员、监督部门和安全管理员的账号只能由安全管理员管理"
	                     : "安全管理员只管理审计员、监督部门和安全管理员的账号",
	                 field);
}

static int create(struct api_ctx *c)
{
	struct store_user u = {0};
	const char *pw = api_body_str(c, "password");
	char hash[PASSWORD_HASH_MAX];
	enum password_verdict v;
	int rc;

	u.username = api_body_str(c, "username");
	if (!account_username_valid(u.username))
		return api_error(c, 400, "invalid_value", "用户名须为3至32位字母、数字或 _ . -",
		                 "/username");
	if (read_body(c, &u, NULL) != 0 || may_manage(c, u.role, "/role") != 0)
		return -1;
	if ((v = account_password_check(pw)) != PASSWORD_OK)
		return api_error(c, 400, "weak_password", account_password_message(v), "/password");
	if (password_hash(pw, hash) != KFQ_OK)
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	/* an administrator or the security officer chose this password: its owner replaces it at
	 * first login */
	u.must_change = true;
	rc = store_user_create(c->db, &c->actor, &user_json_audit, &u, hash);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "username_taken", "用户名已存在（不区分大小写）",
		                 "/username");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_user(c, u.id, 201);
}

/* Loads the :id account if the caller may manage it. */
static int load(struct api_ctx *c, struct store_user *u)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_user_get(c->db, c->a, id, u)) != KFQ_OK)
		return api_store_error(c, rc);
	return may_manage(c, u->role, NULL);
}

static void grant_of(const struct store_user *u, struct account_grant *g)
{
	g->role = u->role;
	g->scope = u->data_scope;
	g->org_id = u->org_id;
	g->orgs = u->scope_org_ids;
	g->norgs = u->nscope;
}

/* A change that widens what the account may approve, asked by someone other than the security
 * officer, waits for the security officer: 202 with the pending role change. */
static int propose(struct api_ctx *c, const struct store_user *to)
{
	struct store_role_change change;
	int64_t id;
	int rc = store_role_change_propose(c->db, &c->actor, &user_json_audit, to, &id);

	if (rc == KFQ_OK)
		rc = store_role_change_get(c->db, c->a, id, &change);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	user_json_role_change(&c->w, &change);
	return api_ok(c, 202);
}

/* Does organization `to` hold a capability (职能授权) that `from` does not? What an account may
 * approve is also its organization's capabilities (confirm_revenue, approve_staffing, …): an
 * account moved there may approve more. */
static int gains_capability(struct api_ctx *c, int64_t from, int64_t to, bool *gains)
{
	const char **had, **has;
	int nhad, nhas, rc;

	*gains = false;
	if (from == to)
		return 0;
	if ((rc = store_capability_of_org(c->db, c->a, from, &had, &nhad)) != KFQ_OK ||
	    (rc = store_capability_of_org(c->db, c->a, to, &has, &nhas)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < nhas && !*gains; i++) {
		bool held = false;
		for (int k = 0; k < nhad && !held; k++)
			held = !strcmp(has[i], had[k]);
		*gains = !held;
	}
	return 0;
}

static int update(struct api_ctx *c)
{
	struct store_user old, u;
	struct account_grant from, to;
	bool gains;
	int rc;

	if (load(c, &old) != 0)
		return -1;
	u = old;
	if (read_body(c, &u, old.phone) != 0 || may_manage(c, u.role, "/role") != 0)
		return -1;
	if (u.id == c->sess.user.id && strcmp(u.role, old.role) != 0)
		return api_error(c, 400, "invalid_value", "不能修改自己的角色", "/role");
	grant_of(&old, &from);
	grant_of(&u, &to);
	if (!(account_role_perms(c->sess.user.role) & PERM_ACCOUNT_SECURITY)) {
		if (gains_capability(c, old.org_id, u.org_id, &gains) != 0)
			return -1;
		if (gains || account_widens_approval(&from, &to))
			return propose(c, &u);
	}
	if ((rc = store_user_update(c->db, &c->actor, &user_json_audit, &u)) != KFQ_OK)
		return api_store_error(c, rc);
	return reply_user(c, u.id, 200);
}

static int set_lock(struct api_ctx *c, bool lock)
{
	struct store_user u;
	int rc;

	if (load(c, &u) != 0)
		return -1;
	if (lock && u.id == c->sess.user.id)
		return api_error(c, 400, "invalid_value", "不能锁定自己的账号", NULL);
	/* locking a locked account changes nothing: refused, not written to the audit log as a
	 * change (unlocking always lifts its name's waits at every address, locked or not) */
	if (lock && u.locked_until == ACCOUNT_ADMIN_LOCK_UNTIL)
		return api_error(c, 409, "invalid_state", "该账号已锁定", NULL);
	rc = store_user_set_lock(c->db, &c->actor, &user_json_audit, u.id,
	                         lock ? ACCOUNT_ADMIN_LOCK_UNTIL : 0, lock ? "lock" : "unlock");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_user(c, u.id, 200);
}

static int lock(struct api_ctx *c)
{
	return set_lock(c, true);
}

static int unlock(struct api_ctx *c)
{
	return set_lock(c, false);
}

static int reset_password(struct api_ctx *c)
{
	struct store_user u;
	char pw[PASSWORD_RANDOM_MAX], hash[PASSWORD_HASH_MAX];
	int rc;

	if (load(c, &u) != 0)
		return -1;
	/* one's own password is changed knowing the old one (PUT /api/session/password): a reset
	 * would let a session left open take the account */
	if (u.id == c->sess.user.id)
		return api_error(c, 400, "invalid_value",
		                 "不能重置自己的密码，请在个人中心修改密码", NULL);
	password_random(pw);
	if (password_hash(pw, hash) != KFQ_OK)
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	rc = store_user_set_password(c->db, &c->actor, &user_json_audit, u.id, hash, true,
	                             "reset_password", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	http_resp_header(c->req, "Cache-Control", "no-store");
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "password", pw);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* what an account row of the export needs */
struct user_export {
	struct export_table x;
	bool reveal; /* the phone unmasked */
	int64_t now; /* locked until later: 已锁定 */
};

/* store_each_fn: one account as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct user_export *e = ctx;
	struct export_table *x = &e->x;
	const struct store_user *u = element;

	export_int(x, u->id);
	export_text(x, u->username);
	export_text(x, u->display_name);
	export_text(x, u->org_name);
	export_text(x, u->job_title);
	export_text(x, personal_view(export_row_arena(x), PERSONAL_PHONE, u->phone, e->reveal));
	export_text(x, enum_label(&enum_role, u->role));
	export_text(x, enum_label(&enum_data_scope, u->data_scope));
	export_text(x, u->locked_until > e->now ? "已锁定" : "正常");
	export_time(x, u->created_at);
	export_time(x, u->last_login_at);
	export_end_row(x);
	return 0;
}

/* The accounts as .xlsx or CSV, with the list's filters: written out one at a time as the store
 * reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"编号", "用户名",   "姓名",    "所属机构",
	                                      "职务", "手机",     "角色",    "数据权限",
	                                      "状态", "创建时间", "最后登录"};
	static const double widths[] = {8, 16, 14, 30, 16, 16, 12, 14, 8, 22, 22};
	struct store_user_filter f;
	struct user_export e = {.now = c->now};
	int rc;

	if (filter_from_query(c, &f, false) != 0 || api_reveal_personal(c) != 0 ||
	    export_begin(c, &e.x, "用户", headers, widths, 11) != 0)
		return -1;
	e.reveal = c->w.reveal_personal;
	if ((rc = store_user_each(c->db, c->a, &f, export_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.x, "用户");
}

#define USER_FILTER                                                                                \
	API_QSTR("q", 100), API_QSTR("role", 16), API_ID_FIELD("org_id", false),                   \
	    API_QSTR("status", 16)
static const struct api_field list_query[] = {USER_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {USER_FILTER, API_FIELDS_END};

static const struct api_field create_body[] = {
    {"username", API_STR, true, 32},     {"display_name", API_STR, true, ACCOUNT_DISPLAY_NAME_MAX},
    API_ID_FIELD("org_id", true),        {"role", API_STR, true, 16},
    {"data_scope", API_STR, false, 16},  API_IDS_FIELD("scope_org_ids", false, 500),
    {"password", API_SECRET, true, 256}, {"phone", API_STR, false, 20},
    {"job_title", API_STR, false, 64},   {NULL, 0, false, 0},
};

static const struct api_field update_body[] = {
    {"display_name", API_STR, true, ACCOUNT_DISPLAY_NAME_MAX},
    API_ID_FIELD("org_id", true),
    {"role", API_STR, true, 16},
    {"data_scope", API_STR, false, 16},
    API_IDS_FIELD("scope_org_ids", false, 500),
    {"phone", API_STR, false, 20},
    {"job_title", API_STR, false, 64},
    {NULL, 0, false, 0},
};

static const struct api_field no_fields[] = {{NULL, 0, false, 0}};

/* who may change which account is decided per account (may_manage) */
const struct api_route api_user_routes[] = {
    {"GET", "/api/users", list, PERM_USER_READ, 0, list_query, NULL},
    {"GET", "/api/users/export.xlsx", export, PERM_USER_READ, 0, export_query, NULL},
    {"GET", "/api/users/export.csv", export, PERM_USER_READ, 0, export_query, NULL},
    {"POST", "/api/users", create, PERM_USER_READ, 0, NULL, create_body},
    {"PUT", "/api/users/:id", update, PERM_USER_READ, 0, NULL, update_body},
    {"POST", "/api/users/:id/lock", lock, PERM_USER_READ, 0, NULL, no_fields},
    {"POST", "/api/users/:id/unlock", unlock, PERM_USER_READ, 0, NULL, no_fields},
    {"POST", "/api/users/:id/reset-password", reset_password, PERM_USER_READ, 0, NULL, no_fields},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
