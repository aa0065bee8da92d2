/* fault.c - 容错免责 (art. 18): the office (fault_manage) registers a case about a unit or a
 * person, answers the three conditions with evidence files and publishes decided cases to the
 * case library; an organization holding decide_fault (市纪委监委 with 市委组织部 by default)
 * decides them (fault_decide): the office administers cases and never decides them, whatever
 * its organization holds. Cases are read within fault_scope; the library is public and holds
 * only redacted texts. Must not write SQL nor judge a case (core/fault.c does). */
#include "api/attachment.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/people_impl.h"
#include "api/todo.h"
#include "app/fault_json.h"

#include "core/enums.h"
#include "store/store_org.h"

#include <jansson.h>
#include <string.h>

/* The cases the caller reads: as people_scope, and every case for an organization holding
 * decide_fault. */
static int fault_scope(struct api_ctx *c, struct store_scope *out)
{
	bool may;

	if (people_scope(c, out) != 0 || api_org_may(c, CAP_DECIDE_FAULT, &may) != 0)
		return -1;
	if (may)
		out->kind = "all";
	return 0;
}

static int load(struct api_ctx *c, int64_t id, struct store_fault_case *x)
{
	struct store_scope scope;
	int rc;

	if (fault_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_fault_get(c->db, c->a, id, x)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, &scope, x->org_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_fault_case x;
	int rc;

	if ((rc = store_fault_get(c->db, c->a, id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	fault_json_case(&c->w, &x);
	return api_ok(c, status);
}

static int filter_of(struct api_ctx *c, struct store_fault_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (fault_scope(c, &f->scope) != 0)
		return -1;
	f->org_id = api_query_int(c, "org_id", 0);
	f->status = api_query_str(c, "status");
	if (f->status && strcmp(f->status, "open") != 0 && strcmp(f->status, "decided") != 0)
		return api_error(c, 400, "invalid_value",
		                 "状态应为 open（办理中）或 decided（已认定）", "status");
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_fault_filter f;
	struct store_fault_case *xs;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f) != 0)
		return -1;
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_fault_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		fault_json_case(&c->w, &xs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static const char *met_label(int met)
{
	return met < 0 ? "未认定" : met ? "符合" : "不符合";
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "案件",       "对象",         "开发区（单位）", "当事人",   "符合决策程序", "勤勉尽责",
	    "未谋取私利", "三个区分开来", "状态",           "认定结果", "认定单位",     "认定时间",
	    "影响"};
	static const double widths[] = {30, 8, 30, 12, 12, 10, 10, 36, 10, 10, 16, 22, 16};
	struct store_fault_filter f;
	struct store_fault_case *xs;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f) != 0)
		return -1;
	if ((rc = store_fault_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "容错免责案件", headers, widths, 13))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_fault_case *k = &xs[i];
		const struct fault_distinction *d = fault_distinction_find(k->distinction);
		export_text(&x, k->title);
		export_text(&x, strcmp(k->subject_kind, "person") ? "单位" : "个人");
		export_text(&x, k->org_name);
		export_text(&x, k->person_name ? k->person_name : "");
		for (int j = 0; j < 3; j++)
			export_text(&x, met_label(k->cond[j].met));
		export_text(&x, d ? d->label : "");
		export_text(&x, strcmp(k->status, "open") ? "已认定" : "办理中");
		export_text(&x, k->decision ? enum_label(&enum_fault_decision, k->decision) : "");
		export_text(&x, k->decided_org_name ? k->decided_org_name : "");
		export_time(&x, k->decided_at);
		export_text(&x, enum_label(&enum_fault_effect, k->effect));
		export_end_row(&x);
	}
	return export_finish(c, &x, "容错免责案件");
}

static int get(struct api_ctx *c)
{
	struct store_fault_case x;
	int64_t id;

	if (api_path_id(c, &id) != 0 || load(c, id, &x) != 0)
		return -1;
	fault_json_case(&c->w, &x);
	return api_ok(c, 200);
}

static const char *const cond_names[3] = {"procedure", "diligence", "no_gain"};

/* The body's case into x; 0, or -1 after answering. */
static int read_case(struct api_ctx *c, struct store_fault_case *x)
{
	int n, rc;
	const char **names;

	x->title = api_body_str(c, "title");
	x->subject_kind = api_body_str(c, "subject_kind");
	x->org_id = api_body_int(c, "org_id");
	x->person_id = api_body_has(c, "person_id") ? api_body_int(c, "person_id") : 0;
	x->happened = api_body_str(c, "happened");
	x->source_decision = api_body_str(c, "source_decision");
	if (strcmp(x->subject_kind, "unit") != 0 && strcmp(x->subject_kind, "person") != 0)
		return api_error(c, 400, "invalid_value", "对象应为 unit（单位）或 person（个人）",
		                 "/subject_kind");
	if (!strcmp(x->subject_kind, "person") != (x->person_id != 0))
		return api_error(c, 400, "invalid_value",
		                 "针对个人的案件须选择名册中的人员，针对单位的案件不选人员",
		                 "/person_id");
	rc = store_org_exists(c->db, x->org_id);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "单位不存在", "/org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < 3; i++) {
		const char *v = api_body_str(c, cond_names[i]);
		struct store_fault_condition *k = &x->cond[i];
		k->met = !v ? -1 : !strcmp(v, "met") ? 1 : !strcmp(v, "not_met") ? 0 : -2;
		if (k->met == -2)
			return api_error(c, 400, "invalid_value",
			                 "条件认定应为 met（符合）或 not_met（不符合）",
			                 arena_printf(c->a, "/%s", cond_names[i]));
		k->note = api_body_str(c, arena_printf(c->a, "%s_note", cond_names[i]));
		k->add = api_body_ints(c, arena_printf(c->a, "%s_files", cond_names[i]), &k->nadd);
	}
	x->distinction = api_body_str(c, "distinction");
	if (x->distinction && !fault_distinction_find(x->distinction))
		return api_error(c, 400, "invalid_value", "“三个区分开来”的情形不在规定范围内",
		                 "/distinction");
	names = api_body_strs(c, "redact_names", &n);
	x->redact_names = NULL;
	for (int i = 0; i < n; i++)
		x->redact_names = x->redact_names
		                      ? arena_printf(c->a, "%s\n%s", x->redact_names, names[i])
		                      : names[i];
	return 0;
}

static int save_error(struct api_ctx *c, int rc)
{
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value",
		                 "当事人须是该开发区名册中的人员，证明材料须是本单位为该项条件上传"
		                 "且未使用的文件",
		                 NULL);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "案件已作出认定，不能再修改", NULL);
	return api_store_error(c, rc);
}

static int create(struct api_ctx *c)
{
	struct store_fault_case x = {0};
	int rc;

	if (read_case(c, &x) != 0)
		return -1;
	rc = store_fault_save(c->db, &c->actor, &fault_json_audit, &x, c->sess.user.org_id);
	if (rc != KFQ_OK)
		return save_error(c, rc);
	return answer(c, x.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_fault_case x = {0}, old;
	int rc;

	if (api_path_id(c, &x.id) != 0 || load(c, x.id, &old) != 0 || read_case(c, &x) != 0)
		return -1;
	rc = store_fault_save(c->db, &c->actor, &fault_json_audit, &x, c->sess.user.org_id);
	if (rc != KFQ_OK)
		return save_error(c, rc);
	return answer(c, x.id, 200);
}

static int decide(struct api_ctx *c)
{
	struct store_fault_case x;
	const char *decision = api_body_str(c, "decision"), *effect = api_body_str(c, "effect");
	int year = (int)api_body_int(c, "effect_year");
	enum fault_rule rule;
	int64_t id;
	int rc;

	if (api_require_capability(c, CAP_DECIDE_FAULT) != 0 || api_path_id(c, &id) != 0 ||
	    load(c, id, &x) != 0)
		return -1;
	if (!enum_valid(&enum_fault_decision, decision))
		return api_error(
		    c, 400, "invalid_value",
		    "认定结果应为 exempt（免责）、reduced（减责）或 refused（不予免责）",
		    "/decision");
	if (effect && !enum_valid(&enum_fault_effect, effect))
		return api_error(c, 400, "invalid_value",
		                 "影响应为 none、waive_deduction（考核不予扣分）或 "
		                 "leader_kept（领导干部不予调整）",
		                 "/effect");
	if (effect && strcmp(effect, "none") != 0 && !year)
		return api_error(c, 400, "missing_field", "须写明影响所涉的考核年度",
		                 "/effect_year");
	rc = store_fault_decide(c->db, &c->actor, &fault_json_audit, id, c->sess.user.org_id,
	                        decision, api_body_str(c, "reason"), effect, year,
	                        api_body_str(c, "effect_note"), &rule);
	if (rc == KFQ_EINVAL)
		return api_error(c, 409, fault_rule_code(rule), fault_rule_message(rule), NULL);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "案件已作出认定", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id, 200);
}

static int publish(struct api_ctx *c)
{
	struct store_fault_case x;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || load(c, id, &x) != 0)
		return -1;
	rc =
	    store_fault_publish(c->db, &c->actor, &fault_json_audit, id, api_body_str(c, "lesson"));
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 "只有已认定且尚未发布的案件才能编入案例库", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id, 200);
}

static int library(struct api_ctx *c)
{
	struct store_fault_entry *es;
	int64_t offset, limit, total;
	int n, rc;

	api_query_page(c, &offset, &limit);
	if ((rc = store_fault_library(c->db, c->a, offset, limit, &es, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		fault_json_entry(&c->w, &es[i]);
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

static int entry(struct api_ctx *c)
{
	struct store_fault_entry e;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_fault_entry_get(c->db, c->a, id, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	fault_json_entry(&c->w, &e);
	return api_ok(c, 200);
}

static int case_files(struct api_ctx *c, int64_t id)
{
	struct store_fault_case x;

	return load(c, id, &x);
}

const struct api_attachment_kind api_fault_attachment_kinds[] = {
    {"fault_procedure", "容错免责·符合决策程序", PERM_FAULT_MANAGE, PERM_PEOPLE_READ, case_files},
    {"fault_diligence", "容错免责·勤勉尽责", PERM_FAULT_MANAGE, PERM_PEOPLE_READ, case_files},
    {"fault_no_gain", "容错免责·未谋取私利", PERM_FAULT_MANAGE, PERM_PEOPLE_READ, case_files},
    {NULL, NULL, 0, 0, NULL},
};

#define TEXT(name, req, max)                                                                       \
	{                                                                                          \
		name, API_STR, req, max                                                            \
	}
#define COND(name)                                                                                 \
	TEXT(name, false, 16), TEXT(name "_note", false, 4000),                                    \
	    API_IDS_FIELD(name "_files", false, 20)
static const struct api_field list_query[] = {API_ID_FIELD("org_id", false), API_QSTR("status", 16),
                                              API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {API_ID_FIELD("org_id", false),
                                                API_QSTR("status", 16), API_FIELDS_END};
static const struct api_field page_query[] = {API_QPAGE, API_FIELDS_END};
static const struct api_field case_body[] = {TEXT("title", true, 200),
                                             TEXT("subject_kind", true, 16),
                                             API_ID_FIELD("org_id", true),
                                             API_ID_FIELD("person_id", false),
                                             TEXT("happened", true, 8000),
                                             TEXT("source_decision", true, 2000),
                                             COND("procedure"),
                                             COND("diligence"),
                                             COND("no_gain"),
                                             TEXT("distinction", false, 40),
                                             {"redact_names", API_STR_ARRAY, false, 50},
                                             API_FIELDS_END};
static const struct api_field decide_body[] = {
    TEXT("decision", true, 16),       TEXT("reason", true, 4000),
    TEXT("effect", false, 32),        API_INT_FIELD("effect_year", false, 2000, 2100),
    TEXT("effect_note", false, 2000), API_FIELDS_END};
static const struct api_field publish_body[] = {TEXT("lesson", false, 4000), API_FIELDS_END};

const struct api_route api_fault_routes[] = {
    {"GET", "/api/fault-cases", list, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"GET", "/api/fault-cases/export.xlsx", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"GET", "/api/fault-cases/export.csv", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"POST", "/api/fault-cases", create, PERM_FAULT_MANAGE, 0, NULL, case_body},
    {"GET", "/api/fault-cases/:id", get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"PUT", "/api/fault-cases/:id", update, PERM_FAULT_MANAGE, 0, NULL, case_body},
    {"POST", "/api/fault-cases/:id/decide", decide, PERM_FAULT_DECIDE, 0, NULL, decide_body},
    {"POST", "/api/fault-cases/:id/publish", publish, PERM_FAULT_MANAGE, 0, NULL, publish_body},
    {"GET", "/api/public/fault-library", library, 0, API_PUBLIC, page_query, NULL},
    {"GET", "/api/public/fault-library/:id", entry, 0, API_PUBLIC, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* 我的待办 (api/todo.h): the open cases, for the organizations that decide them (the office
 * registers cases but never decides them). */
static int to_decide(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_fault_filter f = {.status = "open", .limit = 1};
	struct store_fault_case *xs;
	int n, rc;

	out->link = "/fault-cases?status=open";
	out->level = "warning";
	if (fault_scope(c, &f.scope) != 0)
		return -1;
	if ((rc = store_fault_list(c->db, c->a, &f, &xs, &n, &out->count)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_todo api_fault_todos[] = {
    {.key = "fault_cases_to_decide",
     .label = "待认定的容错免责案件",
     .perm = PERM_FAULT_DECIDE,
     .capability = "decide_fault",
     .fill = to_decide},
    {.key = NULL},
};
