/* store_enterprise.h - the enterprise registry and each enterprise's yearly tax records. Every
 * change is audited in its transaction, with the caller's JSON shapes. Returned structs and
 * strings are allocated from the caller's arena. The rules of a valid entry are
 * core/enterprise.h's; this file stores what the caller has checked. */
#ifndef KFQ_STORE_ENTERPRISE_H
#define KFQ_STORE_ENTERPRISE_H

#include "core/tax_type.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_bulk.h"

#include <stdbool.h>

struct store_enterprise {
	int64_t id;
	const char *uscc;
	const char *name;
	int64_t zone_id;
	const char *zone_name; /* read back */
	const char *address;
	const char *industry_code;
	const char *scale; /* "above" / "below" */
	const char *registered_on;
	bool attracted;
	const char *contract_on; /* NULL when not given */
	const char *settled_on;
	const char *production_on;
	const char *created_at;
	const char *updated_at;
};

struct store_enterprise_filter {
	const char *q;            /* substring of the name or the code; NULL = any */
	int64_t zone_id;          /* 0 = any */
	int attracted;            /* 1, 0, or -1 for either */
	const char *scale;        /* NULL = either */
	const char *industry;     /* a code prefix ("30", "301", "3011"); NULL = any */
	struct store_scope scope; /* the zones whose enterprises may be listed */
	int64_t offset, limit;    /* limit 0 = all */
};

int store_enterprise_list(struct store *s, struct arena *a, const struct store_enterprise_filter *f,
                          struct store_enterprise **out, int *n, int64_t *total);
/* Each enterprise f selects (offset and limit ignored), in the list's order, handed to fn
 * (element: a struct store_enterprise) one at a time, for the export: see store_list_each. a
 * holds what the filter needs. */
int store_enterprise_each(struct store *s, struct arena *a, const struct store_enterprise_filter *f,
                          store_each_fn fn, void *ctx);
/* KFQ_ENOTFOUND when absent. */
int store_enterprise_get(struct store *s, struct arena *a, int64_t id,
                         struct store_enterprise *out);
int store_enterprise_by_uscc(struct store *s, struct arena *a, const char *uscc,
                             struct store_enterprise *out);

/* One year's tax of an enterprise by type, fen; present[t] false for a type not recorded. */
struct store_tax_year {
	int year;
	int64_t fen[TAX_TYPE_COUNT];
	bool present[TAX_TYPE_COUNT];
};

/* Every year recorded for an enterprise, ascending (arena array). */
int store_tax_years(struct store *s, struct arena *a, int64_t enterprise_id,
                    struct store_tax_year **out, int *n);

/* The writers the audit records of enterprises take their before/after from (app/
 * enterprise_json.c's enterprise_json_audit). */
struct store_enterprise_json {
	void (*enterprise)(struct jsonw *w, const struct store_enterprise *e);
	/* an enterprise's tax for one year: {"enterprise_id","year","amounts":{code: fen}} */
	void (*tax_year)(struct jsonw *w, int64_t enterprise_id, const struct store_tax_year *y);
};

/* Creates e (id set on success). KFQ_ECONFLICT when the code is registered already (the
 * existing enterprise's id in *existing), KFQ_ECONSTRAINT when the zone is not a zone. */
int store_enterprise_create(struct store *s, const struct store_actor *who,
                            const struct store_enterprise_json *json, struct store_enterprise *e,
                            int64_t *existing);
/* What keeps an enterprise in its zone (store_enterprise_update's refusal of a move). */
struct store_enterprise_held {
	int64_t arrangement_id; /* an arrangement hosted by another zone that covers it, or 0 */
	int64_t parcels;        /* its parcels outside the zone it would move to */
	int64_t buildings;      /* the idle buildings it owns outside that zone */
};

/* Replaces every field of e->id. KFQ_ENOTFOUND, KFQ_ECONFLICT (code taken by another, its id in
 * *existing), KFQ_ECONSTRAINT (not a zone), KFQ_ESTATE (moved out of the host zone of an
 * arrangement that covers it, or out of the zone of its parcels or idle buildings: *held says
 * which). */
int store_enterprise_update(struct store *s, const struct store_actor *who,
                            const struct store_enterprise_json *json,
                            const struct store_enterprise *e, int64_t *existing,
                            struct store_enterprise_held *held);
/* Replaces an enterprise's tax for y->year with y (types not present are removed), audited as
 * "set_tax" on the enterprise. KFQ_ENOTFOUND when the enterprise does not exist. */
int store_tax_set_year(struct store *s, const struct store_actor *who,
                       const struct store_enterprise_json *json, int64_t enterprise_id,
                       const struct store_tax_year *y);

/* The enterprise and tax imports (store_enterprise_bulk.c). */

/* An enterprise as the imports look it up. */
struct store_enterprise_key {
	const char *uscc;
	int64_t id;
	int64_t zone_id;
};

/* Every registered enterprise, sorted by code in byte order (arena array). */
int store_enterprise_keys(struct store *s, struct arena *a, struct store_enterprise_key **out,
                          int *n);
/* The key of uscc in keys (as store_enterprise_keys sorted them), or NULL. */
const struct store_enterprise_key *
store_enterprise_key_find(const struct store_enterprise_key *keys, int n, const char *uscc);

/* The bulk insert of new enterprises (store_bulk), one row each with its creation time. */
extern const struct store_bulk_spec store_enterprise_bulk;
int store_enterprise_bulk_row(struct store_bulk *b, const struct store_enterprise *e,
                              const char *now);

/* The bulk write of tax records inside the caller's write transaction: each row sets the
 * amount of (enterprise, year, type), replacing one already there; a row must not repeat
 * another's key, and its enterprise must be registered (PostgreSQL does not check it again:
 * migration 0033). years[0..nyears) are every year the rows hold. The caller owns *out until
 * store_tax_bulk_end or store_tax_bulk_abort (then rolls back). */
struct store_tax_bulk;
int store_tax_bulk_begin(struct store *s, const int *years, int nyears,
                         struct store_tax_bulk **out);
int store_tax_bulk_row(struct store_tax_bulk *t, int64_t enterprise_id, int year,
                       const char *tax_type, int64_t fen);
/* Writes what is left; *rows (may be NULL) the rows written. Frees t. */
int store_tax_bulk_end(struct store_tax_bulk *t, int64_t *rows);
void store_tax_bulk_abort(struct store_tax_bulk *t);

/* Whether an organization is a zone: KFQ_OK, KFQ_ENOTFOUND (no such organization) or
 * KFQ_ECONSTRAINT (another type). */
int store_enterprise_zone_check(struct store *s, int64_t zone_id);

#endif
