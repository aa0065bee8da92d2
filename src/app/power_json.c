/* power_json.c - the powers module's JSON, keys in byte order (the audit record's canonical form
 * is the same text). Must not read anything: it writes what it is given. */
#include "app/power_json.h"

#include "core/enums.h"
#include "util/jsonw.h"

void power_json_item(struct jsonw *w, const struct store_power *p)
{
	jsonw_obj_open(w);
	jsonw_kbool(w, "accept_incomplete", p->accept_incomplete);
	jsonw_kstr(w, "code", p->code);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kint(w, "dept_org_id", p->dept_org_id);
	jsonw_kstr(w, "dept_org_name", p->dept_name);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "kind", p->kind);
	jsonw_kstr(w, "kind_label", enum_label(&enum_power_kind, p->kind));
	jsonw_kstr(w, "legal_basis", p->legal_basis);
	jsonw_kstr(w, "name", p->name);
	jsonw_kbool(w, "notify_commit", p->notify_commit);
	jsonw_kint(w, "promised_days", p->promised_days);
	jsonw_kint(w, "statutory_days", p->statutory_days);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_obj_close(w);
}

void power_json_delegation(struct jsonw *w, const struct store_delegation *d)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "acting_by", d->acting_by);
	jsonw_kstr(w, "acting_mode", d->acting_mode);
	jsonw_kstr(w, "acting_mode_label",
	           d->acting_mode ? enum_label(&enum_power_mode, d->acting_mode) : NULL);
	jsonw_kstr(w, "acting_until", d->acting_until);
	jsonw_kstr(w, "created_at", d->created_at);
	jsonw_kstr(w, "document", d->document);
	jsonw_kstr(w, "effective_from", d->effective_from);
	jsonw_kint(w, "id", d->id);
	jsonw_kstr(w, "mode", d->mode);
	jsonw_kstr(w, "mode_label", d->mode ? enum_label(&enum_power_mode, d->mode) : NULL);
	jsonw_kstr(w, "note", d->note);
	jsonw_kstr(w, "origin", d->origin);
	jsonw_key(w, "power");
	power_json_item(w, &d->power);
	jsonw_kbool(w, "published", d->published);
	jsonw_kstr(w, "service_place", d->service_place);
	jsonw_kstr(w, "status", d->status);
	jsonw_kstr(w, "status_label", power_status_label(d->status));
	jsonw_kstr(w, "taken_on", d->taken_on);
	jsonw_kstr(w, "updated_at", d->updated_at);
	jsonw_kint(w, "zone_org_id", d->zone_org_id);
	jsonw_kstr(w, "zone_org_name", d->zone_name);
	jsonw_obj_close(w);
}

void power_json_figures(struct jsonw *w, const struct power_figures *f)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "avg_days_x100", f->avg_days_x100);
	jsonw_kint(w, "bad", f->bad);
	jsonw_kint(w, "done", f->done);
	jsonw_kint(w, "done_in_time", f->done_in_time);
	jsonw_kint(w, "good", f->good);
	jsonw_kbool(w, "idle", f->idle);
	jsonw_kint(w, "on_time_bp", f->on_time_bp);
	jsonw_kbool(w, "over_limit", f->over_limit);
	jsonw_kint(w, "overdue", f->overdue);
	jsonw_kint(w, "received", f->received);
	jsonw_kint(w, "satisfaction_bp", f->satisfaction_bp);
	jsonw_kstr(w, "suggested", power_result_name(f->suggested));
	jsonw_obj_close(w);
}

void power_json_evaluation(struct jsonw *w, const struct store_evaluation *e)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "avg_days_x100", e->fig.avg_days_x100);
	jsonw_kint(w, "bad", e->fig.bad);
	jsonw_kint(w, "delegation_id", e->delegation_id);
	jsonw_kint(w, "done", e->fig.done);
	jsonw_kint(w, "done_in_time", e->fig.done_in_time);
	jsonw_kstr(w, "evaluated_at", e->evaluated_at);
	jsonw_kstr(w, "evaluated_by_name", e->evaluated_by_name);
	jsonw_kint(w, "good", e->fig.good);
	jsonw_kint(w, "id", e->id);
	jsonw_kbool(w, "idle", e->fig.idle);
	jsonw_kstr(w, "period_from", e->period_from);
	jsonw_kstr(w, "period_to", e->period_to);
	jsonw_kstr(w, "power_name", e->power_name);
	jsonw_kstr(w, "problems", e->problems);
	jsonw_kstr(w, "reason", e->reason);
	jsonw_kint(w, "received", e->fig.received);
	jsonw_kstr(w, "result", e->result);
	jsonw_kstr(w, "result_label", enum_label(&enum_power_result, e->result));
	jsonw_kstr(w, "zone_org_name", e->zone_name);
	jsonw_obj_close(w);
}

static void duty_item(struct jsonw *w, const struct store_duty_item *it)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "basis", it->basis);
	jsonw_kstr(w, "holder", it->holder);
	jsonw_kstr(w, "holder_label", enum_label(&enum_duty_holder, it->holder));
	jsonw_kstr(w, "lead", it->lead);
	jsonw_kstr(w, "name", it->name);
	jsonw_kint(w, "seq", it->seq);
	jsonw_key(w, "steps");
	jsonw_arr_open(w);
	for (int k = 0; k < it->nsteps; k++) {
		jsonw_obj_open(w);
		jsonw_kint(w, "days", it->steps[k].days);
		jsonw_kstr(w, "text", it->steps[k].text);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

void power_json_duty_list(struct jsonw *w, const struct store_duty_list *l, bool with_items)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "comment", l->comment);
	jsonw_kstr(w, "coordination", l->coordination);
	jsonw_kint(w, "county_org_id", l->county_org_id);
	jsonw_kstr(w, "county_org_name", l->county_name);
	jsonw_kstr(w, "created_at", l->created_at);
	jsonw_kstr(w, "cross_posts", l->cross_posts);
	jsonw_kint(w, "id", l->id);
	if (with_items) {
		jsonw_key(w, "items");
		jsonw_arr_open(w);
		for (int i = 0; i < l->nitems; i++)
			duty_item(w, &l->items[i]);
		jsonw_arr_close(w);
	}
	jsonw_kstr(w, "reviewed_at", l->reviewed_at);
	jsonw_kstr(w, "reviewed_by_name", l->reviewed_by_name);
	jsonw_kstr(w, "status", l->status);
	jsonw_kstr(w, "status_label", duty_status_label(l->status));
	jsonw_kint(w, "version", l->version);
	jsonw_kint(w, "zone_org_id", l->zone_org_id);
	jsonw_kstr(w, "zone_org_name", l->zone_name);
	jsonw_obj_close(w);
}

void power_json_calendar_year(struct jsonw *w, const struct store_calendar_year *y)
{
	jsonw_obj_open(w);
	jsonw_key(w, "days");
	jsonw_arr_open(w);
	for (int i = 0; i < y->ndays; i++) {
		jsonw_obj_open(w);
		jsonw_kstr(w, "day", y->days[i].day);
		jsonw_kstr(w, "kind", y->days[i].kind);
		jsonw_kstr(w, "name", y->days[i].name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "notice", y->notice);
	jsonw_kstr(w, "published", y->published);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

void power_json_guidance(struct jsonw *w, const struct store_guidance *g)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "content", g->content);
	jsonw_kstr(w, "created_at", g->created_at);
	jsonw_kstr(w, "created_by_name", g->created_by_name);
	jsonw_kint(w, "delegation_id", g->delegation_id);
	jsonw_kstr(w, "held_on", g->held_on);
	jsonw_kint(w, "id", g->id);
	jsonw_kstr(w, "kind", g->kind);
	jsonw_kstr(w, "kind_label", enum_label(&enum_guidance_kind, g->kind));
	jsonw_kint(w, "participants", g->participants);
	jsonw_obj_close(w);
}

void power_json_case_month(struct jsonw *w, const struct store_case_month *m)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "bad", m->f.bad);
	jsonw_kint(w, "days_x100", m->f.days_x100);
	jsonw_kint(w, "delegation_id", m->delegation_id);
	jsonw_kint(w, "done", m->f.done);
	jsonw_kint(w, "done_in_time", m->f.done_in_time);
	jsonw_kint(w, "good", m->f.good);
	jsonw_kstr(w, "month", m->month);
	jsonw_kint(w, "received", m->f.received);
	jsonw_obj_close(w);
}

static void duty_audit(struct jsonw *w, const struct store_duty_list *l)
{
	power_json_duty_list(w, l, true);
}

static void publication(struct jsonw *w, int64_t zone_org_id, bool published)
{
	jsonw_obj_open(w);
	jsonw_kbool(w, "published", published);
	jsonw_kint(w, "zone_org_id", zone_org_id);
	jsonw_obj_close(w);
}

/* The audit's shape of the setting: the months alone (who and when are the audit's own). */
static void setting(struct jsonw *w, const struct store_power_setting *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "idle_months", p->idle_months);
	jsonw_obj_close(w);
}

const struct store_power_json power_json_audit = {
    .power = power_json_item,
    .delegation = power_json_delegation,
    .evaluation = power_json_evaluation,
    .duty_list = duty_audit,
    .calendar_year = power_json_calendar_year,
    .guidance = power_json_guidance,
    .case_month = power_json_case_month,
    .publication = publication,
    .setting = setting,
};
