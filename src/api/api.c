/* api.c - what every API request goes through before its handler: the connection of this
 * thread, the session, CSRF and same-origin checks, the role's permission, undeclared query
 * parameters, and JSON body validation. Must not hold a route's own logic. */
#include "api/api.h"
#include "api/cache.h"

#include "util/blank.h"
#include "util/log.h"
#include "util/spool.h"
#include "util/strbuf.h"
#include "util/textconv.h"
#include "util/timeutil.h"

#include <errno.h>
#include <fcntl.h>

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct api_config *config;
static const struct http_router *the_router;
static pthread_key_t db_key;
static pthread_once_t db_once = PTHREAD_ONCE_INIT;

static void db_close(void *p)
{
	store_close(p);
}

static void db_key_make(void)
{
	if (pthread_key_create(&db_key, db_close) != 0)
		fatal("pthread_key_create failed");
}

/* This thread's connection: opened on first use, made again when it was lost (a database
 * restart), closed when the thread exits. NULL while the database cannot be reached. */
static struct store *thread_db(void)
{
	struct store *s;
	char err[512];

	pthread_once(&db_once, db_key_make);
	s = pthread_getspecific(db_key);
	if (s)
		return store_reconnect(s) == KFQ_OK ? s : NULL;
	if (store_open(config->db_url, &s, err, sizeof(err)) != KFQ_OK) {
		log_error("%s", err);
		return NULL;
	}
	pthread_setspecific(db_key, s);
	return s;
}

void api_shutdown(void)
{
	struct store *s;

	pthread_once(&db_once, db_key_make);
	s = pthread_getspecific(db_key);
	if (s) {
		pthread_setspecific(db_key, NULL);
		store_close(s);
	}
	api_cache_release();
}

/* The database is down or restarting: try again shortly. */
static int unavailable(struct http_req *req)
{
	http_resp_error(req, 503, "database_unavailable", "数据库暂不可用，请稍后重试", NULL);
	http_resp_header(req, "Retry-After", "1");
	return -1;
}

int api_error(struct api_ctx *c, int status, const char *code, const char *message,
              const char *field)
{
	http_resp_error(c->req, status, code, message, field);
	return -1;
}

int api_store_error(struct api_ctx *c, int rc)
{
	switch (rc) {
	case KFQ_ENOTFOUND:
		return api_error(c, 404, "not_found", "记录不存在", NULL);
	case KFQ_ECONFLICT:
		return api_error(c, 409, "conflict", "数据已存在或已被他人修改，请刷新后重试",
		                 NULL);
	case KFQ_ECONSTRAINT:
		return api_error(c, 400, "constraint_violation",
		                 "数据不符合约束（引用的记录不存在或取值无效）", NULL);
	case KFQ_ESTATE:
		/* a handler that knows the state says which step it refuses */
		return api_error(c, 409, "invalid_state", "当前状态不允许此操作，请刷新后查看",
		                 NULL);
	case KFQ_EBUSY:
		/* a lock held past the lock timeout: nothing was written, the same request can
		 * succeed a moment later */
		http_resp_header(c->req, "Retry-After", "1");
		return api_error(c, 503, "busy", "系统繁忙，请稍后重试", NULL);
	case KFQ_EUNAVAIL:
		return unavailable(c->req);
	case KFQ_ESTALE: /* a recalled session changed: entry_once runs the request again */
		return api_error(c, 503, "busy", "系统繁忙，请稍后重试", NULL);
	default:
		log_error("store error %d: %s", rc, c->db ? store_errmsg(c->db) : "");
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	}
}

int api_ok(struct api_ctx *c, int status)
{
	http_resp_json(c->req, status);
	return 0;
}

/* ---- body ---- */

static const char *type_msg(enum api_type t)
{
	switch (t) {
	case API_STR:
	case API_SECRET:
		return "应为字符串";
	case API_INT:
		return "应为整数";
	case API_BOOL:
		return "应为布尔值";
	case API_STR_ARRAY:
		return "应为字符串数组";
	case API_INT_ARRAY:
		return "应为整数数组";
	case API_OBJ_ARRAY:
		return "应为对象数组";
	}
	return "类型错误";
}

static bool valid_utf8_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
			return false;
	return true;
}

/* A string value's length in characters, what its limit counts. */
static size_t chars(json_t *v)
{
	return textconv_chars(json_string_value(v), json_string_length(v));
}

/* A string value without its NULs and control characters (TAB and LF allowed). */
static bool plain_text(json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);

	return strlen(s) == n && valid_utf8_text(s, n);
}

/* Trims v's blank code points at both ends, in place; true when nothing is left. */
static bool trim_blank(json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), start, len;

	blank_trim(s, n, &start, &len);
	if (len != n && json_string_setn(v, s + start, len) != 0)
		fatal("cannot trim a JSON string");
	return len == 0;
}

/* Fills e and returns -1: the validator's way of reporting without a request. */
static int bad(struct api_body_error *e, const char *code, const char *message, const char *field)
{
	e->code = code;
	e->message = message;
	e->field = field;
	return -1;
}

/* Where a value sits in the body: a field of an object or an item of an array, below up (NULL:
 * the body). Written out as a JSON pointer only for a refusal: an accepted body costs no
 * formatting (issue 8). */
struct body_path {
	const struct body_path *up;
	const char *name; /* the field's name; NULL: the item index of an array */
	size_t index;
};

static void path_add(struct strbuf *sb, const struct body_path *p)
{
	if (!p)
		return;
	path_add(sb, p->up);
	if (p->name)
		strbuf_addf(sb, "/%s", p->name);
	else
		strbuf_addf(sb, "/%zu", p->index);
}

static const char *path_str(struct arena *a, const struct body_path *p)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	path_add(&sb, p);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

static int check_object(struct arena *a, const struct api_field *fields, json_t *obj,
                        const struct body_path *at, int depth, struct api_body_error *e);

/* An integer (of field f, or an item of it) within f's declared range. */
static int in_range(struct arena *a, const struct api_field *f, json_t *v,
                    const struct body_path *at, struct api_body_error *e)
{
	json_int_t n = json_integer_value(v);

	if (n >= f->lo && n <= f->hi)
		return 0;
	return bad(e, "out_of_range",
	           arena_printf(a, "字段 %s 应为 %lld 到 %lld 之间的整数", f->name,
	                        (long long)f->lo, (long long)f->hi),
	           path_str(a, at));
}

/* The items of array field f (at), each of its type. */
static int check_items(struct arena *a, const struct api_field *f, json_t *v,
                       const struct body_path *at, int depth, struct api_body_error *e)
{
	struct body_path item = {at, NULL, 0};
	json_t *el;

	json_array_foreach(v, item.index, el)
	{
		if (f->type == API_OBJ_ARRAY) {
			if (!json_is_object(el))
				return bad(e, "invalid_type",
				           arena_printf(a, "字段 %s 的第%zu项应为对象", f->name,
				                        item.index + 1),
				           path_str(a, &item));
			if (check_object(a, f->fields, el, &item, depth + 1, e) != 0)
				return -1;
			continue;
		}
		bool ok = f->type == API_INT_ARRAY
		              ? json_is_integer(el)
		              : json_is_string(el) && chars(el) <= 200 && plain_text(el);
		if (!ok)
			return bad(e, "invalid_type",
			           arena_printf(a, "字段 %s 的第%zu项%s", f->name, item.index + 1,
			                        type_msg(f->type)),
			           path_str(a, &item));
		if (f->type == API_INT_ARRAY && in_range(a, f, el, &item, e) != 0)
			return -1;
		if (f->type == API_STR_ARRAY && trim_blank(el))
			return bad(
			    e, "invalid_value",
			    arena_printf(a, "字段 %s 的第%zu项不能为空白", f->name, item.index + 1),
			    path_str(a, &item));
	}
	return 0;
}

/* check_field's answer for an optional text of blanks only: no text, as null is (DECISIONS
 * 299), so that a handler's "required when" sees it missing instead of storing "" */
#define FIELD_BLANK 1

/* Field f's value v, at (the field's own path): 0, FIELD_BLANK, or -1 with e filled. */
static int check_field(struct arena *a, const struct api_field *f, json_t *v,
                       const struct body_path *at, int depth, struct api_body_error *e)
{
	size_t max = f->max ? f->max : (f->type == API_STR ? 200 : 100);

	/* an optional field may be null, which means the same as leaving it out */
	if (json_is_null(v) && !f->required)
		return 0;
	switch (f->type) {
	case API_STR:
	case API_SECRET:
		if (!json_is_string(v))
			break;
		if (!plain_text(v))
			return bad(e, "invalid_characters",
			           arena_printf(a, "字段 %s 含有控制字符", f->name),
			           path_str(a, at));
		if (f->type == API_STR && trim_blank(v)) {
			if (f->required)
				return bad(e, "missing_field",
				           arena_printf(a, "字段 %s 不能为空白", f->name),
				           path_str(a, at));
			return FIELD_BLANK;
		}
		/* counted trimmed: blanks around a value that fits do not make it too long */
		if (chars(v) > max)
			return bad(e, "too_long",
			           arena_printf(a, "字段 %s 过长（最多%zu字）", f->name, max),
			           path_str(a, at));
		return 0;
	case API_INT:
		if (!json_is_integer(v))
			break;
		return in_range(a, f, v, at, e);
	case API_BOOL:
		if (json_is_boolean(v))
			return 0;
		break;
	case API_STR_ARRAY:
	case API_INT_ARRAY:
	case API_OBJ_ARRAY:
		if (!json_is_array(v))
			break;
		if (json_array_size(v) > max)
			return bad(e, "too_many",
			           f->too_many ? f->too_many
			                       : arena_printf(a, "字段 %s 最多%zu项", f->name, max),
			           path_str(a, at));
		return check_items(a, f, v, at, depth, e);
	}
	return bad(e, "invalid_type", arena_printf(a, "字段 %s %s", f->name, type_msg(f->type)),
	           path_str(a, at));
}

/* No unknown fields, each declared field valid, required ones present. */
static int check_object(struct arena *a, const struct api_field *fields, json_t *obj,
                        const struct body_path *at, int depth, struct api_body_error *e)
{
	struct body_path field = {at, NULL, 0};
	json_t *v;

	if (depth > 4)
		return bad(e, "invalid_json", "请求内容嵌套过深", NULL);
	json_object_foreach(obj, field.name, v)
	{
		const struct api_field *f = fields;
		while (f->name && strcmp(f->name, field.name) != 0)
			f++;
		if (!f->name)
			return bad(e, "unknown_field",
			           arena_printf(a, "不支持的字段：%s", field.name),
			           path_str(a, &field));
		switch (check_field(a, f, v, &field, depth, e)) {
		case 0:
			break;
		case FIELD_BLANK:
			/* in place of the value at hand: the iteration goes on from its key */
			if (json_object_set_new(obj, field.name, json_null()) != 0)
				fatal("cannot clear a blank field");
			break;
		default:
			return -1;
		}
	}
	for (const struct api_field *f = fields; f->name; f++)
		if (f->required && !json_object_get(obj, f->name)) {
			field.name = f->name;
			return bad(e, "missing_field", arena_printf(a, "缺少必填字段：%s", f->name),
			           path_str(a, &field));
		}
	return 0;
}

static void json_free(void *p)
{
	json_decref(p);
}

int api_body_validate(const struct api_field *fields, const char *buf, size_t len, struct arena *a,
                      json_t **out, struct api_body_error *e)
{
	json_error_t err;
	json_t *body;
	bool required = false;

	*out = NULL;
	for (const struct api_field *f = fields; f->name; f++)
		required |= f->required;
	/* actions without required fields (lock, reset) may come with no body at all */
	if (len == 0 && !required)
		return 0;
	body = json_loadb(buf ? buf : "", len, JSON_REJECT_DUPLICATES, &err);
	if (!body)
		return bad(e, "invalid_json",
		           arena_printf(a, "请求内容不是有效的 JSON（第%d行第%d列）", err.line,
		                        err.column),
		           NULL);
	arena_defer(a, json_free, body);
	if (!json_is_object(body))
		return bad(e, "invalid_json", "请求内容应为 JSON 对象", NULL);
	if (check_object(a, fields, body, NULL, 0, e) != 0)
		return -1;
	*out = body;
	return 0;
}

static int parse_body(struct api_ctx *c)
{
	struct api_body_error e;

	if (api_body_validate(c->route->body, c->req->body, c->req->body_len, c->a, &c->body, &e) !=
	    0)
		return api_error(c, 400, e.code, e.message, e.field);
	return 0;
}

const char *api_body_str(struct api_ctx *c, const char *name)
{
	return c->body ? json_string_value(json_object_get(c->body, name)) : NULL;
}

bool api_body_has(struct api_ctx *c, const char *name)
{
	return c->body && json_object_get(c->body, name) != NULL;
}

bool api_body_given(struct api_ctx *c, const char *name)
{
	json_t *v = c->body ? json_object_get(c->body, name) : NULL;

	return v && !json_is_null(v);
}

int64_t api_body_int(struct api_ctx *c, const char *name)
{
	return c->body ? (int64_t)json_integer_value(json_object_get(c->body, name)) : 0;
}

bool api_body_bool(struct api_ctx *c, const char *name)
{
	return c->body && json_is_true(json_object_get(c->body, name));
}

const char **api_body_strs(struct api_ctx *c, const char *name, int *n)
{
	json_t *arr = c->body ? json_object_get(c->body, name) : NULL;
	size_t k = json_array_size(arr);
	const char **out = arena_alloc(c->a, sizeof(*out) * (k + 1));

	for (size_t i = 0; i < k; i++)
		out[i] = json_string_value(json_array_get(arr, i));
	*n = (int)k;
	return out;
}

int64_t *api_body_ints(struct api_ctx *c, const char *name, int *n)
{
	json_t *arr = c->body ? json_object_get(c->body, name) : NULL;
	size_t k = json_array_size(arr);
	int64_t *out = arena_alloc(c->a, sizeof(*out) * (k + 1));

	for (size_t i = 0; i < k; i++)
		out[i] = (int64_t)json_integer_value(json_array_get(arr, i));
	*n = (int)k;
	return out;
}

/* ---- query ---- */

/* text as a whole decimal integer within [lo, hi]: digits after an optional '-', nothing else
 * (strtoll alone would take leading spaces and a '+') */
static bool int_in(const char *text, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long n;

	if (!(*text == '-' || (*text >= '0' && *text <= '9')))
		return false;
	errno = 0;
	n = strtoll(text, &end, 10);
	if (*end || end == text || errno == ERANGE || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

int64_t api_query_int(struct api_ctx *c, const char *name, int64_t def)
{
	const char *v = http_query(c->req, name);
	int64_t n;

	return v && int_in(v, INT64_MIN, INT64_MAX, &n) ? n : def;
}

void api_query_page(struct api_ctx *c, int64_t *offset, int64_t *limit)
{
	int64_t page = api_query_int(c, "page", 1), size = api_query_int(c, "page_size", 20);

	*offset = (page - 1) * size;
	*limit = size;
}

void api_page_begin(struct api_ctx *c)
{
	if (c->w.depth == 0)
		jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
}

void api_page_end(struct api_ctx *c, int64_t total, int64_t offset, int64_t limit)
{
	jsonw_arr_close(&c->w);
	jsonw_kint(&c->w, "total", total);
	if (limit > 0) {
		jsonw_kint(&c->w, "page", offset / limit + 1);
		jsonw_kint(&c->w, "page_size", limit);
	}
	jsonw_obj_close(&c->w);
}

const char *api_query_str(struct api_ctx *c, const char *name)
{
	const char *v = http_query(c->req, name);

	return v && *v ? v : NULL;
}

int api_path_id(struct api_ctx *c, int64_t *id)
{
	const char *v = http_param(c->req, "id");

	if (!v || !int_in(v, 1, API_ID_MAX, id))
		return api_error(c, 404, "not_found", "记录不存在", NULL);
	return 0;
}

struct qcheck {
	const struct api_field *decl;
	struct arena *a;
	struct api_body_error e;
};

int api_query_check(const struct api_field *decl, const char *key, const char *value,
                    struct arena *a, struct api_body_error *e)
{
	const struct api_field *f = decl;
	size_t max, n = strlen(value);
	int64_t v;

	/* "?&page=2" or "?=1", as pages that build their query by hand may send: nothing to read */
	if (!*key)
		return 0;
	while (f && f->name && strcmp(f->name, key) != 0)
		f++;
	if (!f || !f->name)
		return bad(e, "unknown_parameter", arena_printf(a, "不支持的查询参数：%s", key),
		           arena_strdup(a, key));
	if (!n)
		return 0;
	if (f->type == API_INT && !int_in(value, f->lo, f->hi, &v))
		return bad(e, "invalid_parameter",
		           arena_printf(a, "参数 %s 应为 %lld 到 %lld 之间的整数", key,
		                        (long long)f->lo, (long long)f->hi),
		           arena_strdup(a, key));
	max = f->max ? f->max : 200;
	if (f->type == API_STR && (!textconv_utf8_valid(value, n) || !valid_utf8_text(value, n) ||
	                           textconv_chars(value, n) > max))
		return bad(e, "invalid_parameter",
		           arena_printf(a, "参数 %s 应为不超过%zu字的文本", key, max),
		           arena_strdup(a, key));
	return 0;
}

static int query_cb(void *arg, const char *key, const char *value)
{
	struct qcheck *q = arg;

	return api_query_check(q->decl, key, value, q->a, &q->e) != 0;
}

/* ---- session ---- */

void api_token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Sessions recalled from the connection and confirmed with the request's first statement,
 * and those found changed (api_session_metrics_write) */
static atomic_ullong recalled, recall_changed;

/* The session from the connection's memory when it has one that neither expired nor needs
 * its last_seen written: confirmed by the database with the request's first statement, in
 * its round trip (DECISIONS 155), and nothing is answered before (entry_once). A write's, taken
 * at its headers, is confirmed once its body is in (c->pending, DECISIONS 200): another
 * request on this thread may run in between. Else read. */
static int load_session(struct api_ctx *c)
{
	const char *token = http_cookie(c->req, "kfq_session");
	int rc;

	if (!token || strlen(token) > 100)
		return api_error(c, 401, "not_authenticated", "请先登录", NULL);
	api_token_hash(token, c->token_hash);
	if (c->recall && store_session_recall(c->db, c->a, c->token_hash, &c->sess) == KFQ_OK &&
	    !account_session_expired(c->sess.last_seen, c->now) &&
	    !account_session_needs_touch(c->sess.last_seen, c->now)) {
		if (!c->deferred)
			c->pending = true;
		else if ((rc = store_session_confirm(c->db, c->token_hash, &c->sess)) != KFQ_OK)
			return api_store_error(c, rc);
		else
			c->recalled = true;
		atomic_fetch_add(&recalled, 1);
		goto actor;
	}
	rc = store_session_get(c->db, c->a, c->token_hash, &c->sess);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 401, "not_authenticated", "登录已失效，请重新登录", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (account_session_expired(c->sess.last_seen, c->now)) {
		if ((rc = store_session_expire(c->db, c->now - SESSION_IDLE_SECONDS)) != KFQ_OK)
			log_error("session expiry failed: %s", store_errmsg(c->db));
		return api_error(c, 401, "not_authenticated", "登录已超时，请重新登录", NULL);
	}
	if (account_session_needs_touch(c->sess.last_seen, c->now) &&
	    (rc = store_session_touch(c->db, c->token_hash, c->now)) != KFQ_OK)
		return api_store_error(c, rc);
actor:
	c->actor.user_id = c->sess.user.id;
	c->actor.username = c->sess.user.username;
	c->actor.org_id = c->sess.user.org_id;
	return 0;
}

int api_session_confirmed(struct api_ctx *c)
{
	int rc;

	if (!c->recalled || (rc = store_guard_end(c->db)) == KFQ_OK)
		return 0;
	return api_store_error(c, rc);
}

void api_session_metrics_write(struct strbuf *sb)
{
	strbuf_addf(sb,
	            "# HELP kfq_sessions_recalled_total Sessions taken from the connection's "
	            "memory and confirmed with the request's first statement.\n"
	            "# TYPE kfq_sessions_recalled_total counter\nkfq_sessions_recalled_total "
	            "%llu\n"
	            "# HELP kfq_sessions_recall_changed_total Of those, sessions the database "
	            "answered changed or gone: the request ran again with the session read.\n"
	            "# TYPE kfq_sessions_recall_changed_total counter\n"
	            "kfq_sessions_recall_changed_total %llu\n",
	            atomic_load(&recalled), atomic_load(&recall_changed));
}

/* The Origin must name the host the request was sent to. */
static bool same_origin(struct api_ctx *c)
{
	const char *origin = http_header(c->req, "Origin");
	const char *host = http_header(c->req, "Host");
	const char *site = http_header(c->req, "Sec-Fetch-Site");

	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	if (!origin || !host)
		return false;
	const char *p = !strncmp(origin, "http://", 7)    ? origin + 7
	                : !strncmp(origin, "https://", 8) ? origin + 8
	                                                  : NULL;
	return p && !strcmp(p, host);
}

static bool is_json(const char *ct)
{
	return ct && !strncmp(ct, "application/json", 16) && (ct[16] == 0 || ct[16] == ';');
}

static bool is_loopback(const char *addr)
{
	return !strncmp(addr, "127.", 4) || !strcmp(addr, "::1");
}

/* The session, the CSRF token of a write, a pending password change, the role's permission. */
static int session_checks(struct api_ctx *c, bool write)
{
	const struct api_route *r = c->route;

	if (load_session(c) != 0)
		return -1;
	if (write) {
		const char *tok = http_header(c->req, "X-CSRF-Token");
		size_t n = strlen(c->sess.csrf);
		if (!tok || strlen(tok) != n || sodium_memcmp(tok, c->sess.csrf, n) != 0)
			return api_error(c, 403, "csrf_failed",
			                 "请求校验失败（CSRF令牌无效），请刷新页面后重试", NULL);
	}
	if (c->sess.user.must_change && !(r->flags & API_MUST_CHANGE))
		return api_error(c, 403, "password_change_required", "请先修改密码", NULL);
	if ((account_role_perms(c->sess.user.role) & r->perm) != r->perm)
		return api_error(c, 403, "forbidden", "没有权限执行此操作", NULL);
	return 0;
}

static void resp_clear(struct http_req *req);

/* A write's session checks at its headers. A refusal is never decided on a session recalled,
 * which may have changed: the session is then read and the checks made again, so that every
 * refusal is the one it was without recall, in the same order. */
static int header_checks(struct api_ctx *c, bool write)
{
	int rc = session_checks(c, write);

	if (rc == 0 || !c->pending)
		return rc;
	c->pending = c->recall = false;
	resp_clear(c->req);
	jsonw_init(&c->w, c->out);
	return session_checks(c, write);
}

/* Everything that can be decided from the headers, before any of the body is read (so that
 * a stranger's upload is never received): loopback-only routes, undeclared query parameters,
 * same origin, the content type, the session, the CSRF token, a pending password change, the
 * role's permission, a body where none is taken. A read without a body leaves its session
 * and what depends on it to entry_once (c->deferred). The context goes to entry() in req->ctx. */
static int check_once(struct http_req *req, struct store *db)
{
	const struct api_route *r = req->route->data;
	struct api_ctx *c = arena_zalloc(&req->arena, sizeof(*c));
	bool write = strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0;
	bool has_body = req->content_length != 0;
	struct qcheck q = {r->query, &req->arena, {0}};

	req->ctx = c;
	c->req = req;
	c->a = &req->arena;
	c->route = r;
	c->now = time_now();
	c->out = &req->resp.body;
	c->actor.client_addr = req->client_addr;
	jsonw_init(&c->w, c->out);
	if ((r->flags & API_LOOPBACK) && !is_loopback(req->client_addr))
		return api_error(c, 403, "forbidden", "仅允许本机访问", NULL);
	if (http_query_each(req, query_cb, &q))
		return api_error(c, 400, q.e.code, q.e.message, q.e.field);
	if (write && !same_origin(c))
		return api_error(c, 403, "csrf_failed", "请求来源校验失败，请刷新页面后重试", NULL);
	if (write && !(r->flags & API_UPLOAD) && has_body &&
	    !is_json(http_header(req, "Content-Type")))
		return api_error(c, 415, "unsupported_media_type",
		                 "请求内容类型应为 application/json", NULL);
	c->db = db;
	if (!c->db && !(r->flags & API_NODB))
		return unavailable(req);
	/* a request without a body has nothing to keep out: its session is decided with its
	 * handler, where it can be confirmed in the round trip of the first statement */
	c->deferred = !(r->flags & API_PUBLIC) && !write && !has_body && !r->head;
	/* a write of JSON may take its session from memory, confirmed with its handler's first
	 * statement (DECISIONS 200): the token it shows was valid on this connection, so no
	 * stranger's body is received; not an upload's, nor a route's own head check's */
	c->recall =
	    c->deferred || (write && has_body && r->body && !(r->flags & API_UPLOAD) && !r->head);
	if (!(r->flags & API_PUBLIC) && !c->deferred && header_checks(c, write) != 0)
		return -1;
	if (!r->body && !(r->flags & API_UPLOAD) && has_body)
		return api_error(c, 400, "unexpected_body", "此请求不接受请求内容", NULL);
	return r->head ? r->head(c) : 0;
}

static void resp_clear(struct http_req *req)
{
	struct http_resp *r = &req->resp;

	strbuf_reset(&r->body);
	r->nheaders = 0;
	r->content_type = NULL;
	r->status = 500;
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

/* A deferred session's checks, then the handler. */
static int handle(struct api_ctx *c)
{
	int rc;

	if (c->deferred && session_checks(c, false) != 0)
		return -1;
	/* what the handler's lists count is current as of the head the session was read with */
	if (!(c->route->flags & API_PUBLIC))
		store_set_version(c->db, c->sess.head);
	rc = (c->route->flags & API_CACHED) ? api_cache_run(c) : c->route->handler(c);
	/* a transaction begun ahead for checks that refused the request */
	store_ahead_drop(c->db);
	store_set_version(c->db, NULL);
	return rc;
}

/* The whole request is in and check() passed: the JSON body, then the handler. A session
 * recalled is confirmed before anything is answered: when it has changed, the request runs
 * again from the session read (nothing of it was written: the check came before its first
 * statement, and failed). A write's recalled at its headers (c->pending) is queued here, with
 * the body in, and again in a run again on a new connection (on_db). */
static int entry_once(struct http_req *req, struct store *db)
{
	struct api_ctx *c = req->ctx;
	int rc, confirmed;

	c->db = db;
	c->now = time_now();
	if (c->pending) {
		if (!c->db)
			return unavailable(req);
		if ((rc = store_session_confirm(c->db, c->token_hash, &c->sess)) != KFQ_OK)
			return api_store_error(c, rc);
		c->recalled = true;
	}
	if (c->route->body && parse_body(c) != 0)
		rc = -1;
	else if (!c->db) /* the database is down: only an API_NODB route answers */
		return (c->route->flags & API_NODB) ? c->route->handler(c) : unavailable(req);
	else
		rc = handle(c);
	if (!c->recalled)
		return rc;
	c->recalled = false;
	if ((confirmed = store_guard_end(c->db)) == KFQ_OK)
		return rc;
	resp_clear(req);
	jsonw_init(&c->w, c->out);
	if (confirmed != KFQ_ESTALE)
		return api_store_error(c, confirmed);
	atomic_fetch_add(&recall_changed, 1);
	if (!c->pending)
		return handle(c);
	/* a write: its checks again on the session read, then its body (kept when it parsed) */
	c->pending = c->recall = false;
	if (session_checks(c, true) != 0 || (c->route->body && !c->body && parse_body(c) != 0))
		return -1;
	return handle(c);
}

/* Runs one phase of a request (its check, then its handler) on this thread's connection. A
 * phase that found its connection lost runs once more on a new one if it sent no COMMIT:
 * nothing of it can have been committed, so repeating it is safe. The first request of each
 * worker after a database restart then succeeds instead of failing. */
static int on_db(struct http_req *req, int (*phase)(struct http_req *, struct store *))
{
	struct store *db = thread_db();
	uint64_t commits = db ? store_commits(db) : 0;
	int rc = phase(req, db);

	if (!db || !store_lost(db))
		return rc;
	if (store_commits(db) == commits && store_reconnect(db) == KFQ_OK) {
		resp_clear(req);
		rc = phase(req, db);
		if (!store_lost(db))
			return rc;
	}
	/* whatever the handler made of the failure, its cause is the database */
	if (req->resp.status >= 500) {
		resp_clear(req);
		return unavailable(req);
	}
	return rc;
}

static int check(struct http_req *req)
{
	return on_db(req, check_once);
}

static int entry(struct http_req *req)
{
	return on_db(req, entry_once);
}

/* ---- scope ---- */

void api_scope(struct api_ctx *c, struct store_scope *out)
{
	out->kind = c->sess.user.data_scope;
	out->org_id = c->sess.user.org_id;
	out->user_id = c->sess.user.id;
}

int api_scope_orgs_of(struct api_ctx *c, const struct store_scope *scope, int64_t **ids, int *n)
{
	int rc = store_scope_orgs(c->db, c->a, scope, ids, n);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

int api_scope_orgs(struct api_ctx *c, int64_t **ids, int *n)
{
	struct store_scope scope;

	api_scope(c, &scope);
	return api_scope_orgs_of(c, &scope, ids, n);
}

bool api_scope_allows(const int64_t *ids, int n, int64_t org_id)
{
	if (!ids)
		return true;
	for (int i = 0; i < n; i++)
		if (ids[i] == org_id)
			return true;
	return false;
}

int api_scope_check(struct api_ctx *c, const struct store_scope *scope, int64_t org_id)
{
	struct store_scope own;
	int64_t *ids;
	int n;

	if (!scope) {
		api_scope(c, &own);
		scope = &own;
	}
	if (api_scope_orgs_of(c, scope, &ids, &n) != 0)
		return -1;
	return api_scope_allows(ids, n, org_id) ? 0 : api_store_error(c, KFQ_ENOTFOUND);
}

/* ---- files ---- */

/* Marks the response a download named `filename` (UTF-8) of the given type. */
static void set_download(struct api_ctx *c, const char *content_type, const char *filename)
{
	size_t n = strlen(filename);
	char *enc = arena_alloc(c->a, n * 3 + 1), *p = enc;
	char *ascii = arena_strdup(c->a, filename);

	/* RFC 5987: the UTF-8 name percent-encoded; for old clients an ASCII stand-in with the
	 * same extension */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)filename[i];
		bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		             (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
		if (plain)
			*p++ = (char)ch;
		else
			p += sprintf(p, "%%%02X", ch);
		if (!plain)
			ascii[i] = '_';
	}
	*p = 0;
	c->req->resp.content_type = content_type;
	http_resp_header(
	    c->req, "Content-Disposition",
	    arena_printf(c->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc));
	http_resp_header(c->req, "Cache-Control", "no-store");
}

int api_send_file(struct api_ctx *c, int fd, uint64_t size, const char *content_type,
                  const char *filename)
{
	set_download(c, content_type, filename);
	c->req->resp.fd = fd;
	c->req->resp.size = size;
	c->req->resp.status = 200;
	return 0;
}

static int upload_read_failed(struct api_ctx *c)
{
	log_error("upload: cannot read the received file: %s", strerror(errno));
	return api_error(c, 500, "storage_failed", "文件读取失败", NULL);
}

int api_upload_text(struct api_ctx *c, const char **text, size_t *len)
{
	const struct http_upload *up = &c->req->upload;

	*text = "";
	*len = 0;
	if (up->fd < 0)
		return 0;
	if (!(*text = spool_read_all(up->fd, up->size, c->a)))
		return upload_read_failed(c);
	*len = (size_t)up->size;
	return 0;
}

int api_upload_sample(struct api_ctx *c, const char **buf, size_t *len)
{
	const struct http_upload *up = &c->req->upload;

	*buf = "";
	*len = 0;
	if (up->fd < 0)
		return 0;
	if (!(*buf = spool_read_ends(up->fd, up->size, 64 * 1024, c->a, len)))
		return upload_read_failed(c);
	return 0;
}

const char *api_data_dir(void)
{
	return config->data_dir;
}

int api_reply_horizon_days(void)
{
	return config->reply_horizon_days;
}

const struct api_config *api_config(void)
{
	return config;
}

int api_pow_bits(void)
{
	return config->pow_bits;
}

int64_t api_window_clock(struct api_ctx *c)
{
	char buf[32];
	long long t;
	ssize_t n;
	int fd;

	if (!config->clock_file || (fd = open(config->clock_file, O_RDONLY | O_CLOEXEC)) < 0)
		return c->now;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return c->now;
	buf[n] = '\0';
	return sscanf(buf, "%lld", &t) == 1 ? (int64_t)t : c->now;
}

const struct http_router *api_router(void)
{
	return the_router;
}

/* ---- set-up ---- */

const struct api_route *const api_tables[] = {
    api_misc_routes,
    api_session_routes,
    api_org_routes,
    api_user_routes,
    api_audit_routes,
    api_task_routes,
    api_plan_routes,
    api_milestone_routes,
    api_report_routes,
    api_board_routes,
    api_notice_routes,
    api_capability_routes,
    api_role_routes,
    api_import_routes,
    api_inbox_routes,
    api_todo_routes,
    api_role_change_routes,
    api_attachment_routes,
    api_briefing_routes,
    api_enterprise_routes,
    api_industry_routes,
    api_arrangement_routes,
    api_revshare_routes,
    api_power_routes,
    api_delegation_routes,
    api_duty_routes,
    api_affairs_routes,
    api_consult_routes,
    api_consult_public_routes,
    api_consult_report_routes,
    api_budget_routes,
    api_budget_perf_routes,
    api_staffing_routes,
    api_person_routes,
    api_pay_routes,
    api_pay_whatif_routes,
    api_boundary_routes,
    api_parcel_routes,
    api_land_case_routes,
    api_project_routes,
    api_platform_routes,
    api_platform_risk_routes,
    api_industry_plan_routes,
    api_invest_routes,
    api_fault_routes,
    api_leader_routes,
    api_norm_routes,
    api_mujun_routes,
    api_building_routes,
    api_assess_routes,
    api_kpi_routes,
    NULL,
};

/* Every number declares its range, and query parameters are text or integers: a table that
 * does not is a programming error, found at start-up. */
static void check_decl(const struct api_route *r, const struct api_field *f, bool query)
{
	for (; f && f->name; f++) {
		if ((f->type == API_INT || f->type == API_INT_ARRAY) && f->lo >= f->hi)
			fatal("route %s %s: %s declares no range", r->method, r->pattern, f->name);
		if (query && f->type != API_STR && f->type != API_INT)
			fatal("route %s %s: query parameter %s is neither text nor an integer",
			      r->method, r->pattern, f->name);
		if (f->type == API_OBJ_ARRAY)
			check_decl(r, f->fields, false);
	}
}

static void add_routes(struct http_router *router, const struct api_route *routes)
{
	for (const struct api_route *r = routes; r->method; r++) {
		check_decl(r, r->query, true);
		check_decl(r, r->body, false);
		/* without the database there is no session to read */
		if ((r->flags & API_NODB) && !(r->flags & API_PUBLIC))
			fatal("route %s %s: API_NODB without API_PUBLIC", r->method, r->pattern);
		size_t kind_max = (r->flags & API_UPLOAD)   ? HTTP_UPLOAD_BODY_MAX
		                  : (r->flags & API_PUBLIC) ? API_PUBLIC_BODY_MAX
		                                            : HTTP_JSON_BODY_MAX;
		struct http_route hr = {
		    .method = r->method,
		    .pattern = r->pattern,
		    .handler = entry,
		    .check = check,
		    .data = r,
		    .max_body = r->max_body ? r->max_body : kind_max,
		    .body_to_file = (r->flags & API_UPLOAD) != 0,
		};
		http_router_add(router, &hr);
	}
}

int api_init(const struct api_config *cfg, struct http_router *router)
{
	if (sodium_init() < 0) {
		log_error("libsodium failed to initialise");
		return KFQ_ERR;
	}
	config = cfg;
	the_router = router;
	api_cache_init(cfg->answer_cache_bytes);
	for (const struct api_route *const *t = api_tables; *t; t++)
		add_routes(router, *t);
	return KFQ_OK;
}
