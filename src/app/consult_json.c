/* consult_json.c - the JSON of consultations and comments (consult_json.h). Must not decide
 * who sees what beyond the shapes: handlers choose the public or the office shape. */
#include "app/consult_json.h"

#include "core/consult.h"
#include "core/enums.h"
#include "core/personal.h"
#include "util/jsonw.h"

#include <string.h>

static void window_json(struct jsonw *w, int64_t start, int64_t end)
{
	char a[CONSULT_LOCAL_MAX], b[CONSULT_LOCAL_MAX];

	consult_local_format(start, a);
	consult_local_format(end, b);
	jsonw_kstr(w, "window_start", a);
	jsonw_kstr(w, "window_end", b);
}

void consult_json_write(struct jsonw *w, const struct store_consultation *c, int64_t now)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kint(w, "policy_id", c->policy_id);
	jsonw_kstr(w, "title", c->title);
	jsonw_kstr(w, "issuer", c->issuer);
	jsonw_kstr(w, "contact_email", c->contact_email);
	jsonw_kstr(w, "contact_phone", c->contact_phone);
	window_json(w, c->window_start, c->window_end);
	jsonw_kstr(w, "released_at", c->released_at);
	jsonw_kstr(w, "report_published_at", c->report_published_at);
	jsonw_kstr(w, "summary", c->summary);
	if (now >= 0) {
		char text[128];
		const char *state =
		    consult_state(c->released_at != NULL, c->report_published_at != NULL,
		                  c->window_start, c->window_end, now);
		consult_window_text(c->window_start, c->window_end, text, sizeof(text));
		jsonw_kstr(w, "window_text", text);
		jsonw_kstr(w, "state", state);
		jsonw_kstr(w, "state_label", enum_label(&enum_consult_state, state));
		jsonw_kstr(w, "notice_text", c->notice_text);
		jsonw_kint(w, "n_comments", c->n_comments);
		jsonw_kstr(w, "created_at", c->created_at);
	}
	jsonw_obj_close(w);
}

void consult_json_article(struct jsonw *w, const struct store_consult_article *a)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", a->id);
	jsonw_kint(w, "seq", a->seq);
	jsonw_kint(w, "number", a->number);
	jsonw_kstr(w, "part_heading", a->part_heading);
	jsonw_kstr(w, "group_heading", a->group_heading);
	jsonw_kstr(w, "short_title", a->short_title);
	jsonw_kstr(w, "body", a->body);
	jsonw_obj_close(w);
}

void consult_json_point(struct jsonw *w, const struct store_comment_point *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", p->id);
	jsonw_kint(w, "seq", p->seq);
	jsonw_kstr(w, "body", p->body);
	jsonw_kid(w, "article_id", p->article_id);
	if (p->article_number)
		jsonw_kint(w, "article_number", p->article_number);
	else
		jsonw_knull(w, "article_number");
	jsonw_kstr(w, "disposition", p->disposition);
	jsonw_kstr(w, "disposition_label",
	           p->disposition ? enum_label(&enum_disposition, p->disposition) : NULL);
	jsonw_kstr(w, "reason", p->reason);
	jsonw_kstr(w, "decided_at", p->decided_at);
	jsonw_kid(w, "decided_by", p->decided_by);
	jsonw_kstr(w, "decided_by_name", p->decided_by_name);
	jsonw_obj_close(w);
}

static void comment_common(struct jsonw *w, const struct store_comment *c)
{
	jsonw_kint(w, "id", c->id);
	jsonw_kint(w, "consultation_id", c->consultation_id);
	jsonw_kid(w, "article_id", c->article_id);
	if (c->article_number)
		jsonw_kint(w, "article_number", c->article_number);
	else
		jsonw_knull(w, "article_number");
	jsonw_kstr(w, "channel", c->channel);
	jsonw_kstr(w, "channel_label", enum_label(&enum_consult_channel, c->channel));
	jsonw_kstr(w, "body", c->body);
	jsonw_kstr(w, "received_at", c->received_at);
}

void consult_json_files(struct jsonw *w, const struct store_comment_file *f, int n)
{
	jsonw_key(w, "files");
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(w);
		jsonw_kid(w, "attachment_id", f[i].attachment_id);
		jsonw_kstr(w, "content_type", f[i].content_type);
		jsonw_kstr(w, "filename", f[i].filename);
		jsonw_kstr(w, "sha256", f[i].sha256);
		jsonw_kint(w, "size", f[i].size);
		jsonw_kbool(w, "stored", f[i].attachment_id != 0 || f[i].mime);
		jsonw_kstr(w, "warning", f[i].warning);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

void consult_json_comment(struct jsonw *w, const struct store_comment *c)
{
	jsonw_obj_open(w);
	comment_common(w, c);
	jsonw_kstr(w, "name", c->name);
	personal_kstr(w, "contact",
	              c->contact && strchr(c->contact, '@') ? PERSONAL_EMAIL : PERSONAL_PHONE,
	              c->contact);
	jsonw_kstr(w, "message_id", c->message_id);
	jsonw_kbool(w, "published", c->published);
	jsonw_kstr(w, "created_at", c->created_at);
	jsonw_kid(w, "created_by", c->created_by);
	jsonw_key(w, "points");
	jsonw_arr_open(w);
	for (int i = 0; i < c->n_points; i++)
		consult_json_point(w, &c->points[i]);
	jsonw_arr_close(w);
	if (c->n_files) /* an e-mail's, read with the one comment */
		consult_json_files(w, c->files, c->n_files);
	jsonw_obj_close(w);
}

void consult_json_public_comment(struct jsonw *w, const struct store_comment *c,
                                 const char *handling)
{
	jsonw_obj_open(w);
	comment_common(w, c);
	jsonw_kstr(w, "handling", handling);
	jsonw_obj_close(w);
}

static void audit_consult(struct jsonw *w, const struct store_consultation *c)
{
	consult_json_write(w, c, -1);
}

void consult_json_flag_fields(struct jsonw *w, const struct store_consult_flag *f)
{
	jsonw_kbool(w, "moved", f->moved);
	jsonw_kid(w, "new_number", f->new_number);
	jsonw_kid(w, "new_task_id", f->new_task_id);
	jsonw_kid(w, "old_number", f->old_number);
	jsonw_kid(w, "old_task_id", f->old_task_id);
	jsonw_kint(w, "similarity_bp", f->similarity_bp);
	jsonw_kstr(w, "status", f->status);
}

static void write_flag(struct jsonw *w, const struct store_consult_flag *f)
{
	jsonw_obj_open(w);
	consult_json_flag_fields(w, f);
	jsonw_obj_close(w);
}

void consult_json_version(struct jsonw *w, const struct store_consult_version *v,
                          const struct store_consult_flag *flags, int n_flags)
{
	jsonw_obj_open(w);
	jsonw_kid(w, "consultation_id", v->consultation_id);
	jsonw_kstr(w, "created_at", v->created_at);
	jsonw_kid(w, "created_by", v->created_by);
	jsonw_kstr(w, "created_by_name", v->created_by_name);
	if (flags) {
		jsonw_key(w, "flags");
		jsonw_arr_open(w);
		for (int i = 0; i < n_flags; i++)
			write_flag(w, &flags[i]);
		jsonw_arr_close(w);
	}
	jsonw_kid(w, "id", v->id);
	jsonw_kint(w, "n_articles", v->n_articles);
	jsonw_kstr(w, "note", v->note);
	jsonw_kint(w, "seq", v->seq);
	jsonw_kstr(w, "sha256", v->source_sha256);
	jsonw_kid(w, "tasks_policy_id", v->tasks_policy_id);
	jsonw_kstr(w, "title", v->title);
	jsonw_kstr(w, "title_note", v->title_note);
	jsonw_obj_close(w);
}

const struct store_consult_json consult_json_audit = {audit_consult, consult_json_comment,
                                                      consult_json_version};
