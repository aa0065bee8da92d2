/* store_power.c - the working-day calendar and the power catalogue in SQL, each change audited
 * in its transaction. Must not decide what counts as a working day (core/workday.c) nor what a
 * valid entry is (core/power.c). */
#include "store/store_impl.h"
#include "store/store_power_impl.h"

#include "core/plan.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

static const char sql_years[] =
    "SELECT year, notice, published FROM work_calendar_year ORDER BY year";
static const char sql_days[] = "SELECT day, kind, name, year FROM work_calendar_day ORDER BY day";
static const char sql_year_bounds[] =
    "SELECT COALESCE(MIN(year), 0), COALESCE(MAX(year), 0), COUNT(*) FROM work_calendar_year";
static const char sql_year_insert[] =
    "INSERT INTO work_calendar_year (year, notice, published) VALUES (?1, ?2, ?3)";
static const char sql_day_insert[] =
    "INSERT INTO work_calendar_day (day, year, kind, name) VALUES (?1, ?2, ?3, ?4)";

#define POWER_COLS STORE_POWER_COLS
#define POWER_FROM " FROM power_item p JOIN org o ON o.id = p.dept_org_id"

static const char sql_power_count[] = "SELECT COUNT(*)" POWER_FROM;
static const char sql_power_list[] = "SELECT " POWER_COLS POWER_FROM;
static const char sql_power_get[] = "SELECT " POWER_COLS POWER_FROM " WHERE p.id = ?1";
static const char sql_power_by_code[] = "SELECT id FROM power_item WHERE code = ?1";
static const char sql_power_codes[] = "SELECT " POWER_COLS POWER_FROM " ORDER BY p.code";
static const char sql_power_insert[] =
    "INSERT INTO power_item (dept_org_id, code, name, kind, legal_basis, statutory_days, "
    "promised_days, accept_incomplete, notify_commit, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id";
static const char sql_power_update[] =
    "UPDATE power_item SET code = ?2, name = ?3, kind = ?4, legal_basis = ?5, "
    "statutory_days = ?6, promised_days = ?7, accept_incomplete = ?8, notify_commit = ?9, "
    "updated_at = ?10 WHERE id = ?1";

const struct store_bulk_spec store_power_bulk = {
    .copy_sql = "COPY power_item (dept_org_id, code, name, kind, legal_basis, statutory_days, "
                "promised_days, accept_incomplete, notify_commit, created_at, updated_at) "
                "FROM STDIN",
    .insert_sql = "INSERT INTO power_item (dept_org_id, code, name, kind, legal_basis, "
                  "statutory_days, promised_days, accept_incomplete, notify_commit, created_at, "
                  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    .ncols = 11,
};

/* ---- the calendar ---- */

int store_calendar_years(struct store *s, struct arena *a, struct store_calendar_year **out, int *n)
{
	struct store_stmt *st;
	struct store_calendar_year *ys = NULL;
	int *caps, rc, cap = 0, k = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_years, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			ys = arena_grow(a, ys, sizeof(*ys), &cap);
		struct store_calendar_year *y = &ys[(*n)++];
		memset(y, 0, sizeof(*y));
		y->year = (int)store_col_int(st, 0);
		y->notice = store_col_dup(st, 1, a);
		y->published = store_col_dup(st, 2, a);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	if ((rc = store_prepare(s, sql_days, &st)) != KFQ_OK)
		return rc;
	caps = arena_zalloc(a, sizeof(*caps) * (size_t)(*n + 1));
	while ((rc = store_step(st)) == KFQ_ROW) {
		int year = (int)store_col_int(st, 3);
		while (k < *n && ys[k].year < year)
			k++;
		if (k == *n || ys[k].year != year)
			continue;
		struct store_calendar_year *y = &ys[k];
		if (y->ndays == caps[k])
			y->days = arena_grow(a, y->days, sizeof(*y->days), &caps[k]);
		struct store_calendar_day *d = &y->days[y->ndays++];
		d->day = store_col_dup(st, 0, a);
		d->kind = store_col_dup(st, 1, a);
		d->name = store_col_dup(st, 2, a);
	}
	store_reset(st);
	*out = ys;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_calendar_load(struct store *s, struct arena *a, struct workday_calendar *out)
{
	struct store_calendar_year *ys;
	struct workday_special *days = NULL;
	int n, rc, cap = 0, count = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = store_calendar_years(s, a, &ys, &n)) != KFQ_OK || n == 0)
		return rc;
	out->first_year = out->last_year = ys[0].year;
	for (int i = 0; i < n; i++) {
		if (ys[i].year != out->first_year + i)
			break; /* a gap ends the calendar: a later year alone would be a guess */
		out->last_year = ys[i].year;
		for (int k = 0; k < ys[i].ndays; k++) {
			if (count == cap)
				days = arena_grow(a, days, sizeof(*days), &cap);
			days[count].day = plan_day(ys[i].days[k].day);
			days[count].kind =
			    !strcmp(ys[i].days[k].kind, "work") ? WORKDAY_WORK : WORKDAY_HOLIDAY;
			count++;
		}
	}
	out->days = days;
	out->n = count;
	return KFQ_OK;
}

static int write_year(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_power_json *shape = json;
	struct store_calendar_year *ys;
	int n, rc;

	if ((rc = store_calendar_years(s, a, &ys, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++)
		if (ys[i].year == id) {
			shape->calendar_year(w, &ys[i]);
			return KFQ_OK;
		}
	return KFQ_ENOTFOUND;
}

int store_calendar_add(struct store *s, const struct store_actor *who,
                       const struct store_power_json *json, const struct store_calendar_year *y)
{
	struct store_stmt *st;
	int64_t b[3] = {0, 0, 0};
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_year_bounds, &st)) != KFQ_OK)
		goto done;
	if ((rc = store_step(st)) == KFQ_ROW) {
		for (int i = 0; i < 3; i++)
			b[i] = store_col_int(st, i);
		rc = KFQ_OK;
	}
	store_reset(st);
	if (rc != KFQ_OK)
		goto done;
	if (b[2] && y->year >= b[0] && y->year <= b[1])
		rc = KFQ_ECONFLICT;
	else if (b[2] && y->year != b[1] + 1 && y->year != b[0] - 1)
		rc = KFQ_EINVAL;
	if (rc != KFQ_OK || (rc = store_prepare(s, sql_year_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, y->year);
	store_bind_text(st, 2, y->notice);
	store_bind_text(st, 3, y->published);
	if ((rc = store_run(st)) != KFQ_OK)
		goto done;
	for (int i = 0; i < y->ndays && rc == KFQ_OK; i++) {
		if ((rc = store_prepare(s, sql_day_insert, &st)) != KFQ_OK)
			break;
		store_bind_text(st, 1, y->days[i].day);
		store_bind_int(st, 2, y->year);
		store_bind_text(st, 3, y->days[i].kind);
		store_bind_text(st, 4, y->days[i].name);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "create", "work_calendar_year", y->year, NULL,
		                        write_year, json);
done:
	return store_end(s, rc);
}

/* ---- the catalogue ---- */

void store_power_read_at(struct store_stmt *st, struct arena *a, struct store_power *p, int col)
{
	p->id = store_col_int(st, col);
	p->dept_org_id = store_col_int(st, col + 1);
	p->dept_name = store_col_dup(st, col + 2, a);
	p->code = store_col_dup(st, col + 3, a);
	p->name = store_col_dup(st, col + 4, a);
	p->kind = store_col_dup(st, col + 5, a);
	p->legal_basis = store_col_dup(st, col + 6, a);
	p->statutory_days = store_col_int(st, col + 7);
	p->promised_days = store_col_int(st, col + 8);
	p->accept_incomplete = store_col_int(st, col + 9) != 0;
	p->notify_commit = store_col_int(st, col + 10) != 0;
	p->created_at = store_col_dup(st, col + 11, a);
	p->updated_at = store_col_dup(st, col + 12, a);
}

static void read_power(struct store_stmt *st, struct arena *a, void *element)
{
	store_power_read_at(st, a, element, 0);
}

struct list_arg {
	const struct store_power_filter *f;
	const char *like;
};

void store_power_scope_side(struct store_sql *q, const char *a, const char *b,
                            const struct store_scope *scope, int sides)
{
	if (store_scope_everything(scope))
		return;
	if (sides != STORE_SIDE_BOTH) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, sides == STORE_SIDE_B ? b : a, scope);
		return;
	}
	store_sql_add(q, " AND (");
	store_sql_scope(q, a, scope);
	store_sql_add(q, " OR ");
	store_sql_scope(q, b, scope);
	store_sql_add(q, ")");
}

void store_power_scope_either(struct store_sql *q, const char *a, const char *b,
                              const struct store_scope *scope)
{
	store_power_scope_side(q, a, b, scope, STORE_SIDE_BOTH);
}

/* the predicates of the filters given */
static void power_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *x = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (x->f->dept_org_id)
		store_sql_int(q, " AND p.dept_org_id = ?", x->f->dept_org_id);
	if (x->f->kind)
		store_sql_text(q, " AND p.kind = ?", x->f->kind);
	if (x->like)
		store_sql_text(q,
		               " AND (p.code LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR "
		               "p.legal_basis LIKE ? ESCAPE '\\')",
		               x->like);
}

/* the catalogue f selects; arg: f with its LIKE pattern, in a */
static struct store_list power_list(struct arena *a, const struct store_power_filter *f,
                                    struct list_arg *arg)
{
	*arg = (struct list_arg){f, store_like_contains(a, f->q)};
	return (struct store_list){
	    .count_sql = sql_power_count,
	    .list_sql = sql_power_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = arg,
	    .read = read_power,
	    .elem_size = sizeof(struct store_power),
	    .filter = power_filter,
	    .order = " ORDER BY o.name, p.code",
	};
}

int store_power_list(struct store *s, struct arena *a, const struct store_power_filter *f,
                     struct store_power **out, int *n, int64_t *total)
{
	struct list_arg arg;
	struct store_list l = power_list(a, f, &arg);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_power_each(struct store *s, struct arena *a, const struct store_power_filter *f,
                     store_each_fn fn, void *ctx)
{
	struct list_arg arg;
	struct store_list l = power_list(a, f, &arg);

	return store_list_each(s, &l, fn, ctx);
}

int store_power_get(struct store *s, struct arena *a, int64_t id, struct store_power *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_power_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_power, out);
}

int store_power_codes(struct store *s, struct arena *a, struct store_power **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql_power_codes, .read = read_power, .elem_size = sizeof(**out)};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

static int write_power(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	const struct store_power_json *shape = json;
	struct store_power p;
	int rc;

	if ((rc = store_power_get(s, a, id, &p)) == KFQ_OK)
		shape->power(w, &p);
	return rc;
}

int store_power_save(struct store *s, const struct store_actor *who,
                     const struct store_power_json *json, struct store_power *p)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t other = 0;
	int rc;

	time_format(time_now(), now);
	if (p->id)
		rc = store_begin_change(s, p->id, write_power, json, &before);
	else
		rc = store_begin(s);
	if (rc != KFQ_OK)
		return rc;
	/* the code is unique: found before the write (a failed statement ends a PostgreSQL
	 * transaction's usefulness) */
	if ((rc = store_prepare(s, sql_power_by_code, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, p->code);
	rc = store_row(st, NULL, store_read_int, &other);
	if (rc == KFQ_OK && other != p->id)
		rc = KFQ_ECONFLICT;
	else if (rc == KFQ_ENOTFOUND || rc == KFQ_OK)
		rc = KFQ_OK;
	if (rc != KFQ_OK ||
	    (rc = store_prepare(s, p->id ? sql_power_update : sql_power_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, p->id ? p->id : p->dept_org_id);
	store_bind_text(st, 2, p->code);
	store_bind_text(st, 3, p->name);
	store_bind_text(st, 4, p->kind);
	store_bind_text(st, 5, p->legal_basis);
	store_bind_int(st, 6, p->statutory_days);
	store_bind_int(st, 7, p->promised_days);
	store_bind_int(st, 8, p->accept_incomplete);
	store_bind_int(st, 9, p->notify_commit);
	store_bind_text(st, 10, now);
	if (p->id) {
		if ((rc = store_run(st)) == KFQ_OK)
			rc = store_audit_entity(s, who, "update", "power_item", p->id, before,
			                        write_power, json);
	} else if ((rc = store_run_id(st, &p->id)) == KFQ_OK) {
		rc = store_audit_entity(s, who, "create", "power_item", p->id, NULL, write_power,
		                        json);
	}
done:
	free(before);
	return store_end(s, rc);
}

int store_power_bulk_row(struct store_bulk *b, const struct store_power *p, const char *now)
{
	store_bulk_int(b, p->dept_org_id);
	store_bulk_text(b, p->code);
	store_bulk_text(b, p->name);
	store_bulk_text(b, p->kind);
	store_bulk_text(b, p->legal_basis);
	store_bulk_int(b, p->statutory_days);
	store_bulk_int(b, p->promised_days);
	store_bulk_int(b, p->accept_incomplete);
	store_bulk_int(b, p->notify_commit);
	store_bulk_text(b, now);
	store_bulk_text(b, now);
	return store_bulk_row(b);
}
