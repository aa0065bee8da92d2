/* kpi.c - internal KPI rules: the scheme's weights and minimums, a subject's total, the split
 * of the pool by the staff's totals. Must not read storage nor decide who may score. */
#include "core/kpi.h"

#include "core/money.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *code;
	const char *message;
} rules[KPI_RULE_COUNT] = {
    [KPI_OK] = {"ok", "符合规定"},
    [KPI_WEIGHTS_NOT_100] = {"kpi_weights_not_100", "内部考核指标的权重合计应为100"},
    [KPI_BELOW_FLOOR] =
        {"kpi_below_floor",
         "招商引资、项目建设、产业发展类指标的权重不得低于规定的最低权重（第十四条）"},
    [KPI_BAD_INDICATOR] = {"kpi_bad_indicator",
                           "指标类别应为招商引资、项目建设、产业发展或其他，权重在1至100之间"},
    [KPI_BAD_FLOOR] = {"kpi_bad_floor", "最低权重不得为负，三类合计不得超过100"},
    [KPI_BAD_SCORE] = {"kpi_bad_score", "得分应在0至100分之间"},
};

static const char *const codes[] = {"investment", "project", "industry", "other"};
static const char *const labels[] = {"招商引资", "项目建设", "产业发展", "其他"};

const char *kpi_rule_code(enum kpi_rule r)
{
	return r >= 0 && r < KPI_RULE_COUNT ? rules[r].code : "rule";
}

const char *kpi_rule_message(enum kpi_rule r)
{
	return r >= 0 && r < KPI_RULE_COUNT ? rules[r].message : "不符合规定";
}

int kpi_category_parse(const char *s, enum kpi_category *out)
{
	for (int i = 0; s && i < 4; i++)
		if (!strcmp(codes[i], s)) {
			*out = (enum kpi_category)i;
			return 0;
		}
	return -1;
}

const char *kpi_category_label(enum kpi_category c)
{
	return c >= KPI_INVESTMENT && c <= KPI_OTHER ? labels[c] : "";
}

enum kpi_rule kpi_floor_check(const int64_t floor[KPI_KEY_CATEGORIES])
{
	int64_t sum = 0;

	for (int c = 0; c < KPI_KEY_CATEGORIES; c++) {
		if (floor[c] < 0 || floor[c] > 100)
			return KPI_BAD_FLOOR;
		sum += floor[c];
	}
	return sum <= 100 ? KPI_OK : KPI_BAD_FLOOR;
}

enum kpi_rule kpi_scheme_check(const int64_t floor[KPI_KEY_CATEGORIES],
                               const struct kpi_indicator *ind, int n, int *bad)
{
	int64_t sum = 0, by[KPI_KEY_CATEGORIES] = {0};

	*bad = -1;
	if (n < 1 || n > KPI_INDICATORS_MAX)
		return KPI_BAD_INDICATOR;
	for (int i = 0; i < n; i++) {
		if (ind[i].weight < 1 || ind[i].weight > 100 || ind[i].category < KPI_INVESTMENT ||
		    ind[i].category > KPI_OTHER) {
			*bad = i;
			return KPI_BAD_INDICATOR;
		}
		sum += ind[i].weight;
		if (ind[i].category != KPI_OTHER)
			by[ind[i].category] += ind[i].weight;
	}
	if (sum != 100)
		return KPI_WEIGHTS_NOT_100;
	*bad = kpi_floor_short(floor, by);
	return *bad < 0 ? KPI_OK : KPI_BELOW_FLOOR;
}

int kpi_floor_short(const int64_t floor[KPI_KEY_CATEGORIES], const int64_t by[KPI_KEY_CATEGORIES])
{
	for (int c = 0; c < KPI_KEY_CATEGORIES; c++)
		if (by[c] < floor[c])
			return c;
	return -1;
}

int64_t kpi_total(const struct kpi_indicator *ind, const int64_t *score_cp, int n)
{
	int64_t sum = 0;

	for (int i = 0; i < n; i++)
		sum += ind[i].weight * score_cp[i];
	return (sum + 50) / 100;
}

int kpi_split(int64_t pool_fen, const int64_t *total_cp, int n, int64_t *perf_fen)
{
	int64_t sum = 0;

	if (n < 0 || pool_fen < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (total_cp[i] < 0)
			return -1;
		sum += total_cp[i];
	}
	if (n == 0)
		return 0;
	if (sum == 0) {
		memset(perf_fen, 0, sizeof(*perf_fen) * (size_t)n);
		return 0;
	}
	return money_split(pool_fen, total_cp, (size_t)n, perf_fen);
}

void kpi_below_item(int64_t scheme_id, int64_t zone_id, const char *zone, int year,
                    const char *target, struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = "kpi_below_floor";
	out->entity_type = "kpi_scheme";
	out->entity_id = scheme_id;
	out->link = arena_printf(a, "/kpi?year=%d", year);
	out->title = arena_printf(
	    a, "%d年度内部考核最低权重调整后，%s的%s考核方案低于最低权重，请重新设定权重", year,
	    zone, strcmp(target, "department") == 0 ? "内设机构" : "工作人员");
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_PEOPLE_WRITE};
	out->to[out->nto++] = (struct inbox_to){.perm = PERM_PAY_SET, .scope_of = zone_id};
}
