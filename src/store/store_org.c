/* store_org.c - organizations and aliases in SQL. Names and aliases share one namespace: no
 * string may name two organizations, checked inside the write transaction. Filtering by text,
 * type and scope is done in C over the whole (small: hundreds of rows) table. */
#include "store/store_org.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#define ORG_COLS "id, parent_id, name, type, level, is_sample"

static const char sql_all[] = "SELECT " ORG_COLS " FROM org ORDER BY id";
static const char sql_all_alias[] = "SELECT org_id, alias FROM org_alias ORDER BY org_id, alias";
/* an organization with its aliases, one row each (one row with a NULL alias without any) */
static const char sql_get[] =
    "SELECT o.id, o.parent_id, o.name, o.type, o.level, o.is_sample, a.alias FROM org o "
    "LEFT JOIN org_alias a ON a.org_id = o.id WHERE o.id = ?1 ORDER BY a.alias";
static const char sql_exists[] = "SELECT id FROM org WHERE id = ?1";
static const char sql_get_alias[] = "SELECT alias FROM org_alias WHERE org_id = ?1 ORDER BY alias";
static const char sql_find[] =
    "SELECT " ORG_COLS " FROM org WHERE name = ?1 UNION ALL "
    "SELECT o.id, o.parent_id, o.name, o.type, o.level, o.is_sample FROM org o "
    "JOIN org_alias a ON a.org_id = o.id WHERE a.alias = ?1";
static const char sql_taken[] = "SELECT 1 FROM org WHERE name = ?1 AND id <> ?2 UNION ALL "
                                "SELECT 1 FROM org_alias WHERE alias = ?1 AND org_id <> ?2";
static const char sql_insert[] =
    "INSERT INTO org (parent_id, name, type, level, is_sample, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id";
static const char sql_update[] = "UPDATE org SET parent_id = ?2, name = ?3, type = ?4, "
                                 "level = ?5, is_sample = ?6, updated_at = ?7 WHERE id = ?1";
static const char sql_del_alias[] = "DELETE FROM org_alias WHERE org_id = ?1";
static const char sql_add_alias[] = "INSERT INTO org_alias (alias, org_id) VALUES (?1, ?2)";

/* element: a struct store_org (without its aliases) */
static void read_org(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_org *o = element;

	memset(o, 0, sizeof(*o));
	o->id = store_col_int(st, 0);
	o->parent_id = store_col_int(st, 1);
	o->name = store_col_dup(st, 2, a);
	o->type = store_col_dup(st, 3, a);
	o->level = store_col_dup(st, 4, a);
	o->is_sample = store_col_int(st, 5) != 0;
}

static bool matches(const struct store_org *o, const struct store_org_filter *f)
{
	if (f->type && strcmp(o->type, f->type) != 0)
		return false;
	if (f->ids) {
		bool in = false;
		for (int i = 0; i < f->nids && !in; i++)
			in = f->ids[i] == o->id;
		if (!in)
			return false;
	}
	if (!f->q || !*f->q || strstr(o->name, f->q))
		return true;
	for (int i = 0; i < o->naliases; i++)
		if (strstr(o->aliases[i], f->q))
			return true;
	return false;
}

int store_org_list(struct store *s, struct arena *a, const struct store_org_filter *f,
                   struct store_org **out, int *n)
{
	struct store_stmt *st;
	struct store_org *all = NULL;
	int cap = 0, cnt = 0, rc, k = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_all, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (cnt == cap)
			all = arena_grow(a, all, sizeof(*all), &cap);
		read_org(st, a, &all[cnt++]);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	if ((rc = store_prepare(s, sql_all_alias, &st)) != KFQ_OK)
		return rc;
	/* both queries are ordered by org id: merge */
	while ((rc = store_step(st)) == KFQ_ROW) {
		int64_t id = store_col_int(st, 0);
		while (k < cnt && all[k].id < id)
			k++;
		if (k == cnt || all[k].id != id)
			continue;
		struct store_org *o = &all[k];
		const char **al = arena_alloc(a, sizeof(*al) * (size_t)(o->naliases + 1));
		if (o->naliases)
			memcpy(al, o->aliases, sizeof(*al) * (size_t)o->naliases);
		al[o->naliases++] = store_col_dup(st, 1, a);
		o->aliases = al;
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	int m = 0;
	for (int i = 0; i < cnt; i++)
		if (matches(&all[i], f))
			all[m++] = all[i];
	*out = all;
	*n = m;
	return KFQ_OK;
}

static void read_alias(struct store_stmt *st, struct arena *a, void *element)
{
	*(const char **)element = store_col_dup(st, 0, a);
}

static int load_aliases(struct store *s, struct arena *a, struct store_org *o)
{
	void *arr;
	int rc = store_collect(s, a, sql_get_alias, o->id, sizeof(char *), read_alias, &arr,
	                       &o->naliases);

	o->aliases = arr;
	return rc;
}

int store_org_get(struct store *s, struct arena *a, int64_t id, struct store_org *out)
{
	struct store_stmt *st;
	const char **aliases = NULL;
	int rc, cap = 0;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_DONE) {
		store_reset(st);
		return KFQ_ENOTFOUND;
	}
	if (rc == KFQ_ROW)
		read_org(st, a, out);
	for (; rc == KFQ_ROW; rc = store_step(st)) {
		if (store_col_null(st, 6))
			continue;
		if (out->naliases == cap)
			aliases = arena_grow(a, aliases, sizeof(*aliases), &cap);
		aliases[out->naliases++] = store_col_dup(st, 6, a);
	}
	store_reset(st);
	out->aliases = aliases;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_org_exists(struct store *s, int64_t id)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql_exists, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run_id(st, NULL);
}

int store_org_find(struct store *s, struct arena *a, const char *name, struct store_org *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_find, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, name);
	if ((rc = store_row(st, a, read_org, out)) != KFQ_OK)
		return rc;
	return load_aliases(s, a, out);
}

/* KFQ_ECONFLICT with *taken set when a name or alias of o is used by another org. */
static int check_taken(struct store *s, const struct store_org *o, const char **taken)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_taken, &st)) != KFQ_OK)
		return rc;
	for (int i = -1; i < o->naliases; i++) {
		const char *str = i < 0 ? o->name : o->aliases[i];
		/* the same string twice within one org is a conflict too */
		for (int j = -1; j < i; j++) {
			if (!strcmp(str, j < 0 ? o->name : o->aliases[j])) {
				*taken = str;
				return KFQ_ECONFLICT;
			}
		}
		store_bind_text(st, 1, str);
		store_bind_int(st, 2, o->id);
		if ((rc = store_run_id(st, NULL)) == KFQ_OK) {
			*taken = str;
			return KFQ_ECONFLICT;
		}
		if (rc != KFQ_ENOTFOUND)
			return rc;
	}
	return KFQ_OK;
}

static int write_aliases(struct store *s, const struct store_org *o)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_del_alias, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, o->id);
	if ((rc = store_run(st)) != KFQ_OK || (rc = store_prepare(s, sql_add_alias, &st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < o->naliases && rc == KFQ_OK; i++) {
		store_bind_text(st, 1, o->aliases[i]);
		store_bind_int(st, 2, o->id);
		rc = store_run(st);
	}
	return rc;
}

static void bind_fields(struct store_stmt *st, int first, const struct store_org *o,
                        const char *now)
{
	store_bind_id(st, first, o->parent_id);
	store_bind_text(st, first + 1, o->name);
	store_bind_text(st, first + 2, o->type);
	store_bind_text(st, first + 3, o->level);
	store_bind_int(st, first + 4, o->is_sample);
	store_bind_text(st, first + 5, now);
}

static char *org_json(const struct store_org_json *json, const struct store_org *o)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb);
	json->org(&w, o);
	return strbuf_detach(&sb, NULL);
}

static int audit(struct store *s, const struct store_actor *who, const struct store_org_json *json,
                 const char *action, const struct store_org *before, const struct store_org *after)
{
	char *bj = before ? org_json(json, before) : NULL;
	char *aj = org_json(json, after);
	int rc;

	rc = store_audit_append_id(s, who, action, "org", after->id, bj, aj);
	free(bj);
	free(aj);
	return rc;
}

/* Inserts org with its aliases and audit record inside the caller's transaction. */
static int create_in_tx(struct store *s, const struct store_actor *who,
                        const struct store_org_json *json, struct store_org *org,
                        const char **taken)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	org->id = 0;
	if ((rc = check_taken(s, org, taken)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	bind_fields(st, 1, org, now);
	if ((rc = store_run_id(st, &org->id)) != KFQ_OK || (rc = write_aliases(s, org)) != KFQ_OK)
		return rc;
	return audit(s, who, json, "create", NULL, org);
}

int store_org_create(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, struct store_org *org, const char **taken)
{
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_end(s, create_in_tx(s, who, json, org, taken))) != KFQ_OK)
		org->id = 0;
	return rc;
}

int store_org_import(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, const struct org_import *in, int *created,
                     int *skipped, int *bad_line, const char **problem)
{
	struct arena a;
	int rc;

	*created = *skipped = *bad_line = 0;
	*problem = NULL;
	arena_init(&a);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	for (int i = 0; i < in->nrows; i++) {
		const struct org_import_row *r = &in->rows[i];
		struct store_org o = {0}, found;
		*bad_line = r->line;
		rc = store_org_find(s, &a, r->name, &found);
		if (rc == KFQ_OK) {
			(*skipped)++;
			continue;
		}
		if (rc != KFQ_ENOTFOUND)
			goto done;
		if (r->parent) {
			rc = store_org_find(s, &a, r->parent, &found);
			if (rc == KFQ_ENOTFOUND) {
				*problem = r->parent;
				rc = KFQ_ECONSTRAINT;
			}
			if (rc != KFQ_OK)
				goto done;
			o.parent_id = found.id;
		}
		o.name = r->name;
		o.type = r->type;
		o.level = r->level;
		o.is_sample = r->is_sample;
		o.aliases = r->aliases;
		o.naliases = r->naliases;
		if ((rc = create_in_tx(s, who, json, &o, problem)) != KFQ_OK)
			goto done;
		(*created)++;
	}
done:
	if ((rc = store_end(s, rc)) == KFQ_OK)
		*bad_line = 0;
	else
		*created = 0;
cleanup:
	arena_release(&a);
	return rc;
}

/* whether zone ?1 has records of its own that only a zone has: a zone that stopped being one
 * would leave them counted nowhere (the board, the pools and the evaluations read zones) */
static const char sql_zone_used[] =
    "SELECT 1 WHERE EXISTS (SELECT 1 FROM zone_plan WHERE org_id = ?1) OR EXISTS (SELECT 1 "
    "FROM person WHERE org_id = ?1) OR EXISTS (SELECT 1 FROM enterprise WHERE zone_id = ?1) OR "
    "EXISTS (SELECT 1 FROM land_parcel WHERE zone_id = ?1) OR EXISTS (SELECT 1 FROM "
    "zone_budget WHERE zone_id = ?1) OR EXISTS (SELECT 1 FROM platform_company WHERE zone_id = "
    "?1) OR EXISTS (SELECT 1 FROM power_delegation WHERE zone_org_id = ?1)";

/* KFQ_ESTATE when before, a zone with records of its own, would become another type */
static int type_kept(struct store *s, const struct store_org *before, const struct store_org *org)
{
	struct store_stmt *st;
	int rc;

	if (strcmp(before->type, "zone") != 0 || !strcmp(org->type, "zone"))
		return KFQ_OK;
	if ((rc = store_prepare(s, sql_zone_used, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org->id);
	rc = store_run_id(st, NULL);
	return rc == KFQ_OK ? KFQ_ESTATE : rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

int store_org_update(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, const struct store_org *org,
                     const char **taken)
{
	/* the organization and everything below it: none may become its parent */
	struct store_scope below = {"org_and_below", org->id, 0};
	struct store_stmt *st;
	struct store_org before;
	struct arena a;
	char now[TIME_RFC3339_LEN];
	int64_t *sub;
	int nsub, rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_org_get(s, &a, org->id, &before)) != KFQ_OK ||
	    (rc = type_kept(s, &before, org)) != KFQ_OK)
		goto done;
	if (org->parent_id) {
		if ((rc = store_scope_orgs(s, &a, &below, &sub, &nsub)) != KFQ_OK)
			goto done;
		for (int i = 0; i < nsub && rc == KFQ_OK; i++)
			if (sub[i] == org->parent_id)
				rc = KFQ_EINVAL;
		if (rc != KFQ_OK)
			goto done;
	}
	if ((rc = check_taken(s, org, taken)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, org->id);
	bind_fields(st, 2, org, now);
	if ((rc = store_run(st)) == KFQ_OK && (rc = write_aliases(s, org)) == KFQ_OK)
		rc = audit(s, who, json, "update", &before, org);
done:
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}
