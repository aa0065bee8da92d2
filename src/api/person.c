/* person.c - the zones' rosters (art. 8-10): people with their identity, 档案职务 and 岗位职务
 * side by side, appointment, secondment, leaving and history, and the roster's .xlsx export.
 * A zone keeps its own roster (people_write, its data scope); everyone with people_read reads
 * within people_scope. The national ID number is validated here (core/people.h), sealed by the
 * store and shown masked unless the caller's organization holds read_personal. Must not write
 * SQL. */
#include "api/capability.h"
#include "api/export.h"
#include "api/people_impl.h"
#include "app/people_json.h"

#include "core/enums.h"
#include "core/personal.h"
#include "core/plan.h"
#include "store/store_people.h"

#include <string.h>

static int filter_from_query(struct api_ctx *c, struct store_person_filter *f, bool paged)
{
	memset(f, 0, sizeof(*f));
	if (people_scope(c, &f->scope) != 0)
		return -1;
	f->org_id = api_query_int(c, "org_id", 0);
	f->q = api_query_str(c, "q");
	f->identity = api_query_str(c, "identity");
	if (f->identity && !enum_valid(&enum_person_identity, f->identity))
		return api_error(c, 400, "invalid_parameter", "人员身份不在可选范围内", "identity");
	f->current = api_query_int(c, "current", 0) != 0;
	f->seconded = api_query_int(c, "seconded", 0) != 0;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_person_filter f;
	struct store_person *ps;
	int64_t total;
	int n, rc;

	if (filter_from_query(c, &f, true) != 0 || api_reveal_personal(c) != 0)
		return -1;
	if ((rc = store_person_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		people_json_person(&c->w, &ps[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* what a person row of the export needs */
struct person_export {
	struct export_table x;
	bool reveal; /* the ID number unmasked */
};

/* store_each_fn: one person as one row of the export */
static int export_row(void *ctx, const void *element)
{
	struct person_export *e = ctx;
	struct export_table *x = &e->x;
	const struct store_person *p = element;

	export_text(x, p->org_name);
	export_text(x, p->name);
	export_text(
	    x, personal_view(export_row_arena(x), PERSONAL_ID_NUMBER, p->id_number, e->reveal));
	export_text(x, enum_label(&enum_person_identity, p->identity));
	export_text(x, p->file_post);
	export_text(x, p->job_post);
	export_text(x, p->post_name);
	export_text(x, p->post_grade);
	export_text(x, enum_label(&enum_appointment, p->appointment));
	export_text(x, p->seconded ? "是" : "否");
	export_text(x, p->seconded_from);
	export_text(x, p->secondment_start);
	export_text(x, p->secondment_end);
	export_text(x, p->start_date);
	export_text(x, p->end_date);
	export_text(x, enum_label(&enum_person_end, p->end_kind));
	export_text(x, p->end_reason);
	export_end_row(x);
	return 0;
}

/* The roster as .xlsx or CSV, with the list's filters: written out one person at a time as the
 * store reads them. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "开发区", "姓名",     "身份证号码", "人员身份", "档案职务", "岗位职务",
	    "岗位",   "职级",     "任用方式",   "挂职",     "派出单位", "挂职起",
	    "挂职止", "到岗日期", "离开日期",   "离开方式", "原因"};
	static const double widths[] = {28, 10, 22, 14, 16, 16, 16, 10, 10,
	                                6,  20, 12, 12, 12, 12, 12, 24};
	struct store_person_filter f;
	struct person_export e;
	int rc;

	if (filter_from_query(c, &f, false) != 0 ||
	    api_org_may(c, CAP_READ_PERSONAL, &e.reveal) != 0 ||
	    export_begin(c, &e.x, "人员名册", headers, widths, 17) != 0)
		return -1;
	if ((rc = store_person_each(c->db, c->a, &f, export_row, &e)) != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.x, "人员名册");
}

/* The :id person within the caller's scope. */
static int load(struct api_ctx *c, struct store_person *p)
{
	struct store_scope scope;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0 || people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_person_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, &scope, p->org_id);
}

/* The :id person, for a write: within the caller's own data scope. */
static int load_own(struct api_ctx *c, struct store_person *p)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_person_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, NULL, p->org_id);
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_person p;
	int rc;

	if (api_reveal_personal(c) != 0)
		return -1;
	if ((rc = store_person_get(c->db, c->a, id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	people_json_person(&c->w, &p);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	struct store_person p;

	if (load(c, &p) != 0 || api_reveal_personal(c) != 0)
		return -1;
	people_json_person(&c->w, &p);
	return api_ok(c, 200);
}

static int history(struct api_ctx *c)
{
	struct store_person p;

	if (load(c, &p) != 0)
		return -1;
	return people_history(c, "person", p.id);
}

static bool valid_date(const char *s)
{
	return !s || (strlen(s) == 10 && plan_day(s) >= 0);
}

static int bad_date(struct api_ctx *c, const char *field)
{
	return api_error(c, 400, "invalid_value", "日期格式应为 YYYY-MM-DD", field);
}

/* Reads and checks the body's fields into p (org_id: the zone, for the post). keep: the ID
 * number a change keeps when the body has none (NULL for a new person). */
static int from_body(struct api_ctx *c, struct store_person *p, const char *keep)
{
	static const char *const dates[] = {"start_date", "secondment_start", "secondment_end"};
	char *typed = arena_alloc(c->a, PEOPLE_ID_LEN + 1);
	struct store_post post;
	int rc;

	p->name = api_body_str(c, "name");
	if (keep && !api_body_has(c, "id_number"))
		p->id_number = keep;
	else if (people_id_normalize(api_body_str(c, "id_number"), typed))
		p->id_number = typed;
	else
		return api_error(c, 400, "invalid_id_number",
		                 "身份证号码无效（应为18位，末位校验码按 GB 11643 计算）",
		                 "/id_number");
	p->identity = api_body_str(c, "identity");
	if (!enum_valid(&enum_person_identity, p->identity))
		return api_error(c, 400, "invalid_value", "人员身份不在可选范围内", "/identity");
	p->appointment = api_body_str(c, "appointment");
	if (!enum_valid(&enum_appointment, p->appointment))
		return api_error(c, 400, "invalid_value", "任用方式应为委任制或聘任制",
		                 "/appointment");
	p->file_post = api_body_str(c, "file_post");
	p->job_post = api_body_str(c, "job_post");
	p->approving_committee = api_body_str(c, "approving_committee");
	p->appointing_government = api_body_str(c, "appointing_government");
	p->seconded = api_body_bool(c, "seconded");
	p->seconded_from = api_body_str(c, "seconded_from");
	p->secondment_start = api_body_str(c, "secondment_start");
	p->secondment_end = api_body_str(c, "secondment_end");
	p->paid_by_zone = api_body_has(c, "paid_by_zone") ? api_body_bool(c, "paid_by_zone") : true;
	p->start_date = api_body_str(c, "start_date");
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (!valid_date(api_body_str(c, dates[i])))
			return bad_date(c, arena_printf(c->a, "/%s", dates[i]));
	if (p->seconded && (!p->seconded_from || !p->secondment_start))
		return api_error(c, 400, "missing_field", "挂职人员须写明派出单位和挂职开始日期",
		                 p->seconded_from ? "/secondment_start" : "/seconded_from");
	if (!p->seconded)
		p->seconded_from = p->secondment_start = p->secondment_end = NULL;
	if (p->seconded && people_secondment_check(p->secondment_start, p->secondment_end))
		return people_refuse(c, PEOPLE_SECONDMENT_ORDER, "/secondment_end");
	p->post_id = api_body_int(c, "post_id");
	if (!p->post_id)
		return 0;
	rc = store_post_get(c->db, c->a, p->post_id, &post);
	if (rc == KFQ_ENOTFOUND || (rc == KFQ_OK && post.org_id != p->org_id))
		return api_error(c, 400, "invalid_value", "岗位不属于该开发区", "/post_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (post.leader && !strcmp(p->appointment, "hired") &&
	    (!p->approving_committee || !p->appointing_government))
		return people_refuse(c, PEOPLE_HIRED_LEADER, "/approving_committee");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_person p = {0};
	enum people_rule rule;
	int rc;

	p.org_id = api_body_has(c, "org_id") ? api_body_int(c, "org_id") : c->sess.user.org_id;
	if (api_scope_check(c, NULL, p.org_id) != 0 ||
	    people_require_zone(c, p.org_id, "/org_id") != 0 || people_require_key(c) != 0 ||
	    from_body(c, &p, NULL) != 0)
		return -1;
	rc = store_person_create(c->db, &c->actor, &people_json_audit, &p, &rule);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule,
		                          rule == PEOPLE_TWO_POSTS ? "/id_number" : NULL);
	return answer(c, p.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_person cur, p = {0};
	enum people_rule rule;
	int rc;

	if (load_own(c, &cur) != 0 || people_require_key(c) != 0)
		return -1;
	p.id = cur.id;
	p.org_id = cur.org_id;
	if (!cur.id_number && !api_body_has(c, "id_number"))
		return api_error(c, 400, "missing_field", "请填写身份证号码", "/id_number");
	if (from_body(c, &p, cur.id_number) != 0)
		return -1;
	rc = store_person_update(c->db, &c->actor, &people_json_audit, &p, &rule);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule,
		                          rule == PEOPLE_TWO_POSTS ? "/id_number" : NULL);
	return answer(c, p.id, 200);
}

static int end(struct api_ctx *c)
{
	struct store_person p;
	enum people_rule rule;
	const char *kind = api_body_str(c, "kind"), *date = api_body_str(c, "date");
	const char *reason = api_body_str(c, "reason");
	int rc;

	if (load_own(c, &p) != 0)
		return -1;
	if (!enum_valid(&enum_person_end, kind))
		return api_error(c, 400, "invalid_value",
		                 "离开方式应为退回原单位、挂职期满返回或调离", "/kind");
	if (!valid_date(date))
		return bad_date(c, "/date");
	/* gone means gone now: the place and the ID number are free from the record on, so a
	 * leaving is recorded on or after its day (DECISIONS 298) */
	if (plan_day(date) > plan_today(c->now))
		return api_error(c, 400, "invalid_value",
		                 "离开日期不能晚于今天，请在人员离开后登记", "/date");
	if (!strcmp(kind, "returned") && !reason)
		return api_error(c, 400, "missing_field", "退回原单位须写明原因", "/reason");
	if (!strcmp(kind, "secondment_over") && !p.seconded)
		return api_error(c, 409, "invalid_state", "该人员不是挂职人员", "/kind");
	rc =
	    store_person_end(c->db, &c->actor, &people_json_audit, p.id, kind, date, reason, &rule);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule, "/date");
	return answer(c, p.id, 200);
}

static int retain(struct api_ctx *c)
{
	struct store_person p;
	enum people_rule rule;
	const char *date = api_body_str(c, "date");
	int rc;

	if (load_own(c, &p) != 0)
		return -1;
	if (!valid_date(date))
		return bad_date(c, "/date");
	rc = store_person_retain(c->db, &c->actor, &people_json_audit, p.id, date, &rule);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该人员不是在册的挂职人员", NULL);
	if (rc != KFQ_OK)
		return people_store_error(c, rc, rule, "/date");
	return answer(c, p.id, 200);
}

#define PERSON_FILTER                                                                              \
	API_ID_FIELD("org_id", false), API_QSTR("q", 50), API_QSTR("identity", 32),                \
	    API_INT_FIELD("current", false, 0, 1), API_INT_FIELD("seconded", false, 0, 1)
static const struct api_field list_query[] = {PERSON_FILTER, API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {PERSON_FILTER, API_FIELDS_END};

#define PERSON_FIELDS                                                                              \
	{"name", API_STR, true, 50}, {"identity", API_STR, true, 32},                              \
	    {"file_post", API_STR, false, 100}, {"job_post", API_STR, false, 100},                 \
	    API_ID_FIELD("post_id", false), {"appointment", API_STR, true, 16},                    \
	    {"approving_committee", API_STR, false, 100},                                          \
	    {"appointing_government", API_STR, false, 100}, {"seconded", API_BOOL, false, 0},      \
	    {"seconded_from", API_STR, false, 100}, {"secondment_start", API_STR, false, 10},      \
	    {"secondment_end", API_STR, false, 10}, {"paid_by_zone", API_BOOL, false, 0},          \
	{                                                                                          \
		"start_date", API_STR, true, 10                                                    \
	}
static const struct api_field create_body[] = {
    API_ID_FIELD("org_id", false), {"id_number", API_STR, true, 18}, PERSON_FIELDS, API_FIELDS_END};
/* a change without id_number keeps the number on record */
static const struct api_field update_body[] = {
    {"id_number", API_STR, false, 18}, PERSON_FIELDS, API_FIELDS_END};
static const struct api_field end_body[] = {
    {"kind", API_STR, true, 32},
    {"date", API_STR, true, 10},
    {"reason", API_STR, false, 1000},
    API_FIELDS_END,
};
static const struct api_field retain_body[] = {{"date", API_STR, true, 10}, API_FIELDS_END};

const struct api_route api_person_routes[] = {
    {"GET", "/api/people", list, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"GET", "/api/people/export.xlsx", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"GET", "/api/people/export.csv", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"POST", "/api/people", create, PERM_PEOPLE_WRITE, 0, NULL, create_body},
    {"GET", "/api/people/:id", get, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"GET", "/api/people/:id/history", history, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"PUT", "/api/people/:id", update, PERM_PEOPLE_WRITE, 0, NULL, update_body},
    {"POST", "/api/people/:id/end", end, PERM_PEOPLE_WRITE, 0, NULL, end_body},
    {"POST", "/api/people/:id/retain", retain, PERM_PEOPLE_WRITE, 0, NULL, retain_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
