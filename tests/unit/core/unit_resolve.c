/* Tests src/core/unit_resolve.c: group phrases, names and aliases, the 市X fallback, X(Y),
 * normalisation, unknown units with their nearest names, and every unit of the seed. */
#include "core/unit_resolve.h"

#include "core/policy_parse.h"
#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *const fgw_alias[] = {"发改委", "市发展改革委"};
static const char *const swj_alias[] = {"商务局"};
static const char *const sjj_alias[] = {"市营商局", "营商局"};
static const char *const bian_alias[] = {"编办"};

/* A Fushun-like table: ids 1xx departments, 2xx counties, 3xx zones, 4xx others. */
static const struct unit_resolve_org orgs[] = {
    {101, "市发改委", fgw_alias, 2, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {102, "市商务局", swj_alias, 1, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {103, "市财政局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {104, "市科技局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {105, "市工信局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {106, "市人社局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {107, "市委编办", bian_alias, 1, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {108, "市委组织部", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {109, "市数据局", sjj_alias, 2, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {110, "市自然资源局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {111, "市国资委", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {112, "市市场监管局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {201, "新抚区", NULL, 0, UNIT_RESOLVE_COUNTY, UNIT_RESOLVE_LEVEL_NONE},
    {202, "望花区", NULL, 0, UNIT_RESOLVE_COUNTY, UNIT_RESOLVE_LEVEL_NONE},
    {203, "抚顺县", NULL, 0, UNIT_RESOLVE_COUNTY, UNIT_RESOLVE_LEVEL_NONE},
    {301, "抚顺高新技术产业开发区", NULL, 0, UNIT_RESOLVE_ZONE, UNIT_RESOLVE_LEVEL_NATIONAL},
    {302, "抚顺经济开发区", NULL, 0, UNIT_RESOLVE_ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
    {303, "望花经济开发区", NULL, 0, UNIT_RESOLVE_ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
    {304, "新抚市级产业园", NULL, 0, UNIT_RESOLVE_ZONE, UNIT_RESOLVE_LEVEL_MUNICIPAL},
    {401, "抚顺市城建投资集团", NULL, 0, UNIT_RESOLVE_PLATFORM_COMPANY, UNIT_RESOLVE_LEVEL_NONE},
    {402, "市纪委监委", NULL, 0, UNIT_RESOLVE_SUPERVISORY_BODY, UNIT_RESOLVE_LEVEL_NONE},
};

static const int64_t related[] = {104, 105, 111};

static const struct unit_resolve_ctx ctx = {
    orgs,
    sizeof(orgs) / sizeof(orgs[0]),
    related,
    sizeof(related) / sizeof(related[0]),
};

/* want is terminated by 0 */
static void expect(const char *unit, enum unit_resolve_kind kind, enum unit_resolve_group group,
                   const int64_t *want)
{
	struct arena a;
	struct unit_resolution r;
	size_t n = 0;

	arena_init(&a);
	assert_int_equal(unit_resolve(&ctx, unit, &a, &r), KFQ_OK);
	if (r.kind != kind)
		fail_msg("%s: kind %d, want %d", unit, r.kind, kind);
	assert_int_equal(r.group, group);
	for (; want[n]; n++) {
		if (n >= r.n_ids)
			fail_msg("%s: missing id %lld", unit, (long long)want[n]);
		assert_int_equal(r.ids[n], want[n]);
	}
	assert_int_equal(r.n_ids, n);
	arena_release(&a);
}

#define IDS(...) ((const int64_t[]){__VA_ARGS__, 0})
#define NONE     ((const int64_t[]){0})

static void test_groups(void **state)
{
	(void)state;
	const int64_t *counties = IDS(201, 202, 203);

	expect("各县(区)党委、政府", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各县（区）党委、政府", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各县()党委、政府", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各县区", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("县(区)", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各县区党委政府", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各县(区)人民政府", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_COUNTIES, counties);
	expect("各省级开发区党工委、管委会", UNIT_RESOLVE_GROUP,
	       UNIT_RESOLVE_GROUP_PROVINCIAL_ZONES, IDS(301, 302, 303));
	expect("各省级以上开发区管委会", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_PROVINCIAL_ZONES,
	       IDS(301, 302, 303));
	expect("各国家级开发区", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_NATIONAL_ZONES, IDS(301));
	expect("各市级开发区", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_MUNICIPAL_ZONES, IDS(304));
	expect("各开发区党工委、管委会", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_ZONES,
	       IDS(301, 302, 303, 304));
	expect("市直相关部门", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS,
	       IDS(104, 105, 111));
	expect("市直有关部门", UNIT_RESOLVE_GROUP, UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS,
	       IDS(104, 105, 111));
	/* a county-shaped phrase with a foreign suffix is not the group */
	expect("各县(区)财政局", UNIT_RESOLVE_UNKNOWN, UNIT_RESOLVE_GROUP_NONE, NONE);
}

static void test_names(void **state)
{
	(void)state;
	expect("市商务局", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(102));
	expect("商务局", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(102));
	/* 财政局 has no alias: "X matches 市X" */
	expect("财政局", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(103));
	expect("市场监管局", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(112));
	expect("发改委", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(101));
	expect(" 市\xc2\xa0发改委\xe3\x80\x80", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE,
	       IDS(101));
	expect("编办", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(107));
	expect("市数据局(市营商局)", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(109));
	expect("市数据局（营商局）", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(109));
	expect("营商局", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(109));
	expect("市纪委监委", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(402));
	expect("望花区", UNIT_RESOLVE_MATCH, UNIT_RESOLVE_GROUP_NONE, IDS(202));
}

/* names_only (a national document's units): exact names, no alias, no 市X. */
static void test_names_only(void **state)
{
	(void)state;
	struct unit_resolve_ctx national = ctx;
	struct unit_resolution r;
	struct arena a;

	national.names_only = true;
	arena_init(&a);
	assert_int_equal(unit_resolve(&national, "市商务局", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_MATCH);
	assert_int_equal(r.ids[0], 102);
	/* 发改委 is 市发改委's alias, 财政局 would be 市财政局: not for a national document */
	assert_int_equal(unit_resolve(&national, "发改委", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_UNKNOWN);
	assert_string_equal(r.nearest[0], "市发改委");
	assert_int_equal(unit_resolve(&national, "财政局", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_UNKNOWN);
	/* group phrases keep their meaning */
	assert_int_equal(unit_resolve(&national, "各县(区)党委、政府", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_GROUP);
	arena_release(&a);
}

static void test_unknown(void **state)
{
	(void)state;
	struct arena a;
	struct unit_resolution r;

	arena_init(&a);
	assert_int_equal(unit_resolve(&ctx, "市交通局", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_UNKNOWN);
	assert_int_equal(r.n_ids, 0);
	assert_int_equal(r.n_nearest, 3);
	/* distance 2 from 市商务局, 市财政局 …: ties keep table order */
	assert_string_equal(r.nearest[0], "市商务局");
	assert_string_equal(r.nearest[1], "市财政局");
	assert_string_equal(r.nearest[2], "市科技局");

	assert_int_equal(unit_resolve(&ctx, "市人设局", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_UNKNOWN);
	assert_string_equal(r.nearest[0], "市人社局");

	/* an alias counts as the organization's name for distance */
	assert_int_equal(unit_resolve(&ctx, "发改局", &a, &r), KFQ_OK);
	assert_string_equal(r.nearest[0], "市发改委");

	assert_int_equal(unit_resolve(&ctx, "", &a, &r), KFQ_EINVAL);
	assert_int_equal(r.kind, UNIT_RESOLVE_UNKNOWN);
	assert_int_equal(unit_resolve(&ctx, " \xc2\xa0", &a, &r), KFQ_EINVAL);
	assert_int_equal(unit_resolve(&ctx, NULL, &a, &r), KFQ_EINVAL);

	/* fewer organizations than suggestions */
	struct unit_resolve_ctx small = {orgs, 2, NULL, 0};
	assert_int_equal(unit_resolve(&small, "市交通局", &a, &r), KFQ_OK);
	assert_int_equal(r.n_nearest, 2);
	struct unit_resolve_ctx none = {NULL, 0, NULL, 0};
	assert_int_equal(unit_resolve(&none, "市交通局", &a, &r), KFQ_OK);
	assert_int_equal(r.n_nearest, 0);
	assert_int_equal(unit_resolve(&none, "市直相关部门", &a, &r), KFQ_OK);
	assert_int_equal(r.kind, UNIT_RESOLVE_GROUP);
	assert_int_equal(r.n_ids, 0);
	arena_release(&a);
}

static void test_normalize_and_distance(void **state)
{
	(void)state;
	struct arena a;

	arena_init(&a);
	assert_string_equal(unit_resolve_normalize(&a, " 各县（）党委、\xe3\x80\x80政府 "),
	                    "各县(区)党委、政府");
	assert_string_equal(unit_resolve_normalize(&a, "县()县()"), "县(区)县(区)");
	assert_string_equal(unit_resolve_normalize(&a, "ＡＢＣ１２３"), "ABC123");
	assert_int_equal(unit_resolve_distance(&a, "", ""), 0);
	assert_int_equal(unit_resolve_distance(&a, "市商务局", "商务局"), 1);
	assert_int_equal(unit_resolve_distance(&a, "市商务局", "市财政局"), 2);
	assert_int_equal(unit_resolve_distance(&a, "abc", ""), 3);
	assert_int_equal(unit_resolve_distance(&a, "kitten", "sitting"), 3);
	arena_release(&a);
}

/* Every unit the parser finds in the seed resolves (to a match or a group) against the table. */
static void test_seed_units_resolve(void **state)
{
	(void)state;
	char path[4096];
	FILE *f;
	static char buf[65536];
	size_t len;
	struct arena a;
	struct policy_doc d;

	snprintf(path, sizeof(path), "%s/%s", KFQ_TEST_DATA,
	         "fushun-devzone-reform-draft-2025.txt");
	f = fopen(path, "rb");
	assert_non_null(f);
	len = fread(buf, 1, sizeof(buf), f);
	assert_int_equal(fclose(f), 0);
	arena_init(&a);
	assert_int_equal(policy_parse(buf, len, &a, &d), KFQ_OK);
	for (size_t i = 0; i < d.n_articles; i++) {
		const struct policy_article *art = &d.articles[i];
		for (size_t k = 0; k < art->n_lead_units + art->n_responsible_units; k++) {
			const char *u = k < art->n_lead_units
			                    ? art->lead_units[k]
			                    : art->responsible_units[k - art->n_lead_units];
			struct unit_resolution r;
			assert_int_equal(unit_resolve(&ctx, u, &a, &r), KFQ_OK);
			if (r.kind == UNIT_RESOLVE_UNKNOWN)
				fail_msg("article %d: unit %s unresolved", art->number, u);
			assert_true(r.n_ids > 0);
		}
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_groups),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_names_only),
	    cmocka_unit_test(test_unknown),
	    cmocka_unit_test(test_normalize_and_distance),
	    cmocka_unit_test(test_seed_units_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
