/* Tests src/store/store_consult.c and store_comment.c on SQLite and PostgreSQL alike (run with
 * "sqlite" or "pg"): a consultation with its articles, the states a list filters by at a given
 * clock, the office's actions refused in the wrong state; a comment taken with its one point,
 * a proof-of-work challenge used once, an exact duplicate refused, the same Message-ID stored
 * once (the call a mail importer makes), nothing half-written by a refusal; splitting and
 * deciding points; the report's counts; every change audited. */
#include "testdb.h"

#include "store/store_audit.h"
#include "store/store_consult.h"
#include "store/store_task.h"
#include "util/jsonw.h"

#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

#define START 1750608000LL /* 2025-06-23 00:00 Asia/Shanghai */
#define END   1750867200LL /* 2025-06-26 00:00 */

static void consult_shape(struct jsonw *w, const struct store_consultation *c)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kbool(w, "released", c->released_at != NULL);
	jsonw_obj_close(w);
}

static void comment_shape(struct jsonw *w, const struct store_comment *c)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kint(w, "points", c->n_points);
	jsonw_obj_close(w);
}

static void policy_shape(struct jsonw *w, const struct store_policy *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", p->id);
	jsonw_obj_close(w);
}

static const struct store_consult_json json = {consult_shape, comment_shape};
static const struct store_task_json task_json = {.policy = policy_shape};

static int64_t consult_id, art1, art2;

static int64_t count(struct store *s, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, sql, &n), KFQ_OK);
	return n;
}

static void list_states(struct store *s, const char *state, int64_t now, int64_t want)
{
	struct store_consult_filter f = {0};
	struct store_consultation *out;
	struct arena a;
	int64_t total;
	int n;

	arena_init(&a);
	f.state = state;
	f.now = now;
	assert_int_equal(store_consult_list(s, &a, &f, &out, &n, &total), KFQ_OK);
	assert_int_equal(n, want);
	arena_release(&a);
}

static void test_consultation(void **state)
{
	struct store *s = *state;
	struct store_policy p = {0};
	struct store_consultation k = {0}, got;
	struct store_consult_article arts[2] =
	    {
	        {.number = 1, .part_heading = "二、重点改革任务", .body = "第一条正文"},
	        {.number = 2,
	         .part_heading = "二、重点改革任务",
	         .short_title = "聚焦主责主业",
	         .body = "正文"},
	    },
	                             *back;
	struct arena a;
	int n;

	arena_init(&a);
	p.title = "政策";
	p.encoding = "UTF-8";
	p.source_sha256 = "00";
	p.source_text = "x";
	p.parsed_json = "{}";
	assert_int_equal(store_policy_import(s, &cli, &task_json, &p, NULL, 0), KFQ_OK);
	k.policy_id = p.id;
	k.title = "征求意见";
	k.contact_email = "swjkhcjc@163.com";
	k.contact_phone = "57500610";
	k.window_start = START;
	k.window_end = END;
	assert_int_equal(store_consult_create(s, &cli, &json, &k, arts, 2), KFQ_OK);
	consult_id = k.id;
	assert_int_equal(store_consult_get(s, &a, k.id, &got), KFQ_OK);
	assert_int_equal(got.window_start, START);
	assert_int_equal(got.window_end, END);
	assert_null(got.released_at);
	assert_int_equal(store_consult_articles(s, &a, k.id, &back, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(back[1].seq, 2);
	assert_string_equal(back[1].short_title, "聚焦主责主业");
	art1 = back[0].id;
	art2 = back[1].id;

	/* a draft's window is edited, not moved; released once */
	assert_int_equal(store_consult_window(s, &cli, &json, k.id, START, END + 86400, "理由"),
	                 KFQ_ESTATE);
	list_states(s, "draft", START, 1);
	assert_int_equal(store_consult_release(s, &cli, &json, k.id), KFQ_OK);
	assert_int_equal(store_consult_release(s, &cli, &json, k.id), KFQ_ESTATE);
	assert_int_equal(store_consult_update(s, &cli, &json, &k), KFQ_ESTATE);
	assert_int_equal(store_consult_get(s, &a, 999999, &got), KFQ_ENOTFOUND);
	/* the states at the window's edges */
	list_states(s, "draft", START, 0);
	list_states(s, "upcoming", START - 1, 1);
	list_states(s, "open", START - 1, 0);
	list_states(s, "open", START, 1);
	list_states(s, "open", END - 1, 1);
	list_states(s, "closed", END - 1, 0);
	list_states(s, "closed", END, 1);
	/* extended by a day, with its reason kept */
	assert_int_equal(store_consult_window(s, &cli, &json, k.id, START, END + 86400, "延长"),
	                 KFQ_OK);
	list_states(s, "open", END, 1);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM consultation_window_change"), 1);
	assert_int_equal(
	    count(s, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'consultation'"), 3);
	arena_release(&a);
}

static int add(struct store *s, int64_t article, const char *body, const char *pow,
               const char *message, int64_t *id, enum store_comment_refusal *why)
{
	struct store_comment_new in = {0};

	in.consultation_id = consult_id;
	in.article_id = article;
	in.channel = message ? "email" : "web";
	in.body = body;
	in.refuse_duplicate = message == NULL;
	in.pow_id = pow;
	in.pow_expires = START + 1800;
	in.message_id = message;
	return store_comment_add(s, &cli, &json, &in, id, why);
}

static void test_comments(void **state)
{
	struct store *s = *state;
	enum store_comment_refusal why;
	int64_t id, first, second, mail;
	struct store_comment c;
	struct store_consult_counts k;
	struct arena a;

	arena_init(&a);
	assert_int_equal(add(s, art1, "意见一", "aa", NULL, &first, &why), KFQ_OK);
	assert_int_equal(why, STORE_COMMENT_TAKEN);
	/* the challenge once */
	assert_int_equal(add(s, art1, "意见二", "aa", NULL, &id, &why), KFQ_ECONFLICT);
	assert_int_equal(why, STORE_COMMENT_POW_USED);
	assert_int_equal(id, 0);
	/* the same text on the same article, with a fresh challenge: refused, and the challenge
	 * stays unused (the transaction rolled back) */
	assert_int_equal(add(s, art1, "意见一", "bb", NULL, &id, &why), KFQ_ECONFLICT);
	assert_int_equal(why, STORE_COMMENT_DUPLICATE);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM pow_used"), 1);
	assert_int_equal(add(s, art2, "意见一", "bb", NULL, &second, &why), KFQ_OK);
	/* the same Message-ID once: the second call names the stored comment */
	assert_int_equal(add(s, 0, "邮件意见", NULL, "<m1@example.com>", &mail, &why), KFQ_OK);
	assert_int_equal(add(s, 0, "邮件意见", NULL, "<m1@example.com>", &id, &why), KFQ_ECONFLICT);
	assert_int_equal(why, STORE_COMMENT_MESSAGE_SEEN);
	assert_int_equal(id, mail);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM consultation_comment"), 3);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM comment_point"), 3);

	/* split the mail into two points, decide one */
	struct store_point_new pts[2] = {{"要点一", art1}, {"要点二", 0}};
	assert_int_equal(store_comment_split(s, &cli, &json, mail, pts, 2), KFQ_OK);
	assert_int_equal(store_comment_get(s, &a, mail, &c), KFQ_OK);
	assert_int_equal(c.n_points, 2);
	assert_int_equal(c.points[0].article_number, 1);
	assert_int_equal(
	    store_comment_dispose(s, &cli, &json, mail, c.points[1].id, "rejected", "理由"),
	    KFQ_OK);
	/* a point of another comment */
	assert_int_equal(
	    store_comment_dispose(s, &cli, &json, first, c.points[0].id, "adopted", NULL),
	    KFQ_ENOTFOUND);
	assert_int_equal(store_consult_counts(s, &a, consult_id, &k), KFQ_OK);
	/* comments: email 1, web 2; points: article 0 → 1, art1 → 2 (web, mail's first), art2 → 1;
	 * dispositions: undecided 3, rejected 1 */
	assert_int_equal(k.n_channel, 2);
	assert_string_equal(k.by_channel[0].code, "email");
	assert_int_equal(k.by_channel[0].n, 1);
	assert_int_equal(k.by_channel[1].n, 2);
	assert_int_equal(k.n_article, 3);
	assert_int_equal(k.by_article[0].article_id, 0);
	assert_int_equal(k.by_article[0].n, 1);
	assert_int_equal(k.by_article[1].article_number, 1);
	assert_int_equal(k.by_article[1].n, 2);
	assert_int_equal(k.by_article[2].n, 1);
	assert_int_equal(k.n_disposition, 2);
	for (int i = 0; i < 2; i++)
		assert_int_equal(k.by_disposition[i].n, k.by_disposition[i].code ? 1 : 3);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'comment'"),
	                 5);
	/* the report is published after the window (extended to END + 1 day), every point decided
	 */
	assert_int_equal(store_consult_report(s, &cli, &json, consult_id, "说明", true, END),
	                 KFQ_ESTATE);
	assert_int_equal(
	    store_consult_report(s, &cli, &json, consult_id, "说明", true, END + 86400),
	    KFQ_ESTATE);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM consultation WHERE summary IS NOT NULL"),
	                 0);
	const int64_t undecided[] = {first, second, mail};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_comment_get(s, &a, undecided[i], &c), KFQ_OK);
		assert_int_equal(store_comment_dispose(s, &cli, &json, undecided[i], c.points[0].id,
		                                       "rejected", "理由"),
		                 KFQ_OK);
	}
	/* publishing the report publishes the comments and closes the report */
	assert_int_equal(
	    store_consult_report(s, &cli, &json, consult_id, "说明", true, END + 86400), KFQ_OK);
	assert_int_equal(store_consult_report(s, &cli, &json, consult_id, "改", true, END + 86400),
	                 KFQ_ESTATE);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM consultation_comment WHERE published = 1"),
	                 3);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_consultation),
	    cmocka_unit_test(test_comments),
	};
	return testdb_main(argc, argv, "store_consult", tests, sizeof(tests) / sizeof(tests[0]));
}
