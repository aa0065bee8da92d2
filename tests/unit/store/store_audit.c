/* Tests src/store/store_audit.c on SQLite and PostgreSQL alike (run with "sqlite" or "pg"):
 * personal identifiers written by an entity writer come out masked in the stored before and
 * after, whoever makes the change; records are canonical and the chain verifies; the export's
 * read hands every record the filter selects over one at a time (store_list_each). */
#include "testdb.h"

#include "core/personal.h"
#include "store/store_audit.h"

#include <stdlib.h>
#include <string.h>

static int write_person(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	(void)s;
	(void)a;
	(void)json;
	/* keys out of order on purpose: the record is stored in canonical form */
	jsonw_obj_open(w);
	jsonw_kstr(w, "name", "张三");
	jsonw_kint(w, "id", id);
	personal_kstr(w, "id_number", PERSONAL_ID_NUMBER, "11010519491231002X");
	personal_kstr(w, "phone", PERSONAL_PHONE, "13812345678");
	personal_kstr(w, "email", PERSONAL_EMAIL, "zhang.san@example.cn");
	jsonw_obj_close(w);
	return KFQ_OK;
}

static void test_personal_masked(void **state)
{
	struct store *s = *state;
	const struct store_actor who = {1, "office1", 1, "127.0.0.1"};
	struct store_audit_filter f = {.entity_type = "person"};
	struct store_audit_row *rows;
	struct audit_verify v;
	struct arena a;
	int64_t total;
	int rc, n;
	char *before;

	arena_init(&a);
	assert_int_equal(store_begin(s), KFQ_OK);
	before = store_entity_json(s, 7, write_person, NULL, &rc);
	assert_int_equal(rc, KFQ_OK);
	assert_int_equal(
	    store_audit_entity(s, &who, "update", "person", 7, before, write_person, NULL), KFQ_OK);
	assert_int_equal(store_commit(s), KFQ_OK);
	free(before);
	assert_int_equal(store_audit_list(s, &a, &f, &rows, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	const char *want = "{\"email\":\"z***@example.cn\",\"id\":7,\"id_number\":"
	                   "\"110***********002X\",\"name\":\"张三\",\"phone\":\"138****5678\"}";
	assert_string_equal(rows[0].rec.before_json, want);
	assert_string_equal(rows[0].rec.after_json, want);
	assert_null(strstr(rows[0].rec.after_json, "13812345678"));
	audit_verify_init(&v);
	assert_int_equal(store_audit_verify(s, &v), KFQ_OK);
	assert_int_equal(v.broken_seq, 0);
	arena_release(&a);
}

/* what the callback saw */
struct seen {
	int64_t ids[8];
	int n;
	int stop_at; /* the count at which it answers KFQ_EINVAL; 0 = never */
};

static int see(void *ctx, const void *element)
{
	const struct store_audit_row *row = element;
	struct seen *x = ctx;

	assert_true(x->n < 8);
	x->ids[x->n++] = atoll(row->rec.entity_id);
	assert_string_equal(row->rec.username, "office1");
	return x->n == x->stop_at ? KFQ_EINVAL : 0;
}

static void test_each(void **state)
{
	struct store *s = *state;
	const struct store_actor who = {1, "office1", 1, "127.0.0.1"};
	struct store_audit_filter f = {.entity_type = "each", .offset = 1, .limit = 1};
	struct seen x = {0};

	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_begin(s), KFQ_OK);
		assert_int_equal(store_audit_append_id(s, &who, "create", "each", i, NULL, "{}"),
		                 KFQ_OK);
		assert_int_equal(store_commit(s), KFQ_OK);
	}
	/* every record the filter selects, newest first: the page is not the export's */
	assert_int_equal(store_audit_each(s, &f, see, &x), KFQ_OK);
	assert_int_equal(x.n, 3);
	assert_int_equal(x.ids[0], 3);
	assert_int_equal(x.ids[1], 2);
	assert_int_equal(x.ids[2], 1);
	/* the callback's code stops the read and comes back */
	x = (struct seen){.stop_at = 2};
	assert_int_equal(store_audit_each(s, &f, see, &x), KFQ_EINVAL);
	assert_int_equal(x.n, 2);
	/* and the read is over: a write begins on the connection */
	assert_int_equal(store_begin(s), KFQ_OK);
	assert_int_equal(store_audit_append_id(s, &who, "update", "each", 1, "{}", "{}"), KFQ_OK);
	assert_int_equal(store_commit(s), KFQ_OK);
	x = (struct seen){0};
	f.action = "update";
	assert_int_equal(store_audit_each(s, &f, see, &x), KFQ_OK);
	assert_int_equal(x.n, 1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_personal_masked),
	    cmocka_unit_test(test_each),
	};
	return testdb_main(argc, argv, "store_audit", tests, sizeof(tests) / sizeof(tests[0]));
}
