/* mail_json.h - the JSON shape of a message read from .eml or mbox (util/mail.h), which
 * `kfq mail parse` prints and the mail import's preview will answer with. */
#ifndef KFQ_APP_MAIL_JSON_H
#define KFQ_APP_MAIL_JSON_H

#include "core/mail_comment.h"
#include "util/jsonw.h"
#include "util/mail.h"

/* {"attachments":[{"content_type","evidence","kept","name","sha256","size"}],"comment",
 *  "date","dedupe_key","duplicate","from":{"addr","name"},"index","message_id","subject",
 *  "text","text_from_html","warnings":[…]}: "kept" tells whether the bytes were read (within
 *  the attachment cap), "evidence" whether an import keeps them as evidence, "comment" the text
 *  the import stores (c, mail_comment_from(m)), "duplicate" whether the same dedupe key came
 *  earlier (the caller knows); "warnings" are the reader's, then the attachments'. */
void mail_json_message(struct jsonw *w, const struct mail_message *m, const struct mail_comment *c,
                       bool duplicate);

#endif
