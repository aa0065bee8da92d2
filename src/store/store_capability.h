/* store_capability.h - the grants of capabilities to organizations (org_capability): list,
 * grant, revoke, what one organization holds, and seeding from an imported policy's articles
 * (core/capability.h says which). Every change is audited in the same transaction (entity
 * "org_capability", actions "grant" and "revoke"). Returned structs and strings are allocated
 * from the caller's arena. Must not decide who may grant: api/ does. */
#ifndef KFQ_STORE_CAPABILITY_H
#define KFQ_STORE_CAPABILITY_H

#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_capability_grant {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *org_type;
	const char *capability;      /* a code of core/capability.h */
	int64_t granted_by;          /* the user; 0 = the command line */
	const char *granted_by_name; /* the username, or cli:<login> */
	const char *granted_at;      /* RFC 3339 UTC */
	const char *note;            /* may be NULL */
};

struct store_capability_filter {
	const char *q;          /* substring of the organization's name or alias, or of the note */
	const char *capability; /* NULL = any */
	int64_t org_id;         /* 0 = any */
	int64_t offset, limit;  /* limit 0 = all */
};

/* The writer the audit records of grants take their before/after from: the caller's shape of
 * a grant (app/capability_json.c's capability_json_audit). */
struct store_capability_json {
	void (*grant)(struct jsonw *w, const struct store_capability_grant *g);
	/* Called in a revocation's transaction, after it, with the capability revoked, so that
	 * what waited for its holders moves on (a filed pay plan waiting only for them); NULL:
	 * nothing waits. */
	int (*revoked)(struct store *s, const struct store_actor *who, const char *capability);
};

/* Grants by organization, then grant; *total = grants matching the filter. */
int store_capability_list(struct store *s, struct arena *a, const struct store_capability_filter *f,
                          struct store_capability_grant **out, int *n, int64_t *total);
/* KFQ_ENOTFOUND when absent. */
int store_capability_get(struct store *s, struct arena *a, int64_t id,
                         struct store_capability_grant *out);

/* Grants g->capability to g->org_id with g->note; sets g->id. KFQ_EINVAL for an unknown code,
 * KFQ_ECONFLICT when the organization holds it already, KFQ_ECONSTRAINT when the organization
 * does not exist. */
int store_capability_grant(struct store *s, const struct store_actor *who,
                           const struct store_capability_json *json,
                           struct store_capability_grant *g);
/* Removes grant id. KFQ_ENOTFOUND when absent. */
int store_capability_revoke(struct store *s, const struct store_actor *who,
                            const struct store_capability_json *json, int64_t id);

/* The codes org holds, sorted (arena array; *codes NULL when none). */
int store_capability_of_org(struct store *s, struct arena *a, int64_t org_id, const char ***codes,
                            int *n);
/* Whether org holds the capability `code`. */
int store_capability_org_has(struct store *s, int64_t org_id, const char *code, bool *has);

/* Grants what the articles of policy_id give (core/capability.h: capability_seed). Each
 * capability is seeded once: one whose seeding is recorded (capability_seed) is left to the
 * office, so a revised draft imported later never undoes the office's grants and revocations.
 * A grant the organization holds already is kept as it is. *granted = grants added. Runs
 * inside the caller's write transaction (the policy import's), audited there. */
int store_capability_seed_tx(struct store *s, const struct store_actor *who,
                             const struct store_capability_json *json, int64_t policy_id,
                             int *granted);

#endif
