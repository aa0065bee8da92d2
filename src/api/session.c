/* session.c - sign in, the current session, sign out, change password.
 * The limits on failed logins come from core/account.c (api/ratelimit.c applies them); this
 * file answers alike for every failure and sets the cookie. A wrong current password in a
 * password change counts as a failed login. */
#include "api/api.h"

#include "app/password.h"
#include "app/user_json.h"
#include "util/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define COOKIE "kfq_session"

/* An argon2id hash of a random string nobody knows, made with the parameters of real hashes:
 * an unknown or locked name is checked against it, so that it costs what a wrong password
 * costs. If the parameters ever change, the first such login makes a new one like them. */
static const char dummy_default[] = "$argon2id$v=19$m=65536,t=2,p=1$buLN84a6spq8kyMI5t5amA$"
                                    "n5R5wFWmaQUPapA4dNtNNzIeLrZLtQtMxAS5xXztvHc";
static char dummy_made[PASSWORD_HASH_MAX];
static const char *dummy_hash = dummy_default;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static atomic_ullong dummy_hashes, throttled;

static void make_dummy(void)
{
	char pw[PASSWORD_RANDOM_MAX];

	if (!password_needs_rehash(dummy_default))
		return;
	password_random(pw);
	if (password_hash(pw, dummy_made) != KFQ_OK)
		fatal("cannot compute the dummy password hash");
	dummy_hash = dummy_made;
}

void api_login_metrics_write(struct strbuf *sb)
{
	strbuf_addf(
	    sb,
	    "# HELP kfq_login_dummy_hashes_total Logins of unknown or locked names, checked "
	    "against a dummy hash.\n"
	    "# TYPE kfq_login_dummy_hashes_total counter\nkfq_login_dummy_hashes_total %llu\n"
	    "# HELP kfq_login_throttled_total Logins and password changes refused because the "
	    "address or the name at that address failed too often.\n"
	    "# TYPE kfq_login_throttled_total counter\nkfq_login_throttled_total %llu\n",
	    atomic_load(&dummy_hashes), atomic_load(&throttled));
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

static int too_many(struct api_ctx *c, int64_t wait)
{
	atomic_fetch_add(&throttled, 1);
	http_resp_header(c->req, "Retry-After", arena_printf(c->a, "%lld", (long long)wait));
	return api_error(
	    c, 429, "too_many_attempts",
	    arena_printf(c->a, "登录失败次数过多，请%lld分钟后再试", (long long)((wait + 59) / 60)),
	    NULL);
}

/* The limiters' keys of a check of NAME's password from this client. 0 to go on; -1 when the
 * address or the name must wait (answered 429: nothing is looked up then) or on an error. */
static int must_wait(struct api_ctx *c, const char *name, char *akey, char *nkey)
{
	int64_t wa, wn;

	account_login_addr_key(c->req->client_addr, akey);
	account_login_name_key(name, c->req->client_addr, nkey);
	if (api_ratelimit_wait(c, akey, &wa) != 0 || api_ratelimit_wait(c, nkey, &wn) != 0)
		return -1;
	if (wa || wn)
		return too_many(c, wa > wn ? wa : wn);
	return 0;
}

/* A block this failure started (seconds > 0) goes into the audit chain with the address and
 * the name tried: once per block, when it starts; the attempts refused while it lasts are not
 * recorded, so that a flood of them cannot grow the log (DECISIONS 389). */
static int record_block(struct api_ctx *c, const char *limit, int64_t seconds)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int rc;

	if (!seconds)
		return 0;
	jsonw_init(&w, &sb);
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "address", c->req->client_addr);
	jsonw_kstr(&w, "limit", limit);
	jsonw_kint(&w, "seconds", seconds);
	jsonw_kstr(&w, "username", c->actor.username);
	jsonw_obj_close(&w);
	rc = store_audit_event(c->db, &c->actor, "login_blocked", "login_limit", limit, sb.buf);
	strbuf_release(&sb);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* A wrong password: recorded for an existing account, counted by both limiters. 0 when the
 * caller is to answer the failure itself; -1 when this failure made the address or the name
 * wait (answered 429) or on an error. */
static int count_failure(struct api_ctx *c, const struct store_user *u, const char *akey,
                         const char *nkey)
{
	int64_t ba, bn;
	int rc;

	if (u &&
	    (rc = store_user_login_failed(c->db, &c->actor, &user_json_audit, u->id)) != KFQ_OK)
		return api_store_error(c, rc);
	if (api_ratelimit_hit(c, akey, &account_login_addr_limit, &ba) != 0 ||
	    api_ratelimit_hit(c, nkey, &account_login_name_limit, &bn) != 0 ||
	    record_block(c, "address", ba) != 0 || record_block(c, "name", bn) != 0)
		return -1;
	if (ba || bn)
		return too_many(c, ba > bn ? ba : bn);
	return 0;
}

/* A failed login. The answer is the same for a wrong password, an unknown name and a locked
 * account. */
static int failed(struct api_ctx *c, const struct store_user *u, const char *akey, const char *nkey)
{
	if (count_failure(c, u, akey, nkey) != 0)
		return -1;
	return api_error(c, 401, "invalid_credentials", "用户名或密码错误，或账号已被锁定", NULL);
}

static int login(struct api_ctx *c)
{
	const char *username = api_body_str(c, "username");
	const char *password = api_body_str(c, "password");
	struct store_user u;
	char token[64], csrf[64], th[65], rehash[PASSWORD_HASH_MAX];
	char akey[ACCOUNT_LOGIN_KEY_MAX], nkey[ACCOUNT_LOGIN_KEY_MAX];
	bool rehashed = false, known;
	int rc;

	c->actor.username = username;
	if (must_wait(c, username, akey, nkey) != 0)
		return -1;
	rc = store_user_get_auth(c->db, c->a, username, &u);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	known = rc == KFQ_OK;
	if (known) {
		c->actor.user_id = u.id;
		c->actor.org_id = u.org_id;
	}
	if (!known || account_is_locked(u.locked_until, c->now)) {
		/* the work of a real check, so that neither the answer nor its time tells */
		pthread_once(&dummy_once, make_dummy);
		(void)password_verify(dummy_hash, password);
		atomic_fetch_add(&dummy_hashes, 1);
		return failed(c, known ? &u : NULL, akey, nkey);
	}
	if (!password_verify(u.password_hash, password))
		return failed(c, &u, akey, nkey);
	if (api_ratelimit_forget(c, nkey, false) != 0)
		return -1;
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
	char akey[ACCOUNT_LOGIN_KEY_MAX], nkey[ACCOUNT_LOGIN_KEY_MAX];
	enum password_verdict v;
	int rc;

	/* a wrong current password is a failed login of the name at this address: a session left
	 * open is no way round the limits to find out its owner's password */
	if (must_wait(c, c->sess.user.username, akey, nkey) != 0)
		return -1;
	if ((rc = store_user_get_auth(c->db, c->a, c->sess.user.username, &u)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!password_verify(u.password_hash, old_pw)) {
		if (count_failure(c, &u, akey, nkey) != 0)
			return -1;
		return api_error(c, 400, "wrong_password", "原密码不正确", "/old_password");
	}
	if ((v = account_password_check(new_pw)) != PASSWORD_OK)
		return api_error(c, 400, "weak_password", account_password_message(v),
		                 "/new_password");
	if (!strcmp(old_pw, new_pw))
		return api_error(c, 400, "same_password", "新密码不能与原密码相同",
		                 "/new_password");
	if (password_hash(new_pw, hash) != KFQ_OK)
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	rc = store_user_change_password(c->db, &c->actor, &user_json_audit, u.id, u.password_hash,
	                                hash, c->token_hash);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "password_changed",
		                 "密码刚刚已在其他页面修改，请用新密码重新登录", NULL);
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
