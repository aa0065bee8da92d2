/* import_enterprises.c - the registry import: one new enterprise per row, with the columns of
 * the registry's own export (so an exported list, completed, imports back): 统一社会信用代码
 * (checked, with the expected check character when it is wrong), 企业名称, 所在开发区 (a zone in
 * the importer's scope, by name or alias), 地址, 行业代码 (a 小类 of the classification in
 * force), 规模, 成立日期, 招商引资 and its dates. A code already registered is refused: an
 * enterprise is changed on its page, audited field by field, not overwritten by a file.
 * Must not write SQL (store/) nor decide what a valid entry is (core/enterprise.c). */
#include "app/enterprise_scope.h"
#include "app/import.h"
#include "app/industry_catalog.h"

#include "core/account.h"
#include "core/enterprise.h"
#include "core/enums.h"
#include "core/plan.h"
#include "store/store_enterprise.h"
#include "util/log.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define ENTERPRISES_MAX_ROWS 500000

enum {
	C_USCC,
	C_NAME,
	C_ZONE,
	C_ADDRESS,
	C_INDUSTRY,
	C_INDUSTRY_NAME,
	C_SCALE,
	C_REGISTERED,
	C_ATTRACTED,
	C_CONTRACT,
	C_SETTLED,
	C_PRODUCTION,
	NCOLS
};

static const struct import_column cols[NCOLS] = {
    [C_USCC] = {.header = "统一社会信用代码",
                .type = IMPORT_CODE,
                .required = true,
                .key = true,
                .max = 32,
                .rule = "18位，按 GB 32100-2015 校验（小写字母按大写读）；不能是已登记的企业",
                .sample = "91210400MA0U00000J"},
    [C_NAME] = {.header = "企业名称",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 100,
                .rule = "营业执照上的名称",
                .sample = "抚顺示例新材料有限公司"},
    [C_ZONE] = {.header = "所在开发区",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 100,
                .rule = "开发区的名称或别名，须在你的数据范围内",
                .sample = "抚顺高新技术产业开发区"},
    [C_ADDRESS] = {.header = "地址", .type = IMPORT_TEXT, .max = 150, .rule = "选填"},
    [C_INDUSTRY] = {.header = "行业代码",
                    .type = IMPORT_TEXT,
                    .required = true,
                    .upper = true,
                    .max = 8,
                    .rule = "国民经济行业分类（GB/T 4754-2017）的四位小类代码；数字格式的单元格"
                            "去掉的前导零会补回（111 读作 0111）",
                    .sample = "2614"},
    [C_INDUSTRY_NAME] = {.header = "行业",
                         .type = IMPORT_TEXT,
                         .rule = "导出时附带的行业名称，导入时不读取",
                         .sample = "有机化学原料制造"},
    [C_SCALE] = {.header = "规模",
                 .type = IMPORT_ENUM,
                 .required = true,
                 .options = &enum_enterprise_scale,
                 .rule = "规上（规模以上工业企业等）或规下",
                 .sample = "规上"},
    [C_REGISTERED] = {.header = "成立日期",
                      .type = IMPORT_DATE,
                      .required = true,
                      .rule = "营业执照上的成立日期",
                      .sample = "2021-03-15"},
    [C_ATTRACTED] = {.header = "招商引资",
                     .type = IMPORT_BOOL,
                     .rule = "是：招商引资引进的企业（财力分成按它计算）；不填为否",
                     .sample = "是"},
    [C_CONTRACT] = {.header = "签约日期",
                    .type = IMPORT_DATE,
                    .rule = "招商引资企业选填",
                    .sample = "2020-11-20"},
    [C_SETTLED] = {.header = "落地注册日期",
                   .type = IMPORT_DATE,
                   .rule = "招商引资企业选填，不早于成立日期；分成按此日期所在年份认定引进年份",
                   .sample = "2021-03-15"},
    [C_PRODUCTION] = {.header = "投产日期",
                      .type = IMPORT_DATE,
                      .rule = "招商引资企业选填，不早于签约和落地注册日期",
                      .sample = "2022-06-30"},
};

/* enterprise_validate's field names to the columns they come from */
static const char *const field_columns[][2] = {
    {"uscc", "统一社会信用代码"},  {"name", "企业名称"},        {"address", "地址"},
    {"industry_code", "行业代码"}, {"scale", "规模"},           {"registered_on", "成立日期"},
    {"attracted", "招商引资"},     {"contract_on", "签约日期"}, {"settled_on", "落地注册日期"},
    {"production_on", "投产日期"},
};

struct state {
	struct enterprise_scope scope;
	struct store_org *zones;
	int nzones;
	struct store_enterprise_key *keys; /* registered codes */
	int nkeys;
	const struct industry_catalog *catalog;
	struct store_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
	char now[TIME_RFC3339_LEN];
	char today[11]; /* the run's day in Beijing: no enterprise founded after it */
};

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {.type = "zone"};
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	bool loaded;
	int rc;

	r->state = st;
	time_format(r->now, st->now);
	plan_day_format(plan_today(r->now), st->today);
	if ((rc = enterprise_scope_load(r->s, r->a, r->who, &st->scope)) != KFQ_OK)
		return rc;
	f.ids = st->scope.org_ids;
	f.nids = st->scope.n;
	if ((rc = store_org_list(r->s, r->a, &f, &st->zones, &st->nzones)) != KFQ_OK)
		return rc;
	if ((rc = store_enterprise_keys(r->s, r->a, &st->keys, &st->nkeys)) != KFQ_OK)
		return rc;
	return industry_catalog_in_force(r->s, r->a, &st->catalog, &loaded);
}

static const struct store_org *find_zone(const struct state *st, const char *name)
{
	return import_org_named(st->zones, st->nzones, name);
}

/* the 小类 code as typed, with the leading zero a number cell drops from 01xx-09xx put back
 * (text, as in a CSV, is taken as it is: "301" there is a 中类, not 0301) */
static const char *industry_code(struct arena *a, const struct import_value *v)
{
	if (v->number && strlen(v->text) == 3 && strspn(v->text, "0123456789") == 3)
		return arena_printf(a, "0%s", v->text);
	return v->text;
}

static const char *given(const struct import_value *v)
{
	return v->present ? (v->text ? v->text : v->date) : NULL;
}

static void input_of(struct import_run *r, const struct import_value *v,
                     struct enterprise_input *in)
{
	*in = (struct enterprise_input){
	    .uscc = given(&v[C_USCC]),
	    .name = given(&v[C_NAME]),
	    .address = given(&v[C_ADDRESS]),
	    .industry_code = v[C_INDUSTRY].present ? industry_code(r->a, &v[C_INDUSTRY]) : NULL,
	    .scale = given(&v[C_SCALE]),
	    .registered_on = v[C_REGISTERED].present ? v[C_REGISTERED].date : NULL,
	    .attracted = v[C_ATTRACTED].present && v[C_ATTRACTED].yes,
	    .contract_on = v[C_CONTRACT].present ? v[C_CONTRACT].date : NULL,
	    .settled_on = v[C_SETTLED].present ? v[C_SETTLED].date : NULL,
	    .production_on = v[C_PRODUCTION].present ? v[C_PRODUCTION].date : NULL,
	    .today = ((struct state *)r->state)->today,
	};
}

static const char *column_of(const char *field)
{
	for (size_t i = 0; i < sizeof(field_columns) / sizeof(field_columns[0]); i++)
		if (!strcmp(field_columns[i][0], field))
			return field_columns[i][1];
	return NULL;
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	struct enterprise_input in;
	struct enterprise_checked ok;
	struct enterprise_problem p;

	if (v[C_ZONE].present && !find_zone(st, v[C_ZONE].text))
		import_run_problem(r, row, cols[C_ZONE].header,
		                   "找不到开发区“%s”，或它不在你的数据范围内", v[C_ZONE].text);
	/* a cell that did not convert is reported already; validate complete rows only */
	for (int i = 0; i < NCOLS; i++)
		if (cols[i].required && !v[i].present)
			return;
	input_of(r, v, &in);
	if (enterprise_validate(&in, st->catalog, &ok, &p) != 0) {
		for (int i = 0; i < p.n; i++)
			import_run_problem(r, row, column_of(p.v[i].field), "%s", p.v[i].message);
		return;
	}
	if (store_enterprise_key_find(st->keys, st->nkeys, ok.uscc))
		import_run_problem(r, row, cols[C_USCC].header,
		                   "统一社会信用代码%s已登记，请在企业详情中修改", ok.uscc);
}

static int write_begin(struct import_run *r)
{
	struct state *st = r->state;

	int rc = store_bulk_begin(r->s, &store_enterprise_bulk, &st->bulk);

	return import_run_writer(r, rc, &import_store_bulk, st->bulk);
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	struct enterprise_input in;
	struct enterprise_checked ok;
	struct enterprise_problem p;
	struct store_enterprise e;

	(void)row;
	input_of(r, v, &in);
	if (enterprise_validate(&in, st->catalog, &ok, &p) != 0)
		return KFQ_EINVAL; /* check() refused it in this pass already */
	e = (struct store_enterprise){
	    .uscc = ok.uscc,
	    .name = in.name,
	    .zone_id = find_zone(st, v[C_ZONE].text)->id,
	    .address = in.address,
	    .industry_code = in.industry_code,
	    .scale = ok.scale,
	    .registered_on = in.registered_on,
	    .attracted = in.attracted,
	    .contract_on = in.contract_on,
	    .settled_on = in.settled_on,
	    .production_on = in.production_on,
	};
	return store_enterprise_bulk_row(st->bulk, &e, st->now);
}

const struct import_kind import_enterprises = {
    .name = "enterprises",
    .title = "企业名录",
    .perm = PERM_ENTERPRISE_WRITE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = ENTERPRISES_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
};
