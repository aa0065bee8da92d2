/* timeutil.h - RFC 3339 UTC timestamps ("2026-11-28T03:00:00Z"), the one time format kfq
 * stores. Pure conversions plus one clock read. */
#ifndef KFQ_UTIL_TIMEUTIL_H
#define KFQ_UTIL_TIMEUTIL_H

#include <stdint.h>
#include <time.h>

#define TIME_RFC3339_LEN 21 /* bytes including the NUL */

/* Writes t as RFC 3339 UTC into out[TIME_RFC3339_LEN]. */
void time_format(int64_t t, char out[TIME_RFC3339_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SS+08:00" or "YYYY-MM-DD" (00:00 UTC).
 * Returns 0 and sets *t, or -1 for anything else (including impossible dates). */
int time_parse(const char *s, int64_t *t);
/* Seconds since the epoch. Rules that depend on time take `now` as a parameter instead. */
int64_t time_now(void);

#endif
