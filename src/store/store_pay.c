/* store_pay.c - performance pay in SQL: the year's figures, the pools read from them and the
 * rosters, the distribution plans and their filing. The arithmetic and the plan's rules are
 * core/pay.c's; this file gathers the inputs (inside the write transaction for a plan),
 * records and audits. Must not decide who may set, file or acknowledge (api/ does). */
#include "store/store_pay.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "core/enums.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_level_find[] = "SELECT id FROM pay_level WHERE year = ?1 AND level_key = ?2";
static const char sql_level_insert[] =
    "INSERT INTO pay_level (year, level_key, level_org_id, ref_salary_fen, r_fen, set_at, "
    "set_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char sql_level_update[] =
    "UPDATE pay_level SET ref_salary_fen = ?4, r_fen = ?5, set_at = ?6, set_by = ?7 "
    "WHERE year = ?1 AND level_key = ?2 RETURNING id";
#define LEVEL_COLS                                                                                 \
	"SELECT l.id, l.year, COALESCE(l.level_org_id, 0), COALESCE(o.name, '市本级'), "        \
	"l.ref_salary_fen, l.r_fen, l.set_at FROM pay_level l LEFT JOIN org o ON o.id = "          \
	"l.level_org_id"
static const char sql_level_get[] = LEVEL_COLS " WHERE l.id = ?1";
static const char sql_level_list[] =
    LEVEL_COLS " WHERE l.year = ?1 ORDER BY l.level_org_id IS NOT NULL, o.name";

static const char sql_coef_find[] = "SELECT id FROM pay_coefficient WHERE year = ?1 AND grade = ?2";
static const char sql_coef_insert[] =
    "INSERT INTO pay_coefficient (year, grade, coef_bp, set_at, set_by) VALUES (?1, ?2, ?3, "
    "?4, ?5) RETURNING id";
static const char sql_coef_update[] =
    "UPDATE pay_coefficient SET coef_bp = ?3, set_at = ?4, set_by = ?5 WHERE year = ?1 AND "
    "grade = ?2 RETURNING id";
#define COEF_COLS "SELECT id, year, grade, coef_bp, set_at FROM pay_coefficient"
static const char sql_coef_get[] = COEF_COLS " WHERE id = ?1";
static const char sql_coef_list[] = COEF_COLS " WHERE year = ?1 ORDER BY coef_bp DESC, grade";

static const char sql_grade_find_org[] =
    "SELECT id FROM zone_grade WHERE year = ?1 AND org_id = ?2";
static const char sql_grade_insert[] =
    "INSERT INTO zone_grade (year, org_id, grade, set_at, set_by) VALUES (?1, ?2, ?3, ?4, ?5) "
    "RETURNING id";
/* A published assessment result rules the zone's grade of its year (store_assess.c writes it). */
static const char sql_grade_published[] =
    "SELECT r.id FROM assess_result r JOIN assess_scheme s ON s.id = r.scheme_id WHERE s.year = "
    "?1 AND r.org_id = ?2 AND s.status = 'published'";
static const char sql_grade_update[] =
    "UPDATE zone_grade SET grade = ?3, set_at = ?4, set_by = ?5 WHERE year = ?1 AND org_id = "
    "?2 RETURNING id";
#define GRADE_COLS                                                                                 \
	"SELECT g.id, g.year, g.org_id, o.name, g.grade, g.set_at FROM zone_grade g JOIN org o "   \
	"ON o.id = g.org_id"
static const char sql_grade_get[] = GRADE_COLS " WHERE g.id = ?1";
static const char sql_grade_list[] = GRADE_COLS;

static const char sql_zones[] = "SELECT o.id, o.name, COALESCE(o.parent_id, 0) FROM org o";
/* A pool's inputs, read for every zone at once (one statement per input, not per zone; ?1 the
 * year, or 31 December of it for the head-count) or, in the _one forms, for zone ?2 alone. */
#define SQL_GRADES "SELECT org_id, grade FROM zone_grade WHERE year = ?1"
static const char sql_grades_all[] = SQL_GRADES;
static const char sql_grades_one[] = SQL_GRADES " AND org_id = ?2";
static const char sql_levels[] =
    "SELECT l.level_key, COALESCE(l.level_org_id, 0), COALESCE(o.name, '市本级'), l.r_fen FROM "
    "pay_level l LEFT JOIN org o ON o.id = l.level_org_id WHERE l.year = ?1";
static const char sql_coefs[] = "SELECT grade, coef_bp FROM pay_coefficient WHERE year = ?1";
/* every year up to the pool's, the latest first: the first row of a zone rules */
#define SQL_STAFFING "SELECT org_id, year, quota FROM staffing WHERE year <= ?1"
static const char sql_staffing_all[] = SQL_STAFFING " ORDER BY org_id, year DESC";
static const char sql_staffing_one[] = SQL_STAFFING " AND org_id = ?2 ORDER BY org_id, year DESC";
#define SQL_HEADS                                                                                  \
	"SELECT org_id, COUNT(*), COALESCE(SUM(CASE WHEN seconded = 1 AND paid_by_zone = 0 THEN "  \
	"1 "                                                                                       \
	"ELSE 0 END), 0) FROM person WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > "  \
	"?1)"
static const char sql_heads_all[] = SQL_HEADS " GROUP BY org_id";
static const char sql_heads_one[] = SQL_HEADS " AND org_id = ?2 GROUP BY org_id";
static const char sql_zone_parent[] = "SELECT COALESCE(parent_id, 0), name FROM org WHERE id = ?1";

/* the organizations holding ack_pay_filing that have yet to acknowledge a filed plan p; none
 * for a plan in any other state */
#define PLAN_PENDING                                                                               \
	"CASE WHEN p.status = 'filed' THEN (SELECT COUNT(*) FROM org_capability c WHERE "          \
	"c.capability = 'ack_pay_filing' AND NOT EXISTS (SELECT 1 FROM pay_filing_ack k WHERE "    \
	"k.plan_id = p.id AND k.org_id = c.org_id AND k.decision = 'ack')) ELSE 0 END"
#define PLAN_COLS                                                                                  \
	"SELECT p.id, p.org_id, o.name, p.year, p.status, p.pool_fen, p.base_total_fen, "          \
	"p.perf_total_fen, p.incentive_total_fen, p.total_fen, p.note, p.updated_at, "             \
	"p.filed_at, p.effective_at, " PLAN_PENDING                                                \
	" FROM pay_plan p JOIN org o ON o.id = p.org_id"
static const char sql_plan_get[] = PLAN_COLS " WHERE p.id = ?1";
static const char sql_plan_list[] = PLAN_COLS;
static const char sql_plans_unawaited[] =
    "SELECT p.id FROM pay_plan p WHERE p.id > ?1 AND p.status = 'filed' AND " PLAN_PENDING
    " = 0 ORDER BY p.id";
static const char sql_plan_find[] =
    "SELECT id, status FROM pay_plan WHERE org_id = ?1 AND year = ?2";
static const char sql_plan_insert[] =
    "INSERT INTO pay_plan (org_id, year, status, pool_fen, base_total_fen, perf_total_fen, "
    "incentive_total_fen, total_fen, note, updated_at, updated_by) VALUES (?1, ?2, 'draft', "
    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
static const char sql_plan_update[] =
    "UPDATE pay_plan SET status = 'draft', pool_fen = ?3, base_total_fen = ?4, perf_total_fen "
    "= ?5, incentive_total_fen = ?6, total_fen = ?7, note = ?8, updated_at = ?9, updated_by = "
    "?10, filed_at = NULL WHERE org_id = ?1 AND year = ?2 RETURNING id";
static const char sql_lines_clear[] = "DELETE FROM pay_plan_line WHERE plan_id = ?1";
static const char sql_line_insert[] =
    "INSERT INTO pay_plan_line (plan_id, person_id, base_fen, perf_fen, incentive_fen) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_lines[] =
    "SELECT l.person_id, p.name, p.identity, l.base_fen, l.perf_fen, l.incentive_fen FROM "
    "pay_plan_line l JOIN person p ON p.id = l.person_id WHERE l.plan_id = ?1 ORDER BY l.id";
static const char sql_acks[] =
    "SELECT k.org_id, o.name, k.decision, k.comment, k.decided_at, u.display_name FROM "
    "pay_filing_ack k JOIN org o ON o.id = k.org_id LEFT JOIN app_user u ON u.id = "
    "k.decided_by WHERE k.plan_id = ?1 ORDER BY o.name";
static const char sql_person_year[] =
    "SELECT org_id, identity, start_date, end_date FROM person WHERE id = ?1";
static const char sql_plan_status[] = "UPDATE pay_plan SET status = ?2, filed_at = COALESCE(?3, "
                                      "filed_at), effective_at = ?4 WHERE id = ?1";
static const char sql_plan_pool[] = "UPDATE pay_plan SET pool_fen = ?2 WHERE id = ?1";
static const char sql_acks_clear[] = "DELETE FROM pay_filing_ack WHERE plan_id = ?1";
static const char sql_ack_delete[] =
    "DELETE FROM pay_filing_ack WHERE plan_id = ?1 AND org_id = ?2";
static const char sql_ack_insert[] =
    "INSERT INTO pay_filing_ack (plan_id, org_id, decision, comment, decided_at, decided_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* ---- small helpers ---- */

/* Steps st once: *found and, when found, *v the integer of column 0. */
static int one_int(struct store_stmt *st, int64_t *v, bool *found)
{
	int rc = store_step(st);

	*found = rc == KFQ_ROW;
	if (*found)
		*v = store_col_int(st, 0);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The id of the row sql finds with ?1 = year and ?2 = key (text) or org (0 when not found). */
static int find_id(struct store *s, const char *sql, int year, const char *key, int64_t org,
                   int64_t *id)
{
	struct store_stmt *st;
	bool found;
	int rc;

	*id = 0;
	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	if (key)
		store_bind_text(st, 2, key);
	else
		store_bind_int(st, 2, org);
	return one_int(st, id, &found);
}

/* Upserts a row of the year's figures and audits it: find, then insert or update with the
 * binder's parameters (?1 year, ?2 key, the rest its own), with before and after read by get. */
struct upsert {
	const char *find, *insert, *update, *entity;
	int year;
	const char *key;
	int64_t org;
	void (*bind)(struct store_stmt *st, const void *row);
	const void *row;
	store_entity_writer get;
	const void *json;
	const char *guard; /* NULL, or a find that refuses the change (KFQ_ESTATE) when it finds */
};

/* The upsert inside the caller's write transaction; action names the audit record. */
static int upsert_tx(struct store *s, const struct store_actor *who, const struct upsert *u,
                     const char *action, int64_t *id)
{
	struct store_stmt *st;
	char *before = NULL;
	int64_t existing;
	int rc;

	if (u->guard && (rc = find_id(s, u->guard, u->year, u->key, u->org, &existing)) != KFQ_OK)
		goto done;
	if (u->guard && existing) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = find_id(s, u->find, u->year, u->key, u->org, &existing)) != KFQ_OK)
		goto done;
	if (existing && !(before = store_entity_json(s, existing, u->get, u->json, &rc)))
		goto done;
	if ((rc = store_prepare(s, existing ? u->update : u->insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, u->year);
	if (u->key)
		store_bind_text(st, 2, u->key);
	else
		store_bind_int(st, 2, u->org);
	u->bind(st, u->row);
	if ((rc = store_run_id(st, id)) == KFQ_OK)
		rc = store_audit_entity(s, who, action, u->entity, *id, before, u->get, u->json);
done:
	free(before);
	return rc;
}

static int upsert(struct store *s, const struct store_actor *who, const struct upsert *u,
                  int64_t *id)
{
	int rc = store_begin(s);

	if (rc != KFQ_OK)
		return rc;
	return store_end(s, upsert_tx(s, who, u, "set", id));
}

/* Rows of sql with ?1 = year, read by read, into an arena array. */
static int list_year(struct store *s, struct arena *a, const char *sql, int year, size_t size,
                     store_reader read, void **out, int *n)
{
	return store_collect(s, a, sql, year, size, read, out, n);
}

/* ---- the year's figures ---- */

static void read_level(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_pay_level *l = element;

	l->id = store_col_int(st, 0);
	l->year = (int)store_col_int(st, 1);
	l->level_org_id = store_col_int(st, 2);
	l->level_name = store_col_dup(st, 3, a);
	l->ref_salary_fen = store_col_int(st, 4);
	l->r_fen = store_col_int(st, 5);
	l->set_at = store_col_dup(st, 6, a);
}

/* A row of the year's figures as the caller's writer writes it: read by sql (?1 = id) into a
 * size-byte element, then handed to the writer. */
static int figure_write(struct store *s, struct arena *a, int64_t id, const char *sql,
                        store_reader read, size_t size,
                        void (*shape)(const struct store_pay_json *json, struct jsonw *w,
                                      const void *row),
                        const void *json, struct jsonw *w)
{
	struct store_stmt *st;
	void *row = arena_zalloc(a, size);
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read, row)) == KFQ_OK)
		shape(json, w, row);
	return rc;
}

static void shape_level(const struct store_pay_json *json, struct jsonw *w, const void *row)
{
	json->level(w, row);
}

static int level_write(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	return figure_write(s, a, id, sql_level_get, read_level, sizeof(struct store_pay_level),
	                    shape_level, json, w);
}

static void bind_level(struct store_stmt *st, const void *row)
{
	const struct store_pay_level *l = row;
	char now[TIME_RFC3339_LEN];

	time_format(time_now(), now);
	store_bind_id(st, 3, l->level_org_id);
	store_bind_int(st, 4, l->ref_salary_fen);
	store_bind_int(st, 5, l->r_fen);
	store_bind_text(st, 6, now);
}

int store_pay_level_set(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, struct store_pay_level *l)
{
	char key[24];
	struct upsert u = {sql_level_find,
	                   sql_level_insert,
	                   sql_level_update,
	                   "pay_level",
	                   l->year,
	                   key,
	                   0,
	                   bind_level,
	                   l,
	                   level_write,
	                   json};

	if (l->level_org_id)
		snprintf(key, sizeof(key), "%lld", (long long)l->level_org_id);
	else
		snprintf(key, sizeof(key), "city");
	return upsert(s, who, &u, &l->id);
}

int store_pay_level_list(struct store *s, struct arena *a, int year, struct store_pay_level **out,
                         int *n)
{
	void *arr;
	int rc = list_year(s, a, sql_level_list, year, sizeof(**out), read_level, &arr, n);

	*out = arr;
	return rc;
}

static void read_coef(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_pay_coef *c = element;

	c->id = store_col_int(st, 0);
	c->year = (int)store_col_int(st, 1);
	c->grade = store_col_dup(st, 2, a);
	c->coef_bp = store_col_int(st, 3);
	c->set_at = store_col_dup(st, 4, a);
}

static void shape_coef(const struct store_pay_json *json, struct jsonw *w, const void *row)
{
	json->coef(w, row);
}

static int coef_write(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	return figure_write(s, a, id, sql_coef_get, read_coef, sizeof(struct store_pay_coef),
	                    shape_coef, json, w);
}

static void bind_coef(struct store_stmt *st, const void *row)
{
	const struct store_pay_coef *c = row;
	char now[TIME_RFC3339_LEN];

	time_format(time_now(), now);
	store_bind_int(st, 3, c->coef_bp);
	store_bind_text(st, 4, now);
}

int store_pay_coef_set(struct store *s, const struct store_actor *who,
                       const struct store_pay_json *json, struct store_pay_coef *c)
{
	struct upsert u = {sql_coef_find,
	                   sql_coef_insert,
	                   sql_coef_update,
	                   "pay_coefficient",
	                   c->year,
	                   c->grade,
	                   0,
	                   bind_coef,
	                   c,
	                   coef_write,
	                   json};

	return upsert(s, who, &u, &c->id);
}

int store_pay_whatif_adopt(struct store *s, const struct store_actor *who,
                           const struct store_pay_json *json, struct store_pay_coef *cs, int n,
                           const struct store_assess_json *assess_json,
                           const struct store_assess_thresholds *t,
                           struct store_assess_outcome *why)
{
	int rc = store_begin(s);

	if (rc != KFQ_OK)
		return rc;
	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		struct upsert u = {sql_coef_find,
		                   sql_coef_insert,
		                   sql_coef_update,
		                   "pay_coefficient",
		                   cs[i].year,
		                   cs[i].grade,
		                   0,
		                   bind_coef,
		                   &cs[i],
		                   coef_write,
		                   json};
		rc = upsert_tx(s, who, &u, "adopt_scenario", &cs[i].id);
	}
	if (rc == KFQ_OK && n > 0)
		rc = store_assess_thresholds_tx(s, who, assess_json, cs[0].year, t, why);
	return store_end(s, rc);
}

int store_pay_coef_list(struct store *s, struct arena *a, int year, struct store_pay_coef **out,
                        int *n)
{
	void *arr;
	int rc = list_year(s, a, sql_coef_list, year, sizeof(**out), read_coef, &arr, n);

	*out = arr;
	return rc;
}

static void read_grade(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_zone_grade *g = element;

	g->id = store_col_int(st, 0);
	g->year = (int)store_col_int(st, 1);
	g->org_id = store_col_int(st, 2);
	g->org_name = store_col_dup(st, 3, a);
	g->grade = store_col_dup(st, 4, a);
	g->set_at = store_col_dup(st, 5, a);
}

static void shape_grade(const struct store_pay_json *json, struct jsonw *w, const void *row)
{
	json->grade(w, row);
}

static int grade_write(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	return figure_write(s, a, id, sql_grade_get, read_grade, sizeof(struct store_zone_grade),
	                    shape_grade, json, w);
}

static void bind_grade(struct store_stmt *st, const void *row)
{
	const struct store_zone_grade *g = row;
	char now[TIME_RFC3339_LEN];

	time_format(time_now(), now);
	store_bind_text(st, 3, g->grade);
	store_bind_text(st, 4, now);
}

int store_zone_grade_set(struct store *s, const struct store_actor *who,
                         const struct store_pay_json *json, struct store_zone_grade *g)
{
	struct upsert u = {sql_grade_find_org,
	                   sql_grade_insert,
	                   sql_grade_update,
	                   "zone_grade",
	                   g->year,
	                   NULL,
	                   g->org_id,
	                   bind_grade,
	                   g,
	                   grade_write,
	                   json,
	                   sql_grade_published};

	return upsert(s, who, &u, &g->id);
}

struct grade_filter {
	int year;
	const struct store_scope *scope;
};

static void grade_filter(struct store_sql *q, const void *arg)
{
	const struct grade_filter *f = arg;

	store_sql_int(q, " WHERE g.year = ?", f->year);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "g.org_id", f->scope);
	}
}

int store_zone_grade_list(struct store *s, struct arena *a, int year,
                          const struct store_scope *scope, struct store_zone_grade **out, int *n)
{
	struct grade_filter f = {year, scope};
	struct store_list l = {.list_sql = sql_grade_list,
	                       .arg = &f,
	                       .read = read_grade,
	                       .elem_size = sizeof(**out),
	                       .filter = grade_filter,
	                       .order = " ORDER BY o.name"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* ---- pools ---- */

/* One row of a pool's inputs: a zone's (or, for levels and coefficients, a key's) values. */
struct input_row {
	int64_t org_id;   /* grades, staffing, heads; levels: the level's organization */
	const char *key;  /* grades: the grade; levels: the level key; coefficients: the grade */
	const char *name; /* levels: the level's name */
	int64_t v1, v2;   /* levels: r_fen; coefficients: coef_bp; staffing: year, quota; heads:
	                     on the roster, unpaid secondees */
};

struct pool_inputs {
	struct input_row *grades, *levels, *coefs, *staffing, *heads;
	int ngrades, nlevels, ncoefs, nstaffing, nheads;
};

static void read_grade_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct input_row *r = element;

	r->org_id = store_col_int(st, 0);
	r->key = store_col_dup(st, 1, a);
}

static void read_level_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct input_row *r = element;

	r->key = store_col_dup(st, 0, a);
	r->org_id = store_col_int(st, 1);
	r->name = store_col_dup(st, 2, a);
	r->v1 = store_col_int(st, 3);
}

static void read_coef_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct input_row *r = element;

	r->key = store_col_dup(st, 0, a);
	r->v1 = store_col_int(st, 1);
}

/* staffing (org_id, year, quota) and heads (org_id, on roster, unpaid secondees) */
static void read_count_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct input_row *r = element;

	(void)a;
	r->org_id = store_col_int(st, 0);
	r->v1 = store_col_int(st, 1);
	r->v2 = store_col_int(st, 2);
}

/* Every row of sql with ?1 = the year (or date, when set) and ?2 = org_id when not 0, into an
 * arena array. */
static int input_rows(struct store *s, struct arena *a, const char *sql, int year, const char *date,
                      int64_t org_id, store_reader read, struct input_row **out, int *n)
{
	struct store_stmt *st;
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (date)
		store_bind_text(st, 1, date);
	else
		store_bind_int(st, 1, year);
	if (org_id)
		store_bind_int(st, 2, org_id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		memset(&(*out)[*n], 0, sizeof(**out));
		read(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The inputs of the year's pools: of every zone (org_id 0) or of one. */
static int pool_inputs_read(struct store *s, struct arena *a, int year, int64_t org_id,
                            struct pool_inputs *in)
{
	char dec31[16];
	int rc;

	snprintf(dec31, sizeof(dec31), "%04d-12-31", year);
	if ((rc = input_rows(s, a, org_id ? sql_grades_one : sql_grades_all, year, NULL, org_id,
	                     read_grade_row, &in->grades, &in->ngrades)) != KFQ_OK ||
	    (rc = input_rows(s, a, sql_levels, year, NULL, 0, read_level_row, &in->levels,
	                     &in->nlevels)) != KFQ_OK ||
	    (rc = input_rows(s, a, sql_coefs, year, NULL, 0, read_coef_row, &in->coefs,
	                     &in->ncoefs)) != KFQ_OK ||
	    (rc = input_rows(s, a, org_id ? sql_staffing_one : sql_staffing_all, year, NULL, org_id,
	                     read_count_row, &in->staffing, &in->nstaffing)) != KFQ_OK)
		return rc;
	return input_rows(s, a, org_id ? sql_heads_one : sql_heads_all, year, dec31, org_id,
	                  read_count_row, &in->heads, &in->nheads);
}

/* The first row of the zone, or of the key; NULL when none. */
static const struct input_row *row_of(const struct input_row *rows, int n, int64_t org_id,
                                      const char *key)
{
	for (int i = 0; i < n; i++)
		if (key ? !strcmp(rows[i].key, key) : rows[i].org_id == org_id)
			return &rows[i];
	return NULL;
}

/* The pool of zone p->org_id under county parent (0 = none) for p->year, from the inputs: the
 * grade, R of the county's level (the city's when the county has none), the grade's
 * coefficient, the latest staffing up to the year and the head-count on 31 December. */
static void pool_of(const struct pool_inputs *in, int64_t parent, struct store_pay_pool *p)
{
	const struct input_row *r;
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)parent);
	p->rule = PAY_NO_POOL;
	if ((r = row_of(in->grades, in->ngrades, p->org_id, NULL)) != NULL) {
		p->have_grade = true;
		p->grade = r->key;
	}
	if ((r = row_of(in->levels, in->nlevels, 0, key)) != NULL ||
	    (r = row_of(in->levels, in->nlevels, 0, "city")) != NULL) {
		p->have_level = true;
		p->level_org_id = r->org_id;
		p->level_name = r->name;
		p->p.r_fen = r->v1;
	}
	if (p->have_grade && (r = row_of(in->coefs, in->ncoefs, 0, p->grade)) != NULL) {
		p->have_coef = true;
		p->p.coef_bp = r->v1;
	}
	if ((r = row_of(in->staffing, in->nstaffing, p->org_id, NULL)) != NULL) {
		p->have_staffing = true;
		p->staffing_year = (int)r->v1;
		p->p.quota = r->v2;
	}
	if ((r = row_of(in->heads, in->nheads, p->org_id, NULL)) != NULL) {
		p->p.on_roster = r->v1;
		p->p.unpaid_secondees = r->v2;
	}
	if (p->have_grade && p->have_level && p->have_coef && p->have_staffing)
		p->rule = pay_pool_compute(&p->p);
	else if (p->have_staffing)
		pay_pool_heads(&p->p);
}

struct zone_row {
	int64_t id, parent;
	const char *name;
};

static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct zone_row *z = element;

	z->id = store_col_int(st, 0);
	z->name = store_col_dup(st, 1, a);
	z->parent = store_col_int(st, 2);
}

struct zone_filter {
	int64_t org_id;
	const struct store_scope *scope;
};

static void zone_filter(struct store_sql *q, const void *arg)
{
	const struct zone_filter *f = arg;

	store_sql_add(q, " WHERE o.type = 'zone'");
	if (f->org_id)
		store_sql_int(q, " AND o.id = ?", f->org_id);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "o.id", f->scope);
	}
}

int store_pay_pools(struct store *s, struct arena *a, int year, int64_t org_id,
                    const struct store_scope *scope, struct store_pay_pool **out, int *n)
{
	struct zone_filter f = {org_id, scope};
	struct store_list l = {.list_sql = sql_zones,
	                       .arg = &f,
	                       .read = read_zone,
	                       .elem_size = sizeof(struct zone_row),
	                       .filter = zone_filter,
	                       .order = " ORDER BY o.name"};
	struct pool_inputs in = {0};
	struct zone_row *zs;
	int64_t total;
	void *arr;
	int rc;

	*out = NULL;
	if ((rc = store_list_page(s, a, &l, &arr, n, &total)) != KFQ_OK ||
	    (rc = pool_inputs_read(s, a, year, org_id, &in)) != KFQ_OK)
		return rc;
	zs = arr;
	*out = arena_zalloc(a, sizeof(**out) * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].org_id = zs[i].id;
		(*out)[i].org_name = zs[i].name;
		(*out)[i].year = year;
		pool_of(&in, zs[i].parent, &(*out)[i]);
	}
	return KFQ_OK;
}

/* ---- plans ---- */

static void read_plan(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_pay_plan *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->org_id = store_col_int(st, 1);
	p->org_name = store_col_dup(st, 2, a);
	p->year = (int)store_col_int(st, 3);
	p->status = store_col_dup(st, 4, a);
	p->pool_fen = store_col_int(st, 5);
	p->t.base_fen = store_col_int(st, 6);
	p->t.perf_fen = store_col_int(st, 7);
	p->t.incentive_fen = store_col_int(st, 8);
	p->t.total_fen = store_col_int(st, 9);
	p->note = store_col_dup(st, 10, a);
	p->updated_at = store_col_dup(st, 11, a);
	p->filed_at = store_col_dup(st, 12, a);
	p->effective_at = store_col_dup(st, 13, a);
	p->pending = store_col_int(st, 14);
}

static void read_line(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_pay_line *l = element;

	l->person_id = store_col_int(st, 0);
	l->person_name = store_col_dup(st, 1, a);
	l->identity = store_col_dup(st, 2, a);
	l->base_fen = store_col_int(st, 3);
	l->perf_fen = store_col_int(st, 4);
	l->incentive_fen = store_col_int(st, 5);
}

static void read_ack(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_pay_ack *k = element;

	k->org_id = store_col_int(st, 0);
	k->org_name = store_col_dup(st, 1, a);
	k->decision = store_col_dup(st, 2, a);
	k->comment = store_col_dup(st, 3, a);
	k->decided_at = store_col_dup(st, 4, a);
	k->decided_by_name = store_col_dup(st, 5, a);
}

struct plan_filter {
	int year;
	const struct store_scope *scope;
};

static void plan_filter(struct store_sql *q, const void *arg)
{
	const struct plan_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->year)
		store_sql_int(q, " AND p.year = ?", f->year);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.org_id", f->scope);
	}
}

int store_pay_plan_list(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                        struct store_pay_plan **out, int *n)
{
	struct plan_filter f = {year, scope};
	struct store_list l = {.list_sql = sql_plan_list,
	                       .arg = &f,
	                       .read = read_plan,
	                       .elem_size = sizeof(**out),
	                       .filter = plan_filter,
	                       .order = " ORDER BY p.year DESC, o.name"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

int store_pay_plan_get(struct store *s, struct arena *a, int64_t id, struct store_pay_plan *out)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_plan_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_plan, out)) != KFQ_OK)
		return rc;
	if ((rc = store_collect(s, a, sql_lines, id, sizeof(*out->lines), read_line, &arr,
	                        &out->nlines)) != KFQ_OK)
		return rc;
	out->lines = arr;
	if ((rc = store_collect(s, a, sql_acks, id, sizeof(*out->acks), read_ack, &arr,
	                        &out->nacks)) != KFQ_OK)
		return rc;
	out->acks = arr;
	return KFQ_OK;
}

static int plan_write(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	struct store_pay_plan p;
	int rc = store_pay_plan_get(s, a, id, &p);

	if (rc == KFQ_OK)
		((const struct store_pay_json *)json)->plan(w, &p);
	return rc;
}

/* What the plan's check needs to know of line l's person in the zone's year. */
static int line_person(struct store *s, int64_t org_id, int year, struct pay_line *l)
{
	struct store_stmt *st;
	char jan1[16], dec31[16];
	int rc;

	snprintf(jan1, sizeof(jan1), "%04d-01-01", year);
	snprintf(dec31, sizeof(dec31), "%04d-12-31", year);
	l->on_roster = l->civil_servant = false;
	if ((rc = store_prepare(s, sql_person_year, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, l->person_id);
	if ((rc = store_step(st)) == KFQ_ROW) {
		const char *identity = store_col_text(st, 1);
		const char *start = store_col_text(st, 2), *end = store_col_text(st, 3);
		/* an end date is the first day gone, as for N: gone from 1 January is not on it */
		l->on_roster = store_col_int(st, 0) == org_id && strcmp(start, dec31) <= 0 &&
		               (!end || strcmp(end, jan1) > 0);
		l->civil_servant =
		    !strcmp(identity, "civil_servant") || !strcmp(identity, "civil_servant_ref");
	}
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

static int write_lines(struct store *s, int64_t plan_id, const struct store_pay_line *lines, int n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_lines_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, plan_id);
	if ((rc = store_run(st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if ((rc = store_prepare(s, sql_line_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, plan_id);
		store_bind_int(st, 2, lines[i].person_id);
		store_bind_int(st, 3, lines[i].base_fen);
		store_bind_int(st, 4, lines[i].perf_fen);
		store_bind_int(st, 5, lines[i].incentive_fen);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

/* The plan of org and year: *id (0 when none) and its status (arena). */
static int find_plan(struct store *s, struct arena *a, int64_t org_id, int year, int64_t *id,
                     const char **status)
{
	struct store_stmt *st;
	int rc;

	*id = 0;
	*status = NULL;
	if ((rc = store_prepare(s, sql_plan_find, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, year);
	if ((rc = store_step(st)) == KFQ_ROW) {
		*id = store_col_int(st, 0);
		*status = store_col_dup(st, 1, a);
	}
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* Inside the transaction: the zone's pool and the plan's check. */
static int check_plan(struct store *s, struct arena *a, struct store_pay_plan *in,
                      enum pay_rule *rule, int *bad)
{
	struct store_pay_pool pool = {.org_id = in->org_id, .year = in->year};
	struct pool_inputs inputs = {0};
	struct pay_line *pl = arena_zalloc(a, sizeof(*pl) * (size_t)(in->nlines + 1));
	struct store_stmt *st;
	int64_t parent = 0;
	int rc;

	if ((rc = store_prepare(s, sql_zone_parent, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, in->org_id);
	if ((rc = store_step(st)) == KFQ_ROW)
		parent = store_col_int(st, 0);
	store_reset(st);
	if (rc != KFQ_ROW)
		return rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
	if ((rc = pool_inputs_read(s, a, in->year, in->org_id, &inputs)) != KFQ_OK)
		return rc;
	pool_of(&inputs, parent, &pool);
	if ((*rule = pool.rule) != PAY_OK) {
		*bad = -1;
		return KFQ_EINVAL;
	}
	in->pool_fen = pool.p.pool_fen;
	for (int i = 0; i < in->nlines; i++) {
		pl[i].person_id = in->lines[i].person_id;
		pl[i].base_fen = in->lines[i].base_fen;
		pl[i].perf_fen = in->lines[i].perf_fen;
		pl[i].incentive_fen = in->lines[i].incentive_fen;
		if ((rc = line_person(s, in->org_id, in->year, &pl[i])) != KFQ_OK)
			return rc;
	}
	*rule = pay_plan_check(pl, in->nlines, in->pool_fen, &in->t, bad);
	return *rule == PAY_OK ? KFQ_OK : KFQ_EINVAL;
}

int store_pay_plan_save(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, struct store_pay_plan *in,
                        enum pay_rule *rule, int *bad)
{
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	const char *status;
	int64_t existing;
	int rc;

	*rule = PAY_OK;
	*bad = -1;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = find_plan(s, &a, in->org_id, in->year, &existing, &status)) != KFQ_OK)
		goto done;
	if (existing && strcmp(status, "draft") != 0 && strcmp(status, "returned") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if (existing && !(before = store_entity_json(s, existing, plan_write, json, &rc)))
		goto done;
	if ((rc = check_plan(s, &a, in, rule, bad)) != KFQ_OK)
		goto done;
	if ((rc = store_prepare(s, existing ? sql_plan_update : sql_plan_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, in->org_id);
	store_bind_int(st, 2, in->year);
	store_bind_int(st, 3, in->pool_fen);
	store_bind_int(st, 4, in->t.base_fen);
	store_bind_int(st, 5, in->t.perf_fen);
	store_bind_int(st, 6, in->t.incentive_fen);
	store_bind_int(st, 7, in->t.total_fen);
	store_bind_text(st, 8, in->note);
	store_bind_text(st, 9, now);
	store_bind_id(st, 10, who->user_id);
	if ((rc = store_run_id(st, &in->id)) != KFQ_OK ||
	    (rc = write_lines(s, in->id, in->lines, in->nlines)) != KFQ_OK)
		goto done;
	rc = store_audit_entity(s, who, existing ? "update" : "create", "pay_plan", in->id, before,
	                        plan_write, json);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

/* Tells the inbox of a step of plan p, after the step's audit record. */
static int tell(struct store *s, const struct store_actor *who, struct arena *a, enum pay_step step,
                const struct store_pay_plan *p, const char *comment)
{
	struct inbox_item item;

	pay_step_item(step, p->org_id, p->org_name, p->year, p->id, comment, a, &item);
	return store_inbox_send(s, who, &item, NULL);
}

/* Sets the plan's status (filed_at and effective_at when given) in the open transaction. */
static int set_status(struct store *s, int64_t id, const char *status, const char *filed_at,
                      const char *effective_at)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_plan_status, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, status);
	store_bind_text(st, 3, filed_at);
	store_bind_text(st, 4, effective_at);
	return store_run(st);
}

static int run_plan(struct store *s, const char *sql, int64_t id, int64_t org)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if (org)
		store_bind_int(st, 2, org);
	return store_run(st);
}

int store_pay_plan_file(struct store *s, const struct store_actor *who,
                        const struct store_pay_json *json, int64_t id, enum pay_rule *rule,
                        int *bad)
{
	struct store_pay_plan p;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	*rule = PAY_OK;
	*bad = -1;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, plan_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_pay_plan_get(s, &a, id, &p)) != KFQ_OK)
		goto done;
	if (strcmp(p.status, "draft") != 0 && strcmp(p.status, "returned") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	/* the pool is the year's result (art. 11, 14): a plan saved under an earlier grade is
	 * filed only within the pool the zone has now */
	if ((rc = check_plan(s, &a, &p, rule, bad)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_plan_pool, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, p.pool_fen);
	if ((rc = store_run(st)) == KFQ_OK && (rc = run_plan(s, sql_acks_clear, id, 0)) == KFQ_OK &&
	    (rc = set_status(s, id, "filed", now, NULL)) == KFQ_OK &&
	    (rc = store_audit_entity(s, who, "file", "pay_plan", id, before, plan_write, json)) ==
	        KFQ_OK)
		rc = tell(s, who, &a, PAY_STEP_FILED, &p, NULL);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_pay_plans_settle(struct store *s, const struct store_actor *who,
                           const struct store_pay_json *json)
{
	struct store_pay_plan p;
	char now[TIME_RFC3339_LEN], *before = NULL;
	struct arena a;
	int64_t *ids;
	int n, rc;

	arena_init(&a);
	time_format(time_now(), now);
	rc = store_collect(s, &a, sql_plans_unawaited, 0, sizeof(*ids), store_read_int,
	                   (void **)&ids, &n);
	for (int i = 0; rc == KFQ_OK && i < n; i++) {
		if (!(before = store_entity_json(s, ids[i], plan_write, json, &rc)))
			break;
		if ((rc = set_status(s, ids[i], "effective", NULL, now)) == KFQ_OK &&
		    (rc = store_audit_entity(s, who, "take_effect", "pay_plan", ids[i], before,
		                             plan_write, json)) == KFQ_OK &&
		    (rc = store_pay_plan_get(s, &a, ids[i], &p)) == KFQ_OK)
			rc = tell(s, who, &a, PAY_STEP_EFFECTIVE, &p, NULL);
		free(before);
		before = NULL;
	}
	arena_release(&a);
	return rc;
}

int store_pay_plan_ack(struct store *s, const struct store_actor *who,
                       const struct store_pay_json *json, int64_t id, int64_t org_id,
                       const char *decision, const char *comment)
{
	struct store_pay_plan p;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool returned = !strcmp(decision, "return");
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, plan_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_pay_plan_get(s, &a, id, &p)) != KFQ_OK)
		goto done;
	if (strcmp(p.status, "filed") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = run_plan(s, sql_ack_delete, id, org_id)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_ack_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, org_id);
	store_bind_text(st, 3, decision);
	store_bind_text(st, 4, comment);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_pay_plan_get(s, &a, id, &p)) != KFQ_OK)
		goto done;
	if (returned)
		rc = set_status(s, id, "returned", NULL, NULL);
	else if (!p.pending)
		rc = set_status(s, id, "effective", NULL, now);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, returned ? "return" : "acknowledge", "pay_plan", id,
		                        before, plan_write, json);
	if (rc == KFQ_OK && (returned || !p.pending))
		rc = tell(s, who, &a, returned ? PAY_STEP_RETURNED : PAY_STEP_EFFECTIVE, &p,
		          comment);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}
