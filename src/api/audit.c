/* audit.c - reading and verifying the audit log (auditor and supervisor; the admin cannot),
 * each record with the name and organization of who acted, and their to-do: the chain's state
 * as the last recorded verification found it. A verification asked for with POST is itself
 * recorded in the log (who verified, what they found); GET only answers. There is
 * deliberately no route that changes a record. */
#include "api/api.h"
#include "api/export.h"
#include "api/todo.h"

#include "core/enums.h"
#include "core/tax_type.h"
#include "store/store_org.h"
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
	f->user_id = api_query_int(c, "user_id", 0);
	f->username = api_query_str(c, "username");
	f->org_id = api_query_int(c, "org_id", 0);
	if (time_param(c, "from", &f->from) != 0 || time_param(c, "to", &f->to) != 0)
		return -1;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
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
		jsonw_kstr(&c->w, "user_name", rows[i].user_name);
		jsonw_kid(&c->w, "org_id", r->org_id);
		jsonw_kstr(&c->w, "org_name", rows[i].org_name);
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

/* The outcome of a verification (keys in byte order: the audit record keeps the same). */
static void write_outcome(struct jsonw *w, const struct audit_verify *v)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "count", v->count);
	jsonw_key(w, "first_broken");
	if (v->broken_seq) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "reason", v->reason);
		jsonw_kint(w, "seq", v->broken_seq);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "head_hash", v->head);
	jsonw_kbool(w, "ok", v->broken_seq == 0);
	jsonw_obj_close(w);
}

/* Verifies the chain and answers what it found; record: also appends it to the log. */
static int verify_chain(struct api_ctx *c, bool record)
{
	struct audit_verify v;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int rc;

	audit_verify_init(&v);
	rc = store_audit_verify(c->db, &v);
	if (rc == KFQ_OK && record) {
		jsonw_init(&w, &sb);
		write_outcome(&w, &v);
		rc = store_audit_event(c->db, &c->actor, "verify", "audit_log", "chain", sb.buf);
		strbuf_release(&sb);
	}
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	write_outcome(&c->w, &v);
	return api_ok(c, 200);
}

static int verify(struct api_ctx *c)
{
	return verify_chain(c, false);
}

static int verify_recorded(struct api_ctx *c)
{
	return verify_chain(c, true);
}

/* A log time (RFC 3339 UTC) as Shanghai wall time "YYYY-MM-DD HH:MM" (arena). */
static const char *shanghai(struct api_ctx *c, const char *utc)
{
	char buf[TIME_RFC3339_LEN];
	int64_t t;

	if (time_parse(utc, &t) != 0)
		return utc;
	time_format(t + 8 * 3600, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	return arena_strdup(c->a, buf);
}

/* 审计日志校验: the records appended since the last recorded verification, and what it found. */
static int chain_todo(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_audit_filter f = {.action = "verify", .entity_type = "audit_log", .limit = 1};
	struct store_audit_filter all = {.limit = 1};
	struct store_audit_row *last, *head;
	int64_t nverify, total;
	json_t *found;
	int n, rc;

	if ((rc = store_audit_list(c->db, c->a, &f, &last, &n, &nverify)) != KFQ_OK ||
	    (rc = store_audit_list(c->db, c->a, &all, &head, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	out->link = "/audit";
	if (!nverify) {
		out->count = total;
		out->level = "warning";
		out->detail = "尚未校验过审计日志链";
		return 0;
	}
	out->count = head[0].rec.seq - last[0].rec.seq;
	found = json_loads(last[0].rec.after_json, 0, NULL);
	if (json_is_true(json_object_get(found, "ok"))) {
		out->level = "success";
		out->detail =
		    arena_printf(c->a, "上次校验：%s，%s，%lld条记录完整",
		                 shanghai(c, last[0].rec.time), last[0].rec.username,
		                 (long long)json_integer_value(json_object_get(found, "count")));
	} else {
		out->level = "danger";
		out->detail = arena_printf(c->a, "上次校验：%s，%s，第%lld条记录起链已断开",
		                           shanghai(c, last[0].rec.time), last[0].rec.username,
		                           (long long)json_integer_value(json_object_get(
		                               json_object_get(found, "first_broken"), "seq")));
	}
	json_decref(found);
	return 0;
}

const struct api_todo api_audit_todos[] = {
    {.key = "audit_chain",
     .label = "审计日志校验（新增记录）",
     .perm = PERM_AUDIT_READ,
     .fill = chain_todo},
    {.key = NULL},
};

/* the time as the page shows it (Beijing, to the second): an auditor matches the file's rows
 * with the page's (DECISIONS 385) */
static const char *const export_headers[] = {"序号",     "时间（北京时间）", "用户",   "姓名",
                                             "单位",     "客户端地址",       "操作",   "对象类型",
                                             "对象编号", "变更前",           "变更后", "哈希"};
static const double export_widths[] = {8, 22, 14, 12, 24, 16, 16, 12, 10, 50, 50, 66};

/* store_each_fn: one record as one row of the export, its action and entity type by name */
static int export_row(void *ctx, const void *element)
{
	const struct store_audit_row *row = element;
	const struct audit_rec *r = &row->rec;
	struct export_table *x = ctx;

	export_int(x, r->seq);
	export_time(x, r->time);
	export_text(x, r->username);
	export_text(x, row->user_name);
	export_text(x, row->org_name);
	export_text(x, r->client_addr);
	export_text(x, enum_label(&enum_audit_action, r->action));
	export_text(x, enum_label(&enum_audit_entity, r->entity_type));
	export_text(x, r->entity_id);
	export_text(x, r->before_json);
	export_text(x, r->after_json);
	export_text(x, row->hash);
	export_end_row(x);
	return 0;
}

/* The records the filter selects, newest first, written out one at a time as the store reads
 * them: a year of a city's log takes the memory of one record. */
static int export(struct api_ctx *c)
{
	struct store_audit_filter f;
	struct export_table x;
	int rc;

	if (filter_from_query(c, &f, false) != 0 ||
	    export_begin(c, &x, "审计日志", export_headers, export_widths, 12) != 0)
		return -1;
	if ((rc = store_audit_each(c->db, &f, export_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x, "审计日志");
}

static void write_names(struct jsonw *w, const char *key, const struct enum_table *t)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (size_t i = 0; i < t->n; i++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "code", t->entries[i].code);
		jsonw_kstr(w, "name", t->entries[i].label);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

/* The Chinese names of the actions and entity types the log records, as the exports show them:
 * the audit page's one table of names; the tax types', which records of taxes and shares are
 * keyed by (the catalogue is the server's: the console has no copy); and the organizations (id,
 * name, parent) its 单位 filter picks from, which the auditor, who reads no organizations
 * otherwise, needs for it. */
static int names(struct api_ctx *c)
{
	struct store_org_filter of = {0};
	struct store_org *orgs;
	int n, rc;

	if ((rc = store_org_list(c->db, c->a, &of, &orgs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	write_names(&c->w, "actions", &enum_audit_action);
	write_names(&c->w, "entity_types", &enum_audit_entity);
	write_names(&c->w, "tax_types", &enum_tax_type);
	jsonw_key(&c->w, "orgs");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", orgs[i].id);
		jsonw_kstr(&c->w, "name", orgs[i].name);
		jsonw_kid(&c->w, "parent_id", orgs[i].parent_id);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

#define AUDIT_FILTER                                                                               \
	API_ID_FIELD("user_id", false), API_QSTR("username", 64), API_ID_FIELD("org_id", false),   \
	    API_QSTR("entity_type", 32), API_QSTR("entity_id", 32), API_QSTR("action", 32),        \
	    API_QSTR("from", 40), API_QSTR("to", 40)
static const struct api_field list_query[] = {AUDIT_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {AUDIT_FILTER, API_FIELDS_END};

static const struct api_field no_body[] = {{NULL, 0, false, 0}};

const struct api_route api_audit_routes[] = {
    {"GET", "/api/audit", list, PERM_AUDIT_READ, 0, list_query, NULL},
    {"GET", "/api/audit/names", names, PERM_AUDIT_READ, 0, NULL, NULL},
    {"GET", "/api/audit/verify", verify, PERM_AUDIT_READ, 0, NULL, NULL},
    {"POST", "/api/audit/verify", verify_recorded, PERM_AUDIT_READ, 0, NULL, no_body},
    {"GET", "/api/audit/export.xlsx", export, PERM_AUDIT_READ, 0, export_query, NULL},
    {"GET", "/api/audit/export.csv", export, PERM_AUDIT_READ, 0, export_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
