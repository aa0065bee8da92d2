/* demo_platform.c - the demo's platform companies (art. 12, 13): one per sample zone, held by the
 * zone's state capital with a strategic investor, land-use rights injected, the committee's three
 * duties separated with their evidence, and the figures of 2024 and 2025 — the first zone's
 * within every line, the second's 资产负债率 past the key-supervision line of a non-industrial
 * company (75 %), the third's past its warning line (70 %), so that the board shows both. Written
 * through the store functions the web app uses. */
#include "app/demo.h"

#include "app/platform_json.h"
#include "core/uscc.h"
#include "store/store_org.h"
#include "store/store_platform.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

/* liabilities per 10000 of assets in 2025, by sample zone */
static const int64_t debt_bp[] = {6200, 7600, 7200};

static int add_company(struct demo *d, const struct store_org *zone, int k)
{
	static const struct store_platform_shareholder holders[] = {
	    {"开发区管委会（国有资本出资）", "state", 8000},
	    {"辽宁省产业投资基金（示例）", "strategic", 2000},
	};
	static const struct store_platform_injection inject[] = {
	    {"标准化厂房及配套土地使用权", 180000000000, "2024-06-28"},
	};
	struct store_platform_company co = {
	    .zone_id = zone->id,
	    .type = PLATFORM_NON_INDUSTRIAL,
	    .established_on = "2016-03-18",
	    .note = "开发区开发建设、招商引资和资本运作的市场化主体",
	    .holders = (struct store_platform_shareholder *)holders,
	    .nholders = 2,
	    .injections = (struct store_platform_injection *)inject,
	    .ninjections = 1,
	};
	struct store_platform_duty *duties;
	char uscc[USCC_LEN + 1];
	const char *cut;
	int n, rc;

	snprintf(uscc, sizeof(uscc), "91210400MA0P%02d%03dX", k, 101);
	uscc[USCC_LEN - 1] = uscc_check_char(uscc);
	co.uscc = arena_strdup(d->a, uscc);
	/* the zone's name without its own (示例) mark, which the company's name carries */
	cut = strstr(zone->name, "（示例）");
	co.name =
	    arena_printf(d->a, "%.*s开发建设投资有限公司（示例）",
	                 (int)(cut ? (size_t)(cut - zone->name) : strlen(zone->name)), zone->name);
	if ((rc = store_platform_save(d->s, d->who, &platform_json_audit, &co)) != KFQ_OK ||
	    (rc = store_platform_duties(d->s, d->a, co.id, &duties, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; rc == KFQ_OK && i < n; i++) {
		bool committee = platform_duty_of_committee(duties[i].duty);
		duties[i].status = committee ? PLATFORM_DONE : PLATFORM_DOING;
		duties[i].evidence = committee ? "管委会职能配置方案已印发（示例）" : "";
		rc = store_platform_duty_save(d->s, d->who, &platform_json_audit, &duties[i], 0,
		                              NULL, 0);
	}
	for (int year = 2024; rc == KFQ_OK && year <= 2025; year++) {
		/* assets of 12 + k hundred million yuan; the year before a little less indebted */
		int64_t assets = (int64_t)(12 + k) * 10000000000;
		int64_t bp = debt_bp[k % 3] - (year == 2024 ? 300 : 0);
		int64_t liab = assets / 10000 * bp;
		struct store_platform_sheet y = {
		    .year = year,
		    .sheet = {.assets = assets,
		              .liabilities = liab,
		              .interest_bearing = liab / 10 * 6,
		              .current_assets = assets / 4,
		              .current_liabilities = liab / 3,
		              .guarantees = k == 1 ? assets / 20 : 0},
		    .revenue_fen = assets / 14,
		    .profit_fen = k == 1 ? -1250000000 : assets / 250,
		};
		rc = store_platform_sheet_save(d->s, d->who, &platform_json_audit, co.id, &y);
	}
	return rc;
}

int demo_platform_fill(struct demo *d)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *zones;
	int n, k = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &f, &zones, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && k < 3; i++) {
		if (!zones[i].is_sample)
			continue;
		if ((rc = add_company(d, &zones[i], k)) != KFQ_OK)
			return rc;
		k++;
	}
	strbuf_addf(&d->summary, ", %d platform companies", k);
	return KFQ_OK;
}
