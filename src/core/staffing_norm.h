/* staffing_norm.h - the 编制 norm of art. 7 (根据开发区面积、人口、产业发展等指标，科学核定):
 * a configurable formula from a zone's area, population and economy to a suggested 编制 and
 * 领导职数, with the 倾斜 of art. 7 (对改革创新效应突出、综合发展水平较高的开发区予以适当倾斜)
 * for the zones whose assessment grade stands out. 编办 sees the suggestion beside the approved
 * figures and decides; nothing here approves anything. The parameters are the year's, set by
 * 编办, and what-if scenarios (core/scenario.h) vary them. Pure.
 *
 *   raw    = base + floor(area / area_step) + floor(population / population_step)
 *                 + floor(gdp / gdp_step)                       (a step of 0 adds nothing)
 *   tilted = raw × (10000 + tilt_bp(grade)) / 10000, half up    (tilt for 优秀, or for 良好)
 *   编制   = min(tilted, cap)                                    (cap 0 = none)
 *   领导职数 = clamp(ceil(编制 × leader_ratio_bp / 10000), leader_min, leader_max) */
#ifndef KFQ_CORE_STAFFING_NORM_H
#define KFQ_CORE_STAFFING_NORM_H

#include "core/scenario.h"

#include <stdint.h>

/* The parameters, in scenario order (staffing_norm_params[i] names params[i]). */
enum staffing_norm_param {
	NORM_BASE,            /* 基数 */
	NORM_AREA_STEP,       /* 每增加多少面积（0.01平方公里）核增1名 */
	NORM_POPULATION_STEP, /* 每增加多少人口核增1名 */
	NORM_GDP_STEP,        /* 每增加多少地区生产总值（万元）核增1名 */
	NORM_TILT_EXCELLENT,  /* 年度等级优秀的倾斜（基点） */
	NORM_TILT_GOOD,       /* 年度等级良好的倾斜（基点） */
	NORM_CAP,             /* 编制上限（0为不设） */
	NORM_LEADER_RATIO,    /* 领导职数占编制的比例（基点） */
	NORM_LEADER_MIN,
	NORM_LEADER_MAX,
	NORM_NPARAMS
};
extern const struct scenario_param_def staffing_norm_params[NORM_NPARAMS];
/* The defaults a year starts from until 编办 sets its own. */
extern const int64_t staffing_norm_defaults[NORM_NPARAMS];

/* A zone's indicators. */
struct staffing_norm_input {
	int64_t area;       /* 0.01 km² */
	int64_t population; /* people */
	int64_t gdp;        /* 万元 */
	const char *grade;  /* the zone's assessment grade (enum_pay_grade code) or NULL */
};

struct staffing_norm_result {
	int64_t area_part, population_part, gdp_part; /* what each indicator adds */
	int64_t raw;
	int64_t tilt_bp; /* the 倾斜 applied (0 when none) */
	int64_t tilted;
	int64_t establishment; /* the suggested 编制 */
	int64_t leader_posts;  /* the suggested 领导职数 */
};

/* 0, or -1 with *message (Chinese, static) when an indicator is negative or a parameter out of
 * its range (staffing_norm_params' bounds; leader_min above leader_max). */
int staffing_norm_compute(const int64_t params[NORM_NPARAMS], const struct staffing_norm_input *in,
                          struct staffing_norm_result *out, const char **message);

/* Checks a full parameter vector: 0, or -1 with *message. */
int staffing_norm_check(const int64_t params[NORM_NPARAMS], const char **message);

/* The zones a what-if compares (core/scenario.h): keys[i] (a zone's id) with inputs[i]. */
struct staffing_norm_zones {
	const int64_t *keys;
	const struct staffing_norm_input *inputs;
	size_t n;
};
/* A scenario_compute_fn over a struct staffing_norm_zones: each zone's suggested 编制, the
 * total theirs. */
int staffing_norm_scenario_compute(void *ctx, const int64_t *params, struct arena *a,
                                   struct scenario_outcome *out, const char **message);

#endif
