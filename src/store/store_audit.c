/* store_audit.c - the audit log's SQL: append under the head's lock, list, verify.
 * The write transaction read the head as it took the writers' lock (store_begin: FOR UPDATE on
 * PostgreSQL; SQLite's BEGIN IMMEDIATE holds the write lock) and each append moves it on.
 * Must not UPDATE or DELETE audit_log rows. */
#include "store/store_audit.h"
#include "store/store_impl.h"

#include "util/jcanon.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_head_sqlite[] = "SELECT seq, hash FROM audit_head WHERE id = 1";
static const char sql_head_pg[] = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
static const char sql_insert[] =
    "INSERT INTO audit_log (seq, time, user_id, username, org_id, client_addr, action, "
    "entity_type, entity_id, before_json, after_json, prev_hash, hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_set_head[] = "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1";

struct head {
	int64_t seq;
	char hash[AUDIT_HASH_HEX];
};

static void read_head_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct head *h = element;

	(void)a;
	h->seq = store_col_int(st, 0);
	snprintf(h->hash, sizeof(h->hash), "%s", store_col_text(st, 1));
}

/* The head row: KFQ_ENOTFOUND (with the error set) when it is missing. */
static int read_head(struct store *s, const char *sql, int64_t *seq, char hash[AUDIT_HASH_HEX])
{
	struct store_stmt *st;
	struct head h;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_row(st, NULL, read_head_row, &h)) == KFQ_ENOTFOUND)
		store_set_err(s, "audit_head row is missing");
	if (rc != KFQ_OK)
		return rc;
	*seq = h.seq;
	memcpy(hash, h.hash, sizeof(h.hash));
	return KFQ_OK;
}

/* json's canonical form in *out: json itself when it is canonical already, as the writers'
 * JSON mostly is (DECISIONS 235), else written into sb; NULL for NULL. */
static int canon_or_null(const char *json, struct strbuf *sb, const char **out)
{
	json_error_t err;
	json_t *v;
	int rc = KFQ_OK;

	*out = json;
	if (!json || jcanon_is(json, strlen(json)))
		return KFQ_OK;
	*out = NULL;
	v = json_loads(json, JSON_DECODE_ANY, &err);
	if (!v || jcanon_write(sb, v) != 0)
		rc = KFQ_EINVAL;
	else
		*out = sb->buf;
	json_decref(v);
	return rc;
}

int store_audit_append(struct store *s, const struct store_actor *who, const char *action,
                       const char *entity_type, const char *entity_id, const char *before,
                       const char *after)
{
	struct strbuf bj = STRBUF_INIT, aj = STRBUF_INIT, canon = STRBUF_INIT;
	struct store_stmt *st;
	struct audit_rec r = {0};
	char now[TIME_RFC3339_LEN], prev[AUDIT_HASH_HEX], hex[AUDIT_HASH_HEX];
	int rc;

	/* the head the transaction locked (store_begin), or as the last append left it */
	if (s->head_held) {
		r.seq = s->head_seq;
		memcpy(prev, s->head_hash, sizeof(prev));
	} else if ((rc = read_head(s, store_kind(s) == STORE_PG ? sql_head_pg : sql_head_sqlite,
	                           &r.seq, prev)) != KFQ_OK) {
		rc = rc == KFQ_ENOTFOUND ? KFQ_ERR : rc; /* a broken log, not a missing entity */
		goto cleanup;
	}
	s->head_held = false; /* until this append is done */
	r.seq++;

	time_format(time_now(), now);
	r.time = now;
	r.user_id = who->user_id;
	r.username = who->username;
	r.org_id = who->org_id;
	r.client_addr = who->client_addr ? who->client_addr : "unknown";
	r.action = action;
	r.entity_type = entity_type;
	r.entity_id = entity_id;
	r.prev_hash = prev;
	if ((rc = canon_or_null(before, &bj, &r.before_json)) != KFQ_OK ||
	    (rc = canon_or_null(after, &aj, &r.after_json)) != KFQ_OK)
		goto cleanup;
	audit_canonical(&r, &canon);
	audit_hash(prev, canon.buf, canon.len, hex);

	if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto cleanup;
	store_bind_int(st, 1, r.seq);
	store_bind_text(st, 2, r.time);
	store_bind_id(st, 3, r.user_id);
	store_bind_text(st, 4, r.username);
	store_bind_id(st, 5, r.org_id);
	store_bind_text(st, 6, r.client_addr);
	store_bind_text(st, 7, r.action);
	store_bind_text(st, 8, r.entity_type);
	store_bind_text(st, 9, r.entity_id);
	store_bind_text(st, 10, r.before_json);
	store_bind_text(st, 11, r.after_json);
	store_bind_text(st, 12, prev);
	store_bind_text(st, 13, hex);
	/* the record and the head go with the transaction's next statement or its COMMIT (one
	 * round trip on PostgreSQL): neither tells the caller anything but an error, and an error
	 * of either loses the transaction */
	if ((rc = store_send(st)) != KFQ_OK || (rc = store_prepare(s, sql_set_head, &st)) != KFQ_OK)
		goto cleanup;
	store_bind_int(st, 1, r.seq);
	store_bind_text(st, 2, hex);
	if ((rc = store_send(st)) == KFQ_OK) {
		s->head_seq = r.seq;
		memcpy(s->head_hash, hex, sizeof(s->head_hash));
		s->head_held = true;
	}
cleanup:
	strbuf_release(&bj);
	strbuf_release(&aj);
	strbuf_release(&canon);
	return rc;
}

int store_audit_append_id(struct store *s, const struct store_actor *who, const char *action,
                          const char *entity_type, int64_t id, const char *before,
                          const char *after)
{
	char sid[24];

	snprintf(sid, sizeof(sid), "%lld", (long long)id);
	return store_audit_append(s, who, action, entity_type, sid, before, after);
}

char *store_entity_json(struct store *s, int64_t id, store_entity_writer fn, const void *json,
                        int *rc)
{
	struct arena a;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	arena_init(&a);
	jsonw_init(&w, &sb);
	*rc = fn(s, &a, id, json, &w);
	arena_release(&a);
	if (*rc == KFQ_OK)
		return strbuf_detach(&sb, NULL);
	strbuf_release(&sb);
	return NULL;
}

int store_begin_change(struct store *s, int64_t id, store_entity_writer fn, const void *json,
                       char **before)
{
	int rc;

	*before = NULL;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	*before = store_entity_json(s, id, fn, json, &rc);
	return rc == KFQ_OK ? KFQ_OK : store_end(s, rc);
}

int store_audit_entity(struct store *s, const struct store_actor *who, const char *action,
                       const char *entity_type, int64_t id, const char *before,
                       store_entity_writer fn, const void *json)
{
	int rc;
	char *after = store_entity_json(s, id, fn, json, &rc);

	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, action, entity_type, id, before, after);
	free(after);
	return rc;
}

#define AUDIT_COLS                                                                                 \
	"seq, time, user_id, username, org_id, client_addr, action, entity_type, entity_id, "      \
	"before_json, after_json, prev_hash, hash"
static const char sql_count[] = "SELECT COUNT(*) FROM audit_log";
/* the list names who acted as people know them: the account's display name and the
 * organization's name now (the record keeps the login and the ids) */
static const char sql_list[] =
    "SELECT " AUDIT_COLS ", (SELECT u.display_name FROM app_user u WHERE u.id = "
    "audit_log.user_id), (SELECT o.name FROM org o WHERE o.id = audit_log.org_id) FROM "
    "audit_log";
static const char sql_all[] = "SELECT " AUDIT_COLS " FROM audit_log ORDER BY seq";

/* a filter and its username as a like pattern (store_like_contains) */
struct audit_arg {
	const struct store_audit_filter *f;
	const char *who;
};

/* the predicates of the filters given. Who acted is matched through the accounts (a small
 * table, its matches' records found by the user_id index), and among the records without an
 * account (the command line's), never by a pattern over every record's login: the log is the
 * largest table (DECISIONS 386). */
static void audit_filter(struct store_sql *q, const void *arg)
{
	const struct audit_arg *x = arg;
	const struct store_audit_filter *f = x->f;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->user_id)
		store_sql_int(q, " AND user_id = ?", f->user_id);
	if (x->who)
		store_sql_text(
		    q,
		    " AND (user_id IN (SELECT u.id FROM app_user u WHERE u.username LIKE ? "
		    "ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\') OR (user_id IS NULL "
		    "AND username LIKE ? ESCAPE '\\'))",
		    x->who);
	if (f->org_id)
		store_sql_int(q, " AND org_id = ?", f->org_id);
	if (f->entity_type)
		store_sql_text(q, " AND entity_type = ?", f->entity_type);
	if (f->entity_id)
		store_sql_text(q, " AND entity_id = ?", f->entity_id);
	if (f->action)
		store_sql_text(q, " AND action = ?", f->action);
	if (f->from)
		store_sql_text(q, " AND time >= ?", f->from);
	if (f->to)
		store_sql_text(q, " AND time < ?", f->to);
}

/* element: a struct store_audit_row */
static void read_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_audit_row *row = element;
	struct audit_rec *r = &row->rec;

	r->seq = store_col_int(st, 0);
	r->time = store_col_dup(st, 1, a);
	r->user_id = store_col_int(st, 2);
	r->username = store_col_dup(st, 3, a);
	r->org_id = store_col_int(st, 4);
	r->client_addr = store_col_dup(st, 5, a);
	r->action = store_col_dup(st, 6, a);
	r->entity_type = store_col_dup(st, 7, a);
	r->entity_id = store_col_dup(st, 8, a);
	r->before_json = store_col_dup(st, 9, a);
	r->after_json = store_col_dup(st, 10, a);
	r->prev_hash = store_col_dup(st, 11, a);
	row->hash = store_col_dup(st, 12, a);
	row->user_name = row->org_name = NULL;
}

/* element: a struct store_audit_row with the names of sql_list */
static void read_named_row(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_audit_row *row = element;

	read_row(st, a, element);
	row->user_name = store_col_dup(st, 13, a);
	row->org_name = store_col_dup(st, 14, a);
}

/* the list of the records x->f selects */
static struct store_list audit_list(const struct audit_arg *x)
{
	const struct store_audit_filter *f = x->f;

	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .read = read_named_row,
	    .elem_size = sizeof(struct store_audit_row),
	    .arg = x,
	    .filter = audit_filter,
	    .order = " ORDER BY seq DESC",
	};
}

int store_audit_list(struct store *s, struct arena *a, const struct store_audit_filter *f,
                     struct store_audit_row **rows, int *nrows, int64_t *total)
{
	struct audit_arg x = {f, store_like_contains(a, f->username)};
	struct store_list l = audit_list(&x);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, nrows, total);

	*rows = arr;
	return rc;
}

int store_audit_each(struct store *s, const struct store_audit_filter *f, store_each_fn fn,
                     void *ctx)
{
	struct arena a;
	struct audit_arg x;
	struct store_list l;
	int rc;

	arena_init(&a);
	x = (struct audit_arg){f, store_like_contains(&a, f->username)};
	l = audit_list(&x);
	rc = store_list_each(s, &l, fn, ctx);
	arena_release(&a);
	return rc;
}

int store_audit_verify(struct store *s, struct audit_verify *v)
{
	struct store_stmt *st;
	struct arena a;
	int rc;
	int64_t head_seq = 0;
	char head_hash[AUDIT_HASH_HEX] = "";

	/* a read transaction gives rows and head from one snapshot */
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	/* the head first: while the rows stream in, nothing else can run on the connection; a
	 * missing head is a broken log, reported as such below */
	rc = read_head(s, sql_head_sqlite, &head_seq, head_hash);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		goto done;
	if ((rc = store_prepare(s, sql_all, &st)) != KFQ_OK)
		goto done;
	/* one row in memory at a time, however long the log */
	store_stream(st);
	arena_init(&a);
	while ((rc = store_step(st)) == KFQ_ROW) {
		struct store_audit_row row;
		read_row(st, &a, &row);
		if (!audit_verify_row(v, &row.rec, row.hash)) {
			rc = KFQ_DONE;
			break;
		}
		arena_release(&a);
	}
	arena_release(&a);
	store_reset(st);
	if (rc != KFQ_DONE)
		goto done;
	(void)audit_verify_head(v, head_seq, head_hash);
	rc = KFQ_OK;
done:
	store_rollback(s);
	return rc;
}

int store_audit_head(struct store *s, int64_t *seq, char hash[AUDIT_HASH_HEX])
{
	return read_head(s, sql_head_sqlite, seq, hash);
}
