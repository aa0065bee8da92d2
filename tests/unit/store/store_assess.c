/* Tests src/store/store_assess.c on SQLite and PostgreSQL alike (run with "sqlite" or "pg"):
 * a compute refused for a missing value writes no result and no audit record; publication sets
 * each zone's grade of the year, after which a grade by hand is refused; an appeal is in time
 * until the end of the window's last day and late from that instant; one appeal waits at a
 * time; a result changed after publication keeps the old one with the reason; the audit chain
 * verifies at the end. */
#include "testdb.h"

#include "store/store_assess.h"
#include "store/store_org.h"
#include "store/store_pay.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <string.h>

static const struct store_actor office = {0, "cli:unit", 0, "cli"};

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}
static void scheme_shape(struct jsonw *w, const struct store_assess_scheme *x,
                         const struct store_assess_result *r, int nr)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", x->id);
	jsonw_kint(w, "results", nr);
	jsonw_kstr(w, "status", x->status);
	(void)r;
	jsonw_obj_close(w);
}
static void values_shape(struct jsonw *w, const struct store_assess_value *v, int n)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "n", n);
	(void)v;
	jsonw_obj_close(w);
}
static void appeal_shape(struct jsonw *w, const struct store_assess_appeal *a)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", a->id);
	jsonw_kstr(w, "status", a->status);
	jsonw_obj_close(w);
}
static void grade_shape(struct jsonw *w, const struct store_zone_grade *g)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", g->id);
	jsonw_obj_close(w);
}

static const struct store_org_json org_json = {.org = org_shape};
static const struct store_assess_json json = {scheme_shape, values_shape, appeal_shape};
static const struct store_pay_json pay_json = {.grade = grade_shape};

static int64_t zones[2];

static int64_t make_zone(struct store *s, const char *name)
{
	struct store_org o = {.name = name, .type = "zone", .level = "provincial"};
	const char *taken = NULL;

	assert_int_equal(store_org_create(s, &office, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static void set_value(struct store *s, int64_t scheme, int64_t zone, int64_t ind, int64_t actual)
{
	struct store_assess_value v = {
	    .indicator_id = ind, .has_target = true, .target = 10000, .actual = actual};
	struct store_assess_outcome o;

	assert_int_equal(store_assess_values_set(s, &office, &json, scheme, zone, &v, 1, &o),
	                 KFQ_OK);
}

static void test_assess(void **state)
{
	struct store *s = *state;
	struct store_assess_indicator ind = {
	    .name = "规上工业增加值", .kind = "target", .mode = "higher", .weight = 100};
	struct store_assess_zone z[2];
	struct store_assess_scheme x = {.year = 2026,
	                                .class_key = "省级",
	                                .name = "方案",
	                                .r = {12000, {9000, 8000, 6000}, 0, 2},
	                                .ind = &ind,
	                                .nind = 1,
	                                .zones = z,
	                                .nzones = 2};
	struct store_assess_outcome o;
	struct store_assess_result *rs, got;
	struct store_scope all = {0};
	struct store_assess_filter f = {.year = 2026, .scope = &all};
	struct store_zone_grade g = {.year = 2026, .grade = "poor"};
	struct arena a;
	int64_t before, deadline, appeal, t;
	int n;

	zones[0] = make_zone(s, "甲开发区");
	zones[1] = make_zone(s, "乙开发区");
	z[0] = (struct store_assess_zone){.org_id = zones[0]};
	z[1] = (struct store_assess_zone){.org_id = zones[1]};
	assert_int_equal(store_assess_scheme_save(s, &office, &json, &x, &o), KFQ_OK);
	/* 乙 has no value: nothing computed, nothing audited */
	set_value(s, x.id, zones[0], ind.id, 9500);
	before = testdb_audit_count(s);
	assert_int_equal(store_assess_compute(s, &office, &json, x.id, NULL, &o), KFQ_EINVAL);
	assert_int_equal(o.why, STORE_ASSESS_RULE);
	assert_int_equal(o.rule, ASSESS_MISSING_VALUE);
	assert_int_equal(o.org_id, zones[1]);
	assert_int_equal(testdb_audit_count(s), before);
	assert_int_equal(store_assess_publish(s, &office, &json, x.id, &o), KFQ_ESTATE);
	assert_int_equal(o.why, STORE_ASSESS_NO_RESULTS);

	/* 95 % and 85 %: 95.00 优秀 and 85.00 良好 */
	set_value(s, x.id, zones[1], ind.id, 8500);
	assert_int_equal(store_assess_compute(s, &office, &json, x.id, NULL, &o), KFQ_OK);
	assert_int_equal(store_assess_publish(s, &office, &json, x.id, &o), KFQ_OK);
	arena_init(&a);
	assert_int_equal(store_assess_results(s, &a, &f, &rs, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rs[0].score_cp, 9500);
	assert_string_equal(rs[0].grade, "excellent");
	assert_int_equal(rs[1].score_cp, 8500);
	assert_string_equal(rs[1].grade, "good");
	/* the grade of the year follows, and no longer by hand */
	g.org_id = zones[0];
	assert_int_equal(store_zone_grade_set(s, &office, &pay_json, &g), KFQ_ESTATE);

	/* the window: 2 calendar days after publication, to the end of the second */
	assert_non_null(rs[1].appeal_deadline);
	assert_int_equal(time_parse(rs[1].appeal_deadline, &deadline), 0);
	t = time_now();
	assert_int_equal(assess_appeal_deadline(t, 2), deadline);
	assert_int_equal(
	    store_assess_appeal_file(s, &office, &json, rs[1].id, "晚了", deadline, &appeal, &o),
	    KFQ_ESTATE);
	assert_int_equal(o.why, STORE_ASSESS_LATE);
	assert_int_equal(store_assess_appeal_file(s, &office, &json, rs[1].id, "有误", deadline - 1,
	                                          &appeal, &o),
	                 KFQ_OK);
	assert_int_equal(store_assess_appeal_file(s, &office, &json, rs[1].id, "再次", deadline - 1,
	                                          &appeal, &o),
	                 KFQ_ESTATE);
	assert_int_equal(o.why, STORE_ASSESS_OPEN_APPEAL);
	assert_int_equal(
	    store_assess_appeal_decide(s, &office, &json, appeal, "upheld", "更正", &o), KFQ_OK);
	assert_int_equal(
	    store_assess_appeal_decide(s, &office, &json, appeal, "rejected", "再处理", &o),
	    KFQ_ESTATE);

	/* 乙 corrected to 91 %: now 优秀 too; the old result kept with the reason */
	set_value(s, x.id, zones[1], ind.id, 9100);
	assert_int_equal(store_assess_compute(s, &office, &json, x.id, "申诉成立", &o), KFQ_OK);
	assert_int_equal(store_assess_result_get(s, &a, rs[1].id, &got), KFQ_OK);
	assert_int_equal(got.score_cp, 9100);
	assert_string_equal(got.grade, "excellent");
	assert_int_equal(got.version, 2);
	assert_int_equal(got.nhistory, 1);
	assert_int_equal(got.history[0].score_cp, 8500);
	assert_string_equal(got.history[0].grade, "good");
	assert_string_equal(got.history[0].reason, "申诉成立");
	assert_int_equal(got.nappeals, 1);
	assert_string_equal(got.appeals[0].status, "upheld");
	/* the zone's grade of the year followed */
	struct store_zone_grade *gs;
	assert_int_equal(store_zone_grade_list(s, &a, 2026, &all, &gs, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_string_equal(gs[0].grade, "excellent");
	assert_string_equal(gs[1].grade, "excellent");
	/* a published scheme is not changed */
	assert_int_equal(store_assess_scheme_save(s, &office, &json, &x, &o), KFQ_ESTATE);
	assert_int_equal(o.why, STORE_ASSESS_PUBLISHED);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_assess),
	    cmocka_unit_test(testdb_test_chain),
	};
	if (sodium_init() < 0)
		return 1;
	return testdb_main(argc, argv, "store_assess", tests, sizeof(tests) / sizeof(tests[0]));
}
