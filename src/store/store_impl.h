/* store_impl.h - what the two backends implement; private to store/. */
#ifndef KFQ_STORE_IMPL_H
#define KFQ_STORE_IMPL_H

#include "core/audit_chain.h"
#include "store/store.h"
#include "util/strbuf.h"

#include <stddef.h>

/* distinct static SQL texts per connection: above the number in store/ (about 700 with every
 * module; `kfq demo` uses most of them on one connection) */
#define STORE_STMT_CACHE  2048
#define STORE_BUILT_CACHE 64 /* statements assembled from fragments, per connection */
#define STORE_COUNT_CACHE 16 /* totals of lists kept per connection */
#define STORE_MAX_PARAMS  32

/* A statement assembled from a module's fixed fragments: the predicates one request uses, so
 * that each combination of filters is a statement of its own, prepared once per connection
 * and planned once by PostgreSQL (generic plans), where a catch-all `(?1 = 0 OR col = ?1)`
 * would need a plan for each execution. Values are always bound, never written into the text:
 * the texts are as few as the combinations the code can make (DECISIONS.md). */
struct store_sql {
	struct strbuf text;
	int n; /* parameters declared */
	struct {
		bool is_text;
		int64_t i;
		const char *t;     /* borrowed: must live until the statement is prepared */
	} v[STORE_MAX_PARAMS + 1]; /* 1-based */
};

void store_sql_init(struct store_sql *q);
void store_sql_release(struct store_sql *q);
/* Appends text as is; it may name parameters already declared as ?N. */
void store_sql_add(struct store_sql *q, const char *text);
/* Declares the next parameter without text (a head's ?1 ?2 …); returns its number. */
int store_sql_param_int(struct store_sql *q, int64_t v);
int store_sql_param_text(struct store_sql *q, const char *v);
/* Declares a parameter of value v and appends fragment, whose every bare ? names it. */
void store_sql_int(struct store_sql *q, const char *fragment, int64_t v);
void store_sql_text(struct store_sql *q, const char *fragment, const char *v);
/* Appends the condition that COL (an organization id, a fixed text of the module's) is in the
 * data scope: `COL = ?` for an organization, a recursive subquery over the tree for one and
 * below, the custom scope's table; false when the scope is everything (nothing appended).
 * The one place the scope rule is written (DECISIONS 22). */
bool store_sql_scope(struct store_sql *q, const char *col, const struct store_scope *scope);
/* The statement for q's text on this connection, with q's values bound. */
int store_sql_prepare(struct store *s, const struct store_sql *q, struct store_stmt **out);

struct store_ops {
	/* The statement for sql on this connection: *slot holds it once made (NULL before); made
	 * again where the connection needs it (PostgreSQL after a reconnection). */
	int (*prepare)(struct store *s, const char *sql, void **slot, struct store_stmt **out);
	/* Frees a statement of slot's; evict: the connection goes on (PostgreSQL deallocates it) */
	void (*finalize)(struct store *s, void *stmt, bool evict);
	void (*bind_int)(struct store_stmt *st, int i, int64_t v);
	void (*bind_text)(struct store_stmt *st, int i, const char *v);
	int (*step)(struct store_stmt *st);
	int64_t (*col_int)(struct store_stmt *st, int i);
	const char *(*col_text)(struct store_stmt *st, int i);
	bool (*col_null)(struct store_stmt *st, int i);
	void (*reset)(struct store_stmt *st);
	int (*exec)(struct store *s, const char *sql);
	void (*close)(struct store *s); /* the connection; its statements are finalized first */
	/* optional (NULL for SQLite, which never loses its connection) */
	int (*reconnect)(struct store *s);
	void (*stream)(struct store_stmt *st);
	void (*binary)(struct store_stmt *st);
	/* Opens a write transaction (writers queue on it, as SQLite's BEGIN IMMEDIATE queues
	 * them) and reads the audit head into the store's head (held = false when its row is
	 * missing), in one round trip where the backend has them. */
	int (*begin)(struct store *s);
	const char *begin_read_sql; /* opens a read transaction on one snapshot */
	/* optional: sends first and then next, both bound and not yet run, in one round trip, and
	 * leaves each one's result to its steps; KFQ_EINVAL when next cannot go with it (it is
	 * not a SELECT, is read a row at a time, or is not yet prepared on this connection):
	 * nothing was sent. A read sent ahead (ahead) and not yet answered goes before both, in
	 * the same round trip */
	int (*pair)(struct store_stmt *first, struct store_stmt *next);
	/* optional: sends st (bound, a write in a write transaction) and resets it, its result read
	 * with the next statement's or the COMMIT's, in their round trip, its error then theirs */
	int (*send)(struct store_stmt *st);
	/* optional: sends st (bound, a read) to go with the next statement that needs an answer,
	 * in its round trip, its answer kept for st's next step with the same values (store_ahead)
	 */
	void (*ahead)(struct store_stmt *st);
	/* optional (SQLite only): the rowid of the last row its INSERTs made (store_run_rowid) */
	int64_t (*last_rowid)(struct store *s);
	/* optional: ends the write transaction (NULL: exec of COMMIT) */
	int (*commit)(struct store *s);
};

/* A check of the first row of st (rc: its step's code), run before the next statement's result
 * is read: KFQ_OK lets it be read, anything else is that statement's outcome instead. */
typedef int (*store_guard_fn)(struct store_stmt *st, int rc, void *arg);
/* Queues st (bound) and check to run with the next statement on s, in the same round trip where
 * the backend can (ops.pair); store_exec, store_begin and store_begin_read run it alone first,
 * store_guard_end when nothing else came. One at a time. */
void store_guard(struct store *s, struct store_stmt *st, store_guard_fn check, void *arg);

/* The statement cache of static SQL texts: a text's address to its statement. */
struct store_cache_entry {
	const char *sql;
	void *stmt;
};

/* A total counted for a list (its count statement and values), kept while the data's version
 * is the one it was counted at (store_list_page). */
struct store_count {
	uint64_t h; /* hash of key */
	char *key;  /* heap: the count statement's text and values; NULL = a free entry */
	char version[AUDIT_HASH_HEX];
	int64_t total;
	uint64_t used; /* store.clock at its last use */
};

/* A statement assembled for a request (store_sql), kept by its text; the least recently used
 * goes when STORE_BUILT_CACHE are kept. */
struct store_built {
	uint64_t h;    /* hash of sql */
	char *sql;     /* heap; NULL = a free entry */
	void *stmt;    /* the backend's statement */
	uint64_t used; /* store.clock at its last use */
};

struct store {
	const struct store_ops *ops;
	enum store_kind kind;
	char err[512]; /* last error message */
	bool lost;     /* the server connection broke; set by the backend, cleared on reconnect */
	uint64_t commits; /* COMMITs sent: see store_commits */
	struct store_cache_entry cache[STORE_STMT_CACHE];
	struct store_built built[STORE_BUILT_CACHE];
	uint64_t clock; /* counts uses of built statements and counts */
	/* the version of the data the caller read (store_set_version), and the totals counted at
	 * it: a list counts only when its total can have changed */
	const char *version;
	struct store_count counts[STORE_COUNT_CACHE];
	int col_base; /* added to column indexes read: 1 while a page's total is in column 0 */
	/* The audit head as the write transaction found it, moved by each of its appends
	 * (store_audit.c), so that an append reads no head: valid while head_held, which commit
	 * and rollback clear. */
	bool head_held;
	/* the head's lock was sent and its answer not read yet (pg.c's begin): in a write
	 * transaction, not yet held */
	bool head_pending;
	/* a write transaction begun by store_begin_ahead that no store_begin has taken yet */
	bool ahead;
	int64_t head_seq;
	char head_hash[AUDIT_HASH_HEX];
	/* the check queued by store_guard (NULL: none) and the outcome of the last one */
	struct store_stmt *guard;
	store_guard_fn guard_check;
	void *guard_arg;
	int guard_rc;
	struct store_sessions *sessions; /* store_user.c's sessions kept; NULL until one is */
	struct store_names *names;       /* store_names.c's; NULL until used */
	char *url;   /* the URL it was opened with, owned: store_open_beside opens another */
	bool beside; /* opened by store_open_beside: its close gives the place back */
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

int store_sqlite_open(const char *path, struct store **out, char *errbuf, size_t errlen);
int store_pg_open(const char *url, struct store **out, char *errbuf, size_t errlen);

/* PostgreSQL's COPY FROM STDIN (store_bulk.c): begin with the COPY statement, put text-format
 * rows, end (errmsg non-NULL abandons the copy; *rows, may be NULL, gets the rows copied). */
int store_pg_copy_begin(struct store *s, const char *sql);
int store_pg_copy_put(struct store *s, const char *buf, size_t n);
int store_pg_copy_end(struct store *s, const char *errmsg, int64_t *rows);

/* The bytes of column i of the row in hand of a COPY … TO STDOUT (FORMAT binary) read
 * (DECISIONS 213): *len of them, -1 and NULL for NULL; valid until the next step. A statement
 * that is not such a COPY stops kfq, as an integer read of another column does. */
const unsigned char *store_pg_col_bytes(struct store_stmt *st, int i, int *len);

/* The head's row into s's head (the backends' begin): KFQ_OK also when it is missing (then not
 * held, and an append fails as it always did); sql reads seq and hash. */
int store_head_hold(struct store *s, struct store_stmt *st);

/* Counts one statement executed on s (store_statement_count): the backends call it where they
 * start an execution, never per row. */
void store_statement_ran(struct store *s);

/* Frees the sessions kept on s (store_close). */
void store_sessions_free(struct store *s);

/* The connection a statement is of. */
struct store *store_stmt_conn(struct store_stmt *st);

/* The names of organizations and tasks each connection keeps (store_names.c, DECISIONS 183): a
 * statement that selects their ids instead of joining them also selects this column, and each
 * row read hands its value to store_names_seen; the names are then taken from the connection
 * as of that version (read again when the kept ones are of another). */
#define STORE_NAMES_VERSION "(SELECT v FROM name_version WHERE id = 1)"
void store_names_seen(struct store_stmt *st, int col);
/* The name of organization id, in a (NULL for id 0). */
int store_names_org(struct store *s, struct arena *a, int64_t id, const char **name);
/* The article number and title of task id, the title in a. */
int store_names_task(struct store *s, struct arena *a, int64_t id, int *article,
                     const char **title);
/* Frees the names kept on s (store_close). */
void store_names_free(struct store *s);

void store_set_err(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
