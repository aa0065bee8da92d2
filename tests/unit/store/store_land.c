/* Tests the land module's store (store_boundary.c, store_parcel.c, store_land_case.c,
 * store_project.c) on SQLite and PostgreSQL alike (run with "sqlite" or "pg"): each write with
 * its audit record in the same transaction, refusals that write nothing (a number taken, a
 * batch of another zone, a boundary for a county, a case closed twice), a batch's supplied
 * area read back, lists by filter combination and scope, the flagged projects' predicate; a
 * boundary's change re-locating the zone's projects and located parcels in its transaction
 * (the changed codes written and listed in its record, a locator's failure writing nothing);
 * the audit chain verifies at the end. */
#include "testdb.h"

#include "store/store_land.h"
#include "store/store_org.h"
#include "util/jsonw.h"

#include <string.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

static void id_shape(struct jsonw *w, int64_t id)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", id);
	jsonw_obj_close(w);
}
static void boundary_shape(struct jsonw *w, const struct store_boundary *b)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "approved_ha_x100", b->approved_ha_x100);
	jsonw_kint(w, "zone_id", b->zone_id);
	jsonw_obj_close(w);
}
static void batch_shape(struct jsonw *w, const struct store_batch *b)
{
	id_shape(w, b->id);
}
static void parcel_shape(struct jsonw *w, const struct store_parcel *p)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "area_m2x100", p->area_m2x100);
	jsonw_kint(w, "id", p->id);
	jsonw_kstr(w, "parcel_no", p->parcel_no);
	jsonw_obj_close(w);
}
static void case_shape(struct jsonw *w, const struct store_land_case *c)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kstr(w, "status", c->status);
	jsonw_obj_close(w);
}
static void project_shape(struct jsonw *w, const struct store_project *p)
{
	id_shape(w, p->id);
}
static void org_shape(struct jsonw *w, const struct store_org *o)
{
	id_shape(w, o->id);
}

static const struct store_land_json json = {boundary_shape, batch_shape, parcel_shape, case_shape,
                                            project_shape};
static const struct store_org_json org_json = {.org = org_shape};

static int64_t audit_count(struct store *s)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM audit_log", &n), KFQ_OK);
	return n;
}

static int64_t make_org(struct store *s, const char *name, const char *type)
{
	struct store_org o = {0};
	const char *taken = NULL;

	o.name = name;
	o.type = type;
	o.level = !strcmp(type, "zone") ? "provincial" : NULL;
	assert_int_equal(store_org_create(s, &cli, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static void test_land(void **state)
{
	struct store *s = *state;
	int64_t zone = make_org(s, "示例开发区", "zone"), other = make_org(s, "另一开发区", "zone");
	int64_t county = make_org(s, "示例县", "county"), before, total;
	struct store_boundary b = {.zone_id = zone, .approved_ha_x100 = 36890, .tolerance_bp = 300};
	struct store_batch batch = {.zone_id = zone,
	                            .batch_no = "2023-7",
	                            .approved_on = "2023-05-10",
	                            .approved_m2x100 = 2000000};
	struct store_parcel p = {.zone_id = zone,
	                         .parcel_no = "P-1",
	                         .land_use = "industrial",
	                         .area_m2x100 = 1500000,
	                         .agreed_start = "2024-01-01"};
	struct store_parcel q = p, *ps;
	struct store_batch *bs;
	struct store_boundary got;
	struct store_land_case c = {.zone_id = zone,
	                            .kind = "idle",
	                            .handling = "idle_fee",
	                            .fee_fen = 2001},
	                       *cs, twin;
	struct store_project pj = {.zone_id = zone,
	                           .name = "住宅",
	                           .geojson = "{}",
	                           .where_code = "inside"},
	                     *pjs;
	struct store_parcel_filter pf = {0};
	struct store_land_case_filter cf = {0};
	struct store_project_filter jf = {.industrial = -1, .flagged = true};
	struct store_scope own = {"org", other, 0};
	struct arena a;
	int n;

	arena_init(&a);
	before = audit_count(s);
	/* a boundary: created, replaced (before and after audited); a county refused */
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, NULL, NULL), KFQ_OK);
	b.approved_ha_x100 = 35000;
	b.geojson = "{\"type\":\"Point\",\"coordinates\":[123.9,41.8]}";
	b.area_m2x100 = 5;
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, NULL, NULL), KFQ_OK);
	assert_int_equal(store_boundary_get(s, &a, zone, &got), KFQ_OK);
	assert_int_equal(got.approved_ha_x100, 35000);
	assert_true(got.has_geometry);
	assert_int_equal(got.area_m2x100, 5);
	b.zone_id = county;
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, NULL, NULL), KFQ_ECONSTRAINT);
	assert_int_equal(audit_count(s), before + 2);

	/* a batch and a parcel in it: supplied read back; a number taken; another zone's batch */
	assert_int_equal(store_batch_create(s, &cli, &json, &batch), KFQ_OK);
	assert_int_equal(store_batch_create(s, &cli, &json, &batch), KFQ_ECONFLICT);
	p.batch_id = batch.id;
	assert_int_equal(store_parcel_create(s, &cli, &json, &p), KFQ_OK);
	assert_int_equal(store_parcel_create(s, &cli, &json, &q), KFQ_ECONFLICT);
	q.parcel_no = "P-2";
	q.zone_id = other;
	q.batch_id = batch.id;
	assert_int_equal(store_parcel_create(s, &cli, &json, &q), KFQ_ECONSTRAINT);
	q.batch_id = 0;
	assert_int_equal(store_parcel_create(s, &cli, &json, &q), KFQ_OK);
	assert_int_equal(store_batch_list(s, &a, &(struct store_scope){0}, zone, &bs, &n), KFQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bs[0].supplied_m2x100, 1500000);
	/* an update keeps its own number */
	p.developed_m2x100 = 500000;
	assert_int_equal(store_parcel_update(s, &cli, &json, &p), KFQ_OK);
	assert_int_equal(audit_count(s), before + 6);
	/* the batch's approved area holds its parcels: its own area not counted twice, one
	 * hundredth past it refused, nothing written */
	p.area_m2x100 = batch.approved_m2x100;
	assert_int_equal(store_parcel_update(s, &cli, &json, &p), KFQ_OK);
	p.area_m2x100 = batch.approved_m2x100 + 1;
	assert_int_equal(store_parcel_update(s, &cli, &json, &p), KFQ_EINVAL);
	p.area_m2x100 = 1500000;
	assert_int_equal(store_parcel_update(s, &cli, &json, &p), KFQ_OK);
	struct store_parcel more = q;
	more.parcel_no = "P-3";
	more.zone_id = zone;
	more.batch_id = batch.id;
	more.area_m2x100 = batch.approved_m2x100 - 1500000 + 1;
	assert_int_equal(store_parcel_create(s, &cli, &json, &more), KFQ_EINVAL);
	assert_int_equal(audit_count(s), before + 8);

	/* lists: by zone, by text, by scope */
	pf.zone_id = zone;
	assert_int_equal(store_parcel_list(s, &a, &pf, &ps, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].developed_m2x100, 500000);
	assert_string_equal(ps[0].batch_no, "2023-7");
	memset(&pf, 0, sizeof(pf));
	pf.q = "P-";
	assert_int_equal(store_parcel_list(s, &a, &pf, &ps, &n, &total), KFQ_OK);
	assert_int_equal(n, 2);
	pf.scope = own;
	assert_int_equal(store_parcel_list(s, &a, &pf, &ps, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ps[0].parcel_no, "P-2");

	/* a case: opened, closed once */
	c.parcel_id = p.id;
	assert_int_equal(store_land_case_create(s, &cli, &json, &c), KFQ_OK);
	/* one open case per parcel: a second would levy the fee twice */
	twin = c;
	assert_int_equal(store_land_case_create(s, &cli, &json, &twin), KFQ_ECONFLICT);
	assert_int_equal(store_land_case_close(s, &cli, &json, c.id, "已缴纳"), KFQ_OK);
	assert_int_equal(store_land_case_close(s, &cli, &json, c.id, "再次"), KFQ_ESTATE);
	cf.status = "closed";
	assert_int_equal(store_land_case_list(s, &a, &cf, &cs, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(cs[0].parcel_no, "P-1");
	assert_int_equal(cs[0].fee_fen, 2001);

	/* projects: flagged until an exception is recorded */
	assert_int_equal(store_project_create(s, &cli, &json, &pj), KFQ_OK);
	assert_int_equal(store_project_list(s, &a, &jf, &pjs, &n, &total), KFQ_OK);
	assert_int_equal(n, 1);
	pj.exception_reason = "必要的生活配套";
	assert_int_equal(store_project_update(s, &cli, &json, &pj), KFQ_OK);
	assert_int_equal(store_project_list(s, &a, &jf, &pjs, &n, &total), KFQ_OK);
	assert_int_equal(n, 0);
	assert_int_equal(audit_count(s), before + 12);
	arena_release(&a);
}

/* A stand-in for the caller's geometry: every shape where arg says, or a failure for NULL. */
static int stub_locate(void *arg, const char *geojson, const char **where_code)
{
	(void)geojson;
	*where_code = arg;
	return arg ? 0 : -1;
}

static void test_relocate(void **state)
{
	struct store *s = *state;
	int64_t zone = make_org(s, "重划开发区", "zone"), before, n;
	struct store_boundary b = {
	    .zone_id = zone, .approved_ha_x100 = 100, .geojson = "{\"type\":\"Polygon\"}"};
	struct store_project in = {.zone_id = zone,
	                           .name = "住宅",
	                           .geojson = "{}",
	                           .where_code = "inside"},
	                     out = in;
	struct store_parcel p = {.zone_id = zone,
	                         .parcel_no = "R-1",
	                         .land_use = "commercial",
	                         .area_m2x100 = 100,
	                         .geojson = "{}",
	                         .where_code = "inside"},
	                    bare = {.zone_id = zone,
	                            .parcel_no = "R-2",
	                            .land_use = "commercial",
	                            .area_m2x100 = 100};
	struct store_locator outside = {stub_locate, "outside"}, fails = {stub_locate, NULL};
	int changed = -1;

	out.name = "区外仓库";
	out.where_code = "outside";
	assert_int_equal(store_project_create(s, &cli, &json, &in), KFQ_OK);
	assert_int_equal(store_project_create(s, &cli, &json, &out), KFQ_OK);
	assert_int_equal(store_parcel_create(s, &cli, &json, &p), KFQ_OK);
	assert_int_equal(store_parcel_create(s, &cli, &json, &bare), KFQ_OK);
	before = audit_count(s);

	/* a locator that fails on a stored shape: nothing written, no record */
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, &fails, &changed), KFQ_EINVAL);
	assert_int_equal(audit_count(s), before);
	assert_int_equal(store_query_int(s,
	                                 "SELECT COUNT(*) FROM zone_boundary WHERE zone_id IN "
	                                 "(SELECT id FROM org WHERE name = '重划开发区')",
	                                 &n),
	                 KFQ_OK);
	assert_int_equal(n, 0);

	/* everything now outside: the project inside and the parcel move, the others do not */
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, &outside, &changed), KFQ_OK);
	assert_int_equal(changed, 2);
	assert_int_equal(audit_count(s), before + 1);
	assert_int_equal(store_query_int(s,
	                                 "SELECT COUNT(*) FROM land_project p JOIN org o ON "
	                                 "o.id = p.zone_id WHERE o.name = '重划开发区' AND "
	                                 "p.where_code = 'outside'",
	                                 &n),
	                 KFQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_query_int(s,
	                                 "SELECT COUNT(*) FROM land_parcel WHERE parcel_no IN "
	                                 "('R-1', 'R-2') AND where_code = 'outside'",
	                                 &n),
	                 KFQ_OK);
	assert_int_equal(n, 1);
	/* the record lists both changes with their names and codes */
	assert_int_equal(
	    store_query_int(
	        s,
	        "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'zone_boundary' AND "
	        "after_json LIKE '%\"relocated\":[{\"entity\":\"land_project\",%"
	        "\"from\":\"inside\",\"id\":%,\"name\":\"住宅\",\"to\":"
	        "\"outside\"},{\"entity\":\"land_parcel\",\"from\":\"inside\",%"
	        "\"name\":\"R-1\",\"to\":\"outside\"}]%'",
	        &n),
	    KFQ_OK);
	assert_int_equal(n, 1);

	/* set again: nothing changes, the record has no list */
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, &outside, &changed), KFQ_OK);
	assert_int_equal(changed, 0);
	/* without coordinates the flags stay, whatever the locator */
	b.geojson = NULL;
	assert_int_equal(store_boundary_set(s, &cli, &json, &b, &fails, &changed), KFQ_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(store_query_int(s,
	                                 "SELECT COUNT(*) FROM audit_log WHERE entity_type = "
	                                 "'zone_boundary' AND after_json LIKE '%relocated%'",
	                                 &n),
	                 KFQ_OK);
	assert_int_equal(n, 1);
}

static void test_chain(void **state)
{
	struct store *s = *state;
	struct audit_verify v;

	audit_verify_init(&v);
	assert_int_equal(store_audit_verify(s, &v), KFQ_OK);
	assert_int_equal(v.broken_seq, 0);
	assert_int_equal(v.count, audit_count(s));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_land),
	                                   cmocka_unit_test(test_relocate),
	                                   cmocka_unit_test(test_chain)};
	return testdb_main(argc, argv, "store_land", tests, 3);
}
