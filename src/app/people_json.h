/* people_json.h - staffing, posts and roster people as JSON: what the API answers and what
 * the audit records keep. The national ID number is a personal field (core/personal.h): the
 * audit records' writers mask it always. */
#ifndef KFQ_APP_PEOPLE_JSON_H
#define KFQ_APP_PEOPLE_JSON_H

#include "store/store_people.h"
#include "util/jsonw.h"

void people_json_staffing(struct jsonw *w, const struct store_staffing *st, bool counts);
void people_json_post(struct jsonw *w, const struct store_post *p);
void people_json_person(struct jsonw *w, const struct store_person *p);

/* The writers of the audit records (struct store_people_json). */
extern const struct store_people_json people_json_audit;

#endif
