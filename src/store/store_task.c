/* store_task.c - policies, tasks and task organizations in SQL. Must not parse policy text or
 * resolve unit names: core/ does, before anything is written. */
#include "store/store_task.h"
#include "store/store_impl.h"

#include "store/store_capability.h"
#include "store/store_plan.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POLICY_COLS                                                                                \
	"p.id, p.title, p.title_note, p.issuer, p.notice_date, p.contact_email, "                  \
	"p.contact_phone, p.window_start, p.window_end, p.encoding, p.source_sha256, "             \
	"p.n_warnings, p.created_at, (SELECT COUNT(*) FROM task t WHERE t.policy_id = p.id), "     \
	"p.doc_number"
/* the columns of POLICY_COLS: what a statement selects after them starts here */
#define POLICY_NCOLS      15
#define TASK_CONTACT(COL) "(SELECT c." COL " FROM task_contact c WHERE c.task_id = t.id)"
#define TASK_COLS                                                                                  \
	"t.id, t.policy_id, t.article_number, t.part_heading, t.group_heading, t.title, t.body, "  \
	"t.lead_units, t.responsible_units, t.updated_at, t.scope, t.deadline_text, "              \
	"t.deadline_date, t.unit_source, t.lead_rule_line, " TASK_CONTACT(                         \
	    "contact_name") ", " TASK_CONTACT("contact_phone") ", t.guide_units"
static const char sql_policy_insert[] =
    "INSERT INTO policy (title, title_note, issuer, notice_date, contact_email, contact_phone, "
    "window_start, window_end, encoding, source_sha256, source_text, parsed_json, n_warnings, "
    "created_at, created_by, doc_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
    "?12, ?13, ?14, ?15, ?16) RETURNING id";
static const char sql_policy_raw_taken[] = "SELECT id FROM policy WHERE source_sha256 = ?1";
static const char sql_task_insert[] =
    "INSERT INTO task (policy_id, article_number, part_heading, group_heading, title, body, "
    "lead_units, responsible_units, created_at, updated_at, scope, deadline_text, deadline_date, "
    "unit_source, lead_rule_line, guide_units) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id";
static const char sql_org_insert[] =
    "INSERT INTO task_org (task_id, org_id, role) VALUES (?1, ?2, ?3)";
static const char sql_org_delete[] = "DELETE FROM task_org WHERE task_id = ?1";
static const char sql_task_touch[] = "UPDATE task SET updated_at = ?2 WHERE id = ?1";
static const char sql_task_deadline[] = "UPDATE task SET deadline_date = ?2 WHERE id = ?1";
static const char sql_task_office[] =
    "INSERT INTO task_contact (task_id, contact_name, contact_phone) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (task_id) DO UPDATE SET contact_name = excluded.contact_name, "
    "contact_phone = excluded.contact_phone";
static const char sql_policy_list[] = "SELECT " POLICY_COLS " FROM policy p ORDER BY p.id";
static const char sql_policy_get[] =
    "SELECT " POLICY_COLS ", p.parsed_json FROM policy p WHERE p.id = ?1";
static const char sql_policy_source[] =
    "SELECT " POLICY_COLS ", p.source_text FROM policy p WHERE p.id = ?1";
static const char sql_task_count[] = "SELECT COUNT(*) FROM task t";
static const char sql_task_list[] = "SELECT " TASK_COLS " FROM task t";
/* The task's row, the names' version and its organizations as the row keeps them (migration
 * 0076: each id signed by its role, a lead's negative, comma-separated, in no order): one row
 * by its key, where the organizations' rows cost the backend a scan and a row or an aggregate
 * step per organization (DECISIONS 211); kfq orders the organizations and names them from the
 * connection's (DECISIONS 183). */
#define TASK_GET_VERSION 18
static const char sql_task_get[] =
    "SELECT " TASK_COLS ", " STORE_NAMES_VERSION ", t.orgs FROM task t WHERE t.id = ?1";
static const char sql_task_name[] = "SELECT article_number, title FROM task WHERE id = ?1";
/* the organizations of a page of tasks (the list's selection in its IN), by task, with the
 * names' version */
static const char sql_page_orgs[] =
    "SELECT x.task_id, x.org_id, x.role, " STORE_NAMES_VERSION " FROM task_org x "
    "WHERE x.task_id IN (SELECT t.id FROM task t";

static char *task_json(const struct store_task_json *json, const struct store_task *t)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb);
	json->task(&w, t);
	return strbuf_detach(&sb, NULL);
}

static int audit_task(struct store *s, const struct store_actor *who,
                      const struct store_task_json *json, const char *action,
                      const struct store_task *before, const struct store_task *after)
{
	char *bj = before ? task_json(json, before) : NULL, *aj = task_json(json, after);
	int rc;

	rc = store_audit_append_id(s, who, action, "task", after->id, bj, aj);
	free(bj);
	free(aj);
	return rc;
}

static int insert_orgs(struct store *s, int64_t task, const struct store_org_ref *r, int n,
                       const char *role)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_org_insert, &st)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		store_bind_int(st, 1, task);
		store_bind_int(st, 2, r[i].id);
		store_bind_text(st, 3, role);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

static int insert_policy(struct store *s, const struct store_actor *who, struct store_policy *p,
                         const char *now)
{
	struct store_stmt *st;
	int64_t taken;
	int rc;

	if (p->source_sha256_raw) {
		if ((rc = store_prepare(s, sql_policy_raw_taken, &st)) != KFQ_OK)
			return rc;
		store_bind_text(st, 1, p->source_sha256_raw);
		if ((rc = store_run_id(st, &taken)) != KFQ_ENOTFOUND)
			return rc == KFQ_OK ? KFQ_ECONFLICT : rc;
	}
	if ((rc = store_prepare(s, sql_policy_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_text(st, 1, p->title);
	store_bind_text(st, 2, p->title_note);
	store_bind_text(st, 3, p->issuer);
	store_bind_text(st, 4, p->notice_date);
	store_bind_text(st, 5, p->contact_email);
	store_bind_text(st, 6, p->contact_phone);
	store_bind_text(st, 7, p->window_start);
	store_bind_text(st, 8, p->window_end);
	store_bind_text(st, 9, p->encoding);
	store_bind_text(st, 10, p->source_sha256);
	store_bind_text(st, 11, p->source_text);
	store_bind_text(st, 12, p->parsed_json);
	store_bind_int(st, 13, p->n_warnings);
	store_bind_text(st, 14, now);
	store_bind_id(st, 15, who->user_id);
	store_bind_text(st, 16, p->doc_number);
	return store_run_id(st, &p->id);
}

static int insert_task(struct store *s, struct store_task *t, const char *now)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_task_insert, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, t->policy_id);
	store_bind_int(st, 2, t->article_number);
	store_bind_text(st, 3, t->part_heading);
	store_bind_text(st, 4, t->group_heading);
	store_bind_text(st, 5, t->title);
	store_bind_text(st, 6, t->body);
	store_bind_text(st, 7, t->lead_units);
	store_bind_text(st, 8, t->responsible_units);
	store_bind_text(st, 9, now);
	store_bind_text(st, 10, t->scope);
	store_bind_text(st, 11, t->deadline_text);
	store_bind_text(st, 12, t->deadline_date);
	store_bind_text(st, 13, t->unit_source);
	if (t->lead_rule_line)
		store_bind_int(st, 14, t->lead_rule_line);
	else
		store_bind_null(st, 14);
	store_bind_text(st, 15, t->guide_units ? t->guide_units : "[]");
	if ((rc = store_run_id(st, &t->id)) != KFQ_OK)
		return rc;
	if ((rc = insert_orgs(s, t->id, t->lead, t->nlead, "lead")) != KFQ_OK)
		return rc;
	return insert_orgs(s, t->id, t->responsible, t->nresponsible, "responsible");
}

int store_policy_import_tx(struct store *s, const struct store_actor *who,
                           const struct store_task_json *json, struct store_policy *p,
                           struct store_task *tasks, int ntasks)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char now[TIME_RFC3339_LEN];
	int rc, seeded;

	time_format(time_now(), now);
	if ((rc = insert_policy(s, who, p, now)) != KFQ_OK)
		goto done;
	p->created_at = now;
	p->n_tasks = ntasks;
	jsonw_init(&w, &sb);
	json->policy(&w, p);
	if ((rc = store_audit_append_id(s, who, "import", "policy", p->id, NULL, sb.buf)) != KFQ_OK)
		goto done;
	for (int i = 0; i < ntasks && rc == KFQ_OK; i++) {
		tasks[i].policy_id = p->id;
		tasks[i].updated_at = now;
		if ((rc = insert_task(s, &tasks[i], now)) == KFQ_OK)
			rc = audit_task(s, who, json, "create", NULL, &tasks[i]);
	}
	if (rc == KFQ_OK)
		rc = store_capability_seed_tx(s, who, json->grants, p->id, &seeded);
done:
	p->created_at = NULL; /* now is gone when this returns */
	strbuf_release(&sb);
	return rc;
}

int store_policy_import(struct store *s, const struct store_actor *who,
                        const struct store_task_json *json, struct store_policy *p,
                        struct store_task *tasks, int ntasks)
{
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	rc = store_policy_import_tx(s, who, json, p, tasks, ntasks);
	if ((rc = store_end(s, rc)) != KFQ_OK)
		p->id = 0;
	return rc;
}

/* element: a struct store_policy */
static void read_policy(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_policy *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->title = store_col_dup(st, 1, a);
	p->title_note = store_col_dup(st, 2, a);
	p->issuer = store_col_dup(st, 3, a);
	p->notice_date = store_col_dup(st, 4, a);
	p->contact_email = store_col_dup(st, 5, a);
	p->contact_phone = store_col_dup(st, 6, a);
	p->window_start = store_col_dup(st, 7, a);
	p->window_end = store_col_dup(st, 8, a);
	p->encoding = store_col_dup(st, 9, a);
	p->source_sha256 = store_col_dup(st, 10, a);
	p->n_warnings = (int)store_col_int(st, 11);
	p->created_at = store_col_dup(st, 12, a);
	p->n_tasks = (int)store_col_int(st, 13);
	p->doc_number = store_col_dup(st, 14, a);
}

int store_policy_list(struct store *s, struct arena *a, struct store_policy **out, int *n)
{
	struct store_list l = {
	    .list_sql = sql_policy_list,
	    .read = read_policy,
	    .elem_size = sizeof(**out),
	};
	void *arr;
	int64_t total;
	int rc = store_list_page(s, a, &l, &arr, n, &total);

	*out = arr;
	return rc;
}

/* element: a struct store_policy, with the parser's output */
static void read_policy_parsed(struct store_stmt *st, struct arena *a, void *element)
{
	read_policy(st, a, element);
	((struct store_policy *)element)->parsed_json = store_col_dup(st, POLICY_NCOLS, a);
}

/* element: a struct store_policy, with the text it was imported from */
static void read_policy_source(struct store_stmt *st, struct arena *a, void *element)
{
	read_policy(st, a, element);
	((struct store_policy *)element)->source_text = store_col_dup(st, POLICY_NCOLS, a);
}

/* One policy by a statement selecting it by id (?1) and a reader. */
static int policy_row(struct store *s, struct arena *a, const char *sql, store_reader read,
                      int64_t id, struct store_policy *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read, out);
}

int store_policy_get(struct store *s, struct arena *a, int64_t id, struct store_policy *out)
{
	return policy_row(s, a, sql_policy_get, read_policy_parsed, id, out);
}

int store_policy_source(struct store *s, struct arena *a, int64_t id, struct store_policy *out)
{
	return policy_row(s, a, sql_policy_source, read_policy_source, id, out);
}

/* element: a struct store_task */
static void read_task(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_task *t = element;

	memset(t, 0, sizeof(*t));
	t->id = store_col_int(st, 0);
	t->policy_id = store_col_int(st, 1);
	t->article_number = (int)store_col_int(st, 2);
	t->part_heading = store_col_dup(st, 3, a);
	t->group_heading = store_col_dup(st, 4, a);
	t->title = store_col_dup(st, 5, a);
	t->body = store_col_dup(st, 6, a);
	t->lead_units = store_col_dup(st, 7, a);
	t->responsible_units = store_col_dup(st, 8, a);
	t->updated_at = store_col_dup(st, 9, a);
	t->scope = store_col_dup(st, 10, a);
	t->deadline_text = store_col_dup(st, 11, a);
	t->deadline_date = store_col_dup(st, 12, a);
	t->unit_source = store_col_dup(st, 13, a);
	t->lead_rule_line = (int)store_col_int(st, 14);
	t->contact_name = store_col_dup(st, 15, a);
	t->contact_phone = store_col_dup(st, 16, a);
	t->guide_units = store_col_dup(st, 17, a);
}

/* An organization of a task, as its statement gives it. */
struct org_row {
	int64_t task_id, org_id;
	bool lead;
};

/* Adds r's organization, named from the connection's, to t's lead or responsible
 * organizations; caps: their arrays' capacities. */
static int add_org(struct store *s, struct arena *a, const struct org_row *r, struct store_task *t,
                   int cap[2])
{
	struct store_org_ref **arr = r->lead ? &t->lead : &t->responsible;
	int *n = r->lead ? &t->nlead : &t->nresponsible;

	if (*n == cap[!r->lead])
		*arr = arena_grow(a, *arr, sizeof(**arr), &cap[!r->lead]);
	(*arr)[*n].id = r->org_id;
	return store_names_org(s, a, r->org_id, &(*arr)[(*n)++].name);
}

/* Reads the organization in columns k (id) and k + 1 (role) of st's row into r. */
static void read_org(struct store_stmt *st, int k, struct org_row *r)
{
	r->org_id = store_col_int(st, k);
	r->lead = !strcmp(store_col_text(st, k + 1), "lead");
}

/* arg: the struct list_arg of store_task_list */
struct list_arg {
	const struct store_task_filter *f;
	const char *like;
};

/* the predicates of the filters given */
static void task_filter(struct store_sql *q, const void *arg)
{
	const struct list_arg *x = arg;
	const struct store_task_filter *f = x->f;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->policy_id)
		store_sql_int(q, " AND t.policy_id = ?", f->policy_id);
	if (f->article)
		store_sql_int(q, " AND t.article_number = ?", f->article);
	if (f->org_id) {
		store_sql_int(q,
		              " AND EXISTS (SELECT 1 FROM task_org x WHERE x.task_id = t.id AND "
		              "x.org_id = ?",
		              f->org_id);
		if (f->role)
			store_sql_text(q, " AND x.role = ?", f->role);
		store_sql_add(q, ")");
	}
	if (x->like)
		store_sql_text(q, " AND (t.title LIKE ? ESCAPE '\\' OR t.body LIKE ? ESCAPE '\\')",
		               x->like);
}

/* The organizations of the page l listed into t[0..n) (in list order), in one statement: the
 * page's selection again as a subquery, each row handed to its task. */
static int page_orgs(struct store *s, struct arena *a, const struct store_list *l,
                     struct store_task *t, int n)
{
	struct store_sql q;
	struct store_stmt *st;
	int(*caps)[2] = arena_zalloc(a, sizeof(*caps) * (size_t)n);
	struct org_row *rows = NULL;
	int rc, nrows = 0, cap = 0;

	store_sql_init(&q);
	store_sql_add(&q, sql_page_orgs);
	l->filter(&q, l->arg);
	store_sql_add(&q, l->order);
	if (l->limit > 0) {
		store_sql_int(&q, " LIMIT ?", l->limit);
		store_sql_int(&q, " OFFSET ?", l->offset);
	}
	store_sql_add(&q, ") ORDER BY x.task_id, x.role, x.org_id");
	rc = store_sql_prepare(s, &q, &st);
	store_sql_release(&q);
	if (rc != KFQ_OK)
		return rc;
	/* the rows first: naming them may read the names, which takes the connection */
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (nrows == cap)
			rows = arena_grow(a, rows, sizeof(*rows), &cap);
		rows[nrows].task_id = store_col_int(st, 0);
		read_org(st, 1, &rows[nrows++]);
		store_names_seen(st, 3);
	}
	store_reset(st);
	if (rc != KFQ_DONE)
		return rc;
	rc = KFQ_OK;
	for (int k = 0; k < nrows && rc == KFQ_OK; k++)
		for (int i = 0; i < n && rc == KFQ_OK; i++)
			if (t[i].id == rows[k].task_id)
				rc = add_org(s, a, &rows[k], &t[i], caps[i]);
	return rc;
}

int store_task_list(struct store *s, struct arena *a, const struct store_task_filter *f,
                    struct store_task **out, int *n, int64_t *total)
{
	struct list_arg arg = {f, store_like_contains(a, f->q)};
	struct store_list l = {
	    .count_sql = sql_task_count,
	    .list_sql = sql_task_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = &arg,
	    .read = read_task,
	    .elem_size = sizeof(**out),
	    .filter = task_filter,
	    .order = " ORDER BY t.policy_id, t.id",
	    .count_in_page = true,
	};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	if (rc != KFQ_OK || f->without_orgs || !*n)
		return rc;
	return page_orgs(s, a, &l, *out, *n);
}

/* the organizations of a task in the order it shows them: its leads first, each role by id */
static int by_role_id(const void *pa, const void *pb)
{
	const struct org_row *a = pa, *b = pb;

	if (a->lead != b->lead)
		return a->lead ? -1 : 1;
	return (a->org_id > b->org_id) - (a->org_id < b->org_id);
}

/* Reads the organizations of text, as task.orgs keeps them, into rows (n of them). */
static int parse_orgs(struct arena *a, const char *text, struct org_row **rows, int *n)
{
	int cap = 0;

	*rows = NULL;
	*n = 0;
	while (text && *text) {
		char *end;
		long long v = strtoll(text, &end, 10);

		if (end == text || v == 0 || (*end && *end != ',')) {
			log_error("store: a task's organizations read as \"%s\"", text);
			return KFQ_ERR;
		}
		if (*n == cap)
			*rows = arena_grow(a, *rows, sizeof(**rows), &cap);
		(*rows)[(*n)++] = (struct org_row){.org_id = v < 0 ? -v : v, .lead = v < 0};
		text = *end ? end + 1 : end;
	}
	return KFQ_OK;
}

int store_task_get(struct store *s, struct arena *a, int64_t id, struct store_task *out)
{
	struct store_stmt *st;
	struct org_row *rows = NULL;
	int rc, nrows = 0, caps[2] = {0, 0};

	if ((rc = store_prepare(s, sql_task_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st)) == KFQ_ROW) {
		read_task(st, a, out);
		store_names_seen(st, TASK_GET_VERSION);
		rc = parse_orgs(a, store_col_text(st, TASK_GET_VERSION + 1), &rows, &nrows);
	} else if (rc == KFQ_DONE) {
		rc = KFQ_ENOTFOUND;
	}
	store_reset(st);
	if (rc != KFQ_OK)
		return rc;
	if (nrows > 1)
		qsort(rows, (size_t)nrows, sizeof(*rows), by_role_id);
	for (int i = 0; i < nrows && rc == KFQ_OK; i++)
		rc = add_org(s, a, &rows[i], out, caps);
	return rc;
}

/* element: a struct store_task with its number and title only */
static void read_name(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_task *t = element;

	memset(t, 0, sizeof(*t));
	t->article_number = (int)store_col_int(st, 0);
	t->title = store_col_dup(st, 1, a);
}

int store_task_name(struct store *s, struct arena *a, int64_t id, struct store_task *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_task_name, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_name, out)) == KFQ_OK)
		out->id = id;
	return rc;
}

void store_task_name_ahead(struct store *s, int64_t id)
{
	struct store_stmt *st;

	if (store_prepare(s, sql_task_name, &st) != KFQ_OK)
		return; /* store_task_name meets the error itself */
	store_bind_int(st, 1, id);
	store_ahead(st);
}

/* Runs sql with ?1 = id and, when text is given, ?2 = text. */
static int run_id(struct store *s, const char *sql, int64_t id, const char *text)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if (text)
		store_bind_text(st, 2, text);
	return store_run(st);
}

/* One audited change of task id in its own write transaction: apply(s, id, arg) between the
 * task as it was and as it is, its updated_at moved. */
static int change(struct store *s, const struct store_actor *who,
                  const struct store_task_json *json, int64_t id, const char *action,
                  int (*apply)(struct store *s, int64_t id, const void *arg), const void *arg)
{
	struct store_task before, after;
	struct arena a;
	char now[TIME_RFC3339_LEN];
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_task_get(s, &a, id, &before)) == KFQ_OK &&
	    (rc = apply(s, id, arg)) == KFQ_OK &&
	    (rc = run_id(s, sql_task_touch, id, now)) == KFQ_OK &&
	    (rc = store_task_get(s, &a, id, &after)) == KFQ_OK)
		rc = audit_task(s, who, json, action, &before, &after);
	rc = store_end(s, rc);
cleanup:
	arena_release(&a);
	return rc;
}

/* arg: a struct store_task_office */
static int set_office(struct store *s, int64_t id, const void *arg)
{
	const struct store_task_office *o = arg;
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_task_office, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, o->contact_name);
	store_bind_text(st, 3, o->contact_phone);
	if ((rc = store_run(st)) != KFQ_OK || !o->set_deadline)
		return rc;
	if ((rc = store_prepare(s, sql_task_deadline, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, o->deadline_date);
	return store_run(st);
}

int store_task_update_office(struct store *s, const struct store_actor *who,
                             const struct store_task_json *json, int64_t id,
                             const struct store_task_office *o)
{
	return change(s, who, json, id, "update", set_office, o);
}

/* The organizations of a task replaced on the day `today`. */
struct orgs_arg {
	const struct store_org_ref *lead, *responsible;
	int nlead, nresponsible;
	const char *today;
};

static int set_orgs(struct store *s, int64_t id, const void *arg)
{
	const struct orgs_arg *o = arg;
	int rc;

	if ((rc = run_id(s, sql_org_delete, id, NULL)) != KFQ_OK ||
	    (rc = insert_orgs(s, id, o->lead, o->nlead, "lead")) != KFQ_OK ||
	    (rc = insert_orgs(s, id, o->responsible, o->nresponsible, "responsible")) != KFQ_OK)
		return rc;
	return store_plan_units_changed(s, id, o->today);
}

int store_task_set_orgs(struct store *s, const struct store_actor *who,
                        const struct store_task_json *json, int64_t id,
                        const struct store_org_ref *lead, int nlead,
                        const struct store_org_ref *responsible, int nresponsible,
                        const char *today)
{
	struct orgs_arg o = {lead, responsible, nlead, nresponsible, today};

	return change(s, who, json, id, "update_orgs", set_orgs, &o);
}
