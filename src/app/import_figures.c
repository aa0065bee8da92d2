/* import_figures.c - the 亩均效益 figures import: one enterprise's year per row (统一社会信用代码
 * of the registry, 年度, 工业增加值, 主营业务收入, R&D 经费支出, 综合能耗, 排放当量, 用电量, 职工
 * 人数), all or nothing through app/import.c; a row sets that enterprise's figures of that year
 * that its file has columns for (an empty cell is a figure not known), and a column the file
 * does not have leaves that figure as it was. Tax is never imported here: the registry's tax
 * records give it. An importer whose organization holds manage_land imports for any zone, a
 * zone account for its own enterprises, the command line for any. Must not write SQL nor score
 * anything (core/mujun.c does when the evaluation is read). */
#include "app/import.h"

#include "core/account.h"
#include "core/capability.h"
#include "core/mujun.h"
#include "store/store_capability.h"
#include "store/store_enterprise.h"
#include "store/store_mujun.h"
#include "util/log.h"

#include <string.h>

#define FIGURES_MAX_ROWS 200000
#define FIGURE_MAX       1000000000000000LL

enum {
	C_USCC,
	C_YEAR,
	C_VALUE_ADDED,
	C_REVENUE,
	C_RD,
	C_ENERGY,
	C_EMISSION,
	C_POWER,
	C_STAFF,
	NCOLS
};

#define MONEY(h, s)                                                                                \
	{                                                                                          \
		.header = h, .type = IMPORT_AMOUNT, .has_min = true, .min = 0, .max = FIGURE_MAX,  \
		.rule = "选填，元，精确到分；空白为缺数据，文件中没有此列则保留已有数据",          \
		.sample = s                                                                        \
	}
#define COUNT(h, s)                                                                                \
	{                                                                                          \
		.header = h, .type = IMPORT_INT, .has_min = true, .min = 0, .max = FIGURE_MAX,     \
		.rule = "选填，整数；空白为缺数据，文件中没有此列则保留已有数据", .sample = s      \
	}

static const struct import_column cols[NCOLS] = {
    [C_USCC] = {.header = "统一社会信用代码",
                .type = IMPORT_CODE,
                .required = true,
                .key = true,
                .max = 18,
                .rule = "企业名录中已有的企业",
                .sample = "91440300192317458F"},
    [C_YEAR] = {.header = "年度",
                .type = IMPORT_INT,
                .required = true,
                .key = true,
                .has_min = true,
                .min = 2000,
                .max = 2100,
                .rule = "评价年度，如 2025",
                .sample = "2025"},
    [C_VALUE_ADDED] = MONEY("工业增加值（元）", "6000000"),
    [C_REVENUE] = MONEY("主营业务收入（元）", "40000000"),
    [C_RD] = MONEY("R&D经费支出（元）", "1200000"),
    [C_ENERGY] = COUNT("综合能耗（千克标准煤）", "2000000"),
    [C_EMISSION] = COUNT("主要污染物排放当量（千克）", ""),
    [C_POWER] = COUNT("用电量（千瓦时）", "3500000"),
    [C_STAFF] = COUNT("年平均职工人数", "200"),
};

struct state {
	struct store_enterprise_key *enterprises; /* the registry, sorted by code */
	int nenterprises;
	bool any_zone; /* the importer may import for every zone */
};

static int prepare(struct import_run *r)
{
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	int rc;

	r->state = st;
	st->any_zone = r->role == NULL;
	if (!st->any_zone && (rc = store_capability_org_has(r->s, r->who->org_id,
	                                                    capability_get(CAP_MANAGE_LAND)->code,
	                                                    &st->any_zone)) != KFQ_OK)
		return rc;
	return store_enterprise_keys(r->s, r->a, &st->enterprises, &st->nenterprises);
}

static const struct store_enterprise_key *find(const struct state *st, const struct import_value *v)
{
	return store_enterprise_key_find(st->enterprises, st->nenterprises, v[C_USCC].text);
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_enterprise_key *e = v[C_USCC].present ? find(st, v) : NULL;

	if (v[C_USCC].present && !e)
		import_run_problem(r, row, cols[C_USCC].header,
		                   "企业名录中没有统一社会信用代码为“%s”的企业", v[C_USCC].text);
	/* one answer for another zone's enterprise, so that a file tells nothing of it */
	else if (e && !st->any_zone &&
	         !(r->role && !strcmp(r->role, "zone") && e->zone_id == r->who->org_id))
		import_run_problem(
		    r, row, cols[C_USCC].header,
		    "只能导入本开发区企业的数据（导入其他开发区的数据须有“管理开发区用"
		    "地”的职能授权）");
	/* the row's own figures; with what is kept for absent columns, write_row checks again */
	const char *why, *field;
	if ((why = mujun_figures_check(v[C_VALUE_ADDED].present ? v[C_VALUE_ADDED].num : MUJUN_NONE,
	                               v[C_REVENUE].present ? v[C_REVENUE].num : MUJUN_NONE,
	                               v[C_RD].present ? v[C_RD].num : MUJUN_NONE, &field)) != NULL)
		import_run_problem(r, row, cols[strcmp(field, "rd") ? C_VALUE_ADDED : C_RD].header,
		                   "%s", why);
}

static int write_begin(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

/* The row's figure: its cell, MUJUN_NONE for an empty one, and kept (what was stored) when the
 * file has no such column. */
static int64_t figure(const struct import_value *v, int64_t kept)
{
	if (!v->in_file)
		return kept;
	return v->present ? v->num : MUJUN_NONE;
}

/* The row's figures into f, over what the enterprise's year holds for the columns the file does
 * not have (read only then). */
static int row_figures(struct import_run *r, const struct import_value *v, struct arena *a,
                       struct store_figure *f)
{
	struct store_figure old;
	bool all = true;
	int rc;

	memset(f, 0, sizeof(*f));
	f->enterprise_id = find(r->state, v)->id;
	f->year = (int)v[C_YEAR].num;
	old.value_added_fen = old.revenue_fen = old.rd_fen = old.energy_kgce = old.emission_kg =
	    old.electricity_kwh = old.staff = MUJUN_NONE;
	for (int i = C_VALUE_ADDED; i < NCOLS; i++)
		all = all && v[i].in_file;
	if (!all &&
	    (rc = store_figure_of_year(r->s, a, f->enterprise_id, f->year, &old)) != KFQ_OK &&
	    rc != KFQ_ENOTFOUND)
		return rc;
	f->value_added_fen = figure(&v[C_VALUE_ADDED], old.value_added_fen);
	f->revenue_fen = figure(&v[C_REVENUE], old.revenue_fen);
	f->rd_fen = figure(&v[C_RD], old.rd_fen);
	f->energy_kgce = figure(&v[C_ENERGY], old.energy_kgce);
	f->emission_kg = figure(&v[C_EMISSION], old.emission_kg);
	f->electricity_kwh = figure(&v[C_POWER], old.electricity_kwh);
	f->staff = figure(&v[C_STAFF], old.staff);
	return KFQ_OK;
}

/* A problem of figures the row does not all have: told at the column of the pair the file has,
 * naming the figure kept. */
static void kept_problem(struct import_run *r, int64_t row, const struct import_value *v,
                         const struct store_figure *f, const char *why, const char *field)
{
	int named = strcmp(field, "rd") ? C_VALUE_ADDED : C_RD;
	int other = v[named].in_file ? C_REVENUE : named;
	int64_t fen = other == C_REVENUE ? f->revenue_fen
	              : named == C_RD    ? f->rd_fen
	                                 : f->value_added_fen;

	import_run_problem(r, row, cols[v[named].in_file ? named : C_REVENUE].header,
	                   "%s（文件中没有“%s”列，按已有数据%lld.%02lld元）", why,
	                   cols[other].header, (long long)(fen / 100), (long long)(fen % 100));
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct store_figure f;
	const char *why, *field;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = row_figures(r, v, &a, &f)) != KFQ_OK)
		goto done;
	/* with the figures kept for absent columns (a pair the file has neither of is not the
	 * row's to answer for): a problem here rejects the import */
	bool rev = v[C_REVENUE].in_file;
	if ((why = mujun_figures_check(
	         rev || v[C_VALUE_ADDED].in_file ? f.value_added_fen : MUJUN_NONE, f.revenue_fen,
	         rev || v[C_RD].in_file ? f.rd_fen : MUJUN_NONE, &field)) != NULL)
		kept_problem(r, row, v, &f, why, field);
	else
		rc = store_figure_import_row(r->s, &f, r->now);
done:
	arena_release(&a);
	return rc;
}

static int write_end(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

const struct import_kind import_figures = {
    .replaces = true,
    .name = "mujun_figures",
    .title = "亩均评价数据",
    .perm = PERM_LAND_WRITE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = FIGURES_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
    .write_end = write_end,
};
