/* policy_diff_json.h - the JSON shape of the diff of two versions of a policy
 * (core/policy_diff.h), which `kfq policy diff --json` prints and GET /api/policies/diff
 * answers with; and the diff of two texts, each parsed first, which both of them run. */
#ifndef KFQ_APP_POLICY_DIFF_JSON_H
#define KFQ_APP_POLICY_DIFF_JSON_H

#include "core/policy_diff.h"
#include "util/jsonw.h"

/* Parses old[0..n_old) and new_[0..n_new) (policy_parse) and diffs their articles into *out
 * (arena memory). Returns KFQ_OK, or KFQ_EINVAL with *error the parser's message and *which 0
 * for the old text, 1 for the new. */
int policy_diff_texts(struct arena *a, const char *old, size_t n_old, const char *new_,
                      size_t n_new, struct policy_diff *out, const char **error, int *which);

/* {"articles":[{"moved","new":{…}|null,"old":{"caption","group","number","part","title"}|null,
 *  "segments":[{"op":"equal|delete|insert","text"}],"similarity_bp",
 *  "status":"unchanged|changed|added|removed"}],
 *  "summary":{"added","changed","moved","removed","unchanged"}} */
void policy_diff_json(struct jsonw *w, const struct policy_diff *d);

#endif
