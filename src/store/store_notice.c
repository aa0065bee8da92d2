/* store_notice.c - reading supervision notices (with their copies, replies and files) and the
 * reminder facts in SQL; the writes are store_notice_write.c's. Must not decide who may read
 * (api/ does) nor word any message itself (core/remind.c does). */
#include "store/store_notice.h"
#include "store/store_impl.h"
#include "store/store_notice_impl.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <string.h>

#define NOTICE_FROM " FROM supervision_notice n" NOTICE_JOINS
static const char sql_count[] = "SELECT COUNT(*) FROM supervision_notice n";
static const char sql_list[] = "SELECT " NOTICE_COLS NOTICE_FROM;
/* one notice, with how many copies and files it has: their lists are read only when it has
 * some (a new notice has none most often), two round trips fewer on PostgreSQL */
static const char sql_get[] =
    "SELECT " NOTICE_COLS ", (SELECT COUNT(*) FROM notice_cc c WHERE c.notice_id = n.id), "
    "(SELECT COUNT(*) FROM attachment x WHERE x.entity_type = 'notice' AND "
    "x.entity_id = n.id)" NOTICE_FROM " WHERE n.id = ?1";
static const char sql_cc[] = "SELECT c.org_id, o.name FROM notice_cc c JOIN org o ON "
                             "o.id = c.org_id WHERE c.notice_id = ?1 ORDER BY c.org_id";
static const char sql_replies[] =
    "SELECT r.id, r.body, r.created_at, r.created_by, u.display_name FROM notice_reply r "
    "LEFT JOIN app_user u ON u.id = r.created_by WHERE r.notice_id = ?1 ORDER BY r.id";
static const char sql_reply_notice[] = "SELECT notice_id FROM notice_reply WHERE id = ?1";

/* The reminder facts, all in one column layout: id, org, article, task title, title, date,
 * milestone, number. A milestone, a returned plan or report is reminded of while its plan's
 * organization is responsible for the task: one the office took off the task (zone_plan's
 * off_task_on) can no longer report or change its plan (DECISIONS 264). */
static const char sql_fact_ms[] =
    "SELECT m.id, p.org_id, t.article_number, t.title, m.title, m.due_date, m.id, NULL "
    "FROM milestone m JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON t.id = p.task_id "
    "WHERE m.removed = 0 AND m.status <> 'done' AND p.status IN ('submitted', 'approved') "
    "AND m.due_date <= ?1 AND p.off_task_on IS NULL ORDER BY m.due_date, m.id";
/* a return that its workflow step already told in the inbox (an item of that step's kind on the
 * entity, made at or after the review) is not told again: only returns from before the inbox
 * had steps are left to the reminder */
#define TOLD(kind, type, id, at)                                                                   \
	" AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.entity_type = '" type "' AND "             \
	"i.entity_id = " id " AND i.kind = '" kind "' AND i.created_at >= " at ")"
static const char sql_fact_plan[] =
    "SELECT p.id, p.org_id, t.article_number, t.title, NULL, p.reviewed_at, 0, NULL "
    "FROM zone_plan p JOIN task t ON t.id = p.task_id WHERE p.status = 'returned' AND "
    "p.off_task_on IS NULL" TOLD("plan_returned", "plan", "p.id", "p.reviewed_at") " ORDER BY p.id";
static const char sql_fact_report[] =
    "SELECT r.id, p.org_id, t.article_number, t.title, m.title, r.reviewed_at, m.id, NULL "
    "FROM progress_report r JOIN milestone m ON m.id = r.milestone_id "
    "JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON t.id = p.task_id "
    "WHERE r.state = 'returned' AND m.removed = 0 AND p.off_task_on IS NULL AND NOT EXISTS "
    "(SELECT 1 FROM progress_report x WHERE x.milestone_id = r.milestone_id AND x.id > r.id)" TOLD(
        "report_returned", "report", "r.id", "r.reviewed_at") " ORDER BY r.id";
static const char sql_fact_notice[] =
    "SELECT n.id, n.org_id, COALESCE(t.article_number, 0), t.title, "
    "n.subject, n.reply_due, 0, n.number FROM supervision_notice n "
    "LEFT JOIN task t ON t.id = n.task_id WHERE n.status NOT IN ('closed', 'draft') "
    "AND n.replied_at IS NULL AND n.reply_due <= ?1 ORDER BY n.id";

/* ---- reading notices ---- */

/* element: a struct store_notice without its children */
static void read_notice(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_notice *n = element;

	memset(n, 0, sizeof(*n));
	n->id = store_col_int(st, 0);
	n->year = (int)store_col_int(st, 1);
	n->seq = (int)store_col_int(st, 2);
	n->number = store_col_dup(st, 3, a);
	n->org_id = store_col_int(st, 4);
	n->org_name = store_col_dup(st, 5, a);
	n->entity_type = store_col_dup(st, 6, a);
	n->entity_id = store_col_int(st, 7);
	n->entity_label = store_col_dup(st, 8, a);
	n->task_id = store_col_int(st, 9);
	n->article_number = (int)store_col_int(st, 10);
	n->task_title = store_col_dup(st, 11, a);
	n->subject = store_col_dup(st, 12, a);
	n->body = store_col_dup(st, 13, a);
	n->reply_due = store_col_dup(st, 14, a);
	n->status = store_col_dup(st, 15, a);
	n->received_at = store_col_dup(st, 16, a);
	n->received_by = store_col_int(st, 17);
	n->received_by_name = store_col_dup(st, 18, a);
	n->replied_at = store_col_dup(st, 19, a);
	n->replied_by = store_col_int(st, 20);
	n->replied_by_name = store_col_dup(st, 21, a);
	n->closing_comment = store_col_dup(st, 22, a);
	n->closed_at = store_col_dup(st, 23, a);
	n->closed_by = store_col_int(st, 24);
	n->escalation_comment = store_col_dup(st, 25, a);
	n->escalated_at = store_col_dup(st, 26, a);
	n->escalated_by = store_col_int(st, 27);
	n->created_at = store_col_dup(st, 28, a);
	n->created_by = store_col_int(st, 29);
	n->issued_at = store_col_dup(st, 30, a);
	n->issued_by = store_col_int(st, 31);
	n->issued_by_name = store_col_dup(st, 32, a);
	n->nreplies = (int)store_col_int(st, 33);
}

void store_notice_read_counted(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_notice *n = element;

	read_notice(st, a, element);
	n->ncc = (int)store_col_int(st, 34);
	n->nattachments = (int)store_col_int(st, 35);
}

/* the predicates of the filters given */
static void notice_filter(struct store_sql *q, const void *arg)
{
	const struct store_notice_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND n.org_id = ?", f->org_id);
	if (f->task_id)
		store_sql_int(q, " AND n.task_id = ?", f->task_id);
	if (f->status)
		store_sql_text(q, " AND n.status = ?", f->status);
	if (!f->drafts)
		store_sql_add(q, " AND n.status <> 'draft'");
	if (f->overdue_before)
		store_sql_text(q,
		               " AND n.status NOT IN ('closed', 'draft') AND n.replied_at IS NULL "
		               "AND n.reply_due < ?",
		               f->overdue_before);
	if (f->awaiting_reply)
		store_sql_add(q,
		              " AND n.status NOT IN ('closed', 'draft') AND n.replied_at IS NULL");
	if (f->to_close)
		store_sql_add(
		    q, " AND n.status NOT IN ('closed', 'draft') AND n.replied_at IS NOT NULL");
	if (f->entity_type) {
		store_sql_text(q, " AND n.entity_type = ?", f->entity_type);
		store_sql_int(q, " AND n.entity_id = ?", f->entity_id);
	}
	/* addressed or copied to an organization in the scope */
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND (");
		store_sql_scope(q, "n.org_id", &f->scope);
		store_sql_add(
		    q, " OR EXISTS (SELECT 1 FROM notice_cc c WHERE c.notice_id = n.id AND ");
		store_sql_scope(q, "c.org_id", &f->scope);
		store_sql_add(q, "))");
	}
}

/* the notices f selects */
static struct store_list notice_list(const struct store_notice_filter *f)
{
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_notice,
	    .elem_size = sizeof(struct store_notice),
	    .filter = notice_filter,
	    .order = " ORDER BY n.id DESC",
	};
}

int store_notice_list(struct store *s, struct arena *a, const struct store_notice_filter *f,
                      struct store_notice **out, int *n, int64_t *total)
{
	struct store_list l = notice_list(f);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_notice_each(struct store *s, const struct store_notice_filter *f, store_each_fn fn,
                      void *ctx)
{
	struct store_list l = notice_list(f);

	return store_list_each(s, &l, fn, ctx);
}

/* element: a struct store_notice_cc */
static void read_cc(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_notice_cc *c = element;

	c->org_id = store_col_int(st, 0);
	c->org_name = store_col_dup(st, 1, a);
}

/* element: a struct store_notice_reply without its files */
static void read_reply(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_notice_reply *r = element;

	memset(r, 0, sizeof(*r));
	r->id = store_col_int(st, 0);
	r->body = store_col_dup(st, 1, a);
	r->created_at = store_col_dup(st, 2, a);
	r->created_by = store_col_int(st, 3);
	r->created_by_name = store_col_dup(st, 4, a);
}

/* The copies, replies and files are each read only when the notice's row counted some (a new
 * notice has none). */
int store_notice_read_children(struct store *s, struct arena *a, struct store_notice *n)
{
	void *cc = NULL, *replies = NULL;
	int rc = KFQ_OK;

	if ((n->ncc && (rc = store_collect(s, a, sql_cc, n->id, sizeof(*n->cc), read_cc, &cc,
	                                   &n->ncc)) != KFQ_OK) ||
	    (n->nreplies && (rc = store_collect(s, a, sql_replies, n->id, sizeof(*n->replies),
	                                        read_reply, &replies, &n->nreplies)) != KFQ_OK) ||
	    (n->nattachments && (rc = store_attachment_list(s, a, "notice", n->id, &n->attachments,
	                                                    &n->nattachments)) != KFQ_OK))
		return rc;
	n->cc = cc;
	n->replies = replies;
	for (int i = 0; i < n->nreplies && rc == KFQ_OK; i++)
		rc = store_attachment_list(s, a, "notice_reply", n->replies[i].id,
		                           &n->replies[i].attachments, &n->replies[i].nattachments);
	return rc;
}

int store_notice_get(struct store *s, struct arena *a, int64_t id, struct store_notice *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, store_notice_read_counted, out)) != KFQ_OK)
		return rc;
	return store_notice_read_children(s, a, out);
}

int store_notice_of_reply(struct store *s, int64_t reply_id, int64_t *notice_id)
{
	struct store_stmt *st;
	int rc;

	*notice_id = 0;
	if ((rc = store_prepare(s, sql_reply_notice, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, reply_id);
	return store_row(st, NULL, store_read_int, notice_id);
}

/* ---- reminder facts ---- */

static int read_facts(struct store *s, struct arena *a, const char *sql, enum remind_source source,
                      const char *bound, struct remind_fact **out, int *n, int *cap)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (bound)
		store_bind_text(st, 1, bound);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == *cap)
			*out = arena_grow(a, *out, sizeof(**out), cap);
		struct remind_fact *f = &(*out)[(*n)++];
		memset(f, 0, sizeof(*f));
		f->source = source;
		f->id = store_col_int(st, 0);
		f->org_id = store_col_int(st, 1);
		f->article_number = (int)store_col_int(st, 2);
		f->task_title = store_col_dup(st, 3, a);
		f->title = store_col_dup(st, 4, a);
		f->date = store_col_dup(st, 5, a);
		f->milestone_id = store_col_int(st, 6);
		f->number = store_col_dup(st, 7, a);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_remind_facts(struct store *s, struct arena *a, const struct remind_bounds *b,
                       struct remind_fact **out, int *n)
{
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	/* one snapshot for the four queries */
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = read_facts(s, a, sql_fact_ms, REMIND_MILESTONE, b->ms.soon, out, n, &cap)) !=
	        KFQ_OK ||
	    (rc = read_facts(s, a, sql_fact_plan, REMIND_PLAN_RETURNED, NULL, out, n, &cap)) !=
	        KFQ_OK ||
	    (rc = read_facts(s, a, sql_fact_report, REMIND_REPORT_RETURNED, NULL, out, n, &cap)) !=
	        KFQ_OK ||
	    (rc = read_facts(s, a, sql_fact_notice, REMIND_NOTICE_DUE, b->notice_soon, out, n,
	                     &cap)) != KFQ_OK)
		*n = 0;
	store_rollback(s);
	return rc;
}
