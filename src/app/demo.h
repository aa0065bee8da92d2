/* demo.h - what `kfq demo` puts in a fresh database for first-time users: a living example of
 * every module, dated from today. One filler per module (demo_X.c), run in the order of the
 * table in demo.c; a new module adds its demo_X.c and one line there. Every filler writes
 * through the same store functions, and so the same audit log, as the web app. */
#ifndef KFQ_APP_DEMO_H
#define KFQ_APP_DEMO_H

#include "app/policy_import.h"
#include "util/strbuf.h"

/* What the fillers share. The caller sets the inputs; the fillers fill the rest. */
struct demo {
	/* inputs */
	struct store *s;
	const struct store_actor *who;
	struct arena *a;         /* what the fillers keep; lives until the caller releases it */
	int64_t today;           /* day number in Asia/Shanghai (core/plan.h plan_today) */
	const char *policy_text; /* the seed policy (data/demo/…txt), read by the caller */
	size_t policy_len;
	const char
	    *data_dir; /* where evidence files go (util/blobstore), as `kfq serve` reads them */
	/* filled: what earlier fillers made, for later ones */
	struct policy_import_result policy; /* demo_task: the seed policy and its tasks */
	struct strbuf summary;              /* each filler adds "imported 18 tasks" and the like */
	const char *error;                  /* a refusal, in words; NULL for a database error */
};

/* The fillers. present (may be NULL in the table) says whether the module already has data:
 * then nothing is filled. fill adds the module's data. Both return KFQ_OK or an error code. */
int demo_plan_present(struct demo *d, bool *yes);
int demo_task_fill(struct demo *d);
int demo_plan_fill(struct demo *d);
int demo_money_present(struct demo *d, bool *yes);
int demo_money_fill(struct demo *d);
int demo_power_present(struct demo *d, bool *yes);
int demo_power_fill(struct demo *d);
int demo_consult_fill(struct demo *d);
int demo_budget_fill(struct demo *d);
int demo_people_fill(struct demo *d);
int demo_accountability_fill(struct demo *d);
/* 容错免责 cases, one decided (with its effect recorded) and one open (demo_fault.c) */
int demo_fault_fill(struct demo *d);
/* the sample zones' internal KPIs of their staff, scored, and the first zone's distribution
 * plan from those scores (demo_kpi.c) */
int demo_kpi_fill(struct demo *d);

/* Shared by the fillers. The zone's first person on the roster when in a leader post (the
 * roster lists leaders first), else *person 0. */
int demo_zone_leader(struct demo *d, int64_t org_id, int64_t *person, const char **name);
/* A one-page PDF of n lines of UTF-8 text (each at most about 40 characters), *len bytes in a
 * (demo_pdf.c). */
const char *demo_pdf(struct arena *a, const char *const *lines, int n, size_t *len);
int demo_land_fill(struct demo *d);
/* a platform company per sample zone with two years of figures (demo_platform.c) */
int demo_platform_fill(struct demo *d);
int demo_industry_fill(struct demo *d);
int demo_mujun_fill(struct demo *d);
int demo_space_fill(struct demo *d);
int demo_assess_fill(struct demo *d);

/* Runs every filler (d->summary initialised here; the caller releases it). KFQ_ECONFLICT with
 * d->error set when a module already has data; another error with d->error set when a filler
 * refused, or NULL when the database failed (store_errmsg says why). */
int demo_fill(struct demo *d);

#endif
