/* consult_mail.h - importing e-mail into a consultation as comments (渠道 电子邮件): an .eml file
 * or an mbox export of a mailbox, received into a temporary file, read twice. The first pass
 * reads every message and stores nothing, so that a file that is not mail, or holds more
 * messages than CONSULT_MAIL_MAX_MESSAGES, is refused whole; the second stores each message
 * through store_comment_add (sender, date, Message-ID: the same mail is stored once), its
 * evidence-type attachments in the blob store and as attachments of the comment, the others
 * recorded by name, size and hash with a warning (core/mail_comment.h). Each message commits
 * on its own, so a failure part-way leaves a prefix that importing the file again completes.
 * The one home of the use case for the HTTP route and any command. */
#ifndef KFQ_APP_CONSULT_MAIL_H
#define KFQ_APP_CONSULT_MAIL_H

#include "store/store_consult.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The import's own caps: an mbox export is larger than any one evidence file. */
#define CONSULT_MAIL_MAX_BYTES    (256u * 1024u * 1024u)
#define CONSULT_MAIL_MAX_MESSAGES 10000

struct consult_mail_request {
	int64_t consultation_id;
	int64_t article_id;   /* the article every message is about; 0: the whole draft */
	int fd;               /* the file (read from offset 0; not closed) */
	const char *data_dir; /* the evidence store */
	const struct store_actor *who;
	int64_t org_id; /* the importer's organization: holds the stored attachments */
	const struct store_consult_json *json;
	/* the import's time: a mail dated after it (its sender's clock wrong) is received now */
	int64_t now;
};

/* One message of the file and what became of it. */
struct consult_mail_item {
	size_t index;       /* 0-based in the file */
	int64_t comment_id; /* the stored comment, or the one stored before (duplicate) */
	bool duplicate;     /* its Message-ID (dedupe key) was stored already */
	const char *message_id, *from_name, *from_addr, *subject, *date;
	struct store_comment_file *files;
	int n_files;
	const char **warnings; /* the reader's, then the files' (Chinese) */
	size_t n_warnings;
};

struct consult_mail_result {
	struct consult_mail_item *items;
	int n;
	int64_t imported, duplicates, warnings; /* messages stored; already there; warnings */
};

/* Imports req->fd. KFQ_OK with *out (arena memory); KFQ_EINVAL with *error (Chinese) when the
 * file is refused and nothing was stored; KFQ_EIO when the evidence store cannot be written;
 * a store error otherwise. */
int consult_mail_import(struct store *s, struct arena *a, const struct consult_mail_request *req,
                        struct consult_mail_result *out, const char **error);

#endif
