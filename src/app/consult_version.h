/* consult_version.h - the versions of a consultation's draft: a revised text imported as the
 * next version of the same consultation (text only: no task is made or changed), the text of any
 * version (1 is the draft, the consultation's policy), the article-by-article diff of two, and
 * the explicit step that creates tasks from the final version (the last one), flagging each
 * article added, removed, moved or changed against the draft whose tasks were made already
 * (core/policy_diff.h). The one home of these use cases. Everything returned lives in the
 * caller's arena. */
#ifndef KFQ_APP_CONSULT_VERSION_H
#define KFQ_APP_CONSULT_VERSION_H

#include "core/policy_diff.h"
#include "store/store_consult.h"

/* Imports text[0..len) (UTF-8, GB18030 or UTF-16 with a BOM) as the next version of k, with
 * the office's note (NULL: none). KFQ_OK with *out; KFQ_EINVAL (not a policy text, or the
 * draft's own text), KFQ_ECONFLICT (imported already) or KFQ_ESTATE (tasks were created from
 * the final version) with *error (Chinese); a store error otherwise. */
int consult_version_import(struct store *s, struct arena *a, const struct store_actor *who,
                           const struct store_consultation *k, const char *text, size_t len,
                           const char *note, struct store_consult_version *out, const char **error);

/* Every version of k in order, the draft first as version 1 (its tasks_policy_id the
 * consultation's policy: the draft's tasks were made when it was imported). */
int consult_versions(struct store *s, struct arena *a, const struct store_consultation *k,
                     struct store_consult_version **out, int *n);

/* The diff of versions from and to of k. KFQ_ENOTFOUND when either is not a version of k. */
int consult_version_diff(struct store *s, struct arena *a, const struct store_consultation *k,
                         int from, int to, struct policy_diff *out);

/* For each entry of d (a diff from version from of k), the draft's article number it stands
 * for on the old side (0: none): the same for from = 1, else through the diff of the draft and
 * version from. numbers: arena array of d->n_entries. */
int consult_version_draft_numbers(struct store *s, struct arena *a,
                                  const struct store_consultation *k, int from,
                                  const struct policy_diff *d, int **numbers);

/* Creates the tasks of k's final version (the last version, at least 2) as a policy import in
 * one transaction with the flags of every article that is not the same against the draft.
 * KFQ_OK with *version (its flags in *flags, *n_flags); KFQ_EINVAL (no revised version), or
 * KFQ_ESTATE / KFQ_ECONFLICT (tasks made already; the text imported as a policy already), each
 * with *error (Chinese); a store error otherwise. */
int consult_version_tasks(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_consultation *k, struct store_consult_version *version,
                          struct store_consult_flag **flags, int *n_flags, const char **error);

#endif
