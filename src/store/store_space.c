/* store_space.c - 腾笼换鸟 in SQL: idle buildings (a filtered, scoped page; one; created and
 * changed) and their matches with enterprises (recorded, ended with an outcome, the building
 * reused by a lease or a sale in the same transaction), each audited and each match's step told
 * to whoever acts next in its transaction. Must not decide which outcome ends a match or reuses
 * a building, nor who is told (core/space.c and api/ do). */
#include "store/store_space.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "core/space.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* ---- buildings ---- */

#define BUILDING_SELECT                                                                            \
	"SELECT b.id, b.zone_id, o.name, b.kind, b.name, b.address, b.area_m2x100, b.owner, "      \
	"b.owner_enterprise_id, b.vacant_since, b.rent_fen, b.price_fen, b.terms, b.status, "      \
	"(SELECT COUNT(*) FROM space_match m WHERE m.building_id = b.id), b.created_at, "          \
	"b.updated_at, (SELECT MAX(m.closed_at) FROM space_match m WHERE m.building_id = b.id "    \
	"AND m.outcome IN ('leased', 'sold')) FROM idle_building b JOIN org o ON o.id = b.zone_id"
static const char sql_count[] = "SELECT COUNT(*) FROM idle_building b";
static const char sql_list[] = BUILDING_SELECT;
static const char sql_get[] = BUILDING_SELECT " WHERE b.id = ?1";
static const char sql_insert[] =
    "INSERT INTO idle_building (zone_id, kind, name, address, area_m2x100, owner, "
    "owner_enterprise_id, vacant_since, rent_fen, price_fen, terms, status, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'vacant', ?12, ?12) "
    "RETURNING id";
static const char sql_update[] =
    "UPDATE idle_building SET zone_id = ?1, kind = ?2, name = ?3, address = ?4, area_m2x100 = "
    "?5, owner = ?6, owner_enterprise_id = ?7, vacant_since = ?8, rent_fen = ?9, price_fen = "
    "?10, terms = ?11, updated_at = ?12 WHERE id = ?13";
static const char sql_reuse[] =
    "UPDATE idle_building SET status = 'reused', updated_at = ?2 WHERE id = ?1";

static void read_building(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_building *b = element;

	b->id = store_col_int(st, 0);
	b->zone_id = store_col_int(st, 1);
	b->zone_name = store_col_dup(st, 2, a);
	b->kind = store_col_dup(st, 3, a);
	b->name = store_col_dup(st, 4, a);
	b->address = store_col_dup(st, 5, a);
	b->area_m2x100 = store_col_int(st, 6);
	b->owner = store_col_dup(st, 7, a);
	b->owner_enterprise_id = store_col_int(st, 8);
	b->vacant_since = store_col_dup(st, 9, a);
	b->rent_fen = store_col_int(st, 10);
	b->price_fen = store_col_int(st, 11);
	b->terms = store_col_dup(st, 12, a);
	b->status = store_col_dup(st, 13, a);
	b->matches = store_col_int(st, 14);
	b->created_at = store_col_dup(st, 15, a);
	b->updated_at = store_col_dup(st, 16, a);
	b->reused_at = store_col_dup(st, 17, a);
}

static void building_filter(struct store_sql *q, const void *arg)
{
	const struct store_building_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND b.zone_id = ?", f->zone_id);
	if (f->kind)
		store_sql_text(q, " AND b.kind = ?", f->kind);
	if (f->status)
		store_sql_text(q, " AND b.status = ?", f->status);
	if (f->matching)
		store_sql_add(q, " AND EXISTS (SELECT 1 FROM space_match m WHERE m.building_id = "
		                 "b.id AND m.outcome = 'pending')");
	if (f->q)
		store_sql_text(q,
		               " AND (b.name LIKE ? ESCAPE '\\' OR b.address LIKE ? ESCAPE '\\' OR "
		               "b.owner LIKE ? ESCAPE '\\')",
		               f->q);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "b.zone_id", &f->scope);
	}
}

/* the buildings f selects; g: f with its LIKE pattern, in a */
static struct store_list building_list(struct arena *a, const struct store_building_filter *f,
                                       struct store_building_filter *g)
{
	*g = *f;
	if (f->q)
		g->q = store_like_contains(a, f->q);
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = g,
	    .read = read_building,
	    .elem_size = sizeof(struct store_building),
	    .filter = building_filter,
	    .order = " ORDER BY b.vacant_since, b.id",
	};
}

int store_building_list(struct store *s, struct arena *a, const struct store_building_filter *f,
                        struct store_building **out, int *n, int64_t *total)
{
	struct store_building_filter g;
	struct store_list l = building_list(a, f, &g);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_building_each(struct store *s, struct arena *a, const struct store_building_filter *f,
                        store_each_fn fn, void *ctx)
{
	struct store_building_filter g;
	struct store_list l = building_list(a, f, &g);

	return store_list_each(s, &l, fn, ctx);
}

int store_building_get(struct store *s, struct arena *a, int64_t id, struct store_building *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_building, out);
}

static int write_building(struct store *s, struct arena *a, int64_t id, const void *json,
                          struct jsonw *w)
{
	const struct store_space_json *shape = json;
	struct store_building b;
	int rc;

	if ((rc = store_building_get(s, a, id, &b)) == KFQ_OK)
		shape->building(w, &b);
	return rc;
}

/* Binds ?1–?12 of the insert and the update. */
static void bind_building(struct store_stmt *st, const struct store_building *b, const char *now)
{
	store_bind_int(st, 1, b->zone_id);
	store_bind_text(st, 2, b->kind);
	store_bind_text(st, 3, b->name);
	store_bind_text(st, 4, b->address);
	store_bind_int(st, 5, b->area_m2x100);
	store_bind_text(st, 6, b->owner);
	store_bind_id(st, 7, b->owner_enterprise_id);
	store_bind_text(st, 8, b->vacant_since);
	store_bind_int(st, 9, b->rent_fen);
	store_bind_int(st, 10, b->price_fen);
	store_bind_text(st, 11, b->terms);
	store_bind_text(st, 12, now);
}

int store_building_create(struct store *s, const struct store_actor *who,
                          const struct store_space_json *json, struct store_building *b)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	bind_building(st, b, now);
	if ((rc = store_run_id(st, &b->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "idle_building", b->id, NULL,
		                        write_building, json);
done:
	return store_end(s, rc);
}

int store_building_update(struct store *s, const struct store_actor *who,
                          const struct store_space_json *json, const struct store_building *b)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, b->id, write_building, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
		goto done;
	bind_building(st, b, now);
	store_bind_int(st, 13, b->id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "idle_building", b->id, before,
		                        write_building, json);
done:
	free(before);
	return store_end(s, rc);
}

/* ---- matches ---- */

#define MATCH_SELECT                                                                               \
	"SELECT m.id, m.building_id, b.name, b.zone_id, m.enterprise_id, m.enterprise_name, "      \
	"m.need_m2x100, m.note, m.outcome, m.result, m.created_at, m.closed_at FROM space_match "  \
	"m JOIN idle_building b ON b.id = m.building_id"
static const char sql_match_list[] = MATCH_SELECT " WHERE m.building_id = ?1 ORDER BY m.id DESC";
static const char sql_match_get[] = MATCH_SELECT " WHERE m.id = ?1";
static const char sql_match_insert[] =
    "INSERT INTO space_match (building_id, enterprise_id, enterprise_name, need_m2x100, note, "
    "outcome, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7) RETURNING "
    "id";
static const char sql_match_close[] =
    "UPDATE space_match SET outcome = ?2, result = ?3, closed_at = ?4, closed_by = ?5 WHERE id "
    "= ?1";

static void read_match(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_match *m = element;

	m->id = store_col_int(st, 0);
	m->building_id = store_col_int(st, 1);
	m->building_name = store_col_dup(st, 2, a);
	m->zone_id = store_col_int(st, 3);
	m->enterprise_id = store_col_int(st, 4);
	m->enterprise_name = store_col_dup(st, 5, a);
	m->need_m2x100 = store_col_int(st, 6);
	m->note = store_col_dup(st, 7, a);
	m->outcome = store_col_dup(st, 8, a);
	m->result = store_col_dup(st, 9, a);
	m->created_at = store_col_dup(st, 10, a);
	m->closed_at = store_col_dup(st, 11, a);
}

int store_match_list(struct store *s, struct arena *a, int64_t building_id,
                     struct store_match **out, int *n)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_match_list, building_id, sizeof(**out), read_match, &arr, n);

	*out = arr;
	return rc;
}

int store_match_get(struct store *s, struct arena *a, int64_t id, struct store_match *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_match_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_match, out);
}

static int write_match(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	const struct store_space_json *shape = json;
	struct store_match m;
	int rc;

	if ((rc = store_match_get(s, a, id, &m)) == KFQ_OK)
		shape->match(w, &m);
	return rc;
}

/* Tells the inbox of a step of match id (core space_match_step_item), after the step's audit
 * record, from the match and its building as the step left them. */
static int tell(struct store *s, const struct store_actor *who, enum space_match_step step,
                int64_t id)
{
	struct store_building b;
	struct store_match m;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_match_get(s, &a, id, &m)) == KFQ_OK &&
	    (rc = store_building_get(s, &a, m.building_id, &b)) == KFQ_OK) {
		struct space_match_subject subj = {
		    .match_id = id,
		    .zone_id = b.zone_id,
		    .zone = b.zone_name,
		    .building = b.name,
		    .enterprise = m.enterprise_name,
		    .outcome = m.outcome,
		};
		space_match_step_item(step, &subj, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

/* KFQ_OK while building id is vacant (no match has let or sold it), else KFQ_ECONFLICT. */
static int still_vacant(struct store *s, struct arena *a, int64_t id)
{
	struct store_building b;
	int rc = store_building_get(s, a, id, &b);

	return rc == KFQ_OK && strcmp(b.status, "vacant") != 0 ? KFQ_ECONFLICT : rc;
}

int store_match_create(struct store *s, const struct store_actor *who,
                       const struct store_space_json *json, struct store_match *m)
{
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN];
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	/* under the write lock: a building reused meanwhile takes no new match */
	if ((rc = still_vacant(s, &a, m->building_id)) != KFQ_OK) {
		rc = rc == KFQ_ECONFLICT ? KFQ_ESTATE : rc;
		goto done;
	}
	if ((rc = store_prepare(s, sql_match_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, m->building_id);
	store_bind_id(st, 2, m->enterprise_id);
	store_bind_text(st, 3, m->enterprise_name);
	store_bind_int(st, 4, m->need_m2x100);
	store_bind_text(st, 5, m->note);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	if ((rc = store_run_id(st, &m->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "space_match", m->id, NULL, write_match,
		                        json);
	if (rc == KFQ_OK)
		rc = tell(s, who, SPACE_MATCH_PROPOSED, m->id);
done:
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}

/* Marks the building reused, audited "reuse". */
static int reuse(struct store *s, const struct store_actor *who,
                 const struct store_space_json *json, int64_t building_id, const char *now)
{
	struct store_stmt *st;
	char *before;
	int rc;

	if (!(before = store_entity_json(s, building_id, write_building, json, &rc)))
		return rc;
	if ((rc = store_prepare(s, sql_reuse, &st)) == KFQ_OK) {
		store_bind_int(st, 1, building_id);
		store_bind_text(st, 2, now);
		if ((rc = store_run(st)) == KFQ_OK)
			rc = store_audit_entity(s, who, "reuse", "idle_building", building_id,
			                        before, write_building, json);
	}
	free(before);
	return rc;
}

int store_match_close(struct store *s, const struct store_actor *who,
                      const struct store_space_json *json, int64_t id, const char *outcome,
                      const char *result, bool reuses)
{
	struct store_match m;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_match, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_match_get(s, &a, id, &m)) != KFQ_OK)
		goto done;
	if (strcmp(m.outcome, "pending") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	/* under the write lock, as a new match: a building is let or sold once */
	if (reuses && (rc = still_vacant(s, &a, m.building_id)) != KFQ_OK)
		goto done;
	if ((rc = store_prepare(s, sql_match_close, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, outcome);
	store_bind_text(st, 3, result);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "close", "space_match", id, before, write_match,
		                        json);
	if (rc == KFQ_OK && reuses)
		rc = reuse(s, who, json, m.building_id, now);
	if (rc == KFQ_OK)
		rc = tell(s, who, SPACE_MATCH_ENDED, id);
done:
	free(before);
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}
