/* role_change.c - role changes waiting for the security officer: the list (the administrator
 * and the security officer read it) and the security officer's decision, confirm or reject.
 * user.c proposes them. Must not write SQL or decide which changes need the security officer
 * (core/account.c does). */
#include "api/api.h"

#include "app/user_json.h"
#include "core/enums.h"

#include <string.h>

static int list(struct api_ctx *c)
{
	struct store_role_change_filter f = {0};
	struct store_role_change *rows;
	int64_t total;
	int n, rc;

	f.status = api_query_str(c, "status");
	if (f.status && !enum_valid(&enum_role_change_status, f.status))
		return api_error(c, 400, "invalid_parameter",
		                 "status 应为 pending、confirmed、rejected 或 superseded",
		                 "status");
	f.user_id = api_query_int(c, "user_id", 0);
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_role_change_list(c->db, c->a, &f, &rows, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		user_json_role_change(&c->w, &rows[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
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

static const struct api_field list_query[] = {
    API_QSTR("status", 16),
    API_ID_FIELD("user_id", false),
    API_QPAGE,
    API_FIELDS_END,
};

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
    {"POST", "/api/role-changes/:id/confirm", confirm, PERM_ACCOUNT_SECURITY, 0, NULL,
     confirm_body},
    {"POST", "/api/role-changes/:id/reject", reject, PERM_ACCOUNT_SECURITY, 0, NULL, reject_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
