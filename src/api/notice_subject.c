/* notice_subject.c - what a 督办单 may concern: one line per entity type, each checking that
 * the entity exists and may be raised with the addressed organization, naming it as the notice
 * will, and giving its web page. A task or a consultation (any organization), a milestone or a
 * plan (of the addressed organization), an organization itself, and the later modules' records
 * of a zone addressed to that zone: a platform company, an investment project, an enterprise, a
 * land parcel, a low-efficiency land case, a budget project; a delegated power to its zone or
 * its department. A 容错免责 case is not one: deciding it is 市纪委监委's own (DECISIONS), which
 * the office does not supervise. Must not write SQL. */
#include "api/notice_impl.h"

#include "core/plan.h"
#include "store/store_budget.h"
#include "store/store_consult.h"
#include "store/store_enterprise.h"
#include "store/store_land.h"
#include "store/store_org.h"
#include "store/store_power.h"
#include "store/store_plan.h"
#include "store/store_platform.h"
#include "store/store_invest.h"
#include "store/store_task.h"

#include "util/strbuf.h"

#include <string.h>

static int missing(struct api_ctx *c, int rc, const char *what, const char *field)
{
	if (rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	return api_error(c, 400, "invalid_value", arena_printf(c->a, "%s不存在", what), field);
}

/* A plan, or a milestone of one, whose organization the task no longer names (DECISIONS 240):
 * there is nothing left for it to do, so nothing to press it on. */
static int off_task(struct api_ctx *c, const char *org, const char *day, const char *what,
                    const char *field)
{
	return api_error(
	    c, 409, "invalid_state",
	    arena_printf(c->a, "%s已于%s不再承担此任务，不能就其%s督办", org, day, what), field);
}

static int task_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                      struct notice_about *out)
{
	struct store_task t;
	int rc;

	(void)org_id;
	if ((rc = store_task_name(c->db, c->a, id, &t)) != KFQ_OK)
		return missing(c, rc, "改革任务", field);
	out->label = arena_printf(c->a, "第%d条“%s”", t.article_number, t.title);
	out->task_id = t.id;
	return 0;
}

static void task_ahead(struct api_ctx *c, int64_t id)
{
	store_task_name_ahead(c->db, id);
}

static int milestone_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                           struct notice_about *out)
{
	struct store_milestone m;
	struct milestone_bounds b;
	int rc;

	milestone_bounds(plan_today(c->now), &b);
	if ((rc = store_milestone_get(c->db, c->a, id, &b, &m)) != KFQ_OK)
		return missing(c, rc, "推进节点", field);
	if (m.org_id != org_id)
		return api_error(c, 400, "invalid_value", "该节点不属于主送单位的计划", field);
	if (m.off_task_on)
		return off_task(c, m.org_name, m.off_task_on, "节点", field);
	out->label =
	    arena_printf(c->a, "第%d条“%s”节点“%s”", m.article_number, m.task_title, m.title);
	out->task_id = m.task_id;
	return 0;
}

static int plan_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                      struct notice_about *out)
{
	struct store_plan p;
	struct milestone_bounds b;
	int rc;

	milestone_bounds(plan_today(c->now), &b);
	if ((rc = store_plan_get(c->db, c->a, id, &b, &p)) != KFQ_OK)
		return missing(c, rc, "一区一策计划", field);
	if (p.org_id != org_id)
		return api_error(c, 400, "invalid_value", "该计划不属于主送单位", field);
	if (p.off_task_on)
		return off_task(c, p.org_name, p.off_task_on, "计划", field);
	out->label = arena_printf(c->a, "第%d条“%s”一区一策计划", p.article_number, p.task_title);
	out->task_id = p.task_id;
	return 0;
}

static int org_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                     struct notice_about *out)
{
	struct store_org o;
	int rc;

	(void)org_id;
	if ((rc = store_org_get(c->db, c->a, id, &o)) != KFQ_OK)
		return missing(c, rc, "单位", field);
	out->label = o.name;
	out->task_id = 0;
	return 0;
}

/* a zone's platform company, with the addressed zone */
static int platform_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                          struct notice_about *out)
{
	struct store_platform_company co;
	int rc;

	if ((rc = store_platform_get(c->db, c->a, id, &co)) != KFQ_OK)
		return missing(c, rc, "平台公司", field);
	if (co.zone_id != org_id)
		return api_error(c, 400, "invalid_value", "该平台公司不属于主送单位", field);
	out->label = arena_printf(c->a, "平台公司“%s”", co.name);
	out->task_id = 0;
	return 0;
}

static int invest_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                        struct notice_about *out)
{
	struct store_invest_project p;
	int rc;

	if ((rc = store_invest_get(c->db, c->a, id, &p)) != KFQ_OK)
		return missing(c, rc, "招商项目", field);
	if (p.zone_id != org_id)
		return api_error(c, 400, "invalid_value", "该招商项目不属于主送单位", field);
	out->label = arena_printf(c->a, "招商项目“%s”", p.p.name);
	out->task_id = 0;
	return 0;
}

/* The record of a zone (zone_id) as what a notice to org_id concerns: 0, or -1 after answering
 * 400 naming what (the label of its type). */
static int zone_owns(struct api_ctx *c, int64_t zone_id, int64_t org_id, const char *what,
                     const char *field)
{
	if (zone_id == org_id)
		return 0;
	return api_error(c, 400, "invalid_value", arena_printf(c->a, "该%s不属于主送单位", what),
	                 field);
}

static int enterprise_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                            struct notice_about *out)
{
	struct store_enterprise e;
	int rc;

	if ((rc = store_enterprise_get(c->db, c->a, id, &e)) != KFQ_OK)
		return missing(c, rc, "企业", field);
	if (zone_owns(c, e.zone_id, org_id, "企业", field) != 0)
		return -1;
	out->label = arena_printf(c->a, "企业“%s”", e.name);
	out->task_id = 0;
	return 0;
}

static int parcel_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                        struct notice_about *out)
{
	struct store_parcel p;
	int rc;

	if ((rc = store_parcel_get(c->db, c->a, id, 0, &p)) != KFQ_OK)
		return missing(c, rc, "地块", field);
	if (zone_owns(c, p.zone_id, org_id, "地块", field) != 0)
		return -1;
	out->label = arena_printf(c->a, "地块“%s”", p.parcel_no);
	out->task_id = 0;
	return 0;
}

static int land_case_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                           struct notice_about *out)
{
	struct store_land_case k;
	int rc;

	if ((rc = store_land_case_get(c->db, c->a, id, &k)) != KFQ_OK)
		return missing(c, rc, "低效用地处置", field);
	if (zone_owns(c, k.zone_id, org_id, "低效用地处置", field) != 0)
		return -1;
	out->label = arena_printf(c->a, "低效用地处置（%s“%s”）", k.parcel_id ? "地块" : "批次",
	                          k.parcel_id ? k.parcel_no : k.batch_no);
	out->task_id = 0;
	return 0;
}

static int budget_project_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                                struct notice_about *out)
{
	struct store_budget_project p;
	int rc;

	if ((rc = store_budget_project_get(c->db, c->a, id, &p)) != KFQ_OK)
		return missing(c, rc, "预算项目", field);
	if (zone_owns(c, p.zone_id, org_id, "预算项目", field) != 0)
		return -1;
	out->label = arena_printf(c->a, "预算项目“%s”", p.name);
	out->task_id = 0;
	return 0;
}

/* a delegated power, to the zone that takes it or the department that delegates it */
static int delegation_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                            struct notice_about *out)
{
	struct store_delegation d;
	int rc;

	if ((rc = store_delegation_get(c->db, c->a, id, &d)) != KFQ_OK)
		return missing(c, rc, "下放事项", field);
	if (d.zone_org_id != org_id && d.power.dept_org_id != org_id)
		return api_error(c, 400, "invalid_value", "主送单位应为承接的开发区或下放的部门",
		                 field);
	out->label = arena_printf(c->a, "向%s下放的“%s”", d.zone_name, d.power.name);
	out->task_id = 0;
	return 0;
}

/* the office's consultation, with any organization asked for comments */
static int consultation_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                              struct notice_about *out)
{
	struct store_consultation k;
	int rc;

	(void)org_id;
	if ((rc = store_consult_get(c->db, c->a, id, &k)) != KFQ_OK)
		return missing(c, rc, "征求意见", field);
	out->label = arena_printf(c->a, "征求意见“%s”", k.title);
	out->task_id = 0;
	return 0;
}

/* only a zone has a page of its own */
static bool org_page(struct api_ctx *c, int64_t id)
{
	struct store_org o;

	return store_org_get(c->db, c->a, id, &o) == KFQ_OK && !strcmp(o.type, "zone");
}

static const struct notice_subject subjects[] = {
    {"task", "改革任务", task_about, "/tasks/", NULL, task_ahead},
    {"milestone", "推进节点", milestone_about, "/milestones/", NULL},
    {"plan", "一区一策计划", plan_about, "/plans/", NULL},
    {"org", "单位", org_about, "/zones/", org_page},
    {"platform_company", "平台公司", platform_about, "/platform/companies/", NULL},
    {"invest_project", "招商项目", invest_about, "/invest/", NULL},
    {"enterprise", "企业", enterprise_about, "/enterprises/", NULL},
    {"land_parcel", "地块", parcel_about, NULL, NULL},
    {"land_case", "低效用地处置", land_case_about, NULL, NULL},
    {"budget_project", "预算项目", budget_project_about, NULL, NULL},
    {"power_delegation", "下放事项", delegation_about, NULL, NULL},
    {"consultation", "征求意见", consultation_about, "/consultations/", NULL},
};

#define NSUBJECTS (sizeof(subjects) / sizeof(subjects[0]))

const char *notice_subject_link(struct api_ctx *c, const struct notice_subject *k, int64_t id)
{
	if (!k || !k->page || (k->has_page && !k->has_page(c, id)))
		return NULL;
	return arena_printf(c->a, "%s%lld", k->page, (long long)id);
}

const struct notice_subject *notice_subject_find(const char *type)
{
	for (size_t i = 0; type && i < NSUBJECTS; i++)
		if (!strcmp(subjects[i].type, type))
			return &subjects[i];
	return NULL;
}

const char *notice_subject_types(struct api_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (size_t i = 0; i < NSUBJECTS; i++)
		strbuf_addf(&sb, "%s%s（%s）", i ? "、" : "", subjects[i].type, subjects[i].label);
	out = arena_strdup(c->a, sb.buf);
	strbuf_release(&sb);
	return out;
}
