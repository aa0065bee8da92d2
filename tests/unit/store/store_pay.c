/* Tests src/store/store_pay.c on SQLite and PostgreSQL alike (run with "sqlite" or "pg"): a
 * zone's pool from the year's figures and the roster on 31 December (the county's R over the
 * city's, an unpaid secondee and a leaver not counted), a plan over its pool refused inside the
 * transaction without a row or an audit record, a plan filed and made effective by the one
 * organization holding ack_pay_filing; the audit chain verifies at the end. */
#include "testdb.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_capability.h"
#include "store/store_org.h"
#include "store/store_pay.h"
#include "store/store_people.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <string.h>

static const struct store_actor office = {0, "cli:unit", 0, "cli"};

static void id_shape(struct jsonw *w, int64_t id)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", id);
	jsonw_obj_close(w);
}
static void staffing_shape(struct jsonw *w, const struct store_staffing *x)
{
	id_shape(w, x->id);
}
static void post_shape(struct jsonw *w, const struct store_post *p)
{
	id_shape(w, p->id);
}
static void person_shape(struct jsonw *w, const struct store_person *p)
{
	id_shape(w, p->id);
}
static void org_shape(struct jsonw *w, const struct store_org *o)
{
	id_shape(w, o->id);
}
static void grant_shape(struct jsonw *w, const struct store_capability_grant *g)
{
	id_shape(w, g->id);
}
static void level_shape(struct jsonw *w, const struct store_pay_level *l)
{
	id_shape(w, l->id);
}
static void coef_shape(struct jsonw *w, const struct store_pay_coef *c)
{
	id_shape(w, c->id);
}
static void grade_shape(struct jsonw *w, const struct store_zone_grade *g)
{
	id_shape(w, g->id);
}
static void plan_shape(struct jsonw *w, const struct store_pay_plan *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "status", p->status);
	jsonw_obj_close(w);
}

static const struct store_people_json people_json = {staffing_shape, post_shape, person_shape};
static const struct store_org_json org_json = {.org = org_shape};
static const struct store_capability_json grant_json = {.grant = grant_shape};
static const struct store_pay_json pay_json = {level_shape, coef_shape, grade_shape, plan_shape};

static int64_t zone, county, dept, people[2];
static int year;

static int64_t audit_count(struct store *s)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM audit_log", &n), KFQ_OK);
	return n;
}

static int64_t make_org(struct store *s, const char *name, const char *type, int64_t parent)
{
	struct store_org o = {.name = name, .type = type, .parent_id = parent};
	const char *taken = NULL;

	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	assert_int_equal(store_org_create(s, &office, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static int64_t add(struct store *s, const char *id, bool unpaid, const char *start)
{
	struct store_person p = {.org_id = zone,
	                         .name = "人",
	                         .id_number = id,
	                         .identity = "contract",
	                         .appointment = "appointed",
	                         .paid_by_zone = !unpaid,
	                         .start_date = start};
	enum people_rule rule;

	if (unpaid) {
		p.seconded = true;
		p.seconded_from = "派出单位";
		p.secondment_start = start;
	}
	assert_int_equal(store_person_create(s, &office, &people_json, &p, &rule), KFQ_OK);
	return p.id;
}

static void test_pool(void **state)
{
	struct store *s = *state;
	struct store_staffing st = {0};
	struct store_pay_level city = {0}, local = {0};
	struct store_pay_coef coef = {0};
	struct store_zone_grade grade = {0};
	struct store_scope all = {0};
	struct store_pay_pool *pools;
	enum people_rule rule;
	struct arena a;
	char date[16];
	uint8_t key[32];
	int n;

	memset(key, 5, sizeof(key));
	store_people_key_set(key);
	year = notice_year(plan_today(time_now()));
	county = make_org(s, "测试区", "county", 0);
	zone = make_org(s, "测试开发区", "zone", county);
	dept = make_org(s, "测试人社局", "city_department", 0);
	st.org_id = zone;
	st.year = year;
	st.f = (struct staffing_figures){1, 1, 0, 0, 3};
	st.doc_no = "编1号";
	assert_int_equal(store_staffing_set(s, &office, &people_json, &st, &rule), KFQ_OK);
	snprintf(date, sizeof(date), "%d-01-01", year);
	people[0] = add(s, "11010519491231002X", false, date);
	people[1] = add(s, "830000199001010012", false, date);
	add(s, "110101200002290018", true, date); /* a secondee his unit pays */
	city = (struct store_pay_level){.year = year, .ref_salary_fen = 1, .r_fen = 5000000};
	local = (struct store_pay_level){.year = year, .level_org_id = county, .r_fen = 6000000};
	coef = (struct store_pay_coef){.year = year, .grade = "good", .coef_bp = 12500};
	grade = (struct store_zone_grade){.year = year, .org_id = zone, .grade = "good"};
	assert_int_equal(store_pay_level_set(s, &office, &pay_json, &city), KFQ_OK);
	assert_int_equal(store_pay_coef_set(s, &office, &pay_json, &coef), KFQ_OK);
	assert_int_equal(store_zone_grade_set(s, &office, &pay_json, &grade), KFQ_OK);
	arena_init(&a);
	/* the city's R: N = 3 on the roster − 1 unpaid = 2; 2 × ¥50,000.00 × 1.25 = ¥125,000.00 */
	assert_int_equal(store_pay_pools(s, &a, year, zone, &all, &pools, &n), KFQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(pools[0].rule, PAY_OK);
	assert_int_equal(pools[0].p.n, 2);
	assert_int_equal(pools[0].p.pool_fen, 12500000);
	assert_int_equal(pools[0].level_org_id, 0);
	/* the county's R rules once set: 2 × ¥60,000.00 × 1.25 = ¥150,000.00, cap ¥600,000.00 */
	assert_int_equal(store_pay_level_set(s, &office, &pay_json, &local), KFQ_OK);
	assert_int_equal(store_pay_pools(s, &a, year, zone, &all, &pools, &n), KFQ_OK);
	assert_int_equal(pools[0].level_org_id, county);
	assert_int_equal(pools[0].p.pool_fen, 15000000);
	assert_int_equal(pools[0].p.cap_fen, 60000000);
	/* a coefficient above 5 is refused by the table too */
	coef.coef_bp = 50001;
	assert_int_equal(store_pay_coef_set(s, &office, &pay_json, &coef), KFQ_ECONSTRAINT);
	arena_release(&a);
}

static void test_plan(void **state)
{
	struct store *s = *state;
	struct store_pay_line lines[2] = {
	    {.person_id = 0, .base_fen = 100, .perf_fen = 7500000},
	    {.person_id = 0, .base_fen = 100, .perf_fen = 7500001, .incentive_fen = 9},
	};
	struct store_pay_plan p = {0}, got;
	struct store_capability_grant g = {.capability = "ack_pay_filing"};
	enum pay_rule rule;
	struct arena a;
	int64_t audits = audit_count(s);
	int bad;

	lines[0].person_id = people[0];
	lines[1].person_id = people[1];
	p.org_id = zone;
	p.year = year;
	p.lines = lines;
	p.nlines = 2;
	/* one fen over ¥150,000.00: refused, nothing written */
	assert_int_equal(store_pay_plan_save(s, &office, &pay_json, &p, &rule, &bad), KFQ_EINVAL);
	assert_int_equal(rule, PAY_OVER_POOL);
	assert_int_equal(audit_count(s), audits);
	lines[1].perf_fen = 7500000;
	assert_int_equal(store_pay_plan_save(s, &office, &pay_json, &p, &rule, &bad), KFQ_OK);
	assert_int_equal(p.t.total_fen, 200 + 15000000 + 9);
	g.org_id = dept;
	assert_int_equal(store_capability_grant(s, &office, &grant_json, &g), KFQ_OK);
	assert_int_equal(store_pay_plan_ack(s, &office, &pay_json, p.id, dept, "ack", NULL),
	                 KFQ_ESTATE);
	assert_int_equal(store_pay_plan_file(s, &office, &pay_json, p.id, &rule, &bad), KFQ_OK);
	assert_int_equal(store_pay_plan_ack(s, &office, &pay_json, p.id, dept, "ack", NULL),
	                 KFQ_OK);
	arena_init(&a);
	assert_int_equal(store_pay_plan_get(s, &a, p.id, &got), KFQ_OK);
	assert_string_equal(got.status, "effective");
	assert_int_equal(got.pending, 0);
	assert_int_equal(got.nlines, 2);
	assert_int_equal(got.nacks, 1);
	arena_release(&a);
	assert_int_equal(store_pay_plan_save(s, &office, &pay_json, &p, &rule, &bad), KFQ_ESTATE);
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
	    cmocka_unit_test(test_pool),
	    cmocka_unit_test(test_plan),
	    cmocka_unit_test(test_chain),
	};
	if (sodium_init() < 0)
		return 1;
	return testdb_main(argc, argv, "store_pay", tests, sizeof(tests) / sizeof(tests[0]));
}
