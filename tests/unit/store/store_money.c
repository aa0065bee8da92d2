/* Tests the money module's store on SQLite and PostgreSQL alike (run with "sqlite" or "pg"):
 * the registry (audited creation, a code taken, a non-zone refused, the imports' codes in byte
 * order), the imports' bulk writes (new enterprises; tax copied straight in for a year without
 * any, then corrected through the upsert: replaced, added, others kept), and statements saved
 * by the versioning rule (first, unchanged, a draft replaced with its lines, confirmed then
 * frozen in SQL, a new version beside it, lines naming no statement refused); the audit chain
 * verifies at the end. */
#include "testdb.h"

#include "store/store_enterprise.h"
#include "store/store_org.h"
#include "store/store_revshare.h"
#include "util/jsonw.h"

#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

/* The audit records' shapes: small ones of the test's own (the store takes the caller's). */
static void enterprise_shape(struct jsonw *w, const struct store_enterprise *e)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "uscc", e->uscc);
	jsonw_obj_close(w);
}

static void tax_shape(struct jsonw *w, int64_t enterprise_id, const struct store_tax_year *y)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "enterprise_id", enterprise_id);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}

static void year_shape(struct jsonw *w, const struct store_revshare_year *y)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

static void statement_shape(struct jsonw *w, const struct store_revshare_statement *st)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "digest", st->digest);
	jsonw_kint(w, "returned_fen", st->returned_fen);
	jsonw_kstr(w, "status", st->status);
	jsonw_kint(w, "version", st->version);
	jsonw_obj_close(w);
}

static const struct store_enterprise_json ent_json = {.enterprise = enterprise_shape,
                                                      .tax_year = tax_shape};
static const struct store_org_json org_json = {.org = org_shape};
static const struct store_revshare_json rs_json = {.year = year_shape,
                                                   .statement = statement_shape};

/* made by the first test */
static int64_t zone, other_zone, dept, first_id;

/* GB 32100-2015 codes (check characters computed by core/uscc.c's rule) */
static const char code_a[] = "91210400MA0U00000J";
static const char code_b[] = "91210400MA0U00001M";
static const char code_c[] = "91210400MA0U00002Q";

static int64_t make_org(struct store *s, const char *name, const char *type)
{
	struct store_org o = {0};
	const char *taken = NULL;

	o.name = name;
	o.type = type;
	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	assert_int_equal(store_org_create(s, &cli, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static struct store_enterprise enterprise(const char *uscc, int64_t zone_id)
{
	return (struct store_enterprise){.uscc = uscc,
	                                 .name = "示例企业",
	                                 .zone_id = zone_id,
	                                 .address = "",
	                                 .industry_code = "3011",
	                                 .scale = "above",
	                                 .registered_on = "2020-01-01",
	                                 .attracted = true};
}

static void test_registry(void **state)
{
	struct store *s = *state;
	struct store_enterprise e;
	struct store_enterprise_key *keys;
	struct arena a;
	int64_t existing = 0, before;
	int n;

	arena_init(&a);
	zone = make_org(s, "抚顺经济开发区", "zone");
	other_zone = make_org(s, "抚顺高新技术产业开发区", "zone");
	dept = make_org(s, "市财政局", "city_department");

	before = testdb_audit_count(s);
	e = enterprise(code_b, zone);
	assert_int_equal(store_enterprise_create(s, &cli, &ent_json, &e, &existing), KFQ_OK);
	first_id = e.id;
	assert_int_equal(testdb_audit_count(s), before + 1);
	/* the code taken: the holder named, nothing written */
	e = enterprise(code_b, other_zone);
	assert_int_equal(store_enterprise_create(s, &cli, &ent_json, &e, &existing), KFQ_ECONFLICT);
	assert_int_equal(existing, first_id);
	e = enterprise(code_a, dept);
	assert_int_equal(store_enterprise_create(s, &cli, &ent_json, &e, &existing),
	                 KFQ_ECONSTRAINT);
	assert_int_equal(testdb_audit_count(s), before + 1);

	assert_int_equal(store_enterprise_keys(s, &a, &keys, &n), KFQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0].uscc, code_b);
	assert_int_equal(keys[0].zone_id, zone);
	assert_non_null(store_enterprise_key_find(keys, n, code_b));
	assert_null(store_enterprise_key_find(keys, n, code_a));
	arena_release(&a);
}

static void test_enterprise_bulk(void **state)
{
	struct store *s = *state;
	struct store_enterprise_key *keys;
	struct store_bulk *b;
	struct store_enterprise e;
	struct arena a;
	int64_t rows = 0;
	int n;

	arena_init(&a);
	assert_int_equal(store_begin(s), KFQ_OK);
	assert_int_equal(store_bulk_begin(s, &store_enterprise_bulk, &b), KFQ_OK);
	e = enterprise(code_c, other_zone);
	e.address = "路\t1号\\2"; /* COPY's text format escapes both */
	assert_int_equal(store_enterprise_bulk_row(b, &e, "2026-01-01T00:00:00Z"), KFQ_OK);
	e = enterprise(code_a, zone);
	e.attracted = false;
	assert_int_equal(store_enterprise_bulk_row(b, &e, "2026-01-01T00:00:00Z"), KFQ_OK);
	assert_int_equal(store_bulk_end(b, &rows), KFQ_OK);
	assert_int_equal(store_commit(s), KFQ_OK);
	assert_int_equal(rows, 2);

	/* byte order: A < B < C */
	assert_int_equal(store_enterprise_keys(s, &a, &keys, &n), KFQ_OK);
	assert_int_equal(n, 3);
	assert_string_equal(keys[0].uscc, code_a);
	assert_string_equal(keys[1].uscc, code_b);
	assert_string_equal(keys[2].uscc, code_c);
	assert_int_equal(store_enterprise_get(s, &a, keys[2].id, &e), KFQ_OK);
	assert_string_equal(e.address, "路\t1号\\2");
	assert_string_equal(e.zone_name, "抚顺高新技术产业开发区");
	arena_release(&a);
}

struct tax_row {
	int64_t enterprise_id;
	int year;
	const char *type;
	int64_t fen;
};

/* one bulk write inside the caller's transaction */
static void bulk_taxes(struct store *s, const int *years, int nyears, const struct tax_row *r,
                       int n)
{
	struct store_tax_bulk *t;
	int64_t rows = 0;

	assert_int_equal(store_tax_bulk_begin(s, years, nyears, &t), KFQ_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(
		    store_tax_bulk_row(t, r[i].enterprise_id, r[i].year, r[i].type, r[i].fen),
		    KFQ_OK);
	assert_int_equal(store_tax_bulk_end(t, &rows), KFQ_OK);
	assert_int_equal(rows, n);
}

static void write_taxes(struct store *s, const int *years, int nyears, const struct tax_row *r,
                        int n)
{
	assert_int_equal(store_begin(s), KFQ_OK);
	bulk_taxes(s, years, nyears, r, n);
	assert_int_equal(store_commit(s), KFQ_OK);
}

static void test_tax_bulk(void **state)
{
	struct store *s = *state;
	struct store_tax_year *y;
	struct arena a;
	int n;
	static const int y2025[] = {2025}, both[] = {2024, 2025};
	const struct tax_row fresh[] = {
	    {first_id, 2025, "vat", 120000},
	    {first_id, 2025, "cit", 30000},
	    {first_id, 2025, "property", -1050},
	};
	const struct tax_row corrected[] = {
	    {first_id, 2025, "vat", 125000}, /* replaces 120000 */
	    {first_id, 2024, "vat", 100000}, /* a year without any */
	    {first_id, 2025, "iit", 7},      /* a type not there yet */
	};

	arena_init(&a);
	/* 2025 has no tax yet: PostgreSQL copies the rows straight in */
	write_taxes(s, y2025, 1, fresh, 3);
	/* 2025 has: PostgreSQL stages them and upserts */
	write_taxes(s, both, 2, corrected, 3);
	/* twice in one transaction: the staging table is made again */
	assert_int_equal(store_begin(s), KFQ_OK);
	bulk_taxes(s, y2025, 1, corrected, 1);
	bulk_taxes(s, y2025, 1, corrected + 2, 1);
	assert_int_equal(store_commit(s), KFQ_OK);

	assert_int_equal(store_tax_years(s, &a, first_id, &y, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(y[0].year, 2024);
	assert_true(y[0].present[TAX_VAT]);
	assert_int_equal(y[0].fen[TAX_VAT], 100000);
	assert_false(y[0].present[TAX_CIT]);
	assert_int_equal(y[1].year, 2025);
	assert_int_equal(y[1].fen[TAX_VAT], 125000);
	assert_int_equal(y[1].fen[TAX_CIT], 30000);
	assert_int_equal(y[1].fen[TAX_PROPERTY], -1050);
	assert_int_equal(y[1].fen[TAX_IIT], 7);
	arena_release(&a);
}

/* a zone's statement as a computation would hand it over */
static struct store_revshare_new statement(const char *digest, int64_t returned,
                                           const struct store_revshare_line *lines, int n)
{
	struct store_revshare_new z = {0};

	z.st.zone_id = zone;
	z.st.year = 2025;
	z.st.base_year = 2024;
	z.st.ratio_bp = 5000;
	z.st.shares = "vat 2500 2500\n";
	z.st.local_e4 = 312500000;
	z.st.base_e4 = 250000000;
	z.st.increment_e4 = 62500000;
	z.st.counted_e4 = 62500000;
	z.st.returned_fen = returned;
	z.st.n_lines = n;
	z.st.digest = digest;
	z.st.computed_at = "2026-01-05T08:00:00Z";
	z.lines = lines;
	return z;
}

static void test_statements(void **state)
{
	struct store *s = *state;
	struct store_revshare_line lines[2] = {
	    {1, first_id, code_b, "示例企业", 2020, 10000, true, 312500000, 250000000, 62500000,
	     "vat 125000 100000\n"},
	    /* COPY's escapes: a name as odd as a registry could hold */
	    {2, first_id, code_b, "示例\t企业\\分\r\n公司", 2020, 10000, true, 1, 0, 1,
	     "vat 1 0\n"},
	};
	struct store_revshare_statement st;
	struct store_revshare_line *got;
	struct store_revshare_new z;
	struct arena a;
	int64_t total, before, v1;
	int n;

	arena_init(&a);
	before = testdb_audit_count(s);
	z = statement("d1", 3125, lines, 2);
	assert_int_equal(store_revshare_save(s, &cli, &rs_json, &z, 1), KFQ_OK);
	assert_int_equal(z.action, REVSHARE_FIRST);
	assert_int_equal(z.st.version, 1);
	v1 = z.st.id;
	assert_int_equal(testdb_audit_count(s), before + 1);

	/* the same digest: nothing written */
	z = statement("d1", 3125, lines, 2);
	assert_int_equal(store_revshare_save(s, &cli, &rs_json, &z, 1), KFQ_OK);
	assert_int_equal(z.action, REVSHARE_SAME);
	assert_int_equal(testdb_audit_count(s), before + 1);

	/* a draft is replaced in place, its lines with it */
	z = statement("d2", 3126, lines, 1);
	assert_int_equal(store_revshare_save(s, &cli, &rs_json, &z, 1), KFQ_OK);
	assert_int_equal(z.action, REVSHARE_REPLACE_DRAFT);
	assert_int_equal(z.st.id, v1);
	assert_int_equal(store_revshare_lines(s, &a, v1, NULL, 0, 0, &got, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_string_equal(got[0].taxes, "vat 125000 100000\n");

	assert_int_equal(store_revshare_confirm(s, &cli, &rs_json, v1), KFQ_OK);
	assert_int_equal(store_revshare_confirm(s, &cli, &rs_json, v1), KFQ_ECONFLICT);
	/* frozen in SQL too */
	assert_int_not_equal(
	    store_exec(s,
	               "UPDATE revshare_statement SET returned_fen = 1 WHERE status = 'confirmed'"),
	    KFQ_OK);
	assert_int_not_equal(store_exec(s, "DELETE FROM revshare_line"), KFQ_OK);
	assert_int_not_equal(store_exec(s, "UPDATE revshare_line SET name = 'x'"), KFQ_OK);

	/* a difference now is a new version beside it */
	z = statement("d3", 3127, lines, 2);
	assert_int_equal(store_revshare_save(s, &cli, &rs_json, &z, 1), KFQ_OK);
	assert_int_equal(z.action, REVSHARE_NEW_VERSION);
	assert_int_equal(z.st.version, 2);
	assert_int_not_equal(z.st.id, v1);
	assert_int_equal(store_revshare_get(s, &a, v1, &st), KFQ_OK);
	assert_string_equal(st.status, "confirmed");
	assert_int_equal(st.returned_fen, 3126);
	assert_int_equal(store_revshare_lines(s, &a, z.st.id, NULL, 0, 0, &got, &n, &total),
	                 KFQ_OK);
	assert_int_equal(total, 2);
	assert_string_equal(got[1].name, "示例\t企业\\分\r\n公司");
	assert_string_equal(got[1].taxes, "vat 1 0\n");
	assert_int_equal(store_revshare_get(s, &a, z.st.id, &st), KFQ_OK);
	assert_string_equal(st.status, "draft");

	/* a line names a statement that exists, and a statement keeps its lines: the foreign key
	 * on SQLite, the triggers on PostgreSQL (migration 0074) */
	assert_int_equal(
	    store_exec(s, "INSERT INTO revshare_line (statement_id, seq, enterprise_id, uscc, "
	                  "name, arrival_year, share_bp, base_counted, local_e4, base_e4, "
	                  "increment_e4, taxes) VALUES (999999, 1, 1, 'x', 'x', 2020, 10000, 1, 0, "
	                  "0, 0, '')"),
	    KFQ_ECONSTRAINT);
	assert_int_equal(store_exec(s, "DELETE FROM revshare_statement WHERE status = 'draft'"),
	                 KFQ_ECONSTRAINT);
	assert_int_equal(store_revshare_lines(s, &a, z.st.id, NULL, 0, 0, &got, &n, &total),
	                 KFQ_OK);
	assert_int_equal(total, 2);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registry),     cmocka_unit_test(test_enterprise_bulk),
	    cmocka_unit_test(test_tax_bulk),     cmocka_unit_test(test_statements),
	    cmocka_unit_test(testdb_test_chain),
	};
	return testdb_main(argc, argv, "store_money", tests, sizeof(tests) / sizeof(tests[0]));
}
