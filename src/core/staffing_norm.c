/* staffing_norm.c - the 编制 norm formula of art. 7 (see staffing_norm.h for the formula).
 * Must not store anything nor decide the approved figures: 编办 does, through store_staffing. */
#include "core/staffing_norm.h"

#include <string.h>

#define INDICATOR_MAX 100000000000LL /* any indicator: at most 10^11 of its unit */

const struct scenario_param_def staffing_norm_params[NORM_NPARAMS] = {
    [NORM_BASE] = {"base", "基数", 0, 10000},
    [NORM_AREA_STEP] = {"area_step", "每核增1名编制的面积（0.01平方公里）", 0, 100000000},
    [NORM_POPULATION_STEP] = {"population_step", "每核增1名编制的人口", 0, 100000000},
    [NORM_GDP_STEP] = {"gdp_step", "每核增1名编制的地区生产总值（万元）", 0, 100000000},
    [NORM_TILT_EXCELLENT] = {"tilt_excellent_bp", "年度等级优秀的倾斜（基点）", 0, 10000},
    [NORM_TILT_GOOD] = {"tilt_good_bp", "年度等级良好的倾斜（基点）", 0, 10000},
    [NORM_CAP] = {"cap", "编制上限（0为不设）", 0, 100000},
    [NORM_LEADER_RATIO] = {"leader_ratio_bp", "领导职数占编制的比例（基点）", 0, 10000},
    [NORM_LEADER_MIN] = {"leader_min", "领导职数下限", 0, 1000},
    [NORM_LEADER_MAX] = {"leader_max", "领导职数上限", 0, 1000},
};

/* 30 + one per 2 km², one per 5,000 residents, one per ¥500 million of GDP; 优秀 +10 %,
 * 良好 +5 %; no cap; leaders 15 % of the 编制, from 3 to 9 */
const int64_t staffing_norm_defaults[NORM_NPARAMS] = {30,  200, 5000, 50000, 1000,
                                                      500, 0,   1500, 3,     9};

int staffing_norm_check(const int64_t params[NORM_NPARAMS], const char **message)
{
	for (int i = 0; i < NORM_NPARAMS; i++)
		if (params[i] < staffing_norm_params[i].min ||
		    params[i] > staffing_norm_params[i].max) {
			*message = "编制核定测算参数超出允许范围（第7条）";
			return -1;
		}
	if (params[NORM_LEADER_MIN] > params[NORM_LEADER_MAX]) {
		*message = "领导职数下限不能大于上限（第7条）";
		return -1;
	}
	return 0;
}

static int64_t part(int64_t value, int64_t step)
{
	return step > 0 ? value / step : 0;
}

int staffing_norm_compute(const int64_t params[NORM_NPARAMS], const struct staffing_norm_input *in,
                          struct staffing_norm_result *out, const char **message)
{
	int64_t e, l;

	memset(out, 0, sizeof(*out));
	if (staffing_norm_check(params, message) != 0)
		return -1;
	if (in->area < 0 || in->population < 0 || in->gdp < 0 || in->area > INDICATOR_MAX ||
	    in->population > INDICATOR_MAX || in->gdp > INDICATOR_MAX) {
		*message = "面积、人口和地区生产总值不能为负数或超出范围（第7条）";
		return -1;
	}
	out->area_part = part(in->area, params[NORM_AREA_STEP]);
	out->population_part = part(in->population, params[NORM_POPULATION_STEP]);
	out->gdp_part = part(in->gdp, params[NORM_GDP_STEP]);
	out->raw = params[NORM_BASE] + out->area_part + out->population_part + out->gdp_part;
	if (in->grade && !strcmp(in->grade, "excellent"))
		out->tilt_bp = params[NORM_TILT_EXCELLENT];
	else if (in->grade && !strcmp(in->grade, "good"))
		out->tilt_bp = params[NORM_TILT_GOOD];
	/* raw ≤ 10^4 + 3 × 10^11 and the factor ≤ 2 × 10^4: the product stays below 2^63 */
	out->tilted = (out->raw * (10000 + out->tilt_bp) + 5000) / 10000;
	e = out->tilted;
	if (params[NORM_CAP] > 0 && e > params[NORM_CAP])
		e = params[NORM_CAP];
	out->establishment = e;
	l = (e * params[NORM_LEADER_RATIO] + 9999) / 10000;
	if (l < params[NORM_LEADER_MIN])
		l = params[NORM_LEADER_MIN];
	if (l > params[NORM_LEADER_MAX])
		l = params[NORM_LEADER_MAX];
	out->leader_posts = l;
	return 0;
}

int staffing_norm_scenario_compute(void *ctx, const int64_t *params, struct arena *a,
                                   struct scenario_outcome *out, const char **message)
{
	const struct staffing_norm_zones *z = ctx;

	out->rows = arena_zalloc(a, sizeof(*out->rows) * (z->n + 1));
	out->n_rows = z->n;
	out->total = 0;
	for (size_t i = 0; i < z->n; i++) {
		struct staffing_norm_result r;
		if (staffing_norm_compute(params, &z->inputs[i], &r, message) != 0)
			return -1;
		out->rows[i] = (struct scenario_row){z->keys[i], r.establishment, NULL};
		out->total += r.establishment;
	}
	return 0;
}
