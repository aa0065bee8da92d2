/* mail.h - reads e-mail into plain structs: one message (.eml) or an mbox export of a mailbox,
 * message by message from a file descriptor or a buffer, with GMime underneath. The text is
 * UTF-8 whatever the message declared (GBK, GB2312 and GB18030 all read as GB18030, UTF-8,
 * base64 and quoted-printable bodies, RFC 2047 encoded-word subjects and names); an HTML-only
 * body becomes text; attachments come with their name, size, SHA-256 and bytes.
 *
 * Streaming: a reader over a file descriptor holds one message at a time (GMime keeps the
 * parts of a seekable file as offsets into it), and an attachment is decoded in pieces,
 * hashed and counted as it goes and kept only up to its cap. Nothing is dropped silently:
 * what was cut or replaced is a warning on the message.
 *
 * Must not know what the mail is for (consultation comments, evidence): plain structs out.
 * Ownership: a message's strings and bytes are in the arena given to mail_reader_next();
 * the reader is the caller's (mail_reader_free). Not safe to share a reader between threads;
 * separate readers may run in separate threads. */
#ifndef KFQ_UTIL_MAIL_H
#define KFQ_UTIL_MAIL_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mail_limits {
	size_t max_text_bytes;       /* body text kept per message (UTF-8); the rest is cut */
	size_t max_attachment_bytes; /* bytes kept per attachment; a larger one is sized and
	                                hashed but its bytes are not kept (data NULL) */
	size_t max_parts;            /* MIME parts read per message; the rest are skipped */
	int max_depth;               /* nesting of multiparts and attached messages */
};

/* 1 MiB of text, 20 MiB per attachment, 200 parts, 16 levels. */
extern const struct mail_limits mail_limits_default;

struct mail_attachment {
	const char *name;          /* the file name as sent (decoded), else 附件N */
	const char *content_type;  /* e.g. application/pdf, lower case */
	uint64_t size;             /* decoded bytes, all of them */
	char sha256[65];           /* of all of them, lower-case hex */
	const unsigned char *data; /* size bytes, or NULL when over max_attachment_bytes */
};

struct mail_message {
	size_t index;           /* 0-based position in the file */
	const char *message_id; /* without the angle brackets, or NULL */
	const char *dedupe_key; /* message_id, else "sha256:" + hex of the sender, date,
	                           subject and text: the same mail gives the same key */
	const char *from_name;  /* the sender's display name, or NULL */
	const char *from_addr;  /* the sender's address, or NULL */
	const char *subject;    /* "" when none */
	const char *date;       /* ISO 8601 with the sender's offset, or NULL */
	int64_t date_unix;      /* seconds since 1970, 0 when no date */
	const char *text;       /* the body as text; "" when none */
	bool text_from_html;    /* the message had an HTML body only, turned into text */
	struct mail_attachment *attachments;
	size_t n_attachments;
	const char **warnings; /* Chinese, one sentence each */
	size_t n_warnings;
};

struct mail_reader;

/* A reader over fd from its current offset to the end (the reader neither closes it nor
 * needs it after mail_reader_free; a pipe is first copied into an unnamed temporary file). The
 * format is told by the first bytes: "From " starts an mbox, anything else is one message.
 * *out is NULL on failure (KFQ_ERR). */
int mail_reader_open_fd(int fd, const struct mail_limits *lim, struct mail_reader **out);
/* The same over buf[0..len), which must stay valid until mail_reader_free. */
int mail_reader_open_mem(const void *buf, size_t len, const struct mail_limits *lim,
                         struct mail_reader **out);

/* The next message into *out. KFQ_OK; KFQ_ENOTFOUND after the last one; KFQ_EINVAL when the
 * input holds no mail at all, or an mbox goes on with something that is not mail
 * (mail_reader_error says why, in Chinese). */
int mail_reader_next(struct mail_reader *r, struct arena *a, struct mail_message *out);
const char *mail_reader_error(const struct mail_reader *r);
void mail_reader_free(struct mail_reader *r);

/* Text conversions the reader uses (mail_text.c), pure. */

/* bytes[0..len) in the declared charset (NULL when none) as UTF-8 into the arena; cut: the
 * bytes were cut at a cap, so a character left incomplete at the end is dropped. GB2312,
 * GBK, CP936 and the like read as GB18030; without a charset, or when the bytes are not in the
 * one declared, UTF-8 is tried, then GB18030; what fits none (and a NUL) is replaced by U+FFFD
 * and *replaced set. Line ends become '\n'. */
char *mail_text_to_utf8(struct arena *a, const char *bytes, size_t len, const char *charset,
                        bool cut, bool *replaced);
/* The text of an HTML document (UTF-8 in, UTF-8 out, arena memory): tags dropped, script,
 * style and head left out, block elements and <br> as line ends, character references
 * decoded, blank runs collapsed, at most one empty line in a row. */
char *mail_html_to_text(struct arena *a, const char *html, size_t len);

#endif
