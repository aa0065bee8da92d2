/* todo.c - GET /api/todos: the registry of to-do providers (one line per module) and the
 * answer, in the registry's order, with the items whose audience the caller is in. Must not count
 * anything itself: the providers do. */
#include "api/todo.h"

#include "api/capability.h"

#include <string.h>

/* A module with to-dos adds its table here. */
static const struct api_todo *const tables[] = {
    api_plan_todos,     api_notice_todos,
    api_audit_todos,    api_power_todos,
    api_industry_todos, api_land_todos,
    api_revshare_todos, api_assess_todos,
    api_fault_todos,    api_pay_todos,
    api_platform_todos, api_people_todos,
    api_budget_todos,   NULL,
};

/* 0 when the caller is in d's audience, 1 when not, -1 answered. */
static int audience(struct api_ctx *c, const struct api_todo *d)
{
	account_perms perms = account_role_perms(c->sess.user.role);
	const struct capability_def *cap;
	bool may;

	if ((perms & d->perm) != d->perm || (d->any && !(perms & d->any)))
		return 1;
	if (d->role && strcmp(d->role, c->sess.user.role) != 0)
		return 1;
	if (!d->capability)
		return 0;
	if (!(cap = capability_find(d->capability)))
		fatal("to-do %s names no capability %s", d->key, d->capability);
	if (api_org_may(c, cap->cap, &may) != 0)
		return -1;
	return may ? 0 : 1;
}

static int todos(struct api_ctx *c)
{
	int n = 0;

	api_page_begin(c);
	for (const struct api_todo *const *t = tables; *t; t++) {
		for (const struct api_todo *d = *t; d->key; d++) {
			struct api_todo_item it = {0};
			int r;
			if ((r = audience(c, d)) == 0)
				r = d->fill(c, &it);
			if (r < 0)
				return -1;
			if (r > 0)
				continue;
			jsonw_obj_open(&c->w);
			jsonw_kint(&c->w, "count", it.count);
			jsonw_kstr(&c->w, "detail", it.detail);
			jsonw_kstr(&c->w, "key", d->key);
			jsonw_kstr(&c->w, "label", d->label);
			jsonw_kstr(&c->w, "level", it.level);
			jsonw_kstr(&c->w, "link", it.link);
			jsonw_obj_close(&c->w);
			n++;
		}
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

const struct api_route api_todo_routes[] = {
    {"GET", "/api/todos", todos, PERM_DASHBOARD, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
