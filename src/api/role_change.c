/* role_change.c - role changes waiting for the security officer: the list (the administrator
 * and the security officer read it, and export it as .xlsx or CSV) and the security officer's
 * decision, confirm or reject. user.c proposes them. Must not write SQL or decide which changes
 * need the security officer (core/account.c does). */
#include "api/api.h"
#include "api/export.h"

#include "app/user_json.h"
#include "core/enums.h"

#include <string.h>

/* The filters of the list and its exports. */
static int filter_from_query(struct api_ctx *c, struct store_role_change_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->status = api_query_str(c, "status");
	if (f->status && !enum_valid(&enum_role_change_status, f->status))
		return api_error(c, 400, "invalid_parameter",
		                 "status 应为 pending、confirmed、rejected 或 superseded",
		                 "status");
	f->user_id = api_query_int(c, "user_id", 0);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_role_change_filter f;
	struct store_role_change *rows;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f) != 0)
		return -1;
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_role_change_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		user_json_role_change(&c->w, &rows[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "账号",   "姓名", "原角色", "原数据范围", "原单位", "新角色",   "新数据范围",
	    "新单位", "状态", "提出人", "提出时间",   "处理人", "处理时间", "意见"};
	static const double widths[] = {16, 14, 12, 16, 28, 12, 16, 28, 10, 14, 22, 14, 22, 40};
	const int ncols = (int)(sizeof(headers) / sizeof(headers[0]));
	_Static_assert(sizeof(headers) / sizeof(headers[0]) == sizeof(widths) / sizeof(widths[0]),
	               "a width per column");
	struct store_role_change_filter f;
	struct store_role_change *rows;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f) != 0)
		return -1;
	if ((rc = store_role_change_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "角色变更", headers, widths, ncols) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_role_change *r = &rows[i];
		export_text(&x, r->username);
		export_text(&x, r->display_name);
		export_text(&x, enum_label(&enum_role, r->from_role));
		export_text(&x, enum_label(&enum_data_scope, r->from_data_scope));
		export_text(&x, r->from_org_name);
		export_text(&x, enum_label(&enum_role, r->role));
		export_text(&x, enum_label(&enum_data_scope, r->data_scope));
		export_text(&x, r->org_name);
		export_text(&x, enum_label(&enum_role_change_status, r->status));
		export_text(&x, r->proposed_by_name);
		export_time(&x, r->proposed_at);
		export_text(&x, r->decided_by_name);
		export_time(&x, r->decided_at);
		export_text(&x, r->comment);
		export_end_row(&x);
	}
	return export_finish(c, &x, "角色变更");
}

static int decide(struct api_ctx *c, bool confirm)
{
	struct store_role_change change;
	const char *comment = api_body_str(c, "comment");
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	rc = store_role_change_decide(c->db, &c->actor, &user_json_audit, id, confirm,
	                              comment && *comment ? comment : NULL);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该角色变更已处理，不能再确认或驳回",
		                 NULL);
	if (rc == KFQ_OK)
		rc = store_role_change_get(c->db, c->a, id, &change);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	user_json_role_change(&c->w, &change);
	return api_ok(c, 200);
}

static int confirm(struct api_ctx *c)
{
	return decide(c, true);
}

static int reject(struct api_ctx *c)
{
	return decide(c, false);
}

#define CHANGE_FILTER API_QSTR("status", 16), API_ID_FIELD("user_id", false)
static const struct api_field list_query[] = {CHANGE_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {CHANGE_FILTER, API_FIELDS_END};

static const struct api_field confirm_body[] = {
    {"comment", API_STR, false, 1000},
    {NULL, 0, false, 0},
};
static const struct api_field reject_body[] = {
    {"comment", API_STR, true, 1000},
    {NULL, 0, false, 0},
};

const struct api_route api_role_change_routes[] = {
    {"GET", "/api/role-changes", list, PERM_USER_READ, 0, list_query, NULL},
    {"GET", "/api/role-changes/export.xlsx", export, PERM_USER_READ, 0, export_query, NULL},
    {"GET", "/api/role-changes/export.csv", export, PERM_USER_READ, 0, export_query, NULL},
    {"POST", "/api/role-changes/:id/confirm", confirm, PERM_ACCOUNT_SECURITY, 0, NULL,
     confirm_body},
    {"POST", "/api/role-changes/:id/reject", reject, PERM_ACCOUNT_SECURITY, 0, NULL, reject_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
