/* demo_mujun.c - the demo's 亩均效益 evaluation: 2024 and 2025 figures for the sample zone's
 * industrial enterprises (their tax is the registry's, demo_money.c; their land the parcels of
 * demo_land.c), one enterprise not evaluated by a recorded policy exemption, and the measures
 * for classes A and D. Must not score anything (the page does, through core/mujun.c). */
#include "app/demo.h"
#include "app/mujun_json.h"

#include "store/store_enterprise.h"
#include "store/store_org.h"
#include "util/log.h"

#define DEMO_ZONE "抚顺经济开发区（示例）"

/* per sample enterprise in registry order: value added, revenue, R&D (yuan), energy (kgce),
 * emissions (kg), electricity (kWh), staff; 0 for a figure not reported */
static const int64_t figures[][7] = {
    {52000000, 260000000, 9100000, 8200000, 41000, 21000000, 420},
    {31000000, 180000000, 7200000, 3900000, 18000, 12500000, 260},
    {46000000, 310000000, 3100000, 26000000, 150000, 38000000, 510},
    {2600000, 15000000, 0, 410000, 0, 900000, 38},
    {18000000, 120000000, 1200000, 15500000, 0, 16800000, 230},
};
#define NFIGURES (int)(sizeof(figures) / sizeof(figures[0]))

static int64_t or_none(int64_t v)
{
	return v ? v : MUJUN_NONE;
}

static int add_figures(struct demo *d, const struct store_enterprise *e, int k, int year, int pct)
{
	const int64_t *f = figures[k % NFIGURES];
	struct store_figure x = {
	    .enterprise_id = e->id,
	    .year = year,
	    .value_added_fen = or_none(f[0] * pct), /* yuan × pct = fen at pct % */
	    .revenue_fen = or_none(f[1] * pct),
	    .rd_fen = or_none(f[2] * pct),
	    .energy_kgce = or_none(f[3]),
	    .emission_kg = or_none(f[4]),
	    .electricity_kwh = or_none(f[5]),
	    .staff = or_none(f[6]),
	};
	return store_figure_set(d->s, d->who, &mujun_json_audit, &x);
}

int demo_mujun_fill(struct demo *d)
{
	static const struct {
		const char *klass, *text;
	} measures[] = {
	    {"A", "优先保障用地、用能和排污指标，优先推荐申报各级专项资金"},
	    {"D", "制定整治提升计划，实行差别化电价和用能约束，推动腾笼换鸟"},
	};
	struct store_enterprise_filter ef = {.attracted = -1};
	struct store_enterprise *ents;
	struct store_org zone;
	int64_t total;
	int n, rc, k = 0, exempted = 0;

	if ((rc = store_org_find(d->s, d->a, DEMO_ZONE, &zone)) != KFQ_OK)
		return rc;
	ef.zone_id = zone.id;
	if ((rc = store_enterprise_list(d->s, d->a, &ef, &ents, &n, &total)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if (!mujun_industrial(ents[i].industry_code))
			continue;
		/* 2024's money figures at 90 % of 2025's */
		if ((rc = add_figures(d, &ents[i], k, 2025, 100)) != KFQ_OK ||
		    (rc = add_figures(d, &ents[i], k, 2024, 90)) != KFQ_OK)
			return rc;
		if (k++ == 2) {
			struct store_exemption x = {.enterprise_id = ents[i].id, .year = 2025};
			x.reason = "列入市级技术改造项目豁免名单（改造期内不参评）";
			if ((rc = store_exemption_create(d->s, d->who, &mujun_json_audit, &x)) !=
			    KFQ_OK)
				return rc;
			exempted++;
		}
	}
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
		struct store_measure m = {.zone_id = zone.id, .year = 2025};
		m.klass = measures[i].klass;
		m.measure = measures[i].text;
		if ((rc = store_measure_create(d->s, d->who, &mujun_json_audit, &m)) != KFQ_OK)
			return rc;
	}
	strbuf_addf(&d->summary, "; 亩均: figures of %d enterprises for 2024 and 2025, %d exempted",
	            k, exempted);
	return KFQ_OK;
}
