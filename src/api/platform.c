/* platform.c - each zone's platform companies (管委会+公司, art. 12 and 13 of the seed): lists
 * with search, pages and exports, one company with its shareholders and stakes, injected state
 * assets, the 政企分离/管运分离 checklist with its evidence files and its yearly figures with the
 * debt-risk readings; creating and editing them (the zone itself, or an organization holding
 * supervise_platform), marking checklist items and entering a year's figures. The board and
 * the warning lines are platform_risk.c. Must not write SQL. */
#include "api/api.h"
#include "api/attachment.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/money.h"
#include "api/platform_impl.h"
#include "app/platform_json.h"

#include "core/enums.h"
#include "core/money.h"
#include "core/plan.h"
#include "core/uscc.h"

#include <stdlib.h>
#include <string.h>

#define DUTY_MAX_FILES 20

int platform_may_write(struct api_ctx *c, int64_t zone_id, bool *may)
{
	if (api_org_may(c, CAP_SUPERVISE_PLATFORM, may) != 0)
		return -1;
	/* a zone keeps its own companies (its scope is itself) */
	if (!*may)
		*may = !strcmp(c->sess.user.role, "zone") && c->sess.user.org_id == zone_id;
	return 0;
}

int platform_require_write(struct api_ctx *c, int64_t zone_id)
{
	bool may;

	if (platform_may_write(c, zone_id, &may) != 0)
		return -1;
	if (may)
		return 0;
	return api_error(c, 403, "capability_required",
	                 arena_printf(c->a,
	                              "只有开发区本身或具有“%s”职能授权的单位可以维护平台公司",
	                              capability_get(CAP_SUPERVISE_PLATFORM)->label),
	                 NULL);
}

int platform_load(struct api_ctx *c, struct store_platform_company *co)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_platform_get(c->db, c->a, id, co)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, co->zone_id);
}

void platform_write_readings(struct api_ctx *c, const struct store_platform_sheet *y,
                             const struct platform_line l[PLATFORM_INDICATOR_COUNT])
{
	struct platform_reading r[PLATFORM_INDICATOR_COUNT];

	/* figures were checked within range when entered: the assessment cannot fail */
	if (platform_assess(&y->sheet, l, r) != 0)
		memset(r, 0, sizeof(r));
	platform_json_readings(&c->w, r, l);
}

static void filter_from_query(struct api_ctx *c, struct store_platform_filter *f,
                              struct store_scope *scope, bool paged)
{
	memset(f, 0, sizeof(*f));
	money_scope(c, scope);
	f->scope = scope;
	f->zone_id = api_query_int(c, "zone_id", 0);
	f->q = api_query_str(c, "q");
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
}

static int list(struct api_ctx *c)
{
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	struct store_platform_filter f;
	struct store_platform_company *co;
	struct store_scope scope;
	int64_t total;
	int n, rc;

	filter_from_query(c, &f, &scope, true);
	if ((rc = store_platform_lines(c->db, lines)) != KFQ_OK ||
	    (rc = store_platform_list(c->db, c->a, &f, &co, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		platform_json_company_fields(&c->w, &co[i], false);
		jsonw_key(&c->w, "latest");
		if (co[i].has_sheet) {
			jsonw_obj_open(&c->w);
			platform_write_readings(c, &co[i].latest, lines[co[i].type]);
			platform_json_sheet_fields(&c->w, &co[i].latest);
			jsonw_obj_close(&c->w);
		} else {
			jsonw_null(&c->w);
		}
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",         "公司名称",   "统一社会信用代码",
	                                      "企业类型",       "最近年度",   "资产总额（元）",
	                                      "负债总额（元）", "资产负债率", "风险等级"};
	static const double widths[] = {24, 30, 22, 14, 10, 18, 18, 12, 14};
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	struct store_platform_filter f;
	struct store_platform_company *co;
	struct store_scope scope;
	struct export_table t;
	int64_t total;
	int n, rc;

	filter_from_query(c, &f, &scope, false);
	if ((rc = store_platform_lines(c->db, lines)) != KFQ_OK ||
	    (rc = store_platform_list(c->db, c->a, &f, &co, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &t, "平台公司", headers, widths, 9) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *type = platform_type_code(co[i].type);
		export_text(&t, co[i].zone_name);
		export_text(&t, co[i].name);
		export_text(&t, co[i].uscc);
		export_text(&t, enum_label(&enum_platform_type, type));
		if (co[i].has_sheet) {
			struct platform_reading r[PLATFORM_INDICATOR_COUNT];
			enum platform_level lv;
			if (platform_assess(&co[i].latest.sheet, lines[co[i].type], r) != 0)
				memset(r, 0, sizeof(r));
			lv = platform_worst(r);
			export_int(&t, co[i].latest.year);
			export_amount(&t, co[i].latest.sheet.assets, 2);
			export_amount(&t, co[i].latest.sheet.liabilities, 2);
			if (r[PLATFORM_DEBT_RATIO].has_value)
				export_bp_percent(&t, r[PLATFORM_DEBT_RATIO].value_bp);
			else
				export_text(&t, "");
			export_text(&t, enum_platform_level.entries[lv].label);
		} else {
			for (int k = 0; k < 5; k++)
				export_text(&t, "");
		}
		export_end_row(&t);
	}
	return export_finish(c, &t, "平台公司");
}

static int write_company(struct api_ctx *c, const struct store_platform_company *co)
{
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	struct store_platform_sheet *ys;
	struct store_platform_duty *d;
	int nd, ny, rc;
	bool may;

	if ((rc = store_platform_lines(c->db, lines)) != KFQ_OK ||
	    (rc = store_platform_duties(c->db, c->a, co->id, &d, &nd)) != KFQ_OK ||
	    (rc = store_platform_sheets(c->db, c->a, co->id, &ys, &ny)) != KFQ_OK)
		return api_store_error(c, rc);
	if (platform_may_write(c, co->zone_id, &may) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "duties");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < nd; i++) {
		struct store_attachment *x;
		int nx;
		if ((rc = store_attachment_list(c->db, c->a, "platform_duty", d[i].id, &x, &nx)) !=
		    KFQ_OK)
			return api_store_error(c, rc);
		jsonw_obj_open(&c->w);
		platform_json_duty_fields(&c->w, &d[i]);
		attachment_json_list(&c->w, "files", x, nx);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	platform_json_company_fields(&c->w, co, true);
	jsonw_kbool(&c->w, "may_write", may);
	jsonw_key(&c->w, "sheets");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < ny; i++) {
		jsonw_obj_open(&c->w);
		platform_write_readings(c, &ys[i], lines[co->type]);
		platform_json_sheet_fields(&c->w, &ys[i]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return 0;
}

static int get(struct api_ctx *c)
{
	struct store_platform_company co;

	if (platform_load(c, &co) != 0 || write_company(c, &co) != 0)
		return -1;
	return api_ok(c, 200);
}

/* the body's shareholders and injections into co; 0, or -1 after answering 400 */
static int read_lists(struct api_ctx *c, struct store_platform_company *co)
{
	json_t *h = json_object_get(c->body, "shareholders");
	json_t *x = json_object_get(c->body, "injections");
	struct platform_problem why = {0};
	int64_t *stakes;

	co->nholders = (int)json_array_size(h);
	co->holders = arena_zalloc(c->a, sizeof(*co->holders) * (size_t)(co->nholders + 1));
	stakes = arena_zalloc(c->a, sizeof(*stakes) * (size_t)(co->nholders + 1));
	for (int i = 0; i < co->nholders; i++) {
		json_t *it = json_array_get(h, (size_t)i);
		const char *kind = json_string_value(json_object_get(it, "kind"));
		if (!enum_valid(&enum_shareholder_kind, kind))
			return api_error(c, 400, "invalid_value",
			                 "股东类型应为国有资本、战略投资者或其他股东",
			                 arena_printf(c->a, "/shareholders/%d/kind", i));
		co->holders[i].name = json_string_value(json_object_get(it, "name"));
		co->holders[i].kind = kind;
		co->holders[i].stake_bp = json_integer_value(json_object_get(it, "stake_bp"));
		stakes[i] = co->holders[i].stake_bp;
	}
	if (platform_stakes_validate(stakes, (size_t)co->nholders, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	co->ninjections = (int)json_array_size(x);
	co->injections =
	    arena_zalloc(c->a, sizeof(*co->injections) * (size_t)(co->ninjections + 1));
	for (int i = 0; i < co->ninjections; i++) {
		json_t *it = json_array_get(x, (size_t)i);
		const char *on = json_string_value(json_object_get(it, "injected_on"));
		if (plan_day(on) < 0)
			return api_error(c, 400, "invalid_value",
			                 "注入日期应为 YYYY-MM-DD 格式的有效日期",
			                 arena_printf(c->a, "/injections/%d/injected_on", i));
		co->injections[i].asset = json_string_value(json_object_get(it, "asset"));
		co->injections[i].valuation_fen =
		    json_integer_value(json_object_get(it, "valuation_fen"));
		co->injections[i].injected_on = on;
	}
	return 0;
}

static int save(struct api_ctx *c, int64_t id)
{
	struct store_platform_company co = {.id = id};
	struct uscc_problem up;
	const char *code = api_body_str(c, "uscc");
	char uscc[USCC_LEN + 1];
	int type = platform_type_find(api_body_str(c, "type"));
	bool in;
	int rc;

	co.zone_id = api_body_int(c, "zone_id");
	if (money_zone_in_scope(c, co.zone_id, &in) != 0)
		return -1;
	if (!in)
		return api_error(c, 400, "invalid_value", "请选择开发区", "/zone_id");
	if (platform_require_write(c, co.zone_id) != 0)
		return -1;
	if (uscc_parse(code, strlen(code), uscc, &up) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, up.message), "/uscc");
	if (type < 0)
		return api_error(c, 400, "invalid_value",
		                 "企业类型应为工业企业、非工业企业或科研设计企业", "/type");
	co.name = api_body_str(c, "name");
	co.uscc = arena_strdup(c->a, uscc);
	co.type = (enum platform_type)type;
	co.established_on = api_body_str(c, "established_on");
	if (co.established_on && plan_day(co.established_on) < 0)
		return api_error(c, 400, "invalid_value", "成立日期应为 YYYY-MM-DD 格式的有效日期",
		                 "/established_on");
	co.note = api_body_str(c, "note");
	if (read_lists(c, &co) != 0)
		return -1;
	rc = store_platform_save(c->db, &c->actor, &platform_json_audit, &co);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "请选择开发区", "/zone_id");
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "duplicate", "该统一社会信用代码已登记为平台公司",
		                 "/uscc");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_platform_get(c->db, c->a, co.id, &co)) != KFQ_OK)
		return api_store_error(c, rc);
	if (write_company(c, &co) != 0)
		return -1;
	return api_ok(c, id ? 200 : 201);
}

static int create(struct api_ctx *c)
{
	return save(c, 0);
}

static int update(struct api_ctx *c)
{
	struct store_platform_company co;

	/* another zone's company answers as a missing one */
	if (platform_load(c, &co) != 0 || platform_require_write(c, co.zone_id) != 0)
		return -1;
	return save(c, co.id);
}

/* DELETE /api/platform-companies/:id: a company entered by mistake, before any work of its own */
static int discard(struct api_ctx *c)
{
	struct store_platform_company co;
	int rc;

	if (platform_load(c, &co) != 0 || platform_require_write(c, co.zone_id) != 0)
		return -1;
	rc = store_platform_delete(c->db, &c->actor, &platform_json_audit, co.id);
	if (rc == KFQ_ESTATE)
		return api_error(
		    c, 409, "invalid_state",
		    "该公司已有年度财务数据、清单进展或督办单，不能删除；如有错误请修改", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

/* PUT /api/platform-companies/:id/duties/:duty {"status","evidence","attachment_ids"} */
static int set_duty(struct api_ctx *c)
{
	struct store_platform_company co;
	struct store_platform_duty *d, *it = NULL;
	struct store_attachment *x;
	struct platform_problem why = {0};
	int duty = platform_duty_find(http_param(c->req, "duty"));
	int status = platform_status_find(api_body_str(c, "status"));
	int64_t *ids;
	int nd, nx, nids, rc;

	if (platform_load(c, &co) != 0)
		return -1;
	if (duty < 0)
		return api_error(c, 404, "not_found", "没有这一项职能", NULL);
	if (platform_require_write(c, co.zone_id) != 0)
		return -1;
	if ((rc = store_platform_duties(c->db, c->a, co.id, &d, &nd)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < nd; i++)
		if (d[i].duty == (enum platform_duty)duty)
			it = &d[i];
	if (!it)
		return api_error(c, 404, "not_found", "没有这一项职能", NULL);
	if ((rc = store_attachment_list(c->db, c->a, "platform_duty", it->id, &x, &nx)) != KFQ_OK)
		return api_store_error(c, rc);
	ids = api_body_ints(c, "attachment_ids", &nids);
	it->status = status < 0 ? PLATFORM_STATUS_COUNT : (enum platform_status)status;
	it->evidence = api_body_str(c, "evidence");
	if (platform_duty_validate(it->status, (it->evidence && *it->evidence) || nx + nids > 0,
	                           &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	rc = store_platform_duty_save(c->db, &c->actor, &platform_json_audit, it,
	                              c->sess.user.org_id, ids, nids);
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value", "附件无效或已被使用，请重新上传",
		                 "/attachment_ids");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (write_company(c, &co) != 0)
		return -1;
	return api_ok(c, 200);
}

/* PUT /api/platform-companies/:id/sheets/:year */
static int set_sheet(struct api_ctx *c)
{
	static const char *const fields[] = {
	    "assets_fen",         "liabilities_fen",         "interest_bearing_fen",
	    "current_assets_fen", "current_liabilities_fen", "guarantees_fen"};
	struct store_platform_company co;
	struct store_platform_sheet y = {0};
	struct platform_problem why = {0};
	const char *year = http_param(c->req, "year");
	int64_t *v[] = {
	    &y.sheet.assets,         &y.sheet.liabilities,         &y.sheet.interest_bearing,
	    &y.sheet.current_assets, &y.sheet.current_liabilities, &y.sheet.guarantees};
	char *end, today[11];
	long yr = year ? strtol(year, &end, 10) : 0;
	int rc;

	if (platform_load(c, &co) != 0)
		return -1;
	if (!year || *end || yr < PLATFORM_YEAR_MIN || yr > PLATFORM_YEAR_MAX)
		return api_error(c, 400, "invalid_parameter", "年度应在2000至2100之间", "year");
	if (platform_require_write(c, co.zone_id) != 0)
		return -1;
	plan_day_format(plan_today(c->now), today);
	if (platform_sheet_year_check((int)yr, atoi(today), co.established_on, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message), "year");
	y.year = (int)yr;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		*v[i] = api_body_int(c, fields[i]);
	y.revenue_fen = api_body_int(c, "revenue_fen");
	y.profit_fen = api_body_int(c, "profit_fen");
	if (platform_sheet_validate(&y.sheet, y.revenue_fen, y.profit_fen, &why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
		                 arena_strdup(c->a, why.field));
	if ((rc = store_platform_sheet_save(c->db, &c->actor, &platform_json_audit, co.id, &y)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	if (write_company(c, &co) != 0)
		return -1;
	return api_ok(c, 200);
}

/* a checklist item's files: read by whoever sees its company */
static int duty_files(struct api_ctx *c, int64_t id)
{
	struct store_platform_duty d;
	struct store_platform_company co;
	int64_t company_id;
	int rc;

	if ((rc = store_platform_duty_get(c->db, c->a, id, &company_id, &d)) != KFQ_OK ||
	    (rc = store_platform_get(c->db, c->a, company_id, &co)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, co.zone_id);
}

const struct api_attachment_kind api_platform_attachment_kinds[] = {
    {"platform_duty", "平台公司职能清单", PERM_PLATFORM_WRITE, PERM_PLATFORM_READ, duty_files},
    {NULL, NULL, 0, 0, NULL},
};

static const struct api_field list_query[] = {
    API_ID_FIELD("zone_id", false),
    API_QSTR("q", 100),
    API_QPAGE,
    API_FIELDS_END,
};

static const struct api_field export_query[] = {
    API_ID_FIELD("zone_id", false),
    API_QSTR("q", 100),
    API_FIELDS_END,
};

static const struct api_field holder_fields[] = {
    {"name", API_STR, true, 200},
    {"kind", API_STR, true, 16},
    /* the sum of 10000 is core/platform.c's, with the reason */
    API_INT_FIELD("stake_bp", true, 0, MONEY_BP),
    API_FIELDS_END,
};

static const struct api_field injection_fields[] = {
    {"asset", API_STR, true, 200},
    API_INT_FIELD("valuation_fen", true, 1, MONEY_AMOUNT_MAX),
    {"injected_on", API_STR, true, 10},
    API_FIELDS_END,
};

static const struct api_field body[] = {
    API_ID_FIELD("zone_id", true),
    {"name", API_STR, true, 200},
    {"uscc", API_STR, true, 64},
    {"type", API_STR, true, 16},
    {"established_on", API_STR, false, 10},
    {"note", API_STR, false, 2000},
    {"shareholders", API_OBJ_ARRAY, true, PLATFORM_MAX_SHAREHOLDERS, holder_fields},
    {"injections", API_OBJ_ARRAY, false, PLATFORM_MAX_INJECTIONS, injection_fields},
    API_FIELDS_END,
};

static const struct api_field duty_body[] = {
    {"status", API_STR, true, 16},
    {"evidence", API_STR, false, 4000},
    API_IDS_FIELD("attachment_ids", false, DUTY_MAX_FILES),
    API_FIELDS_END,
};

/* the ranges the store keeps; core/platform.c checks how the figures relate */
static const struct api_field sheet_body[] = {
    API_INT_FIELD("assets_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("liabilities_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("interest_bearing_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("current_assets_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("current_liabilities_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("guarantees_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("revenue_fen", true, 0, MONEY_AMOUNT_MAX),
    API_INT_FIELD("profit_fen", true, -MONEY_AMOUNT_MAX, MONEY_AMOUNT_MAX),
    API_FIELDS_END,
};

const struct api_route api_platform_routes[] = {
    {"GET", "/api/platform-companies", list, PERM_PLATFORM_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/platform-companies/export.xlsx", export, PERM_PLATFORM_READ, 0, export_query,
     NULL},
    {"GET", "/api/platform-companies/export.csv", export, PERM_PLATFORM_READ, 0, export_query,
     NULL},
    {"POST", "/api/platform-companies", create, PERM_PLATFORM_WRITE, 0, NULL, body},
    {"GET", "/api/platform-companies/:id", get, PERM_PLATFORM_READ, 0, NULL, NULL},
    {"PUT", "/api/platform-companies/:id", update, PERM_PLATFORM_WRITE, 0, NULL, body},
    {"DELETE", "/api/platform-companies/:id", discard, PERM_PLATFORM_WRITE, 0, NULL, NULL},
    {"PUT", "/api/platform-companies/:id/duties/:duty", set_duty, PERM_PLATFORM_WRITE, 0, NULL,
     duty_body},
    {"PUT", "/api/platform-companies/:id/sheets/:year", set_sheet, PERM_PLATFORM_WRITE, 0, NULL,
     sheet_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
