/* policy_json.c - a parsed policy document as JSON (`kfq policy parse --json`, the import
 * preview). Writes only; must not interpret the text. */
#include "core/policy_parse.h"

#include "util/jsonw.h"

void policy_units_json(struct jsonw *w, const char *key, const char *const *v, size_t n)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (size_t i = 0; i < n; i++)
		jsonw_str(w, v[i]);
	jsonw_arr_close(w);
}

void policy_warning_json(struct jsonw *w, const struct policy_warning *pw)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "line", pw->line);
	jsonw_kstr(w, "message", pw->message);
	jsonw_obj_close(w);
}

void policy_article_units_json(struct jsonw *w, const struct policy_article *art,
                               const char *deadline_key)
{
	policy_units_json(w, "lead_units", art->lead_units, art->n_lead_units);
	policy_units_json(w, "responsible_units", art->responsible_units, art->n_responsible_units);
	policy_units_json(w, "guide_units", art->guide_units, art->n_guide_units);
	jsonw_kstr(w, "scope", art->scope);
	jsonw_kstr(w, deadline_key, art->deadline);
	jsonw_kstr(w, "deadline_date", art->deadline_date);
	jsonw_kstr(w, "unit_source", policy_unit_source_name(art->unit_source));
	if (art->lead_rule_line)
		jsonw_kint(w, "lead_rule_line", art->lead_rule_line);
	else
		jsonw_knull(w, "lead_rule_line");
}

void policy_doc_to_json(const struct policy_doc *d, struct jsonw *w)
{
	const struct policy_notice *nt = &d->notice;

	jsonw_obj_open(w);
	jsonw_kstr(w, "title", d->title);
	jsonw_kstr(w, "title_note", d->title_note);
	jsonw_kstr(w, "doc_number", d->doc_number);
	jsonw_kstr(w, "date", d->date);
	jsonw_kbool(w, "national", d->national);
	jsonw_kstr(w, "encoding", d->encoding);
	jsonw_key(w, "notice");
	if (nt->present) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "heading", nt->heading);
		jsonw_kstr(w, "issuer", nt->issuer);
		jsonw_kstr(w, "date", nt->date);
		jsonw_kstr(w, "email", nt->email);
		jsonw_kstr(w, "phone", nt->phone);
		jsonw_kstr(w, "window_start", nt->window_start);
		jsonw_kstr(w, "window_end", nt->window_end);
		jsonw_kstr(w, "text", nt->text);
		jsonw_kint(w, "line", nt->line);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "preamble", d->preamble);
	jsonw_key(w, "sections");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_sections; i++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "title", d->sections[i].title);
		jsonw_kstr(w, "body", d->sections[i].body);
		jsonw_kint(w, "line", d->sections[i].line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "parts");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_parts; i++) {
		jsonw_obj_open(w);
		if (d->parts[i].section >= 0)
			jsonw_kint(w, "section", d->parts[i].section + 1);
		else
			jsonw_knull(w, "section");
		jsonw_kint(w, "number", d->parts[i].number);
		jsonw_kstr(w, "heading", d->parts[i].heading);
		jsonw_kstr(w, "body", d->parts[i].body);
		jsonw_kint(w, "line", d->parts[i].line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "groups");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_groups; i++) {
		const struct policy_group *g = &d->groups[i];
		jsonw_obj_open(w);
		if (g->part >= 0)
			jsonw_kint(w, "part", d->parts[g->part].number);
		else
			jsonw_knull(w, "part");
		jsonw_kint(w, "number", g->number);
		jsonw_kstr(w, "heading", g->heading);
		jsonw_kstr(w, "body", g->body);
		jsonw_kbool(w, "recovered", g->recovered);
		jsonw_kint(w, "line", g->line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "articles");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_articles; i++) {
		const struct policy_article *art = &d->articles[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "number", art->number);
		if (art->part >= 0)
			jsonw_kint(w, "part", d->parts[art->part].number);
		else
			jsonw_knull(w, "part");
		if (art->group >= 0)
			jsonw_kint(w, "group", d->groups[art->group].number);
		else
			jsonw_knull(w, "group");
		jsonw_kstr(w, "short_title", art->short_title);
		jsonw_kstr(w, "body", art->body);
		policy_article_units_json(w, art, "deadline");
		jsonw_kint(w, "line", art->line);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "closing", d->closing);
	jsonw_key(w, "warnings");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_warnings; i++)
		policy_warning_json(w, &d->warnings[i]);
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}
