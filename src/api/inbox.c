/* inbox.c - each user's in-app inbox: the list (unread first), the unread count, and marking
 * an item read when it is opened, or all of them at once (a POST with the CSRF token: reading a
 * list never writes).
 * Every user reads and marks only their own items; someone else's answers 404 like a missing
 * one. The items come from workflow steps (store_inbox_send) and `kfq remind`. Must not write
 * SQL. */
#include "api/api.h"

#include "store/store_inbox.h"

/* An item: who did it (actor_name, null for reminders), what it is about and where to open
 * it. Items are not audited, so the API is this shape's only writer. */
static void write_entry(struct jsonw *w, const struct store_inbox_entry *e)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "actor_name", e->actor_name);
	jsonw_kstr(w, "created_at", e->created_at);
	jsonw_kid(w, "entity_id", e->entity_id);
	jsonw_kstr(w, "entity_type", e->entity_type);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "kind", e->kind);
	jsonw_kstr(w, "link", e->link);
	jsonw_kbool(w, "read", e->read_at != NULL);
	jsonw_kstr(w, "read_at", e->read_at);
	jsonw_kstr(w, "title", e->title);
	jsonw_obj_close(w);
}

static int inbox_list(struct api_ctx *c)
{
	struct store_inbox_entry *e;
	int64_t offset, limit, unread_only = api_query_int(c, "unread", 0), total, unread;
	int n, rc;

	api_query_page(c, &offset, &limit);
	if ((rc = store_inbox_list(c->db, c->a, c->sess.user.id, unread_only != 0, offset, limit,
	                           &e, &n, &total)) != KFQ_OK ||
	    (rc = store_inbox_unread(c->db, c->sess.user.id, &unread)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "unread", unread);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		write_entry(&c->w, &e[i]);
	api_page_end(c, total, offset, limit);
	return api_ok(c, 200);
}

static int inbox_unread(struct api_ctx *c)
{
	int64_t unread;
	int rc;

	if ((rc = store_inbox_unread(c->db, c->sess.user.id, &unread)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "unread", unread);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static int inbox_read(struct api_ctx *c)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	/* someone else's item answers as if it did not exist */
	if ((rc = store_inbox_mark_read(c->db, c->sess.user.id, id)) != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

/* 全部标为已读: the items marked, and the count left for the badge (one that came meanwhile) */
static int inbox_read_all(struct api_ctx *c)
{
	int64_t n, unread;
	int rc;

	if ((rc = store_inbox_mark_all_read(c->db, c->sess.user.id, &n)) != KFQ_OK ||
	    (rc = store_inbox_unread(c->db, c->sess.user.id, &unread)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "marked", n);
	jsonw_kint(&c->w, "unread", unread);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static const struct api_field inbox_query[] = {
    API_QPAGE,
    API_INT_FIELD("unread", false, 0, 1),
    API_FIELDS_END,
};
static const struct api_field no_body[] = {{NULL, 0, false, 0}};

const struct api_route api_inbox_routes[] = {
    {"GET", "/api/inbox", inbox_list, 0, 0, inbox_query, NULL},
    {"GET", "/api/inbox/unread-count", inbox_unread, 0, 0, NULL, NULL},
    {"POST", "/api/inbox/read-all", inbox_read_all, 0, 0, NULL, no_body},
    {"POST", "/api/inbox/:id/read", inbox_read, 0, 0, NULL, no_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
