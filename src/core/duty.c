/* duty.c - checks of a zone–county 权责清单 and its versions' status machine. Must not read
 * storage, nor decide who approves (the approve_duty_list capability does). */
#include "core/duty.h"

#include "core/account.h"

#include <stdio.h>
#include <string.h>

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool is(const char *s, const char *v)
{
	return s && !strcmp(s, v);
}

static int problem(struct duty_problem *p, int index, const char *field, const char *fmt,
                   const char *name)
{
	p->index = index;
	p->field = field;
	snprintf(p->message, sizeof(p->message), fmt, name ? name : "");
	return -1;
}

int duty_validate(const struct duty_fn *items, int n, struct duty_problem *p)
{
	if (n < 1)
		return problem(p, -1, "items", "权责清单至少应有一项职能%s", NULL);
	if (n > DUTY_MAX_ITEMS)
		return problem(p, -1, "items", "权责清单最多500项职能%s", NULL);
	for (int i = 0; i < n; i++) {
		const struct duty_fn *f = &items[i];
		if (blank(f->name))
			return problem(p, i, "name", "请填写职能名称%s", NULL);
		if (!f->holder)
			return problem(p, i, "holder",
			               "职能“%s”没有承担主体：应由开发区、县区承担或共同承担",
			               f->name);
		if (!is(f->holder, "zone") && !is(f->holder, "county") && !is(f->holder, "shared"))
			return problem(p, i, "holder",
			               "职能“%s”的承担主体应为开发区、县区或共同承担", f->name);
		for (int k = 0; k < i; k++)
			if (!strcmp(items[k].name, f->name))
				return problem(
				    p, i, "name",
				    strcmp(items[k].holder, f->holder) != 0
				        ? "职能“%"
				          "s”同时列在开发区和县区名下：一项职能只能有一个承担主体"
				        : "职能“%s”重复列出",
				    f->name);
		if (!is(f->holder, "shared")) {
			if (f->lead)
				return problem(p, i, "lead", "职能“%s”不是共同承担，不应指定牵头方",
				               f->name);
			if (f->nsteps)
				return problem(p, i, "steps",
				               "职能“%s”不是共同承担，不需要衔接流程", f->name);
			continue;
		}
		if (!is(f->lead, "zone") && !is(f->lead, "county"))
			return problem(p, i, "lead",
			               "共同承担的职能“%s”应指定唯一牵头方（开发区或县区）",
			               f->name);
		if (f->nsteps < 1 || f->nsteps > DUTY_MAX_STEPS)
			return problem(p, i, "steps", "共同承担的职能“%s”应有1至20个衔接步骤",
			               f->name);
		for (int k = 0; k < f->nsteps; k++) {
			if (blank(f->steps[k].text))
				return problem(p, i, "steps", "职能“%s”的衔接步骤缺少内容",
				               f->name);
			if (f->steps[k].days < 1 || f->steps[k].days > 365)
				return problem(p, i, "steps",
				               "职能“%s”的衔接步骤时限应为1到365个工作日", f->name);
		}
	}
	return 0;
}

static const struct {
	const char *status, *label;
	const char *next[3]; /* by enum duty_action */
} machine[] = {
    {"draft", "草稿", {"submitted", NULL, NULL}},
    {"submitted", "待审批", {NULL, "approved", "returned"}},
    {"approved", "已批准", {NULL, NULL, NULL}},
    {"returned", "已退回", {"submitted", NULL, NULL}},
    {"superseded", "已被新版本取代", {NULL, NULL, NULL}},
};

static int find(const char *status)
{
	for (int i = 0; status && i < (int)(sizeof(machine) / sizeof(machine[0])); i++)
		if (!strcmp(machine[i].status, status))
			return i;
	return -1;
}

bool duty_status_valid(const char *status)
{
	return find(status) >= 0;
}

const char *duty_status_label(const char *status)
{
	int i = find(status);

	return i >= 0 ? machine[i].label : status;
}

const char *duty_next_status(const char *status, enum duty_action a)
{
	int i = find(status);

	return i >= 0 && a >= DUTY_SUBMIT && a <= DUTY_RETURN ? machine[i].next[a] : NULL;
}

void duty_step_item(enum duty_action a, const struct duty_step_subject *s, struct arena *ar,
                    struct inbox_item *out)
{
	static const char *const verb[] = {"报送了", "审定通过了", "退回了"};
	const char *title =
	    arena_printf(ar, "%s%s权责清单（第%d版）", a == DUTY_SUBMIT ? s->zone_name : "市委编办",
	                 verb[a], s->version);

	memset(out, 0, sizeof(*out));
	out->kind = "duty_step";
	out->title =
	    s->comment && *s->comment ? arena_printf(ar, "%s：%s", title, s->comment) : title;
	out->link = arena_printf(ar, "/duty-lists/%lld", (long long)s->list_id);
	out->entity_type = "duty_list";
	out->entity_id = s->list_id;
	if (a == DUTY_SUBMIT) {
		out->to[0].capability = "approve_duty_list";
		out->nto = 1;
		return;
	}
	out->to[0].org_id = s->zone_org_id;
	out->to[0].perm = PERM_POWER_WRITE;
	out->to[1].org_id = s->county_org_id;
	out->to[1].perm = PERM_POWER_WRITE;
	out->nto = 2;
}
