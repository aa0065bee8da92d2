/* store_notice.c - supervision notices and the reminder facts in SQL. The status machine,
 * numbers and texts are core/'s (notice.c, remind.c); this file numbers inside the write
 * transaction, records, audits and tells the inbox (store_inbox.c). Must not decide who may act
 * (api/ does) nor word any message itself. */
#include "store/store_notice.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "core/plan.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define NOTICE_COLS                                                                                \
	"n.id, n.year, n.seq, n.org_id, o.name, n.task_id, t.article_number, t.title, "            \
	"n.milestone_id, m.title, n.subject, n.body, n.reply_due, n.status, n.reply, "             \
	"n.replied_at, n.replied_by, ru.display_name, n.closing_comment, n.closed_at, "            \
	"n.closed_by, n.escalation_comment, n.escalated_at, n.escalated_by, n.issued_at, "         \
	"n.issued_by, iu.display_name"
#define NOTICE_FROM                                                                                \
	" FROM supervision_notice n JOIN org o ON o.id = n.org_id JOIN task t ON t.id = "          \
	"n.task_id "                                                                               \
	"LEFT JOIN milestone m ON m.id = n.milestone_id "                                          \
	"LEFT JOIN app_user ru ON ru.id = n.replied_by "                                           \
	"LEFT JOIN app_user iu ON iu.id = n.issued_by"
static const char sql_count[] = "SELECT COUNT(*) FROM supervision_notice n";
static const char sql_list[] = "SELECT " NOTICE_COLS NOTICE_FROM;
static const char sql_get[] = "SELECT " NOTICE_COLS NOTICE_FROM " WHERE n.id = ?1";
/* numbered the year's highest + 1, inside the serialized write transaction */
static const char sql_insert[] =
    "INSERT INTO supervision_notice (year, seq, org_id, task_id, milestone_id, subject, body, "
    "reply_due, status, issued_at, issued_by) "
    "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9 "
    "FROM supervision_notice WHERE year = ?1 RETURNING id, seq";
/* the moves: ?1 id, ?2 new status, ?3 text, ?4 time, ?5 user */
static const char sql_reply[] = "UPDATE supervision_notice SET status = ?2, reply = ?3, "
                                "replied_at = ?4, replied_by = ?5 WHERE id = ?1";
static const char sql_close[] = "UPDATE supervision_notice SET status = ?2, closing_comment = ?3, "
                                "closed_at = ?4, closed_by = ?5 WHERE id = ?1";
static const char sql_escalate[] =
    "UPDATE supervision_notice SET status = ?2, escalation_comment = ?3, escalated_at = ?4, "
    "escalated_by = ?5 WHERE id = ?1";

/* The reminder facts, all in one column layout: id, org, task, article, task title, title,
 * date, milestone, year, seq. */
static const char sql_fact_ms[] =
    "SELECT m.id, p.org_id, p.task_id, t.article_number, t.title, m.title, m.due_date, m.id, 0, "
    "0 FROM milestone m JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON t.id = p.task_id "
    "WHERE m.removed = 0 AND m.status <> 'done' AND p.status IN ('submitted', 'approved') "
    "AND m.due_date <= ?1 ORDER BY m.due_date, m.id";
static const char sql_fact_plan[] =
    "SELECT p.id, p.org_id, p.task_id, t.article_number, t.title, NULL, p.reviewed_at, 0, 0, 0 "
    "FROM zone_plan p JOIN task t ON t.id = p.task_id WHERE p.status = 'returned' "
    "ORDER BY p.id";
static const char sql_fact_report[] =
    "SELECT r.id, p.org_id, p.task_id, t.article_number, t.title, m.title, r.reviewed_at, m.id, "
    "0, 0 FROM progress_report r JOIN milestone m ON m.id = r.milestone_id "
    "JOIN zone_plan p ON p.id = m.plan_id JOIN task t ON t.id = p.task_id "
    "WHERE r.state = 'returned' AND m.removed = 0 AND NOT EXISTS (SELECT 1 FROM "
    "progress_report x WHERE x.milestone_id = r.milestone_id AND x.id > r.id) ORDER BY r.id";
static const char sql_fact_notice[] =
    "SELECT n.id, n.org_id, n.task_id, t.article_number, t.title, n.subject, n.reply_due, "
    "COALESCE(n.milestone_id, 0), n.year, n.seq FROM supervision_notice n "
    "JOIN task t ON t.id = n.task_id WHERE n.status <> 'closed' AND n.replied_at IS NULL "
    "AND n.reply_due <= ?1 ORDER BY n.id";

/* ---- reading notices ---- */

/* element: a struct store_notice */
static void read_notice(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_notice *n = element;

	memset(n, 0, sizeof(*n));
	n->id = store_col_int(st, 0);
	n->year = (int)store_col_int(st, 1);
	n->seq = (int)store_col_int(st, 2);
	notice_number(n->year, n->seq, n->number);
	n->org_id = store_col_int(st, 3);
	n->org_name = store_col_dup(st, 4, a);
	n->task_id = store_col_int(st, 5);
	n->article_number = (int)store_col_int(st, 6);
	n->task_title = store_col_dup(st, 7, a);
	n->milestone_id = store_col_int(st, 8);
	n->milestone_title = store_col_dup(st, 9, a);
	n->subject = store_col_dup(st, 10, a);
	n->body = store_col_dup(st, 11, a);
	n->reply_due = store_col_dup(st, 12, a);
	n->status = store_col_dup(st, 13, a);
	n->reply = store_col_dup(st, 14, a);
	n->replied_at = store_col_dup(st, 15, a);
	n->replied_by = store_col_int(st, 16);
	n->replied_by_name = store_col_dup(st, 17, a);
	n->closing_comment = store_col_dup(st, 18, a);
	n->closed_at = store_col_dup(st, 19, a);
	n->closed_by = store_col_int(st, 20);
	n->escalation_comment = store_col_dup(st, 21, a);
	n->escalated_at = store_col_dup(st, 22, a);
	n->escalated_by = store_col_int(st, 23);
	n->issued_at = store_col_dup(st, 24, a);
	n->issued_by = store_col_int(st, 25);
	n->issued_by_name = store_col_dup(st, 26, a);
}

/* the predicates of the filters given: notices addressed to the organizations in the scope */
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
	if (f->overdue_before)
		store_sql_text(
		    q, " AND n.status <> 'closed' AND n.replied_at IS NULL AND n.reply_due < ?",
		    f->overdue_before);
	if (f->awaiting_reply)
		store_sql_add(q, " AND n.status <> 'closed' AND n.replied_at IS NULL");
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "n.org_id", &f->scope);
	}
}

int store_notice_list(struct store *s, struct arena *a, const struct store_notice_filter *f,
                      struct store_notice **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_notice,
	    .elem_size = sizeof(**out),
	    .filter = notice_filter,
	    .order = " ORDER BY n.id DESC",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_notice_get(struct store *s, struct arena *a, int64_t id, struct store_notice *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_notice, out);
}

/* ---- writing notices ---- */

/* The notice's audit JSON (heap, free()), read inside the transaction. */
static char *notice_json(struct store *s, const struct store_notice_json *json, int64_t id,
                         struct store_notice *n, struct arena *a, int *rc)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	*rc = store_notice_get(s, a, id, n);
	if (*rc != KFQ_OK)
		return NULL;
	jsonw_init(&w, &sb);
	json->notice(&w, n);
	return strbuf_detach(&sb, NULL);
}

static void as_remind(const struct store_notice *n, struct remind_notice *r)
{
	memset(r, 0, sizeof(*r));
	r->id = n->id;
	r->year = n->year;
	r->seq = n->seq;
	r->org_id = n->org_id;
	r->org_name = n->org_name;
	r->subject = n->subject;
	r->reply_due = n->reply_due;
	r->replied_at = n->replied_at;
}

/* Audits the change of notice id (after is read now) and tells the inbox of event. */
static int record(struct store *s, const struct store_actor *who,
                  const struct store_notice_json *json, const char *action, int64_t id,
                  const char *before, enum remind_notice_event event)
{
	struct store_notice n;
	struct remind_notice rn;
	struct inbox_item item;
	struct arena a;
	char *after;
	int rc;

	arena_init(&a);
	if (!(after = notice_json(s, json, id, &n, &a, &rc)))
		goto cleanup;
	if ((rc = store_audit_append_id(s, who, action, "notice", id, before, after)) != KFQ_OK)
		goto cleanup;
	as_remind(&n, &rn);
	remind_notice_item(event, &rn, &a, &item);
	rc = store_inbox_send(s, who, &item, NULL);
cleanup:
	free(after);
	arena_release(&a);
	return rc;
}

int store_notice_create(struct store *s, const struct store_actor *who,
                        const struct store_notice_json *json, struct store_notice *n)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int64_t t = time_now();
	int rc, year = notice_year(plan_today(t)), seq = 0;

	time_format(t, now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, year);
	store_bind_int(st, 2, n->org_id);
	store_bind_int(st, 3, n->task_id);
	store_bind_id(st, 4, n->milestone_id);
	store_bind_text(st, 5, n->subject);
	store_bind_text(st, 6, n->body);
	store_bind_text(st, 7, n->reply_due);
	store_bind_text(st, 8, now);
	store_bind_id(st, 9, who->user_id);
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		n->id = store_col_int(st, 0);
		seq = (int)store_col_int(st, 1);
	}
	store_reset(st);
	if (rc == KFQ_ROW)
		rc = record(s, who, json, "create", n->id, NULL, REMIND_NOTICE_ISSUED);
	else if (rc == KFQ_DONE)
		rc = KFQ_ERR;
done:
	if ((rc = store_end(s, rc)) != KFQ_OK) {
		n->id = 0;
		return rc;
	}
	n->year = year;
	n->seq = seq;
	notice_number(year, seq, n->number);
	return KFQ_OK;
}

static int act(struct store *s, struct arena *a, const struct store_actor *who,
               const struct store_notice_json *json, int64_t id, enum notice_action action,
               const char *text, const char **status)
{
	static const char *const sql[] = {sql_reply, sql_close, sql_escalate};
	static const char *const names[] = {"reply", "close", "escalate"};
	static const enum remind_notice_event events[] = {
	    REMIND_NOTICE_REPLIED, REMIND_NOTICE_CLOSED, REMIND_NOTICE_ESCALATED};
	struct store_stmt *st;
	struct store_notice before;
	struct arena tmp;
	const char *next;
	char now[TIME_RFC3339_LEN], *bj = NULL;
	int rc;

	arena_init(&tmp);
	*status = NULL;
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if (!(bj = notice_json(s, json, id, &before, &tmp, &rc)))
		goto done;
	*status = arena_strdup(a, before.status);
	if (!(next = notice_next_status(before.status, action))) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = store_prepare(s, sql[action], &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, next);
	store_bind_text(st, 3, text);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = record(s, who, json, names[action], id, bj, events[action]);
done:
	rc = store_end(s, rc);
cleanup:
	free(bj);
	arena_release(&tmp);
	return rc;
}

int store_notice_reply(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *reply,
                       const char **status)
{
	return act(s, a, who, json, id, NOTICE_REPLY, reply, status);
}

int store_notice_close(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *comment,
                       const char **status)
{
	return act(s, a, who, json, id, NOTICE_CLOSE, comment, status);
}

int store_notice_escalate(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_notice_json *json, int64_t id, const char *comment,
                          const char **status)
{
	return act(s, a, who, json, id, NOTICE_ESCALATE, comment, status);
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
		f->task_id = store_col_int(st, 2);
		f->article_number = (int)store_col_int(st, 3);
		f->task_title = store_col_dup(st, 4, a);
		f->title = store_col_dup(st, 5, a);
		f->date = store_col_dup(st, 6, a);
		f->milestone_id = store_col_int(st, 7);
		f->year = (int)store_col_int(st, 8);
		f->seq = (int)store_col_int(st, 9);
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
