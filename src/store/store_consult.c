/* store_consult.c - consultations and their articles in SQL (store_consult.h): create, read,
 * list per combination of filters, and the office's actions, each audited in its transaction.
 * Must not decide states or who may act: core/consult.h and api/ do. */
#include "store/store_consult.h"
#include "store/store_consult_impl.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONSULT_COLS                                                                               \
	"c.id, c.policy_id, c.title, c.issuer, c.notice_text, c.contact_email, c.contact_phone, "  \
	"c.window_start, c.window_end, c.released_at, c.summary, c.report_published_at, "          \
	"c.created_at, c.created_by, (SELECT COUNT(*) FROM consultation_comment k WHERE "          \
	"k.consultation_id = c.id)"
static const char sql_get[] = "SELECT " CONSULT_COLS " FROM consultation c WHERE c.id = ?1";
static const char sql_count[] = "SELECT COUNT(*) FROM consultation c";
static const char sql_list[] = "SELECT " CONSULT_COLS " FROM consultation c";
static const char sql_insert[] =
    "INSERT INTO consultation (policy_id, title, issuer, notice_text, contact_email, "
    "contact_phone, window_start, window_end, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
static const char sql_insert_article[] =
    "INSERT INTO consultation_article (consultation_id, seq, number, part_heading, "
    "group_heading, short_title, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_articles[] =
    "SELECT id, seq, number, part_heading, group_heading, short_title, body "
    "FROM consultation_article WHERE consultation_id = ?1 ORDER BY seq";
static const char sql_update[] =
    "UPDATE consultation SET title = ?2, issuer = ?3, contact_email = ?4, contact_phone = ?5, "
    "window_start = ?6, window_end = ?7 WHERE id = ?1 AND released_at IS NULL RETURNING id";
static const char sql_release[] = "UPDATE consultation SET released_at = ?2, released_by = ?3 "
                                  "WHERE id = ?1 AND released_at IS NULL RETURNING id";
static const char sql_window[] =
    "UPDATE consultation SET window_start = ?2, window_end = ?3 WHERE id = ?1 AND "
    "released_at IS NOT NULL AND report_published_at IS NULL RETURNING id";
static const char sql_window_change[] =
    "INSERT INTO consultation_window_change (consultation_id, old_start, old_end, new_start, "
    "new_end, reason, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_summary[] =
    "UPDATE consultation SET summary = ?2 WHERE id = ?1 AND report_published_at IS NULL "
    "RETURNING id";
/* published once released, after the window, with every point decided (consult_publishable) */
static const char sql_publish[] =
    "UPDATE consultation SET summary = ?2, report_published_at = ?3, report_published_by = ?4 "
    "WHERE id = ?1 AND report_published_at IS NULL AND released_at IS NOT NULL AND "
    "window_end <= ?5 AND NOT EXISTS (SELECT 1 FROM comment_point p JOIN consultation_comment m "
    "ON m.id = p.comment_id WHERE m.consultation_id = ?1 AND p.disposition IS NULL) RETURNING id";
static const char sql_publish_comments[] =
    "UPDATE consultation_comment SET published = 1 WHERE consultation_id = ?1";

static int64_t col_time(struct store_stmt *st, int i)
{
	int64_t t = 0;
	const char *v = store_col_text(st, i);

	return v && time_parse(v, &t) == 0 ? t : 0;
}

/* element: a struct store_consultation */
static void read_consult(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consultation *c = element;

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->policy_id = store_col_int(st, 1);
	c->title = store_col_dup(st, 2, a);
	c->issuer = store_col_dup(st, 3, a);
	c->notice_text = store_col_dup(st, 4, a);
	c->contact_email = store_col_dup(st, 5, a);
	c->contact_phone = store_col_dup(st, 6, a);
	c->window_start = col_time(st, 7);
	c->window_end = col_time(st, 8);
	c->released_at = store_col_dup(st, 9, a);
	c->summary = store_col_dup(st, 10, a);
	c->report_published_at = store_col_dup(st, 11, a);
	c->created_at = store_col_dup(st, 12, a);
	c->created_by = store_col_int(st, 13);
	c->n_comments = store_col_int(st, 14);
}

int store_consult_get(struct store *s, struct arena *a, int64_t id, struct store_consultation *c)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_consult, c);
}

/* element: a struct store_consult_article */
static void read_article(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consult_article *r = element;

	r->id = store_col_int(st, 0);
	r->seq = (int)store_col_int(st, 1);
	r->number = (int)store_col_int(st, 2);
	r->part_heading = store_col_dup(st, 3, a);
	r->group_heading = store_col_dup(st, 4, a);
	r->short_title = store_col_dup(st, 5, a);
	r->body = store_col_dup(st, 6, a);
}

int store_consult_articles(struct store *s, struct arena *a, int64_t id,
                           struct store_consult_article **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_articles, id, sizeof(**out), read_article, &arr, n);

	*out = arr;
	return rc;
}

/* A list's filter with what its predicates borrow until the statement is prepared. */
struct consult_query {
	const struct store_consult_filter *f;
	const char *like;           /* the title's LIKE pattern */
	char now[TIME_RFC3339_LEN]; /* the clock the states are computed at */
};

/* the predicates of the filters given; the states as the window and the clock make them */
static void consult_filter(struct store_sql *q, const void *arg)
{
	const struct consult_query *cq = arg;
	const char *state = cq->f->state;

	store_sql_add(q, " WHERE 1 = 1");
	if (cq->f->released)
		store_sql_add(q, " AND c.released_at IS NOT NULL");
	if (cq->like)
		store_sql_text(q, " AND c.title LIKE ? ESCAPE '\\'", cq->like);
	if (!state)
		return;
	if (!strcmp(state, "draft"))
		store_sql_add(q, " AND c.released_at IS NULL");
	else if (!strcmp(state, "published"))
		store_sql_add(q, " AND c.report_published_at IS NOT NULL");
	else {
		store_sql_add(q,
		              " AND c.released_at IS NOT NULL AND c.report_published_at IS NULL");
		/* RFC 3339 UTC texts of one length compare as their times do */
		if (!strcmp(state, "upcoming"))
			store_sql_text(q, " AND c.window_start > ?", cq->now);
		else if (!strcmp(state, "open")) {
			int p = store_sql_param_text(q, cq->now);
			char frag[96];
			snprintf(frag, sizeof(frag),
			         " AND c.window_start <= ?%d AND c.window_end > ?%d", p, p);
			store_sql_add(q, frag);
		} else
			store_sql_text(q, " AND c.window_end <= ?", cq->now);
	}
}

int store_consult_list(struct store *s, struct arena *a, const struct store_consult_filter *f,
                       struct store_consultation **out, int *n, int64_t *total)
{
	struct consult_query cq = {f, store_like_contains(a, f->q), {0}};
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = &cq,
	    .read = read_consult,
	    .elem_size = sizeof(**out),
	    .filter = consult_filter,
	    .order = " ORDER BY c.id DESC",
	};
	void *arr;
	int rc;

	time_format(f->now, cq.now);
	rc = store_list_page(s, a, &l, &arr, n, total);
	*out = arr;
	return rc;
}

/* ---- writing ---- */

/* element writer for the audit record (store_entity_writer) */
static int write_consult(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_consult_json *j = json;
	struct store_consultation c;
	int rc = store_consult_get(s, a, id, &c);

	if (rc == KFQ_OK)
		j->consultation(w, &c);
	return rc;
}

static void bind_window(struct store_stmt *st, int i, int64_t start, int64_t end)
{
	char a[TIME_RFC3339_LEN], b[TIME_RFC3339_LEN];

	time_format(start, a);
	time_format(end, b);
	store_bind_text(st, i, a);
	store_bind_text(st, i + 1, b);
}

static int insert_articles(struct store *s, int64_t id, const struct store_consult_article *arts,
                           int n)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_insert_article, &st);

	for (int i = 0; rc == KFQ_OK && i < n; i++) {
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, i + 1);
		store_bind_int(st, 3, arts[i].number);
		store_bind_text(st, 4, arts[i].part_heading);
		store_bind_text(st, 5, arts[i].group_heading);
		store_bind_text(st, 6, arts[i].short_title);
		store_bind_text(st, 7, arts[i].body);
		rc = store_run(st);
	}
	return rc;
}

int store_consult_create(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, struct store_consultation *c,
                         const struct store_consult_article *arts, int n_arts)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int64_t id = 0;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, c->policy_id);
	store_bind_text(st, 2, c->title);
	store_bind_text(st, 3, c->issuer);
	store_bind_text(st, 4, c->notice_text);
	store_bind_text(st, 5, c->contact_email);
	store_bind_text(st, 6, c->contact_phone);
	bind_window(st, 7, c->window_start, c->window_end);
	store_bind_text(st, 9, now);
	store_bind_id(st, 10, who->user_id);
	if ((rc = store_run_id(st, &id)) != KFQ_OK || (rc = insert_articles(s, id, arts, n_arts)))
		goto done;
	rc = store_audit_entity(s, who, "create", "consultation", id, NULL, write_consult, json);
done:
	if ((rc = store_end(s, rc)) == KFQ_OK)
		c->id = id;
	return rc;
}

/* Runs a bound UPDATE … RETURNING id of consultation id inside its change: KFQ_ESTATE when
 * it changed no row (its condition on the state did not hold). */
static int run_change(struct store_stmt *st)
{
	int rc = store_run_id(st, NULL);

	return rc == KFQ_ENOTFOUND ? KFQ_ESTATE : rc;
}

int store_consult_begin(struct store *s, store_entity_writer writer, const void *json, int64_t id,
                        const char *sql, char **before, struct store_stmt **st)
{
	int rc = store_begin_change(s, id, writer, json, before);

	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql, st)) != KFQ_OK) {
		store_rollback(s);
		free(*before);
		*before = NULL;
		return rc;
	}
	store_bind_int(*st, 1, id);
	return KFQ_OK;
}

int store_consult_finish(struct store *s, const struct store_actor *who, const char *entity_type,
                         store_entity_writer writer, const void *json, int64_t id,
                         const char *action, char *before, int rc)
{
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, action, entity_type, id, before, writer, json);
	free(before);
	return store_end(s, rc);
}

static int begin(struct store *s, const struct store_consult_json *json, int64_t id,
                 const char *sql, char **before, struct store_stmt **st)
{
	return store_consult_begin(s, write_consult, json, id, sql, before, st);
}

static int finish(struct store *s, const struct store_actor *who,
                  const struct store_consult_json *json, int64_t id, const char *action,
                  char *before, int rc)
{
	return store_consult_finish(s, who, "consultation", write_consult, json, id, action, before,
	                            rc);
}

int store_consult_update(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, const struct store_consultation *c)
{
	struct store_stmt *st;
	char *before;
	int rc = begin(s, json, c->id, sql_update, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_text(st, 2, c->title);
	store_bind_text(st, 3, c->issuer);
	store_bind_text(st, 4, c->contact_email);
	store_bind_text(st, 5, c->contact_phone);
	bind_window(st, 6, c->window_start, c->window_end);
	return finish(s, who, json, c->id, "update", before, run_change(st));
}

int store_consult_release(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc = begin(s, json, id, sql_release, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	time_format(time_now(), now);
	store_bind_text(st, 2, now);
	store_bind_id(st, 3, who->user_id);
	return finish(s, who, json, id, "release", before, run_change(st));
}

static const char sql_last_web[] = "SELECT MAX(received_at) FROM consultation_comment WHERE "
                                   "consultation_id = ?1 AND channel = 'web'";

int store_consult_last_web(struct store *s, struct arena *a, int64_t id, const char **at)
{
	struct store_stmt *st;
	int rc;

	*at = NULL;
	if ((rc = store_prepare(s, sql_last_web, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_ROW)
		*at = store_col_dup(st, 0, a);
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_consult_window(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, int64_t id, int64_t start,
                         int64_t end, const char *reason)
{
	struct store_stmt *st, *log;
	struct store_consultation old;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before;
	int rc = begin(s, json, id, sql_window, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	arena_init(&a);
	time_format(time_now(), now);
	bind_window(st, 2, start, end);
	if ((rc = store_consult_get(s, &a, id, &old)) != KFQ_OK ||
	    (rc = run_change(st)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_window_change, &log)) != KFQ_OK)
		goto done;
	store_bind_int(log, 1, id);
	bind_window(log, 2, old.window_start, old.window_end);
	bind_window(log, 4, start, end);
	store_bind_text(log, 6, reason);
	store_bind_text(log, 7, now);
	store_bind_id(log, 8, who->user_id);
	rc = store_run(log);
done:
	arena_release(&a);
	return finish(s, who, json, id, "window", before, rc);
}

int store_consult_report(struct store *s, const struct store_actor *who,
                         const struct store_consult_json *json, int64_t id, const char *summary,
                         bool publish, int64_t window_now)
{
	struct store_stmt *st, *pc;
	char now[TIME_RFC3339_LEN], wnow[TIME_RFC3339_LEN], *before;
	int rc = begin(s, json, id, publish ? sql_publish : sql_summary, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_text(st, 2, summary);
	if (publish) {
		time_format(time_now(), now);
		store_bind_text(st, 3, now);
		store_bind_id(st, 4, who->user_id);
		time_format(window_now, wnow);
		store_bind_text(st, 5, wnow);
	}
	if ((rc = run_change(st)) == KFQ_OK && publish &&
	    (rc = store_prepare(s, sql_publish_comments, &pc)) == KFQ_OK) {
		store_bind_int(pc, 1, id);
		rc = store_run(pc);
	}
	return finish(s, who, json, id, publish ? "publish_report" : "report_summary", before, rc);
}
