/* import_taxes.c - the tax records import: one amount per row, by enterprise (统一社会信用代码),
 * year and tax type (code or Chinese name), in yuan to the fen; refunds may make it negative.
 * A row sets that amount, replacing one already recorded: a corrected file is imported as it
 * is, and computing the year again makes new statement versions beside any confirmed ones
 * (app/revshare_run.c). The enterprise must be registered and in the importer's scope; the
 * importer's organization must hold the capability that manages revenue sharing, as entering
 * tax on an enterprise's page does. Must not write SQL (store/). */
#include "app/enterprise_scope.h"
#include "app/import.h"

#include "core/account.h"
#include "core/capability.h"
#include "core/money.h"
#include "core/tax_type.h"
#include "store/store_enterprise.h"
#include "util/log.h"

#include <string.h>

#define TAXES_MAX_ROWS 2000000 /* a city's enterprises × tax types × years, with room */
/* a million rows are about 60 MB as CSV: the largest import kfq takes over HTTP */
#define TAXES_MAX_BYTES IMPORT_FILE_MAX_ANY
#define TAX_YEAR_MIN    2000
#define TAX_YEAR_MAX    2100

enum { C_USCC, C_NAME, C_YEAR, C_TYPE, C_AMOUNT, NCOLS };

static const struct import_column cols[NCOLS] = {
    [C_USCC] = {.header = "统一社会信用代码",
                .type = IMPORT_CODE,
                .required = true,
                .key = true,
                .max = 32,
                .rule = "已在企业名录中登记、在你的数据范围内的企业",
                .sample = "91210400MA0U00000J"},
    [C_NAME] = {.header = "企业名称",
                .type = IMPORT_TEXT,
                .rule = "便于核对，导入时不读取",
                .sample = "抚顺示例新材料有限公司"},
    [C_YEAR] = {.header = "年度",
                .type = IMPORT_INT,
                .required = true,
                .key = true,
                .min = TAX_YEAR_MIN,
                .has_min = true,
                .max = TAX_YEAR_MAX,
                .rule = "税款所属年度",
                .sample = "2025"},
    [C_TYPE] = {.header = "税种",
                .type = IMPORT_ENUM,
                .required = true,
                .key = true,
                .options = &enum_tax_type,
                .rule = "税种名称，如增值税、企业所得税",
                .sample = "增值税"},
    [C_AMOUNT] = {.header = "税额（元）",
                  .type = IMPORT_AMOUNT,
                  .required = true,
                  .min = -MONEY_AMOUNT_MAX,
                  .has_min = true,
                  .max = MONEY_AMOUNT_MAX,
                  .rule = "该年度该税种的入库税额，精确到分；退税多于入库时可为负数。"
                          "已有的同年度同税种税额将被替换",
                  .sample = "1234567.89"},
};

struct state {
	struct store_enterprise_key *keys; /* the registry, by code */
	int nkeys;
	struct enterprise_scope scope;
	int years[TAX_YEAR_MAX - TAX_YEAR_MIN + 1]; /* the years the file holds (first pass) */
	int nyears;
	struct store_tax_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
};

static int prepare(struct import_run *r)
{
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	const struct state *first = r->state;
	int rc;

	/* the second pass writes the years the first found (the same file) */
	if (r->writing && first) {
		memcpy(st->years, first->years, sizeof(st->years));
		st->nyears = first->nyears;
	}
	r->state = st;
	if ((rc = enterprise_scope_load(r->s, r->a, r->who, &st->scope)) != KFQ_OK)
		return rc;
	if (!st->scope.manage)
		import_run_problem(
		    r, 0, NULL, "本单位没有“%s”的职能授权，不能导入税收数据，请联系工作专班办公室",
		    capability_get(CAP_CONFIRM_REVENUE)->label);
	return store_enterprise_keys(r->s, r->a, &st->keys, &st->nkeys);
}

/* the enterprise of a row, when registered and in scope */
static const struct store_enterprise_key *enterprise_of(const struct state *st,
                                                        const struct import_value *v)
{
	const struct store_enterprise_key *k =
	    store_enterprise_key_find(st->keys, st->nkeys, v[C_USCC].text);

	return k && enterprise_scope_covers(&st->scope, k->zone_id) ? k : NULL;
}

static void note_year(struct state *st, int year)
{
	for (int i = 0; i < st->nyears; i++)
		if (st->years[i] == year)
			return;
	st->years[st->nyears++] = year;
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;

	if (!r->writing && v[C_YEAR].present)
		note_year(st, (int)v[C_YEAR].num);

	/* out of scope reads as unregistered: the importer is not told of others' enterprises */
	if (v[C_USCC].present && !enterprise_of(st, v))
		import_run_problem(r, row, cols[C_USCC].header,
		                   "统一社会信用代码%s不在企业名录中（或不在你的数据范围内），"
		                   "请先登记企业",
		                   v[C_USCC].text);
}

static int writer_end(void *w)
{
	return store_tax_bulk_end(w, NULL);
}

static void writer_abort(void *w)
{
	store_tax_bulk_abort(w);
}

static const struct import_writer tax_writer = {.end = writer_end, .abort = writer_abort};

static int write_begin(struct import_run *r)
{
	struct state *st = r->state;

	int rc = store_tax_bulk_begin(r->s, st->years, st->nyears, &st->bulk);

	return import_run_writer(r, rc, &tax_writer, st->bulk);
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;

	(void)row;
	return store_tax_bulk_row(st->bulk, enterprise_of(st, v)->id, (int)v[C_YEAR].num,
	                          v[C_TYPE].text, v[C_AMOUNT].num);
}

const struct import_kind import_taxes = {
    .replaces = true,
    .name = "taxes",
    .title = "税收数据",
    .perm = PERM_REVSHARE_MANAGE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = TAXES_MAX_ROWS,
    .max_bytes = TAXES_MAX_BYTES,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
};
