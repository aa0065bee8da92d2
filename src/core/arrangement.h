/* arrangement.h - 区中园 / 飞地 / 托管 arrangements (art. 13 of the seed): a host zone and a
 * partner (another zone, or an operating company) share the output and tax of the enterprises
 * the arrangement covers, by a ratio agreed per year. The partner's share in force for a year is
 * the ratio with the latest starting year not after it; an arrangement is in force in a year
 * when its dates overlap that year. Revenue sharing reads an enterprise's split from here. Pure.
 *
 * A company partner takes its share under its contract with the host zone; the city's transfer
 * goes to zones only, so for revenue sharing the host zone keeps the whole enterprise. */
#ifndef KFQ_CORE_ARRANGEMENT_H
#define KFQ_CORE_ARRANGEMENT_H

#include "core/revshare.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRANGEMENT_MAX_RATIOS 50

enum arrangement_kind {
	ARRANGEMENT_PARK_IN_PARK, /* 区中园 */
	ARRANGEMENT_ENCLAVE,      /* 飞地 */
	ARRANGEMENT_TRUSTEESHIP,  /* 托管 */
	ARRANGEMENT_KIND_COUNT
};

struct arrangement_ratio {
	int from_year;
	int64_t partner_bp; /* the partner's share of output and tax from that year on */
};

struct arrangement {
	int64_t id;
	enum arrangement_kind kind;
	int64_t host_zone_id;
	int64_t partner_zone_id;  /* 0 when the partner is a company */
	const char *partner_name; /* the company, when partner_zone_id is 0 */
	const char *start_date;   /* YYYY-MM-DD */
	const char *end_date;     /* YYYY-MM-DD, or NULL while open */
	const struct arrangement_ratio *ratios;
	size_t n_ratios;
};

struct arrangement_problem {
	const char *field; /* JSON Pointer */
	const char *message;
	char field_buf[32];
	char message_buf[96];
};

const char *arrangement_kind_code(enum arrangement_kind k);  /* "park_in_park", ... */
const char *arrangement_kind_label(enum arrangement_kind k); /* "区中园", ... */
/* The kind a code or label names; -1 if none. */
int arrangement_kind_find(const char *code_or_label);

/* 0 if the arrangement is well formed: a partner (a zone other than the host, or a company
 * name), valid dates in order, at least one ratio, ratios within 0..10000 with distinct
 * starting years inside the arrangement's years, the first at its start. Else -1 with *p. */
int arrangement_validate(const struct arrangement *ar, struct arrangement_problem *p);

bool arrangement_in_force(const struct arrangement *ar, int year);
/* Whether two arrangements are in force in a common year (an enterprise may be in both only
 * when not). */
bool arrangement_overlap(const struct arrangement *x, const struct arrangement *y);
/* The partner's share in force in year; -1 when no ratio has started by then. */
int64_t arrangement_partner_bp(const struct arrangement *ar, int year);

/* An enterprise's revenue parts for year: its own zone at 10000, unless an arrangement in
 * force that year covers it and its partner is a zone (then the host keeps 10000 − the
 * partner's share and the partner takes the rest; a part of 0 is left out). covering: the
 * arrangements that list the enterprise. 0, or -1 with *message when two arrangements in force
 * cover it or its zone is not the arrangement's host. */
int arrangement_parts(const struct arrangement *const *covering, size_t n, int64_t zone_id,
                      int year, struct revshare_part parts[REVSHARE_MAX_PARTS], size_t *n_parts,
                      const char **message);

#endif
