/* industry_plan_json.c - industry plans as JSON, keys in byte order. Must not read anything
 * but the shipped areas' text. */
#include "app/industry_plan_json.h"

#include "core/enums.h"
#include "util/jsonw.h"
#include "util/log.h"

#include <pthread.h>

static pthread_once_t sei_once = PTHREAD_ONCE_INIT;
static struct arena sei_arena; /* lives as long as the process */
static struct sei_catalog sei;
static int sei_rc;

static void parse_sei(void)
{
	struct industry_problem p;

	arena_init(&sei_arena);
	if ((sei_rc = sei_parse(sei_builtin_text, &sei_arena, &sei, &p)) != 0)
		log_error("the shipped 战略性新兴产业分类 does not parse: %s", p.message);
}

const struct sei_catalog *industry_sei_areas(void)
{
	pthread_once(&sei_once, parse_sei);
	return sei_rc == 0 ? &sei : NULL;
}

static void lead_json(struct jsonw *w, const struct industry_lead *l)
{
	const struct sei_catalog *cats = industry_sei_areas();
	const struct sei_category *x = cats ? sei_find(cats, l->sei_code) : NULL;
	char path[SEI_PATH_MAX];

	jsonw_obj_open(w);
	jsonw_key(w, "codes");
	jsonw_arr_open(w);
	for (int k = 0; k < l->n_codes; k++)
		jsonw_str(w, l->codes[k]);
	jsonw_arr_close(w);
	jsonw_kstr(w, "future", l->future);
	jsonw_kstr(w, "future_label",
	           l->future ? enum_label(&enum_future_direction, l->future) : NULL);
	jsonw_kstr(w, "name", l->name);
	jsonw_kstr(w, "sei_code", l->sei_code);
	jsonw_kstr(w, "sei_name", x ? sei_path(cats, x, path, sizeof(path)) : NULL);
	jsonw_obj_close(w);
}

void industry_plan_json_fields(struct jsonw *w, const struct store_industry_plan *p,
                               void (*shares)(struct jsonw *w, const void *arg), const void *arg)
{
	jsonw_kstr(w, "approved_at", p->approved_at);
	jsonw_kstr(w, "approved_by_name", p->approved_by_name);
	jsonw_kint(w, "end_year", p->r.end_year);
	jsonw_kstr(w, "exception", p->exception);
	jsonw_kstr(w, "exception_label", enum_label(&enum_plan_exception, p->exception));
	jsonw_kstr(w, "exception_reason", p->r.exception_reason);
	jsonw_kint(w, "id", p->id);
	jsonw_key(w, "industries");
	jsonw_arr_open(w);
	for (int i = 0; i < p->r.n_leads; i++)
		lead_json(w, &p->r.leads[i]);
	jsonw_arr_close(w);
	jsonw_kstr(w, "name", p->name);
	if (shares) {
		jsonw_key(w, "shares");
		shares(w, arg);
	}
	jsonw_kint(w, "start_year", p->r.start_year);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kint(w, "zone_id", p->zone_id);
	jsonw_kstr(w, "zone_name", p->zone_name);
}

void industry_plan_json_write(struct jsonw *w, const struct store_industry_plan *p)
{
	jsonw_obj_open(w);
	industry_plan_json_fields(w, p, NULL, NULL);
	jsonw_obj_close(w);
}

void industry_plan_json_output(struct jsonw *w, const struct store_enterprise_output *o)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "enterprise_id", o->enterprise_id);
	jsonw_kstr(w, "enterprise_name", o->enterprise_name);
	jsonw_kint(w, "output_fen", o->output_fen);
	jsonw_kstr(w, "updated_at", o->updated_at);
	jsonw_kint(w, "year", o->year);
	jsonw_kint(w, "zone_id", o->zone_id);
	jsonw_obj_close(w);
}

const struct store_industry_plan_json industry_plan_json_audit = {
    .plan = industry_plan_json_write,
    .output = industry_plan_json_output,
};
