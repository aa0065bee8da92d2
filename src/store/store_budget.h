/* store_budget.h - zone budgets in SQL (art. 5): a zone's fiscal mode per year, its budget
 * and final-account lines, and its projects' performance. Writes are one transaction each with
 * their audit record, whose JSON comes from the caller's struct store_budget_json; the lines
 * are written by the budget import (app/import_budget.c), which records its batch. */
#ifndef KFQ_STORE_BUDGET_H
#define KFQ_STORE_BUDGET_H

#include "core/budget.h"
#include "store/store.h"
#include "store/store_audit.h"

struct jsonw;

/* A zone's fiscal mode for a year (zone_budget). */
struct store_budget_year {
	int64_t id, zone_id;
	const char *zone_name;
	int year;
	struct budget_year by;
	const char *note, *created_at, *updated_at;
};

/* One zone of the overview of a year: its mode (has_year false when not recorded) and the
 * totals of its accounts' 类 lines. */
struct store_budget_zone {
	int64_t zone_id;
	const char *zone_name;
	bool has_year;
	struct store_budget_year y;
	int64_t budget_fen, final_fen; /* sums of the 类 lines */
	int64_t budget_lines, final_lines;
};

/* One line of a zone's accounts. */
struct store_budget_line {
	const char *code, *name;
	enum budget_kind kind;
	int64_t amount_fen;
};

struct store_budget_project {
	int64_t id, zone_id;
	const char *zone_name;
	int year;
	const char *name, *subject_code, *target, *result;
	struct budget_project p;
	const char *created_at, *updated_at;
};

struct store_budget_project_filter {
	int64_t zone_id; /* 0 = any in scope */
	int year;        /* 0 = any */
	/* BUDGET_GRADE_NONE = any; else evaluated with a score within score_lo..score_hi (core
	 * budget_grade_find) */
	enum budget_grade grade;
	int64_t score_lo, score_hi;
	const struct store_scope *scope;
	int64_t offset, limit;
};

/* The audit JSON of the entities, supplied by the owner of the shape (api/budget_json.c). */
struct store_budget_json {
	void (*year)(struct jsonw *w, const struct store_budget_year *y);
	void (*project)(struct jsonw *w, const struct store_budget_project *p);
};

/* The zones in scope with their mode and totals for year, by zone name. */
int store_budget_overview(struct store *s, struct arena *a, int year,
                          const struct store_scope *scope, struct store_budget_zone **out, int *n);
/* KFQ_ENOTFOUND when the zone has no mode recorded for year. */
int store_budget_year_get(struct store *s, struct arena *a, int64_t zone_id, int year,
                          struct store_budget_year *out);
/* Records or replaces the zone's mode for y->year (y->id set on return). KFQ_ECONSTRAINT when
 * zone_id is not a zone. */
int store_budget_year_save(struct store *s, const struct store_actor *who,
                           const struct store_budget_json *json, struct store_budget_year *y);
/* Every line of the zone's budget and final accounts of year, by code then kind. */
int store_budget_lines(struct store *s, struct arena *a, int64_t zone_id, int year,
                       struct store_budget_line **out, int *n);

/* The import's writer, inside the import's transaction: clears the accounts a file holds
 * (each (zone, year, kind) once), then inserts its lines. */
struct store_budget_bulk;
int store_budget_bulk_begin(struct store *s, struct store_budget_bulk **out);
int store_budget_bulk_clear(struct store_budget_bulk *b, int64_t zone_id, int year,
                            enum budget_kind kind);
int store_budget_bulk_row(struct store_budget_bulk *b, int64_t zone_id, int year,
                          enum budget_kind kind, const char *code, const char *name,
                          int64_t amount_fen);
/* Frees b. */
int store_budget_bulk_end(struct store_budget_bulk *b);
void store_budget_bulk_abort(struct store_budget_bulk *b);

int store_budget_project_list(struct store *s, struct arena *a,
                              const struct store_budget_project_filter *f,
                              struct store_budget_project **out, int *n, int64_t *total);
int store_budget_project_get(struct store *s, struct arena *a, int64_t id,
                             struct store_budget_project *out);
/* Creates (p->id 0, set on return) or replaces a project. KFQ_ECONSTRAINT when zone_id is not a
 * zone. A project whose evaluation is newly graded 差 is told to its zone in the same
 * transaction (core budget_poor_item). */
int store_budget_project_save(struct store *s, const struct store_actor *who,
                              const struct store_budget_json *json, struct store_budget_project *p);
/* Deletes project id, audited with what it was. KFQ_ENOTFOUND; KFQ_ESTATE while a 督办单 is
 * about it (the notice would lose its subject). */
int store_budget_project_delete(struct store *s, const struct store_actor *who,
                                const struct store_budget_json *json, int64_t id);

#endif
