/* store_space.h - 腾笼换鸟's storage (store_space.c): idle buildings with their asking terms
 * and the matches with enterprises that need space, each tracked to its outcome. Every change
 * is audited in its transaction with the caller's JSON shapes (struct store_space_json).
 * Returned structs and strings come from the caller's arena. The rules are core/space.c's. */
#ifndef KFQ_STORE_SPACE_H
#define KFQ_STORE_SPACE_H

#include "store/store.h"
#include "store/store_audit.h"

struct store_building {
	int64_t id;
	int64_t zone_id;
	const char *zone_name; /* read back */
	const char *kind;      /* factory, office */
	const char *name, *address;
	int64_t area_m2x100;
	const char *owner;
	int64_t owner_enterprise_id; /* 0 = not in the registry */
	const char *vacant_since;
	int64_t rent_fen, price_fen; /* 0 = not asked */
	const char *terms;
	const char *status;    /* vacant, reused (set by the store) */
	int64_t matches;       /* read back: matches recorded */
	const char *reused_at; /* read back: when the lease or sale that reused it ended, or NULL */
	const char *created_at, *updated_at;
};

struct store_building_filter {
	int64_t zone_id;    /* 0 = any */
	const char *kind;   /* NULL = any */
	const char *status; /* NULL = any */
	bool matching;      /* only those with a match still pending (洽谈中) */
	const char *q;      /* part of the name, the address or the owner */
	struct store_scope scope;
	int64_t offset, limit; /* limit 0 = all */
};

struct store_match {
	int64_t id;
	int64_t building_id;
	const char *building_name; /* read back */
	int64_t zone_id;           /* read back: the building's */
	int64_t enterprise_id;     /* 0 = not registered */
	const char *enterprise_name;
	int64_t need_m2x100;
	const char *note;
	const char *outcome; /* pending, leased, sold, declined */
	const char *result;
	const char *created_at, *closed_at;
};

struct store_space_json {
	void (*building)(struct jsonw *w, const struct store_building *b);
	void (*match)(struct jsonw *w, const struct store_match *m);
};

int store_building_list(struct store *s, struct arena *a, const struct store_building_filter *f,
                        struct store_building **out, int *n, int64_t *total);
/* Each building f selects (offset and limit ignored), in the list's order, handed to fn
 * (element: a struct store_building) one at a time, for the export: see store_list_each. a
 * holds what the filter needs. */
int store_building_each(struct store *s, struct arena *a, const struct store_building_filter *f,
                        store_each_fn fn, void *ctx);
int store_building_get(struct store *s, struct arena *a, int64_t id, struct store_building *out);
/* Creates b (status vacant; b->id set) or replaces the fields of b->id but its status, audited
 * "create" / "update" on "idle_building". KFQ_ENOTFOUND (update) when absent. */
int store_building_create(struct store *s, const struct store_actor *who,
                          const struct store_space_json *json, struct store_building *b);
int store_building_update(struct store *s, const struct store_actor *who,
                          const struct store_space_json *json, const struct store_building *b);

/* The matches of a building, newest first. */
int store_match_list(struct store *s, struct arena *a, int64_t building_id,
                     struct store_match **out, int *n);
int store_match_get(struct store *s, struct arena *a, int64_t id, struct store_match *out);
/* Records m (outcome pending; m->id set), audited "create" on "space_match", and tells the
 * zone in the same transaction (core space_match_step_item). KFQ_ESTATE when the building is
 * reused already. */
int store_match_create(struct store *s, const struct store_actor *who,
                       const struct store_space_json *json, struct store_match *m);
/* Ends match id with outcome and result, audited "close"; with reuses the building becomes
 * reused (audited "reuse" on "idle_building") in the same transaction, which also tells the
 * zone and the holders of manage_land. KFQ_ESTATE when the match has ended already,
 * KFQ_ECONFLICT when it reuses a building another match reused already (let or sold once). */
int store_match_close(struct store *s, const struct store_actor *who,
                      const struct store_space_json *json, int64_t id, const char *outcome,
                      const char *result, bool reuses);

#endif
