/* store_fault.c - 容错免责 cases and the case library in SQL (see store_fault.h). The rules are
 * core/fault.c's; this file gathers the facts and the names inside the write transaction and
 * hands them over. Must not decide who may write. */
#include "store/store_fault.h"
#include "store/store_impl.h"
#include "store/store_inbox.h"

#include "util/log.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

const char *const store_fault_evidence_types[3] = {"fault_procedure", "fault_diligence",
                                                   "fault_no_gain"};

#define CASE_COLS                                                                                  \
	"f.id, f.title, f.subject_kind, f.org_id, o.name, f.person_id, p.name, f.happened, "       \
	"f.source_decision, f.procedure_met, f.procedure_note, f.diligence_met, "                  \
	"f.diligence_note, "                                                                       \
	"f.no_gain_met, f.no_gain_note, f.distinction, f.redact_names, f.status, f.decision, "     \
	"f.reason, f.decided_org_id, d.name, f.decided_at, f.effect, f.effect_year, "              \
	"f.effect_note, "                                                                          \
	"f.created_at, f.updated_at, (SELECT COUNT(*) FROM fault_library l WHERE l.case_id = "     \
	"f.id)"
#define CASE_FROM                                                                                  \
	" FROM fault_case f JOIN org o ON o.id = f.org_id LEFT JOIN person p ON p.id = "           \
	"f.person_id LEFT JOIN org d ON d.id = f.decided_org_id"
static const char sql_count[] = "SELECT COUNT(*) FROM fault_case f";
static const char sql_list[] = "SELECT " CASE_COLS CASE_FROM;
static const char sql_get[] = "SELECT " CASE_COLS CASE_FROM " WHERE f.id = ?1";
static const char sql_insert[] =
    "INSERT INTO fault_case (title, subject_kind, org_id, person_id, happened, source_decision, "
    "procedure_met, procedure_note, diligence_met, diligence_note, no_gain_met, no_gain_note, "
    "distinction, redact_names, status, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'open', ?15, ?16, ?15) RETURNING id";
static const char sql_update[] =
    "UPDATE fault_case SET title = ?1, subject_kind = ?2, org_id = ?3, person_id = ?4, "
    "happened = ?5, source_decision = ?6, procedure_met = ?7, procedure_note = ?8, "
    "diligence_met = ?9, diligence_note = ?10, no_gain_met = ?11, no_gain_note = ?12, "
    "distinction = ?13, redact_names = ?14, updated_at = ?15 WHERE id = ?16 AND status = 'open' "
    "RETURNING id";
static const char sql_decide[] =
    "UPDATE fault_case SET status = 'decided', decision = ?2, reason = ?3, decided_org_id = ?4, "
    "decided_at = ?5, decided_by = ?6, effect = ?7, effect_year = ?8, effect_note = ?9, "
    "updated_at = ?5 WHERE id = ?1 AND status = 'open'";
static const char sql_on_roster[] = "SELECT COUNT(*) FROM person WHERE id = ?1 AND org_id = ?2";
static const char sql_roster_names[] = "SELECT DISTINCT name FROM person WHERE org_id = ?1";
static const char sql_lib_insert[] =
    "INSERT INTO fault_library (case_id, title, org_name, happened, distinction, decision, "
    "reason, decided_org_name, lesson, published_at, published_by) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11)";
#define ENTRY_COLS                                                                                 \
	"id, case_id, title, org_name, happened, distinction, decision, reason, "                  \
	"decided_org_name, lesson, published_at"
static const char sql_lib_count[] = "SELECT COUNT(*) FROM fault_library";
static const char sql_lib_list[] = "SELECT " ENTRY_COLS " FROM fault_library ORDER BY "
                                   "published_at DESC, id DESC LIMIT ?1 OFFSET ?2";
static const char sql_lib_get[] = "SELECT " ENTRY_COLS " FROM fault_library WHERE id = ?1";
static const char sql_effects[] =
    "SELECT id FROM fault_case WHERE org_id = ?1 AND effect_year = ?2 AND effect = ?3 AND "
    "status = 'decided' ORDER BY id";

static int met_of(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? -1 : (int)store_col_int(st, i);
}

/* element: a struct store_fault_case */
static void read_case(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_fault_case *c = element;

	memset(c, 0, sizeof(*c));
	c->id = store_col_int(st, 0);
	c->title = store_col_dup(st, 1, a);
	c->subject_kind = store_col_dup(st, 2, a);
	c->org_id = store_col_int(st, 3);
	c->org_name = store_col_dup(st, 4, a);
	c->person_id = store_col_int(st, 5);
	c->person_name = store_col_dup(st, 6, a);
	c->happened = store_col_dup(st, 7, a);
	c->source_decision = store_col_dup(st, 8, a);
	for (int i = 0; i < 3; i++) {
		c->cond[i].met = met_of(st, 9 + 2 * i);
		c->cond[i].note = store_col_dup(st, 10 + 2 * i, a);
	}
	c->distinction = store_col_dup(st, 15, a);
	c->redact_names = store_col_dup(st, 16, a);
	c->status = store_col_dup(st, 17, a);
	c->decision = store_col_dup(st, 18, a);
	c->reason = store_col_dup(st, 19, a);
	c->decided_org_id = store_col_int(st, 20);
	c->decided_org_name = store_col_dup(st, 21, a);
	c->decided_at = store_col_dup(st, 22, a);
	c->effect = store_col_dup(st, 23, a);
	c->effect_year = (int)store_col_int(st, 24);
	c->effect_note = store_col_dup(st, 25, a);
	c->created_at = store_col_dup(st, 26, a);
	c->updated_at = store_col_dup(st, 27, a);
	c->published = store_col_int(st, 28) > 0;
}

static void case_filter(struct store_sql *q, const void *arg)
{
	const struct store_fault_filter *f = arg;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND f.org_id = ?", f->org_id);
	if (f->status)
		store_sql_text(q, " AND f.status = ?", f->status);
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "f.org_id", &f->scope);
	}
}

int store_fault_list(struct store *s, struct arena *a, const struct store_fault_filter *f,
                     struct store_fault_case **out, int *n, int64_t *total)
{
	struct store_list l = {.count_sql = sql_count,
	                       .list_sql = sql_list,
	                       .offset = f->offset,
	                       .limit = f->limit,
	                       .arg = f,
	                       .read = read_case,
	                       .elem_size = sizeof(**out),
	                       .filter = case_filter,
	                       .order = " ORDER BY f.id DESC"};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_fault_get(struct store *s, struct arena *a, int64_t id, struct store_fault_case *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_row(st, a, read_case, out)) != KFQ_OK)
		return rc;
	for (int i = 0; i < 3; i++)
		if ((rc = store_attachment_list(s, a, store_fault_evidence_types[i], id,
		                                &out->cond[i].files, &out->cond[i].nfiles)) !=
		    KFQ_OK)
			return rc;
	return KFQ_OK;
}

static int case_write(struct store *s, struct arena *a, int64_t id, const void *json,
                      struct jsonw *w)
{
	const struct store_fault_json *shape = json;
	struct store_fault_case c;
	int rc = store_fault_get(s, a, id, &c);

	if (rc == KFQ_OK)
		shape->fault_case(w, &c);
	return rc;
}

static void bind_met(struct store_stmt *st, int i, int met)
{
	if (met < 0)
		store_bind_null(st, i);
	else
		store_bind_int(st, i, met);
}

static int count(struct store *s, const char *sql, int64_t a1, int64_t a2, int64_t *n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, a1);
	store_bind_int(st, 2, a2);
	return store_row(st, NULL, store_read_int, n);
}

/* Tells the inbox of a step of case id (core fault_step_item), after the step's audit record,
 * from the case as the step left it. */
static int tell(struct store *s, const struct store_actor *who, enum fault_step step, int64_t id)
{
	struct store_fault_case c;
	struct inbox_item item;
	struct arena a;
	int rc;

	arena_init(&a);
	if ((rc = store_fault_get(s, &a, id, &c)) == KFQ_OK) {
		fault_step_item(step, id, c.title, c.org_name, c.decision, &a, &item);
		rc = store_inbox_send(s, who, &item, NULL);
	}
	arena_release(&a);
	return rc;
}

int store_fault_save(struct store *s, const struct store_actor *who,
                     const struct store_fault_json *json, struct store_fault_case *c,
                     int64_t claim_org)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int64_t on = 1, id = 0;
	int rc;

	time_format(time_now(), now);
	if (c->id)
		rc = store_begin_change(s, c->id, case_write, json, &before);
	else
		rc = store_begin(s);
	if (rc != KFQ_OK)
		return rc;
	if (c->person_id && (rc = count(s, sql_on_roster, c->person_id, c->org_id, &on)) != KFQ_OK)
		goto done;
	if (!on) {
		rc = KFQ_EINVAL;
		goto done;
	}
	if ((rc = store_prepare(s, c->id ? sql_update : sql_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_text(st, 1, c->title);
	store_bind_text(st, 2, c->subject_kind);
	store_bind_int(st, 3, c->org_id);
	store_bind_id(st, 4, c->person_id);
	store_bind_text(st, 5, c->happened);
	store_bind_text(st, 6, c->source_decision);
	for (int i = 0; i < 3; i++) {
		bind_met(st, 7 + 2 * i, c->cond[i].met);
		store_bind_text(st, 8 + 2 * i, c->cond[i].note);
	}
	store_bind_text(st, 13, c->distinction);
	store_bind_text(st, 14, c->redact_names);
	store_bind_text(st, 15, now);
	/* the case edited, or who registers it */
	if (c->id)
		store_bind_int(st, 16, c->id);
	else
		store_bind_id(st, 16, who->user_id);
	rc = store_run_id(st, &id);
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_ESTATE;
	if (rc != KFQ_OK)
		goto done;
	for (int i = 0; i < 3 && rc == KFQ_OK; i++)
		rc = store_attachment_claim(s, store_fault_evidence_types[i], id, claim_org,
		                            c->cond[i].add, c->cond[i].nadd);
	if (rc == KFQ_OK)
		rc = store_audit_entity(s, who, c->id ? "change" : "create", "fault_case", id,
		                        before, case_write, json);
	if (rc == KFQ_OK && !c->id)
		rc = tell(s, who, FAULT_STEP_REGISTERED, id);
done:
	free(before);
	if ((rc = store_end(s, rc)) == KFQ_OK)
		c->id = id;
	return rc;
}

static enum fault_answer answer(int met)
{
	return met < 0 ? FAULT_UNANSWERED : met ? FAULT_MET : FAULT_NOT_MET;
}

int store_fault_decide(struct store *s, const struct store_actor *who,
                       const struct store_fault_json *json, int64_t id, int64_t org_id,
                       const char *decision, const char *reason, const char *effect,
                       int effect_year, const char *effect_note, enum fault_rule *rule)
{
	struct store_fault_case c;
	struct fault_facts f;
	struct store_stmt *st;
	struct arena a;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	*rule = FAULT_OK;
	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, case_write, json, &before)) != KFQ_OK)
		goto out;
	if ((rc = store_fault_get(s, &a, id, &c)) != KFQ_OK)
		goto done;
	if (strcmp(c.status, "open") != 0) {
		rc = KFQ_ESTATE;
		goto done;
	}
	f.procedure = answer(c.cond[0].met);
	f.diligence = answer(c.cond[1].met);
	f.no_gain = answer(c.cond[2].met);
	for (int i = 0; i < 3; i++)
		f.evidence[i] = c.cond[i].nfiles;
	f.distinction = c.distinction;
	if ((*rule = fault_decision_check(&f, decision)) != FAULT_OK ||
	    (*rule = fault_effect_check(decision, effect, c.person_id != 0)) != FAULT_OK) {
		rc = KFQ_EINVAL;
		goto done;
	}
	if ((rc = store_prepare(s, sql_decide, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, decision);
	store_bind_text(st, 3, reason);
	store_bind_int(st, 4, org_id);
	store_bind_text(st, 5, now);
	store_bind_id(st, 6, who->user_id);
	store_bind_text(st, 7, effect ? effect : "none");
	if (effect && strcmp(effect, "none") != 0)
		store_bind_int(st, 8, effect_year);
	else
		store_bind_null(st, 8);
	store_bind_text(st, 9, effect_note);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "decide", "fault_case", id, before, case_write,
		                        json);
	if (rc == KFQ_OK)
		rc = tell(s, who, FAULT_STEP_DECIDED, id);
done:
	rc = store_end(s, rc);
out:
	free(before);
	arena_release(&a);
	return rc;
}

/* element: a const char * */
static void read_name(struct store_stmt *st, struct arena *a, void *element)
{
	*(const char **)element = store_col_dup(st, 0, a);
}

/* The names the library must not show: the person's first, then the listed ones, then every
 * name on the zone's roster. */
static int names_of(struct store *s, struct arena *a, const struct store_fault_case *c,
                    const char ***names, size_t *n)
{
	const char **roster = NULL, **out;
	int nroster = 0, rc, k = 0, listed = 0;
	char *list = c->redact_names ? arena_strdup(a, c->redact_names) : NULL, *save = NULL;

	if ((rc = store_collect(s, a, sql_roster_names, c->org_id, sizeof(*roster), read_name,
	                        (void **)&roster, &nroster)) != KFQ_OK)
		return rc;
	for (const char *p = list; p && *p; p++)
		listed += *p == '\n';
	out = arena_zalloc(a, sizeof(*out) * ((size_t)listed + (size_t)nroster + 2));
	out[k++] = c->person_name ? c->person_name : "";
	for (char *tok = list ? strtok_r(list, "\r\n", &save) : NULL; tok;
	     tok = strtok_r(NULL, "\r\n", &save))
		out[k++] = tok;
	for (int i = 0; i < nroster; i++)
		out[k++] = roster[i];
	*names = out;
	*n = (size_t)k;
	return KFQ_OK;
}

int store_fault_publish(struct store *s, const struct store_actor *who,
                        const struct store_fault_json *json, int64_t id, const char *lesson)
{
	struct store_fault_case c;
	struct store_stmt *st;
	struct arena a;
	const char **names, *texts[4];
	size_t n;
	char now[TIME_RFC3339_LEN], *before = NULL;
	int rc;

	arena_init(&a);
	time_format(time_now(), now);
	if ((rc = store_begin_change(s, id, case_write, json, &before)) != KFQ_OK)
		goto out;
	if ((rc = store_fault_get(s, &a, id, &c)) != KFQ_OK)
		goto done;
	if (strcmp(c.status, "decided") != 0 || c.published) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if ((rc = names_of(s, &a, &c, &names, &n)) != KFQ_OK)
		goto done;
	texts[0] = fault_redact(&a, c.title, names, n);
	texts[1] = fault_redact(&a, c.happened, names, n);
	texts[2] = fault_redact(&a, c.reason, names, n);
	texts[3] = fault_redact(&a, lesson, names, n);
	for (int i = 0; i < 4; i++)
		if (fault_mentions(texts[i], names, n))
			fatal("fault_redact left a name in a library text");
	if ((rc = store_prepare(s, sql_lib_insert, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, texts[0]);
	store_bind_text(st, 3, c.org_name);
	store_bind_text(st, 4, texts[1]);
	store_bind_text(st, 5, c.distinction);
	store_bind_text(st, 6, c.decision);
	store_bind_text(st, 7, texts[2]);
	store_bind_text(st, 8, c.decided_org_name);
	store_bind_text(st, 9, texts[3]);
	store_bind_text(st, 10, now);
	store_bind_id(st, 11, who->user_id);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "publish", "fault_case", id, before, case_write,
		                        json);
done:
	rc = store_end(s, rc);
out:
	free(before);
	arena_release(&a);
	return rc;
}

/* element: a struct store_fault_entry */
static void read_entry(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_fault_entry *e = element;

	e->id = store_col_int(st, 0);
	e->case_id = store_col_int(st, 1);
	e->title = store_col_dup(st, 2, a);
	e->org_name = store_col_dup(st, 3, a);
	e->happened = store_col_dup(st, 4, a);
	e->distinction = store_col_dup(st, 5, a);
	e->decision = store_col_dup(st, 6, a);
	e->reason = store_col_dup(st, 7, a);
	e->decided_org_name = store_col_dup(st, 8, a);
	e->lesson = store_col_dup(st, 9, a);
	e->published_at = store_col_dup(st, 10, a);
}

int store_fault_library(struct store *s, struct arena *a, int64_t offset, int64_t limit,
                        struct store_fault_entry **out, int *n, int64_t *total)
{
	struct store_list l = {.count_sql = sql_lib_count,
	                       .list_sql = sql_lib_list,
	                       .limit_param = 1,
	                       .offset = offset,
	                       .limit = limit,
	                       .read = read_entry,
	                       .elem_size = sizeof(**out)};
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_fault_entry_get(struct store *s, struct arena *a, int64_t id,
                          struct store_fault_entry *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_lib_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_entry, out);
}

int store_fault_effects(struct store *s, struct arena *a, int64_t org_id, int year,
                        const char *effect, int64_t **case_ids, int *n)
{
	struct store_stmt *st;
	int rc, cap = 0;

	*case_ids = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql_effects, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, year);
	store_bind_text(st, 3, effect);
	while ((rc = store_step(st)) == KFQ_ROW) {
		if (*n == cap)
			*case_ids = arena_grow(a, *case_ids, sizeof(**case_ids), &cap);
		(*case_ids)[(*n)++] = store_col_int(st, 0);
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}
