/* capability.h (api) - "may the caller's organization do X?": the one question handlers ask
 * about capabilities (core/capability.h), answered from the org_capability table the office
 * maintains. Never decide by an organization's name or by a role what a capability decides. */
#ifndef KFQ_API_CAPABILITY_H
#define KFQ_API_CAPABILITY_H

#include "api/api.h"
#include "core/capability.h"

/* *may = whether the signed-in user's organization holds cap. 0, or -1 after answering a
 * store error. */
int api_org_may(struct api_ctx *c, enum capability cap, bool *may);
/* 0 when the caller's organization holds cap; else answers 403 (naming the capability) or the
 * store error and returns -1. */
int api_require_capability(struct api_ctx *c, enum capability cap);
/* Lets c->w write personal fields unmasked when the caller's organization holds
 * read_personal; call before writing them. 0, or -1 after answering a store error. */
int api_reveal_personal(struct api_ctx *c);

#endif
