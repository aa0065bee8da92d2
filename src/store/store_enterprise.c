/* store_enterprise.c - enterprises and tax records in SQL. Lists filter and page in SQL (the
 * registry grows to hundreds of thousands of rows). The code's uniqueness is checked inside
 * the write transaction, so the error names the enterprise that holds it. Must not validate
 * fields (core/enterprise.c does) or decide who may write (api/). */
#include "store/store_enterprise.h"
#include "store/store_impl.h"

#include "util/log.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define ENT_COLS                                                                                   \
	"e.id, e.uscc, e.name, e.zone_id, o.name, e.address, e.industry_code, e.scale, "           \
	"e.registered_on, e.attracted, e.contract_on, e.settled_on, e.production_on, "             \
	"e.created_at, e.updated_at"
#define ENT_FROM " FROM enterprise e JOIN org o ON o.id = e.zone_id"
static const char sql_count[] = "SELECT COUNT(*) FROM enterprise e";
static const char sql_list[] = "SELECT " ENT_COLS ENT_FROM;
static const char sql_get[] = "SELECT " ENT_COLS ENT_FROM " WHERE e.id = ?1";
static const char sql_by_uscc[] = "SELECT " ENT_COLS ENT_FROM " WHERE e.uscc = ?1";
/* an arrangement covering the enterprise whose host is not zone ?2 */
static const char sql_hosted_elsewhere[] =
    "SELECT a.id FROM arrangement_enterprise m JOIN arrangement a ON a.id = m.arrangement_id "
    "WHERE m.enterprise_id = ?1 AND a.host_zone_id <> ?2 ORDER BY a.id LIMIT 1";
/* an enterprise's parcels and idle buildings outside zone ?2: a zone's land is its own */
static const char sql_land_elsewhere[] =
    "SELECT (SELECT COUNT(*) FROM land_parcel WHERE enterprise_id = ?1 AND zone_id <> ?2), "
    "(SELECT COUNT(*) FROM idle_building WHERE owner_enterprise_id = ?1 AND zone_id <> ?2)";
static const char sql_uscc_taken[] = "SELECT id FROM enterprise WHERE uscc = ?1 AND id <> ?2";
static const char sql_zone_type[] = "SELECT type FROM org WHERE id = ?1";
static const char sql_insert[] =
    "INSERT INTO enterprise (uscc, name, zone_id, address, industry_code, scale, "
    "registered_on, attracted, contract_on, settled_on, production_on, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) RETURNING id";
static const char sql_update[] =
    "UPDATE enterprise SET uscc = ?2, name = ?3, zone_id = ?4, address = ?5, "
    "industry_code = ?6, scale = ?7, registered_on = ?8, attracted = ?9, contract_on = ?10, "
    "settled_on = ?11, production_on = ?12, updated_at = ?13 WHERE id = ?1 RETURNING id";
static const char sql_tax_all[] =
    "SELECT year, tax_type, amount_fen FROM tax_record WHERE enterprise_id = ?1 "
    "ORDER BY year, tax_type";
static const char sql_tax_delete[] =
    "DELETE FROM tax_record WHERE enterprise_id = ?1 AND year = ?2";
static const char sql_tax_insert[] = "INSERT INTO tax_record (enterprise_id, year, tax_type, "
                                     "amount_fen) VALUES (?1, ?2, ?3, ?4)";
static const char sql_touch[] = "UPDATE enterprise SET updated_at = ?2 WHERE id = ?1";

/* element: a struct store_enterprise */
static void read_enterprise(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_enterprise *e = element;

	memset(e, 0, sizeof(*e));
	e->id = store_col_int(st, 0);
	e->uscc = store_col_dup(st, 1, a);
	e->name = store_col_dup(st, 2, a);
	e->zone_id = store_col_int(st, 3);
	e->zone_name = store_col_dup(st, 4, a);
	e->address = store_col_dup(st, 5, a);
	e->industry_code = store_col_dup(st, 6, a);
	e->scale = store_col_dup(st, 7, a);
	e->registered_on = store_col_dup(st, 8, a);
	e->attracted = store_col_int(st, 9) != 0;
	e->contract_on = store_col_dup(st, 10, a);
	e->settled_on = store_col_dup(st, 11, a);
	e->production_on = store_col_dup(st, 12, a);
	e->created_at = store_col_dup(st, 13, a);
	e->updated_at = store_col_dup(st, 14, a);
}

struct list_arg {
	const struct store_enterprise_filter *f;
	const char *q;        /* LIKE pattern */
	const char *industry; /* LIKE pattern */
};

/* the predicates of the filters given, the zones of the scope */
static void enterprise_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *l = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (l->q)
		store_sql_text(q, " AND (e.name LIKE ? ESCAPE '\\' OR e.uscc LIKE ? ESCAPE '\\')",
		               l->q);
	if (l->f->zone_id)
		store_sql_int(q, " AND e.zone_id = ?", l->f->zone_id);
	if (l->f->attracted >= 0)
		store_sql_int(q, " AND e.attracted = ?", l->f->attracted);
	if (l->f->scale)
		store_sql_text(q, " AND e.scale = ?", l->f->scale);
	if (l->industry)
		store_sql_text(q, " AND e.industry_code LIKE ?", l->industry);
	if (!store_scope_everything(&l->f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "e.zone_id", &l->f->scope);
	}
}

/* the list of the enterprises f selects; arg: its filter's texts, in a */
static struct store_list enterprise_list(struct arena *a, const struct store_enterprise_filter *f,
                                         struct list_arg *arg)
{
	*arg = (struct list_arg){f, store_like_contains(a, f->q),
	                         f->industry && *f->industry ? arena_printf(a, "%s%%", f->industry)
	                                                     : NULL};
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = arg,
	    .read = read_enterprise,
	    .elem_size = sizeof(struct store_enterprise),
	    .filter = enterprise_filter,
	    .order = " ORDER BY e.id",
	};
}

int store_enterprise_list(struct store *s, struct arena *a, const struct store_enterprise_filter *f,
                          struct store_enterprise **out, int *n, int64_t *total)
{
	struct list_arg arg;
	struct store_list l = enterprise_list(a, f, &arg);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_enterprise_each(struct store *s, struct arena *a, const struct store_enterprise_filter *f,
                          store_each_fn fn, void *ctx)
{
	struct list_arg arg;
	struct store_list l = enterprise_list(a, f, &arg);

	return store_list_each(s, &l, fn, ctx);
}

static int get_by(struct store *s, struct arena *a, const char *sql, int64_t id, const char *uscc,
                  struct store_enterprise *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (uscc)
		store_bind_text(st, 1, uscc);
	else
		store_bind_int(st, 1, id);
	return store_row(st, a, read_enterprise, out);
}

int store_enterprise_get(struct store *s, struct arena *a, int64_t id, struct store_enterprise *out)
{
	return get_by(s, a, sql_get, id, NULL, out);
}

int store_enterprise_by_uscc(struct store *s, struct arena *a, const char *uscc,
                             struct store_enterprise *out)
{
	return get_by(s, a, sql_by_uscc, 0, uscc, out);
}

int store_enterprise_zone_check(struct store *s, int64_t zone_id)
{
	struct store_stmt *st;
	struct arena a;
	const char *type = NULL;
	int rc;

	if ((rc = store_prepare(s, sql_zone_type, &st)) != KFQ_OK)
		return rc;
	arena_init(&a);
	store_bind_int(st, 1, zone_id);
	if ((rc = store_step(st)) == KFQ_ROW)
		type = store_col_dup(st, 0, &a);
	store_reset(st);
	if (rc == KFQ_ROW)
		rc = type && strcmp(type, "zone") == 0 ? KFQ_OK : KFQ_ECONSTRAINT;
	else if (rc == KFQ_DONE)
		rc = KFQ_ENOTFOUND;
	arena_release(&a);
	return rc;
}

/* KFQ_ECONFLICT with *existing when another enterprise holds the code */
static int check_uscc(struct store *s, const struct store_enterprise *e, int64_t *existing)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_uscc_taken, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, e->uscc);
	store_bind_int(st, 2, e->id);
	rc = store_run_id(st, existing);
	if (rc == KFQ_OK)
		return KFQ_ECONFLICT;
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

static void bind_fields(struct store_stmt *st, int k, const struct store_enterprise *e)
{
	store_bind_text(st, k, e->uscc);
	store_bind_text(st, k + 1, e->name);
	store_bind_int(st, k + 2, e->zone_id);
	store_bind_text(st, k + 3, e->address ? e->address : "");
	store_bind_text(st, k + 4, e->industry_code);
	store_bind_text(st, k + 5, e->scale);
	store_bind_text(st, k + 6, e->registered_on);
	store_bind_int(st, k + 7, e->attracted ? 1 : 0);
	store_bind_text(st, k + 8, e->contract_on && *e->contract_on ? e->contract_on : NULL);
	store_bind_text(st, k + 9, e->settled_on && *e->settled_on ? e->settled_on : NULL);
	store_bind_text(st, k + 10,
	                e->production_on && *e->production_on ? e->production_on : NULL);
}

/* store_entity_writer of an enterprise */
static int write_enterprise(struct store *s, struct arena *a, int64_t id, const void *json,
                            struct jsonw *w)
{
	const struct store_enterprise_json *j = json;
	struct store_enterprise e;
	int rc = store_enterprise_get(s, a, id, &e);

	if (rc == KFQ_OK)
		j->enterprise(w, &e);
	return rc;
}

int store_enterprise_create(struct store *s, const struct store_actor *who,
                            const struct store_enterprise_json *json, struct store_enterprise *e,
                            int64_t *existing)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	*existing = 0;
	e->id = 0;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_enterprise_zone_check(s, e->zone_id)) == KFQ_ENOTFOUND)
		rc = KFQ_ECONSTRAINT;
	if (rc == KFQ_OK)
		rc = check_uscc(s, e, existing);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_insert, &st)) == KFQ_OK) {
		bind_fields(st, 1, e);
		store_bind_text(st, 12, now);
		rc = store_run_id(st, &e->id);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "enterprise", e->id, NULL,
		                        write_enterprise, json);
	if ((rc = store_end(s, rc)) != KFQ_OK)
		e->id = 0;
	return rc;
}

/* KFQ_ESTATE with *held when an arrangement covers the enterprise and is hosted by a zone other
 * than zone_id: its members are its host's enterprises (store_arrangement.h) */
static int check_hosted(struct store *s, int64_t id, int64_t zone_id, int64_t *held)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_hosted_elsewhere, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, zone_id);
	rc = store_run_id(st, held);
	if (rc == KFQ_OK)
		return KFQ_ESTATE;
	*held = 0;
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

static void read_land(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_enterprise_held *h = element;

	(void)a;
	h->parcels = store_col_int(st, 0);
	h->buildings = store_col_int(st, 1);
}

/* KFQ_ESTATE with held's counts when the enterprise holds parcels or idle buildings outside
 * zone_id: they stay in their zone, and the zone's land figures would mix two zones' */
static int check_land(struct store *s, int64_t id, int64_t zone_id,
                      struct store_enterprise_held *held)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_land_elsewhere, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, zone_id);
	if ((rc = store_row(st, NULL, read_land, held)) != KFQ_OK)
		return rc;
	return held->parcels || held->buildings ? KFQ_ESTATE : KFQ_OK;
}

int store_enterprise_update(struct store *s, const struct store_actor *who,
                            const struct store_enterprise_json *json,
                            const struct store_enterprise *e, int64_t *existing,
                            struct store_enterprise_held *held)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	*existing = 0;
	memset(held, 0, sizeof(*held));
	if ((rc = store_begin_change(s, e->id, write_enterprise, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_enterprise_zone_check(s, e->zone_id)) == KFQ_ENOTFOUND)
		rc = KFQ_ECONSTRAINT;
	if (rc == KFQ_OK)
		rc = check_uscc(s, e, existing);
	if (rc == KFQ_OK)
		rc = check_hosted(s, e->id, e->zone_id, &held->arrangement_id);
	if (rc == KFQ_OK)
		rc = check_land(s, e->id, e->zone_id, held);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_update, &st)) == KFQ_OK) {
		store_bind_int(st, 1, e->id);
		bind_fields(st, 2, e);
		store_bind_text(st, 13, now);
		rc = store_run_id(st, NULL);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "enterprise", e->id, before,
		                        write_enterprise, json);
	free(before);
	return store_end(s, rc);
}

/* ---- tax records ---- */

struct tax_row {
	int year;
	int type; /* -1 for a code the catalogue does not know */
	int64_t fen;
};

/* element: a struct tax_row */
static void read_tax(struct store_stmt *st, struct arena *a, void *element)
{
	struct tax_row *r = element;

	(void)a;
	r->year = (int)store_col_int(st, 0);
	r->type = tax_type_find(store_col_text(st, 1));
	r->fen = store_col_int(st, 2);
}

int store_tax_years(struct store *s, struct arena *a, int64_t enterprise_id,
                    struct store_tax_year **out, int *n)
{
	struct tax_row *rows;
	void *arr;
	int nrows, rc, cap = 0;

	*out = NULL;
	*n = 0;
	rc = store_collect(s, a, sql_tax_all, enterprise_id, sizeof(*rows), read_tax, &arr, &nrows);
	if (rc != KFQ_OK)
		return rc;
	rows = arr;
	for (int i = 0; i < nrows; i++) {
		struct store_tax_year *y;
		if (*n == 0 || (*out)[*n - 1].year != rows[i].year) {
			if (*n == cap)
				*out = arena_grow(a, *out, sizeof(**out), &cap);
			y = &(*out)[(*n)++];
			memset(y, 0, sizeof(*y));
			y->year = rows[i].year;
		}
		y = &(*out)[*n - 1];
		if (rows[i].type >= 0) {
			y->fen[rows[i].type] = rows[i].fen;
			y->present[rows[i].type] = true;
		}
	}
	return KFQ_OK;
}

static const struct store_tax_year *find_year(const struct store_tax_year *y, int n, int year)
{
	for (int i = 0; i < n; i++)
		if (y[i].year == year)
			return &y[i];
	return NULL;
}

/* the audit JSON of an enterprise's year (NULL with KFQ_OK when there was none) */
static int tax_json(struct store *s, const struct store_enterprise_json *json,
                    int64_t enterprise_id, int year, char **out)
{
	struct store_tax_year *years;
	const struct store_tax_year *y;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	struct arena a;
	int n, rc;

	*out = NULL;
	arena_init(&a);
	rc = store_tax_years(s, &a, enterprise_id, &years, &n);
	if (rc == KFQ_OK && (y = find_year(years, n, year))) {
		jsonw_init(&w, &sb);
		json->tax_year(&w, enterprise_id, y);
		*out = strbuf_detach(&sb, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_tax_set_year(struct store *s, const struct store_actor *who,
                       const struct store_enterprise_json *json, int64_t enterprise_id,
                       const struct store_tax_year *y)
{
	struct store_stmt *st;
	struct store_enterprise e;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_enterprise_get(s, &a, enterprise_id, &e)) == KFQ_OK)
		rc = tax_json(s, json, enterprise_id, y->year, &before);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_tax_delete, &st)) == KFQ_OK) {
		store_bind_int(st, 1, enterprise_id);
		store_bind_int(st, 2, y->year);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_prepare(s, sql_tax_insert, &st);
	for (int t = 0; rc == KFQ_OK && t < TAX_TYPE_COUNT; t++) {
		if (!y->present[t])
			continue;
		store_bind_int(st, 1, enterprise_id);
		store_bind_int(st, 2, y->year);
		store_bind_text(st, 3, tax_type_defs[t].code);
		store_bind_int(st, 4, y->fen[t]);
		rc = store_run(st);
	}
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_touch, &st)) == KFQ_OK) {
		store_bind_int(st, 1, enterprise_id);
		store_bind_text(st, 2, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = tax_json(s, json, enterprise_id, y->year, &after);
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "set_tax", "enterprise", enterprise_id, before,
		                           after);
	rc = store_end(s, rc);
cleanup:
	free(before);
	free(after);
	arena_release(&a);
	return rc;
}
