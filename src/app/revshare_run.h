/* revshare_run.h - the use cases of revenue sharing that read the whole city: computing every
 * zone's statement for a year from the registry, the tax records, the year's configuration and
 * the arrangements in force, and saving it by the versioning rule; and the what-if comparison of
 * sharing ratios (core/scenario.h) with its adoption. The API and the command line call these. */
#ifndef KFQ_APP_REVSHARE_RUN_H
#define KFQ_APP_REVSHARE_RUN_H

#include "core/revshare.h"
#include "core/scenario.h"
#include "store/store_revshare.h"

/* The parameters a what-if may vary: the sharing ratio ("ratio_bp"). */
extern const struct scenario_param_def revshare_scenario_params[];
extern const size_t revshare_n_scenario_params;

enum revshare_run_status {
	REVSHARE_RUN_OK,
	REVSHARE_RUN_NOT_CONFIGURED, /* the year or its base year has no configuration */
	REVSHARE_RUN_INVALID,        /* the inputs break a rule: message, enterprise_id */
	REVSHARE_RUN_STORE,          /* a store error: rc */
};

/* A year's inputs and every zone's computed statement, before anything is saved. */
struct revshare_prepared {
	struct revshare_params prm;
	int64_t *zone_ids;
	size_t n_zones;
	struct store_revshare_source *src;
	struct revshare_enterprise *ent; /* ent[i] is src[i] */
	size_t n;
	struct revshare_result result;
};

struct revshare_run_result {
	enum revshare_run_status status;
	int rc;
	const char *message;              /* Chinese */
	int64_t enterprise_id;            /* the enterprise a refusal is about, 0 = none */
	struct store_revshare_new *zones; /* each zone's statement as saved, action included */
	size_t n_zones;
	int64_t returned_fen; /* the city's cost */
};

/* Reads and computes year's statements into *out (nothing saved). KFQ_OK, or an error with *r's
 * status and message. */
int revshare_prepare(struct store *s, struct arena *a, int year, struct revshare_prepared *out,
                     struct revshare_run_result *r);

/* Whether statement st still is what its year's inputs compute for its zone now (the same
 * digest): *current false when the configuration, the tax records, the registry or the
 * arrangements changed since it was computed. KFQ_OK, or an error with *r as revshare_prepare. */
int revshare_is_current(struct store *s, struct arena *a, const struct store_revshare_statement *st,
                        bool *current, struct revshare_run_result *r);

/* revshare_prepare, then saves every zone's statement in one transaction. */
int revshare_run(struct store *s, struct arena *a, const struct store_actor *who, int year,
                 struct revshare_run_result *r);

/* Compares the year's current configuration with scenarios (values for revshare_scenario_params):
 * each zone's returned amount and the city's total, side by side. Reads, never writes. KFQ_OK,
 * KFQ_EINVAL with *p for a bad scenario, or an error with *r (not configured, invalid inputs,
 * store). */
int revshare_whatif(struct store *s, struct arena *a, int year, const struct scenario *sc, size_t n,
                    struct scenario_comparison *out, struct scenario_problem *p,
                    struct revshare_run_result *r);

/* Adopts a scenario: the year's configuration takes its values, audited as "adopt_scenario"
 * with the scenario's name. KFQ_EINVAL with *p for a bad scenario; *r as above. */
int revshare_adopt(struct store *s, struct arena *a, const struct store_actor *who, int year,
                   const struct scenario *sc, struct scenario_problem *p,
                   struct revshare_run_result *r);

#endif
