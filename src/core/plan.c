/* plan.c - plan validation, milestone states, completion. Must not read clocks or storage. */
#include "core/plan.h"

#include "core/enums.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static int problem(struct plan_problem *p, int index, const char *field, const char *message)
{
	p->index = index;
	p->message = message;
	if (index < 0) {
		p->field = field;
	} else {
		snprintf(p->field_buf, sizeof(p->field_buf), "/milestones/%d/%s", index, field);
		p->field = p->field_buf;
	}
	return -1;
}

int plan_validate(const struct plan_milestone *m, int n, struct plan_problem *p)
{
	int total = 0;

	if (n < 1)
		return problem(p, -1, "/milestones", "计划至少需要一个节点");
	if (n > PLAN_MAX_MILESTONES)
		return problem(p, -1, "/milestones", "计划最多50个节点");
	for (int i = 0; i < n; i++) {
		int64_t s = plan_day(m[i].start_date), d = plan_day(m[i].due_date);
		if (!m[i].title || !*m[i].title)
			return problem(p, i, "title", "请填写节点名称");
		if (!m[i].deliverable || !*m[i].deliverable)
			return problem(p, i, "deliverable", "请填写交付成果");
		if (s < 0)
			return problem(p, i, "start_date",
			               "开始日期应为 YYYY-MM-DD 格式的有效日期");
		if (d < 0)
			return problem(p, i, "due_date", "完成期限应为 YYYY-MM-DD 格式的有效日期");
		if (d < s)
			return problem(p, i, "due_date", "完成期限不能早于开始日期");
		if (m[i].weight < 1 || m[i].weight > PLAN_WEIGHT_TOTAL)
			return problem(p, i, "weight", "权重应为1到100之间的整数");
		total += m[i].weight;
	}
	if (total != PLAN_WEIGHT_TOTAL) {
		/* total is at most 50 × 100: the message fits */
		snprintf(p->message_buf, sizeof(p->message_buf), "各节点权重之和应为100，当前为%d",
		         total);
		return problem(p, -1, "/milestones", p->message_buf);
	}
	return 0;
}

int64_t plan_day(const char *iso_date)
{
	int64_t t;

	if (!iso_date || strlen(iso_date) != 10 || time_parse(iso_date, &t) != 0)
		return -1;
	return t / 86400;
}

int64_t plan_today(int64_t now)
{
	int64_t s = now + SHANGHAI_OFFSET_SECONDS;

	return s >= 0 ? s / 86400 : (s - 86399) / 86400;
}

void plan_day_format(int64_t day, char out[11])
{
	char buf[TIME_RFC3339_LEN];

	time_format(day * 86400, buf);
	memcpy(out, buf, 10);
	out[10] = 0;
}

enum milestone_state milestone_state(const struct milestone_facts *f, int64_t today)
{
	int64_t since = f->last_report_day >= 0 ? f->last_report_day : f->start_day;

	if (f->closed)
		return MILESTONE_CLOSED;
	if (f->done)
		return f->done_day > f->due_day ? MILESTONE_DONE_LATE : MILESTONE_DONE;
	if (f->off_task)
		return MILESTONE_OFF_TASK;
	if (today > f->due_day)
		return MILESTONE_OVERDUE;
	if (f->due_day - today <= MILESTONE_DUE_SOON_DAYS)
		return MILESTONE_DUE_SOON;
	if (today >= f->start_day && today - since > MILESTONE_STALE_DAYS)
		return MILESTONE_STALE;
	return MILESTONE_ON_TRACK;
}

const char *milestone_state_name(enum milestone_state s)
{
	return enum_milestone_state.entries[s].code;
}

void milestone_bounds(int64_t today, struct milestone_bounds *b)
{
	plan_day_format(today, b->today);
	plan_day_format(today + MILESTONE_DUE_SOON_DAYS, b->soon);
	plan_day_format(today - MILESTONE_STALE_DAYS, b->stale);
}

enum milestone_state milestone_state_iso(const struct milestone_dates *d,
                                         const struct milestone_bounds *b)
{
	/* ISO dates compare as text in the order of their days */
	if (d->closed)
		return MILESTONE_CLOSED;
	if (d->done)
		return d->done_date && strcmp(d->done_date, d->due) > 0 ? MILESTONE_DONE_LATE
		                                                        : MILESTONE_DONE;
	if (d->off_task)
		return MILESTONE_OFF_TASK;
	if (strcmp(d->due, b->today) < 0)
		return MILESTONE_OVERDUE;
	if (strcmp(d->due, b->soon) <= 0)
		return MILESTONE_DUE_SOON;
	if (strcmp(d->start, b->today) <= 0 &&
	    strcmp(d->last_report ? d->last_report : d->start, b->stale) < 0)
		return MILESTONE_STALE;
	return MILESTONE_ON_TRACK;
}

int64_t plan_completion_bp(const int *weights, const int *percents, int n)
{
	int64_t num = 0, den = 0;

	for (int i = 0; i < n; i++) {
		num += (int64_t)weights[i] * percents[i];
		den += weights[i];
	}
	return plan_completion_from_sums(num, den);
}

int64_t plan_completion_from_sums(int64_t weighted, int64_t total)
{
	if (total <= 0)
		return 0;
	/* bp = weighted × 100 / total, rounded half-up */
	return (2 * weighted * 100 + total) / (2 * total);
}

int plan_count_overdue(const char *open_due, const char *today)
{
	char day[11];
	int n = 0;
	size_t len;

	for (const char *p = open_due; *p; p += len) {
		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len != sizeof(day) - 1)
			continue;
		memcpy(day, p, len);
		day[len] = '\0';
		/* ISO dates order as strings */
		if (plan_day(day) >= 0 && strcmp(day, today) < 0)
			n++;
	}
	return n;
}

static const char *const task_state_names[] = {"not_started", "overdue", "done", "in_progress"};
static const char *const task_state_labels[] = {"未启动", "有逾期", "已完成", "推进中"};

enum task_state plan_task_state(int64_t plans, int64_t completion_bp, int64_t overdue,
                                int64_t missing)
{
	if (plans <= 0)
		return TASK_NOT_STARTED;
	if (overdue > 0)
		return TASK_OVERDUE;
	if (completion_bp >= 10000 && missing <= 0)
		return TASK_DONE;
	return TASK_IN_PROGRESS;
}

const char *plan_task_state_name(enum task_state s)
{
	return task_state_names[s];
}

const char *plan_task_state_label(enum task_state s)
{
	return task_state_labels[s];
}

int plan_task_state_parse(const char *name)
{
	for (int i = 0; i < (int)(sizeof(task_state_names) / sizeof(task_state_names[0])); i++)
		if (!strcmp(name, task_state_names[i]))
			return i;
	return -1;
}
