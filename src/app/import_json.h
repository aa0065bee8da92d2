/* import_json.h - the wire shape of an import's result, shared by the API and the command
 * line's --json output. */
#ifndef KFQ_APP_IMPORT_JSON_H
#define KFQ_APP_IMPORT_JSON_H

#include "app/import.h"
#include "util/jsonw.h"

/* {"bad_rows","format","id","kind","outcome","previous_id","problems":[{"column","message",
 *  "row"}],"problems_total","problems_truncated","rows","secret":{"rows","token"}|null,
 *  "sha256","size"} */
void import_result_write_json(struct jsonw *w, const struct import_kind *k,
                              const struct import_result *r);

#endif
