/* store_invest.c - the investment pipeline in SQL: projects (with their responsible staff, a
 * person of the zone's roster, read beside them and checked in the write's transaction), stage
 * changes, the stall setting. Must not decide a stage change or whom a project may name
 * (core/invest.c) or who may write (api/). */
#include "store/store_invest.h"
#include "store/store_enterprise.h"
#include "store/store_impl.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define PROJECT_COLS                                                                               \
	"p.id, p.zone_id, o.name, p.name, p.investor, p.industry_code, p.stage, p.stage_on, "      \
	"p.agreed_fen, p.realized_fen, p.expected_output_fen, p.expected_tax_fen, p.staff, "       \
	"p.note, p.created_by, p.created_at, p.updated_at, p.staff_person_id, sp.name, "           \
	"sp.end_date"
#define PROJECT_FROM " FROM invest_project p JOIN org o ON o.id = p.zone_id"
#define STAFF_JOIN   " LEFT JOIN person sp ON sp.id = p.staff_person_id"
static const char sql_list[] = "SELECT " PROJECT_COLS PROJECT_FROM STAFF_JOIN;
static const char sql_count[] = "SELECT COUNT(*)" PROJECT_FROM;
static const char sql_get[] = "SELECT " PROJECT_COLS PROJECT_FROM STAFF_JOIN " WHERE p.id = ?1";
static const char sql_changes[] =
    "SELECT c.from_stage, c.to_stage, c.changed_on, c.note, u.display_name, c.changed_at FROM "
    "invest_stage_change c LEFT JOIN app_user u ON u.id = c.changed_by WHERE c.project_id = ?1 "
    "ORDER BY c.id";
/* naming a roster person clears the free text written before there was one */
static const char sql_insert[] =
    "INSERT INTO invest_project (zone_id, name, investor, industry_code, stage, stage_on, "
    "agreed_fen, realized_fen, expected_output_fen, expected_tax_fen, staff_person_id, staff, "
    "note, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, '', ?12, ?13, ?14, ?14) RETURNING id";
static const char sql_update[] =
    "UPDATE invest_project SET name = ?2, investor = ?3, industry_code = ?4, agreed_fen = ?5, "
    "realized_fen = ?6, expected_output_fen = ?7, expected_tax_fen = ?8, staff_person_id = ?9, "
    "staff = '', note = ?10, updated_at = ?11 WHERE id = ?1 RETURNING id";
/* the person a project ?2 (0: a new one) names: whose roster, left it, already the project's */
static const char sql_staff[] =
    "SELECT org_id, CASE WHEN end_date IS NULL THEN 0 ELSE 1 END, CASE WHEN EXISTS (SELECT 1 "
    "FROM invest_project WHERE id = ?2 AND staff_person_id = ?1) THEN 1 ELSE 0 END FROM person "
    "WHERE id = ?1";
static const char sql_change_insert[] =
    "INSERT INTO invest_stage_change (project_id, from_stage, to_stage, changed_on, note, "
    "changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* the stage the caller checked against is still the project's (a concurrent move is refused) */
static const char sql_move[] =
    "UPDATE invest_project SET stage = ?3, stage_on = ?4, realized_fen = CASE WHEN ?5 < 0 THEN "
    "realized_fen ELSE ?5 END, updated_at = ?6 WHERE id = ?1 AND stage = ?2 RETURNING id";
static const char sql_setting[] = "SELECT stall_days FROM invest_setting WHERE id = 1";
static const char sql_setting_set[] =
    "UPDATE invest_setting SET stall_days = ?1, updated_at = ?2 WHERE id = 1";

static void read_project(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_invest_project *p = element;
	int stage = invest_stage_find(store_col_text(st, 6));

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->zone_id = store_col_int(st, 1);
	p->zone_name = store_col_dup(st, 2, a);
	p->p.name = store_col_dup(st, 3, a);
	p->p.investor = store_col_dup(st, 4, a);
	p->p.industry_code = store_col_dup(st, 5, a);
	p->stage =
	    stage < 0 ? INVEST_TALKS : (enum invest_stage)stage; /* the CHECK keeps it valid */
	p->stage_on = store_col_dup(st, 7, a);
	p->p.agreed_fen = store_col_int(st, 8);
	p->p.realized_fen = store_col_int(st, 9);
	p->p.expected_output_fen = store_col_int(st, 10);
	p->p.expected_tax_fen = store_col_int(st, 11);
	p->staff_text = store_col_dup(st, 12, a);
	p->note = store_col_dup(st, 13, a);
	p->created_by = store_col_null(st, 14) ? 0 : store_col_int(st, 14);
	p->created_at = store_col_dup(st, 15, a);
	p->updated_at = store_col_dup(st, 16, a);
	p->p.staff_person_id = store_col_null(st, 17) ? 0 : store_col_int(st, 17);
	p->staff_person_name = store_col_null(st, 18) ? NULL : store_col_dup(st, 18, a);
	p->staff_left_on = store_col_null(st, 19) ? NULL : store_col_dup(st, 19, a);
}

static void read_change(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_invest_change *c = element;

	c->from_stage = store_col_dup(st, 0, a);
	c->to_stage = store_col_dup(st, 1, a);
	c->changed_on = store_col_dup(st, 2, a);
	c->note = store_col_dup(st, 3, a);
	c->changed_by_name = store_col_dup(st, 4, a);
	c->changed_at = store_col_dup(st, 5, a);
}

struct list_arg {
	const struct store_invest_filter *f;
	const char *like; /* part of the name or investor, as a LIKE pattern */
};

static void project_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *x = arg;
	const struct store_invest_filter *f = x->f;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND p.zone_id = ?", f->zone_id);
	if (f->stage)
		store_sql_text(q, " AND p.stage = ?", f->stage);
	if (f->staff_person_id)
		store_sql_int(q, " AND p.staff_person_id = ?", f->staff_person_id);
	if (f->stalled_on) {
		store_sql_add(q, " AND p.stage <> 'full'");
		store_sql_text(q, " AND p.stage_on <= ?", f->stalled_on);
	}
	if (x->like)
		store_sql_text(q,
		               " AND (p.name LIKE ? ESCAPE '\\' OR p.investor LIKE ? ESCAPE '\\')",
		               x->like);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.zone_id", f->scope);
	}
}

/* the projects f selects; arg: f with its LIKE pattern, in a */
static struct store_list project_list(struct arena *a, const struct store_invest_filter *f,
                                      struct list_arg *arg)
{
	*arg = (struct list_arg){f, store_like_contains(a, f->q)};
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = arg,
	    .read = read_project,
	    .elem_size = sizeof(struct store_invest_project),
	    .filter = project_filter,
	    .order = " ORDER BY p.stage_on, p.id",
	};
}

int store_invest_list(struct store *s, struct arena *a, const struct store_invest_filter *f,
                      struct store_invest_project **out, int *n, int64_t *total)
{
	struct list_arg arg;
	struct store_list l = project_list(a, f, &arg);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_invest_each(struct store *s, struct arena *a, const struct store_invest_filter *f,
                      store_each_fn fn, void *ctx)
{
	struct list_arg arg;
	struct store_list l = project_list(a, f, &arg);

	return store_list_each(s, &l, fn, ctx);
}

int store_invest_get(struct store *s, struct arena *a, int64_t id, struct store_invest_project *out)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_project, out)) != KFQ_OK)
		return rc;
	rc = store_collect(s, a, sql_changes, id, sizeof(*out->changes), read_change, &arr,
	                   &out->n_changes);
	out->changes = arr;
	return rc;
}

/* store_entity_writer of a project */
static int write_project(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_invest_json *j = json;
	struct store_invest_project p;
	int rc = store_invest_get(s, a, id, &p);

	if (rc == KFQ_OK)
		j->project(w, &p);
	return rc;
}

static int add_change(struct store *s, const struct store_actor *who, int64_t id, const char *from,
                      const char *to, const char *on, const char *note, const char *now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_change_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	store_bind_text(st, 4, on);
	store_bind_text(st, 5, note ? note : "");
	store_bind_id(st, 6, who->user_id);
	store_bind_text(st, 7, now);
	return store_run(st);
}

static void bind_facts(struct store_stmt *st, int *k, const struct store_invest_project *p)
{
	store_bind_text(st, (*k)++, p->p.name);
	store_bind_text(st, (*k)++, p->p.investor ? p->p.investor : "");
	store_bind_text(st, (*k)++, p->p.industry_code);
}

static void bind_amounts(struct store_stmt *st, int *k, const struct store_invest_project *p)
{
	store_bind_int(st, (*k)++, p->p.agreed_fen);
	store_bind_int(st, (*k)++, p->p.realized_fen);
	store_bind_int(st, (*k)++, p->p.expected_output_fen);
	store_bind_int(st, (*k)++, p->p.expected_tax_fen);
	store_bind_int(st, (*k)++, p->p.staff_person_id);
	store_bind_text(st, (*k)++, p->note ? p->note : "");
}

static void read_staff(struct store_stmt *st, struct arena *a, void *element)
{
	struct invest_staff *named = element;

	(void)a;
	named->found = true;
	named->org_id = store_col_int(st, 0);
	named->left = store_col_int(st, 1) != 0;
	named->kept = store_col_int(st, 2) != 0;
}

/* In the write's transaction: p's person may be named (KFQ_EINVAL with *why if not). */
static int staff_check(struct store *s, const struct store_invest_project *p,
                       struct invest_problem *why)
{
	struct invest_staff named = {0};
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_staff, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, p->p.staff_person_id);
	store_bind_int(st, 2, p->id);
	rc = store_row(st, NULL, read_staff, &named);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return rc;
	return invest_staff_check(p->zone_id, &named, why) == 0 ? KFQ_OK : KFQ_EINVAL;
}

int store_invest_save(struct store *s, const struct store_actor *who,
                      const struct store_invest_json *json, struct store_invest_project *p,
                      struct invest_problem *why)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool create = p->id == 0;
	int rc, k = 1;

	time_format(time_now(), now);
	rc = create ? store_begin(s) : store_begin_change(s, p->id, write_project, json, &before);
	if (rc != KFQ_OK)
		return rc;
	rc = store_enterprise_zone_check(s, p->zone_id);
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_ECONSTRAINT;
	if (rc == KFQ_OK)
		rc = staff_check(s, p, why);
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, create ? sql_insert : sql_update, &st)) == KFQ_OK) {
		if (create) {
			store_bind_int(st, k++, p->zone_id);
			bind_facts(st, &k, p);
			store_bind_text(st, k++, invest_stage_code(p->stage));
			store_bind_text(st, k++, p->stage_on);
			bind_amounts(st, &k, p);
			store_bind_id(st, k++, who->user_id);
		} else {
			store_bind_int(st, k++, p->id);
			bind_facts(st, &k, p);
			bind_amounts(st, &k, p);
		}
		store_bind_text(st, k, now);
		rc = store_run_id(st, &p->id);
	}
	if (rc == KFQ_OK && create)
		rc = add_change(s, who, p->id, NULL, invest_stage_code(p->stage), p->stage_on, NULL,
		                now);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "invest_project",
		                        p->id, before, write_project, json);
	if ((rc = store_end(s, rc)) != KFQ_OK && create)
		p->id = 0;
	free(before);
	return rc;
}

int store_invest_move(struct store *s, const struct store_actor *who,
                      const struct store_invest_json *json, int64_t id, enum invest_stage from,
                      enum invest_stage to, const char *on, const char *note, int64_t realized_fen)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t got;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_project, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_move, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, invest_stage_code(from));
		store_bind_text(st, 3, invest_stage_code(to));
		store_bind_text(st, 4, on);
		store_bind_int(st, 5, realized_fen);
		store_bind_text(st, 6, now);
		rc = store_run_id(st, &got);
		if (rc == KFQ_ENOTFOUND)
			rc = KFQ_ESTATE;
	}
	if (rc == KFQ_OK)
		rc = add_change(s, who, id, invest_stage_code(from), invest_stage_code(to), on,
		                note, now);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "stage", "invest_project", id, before,
		                        write_project, json);
	rc = store_end(s, rc);
	free(before);
	return rc;
}

int store_invest_stall_days(struct store *s, int *days)
{
	struct store_stmt *st;
	int64_t v = INVEST_STALL_DAYS_DEFAULT;
	int rc;

	if ((rc = store_prepare(s, sql_setting, &st)) != KFQ_OK)
		return rc;
	rc = store_row(st, NULL, store_read_int, &v);
	*days = (int)v;
	return rc;
}

static int write_setting(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_invest_json *j = json;
	int days, rc = store_invest_stall_days(s, &days);

	(void)a;
	(void)id;
	if (rc == KFQ_OK)
		j->setting(w, days);
	return rc;
}

int store_invest_set_stall_days(struct store *s, const struct store_actor *who,
                                const struct store_invest_json *json, int days)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, 1, write_setting, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_setting_set, &st)) == KFQ_OK) {
		store_bind_int(st, 1, days);
		store_bind_text(st, 2, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "invest_setting", 1, before,
		                        write_setting, json);
	rc = store_end(s, rc);
	free(before);
	return rc;
}
