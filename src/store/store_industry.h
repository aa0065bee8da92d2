/* store_industry.h - an industry classification an office loaded from its own official file
 * (kfq catalog import). While none is loaded the one kfq ships is in force (app/industry.c
 * decides which). Replacing it is one audited transaction, refused while an enterprise's code
 * would no longer be a 小类. */
#ifndef KFQ_STORE_INDUSTRY_H
#define KFQ_STORE_INDUSTRY_H

#include "core/industry.h"
#include "store/store.h"
#include "store/store_audit.h"

/* The loaded classification as text in kfq's own layout ("code\tname" lines in the file's
 * order), or *text NULL when none is loaded. Arena memory. */
int store_industry_text(struct store *s, struct arena *a, char **text);

/* Replaces the loaded classification with c, audited as "import" of entity "industry_catalog"
 * with the file's name and SHA-256 and the count per level. KFQ_ECONSTRAINT when an
 * enterprise's industry code is not a 小类 of c (that code in *missing, arena or static). */
int store_industry_replace(struct store *s, struct arena *a, const struct store_actor *who,
                           const struct industry_catalog *c, const char *file_name,
                           const char *sha256, const char **missing);

#endif
