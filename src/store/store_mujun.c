/* store_mujun.c - the 亩均效益 evaluation in SQL: a year's scheme (its row and its indicators),
 * the enterprises' yearly figures, exemptions and measures, each change audited; the inputs
 * of the city's evaluation read in one pass over each table. Must not score or class anything
 * (core/mujun.c does). */
#include "store/store_mujun.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads every row of a prepared statement into an arena array. */
static int collect(struct store_stmt *st, struct arena *a, size_t size, store_reader read,
                   void **out, int *n)
{
	size_t cap = 8;
	char *arr = arena_alloc(a, cap * size);
	int rc;

	*n = 0;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if ((size_t)*n == cap) {
			char *more = arena_alloc(a, 2 * cap * size);
			memcpy(more, arr, cap * size);
			arr = more;
			cap *= 2;
		}
		memset(arr + (size_t)*n * size, 0, size);
		read(st, a, arr + (size_t)(*n)++ * size);
	}
	store_reset(st);
	*out = arr;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* ---- schemes ---- */

static const char sql_scheme_get[] =
    "SELECT method, pct_a, pct_b, pct_c, pct_d, threshold_a, threshold_b, threshold_c, "
    "below_min_mu_x100, new_years FROM mujun_scheme WHERE year = ?1";
static const char sql_indicators[] =
    "SELECT grp, code, weight, reference, cap_bp FROM mujun_indicator WHERE year = ?1";
static const char sql_scheme_put[] =
    "INSERT INTO mujun_scheme (year, method, pct_a, pct_b, pct_c, pct_d, threshold_a, "
    "threshold_b, threshold_c, below_min_mu_x100, new_years, updated_at) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (year) DO UPDATE SET method = ?2, pct_a = "
    "?3, pct_b = ?4, pct_c = ?5, pct_d = ?6, threshold_a = ?7, threshold_b = ?8, threshold_c = "
    "?9, below_min_mu_x100 = ?10, new_years = ?11, updated_at = ?12";
static const char sql_indicators_clear[] = "DELETE FROM mujun_indicator WHERE year = ?1";
static const char sql_indicator_add[] =
    "INSERT INTO mujun_indicator (year, grp, code, weight, reference, cap_bp) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6)";

static int read_indicators(struct store *s, int year, struct mujun_scheme *out)
{
	struct store_stmt *st;
	enum mujun_indicator i;
	int rc;

	memset(out->w, 0, sizeof(out->w));
	if ((rc = store_prepare(s, sql_indicators, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	while ((rc = store_step(st)) == KFQ_ROW) {
		int g = strcmp(store_col_text(st, 0), "above") ? MUJUN_BELOW : MUJUN_ABOVE;
		if (!mujun_indicator_parse(store_col_text(st, 1), &i))
			continue; /* a code this build does not know scores nothing */
		out->w[g][i].weight = (int)store_col_int(st, 2);
		out->w[g][i].reference = store_col_int(st, 3);
		out->w[g][i].cap_bp = (int)store_col_int(st, 4);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_mujun_scheme_get(struct store *s, int year, struct mujun_scheme *out, bool *stored)
{
	struct store_stmt *st;
	int rc;

	mujun_scheme_default(out);
	*stored = false;
	if ((rc = store_prepare(s, sql_scheme_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		out->method =
		    strcmp(store_col_text(st, 0), "threshold") ? MUJUN_PERCENTILE : MUJUN_THRESHOLD;
		for (int k = 0; k < MUJUN_NCLASSES; k++)
			out->pct_bp[k] = (int)store_col_int(st, 1 + k);
		for (int k = 0; k < MUJUN_NCLASSES - 1; k++)
			out->threshold_x100[k] = store_col_int(st, 5 + k);
		out->below_min_mu_x100 = store_col_int(st, 8);
		out->new_years = (int)store_col_int(st, 9);
		*stored = true;
	}
	store_reset(st);
	if (rc != KFQ_ROW)
		return rc == KFQ_DONE ? KFQ_OK : rc;
	return read_indicators(s, year, out);
}

static int write_scheme(struct store *s, struct arena *a, int64_t year, const void *json,
                        struct jsonw *w)
{
	const struct store_mujun_json *shape = json;
	struct mujun_scheme sc;
	bool stored;
	int rc;

	(void)a;
	if ((rc = store_mujun_scheme_get(s, (int)year, &sc, &stored)) == KFQ_OK)
		shape->scheme(w, (int)year, &sc);
	return rc;
}

static int put_indicators(struct store *s, int year, const struct mujun_scheme *sc)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_indicators_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	if ((rc = store_run(st)) != KFQ_OK)
		return rc;
	for (int g = 0; g < MUJUN_NGROUPS; g++)
		for (int i = 0; i < MUJUN_NINDICATORS; i++) {
			const struct mujun_weight *w = &sc->w[g][i];
			if (!w->weight)
				continue;
			if ((rc = store_prepare(s, sql_indicator_add, &st)) != KFQ_OK)
				return rc;
			store_bind_int(st, 1, year);
			store_bind_text(st, 2, mujun_group_code((enum mujun_group)g));
			store_bind_text(st, 3, mujun_indicator_code((enum mujun_indicator)i));
			store_bind_int(st, 4, w->weight);
			store_bind_int(st, 5, w->reference);
			store_bind_int(st, 6, w->cap_bp);
			if ((rc = store_run(st)) != KFQ_OK)
				return rc;
		}
	return KFQ_OK;
}

int store_mujun_scheme_set(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, int year,
                           const struct mujun_scheme *sc)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, year, write_scheme, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_scheme_put, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, year);
	store_bind_text(st, 2, sc->method == MUJUN_THRESHOLD ? "threshold" : "percentile");
	for (int k = 0; k < MUJUN_NCLASSES; k++)
		store_bind_int(st, 3 + k, sc->pct_bp[k]);
	for (int k = 0; k < MUJUN_NCLASSES - 1; k++)
		store_bind_int(st, 7 + k, sc->threshold_x100[k]);
	store_bind_int(st, 10, sc->below_min_mu_x100);
	store_bind_int(st, 11, sc->new_years);
	store_bind_text(st, 12, now);
	if ((rc = store_run(st)) == KFQ_OK && (rc = put_indicators(s, year, sc)) == KFQ_OK)
		rc = store_audit_entity(s, who, "set", "mujun_scheme", year, before, write_scheme,
		                        json);
done:
	free(before);
	return store_end(s, rc);
}

/* ---- the city's inputs, one pass over each table ---- */

#define FIGURES                                                                                    \
	"f.value_added_fen, f.revenue_fen, f.rd_fen, f.energy_kgce, f.emission_kg, "               \
	"f.electricity_kwh, f.staff"

static int64_t col_figure(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? MUJUN_NONE : store_col_int(st, i);
}

/* PostgreSQL reads the city's big tables through COPY … TO STDOUT (FORMAT binary) (DECISIONS
 * 197): rows decoded as the server writes them, without a result of millions of rows built
 * and touched first. COPY takes no parameters: the years reach it as the read transaction's
 * settings (sql_city_years_pg, a prepared statement), each read once by a scalar subquery,
 * which keeps the scan (a bound IN's plan; an IN of the settings themselves is planned over the
 * (year, …) index) and costs a row what a constant does (an ANY of an array made by a subquery
 * takes the array apart for every row). */
#define COPY_OUT(query) "COPY (" query ") TO STDOUT (FORMAT binary)"
#define YEARS_PG                                                                                   \
	"(year = (SELECT current_setting('kfq.mujun_first')::int4) OR "                            \
	"year = (SELECT current_setting('kfq.mujun_last')::int4))"
#define YEAR_PG "year = (SELECT current_setting('kfq.mujun_first')::int4)"
static const char sql_city_years_pg[] = "SELECT set_config('kfq.mujun_first', ?1, true), "
                                        "set_config('kfq.mujun_last', ?2, true)";

/* in the table's order, sorted by id in C when it is not already (by_id): ORDER BY id had
 * PostgreSQL walk the primary key and fetch each row, about twice the server's CPU of a scan */
#define CITY_INDUSTRIAL         "FROM enterprise WHERE industry_code >= '06' AND industry_code < '47'"
#define CITY_ENTERPRISES        "SELECT id, zone_id, scale, production_on " CITY_INDUSTRIAL
#define CITY_ENTERPRISES_PACKED "SELECT packed, production_on " CITY_INDUSTRIAL
#define CITY_PARCELS                                                                               \
	"SELECT enterprise_id, area_m2x100 FROM land_parcel WHERE enterprise_id IS NOT NULL"
static const char sql_city_enterprises[] = CITY_ENTERPRISES;
/* PostgreSQL sends an enterprise's id, zone and scale as one value made when the row was written
 * (migration 0084, DECISIONS 223), and its production date as it is (a NULL costs no send) */
static const char sql_city_enterprises_pg[] = COPY_OUT(CITY_ENTERPRISES_PACKED);
static const char sql_city_parcels[] = CITY_PARCELS;
static const char sql_city_parcels_pg[] = COPY_OUT(CITY_PARCELS);
/* ?1 ?2 the first and last year. IN rather than a range: a prepared statement's generic plan
 * (PostgreSQL takes it from a statement's sixth run on a connection) guesses that a bound range
 * selects 0.5 % of the rows and walks the (year, …) index over the whole table, fetching each
 * row, about twice the CPU of the scan it takes for IN; SQLite reads both from its primary key
 * (year, …) in place. SQLite's one year's reads (the *_one texts, ?1 the year) select no year
 * (DECISIONS 204): the columns after the year then begin at 0 (city_after_year). */
#define CITY_TAX "enterprise_id, amount_fen FROM tax_record WHERE "
static const char sql_city_tax[] = "SELECT year, " CITY_TAX "year IN (?1, ?2)";
static const char sql_city_tax_one[] = "SELECT " CITY_TAX "year = ?1";
/* PostgreSQL sends a tax or figure row as one value made when the row was written, its year
 * included (migrations 0079, 0080): the server's cost of the read is per value sent (DECISIONS
 * 213, 217) */
#define CITY_PACKED(table) "SELECT packed FROM " table " WHERE "
static const char sql_city_tax_pg[] = COPY_OUT(CITY_PACKED("tax_record") YEARS_PG);
static const char sql_city_tax_one_pg[] = COPY_OUT(CITY_PACKED("tax_record") YEAR_PG);
/* -1 is MUJUN_NONE, which no figure is (they are checked non-negative when entered or
 * imported): one call per column instead of two */
#define CITY_FIGURES                                                                               \
	"enterprise_id, COALESCE(value_added_fen, -1), COALESCE(revenue_fen, -1), "                \
	"COALESCE(rd_fen, -1), COALESCE(energy_kgce, -1), COALESCE(emission_kg, -1), "             \
	"COALESCE(electricity_kwh, -1), COALESCE(staff, -1) FROM enterprise_figure WHERE "
/* SQLite's figures are read in parts, ?3 ?4 a part's range of the table's rowid (DECISIONS 232:
 * city_parts); ?2 is not used by one year's */
#define CITY_PART "id >= ?3 AND id < ?4 AND "
static const char sql_city_figures[] = "SELECT year, " CITY_FIGURES CITY_PART "year IN (?1, ?2)";
static const char sql_city_figures_one[] = "SELECT " CITY_FIGURES CITY_PART "year = ?1";
/* the figures' first and last rowid: each a seek to one end of the table */
static const char sql_city_figure_ids[] = "SELECT (SELECT min(id) FROM enterprise_figure), "
                                          "(SELECT max(id) FROM enterprise_figure)";
static const char sql_city_figures_pg[] = COPY_OUT(CITY_PACKED("enterprise_figure") YEARS_PG);
static const char sql_city_figures_one_pg[] = COPY_OUT(CITY_PACKED("enterprise_figure") YEAR_PG);
static const char sql_city_exemptions[] =
    "SELECT year, enterprise_id, reason FROM mujun_exemption WHERE year IN (?1, ?2)";
_Static_assert(MUJUN_NONE == -1, "sql_city_figures reads a NULL figure as -1");

/* The enterprises by id, and where each is in the city's arrays. */
struct city_index {
	int64_t *ids; /* ascending */
	int *at;      /* ids[k]'s place in store_mujun_city's arrays */
	int n;
	int hint; /* the last k found */
};

/* The first of ids[0..n) (ascending) not below id. */
static int lower_bound(const int64_t *ids, int n, int64_t id)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The place of enterprise id in the city's arrays, or -1 when it is not an industrial one.
 * The ids are distinct integers, ascending: the first not below id is at most id - ids[hint]
 * places after the last one found, or ids[hint] - id before it, and the search is of that
 * window (lower_bound answers its end when all of it is below id). The tables are mostly read
 * in id order, where the next row's enterprise is the same or a near one: a step or two, all in
 * cache (DECISIONS 233), also when a table was written zone by zone, a few ids apart. */
static int city_find(struct city_index *x, int64_t id)
{
	int h = x->hint, lo = 0, hi = x->n, k;

	if (h < x->n) {
		int64_t d = id - x->ids[h];
		if (d >= 0) {
			lo = h;
			if (d < hi - h)
				hi = h + (int)d;
		} else {
			hi = h;
			if (-d <= h)
				lo = h + (int)d;
		}
	}
	k = lo + lower_bound(x->ids + lo, hi - lo, id);
	if (k < x->n && x->ids[k] == id)
		return x->at[x->hint = k];
	return -1;
}

/* The zones of by[0..n), ascending, into c. */
static void city_zones(struct arena *a, const struct store_mujun_input *by, int n,
                       struct store_mujun_city *c)
{
	int cap = 0;

	for (int k = 0; k < n; k++) {
		int z = lower_bound(c->zone_ids, c->nzones, by[k].zone_id);
		if (z < c->nzones && c->zone_ids[z] == by[k].zone_id)
			continue;
		if (c->nzones == cap)
			c->zone_ids = arena_grow(a, c->zone_ids, sizeof(*c->zone_ids), &cap);
		memmove(&c->zone_ids[z + 1], &c->zone_ids[z],
		        sizeof(*c->zone_ids) * (size_t)(c->nzones - z));
		c->zone_ids[z] = by[k].zone_id;
		c->nzones++;
	}
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct store_mujun_input *)a)->enterprise_id,
	        y = ((const struct store_mujun_input *)b)->enterprise_id;

	return (x > y) - (x < y);
}

/* One of the city's reads: sql, or on PostgreSQL copy, its COPY (DECISIONS 196). */
static int city_prepare(struct store *s, const char *sql, const char *copy, struct store_stmt **st)
{
	return store_prepare(s, store_kind(s) == STORE_PG ? copy : sql, st);
}

/* A read of the years' rows: sql and copy for two years, sql_one and copy_one (no year column)
 * for one; on SQLite the years bound, on PostgreSQL set before (city_years). */
static int city_years_prepare(struct store *s, const struct store_mujun_city *c, const char *sql,
                              const char *copy, const char *sql_one, const char *copy_one,
                              struct store_stmt **st)
{
	int rc = c->nyears == 1 ? city_prepare(s, sql_one, copy_one, st)
	                        : city_prepare(s, sql, copy, st);

	if (rc == KFQ_OK && store_kind(s) == STORE_SQLITE) {
		store_bind_int(*st, 1, c->first_year);
		if (c->nyears > 1)
			store_bind_int(*st, 2, c->first_year + c->nyears - 1);
	}
	return rc;
}

/* The first column after the year in a row of the years' reads: the year is column 0 when two
 * years are read, and not sent for one. */
static int city_after_year(const struct store_mujun_city *c)
{
	return c->nyears > 1;
}

/* An unsigned big-endian integer of n bytes. */
static uint64_t big_endian(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

int store_mujun_unpack(const unsigned char *p, int len, struct store_figure *r)
{
	int64_t *figure[] = {&r->value_added_fen, &r->revenue_fen,     &r->rd_fen, &r->energy_kgce,
	                     &r->emission_kg,     &r->electricity_kwh, &r->staff};

	if (len != STORE_FIGURE_PACKED)
		return KFQ_EIO;
	r->year = (int32_t)big_endian(p, 4);
	r->enterprise_id = (int64_t)big_endian(p + 4, 8);
	for (size_t i = 0; i < sizeof(figure) / sizeof(*figure); i++)
		*figure[i] = (int64_t)big_endian(p + 12 + 8 * i, 8);
	return KFQ_OK;
}

int store_mujun_unpack_tax(const unsigned char *p, int len, struct store_tax_row *r)
{
	if (len != STORE_TAX_PACKED)
		return KFQ_EIO;
	r->year = (int32_t)big_endian(p, 4);
	r->enterprise_id = (int64_t)big_endian(p + 4, 8);
	r->amount_fen = (int64_t)big_endian(p + 12, 8);
	return KFQ_OK;
}

int store_mujun_unpack_enterprise(const unsigned char *p, int len, struct store_mujun_input *e)
{
	if (len != STORE_ENTERPRISE_PACKED || p[16] > 1)
		return KFQ_EIO;
	e->enterprise_id = (int64_t)big_endian(p, 8);
	e->zone_id = (int64_t)big_endian(p + 8, 8);
	e->group = p[16] ? MUJUN_ABOVE : MUJUN_BELOW;
	return KFQ_OK;
}

/* The read's answer to rc, what unpacking a packed value of table (len bytes; its layout's are
 * want) answered: KFQ_EIO, with the error said, for a value not of that layout. */
static int city_unpacked(struct store *s, int rc, const char *table, int len, int want)
{
	if (rc == KFQ_OK)
		return KFQ_OK;
	store_set_err(s, "%s.packed: a value of %d bytes not of its layout (%d bytes)", table, len,
	              want);
	return KFQ_EIO;
}

/* The enterprise in hand of the enterprises' read into e (its area not set): on PostgreSQL
 * from its packed bytes and production date, on SQLite from its columns. KFQ_EIO for a row of
 * another layout. */
static int city_enterprise_row(struct store *s, struct arena *a, struct store_stmt *st,
                               struct store_mujun_input *e)
{
	int len, date = 3;

	if (store_kind(s) == STORE_PG) {
		const unsigned char *p = store_pg_col_bytes(st, 0, &len);
		if (city_unpacked(s, store_mujun_unpack_enterprise(p, len, e), "enterprise", len,
		                  STORE_ENTERPRISE_PACKED) != KFQ_OK)
			return KFQ_EIO;
		date = 1;
	} else {
		e->enterprise_id = store_col_int(st, 0);
		e->zone_id = store_col_int(st, 1);
		e->group = strcmp(store_col_text(st, 2), "above") ? MUJUN_BELOW : MUJUN_ABOVE;
	}
	e->area_m2x100 = 0;
	e->production_on = store_col_null(st, date) ? NULL : store_col_dup(st, date, a);
	return KFQ_OK;
}

/* KFQ_OK when a row of table in the years' read is of a year read, else KFQ_EIO (a row the
 * read did not ask for is an error, never put in another year). */
static int city_year_read(struct store *s, const struct store_mujun_city *c, const char *table,
                          int year)
{
	if (year >= c->first_year && year < c->first_year + c->nyears)
		return KFQ_OK;
	store_set_err(s, "a %s row of %d in the read of %d years from %d", table, year, c->nyears,
	              c->first_year);
	return KFQ_EIO;
}

/* The tax row in hand of the years' read into r: on PostgreSQL from its packed bytes, on SQLite
 * from its columns (a year's read selects no year). KFQ_EIO for a row of another layout or of a
 * year not read. */
static int city_tax_row(struct store *s, const struct store_mujun_city *c, struct store_stmt *st,
                        struct store_tax_row *r)
{
	int o = city_after_year(c), len;

	if (store_kind(s) == STORE_PG) {
		const unsigned char *p = store_pg_col_bytes(st, 0, &len);
		if (city_unpacked(s, store_mujun_unpack_tax(p, len, r), "tax_record", len,
		                  STORE_TAX_PACKED) != KFQ_OK)
			return KFQ_EIO;
	} else {
		r->year = o ? (int)store_col_int(st, 0) : c->first_year;
		r->enterprise_id = store_col_int(st, o);
		r->amount_fen = store_col_int(st, o + 1);
	}
	return city_year_read(s, c, "tax_record", r->year);
}

/* The figure row in hand of the years' read into r: on PostgreSQL from its packed bytes, on
 * SQLite from its columns (a year's read sends no year). KFQ_EIO for a row of another layout or
 * of a year not read. */
static int city_figure_row(struct store *s, const struct store_mujun_city *c, struct store_stmt *st,
                           struct store_figure *r)
{
	int o = city_after_year(c), len;

	if (store_kind(s) == STORE_PG) {
		const unsigned char *p = store_pg_col_bytes(st, 0, &len);
		if (city_unpacked(s, store_mujun_unpack(p, len, r), "enterprise_figure", len,
		                  STORE_FIGURE_PACKED) != KFQ_OK)
			return KFQ_EIO;
	} else {
		r->year = o ? (int)store_col_int(st, 0) : c->first_year;
		r->enterprise_id = store_col_int(st, o);
		r->value_added_fen = store_col_int(st, o + 1);
		r->revenue_fen = store_col_int(st, o + 2);
		r->rd_fen = store_col_int(st, o + 3);
		r->energy_kgce = store_col_int(st, o + 4);
		r->emission_kg = store_col_int(st, o + 5);
		r->electricity_kwh = store_col_int(st, o + 6);
		r->staff = store_col_int(st, o + 7);
	}
	return city_year_read(s, c, "enterprise_figure", r->year);
}

/* The industrial enterprises, by id, placed by zone then id into c->e; x indexes them. */
static int city_enterprises(struct store *s, struct arena *a, struct store_mujun_city *c,
                            struct city_index *x)
{
	struct store_mujun_input *by = NULL;
	struct store_stmt *st;
	int cap = 0, z = 0, *next, rc;

	if ((rc = city_prepare(s, sql_city_enterprises, sql_city_enterprises_pg, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct store_mujun_input *e;
		if (x->n == cap)
			by = arena_grow(a, by, sizeof(*by), &cap);
		e = &by[x->n++];
		if ((rc = city_enterprise_row(s, a, st, e)) != KFQ_OK)
			break;
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	for (int k = 1; k < x->n; k++)
		if (by[k].enterprise_id < by[k - 1].enterprise_id) {
			qsort(by, (size_t)x->n, sizeof(*by), by_id);
			break;
		}
	city_zones(a, by, x->n, c);
	c->n = x->n;
	c->e = arena_alloc(a, sizeof(*c->e) * (size_t)(c->n + 1));
	c->zone_first = arena_zalloc(a, sizeof(*c->zone_first) * (size_t)(c->nzones + 1));
	next = arena_zalloc(a, sizeof(*next) * (size_t)(c->nzones + 1));
	x->ids = arena_alloc(a, sizeof(*x->ids) * (size_t)(c->n + 1));
	x->at = arena_alloc(a, sizeof(*x->at) * (size_t)(c->n + 1));
	for (int k = 0; k < c->n; k++) {
		/* the previous enterprise's zone is the likeliest */
		if (c->zone_ids[z] != by[k].zone_id)
			z = lower_bound(c->zone_ids, c->nzones, by[k].zone_id);
		x->at[k] = z; /* the zone for now, the place below */
		c->zone_first[z + 1]++;
	}
	for (z = 0; z < c->nzones; z++) {
		c->zone_first[z + 1] += c->zone_first[z];
		next[z] = c->zone_first[z];
	}
	for (int k = 0; k < c->n; k++) {
		x->at[k] = next[x->at[k]]++;
		x->ids[k] = by[k].enterprise_id;
		c->e[x->at[k]] = by[k];
	}
	return KFQ_OK;
}

static int city_parcels(struct store *s, struct store_mujun_city *c, struct city_index *x)
{
	struct store_stmt *st;
	int k, rc;

	if ((rc = city_prepare(s, sql_city_parcels, sql_city_parcels_pg, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW)
		if ((k = city_find(x, store_col_int(st, 0))) >= 0)
			c->e[k].area_m2x100 += store_col_int(st, 1);
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* PostgreSQL's read of the years: its COPYs' years from the transaction's settings. */
static int city_years_set(struct store *s, const struct store_mujun_city *c)
{
	struct store_stmt *st;
	int rc;

	if (store_kind(s) != STORE_PG)
		return KFQ_OK;
	if ((rc = store_prepare(s, sql_city_years_pg, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, c->first_year);
	store_bind_int(st, 2, c->first_year + c->nyears - 1);
	rc = store_step(st);
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ERR : rc;
}

/* The years' tax, each row added to its enterprise's year: only the tax_fen of c->f. */
static int city_tax(struct store *s, struct store_mujun_city *c, struct city_index *x)
{
	struct store_stmt *st;
	int k, rc;

	if ((rc = city_years_prepare(s, c, sql_city_tax, sql_city_tax_pg, sql_city_tax_one,
	                             sql_city_tax_one_pg, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct store_tax_row t;
		if ((rc = city_tax_row(s, c, st, &t)) != KFQ_OK)
			break;
		if ((k = city_find(x, t.enterprise_id)) >= 0) {
			struct mujun_figures *f = &c->f[t.year - c->first_year][k];
			f->tax_fen = (f->tax_fen == MUJUN_NONE ? 0 : f->tax_fen) + t.amount_fen;
		}
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The years' figures in parts that the two connections share (DECISIONS 232): on SQLite
 * ranges of the table's rowid, which both decode in kfq's threads; on PostgreSQL one part, its
 * COPY, which the second's backend writes while the first's writes the tax. The second takes
 * parts from the front, the first from the back once its tax is read, never part 0: so the
 * second reads at least one whenever it reads at the first's moment, and the one that finishes
 * first takes what is left. */
#define CITY_PARTS 16
struct city_parts {
	pthread_mutex_t mu; /* over front and back, which both threads move */
	int front, back;    /* the parts [front, back) are not taken yet */
	int64_t lo, width;  /* SQLite: part i is the rowids [lo + i * width, lo + (i + 1) * width);
	                       set before the second thread starts */
};

/* The figures' parts of the read in hand into p: one on PostgreSQL, else up to CITY_PARTS of
 * the rowids between the table's first and last. */
static int city_parts_init(struct store *s, struct city_parts *p)
{
	struct store_stmt *st;
	int64_t span;
	int rc;

	*p = (struct city_parts){.front = 0, .back = 1, .lo = 0, .width = 1};
	if (store_kind(s) == STORE_PG)
		return KFQ_OK;
	if ((rc = store_prepare(s, sql_city_figure_ids, &st)) != KFQ_OK)
		return rc;
	if ((rc = store_step(st)) == KFQ_ROW && !store_col_null(st, 0)) {
		p->lo = store_col_int(st, 0);
		span = store_col_int(st, 1) - p->lo + 1;
		p->back = span < CITY_PARTS ? (int)span : CITY_PARTS;
		p->width = (span + p->back - 1) / p->back;
	}
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ERR : rc;
}

/* The next part for the second connection (from the front) or the first (from the back, never
 * part 0), or -1 when none is left for it. */
static int city_part_take(struct city_parts *p, bool first)
{
	int i = -1;

	pthread_mutex_lock(&p->mu);
	if (p->front < p->back && (!first || p->back > 1))
		i = first ? --p->back : p->front++;
	pthread_mutex_unlock(&p->mu);
	return i;
}

/* Part i of the years' figures, each row to its enterprise's year: only the figures' fields of
 * c->f, none of those city_tax writes. Read again, a row sets the same values. */
static int city_figures(struct store *s, struct store_mujun_city *c, struct city_index *x,
                        const struct city_parts *p, int i)
{
	struct store_stmt *st;
	int k, rc;

	if ((rc = city_years_prepare(s, c, sql_city_figures, sql_city_figures_pg,
	                             sql_city_figures_one, sql_city_figures_one_pg, &st)) != KFQ_OK)
		return rc;
	if (store_kind(s) == STORE_SQLITE) {
		store_bind_int(st, 3, p->lo + i * p->width);
		store_bind_int(st, 4, p->lo + (i + 1) * p->width);
	}
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct store_figure r;
		if ((rc = city_figure_row(s, c, st, &r)) != KFQ_OK)
			break;
		if ((k = city_find(x, r.enterprise_id)) >= 0) {
			struct mujun_figures *f = &c->f[r.year - c->first_year][k];
			f->value_added_fen = r.value_added_fen;
			f->revenue_fen = r.revenue_fen;
			f->rd_fen = r.rd_fen;
			f->energy_kgce = r.energy_kgce;
			f->emission_kg = r.emission_kg;
			f->electricity_kwh = r.electricity_kwh;
			f->staff = r.staff;
		}
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The figures' parts that the first connection takes from the back (first) or the second from
 * the front, each read on s. */
static int city_figure_parts(struct store *s, struct store_mujun_city *c, struct city_index *x,
                             struct city_parts *p, bool first)
{
	int i, rc = KFQ_OK;

	while (rc == KFQ_OK && (i = city_part_take(p, first)) >= 0)
		rc = city_figures(s, c, x, p, i);
	return rc;
}

/* The figures read on a connection of their own while the first reads the tax (DECISIONS
 * 231, 232). The thread reads c's years and mark and writes only the figures' fields of c->f,
 * of the parts it takes. */
struct city_beside {
	const struct store *first; /* its URL; the thread calls nothing on it */
	struct store_mujun_city *c;
	struct city_index x; /* a copy: its hint is the thread's own */
	struct city_parts *parts;
	int rc; /* KFQ_OK: every part it took was read, at c->mark's moment */
};

static void *city_beside_read(void *arg)
{
	struct city_beside *b = arg;
	struct store *s = NULL;
	struct store_mujun_mark at;
	char err[512];
	bool began = false;

	if ((b->rc = store_open_beside(b->first, &s, err, sizeof(err))) != KFQ_OK ||
	    (b->rc = store_begin_read(s)) != KFQ_OK)
		goto done;
	began = true;
	/* every change is audited in its own transaction, so one head is one moment's data (on
	 * SQLite the read's moment is its first statement's, this one) */
	if ((b->rc = store_audit_head(s, &at.seq, at.hash)) != KFQ_OK)
		goto done;
	if (at.seq != b->c->mark.seq || strcmp(at.hash, b->c->mark.hash) != 0) {
		b->rc = KFQ_ESTALE; /* a write came between the two: the first reads them */
		goto done;
	}
	if ((b->rc = city_years_set(s, b->c)) == KFQ_OK)
		b->rc = city_figure_parts(s, b->c, &b->x, b->parts, false);
done:
	/* the beside connections in use (two evaluations at once) and a write between the two
	 * transactions are expected; anything else is worth a line, and the first still reads */
	if (b->rc != KFQ_OK && b->rc != KFQ_EBUSY && b->rc != KFQ_ESTALE)
		log_error("亩均: the figures read on the first connection: %s",
		          s ? store_errmsg(s) : err);
	if (began)
		store_rollback(s);
	store_close(s);
	return NULL;
}

/* The years' tax, figures and exemptions: each row to its enterprise's year. The figures come
 * in parts (city_parts) on a second connection while this one reads the tax, and on this one
 * after it; all on this one when the second could not read them at this read's moment. */
static int city_years(struct store *s, struct arena *a, struct store_mujun_city *c,
                      struct city_index *x)
{
	struct city_parts parts;
	struct city_beside b = {.first = s, .c = c, .x = *x, .parts = &parts, .rc = KFQ_ERR};
	struct store_stmt *st;
	pthread_t thread;
	bool beside;
	int k, rc;

	if ((rc = city_parts_init(s, &parts)) != KFQ_OK)
		return rc;
	pthread_mutex_init(&parts.mu, NULL);
	beside = pthread_create(&thread, NULL, city_beside_read, &b) == 0;
	if ((rc = city_years_set(s, c)) == KFQ_OK && (rc = city_tax(s, c, x)) == KFQ_OK)
		rc = city_figure_parts(s, c, x, &parts, true);
	if (beside)
		pthread_join(thread, NULL);
	pthread_mutex_destroy(&parts.mu);
	c->connections = b.rc == KFQ_OK ? 2 : 1;
	/* without the second, the parts it took (read in part, perhaps) and those left */
	if (b.rc != KFQ_OK)
		for (int i = 0; rc == KFQ_OK && i < parts.back; i++)
			rc = city_figures(s, c, x, &parts, i);
	if (rc != KFQ_OK || (rc = store_prepare(s, sql_city_exemptions, &st)) != KFQ_OK)
		return rc;
	store_binary(st);
	store_bind_int(st, 1, c->first_year);
	store_bind_int(st, 2, c->first_year + c->nyears - 1);
	while ((rc = store_step(st)) == KFQ_ROW)
		if ((k = city_find(x, store_col_int(st, 1))) >= 0)
			c->exemption[store_col_int(st, 0) - c->first_year][k] =
			    store_col_dup(st, 2, a);
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_mujun_city(struct store *s, struct arena *a, int first_year, int nyears,
                     struct store_mujun_city *out)
{
	static const struct mujun_figures none = {
	    .tax_fen = MUJUN_NONE,
	    .value_added_fen = MUJUN_NONE,
	    .revenue_fen = MUJUN_NONE,
	    .rd_fen = MUJUN_NONE,
	    .energy_kgce = MUJUN_NONE,
	    .emission_kg = MUJUN_NONE,
	    .electricity_kwh = MUJUN_NONE,
	    .staff = MUJUN_NONE,
	};
	struct city_index x = {0};
	bool stored;
	int rc;

	memset(out, 0, sizeof(*out));
	out->first_year = first_year;
	out->nyears = nyears;
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = store_audit_head(s, &out->mark.seq, out->mark.hash)) != KFQ_OK)
		goto done;
	for (int y = 0; y < nyears; y++)
		if ((rc = store_mujun_scheme_get(s, first_year + y, &out->scheme[y], &stored)) !=
		    KFQ_OK)
			goto done;
	if ((rc = city_enterprises(s, a, out, &x)) != KFQ_OK ||
	    (rc = city_parcels(s, out, &x)) != KFQ_OK)
		goto done;
	for (int y = 0; y < nyears; y++) {
		out->f[y] = arena_alloc(a, sizeof(*out->f[y]) * (size_t)(out->n + 1));
		out->exemption[y] =
		    arena_zalloc(a, sizeof(*out->exemption[y]) * (size_t)(out->n + 1));
		for (int k = 0; k < out->n; k++) {
			out->f[y][k] = none;
			out->f[y][k].group = out->e[k].group;
			out->f[y][k].area_m2x100 = out->e[k].area_m2x100;
		}
	}
	rc = city_years(s, a, out, &x);
done:
	store_rollback(s);
	return rc;
}

/* ?1 the mark's number, ?2 the most records looked at (one more than MARK_SCAN) */
static const char sql_audit_since[] = "SELECT seq, hash, entity_type, entity_id FROM audit_log "
                                      "WHERE seq >= ?1 ORDER BY seq LIMIT ?2";
#define MARK_SCAN 1000

int store_mujun_unchanged(struct store *s, int year, struct store_mujun_mark *mark, bool *unchanged)
{
	struct store_mujun_mark at = *mark;
	struct store_stmt *st;
	/* the mark's own record comes first (none for the genesis: the log was empty) */
	bool same = mark->seq == 0;
	int n = 0, rc;

	*unchanged = false;
	if ((rc = store_prepare(s, sql_audit_since, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, mark->seq);
	store_bind_int(st, 2, MARK_SCAN + 2);
	while ((rc = store_step(st)) == KFQ_ROW) {
		int64_t seq = store_col_int(st, 0);
		const char *hash = store_col_text(st, 1);
		if (seq == mark->seq) {
			same = !strcmp(hash, mark->hash);
			continue;
		}
		if (!same || ++n > MARK_SCAN ||
		    mujun_audit_touches(store_col_text(st, 2), store_col_text(st, 3), year))
			break;
		at.seq = seq;
		snprintf(at.hash, sizeof(at.hash), "%s", hash);
	}
	store_reset(st);
	if (rc != KFQ_ROW && rc != KFQ_DONE)
		return rc;
	if (rc == KFQ_DONE && same) {
		*unchanged = true;
		*mark = at;
	}
	return KFQ_OK;
}

static const char sql_labels[] = "SELECT id, name, uscc, industry_code FROM enterprise WHERE "
                                 "zone_id = ?1 AND id >= ?2 AND id <= ?3 ORDER BY id";

int store_mujun_labels(struct store *s, struct arena *a, int64_t zone_id, const int64_t *ids, int n,
                       const char **names, const char **usccs, const char **codes)
{
	struct store_stmt *st;
	int k = 0, rc;

	for (int i = 0; i < n; i++)
		names[i] = usccs[i] = codes[i] = NULL;
	if (n == 0)
		return KFQ_OK;
	if ((rc = store_prepare(s, sql_labels, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, ids[0]);
	store_bind_int(st, 3, ids[n - 1]);
	while (k < n && (rc = store_step(st)) == KFQ_ROW) {
		int64_t id = store_col_int(st, 0);
		while (k < n && ids[k] < id)
			k++;
		if (k < n && ids[k] == id) {
			names[k] = store_col_dup(st, 1, a);
			usccs[k] = store_col_dup(st, 2, a);
			codes[k] = store_col_dup(st, 3, a);
			k++;
		}
	}
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* ---- figures ---- */

#define FIGURE_SELECT                                                                              \
	"SELECT f.id, f.enterprise_id, e.name, e.zone_id, f.year, " FIGURES ", f.updated_at "      \
	"FROM enterprise_figure f JOIN enterprise e ON e.id = f.enterprise_id"
static const char sql_figure_list[] =
    FIGURE_SELECT " WHERE f.enterprise_id = ?1 ORDER BY f.year DESC";
static const char sql_figure_get[] = FIGURE_SELECT " WHERE f.id = ?1";
static const char sql_figure_of_year[] =
    FIGURE_SELECT " WHERE f.enterprise_id = ?1 AND f.year = ?2";
static const char sql_figure_put[] =
    "INSERT INTO enterprise_figure (enterprise_id, year, value_added_fen, revenue_fen, rd_fen, "
    "energy_kgce, emission_kg, electricity_kwh, staff, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10) ON CONFLICT (enterprise_id, year) DO UPDATE SET value_added_fen = ?3, "
    "revenue_fen = ?4, rd_fen = ?5, energy_kgce = ?6, emission_kg = ?7, electricity_kwh = ?8, "
    "staff = ?9, updated_at = ?10 RETURNING id";
static const char sql_figure_find[] =
    "SELECT id FROM enterprise_figure WHERE enterprise_id = ?1 AND year = ?2";

static void read_figure(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_figure *f = element;

	memset(f, 0, sizeof(*f));
	f->id = store_col_int(st, 0);
	f->enterprise_id = store_col_int(st, 1);
	f->enterprise_name = store_col_dup(st, 2, a);
	f->zone_id = store_col_int(st, 3);
	f->year = (int)store_col_int(st, 4);
	f->value_added_fen = col_figure(st, 5);
	f->revenue_fen = col_figure(st, 6);
	f->rd_fen = col_figure(st, 7);
	f->energy_kgce = col_figure(st, 8);
	f->emission_kg = col_figure(st, 9);
	f->electricity_kwh = col_figure(st, 10);
	f->staff = col_figure(st, 11);
	f->updated_at = store_col_dup(st, 12, a);
}

int store_figure_list(struct store *s, struct arena *a, int64_t enterprise_id,
                      struct store_figure **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_figure_list, enterprise_id, sizeof(**out), read_figure,
	                       &arr, n);

	*out = arr;
	return rc;
}

int store_figure_get(struct store *s, struct arena *a, int64_t id, struct store_figure *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_figure_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_figure, out);
}

static int write_figure(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_mujun_json *shape = json;
	struct store_figure f;
	int rc;

	if ((rc = store_figure_get(s, a, id, &f)) == KFQ_OK)
		shape->figure(w, &f);
	return rc;
}

static void bind_figure(struct store_stmt *st, int i, int64_t v)
{
	if (v == MUJUN_NONE)
		store_bind_null(st, i);
	else
		store_bind_int(st, i, v);
}

/* The upsert of f's figures, stamped now; *id the row's. */
static int put_figure(struct store *s, const struct store_figure *f, const char *now, int64_t *id)
{
	const int64_t values[] = {f->value_added_fen, f->revenue_fen,     f->rd_fen, f->energy_kgce,
	                          f->emission_kg,     f->electricity_kwh, f->staff};
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_figure_put, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, f->enterprise_id);
	store_bind_int(st, 2, f->year);
	for (int i = 0; i < 7; i++)
		bind_figure(st, 3 + i, values[i]);
	store_bind_text(st, 10, now);
	return store_run_id(st, id);
}

int store_figure_of_year(struct store *s, struct arena *a, int64_t enterprise_id, int year,
                         struct store_figure *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_figure_of_year, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, enterprise_id);
	store_bind_int(st, 2, year);
	return store_row(st, a, read_figure, out);
}

int store_figure_import_row(struct store *s, const struct store_figure *f, int64_t now)
{
	char at[TIME_RFC3339_LEN];
	int64_t id;

	time_format(now, at);
	return put_figure(s, f, at, &id);
}

int store_figure_set(struct store *s, const struct store_actor *who,
                     const struct store_mujun_json *json, struct store_figure *f)
{
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t old = 0;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_prepare(s, sql_figure_find, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, f->enterprise_id);
	store_bind_int(st, 2, f->year);
	rc = store_row(st, &a, store_read_int, &old);
	if (rc == KFQ_OK)
		before = store_entity_json(s, old, write_figure, json, &rc);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		goto done;
	if ((rc = put_figure(s, f, now, &f->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "set", "enterprise_figure", f->id, before,
		                        write_figure, json);
done:
	free(before);
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}

/* ---- exemptions ---- */

#define EXEMPTION_SELECT                                                                           \
	"SELECT x.id, x.enterprise_id, e.name, e.zone_id, x.year, x.reason, x.created_at FROM "    \
	"mujun_exemption x JOIN enterprise e ON e.id = x.enterprise_id"
static const char sql_exemption_list[] =
    EXEMPTION_SELECT " WHERE e.zone_id = ?1 AND x.year = ?2 ORDER BY x.id";
static const char sql_exemption_get[] = EXEMPTION_SELECT " WHERE x.id = ?1";
static const char sql_exemption_add[] =
    "INSERT INTO mujun_exemption (enterprise_id, year, reason, created_at) VALUES (?1, ?2, ?3, "
    "?4) RETURNING id";
static const char sql_exemption_delete[] = "DELETE FROM mujun_exemption WHERE id = ?1";

static void read_exemption(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_exemption *x = element;

	x->id = store_col_int(st, 0);
	x->enterprise_id = store_col_int(st, 1);
	x->enterprise_name = store_col_dup(st, 2, a);
	x->zone_id = store_col_int(st, 3);
	x->year = (int)store_col_int(st, 4);
	x->reason = store_col_dup(st, 5, a);
	x->created_at = store_col_dup(st, 6, a);
}

int store_exemption_list(struct store *s, struct arena *a, int64_t zone_id, int year,
                         struct store_exemption **out, int *n)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_exemption_list, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	rc = collect(st, a, sizeof(**out), read_exemption, &arr, n);
	*out = arr;
	return rc;
}

int store_exemption_get(struct store *s, struct arena *a, int64_t id, struct store_exemption *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_exemption_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_exemption, out);
}

static int write_exemption(struct store *s, struct arena *a, int64_t id, const void *json,
                           struct jsonw *w)
{
	const struct store_mujun_json *shape = json;
	struct store_exemption x;
	int rc;

	if ((rc = store_exemption_get(s, a, id, &x)) == KFQ_OK)
		shape->exemption(w, &x);
	return rc;
}

int store_exemption_create(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, struct store_exemption *e)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_exemption_add, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, e->enterprise_id);
	store_bind_int(st, 2, e->year);
	store_bind_text(st, 3, e->reason);
	store_bind_text(st, 4, now);
	if ((rc = store_run_id(st, &e->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "mujun_exemption", e->id, NULL,
		                        write_exemption, json);
done:
	return store_end(s, rc);
}

int store_exemption_delete(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, int64_t id)
{
	struct store_stmt *st;
	char *before;
	int rc;

	if ((rc = store_begin_change(s, id, write_exemption, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_exemption_delete, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "mujun_exemption", id, before, NULL);
done:
	free(before);
	return store_end(s, rc);
}

/* ---- measures ---- */

#define MEASURE_SELECT                                                                             \
	"SELECT m.id, m.zone_id, o.name, m.year, m.klass, m.measure, m.created_at FROM "           \
	"mujun_measure m JOIN org o ON o.id = m.zone_id"
static const char sql_measure_zone[] =
    MEASURE_SELECT " WHERE m.zone_id = ?1 ORDER BY m.year DESC, m.id DESC";
static const char sql_measure_year[] =
    MEASURE_SELECT " WHERE m.zone_id = ?1 AND m.year = ?2 ORDER BY m.klass, m.id DESC";
static const char sql_measure_get[] = MEASURE_SELECT " WHERE m.id = ?1";
static const char sql_measure_add[] =
    "INSERT INTO mujun_measure (zone_id, year, klass, measure, created_at, created_by) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static void read_measure(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_measure *m = element;

	m->id = store_col_int(st, 0);
	m->zone_id = store_col_int(st, 1);
	m->zone_name = store_col_dup(st, 2, a);
	m->year = (int)store_col_int(st, 3);
	m->klass = store_col_dup(st, 4, a);
	m->measure = store_col_dup(st, 5, a);
	m->created_at = store_col_dup(st, 6, a);
}

int store_measure_list(struct store *s, struct arena *a, int64_t zone_id, int year,
                       struct store_measure **out, int *n)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, year ? sql_measure_year : sql_measure_zone, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	if (year)
		store_bind_int(st, 2, year);
	rc = collect(st, a, sizeof(**out), read_measure, &arr, n);
	*out = arr;
	return rc;
}

static int write_measure(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_mujun_json *shape = json;
	struct store_measure m;
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_measure_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_measure, &m)) == KFQ_OK)
		shape->measure(w, &m);
	return rc;
}

int store_measure_create(struct store *s, const struct store_actor *who,
                         const struct store_mujun_json *json, struct store_measure *m)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_measure_add, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, m->zone_id);
	store_bind_int(st, 2, m->year);
	store_bind_text(st, 3, m->klass);
	store_bind_text(st, 4, m->measure);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	if ((rc = store_run_id(st, &m->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "mujun_measure", m->id, NULL,
		                        write_measure, json);
done:
	return store_end(s, rc);
}
