/* store_arrangement.h - 区中园 / 飞地 / 托管 arrangements in SQL: parties, dates, the partner's
 * share by year, and the enterprises each covers. Every change is audited in its transaction.
 * The rules of a valid arrangement are core/arrangement.c's; the checks that need other rows
 * (the enterprises belong to the host zone, none is in another arrangement at the same time)
 * run here, inside the write transaction. Returned data is allocated from the caller's arena. */
#ifndef KFQ_STORE_ARRANGEMENT_H
#define KFQ_STORE_ARRANGEMENT_H

#include "core/arrangement.h"
#include "store/store.h"
#include "store/store_audit.h"

struct store_arrangement_member {
	int64_t id; /* the enterprise */
	const char *uscc;
	const char *name;
};

struct store_arrangement {
	struct arrangement ar; /* kind, parties, dates, ratios */
	const char *name;
	const char *note;
	const char *host_zone_name;    /* read back */
	const char *partner_zone_name; /* read back; NULL for a company partner */
	struct store_arrangement_member *members;
	int n_members;
	const char *created_at;
	const char *updated_at;
};

struct store_arrangement_json {
	void (*arrangement)(struct jsonw *w, const struct store_arrangement *a);
};

/* Arrangements a zone is a party to (zone_id 0: all), limited to the zones of scope, by id. */
int store_arrangement_list(struct store *s, struct arena *a, int64_t zone_id,
                           const struct store_scope *scope, struct store_arrangement **out, int *n);
int store_arrangement_get(struct store *s, struct arena *a, int64_t id,
                          struct store_arrangement *out);
/* Every arrangement with its members, for a computation. */
int store_arrangement_all(struct store *s, struct arena *a, struct store_arrangement **out, int *n);

/* Why a write was refused beyond a store error: the member (its index) that is not in the host
 * zone or is covered by another arrangement whose years overlap (that one's id). */
struct store_arrangement_refusal {
	int member;       /* -1 = none */
	int64_t other;    /* the overlapping arrangement, 0 = none */
	bool not_in_host; /* the member is registered in another zone */
	bool not_found;   /* the member does not exist */
};

/* Creates (ar.id 0) or replaces (ar.id) an arrangement with its ratios and members (members[i].id
 * the enterprise ids). KFQ_EINVAL with *why when a member is refused, KFQ_ECONSTRAINT when a
 * zone is not a zone, KFQ_ENOTFOUND for a missing arrangement. */
int store_arrangement_save(struct store *s, const struct store_actor *who,
                           const struct store_arrangement_json *json, struct store_arrangement *x,
                           struct store_arrangement_refusal *why);

/* Deletes arrangement id with its ratios and members, audited with what it was (a computation
 * after it shares its enterprises' revenue as their own zone's; confirmed statements keep the
 * figures they were confirmed with). KFQ_ENOTFOUND. */
int store_arrangement_delete(struct store *s, const struct store_actor *who,
                             const struct store_arrangement_json *json, int64_t id);

#endif
