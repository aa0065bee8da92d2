/* leader.h - art. 15 (建立奖优罚劣机制): a zone leader's reward or adjustment is recorded only
 * against what justifies it: 优先提拔使用 (promote) against the zone's 优秀 of the year,
 * 及时调整 (adjust) against its 较差 (不合格), and 不予调整 (kept) against a 容错免责 case that
 * forgave that person with that effect (art. 18). Only people in a leader post (班子成员) are
 * recorded. Pure. */
#ifndef KFQ_CORE_LEADER_H
#define KFQ_CORE_LEADER_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>

enum leader_rule {
	LEADER_OK = 0,
	LEADER_NOT_LEADER,    /* not in a leader post of the zone */
	LEADER_NO_GRADE,      /* promote or adjust without the zone's grade of the year */
	LEADER_PROMOTE_GRADE, /* promote, the grade not 优秀 */
	LEADER_ADJUST_GRADE,  /* adjust, the grade not 较差 */
	LEADER_KEPT_CASE,     /* kept without a case forgiving that person with that effect */
	LEADER_DUPLICATE,     /* the person has a record of that kind for that year already */
	LEADER_CONFLICT,      /* the person has a record of the opposite kind for that year */
	LEADER_RULE_COUNT
};

const char *leader_rule_code(enum leader_rule r);
const char *leader_rule_message(enum leader_rule r);

/* What a record is checked against: the zone's grade of the year (enum_pay_grade code, NULL
 * when none) and, for kept, whether the cited case is decided, forgiving (免责 or 减责), about
 * this person and with the effect leader_kept. */
struct leader_basis {
	bool is_leader;
	const char *grade;
	bool case_keeps;   /* the case keeps that person for the record's year */
	bool recorded;     /* a record of the same person, kind and year is there */
	bool contradicted; /* a record of the opposite kind (leader_opposite) is there */
};

/* The kind a record of kind contradicts for the same person and year: 及时调整 (adjust) and
 * 不予调整 (kept) cannot both stand; NULL for promote. */
const char *leader_opposite(const char *kind);

/* kind: promote, adjust, kept (the caller has checked the code). */
enum leader_rule leader_action_check(const char *kind, const struct leader_basis *b);

/* The inbox item of a record made: to the zone's accounts that keep its roster (people_write)
 * and, when the zone is hosted by a county (代管, county_id not 0), to that county's accounts
 * with people_read: they carry the promotion or adjustment out. kind: promote, adjust, kept;
 * recorder: the recording organization's name. Strings in a. */
void leader_action_item(int64_t action_id, int64_t zone_id, const char *zone, int64_t county_id,
                        const char *person, const char *kind, int year, const char *recorder,
                        struct arena *a, struct inbox_item *out);

#endif
