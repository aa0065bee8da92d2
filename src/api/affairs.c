/* affairs.c - the powers module's tracked items: social-affairs functions a zone hands over to
 * its local government (art. 2; the zone or its county keeps them, with the evidence as files
 * of the shared attachment mechanism and a note; the board shows zones by progress); the
 * 高效办成一件事 key matters and the problems enterprises report (art. 4; recorded by the
 * organization holding publish_power_list, answered by the handling organization, closed by the
 * recorder, followed by the enterprise with a query code on a public route); the rules each
 * department must adjust (art. 17); the module's board, and its share of the office's 督导看板
 * (powers_board.h). Must not write SQL. */
#include "api/attachment.h"
#include "api/capability.h"
#include "api/export.h"
#include "api/power_impl.h"
#include "api/powers_board.h"
#include "app/affairs_json.h"

#include "core/affairs.h"
#include "core/enums.h"
#include "core/plan.h"
#include "core/power.h"
#include "store/store_affairs.h"
#include "store/store_org.h"

#include <sodium.h>
#include <string.h>

static int filter_of(struct api_ctx *c, struct store_affairs_filter *f, const char *org_param,
                     const struct enum_table *statuses, enum capability wide, bool paged)
{
	memset(f, 0, sizeof(*f));
	f->status = api_query_str(c, "status");
	if (f->status && !enum_valid(statuses, f->status))
		return api_error(c, 400, "invalid_parameter", "状态无效", "status");
	f->org_id = api_query_int(c, org_param, 0);
	if (power_scope(c, wide, &f->scope) != 0)
		return -1;
	if (paged)
		api_query_page(c, &f->offset, &f->limit);
	return 0;
}

static int today(struct api_ctx *c, char out[11])
{
	plan_day_format(plan_today(c->now), out);
	return 0;
}

/* ---- social affairs ---- */

#define SOCIAL_MAX_FILES 20

/* The entry's evidence files, for the answer. */
/* The evidence files of the entries x[0..n), read in one statement whatever n. */
static int social_files(struct api_ctx *c, struct store_social *x, int n)
{
	struct store_attachment **fs;
	int64_t *ids;
	int *counts, rc;

	if (n == 0)
		return 0;
	ids = arena_alloc(c->a, (size_t)n * sizeof(*ids));
	fs = arena_alloc(c->a, (size_t)n * sizeof(*fs));
	counts = arena_alloc(c->a, (size_t)n * sizeof(*counts));
	for (int i = 0; i < n; i++)
		ids[i] = x[i].id;
	if ((rc = store_attachment_list_many(c->db, c->a, "social_affair", ids, n, fs, counts)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++) {
		x[i].files = fs[i];
		x[i].nfiles = counts[i];
		x[i].with_files = true;
	}
	return 0;
}

/* An entry's files are read by whoever reads the entry: its zone (or the zone's county, by the
 * data scope), the office and supervisors, the list's publisher. */
static int social_may_read(struct api_ctx *c, int64_t id)
{
	struct store_social x;
	int rc;

	if ((rc = store_social_get(c->db, c->a, id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	return power_readable(c, CAP_PUBLISH_POWER_LIST, x.zone_org_id, x.zone_org_id);
}

const struct api_attachment_kind api_powers_attachment_kinds[] = {
    {"social_affair", "社会事务剥离·移交依据", PERM_POWER_WRITE, PERM_POWER_READ, social_may_read},
    {NULL, NULL, 0, 0, NULL},
};

static int social_list(struct api_ctx *c)
{
	struct store_affairs_filter f;
	struct store_social *xs;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f, "zone_org_id", &enum_social_status, CAP_PUBLISH_POWER_LIST, true) != 0)
		return -1;
	if ((rc = store_social_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (social_files(c, xs, n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		affairs_json_social(&c->w, &xs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int social_export(struct api_ctx *c)
{
	static const char *const headers[] = {"开发区",   "类别",     "社会事务职能", "接收单位",
	                                      "目标日期", "移交状态", "移交依据",     "更新时间"};
	static const double widths[] = {30, 10, 30, 30, 12, 14, 40, 22};
	struct store_affairs_filter f;
	struct store_social *xs;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f, "zone_org_id", &enum_social_status, CAP_PUBLISH_POWER_LIST, false) !=
	    0)
		return -1;
	if ((rc = store_social_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "社会事务剥离", headers, widths, 8) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_text(&x, xs[i].zone_name);
		export_text(&x, enum_label(&enum_social_category, xs[i].category));
		export_text(&x, xs[i].name);
		export_text(&x, xs[i].receiving_body);
		export_text(&x, xs[i].target_date);
		export_text(&x, enum_label(&enum_social_status, xs[i].status));
		export_text(&x, xs[i].evidence);
		export_time(&x, xs[i].updated_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "社会事务剥离");
}

static int social_save(struct api_ctx *c, int64_t id)
{
	struct store_social x = {0};
	struct store_org z;
	int rc;

	if (id) {
		if ((rc = store_social_get(c->db, c->a, id, &x)) != KFQ_OK)
			return api_store_error(c, rc);
	} else {
		x.zone_org_id = api_body_int(c, "zone_org_id");
	}
	rc = store_org_get(c->db, c->a, x.zone_org_id, &z);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return api_store_error(c, rc);
	if (rc == KFQ_ENOTFOUND || strcmp(z.type, "zone") != 0)
		return api_error(c, 400, "invalid_value", "应选择一个开发区", "/zone_org_id");
	if (c->sess.user.org_id != z.id && c->sess.user.org_id != z.parent_id)
		return id ? api_error(c, 404, "not_found", "记录不存在", NULL)
		          : api_error(c, 403, "forbidden", "社会事务由开发区或其所在县区填报",
		                      NULL);
	x.id = id;
	x.category = api_body_str(c, "category");
	x.status = api_body_str(c, "status");
	if (!enum_valid(&enum_social_category, x.category))
		return api_error(c, 400, "invalid_value", "类别应为社区管理、教育、卫生、民政等",
		                 "/category");
	if (!enum_valid(&enum_social_status, x.status))
		return api_error(c, 400, "invalid_value", "移交状态无效", "/status");
	if (power_need(c, "name", "请填写社会事务职能", &x.name) != 0 ||
	    power_date(c, "target_date", &x.target_date) != 0)
		return -1;
	x.receiving_body = api_body_str(c, "receiving_body");
	x.evidence = api_body_str(c, "evidence");
	x.file_ids = api_body_ints(c, "attachment_ids", &x.nfile_ids);
	if (id && social_files(c, &x, 1) != 0)
		return -1;
	if (x.nfiles + x.nfile_ids > SOCIAL_MAX_FILES)
		return api_error(c, 400, "invalid_value", "移交依据文件最多20个",
		                 "/attachment_ids");
	if (strcmp(x.status, "carrying") != 0 && (!x.receiving_body || !*x.receiving_body))
		return api_error(c, 400, "missing_field", "制定移交计划后请填写接收单位",
		                 "/receiving_body");
	if (strcmp(x.status, "carrying") != 0 && !x.target_date)
		return api_error(c, 400, "missing_field", "制定移交计划后请填写目标日期",
		                 "/target_date");
	if (!strcmp(x.status, "handed_over") && (!x.evidence || !*x.evidence) &&
	    x.nfiles + x.nfile_ids == 0)
		return api_error(c, 400, "missing_field",
		                 "已移交的职能请上传移交依据（文件或协议）或填写说明", "/evidence");
	rc = store_social_save(c->db, &c->actor, &affairs_json_audit, &x);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "name_taken", "该开发区已列有同名的社会事务职能", "/name");
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value", "附件无效或已被使用，请重新上传",
		                 "/attachment_ids");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_social_get(c->db, c->a, x.id, &x)) != KFQ_OK || social_files(c, &x, 1) != 0)
		return rc != KFQ_OK ? api_store_error(c, rc) : -1;
	affairs_json_social(&c->w, &x);
	return api_ok(c, id ? 200 : 201);
}

static int social_create(struct api_ctx *c)
{
	return social_save(c, 0);
}

static int social_update(struct api_ctx *c)
{
	int64_t id;

	return api_path_id(c, &id) != 0 ? -1 : social_save(c, id);
}

/* ---- key matters ---- */

static int matter_list(struct api_ctx *c)
{
	struct store_matter *ms;
	int n, rc;

	if ((rc = store_matter_list(c->db, c->a, &ms, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		affairs_json_matter(&c->w, &ms[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int matter_save(struct api_ctx *c, int64_t id)
{
	struct store_matter m = {0};
	int rc, n;
	int64_t *ids;

	if (api_require_capability(c, CAP_PUBLISH_POWER_LIST) != 0)
		return -1;
	if (id && (rc = store_matter_get(c->db, c->a, id, &m)) != KFQ_OK)
		return api_store_error(c, rc);
	m.id = id;
	m.lead_org_id = c->sess.user.org_id;
	if (power_need(c, "name", "请填写重点事项名称", &m.name) != 0 ||
	    power_need(c, "steps", "请填写办理环节", &m.steps) != 0)
		return -1;
	m.promised_days = api_body_int(c, "promised_days");
	ids = api_body_ints(c, "power_ids", &n);
	if (n < 1)
		return api_error(c, 400, "missing_field", "请选择该事项涉及的权力事项",
		                 "/power_ids");
	for (int i = 0; i < n; i++)
		for (int k = 0; k < i; k++)
			if (ids[k] == ids[i])
				return api_error(c, 400, "invalid_value", "权力事项重复",
				                 "/power_ids");
	m.power_ids = ids;
	m.npowers = n;
	rc = store_matter_save(c->db, &c->actor, &affairs_json_audit, &m);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "name_taken", "已有同名的重点事项", "/name");
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "所选权力事项不存在", "/power_ids");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_matter_get(c->db, c->a, m.id, &m)) != KFQ_OK)
		return api_store_error(c, rc);
	affairs_json_matter(&c->w, &m);
	return api_ok(c, id ? 200 : 201);
}

static int matter_create(struct api_ctx *c)
{
	return matter_save(c, 0);
}

static int matter_update(struct api_ctx *c)
{
	int64_t id;

	return api_path_id(c, &id) != 0 ? -1 : matter_save(c, id);
}

static int matter_export(struct api_ctx *c)
{
	static const char *const headers[] = {"重点事项", "牵头单位",           "涉及权力事项",
	                                      "涉及部门", "承诺时限（工作日）", "办理环节"};
	static const double widths[] = {30, 20, 50, 40, 12, 50};
	struct store_matter *ms;
	struct export_table x;
	int n, rc;

	if ((rc = store_matter_list(c->db, c->a, &ms, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "高效办成一件事", headers, widths, 6) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct strbuf powers = STRBUF_INIT, depts = STRBUF_INIT;
		for (int k = 0; k < ms[i].npowers; k++)
			strbuf_addf(&powers, "%s%s", k ? "、" : "", ms[i].power_names[k]);
		for (int k = 0; k < ms[i].ndepts; k++)
			strbuf_addf(&depts, "%s%s", k ? "、" : "", ms[i].dept_names[k]);
		export_text(&x, ms[i].name);
		export_text(&x, ms[i].lead_name);
		export_text(&x, powers.buf);
		export_text(&x, depts.buf);
		export_int(&x, ms[i].promised_days);
		export_text(&x, ms[i].steps);
		export_end_row(&x);
		strbuf_release(&powers);
		strbuf_release(&depts);
	}
	return export_finish(c, &x, "高效办成一件事重点事项清单");
}

/* ---- reported problems ---- */

static void code_hash(const char *normalized, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)normalized, strlen(normalized));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int problem_list(struct api_ctx *c)
{
	struct store_affairs_filter f;
	struct store_problem *ps;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f, "handler_org_id", &enum_problem_status, CAP_PUBLISH_POWER_LIST,
	              true) != 0 ||
	    api_reveal_personal(c) != 0)
		return -1;
	if ((rc = store_problem_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		affairs_json_problem(&c->w, &ps[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int problem_export(struct api_ctx *c)
{
	static const char *const headers[] = {
	    "编号", "企业",     "重点事项", "开发区", "来源",     "问题",     "承办单位",
	    "状态", "答复期限", "是否逾期", "答复",   "反映时间", "答复时间", "办结时间"};
	static const double widths[] = {8, 30, 24, 24, 8, 40, 20, 10, 12, 8, 40, 22, 22, 22};
	struct store_affairs_filter f;
	struct store_problem *ps;
	struct export_table x;
	int64_t total, day = plan_today(c->now);
	int n, rc;

	if (filter_of(c, &f, "handler_org_id", &enum_problem_status, CAP_PUBLISH_POWER_LIST,
	              false) != 0)
		return -1;
	if ((rc = store_problem_list(c->db, c->a, &f, &ps, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "堵点卡点问题", headers, widths, 14) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_problem *p = &ps[i];
		export_int(&x, p->id);
		export_text(&x, p->enterprise);
		export_text(&x, p->matter_name);
		export_text(&x, p->zone_name);
		export_text(&x, enum_label(&enum_problem_source, p->source));
		export_text(&x, p->description);
		export_text(&x, p->handler_name);
		export_text(&x, enum_label(&enum_problem_status, p->status));
		export_text(&x, p->due_date);
		export_text(&x, affairs_overdue(p->due_date, strcmp(p->status, "open") != 0, day)
		                    ? "是"
		                    : "否");
		export_text(&x, p->answer);
		export_time(&x, p->reported_at);
		export_time(&x, p->answered_at);
		export_time(&x, p->closed_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "堵点卡点问题");
}

static int problem_load(struct api_ctx *c, struct store_problem *p)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_problem_get(c->db, c->a, id, p)) != KFQ_OK)
		return api_store_error(c, rc);
	return power_readable(c, CAP_PUBLISH_POWER_LIST, p->handler_org_id, p->reporter_org_id);
}

static int problem_get(struct api_ctx *c)
{
	struct store_problem p;

	if (problem_load(c, &p) != 0 || api_reveal_personal(c) != 0)
		return -1;
	affairs_json_problem(&c->w, &p);
	return api_ok(c, 200);
}

/* The answer is due within PROBLEM_ANSWER_DAYS working days, or the matter's promise if fewer. */
static int problem_due(struct api_ctx *c, int64_t matter_days, char out[11])
{
	struct workday_calendar cal;
	int64_t due;
	int days = PROBLEM_ANSWER_DAYS;

	if (matter_days > 0 && matter_days < days)
		days = (int)matter_days;
	if (power_calendar(c, &cal) != 0)
		return -1;
	if (workday_add(&cal, plan_today(c->now), days, &due) != 0)
		return api_error(
		    c, 400, "outside_calendar",
		    "工作日历尚未录入下一年度的节假日安排，不能推算答复期限，请联系改革办", NULL);
	plan_day_format(due, out);
	return 0;
}

static int problem_create(struct api_ctx *c)
{
	struct store_problem p = {0};
	struct store_matter m;
	struct store_org o;
	unsigned char rnd[PROBLEM_CODE_BYTES];
	char shown[PROBLEM_CODE_SHOWN], norm[PROBLEM_CODE_CHARS + 1], hash[65], due[11];
	int rc;

	if (api_require_capability(c, CAP_PUBLISH_POWER_LIST) != 0)
		return -1;
	p.matter_id = api_body_int(c, "matter_id");
	p.zone_org_id = api_body_int(c, "zone_org_id");
	p.handler_org_id = api_body_int(c, "handler_org_id");
	p.reporter_org_id = c->sess.user.org_id;
	p.source = api_body_str(c, "source");
	if (!enum_valid(&enum_problem_source, p.source))
		return api_error(c, 400, "invalid_value", "来源应为热线、走访或其他渠道",
		                 "/source");
	if (power_need(c, "enterprise", "请填写反映问题的企业", &p.enterprise) != 0 ||
	    power_need(c, "description", "请填写问题内容", &p.description) != 0)
		return -1;
	p.contact_phone = api_body_str(c, "contact_phone");
	if (p.contact_phone && !*p.contact_phone)
		p.contact_phone = NULL;
	if (p.contact_phone && !account_phone_valid(p.contact_phone))
		return api_error(c, 400, "invalid_value", "联系电话格式不正确", "/contact_phone");
	m.promised_days = 0;
	if (p.matter_id && (rc = store_matter_get(c->db, c->a, p.matter_id, &m)) != KFQ_OK)
		return rc == KFQ_ENOTFOUND
		           ? api_error(c, 400, "invalid_value", "重点事项不存在", "/matter_id")
		           : api_store_error(c, rc);
	rc = store_org_exists(c->db, p.handler_org_id);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "承办单位不存在", "/handler_org_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (p.zone_org_id) {
		rc = store_org_get(c->db, c->a, p.zone_org_id, &o);
		if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
			return api_store_error(c, rc);
		if (rc == KFQ_ENOTFOUND || strcmp(o.type, "zone") != 0)
			return api_error(c, 400, "invalid_value", "应选择一个开发区",
			                 "/zone_org_id");
	}
	if (problem_due(c, m.promised_days, due) != 0)
		return -1;
	p.due_date = due;
	randombytes_buf(rnd, sizeof(rnd));
	problem_code_make(rnd, shown);
	if (problem_code_normalize(shown, norm) != 0)
		fatal("problem code %s does not read back", shown);
	code_hash(norm, hash);
	sodium_memzero(rnd, sizeof(rnd));
	if ((rc = store_problem_create(c->db, &c->actor, &affairs_json_audit, &p, hash)) != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_problem_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	if (api_reveal_personal(c) != 0)
		return -1;
	/* the code is shown this once; only its hash is kept */
	http_resp_header(c->req, "Cache-Control", "no-store");
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "problem");
	affairs_json_problem(&c->w, &p);
	jsonw_kstr(&c->w, "query_code", shown);
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
}

static int problem_act(struct api_ctx *c, enum problem_action act)
{
	struct store_problem p;
	const char *text = NULL, *status;
	int rc;

	if (problem_load(c, &p) != 0)
		return -1;
	if (act == PROBLEM_ANSWER) {
		if (c->sess.user.org_id != p.handler_org_id)
			return api_error(c, 403, "forbidden", "只有承办单位才能答复", NULL);
		if (power_need(c, "answer", "请填写答复内容", &text) != 0)
			return -1;
	} else {
		if (c->sess.user.org_id != p.reporter_org_id)
			return api_error(c, 403, "forbidden",
			                 "只有登记该问题的单位才能办结或重新办理", NULL);
		if (power_need(c, "note",
		               act == PROBLEM_CLOSE ? "请填写办结说明（企业是否满意）"
		                                    : "请填写重新办理的理由",
		               &text) != 0)
			return -1;
	}
	rc = store_problem_act(c->db, c->a, &c->actor, &affairs_json_audit, p.id, act, text,
	                       &status);
	if (rc == KFQ_EBUSY)
		return api_error(c, 409, "invalid_state", problem_refusal(status, act), NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_problem_get(c->db, c->a, p.id, &p)) != KFQ_OK)
		return api_store_error(c, rc);
	if (api_reveal_personal(c) != 0)
		return -1;
	affairs_json_problem(&c->w, &p);
	return api_ok(c, 200);
}

static int problem_answer(struct api_ctx *c)
{
	return problem_act(c, PROBLEM_ANSWER);
}

static int problem_close(struct api_ctx *c)
{
	return problem_act(c, PROBLEM_CLOSE);
}

static int problem_reopen(struct api_ctx *c)
{
	return problem_act(c, PROBLEM_REOPEN);
}

static int too_many(struct api_ctx *c, int64_t wait)
{
	http_resp_header(c->req, "Retry-After", arena_printf(c->a, "%lld", (long long)wait));
	return api_error(
	    c, 429, "too_many_attempts",
	    arena_printf(c->a, "查询次数过多，请%lld分钟后再试", (long long)((wait + 59) / 60)),
	    NULL);
}

/* A wrong code from the client's address: counted; 429 once the address must wait, else the
 * 404 every wrong code gets. */
static int wrong_code(struct api_ctx *c, const char *key)
{
	int64_t block;

	if (api_ratelimit_hit(c, key, &problem_query_limit, &block) != 0)
		return -1;
	if (block)
		return too_many(c, block);
	return api_error(c, 404, "not_found", "查询码不正确，请核对后重试", "code");
}

/* The enterprise follows its problem by the code: the status, the answer and the dates, nothing
 * of who reported it. Malformed and unknown codes answer alike, and an address that sends too
 * many of them waits (problem_query_limit). */
static int public_problem(struct api_ctx *c)
{
	struct store_problem p;
	char norm[PROBLEM_CODE_CHARS + 1], hash[65], key[PROBLEM_QUERY_KEY_MAX];
	const char *code = api_query_str(c, "code");
	int64_t wait;
	int rc;

	http_resp_header(c->req, "Cache-Control", "no-store");
	problem_query_key(c->req->client_addr, key);
	if (api_ratelimit_wait(c, key, &wait) != 0)
		return -1;
	if (wait)
		return too_many(c, wait);
	if (!code || problem_code_normalize(code, norm) != 0)
		return wrong_code(c, key);
	code_hash(norm, hash);
	rc = store_problem_by_code(c->db, c->a, hash, &p);
	if (rc == KFQ_ENOTFOUND)
		return wrong_code(c, key);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "answer", p.answer);
	jsonw_kstr(&c->w, "answered_at", p.answered_at);
	jsonw_kstr(&c->w, "closed_at", p.closed_at);
	jsonw_kstr(&c->w, "due_date", p.due_date);
	jsonw_kstr(&c->w, "handler_org_name", p.handler_name);
	jsonw_kstr(&c->w, "matter_name", p.matter_name);
	jsonw_kstr(&c->w, "reported_at", p.reported_at);
	jsonw_kstr(&c->w, "status", p.status);
	jsonw_kstr(&c->w, "status_label", enum_label(&enum_problem_status, p.status));
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* ---- rule adjustments ---- */

/* The rules' filters; overdue=1: those not done past their target date (the board's link). */
static int rule_filter(struct api_ctx *c, struct store_affairs_filter *f, char today_buf[11],
                       bool paged)
{
	if (filter_of(c, f, "dept_org_id", &enum_rule_status, CAP_PUBLISH_POWER_LIST, paged) != 0)
		return -1;
	if (api_query_int(c, "overdue", 0)) {
		today(c, today_buf);
		f->late_before = today_buf;
	}
	return 0;
}

static int rule_list(struct api_ctx *c)
{
	struct store_affairs_filter f;
	struct store_rule *rs;
	int64_t total;
	char t[11];
	int n, rc;

	if (rule_filter(c, &f, t, true) != 0)
		return -1;
	if ((rc = store_rule_list(c->db, c->a, &f, &rs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		affairs_json_rule(&c->w, &rs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int rule_export(struct api_ctx *c)
{
	static const char *const headers[] = {"责任部门", "类别",     "文件名称", "涉及条款",
	                                      "调整内容", "办理程序", "目标日期", "状态",
	                                      "是否逾期", "形成文件"};
	static const double widths[] = {20, 16, 36, 20, 40, 30, 12, 10, 8, 30};
	struct store_affairs_filter f;
	struct store_rule *rs;
	struct export_table x;
	int64_t total, day = plan_today(c->now);
	char t[11];
	int n, rc;

	if (rule_filter(c, &f, t, false) != 0)
		return -1;
	if ((rc = store_rule_list(c->db, c->a, &f, &rs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "规则调整", headers, widths, 10) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_rule *r = &rs[i];
		export_text(&x, r->dept_name);
		export_text(&x, enum_label(&enum_rule_kind, r->kind));
		export_text(&x, r->title);
		export_text(&x, r->provision);
		export_text(&x, r->change);
		export_text(&x, r->procedure);
		export_text(&x, r->target_date);
		export_text(&x, enum_label(&enum_rule_status, r->status));
		export_text(&x, affairs_overdue(r->target_date, !strcmp(r->status, "done"), day)
		                    ? "是"
		                    : "否");
		export_text(&x, r->result_document);
		export_end_row(&x);
	}
	return export_finish(c, &x, "需调整的规范性文件和规定");
}

/* A department lists what the reform requires it to change: its own rows only. */
static int rule_save(struct api_ctx *c, int64_t id)
{
	struct store_rule r = {0};
	struct store_org o;
	int rc;

	if (id) {
		if ((rc = store_rule_get(c->db, c->a, id, &r)) != KFQ_OK)
			return api_store_error(c, rc);
		if (r.dept_org_id != c->sess.user.org_id)
			return api_error(c, 404, "not_found", "记录不存在", NULL);
	} else {
		if ((rc = store_org_get(c->db, c->a, c->sess.user.org_id, &o)) != KFQ_OK)
			return api_store_error(c, rc);
		if (strcmp(o.type, "city_department") != 0)
			return api_error(c, 403, "forbidden", "由市直部门填报本部门需调整的规定",
			                 NULL);
		r.dept_org_id = o.id;
	}
	r.id = id;
	r.kind = api_body_str(c, "kind");
	r.status = api_body_str(c, "status");
	if (!enum_valid(&enum_rule_kind, r.kind))
		return api_error(c, 400, "invalid_value",
		                 "类别应为本部门规范性文件、地方性法规、政府规章或市级文件",
		                 "/kind");
	if (!enum_valid(&enum_rule_status, r.status))
		return api_error(c, 400, "invalid_value", "状态应为待启动、办理中或已完成",
		                 "/status");
	if (power_need(c, "title", "请填写文件名称", &r.title) != 0 ||
	    power_need(c, "change", "请填写需调整的内容", &r.change) != 0 ||
	    power_need(c, "procedure", "请填写办理程序", &r.procedure) != 0 ||
	    power_date(c, "target_date", &r.target_date) != 0)
		return -1;
	if (!r.target_date)
		return api_error(c, 400, "missing_field", "请填写目标日期", "/target_date");
	r.provision = api_body_str(c, "provision");
	r.result_document = api_body_str(c, "result_document");
	if (!strcmp(r.status, "done") && (!r.result_document || !*r.result_document))
		return api_error(c, 400, "missing_field", "已完成的请填写形成的文件",
		                 "/result_document");
	if ((rc = store_rule_save(c->db, &c->actor, &affairs_json_audit, &r)) != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_rule_get(c->db, c->a, r.id, &r)) != KFQ_OK)
		return api_store_error(c, rc);
	affairs_json_rule(&c->w, &r);
	return api_ok(c, id ? 200 : 201);
}

static int rule_create(struct api_ctx *c)
{
	return rule_save(c, 0);
}

static int rule_update(struct api_ctx *c)
{
	int64_t id;

	return api_path_id(c, &id) != 0 ? -1 : rule_save(c, id);
}

/* ---- the boards ---- */

/* {"<status>": n, …, "overdue": n} of the store's counts, every status of `statuses` (in byte
 * order, NULL-ended) present, 0 when none is held; keys in byte order. */
static void status_counts(struct api_ctx *c, const struct store_status_count *cs, int n,
                          const char *const *statuses)
{
	int64_t late = 0;
	bool late_written = false;

	for (int i = 0; i < n; i++)
		late += cs[i].overdue;
	jsonw_obj_open(&c->w);
	for (const char *const *st = statuses; *st; st++) {
		int64_t v = 0;

		if (!late_written && strcmp(*st, "overdue") > 0) {
			jsonw_kint(&c->w, "overdue", late);
			late_written = true;
		}
		for (int i = 0; i < n; i++)
			if (!strcmp(cs[i].status, *st))
				v = cs[i].n;
		jsonw_kint(&c->w, *st, v);
	}
	if (!late_written)
		jsonw_kint(&c->w, "overdue", late);
	jsonw_obj_close(&c->w);
}

int powers_board_load(struct api_ctx *c, int64_t zone_org_id, struct powers_board *b)
{
	struct store_affairs_filter f = {0};
	int rc;

	memset(b, 0, sizeof(*b));
	b->shown = account_role_perms(c->sess.user.role) & PERM_POWER_READ;
	if (!b->shown)
		return 0;
	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &f.scope) != 0)
		return -1;
	today(c, b->today);
	if ((rc = store_rule_counts(c->db, c->a, &f, b->today, &b->rules, &b->nrules)) != KFQ_OK ||
	    (rc = store_social_board(c->db, c->a, &f.scope, b->today, &b->social, &b->nsocial)) !=
	        KFQ_OK)
		return api_store_error(c, rc);
	b->zone_org_id = zone_org_id;
	return 0;
}

void powers_board_json(struct api_ctx *c, const struct powers_board *b)
{
	int64_t total = 0, handed = 0, late = 0;

	if (!b->shown)
		return;
	for (int i = 0; i < b->nsocial; i++) {
		if (b->zone_org_id && b->social[i].zone_org_id != b->zone_org_id)
			continue;
		total += b->social[i].total;
		handed += b->social[i].handed_over;
		late += b->social[i].overdue;
	}
	jsonw_key(&c->w, "powers");
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "rules");
	status_counts(c, b->rules, b->nrules,
	              (const char *const[]){"done", "in_progress", "planned", NULL});
	jsonw_key(&c->w, "social");
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "handed_over", handed);
	jsonw_kint(&c->w, "overdue", late);
	jsonw_kint(&c->w, "progress_bp", social_progress_bp(handed, total));
	jsonw_kint(&c->w, "total", total);
	jsonw_obj_close(&c->w);
	jsonw_obj_close(&c->w);
}

static int board(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_delegation_count *dc;
	struct store_social_zone *sz;
	struct store_affairs_filter f = {0};
	struct store_status_count *rs, *ps;
	char t[11];
	int nd, nz, nr, np, rc;

	if (power_scope(c, CAP_PUBLISH_POWER_LIST, &scope) != 0)
		return -1;
	today(c, t);
	f.scope = scope;
	if ((rc = store_delegation_counts(c->db, c->a, &scope, &dc, &nd)) != KFQ_OK ||
	    (rc = store_social_board(c->db, c->a, &scope, t, &sz, &nz)) != KFQ_OK ||
	    (rc = store_rule_counts(c->db, c->a, &f, t, &rs, &nr)) != KFQ_OK ||
	    (rc = store_problem_counts(c->db, c->a, &f, t, &ps, &np)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "delegations");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < nd; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "n", dc[i].n);
		jsonw_kstr(&c->w, "status", dc[i].status);
		jsonw_kint(&c->w, "zone_org_id", dc[i].zone_org_id);
		jsonw_kstr(&c->w, "zone_org_name", dc[i].zone_name);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "problems");
	status_counts(c, ps, np, (const char *const[]){"answered", "closed", "open", NULL});
	jsonw_key(&c->w, "rules");
	status_counts(c, rs, nr, (const char *const[]){"done", "in_progress", "planned", NULL});
	jsonw_key(&c->w, "social");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < nz; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "handed_over", sz[i].handed_over);
		jsonw_kint(&c->w, "handing_over", sz[i].handing_over);
		jsonw_kint(&c->w, "overdue", sz[i].overdue);
		jsonw_kint(&c->w, "planned", sz[i].planned);
		jsonw_kint(&c->w, "progress_bp",
		           social_progress_bp(sz[i].handed_over, sz[i].total));
		jsonw_kint(&c->w, "total", sz[i].total);
		jsonw_kint(&c->w, "zone_org_id", sz[i].zone_org_id);
		jsonw_kstr(&c->w, "zone_org_name", sz[i].zone_name);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static const struct api_field social_query[] = {API_ID_FIELD("zone_org_id", false),
                                                API_QSTR("status", 20), API_QPAGE, API_FIELDS_END};
static const struct api_field social_export_query[] = {API_ID_FIELD("zone_org_id", false),
                                                       API_QSTR("status", 20), API_FIELDS_END};
static const struct api_field problem_query[] = {API_ID_FIELD("handler_org_id", false),
                                                 API_QSTR("status", 20), API_QPAGE, API_FIELDS_END};
static const struct api_field problem_export_query[] = {API_ID_FIELD("handler_org_id", false),
                                                        API_QSTR("status", 20), API_FIELDS_END};
static const struct api_field rule_query[] = {
    API_ID_FIELD("dept_org_id", false), API_QSTR("status", 20),
    API_INT_FIELD("overdue", false, 0, 1), API_QPAGE, API_FIELDS_END};
static const struct api_field rule_export_query[] = {
    API_ID_FIELD("dept_org_id", false), API_QSTR("status", 20),
    API_INT_FIELD("overdue", false, 0, 1), API_FIELDS_END};
/* any text up to the usual cap: a malformed code answers as a wrong one (404) */
static const struct api_field public_query[] = {API_QSTR("code", 200), API_FIELDS_END};

static const struct api_field social_body[] = {
    API_ID_FIELD("zone_org_id", false),
    {"category", API_STR, true, 20},
    {"name", API_STR, true, 200},
    {"receiving_body", API_STR, false, 200},
    {"target_date", API_STR, false, 10},
    {"status", API_STR, true, 20},
    {"evidence", API_STR, false, 2000},
    API_IDS_FIELD("attachment_ids", false, SOCIAL_MAX_FILES),
    {NULL, 0, false, 0},
};
static const struct api_field matter_body[] = {
    {"name", API_STR, true, 200},
    {"steps", API_STR, true, 4000},
    API_INT_FIELD("promised_days", true, 1, POWER_MAX_DAYS),
    API_IDS_FIELD("power_ids", true, 50),
    {NULL, 0, false, 0},
};
static const struct api_field problem_body[] = {
    API_ID_FIELD("matter_id", false),     API_ID_FIELD("zone_org_id", false),
    {"enterprise", API_STR, true, 200},   {"contact_phone", API_STR, false, 20},
    {"source", API_STR, true, 10},        {"description", API_STR, true, 4000},
    API_ID_FIELD("handler_org_id", true), {NULL, 0, false, 0},
};
static const struct api_field answer_body[] = {
    {"answer", API_STR, true, 4000},
    {NULL, 0, false, 0},
};
static const struct api_field note_body[] = {
    {"note", API_STR, true, 2000},
    {NULL, 0, false, 0},
};
static const struct api_field rule_body[] = {
    {"kind", API_STR, true, 20},
    {"title", API_STR, true, 200},
    {"provision", API_STR, false, 200},
    {"change", API_STR, true, 4000},
    {"procedure", API_STR, true, 1000},
    {"target_date", API_STR, true, 10},
    {"status", API_STR, true, 20},
    {"result_document", API_STR, false, 200},
    {NULL, 0, false, 0},
};

const struct api_route api_affairs_routes[] = {
    {"GET", "/api/social-affairs", social_list, PERM_POWER_READ, 0, social_query, NULL},
    {"GET", "/api/social-affairs/export.xlsx", social_export, PERM_POWER_READ, 0,
     social_export_query, NULL},
    {"GET", "/api/social-affairs/export.csv", social_export, PERM_POWER_READ, 0,
     social_export_query, NULL},
    {"POST", "/api/social-affairs", social_create, PERM_POWER_WRITE, 0, NULL, social_body},
    {"PUT", "/api/social-affairs/:id", social_update, PERM_POWER_WRITE, 0, NULL, social_body},
    {"GET", "/api/key-matters", matter_list, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/key-matters/export.xlsx", matter_export, PERM_POWER_READ, 0, NULL, NULL},
    {"GET", "/api/key-matters/export.csv", matter_export, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/key-matters", matter_create, PERM_POWER_WRITE, 0, NULL, matter_body},
    {"PUT", "/api/key-matters/:id", matter_update, PERM_POWER_WRITE, 0, NULL, matter_body},
    {"GET", "/api/problems", problem_list, PERM_POWER_READ, 0, problem_query, NULL},
    {"GET", "/api/problems/export.xlsx", problem_export, PERM_POWER_READ, 0, problem_export_query,
     NULL},
    {"GET", "/api/problems/export.csv", problem_export, PERM_POWER_READ, 0, problem_export_query,
     NULL},
    {"POST", "/api/problems", problem_create, PERM_POWER_WRITE, 0, NULL, problem_body},
    {"GET", "/api/problems/:id", problem_get, PERM_POWER_READ, 0, NULL, NULL},
    {"POST", "/api/problems/:id/answer", problem_answer, PERM_POWER_WRITE, 0, NULL, answer_body},
    {"POST", "/api/problems/:id/close", problem_close, PERM_POWER_WRITE, 0, NULL, note_body},
    {"POST", "/api/problems/:id/reopen", problem_reopen, PERM_POWER_WRITE, 0, NULL, note_body},
    {"GET", "/api/public/problems", public_problem, 0, API_PUBLIC, public_query, NULL},
    {"GET", "/api/rule-adjustments", rule_list, PERM_POWER_READ, 0, rule_query, NULL},
    {"GET", "/api/rule-adjustments/export.xlsx", rule_export, PERM_POWER_READ, 0, rule_export_query,
     NULL},
    {"GET", "/api/rule-adjustments/export.csv", rule_export, PERM_POWER_READ, 0, rule_export_query,
     NULL},
    {"POST", "/api/rule-adjustments", rule_create, PERM_POWER_WRITE, 0, NULL, rule_body},
    {"PUT", "/api/rule-adjustments/:id", rule_update, PERM_POWER_WRITE, 0, NULL, rule_body},
    {"GET", "/api/powers-board", board, PERM_POWER_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
