/* pay_whatif.c - the office's what-if over the grade coefficients and thresholds
 * (core/scenario.h): each zone's grade and pool and the city's total under each set of numbers
 * beside the year's current ones, nothing saved; and adopting a scenario, which sets the year's
 * coefficients and its schemes' thresholds in one audited transaction. Zones whose R and
 * staffing are set take part: graded from their computed assessment result (draft or
 * published) where they have one, else by their grade set by hand. Must not write SQL. */
#include "api/scenario.h"
#include "app/assess_json.h"
#include "app/pay_json.h"

#include "core/pay.h"
#include "store/store_assess.h"
#include "store/store_pay.h"

#include <string.h>

#include <jansson.h>

/* The year's numbers as a parameter vector: each grade's coefficient (0 where a grade has
 * none), then each threshold where every scheme of the year has the same (-1 where they differ
 * or the year has none); the schemes in *xs. */
static int current_params(struct api_ctx *c, int year, int64_t current[PAY_WHATIF_PARAMS],
                          struct store_assess_scheme **xs, int *nx)
{
	struct store_pay_coef *cs;
	int n, rc = store_pay_coef_list(c->db, c->a, year, &cs, &n);

	if (rc != KFQ_OK || (rc = store_assess_scheme_list(c->db, c->a, year, xs, nx)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int g = 0; g < PAY_WHATIF_PARAMS; g++)
		current[g] = g < PAY_GRADES ? 0 : -1;
	for (int i = 0; i < n; i++)
		if (pay_grade_index(cs[i].grade) >= 0)
			current[pay_grade_index(cs[i].grade)] = cs[i].coef_bp;
	for (int i = 0; i < *nx; i++) {
		const struct assess_rules *r = &(*xs)[i].r;
		const int64_t own[] = {r->min_cp[0], r->min_cp[1], r->min_cp[2], r->top_quota_bp};
		for (int k = 0; k < 4; k++) {
			int64_t *v = &current[PAY_P_MIN_EXCELLENT + k];
			*v = i == 0 || *v == own[k] ? own[k] : -1;
		}
	}
	return 0;
}

struct pools {
	const struct store_pay_pool *ps;
	int n;
};

static const char *zone_name(const void *ctx, int64_t id)
{
	const struct pools *p = ctx;

	for (int i = 0; i < p->n; i++)
		if (p->ps[i].org_id == id)
			return p->ps[i].org_name;
	return NULL;
}

/* The what-if's zones: the pools' whose R and staffing are set, each with its class and stored
 * score where the year's schemes computed one (every result of a class takes part in its
 * grading, as the quota counts them all), else with its hand-set grade. */
static int whatif_zones(struct api_ctx *c, int year, const struct store_assess_scheme *xs, int nx,
                        struct pay_whatif_ctx *ctx, struct pools *zones)
{
	struct store_scope all = {0};
	struct store_assess_filter f = {.year = year, .scope = &all};
	struct store_assess_result *rs;
	struct store_pay_pool *ps;
	struct pay_whatif_zone *zs;
	struct assess_rules *rules;
	int nz, nr, rc;

	if ((rc = store_pay_pools(c->db, c->a, year, 0, &all, &ps, &nz)) != KFQ_OK ||
	    (rc = store_assess_results(c->db, c->a, &f, &rs, &nr)) != KFQ_OK)
		return api_store_error(c, rc);
	zs = arena_zalloc(c->a, sizeof(*zs) * (size_t)(nz + nr + 1));
	rules = arena_zalloc(c->a, sizeof(*rules) * (size_t)(nx + 1));
	for (int k = 0; k < nx; k++)
		rules[k] = xs[k].r;
	for (int i = 0; i < nr; i++) {
		int k = 0;
		while (k < nx && xs[k].id != rs[i].scheme_id)
			k++;
		if (k < nx)
			zs[ctx->n++] = (struct pay_whatif_zone){.org_id = rs[i].org_id,
			                                        .cls = k,
			                                        .score_cp = rs[i].score_cp,
			                                        .target_cp = rs[i].target_cp,
			                                        .deduct_cp = rs[i].deduct_cp};
	}
	for (int i = 0; i < nz; i++) {
		struct pay_whatif_zone *z = NULL;
		if (!ps[i].have_level || !ps[i].have_staffing)
			continue;
		for (size_t k = 0; k < ctx->n && !z; k++)
			if (zs[k].org_id == ps[i].org_id)
				z = &zs[k];
		if (!z && (!ps[i].have_grade || pay_grade_index(ps[i].grade) < 0))
			continue;
		if (!z) {
			z = &zs[ctx->n++];
			*z = (struct pay_whatif_zone){.org_id = ps[i].org_id,
			                              .grade = pay_grade_index(ps[i].grade),
			                              .cls = -1};
		}
		z->in_pool = true;
		z->inputs = ps[i].p;
	}
	ctx->zones = zs;
	ctx->rules = rules;
	ctx->n_rules = nx;
	*zones = (struct pools){ps, nz};
	return 0;
}

/* POST /api/pay/whatif {"year","scenarios":[…]} -> {"columns":[{"current","name",
 * "total_delta_fen","total_fen","values"}],"rows":[{"delta_fen":[…],"grade":[…],"pool_fen":[…],
 * "zone_id","zone_name"}],"year"}, one value per column; a threshold's value is null in the
 * current column where the year's schemes differ */
static int compare(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "scenarios");
	struct store_assess_scheme *xs;
	struct pay_whatif_ctx ctx = {0};
	struct scenario_comparison cmp;
	struct scenario_problem p = {0};
	struct scenario *sc;
	int64_t current[PAY_WHATIF_PARAMS];
	static const struct api_scenario_keys keys = {"total_fen", "total_delta_fen", "pool_fen",
	                                              "delta_fen", "grade"};
	size_t n = json_array_size(arr);
	int year = (int)api_body_int(c, "year"), nx;
	struct pools zones;

	if (current_params(c, year, current, &xs, &nx) != 0 ||
	    whatif_zones(c, year, xs, nx, &ctx, &zones) != 0)
		return -1;
	sc = arena_zalloc(c->a, (n + 1) * sizeof(*sc));
	for (size_t i = 0; i < n; i++)
		sc[i] = api_scenario_read(c, json_array_get(arr, i));
	if (scenario_compare(pay_scenario_params, PAY_WHATIF_PARAMS, current, sc, n,
	                     pay_whatif_compute, &ctx, c->a, &cmp, &p) != 0)
		return api_error(c, 400, "invalid_scenario", p.message, p.field);
	jsonw_obj_open(&c->w);
	api_scenario_write_comparison(&c->w, pay_scenario_params, PAY_WHATIF_PARAMS, &cmp, &keys,
	                              zone_name, &zones);
	jsonw_kint(&c->w, "year", year);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* POST /api/pay/whatif/adopt {"year","name","values":[…]} -> the year's coefficients; the
 * thresholds the scenario sets go to every scheme of the year */
static int adopt(struct api_ctx *c)
{
	struct scenario sc = api_scenario_read(c, c->body);
	struct store_assess_scheme *xs;
	struct store_pay_coef cs[PAY_GRADES];
	struct store_assess_thresholds t;
	struct store_assess_outcome why;
	struct scenario_problem p = {0};
	int64_t current[PAY_WHATIF_PARAMS], params[PAY_WHATIF_PARAMS];
	int year = (int)api_body_int(c, "year"), nx, rc;

	if (current_params(c, year, current, &xs, &nx) != 0)
		return -1;
	/* a threshold the scenario leaves alone stays each scheme's own */
	for (int k = PAY_P_MIN_EXCELLENT; k < PAY_WHATIF_PARAMS; k++)
		current[k] = -1;
	if (scenario_resolve(pay_scenario_params, PAY_WHATIF_PARAMS, current, &sc, 0, params, &p) !=
	    0)
		return api_error(c, 400, "invalid_scenario", p.message, "/values");
	for (int g = 0; g < PAY_GRADES; g++)
		cs[g] = (struct store_pay_coef){
		    .year = year, .grade = pay_scenario_params[g].name, .coef_bp = params[g]};
	t = (struct store_assess_thresholds){
	    {params[PAY_P_MIN_EXCELLENT], params[PAY_P_MIN_GOOD], params[PAY_P_MIN_FAIR]},
	    params[PAY_P_TOP_QUOTA]};
	rc = store_pay_whatif_adopt(c->db, &c->actor, &pay_json_audit, cs, PAY_GRADES,
	                            &assess_json_audit, &t, &why);
	if (rc == KFQ_EINVAL && why.why == STORE_ASSESS_RULE)
		return api_error(c, 400, "invalid_scenario", assess_rule_message(why.rule),
		                 "/values");
	if (rc == KFQ_ESTATE && why.why == STORE_ASSESS_PUBLISHED)
		return api_error(c, 409, "assessment_published",
		                 "该年度已有考核方案公布结果，其等次分数线和优秀名额不能再修改",
		                 "/values");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int g = 0; g < PAY_GRADES; g++)
		pay_json_coef(&c->w, &cs[g]);
	api_page_end(c, PAY_GRADES, 0, 0);
	return api_ok(c, 200);
}

static const struct api_field value_fields[] = {
    {"name", API_STR, true, 32},
    /* each coefficient's bounds are its definition's, checked with its label */
    API_INT_FIELD("value", true, -1000000, 1000000),
    API_FIELDS_END,
};
static const struct api_field scenario_fields[] = {
    {"name", API_STR, true, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};
static const struct api_field compare_body[] = {
    API_INT_FIELD("year", true, 2000, 2100),
    {"scenarios", API_OBJ_ARRAY, true, SCENARIO_MAX, scenario_fields,
     .too_many = SCENARIO_MAX_RULE},
    API_FIELDS_END,
};
static const struct api_field adopt_body[] = {
    API_INT_FIELD("year", true, 2000, 2100),
    {"name", API_STR, true, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};

const struct api_route api_pay_whatif_routes[] = {
    {"POST", "/api/pay/whatif", compare, PERM_PAY_SET, 0, NULL, compare_body},
    {"POST", "/api/pay/whatif/adopt", adopt, PERM_PAY_SET, 0, NULL, adopt_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
