/* store_affairs.h - the powers module's tracked items in SQL: social-affairs functions and their
 * hand-over (art. 2), the 高效办成一件事 key matters with the powers they combine and the problems
 * enterprises report (art. 4), and the rules each department must adjust (art. 17). Every change
 * is audited in its transaction with the caller's JSON (struct store_affairs_json). Must not
 * decide who may act (api/) nor the status machines (core/affairs.h). Returned structs and
 * strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_AFFAIRS_H
#define KFQ_STORE_AFFAIRS_H

#include "core/affairs.h"
#include "store/store.h"
#include "store/store_attachment.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct jsonw;

struct store_social {
	int64_t id, zone_org_id;
	const char *zone_name;
	const char *category, *name, *receiving_body, *target_date, *status;
	const char
	    *evidence; /* the note on the evidence; the files are attachments "social_affair" */
	const char *created_at, *updated_at;
	/* the API's answer: the evidence files, written when with_files (never in the audit) */
	const struct store_attachment *files;
	int nfiles;
	bool with_files;
	/* store_social_save: uploads to attach (unattached, "social_affair", the writer's
	 * organization) */
	const int64_t *file_ids;
	int nfile_ids;
};

/* One zone's hand-over progress, for the board. */
struct store_social_zone {
	int64_t zone_org_id;
	const char *zone_name;
	int64_t total, handed_over, handing_over, planned, overdue;
};

struct store_matter {
	int64_t id, lead_org_id;
	const char *lead_name, *name, *steps;
	int64_t promised_days;
	int64_t *power_ids; /* the powers it combines */
	const char **power_names;
	const char **dept_names; /* the departments involved (the powers', distinct), by name */
	int npowers, ndepts;
	const char *created_at, *updated_at;
};

struct store_problem {
	int64_t id, matter_id, zone_org_id, handler_org_id, reporter_org_id;
	const char *matter_name, *zone_name, *handler_name, *reporter_name;
	const char *enterprise, *contact_phone, *source, *description, *status, *answer;
	const char *due_date, *reported_at, *answered_at, *closed_at, *closing_note;
};

struct store_rule {
	int64_t id, dept_org_id;
	const char *dept_name;
	const char *kind, *title, *provision, *change, *procedure, *target_date, *status;
	const char *result_document, *created_at, *updated_at;
};

struct store_affairs_json {
	void (*social)(struct jsonw *w, const struct store_social *s);
	void (*matter)(struct jsonw *w, const struct store_matter *m);
	void (*problem)(struct jsonw *w, const struct store_problem *p);
	void (*rule)(struct jsonw *w, const struct store_rule *r);
};

/* A filter shared by the lists: the organization column (zone, handler or department) in scope,
 * or equal to org_id when it is not 0; status NULL = any. */
struct store_affairs_filter {
	int64_t org_id;
	const char *status;
	/* rules only: NULL, or those not done whose target date is before it (YYYY-MM-DD) */
	const char *late_before;
	struct store_scope scope;
	int64_t offset, limit;
};

int store_social_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                      struct store_social **out, int *n, int64_t *total);
int store_social_get(struct store *s, struct arena *a, int64_t id, struct store_social *out);
/* Creates (x->id 0; set on success) or updates, audited "social_affair", and attaches the
 * uploads x->file_ids in the same transaction. KFQ_ECONFLICT when the zone lists the name
 * already; KFQ_EINVAL when an upload is not one the writer's organization may attach. */
int store_social_save(struct store *s, const struct store_actor *who,
                      const struct store_affairs_json *json, struct store_social *x);
/* Per zone in scope: counts by status and overdue on `today` (YYYY-MM-DD), by zone name. */
int store_social_board(struct store *s, struct arena *a, const struct store_scope *scope,
                       const char *today, struct store_social_zone **out, int *n);

int store_matter_list(struct store *s, struct arena *a, struct store_matter **out, int *n);
int store_matter_get(struct store *s, struct arena *a, int64_t id, struct store_matter *out);
/* Creates or updates a matter with its powers, audited "key_matter". KFQ_ECONFLICT for a name
 * taken, KFQ_ECONSTRAINT for a power that does not exist. */
int store_matter_save(struct store *s, const struct store_actor *who,
                      const struct store_affairs_json *json, struct store_matter *m);

/* A board's count of one status: how many, and how many of them are overdue (open past their
 * date). */
struct store_status_count {
	const char *status;
	int64_t n, overdue;
};

/* Problems whose handler or recorder is in scope (or org_id). */
int store_problem_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                       struct store_problem **out, int *n, int64_t *total);
int store_problem_get(struct store *s, struct arena *a, int64_t id, struct store_problem *out);
/* By the SHA-256 (hex) of its normalized query code. KFQ_ENOTFOUND when none. */
int store_problem_by_code(struct store *s, struct arena *a, const char *code_hash,
                          struct store_problem *out);
/* Records a problem (status open), audited "matter_problem" (the code's hash is not in the
 * record). */
int store_problem_create(struct store *s, const struct store_actor *who,
                         const struct store_affairs_json *json, struct store_problem *p,
                         const char *code_hash);
/* answer (text = the answer), close (text = the closing note) or reopen, audited. KFQ_EBUSY with
 * *status when the status machine refuses. */
int store_problem_act(struct store *s, struct arena *a, const struct store_actor *who,
                      const struct store_affairs_json *json, int64_t id, enum problem_action act,
                      const char *text, const char **status);

/* The rules in f's scope counted by status in SQL; overdue: not done, target date before
 * `today` (YYYY-MM-DD). Only the statuses held appear. */
int store_rule_counts(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                      const char *today, struct store_status_count **out, int *n);
/* The problems as store_problem_list finds them, counted so; overdue: open past the due date. */
int store_problem_counts(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                         const char *today, struct store_status_count **out, int *n);
int store_rule_list(struct store *s, struct arena *a, const struct store_affairs_filter *f,
                    struct store_rule **out, int *n, int64_t *total);
int store_rule_get(struct store *s, struct arena *a, int64_t id, struct store_rule *out);
/* Creates (r->id 0; set on success) or updates, audited "rule_adjustment"; a new rule, or one
 * becoming done, is told to the office in the same transaction (core rule_step_item). */
int store_rule_save(struct store *s, const struct store_actor *who,
                    const struct store_affairs_json *json, struct store_rule *r);

#endif
