/* store_leader.c - art. 15's county view and leaders' records in SQL (see store_leader.h). The
 * rule is core/leader.c's; this file gathers its basis inside the write transaction. */
#include "store/store_leader.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_org.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <string.h>

static const char sql_grade[] = "SELECT grade FROM zone_grade WHERE org_id = ?1 AND year = ?2";
static const char sql_is_leader[] =
    "SELECT COUNT(*) FROM person p JOIN staffing_post sp ON sp.id = p.post_id WHERE p.id = ?1 "
    "AND p.org_id = ?2 AND sp.leader = 1";
static const char sql_on_roster[] = "SELECT COUNT(*) FROM person WHERE id = ?1 AND org_id = ?2";
static const char sql_case_keeps[] =
    "SELECT COUNT(*) FROM fault_case WHERE id = ?1 AND person_id = ?2 AND status = 'decided' AND "
    "decision IN ('exempt', 'reduced') AND effect = 'leader_kept' AND effect_year = ?3";
static const char sql_recorded[] =
    "SELECT COUNT(*) FROM leader_action WHERE person_id = ?1 AND year = ?2 AND kind = ?3";
static const char sql_insert[] =
    "INSERT INTO leader_action (org_id, person_id, kind, year, grade, fault_case_id, basis, "
    "doc_no, recorded_org_id, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11) RETURNING id";
#define ACTION_COLS                                                                                \
	"x.id, x.org_id, o.name, x.person_id, p.name, x.kind, x.year, x.grade, x.fault_case_id, "  \
	"x.basis, x.doc_no, r.name, x.recorded_at"
#define ACTION_FROM                                                                                \
	" FROM leader_action x JOIN org o ON o.id = x.org_id JOIN person p ON p.id = x.person_id " \
	"LEFT JOIN org r ON r.id = x.recorded_org_id"
static const char sql_count[] = "SELECT COUNT(*) FROM leader_action x JOIN org o ON o.id = "
                                "x.org_id";
static const char sql_list[] = "SELECT " ACTION_COLS ACTION_FROM;
static const char sql_get[] = "SELECT " ACTION_COLS ACTION_FROM " WHERE x.id = ?1";
static const char sql_zones[] =
    "SELECT id, name, level FROM org WHERE parent_id = ?1 AND type = 'zone' ORDER BY name";
static const char sql_zone_grades[] =
    "SELECT g.org_id, g.year, g.grade FROM zone_grade g JOIN org o ON o.id = g.org_id WHERE "
    "o.parent_id = ?1 AND g.year BETWEEN ?2 AND ?3";
static const char sql_zone_actions[] =
    "SELECT " ACTION_COLS ACTION_FROM " WHERE o.parent_id = ?1 AND x.year BETWEEN ?2 AND ?3 "
    "ORDER BY x.year, x.id";
/* zones graded 优秀 or 较差 with no record of the year (the county: the zone's host, if one) */
static const char sql_awaiting[] =
    "SELECT g.org_id, o.name, h.id, h.name, g.year, g.grade FROM zone_grade g JOIN org o ON "
    "o.id = g.org_id LEFT JOIN org h ON h.id = o.parent_id AND h.type = 'county'";
static const char sql_awaiting_year[] = "SELECT MAX(g.year) FROM zone_grade g";

int store_leader_grade(struct store *s, struct arena *a, int64_t org_id, int year,
                       const char **grade)
{
	struct store_stmt *st;
	int rc;

	*grade = NULL;
	if ((rc = store_prepare(s, sql_grade, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, year);
	rc = store_step(st);
	if (rc == KFQ_ROW)
		*grade = store_col_dup(st, 0, a);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* element: a struct store_leader_action */
static void read_action(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_leader_action *x = element;

	x->id = store_col_int(st, 0);
	x->org_id = store_col_int(st, 1);
	x->org_name = store_col_dup(st, 2, a);
	x->person_id = store_col_int(st, 3);
	x->person_name = store_col_dup(st, 4, a);
	x->kind = store_col_dup(st, 5, a);
	x->year = (int)store_col_int(st, 6);
	x->grade = store_col_dup(st, 7, a);
	x->fault_case_id = store_col_int(st, 8);
	x->basis = store_col_dup(st, 9, a);
	x->doc_no = store_col_dup(st, 10, a);
	x->recorded_org_name = store_col_dup(st, 11, a);
	x->recorded_at = store_col_dup(st, 12, a);
}

int store_leader_action_get(struct store *s, struct arena *a, int64_t id,
                            struct store_leader_action *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_action, out);
}

static int action_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_leader_json *shape = json;
	struct store_leader_action x;
	int rc = store_leader_action_get(s, a, id, &x);

	if (rc == KFQ_OK)
		shape->action(w, &x);
	return rc;
}

/* The count sql answers with ?1 a1, ?2 a2 and (text NULL: none) ?3 a3, else the text. */
static int count_of(struct store *s, const char *sql, int64_t a1, int64_t a2, int64_t a3,
                    const char *text, int64_t *n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, a1);
	store_bind_int(st, 2, a2);
	if (text)
		store_bind_text(st, 3, text);
	else if (a3)
		store_bind_int(st, 3, a3);
	return store_row(st, NULL, store_read_int, n);
}

static int count2(struct store *s, const char *sql, int64_t a1, int64_t a2, int64_t *n)
{
	return count_of(s, sql, a1, a2, 0, NULL, n);
}

/* The basis of x, read in the transaction. */
static int basis_of(struct store *s, struct arena *a, const struct store_leader_action *x,
                    struct leader_basis *b)
{
	int64_t n = 0;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = count2(s, sql_on_roster, x->person_id, x->org_id, &n)) != KFQ_OK)
		return rc;
	if (!n)
		return KFQ_ENOTFOUND;
	if ((rc = count2(s, sql_is_leader, x->person_id, x->org_id, &n)) != KFQ_OK)
		return rc;
	b->is_leader = n > 0;
	if ((rc = store_leader_grade(s, a, x->org_id, x->year, &b->grade)) != KFQ_OK)
		return rc;
	if ((rc = count_of(s, sql_recorded, x->person_id, x->year, 0, x->kind, &n)) != KFQ_OK)
		return rc;
	b->recorded = n > 0;
	if (leader_opposite(x->kind)) {
		if ((rc = count_of(s, sql_recorded, x->person_id, x->year, 0,
		                   leader_opposite(x->kind), &n)) != KFQ_OK)
			return rc;
		b->contradicted = n > 0;
	}
	if (x->fault_case_id) {
		if ((rc = count_of(s, sql_case_keeps, x->fault_case_id, x->person_id, x->year, NULL,
		                   &n)) != KFQ_OK)
			return rc;
		b->case_keeps = n > 0;
	}
	return KFQ_OK;
}

/* After the audit record of action id: tells the zone and the county hosting it. */
static int tell(struct store *s, const struct store_actor *who, struct arena *a, int64_t id)
{
	struct store_leader_action x;
	struct inbox_item item;
	struct store_org zone, parent;
	int64_t county = 0;
	int rc;

	if ((rc = store_leader_action_get(s, a, id, &x)) != KFQ_OK ||
	    (rc = store_org_get(s, a, x.org_id, &zone)) != KFQ_OK)
		return rc;
	if (zone.parent_id) {
		if ((rc = store_org_get(s, a, zone.parent_id, &parent)) != KFQ_OK)
			return rc;
		if (!strcmp(parent.type, "county"))
			county = parent.id;
	}
	leader_action_item(x.id, x.org_id, x.org_name, county, x.person_name, x.kind, x.year,
	                   x.recorded_org_name, a, &item);
	return store_inbox_send(s, who, &item, NULL);
}

int store_leader_action_add(struct store *s, const struct store_actor *who,
                            const struct store_leader_json *json, struct store_leader_action *x,
                            int64_t recorder_org, enum leader_rule *rule)
{
	struct leader_basis b;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN];
	int64_t id = 0;
	int rc;

	*rule = LEADER_OK;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto out;
	if ((rc = basis_of(s, &a, x, &b)) != KFQ_OK)
		goto done;
	if ((*rule = leader_action_check(x->kind, &b)) != LEADER_OK) {
		rc = KFQ_EINVAL;
		goto done;
	}
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->org_id);
	store_bind_int(st, 2, x->person_id);
	store_bind_text(st, 3, x->kind);
	store_bind_int(st, 4, x->year);
	store_bind_text(st, 5, b.grade);
	store_bind_id(st, 6, x->fault_case_id);
	store_bind_text(st, 7, x->basis);
	store_bind_text(st, 8, x->doc_no);
	store_bind_id(st, 9, recorder_org);
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
	if ((rc = store_run_id(st, &id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "leader_action", id, NULL, action_write,
		                        json);
	if (rc == KFQ_OK)
		rc = tell(s, who, &a, id);
done:
	if ((rc = store_end(s, rc)) == KFQ_OK)
		x->id = id;
out:
	arena_release(&a);
	return rc;
}

static void action_filter(struct store_sql *q, const void *arg)
{
	const struct store_leader_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND x.org_id = ?", f->org_id);
	if (f->county_id)
		store_sql_int(q, " AND o.parent_id = ?", f->county_id);
	if (f->year)
		store_sql_int(q, " AND x.year = ?", f->year);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "x.org_id", &f->scope);
	}
}

int store_leader_action_list(struct store *s, struct arena *a, const struct store_leader_filter *f,
                             struct store_leader_action **out, int *n, int64_t *total)
{
	struct store_list l = {.count_sql = sql_count,
	                       .list_sql = sql_list,
	                       .offset = f->offset,
	                       .limit = f->limit,
	                       .arg = f,
	                       .read = read_action,
	                       .elem_size = sizeof(**out),
	                       .filter = action_filter,
	                       .order = " ORDER BY x.year DESC, x.id DESC"};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

/* element: a struct store_county_zone */
static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_county_zone *z = element;

	memset(z, 0, sizeof(*z));
	z->org_id = store_col_int(st, 0);
	z->name = store_col_dup(st, 1, a);
	z->level = store_col_dup(st, 2, a);
}

static struct store_county_zone *zone_of(struct store_county_zone *zs, int n, int64_t org_id)
{
	for (int i = 0; i < n; i++)
		if (zs[i].org_id == org_id)
			return &zs[i];
	return NULL;
}

static int bind_years(struct store *s, const char *sql, int64_t county_id, int from, int to,
                      struct store_stmt **st)
{
	int rc = store_prepare(s, sql, st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(*st, 1, county_id);
	store_bind_int(*st, 2, from);
	store_bind_int(*st, 3, to);
	return KFQ_OK;
}

int store_county_zones(struct store *s, struct arena *a, int64_t county_id, int from, int to,
                       struct store_county_zone **out, int *n)
{
	struct store_county_zone *zs, *z;
	struct store_leader_action *all = NULL;
	struct store_stmt *st;
	void *arr;
	int rc, nz, nall = 0, cap = 0;

	if ((rc = store_collect(s, a, sql_zones, county_id, sizeof(*zs), read_zone, &arr, &nz)) !=
	    KFQ_OK)
		return rc;
	zs = arr;
	for (int i = 0; i < nz; i++)
		zs[i].grades = arena_zalloc(a, sizeof(*zs[i].grades) * (size_t)(to - from + 1));
	if ((rc = bind_years(s, sql_zone_grades, county_id, from, to, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW)
		if ((z = zone_of(zs, nz, store_col_int(st, 0))) != NULL)
			z->grades[store_col_int(st, 1) - from] = store_col_dup(st, 2, a);
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	if ((rc = bind_years(s, sql_zone_actions, county_id, from, to, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (nall == cap)
			all = arena_grow(a, all, sizeof(*all), &cap);
		read_action(st, a, &all[nall++]);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	/* each zone's records in order: counted, then copied into an array of that size */
	for (int i = 0; i < nall; i++)
		if ((z = zone_of(zs, nz, all[i].org_id)) != NULL)
			z->nactions++;
	for (int i = 0; i < nz; i++) {
		zs[i].actions = arena_alloc(a, sizeof(*all) * (size_t)(zs[i].nactions + 1));
		zs[i].nactions = 0;
	}
	for (int i = 0; i < nall; i++)
		if ((z = zone_of(zs, nz, all[i].org_id)) != NULL)
			z->actions[z->nactions++] = all[i];
	*out = zs;
	*n = nz;
	return KFQ_OK;
}

struct awaiting_arg {
	const struct store_scope *scope;
	int year; /* 0 = any */
};

static void awaiting_filter(struct store_sql *q, const void *arg)
{
	const struct awaiting_arg *f = arg;

	store_sql_add(q, " WHERE g.grade IN ('excellent', 'poor') AND NOT EXISTS (SELECT 1 FROM "
	                 "leader_action x WHERE x.org_id = g.org_id AND x.year = g.year)");
	if (f->year)
		store_sql_int(q, " AND g.year = ?", f->year);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "g.org_id", f->scope);
	}
}

/* element: a struct store_leader_awaiting */
static void read_awaiting(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_leader_awaiting *z = element;

	z->org_id = store_col_int(st, 0);
	z->name = store_col_dup(st, 1, a);
	z->county_id = store_col_int(st, 2);
	z->county_name = store_col_dup(st, 3, a);
	z->year = (int)store_col_int(st, 4);
	z->grade = store_col_dup(st, 5, a);
}

/* The newest year with a zone awaiting a record, 0 when none. */
static int awaiting_year(struct store *s, const struct awaiting_arg *f, int *year)
{
	struct store_sql q;
	struct store_stmt *st;
	int rc;

	store_sql_init(&q);
	store_sql_add(&q, sql_awaiting_year);
	awaiting_filter(&q, f);
	rc = store_sql_prepare(s, &q, &st);
	store_sql_release(&q);
	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_step(st)) == KFQ_ROW)
		*year = (int)store_col_int(st, 0);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_leader_awaiting(struct store *s, struct arena *a, const struct store_scope *scope,
                          int year, struct store_leader_awaiting **out, int *n)
{
	struct awaiting_arg f = {scope, year};
	struct store_list l = {.list_sql = sql_awaiting,
	                       .arg = &f,
	                       .read = read_awaiting,
	                       .elem_size = sizeof(**out),
	                       .filter = awaiting_filter,
	                       .order = " ORDER BY o.name"};
	int64_t total;
	void *arr = NULL;
	int rc = KFQ_OK;

	*out = NULL;
	*n = 0;
	if (!f.year && (rc = awaiting_year(s, &f, &f.year)) != KFQ_OK)
		return rc;
	if (f.year)
		rc = store_list_page(s, a, &l, &arr, n, &total);
	*out = arr;
	return rc;
}
