/* Tests src/core/scenario.c with a small module of its own: two parameters (a ratio in basis
 * points and a fixed amount per row) over three rows, so that resolving, validating and laying
 * out side by side are checked apart from any real module. */
#include "core/scenario.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct scenario_param_def defs[] = {
    {"ratio_bp", "分成比例", 0, 10000},
    {"bonus", "奖励", 0, 1000},
};

/* rows 7, 8, 9 with bases 1000, 2000, 3000: value = base × ratio / 10000 + bonus; a ratio
 * of 1234 is refused, and a ratio above 9000 adds row 10 */
static int compute(void *ctx, const int64_t *prm, struct arena *a, struct scenario_outcome *out,
                   const char **message)
{
	int *calls = ctx;
	size_t n = prm[0] > 9000 ? 4 : 3;

	(*calls)++;
	if (prm[0] == 1234) {
		*message = "不可用的比例";
		return -1;
	}
	out->rows = arena_alloc(a, n * sizeof(*out->rows));
	out->n_rows = n;
	out->total = 0;
	for (size_t i = 0; i < n; i++) {
		out->rows[i].key = 7 + (int64_t)i;
		out->rows[i].value = (int64_t)(i + 1) * 1000 * prm[0] / 10000 + prm[1];
		out->total += out->rows[i].value;
	}
	return 0;
}

static void test_compare(void **state)
{
	(void)state;
	struct arena a;
	struct scenario_comparison c;
	struct scenario_problem p;
	const int64_t current[] = {5000, 0};
	const struct scenario_value v1[] = {{"ratio_bp", 6000}};
	const struct scenario_value v2[] = {{"bonus", 10}, {"ratio_bp", 9500}};
	const struct scenario s[] = {{"六成", v1, 1}, {"九五成加奖励", v2, 2}};
	int calls = 0;

	arena_init(&a);
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), 0);
	assert_int_equal(calls, 3);
	assert_int_equal(c.n_columns, 3);
	assert_int_equal(c.n_rows, 4); /* row 10 only in the last scenario */
	assert_int_equal(c.keys[0], 7);
	assert_int_equal(c.keys[3], 10);
	assert_null(c.columns[0].name);
	assert_int_equal(c.columns[0].values[0], 500);
	assert_int_equal(c.columns[0].values[2], 1500);
	assert_int_equal(c.columns[0].values[3], 0);
	assert_int_equal(c.columns[0].total, 3000);
	assert_string_equal(c.columns[1].name, "六成");
	assert_int_equal(c.columns[1].params[0], 6000);
	assert_int_equal(c.columns[1].params[1], 0);
	assert_int_equal(c.columns[1].values[1], 1200);
	assert_int_equal(c.columns[1].deltas[1], 200);
	assert_int_equal(c.columns[1].total, 3600);
	assert_int_equal(c.columns[1].total_delta, 600);
	assert_int_equal(c.columns[2].params[0], 9500);
	assert_int_equal(c.columns[2].params[1], 10);
	assert_int_equal(c.columns[2].values[0], 960);
	assert_int_equal(c.columns[2].values[3], 3810);
	assert_int_equal(c.columns[2].deltas[3], 3810);
	assert_int_equal(c.columns[2].total, 960 + 1910 + 2860 + 3810);
	assert_int_equal(c.columns[2].total_delta, 9540 - 3000);
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	struct arena a;
	struct scenario_comparison c;
	struct scenario_problem p;
	const int64_t current[] = {5000, 0};
	const struct scenario_value unknown[] = {{"ratio", 6000}};
	const struct scenario_value twice[] = {{"bonus", 1}, {"bonus", 2}};
	const struct scenario_value high[] = {{"ratio_bp", 10001}};
	const struct scenario_value bad[] = {{"ratio_bp", 1234}};
	const struct scenario_value ok[] = {{"ratio_bp", 100}};
	const char *const names[] = {"一", "二", "三", "四", "五",  "六",
	                             "七", "八", "九", "十", "十一"};
	int calls = 0;
	struct scenario s[11];

	arena_init(&a);
	s[0] = (struct scenario){"甲", ok, 1};
	s[1] = (struct scenario){"乙", unknown, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.field, "/scenarios/1/values");
	assert_string_equal(p.message, "方案中有无法识别的参数");
	s[1] = (struct scenario){"乙", twice, 2};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.message, "参数“奖励”重复设置");
	s[1] = (struct scenario){"乙", high, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.message, "参数“分成比例”超出允许范围（0至10000）");
	s[1] = (struct scenario){"甲", ok, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.field, "/scenarios/1/name");
	assert_string_equal(p.message, "方案名称重复");
	s[1] = (struct scenario){"", ok, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.field, "/scenarios/1/name");
	s[1] = (struct scenario){"乙", bad, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 2, compute, &calls, &a, &c, &p), -1);
	assert_string_equal(p.field, "/scenarios/1");
	assert_string_equal(p.message, "不可用的比例");
	/* the what-if is over 10 scenarios besides the current one: 10 compared, 11 refused
	 * with the rule named */
	assert_int_equal(SCENARIO_MAX, 10);
	for (int i = 0; i <= 10; i++)
		s[i] = (struct scenario){names[i], ok, 1};
	assert_int_equal(scenario_compare(defs, 2, current, s, 10, compute, &calls, &a, &c, &p), 0);
	assert_int_equal(c.n_columns, 11);
	assert_string_equal(c.columns[10].name, "十");
	assert_int_equal(c.columns[10].total, 60);
	assert_int_equal(scenario_compare(defs, 2, current, s, 11, compute, &calls, &a, &c, &p),
	                 -1);
	assert_string_equal(p.field, "/scenarios");
	assert_string_equal(p.message, "一次最多比较10个方案（现行方案之外）");
	/* no scenarios: the current configuration alone */
	assert_int_equal(scenario_compare(defs, 2, current, s, 0, compute, &calls, &a, &c, &p), 0);
	assert_int_equal(c.n_columns, 1);
	assert_int_equal(c.columns[0].total_delta, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_compare),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
