/* plan_json.c - plans, milestones, reports and evidence as JSON. Keys in byte order, so that
 * the audit record's canonical form is the same text. Must not read anything: it writes what
 * it is given. */
#include "app/plan_json.h"

#include "util/jsonw.h"

void plan_json_milestone(struct jsonw *w, const struct store_milestone *m, bool context)
{
	jsonw_obj_open(w);
	if (context) {
		jsonw_kint(w, "article_number", m->article_number);
		jsonw_kint(w, "org_id", m->org_id);
		jsonw_kstr(w, "org_name", m->org_name);
		jsonw_kstr(w, "plan_status", m->plan_status);
		jsonw_kint(w, "task_id", m->task_id);
		jsonw_kstr(w, "task_title", m->task_title);
	}
	jsonw_kstr(w, "closed_at", m->closed_at);
	jsonw_kstr(w, "closed_reason", m->closed_reason);
	jsonw_kstr(w, "deliverable", m->deliverable);
	jsonw_kstr(w, "done_date", m->done_date);
	jsonw_kstr(w, "due_date", m->due_date);
	jsonw_kint(w, "id", m->id);
	jsonw_kstr(w, "last_report_date", m->last_report_date);
	jsonw_kid(w, "owner_org_id", m->owner_org_id);
	jsonw_kstr(w, "owner_org_name", m->owner_org_name);
	jsonw_kstr(w, "owner_person", m->owner_person);
	jsonw_kbool(w, "pending_report", m->pending_report);
	jsonw_kint(w, "percent", m->percent);
	jsonw_kint(w, "plan_id", m->plan_id);
	jsonw_kint(w, "seq", m->seq);
	jsonw_kstr(w, "start_date", m->start_date);
	jsonw_kstr(w, "state", m->state);
	jsonw_kstr(w, "status", m->status);
	jsonw_kstr(w, "title", m->title);
	jsonw_kint(w, "weight", m->weight);
	jsonw_obj_close(w);
}

/* A plan's milestones, as a plan and an approved version show them. */
static void milestones(struct jsonw *w, const struct store_milestone *m, int n)
{
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++)
		plan_json_milestone(w, &m[i], false);
	jsonw_arr_close(w);
}

/* A milestone as a revision proposes it: id null for a new one. */
static void proposed(struct jsonw *w, const struct store_milestone *m)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "deliverable", m->deliverable);
	jsonw_kstr(w, "due_date", m->due_date);
	jsonw_kid(w, "id", m->id);
	jsonw_kid(w, "owner_org_id", m->owner_org_id);
	jsonw_kstr(w, "owner_org_name", m->owner_org_name);
	jsonw_kstr(w, "owner_person", m->owner_person);
	jsonw_kint(w, "seq", m->seq);
	jsonw_kstr(w, "start_date", m->start_date);
	jsonw_kstr(w, "title", m->title);
	jsonw_kint(w, "weight", m->weight);
	jsonw_obj_close(w);
}

static void revision(struct jsonw *w, const struct store_revision *r)
{
	jsonw_obj_open(w);
	jsonw_key(w, "closes");
	jsonw_arr_open(w);
	for (int i = 0; i < r->n_closes; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "milestone_id", r->closes[i].milestone_id);
		jsonw_kstr(w, "reason", r->closes[i].reason);
		jsonw_kstr(w, "title", r->closes[i].title);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "created_at", r->created_at);
	jsonw_kint(w, "id", r->id);
	jsonw_key(w, "milestones");
	jsonw_arr_open(w);
	for (int i = 0; i < r->n_milestones; i++)
		proposed(w, &r->milestones[i]);
	jsonw_arr_close(w);
	jsonw_kstr(w, "review_comment", r->review_comment);
	jsonw_kstr(w, "reviewed_at", r->reviewed_at);
	jsonw_kstr(w, "status", r->status);
	jsonw_kstr(w, "submitted_at", r->submitted_at);
	jsonw_kid(w, "submitted_by", r->submitted_by);
	jsonw_kstr(w, "submitted_by_name", r->submitted_by_name);
	jsonw_kstr(w, "updated_at", r->updated_at);
	jsonw_kint(w, "version", r->version);
	jsonw_obj_close(w);
}

void plan_json_write(struct jsonw *w, const struct store_plan *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "article_number", p->article_number);
	if (p->milestones) {
		jsonw_key(w, "closed_milestones");
		milestones(w, p->closed, p->n_closed);
	}
	jsonw_kint(w, "completion_bp", p->completion_bp);
	jsonw_kint(w, "id", p->id);
	if (p->milestones) {
		jsonw_key(w, "milestones");
		milestones(w, p->milestones, p->n_milestones);
	}
	jsonw_kint(w, "n_milestones", p->n_milestones);
	jsonw_kint(w, "n_overdue", p->n_overdue);
	jsonw_kstr(w, "off_task_on", p->off_task_on);
	jsonw_kint(w, "org_id", p->org_id);
	jsonw_kstr(w, "org_name", p->org_name);
	jsonw_kbool(w, "responsible", p->responsible);
	jsonw_kstr(w, "review_comment", p->review_comment);
	jsonw_kstr(w, "reviewed_at", p->reviewed_at);
	if (p->milestones) {
		jsonw_key(w, "revision");
		if (p->revision)
			revision(w, p->revision);
		else
			jsonw_null(w);
	}
	jsonw_kstr(w, "revision_status", p->revision_status);
	jsonw_kstr(w, "revision_submitted_at", p->revision_submitted_at);
	jsonw_kstr(w, "status", p->status);
	jsonw_kstr(w, "submitted_at", p->submitted_at);
	jsonw_kid(w, "submitted_by", p->submitted_by);
	jsonw_kint(w, "task_id", p->task_id);
	jsonw_kstr(w, "task_title", p->task_title);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kint(w, "version", p->version);
	jsonw_obj_close(w);
}

void plan_json_evidence(struct jsonw *w, const struct store_attachment *e)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", e->created_at);
	jsonw_kstr(w, "filename", e->filename);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "mime", e->mime);
	jsonw_kint(w, "org_id", e->org_id);
	jsonw_kstr(w, "sha256", e->sha256);
	jsonw_kint(w, "size", e->size);
	jsonw_obj_close(w);
}

void plan_json_report(struct jsonw *w, const struct store_report *r, bool context)
{
	jsonw_obj_open(w);
	if (context)
		jsonw_kint(w, "article_number", r->article_number);
	jsonw_kstr(w, "created_at", r->created_at);
	jsonw_kint(w, "created_by", r->created_by);
	jsonw_kstr(w, "created_by_name", r->created_by_name);
	jsonw_key(w, "evidence");
	jsonw_arr_open(w);
	for (int i = 0; i < r->nevidence; i++)
		plan_json_evidence(w, &r->evidence[i]);
	jsonw_arr_close(w);
	jsonw_kint(w, "id", r->id);
	jsonw_kint(w, "milestone_id", r->milestone_id);
	if (context) {
		jsonw_kstr(w, "milestone_closed_reason", r->milestone_closed_reason);
		jsonw_kstr(w, "milestone_status", r->milestone_status);
		jsonw_kstr(w, "milestone_title", r->milestone_title);
	}
	jsonw_kstr(w, "narrative", r->narrative);
	if (context) {
		jsonw_kint(w, "org_id", r->org_id);
		jsonw_kstr(w, "org_name", r->org_name);
	}
	jsonw_kint(w, "percent", r->percent);
	if (context) {
		jsonw_kint(w, "plan_id", r->plan_id);
		jsonw_kint(w, "policy_id", r->policy_id);
	}
	jsonw_kstr(w, "report_date", r->report_date);
	jsonw_kstr(w, "review_comment", r->review_comment);
	jsonw_kstr(w, "reviewed_at", r->reviewed_at);
	jsonw_kstr(w, "state", r->state);
	jsonw_kstr(w, "status", r->status);
	if (context) {
		jsonw_kint(w, "task_id", r->task_id);
		jsonw_kstr(w, "task_title", r->task_title);
	}
	jsonw_obj_close(w);
}

/* A report as its audit record keeps it. */
static void audit_report(struct jsonw *w, const struct store_report *r)
{
	plan_json_report(w, r, false);
}

const struct store_plan_json plan_json_audit = {
    .plan = plan_json_write,
    .milestones = milestones,
    .report = audit_report,
};
