/* store_affairs.c - social affairs, key matters, reported problems and rule adjustments in SQL,
 * each change audited in its transaction. Must not decide who may act nor which status follows
 * which (core/affairs.c). */
#include "store/store_affairs.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_power_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* ---- social affairs ---- */

#define SOCIAL_COLS                                                                                \
	"x.id, x.zone_org_id, z.name, x.category, x.name, x.receiving_body, x.target_date, "       \
	"x.status, x.evidence, x.created_at, x.updated_at"
#define SOCIAL_FROM " FROM social_affair x JOIN org z ON z.id = x.zone_org_id"
static const char sql_social_count[] = "SELECT COUNT(*)" SOCIAL_FROM;
static const char sql_social_list[] = "SELECT " SOCIAL_COLS SOCIAL_FROM;
static const char sql_social_get[] = "SELECT " SOCIAL_COLS SOCIAL_FROM " WHERE x.id = ?1";
static const char sql_social_dup[] =
    "SELECT id FROM social_affair WHERE zone_org_id = ?1 AND name = ?2 AND id <> ?3";
static const char sql_social_insert[] =
    "INSERT INTO social_affair (zone_org_id, category, name, receiving_body, target_date, "
    "status, evidence, created_at, updated_at, updated_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9) RETURNING id";
static const char sql_social_update[] =
    "UPDATE social_affair SET category = ?2, name = ?3, receiving_body = ?4, target_date = ?5, "
    "status = ?6, evidence = ?7, updated_at = ?8, updated_by = ?9 WHERE id = ?1";
static const char sql_social_board[] =
    "SELECT x.zone_org_id, z.name, COUNT(*), "
    "SUM(CASE WHEN x.status = 'handed_over' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN x.status = 'handing_over' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN x.status = 'planned' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN x.status <> 'handed_over' AND x.target_date < ?1 THEN 1 ELSE 0 END) "
    "FROM social_affair x JOIN org z ON z.id = x.zone_org_id";

static void read_social(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_social *x = element;

	memset(x, 0, sizeof(*x)); /* no files, nothing to attach */
	x->id = store_col_int(st, 0);
	x->zone_org_id = store_col_int(st, 1);
	x->zone_name = store_col_dup(st, 2, a);
	x->category = store_col_dup(st, 3, a);
	x->name = store_col_dup(st, 4, a);
	x->receiving_body = store_col_dup(st, 5, a);
	x->target_date = store_col_dup(st, 6, a);
	x->status = store_col_dup(st, 7, a);
	x->evidence = store_col_dup(st, 8, a);
	x->created_at = store_col_dup(st, 9, a);
	x->updated_at = store_col_dup(st, 10, a);
}

/* What a list of this file filters on: its organization column (the filter's org_id and the
 * scope), or a second one the scope may match instead (a problem's reporter). */
struct page_arg {
	const struct store_affairs_filter *f;
	const char *col, *either;
	const char *today; /* a count's ?1 */
};

static void page_filter(struct store_sql *q, const void *arg)
{
	const struct page_arg *x = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (x->f->org_id) {
		store_sql_add(q, " AND ");
		store_sql_add(q, x->col);
		store_sql_int(q, " = ?", x->f->org_id);
	}
	if (x->f->status)
		store_sql_text(q, " AND x.status = ?", x->f->status);
	if (x->f->late_before)
		store_sql_text(q, " AND x.status <> 'done' AND x.target_date < ?",
		               x->f->late_before);
	if (x->either) {
		store_power_scope_either(q, x->col, x->either, &x->f->scope);
	} else if (!store_scope_everything(&x->f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, x->col, &x->f->scope);
	}
}

static int page(struct store *s, struct arena *a, const struct store_list *shape,
                const struct page_arg *x, void **out, int *n, int64_t *total)
{
	struct store_list l = *shape;

	l.offset = x->f->offset;
	l.limit = x->f->limit;
	l.arg = x;
	l.filter = page_filter;
	return store_list_page(s, a, &l, out, n, total);
}

/* ---- a board's counts by status (rules, problems) ---- */

static void count_head(struct store_sql *q, const void *arg)
{
	const struct page_arg *x = arg;

	store_sql_param_text(q, x->today);
}

static void read_status_count(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_status_count *c = element;

	c->status = store_col_dup(st, 0, a);
	c->n = store_col_int(st, 1);
	c->overdue = store_col_int(st, 2);
}

/* sql: SELECT x.status, COUNT(*), SUM(overdue ? 1 : 0) FROM … x (?1 = today); grouped here. */
static int status_counts(struct store *s, struct arena *a, const char *sql,
                         const struct page_arg *x, struct store_status_count **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql,
	    .arg = x,
	    .read = read_status_count,
	    .elem_size = sizeof(**out),
	    .filter = page_filter,
	    .head = count_head,
	    .order = " GROUP BY x.status ORDER BY x.status",
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

static int get_by_id(struct store *s, struct arena *a, const char *sql, int64_t id,
                     store_reader read, void *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read, out);
}

int store_social_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                      struct store_social **out, int *n, int64_t *total)
{
	static const struct store_list shape = {.count_sql = sql_social_count,
	                                        .list_sql = sql_social_list,
	                                        .read = read_social,
	                                        .elem_size = sizeof(**out),
	                                        .order = " ORDER BY z.name, x.id"};
	struct page_arg x = {f, "x.zone_org_id", NULL};
	void *arr;
	int rc = page(s, a, &shape, &x, &arr, n, total);

	*out = arr;
	return rc;
}

int store_social_get(struct store *s, struct arena *a, int64_t id, struct store_social *out)
{
	return get_by_id(s, a, sql_social_get, id, read_social, out);
}

static int write_social(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	struct store_social x;
	int rc;

	if ((rc = store_social_get(s, a, id, &x)) == KFQ_OK)
		((const struct store_affairs_json *)json)->social(w, &x);
	return rc;
}

/* Opens the write transaction of a save: a change of id (its audit "before" in *before), or a
 * creation when id is 0. */
static int begin_save(struct store *s, int64_t id, store_entity_writer fn, const void *json,
                      char **before)
{
	*before = NULL;
	return id ? store_begin_change(s, id, fn, json, before) : store_begin(s);
}

/* Runs the INSERT … RETURNING id (id 0) or the UPDATE, then audits it. */
static int finish_save(struct store *s, const struct store_actor *who, struct store_stmt *st,
                       int64_t *id, const char *entity, const char *before, store_entity_writer fn,
                       const void *json)
{
	int rc;
	bool create = *id == 0;

	if (create)
		rc = store_run_id(st, id);
	else
		rc = store_run(st);
	if (rc != KFQ_OK)
		return rc;
	return store_audit_entity(s, who, create ? "create" : "update", entity, *id, before, fn,
	                          json);
}

int store_social_save(struct store *s, const struct store_actor *who,
                      const struct store_affairs_json *json, struct store_social *x)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int64_t other;
	int rc;

	time_format(time_now(), now);
	if ((rc = begin_save(s, x->id, write_social, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_social_dup, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->zone_org_id);
	store_bind_text(st, 2, x->name);
	store_bind_int(st, 3, x->id);
	rc = store_row(st, NULL, store_read_int, &other);
	if (rc != KFQ_ENOTFOUND) {
		rc = rc == KFQ_OK ? KFQ_ECONFLICT : rc;
		goto done;
	}
	if ((rc = store_prepare(s, x->id ? sql_social_update : sql_social_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->id ? x->id : x->zone_org_id);
	store_bind_text(st, 2, x->category);
	store_bind_text(st, 3, x->name);
	store_bind_text(st, 4, x->receiving_body);
	store_bind_text(st, 5, x->target_date);
	store_bind_text(st, 6, x->status);
	store_bind_text(st, 7, x->evidence);
	store_bind_text(st, 8, now);
	store_bind_id(st, 9, who->user_id);
	rc = finish_save(s, who, st, &x->id, "social_affair", before, write_social, json);
	if (rc == KFQ_OK && x->nfile_ids > 0)
		rc = store_attachment_claim(s, "social_affair", x->id, who->org_id, x->file_ids,
		                            x->nfile_ids);
done:
	free(before);
	return store_end(s, rc);
}

static void read_social_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_social_zone *z = element;

	z->zone_org_id = store_col_int(st, 0);
	z->zone_name = store_col_dup(st, 1, a);
	z->total = store_col_int(st, 2);
	z->handed_over = store_col_int(st, 3);
	z->handing_over = store_col_int(st, 4);
	z->planned = store_col_int(st, 5);
	z->overdue = store_col_int(st, 6);
}

struct board_arg {
	const struct store_scope *scope;
	const char *today;
};

static void board_head(struct store_sql *q, const void *arg)
{
	store_sql_param_text(q, ((const struct board_arg *)arg)->today);
}

static void board_filter(struct store_sql *q, const void *arg)
{
	const struct board_arg *x = arg;

	if (store_scope_everything(x->scope))
		return;
	store_sql_add(q, " WHERE ");
	store_sql_scope(q, "x.zone_org_id", x->scope);
}

int store_social_board(struct store *s, struct arena *a, const struct store_scope *scope,
                       const char *today, struct store_social_zone **out, int *n)
{
	struct board_arg arg = {scope, today};
	struct store_list l = {.list_sql = sql_social_board,
	                       .arg = &arg,
	                       .read = read_social_zone,
	                       .elem_size = sizeof(**out),
	                       .filter = board_filter,
	                       .head = board_head,
	                       .order = " GROUP BY x.zone_org_id, z.name ORDER BY z.name"};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* ---- key matters ---- */

#define MATTER_COLS                                                                                \
	"m.id, m.lead_org_id, o.name, m.name, m.steps, m.promised_days, m.created_at, "            \
	"m.updated_at"
#define MATTER_FROM " FROM key_matter m JOIN org o ON o.id = m.lead_org_id"
static const char sql_matter_list[] = "SELECT " MATTER_COLS MATTER_FROM " ORDER BY m.id";
static const char sql_matter_get[] = "SELECT " MATTER_COLS MATTER_FROM " WHERE m.id = ?1";
static const char sql_matter_powers[] =
    "SELECT p.id, p.name, o.name FROM key_matter_power k JOIN power_item p ON p.id = k.power_id "
    "JOIN org o ON o.id = p.dept_org_id WHERE k.matter_id = ?1 ORDER BY p.code";
static const char sql_matter_dup[] = "SELECT id FROM key_matter WHERE name = ?1 AND id <> ?2";
static const char sql_matter_insert[] =
    "INSERT INTO key_matter (lead_org_id, name, steps, promised_days, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id";
static const char sql_matter_update[] = "UPDATE key_matter SET lead_org_id = ?2, name = ?3, "
                                        "steps = ?4, promised_days = ?5, updated_at = ?6 "
                                        "WHERE id = ?1";
static const char sql_matter_unlink[] = "DELETE FROM key_matter_power WHERE matter_id = ?1";
static const char sql_matter_link[] =
    "INSERT INTO key_matter_power (matter_id, power_id) SELECT ?1, id FROM power_item "
    "WHERE id = ?2";

static void read_matter(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_matter *m = element;

	memset(m, 0, sizeof(*m));
	m->id = store_col_int(st, 0);
	m->lead_org_id = store_col_int(st, 1);
	m->lead_name = store_col_dup(st, 2, a);
	m->name = store_col_dup(st, 3, a);
	m->steps = store_col_dup(st, 4, a);
	m->promised_days = store_col_int(st, 5);
	m->created_at = store_col_dup(st, 6, a);
	m->updated_at = store_col_dup(st, 7, a);
}

/* The matter's powers and, distinct, their departments. */
static int matter_powers(struct store *s, struct arena *a, struct store_matter *m)
{
	struct store_stmt *st;
	int rc, cap = 0, dcap = 0;

	if ((rc = store_prepare(s, sql_matter_powers, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, m->id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		const char *dept = store_col_text(st, 2);
		bool seen = false;
		if (m->npowers == cap) {
			int c2 = cap;
			m->power_ids = arena_grow(a, m->power_ids, sizeof(*m->power_ids), &cap);
			m->power_names =
			    arena_grow(a, m->power_names, sizeof(*m->power_names), &c2);
		}
		m->power_ids[m->npowers] = store_col_int(st, 0);
		m->power_names[m->npowers++] = store_col_dup(st, 1, a);
		for (int i = 0; i < m->ndepts && !seen; i++)
			seen = !strcmp(m->dept_names[i], dept);
		if (seen)
			continue;
		if (m->ndepts == dcap)
			m->dept_names = arena_grow(a, m->dept_names, sizeof(*m->dept_names), &dcap);
		m->dept_names[m->ndepts++] = arena_strdup(a, dept);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_matter_list(struct store *s, struct arena *a, struct store_matter **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql_matter_list, .read = read_matter, .elem_size = sizeof(**out)};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = matter_powers(s, a, &(*out)[i]);
	return rc;
}

int store_matter_get(struct store *s, struct arena *a, int64_t id, struct store_matter *out)
{
	int rc = get_by_id(s, a, sql_matter_get, id, read_matter, out);

	return rc == KFQ_OK ? matter_powers(s, a, out) : rc;
}

static int write_matter(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	struct store_matter m;
	int rc;

	if ((rc = store_matter_get(s, a, id, &m)) == KFQ_OK)
		((const struct store_affairs_json *)json)->matter(w, &m);
	return rc;
}

int store_matter_save(struct store *s, const struct store_actor *who,
                      const struct store_affairs_json *json, struct store_matter *m)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int64_t other, id = m->id;
	bool create = id == 0;
	int rc;

	time_format(time_now(), now);
	if ((rc = begin_save(s, m->id, write_matter, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_matter_dup, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, m->name);
	store_bind_int(st, 2, m->id);
	rc = store_row(st, NULL, store_read_int, &other);
	if (rc != KFQ_ENOTFOUND) {
		rc = rc == KFQ_OK ? KFQ_ECONFLICT : rc;
		goto done;
	}
	if ((rc = store_prepare(s, create ? sql_matter_insert : sql_matter_update, &st)) != KFQ_OK)
		goto done;
	if (create) {
		store_bind_int(st, 1, m->lead_org_id);
		store_bind_text(st, 2, m->name);
		store_bind_text(st, 3, m->steps);
		store_bind_int(st, 4, m->promised_days);
		store_bind_text(st, 5, now);
		rc = store_run_id(st, &id);
	} else {
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, m->lead_org_id);
		store_bind_text(st, 3, m->name);
		store_bind_text(st, 4, m->steps);
		store_bind_int(st, 5, m->promised_days);
		store_bind_text(st, 6, now);
		rc = store_run(st);
	}
	if (rc != KFQ_OK || (rc = store_prepare(s, sql_matter_unlink, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	for (int i = 0; i < m->npowers && rc == KFQ_OK; i++) {
		if ((rc = store_prepare(s, sql_matter_link, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, m->power_ids[i]);
		/* a power that does not exist inserts nothing, which the count below shows */
		rc = store_run(st);
	}
	if (rc == KFQ_OK) {
		struct arena tmp;
		struct store_matter after;
		arena_init(&tmp);
		rc = store_matter_get(s, &tmp, id, &after);
		if (rc == KFQ_OK && after.npowers != m->npowers)
			rc = KFQ_ECONSTRAINT;
		arena_release(&tmp);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "key_matter", id,
		                        before, write_matter, json);
	m->id = id;
done:
	free(before);
	return store_end(s, rc);
}

/* ---- reported problems ---- */

#define PROBLEM_COLS                                                                               \
	"x.id, x.matter_id, km.name, x.zone_org_id, z.name, x.handler_org_id, h.name, "            \
	"x.reporter_org_id, r.name, x.enterprise, x.contact_phone, x.source, x.description, "      \
	"x.status, x.answer, x.due_date, x.reported_at, x.answered_at, x.closed_at, "              \
	"x.closing_note"
#define PROBLEM_FROM                                                                               \
	" FROM matter_problem x LEFT JOIN key_matter km ON km.id = x.matter_id LEFT JOIN org z "   \
	"ON "                                                                                      \
	"z.id = x.zone_org_id JOIN org h ON h.id = x.handler_org_id JOIN org r ON "                \
	"r.id = x.reporter_org_id"
static const char sql_problem_count[] = "SELECT COUNT(*) FROM matter_problem x";
static const char sql_problem_list[] = "SELECT " PROBLEM_COLS PROBLEM_FROM;
static const char sql_problem_get[] = "SELECT " PROBLEM_COLS PROBLEM_FROM " WHERE x.id = ?1";
static const char sql_problem_code[] =
    "SELECT " PROBLEM_COLS PROBLEM_FROM " WHERE x.code_hash = ?1";
static const char sql_problem_insert[] =
    "INSERT INTO matter_problem (matter_id, zone_org_id, enterprise, contact_phone, source, "
    "description, handler_org_id, status, due_date, code_hash, reported_at, reported_by, "
    "reporter_org_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?10, ?11, ?12) "
    "RETURNING id";
static const char sql_problem_answer[] =
    "UPDATE matter_problem SET status = ?2, answer = ?3, answered_at = ?4 WHERE id = ?1";
static const char sql_problem_close[] =
    "UPDATE matter_problem SET status = ?2, closing_note = ?3, closed_at = ?4 WHERE id = ?1";
static const char sql_problem_reopen[] =
    "UPDATE matter_problem SET status = ?2, closing_note = ?3, answered_at = ?4 WHERE id = ?1";

static void read_problem(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_problem *p = element;

	p->id = store_col_int(st, 0);
	p->matter_id = store_col_int(st, 1);
	p->matter_name = store_col_dup(st, 2, a);
	p->zone_org_id = store_col_int(st, 3);
	p->zone_name = store_col_dup(st, 4, a);
	p->handler_org_id = store_col_int(st, 5);
	p->handler_name = store_col_dup(st, 6, a);
	p->reporter_org_id = store_col_int(st, 7);
	p->reporter_name = store_col_dup(st, 8, a);
	p->enterprise = store_col_dup(st, 9, a);
	p->contact_phone = store_col_dup(st, 10, a);
	p->source = store_col_dup(st, 11, a);
	p->description = store_col_dup(st, 12, a);
	p->status = store_col_dup(st, 13, a);
	p->answer = store_col_dup(st, 14, a);
	p->due_date = store_col_dup(st, 15, a);
	p->reported_at = store_col_dup(st, 16, a);
	p->answered_at = store_col_dup(st, 17, a);
	p->closed_at = store_col_dup(st, 18, a);
	p->closing_note = store_col_dup(st, 19, a);
}

int store_problem_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                       struct store_problem **out, int *n, int64_t *total)
{
	static const struct store_list shape = {.count_sql = sql_problem_count,
	                                        .list_sql = sql_problem_list,
	                                        .read = read_problem,
	                                        .elem_size = sizeof(**out),
	                                        .order = " ORDER BY x.id DESC"};
	struct page_arg x = {f, "x.handler_org_id", "x.reporter_org_id"};
	void *arr;
	int rc = page(s, a, &shape, &x, &arr, n, total);

	*out = arr;
	return rc;
}

int store_problem_counts(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                         const char *today, struct store_status_count **out, int *n)
{
	static const char sql[] =
	    "SELECT x.status, COUNT(*), SUM(CASE WHEN x.status = 'open' AND x.due_date < ?1 THEN 1 "
	    "ELSE 0 END) FROM matter_problem x";
	struct page_arg x = {f, "x.handler_org_id", "x.reporter_org_id", today};

	return status_counts(s, a, sql, &x, out, n);
}

int store_problem_get(struct store *s, struct arena *a, int64_t id, struct store_problem *out)
{
	return get_by_id(s, a, sql_problem_get, id, read_problem, out);
}

int store_problem_by_code(struct store *s, struct arena *a, const char *code_hash,
                          struct store_problem *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_problem_code, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, code_hash);
	return store_row(st, a, read_problem, out);
}

static int write_problem(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	struct store_problem p;
	int rc;

	if ((rc = store_problem_get(s, a, id, &p)) == KFQ_OK)
		((const struct store_affairs_json *)json)->problem(w, &p);
	return rc;
}

/* Tells whoever acts next on problem id (core problem_step_item), in the step's transaction. */
static int tell_problem(struct store *s, const struct store_actor *who, int64_t id,
                        enum problem_action act, bool created)
{
	struct store_problem p;
	struct inbox_item item;
	struct arena ar;
	int rc;

	arena_init(&ar);
	if ((rc = store_problem_get(s, &ar, id, &p)) == KFQ_OK) {
		struct problem_step_subject subj = {
		    id, p.handler_org_id, p.reporter_org_id, p.enterprise, p.due_date, created};
		problem_step_item(act, &subj, &ar, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&ar);
	return rc;
}

int store_problem_create(struct store *s, const struct store_actor *who,
                         const struct store_affairs_json *json, struct store_problem *p,
                         const char *code_hash)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_problem_insert, &st)) == KFQ_OK) {
		store_bind_id(st, 1, p->matter_id);
		store_bind_id(st, 2, p->zone_org_id);
		store_bind_text(st, 3, p->enterprise);
		store_bind_text(st, 4, p->contact_phone);
		store_bind_text(st, 5, p->source);
		store_bind_text(st, 6, p->description);
		store_bind_int(st, 7, p->handler_org_id);
		store_bind_text(st, 8, p->due_date);
		store_bind_text(st, 9, code_hash);
		store_bind_text(st, 10, now);
		store_bind_id(st, 11, who->user_id);
		store_bind_int(st, 12, p->reporter_org_id);
		p->id = 0;
		rc = finish_save(s, who, st, &p->id, "matter_problem", NULL, write_problem, json);
		if (rc == KFQ_OK)
			rc = tell_problem(s, who, p->id, PROBLEM_ANSWER, true);
	}
	return store_end(s, rc);
}

int store_problem_act(struct store *s, struct arena *a, const struct store_actor *who,
                      const struct store_affairs_json *json, int64_t id, enum problem_action act,
                      const char *text, const char **status)
{
	static const char *const sql[] = {sql_problem_answer, sql_problem_close,
	                                  sql_problem_reopen};
	static const char *const names[] = {"answer", "close", "reopen"};
	struct store_stmt *st;
	struct store_problem p;
	char now[TIME_RFC3339_LEN], *before;
	const char *next;
	int rc;

	*status = NULL;
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_problem, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_problem_get(s, a, id, &p)) != KFQ_OK)
		goto done;
	*status = p.status;
	if (!(next = problem_next_status(p.status, act))) {
		rc = KFQ_EBUSY;
		goto done;
	}
	if ((rc = store_prepare(s, sql[act], &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, next);
	store_bind_text(st, 3, text);
	/* reopening keeps the answer but not its time: the next answer sets it again */
	if (act == PROBLEM_REOPEN)
		store_bind_null(st, 4);
	else
		store_bind_text(st, 4, now);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, names[act], "matter_problem", id, before,
		                        write_problem, json);
	if (rc == KFQ_OK)
		rc = tell_problem(s, who, id, act, false);
done:
	free(before);
	return store_end(s, rc);
}

/* ---- rule adjustments ---- */

#define RULE_COLS                                                                                  \
	"x.id, x.dept_org_id, o.name, x.kind, x.title, x.provision, x.change, x.procedure, "       \
	"x.target_date, x.status, x.result_document, x.created_at, x.updated_at"
#define RULE_FROM " FROM rule_adjustment x JOIN org o ON o.id = x.dept_org_id"
static const char sql_rule_count[] = "SELECT COUNT(*)" RULE_FROM;
static const char sql_rule_list[] = "SELECT " RULE_COLS RULE_FROM;
static const char sql_rule_get[] = "SELECT " RULE_COLS RULE_FROM " WHERE x.id = ?1";
static const char sql_rule_insert[] =
    "INSERT INTO rule_adjustment (dept_org_id, kind, title, provision, change, procedure, "
    "target_date, status, result_document, created_at, updated_at, updated_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11) RETURNING id";
static const char sql_rule_update[] =
    "UPDATE rule_adjustment SET kind = ?2, title = ?3, provision = ?4, change = ?5, "
    "procedure = ?6, target_date = ?7, status = ?8, result_document = ?9, updated_at = ?10, "
    "updated_by = ?11 WHERE id = ?1";

static void read_rule(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_rule *r = element;

	r->id = store_col_int(st, 0);
	r->dept_org_id = store_col_int(st, 1);
	r->dept_name = store_col_dup(st, 2, a);
	r->kind = store_col_dup(st, 3, a);
	r->title = store_col_dup(st, 4, a);
	r->provision = store_col_dup(st, 5, a);
	r->change = store_col_dup(st, 6, a);
	r->procedure = store_col_dup(st, 7, a);
	r->target_date = store_col_dup(st, 8, a);
	r->status = store_col_dup(st, 9, a);
	r->result_document = store_col_dup(st, 10, a);
	r->created_at = store_col_dup(st, 11, a);
	r->updated_at = store_col_dup(st, 12, a);
}

int store_rule_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                    struct store_rule **out, int *n, int64_t *total)
{
	static const struct store_list shape = {.count_sql = sql_rule_count,
	                                        .list_sql = sql_rule_list,
	                                        .read = read_rule,
	                                        .elem_size = sizeof(**out),
	                                        .order = " ORDER BY x.target_date, x.id"};
	struct page_arg x = {f, "x.dept_org_id", NULL};
	void *arr;
	int rc = page(s, a, &shape, &x, &arr, n, total);

	*out = arr;
	return rc;
}

int store_rule_counts(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                      const char *today, struct store_status_count **out, int *n)
{
	static const char sql[] =
	    "SELECT x.status, COUNT(*), SUM(CASE WHEN x.status <> 'done' AND x.target_date < ?1 "
	    "THEN 1 ELSE 0 END) FROM rule_adjustment x";
	struct page_arg x = {f, "x.dept_org_id", NULL, today};

	return status_counts(s, a, sql, &x, out, n);
}

int store_rule_get(struct store *s, struct arena *a, int64_t id, struct store_rule *out)
{
	return get_by_id(s, a, sql_rule_get, id, read_rule, out);
}

static int write_rule(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	struct store_rule r;
	int rc;

	if ((rc = store_rule_get(s, a, id, &r)) == KFQ_OK)
		((const struct store_affairs_json *)json)->rule(w, &r);
	return rc;
}

/* Tells the office of a rule's save when it hands something on (core rule_step_item), from the
 * rule as the save left it; was: its status before, NULL for a new one. */
static int tell_rule(struct store *s, const struct store_actor *who, int64_t id, const char *was)
{
	struct store_rule r;
	struct inbox_item item;
	struct arena ar;
	int rc;

	arena_init(&ar);
	if ((rc = store_rule_get(s, &ar, id, &r)) == KFQ_OK) {
		struct rule_step_subject subj = {
		    .rule_id = id,
		    .dept = r.dept_name,
		    .title = r.title,
		    .target_date = r.target_date,
		    .result_document = r.result_document,
		    .was = was,
		    .status = r.status,
		};
		if (rule_step_item(&subj, &ar, &item))
			rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&ar);
	return rc;
}

int store_rule_save(struct store *s, const struct store_actor *who,
                    const struct store_affairs_json *json, struct store_rule *r)
{
	struct store_rule old;
	struct store_stmt *st;
	struct arena ar;
	char now[TIME_RFC3339_LEN], *before;
	const char *was = NULL;
	int rc;

	arena_init(&ar);
	time_format(time_now(), now);
	if ((rc = begin_save(s, r->id, write_rule, json, &before)) != KFQ_OK)
		goto cleanup;
	/* the status before, read under the write lock */
	if (r->id && (rc = store_rule_get(s, &ar, r->id, &old)) == KFQ_OK)
		was = old.status;
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, r->id ? sql_rule_update : sql_rule_insert, &st)) == KFQ_OK) {
		store_bind_int(st, 1, r->id ? r->id : r->dept_org_id);
		store_bind_text(st, 2, r->kind);
		store_bind_text(st, 3, r->title);
		store_bind_text(st, 4, r->provision);
		store_bind_text(st, 5, r->change);
		store_bind_text(st, 6, r->procedure);
		store_bind_text(st, 7, r->target_date);
		store_bind_text(st, 8, r->status);
		store_bind_text(st, 9, r->result_document);
		store_bind_text(st, 10, now);
		store_bind_id(st, 11, who->user_id);
		rc = finish_save(s, who, st, &r->id, "rule_adjustment", before, write_rule, json);
	}
	if (rc == KFQ_OK)
		rc = tell_rule(s, who, r->id, was);
	free(before);
	rc = store_end(s, rc);
cleanup:
	arena_release(&ar);
	return rc;
}
