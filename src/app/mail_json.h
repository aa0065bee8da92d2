/* mail_json.h - the JSON shape of a message read from .eml or mbox (util/mail.h), which
 * `kfq mail parse` prints and the mail import's preview will answer with. */
#ifndef KFQ_APP_MAIL_JSON_H
#define KFQ_APP_MAIL_JSON_H

#include "util/jsonw.h"
#include "util/mail.h"

/* {"attachments":[{"content_type","kept","name","sha256","size"}],"date","dedupe_key",
 *  "duplicate","from":{"addr","name"},"index","message_id","subject","text","text_from_html",
 *  "warnings":[…]}: "kept" tells whether the bytes were kept (within the attachment cap),
 *  "duplicate" whether the same dedupe key came earlier (the caller knows). */
void mail_json_message(struct jsonw *w, const struct mail_message *m, bool duplicate);

#endif
