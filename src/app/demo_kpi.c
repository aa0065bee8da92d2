/* demo_kpi.c - the demo's internal KPIs (art. 14: 内部考核向招商引资、项目建设、产业发展倾斜)
 * and what they feed: each sample zone's scheme for its staff, every person the zone pays scored
 * against it, and the first zone's distribution plan whose 绩效薪酬 is the pool split by those
 * scores (core/kpi.h, to the fen), filed and acknowledged by two of the four departments. Runs
 * after demo_people.c (rosters, pools). Writes through the store functions the web app uses.
 * Must not write SQL. */
#include "app/demo.h"
#include "app/kpi_json.h"
#include "app/pay_json.h"

#include "core/notice.h"
#include "store/store_capability.h"
#include "store/store_kpi.h"
#include "store/store_org.h"
#include "store/store_pay.h"
#include "store/store_people.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

#define NKPI 4

static const struct store_kpi_indicator kpis[NKPI] = {
    {.name = "招商引资任务", .category = "investment", .weight = 30},
    {.name = "项目建设进度", .category = "project", .weight = 25},
    {.name = "产业培育", .category = "industry", .weight = 20},
    {.name = "日常工作", .category = "other", .weight = 25},
};

/* The people the zone pays today, in roster order: those the plan may pay. */
static int paid_people(struct demo *d, int64_t org_id, struct store_person **out, int *n)
{
	struct store_person_filter f = {.org_id = org_id, .current = true, .limit = 1000};
	struct store_person *ps;
	int64_t total;
	int all, rc;

	if ((rc = store_person_list(d->s, d->a, &f, &ps, &all, &total)) != KFQ_OK)
		return rc;
	*out = arena_zalloc(d->a, sizeof(**out) * (size_t)(all + 1));
	*n = 0;
	for (int i = 0; i < all; i++)
		if (ps[i].paid_by_zone)
			(*out)[(*n)++] = ps[i];
	return KFQ_OK;
}

/* The zone's staff scheme with every paid person scored 70..99 points per indicator (varied by
 * person, indicator and the zone's place zi among the samples); each person's total in
 * totals[] (core/kpi.h). */
static int score_zone(struct demo *d, int64_t org_id, int zi, int year,
                      const struct store_person *ps, int n, int64_t *totals)
{
	struct store_kpi_indicator ind[NKPI];
	struct kpi_indicator rules[NKPI];
	struct store_kpi_scheme k = {.org_id = org_id, .year = year, .target = "staff"};
	struct store_kpi_score *v = arena_zalloc(d->a, sizeof(*v) * (size_t)(n * NKPI + 1));
	enum kpi_rule rule;
	int bad, rc;

	memcpy(ind, kpis, sizeof(ind));
	k.ind = ind;
	k.nind = NKPI;
	if ((rc = store_kpi_scheme_save(d->s, d->who, &kpi_json_audit, &k, &rule, &bad)) != KFQ_OK)
		return rc;
	for (int j = 0; j < NKPI; j++) {
		rules[j].weight = ind[j].weight;
		if (kpi_category_parse(ind[j].category, &rules[j].category) != 0)
			rules[j].category = KPI_OTHER;
	}
	for (int i = 0; i < n; i++) {
		int64_t score[NKPI];
		for (int j = 0; j < NKPI; j++) {
			score[j] = 7000 + (int64_t)((i * 37 + j * 53 + zi * 11) % 30) * 100;
			v[i * NKPI + j] = (struct store_kpi_score){
			    .subject_key = arena_printf(d->a, "%lld", (long long)ps[i].id),
			    .subject_name = ps[i].name,
			    .indicator_id = ind[j].id,
			    .score_cp = score[j]};
		}
		totals[i] = kpi_total(rules, score, NKPI);
	}
	return store_kpi_scores_set(d->s, d->who, &kpi_json_audit, k.id, v, n * NKPI, &rule, &bad);
}

/* The zone's plan: each paid person's 基础薪酬 at the city's reference salary and 绩效薪酬 the
 * pool split by the KPI totals; filed, acknowledged by the first two holders of
 * ack_pay_filing. Nothing when the pool cannot be computed. */
static int plan_of(struct demo *d, int64_t org_id, int year, const struct store_person *ps, int n,
                   const int64_t *totals)
{
	struct store_capability_filter f = {.capability = "ack_pay_filing"};
	struct store_capability_grant *holders;
	struct store_pay_pool *pool;
	struct store_scope all = {0};
	struct store_pay_plan p = {0};
	struct store_pay_line *lines = arena_zalloc(d->a, sizeof(*lines) * (size_t)(n + 1));
	int64_t *perf = arena_zalloc(d->a, sizeof(*perf) * (size_t)(n + 1)), total;
	enum pay_rule rule;
	int np, bad, rc;

	if ((rc = store_pay_pools(d->s, d->a, year, org_id, &all, &pool, &np)) != KFQ_OK)
		return rc;
	if (np != 1 || pool[0].rule != PAY_OK ||
	    kpi_split(pool[0].p.pool_fen, totals, n, perf) != 0)
		return KFQ_OK;
	for (int i = 0; i < n; i++)
		lines[i] = (struct store_pay_line){
		    .person_id = ps[i].id, .base_fen = 7200000, .perf_fen = perf[i]};
	p.org_id = org_id;
	p.year = year;
	p.note = "绩效薪酬按内部考核（员工）得分分配";
	p.lines = lines;
	p.nlines = n;
	if ((rc = store_pay_plan_save(d->s, d->who, &pay_json_audit, &p, &rule, &bad)) != KFQ_OK ||
	    (rc = store_pay_plan_file(d->s, d->who, &pay_json_audit, p.id, &rule, &bad)) != KFQ_OK)
		return rc;
	if ((rc = store_capability_list(d->s, d->a, &f, &holders, &np, &total)) != KFQ_OK)
		return rc;
	for (int i = 0; i < np && i < 2; i++)
		if ((rc = store_pay_plan_ack(d->s, d->who, &pay_json_audit, p.id, holders[i].org_id,
		                             "ack", "同意备案")) != KFQ_OK)
			return rc;
	return KFQ_OK;
}

int demo_kpi_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	int nzones, year = notice_year(d->today), schemes = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK)
		return rc;
	for (int z = 0; z < nzones; z++) {
		struct store_person *ps;
		int64_t *totals;
		int n;
		if (!zones[z].is_sample)
			continue;
		if ((rc = paid_people(d, zones[z].id, &ps, &n)) != KFQ_OK)
			return rc;
		totals = arena_zalloc(d->a, sizeof(*totals) * (size_t)(n + 1));
		if ((rc = score_zone(d, zones[z].id, schemes, year, ps, n, totals)) != KFQ_OK ||
		    (!schemes && (rc = plan_of(d, zones[z].id, year, ps, n, totals)) != KFQ_OK))
			return rc;
		schemes++;
	}
	strbuf_addf(&d->summary, ", %d zones' staff KPIs scored, the first one's plan from them",
	            schemes);
	return KFQ_OK;
}
