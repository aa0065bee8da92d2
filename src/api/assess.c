/* assess.c - the annual assessment (art. 14, 15): the office (pay_set) keeps each year's
 * schemes per class, enters the zones' targets and actuals, computes, publishes (the grade
 * then rules the zone's performance-pay pool) and decides appeals; a zone (people_write)
 * appeals its published result within the window; everyone with people_read sees the
 * published results of the zones in people_scope with every indicator's contribution (the
 * office sees drafts too) and exports them. Must not write SQL nor compute a score. */
#include "api/export.h"
#include "api/people_impl.h"
#include "api/todo.h"
#include "app/assess_json.h"

#include "core/account.h"
#include "core/enums.h"
#include "store/store_assess.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <jansson.h>
#include <string.h>

static bool sees_drafts(struct api_ctx *c)
{
	return (account_role_perms(c->sess.user.role) & PERM_PAY_SET) != 0;
}

static const char *refusal_message(enum store_assess_refusal why)
{
	switch (why) {
	case STORE_ASSESS_PUBLISHED:
		return "考核结果已公布，方案不能再修改；如需更正结果，请修改数据后注明理由重新计算";
	case STORE_ASSESS_INDICATORS:
		return "已录入考核数据，指标的数量不能再改变（名称、权重等可以修改）";
	case STORE_ASSESS_ZONE_TAKEN:
		return "同一年度每个类别只能有一个方案，每个开发区只能属于一个类别";
	case STORE_ASSESS_NOT_IN_SCHEME:
		return "该开发区或指标不属于此考核方案";
	case STORE_ASSESS_NO_RESULTS:
		return "方案中每个开发区都计算出结果后才能公布";
	case STORE_ASSESS_NOT_PUBLISHED:
		return "考核结果尚未公布，不能申诉";
	case STORE_ASSESS_LATE:
		return "已过申诉期限，不能再申诉";
	case STORE_ASSESS_OPEN_APPEAL:
		return "该结果已有待处理的申诉，或此申诉已处理";
	case STORE_ASSESS_RULE:
		break;
	}
	return "当前状态不允许此操作";
}

static const char *refusal_code(enum store_assess_refusal why)
{
	switch (why) {
	case STORE_ASSESS_ZONE_TAKEN:
		return "conflict";
	case STORE_ASSESS_LATE:
		return "appeal_late";
	default:
		return "invalid_state";
	}
}

/* Answers a refused or failed write. field_base: where the indicators are ("/indicators"). */
static int refuse(struct api_ctx *c, int rc, const struct store_assess_outcome *o,
                  const char *field_base)
{
	if (rc == KFQ_EINVAL && o->why == STORE_ASSESS_RULE) {
		const char *msg = assess_rule_message(o->rule);
		const char *field =
		    o->bad >= 0 ? arena_printf(c->a, "%s/%d", field_base, o->bad) : NULL;
		struct store_org org;

		/* the zone by its name: its number means nothing to the office */
		if (o->org_id && store_org_get(c->db, c->a, o->org_id, &org) == KFQ_OK)
			msg = arena_printf(c->a, "%s（%s）", msg, org.name);
		return api_error(c, o->rule == ASSESS_WEIGHTS_NOT_100 ? 400 : 409,
		                 assess_rule_code(o->rule), msg, field);
	}
	if ((rc == KFQ_ESTATE || rc == KFQ_ECONFLICT) && o->why)
		return api_error(c, 409, refusal_code(o->why), refusal_message(o->why), NULL);
	return api_store_error(c, rc);
}

/* ---- schemes ---- */

static int scheme_answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_assess_scheme s;
	int rc;

	if ((rc = store_assess_scheme_get(c->db, c->a, id, &s)) != KFQ_OK)
		return api_store_error(c, rc);
	assess_json_scheme(&c->w, &s, NULL, 0);
	return api_ok(c, status);
}

static int schemes(struct api_ctx *c)
{
	struct store_assess_scheme *ss;
	int n, rc;

	rc = store_assess_scheme_list(c->db, c->a, (int)api_query_int(c, "year", 0), &ss, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		assess_json_scheme(&c->w, &ss[i], NULL, 0);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int scheme_get(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return scheme_answer(c, id, 200);
}

static int scheme_write(struct api_ctx *c, int64_t id)
{
	json_t *inds = json_object_get(c->body, "indicators");
	struct store_assess_scheme s = {0};
	struct store_assess_outcome o;
	int64_t *zones;
	int nz, rc;

	s.id = id;
	s.year = (int)api_body_int(c, "year");
	s.class_key = api_body_str(c, "class_key");
	s.name = api_body_str(c, "name");
	s.r.cap_bp = api_body_int(c, "cap_bp");
	s.r.min_cp[0] = api_body_int(c, "min_excellent_cp");
	s.r.min_cp[1] = api_body_int(c, "min_good_cp");
	s.r.min_cp[2] = api_body_int(c, "min_fair_cp");
	s.r.top_quota_bp = api_body_int(c, "top_quota_bp");
	s.r.appeal_days = api_body_int(c, "appeal_days");
	s.nind = (int)json_array_size(inds);
	s.ind = arena_zalloc(c->a, sizeof(*s.ind) * (size_t)(s.nind + 1));
	for (int i = 0; i < s.nind; i++) {
		json_t *x = json_array_get(inds, (size_t)i);
		s.ind[i].name = json_string_value(json_object_get(x, "name"));
		s.ind[i].unit = json_string_value(json_object_get(x, "unit"));
		s.ind[i].kind = json_string_value(json_object_get(x, "kind"));
		s.ind[i].mode = json_string_value(json_object_get(x, "mode"));
		s.ind[i].weight = json_integer_value(json_object_get(x, "weight"));
		s.ind[i].scale = json_integer_value(json_object_get(x, "scale"));
	}
	zones = api_body_ints(c, "org_ids", &nz);
	s.nzones = nz;
	s.zones = arena_zalloc(c->a, sizeof(*s.zones) * (size_t)(nz + 1));
	for (int i = 0; i < nz; i++) {
		if (people_require_zone(c, zones[i], arena_printf(c->a, "/org_ids/%d", i)) != 0)
			return -1;
		for (int k = 0; k < i; k++)
			if (zones[k] == zones[i])
				return api_error(c, 400, "invalid_value", "开发区重复",
				                 arena_printf(c->a, "/org_ids/%d", i));
		s.zones[i].org_id = zones[i];
	}
	rc = store_assess_scheme_save(c->db, &c->actor, &assess_json_audit, &s, &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/indicators");
	return scheme_answer(c, s.id, id ? 200 : 201);
}

static int scheme_create(struct api_ctx *c)
{
	return scheme_write(c, 0);
}

static int scheme_update(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return scheme_write(c, id);
}

/* ---- values ---- */

static int values_answer(struct api_ctx *c, int64_t scheme_id, int64_t org_id)
{
	struct store_assess_value *v;
	int n, rc;

	if ((rc = store_assess_values(c->db, c->a, scheme_id, org_id, &v, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		assess_json_value(&c->w, &v[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int values(struct api_ctx *c)
{
	struct store_assess_scheme s;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_assess_scheme_get(c->db, c->a, id, &s)) != KFQ_OK)
		return api_store_error(c, rc);
	return values_answer(c, id, api_query_int(c, "org_id", 0));
}

static int values_set(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "values");
	size_t n = json_array_size(arr);
	struct store_assess_value *v = arena_zalloc(c->a, sizeof(*v) * (n + 1));
	struct store_assess_outcome o;
	int64_t id, org = api_body_int(c, "org_id");
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(arr, i), *t = json_object_get(x, "target");
		v[i].indicator_id = json_integer_value(json_object_get(x, "indicator_id"));
		v[i].has_target = json_is_integer(t);
		v[i].target = json_integer_value(t);
		v[i].actual = json_integer_value(json_object_get(x, "actual"));
		for (size_t k = 0; k < i; k++)
			if (v[k].indicator_id == v[i].indicator_id)
				return api_error(c, 400, "invalid_value", "同一指标出现两次",
				                 arena_printf(c->a, "/values/%zu", i));
	}
	rc = store_assess_values_set(c->db, &c->actor, &assess_json_audit, id, org, v, (int)n, &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/values");
	return values_answer(c, id, org);
}

/* ---- computing, publishing ---- */

static int compute(struct api_ctx *c)
{
	struct store_assess_scheme s;
	struct store_assess_outcome o;
	const char *reason = api_body_str(c, "reason");
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_assess_scheme_get(c->db, c->a, id, &s)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!strcmp(s.status, "published") && !reason)
		return api_error(c, 400, "missing_field",
		                 "结果已公布，重新计算须写明理由（原结果将保留在历史中）",
		                 "/reason");
	rc = store_assess_compute(c->db, &c->actor, &assess_json_audit, id, reason, &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/indicators");
	return scheme_answer(c, id, 200);
}

static int publish(struct api_ctx *c)
{
	struct store_assess_outcome o;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	rc = store_assess_publish(c->db, &c->actor, &assess_json_audit, id, &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/indicators");
	return scheme_answer(c, id, 200);
}

/* ---- results ---- */

static int load_results(struct api_ctx *c, struct store_assess_result **rs, int *n)
{
	struct store_scope scope;
	struct store_assess_filter f = {0};
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	f.year = (int)api_query_int(c, "year", 0);
	f.scheme_id = api_query_int(c, "scheme_id", 0);
	f.published_only = !sees_drafts(c);
	f.scope = &scope;
	rc = store_assess_results(c->db, c->a, &f, rs, n);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int results(struct api_ctx *c)
{
	struct store_assess_result *rs;
	int n;

	if (load_results(c, &rs, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		assess_json_result(&c->w, &rs[i], false);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static const char *points(struct api_ctx *c, int64_t cp)
{
	return arena_printf(c->a, "%s%lld.%02lld", cp < 0 ? "-" : "",
	                    (long long)(cp < 0 ? -cp : cp) / 100,
	                    (long long)(cp < 0 ? -cp : cp) % 100);
}

/* The appeal deadline as the page shows it: the last second before the stored (exclusive) end. */
static const char *last_second(struct api_ctx *c, const char *end)
{
	char buf[TIME_RFC3339_LEN];
	int64_t t;

	if (!end || time_parse(end, &t) != 0)
		return end;
	time_format(t - 1, buf);
	return arena_strdup(c->a, buf);
}

static int results_export(struct api_ctx *c)
{
	/* 状态 beside the grade: a draft result must not pass for a final one once the file
	 * leaves kfq */
	static const char *const headers[] = {"年度",     "类别",      "开发区",     "得分",
	                                      "名次",     "等次",      "因名额调整", "状态",
	                                      "申诉截止", "各指标得分"};
	static const double widths[] = {8, 16, 30, 10, 8, 8, 12, 8, 20, 80};
	struct store_assess_result *rs;
	struct export_table x;
	int n;

	if (load_results(c, &rs, &n) != 0 || export_begin(c, &x, "考核结果", headers, widths, 10))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_assess_result *r = &rs[i];
		const char *detail = "";
		for (int k = 0; k < r->nlines; k++)
			detail =
			    arena_printf(c->a, "%s%s%s %s", detail, k ? "；" : "", r->lines[k].name,
			                 points(c, r->lines[k].contribution_cp));
		export_int(&x, r->year);
		export_text(&x, r->class_key);
		export_text(&x, r->org_name);
		export_amount(&x, r->score_cp, 2);
		export_int(&x, r->rank);
		export_text(&x, enum_label(&enum_pay_grade, r->grade));
		export_text(&x, r->demoted ? "是" : "");
		export_text(&x, !strcmp(r->scheme_status, "published") ? "已公布" : "未公布");
		export_time(&x, last_second(c, r->appeal_deadline));
		export_text(&x, detail);
		export_end_row(&x);
	}
	return export_finish(c, &x, "考核结果");
}

/* The :id result, 404 outside the caller's scope or, for whoever does not see drafts, before
 * publication. */
static int load_result(struct api_ctx *c, bool own, struct store_assess_result *r)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || (!own && people_scope(c, &scope) != 0))
		return -1;
	if ((rc = store_assess_result_get(c->db, c->a, id, r)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!sees_drafts(c) && strcmp(r->scheme_status, "published") != 0)
		return api_store_error(c, KFQ_ENOTFOUND);
	return api_scope_check(c, own ? NULL : &scope, r->org_id);
}

static int result_get(struct api_ctx *c)
{
	struct store_assess_result r;

	if (load_result(c, false, &r) != 0)
		return -1;
	assess_json_result(&c->w, &r, true);
	return api_ok(c, 200);
}

/* ---- appeals ---- */

static int appeal_answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_assess_appeal a;
	int rc;

	if ((rc = store_assess_appeal_get(c->db, c->a, id, &a)) != KFQ_OK)
		return api_store_error(c, rc);
	assess_json_appeal(&c->w, &a);
	return api_ok(c, status);
}

static int appeal_file(struct api_ctx *c)
{
	struct store_assess_result r;
	struct store_assess_outcome o;
	int64_t id;
	int rc;

	if (load_result(c, true, &r) != 0)
		return -1;
	rc = store_assess_appeal_file(c->db, &c->actor, &assess_json_audit, r.id,
	                              api_body_str(c, "reason"), c->now, &id, &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/reason");
	return appeal_answer(c, id, 201);
}

/* The year's appeals in the caller's scope, for the list and its export. */
static int read_appeals(struct api_ctx *c, struct store_assess_appeal **as, int *n)
{
	struct store_scope scope;
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	rc = store_assess_appeals(c->db, c->a, (int)api_query_int(c, "year", 0), &scope, as, n);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int appeals(struct api_ctx *c)
{
	struct store_assess_appeal *as;
	int n;

	if (read_appeals(c, &as, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		assess_json_appeal(&c->w, &as[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int appeals_export(struct api_ctx *c)
{
	static const char *const headers[] = {"年度", "开发区",   "考核方案", "申诉理由",
	                                      "状态", "提出时间", "处理意见", "处理时间"};
	static const double widths[] = {8, 30, 24, 40, 12, 20, 40, 20};
	struct store_assess_appeal *as;
	struct export_table x;
	int n;

	if (read_appeals(c, &as, &n) != 0)
		return -1;
	if (export_begin(c, &x, "考核申诉", headers, widths, 8))
		return -1;
	for (int i = 0; i < n; i++) {
		export_int(&x, as[i].year);
		export_text(&x, as[i].org_name);
		export_text(&x, as[i].scheme_name);
		export_text(&x, as[i].reason);
		export_text(&x, enum_label(&enum_appeal_status, as[i].status));
		export_time(&x, as[i].filed_at);
		export_text(&x, as[i].comment);
		export_time(&x, as[i].decided_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "考核申诉");
}

static int appeal_decide(struct api_ctx *c)
{
	const char *decision = api_body_str(c, "decision"), *comment = api_body_str(c, "comment");
	struct store_assess_outcome o;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if (strcmp(decision, "upheld") != 0 && strcmp(decision, "rejected") != 0)
		return api_error(c, 400, "invalid_value",
		                 "处理结果应为 upheld（申诉成立）或 rejected（维持原结果）",
		                 "/decision");
	rc = store_assess_appeal_decide(c->db, &c->actor, &assess_json_audit, id, decision, comment,
	                                &o);
	if (rc != KFQ_OK)
		return refuse(c, rc, &o, "/decision");
	return appeal_answer(c, id, 200);
}

#define YEAR_FIELD(required) API_INT_FIELD("year", required, 2000, 2100)
static const struct api_field year_query[] = {YEAR_FIELD(false), API_FIELDS_END};
static const struct api_field result_query[] = {YEAR_FIELD(false), API_ID_FIELD("scheme_id", false),
                                                API_FIELDS_END};
static const struct api_field org_query[] = {API_ID_FIELD("org_id", false), API_FIELDS_END};
/* wide ranges, so that the rules of core/assess.h name what is wrong */
static const struct api_field indicator_fields[] = {
    {"name", API_STR, true, 200},
    {"unit", API_STR, false, 40},
    {"kind", API_STR, true, 16},
    {"mode", API_STR, true, 16},
    API_INT_FIELD("weight", true, 0, 1000),
    API_INT_FIELD("scale", false, 0, ASSESS_VALUE_MAX),
    API_FIELDS_END};
static const struct api_field scheme_body[] = {
    YEAR_FIELD(true),
    {"class_key", API_STR, true, 100},
    {"name", API_STR, true, 200},
    API_INT_FIELD("cap_bp", true, 0, 1000000),
    API_INT_FIELD("min_excellent_cp", true, 0, 1000000),
    API_INT_FIELD("min_good_cp", true, 0, 1000000),
    API_INT_FIELD("min_fair_cp", true, 0, 1000000),
    API_INT_FIELD("top_quota_bp", true, 0, 1000000),
    API_INT_FIELD("appeal_days", true, 0, 1000),
    {"indicators", API_OBJ_ARRAY, true, ASSESS_INDICATORS_MAX * 2, indicator_fields},
    API_IDS_FIELD("org_ids", true, 1000),
    API_FIELDS_END};
static const struct api_field value_fields[] = {
    API_ID_FIELD("indicator_id", true), API_INT_FIELD("target", false, 0, ASSESS_VALUE_MAX),
    API_INT_FIELD("actual", true, 0, ASSESS_VALUE_MAX), API_FIELDS_END};
static const struct api_field values_body[] = {
    API_ID_FIELD("org_id", true),
    {"values", API_OBJ_ARRAY, true, ASSESS_INDICATORS_MAX, value_fields},
    API_FIELDS_END};
static const struct api_field compute_body[] = {{"reason", API_STR, false, 2000}, API_FIELDS_END};
static const struct api_field appeal_body[] = {{"reason", API_STR, true, 4000}, API_FIELDS_END};
static const struct api_field decide_body[] = {
    {"decision", API_STR, true, 16}, {"comment", API_STR, true, 2000}, API_FIELDS_END};

const struct api_route api_assess_routes[] = {
    {"GET", "/api/assess/schemes", schemes, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"POST", "/api/assess/schemes", scheme_create, PERM_PAY_SET, 0, NULL, scheme_body},
    {"GET", "/api/assess/schemes/:id", scheme_get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"PUT", "/api/assess/schemes/:id", scheme_update, PERM_PAY_SET, 0, NULL, scheme_body},
    {"GET", "/api/assess/schemes/:id/values", values, PERM_PAY_SET, 0, org_query, NULL},
    {"PUT", "/api/assess/schemes/:id/values", values_set, PERM_PAY_SET, 0, NULL, values_body},
    {"POST", "/api/assess/schemes/:id/compute", compute, PERM_PAY_SET, 0, NULL, compute_body},
    {"POST", "/api/assess/schemes/:id/publish", publish, PERM_PAY_SET, 0, NULL, NULL},
    {"GET", "/api/assess/results", results, PERM_PEOPLE_READ, 0, result_query, NULL},
    {"GET", "/api/assess/results/export.xlsx", results_export, PERM_PEOPLE_READ, 0, result_query,
     NULL},
    {"GET", "/api/assess/results/export.csv", results_export, PERM_PEOPLE_READ, 0, result_query,
     NULL},
    {"GET", "/api/assess/results/:id", result_get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"POST", "/api/assess/results/:id/appeal", appeal_file, PERM_PEOPLE_WRITE, 0, NULL,
     appeal_body},
    {"GET", "/api/assess/appeals", appeals, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"GET", "/api/assess/appeals/export.xlsx", appeals_export, PERM_PEOPLE_READ, 0, year_query,
     NULL},
    {"GET", "/api/assess/appeals/export.csv", appeals_export, PERM_PEOPLE_READ, 0, year_query,
     NULL},
    {"POST", "/api/assess/appeals/:id/decide", appeal_decide, PERM_PAY_SET, 0, NULL, decide_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* 我的待办 (api/todo.h): the appeals waiting for the office's decision in the newest year with
 * one, in the caller's people_scope; the link opens that year's appeals tab. */
static int appeals_open(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_assess_appeal *as;
	struct store_scope scope;
	int n, rc, year = 0;

	out->link = "/assess?tab=appeals";
	out->level = "warning";
	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_assess_appeals(c->db, c->a, 0, &scope, &as, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		if (!strcmp(as[i].status, "open") && as[i].year > year)
			year = as[i].year;
	for (int i = 0; i < n; i++)
		out->count += !strcmp(as[i].status, "open") && as[i].year == year;
	if (year)
		out->link = arena_printf(c->a, "/assess?tab=appeals&year=%d", year);
	return 0;
}

const struct api_todo api_assess_todos[] = {
    {.key = "assess_appeals_open",
     .label = "待处理的考核申诉",
     .perm = PERM_PAY_SET,
     .fill = appeals_open},
    {.key = NULL},
};
