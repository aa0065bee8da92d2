/* platform_json.c - platform companies as JSON, keys in byte order. Must not read anything. */
#include "app/platform_json.h"

#include "core/enums.h"
#include "util/jsonw.h"

static const char *level_code(enum platform_level l)
{
	return l == PLATFORM_LEVEL_KEY ? "key" : l == PLATFORM_LEVEL_WARNING ? "warning" : "normal";
}

void platform_json_company_fields(struct jsonw *w, const struct store_platform_company *c,
                                  bool lists)
{
	const char *type = platform_type_code(c->type);

	jsonw_kstr(w, "established_on", c->established_on);
	jsonw_kid(w, "id", c->id);
	if (lists) {
		jsonw_key(w, "injections");
		jsonw_arr_open(w);
		for (int i = 0; i < c->ninjections; i++) {
			jsonw_obj_open(w);
			jsonw_kstr(w, "asset", c->injections[i].asset);
			jsonw_kstr(w, "injected_on", c->injections[i].injected_on);
			jsonw_kint(w, "valuation_fen", c->injections[i].valuation_fen);
			jsonw_obj_close(w);
		}
		jsonw_arr_close(w);
	}
	jsonw_kstr(w, "name", c->name);
	jsonw_kstr(w, "note", c->note);
	if (lists) {
		jsonw_key(w, "shareholders");
		jsonw_arr_open(w);
		for (int i = 0; i < c->nholders; i++) {
			jsonw_obj_open(w);
			jsonw_kstr(w, "kind", c->holders[i].kind);
			jsonw_kstr(w, "kind_label",
			           enum_label(&enum_shareholder_kind, c->holders[i].kind));
			jsonw_kstr(w, "name", c->holders[i].name);
			jsonw_kint(w, "stake_bp", c->holders[i].stake_bp);
			jsonw_obj_close(w);
		}
		jsonw_arr_close(w);
	}
	jsonw_kstr(w, "type", type);
	jsonw_kstr(w, "type_label", enum_label(&enum_platform_type, type));
	jsonw_kstr(w, "updated_at", c->updated_at);
	jsonw_kstr(w, "uscc", c->uscc);
	jsonw_kid(w, "zone_id", c->zone_id);
	jsonw_kstr(w, "zone_name", c->zone_name);
}

static void company_object(struct jsonw *w, const struct store_platform_company *c)
{
	jsonw_obj_open(w);
	platform_json_company_fields(w, c, true);
	jsonw_obj_close(w);
}

void platform_json_duty_fields(struct jsonw *w, const struct store_platform_duty *d)
{
	const char *duty = platform_duty_code(d->duty);
	const char *status = platform_status_code(d->status);

	jsonw_kstr(w, "duty", duty);
	jsonw_kstr(w, "duty_label", enum_label(&enum_platform_duty, duty));
	jsonw_kstr(w, "evidence", d->evidence);
	jsonw_kid(w, "id", d->id);
	jsonw_kstr(w, "owner", platform_duty_of_committee(d->duty) ? "committee" : "company");
	jsonw_kstr(w, "status", status);
	jsonw_kstr(w, "status_label", enum_label(&enum_platform_status, status));
	jsonw_kstr(w, "updated_at", d->updated_at);
}

static void duty_object(struct jsonw *w, const struct store_platform_duty *d)
{
	jsonw_obj_open(w);
	platform_json_duty_fields(w, d);
	jsonw_obj_close(w);
}

void platform_json_sheet_fields(struct jsonw *w, const struct store_platform_sheet *y)
{
	jsonw_kint(w, "assets_fen", y->sheet.assets);
	jsonw_kint(w, "current_assets_fen", y->sheet.current_assets);
	jsonw_kint(w, "current_liabilities_fen", y->sheet.current_liabilities);
	jsonw_kint(w, "guarantees_fen", y->sheet.guarantees);
	jsonw_kint(w, "interest_bearing_fen", y->sheet.interest_bearing);
	jsonw_kint(w, "liabilities_fen", y->sheet.liabilities);
	jsonw_kint(w, "profit_fen", y->profit_fen);
	jsonw_kint(w, "revenue_fen", y->revenue_fen);
	jsonw_kstr(w, "updated_at", y->updated_at);
	jsonw_kint(w, "year", y->year);
}

static void sheet_object(struct jsonw *w, int64_t company_id, const struct store_platform_sheet *y)
{
	jsonw_obj_open(w);
	jsonw_kid(w, "company_id", company_id);
	platform_json_sheet_fields(w, y);
	jsonw_obj_close(w);
}

static void line_fields(struct jsonw *w, enum platform_indicator i, const struct platform_line *l)
{
	const char *code = platform_indicator_code(i);

	jsonw_kstr(w, "indicator", code);
	jsonw_kint(w, "key_bp", l->key_bp);
	jsonw_kstr(w, "label", enum_label(&enum_platform_indicator, code));
	jsonw_kbool(w, "lower_is_worse", l->lower_is_worse);
}

void platform_json_readings(struct jsonw *w,
                            const struct platform_reading r[PLATFORM_INDICATOR_COUNT],
                            const struct platform_line l[PLATFORM_INDICATOR_COUNT])
{
	const char *worst = level_code(platform_worst(r));

	jsonw_kstr(w, "level", worst);
	jsonw_kstr(w, "level_label", enum_label(&enum_platform_level, worst));
	jsonw_key(w, "readings");
	jsonw_arr_open(w);
	for (int i = 0; i < PLATFORM_INDICATOR_COUNT; i++) {
		const char *level = level_code(r[i].level);
		jsonw_obj_open(w);
		line_fields(w, (enum platform_indicator)i, &l[i]);
		jsonw_kstr(w, "level", level);
		jsonw_kstr(w, "level_label", enum_label(&enum_platform_level, level));
		if (r[i].has_value)
			jsonw_kint(w, "value_bp", r[i].value_bp);
		else
			jsonw_knull(w, "value_bp");
		jsonw_kint(w, "warning_bp", l[i].warning_bp);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

void platform_json_lines(struct jsonw *w, enum platform_type t,
                         const struct platform_line l[PLATFORM_INDICATOR_COUNT])
{
	const char *type = platform_type_code(t);

	jsonw_obj_open(w);
	jsonw_key(w, "lines");
	jsonw_arr_open(w);
	for (int i = 0; i < PLATFORM_INDICATOR_COUNT; i++) {
		jsonw_obj_open(w);
		line_fields(w, (enum platform_indicator)i, &l[i]);
		jsonw_kint(w, "warning_bp", l[i].warning_bp);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kstr(w, "type", type);
	jsonw_kstr(w, "type_label", enum_label(&enum_platform_type, type));
	jsonw_obj_close(w);
}

const struct store_platform_json platform_json_audit = {
    .company = company_object,
    .duty = duty_object,
    .sheet = sheet_object,
    .lines = platform_json_lines,
};
