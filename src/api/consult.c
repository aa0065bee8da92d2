/* consult.c - the office's side of public consultations (征求意见): making one from an imported
 * policy (the notice's issuer, contacts and window filled in), editing the draft, releasing it,
 * moving its window with a reason, recording comments that came by other channels, splitting
 * them into points and deciding each point, linking a comment to an article, publishing
 * comments (importing e-mail is consult_mail.c's). Reading is for every role
 * that reads policies (PERM_TASK_READ), a contact masked without the read_personal grant;
 * changing is the office's (PERM_POLICY_WRITE). Must not write SQL. */
#include "api/api.h"
#include "api/capability.h"
#include "api/consult_impl.h"
#include "app/consult.h"
#include "app/consult_json.h"
#include "app/consult_mail.h"

#include "core/consult.h"
#include "core/policy_parse.h"
#include "core/enums.h"
#include "store/store_task.h"
#include "util/blank.h"
#include "util/timeutil.h"

#include <string.h>

/* ---- shared with the public page and the report ---- */

int consult_check_comment(struct api_ctx *c, const char *name, const char *contact,
                          const char *body)
{
	if (name && consult_chars(name) > CONSULT_NAME_MAX)
		return api_error(c, 400, "invalid_value",
		                 arena_printf(c->a, "姓名不能超过%d个字", CONSULT_NAME_MAX),
		                 "/name");
	if (contact && consult_contact_kind(contact) == CONSULT_CONTACT_INVALID)
		return api_error(
		    c, 400, "invalid_value",
		    "联系方式应为电子邮箱、11位手机号码、带区号的固定电话或7至8位本地号码",
		    "/contact");
	if (!body || !*body)
		return api_error(c, 400, "required", "请填写意见内容", "/body");
	if (consult_chars(body) > CONSULT_TEXT_MAX)
		return api_error(c, 400, "too_long",
		                 arena_printf(c->a, "意见内容不能超过%d个字", CONSULT_TEXT_MAX),
		                 "/body");
	return 0;
}

int consult_check_article(struct api_ctx *c, int64_t id, int64_t article_id, const char *field)
{
	struct store_consult_article *arts;
	int n, rc;

	if (!article_id)
		return 0;
	if ((rc = store_consult_articles(c->db, c->a, id, &arts, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++)
		if (arts[i].id == article_id)
			return 0;
	return api_error(c, 400, "invalid_value", "该条目不属于本次征求意见", field);
}

int consult_write_articles(struct api_ctx *c, int64_t id)
{
	struct store_consult_article *arts;
	int n, rc;

	if ((rc = store_consult_articles(c->db, c->a, id, &arts, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_key(&c->w, "articles");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		consult_json_article(&c->w, &arts[i]);
	jsonw_arr_close(&c->w);
	return 0;
}

/* ---- consultations ---- */

static int list(struct api_ctx *c)
{
	struct store_consult_filter f = {0};
	struct store_consultation *cs;
	int64_t total;
	int n, rc;

	f.q = api_query_str(c, "q");
	f.state = api_query_str(c, "state");
	if (f.state && !enum_valid(&enum_consult_state, f.state))
		return api_error(c, 400, "invalid_parameter",
		                 "state 应为 draft、upcoming、open、closed 或 published", "state");
	f.now = api_window_clock(c);
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_consult_list(c->db, c->a, &f, &cs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		consult_json_write(&c->w, &cs[i], f.now);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

int consult_load(struct api_ctx *c, struct store_consultation *k)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_consult_get(c->db, c->a, id, k)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_consultation k;
	int64_t now = api_window_clock(c);
	int rc;

	if ((rc = store_consult_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "consultation");
	consult_json_write(&c->w, &k, now);
	if (consult_write_articles(c, id) != 0)
		return -1;
	jsonw_obj_close(&c->w);
	return api_ok(c, status);
}

static int get(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return answer(c, id, 200);
}

/* The window from the body's window_start and window_end (dates or date-times in
 * Asia/Shanghai), each defaulting to def_* (may be NULL). */
static int window_from(struct api_ctx *c, const char *def_start, const char *def_end,
                       int64_t *start, int64_t *end)
{
	const char *s = api_body_str(c, "window_start"), *e = api_body_str(c, "window_end");

	if (!s)
		s = def_start;
	if (!e)
		e = def_end;
	if (!s)
		return api_error(c, 400, "required", "请填写征求意见开始时间", "/window_start");
	if (!e)
		return api_error(c, 400, "required", "请填写征求意见截止时间", "/window_end");
	if (consult_bound_parse(s, false, start) != 0)
		return api_error(c, 400, "invalid_value",
		                 "开始时间应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间）",
		                 "/window_start");
	if (consult_bound_parse(e, true, end) != 0)
		return api_error(c, 400, "invalid_value",
		                 "截止时间应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间）",
		                 "/window_end");
	if (!consult_window_valid(*start, *end))
		return api_error(c, 400, "invalid_value", "截止时间应晚于开始时间", "/window_end");
	return 0;
}

static int check_contacts(struct api_ctx *c, const char *email, const char *phone)
{
	if (email && consult_contact_kind(email) != CONSULT_CONTACT_EMAIL)
		return api_error(c, 400, "invalid_value", "电子邮箱格式不正确", "/contact_email");
	if (phone && consult_contact_kind(phone) != CONSULT_CONTACT_PHONE)
		return api_error(c, 400, "invalid_value", "联系电话格式不正确", "/contact_phone");
	return 0;
}

static int create(struct api_ctx *c)
{
	struct store_policy p;
	struct store_consultation k = {0};
	struct store_consult_article *arts;
	int n, rc;

	k.policy_id = api_body_int(c, "policy_id");
	rc = store_policy_get(c->db, c->a, k.policy_id, &p);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "政策文件不存在", "/policy_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	k.title = api_body_has(c, "title") ? api_body_str(c, "title") : p.title;
	k.issuer = api_body_has(c, "issuer") ? api_body_str(c, "issuer") : p.issuer;
	k.contact_email =
	    api_body_has(c, "contact_email") ? api_body_str(c, "contact_email") : p.contact_email;
	k.contact_phone =
	    api_body_has(c, "contact_phone") ? api_body_str(c, "contact_phone") : p.contact_phone;
	if (!k.title)
		return api_error(c, 400, "required", "请填写标题", "/title");
	if (check_contacts(c, k.contact_email, k.contact_phone) != 0 ||
	    window_from(c, p.window_start, p.window_end, &k.window_start, &k.window_end) != 0)
		return -1;
	if (consult_policy_articles(c->a, p.parsed_json, &arts, &n, &k.notice_text) != KFQ_OK)
		return api_error(c, 400, "invalid_value", "该政策文件没有可征求意见的条目",
		                 "/policy_id");
	if ((rc = store_consult_create(c->db, &c->actor, &consult_json_audit, &k, arts, n)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, k.id, 201);
}

static int update(struct api_ctx *c)
{
	struct store_consultation k;
	char a[CONSULT_LOCAL_MAX], b[CONSULT_LOCAL_MAX];
	int rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if (k.released_at)
		return api_error(c, 409, "invalid_state",
		                 "已发布的征求意见不能再修改，请调整征求时间", NULL);
	if (api_body_has(c, "title"))
		k.title = api_body_str(c, "title");
	if (api_body_has(c, "issuer"))
		k.issuer = api_body_str(c, "issuer");
	if (api_body_has(c, "contact_email"))
		k.contact_email = api_body_str(c, "contact_email");
	if (api_body_has(c, "contact_phone"))
		k.contact_phone = api_body_str(c, "contact_phone");
	if (!k.title)
		return api_error(c, 400, "required", "请填写标题", "/title");
	consult_local_format(k.window_start, a);
	consult_local_format(k.window_end, b);
	/* the stored end is exclusive: as a date-time it means itself */
	if (check_contacts(c, k.contact_email, k.contact_phone) != 0 ||
	    window_from(c, a, b, &k.window_start, &k.window_end) != 0)
		return -1;
	rc = store_consult_update(c->db, &c->actor, &consult_json_audit, &k);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "已发布的征求意见不能再修改", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, k.id, 200);
}

static int release(struct api_ctx *c)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	rc = store_consult_release(c->db, &c->actor, &consult_json_audit, id);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", "该征求意见已经发布", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, id, 200);
}

static int move_window(struct api_ctx *c)
{
	struct store_consultation k;
	const char *reason = api_body_str(c, "reason"), *last;
	char end[TIME_RFC3339_LEN];
	int rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if (consult_chars(reason) > CONSULT_REASON_MAX)
		return api_error(c, 400, "too_long", "理由过长", "/reason");
	if (window_from(c, NULL, NULL, &k.window_start, &k.window_end) != 0)
		return -1;
	/* the window the report states holds every comment the public page took */
	if ((rc = store_consult_last_web(c->db, c->a, k.id, &last)) != KFQ_OK)
		return api_store_error(c, rc);
	time_format(k.window_end, end);
	if (last && strcmp(last, end) >= 0) {
		char local[CONSULT_LOCAL_MAX];
		int64_t t;
		if (time_parse(last, &t) != 0)
			return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
		consult_local_format(t, local);
		return api_error(
		    c, 400, "invalid_value",
		    arena_printf(c->a, "网上已于%s（北京时间）收到意见，截止时间不能早于此时",
		                 local),
		    "/window_end");
	}
	rc = store_consult_window(c->db, &c->actor, &consult_json_audit, k.id, k.window_start,
	                          k.window_end, reason);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 k.released_at ? "采纳情况已公布，不能再调整征求时间"
		                               : "草稿尚未发布，请直接修改征求时间",
		                 NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return answer(c, k.id, 200);
}

/* ---- comments (office) ---- */

int consult_attach_points(struct api_ctx *c, int64_t id, struct store_comment *cs, int n)
{
	struct store_comment_point *pts = NULL;
	int np = 0, rc;

	if (n && (rc = store_comment_points_between(c->db, c->a, id, cs[0].id, cs[n - 1].id, &pts,
	                                            &np)) != KFQ_OK)
		return api_store_error(c, rc);
	/* both lists are in comment order */
	for (int i = 0, j = 0; i < n; i++) {
		while (j < np && pts[j].comment_id < cs[i].id)
			j++;
		cs[i].points = pts + j;
		while (j < np && pts[j].comment_id == cs[i].id)
			j++;
		cs[i].n_points = (int)(pts + j - cs[i].points);
	}
	return 0;
}

static int comments(struct api_ctx *c)
{
	struct store_comment_filter f = {0};
	struct store_consultation k;
	struct store_comment *cs;
	int64_t total;
	int n, rc;

	if (consult_load(c, &k) != 0)
		return -1;
	f.consultation_id = k.id;
	f.article_id = api_query_int(c, "article_id", 0);
	f.channel = api_query_str(c, "channel");
	f.disposition = api_query_str(c, "disposition");
	if (f.channel && !enum_valid(&enum_consult_channel, f.channel))
		return api_error(c, 400, "invalid_parameter", "channel 不正确", "channel");
	if (f.disposition && strcmp(f.disposition, "undecided") != 0 &&
	    !enum_valid(&enum_disposition, f.disposition))
		return api_error(c, 400, "invalid_parameter", "disposition 不正确", "disposition");
	api_query_page(c, &f.offset, &f.limit);
	if (api_reveal_personal(c) != 0)
		return -1;
	if ((rc = store_comment_list(c->db, c->a, &f, &cs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (consult_attach_points(c, k.id, cs, n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		consult_json_comment(&c->w, &cs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

/* A store error of a comment's change: a published report's comments are refused by name. */
static int comment_error(struct api_ctx *c, int rc)
{
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 "意见采纳情况已公布，意见及其处理不能再更改", NULL);
	return api_store_error(c, rc);
}

static int comment_answer(struct api_ctx *c, int64_t id, int status)
{
	struct store_comment k;
	int rc;

	if (api_reveal_personal(c) != 0)
		return -1;
	if ((rc = store_comment_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	consult_json_comment(&c->w, &k);
	return api_ok(c, status);
}

static int record(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_comment_new in = {0};
	enum store_comment_refusal why;
	const char *received = api_body_str(c, "received_at");
	char at[TIME_RFC3339_LEN];
	int64_t id, t;
	int rc;

	if (consult_load(c, &k) != 0)
		return -1;
	in.consultation_id = k.id;
	in.article_id = api_body_int(c, "article_id");
	in.channel = api_body_str(c, "channel");
	in.name = api_body_str(c, "name");
	in.contact = api_body_str(c, "contact");
	in.body = api_body_str(c, "body");
	if (!enum_valid(&enum_consult_channel, in.channel) || !strcmp(in.channel, "web"))
		return api_error(c, 400, "invalid_value",
		                 "渠道应为电子邮件、电话、信函、座谈会或部门书面意见", "/channel");
	if (received) {
		if (consult_bound_parse(received, false, &t) != 0)
			return api_error(c, 400, "invalid_value",
			                 "收到时间应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间）",
			                 "/received_at");
		if (t > api_window_clock(c))
			return api_error(c, 400, "invalid_value", "收到时间不能晚于现在",
			                 "/received_at");
		time_format(t, at);
		in.received_at = at;
	}
	if (consult_check_comment(c, in.name, in.contact, in.body) != 0 ||
	    consult_check_article(c, k.id, in.article_id, "/article_id") != 0)
		return -1;
	rc = store_comment_add(c->db, &c->actor, &consult_json_audit, &in, &id, &why);
	if (rc != KFQ_OK)
		return comment_error(c, rc);
	return comment_answer(c, id, 201);
}

static int load_comment(struct api_ctx *c, struct store_comment *k)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_comment_get(c->db, c->a, id, k)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int comment_get(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return comment_answer(c, id, 200);
}

static int split(struct api_ctx *c)
{
	struct store_comment k;
	struct store_point_new *pts;
	json_t *arr = json_object_get(c->body, "points"), *it;
	size_t i;
	int rc;

	if (load_comment(c, &k) != 0)
		return -1;
	pts = arena_alloc(c->a, (json_array_size(arr) + 1) * sizeof(*pts));
	json_array_foreach(arr, i, it)
	{
		const char *field = arena_printf(c->a, "/points/%zu/body", i);
		/* a required text field: the validator made sure it is one */
		pts[i].body = arena_strdup(c->a, json_string_value(json_object_get(it, "body")));
		pts[i].article_id = json_integer_value(json_object_get(it, "article_id"));
		if (!pts[i].body || !*pts[i].body)
			return api_error(c, 400, "required", "请填写要点内容", field);
		if (consult_chars(pts[i].body) > CONSULT_TEXT_MAX)
			return api_error(c, 400, "too_long", "要点内容过长", field);
		if (consult_check_article(c, k.consultation_id, pts[i].article_id,
		                          arena_printf(c->a, "/points/%zu/article_id", i)) != 0)
			return -1;
	}
	rc = store_comment_split(c->db, &c->actor, &consult_json_audit, k.id, pts,
	                         (int)json_array_size(arr));
	if (rc != KFQ_OK)
		return comment_error(c, rc);
	return comment_answer(c, k.id, 200);
}

static int dispose(struct api_ctx *c)
{
	struct store_comment k;
	const char *d = api_body_str(c, "disposition"), *reason = api_body_str(c, "reason");
	int64_t point = api_body_int(c, "point_id");
	int rc;

	if (load_comment(c, &k) != 0)
		return -1;
	if (!enum_valid(&enum_disposition, d))
		return api_error(c, 400, "invalid_value",
		                 "处理意见应为采纳、部分采纳、不采纳或已说明", "/disposition");
	if (consult_disposition_needs_reason(d) && blank_all(reason))
		return api_error(c, 400, "required", "除“采纳”外，请填写理由", "/reason");
	if (consult_chars(reason) > CONSULT_REASON_MAX)
		return api_error(c, 400, "too_long", "理由过长", "/reason");
	if (!point && k.n_points == 1)
		point = k.points[0].id;
	if (!point)
		return api_error(c, 400, "missing_field",
		                 "该意见已拆分为多条要点，请选择要处理的要点", "/point_id");
	rc = store_comment_dispose(c->db, &c->actor, &consult_json_audit, k.id, point, d, reason);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "该要点不属于这条意见", "/point_id");
	if (rc != KFQ_OK)
		return comment_error(c, rc);
	return comment_answer(c, k.id, 200);
}

static int link(struct api_ctx *c)
{
	struct store_comment k;
	int64_t article = api_body_int(c, "article_id");
	int rc;

	if (load_comment(c, &k) != 0 ||
	    consult_check_article(c, k.consultation_id, article, "/article_id") != 0)
		return -1;
	if ((rc = store_comment_link(c->db, &c->actor, &consult_json_audit, k.id, article)) !=
	    KFQ_OK)
		return comment_error(c, rc);
	return comment_answer(c, k.id, 200);
}

static int publish(struct api_ctx *c)
{
	struct store_comment k;
	int rc;

	if (load_comment(c, &k) != 0)
		return -1;
	rc = store_comment_publish(c->db, &c->actor, &consult_json_audit, k.id,
	                           api_body_bool(c, "published"));
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return comment_answer(c, k.id, 200);
}

static const struct api_field list_query[] = {API_QSTR("q", 100), API_QSTR("state", 20), API_QPAGE,
                                              API_FIELDS_END};
static const struct api_field comments_query[] = {
    API_INT_FIELD("article_id", false, -1, API_ID_MAX), API_QSTR("channel", 20),
    API_QSTR("disposition", 20), API_QPAGE, API_FIELDS_END};
#define CONSULT_FIELDS                                                                             \
	{"title", API_STR, false, 400}, {"issuer", API_STR, false, 200},                           \
	    {"contact_email", API_STR, false, 254}, {"contact_phone", API_STR, false, 20},         \
	    {"window_start", API_STR, false, 20},                                                  \
	{                                                                                          \
		"window_end", API_STR, false, 20                                                   \
	}
static const struct api_field create_body[] = {API_ID_FIELD("policy_id", true), CONSULT_FIELDS,
                                               API_FIELDS_END};
static const struct api_field update_body[] = {CONSULT_FIELDS, API_FIELDS_END};
static const struct api_field window_body[] = {{"window_start", API_STR, true, 20},
                                               {"window_end", API_STR, true, 20},
                                               {"reason", API_STR, true, 4000},
                                               API_FIELDS_END};
static const struct api_field record_body[] = {API_ID_FIELD("article_id", false),
                                               {"channel", API_STR, true, 20},
                                               {"name", API_STR, false, 200},
                                               {"contact", API_STR, false, 254},
                                               {"body", API_STR, true, 8000},
                                               {"received_at", API_STR, false, 20},
                                               API_FIELDS_END};
static const struct api_field point_fields[] = {
    {"body", API_STR, true, 8000}, API_ID_FIELD("article_id", false), API_FIELDS_END};
static const struct api_field split_body[] = {
    {"points", API_OBJ_ARRAY, true, CONSULT_MAX_POINTS, point_fields}, API_FIELDS_END};
static const struct api_field dispose_body[] = {API_ID_FIELD("point_id", false),
                                                {"disposition", API_STR, true, 20},
                                                {"reason", API_STR, false, 4000},
                                                API_FIELDS_END};
static const struct api_field link_body[] = {API_ID_FIELD("article_id", false), API_FIELDS_END};
static const struct api_field publish_body[] = {{"published", API_BOOL, true}, API_FIELDS_END};

const struct api_route api_consult_routes[] = {
    {"GET", "/api/consultations", list, PERM_TASK_READ, 0, list_query, NULL},
    {"POST", "/api/consultations", create, PERM_POLICY_WRITE, 0, NULL, create_body},
    {"GET", "/api/consultations/:id", get, PERM_TASK_READ, 0, NULL, NULL},
    {"PUT", "/api/consultations/:id", update, PERM_POLICY_WRITE, 0, NULL, update_body},
    {"POST", "/api/consultations/:id/release", release, PERM_POLICY_WRITE, 0, NULL, NULL},
    {"POST", "/api/consultations/:id/window", move_window, PERM_POLICY_WRITE, 0, NULL, window_body},
    {"GET", "/api/consultations/:id/comments", comments, PERM_TASK_READ, 0, comments_query, NULL},
    {"POST", "/api/consultations/:id/comments", record, PERM_POLICY_WRITE, 0, NULL, record_body},
    {"POST", "/api/consultations/:id/mail", consult_mail_upload, PERM_POLICY_WRITE, API_UPLOAD,
     consult_mail_query, NULL, CONSULT_MAIL_MAX_BYTES},
    {"GET", "/api/consultations/:id/versions", consult_versions_list, PERM_TASK_READ, 0, NULL,
     NULL},
    {"POST", "/api/consultations/:id/versions", consult_version_upload, PERM_POLICY_WRITE,
     API_UPLOAD, consult_version_query, NULL, POLICY_MAX_BYTES},
    {"DELETE", "/api/consultations/:id/versions/:seq", consult_version_withdraw, PERM_POLICY_WRITE,
     0, NULL, NULL},
    {"GET", "/api/consultations/:id/versions/diff", consult_version_compare, PERM_TASK_READ, 0,
     consult_diff_query, NULL},
    {"GET", "/api/consultations/:id/tasks", consult_tasks_get, PERM_TASK_READ, 0, NULL, NULL},
    {"POST", "/api/consultations/:id/tasks", consult_tasks_create, PERM_POLICY_WRITE, 0, NULL,
     NULL},
    {"GET", "/api/comments/:id", comment_get, PERM_TASK_READ, 0, NULL, NULL},
    {"POST", "/api/comments/:id/points", split, PERM_POLICY_WRITE, 0, NULL, split_body},
    {"POST", "/api/comments/:id/disposition", dispose, PERM_POLICY_WRITE, 0, NULL, dispose_body},
    {"POST", "/api/comments/:id/article", link, PERM_POLICY_WRITE, 0, NULL, link_body},
    {"POST", "/api/comments/:id/publish", publish, PERM_POLICY_WRITE, 0, NULL, publish_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
