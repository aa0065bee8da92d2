/* demo_industry.c - the demo's industry plans and investment pipeline (art. 2, 13): every
 * sample zone's 十五五 plan (2026–2030) with leading industries matching the sample enterprises
 * (the second zone with a fourth one and its reason, waiting for the office's approval), the
 * sample enterprises' 2025 output, and three 招商 projects per zone, one of them stalled, each
 * with a person of the zone's roster (demo_people.c) as its responsible staff: its 项目专员 (事业
 * 编制, so a 招商 incentive may pay him) answers for the two signed and started, its 招商专员 (a
 * civil servant) for the one in talks. Written through the store functions the web app uses. */
#include "app/demo.h"

#include "app/industry_plan_json.h"
#include "app/invest_json.h"
#include "core/plan.h"
#include "store/store_enterprise.h"
#include "store/store_industry_plan.h"
#include "store/store_invest.h"
#include "store/store_org.h"
#include "store/store_people.h"
#include "util/log.h"

#include <string.h>

#define DEMO_OUTPUT_YEAR 2025

static const char *ev_codes[] = {"3841", "3612", "3670"};
static const char *material_codes[] = {"3985"};
static const char *equipment_codes[] = {"3491"};
static const char *software_codes[] = {"65"};

static const struct industry_lead leads[] = {
    {"新能源汽车及动力电池", "5", "energy", ev_codes, 3},
    {"电子新材料", "3", "materials", material_codes, 1},
    {"智能装备", "2", "manufacturing", equipment_codes, 1},
    {"软件和信息服务", "1", "information", software_codes, 1},
};

static int add_plan(struct demo *d, const struct store_org *zone, int k)
{
	struct store_industry_plan p = {
	    .zone_id = zone->id,
	    .name = arena_printf(d->a, "%s“十五五”产业发展规划", zone->name),
	    .r =
	        {2026, 2030,
	         k == 1
	             ? "软件和信息服务已形成集聚，需与制造业融合发展，故保留为第4个主导产业（示例）"
	             : "",
	         leads, k == 1 ? 4 : 3},
	};

	return store_industry_plan_save(d->s, d->who, &industry_plan_json_audit, &p);
}

/* each enterprise's output: 12 times its 2025 tax, by its order in the zone */
static int add_outputs(struct demo *d, const struct store_org *zone)
{
	struct store_enterprise_filter f = {.zone_id = zone->id, .attracted = -1};
	struct store_enterprise *e;
	int64_t total;
	int n, rc;

	if ((rc = store_enterprise_list(d->s, d->a, &f, &e, &n, &total)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		struct store_enterprise_output o = {
		    .enterprise_id = e[i].id,
		    .year = DEMO_OUTPUT_YEAR,
		    .output_fen = (int64_t)(n - i) * 2500000000LL + (int64_t)i * 380000000LL,
		};
		if ((rc = store_enterprise_output_save(d->s, d->who, &industry_plan_json_audit,
		                                       &o)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

static int add_project(struct demo *d, const struct store_org *zone, const char *name,
                       const char *code, enum invest_stage stage, int days_ago, int64_t yuan,
                       int64_t staff, int64_t *id)
{
	char on[11];
	struct store_invest_project p = {
	    .zone_id = zone->id,
	    .p = {name, "示例投资集团有限公司", code, staff, yuan * 100,
	          stage >= INVEST_STARTED ? yuan * 30 : 0, yuan * 250, yuan * 12},
	    .stage = stage,
	    .stage_on = on,
	};
	struct invest_problem why;
	int rc;

	plan_day_format(d->today - days_ago, on);
	rc = store_invest_save(d->s, d->who, &invest_json_audit, &p, &why);
	if (rc == KFQ_EINVAL)
		d->error = arena_strdup(d->a, why.message);
	*id = p.id;
	return rc;
}

/* The person of the zone's roster today in the post named job (demo_people.c's posts). */
static int roster_person(struct demo *d, const struct store_org *zone, const char *job, int64_t *id)
{
	struct store_person_filter f = {.org_id = zone->id, .current = true, .limit = 100};
	struct store_person *ps;
	int64_t total;
	int n, rc;

	if ((rc = store_person_list(d->s, d->a, &f, &ps, &n, &total)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++)
		if (ps[i].job_post && !strcmp(ps[i].job_post, job)) {
			*id = ps[i].id;
			return KFQ_OK;
		}
	d->error = arena_printf(d->a, "%s的人员名册上没有%s", zone->name, job);
	return KFQ_ENOTFOUND;
}

static int add_projects(struct demo *d, const struct store_org *zone)
{
	char on[11];
	int64_t id, project_staff, invest_staff;
	int rc;

	if ((rc = roster_person(d, zone, "项目专员", &project_staff)) != KFQ_OK ||
	    (rc = roster_person(d, zone, "招商专员", &invest_staff)) != KFQ_OK)
		return rc;
	/* entered in 洽谈 200 days ago, signed 120 days ago: stalled at the default 90 days */
	if ((rc = add_project(d, zone, "动力电池正极材料项目（示例）", "3841", INVEST_TALKS, 200,
	                      800000000, project_staff, &id)) != KFQ_OK)
		return rc;
	plan_day_format(d->today - 120, on);
	if ((rc = store_invest_move(d->s, d->who, &invest_json_audit, id, INVEST_TALKS,
	                            INVEST_SIGNED, on, "签订投资协议", -1)) != KFQ_OK)
		return rc;
	if ((rc = add_project(d, zone, "工业机器人整机项目（示例）", "3491", INVEST_STARTED, 30,
	                      300000000, project_staff, &id)) != KFQ_OK)
		return rc;
	return add_project(d, zone, "电子专用材料项目（示例）", "3985", INVEST_TALKS, 10, 150000000,
	                   invest_staff, &id);
}

int demo_industry_fill(struct demo *d)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *zones;
	int n, k = 0, rc;

	if ((rc = store_org_list(d->s, d->a, &f, &zones, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		if (!zones[i].is_sample)
			continue;
		if ((rc = add_plan(d, &zones[i], k)) != KFQ_OK ||
		    (rc = add_outputs(d, &zones[i])) != KFQ_OK ||
		    (rc = add_projects(d, &zones[i])) != KFQ_OK)
			return rc;
		k++;
	}
	strbuf_addf(&d->summary, ", %d industry plans with 招商 projects", k);
	return KFQ_OK;
}
