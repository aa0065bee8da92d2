/* store_people.h - staffing (编制, 员额, posts) and rosters of the zones in SQL. Every write is
 * one transaction with its audit record (entity types staffing, post, person), whose JSON comes
 * from the caller's struct store_people_json; the audit records are the history of the figures
 * (with their document numbers) and of each person. The roster's counts are checked against
 * the zone's staffing inside the write transaction (core/people.h's rules): a refused write
 * returns KFQ_EINVAL with *rule saying which rule, and changes nothing.
 *
 * The staffing that rules a zone's roster is its staffing of the latest year up to the
 * current one (Asia/Shanghai). A person counts against it from creation until their leaving
 * is recorded (store_person_end); the head-count on a day (performance pay) counts those whose
 * start date is on or before it and whose end date, if any, is after it.
 *
 * National ID numbers are sealed at rest (core/personal_seal.h) under the key given to
 * store_people_key_file once per process; a struct store_person carries the number opened.
 * Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_PEOPLE_H
#define KFQ_STORE_PEOPLE_H

#include "core/people.h"
#include "core/personal_seal.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* Reads the key from path (64 hex digits). When the file does not exist, creates it (mode
 * 0600, a fresh random key) only while the roster of s holds no sealed number; otherwise
 * KFQ_ENOTFOUND with a logged warning naming the file, and the process goes on without a key:
 * numbers read as NULL and roster writes fail (store_people_key_ready). KFQ_EIO or KFQ_EINVAL
 * (a file that is not a key) with a logged reason. Call before any roster write or read. */
int store_people_key_file(struct store *s, const char *path);
/* A key is set: roster writes can seal ID numbers. */
bool store_people_key_ready(void);
/* Sets the key directly (tests). */
void store_people_key_set(const uint8_t key[32]);
/* The format new seals are written in (PERSONAL_SECRETBOX, "v1:", until configured); numbers
 * of both formats are read. */
void store_people_cipher_set(enum personal_cipher c);

/* Re-seals, in one write transaction, every ID number on the roster that is not in the
 * configured format, in that format (the keyed hash is unchanged), audited by one record
 * (action "reseal", entity "personal_seal": the format and the counts) when any changed; a
 * second run changes nothing. *resealed and *total (the roster's rows) set. KFQ_EINVAL, nothing
 * changed, when a number does not open under the key (*bad_id its person). */
int store_people_reseal(struct store *s, const struct store_actor *who, int64_t *resealed,
                        int64_t *total, int64_t *bad_id);

struct store_staffing {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int year;
	struct staffing_figures f;
	const char *doc_no; /* 批复文号 */
	const char *note;
	const char **bodies; /* names of the internal bodies */
	int n_bodies;
	/* store_staffing_set: the names given were none (not an empty list): those of the year's
	 * figures stay, which the new number of bodies must still hold */
	bool keep_bodies;
	const char *approved_at;
	int64_t approved_by;
	const char *approved_by_name;
	struct roster_counts now; /* filled by store_staffing_get: the roster today */
};

struct store_staffing_filter {
	int64_t org_id; /* 0 = any */
	int year;       /* 0 = any */
	struct store_scope scope;
	int64_t offset, limit;
};

struct store_post {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *name;
	const char *grade;
	bool leader;
	const char *body;
	const char *created_at;
	int64_t holder_id; /* the person on the roster holding it, 0 = vacant */
	const char *holder_name;
};

struct store_person {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *name;
	const char *id_number; /* opened; NULL when the seal does not open under this key */
	const char *identity;  /* enum_person_identity */
	const char *file_post; /* 档案职务 */
	const char *job_post;  /* 岗位职务 */
	int64_t post_id;       /* 0 = none */
	const char *post_name;
	const char *post_grade;
	bool post_leader;
	const char *appointment; /* enum_appointment */
	const char *approving_committee;
	const char *appointing_government;
	bool seconded;
	const char *seconded_from;
	const char *secondment_start;
	const char *secondment_end;
	bool retained; /* the secondment ended 提拔留任 */
	bool paid_by_zone;
	const char *start_date;
	const char *end_date;
	const char *end_kind; /* enum_person_end */
	const char *end_reason;
	const char *created_at;
	int64_t created_by;
};

struct store_person_filter {
	int64_t org_id; /* 0 = any */
	const char *q;  /* part of the name */
	const char *identity;
	bool current; /* only people still on the roster today */
	bool seconded;
	struct store_scope scope;
	int64_t offset, limit;
};

/* The writers of the audit records' JSON (the caller's shape). */
struct store_people_json {
	void (*staffing)(struct jsonw *w, const struct store_staffing *st);
	void (*post)(struct jsonw *w, const struct store_post *p);
	void (*person)(struct jsonw *w, const struct store_person *p);
};

/* ---- staffing ---- */

int store_staffing_list(struct store *s, struct arena *a, const struct store_staffing_filter *f,
                        struct store_staffing **out, int *n, int64_t *total);
/* With its bodies and the roster's counts today. KFQ_ENOTFOUND when absent. */
int store_staffing_get(struct store *s, struct arena *a, int64_t id, struct store_staffing *out);
/* The staffing that rules org's roster today; KFQ_ENOTFOUND when it has none. */
int store_staffing_current(struct store *s, struct arena *a, int64_t org_id,
                           struct store_staffing *out);
/* Approves org's figures for a year (org_id, year, f, doc_no, note, bodies): creates them, or
 * changes them ("change", the old ones in the audit record). When they rule the roster today,
 * its counts must fit (over_quota, over_leaders, over_bodies). The zone is told in the same
 * transaction (core people_staffing_item). in->id is set. */
int store_staffing_set(struct store *s, const struct store_actor *who,
                       const struct store_people_json *json, struct store_staffing *in,
                       enum people_rule *rule);

/* ---- posts ---- */

/* org's posts (every org when org_id is 0, within scope), by name, with their holders. */
int store_post_list(struct store *s, struct arena *a, int64_t org_id,
                    const struct store_scope *scope, struct store_post **out, int *n);
int store_post_get(struct store *s, struct arena *a, int64_t id, struct store_post *out);
/* KFQ_ECONFLICT when org has a post of that name. */
int store_post_create(struct store *s, const struct store_actor *who,
                      const struct store_people_json *json, struct store_post *p);
/* post_in_use when someone on the roster holds it. */
int store_post_delete(struct store *s, const struct store_actor *who,
                      const struct store_people_json *json, int64_t id, enum people_rule *rule);

/* ---- the roster ---- */

int store_person_list(struct store *s, struct arena *a, const struct store_person_filter *f,
                      struct store_person **out, int *n, int64_t *total);
/* Each person f selects (offset and limit ignored), in the list's order, handed to fn (element:
 * a struct store_person) one at a time, for the export: see store_list_each. a holds what the
 * filter needs. */
int store_person_each(struct store *s, struct arena *a, const struct store_person_filter *f,
                      store_each_fn fn, void *ctx);
int store_person_get(struct store *s, struct arena *a, int64_t id, struct store_person *out);
/* Puts p on org's roster (every field but id and the end): no_staffing, two_posts (the ID
 * number is on a roster and not ended), post_taken, over_quota, over_leaders. p->id is set. */
int store_person_create(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule);
/* The same inside the caller's write transaction (an import): audited as "import"; a
 * refusal leaves the rollback to the caller. */
int store_person_insert(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule);
/* *taken: an ID number (valid, normalized) is on a roster and not ended. */
int store_person_id_taken(struct store *s, const char *id_number, bool *taken);

/* Changes a person still on the roster (the same fields as create; not the organization):
 * the same rules. KFQ_ESTATE when they have left it. */
int store_person_update(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule);
/* Takes a person off the roster on date with kind (enum_person_end) and reason:
 * end_before_start. KFQ_ESTATE when they have left already. */
int store_person_end(struct store *s, const struct store_actor *who,
                     const struct store_people_json *json, int64_t id, const char *kind,
                     const char *date, const char *reason, enum people_rule *rule);
/* A secondee stays 提拔留任: the secondment ends on date, the person stays on the roster as
 * the zone's own. KFQ_ESTATE when not a secondee on the roster; secondment_order when date is
 * not after the secondment's start. */
int store_person_retain(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, int64_t id, const char *date,
                        enum people_rule *rule);

#endif
