/* Tests src/core/revshare.c with examples worked by hand in fen (e4 = 1/10000 fen):
 *
 * Year 2025, base year 2024, sharing ratio 50 %; local retained shares in both years:
 * 增值税 25 %, 企业所得税 20 %, 房产税 100 %, the rest 0.
 *
 * Zone 11:
 *   E101 (arrived 2020): 2025 增值税 100,000,000 fen, 企业所得税 20,000,000 fen
 *                        2024 增值税  80,000,000 fen, 企业所得税 10,000,000 fen
 *        T = 100,000,000×2500 + 20,000,000×2000 = 290,000,000,000 e4
 *        B =  80,000,000×2500 + 10,000,000×2000 = 220,000,000,000 e4, increment 70,000,000,000
 *   E102 (arrived 2025, after the base year): 2025 增值税 3,333,333 fen; its 2024 record of
 *        999,999 fen does not count: T = 8,333,332,500 e4, B = 0
 *   E103 not attracted: no line
 *   I = 78,333,332,500 e4 = 7,833,333.25 fen; × 50 % = 3,916,666.625 -> 3,916,667 fen
 * Zone 12 (negative increment, floored):
 *   E201 (arrived 2023): 2025 企业所得税 5,000,000, 2024 8,000,000 fen:
 *        T = 10,000,000,000, B = 16,000,000,000, increment −6,000,000,000
 *   E202 (arrived 2024, counted): 2025 房产税 300,000, 2024 200,000 fen:
 *        T = 3,000,000,000, B = 2,000,000,000, increment 1,000,000,000
 *   I = −5,000,000,000 -> 0; returned 0
 * Zones 13 and 14 (飞地: E301 of zone 13, zone 14 takes 33.33 %):
 *   E301 (arrived 2022): 2025 增值税 400,001 fen: T = 1,000,002,500
 *                        2024 增值税 300,001 fen: B =   750,002,500
 *   T × 66.67 % = 666,701,666.75, × 33.33 % = 333,300,833.25 -> 666,701,667 / 333,300,833
 *   B × 66.67 % = 500,026,666.75, × 33.33 % = 249,975,833.25 -> 500,026,667 / 249,975,833
 *   zone 13: increment 166,675,000 e4 = 16,667.5 fen, × 50 % = 8,333.75 -> 8,334 fen
 *   zone 14: increment  83,325,000 e4 =  8,332.5 fen, × 50 % = 4,166.25 -> 4,166 fen
 * Zone 15: no enterprise, all zero.
 * City: 3,916,667 + 0 + 8,334 + 4,166 + 0 = 3,929,167 fen. */
#include "core/revshare.h"

#include "core/money.h"

#include <setjmp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const int64_t zones[] = {11, 12, 13, 14, 15};

static void params(struct revshare_params *prm)
{
	memset(prm, 0, sizeof(*prm));
	prm->year = 2025;
	prm->base_year = 2024;
	prm->ratio_bp = 5000;
	prm->share_bp[TAX_VAT] = prm->base_share_bp[TAX_VAT] = 2500;
	prm->share_bp[TAX_CIT] = prm->base_share_bp[TAX_CIT] = 2000;
	prm->share_bp[TAX_PROPERTY] = prm->base_share_bp[TAX_PROPERTY] = 10000;
}

static struct revshare_enterprise ent(int64_t id, int64_t zone, int arrival)
{
	struct revshare_enterprise e;
	memset(&e, 0, sizeof(e));
	e.id = id;
	e.attracted = true;
	e.arrival_year = arrival;
	e.parts[0] = (struct revshare_part){zone, 10000};
	e.n_parts = 1;
	return e;
}

static size_t example(struct revshare_enterprise *e)
{
	size_t n = 0;
	e[n] = ent(101, 11, 2020);
	e[n].tax[TAX_VAT] = 100000000;
	e[n].tax[TAX_CIT] = 20000000;
	e[n].base_tax[TAX_VAT] = 80000000;
	e[n++].base_tax[TAX_CIT] = 10000000;
	e[n] = ent(102, 11, 2025);
	e[n].tax[TAX_VAT] = 3333333;
	e[n++].base_tax[TAX_VAT] = 999999;
	e[n] = ent(103, 11, 2019);
	e[n].attracted = false;
	e[n++].tax[TAX_VAT] = 500000000;
	/* listed out of order: lines come by enterprise id */
	e[n] = ent(202, 12, 2024);
	e[n].tax[TAX_PROPERTY] = 300000;
	e[n++].base_tax[TAX_PROPERTY] = 200000;
	e[n] = ent(201, 12, 2023);
	e[n].tax[TAX_CIT] = 5000000;
	e[n++].base_tax[TAX_CIT] = 8000000;
	e[n] = ent(301, 13, 2022);
	e[n].tax[TAX_VAT] = 400001;
	e[n].base_tax[TAX_VAT] = 300001;
	e[n].parts[0].bp = 6667;
	e[n].parts[1] = (struct revshare_part){14, 3333};
	e[n++].n_parts = 2;
	/* arrives after the statement's year: no line yet */
	e[n] = ent(401, 15, 2026);
	e[n++].tax[TAX_VAT] = 1000;
	return n;
}

static void test_worked_example(void **state)
{
	(void)state;
	struct arena a;
	struct revshare_params prm;
	struct revshare_enterprise e[8];
	struct revshare_result r;
	struct revshare_problem p;
	size_t n = example(e);

	arena_init(&a);
	params(&prm);
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	assert_int_equal(r.n_zones, 5);
	assert_int_equal(r.n_lines, 6);

	const struct revshare_zone *z = &r.zones[0];
	assert_int_equal(z->zone_id, 11);
	assert_int_equal(z->n_lines, 2);
	const struct revshare_line *l = &r.lines[z->first_line];
	assert_int_equal(l[0].enterprise_id, 101);
	assert_int_equal(l[0].local_e4, 290000000000);
	assert_int_equal(l[0].base_e4, 220000000000);
	assert_int_equal(l[0].increment_e4, 70000000000);
	assert_true(l[0].base_counted);
	assert_int_equal(l[1].enterprise_id, 102);
	assert_int_equal(l[1].local_e4, 8333332500);
	assert_int_equal(l[1].base_e4, 0);
	assert_false(l[1].base_counted);
	assert_int_equal(z->increment_e4, 78333332500);
	assert_int_equal(z->counted_e4, 78333332500);
	assert_int_equal(z->returned_fen, 3916667);

	z = &r.zones[1];
	l = &r.lines[z->first_line];
	assert_int_equal(z->n_lines, 2);
	assert_int_equal(l[0].enterprise_id, 201);
	assert_int_equal(l[0].increment_e4, -6000000000);
	assert_int_equal(l[1].enterprise_id, 202);
	assert_int_equal(l[1].increment_e4, 1000000000);
	assert_int_equal(z->increment_e4, -5000000000);
	assert_int_equal(z->counted_e4, 0);
	assert_int_equal(z->returned_fen, 0);

	z = &r.zones[2];
	l = &r.lines[z->first_line];
	assert_int_equal(z->n_lines, 1);
	assert_int_equal(l[0].share_bp, 6667);
	assert_int_equal(l[0].local_e4, 666701667);
	assert_int_equal(l[0].base_e4, 500026667);
	assert_int_equal(l[0].increment_e4, 166675000);
	assert_int_equal(z->returned_fen, 8334);
	z = &r.zones[3];
	l = &r.lines[z->first_line];
	assert_int_equal(z->n_lines, 1);
	assert_int_equal(l[0].enterprise_id, 301);
	assert_int_equal(l[0].share_bp, 3333);
	assert_int_equal(l[0].local_e4, 333300833);
	assert_int_equal(l[0].base_e4, 249975833);
	assert_int_equal(l[0].increment_e4, 83325000);
	assert_int_equal(z->returned_fen, 4166);

	z = &r.zones[4];
	assert_int_equal(z->n_lines, 0);
	assert_int_equal(z->returned_fen, 0);
	assert_int_equal(r.returned_fen, 3929167);
	arena_release(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	struct arena a;
	struct revshare_params prm;
	struct revshare_enterprise e[8];
	struct revshare_result r;
	struct revshare_problem p;
	size_t n = example(e);

	arena_init(&a);
	params(&prm);
	prm.base_year = 2025;
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	assert_string_equal(p.message, "基准年应早于计算年度（2025），当前为2025");
	params(&prm);
	prm.ratio_bp = 10001;
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	params(&prm);
	e[5].parts[1].bp = 3000; /* 66.67 % + 30 % */
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	assert_int_equal(p.enterprise_id, 301);
	assert_string_equal(p.message, "企业收入的分属比例之和应为100%");
	e[5].parts[1] = (struct revshare_part){99, 3333};
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	assert_string_equal(p.message, "企业收入分属的开发区不在本次计算范围内");
	e[5].parts[1] = (struct revshare_part){13, 3333};
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	assert_string_equal(p.message, "企业收入在同一开发区重复分属");
	n = example(e);
	e[0].tax[TAX_VAT] = INT64_MAX / 1000;
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), -1);
	assert_int_equal(p.enterprise_id, 101);
	assert_string_equal(p.message, "税收金额过大，无法计算");
	arena_release(&a);
}

static void test_returned_half_up(void **state)
{
	(void)state;
	int64_t fen;

	assert_int_equal(revshare_returned(10000, 5000, &fen), 0); /* 1 fen × 50 % = 0.5 -> 1 */
	assert_int_equal(fen, 1);
	assert_int_equal(revshare_returned(9999, 5000, &fen), 0); /* 0.49995 -> 0 */
	assert_int_equal(fen, 0);
	assert_int_equal(revshare_returned(78333332500, 3000, &fen), 0); /* 2,349,999.975 */
	assert_int_equal(fen, 2350000);
}

/* A confirmed statement is frozen: a corrected import (E102's 增值税 one fen more) changes a
 * line, so it becomes a new version even though the returned amount rounds the same; the same
 * inputs give the same digest and change nothing. */
static void test_corrected_import(void **state)
{
	(void)state;
	struct arena a;
	struct revshare_params prm;
	struct revshare_enterprise e[8];
	struct revshare_result r;
	struct revshare_problem p;
	char d1[REVSHARE_DIGEST_HEX], d2[REVSHARE_DIGEST_HEX], d3[REVSHARE_DIGEST_HEX];
	size_t n = example(e);

	arena_init(&a);
	params(&prm);
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	assert_int_equal(revshare_zone_digest(&prm, &r, 0, e, d1), 0);
	assert_int_equal(revshare_version_action(NULL, false, NULL, d1), REVSHARE_FIRST);
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	assert_int_equal(revshare_zone_digest(&prm, &r, 0, e, d2), 0);
	assert_string_equal(d1, d2);
	assert_int_equal(revshare_version_action(d1, true, d1, d2), REVSHARE_SAME);

	e[1].tax[TAX_VAT] = 3333334; /* T = 8,333,335,000; I = 78,333,335,000 -> 3,916,666.75 */
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	assert_int_equal(r.zones[0].increment_e4, 78333335000);
	assert_int_equal(r.zones[0].returned_fen, 3916667);
	assert_int_equal(revshare_zone_digest(&prm, &r, 0, e, d3), 0);
	assert_string_not_equal(d1, d3);
	assert_int_equal(revshare_version_action(d1, true, d1, d3), REVSHARE_NEW_VERSION);
	assert_int_equal(revshare_version_action(d1, false, NULL, d3), REVSHARE_REPLACE_DRAFT);
	assert_int_equal(revshare_version_action(d1, false, d2, d3), REVSHARE_REPLACE_DRAFT);
	/* a draft beside a confirmed version, computed back to the confirmed figures */
	assert_int_equal(revshare_version_action(d3, false, d1, d1), REVSHARE_WITHDRAW_DRAFT);
	assert_string_equal(revshare_action_code(REVSHARE_WITHDRAW_DRAFT), "withdrawn");
	assert_string_equal(revshare_action_code(REVSHARE_FIRST), "created");
	assert_string_equal(revshare_action_code(REVSHARE_SAME), "unchanged");
	assert_string_equal(revshare_action_code(REVSHARE_REPLACE_DRAFT), "recomputed");
	assert_string_equal(revshare_action_code(REVSHARE_NEW_VERSION), "new_version");
	/* the other zones' statements did not change */
	assert_int_equal(revshare_zone_digest(&prm, &r, 1, e, d3), 0);
	n = example(e);
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	assert_int_equal(revshare_zone_digest(&prm, &r, 1, e, d2), 0);
	assert_string_equal(d2, d3);
	arena_release(&a);
}

static void test_text(void **state)
{
	(void)state;
	struct arena a;
	struct revshare_params prm;
	struct revshare_enterprise e[8];
	struct revshare_result r;
	struct revshare_problem p;
	struct strbuf sb = STRBUF_INIT;
	size_t n = example(e);

	arena_init(&a);
	params(&prm);
	assert_int_equal(revshare_compute(&prm, zones, 5, e, n, &a, &r, &p), 0);
	revshare_zone_text(&prm, &r, 3, e, &sb);
	assert_non_null(strstr(sb.buf, "year 2025\nbase_year 2024\nratio_bp 5000\nshare vat 2500 "
	                               "2500\n"));
	assert_non_null(strstr(sb.buf,
	                       "zone 14\nline 301 arrival 2022 share_bp 3333 base_counted 1 "
	                       "local_e4 333300833 base_e4 249975833 increment_e4 "
	                       "83325000\ntax vat 400001 300001\ntotal local_e4 333300833 "
	                       "base_e4 249975833 increment_e4 83325000 counted_e4 83325000 "
	                       "returned_fen 4166\n"));
	strbuf_release(&sb);
	arena_release(&a);
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Properties over random cities: each enterprise's lines add up to its T and B; each zone's
 * totals are the sums of its lines; the city's cost is the sum of the zones'; computing again,
 * or from the enterprises in another order, gives the same bytes for every zone. */
static void test_properties(void **state)
{
	(void)state;
	enum { N = 300 };
	static struct revshare_enterprise e[N], shuffled[N];
	const int64_t zs[] = {1, 2, 3, 4, 5, 6};
	struct revshare_params prm;
	struct revshare_problem p;

	for (int round = 0; round < 30; round++) {
		struct arena a;
		struct revshare_result r, r2;
		int64_t city = 0;
		arena_init(&a);
		params(&prm);
		prm.ratio_bp = (int64_t)(next() % 10001);
		for (int t = 0; t < TAX_TYPE_COUNT; t++) {
			prm.share_bp[t] = (int64_t)(next() % 10001);
			prm.base_share_bp[t] = (int64_t)(next() % 10001);
		}
		for (int i = 0; i < N; i++) {
			int64_t zone = zs[next() % 6];
			e[i] = ent(1000 + i, zone, 2018 + (int)(next() % 9));
			e[i].attracted = next() % 10 != 0;
			for (int t = 0; t < TAX_TYPE_COUNT; t++) {
				e[i].tax[t] = (int64_t)(next() % 100000000) - 1000000;
				e[i].base_tax[t] = (int64_t)(next() % 100000000);
			}
			if (next() % 4 == 0) {
				int64_t other = zs[next() % 6];
				if (other != zone) {
					e[i].parts[0].bp = 1 + (int64_t)(next() % 9999);
					e[i].parts[1] =
					    (struct revshare_part){other, 10000 - e[i].parts[0].bp};
					e[i].n_parts = 2;
				}
			}
		}
		assert_int_equal(revshare_compute(&prm, zs, 6, e, N, &a, &r, &p), 0);
		for (int i = 0; i < N; i++) {
			int64_t t, b, st = 0, sb = 0;
			int lines = 0;
			assert_int_equal(revshare_local_e4(e[i].tax, prm.share_bp, &t), 0);
			assert_int_equal(revshare_local_e4(e[i].base_tax, prm.base_share_bp, &b),
			                 0);
			for (size_t k = 0; k < r.n_lines; k++) {
				if (r.lines[k].enterprise_id != e[i].id)
					continue;
				st += r.lines[k].local_e4;
				sb += r.lines[k].base_e4;
				assert_int_equal(r.lines[k].increment_e4,
				                 r.lines[k].local_e4 - r.lines[k].base_e4);
				lines++;
			}
			if (!e[i].attracted || e[i].arrival_year > 2025) {
				assert_int_equal(lines, 0);
				continue;
			}
			assert_int_equal(lines, (int)e[i].n_parts);
			assert_int_equal(st, t);
			assert_int_equal(sb, e[i].arrival_year <= 2024 ? b : 0);
		}
		for (size_t z = 0; z < r.n_zones; z++) {
			int64_t inc = 0, ret;
			for (size_t k = 0; k < r.zones[z].n_lines; k++)
				inc += r.lines[r.zones[z].first_line + k].increment_e4;
			assert_int_equal(inc, r.zones[z].increment_e4);
			assert_int_equal(r.zones[z].counted_e4, inc > 0 ? inc : 0);
			assert_int_equal(
			    revshare_returned(r.zones[z].counted_e4, prm.ratio_bp, &ret), 0);
			assert_int_equal(ret, r.zones[z].returned_fen);
			city += ret;
		}
		assert_int_equal(city, r.returned_fen);

		for (int i = 0; i < N; i++)
			shuffled[i] = e[i];
		for (int i = N - 1; i > 0; i--) {
			int j = (int)(next() % (uint64_t)(i + 1));
			struct revshare_enterprise tmp = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = tmp;
		}
		assert_int_equal(revshare_compute(&prm, zs, 6, shuffled, N, &a, &r2, &p), 0);
		for (size_t z = 0; z < r.n_zones; z++) {
			struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
			revshare_zone_text(&prm, &r, z, e, &x);
			revshare_zone_text(&prm, &r2, z, shuffled, &y);
			assert_int_equal(x.len, y.len);
			assert_memory_equal(x.buf, y.buf, x.len);
			strbuf_release(&x);
			strbuf_release(&y);
		}
		arena_release(&a);
	}
}

/* The digest is the SHA-256 of the text, hashed in chunks as it is written: a zone of 2,000
 * enterprises (more than 500 kB of text, past several chunk boundaries) and an empty one. */
static void test_digest_of_text(void **state)
{
	(void)state;
	enum { N = 2000 };
	static struct revshare_enterprise e[N];
	const int64_t zs[] = {1, 2};
	struct revshare_params prm;
	struct revshare_problem p;
	struct revshare_result r;
	struct arena a;

	arena_init(&a);
	params(&prm);
	for (int i = 0; i < N; i++) {
		e[i] = ent(1000 + i, 1, 2018 + (int)(next() % 9));
		for (int t = 0; t < TAX_TYPE_COUNT; t++) {
			e[i].tax[t] = (int64_t)(next() % 100000000) - 1000000;
			e[i].base_tax[t] = (int64_t)(next() % 100000000);
		}
	}
	assert_int_equal(revshare_compute(&prm, zs, 2, e, N, &a, &r, &p), 0);
	for (size_t z = 0; z < 2; z++) {
		struct strbuf text = STRBUF_INIT;
		unsigned char h[crypto_hash_sha256_BYTES];
		char want[REVSHARE_DIGEST_HEX], got[REVSHARE_DIGEST_HEX];
		revshare_zone_text(&prm, &r, z, e, &text);
		assert_true(z == 1 || text.len > 500000);
		crypto_hash_sha256(h, (const unsigned char *)text.buf, text.len);
		sodium_bin2hex(want, sizeof(want), h, sizeof(h));
		assert_int_equal(revshare_zone_digest(&prm, &r, z, e, got), 0);
		assert_string_equal(got, want);
		strbuf_release(&text);
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_worked_example),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_returned_half_up),
	    cmocka_unit_test(test_corrected_import),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_properties),
	    cmocka_unit_test(test_digest_of_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
