/* store_capability.c - org_capability and capability_seed in SQL, each change audited in its
 * transaction with the caller's shape of a grant. Which articles give which grants is
 * core/capability.c's rule; this file reads the articles' organizations, applies the rule's answer
 * and records it. */
#include "store/store_capability.h"

#include "core/capability.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define GRANT_COLS                                                                                 \
	"c.id, c.org_id, o.name, o.type, c.capability, c.granted_by, c.granted_by_name, "          \
	"c.granted_at, c.note"
#define GRANT_FROM " FROM org_capability c JOIN org o ON o.id = c.org_id"
/* ?1 capability, ?2 org, ?3 like */
#define GRANT_WHERE                                                                                \
	" WHERE (CAST(?1 AS TEXT) IS NULL OR c.capability = ?1) AND (?2 = 0 OR c.org_id = ?2) "    \
	"AND (CAST(?3 AS TEXT) IS NULL OR o.name LIKE ?3 ESCAPE '\\' OR c.note LIKE ?3 ESCAPE "    \
	"'\\' OR EXISTS (SELECT 1 FROM org_alias x WHERE x.org_id = c.org_id AND x.alias LIKE ?3 " \
	"ESCAPE '\\'))"

static const char sql_count[] = "SELECT COUNT(*)" GRANT_FROM GRANT_WHERE;
static const char sql_list[] =
    "SELECT " GRANT_COLS GRANT_FROM GRANT_WHERE " ORDER BY c.org_id, c.id LIMIT ?4 OFFSET ?5";
static const char sql_get[] = "SELECT " GRANT_COLS GRANT_FROM " WHERE c.id = ?1";
static const char sql_insert[] =
    "INSERT INTO org_capability (org_id, capability, granted_by, granted_by_name, granted_at, "
    "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char sql_delete[] = "DELETE FROM org_capability WHERE id = ?1";
static const char sql_of_org[] =
    "SELECT capability FROM org_capability WHERE org_id = ?1 ORDER BY capability";
static const char sql_has[] = "SELECT 1 FROM org_capability WHERE org_id = ?1 AND capability = ?2";
/* the articles' organizations: lead ones, and responsible ones that are city departments */
static const char sql_seed_orgs[] =
    "SELECT t.article_number, t.title, x.role, x.org_id FROM task t "
    "JOIN task_org x ON x.task_id = t.id JOIN org o ON o.id = x.org_id "
    "WHERE t.policy_id = ?1 AND (x.role = 'lead' OR o.type = 'city_department') "
    "ORDER BY t.article_number, x.role, x.org_id";
static const char sql_seeded[] = "SELECT 1 FROM capability_seed WHERE capability = ?1";
static const char sql_seed_record[] =
    "INSERT INTO capability_seed (capability, policy_id, article_number, seeded_at) "
    "VALUES (?1, ?2, ?3, ?4)";

static void read_grant(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_capability_grant *g = element;

	g->id = store_col_int(st, 0);
	g->org_id = store_col_int(st, 1);
	g->org_name = store_col_dup(st, 2, a);
	g->org_type = store_col_dup(st, 3, a);
	g->capability = store_col_dup(st, 4, a);
	g->granted_by = store_col_int(st, 5);
	g->granted_by_name = store_col_dup(st, 6, a);
	g->granted_at = store_col_dup(st, 7, a);
	g->note = store_col_dup(st, 8, a);
}

/* arg: the struct list_arg of store_capability_list */
struct list_arg {
	const struct store_capability_filter *f;
	const char *like;
};

static void bind_list(struct store_stmt *st, const void *arg)
{
	const struct list_arg *x = arg;

	store_bind_text(st, 1, x->f->capability);
	store_bind_int(st, 2, x->f->org_id);
	store_bind_text(st, 3, x->like);
}

int store_capability_list(struct store *s, struct arena *a, const struct store_capability_filter *f,
                          struct store_capability_grant **out, int *n, int64_t *total)
{
	struct list_arg arg = {f, store_like_contains(a, f->q)};
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .limit_param = 4,
	    .offset = f->offset,
	    .limit = f->limit,
	    .bind = bind_list,
	    .arg = &arg,
	    .read = read_grant,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_capability_get(struct store *s, struct arena *a, int64_t id,
                         struct store_capability_grant *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_grant, out);
}

/* The audit record's before/after: the grant as stored, in the caller's shape (json: a
 * struct store_capability_json; the signature store_entity_json calls). */
static int write_grant(struct store *s, struct arena *a, int64_t id, const void *json,
                       struct jsonw *w)
{
	const struct store_capability_json *shape = json;
	struct store_capability_grant g;
	int rc;

	if ((rc = store_capability_get(s, a, id, &g)) == KFQ_OK)
		shape->grant(w, &g);
	return rc;
}

/* Inserts and audits one grant inside the caller's transaction. */
static int grant_in_tx(struct store *s, const struct store_actor *who,
                       const struct store_capability_json *json, struct store_capability_grant *g,
                       const char *now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, g->org_id);
	store_bind_text(st, 2, g->capability);
	store_bind_id(st, 3, who->user_id);
	store_bind_text(st, 4, who->username ? who->username : "unknown");
	store_bind_text(st, 5, now);
	store_bind_text(st, 6, g->note);
	if ((rc = store_run_id(st, &g->id)) != KFQ_OK)
		return rc == KFQ_ENOTFOUND ? KFQ_ERR : rc;
	return store_audit_entity(s, who, "grant", "org_capability", g->id, NULL, write_grant,
	                          json);
}

int store_capability_grant(struct store *s, const struct store_actor *who,
                           const struct store_capability_json *json,
                           struct store_capability_grant *g)
{
	char now[TIME_RFC3339_LEN];
	bool has;
	int rc;

	g->id = 0;
	if (!capability_find(g->capability))
		return KFQ_EINVAL;
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	/* a duplicate is found before the insert: on PostgreSQL a failed statement would end
	 * the transaction's usefulness, and the answer is the same on both */
	if ((rc = store_capability_org_has(s, g->org_id, g->capability, &has)) == KFQ_OK && has)
		rc = KFQ_ECONFLICT;
	if (rc == KFQ_OK)
		rc = grant_in_tx(s, who, json, g, now);
	if ((rc = store_end(s, rc)) != KFQ_OK)
		g->id = 0;
	return rc;
}

int store_capability_revoke(struct store *s, const struct store_actor *who,
                            const struct store_capability_json *json, int64_t id)
{
	struct store_capability_grant g;
	struct store_stmt *st;
	struct arena a;
	char *before;
	int rc;

	if ((rc = store_begin_change(s, id, write_grant, json, &before)) != KFQ_OK)
		return rc;
	arena_init(&a);
	if ((rc = store_capability_get(s, &a, id, &g)) == KFQ_OK &&
	    (rc = store_prepare(s, sql_delete, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "revoke", "org_capability", id, before, NULL);
	if (rc == KFQ_OK && json->revoked)
		rc = json->revoked(s, who, g.capability);
	arena_release(&a);
	free(before);
	return store_end(s, rc);
}

static void read_code(struct store_stmt *st, struct arena *a, void *element)
{
	*(const char **)element = store_col_dup(st, 0, a);
}

int store_capability_of_org(struct store *s, struct arena *a, int64_t org_id, const char ***codes,
                            int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_of_org, org_id, sizeof(char *), read_code, &arr, n);

	*codes = arr;
	return rc;
}

/* Runs a bound "SELECT 1 …": *yes = it gave a row. */
static int exists(struct store_stmt *st, bool *yes)
{
	int64_t one;
	int rc = store_row(st, NULL, store_read_int, &one);

	*yes = rc == KFQ_OK;
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

int store_capability_org_has(struct store *s, int64_t org_id, const char *code, bool *has)
{
	struct store_stmt *st;
	int rc;

	*has = false;
	if ((rc = store_prepare(s, sql_has, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_text(st, 2, code);
	return exists(st, has);
}

/* The policy's articles with their lead and responsible city-department organizations. */
static int read_articles(struct store *s, struct arena *a, int64_t policy_id,
                         struct capability_article **out, size_t *n)
{
	struct store_stmt *st;
	struct capability_article *arts = NULL, *cur = NULL;
	int rc, cap = 0, cnt = 0;

	if ((rc = store_prepare(s, sql_seed_orgs, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, policy_id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		int number = (int)store_col_int(st, 0);
		bool lead = !strcmp(store_col_text(st, 2), "lead");
		int64_t org = store_col_int(st, 3);
		if (!cur || cur->number != number) {
			if (cnt == cap)
				arts = arena_grow(a, arts, sizeof(*arts), &cap);
			cur = &arts[cnt++];
			memset(cur, 0, sizeof(*cur));
			cur->number = number;
			cur->title = store_col_dup(st, 1, a);
		}
		/* an article has at most every organization twice: grow by one each time */
		const int64_t *old = lead ? cur->lead : cur->responsible_depts;
		size_t k = lead ? cur->n_lead : cur->n_responsible_depts;
		int64_t *ids = arena_alloc(a, sizeof(*ids) * (k + 1));
		if (k)
			memcpy(ids, old, sizeof(*ids) * k);
		ids[k] = org;
		if (lead) {
			cur->lead = ids;
			cur->n_lead = k + 1;
		} else {
			cur->responsible_depts = ids;
			cur->n_responsible_depts = k + 1;
		}
	}
	store_reset(st);
	*out = arts;
	*n = (size_t)cnt;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* Whether the capability's seeding was recorded before. */
static int was_seeded(struct store *s, const char *code, bool *seeded)
{
	struct store_stmt *st;
	int rc;

	*seeded = false;
	if ((rc = store_prepare(s, sql_seeded, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, code);
	return exists(st, seeded);
}

static int record_seed(struct store *s, const char *code, int64_t policy_id, int article,
                       const char *now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_seed_record, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, code);
	store_bind_int(st, 2, policy_id);
	store_bind_int(st, 3, article);
	store_bind_text(st, 4, now);
	return store_run(st);
}

int store_capability_seed_tx(struct store *s, const struct store_actor *who,
                             const struct store_capability_json *json, int64_t policy_id,
                             int *granted)
{
	struct arena a;
	struct capability_article *arts;
	struct capability_grant *g;
	char now[TIME_RFC3339_LEN];
	bool skip[CAP_COUNT] = {false}, recorded[CAP_COUNT] = {false};
	size_t narts, ng;
	int rc;

	*granted = 0;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = read_articles(s, &a, policy_id, &arts, &narts)) != KFQ_OK)
		goto cleanup;
	for (int c = 0; c < CAP_COUNT; c++)
		if ((rc = was_seeded(s, capability_defs[c].code, &skip[c])) != KFQ_OK)
			goto cleanup;
	ng = capability_seed(arts, narts, &a, &g);
	for (size_t i = 0; i < ng; i++) {
		const struct capability_def *d = capability_get(g[i].cap);
		struct store_capability_grant row = {0};
		bool has;
		if (skip[g[i].cap])
			continue;
		if ((rc = store_capability_org_has(s, g[i].org_id, d->code, &has)) != KFQ_OK)
			goto cleanup;
		if (!recorded[g[i].cap]) {
			if ((rc = record_seed(s, d->code, policy_id, g[i].article, now)) != KFQ_OK)
				goto cleanup;
			recorded[g[i].cap] = true;
		}
		if (has)
			continue;
		row.org_id = g[i].org_id;
		row.capability = d->code;
		row.note = arena_printf(&a, "依据第%d条“%s”生成", g[i].article, d->seed_title);
		if ((rc = grant_in_tx(s, who, json, &row, now)) != KFQ_OK)
			goto cleanup;
		(*granted)++;
	}
cleanup:
	arena_release(&a);
	return rc;
}
