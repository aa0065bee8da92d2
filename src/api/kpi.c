/* kpi.c - the zones' internal KPIs (art. 14): the office (pay_set) sets the year's minimum
 * weights of 招商引资, 项目建设 and 产业发展; a zone (people_write) keeps its schemes for its
 * departments and its staff and scores them; everyone with people_read sees the schemes of
 * the zones in people_scope with each subject's total and, for the staff, the 绩效薪酬 the
 * zone's pool gives each by that total (core/kpi.h), which the distribution plan takes.
 * Must not write SQL. */
#include "api/export.h"
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

/* A scheme scored: per subject, its scores in the indicators' order, its total and (staff,
 * with a pool) its share of the pool; in the request's arena. */
struct sheet {
	struct kpi_indicator ind[KPI_INDICATORS_MAX];
	int n, ns;                  /* indicators, subjects */
	const char **keys, **names; /* per subject */
	int64_t *scores;            /* subject s, indicator j at s * n + j */
	int64_t *totals, *perf;     /* per subject; perf when pool >= 0 */
	int64_t pool;               /* fen; -1 when the pool cannot be computed yet */
};

static int score(struct api_ctx *c, const struct store_kpi_scheme *k, struct sheet *x)
{
	size_t m = (size_t)k->nscores + 1;

	x->n = k->nind < KPI_INDICATORS_MAX ? k->nind : KPI_INDICATORS_MAX;
	x->ns = 0;
	x->keys = arena_zalloc(c->a, sizeof(*x->keys) * m);
	x->names = arena_zalloc(c->a, sizeof(*x->names) * m);
	x->scores = arena_zalloc(c->a, sizeof(*x->scores) * m * (size_t)(x->n + 1));
	x->totals = arena_zalloc(c->a, sizeof(*x->totals) * m);
	x->perf = arena_zalloc(c->a, sizeof(*x->perf) * m);
	x->pool = -1;
	for (int i = 0; i < x->n; i++) {
		if (kpi_category_parse(k->ind[i].category, &x->ind[i].category) != 0)
			x->ind[i].category = KPI_OTHER;
		x->ind[i].weight = k->ind[i].weight;
	}
	/* the scores come ordered by subject: one subject per run of its key */
	for (int i = 0; i < k->nscores; i++) {
		const struct store_kpi_score *sc = &k->scores[i];
		if (!x->ns || strcmp(x->keys[x->ns - 1], sc->subject_key) != 0) {
			x->keys[x->ns] = sc->subject_key;
			x->names[x->ns++] = sc->subject_name;
		}
		for (int j = 0; j < x->n; j++)
			if (k->ind[j].id == sc->indicator_id)
				x->scores[(size_t)(x->ns - 1) * (size_t)x->n + (size_t)j] =
				    sc->score_cp;
	}
	for (int s = 0; s < x->ns; s++)
		x->totals[s] = kpi_total(x->ind, &x->scores[(size_t)s * (size_t)x->n], x->n);
	if (!strcmp(k->target, "staff") && pool_of(c, k->org_id, k->year, &x->pool) != 0)
		return -1;
	if (x->pool >= 0 && kpi_split(x->pool, x->totals, x->ns, x->perf) != 0)
		x->pool = -1;
	return 0;
}

static int write_scheme(struct api_ctx *c, const struct store_kpi_scheme *k)
{
	struct sheet x;

	if (score(c, k, &x) != 0)
		return -1;
	kpi_json_scheme_open(&c->w, k);
	if (x.pool >= 0)
		jsonw_kint(&c->w, "pool_fen", x.pool);
	else
		jsonw_knull(&c->w, "pool_fen");
	jsonw_key(&c->w, "subjects");
	jsonw_arr_open(&c->w);
	for (int s = 0; s < x.ns; s++) {
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "key", x.keys[s]);
		jsonw_kstr(&c->w, "name", x.names[s]);
		if (x.pool >= 0)
			jsonw_kint(&c->w, "perf_fen", x.perf[s]);
		else
			jsonw_knull(&c->w, "perf_fen");
		jsonw_key(&c->w, "scores");
		jsonw_arr_open(&c->w);
		for (int j = 0; j < x.n; j++)
			jsonw_int(&c->w, x.scores[(size_t)s * (size_t)x.n + (size_t)j]);
		jsonw_arr_close(&c->w);
		jsonw_kint(&c->w, "total_cp", x.totals[s]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return 0;
}

/* The schemes the query selects in the caller's scope, for the list and its export. */
static int read_schemes(struct api_ctx *c, struct store_kpi_scheme **ks, int *n)
{
	struct store_scope scope;
	int rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	rc = store_kpi_scheme_list(c->db, c->a, (int)api_query_int(c, "year", 0),
	                           api_query_int(c, "org_id", 0), &scope, ks, n);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int schemes(struct api_ctx *c)
{
	struct store_kpi_scheme *ks;
	int n;

	if (read_schemes(c, &ks, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		if (write_scheme(c, &ks[i]) != 0)
			return -1;
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* centipoints as points: 9550 → "95.50" */
static const char *points(struct arena *a, int64_t cp)
{
	int64_t v = cp < 0 ? -cp : cp;

	return arena_printf(a, "%s%lld.%02lld", cp < 0 ? "-" : "", (long long)(v / 100),
	                    (long long)(v % 100));
}

/* One row per subject of each scheme, as 内部考核 shows them: its scores named by indicator,
 * its total and (staff) its 绩效薪酬. */
static int schemes_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",   "年度",     "考核对象",      "考核单元",
	                                      "各项得分", "综合得分", "绩效薪酬（元）"};
	static const double widths[] = {30, 8, 10, 20, 60, 10, 16};
	struct store_kpi_scheme *ks;
	struct export_table t;
	int n;

	if (read_schemes(c, &ks, &n) != 0 || export_begin(c, &t, "内部考核", headers, widths, 7))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_kpi_scheme *k = &ks[i];
		struct sheet x;
		if (score(c, k, &x) != 0)
			return -1;
		for (int s = 0; s < x.ns; s++) {
			struct arena *a = export_row_arena(&t);
			const char *parts = "";
			for (int j = 0; j < x.n; j++)
				parts = arena_printf(
				    a, "%s%s%s（权重%lld）%s", parts, j ? "；" : "", k->ind[j].name,
				    (long long)k->ind[j].weight,
				    points(a, x.scores[(size_t)s * (size_t)x.n + (size_t)j]));
			export_text(&t, k->org_name);
			export_int(&t, k->year);
			export_text(&t, !strcmp(k->target, "staff") ? "工作人员" : "内设机构");
			export_text(&t, x.names[s]);
			export_text(&t, parts);
			export_amount(&t, x.totals[s], 2);
			if (x.pool >= 0)
				export_amount(&t, x.perf[s], 2);
			else
				export_text(&t, NULL);
			export_end_row(&t);
		}
	}
	return export_finish(c, &t, "内部考核");
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
    {"GET", "/api/kpi/schemes/export.xlsx", schemes_export, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"GET", "/api/kpi/schemes/export.csv", schemes_export, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"PUT", "/api/kpi/schemes", scheme_save, PERM_PEOPLE_WRITE, 0, NULL, scheme_body},
    {"PUT", "/api/kpi/schemes/:id/scores", scores_set, PERM_PEOPLE_WRITE, 0, NULL, scores_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
