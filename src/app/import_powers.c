/* import_powers.c - two imports of the powers module. "powers": a department's catalogue in the
 * layout departments publish their 权责清单 in (事项编码, 事项名称, 事项类型, 实施部门, 设定依据,
 * 法定时限, 承诺时限, 容缺受理, 告知承诺制), new entries only, every row the importer's own
 * department, which must hold delegate_power. "power_cases": monthly case figures per delegated
 * power (事项编码 + 开发区 + 月份), by the zone that handles the cases or the delegating
 * department; a month already recorded is refused (correct it on the page). Must not write SQL
 * (store/) nor decide what a valid entry or month is (core/power.c). */
#include "app/import.h"

#include "core/account.h"
#include "core/capability.h"
#include "core/enums.h"
#include "core/plan.h"
#include "core/power.h"
#include "core/workday.h"
#include "store/store_capability.h"
#include "store/store_org.h"
#include "store/store_power.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define POWERS_MAX_ROWS 20000
#define CASES_MAX_ROWS  1000000

/* ---- the catalogue ---- */

enum {
	P_CODE,
	P_NAME,
	P_KIND,
	P_DEPT,
	P_BASIS,
	P_STATUTORY,
	P_PROMISED,
	P_INCOMPLETE,
	P_NOTIFY,
	NP
};

static const struct import_column power_cols[NP] = {
    [P_CODE] = {.header = "事项编码",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .upper = true,
                .max = 64,
                .rule = "权责清单中的事项编码，不能与已有事项重复（字母不区分大小写）",
                .sample = "3704210001"},
    [P_NAME] = {.header = "事项名称",
                .type = IMPORT_TEXT,
                .required = true,
                .rule = "权力事项的名称",
                .sample = "食品经营许可"},
    [P_KIND] = {.header = "事项类型",
                .type = IMPORT_ENUM,
                .required = true,
                .options = &enum_power_kind,
                .rule = "权力清单的类别",
                .sample = "行政许可"},
    [P_DEPT] = {.header = "实施部门",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 100,
                .rule = "本部门的名称或别名（只能导入本部门的事项）",
                .sample = "市市场监管局"},
    [P_BASIS] = {.header = "设定依据",
                 .type = IMPORT_TEXT,
                 .required = true,
                 .max = 2000,
                 .rule = "法律法规名称及条款",
                 .sample = "《中华人民共和国食品安全法》第三十五条"},
    [P_STATUTORY] = {.header = "法定时限（工作日）",
                     .type = IMPORT_INT,
                     .required = true,
                     .has_min = true,
                     .min = 1,
                     .max = POWER_MAX_DAYS,
                     .rule = "1至365个工作日",
                     .sample = "20"},
    [P_PROMISED] = {.header = "承诺时限（工作日）",
                    .type = IMPORT_INT,
                    .required = true,
                    .has_min = true,
                    .min = 1,
                    .max = POWER_MAX_DAYS,
                    .rule = "不超过法定时限",
                    .sample = "10"},
    [P_INCOMPLETE] = {.header = "容缺受理",
                      .type = IMPORT_BOOL,
                      .rule = "是 / 否，不填为否",
                      .sample = "是"},
    [P_NOTIFY] = {.header = "告知承诺制",
                  .type = IMPORT_BOOL,
                  .rule = "是 / 否，不填为否",
                  .sample = "否"},
};

struct power_state {
	struct store_org own;         /* the importer's organization */
	bool may;                     /* it holds delegate_power */
	struct store_power *existing; /* by code, sorted */
	int nexisting;
	struct store_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
	char now[TIME_RFC3339_LEN];
};

/* qsort and bsearch of n elements, where n may be 0 and base NULL (which the C library's
 * declarations do not allow) */
static void sort(void *base, int n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, (size_t)n, size, cmp);
}

static void *find(const void *key, void *base, int n, size_t size,
                  int (*cmp)(const void *, const void *))
{
	return n > 0 ? bsearch(key, base, (size_t)n, size, cmp) : NULL;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct store_power *)a)->code, ((const struct store_power *)b)->code);
}

static int power_prepare(struct import_run *r)
{
	struct power_state *st = arena_zalloc(r->a, sizeof(*st));
	int rc;

	r->state = st;
	time_format(r->now, st->now);
	if ((rc = store_org_get(r->s, r->a, r->who->org_id, &st->own)) != KFQ_OK ||
	    (rc = store_capability_org_has(r->s, r->who->org_id,
	                                   capability_get(CAP_DELEGATE_POWER)->code, &st->may)) !=
	        KFQ_OK ||
	    (rc = store_power_codes(r->s, r->a, &st->existing, &st->nexisting)) != KFQ_OK)
		return rc;
	/* byte order for bsearch, whatever the database's collation */
	sort(st->existing, st->nexisting, sizeof(*st->existing), by_code);
	/* a zone or county is told whose the catalogue is, as power_require_department does */
	if (!st->may && (!strcmp(st->own.type, "zone") || !strcmp(st->own.type, "county")))
		import_run_problem(r, 0, NULL,
		                   "权力事项的新增和修改由各主管部门办理，%s不能导入权力事项",
		                   strcmp(st->own.type, "zone") ? "县区" : "开发区");
	else if (!st->may)
		import_run_problem(r, 0, NULL,
		                   "本单位没有“向开发区赋权”的职能授权，不能导入权力事项");
	return KFQ_OK;
}

static bool names_own(const struct store_org *o, const char *name)
{
	if (!strcmp(o->name, name))
		return true;
	for (int k = 0; k < o->naliases; k++)
		if (!strcmp(o->aliases[k], name))
			return true;
	return false;
}

static void power_check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct power_state *st = r->state;

	if (v[P_CODE].present) {
		struct store_power key = {.code = v[P_CODE].text};
		if (find(&key, st->existing, st->nexisting, sizeof(key), by_code))
			import_run_problem(r, row, power_cols[P_CODE].header, "事项编码“%s”已存在",
			                   v[P_CODE].text);
	}
	if (v[P_DEPT].present && !names_own(&st->own, v[P_DEPT].text))
		import_run_problem(r, row, power_cols[P_DEPT].header,
		                   "只能导入本部门（%s）的事项，“%s”不是本部门", st->own.name,
		                   v[P_DEPT].text);
	if (v[P_STATUTORY].present && v[P_PROMISED].present &&
	    v[P_PROMISED].num > v[P_STATUTORY].num)
		import_run_problem(r, row, power_cols[P_PROMISED].header,
		                   "承诺时限不能超过法定时限");
}

static int power_write_begin(struct import_run *r)
{
	struct power_state *st = r->state;

	int rc = store_bulk_begin(r->s, &store_power_bulk, &st->bulk);

	return import_run_writer(r, rc, &import_store_bulk, st->bulk);
}

static int power_write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct power_state *st = r->state;
	struct store_power p = {
	    .dept_org_id = st->own.id,
	    .code = v[P_CODE].text,
	    .name = v[P_NAME].text,
	    .kind = v[P_KIND].text,
	    .legal_basis = v[P_BASIS].text,
	    .statutory_days = v[P_STATUTORY].num,
	    .promised_days = v[P_PROMISED].num,
	    .accept_incomplete = v[P_INCOMPLETE].present && v[P_INCOMPLETE].yes,
	    .notify_commit = v[P_NOTIFY].present && v[P_NOTIFY].yes,
	};

	(void)row;
	return store_power_bulk_row(st->bulk, &p, st->now);
}

const struct import_kind import_powers = {
    .name = "powers",
    .title = "权力事项",
    .perm = PERM_POWER_WRITE,
    .cols = power_cols,
    .ncols = NP,
    .max_rows = POWERS_MAX_ROWS,
    .prepare = power_prepare,
    .check = power_check,
    .write_begin = power_write_begin,
    .write_row = power_write_row,
};

/* ---- monthly case figures ---- */

enum { M_CODE, M_ZONE, M_MONTH, M_RECEIVED, M_DONE, M_IN_TIME, M_DAYS, M_GOOD, M_BAD, NM };

#define COUNT_COL(h, s)                                                                            \
	{                                                                                          \
		.header = h, .type = IMPORT_INT, .required = true, .has_min = true, .min = 0,      \
		.max = 100000000, .rule = "0或正整数", .sample = s                                 \
	}

static const struct import_column case_cols[NM] = {
    [M_CODE] = {.header = "事项编码",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .upper = true,
                .max = 64,
                .rule = "该开发区已承接或代办中的事项",
                .sample = "3704210001"},
    [M_ZONE] = {.header = "开发区",
                .type = IMPORT_TEXT,
                .required = true,
                .key = true,
                .max = 100,
                .rule = "开发区的名称或别名",
                .sample = "抚顺经济开发区（示例）"},
    [M_MONTH] =
        {.header = "月份",
         .type = IMPORT_MONTH,
         .required = true,
         .key = true,
         .rule =
             "YYYY-MM（或 2025/3、2025年3月），从该事项生效的月份到本月，已填报的月份请在页面修改",
         .sample = "2025-03"},
    [M_RECEIVED] = COUNT_COL("受理件数", "10"),
    [M_DONE] = COUNT_COL("办结件数", "8"),
    [M_IN_TIME] = COUNT_COL("按时办结件数", "7"),
    [M_DAYS] = {.header = "平均办理时长（工作日）",
                .type = IMPORT_DEC2,
                .required = true,
                .has_min = true,
                .min = 0,
                .max = POWER_MAX_DAYS * 100,
                .rule = "办结件的平均工作日，最多两位小数；没有办结件填0",
                .sample = "6.50"},
    [M_GOOD] = COUNT_COL("好评数", "6"),
    [M_BAD] = COUNT_COL("差评数", "1"),
};

struct month_key {
	int64_t delegation_id;
	int64_t month;
};

struct case_state {
	int64_t org_id;
	int64_t this_month;
	struct store_delegation_key *keys; /* sorted by power code, then zone name */
	int nkeys;
	struct store_org *zones;
	int nzones;
	struct month_key *months; /* recorded, sorted */
	int nmonths;
	struct store_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
};

static int by_key(const void *a, const void *b)
{
	const struct store_delegation_key *x = a, *y = b;
	int c = strcmp(x->power_code, y->power_code);

	return c ? c : (x->zone_org_id > y->zone_org_id) - (x->zone_org_id < y->zone_org_id);
}

static int by_month(const void *a, const void *b)
{
	const struct month_key *x = a, *y = b;

	if (x->delegation_id != y->delegation_id)
		return (x->delegation_id > y->delegation_id) -
		       (x->delegation_id < y->delegation_id);
	return (x->month > y->month) - (x->month < y->month);
}

static int case_prepare(struct import_run *r)
{
	struct store_org_filter of = {.type = "zone"};
	struct case_state *st = arena_zalloc(r->a, sizeof(*st));
	struct store_case_month *ms;
	int rc, n, keep = 0;

	r->state = st;
	st->org_id = r->who->org_id;
	st->this_month = workday_month(plan_today(r->now));
	if ((rc = store_org_list(r->s, r->a, &of, &st->zones, &st->nzones)) != KFQ_OK ||
	    (rc = store_delegation_keys(r->s, r->a, &st->keys, &st->nkeys)) != KFQ_OK)
		return rc;
	/* only the importer's delegations: as the zone, or as the delegating department */
	for (int i = 0; i < st->nkeys; i++)
		if (st->keys[i].zone_org_id == st->org_id || st->keys[i].dept_org_id == st->org_id)
			st->keys[keep++] = st->keys[i];
	st->nkeys = keep;
	sort(st->keys, st->nkeys, sizeof(*st->keys), by_key);
	if ((rc = store_case_month_keys(r->s, r->a, st->org_id, &ms, &n)) != KFQ_OK)
		return rc;
	st->months = arena_alloc(r->a, sizeof(*st->months) * ((size_t)n + 1));
	for (int k = 0; k < n; k++)
		st->months[st->nmonths++] =
		    (struct month_key){ms[k].delegation_id, power_month(ms[k].month)};
	sort(st->months, st->nmonths, sizeof(*st->months), by_month);
	return KFQ_OK;
}

static const struct store_org *find_zone(const struct case_state *st, const char *name)
{
	return import_org_named(st->zones, st->nzones, name);
}

/* The importer's delegation of the row, or NULL. */
static const struct store_delegation_key *find_key(const struct case_state *st,
                                                   const struct import_value *v)
{
	const struct store_org *z = find_zone(st, v[M_ZONE].text);
	struct store_delegation_key key = {.power_code = v[M_CODE].text};

	if (!z)
		return NULL;
	key.zone_org_id = z->id;
	return find(&key, st->keys, st->nkeys, sizeof(key), by_key);
}

/* a row's key with its zone as the zone, whatever name or alias it gives */
static const char *case_key(struct import_run *r, const struct import_value *v, struct arena *a)
{
	const struct store_org *z = v[M_ZONE].present ? find_zone(r->state, v[M_ZONE].text) : NULL;

	return z ? import_row_key_as(case_cols, NM, v, M_ZONE, z->id, a) : NULL;
}

static void case_check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct case_state *st = r->state;
	const struct store_delegation_key *k;
	struct power_month_figures f = {v[M_RECEIVED].num, v[M_DONE].num, v[M_IN_TIME].num,
	                                v[M_DAYS].num,     v[M_GOOD].num, v[M_BAD].num};
	const char *field, *message, *why;
	int64_t month;
	bool state;

	if (v[M_ZONE].present && !find_zone(st, v[M_ZONE].text)) {
		import_run_problem(r, row, case_cols[M_ZONE].header, "找不到开发区“%s”",
		                   v[M_ZONE].text);
		return;
	}
	if (!v[M_CODE].present || !v[M_ZONE].present)
		return;
	if (!(k = find_key(st, v))) {
		import_run_problem(r, row, case_cols[M_CODE].header,
		                   "事项“%s”不在本单位可填报的“%s”清单中", v[M_CODE].text,
		                   v[M_ZONE].text);
		return;
	}
	/* the page's rules (DECISIONS 323): a power in use, a month from its 生效日期's on */
	month = v[M_MONTH].present ? power_month(v[M_MONTH].text) : -1;
	why = power_month_refusal(k->status, k->effective_from, month >= 0 ? month : st->this_month,
	                          st->this_month, r->a, &state);
	if (why && state) /* "该事项已收回…" as "事项“code”已收回…" */
		import_run_problem(
		    r, row, case_cols[M_CODE].header, "事项“%s”%s", v[M_CODE].text,
		    strncmp(why, "该事项", strlen("该事项")) ? why : why + strlen("该事项"));
	if (month >= 0 && !state) {
		struct month_key mk = {k->id, month};
		if (why)
			import_run_problem(r, row, case_cols[M_MONTH].header, "%s", why);
		else if (find(&mk, st->months, st->nmonths, sizeof(mk), by_month))
			import_run_problem(r, row, case_cols[M_MONTH].header,
			                   "%s的数据已填报，请在页面上修改", v[M_MONTH].text);
	}
	for (int c = M_RECEIVED; c <= M_BAD; c++)
		if (!v[c].present)
			return;
	if (power_month_check(&f, &field, &message) != 0)
		import_run_problem(r, row, NULL, "%s", message);
}

static int case_write_begin(struct import_run *r)
{
	struct case_state *st = r->state;

	int rc = store_bulk_begin(r->s, &store_case_month_bulk, &st->bulk);

	return import_run_writer(r, rc, &import_store_bulk, st->bulk);
}

static int case_write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct case_state *st = r->state;
	const struct store_delegation_key *k = find_key(st, v);
	struct store_case_month m = {
	    .delegation_id = k->id,
	    .month = v[M_MONTH].text,
	    .f = {v[M_RECEIVED].num, v[M_DONE].num, v[M_IN_TIME].num, v[M_DAYS].num, v[M_GOOD].num,
	          v[M_BAD].num},
	};

	(void)row;
	return store_case_month_bulk_row(st->bulk, &m);
}

/* The months' running sums (store_power.h) follow the rows the run's writer has just ended. */
static int case_write_end(struct import_run *r)
{
	const struct case_state *st = r->state;

	return store_case_run_refresh(r->s, st->org_id);
}

const struct import_kind import_power_cases = {
    .name = "power_cases",
    .title = "赋权事项办件数据",
    .perm = PERM_POWER_WRITE,
    .cols = case_cols,
    .ncols = NM,
    .max_rows = CASES_MAX_ROWS,
    .prepare = case_prepare,
    .check = case_check,
    .row_key = case_key,
    .write_begin = case_write_begin,
    .write_row = case_write_row,
    .write_end = case_write_end,
};
