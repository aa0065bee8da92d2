/* invest.h (api) - what other API modules take from the investment pipeline (api/invest.c): the
 * 招商 projects stalled by today in the caller's view, counted and listed exactly as
 * 招商项目?stalled=1 does, for 我的待办 and the 督导看板. */
#ifndef KFQ_API_INVEST_H
#define KFQ_API_INVEST_H

#include "api/api.h"
#include "store/store_invest.h"

/* The stalled projects in the caller's view (the money scope), of one zone when zone_id is not
 * 0, the oldest stage first: at most limit of them in *out (the request's arena), all of them
 * counted in *total, the office's number of days in *days. 0, or -1 after answering the store's
 * error. */
int invest_stalled_list(struct api_ctx *c, int64_t zone_id, int64_t limit,
                        struct store_invest_project **out, int *n, int64_t *total, int *days);
/* A project as the pipeline answers it, with whether it has stalled by today under days. */
void invest_project_json(struct api_ctx *c, const struct store_invest_project *p, int days);

#endif
