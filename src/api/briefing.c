/* briefing.c - the weekly briefing (工作周报) the office sends upward: for the week holding a day
 * (?week=YYYY-MM-DD, this week by default), per zone in the caller's data scope, the plans'
 * completion, the week's progress reports and finished milestones, the milestones that became
 * late, the 督办单 issued and closed; as JSON, as a printed document on the shared print layout
 * (core/print_doc.h) and as an .xlsx of three sheets. Must not write SQL or HTML itself. */
#include "api/api.h"
#include "api/export.h"
#include "api/print.h"

#include "core/briefing.h"
#include "core/notice.h"
#include "core/plan.h"
#include "store/store_briefing.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

struct briefing {
	struct briefing_week w;
	struct store_briefing b;
	struct briefing_totals totals;
	int64_t *completion_bp; /* per zone */
};

static int load(struct api_ctx *c, struct briefing *out)
{
	const char *week = api_query_str(c, "week");
	struct store_scope scope;
	int64_t day = week ? plan_day(week) : plan_today(c->now);
	int rc;

	if (day < 0)
		return api_error(c, 400, "invalid_parameter", "week 应为 YYYY-MM-DD 格式的日期",
		                 "week");
	memset(out, 0, sizeof(*out));
	briefing_week(day, &out->w);
	api_scope(c, &scope);
	if ((rc = store_briefing_week(c->db, c->a, &out->w, &scope, &out->b)) != KFQ_OK)
		return api_store_error(c, rc);
	out->completion_bp = arena_zalloc(c->a, sizeof(int64_t) * (size_t)(out->b.nzones + 1));
	for (int i = 0; i < out->b.nzones; i++) {
		const struct store_briefing_zone *z = &out->b.zones[i];
		out->completion_bp[i] = plan_completion_from_sums(z->weighted, z->weight);
		out->totals.reports += z->reports;
		out->totals.accepted += z->accepted;
		out->totals.done += z->done;
		out->totals.new_late += z->new_late;
		out->totals.issued += z->issued;
		out->totals.closed += z->closed;
	}
	return 0;
}

static int get(struct api_ctx *c)
{
	struct briefing r;
	char text[BRIEFING_TEXT_MAX], monday[11], sunday[11];
	struct jsonw *w = &c->w;

	if (load(c, &r) != 0)
		return -1;
	plan_day_format(r.w.monday, monday);
	plan_day_format(r.w.sunday, sunday);
	jsonw_obj_open(w);
	jsonw_key(w, "late");
	jsonw_arr_open(w);
	for (int i = 0; i < r.b.nlate; i++) {
		const struct store_briefing_late *l = &r.b.late[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "article_number", l->article_number);
		jsonw_kstr(w, "due_date", l->due_date);
		jsonw_kstr(w, "org_name", l->org_name);
		jsonw_kstr(w, "task_title", l->task_title);
		jsonw_kstr(w, "title", l->title);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "monday", monday);
	jsonw_key(w, "notices");
	jsonw_arr_open(w);
	for (int i = 0; i < r.b.nnotices; i++) {
		const struct store_briefing_notice *n = &r.b.notices[i];
		jsonw_obj_open(w);
		jsonw_kstr(w, "closed_at", n->closed_at);
		jsonw_kint(w, "id", n->id);
		jsonw_kstr(w, "issued_at", n->issued_at);
		jsonw_kstr(w, "number", n->number);
		jsonw_kstr(w, "org_name", n->org_name);
		jsonw_kstr(w, "status", n->status);
		jsonw_kstr(w, "subject", n->subject);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "sunday", sunday);
	briefing_summary(&r.w, &r.totals, text);
	jsonw_kstr(w, "summary", text);
	briefing_title(&r.w, text);
	jsonw_kstr(w, "title", text);
	jsonw_key(w, "totals");
	jsonw_obj_open(w);
	jsonw_kint(w, "accepted", r.totals.accepted);
	jsonw_kint(w, "closed", r.totals.closed);
	jsonw_kint(w, "done", r.totals.done);
	jsonw_kint(w, "issued", r.totals.issued);
	jsonw_kint(w, "new_late", r.totals.new_late);
	jsonw_kint(w, "reports", r.totals.reports);
	jsonw_obj_close(w);
	jsonw_kint(w, "week", r.w.week);
	jsonw_kint(w, "year", r.w.year);
	jsonw_key(w, "zones");
	jsonw_arr_open(w);
	for (int i = 0; i < r.b.nzones; i++) {
		const struct store_briefing_zone *z = &r.b.zones[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "accepted", z->accepted);
		jsonw_kint(w, "closed", z->closed);
		jsonw_kint(w, "completion_bp", r.completion_bp[i]);
		jsonw_kint(w, "done", z->done);
		jsonw_kint(w, "issued", z->issued);
		jsonw_kint(w, "new_late", z->new_late);
		jsonw_kint(w, "org_id", z->org_id);
		jsonw_kstr(w, "org_name", z->org_name);
		jsonw_kint(w, "plans", z->plans);
		jsonw_kint(w, "reports", z->reports);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_obj_close(w);
	return api_ok(c, 200);
}

/* 50.00% */
static const char *percent(struct api_ctx *c, int64_t bp)
{
	return arena_printf(c->a, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

static const char *num(struct api_ctx *c, int64_t v)
{
	return arena_printf(c->a, "%lld", (long long)v);
}

/* 11月30日 of an RFC 3339 time in Shanghai; "" when none */
static const char *month_day(struct api_ctx *c, const char *when)
{
	char iso[11];
	int64_t t;
	int y, m, d;

	if (!when || time_parse(when, &t) != 0)
		return "";
	plan_day_format(plan_today(t), iso);
	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return "";
	return arena_printf(c->a, "%d月%d日", m, d);
}

/* A table of rows × ncols cells in the arena. */
static const char **cells(struct api_ctx *c, int rows, int ncols)
{
	return arena_zalloc(c->a, sizeof(const char *) * (size_t)(rows * ncols + 1));
}

static int print(struct api_ctx *c)
{
	static const char *const zone_head[] = {"开发区",   "计划数",   "完成率",
	                                        "进展报告", "审核通过", "完成节点",
	                                        "新增逾期", "下发督办", "办结督办"};
	static const char *const late_head[] = {"开发区", "改革任务", "推进节点", "完成期限"};
	static const char *const notice_head[] = {"文号", "主送单位", "督办事项",
	                                          "状态", "下发",     "办结"};
	const char *organ = api_print_organ();
	struct print_table zones = {zone_head, NULL, 9, 0, "lrrrrrrrr"};
	struct print_table late = {late_head, NULL, 4, 0, "llll"};
	struct print_table notices = {notice_head, NULL, 6, 0, "llllcc"};
	struct print_block blocks[7];
	struct print_doc d = {0};
	struct briefing r;
	char summary[BRIEFING_TEXT_MAX], title[BRIEFING_TEXT_MAX];
	const char **z, **l, **n;
	int nb = 0;

	if (load(c, &r) != 0)
		return -1;
	z = cells(c, r.b.nzones, 9);
	for (int i = 0; i < r.b.nzones; i++) {
		const struct store_briefing_zone *x = &r.b.zones[i];
		const char *row[] = {
		    x->org_name,         num(c, x->plans),    percent(c, r.completion_bp[i]),
		    num(c, x->reports),  num(c, x->accepted), num(c, x->done),
		    num(c, x->new_late), num(c, x->issued),   num(c, x->closed)};
		memcpy(&z[i * 9], row, sizeof(row));
	}
	zones.cells = z;
	zones.nrows = r.b.nzones;
	l = cells(c, r.b.nlate, 4);
	for (int i = 0; i < r.b.nlate; i++) {
		const struct store_briefing_late *x = &r.b.late[i];
		l[i * 4] = x->org_name;
		l[i * 4 + 1] = arena_printf(c->a, "第%d条 %s", x->article_number, x->task_title);
		l[i * 4 + 2] = x->title;
		l[i * 4 + 3] = x->due_date;
	}
	late.cells = l;
	late.nrows = r.b.nlate;
	n = cells(c, r.b.nnotices, 6);
	for (int i = 0; i < r.b.nnotices; i++) {
		const struct store_briefing_notice *x = &r.b.notices[i];
		n[i * 6] = x->number;
		n[i * 6 + 1] = x->org_name;
		n[i * 6 + 2] = x->subject;
		n[i * 6 + 3] = notice_status_label(x->status);
		n[i * 6 + 4] = month_day(c, x->issued_at);
		n[i * 6 + 5] = month_day(c, x->closed_at);
	}
	notices.cells = n;
	notices.nrows = r.b.nnotices;
	briefing_summary(&r.w, &r.totals, summary);
	briefing_title(&r.w, title);
	blocks[nb++] = (struct print_block){PRINT_PARA, summary, NULL};
	blocks[nb++] = (struct print_block){PRINT_HEADING1, "一、各开发区推进情况", NULL};
	blocks[nb++] = (struct print_block){PRINT_TABLE, NULL, &zones};
	blocks[nb++] = (struct print_block){PRINT_HEADING1, "二、本周新增逾期节点", NULL};
	blocks[nb++] = r.b.nlate ? (struct print_block){PRINT_TABLE, NULL, &late}
	                         : (struct print_block){PRINT_PARA, "本周无新增逾期节点。", NULL};
	blocks[nb++] = (struct print_block){PRINT_HEADING1, "三、督办单办理情况", NULL};
	blocks[nb++] = r.b.nnotices
	                   ? (struct print_block){PRINT_TABLE, NULL, &notices}
	                   : (struct print_block){PRINT_PARA, "本周无下发或办结的督办单。", NULL};
	d.organ = organ;
	d.title = title;
	d.blocks = blocks;
	d.nblocks = nb;
	d.signer = organ;
	d.date = plan_today(c->now);
	d.printer = organ;
	d.print_date = d.date;
	return api_print(c, &d);
}

static int export(struct api_ctx *c)
{
	static const char *const zone_head[] = {"开发区",       "计划数",     "完成率",
	                                        "本周进展报告", "审核通过",   "完成节点",
	                                        "新增逾期",     "下发督办单", "办结督办单"};
	static const double zone_w[] = {34, 8, 10, 14, 10, 10, 10, 12, 12};
	static const char *const late_head[] = {"开发区", "条目", "改革任务", "推进节点",
	                                        "完成期限"};
	static const double late_w[] = {34, 6, 30, 36, 12};
	static const char *const notice_head[] = {"文号", "主送单位", "督办事项",
	                                          "状态", "下发时间", "办结时间"};
	static const double notice_w[] = {20, 34, 40, 10, 22, 22};
	struct export_table x;
	struct briefing r;
	char title[BRIEFING_TEXT_MAX];

	if (load(c, &r) != 0 || export_begin(c, &x, "各开发区", zone_head, zone_w, 9) != 0)
		return -1;
	for (int i = 0; i < r.b.nzones; i++) {
		const struct store_briefing_zone *z = &r.b.zones[i];
		export_text(&x, z->org_name);
		export_int(&x, z->plans);
		export_bp_percent(&x, r.completion_bp[i]);
		export_int(&x, z->reports);
		export_int(&x, z->accepted);
		export_int(&x, z->done);
		export_int(&x, z->new_late);
		export_int(&x, z->issued);
		export_int(&x, z->closed);
		export_end_row(&x);
	}
	if (export_sheet(c, &x, "新增逾期节点", late_head, late_w, 5) != 0)
		return -1;
	for (int i = 0; i < r.b.nlate; i++) {
		const struct store_briefing_late *l = &r.b.late[i];
		export_text(&x, l->org_name);
		export_int(&x, l->article_number);
		export_text(&x, l->task_title);
		export_text(&x, l->title);
		export_text(&x, l->due_date);
		export_end_row(&x);
	}
	if (export_sheet(c, &x, "督办单", notice_head, notice_w, 6) != 0)
		return -1;
	for (int i = 0; i < r.b.nnotices; i++) {
		const struct store_briefing_notice *n = &r.b.notices[i];
		export_text(&x, n->number);
		export_text(&x, n->org_name);
		export_text(&x, n->subject);
		export_text(&x, notice_status_label(n->status));
		export_time(&x, n->issued_at);
		export_time(&x, n->closed_at);
		export_end_row(&x);
	}
	briefing_title(&r.w, title);
	return export_finish(c, &x, title);
}

static const struct api_field week_query[] = {API_QSTR("week", 10), API_FIELDS_END};

const struct api_route api_briefing_routes[] = {
    {"GET", "/api/briefings/weekly", get, PERM_TASK_READ, API_CACHED, week_query, NULL},
    {"GET", "/api/briefings/weekly/print", print, PERM_TASK_READ, 0, week_query, NULL},
    {"GET", "/api/briefings/weekly/export.xlsx", export, PERM_TASK_READ, 0, week_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
