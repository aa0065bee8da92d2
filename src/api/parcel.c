/* parcel.c - land batches (批次) and parcels: lists scoped to the caller's zones with filters,
 * each parcel's low-efficiency finding computed for today by core/land.c and explained, both
 * lists' .xlsx and CSV exports with their filters, creation and changes by 市自然资源局
 * (manage_land) or the zone itself. Must not write SQL nor judge land itself. */
#include "api/api.h"
#include "api/export.h"
#include "api/land_impl.h"

#include "app/land_json.h"
#include "core/enums.h"
#include "core/land.h"
#include "core/plan.h"
#include "store/store_enterprise.h"
#include "store/store_land.h"

#include <stdlib.h>

#include <string.h>

/* ---- batches ---- */

static int batch_list(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_batch *bs;
	int n, rc;

	land_scope(c, &scope);
	rc = store_batch_list(c->db, c->a, &scope, api_query_int(c, "zone_id", 0), &bs, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_batch(&c->w, &bs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int batch_export(struct api_ctx *c)
{
	static const char *const headers[] = {"批次文号",           "开发区",
	                                      "批准日期",           "批准面积（平方米）",
	                                      "已供面积（平方米）", "批而未供（平方米）",
	                                      "批而未供（亩）"};
	static const double widths[] = {20, 28, 12, 18, 18, 18, 14};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_scope scope;
	struct store_batch *bs;
	struct export_table x;
	int n, rc;

	land_scope(c, &scope);
	rc = store_batch_list(c->db, c->a, &scope, api_query_int(c, "zone_id", 0), &bs, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "土地批次", headers, widths, ncols) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int64_t left = land_batch_unsupplied(bs[i].approved_m2x100, bs[i].supplied_m2x100);
		export_text(&x, bs[i].batch_no);
		export_text(&x, bs[i].zone_name);
		export_text(&x, bs[i].approved_on);
		export_amount(&x, bs[i].approved_m2x100, 2);
		export_amount(&x, bs[i].supplied_m2x100, 2);
		export_amount(&x, left, 2);
		export_amount(&x, land_mu_x100(left), 2);
		export_end_row(&x);
	}
	return export_finish(c, &x, "土地批次");
}

static int batch_create(struct api_ctx *c)
{
	struct store_batch b = {0};
	int rc;

	b.zone_id = api_body_int(c, "zone_id");
	b.batch_no = api_body_str(c, "batch_no");
	if (land_may_change(c, b.zone_id) != 0 ||
	    land_body_hundredths(c, "approved_m2", true, &b.approved_m2x100) != 0 ||
	    land_body_date(c, "approved_on", &b.approved_on) != 0)
		return -1;
	rc = store_batch_create(c->db, &c->actor, &land_json_audit, &b);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "already_exists", "该开发区已有此批次号", "/batch_no");
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "只能为开发区录入批次", "/zone_id");
	if (rc != KFQ_OK || (rc = store_batch_get(c->db, c->a, b.id, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	land_json_batch(&c->w, &b);
	return api_ok(c, 201);
}

/* ---- parcels ---- */

int land_tax_year(struct api_ctx *c)
{
	char ymd[11];

	plan_day_format(plan_today(c->now), ymd);
	return atoi(ymd) - 1;
}

void land_classify_parcel(struct api_ctx *c, const struct store_parcel *p, struct land_finding *f)
{
	struct land_parcel_facts facts;

	land_parcel_facts(p, &facts);
	if (p->registry_tax) {
		facts.tax_last_year_fen = p->registry_tax_fen;
		facts.tax_from_registry = true;
		facts.tax_area_m2x100 = p->registry_area_m2x100;
	}
	land_classify(&facts, plan_today(c->now), f);
}

/* whether a parcel found so is one the status filter asks for (normal: those found nothing) */
static bool finding_is(const struct land_finding *f, enum land_status status)
{
	return (f->flags & (1u << status)) || (status == LAND_NORMAL && f->status == LAND_NORMAL);
}

/* The filters of the list and the export; *status the finding asked for, if any. */
static int filter_from_query(struct api_ctx *c, struct store_parcel_filter *f, bool *by_status,
                             enum land_status *status)
{
	const char *st = api_query_str(c, "status");

	memset(f, 0, sizeof(*f));
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->batch_id = api_query_int(c, "batch_id", 0);
	f->land_use = api_query_str(c, "land_use");
	f->q = api_query_str(c, "q");
	f->enterprise_id = api_query_int(c, "enterprise_id", 0);
	f->tax_year = land_tax_year(c);
	land_scope(c, &f->scope);
	*by_status = st != NULL;
	if (st && !land_status_parse(st, status))
		return api_error(
		    c, 400, "invalid_parameter",
		    "status 应为 idle、unused、underused、unproduced、substandard 或 normal",
		    "status");
	if (f->land_use && !enum_valid(&enum_land_use, f->land_use))
		return api_error(c, 400, "invalid_parameter", "land_use 不是有效的用地类型",
		                 "land_use");
	return 0;
}

/* The parcels of the filter, with their findings (their registry tax read in the list's one
 * statement); with a status asked for, the findings decide which parcels are listed, so every
 * parcel the SQL filters leave is read and classified, and the page is cut here (a zone holds
 * thousands of parcels, not millions). */
static int select_parcels(struct api_ctx *c, struct store_parcel_filter *f, bool by_status,
                          enum land_status status, struct store_parcel **ps,
                          struct land_finding **fs, int *n, int64_t *total)
{
	int64_t offset = f->offset, limit = f->limit;
	int rc, k = 0;

	*fs = NULL;
	if (by_status)
		f->offset = f->limit = 0;
	if ((rc = store_parcel_list(c->db, c->a, f, ps, n, total)) != KFQ_OK)
		return api_store_error(c, rc);
	*fs = arena_alloc(c->a, sizeof(**fs) * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		land_classify_parcel(c, &(*ps)[i], &(*fs)[k]);
		if (by_status && !finding_is(&(*fs)[k], status))
			continue;
		(*ps)[k] = (*ps)[i];
		k++;
	}
	if (!by_status)
		return 0;
	*total = k;
	*n = 0;
	if (offset < k) {
		*ps += offset;
		*fs += offset;
		*n = (int)(limit && k - offset > limit ? limit : k - offset);
	}
	return 0;
}

static int parcel_list(struct api_ctx *c)
{
	struct store_parcel_filter f;
	struct store_parcel *ps;
	struct land_finding *fs;
	enum land_status status = LAND_NORMAL;
	bool by_status;
	int64_t total, offset, limit;
	int n;

	if (filter_from_query(c, &f, &by_status, &status) != 0)
		return -1;
	api_query_page(c, &offset, &limit);
	f.offset = offset;
	f.limit = limit;
	if (select_parcels(c, &f, by_status, status, &ps, &fs, &n, &total) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		land_json_parcel(&c->w, &ps[i], &fs[i]);
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

/* Loads the :id parcel; 404 when absent or outside the caller's land scope. */
static int load(struct api_ctx *c, struct store_parcel *p)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_parcel_get(c->db, c->a, id, land_tax_year(c), p)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	return api_scope_check(c, &scope, p->zone_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_parcel p;
	struct land_finding f;
	int rc;

	if ((rc = store_parcel_get(c->db, c->a, id, land_tax_year(c), &p)) != KFQ_OK)
		return api_store_error(c, rc);
	land_classify_parcel(c, &p, &f);
	land_json_parcel(&c->w, &p, &f);
	return api_ok(c, status);
}

static int parcel_get(struct api_ctx *c)
{
	struct store_parcel p;

	if (load(c, &p) != 0)
		return -1;
	return answer(c, p.id, 200);
}

/* The registry's enterprise that holds the parcel: registered, and in the parcel's zone. */
static int enterprise_check(struct api_ctx *c, const struct store_parcel *p)
{
	struct store_enterprise e;
	int rc;

	if (!p->enterprise_id)
		return 0;
	rc = store_enterprise_get(c->db, c->a, p->enterprise_id, &e);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	/* one answer for both, so that an id tells nothing of another zone's registry */
	if (rc == KFQ_ENOTFOUND || e.zone_id != p->zone_id)
		return api_error(c, 400, "invalid_value", "企业不存在或不在地块所在的开发区",
		                 "/enterprise_id");
	return 0;
}

/* Reads the body into p (p->id and zone stay the caller's). */
static int parcel_from_body(struct api_ctx *c, struct store_parcel *p)
{
	static const char *const dates[] = {"agreed_start", "agreed_finish", "agreed_production",
	                                    "actual_start", "actual_finish", "actual_production",
	                                    "stopped_since"};
	const char **slots[] = {&p->agreed_start, &p->agreed_finish, &p->agreed_production,
	                        &p->actual_start, &p->actual_finish, &p->actual_production,
	                        &p->stopped_since};

	p->zone_id = api_body_int(c, "zone_id");
	p->batch_id = api_body_int(c, "batch_id");
	p->enterprise_id = api_body_int(c, "enterprise_id");
	p->parcel_no = api_body_str(c, "parcel_no");
	p->location = api_body_str(c, "location");
	p->land_use = api_body_str(c, "land_use");
	p->idle_cause = api_body_str(c, "idle_cause");
	if (land_may_change(c, p->zone_id) != 0 || enterprise_check(c, p) != 0)
		return -1;
	if (!enum_valid(&enum_land_use, p->land_use))
		return api_error(
		    c, 400, "invalid_value",
		    "用地类型应为 industrial、warehouse、commercial、residential、public 或 "
		    "other",
		    "/land_use");
	if (p->idle_cause && !enum_valid(&enum_idle_cause, p->idle_cause))
		return api_error(c, 400, "invalid_value", "闲置原因应为 government 或 enterprise",
		                 "/idle_cause");
	if (land_body_hundredths(c, "area_m2", true, &p->area_m2x100) != 0 ||
	    land_body_hundredths(c, "developed_m2", false, &p->developed_m2x100) != 0 ||
	    land_body_hundredths(c, "land_price", false, &p->land_price_fen) != 0 ||
	    land_body_hundredths(c, "investment_agreed", false, &p->investment_agreed_fen) != 0 ||
	    land_body_hundredths(c, "investment_done", false, &p->investment_done_fen) != 0 ||
	    land_body_hundredths(c, "far_agreed", false, &p->far_agreed_x100) != 0 ||
	    land_body_hundredths(c, "far", false, &p->far_x100) != 0 ||
	    land_body_hundredths(c, "tax_per_mu_agreed", false, &p->tax_per_mu_agreed_fen) != 0 ||
	    land_body_hundredths(c, "tax_last_year", false, &p->tax_last_year_fen) != 0)
		return -1;
	if (p->developed_m2x100 > p->area_m2x100)
		return api_error(c, 400, "invalid_value", "已开发面积不能大于宗地面积",
		                 "/developed_m2");
	struct land_parcel_facts facts;
	const char *why, *field;

	for (int i = 0; i < 7; i++)
		if (land_body_date(c, dates[i], slots[i]) != 0)
			return -1;
	land_parcel_facts(p, &facts);
	/* today as the request's clock reads it, in Asia/Shanghai */
	if ((why = land_dates_check(&facts, plan_today(c->now), &field)) != NULL)
		return api_error(c, 400, "invalid_value", why, arena_printf(c->a, "/%s", field));
	return land_locate(c, p->zone_id, &p->geojson, &p->where_code);
}

/* The batch's approved area cannot hold p: named with what its other parcels (before p was
 * saved: mine, the area p had in it then) already take. */
static int over_batch(struct api_ctx *c, const struct store_parcel *p, int64_t mine)
{
	struct store_batch b;
	char approved[24], supplied[24], left[24], area[24];
	int rc;

	if ((rc = store_batch_get(c->db, c->a, p->batch_id, &b)) != KFQ_OK)
		return api_store_error(c, rc);
	land_json_hundredths(b.approved_m2x100, approved);
	land_json_hundredths(b.supplied_m2x100 - mine, supplied);
	land_json_hundredths(land_batch_unsupplied(b.approved_m2x100, b.supplied_m2x100 - mine),
	                     left);
	land_json_hundredths(p->area_m2x100, area);
	return api_error(c, 400, "invalid_value",
	                 arena_printf(c->a,
	                              "批次“%s”批准面积%s平方米，已供面积%s平方米，批而未供%s"
	                              "平方米，容不下本宗地的%s平方米",
	                              b.batch_no, approved, supplied, left, area),
	                 "/area_m2");
}

static int refused(struct api_ctx *c, int rc)
{
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "already_exists", "该宗地编号已存在", "/parcel_no");
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value",
		                 "开发区或批次无效（批次须属于同一开发区）", "/batch_id");
	return api_store_error(c, rc);
}

static int parcel_create(struct api_ctx *c)
{
	struct store_parcel p = {0};
	int rc;

	if (parcel_from_body(c, &p) != 0)
		return -1;
	rc = store_parcel_create(c->db, &c->actor, &land_json_audit, &p);
	if (rc == KFQ_EINVAL && p.batch_id)
		return over_batch(c, &p, 0);
	if (rc != KFQ_OK)
		return refused(c, rc);
	return answer(c, p.id, 201);
}

static int parcel_update(struct api_ctx *c)
{
	struct store_parcel old, p = {0};
	int rc;

	if (load(c, &old) != 0 || land_may_change(c, old.zone_id) != 0)
		return -1;
	p.id = old.id;
	if (parcel_from_body(c, &p) != 0)
		return -1;
	rc = store_parcel_update(c->db, &c->actor, &land_json_audit, &p);
	if (rc == KFQ_EINVAL && p.batch_id)
		return over_batch(c, &p, old.batch_id == p.batch_id ? old.area_m2x100 : 0);
	if (rc != KFQ_OK)
		return refused(c, rc);
	return answer(c, p.id, 200);
}

/* what a parcel row of the export needs */
struct parcel_export {
	struct export_table x;
	struct api_ctx *c;
	bool by_status;
	enum land_status status;
};

/* store_each_fn: one parcel as one row of the export, if its finding is the one asked for */
static int parcel_row(void *ctx, const void *element)
{
	struct parcel_export *e = ctx;
	struct export_table *x = &e->x;
	const struct store_parcel *p = element;
	struct land_finding f;

	land_classify_parcel(e->c, p, &f);
	if (e->by_status && !finding_is(&f, e->status))
		return 0;
	export_text(x, p->parcel_no);
	export_text(x, p->zone_name);
	export_text(x, p->batch_no);
	export_text(x, p->location);
	export_text(x, p->enterprise_name);
	export_text(x, enum_label(&enum_land_use, p->land_use));
	/* numbers a spreadsheet sums, two decimals as the batches' areas */
	export_amount(x, p->area_m2x100, 2);
	export_amount(x, land_mu_x100(p->area_m2x100), 2);
	export_text(x, p->agreed_start);
	export_text(x, p->actual_start);
	export_text(x, p->agreed_finish);
	export_text(x, p->actual_finish);
	export_text(x, p->agreed_production);
	export_text(x, p->actual_production);
	export_text(x, land_status_label(f.status));
	export_text(x, f.reason);
	export_text(x, f.handling ? land_handling_label(f.handling) : NULL);
	if (f.idle_fee_fen)
		export_amount(x, f.idle_fee_fen, 2);
	else
		export_text(x, NULL);
	export_end_row(x);
	return 0;
}

/* The parcels the filters select written out one at a time as the store reads them (each with
 * its enterprise's registry tax of last year), each with its finding. */
static int parcel_export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "宗地编号",       "开发区",     "批次",     "坐落",     "企业",     "用地类型",
	    "面积（平方米）", "面积（亩）", "约定动工", "实际动工", "约定竣工", "实际竣工",
	    "约定投产",       "实际投产",   "低效状态", "认定理由", "处置建议", "闲置费（元）"};
	static const double widths[] = {20, 28, 14, 24, 28, 12, 14, 10, 12,
	                                12, 12, 12, 12, 12, 12, 60, 30, 14};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_parcel_filter f;
	struct parcel_export e = {.c = c, .status = LAND_NORMAL};
	int rc;

	if (filter_from_query(c, &f, &e.by_status, &e.status) != 0 ||
	    export_begin(c, &e.x, "地块", headers, widths, ncols) != 0)
		return -1;
	if ((rc = store_parcel_each(c->db, c->a, &f, parcel_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.x, "地块");
}

#define PARCEL_FILTER                                                                              \
	API_ID_FIELD("zone_id", false), API_ID_FIELD("batch_id", false),                           \
	    API_ID_FIELD("enterprise_id", false), API_QSTR("land_use", 16), API_QSTR("q", 100),    \
	    API_QSTR("status", 16)
static const struct api_field parcel_query[] = {PARCEL_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {PARCEL_FILTER, API_FIELDS_END};
static const struct api_field batch_query[] = {API_ID_FIELD("zone_id", false), API_FIELDS_END};

static const struct api_field batch_body[] = {
    API_ID_FIELD("zone_id", true),
    {"batch_no", API_STR, true, 60},
    {"approved_on", API_STR, true, 10},
    {"approved_m2", API_STR, true, 20},
    API_FIELDS_END,
};

#define DECIMAL(name)                                                                              \
	{                                                                                          \
		name, API_STR, false, 20                                                           \
	}
#define DATE(name)                                                                                 \
	{                                                                                          \
		name, API_STR, false, 10                                                           \
	}
static const struct api_field parcel_body[] = {
    API_ID_FIELD("zone_id", true),
    API_ID_FIELD("batch_id", false),
    API_ID_FIELD("enterprise_id", false),
    {"parcel_no", API_STR, true, 60},
    {"location", API_STR, false, 200},
    {"land_use", API_STR, true, 16},
    {"area_m2", API_STR, true, 20},
    DECIMAL("developed_m2"),
    DECIMAL("land_price"),
    DECIMAL("investment_agreed"),
    DECIMAL("investment_done"),
    DECIMAL("far_agreed"),
    DECIMAL("far"),
    DECIMAL("tax_per_mu_agreed"),
    DECIMAL("tax_last_year"),
    DATE("agreed_start"),
    DATE("agreed_finish"),
    DATE("agreed_production"),
    DATE("actual_start"),
    DATE("actual_finish"),
    DATE("actual_production"),
    DATE("stopped_since"),
    {"idle_cause", API_STR, false, 16},
    {"geojson", API_STR, false, 512 * 1024},
    API_FIELDS_END,
};

const struct api_route api_parcel_routes[] = {
    {"GET", "/api/land/batches", batch_list, PERM_LAND_READ, API_CACHED, batch_query, NULL},
    {"GET", "/api/land/batches/export.xlsx", batch_export, PERM_LAND_READ, 0, batch_query, NULL},
    {"GET", "/api/land/batches/export.csv", batch_export, PERM_LAND_READ, 0, batch_query, NULL},
    {"POST", "/api/land/batches", batch_create, PERM_LAND_WRITE, 0, NULL, batch_body},
    {"GET", "/api/land/parcels", parcel_list, PERM_LAND_READ, API_CACHED, parcel_query, NULL},
    {"GET", "/api/land/parcels/export.xlsx", parcel_export, PERM_LAND_READ, 0, export_query, NULL},
    {"GET", "/api/land/parcels/export.csv", parcel_export, PERM_LAND_READ, 0, export_query, NULL},
    {"POST", "/api/land/parcels", parcel_create, PERM_LAND_WRITE, 0, NULL, parcel_body},
    {"GET", "/api/land/parcels/:id", parcel_get, PERM_LAND_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/land/parcels/:id", parcel_update, PERM_LAND_WRITE, 0, NULL, parcel_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
