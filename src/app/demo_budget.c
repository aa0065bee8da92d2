/* demo_budget.c - the demo's zone budgets (art. 5): every sample zone's fiscal mode for 2025
 * (the first two 独立核算 with their county congress's approval, the others 单独列示), its 2025
 * budget and final accounts by a few 政府收支分类科目, and a project with its performance target,
 * result and score. The accounts are written as the budget import writes them (one transaction,
 * its audit record); the rest through the store functions the web app uses. */
#include "app/demo.h"

#include "app/budget_json.h"
#include "store/store_budget.h"
#include "store/store_org.h"
#include "util/jsonw.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

#define DEMO_BUDGET_YEAR 2025

/* The subjects, in the classification's order, with the first zone's budget and final amounts
 * in yuan; later zones' are scaled down a little. */
static const struct {
	const char *code, *name;
	int64_t budget, final;
} subjects[] = {
    {"201", "一般公共服务支出", 18600000, 17950000},
    {"20103", "政府办公厅（室）及相关机构事务", 18600000, 17950000},
    {"2010301", "行政运行", 12600000, 12480000},
    {"2010350", "事业运行", 6000000, 5470000},
    {"206", "科学技术支出", 32000000, 28640000},
    {"20604", "技术研究与开发", 32000000, 28640000},
    {"212", "城乡社区支出", 54000000, 49380000},
    {"21208", "国有土地使用权出让收入安排的支出", 54000000, 49380000},
    {"215", "资源勘探工业信息等支出", 26000000, 27150000},
    {"21508", "支持中小企业发展和管理支出", 26000000, 27150000},
};

/* One zone's accounts of both kinds, written in one transaction with an audit record that
 * names the zone, the year and the line count. */
static int add_accounts(struct demo *d, const struct store_org *zone, int pct)
{
	struct store_budget_bulk *b = NULL;
	size_t n = sizeof(subjects) / sizeof(subjects[0]);
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int rc = store_begin(d->s);

	if (rc != KFQ_OK)
		return rc;
	rc = store_budget_bulk_begin(d->s, &b);
	for (int k = 0; rc == KFQ_OK && k < BUDGET_KIND_COUNT; k++)
		rc = store_budget_bulk_clear(b, zone->id, DEMO_BUDGET_YEAR, (enum budget_kind)k);
	for (int k = 0; rc == KFQ_OK && k < BUDGET_KIND_COUNT; k++)
		for (size_t i = 0; rc == KFQ_OK && i < n; i++) {
			int64_t yuan =
			    k == BUDGET_KIND_BUDGET ? subjects[i].budget : subjects[i].final;
			rc = store_budget_bulk_row(b, zone->id, DEMO_BUDGET_YEAR,
			                           (enum budget_kind)k, subjects[i].code,
			                           subjects[i].name, yuan / 100 * pct * 100);
		}
	if (b && rc == KFQ_OK)
		rc = store_budget_bulk_end(b);
	else if (b)
		store_budget_bulk_abort(b);
	if (rc == KFQ_OK) {
		jsonw_init(&w, &sb);
		jsonw_obj_open(&w);
		jsonw_kint(&w, "lines", (int64_t)n * BUDGET_KIND_COUNT);
		jsonw_kstr(&w, "source", "demo");
		jsonw_kint(&w, "year", DEMO_BUDGET_YEAR);
		jsonw_kint(&w, "zone_id", zone->id);
		jsonw_obj_close(&w);
		rc = store_audit_append_id(d->s, d->who, "import", "budget_lines", zone->id, NULL,
		                           sb.buf);
		strbuf_release(&sb);
	}
	return store_end(d->s, rc);
}

static int add_mode(struct demo *d, const struct store_org *zone, int k)
{
	struct store_budget_year y = {.zone_id = zone->id, .year = DEMO_BUDGET_YEAR};

	if (k < 2) {
		y.by.mode = BUDGET_MODE_INDEPENDENT;
		y.by.approved_on = k == 0 ? "2025-01-16" : "2025-01-20";
		y.by.approval_doc =
		    arena_printf(d->a, "关于%d年开发区财政预算的决议（示例）", DEMO_BUDGET_YEAR);
	} else {
		y.by.mode = BUDGET_MODE_LISTED;
		y.note = "纳入所在县（区）政府预决算单独列示";
	}
	return store_budget_year_save(d->s, d->who, &budget_json_audit, &y);
}

static int add_project(struct demo *d, const struct store_org *zone, int k)
{
	struct store_budget_project p = {
	    .zone_id = zone->id,
	    .year = DEMO_BUDGET_YEAR,
	    .name = "中小企业数字化转型补助（示例）",
	    .subject_code = "21508",
	    .target = "补助企业不少于30家，企业上云率提高10个百分点",
	    .result =
	        k % 2 ? "补助企业24家，上云率提高7个百分点" : "补助企业33家，上云率提高12个百分点",
	    .p = {.funds_fen = 300000000,
	          .spent_fen = k % 2 ? 231500000 : 296000000,
	          .score = k % 2 ? 78 : 93,
	          .scored = true},
	};

	return store_budget_project_save(d->s, d->who, &budget_json_audit, &p);
}

int demo_budget_fill(struct demo *d)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *zones;
	int n, k = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &f, &zones, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if (!zones[i].is_sample)
			continue;
		if ((rc = add_mode(d, &zones[i], k)) != KFQ_OK ||
		    (rc = add_accounts(d, &zones[i], 100 - 7 * k)) != KFQ_OK ||
		    (rc = add_project(d, &zones[i], k)) != KFQ_OK)
			return rc;
		k++;
	}
	strbuf_addf(&d->summary, ", %d zone budgets of %d", k, DEMO_BUDGET_YEAR);
	return KFQ_OK;
}
