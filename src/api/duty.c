/* duty.c - the 权责清单 between each zone and its county (art. 3): the current version of every
 * zone's list in the caller's scope, a zone's versions, one version in full, the working draft
 * (saved by the zone or its county, every function in exactly one pair of hands: core/duty.c),
 * submission, and approval or return by the organization holding approve_duty_list (市委编办);
 * an .xlsx of a version, and the index of current lists as .xlsx or CSV. Must not write SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "api/power_impl.h"
#include "app/power_json.h"

#include "core/enums.h"
#include "store/store_org.h"

#include <string.h>

static int current(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_duty_list *ls;
	int n, rc;

	if (power_scope(c, CAP_APPROVE_DUTY_LIST, &scope) != 0)
		return -1;
	if ((rc = store_duty_current(c->db, c->a, &scope, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_duty_list(&c->w, &ls[i], false);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* The index of current lists (as GET /api/duty-lists; status= narrows it, as the page's
 * 我的待办 link does), as .xlsx or CSV. */
static int index_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",   "所在县区", "版本",     "状态",
	                                      "审核意见", "审核人",   "审核时间", "提交时间"};
	static const double widths[] = {30, 14, 8, 12, 40, 12, 20, 20};
	const char *status = api_query_str(c, "status");
	struct store_scope scope;
	struct store_duty_list *ls;
	struct export_table x;
	int n, rc;

	if (status && !duty_status_valid(status))
		return api_error(c, 400, "invalid_parameter", "状态无效", "status");
	if (power_scope(c, CAP_APPROVE_DUTY_LIST, &scope) != 0)
		return -1;
	if ((rc = store_duty_current(c->db, c->a, &scope, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "权责清单", headers, widths, 8) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (status && strcmp(ls[i].status, status) != 0)
			continue;
		export_text(&x, ls[i].zone_name);
		export_text(&x, ls[i].county_name);
		export_int(&x, ls[i].version);
		export_text(&x, duty_status_label(ls[i].status));
		export_text(&x, ls[i].comment);
		export_text(&x, ls[i].reviewed_by_name);
		export_time(&x, ls[i].reviewed_at);
		export_time(&x, ls[i].created_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "开发区与县区权责清单");
}

static int versions(struct api_ctx *c)
{
	struct store_duty_list *ls;
	struct store_org z;
	int64_t zone;
	int n, rc;

	if (api_path_id(c, &zone) != 0)
		return -1;
	if ((rc = store_org_get(c->db, c->a, zone, &z)) != KFQ_OK)
		return api_store_error(c, rc);
	if (power_readable(c, CAP_APPROVE_DUTY_LIST, zone, z.parent_id) != 0)
		return -1;
	if ((rc = store_duty_versions(c->db, c->a, zone, &ls, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		power_json_duty_list(&c->w, &ls[i], false);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int load(struct api_ctx *c, struct store_duty_list *l)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_duty_get(c->db, c->a, id, l)) != KFQ_OK)
		return api_store_error(c, rc);
	return power_readable(c, CAP_APPROVE_DUTY_LIST, l->zone_org_id, l->county_org_id);
}

static int get(struct api_ctx *c)
{
	struct store_duty_list l;

	if (load(c, &l) != 0)
		return -1;
	power_json_duty_list(&c->w, &l, true);
	return api_ok(c, 200);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_duty_list l;
	int rc;

	if ((rc = store_duty_get(c->db, c->a, id, &l)) != KFQ_OK)
		return api_store_error(c, rc);
	power_json_duty_list(&c->w, &l, true);
	return api_ok(c, status);
}

/* Reads the items of the body into l; 400 on the first problem (core duty_validate). */
static int items_of(struct api_ctx *c, struct store_duty_list *l)
{
	json_t *items = json_object_get(c->body, "items"), *it, *st;
	struct duty_fn *fns;
	struct duty_problem p;
	size_t i, k;

	l->nitems = (int)json_array_size(items);
	l->items = arena_zalloc(c->a, sizeof(*l->items) * ((size_t)l->nitems + 1));
	fns = arena_zalloc(c->a, sizeof(*fns) * ((size_t)l->nitems + 1));
	json_array_foreach(items, i, it)
	{
		struct store_duty_item *x = &l->items[i];
		json_t *steps = json_object_get(it, "steps");
		x->seq = (int)i + 1;
		x->name = json_string_value(json_object_get(it, "name"));
		x->holder = json_string_value(json_object_get(it, "holder"));
		x->lead = json_string_value(json_object_get(it, "lead"));
		x->basis = json_string_value(json_object_get(it, "basis"));
		x->nsteps = (int)json_array_size(steps);
		x->steps = arena_zalloc(c->a, sizeof(*x->steps) * ((size_t)x->nsteps + 1));
		json_array_foreach(steps, k, st)
		{
			x->steps[k].text = json_string_value(json_object_get(st, "text"));
			x->steps[k].days = (int64_t)json_integer_value(json_object_get(st, "days"));
		}
		fns[i] = (struct duty_fn){x->name, x->holder, x->lead, x->steps, x->nsteps};
	}
	if (duty_validate(fns, l->nitems, &p) == 0)
		return 0;
	return api_error(c, 400, "invalid_value", arena_strdup(c->a, p.message),
	                 p.index < 0 ? "/items"
	                             : arena_printf(c->a, "/items/%d/%s", p.index, p.field));
}

/* The zone or its county saves the working draft. */
static int save(struct api_ctx *c)
{
	struct store_duty_list l = {0};
	struct store_org z;
	int rc;

	l.zone_org_id = api_body_int(c, "zone_org_id");
	rc = store_org_get(c->db, c->a, l.zone_org_id, &z);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_ENOTFOUND || strcmp(z.type, "zone") != 0 || !z.parent_id)
		return api_error(c, 400, "invalid_value", "应选择一个隶属于县区的开发区",
		                 "/zone_org_id");
	l.county_org_id = z.parent_id;
	if (c->sess.user.org_id != l.zone_org_id && c->sess.user.org_id != l.county_org_id)
		return api_error(c, 403, "forbidden", "权责清单由开发区或其所在县区编制", NULL);
	l.cross_posts = api_body_str(c, "cross_posts");
	l.coordination = api_body_str(c, "coordination");
	if (items_of(c, &l) != 0)
		return -1;
	rc = store_duty_save(c->db, &c->actor, &power_json_audit, &l);
	if (rc == KFQ_EBUSY)
		return api_error(c, 409, "invalid_state",
		                 "权责清单已报送待审，审定或退回后才能修改", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, l.id, 200);
}

static int act(struct api_ctx *c, enum duty_action action)
{
	static const char *const refusals[] = {"只有草稿或已退回的版本才能报送",
	                                       "只有待审批的版本才能审定",
	                                       "只有待审批的版本才能退回"};
	struct store_duty_list l;
	const char *comment = api_body_str(c, "comment"), *status;
	int rc;

	if (load(c, &l) != 0)
		return -1;
	if (action == DUTY_SUBMIT) {
		if (c->sess.user.org_id != l.zone_org_id && c->sess.user.org_id != l.county_org_id)
			return api_error(c, 403, "forbidden", "权责清单由开发区或其所在县区报送",
			                 NULL);
	} else if (api_require_capability(c, CAP_APPROVE_DUTY_LIST) != 0) {
		return -1;
	}
	if (action == DUTY_RETURN && (!comment || !*comment))
		return api_error(c, 400, "missing_field", "退回时请填写意见", "/comment");
	rc = store_duty_act(c->db, c->a, &c->actor, &power_json_audit, l.id, action,
	                    comment && *comment ? comment : NULL, &status);
	if (rc == KFQ_EBUSY)
		return api_error(c, 409, "invalid_state", refusals[action], NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, l.id, 200);
}

static int submit(struct api_ctx *c)
{
	return act(c, DUTY_SUBMIT);
}

static int approve(struct api_ctx *c)
{
	return act(c, DUTY_APPROVE);
}

static int send_back(struct api_ctx *c)
{
	return act(c, DUTY_RETURN);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "序号", "职能", "承担主体", "牵头方", "衔接流程（步骤/时限）", "依据"};
	static const double widths[] = {6, 30, 12, 10, 60, 40};
	struct store_duty_list l;
	struct export_table x;

	if (load(c, &l) != 0)
		return -1;
	if (export_begin(c, &x, "权责清单", headers, widths, 6) != 0)
		return -1;
	for (int i = 0; i < l.nitems; i++) {
		const struct store_duty_item *it = &l.items[i];
		struct strbuf steps = STRBUF_INIT;
		for (int k = 0; k < it->nsteps; k++)
			strbuf_addf(&steps, "%s%d. %s（%lld个工作日）", k ? "\n" : "", k + 1,
			            it->steps[k].text, (long long)it->steps[k].days);
		export_int(&x, it->seq);
		export_text(&x, it->name);
		export_text(&x, enum_label(&enum_duty_holder, it->holder));
		export_text(&x, it->lead ? enum_label(&enum_duty_holder, it->lead) : NULL);
		export_text(&x, steps.buf);
		export_text(&x, it->basis);
		export_end_row(&x);
		strbuf_release(&steps);
	}
	return export_finish(c, &x,
	                     arena_printf(c->a, "%s权责清单（第%d版）", l.zone_name, l.version));
}

static const struct api_field step_fields[] = {
    {"text", API_STR, true, 500},
    API_INT_FIELD("days", true, 1, 365),
    {NULL, 0, false, 0},
};
static const struct api_field item_fields[] = {
    {"name", API_STR, true, 200},
    {"holder", API_STR, false, 10},
    {"lead", API_STR, false, 10},
    {"basis", API_STR, false, 1000},
    {"steps", API_OBJ_ARRAY, false, DUTY_MAX_STEPS, step_fields},
    {NULL, 0, false, 0},
};
static const struct api_field index_query[] = {API_QSTR("status", 16), API_FIELDS_END};
static const struct api_field save_body[] = {
    API_ID_FIELD("zone_org_id", true),
    {"cross_posts", API_STR, false, 4000},
    {"coordination", API_STR, false, 4000},
    {"items", API_OBJ_ARRAY, true, DUTY_MAX_ITEMS, item_fields},
    {NULL, 0, false, 0},
};
static const struct api_field comment_body[] = {
    {"comment", API_STR, false, 2000},
    {NULL, 0, false, 0},
};

const struct api_route api_duty_routes[] = {
    {"GET", "/api/duty-lists", current, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/duty-lists/export.xlsx", index_export, PERM_POWER_READ, 0, index_query, NULL},
    {"GET", "/api/duty-lists/export.csv", index_export, PERM_POWER_READ, 0, index_query, NULL},
    {"POST", "/api/duty-lists", save, PERM_POWER_WRITE, 0, NULL, save_body},
    {"GET", "/api/duty-lists/:id", get, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/duty-lists/:id/export.xlsx", export, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/duty-lists/:id/export.csv", export, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/duty-lists/:id/submit", submit, PERM_POWER_WRITE, 0, NULL, comment_body},
    {"POST", "/api/duty-lists/:id/approve", approve, PERM_POWER_WRITE, 0, NULL, comment_body},
    {"POST", "/api/duty-lists/:id/return", send_back, PERM_POWER_WRITE, 0, NULL, comment_body},
    {"GET", "/api/zones/:id/duty-lists", versions, PERM_POWER_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
