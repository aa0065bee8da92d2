/* Tests src/http/router.c: a table of several hundred routes (five more modules' worth) keeps
 * matching by group, in table order, with 405 and Allow for other methods, and its parameters;
 * on the API's own kind of table: literal and ":name" segments, captured parameters, a literal
 * route declared before a parameter one, HEAD answered as GET, 405 (another method matches)
 * against 404 (nothing does), and the Allow header listing each declared method once. */
#include "http/http.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static int handler(struct http_req *req)
{
	(void)req;
	return 0;
}

static char patterns[600][48];

/* 100 modules × 6 routes, each module as the API declares one: list, export before :id, one,
 * create, change, an action. */
static void fill(struct http_router *r)
{
	static const char *const forms[][2] = {
	    {"GET", "/api/m%d"},  {"GET", "/api/m%d/export.xlsx"}, {"GET", "/api/m%d/:id"},
	    {"POST", "/api/m%d"}, {"PUT", "/api/m%d/:id"},         {"POST", "/api/m%d/:id/approve"},
	};
	int k = 0;

	for (int m = 0; m < 100; m++) {
		for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++, k++) {
			struct http_route rt = {.method = forms[f][0], .handler = handler};
			snprintf(patterns[k], sizeof(patterns[k]), forms[f][1], m);
			rt.pattern = patterns[k];
			http_router_add(r, &rt);
		}
	}
}

static int match(struct http_router *r, struct http_req *req, const char *method, const char *path,
                 bool *path_matched)
{
	arena_release(&req->arena);
	req->method = method;
	req->path = path;
	req->route = NULL;
	return http_router_match(r, req, path_matched);
}

static void test_many_routes(void **state)
{
	(void)state;
	struct http_router r = {0};
	struct http_req req = {0};
	bool other;
	fill(&r);
	assert_int_equal(r.nroutes, 600);
	assert_int_equal(r.ngroups, 100);
	/* the module's export, declared before :id, wins over it */
	assert_int_equal(match(&r, &req, "GET", "/api/m73/export.xlsx", &other), 73 * 6 + 1);
	assert_int_equal(match(&r, &req, "GET", "/api/m73/42", &other), 73 * 6 + 2);
	assert_string_equal(http_param(&req, "id"), "42");
	assert_int_equal(match(&r, &req, "POST", "/api/m99/7/approve", &other), 99 * 6 + 5);
	assert_string_equal(http_param(&req, "id"), "7");
	assert_int_equal(match(&r, &req, "POST", "/api/m0", &other), 3);
	assert_ptr_equal(req.route, &r.routes[3]);
	/* HEAD is answered as GET */
	assert_int_equal(match(&r, &req, "HEAD", "/api/m5", &other), 30);
	arena_release(&req.arena);
	http_router_release(&r);
	assert_int_equal(r.nroutes, 0);
}

static void test_other_method_and_unknown_path(void **state)
{
	(void)state;
	struct http_router r = {0};
	struct http_req req = {0};
	bool other;
	fill(&r);
	assert_int_equal(match(&r, &req, "DELETE", "/api/m12/3", &other), -1);
	assert_true(other);
	assert_string_equal(http_router_allowed(&r, &req), "GET, PUT");
	assert_int_equal(match(&r, &req, "GET", "/api/m100", &other), -1);
	assert_false(other);
	assert_int_equal(match(&r, &req, "GET", "/api/m1x", &other), -1);
	assert_false(other);
	assert_int_equal(match(&r, &req, "GET", "/api/m1/", &other), -1);
	assert_int_equal(match(&r, &req, "GET", "/", &other), -1);
	assert_int_equal(match(&r, &req, "GET", "", &other), -1);
	arena_release(&req.arena);
	http_router_release(&r);
}

/* the index each route gets, in declaration order */
enum { ORGS_GET, ORGS_POST, ORGS_EXPORT, ORG_GET, ORG_PUT, USER_LOCK, MILESTONE, FIVE, ROOT };

static struct http_router router;

static int setup(void **state)
{
	static const struct {
		const char *method, *pattern;
	} routes[] = {
	    {"GET", "/api/orgs"},
	    {"POST", "/api/orgs"},
	    {"GET", "/api/orgs/export.xlsx"},
	    {"GET", "/api/orgs/:id"},
	    {"PUT", "/api/orgs/:id"},
	    {"POST", "/api/users/:id/lock"},
	    {"GET", "/api/plans/:plan/milestones/:ms"},
	    {"GET", "/a/b/:p1/:p2/:p3/:p4/:p5"},
	    {"GET", "/"},
	};
	(void)state;
	memset(&router, 0, sizeof(router));
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		struct http_route r = {routes[i].method, routes[i].pattern, handler, NULL, 0};
		http_router_add(&router, &r);
	}
	assert_int_equal(router.nroutes, 9);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	http_router_release(&router);
	return 0;
}

struct probe {
	struct http_req req;
	int index;
	bool path_matched;
};

/* Matches method + path on a fresh request; the caller releases p->req.arena. */
static void probe(struct probe *p, const char *method, const char *path)
{
	memset(p, 0, sizeof(*p));
	arena_init(&p->req.arena);
	p->req.method = method;
	p->req.path = path;
	p->index = http_router_match(&router, &p->req, &p->path_matched);
}

static void test_literal(void **state)
{
	struct probe p;

	(void)state;
	probe(&p, "GET", "/api/orgs");
	assert_int_equal(p.index, ORGS_GET);
	assert_ptr_equal(p.req.route, &router.routes[ORGS_GET]);
	assert_int_equal(p.req.nparams, 0);
	arena_release(&p.req.arena);
	probe(&p, "POST", "/api/orgs");
	assert_int_equal(p.index, ORGS_POST);
	arena_release(&p.req.arena);
	/* the literal route declared first wins over ":id" */
	probe(&p, "GET", "/api/orgs/export.xlsx");
	assert_int_equal(p.index, ORGS_EXPORT);
	assert_null(http_param(&p.req, "id"));
	arena_release(&p.req.arena);
	probe(&p, "GET", "/");
	assert_int_equal(p.index, ROOT);
	arena_release(&p.req.arena);
}

static void test_params(void **state)
{
	struct probe p;

	(void)state;
	probe(&p, "GET", "/api/orgs/42");
	assert_int_equal(p.index, ORG_GET);
	assert_int_equal(p.req.nparams, 1);
	assert_string_equal(http_param(&p.req, "id"), "42");
	assert_null(http_param(&p.req, "plan"));
	arena_release(&p.req.arena);
	probe(&p, "PUT", "/api/orgs/%E5%B8%82");
	assert_int_equal(p.index, ORG_PUT);
	assert_string_equal(http_param(&p.req, "id"), "%E5%B8%82"); /* as given: no decoding */
	arena_release(&p.req.arena);
	probe(&p, "POST", "/api/users/7/lock");
	assert_int_equal(p.index, USER_LOCK);
	assert_string_equal(http_param(&p.req, "id"), "7");
	arena_release(&p.req.arena);
	probe(&p, "GET", "/api/plans/3/milestones/19");
	assert_int_equal(p.index, MILESTONE);
	assert_int_equal(p.req.nparams, 2);
	assert_string_equal(http_param(&p.req, "plan"), "3");
	assert_string_equal(http_param(&p.req, "ms"), "19");
	arena_release(&p.req.arena);
	/* more parameters than HTTP_MAX_PARAMS never match */
	probe(&p, "GET", "/a/b/1/2/3/4/5");
	assert_int_equal(p.index, -1);
	assert_false(p.path_matched);
	arena_release(&p.req.arena);
}

static void test_head(void **state)
{
	struct probe p;

	(void)state;
	probe(&p, "HEAD", "/api/orgs/5");
	assert_int_equal(p.index, ORG_GET);
	assert_string_equal(http_param(&p.req, "id"), "5");
	arena_release(&p.req.arena);
	/* a POST-only path has no HEAD */
	probe(&p, "HEAD", "/api/users/5/lock");
	assert_int_equal(p.index, -1);
	assert_true(p.path_matched);
	arena_release(&p.req.arena);
}

static void test_not_found(void **state)
{
	static const char *const paths[] = {
	    "/api/nope", "/api/orgs/",      "/api/orgs/1/", "/api/orgsx", "/api/org",
	    "",          "/api/orgs/1/x/2", "/API/orgs",    "//api/orgs",
	};
	struct probe p;

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		probe(&p, "GET", paths[i]);
		assert_int_equal(p.index, -1);
		assert_false(p.path_matched);
		assert_null(p.req.route);
		assert_int_equal(p.req.nparams, 0);
		arena_release(&p.req.arena);
	}
}

static void test_method_not_allowed(void **state)
{
	struct probe p;

	(void)state;
	probe(&p, "DELETE", "/api/orgs/42");
	assert_int_equal(p.index, -1);
	assert_true(p.path_matched);
	assert_null(p.req.route);
	assert_int_equal(p.req.nparams, 0); /* no parameters left from the routes tried */
	assert_string_equal(http_router_allowed(&router, &p.req), "GET, PUT");
	arena_release(&p.req.arena);
	probe(&p, "PUT", "/api/orgs");
	assert_true(p.path_matched);
	assert_string_equal(http_router_allowed(&router, &p.req), "GET, POST");
	arena_release(&p.req.arena);
	/* export.xlsx also matches ":id": GET once, then PUT */
	probe(&p, "DELETE", "/api/orgs/export.xlsx");
	assert_true(p.path_matched);
	assert_string_equal(http_router_allowed(&router, &p.req), "GET, PUT");
	assert_int_equal(p.req.nparams, 0);
	arena_release(&p.req.arena);
	/* methods are case-sensitive: "get" is not GET */
	probe(&p, "get", "/api/orgs");
	assert_int_equal(p.index, -1);
	assert_true(p.path_matched);
	arena_release(&p.req.arena);
	probe(&p, "GET", "/api/none");
	assert_string_equal(http_router_allowed(&router, &p.req), "");
	arena_release(&p.req.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_routes),
	    cmocka_unit_test(test_other_method_and_unknown_path),
	    cmocka_unit_test_setup_teardown(test_literal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_params, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_head, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_method_not_allowed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
