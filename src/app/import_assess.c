/* import_assess.c - the import of the zones' assessment targets and actuals: one indicator of
 * one zone per row, by year, class (the scheme), zone (name or alias) and indicator (its name
 * in the scheme); values with up to two decimals in the indicator's own unit (a province rank
 * whole, a deduction in points). A target indicator needs its target; others take none. A
 * row sets the value, replacing one entered before. The office (pay_set) imports; the
 * results are computed afterwards as after entry by hand. Must not write SQL (store/). */
#include "app/import.h"

#include "core/account.h"
#include "store/store_assess.h"
#include "store/store_org.h"
#include "util/log.h"

#include <string.h>

#define ASSESS_IMPORT_MAX_ROWS 100000 /* zones × indicators, with room */

enum { C_YEAR, C_CLASS, C_ZONE, C_INDICATOR, C_TARGET, C_ACTUAL, NCOLS };

static const struct import_column cols[NCOLS] = {
    [C_YEAR] = {.header = "年度",
                .type = IMPORT_INT,
                .required = true,
                .key = true,
                .min = 2000,
                .has_min = true,
                .max = 2100,
                .rule = "考核年度",
                .sample = "2025"},
    [C_CLASS] = {.header = "类别",
                 .type = IMPORT_TEXT,
                 .required = true,
                 .key = true,
                 .max = 100,
                 .rule = "该年度已建立的考核方案的类别",
                 .sample = "省级开发区"},
    [C_ZONE] = {.header = "开发区",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .max = 100,
                .rule = "开发区名称或简称，须在该方案的参评开发区中",
                .sample = "抚顺经济开发区"},
    [C_INDICATOR] = {.header = "指标",
                     .type = IMPORT_TEXT,
                     .required = true,
                     .key = true,
                     .max = 200,
                     .rule = "方案中的指标名称",
                     .sample = "规上工业增加值"},
    [C_TARGET] = {.header = "目标值",
                  .type = IMPORT_DEC2,
                  .has_min = true,
                  .min = 1,
                  .max = ASSESS_VALUE_MAX,
                  .rule = "目标类指标必填，大于0，最多两位小数；其他指标不填",
                  .sample = "1000.00"},
    [C_ACTUAL] = {.header = "完成值",
                  .type = IMPORT_DEC2,
                  .required = true,
                  .has_min = true,
                  .min = 0,
                  .max = ASSESS_VALUE_MAX,
                  .rule = "完成值、全省综合评价得分或名次、扣分分数，最多两位小数（名次为整数）",
                  .sample = "1150.00"},
};

struct state {
	struct store_assess_scheme *schemes;
	int nschemes;
	struct store_org *orgs;
	int norgs;
};

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {0};
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	int rc;

	r->state = st;
	if ((rc = store_assess_scheme_all(r->s, r->a, &st->schemes, &st->nschemes)) != KFQ_OK)
		return rc;
	return store_org_list(r->s, r->a, &f, &st->orgs, &st->norgs);
}

static int64_t org_named(const struct state *st, const char *name)
{
	const struct store_org *o = import_org_named(st->orgs, st->norgs, name);

	return o ? o->id : 0;
}

/* The row's value, or false after a problem. */
static bool value_of(struct import_run *r, int64_t row, const struct import_value *v,
                     struct store_assess_value *out)
{
	const struct state *st = r->state;
	const struct store_assess_scheme *x = NULL;
	const struct store_assess_indicator *ind = NULL;
	int64_t org;
	bool member = false;

	if (!v[C_YEAR].present || !v[C_CLASS].present || !v[C_ZONE].present ||
	    !v[C_INDICATOR].present || !v[C_ACTUAL].present)
		return false;
	for (int i = 0; i < st->nschemes && !x; i++)
		if (st->schemes[i].year == v[C_YEAR].num &&
		    !strcmp(st->schemes[i].class_key, v[C_CLASS].text))
			x = &st->schemes[i];
	if (!x) {
		import_run_problem(r, row, cols[C_CLASS].header, "%lld年度没有“%s”类别的考核方案",
		                   (long long)v[C_YEAR].num, v[C_CLASS].text);
		return false;
	}
	org = org_named(st, v[C_ZONE].text);
	for (int i = 0; org && i < x->nzones; i++)
		member |= x->zones[i].org_id == org;
	if (!member) {
		import_run_problem(r, row, cols[C_ZONE].header, "“%s”不是该方案的参评开发区",
		                   v[C_ZONE].text);
		return false;
	}
	for (int i = 0; i < x->nind && !ind; i++)
		if (!strcmp(x->ind[i].name, v[C_INDICATOR].text))
			ind = &x->ind[i];
	if (!ind) {
		import_run_problem(r, row, cols[C_INDICATOR].header, "方案中没有指标“%s”",
		                   v[C_INDICATOR].text);
		return false;
	}
	bool target = !strcmp(ind->kind, "target");
	if (target != v[C_TARGET].present) {
		import_run_problem(r, row, cols[C_TARGET].header,
		                   target ? "目标类指标须填写目标值"
		                          : "该指标不是目标类，不填目标值");
		return false;
	}
	if (!strcmp(ind->mode, "rank") && v[C_ACTUAL].num % 100 != 0) {
		import_run_problem(r, row, cols[C_ACTUAL].header, "名次应为整数");
		return false;
	}
	out->indicator_id = ind->id;
	out->org_id = org;
	out->has_target = target;
	out->target = target ? v[C_TARGET].num : 0;
	/* a rank is whole; every other value is kept in hundredths, as read */
	out->actual = !strcmp(ind->mode, "rank") ? v[C_ACTUAL].num / 100 : v[C_ACTUAL].num;
	return true;
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct store_assess_value x;

	(void)value_of(r, row, v, &x);
}

static int write_begin(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct store_assess_value x;

	if (!value_of(r, row, v, &x))
		return KFQ_EINVAL;
	return store_assess_value_put(r->s, r->who, &x);
}

static int write_end(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

/* a row's key with its zone as the zone, whatever name or alias it gives */
static const char *row_key(struct import_run *r, const struct import_value *v, struct arena *a)
{
	int64_t id = v[C_ZONE].present ? org_named(r->state, v[C_ZONE].text) : 0;

	return id ? import_row_key_as(cols, NCOLS, v, C_ZONE, id, a) : NULL;
}

const struct import_kind import_assess = {
    .replaces = true,
    .name = "assess_values",
    .title = "考核数据",
    .perm = PERM_PAY_SET,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = ASSESS_IMPORT_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .row_key = row_key,
    .write_begin = write_begin,
    .write_row = write_row,
    .write_end = write_end,
};
