/* Tests src/http/router.c: a table of several hundred routes (five more modules' worth) keeps
 * matching by group, in table order, with 405 and Allow for other methods, and its parameters. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_routes),
	    cmocka_unit_test(test_other_method_and_unknown_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
