/* store_norm.c - art. 7's 编制 norm in SQL (see store_norm.h). Computes nothing: the formula is
 * core/staffing_norm.c's, applied by api/. */
#include "store/store_norm.h"
#include "store/store_impl.h"
#include "store/store_leader.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

static const char sql_params[] = "SELECT name, value FROM staffing_norm_param WHERE year = ?1";
static const char sql_param_find[] =
    "SELECT id FROM staffing_norm_param WHERE year = ?1 AND name = ?2";
static const char sql_param_insert[] = "INSERT INTO staffing_norm_param (year, name, value, "
                                       "set_at, set_by) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_param_update[] = "UPDATE staffing_norm_param SET value = ?3, set_at = ?4, "
                                       "set_by = ?5 WHERE year = ?1 AND name = ?2";
static const char sql_ind_find[] = "SELECT id FROM zone_indicator WHERE org_id = ?1 AND year = ?2";
static const char sql_ind_insert[] =
    "INSERT INTO zone_indicator (org_id, year, area, population, gdp, set_at, set_by) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char sql_ind_update[] =
    "UPDATE zone_indicator SET area = ?3, population = ?4, gdp = ?5, set_at = ?6, set_by = ?7 "
    "WHERE org_id = ?1 AND year = ?2 RETURNING id";
static const char sql_ind_get[] =
    "SELECT i.id, i.org_id, o.name, i.year, i.area, i.population, i.gdp, i.set_at FROM "
    "zone_indicator i JOIN org o ON o.id = i.org_id WHERE i.id = ?1";
/* ?1 the year */
static const char sql_zones[] =
    "SELECT o.id, o.name, i.id, i.area, i.population, i.gdp, st.year, st.admin_slots + "
    "st.inst_slots, st.leaders FROM org o LEFT JOIN zone_indicator i ON i.org_id = o.id AND "
    "i.year = ?1 LEFT JOIN staffing st ON st.id = (SELECT s2.id FROM staffing s2 WHERE "
    "s2.org_id = o.id AND s2.year <= ?1 ORDER BY s2.year DESC LIMIT 1)";

int store_norm_params(struct store *s, int year, int64_t params[NORM_NPARAMS])
{
	struct store_stmt *st;
	int rc;

	memcpy(params, staffing_norm_defaults, sizeof(staffing_norm_defaults));
	if ((rc = store_prepare(s, sql_params, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	while ((rc = store_step(st)) == KFQ_ROW) {
		const char *name = store_col_text(st, 0);
		for (int i = 0; i < NORM_NPARAMS; i++)
			if (name && !strcmp(name, staffing_norm_params[i].name))
				params[i] = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static int params_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_norm_json *shape = json;
	int64_t params[NORM_NPARAMS];
	int rc = store_norm_params(s, (int)id, params);

	(void)a;
	if (rc == KFQ_OK)
		shape->params(w, (int)id, params);
	return rc;
}

static int set_param(struct store *s, const struct store_actor *who, int year, int i, int64_t value,
                     const char *now)
{
	struct store_stmt *st;
	int64_t found = 0;
	int rc;

	if ((rc = store_prepare(s, sql_param_find, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	store_bind_text(st, 2, staffing_norm_params[i].name);
	rc = store_row(st, NULL, store_read_int, &found);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return rc;
	if ((rc = store_prepare(s, found ? sql_param_update : sql_param_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	store_bind_text(st, 2, staffing_norm_params[i].name);
	store_bind_int(st, 3, value);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	return store_run(st);
}

int store_norm_params_set(struct store *s, const struct store_actor *who,
                          const struct store_norm_json *json, int year,
                          const int64_t params[NORM_NPARAMS], const char *action)
{
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, year, params_write, json, &before)) != KFQ_OK)
		return rc;
	for (int i = 0; i < NORM_NPARAMS && rc == KFQ_OK; i++)
		rc = set_param(s, who, year, i, params[i], now);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, action, "staffing_norm", year, before, params_write,
		                        json);
	free(before);
	return store_end(s, rc);
}

/* element: a struct store_zone_indicator */
static void read_indicator(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_zone_indicator *x = element;

	x->id = store_col_int(st, 0);
	x->org_id = store_col_int(st, 1);
	x->org_name = store_col_dup(st, 2, a);
	x->year = (int)store_col_int(st, 3);
	x->area = store_col_int(st, 4);
	x->population = store_col_int(st, 5);
	x->gdp = store_col_int(st, 6);
	x->set_at = store_col_dup(st, 7, a);
}

static int indicator_write(struct store *s, struct arena *a, int64_t id, const void *json,
                           struct jsonw *w)
{
	const struct store_norm_json *shape = json;
	struct store_zone_indicator x;
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_ind_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_indicator, &x)) == KFQ_OK)
		shape->indicator(w, &x);
	return rc;
}

int store_zone_indicator_set(struct store *s, const struct store_actor *who,
                             const struct store_norm_json *json, struct store_zone_indicator *x)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t found = 0, id = 0;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_ind_find, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->org_id);
	store_bind_int(st, 2, x->year);
	rc = store_row(st, NULL, store_read_int, &found);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		goto done;
	if (found && !(before = store_entity_json(s, found, indicator_write, json, &rc)))
		goto done;
	if ((rc = store_prepare(s, found ? sql_ind_update : sql_ind_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->org_id);
	store_bind_int(st, 2, x->year);
	store_bind_int(st, 3, x->area);
	store_bind_int(st, 4, x->population);
	store_bind_int(st, 5, x->gdp);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	if ((rc = store_run_id(st, &id)) == KFQ_OK)
		rc = store_audit_entity(s, who, found ? "change" : "create", "zone_indicator", id,
		                        before, indicator_write, json);
done:
	free(before);
	if ((rc = store_end(s, rc)) == KFQ_OK)
		x->id = id;
	return rc;
}

/* element: a struct store_norm_zone */
static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_norm_zone *z = element;

	memset(z, 0, sizeof(*z));
	z->org_id = store_col_int(st, 0);
	z->name = store_col_dup(st, 1, a);
	z->have_indicator = !store_col_null(st, 2);
	z->in.area = store_col_int(st, 3);
	z->in.population = store_col_int(st, 4);
	z->in.gdp = store_col_int(st, 5);
	z->have_staffing = !store_col_null(st, 6);
	z->staffing_year = (int)store_col_int(st, 6);
	z->approved_establishment = store_col_int(st, 7);
	z->approved_leaders = store_col_int(st, 8);
}

struct zone_arg {
	int year;
	const struct store_scope *scope;
	bool unapproved;
};

static void zone_head(struct store_sql *q, const void *arg)
{
	store_sql_param_int(q, ((const struct zone_arg *)arg)->year);
}

static void zone_filter(struct store_sql *q, const void *arg)
{
	const struct zone_arg *f = arg;

	store_sql_add(q, " WHERE o.type = 'zone'");
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "o.id", f->scope);
	}
	/* st is the staffing that rules the year: an earlier year's leaves this one unapproved */
	if (f->unapproved)
		store_sql_int(q, " AND (st.year IS NULL OR st.year <> ?)", f->year);
}

int store_norm_zones(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                     bool unapproved, struct store_norm_zone **out, int *n)
{
	struct zone_arg f = {year, scope, unapproved};
	struct store_list l = {.list_sql = sql_zones,
	                       .arg = &f,
	                       .read = read_zone,
	                       .elem_size = sizeof(**out),
	                       .filter = zone_filter,
	                       .head = zone_head,
	                       .order = " ORDER BY o.name"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = store_leader_grade(s, a, (*out)[i].org_id, year - 1, &(*out)[i].in.grade);
	return rc;
}
