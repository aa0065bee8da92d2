/* Tests src/store/store_staffing.c and store_person.c on SQLite and PostgreSQL alike (run with
 * "sqlite" or "pg"): figures approved and changed with their audit records, the roster's rules
 * checked inside the write transaction so that a refused write leaves neither a row nor an
 * audit record, ID numbers sealed (a wrong key opens nothing), leaving the roster frees its
 * place; the audit chain verifies at the end. */
#include "testdb.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_people.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <string.h>

static const struct store_actor office = {0, "cli:unit", 0, "cli"};

static void staffing_shape(struct jsonw *w, const struct store_staffing *x)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "doc_no", x->doc_no);
	jsonw_kint(w, "quota", x->f.quota);
	jsonw_obj_close(w);
}

static void post_shape(struct jsonw *w, const struct store_post *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "name", p->name);
	jsonw_obj_close(w);
}

static void person_shape(struct jsonw *w, const struct store_person *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "end_kind", p->end_kind);
	jsonw_kstr(w, "name", p->name);
	jsonw_obj_close(w);
}

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}

static const struct store_people_json json = {staffing_shape, post_shape, person_shape};
static const struct store_org_json org_json = {.org = org_shape};

static int64_t zone, leader_post, staff_post, first;

static int64_t audit_count(struct store *s)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM audit_log", &n), KFQ_OK);
	return n;
}

static int approve(struct store *s, int64_t quota, int64_t leaders, const char *doc,
                   enum people_rule *rule)
{
	struct store_staffing x = {0};
	const char *bodies[] = {"综合办公室"};

	x.org_id = zone;
	x.year = notice_year(plan_today(time_now())); /* the figures that rule today */
	x.f = (struct staffing_figures){2, 3, 1, leaders, quota};
	x.doc_no = doc;
	x.bodies = bodies;
	x.n_bodies = 1;
	return store_staffing_set(s, &office, &json, &x, rule);
}

static int add(struct store *s, const char *name, const char *id, int64_t post, int64_t *out,
               enum people_rule *rule)
{
	struct store_person p = {0};
	int rc;

	p.org_id = zone;
	p.name = name;
	p.id_number = id;
	p.identity = "civil_servant";
	p.appointment = "appointed";
	p.post_id = post;
	p.paid_by_zone = true;
	p.start_date = "2026-01-01";
	rc = store_person_create(s, &office, &json, &p, rule);
	if (out)
		*out = p.id;
	return rc;
}

static void test_staffing(void **state)
{
	struct store *s = *state;
	struct store_org o = {.name = "测试开发区", .type = "zone", .level = "provincial"};
	struct store_post p = {0};
	struct store_staffing got;
	enum people_rule rule;
	const char *taken = NULL;
	struct arena a;
	uint8_t key[32];

	memset(key, 3, sizeof(key));
	store_people_key_set(key);
	assert_int_equal(store_org_create(s, &office, &org_json, &o, &taken), KFQ_OK);
	zone = o.id;
	assert_int_equal(approve(s, 2, 1, "抚编发〔2026〕1号", &rule), KFQ_OK);
	assert_int_equal(approve(s, 2, 1, "抚编发〔2026〕2号", &rule), KFQ_OK);
	p.org_id = zone;
	p.name = "主任";
	p.grade = "正处级";
	p.leader = true;
	assert_int_equal(store_post_create(s, &office, &json, &p), KFQ_OK);
	leader_post = p.id;
	p.name = "科员";
	p.leader = false;
	assert_int_equal(store_post_create(s, &office, &json, &p), KFQ_OK);
	staff_post = p.id;
	assert_int_equal(store_post_create(s, &office, &json, &p), KFQ_ECONFLICT);
	arena_init(&a);
	assert_int_equal(store_staffing_current(s, &a, zone, &got), KFQ_OK);
	assert_string_equal(got.doc_no, "抚编发〔2026〕2号");
	assert_int_equal(got.n_bodies, 1);
	assert_string_equal(got.bodies[0], "综合办公室");
	arena_release(&a);
}

static void test_roster_rules(void **state)
{
	struct store *s = *state;
	struct store_person got;
	enum people_rule rule;
	struct arena a;
	int64_t id, audits;

	assert_int_equal(add(s, "甲", "11010519491231002X", leader_post, &first, &rule), KFQ_OK);
	audits = audit_count(s);
	/* one post per person, one person per post: refused, nothing written */
	assert_int_equal(add(s, "乙", "11010519491231002X", staff_post, &id, &rule), KFQ_EINVAL);
	assert_int_equal(rule, PEOPLE_TWO_POSTS);
	assert_int_equal(add(s, "乙", "830000199001010012", leader_post, &id, &rule), KFQ_EINVAL);
	assert_int_equal(rule, PEOPLE_POST_TAKEN);
	assert_int_equal(add(s, "乙", "830000199001010012", staff_post, &id, &rule), KFQ_OK);
	/* 员额 2 is full: the third is refused after its insert, which rolls back */
	audits = audit_count(s);
	assert_int_equal(add(s, "丙", "110101200002290018", 0, &id, &rule), KFQ_EINVAL);
	assert_int_equal(rule, PEOPLE_OVER_QUOTA);
	assert_int_equal(id, 0);
	assert_int_equal(audit_count(s), audits);
	/* 编办 cannot cut below the roster */
	assert_int_equal(approve(s, 1, 1, "抚编发〔2026〕3号", &rule), KFQ_EINVAL);
	assert_int_equal(rule, PEOPLE_OVER_QUOTA);
	assert_int_equal(audit_count(s), audits);
	/* sealed at rest: opened with the key, not with another */
	arena_init(&a);
	assert_int_equal(store_person_get(s, &a, first, &got), KFQ_OK);
	assert_string_equal(got.id_number, "11010519491231002X");
	{
		uint8_t other[32];
		memset(other, 4, sizeof(other));
		store_people_key_set(other);
		assert_int_equal(store_person_get(s, &a, first, &got), KFQ_OK);
		assert_null(got.id_number);
		memset(other, 3, sizeof(other));
		store_people_key_set(other);
	}
	arena_release(&a);
}

static void test_leaving(void **state)
{
	struct store *s = *state;
	enum people_rule rule;
	int64_t id;

	assert_int_equal(
	    store_person_end(s, &office, &json, first, "returned", "2025-12-31", "原因", &rule),
	    KFQ_EINVAL);
	assert_int_equal(rule, PEOPLE_END_BEFORE_START);
	assert_int_equal(store_person_end(s, &office, &json, first, "returned", "2026-06-30",
	                                  "派出单位工作需要", &rule),
	                 KFQ_OK);
	assert_int_equal(
	    store_person_end(s, &office, &json, first, "left", "2026-07-01", NULL, &rule),
	    KFQ_ESTATE);
	/* the place and the post are free, and the ID number may come back */
	assert_int_equal(add(s, "甲", "11010519491231002X", leader_post, &id, &rule), KFQ_OK);
	assert_int_equal(store_person_retain(s, &office, &json, id, "2026-07-01", &rule),
	                 KFQ_ESTATE);
}

static void test_chain(void **state)
{
	struct store *s = *state;
	struct audit_verify v;

	audit_verify_init(&v);
	assert_int_equal(store_audit_verify(s, &v), KFQ_OK);
	assert_int_equal(v.broken_seq, 0);
	assert_int_equal(v.count, audit_count(s));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_staffing),
	    cmocka_unit_test(test_roster_rules),
	    cmocka_unit_test(test_leaving),
	    cmocka_unit_test(test_chain),
	};
	if (sodium_init() < 0)
		return 1;
	return testdb_main(argc, argv, "store_people", tests, sizeof(tests) / sizeof(tests[0]));
}
