/* todo.c - GET /api/todos: the registry of to-do providers (one line per module) and the
 * answer, in the registry's order, with the items the caller's role may see. Must not count
 * anything itself: the providers do. */
#include "api/todo.h"

/* A module with to-dos adds its table here. */
static const struct api_todo *const tables[] = {
    api_plan_todos, api_notice_todos, api_audit_todos, api_power_todos, api_industry_todos, NULL,
};

static int todos(struct api_ctx *c)
{
	account_perms perms = account_role_perms(c->sess.user.role);
	int n = 0;

	api_page_begin(c);
	for (const struct api_todo *const *t = tables; *t; t++) {
		for (const struct api_todo *d = *t; d->key; d++) {
			struct api_todo_item it = {0};
			int r;
			if ((perms & d->perm) != d->perm)
				continue;
			if ((r = d->fill(c, &it)) < 0)
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
