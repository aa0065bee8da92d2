/* store_role_change.c - role changes waiting for the security officer, in SQL: proposing one
 * (a pending change beside the account, which stays as it was), superseding, confirming (the
 * account changes in the same transaction) and rejecting; each step audited with the entity
 * type role_change and told in the inbox (core/role_change_step.c: the security officers of a
 * proposal, the proposer of a decision). Must not decide which changes need the security
 * officer: core/account.c and api/ do; this file records. */
#include "store/store_user.h"
#include "store/store_inbox.h"
#include "store/store_user_impl.h"

#include "core/role_change_step.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define RC_COLS                                                                                    \
	"c.id, c.user_id, u.username, c.from_role, c.from_data_scope, c.from_org_id, fo.name, "    \
	"c.display_name, c.org_id, o.name, c.role, c.data_scope, c.status, c.proposed_by, "        \
	"pu.display_name, c.proposed_at, c.decided_by, du.display_name, c.decided_at, c.comment, " \
	"c.phone, c.job_title"
#define RC_FROM                                                                                    \
	" FROM role_change c JOIN app_user u ON u.id = c.user_id "                                 \
	"JOIN org fo ON fo.id = c.from_org_id JOIN org o ON o.id = c.org_id "                      \
	"JOIN app_user pu ON pu.id = c.proposed_by LEFT JOIN app_user du ON du.id = c.decided_by"
/* filter: ?1 status, ?2 user */
#define RC_WHERE " WHERE (CAST(?1 AS TEXT) IS NULL OR c.status = ?1) AND (?2 = 0 OR c.user_id = ?2)"

static const char sql_count[] = "SELECT COUNT(*)" RC_FROM RC_WHERE;
static const char sql_list[] =
    "SELECT " RC_COLS RC_FROM RC_WHERE " ORDER BY c.id DESC LIMIT ?3 OFFSET ?4";
static const char sql_get[] = "SELECT " RC_COLS RC_FROM " WHERE c.id = ?1";
static const char sql_orgs[] =
    "SELECT org_id FROM role_change_org WHERE change_id = ?1 ORDER BY org_id";
static const char sql_pending[] =
    "SELECT id FROM role_change WHERE user_id = ?1 AND status = 'pending' ORDER BY id";
static const char sql_insert[] =
    "INSERT INTO role_change (user_id, from_role, from_data_scope, from_org_id, display_name, "
    "org_id, role, data_scope, phone, job_title, status, proposed_by, proposed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?11, ?12, 'pending', ?9, ?10) RETURNING id";
static const char sql_add_org[] = "INSERT INTO role_change_org (change_id, org_id) VALUES (?1, ?2)";
static const char sql_decide[] = "UPDATE role_change SET status = ?2, decided_by = ?3, "
                                 "decided_at = ?4, comment = ?5 WHERE id = ?1";

/* element: a struct store_role_change without its custom scope */
static void read_change(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_role_change *c = element;

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->user_id = store_col_int(st, 1);
	c->username = store_col_dup(st, 2, a);
	c->from_role = store_col_dup(st, 3, a);
	c->from_data_scope = store_col_dup(st, 4, a);
	c->from_org_id = store_col_int(st, 5);
	c->from_org_name = store_col_dup(st, 6, a);
	c->display_name = store_col_dup(st, 7, a);
	c->org_id = store_col_int(st, 8);
	c->org_name = store_col_dup(st, 9, a);
	c->role = store_col_dup(st, 10, a);
	c->data_scope = store_col_dup(st, 11, a);
	c->status = store_col_dup(st, 12, a);
	c->proposed_by = store_col_int(st, 13);
	c->proposed_by_name = store_col_dup(st, 14, a);
	c->proposed_at = store_col_dup(st, 15, a);
	c->decided_by = store_col_int(st, 16);
	c->decided_by_name = store_col_dup(st, 17, a);
	c->decided_at = store_col_dup(st, 18, a);
	c->comment = store_col_dup(st, 19, a);
	c->phone = store_col_dup(st, 20, a);
	c->job_title = store_col_dup(st, 21, a);
}

static int load_orgs(struct store *s, struct arena *a, struct store_role_change *c)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_orgs, c->id, sizeof(int64_t), store_read_int, &arr, &c->nscope);

	c->scope_org_ids = arr;
	return rc;
}

int store_role_change_get(struct store *s, struct arena *a, int64_t id,
                          struct store_role_change *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_change, out)) != KFQ_OK)
		return rc;
	return load_orgs(s, a, out);
}

static void bind_filter(struct store_stmt *st, const void *arg)
{
	const struct store_role_change_filter *f = arg;

	store_bind_text(st, 1, f->status);
	store_bind_int(st, 2, f->user_id);
}

int store_role_change_list(struct store *s, struct arena *a,
                           const struct store_role_change_filter *f, struct store_role_change **out,
                           int *n, int64_t *total)
{
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .limit_param = 3,
	    .offset = f->offset,
	    .limit = f->limit,
	    .bind = bind_filter,
	    .arg = f,
	    .read = read_change,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	for (int i = 0; i < *n && rc == KFQ_OK; i++)
		rc = load_orgs(s, a, &(*out)[i]);
	return rc;
}

/* json: a struct store_user_json (the signature store_entity_json calls) */
static int write_change(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_user_json *shape = json;
	struct store_role_change c;
	int rc;

	if ((rc = store_role_change_get(s, a, id, &c)) == KFQ_OK)
		shape->role_change(w, &c);
	return rc;
}

/* Sets change id's status as decided by who now, audited `action` with before and after. */
static int set_status(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, int64_t id, const char *status,
                      const char *comment, const char *action)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before;
	int rc;

	time_format(time_now(), now);
	if (!(before = store_entity_json(s, id, write_change, json, &rc)))
		return rc;
	if ((rc = store_prepare(s, sql_decide, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		store_bind_text(st, 2, status);
		store_bind_id(st, 3, who->user_id);
		store_bind_text(st, 4, now);
		store_bind_text(st, 5, comment);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, action, "role_change", id, before, write_change,
		                        json);
	free(before);
	return rc;
}

int store_role_change_supersede(struct store *s, const struct store_actor *who,
                                const struct store_user_json *json, int64_t user_id)
{
	struct arena a;
	void *arr;
	int n, rc;

	arena_init(&a);
	rc = store_collect(s, &a, sql_pending, user_id, sizeof(int64_t), store_read_int, &arr, &n);
	for (int i = 0; i < n && rc == KFQ_OK; i++)
		rc = set_status(s, who, json, ((int64_t *)arr)[i], "superseded", NULL, "supersede");
	arena_release(&a);
	return rc;
}

static int insert(struct store *s, const struct store_actor *who, const struct store_user *from,
                  const struct store_user *to, int64_t *id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, to->id);
	store_bind_text(st, 2, from->role);
	store_bind_text(st, 3, from->data_scope);
	store_bind_int(st, 4, from->org_id);
	store_bind_text(st, 5, to->display_name);
	store_bind_int(st, 6, to->org_id);
	store_bind_text(st, 7, to->role);
	store_bind_text(st, 8, to->data_scope);
	store_bind_int(st, 9, who->user_id);
	store_bind_text(st, 10, now);
	store_bind_text(st, 11, to->phone);
	store_bind_text(st, 12, to->job_title);
	if ((rc = store_run_id(st, id)) != KFQ_OK || (rc = store_prepare(s, sql_add_org, &st)))
		return rc;
	for (int i = 0; i < to->nscope && rc == KFQ_OK; i++) {
		store_bind_int(st, 1, *id);
		store_bind_int(st, 2, to->scope_org_ids[i]);
		rc = store_run(st);
	}
	return rc;
}

/* Tells the inbox of a step on change id as it is now. */
static int tell(struct store *s, const struct store_actor *who, int64_t id,
                enum role_change_step step)
{
	struct store_role_change c;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_role_change_get(s, &a, id, &c)) == KFQ_OK) {
		struct role_change_subject subj = {
		    .id = c.id,
		    .display_name = c.display_name,
		    .username = c.username,
		    .role = c.role,
		    .org_name = c.org_name,
		    .data_scope = c.data_scope,
		    .nscope = c.nscope,
		    .proposed_by = c.proposed_by,
		    .comment = c.comment,
		};
		role_change_step_item(step, &subj, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_role_change_propose(struct store *s, const struct store_actor *who,
                              const struct store_user_json *json, const struct store_user *to,
                              int64_t *id)
{
	struct store_user from;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_user_get(s, &a, to->id, &from)) == KFQ_OK &&
	    (rc = store_role_change_supersede(s, who, json, to->id)) == KFQ_OK &&
	    (rc = insert(s, who, &from, to, id)) == KFQ_OK)
		rc = store_audit_entity(s, who, "propose", "role_change", *id, NULL, write_change,
		                        json);
	if (rc == KFQ_OK)
		rc = tell(s, who, *id, ROLE_CHANGE_STEP_PROPOSED);
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}

/* Applies change c to its account, audited "update" on the user. */
static int apply(struct store *s, const struct store_actor *who, const struct store_user_json *json,
                 const struct store_role_change *c)
{
	struct store_user u = {
	    .id = c->user_id,
	    .display_name = c->display_name,
	    .org_id = c->org_id,
	    .role = c->role,
	    .data_scope = c->data_scope,
	    .scope_org_ids = c->scope_org_ids,
	    .nscope = c->nscope,
	    .phone = c->phone,
	    .job_title = c->job_title,
	};
	char *before;
	int rc;

	if (!(before = store_entity_json(s, u.id, store_user_entity, json, &rc)))
		return rc;
	if ((rc = store_user_write_row(s, &u)) == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "user", u.id, before, store_user_entity,
		                        json);
	free(before);
	return rc;
}

int store_role_change_decide(struct store *s, const struct store_actor *who,
                             const struct store_user_json *json, int64_t id, bool confirm,
                             const char *comment)
{
	struct store_role_change c;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_role_change_get(s, &a, id, &c)) != KFQ_OK)
		goto done;
	if (strcmp(c.status, "pending") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if (confirm)
		rc = apply(s, who, json, &c);
	if (rc == KFQ_OK)
		rc = set_status(s, who, json, id, confirm ? "confirmed" : "rejected", comment,
		                confirm ? "confirm" : "reject");
	if (rc == KFQ_OK)
		rc = tell(s, who, id,
		          confirm ? ROLE_CHANGE_STEP_CONFIRMED : ROLE_CHANGE_STEP_REJECTED);
done:
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}
