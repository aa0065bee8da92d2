/* people_impl.h - what the files of staffing and rosters in api/ share. Private to api/. */
#ifndef KFQ_API_PEOPLE_IMPL_H
#define KFQ_API_PEOPLE_IMPL_H

#include "api/api.h"
#include "core/people.h"

/* The zones whose staffing and rosters the caller reads: the office and supervisors all, an
 * organization that approves staffing or receives pay filings all, everyone else its data
 * scope. 0, or -1 after answering a store error. */
int people_scope(struct api_ctx *c, struct store_scope *out);
/* Answers a refused write: 409 with the rule's code and message naming it. */
int people_refuse(struct api_ctx *c, enum people_rule rule, const char *field);
/* 0 when the server holds the ID-number key; else answers 503 personal_key_missing (a write
 * that seals a number cannot be made: DECISIONS 387). */
int people_require_key(struct api_ctx *c);
/* Answers a store error of a write that may have broken a rule (KFQ_EINVAL with rule set). */
int people_store_error(struct api_ctx *c, int rc, enum people_rule rule, const char *field);
/* Writes the history of an entity (its audit records, oldest first) as a list answer. */
int people_history(struct api_ctx *c, const char *entity_type, int64_t id);
/* 0 when org_id is a zone; else answers 400 invalid_value on field. */
int people_require_zone(struct api_ctx *c, int64_t org_id, const char *field);

#endif
