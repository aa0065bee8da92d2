/* duty.h - the rules of a zone–county 权责清单 (art. 3): every function in exactly one pair of
 * hands. A function is held by the zone, by the county, or shared with exactly one lead and the
 * hand-over steps (衔接流程) between them, each with a time limit in working days. A function in
 * no one's hands, or listed twice with different holders (in both), is refused; so is a shared
 * one without its lead or steps, and a lead on one that is not shared. Pure. */
#ifndef KFQ_CORE_DUTY_H
#define KFQ_CORE_DUTY_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define DUTY_MAX_ITEMS 500
#define DUTY_MAX_STEPS 20

struct duty_step {
	const char *text;
	int64_t days; /* working days, 1..365 */
};

struct duty_fn {
	const char *name;
	const char *holder; /* zone county shared; NULL = no one */
	const char *lead;   /* zone county: shared only */
	const struct duty_step *steps;
	int nsteps;
};

struct duty_problem {
	int index;         /* the item, -1 for the list */
	const char *field; /* "name", "holder", "lead", "steps" */
	char message[160]; /* Chinese */
};

/* 0 when the list is valid, else -1 with *p: the first problem in item order. */
int duty_validate(const struct duty_fn *items, int n, struct duty_problem *p);

/* draft submitted approved returned superseded; labels 草稿 待审批 已批准 已退回 已被新版本取代 */
bool duty_status_valid(const char *status);
const char *duty_status_label(const char *status);

enum duty_action { DUTY_SUBMIT, DUTY_APPROVE, DUTY_RETURN };
/* The status after the action, or NULL when refused: draft/returned → submitted; submitted →
 * approved or returned. An approved list is changed by making the next version. */
const char *duty_next_status(const char *status, enum duty_action a);

/* What a step tells whom: a submitted version goes to the accounts of the organizations holding
 * approve_duty_list; an approval or return to the zone's and the county's accounts. */
struct duty_step_subject {
	int64_t list_id, zone_org_id, county_org_id;
	const char *zone_name;
	int version;
	const char *comment;
};
void duty_step_item(enum duty_action a, const struct duty_step_subject *s, struct arena *ar,
                    struct inbox_item *out);

#endif
