/* store_invest.h - the investment pipeline in SQL (art. 13): projects, their stage changes and
 * the office's stall setting. Writes are one transaction each with their audit record (entity
 * invest_project with its stage history, or invest_setting), whose JSON comes from the caller's
 * struct store_invest_json. A project's responsible staff is a person on its zone's roster
 * (store_people.h), checked in the write's transaction by core/invest.h's rule. */
#ifndef KFQ_STORE_INVEST_H
#define KFQ_STORE_INVEST_H

#include "core/invest.h"
#include "store/store.h"
#include "store/store_audit.h"

struct jsonw;

struct store_invest_change {
	const char *from_stage; /* NULL: the stage it was entered at */
	const char *to_stage, *changed_on, *note, *changed_by_name, *changed_at;
};

struct store_invest_project {
	int64_t id, zone_id;
	const char *zone_name;
	struct invest_project p;
	const char *staff_text;        /* the free text of a project entered before the roster
	                                  reference (migration 0067); "" once a person is named */
	const char *staff_person_name; /* NULL when p.staff_person_id is 0 */
	const char *staff_left_on;     /* the person's recorded end on the roster, or NULL */
	enum invest_stage stage;
	const char *stage_on, *note;
	int64_t created_by;
	const char *created_at, *updated_at;
	struct store_invest_change *changes; /* oldest first; NULL in lists */
	int n_changes;
};

struct store_invest_filter {
	int64_t zone_id;        /* 0 = any in scope */
	const char *stage;      /* NULL = any */
	const char *stalled_on; /* NULL = any; else stalled: not 达产, stage_on at most this day */
	const char *q;          /* part of the name or investor; NULL = any */
	int64_t staff_person_id; /* 0 = any; else the projects this person is responsible for */
	const struct store_scope *scope;
	int64_t offset, limit;
};

struct store_invest_json {
	void (*project)(struct jsonw *w, const struct store_invest_project *p);
	void (*setting)(struct jsonw *w, int stall_days);
};

int store_invest_list(struct store *s, struct arena *a, const struct store_invest_filter *f,
                      struct store_invest_project **out, int *n, int64_t *total);
/* Each project f selects (offset and limit ignored), in the list's order, handed to fn (element:
 * a struct store_invest_project without its stage changes) one at a time, for the export: see
 * store_list_each; a holds the search's pattern. */
int store_invest_each(struct store *s, struct arena *a, const struct store_invest_filter *f,
                      store_each_fn fn, void *ctx);
/* One project with its stage changes. */
int store_invest_get(struct store *s, struct arena *a, int64_t id,
                     struct store_invest_project *out);
/* Creates a project (p->id 0: at p->stage since p->stage_on, its first change recorded) or
 * changes its facts (not its stage nor its zone), naming p->p.staff_person_id as its staff
 * (the old free text cleared). KFQ_ECONSTRAINT when zone_id is not a zone; KFQ_EINVAL with *why
 * when the person may not be named (invest_staff_check); nothing written then. */
int store_invest_save(struct store *s, const struct store_actor *who,
                      const struct store_invest_json *json, struct store_invest_project *p,
                      struct invest_problem *why);
/* Moves a project from stage `from` (what the caller checked) to `to` on `on`; the realized
 * investment too when realized_fen >= 0. KFQ_ESTATE when the project is no longer at `from`. */
int store_invest_move(struct store *s, const struct store_actor *who,
                      const struct store_invest_json *json, int64_t id, enum invest_stage from,
                      enum invest_stage to, const char *on, const char *note, int64_t realized_fen);

int store_invest_stall_days(struct store *s, int *days);
int store_invest_set_stall_days(struct store *s, const struct store_actor *who,
                                const struct store_invest_json *json, int days);

#endif
