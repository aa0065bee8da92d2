/* store_org.h - organizations (the tree of city departments, counties, zones, platform
 * companies and supervisory bodies) and their aliases. Every change is audited in the same
 * transaction. Returned structs and strings are allocated from the caller's arena. */
#ifndef KFQ_STORE_ORG_H
#define KFQ_STORE_ORG_H

#include "core/org_import.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_org {
	int64_t id;
	int64_t parent_id; /* 0 = a root */
	const char *name;
	const char *type;  /* city_department, county, zone, platform_company, supervisory_body */
	const char *level; /* zones: national, provincial, municipal; else NULL */
	bool is_sample;    /* demo data, shown as 示例 */
	const char **aliases;
	int naliases;
};

struct store_org_filter {
	const char *q;    /* substring of the name or an alias; NULL = any */
	const char *type; /* NULL = any */
	/* Data scope: when ids is non-NULL only these organizations are listed. */
	const int64_t *ids;
	int nids;
};

int store_org_list(struct store *s, struct arena *a, const struct store_org_filter *f,
                   struct store_org **out, int *n);
/* KFQ_ENOTFOUND when absent. */
int store_org_get(struct store *s, struct arena *a, int64_t id, struct store_org *out);
/* KFQ_OK when organization id exists, KFQ_ENOTFOUND when not: its key alone, for a check that
 * reads nothing of it (a notice's addressee and copies). */
int store_org_exists(struct store *s, int64_t id);
/* Finds by exact name or alias. KFQ_ENOTFOUND when absent. */
int store_org_find(struct store *s, struct arena *a, const char *name, struct store_org *out);

/* The writer the audit records of organizations take their before/after from: the caller's
 * shape of an organization (app/org_json.c's org_json_audit). */
struct store_org_json {
	void (*org)(struct jsonw *w, const struct store_org *o);
};

/* Creates org (id is set on success). KFQ_ECONFLICT when the name or an alias is taken (the
 * taken string in *taken), KFQ_ECONSTRAINT when the parent does not exist. */
int store_org_create(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, struct store_org *org, const char **taken);
/* Creates every row of an import file in one transaction; rows whose name exists are
 * skipped. On failure nothing is written, *bad_line names the row and *problem the parent
 * that does not exist (KFQ_ECONSTRAINT) or the name/alias that is taken (KFQ_ECONFLICT). */
int store_org_import(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, const struct org_import *in, int *created,
                     int *skipped, int *bad_line, const char **problem);
/* Replaces name, type, parent, level, sample flag and aliases of org->id. KFQ_EINVAL when the
 * new parent is the org itself or one of its descendants; KFQ_ESTATE when a zone with plans,
 * people, enterprises, land, budgets, companies or powers would become another type. */
int store_org_update(struct store *s, const struct store_actor *who,
                     const struct store_org_json *json, const struct store_org *org,
                     const char **taken);

#endif
