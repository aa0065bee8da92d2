/* demo_consult.c - the demo's consultations on the seed policy: the consultation the seed
 * itself announced (2025-06-23 to 2025-06-25), closed, with comments from every channel, each
 * point decided and the adoption report published; and a second one open from yesterday for two
 * weeks with two comments from the public page, so that a new user sees both. Must not write
 * consultations other than through store_consult, so that the audit log is as the web app
 * makes it. */
#include "app/demo.h"

#include "app/consult.h"
#include "app/consult_json.h"
#include "core/consult.h"
#include "core/plan.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <string.h>

/* The closed consultation's comments: channel, article number (0 = the whole draft), name,
 * contact, text, and how each point was decided (a second point when split is set). */
struct sample {
	const char *channel;
	int article;
	const char *name, *contact, *body;
	const char *disposition, *reason;
	const char *split_second, *second_disposition, *second_reason;
};
static const struct sample closed_comments[] = {
    {"web", 6, "王先生", "13800138000",
     "建议明确税收分成的基数核定办法，对2024年以后新引进企业的基数按零计算，避免争议。", "adopted",
     NULL, NULL, NULL, NULL},
    {"email", 11, NULL, "zhang.wei@example.com",
     "绩效薪酬总额不超过同级全额拨款事业单位人均绩效5倍的规定，建议明确人均绩效的统计口径。",
     "partly", "统计口径将在配套的薪酬分配办法中明确，本意见不再细化。", NULL, NULL, NULL},
    {"phone", 0, "李女士", "57500610", "建议延长征求意见时间，三天时间较短。", "explained",
     "征求意见时间符合规定，已同时通过座谈会听取开发区意见。", NULL, NULL, NULL},
    {"letter", 9, "抚顺经济开发区企业服务中心", NULL,
     "一、建议员额总量控制中为招商引资岗位单列指标。二、建议挂职人员在开发区期间的考核由开发区"
     "负责。",
     "rejected", "员额总量由编办统一核定，不单列岗位指标。",
     "建议挂职人员在开发区期间的考核由开发区负责。", "adopted", NULL},
    {"meeting", 3, "座谈会（开发区代表）", NULL,
     "与会开发区代表提出，赋权清单应明确下放事项的承接条件和培训安排。", "adopted", NULL, NULL,
     NULL, NULL},
    {"department", 13, "市自然资源局", NULL,
     "建议将“亩均效益评价”结果与低效用地再开发政策衔接，并明确评价数据来源。", "partly",
     "评价数据来源已补充，政策衔接另行制定办法。", NULL, NULL, NULL},
};

static const char closed_summary[] =
    "2025年6月23日至6月25日，市商务局就《中共抚顺市委 抚顺市人民政府关于深化开发区体制机制改革的"
    "意见》（征求意见稿）公开征求社会意见，通过网页、电子邮件、电话、信函、座谈会和部门书面意见"
    "等渠道共收到意见6件，拆分为7条意见要点。经认真研究，采纳3条，部分采纳2条，不采纳1条，"
    "作出说明1条。现将采纳情况说明如下。";

static const char *const open_comments[] = {
    "建议在“一区一策”中明确每个开发区的主导产业不超过3个，并列出培育的未来产业。",
    "希望公开各开发区赋权清单的承接情况，方便企业办事。",
};

/* The article's id in the consultation's articles by its number; 0 for none. */
static int64_t article_id(const struct store_consult_article *arts, int n, int number)
{
	for (int i = 0; number && i < n; i++)
		if (arts[i].number == number)
			return arts[i].id;
	return 0;
}

/* A consultation of the seed policy over [start, end), released. */
static int make(struct demo *d, const char *title, int64_t start, int64_t end,
                struct store_consultation *k, struct store_consult_article **arts, int *n)
{
	struct store_policy p;
	struct store_consult_article *draft;
	int rc, nd;

	memset(k, 0, sizeof(*k));
	if ((rc = store_policy_get(d->s, d->a, d->policy.policy.id, &p)) != KFQ_OK)
		return rc;
	if ((rc = consult_policy_articles(d->a, p.parsed_json, &draft, &nd, &k->notice_text)) !=
	    KFQ_OK) {
		d->error = "the seed policy has no articles";
		return rc;
	}
	k->policy_id = p.id;
	k->title = title;
	k->issuer = p.issuer;
	k->contact_email = p.contact_email;
	k->contact_phone = p.contact_phone;
	k->window_start = start;
	k->window_end = end;
	if ((rc = store_consult_create(d->s, d->who, &consult_json_audit, k, draft, nd)) !=
	        KFQ_OK ||
	    (rc = store_consult_release(d->s, d->who, &consult_json_audit, k->id)) != KFQ_OK)
		return rc;
	return store_consult_articles(d->s, d->a, k->id, arts, n);
}

/* A comment received at `at` (RFC 3339; NULL: now). */
static int add(struct demo *d, int64_t cid, const char *channel, int64_t article, const char *name,
               const char *contact, const char *body, const char *at, int64_t *id)
{
	struct store_comment_new in = {0};
	enum store_comment_refusal why;

	in.consultation_id = cid;
	in.article_id = article;
	in.channel = channel;
	in.name = name;
	in.contact = contact;
	in.body = body;
	in.received_at = at;
	in.client_addr = !strcmp(channel, "web") ? "203.0.113.8" : NULL;
	return store_comment_add(d->s, d->who, &consult_json_audit, &in, id, &why);
}

static int fill_closed(struct demo *d)
{
	struct store_consultation k;
	struct store_consult_article *arts;
	struct store_comment cm;
	int64_t start, end, id;
	int n, rc;

	if (consult_bound_parse("2025-06-23", false, &start) != 0 ||
	    consult_bound_parse("2025-06-25", true, &end) != 0)
		return KFQ_ERR;
	if ((rc = make(d, d->policy.doc.title, start, end, &k, &arts, &n)) != KFQ_OK)
		return rc;
	for (size_t i = 0; i < sizeof(closed_comments) / sizeof(closed_comments[0]); i++) {
		const struct sample *c = &closed_comments[i];
		int64_t art = article_id(arts, n, c->article);
		if ((rc = add(d, k.id, c->channel, art, c->name, c->contact, c->body,
		              "2025-06-24T02:00:00Z", &id)) != KFQ_OK)
			return rc;
		if (c->split_second) {
			struct store_point_new pts[2] = {{c->body, art}, {c->split_second, art}};
			/* the first point is the letter's first issue: its text up to 二、 */
			const char *second = strstr(c->body, "二、");
			pts[0].body = second
			                  ? arena_strndup(d->a, c->body, (size_t)(second - c->body))
			                  : c->body;
			if ((rc = store_comment_split(d->s, d->who, &consult_json_audit, id, pts,
			                              2)) != KFQ_OK)
				return rc;
		}
		if ((rc = store_comment_get(d->s, d->a, id, &cm)) != KFQ_OK ||
		    (rc = store_comment_dispose(d->s, d->who, &consult_json_audit, id,
		                                cm.points[0].id, c->disposition, c->reason)) !=
		        KFQ_OK)
			return rc;
		if (c->split_second && (rc = store_comment_dispose(
		                            d->s, d->who, &consult_json_audit, id, cm.points[1].id,
		                            c->second_disposition, c->second_reason)) != KFQ_OK)
			return rc;
	}
	return store_consult_report(d->s, d->who, &consult_json_audit, k.id, closed_summary, true,
	                            time_now());
}

static int fill_open(struct demo *d)
{
	struct store_consultation k;
	struct store_consult_article *arts;
	char first[11], last[11];
	int64_t start, end, id;
	int n, rc;

	plan_day_format(d->today - 1, first);
	plan_day_format(d->today + 13, last);
	if (consult_bound_parse(first, false, &start) != 0 ||
	    consult_bound_parse(last, true, &end) != 0)
		return KFQ_ERR;
	if ((rc = make(d, arena_printf(d->a, "%s（第二轮征求意见）", d->policy.doc.title), start,
	               end, &k, &arts, &n)) != KFQ_OK)
		return rc;
	for (size_t i = 0; i < sizeof(open_comments) / sizeof(open_comments[0]); i++)
		if ((rc = add(d, k.id, "web", article_id(arts, n, i ? 3 : 2), NULL, NULL,
		              open_comments[i], NULL, &id)) != KFQ_OK)
			return rc;
	return KFQ_OK;
}

int demo_consult_fill(struct demo *d)
{
	int rc;

	if ((rc = fill_closed(d)) != KFQ_OK || (rc = fill_open(d)) != KFQ_OK)
		return rc;
	strbuf_addstr(&d->summary,
	              "; 2 consultations (one closed with its published report, one open)");
	return KFQ_OK;
}
