/* policy_import.h - from policy text to stored tasks, shared by POST /api/policies and
 * `kfq policy import`: parse (core/policy_parse), resolve units against the organizations
 * (core/unit_resolve), build one task per article (core/policy_tasks), store everything in
 * one transaction (store/store_task). Everything returned lives in the caller's arena. */
#ifndef KFQ_APP_POLICY_IMPORT_H
#define KFQ_APP_POLICY_IMPORT_H

#include "core/policy_edit.h"
#include "core/policy_parse.h"
#include "core/policy_tasks.h"
#include "store/store_task.h"

/* The organization that leads articles without units: the one named or aliased so. */
#define POLICY_OFFICE_NAME "工作专班办公室"

enum policy_import_status {
	POLICY_IMPORT_OK,
	POLICY_IMPORT_BAD_TEXT,  /* the parser refused it: message says why */
	POLICY_IMPORT_NO_OFFICE, /* no organization is named or aliased 工作专班办公室 */
	POLICY_IMPORT_DUPLICATE, /* the same text was imported before */
	POLICY_IMPORT_STORE,     /* a database error: rc says which */
	POLICY_IMPORT_BAD_EDIT,  /* the corrected preview breaks a rule: edit_error says which */
};

struct policy_import_result {
	enum policy_import_status status;
	int rc;              /* the store's code for POLICY_IMPORT_STORE */
	const char *message; /* Chinese, for the refusals */
	struct policy_doc doc;
	struct policy_tasks tasks;
	struct store_policy policy;          /* id set when stored */
	struct unit_resolve_ctx orgs;        /* every organization, as the units resolved */
	struct policy_edit_error edit_error; /* POLICY_IMPORT_BAD_EDIT */
	struct policy_edit_changes changes;  /* a corrected import's, against the parse */
};

/* dry_run: parse and resolve only, write nothing. Returns KFQ_OK when status is OK. */
int policy_import(struct store *s, struct arena *a, const struct store_actor *who, const char *text,
                  size_t len, bool dry_run, struct policy_import_result *out);

/* The import of a corrected preview: the text parsed as policy_import does, then the tasks the
 * office corrected (core/policy_edit.h: the positions are those of the tasks a dry run of the
 * same text answers) instead of those the parse makes, checked and stored in one transaction
 * with their audit records; out->tasks are the corrected tasks. Returns KFQ_OK when status is
 * OK. */
int policy_import_edited(struct store *s, struct arena *a, const struct store_actor *who,
                         const char *text, size_t len, const struct policy_edit_task *edits,
                         size_t n_edits, struct policy_import_result *out);

/* The tasks a dry run's result would store, for a caller that stores them inside a write of its
 * own (store_policy_import_tx): arena array of out->tasks.n_tasks. */
struct store_task *policy_import_tasks(struct arena *a, const struct policy_import_result *out);

#endif
