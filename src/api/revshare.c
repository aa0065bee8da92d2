/* revshare.c - revenue sharing (art. 6, lead 市财政局): each year's configuration, computing
 * every zone's statement, reading statements and their lines, confirming one, the history the
 * charts draw; the route table of the revenue-sharing endpoints (the statement documents are in
 * revshare_doc.c, the what-if in revshare_whatif.c). Must not write SQL or compute money. */
#include "api/revshare_impl.h"
#include "api/todo.h"

#include "app/revshare_json.h"
#include "app/revshare_run.h"
#include "core/money.h"

#include <stdlib.h>
#include <string.h>

int revshare_run_error(struct api_ctx *c, const struct revshare_run_result *r)
{
	switch (r->status) {
	case REVSHARE_RUN_NOT_CONFIGURED:
		return api_error(c, 409, "not_configured", r->message, "/year");
	case REVSHARE_RUN_INVALID:
		return api_error(c, 409, "invalid_inputs", r->message, NULL);
	default:
		return api_store_error(c, r->rc);
	}
}

/* ---- configuration ---- */

static void write_tax_types(struct jsonw *w)
{
	jsonw_key(w, "tax_types");
	jsonw_arr_open(w);
	for (int t = 0; t < TAX_TYPE_COUNT; t++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "code", tax_type_defs[t].code);
		jsonw_kint(w, "default_local_bp", tax_type_defs[t].default_local_bp);
		jsonw_kstr(w, "label", tax_type_defs[t].label);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static int years(struct api_ctx *c)
{
	struct store_revshare_year *y;
	int n, rc;

	if ((rc = store_revshare_year_list(c->db, c->a, &y, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "default_base_year", REVSHARE_DEFAULT_BASE_YEAR);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		revshare_json_year(&c->w, &y[i]);
	jsonw_arr_close(&c->w);
	write_tax_types(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

int revshare_path_year(struct api_ctx *c, int *year)
{
	const char *v = http_param(c->req, "year");
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;

	if (!v || *end || n < REVSHARE_YEAR_MIN || n > REVSHARE_YEAR_MAX)
		return api_error(c, 400, "invalid_parameter", "年度应在2000至2100之间", "year");
	*year = (int)n;
	return 0;
}

/* PUT /api/revshare/years/:year {"base_year","ratio_bp","shares":[{"tax_type","share_bp"}]} */
static int set_year(struct api_ctx *c)
{
	struct store_revshare_year y = {0};
	json_t *shares = json_object_get(c->body, "shares");
	bool seen[TAX_TYPE_COUNT] = {false};
	int rc;

	if (money_require_manage(c) != 0 || revshare_path_year(c, &y.year) != 0)
		return -1;
	y.base_year = api_body_has(c, "base_year") ? (int)api_body_int(c, "base_year")
	                                           : REVSHARE_DEFAULT_BASE_YEAR;
	y.ratio_bp = api_body_int(c, "ratio_bp");
	for (size_t i = 0; i < json_array_size(shares); i++) {
		json_t *it = json_array_get(shares, i);
		int t = tax_type_find(json_string_value(json_object_get(it, "tax_type")));
		if (t < 0 || seen[t])
			return api_error(c, 400, "invalid_value", t < 0 ? "未知的税种" : "税种重复",
			                 arena_printf(c->a, "/shares/%zu/tax_type", i));
		seen[t] = true;
		y.share_bp[t] = json_integer_value(json_object_get(it, "share_bp"));
	}
	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		if (!seen[t])
			return api_error(
			    c, 400, "missing_field",
			    arena_printf(c->a, "请填写%s的地方留成比例", tax_type_defs[t].label),
			    "/shares");
	/* a year may be its own base year: the base year's configuration carries the shares its
	 * taxes are counted with */
	if (y.base_year > y.year)
		return api_error(
		    c, 400, "invalid_value",
		    arena_printf(c->a, "基准年应在%d至%d年之间", REVSHARE_YEAR_MIN, y.year),
		    "/base_year");
	rc = store_revshare_year_set(c->db, &c->actor, &revshare_json_audit, &y, "set", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_revshare_year_get(c->db, c->a, y.year, &y)) != KFQ_OK)
		return api_store_error(c, rc);
	revshare_json_year(&c->w, &y);
	return api_ok(c, 200);
}

/* ---- computing ---- */

/* POST /api/revshare/statements/compute {"year"} */
static int compute(struct api_ctx *c)
{
	struct revshare_run_result r;
	int64_t year = api_body_int(c, "year");

	if (money_require_manage(c) != 0)
		return -1;
	if (revshare_run(c->db, c->a, &c->actor, (int)year, &r) != KFQ_OK)
		return revshare_run_error(c, &r);
	jsonw_obj_open(&c->w);
	revshare_json_fen(&c->w, "returned", r.returned_fen);
	jsonw_kint(&c->w, "year", year);
	jsonw_key(&c->w, "zones");
	jsonw_arr_open(&c->w);
	for (size_t i = 0; i < r.n_zones; i++) {
		const struct store_revshare_statement *st = &r.zones[i].st;
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "action", revshare_action_code(r.zones[i].action));
		revshare_json_e4(&c->w, "increment", st->increment_e4);
		jsonw_kint(&c->w, "n_lines", st->n_lines);
		revshare_json_fen(&c->w, "returned", st->returned_fen);
		jsonw_kint(&c->w, "statement_id", st->id);
		jsonw_kint(&c->w, "version", st->version);
		jsonw_kint(&c->w, "zone_id", st->zone_id);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* ---- statements ---- */

static int list(struct api_ctx *c)
{
	struct store_revshare_filter f = {0};
	struct store_revshare_statement *st;
	const char *latest = api_query_str(c, "latest");
	int n, rc;

	if (latest && strcmp(latest, "true") != 0 && strcmp(latest, "false") != 0)
		return api_error(c, 400, "invalid_parameter", "latest 应为 true 或 false",
		                 "latest");
	f.year = (int)api_query_int(c, "year", 0);
	f.zone_id = api_query_int(c, "zone_id", 0);
	f.latest = latest && strcmp(latest, "true") == 0;
	money_scope(c, &f.scope);
	if ((rc = store_revshare_list(c->db, c->a, &f, &st, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		revshare_json_statement(&c->w, &st[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

int revshare_load(struct api_ctx *c, struct store_revshare_statement *st)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_revshare_get(c->db, c->a, id, st)) != KFQ_OK)
		return api_store_error(c, rc);
	return money_zone_visible(c, st->zone_id);
}

/* {"statement":{…},"versions":[{…}]}: the statement and every version of its zone and year */
static int get(struct api_ctx *c)
{
	struct store_revshare_statement st, *all;
	struct store_revshare_filter f = {0};
	int n, rc;

	if (revshare_load(c, &st) != 0)
		return -1;
	f.year = st.year;
	f.zone_id = st.zone_id;
	money_scope(c, &f.scope);
	if ((rc = store_revshare_list(c->db, c->a, &f, &all, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "statement");
	revshare_json_statement(&c->w, &st);
	jsonw_key(&c->w, "versions");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "confirmed_at", all[i].confirmed_at);
		jsonw_kint(&c->w, "id", all[i].id);
		jsonw_kint(&c->w, "returned_fen", all[i].returned_fen);
		jsonw_kstr(&c->w, "status", all[i].status);
		jsonw_kint(&c->w, "version", all[i].version);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int lines(struct api_ctx *c)
{
	struct store_revshare_statement st;
	struct store_revshare_line *l;
	int64_t offset, limit, total;
	int n, rc;

	if (revshare_load(c, &st) != 0)
		return -1;
	api_query_page(c, &offset, &limit);
	rc = store_revshare_lines(c->db, c->a, st.id, api_query_str(c, "q"), offset, limit, &l, &n,
	                          &total);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		revshare_json_line(&c->w, &l[i]);
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

static int confirm(struct api_ctx *c)
{
	struct store_revshare_statement st;
	struct revshare_run_result r;
	bool current = true;
	int rc;

	if (money_require_manage(c) != 0 || revshare_load(c, &st) != 0)
		return -1;
	/* a draft is signed as what the inputs give now, not as they were when it was computed */
	if (!strcmp(st.status, "draft") &&
	    revshare_is_current(c->db, c->a, &st, &current, &r) != KFQ_OK)
		return revshare_run_error(c, &r);
	if (!current)
		return api_error(
		    c, 409, "stale",
		    "该结算单计算之后，分成设置或企业税收数据已有变化，请先重新计算再确认", NULL);
	rc = store_revshare_confirm(c->db, &c->actor, &revshare_json_audit, st.id);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "not_confirmable",
		                 strcmp(st.status, "confirmed") == 0
		                     ? "该结算单已确认"
		                     : "该结算单已有更新的版本，请确认最新版本",
		                 NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if ((rc = store_revshare_get(c->db, c->a, st.id, &st)) != KFQ_OK)
		return api_store_error(c, rc);
	revshare_json_statement(&c->w, &st);
	return api_ok(c, 200);
}

/* GET /api/revshare/history?from=&to=: each zone's newest statement per year, for the charts */
static int history(struct api_ctx *c)
{
	struct store_revshare_statement *st;
	struct store_scope scope;
	int64_t from = api_query_int(c, "from", REVSHARE_YEAR_MIN);
	int64_t to = api_query_int(c, "to", REVSHARE_YEAR_MAX);
	int n, rc;

	money_scope(c, &scope);
	if ((rc = store_revshare_history(c->db, c->a, (int)from, (int)to, &scope, &st, &n)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		revshare_json_e4(&c->w, "counted", st[i].counted_e4);
		revshare_json_e4(&c->w, "increment", st[i].increment_e4);
		revshare_json_fen(&c->w, "returned", st[i].returned_fen);
		jsonw_kstr(&c->w, "status", st[i].status);
		jsonw_kint(&c->w, "statement_id", st[i].id);
		jsonw_kint(&c->w, "version", st[i].version);
		jsonw_kint(&c->w, "year", st[i].year);
		jsonw_kint(&c->w, "zone_id", st[i].zone_id);
		jsonw_kstr(&c->w, "zone_name", st[i].zone_name);
		jsonw_obj_close(&c->w);
	}
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static const struct api_field list_query[] = {
    API_INT_FIELD("year", false, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    API_ID_FIELD("zone_id", false),
    API_QSTR("latest", 5),
    API_FIELDS_END,
};
static const struct api_field lines_query[] = {API_QSTR("q", 200), API_QPAGE, API_FIELDS_END};
static const struct api_field history_query[] = {
    API_INT_FIELD("from", false, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    API_INT_FIELD("to", false, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    API_FIELDS_END,
};

static const struct api_field share_fields[] = {
    {"tax_type", API_STR, true, 32},
    API_INT_FIELD("share_bp", true, 0, MONEY_BP),
    API_FIELDS_END,
};

static const struct api_field year_body[] = {
    API_INT_FIELD("base_year", false, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    API_INT_FIELD("ratio_bp", true, 0, MONEY_BP),
    {"shares", API_OBJ_ARRAY, true, TAX_TYPE_COUNT, share_fields},
    API_FIELDS_END,
};

static const struct api_field compute_body[] = {
    API_INT_FIELD("year", true, REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX),
    API_FIELDS_END,
};

const struct api_route api_revshare_routes[] = {
    {"GET", "/api/revshare/years", years, PERM_REVSHARE_READ, 0, NULL, NULL},
    {"PUT", "/api/revshare/years/:year", set_year, PERM_REVSHARE_MANAGE, 0, NULL, year_body},
    {"POST", "/api/revshare/statements/compute", compute, PERM_REVSHARE_MANAGE, 0, NULL,
     compute_body},
    {"GET", "/api/revshare/statements", list, PERM_REVSHARE_READ, API_CACHED, list_query, NULL},
    {"GET", "/api/revshare/statements/:id", get, PERM_REVSHARE_READ, API_CACHED, NULL, NULL},
    {"GET", "/api/revshare/statements/:id/lines", lines, PERM_REVSHARE_READ, API_CACHED,
     lines_query, NULL},
    {"GET", "/api/revshare/statements/:id/export.xlsx", revshare_export, PERM_REVSHARE_READ, 0,
     NULL, NULL},
    {"GET", "/api/revshare/statements/:id/export.csv", revshare_export, PERM_REVSHARE_READ, 0, NULL,
     NULL},
    {"GET", "/api/revshare/statements/:id/print", revshare_print, PERM_REVSHARE_READ, 0, NULL,
     NULL},
    {"POST", "/api/revshare/statements/:id/confirm", confirm, PERM_REVSHARE_MANAGE, 0, NULL, NULL},
    {"GET", "/api/revshare/history", history, PERM_REVSHARE_READ, API_CACHED, history_query, NULL},
    {"POST", "/api/revshare/whatif", revshare_whatif_compare, PERM_REVSHARE_COMPARE, 0, NULL,
     revshare_whatif_body},
    {"POST", "/api/revshare/whatif/adopt", revshare_whatif_adopt, PERM_REVSHARE_MANAGE, 0, NULL,
     revshare_adopt_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* 我的待办 (api/todo.h): the statements of the newest year with one waiting (each zone's newest
 * version, still a draft), for the organizations that confirm them; the link opens that year. */
static int to_confirm(struct api_ctx *c, struct api_todo_item *out)
{
	struct store_revshare_filter f = {.latest = true};
	struct store_revshare_statement *st;
	int n, rc, year = 0;

	out->link = "/revshare";
	out->level = "warning";
	money_scope(c, &f.scope);
	if ((rc = store_revshare_list(c->db, c->a, &f, &st, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n; i++) {
		if (strcmp(st[i].status, "draft") != 0 || (year && st[i].year != year))
			continue;
		year = st[i].year; /* the list is newest year first */
		out->count++;
	}
	if (year)
		out->link = arena_printf(c->a, "/revshare?year=%d", year);
	return 0;
}

const struct api_todo api_revshare_todos[] = {
    {.key = "revshare_to_confirm",
     .label = "待确认的财力分成结算单",
     .perm = PERM_REVSHARE_MANAGE,
     .capability = "confirm_revenue",
     .fill = to_confirm},
    {.key = NULL},
};
