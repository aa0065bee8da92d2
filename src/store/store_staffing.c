/* store_staffing.c - the staffing 编办 approves (figures per zone and year, internal bodies) and
 * the zone's posts, in SQL, each write audited. The rules are core/people.c's; this file counts
 * the roster inside the write transaction and hands the counts over. Must not decide who may
 * approve (api/ asks the capability table). */
#include "store/store_people.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_people_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define STAFFING_COLS                                                                              \
	"st.id, st.org_id, o.name, st.year, st.admin_slots, st.inst_slots, st.bodies, "            \
	"st.leaders, st.quota, st.doc_no, st.note, st.approved_at, st.approved_by, u.display_name"
#define STAFFING_FROM                                                                              \
	" FROM staffing st JOIN org o ON o.id = st.org_id LEFT JOIN app_user u ON u.id = "         \
	"st.approved_by"
static const char sql_count[] = "SELECT COUNT(*) FROM staffing st";
static const char sql_list[] = "SELECT " STAFFING_COLS STAFFING_FROM;
static const char sql_get[] = "SELECT " STAFFING_COLS STAFFING_FROM " WHERE st.id = ?1";
static const char sql_current[] =
    "SELECT " STAFFING_COLS STAFFING_FROM " WHERE st.org_id = ?1 AND st.year <= ?2 "
    "ORDER BY st.year DESC LIMIT 1";
static const char sql_find[] = "SELECT id FROM staffing WHERE org_id = ?1 AND year = ?2";
static const char sql_bodies[] =
    "SELECT name FROM staffing_body WHERE staffing_id = ?1 ORDER BY id";
static const char sql_insert[] =
    "INSERT INTO staffing (org_id, year, admin_slots, inst_slots, bodies, leaders, quota, "
    "doc_no, note, approved_at, approved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11) RETURNING id";
static const char sql_update[] =
    "UPDATE staffing SET admin_slots = ?3, inst_slots = ?4, bodies = ?5, leaders = ?6, "
    "quota = ?7, doc_no = ?8, note = ?9, approved_at = ?10, approved_by = ?11 "
    "WHERE org_id = ?1 AND year = ?2 RETURNING id";
static const char sql_bodies_clear[] = "DELETE FROM staffing_body WHERE staffing_id = ?1";
static const char sql_bodies_count[] = "SELECT COUNT(*) FROM staffing_body WHERE staffing_id = ?1";
static const char sql_body_insert[] =
    "INSERT INTO staffing_body (staffing_id, name) VALUES (?1, ?2)";

#define POST_COLS                                                                                  \
	"sp.id, sp.org_id, o.name, sp.name, sp.grade, sp.leader, sp.body, sp.created_at, "         \
	"(SELECT MIN(p.id) FROM person p WHERE p.post_id = sp.id AND p.end_date IS NULL), "        \
	"(SELECT MIN(p.name) FROM person p WHERE p.post_id = sp.id AND p.end_date IS NULL)"
#define POST_FROM " FROM staffing_post sp JOIN org o ON o.id = sp.org_id"
static const char sql_post_list[] = "SELECT " POST_COLS POST_FROM;
static const char sql_post_get[] = "SELECT " POST_COLS POST_FROM " WHERE sp.id = ?1";
static const char sql_post_insert[] =
    "INSERT INTO staffing_post (org_id, name, grade, leader, body, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char sql_post_delete[] = "DELETE FROM staffing_post WHERE id = ?1";
static const char sql_post_held[] = "SELECT COUNT(*) FROM person WHERE post_id = ?1";

/* element: a struct store_staffing */
static void read_staffing(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_staffing *x = element;

	memset(x, 0, sizeof(*x));
	x->id = store_col_int(st, 0);
	x->org_id = store_col_int(st, 1);
	x->org_name = store_col_dup(st, 2, a);
	x->year = (int)store_col_int(st, 3);
	x->f.admin_slots = store_col_int(st, 4);
	x->f.inst_slots = store_col_int(st, 5);
	x->f.bodies = store_col_int(st, 6);
	x->f.leaders = store_col_int(st, 7);
	x->f.quota = store_col_int(st, 8);
	x->doc_no = store_col_dup(st, 9, a);
	x->note = store_col_dup(st, 10, a);
	x->approved_at = store_col_dup(st, 11, a);
	x->approved_by = store_col_int(st, 12);
	x->approved_by_name = store_col_dup(st, 13, a);
}

/* element: a const char * */
static void read_text(struct store_stmt *st, struct arena *a, void *element)
{
	*(const char **)element = store_col_dup(st, 0, a);
}

static void staffing_filter(struct store_sql *q, const void *arg)
{
	const struct store_staffing_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND st.org_id = ?", f->org_id);
	if (f->year)
		store_sql_int(q, " AND st.year = ?", f->year);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "st.org_id", &f->scope);
	}
}

int store_staffing_list(struct store *s, struct arena *a, const struct store_staffing_filter *f,
                        struct store_staffing **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_staffing,
	    .elem_size = sizeof(**out),
	    .filter = staffing_filter,
	    .order = " ORDER BY st.year DESC, o.name, st.id",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

/* The bodies of x and the counts of its zone's roster today. */
static int complete(struct store *s, struct arena *a, struct store_staffing *x)
{
	void *arr;
	int rc = store_collect(s, a, sql_bodies, x->id, sizeof(const char *), read_text, &arr,
	                       &x->n_bodies);

	if (rc != KFQ_OK)
		return rc;
	x->bodies = arr;
	rc = store_people_roster_counts(s, x->org_id, &x->now);
	x->now.bodies = x->n_bodies;
	return rc;
}

int store_staffing_get(struct store *s, struct arena *a, int64_t id, struct store_staffing *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_staffing, out)) != KFQ_OK)
		return rc;
	return complete(s, a, out);
}

int store_staffing_current(struct store *s, struct arena *a, int64_t org_id,
                           struct store_staffing *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_current, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, store_people_year());
	if ((rc = store_row(st, a, read_staffing, out)) != KFQ_OK)
		return rc;
	return complete(s, a, out);
}

static int staffing_write(struct store *s, struct arena *a, int64_t id, const void *json,
                          struct jsonw *w)
{
	const struct store_people_json *shape = json;
	struct store_staffing x;
	int rc = store_staffing_get(s, a, id, &x);

	if (rc == KFQ_OK)
		shape->staffing(w, &x);
	return rc;
}

static int find_staffing(struct store *s, int64_t org_id, int year, int64_t *id)
{
	struct store_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_prepare(s, sql_find, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, year);
	rc = store_step(st);
	if (rc == KFQ_ROW)
		*id = store_col_int(st, 0);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The names the figures id keep (keep_bodies) fit in->f.bodies: else KFQ_EINVAL, OVER_BODIES. */
static int kept_bodies_fit(struct store *s, int64_t id, const struct store_staffing *in,
                           enum people_rule *rule)
{
	struct store_stmt *st;
	int64_t n = 0;
	int rc;

	if ((rc = store_prepare(s, sql_bodies_count, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, NULL, store_read_int, &n)) != KFQ_OK)
		return rc;
	if (n <= in->f.bodies)
		return KFQ_OK;
	*rule = PEOPLE_OVER_BODIES;
	return KFQ_EINVAL;
}

static int write_bodies(struct store *s, const struct store_staffing *in)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_bodies_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, in->id);
	if ((rc = store_run(st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < in->n_bodies; i++) {
		if ((rc = store_prepare(s, sql_body_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, in->id);
		store_bind_text(st, 2, in->bodies[i]);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

/* After the write: when these figures rule the roster today, its counts must fit them. */
static int check_roster(struct store *s, const struct store_staffing *in, enum people_rule *rule)
{
	struct store_staffing cur;
	struct arena a;
	int rc;

	arena_init(&a);
	rc = store_staffing_current(s, &a, in->org_id, &cur);
	if (rc == KFQ_OK && cur.id == in->id &&
	    (*rule = people_counts_check(&cur.f, &cur.now)) != PEOPLE_OK)
		rc = KFQ_EINVAL;
	else if (rc == KFQ_ENOTFOUND)
		rc = KFQ_OK;
	arena_release(&a);
	return rc;
}

/* After the audit record: tells the zone that its figures were approved or changed. */
static int tell_zone(struct store *s, const struct store_actor *who, int64_t id, bool change)
{
	struct inbox_item item;
	struct store_staffing x;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_staffing_get(s, &a, id, &x)) == KFQ_OK) {
		people_staffing_item(x.id, x.org_id, x.org_name, x.year, x.doc_no, change, &a,
		                     &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_staffing_set(struct store *s, const struct store_actor *who,
                       const struct store_people_json *json, struct store_staffing *in,
                       enum people_rule *rule)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t existing;
	int rc;

	*rule = PEOPLE_OK;
	time_format(time_now(), now);
	if (in->n_bodies > in->f.bodies) {
		*rule = PEOPLE_OVER_BODIES;
		return KFQ_EINVAL;
	}
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = find_staffing(s, in->org_id, in->year, &existing)) != KFQ_OK)
		goto done;
	if (existing && !(before = store_entity_json(s, existing, staffing_write, json, &rc)))
		goto done;
	if (in->keep_bodies && existing && (rc = kept_bodies_fit(s, existing, in, rule)) != KFQ_OK)
		goto done;
	if ((rc = store_prepare(s, existing ? sql_update : sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, in->org_id);
	store_bind_int(st, 2, in->year);
	store_bind_int(st, 3, in->f.admin_slots);
	store_bind_int(st, 4, in->f.inst_slots);
	store_bind_int(st, 5, in->f.bodies);
	store_bind_int(st, 6, in->f.leaders);
	store_bind_int(st, 7, in->f.quota);
	store_bind_text(st, 8, in->doc_no);
	store_bind_text(st, 9, in->note);
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
	if ((rc = store_run_id(st, &in->id)) != KFQ_OK)
		goto done;
	if ((!in->keep_bodies && (rc = write_bodies(s, in)) != KFQ_OK) ||
	    (rc = check_roster(s, in, rule)) != KFQ_OK)
		goto done;
	rc = store_audit_entity(s, who, existing ? "change" : "approve", "staffing", in->id, before,
	                        staffing_write, json);
	if (rc == KFQ_OK)
		rc = tell_zone(s, who, in->id, existing != 0);
done:
	free(before);
	if ((rc = store_end(s, rc)) != KFQ_OK)
		in->id = 0;
	return rc;
}

/* ---- posts ---- */

/* element: a struct store_post */
static void read_post(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_post *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->org_id = store_col_int(st, 1);
	p->org_name = store_col_dup(st, 2, a);
	p->name = store_col_dup(st, 3, a);
	p->grade = store_col_dup(st, 4, a);
	p->leader = store_col_int(st, 5) != 0;
	p->body = store_col_dup(st, 6, a);
	p->created_at = store_col_dup(st, 7, a);
	p->holder_id = store_col_int(st, 8);
	p->holder_name = store_col_dup(st, 9, a);
}

struct post_filter {
	int64_t org_id;
	const struct store_scope *scope;
};

static void post_filter(struct store_sql *q, const void *arg)
{
	const struct post_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND sp.org_id = ?", f->org_id);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "sp.org_id", f->scope);
	}
}

int store_post_list(struct store *s, struct arena *a, int64_t org_id,
                    const struct store_scope *scope, struct store_post **out, int *n)
{
	struct post_filter f = {org_id, scope};
	struct store_list l = {
	    .list_sql = sql_post_list,
	    .arg = &f,
	    .read = read_post,
	    .elem_size = sizeof(**out),
	    .filter = post_filter,
	    .order = " ORDER BY o.name, sp.leader DESC, sp.name",
	};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

int store_post_get(struct store *s, struct arena *a, int64_t id, struct store_post *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_post_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_post, out);
}

static int post_write(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_people_json *shape = json;
	struct store_post p;
	int rc = store_post_get(s, a, id, &p);

	if (rc == KFQ_OK)
		shape->post(w, &p);
	return rc;
}

int store_post_create(struct store *s, const struct store_actor *who,
                      const struct store_people_json *json, struct store_post *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_post_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, p->org_id);
	store_bind_text(st, 2, p->name);
	store_bind_text(st, 3, p->grade);
	store_bind_int(st, 4, p->leader);
	store_bind_text(st, 5, p->body);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	if ((rc = store_run_id(st, &p->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "post", p->id, NULL, post_write, json);
done:
	if ((rc = store_end(s, rc)) != KFQ_OK)
		p->id = 0;
	return rc;
}

int store_post_delete(struct store *s, const struct store_actor *who,
                      const struct store_people_json *json, int64_t id, enum people_rule *rule)
{
	struct store_stmt *st;
	char *before = NULL;
	int64_t held = 0;
	int rc;

	*rule = PEOPLE_OK;
	if ((rc = store_begin_change(s, id, post_write, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_post_held, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_ROW)
		held = store_col_int(st, 0);
	store_reset(st);
	if (rc != KFQ_ROW) {
		rc = rc == KFQ_DONE ? KFQ_ERR : rc;
		goto done;
	}
	/* a person who held it, even one who has left, keeps it in their record */
	if (held) {
		*rule = PEOPLE_POST_IN_USE;
		rc = KFQ_EINVAL;
		goto done;
	}
	if ((rc = store_prepare(s, sql_post_delete, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "post", id, before, NULL);
done:
	free(before);
	return store_end(s, rc);
}
