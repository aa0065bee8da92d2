/* revshare.c - every zone's revenue-sharing statement for a year. Must not round anything but
 * the returned amount, once per zone, and must not read clocks or storage. */
#include "core/revshare.h"

#include "core/money.h"

#include <inttypes.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int problem(struct revshare_problem *p, int64_t enterprise_id, const char *message)
{
	p->enterprise_id = enterprise_id;
	p->message = message;
	return -1;
}

static int problemf(struct revshare_problem *p, int64_t enterprise_id, const char *fmt, int a,
                    int b)
{
	snprintf(p->message_buf, sizeof(p->message_buf), fmt, a, b);
	return problem(p, enterprise_id, p->message_buf);
}

int revshare_params_check(const struct revshare_params *prm, struct revshare_problem *p)
{
	if (prm->year < REVSHARE_YEAR_MIN || prm->year > REVSHARE_YEAR_MAX)
		return problemf(p, -1, "年度应在%d至%d之间", REVSHARE_YEAR_MIN, REVSHARE_YEAR_MAX);
	if (prm->base_year < REVSHARE_YEAR_MIN || prm->base_year >= prm->year)
		return problemf(p, -1, "基准年应早于计算年度（%d），当前为%d", prm->year,
		                prm->base_year);
	if (prm->ratio_bp < 0 || prm->ratio_bp > MONEY_BP)
		return problem(p, -1, "分成比例应在0%至100%之间");
	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		if (prm->share_bp[t] < 0 || prm->share_bp[t] > MONEY_BP ||
		    prm->base_share_bp[t] < 0 || prm->base_share_bp[t] > MONEY_BP)
			return problem(p, -1, "地方留成比例应在0%至100%之间");
	return 0;
}

int revshare_local_e4(const int64_t tax[TAX_TYPE_COUNT], const int64_t share_bp[TAX_TYPE_COUNT],
                      int64_t *out)
{
	int64_t sum = 0, part;

	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		if (__builtin_mul_overflow(tax[t], share_bp[t], &part) ||
		    money_add(sum, part, &sum) != 0)
			return -1;
	*out = sum;
	return 0;
}

int revshare_returned(int64_t counted_e4, int64_t ratio_bp, int64_t *fen)
{
	return money_mul_div_half_up(counted_e4, ratio_bp, (int64_t)MONEY_BP * MONEY_E4, fen);
}

static size_t zone_index(const int64_t *zone_ids, size_t n_zones, int64_t zone_id)
{
	for (size_t i = 0; i < n_zones; i++)
		if (zone_ids[i] == zone_id)
			return i;
	return n_zones;
}

struct placed {
	size_t zone;
	struct revshare_line line;
};

static int placed_cmp(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	if (x->zone != y->zone)
		return x->zone < y->zone ? -1 : 1;
	if (x->line.enterprise_id != y->line.enterprise_id)
		return x->line.enterprise_id < y->line.enterprise_id ? -1 : 1;
	return 0;
}

/* the zones and bp of e's parts, checked; the zone indexes into zi */
static int parts_check(const struct revshare_enterprise *e, const int64_t *zone_ids, size_t n_zones,
                       size_t zi[REVSHARE_MAX_PARTS], struct revshare_problem *p)
{
	int64_t sum = 0;

	if (e->n_parts < 1 || e->n_parts > REVSHARE_MAX_PARTS)
		return problem(p, e->id, "企业的收入分属开发区数量不正确");
	for (size_t k = 0; k < e->n_parts; k++) {
		if (e->parts[k].bp <= 0 || e->parts[k].bp > MONEY_BP)
			return problem(p, e->id, "企业收入的分属比例应在0%至100%之间");
		sum += e->parts[k].bp;
		zi[k] = zone_index(zone_ids, n_zones, e->parts[k].zone_id);
		if (zi[k] == n_zones)
			return problem(p, e->id, "企业收入分属的开发区不在本次计算范围内");
		for (size_t j = 0; j < k; j++)
			if (zi[j] == zi[k])
				return problem(p, e->id, "企业收入在同一开发区重复分属");
	}
	if (sum != MONEY_BP)
		return problem(p, e->id, "企业收入的分属比例之和应为100%");
	return 0;
}

/* places e's lines, one per part, at *placed */
static int place(const struct revshare_params *prm, const struct revshare_enterprise *e,
                 size_t index, const size_t zi[REVSHARE_MAX_PARTS], struct placed *out,
                 struct revshare_problem *p)
{
	int64_t local, base = 0, w[REVSHARE_MAX_PARTS], lp[REVSHARE_MAX_PARTS],
	               bp[REVSHARE_MAX_PARTS];
	bool counted = e->arrival_year <= prm->base_year;

	if (revshare_local_e4(e->tax, prm->share_bp, &local) != 0 ||
	    (counted && revshare_local_e4(e->base_tax, prm->base_share_bp, &base) != 0))
		return problem(p, e->id, "税收金额过大，无法计算");
	for (size_t k = 0; k < e->n_parts; k++)
		w[k] = e->parts[k].bp;
	if (money_split(local, w, e->n_parts, lp) != 0 || money_split(base, w, e->n_parts, bp) != 0)
		return problem(p, e->id, "税收金额过大，无法计算");
	for (size_t k = 0; k < e->n_parts; k++) {
		struct revshare_line *l = &out[k].line;
		out[k].zone = zi[k];
		l->enterprise = index;
		l->enterprise_id = e->id;
		l->zone_id = e->parts[k].zone_id;
		l->share_bp = e->parts[k].bp;
		l->local_e4 = lp[k];
		l->base_e4 = bp[k];
		l->base_counted = counted;
		if (__builtin_sub_overflow(lp[k], bp[k], &l->increment_e4))
			return problem(p, e->id, "税收金额过大，无法计算");
	}
	return 0;
}

static int total_zone(const struct revshare_params *prm, struct revshare_zone *z,
                      const struct revshare_line *lines, struct revshare_problem *p)
{
	for (size_t i = 0; i < z->n_lines; i++) {
		const struct revshare_line *l = &lines[z->first_line + i];
		if (money_add(z->local_e4, l->local_e4, &z->local_e4) != 0 ||
		    money_add(z->base_e4, l->base_e4, &z->base_e4) != 0 ||
		    money_add(z->increment_e4, l->increment_e4, &z->increment_e4) != 0)
			return problem(p, -1, "开发区税收合计过大，无法计算");
	}
	z->counted_e4 = z->increment_e4 > 0 ? z->increment_e4 : 0;
	if (revshare_returned(z->counted_e4, prm->ratio_bp, &z->returned_fen) != 0)
		return problem(p, -1, "开发区税收合计过大，无法计算");
	return 0;
}

int revshare_compute(const struct revshare_params *prm, const int64_t *zone_ids, size_t n_zones,
                     const struct revshare_enterprise *e, size_t n, struct arena *a,
                     struct revshare_result *out, struct revshare_problem *p)
{
	struct placed *placed;
	size_t np = 0;

	memset(out, 0, sizeof(*out));
	p->enterprise_id = -1;
	if (revshare_params_check(prm, p) != 0)
		return -1;
	for (size_t i = 0; i < n_zones; i++)
		if (zone_index(zone_ids, i, zone_ids[i]) != i)
			return problem(p, -1, "开发区重复");
	placed = n ? arena_alloc(a, n * REVSHARE_MAX_PARTS * sizeof(*placed)) : NULL;
	for (size_t i = 0; i < n; i++) {
		size_t zi[REVSHARE_MAX_PARTS];
		if (!e[i].attracted || e[i].arrival_year > prm->year)
			continue;
		if (parts_check(&e[i], zone_ids, n_zones, zi, p) != 0 ||
		    place(prm, &e[i], i, zi, placed + np, p) != 0)
			return -1;
		np += e[i].n_parts;
	}
	if (np)
		qsort(placed, np, sizeof(*placed), placed_cmp);
	out->lines = np ? arena_alloc(a, np * sizeof(*out->lines)) : NULL;
	out->zones = arena_zalloc(a, (n_zones ? n_zones : 1) * sizeof(*out->zones));
	out->n_lines = np;
	out->n_zones = n_zones;
	for (size_t i = 0; i < n_zones; i++)
		out->zones[i].zone_id = zone_ids[i];
	for (size_t i = 0; i < np; i++) {
		struct revshare_zone *z = &out->zones[placed[i].zone];
		if (z->n_lines == 0)
			z->first_line = i;
		z->n_lines++;
		out->lines[i] = placed[i].line;
	}
	for (size_t i = 0; i < n_zones; i++)
		if (total_zone(prm, &out->zones[i], out->lines, p) != 0 ||
		    money_add(out->returned_fen, out->zones[i].returned_fen, &out->returned_fen) !=
		        0)
			return problem(p, -1, "开发区税收合计过大，无法计算");
	return 0;
}

void revshare_add_amounts(struct strbuf *out, int type, int64_t a, int64_t b)
{
	strbuf_addstr(out, tax_type_defs[type].code);
	strbuf_addch(out, ' ');
	strbuf_addint(out, a);
	strbuf_addch(out, ' ');
	strbuf_addint(out, b);
	strbuf_addch(out, '\n');
}

#define TEXT_CHUNK 65536 /* bytes of a statement's text hashed at a time */

/* Takes the text written so far (and empties out). */
typedef void text_sink(void *ctx, struct strbuf *out);

/* The canonical text into out; with a sink, handed to it a chunk at a time (a zone's text is
 * tens of MB). */
static void zone_text(const struct revshare_params *prm, const struct revshare_result *r,
                      size_t zone, const struct revshare_enterprise *e, struct strbuf *out,
                      text_sink *sink, void *ctx)
{
	const struct revshare_zone *z = &r->zones[zone];

	strbuf_addf(
	    out, "kfq revenue sharing statement 1\nyear %d\nbase_year %d\nratio_bp %" PRId64 "\n",
	    prm->year, prm->base_year, prm->ratio_bp);
	for (int t = 0; t < TAX_TYPE_COUNT; t++) {
		strbuf_addstr(out, "share ");
		revshare_add_amounts(out, t, prm->share_bp[t], prm->base_share_bp[t]);
	}
	strbuf_addf(out, "zone %" PRId64 "\n", z->zone_id);
	/* a zone's lines are tens of thousands: written field by field, not through printf */
	for (size_t i = 0; i < z->n_lines; i++) {
		const struct revshare_line *l = &r->lines[z->first_line + i];
		const struct revshare_enterprise *x = &e[l->enterprise];
		strbuf_addstr(out, "line ");
		strbuf_addint(out, l->enterprise_id);
		strbuf_addstr(out, " arrival ");
		strbuf_addint(out, x->arrival_year);
		strbuf_addstr(out, " share_bp ");
		strbuf_addint(out, l->share_bp);
		strbuf_addstr(out, l->base_counted ? " base_counted 1 local_e4 "
		                                   : " base_counted 0 local_e4 ");
		strbuf_addint(out, l->local_e4);
		strbuf_addstr(out, " base_e4 ");
		strbuf_addint(out, l->base_e4);
		strbuf_addstr(out, " increment_e4 ");
		strbuf_addint(out, l->increment_e4);
		strbuf_addch(out, '\n');
		for (int t = 0; t < TAX_TYPE_COUNT; t++)
			if (x->tax[t] || x->base_tax[t]) {
				strbuf_addstr(out, "tax ");
				revshare_add_amounts(out, t, x->tax[t], x->base_tax[t]);
			}
		if (sink && out->len >= TEXT_CHUNK)
			sink(ctx, out);
	}
	strbuf_addf(out,
	            "total local_e4 %" PRId64 " base_e4 %" PRId64 " increment_e4 %" PRId64
	            " counted_e4 %" PRId64 " returned_fen %" PRId64 "\n",
	            z->local_e4, z->base_e4, z->increment_e4, z->counted_e4, z->returned_fen);
}

void revshare_zone_text(const struct revshare_params *prm, const struct revshare_result *r,
                        size_t zone, const struct revshare_enterprise *e, struct strbuf *out)
{
	zone_text(prm, r, zone, e, out, NULL, NULL);
}

struct hashing {
	EVP_MD_CTX *md;
	bool ok;
};

/* text_sink: into the SHA-256 */
static void hash_chunk(void *ctx, struct strbuf *out)
{
	struct hashing *h = ctx;

	h->ok = h->ok && EVP_DigestUpdate(h->md, out->buf, out->len) == 1;
	strbuf_reset(out);
}

int revshare_zone_digest(const struct revshare_params *prm, const struct revshare_result *r,
                         size_t zone, const struct revshare_enterprise *e,
                         char hex[REVSHARE_DIGEST_HEX])
{
	struct hashing h = {EVP_MD_CTX_new(), false};
	struct strbuf sb = STRBUF_INIT;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int rc = -1;

	/* libcrypto's SHA-256 uses the CPU's SHA instructions where it has them: 4-5 times
	 * libsodium's portable one, over the tens of MB of a city's statements */
	h.ok = h.md && EVP_DigestInit_ex(h.md, EVP_sha256(), NULL) == 1;
	if (h.ok) {
		zone_text(prm, r, zone, e, &sb, hash_chunk, &h);
		hash_chunk(&h, &sb);
	}
	if (h.ok && EVP_DigestFinal_ex(h.md, d, &n) == 1 && n == crypto_hash_sha256_BYTES) {
		sodium_bin2hex(hex, REVSHARE_DIGEST_HEX, d, n);
		rc = 0;
	}
	EVP_MD_CTX_free(h.md);
	strbuf_release(&sb);
	return rc;
}

const char *revshare_action_code(enum revshare_action a)
{
	switch (a) {
	case REVSHARE_FIRST:
		return "created";
	case REVSHARE_SAME:
		return "unchanged";
	case REVSHARE_REPLACE_DRAFT:
		return "recomputed";
	case REVSHARE_WITHDRAW_DRAFT:
		return "withdrawn";
	default:
		return "new_version";
	}
}

enum revshare_action revshare_version_action(const char *latest_digest, bool latest_confirmed,
                                             const char *confirmed_digest, const char *digest)
{
	if (!latest_digest)
		return REVSHARE_FIRST;
	if (strcmp(latest_digest, digest) == 0)
		return REVSHARE_SAME;
	if (latest_confirmed)
		return REVSHARE_NEW_VERSION;
	if (confirmed_digest && strcmp(confirmed_digest, digest) == 0)
		return REVSHARE_WITHDRAW_DRAFT;
	return REVSHARE_REPLACE_DRAFT;
}

void revshare_step_item(enum revshare_step step, int64_t statement_id, int64_t zone_id,
                        const char *zone, int year, int version, struct arena *a,
                        struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "revshare_statement";
	out->entity_id = statement_id;
	out->link = arena_printf(a, "/revshare/statements/%" PRId64, statement_id);
	if (step == REVSHARE_STEP_COMPUTED) {
		out->kind = "revshare_computed";
		out->title =
		    arena_printf(a, "%s%d年度财力分成结算单（第%d版）待确认", zone, year, version);
		out->to[out->nto++] = (struct inbox_to){.capability = "confirm_revenue",
		                                        .perm = PERM_REVSHARE_MANAGE};
		return;
	}
	out->kind = "revshare_confirmed";
	out->title = arena_printf(a, "%d年度财力分成结算单（第%d版）已确认", year, version);
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_REVSHARE_READ};
}
