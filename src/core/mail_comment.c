/* mail_comment.c - an e-mail as a consultation comment (mail_comment.h). Must not store
 * anything or read the mail itself. */
#include "core/mail_comment.h"

#include "core/filetype.h"

#include <string.h>

/* Only blanks (ASCII or U+3000) and line ends: a text that says nothing. */
static bool blank(const char *s)
{
	for (; s && *s; s++) {
		if (!strncmp(s, "\xe3\x80\x80", 3)) {
			s += 2;
			continue;
		}
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	}
	return true;
}

static void file_of(struct arena *a, const struct mail_attachment *att, struct mail_comment_file *f)
{
	enum filetype_verdict v;

	f->att = att;
	if (!att->data) {
		f->warning =
		    arena_printf(a, "附件「%s」过大，只记录了名称、大小和哈希值", att->name);
		return;
	}
	v = filetype_check(att->name, att->data, (size_t)att->size, &f->mime);
	f->keep = v == FILETYPE_OK;
	if (!f->keep) {
		f->mime = NULL;
		f->warning = arena_printf(a, "附件「%s」未保存，只记录了名称、大小和哈希值：%s",
		                          att->name, filetype_message(v));
	}
}

void mail_comment_from(struct arena *a, const struct mail_message *m, struct mail_comment *out)
{
	bool no_subject = blank(m->subject), no_text = blank(m->text);

	memset(out, 0, sizeof(*out));
	out->name = m->from_name;
	out->contact = m->from_addr;
	if (no_subject && no_text)
		out->body = MAIL_COMMENT_EMPTY;
	else if (no_subject)
		out->body = m->text;
	else if (no_text)
		out->body = arena_printf(a, "主题：%s", m->subject);
	else
		out->body = arena_printf(a, "主题：%s\n\n%s", m->subject, m->text);
	out->received_at = m->date_unix;
	out->message_id = m->dedupe_key;
	out->files = arena_zalloc(a, (m->n_attachments + 1) * sizeof(*out->files));
	out->n_files = m->n_attachments;
	for (size_t i = 0; i < m->n_attachments; i++)
		file_of(a, &m->attachments[i], &out->files[i]);
}
