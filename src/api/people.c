/* people.c - staffing (art. 7-10): the figures 编办 approves per zone and year (编制 by kind,
 * internal bodies, 领导职数, 员额) with their document numbers and history, and the zones'
 * posts with their grades. Reading follows people_scope; approving needs the approve_staffing
 * capability of the caller's organization. Also what the roster's file (person.c) shares. Must
 * not write SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "api/people_impl.h"
#include "app/people_json.h"

#include "store/store_org.h"
#include "store/store_people.h"

#include <string.h>

int people_scope(struct api_ctx *c, struct store_scope *out)
{
	const char *role = c->sess.user.role;
	bool staffing = false, pay = false, leaders = false;

	api_scope(c, out);
	if (!strcmp(role, "office") || !strcmp(role, "supervisor")) {
		out->kind = "all";
		return 0;
	}
	if (api_org_may(c, CAP_APPROVE_STAFFING, &staffing) != 0 ||
	    api_org_may(c, CAP_ACK_PAY_FILING, &pay) != 0 ||
	    api_org_may(c, CAP_RECORD_LEADER_ACTION, &leaders) != 0)
		return -1;
	/* 组织部 (record_leader_action) keeps the zones' leaders, so it reads every roster */
	if (staffing || pay || leaders)
		out->kind = "all";
	return 0;
}

int people_refuse(struct api_ctx *c, enum people_rule rule, const char *field)
{
	return api_error(c, 409, people_rule_code(rule), people_rule_message(rule), field);
}

int people_require_key(struct api_ctx *c)
{
	if (store_people_key_ready())
		return 0;
	return api_error(
	    c, 503, "personal_key_missing",
	    "服务器缺少身份证号密钥文件，人员名册暂不能新增或修改，请联系系统管理员恢复密钥文件",
	    NULL);
}

int people_store_error(struct api_ctx *c, int rc, enum people_rule rule, const char *field)
{
	if (rc == KFQ_EINVAL && rule != PEOPLE_OK)
		return people_refuse(c, rule, field);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该人员已不在册，不能再变更", NULL);
	return api_store_error(c, rc);
}

int people_history(struct api_ctx *c, const char *entity_type, int64_t id)
{
	struct store_audit_filter f = {.entity_type = entity_type,
	                               .entity_id = arena_printf(c->a, "%lld", (long long)id)};
	struct store_audit_row *rows;
	int64_t total;
	int n, rc;

	if ((rc = store_audit_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		const struct audit_rec *r = &rows[i].rec;
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "action", r->action);
		jsonw_key(&c->w, "after");
		if (r->after_json)
			jsonw_raw(&c->w, r->after_json, strlen(r->after_json));
		else
			jsonw_null(&c->w);
		jsonw_key(&c->w, "before");
		if (r->before_json)
			jsonw_raw(&c->w, r->before_json, strlen(r->before_json));
		else
			jsonw_null(&c->w);
		jsonw_kint(&c->w, "seq", r->seq);
		jsonw_kstr(&c->w, "time", r->time);
		jsonw_kstr(&c->w, "username", r->username);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, total, 0, 0);
	return api_ok(c, 200);
}

int people_require_zone(struct api_ctx *c, int64_t org_id, const char *field)
{
	struct store_org o;
	int rc = store_org_get(c->db, c->a, org_id, &o);

	if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && strcmp(o.type, "zone") != 0))
		return api_error(c, 400, "invalid_value", "请选择一个开发区", field);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* ---- staffing ---- */

/* The staffing the query selects in the caller's scope, a page of it when paged (the list),
 * all of it else (its export). */
static int read_staffing(struct api_ctx *c, bool paged, struct store_staffing_filter *f,
                         struct store_staffing **xs, int *n, int64_t *total)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if (people_scope(c, &f->scope) != 0)
		return -1;
	f->org_id = api_query_int(c, "org_id", 0);
	f->year = (int)api_query_int(c, "year", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	if ((rc = store_staffing_list(c->db, c->a, f, xs, n, total)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_staffing_filter f;
	struct store_staffing *xs;
	int64_t total;
	int n;

	if (read_staffing(c, true, &f, &xs, &n, &total) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		people_json_staffing(&c->w, &xs[i], false);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int staffing_export(struct api_ctx *c)
{
	static const char *const headers[] = {"年度",     "开发区",   "行政编制", "事业编制",
	                                      "员额",     "内设机构", "领导职数", "批复文号",
	                                      "批复时间", "批复人",   "说明"};
	static const double widths[] = {8, 30, 10, 10, 8, 10, 10, 24, 20, 12, 40};
	struct store_staffing_filter f;
	struct store_staffing *xs;
	struct export_table x;
	int64_t total;
	int n;

	if (read_staffing(c, false, &f, &xs, &n, &total) != 0)
		return -1;
	if (export_begin(c, &x, "编制核定", headers, widths, 11))
		return -1;
	for (int i = 0; i < n; i++) {
		export_int(&x, xs[i].year);
		export_text(&x, xs[i].org_name);
		export_int(&x, xs[i].f.admin_slots);
		export_int(&x, xs[i].f.inst_slots);
		export_int(&x, xs[i].f.quota);
		export_int(&x, xs[i].f.bodies);
		export_int(&x, xs[i].f.leaders);
		export_text(&x, xs[i].doc_no);
		export_time(&x, xs[i].approved_at);
		export_text(&x, xs[i].approved_by_name);
		export_text(&x, xs[i].note);
		export_end_row(&x);
	}
	return export_finish(c, &x, "编制核定");
}

/* The :id staffing within the caller's scope. */
static int load(struct api_ctx *c, struct store_staffing *x)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_staffing_get(c->db, c->a, id, x)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, &scope, x->org_id);
}

static int get(struct api_ctx *c)
{
	struct store_staffing x;

	if (load(c, &x) != 0)
		return -1;
	people_json_staffing(&c->w, &x, true);
	return api_ok(c, 200);
}

static int history(struct api_ctx *c)
{
	struct store_staffing x;

	if (load(c, &x) != 0)
		return -1;
	return people_history(c, "staffing", x.id);
}

static int approve(struct api_ctx *c)
{
	struct store_staffing x = {0};
	enum people_rule rule;
	int rc;

	if (api_require_capability(c, CAP_APPROVE_STAFFING) != 0)
		return -1;
	x.org_id = api_body_int(c, "org_id");
	if (people_require_zone(c, x.org_id, "/org_id") != 0)
		return -1;
	x.year = (int)api_body_int(c, "year");
	x.f.admin_slots = api_body_int(c, "admin_slots");
	x.f.inst_slots = api_body_int(c, "inst_slots");
	x.f.bodies = api_body_int(c, "bodies");
	x.f.leaders = api_body_int(c, "leaders");
	x.f.quota = api_body_int(c, "quota");
	x.doc_no = api_body_str(c, "doc_no");
	x.note = api_body_str(c, "note");
	/* left out: the names stay (a change of the numbers alone); [] takes them away */
	x.keep_bodies = !api_body_given(c, "body_names");
	x.bodies = api_body_strs(c, "body_names", &x.n_bodies);
	for (int i = 0; i < x.n_bodies; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(x.bodies[i], x.bodies[j]))
				return api_error(c, 400, "invalid_value", "内设机构名称重复",
				                 arena_printf(c->a, "/body_names/%d", i));
	rc = store_staffing_set(c->db, &c->actor, &people_json_audit, &x, &rule);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule,
		                          rule == PEOPLE_OVER_BODIES ? "/body_names" : NULL);
	if ((rc = store_staffing_get(c->db, c->a, x.id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	people_json_staffing(&c->w, &x, true);
	return api_ok(c, 200);
}

/* ---- posts ---- */

/* The posts the query selects in the caller's scope, for the list and its export. */
static int read_posts(struct api_ctx *c, struct store_post **ps, int *n)
{
	struct store_scope scope;
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	rc = store_post_list(c->db, c->a, api_query_int(c, "org_id", 0), &scope, ps, n);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int post_list(struct api_ctx *c)
{
	struct store_post *ps;
	int n;

	if (read_posts(c, &ps, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		people_json_post(&c->w, &ps[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int post_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区", "岗位",     "内设机构",
	                                      "职级",   "领导职务", "在岗人员"};
	static const double widths[] = {30, 24, 20, 12, 10, 14};
	struct store_post *ps;
	struct export_table x;
	int n;

	if (read_posts(c, &ps, &n) != 0 || export_begin(c, &x, "岗位", headers, widths, 6))
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&x, ps[i].org_name);
		export_text(&x, ps[i].name);
		export_text(&x, ps[i].body);
		export_text(&x, ps[i].grade);
		export_text(&x, ps[i].leader ? "是" : "否");
		export_text(&x, ps[i].holder_name);
		export_end_row(&x);
	}
	return export_finish(c, &x, "岗位");
}

static int post_create(struct api_ctx *c)
{
	struct store_post p = {0};
	int rc;

	if (api_require_capability(c, CAP_APPROVE_STAFFING) != 0)
		return -1;
	p.org_id = api_body_int(c, "org_id");
	if (people_require_zone(c, p.org_id, "/org_id") != 0)
		return -1;
	p.name = api_body_str(c, "name");
	p.grade = api_body_str(c, "grade");
	p.leader = api_body_bool(c, "leader");
	p.body = api_body_str(c, "body");
	rc = store_post_create(c->db, &c->actor, &people_json_audit, &p);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "duplicate", "该开发区已有同名岗位", "/name");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_post_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	people_json_post(&c->w, &p);
	return api_ok(c, 201);
}

static int post_delete(struct api_ctx *c)
{
	enum people_rule rule;
	int64_t id;
	int rc;

	if (api_require_capability(c, CAP_APPROVE_STAFFING) != 0 || api_path_id(c, &id) != 0)
		return -1;
	rc = store_post_delete(c->db, &c->actor, &people_json_audit, id, &rule);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule, NULL);
	c->req->resp.status = 204;
	return 0;
}

static const struct api_field list_query[] = {API_ID_FIELD("org_id", false),
                                              API_INT_FIELD("year", false, 2000, 2100), API_QPAGE,
                                              API_FIELDS_END};
static const struct api_field export_query[] = {
    API_ID_FIELD("org_id", false), API_INT_FIELD("year", false, 2000, 2100), API_FIELDS_END};
static const struct api_field post_query[] = {API_ID_FIELD("org_id", false), API_FIELDS_END};

#define COUNT_FIELD(name) API_INT_FIELD(name, true, 0, 100000)
static const struct api_field approve_body[] = {
    API_ID_FIELD("org_id", true),
    API_INT_FIELD("year", true, 2000, 2100),
    COUNT_FIELD("admin_slots"),
    COUNT_FIELD("inst_slots"),
    COUNT_FIELD("bodies"),
    COUNT_FIELD("leaders"),
    COUNT_FIELD("quota"),
    {"doc_no", API_STR, true, 100},
    {"note", API_STR, false, 2000},
    {"body_names", API_STR_ARRAY, false, 200},
    API_FIELDS_END,
};
static const struct api_field post_body[] = {
    API_ID_FIELD("org_id", true),   {"name", API_STR, true, 100},  {"grade", API_STR, true, 50},
    {"leader", API_BOOL, false, 0}, {"body", API_STR, false, 100}, API_FIELDS_END,
};

const struct api_route api_staffing_routes[] = {
    {"GET", "/api/staffing", list, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"GET", "/api/staffing/export.xlsx", staffing_export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"GET", "/api/staffing/export.csv", staffing_export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"PUT", "/api/staffing", approve, PERM_PEOPLE_READ, 0, NULL, approve_body},
    {"GET", "/api/staffing/:id", get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"GET", "/api/staffing/:id/history", history, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"GET", "/api/posts", post_list, PERM_PEOPLE_READ, 0, post_query, NULL},
    {"GET", "/api/posts/export.xlsx", post_export, PERM_PEOPLE_READ, 0, post_query, NULL},
    {"GET", "/api/posts/export.csv", post_export, PERM_PEOPLE_READ, 0, post_query, NULL},
    {"POST", "/api/posts", post_create, PERM_PEOPLE_READ, 0, NULL, post_body},
    {"DELETE", "/api/posts/:id", post_delete, PERM_PEOPLE_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
