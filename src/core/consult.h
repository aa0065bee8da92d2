/* consult.h - the rules of a public consultation (征求意见): its comment window in
 * Asia/Shanghai, the state shown to people (草稿 → 征求中 → 已截止 → 已公布, computed from the
 * window and the clock of each request), the commenter's optional contact and the limits of a
 * comment. Pure: callers pass the time; nothing here reads a clock or stores anything.
 *
 * The window is half-open, [start, end): start is the first second comments are taken, end
 * the first second they are not. A notice that gives dates only (2025-06-23 to 2025-06-25)
 * means [2025-06-23 00:00, 2025-06-26 00:00) in Asia/Shanghai. Asia/Shanghai has kept UTC+8
 * without daylight saving since 1991, so local times convert at a fixed offset. */
#ifndef KFQ_CORE_CONSULT_H
#define KFQ_CORE_CONSULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONSULT_UTC_OFFSET (8 * 3600) /* Asia/Shanghai */
#define CONSULT_TEXT_MAX   2000       /* characters (code points) of a comment */
#define CONSULT_NAME_MAX   50         /* characters of a commenter's name */
#define CONSULT_REASON_MAX 1000       /* characters of a reason (disposition, reopening) */
#define CONSULT_LOCAL_MAX  20         /* bytes of "2025-06-26 00:00:00" with its NUL */
#define CONSULT_MAX_POINTS 20         /* points one comment may be split into */

/* Parses a window bound written in Asia/Shanghai: "YYYY-MM-DD" (a whole day: the start of
 * that day for a start, the start of the next day for an end), or "YYYY-MM-DD HH:MM[:SS]"
 * (with ' ' or 'T'; that very second, for either bound). 0 and *t (epoch seconds), or -1
 * (also for the whole day 9999-12-31 as an end, whose next day has no four-digit year). */
int consult_bound_parse(const char *s, bool is_end, int64_t *t);
/* Writes t as "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai. */
void consult_local_format(int64_t t, char out[CONSULT_LOCAL_MAX]);
/* The window as people read it: "2025年6月23日0时 至 2025年6月26日0时" hides that the end is
 * exclusive, so a window whose bounds are both midnights is written by its days,
 * "2025年6月23日至2025年6月25日", else by its seconds, "2025年6月23日09:00至2025年6月25日17:30"
 * (the end the last minute included when it falls on a whole minute). Into out (>= 96 bytes). */
void consult_window_text(int64_t start, int64_t end, char *out, size_t len);

enum consult_phase {
	CONSULT_BEFORE, /* now < start */
	CONSULT_OPEN,   /* start <= now < end */
	CONSULT_AFTER,  /* end <= now */
};
enum consult_phase consult_phase(int64_t start, int64_t end, int64_t now);

/* The state: "draft" (草稿: not released to the public), "upcoming" (未开始: released, before
 * the window), "open" (征求中), "closed" (已截止), "published" (已公布: the adoption report is
 * out). Static strings; labels in core/enums.h enum_consult_state. */
const char *consult_state(bool released, bool report_published, int64_t start, int64_t end,
                          int64_t now);
/* Why the adoption report may not be published in state (consult_state) with undecided points
 * left, or CONSULT_PUBLISHABLE: only once the window has closed, so the public had all of it
 * (the office shortens a window with a reason, POST …/window), and with every point decided,
 * as the report answers each. */
enum consult_publish {
	CONSULT_PUBLISHABLE,
	CONSULT_PUBLISH_DONE,      /* published already */
	CONSULT_PUBLISH_DRAFT,     /* never released */
	CONSULT_PUBLISH_OPEN,      /* before or inside the window */
	CONSULT_PUBLISH_UNDECIDED, /* points without a disposition */
};
enum consult_publish consult_publishable(const char *state, int64_t undecided);
/* A window's bounds are acceptable: start before end, both within 2000..2100. */
bool consult_window_valid(int64_t start, int64_t end);

enum consult_contact {
	CONSULT_CONTACT_INVALID,
	CONSULT_CONTACT_EMAIL,
	CONSULT_CONTACT_PHONE,
};
/* What a commenter's contact is: an e-mail address (local@domain.tld, at most 254 bytes), or a
 * phone number: an 11-digit mobile (1[3-9]…), a landline with its area code (0 + 2 or 3 digits,
 * an optional '-', 7 or 8 digits: 024-57500610), or a 7–8-digit local number (57500610, not
 * starting with 0 or 1). Nothing else. */
enum consult_contact consult_contact_kind(const char *s);

/* Code points of UTF-8 text (the caller validated it). */
size_t consult_chars(const char *s);

/* Whether a disposition (core/enums.h enum_disposition) needs a reason: every one but adopted
 * (采纳). */
bool consult_disposition_needs_reason(const char *d);

#endif
