/* revshare_json.h - the JSON shapes of revenue sharing: a year's configuration and a zone's
 * statement (the API's answers and the audit records' before/after), and a statement's line.
 * Amounts are written as integers in their stored units (fen; e4 = 1/10000 fen) beside their
 * yuan text, so that a client never does money arithmetic in floating point. */
#ifndef KFQ_APP_REVSHARE_JSON_H
#define KFQ_APP_REVSHARE_JSON_H

#include "store/store_revshare.h"

/* {"base_year","ratio_bp","shares":{"vat":bp,…},"updated_at","year"} */
void revshare_json_year(struct jsonw *w, const struct store_revshare_year *y);
/* {"base_e4","base_yuan","base_year","computed_at","confirmed_at","confirmed_by",
 *  "confirmed_by_name","confirmed_org_id","confirmed_org_name","counted_e4","counted_yuan",
 *  "digest","id","increment_e4","increment_yuan","local_e4","local_yuan","n_lines","ratio_bp",
 *  "returned_fen","returned_yuan","shares","status","version","year","zone_id","zone_name"}
 * with shares as {"vat":[year bp, base bp],…}; each _e4 amount also as exact yuan text */
void revshare_json_statement(struct jsonw *w, const struct store_revshare_statement *st);
/* {"arrival_year","base_counted","base_e4","base_yuan","enterprise_id","increment_e4",
 *  "increment_yuan","local_e4","local_yuan","name","seq","share_bp",
 *  "taxes":{"vat":[fen, base fen],…},"uscc"} */
void revshare_json_line(struct jsonw *w, const struct store_revshare_line *l);

/* An exact amount as "KEY_e4": units (1/10000 fen) and "KEY_yuan": its exact yuan text; a fen
 * amount as "KEY_fen" and "KEY_yuan". */
void revshare_json_e4(struct jsonw *w, const char *key, int64_t e4);
void revshare_json_fen(struct jsonw *w, const char *key, int64_t fen);

/* Calls fn(code, a, b) for each "code a b" line of a statement's shares or a line's taxes. */
void revshare_json_pairs(const char *text,
                         void (*fn)(void *arg, const char *code, int64_t x, int64_t y), void *arg);

/* What store_revshare's writes take for their audit records. */
extern const struct store_revshare_json revshare_json_audit;

#endif
