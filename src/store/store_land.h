/* store_land.h - the land module's storage: each zone's approved area and boundary
 * (store_boundary.c), land batches and parcels (store_parcel.c), the cases of low-efficiency
 * land (store_land_case.c) and located projects (store_project.c). Every change is audited in its
 * transaction with the caller's JSON shapes (struct store_land_json). Returned structs and strings
 * are allocated from the caller's arena. The rules (geometry, what a valid entry is) are core/'s:
 * this stores what the caller has checked and computed. */
#ifndef KFQ_STORE_LAND_H
#define KFQ_STORE_LAND_H

#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* A zone's approved area and boundary. */
struct store_boundary {
	int64_t zone_id;
	const char *zone_name; /* read back */
	const char *catalogue_code;
	int64_t approved_ha_x100; /* hectares, hundredths */
	const char *four_to;
	const char *geojson; /* NULL: no coordinates yet; lists leave it NULL (has_geometry) */
	bool has_geometry;   /* read back */
	int64_t area_m2x100; /* computed by the caller from geojson; 0 without */
	int tolerance_bp;
	int64_t bbox[4]; /* min lon, min lat, max lon, max lat: 1e-7 degrees */
	const char *updated_at;
};

/* A batch approved for construction, with the area of its parcels (read back). */
struct store_batch {
	int64_t id;
	int64_t zone_id;
	const char *zone_name;
	const char *batch_no;
	const char *approved_on;
	int64_t approved_m2x100;
	int64_t supplied_m2x100; /* read back: the parcels' areas */
	const char *created_at;
};

/* A parcel: dates YYYY-MM-DD or NULL, areas m² hundredths, money fen. */
struct store_parcel {
	int64_t id;
	int64_t zone_id;
	const char *zone_name;
	int64_t batch_id; /* 0 = none */
	const char *batch_no;
	const char *parcel_no;
	const char *location;
	const char *land_use;
	int64_t area_m2x100, developed_m2x100;
	int64_t land_price_fen, investment_agreed_fen, investment_done_fen;
	const char *agreed_start, *agreed_finish, *agreed_production;
	const char *actual_start, *actual_finish, *actual_production;
	const char *stopped_since;
	int64_t far_agreed_x100, far_x100;
	int64_t tax_per_mu_agreed_fen, tax_last_year_fen;
	const char *idle_cause;
	const char *geojson;
	const char *where_code;
	int64_t enterprise_id; /* 0 = none (the registry's, store_enterprise.h) */
	const char *enterprise_name, *enterprise_uscc; /* read back */
	/* read back: the enterprise's tax in the registry (store_mujun.h) of the year the read
	 * asked for, the sum of its records; registry_tax false when it has none of that year */
	bool registry_tax;
	int64_t registry_tax_fen;
	int64_t registry_area_m2x100; /* read back: the enterprise's parcels' area together */
	int64_t open_case_id;         /* read back: its case being handled, 0 = none */
	const char *created_at, *updated_at;
};

struct store_parcel_filter {
	int64_t zone_id;          /* 0 = any */
	int64_t batch_id;         /* 0 = any */
	const char *land_use;     /* NULL = any */
	const char *q;            /* part of the number, the location or the enterprise's name */
	int64_t enterprise_id;    /* 0 = any */
	struct store_scope scope; /* the zones whose parcels may be listed */
	int tax_year;             /* the year of the registry's tax each parcel reads back */
	int64_t offset, limit;    /* limit 0 = all */
};

/* A case of low-efficiency land and its handling. */
struct store_land_case {
	int64_t id;
	int64_t zone_id;
	const char *zone_name;
	int64_t parcel_id; /* one of parcel_id and batch_id */
	const char *parcel_no;
	int64_t batch_id;
	const char *batch_no;
	const char *kind;
	const char *handling;
	int64_t fee_fen;
	const char *due_on;
	const char *note;
	const char *status; /* open, closed */
	const char *result;
	const char *opened_at;
	const char *closed_at;
};

struct store_land_case_filter {
	int64_t zone_id;
	int64_t parcel_id;
	const char *status;
	/* NULL, or only the open cases whose deadline (due_on) is before it (YYYY-MM-DD): 逾期 */
	const char *late_before;
	struct store_scope scope;
	int64_t offset, limit;
};

/* A project located by a point or an outline. */
struct store_project {
	int64_t id;
	int64_t zone_id;
	const char *zone_name;
	const char *name;
	bool industrial;
	const char *geojson;
	const char *where_code;
	const char *exception_reason;
	const char *created_at, *updated_at;
};

struct store_project_filter {
	int64_t zone_id;
	int industrial; /* 1, 0, or -1 for either */
	/* only non-industrial projects not outside and without an exception (core/land.h) */
	bool flagged;
	struct store_scope scope;
	int64_t offset, limit;
};

struct store_land_json {
	void (*boundary)(struct jsonw *w, const struct store_boundary *b);
	void (*batch)(struct jsonw *w, const struct store_batch *b);
	void (*parcel)(struct jsonw *w, const struct store_parcel *p);
	void (*land_case)(struct jsonw *w, const struct store_land_case *c);
	void (*project)(struct jsonw *w, const struct store_project *p);
};

/* The zones whose boundaries are recorded, within scope (the zone ids), by name; without the
 * GeoJSON unless with_geometry. */
int store_boundary_list(struct store *s, struct arena *a, const struct store_scope *scope,
                        bool with_geometry, struct store_boundary **out, int *n);
/* KFQ_ENOTFOUND when the zone has none. */
int store_boundary_get(struct store *s, struct arena *a, int64_t zone_id,
                       struct store_boundary *out);
/* The caller's geometry for the re-check a boundary's change brings: locate() sets *where_code
 * (core/land.h's land_where_code, a static string) of a stored GeoJSON text against the
 * boundary being set; 0, or -1 when it cannot. */
struct store_locator {
	int (*locate)(void *arg, const char *geojson, const char **where_code);
	void *arg;
};
/* Sets (creates or replaces) b->zone_id's record, audited as "set" on entity "zone_boundary".
 * With coordinates and loc, every project and located parcel of the zone is re-located with loc
 * in the same transaction: the codes that change are written and listed in the record's after
 * as "relocated" ([{entity, id, name, from, to}], absent when none), *changed (NULL: not
 * wanted) their number. KFQ_ENOTFOUND when the organization does not exist, KFQ_ECONSTRAINT
 * when it is not a zone, KFQ_EINVAL when loc fails on a stored shape (nothing written). */
int store_boundary_set(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, const struct store_boundary *b,
                       const struct store_locator *loc, int *changed);

/* ---- batches and parcels (store_parcel.c) ---- */

/* Batches within scope (zone_id 0 = every zone), newest approval first. */
int store_batch_list(struct store *s, struct arena *a, const struct store_scope *scope,
                     int64_t zone_id, struct store_batch **out, int *n);
int store_batch_get(struct store *s, struct arena *a, int64_t id, struct store_batch *out);
/* Creates b (b->id set), audited "create" on "land_batch". KFQ_ECONFLICT when the zone has
 * that number already, KFQ_ECONSTRAINT when the organization is not a zone. */
int store_batch_create(struct store *s, const struct store_actor *who,
                       const struct store_land_json *json, struct store_batch *b);

int store_parcel_list(struct store *s, struct arena *a, const struct store_parcel_filter *f,
                      struct store_parcel **out, int *n, int64_t *total);
/* Each parcel f selects (offset and limit ignored), in the list's order, handed to fn (element:
 * a struct store_parcel) one at a time, for the export: see store_list_each. a holds what the
 * filter needs. */
int store_parcel_each(struct store *s, struct arena *a, const struct store_parcel_filter *f,
                      store_each_fn fn, void *ctx);
/* The parcel with its enterprise's registry tax of tax_year. */
int store_parcel_get(struct store *s, struct arena *a, int64_t id, int tax_year,
                     struct store_parcel *out);
/* Creates p (p->id set) or replaces every field of p->id, audited "create" / "update" on
 * "land_parcel". KFQ_ECONFLICT when the number is taken, KFQ_ECONSTRAINT when the zone is not a
 * zone or the batch is another zone's, KFQ_EINVAL when the batch's other parcels and p together
 * are larger than its approved area, KFQ_ENOTFOUND (update) when absent. */
int store_parcel_create(struct store *s, const struct store_actor *who,
                        const struct store_land_json *json, struct store_parcel *p);
int store_parcel_update(struct store *s, const struct store_actor *who,
                        const struct store_land_json *json, const struct store_parcel *p);

/* The parcel import (app/import_parcels.c): every parcel number in use, sorted (arena); the
 * bulk insert of new parcels. */
int store_parcel_numbers(struct store *s, struct arena *a, const char ***out, int *n);
extern const struct store_bulk_spec store_parcel_bulk;
struct store_bulk;
int store_parcel_bulk_row(struct store_bulk *b, const struct store_parcel *p, const char *now);

/* ---- cases (store_land_case.c) ---- */

int store_land_case_list(struct store *s, struct arena *a, const struct store_land_case_filter *f,
                         struct store_land_case **out, int *n, int64_t *total);
/* Each case f selects (offset and limit ignored), in the list's order, handed to fn (element: a
 * struct store_land_case) one at a time, for the export: see store_list_each. */
int store_land_case_each(struct store *s, const struct store_land_case_filter *f, store_each_fn fn,
                         void *ctx);
int store_land_case_get(struct store *s, struct arena *a, int64_t id, struct store_land_case *out);
/* Opens c (status open; c->id set), audited "create" on "land_case". KFQ_ECONFLICT when its
 * parcel or batch has an open case already. */
int store_land_case_create(struct store *s, const struct store_actor *who,
                           const struct store_land_json *json, struct store_land_case *c);
/* Closes case id with its result, audited "close". KFQ_ESTATE when it is closed already. */
int store_land_case_close(struct store *s, const struct store_actor *who,
                          const struct store_land_json *json, int64_t id, const char *result);

/* ---- projects (store_project.c) ---- */

int store_project_list(struct store *s, struct arena *a, const struct store_project_filter *f,
                       struct store_project **out, int *n, int64_t *total);
int store_project_get(struct store *s, struct arena *a, int64_t id, struct store_project *out);
/* Creates p or replaces every field of p->id, audited "create" / "update" on "land_project". */
int store_project_create(struct store *s, const struct store_actor *who,
                         const struct store_land_json *json, struct store_project *p);
int store_project_update(struct store *s, const struct store_actor *who,
                         const struct store_land_json *json, const struct store_project *p);

#endif
