/* org.c - organizations: list (filtered by the caller's data scope), one, create, update,
 * export. Must not write SQL. */
#include "api/api.h"
#include "api/export.h"

#include "app/org_json.h"
#include "core/enums.h"

#include <string.h>

/* The organizations the caller may see, filtered by the query. */
static int visible(struct api_ctx *c, struct store_org **orgs, int *n)
{
	struct store_org_filter f = {0};
	int64_t *ids;
	int nids, rc;

	f.q = api_query_str(c, "q");
	f.type = api_query_str(c, "type");
	if (f.type && !account_org_type_valid(f.type))
		return api_error(c, 400, "invalid_parameter", "机构类型无效", "type");
	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	f.ids = ids;
	f.nids = nids;
	if ((rc = store_org_list(c->db, c->a, &f, orgs, n)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

int api_zone_list(struct api_ctx *c, const struct store_scope *scope)
{
	struct store_org_filter f = {.type = "zone"};
	struct store_org *o;
	int64_t *ids;
	int nids, n, rc;

	if (api_scope_orgs_of(c, scope, &ids, &nids) != 0)
		return -1;
	f.ids = ids;
	f.nids = nids;
	if ((rc = store_org_list(c->db, c->a, &f, &o, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", o[i].id);
		jsonw_kbool(&c->w, "is_sample", o[i].is_sample);
		jsonw_kstr(&c->w, "name", o[i].name);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int list(struct api_ctx *c)
{
	struct store_org *orgs;
	int n;

	if (visible(c, &orgs, &n) != 0)
		return -1;
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		org_json_write(&c->w, &orgs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static int load_in_scope(struct api_ctx *c, struct store_org *o)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_org_get(c->db, c->a, id, o)) != KFQ_OK)
		return api_store_error(c, rc);
	return api_scope_check(c, NULL, id);
}

static int get(struct api_ctx *c)
{
	struct store_org o;

	if (load_in_scope(c, &o) != 0)
		return -1;
	org_json_write(&c->w, &o);
	return api_ok(c, 200);
}

/* Reads and checks the body into o (id untouched). */
static int read_body(struct api_ctx *c, struct store_org *o)
{
	o->name = api_body_str(c, "name");
	o->type = api_body_str(c, "type");
	o->level = api_body_str(c, "level");
	o->parent_id = api_body_int(c, "parent_id");
	o->is_sample = api_body_bool(c, "is_sample");
	o->aliases = api_body_strs(c, "aliases", &o->naliases);
	if (!account_org_type_valid(o->type))
		return api_error(c, 400, "invalid_value", "机构类型无效", "/type");
	if (o->level && !strcmp(o->type, "zone") && !account_zone_level_valid(o->level))
		return api_error(c, 400, "invalid_value", "开发区级别应为国家级、省级或市级",
		                 "/level");
	if (o->level && strcmp(o->type, "zone") != 0)
		return api_error(c, 400, "invalid_value", "只有开发区可以设置级别", "/level");
	if (!strcmp(o->type, "zone") && !o->level)
		return api_error(c, 400, "missing_field", "请选择开发区级别", "/level");
	return 0;
}

static int save_error(struct api_ctx *c, int rc, const struct store_org *o, const char *taken)
{
	if (rc == KFQ_ECONFLICT && taken)
		return api_error(c, 409, "name_taken",
		                 arena_printf(c->a, "“%s”已被其他机构用作名称或别名", taken),
		                 !strcmp(taken, o->name) ? "/name" : "/aliases");
	if (rc == KFQ_ECONSTRAINT)
		return api_error(c, 400, "invalid_value", "上级机构不存在", "/parent_id");
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_value", "上级机构不能是本机构或其下级机构",
		                 "/parent_id");
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 "该开发区已有计划、人员、企业、用地等数据，不能改为其他类型的机构",
		                 "/type");
	return api_store_error(c, rc);
}

static int create(struct api_ctx *c)
{
	struct store_org o = {0};
	const char *taken = NULL;
	int rc;

	if (read_body(c, &o) != 0)
		return -1;
	if ((rc = store_org_create(c->db, &c->actor, &org_json_audit, &o, &taken)) != KFQ_OK)
		return save_error(c, rc, &o, taken);
	org_json_write(&c->w, &o);
	return api_ok(c, 201);
}

static int update(struct api_ctx *c)
{
	struct store_org o;
	const char *taken = NULL;
	int64_t id;
	int rc;

	if (load_in_scope(c, &o) != 0)
		return -1;
	id = o.id;
	if (read_body(c, &o) != 0)
		return -1;
	o.id = id;
	if ((rc = store_org_update(c->db, &c->actor, &org_json_audit, &o, &taken)) != KFQ_OK)
		return save_error(c, rc, &o, taken);
	org_json_write(&c->w, &o);
	return api_ok(c, 200);
}

static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"编号",         "名称", "类型",    "级别",
	                                      "上级机构编号", "别名", "示例数据"};
	static const double widths[] = {8, 36, 12, 10, 14, 40, 10};
	struct store_org *orgs;
	struct export_table x;
	int n;

	if (visible(c, &orgs, &n) != 0)
		return -1;
	if (export_begin(c, &x, "组织机构", headers, widths, 7) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct strbuf al = STRBUF_INIT;
		for (int k = 0; k < orgs[i].naliases; k++)
			strbuf_addf(&al, "%s%s", k ? "、" : "", orgs[i].aliases[k]);
		export_int(&x, orgs[i].id);
		export_text(&x, orgs[i].name);
		export_text(&x, enum_label(&enum_org_type, orgs[i].type));
		export_text(&x, enum_label(&enum_zone_level, orgs[i].level));
		if (orgs[i].parent_id)
			export_int(&x, orgs[i].parent_id);
		else
			export_text(&x, NULL);
		export_text(&x, al.buf);
		export_text(&x, orgs[i].is_sample ? "是" : "否");
		export_end_row(&x);
		strbuf_release(&al);
	}
	return export_finish(c, &x, "组织机构");
}

static const struct api_field list_query[] = {
    API_QSTR("q", 100),
    API_QSTR("type", 32),
    API_FIELDS_END,
};

static const struct api_field org_body[] = {
    {"name", API_STR, true, 100},
    {"type", API_STR, true, 32},
    API_ID_FIELD("parent_id", false),
    {"level", API_STR, false, 32},
    {"aliases", API_STR_ARRAY, false, 20},
    {"is_sample", API_BOOL, false, 0},
    {NULL, 0, false, 0},
};

const struct api_route api_org_routes[] = {
    {"GET", "/api/orgs", list, PERM_ORG_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/orgs/export.xlsx", export, PERM_ORG_READ, 0, list_query, NULL},
    {"GET", "/api/orgs/export.csv", export, PERM_ORG_READ, 0, list_query, NULL},
    {"GET", "/api/orgs/:id", get, PERM_ORG_READ, API_CACHED, NULL, NULL},
    {"POST", "/api/orgs", create, PERM_ORG_WRITE, 0, NULL, org_body},
    {"PUT", "/api/orgs/:id", update, PERM_ORG_WRITE, 0, NULL, org_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
