/* notice.c - 督办单 (supervision notices). The reform office issues a notice to an
 * organization about a task (and optionally one of its milestones), closes or escalates it; a
 * zone, county or department user of that organization's scope replies. The office and
 * supervisors read every notice, everyone else those addressed to organizations in their data
 * scope. Also the printable notice (HTML, every user text escaped) and the xlsx export. Must
 * not write SQL. */
#include "api/api.h"
#include "api/export.h"
#include "api/notice_json.h"
#include "api/todo.h"

#include "core/notice.h"
#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_plan.h"
#include "store/store_task.h"
#include "util/html.h"
#include "util/timeutil.h"

#include <string.h>

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
		                 "status 应为 open、replied、closed 或 escalated", "status");
	f->org_id = api_query_int(c, "org_id", 0);
	f->task_id = api_query_int(c, "task_id", 0);
	f->awaiting_reply = api_query_int(c, "awaiting", 0) != 0;
	if (api_query_int(c, "overdue", 0)) {
		char *today = arena_alloc(c->a, 11);
		plan_day_format(plan_today(c->now), today);
		f->overdue_before = today;
	}
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
		notice_json_write(&c->w, &ns[i], true);
	}
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* Loads the :id notice; 404 when absent or outside the caller's notice scope. */
static int load(struct api_ctx *c, struct store_notice *n)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_notice_get(c->db, c->a, id, n)) != KFQ_OK)
		return api_store_error(c, rc);
	notice_scope(c, &scope);
	if (api_scope_check(c, &scope, n->org_id) != 0)
		return -1;
	compute(c, n);
	return 0;
}

static int reply_with(struct api_ctx *c, int64_t id, int status)
{
	struct store_notice n;
	int rc;

	if ((rc = store_notice_get(c->db, c->a, id, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	compute(c, &n);
	notice_json_write(&c->w, &n, true);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	struct store_notice n;

	if (load(c, &n) != 0)
		return -1;
	notice_json_write(&c->w, &n, true);
	return api_ok(c, 200);
}

/* Checks the references of a new notice: the org and the task exist, the milestone (if any)
 * belongs to that org's plan for that task. */
static int check_refs(struct api_ctx *c, const struct store_notice *n)
{
	struct store_org o;
	struct store_task t;
	struct store_milestone m;
	struct milestone_bounds b;
	int rc;

	rc = store_org_get(c->db, c->a, n->org_id, &o);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "主送单位不存在", "/org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	rc = store_task_get(c->db, c->a, n->task_id, &t);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "改革任务不存在", "/task_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (!n->milestone_id)
		return 0;
	milestone_bounds(plan_today(c->now), &b);
	rc = store_milestone_get(c->db, c->a, n->milestone_id, &b, &m);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_ENOTFOUND || m.org_id != n->org_id || m.task_id != n->task_id)
		return api_error(c, 400, "invalid_value", "该节点不属于主送单位在此任务下的计划",
		                 "/milestone_id");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_notice n = {0};
	int rc;

	n.org_id = api_body_int(c, "org_id");
	n.task_id = api_body_int(c, "task_id");
	n.milestone_id = api_body_int(c, "milestone_id");
	n.subject = api_body_str(c, "subject");
	n.body = api_body_str(c, "body");
	n.reply_due = api_body_str(c, "reply_due");
	switch (notice_reply_due_check(n.reply_due, plan_today(c->now), api_reply_horizon_days())) {
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
	if (check_refs(c, &n) != 0)
		return -1;
	if ((rc = store_notice_create(c->db, &c->actor, &notice_json_audit, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	return reply_with(c, n.id, 201);
}

static int reply(struct api_ctx *c)
{
	struct store_notice n;
	const char *text = api_body_str(c, "reply"), *status;
	int64_t *ids;
	int nids, rc;

	if (load(c, &n) != 0)
		return -1;
	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	if (!api_scope_allows(ids, nids, n.org_id))
		return api_error(c, 403, "forbidden", "只能反馈本单位的督办单", NULL);
	rc = store_notice_reply(c->db, c->a, &c->actor, &notice_json_audit, n.id, text, &status);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", notice_refusal(status, NOTICE_REPLY),
		                 NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_with(c, n.id, 200);
}

static int end_notice(struct api_ctx *c, enum notice_action action)
{
	struct store_notice n;
	const char *comment = api_body_str(c, "comment"), *status;
	int rc;

	if (load(c, &n) != 0)
		return -1;
	/* closing takes an optional comment (escalating requires one: escalate_body) */
	if (comment && !*comment)
		comment = NULL;
	rc = action == NOTICE_CLOSE
	         ? store_notice_close(c->db, c->a, &c->actor, &notice_json_audit, n.id, comment,
	                              &status)
	         : store_notice_escalate(c->db, c->a, &c->actor, &notice_json_audit, n.id, comment,
	                                 &status);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", notice_refusal(status, action), NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return reply_with(c, n.id, 200);
}

static int close_notice(struct api_ctx *c)
{
	return end_notice(c, NOTICE_CLOSE);
}

static int escalate(struct api_ctx *c)
{
	return end_notice(c, NOTICE_ESCALATE);
}

/* ---- the printable notice ---- */

/* One <p> per line of text that is not blank. */
static void paragraphs(struct strbuf *sb, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		bool blank = true;

		for (size_t i = 0; i < len; i++)
			blank &= text[i] == ' ' || text[i] == '\t';
		if (!blank) {
			strbuf_addstr(sb, "<p>");
			html_escape_n(sb, text, len);
			strbuf_addstr(sb, "</p>\n");
		}
		text = nl ? nl + 1 : NULL;
	}
}

static const char print_css[] =
    "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
    "body{margin:0 auto;padding:24px;max-width:156mm;color:#000;background:#fff;"
    "font-family:FangSong,FangSong_GB2312,STFangsong,\"仿宋\",serif;font-size:16pt;"
    "line-height:1.75}\n"
    "p{margin:0}\n"
    ".issuer{text-align:center;color:#c00;font-family:SimSun,STSong,\"宋体\",serif;"
    "font-size:24pt;font-weight:bold;letter-spacing:1px;line-height:1.4}\n"
    ".number{text-align:right;margin-top:16pt}\n"
    ".rule{border:0;border-top:2px solid #c00;margin:4pt 0 28pt}\n"
    "h1{text-align:center;font-family:SimHei,STHeiti,\"黑体\",sans-serif;font-size:22pt;"
    "font-weight:normal;line-height:1.5;margin:0 0 24pt}\n"
    ".text p,.ref,.due{text-indent:2em}\n"
    ".sign{text-align:right;margin-top:48pt}\n"
    ".state{font-size:11pt;color:#666;border:1px dashed #999;padding:4pt 8pt;"
    "margin-bottom:16pt}\n"
    "@media print{body{padding:0;max-width:none}.state{display:none}}\n";

static int print(struct api_ctx *c)
{
	struct store_notice n;
	struct strbuf title = STRBUF_INIT;
	struct strbuf *sb = c->out;
	char due[NOTICE_DATE_CN_MAX], issued[NOTICE_DATE_CN_MAX];
	int64_t t = 0;

	if (load(c, &n) != 0)
		return -1;
	notice_date_plain(plan_day(n.reply_due), due);
	if (time_parse(n.issued_at, &t) != 0)
		t = c->now;
	notice_date_cn(plan_today(t), issued);
	notice_title(n.subject, &title);
	strbuf_reset(sb);
	strbuf_addstr(sb,
	              "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<title>");
	html_escape(sb, n.number);
	strbuf_addch(sb, ' ');
	html_escape(sb, title.buf);
	strbuf_addf(sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", print_css);
	strbuf_addf(sb, "<p class=\"state\">状态：%s%s（打印时不显示）</p>\n",
	            notice_status_label(n.status), n.overdue ? "，已逾期" : "");
	strbuf_addstr(sb, "<p class=\"issuer\">" NOTICE_ISSUER "</p>\n<p class=\"number\">");
	html_escape(sb, n.number);
	strbuf_addstr(sb, "</p>\n<hr class=\"rule\">\n<h1>");
	html_escape(sb, title.buf);
	strbuf_addstr(sb, "</h1>\n<p class=\"to\">");
	html_escape(sb, n.org_name);
	strbuf_addstr(sb, "：</p>\n<div class=\"text\">\n");
	paragraphs(sb, n.body);
	strbuf_addstr(sb, "</div>\n<p class=\"ref\">涉及改革任务：");
	strbuf_addf(sb, "第%d条“", n.article_number);
	html_escape(sb, n.task_title);
	strbuf_addstr(sb, "”");
	if (n.milestone_title) {
		strbuf_addstr(sb, "，推进节点：“");
		html_escape(sb, n.milestone_title);
		strbuf_addstr(sb, "”");
	}
	strbuf_addf(sb, "。</p>\n<p class=\"due\">请于%s前反馈办理情况。</p>\n", due);
	strbuf_addf(sb,
	            "<div class=\"sign\">\n<p>" NOTICE_ISSUER "</p>\n<p>%s</p>\n</div>\n"
	            "</body>\n</html>\n",
	            issued);
	strbuf_release(&title);
	c->req->resp.status = 200;
	c->req->resp.content_type = "text/html; charset=utf-8";
	http_resp_header(c->req, "Cache-Control", "no-store");
	return 0;
}

/* ---- export ---- */

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "文号", "督办事项", "主送单位", "条目",     "改革任务", "推进节点", "反馈期限",
	    "状态", "是否逾期", "下发时间", "反馈时间", "办理情况", "办结意见", "升级理由"};
	static const double widths[] = {18, 36, 30, 6, 26, 26, 12, 10, 10, 22, 22, 40, 30, 30};
	struct store_notice_filter f;
	struct store_notice *ns;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, false) != 0)
		return -1;
	if ((rc = store_notice_list(c->db, c->a, &f, &ns, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "督办单", headers, widths, 14) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_notice *r = &ns[i];
		compute(c, &ns[i]);
		export_text(&x, r->number);
		export_text(&x, r->subject);
		export_text(&x, r->org_name);
		export_int(&x, r->article_number);
		export_text(&x, r->task_title);
		export_text(&x, r->milestone_title);
		export_text(&x, r->reply_due);
		export_text(&x, notice_status_label(r->status));
		export_text(&x, r->overdue ? "是" : "否");
		export_text(&x, r->issued_at);
		export_text(&x, r->replied_at);
		export_text(&x, r->reply);
		export_text(&x, r->closing_comment);
		export_text(&x, r->escalation_comment);
		export_end_row(&x);
	}
	return export_finish(c, &x, "督办单");
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
	struct store_notice_filter f = {.status = "replied"};

	out->link = "/notices?status=replied";
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

static int to_reply(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_notice_filter f = {.awaiting_reply = true};

	out->link = "/notices?awaiting=1";
	out->level = "warning";
	return count(c, &f, &out->count);
}

const struct api_todo api_notice_todos[] = {
    {"notices_to_close", "督办待办结", PERM_NOTICE_ISSUE, to_close},
    {"notices_overdue", "逾期未反馈的督办单", PERM_NOTICE_ISSUE, unanswered_late},
    {"notices_to_reply", "待反馈的督办单", PERM_NOTICE_REPLY, to_reply},
    {NULL, NULL, 0, NULL},
};

#define NOTICE_FILTER                                                                              \
	API_ID_FIELD("org_id", false), API_QSTR("status", 16), API_ID_FIELD("task_id", false),     \
	    API_INT_FIELD("overdue", false, 0, 1), API_INT_FIELD("awaiting", false, 0, 1)
static const struct api_field list_query[] = {NOTICE_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {NOTICE_FILTER, API_FIELDS_END};

static const struct api_field create_body[] = {
    API_ID_FIELD("org_id", true),
    API_ID_FIELD("task_id", true),
    API_ID_FIELD("milestone_id", false),
    {"subject", API_STR, true, 200},
    {"body", API_STR, true, 10000},
    {"reply_due", API_STR, true, 10},
    {NULL, 0, false, 0},
};
static const struct api_field reply_body[] = {
    {"reply", API_STR, true, 10000},
    {NULL, 0, false, 0},
};
static const struct api_field close_body[] = {
    {"comment", API_STR, false, 2000},
    {NULL, 0, false, 0},
};
static const struct api_field escalate_body[] = {
    {"comment", API_STR, true, 2000},
    {NULL, 0, false, 0},
};

const struct api_route api_notice_routes[] = {
    {"GET", "/api/notices", list, PERM_NOTICE_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/notices/export.xlsx", export, PERM_NOTICE_READ, 0, export_query, NULL},
    {"POST", "/api/notices", create, PERM_NOTICE_ISSUE, 0, NULL, create_body},
    {"GET", "/api/notices/:id", get, PERM_NOTICE_READ, API_CACHED, NULL, NULL},
    {"GET", "/api/notices/:id/print", print, PERM_NOTICE_READ, 0, NULL, NULL},
    {"POST", "/api/notices/:id/reply", reply, PERM_NOTICE_REPLY, 0, NULL, reply_body},
    {"POST", "/api/notices/:id/close", close_notice, PERM_NOTICE_ISSUE, 0, NULL, close_body},
    {"POST", "/api/notices/:id/escalate", escalate, PERM_NOTICE_ISSUE, 0, NULL, escalate_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
