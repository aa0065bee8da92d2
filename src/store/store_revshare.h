/* store_revshare.h - revenue sharing (art. 6) in SQL: each year's configuration, the inputs a
 * year's computation reads (attracted enterprises and their tax in the year and the base year),
 * and each zone's statements, version by version. The computation itself is core/revshare.c's;
 * the versioning rule (core/revshare_version_action) is applied here, inside the write
 * transaction, so that two computations cannot both take the next version. Returned structs and
 * strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_REVSHARE_H
#define KFQ_STORE_REVSHARE_H

#include "core/revshare.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* A year's configuration. */
struct store_revshare_year {
	int year;
	int base_year;
	int64_t ratio_bp;
	int64_t share_bp[TAX_TYPE_COUNT];
	const char *updated_at;
};

struct store_revshare_json;

/* KFQ_ENOTFOUND when the year is not configured. */
int store_revshare_year_get(struct store *s, struct arena *a, int year,
                            struct store_revshare_year *out);
/* Every configured year, ascending (arena). */
int store_revshare_year_list(struct store *s, struct arena *a, struct store_revshare_year **out,
                             int *n);
/* Sets a year's configuration, audited with `action` ("set" by hand, "adopt_scenario" from a
 * what-if; note, when not NULL, is recorded beside the after-state as {"scenario": note}). */
int store_revshare_year_set(struct store *s, const struct store_actor *who,
                            const struct store_revshare_json *json,
                            const struct store_revshare_year *y, const char *action,
                            const char *note);

/* What one attracted enterprise brings to a year's computation. */
struct store_revshare_source {
	int64_t id;
	const char *uscc;
	const char *name;
	int64_t zone_id;
	const char *registered_on;
	const char *settled_on;
	int64_t tax[TAX_TYPE_COUNT];      /* fen in the year */
	int64_t base_tax[TAX_TYPE_COUNT]; /* fen in the base year */
};

/* Every attracted enterprise (by id) with its tax in year and in base_year; one read snapshot.
 * Arena array. A record with a tax type the catalogue does not know is KFQ_EINVAL (with the
 * type in the store's message). */
int store_revshare_sources(struct store *s, struct arena *a, int year, int base_year,
                           struct store_revshare_source **out, size_t *n);

/* The ids of every zone, ascending (arena). */
int store_revshare_zones(struct store *s, struct arena *a, int64_t **ids, size_t *n);

/* One zone's statement. */
struct store_revshare_statement {
	int64_t id;
	int64_t zone_id;
	const char *zone_name; /* read back */
	int year;
	int version;
	const char *status; /* "draft" / "confirmed" */
	int base_year;
	int64_t ratio_bp;
	const char
	    *shares; /* "vat 5000 5000\n…": each type's share in the year and the base year */
	int64_t local_e4, base_e4, increment_e4, counted_e4, returned_fen;
	int n_lines;
	const char *digest;
	const char *computed_at;
	const char *confirmed_at;
	int64_t confirmed_by;
	const char *confirmed_by_name;
	int64_t confirmed_org_id;
	const char *confirmed_org_name;
};

/* The writers audit records take their before/after from (app/revshare_json.c). */
struct store_revshare_json {
	void (*year)(struct jsonw *w, const struct store_revshare_year *y);
	void (*statement)(struct jsonw *w, const struct store_revshare_statement *st);
};

struct store_revshare_line {
	int seq;
	int64_t enterprise_id;
	const char *uscc;
	const char *name;
	int arrival_year;
	int64_t share_bp;
	bool base_counted;
	int64_t local_e4, base_e4, increment_e4;
	const char *taxes; /* "vat 400001 300001\n…": fen in the year and the base year */
};

/* A zone's freshly computed statement and its lines, to save. */
struct store_revshare_new {
	struct store_revshare_statement st; /* zone_id, year, config, totals, digest, n_lines */
	const struct store_revshare_line *lines;
	enum revshare_action action; /* out: what saving did */
};

/* Saves every zone's statement of one year in one transaction, each by the versioning rule
 * (the newest version same: nothing; a draft: replaced in place, or withdrawn when the figures
 * are back to the confirmed version's; confirmed: a new version beside it). Each write is
 * audited ("compute" or "recompute" on the statement, "delete" on a withdrawn draft, whose
 * inbox items go with it). st.id and st.version are set on return (a withdrawn draft's: the
 * confirmed version's). */
int store_revshare_save(struct store *s, const struct store_actor *who,
                        const struct store_revshare_json *json, struct store_revshare_new *z,
                        size_t n);

struct store_revshare_filter {
	int year;                 /* 0 = any */
	int64_t zone_id;          /* 0 = any */
	bool latest;              /* only each zone's and year's newest version */
	struct store_scope scope; /* the zones whose statements may be listed */
};

/* Statements by year (newest first), zone, version (newest first). */
int store_revshare_list(struct store *s, struct arena *a, const struct store_revshare_filter *f,
                        struct store_revshare_statement **out, int *n);
int store_revshare_get(struct store *s, struct arena *a, int64_t id,
                       struct store_revshare_statement *out);
/* A statement's lines by seq; q a substring of the name or code; limit 0 = all. */
int store_revshare_lines(struct store *s, struct arena *a, int64_t statement_id, const char *q,
                         int64_t offset, int64_t limit, struct store_revshare_line **out, int *n,
                         int64_t *total);
/* Confirms a draft (by who, for organization org_id): KFQ_ENOTFOUND, or KFQ_ECONFLICT when it is
 * confirmed already or a newer version exists. */
int store_revshare_confirm(struct store *s, const struct store_actor *who,
                           const struct store_revshare_json *json, int64_t id);

/* Each zone's newest statement of every year from..to (charts), by year and zone. */
int store_revshare_history(struct store *s, struct arena *a, int from, int to,
                           const struct store_scope *scope, struct store_revshare_statement **out,
                           int *n);

#endif
