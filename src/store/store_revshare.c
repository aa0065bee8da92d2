/* store_revshare.c - revenue-sharing configuration, computation inputs and statements in SQL.
 * A confirmed statement is never written again (triggers refuse it too: migration 0032). Must
 * not compute anything (core/revshare.c does) or decide who may confirm (api/ does). */
#include "store/store_revshare.h"
#include "store/store_bulk.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_year_get[] =
    "SELECT year, base_year, ratio_bp, updated_at FROM revshare_year WHERE year = ?1";
static const char sql_year_list[] =
    "SELECT year, base_year, ratio_bp, updated_at FROM revshare_year ORDER BY year";
static const char sql_share_get[] = "SELECT tax_type, share_bp FROM revshare_share WHERE year = ?1";
static const char sql_year_upsert[] =
    "INSERT INTO revshare_year (year, base_year, ratio_bp, updated_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (year) DO UPDATE SET base_year = excluded.base_year, "
    "ratio_bp = excluded.ratio_bp, updated_at = excluded.updated_at";
static const char sql_share_delete[] = "DELETE FROM revshare_share WHERE year = ?1";
static const char sql_share_insert[] =
    "INSERT INTO revshare_share (year, tax_type, share_bp) VALUES (?1, ?2, ?3)";

static const char sql_sources[] =
    "SELECT id, uscc, name, zone_id, registered_on, settled_on FROM enterprise "
    "WHERE attracted = 1 ORDER BY id";
static const char sql_source_tax[] =
    "SELECT enterprise_id, tax_type, amount_fen FROM tax_record WHERE year = ?1";
static const char sql_zones[] = "SELECT id FROM org WHERE type = 'zone' ORDER BY id";

#define ST_COLS                                                                                    \
	"s.id, s.zone_id, o.name, s.year, s.version, s.status, s.base_year, s.ratio_bp, "          \
	"s.shares, "                                                                               \
	"s.local_e4, s.base_e4, s.increment_e4, s.counted_e4, s.returned_fen, s.n_lines, "         \
	"s.digest, s.computed_at, s.confirmed_at, s.confirmed_by, u.display_name, "                \
	"s.confirmed_org_id, co.name"
#define ST_FROM                                                                                    \
	" FROM revshare_statement s JOIN org o ON o.id = s.zone_id "                               \
	"LEFT JOIN app_user u ON u.id = s.confirmed_by LEFT JOIN org co ON co.id = "               \
	"s.confirmed_org_id"
#define ST_NEWEST                                                                                  \
	"s.version = (SELECT MAX(x.version) FROM revshare_statement x WHERE x.zone_id = "          \
	"s.zone_id "                                                                               \
	"AND x.year = s.year)"
static const char sql_list[] = "SELECT " ST_COLS ST_FROM;
static const char sql_get[] = "SELECT " ST_COLS ST_FROM " WHERE s.id = ?1";
static const char sql_newest[] =
    "SELECT id, version, status, digest FROM revshare_statement WHERE zone_id = ?1 "
    "AND year = ?2 ORDER BY version DESC LIMIT 1";
static const char sql_confirmed_digest[] =
    "SELECT id, version, digest FROM revshare_statement WHERE zone_id = ?1 AND year = ?2 "
    "AND status = 'confirmed' ORDER BY version DESC LIMIT 1";
static const char sql_st_delete[] = "DELETE FROM revshare_statement WHERE id = ?1";
static const char sql_st_insert[] =
    "INSERT INTO revshare_statement (zone_id, year, version, status, base_year, ratio_bp, "
    "shares, local_e4, base_e4, increment_e4, counted_e4, returned_fen, n_lines, digest, "
    "computed_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "RETURNING id";
static const char sql_st_replace[] =
    "UPDATE revshare_statement SET base_year = ?4, ratio_bp = ?5, shares = ?6, local_e4 = ?7, "
    "base_e4 = ?8, increment_e4 = ?9, counted_e4 = ?10, returned_fen = ?11, n_lines = ?12, "
    "digest = ?13, computed_at = ?14 WHERE id = ?1 AND zone_id = ?2 AND year = ?3 "
    "AND status = 'draft' RETURNING id";
static const char sql_lines_delete[] = "DELETE FROM revshare_line WHERE statement_id = ?1";
/* a statement's lines go in bulk: COPY on PostgreSQL (a zone may have tens of thousands) */
static const struct store_bulk_spec line_bulk = {
    .copy_sql = "COPY revshare_line (statement_id, seq, enterprise_id, uscc, name, arrival_year, "
                "share_bp, base_counted, local_e4, base_e4, increment_e4, taxes) FROM STDIN",
    .insert_sql = "INSERT INTO revshare_line (statement_id, seq, enterprise_id, uscc, name, "
                  "arrival_year, share_bp, base_counted, local_e4, base_e4, increment_e4, taxes) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    .ncols = 12,
};
static const char sql_lines_count[] = "SELECT COUNT(*) FROM revshare_line";
static const char sql_lines[] =
    "SELECT seq, enterprise_id, uscc, name, arrival_year, share_bp, base_counted, local_e4, "
    "base_e4, increment_e4, taxes FROM revshare_line";
static const char sql_confirm[] =
    "UPDATE revshare_statement SET status = 'confirmed', confirmed_at = ?2, confirmed_by = ?3, "
    "confirmed_org_id = ?4 WHERE id = ?1 AND status = 'draft' AND version = (SELECT "
    "MAX(x.version) FROM revshare_statement x WHERE x.zone_id = revshare_statement.zone_id "
    "AND x.year = revshare_statement.year) RETURNING id";

/* ---- configuration ---- */

struct share_row {
	int type;
	int64_t bp;
};

/* element: a struct share_row */
static void read_share(struct store_stmt *st, struct arena *a, void *element)
{
	struct share_row *r = element;

	(void)a;
	r->type = tax_type_find(store_col_text(st, 0));
	r->bp = store_col_int(st, 1);
}

/* element: a struct store_revshare_year without its shares */
static void read_year(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_revshare_year *y = element;

	memset(y, 0, sizeof(*y));
	y->year = (int)store_col_int(st, 0);
	y->base_year = (int)store_col_int(st, 1);
	y->ratio_bp = store_col_int(st, 2);
	y->updated_at = store_col_dup(st, 3, a);
}

static int load_shares(struct store *s, struct arena *a, struct store_revshare_year *y)
{
	struct share_row *rows;
	void *arr;
	int n,
	    rc = store_collect(s, a, sql_share_get, y->year, sizeof(*rows), read_share, &arr, &n);

	rows = arr;
	for (int i = 0; rc == KFQ_OK && i < n; i++)
		if (rows[i].type >= 0)
			y->share_bp[rows[i].type] = rows[i].bp;
	return rc;
}

static int year_get(struct store *s, struct arena *a, int year, struct store_revshare_year *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_year_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	if ((rc = store_row(st, a, read_year, out)) != KFQ_OK)
		return rc;
	return load_shares(s, a, out);
}

int store_revshare_year_get(struct store *s, struct arena *a, int year,
                            struct store_revshare_year *out)
{
	return year_get(s, a, year, out);
}

int store_revshare_year_list(struct store *s, struct arena *a, struct store_revshare_year **out,
                             int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_year_list, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		read_year(st, a, &(*out)[(*n)++]);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	for (int i = 0; i < *n; i++)
		if ((rc = load_shares(s, a, &(*out)[i])) != KFQ_OK)
			return rc;
	return KFQ_OK;
}

/* store_entity_writer of a year (id = the year) */
static int write_year(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_revshare_json *j = json;
	struct store_revshare_year y;
	int rc = year_get(s, a, (int)id, &y);

	if (rc == KFQ_OK)
		j->year(w, &y);
	return rc;
}

int store_revshare_year_set(struct store *s, const struct store_actor *who,
                            const struct store_revshare_json *json,
                            const struct store_revshare_year *y, const char *action,
                            const char *note)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL, *after = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	before = store_entity_json(s, y->year, write_year, json, &rc);
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_OK;
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_year_upsert, &st)) == KFQ_OK) {
		store_bind_int(st, 1, y->year);
		store_bind_int(st, 2, y->base_year);
		store_bind_int(st, 3, y->ratio_bp);
		store_bind_text(st, 4, now);
		rc = store_run(st);
	}
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_share_delete, &st)) == KFQ_OK) {
		store_bind_int(st, 1, y->year);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_prepare(s, sql_share_insert, &st);
	for (int t = 0; rc == KFQ_OK && t < TAX_TYPE_COUNT; t++) {
		store_bind_int(st, 1, y->year);
		store_bind_text(st, 2, tax_type_defs[t].code);
		store_bind_int(st, 3, y->share_bp[t]);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		after = store_entity_json(s, y->year, write_year, json, &rc);
	if (rc == KFQ_OK && note) {
		/* {"config":{…},"scenario":"…"}: which what-if was adopted */
		struct strbuf sb = STRBUF_INIT;
		struct jsonw w;
		jsonw_init(&w, &sb);
		jsonw_obj_open(&w);
		jsonw_key(&w, "config");
		jsonw_raw(&w, after, strlen(after));
		jsonw_kstr(&w, "scenario", note);
		jsonw_obj_close(&w);
		free(after);
		after = strbuf_detach(&sb, NULL);
	}
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, action, "revshare_year", y->year, before, after);
	free(before);
	free(after);
	return store_end(s, rc);
}

/* ---- computation inputs ---- */

static int source_cmp(const void *key, const void *element)
{
	int64_t id = *(const int64_t *)key,
	        other = ((const struct store_revshare_source *)element)->id;

	return id < other ? -1 : id > other;
}

/* adds year's tax rows into src[].tax (base false) or .base_tax (base true) */
static int read_taxes(struct store *s, int year, bool base, struct store_revshare_source *src,
                      size_t n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_source_tax, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, year);
	while ((rc = store_step(st)) == KFQ_ROW) {
		int64_t id = store_col_int(st, 0);
		struct store_revshare_source *e = bsearch(&id, src, n, sizeof(*src), source_cmp);
		int t;
		if (!e)
			continue; /* not attracted */
		if ((t = tax_type_find(store_col_text(st, 1))) < 0) {
			store_set_err(s, "tax record of enterprise %lld has an unknown tax type %s",
			              (long long)id, store_col_text(st, 1));
			rc = KFQ_EINVAL;
			break;
		}
		(base ? e->base_tax : e->tax)[t] = store_col_int(st, 2);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_revshare_sources(struct store *s, struct arena *a, int year, int base_year,
                           struct store_revshare_source **out, size_t *n)
{
	struct store_stmt *st;
	int rc, cap = 0, cnt = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_sources, &st)) != KFQ_OK)
		goto done;
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct store_revshare_source *e;
		if (cnt == cap)
			*out = arena_grow(a, *out, sizeof(**out), &cap);
		e = &(*out)[cnt++];
		memset(e, 0, sizeof(*e));
		e->id = store_col_int(st, 0);
		e->uscc = store_col_dup(st, 1, a);
		e->name = store_col_dup(st, 2, a);
		e->zone_id = store_col_int(st, 3);
		e->registered_on = store_col_dup(st, 4, a);
		e->settled_on = store_col_dup(st, 5, a);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		goto done;
	*n = (size_t)cnt;
	if ((rc = read_taxes(s, year, false, *out, *n)) == KFQ_OK)
		rc = read_taxes(s, base_year, true, *out, *n);
done:
	store_rollback(s);
	return rc;
}

int store_revshare_zones(struct store *s, struct arena *a, int64_t **ids, size_t *n)
{
	struct store_stmt *st;
	int rc, cap = 0, cnt = 0;

	*ids = NULL;
	if ((rc = store_prepare(s, sql_zones, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (cnt == cap)
			*ids = arena_grow(a, *ids, sizeof(**ids), &cap);
		(*ids)[cnt++] = store_col_int(st, 0);
	}
	store_reset(st);
	*n = (size_t)cnt;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* ---- statements ---- */

/* element: a struct store_revshare_statement */
static void read_statement(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_revshare_statement *x = element;

	memset(x, 0, sizeof(*x));
	x->id = store_col_int(st, 0);
	x->zone_id = store_col_int(st, 1);
	x->zone_name = store_col_dup(st, 2, a);
	x->year = (int)store_col_int(st, 3);
	x->version = (int)store_col_int(st, 4);
	x->status = store_col_dup(st, 5, a);
	x->base_year = (int)store_col_int(st, 6);
	x->ratio_bp = store_col_int(st, 7);
	x->shares = store_col_dup(st, 8, a);
	x->local_e4 = store_col_int(st, 9);
	x->base_e4 = store_col_int(st, 10);
	x->increment_e4 = store_col_int(st, 11);
	x->counted_e4 = store_col_int(st, 12);
	x->returned_fen = store_col_int(st, 13);
	x->n_lines = (int)store_col_int(st, 14);
	x->digest = store_col_dup(st, 15, a);
	x->computed_at = store_col_dup(st, 16, a);
	x->confirmed_at = store_col_dup(st, 17, a);
	x->confirmed_by = store_col_int(st, 18);
	x->confirmed_by_name = store_col_dup(st, 19, a);
	x->confirmed_org_id = store_col_int(st, 20);
	x->confirmed_org_name = store_col_dup(st, 21, a);
}

int store_revshare_get(struct store *s, struct arena *a, int64_t id,
                       struct store_revshare_statement *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_statement, out);
}

/* the predicates of the filters given, the zones of the scope */
static void statement_filter(struct store_sql *q, const void *arg)
{
	const struct store_revshare_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->year)
		store_sql_int(q, " AND s.year = ?", f->year);
	if (f->zone_id)
		store_sql_int(q, " AND s.zone_id = ?", f->zone_id);
	if (f->latest)
		store_sql_add(q, " AND " ST_NEWEST);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "s.zone_id", &f->scope);
	}
}

/* every statement the filter selects, in order (not paged: a year has one per zone) */
static int list_statements(struct store *s, struct arena *a,
                           void (*filter)(struct store_sql *q, const void *arg), const void *arg,
                           const char *order, struct store_revshare_statement **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql_list,
	    .arg = arg,
	    .read = read_statement,
	    .elem_size = sizeof(**out),
	    .filter = filter,
	    .order = order,
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

int store_revshare_list(struct store *s, struct arena *a, const struct store_revshare_filter *f,
                        struct store_revshare_statement **out, int *n)
{
	return list_statements(s, a, statement_filter, f,
	                       " ORDER BY s.year DESC, s.zone_id, s.version DESC", out, n);
}

struct history_arg {
	int from, to;
	const struct store_scope *scope;
};

/* the newest version of each zone's statement of the years from..to, in the scope */
static void history_filter(struct store_sql *q, const void *arg)
{
	const struct history_arg *h = arg;

	store_sql_int(q, " WHERE s.year >= ?", h->from);
	store_sql_int(q, " AND s.year <= ?", h->to);
	store_sql_add(q, " AND " ST_NEWEST);
	if (!store_scope_everything(h->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "s.zone_id", h->scope);
	}
}

int store_revshare_history(struct store *s, struct arena *a, int from, int to,
                           const struct store_scope *scope, struct store_revshare_statement **out,
                           int *n)
{
	struct history_arg h = {from, to, scope};

	return list_statements(s, a, history_filter, &h, " ORDER BY s.year, s.zone_id", out, n);
}

/* element: a struct store_revshare_line */
static void read_line(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_revshare_line *l = element;

	memset(l, 0, sizeof(*l));
	l->seq = (int)store_col_int(st, 0);
	l->enterprise_id = store_col_int(st, 1);
	l->uscc = store_col_dup(st, 2, a);
	l->name = store_col_dup(st, 3, a);
	l->arrival_year = (int)store_col_int(st, 4);
	l->share_bp = store_col_int(st, 5);
	l->base_counted = store_col_int(st, 6) != 0;
	l->local_e4 = store_col_int(st, 7);
	l->base_e4 = store_col_int(st, 8);
	l->increment_e4 = store_col_int(st, 9);
	l->taxes = store_col_dup(st, 10, a);
}

struct lines_arg {
	int64_t id;
	const char *q;
};

/* one statement's lines, those whose name or code contains q when it is given */
static void lines_filter(struct store_sql *q, const void *arg)
{
	const struct lines_arg *l = arg;

	store_sql_int(q, " WHERE statement_id = ?", l->id);
	if (l->q)
		store_sql_text(q, " AND (name LIKE ? ESCAPE '\\' OR uscc LIKE ? ESCAPE '\\')",
		               l->q);
}

int store_revshare_lines(struct store *s, struct arena *a, int64_t statement_id, const char *q,
                         int64_t offset, int64_t limit, struct store_revshare_line **out, int *n,
                         int64_t *total)
{
	struct lines_arg arg = {statement_id, store_like_contains(a, q)};
	struct store_list l = {
	    .count_sql = sql_lines_count,
	    .list_sql = sql_lines,
	    .offset = offset,
	    .limit = limit,
	    .arg = &arg,
	    .read = read_line,
	    .elem_size = sizeof(**out),
	    .filter = lines_filter,
	    .order = " ORDER BY seq",
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

static void bind_statement(struct store_stmt *st, const struct store_revshare_statement *x)
{
	store_bind_int(st, 4, x->base_year);
	store_bind_int(st, 5, x->ratio_bp);
	store_bind_text(st, 6, x->shares);
	store_bind_int(st, 7, x->local_e4);
	store_bind_int(st, 8, x->base_e4);
	store_bind_int(st, 9, x->increment_e4);
	store_bind_int(st, 10, x->counted_e4);
	store_bind_int(st, 11, x->returned_fen);
	store_bind_int(st, 12, x->n_lines);
	store_bind_text(st, 13, x->digest);
	store_bind_text(st, 14, x->computed_at);
}

static int insert_lines(struct store *s, int64_t id, const struct store_revshare_line *lines, int n)
{
	struct store_bulk *b;
	int rc;

	if ((rc = store_bulk_begin(s, &line_bulk, &b)) != KFQ_OK)
		return rc;
	for (int i = 0; rc == KFQ_OK && i < n; i++) {
		const struct store_revshare_line *l = &lines[i];
		store_bulk_int(b, id);
		store_bulk_int(b, l->seq);
		store_bulk_int(b, l->enterprise_id);
		store_bulk_text(b, l->uscc);
		store_bulk_text(b, l->name);
		store_bulk_int(b, l->arrival_year);
		store_bulk_int(b, l->share_bp);
		store_bulk_int(b, l->base_counted ? 1 : 0);
		store_bulk_int(b, l->local_e4);
		store_bulk_int(b, l->base_e4);
		store_bulk_int(b, l->increment_e4);
		store_bulk_text(b, l->taxes);
		rc = store_bulk_row(b);
	}
	if (rc != KFQ_OK) {
		store_bulk_abort(b);
		return rc;
	}
	return store_bulk_end(b, NULL);
}

/* store_entity_writer of a statement */
static int write_statement(struct store *s, struct arena *a, int64_t id, const void *json,
                           struct jsonw *w)
{
	const struct store_revshare_json *j = json;
	struct store_revshare_statement x;
	int rc = store_revshare_get(s, a, id, &x);

	if (rc == KFQ_OK)
		j->statement(w, &x);
	return rc;
}

struct newest {
	int64_t id;
	int version;
	bool confirmed;
	char digest[REVSHARE_DIGEST_HEX];
	/* beside a draft: the newest confirmed version (confirmed_id 0 when none) */
	int64_t confirmed_id;
	int confirmed_version;
	char confirmed_digest[REVSHARE_DIGEST_HEX];
};

/* out's confirmed version, read when the newest is a draft */
static int confirmed_of(struct store *s, int64_t zone_id, int year, struct newest *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_confirmed_digest, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	if ((rc = store_step(st)) == KFQ_ROW) {
		const char *d = store_col_text(st, 2);
		out->confirmed_id = store_col_int(st, 0);
		out->confirmed_version = (int)store_col_int(st, 1);
		snprintf(out->confirmed_digest, sizeof(out->confirmed_digest), "%s", d ? d : "");
	}
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

/* the zone's newest version of the year; id 0 when none */
static int newest_of(struct store *s, int64_t zone_id, int year, struct newest *out)
{
	struct store_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_prepare(s, sql_newest, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, zone_id);
	store_bind_int(st, 2, year);
	if ((rc = store_step(st)) == KFQ_ROW) {
		const char *d = store_col_text(st, 3);
		out->id = store_col_int(st, 0);
		out->version = (int)store_col_int(st, 1);
		out->confirmed = strcmp(store_col_text(st, 2), "confirmed") == 0;
		snprintf(out->digest, sizeof(out->digest), "%s", d ? d : "");
	}
	store_reset(st);
	if (rc != KFQ_ROW && rc != KFQ_DONE)
		return rc;
	return out->id && !out->confirmed ? confirmed_of(s, zone_id, year, out) : KFQ_OK;
}

/* Tells the inbox of a step of statement id (core revshare_step_item), after the step's audit
 * record. */
static int tell(struct store *s, const struct store_actor *who, enum revshare_step step, int64_t id)
{
	struct store_revshare_statement x;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_revshare_get(s, &a, id, &x)) == KFQ_OK) {
		revshare_step_item(step, id, x.zone_id, x.zone_name, x.year, x.version, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

/* deletes draft id with its lines and its news, audited */
static int withdraw(struct store *s, const struct store_actor *who,
                    const struct store_revshare_json *json, int64_t id)
{
	const char *const deletes[] = {sql_lines_delete, sql_st_delete};
	int rc;
	char *before = store_entity_json(s, id, write_statement, json, &rc);

	for (int i = 0; rc == KFQ_OK && i < 2; i++)
		rc = store_exec_id(s, deletes[i], id);
	if (rc == KFQ_OK)
		rc =
		    store_audit_append_id(s, who, "delete", "revshare_statement", id, before, NULL);
	if (rc == KFQ_OK)
		rc = store_inbox_forget(s, "revshare_statement", id);
	free(before);
	return rc;
}

static int save_one(struct store *s, const struct store_actor *who,
                    const struct store_revshare_json *json, struct store_revshare_new *z)
{
	struct store_revshare_statement *x = &z->st;
	struct store_stmt *st;
	struct newest cur;
	char *before = NULL;
	int rc;

	if ((rc = newest_of(s, x->zone_id, x->year, &cur)) != KFQ_OK)
		return rc;
	z->action =
	    revshare_version_action(cur.id ? cur.digest : NULL, cur.confirmed,
	                            cur.confirmed_id ? cur.confirmed_digest : NULL, x->digest);
	switch (z->action) {
	case REVSHARE_SAME:
		x->id = cur.id;
		x->version = cur.version;
		return KFQ_OK;
	case REVSHARE_WITHDRAW_DRAFT:
		x->id = cur.confirmed_id;
		x->version = cur.confirmed_version;
		return withdraw(s, who, json, cur.id);
	case REVSHARE_REPLACE_DRAFT:
		before = store_entity_json(s, cur.id, write_statement, json, &rc);
		if (rc == KFQ_OK && (rc = store_prepare(s, sql_lines_delete, &st)) == KFQ_OK) {
			store_bind_int(st, 1, cur.id);
			rc = store_run(st);
		}
		if (rc == KFQ_OK && (rc = store_prepare(s, sql_st_replace, &st)) == KFQ_OK) {
			store_bind_int(st, 1, cur.id);
			store_bind_int(st, 2, x->zone_id);
			store_bind_int(st, 3, x->year);
			bind_statement(st, x);
			rc = store_run_id(st, &x->id);
		}
		x->version = cur.version;
		break;
	default: /* the first, or a new version beside a confirmed one */
		x->version = cur.version + 1;
		if ((rc = store_prepare(s, sql_st_insert, &st)) == KFQ_OK) {
			store_bind_int(st, 1, x->zone_id);
			store_bind_int(st, 2, x->year);
			store_bind_int(st, 3, x->version);
			bind_statement(st, x);
			rc = store_run_id(st, &x->id);
		}
	}
	if (rc == KFQ_OK)
		rc = insert_lines(s, x->id, z->lines, x->n_lines);
	if (rc == KFQ_OK)
		rc = store_audit_entity(
		    s, who, z->action == REVSHARE_REPLACE_DRAFT ? "recompute" : "compute",
		    "revshare_statement", x->id, before, write_statement, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, REVSHARE_STEP_COMPUTED, x->id);
	free(before);
	return rc;
}

int store_revshare_save(struct store *s, const struct store_actor *who,
                        const struct store_revshare_json *json, struct store_revshare_new *z,
                        size_t n)
{
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	for (size_t i = 0; rc == KFQ_OK && i < n; i++)
		rc = save_one(s, who, json, &z[i]);
	return store_end(s, rc);
}

int store_revshare_confirm(struct store *s, const struct store_actor *who,
                           const struct store_revshare_json *json, int64_t id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, write_statement, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_prepare(s, sql_confirm, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, now);
		store_bind_id(st, 3, who->user_id);
		store_bind_id(st, 4, who->org_id);
		/* the row exists (read above): no row back means confirmed already or superseded */
		if ((rc = store_run_id(st, NULL)) == KFQ_ENOTFOUND)
			rc = KFQ_ECONFLICT;
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, "confirm", "revshare_statement", id, before,
		                        write_statement, json);
	if (rc == KFQ_OK)
		rc = tell(s, who, REVSHARE_STEP_CONFIRMED, id);
	rc = store_end(s, rc);
cleanup:
	free(before);
	return rc;
}
