/* revshare_impl.h - what the revenue-sharing handler files (revshare.c, revshare_doc.c,
 * revshare_whatif.c) share. Private to them. */
#ifndef KFQ_API_REVSHARE_IMPL_H
#define KFQ_API_REVSHARE_IMPL_H

#include "api/api.h"
#include "api/money.h"

#include "app/revshare_run.h"
#include "store/store_revshare.h"

/* The statement of the path, if the caller sees its zone (else answered, -1). */
int revshare_load(struct api_ctx *c, struct store_revshare_statement *st);
/* The :year path parameter (404 if it is not a year). */
int revshare_path_year(struct api_ctx *c, int *year);
/* Answers a failed revshare_run/prepare/whatif/adopt (409 with its message, or the store's). */
int revshare_run_error(struct api_ctx *c, const struct revshare_run_result *r);

/* revshare_doc.c: the statement as .xlsx and as a page to print and sign */
int revshare_export(struct api_ctx *c);
int revshare_print(struct api_ctx *c);

/* revshare_whatif.c: sharing ratios side by side, and adopting one */
int revshare_whatif_compare(struct api_ctx *c);
int revshare_whatif_adopt(struct api_ctx *c);
extern const struct api_field revshare_whatif_body[];
extern const struct api_field revshare_adopt_body[];

#endif
