/* audit.c - reading and verifying the audit log (auditor and supervisor; the admin cannot).
 * There is deliberately no route that changes a record. */
#include "api/api.h"
#include "api/export.h"

#include "util/timeutil.h"

#include <string.h>

static int time_param(struct api_ctx *c, const char *name, const char **out)
{
	const char *v = api_query_str(c, name);
	int64_t t;
	char *buf;

	*out = NULL;
	if (!v)
		return 0;
	if (time_parse(v, &t) != 0)
		return api_error(
		    c, 400, "invalid_parameter",
		    arena_printf(c->a, "参数 %s 应为日期时间（如 2026-11-28T08:00:00+08:00）",
		                 name),
		    name);
	buf = arena_alloc(c->a, TIME_RFC3339_LEN);
	time_format(t, buf);
	*out = buf;
	return 0;
}

static int filter_from_query(struct api_ctx *c, struct store_audit_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->entity_type = api_query_str(c, "entity_type");
	f->entity_id = api_query_str(c, "entity_id");
	f->action = api_query_str(c, "action");
	if (api_query_int(c, "user_id", 0, 1, INT64_MAX, &f->user_id) != 0 ||
	    time_param(c, "from", &f->from) != 0 || time_param(c, "to", &f->to) != 0)
		return -1;
	if (!paged)
		return 0;
	if (api_query_page(c, &f->offset, &f->limit) != 0)
		return -1;
	return 0;
}

static void write_json_or_null(struct jsonw *w, const char *key, const char *json)
{
	jsonw_key(w, key);
	if (json)
		jsonw_raw(w, json, strlen(json));
	else
		jsonw_null(w);
}

static int list(struct api_ctx *c)
{
	struct store_audit_filter f;
	struct store_audit_row *rows;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_audit_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		const struct audit_rec *r = &rows[i].rec;
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "seq", r->seq);
		jsonw_kstr(&c->w, "time", r->time);
		/* 0 is "none" in storage and null in the record's canonical form */
		jsonw_kid(&c->w, "user_id", r->user_id);
		jsonw_kstr(&c->w, "username", r->username);
		jsonw_kid(&c->w, "org_id", r->org_id);
		jsonw_kstr(&c->w, "client_addr", r->client_addr);
		jsonw_kstr(&c->w, "action", r->action);
		jsonw_kstr(&c->w, "entity_type", r->entity_type);
		jsonw_kstr(&c->w, "entity_id", r->entity_id);
		write_json_or_null(&c->w, "before", r->before_json);
		write_json_or_null(&c->w, "after", r->after_json);
		jsonw_kstr(&c->w, "prev_hash", r->prev_hash);
		jsonw_kstr(&c->w, "hash", rows[i].hash);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int verify(struct api_ctx *c)
{
	struct audit_verify v;
	int rc;

	audit_verify_init(&v);
	if ((rc = store_audit_verify(c->db, &v)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kbool(&c->w, "ok", v.broken_seq == 0);
	jsonw_kint(&c->w, "count", v.count);
	jsonw_kstr(&c->w, "head_hash", v.head);
	jsonw_key(&c->w, "first_broken");
	if (v.broken_seq) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "seq", v.broken_seq);
		jsonw_kstr(&c->w, "reason", v.reason);
		jsonw_obj_close(&c->w);
	} else {
		jsonw_null(&c->w);
	}
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"序号",   "时间(UTC)", "用户",     "客户端地址",
	                                      "操作",   "对象类型",  "对象编号", "变更前",
	                                      "变更后", "哈希"};
	static const double widths[] = {8, 22, 14, 16, 16, 12, 10, 50, 50, 66};
	struct store_audit_filter f;
	struct store_audit_row *rows;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_audit_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "审计日志", headers, widths, 10) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct audit_rec *r = &rows[i].rec;
		export_int(&x, r->seq);
		export_text(&x, r->time);
		export_text(&x, r->username);
		export_text(&x, r->client_addr);
		export_text(&x, r->action);
		export_text(&x, r->entity_type);
		export_text(&x, r->entity_id);
		export_text(&x, r->before_json);
		export_text(&x, r->after_json);
		export_text(&x, rows[i].hash);
		export_end_row(&x);
	}
	return export_finish(c, &x, "审计日志");
}

static const char *const list_query[] = {"user_id", "entity_type", "entity_id", "action", "from",
                                         "to",      "page",        "page_size", NULL};
static const char *const export_query[] = {"user_id", "entity_type", "entity_id", "action",
                                           "from",    "to",          NULL};

const struct api_route api_audit_routes[] = {
    {"GET", "/api/audit", list, PERM_AUDIT_READ, 0, list_query, NULL},
    {"GET", "/api/audit/verify", verify, PERM_AUDIT_READ, 0, NULL, NULL},
    {"GET", "/api/audit/export.xlsx", export, PERM_AUDIT_READ, 0, export_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
