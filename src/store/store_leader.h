/* store_leader.h - art. 15 for 市委组织部 in SQL: each county's view (the zones it hosts (代管),
 * their grades over the years, the records of their leaders) and the records of zone leaders'
 * rewards and adjustments (leader_action), each checked by core/leader.c inside its write
 * transaction against the zone's grade of the year and the 容错免责 case it cites, and audited
 * (entity leader_action, JSON from the caller's struct store_leader_json). The zone's grade is
 * read through store_leader_grade only, the one seam to the annual assessment. Returned structs
 * and strings are in the caller's arena. Must not decide who may record: api/ does. */
#ifndef KFQ_STORE_LEADER_H
#define KFQ_STORE_LEADER_H

#include "core/leader.h"
#include "store/store.h"
#include "store/store_audit.h"

struct store_leader_action {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int64_t person_id;
	const char *person_name;
	const char *kind; /* promote, adjust, kept */
	int year;
	const char *grade; /* the zone's grade of the year when recorded (NULL for none) */
	int64_t fault_case_id;
	const char *basis;
	const char *doc_no;
	const char *recorded_org_name;
	const char *recorded_at;
};

struct store_leader_json {
	void (*action)(struct jsonw *w, const struct store_leader_action *x);
};

/* The zone's assessment grade of the year (enum_pay_grade code), *grade NULL when none. */
int store_leader_grade(struct store *s, struct arena *a, int64_t org_id, int year,
                       const char **grade);

/* Records x (org_id, person_id, kind, year, fault_case_id, basis, doc_no) by organization
 * org_id: KFQ_EINVAL with *rule when the basis does not hold, KFQ_ENOTFOUND when the person is
 * not on that zone's roster. The zone and the county hosting it are told in the same
 * transaction (core leader_action_item). Sets x->id. */
int store_leader_action_add(struct store *s, const struct store_actor *who,
                            const struct store_leader_json *json, struct store_leader_action *x,
                            int64_t recorder_org, enum leader_rule *rule);

/* A zone graded 优秀 or 较差 (art. 15's two grades that call for a record) with no record of
 * that year. */
struct store_leader_awaiting {
	int64_t org_id;
	const char *name;
	int64_t county_id;       /* 0 when the zone is not hosted by a county */
	const char *county_name; /* NULL then */
	int year;
	const char *grade; /* excellent or poor */
};

/* Those zones in scope of the year, by name; year 0: of the newest year with any (none when
 * there is none). 组织部's to-do counts them and its link's page lists them. */
int store_leader_awaiting(struct store *s, struct arena *a, const struct store_scope *scope,
                          int year, struct store_leader_awaiting **out, int *n);

/* KFQ_ENOTFOUND when absent. */
int store_leader_action_get(struct store *s, struct arena *a, int64_t id,
                            struct store_leader_action *out);

struct store_leader_filter {
	struct store_scope scope;
	int64_t org_id;    /* 0 = any */
	int64_t county_id; /* 0 = any: the zones under it */
	int year;          /* 0 = any */
	int64_t offset, limit;
};
int store_leader_action_list(struct store *s, struct arena *a, const struct store_leader_filter *f,
                             struct store_leader_action **out, int *n, int64_t *total);

/* One zone of a county's view. */
struct store_county_zone {
	int64_t org_id;
	const char *name;
	const char *level;
	const char **grades; /* [to - from + 1]: the grade of each year, NULL where none */
	struct store_leader_action *actions; /* of the years, oldest first */
	int nactions;
};

/* The zones whose parent is county_id, by name, with grades and records of the years from..to
 * (at most 30 years). */
int store_county_zones(struct store *s, struct arena *a, int64_t county_id, int from, int to,
                       struct store_county_zone **out, int *n);

#endif
