/* Tests the industry module's store on SQLite and PostgreSQL alike (run with "sqlite" or "pg"):
 * a plan saved with its leading industries and audited, the exception pending past 3, refused
 * writes leaving nothing (not a zone, the same start year, approving one's own or one without
 * an exception), a zone's year summed by 小类 (output and tax, enterprises without figures
 * counted); a 招商 project with its stage history, a stale move refused, the stalled by their
 * cutoff, the stall setting audited; its responsible staff a person of the zone's roster (not
 * another zone's, nor one who has left unless already named; never deleted while named); the
 * audit chain verifies at the end. */
#include "testdb.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_enterprise.h"
#include "store/store_industry_plan.h"
#include "store/store_invest.h"
#include "store/store_org.h"
#include "store/store_people.h"
#include "util/jsonw.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

static void plan_shape(struct jsonw *w, const struct store_industry_plan *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "exception", p->exception);
	jsonw_kint(w, "leads", p->r.n_leads);
	jsonw_obj_close(w);
}

static void output_shape(struct jsonw *w, const struct store_enterprise_output *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "output_fen", o->output_fen);
	jsonw_obj_close(w);
}

static void project_shape(struct jsonw *w, const struct store_invest_project *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "changes", p->n_changes);
	jsonw_kstr(w, "stage", invest_stage_code(p->stage));
	jsonw_obj_close(w);
}

static void setting_shape(struct jsonw *w, int days)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "stall_days", days);
	jsonw_obj_close(w);
}

static void enterprise_shape(struct jsonw *w, const struct store_enterprise *e)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", e->id);
	jsonw_obj_close(w);
}

static void tax_shape(struct jsonw *w, int64_t id, const struct store_tax_year *y)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "enterprise_id", id);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}

static const struct store_industry_plan_json plan_json = {.plan = plan_shape,
                                                          .output = output_shape};
static const struct store_invest_json invest_json = {.project = project_shape,
                                                     .setting = setting_shape};
static const struct store_enterprise_json ent_json = {.enterprise = enterprise_shape,
                                                      .tax_year = tax_shape};
static const struct store_org_json org_json = {.org = org_shape};

static void staffing_shape(struct jsonw *w, const struct store_staffing *x)
{
	jsonw_obj_open(w);
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
	jsonw_kstr(w, "end_date", p->end_date);
	jsonw_obj_close(w);
}

static const struct store_people_json people_json = {staffing_shape, post_shape, person_shape};

static int64_t zone, dept;

static int64_t make_org(struct store *s, const char *name, const char *type)
{
	struct store_org o = {0};
	const char *taken = NULL;

	o.name = name;
	o.type = type;
	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	assert_int_equal(store_org_create(s, &cli, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static const char *ev[] = {"3612", "384"};
static const char *ic[] = {"3973"};
static const char *chem[] = {"26"};
static const char *steel[] = {"31"};
static const struct industry_lead leads[] = {
    {"新能源汽车", "5", NULL, ev, 2},
    {"集成电路", "1", "information", ic, 1},
    {"精细化工", NULL, NULL, chem, 1},
    {"钢铁深加工", NULL, NULL, steel, 1},
};

static void test_plan(void **state)
{
	struct store *s = *state;
	struct store_industry_plan p = {0}, got;
	struct arena a;
	int64_t before;

	arena_init(&a);
	zone = make_org(s, "抚顺经济开发区", "zone");
	dept = make_org(s, "市发改委", "city_department");
	before = testdb_audit_count(s);

	p.zone_id = zone;
	p.name = "十五五产业发展规划";
	p.r = (struct industry_plan_rules){2026, 2030, "存量支柱", leads, 4};
	assert_int_equal(store_industry_plan_save(s, &cli, &plan_json, &p), KFQ_OK);
	assert_int_equal(testdb_audit_count(s), before + 1);
	assert_int_equal(store_industry_plan_get(s, &a, p.id, &got), KFQ_OK);
	assert_string_equal(got.exception, "pending");
	assert_int_equal(got.r.n_leads, 4);
	assert_int_equal(got.r.leads[0].n_codes, 2);
	assert_string_equal(got.r.leads[0].codes[1], "384");
	assert_string_equal(got.r.leads[1].future, "information");
	assert_null(got.r.leads[2].sei_code);

	/* refusals write nothing */
	assert_int_equal(store_industry_plan_approve(s, &cli, &plan_json, p.id), KFQ_EINVAL);
	struct store_industry_plan twin = p;
	twin.id = 0;
	assert_int_equal(store_industry_plan_save(s, &cli, &plan_json, &twin), KFQ_ECONFLICT);
	assert_int_equal(twin.id, 0);
	twin.zone_id = dept;
	assert_int_equal(store_industry_plan_save(s, &cli, &plan_json, &twin), KFQ_ECONSTRAINT);
	assert_int_equal(testdb_audit_count(s), before + 1);

	/* back to 3: no exception, nothing to approve; the leading industries replaced */
	p.r.n_leads = 3;
	p.r.exception_reason = "";
	assert_int_equal(store_industry_plan_save(s, &cli, &plan_json, &p), KFQ_OK);
	assert_int_equal(store_industry_plan_get(s, &a, p.id, &got), KFQ_OK);
	assert_string_equal(got.exception, "none");
	assert_int_equal(got.r.n_leads, 3);
	assert_int_equal(store_industry_plan_approve(s, &cli, &plan_json, p.id), KFQ_ESTATE);
	assert_int_equal(testdb_audit_count(s), before + 2);
	arena_release(&a);
}

static int64_t add_enterprise(struct store *s, const char *uscc, const char *code)
{
	struct store_enterprise e = {.uscc = uscc,
	                             .name = "示例企业",
	                             .zone_id = zone,
	                             .address = "",
	                             .industry_code = code,
	                             .scale = "above",
	                             .registered_on = "2020-01-01"};
	int64_t existing = 0;

	assert_int_equal(store_enterprise_create(s, &cli, &ent_json, &e, &existing), KFQ_OK);
	return e.id;
}

static void test_sums(void **state)
{
	struct store *s = *state;
	struct store_enterprise_output o = {0};
	struct store_tax_year y = {.year = 2025};
	struct industry_sum *rows;
	struct arena a;
	int64_t e1, e2;
	int n;

	arena_init(&a);
	e1 = add_enterprise(s, "91210400MA0U00000J", "3612");
	e2 = add_enterprise(s, "91210400MA0U00001M", "3612");
	add_enterprise(s, "91210400MA0U00002Q", "3130"); /* no figures at all */
	o = (struct store_enterprise_output){.enterprise_id = e1, .year = 2025, .output_fen = 700};
	assert_int_equal(store_enterprise_output_save(s, &cli, &plan_json, &o), KFQ_OK);
	o.output_fen = 600; /* replaced */
	assert_int_equal(store_enterprise_output_save(s, &cli, &plan_json, &o), KFQ_OK);
	o = (struct store_enterprise_output){.enterprise_id = e2, .year = 2025, .output_fen = 400};
	assert_int_equal(store_enterprise_output_save(s, &cli, &plan_json, &o), KFQ_OK);
	o = (struct store_enterprise_output){
	    .enterprise_id = 999999, .year = 2025, .output_fen = 1};
	assert_int_equal(store_enterprise_output_save(s, &cli, &plan_json, &o), KFQ_ECONSTRAINT);
	y.fen[TAX_VAT] = 30;
	y.present[TAX_VAT] = true;
	y.fen[TAX_CIT] = 12;
	y.present[TAX_CIT] = true;
	assert_int_equal(store_tax_set_year(s, &cli, &ent_json, e1, &y), KFQ_OK);

	assert_int_equal(store_industry_sums(s, &a, zone, 2025, &rows, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].class_code, "3130");
	assert_int_equal(rows[0].enterprises, 1);
	assert_int_equal(rows[0].output_fen, 0);
	assert_string_equal(rows[1].class_code, "3612");
	assert_int_equal(rows[1].enterprises, 2);
	assert_int_equal(rows[1].output_fen, 1000);
	assert_int_equal(rows[1].tax_fen, 42);
	assert_int_equal(store_industry_sums(s, &a, zone, 2024, &rows, &n), KFQ_OK);
	assert_int_equal(rows[1].output_fen, 0);
	arena_release(&a);
}

/* A person on org's roster (its staffing of this year approved first), their id. */
static int64_t roster_person(struct store *s, int64_t org, const char *name, const char *id_number)
{
	struct store_staffing x = {0};
	struct store_person p = {0};
	enum people_rule rule;

	x.org_id = org;
	x.year = notice_year(plan_today(time_now()));
	x.f = (struct staffing_figures){2, 3, 0, 1, 5};
	x.doc_no = "抚编发〔2026〕9号";
	assert_int_equal(store_staffing_set(s, &cli, &people_json, &x, &rule), KFQ_OK);
	p.org_id = org;
	p.name = name;
	p.id_number = id_number;
	p.identity = "institution";
	p.appointment = "appointed";
	p.paid_by_zone = true;
	p.start_date = "2026-01-01";
	assert_int_equal(store_person_create(s, &cli, &people_json, &p, &rule), KFQ_OK);
	return p.id;
}

static void test_invest(void **state)
{
	struct store *s = *state;
	struct store_invest_project p = {0}, got, *list;
	struct store_scope everything = {0};
	struct store_invest_filter f = {.scope = &everything};
	struct invest_problem why;
	struct arena a;
	int64_t before, total, staff;
	int n, days;
	uint8_t key[32];

	arena_init(&a);
	memset(key, 5, sizeof(key));
	store_people_key_set(key);
	staff = roster_person(s, zone, "张三", "11010519491231002X");
	p.zone_id = zone;
	p.p = (struct invest_project){"动力电池项目", "示例集团", "3841", staff, 100, 0, 200, 10};
	p.stage = INVEST_TALKS;
	p.stage_on = "2026-01-10";
	before = testdb_audit_count(s);
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &p, &why), KFQ_OK);
	assert_int_equal(store_invest_move(s, &cli, &invest_json, p.id, INVEST_TALKS, INVEST_SIGNED,
	                                   "2026-03-01", "签约", 50),
	                 KFQ_OK);
	/* a move from a stage it is no longer at: refused, nothing written */
	assert_int_equal(store_invest_move(s, &cli, &invest_json, p.id, INVEST_TALKS, INVEST_LANDED,
	                                   "2026-04-01", NULL, -1),
	                 KFQ_ESTATE);
	assert_int_equal(testdb_audit_count(s), before + 2);
	assert_int_equal(store_invest_get(s, &a, p.id, &got), KFQ_OK);
	assert_int_equal(got.stage, INVEST_SIGNED);
	assert_string_equal(got.stage_on, "2026-03-01");
	assert_int_equal(got.p.realized_fen, 50);
	assert_int_equal(got.n_changes, 2);
	assert_null(got.changes[0].from_stage);
	assert_string_equal(got.changes[1].from_stage, "talks");
	assert_string_equal(got.changes[1].note, "签约");
	assert_int_equal(got.p.staff_person_id, staff);
	assert_string_equal(got.staff_person_name, "张三");
	assert_null(got.staff_left_on);
	assert_string_equal(got.staff_text, "");

	/* stalled by a cutoff: the stage's day at most the cutoff */
	f.zone_id = zone;
	f.stalled_on = "2026-03-01";
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	f.stalled_on = "2026-02-28";
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 0);
	f.stalled_on = NULL;
	f.q = "电池";
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);

	assert_int_equal(store_invest_stall_days(s, &days), KFQ_OK);
	assert_int_equal(days, INVEST_STALL_DAYS_DEFAULT);
	assert_int_equal(store_invest_set_stall_days(s, &cli, &invest_json, 30), KFQ_OK);
	assert_int_equal(store_invest_stall_days(s, &days), KFQ_OK);
	assert_int_equal(days, 30);
	assert_int_equal(testdb_audit_count(s), before + 3);
	arena_release(&a);
}

/* The responsible staff: the zone's own roster only, checked in the write's transaction. */
static void test_invest_staff(void **state)
{
	struct store *s = *state;
	struct store_invest_project p = {0}, twin, got, *list;
	struct store_scope everything = {0};
	struct store_invest_filter f = {.scope = &everything};
	struct invest_problem why;
	enum people_rule rule;
	struct arena a;
	int64_t before, total, own, other, zone2 = make_org(s, "胜利经济开发区", "zone");
	int n;

	arena_init(&a);
	other = roster_person(s, zone2, "李四", "830000199001010012");
	f.zone_id = zone;
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	own = list[0].p.staff_person_id;
	p = list[0];
	before = testdb_audit_count(s);

	/* another zone's person, or one that does not exist: refused, nothing written */
	twin = p;
	twin.id = 0;
	twin.p.staff_person_id = other;
	memset(&why, 0, sizeof(why));
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &twin, &why), KFQ_EINVAL);
	assert_string_equal(why.field, "/staff_person_id");
	assert_int_equal(twin.id, 0);
	p.p.staff_person_id = other;
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &p, &why), KFQ_EINVAL);
	p.p.staff_person_id = other + 1000;
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &p, &why), KFQ_EINVAL);
	assert_int_equal(testdb_audit_count(s), before);

	/* who leaves the roster stays named on the project, which may still change, but is not
	 * named anew */
	assert_int_equal(
	    store_person_end(s, &cli, &people_json, own, "left", "2026-06-30", "辞职", &rule),
	    KFQ_OK);
	p.p.staff_person_id = own;
	p.note = "已离职，待调整责任人";
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &p, &why), KFQ_OK);
	assert_int_equal(store_invest_get(s, &a, p.id, &got), KFQ_OK);
	assert_int_equal(got.p.staff_person_id, own);
	assert_string_equal(got.staff_left_on, "2026-06-30");
	twin.p.staff_person_id = own;
	memset(&why, 0, sizeof(why));
	assert_int_equal(store_invest_save(s, &cli, &invest_json, &twin, &why), KFQ_EINVAL);
	assert_string_equal(why.message, "该人员已离开人员名册，请选择在册人员");
	assert_int_equal(testdb_audit_count(s), before + 2);

	/* a person named on a project is never deleted (people leave the roster by an end date) */
	assert_int_not_equal(store_exec(s, "DELETE FROM person WHERE name = '张三'"), KFQ_OK);
	f.zone_id = 0;
	f.staff_person_id = own;
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].staff_person_name, "张三");
	f.staff_person_id = other;
	assert_int_equal(store_invest_list(s, &a, &f, &list, &n, &total), KFQ_OK);
	assert_int_equal(n, 0);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan),         cmocka_unit_test(test_sums),
	    cmocka_unit_test(test_invest),       cmocka_unit_test(test_invest_staff),
	    cmocka_unit_test(testdb_test_chain),
	};
	if (sodium_init() < 0) /* the roster seals ID numbers */
		return 1;
	return testdb_main(argc, argv, "store_industry", tests, sizeof(tests) / sizeof(tests[0]));
}
