/* session.c - sign in, the current session, sign out, change password.
 * Lockout decisions come from core/account.c; this file applies them and sets the cookie. */
#include "api/api.h"

#include "app/password.h"
#include "app/user_json.h"
#include "util/log.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define COOKIE "kfq_session"

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	if (password_hash("kfq-dummy-Passw0rd!", dummy_hash) != KFQ_OK)
		fatal("cannot compute the dummy password hash");
}

/* The session's answer: the CSRF token, the user, and what the user may do. */
static int write_session(struct api_ctx *c, const struct store_user *u, const char *csrf)
{
	jsonw_obj_open(&c->w);
	if (api_write_rights(c, u) != 0)
		return -1;
	jsonw_kstr(&c->w, "csrf_token", csrf);
	jsonw_key(&c->w, "user");
	user_json_write(&c->w, u, c->now);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static void random_token(char *out, size_t outlen)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, outlen, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int locked_error(struct api_ctx *c, int64_t until)
{
	if (until >= ACCOUNT_ADMIN_LOCK_UNTIL)
		return api_error(c, 423, "account_locked", "账号已被管理员锁定，请联系系统管理员",
		                 NULL);
	int64_t minutes = (until - c->now + 59) / 60;
	return api_error(c, 423, "account_locked",
	                 arena_printf(c->a,
	                              "连续登录失败次数过多，账号已锁定15分钟，请%lld分钟后再试",
	                              (long long)(minutes > 0 ? minutes : 1)),
	                 NULL);
}

static int login(struct api_ctx *c)
{
	const char *username = api_body_str(c, "username");
	const char *password = api_body_str(c, "password");
	struct store_user u;
	struct lockout_state cur, next;
	char token[64], csrf[64], th[65], rehash[PASSWORD_HASH_MAX];
	bool rehashed = false;
	int rc;

	c->actor.username = username;
	rc = store_user_get_auth(c->db, c->a, username, &u);
	if (rc == KFQ_ENOTFOUND) {
		/* spend the same time as a real check, so names cannot be probed */
		pthread_once(&dummy_once, make_dummy);
		(void)password_verify(dummy_hash, password);
		return api_error(c, 401, "invalid_credentials", "用户名或密码错误", NULL);
	}
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	c->actor.user_id = u.id;
	c->actor.org_id = u.org_id;
	cur.failed = u.failed_count;
	cur.locked_until = u.locked_until;
	if (account_is_locked(&cur, c->now))
		return locked_error(c, cur.locked_until);
	bool ok = password_verify(u.password_hash, password);
	for (int attempt = 0;; attempt++) {
		enum login_verdict v = account_login_decide(&cur, ok, c->now, &next);
		if (v == LOGIN_OK)
			break;
		rc = store_user_login_failed(c->db, &c->actor, &user_json_audit, u.id, cur.failed,
		                             cur.locked_until, v == LOGIN_LOCKED ? 0 : next.failed,
		                             v == LOGIN_LOCKED ? next.locked_until : 0);
		if (rc == KFQ_ECONFLICT && attempt < 8) {
			/* another login for this account counted first: count on top of it */
			if ((rc = store_user_get_auth(c->db, c->a, username, &u)) != KFQ_OK)
				return api_store_error(c, rc);
			cur.failed = u.failed_count;
			cur.locked_until = u.locked_until;
			if (account_is_locked(&cur, c->now))
				return locked_error(c, cur.locked_until);
			continue;
		}
		if (rc != KFQ_OK)
			return api_store_error(c, rc);
		if (v == LOGIN_LOCKED)
			return locked_error(c, next.locked_until);
		/* the same answer as for an unknown name: it must not tell which names exist */
		return api_error(c, 401, "invalid_credentials", "用户名或密码错误", NULL);
	}
	if (password_needs_rehash(u.password_hash) && password_hash(password, rehash) == KFQ_OK)
		rehashed = true;
	random_token(token, sizeof(token));
	random_token(csrf, sizeof(csrf));
	api_token_hash(token, th);
	rc = store_user_login_ok(c->db, &c->actor, &user_json_audit, u.id, th, csrf,
	                         rehashed ? rehash : NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	http_resp_header(c->req, "Set-Cookie",
	                 arena_printf(c->a, COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s", token,
	                              c->req->tls ? "; Secure" : ""));
	http_resp_header(c->req, "Cache-Control", "no-store");
	if ((rc = store_user_get(c->db, c->a, u.id, &u)) != KFQ_OK)
		return api_store_error(c, rc);
	return write_session(c, &u, csrf);
}

static int current(struct api_ctx *c)
{
	http_resp_header(c->req, "Cache-Control", "no-store");
	return write_session(c, &c->sess.user, c->sess.csrf);
}

static int logout(struct api_ctx *c)
{
	int rc = store_session_delete(c->db, &c->actor, c->token_hash);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	http_resp_header(c->req, "Set-Cookie",
	                 COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	c->req->resp.status = 204;
	return 0;
}

static int change_password(struct api_ctx *c)
{
	const char *old_pw = api_body_str(c, "old_password");
	const char *new_pw = api_body_str(c, "new_password");
	struct store_user u;
	char hash[PASSWORD_HASH_MAX];
	enum password_verdict v;
	int rc;

	if ((rc = store_user_get_auth(c->db, c->a, c->sess.user.username, &u)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!password_verify(u.password_hash, old_pw))
		return api_error(c, 400, "wrong_password", "原密码不正确", "/old_password");
	if ((v = account_password_check(new_pw)) != PASSWORD_OK)
		return api_error(c, 400, "weak_password", account_password_message(v),
		                 "/new_password");
	if (!strcmp(old_pw, new_pw))
		return api_error(c, 400, "same_password", "新密码不能与原密码相同",
		                 "/new_password");
	if (password_hash(new_pw, hash) != KFQ_OK)
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	rc = store_user_set_password(c->db, &c->actor, &user_json_audit, u.id, hash, false,
	                             "change_password", c->token_hash);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

static const struct api_field login_body[] = {
    {"username", API_STR, true, 64},
    {"password", API_SECRET, true, 256},
    {NULL, 0, false, 0},
};

static const struct api_field password_body[] = {
    {"old_password", API_SECRET, true, 256},
    {"new_password", API_SECRET, true, 256},
    {NULL, 0, false, 0},
};

const struct api_route api_session_routes[] = {
    {"POST", "/api/session", login, 0, API_PUBLIC, NULL, login_body},
    {"GET", "/api/session", current, 0, API_MUST_CHANGE, NULL, NULL},
    {"DELETE", "/api/session", logout, 0, API_MUST_CHANGE, NULL, NULL},
    {"PUT", "/api/session/password", change_password, 0, API_MUST_CHANGE, NULL, password_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
