/* Tests src/store/store_session.c on SQLite and PostgreSQL alike (run with "sqlite" or "pg"): a
 * session read on a connection is recalled without the database; its confirmation runs with
 * the next statement, whose rows are then read as usual, and takes the audit head as it is
 * now; when anything session_version covers has changed (a user's role or password flag, an
 * organization's name, a session gone, another session logged out) the session is refused
 * with KFQ_ESTALE — by the next statement, by a write transaction's begin (which then opened
 * nothing), or by store_guard_end — and forgotten with every session kept under the old
 * version, a write that came next not run; last_seen written elsewhere changes nothing; the
 * confirmation's own statement asked for again runs first; a session of a custom scope is never
 * kept; a read sent ahead before the confirmation is answered either way (DECISIONS 155, 191,
 * 196); a list's total kept under the head a recalled session guessed is not served once
 * another write has moved it (DECISIONS 253). */
#include "testdb.h"

#include "store/store_audit.h"
#include "store/store_impl.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

static const char sql_org_count[] = "SELECT COUNT(*) FROM org";
static const char sql_org_rename[] = "UPDATE org SET name = '改名' WHERE id = ?1";
static const char sql_org_renamed[] = "SELECT COUNT(*) FROM org WHERE name = '改名'";
static const char sql_org_name[] = "SELECT name FROM org WHERE id = ?1";

static void setup_rows(struct store *s)
{
	assert_int_equal(
	    store_exec(s, "INSERT INTO org (id, name, type, created_at, updated_at) VALUES (1, "
	                  "'市商务局', 'city_department', '2026-01-01T00:00:00Z', "
	                  "'2026-01-01T00:00:00Z');"
	                  "INSERT INTO app_user (id, username, display_name, org_id, role, "
	                  "data_scope, password_hash, created_at, updated_at) VALUES "
	                  "(1, 'office1', '甲', 1, 'office', 'all', 'h', 'x', 'x'), "
	                  "(2, 'custom1', '乙', 1, 'office', 'custom', 'h', 'x', 'x');"
	                  "INSERT INTO user_scope_org (user_id, org_id) VALUES (2, 1);"
	                  "INSERT INTO session (token_hash, user_id, csrf_token, client_addr, "
	                  "created_at, last_seen) VALUES ('t1', 1, 'c1', '127.0.0.1', 'x', 1000), "
	                  "('t2', 1, 'c2', '127.0.0.1', 'x', 1000), "
	                  "('t3', 2, 'c3', '127.0.0.1', 'x', 1000)"),
	    KFQ_OK);
}

/* The statement after the confirmation: answered as usual when it is confirmed. */
static int next_statement(struct store *s)
{
	int64_t n = -1;
	int rc = store_query_int(s, sql_org_count, &n);

	if (rc == KFQ_OK)
		assert_int_equal(n, 1);
	return rc;
}

static void recall_confirm(struct store *s, const char *token, struct arena *a,
                           struct store_session *out)
{
	assert_int_equal(store_session_recall(s, a, token, out), KFQ_OK);
	assert_int_equal(store_session_confirm(s, token, out), KFQ_OK);
}

static void test_confirm(void **state)
{
	struct store *s = *state;
	struct store_session got, r, now;
	struct arena a;
	char first_head[sizeof(got.head)];

	arena_init(&a);
	setup_rows(s);
	assert_int_equal(store_session_recall(s, &a, "t1", &r), KFQ_ENOTFOUND);
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	snprintf(first_head, sizeof(first_head), "%s", got.head);

	/* recalled as read, without the database; confirmed with the next statement */
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(r.user.id, 1);
	assert_string_equal(r.user.username, "office1");
	assert_string_equal(r.user.role, "office");
	assert_string_equal(r.csrf, "c1");
	assert_int_equal(r.last_seen, 1000);
	assert_int_equal(next_statement(s), KFQ_OK);
	assert_int_equal(store_guard_end(s), KFQ_OK);
	assert_int_equal(store_guard_end(s), KFQ_OK);

	/* an audited write elsewhere moves the head: still the same session, with the new head */
	assert_int_equal(store_begin(s), KFQ_OK);
	assert_int_equal(store_audit_append_id(s, &cli, "update", "org", 1, NULL, NULL), KFQ_OK);
	assert_int_equal(store_end(s, KFQ_OK), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_string_equal(r.head, first_head); /* the guess */
	assert_int_equal(store_guard_end(s), KFQ_OK);
	assert_int_equal(store_session_get(s, &a, "t1", &now), KFQ_OK);
	assert_string_equal(r.head, now.head);
	assert_string_not_equal(r.head, first_head);

	/* the confirmation's own statement asked for again: it runs first, then the caller's */
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(store_session_get(s, &a, "t1", &now), KFQ_OK);
	assert_int_equal(store_guard_end(s), KFQ_OK);
	assert_string_equal(now.user.username, "office1");
	arena_release(&a);
}

static void test_changed(void **state)
{
	struct store *s = *state;
	struct store_session got, r;
	struct arena a;
	int64_t n = -1;

	arena_init(&a);
	/* the user's role changed: the next statement is not answered, and the guess is gone */
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_int_equal(store_exec(s, "UPDATE app_user SET role = 'zone' WHERE id = 1"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(next_statement(s), KFQ_ESTALE);
	assert_int_equal(store_guard_end(s), KFQ_ESTALE);
	assert_int_equal(store_session_recall(s, &a, "t1", &r), KFQ_ENOTFOUND);
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_string_equal(got.user.role, "zone");

	/* last_seen written by another server: still the same session (the guess's last_seen is
	 * older, which only makes it due for its write sooner) */
	assert_int_equal(
	    store_exec(s, "UPDATE session SET last_seen = 2000 WHERE token_hash = 't1'"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(r.last_seen, 1000);
	assert_int_equal(next_statement(s), KFQ_OK);
	assert_int_equal(store_guard_end(s), KFQ_OK);

	/* the password to change: a write transaction is refused before it opens */
	assert_int_equal(store_exec(s, "UPDATE app_user SET must_change = 1 WHERE id = 1"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(store_begin(s), KFQ_ESTALE);
	assert_int_equal(store_begin(s), KFQ_OK);
	store_rollback(s);
	/* the same with a write transaction begun ahead: on SQLite the confirmation runs in it,
	 * with its first read, and is refused with none left open (a store_begin begins); on
	 * PostgreSQL nothing is begun ahead and the confirmation waits for a statement */
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_int_equal(store_exec(s, "UPDATE app_user SET must_change = 0 WHERE id = 1"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	if (store_kind(s) == STORE_SQLITE) {
		assert_int_equal(store_begin_ahead(s), KFQ_ESTALE);
		assert_int_equal(store_begin(s), KFQ_OK);
		store_rollback(s);
	} else {
		assert_int_equal(store_begin_ahead(s), KFQ_OK);
		assert_int_equal(store_guard_end(s), KFQ_ESTALE);
	}
	assert_int_equal(store_exec(s, "UPDATE app_user SET must_change = 1 WHERE id = 1"), KFQ_OK);

	/* the organization renamed: a write as the statement after it is not run */
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_true(got.user.must_change);
	assert_int_equal(store_exec(s, "UPDATE org SET name = '市商务局甲' WHERE id = 1"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(store_exec_id(s, sql_org_rename, 1), KFQ_ESTALE);
	assert_int_equal(store_query_int(s, sql_org_renamed, &n), KFQ_OK);
	assert_int_equal(n, 0);

	/* another session logged out: both kept sessions are read again, neither guessed */
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_string_equal(got.user.org_name, "市商务局甲");
	assert_int_equal(got.last_seen, 2000);
	assert_int_equal(store_session_get(s, &a, "t2", &got), KFQ_OK);
	assert_int_equal(store_session_delete(s, &cli, "t2"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(store_guard_end(s), KFQ_ESTALE);
	assert_int_equal(store_session_recall(s, &a, "t1", &r), KFQ_ENOTFOUND);
	assert_int_equal(store_session_recall(s, &a, "t2", &r), KFQ_ENOTFOUND);

	/* logged out: gone, told by store_guard_end when nothing else ran */
	assert_int_equal(store_session_get(s, &a, "t1", &got), KFQ_OK);
	assert_int_equal(store_exec(s, "DELETE FROM session WHERE token_hash = 't1'"), KFQ_OK);
	recall_confirm(s, "t1", &a, &r);
	assert_int_equal(store_guard_end(s), KFQ_ESTALE);
	assert_int_equal(store_session_recall(s, &a, "t1", &r), KFQ_ENOTFOUND);

	/* a custom scope's organizations are not in the row: such a session is not kept */
	assert_int_equal(store_session_get(s, &a, "t3", &got), KFQ_OK);
	assert_int_equal(got.user.nscope, 1);
	assert_int_equal(store_session_recall(s, &a, "t3", &r), KFQ_ENOTFOUND);
	arena_release(&a);
}

/* A read sent ahead (store_ahead) before the confirmation: confirmed, the next statement and the
 * read are answered (on PostgreSQL in the next statement's round trip, DECISIONS 200); refused,
 * neither is used, and the read's step answers what is in the database. */
static struct store_stmt *org_name_ahead(struct store *s)
{
	struct store_stmt *st;

	assert_int_equal(store_prepare(s, sql_org_name, &st), KFQ_OK);
	store_bind_int(st, 1, 1);
	store_ahead(st);
	return st;
}

/* The read's step: the organization's name. */
static void org_name_is(struct store_stmt *st, const char *name)
{
	assert_int_equal(store_step(st), KFQ_ROW);
	assert_string_equal(store_col_text(st, 0), name);
	store_reset(st);
}

static void test_confirm_ahead(void **state)
{
	struct store *s = *state;
	struct store_session got, r;
	struct store_stmt *st;
	struct arena a;

	arena_init(&a);
	/* test_changed's organization, renamed, and a session of its user */
	assert_int_equal(store_exec(s, "INSERT INTO session (token_hash, user_id, csrf_token, "
	                               "client_addr, created_at, last_seen) VALUES ('t4', 1, "
	                               "'c4', '127.0.0.1', 'x', 1000)"),
	                 KFQ_OK);
	assert_int_equal(store_session_get(s, &a, "t4", &got), KFQ_OK);
	recall_confirm(s, "t4", &a, &r);
	st = org_name_ahead(s);
	assert_int_equal(next_statement(s), KFQ_OK);
	assert_int_equal(store_guard_end(s), KFQ_OK);
	org_name_is(st, "市商务局甲");

	/* the read ahead stepped first: it carries the confirmation */
	recall_confirm(s, "t4", &a, &r);
	st = org_name_ahead(s);
	org_name_is(st, "市商务局甲");
	assert_int_equal(store_guard_end(s), KFQ_OK);

	/* refused: the organization renamed in between is what the read answers at its step */
	assert_int_equal(store_exec(s, "UPDATE org SET name = '市商务局乙' WHERE id = 1"), KFQ_OK);
	recall_confirm(s, "t4", &a, &r);
	st = org_name_ahead(s);
	assert_int_equal(next_statement(s), KFQ_ESTALE);
	assert_int_equal(store_guard_end(s), KFQ_ESTALE);
	org_name_is(st, "市商务局乙");
	assert_int_equal(next_statement(s), KFQ_OK);
	arena_release(&a);
}

/* A list's total kept per connection (store_list_page) is matched against the head of the
 * request's session: a recalled session's is a guess until confirmed, but the page's statement
 * confirms it (rewriting the head the version points at) before the total is looked up, so a
 * total kept under the old head is never served after another write moved it. */
static void org_filter(struct store_sql *q, const void *arg)
{
	(void)arg;
	store_sql_int(q, " WHERE o.id > ?", 0);
}

static void read_org_id(struct store_stmt *st, struct arena *a, void *element)
{
	(void)a;
	*(int64_t *)element = store_col_int(st, 0);
}

static int64_t org_total(struct store *s, struct arena *a, const char *version)
{
	const struct store_list l = {.count_sql = "SELECT COUNT(*) FROM org o",
	                             .list_sql = "SELECT o.id FROM org o",
	                             .limit = 1,
	                             .read = read_org_id,
	                             .elem_size = sizeof(int64_t),
	                             .filter = org_filter,
	                             .order = " ORDER BY o.id",
	                             .count_in_page = true};
	void *rows;
	int n;
	int64_t total = -1;

	store_set_version(s, version);
	assert_int_equal(store_list_page(s, a, &l, &rows, &n, &total), KFQ_OK);
	store_set_version(s, NULL);
	assert_int_equal(n, 1);
	return total;
}

static void test_count_recalled(void **state)
{
	struct store *s = *state;
	struct store_session got, r;
	struct arena a;

	arena_init(&a);
	/* test_changed's organization and a session of its user, unused yet */
	assert_int_equal(store_exec(s, "INSERT INTO session (token_hash, user_id, csrf_token, "
	                               "client_addr, created_at, last_seen) VALUES "
	                               "('t5', 1, 'c5', '127.0.0.1', 'x', 1000)"),
	                 KFQ_OK);
	assert_int_equal(store_exec(s, "INSERT INTO org (id, name, type, created_at, updated_at) "
	                               "VALUES (2, '市科技局', 'city_department', 'x', 'x')"),
	                 KFQ_OK);
	assert_int_equal(store_session_get(s, &a, "t5", &got), KFQ_OK);
	assert_int_equal(org_total(s, &a, got.head), 2); /* counted, kept under the head */
	assert_int_equal(org_total(s, &a, got.head), 2); /* the kept total */

	/* another server's audited write adds an organization and moves the head */
	assert_int_equal(store_begin(s), KFQ_OK);
	assert_int_equal(store_exec(s, "INSERT INTO org (id, name, type, created_at, updated_at) "
	                               "VALUES (3, '市工信局', 'city_department', 'x', 'x')"),
	                 KFQ_OK);
	assert_int_equal(store_audit_append_id(s, &cli, "create", "org", 3, NULL, NULL), KFQ_OK);
	assert_int_equal(store_end(s, KFQ_OK), KFQ_OK);

	/* recalled with the old head, the list the first statement: the new total */
	recall_confirm(s, "t5", &a, &r);
	assert_string_equal(r.head, got.head);
	assert_int_equal(org_total(s, &a, r.head), 3);
	assert_int_equal(store_guard_end(s), KFQ_OK);
	assert_string_not_equal(r.head, got.head);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_confirm),
	    cmocka_unit_test(test_changed),
	    cmocka_unit_test(test_confirm_ahead),
	    cmocka_unit_test(test_count_recalled),
	};
	return testdb_main(argc, argv, "store_session", tests, sizeof(tests) / sizeof(tests[0]));
}
