/* notice_json.c - notices as JSON. Keys in byte order, so that the audit
 * record's canonical form is the same text. Must not read anything: it writes what it is
 * given. */
#include "api/notice_json.h"

#include "util/jsonw.h"

void notice_json_write(struct jsonw *w, const struct store_notice *n, bool computed)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "article_number", n->article_number);
	jsonw_kstr(w, "body", n->body);
	jsonw_kstr(w, "closed_at", n->closed_at);
	jsonw_kid(w, "closed_by", n->closed_by);
	jsonw_kstr(w, "closing_comment", n->closing_comment);
	jsonw_kstr(w, "escalated_at", n->escalated_at);
	jsonw_kid(w, "escalated_by", n->escalated_by);
	jsonw_kstr(w, "escalation_comment", n->escalation_comment);
	jsonw_kint(w, "id", n->id);
	jsonw_kstr(w, "issued_at", n->issued_at);
	jsonw_kid(w, "issued_by", n->issued_by);
	jsonw_kstr(w, "issued_by_name", n->issued_by_name);
	jsonw_kid(w, "milestone_id", n->milestone_id);
	jsonw_kstr(w, "milestone_title", n->milestone_title);
	jsonw_kstr(w, "number", n->number);
	jsonw_kint(w, "org_id", n->org_id);
	jsonw_kstr(w, "org_name", n->org_name);
	if (computed)
		jsonw_kbool(w, "overdue", n->overdue);
	jsonw_kstr(w, "replied_at", n->replied_at);
	jsonw_kid(w, "replied_by", n->replied_by);
	jsonw_kstr(w, "replied_by_name", n->replied_by_name);
	jsonw_kstr(w, "reply", n->reply);
	jsonw_kstr(w, "reply_due", n->reply_due);
	jsonw_kint(w, "seq", n->seq);
	jsonw_kstr(w, "status", n->status);
	jsonw_kstr(w, "subject", n->subject);
	jsonw_kint(w, "task_id", n->task_id);
	jsonw_kstr(w, "task_title", n->task_title);
	jsonw_kint(w, "year", n->year);
	jsonw_obj_close(w);
}

static void audit_notice(struct jsonw *w, const struct store_notice *n)
{
	notice_json_write(w, n, false);
}

const struct store_notice_json notice_json_audit = {.notice = audit_notice};
