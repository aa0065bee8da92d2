/* people_json.c - staffing, posts and people as JSON. Keys in byte order, so that the audit
 * record's canonical form is the same text. Must not read anything: it writes what it is
 * given; the ID number goes through personal_kstr and is masked unless the writer may reveal
 * it (never in the audit records). */
#include "app/people_json.h"

#include "core/enums.h"
#include "core/personal.h"

void people_json_staffing(struct jsonw *w, const struct store_staffing *st, bool counts)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "admin_slots", st->f.admin_slots);
	jsonw_kstr(w, "approved_at", st->approved_at);
	jsonw_kid(w, "approved_by", st->approved_by);
	jsonw_kstr(w, "approved_by_name", st->approved_by_name);
	jsonw_key(w, "body_names");
	jsonw_arr_open(w);
	for (int i = 0; i < st->n_bodies; i++)
		jsonw_str(w, st->bodies[i]);
	jsonw_arr_close(w);
	jsonw_kint(w, "bodies", st->f.bodies);
	jsonw_kstr(w, "doc_no", st->doc_no);
	jsonw_kint(w, "id", st->id);
	jsonw_kint(w, "inst_slots", st->f.inst_slots);
	jsonw_kint(w, "leaders", st->f.leaders);
	jsonw_kstr(w, "note", st->note);
	if (counts) {
		jsonw_kint(w, "now_leaders", st->now.leaders);
		jsonw_kint(w, "now_people", st->now.people);
	}
	jsonw_kint(w, "org_id", st->org_id);
	jsonw_kstr(w, "org_name", st->org_name);
	jsonw_kint(w, "quota", st->f.quota);
	jsonw_kint(w, "year", st->year);
	jsonw_obj_close(w);
}

void people_json_post(struct jsonw *w, const struct store_post *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "body", p->body);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kstr(w, "grade", p->grade);
	jsonw_kid(w, "holder_id", p->holder_id);
	jsonw_kstr(w, "holder_name", p->holder_name);
	jsonw_kint(w, "id", p->id);
	jsonw_kbool(w, "leader", p->leader);
	jsonw_kstr(w, "name", p->name);
	jsonw_kint(w, "org_id", p->org_id);
	jsonw_kstr(w, "org_name", p->org_name);
	jsonw_obj_close(w);
}

void people_json_person(struct jsonw *w, const struct store_person *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "appointing_government", p->appointing_government);
	jsonw_kstr(w, "appointment", p->appointment);
	jsonw_kstr(w, "appointment_label", enum_label(&enum_appointment, p->appointment));
	jsonw_kstr(w, "approving_committee", p->approving_committee);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kstr(w, "end_date", p->end_date);
	jsonw_kstr(w, "end_kind", p->end_kind);
	jsonw_kstr(w, "end_reason", p->end_reason);
	jsonw_kstr(w, "file_post", p->file_post);
	jsonw_kint(w, "id", p->id);
	personal_kstr(w, "id_number", PERSONAL_ID_NUMBER, p->id_number);
	jsonw_kstr(w, "identity", p->identity);
	jsonw_kstr(w, "identity_label", enum_label(&enum_person_identity, p->identity));
	jsonw_kstr(w, "job_post", p->job_post);
	jsonw_kstr(w, "name", p->name);
	jsonw_kint(w, "org_id", p->org_id);
	jsonw_kstr(w, "org_name", p->org_name);
	jsonw_kbool(w, "paid_by_zone", p->paid_by_zone);
	jsonw_kstr(w, "post_grade", p->post_grade);
	jsonw_kid(w, "post_id", p->post_id);
	jsonw_kbool(w, "post_leader", p->post_leader);
	jsonw_kstr(w, "post_name", p->post_name);
	jsonw_kbool(w, "retained", p->retained);
	jsonw_kbool(w, "seconded", p->seconded);
	jsonw_kstr(w, "seconded_from", p->seconded_from);
	jsonw_kstr(w, "secondment_end", p->secondment_end);
	jsonw_kstr(w, "secondment_start", p->secondment_start);
	jsonw_kstr(w, "start_date", p->start_date);
	jsonw_obj_close(w);
}

static void audit_staffing(struct jsonw *w, const struct store_staffing *st)
{
	people_json_staffing(w, st, false);
}

static void audit_person(struct jsonw *w, const struct store_person *p)
{
	bool reveal = w->reveal_personal;

	w->reveal_personal = false;
	people_json_person(w, p);
	w->reveal_personal = reveal;
}

const struct store_people_json people_json_audit = {
    .staffing = audit_staffing,
    .post = people_json_post,
    .person = audit_person,
};
