/* demo_assess.c - the demo's annual assessment: this year's schemes for the sample zones by
 * class (国家级, 省级), their targets and actuals, and the results computed but not yet
 * published (the office publishes them in the web app). The internal KPIs are demo_kpi.c's.
 * Writes through store/ like the web app. */
#include "app/assess_json.h"
#include "app/demo.h"

#include "core/notice.h"
#include "store/store_assess.h"
#include "store/store_org.h"
#include "util/log.h"

#include <string.h>

static const struct store_assess_indicator indicators[] = {
    {.name = "规上工业增加值", .unit = "亿元", .kind = "target", .mode = "higher", .weight = 30},
    {.name = "实际利用外资", .unit = "万美元", .kind = "target", .mode = "higher", .weight = 20},
    {.name = "单位GDP能耗", .unit = "吨标煤/万元", .kind = "target", .mode = "lower", .weight = 10},
    {.name = "全省开发区综合评价",
     .kind = "province",
     .mode = "score",
     .weight = 40,
     .scale = 10000},
    {.name = "安全生产事故", .kind = "deduction", .mode = "points", .weight = 0, .scale = 500},
};
#define NIND ((int)(sizeof(indicators) / sizeof(indicators[0])))

/* The values of the k-th zone of a class: targets met by 90..120 %, the province's score
 * 78..93, a deduction for every third zone. Hundredths of each unit. */
static void values_of(int k, const struct store_assess_scheme *x, struct store_assess_value *v)
{
	static const int64_t targets[] = {150000, 80000, 5000};
	int64_t pct = 90 + (k * 7) % 31;

	for (int i = 0; i < 3; i++) {
		v[i] =
		    (struct store_assess_value){.indicator_id = x->ind[i].id, .has_target = true};
		v[i].target = targets[i];
		/* lower-is-better: the actual shrinks as the zone does better */
		v[i].actual = i == 2 ? targets[i] * 100 / pct : targets[i] * pct / 100;
	}
	v[3] = (struct store_assess_value){.indicator_id = x->ind[3].id,
	                                   .actual = 7800 + k * 500 % 1500};
	v[4] = (struct store_assess_value){.indicator_id = x->ind[4].id,
	                                   .actual = k % 3 == 2 ? 200 : 0};
}

static int scheme_of(struct demo *d, int year, const char *class_key, const struct store_org *zones,
                     int nzones, const char *level, int64_t quota_bp)
{
	struct store_assess_indicator ind[NIND];
	struct store_assess_value v[NIND];
	struct store_assess_outcome o;
	struct store_assess_scheme x = {.year = year,
	                                .class_key = class_key,
	                                .r = {.cap_bp = 12000,
	                                      .min_cp = {9000, 8000, 6000},
	                                      .top_quota_bp = quota_bp,
	                                      .appeal_days = 7}};
	int rc, k = 0;

	memcpy(ind, indicators, sizeof(ind));
	x.name = arena_printf(d->a, "%d年度%s考核方案", year, class_key);
	x.ind = ind;
	x.nind = NIND;
	x.zones = arena_zalloc(d->a, sizeof(*x.zones) * (size_t)(nzones + 1));
	for (int z = 0; z < nzones; z++)
		if (zones[z].is_sample && zones[z].level && !strcmp(zones[z].level, level))
			x.zones[x.nzones++].org_id = zones[z].id;
	if (!x.nzones)
		return KFQ_OK;
	if ((rc = store_assess_scheme_save(d->s, d->who, &assess_json_audit, &x, &o)) != KFQ_OK)
		return rc;
	for (int z = 0; z < x.nzones; z++) {
		values_of(k++, &x, v);
		if ((rc = store_assess_values_set(d->s, d->who, &assess_json_audit, x.id,
		                                  x.zones[z].org_id, v, NIND, &o)) != KFQ_OK)
			return rc;
	}
	return store_assess_compute(d->s, d->who, &assess_json_audit, x.id, NULL, &o);
}

int demo_assess_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	int nzones, year = notice_year(d->today), rc;

	if ((rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK ||
	    (rc = scheme_of(d, year, "国家级开发区", zones, nzones, "national", 0)) != KFQ_OK ||
	    (rc = scheme_of(d, year, "省级开发区", zones, nzones, "provincial", 4000)) != KFQ_OK)
		return rc;
	strbuf_addstr(&d->summary, ", this year's assessment computed (to be published)");
	return KFQ_OK;
}
