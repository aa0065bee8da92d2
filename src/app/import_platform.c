/* import_platform.c - platform companies' yearly figures from .xlsx/CSV (art. 13): one row per
 * company and year (统一社会信用代码, 年度, then the balance-sheet figures in yuan). kfq's own
 * template: there is no published layout. A row replaces that company's figures of that year;
 * the company must be registered and within what the importer keeps (its own zone, or every zone
 * for an organization holding supervise_platform, as on the page). A company's year whose worst
 * level the file raises past normal is told as the form tells it (core platform_risk_item), after
 * the batch's audit record in the import's transaction. Must not write SQL (store/). */
#include "app/import.h"

#include "app/enterprise_scope.h"
#include "core/capability.h"
#include "core/money.h"
#include "core/plan.h"
#include "core/platform.h"
#include "core/uscc.h"
#include "store/store_capability.h"
#include "store/store_inbox.h"
#include "store/store_platform.h"
#include "util/log.h"
#include "store/store_user.h"

#include <stdlib.h>
#include <string.h>

#define SHEET_MAX_ROWS 10000 /* a city has tens of platform companies, a row a year each */

enum {
	C_USCC,
	C_YEAR,
	C_ASSETS,
	C_LIAB,
	C_INTEREST,
	C_CUR_ASSETS,
	C_CUR_LIAB,
	C_GUARANTEES,
	C_REVENUE,
	C_PROFIT,
	NCOLS
};

static const char *check_uscc(const struct import_value *v, struct arena *a)
{
	struct uscc_problem p;
	char out[USCC_LEN + 1];

	/* the message may be in p's own buffer: copied before p goes */
	return uscc_parse(v->text, strlen(v->text), out, &p) == 0 ? NULL
	                                                          : arena_strdup(a, p.message);
}

#define AMOUNT(h, r, s)                                                                            \
	{                                                                                          \
		.header = h, .type = IMPORT_AMOUNT, .required = true, .min = 0, .has_min = true,   \
		.max = MONEY_AMOUNT_MAX, .rule = r, .sample = s                                    \
	}

static const struct import_column cols[NCOLS] = {
    [C_USCC] = {.header = "统一社会信用代码",
                .type = IMPORT_CODE,
                .required = true,
                .key = true,
                .max = 18,
                .rule = "平台公司的统一社会信用代码，须已登记为平台公司",
                .sample = "91210400MA0QC0XK2Y",
                .check = check_uscc},
    [C_YEAR] = {.header = "年度",
                .type = IMPORT_INT,
                .required = true,
                .key = true,
                .min = PLATFORM_YEAR_MIN,
                .has_min = true,
                .max = PLATFORM_YEAR_MAX,
                .rule = "年末数所属年度；同一公司同一年度的数据整体替换",
                .sample = "2025"},
    [C_ASSETS] = AMOUNT("资产总额（元）", "元，精确到分", "1200000000.00"),
    [C_LIAB] = AMOUNT("负债总额（元）", "元，精确到分", "780000000.00"),
    [C_INTEREST] = AMOUNT("带息负债（元）", "元，精确到分；不超过负债总额", "520000000.00"),
    [C_CUR_ASSETS] = AMOUNT("流动资产（元）", "元，精确到分；不超过资产总额", "300000000.00"),
    [C_CUR_LIAB] = AMOUNT("流动负债（元）", "元，精确到分；不超过负债总额", "250000000.00"),
    [C_GUARANTEES] = AMOUNT("对外担保余额（元）", "元，精确到分；没有填0", "0"),
    [C_REVENUE] = AMOUNT("营业收入（元）", "元，精确到分", "86000000.00"),
    [C_PROFIT] = {.header = "利润总额（元）",
                  .type = IMPORT_AMOUNT,
                  .required = true,
                  .min = -MONEY_AMOUNT_MAX,
                  .has_min = true,
                  .max = MONEY_AMOUNT_MAX,
                  .rule = "元，精确到分；亏损填负数",
                  .sample = "4500000.00"},
};

/* a company's year the file raised past normal */
struct rise {
	struct store_platform_company co;
	int year;
	enum platform_level level;
};

struct state {
	struct enterprise_scope scope; /* the zones the importer sees */
	bool supervise;                /* holds supervise_platform (or the command line) */
	int64_t own_org;
	struct rise *rises; /* the second pass's, told when the batch is recorded */
	int nrises, caprises;
};

static int prepare(struct import_run *r)
{
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	struct store_user u;
	int rc;

	r->state = st;
	if ((rc = enterprise_scope_load(r->s, r->a, r->who, &st->scope)) != KFQ_OK)
		return rc;
	if (r->who->user_id == 0) { /* the command line's operator */
		st->supervise = true;
		return KFQ_OK;
	}
	if ((rc = store_user_get(r->s, r->a, r->who->user_id, &u)) != KFQ_OK)
		return rc;
	st->own_org = u.org_id;
	return store_capability_org_has(
	    r->s, u.org_id, capability_get(CAP_SUPERVISE_PLATFORM)->code, &st->supervise);
}

static void sheet_of(const struct import_value *v, struct store_platform_sheet *y)
{
	memset(y, 0, sizeof(*y));
	y->year = (int)v[C_YEAR].num;
	y->sheet.assets = v[C_ASSETS].num;
	y->sheet.liabilities = v[C_LIAB].num;
	y->sheet.interest_bearing = v[C_INTEREST].num;
	y->sheet.current_assets = v[C_CUR_ASSETS].num;
	y->sheet.current_liabilities = v[C_CUR_LIAB].num;
	y->sheet.guarantees = v[C_GUARANTEES].num;
	y->revenue_fen = v[C_REVENUE].num;
	y->profit_fen = v[C_PROFIT].num;
}

static bool all_present(const struct import_value *v)
{
	for (int i = 0; i < NCOLS; i++)
		if (!v[i].present)
			return false;
	return true;
}

/* the row's company when the importer may keep it, else NULL with a problem */
static bool find_company(struct import_run *r, int64_t row, const char *code,
                         struct store_platform_company *co)
{
	struct state *st = r->state;
	struct uscc_problem p;
	char uscc[USCC_LEN + 1];
	int rc;

	if (uscc_parse(code, strlen(code), uscc, &p) != 0)
		return false;
	rc = store_platform_by_uscc(r->s, r->a, uscc, co);
	if (rc == KFQ_OK && enterprise_scope_covers(&st->scope, co->zone_id) &&
	    (st->supervise || co->zone_id == st->own_org))
		return true;
	if (rc == KFQ_OK || rc == KFQ_ENOTFOUND)
		import_run_problem(
		    r, row, cols[C_USCC].header,
		    "统一社会信用代码为%s的平台公司未登记，或不属于本单位维护的开发区", uscc);
	else
		import_run_problem(r, row, cols[C_USCC].header, "读取平台公司失败");
	return false;
}

/* the column of a figure core/platform.c names by its form field ("/interest_bearing_fen") */
static const char *column_of(const char *field)
{
	static const struct {
		const char *field;
		int col;
	} map[] = {{"/assets_fen", C_ASSETS},
	           {"/liabilities_fen", C_LIAB},
	           {"/interest_bearing_fen", C_INTEREST},
	           {"/current_assets_fen", C_CUR_ASSETS},
	           {"/current_liabilities_fen", C_CUR_LIAB},
	           {"/guarantees_fen", C_GUARANTEES},
	           {"/revenue_fen", C_REVENUE},
	           {"/profit_fen", C_PROFIT}};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].field, field))
			return cols[map[i].col].header;
	return NULL;
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct store_platform_company co;
	struct store_platform_sheet y;
	struct platform_problem why = {0};

	char today[11];
	bool found = v[C_USCC].present && find_company(r, row, v[C_USCC].text, &co);

	plan_day_format(plan_today(r->now), today);
	if (found && v[C_YEAR].present &&
	    platform_sheet_year_check((int)v[C_YEAR].num, atoi(today), co.established_on, &why) !=
	        0)
		import_run_problem(r, row, cols[C_YEAR].header, "%s", why.message);
	if (!all_present(v))
		return;
	sheet_of(v, &y);
	if (platform_sheet_validate(&y.sheet, y.revenue_fen, y.profit_fen, &why) != 0)
		import_run_problem(r, row, column_of(why.field), "%s", why.message);
}

static int write_begin(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	struct store_platform_company co;
	struct store_platform_sheet y;
	enum platform_level rose;
	int rc;

	if (!find_company(r, row, v[C_USCC].text, &co))
		return KFQ_EINVAL;
	sheet_of(v, &y);
	if ((rc = store_platform_sheet_import(r->s, r->a, &co, &y, &rose)) != KFQ_OK ||
	    rose == PLATFORM_LEVEL_NORMAL)
		return rc;
	if (st->nrises == st->caprises)
		st->rises = arena_grow(r->a, st->rises, sizeof(*st->rises), &st->caprises);
	st->rises[st->nrises++] = (struct rise){co, y.year, rose};
	return KFQ_OK;
}

static int write_end(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

/* After the batch's audit record: one item per company and year raised, keyed by the batch (a
 * company may rise in two years of one file). */
static int finish(struct import_run *r)
{
	struct state *st = r->state;
	int rc = KFQ_OK;

	for (int i = 0; i < st->nrises && rc == KFQ_OK; i++) {
		const struct rise *x = &st->rises[i];
		struct inbox_item item;
		platform_risk_item(x->co.id, x->co.name, x->co.zone_id, x->co.zone_name, x->year,
		                   x->level, r->a, &item);
		item.dedupe_key =
		    arena_printf(r->a, "platform_risk:%lld/%d:import%lld", (long long)x->co.id,
		                 x->year, (long long)r->batch_id);
		rc = store_inbox_send(r->s, r->who, &item, NULL);
	}
	return rc;
}

const struct import_kind import_platform_sheets = {
    .replaces = true,
    .name = "platform-sheets",
    .title = "平台公司年度财务数据",
    .perm = PERM_PLATFORM_WRITE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = SHEET_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
    .write_end = write_end,
    .finish = finish,
};
