/* store_impl.h - what the two backends implement; private to store/. */
#ifndef KFQ_STORE_IMPL_H
#define KFQ_STORE_IMPL_H

#include "store/store.h"

#include <stddef.h>

#define STORE_STMT_CACHE 256 /* distinct SQL texts per connection */
#define STORE_MAX_PARAMS 32

/* SQL: whether COL (an organization id) is in the data scope given as parameters K (kind), O
 * (organization) and U (user) of a struct store_scope. The same text on both backends; the
 * subquery does not depend on the row, so each backend evaluates it once per statement. */
#define STORE_IN_SCOPE(COL, K, O, U)                                                               \
	"(CAST(" K " AS TEXT) IS NULL OR " K " = 'all' OR " COL " IN (WITH RECURSIVE "             \
	"scope_org(id) AS (SELECT CAST(" O " AS BIGINT) WHERE " K " IN ('org', 'self', "           \
	"'org_and_below') UNION ALL SELECT o.id FROM org o JOIN scope_org ON o.parent_id = "       \
	"scope_org.id WHERE " K " = 'org_and_below') SELECT id FROM scope_org UNION ALL "          \
	"SELECT org_id FROM user_scope_org WHERE " K " = 'custom' AND user_id = " U "))"
/* Binds a struct store_scope as parameters k, k + 1, k + 2 of STORE_IN_SCOPE. */
void store_bind_scope(struct store_stmt *st, int k, const struct store_scope *scope);

struct store_ops {
	int (*prepare)(struct store *s, const char *sql, struct store_stmt **out);
	void (*bind_int)(struct store_stmt *st, int i, int64_t v);
	void (*bind_text)(struct store_stmt *st, int i, const char *v);
	int (*step)(struct store_stmt *st);
	int64_t (*col_int)(struct store_stmt *st, int i);
	const char *(*col_text)(struct store_stmt *st, int i);
	bool (*col_null)(struct store_stmt *st, int i);
	void (*reset)(struct store_stmt *st);
	int (*exec)(struct store *s, const char *sql);
	void (*close)(struct store *s);
	/* optional (NULL for SQLite, which never loses its connection) */
	int (*reconnect)(struct store *s);
	void (*stream)(struct store_stmt *st);
	const char *begin_sql;      /* opens a write transaction */
	const char *begin_read_sql; /* opens a read transaction on one snapshot */
};

struct store {
	const struct store_ops *ops;
	enum store_kind kind;
	char err[512]; /* last error message */
	bool lost;     /* the server connection broke; set by the backend, cleared on reconnect */
	uint64_t commits; /* COMMITs sent: see store_commits */
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

int store_sqlite_open(const char *path, struct store **out, char *errbuf, size_t errlen);
int store_pg_open(const char *url, struct store **out, char *errbuf, size_t errlen);

/* The statement cache shared by both backends: maps a SQL text's address to a slot. */
struct store_cache_entry {
	const char *sql;
	void *stmt;
};
void **store_cache_slot(struct store_cache_entry *cache, const char *sql);

/* PostgreSQL's COPY FROM STDIN (store_bulk.c): begin with the COPY statement, put text-format
 * rows, end (errmsg non-NULL abandons the copy; *rows, may be NULL, gets the rows copied). */
int store_pg_copy_begin(struct store *s, const char *sql);
int store_pg_copy_put(struct store *s, const char *buf, size_t n);
int store_pg_copy_end(struct store *s, const char *errmsg, int64_t *rows);

void store_set_err(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
