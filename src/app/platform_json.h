/* platform_json.h - platform companies as JSON (answers and audit records, the demo's too), keys
 * in byte order. */
#ifndef KFQ_APP_PLATFORM_JSON_H
#define KFQ_APP_PLATFORM_JSON_H

#include "store/store_platform.h"

struct jsonw;

/* A company's members (into an object the caller opened); with its shareholders and injections
 * when lists. */
void platform_json_company_fields(struct jsonw *w, const struct store_platform_company *c,
                                  bool lists);
/* A checklist item's members. */
void platform_json_duty_fields(struct jsonw *w, const struct store_platform_duty *d);
/* A year's figures' members. */
void platform_json_sheet_fields(struct jsonw *w, const struct store_platform_sheet *y);
/* "level" (the worst) and "readings": each indicator's value against its lines. */
void platform_json_readings(struct jsonw *w,
                            const struct platform_reading r[PLATFORM_INDICATOR_COUNT],
                            const struct platform_line l[PLATFORM_INDICATOR_COUNT]);
/* A company type's lines as one object. */
void platform_json_lines(struct jsonw *w, enum platform_type t,
                         const struct platform_line l[PLATFORM_INDICATOR_COUNT]);

extern const struct store_platform_json platform_json_audit;

#endif
