/* platform_risk.c - platform companies' debt risk (art. 13: 主动防范化解债务风险): the board of a
 * year (every company in the caller's view with its figures, its four indicators against the
 * lines of its type and the worst level, which the office raises a 督办单 draft from), its
 * export, and the warning lines by company type, which an organization holding
 * supervise_platform sets. Must not write SQL. */
#include "api/api.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/money.h"
#include "api/platform_impl.h"
#include "api/todo.h"
#include "app/platform_json.h"

#include "core/enums.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* the query's year; last year when absent (figures are year-end ones) */
static int board_year(struct api_ctx *c)
{
	char now[TIME_RFC3339_LEN];

	time_format(time_now(), now);
	return (int)api_query_int(c, "year", atoi(now) - 1);
}

struct board {
	int year;
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	struct store_platform_company *co;
	int n;
};

static int board_load(struct api_ctx *c, struct board *b)
{
	struct store_scope scope;
	int rc;

	b->year = board_year(c);
	money_scope(c, &scope);
	if ((rc = store_platform_lines(c->db, b->lines)) != KFQ_OK ||
	    (rc = store_platform_year(c->db, c->a, b->year, &scope, &b->co, &b->n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* GET /api/platform-board?year= */
static int board(struct api_ctx *c)
{
	int64_t counts[3] = {0}, missing = 0;
	struct board b;

	if (board_load(c, &b) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < b.n; i++) {
		struct platform_reading r[PLATFORM_INDICATOR_COUNT];
		const struct store_platform_company *co = &b.co[i];
		if (!co->has_sheet) {
			missing++;
			continue;
		}
		if (platform_assess(&co->latest.sheet, b.lines[co->type], r) != 0)
			memset(r, 0, sizeof(r));
		counts[platform_worst(r)]++;
		jsonw_obj_open(&c->w);
		platform_json_company_fields(&c->w, co, false);
		jsonw_key(&c->w, "sheet");
		jsonw_obj_open(&c->w);
		platform_json_sheet_fields(&c->w, &co->latest);
		jsonw_obj_close(&c->w);
		platform_json_readings(&c->w, r, b.lines[co->type]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	/* the companies without the year's figures, by name: a count alone leaves the office to
	 * find them */
	jsonw_key(&c->w, "missing_items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < b.n; i++) {
		if (b.co[i].has_sheet)
			continue;
		jsonw_obj_open(&c->w);
		platform_json_company_fields(&c->w, &b.co[i], false);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_kint(&c->w, "key", counts[PLATFORM_LEVEL_KEY]);
	jsonw_kint(&c->w, "missing", missing);
	jsonw_kint(&c->w, "normal", counts[PLATFORM_LEVEL_NORMAL]);
	jsonw_kint(&c->w, "warning", counts[PLATFORM_LEVEL_WARNING]);
	jsonw_kint(&c->w, "year", b.year);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* GET /api/platform-board/export.xlsx|.csv?year= */
static int board_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",         "公司名称",       "企业类型",
	                                      "年度",           "资产总额（元）", "负债总额（元）",
	                                      "带息负债（元）", "资产负债率",     "带息负债比率",
	                                      "流动比率",       "担保比率",       "风险等级"};
	static const double widths[] = {24, 30, 14, 8, 18, 18, 18, 12, 12, 10, 10, 14};
	struct export_table t;
	struct board b;

	if (board_load(c, &b) != 0)
		return -1;
	if (export_begin(c, &t, "平台公司债务风险", headers, widths, 12) != 0)
		return -1;
	for (int i = 0; i < b.n; i++) {
		struct platform_reading r[PLATFORM_INDICATOR_COUNT];
		const struct store_platform_company *co = &b.co[i];
		export_text(&t, co->zone_name);
		export_text(&t, co->name);
		export_text(&t, enum_label(&enum_platform_type, platform_type_code(co->type)));
		export_int(&t, b.year);
		if (!co->has_sheet) { /* named, as the board names it, its figures blank */
			for (int k = 0; k < 3 + PLATFORM_INDICATOR_COUNT; k++) /* amounts, ratios */
				export_text(&t, "");
			export_text(&t, "未填报");
			export_end_row(&t);
			continue;
		}
		if (platform_assess(&co->latest.sheet, b.lines[co->type], r) != 0)
			memset(r, 0, sizeof(r));
		export_amount(&t, co->latest.sheet.assets, 2);
		export_amount(&t, co->latest.sheet.liabilities, 2);
		export_amount(&t, co->latest.sheet.interest_bearing, 2);
		for (int k = 0; k < PLATFORM_INDICATOR_COUNT; k++)
			if (r[k].has_value)
				export_bp_percent(&t, r[k].value_bp);
			else
				export_text(&t, "");
		export_text(&t, enum_platform_level.entries[platform_worst(r)].label);
		export_end_row(&t);
	}
	return export_finish(c, &t, "平台公司债务风险");
}

/* GET /api/platform-lines */
static int lines(struct api_ctx *c)
{
	struct platform_line l[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	int rc;

	if ((rc = store_platform_lines(c->db, l)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int t = 0; t < PLATFORM_TYPE_COUNT; t++)
		platform_json_lines(&c->w, (enum platform_type)t, l[t]);
	api_page_end(c, PLATFORM_TYPE_COUNT, 0, 0);
	return api_ok(c, 200);
}

/* PUT /api/platform-lines/:type {"lines":[{"indicator","warning_bp","key_bp"}]}: all four */
static int set_lines(struct api_ctx *c)
{
	struct platform_line all[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	json_t *arr = json_object_get(c->body, "lines");
	int type = platform_type_find(http_param(c->req, "type"));
	bool seen[PLATFORM_INDICATOR_COUNT] = {false};
	struct platform_problem why = {0};
	int rc;

	if (type < 0)
		return api_error(c, 404, "not_found", "没有这一企业类型", NULL);
	if (api_require_capability(c, CAP_SUPERVISE_PLATFORM) != 0)
		return -1;
	if ((rc = store_platform_lines(c->db, all)) != KFQ_OK)
		return api_store_error(c, rc);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *it = json_array_get(arr, i);
		const char *code = json_string_value(json_object_get(it, "indicator"));
		int k = -1;
		for (int j = 0; j < PLATFORM_INDICATOR_COUNT; j++)
			if (!strcmp(platform_indicator_code((enum platform_indicator)j), code))
				k = j;
		if (k < 0 || seen[k])
			return api_error(c, 400, "invalid_value", k < 0 ? "未知的指标" : "指标重复",
			                 arena_printf(c->a, "/lines/%zu/indicator", i));
		seen[k] = true;
		all[type][k].warning_bp = json_integer_value(json_object_get(it, "warning_bp"));
		all[type][k].key_bp = json_integer_value(json_object_get(it, "key_bp"));
		if (platform_line_validate((enum platform_indicator)k, &all[type][k], &why) != 0)
			return api_error(c, 400, "invalid_value", arena_strdup(c->a, why.message),
			                 arena_printf(c->a, "/lines/%zu%s", i, why.field));
	}
	for (int k = 0; k < PLATFORM_INDICATOR_COUNT; k++)
		if (!seen[k])
			return api_error(c, 400, "invalid_value",
			                 "应同时设定四项指标的预警线和重点监管线", "/lines");
	rc = store_platform_lines_save(c->db, &c->actor, &platform_json_audit,
	                               (enum platform_type)type, all[type]);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	platform_json_lines(&c->w, (enum platform_type)type, all[type]);
	return api_ok(c, 200);
}

static const struct api_field board_query[] = {
    API_INT_FIELD("year", false, PLATFORM_YEAR_MIN, PLATFORM_YEAR_MAX),
    API_FIELDS_END,
};

static const struct api_field line_fields[] = {
    {"indicator", API_STR, true, 32},
    /* the order of the two is core/platform.c's, with the reason */
    API_INT_FIELD("warning_bp", true, 0, 1000000),
    API_INT_FIELD("key_bp", true, 0, 1000000),
    API_FIELDS_END,
};

static const struct api_field lines_body[] = {
    {"lines", API_OBJ_ARRAY, true, PLATFORM_INDICATOR_COUNT, line_fields},
    API_FIELDS_END,
};

const struct api_route api_platform_risk_routes[] = {
    {"GET", "/api/platform-board", board, PERM_PLATFORM_READ, API_CACHED, board_query, NULL},
    {"GET", "/api/platform-board/export.xlsx", board_export, PERM_PLATFORM_READ, 0, board_query,
     NULL},
    {"GET", "/api/platform-board/export.csv", board_export, PERM_PLATFORM_READ, 0, board_query,
     NULL},
    {"GET", "/api/platform-lines", lines, PERM_PLATFORM_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/platform-lines/:type", set_lines, PERM_PLATFORM_WRITE, 0, NULL, lines_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* 我的待办 (api/todo.h): the companies of the board's default year over a warning or key line,
 * in the caller's view, for the office (which raises the 督办单) and the organizations holding
 * supervise_platform (国资委); every other organization only reads the board. */
static int over_lines(struct api_ctx *c, struct api_todo_item *out)
{
	struct board b;
	bool may;

	out->level = "danger";
	if (api_org_may(c, CAP_SUPERVISE_PLATFORM, &may) != 0)
		return -1;
	if (!may && strcmp(c->sess.user.role, "office") != 0)
		return 1;
	if (board_load(c, &b) != 0)
		return -1;
	out->link = arena_printf(c->a, "/platform/board?year=%d", b.year);
	for (int i = 0; i < b.n; i++) {
		struct platform_reading r[PLATFORM_INDICATOR_COUNT];
		const struct store_platform_company *co = &b.co[i];
		if (co->has_sheet && platform_assess(&co->latest.sheet, b.lines[co->type], r) == 0)
			out->count += platform_worst(r) != PLATFORM_LEVEL_NORMAL;
	}
	return 0;
}

const struct api_todo api_platform_todos[] = {
    {.key = "platform_over_lines",
     .label = "债务风险越线的平台公司",
     .perm = PERM_PLATFORM_READ,
     .fill = over_lines},
    {.key = NULL},
};
