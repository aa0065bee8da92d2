/* mujun.c - the 亩均效益 evaluation over HTTP: a year's scheme (read by whoever reads land,
 * changed by an organization holding manage_land), each enterprise's yearly figures, the
 * exemptions (不参评) and the measures per class (changed by whoever may change the zone's
 * land), and a zone's evaluation (api/mujun_eval.c: the city's, computed by core/mujun.c and
 * kept until the data changes) — every enterprise's score with each indicator's value and
 * contribution, its class and last year's — as JSON and as .xlsx or CSV. Must not write SQL nor
 * score anything itself. */
#include "api/api.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/land_impl.h"
#include "api/mujun_eval.h"

#include "app/land_json.h"
#include "app/mujun_json.h"
#include "core/land.h"
#include "store/store_enterprise.h"
#include "store/store_mujun.h"

#include <stdio.h>
#include <string.h>

#define YEAR_MIN   2000
#define YEAR_MAX   2100
#define FIGURE_MAX 1000000000000000LL /* 10^15 of any unit: past any real enterprise */

/* ---- the evaluation ---- */

/* Reads zone_id and year from the query, checks the zone against the caller's land scope. */
static int zone_year(struct api_ctx *c, int64_t *zone_id, int *year)
{
	struct store_scope scope;

	*zone_id = api_query_int(c, "zone_id", 0);
	*year = (int)api_query_int(c, "year", 0);
	if (!*zone_id)
		return api_error(c, 400, "invalid_parameter", "应指定开发区", "zone_id");
	if (!*year)
		return api_error(c, 400, "invalid_parameter", "应指定评价年度", "year");
	land_scope(c, &scope);
	return api_scope_check(c, &scope, *zone_id);
}

/* A zone's evaluation of a year and of the year before, and the registry's labels of the rows
 * answered (names, USCCs, industry codes: read for those rows only). */
struct evaluation {
	const struct mujun_scheme *scheme;
	struct mujun_eval_zone now, last;
	const char **names, **usccs, **codes; /* of the rows answered, in their order */
};

static int evaluate(struct api_ctx *c, int64_t zone_id, int year, struct evaluation *ev)
{
	const struct mujun_eval *now, *last;

	if (mujun_eval_years(c, year, &now, &last) != 0)
		return -1;
	ev->scheme = mujun_eval_scheme(now);
	ev->now = mujun_eval_zone(now, zone_id);
	ev->last = mujun_eval_zone(last, zone_id);
	return 0;
}

/* The labels of the rows ks[0..n) (ascending) of ev's zone. */
static int labels(struct api_ctx *c, int64_t zone_id, struct evaluation *ev, const int *ks, int n)
{
	int64_t *ids = arena_alloc(c->a, sizeof(*ids) * (size_t)(n + 1));
	int rc;

	ev->names = arena_alloc(c->a, sizeof(*ev->names) * (size_t)(n + 1));
	ev->usccs = arena_alloc(c->a, sizeof(*ev->usccs) * (size_t)(n + 1));
	ev->codes = arena_alloc(c->a, sizeof(*ev->codes) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		ids[i] = ev->now.rows[ks[i]].enterprise_id;
	rc = store_mujun_labels(c->db, c->a, zone_id, ids, n, ev->names, ev->usccs, ev->codes);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* Last year's result of enterprise id, found by walking last's rows (both by id) from *at. */
static const struct mujun_result *last_of(const struct mujun_eval_zone *last, int64_t id, int *at)
{
	while (*at < last->n && last->rows[*at].enterprise_id < id)
		(*at)++;
	if (*at < last->n && last->rows[*at].enterprise_id == id && !last->rows[*at].why)
		return &last->results[*at];
	return NULL;
}

static bool selected(const struct mujun_eval_zone *z, int k, const char *klass, const char *group)
{
	if (group && strcmp(group, mujun_group_code(z->rows[k].group)) != 0)
		return false;
	if (!klass)
		return true;
	if (!strcmp(klass, "exempt"))
		return z->rows[k].why != NULL;
	return z->rows[k].why == NULL && !strcmp(klass, mujun_class_code(z->results[k].klass));
}

/* Row k of the zone, the i-th answered. */
static void json_entry(struct api_ctx *c, const struct evaluation *ev, int k, int i,
                       const struct mujun_result *last)
{
	const struct mujun_eval_row *r = &ev->now.rows[k];
	const struct mujun_result *x = &ev->now.results[k];
	struct jsonw *w = &c->w;

	jsonw_obj_open(w);
	jsonw_kstr(w, "class", mujun_class_code(x->klass));
	jsonw_key(w, "contributions");
	jsonw_arr_open(w);
	for (int j = 0; j < MUJUN_NINDICATORS; j++) {
		const struct mujun_weight *wt = &ev->scheme->w[r->group][j];
		if (!wt->weight)
			continue;
		jsonw_obj_open(w);
		jsonw_kbool(w, "averaged", x->averaged[j]);
		jsonw_kstr(w, "code", mujun_indicator_code((enum mujun_indicator)j));
		jsonw_kint(w, "contribution_x100", x->contribution[j]);
		jsonw_kstr(w, "label", mujun_indicator_label((enum mujun_indicator)j));
		jsonw_kstr(w, "unit", mujun_indicator_unit((enum mujun_indicator)j));
		if (x->value[j] == MUJUN_NONE)
			jsonw_knull(w, "value");
		else
			jsonw_kint(w, "value", x->value[j]);
		jsonw_kint(w, "weight", wt->weight);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kid(w, "enterprise_id", r->enterprise_id);
	jsonw_kstr(w, "exempt_reason", r->why);
	jsonw_kstr(w, "group", mujun_group_code(r->group));
	jsonw_kstr(w, "industry_code", ev->codes[i]);
	jsonw_kstr(w, "last_class", last ? mujun_class_code(last->klass) : NULL);
	if (last)
		jsonw_kint(w, "last_score_x100", last->score_x100);
	else
		jsonw_knull(w, "last_score_x100");
	jsonw_kint(w, "mu_x100", land_mu_x100(r->area_m2x100));
	jsonw_kstr(w, "name", ev->names[i]);
	jsonw_kint(w, "rank", x->rank);
	jsonw_kint(w, "score_x100", x->score_x100);
	jsonw_kstr(w, "uscc", ev->usccs[i]);
	jsonw_obj_close(w);
}

static int evaluation(struct api_ctx *c)
{
	const char *klass = api_query_str(c, "class"), *group = api_query_str(c, "group");
	const struct mujun_result **lasts;
	struct evaluation ev;
	int64_t zone_id, offset, limit, total = 0;
	int year, at = 0, npage = 0, *ks, count[MUJUN_NCLASSES + 1] = {0};

	if (zone_year(c, &zone_id, &year) != 0 || evaluate(c, zone_id, year, &ev) != 0)
		return -1;
	api_query_page(c, &offset, &limit);
	ks = arena_alloc(c->a, sizeof(*ks) * (size_t)(ev.now.n + 1));
	lasts = arena_alloc(c->a, sizeof(*lasts) * (size_t)(ev.now.n + 1));
	for (int k = 0; k < ev.now.n; k++) {
		const struct mujun_result *lr =
		    last_of(&ev.last, ev.now.rows[k].enterprise_id, &at);
		count[ev.now.rows[k].why ? MUJUN_NCLASSES : ev.now.results[k].klass]++;
		if (!selected(&ev.now, k, klass, group))
			continue;
		if (total >= offset && (!limit || total < offset + limit)) {
			lasts[npage] = lr;
			ks[npage++] = k;
		}
		total++;
	}
	if (labels(c, zone_id, &ev, ks, npage) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "method",
	           ev.scheme->method == MUJUN_THRESHOLD ? "threshold" : "percentile");
	jsonw_key(&c->w, "summary");
	jsonw_obj_open(&c->w);
	for (int k = 0; k < MUJUN_NCLASSES; k++)
		jsonw_kint(&c->w, mujun_class_code(k), count[k]);
	jsonw_kint(&c->w, "exempt", count[MUJUN_NCLASSES]);
	jsonw_obj_close(&c->w);
	jsonw_kint(&c->w, "year", year);
	api_page_begin(c);
	for (int i = 0; i < npage; i++)
		json_entry(c, &ev, ks[i], i, lasts[i]);
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

static void export_score(struct export_table *x, int64_t v)
{
	export_amount(x, v, 2);
}

/* An indicator's value in the unit its header names (mujun_indicator_unit): money per unit in
 * fen as yuan, the R&D share in basis points as a percent. Both are hundredths. */
static void export_value(struct export_table *x, int64_t v)
{
	if (v == MUJUN_NONE)
		export_text(x, NULL);
	else
		export_amount(x, v, 2);
}

/* The export's columns: the enterprise's, then each indicator's value in its unit and its score
 * (a score under the indicator's bare name was read as its value: DECISIONS 402), then which
 * scores are the group's average, and the result. */
enum {
	LEAD_COLUMNS = 5,
	TAIL_COLUMNS = 7,
	EXPORT_COLUMNS = LEAD_COLUMNS + 2 * MUJUN_NINDICATORS + TAIL_COLUMNS,
};

static void export_columns(struct arena *a, const char **headers, double *widths)
{
	static const char *const lead[LEAD_COLUMNS] = {"统一社会信用代码", "企业名称", "规模",
	                                               "行业代码", "用地（亩）"};
	static const double lead_widths[LEAD_COLUMNS] = {22, 30, 8, 10, 12};
	static const char *const tail[TAIL_COLUMNS] = {
	    "按同类平均的指标", "总分", "排名", "分类", "上年分类", "上年总分", "不参评原因"};
	static const double tail_widths[TAIL_COLUMNS] = {24, 10, 8, 8, 10, 10, 30};
	int n = 0;

	for (int k = 0; k < LEAD_COLUMNS; k++, n++) {
		headers[n] = lead[k];
		widths[n] = lead_widths[k];
	}
	for (int i = 0; i < MUJUN_NINDICATORS; i++) {
		const char *label = mujun_indicator_label((enum mujun_indicator)i);
		headers[n] = arena_printf(a, "%s（%s）", label,
		                          mujun_indicator_unit((enum mujun_indicator)i));
		widths[n++] = 22;
		headers[n] = arena_printf(a, "%s得分", label);
		widths[n++] = 12;
	}
	for (int k = 0; k < TAIL_COLUMNS; k++, n++) {
		headers[n] = tail[k];
		widths[n] = tail_widths[k];
	}
}

/* The labels of the indicators res scored the group's average for (缺数据，按同类平均得分 on
 * the page), joined by 、 into out; empty when none. */
static void averaged_labels(const struct mujun_result *res, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < MUJUN_NINDICATORS && len < size; i++)
		if (res->averaged[i])
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "、" : "",
			                        mujun_indicator_label((enum mujun_indicator)i));
}

/* One row: what the page's row and its expanded contributions show. An enterprise not
 * evaluated keeps its values (facts of the year) but has no score. */
static void export_row(struct export_table *x, const struct evaluation *ev, int k, int i,
                       const struct mujun_result *lr)
{
	const struct mujun_eval_row *r = &ev->now.rows[k];
	const struct mujun_result *res = &ev->now.results[k];
	char averaged[MUJUN_NINDICATORS * 32];

	export_text(x, ev->usccs[i]);
	export_text(x, ev->names[i]);
	export_text(x, r->group == MUJUN_ABOVE ? "规上" : "规下");
	export_text(x, ev->codes[i]);
	export_amount(x, land_mu_x100(r->area_m2x100), 2);
	for (int j = 0; j < MUJUN_NINDICATORS; j++) {
		/* an indicator the group does not weigh has neither (the scheme's 规上 has no
		 * 单位电耗税收, its 规下 only that and 亩均税收) */
		bool weighed = ev->scheme->w[r->group][j].weight != 0;
		export_value(x, weighed ? res->value[j] : MUJUN_NONE);
		if (weighed && !r->why)
			export_score(x, res->contribution[j]);
		else
			export_text(x, NULL);
	}
	if (r->why) {
		/* nothing averaged, no score nor rank */
		for (int n = 0; n < 3; n++)
			export_text(x, NULL);
		export_text(x, "不参评");
	} else {
		averaged_labels(res, averaged, sizeof(averaged));
		export_text(x, averaged[0] ? averaged : NULL);
		export_score(x, res->score_x100);
		export_int(x, res->rank);
		export_text(x, mujun_class_code(res->klass));
	}
	export_text(x, lr ? mujun_class_code(lr->klass) : NULL);
	if (lr)
		export_score(x, lr->score_x100);
	else
		export_text(x, NULL);
	export_text(x, r->why);
	export_end_row(x);
}

/* The rows the list shows with the same class and group filters (DECISIONS 401), unpaged. */
static int evaluation_export(struct api_ctx *c)
{
	const char *klass = api_query_str(c, "class"), *group = api_query_str(c, "group");
	const char *headers[EXPORT_COLUMNS];
	double widths[EXPORT_COLUMNS];
	const struct mujun_result **lasts;
	struct evaluation ev;
	struct export_table x;
	int64_t zone_id;
	int year, at = 0, n = 0, *ks;
	char sheet[40];

	if (zone_year(c, &zone_id, &year) != 0 || evaluate(c, zone_id, year, &ev) != 0)
		return -1;
	ks = arena_alloc(c->a, sizeof(*ks) * (size_t)(ev.now.n + 1));
	lasts = arena_alloc(c->a, sizeof(*lasts) * (size_t)(ev.now.n + 1));
	for (int k = 0; k < ev.now.n; k++) {
		/* last year's rows are walked by id whether or not this row is selected */
		const struct mujun_result *lr =
		    last_of(&ev.last, ev.now.rows[k].enterprise_id, &at);
		if (!selected(&ev.now, k, klass, group))
			continue;
		lasts[n] = lr;
		ks[n++] = k;
	}
	if (labels(c, zone_id, &ev, ks, n) != 0)
		return -1;
	export_columns(c->a, headers, widths);
	snprintf(sheet, sizeof(sheet), "%d年亩均效益评价", year);
	if (export_begin(c, &x, sheet, headers, widths, EXPORT_COLUMNS) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		export_row(&x, &ev, ks[i], i, lasts[i]);
	return export_finish(c, &x, sheet);
}

/* ---- schemes ---- */

static int scheme_answer(struct api_ctx *c, int year, int status)
{
	struct mujun_scheme s;
	bool stored;
	int rc;

	if ((rc = store_mujun_scheme_get(c->db, year, &s, &stored)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kbool(&c->w, "stored", stored);
	jsonw_key(&c->w, "scheme");
	mujun_json_scheme(&c->w, year, &s);
	jsonw_obj_close(&c->w);
	return api_ok(c, status);
}

static int path_year(struct api_ctx *c, int *year)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	if (id < YEAR_MIN || id > YEAR_MAX)
		return api_error(c, 400, "invalid_parameter", "年度应在2000至2100之间", "year");
	*year = (int)id;
	return 0;
}

static int scheme_get(struct api_ctx *c)
{
	int year = 0;

	if (path_year(c, &year) != 0)
		return -1;
	return scheme_answer(c, year, 200);
}

/* The body's indicators into s (each at most once). */
static int indicators_from_body(struct api_ctx *c, struct mujun_scheme *s)
{
	json_t *arr = json_object_get(c->body, "indicators");
	bool seen[MUJUN_NGROUPS][MUJUN_NINDICATORS] = {{false}};
	enum mujun_indicator i;

	memset(s->w, 0, sizeof(s->w));
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *it = json_array_get(arr, k);
		const char *group = json_string_value(json_object_get(it, "group"));
		int g = !strcmp(group, "above") ? MUJUN_ABOVE : MUJUN_BELOW;
		char field[48];

		snprintf(field, sizeof(field), "/indicators/%zu", k);
		if (strcmp(group, "above") != 0 && strcmp(group, "below") != 0)
			return api_error(c, 400, "invalid_value",
			                 "group 应为 above（规上）或 below（规下）",
			                 arena_strdup(c->a, field));
		if (!mujun_indicator_parse(json_string_value(json_object_get(it, "code")), &i))
			return api_error(c, 400, "invalid_value", "不是亩均效益评价的指标",
			                 arena_strdup(c->a, field));
		if (seen[g][i])
			return api_error(c, 400, "invalid_value", "同一类企业的指标重复",
			                 arena_strdup(c->a, field));
		seen[g][i] = true;
		s->w[g][i].weight = (int)json_integer_value(json_object_get(it, "weight"));
		s->w[g][i].reference = json_integer_value(json_object_get(it, "reference"));
		s->w[g][i].cap_bp = (int)json_integer_value(json_object_get(it, "cap_bp"));
	}
	return 0;
}

static int scheme_put(struct api_ctx *c)
{
	struct mujun_scheme s;
	const char *method = api_body_str(c, "method");
	int64_t *pct, *thr;
	int year = 0, npct, nthr, rc;
	char why[160];

	if (path_year(c, &year) != 0 || api_require_capability(c, CAP_MANAGE_LAND) != 0)
		return -1;
	mujun_scheme_default(&s);
	if (strcmp(method, "percentile") != 0 && strcmp(method, "threshold") != 0)
		return api_error(c, 400, "invalid_value",
		                 "分类方法应为 percentile（按比例）或 threshold（按分数线）",
		                 "/method");
	s.method = !strcmp(method, "threshold") ? MUJUN_THRESHOLD : MUJUN_PERCENTILE;
	pct = api_body_ints(c, "pct_bp", &npct);
	thr = api_body_ints(c, "thresholds_x100", &nthr);
	if (npct != MUJUN_NCLASSES)
		return api_error(c, 400, "invalid_value", "应给出A、B、C、D四类的比例", "/pct_bp");
	if (nthr != MUJUN_NCLASSES - 1)
		return api_error(c, 400, "invalid_value", "应给出A、B、C三类的分数线",
		                 "/thresholds_x100");
	for (int k = 0; k < MUJUN_NCLASSES; k++)
		s.pct_bp[k] = (int)pct[k];
	for (int k = 0; k < MUJUN_NCLASSES - 1; k++)
		s.threshold_x100[k] = thr[k];
	s.below_min_mu_x100 = api_body_int(c, "below_min_mu_x100");
	s.new_years = (int)api_body_int(c, "new_years");
	if (indicators_from_body(c, &s) != 0)
		return -1;
	if (mujun_scheme_check(&s, why) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, why), "/indicators");
	if ((rc = store_mujun_scheme_set(c->db, &c->actor, &mujun_json_audit, year, &s)) != KFQ_OK)
		return api_store_error(c, rc);
	return scheme_answer(c, year, 200);
}

/* ---- figures and exemptions: an enterprise of a zone the caller may change ---- */

/* The registry's enterprise id, in a zone the caller reads (else 400 as if unknown, so that an
 * id tells nothing of another zone), and, with change, may change. */
static int enterprise_zone(struct api_ctx *c, int64_t id, bool change, int64_t *zone_id)
{
	struct store_enterprise e;
	struct store_scope scope;
	int64_t *ids;
	int n, rc;

	rc = store_enterprise_get(c->db, c->a, id, &e);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	if (rc == KFQ_OK && api_scope_orgs_of(c, &scope, &ids, &n) != 0)
		return -1;
	if (rc == KFQ_ENOTFOUND || !api_scope_allows(ids, n, e.zone_id))
		return api_error(c, 400, "invalid_value", "企业不存在", "/enterprise_id");
	*zone_id = e.zone_id;
	return change ? land_may_change(c, e.zone_id) : 0;
}

static int figure_list(struct api_ctx *c)
{
	struct store_figure *fs;
	int64_t id = api_query_int(c, "enterprise_id", 0), zone_id;
	int n, rc;

	if (enterprise_zone(c, id, false, &zone_id) != 0)
		return -1;
	if ((rc = store_figure_list(c->db, c->a, id, &fs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		mujun_json_figure(&c->w, &fs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* An optional money field in yuan (two decimals) into fen; MUJUN_NONE when absent. */
static int body_money(struct api_ctx *c, const char *name, int64_t *out)
{
	int64_t v;

	*out = MUJUN_NONE;
	if (!api_body_has(c, name))
		return 0;
	if (land_body_hundredths(c, name, false, &v) != 0)
		return -1;
	*out = v;
	return 0;
}

static int64_t body_count(struct api_ctx *c, const char *name)
{
	return api_body_has(c, name) ? api_body_int(c, name) : MUJUN_NONE;
}

static int figure_put(struct api_ctx *c)
{
	struct store_figure f = {0};
	const char *why, *field;
	int64_t zone_id;
	int rc;

	f.enterprise_id = api_body_int(c, "enterprise_id");
	f.year = (int)api_body_int(c, "year");
	if (enterprise_zone(c, f.enterprise_id, true, &zone_id) != 0 ||
	    body_money(c, "value_added", &f.value_added_fen) != 0 ||
	    body_money(c, "revenue", &f.revenue_fen) != 0 || body_money(c, "rd", &f.rd_fen) != 0)
		return -1;
	f.energy_kgce = body_count(c, "energy_kgce");
	f.emission_kg = body_count(c, "emission_kg");
	f.electricity_kwh = body_count(c, "electricity_kwh");
	f.staff = body_count(c, "staff");
	if ((why = mujun_figures_check(f.value_added_fen, f.revenue_fen, f.rd_fen, &field)) != NULL)
		return api_error(c, 400, "invalid_value", why, arena_printf(c->a, "/%s", field));
	if ((rc = store_figure_set(c->db, &c->actor, &mujun_json_audit, &f)) != KFQ_OK ||
	    (rc = store_figure_get(c->db, c->a, f.id, &f)) != KFQ_OK)
		return api_store_error(c, rc);
	mujun_json_figure(&c->w, &f);
	return api_ok(c, 200);
}

static int exemption_list(struct api_ctx *c)
{
	struct store_exemption *xs;
	int64_t zone_id;
	int year, n, rc;

	if (zone_year(c, &zone_id, &year) != 0)
		return -1;
	if ((rc = store_exemption_list(c->db, c->a, zone_id, year, &xs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		mujun_json_exemption(&c->w, &xs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int exemption_create(struct api_ctx *c)
{
	struct store_exemption x = {0};
	int64_t zone_id;
	int rc;

	x.enterprise_id = api_body_int(c, "enterprise_id");
	x.year = (int)api_body_int(c, "year");
	x.reason = api_body_str(c, "reason");
	if (enterprise_zone(c, x.enterprise_id, true, &zone_id) != 0)
		return -1;
	rc = store_exemption_create(c->db, &c->actor, &mujun_json_audit, &x);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "already_exists", "该企业本年度已登记不参评",
		                 "/enterprise_id");
	if (rc != KFQ_OK || (rc = store_exemption_get(c->db, c->a, x.id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	mujun_json_exemption(&c->w, &x);
	return api_ok(c, 201);
}

static int exemption_delete(struct api_ctx *c)
{
	struct store_exemption x;
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_exemption_get(c->db, c->a, id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, x.zone_id) != 0 || land_may_change(c, x.zone_id) != 0)
		return -1;
	if ((rc = store_exemption_delete(c->db, &c->actor, &mujun_json_audit, id)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_ok(c, 204);
}

/* ---- measures ---- */

static int measure_list(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_measure *ms;
	int64_t zone_id = api_query_int(c, "zone_id", 0);
	int n, rc;

	if (!zone_id)
		return api_error(c, 400, "invalid_parameter", "应指定开发区", "zone_id");
	land_scope(c, &scope);
	if (api_scope_check(c, &scope, zone_id) != 0)
		return -1;
	rc = store_measure_list(c->db, c->a, zone_id, (int)api_query_int(c, "year", 0), &ms, &n);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		mujun_json_measure(&c->w, &ms[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int measure_create(struct api_ctx *c)
{
	struct store_measure m = {0};
	int rc;

	m.zone_id = api_body_int(c, "zone_id");
	m.year = (int)api_body_int(c, "year");
	m.klass = api_body_str(c, "class");
	m.measure = api_body_str(c, "measure");
	if (land_may_change(c, m.zone_id) != 0)
		return -1;
	if (strlen(m.klass) != 1 || m.klass[0] < 'A' || m.klass[0] > 'D')
		return api_error(c, 400, "invalid_value", "分类应为 A、B、C 或 D", "/class");
	rc = store_measure_create(c->db, &c->actor, &mujun_json_audit, &m);
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "开发区不存在", "/zone_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kid(&c->w, "id", m.id);
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
}

#define YEAR_FIELD(required) API_INT_FIELD("year", required, YEAR_MIN, YEAR_MAX)
#define COUNT(name)          API_INT_FIELD(name, false, 0, FIGURE_MAX)

static const struct api_field evaluation_query[] = {
    API_ID_FIELD("zone_id", true), YEAR_FIELD(true), API_QSTR("class", 8),
    API_QSTR("group", 8),          API_QPAGE,        API_FIELDS_END,
};
/* the list's filters without its page: the file holds what the list shows (DECISIONS 401) */
static const struct api_field export_query[] = {
    API_ID_FIELD("zone_id", true), YEAR_FIELD(true), API_QSTR("class", 8),
    API_QSTR("group", 8),          API_FIELDS_END,
};
static const struct api_field indicator_fields[] = {
    {"group", API_STR, true, 8},
    {"code", API_STR, true, 32},
    API_INT_FIELD("weight", true, 0, 100),
    API_INT_FIELD("reference", true, 0, FIGURE_MAX),
    API_INT_FIELD("cap_bp", true, 0, 1000000),
    API_FIELDS_END,
};
static const struct api_field scheme_body[] = {
    {"method", API_STR, true, 16},
    {"pct_bp", API_INT_ARRAY, true, MUJUN_NCLASSES, NULL, 0, 10000},
    {"thresholds_x100", API_INT_ARRAY, true, MUJUN_NCLASSES - 1, NULL, 0, 1000000},
    API_INT_FIELD("below_min_mu_x100", true, 0, 100000000),
    API_INT_FIELD("new_years", true, 0, 50),
    {"indicators", API_OBJ_ARRAY, true, MUJUN_NGROUPS *MUJUN_NINDICATORS, indicator_fields},
    API_FIELDS_END,
};
static const struct api_field figure_query[] = {API_ID_FIELD("enterprise_id", true),
                                                API_FIELDS_END};
static const struct api_field figure_body[] = {
    API_ID_FIELD("enterprise_id", true),
    YEAR_FIELD(true),
    {"value_added", API_STR, false, 20},
    {"revenue", API_STR, false, 20},
    {"rd", API_STR, false, 20},
    COUNT("energy_kgce"),
    COUNT("emission_kg"),
    COUNT("electricity_kwh"),
    COUNT("staff"),
    API_FIELDS_END,
};
static const struct api_field zone_year_query[] = {API_ID_FIELD("zone_id", true), YEAR_FIELD(true),
                                                   API_FIELDS_END};
static const struct api_field exemption_body[] = {
    API_ID_FIELD("enterprise_id", true),
    YEAR_FIELD(true),
    {"reason", API_STR, true, 500},
    API_FIELDS_END,
};
static const struct api_field measure_query[] = {API_ID_FIELD("zone_id", true), YEAR_FIELD(false),
                                                 API_FIELDS_END};
static const struct api_field measure_body[] = {
    API_ID_FIELD("zone_id", true),    YEAR_FIELD(true), {"class", API_STR, true, 1},
    {"measure", API_STR, true, 2000}, API_FIELDS_END,
};

const struct api_route api_mujun_routes[] = {
    {"GET", "/api/mujun/evaluation", evaluation, PERM_LAND_READ, API_CACHED, evaluation_query,
     NULL},
    {"GET", "/api/mujun/evaluation/export.xlsx", evaluation_export, PERM_LAND_READ, 0, export_query,
     NULL},
    {"GET", "/api/mujun/evaluation/export.csv", evaluation_export, PERM_LAND_READ, 0, export_query,
     NULL},
    {"GET", "/api/mujun/schemes/:id", scheme_get, PERM_LAND_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/mujun/schemes/:id", scheme_put, PERM_LAND_WRITE, 0, NULL, scheme_body},
    {"GET", "/api/mujun/figures", figure_list, PERM_LAND_READ, API_CACHED, figure_query, NULL},
    {"PUT", "/api/mujun/figures", figure_put, PERM_LAND_WRITE, 0, NULL, figure_body},
    {"GET", "/api/mujun/exemptions", exemption_list, PERM_LAND_READ, API_CACHED, zone_year_query,
     NULL},
    {"POST", "/api/mujun/exemptions", exemption_create, PERM_LAND_WRITE, 0, NULL, exemption_body},
    {"DELETE", "/api/mujun/exemptions/:id", exemption_delete, PERM_LAND_WRITE, 0, NULL, NULL},
    {"GET", "/api/mujun/measures", measure_list, PERM_LAND_READ, API_CACHED, measure_query, NULL},
    {"POST", "/api/mujun/measures", measure_create, PERM_LAND_WRITE, 0, NULL, measure_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
