/* store_delegation.c - each zone's list of delegated powers (一区一单) in SQL: the workflow's
 * steps, guidance, monthly case figures and their sums, evaluations, publication and the public
 * page's reads. Every change is audited in its transaction. Must not decide which step is
 * allowed (core/power.c) nor who may take it (api/). */
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_power_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DELEG_COLS                                                                                 \
	"d.id, " STORE_POWER_COLS ", d.zone_org_id, z.name, d.status, d.origin, d.mode, "          \
	"d.effective_from, d.document, d.service_place, d.acting_by, d.acting_until, d.note, "     \
	"d.created_at, d.updated_at, COALESCE(pub.published, 0), d.taken_on, d.acting_mode"
#define DELEG_FROM                                                                                 \
	" FROM power_delegation d JOIN power_item p ON p.id = d.power_id "                         \
	"JOIN org o ON o.id = p.dept_org_id JOIN org z ON z.id = d.zone_org_id "                   \
	"LEFT JOIN power_list_publication pub ON pub.zone_org_id = d.zone_org_id"
static const char sql_count[] =
    "SELECT COUNT(*) FROM power_delegation d JOIN power_item p ON p.id = d.power_id";
static const char sql_list[] = "SELECT " DELEG_COLS DELEG_FROM;
static const char sql_get[] = "SELECT " DELEG_COLS DELEG_FROM " WHERE d.id = ?1";
static const char sql_counts[] = "SELECT d.zone_org_id, z.name, d.status, COUNT(*) FROM "
                                 "power_delegation d JOIN org z ON z.id = d.zone_org_id";
static const char sql_find[] =
    "SELECT id FROM power_delegation WHERE power_id = ?1 AND zone_org_id = ?2";
static const char sql_insert[] =
    "INSERT INTO power_delegation (power_id, zone_org_id, dept_org_id, status, origin, note, "
    "created_at, updated_at, updated_by) SELECT p.id, ?2, p.dept_org_id, ?3, ?4, ?5, ?6, ?6, ?7 "
    "FROM power_item p WHERE p.id = ?1 RETURNING id";
static const char sql_update[] =
    "UPDATE power_delegation SET status = ?2, origin = ?3, mode = ?4, effective_from = ?5, "
    "document = ?6, service_place = ?7, acting_by = ?8, acting_until = ?9, note = ?10, "
    "updated_at = ?11, updated_by = ?12, taken_on = ?13, acting_mode = ?14 WHERE id = ?1";

static const char sql_guidance_insert[] =
    "INSERT INTO power_guidance (delegation_id, kind, held_on, content, participants, "
    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char sql_guidance_list[] =
    "SELECT g.id, g.delegation_id, g.kind, g.held_on, g.content, g.participants, g.created_at, "
    "u.display_name FROM power_guidance g LEFT JOIN app_user u ON u.id = g.created_by "
    "WHERE g.delegation_id = ?1 ORDER BY g.held_on DESC, g.id DESC";
static const char sql_guidance_all[] =
    "SELECT g.id, g.delegation_id, g.kind, g.held_on, g.content, g.participants, g.created_at, "
    "u.display_name, z.name, p.code, p.name, o.name FROM power_guidance g "
    "JOIN power_delegation d ON d.id = g.delegation_id JOIN power_item p ON p.id = d.power_id "
    "JOIN org z ON z.id = d.zone_org_id JOIN org o ON o.id = d.dept_org_id "
    "LEFT JOIN app_user u ON u.id = g.created_by";

#define MONTH_COLS "delegation_id, month, received, done, done_in_time, days_x100, good, bad"
static const char sql_month_list[] =
    "SELECT " MONTH_COLS " FROM power_case_month WHERE delegation_id = ?1 ORDER BY month";
static const char sql_month_get[] =
    "SELECT " MONTH_COLS " FROM power_case_month WHERE delegation_id = ?1 AND month = ?2";
static const char sql_month_delete[] =
    "DELETE FROM power_case_month WHERE delegation_id = ?1 AND month = ?2";
static const char sql_month_insert[] =
    "INSERT INTO power_case_month (" MONTH_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const struct store_bulk_spec store_case_month_bulk = {
    .copy_sql = "COPY power_case_month (" MONTH_COLS ") FROM STDIN",
    .insert_sql = sql_month_insert,
    .ncols = 8,
};
static const char sql_month_keys[] =
    "SELECT m.delegation_id, m.month FROM power_case_month m JOIN power_delegation d ON "
    "d.id = m.delegation_id WHERE d.zone_org_id = ?1 OR d.dept_org_id = ?1";
/* a delegation's running sums (power_case_run, migration 0063) from its months */
#define RUN_BUILD                                                                                  \
	"INSERT INTO power_case_run (delegation_id, month, received, done, done_in_time, "         \
	"days_x100_done, good, bad, last_active) SELECT delegation_id, month, "                    \
	"SUM(received) OVER w, SUM(done) OVER w, SUM(done_in_time) OVER w, "                       \
	"SUM(days_x100 * done) OVER w, SUM(good) OVER w, SUM(bad) OVER w, "                        \
	"MAX(CASE WHEN received > 0 THEN month END) OVER w FROM power_case_month "                 \
	"WHERE delegation_id "
#define RUN_WINDOW " WINDOW w AS (PARTITION BY delegation_id ORDER BY month)"
#define ORG_DELEGATIONS                                                                            \
	"IN (SELECT id FROM power_delegation WHERE zone_org_id = ?1 OR dept_org_id = ?1)"
static const char sql_run_clear[] = "DELETE FROM power_case_run WHERE delegation_id = ?1";
static const char sql_run_build[] = RUN_BUILD "= ?1" RUN_WINDOW;
static const char sql_run_clear_org[] =
    "DELETE FROM power_case_run WHERE delegation_id " ORG_DELEGATIONS;
static const char sql_run_build_org[] = RUN_BUILD ORG_DELEGATIONS RUN_WINDOW;
static const char sql_keys[] =
    "SELECT d.id, p.code, d.zone_org_id, z.name, d.dept_org_id, d.status, d.effective_from "
    "FROM power_delegation d "
    "JOIN power_item p ON p.id = d.power_id JOIN org z ON z.id = d.zone_org_id";

#define HELD "d.status IN ('delegated', 'accepted', 'not_ready', 'acting')"
/* ?1's organization holds delegations as their zone (1) and as their department (2) */
static const char sql_sides[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM power_delegation WHERE zone_org_id = ?1) THEN 1 "
    "ELSE 0 END + CASE WHEN EXISTS (SELECT 1 FROM power_delegation WHERE dept_org_id = ?1) "
    "THEN 2 ELSE 0 END";
static const char sql_sums_count[] = "SELECT COUNT(*) FROM power_delegation d";
/* ?1 from and ?2 to (sums_head). The page of delegations is chosen first (the subquery closed
 * by sums_tail); only its rows then read their running sums, at the period's last month and
 * before its first, and their evaluations. The period starts no earlier than the month the
 * delegation took effect: a power withdrawn and delegated again keeps the earlier delegation's
 * months on its list, but they are not this delegation's to be evaluated by. */
static const char sql_sums[] =
    "SELECT d.id, d.power_id, d.code, d.power_name, d.zone_org_id, d.zone_name, d.dept_org_id, "
    "o.name, d.status, d.promised_days, COALESCE(t.received, 0) - COALESCE(f.received, 0), "
    "COALESCE(t.done, 0) - COALESCE(f.done, 0), "
    "COALESCE(t.done_in_time, 0) - COALESCE(f.done_in_time, 0), "
    "COALESCE(t.days_x100_done, 0) - COALESCE(f.days_x100_done, 0), "
    "COALESCE(t.good, 0) - COALESCE(f.good, 0), COALESCE(t.bad, 0) - COALESCE(f.bad, 0), "
    "t.last_active, (SELECT COUNT(*) FROM power_evaluation e WHERE e.delegation_id = d.id), "
    "(SELECT e.result FROM power_evaluation e WHERE e.delegation_id = d.id ORDER BY e.id DESC "
    "LIMIT 1), d.effective_from, d.taken_on FROM (SELECT d.id, p.id AS power_id, p.code, "
    "p.name AS power_name, d.zone_org_id, z.name AS zone_name, d.dept_org_id, d.status, "
    "p.promised_days, d.effective_from, d.taken_on FROM power_delegation d "
    "JOIN power_item p ON p.id = d.power_id JOIN org z ON z.id = d.zone_org_id";
static const char sums_tail[] =
    ") d JOIN org o ON o.id = d.dept_org_id "
    "LEFT JOIN power_case_run t ON t.delegation_id = d.id AND t.month = (SELECT MAX(month) "
    "FROM power_case_run WHERE delegation_id = d.id AND month <= ?2) "
    "LEFT JOIN power_case_run f ON f.delegation_id = d.id AND f.month = (SELECT MAX(month) "
    "FROM power_case_run WHERE delegation_id = d.id AND month < CASE WHEN "
    "SUBSTR(d.effective_from, 1, 7) > ?1 THEN SUBSTR(d.effective_from, 1, 7) ELSE ?1 END) "
    "ORDER BY d.zone_name, d.code";

#define EVAL_COLS                                                                                  \
	"e.id, e.delegation_id, e.period_from, e.period_to, e.received, e.done, e.done_in_time, "  \
	"e.avg_days_x100, e.good, e.bad, e.idle, e.result, e.reason, e.problems, e.evaluated_at, " \
	"u.display_name, p.name, z.name, d.zone_org_id, d.dept_org_id, o.name, p.code"
#define EVAL_FROM                                                                                  \
	" FROM power_evaluation e JOIN power_delegation d ON d.id = e.delegation_id "              \
	"JOIN power_item p ON p.id = d.power_id JOIN org z ON z.id = d.zone_org_id "               \
	"JOIN org o ON o.id = d.dept_org_id LEFT JOIN app_user u ON u.id = e.evaluated_by"
static const char sql_eval_count[] = "SELECT COUNT(*)" EVAL_FROM;
static const char sql_eval_counts[] = "SELECT d.dept_org_id, o.name, e.result, COUNT(*)" EVAL_FROM;
static const char sql_eval_list[] = "SELECT " EVAL_COLS EVAL_FROM;
static const char sql_eval_get[] = "SELECT " EVAL_COLS EVAL_FROM " WHERE e.id = ?1";
static const char sql_eval_insert[] =
    "INSERT INTO power_evaluation (delegation_id, period_from, period_to, received, done, "
    "done_in_time, avg_days_x100, good, bad, idle, result, reason, problems, evaluated_at, "
    "evaluated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "RETURNING id";

static const char sql_pub_delete[] = "DELETE FROM power_list_publication WHERE zone_org_id = ?1";
static const char sql_pub_get[] =
    "SELECT published FROM power_list_publication WHERE zone_org_id = ?1";
static const char sql_pub_insert[] =
    "INSERT INTO power_list_publication (zone_org_id, published, changed_at, changed_by) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char sql_setting_get[] =
    "SELECT s.idle_months, s.changed_at, u.display_name FROM power_setting s "
    "LEFT JOIN app_user u ON u.id = s.changed_by WHERE s.id = 1";
static const char sql_setting_put[] =
    "INSERT INTO power_setting (id, idle_months, changed_at, changed_by) VALUES (1, ?1, ?2, ?3) "
    "ON CONFLICT (id) DO UPDATE SET idle_months = excluded.idle_months, "
    "changed_at = excluded.changed_at, changed_by = excluded.changed_by";
#define PUBLIC "d.status IN ('accepted', 'acting')"
#define PUBLIC_SELECT                                                                              \
	"SELECT d.zone_org_id, z.name, p.code, p.name, p.kind, o.name, "                           \
	"COALESCE(d.acting_mode, d.mode), d.status, "                                              \
	"d.service_place, d.acting_by, p.promised_days, p.statutory_days, p.accept_incomplete, "   \
	"p.notify_commit, d.effective_from FROM power_delegation d JOIN power_list_publication "   \
	"pub ON "                                                                                  \
	"pub.zone_org_id = d.zone_org_id AND pub.published = 1 JOIN power_item p ON "              \
	"p.id = d.power_id JOIN org o ON o.id = p.dept_org_id JOIN org z ON z.id = d.zone_org_id " \
	"WHERE " PUBLIC
static const char sql_public[] = PUBLIC_SELECT " ORDER BY z.name, p.code";
static const char sql_public_zone[] =
    PUBLIC_SELECT " AND d.zone_org_id = ?1 ORDER BY z.name, p.code";
static const char sql_public_zones[] =
    "SELECT z.id, z.name, COUNT(d.id) FROM power_list_publication pub JOIN org z ON "
    "z.id = pub.zone_org_id LEFT JOIN power_delegation d ON d.zone_org_id = z.id AND " PUBLIC
    " WHERE pub.published = 1 GROUP BY z.id, z.name ORDER BY z.name";

/* ---- reading ---- */

/* The sides of the delegations a scope of one organization stands on (STORE_SIDE_A: their
 * zone, STORE_SIDE_B: their department); both for a wider scope. PostgreSQL plans generically
 * (pg.c) and takes "zone_org_id = ? OR dept_org_id = ?" for a department's share of the rows
 * (1,850 of 20,000), so it finds a zone's 200 by walking every zone in name order; naming the
 * one column that can match lets it read the zone's own rows and sort them (DECISIONS 150). A
 * delegation of the other side written between this probe and the list is left out as one
 * written just after the list would be. */
static int scope_sides(struct store *s, struct arena *a, const struct store_scope *scope,
                       int *sides)
{
	struct store_stmt *st;
	int64_t v;
	int rc;

	*sides = STORE_SIDE_BOTH;
	if (store_scope_everything(scope) ||
	    (strcmp(scope->kind, "org") != 0 && strcmp(scope->kind, "self") != 0))
		return KFQ_OK;
	if ((rc = store_prepare(s, sql_sides, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, scope->org_id);
	if ((rc = store_row(st, a, store_read_int, &v)) != KFQ_OK)
		return rc;
	*sides = (int)v;
	return KFQ_OK;
}

static void read_delegation(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_delegation *d = element;
	int c = 1 + STORE_POWER_NCOLS;

	memset(d, 0, sizeof(*d));
	d->id = store_col_int(st, 0);
	store_power_read_at(st, a, &d->power, 1);
	d->zone_org_id = store_col_int(st, c);
	d->zone_name = store_col_dup(st, c + 1, a);
	d->status = store_col_dup(st, c + 2, a);
	d->origin = store_col_dup(st, c + 3, a);
	d->mode = store_col_dup(st, c + 4, a);
	d->effective_from = store_col_dup(st, c + 5, a);
	d->document = store_col_dup(st, c + 6, a);
	d->service_place = store_col_dup(st, c + 7, a);
	d->acting_by = store_col_dup(st, c + 8, a);
	d->acting_until = store_col_dup(st, c + 9, a);
	d->note = store_col_dup(st, c + 10, a);
	d->created_at = store_col_dup(st, c + 11, a);
	d->updated_at = store_col_dup(st, c + 12, a);
	d->published = store_col_int(st, c + 13) != 0;
	d->taken_on = store_col_dup(st, c + 14, a);
	d->acting_mode = store_col_dup(st, c + 15, a);
}

/* a list's filters as its callbacks see them */
struct deleg_arg {
	struct store_delegation_filter f; /* q made a like pattern (store_like_contains) */
	int sides;                        /* of the scope (scope_sides) */
};

/* the predicates of the filters given: entries whose zone or department is in the scope */
static void deleg_filter(struct store_sql *q, const void *arg)
{
	const struct deleg_arg *x = arg;
	const struct store_delegation_filter *f = &x->f;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_org_id)
		store_sql_int(q, " AND d.zone_org_id = ?", f->zone_org_id);
	if (f->dept_org_id)
		store_sql_int(q, " AND d.dept_org_id = ?", f->dept_org_id);
	if (f->power_id)
		store_sql_int(q, " AND d.power_id = ?", f->power_id);
	if (f->status)
		store_sql_text(q, " AND d.status = ?", f->status);
	/* the like pattern is made into q by store_delegation_list (store_like_contains) */
	if (f->q)
		store_sql_text(q, " AND (p.code LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\')",
		               f->q);
	store_power_scope_side(q, "d.zone_org_id", "d.dept_org_id", &f->scope, x->sides);
}

int store_delegation_list(struct store *s, struct arena *a, const struct store_delegation_filter *f,
                          struct store_delegation **out, int *n, int64_t *total)
{
	struct deleg_arg g = {*f, 0};
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = &g,
	    .read = read_delegation,
	    .elem_size = sizeof(**out),
	    .filter = deleg_filter,
	    .order = " ORDER BY z.name, p.code",
	};
	void *arr;
	int rc;

	g.f.q = store_like_contains(a, f->q);
	if ((rc = scope_sides(s, a, &f->scope, &g.sides)) != KFQ_OK)
		return rc;
	rc = store_list_page(s, a, &l, &arr, n, total);
	*out = arr;
	return rc;
}

int store_delegation_get(struct store *s, struct arena *a, int64_t id, struct store_delegation *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_delegation, out);
}

static void read_count(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_delegation_count *x = element;

	x->zone_org_id = store_col_int(st, 0);
	x->zone_name = store_col_dup(st, 1, a);
	x->status = store_col_dup(st, 2, a);
	x->n = store_col_int(st, 3);
}

/* Every row of an assembled statement (sql, then the filter's predicates, then `order`, which
 * may open with GROUP BY), unpaged: the module's counts and exports. */
static int collect_all(struct store *s, struct arena *a, const char *sql,
                       void (*filter)(struct store_sql *q, const void *arg), const void *arg,
                       const char *order, store_reader read, size_t size, void **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql,
	    .arg = arg,
	    .read = read,
	    .elem_size = size,
	    .filter = filter,
	    .order = order,
	};
	int64_t total;

	return store_list_page(s, a, &l, out, n, &total);
}

static void counts_filter(struct store_sql *q, const void *arg)
{
	store_sql_add(q, " WHERE 1 = 1");
	store_power_scope_either(q, "d.zone_org_id", "d.dept_org_id", arg);
}

int store_delegation_counts(struct store *s, struct arena *a, const struct store_scope *scope,
                            struct store_delegation_count **out, int *n)
{
	void *arr;
	int rc = collect_all(s, a, sql_counts, counts_filter, scope,
	                     " GROUP BY d.zone_org_id, z.name, d.status ORDER BY z.name, d.status",
	                     read_count, sizeof(**out), &arr, n);

	*out = arr;
	return rc;
}

/* ---- the workflow ---- */

static int write_delegation(struct store *s, struct arena *a, int64_t id, const void *json,
                            struct jsonw *w)
{
	const struct store_power_json *shape = json;
	struct store_delegation d;
	int rc;

	if ((rc = store_delegation_get(s, a, id, &d)) == KFQ_OK)
		shape->delegation(w, &d);
	return rc;
}

/* The row after the step: what the action sets, the rest as it was. */
static void apply(struct store_delegation *d, const struct store_delegation_step *x,
                  const char *next)
{
	d->status = next;
	d->note = x->note;
	switch (x->action) {
	case POWER_PROPOSE:
	case POWER_PLAN:
		/* a fresh start after a refusal or a withdrawal */
		d->origin = x->action == POWER_PROPOSE ? "zone" : "department";
		d->mode = d->effective_from = d->document = d->service_place = NULL;
		d->acting_by = d->acting_until = d->taken_on = d->acting_mode = NULL;
		break;
	case POWER_DELEGATE:
		d->mode = x->mode;
		d->effective_from = x->effective_from;
		d->document = x->document;
		break;
	case POWER_ACCEPT:
		d->service_place = x->service_place;
		d->taken_on = x->taken_on; /* in use from today (DECISIONS 322) */
		break;
	case POWER_ACT:
		d->acting_mode = x->mode;
		d->acting_by = x->acting_by;
		d->acting_until = x->acting_until;
		d->taken_on = x->taken_on;
		break;
	case POWER_REASSESS:
		d->mode = x->mode;
		d->acting_by = d->acting_until = d->acting_mode = NULL;
		break;
	case POWER_ACCEPT_PROPOSAL:
	case POWER_DECLINE:
	case POWER_NOT_READY:
	case POWER_REVOKE:
	case POWER_NACTIONS:
		break;
	}
}

static int update_row(struct store *s, const struct store_actor *who,
                      const struct store_delegation *d, const char *now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, d->id);
	store_bind_text(st, 2, d->status);
	store_bind_text(st, 3, d->origin);
	store_bind_text(st, 4, d->mode);
	store_bind_text(st, 5, d->effective_from);
	store_bind_text(st, 6, d->document);
	store_bind_text(st, 7, d->service_place);
	store_bind_text(st, 8, d->acting_by);
	store_bind_text(st, 9, d->acting_until);
	store_bind_text(st, 10, d->note);
	store_bind_text(st, 11, now);
	store_bind_id(st, 12, who->user_id);
	store_bind_text(st, 13, d->taken_on);
	store_bind_text(st, 14, d->acting_mode);
	return store_run(st);
}

/* A new entry (propose or plan of a power not on the zone's list). */
static int insert_row(struct store *s, const struct store_actor *who,
                      const struct store_delegation_step *x, const char *next, const char *now,
                      int64_t *id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, x->power_id);
	store_bind_int(st, 2, x->zone_org_id);
	store_bind_text(st, 3, next);
	store_bind_text(st, 4, x->action == POWER_PROPOSE ? "zone" : "department");
	store_bind_text(st, 5, x->note);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	return store_run_id(st, id);
}

/* Tells the other side of the step (core power_step_item), in the step's transaction. */
static int tell(struct store *s, const struct store_actor *who, enum power_action action,
                int64_t id)
{
	struct store_delegation d;
	struct inbox_item item;
	struct arena ar;
	int rc;

	arena_init(&ar);
	if ((rc = store_delegation_get(s, &ar, id, &d)) == KFQ_OK) {
		struct power_step_subject subj = {
		    .delegation_id = id,
		    .zone_org_id = d.zone_org_id,
		    .dept_org_id = d.power.dept_org_id,
		    .zone_name = d.zone_name,
		    .dept_name = d.power.dept_name,
		    .power_name = d.power.name,
		    .note = d.note,
		};
		power_step_item(action, &subj, &ar, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&ar);
	return rc;
}

int store_delegation_step(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_power_json *json,
                          const struct store_delegation_step *x, int64_t *id, const char **status)
{
	struct store_delegation d;
	struct store_stmt *st;
	struct arena tmp;
	char now[TIME_RFC3339_LEN], *before = NULL;
	const char *next;
	bool create = x->action == POWER_PROPOSE || x->action == POWER_PLAN;
	int rc;

	*status = NULL;
	*id = x->id;
	arena_init(&tmp);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if (create) {
		if ((rc = store_prepare(s, sql_find, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, x->power_id);
		store_bind_int(st, 2, x->zone_org_id);
		rc = store_row(st, NULL, store_read_int, id);
		if (rc == KFQ_ENOTFOUND) {
			rc = insert_row(s, who, x, power_next_status(NULL, x->action), now, id);
			if (rc == KFQ_OK)
				rc = store_audit_entity(s, who, power_action_name(x->action),
				                        "power_delegation", *id, NULL,
				                        write_delegation, json);
			if (rc == KFQ_OK)
				rc = tell(s, who, x->action, *id);
			goto done;
		}
		if (rc != KFQ_OK)
			goto done;
	}
	if (!(before = store_entity_json(s, *id, write_delegation, json, &rc)))
		goto done;
	if ((rc = store_delegation_get(s, &tmp, *id, &d)) != KFQ_OK)
		goto done;
	*status = arena_strdup(a, d.status);
	if (!(next = power_next_status(d.status, x->action))) {
		rc = KFQ_EBUSY;
		goto done;
	}
	apply(&d, x, next);
	if ((rc = update_row(s, who, &d, now)) == KFQ_OK)
		rc = store_audit_entity(s, who, power_action_name(x->action), "power_delegation",
		                        *id, before, write_delegation, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, x->action, *id);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&tmp);
	return rc;
}

/* ---- guidance ---- */

static void read_guidance(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_guidance *g = element;

	memset(g, 0, sizeof(*g));
	g->id = store_col_int(st, 0);
	g->delegation_id = store_col_int(st, 1);
	g->kind = store_col_dup(st, 2, a);
	g->held_on = store_col_dup(st, 3, a);
	g->content = store_col_dup(st, 4, a);
	g->participants = store_col_int(st, 5);
	g->created_at = store_col_dup(st, 6, a);
	g->created_by_name = store_col_dup(st, 7, a);
}

int store_guidance_list(struct store *s, struct arena *a, int64_t delegation_id,
                        struct store_guidance **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_guidance_list, delegation_id, sizeof(**out), read_guidance,
	                       &arr, n);

	*out = arr;
	return rc;
}

static void read_guidance_named(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_guidance *g = element;

	read_guidance(st, a, element);
	g->zone_name = store_col_dup(st, 8, a);
	g->power_code = store_col_dup(st, 9, a);
	g->power_name = store_col_dup(st, 10, a);
	g->dept_name = store_col_dup(st, 11, a);
}

/* " WHERE …" of a record of a delegation (an evaluation, a guidance record): its delegation
 * (column deleg_col), the delegation's zone, department and power (0 = any), in scope. */
static void entry_where(struct store_sql *q, const char *deleg_col, int64_t delegation,
                        int64_t zone, int64_t dept, int64_t power, const struct store_scope *scope)
{
	store_sql_add(q, " WHERE 1 = 1");
	if (delegation) {
		store_sql_add(q, " AND ");
		store_sql_add(q, deleg_col);
		store_sql_int(q, " = ?", delegation);
	}
	if (zone)
		store_sql_int(q, " AND d.zone_org_id = ?", zone);
	if (dept)
		store_sql_int(q, " AND d.dept_org_id = ?", dept);
	if (power)
		store_sql_int(q, " AND d.power_id = ?", power);
	store_power_scope_either(q, "d.zone_org_id", "d.dept_org_id", scope);
}

static void guidance_filter(struct store_sql *q, const void *arg)
{
	const struct store_guidance_filter *f = arg;

	entry_where(q, "g.delegation_id", f->delegation_id, f->zone_org_id, f->dept_org_id,
	            f->power_id, &f->scope);
}

int store_guidance_all(struct store *s, struct arena *a, const struct store_guidance_filter *f,
                       struct store_guidance **out, int *n)
{
	void *arr;
	int rc = collect_all(s, a, sql_guidance_all, guidance_filter, f,
	                     " ORDER BY z.name, p.code, g.held_on DESC, g.id DESC",
	                     read_guidance_named, sizeof(**out), &arr, n);

	*out = arr;
	return rc;
}

int store_guidance_add(struct store *s, const struct store_actor *who,
                       const struct store_power_json *json, struct store_guidance *g)
{
	struct store_stmt *st;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_guidance_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, g->delegation_id);
	store_bind_text(st, 2, g->kind);
	store_bind_text(st, 3, g->held_on);
	store_bind_text(st, 4, g->content);
	store_bind_int(st, 5, g->participants);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	if ((rc = store_run_id(st, &g->id)) != KFQ_OK)
		goto done;
	g->created_at = now;
	jsonw_init(&w, &sb);
	json->guidance(&w, g);
	g->created_at = NULL; /* now is this function's */
	rc = store_audit_append_id(s, who, "create", "power_guidance", g->id, NULL, sb.buf);
done:
	strbuf_release(&sb);
	return store_end(s, rc);
}

/* ---- monthly figures ---- */

static void read_month(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_case_month *m = element;

	m->delegation_id = store_col_int(st, 0);
	m->month = store_col_dup(st, 1, a);
	m->f.received = store_col_int(st, 2);
	m->f.done = store_col_int(st, 3);
	m->f.done_in_time = store_col_int(st, 4);
	m->f.days_x100 = store_col_int(st, 5);
	m->f.good = store_col_int(st, 6);
	m->f.bad = store_col_int(st, 7);
}

int store_case_month_list(struct store *s, struct arena *a, int64_t delegation_id,
                          struct store_case_month **out, int *n)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_month_list, delegation_id, sizeof(**out), read_month, &arr, n);

	*out = arr;
	return rc;
}

static void read_month_key(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_case_month *m = element;

	memset(m, 0, sizeof(*m));
	m->delegation_id = store_col_int(st, 0);
	m->month = store_col_dup(st, 1, a);
}

int store_case_month_keys(struct store *s, struct arena *a, int64_t org_id,
                          struct store_case_month **out, int *n)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_month_keys, org_id, sizeof(**out), read_month_key, &arr, n);

	*out = arr;
	return rc;
}

static int month_clear(struct store *s, int64_t delegation_id, const char *month)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_month_delete, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, delegation_id);
	store_bind_text(st, 2, month);
	return store_run(st);
}

static void bind_month(struct store_stmt *st, const struct store_case_month *m)
{
	store_bind_int(st, 1, m->delegation_id);
	store_bind_text(st, 2, m->month);
	store_bind_int(st, 3, m->f.received);
	store_bind_int(st, 4, m->f.done);
	store_bind_int(st, 5, m->f.done_in_time);
	store_bind_int(st, 6, m->f.days_x100);
	store_bind_int(st, 7, m->f.good);
	store_bind_int(st, 8, m->f.bad);
}

/* The month's figures as stored, in the caller's shape (heap), or NULL when absent. */
static char *month_json(struct store *s, const struct store_power_json *json, int64_t id,
                        const char *month, int *rc)
{
	struct store_stmt *st;
	struct store_case_month m;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	struct arena a;

	arena_init(&a);
	if ((*rc = store_prepare(s, sql_month_get, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, month);
		*rc = store_row(st, &a, read_month, &m);
	}
	if (*rc == KFQ_OK) {
		jsonw_init(&w, &sb);
		json->case_month(&w, &m);
	}
	arena_release(&a);
	if (*rc != KFQ_OK) {
		strbuf_release(&sb);
		if (*rc == KFQ_ENOTFOUND)
			*rc = KFQ_OK;
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* Runs clear_sql, then build_sql, both with ?1 = id. */
static int run_rebuild(struct store *s, const char *clear_sql, const char *build_sql, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, clear_sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, build_sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run(st);
}

int store_case_month_put(struct store *s, const struct store_actor *who,
                         const struct store_power_json *json, const struct store_case_month *m)
{
	struct store_stmt *st;
	char *before = NULL, *after = NULL, key[48];
	int rc;

	snprintf(key, sizeof(key), "%lld:%s", (long long)m->delegation_id, m->month);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	before = month_json(s, json, m->delegation_id, m->month, &rc);
	if (rc != KFQ_OK || (rc = month_clear(s, m->delegation_id, m->month)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_month_insert, &st)) != KFQ_OK)
		goto done;
	bind_month(st, m);
	if ((rc = store_run(st)) != KFQ_OK ||
	    (rc = run_rebuild(s, sql_run_clear, sql_run_build, m->delegation_id)) != KFQ_OK)
		goto done;
	after = month_json(s, json, m->delegation_id, m->month, &rc);
	if (rc == KFQ_OK)
		rc = store_audit_append(s, who, before ? "update" : "create", "power_case_month",
		                        key, before, after);
done:
	free(before);
	free(after);
	return store_end(s, rc);
}

int store_case_run_refresh(struct store *s, int64_t org_id)
{
	return run_rebuild(s, sql_run_clear_org, sql_run_build_org, org_id);
}

int store_case_month_bulk_row(struct store_bulk *b, const struct store_case_month *m)
{
	store_bulk_int(b, m->delegation_id);
	store_bulk_text(b, m->month);
	store_bulk_int(b, m->f.received);
	store_bulk_int(b, m->f.done);
	store_bulk_int(b, m->f.done_in_time);
	store_bulk_int(b, m->f.days_x100);
	store_bulk_int(b, m->f.good);
	store_bulk_int(b, m->f.bad);
	return store_bulk_row(b);
}

static void read_key(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_delegation_key *k = element;

	k->id = store_col_int(st, 0);
	k->power_code = store_col_dup(st, 1, a);
	k->zone_org_id = store_col_int(st, 2);
	k->zone_name = store_col_dup(st, 3, a);
	k->dept_org_id = store_col_int(st, 4);
	k->status = store_col_dup(st, 5, a);
	k->effective_from = store_col_dup(st, 6, a);
}

int store_delegation_keys(struct store *s, struct arena *a, struct store_delegation_key **out,
                          int *n)
{
	struct store_list l = {.list_sql = sql_keys, .read = read_key, .elem_size = sizeof(**out)};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* ---- sums and evaluations ---- */

static void read_sums(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_power_sums *x = element;
	const char *last, *since, *taken;

	memset(x, 0, sizeof(*x));
	x->delegation_id = store_col_int(st, 0);
	x->power_id = store_col_int(st, 1);
	x->power_code = store_col_dup(st, 2, a);
	x->power_name = store_col_dup(st, 3, a);
	x->zone_org_id = store_col_int(st, 4);
	x->zone_name = store_col_dup(st, 5, a);
	x->dept_org_id = store_col_int(st, 6);
	x->dept_name = store_col_dup(st, 7, a);
	x->status = store_col_dup(st, 8, a);
	x->promised_days = store_col_int(st, 9);
	x->sums.received = store_col_int(st, 10);
	x->sums.done = store_col_int(st, 11);
	x->sums.done_in_time = store_col_int(st, 12);
	x->sums.days_x100_done = store_col_int(st, 13);
	x->sums.good = store_col_int(st, 14);
	x->sums.bad = store_col_int(st, 15);
	last = store_col_text(st, 16);
	x->sums.last_active = last ? power_month(last) : -1;
	x->evaluations = store_col_int(st, 17);
	x->last_result = store_col_dup(st, 18, a);
	since = store_col_text(st, 19);
	/* the month of YYYY-MM-DD */
	x->sums.since = since && strlen(since) >= 7 ? power_month(arena_strndup(a, since, 7)) : -1;
	taken = store_col_text(st, 20);
	x->sums.taken = taken && strlen(taken) >= 7 ? power_month(arena_strndup(a, taken, 7)) : -1;
	x->sums.not_taken = !power_taken(x->status);
}

/* the sums' filters as their callbacks see them */
struct sums_arg {
	const struct store_sums_filter *f;
	int sides; /* of the scope (scope_sides) */
};

/* the period of the list's months (?1 ?2); the count does not need it */
static void sums_head(struct store_sql *q, const void *arg)
{
	const struct store_sums_filter *f = ((const struct sums_arg *)arg)->f;

	store_sql_param_text(q, f->from);
	store_sql_param_text(q, f->to);
}

/* the powers held delegated, of the filters given, whose zone or department is in the scope */
static void sums_filter(struct store_sql *q, const void *arg)
{
	const struct sums_arg *x = arg;
	const struct store_sums_filter *f = x->f;

	store_sql_add(q, " WHERE " HELD);
	if (f->zone_org_id)
		store_sql_int(q, " AND d.zone_org_id = ?", f->zone_org_id);
	if (f->dept_org_id)
		store_sql_int(q, " AND d.dept_org_id = ?", f->dept_org_id);
	if (f->delegation_id)
		store_sql_int(q, " AND d.id = ?", f->delegation_id);
	store_power_scope_side(q, "d.zone_org_id", "d.dept_org_id", &f->scope, x->sides);
}

int store_power_sums(struct store *s, struct arena *a, const struct store_sums_filter *f,
                     struct store_power_sums **out, int *n, int64_t *total)
{
	struct sums_arg x = {f, 0};
	struct store_list l = {
	    .count_sql = sql_sums_count,
	    .list_sql = sql_sums,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = &x,
	    .read = read_sums,
	    .elem_size = sizeof(**out),
	    .filter = sums_filter,
	    .head = sums_head,
	    .order = " ORDER BY z.name, p.code",
	    .tail = sums_tail,
	};
	void *arr;
	int rc;

	if ((rc = scope_sides(s, a, &f->scope, &x.sides)) != KFQ_OK)
		return rc;
	rc = store_list_page(s, a, &l, &arr, n, total);
	*out = arr;
	return rc;
}

static void read_eval(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_evaluation *e = element;

	memset(e, 0, sizeof(*e));
	e->id = store_col_int(st, 0);
	e->delegation_id = store_col_int(st, 1);
	e->period_from = store_col_dup(st, 2, a);
	e->period_to = store_col_dup(st, 3, a);
	e->fig.received = store_col_int(st, 4);
	e->fig.done = store_col_int(st, 5);
	e->fig.done_in_time = store_col_int(st, 6);
	e->fig.overdue = e->fig.done - e->fig.done_in_time;
	e->fig.avg_days_x100 = store_col_int(st, 7);
	e->fig.good = store_col_int(st, 8);
	e->fig.bad = store_col_int(st, 9);
	e->fig.idle = store_col_int(st, 10) != 0;
	e->result = store_col_dup(st, 11, a);
	e->reason = store_col_dup(st, 12, a);
	e->problems = store_col_dup(st, 13, a);
	e->evaluated_at = store_col_dup(st, 14, a);
	e->evaluated_by_name = store_col_dup(st, 15, a);
	e->power_name = store_col_dup(st, 16, a);
	e->zone_name = store_col_dup(st, 17, a);
	e->zone_org_id = store_col_int(st, 18);
	e->dept_org_id = store_col_int(st, 19);
	e->dept_name = store_col_dup(st, 20, a);
	e->power_code = store_col_dup(st, 21, a);
}

static void eval_filter(struct store_sql *q, const void *arg)
{
	const struct store_eval_filter *f = arg;

	entry_where(q, "e.delegation_id", f->delegation_id, f->zone_org_id, f->dept_org_id,
	            f->power_id, &f->scope);
	if (f->result)
		store_sql_text(q, " AND e.result = ?", f->result);
	/* a period that meets [from, to]: it ends on or after from and starts on or before to */
	if (f->from)
		store_sql_text(q, " AND e.period_to >= ?", f->from);
	if (f->to)
		store_sql_text(q, " AND e.period_from <= ?", f->to);
}

int store_evaluation_list(struct store *s, struct arena *a, const struct store_eval_filter *f,
                          struct store_evaluation **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_eval_count,
	    .list_sql = sql_eval_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_eval,
	    .elem_size = sizeof(**out),
	    .filter = eval_filter,
	    .order = " ORDER BY e.id DESC",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

static void read_eval_count(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_eval_count *c = element;

	c->dept_org_id = store_col_int(st, 0);
	c->dept_name = store_col_dup(st, 1, a);
	c->result = store_col_dup(st, 2, a);
	c->n = store_col_int(st, 3);
}

int store_evaluation_counts(struct store *s, struct arena *a, const struct store_eval_filter *f,
                            struct store_eval_count **out, int *n)
{
	void *arr;
	int rc = collect_all(s, a, sql_eval_counts, eval_filter, f,
	                     " GROUP BY d.dept_org_id, o.name, e.result ORDER BY o.name, "
	                     "d.dept_org_id, e.result",
	                     read_eval_count, sizeof(**out), &arr, n);

	*out = arr;
	return rc;
}

static int write_eval(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_power_json *shape = json;
	struct store_stmt *st;
	struct store_evaluation e;
	int rc;

	if ((rc = store_prepare(s, sql_eval_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_eval, &e)) == KFQ_OK)
		shape->evaluation(w, &e);
	return rc;
}

int store_evaluation_create(struct store *s, const struct store_actor *who,
                            const struct store_power_json *json, struct store_evaluation *e)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_eval_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, e->delegation_id);
	store_bind_text(st, 2, e->period_from);
	store_bind_text(st, 3, e->period_to);
	store_bind_int(st, 4, e->fig.received);
	store_bind_int(st, 5, e->fig.done);
	store_bind_int(st, 6, e->fig.done_in_time);
	store_bind_int(st, 7, e->fig.avg_days_x100);
	store_bind_int(st, 8, e->fig.good);
	store_bind_int(st, 9, e->fig.bad);
	store_bind_int(st, 10, e->fig.idle);
	store_bind_text(st, 11, e->result);
	store_bind_text(st, 12, e->reason);
	store_bind_text(st, 13, e->problems);
	store_bind_text(st, 14, now);
	store_bind_id(st, 15, who->user_id);
	if ((rc = store_run_id(st, &e->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "power_evaluation", e->id, NULL,
		                        write_eval, json);
done:
	if ((rc = store_end(s, rc)) != KFQ_OK)
		e->id = 0;
	return rc;
}

/* ---- the office's setting ---- */

static void read_setting(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_power_setting *p = element;

	p->idle_months = store_col_int(st, 0);
	p->changed_at = store_col_dup(st, 1, a);
	p->changed_by_name = store_col_dup(st, 2, a);
}

int store_power_setting_get(struct store *s, struct arena *a, struct store_power_setting *out)
{
	struct store_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->idle_months = POWER_IDLE_MONTHS;
	if ((rc = store_prepare(s, sql_setting_get, &st)) != KFQ_OK)
		return rc;
	rc = store_row(st, a, read_setting, out);
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

static char *setting_json(struct store *s, const struct store_power_json *json, int *rc)
{
	struct store_power_setting p;
	struct strbuf sb = STRBUF_INIT;
	struct arena a;
	struct jsonw w;

	arena_init(&a);
	if ((*rc = store_power_setting_get(s, &a, &p)) != KFQ_OK) {
		arena_release(&a);
		return NULL;
	}
	jsonw_init(&w, &sb);
	json->setting(&w, &p);
	arena_release(&a);
	return strbuf_detach(&sb, NULL);
}

int store_power_setting_put(struct store *s, const struct store_actor *who,
                            const struct store_power_json *json, int64_t idle_months)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if (!(before = setting_json(s, json, &rc)) ||
	    (rc = store_prepare(s, sql_setting_put, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, idle_months);
	store_bind_text(st, 2, now);
	store_bind_id(st, 3, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK && (after = setting_json(s, json, &rc)))
		rc = store_audit_append_id(s, who, "update", "power_setting", 1, before, after);
done:
	free(before);
	free(after);
	return store_end(s, rc);
}

/* ---- publication and the public page ---- */

static char *publication_json(struct store *s, const struct store_power_json *json, int64_t zone,
                              int *rc)
{
	struct store_stmt *st;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int64_t published = 0;

	if ((*rc = store_prepare(s, sql_pub_get, &st)) != KFQ_OK)
		return NULL;
	store_bind_int(st, 1, zone);
	*rc = store_row(st, NULL, store_read_int, &published);
	if (*rc == KFQ_ENOTFOUND)
		*rc = KFQ_OK;
	if (*rc != KFQ_OK)
		return NULL;
	jsonw_init(&w, &sb);
	json->publication(&w, zone, published != 0);
	return strbuf_detach(&sb, NULL);
}

int store_power_publish(struct store *s, const struct store_actor *who,
                        const struct store_power_json *json, int64_t zone_org_id, bool published)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if (!(before = publication_json(s, json, zone_org_id, &rc)) ||
	    (rc = store_prepare(s, sql_pub_delete, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, zone_org_id);
	if ((rc = store_run(st)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_pub_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, zone_org_id);
	store_bind_int(st, 2, published);
	store_bind_text(st, 3, now);
	store_bind_id(st, 4, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	if ((after = publication_json(s, json, zone_org_id, &rc)))
		rc = store_audit_append_id(s, who, published ? "publish" : "withdraw",
		                           "power_list_publication", zone_org_id, before, after);
done:
	free(before);
	free(after);
	return store_end(s, rc);
}

static void read_public(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_public_entry *p = element;

	p->zone_org_id = store_col_int(st, 0);
	p->zone_name = store_col_dup(st, 1, a);
	p->power_code = store_col_dup(st, 2, a);
	p->power_name = store_col_dup(st, 3, a);
	p->kind = store_col_dup(st, 4, a);
	p->dept_name = store_col_dup(st, 5, a);
	p->mode = store_col_dup(st, 6, a);
	p->status = store_col_dup(st, 7, a);
	p->service_place = store_col_dup(st, 8, a);
	p->acting_by = store_col_dup(st, 9, a);
	p->promised_days = store_col_int(st, 10);
	p->statutory_days = store_col_int(st, 11);
	p->accept_incomplete = store_col_int(st, 12) != 0;
	p->notify_commit = store_col_int(st, 13) != 0;
	p->effective_from = store_col_dup(st, 14, a);
}

int store_power_public(struct store *s, struct arena *a, int64_t zone_org_id,
                       struct store_public_entry **out, int *n)
{
	struct store_list every = {
	    .list_sql = sql_public, .read = read_public, .elem_size = sizeof(**out)};
	void *arr;
	int64_t total;
	int rc = zone_org_id ? store_collect(s, a, sql_public_zone, zone_org_id, sizeof(**out),
	                                     read_public, &arr, n)
	                     : store_list_page(s, a, &every, &arr, n, &total);

	*out = arr;
	return rc;
}

static void read_public_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_public_zone *z = element;

	z->id = store_col_int(st, 0);
	z->name = store_col_dup(st, 1, a);
	z->entries = store_col_int(st, 2);
}

int store_power_public_zones(struct store *s, struct arena *a, struct store_public_zone **out,
                             int *n)
{
	struct store_list l = {
	    .list_sql = sql_public_zones, .read = read_public_zone, .elem_size = sizeof(**out)};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}
