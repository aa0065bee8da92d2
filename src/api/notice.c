/* notice.c - 督办单 (supervision notices) and the in-app inbox. The reform office drafts a
 * notice to an organization about any entity (notice_subject.c), copied to others (抄送), with
 * files; edits or discards the draft, issues it (numbered), closes or escalates it. A zone,
 * county or department user whose scope holds the addressed organization signs for it and
 * replies, as often as needed, with files; users whose scope holds an organization it is
 * copied to read it and do not act. The office and supervisors read every issued notice, only
 * those who issue notices see drafts, everyone else the notices addressed or copied to
 * organizations in their data scope; any other notice answers 404 as a missing one. Each user
 * reads and marks only their own inbox. Also the xlsx export and the files' read rule. Must
 * not write SQL. */
#include "api/attachment.h"
#include "api/export.h"
#include "api/notice_impl.h"
#include "api/todo.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_org.h"

#include <string.h>

static bool issues_notices(struct api_ctx *c)
{
	return account_role_perms(c->sess.user.role) & PERM_NOTICE_ISSUE;
}

/* The organizations whose notices the caller may read: the office and supervisors all, everyone
 * else its data scope. */
static void notice_scope(struct api_ctx *c, struct store_scope *out)
{
	const char *role = c->sess.user.role;

	api_scope(c, out);
	if (!strcmp(role, "office") || !strcmp(role, "supervisor"))
		out->kind = "all";
}

static int filter_from_query(struct api_ctx *c, struct store_notice_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->status = api_query_str(c, "status");
	if (f->status && !notice_status_valid(f->status))
		return api_error(c, 400, "invalid_parameter",
		                 "status 应为 draft、open、received、replied、closed 或 escalated",
		                 "status");
	f->entity_type = api_query_str(c, "entity_type");
	if (f->entity_type && !notice_subject_find(f->entity_type))
		return api_error(c, 400, "invalid_parameter",
		                 arena_printf(c->a, "entity_type 应为 %s", notice_subject_types(c)),
		                 "entity_type");
	f->org_id = api_query_int(c, "org_id", 0);
	f->task_id = api_query_int(c, "task_id", 0);
	f->entity_id = api_query_int(c, "entity_id", 0);
	f->awaiting_reply = api_query_int(c, "awaiting", 0) != 0;
	f->to_close = api_query_int(c, "to_close", 0) != 0;
	if (!f->entity_type != !f->entity_id)
		return api_error(c, 400, "invalid_parameter", "entity_type 与 entity_id 应同时给出",
		                 f->entity_type ? "entity_id" : "entity_type");
	if (api_query_int(c, "overdue", 0)) {
		char *today = arena_alloc(c->a, 11);
		plan_day_format(plan_today(c->now), today);
		f->overdue_before = today;
	}
	f->drafts = issues_notices(c);
	notice_scope(c, &f->scope);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static void compute(struct api_ctx *c, struct store_notice *n)
{
	n->overdue =
	    notice_overdue(n->status, n->replied_at != NULL, n->reply_due, plan_today(c->now));
}

static int list(struct api_ctx *c)
{
	struct store_notice_filter f;
	struct store_notice *ns;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0)
		return -1;
	if ((rc = store_notice_list(c->db, c->a, &f, &ns, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		compute(c, &ns[i]);
		notice_json_write(&c->w, &ns[i], NOTICE_JSON_COMPUTED, NULL);
	}
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int not_found(struct api_ctx *c)
{
	return api_store_error(c, KFQ_ENOTFOUND);
}

/* Whether the caller may read n: a role that reads notices; a draft only those who issue
 * notices; an issued notice the notice scope holding its organization or one it is copied
 * to. 0, or -1 after the 404 a missing notice gets (the files' routes ask too, which no
 * permission guards). */
static int may_read(struct api_ctx *c, const struct store_notice *n)
{
	struct store_scope scope;
	int64_t *ids;
	int nids;

	if (!(account_role_perms(c->sess.user.role) & PERM_NOTICE_READ) ||
	    (!strcmp(n->status, "draft") && !issues_notices(c)))
		return not_found(c);
	notice_scope(c, &scope);
	if (api_scope_orgs_of(c, &scope, &ids, &nids) != 0)
		return -1;
	if (api_scope_allows(ids, nids, n->org_id))
		return 0;
	for (int i = 0; i < n->ncc; i++)
		if (api_scope_allows(ids, nids, n->cc[i].org_id))
			return 0;
	return not_found(c);
}

static int load_id(struct api_ctx *c, int64_t id, struct store_notice *n)
{
	int rc;

	if ((rc = store_notice_get(c->db, c->a, id, n)) == KFQ_ENOTFOUND)
		return not_found(c);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (may_read(c, n) != 0)
		return -1;
	compute(c, n);
	return 0;
}

int notice_load(struct api_ctx *c, struct store_notice *n)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return load_id(c, id, n);
}

/* Signing for and replying are the addressed organization's own (DECISIONS 68): not a copy's,
 * nor a county's for a zone its scope reads. */
static int may_act(struct api_ctx *c, const struct store_notice *n)
{
	if (n->org_id == c->actor.org_id)
		return 0;
	return api_error(c, 403, "forbidden", "督办单的签收和反馈由主送单位办理，其他单位只能查阅",
	                 NULL);
}

/* The notice n as read, with what is computed from it. */
static int answer_notice(struct api_ctx *c, struct store_notice *n, int status)
{
	compute(c, n);
	notice_json_write(
	    &c->w, n, NOTICE_JSON_COMPUTED | NOTICE_JSON_CHILDREN,
	    notice_subject_link(c, notice_subject_find(n->entity_type), n->entity_id));
	return api_ok(c, status);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_notice n;
	int rc;

	if ((rc = store_notice_get(c->db, c->a, id, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	return answer_notice(c, &n, status);
}

static int get(struct api_ctx *c)
{
	struct store_notice n;

	if (notice_load(c, &n) != 0)
		return -1;
	notice_json_write(&c->w, &n, NOTICE_JSON_COMPUTED | NOTICE_JSON_CHILDREN,
	                  notice_subject_link(c, notice_subject_find(n.entity_type), n.entity_id));
	return api_ok(c, 200);
}

/* The entity the body names, unchecked: entity_type and entity_id, or (the first form of the
 * API) a task_id with an optional milestone_id of it, as a milestone's or the task's; the type
 * NULL when neither is given. */
static void entity_named(struct api_ctx *c, const char **type, int64_t *id)
{
	int64_t task_id = api_body_int(c, "task_id"), ms = api_body_int(c, "milestone_id");

	*type = api_body_str(c, "entity_type");
	*id = api_body_int(c, "entity_id");
	if (!*type && task_id) {
		*type = ms ? "milestone" : "task";
		*id = ms ? ms : task_id;
	}
}

/* The entity's read sent ahead where its type has one, so that it goes with the organization's
 * check in one round trip (DECISIONS 194); read_entity reads and checks it as before. */
static void entity_ahead(struct api_ctx *c)
{
	const struct notice_subject *k;
	const char *type;
	int64_t id;

	entity_named(c, &type, &id);
	if (type && id && (k = notice_subject_find(type)) && k->ahead)
		k->ahead(c, id);
}

/* The entity the body names (entity_named), checked and described. */
static int read_entity(struct api_ctx *c, struct store_notice_input *in)
{
	const struct notice_subject *k;
	struct notice_about about;
	int64_t task_id = api_body_int(c, "task_id"), ms = api_body_int(c, "milestone_id");
	const char *field = api_body_str(c, "entity_type") ? "/entity_id"
	                    : ms                           ? "/milestone_id"
	                                                   : "/task_id";

	entity_named(c, &in->entity_type, &in->entity_id);
	if (!in->entity_type)
		return api_error(c, 400, "missing_field", "请选择督办对象", "/entity_type");
	if (!(k = notice_subject_find(in->entity_type)))
		return api_error(c, 400, "invalid_value",
		                 arena_printf(c->a, "督办对象类型应为 %s", notice_subject_types(c)),
		                 "/entity_type");
	if (!in->entity_id)
		return api_error(c, 400, "missing_field", "请选择督办对象", "/entity_id");
	if (k->describe(c, in->entity_id, in->org_id, field, &about) != 0)
		return -1;
	if (task_id && about.task_id && about.task_id != task_id)
		return api_error(c, 400, "invalid_value",
		                 ms ? "该节点不属于此任务" : "督办对象不属于此任务",
		                 ms ? "/milestone_id" : "/task_id");
	in->entity_label = about.label;
	in->task_id = about.task_id;
	return 0;
}

/* The organizations copied: existing, not the addressed one, none twice. */
static int read_cc(struct api_ctx *c, struct store_notice_input *in)
{
	int rc;

	in->cc = api_body_ints(c, "cc_org_ids", &in->ncc);
	for (int i = 0; i < in->ncc; i++) {
		const char *field = arena_printf(c->a, "/cc_org_ids/%d", i);
		if (in->cc[i] == in->org_id)
			return api_error(c, 400, "invalid_value", "抄送单位不能是主送单位", field);
		for (int j = 0; j < i; j++)
			if (in->cc[j] == in->cc[i])
				return api_error(c, 400, "invalid_value", "抄送单位重复", field);
		rc = store_org_exists(c->db, in->cc[i]);
		if (rc == KFQ_ENOTFOUND)
			return api_error(c, 400, "invalid_value", "抄送单位不存在", field);
		if (rc != KFQ_OK)
			return api_store_error(c, rc);
	}
	return 0;
}

static int read_input(struct api_ctx *c, struct store_notice_input *in)
{
	struct store_org to;
	int rc;

	memset(in, 0, sizeof(*in));
	in->org_id = api_body_int(c, "org_id");
	in->subject = api_body_str(c, "subject");
	in->body = api_body_str(c, "body");
	in->reply_due = api_body_str(c, "reply_due");
	switch (
	    notice_reply_due_check(in->reply_due, plan_today(c->now), api_reply_horizon_days())) {
	case NOTICE_DUE_INVALID:
		return api_error(c, 400, "invalid_value", "反馈期限应为 YYYY-MM-DD 格式的有效日期",
		                 "/reply_due");
	case NOTICE_DUE_PAST:
		return api_error(c, 400, "invalid_value", "反馈期限不能早于今天", "/reply_due");
	case NOTICE_DUE_TOO_FAR:
		return api_error(
		    c, 400, "invalid_value",
		    arena_printf(c->a, "反馈期限不能晚于今天起%d天", api_reply_horizon_days()),
		    "/reply_due");
	case NOTICE_DUE_OK:
		break;
	}
	entity_ahead(c);
	rc = store_org_get(c->db, c->a, in->org_id, &to);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "主送单位不存在", "/org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	/* it signs for and answers the notice, which a supervisory body's read-only accounts
	 * cannot (DECISIONS 313); copied, it reads it */
	if (!strcmp(to.type, "supervisory_body"))
		return api_error(c, 400, "invalid_value",
		                 arena_printf(c->a,
		                              "%s是监督机构，不能作为督办单的主送单位（可以抄送）",
		                              to.name),
		                 "/org_id");
	if (read_entity(c, in) != 0 || read_cc(c, in) != 0)
		return -1;
	in->attachments = api_body_ints(c, "attachment_ids", &in->nattachments);
	return 0;
}

static const char *code(void)
{
	const char *v = api_config()->notice_code;

	return v ? v : NOTICE_CODE;
}

/* Answers a store error of a move: the state's refusal (409), unclaimable files (400). */
static int move_error(struct api_ctx *c, int rc, const struct store_notice_refusal *why,
                      enum notice_action action)
{
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 notice_refusal(why->status, why->received, action), NULL);
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value",
		                 "附件不存在、已被使用，或不是本单位为此上传的", "/attachment_ids");
	return api_store_error(c, rc);
}

static int create(struct api_ctx *c)
{
	struct store_notice_input in;
	struct store_notice_refusal none = {NULL, false};
	struct store_notice n;
	int rc;

	/* the checks read in the create's write transaction (SQLite): one lock, not one a read */
	if ((rc = store_begin_ahead(c->db)) != KFQ_OK)
		return api_store_error(c, rc);
	if (read_input(c, &in) != 0)
		return -1;
	rc = store_notice_create(c->db, c->a, &c->actor, &notice_json_audit, &in,
	                         api_body_bool(c, "draft") ? NULL : code(), &n);
	if (rc != KFQ_OK)
		return move_error(c, rc, &none, NOTICE_ISSUE);
	return answer_notice(c, &n, 201);
}

static int edit(struct api_ctx *c)
{
	struct store_notice n;
	struct store_notice_input in;
	struct store_notice_refusal why;
	int rc;

	if (notice_load(c, &n) != 0 || read_input(c, &in) != 0)
		return -1;
	rc = store_notice_edit(c->db, c->a, &c->actor, &notice_json_audit, n.id, &in, &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, NOTICE_EDIT);
	return answer(c, n.id, 200);
}

static int discard(struct api_ctx *c)
{
	struct store_notice n;
	struct store_notice_refusal why;
	int rc;

	if (notice_load(c, &n) != 0)
		return -1;
	rc = store_notice_discard(c->db, c->a, &c->actor, &notice_json_audit, n.id, &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, NOTICE_EDIT);
	c->req->resp.status = 204;
	return 0;
}

static int issue(struct api_ctx *c)
{
	const struct notice_subject *k;
	struct notice_about about;
	struct store_notice n;
	struct store_notice_refusal why;
	int rc;

	if (notice_load(c, &n) != 0)
		return -1;
	if (!strcmp(n.status, "draft") &&
	    notice_reply_due_check(n.reply_due, plan_today(c->now), api_reply_horizon_days()) ==
	        NOTICE_DUE_PAST)
		return api_error(c, 409, "invalid_state", "反馈期限已过，请修改后再下发", NULL);
	/* a draft's entity is checked again as it goes out: the zone may have been taken off the
	 * task since it was written (DECISIONS 284) */
	if (!strcmp(n.status, "draft") && (k = notice_subject_find(n.entity_type)) &&
	    k->describe(c, n.entity_id, n.org_id, "/entity_id", &about) != 0)
		return -1;
	rc = store_notice_issue(c->db, c->a, &c->actor, &notice_json_audit, n.id, code(), &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, NOTICE_ISSUE);
	return answer(c, n.id, 200);
}

static int receive(struct api_ctx *c)
{
	struct store_notice n;
	struct store_notice_refusal why;
	int rc;

	if (notice_load(c, &n) != 0 || may_act(c, &n) != 0)
		return -1;
	rc = store_notice_receive(c->db, c->a, &c->actor, &notice_json_audit, n.id, &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, NOTICE_RECEIVE);
	return answer(c, n.id, 200);
}

static int reply(struct api_ctx *c)
{
	struct store_notice n;
	struct store_notice_refusal why;
	const char *text = api_body_str(c, "reply");
	int64_t *files;
	int nfiles, rc;

	if (notice_load(c, &n) != 0 || may_act(c, &n) != 0)
		return -1;
	files = api_body_ints(c, "attachment_ids", &nfiles);
	rc = store_notice_reply(c->db, c->a, &c->actor, &notice_json_audit, n.id, text, files,
	                        nfiles, &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, NOTICE_REPLY);
	return answer(c, n.id, 200);
}

static int end_notice(struct api_ctx *c, enum notice_action action)
{
	struct store_notice n;
	struct store_notice_refusal why;
	const char *comment = api_body_str(c, "comment");
	int rc;

	if (notice_load(c, &n) != 0)
		return -1;
	/* closing takes an optional comment (escalating requires one: escalate_body) */
	if (comment && !*comment)
		comment = NULL;
	rc = action == NOTICE_CLOSE
	         ? store_notice_close(c->db, c->a, &c->actor, &notice_json_audit, n.id, comment,
	                              &why)
	         : store_notice_escalate(c->db, c->a, &c->actor, &notice_json_audit, n.id, comment,
	                                 &why);
	if (rc != KFQ_OK)
		return move_error(c, rc, &why, action);
	return answer(c, n.id, 200);
}

static int close_notice(struct api_ctx *c)
{
	return end_notice(c, NOTICE_CLOSE);
}

static int escalate(struct api_ctx *c)
{
	return end_notice(c, NOTICE_ESCALATE);
}

/* ---- files: the read rule of the notice they belong to ---- */

static int notice_files(struct api_ctx *c, int64_t id)
{
	struct store_notice n;

	return load_id(c, id, &n);
}

static int reply_files(struct api_ctx *c, int64_t id)
{
	struct store_notice n;
	int64_t notice_id;
	int rc;

	if ((rc = store_notice_of_reply(c->db, id, &notice_id)) == KFQ_ENOTFOUND)
		return not_found(c);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return load_id(c, notice_id, &n);
}

const struct api_attachment_kind api_notice_attachment_kinds[] = {
    {"notice", "督办单", PERM_NOTICE_ISSUE, PERM_NOTICE_READ, notice_files},
    {"notice_reply", "督办单反馈", PERM_NOTICE_REPLY, PERM_NOTICE_READ, reply_files},
    {NULL, NULL, 0, 0, NULL},
};

/* ---- export ---- */

/* what a notice row of the export needs */
struct notice_export {
	struct export_table x;
	struct api_ctx *c;
};

/* store_each_fn: one notice as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct notice_export *e = ctx;
	struct export_table *x = &e->x;
	struct store_notice r = *(const struct store_notice *)element;

	compute(e->c, &r);
	export_text(x, r.number ? r.number : "（拟稿）");
	export_text(x, notice_status_label(r.status));
	export_text(x, r.subject);
	export_text(x, r.org_name);
	export_text(x, r.entity_label);
	export_text(x, r.reply_due);
	export_text(x, r.overdue ? "是" : "否");
	export_time(x, r.issued_at);
	export_time(x, r.received_at);
	export_int(x, r.nreplies);
	export_time(x, r.replied_at);
	export_text(x, r.closing_comment);
	export_text(x, r.escalation_comment);
	export_end_row(x);
	return 0;
}

/* The notices as .xlsx or CSV, with the list's filters: written out one at a time as the store
 * reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "文号",     "状态",     "督办事项", "主送单位",     "涉及对象", "反馈期限", "是否逾期",
	    "下发时间", "签收时间", "反馈次数", "最近反馈时间", "办结意见", "升级理由"};
	static const double widths[] = {18, 10, 36, 30, 40, 12, 10, 22, 22, 10, 22, 30, 30};
	struct store_notice_filter f;
	struct notice_export e = {.c = c};
	int rc;

	if (filter_from_query(c, &f, false) != 0 ||
	    export_begin(c, &e.x, "督办单", headers, widths, 13) != 0)
		return -1;
	if ((rc = store_notice_each(c->db, &f, export_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.x, "督办单");
}

/* ---- to-dos (api/todo.h): each counts what its link's list shows ---- */

static int count(struct api_ctx *c, struct store_notice_filter *f, int64_t *n)
{
	struct store_notice *ns;
	int k, rc;

	notice_scope(c, &f->scope);
	f->limit = 1;
	if ((rc = store_notice_list(c->db, c->a, f, &ns, &k, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int to_close(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_notice_filter f = {.to_close = true};

	out->link = "/notices?to_close=1";
	out->level = "warning";
	return count(c, &f, &out->count);
}

static int unanswered_late(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_notice_filter f = {0};
	char *today = arena_alloc(c->a, 11);

	plan_day_format(plan_today(c->now), today);
	f.overdue_before = today;
	out->link = "/notices?overdue=1";
	out->level = "danger";
	return count(c, &f, &out->count);
}

/* the caller's own organization's: those it may sign for and reply to */
static int to_reply(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_notice_filter f = {.awaiting_reply = true, .org_id = c->actor.org_id};

	out->link = arena_printf(c->a, "/notices?awaiting=1&org_id=%lld", (long long)f.org_id);
	out->level = "warning";
	return count(c, &f, &out->count);
}

const struct api_todo api_notice_todos[] = {
    {.key = "notices_to_close", .label = "督办待办结", .perm = PERM_NOTICE_ISSUE, .fill = to_close},
    {.key = "notices_overdue",
     .label = "逾期未反馈的督办单",
     .perm = PERM_NOTICE_ISSUE,
     .fill = unanswered_late},
    {.key = "notices_to_reply",
     .label = "待反馈的督办单",
     .perm = PERM_NOTICE_REPLY,
     .fill = to_reply},
    {.key = NULL},
};

#define NOTICE_FILTER                                                                              \
	API_ID_FIELD("org_id", false), API_QSTR("status", 16), API_ID_FIELD("task_id", false),     \
	    API_QSTR("entity_type", 32), API_ID_FIELD("entity_id", false),                         \
	    API_INT_FIELD("overdue", false, 0, 1), API_INT_FIELD("awaiting", false, 0, 1),         \
	    API_INT_FIELD("to_close", false, 0, 1)
static const struct api_field list_query[] = {NOTICE_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {NOTICE_FILTER, API_FIELDS_END};

#define NOTICE_FIELDS                                                                              \
	API_ID_FIELD("org_id", true), {"entity_type", API_STR, false, 32, NULL, 0, 0},             \
	    API_ID_FIELD("entity_id", false), API_ID_FIELD("task_id", false),                      \
	    API_ID_FIELD("milestone_id", false), {"subject", API_STR, true, 200, NULL, 0, 0},      \
	    {"body", API_STR, true, 10000, NULL, 0, 0},                                            \
	    {"reply_due", API_STR, true, 10, NULL, 0, 0}, API_IDS_FIELD("cc_org_ids", false, 20),  \
	    API_IDS_FIELD("attachment_ids", false, 20)
static const struct api_field create_body[] = {
    NOTICE_FIELDS,
    {"draft", API_BOOL, false, 0, NULL},
    {NULL, 0, false, 0, NULL},
};
static const struct api_field edit_body[] = {
    NOTICE_FIELDS,
    {NULL, 0, false, 0, NULL},
};
static const struct api_field reply_body[] = {
    {"reply", API_STR, true, 10000, NULL},
    API_IDS_FIELD("attachment_ids", false, 20),
    {NULL, 0, false, 0, NULL},
};
static const struct api_field close_body[] = {
    {"comment", API_STR, false, 2000, NULL},
    {NULL, 0, false, 0, NULL},
};
static const struct api_field escalate_body[] = {
    {"comment", API_STR, true, 2000, NULL},
    {NULL, 0, false, 0, NULL},
};
static const struct api_field no_body[] = {{NULL, 0, false, 0, NULL}};

const struct api_route api_notice_routes[] = {
    {"GET", "/api/notices", list, PERM_NOTICE_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/notices/export.xlsx", export, PERM_NOTICE_READ, 0, export_query, NULL},
    {"GET", "/api/notices/export.csv", export, PERM_NOTICE_READ, 0, export_query, NULL},
    {"POST", "/api/notices", create, PERM_NOTICE_ISSUE, 0, NULL, create_body},
    {"GET", "/api/notices/:id", get, PERM_NOTICE_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/notices/:id", edit, PERM_NOTICE_ISSUE, 0, NULL, edit_body},
    {"DELETE", "/api/notices/:id", discard, PERM_NOTICE_ISSUE, 0, NULL, NULL},
    {"GET", "/api/notices/:id/print", notice_print, PERM_NOTICE_READ, 0, NULL, NULL},
    {"POST", "/api/notices/:id/issue", issue, PERM_NOTICE_ISSUE, 0, NULL, no_body},
    {"POST", "/api/notices/:id/receive", receive, PERM_NOTICE_REPLY, 0, NULL, no_body},
    {"POST", "/api/notices/:id/reply", reply, PERM_NOTICE_REPLY, 0, NULL, reply_body},
    {"POST", "/api/notices/:id/close", close_notice, PERM_NOTICE_ISSUE, 0, NULL, close_body},
    {"POST", "/api/notices/:id/escalate", escalate, PERM_NOTICE_ISSUE, 0, NULL, escalate_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
