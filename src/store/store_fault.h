/* store_fault.h - 容错免责 cases (art. 18) in SQL: the office registers a case and answers its
 * conditions with evidence files, an organization holding decide_fault decides it (checked by
 * core/fault.c inside the write transaction, with the evidence counted there), and the office
 * publishes a decided case to the case library with personal names removed (core/fault.c's
 * fault_redact over the person's name, the case's listed names and every name on the zone's
 * roster, checked again before the row is written). Every write is one transaction with its
 * audit record (entity fault_case) whose JSON comes from the caller's struct store_fault_json.
 * Returned structs and strings are in the caller's arena. Must not decide who may write: api/
 * asks the permission bits and the capability table. */
#ifndef KFQ_STORE_FAULT_H
#define KFQ_STORE_FAULT_H

#include "core/fault.h"
#include "store/store.h"
#include "store/store_attachment.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* The attachment types of the three conditions' evidence, in core/fault.h's order. */
extern const char *const store_fault_evidence_types[3];

struct store_fault_condition {
	int met;          /* -1 unanswered, 1 met, 0 not met */
	const char *note; /* the statement */
	struct store_attachment *files;
	int nfiles;
	const int64_t *add; /* on writes: uploads to attach */
	int nadd;
};

struct store_fault_case {
	int64_t id;
	const char *title;
	const char *subject_kind; /* unit, person */
	int64_t org_id;
	const char *org_name;
	int64_t person_id; /* 0 for a unit */
	const char *person_name;
	const char *happened;
	const char *source_decision;
	struct store_fault_condition cond[3]; /* procedure, diligence, no_gain */
	const char *distinction;
	const char *redact_names; /* one a line */
	const char *status;       /* open, decided */
	const char *decision;     /* exempt, reduced, refused */
	const char *reason;
	int64_t decided_org_id;
	const char *decided_org_name;
	const char *decided_at;
	const char *effect; /* none, waive_deduction, leader_kept */
	int effect_year;
	const char *effect_note;
	const char *created_at;
	const char *updated_at;
	bool published;
};

struct store_fault_entry {
	int64_t id;
	int64_t case_id;
	const char *title, *org_name, *happened, *distinction, *decision, *reason,
	    *decided_org_name, *lesson, *published_at;
};

struct store_fault_json {
	void (*fault_case)(struct jsonw *w, const struct store_fault_case *c);
};

struct store_fault_filter {
	struct store_scope scope;
	int64_t org_id;     /* 0 = any */
	const char *status; /* NULL = any */
	int64_t offset, limit;
};

int store_fault_list(struct store *s, struct arena *a, const struct store_fault_filter *f,
                     struct store_fault_case **out, int *n, int64_t *total);
/* With the evidence files. KFQ_ENOTFOUND when absent. */
int store_fault_get(struct store *s, struct arena *a, int64_t id, struct store_fault_case *out);

/* Registers (c->id 0) or edits an open case (KFQ_ESTATE once decided): the texts, the
 * answers, the distinction and the listed names; each condition's `add` uploads are claimed
 * (by organization claim_org). A person must be on the roster of org_id (KFQ_EINVAL). */
int store_fault_save(struct store *s, const struct store_actor *who,
                     const struct store_fault_json *json, struct store_fault_case *c,
                     int64_t claim_org);

/* The decision of organization org_id on an open case (KFQ_ESTATE otherwise): checked against
 * the facts as stored (KFQ_EINVAL with *rule). */
int store_fault_decide(struct store *s, const struct store_actor *who,
                       const struct store_fault_json *json, int64_t id, int64_t org_id,
                       const char *decision, const char *reason, const char *effect,
                       int effect_year, const char *effect_note, enum fault_rule *rule);

/* Publishes a decided case (KFQ_ESTATE when open or published already) with the lesson
 * (案例启示) the office writes; the texts are redacted here. */
int store_fault_publish(struct store *s, const struct store_actor *who,
                        const struct store_fault_json *json, int64_t id, const char *lesson);

/* The case library, newest first, and one entry (KFQ_ENOTFOUND). */
int store_fault_library(struct store *s, struct arena *a, int64_t offset, int64_t limit,
                        struct store_fault_entry **out, int *n, int64_t *total);
int store_fault_entry_get(struct store *s, struct arena *a, int64_t id,
                          struct store_fault_entry *out);

/* Decided cases whose effect is effect (waive_deduction, leader_kept) for the zone and year:
 * the seam the annual assessment reads a waived deduction through. */
int store_fault_effects(struct store *s, struct arena *a, int64_t org_id, int year,
                        const char *effect, int64_t **case_ids, int *n);

#endif
