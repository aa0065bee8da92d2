/* power.c - the power catalogue (权力事项), the working-day calendar, and the public page of each
 * zone's published list (no login: only published lists, only entries the zone holds or someone
 * acts for, nothing of the evaluation). A catalogue entry is kept by the delegating department
 * whose organization holds delegate_power; the calendar by the office (calendar_write); whether a
 * zone's list is public by the organization holding publish_power_list. Must not write SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "api/power_impl.h"
#include "app/power_json.h"

#include "core/enums.h"
#include "core/plan.h"
#include "store/store_org.h"

#include <string.h>

int power_scope(struct api_ctx *c, enum capability wide, struct store_scope *out)
{
	const char *role = c->sess.user.role;
	bool may;

	api_scope(c, out);
	if (!strcmp(role, "office") || !strcmp(role, "supervisor")) {
		out->kind = "all";
		return 0;
	}
	if (api_org_may(c, wide, &may) != 0)
		return -1;
	if (may)
		out->kind = "all";
	return 0;
}

int power_readable(struct api_ctx *c, enum capability wide, int64_t a, int64_t b)
{
	struct store_scope scope;
	int64_t *ids;
	int n;

	if (power_scope(c, wide, &scope) != 0 || api_scope_orgs_of(c, &scope, &ids, &n) != 0)
		return -1;
	return api_scope_allows(ids, n, a) ? 0 : api_scope_check(c, &scope, b);
}

int power_need(struct api_ctx *c, const char *name, const char *message, const char **out)
{
	*out = api_body_str(c, name);
	if (*out && **out)
		return 0;
	return api_error(c, 400, "missing_field", message, arena_printf(c->a, "/%s", name));
}

int power_date(struct api_ctx *c, const char *name, const char **out)
{
	*out = api_body_str(c, name);
	if (!*out || plan_day(*out) >= 0)
		return 0;
	return api_error(c, 400, "invalid_value", "日期应为 YYYY-MM-DD 格式的有效日期",
	                 arena_printf(c->a, "/%s", name));
}

int power_require_department(struct api_ctx *c, const char *what, const char *dept_name)
{
	const char *role = c->sess.user.role;
	bool zone = !strcmp(role, "zone"), may;

	if (zone || !strcmp(role, "county")) {
		if (api_org_may(c, CAP_DELEGATE_POWER, &may) != 0)
			return -1;
		if (!may)
			return api_error(
			    c, 403, "forbidden",
			    arena_printf(
			        c->a, "%s由%s办理，%s不能办理", what,
			        dept_name ? arena_printf(c->a, "该事项的主管部门（%s）", dept_name)
			                  : "各主管部门",
			        zone ? "开发区" : "县区"),
			    NULL);
	}
	return api_require_capability(c, CAP_DELEGATE_POWER);
}

int power_calendar(struct api_ctx *c, struct workday_calendar *cal)
{
	int rc = store_calendar_load(c->db, c->a, cal);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* ---- the catalogue ---- */

static int filter_from_query(struct api_ctx *c, struct store_power_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->q = api_query_str(c, "q");
	f->kind = api_query_str(c, "kind");
	if (f->kind && !enum_valid(&enum_power_kind, f->kind))
		return api_error(c, 400, "invalid_parameter", "事项类型无效", "kind");
	f->dept_org_id = api_query_int(c, "dept_org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_power_filter f;
	struct store_power *ps;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_power_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_item(&c->w, &ps[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int get(struct api_ctx *c)
{
	struct store_power p;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_power_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	power_json_item(&c->w, &p);
	return api_ok(c, 200);
}

static int save(struct api_ctx *c, int64_t id)
{
	struct store_power p = {0}, old;
	struct power_entry e;
	const char *field, *message;
	int rc;

	if (power_require_department(c, "权力事项的新增和修改", NULL) != 0)
		return -1;
	if (id) {
		if ((rc = store_power_get(c->db, c->a, id, &old)) != KFQ_OK)
			return api_store_error(c, rc);
		if (old.dept_org_id != c->sess.user.org_id)
			return api_error(c, 403, "forbidden", "只能维护本部门的权力事项", NULL);
	}
	p.id = id;
	p.dept_org_id = c->sess.user.org_id;
	/* one code whatever the letters' case (DECISIONS 325) */
	p.code = power_code_normal(c->a, api_body_str(c, "code"));
	p.name = api_body_str(c, "name");
	p.kind = api_body_str(c, "kind");
	p.legal_basis = api_body_str(c, "legal_basis");
	p.statutory_days = api_body_int(c, "statutory_days");
	p.promised_days = api_body_int(c, "promised_days");
	p.accept_incomplete = api_body_bool(c, "accept_incomplete");
	p.notify_commit = api_body_bool(c, "notify_commit");
	e = (struct power_entry){p.code,        p.name,           p.kind,
	                         p.legal_basis, p.statutory_days, p.promised_days};
	if (power_entry_check(&e, &field, &message) != 0)
		return api_error(c, 400, "invalid_value", message, field);
	rc = store_power_save(c->db, &c->actor, &power_json_audit, &p);
	if (rc == KFQ_ECONFLICT)
		return api_error(
		    c, 409, "code_taken",
		    arena_printf(c->a, "事项编码“%s”已被其他事项使用（事项编码不区分大小写）",
		                 p.code),
		    "/code");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_power_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	power_json_item(&c->w, &p);
	return api_ok(c, id ? 200 : 201);
}

static int create(struct api_ctx *c)
{
	return save(c, 0);
}

static int update(struct api_ctx *c)
{
	int64_t id;

	return api_path_id(c, &id) != 0 ? -1 : save(c, id);
}

/* store_each_fn: one power item as one row of the export (ctx: its struct export_table) */
static int export_row(void *ctx, const void *element)
{
	struct export_table *x = ctx;
	const struct store_power *p = element;

	export_text(x, p->code);
	export_text(x, p->name);
	export_text(x, enum_label(&enum_power_kind, p->kind));
	export_text(x, p->dept_name);
	export_text(x, p->legal_basis);
	export_int(x, p->statutory_days);
	export_int(x, p->promised_days);
	export_text(x, p->accept_incomplete ? "是" : "否");
	export_text(x, p->notify_commit ? "是" : "否");
	export_end_row(x);
	return 0;
}

/* The catalogue as .xlsx or CSV, with the list's filters: written out one item at a time as
 * the store reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "事项编码",           "事项名称",           "事项类型", "实施部门",  "设定依据",
	    "法定时限（工作日）", "承诺时限（工作日）", "容缺受理", "告知承诺制"};
	static const double widths[] = {16, 36, 12, 20, 50, 12, 12, 10, 10};
	struct store_power_filter f;
	struct export_table x;
	int rc;

	if (filter_from_query(c, &f, false) != 0 ||
	    export_begin(c, &x, "权力事项", headers, widths, 9) != 0)
		return -1;
	if ((rc = store_power_each(c->db, c->a, &f, export_row, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &x, "权力事项目录");
}

/* ---- the working-day calendar ---- */

static int calendar(struct api_ctx *c)
{
	struct store_calendar_year *ys;
	int n, rc;

	if ((rc = store_calendar_years(c->db, c->a, &ys, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_calendar_year(&c->w, &ys[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int calendar_add(struct api_ctx *c)
{
	struct store_calendar_year y = {0};
	json_t *days = json_object_get(c->body, "days"), *d;
	size_t i;
	int rc;

	y.year = (int)api_body_int(c, "year");
	if (power_need(c, "notice", "请填写所依据的国务院办公厅通知", &y.notice) != 0 ||
	    power_date(c, "published", &y.published) != 0)
		return -1;
	y.days = arena_zalloc(c->a, sizeof(*y.days) * (json_array_size(days) + 1));
	json_array_foreach(days, i, d)
	{
		const char *day = json_string_value(json_object_get(d, "day"));
		const char *kind = json_string_value(json_object_get(d, "kind"));
		const char *name = json_string_value(json_object_get(d, "name"));
		const char *field = arena_printf(c->a, "/days/%zu", i);
		int64_t dn = plan_day(day);
		if (dn < 0 || workday_year(dn) != y.year)
			return api_error(
			    c, 400, "invalid_value",
			    arena_printf(c->a, "第%zu个日期应为%d年内的有效日期", i + 1, y.year),
			    field);
		if (strcmp(kind, "holiday") != 0 && strcmp(kind, "work") != 0)
			return api_error(c, 400, "invalid_value",
			                 "类别应为 holiday（放假）或 work（调休上班）", field);
		for (int k = 0; k < y.ndays; k++)
			if (!strcmp(y.days[k].day, day))
				return api_error(c, 400, "invalid_value", "同一日期列了两次",
				                 field);
		y.days[y.ndays++] = (struct store_calendar_day){day, kind, name};
	}
	rc = store_calendar_add(c->db, &c->actor, &power_json_audit, &y);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "year_exists", "该年度的节假日安排已录入", "/year");
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "calendar_gap",
		                 "年度应紧接已录入年度之后（或之前），不能留空年", "/year");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	power_json_calendar_year(&c->w, &y);
	return api_ok(c, 201);
}

/* The date a time limit of `days` working days from `from` ends on. */
static int deadline(struct api_ctx *c)
{
	struct workday_calendar cal;
	const char *from = api_query_str(c, "from");
	int64_t days, due;
	char out[11];

	if (!from || plan_day(from) < 0)
		return api_error(c, 400, "invalid_parameter", "from 应为 YYYY-MM-DD 格式的有效日期",
		                 "from");
	days = api_query_int(c, "days", 0);
	if (power_calendar(c, &cal) != 0)
		return -1;
	if (workday_add(&cal, plan_day(from), (int)days, &due) != 0)
		return api_error(
		    c, 400, "outside_calendar",
		    cal.first_year
		        ? arena_printf(c->a,
		                       "工作日历只录入了%d年至%d年的节假日安排，超出的日期不能推算",
		                       cal.first_year, cal.last_year)
		        : "工作日历尚未录入节假日安排",
		    "from");
	plan_day_format(due, out);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "days", days);
	jsonw_kstr(&c->w, "due", out);
	jsonw_kstr(&c->w, "from", from);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* The zones, counties and city departments (id, name, type, parent): whom a department may put a
 * power on the list of, who may handle a problem, whatever the caller's data scope; these names
 * are public anyway (the public page names the zones). */
static int parties(struct api_ctx *c)
{
	struct store_org_filter f = {0};
	struct store_org *os;
	int n, rc, shown = 0;

	if ((rc = store_org_list(c->db, c->a, &f, &os, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		if (strcmp(os[i].type, "zone") != 0 && strcmp(os[i].type, "county") != 0 &&
		    strcmp(os[i].type, "city_department") != 0)
			continue;
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", os[i].id);
		jsonw_kstr(&c->w, "name", os[i].name);
		jsonw_kid(&c->w, "parent_id", os[i].parent_id);
		jsonw_kstr(&c->w, "type", os[i].type);
		jsonw_obj_close(&c->w);
		shown++;
	}
	api_page_end(c, shown, 0, 0);
	return api_ok(c, 200);
}

/* ---- publication and the public page ---- */

static int publish(struct api_ctx *c)
{
	struct store_org z;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || api_require_capability(c, CAP_PUBLISH_POWER_LIST) != 0)
		return -1;
	if ((rc = store_org_get(c->db, c->a, id, &z)) != KFQ_OK)
		return api_store_error(c, rc);
	if (strcmp(z.type, "zone") != 0)
		return api_error(c, 400, "invalid_value", "只能发布开发区的清单", NULL);
	if ((rc = store_power_publish(c->db, &c->actor, &power_json_audit, id,
	                              api_body_bool(c, "published"))) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kbool(&c->w, "published", api_body_bool(c, "published"));
	jsonw_kint(&c->w, "zone_org_id", id);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int public_zones(struct api_ctx *c)
{
	struct store_public_zone *zs;
	int n, rc;

	if ((rc = store_power_public_zones(c->db, c->a, &zs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "entries", zs[i].entries);
		jsonw_kint(&c->w, "id", zs[i].id);
		jsonw_kstr(&c->w, "name", zs[i].name);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	http_resp_header(c->req, "Cache-Control", "public, max-age=60");
	return api_ok(c, 200);
}

/* Only what the public needs to apply: no status history, document, note or figures. */
static int public_list(struct api_ctx *c)
{
	struct store_public_entry *es;
	int64_t id;
	int n, rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_power_public(c->db, c->a, id, &es, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (n == 0) {
		/* a zone whose list is not published looks like one that does not exist */
		struct store_public_zone *zs;
		int nz;
		bool found = false;
		if ((rc = store_power_public_zones(c->db, c->a, &zs, &nz)) != KFQ_OK)
			return api_store_error(c, rc);
		for (int i = 0; i < nz; i++)
			found |= zs[i].id == id;
		if (!found)
			return api_error(c, 404, "not_found", "该开发区尚未公布赋权清单", NULL);
	}
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		const struct store_public_entry *e = &es[i];
		bool acting = !strcmp(e->status, "acting");
		jsonw_obj_open(&c->w);
		jsonw_kbool(&c->w, "accept_incomplete", e->accept_incomplete);
		jsonw_kstr(&c->w, "code", e->power_code);
		jsonw_kstr(&c->w, "dept_org_name", e->dept_name);
		jsonw_kstr(&c->w, "effective_from", e->effective_from);
		jsonw_kstr(&c->w, "kind_label", enum_label(&enum_power_kind, e->kind));
		jsonw_kstr(&c->w, "mode_label",
		           e->mode ? enum_label(&enum_power_mode, e->mode) : NULL);
		jsonw_kstr(&c->w, "name", e->power_name);
		jsonw_kbool(&c->w, "notify_commit", e->notify_commit);
		jsonw_kint(&c->w, "promised_days", e->promised_days);
		jsonw_kint(&c->w, "statutory_days", e->statutory_days);
		/* while someone acts for the zone, that is where to apply */
		jsonw_kstr(&c->w, "where", acting ? e->acting_by : e->service_place);
		jsonw_kstr(&c->w, "zone_org_name", e->zone_name);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	http_resp_header(c->req, "Cache-Control", "public, max-age=60");
	return api_ok(c, 200);
}

#define POWER_FILTER API_QSTR("q", 100), API_QSTR("kind", 20), API_ID_FIELD("dept_org_id", false)
static const struct api_field list_query[] = {POWER_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {POWER_FILTER, API_FIELDS_END};
static const struct api_field deadline_query[] = {
    API_QSTR("from", 10), API_INT_FIELD("days", false, 0, WORKDAY_MAX_COUNT), API_FIELDS_END};

static const struct api_field power_body[] = {
    {"code", API_STR, true, 64},
    {"name", API_STR, true, 200},
    {"kind", API_STR, true, 20},
    {"legal_basis", API_STR, true, 2000},
    API_INT_FIELD("statutory_days", true, 1, POWER_MAX_DAYS),
    API_INT_FIELD("promised_days", true, 1, POWER_MAX_DAYS),
    {"accept_incomplete", API_BOOL, false, 0},
    {"notify_commit", API_BOOL, false, 0},
    {NULL, 0, false, 0},
};
static const struct api_field day_fields[] = {
    {"day", API_STR, true, 10},
    {"kind", API_STR, true, 10},
    {"name", API_STR, true, 40},
    {NULL, 0, false, 0},
};
static const struct api_field calendar_body[] = {
    API_INT_FIELD("year", true, 2000, 2100),
    {"notice", API_STR, true, 200},
    {"published", API_STR, true, 10},
    {"days", API_OBJ_ARRAY, true, 80, day_fields},
    {NULL, 0, false, 0},
};
static const struct api_field publish_body[] = {
    {"published", API_BOOL, true, 0},
    {NULL, 0, false, 0},
};

const struct api_route api_power_routes[] = {
    {"GET", "/api/powers", list, PERM_POWER_READ, 0, list_query, NULL},
    {"GET", "/api/powers/export.xlsx", export, PERM_POWER_READ, 0, export_query, NULL},
    {"GET", "/api/powers/export.csv", export, PERM_POWER_READ, 0, export_query, NULL},
    {"POST", "/api/powers", create, PERM_POWER_WRITE, 0, NULL, power_body},
    {"GET", "/api/powers/:id", get, PERM_POWER_READ, 0, NULL, NULL},
    {"PUT", "/api/powers/:id", update, PERM_POWER_WRITE, 0, NULL, power_body},
    {"GET", "/api/power-orgs", parties, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/work-calendar", calendar, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/work-calendar", calendar_add, PERM_CALENDAR_WRITE, 0, NULL, calendar_body},
    {"GET", "/api/work-calendar/deadline", deadline, PERM_POWER_READ, 0, deadline_query, NULL},
    {"POST", "/api/power-lists/:id/publish", publish, PERM_POWER_WRITE, 0, NULL, publish_body},
    {"GET", "/api/public/power-lists", public_zones, 0, API_PUBLIC, NULL, NULL},
    {"GET", "/api/public/power-lists/:id", public_list, 0, API_PUBLIC, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
