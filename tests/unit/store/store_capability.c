/* Tests src/store/store_capability.c on SQLite and PostgreSQL alike (run with "sqlite" or
 * "pg"): grants with their audit records in the same transaction, refusals that write nothing
 * (duplicate, unknown organization, unknown code), the list's filters and pages, what an
 * organization holds, revocation, and seeding from an imported policy's articles once per
 * capability; the audit chain verifies at the end. */
#include "testdb.h"

#include "store/store_capability.h"
#include "store/store_org.h"
#include "store/store_task.h"
#include "util/jsonw.h"

#include <string.h>

static const struct store_actor office = {0, "cli:unit", 0, "cli"};

/* The audit records' shapes: small ones of the test's own (the store takes the caller's). */
static void grant_shape(struct jsonw *w, const struct store_capability_grant *g)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "capability", g->capability);
	jsonw_kstr(w, "granted_by_name", g->granted_by_name);
	jsonw_kint(w, "id", g->id);
	jsonw_kstr(w, "note", g->note);
	jsonw_kint(w, "org_id", g->org_id);
	jsonw_kstr(w, "org_name", g->org_name);
	jsonw_obj_close(w);
}

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}

static void policy_shape(struct jsonw *w, const struct store_policy *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", p->id);
	jsonw_obj_close(w);
}

static void task_shape(struct jsonw *w, const struct store_task *t)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", t->id);
	jsonw_obj_close(w);
}

static const struct store_capability_json grant_json = {.grant = grant_shape};
static const struct store_org_json org_json = {.org = org_shape};
static const struct store_task_json task_json = {
    .policy = policy_shape, .task = task_shape, .grants = &grant_json};

/* organizations made by the first test */
static int64_t bianban, caizheng, shangwu, keji, renshe, zone;

static int64_t make_org(struct store *s, const char *name, const char *type, const char *alias)
{
	struct store_org o = {0};
	const char *taken = NULL;
	const char *aliases[] = {alias};

	o.name = name;
	o.type = type;
	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	o.aliases = alias ? aliases : NULL;
	o.naliases = alias ? 1 : 0;
	assert_int_equal(store_org_create(s, &office, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static int64_t grant(struct store *s, int64_t org, const char *code, const char *note, int want)
{
	struct store_capability_grant g = {0};

	g.org_id = org;
	g.capability = code;
	g.note = note;
	assert_int_equal(store_capability_grant(s, &office, &grant_json, &g), want);
	return g.id;
}

static void test_grant(void **state)
{
	struct store *s = *state;
	struct store_capability_grant g;
	struct store_audit_filter f = {0};
	struct store_audit_row *rows;
	struct arena a;
	int64_t id, total, before;
	int n;

	arena_init(&a);
	bianban = make_org(s, "市委编办", "city_department", "委编办");
	caizheng = make_org(s, "市财政局", "city_department", "财政局");
	shangwu = make_org(s, "市商务局", "city_department", NULL);
	keji = make_org(s, "市科技局", "city_department", NULL);
	renshe = make_org(s, "市人社局", "city_department", NULL);
	zone = make_org(s, "抚顺经济开发区", "zone", NULL);

	before = testdb_audit_count(s);
	id = grant(s, bianban, "approve_staffing", "编制审批", KFQ_OK);
	assert_true(id > 0);
	assert_int_equal(testdb_audit_count(s), before + 1);
	assert_int_equal(store_capability_get(s, &a, id, &g), KFQ_OK);
	assert_int_equal(g.org_id, bianban);
	assert_string_equal(g.org_name, "市委编办");
	assert_string_equal(g.org_type, "city_department");
	assert_string_equal(g.capability, "approve_staffing");
	assert_int_equal(g.granted_by, 0);
	assert_string_equal(g.granted_by_name, "cli:unit");
	assert_string_equal(g.note, "编制审批");
	assert_int_equal(strlen(g.granted_at), 20);
	/* the audit record: the grant as it was written, in the same transaction */
	f.entity_type = "org_capability";
	assert_int_equal(store_audit_list(s, &a, &f, &rows, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_string_equal(rows[0].rec.action, "grant");
	assert_string_equal(rows[0].rec.entity_id, arena_printf(&a, "%lld", (long long)id));
	assert_null(rows[0].rec.before_json);
	assert_string_equal(
	    rows[0].rec.after_json,
	    arena_printf(&a,
	                 "{\"capability\":\"approve_staffing\",\"granted_by_name\":"
	                 "\"cli:unit\",\"id\":%lld,\"note\":\"编制审批\",\"org_id\":"
	                 "%lld,\"org_name\":\"市委编办\"}",
	                 (long long)id, (long long)bianban));
	arena_release(&a);
}

static void test_refusals(void **state)
{
	struct store *s = *state;
	int64_t before = testdb_audit_count(s), rows;

	grant(s, bianban, "approve_staffing", NULL, KFQ_ECONFLICT);
	grant(s, 999999, "approve_staffing", NULL, KFQ_ECONSTRAINT);
	grant(s, bianban, "approve", NULL, KFQ_EINVAL);
	grant(s, bianban, NULL, NULL, KFQ_EINVAL);
	assert_int_equal(testdb_audit_count(s), before);
	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM org_capability", &rows), KFQ_OK);
	assert_int_equal(rows, 1);
}

static void test_list_and_holders(void **state)
{
	struct store *s = *state;
	struct store_capability_filter f = {0};
	struct store_capability_grant *g;
	struct arena a;
	const char **codes;
	int64_t total;
	bool has;
	int n;

	arena_init(&a);
	grant(s, caizheng, "confirm_revenue", NULL, KFQ_OK);
	grant(s, caizheng, "ack_pay_filing", "薪酬方案备案", KFQ_OK);
	grant(s, zone, "read_personal", NULL, KFQ_OK);
	/* everything, by organization and then grant */
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 4);
	assert_int_equal(n, 4);
	assert_int_equal(g[0].org_id, bianban);
	assert_string_equal(g[1].capability, "confirm_revenue");
	assert_string_equal(g[2].capability, "ack_pay_filing");
	assert_int_equal(g[3].org_id, zone);
	/* by capability, organization, name, alias and note; pages */
	f.capability = "ack_pay_filing";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_int_equal(g[0].org_id, caizheng);
	f.capability = NULL;
	f.org_id = caizheng;
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 2);
	f.org_id = 0;
	f.q = "委编";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_int_equal(g[0].org_id, bianban);
	f.q = "财政局"; /* the name, and the alias too: one grant each time, not two */
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 2);
	f.q = "备案";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_string_equal(g[0].note, "薪酬方案备案");
	f.q = "%";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 0);
	f.q = NULL;
	f.limit = 3;
	f.offset = 3;
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 4);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].org_id, zone);
	/* what one organization holds, sorted */
	assert_int_equal(store_capability_of_org(s, &a, caizheng, &codes, &n), KFQ_OK);
	assert_int_equal(n, 2);
	assert_string_equal(codes[0], "ack_pay_filing");
	assert_string_equal(codes[1], "confirm_revenue");
	assert_int_equal(store_capability_of_org(s, &a, shangwu, &codes, &n), KFQ_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_capability_org_has(s, zone, "read_personal", &has), KFQ_OK);
	assert_true(has);
	assert_int_equal(store_capability_org_has(s, zone, "approve_staffing", &has), KFQ_OK);
	assert_false(has);
	arena_release(&a);
}

static void test_revoke(void **state)
{
	struct store *s = *state;
	struct store_capability_filter f = {.capability = "read_personal"};
	struct store_audit_filter af = {.action = "revoke"};
	struct store_capability_grant *g;
	struct store_audit_row *rows;
	struct arena a;
	int64_t total, before = testdb_audit_count(s);
	bool has;
	int n;

	arena_init(&a);
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_capability_revoke(s, &office, &grant_json, g[0].id), KFQ_OK);
	assert_int_equal(testdb_audit_count(s), before + 1);
	assert_int_equal(store_capability_org_has(s, zone, "read_personal", &has), KFQ_OK);
	assert_false(has);
	assert_int_equal(store_audit_list(s, &a, &af, &rows, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_null(rows[0].rec.after_json);
	assert_non_null(strstr(rows[0].rec.before_json, "\"capability\":\"read_personal\""));
	/* again: nothing to revoke, nothing audited */
	assert_int_equal(store_capability_revoke(s, &office, &grant_json, g[0].id), KFQ_ENOTFOUND);
	assert_int_equal(testdb_audit_count(s), before + 1);
	arena_release(&a);
}

/* Imports a policy with the given articles; returns the policy id. */
static int64_t import(struct store *s, const char *sha, int ntasks, struct store_task *tasks)
{
	struct store_policy p = {0};

	p.title = "测试政策";
	p.encoding = "UTF-8";
	p.source_sha256 = sha;
	p.source_text = sha;
	p.parsed_json = "{}";
	assert_int_equal(store_policy_import(s, &office, &task_json, &p, tasks, ntasks), KFQ_OK);
	return p.id;
}

static void test_seed(void **state)
{
	struct store *s = *state;
	struct store_org_ref lead6[] = {{caizheng, NULL}}, resp6[] = {{shangwu, NULL}};
	struct store_org_ref lead14[] = {{shangwu, NULL}, {keji, NULL}};
	struct store_org_ref resp14[] = {{caizheng, NULL}, {renshe, NULL}, {zone, NULL}};
	struct store_org_ref lead7[] = {{renshe, NULL}};
	struct store_task tasks[] = {
	    {.article_number = 6,
	     .title = "健全财力分成机制",
	     .body = "…",
	     .lead = lead6,
	     .nlead = 1,
	     .responsible = resp6,
	     .nresponsible = 1},
	    {.article_number = 7,
	     .title = "优化机构编制配置",
	     .body = "…",
	     .lead = lead7,
	     .nlead = 1},
	    {.article_number = 14,
	     .title = "完善考核评价体系",
	     .body = "…",
	     .lead = lead14,
	     .nlead = 2,
	     .responsible = resp14,
	     .nresponsible = 3},
	};
	struct store_capability_filter f = {0};
	struct store_capability_grant *g;
	struct arena a;
	int64_t total, before = testdb_audit_count(s), seeded;
	int n;

	arena_init(&a);
	for (size_t i = 0; i < 3; i++)
		tasks[i].lead_units = tasks[i].responsible_units = "[]";
	/* held so far: 编办 approve_staffing, 财政局 confirm_revenue and ack_pay_filing. Art. 6
	 * gives confirm_revenue to 财政局 (held: kept as it is); art. 7 gives approve_staffing to
	 * 人社局; art. 14 gives ack_pay_filing to 商务局, 科技局, 财政局 (held) and 人社局, not to
	 * the zone (not a city department) */
	int64_t policy = import(s, "sha-1", 3, tasks);
	assert_int_equal(testdb_audit_count(s), before + 1 + 3 + 4);
	f.capability = "ack_pay_filing";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 4);
	assert_int_equal(g[0].org_id, caizheng);
	assert_string_equal(g[0].note, "薪酬方案备案"); /* the office's grant untouched */
	assert_int_equal(g[1].org_id, shangwu);
	assert_string_equal(g[1].note, "依据第14条“完善考核评价体系”生成");
	assert_int_equal(g[2].org_id, keji);
	assert_int_equal(g[3].org_id, renshe);
	f.capability = "approve_staffing";
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 2);
	assert_int_equal(g[1].org_id, renshe);
	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM capability_seed", &seeded),
	                 KFQ_OK);
	assert_int_equal(seeded, 3);
	assert_int_equal(store_query_int(s,
	                                 "SELECT policy_id FROM capability_seed WHERE capability = "
	                                 "'ack_pay_filing' AND article_number = 14",
	                                 &seeded),
	                 KFQ_OK);
	assert_int_equal(seeded, policy);

	/* the office revokes one; a revised draft imported later seeds nothing again */
	assert_int_equal(store_capability_revoke(s, &office, &grant_json, g[1].id), KFQ_OK);
	before = testdb_audit_count(s);
	import(s, "sha-2", 3, tasks);
	assert_int_equal(testdb_audit_count(s), before + 1 + 3);
	assert_int_equal(store_capability_list(s, &a, &f, &g, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grant),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_list_and_holders),
	    cmocka_unit_test(test_revoke),
	    cmocka_unit_test(test_seed),
	    cmocka_unit_test(testdb_test_chain),
	};
	return testdb_main(argc, argv, "store_capability", tests, sizeof(tests) / sizeof(tests[0]));
}
