/* consult_json.h - the JSON shape of consultations, their articles and comments: the API's
 * answers (office and public) and the audit record's before/after. In app/ because the
 * demo (`kfq demo`) writes consultations too. A commenter's contact is written as personal
 * (core/personal.h): masked unless the writer was told the reader may see it; the audit record
 * masks it always. */
#ifndef KFQ_APP_CONSULT_JSON_H
#define KFQ_APP_CONSULT_JSON_H

#include "store/store_consult.h"

/* A consultation; with now >= 0 also its computed "state" and "window_text" (the audit
 * record leaves them out: they change with the clock). */
void consult_json_write(struct jsonw *w, const struct store_consultation *c, int64_t now);
void consult_json_article(struct jsonw *w, const struct store_consult_article *a);
/* A version of the draft: its number, title, note, hash, who imported it and when, the policy
 * its tasks were created as (null: none yet), and "flags" when flags is not NULL. */
void consult_json_version(struct jsonw *w, const struct store_consult_version *v,
                          const struct store_consult_flag *flags, int n_flags);
/* The keys of one flag of the final version's tasks into an open object: status, moved, the
 * articles and tasks on both sides, similarity_bp. */
void consult_json_flag_fields(struct jsonw *w, const struct store_consult_flag *f);
/* "files":[…] of an e-mail comment: each attachment's name, declared type, size, hash, whether
 * it was stored (as attachment_id) and else the warning. */
void consult_json_files(struct jsonw *w, const struct store_comment_file *f, int n);
/* A comment for the office: everything, the contact as personal, its points, an e-mail's files
 * (when read with store_comment_get). */
void consult_json_comment(struct jsonw *w, const struct store_comment *c);
void consult_json_point(struct jsonw *w, const struct store_comment_point *p);
/* A published comment for the public: no name, contact or address; "handling" the office's
 * decisions as one text (consult_handling), null before the report is published. */
void consult_json_public_comment(struct jsonw *w, const struct store_comment *c,
                                 const char *handling);

/* What store_consult's writes take for their audit records. */
extern const struct store_consult_json consult_json_audit;

#endif
