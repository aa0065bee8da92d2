/* consult_mail.c - e-mail imported into a consultation (consult_mail.h): a first pass that only
 * reads, then one store_comment_add per message with its files. Must not read mail itself
 * (util/mail.c), decide what a mail becomes (core/mail_comment.c) or write SQL. */
#include "app/consult_mail.h"

#include "core/consult.h"
#include "core/mail_comment.h"
#include "util/blobstore.h"
#include "util/log.h"
#include "util/mail.h"
#include "util/timeutil.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* A reader over the whole file. */
static int open_reader(int fd, struct mail_reader **r)
{
	if (lseek(fd, 0, SEEK_SET) != 0)
		return KFQ_EIO;
	return mail_reader_open_fd(fd, &mail_limits_default, r) == KFQ_OK ? KFQ_OK : KFQ_EIO;
}

/* The first pass: every message read, nothing kept; *error in a. */
static int check(struct arena *a, int fd, const char **error)
{
	struct mail_reader *r;
	struct mail_message m;
	struct arena scratch;
	int n = 0, rc;

	if ((rc = open_reader(fd, &r)) != KFQ_OK)
		return rc;
	arena_init(&scratch);
	while ((rc = mail_reader_next(r, &scratch, &m)) == KFQ_OK) {
		arena_release(&scratch);
		if (++n > CONSULT_MAIL_MAX_MESSAGES) {
			rc = KFQ_EINVAL;
			*error = "文件中的邮件超过10000封，请分批导入";
			goto done;
		}
	}
	if (rc == KFQ_ENOTFOUND)
		rc = KFQ_OK;
	else if (rc == KFQ_EINVAL)
		*error = arena_strdup(a, mail_reader_error(r));
done:
	arena_release(&scratch);
	mail_reader_free(r);
	return rc;
}

/* The files of a message as the comment records them, the evidence ones put in the store. */
static int files_of(struct arena *a, const char *data_dir, const struct mail_comment *mc,
                    struct consult_mail_item *it)
{
	char hex[BLOB_HASH_HEX];

	it->files = arena_zalloc(a, (mc->n_files + 1) * sizeof(*it->files));
	it->n_files = (int)mc->n_files;
	for (size_t i = 0; i < mc->n_files; i++) {
		const struct mail_comment_file *f = &mc->files[i];
		struct store_comment_file *g = &it->files[i];

		g->filename = arena_strdup(a, f->att->name);
		g->content_type = arena_strdup(a, f->att->content_type);
		g->sha256 = arena_strdup(a, f->att->sha256);
		g->size = (int64_t)f->att->size;
		if (!f->keep) {
			g->warning = arena_strdup(a, f->warning);
			continue;
		}
		if (blob_put(data_dir, f->att->data, (size_t)f->att->size, hex) != 0) {
			log_error("mail import: cannot store in %s: %s", data_dir, strerror(errno));
			return KFQ_EIO;
		}
		g->mime = arena_strdup(a, f->mime);
	}
	return KFQ_OK;
}

/* The message's warnings, then its files'. */
static void warnings_of(struct arena *a, const struct mail_message *m, struct consult_mail_item *it)
{
	/* one more for the date's (store_one's) */
	it->warnings = arena_zalloc(a, (m->n_warnings + (size_t)it->n_files + 2) * sizeof(char *));
	for (size_t i = 0; i < m->n_warnings; i++)
		it->warnings[it->n_warnings++] = arena_strdup(a, m->warnings[i]);
	for (int i = 0; i < it->n_files; i++)
		if (it->files[i].warning)
			it->warnings[it->n_warnings++] = it->files[i].warning;
}

/* Stores one message (scratch: the message's own memory; a: what the result keeps). */
static int store_one(struct store *s, struct arena *a, struct arena *scratch,
                     const struct consult_mail_request *req, const struct mail_message *m,
                     struct consult_mail_item *it)
{
	struct store_comment_new in = {0};
	struct mail_comment mc;
	enum store_comment_refusal why;
	char at[TIME_RFC3339_LEN];
	int rc;

	mail_comment_from(scratch, m, &mc);
	it->index = m->index;
	it->message_id = arena_strdup(a, mc.message_id);
	it->from_name = m->from_name ? arena_strdup(a, m->from_name) : NULL;
	it->from_addr = m->from_addr ? arena_strdup(a, m->from_addr) : NULL;
	it->subject = arena_strdup(a, m->subject);
	it->date = m->date ? arena_strdup(a, m->date) : NULL;
	if ((rc = files_of(a, req->data_dir, &mc, it)) != KFQ_OK)
		return rc;
	warnings_of(a, m, it);
	in.consultation_id = req->consultation_id;
	in.article_id = req->article_id;
	in.channel = "email";
	in.name = mc.name;
	in.contact = mc.contact;
	in.body = mc.body;
	if (mc.received_at > req->now) {
		time_format(mc.received_at + CONSULT_UTC_OFFSET, at);
		it->warnings[it->n_warnings++] = arena_printf(
		    a, "邮件日期（%.10s %.5s）晚于导入时间，收到时间记为导入时间", at, at + 11);
		mc.received_at = req->now;
	}
	if (mc.received_at) {
		time_format(mc.received_at, at);
		in.received_at = at;
	}
	in.message_id = mc.message_id;
	in.files = it->files;
	in.n_files = it->n_files;
	in.org_id = req->org_id;
	rc = store_comment_add(s, req->who, req->json, &in, &it->comment_id, &why);
	if (rc == KFQ_ECONFLICT && why == STORE_COMMENT_MESSAGE_SEEN) {
		it->duplicate = true;
		return KFQ_OK;
	}
	return rc;
}

int consult_mail_import(struct store *s, struct arena *a, const struct consult_mail_request *req,
                        struct consult_mail_result *out, const char **error)
{
	struct mail_reader *r;
	struct mail_message m;
	struct arena scratch;
	int cap = 0, rc;

	memset(out, 0, sizeof(*out));
	*error = NULL;
	if ((rc = check(a, req->fd, error)) != KFQ_OK || (rc = open_reader(req->fd, &r)) != KFQ_OK)
		return rc;
	arena_init(&scratch);
	while ((rc = mail_reader_next(r, &scratch, &m)) == KFQ_OK) {
		struct consult_mail_item *it;

		if (out->n == cap)
			out->items = arena_grow(a, out->items, sizeof(*out->items), &cap);
		it = memset(&out->items[out->n++], 0, sizeof(*it));
		rc = store_one(s, a, &scratch, req, &m, it);
		arena_release(&scratch);
		if (rc != KFQ_OK)
			goto done;
		if (it->duplicate)
			out->duplicates++;
		else
			out->imported++;
		out->warnings += (int64_t)it->n_warnings;
	}
	/* the first pass read the same file to its end */
	rc = rc == KFQ_ENOTFOUND ? KFQ_OK : KFQ_EIO;
done:
	arena_release(&scratch);
	mail_reader_free(r);
	return rc;
}
