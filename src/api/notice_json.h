/* notice_json.h - the JSON shape of 督办单: the API's answers and the audit record's
 * before/after. In api/ because only the API writes notices. */
#ifndef KFQ_API_NOTICE_JSON_H
#define KFQ_API_NOTICE_JSON_H

#include "store/store_notice.h"

enum {
	/* "overdue", "title", "entity_link" and "reply_count", which the audit record leaves out
	 * (they follow from the rest, or change by the day) */
	NOTICE_JSON_COMPUTED = 1u << 0,
	/* "cc", "replies", "attachments": a notice read whole (store_notice_get) */
	NOTICE_JSON_CHILDREN = 1u << 1,
};

/* A notice; entity_link (COMPUTED) is the web page of its entity, or NULL. */
void notice_json_write(struct jsonw *w, const struct store_notice *n, unsigned flags,
                       const char *entity_link);

/* What store_notice's writes take for their audit records: the whole notice. */
extern const struct store_notice_json notice_json_audit;

#endif
