/* task.c - policies and reform tasks: import (raw text upload), preview, lists (with each
 * task's progress over the plans the caller may see, board.c — over one zone's or county's own
 * plans when the list asks for that organization; only the tasks whose plans are still to be
 * written, on request), one task, reassigning a task's organizations; the diff of two imported
 * versions of a policy. Must not write SQL. */
#include "api/api.h"
#include "api/board.h"
#include "api/export.h"

#include "app/policy_diff_json.h"
#include "app/policy_import.h"
#include "core/enums.h"
#include "core/plan.h"
#include "app/task_json.h"
#include "store/store_org.h"
#include "store/store_plan.h"
#include "store/store_task.h"

#include <sodium.h>
#include <string.h>

static void write_ids(struct jsonw *w, const char *key, const int64_t *ids, size_t n)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (size_t i = 0; i < n; i++)
		jsonw_int(w, ids[i]);
	jsonw_arr_close(w);
}

/* The units as written that matched no organization, with the nearest known names. */
static void write_unresolved(struct jsonw *w, const struct policy_task *t)
{
	jsonw_key(w, "unresolved");
	jsonw_arr_open(w);
	for (size_t i = 0; i < t->n_unresolved; i++) {
		const struct policy_unresolved *u = &t->unresolved[i];
		jsonw_obj_open(w);
		jsonw_kstr(w, "unit", u->unit);
		jsonw_kstr(w, "role", u->lead ? "lead" : "responsible");
		policy_units_json(w, "nearest", u->nearest, u->n_nearest);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

/* One task as it would be stored: its article (with its body, which a split divides), the
 * units as written and what they resolved to, the scope and deadline, where the units came
 * from. */
static void write_preview_task(struct jsonw *w, struct arena *a, const struct policy_task *t)
{
	const struct policy_article *art = t->article;

	jsonw_obj_open(w);
	jsonw_kint(w, "article_number", art->number);
	jsonw_kstr(w, "title", policy_article_caption(a, art, POLICY_CAPTION_CPS));
	jsonw_kbool(w, "defaulted", t->defaulted);
	jsonw_kstr(w, "body", art->body);
	write_ids(w, "lead_org_ids", t->lead, t->n_lead);
	write_ids(w, "responsible_org_ids", t->responsible, t->n_responsible);
	policy_article_units_json(w, art, "deadline_text");
	write_unresolved(w, t);
	jsonw_obj_close(w);
}

/* {"policy":{…},"tasks":[{"article_number","title","defaulted","lead_org_ids",…,
 *  "unresolved":[{"unit","role","nearest"}],…}],"warnings":[{"line","message"}]} with parser and
 * resolution warnings together. */
static void write_import(struct jsonw *w, struct arena *a, const struct policy_import_result *r)
{
	jsonw_obj_open(w);
	jsonw_key(w, "policy");
	task_json_policy(w, &r->policy);
	jsonw_key(w, "tasks");
	jsonw_arr_open(w);
	for (size_t i = 0; i < r->tasks.n_tasks; i++)
		write_preview_task(w, a, &r->tasks.tasks[i]);
	jsonw_arr_close(w);
	jsonw_key(w, "warnings");
	jsonw_arr_open(w);
	for (size_t i = 0; i < r->doc.n_warnings; i++)
		policy_warning_json(w, &r->doc.warnings[i]);
	for (size_t i = 0; i < r->tasks.n_warnings; i++)
		policy_warning_json(w, &r->tasks.warnings[i]);
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

/* The answer of an import, its preview or its corrected preview. */
static int import_answer(struct api_ctx *c, int rc, const struct policy_import_result *r,
                         bool dry_run)
{
	if (rc != KFQ_OK) {
		switch (r->status) {
		case POLICY_IMPORT_BAD_TEXT:
			return api_error(c, 400, "invalid_policy_text", r->message, NULL);
		case POLICY_IMPORT_BAD_EDIT:
			return api_error(c, 400, "invalid_value", r->message, r->edit_error.field);
		case POLICY_IMPORT_NO_OFFICE:
			return api_error(c, 409, "no_reform_office", r->message, NULL);
		case POLICY_IMPORT_DUPLICATE:
			return api_error(c, 409, "policy_exists", r->message, NULL);
		default:
			return api_store_error(c, r->rc);
		}
	}
	write_import(&c->w, c->a, r);
	return api_ok(c, dry_run ? 200 : 201);
}

static int import_common(struct api_ctx *c, bool dry_run)
{
	struct policy_import_result r;
	const char *text;
	size_t len;

	if (api_upload_text(c, &text, &len) != 0)
		return -1;
	return import_answer(c, policy_import(c->db, c->a, &c->actor, text, len, dry_run, &r), &r,
	                     dry_run);
}

static int import(struct api_ctx *c)
{
	return import_common(c, false);
}

static int preview(struct api_ctx *c)
{
	return import_common(c, true);
}

static const int64_t *obj_ints(struct arena *a, json_t *o, const char *key, size_t *n)
{
	json_t *arr = json_object_get(o, key);
	int64_t *v = arena_alloc(a, sizeof(*v) * (json_array_size(arr) + 1));

	*n = json_array_size(arr);
	for (size_t i = 0; i < *n; i++)
		v[i] = (int64_t)json_integer_value(json_array_get(arr, i));
	return v;
}

/* The preview as the office corrected it: {"source": the file's bytes in base64, as the preview
 * read them, "tasks":[{"items","title","body","lead_org_ids","responsible_org_ids",
 * "deadline_text"}]}; checked and imported in one transaction (core/policy_edit.h). */
static int import_corrected(struct api_ctx *c)
{
	const char *b64 = api_body_str(c, "source");
	json_t *list = json_object_get(c->body, "tasks");
	size_t n = json_array_size(list), b64len = strlen(b64), len;
	struct policy_edit_task *edits = arena_zalloc(c->a, sizeof(*edits) * (n + 1));
	char *text = arena_alloc(c->a, b64len / 4 * 3 + 3);
	struct policy_import_result r;

	if (sodium_base642bin((unsigned char *)text, b64len / 4 * 3 + 3, b64, b64len, NULL, &len,
	                      NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return api_error(c, 400, "invalid_value", "原文应为 base64 编码的文件内容",
		                 "/source");
	if (len > POLICY_MAX_BYTES)
		return api_error(c, 413, "too_large", "文件过大（最多4MB）", "/source");
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(list, i);
		struct policy_edit_task *e = &edits[i];
		e->items = obj_ints(c->a, o, "items", &e->n_items);
		e->title = json_string_value(json_object_get(o, "title"));
		e->body = json_string_value(json_object_get(o, "body"));
		e->lead = obj_ints(c->a, o, "lead_org_ids", &e->n_lead);
		e->responsible = obj_ints(c->a, o, "responsible_org_ids", &e->n_responsible);
		e->deadline_text = json_string_value(json_object_get(o, "deadline_text"));
	}
	return import_answer(
	    c, policy_import_edited(c->db, c->a, &c->actor, text, len, edits, n, &r), &r, false);
}

static int policy_list(struct api_ctx *c)
{
	struct store_policy *p;
	int n, rc;

	if ((rc = store_policy_list(c->db, c->a, &p, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		task_json_policy(&c->w, &p[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int policy_get(struct api_ctx *c)
{
	struct store_policy p;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_policy_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "policy");
	task_json_policy(&c->w, &p);
	jsonw_key(&c->w, "parsed");
	jsonw_raw(&c->w, p.parsed_json, strlen(p.parsed_json));
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* GET /api/policies/:id/diff?from=ID: the article-by-article diff of the policy given by from
 * (the older version) against :id. Versions are text: nothing here creates or changes a task. */
static int policy_diff(struct api_ctx *c)
{
	struct store_policy from, to;
	struct policy_diff d;
	const char *error;
	int64_t id, from_id = api_query_int(c, "from", 0);
	int rc, which;

	if (api_path_id(c, &id) != 0)
		return -1;
	if (from_id == 0)
		return api_error(c, 400, "missing_parameter", "请选择要对比的原版本", "from");
	if ((rc = store_policy_source(c->db, c->a, id, &to)) != KFQ_OK ||
	    (rc = store_policy_source(c->db, c->a, from_id, &from)) != KFQ_OK)
		return api_store_error(c, rc);
	if (policy_diff_texts(c->a, from.source_text, strlen(from.source_text), to.source_text,
	                      strlen(to.source_text), &d, &error, &which) != KFQ_OK) {
		log_error("policy %lld: stored text no longer parses: %s",
		          (long long)(which ? id : from_id), error);
		return api_error(c, 500, "internal_error", "政策文本无法解析", NULL);
	}
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "diff");
	policy_diff_json(&c->w, &d);
	jsonw_key(&c->w, "from");
	task_json_policy(&c->w, &from);
	jsonw_key(&c->w, "to");
	task_json_policy(&c->w, &to);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* What a list selects beyond the store's filter: the progress state (state=, -1 for any) and
 * whether only tasks with plans still to write (plan=missing). */
struct task_select {
	int state;
	bool missing;
};

/* The store's filter and what is applied after it. */
static int filter_from_query(struct api_ctx *c, struct store_task_filter *f, bool paged,
                             struct task_select *sel)
{
	const char *s = api_query_str(c, "state"), *plan = api_query_str(c, "plan");

	memset(f, 0, sizeof(*f));
	sel->state = s ? plan_task_state_parse(s) : -1;
	if (s && sel->state < 0)
		return api_error(c, 400, "invalid_parameter",
		                 "state 应为 not_started、in_progress、overdue 或 done", "state");
	if (plan && strcmp(plan, "missing") != 0)
		return api_error(c, 400, "invalid_parameter", "plan 应为 missing", "plan");
	sel->missing = plan != NULL;
	f->q = api_query_str(c, "q");
	f->role = api_query_str(c, "role");
	if (f->role && strcmp(f->role, "lead") != 0 && strcmp(f->role, "responsible") != 0)
		return api_error(c, 400, "invalid_parameter", "role 应为 lead 或 responsible",
		                 "role");
	f->policy_id = api_query_int(c, "policy_id", 0);
	f->article = (int)api_query_int(c, "article", 0);
	f->org_id = api_query_int(c, "org_id", 0);
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

/* Whose progress a list shows: the organization asked for when it is a zone or county (its own
 * plans), else 0 (every plan in view, as for a department's led tasks). */
static int progress_org(struct api_ctx *c, int64_t org_id, int64_t *out)
{
	struct store_org o;
	int rc;

	*out = 0;
	if (!org_id)
		return 0;
	if ((rc = store_org_get(c->db, c->a, org_id, &o)) == KFQ_ENOTFOUND)
		return 0;
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (!strcmp(o.type, "zone") || !strcmp(o.type, "county"))
		*out = org_id;
	return 0;
}

/* Whether task_id is among the n (task, organization) pairs without a plan. */
static bool missing(const int64_t *tasks, int n, int64_t task_id)
{
	for (int i = 0; i < n; i++)
		if (tasks[i] == task_id)
			return true;
	return false;
}

/* The tasks the filters select, each with its progress (prog[i] for out[i]); with a state or
 * plan=missing, the store lists every match and those and the page are applied here. */
static int select_tasks(struct api_ctx *c, struct store_task_filter *f,
                        const struct task_select *sel, struct store_task **out,
                        struct board_task_progress **prog, int *n, int64_t *total)
{
	struct board_task_progress *all;
	struct store_scope scope;
	int64_t offset = f->offset, limit = f->limit, own, *gaps = NULL, *gap_orgs;
	int nall, ngaps = 0, rc, k = 0, state = sel->state;
	bool after = state >= 0 || sel->missing;

	if (progress_org(c, f->org_id, &own) != 0 || board_task_progress(c, own, &all, &nall) != 0)
		return -1;
	api_scope(c, &scope);
	if (sel->missing && (rc = store_plan_missing(c->db, c->a, &scope, f->org_id, &gaps,
	                                             &gap_orgs, &ngaps)) != KFQ_OK)
		return api_store_error(c, rc);
	if (after)
		f->offset = f->limit = 0;
	rc = store_task_list(c->db, c->a, f, out, n, total);
	f->offset = offset;
	f->limit = limit;
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	/* a task without an entry (imported after the progress was read) has no plan yet */
	*prog = arena_zalloc(c->a, sizeof(**prog) * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		const struct board_task_progress *p = board_task_find(all, nall, (*out)[i].id);
		if (state >= 0 && (int)(p ? p->state : TASK_NOT_STARTED) != state)
			continue;
		if (sel->missing && !missing(gaps, ngaps, (*out)[i].id))
			continue;
		if (p)
			(*prog)[k] = *p;
		(*out)[k++] = (*out)[i];
	}
	if (!after)
		return 0;
	*total = k;
	*n = 0;
	for (int64_t i = offset; i < k && (limit == 0 || *n < limit); i++, (*n)++) {
		(*out)[*n] = (*out)[i];
		(*prog)[*n] = (*prog)[i];
	}
	return 0;
}

static int task_list(struct api_ctx *c)
{
	struct board_task_progress *prog;
	struct store_task_filter f;
	struct store_task *t;
	int64_t total;
	struct task_select sel;
	int n;

	if (filter_from_query(c, &f, true, &sel) != 0 ||
	    select_tasks(c, &f, &sel, &t, &prog, &n, &total) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		task_json_fields(&c->w, &t[i], false);
		jsonw_key(&c->w, "progress");
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "completion_bp", prog[i].completion_bp);
		jsonw_kint(&c->w, "overdue", prog[i].overdue);
		jsonw_kint(&c->w, "plans", prog[i].plans);
		jsonw_kint(&c->w, "missing", prog[i].missing);
		jsonw_kstr(&c->w, "state", plan_task_state_name(prog[i].state));
		jsonw_obj_close(&c->w);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* Answers task id with the article's text. */
static int answer(struct api_ctx *c, int64_t id)
{
	struct store_task t;
	int rc;

	if ((rc = store_task_get(c->db, c->a, id, &t)) != KFQ_OK)
		return api_store_error(c, rc);
	task_json_write(&c->w, &t, true);
	return api_ok(c, 200);
}

static int task_get(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return answer(c, id);
}

/* Checks that every id names an organization; fills names. */
static int read_refs(struct api_ctx *c, const char *field, int64_t **ids,
                     struct store_org_ref **out, int *n)
{
	struct store_org o;
	int rc;

	*ids = api_body_ints(c, field, n);
	*out = arena_zalloc(c->a, sizeof(**out) * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		rc = store_org_get(c->db, c->a, (*ids)[i], &o);
		if (rc == KFQ_ENOTFOUND)
			return api_error(c, 400, "invalid_value", POLICY_MSG_UNKNOWN_ORG,
			                 arena_printf(c->a, "/%s/%d", field, i));
		if (rc != KFQ_OK)
			return api_store_error(c, rc);
		/* they watch the reform from outside: leading or doing a task of it, they would
		 * supervise their own work (and their accounts are read-only, DECISIONS 313) */
		if (!strcmp(o.type, "supervisory_body"))
			return api_error(c, 400, "invalid_value",
			                 arena_printf(c->a, POLICY_MSG_SUPERVISORY, o.name),
			                 arena_printf(c->a, "/%s/%d", field, i));
		(*out)[i].id = (*ids)[i];
		(*out)[i].name = o.name;
	}
	return 0;
}

/* The organizations of a task, by the rules a corrected import preview is held to. */
static int task_set_orgs(struct api_ctx *c)
{
	struct store_org_ref *lead, *resp;
	int64_t id, *lead_ids, *resp_ids;
	int nlead, nresp, rc;
	bool in_resp = false;
	size_t at = 0;
	char today[11];

	if (api_path_id(c, &id) != 0)
		return -1;
	if (read_refs(c, "lead_org_ids", &lead_ids, &lead, &nlead) != 0 ||
	    read_refs(c, "responsible_org_ids", &resp_ids, &resp, &nresp) != 0)
		return -1;
	switch (
	    policy_orgs_check(lead_ids, (size_t)nlead, resp_ids, (size_t)nresp, &in_resp, &at)) {
	case POLICY_ORGS_REPEATED:
		return api_error(c, 400, "invalid_value", POLICY_MSG_REPEATED_ORG,
		                 arena_printf(c->a, "/%s/%zu",
		                              in_resp ? "responsible_org_ids" : "lead_org_ids",
		                              at));
	case POLICY_ORGS_NO_LEAD:
		return api_error(c, 400, "missing_field", POLICY_MSG_NO_LEAD, "/lead_org_ids");
	case POLICY_ORGS_ALREADY_LEAD:
		return api_error(c, 400, "invalid_value",
		                 arena_printf(c->a, POLICY_MSG_ALREADY_LEAD, resp[at].name),
		                 arena_printf(c->a, "/responsible_org_ids/%zu", at));
	case POLICY_ORGS_OK:
		break;
	}
	plan_day_format(plan_today(c->now), today);
	rc = store_task_set_orgs(c->db, &c->actor, &task_json_audit, id, lead, nlead, resp, nresp,
	                         today);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id);
}

/* What the office sets on a task: its contact person (联系人, 联系电话) and its 完成时限 as a
 * date. The body replaces the contact: a field left out, null or empty clears it. The date is
 * the parser's reading of the text until the office sets it, so a body without deadline_date
 * leaves it; null or empty clears it. */
static int task_update(struct api_ctx *c)
{
	struct store_task_office o = {0};
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	o.contact_name = api_body_str(c, "contact_name");
	o.contact_phone = api_body_str(c, "contact_phone");
	if (o.contact_name && !*o.contact_name)
		o.contact_name = NULL;
	if (o.contact_phone && !*o.contact_phone)
		o.contact_phone = NULL;
	if (o.contact_phone && !account_phone_valid(o.contact_phone))
		return api_error(c, 400, "invalid_value",
		                 "联系电话应为5至20位数字，可含区号分隔符-或空格，可以+开头",
		                 "/contact_phone");
	if (o.contact_phone && !o.contact_name)
		return api_error(c, 400, "missing_field", "请填写联系人", "/contact_name");
	o.set_deadline = api_body_has(c, "deadline_date");
	o.deadline_date = api_body_str(c, "deadline_date");
	if (o.deadline_date && !*o.deadline_date)
		o.deadline_date = NULL;
	if (o.deadline_date && plan_day(o.deadline_date) < 0)
		return api_error(c, 400, "invalid_value", "完成时限应为有效日期，格式为YYYY-MM-DD",
		                 "/deadline_date");
	rc = store_task_update_office(c->db, &c->actor, &task_json_audit, id, &o);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id);
}

/* The units as written (a JSON array) as one line for a spreadsheet: 市发改委、市自然资源局 */
static const char *units_text(struct arena *a, const char *json)
{
	json_t *arr = json_loads(json ? json : "[]", 0, NULL);
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *u = json_string_value(json_array_get(arr, i));
		strbuf_addf(&sb, "%s%s", i ? "、" : "", u ? u : "");
	}
	json_decref(arr);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

static void join_refs(struct strbuf *sb, const struct store_org_ref *r, int n)
{
	strbuf_reset(sb);
	for (int i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "、" : "", r[i].name);
}

static int task_export(struct api_ctx *c)
{
	/* 政策文件 first: the tasks of several policies (a draft and its revision) share numbers
	 * and titles */
	static const char *const headers[] = {
	    "政策文件",           "条目",         "分组",         "任务",         "牵头单位",
	    "责任单位",           "计划数",       "完成率",       "逾期节点",     "推进状态",
	    "未报计划的责任单位", "原文牵头单位", "原文责任单位", "原文指导单位", "适用范围",
	    "完成时限",           "截止日期",     "单位来源"};
	static const double widths[] = {36, 6,  24, 30, 30, 60, 8,  10, 10,
	                                10, 12, 30, 40, 30, 24, 16, 12, 16};
	struct board_task_progress *prog;
	struct store_task_filter f;
	struct store_task *t;
	struct store_policy *pol;
	struct task_policy_names docs;
	struct strbuf sb = STRBUF_INIT;
	struct export_table out;
	int64_t total;
	struct task_select sel;
	int n, npol, rc;

	if (filter_from_query(c, &f, false, &sel) != 0 ||
	    select_tasks(c, &f, &sel, &t, &prog, &n, &total) != 0)
		return -1;
	if ((rc = store_policy_list(c->db, c->a, &pol, &npol)) != KFQ_OK)
		return api_store_error(c, rc);
	task_policy_names_make(c->a, pol, npol, &docs);
	if (export_begin(c, &out, "改革任务", headers, widths, 18) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&out, task_policy_names_get(&docs, t[i].policy_id));
		export_int(&out, t[i].article_number);
		export_text(&out, t[i].group_heading);
		export_text(&out, t[i].title);
		join_refs(&sb, t[i].lead, t[i].nlead);
		export_text(&out, sb.buf);
		join_refs(&sb, t[i].responsible, t[i].nresponsible);
		export_text(&out, sb.buf);
		export_int(&out, prog[i].plans);
		export_bp_percent(&out, prog[i].completion_bp);
		export_int(&out, prog[i].overdue);
		export_text(&out, plan_task_state_label(prog[i].state));
		export_int(&out, prog[i].missing);
		export_text(&out, units_text(c->a, t[i].lead_units));
		export_text(&out, units_text(c->a, t[i].responsible_units));
		export_text(&out, units_text(c->a, t[i].guide_units));
		export_text(&out, t[i].scope);
		export_text(&out, t[i].deadline_text);
		export_text(&out, t[i].deadline_date);
		export_text(&out, enum_label(&enum_unit_source, t[i].unit_source));
		export_end_row(&out);
	}
	strbuf_release(&sb);
	return export_finish(c, &out, "改革任务");
}

#define TASK_FILTER                                                                                \
	API_ID_FIELD("policy_id", false), API_INT_FIELD("article", false, 1, 10000),               \
	    API_ID_FIELD("org_id", false), API_QSTR("role", 16), API_QSTR("q", 100),               \
	    API_QSTR("state", 16), API_QSTR("plan", 16)
static const struct api_field task_query[] = {TASK_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {TASK_FILTER, API_FIELDS_END};

static const struct api_field diff_query[] = {API_ID_FIELD("from", true), API_FIELDS_END};

static const struct api_field orgs_body[] = {
    API_IDS_FIELD("lead_org_ids", true, 100),
    API_IDS_FIELD("responsible_org_ids", true, 500),
    {NULL, 0, false, 0},
};

static const struct api_field office_body[] = {
    {"contact_name", API_STR, false, 60, NULL},
    {"contact_phone", API_STR, false, 40, NULL},
    {"deadline_date", API_STR, false, 10, NULL},
    {NULL, 0, false, 0, NULL},
};

static const struct api_field corrected_task[] = {
    {"items", API_INT_ARRAY, true, POLICY_EDIT_MAX_ITEMS, NULL, 0, POLICY_MAX_LINES},
    {"title", API_STR, false, POLICY_EDIT_TITLE_MAX_CPS * 4, NULL},
    {"body", API_STR, false, POLICY_MAX_BYTES, NULL},
    {"lead_org_ids", API_INT_ARRAY, false, POLICY_EDIT_MAX_ORGS, NULL, 1, API_ID_MAX},
    {"responsible_org_ids", API_INT_ARRAY, false, POLICY_EDIT_MAX_ORGS, NULL, 1, API_ID_MAX},
    {"deadline_text", API_STR, false, 200, NULL},
    {NULL, 0, false, 0, NULL},
};
/* the file's bytes in base64 (4 characters for 3 bytes) */
#define POLICY_SOURCE_B64_MAX ((POLICY_MAX_BYTES + 2) / 3 * 4)
static const struct api_field corrected_body[] = {
    {"source", API_STR, true, POLICY_SOURCE_B64_MAX, NULL},
    {"tasks", API_OBJ_ARRAY, true, POLICY_EDIT_MAX_TASKS, corrected_task},
    {NULL, 0, false, 0, NULL},
};
/* the source, and every task's body at most once more (a split's pieces share one item's) */
#define POLICY_CORRECTED_BODY_MAX (POLICY_SOURCE_B64_MAX + 2 * POLICY_MAX_BYTES)

const struct api_route api_task_routes[] = {
    {"GET", "/api/policies", policy_list, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {"POST", "/api/policies", import, PERM_POLICY_WRITE, API_UPLOAD, NULL, NULL, POLICY_MAX_BYTES},
    {"POST", "/api/policies/preview", preview, PERM_POLICY_WRITE, API_UPLOAD, NULL, NULL,
     POLICY_MAX_BYTES},
    {"POST", "/api/policies/corrected", import_corrected, PERM_POLICY_WRITE, 0, NULL,
     corrected_body, POLICY_CORRECTED_BODY_MAX},
    {"GET", "/api/policies/:id", policy_get, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {"GET", "/api/policies/:id/diff", policy_diff, PERM_TASK_READ, API_CACHED, diff_query, NULL},
    {"GET", "/api/tasks", task_list, PERM_TASK_READ, API_CACHED, task_query, NULL},
    {"GET", "/api/tasks/export.xlsx", task_export, PERM_TASK_READ, 0, export_query, NULL},
    {"GET", "/api/tasks/export.csv", task_export, PERM_TASK_READ, 0, export_query, NULL},
    {"GET", "/api/tasks/:id", task_get, PERM_TASK_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/tasks/:id", task_update, PERM_POLICY_WRITE, 0, NULL, office_body},
    {"PUT", "/api/tasks/:id/orgs", task_set_orgs, PERM_POLICY_WRITE, 0, NULL, orgs_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
