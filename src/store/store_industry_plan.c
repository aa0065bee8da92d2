/* store_industry_plan.c - industry plans in SQL: plans and their leading industries, the
 * office's approval of an exception, the registry's yearly output and a zone's year summed by
 * 小类. Must not validate a plan (core/industry_plan.c) or decide who may write (api/). */
#include "store/store_industry_plan.h"
#include "store/store_enterprise.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define PLAN_COLS                                                                                  \
	"p.id, p.zone_id, o.name, p.name, p.start_year, p.end_year, p.exception_reason, "          \
	"p.exception, p.approved_by, u.display_name, p.approved_at, p.created_by, p.created_at, "  \
	"p.updated_at"
#define PLAN_FROM                                                                                  \
	" FROM industry_plan p JOIN org o ON o.id = p.zone_id LEFT JOIN app_user u ON u.id = "     \
	"p.approved_by"
static const char sql_list[] = "SELECT " PLAN_COLS PLAN_FROM;
static const char sql_count[] = "SELECT COUNT(*)" PLAN_FROM;
static const char sql_get[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?1";
static const char sql_leads[] = "SELECT name, sei_code, future, codes FROM industry_plan_lead "
                                "WHERE plan_id = ?1 ORDER BY seq";
static const char sql_insert[] =
    "INSERT INTO industry_plan (zone_id, name, start_year, end_year, exception_reason, "
    "exception, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
    "RETURNING id";
static const char sql_update[] =
    "UPDATE industry_plan SET zone_id = ?2, name = ?3, start_year = ?4, end_year = ?5, "
    "exception_reason = ?6, exception = ?7, approved_by = CASE WHEN ?7 = 'approved' THEN "
    "approved_by END, approved_at = CASE WHEN ?7 = 'approved' THEN approved_at END, "
    "updated_at = ?8 WHERE id = ?1 RETURNING id";
/* another plan of the zone whose years meet [?3, ?4]: one plan rules a zone's year */
static const char sql_overlap[] =
    "SELECT 1 FROM industry_plan WHERE zone_id = ?1 AND id <> ?2 AND start_year <= ?4 AND "
    "end_year >= ?3 LIMIT 1";
static const char sql_leads_clear[] = "DELETE FROM industry_plan_lead WHERE plan_id = ?1";
static const char sql_lead_insert[] =
    "INSERT INTO industry_plan_lead (plan_id, seq, name, sei_code, future, codes) VALUES (?1, "
    "?2, ?3, ?4, ?5, ?6)";
static const char sql_approve[] =
    "UPDATE industry_plan SET exception = 'approved', approved_by = ?2, approved_at = ?3, "
    "updated_at = ?3 WHERE id = ?1";
/* every enterprise of the zone, with its output and its tax of the year (0 when none) */
/* the land an enterprise holds: its parcels as recorded now, whatever the year (DECISIONS 145) */
#define LAND_HELD "(SELECT SUM(l.area_m2x100) FROM land_parcel l WHERE l.enterprise_id = e.id)"
static const char sql_sums[] =
    "SELECT e.industry_code, COUNT(*), COALESCE(SUM(x.output_fen), 0), "
    "COALESCE(SUM((SELECT SUM(t.amount_fen) FROM tax_record t WHERE t.year = ?2 AND "
    "t.enterprise_id = e.id)), 0), COALESCE(SUM(" LAND_HELD "), 0) FROM enterprise e LEFT "
    "JOIN enterprise_output x ON x.enterprise_id = e.id AND x.year = ?2 WHERE e.zone_id = ?1 "
    "GROUP BY e.industry_code ORDER BY e.industry_code";
#define ENTERPRISE_FROM                                                                            \
	" FROM enterprise e LEFT JOIN enterprise_output x ON x.enterprise_id = e.id AND x.year = " \
	"?2 WHERE e.zone_id = ?1"
static const char sql_enterprises[] =
    "SELECT e.id, e.name, e.industry_code, COALESCE(x.output_fen, 0), COALESCE((SELECT "
    "SUM(t.amount_fen) FROM tax_record t WHERE t.year = ?2 AND t.enterprise_id = e.id), "
    "0), COALESCE(" LAND_HELD ", 0)" ENTERPRISE_FROM " ORDER BY e.name, e.id LIMIT ?3 OFFSET ?4";
static const char sql_enterprises_count[] = "SELECT COUNT(*)" ENTERPRISE_FROM;
static const char sql_output_get[] =
    "SELECT x.enterprise_id, e.zone_id, e.name, x.year, x.output_fen, x.updated_at FROM "
    "enterprise_output x JOIN enterprise e ON e.id = x.enterprise_id WHERE x.enterprise_id = "
    "?1 AND x.year = ?2";
static const char sql_output_upsert[] =
    "INSERT INTO enterprise_output (year, enterprise_id, output_fen, updated_at) VALUES (?1, "
    "?2, ?3, ?4) ON CONFLICT (year, enterprise_id) DO UPDATE SET "
    "output_fen = excluded.output_fen, updated_at = excluded.updated_at";

static void read_plan(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_industry_plan *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->zone_id = store_col_int(st, 1);
	p->zone_name = store_col_dup(st, 2, a);
	p->name = store_col_dup(st, 3, a);
	p->r.start_year = (int)store_col_int(st, 4);
	p->r.end_year = (int)store_col_int(st, 5);
	p->r.exception_reason = store_col_dup(st, 6, a);
	p->exception = store_col_dup(st, 7, a);
	p->approved_by = store_col_null(st, 8) ? 0 : store_col_int(st, 8);
	p->approved_by_name = store_col_dup(st, 9, a);
	p->approved_at = store_col_dup(st, 10, a);
	p->created_by = store_col_null(st, 11) ? 0 : store_col_int(st, 11);
	p->created_at = store_col_dup(st, 12, a);
	p->updated_at = store_col_dup(st, 13, a);
}

/* element: a struct industry_lead; its codes split from the stored list */
static void read_lead(struct store_stmt *st, struct arena *a, void *element)
{
	struct industry_lead *l = element;
	char *codes = store_col_dup(st, 3, a), *c;
	int n = 1;

	memset(l, 0, sizeof(*l));
	l->name = store_col_dup(st, 0, a);
	l->sei_code = store_col_dup(st, 1, a);
	l->future = store_col_dup(st, 2, a);
	for (c = codes; *c; c++)
		n += *c == ',';
	l->codes = arena_alloc(a, (size_t)n * sizeof(*l->codes));
	for (c = codes; c; l->n_codes++) {
		l->codes[l->n_codes] = c;
		if ((c = strchr(c, ',')) != NULL)
			*c++ = '\0';
	}
}

static int read_leads(struct store *s, struct arena *a, struct store_industry_plan *p)
{
	void *arr;
	int rc = store_collect(s, a, sql_leads, p->id, sizeof(struct industry_lead), read_lead,
	                       &arr, &p->r.n_leads);

	p->r.leads = arr;
	return rc;
}

static void plan_filter(struct store_sql *q, const void *arg)
{
	const struct store_industry_plan_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND p.zone_id = ?", f->zone_id);
	if (f->year) {
		store_sql_int(q, " AND p.start_year <= ?", f->year);
		store_sql_int(q, " AND p.end_year >= ?", f->year);
	}
	if (f->exception)
		store_sql_text(q, " AND p.exception = ?", f->exception);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.zone_id", f->scope);
	}
}

int store_industry_plan_list(struct store *s, struct arena *a,
                             const struct store_industry_plan_filter *f,
                             struct store_industry_plan **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_plan,
	    .elem_size = sizeof(**out),
	    .filter = plan_filter,
	    .order = " ORDER BY o.name, p.start_year, p.id",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = read_leads(s, a, &(*out)[i]);
	return rc;
}

int store_industry_plan_get(struct store *s, struct arena *a, int64_t id,
                            struct store_industry_plan *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_plan, out)) != KFQ_OK)
		return rc;
	return read_leads(s, a, out);
}

/* store_entity_writer of a plan */
static int write_plan(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_industry_plan_json *j = json;
	struct store_industry_plan p;
	int rc = store_industry_plan_get(s, a, id, &p);

	if (rc == KFQ_OK)
		j->plan(w, &p);
	return rc;
}

static int insert_leads(struct store *s, struct arena *a, const struct store_industry_plan *p)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_leads_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, p->id);
	if ((rc = store_run(st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < p->r.n_leads; i++) {
		const struct industry_lead *l = &p->r.leads[i];
		size_t len = 1;
		char *codes;
		for (int k = 0; k < l->n_codes; k++)
			len += strlen(l->codes[k]) + 1;
		codes = arena_alloc(a, len);
		codes[0] = '\0';
		for (int k = 0; k < l->n_codes; k++) {
			if (k)
				strcat(codes, ",");
			strcat(codes, l->codes[k]);
		}
		if ((rc = store_prepare(s, sql_lead_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, p->id);
		store_bind_int(st, 2, i + 1);
		store_bind_text(st, 3, l->name);
		store_bind_text(st, 4, l->sei_code && *l->sei_code ? l->sei_code : NULL);
		store_bind_text(st, 5, l->future && *l->future ? l->future : NULL);
		store_bind_text(st, 6, codes);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

/* Tells the inbox of a step of plan id (core industry_plan_step_item), after the step's audit
 * record. */
static int tell(struct store *s, const struct store_actor *who, enum industry_plan_step step,
                int64_t id)
{
	struct store_industry_plan p;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_industry_plan_get(s, &a, id, &p)) == KFQ_OK) {
		industry_plan_step_item(step, id, p.zone_id, p.zone_name, p.name, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

/* p->exception "approved" when the stored plan's exception is approved for the same zone and
 * what p holds of it (core industry_plan_same_exception). */
static int keep_approval(struct store *s, struct arena *a, struct store_industry_plan *p)
{
	struct store_industry_plan old;
	int rc = store_industry_plan_get(s, a, p->id, &old);

	if (rc != KFQ_OK)
		return rc;
	if (!strcmp(old.exception, "approved") && old.zone_id == p->zone_id &&
	    industry_plan_same_exception(&old.r, &p->r))
		p->exception = "approved";
	return KFQ_OK;
}

int store_industry_plan_save(struct store *s, const struct store_actor *who,
                             const struct store_industry_plan_json *json,
                             struct store_industry_plan *p)
{
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool create = p->id == 0;
	int rc, k = 1;

	arena_init(&a);
	time_format(time_now(), now);
	p->exception = industry_plan_needs_exception(&p->r) ? "pending" : "none";
	rc = create ? store_begin(s) : store_begin_change(s, p->id, write_plan, json, &before);
	if (rc != KFQ_OK)
		goto cleanup;
	rc = store_enterprise_zone_check(s, p->zone_id);
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_ECONSTRAINT;
	/* an approved exception holds while what it was approved for is unchanged */
	if (rc == KFQ_OK && !create && !strcmp(p->exception, "pending"))
		rc = keep_approval(s, &a, p);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_overlap, &st)) == KFQ_OK) {
		store_bind_int(st, 1, p->zone_id);
		store_bind_int(st, 2, p->id);
		store_bind_int(st, 3, p->r.start_year);
		store_bind_int(st, 4, p->r.end_year);
		rc = store_run_id(st, NULL);
		rc = rc == KFQ_OK ? KFQ_ECONFLICT : rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
	}
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, create ? sql_insert : sql_update, &st)) == KFQ_OK) {
		if (!create)
			store_bind_int(st, k++, p->id);
		store_bind_int(st, k++, p->zone_id);
		store_bind_text(st, k++, p->name);
		store_bind_int(st, k++, p->r.start_year);
		store_bind_int(st, k++, p->r.end_year);
		store_bind_text(st, k++, p->r.exception_reason ? p->r.exception_reason : "");
		store_bind_text(st, k++, p->exception);
		if (create)
			store_bind_id(st, k++, who->user_id);
		store_bind_text(st, k, now);
		rc = store_run_id(st, &p->id);
	}
	if (rc == KFQ_OK)
		rc = insert_leads(s, &a, p);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "industry_plan",
		                        p->id, before, write_plan, json);
	if (rc == KFQ_OK && !strcmp(p->exception, "pending"))
		rc = tell(s, who, INDUSTRY_PLAN_STEP_PENDING, p->id);
	if ((rc = store_end(s, rc)) != KFQ_OK && create)
		p->id = 0;
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_industry_plan_approve(struct store *s, const struct store_actor *who,
                                const struct store_industry_plan_json *json, int64_t id)
{
	struct store_industry_plan p;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_plan, json, &before)) != KFQ_OK)
		goto cleanup;
	rc = store_industry_plan_get(s, &a, id, &p);
	if (rc == KFQ_OK && strcmp(p.exception, "pending") != 0)
		rc = KFQ_ESTATE;
	if (rc == KFQ_OK && p.created_by == who->user_id)
		rc = KFQ_EINVAL;
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_approve, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_id(st, 2, who->user_id);
		store_bind_text(st, 3, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "approve_exception", "industry_plan", id, before,
		                        write_plan, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, INDUSTRY_PLAN_STEP_APPROVED, id);
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

static void read_sum(struct store_stmt *st, struct arena *a, void *element)
{
	struct industry_sum *x = element;

	x->class_code = store_col_dup(st, 0, a);
	x->enterprises = store_col_int(st, 1);
	x->output_fen = store_col_int(st, 2);
	x->tax_fen = store_col_int(st, 3);
	x->land_m2x100 = store_col_int(st, 4);
}

int store_industry_sums(struct store *s, struct arena *a, int64_t zone_id, int year,
                        struct industry_sum **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 64;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_sums, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	*out = arena_alloc(a, (size_t)cap * sizeof(**out));
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap) {
			struct industry_sum *more = arena_alloc(a, (size_t)cap * 2 * sizeof(**out));
			memcpy(more, *out, (size_t)cap * sizeof(**out));
			*out = more;
			cap *= 2;
		}
		read_sum(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static void read_enterprise(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_industry_enterprise *e = element;

	e->id = store_col_int(st, 0);
	e->name = store_col_dup(st, 1, a);
	e->industry_code = store_col_dup(st, 2, a);
	e->output_fen = store_col_int(st, 3);
	e->tax_fen = store_col_int(st, 4);
	e->land_m2x100 = store_col_int(st, 5);
}

struct enterprises_arg {
	int64_t zone_id;
	int year;
};

static void bind_enterprises(struct store_stmt *st, const void *arg)
{
	const struct enterprises_arg *x = arg;

	store_bind_int(st, 1, x->zone_id);
	store_bind_int(st, 2, x->year);
}

int store_industry_enterprises(struct store *s, struct arena *a, int64_t zone_id, int year,
                               int64_t offset, int64_t limit,
                               struct store_industry_enterprise **out, int *n, int64_t *total)
{
	struct enterprises_arg arg = {zone_id, year};
	struct store_list l = {
	    .count_sql = sql_enterprises_count,
	    .list_sql = sql_enterprises,
	    .limit_param = 3,
	    .offset = offset,
	    .limit = limit,
	    .bind = bind_enterprises,
	    .arg = &arg,
	    .read = read_enterprise,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

static void read_output(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_enterprise_output *o = element;

	o->enterprise_id = store_col_int(st, 0);
	o->zone_id = store_col_int(st, 1);
	o->enterprise_name = store_col_dup(st, 2, a);
	o->year = (int)store_col_int(st, 3);
	o->output_fen = store_col_int(st, 4);
	o->updated_at = store_col_dup(st, 5, a);
}

int store_enterprise_output_get(struct store *s, struct arena *a, int64_t enterprise_id, int year,
                                struct store_enterprise_output *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_output_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, enterprise_id);
	store_bind_int(st, 2, year);
	return store_row(st, a, read_output, out);
}

/* the audit's JSON of an enterprise's output: id is the enterprise, the year rides in json */
struct output_ref {
	const struct store_industry_plan_json *json;
	int year;
};

static int write_output(struct store *s, struct arena *a, int64_t id, const void *arg,
                        struct jsonw *w)
{
	const struct output_ref *ref = arg;
	struct store_enterprise_output o;
	int rc = store_enterprise_output_get(s, a, id, ref->year, &o);

	if (rc == KFQ_OK)
		ref->json->output(w, &o);
	return rc;
}

int store_enterprise_output_save(struct store *s, const struct store_actor *who,
                                 const struct store_industry_plan_json *json,
                                 struct store_enterprise_output *o)
{
	struct output_ref ref = {json, o->year};
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	rc = store_begin_change(s, o->enterprise_id, write_output, &ref, &before);
	if (rc == KFQ_ENOTFOUND) /* none recorded yet */
		rc = store_begin(s);
	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_output_upsert, &st)) == KFQ_OK) {
		store_bind_int(st, 1, o->year);
		store_bind_int(st, 2, o->enterprise_id);
		store_bind_int(st, 3, o->output_fen);
		store_bind_text(st, 4, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, before ? "update" : "create", "enterprise_output",
		                        o->enterprise_id, before, write_output, &ref);
	rc = store_end(s, rc);
	free(before);
	return rc;
}
