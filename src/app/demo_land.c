/* demo_land.c - the demo's land: the sample 抚顺经济开发区's approved area and a boundary with
 * a hole (a reservoir), a batch half supplied, a parcel in each low-efficiency state with its
 * outline, the cases of the idle one and of an unfinished one, and projects inside and outside
 * the boundary, one flagged; dates relative to today. The coordinates are invented for the
 * sample zone. Must not write land other than through store_land, so that the audit log is as
 * the web app makes it. */
#include "app/demo.h"

#include "app/land_json.h"
#include "core/geo.h"
#include "core/geojson.h"
#include "core/land.h"
#include "core/plan.h"
#include "store/store_enterprise.h"
#include "store/store_land.h"
#include "store/store_org.h"
#include "util/log.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEMO_ZONE "抚顺经济开发区（示例）"
#define BOUNDARY                                                                                   \
	"{\"type\":\"Polygon\",\"coordinates\":[[[123.9,41.85],[123.96,41.85],[123.96,41.89],"     \
	"[123.9,41.89],[123.9,41.85]],[[123.93,41.86],[123.94,41.86],[123.94,41.87],[123.93,"      \
	"41.87],[123.93,41.86]]]}"

/* Each parcel: a square of 0.004° by 0.003° at column i of the row; dates in days from today
 * (0 = none) and its figures. */
static const struct {
	const char *no, *location, *use, *cause;
	int agreed_start, actual_start, agreed_finish, actual_finish, agreed_production,
	    actual_production, stopped;
	int developed_pct, far_agreed, far, tax_agreed_yuan, tax_yuan;
} parcels[] = {
    {"抚国用(2024)第0101号", "经开区示例路1号", "industrial", "enterprise", -400, 0, 0, 0, 0, 0, 0,
     0, 0, 0, 0, 0},
    {"抚国用(2023)第0102号", "经开区示例路3号", "industrial", "government", -1000, -900, 0, 0, 0, 0,
     -380, 20, 0, 0, 0, 0},
    {"抚国用(2025)第0103号", "经开区示例路5号", "warehouse", NULL, -100, 0, 0, 0, 0, 0, 0, 0, 0, 0,
     0, 0},
    {"抚国用(2022)第0104号", "经开区示例路7号", "industrial", NULL, -1200, -1150, -200, 0, 0, 0, 0,
     60, 0, 0, 0, 0},
    {"抚国用(2022)第0105号", "经开区示例路9号", "industrial", NULL, -1100, -1080, -300, -250, -30,
     0, 0, 100, 120, 130, 0, 0},
    {"抚国用(2021)第0106号", "经开区示例路11号", "industrial", NULL, -1500, -1490, -800, -800, -700,
     -690, 0, 100, 100, 120, 100000, 6400000},
    {"抚国用(2021)第0107号", "经开区示例路13号", "industrial", NULL, -1500, -1495, -800, -820, -700,
     -720, 0, 100, 100, 150, 1000, 180000},
    {"抚国用(2026)第0108号", "经开区示例路15号", "commercial", NULL, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0,
     0, 0},
};
#define NPARCELS (int)(sizeof(parcels) / sizeof(parcels[0]))

static const struct {
	const char *name;
	bool industrial;
	double lon, lat;
	const char *exception;
} projects[] = {
    {"示例商品住宅小区", false, 123.945, 41.885, NULL},
    {"园区职工公寓", false, 123.915, 41.885, "园区企业职工住宿，属必要的生活配套"},
    {"新能源装备产业园", true, 123.925, 41.875, NULL},
    {"区外物流仓储中心", false, 123.965, 41.87, NULL},
};

static const char *day_or_null(struct demo *d, int offset)
{
	char *buf;

	if (!offset)
		return NULL;
	buf = arena_alloc(d->a, 11);
	plan_day_format(d->today + offset, buf);
	return buf;
}

static int shape(struct demo *d, const char *text, struct geo_shape *s)
{
	struct geojson_error e;
	struct geo_problem p = {{0}};

	if (geojson_read(text, strlen(text), d->a, s, &e) != 0 || geo_validate(s, &p) != 0) {
		d->error = "the demo's land geometry is invalid";
		return KFQ_EINVAL;
	}
	return KFQ_OK;
}

static const char *where(struct demo *d, const struct geo_shape *zone, const char *text)
{
	struct geo_shape s;
	struct geo_problem p = {{0}};
	enum geo_where w;

	if (shape(d, text, &s) != KFQ_OK || geo_locate(zone, &s, &w, &p) != 0)
		return NULL;
	return land_where_code(w);
}

static int boundary(struct demo *d, int64_t zone_id, struct geo_shape *zone)
{
	struct store_boundary b = {.zone_id = zone_id, .tolerance_bp = 300};
	double box[4];
	int rc;

	if ((rc = shape(d, BOUNDARY, zone)) != KFQ_OK)
		return rc;
	b.catalogue_code = "S217041";
	b.four_to = "东至示例河，南至示例路，西至示例山，北至示例街（示例）";
	b.approved_ha_x100 = 210000;
	b.geojson = BOUNDARY;
	b.area_m2x100 = geo_area_m2x100(zone);
	geo_bbox(zone, &box[0], &box[1], &box[2], &box[3]);
	for (int i = 0; i < 4; i++)
		b.bbox[i] = llround(box[i] * 1e7);
	/* set before any project or parcel: nothing to re-check */
	return store_boundary_set(d->s, d->who, &land_json_audit, &b, NULL, NULL);
}

/* The parcels in production are held by the zone's demo enterprises (demo_money.c), when
 * there are any. */
static int parcel(struct demo *d, int i, int64_t zone_id, int64_t batch_id,
                  const struct geo_shape *zone, const struct store_enterprise *ents, int nents,
                  int64_t *id)
{
	double x = 123.905 + 0.006 * i, y = 41.852;
	char *geo = arena_printf(d->a,
	                         "{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,%.3f],[%.3f,%.3f],"
	                         "[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}",
	                         x, y, x + 0.004, y, x + 0.004, y + 0.003, x, y + 0.003, x, y);
	struct store_parcel p = {0};
	struct geo_shape s;
	int rc;

	if ((rc = shape(d, geo, &s)) != KFQ_OK)
		return rc;
	p.zone_id = zone_id;
	p.batch_id = i < 3 ? batch_id : 0;
	p.parcel_no = parcels[i].no;
	p.location = parcels[i].location;
	p.land_use = parcels[i].use;
	p.idle_cause = parcels[i].cause;
	/* the outline's own area, so that the map and the list agree */
	p.area_m2x100 = geo_area_m2x100(&s);
	p.developed_m2x100 = p.area_m2x100 * parcels[i].developed_pct / 100;
	p.land_price_fen = p.area_m2x100 * 300; /* 300 yuan a m² */
	p.investment_agreed_fen = 5000000000;
	p.investment_done_fen = 5000000000 * parcels[i].developed_pct / 100;
	p.agreed_start = day_or_null(d, parcels[i].agreed_start);
	p.actual_start = day_or_null(d, parcels[i].actual_start);
	p.agreed_finish = day_or_null(d, parcels[i].agreed_finish);
	p.actual_finish = day_or_null(d, parcels[i].actual_finish);
	p.agreed_production = day_or_null(d, parcels[i].agreed_production);
	p.actual_production = day_or_null(d, parcels[i].actual_production);
	p.stopped_since = day_or_null(d, parcels[i].stopped);
	p.far_agreed_x100 = parcels[i].far_agreed;
	p.far_x100 = parcels[i].far;
	p.tax_per_mu_agreed_fen = (int64_t)parcels[i].tax_agreed_yuan * 100;
	p.tax_last_year_fen = (int64_t)parcels[i].tax_yuan * 100;
	p.geojson = geo;
	p.where_code = where(d, zone, geo);
	if (parcels[i].actual_production && nents > 0)
		p.enterprise_id = ents[i % nents].id;
	rc = store_parcel_create(d->s, d->who, &land_json_audit, &p);
	*id = p.id;
	return rc;
}

static int cases(struct demo *d, int64_t zone_id, const int64_t *ids)
{
	struct store_parcel p;
	struct land_parcel_facts facts;
	struct land_finding f;
	struct store_land_case idle = {.zone_id = zone_id, .parcel_id = ids[0], .kind = "idle"};
	struct store_land_case rest = {
	    .zone_id = zone_id, .parcel_id = ids[3], .kind = "underused"};
	int rc;

	if ((rc = store_parcel_get(d->s, d->a, ids[0], 0, &p)) != KFQ_OK)
		return rc;
	land_parcel_facts(&p, &facts);
	land_classify(&facts, d->today, &f);
	idle.handling = "idle_fee";
	idle.fee_fen = f.idle_fee_fen;
	idle.due_on = day_or_null(d, 30);
	idle.note = "已下达《征缴土地闲置费决定书》（示例）";
	rest.handling = "surplus_land_transfer";
	rest.note = "企业申请将未开发部分作为节余土地转让（示例）";
	if ((rc = store_land_case_create(d->s, d->who, &land_json_audit, &idle)) != KFQ_OK ||
	    (rc = store_land_case_create(d->s, d->who, &land_json_audit, &rest)) != KFQ_OK)
		return rc;
	return store_land_case_close(d->s, d->who, &land_json_audit, rest.id,
	                             "节余土地已协议转让给区内企业（示例）");
}

int demo_land_fill(struct demo *d)
{
	struct store_org zone;
	struct geo_shape shape_zone;
	struct store_batch b = {0};
	struct store_enterprise_filter ef = {.attracted = -1};
	struct store_enterprise *ents;
	int64_t ids[NPARCELS], nents_total;
	int nents, rc;

	if ((rc = store_org_find(d->s, d->a, DEMO_ZONE, &zone)) != KFQ_OK)
		return rc;
	ef.zone_id = zone.id;
	if ((rc = store_enterprise_list(d->s, d->a, &ef, &ents, &nents, &nents_total)) != KFQ_OK)
		return rc;
	if ((rc = boundary(d, zone.id, &shape_zone)) != KFQ_OK)
		return rc;
	b.zone_id = zone.id;
	b.batch_no = "抚政地〔2023〕7号";
	b.approved_on = day_or_null(d, -900);
	b.approved_m2x100 = 100000000; /* 10 ha, three parcels of it supplied */
	if ((rc = store_batch_create(d->s, d->who, &land_json_audit, &b)) != KFQ_OK)
		return rc;
	for (int i = 0; i < NPARCELS; i++)
		if ((rc = parcel(d, i, zone.id, b.id, &shape_zone, ents, nents, &ids[i])) != KFQ_OK)
			return rc;
	if ((rc = cases(d, zone.id, ids)) != KFQ_OK)
		return rc;
	for (size_t i = 0; i < sizeof(projects) / sizeof(projects[0]); i++) {
		struct store_project p = {.zone_id = zone.id, .industrial = projects[i].industrial};
		p.name = projects[i].name;
		p.exception_reason = projects[i].exception;
		p.geojson = arena_printf(d->a, "{\"type\":\"Point\",\"coordinates\":[%.3f,%.3f]}",
		                         projects[i].lon, projects[i].lat);
		p.where_code = where(d, &shape_zone, p.geojson);
		if ((rc = store_project_create(d->s, d->who, &land_json_audit, &p)) != KFQ_OK)
			return rc;
	}
	strbuf_addf(&d->summary,
	            "; land: a zone boundary, 1 batch, %d parcels, 2 cases, %zu projects", NPARCELS,
	            sizeof(projects) / sizeof(projects[0]));
	return KFQ_OK;
}
