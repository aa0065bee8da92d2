/* leader.c - art. 15 (建立奖优罚劣机制) for 市委组织部: each county's view of the zones it hosts
 * (代管) with their grades over the years and their leaders' records, and the records of zone
 * leaders' rewards and adjustments (优先提拔使用 / 及时调整 / 容错免责后不予调整), which only an
 * organization holding record_leader_action writes (leader_record), each against the
 * assessment grade or the 容错免责 case that justifies it. Read within people_scope, which gives
 * that capability's holders every zone. Must not write SQL nor judge a record (core/leader.c). */
#include "api/capability.h"
#include "api/export.h"
#include "app/leader_json.h"
#include "api/people_impl.h"

#include "core/enums.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define VIEW_YEARS_MAX 30

static int filter_of(struct api_ctx *c, struct store_leader_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (people_scope(c, &f->scope) != 0)
		return -1;
	f->org_id = api_query_int(c, "org_id", 0);
	f->county_id = api_query_int(c, "county_id", 0);
	f->year = (int)api_query_int(c, "year", 0);
	return 0;
}

static int list(struct api_ctx *c)
{
	struct store_leader_filter f;
	struct store_leader_action *xs;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f) != 0)
		return -1;
	api_query_page(c, &f.offset, &f.limit);
	if ((rc = store_leader_action_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		leader_json_action(&c->w, &xs[i]);
	api_page_end(c, total, f.offset, f.limit);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"年度",         "开发区",  "姓名", "事项",
	                                      "当年考核等级", "依据",    "文号", "容错案件",
	                                      "记录单位",     "记录时间"};
	static const double widths[] = {8, 30, 12, 18, 12, 40, 22, 10, 16, 22};
	struct store_leader_filter f;
	struct store_leader_action *xs;
	struct export_table x;
	int64_t total;
	int n, rc;

	if (filter_of(c, &f) != 0)
		return -1;
	if ((rc = store_leader_action_list(c->db, c->a, &f, &xs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (export_begin(c, &x, "班子成员奖惩", headers, widths, 10))
		return -1;
	for (int i = 0; i < n; i++) {
		const struct store_leader_action *k = &xs[i];
		export_int(&x, k->year);
		export_text(&x, k->org_name);
		export_text(&x, k->person_name);
		export_text(&x, enum_label(&enum_leader_action, k->kind));
		export_text(&x, k->grade ? enum_label(&enum_pay_grade, k->grade) : "");
		export_text(&x, k->basis);
		export_text(&x, k->doc_no ? k->doc_no : "");
		export_text(&x, k->fault_case_id
		                    ? arena_printf(c->a, "%lld", (long long)k->fault_case_id)
		                    : "");
		export_text(&x, k->recorded_org_name ? k->recorded_org_name : "");
		export_time(&x, k->recorded_at);
		export_end_row(&x);
	}
	return export_finish(c, &x, "班子成员奖惩");
}

static int create(struct api_ctx *c)
{
	struct store_leader_action x = {0};
	enum leader_rule rule;
	int rc;

	if (api_require_capability(c, CAP_RECORD_LEADER_ACTION) != 0)
		return -1;
	x.org_id = api_body_int(c, "org_id");
	x.person_id = api_body_int(c, "person_id");
	x.kind = api_body_str(c, "kind");
	x.year = (int)api_body_int(c, "year");
	x.fault_case_id = api_body_has(c, "fault_case_id") ? api_body_int(c, "fault_case_id") : 0;
	x.basis = api_body_str(c, "basis");
	x.doc_no = api_body_str(c, "doc_no");
	if (!enum_valid(&enum_leader_action, x.kind))
		return api_error(
		    c, 400, "invalid_value",
		    "事项应为 promote（优先提拔使用）、adjust（及时调整）或 kept（不予调整）",
		    "/kind");
	if (!strcmp(x.kind, "kept") != (x.fault_case_id != 0))
		return api_error(c, 400, "invalid_value",
		                 "只有“不予调整”须注明所依据的容错免责案件", "/fault_case_id");
	if (people_require_zone(c, x.org_id, "/org_id") != 0)
		return -1;
	rc = store_leader_action_add(c->db, &c->actor, &leader_json_audit, &x, c->sess.user.org_id,
	                             &rule);
	if (rc == KFQ_EINVAL)
		return api_error(c, 409, leader_rule_code(rule), leader_rule_message(rule), NULL);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_value", "该人员不在该开发区的名册中",
		                 "/person_id");
	if (rc != KFQ_OK || (rc = store_leader_action_get(c->db, c->a, x.id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	leader_json_action(&c->w, &x);
	return api_ok(c, 201);
}

static int county_view(struct api_ctx *c)
{
	struct store_scope scope;
	struct store_county_zone *zs;
	struct store_org county;
	char now[TIME_RFC3339_LEN];
	int64_t id;
	int n, rc, to, from;

	if (api_path_id(c, &id) != 0 || people_scope(c, &scope) != 0)
		return -1;
	time_format(time_now(), now);
	/* by default the five years up to the last one, whose assessment is the latest done */
	to = (int)api_query_int(c, "to", atoi(now) - 1);
	from = (int)api_query_int(c, "from", to - 4);
	if (from > to || to - from >= VIEW_YEARS_MAX)
		return api_error(c, 400, "invalid_parameter", "起止年度应从小到大，且不超过30年",
		                 "from");
	rc = store_org_get(c->db, c->a, id, &county);
	if (rc == KFQ_OK && strcmp(county.type, "county") != 0)
		rc = KFQ_ENOTFOUND;
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (api_scope_check(c, &scope, id) != 0)
		return -1;
	if ((rc = store_county_zones(c->db, c->a, id, from, to, &zs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "county_id", id);
	jsonw_kstr(&c->w, "county_name", county.name);
	jsonw_kint(&c->w, "from", from);
	jsonw_kint(&c->w, "to", to);
	jsonw_key(&c->w, "zones");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		leader_json_zone(&c->w, &zs[i], from, to);
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* GET /api/leader-actions/awaiting?year=: the zones graded 优秀 or 较差 in the year (none: the
 * newest year with any) without a record of that year, every county's in the caller's scope:
 * 组织部's to-do and the county view filtered to it (DECISIONS 184) */
static int awaiting(struct api_ctx *c)
{
	struct store_leader_awaiting *zs;
	struct store_scope scope;
	int n, rc;

	if (people_scope(c, &scope) != 0)
		return -1;
	if ((rc = store_leader_awaiting(c->db, c->a, &scope, (int)api_query_int(c, "year", 0), &zs,
	                                &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		leader_json_awaiting(&c->w, &zs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* GET /api/counties/views: the counties whose view the caller reads, by name */
static int counties(struct api_ctx *c)
{
	struct store_org_filter f = {.type = "county"};
	struct store_scope scope;
	struct store_org *os;
	int64_t *ids;
	int n, nids, rc;

	if (people_scope(c, &scope) != 0 || api_scope_orgs_of(c, &scope, &ids, &nids) != 0)
		return -1;
	f.ids = ids;
	f.nids = nids;
	if ((rc = store_org_list(c->db, c->a, &f, &os, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", os[i].id);
		jsonw_kstr(&c->w, "name", os[i].name);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

#define YEAR_Q(name) API_INT_FIELD(name, false, 2000, 2100)
static const struct api_field list_query[] = {API_ID_FIELD("org_id", false),
                                              API_ID_FIELD("county_id", false), YEAR_Q("year"),
                                              API_QPAGE, API_FIELDS_END};
static const struct api_field export_query[] = {API_ID_FIELD("org_id", false),
                                                API_ID_FIELD("county_id", false), YEAR_Q("year"),
                                                API_FIELDS_END};
static const struct api_field view_query[] = {YEAR_Q("from"), YEAR_Q("to"), API_FIELDS_END};
static const struct api_field awaiting_query[] = {YEAR_Q("year"), API_FIELDS_END};
static const struct api_field create_body[] = {
    API_ID_FIELD("org_id", true),         API_ID_FIELD("person_id", true),
    {"kind", API_STR, true, 16},          API_INT_FIELD("year", true, 2000, 2100),
    API_ID_FIELD("fault_case_id", false), {"basis", API_STR, true, 2000},
    {"doc_no", API_STR, false, 100},      API_FIELDS_END};

const struct api_route api_leader_routes[] = {
    {"GET", "/api/leader-actions", list, PERM_PEOPLE_READ, 0, list_query, NULL},
    {"GET", "/api/leader-actions/export.xlsx", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"GET", "/api/leader-actions/export.csv", export, PERM_PEOPLE_READ, 0, export_query, NULL},
    {"POST", "/api/leader-actions", create, PERM_LEADER_RECORD, 0, NULL, create_body},
    {"GET", "/api/leader-actions/awaiting", awaiting, PERM_PEOPLE_READ, 0, awaiting_query, NULL},
    {"GET", "/api/counties/views", counties, PERM_PEOPLE_READ, 0, NULL, NULL},
    {"GET", "/api/counties/:id/view", county_view, PERM_PEOPLE_READ, 0, view_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
