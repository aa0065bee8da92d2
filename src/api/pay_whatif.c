/* pay_whatif.c - the office's what-if over the grade coefficients (core/scenario.h): each zone's
 * pool and the city's total under each set of coefficients beside the year's current ones,
 * nothing saved; and adopting a scenario, which sets the year's coefficients in one audited
 * transaction. Only zones whose grade, R and staffing are set take part. Must not write SQL. */
#include "api/scenario.h"
#include "app/pay_json.h"

#include "core/pay.h"
#include "store/store_pay.h"

#include <jansson.h>

/* The year's coefficients as a parameter vector (0 where a grade has none). */
static int current_coefs(struct api_ctx *c, int year, int64_t current[PAY_GRADES])
{
	struct store_pay_coef *cs;
	int n, rc = store_pay_coef_list(c->db, c->a, year, &cs, &n);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	for (int g = 0; g < PAY_GRADES; g++)
		current[g] = 0;
	for (int i = 0; i < n; i++)
		if (pay_grade_index(cs[i].grade) >= 0)
			current[pay_grade_index(cs[i].grade)] = cs[i].coef_bp;
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

/* POST /api/pay/whatif {"year","scenarios":[…]} -> {"columns":[{"current","name",
 * "total_delta_fen","total_fen","values"}],"rows":[{"delta_fen":[…],"pool_fen":[…],"zone_id",
 * "zone_name"}],"year"}, one value per column */
static int compare(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "scenarios");
	struct store_scope all = {0};
	struct store_pay_pool *ps;
	struct pay_whatif_zone *zs;
	struct pay_whatif_ctx ctx = {0};
	struct scenario_comparison cmp;
	struct scenario_problem p = {0};
	struct scenario *sc;
	int64_t current[PAY_GRADES];
	static const struct api_scenario_keys keys = {"total_fen", "total_delta_fen", "pool_fen",
	                                              "delta_fen"};
	size_t n = json_array_size(arr);
	int year = (int)api_body_int(c, "year"), nz, rc;
	struct pools zones;

	if (current_coefs(c, year, current) != 0)
		return -1;
	if ((rc = store_pay_pools(c->db, c->a, year, 0, &all, &ps, &nz)) != KFQ_OK)
		return api_store_error(c, rc);
	zs = arena_zalloc(c->a, sizeof(*zs) * (size_t)(nz + 1));
	for (int i = 0; i < nz; i++) {
		if (!ps[i].have_grade || !ps[i].have_level || !ps[i].have_staffing ||
		    pay_grade_index(ps[i].grade) < 0)
			continue;
		zs[ctx.n++] =
		    (struct pay_whatif_zone){ps[i].org_id, pay_grade_index(ps[i].grade), ps[i].p};
	}
	ctx.zones = zs;
	zones = (struct pools){ps, nz};
	sc = arena_zalloc(c->a, (n + 1) * sizeof(*sc));
	for (size_t i = 0; i < n; i++)
		sc[i] = api_scenario_read(c, json_array_get(arr, i));
	if (scenario_compare(pay_scenario_params, PAY_GRADES, current, sc, n, pay_whatif_compute,
	                     &ctx, c->a, &cmp, &p) != 0)
		return api_error(c, 400, "invalid_scenario", p.message, p.field);
	jsonw_obj_open(&c->w);
	api_scenario_write_comparison(&c->w, pay_scenario_params, PAY_GRADES, &cmp, &keys,
	                              zone_name, &zones);
	jsonw_kint(&c->w, "year", year);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* POST /api/pay/whatif/adopt {"year","name","values":[…]} -> the year's coefficients */
static int adopt(struct api_ctx *c)
{
	struct scenario sc = api_scenario_read(c, c->body);
	struct store_pay_coef cs[PAY_GRADES];
	struct scenario_problem p = {0};
	int64_t current[PAY_GRADES], params[PAY_GRADES];
	int year = (int)api_body_int(c, "year"), rc;

	if (current_coefs(c, year, current) != 0)
		return -1;
	if (scenario_resolve(pay_scenario_params, PAY_GRADES, current, &sc, 0, params, &p) != 0)
		return api_error(c, 400, "invalid_scenario", p.message, "/values");
	for (int g = 0; g < PAY_GRADES; g++)
		cs[g] = (struct store_pay_coef){
		    .year = year, .grade = pay_scenario_params[g].name, .coef_bp = params[g]};
	if ((rc = store_pay_coefs_adopt(c->db, &c->actor, &pay_json_audit, cs, PAY_GRADES)) !=
	    KFQ_OK)
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
