/* power_impl.h (api) - what the powers module's handlers share; private to api/power*.c,
 * delegation.c and duty.c. */
#ifndef KFQ_API_POWER_IMPL_H
#define KFQ_API_POWER_IMPL_H

#include "api/api.h"
#include "core/capability.h"
#include "store/store_power.h"

/* Whose powers data the caller reads: the office and supervisors everything, and the
 * organization holding `wide` (the one that publishes every list, or approves every 权责清单);
 * everyone else their data scope (a zone its own lists, a department the powers it delegates, a
 * county its zones). 0, or -1 after answering a store error. */
int power_scope(struct api_ctx *c, enum capability wide, struct store_scope *out);
/* A body text an action requires though the route's fields do not (the validator has trimmed
 * it): 400 missing_field (field /name) with message when absent or blank. */
int power_need(struct api_ctx *c, const char *name, const char *message, const char **out);
/* An optional body date (YYYY-MM-DD): 400 invalid_value when malformed. */
int power_date(struct api_ctx *c, const char *name, const char **out);
/* A department's step (delegate_power): 0 when the caller's organization holds the capability;
 * else 403. A zone or a county is told that what (a step, "培训指导") is done by the power's
 * department (dept_name; NULL = the departments), not to ask for a capability it has no use for
 * (DECISIONS 326); others get api_require_capability's answer. */
int power_require_department(struct api_ctx *c, const char *what, const char *dept_name);
/* The working-day calendar, loaded for this request. */
int power_calendar(struct api_ctx *c, struct workday_calendar *cal);
/* A record of organizations a and b (a zone and a department, a handler and a reporter, a zone
 * and its county) the caller reads when either is in power_scope(wide): 0, or the 404 of a
 * missing record (api_scope_check). */
int power_readable(struct api_ctx *c, enum capability wide, int64_t a, int64_t b);

#endif
