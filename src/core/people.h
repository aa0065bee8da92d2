/* people.h - the rules of staffing and rosters (articles 7-10 of the seed): the figures 编办
 * approves for a zone and year, the counts a roster may not exceed, secondments, and the
 * national ID number (GB 11643) as people type it. Every refusal is a rule with a stable code
 * and a Chinese message that names it. Pure. */
#ifndef KFQ_CORE_PEOPLE_H
#define KFQ_CORE_PEOPLE_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define PEOPLE_ID_LEN 18 /* characters of a national ID number */

/* What 编办 approves for a zone and year. */
struct staffing_figures {
	int64_t admin_slots; /* 行政编制 */
	int64_t inst_slots;  /* 事业编制 */
	int64_t bodies;      /* 内设机构 */
	int64_t leaders;     /* 领导职数 */
	int64_t quota;       /* 员额 */
};

/* What a roster holds at one moment (after the write being checked). */
struct roster_counts {
	int64_t people;  /* on the roster: each occupies one of the 员额 */
	int64_t leaders; /* of them, in posts that count against 领导职数 */
	int64_t bodies;  /* named internal bodies */
};

enum people_rule {
	PEOPLE_OK = 0,
	PEOPLE_NO_STAFFING,      /* the zone has no approved staffing for the year */
	PEOPLE_OVER_QUOTA,       /* people on the roster > 员额 */
	PEOPLE_OVER_LEADERS,     /* people in leader posts > 领导职数 */
	PEOPLE_OVER_BODIES,      /* named internal bodies > the approved number */
	PEOPLE_TWO_POSTS,        /* the same ID number is on a roster already */
	PEOPLE_POST_TAKEN,       /* the post is held by someone else */
	PEOPLE_SECONDMENT_ORDER, /* a secondment ending on or before its start */
	PEOPLE_HIRED_LEADER,     /* a 聘任 leader without the approving committee or government */
	PEOPLE_END_BEFORE_START, /* leaving the roster before joining it */
	PEOPLE_POST_IN_USE,      /* removing a post someone holds */
	PEOPLE_RULE_COUNT
};

/* Stable snake_case code (the API's error code) and the Chinese message naming the rule and
 * its article (static). */
const char *people_rule_code(enum people_rule r);
const char *people_rule_message(enum people_rule r);

/* The first rule the counts break against the figures: 员额, then 领导职数, then 内设机构;
 * PEOPLE_OK when within all three. */
enum people_rule people_counts_check(const struct staffing_figures *f,
                                     const struct roster_counts *c);

/* A secondment from start to end (YYYY-MM-DD, end may be NULL = open): end after start. */
enum people_rule people_secondment_check(const char *start, const char *end);

/* A national ID number as typed: trimmed of nothing (the API trims), a lower-case x taken as
 * X. out gets the 18 characters and a NUL when the result is valid (GB 11643: ISO 7064
 * MOD 11-2, X for 10, a real birth date; region codes are not checked, since residence
 * permits and new permanent-residence cards use codes outside the administrative ones). */
bool people_id_normalize(const char *in, char out[PEOPLE_ID_LEN + 1]);

/* The inbox item of 编办 (approve_staffing) approving (change false) or changing a zone's staffing
 * of a year: to the zone's accounts that keep its roster (people_write), who fill it within the
 * figures. doc_no: the 批复文号. Strings in a. */
void people_staffing_item(int64_t staffing_id, int64_t zone_id, const char *zone, int year,
                          const char *doc_no, bool change, struct arena *a, struct inbox_item *out);

#endif
