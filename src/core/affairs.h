/* affairs.h - the rules of the powers module's tracked items: the problems enterprises report
 * under 高效办成一件事 (their status machine and the query code the enterprise follows them
 * with), the social-affairs hand-over's progress (art. 2), and when a tracked item is overdue.
 * Pure: the caller supplies random bytes and "today".
 *
 * A problem: open → answered (the handling organization answers; it may answer again) → closed
 * (by the organization that recorded it), or answered → open again when the answer does not
 * solve it. Nothing after closed. */
#ifndef KFQ_CORE_AFFAIRS_H
#define KFQ_CORE_AFFAIRS_H

#include "core/inbox.h"
#include "core/ratelimit.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define PROBLEM_CODE_CHARS  20 /* 100 bits: guessing one of a million codes takes 2^80 tries */
#define PROBLEM_CODE_BYTES  13 /* random bytes consumed (104 bits, 100 used) */
#define PROBLEM_CODE_SHOWN  24 /* XXXXX-XXXXX-XXXXX-XXXXX and its NUL */
#define PROBLEM_ANSWER_DAYS 5  /* working days to answer, unless the matter promises fewer */

enum problem_action { PROBLEM_ANSWER, PROBLEM_CLOSE, PROBLEM_REOPEN };

/* The status after the action, or NULL when refused (static). */
const char *problem_next_status(const char *status, enum problem_action a);
/* Why it is refused (Chinese, static). */
const char *problem_refusal(const char *status, enum problem_action a);

/* The query code from random bytes, as shown: Crockford's base-32 (no I, L, O, U) in four
 * groups of five. */
void problem_code_make(const unsigned char rnd[PROBLEM_CODE_BYTES], char out[PROBLEM_CODE_SHOWN]);
/* A code as someone typed it, normalized (case, dashes and spaces dropped, O read as 0, I and L
 * as 1) into out[PROBLEM_CODE_CHARS + 1]: 0, or -1 when it cannot be a code. */
int problem_code_normalize(const char *typed, char out[PROBLEM_CODE_CHARS + 1]);

/* Wrong or malformed codes from one address: the 20th within 15 minutes makes it wait 5 minutes,
 * doubling up to an hour (a code is 100 bits: guessing is hopeless anyway; this keeps the
 * public route cheap). */
extern const struct ratelimit_policy problem_query_limit;
#define PROBLEM_QUERY_KEY_MAX 80
/* The limiter's key of a client address. */
void problem_query_key(const char *addr, char out[PROBLEM_QUERY_KEY_MAX]);

/* What a problem's step tells whom: a new or reopened problem goes to the handling
 * organization's accounts, an answer to the recording organization's, closing to the handler's;
 * created (the problem was just recorded) goes to the handler whatever the action. */
struct problem_step_subject {
	int64_t problem_id, handler_org_id, reporter_org_id;
	const char *enterprise, *due_date;
	bool created;
};
void problem_step_item(enum problem_action a, const struct problem_step_subject *s,
                       struct arena *ar, struct inbox_item *out);

/* What a rule adjustment's step tells the office, which tracks them to closure (art. 17,
 * DECISIONS 175): a department listing a new one (the office follows it from then on) and a
 * department marking one done (the office checks the resulting document); NULL step for a save
 * that hands nothing on (other changes, or a done one saved again). was: the status before the
 * save, NULL for a new one. */
struct rule_step_subject {
	int64_t rule_id;
	const char *dept, *title, *target_date, *result_document;
	const char *was, *status;
};
/* Whether the save tells anyone; then fills *out (strings in ar). */
bool rule_step_item(const struct rule_step_subject *s, struct arena *ar, struct inbox_item *out);

/* Social affairs: the share of a zone's functions handed over, in basis points, half-up; 0 for
 * none. */
int64_t social_progress_bp(int64_t handed_over, int64_t total);

/* A tracked item with a target date (YYYY-MM-DD) is overdue when it is not done and the date is
 * before today (a day number). */
bool affairs_overdue(const char *target_date, bool done, int64_t today);

#endif
