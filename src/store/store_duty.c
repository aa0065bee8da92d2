/* store_duty.c - the zone–county 权责清单 in SQL: versions, their items, and the approval steps,
 * each change audited in its transaction. An approved version is never changed: a change makes
 * the next version, and approving it supersedes the one before. Must not check the items
 * (core/duty.c) nor decide who approves (api/, by capability). */
#include "store/store_impl.h"
#include "store/store_inbox.h"
#include "store/store_power.h"
#include "store/store_power_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define LIST_COLS                                                                                  \
	"l.id, l.zone_org_id, l.county_org_id, z.name, c.name, l.version, l.status, "              \
	"l.cross_posts, l.coordination, l.comment, l.created_at, l.reviewed_at, u.display_name"
#define LIST_FROM                                                                                  \
	" FROM duty_list l JOIN org z ON z.id = l.zone_org_id JOIN org c ON c.id = "               \
	"l.county_org_id LEFT JOIN app_user u ON u.id = l.reviewed_by"
static const char sql_versions[] =
    "SELECT " LIST_COLS LIST_FROM " WHERE l.zone_org_id = ?1 ORDER BY l.version DESC";
static const char sql_current[] =
    "SELECT " LIST_COLS LIST_FROM " WHERE l.version = (SELECT MAX(x.version) FROM duty_list x "
    "WHERE x.zone_org_id = l.zone_org_id)";
static const char sql_get[] = "SELECT " LIST_COLS LIST_FROM " WHERE l.id = ?1";
static const char sql_items[] = "SELECT id, seq, name, holder, lead, steps, basis FROM duty_item "
                                "WHERE list_id = ?1 ORDER BY seq";
static const char sql_newest[] = "SELECT id, version, status FROM duty_list WHERE zone_org_id = ?1 "
                                 "ORDER BY version DESC LIMIT 1";
static const char sql_insert[] =
    "INSERT INTO duty_list (zone_org_id, county_org_id, version, status, cross_posts, "
    "coordination, created_at, created_by) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7) "
    "RETURNING id";
static const char sql_update[] =
    "UPDATE duty_list SET county_org_id = ?2, status = 'draft', cross_posts = ?3, "
    "coordination = ?4 WHERE id = ?1";
static const char sql_items_delete[] = "DELETE FROM duty_item WHERE list_id = ?1";
static const char sql_item_insert[] =
    "INSERT INTO duty_item (list_id, seq, name, holder, lead, steps, basis) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_act[] = "UPDATE duty_list SET status = ?2, comment = ?3, reviewed_at = ?4, "
                              "reviewed_by = ?5 WHERE id = ?1";
static const char sql_submit[] = "UPDATE duty_list SET status = ?2 WHERE id = ?1";
static const char sql_supersede[] = "UPDATE duty_list SET status = 'superseded' WHERE "
                                    "zone_org_id = ?1 AND status = 'approved' AND id <> ?2";

static void read_list(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_duty_list *l = element;

	memset(l, 0, sizeof(*l));
	l->id = store_col_int(st, 0);
	l->zone_org_id = store_col_int(st, 1);
	l->county_org_id = store_col_int(st, 2);
	l->zone_name = store_col_dup(st, 3, a);
	l->county_name = store_col_dup(st, 4, a);
	l->version = (int)store_col_int(st, 5);
	l->status = store_col_dup(st, 6, a);
	l->cross_posts = store_col_dup(st, 7, a);
	l->coordination = store_col_dup(st, 8, a);
	l->comment = store_col_dup(st, 9, a);
	l->created_at = store_col_dup(st, 10, a);
	l->reviewed_at = store_col_dup(st, 11, a);
	l->reviewed_by_name = store_col_dup(st, 12, a);
}

/* Steps are stored one a line as "days|text" (the text may hold '|'). */
static void parse_steps(struct arena *a, const char *text, struct store_duty_item *it)
{
	int cap = 0;

	it->steps = NULL;
	it->nsteps = 0;
	while (text && *text) {
		const char *nl = strchr(text, '\n'), *bar = strchr(text, '|');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		if (bar && bar < text + len) {
			if (it->nsteps == cap)
				it->steps = arena_grow(a, it->steps, sizeof(*it->steps), &cap);
			it->steps[it->nsteps].days = strtoll(text, NULL, 10);
			it->steps[it->nsteps].text =
			    arena_strndup(a, bar + 1, len - (size_t)(bar + 1 - text));
			it->nsteps++;
		}
		text = nl ? nl + 1 : NULL;
	}
}

static void read_item(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_duty_item *it = element;

	it->id = store_col_int(st, 0);
	it->seq = (int)store_col_int(st, 1);
	it->name = store_col_dup(st, 2, a);
	it->holder = store_col_dup(st, 3, a);
	it->lead = store_col_dup(st, 4, a);
	parse_steps(a, store_col_text(st, 5), it);
	it->basis = store_col_dup(st, 6, a);
}

static int lists(struct store *s, struct arena *a, const struct store_list *shape,
                 struct store_duty_list **out, int *n)
{
	struct store_list l = *shape;
	void *arr;
	int64_t total;
	int rc;

	l.read = read_list;
	l.elem_size = sizeof(**out);
	rc = store_list_page(s, a, &l, &arr, n, &total);
	*out = arr;
	return rc;
}

static void bind_zone(struct store_stmt *st, const void *arg)
{
	store_bind_int(st, 1, *(const int64_t *)arg);
}

/* the newest versions whose zone or county is in the scope */
static void current_filter(struct store_sql *q, const void *arg)
{
	store_power_scope_either(q, "l.zone_org_id", "l.county_org_id", arg);
}

int store_duty_versions(struct store *s, struct arena *a, int64_t zone_org_id,
                        struct store_duty_list **out, int *n)
{
	struct store_list l = {.list_sql = sql_versions, .bind = bind_zone, .arg = &zone_org_id};

	return lists(s, a, &l, out, n);
}

int store_duty_current(struct store *s, struct arena *a, const struct store_scope *scope,
                       struct store_duty_list **out, int *n)
{
	struct store_list l = {.list_sql = sql_current,
	                       .arg = scope,
	                       .filter = current_filter,
	                       .order = " ORDER BY z.name"};

	return lists(s, a, &l, out, n);
}

int store_duty_get(struct store *s, struct arena *a, int64_t id, struct store_duty_list *out)
{
	struct store_stmt *st;
	void *arr;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_list, out)) != KFQ_OK)
		return rc;
	rc = store_collect(s, a, sql_items, id, sizeof(*out->items), read_item, &arr, &out->nitems);
	out->items = arr;
	return rc;
}

static int write_list(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_power_json *shape = json;
	struct store_duty_list l;
	int rc;

	if ((rc = store_duty_get(s, a, id, &l)) == KFQ_OK)
		shape->duty_list(w, &l);
	return rc;
}

static int insert_items(struct store *s, const struct store_duty_list *l, int64_t id)
{
	struct store_stmt *st;
	int rc = KFQ_OK;

	for (int i = 0; i < l->nitems && rc == KFQ_OK; i++) {
		const struct store_duty_item *it = &l->items[i];
		struct strbuf steps = STRBUF_INIT;
		for (int k = 0; k < it->nsteps; k++)
			strbuf_addf(&steps, "%s%lld|%s", k ? "\n" : "",
			            (long long)it->steps[k].days, it->steps[k].text);
		if ((rc = store_prepare(s, sql_item_insert, &st)) == KFQ_OK) {
			store_bind_int(st, 1, id);
			store_bind_int(st, 2, i + 1);
			store_bind_text(st, 3, it->name);
			store_bind_text(st, 4, it->holder);
			store_bind_text(st, 5, it->lead);
			store_bind_text(st, 6, it->nsteps ? steps.buf : NULL);
			store_bind_text(st, 7, it->basis);
			rc = store_run(st);
		}
		strbuf_release(&steps);
	}
	return rc;
}

int store_duty_save(struct store *s, const struct store_actor *who,
                    const struct store_power_json *json, struct store_duty_list *l)
{
	struct store_stmt *st;
	struct arena tmp;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t id = 0, version = 0;
	const char *status = NULL;
	int rc;

	arena_init(&tmp);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_prepare(s, sql_newest, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, l->zone_org_id);
	if ((rc = store_step(st)) == KFQ_ROW) {
		id = store_col_int(st, 0);
		version = store_col_int(st, 1);
		status = store_col_dup(st, 2, &tmp);
	}
	store_reset(st);
	if (rc != KFQ_ROW && rc != KFQ_DONE)
		goto done;
	rc = KFQ_OK;
	if (status && !strcmp(status, "submitted")) {
		rc = KFQ_EBUSY;
		goto done;
	}
	if (status && (!strcmp(status, "draft") || !strcmp(status, "returned"))) {
		/* the open version is replaced */
		if (!(before = store_entity_json(s, id, write_list, json, &rc)) ||
		    (rc = store_prepare(s, sql_update, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, id);
		store_bind_int(st, 2, l->county_org_id);
		store_bind_text(st, 3, l->cross_posts);
		store_bind_text(st, 4, l->coordination);
		if ((rc = store_run(st)) != KFQ_OK ||
		    (rc = store_prepare(s, sql_items_delete, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, id);
		rc = store_run(st);
	} else {
		/* the first version, or the next after an approved one */
		if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
			goto done;
		store_bind_int(st, 1, l->zone_org_id);
		store_bind_int(st, 2, l->county_org_id);
		store_bind_int(st, 3, version + 1);
		store_bind_text(st, 4, l->cross_posts);
		store_bind_text(st, 5, l->coordination);
		store_bind_text(st, 6, now);
		store_bind_id(st, 7, who->user_id);
		rc = store_run_id(st, &id);
	}
	if (rc == KFQ_OK && (rc = insert_items(s, l, id)) == KFQ_OK)
		rc = store_audit_entity(s, who, before ? "update" : "create", "duty_list", id,
		                        before, write_list, json);
	l->id = id;
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&tmp);
	return rc;
}

int store_duty_act(struct store *s, struct arena *a, const struct store_actor *who,
                   const struct store_power_json *json, int64_t id, enum duty_action action,
                   const char *comment, const char **status)
{
	static const char *const names[] = {"submit", "approve", "return"};
	struct store_stmt *st;
	struct store_duty_list l;
	struct arena tmp;
	char now[TIME_RFC3339_LEN], *before = NULL;
	const char *next;
	int rc;

	*status = NULL;
	arena_init(&tmp);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if (!(before = store_entity_json(s, id, write_list, json, &rc)) ||
	    (rc = store_duty_get(s, &tmp, id, &l)) != KFQ_OK)
		goto done;
	*status = arena_strdup(a, l.status);
	if (!(next = duty_next_status(l.status, action))) {
		rc = KFQ_EBUSY;
		goto done;
	}
	if ((rc = store_prepare(s, action == DUTY_SUBMIT ? sql_submit : sql_act, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, next);
	if (action != DUTY_SUBMIT) {
		store_bind_text(st, 3, comment);
		store_bind_text(st, 4, now);
		store_bind_id(st, 5, who->user_id);
	}
	if ((rc = store_run(st)) == KFQ_OK && action == DUTY_APPROVE &&
	    (rc = store_prepare(s, sql_supersede, &st)) == KFQ_OK) {
		store_bind_int(st, 1, l.zone_org_id);
		store_bind_int(st, 2, id);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, names[action], "duty_list", id, before, write_list,
		                        json);
	if (rc == KFQ_OK) {
		struct duty_step_subject subj = {id,          l.zone_org_id, l.county_org_id,
		                                 l.zone_name, l.version,     comment};
		struct inbox_item item;
		duty_step_item(action, &subj, &tmp, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&tmp);
	return rc;
}
