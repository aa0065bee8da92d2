/* unit_resolve.h - maps a unit name as the policy parser wrote it (市发改委, 商务局,
 * 各县(区)党委、政府 …) to the known organizations it means: one organization, a group phrase
 * expanded to many, or "unknown" with the nearest known names as suggestions.
 * Pure: no I/O, no SQL; the caller loads the organizations and passes them in.
 *
 * Ownership: the caller owns the organization table and the id list in the context; every
 * pointer in a struct unit_resolution is either arena memory (ids) or points into the
 * caller's table (nearest names), so it lives as long as both. */
#ifndef KFQ_CORE_UNIT_RESOLVE_H
#define KFQ_CORE_UNIT_RESOLVE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum unit_resolve_org_type {
	UNIT_RESOLVE_CITY_DEPARTMENT,  /* 市直部门: 市发改委, 市财政局 … */
	UNIT_RESOLVE_COUNTY,           /* 县(区): counties and districts alike */
	UNIT_RESOLVE_ZONE,             /* 开发区 (its 党工委、管委会) */
	UNIT_RESOLVE_PLATFORM_COMPANY, /* 平台公司 */
	UNIT_RESOLVE_SUPERVISORY_BODY, /* 纪检监察, 审计 … */
};

enum unit_resolve_zone_level {
	UNIT_RESOLVE_LEVEL_NONE, /* not a zone */
	UNIT_RESOLVE_LEVEL_NATIONAL,
	UNIT_RESOLVE_LEVEL_PROVINCIAL,
	UNIT_RESOLVE_LEVEL_MUNICIPAL,
};

struct unit_resolve_org {
	int64_t id;
	const char *name;           /* official short name, e.g. 市商务局 */
	const char *const *aliases; /* other names, e.g. 商务局; may be NULL when n_aliases is 0 */
	size_t n_aliases;
	enum unit_resolve_org_type type;
	enum unit_resolve_zone_level zone_level; /* zones only; UNIT_RESOLVE_LEVEL_NONE otherwise */
};

struct unit_resolve_ctx {
	const struct unit_resolve_org *orgs; /* every known organization */
	size_t n_orgs;
	const int64_t *city_related; /* what 市直相关部门 means, configured by the caller */
	size_t n_city_related;
	bool names_only; /* the units come from a national document (policy_doc.national): they
	                    match an organization's exact name only, never an alias or the
	                    "X as 市X" rule — 发展改革委 there is not 市发展改革委 */
};

enum unit_resolve_kind {
	UNIT_RESOLVE_MATCH,   /* name or alias matched: ids holds the organization(s) */
	UNIT_RESOLVE_GROUP,   /* a group phrase: ids holds its expansion (possibly empty) */
	UNIT_RESOLVE_UNKNOWN, /* nothing matched: nearest holds suggestions */
};

enum unit_resolve_group {
	UNIT_RESOLVE_GROUP_NONE,     /* not a group phrase */
	UNIT_RESOLVE_GROUP_COUNTIES, /* 各县(区)党委、政府, 各县区, 县(区) … */
	UNIT_RESOLVE_GROUP_ZONES,    /* 各开发区 …: every zone */
	UNIT_RESOLVE_GROUP_PROVINCIAL_ZONES, /* 各省级开发区党工委、管委会: national + provincial */
	UNIT_RESOLVE_GROUP_NATIONAL_ZONES,  /* 各国家级开发区 … */
	UNIT_RESOLVE_GROUP_MUNICIPAL_ZONES, /* 各市级开发区 … */
	UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS, /* 市直相关部门, 市直有关部门 …: ctx->city_related */
};

#define UNIT_RESOLVE_MAX_NEAREST 3

struct unit_resolution {
	enum unit_resolve_kind kind;
	enum unit_resolve_group group; /* for UNIT_RESOLVE_GROUP; NONE otherwise */
	int64_t *ids;                  /* arena; in table order, no repeats. More than one id on
	                                  a MATCH means the name is ambiguous: the caller decides */
	size_t n_ids;
	const char *nearest[UNIT_RESOLVE_MAX_NEAREST]; /* UNKNOWN: nearest org names, closest
	                                                  first (edit distance over code
	                                                  points, ties in table order) */
	size_t n_nearest;
	const char *normalized; /* the unit as compared (see unit_resolve_normalize); arena */
};

/* Resolves one unit. Rules, in order: group phrases; exact name or alias; "X" as "市X";
 * "X(Y)" as X and Y; otherwise UNKNOWN. With ctx->names_only, exact names only. Returns KFQ_OK, or
 * KFQ_EINVAL when unit is NULL or empty after normalising (out->kind is UNKNOWN then). */
int unit_resolve(const struct unit_resolve_ctx *ctx, const char *unit, struct arena *a,
                 struct unit_resolution *out);

/* The form names are compared in: full-width （） and ASCII letters/digits become ASCII, every
 * space (NBSP, U+3000, zero-width included) is removed, and 县() becomes 县(区). Arena memory. */
char *unit_resolve_normalize(struct arena *a, const char *s);

/* Edit distance between two UTF-8 strings counted in code points. */
size_t unit_resolve_distance(struct arena *a, const char *x, const char *y);

#endif
