/* capability.c - organizations' capabilities: the catalogue, the grants the office lists,
 * grants, revokes and exports, and the question every handler asks ("may the caller's
 * organization do X?"). Must not write SQL, nor decide anything by an organization's name. */
#include "api/capability.h"
#include "api/export.h"
#include "app/capability_json.h"

#include "store/store_capability.h"

#include <string.h>

int api_org_may(struct api_ctx *c, enum capability cap, bool *may)
{
	const struct capability_def *d = capability_get(cap);
	int rc;

	*may = false;
	if (!d)
		fatal("api_org_may: capability %d is not in the catalogue", (int)cap);
	rc = store_capability_org_has(c->db, c->sess.user.org_id, d->code, may);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

int api_require_capability(struct api_ctx *c, enum capability cap)
{
	bool may;

	if (!account_role_acts(c->sess.user.role))
		return api_error(c, 403, "read_only", "只读账号不能办理本单位的职能事项", NULL);
	if (api_org_may(c, cap, &may) != 0)
		return -1;
	if (may)
		return 0;
	return api_error(c, 403, "capability_required",
	                 arena_printf(c->a, "本单位没有“%s”的职能授权，请联系工作专班办公室",
	                              capability_get(cap)->label),
	                 NULL);
}

int api_reveal_personal(struct api_ctx *c)
{
	bool may;

	if (api_org_may(c, CAP_READ_PERSONAL, &may) != 0)
		return -1;
	c->w.reveal_personal = may;
	return 0;
}

static int catalogue(struct api_ctx *c)
{
	api_page_begin(c);
	for (int i = 0; i < CAP_COUNT; i++)
		capability_json_def(&c->w, &capability_defs[i]);
	api_page_end(c, CAP_COUNT, 0, 0);
	return api_ok(c, 200);
}

static int filter_from_query(struct api_ctx *c, struct store_capability_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->q = api_query_str(c, "q");
	f->capability = api_query_str(c, "capability");
	if (f->capability && !capability_find(f->capability))
		return api_error(c, 400, "invalid_parameter", "职能代码无效", "capability");
	f->org_id = api_query_int(c, "org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_capability_filter f;
	struct store_capability_grant *g;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_capability_list(c->db, c->a, &f, &g, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		capability_json_grant(&c->w, &g[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"编号",   "机构",     "职能", "职能代码",
	                                      "授权人", "授权时间", "备注"};
	static const double widths[] = {8, 36, 18, 18, 16, 22, 40};
	struct store_capability_filter f;
	struct store_capability_grant *g;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_capability_list(c->db, c->a, &f, &g, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "职能授权", headers, widths, 7) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_int(&x, g[i].id);
		export_text(&x, g[i].org_name);
		export_text(&x, capability_find(g[i].capability)->label);
		export_text(&x, g[i].capability);
		export_text(&x, g[i].granted_by_name);
		export_time(&x, g[i].granted_at);
		export_text(&x, g[i].note);
		export_end_row(&x);
	}
	return export_finish(c, &x, "职能授权");
}

static int grant(struct api_ctx *c)
{
	struct store_capability_grant g = {0};
	const char *note = api_body_str(c, "note");
	int rc;

	g.org_id = api_body_int(c, "org_id");
	g.capability = api_body_str(c, "capability");
	g.note = note && *note ? note : NULL;
	if (!capability_find(g.capability))
		return api_error(c, 400, "invalid_value", "职能无效", "/capability");
	rc = store_capability_grant(c->db, &c->actor, &capability_json_audit, &g);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "already_granted", "该机构已有此职能授权", "/capability");
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "机构不存在", "/org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_capability_get(c->db, c->a, g.id, &g)) != KFQ_OK)
		return api_store_error(c, rc);
	capability_json_grant(&c->w, &g);
	return api_ok(c, 201);
}

static int revoke(struct api_ctx *c)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_capability_revoke(c->db, &c->actor, &capability_json_audit, id)) != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

#define GRANT_FILTER API_QSTR("q", 100), API_QSTR("capability", 32), API_ID_FIELD("org_id", false)
static const struct api_field list_query[] = {GRANT_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {GRANT_FILTER, API_FIELDS_END};

static const struct api_field grant_body[] = {
    API_ID_FIELD("org_id", true),
    {"capability", API_STR, true, 32},
    {"note", API_STR, false, 200},
    {NULL, 0, false, 0},
};

const struct api_route api_capability_routes[] = {
    {"GET", "/api/capabilities", catalogue, 0, 0, NULL, NULL},
    {"GET", "/api/capabilities/grants", list, PERM_CAPABILITY_MANAGE, 0, list_query, NULL},
    {"GET", "/api/capabilities/grants/export.xlsx", export, PERM_CAPABILITY_MANAGE, 0, export_query,
     NULL},
    {"GET", "/api/capabilities/grants/export.csv", export, PERM_CAPABILITY_MANAGE, 0, export_query,
     NULL},
    {"POST", "/api/capabilities/grants", grant, PERM_CAPABILITY_MANAGE, 0, NULL, grant_body},
    {"DELETE", "/api/capabilities/grants/:id", revoke, PERM_CAPABILITY_MANAGE, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
