/* platform_impl.h - what the platform-company handlers (platform.c, platform_risk.c) share.
 * Private to those files. */
#ifndef KFQ_API_PLATFORM_IMPL_H
#define KFQ_API_PLATFORM_IMPL_H

#include "api/api.h"
#include "store/store_platform.h"

/* *may = whether the caller may keep zone_id's companies: its organization holds
 * supervise_platform (市国资委 by art. 12), or it is that zone itself. 0, or -1 after answering a
 * store error. The caller checked that the zone is in view. */
int platform_may_write(struct api_ctx *c, int64_t zone_id, bool *may);
/* 0 when the caller may write zone_id's companies; else answers 403 and returns -1. */
int platform_require_write(struct api_ctx *c, int64_t zone_id);
/* The :id company the caller sees: 0, or -1 after answering (404 for another zone's). */
int platform_load(struct api_ctx *c, struct store_platform_company *co);
/* Writes "level", "readings" of a year's figures against the lines of the company's type. */
void platform_write_readings(struct api_ctx *c, const struct store_platform_sheet *y,
                             const struct platform_line l[PLATFORM_INDICATOR_COUNT]);

#endif
