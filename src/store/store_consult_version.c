/* store_consult_version.c - the versions of a consultation's draft in SQL (migration 0022): a
 * revised text added as the next version, the versions listed, one read with its text, and the
 * step that creates the final version's tasks with its flags in one transaction, each audited
 * as the version's change. Must not parse or compare texts (app/consult_version.c does). */
#include "store/store_consult.h"
#include "store/store_consult_impl.h"
#include "store/store_impl.h"

#include "util/jsonw.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define VERSION_COLS                                                                               \
	"v.id, v.consultation_id, v.seq, v.title, v.title_note, v.note, v.source_sha256, "         \
	"v.n_articles, v.tasks_policy_id, v.created_at, v.created_by, u.display_name"
#define VERSION_FROM " FROM consultation_version v LEFT JOIN app_user u ON u.id = v.created_by"
static const char sql_list[] =
    "SELECT " VERSION_COLS VERSION_FROM " WHERE v.consultation_id = ?1 ORDER BY v.seq";
static const char sql_by_id[] = "SELECT " VERSION_COLS VERSION_FROM " WHERE v.id = ?1";
static const char sql_text[] = "SELECT " VERSION_COLS ", v.source_text, v.parsed_json" VERSION_FROM
                               " WHERE v.consultation_id = ?1 AND v.seq = ?2";
static const char sql_next[] =
    "SELECT COALESCE(MAX(seq), 1) + 1, COUNT(tasks_policy_id) FROM consultation_version "
    "WHERE consultation_id = ?1";
static const char sql_same[] =
    "SELECT id FROM consultation_version WHERE consultation_id = ?1 AND source_sha256 = ?2";
static const char sql_insert[] =
    "INSERT INTO consultation_version (consultation_id, seq, title, title_note, note, "
    "source_sha256, source_text, parsed_json, n_articles, created_at, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id";
static const char sql_is_last[] =
    "SELECT v.id FROM consultation_version v WHERE v.id = ?1 AND v.tasks_policy_id IS NULL "
    "AND v.seq = (SELECT MAX(w.seq) FROM consultation_version w "
    "WHERE w.consultation_id = v.consultation_id)";
static const char sql_set_tasks[] =
    "UPDATE consultation_version SET tasks_policy_id = ?2 WHERE id = ?1";
static const char sql_flag_insert[] =
    "INSERT INTO consultation_task_flag (version_id, seq, status, moved, old_number, "
    "new_number, old_task_id, new_task_id, similarity_bp) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_flags[] =
    "SELECT status, moved, old_number, new_number, old_task_id, new_task_id, similarity_bp "
    "FROM consultation_task_flag WHERE version_id = ?1 ORDER BY seq";

/* element: a struct store_consult_version */
static void read_version(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consult_version *v = element;

	memset(v, 0, sizeof(*v));
	v->id = store_col_int(st, 0);
	v->consultation_id = store_col_int(st, 1);
	v->seq = (int)store_col_int(st, 2);
	v->title = store_col_dup(st, 3, a);
	v->title_note = store_col_dup(st, 4, a);
	v->note = store_col_dup(st, 5, a);
	v->source_sha256 = store_col_dup(st, 6, a);
	v->n_articles = (int)store_col_int(st, 7);
	v->tasks_policy_id = store_col_int(st, 8);
	v->created_at = store_col_dup(st, 9, a);
	v->created_by = store_col_int(st, 10);
	v->created_by_name = store_col_dup(st, 11, a);
}

/* element: a struct store_consult_version, with its text */
static void read_version_text(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consult_version *v = element;

	read_version(st, a, element);
	v->source_text = store_col_dup(st, 12, a);
	v->parsed_json = store_col_dup(st, 13, a);
}

/* element: a struct store_consult_flag */
static void read_flag(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_consult_flag *f = element;

	f->status = store_col_dup(st, 0, a);
	f->moved = store_col_int(st, 1) != 0;
	f->old_number = (int)store_col_int(st, 2);
	f->new_number = (int)store_col_int(st, 3);
	f->old_task_id = store_col_int(st, 4);
	f->new_task_id = store_col_int(st, 5);
	f->similarity_bp = (int)store_col_int(st, 6);
}

int store_consult_versions(struct store *s, struct arena *a, int64_t consultation_id,
                           struct store_consult_version **out, int *n)
{
	void *arr;
	int rc =
	    store_collect(s, a, sql_list, consultation_id, sizeof(**out), read_version, &arr, n);

	*out = arr;
	return rc;
}

int store_consult_version_get(struct store *s, struct arena *a, int64_t consultation_id, int seq,
                              struct store_consult_version *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_text, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, consultation_id);
	store_bind_int(st, 2, seq);
	return store_row(st, a, read_version_text, out);
}

int store_consult_flags(struct store *s, struct arena *a, int64_t version_id,
                        struct store_consult_flag **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_flags, version_id, sizeof(**out), read_flag, &arr, n);

	*out = arr;
	return rc;
}

/* store_entity_writer of a version with its flags */
static int write_version(struct store *s, struct arena *a, int64_t id, const void *json,
                         struct jsonw *w)
{
	const struct store_consult_json *j = json;
	struct store_consult_version v;
	struct store_consult_flag *flags;
	struct store_stmt *st;
	int n, rc;

	if ((rc = store_prepare(s, sql_by_id, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_version, &v)) != KFQ_OK ||
	    (rc = store_consult_flags(s, a, id, &flags, &n)) != KFQ_OK)
		return rc;
	j->version(w, &v, flags, n);
	return KFQ_OK;
}

/* Inside the transaction: the next seq, or KFQ_ESTATE when tasks were made from a version,
 * KFQ_ECONFLICT when the text is there. */
static int next_seq(struct store *s, const struct store_consult_version *v, int *seq)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_next, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, v->consultation_id);
	if ((rc = store_step(st)) != KFQ_ROW) {
		store_reset(st);
		return rc == KFQ_DONE ? KFQ_ERR : rc;
	}
	*seq = (int)store_col_int(st, 0);
	rc = store_col_int(st, 1) ? KFQ_ESTATE : KFQ_OK;
	store_reset(st);
	if (rc != KFQ_OK || (rc = store_prepare(s, sql_same, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, v->consultation_id);
	store_bind_text(st, 2, v->source_sha256);
	rc = store_run_id(st, NULL);
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc == KFQ_OK ? KFQ_ECONFLICT : rc;
}

int store_consult_version_add(struct store *s, const struct store_actor *who,
                              const struct store_consult_json *json,
                              struct store_consult_version *v)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = next_seq(s, v, &v->seq)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, v->consultation_id);
	store_bind_int(st, 2, v->seq);
	store_bind_text(st, 3, v->title);
	store_bind_text(st, 4, v->title_note);
	store_bind_text(st, 5, v->note);
	store_bind_text(st, 6, v->source_sha256);
	store_bind_text(st, 7, v->source_text);
	store_bind_text(st, 8, v->parsed_json);
	store_bind_int(st, 9, v->n_articles);
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
	if ((rc = store_run_id(st, &v->id)) != KFQ_OK)
		goto done;
	rc = store_audit_entity(s, who, "create", "consultation_version", v->id, NULL,
	                        write_version, json);
done:
	return store_end(s, rc);
}

static const char sql_last_version[] =
    "SELECT id, seq, CASE WHEN EXISTS (SELECT 1 FROM consultation_version t WHERE "
    "t.consultation_id = ?1 AND t.tasks_policy_id IS NOT NULL AND t.seq > 1) THEN 1 ELSE 0 END "
    "FROM consultation_version WHERE consultation_id = ?1 ORDER BY seq DESC LIMIT 1";
static const char sql_version_delete[] = "DELETE FROM consultation_version WHERE id = ?1";

int store_consult_version_withdraw(struct store *s, const struct store_actor *who,
                                   const struct store_consult_json *json, int64_t consultation_id,
                                   int seq)
{
	struct store_stmt *st;
	char *before = NULL;
	int64_t id = 0, last = 0, made = 0;
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_last_version, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, consultation_id);
	if ((rc = store_step(st)) == KFQ_ROW) {
		id = store_col_int(st, 0);
		last = store_col_int(st, 1);
		made = store_col_int(st, 2);
	}
	store_reset(st);
	if (rc != KFQ_ROW) {
		rc = rc == KFQ_DONE ? KFQ_ENOTFOUND : rc;
		goto done;
	}
	if (last != seq)
		rc = KFQ_ENOTFOUND;
	else if (seq == 1 || made)
		rc = KFQ_ESTATE;
	else
		before = store_entity_json(s, id, write_version, json, &rc);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_version_delete, &st)) == KFQ_OK) {
		store_bind_int(st, 1, id);
		rc = store_run(st);
	}
	if (rc == KFQ_OK)
		rc = store_audit_append_id(s, who, "delete", "consultation_version", id, before,
		                           NULL);
done:
	free(before);
	return store_end(s, rc);
}

static int insert_flags(struct store *s, int64_t version_id, struct store_consult_flag *flags,
                        int n_flags, const struct store_task *tasks, int n_tasks)
{
	struct store_stmt *st;
	int rc;

	for (int i = 0; i < n_flags; i++) {
		struct store_consult_flag *f = &flags[i];

		for (int j = 0; f->new_number && j < n_tasks; j++)
			if (tasks[j].article_number == f->new_number)
				f->new_task_id = tasks[j].id;
		if ((rc = store_prepare(s, sql_flag_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, version_id);
		store_bind_int(st, 2, i + 1);
		store_bind_text(st, 3, f->status);
		store_bind_int(st, 4, f->moved ? 1 : 0);
		store_bind_id(st, 5, f->old_number);
		store_bind_id(st, 6, f->new_number);
		store_bind_id(st, 7, f->old_task_id);
		store_bind_id(st, 8, f->new_task_id);
		store_bind_int(st, 9, f->similarity_bp);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

int store_consult_tasks(struct store *s, const struct store_actor *who,
                        const struct store_consult_json *json,
                        const struct store_task_json *task_json, int64_t version_id,
                        struct store_policy *p, struct store_task *tasks, int n_tasks,
                        struct store_consult_flag *flags, int n_flags)
{
	struct store_stmt *st;
	char *before = NULL;
	int rc = store_begin_change(s, version_id, write_version, json, &before);

	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_prepare(s, sql_is_last, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, version_id);
	if ((rc = store_run_id(st, NULL)) == KFQ_ENOTFOUND)
		rc = KFQ_ESTATE;
	if (rc != KFQ_OK ||
	    (rc = store_policy_import_tx(s, who, task_json, p, tasks, n_tasks)) != KFQ_OK ||
	    (rc = insert_flags(s, version_id, flags, n_flags, tasks, n_tasks)) != KFQ_OK ||
	    (rc = store_prepare(s, sql_set_tasks, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, version_id);
	store_bind_int(st, 2, p->id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "tasks", "consultation_version", version_id, before,
		                        write_version, json);
done:
	free(before);
	return store_end(s, rc);
}
