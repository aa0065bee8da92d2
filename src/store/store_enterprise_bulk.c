/* store_enterprise_bulk.c - what the enterprise and tax imports write and read in SQL: the
 * registry's codes, the bulk insert of new enterprises, and the bulk upsert of tax records.
 * A tax import may correct rows already there, which COPY cannot do: on PostgreSQL, when the
 * file's years already have rows, the rows go by COPY into a temporary table dropped at commit
 * and one INSERT ... SELECT ... ON CONFLICT moves them; when they have none (a year's figures
 * arriving, the million-row case) COPY writes them straight into tax_record. On SQLite the
 * prepared upsert is stepped per row. Must not decide which rows are valid
 * (app/import_enterprises.c, app/import_taxes.c). */
#include "store/store_enterprise.h"
#include "store/store_impl.h"

#include "util/log.h"

#include <stdlib.h>
#include <string.h>

const struct store_bulk_spec store_enterprise_bulk = {
    .copy_sql = "COPY enterprise (uscc, name, zone_id, address, industry_code, scale, "
                "registered_on, attracted, contract_on, settled_on, production_on, created_at, "
                "updated_at) FROM STDIN",
    .insert_sql = "INSERT INTO enterprise (uscc, name, zone_id, address, industry_code, scale, "
                  "registered_on, attracted, contract_on, settled_on, production_on, created_at, "
                  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    .ncols = 13,
};

/* PostgreSQL stages the rows or copies them straight in; SQLite upserts them one by one */
static const struct store_bulk_spec tax_direct = {
    .copy_sql = "COPY tax_record (enterprise_id, year, tax_type, amount_fen) FROM STDIN",
    .ncols = 4,
};
static const struct store_bulk_spec tax_spec = {
    .copy_sql = "COPY tax_stage (enterprise_id, year, tax_type, amount_fen) FROM STDIN",
    .insert_sql = "INSERT INTO tax_record (enterprise_id, year, tax_type, amount_fen) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (year, enterprise_id, tax_type) "
                  "DO UPDATE SET amount_fen = excluded.amount_fen",
    .ncols = 4,
};
static const char sql_stage[] =
    "CREATE TEMPORARY TABLE tax_stage (enterprise_id BIGINT NOT NULL, year INTEGER NOT NULL, "
    "tax_type TEXT NOT NULL, amount_fen BIGINT NOT NULL) ON COMMIT DROP";
static const char sql_merge[] =
    "INSERT INTO tax_record (enterprise_id, year, tax_type, amount_fen) "
    "SELECT enterprise_id, year, tax_type, amount_fen FROM tax_stage "
    "ON CONFLICT (year, enterprise_id, tax_type) DO UPDATE SET amount_fen = excluded.amount_fen";
static const char sql_unstage[] = "DROP TABLE tax_stage";
static const char sql_year_used[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM tax_record WHERE year = ?1 "
    "LIMIT 1) x";

static const char sql_keys[] = "SELECT uscc, id, zone_id FROM enterprise";

int store_enterprise_bulk_row(struct store_bulk *b, const struct store_enterprise *e,
                              const char *now)
{
	store_bulk_text(b, e->uscc);
	store_bulk_text(b, e->name);
	store_bulk_int(b, e->zone_id);
	store_bulk_text(b, e->address ? e->address : "");
	store_bulk_text(b, e->industry_code);
	store_bulk_text(b, e->scale);
	store_bulk_text(b, e->registered_on);
	store_bulk_int(b, e->attracted);
	store_bulk_text(b, e->contract_on);
	store_bulk_text(b, e->settled_on);
	store_bulk_text(b, e->production_on);
	store_bulk_text(b, now);
	store_bulk_text(b, now);
	return store_bulk_row(b);
}

static int by_uscc(const void *x, const void *y)
{
	return strcmp(((const struct store_enterprise_key *)x)->uscc,
	              ((const struct store_enterprise_key *)y)->uscc);
}

int store_enterprise_keys(struct store *s, struct arena *a, struct store_enterprise_key **out,
                          int *n)
{
	struct store_enterprise_key *keys = NULL;
	struct store_stmt *st;
	int rc, cap = 0;

	*n = 0;
	if ((rc = store_prepare(s, sql_keys, &st)) != KFQ_OK)
		return rc;
	store_stream(st);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			keys = arena_grow(a, keys, sizeof(*keys), &cap);
		keys[*n].uscc = store_col_dup(st, 0, a);
		keys[*n].id = store_col_int(st, 1);
		keys[*n].zone_id = store_col_int(st, 2);
		(*n)++;
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	/* byte order for bsearch, whatever the database's collation */
	if (*n)
		qsort(keys, (size_t)*n, sizeof(*keys), by_uscc);
	*out = keys;
	return KFQ_OK;
}

const struct store_enterprise_key *
store_enterprise_key_find(const struct store_enterprise_key *keys, int n, const char *uscc)
{
	struct store_enterprise_key k = {.uscc = uscc};

	if (n == 0)
		return NULL;
	return bsearch(&k, keys, (size_t)n, sizeof(*keys), by_uscc);
}

struct store_tax_bulk {
	struct store *s;
	struct store_bulk *b;
	bool staged;
};

/* whether tax_record has a row of any of the years */
static int years_used(struct store *s, const int *years, int nyears, bool *used)
{
	struct store_stmt *st;
	int64_t n = 0;
	int rc;

	*used = false;
	if ((rc = store_prepare(s, sql_year_used, &st)) != KFQ_OK)
		return rc;
	for (int i = 0; rc == KFQ_OK && !*used && i < nyears; i++) {
		store_bind_int(st, 1, years[i]);
		rc = store_row(st, NULL, store_read_int, &n);
		*used = n > 0;
	}
	return rc;
}

int store_tax_bulk_begin(struct store *s, const int *years, int nyears, struct store_tax_bulk **out)
{
	struct store_tax_bulk *t = xcalloc(1, sizeof(*t));
	const struct store_bulk_spec *spec = &tax_spec;
	int rc = KFQ_OK;

	t->s = s;
	if (store_kind(s) == STORE_PG) {
		rc = years_used(s, years, nyears, &t->staged);
		if (rc == KFQ_OK && t->staged)
			rc = store_exec(s, sql_stage);
		else
			spec = &tax_direct;
	}
	if (rc == KFQ_OK)
		rc = store_bulk_begin(s, spec, &t->b);
	if (rc != KFQ_OK) {
		free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

int store_tax_bulk_row(struct store_tax_bulk *t, int64_t enterprise_id, int year,
                       const char *tax_type, int64_t fen)
{
	store_bulk_int(t->b, enterprise_id);
	store_bulk_int(t->b, year);
	store_bulk_text(t->b, tax_type);
	store_bulk_int(t->b, fen);
	return store_bulk_row(t->b);
}

int store_tax_bulk_end(struct store_tax_bulk *t, int64_t *rows)
{
	int rc = store_bulk_end(t->b, rows);

	if (rc == KFQ_OK && t->staged) {
		rc = store_exec(t->s, sql_merge);
		/* a second import in the same transaction stages again */
		if (rc == KFQ_OK)
			rc = store_exec(t->s, sql_unstage);
	}
	free(t);
	return rc;
}

void store_tax_bulk_abort(struct store_tax_bulk *t)
{
	store_bulk_abort(t->b);
	free(t);
}
