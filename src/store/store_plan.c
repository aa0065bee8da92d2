/* store_plan.c - 一区一策 plans and their approved versions in SQL: list, get, create, change
 * the milestones, submit, approve, return; and the sums each plan keeps. Validation of a
 * plan's content is core/plan.c's; this file checks only what needs the database (ownership
 * of milestones, status transitions) inside the transaction. The module's other files:
 * store_milestone.c (reading milestones), store_report.c (reports and evidence),
 * store_board.c (the board's reads); store_plan_impl.h holds what they share. */
#include "store/store_plan_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_ms_of_plan[] =
    "SELECT " MS_COLS MS_FROM " WHERE m.plan_id = ?4 AND m.removed = 0 ORDER BY m.seq";

/* sums and open due dates kept on zone_plan (KEEP_SUMS) */
#define PLAN_COLS                                                                                  \
	"p.id, p.task_id, t.article_number, t.title, p.org_id, o.name, p.status, p.version, "      \
	"p.review_comment, p.submitted_at, p.reviewed_at, p.updated_at, p.sum_weighted, "          \
	"p.sum_weight, p.n_milestones, p.open_due"
#define PLAN_FROM " FROM zone_plan p JOIN task t ON t.id = p.task_id JOIN org o ON o.id = p.org_id"

/* ?1 task ?2 org ?3 status ?5 policy; in the data scope ?6 ?7 ?8 or of a task ?4 leads (谁牵头、
 * 谁督促: the lead may read the plan, whatever its scope; 0 = none) */
#define PLAN_VIEW PLAN_IN_VIEW("?4", "?6", "?7", "?8")
#define PLAN_WHERE                                                                                 \
	" WHERE (?1 = 0 OR p.task_id = ?1) AND (?2 = 0 OR p.org_id = ?2) "                         \
	"AND (CAST(?3 AS TEXT) IS NULL OR p.status = ?3) AND (?5 = 0 OR t.policy_id = ?5) "        \
	"AND " PLAN_VIEW

static const char sql_plan_count[] = "SELECT COUNT(*)" PLAN_FROM PLAN_WHERE;
static const char sql_plan_list[] =
    "SELECT " PLAN_COLS PLAN_FROM PLAN_WHERE " ORDER BY t.article_number, o.id LIMIT ?9 OFFSET ?10";
static const char sql_plan_get[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?1";
static const char sql_plan_state[] = "SELECT status, version FROM zone_plan WHERE id = ?1";
static const char sql_plan_insert[] =
    "INSERT INTO zone_plan (task_id, org_id, status, version, created_at, updated_at) "
    "VALUES (?1, ?2, 'draft', 1, ?3, ?3) RETURNING id";
static const char sql_plan_set[] =
    "UPDATE zone_plan SET status = ?2, version = ?3, updated_at = ?4 WHERE id = ?1";
static const char sql_plan_submit[] = "UPDATE zone_plan SET status = 'submitted', "
                                      "submitted_at = ?2, updated_at = ?2 WHERE id = ?1";
static const char sql_plan_review[] =
    "UPDATE zone_plan SET status = ?2, review_comment = ?3, reviewed_at = ?4, "
    "reviewed_by = ?5, updated_at = ?4 WHERE id = ?1";
static const char sql_version_insert[] =
    "INSERT INTO plan_version (plan_id, version, milestones_json, approved_at, approved_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_versions[] =
    "SELECT v.version, v.milestones_json, v.approved_at, u.display_name FROM plan_version v "
    "LEFT JOIN app_user u ON u.id = v.approved_by WHERE v.plan_id = ?1 ORDER BY v.version DESC";
static const char sql_ms_insert[] =
    "INSERT INTO milestone (plan_id, seq, title, deliverable, owner_org_id, owner_person, "
    "start_date, due_date, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_ms_update[] =
    "UPDATE milestone SET seq = ?2, title = ?3, deliverable = ?4, owner_org_id = ?5, "
    "owner_person = ?6, start_date = ?7, due_date = ?8, weight = ?9, removed = 0 "
    "WHERE id = ?10 AND plan_id = ?1 RETURNING id";
static const char sql_ms_remove_all[] = "UPDATE milestone SET removed = 1 WHERE plan_id = ?1";

static const char sql_bump[] = "UPDATE plan_change SET n = n + 1 WHERE id = 1";

/* A plan's kept sums and open due dates (migration 0007) over its current milestones. The
 * dialects differ only in the name of the string aggregate. */
#define KEEP_SUMS(AGG, PLAN)                                                                       \
	"UPDATE zone_plan SET sum_weighted = (SELECT COALESCE(SUM(weight * percent), 0) "          \
	"FROM milestone WHERE plan_id = zone_plan.id AND removed = 0), "                           \
	"sum_weight = (SELECT COALESCE(SUM(weight), 0) FROM milestone "                            \
	"WHERE plan_id = zone_plan.id AND removed = 0), "                                          \
	"n_milestones = (SELECT COUNT(*) FROM milestone WHERE plan_id = zone_plan.id "             \
	"AND removed = 0), open_due = COALESCE((SELECT " AGG "(due_date, ' ') FROM milestone "     \
	"WHERE plan_id = zone_plan.id AND removed = 0 AND status <> 'done'), '') WHERE id = " PLAN
#define OF_MILESTONE "(SELECT plan_id FROM milestone WHERE id = ?1)"
static const char *const sql_sums_of_plan[] = {KEEP_SUMS("group_concat", "?1"),
                                               KEEP_SUMS("string_agg", "?1")};
static const char *const sql_sums_of_milestone[] = {KEEP_SUMS("group_concat", OF_MILESTONE),
                                                    KEEP_SUMS("string_agg", OF_MILESTONE)};

/* element: a struct store_plan, without its milestones and n_overdue (which needs the day) */
static void read_plan(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_plan *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->task_id = store_col_int(st, 1);
	p->article_number = (int)store_col_int(st, 2);
	p->task_title = store_col_dup(st, 3, a);
	p->org_id = store_col_int(st, 4);
	p->org_name = store_col_dup(st, 5, a);
	p->status = store_col_dup(st, 6, a);
	p->version = (int)store_col_int(st, 7);
	p->review_comment = store_col_dup(st, 8, a);
	p->submitted_at = store_col_dup(st, 9, a);
	p->reviewed_at = store_col_dup(st, 10, a);
	p->updated_at = store_col_dup(st, 11, a);
	p->completion_bp = plan_completion_from_sums(store_col_int(st, 12), store_col_int(st, 13));
	p->n_milestones = (int)store_col_int(st, 14);
	p->open_due = store_col_dup(st, 15, a);
}

static void bind_list(struct store_stmt *st, const void *arg)
{
	const struct store_plan_filter *f = arg;

	store_bind_int(st, 1, f->task_id);
	store_bind_int(st, 2, f->org_id);
	store_bind_text(st, 3, f->status);
	store_bind_int(st, 4, f->lead_org_id);
	store_bind_int(st, 5, f->policy_id);
	store_bind_scope(st, 6, &f->scope);
}

int store_plan_list(struct store *s, struct arena *a, const struct store_plan_filter *f,
                    const struct milestone_bounds *b, struct store_plan **out, int *n,
                    int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_plan_count,
	    .list_sql = sql_plan_list,
	    .limit_param = 9,
	    .offset = f->offset,
	    .limit = f->limit,
	    .bind = bind_list,
	    .arg = f,
	    .read = read_plan,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	for (int i = 0; i < *n; i++)
		(*out)[i].n_overdue = plan_count_overdue((*out)[i].open_due, b->today);
	return rc;
}

int store_plan_get(struct store *s, struct arena *a, int64_t id, const struct milestone_bounds *b,
                   struct store_plan *out)
{
	struct store_stmt *st;
	int rc, cap = 0;

	if ((rc = store_prepare(s, sql_plan_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_plan, out)) != KFQ_OK)
		return rc;
	out->n_overdue = plan_count_overdue(out->open_due, b->today);
	if ((rc = store_prepare(s, sql_ms_of_plan, &st)) != KFQ_OK)
		return rc;
	store_milestone_bind_bounds(st, b);
	store_bind_int(st, 4, id);
	out->n_milestones = 0;
	out->milestones = arena_alloc(a, sizeof(struct store_milestone));
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (out->n_milestones == cap)
			out->milestones =
			    arena_grow(a, out->milestones, sizeof(*out->milestones), &cap);
		store_milestone_read(st, a, &out->milestones[out->n_milestones++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static void read_version(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_plan_version *v = element;

	v->version = (int)store_col_int(st, 0);
	v->milestones_json = store_col_dup(st, 1, a);
	v->approved_at = store_col_dup(st, 2, a);
	v->approved_by_name = store_col_dup(st, 3, a);
}

int store_plan_versions(struct store *s, struct arena *a, int64_t plan_id,
                        struct store_plan_version **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_versions, plan_id, sizeof(**out), read_version, &arr, n);

	*out = arr;
	return rc;
}

static void today_bounds(struct milestone_bounds *b)
{
	milestone_bounds(plan_today(time_now()), b);
}

/* The plan with its milestones, for audit records. json: a struct store_plan_json. */
static int write_plan(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_plan_json *shape = json;
	struct milestone_bounds b;
	struct store_plan p;
	int rc;

	today_bounds(&b);
	if ((rc = store_plan_get(s, a, id, &b, &p)) == KFQ_OK)
		shape->plan(w, &p);
	return rc;
}

/* Writes milestone m as the plan's seq-th: updates it when it has an id (KFQ_EINVAL when that
 * is not one of the plan's), else inserts it. */
static int write_milestone(struct store *s, int64_t plan_id, int seq,
                           const struct store_milestone *m)
{
	struct store_stmt *st;
	int rc = store_prepare(s, m->id ? sql_ms_update : sql_ms_insert, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, plan_id);
	store_bind_int(st, 2, seq);
	store_bind_text(st, 3, m->title);
	store_bind_text(st, 4, m->deliverable);
	store_bind_id(st, 5, m->owner_org_id);
	store_bind_text(st, 6, m->owner_person);
	store_bind_text(st, 7, m->start_date);
	store_bind_text(st, 8, m->due_date);
	store_bind_int(st, 9, m->weight);
	if (!m->id)
		return store_run(st);
	store_bind_int(st, 10, m->id);
	rc = store_run_id(st, NULL);
	return rc == KFQ_ENOTFOUND ? KFQ_EINVAL : rc;
}

/* Runs sql with ?1 = id. */
static int run_id(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run(st);
}

static int write_milestones(struct store *s, int64_t plan_id, const struct store_milestone *ms,
                            int n)
{
	/* everything is removed, then what the new list names comes back */
	int rc = run_id(s, sql_ms_remove_all, plan_id);

	for (int i = 0; i < n && rc == KFQ_OK; i++)
		rc = write_milestone(s, plan_id, i + 1, &ms[i]);
	return rc == KFQ_OK ? store_plan_keep_sums(s, plan_id) : rc;
}

int store_plan_keep_sums(struct store *s, int64_t plan_id)
{
	return run_id(s, sql_sums_of_plan[store_kind(s) == STORE_PG], plan_id);
}

int store_plan_keep_sums_of_milestone(struct store *s, int64_t milestone_id)
{
	return run_id(s, sql_sums_of_milestone[store_kind(s) == STORE_PG], milestone_id);
}

int store_plan_finish(struct store *s, int rc)
{
	struct store_stmt *st;

	if (rc == KFQ_OK && (rc = store_prepare(s, sql_bump, &st)) == KFQ_OK)
		rc = store_run(st);
	return store_end(s, rc);
}

int store_plan_create(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t task_id, int64_t org_id,
                      const struct store_milestone *ms, int n, int64_t *plan_id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	*plan_id = 0;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_plan_insert, &st)) == KFQ_OK) {
		store_bind_int(st, 1, task_id);
		store_bind_int(st, 2, org_id);
		store_bind_text(st, 3, now);
		rc = store_run_id(st, plan_id);
	}
	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		struct store_milestone m = ms[i];
		m.id = 0;
		rc = write_milestone(s, *plan_id, i + 1, &m);
	}
	if (rc == KFQ_OK)
		rc = store_plan_keep_sums(s, *plan_id);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "plan", *plan_id, NULL, write_plan, json);
	if ((rc = store_plan_finish(s, rc)) != KFQ_OK)
		*plan_id = 0;
	return rc;
}

struct plan_state {
	const char *status;
	int version;
};

/* element: a struct plan_state */
static void read_state(struct store_stmt *st, struct arena *a, void *element)
{
	struct plan_state *p = element;

	p->status = store_col_dup(st, 0, a);
	p->version = (int)store_col_int(st, 1);
}

/* Opens a change of plan_id: the write transaction, the plan's status and version, and its
 * audit JSON before the change (*before, heap: free() it). On failure the transaction is
 * over. */
static int open_change(struct store *s, const struct store_plan_json *json, int64_t plan_id,
                       struct arena *a, struct plan_state *state, char **before)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_begin_change(s, plan_id, write_plan, json, before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_plan_state, &st)) == KFQ_OK) {
		store_bind_int(st, 1, plan_id);
		rc = store_row(st, a, read_state, state);
	}
	return rc == KFQ_OK ? KFQ_OK : store_end(s, rc);
}

int store_plan_update(struct store *s, const struct store_actor *who,
                      const struct store_plan_json *json, int64_t plan_id,
                      const struct store_milestone *ms, int n)
{
	struct store_stmt *st;
	struct plan_state state;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = open_change(s, json, plan_id, &a, &state, &before)) != KFQ_OK)
		goto cleanup;
	if (!strcmp(state.status, "submitted"))
		rc = KFQ_EBUSY;
	else if ((rc = write_milestones(s, plan_id, ms, n)) == KFQ_OK &&
	         (rc = store_prepare(s, sql_plan_set, &st)) == KFQ_OK) {
		/* an approved plan that changes needs a new approval */
		bool approved = !strcmp(state.status, "approved");
		store_bind_int(st, 1, plan_id);
		store_bind_text(st, 2, approved ? "draft" : state.status);
		store_bind_int(st, 3, approved ? state.version + 1 : state.version);
		store_bind_text(st, 4, now);
		if ((rc = store_run(st)) == KFQ_OK)
			rc = store_audit_entity(s, who, "update", "plan", plan_id, before,
			                        write_plan, json);
	}
	rc = store_plan_finish(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

/* Keeps the milestones of the plan as approved now, as its version `version`. */
static int snapshot(struct store *s, const struct store_actor *who,
                    const struct store_plan_json *json, int64_t plan_id, int version,
                    const char *now)
{
	struct store_stmt *st;
	struct milestone_bounds b;
	struct store_plan p;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	struct arena a;
	int rc;

	arena_init(&a);
	today_bounds(&b);
	if ((rc = store_plan_get(s, &a, plan_id, &b, &p)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_version_insert, &st)) != KFQ_OK)
		goto cleanup;
	jsonw_init(&w, &sb);
	json->milestones(&w, p.milestones, p.n_milestones);
	store_bind_int(st, 1, plan_id);
	store_bind_int(st, 2, version);
	store_bind_text(st, 3, sb.buf);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	rc = store_run(st);
cleanup:
	strbuf_release(&sb);
	arena_release(&a);
	return rc;
}

int store_plan_act(struct store *s, const struct store_actor *who,
                   const struct store_plan_json *json, int64_t plan_id,
                   enum store_plan_action action, const char *comment)
{
	static const char *const names[] = {"submit", "approve", "return"};
	struct store_stmt *st;
	struct plan_state state;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = open_change(s, json, plan_id, &a, &state, &before)) != KFQ_OK)
		goto cleanup;
	bool allowed = action == PLAN_SUBMIT
	                   ? !strcmp(state.status, "draft") || !strcmp(state.status, "returned")
	                   : !strcmp(state.status, "submitted");
	if (!allowed) {
		rc = KFQ_EBUSY;
		goto done;
	}
	if ((rc = store_prepare(s, action == PLAN_SUBMIT ? sql_plan_submit : sql_plan_review,
	                        &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, plan_id);
	if (action == PLAN_SUBMIT) {
		store_bind_text(st, 2, now);
	} else {
		store_bind_text(st, 2, action == PLAN_APPROVE ? "approved" : "returned");
		store_bind_text(st, 3, comment);
		store_bind_text(st, 4, now);
		store_bind_id(st, 5, who->user_id);
	}
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	if (action == PLAN_APPROVE &&
	    (rc = snapshot(s, who, json, plan_id, state.version, now)) != KFQ_OK)
		goto done;
	rc = store_audit_entity(s, who, names[action], "plan", plan_id, before, write_plan, json);
done:
	rc = store_plan_finish(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}
