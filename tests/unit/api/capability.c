/* Tests src/api/capability.c's helpers against a real database (run with "sqlite" or "pg"):
 * "may the caller's organization do X?", the 403 a handler answers when it may not, personal
 * fields revealed only to an organization holding read_personal, and the session's rights. */
#include "../store/testdb.h"

#include "api/capability.h"
#include "app/capability_json.h"
#include "app/org_json.h"
#include "core/personal.h"
#include "store/store_capability.h"
#include "store/store_org.h"

#include <string.h>

static const struct store_actor office = {0, "cli:unit", 0, "cli"};
static int64_t zone, other;

struct call {
	struct http_req req;
	struct api_ctx c;
};

/* A handler's context for a user of org with role, on this connection. */
static void call_init(struct call *k, struct store *s, int64_t org, const char *role)
{
	memset(k, 0, sizeof(*k));
	arena_init(&k->req.arena);
	strbuf_init(&k->req.resp.body, 0);
	k->c.req = &k->req;
	k->c.a = &k->req.arena;
	k->c.db = s;
	k->c.out = &k->req.resp.body;
	jsonw_init(&k->c.w, k->c.out);
	k->c.sess.user.org_id = org;
	k->c.sess.user.role = role;
}

static void call_release(struct call *k)
{
	strbuf_release(&k->req.resp.body);
	arena_release(&k->req.arena);
}

static int64_t make_org(struct store *s, const char *name)
{
	struct store_org o = {.name = name, .type = "zone", .level = "provincial"};
	const char *taken;

	assert_int_equal(store_org_create(s, &office, &org_json_audit, &o, &taken), KFQ_OK);
	return o.id;
}

static void test_may(void **state)
{
	struct store *s = *state;
	struct store_capability_grant g = {0};
	struct call k;
	bool may = true;

	zone = make_org(s, "抚顺经济开发区");
	other = make_org(s, "抚顺胜利经济开发区");
	call_init(&k, s, zone, "zone");
	assert_int_equal(api_org_may(&k.c, CAP_READ_PERSONAL, &may), 0);
	assert_false(may);
	g.org_id = zone;
	g.capability = "read_personal";
	assert_int_equal(store_capability_grant(s, &office, &capability_json_audit, &g), KFQ_OK);
	assert_int_equal(api_org_may(&k.c, CAP_READ_PERSONAL, &may), 0);
	assert_true(may);
	assert_int_equal(api_org_may(&k.c, CAP_APPROVE_STAFFING, &may), 0);
	assert_false(may);
	assert_int_equal(k.req.resp.status, 0); /* nothing answered */
	call_release(&k);
}

static void test_require(void **state)
{
	struct store *s = *state;
	struct call k;

	call_init(&k, s, zone, "zone");
	assert_int_equal(api_require_capability(&k.c, CAP_READ_PERSONAL), 0);
	assert_int_equal(k.req.resp.status, 0);
	assert_int_equal(api_require_capability(&k.c, CAP_APPROVE_STAFFING), -1);
	assert_int_equal(k.req.resp.status, 403);
	assert_string_equal(k.req.resp.body.buf,
	                    "{\"error\":{\"code\":\"capability_required\",\"message\":\"本单位没有“"
	                    "核定机构编制”的职能授权，请联系工作专班办公室\",\"field\":null}}");
	call_release(&k);
	/* another organization of the same role does not hold what zone holds */
	call_init(&k, s, other, "zone");
	assert_int_equal(api_require_capability(&k.c, CAP_READ_PERSONAL), -1);
	assert_int_equal(k.req.resp.status, 403);
	call_release(&k);
}

static void write_phone(struct call *k)
{
	jsonw_obj_open(&k->c.w);
	personal_kstr(&k->c.w, "phone", PERSONAL_PHONE, "13812345678");
	jsonw_obj_close(&k->c.w);
}

static void test_reveal(void **state)
{
	struct store *s = *state;
	struct call k;

	call_init(&k, s, zone, "zone");
	assert_int_equal(api_reveal_personal(&k.c), 0);
	assert_true(k.c.w.reveal_personal);
	write_phone(&k);
	assert_string_equal(k.c.out->buf, "{\"phone\":\"13812345678\"}");
	call_release(&k);
	/* a supervisor without the grant sees it masked like everyone else */
	call_init(&k, s, other, "supervisor");
	assert_int_equal(api_reveal_personal(&k.c), 0);
	assert_false(k.c.w.reveal_personal);
	write_phone(&k);
	assert_string_equal(k.c.out->buf, "{\"phone\":\"138****5678\"}");
	call_release(&k);
}

static void test_rights(void **state)
{
	struct store *s = *state;
	struct store_user u = {.org_id = zone, .role = "zone"};
	struct call k;

	call_init(&k, s, zone, "zone");
	jsonw_obj_open(&k.c.w);
	assert_int_equal(api_write_rights(&k.c, &u), 0);
	jsonw_obj_close(&k.c.w);
	assert_string_equal(
	    k.c.out->buf,
	    "{\"capabilities\":[\"read_personal\"],\"permissions\":["
	    "\"dashboard\",\"org_read\",\"task_read\",\"plan_write\","
	    "\"notice_read\",\"notice_reply\",\"enterprise_read\","
	    "\"enterprise_write\",\"revshare_read\",\"power_read\","
	    "\"power_write\",\"budget_read\",\"people_read\","
	    "\"people_write\",\"land_read\",\"land_write\","
	    "\"industry_read\",\"industry_write\",\"platform_read\",\"platform_write\"]}");
	call_release(&k);
	u.org_id = other;
	u.role = "auditor";
	call_init(&k, s, other, "auditor");
	jsonw_obj_open(&k.c.w);
	assert_int_equal(api_write_rights(&k.c, &u), 0);
	jsonw_obj_close(&k.c.w);
	assert_string_equal(k.c.out->buf,
	                    "{\"capabilities\":[],\"permissions\":[\"dashboard\",\"audit_read\"]}");
	call_release(&k);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_may),
	    cmocka_unit_test(test_require),
	    cmocka_unit_test(test_reveal),
	    cmocka_unit_test(test_rights),
	};
	return testdb_main(argc, argv, "api_capability", tests, sizeof(tests) / sizeof(tests[0]));
}
