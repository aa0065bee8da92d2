/* Tests src/store/store_inbox.c on SQLite and PostgreSQL alike (run with "sqlite" or "pg"): who
 * an item reaches — an organization's accounts, the roles with a permission, the accounts whose
 * data scope covers an organization (all, own, an ancestor's org_and_below, a custom set), the
 * accounts of organizations holding a capability, one account — each once, never the actor nor
 * a disabled account; one item per audited step without a dedupe key; an entry naming nobody
 * refused; kfq remind's own transaction skipping what it already gave. */
#include "testdb.h"

#include "core/account.h"
#include "store/store_inbox.h"
#include "store/store_org.h"
#include "store/store_user.h"
#include "util/jsonw.h"

#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

static void org_shape(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", o->id);
	jsonw_obj_close(w);
}

static void user_shape(struct jsonw *w, const struct store_user *u)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", u->id);
	jsonw_obj_close(w);
}

static const struct store_org_json org_json = {.org = org_shape};
static const struct store_user_json user_json = {.user = user_shape};

/* the organizations and accounts the first test makes */
static int64_t county, zone, other_zone, finance;
static int64_t office_all, office_org, office_below, office_custom, office_other;
static int64_t zone_a, zone_b, zone_off, county_u, finance_u;

static int64_t make_org(struct store *s, const char *name, const char *type, int64_t parent)
{
	struct store_org o = {0};
	const char *taken = NULL;

	o.name = name;
	o.type = type;
	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	o.parent_id = parent;
	assert_int_equal(store_org_create(s, &cli, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static int64_t make_user(struct store *s, const char *name, int64_t org, const char *role,
                         const char *scope, int64_t *custom, int ncustom)
{
	struct store_user u = {0};

	u.username = name;
	u.display_name = name;
	u.org_id = org;
	u.role = role;
	u.data_scope = scope;
	u.scope_org_ids = custom;
	u.nscope = ncustom;
	assert_int_equal(store_user_create(s, &cli, &user_json, &u, "$argon2id$unit"), KFQ_OK);
	return u.id;
}

/* How many items account user has. */
static int64_t items(struct store *s, int64_t user)
{
	int64_t n = -1;

	assert_int_equal(store_inbox_unread(s, user, &n), KFQ_OK);
	return n;
}

/* Sends one item with the recipient entries given, in a transaction with an audit record (as
 * a step does); returns what store_inbox_send returned and *added. */
static int send(struct store *s, const struct store_actor *who, const struct inbox_to *to, int nto,
                const char *key, int *added)
{
	struct inbox_item it = {.kind = "plan_submitted",
	                        .title = "一区一策计划待审核",
	                        .link = "/plans/1",
	                        .entity_type = "plan",
	                        .entity_id = 1,
	                        .dedupe_key = key};
	int rc;

	for (int i = 0; i < nto; i++)
		it.to[it.nto++] = to[i];
	assert_int_equal(store_begin(s), KFQ_OK);
	rc = store_audit_append(s, who, "submit", "plan", "1", NULL, "{}");
	if (rc == KFQ_OK)
		rc = store_inbox_send(s, who, &it, added);
	assert_int_equal(store_end(s, KFQ_OK), KFQ_OK);
	return rc;
}

static void test_recipients(void **state)
{
	struct store *s = *state;
	int64_t custom[] = {0};
	int added;

	county = make_org(s, "东洲区", "county", 0);
	zone = make_org(s, "抚顺高新技术产业开发区", "zone", county);
	other_zone = make_org(s, "抚顺胜利经济开发区", "zone", 0);
	finance = make_org(s, "市财政局", "city_department", 0);
	custom[0] = zone;
	office_all = make_user(s, "office_all", finance, "office", "all", NULL, 0);
	office_org = make_user(s, "office_org", finance, "office", "org", NULL, 0);
	office_below = make_user(s, "office_below", county, "office", "org_and_below", NULL, 0);
	office_custom = make_user(s, "office_custom", finance, "office", "custom", custom, 1);
	custom[0] = other_zone;
	office_other = make_user(s, "office_other", finance, "office", "custom", custom, 1);
	zone_a = make_user(s, "zone_a", zone, "zone", "org", NULL, 0);
	zone_b = make_user(s, "zone_b", zone, "zone", "org", NULL, 0);
	zone_off = make_user(s, "zone_off", zone, "zone", "org", NULL, 0);
	county_u = make_user(s, "county_u", county, "county", "org_and_below", NULL, 0);
	finance_u = make_user(s, "finance_u", finance, "department", "org", NULL, 0);
	assert_int_equal(
	    store_exec(s, "UPDATE app_user SET disabled = 1 WHERE username = 'zone_off'"), KFQ_OK);

	/* the reviewers whose scope covers the zone: all, its ancestor's org_and_below, a custom
	 * set naming it; not an office account scoped to its own organization or another set */
	struct inbox_to reviewers = {.perm = PERM_PLAN_REVIEW, .scope_of = zone};
	assert_int_equal(send(s, &cli, &reviewers, 1, NULL, &added), KFQ_OK);
	assert_int_equal(added, 3);
	assert_int_equal(items(s, office_all), 1);
	assert_int_equal(items(s, office_below), 1);
	assert_int_equal(items(s, office_custom), 1);
	assert_int_equal(items(s, office_org), 0);
	assert_int_equal(items(s, office_other), 0);
	/* the county account covers the zone too, but has not the permission */
	assert_int_equal(items(s, county_u), 0);

	/* the zone's active accounts and one named account, which is one of them: each once, the
	 * actor (zone_a) not at all, the disabled one not at all */
	struct store_actor za = {zone_a, "zone_a", zone, "127.0.0.1"};
	struct inbox_to org_and_one[] = {{.org_id = zone}, {.user_id = zone_b}};
	assert_int_equal(send(s, &za, org_and_one, 2, NULL, &added), KFQ_OK);
	assert_int_equal(added, 1);
	assert_int_equal(items(s, zone_b), 1);
	assert_int_equal(items(s, zone_a), 0);
	assert_int_equal(items(s, zone_off), 0);

	/* the accounts of the organizations holding a capability */
	assert_int_equal(store_exec(s, "INSERT INTO org_capability (org_id, capability, "
	                               "granted_by_name, granted_at) SELECT id, 'confirm_revenue', "
	                               "'cli:unit', '2026-11-30T00:00:00Z' FROM org WHERE name = "
	                               "'市财政局'"),
	                 KFQ_OK);
	struct inbox_to holders = {.capability = "confirm_revenue", .perm = PERM_NOTICE_REPLY};
	assert_int_equal(send(s, &cli, &holders, 1, NULL, &added), KFQ_OK);
	assert_int_equal(added, 1); /* finance_u: the office accounts there cannot reply */
	assert_int_equal(items(s, finance_u), 1);

	/* an organization narrowed to a permission: its accounts that have it (finance_u), not its
	 * office accounts (an organization alone has a statement of its own) */
	struct inbox_to org_perm = {.org_id = finance, .perm = PERM_NOTICE_REPLY};
	assert_int_equal(send(s, &cli, &org_perm, 1, NULL, &added), KFQ_OK);
	assert_int_equal(added, 1);
	assert_int_equal(items(s, finance_u), 2);
	assert_int_equal(items(s, office_org), 0);

	/* an entry that names nobody in particular is refused */
	struct inbox_to nobody = {0};
	assert_int_equal(send(s, &cli, &nobody, 1, NULL, &added), KFQ_EINVAL);
}

static void test_one_per_step(void **state)
{
	struct store *s = *state;
	struct inbox_to to = {.user_id = zone_b};
	int64_t before = items(s, zone_b);
	int added;

	/* without a key each audited step is news of its own, however alike */
	assert_int_equal(send(s, &cli, &to, 1, NULL, &added), KFQ_OK);
	assert_int_equal(send(s, &cli, &to, 1, NULL, &added), KFQ_OK);
	assert_int_equal(items(s, zone_b), before + 2);
	/* with one, the same key is given once */
	assert_int_equal(send(s, &cli, &to, 1, "notice:n7", &added), KFQ_OK);
	assert_int_equal(send(s, &cli, &to, 1, "notice:n7", &added), KFQ_OK);
	assert_int_equal(added, 0);
	assert_int_equal(items(s, zone_b), before + 3);
}

static void test_remind_batch(void **state)
{
	struct store *s = *state;
	struct inbox_item it[2] = {
	    {.kind = "overdue",
	     .title = "已逾期",
	     .link = "/tasks/1",
	     .dedupe_key = "overdue:m1:x"},
	    {.kind = "due_soon", .title = "即将到期", .link = "/tasks/1", .dedupe_key = "due:m2:x"},
	};
	int added, users;

	it[0].to[it[0].nto++] = (struct inbox_to){.org_id = zone};
	it[1].to[it[1].nto++] = (struct inbox_to){.org_id = county};
	assert_int_equal(store_inbox_add(s, it, 2, &added, &users), KFQ_OK);
	/* zone_a and zone_b; office_below and county_u */
	assert_int_equal(added, 4);
	assert_int_equal(users, 4);
	assert_int_equal(store_inbox_add(s, it, 2, &added, &users), KFQ_OK);
	assert_int_equal(added, 0);
	assert_int_equal(users, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_recipients),
	    cmocka_unit_test(test_one_per_step),
	    cmocka_unit_test(test_remind_batch),
	};
	return testdb_main(argc, argv, "store_inbox", tests, sizeof(tests) / sizeof(tests[0]));
}
