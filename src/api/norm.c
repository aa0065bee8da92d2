/* norm.c - art. 7's 编制 norm for 编办: each zone's suggested 编制 and 领导职数 from its
 * indicators by the year's formula (core/staffing_norm.c), with the 倾斜 of its assessment
 * grade of the year before, beside the figures approved for it; 编办 (approve_staffing) sets the
 * formula's parameters and the zones' indicators, compares parameter sets side by side
 * (core/scenario.h) and adopts one. Nothing here approves 编制: 编办 decides through
 * /api/staffing. Read within people_scope. Must not write SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "app/norm_json.h"
#include "api/people_impl.h"
#include "api/scenario.h"

#include "core/enums.h"

#include <jansson.h>

/* unapproved: only the zones without figures of the year (?unapproved=1, 编办's to-do) */
static int load(struct api_ctx *c, int year, bool unapproved, int64_t params[NORM_NPARAMS],
                struct store_norm_zone **zs, int *n)
{
	struct store_scope scope;
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_norm_params(c->db, year, params)) != KFQ_OK ||
	    (rc = store_norm_zones(c->db, c->a, year, &scope, unapproved, zs, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

/* The suggestion of z, or NULL without indicators (or, for a bad stored parameter, NULL too:
 * the parameters are checked where they are set). */
static const struct staffing_norm_result *suggest(struct api_ctx *c, const int64_t *params,
                                                  const struct store_norm_zone *z)
{
	struct staffing_norm_result *r = arena_alloc(c->a, sizeof(*r));
	const char *msg;

	if (!z->have_indicator || staffing_norm_compute(params, &z->in, r, &msg) != 0)
		return NULL;
	return r;
}

static int year_of(struct api_ctx *c)
{
	return (int)api_query_int(c, "year", 0);
}

static bool unapproved_of(struct api_ctx *c)
{
	return api_query_int(c, "unapproved", 0) != 0;
}

static int view(struct api_ctx *c)
{
	struct store_norm_zone *zs;
	int64_t params[NORM_NPARAMS];
	int n, year = year_of(c);

	if (load(c, year, unapproved_of(c), params, &zs, &n) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "formula");
	norm_json_params(&c->w, year, params);
	jsonw_kint(&c->w, "year", year);
	jsonw_key(&c->w, "zones");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		norm_json_zone(&c->w, year, &zs[i], suggest(c, params, &zs[i]));
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区",   "面积（平方公里）", "人口",     "地区生产总值（万元）", "上年考核等级",
	    "测算编制", "测算领导职数",     "核定编制", "核定领导职数",         "核定年度"};
	static const double widths[] = {30, 14, 10, 18, 12, 10, 12, 10, 12, 10};
	struct store_norm_zone *zs;
	struct export_table x;
	int64_t params[NORM_NPARAMS];
	int n, year = year_of(c);

	if (load(c, year, unapproved_of(c), params, &zs, &n) != 0 ||
	    export_begin(c, &x, "编制测算", headers, widths, 10))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_norm_zone *z = &zs[i];
		const struct staffing_norm_result *r = suggest(c, params, z);
		export_text(&x, z->name);
		export_text(&x, z->have_indicator
		                    ? arena_printf(c->a, "%lld.%02lld", (long long)z->in.area / 100,
		                                   (long long)z->in.area % 100)
		                    : "");
		export_text(&x, z->have_indicator
		                    ? arena_printf(c->a, "%lld", (long long)z->in.population)
		                    : "");
		export_text(&x, z->have_indicator ? arena_printf(c->a, "%lld", (long long)z->in.gdp)
		                                  : "");
		export_text(&x, z->in.grade ? enum_label(&enum_pay_grade, z->in.grade) : "");
		export_text(&x, r ? arena_printf(c->a, "%lld", (long long)r->establishment) : "");
		export_text(&x, r ? arena_printf(c->a, "%lld", (long long)r->leader_posts) : "");
		export_text(&x,
		            z->have_staffing
		                ? arena_printf(c->a, "%lld", (long long)z->approved_establishment)
		                : "");
		export_text(&x, z->have_staffing
		                    ? arena_printf(c->a, "%lld", (long long)z->approved_leaders)
		                    : "");
		export_text(&x, z->have_staffing ? arena_printf(c->a, "%d", z->staffing_year) : "");
		export_end_row(&x);
	}
	return export_finish(c, &x, "编制测算");
}

/* A full vector from the year's parameters and the body's "values": 0, or -1 after answering
 * 400 invalid_scenario. */
static int resolve(struct api_ctx *c, int year, int64_t params[NORM_NPARAMS])
{
	struct scenario sc = api_scenario_read(c, c->body);
	struct scenario_problem p = {0};
	int64_t current[NORM_NPARAMS];
	const char *msg;
	int rc;

	if ((rc = store_norm_params(c->db, year, current)) != KFQ_OK)
		return api_store_error(c, rc);
	if (scenario_resolve(staffing_norm_params, NORM_NPARAMS, current, &sc, 0, params, &p) != 0)
		return api_error(c, 400, "invalid_scenario", p.message, "/values");
	if (staffing_norm_check(params, &msg) != 0)
		return api_error(c, 400, "invalid_scenario", msg, "/values");
	return 0;
}

static int set_params(struct api_ctx *c, const char *action)
{
	int64_t params[NORM_NPARAMS];
	int year = (int)api_body_int(c, "year"), rc;

	if (api_require_capability(c, CAP_APPROVE_STAFFING) != 0 || resolve(c, year, params) != 0)
		return -1;
	if ((rc = store_norm_params_set(c->db, &c->actor, &norm_json_audit, year, params,
	                                action)) != KFQ_OK)
		return api_store_error(c, rc);
	norm_json_params(&c->w, year, params);
	return api_ok(c, 200);
}

/* PUT /api/staffing-norm/params {"year","name","values":[…]} */
static int params_put(struct api_ctx *c)
{
	return set_params(c, "set");
}

/* POST /api/staffing-norm/adopt {"year","name","values":[…]}: a compared scenario adopted */
static int adopt(struct api_ctx *c)
{
	return set_params(c, "adopt_scenario");
}

static int indicator_put(struct api_ctx *c)
{
	struct store_zone_indicator x = {0};
	int rc;

	if (api_require_capability(c, CAP_APPROVE_STAFFING) != 0)
		return -1;
	x.org_id = api_body_int(c, "org_id");
	x.year = (int)api_body_int(c, "year");
	x.area = api_body_int(c, "area");
	x.population = api_body_int(c, "population");
	x.gdp = api_body_int(c, "gdp");
	if (people_require_zone(c, x.org_id, "/org_id") != 0)
		return -1;
	if ((rc = store_zone_indicator_set(c->db, &c->actor, &norm_json_audit, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	x.org_name = NULL;
	x.set_at = NULL;
	norm_json_indicator(&c->w, &x);
	return api_ok(c, 200);
}

struct zones {
	const struct store_norm_zone *zs;
	int n;
};

static const char *zone_name(const void *ctx, int64_t id)
{
	const struct zones *z = ctx;

	for (int i = 0; i < z->n; i++)
		if (z->zs[i].org_id == id)
			return z->zs[i].name;
	return NULL;
}

/* POST /api/staffing-norm/compare {"year","scenarios":[…]} -> {"columns":[{"current","name",
 * "total","total_delta","values"}],"rows":[{"delta":[…],"establishment":[…],"zone_id",
 * "zone_name"}],"year"}: the zones with indicators, the suggested 编制 under each set */
static int compare(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "scenarios");
	struct store_norm_zone *zs;
	struct staffing_norm_input *in;
	struct staffing_norm_zones ctx = {0};
	struct scenario_comparison cmp;
	struct scenario_problem p = {0};
	struct scenario *sc;
	int64_t params[NORM_NPARAMS], *ids;
	static const struct api_scenario_keys keys = {"total", "total_delta", "establishment",
	                                              "delta", NULL};
	size_t ns = json_array_size(arr);
	int n, year = (int)api_body_int(c, "year");
	struct zones zones;

	if (load(c, year, false, params, &zs, &n) != 0)
		return -1;
	ids = arena_zalloc(c->a, sizeof(*ids) * (size_t)(n + 1));
	in = arena_zalloc(c->a, sizeof(*in) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		if (zs[i].have_indicator) {
			ids[ctx.n] = zs[i].org_id;
			in[ctx.n++] = zs[i].in;
		}
	ctx.keys = ids;
	ctx.inputs = in;
	zones = (struct zones){zs, n};
	sc = arena_zalloc(c->a, (ns + 1) * sizeof(*sc));
	for (size_t i = 0; i < ns; i++)
		sc[i] = api_scenario_read(c, json_array_get(arr, i));
	if (scenario_compare(staffing_norm_params, NORM_NPARAMS, params, sc, ns,
	                     staffing_norm_scenario_compute, &ctx, c->a, &cmp, &p) != 0)
		return api_error(c, 400, "invalid_scenario", p.message, p.field);
	jsonw_obj_open(&c->w);
	api_scenario_write_comparison(&c->w, staffing_norm_params, NORM_NPARAMS, &cmp, &keys,
	                              zone_name, &zones);
	jsonw_kint(&c->w, "year", year);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

#define YEAR_FIELD(req) API_INT_FIELD("year", req, 2000, 2100)
#define INDICATOR(name) API_INT_FIELD(name, true, 0, 100000000000LL)
static const struct api_field view_query[] = {
    YEAR_FIELD(false), API_INT_FIELD("unapproved", false, 0, 1), API_FIELDS_END};
static const struct api_field value_fields[] = {
    {"name", API_STR, true, 32},
    /* each parameter's bounds are its definition's, checked with its label */
    API_INT_FIELD("value", true, -1000000000, 1000000000),
    API_FIELDS_END,
};
static const struct api_field scenario_fields[] = {
    {"name", API_STR, true, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};
static const struct api_field set_body[] = {
    YEAR_FIELD(true),
    {"name", API_STR, false, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};
static const struct api_field compare_body[] = {
    YEAR_FIELD(true),
    {"scenarios", API_OBJ_ARRAY, true, SCENARIO_MAX, scenario_fields,
     .too_many = SCENARIO_MAX_RULE},
    API_FIELDS_END,
};
static const struct api_field indicator_body[] = {
    API_ID_FIELD("org_id", true), YEAR_FIELD(true), INDICATOR("area"),
    INDICATOR("population"),      INDICATOR("gdp"), API_FIELDS_END,
};

const struct api_route api_norm_routes[] = {
    {"GET", "/api/staffing-norm", view, PERM_PEOPLE_READ, 0, view_query, NULL},
    {"GET", "/api/staffing-norm/export.xlsx", export, PERM_PEOPLE_READ, 0, view_query, NULL},
    {"GET", "/api/staffing-norm/export.csv", export, PERM_PEOPLE_READ, 0, view_query, NULL},
    {"PUT", "/api/staffing-norm/params", params_put, PERM_PEOPLE_READ, 0, NULL, set_body},
    {"POST", "/api/staffing-norm/compare", compare, PERM_PEOPLE_READ, 0, NULL, compare_body},
    {"POST", "/api/staffing-norm/adopt", adopt, PERM_PEOPLE_READ, 0, NULL, set_body},
    {"PUT", "/api/zone-indicators", indicator_put, PERM_PEOPLE_READ, 0, NULL, indicator_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
