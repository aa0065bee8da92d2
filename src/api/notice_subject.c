/* notice_subject.c - what a 督办单 may concern: one line per entity type, each checking that
 * the entity exists and may be raised with the addressed organization, naming it as the notice
 * will, and giving its web page. A task (any organization), a milestone or a plan (of the
 * addressed organization), an organization itself; later modules add theirs (an enterprise, an
 * investment project). Must not write SQL. */
#include "api/notice_impl.h"

#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_plan.h"
#include "store/store_platform.h"
#include "store/store_invest.h"
#include "store/store_task.h"

#include <string.h>

static int missing(struct api_ctx *c, int rc, const char *what, const char *field)
{
	if (rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	return api_error(c, 400, "invalid_value", arena_printf(c->a, "%s不存在", what), field);
}

static int task_about(struct api_ctx *c, int64_t id, int64_t org_id, const char *field,
                      struct notice_about *out)
{
	struct store_task t;
	int rc;

	(void)org_id;
	if ((rc = store_task_get(c->db, c->a, id, &t)) != KFQ_OK)
		return missing(c, rc, "改革任务", field);
	out->label = arena_printf(c->a, "第%d条“%s”", t.article_number, t.title);
	out->task_id = t.id;
	return 0;
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

/* only a zone has a page of its own */
static bool org_page(struct api_ctx *c, int64_t id)
{
	struct store_org o;

	return store_org_get(c->db, c->a, id, &o) == KFQ_OK && !strcmp(o.type, "zone");
}

static const struct notice_subject subjects[] = {
    {"task", "改革任务", task_about, "/tasks/", NULL},
    {"milestone", "推进节点", milestone_about, "/milestones/", NULL},
    {"plan", "一区一策计划", plan_about, "/plans/", NULL},
    {"org", "单位", org_about, "/zones/", org_page},
    {"platform_company", "平台公司", platform_about, "/platform/companies/", NULL},
    {"invest_project", "招商项目", invest_about, "/invest/", NULL},
};

const char *notice_subject_link(struct api_ctx *c, const struct notice_subject *k, int64_t id)
{
	if (!k || (k->has_page && !k->has_page(c, id)))
		return NULL;
	return arena_printf(c->a, "%s%lld", k->page, (long long)id);
}

const struct notice_subject *notice_subject_find(const char *type)
{
	for (size_t i = 0; type && i < sizeof(subjects) / sizeof(subjects[0]); i++)
		if (!strcmp(subjects[i].type, type))
			return &subjects[i];
	return NULL;
}
