/* Tests the 亩均效益 and 腾笼换鸟 stores (store_mujun.c, store_space.c) on SQLite and
 * PostgreSQL alike (run with "sqlite" or "pg"): a year's scheme stored and read back over the
 * default; figures replaced, not added, with unknown figures kept unknown; the city's inputs
 * for two years (industrial only, every zone, each parcel's area, each year's tax summed over
 * types, none = unknown, the exemption's reason in its year; the figures on a second
 * connection, and the same on the first when the second is in use (on PostgreSQL or refused),
 * and the first's on the first when a write came between the two transactions) and the labels of a
 * page's rows; an exemption twice refused; a match ended once, a lease reusing the building and
 * a reused building taking no match; each write audited; the audit records after a kept
 * evaluation's mark told apart by what they can change (store_mujun_unchanged); the chain
 * verifies. */
#include "testdb.h"

#include "store/store_enterprise.h"
#include "store/store_land.h"
#include "store/store_mujun.h"
#include "store/store_org.h"
#include "store/store_space.h"
#include "util/jsonw.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

static const struct store_actor cli = {0, "cli:unit", 0, "cli"};

/* test_mujun's two years read with the figures on the first connection: two's inputs */
static void city_on_one(struct store *s, struct arena *a, const struct store_mujun_city *two)
{
	struct store_mujun_city one;

	assert_int_equal(store_mujun_city(s, a, 2024, 2, &one), KFQ_OK);
	assert_int_equal(one.connections, 1);
	assert_int_equal(one.n, two->n);
	for (int y = 0; y < 2; y++)
		for (int k = 0; k < one.n; k++) {
			const struct mujun_figures *p = &one.f[y][k], *q = &two->f[y][k];
			assert_int_equal(p->tax_fen, q->tax_fen);
			assert_int_equal(p->value_added_fen, q->value_added_fen);
			assert_int_equal(p->revenue_fen, q->revenue_fen);
			assert_int_equal(p->rd_fen, q->rd_fen);
			assert_int_equal(p->energy_kgce, q->energy_kgce);
			assert_int_equal(p->emission_kg, q->emission_kg);
			assert_int_equal(p->electricity_kwh, q->electricity_kwh);
			assert_int_equal(p->staff, q->staff);
		}
}

/* The figures read beside the tax (DECISIONS 231, on SQLite 232) fall back to the first
 * connection, never to an error, when the second is not to be had: the process's one in use,
 * or on PostgreSQL a new session refused (as by a server at its limit or a failed login) */
static void test_beside_fallback(struct store *s, struct arena *a)
{
	struct store *held, *more;
	struct store_mujun_city two;
	char err[256];

	assert_int_equal(store_mujun_city(s, a, 2024, 2, &two), KFQ_OK);
	assert_int_equal(two.connections, 2);
	assert_int_equal(two.f[1][0].staff, 210);
	assert_int_equal(two.f[1][0].tax_fen, 90000000);
	assert_int_equal(store_open_beside(s, &held, err, sizeof(err)), KFQ_OK);
	assert_int_equal(store_beside_count(), 1);
	assert_int_equal(store_open_beside(s, &more, err, sizeof(err)), KFQ_EBUSY);
	assert_null(more);
	city_on_one(s, a, &two);
	store_close(held);
	assert_int_equal(store_beside_count(), 0);
	if (store_kind(s) != STORE_PG)
		return;
	/* a library that is not there: a new session fails as it starts ("could not access
	 * file"), the connections open carry on */
	assert_int_equal(store_exec(s, "DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET "
	                               "session_preload_libraries = kfq_absent', "
	                               "current_database()); END$$"),
	                 KFQ_OK);
	city_on_one(s, a, &two);
	assert_int_equal(store_exec(s, "DO $$BEGIN EXECUTE format('ALTER DATABASE %I RESET "
	                               "session_preload_libraries', current_database()); END$$"),
	                 KFQ_OK);
}

static void id_shape(struct jsonw *w, int64_t id)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", id);
	jsonw_obj_close(w);
}
static void scheme_shape(struct jsonw *w, int year, const struct mujun_scheme *s)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "pct_a", s->pct_bp[0]);
	jsonw_kint(w, "year", year);
	jsonw_obj_close(w);
}
static void figure_shape(struct jsonw *w, const struct store_figure *f)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "staff", f->staff);
	jsonw_kint(w, "year", f->year);
	jsonw_obj_close(w);
}
static void exemption_shape(struct jsonw *w, const struct store_exemption *e)
{
	id_shape(w, e->id);
}
static void measure_shape(struct jsonw *w, const struct store_measure *m)
{
	id_shape(w, m->id);
}
static void building_shape(struct jsonw *w, const struct store_building *b)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", b->id);
	jsonw_kstr(w, "status", b->status);
	jsonw_obj_close(w);
}
static void match_shape(struct jsonw *w, const struct store_match *m)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", m->id);
	jsonw_kstr(w, "outcome", m->outcome);
	jsonw_obj_close(w);
}
static void org_shape(struct jsonw *w, const struct store_org *o)
{
	id_shape(w, o->id);
}
static void enterprise_shape(struct jsonw *w, const struct store_enterprise *e)
{
	id_shape(w, e->id);
}
static void tax_shape(struct jsonw *w, int64_t id, const struct store_tax_year *y)
{
	(void)y;
	id_shape(w, id);
}
static void parcel_shape(struct jsonw *w, const struct store_parcel *p)
{
	id_shape(w, p->id);
}

static const struct store_mujun_json json = {scheme_shape, figure_shape, exemption_shape,
                                             measure_shape};
static const struct store_space_json space_json = {building_shape, match_shape};
static const struct store_org_json org_json = {.org = org_shape};
static const struct store_enterprise_json ent_json = {enterprise_shape, tax_shape};
static const struct store_land_json land_json = {.parcel = parcel_shape};

static int64_t make_zone(struct store *s, const char *name)
{
	struct store_org o = {.name = name, .type = "zone", .level = "provincial"};
	const char *taken = NULL;

	assert_int_equal(store_org_create(s, &cli, &org_json, &o, &taken), KFQ_OK);
	return o.id;
}

static int64_t make_enterprise(struct store *s, int64_t zone, const char *uscc, const char *code,
                               const char *scale)
{
	struct store_enterprise e = {.uscc = uscc,
	                             .name = uscc,
	                             .zone_id = zone,
	                             .address = "",
	                             .industry_code = code,
	                             .scale = scale,
	                             .registered_on = "2015-01-01"};
	int64_t existing = 0;

	assert_int_equal(store_enterprise_create(s, &cli, &ent_json, &e, &existing), KFQ_OK);
	return e.id;
}

/* store_mujun_city on a thread of the test's, so that the test can write while it reads */
struct city_call {
	struct store *s;
	struct arena *a;
	struct store_mujun_city city;
	int rc;
};
static void *city_call(void *arg)
{
	struct city_call *c = arg;

	c->rc = store_mujun_city(c->s, c->a, 2024, 2, &c->city);
	return NULL;
}

/* PostgreSQL: the read held on the parcels' table, which it reads after its head and before
 * the years (a lock the test takes on lock); held_pg waits until it is. */
static void hold_pg(struct store *lock)
{
	assert_int_equal(store_exec(lock, "BEGIN"), KFQ_OK);
	assert_int_equal(store_exec(lock, "LOCK TABLE land_parcel IN ACCESS EXCLUSIVE MODE"),
	                 KFQ_OK);
}

static void held_pg(struct store *w)
{
	int64_t waiting = 0;

	for (int i = 0; i < 3000 && waiting == 0; i++) {
		usleep(10000);
		assert_int_equal(
		    store_query_int(w,
		                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND "
		                    "relation = 'land_parcel'::regclass",
		                    &waiting),
		    KFQ_OK);
	}
	assert_int_equal(waiting, 1);
}

/* SQLite: the second connection held as it starts. In WAL mode every connection keeps its
 * shared lock on the file between transactions; lock, in exclusive locking mode, fails to
 * begin a write at once and keeps its pending lock, which refuses a shared lock to a
 * connection that has none yet (the second, which waits for it) and lets those that have one
 * read and write (the first, and w, which read before). */
static void hold_sqlite(struct store *lock, struct store *w)
{
	int64_t n;

	assert_int_equal(store_query_int(w, "SELECT count(*) FROM audit_head", &n), KFQ_OK);
	assert_int_equal(store_exec(lock, "PRAGMA busy_timeout = 0"), KFQ_OK);
	assert_int_equal(store_exec(lock, "PRAGMA locking_mode = EXCLUSIVE"), KFQ_OK);
	assert_int_equal(store_exec(lock, "BEGIN IMMEDIATE"), KFQ_EBUSY);
}

/* Until the read has come to its second connection, which waits. */
static void held_sqlite(void)
{
	for (int i = 0; i < 3000 && store_beside_count() == 0; i++)
		usleep(10000);
	assert_int_equal(store_beside_count(), 1);
}

/* A write committed after the read's first transaction began and before the second's: the
 * second sees another audit head and the first reads the figures, so that the read is of one
 * moment (DECISIONS 231, 232). The read is held after its first transaction's head and before
 * the second's, while the write commits: x's 2025 staff, 210 in the read. */
static void test_beside_moment(struct store *s, struct arena *a, struct store_figure f)
{
	struct store *lock, *w;
	struct city_call call = {.s = s, .a = a};
	pthread_t t;
	char err[256];
	bool pg = store_kind(s) == STORE_PG;

	assert_int_equal(store_open(testdb_url(), &lock, err, sizeof(err)), KFQ_OK);
	assert_int_equal(store_open(testdb_url(), &w, err, sizeof(err)), KFQ_OK);
	if (pg)
		hold_pg(lock);
	else
		hold_sqlite(lock, w);
	assert_int_equal(pthread_create(&t, NULL, city_call, &call), 0);
	if (pg)
		held_pg(w);
	else
		held_sqlite();
	f.staff = 211;
	assert_int_equal(store_figure_set(w, &cli, &json, &f), KFQ_OK);
	if (pg)
		assert_int_equal(store_exec(lock, "ROLLBACK"), KFQ_OK);
	store_close(lock); /* SQLite: its locks go with it */
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(call.rc, KFQ_OK);
	assert_int_equal(call.city.connections, 1);
	assert_int_equal(call.city.f[1][0].staff, 210);
	assert_int_equal(store_mujun_city(s, a, 2024, 2, &call.city), KFQ_OK);
	assert_int_equal(call.city.connections, 2);
	assert_int_equal(call.city.f[1][0].staff, 211);
	f.staff = 210;
	assert_int_equal(store_figure_set(w, &cli, &json, &f), KFQ_OK);
	store_close(w);
}

/* enterprise's figures of year: staff and 100 × staff of value added, the others unknown */
static void put_figures(struct store *s, int64_t enterprise, int year, int64_t staff)
{
	struct store_figure f = {.enterprise_id = enterprise,
	                         .year = year,
	                         .value_added_fen = 100 * staff,
	                         .revenue_fen = MUJUN_NONE,
	                         .rd_fen = MUJUN_NONE,
	                         .energy_kgce = MUJUN_NONE,
	                         .emission_kg = MUJUN_NONE,
	                         .electricity_kwh = MUJUN_NONE,
	                         .staff = staff};

	assert_int_equal(store_figure_set(s, &cli, &json, &f), KFQ_OK);
}

static void test_mujun(void **state)
{
	struct store *s = *state;
	int64_t zone = make_zone(s, "示例开发区"), before = testdb_audit_count(s);
	int64_t x = make_enterprise(s, zone, "91440300192317458F", "3011", "above");
	int64_t y = make_enterprise(s, zone, "91440300708461136T", "3491", "below");
	struct store_tax_year ty = {.year = 2025};
	struct store_parcel p = {.zone_id = zone,
	                         .parcel_no = "P-1",
	                         .land_use = "industrial",
	                         .area_m2x100 = 2000000,
	                         .enterprise_id = x};
	struct mujun_scheme sc, got;
	struct store_figure f = {.enterprise_id = x,
	                         .year = 2025,
	                         .value_added_fen = 600000000,
	                         .revenue_fen = MUJUN_NONE,
	                         .rd_fen = MUJUN_NONE,
	                         .energy_kgce = MUJUN_NONE,
	                         .emission_kg = MUJUN_NONE,
	                         .electricity_kwh = MUJUN_NONE,
	                         .staff = 200},
	                    *fs;
	struct store_exemption ex = {.enterprise_id = y, .year = 2025, .reason = "技改豁免"};
	struct store_mujun_city city;
	const char *names[3], *usccs[3], *codes[3];
	int64_t other, z, service, ids[3];
	bool stored;
	int n;
	struct arena a;

	arena_init(&a);
	service =
	    make_enterprise(s, zone, "91110108551385082Q", "6511", "above"); /* not industrial */
	before = testdb_audit_count(s);

	/* the default until a year's own scheme is stored; it reads back as stored */
	assert_int_equal(store_mujun_scheme_get(s, 2025, &got, &stored), KFQ_OK);
	assert_false(stored);
	assert_int_equal(got.w[MUJUN_ABOVE][MUJUN_TAX_PER_MU].weight, 30);
	mujun_scheme_default(&sc);
	sc.method = MUJUN_THRESHOLD;
	sc.w[MUJUN_BELOW][MUJUN_TAX_PER_MU] = (struct mujun_weight){60, 123, 20000};
	sc.w[MUJUN_BELOW][MUJUN_TAX_PER_POWER].weight = 40;
	assert_int_equal(store_mujun_scheme_set(s, &cli, &json, 2025, &sc), KFQ_OK);
	assert_int_equal(store_mujun_scheme_set(s, &cli, &json, 2025, &sc), KFQ_OK);
	assert_int_equal(store_mujun_scheme_get(s, 2025, &got, &stored), KFQ_OK);
	assert_true(stored);
	assert_int_equal(got.method, MUJUN_THRESHOLD);
	assert_int_equal(got.w[MUJUN_BELOW][MUJUN_TAX_PER_MU].reference, 123);
	assert_int_equal(got.w[MUJUN_BELOW][MUJUN_TAX_PER_MU].cap_bp, 20000);
	assert_int_equal(got.w[MUJUN_BELOW][MUJUN_TAX_PER_POWER].weight, 40);
	assert_int_equal(got.w[MUJUN_ABOVE][MUJUN_TAX_PER_POWER].weight, 0);
	assert_int_equal(testdb_audit_count(s), before + 2);

	/* figures: set twice for the year is one row, the second replacing the first */
	assert_int_equal(store_figure_set(s, &cli, &json, &f), KFQ_OK);
	f.staff = 210;
	assert_int_equal(store_figure_set(s, &cli, &json, &f), KFQ_OK);
	assert_int_equal(store_figure_list(s, &a, x, &fs, &n), KFQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(fs[0].staff, 210);
	assert_int_equal(fs[0].revenue_fen, MUJUN_NONE);
	assert_int_equal(testdb_audit_count(s), before + 4);

	/* the city's inputs: X's two parcels and its tax over two types in 2025 and one in 2024;
	 * Y's tax none; Y exempted in 2025; Z in another zone, registered between them */
	ty.fen[0] = 50000000;
	ty.present[0] = true;
	ty.fen[2] = 40000000;
	ty.present[2] = true;
	assert_int_equal(store_tax_set_year(s, &cli, &ent_json, x, &ty), KFQ_OK);
	ty.year = 2024;
	ty.present[2] = false;
	assert_int_equal(store_tax_set_year(s, &cli, &ent_json, x, &ty), KFQ_OK);
	/* the enterprise between Y and Z is not industrial: its tax and figures go nowhere */
	assert_int_equal(store_tax_set_year(s, &cli, &ent_json, service, &ty), KFQ_OK);
	assert_int_equal(store_parcel_create(s, &cli, &land_json, &p), KFQ_OK);
	p.parcel_no = "P-2";
	p.area_m2x100 = 1000;
	assert_int_equal(store_parcel_create(s, &cli, &land_json, &p), KFQ_OK);
	assert_int_equal(store_exemption_create(s, &cli, &json, &ex), KFQ_OK);
	assert_int_equal(store_exemption_create(s, &cli, &json, &ex), KFQ_ECONFLICT);
	other = make_zone(s, "另一示例开发区");
	z = make_enterprise(s, other, "91330100799655058B", "1311", "above");
	/* figures of five rows: on SQLite five parts of the table that the two connections share
	 * (DECISIONS 232), each row read once into its place whichever takes it */
	put_figures(s, y, 2025, 31);
	put_figures(s, service, 2025, 77);
	put_figures(s, z, 2024, 42);
	put_figures(s, z, 2025, 43);
	assert_int_equal(store_mujun_city(s, &a, 2024, 2, &city), KFQ_OK);
	assert_int_equal(city.connections, 2);
	assert_int_equal(city.f[1][1].staff, 31);
	assert_int_equal(city.f[1][1].rd_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][1].staff, MUJUN_NONE);
	assert_int_equal(city.f[0][1].tax_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][2].staff, 42);
	assert_int_equal(city.f[1][2].staff, 43);
	assert_int_equal(city.f[1][2].value_added_fen, 4300);
	assert_int_equal(city.n, 3);
	assert_int_equal(city.nzones, 2); /* each zone's enterprises together, by id */
	assert_int_equal(city.zone_ids[0], zone);
	assert_int_equal(city.zone_first[1], 2);
	assert_int_equal(city.zone_first[2], 3);
	assert_int_equal(city.scheme[1].method, MUJUN_THRESHOLD);  /* 2025's own */
	assert_int_equal(city.scheme[0].method, MUJUN_PERCENTILE); /* 2024: the default */
	assert_int_equal(city.e[0].enterprise_id, x);
	assert_int_equal(city.e[0].zone_id, zone);
	assert_int_equal(city.e[0].group, MUJUN_ABOVE);
	assert_int_equal(city.e[0].area_m2x100, 2001000);
	assert_null(city.e[0].production_on);
	assert_int_equal(city.f[1][0].area_m2x100, 2001000);
	assert_int_equal(city.f[1][0].tax_fen, 90000000);
	assert_int_equal(city.f[0][0].tax_fen, 50000000);
	assert_int_equal(city.f[1][0].value_added_fen, 600000000);
	assert_int_equal(city.f[1][0].staff, 210);
	assert_int_equal(city.f[1][0].energy_kgce, MUJUN_NONE);
	assert_int_equal(city.f[0][0].value_added_fen, MUJUN_NONE);
	assert_null(city.exemption[1][0]);
	assert_int_equal(city.e[1].enterprise_id, y);
	assert_int_equal(city.f[1][1].group, MUJUN_BELOW);
	assert_int_equal(city.f[1][1].tax_fen, MUJUN_NONE);
	assert_int_equal(city.f[1][1].area_m2x100, 0);
	assert_string_equal(city.exemption[1][1], "技改豁免");
	assert_null(city.exemption[0][1]);
	assert_int_equal(city.e[2].enterprise_id, z);
	assert_int_equal(city.e[2].zone_id, other);
	assert_int_equal(city.f[0][2].tax_fen, MUJUN_NONE);
	ids[0] = x;
	ids[1] = y;
	assert_int_equal(store_mujun_labels(s, &a, zone, ids, 2, names, usccs, codes), KFQ_OK);
	assert_string_equal(usccs[0], "91440300192317458F");
	assert_string_equal(names[1], "91440300708461136T");
	assert_string_equal(codes[1], "3491");
	ids[0] = y;
	ids[1] = z; /* another zone's: not found */
	assert_int_equal(store_mujun_labels(s, &a, zone, ids, 2, names, usccs, codes), KFQ_OK);
	assert_string_equal(codes[0], "3491");
	assert_null(names[1]);
	assert_int_equal(store_exemption_delete(s, &cli, &json, ex.id), KFQ_OK);
	/* one year read alone (its rows without their year, DECISIONS 204): the same inputs */
	assert_int_equal(store_mujun_city(s, &a, 2025, 1, &city), KFQ_OK);
	assert_int_equal(city.n, 3);
	assert_null(city.exemption[0][1]);
	assert_int_equal(city.f[0][0].tax_fen, 90000000);
	assert_int_equal(city.f[0][0].value_added_fen, 600000000);
	assert_int_equal(city.f[0][0].staff, 210);
	assert_int_equal(city.f[0][0].revenue_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][0].energy_kgce, MUJUN_NONE);
	assert_int_equal(city.f[0][1].tax_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][1].area_m2x100, 0);
	assert_int_equal(city.scheme[0].method, MUJUN_THRESHOLD);
	assert_int_equal(store_mujun_city(s, &a, 2024, 1, &city), KFQ_OK);
	assert_int_equal(city.f[0][0].tax_fen, 50000000);
	assert_int_equal(city.f[0][0].value_added_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][0].area_m2x100, 2001000);
	assert_int_equal(city.f[0][2].tax_fen, MUJUN_NONE);
	assert_int_equal(city.f[0][2].staff, 42);
	assert_int_equal(city.f[0][1].staff, MUJUN_NONE);
	test_beside_moment(s, &a, f);
	test_beside_fallback(s, &a);
	arena_release(&a);
}

/* store_mujun_unpack: migration 0079's layout, big-endian, -1 unknown; any other length is an
 * error and leaves the row as it was */
static void test_unpack(void **state)
{
	static const unsigned char row[STORE_FIGURE_PACKED] = {
	    0x00, 0x00, 0x07, 0xe9,                         /* 2025 */
	    0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* enterprise 0x010203040506 */
	    0x00, 0x00, 0x00, 0xd1, 0x8c, 0x2e, 0x28, 0x7b, /* value added 900000000123 */
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* revenue unknown */
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* R&D 0 */
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* energy unknown */
	    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* emission INT64_MAX */
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, /* electricity 65536 */
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xd2, /* staff 210 */
	};
	struct store_figure r = {.id = 7}, was;

	(void)state;
	assert_int_equal(store_mujun_unpack(row, sizeof(row), &r), KFQ_OK);
	assert_int_equal(r.id, 7);
	assert_int_equal(r.year, 2025);
	assert_int_equal(r.enterprise_id, 0x010203040506);
	assert_int_equal(r.value_added_fen, 900000000123);
	assert_int_equal(r.revenue_fen, MUJUN_NONE);
	assert_int_equal(r.rd_fen, 0);
	assert_int_equal(r.energy_kgce, MUJUN_NONE);
	assert_int_equal(r.emission_kg, INT64_MAX);
	assert_int_equal(r.electricity_kwh, 65536);
	assert_int_equal(r.staff, 210);
	was = r;
	assert_int_equal(store_mujun_unpack(row, sizeof(row) - 1, &r), KFQ_EIO);
	assert_int_equal(store_mujun_unpack(row, sizeof(row) + 1, &r), KFQ_EIO);
	assert_int_equal(store_mujun_unpack(NULL, -1, &r), KFQ_EIO); /* NULL */
	assert_memory_equal(&r, &was, sizeof(r));
}

/* store_mujun_unpack_tax: migration 0080's layout, big-endian, a refund negative; any other
 * length is an error and leaves the row as it was */
static void test_unpack_tax(void **state)
{
	static const unsigned char row[STORE_TAX_PACKED] = {
	    0x00, 0x00, 0x07, 0xe8,                         /* 2024 */
	    0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* enterprise 0x010203040506 */
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xec, 0x78, /* amount -5000 */
	};
	static const unsigned char big[STORE_TAX_PACKED] = {
	    0x00, 0x00, 0x07, 0xe9,                         /* 2025 */
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, /* enterprise 1 */
	    0x00, 0x00, 0x00, 0xd1, 0x8c, 0x2e, 0x28, 0x7b, /* amount 900000000123 */
	};
	struct store_tax_row r, was;

	(void)state;
	assert_int_equal(store_mujun_unpack_tax(row, sizeof(row), &r), KFQ_OK);
	assert_int_equal(r.year, 2024);
	assert_int_equal(r.enterprise_id, 0x010203040506);
	assert_int_equal(r.amount_fen, -5000);
	assert_int_equal(store_mujun_unpack_tax(big, sizeof(big), &r), KFQ_OK);
	assert_int_equal(r.year, 2025);
	assert_int_equal(r.enterprise_id, 1);
	assert_int_equal(r.amount_fen, 900000000123);
	was = r;
	assert_int_equal(store_mujun_unpack_tax(row, sizeof(row) - 1, &r), KFQ_EIO);
	assert_int_equal(store_mujun_unpack_tax(row, sizeof(row) + 1, &r), KFQ_EIO);
	assert_int_equal(store_mujun_unpack_tax(NULL, -1, &r), KFQ_EIO); /* NULL */
	assert_int_equal(store_mujun_unpack_tax(row, STORE_FIGURE_PACKED, &r), KFQ_EIO);
	assert_memory_equal(&r, &was, sizeof(r));
}

/* store_mujun_unpack_enterprise: migration 0084's layout, big-endian, the scale's byte 1 or 0;
 * any other length or byte is an error and leaves the enterprise as it was */
static void test_unpack_enterprise(void **state)
{
	static const unsigned char above[STORE_ENTERPRISE_PACKED] = {
	    0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* enterprise 0x010203040506 */
	    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* zone INT64_MAX */
	    0x01,                                           /* 规上 */
	};
	unsigned char row[STORE_ENTERPRISE_PACKED];
	struct store_mujun_input e = {.area_m2x100 = 5, .production_on = "2024-09-01"}, was;

	(void)state;
	assert_int_equal(store_mujun_unpack_enterprise(above, sizeof(above), &e), KFQ_OK);
	assert_int_equal(e.enterprise_id, 0x010203040506);
	assert_int_equal(e.zone_id, INT64_MAX);
	assert_int_equal(e.group, MUJUN_ABOVE);
	assert_int_equal(e.area_m2x100, 5);
	assert_string_equal(e.production_on, "2024-09-01");
	memcpy(row, above, sizeof(row));
	row[7] = 0x07;
	row[16] = 0x00;
	assert_int_equal(store_mujun_unpack_enterprise(row, sizeof(row), &e), KFQ_OK);
	assert_int_equal(e.enterprise_id, 0x010203040507);
	assert_int_equal(e.group, MUJUN_BELOW);
	was = e;
	row[16] = 0x02;
	assert_int_equal(store_mujun_unpack_enterprise(row, sizeof(row), &e), KFQ_EIO);
	assert_int_equal(store_mujun_unpack_enterprise(above, sizeof(above) - 1, &e), KFQ_EIO);
	assert_int_equal(store_mujun_unpack_enterprise(above, sizeof(above) + 1, &e), KFQ_EIO);
	assert_int_equal(store_mujun_unpack_enterprise(NULL, -1, &e), KFQ_EIO); /* NULL */
	assert_memory_equal(&e, &was, sizeof(e));
}

/* One audit record of entity_type entity_id, as a change of that kind writes it. */
static void append(struct store *s, const char *entity_type, const char *entity_id)
{
	assert_int_equal(store_begin(s), KFQ_OK);
	assert_int_equal(
	    store_end(s, store_audit_append(s, &cli, "set", entity_type, entity_id, NULL, "{}")),
	    KFQ_OK);
}

/* store_mujun_unchanged: the records after a mark, by what they can change */
static void test_unchanged(void **state)
{
	struct store *s = *state;
	struct store_mujun_mark m, old;
	bool same = false;

	assert_int_equal(store_audit_head(s, &m.seq, m.hash), KFQ_OK);
	old = m;
	assert_int_equal(store_mujun_unchanged(s, 2025, &m, &same), KFQ_OK);
	assert_true(same);
	assert_int_equal(m.seq, old.seq);
	/* another year's scheme and a measure: unchanged, the mark moved to the newest record */
	append(s, "mujun_scheme", "2030");
	append(s, "mujun_measure", "1");
	assert_int_equal(store_mujun_unchanged(s, 2025, &m, &same), KFQ_OK);
	assert_true(same);
	assert_int_equal(m.seq, old.seq + 2);
	/* a mark whose hash is not its record's (another log): changed */
	old = m;
	m.hash[0] = m.hash[0] == '0' ? '1' : '0';
	assert_int_equal(store_mujun_unchanged(s, 2025, &m, &same), KFQ_OK);
	assert_false(same);
	/* 2025's scheme changes 2025's evaluation, not 2024's; a changed one keeps its mark */
	m = old;
	append(s, "mujun_scheme", "2025");
	assert_int_equal(store_mujun_unchanged(s, 2025, &m, &same), KFQ_OK);
	assert_false(same);
	assert_int_equal(m.seq, old.seq);
	assert_int_equal(store_mujun_unchanged(s, 2024, &m, &same), KFQ_OK);
	assert_true(same);
	assert_int_equal(m.seq, old.seq + 1);
	/* an enterprise's tax: every year's */
	append(s, "enterprise", "7");
	old = m;
	assert_int_equal(store_mujun_unchanged(s, 2024, &m, &same), KFQ_OK);
	assert_false(same);
	assert_int_equal(m.seq, old.seq);
}

static void test_space(void **state)
{
	struct store *s = *state;
	int64_t zone = make_zone(s, "另一开发区"), before = testdb_audit_count(s), total;
	struct store_building b = {.zone_id = zone,
	                           .kind = "factory",
	                           .name = "厂房",
	                           .area_m2x100 = 500000,
	                           .owner = "业主",
	                           .vacant_since = "2025-01-01"},
	                      got, *bs;
	struct store_match m1 = {.enterprise_name = "甲"}, m2 = {.enterprise_name = "乙"};
	struct store_building_filter f = {.status = "reused"};
	struct arena a;
	int n;

	arena_init(&a);
	assert_int_equal(store_building_create(s, &cli, &space_json, &b), KFQ_OK);
	m1.building_id = m2.building_id = b.id;
	assert_int_equal(store_match_create(s, &cli, &space_json, &m1), KFQ_OK);
	assert_int_equal(store_match_create(s, &cli, &space_json, &m2), KFQ_OK);
	assert_int_equal(store_match_close(s, &cli, &space_json, m2.id, "declined", NULL, false),
	                 KFQ_OK);
	assert_int_equal(store_match_close(s, &cli, &space_json, m2.id, "leased", NULL, true),
	                 KFQ_ESTATE);
	assert_int_equal(store_building_get(s, &a, b.id, &got), KFQ_OK);
	assert_string_equal(got.status, "vacant");
	assert_int_equal(got.matches, 2);
	assert_int_equal(store_match_close(s, &cli, &space_json, m1.id, "leased", "租赁", true),
	                 KFQ_OK);
	assert_int_equal(store_building_get(s, &a, b.id, &got), KFQ_OK);
	assert_string_equal(got.status, "reused");
	assert_int_equal(store_match_create(s, &cli, &space_json, &m2), KFQ_ESTATE);
	/* create, two matches, two closes and the reuse */
	assert_int_equal(testdb_audit_count(s), before + 6);
	assert_int_equal(store_building_list(s, &a, &f, &bs, &n, &total), KFQ_OK);
	assert_int_equal(total, 1);
	assert_int_equal(bs[0].id, b.id);
	arena_release(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mujun),       cmocka_unit_test(test_unpack),
	    cmocka_unit_test(test_unpack_tax),  cmocka_unit_test(test_unpack_enterprise),
	    cmocka_unit_test(test_unchanged),   cmocka_unit_test(test_space),
	    cmocka_unit_test(testdb_test_chain)};
	return testdb_main(argc, argv, "store_mujun", tests, sizeof(tests) / sizeof(tests[0]));
}
