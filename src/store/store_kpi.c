/* store_kpi.c - the zones' internal KPIs in SQL: minimum weights, schemes with indicators,
 * scores. The rules are core/kpi.c's; this file loads their inputs inside the write
 * transaction, records and audits. Must not decide who may set or score (api/ does). */
#include "store/store_kpi.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_floor_get[] =
    "SELECT id, year, investment_min, project_min, industry_min, set_at FROM kpi_floor WHERE "
    "year = ?1";
static const char sql_floor_by_id[] =
    "SELECT id, year, investment_min, project_min, industry_min, set_at FROM kpi_floor WHERE "
    "id = ?1";
static const char sql_floor_insert[] =
    "INSERT INTO kpi_floor (year, investment_min, project_min, industry_min, set_at, set_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char sql_floor_update[] =
    "UPDATE kpi_floor SET investment_min = ?2, project_min = ?3, industry_min = ?4, set_at = "
    "?5, set_by = ?6 WHERE year = ?1 RETURNING id";

#define SCHEME_COLS                                                                                \
	"SELECT k.id, k.org_id, o.name, k.year, k.target, k.updated_at FROM kpi_scheme k JOIN "    \
	"org "                                                                                     \
	"o ON o.id = k.org_id"
static const char sql_scheme_get[] = SCHEME_COLS " WHERE k.id = ?1";
static const char sql_scheme_find[] =
    "SELECT id FROM kpi_scheme WHERE org_id = ?1 AND year = ?2 AND target = ?3";
static const char sql_scheme_insert[] =
    "INSERT INTO kpi_scheme (org_id, year, target, updated_at, updated_by) VALUES (?1, ?2, ?3, "
    "?4, ?5) RETURNING id";
static const char sql_scheme_touch[] =
    "UPDATE kpi_scheme SET updated_at = ?2, updated_by = ?3 WHERE id = ?1";
static const char sql_ind_list[] =
    "SELECT id, seq, name, category, weight FROM kpi_indicator WHERE scheme_id = ?1 ORDER BY seq";
static const char sql_ind_insert[] =
    "INSERT INTO kpi_indicator (scheme_id, seq, name, category, weight) VALUES (?1, ?2, ?3, ?4, "
    "?5) RETURNING id";
static const char sql_scores[] =
    "SELECT s.subject_key, s.subject_name, s.indicator_id, s.score_cp FROM kpi_score s JOIN "
    "kpi_indicator i ON i.id = s.indicator_id WHERE s.scheme_id = ?1 ORDER BY s.subject_name, "
    "s.subject_key, i.seq";
static const char sql_scores_clear[] = "DELETE FROM kpi_score WHERE scheme_id = ?1";
/* a scheme saved again: its indicators set aside (negative seq) while the new ones go in; the
 * scores of those kept move to them, and what is left aside goes */
static const char sql_ind_aside[] = "UPDATE kpi_indicator SET seq = -seq WHERE scheme_id = ?1";
static const char sql_scores_move[] =
    "UPDATE kpi_score SET indicator_id = ?2 WHERE indicator_id = ?1";
static const char sql_scores_aside_clear[] =
    "DELETE FROM kpi_score WHERE scheme_id = ?1 AND indicator_id IN (SELECT id FROM "
    "kpi_indicator WHERE scheme_id = ?1 AND seq < 0)";
static const char sql_ind_aside_clear[] =
    "DELETE FROM kpi_indicator WHERE scheme_id = ?1 AND seq < 0";
static const char sql_score_insert[] =
    "INSERT INTO kpi_score (scheme_id, indicator_id, subject_key, subject_name, score_cp) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
/* on the zone's roster at some time in the year: an end date is the first day gone; the name
 * the roster gives the person */
static const char sql_on_roster[] =
    "SELECT name FROM person WHERE id = ?1 AND org_id = ?2 AND start_date <= ?3 AND (end_date "
    "IS NULL OR end_date > ?4)";

/* each scheme's weights of 招商引资, 项目建设, 产业发展; the filter and the grouping follow */
static const char sql_weights[] =
    "SELECT k.id, k.org_id, o.name, k.year, k.target, "
    "SUM(CASE WHEN i.category = 'investment' THEN i.weight ELSE 0 END), "
    "SUM(CASE WHEN i.category = 'project' THEN i.weight ELSE 0 END), "
    "SUM(CASE WHEN i.category = 'industry' THEN i.weight ELSE 0 END) "
    "FROM kpi_scheme k JOIN org o ON o.id = k.org_id JOIN kpi_indicator i ON i.scheme_id = k.id";

static void read_floor(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_kpi_floor *f = element;

	f->id = store_col_int(st, 0);
	f->year = (int)store_col_int(st, 1);
	for (int c = 0; c < KPI_KEY_CATEGORIES; c++)
		f->min[c] = store_col_int(st, 2 + c);
	f->set_at = store_col_dup(st, 5, a);
}

static int floor_by(struct store *s, struct arena *a, const char *sql, int64_t key,
                    struct store_kpi_floor *out)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, key);
	return store_row(st, a, read_floor, out);
}

int store_kpi_floor_get(struct store *s, struct arena *a, int year, struct store_kpi_floor *out)
{
	int rc = floor_by(s, a, sql_floor_get, year, out);

	if (rc == KFQ_ENOTFOUND) {
		memset(out, 0, sizeof(*out));
		out->year = year;
		for (int c = 0; c < KPI_KEY_CATEGORIES; c++)
			out->min[c] = KPI_FLOOR_DEFAULT;
		return KFQ_OK;
	}
	return rc;
}

static int floor_write(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	const struct store_kpi_json *j = json;
	struct store_kpi_floor f;
	int rc = floor_by(s, a, sql_floor_by_id, id, &f);

	if (rc == KFQ_OK)
		j->floor(w, &f);
	return rc;
}

static int below_under(struct store *s, struct arena *a, int year,
                       const int64_t min[KPI_KEY_CATEGORIES], struct store_kpi_below **out, int *n);

/* After the audit record of new minimums: tells each scheme of the year they leave below them
 * that the old ones (was) did not. */
static int tell_below(struct store *s, const struct store_actor *who, struct arena *a,
                      const struct store_kpi_floor *f, const int64_t was[KPI_KEY_CATEGORIES])
{
	struct store_kpi_below *now, *old;
	int n, nold, rc;

	if ((rc = below_under(s, a, f->year, f->min, &now, &n)) != KFQ_OK ||
	    (rc = below_under(s, a, f->year, was, &old, &nold)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && rc == KFQ_OK; i++) {
		struct inbox_item item;
		bool told = false;
		for (int j = 0; j < nold && !told; j++)
			told = old[j].id == now[i].id;
		if (told)
			continue;
		kpi_below_item(now[i].id, now[i].org_id, now[i].org_name, now[i].year,
		               now[i].target, a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	return rc;
}

int store_kpi_floor_set(struct store *s, const struct store_actor *who,
                        const struct store_kpi_json *json, struct store_kpi_floor *f)
{
	char now[TIME_RFC3339_LEN];
	struct store_kpi_floor old;
	struct store_stmt *st;
	char *before = NULL;
	struct arena a;
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	arena_init(&a);
	if ((rc = store_kpi_floor_get(s, &a, f->year, &old)) != KFQ_OK)
		goto done;
	if (old.id && !(before = store_entity_json(s, old.id, floor_write, json, &rc)))
		goto done;
	time_format(time_now(), now);
	if ((rc = store_prepare(s, before ? sql_floor_update : sql_floor_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, f->year);
	for (int c = 0; c < KPI_KEY_CATEGORIES; c++)
		store_bind_int(st, 2 + c, f->min[c]);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	if ((rc = store_run_id(st, &f->id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "set", "kpi_floor", f->id, before, floor_write,
		                        json);
	if (rc == KFQ_OK)
		rc = tell_below(s, who, &a, f, old.min);
done:
	free(before);
	arena_release(&a);
	return store_end(s, rc);
}

/* ---- schemes ---- */

static void read_scheme(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_kpi_scheme *k = element;

	memset(k, 0, sizeof(*k));
	k->id = store_col_int(st, 0);
	k->org_id = store_col_int(st, 1);
	k->org_name = store_col_dup(st, 2, a);
	k->year = (int)store_col_int(st, 3);
	k->target = store_col_dup(st, 4, a);
	k->updated_at = store_col_dup(st, 5, a);
}

static void read_ind(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_kpi_indicator *x = element;

	x->id = store_col_int(st, 0);
	x->seq = (int)store_col_int(st, 1);
	x->name = store_col_dup(st, 2, a);
	x->category = store_col_dup(st, 3, a);
	x->weight = store_col_int(st, 4);
}

static void read_score(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_kpi_score *x = element;

	x->subject_key = store_col_dup(st, 0, a);
	x->subject_name = store_col_dup(st, 1, a);
	x->indicator_id = store_col_int(st, 2);
	x->score_cp = store_col_int(st, 3);
}

static int children(struct store *s, struct arena *a, struct store_kpi_scheme *k)
{
	int rc = store_collect(s, a, sql_ind_list, k->id, sizeof(*k->ind), read_ind,
	                       (void **)&k->ind, &k->nind);

	if (rc != KFQ_OK)
		return rc;
	return store_collect(s, a, sql_scores, k->id, sizeof(*k->scores), read_score,
	                     (void **)&k->scores, &k->nscores);
}

int store_kpi_scheme_get(struct store *s, struct arena *a, int64_t id, struct store_kpi_scheme *out)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_scheme_get, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_scheme, out)) != KFQ_OK)
		return rc;
	return children(s, a, out);
}

struct list_filter {
	int year;
	int64_t org_id;
	const struct store_scope *scope;
};

static void list_filter(struct store_sql *q, const void *arg)
{
	const struct list_filter *f = arg;

	store_sql_int(q, " WHERE k.year = ?", f->year);
	if (f->org_id)
		store_sql_int(q, " AND k.org_id = ?", f->org_id);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "k.org_id", f->scope);
	}
}

int store_kpi_scheme_list(struct store *s, struct arena *a, int year, int64_t org_id,
                          const struct store_scope *scope, struct store_kpi_scheme **out, int *n)
{
	struct list_filter f = {year, org_id, scope};
	struct store_list l = {.list_sql = SCHEME_COLS,
	                       .arg = &f,
	                       .read = read_scheme,
	                       .elem_size = sizeof(**out),
	                       .filter = list_filter,
	                       .order = " ORDER BY o.name, k.target"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = children(s, a, &(*out)[i]);
	return rc;
}

/* ---- schemes below the minimums ---- */

struct weights {
	struct store_kpi_below k;
	int64_t by[KPI_KEY_CATEGORIES];
};

/* element: a struct weights */
static void read_weights(struct store_stmt *st, struct arena *a, void *element)
{
	struct weights *w = element;

	w->k.id = store_col_int(st, 0);
	w->k.org_id = store_col_int(st, 1);
	w->k.org_name = store_col_dup(st, 2, a);
	w->k.year = (int)store_col_int(st, 3);
	w->k.target = store_col_dup(st, 4, a);
	for (int c = 0; c < KPI_KEY_CATEGORIES; c++)
		w->by[c] = store_col_int(st, 5 + c);
}

static void weights_filter(struct store_sql *q, const void *arg)
{
	const struct list_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->year)
		store_sql_int(q, " AND k.year = ?", f->year);
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "k.org_id", f->scope);
	}
}

/* The schemes below min (NULL: below their own year's minimums). */
static int below(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                 const int64_t *min, struct store_kpi_below **out, int *n)
{
	struct list_filter f = {year, 0, scope};
	struct store_list l = {
	    .list_sql = sql_weights,
	    .arg = &f,
	    .read = read_weights,
	    .elem_size = sizeof(struct weights),
	    .filter = weights_filter,
	    .order = " GROUP BY k.id, k.org_id, o.name, k.year, k.target "
	             "ORDER BY k.year DESC, o.name, k.target",
	};
	struct store_kpi_floor fl = {0};
	struct weights *w;
	int64_t total;
	void *arr;
	int m, rc = store_list_page(s, a, &l, &arr, &m, &total);

	*out = NULL;
	*n = 0;
	if (rc != KFQ_OK)
		return rc;
	w = arr;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(m ? m : 1));
	for (int i = 0; i < m; i++) {
		if (!min && fl.year != w[i].k.year &&
		    (rc = store_kpi_floor_get(s, a, w[i].k.year, &fl)) != KFQ_OK)
			return rc;
		if (kpi_floor_short(min ? min : fl.min, w[i].by) >= 0)
			(*out)[(*n)++] = w[i].k;
	}
	return KFQ_OK;
}

static int below_under(struct store *s, struct arena *a, int year,
                       const int64_t min[KPI_KEY_CATEGORIES], struct store_kpi_below **out, int *n)
{
	static const struct store_scope all = {.kind = "all"};

	return below(s, a, year, &all, min, out, n);
}

int store_kpi_below_list(struct store *s, struct arena *a, int year,
                         const struct store_scope *scope, struct store_kpi_below **out, int *n)
{
	return below(s, a, year, scope, NULL, out, n);
}

static int scheme_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_kpi_json *j = json;
	struct store_kpi_scheme k;
	int rc = store_kpi_scheme_get(s, a, id, &k);

	if (rc == KFQ_OK)
		j->scheme(w, &k);
	return rc;
}

/* Moves the scores of the first old indicator of x's name and category (not taken before) to
 * x: a score was given against what an indicator measures, which its weight does not change.
 * A taken one's id becomes 0. */
static int keep_scores(struct store *s, struct store_kpi_indicator *old, int nold,
                       const struct store_kpi_indicator *x)
{
	struct store_stmt *st;
	int rc;

	for (int k = 0; k < nold; k++) {
		if (!old[k].id || strcmp(old[k].name, x->name) ||
		    strcmp(old[k].category, x->category))
			continue;
		if ((rc = store_prepare(s, sql_scores_move, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, old[k].id);
		store_bind_int(st, 2, x->id);
		old[k].id = 0;
		return store_run(st);
	}
	return KFQ_OK;
}

static int save_tx(struct store *s, const struct store_actor *who,
                   const struct store_kpi_json *json, struct store_kpi_scheme *in,
                   enum kpi_rule *rule, int *bad, struct arena *a)
{
	struct kpi_indicator ind[KPI_INDICATORS_MAX];
	struct store_kpi_indicator *old = NULL; /* the indicators the scheme had */
	int nold = 0;
	char now[TIME_RFC3339_LEN];
	struct store_kpi_floor f;
	struct store_stmt *st;
	char *before = NULL;
	int64_t id = 0;
	int rc;

	if (in->nind > KPI_INDICATORS_MAX) {
		*rule = KPI_BAD_INDICATOR;
		return KFQ_EINVAL;
	}
	for (int i = 0; i < in->nind; i++) {
		if (kpi_category_parse(in->ind[i].category, &ind[i].category) != 0) {
			*rule = KPI_BAD_INDICATOR;
			*bad = i;
			return KFQ_EINVAL;
		}
		ind[i].weight = in->ind[i].weight;
	}
	/* the year's minimums as they are under the write lock */
	if ((rc = store_kpi_floor_get(s, a, in->year, &f)) != KFQ_OK)
		return rc;
	if ((*rule = kpi_scheme_check(f.min, ind, in->nind, bad)) != KPI_OK)
		return KFQ_EINVAL;
	if ((rc = store_prepare(s, sql_scheme_find, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, in->org_id);
	store_bind_int(st, 2, in->year);
	store_bind_text(st, 3, in->target);
	rc = store_step(st);
	if (rc == KFQ_ROW)
		id = store_col_int(st, 0);
	store_reset(st);
	if (rc != KFQ_ROW && rc != KFQ_DONE)
		return rc;
	if (id && !(before = store_entity_json(s, id, scheme_write, json, &rc)))
		return rc;
	time_format(time_now(), now);
	if (id) {
		if ((rc = store_prepare(s, sql_scheme_touch, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, now);
		store_bind_id(st, 3, who->user_id);
		if ((rc = store_run(st)) != KFQ_OK ||
		    (rc = store_collect(s, a, sql_ind_list, id, sizeof(*old), read_ind,
		                        (void **)&old, &nold)) != KFQ_OK ||
		    (rc = store_exec_id(s, sql_ind_aside, id)) != KFQ_OK)
			goto done;
	} else {
		if ((rc = store_prepare(s, sql_scheme_insert, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, in->org_id);
		store_bind_int(st, 2, in->year);
		store_bind_text(st, 3, in->target);
		store_bind_text(st, 4, now);
		store_bind_id(st, 5, who->user_id);
		if ((rc = store_run_id(st, &id)) != KFQ_OK)
			goto done;
	}
	for (int i = 0; i < in->nind; i++) {
		if ((rc = store_prepare(s, sql_ind_insert, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, i + 1);
		store_bind_text(st, 3, in->ind[i].name);
		store_bind_text(st, 4, in->ind[i].category);
		store_bind_int(st, 5, in->ind[i].weight);
		if ((rc = store_run_id(st, &in->ind[i].id)) != KFQ_OK ||
		    (rc = keep_scores(s, old, nold, &in->ind[i])) != KFQ_OK)
			goto done;
	}
	if (nold && ((rc = store_exec_id(s, sql_scores_aside_clear, id)) != KFQ_OK ||
	             (rc = store_exec_id(s, sql_ind_aside_clear, id)) != KFQ_OK))
		goto done;
	in->id = id;
	rc = store_audit_entity(s, who, before ? "update" : "create", "kpi_scheme", id, before,
	                        scheme_write, json);
done:
	free(before);
	return rc;
}

int store_kpi_scheme_save(struct store *s, const struct store_actor *who,
                          const struct store_kpi_json *json, struct store_kpi_scheme *in,
                          enum kpi_rule *rule, int *bad)
{
	struct arena a;
	int rc;

	*rule = KPI_OK;
	*bad = -1;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	arena_init(&a);
	rc = store_end(s, save_tx(s, who, json, in, rule, bad, &a));
	arena_release(&a);
	return rc;
}

/* ---- scores ---- */

/* *ok when v's indicator is the scheme's and (staff) its subject a person on the roster in the
 * year, whose name (in a) is then *name; else *name stays the one sent. */
static int subject_ok(struct store *s, struct arena *a, const struct store_kpi_scheme *k,
                      const struct store_kpi_score *v, bool *ok, const char **name)
{
	char first[16], last[16];
	struct store_stmt *st;
	char *end;
	long long person;
	int rc;

	*ok = false;
	for (int i = 0; i < k->nind; i++)
		*ok |= k->ind[i].id == v->indicator_id;
	if (!*ok || strcmp(k->target, "staff") != 0)
		return KFQ_OK;
	person = strtoll(v->subject_key, &end, 10);
	*ok = false;
	if (*end || person <= 0)
		return KFQ_OK;
	snprintf(first, sizeof(first), "%04d-01-01", k->year);
	snprintf(last, sizeof(last), "%04d-12-31", k->year);
	if ((rc = store_prepare(s, sql_on_roster, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, person);
	store_bind_int(st, 2, k->org_id);
	store_bind_text(st, 3, last);
	store_bind_text(st, 4, first);
	rc = store_step(st);
	if ((*ok = rc == KFQ_ROW))
		*name = store_col_dup(st, 0, a);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

static int scores_tx(struct store *s, const struct store_actor *who,
                     const struct store_kpi_json *json, int64_t scheme_id,
                     const struct store_kpi_score *v, int n, enum kpi_rule *rule, int *bad,
                     struct arena *a)
{
	char now[TIME_RFC3339_LEN];
	struct store_kpi_scheme k;
	struct store_stmt *st;
	char *before = NULL;
	const char **names = arena_alloc(a, ((size_t)n + 1) * sizeof(*names));
	bool ok;
	int rc;

	if ((rc = store_kpi_scheme_get(s, a, scheme_id, &k)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		*bad = i;
		if (v[i].score_cp < 0 || v[i].score_cp > KPI_SCORE_MAX_CP) {
			*rule = KPI_BAD_SCORE;
			return KFQ_EINVAL;
		}
		names[i] = v[i].subject_name;
		if ((rc = subject_ok(s, a, &k, &v[i], &ok, &names[i])) != KFQ_OK)
			return rc;
		if (!ok)
			return KFQ_EINVAL;
	}
	*bad = -1;
	if (!(before = store_entity_json(s, scheme_id, scheme_write, json, &rc)))
		return rc;
	time_format(time_now(), now);
	if ((rc = store_exec_id(s, sql_scores_clear, scheme_id)) != KFQ_OK)
		goto done;
	for (int i = 0; i < n; i++) {
		if ((rc = store_prepare(s, sql_score_insert, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, scheme_id);
		store_bind_int(st, 2, v[i].indicator_id);
		store_bind_text(st, 3, v[i].subject_key);
		store_bind_text(st, 4, names[i]);
		store_bind_int(st, 5, v[i].score_cp);
		if ((rc = store_run(st)) != KFQ_OK)
			goto done;
	}
	if ((rc = store_prepare(s, sql_scheme_touch, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, scheme_id);
	store_bind_text(st, 2, now);
	store_bind_id(st, 3, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "score", "kpi_scheme", scheme_id, before,
		                        scheme_write, json);
done:
	free(before);
	return rc;
}

int store_kpi_scores_set(struct store *s, const struct store_actor *who,
                         const struct store_kpi_json *json, int64_t scheme_id,
                         const struct store_kpi_score *v, int n, enum kpi_rule *rule, int *bad)
{
	struct arena a;
	int rc;

	*rule = KPI_OK;
	*bad = -1;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	arena_init(&a);
	rc = store_end(s, scores_tx(s, who, json, scheme_id, v, n, rule, bad, &a));
	arena_release(&a);
	return rc;
}
