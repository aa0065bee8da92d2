/* affairs_json.h - the JSON shapes of social affairs, key matters, reported problems and rule
 * adjustments: the API's answers and the audit records (keys in byte order). The reporting
 * enterprise's phone is personal (masked unless the writer reveals). Pure writers. */
#ifndef KFQ_APP_AFFAIRS_JSON_H
#define KFQ_APP_AFFAIRS_JSON_H

#include "store/store_affairs.h"

struct jsonw;

void affairs_json_social(struct jsonw *w, const struct store_social *s);
void affairs_json_matter(struct jsonw *w, const struct store_matter *m);
void affairs_json_problem(struct jsonw *w, const struct store_problem *p);
void affairs_json_rule(struct jsonw *w, const struct store_rule *r);

extern const struct store_affairs_json affairs_json_audit;

#endif
