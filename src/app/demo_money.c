/* demo_money.c - the demo's money: a registry of sample enterprises (示例) in every sample zone,
 * attracted or not, arrived before or after the base year, with two years of tax records (2024,
 * the base year, and 2025); the two years' revenue-sharing configuration with sample shares; a
 * 飞地 arrangement between two sample zones; and every zone's 2025 statement computed (drafts:
 * confirming is the finance bureau's act). Must not write other than through the store functions
 * the web app uses, so that the audit log is as the web app makes it. */
#include "app/demo.h"

#include "app/arrangement_json.h"
#include "app/enterprise_json.h"
#include "app/revshare_json.h"
#include "app/revshare_run.h"
#include "core/uscc.h"
#include "store/store_arrangement.h"
#include "store/store_enterprise.h"
#include "store/store_org.h"
#include "store/store_revshare.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

#define DEMO_BASE_YEAR 2024
#define DEMO_YEAR      2025

/* Sample enterprises per zone: name (after the zone's short name), industry 小类, scale, when
 * registered, attracted, when settled (NULL: at registration), and 2024/2025 tax in yuan for
 * 增值税, 企业所得税, 个人所得税, 房产税. */
static const struct {
	const char *name;
	const char *industry;
	const char *scale;
	const char *registered_on;
	bool attracted;
	const char *settled_on;
	int64_t tax24[4], tax25[4];
} samples[] = {
    {"新材料有限公司",
     "3985",
     "above",
     "2018-03-12",
     true,
     "2021-06-01",
     {3200000, 860000, 120000, 90000},
     {3960000, 1020000, 150000, 90000}},
    {"锂电科技有限公司",
     "3841",
     "above",
     "2022-08-20",
     true,
     NULL,
     {1500000, 300000, 80000, 60000},
     {2750000, 610000, 110000, 60000}},
    {"精细化工有限公司",
     "2614",
     "above",
     "2010-05-06",
     false,
     NULL,
     {5100000, 1200000, 210000, 150000},
     {4800000, 990000, 200000, 150000}},
    {"智能装备有限公司",
     "3491",
     "below",
     "2024-11-18",
     true,
     "2025-01-10",
     {0, 0, 0, 0},
     {420000, 0, 36000, 12000}},
    {"建材有限公司",
     "3011",
     "above",
     "2015-09-30",
     true,
     "2019-04-22",
     {2600000, 700000, 90000, 80000},
     {2100000, 450000, 85000, 80000}},
    {"软件信息服务有限公司",
     "6513",
     "below",
     "2023-02-14",
     true,
     NULL,
     {380000, 90000, 150000, 0},
     {560000, 140000, 190000, 0}},
};
#define NSAMPLES (int)(sizeof(samples) / sizeof(samples[0]))
/* each zone's enterprises carry their own trade name */
static const char *const brands[] = {"东华", "北辰", "浑河", "天湖",
                                     "雷锋", "煤都", "永陵", "清原"};
#define NBRANDS (int)(sizeof(brands) / sizeof(brands[0]))
static const enum tax_type sample_types[4] = {TAX_VAT, TAX_CIT, TAX_IIT, TAX_PROPERTY};

/* Sample city shares (the finance bureau sets the real ones): what the city level keeps. */
static const int64_t demo_shares[TAX_TYPE_COUNT] = {
    [TAX_VAT] = 2500,         [TAX_CIT] = 2000,      [TAX_IIT] = 2000,      [TAX_RESOURCE] = 5000,
    [TAX_CITY_MAINT] = 5000,  [TAX_PROPERTY] = 5000, [TAX_LAND_USE] = 5000, [TAX_LAND_VAT] = 5000,
    [TAX_STAMP] = 5000,       [TAX_VEHICLE] = 5000,  [TAX_FARMLAND] = 5000, [TAX_DEED] = 5000,
    [TAX_ENVIRONMENT] = 5000,
};

int demo_money_present(struct demo *d, bool *yes)
{
	struct store_enterprise_filter f = {.attracted = -1, .limit = 1};
	struct store_enterprise *e;
	int64_t total;
	int n, rc = store_enterprise_list(d->s, d->a, &f, &e, &n, &total);

	*yes = rc == KFQ_OK && total > 0;
	return rc;
}

/* a valid code of Fushun (210400) for sample k of zone z: "91210400MA0", six digits, check.
 * The modulos tell the compiler what the demo's sizes already guarantee (z < 90, k * 7 < 8999),
 * so that no build sees a possible truncation. */
static void sample_uscc(int z, int k, char out[USCC_LEN + 1])
{
	snprintf(out, USCC_LEN + 1, "91210400MA0%02u%04uX", (unsigned)(z + 10) % 100u,
	         (unsigned)(k * 7 + 1001) % 10000u);
	out[USCC_LEN - 1] = uscc_check_char(out);
}

static int configure(struct demo *d)
{
	const int years[] = {DEMO_BASE_YEAR, DEMO_YEAR};
	int rc = KFQ_OK;

	for (size_t i = 0; rc == KFQ_OK && i < 2; i++) {
		struct store_revshare_year y = {
		    .year = years[i], .base_year = DEMO_BASE_YEAR, .ratio_bp = 5000};
		memcpy(y.share_bp, demo_shares, sizeof(y.share_bp));
		rc = store_revshare_year_set(d->s, d->who, &revshare_json_audit, &y, "set", NULL);
	}
	return rc;
}

static int add_taxes(struct demo *d, int64_t id, int year, const int64_t *yuan, int scale_pct)
{
	struct store_tax_year y = {.year = year};
	bool any = false;

	for (int t = 0; t < 4; t++) {
		if (!yuan[t])
			continue;
		/* a zone's figures differ a little from the next zone's */
		y.fen[sample_types[t]] = yuan[t] * scale_pct; /* yuan × pct = fen */
		y.present[sample_types[t]] = true;
		any = true;
	}
	return any ? store_tax_set_year(d->s, d->who, &enterprise_json_audit, id, &y) : KFQ_OK;
}

static int add_enterprises(struct demo *d, const struct store_org *zone, int z, int64_t *first,
                           int *added)
{
	int rc = KFQ_OK;

	for (int k = 0; rc == KFQ_OK && k < NSAMPLES; k++) {
		char uscc[USCC_LEN + 1];
		int64_t existing;
		struct store_enterprise e = {
		    .name = arena_printf(d->a, "抚顺%s%s（示例）", brands[z % NBRANDS],
		                         samples[k].name),
		    .zone_id = zone->id,
		    .address = arena_printf(d->a, "%s园区%d号", zone->name, k + 1),
		    .industry_code = samples[k].industry,
		    .scale = samples[k].scale,
		    .registered_on = samples[k].registered_on,
		    .attracted = samples[k].attracted,
		    .settled_on = samples[k].settled_on,
		};
		sample_uscc(z, k, uscc);
		e.uscc = arena_strdup(d->a, uscc);
		if ((rc = store_enterprise_create(d->s, d->who, &enterprise_json_audit, &e,
		                                  &existing)) != KFQ_OK)
			break;
		if (k == 0)
			*first = e.id;
		(*added)++;
		if ((rc = add_taxes(d, e.id, DEMO_BASE_YEAR, samples[k].tax24, 100 - 7 * z)) ==
		    KFQ_OK)
			rc = add_taxes(d, e.id, DEMO_YEAR, samples[k].tax25, 100 - 7 * z);
	}
	return rc;
}

/* 飞地: the first zone's first enterprise shares 30 % of its revenue with the second zone */
static int add_enclave(struct demo *d, const struct store_org *host,
                       const struct store_org *partner, int64_t enterprise_id)
{
	static const struct arrangement_ratio ratios[] = {{2023, 3000}};
	struct store_arrangement_member m = {.id = enterprise_id};
	struct store_arrangement_refusal why;
	struct store_arrangement x = {
	    .ar = {.kind = ARRANGEMENT_ENCLAVE,
	           .host_zone_id = host->id,
	           .partner_zone_id = partner->id,
	           .start_date = "2023-01-01",
	           .ratios = ratios,
	           .n_ratios = 1},
	    .name = arena_printf(d->a, "%s—%s飞地合作（示例）", host->name, partner->name),
	    .note = "合作方按30%分享飞地企业的产出和税收",
	    .members = &m,
	    .n_members = 1,
	};

	return store_arrangement_save(d->s, d->who, &arrangement_json_audit, &x, &why);
}

int demo_money_fill(struct demo *d)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *zones;
	struct revshare_run_result r;
	int64_t first[8] = {0};
	int n, sample = 0, added = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &f, &zones, &n)) != KFQ_OK ||
	    (rc = configure(d)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && sample < 8; i++) {
		if (!zones[i].is_sample)
			continue;
		if ((rc = add_enterprises(d, &zones[i], sample, &first[sample], &added)) != KFQ_OK)
			return rc;
		zones[sample++] = zones[i];
	}
	if (sample >= 2 && (rc = add_enclave(d, &zones[0], &zones[1], first[0])) != KFQ_OK)
		return rc;
	if (revshare_run(d->s, d->a, d->who, DEMO_YEAR, &r) != KFQ_OK) {
		d->error = r.message;
		return r.rc ? r.rc : KFQ_ERR;
	}
	strbuf_addf(&d->summary, ", %d sample enterprises with %d and %d tax, %zu statements of %d",
	            added, DEMO_BASE_YEAR, DEMO_YEAR, r.n_zones, DEMO_YEAR);
	return KFQ_OK;
}
