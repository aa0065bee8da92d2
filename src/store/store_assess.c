/* store_assess.c - the annual assessment in SQL: schemes, values, results computed inside the
 * write transaction, publication into each zone's grade of the year, history and appeals.
 * The arithmetic and the grading are core/assess.c's; this file gathers the inputs, records
 * and audits. Must not decide who may set, publish or appeal (api/ does). */
#include "store/store_assess.h"
#include "store/store_bulk.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEME_COLS                                                                                \
	"SELECT s.id, s.year, s.class_key, s.name, s.cap_bp, s.min_excellent_cp, s.min_good_cp, "  \
	"s.min_fair_cp, s.top_quota_bp, s.appeal_days, s.status, s.published_at, "                 \
	"s.appeal_deadline, s.updated_at, (SELECT COUNT(*) FROM assess_result r WHERE "            \
	"r.scheme_id = s.id) FROM assess_scheme s"
static const char sql_scheme_get[] = SCHEME_COLS " WHERE s.id = ?1";
static const char sql_scheme_list[] = SCHEME_COLS " WHERE s.year = ?1 ORDER BY s.class_key";
static const char sql_scheme_all[] =
    SCHEME_COLS " WHERE s.year > ?1 ORDER BY s.year DESC, s.class_key";
static const char sql_scheme_insert[] =
    "INSERT INTO assess_scheme (year, class_key, name, cap_bp, min_excellent_cp, min_good_cp, "
    "min_fair_cp, top_quota_bp, appeal_days, status, updated_at, updated_by) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, ?8, ?9, 'draft', ?10, ?11) RETURNING id";
static const char sql_scheme_update[] =
    "UPDATE assess_scheme SET year = ?1, class_key = ?2, name = ?3, cap_bp = ?4, "
    "min_excellent_cp = ?5, min_good_cp = ?6, min_fair_cp = ?7, top_quota_bp = ?8, "
    "appeal_days = ?9, updated_at = ?10, updated_by = ?11 WHERE id = ?12 RETURNING id";
static const char sql_scheme_thresholds[] =
    "UPDATE assess_scheme SET min_excellent_cp = ?2, min_good_cp = ?3, min_fair_cp = ?4, "
    "top_quota_bp = ?5, updated_at = ?6, updated_by = ?7 WHERE id = ?1";
static const char sql_scheme_publish[] =
    "UPDATE assess_scheme SET status = 'published', published_at = ?2, appeal_deadline = ?3, "
    "updated_at = ?2, updated_by = ?4 WHERE id = ?1";
static const char sql_class_taken[] =
    "SELECT id FROM assess_scheme WHERE year = ?1 AND class_key = ?2";

static const char sql_ind_list[] =
    "SELECT id, seq, name, unit, kind, mode, weight, scale FROM assess_indicator WHERE "
    "scheme_id = ?1 ORDER BY seq";
static const char sql_ind_insert[] =
    "INSERT INTO assess_indicator (scheme_id, seq, name, unit, kind, mode, weight, scale) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char sql_ind_update[] =
    "UPDATE assess_indicator SET name = ?3, unit = ?4, kind = ?5, mode = ?6, weight = ?7, "
    "scale = ?8 WHERE scheme_id = ?1 AND seq = ?2 RETURNING id";
static const char sql_ind_clear[] = "DELETE FROM assess_indicator WHERE scheme_id = ?1";
static const char sql_values_count[] =
    "SELECT COUNT(*) FROM assess_value v JOIN assess_indicator i ON i.id = v.indicator_id "
    "WHERE i.scheme_id = ?1";

static const char sql_zone_list[] =
    "SELECT z.org_id, o.name FROM assess_zone z JOIN org o ON o.id = z.org_id WHERE "
    "z.scheme_id = ?1 ORDER BY o.name, z.org_id";
static const char sql_zone_clear[] = "DELETE FROM assess_zone WHERE scheme_id = ?1";
static const char sql_zone_taken[] =
    "SELECT scheme_id FROM assess_zone WHERE year = ?1 AND org_id = ?2";
static const char sql_zone_insert[] =
    "INSERT INTO assess_zone (scheme_id, year, org_id) VALUES (?1, ?2, ?3)";
static const char sql_zone_row[] =
    "SELECT id FROM assess_zone WHERE scheme_id = ?1 AND org_id = ?2";
static const char sql_zone_by_id[] = "SELECT scheme_id, org_id FROM assess_zone WHERE id = ?1";

static const char sql_lines_drop[] =
    "DELETE FROM assess_result_line WHERE result_id IN (SELECT id FROM assess_result WHERE "
    "scheme_id = ?1)";
static const char sql_results_drop[] = "DELETE FROM assess_result WHERE scheme_id = ?1";

#define VALUE_COLS                                                                                 \
	"SELECT v.indicator_id, v.org_id, o.name, v.target, v.actual, v.updated_at FROM "          \
	"assess_value v JOIN assess_indicator i ON i.id = v.indicator_id JOIN org o ON o.id = "    \
	"v.org_id WHERE i.scheme_id = ?1"
static const char sql_values_all[] = VALUE_COLS " ORDER BY o.name, v.org_id, i.seq";
static const char sql_values_org[] = VALUE_COLS " AND v.org_id = ?2 ORDER BY i.seq";
static const char sql_value_find[] =
    "SELECT id FROM assess_value WHERE indicator_id = ?1 AND org_id = ?2";
static const char sql_value_insert[] =
    "INSERT INTO assess_value (indicator_id, org_id, target, actual, updated_at, updated_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_value_update[] =
    "UPDATE assess_value SET target = ?3, actual = ?4, updated_at = ?5, updated_by = ?6 WHERE "
    "indicator_id = ?1 AND org_id = ?2";

#define RESULT_COLS                                                                                \
	"SELECT r.id, r.scheme_id, r.org_id, o.name, s.year, s.class_key, s.name, s.status, "      \
	"s.appeal_deadline, r.score_cp, r.target_cp, r.deduct_cp, r.rank_no, r.grade, r.demoted, " \
	"r.version, r.computed_at FROM assess_result r JOIN assess_scheme s ON s.id = "            \
	"r.scheme_id JOIN org o ON o.id = r.org_id"
static const char sql_result_get[] = RESULT_COLS " WHERE r.id = ?1";
static const char sql_results_scheme[] =
    RESULT_COLS " WHERE r.scheme_id = ?1 ORDER BY r.rank_no, o.name";
/* the scheme's results before a computation, read once for all its zones */
static const char sql_results_before[] =
    "SELECT org_id, id, score_cp, rank_no, grade, version FROM assess_result WHERE scheme_id = ?1";
static const char sql_result_insert[] =
    "INSERT INTO assess_result (scheme_id, org_id, score_cp, target_cp, deduct_cp, rank_no, "
    "grade, demoted, version, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9) "
    "RETURNING id";
static const char sql_result_update[] =
    "UPDATE assess_result SET score_cp = ?3, target_cp = ?4, deduct_cp = ?5, rank_no = ?6, "
    "grade = ?7, demoted = ?8, version = ?10, computed_at = ?9 WHERE scheme_id = ?1 AND "
    "org_id = ?2 RETURNING id";
/* every result's lines of a computation in one bulk insert (COPY on PostgreSQL) */
static const struct store_bulk_spec lines_bulk = {
    "COPY assess_result_line (result_id, indicator_id, completion_bp, contribution_cp) FROM "
    "STDIN",
    "INSERT INTO assess_result_line (result_id, indicator_id, completion_bp, contribution_cp) "
    "VALUES (?1, ?2, ?3, ?4)",
    4};
static const char sql_lines[] =
    "SELECT l.indicator_id, i.name, i.kind, i.weight, l.completion_bp, l.contribution_cp FROM "
    "assess_result_line l JOIN assess_indicator i ON i.id = l.indicator_id WHERE l.result_id "
    "= ?1 ORDER BY i.seq";
static const char sql_history_insert[] =
    "INSERT INTO assess_result_history (result_id, version, score_cp, rank_no, grade, reason, "
    "changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_history[] =
    "SELECT h.version, h.score_cp, h.rank_no, h.grade, h.reason, h.changed_at, u.username "
    "FROM assess_result_history h LEFT JOIN app_user u ON u.id = h.changed_by WHERE "
    "h.result_id = ?1 ORDER BY h.version DESC";

static const char sql_grade_find[] = "SELECT id FROM zone_grade WHERE year = ?1 AND org_id = ?2";
static const char sql_grade_insert[] =
    "INSERT INTO zone_grade (year, org_id, grade, set_at, set_by) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_grade_update[] =
    "UPDATE zone_grade SET grade = ?3, set_at = ?4, set_by = ?5 WHERE year = ?1 AND org_id = "
    "?2";

#define APPEAL_COLS                                                                                \
	"SELECT a.id, a.result_id, r.org_id, o.name, s.year, s.name, a.reason, a.status, "         \
	"a.filed_at, a.comment, a.decided_at FROM assess_appeal a JOIN assess_result r ON r.id = " \
	"a.result_id JOIN assess_scheme s ON s.id = r.scheme_id JOIN org o ON o.id = r.org_id"
static const char sql_appeal_get[] = APPEAL_COLS " WHERE a.id = ?1";
static const char sql_appeals_result[] = APPEAL_COLS " WHERE a.result_id = ?1 ORDER BY a.id DESC";
static const char sql_appeal_open[] =
    "SELECT id FROM assess_appeal WHERE result_id = ?1 AND status = 'open'";
static const char sql_appeal_insert[] =
    "INSERT INTO assess_appeal (result_id, reason, status, filed_at, filed_by) VALUES (?1, ?2, "
    "'open', ?3, ?4) RETURNING id";
static const char sql_appeal_decide[] =
    "UPDATE assess_appeal SET status = ?2, comment = ?3, decided_at = ?4, decided_by = ?5 "
    "WHERE id = ?1 AND status = 'open'";

static void now_text(char out[TIME_RFC3339_LEN])
{
	time_format(time_now(), out);
}

/* Column 0 of sql's row with ?1 = a, ?2 = b (b < 0: not bound): *v (0 when none). */
static int find2(struct store *s, const char *sql, int64_t a, int64_t b, int64_t *v)
{
	struct store_stmt *st;
	int rc;

	*v = 0;
	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, a);
	if (b >= 0)
		store_bind_int(st, 2, b);
	rc = store_row(st, NULL, store_read_int, v);
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

/* ---- reading ---- */

static void read_scheme(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_scheme *x = element;

	memset(x, 0, sizeof(*x));
	x->id = store_col_int(st, 0);
	x->year = (int)store_col_int(st, 1);
	x->class_key = store_col_dup(st, 2, a);
	x->name = store_col_dup(st, 3, a);
	x->r.cap_bp = store_col_int(st, 4);
	x->r.min_cp[0] = store_col_int(st, 5);
	x->r.min_cp[1] = store_col_int(st, 6);
	x->r.min_cp[2] = store_col_int(st, 7);
	x->r.top_quota_bp = store_col_int(st, 8);
	x->r.appeal_days = store_col_int(st, 9);
	x->status = store_col_dup(st, 10, a);
	x->published_at = store_col_dup(st, 11, a);
	x->appeal_deadline = store_col_dup(st, 12, a);
	x->updated_at = store_col_dup(st, 13, a);
	x->nresults = (int)store_col_int(st, 14);
}

static void read_ind(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_indicator *x = element;

	x->id = store_col_int(st, 0);
	x->seq = (int)store_col_int(st, 1);
	x->name = store_col_dup(st, 2, a);
	x->unit = store_col_dup(st, 3, a);
	x->kind = store_col_dup(st, 4, a);
	x->mode = store_col_dup(st, 5, a);
	x->weight = store_col_int(st, 6);
	x->scale = store_col_int(st, 7);
}

static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_zone *x = element;

	x->org_id = store_col_int(st, 0);
	x->org_name = store_col_dup(st, 1, a);
}

static void read_value(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_value *x = element;

	x->indicator_id = store_col_int(st, 0);
	x->org_id = store_col_int(st, 1);
	x->org_name = store_col_dup(st, 2, a);
	x->has_target = !store_col_null(st, 3);
	x->target = store_col_int(st, 3);
	x->actual = store_col_int(st, 4);
	x->updated_at = store_col_dup(st, 5, a);
}

static void read_result(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_result *x = element;

	memset(x, 0, sizeof(*x));
	x->id = store_col_int(st, 0);
	x->scheme_id = store_col_int(st, 1);
	x->org_id = store_col_int(st, 2);
	x->org_name = store_col_dup(st, 3, a);
	x->year = (int)store_col_int(st, 4);
	x->class_key = store_col_dup(st, 5, a);
	x->scheme_name = store_col_dup(st, 6, a);
	x->scheme_status = store_col_dup(st, 7, a);
	x->appeal_deadline = store_col_dup(st, 8, a);
	x->score_cp = store_col_int(st, 9);
	x->target_cp = store_col_int(st, 10);
	x->deduct_cp = store_col_int(st, 11);
	x->rank = (int)store_col_int(st, 12);
	x->grade = store_col_dup(st, 13, a);
	x->demoted = store_col_int(st, 14) != 0;
	x->version = (int)store_col_int(st, 15);
	x->computed_at = store_col_dup(st, 16, a);
}

static void read_line(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_line *x = element;

	x->indicator_id = store_col_int(st, 0);
	x->name = store_col_dup(st, 1, a);
	x->kind = store_col_dup(st, 2, a);
	x->weight = store_col_int(st, 3);
	x->completion_bp = store_col_int(st, 4);
	x->contribution_cp = store_col_int(st, 5);
}

static void read_history(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_history *x = element;

	x->version = (int)store_col_int(st, 0);
	x->score_cp = store_col_int(st, 1);
	x->rank = (int)store_col_int(st, 2);
	x->grade = store_col_dup(st, 3, a);
	x->reason = store_col_dup(st, 4, a);
	x->changed_at = store_col_dup(st, 5, a);
	x->changed_by = store_col_dup(st, 6, a);
}

static void read_appeal(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_assess_appeal *x = element;

	x->id = store_col_int(st, 0);
	x->result_id = store_col_int(st, 1);
	x->org_id = store_col_int(st, 2);
	x->org_name = store_col_dup(st, 3, a);
	x->year = (int)store_col_int(st, 4);
	x->scheme_name = store_col_dup(st, 5, a);
	x->reason = store_col_dup(st, 6, a);
	x->status = store_col_dup(st, 7, a);
	x->filed_at = store_col_dup(st, 8, a);
	x->comment = store_col_dup(st, 9, a);
	x->decided_at = store_col_dup(st, 10, a);
}

#define COLLECT(s, a, sql, id, out, n, read)                                                       \
	store_collect(s, a, sql, id, sizeof(**(out)), read, (void **)(out), n)

int store_assess_scheme_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_scheme *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_scheme_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_scheme, out)) != KFQ_OK)
		return rc;
	if ((rc = COLLECT(s, a, sql_ind_list, id, &out->ind, &out->nind, read_ind)) != KFQ_OK)
		return rc;
	return COLLECT(s, a, sql_zone_list, id, &out->zones, &out->nzones, read_zone);
}

int store_assess_scheme_list(struct store *s, struct arena *a, int year,
                             struct store_assess_scheme **out, int *n)
{
	return store_collect(s, a, year ? sql_scheme_list : sql_scheme_all, year, sizeof(**out),
	                     read_scheme, (void **)out, n);
}

static int result_lines(struct store *s, struct arena *a, struct store_assess_result *r)
{
	return COLLECT(s, a, sql_lines, r->id, &r->lines, &r->nlines, read_line);
}

int store_assess_result_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_result *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_result_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_result, out)) != KFQ_OK ||
	    (rc = result_lines(s, a, out)) != KFQ_OK ||
	    (rc = COLLECT(s, a, sql_history, id, &out->history, &out->nhistory, read_history)) !=
	        KFQ_OK)
		return rc;
	return COLLECT(s, a, sql_appeals_result, id, &out->appeals, &out->nappeals, read_appeal);
}

/* The scheme's results with their lines. */
static int scheme_results(struct store *s, struct arena *a, int64_t id,
                          struct store_assess_result **out, int *n)
{
	int rc = COLLECT(s, a, sql_results_scheme, id, out, n, read_result);

	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = result_lines(s, a, &(*out)[i]);
	return rc;
}

static void result_filter(struct store_sql *q, const void *arg)
{
	const struct store_assess_filter *f = arg;
	const char *and = " WHERE ";

	if (f->year) {
		store_sql_int(q, " WHERE s.year = ?", f->year);
		and = " AND ";
	}
	if (f->scheme_id) {
		store_sql_add(q, and);
		store_sql_int(q, "r.scheme_id = ?", f->scheme_id);
		and = " AND ";
	}
	if (f->published_only) {
		store_sql_add(q, and);
		store_sql_add(q, "s.status = 'published'");
		and = " AND ";
	}
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, and);
		store_sql_scope(q, "r.org_id", f->scope);
	}
}

int store_assess_results(struct store *s, struct arena *a, const struct store_assess_filter *f,
                         struct store_assess_result **out, int *n)
{
	struct store_list l = {.list_sql = RESULT_COLS,
	                       .arg = f,
	                       .read = read_result,
	                       .elem_size = sizeof(**out),
	                       .filter = result_filter,
	                       .order = " ORDER BY s.year DESC, s.class_key, r.rank_no, o.name"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	for (int i = 0; rc == KFQ_OK && i < *n; i++)
		rc = result_lines(s, a, &(*out)[i]);
	return rc;
}

int store_assess_values(struct store *s, struct arena *a, int64_t scheme_id, int64_t org_id,
                        struct store_assess_value **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, org_id ? sql_values_org : sql_values_all, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, scheme_id);
	if (org_id)
		store_bind_int(st, 2, org_id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_value(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_assess_appeal_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_appeal *out)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_appeal_get, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_appeal, out);
}

struct appeal_filter {
	int year;
	const struct store_scope *scope;
};

static void appeal_filter(struct store_sql *q, const void *arg)
{
	const struct appeal_filter *f = arg;
	const char *and = " WHERE ";

	if (f->year) {
		store_sql_int(q, " WHERE s.year = ?", f->year);
		and = " AND ";
	}
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, and);
		store_sql_scope(q, "r.org_id", f->scope);
	}
}

int store_assess_appeals(struct store *s, struct arena *a, int year,
                         const struct store_scope *scope, struct store_assess_appeal **out, int *n)
{
	struct appeal_filter f = {year, scope};
	struct store_list l = {.list_sql = APPEAL_COLS,
	                       .arg = &f,
	                       .read = read_appeal,
	                       .elem_size = sizeof(**out),
	                       .filter = appeal_filter,
	                       .order = " ORDER BY CASE a.status WHEN 'open' THEN 0 ELSE 1 END, "
	                                "a.id DESC"};
	int64_t total;
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* ---- audit shapes ---- */

static int scheme_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_assess_json *j = json;
	struct store_assess_scheme x;
	struct store_assess_result *r;
	int nr, rc;

	if ((rc = store_assess_scheme_get(s, a, id, &x)) != KFQ_OK ||
	    (rc = scheme_results(s, a, id, &r, &nr)) != KFQ_OK)
		return rc;
	j->scheme(w, &x, r, nr);
	return KFQ_OK;
}

/* id: the assess_zone row of the zone and scheme. */
static int values_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_assess_json *j = json;
	struct store_assess_value *v;
	struct store_stmt *st;
	int64_t scheme = 0, org = 0;
	int n, rc;

	if ((rc = store_prepare(s, sql_zone_by_id, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		scheme = store_col_int(st, 0);
		org = store_col_int(st, 1);
	}
	store_reset(st);
	if (rc != KFQ_ROW)
		return rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
	if ((rc = store_assess_values(s, a, scheme, org, &v, &n)) != KFQ_OK)
		return rc;
	j->values(w, v, n);
	return KFQ_OK;
}

static int appeal_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_assess_json *j = json;
	struct store_assess_appeal x;
	int rc = store_assess_appeal_get(s, a, id, &x);

	if (rc == KFQ_OK)
		j->appeal(w, &x);
	return rc;
}

/* Starts a write: clears out, opens the transaction and the write's own arena. */
static int begin(struct store *s, struct store_assess_outcome *out, struct arena *a)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->bad = -1;
	if ((rc = store_begin(s)) == KFQ_OK)
		arena_init(a);
	return rc;
}

/* Ends a write begun with begin: commits when rc is KFQ_OK, else rolls back. */
static int end(struct store *s, struct arena *a, int rc)
{
	rc = store_end(s, rc);
	arena_release(a);
	return rc;
}

/* ---- schemes ---- */

static int refuse(struct store_assess_outcome *out, enum store_assess_refusal why, int rc)
{
	out->why = why;
	return rc;
}

static int check_scheme(const struct store_assess_scheme *in, struct assess_indicator *ind,
                        struct store_assess_outcome *out)
{
	for (int i = 0; i < in->nind; i++) {
		const struct store_assess_indicator *x = &in->ind[i];
		if (assess_kind_parse(x->kind, &ind[i].kind) != 0 ||
		    assess_mode_parse(x->mode, &ind[i].mode) != 0) {
			out->rule = ASSESS_BAD_INDICATOR;
			out->bad = i;
			return refuse(out, STORE_ASSESS_RULE, KFQ_EINVAL);
		}
		ind[i].weight = x->weight;
		ind[i].scale = x->scale;
	}
	out->rule = assess_scheme_check(&in->r, ind, in->nind, &out->bad);
	return out->rule == ASSESS_OK ? KFQ_OK : refuse(out, STORE_ASSESS_RULE, KFQ_EINVAL);
}

static void bind_scheme(struct store_stmt *st, const struct store_assess_scheme *in,
                        const struct store_actor *who, const char *now)
{
	store_bind_int(st, 1, in->year);
	store_bind_text(st, 2, in->class_key);
	store_bind_text(st, 3, in->name);
	store_bind_int(st, 4, in->r.cap_bp);
	store_bind_int(st, 5, in->r.min_cp[0]);
	store_bind_int(st, 6, in->r.min_cp[1]);
	store_bind_int(st, 7, in->r.min_cp[2]);
	store_bind_int(st, 8, in->r.top_quota_bp);
	store_bind_int(st, 9, in->r.appeal_days);
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
}

/* Writes the indicators: replaced when no value is entered, else updated in place by their
 * order (the same number of them, so that entered values keep their meaning). */
static int write_indicators(struct store *s, struct store_assess_scheme *in, bool existing,
                            struct store_assess_outcome *out)
{
	struct store_stmt *st;
	int64_t values = 0, have = 0;
	int rc;

	if (existing) {
		if ((rc = find2(s, sql_values_count, in->id, -1, &values)) != KFQ_OK ||
		    (rc = find2(s, "SELECT COUNT(*) FROM assess_indicator WHERE scheme_id = ?1",
		                in->id, -1, &have)) != KFQ_OK)
			return rc;
		if (values && have != in->nind)
			return refuse(out, STORE_ASSESS_INDICATORS, KFQ_ESTATE);
		if (!values && (rc = store_exec_id(s, sql_ind_clear, in->id)) != KFQ_OK)
			return rc;
	}
	for (int i = 0; i < in->nind; i++) {
		struct store_assess_indicator *x = &in->ind[i];
		if ((rc = store_prepare(s, values ? sql_ind_update : sql_ind_insert, &st)) !=
		    KFQ_OK)
			return rc;
		x->seq = i + 1;
		store_bind_int(st, 1, in->id);
		store_bind_int(st, 2, x->seq);
		store_bind_text(st, 3, x->name);
		store_bind_text(st, 4, x->unit);
		store_bind_text(st, 5, x->kind);
		store_bind_text(st, 6, x->mode);
		store_bind_int(st, 7, x->weight);
		store_bind_int(st, 8, x->scale);
		if ((rc = store_run_id(st, &x->id)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

static int write_zones(struct store *s, const struct store_assess_scheme *in,
                       struct store_assess_outcome *out)
{
	struct store_stmt *st;
	int64_t taken;
	int rc;

	if ((rc = store_exec_id(s, sql_zone_clear, in->id)) != KFQ_OK)
		return rc;
	for (int i = 0; i < in->nzones; i++) {
		if ((rc = find2(s, sql_zone_taken, in->year, in->zones[i].org_id, &taken)) !=
		    KFQ_OK)
			return rc;
		if (taken) {
			out->org_id = in->zones[i].org_id;
			return refuse(out, STORE_ASSESS_ZONE_TAKEN, KFQ_ECONFLICT);
		}
		if ((rc = store_prepare(s, sql_zone_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, in->id);
		store_bind_int(st, 2, in->year);
		store_bind_int(st, 3, in->zones[i].org_id);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

static int save_tx(struct store *s, const struct store_actor *who,
                   const struct store_assess_json *json, struct store_assess_scheme *in,
                   struct store_assess_outcome *out, char *before, struct arena *a)
{
	char now[TIME_RFC3339_LEN];
	struct store_assess_scheme old;
	struct store_stmt *st;
	int64_t taken = 0;
	bool existing = in->id != 0;
	int rc;

	if (existing) {
		if ((rc = store_assess_scheme_get(s, a, in->id, &old)) != KFQ_OK)
			return rc;
		if (strcmp(old.status, "draft") != 0)
			return refuse(out, STORE_ASSESS_PUBLISHED, KFQ_ESTATE);
		/* a scheme keeps its year: its zones' classes and values belong to it */
		in->year = old.year;
	}
	if ((rc = store_prepare(s, sql_class_taken, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, in->year);
	store_bind_text(st, 2, in->class_key);
	if ((rc = store_row(st, NULL, store_read_int, &taken)) != KFQ_OK && rc != KFQ_ENOTFOUND)
		return rc;
	if (rc == KFQ_OK && taken != in->id)
		return refuse(out, STORE_ASSESS_ZONE_TAKEN, KFQ_ECONFLICT);
	now_text(now);
	if ((rc = store_prepare(s, existing ? sql_scheme_update : sql_scheme_insert, &st)) !=
	    KFQ_OK)
		return rc;
	bind_scheme(st, in, who, now);
	if (existing)
		store_bind_int(st, 12, in->id);
	if ((rc = store_run_id(st, &in->id)) != KFQ_OK)
		return rc;
	/* results computed for the old scheme no longer hold */
	if ((rc = store_exec_id(s, sql_lines_drop, in->id)) != KFQ_OK ||
	    (rc = store_exec_id(s, sql_results_drop, in->id)) != KFQ_OK ||
	    (rc = write_indicators(s, in, existing, out)) != KFQ_OK ||
	    (rc = write_zones(s, in, out)) != KFQ_OK)
		return rc;
	return store_audit_entity(s, who, existing ? "update" : "create", "assess_scheme", in->id,
	                          before, scheme_write, json);
}

int store_assess_scheme_save(struct store *s, const struct store_actor *who,
                             const struct store_assess_json *json, struct store_assess_scheme *in,
                             struct store_assess_outcome *out)
{
	struct assess_indicator ind[ASSESS_INDICATORS_MAX];
	char *before = NULL;
	struct arena a;
	int rc;

	memset(out, 0, sizeof(*out));
	out->bad = -1;
	if (in->nind > ASSESS_INDICATORS_MAX) {
		out->rule = ASSESS_NO_INDICATORS;
		return refuse(out, STORE_ASSESS_RULE, KFQ_EINVAL);
	}
	if ((rc = check_scheme(in, ind, out)) != KFQ_OK)
		return rc;
	if (in->id)
		rc = store_begin_change(s, in->id, scheme_write, json, &before);
	else
		rc = store_begin(s);
	if (rc != KFQ_OK)
		return rc;
	arena_init(&a);
	rc = store_end(s, save_tx(s, who, json, in, out, before, &a));
	arena_release(&a);
	free(before);
	return rc;
}

/* ---- values ---- */

static bool indicator_of(const struct store_assess_scheme *x, int64_t id)
{
	for (int i = 0; i < x->nind; i++)
		if (x->ind[i].id == id)
			return true;
	return false;
}

static int values_tx(struct store *s, const struct store_actor *who,
                     const struct store_assess_json *json, int64_t scheme_id, int64_t org_id,
                     const struct store_assess_value *v, int n, struct store_assess_outcome *out,
                     struct arena *a)
{
	struct store_assess_scheme x;
	char *before = NULL;
	int64_t zone_row;
	int rc;

	if ((rc = store_assess_scheme_get(s, a, scheme_id, &x)) != KFQ_OK ||
	    (rc = find2(s, sql_zone_row, scheme_id, org_id, &zone_row)) != KFQ_OK)
		return rc;
	if (!zone_row)
		return refuse(out, STORE_ASSESS_NOT_IN_SCHEME, KFQ_ESTATE);
	for (int i = 0; i < n; i++)
		if (!indicator_of(&x, v[i].indicator_id)) {
			out->bad = i;
			return refuse(out, STORE_ASSESS_NOT_IN_SCHEME, KFQ_ESTATE);
		}
	if (!(before = store_entity_json(s, zone_row, values_write, json, &rc)))
		return rc;
	for (int i = 0; i < n; i++) {
		struct store_assess_value one = v[i];
		one.org_id = org_id;
		if ((rc = store_assess_value_put(s, who, &one)) != KFQ_OK)
			goto done;
	}
	rc = store_audit_entity(s, who, "set", "assess_values", zone_row, before, values_write,
	                        json);
done:
	free(before);
	return rc;
}

int store_assess_value_put(struct store *s, const struct store_actor *who,
                           const struct store_assess_value *v)
{
	char now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	int64_t found;
	int rc;

	now_text(now);
	if ((rc = find2(s, sql_value_find, v->indicator_id, v->org_id, &found)) != KFQ_OK ||
	    (rc = store_prepare(s, found ? sql_value_update : sql_value_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, v->indicator_id);
	store_bind_int(st, 2, v->org_id);
	if (v->has_target)
		store_bind_int(st, 3, v->target);
	else
		store_bind_null(st, 3);
	store_bind_int(st, 4, v->actual);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	return store_run(st);
}

int store_assess_scheme_all(struct store *s, struct arena *a, struct store_assess_scheme **out,
                            int *n)
{
	int rc = store_assess_scheme_list(s, a, 0, out, n);

	for (int i = 0; rc == KFQ_OK && i < *n; i++) {
		struct store_assess_scheme *x = &(*out)[i];
		if ((rc = COLLECT(s, a, sql_ind_list, x->id, &x->ind, &x->nind, read_ind)) ==
		    KFQ_OK)
			rc = COLLECT(s, a, sql_zone_list, x->id, &x->zones, &x->nzones, read_zone);
	}
	return rc;
}

int store_assess_values_set(struct store *s, const struct store_actor *who,
                            const struct store_assess_json *json, int64_t scheme_id, int64_t org_id,
                            const struct store_assess_value *v, int n,
                            struct store_assess_outcome *out)
{
	struct arena a;
	int rc = begin(s, out, &a);

	if (rc != KFQ_OK)
		return rc;
	return end(s, &a, values_tx(s, who, json, scheme_id, org_id, v, n, out, &a));
}

/* ---- computing and publishing ---- */

static int set_zone_grade(struct store *s, const struct store_actor *who, int year, int64_t org_id,
                          const char *grade, const char *now)
{
	struct store_stmt *st;
	int64_t id;
	int rc;

	if ((rc = find2(s, sql_grade_find, year, org_id, &id)) != KFQ_OK ||
	    (rc = store_prepare(s, id ? sql_grade_update : sql_grade_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	store_bind_int(st, 2, org_id);
	store_bind_text(st, 3, grade);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	return store_run(st);
}

/* Each zone's score from its values, in the order of x->zones. */
static int score_zones(struct store *s, struct arena *a, const struct store_assess_scheme *x,
                       struct assess_indicator *ind, struct assess_entry *e,
                       struct assess_line *lines, struct store_assess_outcome *out)
{
	struct assess_value *vals = arena_zalloc(a, sizeof(*vals) * (size_t)(x->nind + 1));
	struct store_assess_value *v;
	int nv, rc;

	if ((rc = store_assess_values(s, a, x->id, 0, &v, &nv)) != KFQ_OK)
		return rc;
	for (int z = 0; z < x->nzones; z++) {
		memset(vals, 0, sizeof(*vals) * (size_t)x->nind);
		for (int k = 0; k < nv; k++) {
			if (v[k].org_id != x->zones[z].org_id)
				continue;
			for (int i = 0; i < x->nind; i++)
				if (x->ind[i].id == v[k].indicator_id)
					vals[i] =
					    (struct assess_value){true, v[k].target, v[k].actual};
		}
		e[z].org_id = x->zones[z].org_id;
		out->rule =
		    assess_score(&x->r, ind, vals, x->nind, &lines[(size_t)z * x->nind],
		                 &e[z].score_cp, &e[z].target_cp, &e[z].deduct_cp, &out->bad);
		if (out->rule != ASSESS_OK) {
			out->org_id = x->zones[z].org_id;
			return refuse(out, STORE_ASSESS_RULE, KFQ_EINVAL);
		}
	}
	return KFQ_OK;
}

/* A result as it stood before the computation. */
struct result_before {
	int64_t org_id, id, score_cp, rank;
	const char *grade;
	int64_t version;
};

static void read_result_before(struct store_stmt *st, struct arena *a, void *element)
{
	struct result_before *r = element;

	r->org_id = store_col_int(st, 0);
	r->id = store_col_int(st, 1);
	r->score_cp = store_col_int(st, 2);
	r->rank = store_col_int(st, 3);
	r->grade = store_col_dup(st, 4, a);
	r->version = store_col_int(st, 5);
}

/* Inserts the lines of every zone's result (ids[z] the result of e[z], lines[z × nind ...]) in
 * one bulk insert: on PostgreSQL one COPY instead of a statement per zone. */
static int insert_lines(struct store *s, const struct store_assess_scheme *x, const int64_t *ids,
                        const struct assess_line *lines)
{
	struct store_bulk *b = NULL;
	int rc = store_bulk_begin(s, &lines_bulk, &b);

	for (int z = 0; z < x->nzones && rc == KFQ_OK; z++)
		for (int i = 0; i < x->nind && rc == KFQ_OK; i++) {
			const struct assess_line *l = &lines[(size_t)z * x->nind + i];
			store_bulk_int(b, ids[z]);
			store_bulk_int(b, x->ind[i].id);
			store_bulk_int(b, l->completion_bp);
			store_bulk_int(b, l->contribution_cp);
			rc = store_bulk_row(b);
		}
	if (rc == KFQ_OK)
		return store_bulk_end(b, NULL);
	if (b)
		store_bulk_abort(b);
	return rc;
}

/* Writes one zone's result (its lines follow in insert_lines), *id set; on a published scheme a
 * change keeps the old result (old, NULL for none) in the history with the reason, and the
 * zone's grade of the year follows. */
static int write_result(struct store *s, const struct store_actor *who,
                        const struct store_assess_scheme *x, const struct assess_entry *e,
                        const struct result_before *old, const char *reason, const char *now,
                        int64_t *id_out)
{
	bool published = !strcmp(x->status, "published");
	const char *grade = assess_grade_code(e->grade);
	int64_t id = old ? old->id : 0, version = old ? old->version : 0;
	struct store_stmt *st;
	int rc;

	bool changed = old && (old->score_cp != e->score_cp || old->rank != e->rank ||
	                       strcmp(old->grade ? old->grade : "", grade) != 0);
	if (published && changed) {
		if ((rc = store_prepare(s, sql_history_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, version);
		store_bind_int(st, 3, old->score_cp);
		store_bind_int(st, 4, old->rank);
		store_bind_text(st, 5, old->grade ? old->grade : "");
		store_bind_text(st, 6, reason);
		store_bind_text(st, 7, now);
		store_bind_id(st, 8, who->user_id);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
		version++;
	}
	if ((rc = store_prepare(s, old ? sql_result_update : sql_result_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, x->id);
	store_bind_int(st, 2, e->org_id);
	store_bind_int(st, 3, e->score_cp);
	store_bind_int(st, 4, e->target_cp);
	store_bind_int(st, 5, e->deduct_cp);
	store_bind_int(st, 6, e->rank);
	store_bind_text(st, 7, grade);
	store_bind_int(st, 8, e->demoted);
	store_bind_text(st, 9, now);
	if (old)
		store_bind_int(st, 10, version ? version : 1);
	if ((rc = store_run_id(st, &id)) != KFQ_OK)
		return rc;
	*id_out = id;
	if (published && changed)
		return set_zone_grade(s, who, x->year, e->org_id, grade, now);
	return KFQ_OK;
}

static int compute_tx(struct store *s, const struct store_actor *who,
                      const struct store_assess_json *json, int64_t scheme_id, const char *reason,
                      struct store_assess_outcome *out, struct arena *a)
{
	char now[TIME_RFC3339_LEN];
	struct assess_indicator ind[ASSESS_INDICATORS_MAX];
	struct store_assess_scheme x;
	struct assess_entry *e;
	struct assess_line *lines;
	struct result_before *old;
	int64_t *ids;
	void *found;
	char *before = NULL;
	int nold, rc;

	if ((rc = store_assess_scheme_get(s, a, scheme_id, &x)) != KFQ_OK)
		return rc;
	if (x.nind > ASSESS_INDICATORS_MAX || x.nzones == 0) {
		out->rule = x.nzones ? ASSESS_NO_INDICATORS : ASSESS_MISSING_VALUE;
		return refuse(out, STORE_ASSESS_NO_RESULTS, KFQ_ESTATE);
	}
	for (int i = 0; i < x.nind; i++) {
		/* the kinds were checked when the scheme was saved */
		if (assess_kind_parse(x.ind[i].kind, &ind[i].kind) != 0 ||
		    assess_mode_parse(x.ind[i].mode, &ind[i].mode) != 0)
			return KFQ_ERR;
		ind[i].weight = x.ind[i].weight;
		ind[i].scale = x.ind[i].scale;
	}
	e = arena_zalloc(a, sizeof(*e) * (size_t)x.nzones);
	lines = arena_zalloc(a, sizeof(*lines) * (size_t)x.nzones * (size_t)x.nind);
	if ((rc = score_zones(s, a, &x, ind, e, lines, out)) != KFQ_OK)
		return rc;
	/* assess_grade sorts e: keep each zone's lines with it through its org id */
	struct assess_entry *graded = arena_alloc(a, sizeof(*e) * (size_t)x.nzones);
	memcpy(graded, e, sizeof(*e) * (size_t)x.nzones);
	assess_grade(&x.r, graded, x.nzones);
	if (!(before = store_entity_json(s, scheme_id, scheme_write, json, &rc)))
		return rc;
	now_text(now);
	/* the results as they were, read at once, and every old line gone in one statement: each
	 * zone then costs its result's write, and every line goes in one bulk insert after them */
	if ((rc = store_collect(s, a, sql_results_before, scheme_id, sizeof(*old),
	                        read_result_before, &found, &nold)) != KFQ_OK ||
	    (rc = store_exec_id(s, sql_lines_drop, scheme_id)) != KFQ_OK)
		goto done;
	old = found;
	ids = arena_zalloc(a, sizeof(*ids) * (size_t)x.nzones);
	for (int g = 0; g < x.nzones && rc == KFQ_OK; g++) {
		const struct result_before *was = NULL;
		for (int k = 0; k < nold && !was; k++)
			if (old[k].org_id == graded[g].org_id)
				was = &old[k];
		for (int z = 0; z < x.nzones; z++)
			if (e[z].org_id == graded[g].org_id) {
				rc =
				    write_result(s, who, &x, &graded[g], was, reason, now, &ids[z]);
				break;
			}
	}
	if (rc == KFQ_OK)
		rc = insert_lines(s, &x, ids, lines);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "compute", "assess_scheme", scheme_id, before,
		                        scheme_write, json);
done:
	free(before);
	return rc;
}

/* One scheme's part of store_assess_thresholds_tx. */
static int thresholds_one(struct store *s, const struct store_actor *who,
                          const struct store_assess_json *json, const struct store_assess_scheme *x,
                          const struct store_assess_thresholds *t, struct store_assess_outcome *out,
                          struct arena *a)
{
	char now[TIME_RFC3339_LEN];
	struct assess_rules r = x->r;
	struct store_stmt *st;
	char *before = NULL;
	bool same;
	int rc;

	for (int g = 0; g < 3; g++)
		if (t->min_cp[g] >= 0)
			r.min_cp[g] = t->min_cp[g];
	if (t->top_quota_bp >= 0)
		r.top_quota_bp = t->top_quota_bp;
	same = r.top_quota_bp == x->r.top_quota_bp;
	for (int g = 0; g < 3; g++)
		same = same && r.min_cp[g] == x->r.min_cp[g];
	if (same)
		return KFQ_OK;
	if (!assess_thresholds_ok(r.min_cp)) {
		out->rule = ASSESS_BAD_THRESHOLDS;
		return refuse(out, STORE_ASSESS_RULE, KFQ_EINVAL);
	}
	if (strcmp(x->status, "draft") != 0)
		return refuse(out, STORE_ASSESS_PUBLISHED, KFQ_ESTATE);
	if (!(before = store_entity_json(s, x->id, scheme_write, json, &rc)))
		return rc;
	now_text(now);
	if ((rc = store_prepare(s, sql_scheme_thresholds, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, x->id);
	for (int g = 0; g < 3; g++)
		store_bind_int(st, 2 + g, r.min_cp[g]);
	store_bind_int(st, 5, r.top_quota_bp);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK ||
	    (rc = store_audit_entity(s, who, "adopt_scenario", "assess_scheme", x->id, before,
	                             scheme_write, json)) != KFQ_OK)
		goto done;
	/* the draft's results were graded by the old numbers: grade them by the new ones */
	if (x->nresults > 0)
		rc = compute_tx(s, who, json, x->id, NULL, out, a);
done:
	free(before);
	return rc;
}

int store_assess_thresholds_tx(struct store *s, const struct store_actor *who,
                               const struct store_assess_json *json, int year,
                               const struct store_assess_thresholds *t,
                               struct store_assess_outcome *out)
{
	struct store_assess_scheme *xs;
	struct arena a;
	int n, rc;

	memset(out, 0, sizeof(*out));
	out->bad = -1;
	arena_init(&a);
	rc = store_assess_scheme_list(s, &a, year, &xs, &n);
	for (int i = 0; i < n && rc == KFQ_OK; i++)
		rc = thresholds_one(s, who, json, &xs[i], t, out, &a);
	arena_release(&a);
	return rc;
}

int store_assess_compute(struct store *s, const struct store_actor *who,
                         const struct store_assess_json *json, int64_t scheme_id,
                         const char *reason, struct store_assess_outcome *out)
{
	struct arena a;
	int rc = begin(s, out, &a);

	if (rc != KFQ_OK)
		return rc;
	return end(s, &a, compute_tx(s, who, json, scheme_id, reason, out, &a));
}

static int publish_tx(struct store *s, const struct store_actor *who,
                      const struct store_assess_json *json, int64_t scheme_id,
                      struct store_assess_outcome *out, struct arena *a)
{
	char now[TIME_RFC3339_LEN], deadline[TIME_RFC3339_LEN];
	struct store_assess_scheme x;
	struct store_assess_result *r;
	struct store_stmt *st;
	char *before = NULL;
	int64_t t = time_now();
	int nr, rc;

	if ((rc = store_assess_scheme_get(s, a, scheme_id, &x)) != KFQ_OK)
		return rc;
	if (strcmp(x.status, "draft") != 0)
		return refuse(out, STORE_ASSESS_PUBLISHED, KFQ_ESTATE);
	if ((rc = scheme_results(s, a, scheme_id, &r, &nr)) != KFQ_OK)
		return rc;
	if (nr == 0 || nr != x.nzones)
		return refuse(out, STORE_ASSESS_NO_RESULTS, KFQ_ESTATE);
	if (!(before = store_entity_json(s, scheme_id, scheme_write, json, &rc)))
		return rc;
	time_format(t, now);
	time_format(assess_appeal_deadline(t, x.r.appeal_days), deadline);
	if ((rc = store_prepare(s, sql_scheme_publish, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, scheme_id);
	store_bind_text(st, 2, now);
	store_bind_text(st, 3, deadline);
	store_bind_id(st, 4, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	for (int i = 0; i < nr; i++)
		if ((rc = set_zone_grade(s, who, x.year, r[i].org_id, r[i].grade, now)) != KFQ_OK)
			goto done;
	if ((rc = store_audit_entity(s, who, "publish", "assess_scheme", scheme_id, before,
	                             scheme_write, json)) != KFQ_OK)
		goto done;
	for (int i = 0; i < nr && rc == KFQ_OK; i++) {
		struct assess_step_subject subj = {
		    .id = r[i].id, .org_id = r[i].org_id, .scheme_name = x.name};
		struct inbox_item item;

		assess_step_item(ASSESS_STEP_PUBLISHED, &subj, a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
done:
	free(before);
	return rc;
}

int store_assess_publish(struct store *s, const struct store_actor *who,
                         const struct store_assess_json *json, int64_t scheme_id,
                         struct store_assess_outcome *out)
{
	struct arena a;
	int rc = begin(s, out, &a);

	if (rc != KFQ_OK)
		return rc;
	return end(s, &a, publish_tx(s, who, json, scheme_id, out, &a));
}

/* ---- appeals ---- */

static int appeal_tx(struct store *s, const struct store_actor *who,
                     const struct store_assess_json *json, int64_t result_id, const char *reason,
                     int64_t now, int64_t *id, struct store_assess_outcome *out, struct arena *a)
{
	char at[TIME_RFC3339_LEN];
	struct store_assess_result r;
	struct store_stmt *st;
	int64_t deadline, open;
	int rc;

	if ((rc = store_assess_result_get(s, a, result_id, &r)) != KFQ_OK)
		return rc;
	if (strcmp(r.scheme_status, "published") != 0 || !r.appeal_deadline)
		return refuse(out, STORE_ASSESS_NOT_PUBLISHED, KFQ_ESTATE);
	if (time_parse(r.appeal_deadline, &deadline) != 0)
		return KFQ_ERR;
	if (now >= deadline)
		return refuse(out, STORE_ASSESS_LATE, KFQ_ESTATE);
	if ((rc = find2(s, sql_appeal_open, result_id, -1, &open)) != KFQ_OK)
		return rc;
	if (open)
		return refuse(out, STORE_ASSESS_OPEN_APPEAL, KFQ_ESTATE);
	time_format(now, at);
	if ((rc = store_prepare(s, sql_appeal_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, result_id);
	store_bind_text(st, 2, reason);
	store_bind_text(st, 3, at);
	store_bind_id(st, 4, who->user_id);
	struct assess_step_subject subj = {
	    .org_id = r.org_id, .org_name = r.org_name, .scheme_name = r.scheme_name};
	struct inbox_item item;

	if ((rc = store_run_id(st, id)) != KFQ_OK ||
	    (rc = store_audit_entity(s, who, "appeal", "assess_appeal", *id, NULL, appeal_write,
	                             json)) != KFQ_OK)
		return rc;
	subj.id = *id;
	assess_step_item(ASSESS_STEP_APPEALED, &subj, a, &item);
	return store_inbox_send(s, who, &item, NULL);
}

int store_assess_appeal_file(struct store *s, const struct store_actor *who,
                             const struct store_assess_json *json, int64_t result_id,
                             const char *reason, int64_t now, int64_t *id,
                             struct store_assess_outcome *out)
{
	struct arena a;
	int rc = begin(s, out, &a);

	if (rc != KFQ_OK)
		return rc;
	return end(s, &a, appeal_tx(s, who, json, result_id, reason, now, id, out, &a));
}

int store_assess_appeal_decide(struct store *s, const struct store_actor *who,
                               const struct store_assess_json *json, int64_t id,
                               const char *decision, const char *comment,
                               struct store_assess_outcome *out)
{
	char now[TIME_RFC3339_LEN];
	struct store_assess_appeal x;
	struct store_stmt *st;
	char *before = NULL;
	struct arena a;
	int rc;

	memset(out, 0, sizeof(*out));
	out->bad = -1;
	if ((rc = store_begin_change(s, id, appeal_write, json, &before)) != KFQ_OK)
		return rc;
	arena_init(&a);
	if ((rc = store_assess_appeal_get(s, &a, id, &x)) != KFQ_OK)
		goto done;
	if (strcmp(x.status, "open") != 0) {
		rc = refuse(out, STORE_ASSESS_OPEN_APPEAL, KFQ_ESTATE);
		goto done;
	}
	now_text(now);
	if ((rc = store_prepare(s, sql_appeal_decide, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, decision);
	store_bind_text(st, 3, comment);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	if ((rc = store_audit_entity(s, who, "decide", "assess_appeal", id, before, appeal_write,
	                             json)) == KFQ_OK) {
		struct assess_step_subject subj = {.id = id,
		                                   .org_id = x.org_id,
		                                   .scheme_name = x.scheme_name,
		                                   .decision = decision,
		                                   .comment = comment};
		struct inbox_item item;

		assess_step_item(ASSESS_STEP_DECIDED, &subj, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
done:
	arena_release(&a);
	free(before);
	return store_end(s, rc);
}
