/* store_platform.h - platform companies in SQL (art. 12, 13): each zone's companies with their
 * shareholders and injected assets, the separation checklist, yearly balance-sheet figures and the
 * warning lines by company type. Writes are one transaction each with their audit record, whose
 * JSON comes from the caller's struct store_platform_json. Returned structs and strings are
 * allocated from the caller's arena. */
#ifndef KFQ_STORE_PLATFORM_H
#define KFQ_STORE_PLATFORM_H

#include "core/platform.h"
#include "store/store.h"
#include "store/store_audit.h"

struct jsonw;

#define PLATFORM_MAX_INJECTIONS 100

struct store_platform_shareholder {
	const char *name;
	const char *kind; /* state strategic other */
	int64_t stake_bp;
};

struct store_platform_injection {
	const char *asset;
	int64_t valuation_fen;
	const char *injected_on;
};

/* One checklist item; files are the attachments of (platform_duty, id). */
struct store_platform_duty {
	int64_t id;
	enum platform_duty duty;
	enum platform_status status;
	const char *evidence, *updated_at;
};

/* A year's figures. */
struct store_platform_sheet {
	int year;
	struct platform_sheet sheet;
	int64_t revenue_fen, profit_fen;
	const char *updated_at;
};

struct store_platform_company {
	int64_t id, zone_id;
	const char *zone_name;
	const char *name, *uscc;
	enum platform_type type;
	const char *established_on, *note, *created_at, *updated_at;
	struct store_platform_shareholder *holders;
	int nholders;
	struct store_platform_injection *injections;
	int ninjections;
	/* the latest year's figures, in lists (has_sheet false when none) */
	bool has_sheet;
	struct store_platform_sheet latest;
};

struct store_platform_filter {
	int64_t zone_id; /* 0 = any in scope */
	const char *q;   /* part of the name or the code */
	const struct store_scope *scope;
	int64_t offset, limit;
};

/* The audit JSON, supplied by the owner of the shape (app/platform_json.c). */
struct store_platform_json {
	void (*company)(struct jsonw *w, const struct store_platform_company *c);
	void (*duty)(struct jsonw *w, const struct store_platform_duty *d);
	void (*sheet)(struct jsonw *w, int64_t company_id, const struct store_platform_sheet *s);
	void (*lines)(struct jsonw *w, enum platform_type t,
	              const struct platform_line l[PLATFORM_INDICATOR_COUNT]);
};

/* A page of companies (without holders and injections), each with its latest year's figures. */
int store_platform_list(struct store *s, struct arena *a, const struct store_platform_filter *f,
                        struct store_platform_company **out, int *n, int64_t *total);
/* One company with its shareholders and injections. KFQ_ENOTFOUND when absent. */
int store_platform_get(struct store *s, struct arena *a, int64_t id,
                       struct store_platform_company *out);
/* Creates (c->id 0, set on return, with its six checklist items) or replaces a company with its
 * shareholders and injections. KFQ_ECONSTRAINT when zone_id is not a zone, KFQ_ECONFLICT when
 * the code is another company's. */
int store_platform_save(struct store *s, const struct store_actor *who,
                        const struct store_platform_json *json, struct store_platform_company *c);

/* Deletes company id entered by mistake, with its shareholders, injections and untouched
 * checklist; audited with what it was. KFQ_ENOTFOUND; KFQ_ESTATE when it has work of its own:
 * a year's figures, a checklist item moved on or with evidence, or a 督办单 about it. */
int store_platform_delete(struct store *s, const struct store_actor *who,
                          const struct store_platform_json *json, int64_t id);

/* The checklist of a company, in core/platform.h's order. */
int store_platform_duties(struct store *s, struct arena *a, int64_t company_id,
                          struct store_platform_duty **out, int *n);
/* KFQ_ENOTFOUND when absent; *company_id its company. */
int store_platform_duty_get(struct store *s, struct arena *a, int64_t id, int64_t *company_id,
                            struct store_platform_duty *out);
/* Sets an item's status and evidence note and attaches the uploads ids (by org_id) in the same
 * transaction (the caller applied core/platform.c's rule): KFQ_EINVAL when an upload cannot be
 * claimed. */
int store_platform_duty_save(struct store *s, const struct store_actor *who,
                             const struct store_platform_json *json, struct store_platform_duty *d,
                             int64_t org_id, const int64_t *ids, int nids);

/* Every year's figures of a company, the latest first. */
int store_platform_sheets(struct store *s, struct arena *a, int64_t company_id,
                          struct store_platform_sheet **out, int *n);
/* Records or replaces a year's figures. */
int store_platform_sheet_save(struct store *s, const struct store_actor *who,
                              const struct store_platform_json *json, int64_t company_id,
                              const struct store_platform_sheet *y);
/* Inside the caller's transaction (the import): records or replaces co's figures of y->year
 * without an audit record of its own; *rose = the year's worst level when the figures raise it
 * past what it was (the import tells it after its batch's audit record), else
 * PLATFORM_LEVEL_NORMAL. */
int store_platform_sheet_import(struct store *s, struct arena *a,
                                const struct store_platform_company *co,
                                const struct store_platform_sheet *y, enum platform_level *rose);

/* Every company in scope with its figures of year, by zone and name (for the board). */
int store_platform_year(struct store *s, struct arena *a, int year, const struct store_scope *scope,
                        struct store_platform_company **out, int *n);

/* The lines in force: core/platform.c's defaults where none is set. */
int store_platform_lines(struct store *s,
                         struct platform_line out[PLATFORM_TYPE_COUNT][PLATFORM_INDICATOR_COUNT]);
/* Sets a type's four lines. */
int store_platform_lines_save(struct store *s, const struct store_actor *who,
                              const struct store_platform_json *json, enum platform_type t,
                              const struct platform_line l[PLATFORM_INDICATOR_COUNT]);

/* A company by its code (for the import): KFQ_ENOTFOUND when none. */
int store_platform_by_uscc(struct store *s, struct arena *a, const char *uscc,
                           struct store_platform_company *out);

#endif
