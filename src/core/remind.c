/* remind.c - inbox reminder rules and texts. Must not read clocks or storage, nor decide who
 * the users of an organization are (store/ does). */
#include "core/remind.h"

#include "core/account.h"
#include "core/notice.h"
#include "core/print_doc.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

void remind_bounds(int64_t today, struct remind_bounds *b)
{
	milestone_bounds(today, &b->ms);
	plan_day_format(today + REMIND_NOTICE_DUE_DAYS, b->notice_soon);
}

static const char *milestone_item(const struct remind_fact *f, int64_t today, struct arena *a,
                                  struct inbox_item *out)
{
	int64_t due = plan_day(f->date);
	char day[11];

	if (due < 0)
		return NULL;
	if (due < today) {
		plan_day_format(today, day);
		out->kind = "overdue";
		out->dedupe_key = arena_printf(a, "overdue:m%lld:%s", (long long)f->id, day);
		return arena_printf(a, "已逾期%lld天：第%d条「%s」节点「%s」，完成期限%s",
		                    (long long)(today - due), f->article_number, f->task_title,
		                    f->title, f->date);
	}
	if (due - today > MILESTONE_DUE_SOON_DAYS)
		return NULL;
	out->kind = "due_soon";
	out->dedupe_key = arena_printf(a, "due_soon:m%lld:%s", (long long)f->id, f->date);
	if (due == today)
		return arena_printf(a, "今日到期：第%d条「%s」节点「%s」，完成期限%s",
		                    f->article_number, f->task_title, f->title, f->date);
	return arena_printf(a, "还有%lld天到期：第%d条「%s」节点「%s」，完成期限%s",
	                    (long long)(due - today), f->article_number, f->task_title, f->title,
	                    f->date);
}

static const char *notice_due_item(const struct remind_fact *f, int64_t today, struct arena *a,
                                   struct inbox_item *out)
{
	int64_t due = plan_day(f->date);
	const char *number = f->number;
	char when[PRINT_DATE_MAX], day[11];

	if (due < 0 || due - today > REMIND_NOTICE_DUE_DAYS)
		return NULL;
	print_date(due, when);
	if (due < today) {
		plan_day_format(today, day);
		out->kind = "notice_overdue";
		out->dedupe_key = arena_printf(a, "notice_overdue:n%lld:%s", (long long)f->id, day);
		return arena_printf(a, "%s已超过反馈期限%lld天（%s），请尽快反馈办理情况", number,
		                    (long long)(today - due), when);
	}
	out->kind = "notice_due_soon";
	out->dedupe_key = arena_printf(a, "notice_due_soon:n%lld:%s", (long long)f->id, f->date);
	if (due == today)
		return arena_printf(a, "%s今日到期，请于%s前反馈办理情况", number, when);
	return arena_printf(a, "%s还有%lld天到期，请于%s前反馈办理情况", number,
	                    (long long)(due - today), when);
}

bool remind_item_for(const struct remind_fact *f, int64_t today, struct arena *a,
                     struct inbox_item *out)
{
	const char *title = NULL;

	memset(out, 0, sizeof(*out));
	out->to[out->nto++] = (struct inbox_to){.org_id = f->org_id};
	out->entity_id = f->id;
	switch (f->source) {
	case REMIND_MILESTONE:
		title = milestone_item(f, today, a, out);
		out->entity_type = "milestone";
		out->link = arena_printf(a, "/milestones/%lld", (long long)f->milestone_id);
		break;
	case REMIND_PLAN_RETURNED:
		out->kind = "returned";
		out->entity_type = "plan";
		out->dedupe_key =
		    arena_printf(a, "returned:p%lld:%s", (long long)f->id, f->date ? f->date : "");
		out->link = arena_printf(a, "/plans/%lld", (long long)f->id);
		title = arena_printf(a, "计划被退回：第%d条「%s」，请修改后重新提交",
		                     f->article_number, f->task_title);
		break;
	case REMIND_REPORT_RETURNED:
		out->kind = "returned";
		out->entity_type = "report";
		out->dedupe_key =
		    arena_printf(a, "returned:r%lld:%s", (long long)f->id, f->date ? f->date : "");
		out->link = arena_printf(a, "/milestones/%lld", (long long)f->milestone_id);
		title = arena_printf(a, "进展报告被退回：第%d条「%s」节点「%s」，请补充后重新填报",
		                     f->article_number, f->task_title, f->title);
		break;
	case REMIND_NOTICE_DUE:
		title = notice_due_item(f, today, a, out);
		out->entity_type = "notice";
		out->link = arena_printf(a, "/notices/%lld", (long long)f->id);
		break;
	}
	out->title = title;
	return title != NULL;
}

void remind_notice_item(enum remind_notice_event e, const struct remind_notice *n, struct arena *a,
                        struct inbox_item *out)
{
	const char *number = n->number;
	char when[PRINT_DATE_MAX];
	struct strbuf title = STRBUF_INIT;
	int64_t due = plan_day(n->reply_due);

	memset(out, 0, sizeof(*out));
	out->entity_type = "notice";
	out->entity_id = n->id;
	out->link = arena_printf(a, "/notices/%lld", (long long)n->id);
	if (e != REMIND_NOTICE_REPLIED)
		out->to[out->nto++] = (struct inbox_to){.org_id = n->org_id};
	switch (e) {
	case REMIND_NOTICE_ISSUED:
		notice_title(n->subject, &title);
		if (due >= 0)
			print_date(due, when);
		else
			snprintf(when, sizeof(when), "%s", n->reply_due ? n->reply_due : "");
		out->kind = "notice";
		out->dedupe_key = arena_printf(a, "notice:n%lld", (long long)n->id);
		out->title = arena_printf(a, "收到督办通知：%s %s，请签收并于%s前反馈办理情况",
		                          number, title.buf, when);
		break;
	case REMIND_NOTICE_COPIED:
		notice_title(n->subject, &title);
		out->kind = "notice_cc";
		out->dedupe_key = arena_printf(a, "notice_cc:n%lld", (long long)n->id);
		out->title = arena_printf(a, "抄送督办通知：%s %s（主送：%s）", number, title.buf,
		                          n->org_name);
		break;
	case REMIND_NOTICE_REPLIED:
		/* those who close it */
		out->to[out->nto++] = (struct inbox_to){.perm = PERM_NOTICE_ISSUE};
		out->kind = "notice_replied";
		out->dedupe_key = arena_printf(a, "notice_replied:n%lld:r%lld", (long long)n->id,
		                               (long long)n->reply_id);
		out->title = arena_printf(a, "%s已反馈：%s", number, n->org_name);
		break;
	case REMIND_NOTICE_CLOSED:
		out->kind = "notice_closed";
		out->dedupe_key = arena_printf(a, "notice_closed:n%lld", (long long)n->id);
		out->title = arena_printf(a, "%s已办结", number);
		break;
	case REMIND_NOTICE_ESCALATED:
		out->kind = "notice_escalated";
		out->dedupe_key = arena_printf(a, "notice_escalated:n%lld", (long long)n->id);
		out->title = arena_printf(a, "%s已升级督办", number);
		break;
	}
	strbuf_release(&title);
}
