/* store_arrangement.c - arrangements, their yearly ratios and members in SQL. Arrangements are
 * few (tens per city): each is read with its ratios and members by one query apiece. Must not
 * validate an arrangement's own fields (core/arrangement.c) or decide who may write (api/). */
#include "store/store_arrangement.h"
#include "store/store_enterprise.h"
#include "store/store_impl.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define AR_COLS                                                                                    \
	"a.id, a.kind, a.name, a.host_zone_id, h.name, a.partner_zone_id, p.name, "                \
	"a.partner_name, "                                                                         \
	"a.start_date, a.end_date, a.note, a.created_at, a.updated_at"
#define AR_FROM                                                                                    \
	" FROM arrangement a JOIN org h ON h.id = a.host_zone_id "                                 \
	"LEFT JOIN org p ON p.id = a.partner_zone_id"

static const char sql_list[] = "SELECT " AR_COLS AR_FROM;
static const char sql_all[] = "SELECT " AR_COLS AR_FROM " ORDER BY a.id";
static const char sql_get[] = "SELECT " AR_COLS AR_FROM " WHERE a.id = ?1";
static const char sql_ratios[] = "SELECT from_year, partner_bp FROM arrangement_ratio "
                                 "WHERE arrangement_id = ?1 ORDER BY from_year";
static const char sql_members[] =
    "SELECT e.id, e.uscc, e.name FROM arrangement_enterprise m JOIN enterprise e "
    "ON e.id = m.enterprise_id WHERE m.arrangement_id = ?1 ORDER BY e.id";
static const char sql_covering[] =
    "SELECT a.id, a.start_date, a.end_date FROM arrangement_enterprise m JOIN arrangement a "
    "ON a.id = m.arrangement_id WHERE m.enterprise_id = ?1 AND a.id <> ?2";
static const char sql_insert[] =
    "INSERT INTO arrangement (kind, name, host_zone_id, partner_zone_id, partner_name, "
    "start_date, end_date, note, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id";
static const char sql_update[] =
    "UPDATE arrangement SET kind = ?2, name = ?3, host_zone_id = ?4, partner_zone_id = ?5, "
    "partner_name = ?6, start_date = ?7, end_date = ?8, note = ?9, updated_at = ?10 "
    "WHERE id = ?1 RETURNING id";
static const char sql_ratio_delete[] = "DELETE FROM arrangement_ratio WHERE arrangement_id = ?1";
static const char sql_ratio_insert[] =
    "INSERT INTO arrangement_ratio (arrangement_id, from_year, partner_bp) VALUES (?1, ?2, ?3)";
static const char sql_member_delete[] =
    "DELETE FROM arrangement_enterprise WHERE arrangement_id = ?1";
static const char sql_member_insert[] =
    "INSERT INTO arrangement_enterprise (arrangement_id, enterprise_id) VALUES (?1, ?2)";

/* element: a struct store_arrangement without ratios and members */
static void read_arrangement(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_arrangement *x = element;
	int kind = arrangement_kind_find(store_col_text(st, 1));

	memset(x, 0, sizeof(*x));
	x->ar.id = store_col_int(st, 0);
	x->ar.kind = kind < 0 ? ARRANGEMENT_KIND_COUNT : (enum arrangement_kind)kind;
	x->name = store_col_dup(st, 2, a);
	x->ar.host_zone_id = store_col_int(st, 3);
	x->host_zone_name = store_col_dup(st, 4, a);
	x->ar.partner_zone_id = store_col_int(st, 5);
	x->partner_zone_name = store_col_dup(st, 6, a);
	x->ar.partner_name = store_col_dup(st, 7, a);
	x->ar.start_date = store_col_dup(st, 8, a);
	x->ar.end_date = store_col_dup(st, 9, a);
	x->note = store_col_dup(st, 10, a);
	x->created_at = store_col_dup(st, 11, a);
	x->updated_at = store_col_dup(st, 12, a);
}

/* element: a struct arrangement_ratio */
static void read_ratio(struct store_stmt *st, struct arena *a, void *element)
{
	struct arrangement_ratio *r = element;

	(void)a;
	r->from_year = (int)store_col_int(st, 0);
	r->partner_bp = store_col_int(st, 1);
}

/* element: a struct store_arrangement_member */
static void read_member(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_arrangement_member *m = element;

	m->id = store_col_int(st, 0);
	m->uscc = store_col_dup(st, 1, a);
	m->name = store_col_dup(st, 2, a);
}

static int load_children(struct store *s, struct arena *a, struct store_arrangement *x)
{
	void *arr;
	int n, rc;

	rc = store_collect(s, a, sql_ratios, x->ar.id, sizeof(struct arrangement_ratio), read_ratio,
	                   &arr, &n);
	x->ar.ratios = arr;
	x->ar.n_ratios = rc == KFQ_OK ? (size_t)n : 0;
	if (rc != KFQ_OK)
		return rc;
	rc = store_collect(s, a, sql_members, x->ar.id, sizeof(*x->members), read_member, &arr,
	                   &x->n_members);
	x->members = arr;
	return rc;
}

static int collect(struct store *s, struct store_stmt *st, struct arena *a,
                   struct store_arrangement **out, int *n)
{
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_arrangement(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	for (int i = 0; i < *n; i++)
		if ((rc = load_children(s, a, &(*out)[i])) != KFQ_OK)
			return rc;
	return KFQ_OK;
}

struct list_arg {
	int64_t zone_id;
	const struct store_scope *scope;
};

/* the arrangements of a zone (host or partner), those of which either party is in the scope */
static void arrangement_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *l = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (l->zone_id)
		store_sql_int(q, " AND (a.host_zone_id = ? OR a.partner_zone_id = ?)", l->zone_id);
	if (!store_scope_everything(l->scope)) {
		store_sql_add(q, " AND (");
		store_sql_scope(q, "a.host_zone_id", l->scope);
		store_sql_add(q, " OR ");
		store_sql_scope(q, "a.partner_zone_id", l->scope);
		store_sql_add(q, ")");
	}
}

int store_arrangement_list(struct store *s, struct arena *a, int64_t zone_id,
                           const struct store_scope *scope, struct store_arrangement **out, int *n)
{
	struct list_arg arg = {zone_id, scope};
	struct store_list l = {
	    .list_sql = sql_list,
	    .arg = &arg,
	    .read = read_arrangement,
	    .elem_size = sizeof(**out),
	    .filter = arrangement_filter,
	    .order = " ORDER BY a.id",
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = load_children(s, a, &(*out)[i]);
	return rc;
}

int store_arrangement_all(struct store *s, struct arena *a, struct store_arrangement **out, int *n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_all, &st)) != KFQ_OK)
		return rc;
	return collect(s, st, a, out, n);
}

int store_arrangement_get(struct store *s, struct arena *a, int64_t id,
                          struct store_arrangement *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_arrangement, out)) != KFQ_OK)
		return rc;
	return load_children(s, a, out);
}

/* store_entity_writer of an arrangement */
static int write_arrangement(struct store *s, struct arena *a, int64_t id, const void *json,
                             struct jsonw *w)
{
	const struct store_arrangement_json *j = json;
	struct store_arrangement x;
	int rc = store_arrangement_get(s, a, id, &x);

	if (rc == KFQ_OK)
		j->arrangement(w, &x);
	return rc;
}

/* KFQ_EINVAL with *why when member i is elsewhere or in an overlapping arrangement */
static int check_member(struct store *s, struct arena *a, const struct store_arrangement *x, int i,
                        struct store_arrangement_refusal *why)
{
	struct store_enterprise e;
	struct store_stmt *st;
	int rc = store_enterprise_get(s, a, x->members[i].id, &e);

	why->member = i;
	if (rc == KFQ_ENOTFOUND) {
		why->not_found = true;
		return KFQ_EINVAL;
	}
	if (rc != KFQ_OK)
		return rc;
	if (e.zone_id != x->ar.host_zone_id) {
		why->not_in_host = true;
		return KFQ_EINVAL;
	}
	if ((rc = store_prepare(s, sql_covering, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, e.id);
	store_bind_int(st, 2, x->ar.id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct arrangement other = {.start_date = store_col_dup(st, 1, a),
		                            .end_date = store_col_dup(st, 2, a)};
		if (arrangement_overlap(&x->ar, &other)) {
			why->other = store_col_int(st, 0);
			rc = KFQ_EINVAL;
			break;
		}
	}
	store_reset(st);
	if (rc == KFQ_EINVAL)
		return rc;
	why->member = -1;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static int check_zone(struct store *s, int64_t id)
{
	int rc = store_enterprise_zone_check(s, id);

	return rc == KFQ_ENOTFOUND ? KFQ_ECONSTRAINT : rc;
}

static const char sql_delete[] = "DELETE FROM arrangement WHERE id = ?1";

int store_arrangement_delete(struct store *s, const struct store_actor *who,
                             const struct store_arrangement_json *json, int64_t id)
{
	const char *const deletes[] = {sql_ratio_delete, sql_member_delete, sql_delete};
	char *before = NULL;
	int rc;

	if ((rc = store_begin_change(s, id, write_arrangement, json, &before)) != KFQ_OK)
		return rc;
	for (int i = 0; rc == KFQ_OK && i < 3; i++)
		rc = store_exec_id(s, deletes[i], id);
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "arrangement", id, before, NULL);
	free(before);
	return store_end(s, rc);
}

static void bind_fields(struct store_stmt *st, int k, const struct store_arrangement *x)
{
	store_bind_text(st, k, arrangement_kind_code(x->ar.kind));
	store_bind_text(st, k + 1, x->name);
	store_bind_int(st, k + 2, x->ar.host_zone_id);
	store_bind_id(st, k + 3, x->ar.partner_zone_id);
	store_bind_text(st, k + 4, x->ar.partner_zone_id ? "" : x->ar.partner_name);
	store_bind_text(st, k + 5, x->ar.start_date);
	store_bind_text(st, k + 6, x->ar.end_date);
	store_bind_text(st, k + 7, x->note ? x->note : "");
}

static int write_children(struct store *s, const struct store_arrangement *x)
{
	struct store_stmt *st = NULL;
	int rc = KFQ_OK;
	const char *const deletes[] = {sql_ratio_delete, sql_member_delete};

	for (int i = 0; rc == KFQ_OK && i < 2; i++)
		rc = store_exec_id(s, deletes[i], x->ar.id);
	if (rc == KFQ_OK)
		rc = store_prepare(s, sql_ratio_insert, &st);
	for (size_t i = 0; rc == KFQ_OK && i < x->ar.n_ratios; i++) {
		store_bind_int(st, 1, x->ar.id);
		store_bind_int(st, 2, x->ar.ratios[i].from_year);
		store_bind_int(st, 3, x->ar.ratios[i].partner_bp);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_prepare(s, sql_member_insert, &st);
	for (int i = 0; rc == KFQ_OK && i < x->n_members; i++) {
		store_bind_int(st, 1, x->ar.id);
		store_bind_int(st, 2, x->members[i].id);
		rc = store_run(st);
	}
	return rc;
}

int store_arrangement_save(struct store *s, const struct store_actor *who,
                           const struct store_arrangement_json *json, struct store_arrangement *x,
                           struct store_arrangement_refusal *why)
{
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool create = x->ar.id == 0;
	int rc;

	memset(why, 0, sizeof(*why));
	why->member = -1;
	arena_init(&a);
	time_format(time_now(), now);
	rc = create ? store_begin(s)
	            : store_begin_change(s, x->ar.id, write_arrangement, json, &before);
	if (rc != KFQ_OK)
		goto cleanup;
	rc = check_zone(s, x->ar.host_zone_id);
	if (rc == KFQ_OK && x->ar.partner_zone_id)
		rc = check_zone(s, x->ar.partner_zone_id);
	for (int i = 0; rc == KFQ_OK && i < x->n_members; i++)
		rc = check_member(s, &a, x, i, why);
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, create ? sql_insert : sql_update, &st)) == KFQ_OK) {
		if (create) {
			bind_fields(st, 1, x);
			store_bind_text(st, 9, now);
		} else {
			store_bind_int(st, 1, x->ar.id);
			bind_fields(st, 2, x);
			store_bind_text(st, 10, now);
		}
		rc = store_run_id(st, &x->ar.id);
	}
	if (rc == KFQ_OK)
		rc = write_children(s, x);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "arrangement",
		                        x->ar.id, before, write_arrangement, json);
	if ((rc = store_end(s, rc)) != KFQ_OK && create)
		x->ar.id = 0;
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}
