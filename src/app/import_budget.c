/* import_budget.c - the zone budget import (art. 5): a zone's budget or final accounts of a
 * year by 政府收支分类科目, one subject per row (开发区, 年度, 类型 预算/决算, 科目编码, 科目名称,
 * 金额). kfq's own template (there is no published layout to follow): the codes are 类 (3
 * digits), 款 (5) or 项 (7), each listed after the subject it belongs to, as the
 * classification's tables print them. A file replaces, as a whole, each of the accounts it
 * holds (a zone, a year, budget or final): a corrected file is imported as it is. Only an
 * organization holding manage_budget (art. 5's lead) imports, as on the page.
 * Must not write SQL (store/). */
#include "app/import.h"

#include "core/account.h"
#include "core/budget.h"
#include "core/capability.h"
#include "core/enums.h"
#include "core/money.h"
#include "store/store_budget.h"
#include "store/store_capability.h"
#include "store/store_org.h"
#include "store/store_user.h"
#include "util/log.h"

#include <string.h>

#define BUDGET_MAX_ROWS                                                                            \
	20000 /* a zone's accounts hold hundreds; a city's every zone, both kinds                  \
	       */

enum { C_ZONE, C_YEAR, C_KIND, C_CODE, C_NAME, C_AMOUNT, NCOLS };

static const char *check_code(const struct import_value *v, struct arena *a)
{
	(void)a;
	return budget_subject_level(v->text) ? NULL
	                                     : "科目编码应为3位（类）、5位（款）或7位（项）数字";
}

static const struct import_column cols[NCOLS] = {
    [C_ZONE] = {.header = "开发区",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .max = 100,
                .rule = "开发区的名称或别名，须已在系统中",
                .sample = "抚顺经济开发区"},
    [C_YEAR] = {.header = "年度",
                .type = IMPORT_INT,
                .required = true,
                .key = true,
                .min = BUDGET_YEAR_MIN,
                .has_min = true,
                .max = BUDGET_YEAR_MAX,
                .rule = "预算年度",
                .sample = "2025"},
    [C_KIND] = {.header = "类型",
                .type = IMPORT_ENUM,
                .required = true,
                .key = true,
                .options = &enum_budget_kind,
                .rule = "预算或决算；文件中出现的每个开发区、年度和类型的数据整体替换",
                .sample = "预算"},
    [C_CODE] = {.header = "科目编码",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .max = 7,
                .rule = "政府收支分类科目编码：类3位、款5位、项7位，款、项须列在其所属的类、款之后",
                .sample = "201",
                .check = check_code},
    [C_NAME] = {.header = "科目名称",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 100,
                .rule = "科目名称，如一般公共服务支出",
                .sample = "一般公共服务支出"},
    [C_AMOUNT] = {.header = "金额（元）",
                  .type = IMPORT_AMOUNT,
                  .required = true,
                  .min = -MONEY_AMOUNT_MAX,
                  .has_min = true,
                  .max = MONEY_AMOUNT_MAX,
                  .rule = "精确到分；冲减数可为负数",
                  .sample = "1234567.89"},
};

/* one set of accounts the file holds */
struct target {
	int64_t zone_id;
	int year;
	enum budget_kind kind;
};

/* a row's subject, for the check that a 款 or 项 follows its parent */
struct seen {
	struct target t;
	char code[BUDGET_CODE_LEN];
};

struct state {
	struct store_org *zones;
	int nzones;
	struct target *targets; /* the first pass's, handed to the second */
	int ntargets, tcap;
	struct seen *seen;
	int nseen, scap;
	struct store_budget_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
};

static int may_manage(struct import_run *r, bool *yes)
{
	struct store_user u;
	int rc;

	*yes = true;
	if (r->who->user_id == 0) /* the command line's operator */
		return KFQ_OK;
	if ((rc = store_user_get(r->s, r->a, r->who->user_id, &u)) != KFQ_OK)
		return rc;
	return store_capability_org_has(r->s, u.org_id, capability_get(CAP_MANAGE_BUDGET)->code,
	                                yes);
}

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {.type = "zone"};
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	const struct state *first = r->state;
	bool manage;
	int rc;

	/* the second pass clears the accounts the first found (the same file) */
	if (r->writing && first) {
		st->targets = first->targets;
		st->ntargets = first->ntargets;
	}
	r->state = st;
	if ((rc = may_manage(r, &manage)) != KFQ_OK)
		return rc;
	if (!manage)
		import_run_problem(r, 0, NULL,
		                   "本单位没有“%s”的职能授权，不能导入预决算，请联系工作专班办公室",
		                   capability_get(CAP_MANAGE_BUDGET)->label);
	return store_org_list(r->s, r->a, &f, &st->zones, &st->nzones);
}

static const struct store_org *find_zone(const struct state *st, const char *name)
{
	return import_org_named(st->zones, st->nzones, name);
}

static bool same(const struct target *a, const struct target *b)
{
	return a->zone_id == b->zone_id && a->year == b->year && a->kind == b->kind;
}

static void note_target(struct import_run *r, struct state *st, const struct target *t)
{
	for (int i = 0; i < st->ntargets; i++)
		if (same(&st->targets[i], t))
			return;
	if (st->ntargets == st->tcap)
		st->targets = arena_grow(r->a, st->targets, sizeof(*st->targets), &st->tcap);
	st->targets[st->ntargets++] = *t;
}

/* whether code's parent is listed earlier in the same accounts (the latest rows first: a
 * classification's table lists a subject's children right after it) */
static bool parent_seen(const struct state *st, const struct target *t, const char *parent)
{
	for (int i = st->nseen - 1; i >= 0; i--)
		if (same(&st->seen[i].t, t) && !strcmp(st->seen[i].code, parent))
			return true;
	return false;
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_org *zone = v[C_ZONE].present ? find_zone(st, v[C_ZONE].text) : NULL;
	char parent[BUDGET_CODE_LEN];
	struct target t;

	if (v[C_ZONE].present && !zone)
		import_run_problem(r, row, cols[C_ZONE].header,
		                   "找不到开发区“%s”（请填写系统中开发区的名称或别名）",
		                   v[C_ZONE].text);
	if (!zone || !v[C_YEAR].present || !v[C_KIND].present || !v[C_CODE].present ||
	    !budget_subject_level(v[C_CODE].text))
		return;
	t = (struct target){zone->id, (int)v[C_YEAR].num,
	                    (enum budget_kind)budget_kind_find(v[C_KIND].text)};
	if (budget_subject_parent(v[C_CODE].text, parent) && !parent_seen(st, &t, parent))
		import_run_problem(r, row, cols[C_CODE].header,
		                   "科目%s所属的科目%s应在它之前列出（同一开发区、年度和类型）",
		                   v[C_CODE].text, parent);
	if (st->nseen == st->scap)
		st->seen = arena_grow(r->a, st->seen, sizeof(*st->seen), &st->scap);
	st->seen[st->nseen].t = t;
	memcpy(st->seen[st->nseen].code, v[C_CODE].text, strlen(v[C_CODE].text) + 1);
	st->nseen++;
	if (!r->writing)
		note_target(r, st, &t);
}

static int writer_end(void *w)
{
	return store_budget_bulk_end(w);
}

static void writer_abort(void *w)
{
	store_budget_bulk_abort(w);
}

static const struct import_writer budget_writer = {.end = writer_end, .abort = writer_abort};

static int write_begin(struct import_run *r)
{
	struct state *st = r->state;
	int rc = store_budget_bulk_begin(r->s, &st->bulk);

	rc = import_run_writer(r, rc, &budget_writer, st->bulk);

	for (int i = 0; rc == KFQ_OK && i < st->ntargets; i++)
		rc = store_budget_bulk_clear(st->bulk, st->targets[i].zone_id, st->targets[i].year,
		                             st->targets[i].kind);
	return rc;
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;

	(void)row;
	return store_budget_bulk_row(st->bulk, find_zone(st, v[C_ZONE].text)->id,
	                             (int)v[C_YEAR].num,
	                             (enum budget_kind)budget_kind_find(v[C_KIND].text),
	                             v[C_CODE].text, v[C_NAME].text, v[C_AMOUNT].num);
}

/* a row's key with its zone as the zone, whatever name or alias it gives */
static const char *row_key(struct import_run *r, const struct import_value *v, struct arena *a)
{
	const struct store_org *z = v[C_ZONE].present ? find_zone(r->state, v[C_ZONE].text) : NULL;

	return z ? import_row_key_as(cols, NCOLS, v, C_ZONE, z->id, a) : NULL;
}

const struct import_kind import_budget = {
    .replaces = true,
    .name = "budget-lines",
    .title = "开发区预决算",
    .perm = PERM_BUDGET_MANAGE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = BUDGET_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .row_key = row_key,
    .write_begin = write_begin,
    .write_row = write_row,
};
