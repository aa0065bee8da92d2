/* land_json.c - the land module's JSON shapes, written once for the API and the audit log.
 * Must not compute anything a rule decides beyond what core/ says (the area check is
 * core/geo.c's). */
#include "app/land_json.h"

#include "core/geo.h"
#include "core/plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void land_json_hundredths(int64_t v, char out[24])
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(out, 24, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", u / 100, u % 100);
}

static void khundredths(struct jsonw *w, const char *key, int64_t v)
{
	char buf[24];

	land_json_hundredths(v, buf);
	jsonw_kstr(w, key, buf);
}

void land_json_boundary(struct jsonw *w, const struct store_boundary *b)
{
	jsonw_obj_open(w);
	land_json_boundary_fields(w, b);
	jsonw_obj_close(w);
}

void land_json_boundary_fields(struct jsonw *w, const struct store_boundary *b)
{
	int64_t bp = 0;
	bool off = b->has_geometry &&
	           geo_area_deviates(b->area_m2x100, b->approved_ha_x100, b->tolerance_bp, &bp);

	khundredths(w, "approved_ha", b->approved_ha_x100);
	/* hundredths of m² to hundredths of ha: / 10,000, half-up */
	khundredths(w, "area_ha", (b->area_m2x100 + 5000) / 10000);
	jsonw_kint(w, "area_m2x100", b->area_m2x100);
	jsonw_kstr(w, "catalogue_code", b->catalogue_code);
	jsonw_kbool(w, "deviates", off);
	jsonw_kint(w, "deviation_bp", b->has_geometry ? bp : 0);
	jsonw_kstr(w, "four_to", b->four_to);
	/* as text: the audit log's canonical JSON holds no fractions */
	jsonw_kstr(w, "geojson", b->geojson);
	jsonw_kbool(w, "has_geometry", b->has_geometry);
	jsonw_kint(w, "tolerance_bp", b->tolerance_bp);
	jsonw_kstr(w, "updated_at", b->updated_at);
	jsonw_kid(w, "zone_id", b->zone_id);
	jsonw_kstr(w, "zone_name", b->zone_name);
}

void land_json_batch(struct jsonw *w, const struct store_batch *b)
{
	int64_t un = land_batch_unsupplied(b->approved_m2x100, b->supplied_m2x100);

	jsonw_obj_open(w);
	khundredths(w, "approved_m2", b->approved_m2x100);
	jsonw_kint(w, "approved_m2x100", b->approved_m2x100);
	jsonw_kstr(w, "approved_on", b->approved_on);
	jsonw_kstr(w, "batch_no", b->batch_no);
	jsonw_kstr(w, "created_at", b->created_at);
	jsonw_kid(w, "id", b->id);
	jsonw_kint(w, "supplied_m2x100", b->supplied_m2x100);
	jsonw_kint(w, "unsupplied_m2x100", un);
	khundredths(w, "unsupplied_mu", land_mu_x100(un));
	jsonw_kid(w, "zone_id", b->zone_id);
	jsonw_kstr(w, "zone_name", b->zone_name);
	jsonw_obj_close(w);
}

static int64_t day_or_none(const char *iso)
{
	int64_t d = iso ? plan_day(iso) : -1;
	return d < 0 ? LAND_NO_DAY : d;
}

void land_parcel_facts(const struct store_parcel *p, struct land_parcel_facts *out)
{
	memset(out, 0, sizeof(*out));
	out->area_m2x100 = p->area_m2x100;
	out->developed_m2x100 = p->developed_m2x100;
	out->investment_agreed_fen = p->investment_agreed_fen;
	out->investment_done_fen = p->investment_done_fen;
	out->land_price_fen = p->land_price_fen;
	out->agreed_start = day_or_none(p->agreed_start);
	out->agreed_finish = day_or_none(p->agreed_finish);
	out->agreed_production = day_or_none(p->agreed_production);
	out->actual_start = day_or_none(p->actual_start);
	out->actual_finish = day_or_none(p->actual_finish);
	out->actual_production = day_or_none(p->actual_production);
	out->stopped_since = day_or_none(p->stopped_since);
	out->far_agreed_x100 = p->far_agreed_x100;
	out->far_x100 = p->far_x100;
	out->tax_per_mu_agreed_fen = p->tax_per_mu_agreed_fen;
	out->tax_last_year_fen = p->tax_last_year_fen;
	out->idle_cause = p->idle_cause;
}

enum geo_where land_where_parse(const char *code)
{
	for (int w = GEO_OUTSIDE; code && w <= GEO_PARTLY; w++)
		if (!strcmp(code, land_where_code((enum geo_where)w)))
			return (enum geo_where)w;
	return GEO_OUTSIDE;
}

static void finding(struct jsonw *w, const struct land_finding *f)
{
	char since[11];

	jsonw_obj_open(w);
	jsonw_kstr(w, "clause",
	           f->clause == LAND_IDLE_NOT_STARTED ? "not_started"
	           : f->clause == LAND_IDLE_STOPPED   ? "stopped"
	                                              : NULL);
	jsonw_kint(w, "fee_fen", f->idle_fee_fen);
	jsonw_kstr(w, "handling", land_handling_code(f->handling));
	jsonw_kstr(w, "handling_label", land_handling_label(f->handling));
	if (f->idle_since != LAND_NO_DAY) {
		plan_day_format(f->idle_since, since);
		jsonw_kstr(w, "idle_since", since);
	} else {
		jsonw_knull(w, "idle_since");
	}
	jsonw_kstr(w, "reason", f->reason);
	jsonw_kstr(w, "status", land_status_code(f->status));
	jsonw_kstr(w, "status_label", land_status_label(f->status));
	jsonw_key(w, "statuses");
	jsonw_arr_open(w);
	for (int s = 0; s < LAND_STATUS_COUNT; s++)
		if (f->flags & (1u << s))
			jsonw_str(w, land_status_code((enum land_status)s));
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

void land_json_parcel(struct jsonw *w, const struct store_parcel *p, const struct land_finding *f)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "actual_finish", p->actual_finish);
	jsonw_kstr(w, "actual_production", p->actual_production);
	jsonw_kstr(w, "actual_start", p->actual_start);
	jsonw_kstr(w, "agreed_finish", p->agreed_finish);
	jsonw_kstr(w, "agreed_production", p->agreed_production);
	jsonw_kstr(w, "agreed_start", p->agreed_start);
	khundredths(w, "area_m2", p->area_m2x100);
	jsonw_kint(w, "area_m2x100", p->area_m2x100);
	jsonw_kid(w, "batch_id", p->batch_id);
	jsonw_kstr(w, "batch_no", p->batch_no);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kint(w, "developed_m2x100", p->developed_m2x100);
	jsonw_kid(w, "enterprise_id", p->enterprise_id);
	jsonw_kstr(w, "enterprise_name", p->enterprise_name);
	jsonw_kstr(w, "enterprise_uscc", p->enterprise_uscc);
	jsonw_kint(w, "far_agreed_x100", p->far_agreed_x100);
	jsonw_kint(w, "far_x100", p->far_x100);
	if (f) {
		jsonw_key(w, "finding");
		finding(w, f);
	}
	jsonw_kstr(w, "geojson", p->geojson);
	jsonw_kid(w, "id", p->id);
	jsonw_kstr(w, "idle_cause", p->idle_cause);
	jsonw_kint(w, "investment_agreed_fen", p->investment_agreed_fen);
	jsonw_kint(w, "investment_done_fen", p->investment_done_fen);
	jsonw_kint(w, "land_price_fen", p->land_price_fen);
	jsonw_kstr(w, "land_use", p->land_use);
	jsonw_kstr(w, "location", p->location);
	khundredths(w, "mu", land_mu_x100(p->area_m2x100));
	if (f) /* a read: the case being handled (not a fact of the parcel's record) */
		jsonw_kid(w, "open_case_id", p->open_case_id);
	jsonw_kstr(w, "parcel_no", p->parcel_no);
	jsonw_kstr(w, "stopped_since", p->stopped_since);
	jsonw_kint(w, "tax_last_year_fen", p->tax_last_year_fen);
	jsonw_kint(w, "tax_per_mu_agreed_fen", p->tax_per_mu_agreed_fen);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kstr(w, "where", p->where_code);
	jsonw_kid(w, "zone_id", p->zone_id);
	jsonw_kstr(w, "zone_name", p->zone_name);
	jsonw_obj_close(w);
}

void land_json_case(struct jsonw *w, const struct store_land_case *c)
{
	jsonw_obj_open(w);
	jsonw_kid(w, "batch_id", c->batch_id);
	jsonw_kstr(w, "batch_no", c->batch_no);
	jsonw_kstr(w, "closed_at", c->closed_at);
	jsonw_kstr(w, "due_on", c->due_on);
	jsonw_kint(w, "fee_fen", c->fee_fen);
	jsonw_kstr(w, "handling", c->handling);
	jsonw_kid(w, "id", c->id);
	jsonw_kstr(w, "kind", c->kind);
	jsonw_kstr(w, "note", c->note);
	jsonw_kstr(w, "opened_at", c->opened_at);
	jsonw_kid(w, "parcel_id", c->parcel_id);
	jsonw_kstr(w, "parcel_no", c->parcel_no);
	jsonw_kstr(w, "result", c->result);
	jsonw_kstr(w, "status", c->status);
	jsonw_kid(w, "zone_id", c->zone_id);
	jsonw_kstr(w, "zone_name", c->zone_name);
	jsonw_obj_close(w);
}

void land_json_project(struct jsonw *w, const struct store_project *p)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", p->created_at);
	jsonw_kstr(w, "exception_reason", p->exception_reason);
	jsonw_kbool(w, "flagged",
	            land_project_flagged(p->industrial, land_where_parse(p->where_code),
	                                 p->exception_reason));
	jsonw_kstr(w, "geojson", p->geojson);
	jsonw_kid(w, "id", p->id);
	jsonw_kbool(w, "industrial", p->industrial);
	jsonw_kstr(w, "name", p->name);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kstr(w, "where", p->where_code);
	jsonw_kid(w, "zone_id", p->zone_id);
	jsonw_kstr(w, "zone_name", p->zone_name);
	jsonw_obj_close(w);
}

static void audit_parcel(struct jsonw *w, const struct store_parcel *p)
{
	land_json_parcel(w, p, NULL);
}

const struct store_land_json land_json_audit = {
    .boundary = land_json_boundary,
    .batch = land_json_batch,
    .parcel = audit_parcel,
    .land_case = land_json_case,
    .project = land_json_project,
};
