/* money.h (api) - what the money handlers (enterprise.c, industry.c, arrangement.c,
 * revshare*.c) share: whose enterprises and statements the caller sees, and who may manage
 * revenue sharing. Private to those files. */
#ifndef KFQ_API_MONEY_H
#define KFQ_API_MONEY_H

#include "api/api.h"

/* The zones whose enterprises, tax and statements the caller sees (core/enterprise.h's
 * enterprise_scope_kind: a city department the whole city, everyone else their data scope). */
void money_scope(struct api_ctx *c, struct store_scope *out);
/* *in = whether the caller's scope covers zone_id. 0, or -1 after answering a store error. */
int money_zone_in_scope(struct api_ctx *c, int64_t zone_id, bool *in);
/* 0 when the caller's scope covers zone_id, else answers the very 404 a missing record gets
 * (api_scope_check) and returns -1. */
int money_zone_visible(struct api_ctx *c, int64_t zone_id);
/* 0 when the caller may manage revenue sharing (configure, enter tax, compute, confirm,
 * adopt): the route's permission plus the organization's confirm_revenue capability, which the
 * seed's article 6 grants to its lead, 市财政局. Else answers 403 and returns -1. */
int money_require_manage(struct api_ctx *c);

#endif
