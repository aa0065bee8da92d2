/* arrangement.c - 区中园 / 飞地 / 托管 arrangements (art. 13 of the seed, lead 市商务局): lists,
 * one arrangement, creating and replacing one (the office). Zones and counties see those they
 * are a party to. Must not write SQL. */
#include "api/api.h"
#include "api/money.h"

#include "app/arrangement_json.h"
#include "core/money.h"
#include "core/revshare.h"
#include "store/store_arrangement.h"

#include <string.h>

static int list(struct api_ctx *c)
{
	struct store_arrangement *x;
	struct store_scope scope;
	int64_t zone_id = api_query_int(c, "zone_id", 0);
	int n, rc;

	money_scope(c, &scope);
	if ((rc = store_arrangement_list(c->db, c->a, zone_id, &scope, &x, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		arrangement_json_write(&c->w, &x[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

/* the arrangement of the path, if the caller sees a party of it */
static int load(struct api_ctx *c, struct store_arrangement *x)
{
	bool host, partner = false;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_arrangement_get(c->db, c->a, id, x)) != KFQ_OK)
		return api_store_error(c, rc);
	if (money_zone_in_scope(c, x->ar.host_zone_id, &host) != 0 ||
	    (x->ar.partner_zone_id && money_zone_in_scope(c, x->ar.partner_zone_id, &partner) != 0))
		return -1;
	return host || partner ? 0 : api_store_error(c, KFQ_ENOTFOUND);
}

static int get(struct api_ctx *c)
{
	struct store_arrangement x;

	if (load(c, &x) != 0)
		return -1;
	arrangement_json_write(&c->w, &x);
	return api_ok(c, 200);
}

/* the body into *x (id untouched), checked by core/arrangement.c */
static int read_body(struct api_ctx *c, struct store_arrangement *x)
{
	json_t *ratios = json_object_get(c->body, "ratios");
	int kind = arrangement_kind_find(api_body_str(c, "kind"));
	struct arrangement_ratio *r;
	struct arrangement_problem p;
	int64_t *ids;
	int n;

	if (kind < 0)
		return api_error(c, 400, "invalid_value", "合作方式应为区中园、飞地或托管",
		                 "/kind");
	x->ar.kind = (enum arrangement_kind)kind;
	x->name = api_body_str(c, "name");
	if (!x->name || !*x->name)
		return api_error(c, 400, "invalid_value", "请填写名称", "/name");
	x->note = api_body_str(c, "note");
	x->ar.host_zone_id = api_body_int(c, "host_zone_id");
	x->ar.partner_zone_id = api_body_int(c, "partner_zone_id");
	x->ar.partner_name = api_body_str(c, "partner_name");
	x->ar.start_date = api_body_str(c, "start_date");
	x->ar.end_date = api_body_str(c, "end_date");
	if (x->ar.end_date && !*x->ar.end_date)
		x->ar.end_date = NULL;
	x->ar.n_ratios = json_array_size(ratios);
	r = arena_zalloc(c->a, (x->ar.n_ratios + 1) * sizeof(*r));
	for (size_t i = 0; i < x->ar.n_ratios; i++) {
		json_t *it = json_array_get(ratios, i);
		r[i].from_year = (int)json_integer_value(json_object_get(it, "from_year"));
		r[i].partner_bp = json_integer_value(json_object_get(it, "partner_bp"));
	}
	x->ar.ratios = r;
	if (arrangement_validate(&x->ar, &p) != 0)
		return api_error(c, 400, "invalid_value", arena_strdup(c->a, p.message),
		                 arena_strdup(c->a, p.field));
	ids = api_body_ints(c, "enterprise_ids", &n);
	x->members = arena_zalloc(c->a, (size_t)(n + 1) * sizeof(*x->members));
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < i; k++)
			if (ids[k] == ids[i])
				return api_error(c, 400, "invalid_value", "企业重复",
				                 arena_printf(c->a, "/enterprise_ids/%d", i));
		x->members[i].id = ids[i];
	}
	x->n_members = n;
	return 0;
}

static int save(struct api_ctx *c, int64_t id)
{
	struct store_arrangement x = {0};
	struct store_arrangement_refusal why;
	int rc;

	x.ar.id = id;
	if (read_body(c, &x) != 0)
		return -1;
	rc = store_arrangement_save(c->db, &c->actor, &arrangement_json_audit, &x, &why);
	if (rc == KFQ_EINVAL && why.member >= 0) {
		const char *field = arena_printf(c->a, "/enterprise_ids/%d", why.member);
		if (why.not_found)
			return api_error(c, 400, "invalid_value", "企业不存在", field);
		if (why.not_in_host)
			return api_error(c, 400, "invalid_value", "企业不在所在开发区登记", field);
		return api_error(c, 409, "arrangement_overlap",
		                 arena_printf(c->a,
		                              "该企业已属于合作安排（编号%lld），两者的合作期重叠",
		                              (long long)why.other),
		                 field);
	}
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "所在开发区和合作开发区应为开发区",
		                 "/host_zone_id");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_arrangement_get(c->db, c->a, x.ar.id, &x)) != KFQ_OK)
		return api_store_error(c, rc);
	arrangement_json_write(&c->w, &x);
	return api_ok(c, id ? 200 : 201);
}

static int create(struct api_ctx *c)
{
	return save(c, 0);
}

static int update(struct api_ctx *c)
{
	int64_t id;

	if (api_path_id(c, &id) != 0)
		return -1;
	return save(c, id);
}

/* DELETE /api/arrangements/:id: one entered by mistake or ended for good; its enterprises'
 * revenue is their own zone's again in a computation after it */
static int discard(struct api_ctx *c)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_arrangement_delete(c->db, &c->actor, &arrangement_json_audit, id)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

static const struct api_field list_query[] = {API_ID_FIELD("zone_id", false), API_FIELDS_END};

static const struct api_field ratio_fields[] = {
    API_INT_FIELD("from_year", true, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    /* 0 and 100 % are refused by core/arrangement.c, with the reason */
    API_INT_FIELD("partner_bp", true, 0, MONEY_BP),
    API_FIELDS_END,
};

static const struct api_field body[] = {
    {"kind", API_STR, true, 32},
    {"name", API_STR, true, 100},
    API_ID_FIELD("host_zone_id", true),
    API_ID_FIELD("partner_zone_id", false),
    {"partner_name", API_STR, false, 200},
    {"start_date", API_STR, true, 16},
    {"end_date", API_STR, false, 16},
    {"note", API_STR, false, 2000},
    {"ratios", API_OBJ_ARRAY, true, ARRANGEMENT_MAX_RATIOS, ratio_fields},
    API_IDS_FIELD("enterprise_ids", false, 5000),
    API_FIELDS_END,
};

const struct api_route api_arrangement_routes[] = {
    {"GET", "/api/arrangements", list, PERM_ENTERPRISE_READ, API_CACHED, list_query, NULL},
    {"POST", "/api/arrangements", create, PERM_ARRANGEMENT_WRITE, 0, NULL, body},
    {"GET", "/api/arrangements/:id", get, PERM_ENTERPRISE_READ, API_CACHED, NULL, NULL},
    {"PUT", "/api/arrangements/:id", update, PERM_ARRANGEMENT_WRITE, 0, NULL, body},
    {"DELETE", "/api/arrangements/:id", discard, PERM_ARRANGEMENT_WRITE, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
