/* store_notice_write.c - the writes of 督办单: creating, editing, discarding and issuing drafts,
 * receipt, replies, closing and escalation, each one write transaction that runs the status
 * machine (core/notice.h) on the notice as it was, changes it, audits the whole notice before
 * and after, and tells the inbox. Must not decide who may act (api/ does). */
#include "store/store_notice.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_notice_impl.h"

#include "core/plan.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* The year's largest seq + 1, for year placeholder y, and the number it makes after the
 * number's head h (notice_number_head): taken inside the write transaction, which holds the
 * writers' lock, so that no other takes the same seq meanwhile; NULL for a NULL year (a
 * draft). */
#define NEXT_SEQ(y)                                                                                \
	"CASE WHEN CAST(" y " AS INTEGER) IS NULL THEN NULL ELSE (SELECT COALESCE(MAX(seq), 0) + " \
	"1 FROM supervision_notice WHERE year = CAST(" y " AS INTEGER)) END"
#define NUMBER(y, h) h " || CAST(" NEXT_SEQ(y) " AS TEXT) || '" NOTICE_NUMBER_END "'"
/* a draft (?9 'draft', ?12–?15 NULL) or a notice issued at once in the year ?12 */
#define INSERT_NOTICE                                                                              \
	"INSERT INTO supervision_notice (org_id, entity_type, entity_id, entity_label, task_id, "  \
	"subject, body, reply_due, status, created_at, created_by, year, seq, number, issued_at, " \
	"issued_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CAST(?12 AS "            \
	"INTEGER), " NEXT_SEQ("?12") ", " NUMBER("?12", "?13") ", ?14, ?15)"
static const char sql_insert[] = INSERT_NOTICE " RETURNING id";
/* SQLite: the id its connection gives (store_run_rowid) */
static const char sql_insert_rowid[] = INSERT_NOTICE;
/* PostgreSQL: the same row written and read as store_notice_get reads it, in one statement, for
 * a notice without copies or files (none to count yet); its names looked up by key, as joins
 * PostgreSQL built hash tables over the organizations and tasks for the one row */
static const char sql_insert_read[] =
    "WITH n AS (" INSERT_NOTICE " RETURNING *) SELECT " NOTICE_COLS_NEW ", 0, 0 FROM n";
/* the notice just inserted, read as store_notice_get reads it but for what a new notice has
 * not: replies, a receipt; its copies and files are counted by the caller, who wrote them */
static const char sql_get_new[] =
    "SELECT " NOTICE_COLS_NEW ", 0, 0 FROM supervision_notice n WHERE n.id = ?1";
static const char sql_update[] =
    "UPDATE supervision_notice SET org_id = ?2, entity_type = ?3, entity_id = ?4, "
    "entity_label = ?5, task_id = ?6, subject = ?7, body = ?8, reply_due = ?9 WHERE id = ?1";
static const char sql_cc_clear[] = "DELETE FROM notice_cc WHERE notice_id = ?1";
static const char sql_cc_add[] = "INSERT INTO notice_cc (notice_id, org_id) VALUES (?1, ?2)";
static const char sql_delete[] = "DELETE FROM supervision_notice WHERE id = ?1";
static const char sql_issue[] =
    "UPDATE supervision_notice SET status = 'open', year = CAST(?2 AS INTEGER), seq = " NEXT_SEQ(
        "?2") ", number = " NUMBER("?2", "?3") ", issued_at = ?4, issued_by = ?5 WHERE id = ?1";
static const char sql_receive[] = "UPDATE supervision_notice SET status = ?2, received_at = ?3, "
                                  "received_by = ?4 WHERE id = ?1";
static const char sql_reply_add[] = "INSERT INTO notice_reply (notice_id, body, created_at, "
                                    "created_by) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char sql_replied[] = "UPDATE supervision_notice SET status = ?2, replied_at = ?3, "
                                  "replied_by = ?4 WHERE id = ?1";
/* the office's moves: ?1 id, ?2 new status, ?3 text, ?4 time, ?5 user */
static const char sql_close[] = "UPDATE supervision_notice SET status = ?2, closing_comment = ?3, "
                                "closed_at = ?4, closed_by = ?5 WHERE id = ?1";
static const char sql_escalate[] =
    "UPDATE supervision_notice SET status = ?2, escalation_comment = ?3, escalated_at = ?4, "
    "escalated_by = ?5 WHERE id = ?1";

/* ---- writing notices ---- */

/* Notice id as in wrote it just now, into out (DECISIONS 260). */
static int read_new(struct store *s, struct arena *a, int64_t id,
                    const struct store_notice_input *in, struct store_notice *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get_new, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, store_notice_read_counted, out)) != KFQ_OK)
		return rc;
	out->ncc = in->ncc;
	out->nattachments = in->nattachments;
	return store_notice_read_children(s, a, out);
}

/* n's audit JSON (heap, free()) */
static char *json_of(const struct store_notice_json *json, const struct store_notice *n)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb);
	json->notice(&w, n);
	return strbuf_detach(&sb, NULL);
}

/* The notice's audit JSON (heap, free()), read inside the transaction into n. */
static char *notice_json(struct store *s, const struct store_notice_json *json, int64_t id,
                         struct store_notice *n, struct arena *a, int *rc)
{
	*rc = store_notice_get(s, a, id, n);
	return *rc == KFQ_OK ? json_of(json, n) : NULL;
}

/* Puts the news of event in the inbox: to the addressed organization's users (or the
 * office's, for a reply), and when a notice is issued to the users of each organization
 * copied too. */
static int announce(struct store *s, const struct store_actor *who, struct arena *a,
                    const struct store_notice *n, enum remind_notice_event event, int64_t reply_id)
{
	struct remind_notice rn = {
	    .id = n->id,
	    .number = n->number,
	    .org_id = n->org_id,
	    .org_name = n->org_name,
	    .subject = n->subject,
	    .reply_due = n->reply_due,
	    .reply_id = reply_id,
	};
	struct inbox_item item;
	int rc;

	remind_notice_item(event, &rn, a, &item);
	rc = store_inbox_send(s, who, &item, NULL);
	for (int i = 0; event == REMIND_NOTICE_ISSUED && i < n->ncc && rc == KFQ_OK; i++) {
		rn.org_id = n->cc[i].org_id;
		remind_notice_item(REMIND_NOTICE_COPIED, &rn, a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	return rc;
}

/* Audits action on notice id, which n holds as it is now (NULL: gone, and then silent), and
 * announces event (NOTICE_SILENT: none). */
#define NOTICE_SILENT (-1)
static int audit_announce(struct store *s, struct arena *a, const struct store_notice *n,
                          const struct store_actor *who, const struct store_notice_json *json,
                          const char *action, int64_t id, const char *before, int event,
                          int64_t reply_id)
{
	char *after = n ? json_of(json, n) : NULL;
	int rc = store_audit_append_id(s, who, action, "notice", id, before, after);

	if (rc == KFQ_OK && event != NOTICE_SILENT)
		rc = announce(s, who, a, n, (enum remind_notice_event)event, reply_id);
	free(after);
	return rc;
}

/* The same, with notice id read now into *n from arena a (not read once it is gone). */
static int record(struct store *s, struct arena *a, struct store_notice *n,
                  const struct store_actor *who, const struct store_notice_json *json,
                  const char *action, int64_t id, const char *before, bool gone, int event,
                  int64_t reply_id)
{
	int rc;

	if (!gone && (rc = store_notice_get(s, a, id, n)) != KFQ_OK)
		return rc;
	return audit_announce(s, a, gone ? NULL : n, who, json, action, id, before, event,
	                      reply_id);
}

/* The copies and files of notice id, which has none (new, or a draft's just removed). */
static int add_children(struct store *s, int64_t id, int64_t org_id,
                        const struct store_notice_input *in)
{
	struct store_stmt *st;
	int rc;

	for (int i = 0; i < in->ncc; i++) {
		if ((rc = store_prepare(s, sql_cc_add, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, in->cc[i]);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return store_attachment_claim(s, "notice", id, org_id, in->attachments, in->nattachments);
}

/* A draft's fields, copies and files replaced by in's. */
static int write_fields(struct store *s, int64_t id, int64_t org_id,
                        const struct store_notice_input *in)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, in->org_id);
	store_bind_text(st, 3, in->entity_type);
	store_bind_int(st, 4, in->entity_id);
	store_bind_text(st, 5, in->entity_label);
	store_bind_id(st, 6, in->task_id);
	store_bind_text(st, 7, in->subject);
	store_bind_text(st, 8, in->body);
	store_bind_text(st, 9, in->reply_due);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, sql_cc_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != KFQ_OK ||
	    (rc = store_attachment_release(s, "notice", id)) != KFQ_OK)
		return rc;
	return add_children(s, id, org_id, in);
}

/* Numbers draft id and marks it issued, inside the transaction. */
static int number(struct store *s, const struct store_actor *who, int64_t id, const char *code,
                  int64_t t, const char *now)
{
	struct store_stmt *st;
	char head[NOTICE_NUMBER_MAX];
	int year = notice_year(plan_today(t));
	int rc;

	if ((rc = store_prepare(s, sql_issue, &st)) != KFQ_OK)
		return rc;
	notice_number_head(code, year, head);
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, year);
	store_bind_text(st, 3, head);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	return store_run(st);
}

/* One INSERT writes the whole row, numbered when it is issued at once, and its copies and
 * files follow: nothing rewrites what the INSERT wrote (DECISIONS 180). The INSERT takes the
 * number itself, and on PostgreSQL a notice without copies or files is read back by the
 * INSERT's own statement (DECISIONS 190). */
int store_notice_create(struct store *s, struct arena *a, const struct store_actor *who,
                        const struct store_notice_json *json, const struct store_notice_input *in,
                        const char *code, struct store_notice *out)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], head[NOTICE_NUMBER_MAX];
	int64_t t = time_now(), id = 0;
	bool sqlite = store_kind(s) == STORE_SQLITE;
	bool read_back = !sqlite && !in->ncc && !in->nattachments;
	int rc;

	time_format(t, now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	rc = store_prepare(s,
	                   sqlite      ? sql_insert_rowid
	                   : read_back ? sql_insert_read
	                               : sql_insert,
	                   &st);
	if (rc != KFQ_OK)
		goto done;
	store_bind_int(st, 1, in->org_id);
	store_bind_text(st, 2, in->entity_type);
	store_bind_int(st, 3, in->entity_id);
	store_bind_text(st, 4, in->entity_label);
	store_bind_id(st, 5, in->task_id);
	store_bind_text(st, 6, in->subject);
	store_bind_text(st, 7, in->body);
	store_bind_text(st, 8, in->reply_due);
	store_bind_text(st, 9, code ? "open" : "draft");
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
	for (int i = 12; !code && i <= 15; i++)
		store_bind_null(st, i);
	if (code) {
		int year = notice_year(plan_today(t));
		notice_number_head(code, year, head);
		store_bind_int(st, 12, year);
		store_bind_text(st, 13, head);
		store_bind_text(st, 14, now);
		store_bind_id(st, 15, who->user_id);
	}
	/* the answer is the notice the audit record is made from: nothing changes it before the
	 * COMMIT */
	if (read_back)
		rc = store_row(st, a, store_notice_read_counted, out);
	else if ((rc = sqlite ? store_run_rowid(st, &id) : store_run_id(st, &id)) == KFQ_OK &&
	         (rc = add_children(s, id, who->org_id, in)) == KFQ_OK)
		rc = read_new(s, a, id, in, out);
	if (rc == KFQ_OK)
		rc = audit_announce(s, a, out, who, json, "create", out->id, NULL,
		                    code ? REMIND_NOTICE_ISSUED : NOTICE_SILENT, 0);
done:
	return store_end(s, rc);
}

/* One move of the status machine on notice id, in its own write transaction: the notice as it
 * was (the audit's before and the machine's input), the step's change, the audit record and
 * the inbox. */
struct move {
	enum notice_action action;
	const char *audit; /* the audit action */
	int event;         /* enum remind_notice_event, or NOTICE_SILENT */
	bool gone;         /* the step deletes the notice */
	/* the change; next = the status the machine gives; *reply_id for a reply */
	int (*step)(struct store *s, const struct store_actor *who, int64_t id, const char *next,
	            const char *now, int64_t t, const void *arg, int64_t *reply_id);
	const void *arg;
};

static int run(struct store *s, struct arena *a, const struct store_actor *who,
               const struct store_notice_json *json, int64_t id, const struct move *m,
               struct store_notice_refusal *why)
{
	struct store_notice before, after;
	struct arena tmp;
	const char *next;
	char now[TIME_RFC3339_LEN], *bj = NULL;
	int64_t t = time_now(), reply_id = 0;
	int rc;

	arena_init(&tmp);
	memset(why, 0, sizeof(*why));
	time_format(t, now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if (!(bj = notice_json(s, json, id, &before, &tmp, &rc)))
		goto done;
	why->status = arena_strdup(a, before.status);
	why->received = before.received_at != NULL;
	if (!(next = notice_next_status(before.status, why->received, m->action))) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = m->step(s, who, id, next, now, t, m->arg, &reply_id)) == KFQ_OK)
		rc = record(s, &tmp, &after, who, json, m->audit, id, bj, m->gone, m->event,
		            reply_id);
done:
	rc = store_end(s, rc);
cleanup:
	free(bj);
	arena_release(&tmp);
	return rc;
}

static int step_edit(struct store *s, const struct store_actor *who, int64_t id, const char *next,
                     const char *now, int64_t t, const void *arg, int64_t *reply_id)
{
	(void)next, (void)now, (void)t, (void)reply_id;
	return write_fields(s, id, who->org_id, arg);
}

int store_notice_edit(struct store *s, struct arena *a, const struct store_actor *who,
                      const struct store_notice_json *json, int64_t id,
                      const struct store_notice_input *in, struct store_notice_refusal *why)
{
	struct move m = {NOTICE_EDIT, "update", NOTICE_SILENT, false, step_edit, in};

	return run(s, a, who, json, id, &m, why);
}

static int step_discard(struct store *s, const struct store_actor *who, int64_t id,
                        const char *next, const char *now, int64_t t, const void *arg,
                        int64_t *reply_id)
{
	struct store_stmt *st;
	int rc;

	(void)who, (void)next, (void)now, (void)t, (void)arg, (void)reply_id;
	if ((rc = store_attachment_release(s, "notice", id)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_cc_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, sql_delete, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run(st);
}

int store_notice_discard(struct store *s, struct arena *a, const struct store_actor *who,
                         const struct store_notice_json *json, int64_t id,
                         struct store_notice_refusal *why)
{
	struct move m = {NOTICE_EDIT, "delete", NOTICE_SILENT, true, step_discard, NULL};

	return run(s, a, who, json, id, &m, why);
}

static int step_issue(struct store *s, const struct store_actor *who, int64_t id, const char *next,
                      const char *now, int64_t t, const void *arg, int64_t *reply_id)
{
	(void)next, (void)reply_id;
	return number(s, who, id, arg, t, now);
}

int store_notice_issue(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *code,
                       struct store_notice_refusal *why)
{
	struct move m = {NOTICE_ISSUE, "issue", REMIND_NOTICE_ISSUED, false, step_issue, code};

	return run(s, a, who, json, id, &m, why);
}

/* Runs sql with ?1 id, ?2 the next status, ?3 the time, ?4 the user: receipt and replies. */
static int set_status(struct store *s, const char *sql, int64_t id, const char *next,
                      const char *now, const struct store_actor *who)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, next);
	store_bind_text(st, 3, now);
	store_bind_id(st, 4, who->user_id);
	return store_run(st);
}

static int step_receive(struct store *s, const struct store_actor *who, int64_t id,
                        const char *next, const char *now, int64_t t, const void *arg,
                        int64_t *reply_id)
{
	(void)t, (void)arg, (void)reply_id;
	return set_status(s, sql_receive, id, next, now, who);
}

int store_notice_receive(struct store *s, struct arena *a, const struct store_actor *who,
                         const struct store_notice_json *json, int64_t id,
                         struct store_notice_refusal *why)
{
	struct move m = {NOTICE_RECEIVE, "receive", NOTICE_SILENT, false, step_receive, NULL};

	return run(s, a, who, json, id, &m, why);
}

struct reply_arg {
	const char *body;
	const int64_t *attachments;
	int n;
};

static int step_reply(struct store *s, const struct store_actor *who, int64_t id, const char *next,
                      const char *now, int64_t t, const void *arg, int64_t *reply_id)
{
	const struct reply_arg *r = arg;
	struct store_stmt *st;
	int rc;

	(void)t;
	if ((rc = store_prepare(s, sql_reply_add, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, r->body);
	store_bind_text(st, 3, now);
	store_bind_id(st, 4, who->user_id);
	if ((rc = store_run_id(st, reply_id)) != KFQ_OK ||
	    (rc = store_attachment_claim(s, "notice_reply", *reply_id, who->org_id, r->attachments,
	                                 r->n)) != KFQ_OK)
		return rc;
	return set_status(s, sql_replied, id, next, now, who);
}

int store_notice_reply(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *body,
                       const int64_t *attachments, int nattachments,
                       struct store_notice_refusal *why)
{
	struct reply_arg r = {body, attachments, nattachments};
	struct move m = {NOTICE_REPLY, "reply", REMIND_NOTICE_REPLIED, false, step_reply, &r};

	return run(s, a, who, json, id, &m, why);
}

struct end_arg {
	const char *sql;
	const char *comment;
};

static int step_end(struct store *s, const struct store_actor *who, int64_t id, const char *next,
                    const char *now, int64_t t, const void *arg, int64_t *reply_id)
{
	const struct end_arg *e = arg;
	struct store_stmt *st;
	int rc;

	(void)t, (void)reply_id;
	if ((rc = store_prepare(s, e->sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, next);
	store_bind_text(st, 3, e->comment);
	store_bind_text(st, 4, now);
	store_bind_id(st, 5, who->user_id);
	return store_run(st);
}

int store_notice_close(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct store_notice_json *json, int64_t id, const char *comment,
                       struct store_notice_refusal *why)
{
	struct end_arg e = {sql_close, comment};
	struct move m = {NOTICE_CLOSE, "close", REMIND_NOTICE_CLOSED, false, step_end, &e};

	return run(s, a, who, json, id, &m, why);
}

int store_notice_escalate(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_notice_json *json, int64_t id, const char *comment,
                          struct store_notice_refusal *why)
{
	struct end_arg e = {sql_escalate, comment};
	struct move m = {NOTICE_ESCALATE, "escalate", REMIND_NOTICE_ESCALATED, false, step_end, &e};

	return run(s, a, who, json, id, &m, why);
}
