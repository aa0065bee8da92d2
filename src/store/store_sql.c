/* store_sql.c - statements assembled from a module's fixed fragments (struct store_sql in
 * store_impl.h): the builder, the data scope's condition, and the per-connection cache of the
 * statements so made, kept by their text. Must not take a fragment from anywhere but the code:
 * values are bound, so the texts are as few as the combinations the modules can make. */
#include "store/store_impl.h"

#include "util/log.h"

#include <stdlib.h>
#include <string.h>

void store_sql_init(struct store_sql *q)
{
	strbuf_init(&q->text, 512);
	q->n = 0;
}

void store_sql_release(struct store_sql *q)
{
	strbuf_release(&q->text);
	q->n = 0;
}

void store_sql_add(struct store_sql *q, const char *text)
{
	strbuf_addstr(&q->text, text);
}

static int declare(struct store_sql *q, bool is_text, int64_t i, const char *t)
{
	if (q->n >= STORE_MAX_PARAMS)
		fatal("store: a statement with more than %d parameters", STORE_MAX_PARAMS);
	q->n++;
	q->v[q->n].is_text = is_text;
	q->v[q->n].i = i;
	q->v[q->n].t = t;
	return q->n;
}

int store_sql_param_int(struct store_sql *q, int64_t v)
{
	return declare(q, false, v, NULL);
}

int store_sql_param_text(struct store_sql *q, const char *v)
{
	return declare(q, true, 0, v);
}

/* fragment with each bare ? (one not followed by a digit) written as ?k */
static void add_numbered(struct store_sql *q, const char *fragment, int k)
{
	for (const char *p = fragment; *p; p++) {
		if (*p == '?' && !(p[1] >= '0' && p[1] <= '9'))
			strbuf_addf(&q->text, "?%d", k);
		else
			strbuf_addch(&q->text, *p);
	}
}

void store_sql_int(struct store_sql *q, const char *fragment, int64_t v)
{
	add_numbered(q, fragment, declare(q, false, v, NULL));
}

void store_sql_text(struct store_sql *q, const char *fragment, const char *v)
{
	add_numbered(q, fragment, declare(q, true, 0, v));
}

bool store_sql_scope(struct store_sql *q, const char *col, const struct store_scope *scope)
{
	const char *k = scope->kind;

	if (store_scope_everything(scope))
		return false;
	if (!strcmp(k, "org") || !strcmp(k, "self")) {
		store_sql_add(q, col);
		store_sql_int(q, " = ?", scope->org_id);
	} else if (!strcmp(k, "org_and_below")) {
		store_sql_add(q, col);
		store_sql_int(q,
		              " IN (WITH RECURSIVE scope_org(id) AS (SELECT CAST(? AS BIGINT) "
		              "UNION ALL SELECT o.id FROM org o JOIN scope_org ON o.parent_id = "
		              "scope_org.id) SELECT id FROM scope_org)",
		              scope->org_id);
	} else if (!strcmp(k, "custom")) {
		store_sql_add(q, col);
		store_sql_int(q, " IN (SELECT org_id FROM user_scope_org WHERE user_id = ?)",
		              scope->user_id);
	} else { /* a kind this code does not know shows nothing */
		store_sql_add(q, "1 = 0");
	}
	return true;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The kept entry for text, or a free or the least recently used one (emptied) to keep it in. */
static struct store_built *built_slot(struct store *s, const struct strbuf *text, uint64_t h)
{
	struct store_built *lru = &s->built[0];

	for (int i = 0; i < STORE_BUILT_CACHE; i++) {
		struct store_built *e = &s->built[i];
		if (e->sql && e->h == h && !strcmp(e->sql, text->buf))
			return e;
		if (!e->sql || (lru->sql && e->used < lru->used))
			lru = e;
	}
	if (lru->sql) {
		if (lru->stmt)
			s->ops->finalize(s, lru->stmt, true);
		free(lru->sql);
	}
	lru->sql = xstrdup(text->buf);
	lru->h = h;
	lru->stmt = NULL;
	return lru;
}

int store_sql_prepare(struct store *s, const struct store_sql *q, struct store_stmt **out)
{
	uint64_t h = fnv1a(q->text.buf, q->text.len);
	struct store_built *e = built_slot(s, &q->text, h);
	int rc = s->ops->prepare(s, e->sql, &e->stmt, out);

	if (rc != KFQ_OK) {
		if (!e->stmt) { /* never made: leave no entry behind */
			free(e->sql);
			e->sql = NULL;
		}
		return rc;
	}
	e->used = ++s->clock;
	for (int i = 1; i <= q->n; i++) {
		if (q->v[i].is_text)
			store_bind_text(*out, i, q->v[i].t);
		else
			store_bind_int(*out, i, q->v[i].i);
	}
	return KFQ_OK;
}
