/* store.c - the backend-independent half of the store: open by URL, dispatch through the
 * vtable, the statement cache, transactions. Must not contain dialect-specific SQL. */
#include "store/store_impl.h"

#include "util/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int nopen;
static atomic_int nbeside; /* of them, store_open_beside's */
/* statements the backends executed, by enum store_kind (kfq_db_statements_total) */
static atomic_uint_fast64_t nstatements[2];
static atomic_int lock_timeout = STORE_LOCK_TIMEOUT_DEFAULT;

void store_set_lock_timeout(int seconds)
{
	atomic_store(&lock_timeout, seconds);
}

int store_lock_timeout(void)
{
	return atomic_load(&lock_timeout);
}

bool store_is_pg_url(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

int store_open(const char *url, struct store **out, char *errbuf, size_t errlen)
{
	int rc;

	*out = NULL;
	if (store_is_pg_url(url))
		rc = store_pg_open(url, out, errbuf, errlen);
	else
		rc = store_sqlite_open(url, out, errbuf, errlen);
	if (rc == KFQ_OK) {
		atomic_fetch_add(&nopen, 1);
		(*out)->url = xstrdup(url);
	}
	return rc;
}

int store_open_beside(const struct store *s, struct store **out, char *errbuf, size_t errlen)
{
	int rc;

	*out = NULL;
	if (atomic_fetch_add(&nbeside, 1) >= STORE_BESIDE_MAX) {
		atomic_fetch_sub(&nbeside, 1);
		if (errbuf)
			snprintf(errbuf, errlen,
			         "%d connections beside the workers' are open already",
			         STORE_BESIDE_MAX);
		return KFQ_EBUSY;
	}
	if ((rc = store_open(s->url, out, errbuf, errlen)) != KFQ_OK) {
		atomic_fetch_sub(&nbeside, 1);
		return rc;
	}
	(*out)->beside = true;
	return KFQ_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	atomic_fetch_sub(&nopen, 1);
	if (s->beside)
		atomic_fetch_sub(&nbeside, 1);
	free(s->url);
	for (size_t i = 0; i < STORE_STMT_CACHE; i++)
		if (s->cache[i].stmt)
			s->ops->finalize(s, s->cache[i].stmt, false);
	for (size_t i = 0; i < STORE_BUILT_CACHE; i++) {
		if (s->built[i].stmt)
			s->ops->finalize(s, s->built[i].stmt, false);
		free(s->built[i].sql);
	}
	for (size_t i = 0; i < STORE_COUNT_CACHE; i++)
		free(s->counts[i].key);
	store_sessions_free(s);
	store_names_free(s);
	s->ops->close(s);
}

int store_open_count(void)
{
	return atomic_load(&nopen);
}

void store_statement_ran(struct store *s)
{
	atomic_fetch_add_explicit(&nstatements[s->kind], 1, memory_order_relaxed);
}

uint64_t store_statement_count(enum store_kind kind)
{
	return atomic_load_explicit(&nstatements[kind], memory_order_relaxed);
}

int store_beside_count(void)
{
	return atomic_load(&nbeside);
}

bool store_lost(const struct store *s)
{
	return s->lost;
}

int store_reconnect(struct store *s)
{
	if (!s->lost)
		return KFQ_OK;
	return s->ops->reconnect ? s->ops->reconnect(s) : KFQ_EUNAVAIL;
}

uint64_t store_commits(const struct store *s)
{
	return s->commits;
}

enum store_kind store_kind(const struct store *s)
{
	return s->kind;
}

const char *store_errmsg(const struct store *s)
{
	return s->err;
}

void store_set_err(struct store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
}

/* The slot of a static SQL text in the connection's cache, by the text's address. */
static void **cache_slot(struct store *s, const char *sql)
{
	uintptr_t h = ((uintptr_t)sql >> 3) * 2654435761u;

	for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
		struct store_cache_entry *e = &s->cache[(h + i) % STORE_STMT_CACHE];
		if (e->sql == sql)
			return &e->stmt;
		if (!e->sql) {
			e->sql = sql;
			return &e->stmt;
		}
	}
	fatal("store: more than %d distinct statements on one connection", STORE_STMT_CACHE);
}

/* The statement's first member is its connection, in both backends. */
struct stmt_head {
	struct store *s;
};

#define OPS(st) (((struct stmt_head *)(st))->s->ops)

struct store *store_stmt_conn(struct store_stmt *st)
{
	return ((struct stmt_head *)st)->s;
}

static int guard_run(struct store *s, struct store_stmt *next);

int store_prepare(struct store *s, const char *sql, struct store_stmt **out)
{
	int rc = s->ops->prepare(s, sql, cache_slot(s, sql), out);

	/* the queued check's own statement, wanted again: it runs first, before it is rebound */
	if (rc == KFQ_OK && s->guard == *out && guard_run(s, NULL) != KFQ_OK)
		return s->guard_rc;
	return rc;
}

void store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	OPS(st)->bind_int(st, i, v);
}

void store_bind_text(struct store_stmt *st, int i, const char *v)
{
	OPS(st)->bind_text(st, i, v);
}

void store_bind_null(struct store_stmt *st, int i)
{
	OPS(st)->bind_text(st, i, NULL);
}

void store_bind_id(struct store_stmt *st, int i, int64_t id)
{
	if (id)
		store_bind_int(st, i, id);
	else
		store_bind_null(st, i);
}

void store_bind_limit(struct store_stmt *st, int i, int64_t limit)
{
	if (limit > 0)
		store_bind_int(st, i, limit);
	else if (((struct stmt_head *)st)->s->kind == STORE_PG)
		store_bind_null(st, i);
	else
		store_bind_int(st, i, -1);
}

void store_guard(struct store *s, struct store_stmt *st, store_guard_fn check, void *arg)
{
	if (s->guard)
		fatal("store: a check is already queued");
	s->guard = st;
	s->guard_check = check;
	s->guard_arg = arg;
	s->guard_rc = KFQ_OK;
}

/* Runs the queued check: with next in one round trip where the backend can (next's result is
 * then in hand for its steps), alone before it otherwise. A failed check discards next's
 * result. */
static int guard_run(struct store *s, struct store_stmt *next)
{
	struct store_stmt *g = s->guard;
	int rc = KFQ_EINVAL;

	s->guard = NULL;
	if (next && s->ops->pair)
		rc = s->ops->pair(g, next);
	if (rc == KFQ_OK || rc == KFQ_EINVAL)
		rc = s->guard_check(g, s->ops->step(g), s->guard_arg);
	s->ops->reset(g);
	if (rc != KFQ_OK && next)
		s->ops->reset(next);
	s->guard_rc = rc;
	return rc;
}

int store_guard_end(struct store *s)
{
	if (s->guard)
		guard_run(s, NULL);
	return s->guard_rc;
}

int store_step(struct store_stmt *st)
{
	struct store *s = ((struct stmt_head *)st)->s;
	int rc;

	if (s->guard && (rc = guard_run(s, st)) != KFQ_OK)
		return rc;
	return OPS(st)->step(st);
}

/* a page that carries its total in column 0 is read from column 1 (store_list_page) */
#define COL(st, i) ((i) + ((struct stmt_head *)(st))->s->col_base)

int64_t store_col_int(struct store_stmt *st, int i)
{
	return OPS(st)->col_int(st, COL(st, i));
}

const char *store_col_text(struct store_stmt *st, int i)
{
	return OPS(st)->col_text(st, COL(st, i));
}

char *store_col_dup(struct store_stmt *st, int i, struct arena *a)
{
	const char *t = OPS(st)->col_text(st, COL(st, i));

	return t ? arena_strdup(a, t) : NULL;
}

bool store_col_null(struct store_stmt *st, int i)
{
	return OPS(st)->col_null(st, COL(st, i));
}

void store_reset(struct store_stmt *st)
{
	OPS(st)->reset(st);
}

int store_run(struct store_stmt *st)
{
	int rc = store_step(st);

	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc < 0 ? rc : KFQ_ERR;
}

int store_send(struct store_stmt *st)
{
	struct store *s = ((struct stmt_head *)st)->s;
	int rc;

	if (!s->ops->send) { /* run now, rows (RETURNING) unread as PostgreSQL leaves them */
		while ((rc = store_step(st)) == KFQ_ROW)
			;
		store_reset(st);
		return rc == KFQ_DONE ? KFQ_OK : rc;
	}
	if (s->guard && guard_run(s, NULL) != KFQ_OK) {
		s->ops->reset(st);
		return s->guard_rc;
	}
	return s->ops->send(st);
}

void store_ahead(struct store_stmt *st)
{
	struct store *s = ((struct stmt_head *)st)->s;

	if (s->ops->ahead)
		s->ops->ahead(st);
}

int store_run_id(struct store_stmt *st, int64_t *id)
{
	int rc = store_step(st);

	if (rc == KFQ_ROW && id)
		*id = store_col_int(st, 0);
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
}

int store_refuse_if(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	rc = store_run_id(st, NULL);
	return rc == KFQ_OK ? KFQ_ESTATE : rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

int store_run_rowid(struct store_stmt *st, int64_t *id)
{
	struct store *s = ((struct stmt_head *)st)->s;
	int rc;

	if (!s->ops->last_rowid)
		fatal("store_run_rowid on a backend without rowids");
	if ((rc = store_run(st)) == KFQ_OK)
		*id = s->ops->last_rowid(s);
	return rc;
}

void store_stream(struct store_stmt *st)
{
	if (OPS(st)->stream)
		OPS(st)->stream(st);
}

void store_binary(struct store_stmt *st)
{
	if (OPS(st)->binary)
		OPS(st)->binary(st);
}

int store_exec(struct store *s, const char *sql)
{
	if (s->guard && guard_run(s, NULL) != KFQ_OK)
		return s->guard_rc;
	return s->ops->exec(s, sql);
}

int store_begin(struct store *s)
{
	if (s->ahead) { /* begun, its head held: the reads since wrote nothing */
		s->ahead = false;
		return KFQ_OK;
	}
	s->head_held = s->head_pending = false;
	if (s->guard && guard_run(s, NULL) != KFQ_OK)
		return s->guard_rc;
	return s->ops->begin(s);
}

int store_head_hold(struct store *s, struct store_stmt *st)
{
	int rc = store_step(st);

	if (rc == KFQ_ROW) {
		const char *hash = store_col_text(st, 1);
		s->head_seq = store_col_int(st, 0);
		snprintf(s->head_hash, sizeof(s->head_hash), "%s", hash ? hash : "");
		s->head_held = true;
	}
	store_reset(st);
	return rc == KFQ_ROW || rc == KFQ_DONE ? KFQ_OK : rc;
}

int store_begin_ahead(struct store *s)
{
	int rc;

	if (s->kind != STORE_SQLITE || s->ahead)
		return KFQ_OK;
	/* not store_begin: a queued check runs in the transaction, with its first read */
	s->head_held = s->head_pending = false;
	if ((rc = s->ops->begin(s)) == KFQ_OK)
		s->ahead = true;
	return rc;
}

void store_ahead_drop(struct store *s)
{
	if (s->ahead)
		store_rollback(s);
}

int store_begin_read(struct store *s)
{
	return s->ahead ? KFQ_OK : store_exec(s, s->ops->begin_read_sql);
}

int store_commit(struct store *s)
{
	s->commits++;
	s->head_held = s->head_pending = s->ahead = false;
	return s->ops->commit ? s->ops->commit(s) : s->ops->exec(s, "COMMIT");
}

void store_rollback(struct store *s)
{
	char keep[sizeof(s->err)];

	s->head_held = s->head_pending = s->ahead = false;
	/* a lost connection took its transaction with it: the server rolled it back */
	if (s->lost)
		return;
	/* keep the error that made us roll back, not the rollback's own */
	memcpy(keep, s->err, sizeof(keep));
	if (s->ops->exec(s, "ROLLBACK") != KFQ_OK)
		log_error("store: rollback failed: %s", s->err);
	memcpy(s->err, keep, sizeof(keep));
}

bool store_scope_everything(const struct store_scope *scope)
{
	return !scope->kind || !strcmp(scope->kind, "all");
}

int store_scope_orgs(struct store *s, struct arena *a, const struct store_scope *scope,
                     int64_t **ids, int *n)
{
	struct store_sql q;
	struct store_stmt *st;
	int64_t *arr = NULL;
	int rc, cap = 0;

	*ids = NULL;
	*n = 0;
	store_sql_init(&q);
	store_sql_add(&q, "SELECT o.id FROM org o WHERE ");
	if (!store_sql_scope(&q, "o.id", scope)) {
		store_sql_release(&q);
		return KFQ_OK;
	}
	store_sql_add(&q, " ORDER BY o.id");
	rc = store_sql_prepare(s, &q, &st);
	store_sql_release(&q);
	if (rc != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			arr = arena_grow(a, arr, sizeof(*arr), &cap);
		arr[(*n)++] = store_col_int(st, 0);
	}
	store_reset(st);
	/* an empty scope is an empty list, not "everything" */
	*ids = arr ? arr : arena_alloc(a, sizeof(*arr));
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The list's statement of l: static, or assembled for this request; counted: with the total
 * of its rows before LIMIT in column 0 (an assembled list_sql opening with "SELECT "). */
static int list_stmt(struct store *s, const struct store_list *l, bool counted,
                     struct store_stmt **st)
{
	struct store_sql q;
	int rc;

	if (!l->filter) {
		if ((rc = store_prepare(s, l->list_sql, st)) != KFQ_OK)
			return rc;
		if (l->bind)
			l->bind(*st, l->arg);
		if (l->limit_param) {
			store_bind_limit(*st, l->limit_param, l->limit);
			store_bind_int(*st, l->limit_param + 1, l->offset);
		}
		return KFQ_OK;
	}
	store_sql_init(&q);
	if (l->head)
		l->head(&q, l->arg);
	if (counted) {
		store_sql_add(&q, "SELECT COUNT(*) OVER (), ");
		store_sql_add(&q, l->list_sql + strlen("SELECT "));
	} else {
		store_sql_add(&q, l->list_sql);
	}
	l->filter(&q, l->arg);
	if (l->order)
		store_sql_add(&q, l->order);
	if (l->limit > 0) {
		store_sql_int(&q, " LIMIT ?", l->limit);
		store_sql_int(&q, " OFFSET ?", l->offset);
	}
	if (l->tail)
		store_sql_add(&q, l->tail);
	rc = store_sql_prepare(s, &q, st);
	store_sql_release(&q);
	return rc;
}

void store_set_version(struct store *s, const char *version)
{
	s->version = version;
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211u;
	return h;
}

/* A count statement with its values, as the key of the totals kept. */
static void count_key(const struct store_sql *q, struct strbuf *key)
{
	strbuf_add(key, q->text.buf, q->text.len);
	for (int i = 1; i <= q->n; i++) {
		if (!q->v[i].is_text)
			strbuf_addf(key, "\x1fi%lld", (long long)q->v[i].i);
		else if (q->v[i].t)
			strbuf_addf(key, "\x1ft%zu:%s", strlen(q->v[i].t), q->v[i].t);
		else
			strbuf_addstr(key, "\x1fn");
	}
}

/* The entry kept for key at version, or NULL; *slot: where to keep it (a free entry or the
 * least recently used). */
static struct store_count *count_find(struct store *s, const struct strbuf *key, uint64_t h,
                                      struct store_count **slot)
{
	*slot = &s->counts[0];
	for (int i = 0; i < STORE_COUNT_CACHE; i++) {
		struct store_count *e = &s->counts[i];
		if (e->key && e->h == h && !strcmp(e->key, key->buf) &&
		    !strcmp(e->version, s->version))
			return e;
		if (!e->key || ((*slot)->key && e->used < (*slot)->used))
			*slot = e;
	}
	return NULL;
}

/* Whether l's total may be kept at the caller's version (never inside a write transaction,
 * whose changes are not yet the version's). */
static bool count_keepable(const struct store *s, const struct store_list *l)
{
	return l->filter && s->version && !s->head_held && !s->head_pending;
}

/* l's assembled count statement into q (the caller releases it), its key (text and values)
 * into key and *h its hash; returns the entry kept for it at the version, or NULL (*slot:
 * where to keep a new one). */
static struct store_count *count_lookup(struct store *s, const struct store_list *l,
                                        struct store_sql *q, struct strbuf *key, uint64_t *h,
                                        struct store_count **slot)
{
	store_sql_init(q);
	store_sql_add(q, l->count_sql);
	l->filter(q, l->arg);
	count_key(q, key);
	*h = fnv1a(key->buf, key->len);
	return count_find(s, key, *h, slot);
}

/* Keeps total for key (taken) at the version, in slot. */
static void count_keep(struct store *s, struct store_count *slot, struct strbuf *key, uint64_t h,
                       int64_t total)
{
	free(slot->key);
	slot->key = strbuf_detach(key, NULL);
	slot->h = h;
	snprintf(slot->version, sizeof(slot->version), "%s", s->version);
	slot->total = total;
	slot->used = ++s->clock;
}

/* Runs l's count: static, or assembled for this request and then kept at the caller's
 * version. */
static int count_total(struct store *s, const struct store_list *l, int64_t *total)
{
	struct store_sql q;
	struct strbuf key = STRBUF_INIT;
	struct store_count *e = NULL, *slot = NULL;
	struct store_stmt *st;
	bool keep = count_keepable(s, l);
	uint64_t h = 0;
	int rc;

	if (!l->filter) {
		if ((rc = store_prepare(s, l->count_sql, &st)) != KFQ_OK)
			return rc;
		if (l->bind)
			l->bind(st, l->arg);
	} else {
		e = count_lookup(s, l, &q, &key, &h, &slot);
		if (!keep)
			e = NULL;
		rc = e ? KFQ_OK : store_sql_prepare(s, &q, &st);
		store_sql_release(&q);
		if (e) {
			e->used = ++s->clock;
			*total = e->total;
			strbuf_release(&key);
			return KFQ_OK;
		}
		if (rc != KFQ_OK) {
			strbuf_release(&key);
			return rc;
		}
	}
	rc = store_step(st);
	*total = rc == KFQ_ROW ? store_col_int(st, 0) : 0;
	store_reset(st);
	if (rc == KFQ_ROW && keep)
		count_keep(s, slot, &key, h, *total);
	strbuf_release(&key);
	return rc == KFQ_ROW ? KFQ_OK : rc < 0 ? rc : KFQ_ERR;
}

int store_list_page(struct store *s, struct arena *a, const struct store_list *l, void **out,
                    int *n, int64_t *total)
{
	struct store_stmt *st;
	struct store_sql q;
	struct strbuf key = STRBUF_INIT;
	struct store_count *slot = NULL;
	char *arr = NULL;
	int64_t counted = -1;
	uint64_t h = 0;
	bool in_page = false;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	*total = 0;
	/* PostgreSQL: a total not kept is counted in the page's own statement, one round trip
	 * instead of two (DECISIONS 114) */
	if (s->kind == STORE_PG && l->count_in_page && l->count_sql && l->filter && l->limit > 0) {
		in_page = !count_lookup(s, l, &q, &key, &h, &slot) || !count_keepable(s, l);
		store_sql_release(&q);
	}
	if ((rc = list_stmt(s, l, in_page, &st)) != KFQ_OK)
		goto done;
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			arr = arena_grow(a, arr, l->elem_size, &cap);
		if (in_page)
			counted = store_col_int(st, 0);
		s->col_base = in_page;
		l->read(st, a, arr + l->elem_size * (size_t)(*n)++);
		s->col_base = 0;
	}
	store_reset(st);
	*out = arr;
	if (rc != KFQ_DONE || !l->count_sql) {
		rc = rc == KFQ_DONE ? KFQ_OK : rc;
		goto done;
	}
	rc = KFQ_OK;
	if ((l->limit <= 0 || *n < l->limit) && (*n > 0 || l->offset == 0)) {
		/* a page shorter than the limit (and not past the end) ends the selection: its
		 * total is known without counting */
		*total = l->offset + *n;
	} else if (counted >= 0) {
		*total = counted;
		if (count_keepable(s, l))
			count_keep(s, slot, &key, h, counted);
	} else {
		rc = count_total(s, l, total);
	}
done:
	strbuf_release(&key);
	return rc;
}

int store_list_each(struct store *s, const struct store_list *l, store_each_fn fn, void *ctx)
{
	struct store_list all = *l;
	struct store_stmt *st;
	struct arena a;
	void *element;
	int rc;

	all.offset = all.limit = 0;
	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = list_stmt(s, &all, false, &st)) != KFQ_OK)
		goto done;
	store_stream(st);
	arena_init(&a);
	element = xmalloc(l->elem_size);
	while ((rc = store_step(st)) == KFQ_ROW) {
		l->read(st, &a, element);
		rc = fn(ctx, element);
		arena_release(&a);
		if (rc != 0)
			break;
	}
	free(element);
	arena_release(&a);
	store_reset(st);
	if (rc == KFQ_DONE)
		rc = KFQ_OK;
done:
	store_rollback(s);
	return rc;
}

int store_end(struct store *s, int rc)
{
	if (rc == KFQ_OK && (rc = store_commit(s)) == KFQ_OK)
		return KFQ_OK;
	store_rollback(s);
	return rc < 0 ? rc : KFQ_ERR;
}

int store_exec_id(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_run(st);
}

int store_query_int(struct store *s, const char *sql, int64_t *out)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st);

	if (rc != KFQ_OK)
		return rc;
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		*out = store_col_int(st, 0);
		rc = KFQ_OK;
	} else if (rc == KFQ_DONE) {
		rc = KFQ_ENOTFOUND;
	}
	store_reset(st);
	return rc;
}

const char *store_like_contains(struct arena *a, const char *q)
{
	char *out, *p;

	if (!q || !*q)
		return NULL;
	out = p = arena_alloc(a, strlen(q) * 2 + 3);
	*p++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*p++ = '\\';
		*p++ = *q;
	}
	*p++ = '%';
	*p = 0;
	return out;
}

void store_read_int(struct store_stmt *st, struct arena *a, void *element)
{
	(void)a;
	*(int64_t *)element = store_col_int(st, 0);
}

int store_row(struct store_stmt *st, struct arena *a, store_reader read, void *element)
{
	int rc = store_step(st);

	if (rc == KFQ_ROW)
		read(st, a, element);
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
}

int store_collect(struct store *s, struct arena *a, const char *sql, int64_t id, size_t elem_size,
                  store_reader read, void **out, int *n)
{
	struct store_stmt *st;
	char *arr = NULL;
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			arr = arena_grow(a, arr, elem_size, &cap);
		read(st, a, arr + elem_size * (size_t)(*n)++);
	}
	store_reset(st);
	*out = arr;
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

const char *store_ids_text(const struct store *s, struct arena *a, const int64_t *ids, int n)
{
	bool pg = store_kind(s) == STORE_PG;
	struct strbuf text = STRBUF_INIT;
	char *out;

	strbuf_addch(&text, pg ? '{' : '[');
	for (int i = 0; i < n; i++)
		strbuf_addf(&text, "%s%lld", i ? "," : "", (long long)ids[i]);
	strbuf_addch(&text, pg ? '}' : ']');
	out = arena_strdup(a, text.buf);
	strbuf_release(&text);
	return out;
}
