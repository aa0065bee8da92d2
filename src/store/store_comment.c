/* store_comment.c - comments on consultations and the points they are split into, in SQL
 * (store_consult.h): taking a comment (with the use of its proof-of-work challenge and the
 * duplicate check in the same transaction), lists per combination of filters, splitting,
 * dispositions and publishing, each audited as the comment's change. Also the proof of work's
 * shared key and used challenges. Must not decide anything: core/consult.h and api/ do. */
#include "store/store_consult.h"
#include "store/store_consult_impl.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define COMMENT_COLS                                                                               \
	"k.id, k.consultation_id, k.article_id, a.number, k.channel, k.name, k.contact, k.body, "  \
	"k.received_at, k.client_addr, k.message_id, k.published, k.created_at, k.created_by"
#define COMMENT_FROM                                                                               \
	" FROM consultation_comment k LEFT JOIN consultation_article a ON a.id = k.article_id"
static const char sql_get[] = "SELECT " COMMENT_COLS COMMENT_FROM " WHERE k.id = ?1";
static const char sql_count[] = "SELECT COUNT(*) FROM consultation_comment k";
static const char sql_list[] = "SELECT " COMMENT_COLS COMMENT_FROM;
/* each comment once per point, or once without one (the report's export) */
static const char sql_handled[] =
    "SELECT " COMMENT_COLS ", h.seq, h.disposition, h.reason" COMMENT_FROM
    " LEFT JOIN comment_point h ON h.comment_id = k.id";
#define POINT_COLS                                                                                 \
	"p.id, p.comment_id, p.seq, p.body, p.article_id, a.number, p.disposition, p.reason, "     \
	"p.decided_at, p.decided_by, u.display_name FROM comment_point p "                         \
	"LEFT JOIN consultation_article a ON a.id = p.article_id "                                 \
	"LEFT JOIN app_user u ON u.id = p.decided_by"
static const char sql_points[] = "SELECT " POINT_COLS " WHERE p.comment_id = ?1 ORDER BY p.seq";
static const char sql_all_points[] =
    "SELECT " POINT_COLS " JOIN consultation_comment k ON k.id = p.comment_id "
    "WHERE k.consultation_id = ?1 ORDER BY p.comment_id, p.seq";
static const char sql_points_between[] =
    "SELECT " POINT_COLS " JOIN consultation_comment k ON k.id = p.comment_id "
    "WHERE k.consultation_id = ?1 AND p.comment_id BETWEEN ?2 AND ?3 "
    "ORDER BY p.comment_id, p.seq";
static const char sql_disposed[] =
    "SELECT p.id, p.comment_id, p.seq, COALESCE(p.body, k.body), p.article_id, a.number, "
    "p.disposition, p.reason, p.decided_at, p.decided_by, u.display_name FROM comment_point p "
    "JOIN consultation_comment k ON k.id = p.comment_id "
    "JOIN consultation_article a ON a.id = p.article_id "
    "LEFT JOIN app_user u ON u.id = p.decided_by "
    "WHERE k.consultation_id = ?1 AND p.disposition IS NOT NULL ORDER BY p.comment_id, p.seq";
static const char sql_insert[] =
    "INSERT INTO consultation_comment (consultation_id, article_id, channel, name, contact, "
    "body, body_sha256, received_at, client_addr, message_id, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id";
static const char sql_dup[] =
    "SELECT id FROM consultation_comment WHERE consultation_id = ?1 AND body_sha256 = ?2 "
    "AND COALESCE(article_id, 0) = ?3 AND body = ?4";
static const char sql_by_message[] =
    "SELECT id FROM consultation_comment WHERE consultation_id = ?1 AND message_id = ?2";
static const char sql_insert_point[] =
    "INSERT INTO comment_point (comment_id, seq, body, article_id) VALUES (?1, ?2, ?3, ?4)";
static const char sql_delete_points[] = "DELETE FROM comment_point WHERE comment_id = ?1";
static const char sql_dispose[] =
    "UPDATE comment_point SET disposition = ?3, reason = ?4, decided_at = ?5, decided_by = ?6 "
    "WHERE comment_id = ?1 AND id = ?2 RETURNING id";
static const char sql_link[] = "UPDATE consultation_comment SET article_id = ?2 WHERE id = ?1";
static const char sql_link_points[] =
    "UPDATE comment_point SET article_id = ?2 WHERE comment_id = ?1 AND body IS NULL";
static const char sql_publish[] = "UPDATE consultation_comment SET published = ?2 WHERE id = ?1";
/* a published adoption report states its counts: the comments they count stay as they were
 * (DECISIONS 297); ?1 the consultation, or the comment for sql_comment_open */
static const char sql_report_open[] =
    "SELECT id FROM consultation WHERE id = ?1 AND report_published_at IS NULL";
static const char sql_comment_open[] =
    "SELECT k.id FROM consultation_comment k JOIN consultation c ON c.id = k.consultation_id "
    "WHERE k.id = ?1 AND c.report_published_at IS NULL";
static const char sql_pow_use[] = "INSERT INTO pow_used (challenge_id, expires) VALUES (?1, ?2) "
                                  "ON CONFLICT (challenge_id) DO NOTHING RETURNING 1";
static const char sql_pow_prune[] = "DELETE FROM pow_used WHERE expires < ?1";
static const char sql_key_get[] = "SELECT value FROM server_secret WHERE name = 'pow_key'";
static const char sql_key_put[] =
    "INSERT INTO server_secret (name, value) VALUES ('pow_key', ?1) ON CONFLICT (name) DO NOTHING";

/* ---- reading ---- */

/* element: a struct store_comment */
static void read_comment(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_comment *c = element;

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->consultation_id = store_col_int(st, 1);
	c->article_id = store_col_int(st, 2);
	c->article_number = (int)store_col_int(st, 3);
	c->channel = store_col_dup(st, 4, a);
	c->name = store_col_dup(st, 5, a);
	c->contact = store_col_dup(st, 6, a);
	c->body = store_col_dup(st, 7, a);
	c->received_at = store_col_dup(st, 8, a);
	c->client_addr = store_col_dup(st, 9, a);
	c->message_id = store_col_dup(st, 10, a);
	c->published = store_col_int(st, 11) != 0;
	c->created_at = store_col_dup(st, 12, a);
	c->created_by = store_col_int(st, 13);
}

/* element: a struct store_comment_point */
static void read_point(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_comment_point *p = element;

	p->id = store_col_int(st, 0);
	p->comment_id = store_col_int(st, 1);
	p->seq = (int)store_col_int(st, 2);
	p->body = store_col_dup(st, 3, a);
	p->article_id = store_col_int(st, 4);
	p->article_number = (int)store_col_int(st, 5);
	p->disposition = store_col_dup(st, 6, a);
	p->reason = store_col_dup(st, 7, a);
	p->decided_at = store_col_dup(st, 8, a);
	p->decided_by = store_col_int(st, 9);
	p->decided_by_name = store_col_dup(st, 10, a);
}

int store_comment_get(struct store *s, struct arena *a, int64_t id, struct store_comment *c)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_comment, c)) != KFQ_OK)
		return rc;
	rc =
	    store_collect(s, a, sql_points, id, sizeof(*c->points), read_point, &arr, &c->n_points);
	c->points = arr;
	if (rc == KFQ_OK && c->message_id)
		rc = store_comment_files_get(s, a, id, &c->files, &c->n_files);
	return rc;
}

int store_comment_points(struct store *s, struct arena *a, int64_t consultation_id,
                         struct store_comment_point **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_all_points, consultation_id, sizeof(**out), read_point,
	                       &arr, n);

	*out = arr;
	return rc;
}

int store_comment_disposed(struct store *s, struct arena *a, int64_t consultation_id,
                           struct store_comment_point **out, int *n)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_disposed, consultation_id, sizeof(**out), read_point, &arr, n);

	*out = arr;
	return rc;
}

int store_comment_points_between(struct store *s, struct arena *a, int64_t consultation_id,
                                 int64_t lo, int64_t hi, struct store_comment_point **out, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_points_between, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, consultation_id);
	store_bind_int(st, 2, lo);
	store_bind_int(st, 3, hi);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_point(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static void comment_filter(struct store_sql *q, const void *arg)
{
	const struct store_comment_filter *f = arg;

	store_sql_int(q, " WHERE k.consultation_id = ?", f->consultation_id);
	if (f->article_id > 0)
		store_sql_int(q, " AND k.article_id = ?", f->article_id);
	else if (f->article_id < 0)
		store_sql_add(q, " AND k.article_id IS NULL");
	if (f->channel)
		store_sql_text(q, " AND k.channel = ?", f->channel);
	if (f->published_only)
		store_sql_add(q, " AND k.published = 1");
	if (f->disposition && !strcmp(f->disposition, "undecided"))
		store_sql_add(q, " AND EXISTS (SELECT 1 FROM comment_point p WHERE p.comment_id = "
		                 "k.id AND p.disposition IS NULL)");
	else if (f->disposition)
		store_sql_text(q,
		               " AND EXISTS (SELECT 1 FROM comment_point p WHERE p.comment_id = "
		               "k.id AND p.disposition = ?)",
		               f->disposition);
}

int store_comment_list(struct store *s, struct arena *a, const struct store_comment_filter *f,
                       struct store_comment **out, int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = f,
	    .read = read_comment,
	    .elem_size = sizeof(**out),
	    .filter = comment_filter,
	    .order = " ORDER BY k.id",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

/* element: a struct store_comment_handled of sql_handled */
static void read_handled(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_comment_handled *x = element;

	read_comment(st, a, &x->comment);
	memset(&x->point, 0, sizeof(x->point));
	x->has_point = !store_col_null(st, 14);
	x->point.comment_id = x->comment.id;
	x->point.seq = (int)store_col_int(st, 14);
	x->point.disposition = store_col_dup(st, 15, a);
	x->point.reason = store_col_dup(st, 16, a);
}

int store_comment_each(struct store *s, const struct store_comment_filter *f, store_each_fn fn,
                       void *ctx)
{
	struct store_list l = {
	    .list_sql = sql_handled,
	    .arg = f,
	    .read = read_handled,
	    .elem_size = sizeof(struct store_comment_handled),
	    .filter = comment_filter,
	    .order = " ORDER BY k.id, h.seq",
	};

	return store_list_each(s, &l, fn, ctx);
}

/* ---- the report's counts ---- */

static const char sql_by_channel[] =
    "SELECT channel, 0, 0, COUNT(*) FROM consultation_comment WHERE consultation_id = ?1 "
    "GROUP BY channel ORDER BY channel";
static const char sql_by_article[] =
    "SELECT NULL, COALESCE(p.article_id, 0), COALESCE(MAX(a.number), 0), COUNT(*) "
    "FROM comment_point p JOIN consultation_comment k ON k.id = p.comment_id "
    "LEFT JOIN consultation_article a ON a.id = p.article_id WHERE k.consultation_id = ?1 "
    "GROUP BY COALESCE(p.article_id, 0) ORDER BY COALESCE(p.article_id, 0)";
static const char sql_by_disposition[] =
    "SELECT p.disposition, 0, 0, COUNT(*) FROM comment_point p JOIN consultation_comment k "
    "ON k.id = p.comment_id WHERE k.consultation_id = ?1 GROUP BY p.disposition "
    "ORDER BY p.disposition";

/* element: a struct store_consult_count */
static void read_count(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consult_count *c = element;

	c->code = store_col_dup(st, 0, a);
	c->article_id = store_col_int(st, 1);
	c->article_number = (int)store_col_int(st, 2);
	c->n = store_col_int(st, 3);
}

static int count_by(struct store *s, struct arena *a, const char *sql, int64_t id,
                    struct store_consult_count **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql, id, sizeof(**out), read_count, &arr, n);

	*out = arr;
	return rc;
}

int store_consult_counts(struct store *s, struct arena *a, int64_t id,
                         struct store_consult_counts *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = count_by(s, a, sql_by_channel, id, &out->by_channel, &out->n_channel)) ==
	        KFQ_OK &&
	    (rc = count_by(s, a, sql_by_article, id, &out->by_article, &out->n_article)) == KFQ_OK)
		rc = count_by(s, a, sql_by_disposition, id, &out->by_disposition,
		              &out->n_disposition);
	store_rollback(s);
	return rc;
}

/* ---- writing ---- */

/* store_entity_writer of a comment with its points */
static int write_comment(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_consult_json *j = json;
	struct store_comment c;
	int rc = store_comment_get(s, a, id, &c);

	if (rc == KFQ_OK)
		j->comment(w, &c);
	return rc;
}

static int insert_point(struct store *s, int64_t id, int seq, const char *body, int64_t article)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_insert_point, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, seq);
	store_bind_text(st, 3, body);
	store_bind_id(st, 4, article);
	return store_run(st);
}

/* KFQ_OK when the query with ?1 = consultation and ?2 finds no row; KFQ_ECONFLICT (*found the
 * row's id) when it does. */
static int absent(struct store_stmt *st, int64_t *found)
{
	int rc = store_run_id(st, found);

	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc == KFQ_OK ? KFQ_ECONFLICT : rc;
}

/* KFQ_OK while the report of the consultation (sql_report_open) or of the comment
 * (sql_comment_open) id is not published, else KFQ_ESTATE. */
static int report_open(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	rc = store_run_id(st, NULL);
	return rc == KFQ_ENOTFOUND ? KFQ_ESTATE : rc;
}

/* The checks before a comment is taken, inside its transaction. */
static int admissible(struct store *s, const struct store_comment_new *in, const char *sha,
                      int64_t *found, enum store_comment_refusal *why)
{
	struct store_stmt *st;
	int rc;

	if ((rc = report_open(s, sql_report_open, in->consultation_id)) != KFQ_OK)
		return rc;
	if (in->pow_id) {
		if ((rc = store_prepare(s, sql_pow_use, &st)) != KFQ_OK)
			return rc;
		store_bind_text(st, 1, in->pow_id);
		store_bind_int(st, 2, in->pow_expires);
		rc = store_run_id(st, NULL);
		if (rc == KFQ_ENOTFOUND)
			*why = STORE_COMMENT_POW_USED;
		if (rc != KFQ_OK)
			return rc == KFQ_ENOTFOUND ? KFQ_ECONFLICT : rc;
	}
	if (in->message_id) {
		if ((rc = store_prepare(s, sql_by_message, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, in->consultation_id);
		store_bind_text(st, 2, in->message_id);
		if ((rc = absent(st, found)) != KFQ_OK) {
			*why = STORE_COMMENT_MESSAGE_SEEN;
			return rc;
		}
	}
	if (in->refuse_duplicate) {
		if ((rc = store_prepare(s, sql_dup, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, in->consultation_id);
		store_bind_text(st, 2, sha);
		store_bind_int(st, 3, in->article_id);
		store_bind_text(st, 4, in->body);
		if ((rc = absent(st, found)) != KFQ_OK) {
			*why = STORE_COMMENT_DUPLICATE;
			return rc;
		}
	}
	return KFQ_OK;
}

int store_comment_add(struct store *s, const struct store_actor *who,
                      const struct store_consult_json *json, const struct store_comment_new *in,
                      int64_t *id, enum store_comment_refusal *why)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char sha[2 * crypto_hash_sha256_BYTES + 1], now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	int64_t found = 0;
	int rc;

	*id = 0;
	*why = STORE_COMMENT_TAKEN;
	crypto_hash_sha256(h, (const unsigned char *)in->body, strlen(in->body));
	sodium_bin2hex(sha, sizeof(sha), h, sizeof(h));
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = admissible(s, in, sha, &found, why)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, in->consultation_id);
	store_bind_id(st, 2, in->article_id);
	store_bind_text(st, 3, in->channel);
	store_bind_text(st, 4, in->name);
	store_bind_text(st, 5, in->contact);
	store_bind_text(st, 6, in->body);
	store_bind_text(st, 7, sha);
	store_bind_text(st, 8, in->received_at ? in->received_at : now);
	store_bind_text(st, 9, in->client_addr);
	store_bind_text(st, 10, in->message_id);
	store_bind_text(st, 11, now);
	store_bind_id(st, 12, who->user_id);
	if ((rc = store_run_id(st, id)) != KFQ_OK ||
	    (rc = insert_point(s, *id, 1, NULL, in->article_id)) != KFQ_OK ||
	    (rc = store_comment_files_insert(s, who, *id, in->org_id, in->files, in->n_files)) !=
	        KFQ_OK)
		goto done;
	rc = store_audit_entity(s, who, "create", "comment", *id, NULL, write_comment, json);
done:
	if ((rc = store_end(s, rc)) != KFQ_OK)
		*id = *why == STORE_COMMENT_MESSAGE_SEEN ? found : 0;
	return rc;
}

/* A change of comment id: begun (store_consult_begin) while its report is not published. */
static int begin(struct store *s, const struct store_consult_json *json, int64_t id,
                 const char *sql, char **before, struct store_stmt **st)
{
	int rc = store_consult_begin(s, write_comment, json, id, sql, before, st);

	if (rc == KFQ_OK && (rc = report_open(s, sql_comment_open, id)) != KFQ_OK) {
		store_rollback(s);
		free(*before);
		*before = NULL;
	}
	return rc;
}

static int finish(struct store *s, const struct store_actor *who,
                  const struct store_consult_json *json, int64_t id, const char *action,
                  char *before, int rc)
{
	return store_consult_finish(s, who, "comment", write_comment, json, id, action, before, rc);
}

int store_comment_split(struct store *s, const struct store_actor *who,
                        const struct store_consult_json *json, int64_t id,
                        const struct store_point_new *points, int n)
{
	struct store_stmt *st;
	char *before;
	int rc = begin(s, json, id, sql_delete_points, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	rc = store_run(st);
	for (int i = 0; rc == KFQ_OK && i < n; i++)
		rc = insert_point(s, id, i + 1, points[i].body, points[i].article_id);
	return finish(s, who, json, id, "split", before, rc);
}

int store_comment_dispose(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id, int64_t point_id,
                          const char *disposition, const char *reason)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc = begin(s, json, id, sql_dispose, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	time_format(time_now(), now);
	store_bind_int(st, 2, point_id);
	store_bind_text(st, 3, disposition);
	store_bind_text(st, 4, reason);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	return finish(s, who, json, id, "dispose", before, store_run_id(st, NULL));
}

int store_comment_link(struct store *s, const struct store_actor *who,
                       const struct store_consult_json *json, int64_t id, int64_t article_id)
{
	struct store_stmt *st;
	char *before;
	int rc = begin(s, json, id, sql_link, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_id(st, 2, article_id);
	if ((rc = store_run(st)) == KFQ_OK &&
	    (rc = store_prepare(s, sql_link_points, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_id(st, 2, article_id);
		rc = store_run(st);
	}
	return finish(s, who, json, id, "link", before, rc);
}

int store_comment_publish(struct store *s, const struct store_actor *who,
                          const struct store_consult_json *json, int64_t id, bool published)
{
	struct store_stmt *st;
	char *before;
	/* shown or hidden whatever the report: the office can still take a comment down */
	int rc = store_consult_begin(s, write_comment, json, id, sql_publish, &before, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 2, published ? 1 : 0);
	return finish(s, who, json, id, published ? "publish" : "unpublish", before, store_run(st));
}

/* ---- the proof of work's shared state ---- */

int store_pow_key(struct store *s, const unsigned char fresh[32], unsigned char key[32])
{
	struct store_stmt *st;
	char hex[65];
	const char *v;
	size_t n = 0;
	int rc;

	sodium_bin2hex(hex, sizeof(hex), fresh, 32);
	/* the first server to get here makes the key; every other keeps the stored one */
	if ((rc = store_prepare(s, sql_key_put, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, hex);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, sql_key_get, &st)) != KFQ_OK)
		return rc;
	if ((rc = store_step(st)) == KFQ_ROW) {
		v = store_col_text(st, 0);
		rc = v && sodium_hex2bin(key, 32, v, strlen(v), NULL, &n, NULL) == 0 && n == 32
		         ? KFQ_OK
		         : KFQ_ERR;
	} else if (rc == KFQ_DONE)
		rc = KFQ_ERR;
	store_reset(st);
	return rc;
}

int store_pow_prune(struct store *s, int64_t now)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_pow_prune, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, now);
	return store_run(st);
}
