/* fault_json.c - the JSON shapes of fault_json.h, keys in byte order. Must not read anything. */
#include "app/fault_json.h"

#include "app/attachment_json.h"

static const char *const cond_keys[3] = {"procedure", "diligence", "no_gain"};

static void condition(struct jsonw *w, const struct store_fault_condition *x)
{
	jsonw_obj_open(w);
	attachment_json_list(w, "files", x->files, x->nfiles);
	jsonw_key(w, "met");
	if (x->met < 0)
		jsonw_null(w);
	else
		jsonw_bool(w, x->met == 1);
	jsonw_kstr(w, "note", x->note);
	jsonw_obj_close(w);
}

void fault_json_case(struct jsonw *w, const struct store_fault_case *c)
{
	jsonw_obj_open(w);
	jsonw_key(w, "conditions");
	jsonw_obj_open(w);
	for (int i = 0; i < 3; i++) {
		jsonw_key(w, cond_keys[i]);
		condition(w, &c->cond[i]);
	}
	jsonw_obj_close(w);
	jsonw_kstr(w, "created_at", c->created_at);
	jsonw_kstr(w, "decided_at", c->decided_at);
	jsonw_kid(w, "decided_org_id", c->decided_org_id);
	jsonw_kstr(w, "decided_org_name", c->decided_org_name);
	jsonw_kstr(w, "decision", c->decision);
	jsonw_kstr(w, "distinction", c->distinction);
	jsonw_kstr(w, "effect", c->effect);
	jsonw_key(w, "effect_year");
	if (c->effect_year)
		jsonw_int(w, c->effect_year);
	else
		jsonw_null(w);
	jsonw_kstr(w, "effect_note", c->effect_note);
	jsonw_kstr(w, "happened", c->happened);
	jsonw_kint(w, "id", c->id);
	jsonw_kid(w, "org_id", c->org_id);
	jsonw_kstr(w, "org_name", c->org_name);
	jsonw_kid(w, "person_id", c->person_id);
	jsonw_kstr(w, "person_name", c->person_name);
	jsonw_kbool(w, "published", c->published);
	jsonw_kstr(w, "reason", c->reason);
	jsonw_kstr(w, "redact_names", c->redact_names);
	jsonw_kstr(w, "source_decision", c->source_decision);
	jsonw_kstr(w, "status", c->status);
	jsonw_kstr(w, "subject_kind", c->subject_kind);
	jsonw_kstr(w, "title", c->title);
	jsonw_kstr(w, "updated_at", c->updated_at);
	jsonw_obj_close(w);
}

void fault_json_entry(struct jsonw *w, const struct store_fault_entry *e)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "decided_org_name", e->decided_org_name);
	jsonw_kstr(w, "decision", e->decision);
	jsonw_kstr(w, "distinction", e->distinction);
	jsonw_kstr(w, "happened", e->happened);
	jsonw_kint(w, "id", e->id);
	jsonw_kstr(w, "lesson", e->lesson);
	jsonw_kstr(w, "org_name", e->org_name);
	jsonw_kstr(w, "published_at", e->published_at);
	jsonw_kstr(w, "reason", e->reason);
	jsonw_kstr(w, "title", e->title);
	jsonw_obj_close(w);
}

const struct store_fault_json fault_json_audit = {fault_json_case};
