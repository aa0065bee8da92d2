/* store_names.c - the names of organizations and tasks each connection keeps, so that a list's
 * or a record's statement selects their ids and not a join per row (DECISIONS 183): such a
 * statement also selects name_version's value (STORE_NAMES_VERSION), and the names kept are
 * used only while they were read at that value, read again otherwise. Must not keep anything
 * the database does not say is current, nor decide who may see a name. */
#include "store/store_impl.h"

#include "util/arena.h"
#include "util/log.h"

#include <stdlib.h>
#include <string.h>

/* every name and the version in one statement, so that they are of one state (kind 0: the
 * version; 1: an organization's id and name; 2: a task's id, title and article) */
static const char sql_names[] =
    "SELECT 0, v, NULL, 0 FROM name_version WHERE id = 1 UNION ALL "
    "SELECT 1, id, name, 0 FROM org UNION ALL SELECT 2, id, title, article_number FROM task";

struct name {
	int64_t id; /* 0: a free slot (ids start at 1) */
	const char *text;
	int article; /* a task's */
};

/* open addressing by id; cap a power of two at least twice n */
struct name_map {
	struct name *slot;
	size_t cap, n;
};

struct store_names {
	bool held;       /* read at least once */
	int64_t version; /* the value they were read at */
	int64_t seen;    /* the value the last row read carried (store_names_seen) */
	struct name_map orgs, tasks;
	struct arena mem; /* the maps and their texts, until the next read */
};

static struct store_names *names_of(struct store *s)
{
	if (!s->names) {
		s->names = xcalloc(1, sizeof(*s->names));
		arena_init(&s->names->mem);
	}
	return s->names;
}

void store_names_seen(struct store_stmt *st, int col)
{
	names_of(store_stmt_conn(st))->seen = store_col_int(st, col);
}

static size_t hash(int64_t id, size_t cap)
{
	return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15u) >> 32) & (cap - 1);
}

static struct name *find(const struct name_map *m, int64_t id)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(id, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->slot[i].id == id)
			return &m->slot[i];
		if (!m->slot[i].id)
			return NULL;
	}
}

/* Adds id to m, whose room read_all made for every row. */
static void add(struct name_map *m, int64_t id, const char *text, int article)
{
	size_t i = hash(id, m->cap);

	while (m->slot[i].id && m->slot[i].id != id)
		i = (i + 1) & (m->cap - 1);
	m->n += !m->slot[i].id;
	m->slot[i] = (struct name){id, text, article};
}

static void make_room(struct arena *a, struct name_map *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n)
		m->cap *= 2;
	m->slot = arena_zalloc(a, m->cap * sizeof(*m->slot));
	m->n = 0;
}

/* The names as they are now, in place of those kept. */
static int read_all(struct store *s, struct store_names *k)
{
	struct store_stmt *st;
	struct {
		int kind;
		int64_t id;
		const char *text;
		int article;
	} *row = NULL;
	struct arena tmp;
	size_t n[3] = {0, 0, 0};
	int rc, nrows = 0, cap = 0;

	if ((rc = store_prepare(s, sql_names, &st)) != KFQ_OK)
		return rc;
	arena_release(&k->mem);
	k->held = false;
	arena_init(&tmp);
	while ((rc = store_step(st)) == KFQ_ROW) {
		const char *text = store_col_text(st, 2);
		if (nrows == cap)
			row = arena_grow(&tmp, row, sizeof(*row), &cap);
		row[nrows].kind = (int)store_col_int(st, 0);
		row[nrows].id = store_col_int(st, 1);
		row[nrows].text = text ? arena_strdup(&k->mem, text) : NULL;
		row[nrows].article = (int)store_col_int(st, 3);
		if (row[nrows].kind >= 0 && row[nrows].kind <= 2)
			n[row[nrows].kind]++;
		nrows++;
	}
	store_reset(st);
	if (rc == KFQ_DONE && n[0] != 1) {
		store_set_err(s, "name_version row is missing");
		rc = KFQ_ERR;
	}
	if (rc == KFQ_DONE) {
		make_room(&k->mem, &k->orgs, n[1]);
		make_room(&k->mem, &k->tasks, n[2]);
		for (int i = 0; i < nrows; i++) {
			if (row[i].kind == 0)
				k->version = row[i].id;
			else
				add(row[i].kind == 1 ? &k->orgs : &k->tasks, row[i].id, row[i].text,
				    row[i].article);
		}
		/* what the caller's rows carried, or newer: these are what it goes on with */
		k->seen = k->version;
		k->held = true;
		rc = KFQ_OK;
	}
	arena_release(&tmp);
	return rc;
}

/* The entry of id in the map of the version last seen (read again if the kept names are of
 * another); NULL with KFQ_OK for id 0. */
static int lookup(struct store *s, bool task, int64_t id, const struct name **out)
{
	struct store_names *k = names_of(s);
	int rc;

	*out = NULL;
	if (!id)
		return KFQ_OK;
	if ((!k->held || k->version != k->seen) && (rc = read_all(s, k)) != KFQ_OK)
		return rc;
	if (!(*out = find(task ? &k->tasks : &k->orgs, id))) {
		/* the row that named it was read at the version these names are of, or before */
		store_set_err(s, "%s %lld has no name", task ? "task" : "organization",
		              (long long)id);
		return KFQ_ERR;
	}
	return KFQ_OK;
}

int store_names_org(struct store *s, struct arena *a, int64_t id, const char **name)
{
	const struct name *e;
	int rc = lookup(s, false, id, &e);

	*name = e && e->text ? arena_strdup(a, e->text) : NULL;
	return rc;
}

int store_names_task(struct store *s, struct arena *a, int64_t id, int *article, const char **title)
{
	const struct name *e;
	int rc = lookup(s, true, id, &e);

	*article = e ? e->article : 0;
	*title = e && e->text ? arena_strdup(a, e->text) : NULL;
	return rc;
}

void store_names_free(struct store *s)
{
	if (!s->names)
		return;
	arena_release(&s->names->mem);
	free(s->names);
	s->names = NULL;
}
