/* industry_catalog.h - which industry classification is in force, and loading an office's own
 * official file: the use cases behind GET /api/industries, the registry's code check and
 * `kfq catalog import`. The classification kfq ships is parsed once per process and shared
 * read-only; a loaded one lives in the database (store_industry.h). */
#ifndef KFQ_APP_INDUSTRY_CATALOG_H
#define KFQ_APP_INDUSTRY_CATALOG_H

#include "core/industry.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

/* The classification in force into *out (the shipped one, or the loaded one parsed into a);
 * *loaded says which. A loaded classification that no longer parses is KFQ_ERR (logged). */
int industry_catalog_in_force(struct store *s, struct arena *a, const struct industry_catalog **out,
                              bool *loaded);

enum industry_catalog_status {
	INDUSTRY_CATALOG_OK,
	INDUSTRY_CATALOG_BAD_FILE, /* message (and line) say what */
	INDUSTRY_CATALOG_IN_USE,   /* an enterprise's code is not a 小类 of the file: missing */
	INDUSTRY_CATALOG_STORE,    /* a store error: rc */
};

struct industry_catalog_result {
	enum industry_catalog_status status;
	int rc;
	const char *message; /* Chinese, for the user */
	int line;            /* the file's line the message is about, 0 = the whole file */
	const char *missing;
	size_t per_level[5]; /* what was loaded, by level */
	char sha256[65];
};

/* Reads bytes (UTF-8, UTF-16 with a BOM or GB18030; kfq's layout or the standard's table) and
 * replaces the loaded classification with it, audited. KFQ_OK, or an error with *r saying why. */
int industry_catalog_import(struct store *s, struct arena *a, const struct store_actor *who,
                            const char *bytes, size_t len, const char *file_name,
                            struct industry_catalog_result *r);

#endif
