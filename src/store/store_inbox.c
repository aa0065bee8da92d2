/* store_inbox.c - the inbox in SQL: delivering an item to the accounts its recipients name
 * (organization, role by permission, data scope covering an organization, capability held by the
 * organization, one account), inside
 * the step's transaction or in one of its own; listing and marking read. Must not word an item
 * or decide who should be told: core/ does (plan_step.c, remind.c). */
#include "store/store_inbox.h"
#include "store/store_impl.h"

#include "core/account.h"
#include "core/enums.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

/* One row per active account but the actor (?6) that has no item with this key yet, of the
 * accounts the condition between them names */
#define SEND_HEAD                                                                                  \
	"INSERT INTO inbox (user_id, kind, title, link, dedupe_key, created_at, actor_id, "        \
	"entity_type, entity_id) SELECT u.id, CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS "     \
	"TEXT), CAST(?4 AS TEXT), CAST(?5 AS TEXT), CAST(?6 AS BIGINT), CAST(?7 AS TEXT), "        \
	"CAST(?8 AS BIGINT) FROM app_user u WHERE u.disabled = 0 "                                 \
	"AND u.id <> COALESCE(CAST(?6 AS BIGINT), 0) AND "
/* the items made, for a delivery that counts them; one that does not (store_send) leaves the
 * RETURNING out, for which SQLite builds and reads back a table of its own at each run */
#define SEND_TAIL    " ON CONFLICT DO NOTHING"
#define SEND_COUNTED SEND_TAIL " RETURNING user_id"
/* the entry (?9 account, ?10 organization, ?11 role, ?12 an organization its data scope
 * covers: everything, its own organization, one of its ancestors' (org_and_below) or one of
 * its custom set; ?13 a capability its organization holds) */
#define SEND_ANY                                                                                   \
	"(?9 = 0 OR u.id = ?9) "                                                                   \
	"AND (?10 = 0 OR u.org_id = ?10) AND (CAST(?11 AS TEXT) IS NULL OR u.role = ?11) "         \
	"AND (?12 = 0 OR u.data_scope = 'all' "                                                    \
	"OR (u.data_scope IN ('org', 'self') AND u.org_id = ?12) "                                 \
	"OR (u.data_scope = 'org_and_below' AND u.org_id IN (WITH RECURSIVE up(id) AS ("           \
	"SELECT CAST(?12 AS BIGINT) UNION ALL SELECT o.parent_id FROM org o JOIN up ON o.id = "    \
	"up.id WHERE o.parent_id IS NOT NULL) SELECT id FROM up)) "                                \
	"OR (u.data_scope = 'custom' AND EXISTS (SELECT 1 FROM user_scope_org x "                  \
	"WHERE x.user_id = u.id AND x.org_id = ?12))) AND (CAST(?13 AS TEXT) IS NULL OR u.org_id " \
	"IN (SELECT c.org_id FROM org_capability c WHERE c.capability = ?13))"
static const char sql_send[] = SEND_HEAD SEND_ANY SEND_COUNTED;
static const char sql_send_quiet[] = SEND_HEAD SEND_ANY SEND_TAIL;
/* an entry that names an organization (?9) and nothing else, as a notice's does: what sql_send
 * selects for it, without the plan of the other recipients' conditions (the walk up the
 * organizations, the custom scopes, the capabilities), which PostgreSQL set up for every
 * delivery though it never ran them */
#define SEND_ORG "u.org_id = ?9"
static const char sql_send_org[] = SEND_HEAD SEND_ORG SEND_COUNTED;
static const char sql_send_org_quiet[] = SEND_HEAD SEND_ORG SEND_TAIL;
/* the audit record the step appended last in this transaction */
static const char sql_head_seq[] = "SELECT seq FROM audit_head WHERE id = 1";
static const char sql_count[] =
    "SELECT COUNT(*) FROM inbox WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL)";
static const char sql_list[] =
    "SELECT i.id, i.kind, i.title, i.link, i.created_at, i.read_at, a.display_name, "
    "i.entity_type, i.entity_id FROM inbox i LEFT JOIN app_user a ON a.id = i.actor_id "
    "WHERE i.user_id = ?1 AND (?2 = 0 OR i.read_at IS NULL) "
    "ORDER BY CASE WHEN i.read_at IS NULL THEN 0 ELSE 1 END, i.id DESC LIMIT ?3 OFFSET ?4";
static const char sql_unread[] =
    "SELECT COUNT(*) FROM inbox WHERE user_id = ?1 AND read_at IS NULL";
static const char sql_read[] = "UPDATE inbox SET read_at = COALESCE(read_at, ?3) "
                               "WHERE id = ?1 AND user_id = ?2 RETURNING id";
static const char sql_read_all[] = "UPDATE inbox SET read_at = ?2 "
                                   "WHERE user_id = ?1 AND read_at IS NULL RETURNING id";

/* Collects distinct account ids in an arena. */
struct user_set {
	struct arena *a;
	int64_t *ids;
	int n, cap;
};

static void user_set_add(struct user_set *u, int64_t id)
{
	for (int i = 0; i < u->n; i++)
		if (u->ids[i] == id)
			return;
	if (u->n == u->cap)
		u->ids = arena_grow(u->a, u->ids, sizeof(*u->ids), &u->cap);
	u->ids[u->n++] = id;
}

/* Runs the insert for one recipient entry, narrowed to one role (NULL = any), counting the
 * items in *added and their accounts in users; when neither is wanted (added NULL) it goes
 * with the transaction's next statement (store_send). */
static int deliver_to(struct store *s, const struct inbox_item *it, const char *key,
                      const char *now, int64_t actor, const struct inbox_to *to, const char *role,
                      int *added, struct user_set *users)
{
	bool org_only = to->org_id && !to->user_id && !role && !to->scope_of && !to->capability;
	const char *sql = org_only ? (added ? sql_send_org : sql_send_org_quiet)
	                           : (added ? sql_send : sql_send_quiet);
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, it->kind);
	store_bind_text(st, 2, it->title);
	store_bind_text(st, 3, it->link);
	store_bind_text(st, 4, key);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, actor);
	store_bind_text(st, 7, it->entity_type);
	store_bind_id(st, 8, it->entity_id);
	if (org_only) {
		store_bind_int(st, 9, to->org_id);
	} else {
		store_bind_int(st, 9, to->user_id);
		store_bind_int(st, 10, to->org_id);
		store_bind_text(st, 11, role);
		store_bind_int(st, 12, to->scope_of);
		store_bind_text(st, 13, to->capability);
	}
	if (!added)
		return store_send(st);
	while ((rc = store_step(st)) == KFQ_ROW) {
		(*added)++;
		if (users)
			user_set_add(users, store_col_int(st, 0));
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* Every entry of the item; a permission stands for each role that has it (core/account.c). */
static int deliver(struct store *s, const struct inbox_item *it, const char *key, const char *now,
                   int64_t actor, int *added, struct user_set *users)
{
	int rc = KFQ_OK;

	for (int i = 0; i < it->nto && rc == KFQ_OK; i++) {
		const struct inbox_to *to = &it->to[i];
		if (!to->user_id && !to->org_id && !to->perm && !to->scope_of && !to->capability)
			return KFQ_EINVAL;
		if (!to->perm) {
			rc = deliver_to(s, it, key, now, actor, to, NULL, added, users);
			continue;
		}
		for (size_t r = 0; r < enum_role.n && rc == KFQ_OK; r++) {
			const char *role = enum_role.entries[r].code;
			if ((account_role_perms(role) & to->perm) == to->perm)
				rc = deliver_to(s, it, key, now, actor, to, role, added, users);
		}
	}
	return rc;
}

int store_inbox_send(struct store *s, const struct store_actor *who, const struct inbox_item *it,
                     int *added)
{
	char now[TIME_RFC3339_LEN], key[160];
	const char *k = it->dedupe_key;
	int64_t seq = 0;
	int rc, count = 0;

	time_format(time_now(), now);
	if (!k) {
		if ((rc = store_query_int(s, sql_head_seq, &seq)) != KFQ_OK)
			return rc;
		snprintf(key, sizeof(key), "%s:%s%lld:a%lld", it->kind,
		         it->entity_type ? it->entity_type : "", (long long)it->entity_id,
		         (long long)seq);
		k = key;
	}
	rc = deliver(s, it, k, now, who ? who->user_id : 0, added ? &count : NULL, NULL);
	if (added)
		*added = rc == KFQ_OK ? count : 0;
	return rc;
}

int store_inbox_add(struct store *s, const struct inbox_item *items, int n, int *added, int *users)
{
	struct arena a;
	struct user_set set = {&a, NULL, 0, 0};
	char now[TIME_RFC3339_LEN];
	int rc, count = 0;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) == KFQ_OK) {
		for (int i = 0; i < n && rc == KFQ_OK; i++)
			rc = deliver(s, &items[i], items[i].dedupe_key, now, 0, &count, &set);
		rc = store_end(s, rc);
	}
	if (added)
		*added = rc == KFQ_OK ? count : 0;
	if (users)
		*users = rc == KFQ_OK ? set.n : 0;
	arena_release(&a);
	return rc;
}

/* element: a struct store_inbox_entry */
static void read_entry(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_inbox_entry *e = element;

	e->id = store_col_int(st, 0);
	e->kind = store_col_dup(st, 1, a);
	e->title = store_col_dup(st, 2, a);
	e->link = store_col_dup(st, 3, a);
	e->created_at = store_col_dup(st, 4, a);
	e->read_at = store_col_dup(st, 5, a);
	e->actor_name = store_col_dup(st, 6, a);
	e->entity_type = store_col_dup(st, 7, a);
	e->entity_id = store_col_int(st, 8);
}

/* arg: a struct inbox_arg */
struct inbox_arg {
	int64_t user_id;
	bool unread_only;
};

static void bind_inbox(struct store_stmt *st, const void *arg)
{
	const struct inbox_arg *x = arg;

	store_bind_int(st, 1, x->user_id);
	store_bind_int(st, 2, x->unread_only);
}

int store_inbox_list(struct store *s, struct arena *a, int64_t user_id, bool unread_only,
                     int64_t offset, int64_t limit, struct store_inbox_entry **out, int *n,
                     int64_t *total)
{
	struct inbox_arg arg = {user_id, unread_only};
	struct store_list l = {
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .limit_param = 3,
	    .offset = offset,
	    .limit = limit,
	    .bind = bind_inbox,
	    .arg = &arg,
	    .read = read_entry,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_inbox_unread(struct store *s, int64_t user_id, int64_t *n)
{
	struct store_stmt *st;
	int rc;

	*n = 0;
	if ((rc = store_prepare(s, sql_unread, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, user_id);
	return store_row(st, NULL, store_read_int, n);
}

static const char sql_forget[] = "DELETE FROM inbox WHERE entity_type = ?1 AND entity_id = ?2";

int store_inbox_forget(struct store *s, const char *entity_type, int64_t entity_id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_forget, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, entity_type);
	store_bind_int(st, 2, entity_id);
	return store_run(st);
}

int store_inbox_mark_read(struct store *s, int64_t user_id, int64_t id)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_read, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, user_id);
	store_bind_text(st, 3, now);
	return store_run_id(st, NULL);
}

int store_inbox_mark_all_read(struct store *s, int64_t user_id, int64_t *n)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	*n = 0;
	time_format(time_now(), now);
	if ((rc = store_prepare(s, sql_read_all, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, user_id);
	store_bind_text(st, 2, now);
	while ((rc = store_step(st)) == KFQ_ROW)
		(*n)++;
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}
