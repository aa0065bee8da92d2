/* store_people_impl.h - what the files of staffing and rosters share; private to store/. */
#ifndef KFQ_STORE_PEOPLE_IMPL_H
#define KFQ_STORE_PEOPLE_IMPL_H

#include "store/store_people.h"

/* The roster of org as it stands: people not yet recorded as gone, and those of them in
 * leader posts (bodies is left as it is). */
int store_people_roster_counts(struct store *s, int64_t org_id, struct roster_counts *out);
/* The current calendar year in Asia/Shanghai. */
int store_people_year(void);

#endif
