/* invest_json.h - the investment pipeline as JSON (answers, audit records, the demo's), keys in
 * byte order. */
#ifndef KFQ_APP_INVEST_JSON_H
#define KFQ_APP_INVEST_JSON_H

#include "store/store_invest.h"

#include <stdbool.h>

struct jsonw;

/* How long a project has been in its stage, as the API answers it (not audited: it changes
 * with the day; so does whether its staff has left the roster, written with it). */
struct invest_json_stall {
	int64_t days;
	bool stalled;
};

/* A project's members (its stage changes when it holds them, its stall and its staff's leaving
 * the roster when st is not NULL) in an object the caller opened. */
void invest_json_fields(struct jsonw *w, const struct store_invest_project *p,
                        const struct invest_json_stall *st);
/* A project as one object (the audit record's shape). */
void invest_json_write(struct jsonw *w, const struct store_invest_project *p);

extern const struct store_invest_json invest_json_audit;

#endif
