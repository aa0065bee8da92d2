/* revshare.h - revenue sharing (财力分成, art. 6 of the seed): for a year Y, the new tax of the
 * enterprises each zone attracted, returned to the zone by transfer payment at the sharing
 * ratio. Pure: callers bring the year's configuration, each enterprise's yearly tax by type and
 * how its revenue is split between zones; this file computes every zone's statement.
 *
 * The rule (docs/DECISIONS.md has our readings of the seed):
 *   T(e,Y) = Σ_type tax(e,Y,type) × share(Y,type)                     exact, in e4 (1/10000 fen)
 *   B(e)   = T(e, base year) with the base year's shares, or 0 when e arrived after the base year
 *   a zone's line for e = its part of T and of B (an arrangement's split: largest remainder at
 *            the e4, so the parts of T, and of B, add up to the whole exactly), and the
 *            difference, exact
 *   I(z)   = Σ lines' increments, floored at 0
 *   R(z)   = I(z) × sharing ratio, rounded half-up to the fen once
 * Every attracted enterprise that had arrived by the end of Y has a line, zero or not. */
#ifndef KFQ_CORE_REVSHARE_H
#define KFQ_CORE_REVSHARE_H

#include "core/inbox.h"
#include "core/tax_type.h"
#include "util/arena.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REVSHARE_DEFAULT_BASE_YEAR 2024 /* the seed: "2024年为基准年" */
#define REVSHARE_YEAR_MIN          2000
#define REVSHARE_YEAR_MAX          2100
#define REVSHARE_MAX_PARTS         4 /* zones one enterprise's revenue may be split between */
#define REVSHARE_DIGEST_HEX        65

/* A year's configuration, and the base year's shares that B is computed with. */
struct revshare_params {
	int year;
	int base_year;
	int64_t ratio_bp;                      /* sharing ratio */
	int64_t share_bp[TAX_TYPE_COUNT];      /* year Y's local retained share per type */
	int64_t base_share_bp[TAX_TYPE_COUNT]; /* the base year's */
};

/* One zone's part of an enterprise's revenue. */
struct revshare_part {
	int64_t zone_id;
	int64_t bp;
};

struct revshare_enterprise {
	int64_t id;
	bool attracted;                   /* 招商引资: only attracted enterprises are shared */
	int arrival_year;                 /* the year it settled in the zone */
	int64_t tax[TAX_TYPE_COUNT];      /* fen paid in Y, by type */
	int64_t base_tax[TAX_TYPE_COUNT]; /* fen paid in the base year, by type */
	/* how its revenue is split that year, bp adding up to 10000 over distinct zones; one part
	 * (its own zone at 10000) when no arrangement splits it */
	struct revshare_part parts[REVSHARE_MAX_PARTS];
	size_t n_parts;
};

struct revshare_line {
	size_t enterprise; /* index into the input */
	int64_t enterprise_id;
	int64_t zone_id;
	int64_t share_bp; /* this zone's part; 10000 unless split */
	int64_t local_e4; /* its part of T(e,Y) */
	int64_t base_e4;  /* its part of B(e) */
	int64_t increment_e4;
	bool base_counted; /* false: arrived after the base year, B = 0 */
};

struct revshare_zone {
	int64_t zone_id;
	size_t first_line, n_lines; /* its lines, by enterprise id */
	int64_t local_e4;           /* Σ lines */
	int64_t base_e4;
	int64_t increment_e4; /* Σ lines' increments, may be negative */
	int64_t counted_e4;   /* the increment floored at 0 */
	int64_t returned_fen; /* counted × ratio, half-up at the fen */
};

struct revshare_result {
	struct revshare_line *lines; /* zone by zone in the order of zone_ids */
	size_t n_lines;
	struct revshare_zone *zones; /* one per zone_ids entry, in that order */
	size_t n_zones;
	int64_t returned_fen; /* Σ zones: the city's cost */
};

/* The first problem found, in Chinese, with the enterprise it concerns (-1: none). */
struct revshare_problem {
	const char *message;
	int64_t enterprise_id;
	char message_buf[128];
};

/* 0 if the configuration can be computed with: years in range, base year before the year,
 * ratio and shares within 0..10000. Else -1 with *p. */
int revshare_params_check(const struct revshare_params *prm, struct revshare_problem *p);

/* T of one year's amounts under shares, exact in e4. 0, or -1 on overflow. */
int revshare_local_e4(const int64_t tax[TAX_TYPE_COUNT], const int64_t share_bp[TAX_TYPE_COUNT],
                      int64_t *out);

/* Every zone's statement for prm->year. zone_ids: the zones to report, each once (a zone with
 * no line still gets a statement, all zero). Lines and zones live in a. 0, or -1 with *p: a
 * bad configuration, an enterprise's parts that do not add up to 10000 or name a zone not in
 * zone_ids, or an amount too large to compute. */
int revshare_compute(const struct revshare_params *prm, const int64_t *zone_ids, size_t n_zones,
                     const struct revshare_enterprise *e, size_t n, struct arena *a,
                     struct revshare_result *out, struct revshare_problem *p);

/* The returned amount of a zone's counted increment under a ratio: what revshare_compute does
 * once per zone, for a what-if that only changes the ratio. 0, or -1 on overflow. */
int revshare_returned(int64_t counted_e4, int64_t ratio_bp, int64_t *fen);

/* "code a b\n" for tax type `type`: how a statement's text and its saved lines write a type's
 * two amounts (fen in the year and the base year, or its two shares). */
void revshare_add_amounts(struct strbuf *out, int type, int64_t a, int64_t b);

/* The canonical text of one zone's statement: the configuration, each line with the
 * enterprise's amounts by type, and the totals, one fact per line. The same inputs give the
 * same bytes; a statement's digest is the SHA-256 of this text. */
void revshare_zone_text(const struct revshare_params *prm, const struct revshare_result *r,
                        size_t zone, const struct revshare_enterprise *e, struct strbuf *out);
/* The SHA-256 of that text, in hex: 0, or -1 when libcrypto fails (out of memory). */
int revshare_zone_digest(const struct revshare_params *prm, const struct revshare_result *r,
                         size_t zone, const struct revshare_enterprise *e,
                         char hex[REVSHARE_DIGEST_HEX]);

/* What to do with a zone's freshly computed statement, given its newest stored version. */
enum revshare_action {
	REVSHARE_FIRST,         /* none stored: version 1, a draft */
	REVSHARE_SAME,          /* the newest has this digest: nothing changes */
	REVSHARE_REPLACE_DRAFT, /* the newest is an unconfirmed draft: it is recomputed in place */
	REVSHARE_NEW_VERSION,   /* the newest is confirmed, so frozen: a new draft version beside it
	                         */
	/* the newest is a draft and the figures are back to the confirmed version's: the draft is
	 * withdrawn and the confirmed version stands, rather than be confirmed a second time */
	REVSHARE_WITHDRAW_DRAFT,
};
/* latest_digest NULL when no version is stored; confirmed_digest that of the newest confirmed
 * version, NULL when none is. */
enum revshare_action revshare_version_action(const char *latest_digest, bool latest_confirmed,
                                             const char *confirmed_digest, const char *digest);
/* The action's stable code, as the API and `kfq revshare` print it: "created", "unchanged",
 * "recomputed", "new_version", "withdrawn". */
const char *revshare_action_code(enum revshare_action a);

/* The steps of a statement that hand work to someone, and the inbox item of each (link the
 * statement): a statement computed or recomputed goes to the accounts of the organizations
 * holding confirm_revenue that confirm it (revshare_manage), a confirmed one to the zone's
 * accounts. Strings in a. */
enum revshare_step { REVSHARE_STEP_COMPUTED, REVSHARE_STEP_CONFIRMED };
void revshare_step_item(enum revshare_step step, int64_t statement_id, int64_t zone_id,
                        const char *zone, int year, int version, struct arena *a,
                        struct inbox_item *out);

#endif
