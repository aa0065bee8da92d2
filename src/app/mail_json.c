/* mail_json.c - the JSON of a message read from mail (mail_json.h). Must not read mail itself
 * (util/mail.c does). */
#include "app/mail_json.h"

void mail_json_message(struct jsonw *w, const struct mail_message *m, const struct mail_comment *c,
                       bool duplicate)
{
	jsonw_obj_open(w);
	jsonw_key(w, "attachments");
	jsonw_arr_open(w);
	for (size_t i = 0; i < m->n_attachments; i++) {
		const struct mail_attachment *at = &m->attachments[i];
		jsonw_obj_open(w);
		jsonw_kstr(w, "content_type", at->content_type);
		jsonw_kbool(w, "evidence", c->files[i].keep);
		jsonw_kbool(w, "kept", at->data != NULL);
		jsonw_kstr(w, "name", at->name);
		jsonw_kstr(w, "sha256", at->sha256);
		jsonw_kint(w, "size", (int64_t)at->size);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "comment", c->body);
	jsonw_kstr(w, "date", m->date);
	jsonw_kstr(w, "dedupe_key", m->dedupe_key);
	jsonw_kbool(w, "duplicate", duplicate);
	jsonw_key(w, "from");
	jsonw_obj_open(w);
	jsonw_kstr(w, "addr", m->from_addr);
	jsonw_kstr(w, "name", m->from_name);
	jsonw_obj_close(w);
	jsonw_kint(w, "index", (int64_t)m->index);
	jsonw_kstr(w, "message_id", m->message_id);
	jsonw_kstr(w, "subject", m->subject);
	jsonw_kstr(w, "text", m->text);
	jsonw_kbool(w, "text_from_html", m->text_from_html);
	jsonw_key(w, "warnings");
	jsonw_arr_open(w);
	for (size_t i = 0; i < m->n_warnings; i++)
		jsonw_str(w, m->warnings[i]);
	for (size_t i = 0; i < c->n_files; i++)
		if (c->files[i].warning)
			jsonw_str(w, c->files[i].warning);
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}
