/* kpi.c - the zones' internal KPIs (art. 14): the office (pay_set) sets the year's minimum
 * weights of 招商引资, 项目建设 and 产业发展; a zone (people_write) keeps its schemes for its
 * departments and its staff and scores them; everyone with people_read sees the schemes of
 * the zones in people_scope with each subject's total and, for the staff, the 绩效薪酬 the
 * zone's pool gives each by that total (core/kpi.h), which the distribution plan takes.
 * Must not write SQL. */
#include "api/people_impl.h"
#include "app/kpi_json.h"

#include "core/account.h"
#include "store/store_kpi.h"
#include "store/store_pay.h"

#include <jansson.h>
#include <string.h>

static int kpi_refuse(struct api_ctx *c, enum kpi_rule rule, const char *field)
{
	return api_error(c, 409, kpi_rule_code(rule), kpi_rule_message(rule), field);
}

/* ---- the year's minimums ---- */

static int floor_answer(struct api_ctx *c, int year)
{
	struct store_kpi_floor f;
	int rc;

	if ((rc = store_kpi_floor_get(c->db, c->a, year, &f)) != KFQ_OK)
		return api_store_error(c, rc);
	kpi_json_floor(&c->w, &f);
	return api_ok(c, 200);
}

static int floor_get(struct api_ctx *c)
{
	return floor_answer(c, (int)api_query_int(c, "year", 0));
}

static int floor_set(struct api_ctx *c)
{
	struct store_kpi_floor f = {0};
	int rc;

	f.year = (int)api_body_int(c, "year");
	f.min[KPI_INVESTMENT] = api_body_int(c, "investment_min");
	f.min[KPI_PROJECT] = api_body_int(c, "project_min");
	f.min[KPI_INDUSTRY] = api_body_int(c, "industry_min");
	if (kpi_floor_check(f.min) != KPI_OK)
		return api_error(c, 400, kpi_rule_code(KPI_BAD_FLOOR),
		                 kpi_rule_message(KPI_BAD_FLOOR), NULL);
	if ((rc = store_kpi_floor_set(c->db, &c->actor, &kpi_json_audit, &f)) != KFQ_OK)
		return api_store_error(c, rc);
	return floor_answer(c, f.year);
}

/* ---- schemes ---- */

/* The zone's pool of the year in fen, or -1 when it cannot be computed yet. */
static int pool_of(struct api_ctx *c, int64_t org_id, int year, int64_t *pool)
{
	struct store_scope all = {.kind = "all"};
	struct store_pay_pool *ps;
	int n, rc;

	*pool = -1;
	if ((rc = store_pay_pools(c->db, c->a, year, org_id, &all, &ps, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (n == 1 && ps[0].rule == PAY_OK)
		*pool = ps[0].p.pool_fen;
	return 0;
}

/* The scheme with, per subject, its scores in the indicators' order, its total and (staff,
 * with a pool) its share of the pool. */
static int write_scheme(struct api_ctx *c, const struct store_kpi_scheme *k)
{
	struct kpi_indicator ind[KPI_INDICATORS_MAX];
	int n = k->nind < KPI_INDICATORS_MAX ? k->nind : KPI_INDICATORS_MAX, ns = 0;
	const char **keys = arena_zalloc(c->a, sizeof(*keys) * (size_t)(k->nscores + 1));
	const char **names = arena_zalloc(c->a, sizeof(*names) * (size_t)(k->nscores + 1));
	int64_t *scores =
	    arena_zalloc(c->a, sizeof(*scores) * (size_t)(k->nscores + 1) * (size_t)(n + 1));
	int64_t *totals = arena_zalloc(c->a, sizeof(*totals) * (size_t)(k->nscores + 1));
	int64_t *perf = arena_zalloc(c->a, sizeof(*perf) * (size_t)(k->nscores + 1));
	int64_t pool = -1;
	bool staff = !strcmp(k->target, "staff");

	for (int i = 0; i < n; i++) {
		if (kpi_category_parse(k->ind[i].category, &ind[i].category) != 0)
			ind[i].category = KPI_OTHER;
		ind[i].weight = k->ind[i].weight;
	}
	/* the scores come ordered by subject: one subject per run of its key */
	for (int i = 0; i < k->nscores; i++) {
		const struct store_kpi_score *x = &k->scores[i];
		if (!ns || strcmp(keys[ns - 1], x->subject_key) != 0) {
			keys[ns] = x->subject_key;
			names[ns++] = x->subject_name;
		}
		for (int j = 0; j < n; j++)
			if (k->ind[j].id == x->indicator_id)
				scores[(size_t)(ns - 1) * (size_t)n + (size_t)j] = x->score_cp;
	}
	for (int s = 0; s < ns; s++)
		totals[s] = kpi_total(ind, &scores[(size_t)s * (size_t)n], n);
	if (staff && pool_of(c, k->org_id, k->year, &pool) != 0)
		return -1;
	if (pool >= 0 && kpi_split(pool, totals, ns, perf) != 0)
		pool = -1;
	kpi_json_scheme_open(&c->w, k);
	if (pool >= 0)
		jsonw_kint(&c->w, "pool_fen", pool);
	else
		jsonw_knull(&c->w, "pool_fen");
	jsonw_key(&c->w, "subjects");
	jsonw_arr_open(&c->w);
	for (int s = 0; s < ns; s++) {
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "key", keys[s]);
		jsonw_kstr(&c->w, "name", names[s]);
		if (pool >= 0)
			jsonw_kint(&c->w, "perf_fen", perf[s]);
		else
			jsonw_knull(&c->w, "perf_fen");
		jsonw_key(&c->w, "scores");
		jsonw_arr_open(&c->w);
		for (int j = 0; j < n; j++)
			jsonw_int(&c->w, scores[(size_t)s * (size_t)n + (size_t)j]);
		jsonw_arr_close(&c->w);
		jsonw_kint(&c->w, "total_cp", totals[s]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return 0;
}

static int schemes(struct api_ctx *c)
{
	struct store_kpi_scheme *ks;
	struct store_scope scope;
	int n, rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	rc = store_kpi_scheme_list(c->db, c->a, (int)api_query_int(c, "year", 0),
	                           api_query_int(c, "org_id", 0), &scope, &ks, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		if (write_scheme(c, &ks[i]) != 0)
			return -1;
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int answer(struct api_ctx *c, int64_t id)
{
	struct store_kpi_scheme k;
	int rc;

	if ((rc = store_kpi_scheme_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	if (write_scheme(c, &k) != 0)
		return -1;
	return api_ok(c, 200);
}

static int scheme_save(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "indicators");
	struct store_kpi_scheme k = {0};
	enum kpi_rule rule;
	int bad, rc;

	k.org_id = api_body_has(c, "org_id") ? api_body_int(c, "org_id") : c->sess.user.org_id;
	if (api_scope_check(c, NULL, k.org_id) != 0 ||
	    people_require_zone(c, k.org_id, "/org_id") != 0)
		return -1;
	k.year = (int)api_body_int(c, "year");
	k.target = api_body_str(c, "target");
	if (strcmp(k.target, "department") != 0 && strcmp(k.target, "staff") != 0)
		return api_error(c, 400, "invalid_value",
		                 "考核对象应为 department（内设机构）或 staff（工作人员）",
		                 "/target");
	k.nind = (int)json_array_size(arr);
	k.ind = arena_zalloc(c->a, sizeof(*k.ind) * (size_t)(k.nind + 1));
	for (int i = 0; i < k.nind; i++) {
		json_t *x = json_array_get(arr, (size_t)i);
		k.ind[i].name = json_string_value(json_object_get(x, "name"));
		k.ind[i].category = json_string_value(json_object_get(x, "category"));
		k.ind[i].weight = json_integer_value(json_object_get(x, "weight"));
	}
	rc = store_kpi_scheme_save(c->db, &c->actor, &kpi_json_audit, &k, &rule, &bad);
	if (rc == KFQ_EINVAL)
		return kpi_refuse(c, rule,
		                  rule == KPI_BAD_INDICATOR && bad >= 0
		                      ? arena_printf(c->a, "/indicators/%d", bad)
		                      : "/indicators");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, k.id);
}

static int scores_set(struct api_ctx *c)
{
	json_t *arr = json_object_get(c->body, "scores");
	size_t n = json_array_size(arr);
	struct store_kpi_score *v = arena_zalloc(c->a, sizeof(*v) * (n + 1));
	struct store_kpi_scheme k;
	enum kpi_rule rule;
	int64_t id;
	int bad, rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_kpi_scheme_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	if (api_scope_check(c, NULL, k.org_id) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(arr, i);
		v[i].subject_key = json_string_value(json_object_get(x, "subject_key"));
		v[i].subject_name = json_string_value(json_object_get(x, "subject_name"));
		v[i].indicator_id = json_integer_value(json_object_get(x, "indicator_id"));
		v[i].score_cp = json_integer_value(json_object_get(x, "score_cp"));
		for (size_t j = 0; j < i; j++)
			if (v[j].indicator_id == v[i].indicator_id &&
			    !strcmp(v[j].subject_key, v[i].subject_key))
				return api_error(c, 400, "invalid_value",
				                 "同一对象的同一指标出现两次",
				                 arena_printf(c->a, "/scores/%zu", i));
	}
	rc = store_kpi_scores_set(c->db, &c->actor, &kpi_json_audit, id, v, (int)n, &rule, &bad);
	if (rc == KFQ_EINVAL && rule != KPI_OK)
		return kpi_refuse(c, rule, arena_printf(c->a, "/scores/%d/score_cp", bad));
	if (rc == KFQ_EINVAL)
		return api_error(c, 409, "not_in_scheme",
		                 "指标不属于此方案，或人员不是本开发区当年在册人员",
		                 arena_printf(c->a, "/scores/%d", bad));
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id);
}

#define YEAR_FIELD(required) API_INT_FIELD("year", required, 2000, 2100)
static const struct api_field year_query[] = {YEAR_FIELD(true), API_FIELDS_END};
static const struct api_field list_query[] = {YEAR_FIELD(true), API_ID_FIELD("org_id", false),
                                              API_FIELDS_END};
static const struct api_field floor_body[] = {
    YEAR_FIELD(true), API_INT_FIELD("investment_min", true, -1000, 1000),
    API_INT_FIELD("project_min", true, -1000, 1000),
    API_INT_FIELD("industry_min", true, -1000, 1000), API_FIELDS_END};
static const struct api_field indicator_fields[] = {{"name", API_STR, true, 200},
                                                    {"category", API_STR, true, 16},
                                                    API_INT_FIELD("weight", true, 0, 1000),
                                                    API_FIELDS_END};
static const struct api_field scheme_body[] = {
    API_ID_FIELD("org_id", false),
    YEAR_FIELD(true),
    {"target", API_STR, true, 16},
    {"indicators", API_OBJ_ARRAY, true, KPI_INDICATORS_MAX * 2, indicator_fields},
    API_FIELDS_END};
static const struct api_field score_fields[] = {{"subject_key", API_STR, true, 100},
                                                {"subject_name", API_STR, true, 100},
                                                API_ID_FIELD("indicator_id", true),
                                                API_INT_FIELD("score_cp", true, -100000, 100000),
                                                API_FIELDS_END};
static const struct api_field scores_body[] = {{"scores", API_OBJ_ARRAY, true, 5000, score_fields},
                                               API_FIELDS_END};

const struct api_route api_kpi_routes[] = {
    {"GET", "/api/kpi/floors", floor_get, PERM_PEOPLE_READ, 0, year_query, NULL},
    {"PUT", "/api/kpi/floors", floor_set, PERM_PAY_SET, 0, NULL, floor_body},
    {"GET", "/api/kpi/schemes", schemes, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"PUT", "/api/kpi/schemes", scheme_save, PERM_PEOPLE_WRITE, 0, NULL, scheme_body},
    {"PUT", "/api/kpi/schemes/:id/scores", scores_set, PERM_PEOPLE_WRITE, 0, NULL, scores_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
