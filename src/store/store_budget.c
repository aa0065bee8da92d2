/* store_budget.c - zone budgets in SQL: fiscal modes per year, the accounts' lines and the
 * projects' performance. Must not validate the fields (core/budget.c) or decide who may write
 * (api/). */
#include "store/store_budget.h"
#include "store/store_bulk.h"
#include "store/store_enterprise.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define YEAR_COLS                                                                                  \
	"b.id, b.zone_id, o.name, b.year, b.mode, b.approved_on, b.approval_doc, b.note, "         \
	"b.created_at, b.updated_at"
#define YEAR_FROM " FROM zone_budget b JOIN org o ON o.id = b.zone_id"

static const char sql_year_get[] = "SELECT " YEAR_COLS YEAR_FROM " WHERE b.zone_id = ?1 AND "
                                   "b.year = ?2";
static const char sql_year_by_id[] = "SELECT " YEAR_COLS YEAR_FROM " WHERE b.id = ?1";
static const char sql_year_insert[] =
    "INSERT INTO zone_budget (zone_id, year, mode, approved_on, approval_doc, note, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char sql_year_update[] =
    "UPDATE zone_budget SET mode = ?2, approved_on = ?3, approval_doc = ?4, note = ?5, "
    "updated_at = ?6 WHERE id = ?1 RETURNING id";
/* ?1 the year; the scope's condition on o.id follows */
#define KIND_SUM(KIND)                                                                             \
	"(SELECT COALESCE(SUM(l.amount_fen), 0) FROM budget_line l WHERE l.zone_id = o.id AND "    \
	"l.year = ?1 AND l.kind = '" KIND "' AND LENGTH(l.code) = 3)"
#define KIND_COUNT(KIND)                                                                           \
	"(SELECT COUNT(*) FROM budget_line l WHERE l.zone_id = o.id AND l.year = ?1 AND l.kind = " \
	"'" KIND "')"
static const char sql_overview[] =
    "SELECT o.id, o.name, b.id, b.mode, b.approved_on, b.approval_doc, b.note, b.created_at, "
    "b.updated_at, " KIND_SUM("budget") ", " KIND_SUM("final") ", " KIND_COUNT(
        "budget") ", " KIND_COUNT("final") " FROM org o LEFT JOIN zone_budget b ON b.zone_id = "
                                           "o.id AND "
                                           "b.year = ?1 WHERE o.type = 'zone'";
static const char sql_lines[] =
    "SELECT code, name, kind, amount_fen FROM budget_line WHERE zone_id = ?1 AND year = ?2 "
    "ORDER BY code, kind";
static const char sql_line_clear[] =
    "DELETE FROM budget_line WHERE zone_id = ?1 AND year = ?2 AND kind = ?3";

#define PROJECT_COLS                                                                               \
	"p.id, p.zone_id, o.name, p.year, p.name, p.subject_code, p.funds_fen, p.spent_fen, "      \
	"p.target, p.result, p.score, p.created_at, p.updated_at"
#define PROJECT_FROM " FROM budget_project p JOIN org o ON o.id = p.zone_id"
static const char sql_project_list[] = "SELECT " PROJECT_COLS PROJECT_FROM;
static const char sql_project_count[] = "SELECT COUNT(*)" PROJECT_FROM;
static const char sql_project_get[] = "SELECT " PROJECT_COLS PROJECT_FROM " WHERE p.id = ?1";
static const char sql_project_insert[] =
    "INSERT INTO budget_project (zone_id, year, name, subject_code, funds_fen, spent_fen, "
    "target, result, score, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?10) RETURNING id";
static const char sql_project_noticed[] =
    "SELECT id FROM supervision_notice WHERE entity_type = 'budget_project' AND entity_id = ?1 "
    "LIMIT 1";
static const char sql_project_delete[] = "DELETE FROM budget_project WHERE id = ?1 RETURNING id";
static const char sql_project_update[] =
    "UPDATE budget_project SET zone_id = ?2, year = ?3, name = ?4, subject_code = ?5, "
    "funds_fen = ?6, spent_fen = ?7, target = ?8, result = ?9, score = ?10, updated_at = ?11 "
    "WHERE id = ?1 RETURNING id";

static const struct store_bulk_spec line_spec = {
    "COPY budget_line (zone_id, year, kind, code, name, amount_fen) FROM STDIN",
    "INSERT INTO budget_line (zone_id, year, kind, code, name, amount_fen) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    6,
};

/* columns k.. of a zone_budget row after its id, zone and name: year, mode, approval, note,
 * times */
static void read_year_at(struct store_stmt *st, struct arena *a, int k, struct store_budget_year *y)
{
	int mode = budget_mode_find(store_col_text(st, k + 1));

	y->year = (int)store_col_int(st, k);
	y->by.mode = mode < 0 ? BUDGET_MODE_COUNT : (enum budget_mode)mode;
	y->by.approved_on = store_col_dup(st, k + 2, a);
	y->by.approval_doc = store_col_dup(st, k + 3, a);
	y->note = store_col_dup(st, k + 4, a);
	y->created_at = store_col_dup(st, k + 5, a);
	y->updated_at = store_col_dup(st, k + 6, a);
}

/* element: a struct store_budget_year */
static void read_year(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_budget_year *y = element;

	memset(y, 0, sizeof(*y));
	y->id = store_col_int(st, 0);
	y->zone_id = store_col_int(st, 1);
	y->zone_name = store_col_dup(st, 2, a);
	read_year_at(st, a, 3, y);
}

/* element: a struct store_budget_zone (the year is the caller's: set after) */
static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_budget_zone *z = element;

	memset(z, 0, sizeof(*z));
	z->zone_id = store_col_int(st, 0);
	z->zone_name = store_col_dup(st, 1, a);
	z->has_year = !store_col_null(st, 2);
	if (z->has_year) {
		int mode = budget_mode_find(store_col_text(st, 3));
		z->y.id = store_col_int(st, 2);
		z->y.by.mode = mode < 0 ? BUDGET_MODE_COUNT : (enum budget_mode)mode;
		z->y.by.approved_on = store_col_dup(st, 4, a);
		z->y.by.approval_doc = store_col_dup(st, 5, a);
		z->y.note = store_col_dup(st, 6, a);
		z->y.created_at = store_col_dup(st, 7, a);
		z->y.updated_at = store_col_dup(st, 8, a);
	}
	z->y.zone_id = z->zone_id;
	z->y.zone_name = z->zone_name;
	z->budget_fen = store_col_int(st, 9);
	z->final_fen = store_col_int(st, 10);
	z->budget_lines = store_col_int(st, 11);
	z->final_lines = store_col_int(st, 12);
}

struct overview_arg {
	int year;
	const struct store_scope *scope;
};

static void overview_head(struct store_sql *q, const void *arg)
{
	const struct overview_arg *o = arg;

	store_sql_param_int(q, o->year);
}

static void overview_filter(struct store_sql *q, const void *arg)
{
	const struct overview_arg *o = arg;

	if (store_scope_everything(o->scope))
		return;
	store_sql_add(q, " AND ");
	store_sql_scope(q, "o.id", o->scope);
}

int store_budget_overview(struct store *s, struct arena *a, int year,
                          const struct store_scope *scope, struct store_budget_zone **out, int *n)
{
	struct overview_arg arg = {year, scope};
	struct store_list l = {
	    .list_sql = sql_overview,
	    .arg = &arg,
	    .read = read_zone,
	    .elem_size = sizeof(**out),
	    .head = overview_head,
	    .filter = overview_filter,
	    .order = " ORDER BY o.name, o.id",
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		(*out)[i].y.year = year;
	return rc;
}

int store_budget_year_get(struct store *s, struct arena *a, int64_t zone_id, int year,
                          struct store_budget_year *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_year_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	return store_row(st, a, read_year, out);
}

/* store_entity_writer of a zone's year */
static int write_year(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_budget_json *j = json;
	struct store_budget_year y;
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_year_by_id, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_year, &y)) == KFQ_OK)
		j->year(w, &y);
	return rc;
}

/* the zone check of a write: a zone that is not one (or is missing) is a bad reference */
static int check_zone(struct store *s, int64_t id)
{
	int rc = store_enterprise_zone_check(s, id);

	return rc == KFQ_ENOTFOUND ? KFQ_ECONSTRAINT : rc;
}

int store_budget_year_save(struct store *s, const struct store_actor *who,
                           const struct store_budget_json *json, struct store_budget_year *y)
{
	struct store_budget_year old;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	rc = store_budget_year_get(s, &a, y->zone_id, y->year, &old);
	y->id = rc == KFQ_OK ? old.id : 0;
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		goto cleanup;
	rc = y->id ? store_begin_change(s, y->id, write_year, json, &before) : store_begin(s);
	if (rc != KFQ_OK)
		goto cleanup;
	rc = check_zone(s, y->zone_id);
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, y->id ? sql_year_update : sql_year_insert, &st)) == KFQ_OK) {
		int k = 1;
		if (y->id) {
			store_bind_int(st, k++, y->id);
		} else {
			store_bind_int(st, k++, y->zone_id);
			store_bind_int(st, k++, y->year);
		}
		store_bind_text(st, k++, budget_mode_code(y->by.mode));
		store_bind_text(st, k++, y->by.approved_on);
		store_bind_text(st, k++, y->by.approval_doc);
		store_bind_text(st, k++, y->note ? y->note : "");
		store_bind_text(st, k, now);
		rc = store_run_id(st, &y->id);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, before ? "update" : "create", "zone_budget", y->id,
		                        before, write_year, json);
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

/* element: a struct store_budget_line */
static void read_line(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_budget_line *l = element;
	int kind = budget_kind_find(store_col_text(st, 2));

	l->code = store_col_dup(st, 0, a);
	l->name = store_col_dup(st, 1, a);
	l->kind = kind < 0 ? BUDGET_KIND_COUNT : (enum budget_kind)kind;
	l->amount_fen = store_col_int(st, 3);
}

int store_budget_lines(struct store *s, struct arena *a, int64_t zone_id, int year,
                       struct store_budget_line **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_lines, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_line(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* ---- the import's writer ---- */

struct store_budget_bulk {
	struct store *s;
	struct store_bulk *bulk; /* opened at the first row, after every clear */
};

int store_budget_bulk_begin(struct store *s, struct store_budget_bulk **out)
{
	*out = xcalloc(1, sizeof(**out));
	(*out)->s = s;
	return KFQ_OK;
}

int store_budget_bulk_clear(struct store_budget_bulk *b, int64_t zone_id, int year,
                            enum budget_kind kind)
{
	struct store_stmt *st;
	int rc;

	/* a PostgreSQL COPY allows no other statement until it ends */
	if (b->bulk)
		return KFQ_ERR;
	if ((rc = store_prepare(b->s, sql_line_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	store_bind_text(st, 3, budget_kind_code(kind));
	return store_run(st);
}

int store_budget_bulk_row(struct store_budget_bulk *b, int64_t zone_id, int year,
                          enum budget_kind kind, const char *code, const char *name,
                          int64_t amount_fen)
{
	int rc;

	if (!b->bulk && (rc = store_bulk_begin(b->s, &line_spec, &b->bulk)) != KFQ_OK)
		return rc;
	store_bulk_int(b->bulk, zone_id);
	store_bulk_int(b->bulk, year);
	store_bulk_text(b->bulk, budget_kind_code(kind));
	store_bulk_text(b->bulk, code);
	store_bulk_text(b->bulk, name);
	store_bulk_int(b->bulk, amount_fen);
	return store_bulk_row(b->bulk);
}

int store_budget_bulk_end(struct store_budget_bulk *b)
{
	int rc = b->bulk ? store_bulk_end(b->bulk, NULL) : KFQ_OK;

	free(b);
	return rc;
}

void store_budget_bulk_abort(struct store_budget_bulk *b)
{
	if (b->bulk)
		store_bulk_abort(b->bulk);
	free(b);
}

/* ---- projects ---- */

/* element: a struct store_budget_project */
static void read_project(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_budget_project *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->zone_id = store_col_int(st, 1);
	p->zone_name = store_col_dup(st, 2, a);
	p->year = (int)store_col_int(st, 3);
	p->name = store_col_dup(st, 4, a);
	p->subject_code = store_col_dup(st, 5, a);
	p->p.funds_fen = store_col_int(st, 6);
	p->p.spent_fen = store_col_int(st, 7);
	p->target = store_col_dup(st, 8, a);
	p->result = store_col_dup(st, 9, a);
	p->p.scored = !store_col_null(st, 10);
	p->p.score = p->p.scored ? store_col_int(st, 10) : 0;
	p->created_at = store_col_dup(st, 11, a);
	p->updated_at = store_col_dup(st, 12, a);
}

static void project_filter(struct store_sql *q, const void *arg)
{
	const struct store_budget_project_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND p.zone_id = ?", f->zone_id);
	if (f->year)
		store_sql_int(q, " AND p.year = ?", f->year);
	if (f->grade != BUDGET_GRADE_NONE) {
		store_sql_int(q, " AND p.score >= ?", f->score_lo);
		store_sql_int(q, " AND p.score <= ?", f->score_hi);
	}
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.zone_id", f->scope);
	}
}

int store_budget_project_list(struct store *s, struct arena *a,
                              const struct store_budget_project_filter *f,
                              struct store_budget_project **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_project_count,
	    .list_sql = sql_project_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_project,
	    .elem_size = sizeof(**out),
	    .filter = project_filter,
	    .order = " ORDER BY p.year DESC, o.name, p.id",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_budget_project_get(struct store *s, struct arena *a, int64_t id,
                             struct store_budget_project *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_project_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_project, out);
}

/* store_entity_writer of a project */
static int write_project(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_budget_json *j = json;
	struct store_budget_project p;
	int rc = store_budget_project_get(s, a, id, &p);

	if (rc == KFQ_OK)
		j->project(w, &p);
	return rc;
}

/* After the audit record: a project newly graded 差 (was: its grade before, NONE for a new
 * one) tells its zone. */
static int tell_poor(struct store *s, const struct store_actor *who, int64_t id,
                     enum budget_grade was)
{
	struct store_budget_project x;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	rc = store_budget_project_get(s, &a, id, &x);
	if (rc == KFQ_OK && budget_grade_of(&x.p) == BUDGET_GRADE_D && was != BUDGET_GRADE_D) {
		budget_poor_item(x.id, x.zone_id, x.zone_name, x.year, x.name, x.p.score, &a,
		                 &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

/* The grade of project id as stored (NONE when absent). */
static int grade_now(struct store *s, int64_t id, enum budget_grade *out)
{
	struct store_budget_project x;
	struct arena a;
	int rc;

	*out = BUDGET_GRADE_NONE;
	arena_init(&a);
	rc = store_budget_project_get(s, &a, id, &x);
	if (rc == KFQ_OK)
		*out = budget_grade_of(&x.p);
	arena_release(&a);
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

int store_budget_project_save(struct store *s, const struct store_actor *who,
                              const struct store_budget_json *json, struct store_budget_project *p)
{
	enum budget_grade was = BUDGET_GRADE_NONE;
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool create = p->id == 0;
	int rc, k = 1;

	time_format(time_now(), now);
	rc = create ? store_begin(s) : store_begin_change(s, p->id, write_project, json, &before);
	if (rc != KFQ_OK)
		return rc;
	rc = check_zone(s, p->zone_id);
	if (rc == KFQ_OK && !create)
		rc = grade_now(s, p->id, &was);
	if (rc == KFQ_OK && (rc = store_prepare(s, create ? sql_project_insert : sql_project_update,
	                                        &st)) == KFQ_OK) {
		if (!create)
			store_bind_int(st, k++, p->id);
		store_bind_int(st, k++, p->zone_id);
		store_bind_int(st, k++, p->year);
		store_bind_text(st, k++, p->name);
		store_bind_text(st, k++, p->subject_code ? p->subject_code : "");
		store_bind_int(st, k++, p->p.funds_fen);
		store_bind_int(st, k++, p->p.spent_fen);
		store_bind_text(st, k++, p->target);
		store_bind_text(st, k++, p->result ? p->result : "");
		if (p->p.scored)
			store_bind_int(st, k++, p->p.score);
		else
			store_bind_null(st, k++);
		store_bind_text(st, k, now);
		rc = store_run_id(st, &p->id);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "budget_project",
		                        p->id, before, write_project, json);
	if (rc == KFQ_OK)
		rc = tell_poor(s, who, p->id, was);
	if ((rc = store_end(s, rc)) != KFQ_OK && create)
		p->id = 0;
	free(before);
	return rc;
}

int store_budget_project_delete(struct store *s, const struct store_actor *who,
                                const struct store_budget_json *json, int64_t id)
{
	struct store_stmt *st;
	char *before = NULL;
	int rc;

	if ((rc = store_begin_change(s, id, write_project, json, &before)) != KFQ_OK)
		return rc;
	rc = store_refuse_if(s, sql_project_noticed, id);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_project_delete, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		rc = store_run_id(st, NULL);
	}
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "budget_project", id, before, NULL);
	free(before);
	return store_end(s, rc);
}
