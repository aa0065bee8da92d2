/* store_briefing.c - the weekly briefing's reads in SQL: one row per zone in scope with the
 * week's counts, the milestones that became late, the notices issued or closed. Must not
 * compute percentages or word anything (core/ does). */
#include "store/store_briefing.h"
#include "store/store_impl.h"

#include "util/log.h"

#include <string.h>

/* a plan under way: submitted or approved, its organization still responsible for the task (as
 * the board counts, DECISIONS 264) */
#define OPEN_PLAN "p.status IN ('submitted', 'approved') AND p.off_task_on IS NULL"
/* a milestone that became late between two due dates and is not done */
#define LATE_IN(FROM, TO)                                                                          \
	"m.removed = 0 AND m.status <> 'done' AND m.due_date >= " FROM " AND m.due_date <= " TO    \
	" AND " OPEN_PLAN
#define ZONE_REPORTS                                                                               \
	"FROM progress_report r JOIN milestone m ON m.id = r.milestone_id JOIN zone_plan p ON "    \
	"p.id = m.plan_id WHERE p.org_id = o.id "
/* Heads of statements completed by the scope's condition (filter): ?1 ?2 the week's bounds
 * (RFC 3339), ?3 ?4 the due dates that became late in it */
static const char sql_zones[] =
    "SELECT o.id, o.name, "
    "(SELECT COUNT(*) FROM zone_plan p WHERE p.org_id = o.id AND " OPEN_PLAN "), "
    "(SELECT COALESCE(SUM(p.sum_weighted), 0) FROM zone_plan p WHERE p.org_id = o.id AND " OPEN_PLAN
    "), (SELECT COALESCE(SUM(p.sum_weight), 0) FROM zone_plan p WHERE p.org_id = o.id "
    "AND " OPEN_PLAN "), (SELECT COUNT(*) " ZONE_REPORTS
    "AND r.created_at >= ?1 AND r.created_at < ?2), "
    "(SELECT COUNT(*) " ZONE_REPORTS "AND r.state = 'accepted' AND r.reviewed_at >= ?1 AND "
    "r.reviewed_at < ?2), "
    "(SELECT COUNT(*) " ZONE_REPORTS "AND r.state = 'accepted' AND r.status = 'done' AND "
    "r.reviewed_at >= ?1 AND r.reviewed_at < ?2), "
    "(SELECT COUNT(*) FROM milestone m JOIN zone_plan p ON p.id = m.plan_id WHERE p.org_id = "
    "o.id AND " LATE_IN("?3", "?4") "), "
                                    "(SELECT COUNT(*) FROM supervision_notice n WHERE n.org_id = "
                                    "o.id AND n.issued_at >= ?1 "
                                    "AND n.issued_at < ?2), "
                                    "(SELECT COUNT(*) FROM supervision_notice n WHERE n.org_id = "
                                    "o.id AND n.closed_at >= ?1 "
                                    "AND n.closed_at < ?2) FROM org o WHERE o.type = 'zone'";
/* ?1 ?2 the due dates */
static const char sql_late[] =
    "SELECT o.name, t.article_number, t.title, m.title, m.due_date FROM milestone m "
    "JOIN zone_plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id "
    "JOIN task t ON t.id = p.task_id WHERE o.type = 'zone' AND " LATE_IN("?1", "?2");
/* ?1 ?2 the week */
static const char sql_notices[] =
    "SELECT n.id, n.number, o.name, n.subject, n.status, n.issued_at, n.closed_at FROM "
    "supervision_notice n JOIN org o ON o.id = n.org_id WHERE ((n.issued_at >= ?1 AND "
    "n.issued_at < ?2) OR (n.closed_at >= ?1 AND n.closed_at < ?2))";

/* A statement's texts in order (two or four), the scope and the column it applies to. */
struct bounds {
	const char *text[4];
	int n;
	const struct store_scope *scope;
	const char *col;
	bool copies; /* notices: addressed or copied to an organization in the scope */
};

static void head(struct store_sql *q, const void *arg)
{
	const struct bounds *b = arg;

	for (int i = 0; i < b->n; i++)
		store_sql_param_text(q, b->text[i]);
}

static void filter(struct store_sql *q, const void *arg)
{
	const struct bounds *b = arg;

	if (store_scope_everything(b->scope))
		return;
	store_sql_add(q, " AND (");
	store_sql_scope(q, b->col, b->scope);
	if (b->copies) {
		store_sql_add(
		    q, " OR EXISTS (SELECT 1 FROM notice_cc c WHERE c.notice_id = n.id AND ");
		store_sql_scope(q, "c.org_id", b->scope);
		store_sql_add(q, ")");
	}
	store_sql_add(q, ")");
}

/* element: a struct store_briefing_zone */
static void read_zone(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_briefing_zone *z = element;

	z->org_id = store_col_int(st, 0);
	z->org_name = store_col_dup(st, 1, a);
	z->plans = store_col_int(st, 2);
	z->weighted = store_col_int(st, 3);
	z->weight = store_col_int(st, 4);
	z->reports = store_col_int(st, 5);
	z->accepted = store_col_int(st, 6);
	z->done = store_col_int(st, 7);
	z->new_late = store_col_int(st, 8);
	z->issued = store_col_int(st, 9);
	z->closed = store_col_int(st, 10);
}

/* element: a struct store_briefing_late */
static void read_late(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_briefing_late *l = element;

	l->org_name = store_col_dup(st, 0, a);
	l->article_number = (int)store_col_int(st, 1);
	l->task_title = store_col_dup(st, 2, a);
	l->title = store_col_dup(st, 3, a);
	l->due_date = store_col_dup(st, 4, a);
}

/* element: a struct store_briefing_notice */
static void read_notice(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_briefing_notice *n = element;

	n->id = store_col_int(st, 0);
	n->number = store_col_dup(st, 1, a);
	n->org_name = store_col_dup(st, 2, a);
	n->subject = store_col_dup(st, 3, a);
	n->status = store_col_dup(st, 4, a);
	n->issued_at = store_col_dup(st, 5, a);
	n->closed_at = store_col_dup(st, 6, a);
}

static int all(struct store *s, struct arena *a, const char *sql, const char *order,
               struct bounds b, store_reader read, size_t size, void **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql,
	    .arg = &b,
	    .read = read,
	    .elem_size = size,
	    .head = head,
	    .filter = filter,
	    .order = order,
	};
	int64_t total;

	return store_list_page(s, a, &l, out, n, &total);
}

int store_briefing_week(struct store *s, struct arena *a, const struct briefing_week *w,
                        const struct store_scope *scope, struct store_briefing *out)
{
	struct bounds both = {{w->from, w->to, w->late_from, w->late_to}, 4, scope, "o.id", false},
	              week = {{w->from, w->to}, 2, scope, "n.org_id", true},
	              late_only = {{w->late_from, w->late_to}, 2, scope, "p.org_id", false};
	void *zones, *late, *notices;
	int rc;

	memset(out, 0, sizeof(*out));
	/* the three reads on one snapshot */
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = all(s, a, sql_zones, " ORDER BY o.id", both, read_zone, sizeof(*out->zones),
	              &zones, &out->nzones)) == KFQ_OK &&
	    (rc = all(s, a, sql_late, " ORDER BY m.due_date, o.id, m.id", late_only, read_late,
	              sizeof(*out->late), &late, &out->nlate)) == KFQ_OK &&
	    (rc = all(s, a, sql_notices, " ORDER BY n.id", week, read_notice, sizeof(*out->notices),
	              &notices, &out->nnotices)) == KFQ_OK) {
		out->zones = zones;
		out->late = late;
		out->notices = notices;
	}
	store_rollback(s);
	return rc;
}
