/* mail_comment.h - what an e-mail becomes when the office imports it as a comment (意见) of a
 * consultation: the commenter (the sender's name and address), the text (the subject, then the
 * body), when it was received, the key an e-mail is stored once by, and for each attachment
 * whether it may be kept as evidence (the evidence types of core/filetype.h, checked by content)
 * or only recorded by name, size and hash with a warning. Pure: a struct mail_message in (read
 * by util/mail.h), plain structs out; storing is the caller's. */
#ifndef KFQ_CORE_MAIL_COMMENT_H
#define KFQ_CORE_MAIL_COMMENT_H

#include "util/arena.h"
#include "util/mail.h"

#include <stdbool.h>
#include <stdint.h>

struct mail_comment_file {
	const struct mail_attachment *att;
	bool keep;           /* an evidence type whose bytes were read: to the evidence store */
	const char *mime;    /* keep: the content type to store (filetype_check's); else NULL */
	const char *warning; /* !keep: why it is only recorded (Chinese, names the file) */
};

struct mail_comment {
	const char *name;       /* the sender's display name, or NULL */
	const char *contact;    /* the sender's address, or NULL */
	const char *body;       /* "主题：S\n\nT", or T without a subject; never empty */
	int64_t received_at;    /* the mail's date (seconds since 1970), 0 when it has none */
	const char *message_id; /* the mail's dedupe key (util/mail.h): stored once by it */
	struct mail_comment_file *files; /* one per attachment, in order */
	size_t n_files;
};

/* The comment an e-mail makes (arena memory; strings may point into m). */
void mail_comment_from(struct arena *a, const struct mail_message *m, struct mail_comment *out);

/* The body of a mail with neither subject nor text. */
#define MAIL_COMMENT_EMPTY "（邮件没有正文）"

#endif
