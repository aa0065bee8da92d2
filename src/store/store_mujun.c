/* store_mujun.c - the 亩均效益 evaluation in SQL: a year's scheme (its row and its indicators),
 * the enterprises' yearly figures, exemptions and measures, each change audited; the
 * population a zone's evaluation reads in one statement. Must not score or class anything
 * (core/mujun.c does). */
#include "store/store_mujun.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

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

/* ---- the population of an evaluation ---- */

#define FIGURES                                                                                    \
	"f.value_added_fen, f.revenue_fen, f.rd_fen, f.energy_kgce, f.emission_kg, "               \
	"f.electricity_kwh, f.staff"

/* ?1 the year, ?2 the zone */
static const char sql_population[] =
    "SELECT e.id, e.name, e.uscc, e.scale, e.industry_code, e.production_on, e.zone_id, "
    "(SELECT COALESCE(SUM(p.area_m2x100), 0) FROM land_parcel p WHERE p.enterprise_id = e.id), "
    "(SELECT SUM(t.amount_fen) FROM tax_record t WHERE t.year = ?1 AND t.enterprise_id = e.id), "
    "" FIGURES ", x.reason FROM enterprise e "
    "LEFT JOIN enterprise_figure f ON f.enterprise_id = e.id AND f.year = ?1 "
    "LEFT JOIN mujun_exemption x ON x.enterprise_id = e.id AND x.year = ?1 "
    "WHERE e.zone_id = ?2 AND e.industry_code >= '06' AND e.industry_code < '47' ORDER BY e.id";

static int64_t col_figure(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? MUJUN_NONE : store_col_int(st, i);
}

static void read_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_mujun_row *r = element;

	r->enterprise_id = store_col_int(st, 0);
	r->name = store_col_dup(st, 1, a);
	r->uscc = store_col_dup(st, 2, a);
	r->scale = store_col_dup(st, 3, a);
	r->industry_code = store_col_dup(st, 4, a);
	r->production_on = store_col_dup(st, 5, a);
	r->zone_id = store_col_int(st, 6);
	r->f.group = strcmp(r->scale, "above") ? MUJUN_BELOW : MUJUN_ABOVE;
	r->f.area_m2x100 = store_col_int(st, 7);
	r->f.tax_fen = col_figure(st, 8);
	r->f.value_added_fen = col_figure(st, 9);
	r->f.revenue_fen = col_figure(st, 10);
	r->f.rd_fen = col_figure(st, 11);
	r->f.energy_kgce = col_figure(st, 12);
	r->f.emission_kg = col_figure(st, 13);
	r->f.electricity_kwh = col_figure(st, 14);
	r->f.staff = col_figure(st, 15);
	r->exemption = store_col_dup(st, 16, a);
}

int store_mujun_population(struct store *s, struct arena *a, int64_t zone_id, int year,
                           struct store_mujun_row **out, int *n)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_population, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	store_bind_int(st, 2, zone_id);
	rc = collect(st, a, sizeof(**out), read_row, &arr, n);
	*out = arr;
	return rc;
}

static const char sql_tax_total[] = "SELECT SUM(amount_fen), COUNT(*) FROM tax_record WHERE year "
                                    "= ?1 AND enterprise_id = ?2";

int store_tax_year_total(struct store *s, int64_t enterprise_id, int year, int64_t *fen)
{
	struct store_stmt *st;
	int rc;

	*fen = 0;
	if ((rc = store_prepare(s, sql_tax_total, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	store_bind_int(st, 2, enterprise_id);
	if ((rc = store_step(st)) == KFQ_ROW) {
		*fen = store_col_int(st, 0);
		rc = store_col_int(st, 1) ? KFQ_OK : KFQ_ENOTFOUND;
	} else if (rc == KFQ_DONE) {
		rc = KFQ_ENOTFOUND;
	}
	store_reset(st);
	return rc;
}

/* ---- figures ---- */

#define FIGURE_SELECT                                                                              \
	"SELECT f.id, f.enterprise_id, e.name, e.zone_id, f.year, " FIGURES ", f.updated_at "      \
	"FROM enterprise_figure f JOIN enterprise e ON e.id = f.enterprise_id"
static const char sql_figure_list[] =
    FIGURE_SELECT " WHERE f.enterprise_id = ?1 ORDER BY f.year DESC";
static const char sql_figure_get[] = FIGURE_SELECT " WHERE f.id = ?1";
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
