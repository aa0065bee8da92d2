/* import_parcels.c - the parcels import: one parcel per row (宗地编号, 开发区 by name or alias,
 * 批次号 of that zone, 坐落, 用地类型, 面积 and the contract's and the survey's figures and dates),
 * all or nothing through app/import.c. An importer whose organization holds manage_land
 * (市自然资源局) imports for any zone, a zone account for itself only, the command line for any.
 * Must not write SQL nor judge the land (core/land.c does when it is read). */
#include "app/import.h"

#include "app/land_json.h"
#include "core/account.h"
#include "core/capability.h"
#include "core/enums.h"
#include "core/plan.h"
#include "store/store_bulk.h"
#include "store/store_capability.h"
#include "store/store_enterprise.h"
#include "store/store_land.h"
#include "store/store_org.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define PARCELS_MAX_ROWS 100000

enum {
	C_NO,
	C_ZONE,
	C_USCC,
	C_BATCH,
	C_LOCATION,
	C_USE,
	C_AREA,
	C_DEVELOPED,
	C_PRICE,
	C_INV_AGREED,
	C_INV_DONE,
	C_AGREED_START,
	C_ACTUAL_START,
	C_AGREED_FINISH,
	C_ACTUAL_FINISH,
	C_AGREED_PRODUCTION,
	C_ACTUAL_PRODUCTION,
	C_STOPPED,
	C_FAR_AGREED,
	C_FAR,
	C_TAX_AGREED,
	C_TAX,
	C_CAUSE,
	NCOLS
};

#define MONEY(h, r, s)                                                                             \
	{                                                                                          \
		.header = h, .type = IMPORT_AMOUNT, .has_min = true, .min = 0, .rule = r,          \
		.sample = s                                                                        \
	}
/* a decimal that is not money (an area, a floor area ratio): described as a number */
#define DECIMAL(h, r, s)                                                                           \
	{                                                                                          \
		.header = h, .type = IMPORT_DEC2, .has_min = true, .min = 0, .rule = r,            \
		.sample = s                                                                        \
	}
#define DAY_RULE(h, r, s)                                                                          \
	{                                                                                          \
		.header = h, .type = IMPORT_DATE, .rule = r, .sample = s                           \
	}
#define DAY(h, s) DAY_RULE(h, "选填，日期", s)

static const struct import_column cols[NCOLS] = {
    [C_NO] = {.header = "宗地编号",
              .type = IMPORT_TEXT,
              .required = true,
              .key = true,
              .max = 60,
              .rule = "不动产权证号或出让合同编号，不能与已有地块重复",
              .sample = "抚国用(2024)第0001号"},
    [C_ZONE] = {.header = "开发区",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 100,
                .rule = "开发区的名称或别名，须已在系统中",
                .sample = "抚顺经济开发区（示例）"},
    [C_USCC] = {.header = "统一社会信用代码",
                .type = IMPORT_CODE,
                .max = 18,
                .rule = "选填，用地企业的统一社会信用代码，须已在该开发区的企业名录中",
                .sample = "91440300192317458F"},
    [C_BATCH] = {.header = "批次号",
                 .type = IMPORT_TEXT,
                 .max = 60,
                 .rule = "选填，该开发区已录入的批次号",
                 .sample = "2023-007"},
    [C_LOCATION] =
        {.header = "坐落", .type = IMPORT_TEXT, .max = 200, .rule = "选填", .sample = "示例路1号"},
    [C_USE] = {.header = "用地类型",
               .type = IMPORT_ENUM,
               .required = true,
               .options = &enum_land_use,
               .rule = "工业用地、仓储用地、商服用地、住宅用地、公共管理与公共服务用地或其他用地",
               .sample = "工业用地"},
    [C_AREA] = {.header = "面积（平方米）",
                .type = IMPORT_DEC2,
                .required = true,
                .has_min = true,
                .min = 1,
                .rule = "大于零，最多两位小数",
                .sample = "10000"},
    [C_DEVELOPED] = DECIMAL("已开发面积（平方米）", "选填，不大于面积", "3333.33"),
    [C_PRICE] = MONEY("出让价款（元）", "选填，精确到分", "12345678.93"),
    [C_INV_AGREED] = MONEY("约定投资（元）", "选填，精确到分", "10000000"),
    [C_INV_DONE] = MONEY("已完成投资（元）", "选填，精确到分", "3000000"),
    [C_AGREED_START] = DAY("约定动工日期", "2024-03-01"),
    [C_ACTUAL_START] = DAY_RULE("实际动工日期", "选填，日期，不晚于今天", ""),
    [C_AGREED_FINISH] = DAY_RULE("约定竣工日期", "选填，日期，不早于约定动工日期", "2026-03-01"),
    [C_ACTUAL_FINISH] =
        DAY_RULE("实际竣工日期", "选填，日期，须填写实际动工日期且不早于它，不晚于今天", ""),
    [C_AGREED_PRODUCTION] = DAY("约定投产日期", "2026-09-01"),
    [C_ACTUAL_PRODUCTION] = DAY_RULE("实际投产日期", "选填，日期，不晚于今天", ""),
    [C_STOPPED] =
        DAY_RULE("中止开发日期", "选填，日期，须填写实际动工日期且不早于它，不晚于今天", ""),
    [C_FAR_AGREED] = DECIMAL("约定容积率", "选填，最多两位小数", "1.2"),
    [C_FAR] = DECIMAL("容积率", "选填，最多两位小数", ""),
    [C_TAX_AGREED] = MONEY("约定亩均税收（元）", "选填，精确到分", "100000"),
    [C_TAX] = MONEY("上年税收（元）", "选填，精确到分", ""),
    [C_CAUSE] = {.header = "闲置原因",
                 .type = IMPORT_ENUM,
                 .options = &enum_idle_cause,
                 .rule = "选填：政府原因或企业原因",
                 .sample = ""},
};

struct state {
	struct store_org *orgs;
	int norgs;
	struct store_batch *batches;
	int nbatches;
	int64_t *taken; /* per batch: the area the file's rows so far put in it */
	struct store_enterprise_key *enterprises; /* the registry, sorted by code */
	int nenterprises;
	const char **numbers; /* parcel numbers in use, sorted */
	int nnumbers;
	bool any_zone;           /* the importer may import for every zone */
	struct store_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
	char now[TIME_RFC3339_LEN];
};

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {0};
	struct store_scope all = {0};
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	int rc;

	r->state = st;
	time_format(r->now, st->now);
	st->any_zone = r->role == NULL;
	if (!st->any_zone && (rc = store_capability_org_has(r->s, r->who->org_id,
	                                                    capability_get(CAP_MANAGE_LAND)->code,
	                                                    &st->any_zone)) != KFQ_OK)
		return rc;
	if ((rc = store_org_list(r->s, r->a, &f, &st->orgs, &st->norgs)) != KFQ_OK ||
	    (rc = store_batch_list(r->s, r->a, &all, 0, &st->batches, &st->nbatches)) != KFQ_OK ||
	    (rc = store_parcel_numbers(r->s, r->a, &st->numbers, &st->nnumbers)) != KFQ_OK ||
	    (rc = store_enterprise_keys(r->s, r->a, &st->enterprises, &st->nenterprises)) != KFQ_OK)
		return rc;
	qsort(st->numbers, (size_t)st->nnumbers, sizeof(*st->numbers), by_text);
	st->taken = arena_zalloc(r->a, sizeof(*st->taken) * (size_t)(st->nbatches + 1));
	return KFQ_OK;
}

static const struct store_org *find_zone(const struct state *st, const char *name)
{
	for (int i = 0; i < st->norgs; i++) {
		const struct store_org *o = &st->orgs[i];
		bool named = !strcmp(o->name, name);
		for (int k = 0; !named && k < o->naliases; k++)
			named = !strcmp(o->aliases[k], name);
		if (named)
			return strcmp(o->type, "zone") ? NULL : o;
	}
	return NULL;
}

static const struct store_batch *find_batch(const struct state *st, int64_t zone, const char *no)
{
	for (int i = 0; i < st->nbatches; i++)
		if (st->batches[i].zone_id == zone && !strcmp(st->batches[i].batch_no, no))
			return &st->batches[i];
	return NULL;
}

static const char *day_of(const struct import_value *v)
{
	return v->present ? v->date : NULL;
}

/* The dates as the form checks them (core/land.c): no stop or completion before the start, no
 * agreed completion before the agreed start, nothing that happened dated after today. */
static void dates_check(struct import_run *r, int64_t row, const struct import_value *v)
{
	static const struct {
		const char *field;
		int col;
	} cols_of[] = {
	    {"actual_start", C_ACTUAL_START},   {"stopped_since", C_STOPPED},
	    {"actual_finish", C_ACTUAL_FINISH}, {"actual_production", C_ACTUAL_PRODUCTION},
	    {"agreed_finish", C_AGREED_FINISH},
	};
	struct store_parcel p = {
	    .agreed_start = day_of(&v[C_AGREED_START]),
	    .agreed_finish = day_of(&v[C_AGREED_FINISH]),
	    .actual_start = day_of(&v[C_ACTUAL_START]),
	    .actual_finish = day_of(&v[C_ACTUAL_FINISH]),
	    .actual_production = day_of(&v[C_ACTUAL_PRODUCTION]),
	    .stopped_since = day_of(&v[C_STOPPED]),
	};
	struct land_parcel_facts facts;
	const char *why, *field;

	land_parcel_facts(&p, &facts);
	if ((why = land_dates_check(&facts, plan_today(r->now), &field)) == NULL)
		return;
	for (size_t i = 0; i < sizeof(cols_of) / sizeof(cols_of[0]); i++)
		if (!strcmp(field, cols_of[i].field))
			import_run_problem(r, row, cols[cols_of[i].col].header, "%s", why);
}

/* The batch's approved area holds its parcels, those of the file's rows before this one and
 * this row's area; else the problem names what is approved and supplied. */
static void batch_room(struct import_run *r, int64_t row, const struct store_batch *b, int64_t area)
{
	struct state *st = r->state;
	int64_t *taken = &st->taken[b - st->batches];
	int64_t supplied = b->supplied_m2x100 + *taken;
	char approved[24], sup[24], left[24];

	if (supplied + area <= b->approved_m2x100) {
		*taken += area;
		return;
	}
	land_json_hundredths(b->approved_m2x100, approved);
	land_json_hundredths(supplied, sup);
	land_json_hundredths(land_batch_unsupplied(b->approved_m2x100, supplied), left);
	import_run_problem(
	    r, row, cols[C_AREA].header,
	    "批次“%s”批准面积%s平方米，已供面积%s平方米（含本文件前面各行），批而未供"
	    "%s平方米，容不下本宗地",
	    b->batch_no, approved, sup, left);
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_org *zone = v[C_ZONE].present ? find_zone(st, v[C_ZONE].text) : NULL;

	if (v[C_NO].present && bsearch(&v[C_NO].text, st->numbers, (size_t)st->nnumbers,
	                               sizeof(*st->numbers), by_text))
		import_run_problem(r, row, cols[C_NO].header, "宗地编号“%s”已存在", v[C_NO].text);
	if (v[C_ZONE].present && !zone)
		import_run_problem(r, row, cols[C_ZONE].header, "找不到开发区“%s”", v[C_ZONE].text);
	if (zone && !st->any_zone &&
	    !(r->role && !strcmp(r->role, "zone") && zone->id == r->who->org_id))
		import_run_problem(
		    r, row, cols[C_ZONE].header,
		    "只能导入本开发区的地块（导入其他开发区的地块须有“管理开发区用地”的"
		    "职能授权）");
	if (zone && v[C_USCC].present) {
		const struct store_enterprise_key *e =
		    store_enterprise_key_find(st->enterprises, st->nenterprises, v[C_USCC].text);
		if (!e || e->zone_id != zone->id)
			import_run_problem(r, row, cols[C_USCC].header,
			                   "该开发区的企业名录中没有统一社会信用代码为“%s”的企业",
			                   v[C_USCC].text);
	}
	const struct store_batch *b =
	    zone && v[C_BATCH].present ? find_batch(st, zone->id, v[C_BATCH].text) : NULL;
	if (zone && v[C_BATCH].present && !b)
		import_run_problem(r, row, cols[C_BATCH].header, "该开发区没有批次“%s”",
		                   v[C_BATCH].text);
	if (b && v[C_AREA].present)
		batch_room(r, row, b, v[C_AREA].num);
	if (v[C_DEVELOPED].present && v[C_AREA].present && v[C_DEVELOPED].num > v[C_AREA].num)
		import_run_problem(r, row, cols[C_DEVELOPED].header, "已开发面积不能大于面积");
	dates_check(r, row, v);
}

static int write_begin(struct import_run *r)
{
	struct state *st = r->state;

	int rc = store_bulk_begin(r->s, &store_parcel_bulk, &st->bulk);

	return import_run_writer(r, rc, &import_store_bulk, st->bulk);
}

static const char *text(struct import_run *r, const struct import_value *v)
{
	return v->present ? arena_strdup(r->a, v->text) : NULL;
}

static const char *day(struct import_run *r, const struct import_value *v)
{
	return v->present ? arena_strdup(r->a, v->date) : NULL;
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_org *zone = find_zone(st, v[C_ZONE].text);
	const struct store_batch *b =
	    v[C_BATCH].present ? find_batch(st, zone->id, v[C_BATCH].text) : NULL;
	struct store_parcel p = {0};

	(void)row;
	p.zone_id = zone->id;
	p.batch_id = b ? b->id : 0;
	if (v[C_USCC].present)
		p.enterprise_id =
		    store_enterprise_key_find(st->enterprises, st->nenterprises, v[C_USCC].text)
		        ->id;
	p.parcel_no = text(r, &v[C_NO]);
	p.location = text(r, &v[C_LOCATION]);
	p.land_use = v[C_USE].text;
	p.area_m2x100 = v[C_AREA].num;
	p.developed_m2x100 = v[C_DEVELOPED].num;
	p.land_price_fen = v[C_PRICE].num;
	p.investment_agreed_fen = v[C_INV_AGREED].num;
	p.investment_done_fen = v[C_INV_DONE].num;
	p.agreed_start = day(r, &v[C_AGREED_START]);
	p.actual_start = day(r, &v[C_ACTUAL_START]);
	p.agreed_finish = day(r, &v[C_AGREED_FINISH]);
	p.actual_finish = day(r, &v[C_ACTUAL_FINISH]);
	p.agreed_production = day(r, &v[C_AGREED_PRODUCTION]);
	p.actual_production = day(r, &v[C_ACTUAL_PRODUCTION]);
	p.stopped_since = day(r, &v[C_STOPPED]);
	p.far_agreed_x100 = v[C_FAR_AGREED].num;
	p.far_x100 = v[C_FAR].num;
	p.tax_per_mu_agreed_fen = v[C_TAX_AGREED].num;
	p.tax_last_year_fen = v[C_TAX].num;
	p.idle_cause = v[C_CAUSE].present ? v[C_CAUSE].text : NULL;
	return store_parcel_bulk_row(st->bulk, &p, st->now);
}

const struct import_kind import_parcels = {
    .name = "parcels",
    .title = "地块",
    .perm = PERM_LAND_WRITE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = PARCELS_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
};
