/* land_case.c - the cases of low-efficiency land: opened on a parcel that core/land.c finds
 * low-efficiency (the kind is its finding; the handling the one 53号令 gives unless another is
 * chosen, the idle fee worked by core) or on a batch with land approved and not supplied,
 * closed with the result. Read within the caller's land scope; opened and closed by whoever may
 * change the zone's land; the list (overdue=1: the open ones past their deadline) exported as
 * .xlsx or CSV. Must not write SQL. */
#include "api/api.h"
#include "api/export.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "core/enums.h"
#include "core/land.h"
#include "core/plan.h"
#include "store/store_land.h"

#include <string.h>

/* The filters of the list and its exports; overdue=1: the open cases past their deadline
 * (我的待办's link). today_buf holds that day for f. */
static int filter_from_query(struct api_ctx *c, struct store_land_case_filter *f,
                             char today_buf[11])
{
	memset(f, 0, sizeof(*f));
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->parcel_id = api_query_int(c, "parcel_id", 0);
	f->status = api_query_str(c, "status");
	if (f->status && !enum_valid(&enum_land_case_status, f->status))
		return api_error(c, 400, "invalid_parameter", "status 应为 open 或 closed",
		                 "status");
	if (api_query_int(c, "overdue", 0)) {
		plan_day_format(plan_today(c->now), today_buf);
		f->late_before = today_buf;
	}
	land_scope(c, &f->scope);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_land_case_filter f;
	struct store_land_case *cs;
	int64_t total;
	char today[11];
	int n, rc;

	if (filter_from_query(c, &f, today) != 0)
		return -1;
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_land_case_list(c->db, c->a, &f, &cs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_case(&c->w, &cs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* A case's kind as people read it: a parcel's finding, or a batch approved and not supplied. */
static const char *kind_label(const char *kind)
{
	enum land_status st;

	if (kind && land_status_parse(kind, &st))
		return land_status_label(st);
	return "批而未供";
}

/* store_each_fn: one case as one row of the export (ctx: its struct export_table) */
static int export_row(void *ctx, const void *element)
{
	struct export_table *x = ctx;
	const struct store_land_case *lc = element;

	export_text(x, lc->parcel_no ? lc->parcel_no : lc->batch_no);
	export_text(x, lc->zone_name);
	export_text(x, kind_label(lc->kind));
	export_text(x, enum_label(&enum_land_handling, lc->handling));
	if (lc->fee_fen)
		export_amount(x, lc->fee_fen, 2);
	else
		export_text(x, NULL);
	export_text(x, lc->due_on);
	export_text(x, enum_label(&enum_land_case_status, lc->status));
	export_time(x, lc->opened_at);
	export_text(x, lc->note);
	export_time(x, lc->closed_at);
	export_text(x, lc->result);
	export_end_row(x);
	return 0;
}

/* The cases as .xlsx or CSV, with the list's filters: written out one at a time as the store
 * reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"地块或批次",   "开发区",   "类型",    "处置方式",
	                                      "闲置费（元）", "办理期限", "状态",    "立案时间",
	                                      "说明",         "办结时间", "处置结果"};
	static const double widths[] = {22, 28, 12, 16, 14, 12, 10, 22, 40, 22, 40};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_land_case_filter f;
	struct export_table x;
	char today[11];
	int rc;

	if (filter_from_query(c, &f, today) != 0 ||
	    export_begin(c, &x, "低效用地处置", headers, widths, ncols) != 0)
		return -1;
	if ((rc = store_land_case_each(c->db, &f, export_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x, "低效用地处置");
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_land_case lc;
	int rc;

	if ((rc = store_land_case_get(c->db, c->a, id, &lc)) != KFQ_OK)
		return api_store_error(c, rc);
	land_json_case(&c->w, &lc);
	return api_ok(c, status);
}

/* The kind and default handling of a parcel's case from its finding today. */
static int from_parcel(struct api_ctx *c, struct store_land_case *lc)
{
	struct store_scope scope;
	struct store_parcel p;
	struct land_finding f;
	int rc;

	rc = store_parcel_get(c->db, c->a, lc->parcel_id, land_tax_year(c), &p);
	land_scope(c, &scope);
	if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && api_scope_check(c, &scope, p.zone_id) != 0))
		return rc == KFQ_OK
		           ? -1
		           : api_error(c, 400, "invalid_value", "地块不存在", "/parcel_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	land_classify_parcel(c, &p, &f);
	if (f.status == LAND_NORMAL)
		return api_error(c, 409, "invalid_state", "该地块目前不属于低效用地，无需立案处置",
		                 "/parcel_id");
	lc->zone_id = p.zone_id;
	lc->kind = land_status_code(f.status);
	if (!lc->handling) {
		if (f.handling == LAND_HANDLE_DETERMINE_CAUSE)
			return api_error(
			    c, 409, "invalid_state",
			    "闲置原因尚未认定，请先在地块中填写闲置原因，或指定处置方式",
			    "/handling");
		lc->handling =
		    f.handling == LAND_HANDLE_NONE ? "rectify" : land_handling_code(f.handling);
	}
	if (!strcmp(lc->handling, "idle_fee")) {
		if (f.handling != LAND_HANDLE_IDLE_FEE)
			return api_error(c, 409, "invalid_state",
			                 "只有企业原因闲置满一年不满两年的地块征缴土地闲置费",
			                 "/handling");
		lc->fee_fen = f.idle_fee_fen;
	}
	if (!strcmp(lc->handling, "reclaim") && f.handling != LAND_HANDLE_RECLAIM)
		return api_error(c, 409, "invalid_state",
		                 "只有企业原因闲置满两年的地块无偿收回（第53号令第十四条）",
		                 "/handling");
	return 0;
}

static int from_batch(struct api_ctx *c, struct store_land_case *lc)
{
	struct store_scope scope;
	struct store_batch b;
	int rc;

	rc = store_batch_get(c->db, c->a, lc->batch_id, &b);
	land_scope(c, &scope);
	if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && api_scope_check(c, &scope, b.zone_id) != 0))
		return rc == KFQ_OK ? -1
		                    : api_error(c, 400, "invalid_value", "批次不存在", "/batch_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (!land_batch_unsupplied(b.approved_m2x100, b.supplied_m2x100))
		return api_error(c, 409, "invalid_state", "该批次已全部供地，不属于批而未供",
		                 "/batch_id");
	lc->zone_id = b.zone_id;
	lc->kind = "unsupplied";
	if (!lc->handling)
		lc->handling = "rectify";
	if (!strcmp(lc->handling, "idle_fee") || !strcmp(lc->handling, "reclaim"))
		return api_error(c, 400, "invalid_value", "批而未供的土地不适用此处置方式",
		                 "/handling");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_land_case lc = {0};
	int rc;

	lc.parcel_id = api_body_int(c, "parcel_id");
	lc.batch_id = api_body_int(c, "batch_id");
	lc.handling = api_body_str(c, "handling");
	lc.note = api_body_str(c, "note");
	if (!lc.parcel_id == !lc.batch_id)
		return api_error(c, 400, "invalid_value", "应指定地块或批次之一", "/parcel_id");
	if (lc.handling && !enum_valid(&enum_land_handling, lc.handling))
		return api_error(c, 400, "invalid_value", "处置方式无效", "/handling");
	if (land_body_date(c, "due_on", &lc.due_on) != 0)
		return -1;
	if (lc.due_on) {
		char today[11];

		plan_day_format(plan_today(c->now), today);
		if (strcmp(lc.due_on, today) < 0)
			return api_error(c, 400, "invalid_value", "办理期限不能早于今天",
			                 "/due_on");
	}
	if ((lc.parcel_id ? from_parcel(c, &lc) : from_batch(c, &lc)) != 0)
		return -1;
	if (land_may_change(c, lc.zone_id) != 0)
		return -1;
	rc = store_land_case_create(c->db, &c->actor, &land_json_audit, &lc);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "invalid_state",
		                 lc.parcel_id ? "该地块已有处置中的低效用地处置，请办结后再立案"
		                              : "该批次已有处置中的低效用地处置，请办结后再立案",
		                 lc.parcel_id ? "/parcel_id" : "/batch_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, lc.id, 201);
}

static int close_case(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_land_case lc;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_land_case_get(c->db, c->a, id, &lc)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, lc.zone_id) != 0 || land_may_change(c, lc.zone_id) != 0)
		return -1;
	rc = store_land_case_close(c->db, &c->actor, &land_json_audit, id,
	                           api_body_str(c, "result"));
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该处置已办结", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id, 200);
}

#define CASE_FILTER                                                                                \
	API_ID_FIELD("zone_id", false), API_ID_FIELD("parcel_id", false), API_QSTR("status", 16),  \
	    API_INT_FIELD("overdue", false, 0, 1)
static const struct api_field list_query[] = {CASE_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {CASE_FILTER, API_FIELDS_END};

static const struct api_field create_body[] = {
    API_ID_FIELD("parcel_id", false), API_ID_FIELD("batch_id", false),
    {"handling", API_STR, false, 32}, {"due_on", API_STR, false, 10},
    {"note", API_STR, false, 2000},   API_FIELDS_END,
};

static const struct api_field close_body[] = {
    {"result", API_STR, true, 2000},
    API_FIELDS_END,
};

const struct api_route api_land_case_routes[] = {
    {"GET", "/api/land/cases", list, PERM_LAND_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/land/cases/export.xlsx", export, PERM_LAND_READ, 0, export_query, NULL},
    {"GET", "/api/land/cases/export.csv", export, PERM_LAND_READ, 0, export_query, NULL},
    {"POST", "/api/land/cases", create, PERM_LAND_WRITE, 0, NULL, create_body},
    {"POST", "/api/land/cases/:id/close", close_case, PERM_LAND_WRITE, 0, NULL, close_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
