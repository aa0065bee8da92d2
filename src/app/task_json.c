/* task_json.c - policies and tasks as JSON. Keys in byte order, so that the audit record's
 * canonical form is the same text. Must not read anything: it writes what it is given. */
#include "app/task_json.h"

#include "app/capability_json.h"
#include "util/jsonw.h"
#include "util/strbuf.h"

#include <string.h>

static void write_refs(struct jsonw *w, const char *key, const struct store_org_ref *r, int n)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "id", r[i].id);
		jsonw_kstr(w, "name", r[i].name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static void write_raw(struct jsonw *w, const char *key, const char *json)
{
	jsonw_key(w, key);
	jsonw_raw(w, json ? json : "[]", strlen(json ? json : "[]"));
}

void task_json_write(struct jsonw *w, const struct store_task *t, bool full)
{
	jsonw_obj_open(w);
	task_json_fields(w, t, full);
	jsonw_obj_close(w);
}

void task_json_fields(struct jsonw *w, const struct store_task *t, bool full)
{
	jsonw_kint(w, "article_number", t->article_number);
	if (full)
		jsonw_kstr(w, "body", t->body);
	/* the office's contact for the task is published with it, as a document prints its
	 * 联系人 and phone: not a personal identifier to mask (DECISIONS) */
	jsonw_kstr(w, "contact_name", t->contact_name);
	jsonw_kstr(w, "contact_phone", t->contact_phone);
	jsonw_kstr(w, "deadline_date", t->deadline_date);
	jsonw_kstr(w, "deadline_text", t->deadline_text);
	jsonw_kstr(w, "group_heading", t->group_heading);
	write_raw(w, "guide_units", t->guide_units);
	jsonw_kint(w, "id", t->id);
	write_refs(w, "lead_orgs", t->lead, t->nlead);
	if (t->lead_rule_line)
		jsonw_kint(w, "lead_rule_line", t->lead_rule_line);
	else
		jsonw_knull(w, "lead_rule_line");
	write_raw(w, "lead_units", t->lead_units);
	jsonw_kstr(w, "part_heading", t->part_heading);
	jsonw_kint(w, "policy_id", t->policy_id);
	write_refs(w, "responsible_orgs", t->responsible, t->nresponsible);
	write_raw(w, "responsible_units", t->responsible_units);
	jsonw_kstr(w, "scope", t->scope);
	jsonw_kstr(w, "title", t->title);
	jsonw_kstr(w, "unit_source", t->unit_source);
	jsonw_kstr(w, "updated_at", t->updated_at);
}

/* A corrected import's changes: "corrections" {"deadlines","dropped","leads","merged",
 * "responsible","split","titles"} and "corrections_label", the same in Chinese. */
static void write_corrections(struct jsonw *w, const struct policy_edit_changes *c)
{
	struct strbuf sb = STRBUF_INIT;

	jsonw_key(w, "corrections");
	jsonw_obj_open(w);
	jsonw_kint(w, "deadlines", c->deadlines);
	jsonw_kint(w, "dropped", c->dropped);
	jsonw_kint(w, "leads", c->leads);
	jsonw_kint(w, "merged", c->merged);
	jsonw_kint(w, "responsible", c->responsible);
	jsonw_kint(w, "split", c->split);
	jsonw_kint(w, "titles", c->titles);
	jsonw_obj_close(w);
	policy_edit_changes_text(c, &sb);
	jsonw_kstr(w, "corrections_label", sb.buf);
	strbuf_release(&sb);
}

void task_json_policy(struct jsonw *w, const struct store_policy *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "contact_email", p->contact_email);
	jsonw_kstr(w, "contact_phone", p->contact_phone);
	if (p->corrections)
		write_corrections(w, p->corrections);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kstr(w, "doc_number", p->doc_number);
	jsonw_kstr(w, "encoding", p->encoding);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "issuer", p->issuer);
	jsonw_kint(w, "n_tasks", p->n_tasks);
	jsonw_kint(w, "n_warnings", p->n_warnings);
	jsonw_kstr(w, "notice_date", p->notice_date);
	jsonw_kstr(w, "source_sha256", p->source_sha256);
	jsonw_kstr(w, "title", p->title);
	jsonw_kstr(w, "title_note", p->title_note);
	jsonw_kstr(w, "window_end", p->window_end);
	jsonw_kstr(w, "window_start", p->window_start);
	jsonw_obj_close(w);
}

static void audit_task(struct jsonw *w, const struct store_task *t)
{
	task_json_write(w, t, false);
}

const struct store_task_json task_json_audit = {
    .policy = task_json_policy, .task = audit_task, .grants = &capability_json_audit};

const char *task_policy_name(struct arena *a, const struct store_policy *p)
{
	return arena_printf(a, "%s%s%s%s%s%s", p->title ? p->title : "", p->title_note ? "（" : "",
	                    p->title_note ? p->title_note : "", p->title_note ? "）" : "",
	                    p->doc_number ? " " : "", p->doc_number ? p->doc_number : "");
}

void task_policy_names_make(struct arena *a, const struct store_policy *pol, int n,
                            struct task_policy_names *out)
{
	out->pol = pol;
	out->n = n;
	out->names = arena_alloc(a, sizeof(*out->names) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		out->names[i] = task_policy_name(a, &pol[i]);
}

const char *task_policy_names_get(const struct task_policy_names *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (p->pol[i].id == id)
			return p->names[i];
	return "";
}
