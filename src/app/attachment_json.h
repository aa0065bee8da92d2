/* attachment_json.h - the JSON of an attachment (keys in byte order), and the writer
 * store_attachment_add takes for an upload's audit record: shared by the API and by what
 * cmd/ writes (the demo's evidence files). */
#ifndef KFQ_APP_ATTACHMENT_JSON_H
#define KFQ_APP_ATTACHMENT_JSON_H

#include "store/store_attachment.h"
#include "util/jsonw.h"

void attachment_json_write(struct jsonw *w, const struct store_attachment *x);
/* "key":[…] of n attachments. */
void attachment_json_list(struct jsonw *w, const char *key, const struct store_attachment *x,
                          int n);
extern const struct store_attachment_json attachment_json_audit;

#endif
