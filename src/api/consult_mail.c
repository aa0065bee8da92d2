/* consult_mail.c - the office imports e-mail into a consultation: an .eml file or an mbox
 * export as the raw body, streamed to a temporary file under the mail import's own cap
 * (CONSULT_MAIL_MAX_BYTES, not the evidence upload's) and handed to app/consult_mail.c; the
 * answer lists every message with what became of it. The stored attachments of a comment are
 * the attachment mechanism's entity type "comment". Must not read mail or write SQL. */
#include "api/api.h"
#include "api/attachment.h"
#include "api/capability.h"
#include "api/consult_impl.h"
#include "app/consult_json.h"
#include "app/consult_mail.h"

#include "core/personal.h"

static void write_item(struct jsonw *w, const struct consult_mail_item *it)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "comment_id", it->comment_id);
	jsonw_kstr(w, "date", it->date);
	jsonw_kbool(w, "duplicate", it->duplicate);
	consult_json_files(w, it->files, it->n_files);
	jsonw_key(w, "from");
	jsonw_obj_open(w);
	personal_kstr(w, "addr", PERSONAL_EMAIL, it->from_addr);
	jsonw_kstr(w, "name", it->from_name);
	jsonw_obj_close(w);
	jsonw_kint(w, "index", (int64_t)it->index);
	jsonw_kstr(w, "message_id", it->message_id);
	jsonw_kstr(w, "subject", it->subject);
	jsonw_key(w, "warnings");
	jsonw_arr_open(w);
	for (size_t i = 0; i < it->n_warnings; i++)
		jsonw_str(w, it->warnings[i]);
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

int consult_mail_upload(struct api_ctx *c)
{
	struct consult_mail_request req = {0};
	struct consult_mail_result r;
	struct store_consultation k;
	const char *error;
	int rc;

	if (consult_load(c, &k) != 0)
		return -1;
	/* before any message is read; the store refuses each one too (DECISIONS 297) */
	if (k.report_published_at)
		return api_error(c, 409, "invalid_state", "意见采纳情况已公布，不再导入意见", NULL);
	req.consultation_id = k.id;
	if (c->req->upload.size == 0)
		return api_error(c, 400, "empty_file", "文件为空", NULL);
	req.article_id = api_query_int(c, "article_id", 0);
	if (consult_check_article(c, k.id, req.article_id, "article_id") != 0 ||
	    api_reveal_personal(c) != 0)
		return -1;
	req.fd = c->req->upload.fd;
	req.data_dir = api_data_dir();
	req.who = &c->actor;
	req.org_id = c->sess.user.org_id;
	req.json = &consult_json_audit;
	req.now = api_window_clock(c);
	rc = consult_mail_import(c->db, c->a, &req, &r, &error);
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_mail",
		                 arena_printf(c->a, "%s，未导入任何邮件", error), NULL);
	if (rc == KFQ_EIO)
		return api_error(c, 500, "storage_failed", "文件保存失败", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "duplicates", r.duplicates);
	jsonw_kint(&c->w, "imported", r.imported);
	jsonw_key(&c->w, "messages");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < r.n; i++)
		write_item(&c->w, &r.items[i]);
	jsonw_arr_close(&c->w);
	jsonw_kint(&c->w, "warnings", r.warnings);
	jsonw_obj_close(&c->w);
	return api_ok(c, r.imported ? 201 : 200);
}

/* The stored files of a comment are read by whoever reads the consultation's comments (the
 * kind's read permission, TASK_READ). */
static int comment_files(struct api_ctx *c, int64_t id)
{
	struct store_comment k;
	int rc;

	if ((rc = store_comment_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

const struct api_attachment_kind api_consult_attachment_kinds[] = {
    {"comment", "征求意见", PERM_POLICY_WRITE, PERM_TASK_READ, comment_files},
    {NULL, NULL, 0, 0, NULL},
};

const struct api_field consult_mail_query[] = {API_ID_FIELD("article_id", false), API_FIELDS_END};
