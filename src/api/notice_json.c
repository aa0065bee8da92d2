/* notice_json.c - notices as JSON. Keys in byte order, so that the audit record's canonical
 * form is the same text and is hashed without a parse (jcanon_is, DECISIONS 235). Must not read
 * anything: it writes what it is given. */
#include "api/notice_json.h"

#include "api/attachment.h"
#include "util/jsonw.h"

static void write_cc(struct jsonw *w, const struct store_notice *n)
{
	jsonw_key(w, "cc");
	jsonw_arr_open(w);
	for (int i = 0; i < n->ncc; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "org_id", n->cc[i].org_id);
		jsonw_kstr(w, "org_name", n->cc[i].org_name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static void write_replies(struct jsonw *w, const struct store_notice *n)
{
	jsonw_key(w, "replies");
	jsonw_arr_open(w);
	for (int i = 0; i < n->nreplies; i++) {
		const struct store_notice_reply *r = &n->replies[i];
		jsonw_obj_open(w);
		attachment_json_list(w, "attachments", r->attachments, r->nattachments);
		jsonw_kstr(w, "body", r->body);
		jsonw_kstr(w, "created_at", r->created_at);
		jsonw_kid(w, "created_by", r->created_by);
		jsonw_kstr(w, "created_by_name", r->created_by_name);
		jsonw_kint(w, "id", r->id);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

void notice_json_write(struct jsonw *w, const struct store_notice *n, unsigned flags,
                       const char *entity_link)
{
	bool computed = flags & NOTICE_JSON_COMPUTED, children = flags & NOTICE_JSON_CHILDREN;

	jsonw_obj_open(w);
	jsonw_kid(w, "article_number", n->article_number);
	if (children)
		attachment_json_list(w, "attachments", n->attachments, n->nattachments);
	jsonw_kstr(w, "body", n->body);
	if (children)
		write_cc(w, n);
	jsonw_kstr(w, "closed_at", n->closed_at);
	jsonw_kid(w, "closed_by", n->closed_by);
	jsonw_kstr(w, "closing_comment", n->closing_comment);
	jsonw_kstr(w, "created_at", n->created_at);
	jsonw_kid(w, "created_by", n->created_by);
	jsonw_kid(w, "entity_id", n->entity_id);
	jsonw_kstr(w, "entity_label", n->entity_label);
	if (computed)
		jsonw_kstr(w, "entity_link", entity_link);
	jsonw_kstr(w, "entity_type", n->entity_type);
	jsonw_kstr(w, "escalated_at", n->escalated_at);
	jsonw_kid(w, "escalated_by", n->escalated_by);
	jsonw_kstr(w, "escalation_comment", n->escalation_comment);
	jsonw_kint(w, "id", n->id);
	jsonw_kstr(w, "issued_at", n->issued_at);
	jsonw_kid(w, "issued_by", n->issued_by);
	jsonw_kstr(w, "issued_by_name", n->issued_by_name);
	jsonw_kstr(w, "number", n->number);
	jsonw_kint(w, "org_id", n->org_id);
	jsonw_kstr(w, "org_name", n->org_name);
	if (computed)
		jsonw_kbool(w, "overdue", n->overdue);
	jsonw_kstr(w, "received_at", n->received_at);
	jsonw_kid(w, "received_by", n->received_by);
	jsonw_kstr(w, "received_by_name", n->received_by_name);
	jsonw_kstr(w, "replied_at", n->replied_at);
	jsonw_kid(w, "replied_by", n->replied_by);
	jsonw_kstr(w, "replied_by_name", n->replied_by_name);
	if (children)
		write_replies(w, n);
	if (computed)
		jsonw_kint(w, "reply_count", n->nreplies);
	jsonw_kstr(w, "reply_due", n->reply_due);
	jsonw_kid(w, "seq", n->seq);
	jsonw_kstr(w, "status", n->status);
	jsonw_kstr(w, "subject", n->subject);
	jsonw_kid(w, "task_id", n->task_id);
	jsonw_kstr(w, "task_title", n->task_title);
	if (computed) {
		struct strbuf title = STRBUF_INIT;
		notice_title(n->subject, &title);
		jsonw_kstr(w, "title", title.buf);
		strbuf_release(&title);
	}
	jsonw_kid(w, "year", n->year);
	jsonw_obj_close(w);
}

static void audit_notice(struct jsonw *w, const struct store_notice *n)
{
	notice_json_write(w, n, NOTICE_JSON_CHILDREN, NULL);
}

const struct store_notice_json notice_json_audit = {.notice = audit_notice};
