/* demo.c - runs the demo fillers in order: first asks each whether its module already has data
 * (then nothing is written), then fills. Must not fill anything itself: each module's data is
 * its own demo_X.c's. */
#include "app/demo.h"

#include "util/log.h"

#include <stddef.h>

static const struct {
	const char *module;
	int (*present)(struct demo *d, bool *yes);
	int (*fill)(struct demo *d);
} fillers[] = {
    {"task", NULL, demo_task_fill},
    {"plan", demo_plan_present, demo_plan_fill},
    {"money", demo_money_present, demo_money_fill},
    {"power", demo_power_present, demo_power_fill},
    {"consultation", NULL, demo_consult_fill},
    {"budget", NULL, demo_budget_fill},
    {"people", NULL, demo_people_fill},
    {"kpi", NULL, demo_kpi_fill},
    {"accountability", NULL, demo_accountability_fill},
    {"fault", NULL, demo_fault_fill},
    {"land", NULL, demo_land_fill},
    {"platform", NULL, demo_platform_fill},
    {"industry", NULL, demo_industry_fill},
    {"mujun", NULL, demo_mujun_fill},
    {"space", NULL, demo_space_fill},
    {"assess", NULL, demo_assess_fill},
};

int demo_fill(struct demo *d)
{
	int rc;

	strbuf_init(&d->summary, 0);
	d->error = NULL;
	for (size_t i = 0; i < sizeof(fillers) / sizeof(fillers[0]); i++) {
		bool yes = false;
		if (fillers[i].present && (rc = fillers[i].present(d, &yes)) != KFQ_OK)
			return rc;
		if (yes) {
			d->error = arena_printf(d->a,
			                        "the database already has %s data; not adding "
			                        "demo data",
			                        fillers[i].module);
			return KFQ_ECONFLICT;
		}
	}
	for (size_t i = 0; i < sizeof(fillers) / sizeof(fillers[0]); i++)
		if ((rc = fillers[i].fill(d)) != KFQ_OK)
			return rc;
	return KFQ_OK;
}
