/* store_platform.c - platform companies in SQL: companies with shareholders and injections, the
 * checklist, yearly figures and the warning lines. Must not validate the fields
 * (core/platform.c) or decide who may write (api/). */
#include "store/store_platform.h"
#include "store/store_attachment.h"
#include "store/store_enterprise.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPANY_COLS                                                                               \
	"c.id, c.zone_id, o.name, c.name, c.uscc, c.type, c.established_on, c.note, "              \
	"c.created_at, c.updated_at"
#define SHEET_COLS                                                                                 \
	"year, assets_fen, liabilities_fen, interest_bearing_fen, current_assets_fen, "            \
	"current_liabilities_fen, guarantees_fen, revenue_fen, profit_fen, updated_at"
#define COMPANY_FROM " FROM platform_company c JOIN org o ON o.id = c.zone_id"
/* the latest year's figures beside each company */
#define LATEST_JOIN                                                                                \
	" LEFT JOIN platform_sheet s ON s.company_id = c.id AND s.year = (SELECT MAX(year) FROM "  \
	"platform_sheet m WHERE m.company_id = c.id)"
#define SHEET_COLS_S                                                                               \
	"s.year, s.assets_fen, s.liabilities_fen, s.interest_bearing_fen, s.current_assets_fen, "  \
	"s.current_liabilities_fen, s.guarantees_fen, s.revenue_fen, s.profit_fen, s.updated_at"

static const char sql_list[] = "SELECT " COMPANY_COLS ", " SHEET_COLS_S COMPANY_FROM LATEST_JOIN;
static const char sql_count[] = "SELECT COUNT(*)" COMPANY_FROM;
static const char sql_get[] = "SELECT " COMPANY_COLS COMPANY_FROM " WHERE c.id = ?1";
static const char sql_by_uscc[] = "SELECT " COMPANY_COLS COMPANY_FROM " WHERE c.uscc = ?1";
static const char sql_year[] = "SELECT " COMPANY_COLS ", " SHEET_COLS_S COMPANY_FROM
                               " LEFT JOIN platform_sheet s ON s.company_id = c.id AND s.year = ?1";
static const char sql_holders[] = "SELECT name, kind, stake_bp FROM platform_shareholder WHERE "
                                  "company_id = ?1 ORDER BY pos";
static const char sql_injections[] = "SELECT asset, valuation_fen, injected_on FROM "
                                     "platform_injection WHERE company_id = ?1 ORDER BY pos";
static const char sql_insert[] =
    "INSERT INTO platform_company (zone_id, name, uscc, type, established_on, note, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id";
static const char sql_update[] =
    "UPDATE platform_company SET zone_id = ?2, name = ?3, uscc = ?4, type = ?5, "
    "established_on = ?6, note = ?7, updated_at = ?8 WHERE id = ?1 RETURNING id";
static const char sql_holders_clear[] = "DELETE FROM platform_shareholder WHERE company_id = ?1";
static const char sql_holder_add[] = "INSERT INTO platform_shareholder (company_id, pos, name, "
                                     "kind, stake_bp) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_injections_clear[] = "DELETE FROM platform_injection WHERE company_id = ?1";
static const char sql_injection_add[] = "INSERT INTO platform_injection (company_id, pos, asset, "
                                        "valuation_fen, injected_on) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_duty_add[] = "INSERT INTO platform_duty (company_id, duty, status, "
                                   "evidence, updated_at) VALUES (?1, ?2, 'todo', '', ?3)";
static const char sql_duties[] = "SELECT id, duty, status, evidence, updated_at FROM platform_duty "
                                 "WHERE company_id = ?1 ORDER BY id";
static const char sql_duty_get[] = "SELECT id, duty, status, evidence, updated_at, company_id "
                                   "FROM platform_duty WHERE id = ?1";
static const char sql_duty_update[] = "UPDATE platform_duty SET status = ?2, evidence = ?3, "
                                      "updated_at = ?4 WHERE id = ?1";
/* what a company's own work leaves: figures, a checklist item moved on, files, a 督办单 */
static const char sql_company_used[] =
    "SELECT 1 WHERE EXISTS (SELECT 1 FROM platform_sheet WHERE company_id = ?1) OR EXISTS "
    "(SELECT 1 FROM platform_duty d WHERE d.company_id = ?1 AND (d.status <> 'todo' OR "
    "d.evidence <> '' OR EXISTS (SELECT 1 FROM attachment f WHERE f.entity_type = "
    "'platform_duty' AND f.entity_id = d.id))) OR EXISTS (SELECT 1 FROM supervision_notice "
    "WHERE entity_type = 'platform_company' AND entity_id = ?1)";
static const char *const sql_company_delete[] = {
    "DELETE FROM platform_duty WHERE company_id = ?1",
    "DELETE FROM platform_shareholder WHERE company_id = ?1",
    "DELETE FROM platform_injection WHERE company_id = ?1",
    "DELETE FROM platform_company WHERE id = ?1",
};
static const char sql_sheets[] = "SELECT " SHEET_COLS " FROM platform_sheet WHERE company_id = ?1 "
                                 "ORDER BY year DESC";
static const char sql_sheet_get[] = "SELECT " SHEET_COLS " FROM platform_sheet WHERE "
                                    "company_id = ?1 AND year = ?2";
static const char sql_sheet_clear[] =
    "DELETE FROM platform_sheet WHERE company_id = ?1 AND year = ?2";
static const char sql_sheet_add[] = "INSERT INTO platform_sheet (company_id, " SHEET_COLS
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_lines[] = "SELECT type, indicator, warning_bp, key_bp FROM platform_line";
static const char sql_line_clear[] = "DELETE FROM platform_line WHERE type = ?1";
static const char sql_line_add[] =
    "INSERT INTO platform_line (type, indicator, warning_bp, key_bp, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5)";

/* columns k..k+9 of a sheet */
static void read_sheet_at(struct store_stmt *st, struct arena *a, int k,
                          struct store_platform_sheet *y)
{
	y->year = (int)store_col_int(st, k);
	y->sheet.assets = store_col_int(st, k + 1);
	y->sheet.liabilities = store_col_int(st, k + 2);
	y->sheet.interest_bearing = store_col_int(st, k + 3);
	y->sheet.current_assets = store_col_int(st, k + 4);
	y->sheet.current_liabilities = store_col_int(st, k + 5);
	y->sheet.guarantees = store_col_int(st, k + 6);
	y->revenue_fen = store_col_int(st, k + 7);
	y->profit_fen = store_col_int(st, k + 8);
	y->updated_at = store_col_dup(st, k + 9, a);
}

/* element: a struct store_platform_sheet */
static void read_sheet(struct store_stmt *st, struct arena *a, void *element)
{
	memset(element, 0, sizeof(struct store_platform_sheet));
	read_sheet_at(st, a, 0, element);
}

/* element: a struct store_platform_company (without its lists) */
static void read_company(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_platform_company *c = element;
	int type = platform_type_find(store_col_text(st, 5));

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->zone_id = store_col_int(st, 1);
	c->zone_name = store_col_dup(st, 2, a);
	c->name = store_col_dup(st, 3, a);
	c->uscc = store_col_dup(st, 4, a);
	c->type = type < 0 ? PLATFORM_NON_INDUSTRIAL : (enum platform_type)type;
	c->established_on = store_col_dup(st, 6, a);
	c->note = store_col_dup(st, 7, a);
	c->created_at = store_col_dup(st, 8, a);
	c->updated_at = store_col_dup(st, 9, a);
}

/* element: a company with a sheet's columns after its own (absent when the year is NULL) */
static void read_company_sheet(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_platform_company *c = element;

	read_company(st, a, element);
	c->has_sheet = !store_col_null(st, 10);
	if (c->has_sheet)
		read_sheet_at(st, a, 10, &c->latest);
}

static void read_holder(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_platform_shareholder *h = element;

	h->name = store_col_dup(st, 0, a);
	h->kind = store_col_dup(st, 1, a);
	h->stake_bp = store_col_int(st, 2);
}

static void read_injection(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_platform_injection *x = element;

	x->asset = store_col_dup(st, 0, a);
	x->valuation_fen = store_col_int(st, 1);
	x->injected_on = store_col_dup(st, 2, a);
}

static void list_filter(struct store_sql *q, const void *arg)
{
	const struct store_platform_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->zone_id)
		store_sql_int(q, " AND c.zone_id = ?", f->zone_id);
	if (f->q && *f->q) {
		store_sql_text(q, " AND (c.name LIKE ? ESCAPE '\\'", f->q);
		store_sql_text(q, " OR c.uscc LIKE ? ESCAPE '\\')", f->q);
	}
	if (!store_scope_everything(f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "c.zone_id", f->scope);
	}
}

int store_platform_list(struct store *s, struct arena *a, const struct store_platform_filter *f,
                        struct store_platform_company **out, int *n, int64_t *total)
{
	struct store_platform_filter g = *f;
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = &g,
	    .read = read_company_sheet,
	    .elem_size = sizeof(**out),
	    .filter = list_filter,
	    .order = " ORDER BY o.name, c.name, c.id",
	};
	void *arr;
	int rc;

	g.q = store_like_contains(a, f->q);
	rc = store_list_page(s, a, &l, &arr, n, total);
	*out = arr;
	return rc;
}

static int fill_lists(struct store *s, struct arena *a, struct store_platform_company *c)
{
	void *h, *x;
	int rc = store_collect(s, a, sql_holders, c->id, sizeof(*c->holders), read_holder, &h,
	                       &c->nholders);

	if (rc == KFQ_OK)
		rc = store_collect(s, a, sql_injections, c->id, sizeof(*c->injections),
		                   read_injection, &x, &c->ninjections);
	if (rc == KFQ_OK) {
		c->holders = h;
		c->injections = x;
	}
	return rc;
}

static int get_by(struct store *s, struct arena *a, const char *sql, int64_t id, const char *text,
                  struct store_platform_company *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (text)
		store_bind_text(st, 1, text);
	else
		store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_company, out)) != KFQ_OK)
		return rc;
	return fill_lists(s, a, out);
}

int store_platform_get(struct store *s, struct arena *a, int64_t id,
                       struct store_platform_company *out)
{
	return get_by(s, a, sql_get, id, NULL, out);
}

int store_platform_by_uscc(struct store *s, struct arena *a, const char *uscc,
                           struct store_platform_company *out)
{
	return get_by(s, a, sql_by_uscc, 0, uscc, out);
}

/* store_entity_writer of a company */
static int write_company(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_platform_json *j = json;
	struct store_platform_company c;
	int rc = store_platform_get(s, a, id, &c);

	if (rc == KFQ_OK)
		j->company(w, &c);
	return rc;
}

static int run_int_text(struct store *s, const char *sql, int64_t id, const char *text)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if (text)
		store_bind_text(st, 2, text);
	return store_run(st);
}

/* replaces the shareholders and injections of c */
static int write_lists(struct store *s, const struct store_platform_company *c)
{
	struct store_stmt *st;
	int rc = run_int_text(s, sql_holders_clear, c->id, NULL);

	if (rc == KFQ_OK)
		rc = run_int_text(s, sql_injections_clear, c->id, NULL);
	for (int i = 0; rc == KFQ_OK && i < c->nholders; i++) {
		if ((rc = store_prepare(s, sql_holder_add, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, c->id);
		store_bind_int(st, 2, i);
		store_bind_text(st, 3, c->holders[i].name);
		store_bind_text(st, 4, c->holders[i].kind);
		store_bind_int(st, 5, c->holders[i].stake_bp);
		rc = store_run(st);
	}
	for (int i = 0; rc == KFQ_OK && i < c->ninjections; i++) {
		if ((rc = store_prepare(s, sql_injection_add, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, c->id);
		store_bind_int(st, 2, i);
		store_bind_text(st, 3, c->injections[i].asset);
		store_bind_int(st, 4, c->injections[i].valuation_fen);
		store_bind_text(st, 5, c->injections[i].injected_on);
		rc = store_run(st);
	}
	return rc;
}

/* the six checklist items of a new company */
static int add_duties(struct store *s, int64_t id, const char *now)
{
	struct store_stmt *st;
	int rc = KFQ_OK;

	for (int d = 0; rc == KFQ_OK && d < PLATFORM_DUTY_COUNT; d++) {
		if ((rc = store_prepare(s, sql_duty_add, &st)) != KFQ_OK)
			break;
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, platform_duty_code((enum platform_duty)d));
		store_bind_text(st, 3, now);
		rc = store_run(st);
	}
	return rc;
}

int store_platform_save(struct store *s, const struct store_actor *who,
                        const struct store_platform_json *json, struct store_platform_company *c)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	bool create = c->id == 0;
	int rc, k = 1;

	time_format(time_now(), now);
	rc = create ? store_begin(s) : store_begin_change(s, c->id, write_company, json, &before);
	if (rc != KFQ_OK)
		return rc;
	rc = store_enterprise_zone_check(s, c->zone_id);
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_ECONSTRAINT;
	if (rc == KFQ_OK &&
	    (rc = store_prepare(s, create ? sql_insert : sql_update, &st)) == KFQ_OK) {
		if (!create)
			store_bind_int(st, k++, c->id);
		store_bind_int(st, k++, c->zone_id);
		store_bind_text(st, k++, c->name);
		store_bind_text(st, k++, c->uscc);
		store_bind_text(st, k++, platform_type_code(c->type));
		store_bind_text(st, k++, c->established_on);
		store_bind_text(st, k++, c->note ? c->note : "");
		store_bind_text(st, k, now);
		rc = store_run_id(st, &c->id);
	}
	if (rc == KFQ_OK && create)
		rc = add_duties(s, c->id, now);
	if (rc == KFQ_OK)
		rc = write_lists(s, c);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, create ? "create" : "update", "platform_company",
		                        c->id, before, write_company, json);
	if ((rc = store_end(s, rc)) != KFQ_OK && create)
		c->id = 0;
	free(before);
	return rc;
}

/* ---- the checklist ---- */

/* element: a struct store_platform_duty */
static void read_duty(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_platform_duty *d = element;
	int duty = platform_duty_find(store_col_text(st, 1));
	int status = platform_status_find(store_col_text(st, 2));

	d->id = store_col_int(st, 0);
	d->duty = duty < 0 ? PLATFORM_DUTY_COUNT : (enum platform_duty)duty;
	d->status = status < 0 ? PLATFORM_TODO : (enum platform_status)status;
	d->evidence = store_col_dup(st, 3, a);
	d->updated_at = store_col_dup(st, 4, a);
}

int store_platform_duties(struct store *s, struct arena *a, int64_t company_id,
                          struct store_platform_duty **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_duties, company_id, sizeof(**out), read_duty, &arr, n);

	*out = arr;
	return rc;
}

struct duty_row {
	struct store_platform_duty d;
	int64_t company_id;
};

static void read_duty_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct duty_row *r = element;

	read_duty(st, a, &r->d);
	r->company_id = store_col_int(st, 5);
}

int store_platform_duty_get(struct store *s, struct arena *a, int64_t id, int64_t *company_id,
                            struct store_platform_duty *out)
{
	struct store_stmt *st;
	struct duty_row r;
	int rc;

	if ((rc = store_prepare(s, sql_duty_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_duty_row, &r)) != KFQ_OK)
		return rc;
	*out = r.d;
	*company_id = r.company_id;
	return KFQ_OK;
}

/* store_entity_writer of a checklist item */
static int write_duty(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_platform_json *j = json;
	struct store_platform_duty d;
	int64_t company_id;
	int rc = store_platform_duty_get(s, a, id, &company_id, &d);

	if (rc == KFQ_OK)
		j->duty(w, &d);
	return rc;
}

int store_platform_duty_save(struct store *s, const struct store_actor *who,
                             const struct store_platform_json *json, struct store_platform_duty *d,
                             int64_t org_id, const int64_t *ids, int nids)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, d->id, write_duty, json, &before)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_duty_update, &st)) == KFQ_OK) {
		store_bind_int(st, 1, d->id);
		store_bind_text(st, 2, platform_status_code(d->status));
		store_bind_text(st, 3, d->evidence ? d->evidence : "");
		store_bind_text(st, 4, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK && nids > 0)
		rc = store_attachment_claim(s, "platform_duty", d->id, org_id, ids, nids);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "platform_duty", d->id, before,
		                        write_duty, json);
	rc = store_end(s, rc);
	free(before);
	return rc;
}

/* ---- yearly figures ---- */

int store_platform_sheets(struct store *s, struct arena *a, int64_t company_id,
                          struct store_platform_sheet **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_sheets, company_id, sizeof(**out), read_sheet, &arr, n);

	*out = arr;
	return rc;
}

static int sheet_put(struct store *s, int64_t company_id, const struct store_platform_sheet *y)
{
	char now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_sheet_clear, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, company_id);
	store_bind_int(st, 2, y->year);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, sql_sheet_add, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, company_id);
	store_bind_int(st, 2, y->year);
	store_bind_int(st, 3, y->sheet.assets);
	store_bind_int(st, 4, y->sheet.liabilities);
	store_bind_int(st, 5, y->sheet.interest_bearing);
	store_bind_int(st, 6, y->sheet.current_assets);
	store_bind_int(st, 7, y->sheet.current_liabilities);
	store_bind_int(st, 8, y->sheet.guarantees);
	store_bind_int(st, 9, y->revenue_fen);
	store_bind_int(st, 10, y->profit_fen);
	store_bind_text(st, 11, now);
	return store_run(st);
}

static int sheet_get(struct store *s, struct arena *a, int64_t company_id, int year,
                     struct store_platform_sheet *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_sheet_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, company_id);
	store_bind_int(st, 2, year);
	return store_row(st, a, read_sheet, out);
}

/* the JSON of a company's year for the audit record (NULL when it had none) */
static char *sheet_json(struct store *s, int64_t company_id, int year,
                        const struct store_platform_json *j, int *rc)
{
	struct store_platform_sheet y;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	struct arena a;

	arena_init(&a);
	*rc = sheet_get(s, &a, company_id, year, &y);
	if (*rc == KFQ_OK) {
		jsonw_init(&w, &sb);
		j->sheet(&w, company_id, &y);
	}
	arena_release(&a);
	if (*rc != KFQ_OK) {
		*rc = *rc == KFQ_ENOTFOUND ? KFQ_OK : *rc;
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* The worst level of the company's year as stored now (normal when it has no figures). */
static int
sheet_level(struct store *s, struct arena *a, const struct store_platform_company *co, int year,
            const struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT],
            enum platform_level *out)
{
	struct platform_reading r[PLATFORM_INDICATOR_COUNT];
	struct store_platform_sheet y;
	int rc = sheet_get(s, a, co->id, year, &y);

	*out = PLATFORM_LEVEL_NORMAL;
	if (rc == KFQ_ENOTFOUND)
		return KFQ_OK;
	if (rc == KFQ_OK && platform_assess(&y.sheet, lines[co->type], r) == 0)
		*out = platform_worst(r);
	return rc;
}

/* Puts the figures and, when they raise the year's worst level past normal, tells the inbox
 * (core platform_risk_item), after the step's audit record. */
static int sheet_tx(struct store *s, const struct store_actor *who,
                    const struct store_platform_json *json, int64_t company_id,
                    const struct store_platform_sheet *y, struct arena *a)
{
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	enum platform_level was, now;
	struct store_platform_company co;
	char id[48], *before = NULL, *after = NULL;
	struct inbox_item item;
	int rc;

	snprintf(id, sizeof(id), "%lld/%d", (long long)company_id, y->year);
	if ((rc = store_platform_lines(s, lines)) != KFQ_OK ||
	    (rc = store_platform_get(s, a, company_id, &co)) != KFQ_OK ||
	    (rc = sheet_level(s, a, &co, y->year, lines, &was)) != KFQ_OK)
		return rc;
	before = sheet_json(s, company_id, y->year, json, &rc);
	if (rc == KFQ_OK)
		rc = sheet_put(s, company_id, y);
	if (rc == KFQ_OK)
		after = sheet_json(s, company_id, y->year, json, &rc);
	if (rc == KFQ_OK)
		rc = store_audit_append(s, who, before ? "update" : "create", "platform_sheet", id,
		                        before, after);
	if (rc == KFQ_OK)
		rc = sheet_level(s, a, &co, y->year, lines, &now);
	if (rc == KFQ_OK && now > was) {
		platform_risk_item(co.id, co.name, co.zone_id, co.zone_name, y->year, now, a,
		                   &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	free(before);
	free(after);
	return rc;
}

int store_platform_sheet_import(struct store *s, struct arena *a,
                                const struct store_platform_company *co,
                                const struct store_platform_sheet *y, enum platform_level *rose)
{
	struct platform_line lines[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	enum platform_level was, now;
	int rc;

	*rose = PLATFORM_LEVEL_NORMAL;
	if ((rc = store_platform_lines(s, lines)) != KFQ_OK ||
	    (rc = sheet_level(s, a, co, y->year, lines, &was)) != KFQ_OK ||
	    (rc = sheet_put(s, co->id, y)) != KFQ_OK ||
	    (rc = sheet_level(s, a, co, y->year, lines, &now)) != KFQ_OK)
		return rc;
	if (now > was)
		*rose = now;
	return KFQ_OK;
}

int store_platform_sheet_save(struct store *s, const struct store_actor *who,
                              const struct store_platform_json *json, int64_t company_id,
                              const struct store_platform_sheet *y)
{
	struct arena a;
	int rc = store_begin(s);

	if (rc != KFQ_OK)
		return rc;
	arena_init(&a);
	rc = store_end(s, sheet_tx(s, who, json, company_id, y, &a));
	arena_release(&a);
	return rc;
}

/* ---- the board's year ---- */

struct year_arg {
	int year;
	const struct store_scope *scope;
};

static void year_head(struct store_sql *q, const void *arg)
{
	store_sql_param_int(q, ((const struct year_arg *)arg)->year);
}

static void year_filter(struct store_sql *q, const void *arg)
{
	const struct year_arg *y = arg;

	if (store_scope_everything(y->scope))
		return;
	store_sql_add(q, " WHERE ");
	store_sql_scope(q, "c.zone_id", y->scope);
}

int store_platform_year(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                        struct store_platform_company **out, int *n)
{
	struct year_arg arg = {year, scope};
	struct store_list l = {
	    .list_sql = sql_year,
	    .arg = &arg,
	    .read = read_company_sheet,
	    .elem_size = sizeof(**out),
	    .head = year_head,
	    .filter = year_filter,
	    .order = " ORDER BY o.name, c.name, c.id",
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* ---- warning lines ---- */

int store_platform_lines(struct store *s,
                         struct platform_line out[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT])
{
	struct store_stmt *st;
	int rc;

	for (int t = 0; t < PLATFORM_TYPE_COUNT; t++)
		platform_default_lines((enum platform_type)t, out[t]);
	if ((rc = store_prepare(s, sql_lines, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		int t = platform_type_find(store_col_text(st, 0));
		int i = -1;
		for (int k = 0; k < PLATFORM_INDICATOR_COUNT; k++)
			if (!strcmp(platform_indicator_code((enum platform_indicator)k),
			            store_col_text(st, 1)))
				i = k;
		if (t < 0 || i < 0)
			continue;
		out[t][i].warning_bp = store_col_int(st, 2);
		out[t][i].key_bp = store_col_int(st, 3);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* the JSON of a type's lines in force, heap */
static char *lines_json(struct store *s, const struct store_platform_json *j, enum platform_type t,
                        int *rc)
{
	struct platform_line l[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT];
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	if ((*rc = store_platform_lines(s, l)) != KFQ_OK)
		return NULL;
	jsonw_init(&w, &sb);
	j->lines(&w, t, l[t]);
	return strbuf_detach(&sb, NULL);
}

int store_platform_lines_save(struct store *s, const struct store_actor *who,
                              const struct store_platform_json *json, enum platform_type t,
                              const struct platform_line l[PLATFORM_INDICATOR_COUNT])
{
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	struct store_stmt *st;
	int rc = store_begin(s);

	if (rc != KFQ_OK)
		return rc;
	time_format(time_now(), now);
	before = lines_json(s, json, t, &rc);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_line_clear, &st)) == KFQ_OK) {
		store_bind_text(st, 1, platform_type_code(t));
		rc = store_run(st);
	}
	for (int i = 0; rc == KFQ_OK && i < PLATFORM_INDICATOR_COUNT; i++) {
		if ((rc = store_prepare(s, sql_line_add, &st)) != KFQ_OK)
			break;
		store_bind_text(st, 1, platform_type_code(t));
		store_bind_text(st, 2, platform_indicator_code((enum platform_indicator)i));
		store_bind_int(st, 3, l[i].warning_bp);
		store_bind_int(st, 4, l[i].key_bp);
		store_bind_text(st, 5, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		after = lines_json(s, json, t, &rc);
	if (rc == KFQ_OK)
		rc = store_audit_append(s, who, "update", "platform_line", platform_type_code(t),
		                        before, after);
	rc = store_end(s, rc);
	free(before);
	free(after);
	return rc;
}

int store_platform_delete(struct store *s, const struct store_actor *who,
                          const struct store_platform_json *json, int64_t id)
{
	char *before = NULL;
	int rc;

	if ((rc = store_begin_change(s, id, write_company, json, &before)) != KFQ_OK)
		return rc;
	rc = store_refuse_if(s, sql_company_used, id);
	for (size_t i = 0;
	     rc == KFQ_OK && i < sizeof(sql_company_delete) / sizeof(*sql_company_delete); i++)
		rc = store_exec_id(s, sql_company_delete[i], id);
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "platform_company", id, before, NULL);
	free(before);
	return store_end(s, rc);
}
