/* Tests src/core/industry_plan.c: 战略性新兴产业分类(2018) as shipped (9 areas, 40 中类), a plan's
 * rules (named in the errors), an enterprise's leading industry and the shares, worked by
 * hand. */
#include "core/industry_plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static struct arena a;
static struct industry_catalog cat;
static struct sei_catalog sei;

static int setup(void **state)
{
	struct industry_problem p;
	(void)state;

	arena_init(&a);
	if (industry_parse(industry_builtin_text, &a, &cat, &p) != 0 ||
	    sei_parse(sei_builtin_text, &a, &sei, &p) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&a);
	return 0;
}

static void test_areas(void **state)
{
	static const char *const names[] = {"新一代信息技术产业", "高端装备制造产业", "新材料产业",
	                                    "生物产业",           "新能源汽车产业",   "新能源产业",
	                                    "节能环保产业",       "数字创意产业",     "相关服务业"};
	/* 中类 per area as the classification publishes them: 5+5+7+5+4+5+3+4+2 = 40 */
	static const int mids[] = {5, 5, 7, 5, 4, 5, 3, 4, 2};
	int under[9] = {0};
	struct sei_catalog bad;
	struct industry_problem p;
	int area = -1, n_areas = 0;
	(void)state;

	assert_int_equal(sei.n, 49);
	assert_int_equal(sei.per_level[0], 9);
	assert_int_equal(sei.per_level[1], 40);
	/* the 小类 are not shipped (docs/DECISIONS.md): the count says so until they are */
	assert_int_equal(sei.per_level[2], 0);
	for (size_t i = 0; i < sei.n; i++) {
		const struct sei_category *x = &sei.items[i];
		/* room for any two ints: gcc -O3 checks the format, not the counts */
		char want[32];
		assert_ptr_equal(sei_find(&sei, x->code), x); /* codes are unique */
		if (x->level == 1) {
			area = (int)i;
			snprintf(want, sizeof(want), "%d", ++n_areas);
			assert_string_equal(x->code, want);
			assert_int_equal(x->parent, -1);
			assert_string_equal(x->name, names[n_areas - 1]);
			continue;
		}
		/* a 中类 is its area's code, a dot and its place under the area */
		assert_int_equal(x->level, 2);
		assert_int_equal(x->parent, area);
		snprintf(want, sizeof(want), "%d.%d", n_areas, ++under[n_areas - 1]);
		assert_string_equal(x->code, want);
	}
	assert_memory_equal(under, mids, sizeof(under));
	assert_string_equal(sei_find(&sei, "5")->name, "新能源汽车产业");
	assert_string_equal(sei_find(&sei, "1.1")->name, "下一代信息网络产业");
	assert_string_equal(sei_find(&sei, "1.5")->name, "人工智能");
	assert_string_equal(sei_find(&sei, "3.5")->name, "高性能纤维及制品和复合材料");
	assert_string_equal(sei_find(&sei, "5.2")->name, "新能源汽车装置、配件制造");
	assert_string_equal(sei_find(&sei, "9.2")->name, "其他相关服务");
	assert_null(sei_find(&sei, "10"));
	assert_null(sei_find(&sei, "1.6"));
	assert_null(sei_find(&sei, "9.3"));
	assert_int_equal(sei_parse("1\tA\n3\tC\n", &a, &bad, &p), -1);
	assert_int_equal(p.line, 2);
	assert_int_equal(sei_parse("1\tA\n", &a, &bad, &p), -1);
	assert_int_equal(p.line, 0);
	assert_int_equal(sei_parse("1 A\n", &a, &bad, &p), -1);
}

static void test_levels(void **state)
{
	static const char nine[] = "2\tB\n3\tC\n4\tD\n5\tE\n6\tF\n7\tG\n8\tH\n9\tI\n";
	char path[SEI_PATH_MAX], text[256];
	struct sei_catalog c;
	struct industry_problem p;
	(void)state;

	assert_string_equal(sei_path(&sei, sei_find(&sei, "1.5"), path, sizeof(path)),
	                    "新一代信息技术产业 / 人工智能");
	assert_string_equal(sei_path(&sei, sei_find(&sei, "7"), path, sizeof(path)),
	                    "节能环保产业");
	/* three levels, numbers rising with gaps allowed */
	snprintf(text, sizeof(text), "1\tA\n1.1\tAa\n1.1.1\tAa1\n1.3\tAc\n%s", nine);
	assert_int_equal(sei_parse(text, &a, &c, &p), 0);
	assert_int_equal(c.per_level[0], 9);
	assert_int_equal(c.per_level[1], 2);
	assert_int_equal(c.per_level[2], 1);
	assert_int_equal(sei_find(&c, "1.1.1")->parent, 1);
	assert_int_equal(sei_find(&c, "1.3")->parent, 0);
	assert_string_equal(sei_path(&c, sei_find(&c, "1.1.1"), path, sizeof(path)),
	                    "A / Aa / Aa1");
	/* each refused at its line: out of order, under another area, a leading zero, a fourth
	 * level, a 小类 with no 中类 before it, not a number */
	static const char *const wrong[] = {"1\tA\n1.2\tB\n1.1\tC\n", "1\tA\n2.1\tB\n",
	                                    "1\tA\n1.01\tB\n",        "1\tA\n1.1\tB\n1.1.1.1\tC\n",
	                                    "1\tA\n1.1.1\tB\n",       "1\tA\n1.x\tB\n"};
	static const int line[] = {3, 2, 2, 3, 2, 2};
	for (size_t i = 0; i < sizeof(line) / sizeof(line[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", wrong[i], nine);
		assert_int_equal(sei_parse(text, &a, &c, &p), -1);
		assert_int_equal(p.line, line[i]);
	}
}
static const char *c_ev[] = {"3612", "384"};  /* 新能源车整车, 电池 */
static const char *c_ic[] = {"3973", "3974"}; /* 集成电路制造, 显示器件 */
static const char *c_chem[] = {"26"};         /* 化学原料和化学制品制造业 */
static const char *c_steel[] = {"31"};        /* 黑色金属冶炼 */

static struct industry_lead leads[] = {
    {"新能源汽车", "5", NULL, c_ev, 2},
    {"集成电路", "1", "information", c_ic, 2},
    {"精细化工", NULL, NULL, c_chem, 1},
    {"钢铁深加工", NULL, NULL, c_steel, 1},
};

/* An approved exception holds for the same years, reason and leading industries, whatever the
 * plan is called; a change to any of them asks again. */
static void test_same_exception(void **state)
{
	const char *reason = "钢铁深加工为存量支柱，转型期保留";
	struct industry_plan_rules was = {2026, 2030, reason, leads, 4};
	struct industry_plan_rules b = was;
	struct industry_lead copy[4];
	const char *steel[] = {"31"};
	(void)state;

	memcpy(copy, leads, sizeof(copy));
	b.leads = copy;
	b.exception_reason = "钢铁深加工为存量支柱，转型期保留"; /* another copy of the text */
	assert_true(industry_plan_same_exception(&was, &b));
	copy[2].sei_code = ""; /* as read back: an empty category is none */
	assert_true(industry_plan_same_exception(&was, &b));
	b.end_year = 2031;
	assert_false(industry_plan_same_exception(&was, &b));
	b.end_year = 2030;
	b.exception_reason = "另一理由";
	assert_false(industry_plan_same_exception(&was, &b));
	b.exception_reason = reason;
	copy[3].codes = steel;
	assert_true(industry_plan_same_exception(&was, &b)); /* the same code, another array */
	steel[0] = "32";
	assert_false(industry_plan_same_exception(&was, &b));
	steel[0] = "31";
	copy[1].future = NULL;
	assert_false(industry_plan_same_exception(&was, &b));
	copy[1].future = "information";
	copy[0].name = "新能源汽车及零部件";
	assert_false(industry_plan_same_exception(&was, &b));
	copy[0].name = "新能源汽车";
	b.n_leads = 3;
	assert_false(industry_plan_same_exception(&was, &b));
}

static void test_check(void **state)
{
	struct industry_plan_rules p = {2026, 2030, NULL, leads, 3};
	struct industry_plan_problem why = {0};
	struct industry_lead l[2];
	const char *dup[] = {"2614", "3973"};
	const char *bad[] = {"9999"};
	(void)state;

	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), 0);
	assert_false(industry_plan_needs_exception(&p));

	/* a fourth needs a reason */
	p.n_leads = 4;
	assert_true(industry_plan_needs_exception(&p));
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/exception_reason");
	assert_non_null(strstr(why.message, "原则上不超过3个"));
	p.exception_reason = ""; /* the API trims blanks away */
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	p.exception_reason = "钢铁深加工为存量支柱，转型期保留";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), 0);

	/* none strategic emerging or future */
	p.exception_reason = NULL;
	p.leads = leads + 2;
	p.n_leads = 2;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries");
	assert_non_null(strstr(why.message, "战略性新兴产业或未来产业"));

	/* a future direction alone is enough */
	memcpy(l, leads + 2, sizeof(l));
	l[0].future = "materials";
	p.leads = l;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), 0);
	l[0].future = "未来材料";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/0/future");
	l[0].future = NULL;
	l[0].sei_code = "0";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/0/sei_code");
	/* a 中类 tags as well as an area; one the classification does not have is refused */
	l[0].sei_code = "3.3";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), 0);
	l[0].sei_code = "3.8";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/0/sei_code");
	assert_string_equal(why.message,
	                    "战略性新兴产业类别应为战略性新兴产业分类（2018）的领域或中类");

	/* codes: in the classification, below a 门类, each once */
	l[0].sei_code = "3";
	l[1].codes = bad;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/1/codes/0");
	bad[0] = "C";
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	l[1].codes = dup; /* 2614 lies within 26 of industry 0 */
	l[1].n_codes = 2;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/1/codes/0");
	assert_non_null(strstr(why.message, "只能归入一个主导产业"));
	l[1].n_codes = 0;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/1/codes");

	/* a name once: two leading industries of one name cannot be told apart */
	memcpy(l, leads, sizeof(l));
	l[1].name = l[0].name;
	p.leads = l;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/industries/1/name");
	assert_string_equal(why.message, "主导产业名称不能重复");

	/* years */
	p.leads = leads;
	p.end_year = 2025;
	assert_int_equal(industry_plan_check(&p, &cat, &sei, &why), -1);
	assert_string_equal(why.field, "/end_year");
}

static void test_match_and_shares(void **state)
{
	struct industry_plan_rules p = {2026, 2030, NULL, leads, 3};
	/* a zone's year by 小类: output and tax in fen, the parcels its enterprises hold in
	 * m² × 100 (40000.00 m², 10000.00, 5000.00, none, 30000.00) */
	const struct industry_sum rows[] = {
	    {"3612", 2, 600000000, 30000000, 4000000}, /* 新能源汽车 */
	    {"3841", 1, 200000000, 10000000, 1000000}, /* 锂离子电池: in 384 */
	    {"3973", 1, 100000000, 5000000, 500000},   /* 集成电路 */
	    {"2614", 1, 50000000, 2500000, 0},         /* 精细化工 (26) */
	    {"3130", 3, 50000000, 2500000, 3000000},   /* 钢压延: no leading industry */
	};
	struct industry_share s[4], total;
	(void)state;

	assert_int_equal(industry_plan_match(&p, "3612"), 0);
	assert_int_equal(industry_plan_match(&p, "3849"), 0);
	assert_int_equal(industry_plan_match(&p, "3974"), 1);
	assert_int_equal(industry_plan_match(&p, "2669"), 2);
	assert_int_equal(industry_plan_match(&p, "3130"), -1);
	assert_int_equal(industry_plan_match(&p, NULL), -1);

	industry_plan_shares(&p, rows, 5, s, &total);
	/* total output 10 亿 fen = 1000000000, tax 50000000 */
	assert_int_equal(total.enterprises, 8);
	assert_int_equal(total.output_fen, 1000000000);
	assert_int_equal(total.tax_fen, 50000000);
	/* 新能源汽车: 800000000 / 1000000000 = 8000 bp */
	assert_int_equal(s[0].enterprises, 3);
	assert_int_equal(s[0].output_fen, 800000000);
	assert_int_equal(s[0].output_bp, 8000);
	assert_int_equal(s[0].tax_bp, 8000);
	assert_int_equal(s[1].output_bp, 1000);
	assert_int_equal(s[2].output_bp, 500);
	/* all three: 950000000 -> 9500 bp; tax 47500000 / 50000000 = 9500 */
	assert_int_equal(s[3].enterprises, 5);
	assert_int_equal(s[3].output_bp, 9500);
	assert_int_equal(s[3].tax_bp, 9500);
	/* land: the zone's enterprises hold 8500000; 新能源汽车 5000000 of it = 5882.35 -> 5882 bp,
	 * 集成电路 500000 = 588.24 -> 588, 精细化工 none = 0 (held, not missing) */
	assert_int_equal(total.land_m2x100, 8500000);
	assert_true(total.has_land_bp);
	assert_int_equal(total.land_bp, 10000);
	assert_int_equal(s[0].land_m2x100, 5000000);
	assert_int_equal(s[0].land_bp, 5882);
	assert_int_equal(s[1].land_bp, 588);
	assert_true(s[2].has_land_bp);
	assert_int_equal(s[2].land_bp, 0);
	/* all three together rounded once: 5500000 / 8500000 = 6470.59 -> 6471, not 5882 + 588 */
	assert_int_equal(s[3].land_m2x100, 5500000);
	assert_int_equal(s[3].land_bp, 6471);
}

static void test_half_up_and_empty(void **state)
{
	struct industry_plan_rules p = {2026, 2030, NULL, leads, 1};
	/* 1 of 3 fen: 3333.33 bp -> 3333; 2 of 3: 6666.67 -> 6667; land 1 of 20000 (0.01 m² of
	 * 200.00): 0.5 bp -> 1 */
	const struct industry_sum rows[] = {{"3612", 1, 2, 1, 1}, {"3130", 1, 1, 2, 19999}};
	struct industry_share s[2], total;
	(void)state;

	industry_plan_shares(&p, rows, 2, s, &total);
	assert_int_equal(s[0].output_bp, 6667);
	assert_int_equal(s[0].tax_bp, 3333);
	assert_int_equal(s[0].land_bp, 1);
	assert_int_equal(s[1].land_bp, 1);
	/* no land held at all: no land share, not 0 % */
	const struct industry_sum landless[] = {{"3612", 1, 2, 1, 0}, {"3130", 1, 1, 2, 0}};
	industry_plan_shares(&p, landless, 2, s, &total);
	assert_true(s[0].has_output_bp);
	assert_false(s[0].has_land_bp);
	assert_false(total.has_land_bp);
	industry_plan_shares(&p, rows, 0, s, &total);
	assert_false(s[0].has_output_bp);
	assert_false(s[1].has_tax_bp);
	assert_false(s[1].has_land_bp);
	assert_int_equal(total.output_fen, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_areas),
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_same_exception),
	    cmocka_unit_test(test_match_and_shares),
	    cmocka_unit_test(test_half_up_and_empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
