/* land_impl.h - what the land module's handlers share (api/boundary.c, api/parcel.c,
 * api/land_case.c, api/project.c): whose land a caller reads and may change. Private to them. */
#ifndef KFQ_API_LAND_IMPL_H
#define KFQ_API_LAND_IMPL_H

#include "api/api.h"

/* The zones whose land the caller reads: zone and county accounts their data scope, every
 * other role that reads land (the office, departments, supervisors) every zone. */
void land_scope(struct api_ctx *c, struct store_scope *out);
/* 0 when the caller may change zone_id's land: its organization holds manage_land (any zone),
 * or it is a zone account whose scope covers the zone; else answers 403 and returns -1. A zone
 * the caller may not read answers 404 first. */
int land_may_change(struct api_ctx *c, int64_t zone_id);
/* Reads an optional decimal of hundredths (areas in m² or ha, money in 元 as fen) from body
 * field name: *out 0 when absent. 0, or -1 after answering 400 naming the field. */
int land_body_hundredths(struct api_ctx *c, const char *name, bool positive, int64_t *out);

/* Reads body field "geojson" (a Point, Polygon or MultiPolygon, checked as core/geojson.h and
 * core/geo.h say) and locates it against zone_id's boundary: *text its normalized GeoJSON
 * (NULL when the field is absent), *where the code of core/land.h's land_where_code, NULL when
 * the zone has no boundary coordinates yet. 0, or -1 after answering 400 naming /geojson. */
int land_locate(struct api_ctx *c, int64_t zone_id, const char **text, const char **where);
/* The year before today's: the year of the registry's tax a parcel is read with
 * (store_parcel_filter.tax_year, store_parcel_get) for land_classify_parcel. */
int land_tax_year(struct api_ctx *c);
/* Classifies a parcel read with land_tax_year today (core/land.c), with last year's tax from
 * the registry's tax records when its enterprise has them for that year, else as entered. */
struct land_finding;
struct store_parcel;
void land_classify_parcel(struct api_ctx *c, const struct store_parcel *p, struct land_finding *f);
/* Reads an optional ISO date from body field name into *out (NULL when absent). 0, or -1
 * after answering 400. */
int land_body_date(struct api_ctx *c, const char *name, const char **out);

#endif
