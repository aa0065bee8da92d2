/* notice_json.h - the JSON shape of 督办单: the API's answers and the audit record's
 * before/after. In api/ because only the API writes notices. */
#ifndef KFQ_API_NOTICE_JSON_H
#define KFQ_API_NOTICE_JSON_H

#include "store/store_notice.h"

/* A notice; computed adds "overdue" (which the audit record leaves out: it changes by day). */
void notice_json_write(struct jsonw *w, const struct store_notice *n, bool computed);

/* What store_notice's writes take for their audit records. */
extern const struct store_notice_json notice_json_audit;

#endif
