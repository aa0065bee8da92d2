/* revshare_whatif.c - the finance bureau's what-if: sharing ratios compared side by side with the
 * year's current one (each zone's returned amount and the city's total), nothing saved; and
 * adopting one scenario, which sets the year's ratio, audited. The mechanism is core/scenario.h,
 * the computation app/revshare_run.c. Must not write SQL. */
#include "api/revshare_impl.h"
#include "api/scenario.h"

#include "app/revshare_json.h"
#include "core/money.h"
#include "store/store_org.h"

#include <string.h>

static const char *zone_name(const struct store_org *zones, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (zones[i].id == id)
			return zones[i].name;
	return NULL;
}

/* "rows":[{"delta_fen":[…],"returned_fen":[…],"zone_id","zone_name"}], one value per column */
static int write_rows(struct api_ctx *c, const struct scenario_comparison *cmp)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *zones;
	int n, rc;

	if ((rc = store_org_list(c->db, c->a, &f, &zones, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_key(&c->w, "rows");
	jsonw_arr_open(&c->w);
	for (size_t r = 0; r < cmp->n_rows; r++) {
		jsonw_obj_open(&c->w);
		jsonw_key(&c->w, "delta_fen");
		jsonw_arr_open(&c->w);
		for (size_t k = 0; k < cmp->n_columns; k++)
			jsonw_int(&c->w, cmp->columns[k].deltas[r]);
		jsonw_arr_close(&c->w);
		jsonw_key(&c->w, "returned_fen");
		jsonw_arr_open(&c->w);
		for (size_t k = 0; k < cmp->n_columns; k++)
			jsonw_int(&c->w, cmp->columns[k].values[r]);
		jsonw_arr_close(&c->w);
		jsonw_kint(&c->w, "zone_id", cmp->keys[r]);
		jsonw_kstr(&c->w, "zone_name", zone_name(zones, n, cmp->keys[r]));
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	return 0;
}

/* POST /api/revshare/whatif {"year","scenarios":[…]} ->
 * {"columns":[{"current","name","total_delta_fen","total_fen","values"}],"rows":[…],"year"} */
int revshare_whatif_compare(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "scenarios");
	struct scenario_comparison cmp;
	struct scenario_problem p;
	struct revshare_run_result r;
	struct store_scope scope;
	struct scenario *sc;
	size_t n = json_array_size(arr);
	int64_t year = api_body_int(c, "year");
	int rc;

	/* every zone's figures side by side: for those who see the whole city */
	money_scope(c, &scope);
	if (scope.kind && strcmp(scope.kind, "all") != 0)
		return api_error(c, 403, "forbidden",
		                 "测算对比涉及全市各开发区，仅限全市范围的用户", NULL);
	sc = arena_zalloc(c->a, (n + 1) * sizeof(*sc));
	for (size_t i = 0; i < n; i++)
		sc[i] = api_scenario_read(c, json_array_get(arr, i));
	rc = revshare_whatif(c->db, c->a, (int)year, sc, n, &cmp, &p, &r);
	if (rc == KFQ_EINVAL && p.message)
		return api_error(c, 400, "invalid_scenario", p.message, p.field);
	if (rc != KFQ_OK)
		return revshare_run_error(c, &r);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "columns");
	jsonw_arr_open(&c->w);
	for (size_t i = 0; i < cmp.n_columns; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kbool(&c->w, "current", i == 0);
		jsonw_kstr(&c->w, "name", cmp.columns[i].name);
		jsonw_kint(&c->w, "total_delta_fen", cmp.columns[i].total_delta);
		jsonw_kint(&c->w, "total_fen", cmp.columns[i].total);
		api_scenario_write_values(&c->w, revshare_scenario_params,
		                          revshare_n_scenario_params, cmp.columns[i].params);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	if (write_rows(c, &cmp) != 0)
		return -1;
	jsonw_kint(&c->w, "year", year);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* POST /api/revshare/whatif/adopt {"year","name","values":[…]} -> the year's configuration */
int revshare_whatif_adopt(struct api_ctx *c)
{
	struct scenario_problem p;
	struct revshare_run_result r;
	struct store_revshare_year y;
	struct scenario sc;
	int64_t year = api_body_int(c, "year");
	int rc;

	if (money_require_manage(c) != 0)
		return -1;
	sc = api_scenario_read(c, c->body);
	rc = revshare_adopt(c->db, c->a, &c->actor, (int)year, &sc, &p, &r);
	if (rc == KFQ_EINVAL && p.message)
		return api_error(c, 400, "invalid_scenario", p.message,
		                 strcmp(p.field, "/scenario/name") == 0 ? "/name" : "/values");
	if (rc != KFQ_OK)
		return revshare_run_error(c, &r);
	if ((rc = store_revshare_year_get(c->db, c->a, (int)year, &y)) != KFQ_OK)
		return api_store_error(c, rc);
	revshare_json_year(&c->w, &y);
	return api_ok(c, 200);
}

static const struct api_field value_fields[] = {
    {"name", API_STR, true, 32},
    /* each parameter's bounds are its definition's (core/scenario.h), checked with its label */
    API_INT_FIELD("value", true, -MONEY_AMOUNT_MAX, MONEY_AMOUNT_MAX),
    API_FIELDS_END,
};

static const struct api_field scenario_fields[] = {
    {"name", API_STR, true, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};

const struct api_field revshare_whatif_body[] = {
    API_INT_FIELD("year", true, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    {"scenarios", API_OBJ_ARRAY, true, SCENARIO_MAX, scenario_fields,
     .too_many = SCENARIO_MAX_RULE},
    API_FIELDS_END,
};

const struct api_field revshare_adopt_body[] = {
    API_INT_FIELD("year", true, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    {"name", API_STR, true, SCENARIO_NAME_MAX},
    {"values", API_OBJ_ARRAY, true, SCENARIO_PARAMS_MAX, value_fields},
    API_FIELDS_END,
};
