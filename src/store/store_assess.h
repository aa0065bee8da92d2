/* store_assess.h - the annual assessment in SQL: schemes per year and class with their
 * indicators and zones, each zone's targets and actuals, the results computed by core/assess.h
 * inside the write transaction (every indicator's contribution kept), their publication (which
 * sets each zone's grade of the year for the performance-pay pool, zone_grade), the changes
 * after publication with the old result and the reason kept, and the zones' appeals. Every
 * write is one transaction with its audit record (entity types assess_scheme, assess_values,
 * assess_appeal) whose JSON comes from the caller's struct store_assess_json. Returned structs
 * and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_ASSESS_H
#define KFQ_STORE_ASSESS_H

#include "core/assess.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_assess_indicator {
	int64_t id;
	int seq; /* 1.. in the scheme's order */
	const char *name;
	const char *unit; /* NULL when none */
	const char *kind; /* target province deduction */
	const char *mode; /* higher lower score rank points */
	int64_t weight, scale;
};

struct store_assess_zone {
	int64_t org_id;
	const char *org_name;
};

struct store_assess_scheme {
	int64_t id;
	int year;
	const char *class_key; /* the class (分级分类), e.g. 国家级经开区 */
	const char *name;
	struct assess_rules r;
	const char *status; /* draft published */
	const char *published_at, *appeal_deadline, *updated_at;
	struct store_assess_indicator *ind; /* filled by get and save */
	int nind;
	struct store_assess_zone *zones; /* filled by get and save */
	int nzones;
	int nresults; /* results computed */
};

struct store_assess_value {
	int64_t indicator_id;
	int64_t org_id;
	const char *org_name;
	bool has_target;
	int64_t target, actual;
	const char *updated_at;
};

struct store_assess_line {
	int64_t indicator_id;
	const char *name;
	const char *kind;
	int64_t weight;
	int64_t completion_bp, contribution_cp;
};

struct store_assess_history {
	int version;
	int64_t score_cp;
	int rank;
	const char *grade;
	const char *reason;
	const char *changed_at;
	const char *changed_by; /* the account's name */
};

struct store_assess_appeal {
	int64_t id, result_id, org_id;
	const char *org_name;
	int year;
	const char *scheme_name;
	const char *reason;
	const char *status; /* open upheld rejected */
	const char *filed_at;
	const char *comment; /* the office's decision, NULL while open */
	const char *decided_at;
};

struct store_assess_result {
	int64_t id, scheme_id, org_id;
	const char *org_name;
	int year;
	const char *class_key, *scheme_name, *scheme_status, *appeal_deadline;
	int64_t score_cp, target_cp, deduct_cp;
	int rank;
	const char *grade;
	bool demoted; /* 优秀 by score, 良好 by the quota */
	int version;
	const char *computed_at;
	struct store_assess_line *lines; /* filled by list and get */
	int nlines;
	struct store_assess_history *history; /* get: the results it replaced, newest first */
	int nhistory;
	struct store_assess_appeal *appeals; /* get */
	int nappeals;
};

/* The caller's JSON of each audited entity. scheme: with its indicators, zones and results. */
struct store_assess_json {
	void (*scheme)(struct jsonw *w, const struct store_assess_scheme *s,
	               const struct store_assess_result *r, int nr);
	void (*values)(struct jsonw *w, const struct store_assess_value *v, int n);
	void (*appeal)(struct jsonw *w, const struct store_assess_appeal *a);
};

/* Why a write was refused (with KFQ_EINVAL or KFQ_ESTATE). */
enum store_assess_refusal {
	STORE_ASSESS_RULE = 1,      /* a rule of core/assess.h: see rule and bad */
	STORE_ASSESS_PUBLISHED,     /* the scheme is published: no more changes to it */
	STORE_ASSESS_INDICATORS,    /* values are entered: the indicators keep their number */
	STORE_ASSESS_ZONE_TAKEN,    /* a zone is already in another class of the year */
	STORE_ASSESS_NOT_IN_SCHEME, /* the zone or indicator is not the scheme's */
	STORE_ASSESS_NO_RESULTS,    /* publish before every zone's result is computed */
	STORE_ASSESS_NOT_PUBLISHED, /* appeal against a result not yet published */
	STORE_ASSESS_LATE,          /* appeal after the window */
	STORE_ASSESS_OPEN_APPEAL,   /* an appeal is already waiting, or this one is decided */
};

struct store_assess_outcome {
	enum store_assess_refusal why;
	enum assess_rule rule;
	int64_t org_id; /* the zone whose values broke the rule (compute), 0 otherwise */
	int bad;        /* the indicator's index, -1 for the scheme */
};

/* Creates (in->id 0) or replaces a draft scheme with its indicators and zones. Refused:
 * KFQ_EINVAL with the rule broken, KFQ_ESTATE when published or when values exist and the
 * indicators change in number, KFQ_ECONFLICT when a zone is in another class of the year (or
 * the class exists). Results already computed are dropped (they were for the old scheme).
 * in->id and the indicators' ids are set. */
int store_assess_scheme_save(struct store *s, const struct store_actor *who,
                             const struct store_assess_json *json, struct store_assess_scheme *in,
                             struct store_assess_outcome *out);
/* Schemes of the year (0 = any), without indicators and zones. */
int store_assess_scheme_list(struct store *s, struct arena *a, int year,
                             struct store_assess_scheme **out, int *n);
/* With indicators and zones. KFQ_ENOTFOUND when absent. */
int store_assess_scheme_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_scheme *out);

/* Sets org's values of scheme_id (indicator_id, has_target, target, actual of each; other
 * indicators keep theirs). KFQ_ESTATE (STORE_ASSESS_NOT_IN_SCHEME) when the zone or an
 * indicator is not the scheme's. */
int store_assess_values_set(struct store *s, const struct store_actor *who,
                            const struct store_assess_json *json, int64_t scheme_id, int64_t org_id,
                            const struct store_assess_value *v, int n,
                            struct store_assess_outcome *out);
/* Every scheme of every year with its indicators and zones (what an import checks its rows
 * against). */
int store_assess_scheme_all(struct store *s, struct arena *a, struct store_assess_scheme **out,
                            int *n);
/* One value written inside the caller's write transaction (an import's rows: the import's
 * batch record is their audit record). The caller has checked zone and indicator. */
int store_assess_value_put(struct store *s, const struct store_actor *who,
                           const struct store_assess_value *v);
/* Every value of the scheme (org_id 0) or of one zone, by zone then indicator. */
int store_assess_values(struct store *s, struct arena *a, int64_t scheme_id, int64_t org_id,
                        struct store_assess_value **out, int *n);

/* Computes every zone's result of the scheme from its values (core/assess.h) and grades the
 * class. On a published scheme reason is required by the caller; a result whose score, rank
 * or grade changes keeps the old one in its history with the reason, and the zone's grade of
 * the year follows. KFQ_EINVAL (STORE_ASSESS_RULE) names the zone and indicator. */
int store_assess_compute(struct store *s, const struct store_actor *who,
                         const struct store_assess_json *json, int64_t scheme_id,
                         const char *reason, struct store_assess_outcome *out);
/* The grade thresholds a what-if adopts for every class of a year: -1 keeps a scheme's own. */
struct store_assess_thresholds {
	int64_t min_cp[3]; /* excellent, good, fair */
	int64_t top_quota_bp;
};
/* Inside the caller's write transaction (a what-if's adoption, store_pay.h): sets t on every
 * scheme of the year whose numbers it changes, each audited ("adopt_scenario"); a draft with
 * results is computed again so that its grades follow. Refused: KFQ_EINVAL (STORE_ASSESS_RULE,
 * ASSESS_BAD_THRESHOLDS) when a scheme's thresholds would not descend, KFQ_ESTATE
 * (STORE_ASSESS_PUBLISHED) when a published scheme's would change. */
int store_assess_thresholds_tx(struct store *s, const struct store_actor *who,
                               const struct store_assess_json *json, int year,
                               const struct store_assess_thresholds *t,
                               struct store_assess_outcome *out);
/* Publishes a draft scheme whose every zone has a result: the appeal window opens now, and
 * each zone's grade of the year (zone_grade) becomes its result's. */
int store_assess_publish(struct store *s, const struct store_actor *who,
                         const struct store_assess_json *json, int64_t scheme_id,
                         struct store_assess_outcome *out);

struct store_assess_filter {
	int year;          /* 0 = any */
	int64_t scheme_id; /* 0 = any */
	bool published_only;
	const struct store_scope *scope;
};
/* Results by year, class and rank, with their lines. */
int store_assess_results(struct store *s, struct arena *a, const struct store_assess_filter *f,
                         struct store_assess_result **out, int *n);
/* With lines, history and appeals. KFQ_ENOTFOUND when absent. */
int store_assess_result_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_result *out);

/* A zone's appeal of its published result, at `now` (Unix seconds): KFQ_ESTATE when not
 * published, late, or another appeal waits. *id set. */
int store_assess_appeal_file(struct store *s, const struct store_actor *who,
                             const struct store_assess_json *json, int64_t result_id,
                             const char *reason, int64_t now, int64_t *id,
                             struct store_assess_outcome *out);
/* The office's decision on an open appeal: upheld (the office then corrects the values and
 * recomputes with the appeal as the reason) or rejected. KFQ_ESTATE when decided. */
int store_assess_appeal_decide(struct store *s, const struct store_actor *who,
                               const struct store_assess_json *json, int64_t id,
                               const char *decision, const char *comment,
                               struct store_assess_outcome *out);
int store_assess_appeal_get(struct store *s, struct arena *a, int64_t id,
                            struct store_assess_appeal *out);
/* Appeals of the year (0 = any) in scope, open first. */
int store_assess_appeals(struct store *s, struct arena *a, int year,
                         const struct store_scope *scope, struct store_assess_appeal **out, int *n);

#endif
