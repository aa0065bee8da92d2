/* affairs_json.c - social affairs, key matters, problems and rule adjustments as JSON, keys in
 * byte order. Must not read anything: it writes what it is given. */
#include "app/affairs_json.h"
#include "app/attachment_json.h"

#include "core/enums.h"
#include "core/personal.h"
#include "util/jsonw.h"

void affairs_json_social(struct jsonw *w, const struct store_social *s)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "category", s->category);
	jsonw_kstr(w, "category_label", enum_label(&enum_social_category, s->category));
	jsonw_kstr(w, "created_at", s->created_at);
	jsonw_kstr(w, "evidence", s->evidence);
	if (s->with_files)
		attachment_json_list(w, "files", s->files, s->nfiles);
	jsonw_kint(w, "id", s->id);
	jsonw_kstr(w, "name", s->name);
	jsonw_kstr(w, "receiving_body", s->receiving_body);
	jsonw_kstr(w, "status", s->status);
	jsonw_kstr(w, "status_label", enum_label(&enum_social_status, s->status));
	jsonw_kstr(w, "target_date", s->target_date);
	jsonw_kstr(w, "updated_at", s->updated_at);
	jsonw_kint(w, "zone_org_id", s->zone_org_id);
	jsonw_kstr(w, "zone_org_name", s->zone_name);
	jsonw_obj_close(w);
}

void affairs_json_matter(struct jsonw *w, const struct store_matter *m)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", m->created_at);
	jsonw_key(w, "departments");
	jsonw_arr_open(w);
	for (int i = 0; i < m->ndepts; i++)
		jsonw_str(w, m->dept_names[i]);
	jsonw_arr_close(w);
	jsonw_kint(w, "id", m->id);
	jsonw_kint(w, "lead_org_id", m->lead_org_id);
	jsonw_kstr(w, "lead_org_name", m->lead_name);
	jsonw_kstr(w, "name", m->name);
	jsonw_key(w, "powers");
	jsonw_arr_open(w);
	for (int i = 0; i < m->npowers; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "id", m->power_ids[i]);
		jsonw_kstr(w, "name", m->power_names[i]);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "promised_days", m->promised_days);
	jsonw_kstr(w, "steps", m->steps);
	jsonw_kstr(w, "updated_at", m->updated_at);
	jsonw_obj_close(w);
}

void affairs_json_problem(struct jsonw *w, const struct store_problem *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "answer", p->answer);
	jsonw_kstr(w, "answered_at", p->answered_at);
	jsonw_kstr(w, "closed_at", p->closed_at);
	jsonw_kstr(w, "closing_note", p->closing_note);
	personal_kstr(w, "contact_phone", PERSONAL_PHONE, p->contact_phone);
	jsonw_kstr(w, "description", p->description);
	jsonw_kstr(w, "due_date", p->due_date);
	jsonw_kstr(w, "enterprise", p->enterprise);
	jsonw_kint(w, "handler_org_id", p->handler_org_id);
	jsonw_kstr(w, "handler_org_name", p->handler_name);
	jsonw_kint(w, "id", p->id);
	jsonw_kid(w, "matter_id", p->matter_id);
	jsonw_kstr(w, "matter_name", p->matter_name);
	jsonw_kstr(w, "reported_at", p->reported_at);
	jsonw_kint(w, "reporter_org_id", p->reporter_org_id);
	jsonw_kstr(w, "reporter_org_name", p->reporter_name);
	jsonw_kstr(w, "source", p->source);
	jsonw_kstr(w, "source_label", enum_label(&enum_problem_source, p->source));
	jsonw_kstr(w, "status", p->status);
	jsonw_kstr(w, "status_label", enum_label(&enum_problem_status, p->status));
	jsonw_kid(w, "zone_org_id", p->zone_org_id);
	jsonw_kstr(w, "zone_org_name", p->zone_name);
	jsonw_obj_close(w);
}

void affairs_json_rule(struct jsonw *w, const struct store_rule *r)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "change", r->change);
	jsonw_kstr(w, "created_at", r->created_at);
	jsonw_kint(w, "dept_org_id", r->dept_org_id);
	jsonw_kstr(w, "dept_org_name", r->dept_name);
	jsonw_kint(w, "id", r->id);
	jsonw_kstr(w, "kind", r->kind);
	jsonw_kstr(w, "kind_label", enum_label(&enum_rule_kind, r->kind));
	jsonw_kstr(w, "procedure", r->procedure);
	jsonw_kstr(w, "provision", r->provision);
	jsonw_kstr(w, "result_document", r->result_document);
	jsonw_kstr(w, "status", r->status);
	jsonw_kstr(w, "status_label", enum_label(&enum_rule_status, r->status));
	jsonw_kstr(w, "target_date", r->target_date);
	jsonw_kstr(w, "title", r->title);
	jsonw_kstr(w, "updated_at", r->updated_at);
	jsonw_obj_close(w);
}

const struct store_affairs_json affairs_json_audit = {
    .social = affairs_json_social,
    .matter = affairs_json_matter,
    .problem = affairs_json_problem,
    .rule = affairs_json_rule,
};
