/* consult.c - the rules of consultation windows, states and commenters' contacts (consult.h).
 * Pure: no clock, no I/O. Days come from core/plan.h's day numbers. */
#include "core/consult.h"

#include "core/plan.h"
#include "util/textconv.h"

#include <stdio.h>
#include <string.h>

#define DAY_SECONDS 86400
#define YEAR_FIRST  10957 /* 2000-01-01 */
#define YEAR_LAST   47482 /* 2100-01-01 */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int consult_bound_parse(const char *s, bool is_end, int64_t *t)
{
	char date[11];
	int64_t day;
	int h = 0, m = 0, sec = 0;
	size_t n = s ? strlen(s) : 0;

	if (n < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if ((day = plan_day(date)) < 0)
		return -1;
	if (n == 10) {
		/* the day after 9999-12-31 has a five-digit year: no bound is written back as it */
		if (is_end && day >= plan_day("9999-12-31"))
			return -1;
		*t = (day + (is_end ? 1 : 0)) * DAY_SECONDS - CONSULT_UTC_OFFSET;
		return 0;
	}
	/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" */
	if ((n != 16 && n != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
	    !digits(s + 11, 2) || !digits(s + 14, 2))
		return -1;
	if (n == 19 && (s[16] != ':' || !digits(s + 17, 2)))
		return -1;
	h = two(s + 11);
	m = two(s + 14);
	sec = n == 19 ? two(s + 17) : 0;
	if (h > 23 || m > 59 || sec > 59)
		return -1;
	*t = day * DAY_SECONDS + h * 3600 + m * 60 + sec - CONSULT_UTC_OFFSET;
	return 0;
}

void consult_local_format(int64_t t, char out[CONSULT_LOCAL_MAX])
{
	int64_t local = t + CONSULT_UTC_OFFSET;
	int64_t day = local / DAY_SECONDS, rem = local % DAY_SECONDS;
	char d[11];

	if (rem < 0) {
		rem += DAY_SECONDS;
		day--;
	}
	plan_day_format(day, d);
	snprintf(out, CONSULT_LOCAL_MAX, "%s %02d:%02d:%02d", d, (int)(rem / 3600),
	         (int)(rem / 60 % 60), (int)(rem % 60));
}

/* "2025年6月23日" of a day number */
static void day_cn(int64_t day, char *out, size_t len)
{
	char d[11];

	plan_day_format(day, d);
	snprintf(out, len, "%d年%d月%d日", (d[0] - '0') * 1000 + (d[1] - '0') * 100 + two(d + 2),
	         two(d + 5), two(d + 8));
}

void consult_window_text(int64_t start, int64_t end, char *out, size_t len)
{
	int64_t ls = start + CONSULT_UTC_OFFSET, le = end + CONSULT_UTC_OFFSET;
	char a[40], b[40];

	if (ls % DAY_SECONDS == 0 && le % DAY_SECONDS == 0) {
		day_cn(ls / DAY_SECONDS, a, sizeof(a));
		day_cn(le / DAY_SECONDS - 1, b, sizeof(b));
		snprintf(out, len, "%s至%s", a, b);
		return;
	}
	/* the last second included, shown to the minute when the end is a whole minute */
	int64_t last = le % 60 == 0 ? le - 60 : le - 1;
	day_cn(ls / DAY_SECONDS, a, sizeof(a));
	day_cn(last / DAY_SECONDS, b, sizeof(b));
	snprintf(out, len, "%s%02d:%02d至%s%02d:%02d", a, (int)(ls % DAY_SECONDS / 3600),
	         (int)(ls % 3600 / 60), b, (int)(last % DAY_SECONDS / 3600),
	         (int)(last % 3600 / 60));
}

enum consult_phase consult_phase(int64_t start, int64_t end, int64_t now)
{
	if (now < start)
		return CONSULT_BEFORE;
	return now < end ? CONSULT_OPEN : CONSULT_AFTER;
}

const char *consult_state(bool released, bool report_published, int64_t start, int64_t end,
                          int64_t now)
{
	static const char *const by_phase[] = {"upcoming", "open", "closed"};

	if (report_published)
		return "published";
	if (!released)
		return "draft";
	return by_phase[consult_phase(start, end, now)];
}

enum consult_publish consult_publishable(const char *state, int64_t undecided)
{
	if (!strcmp(state, "published"))
		return CONSULT_PUBLISH_DONE;
	if (!strcmp(state, "draft"))
		return CONSULT_PUBLISH_DRAFT;
	if (strcmp(state, "closed"))
		return CONSULT_PUBLISH_OPEN;
	return undecided > 0 ? CONSULT_PUBLISH_UNDECIDED : CONSULT_PUBLISHABLE;
}

bool consult_window_valid(int64_t start, int64_t end)
{
	int64_t lo = (int64_t)YEAR_FIRST * DAY_SECONDS, hi = (int64_t)YEAR_LAST * DAY_SECONDS;

	return start < end && start >= lo && end <= hi;
}

static bool email_valid(const char *s, size_t n)
{
	const char *at = strchr(s, '@');
	const char *dot;

	if (!at || at == s || n > 254 || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch >= 0x7f || strchr("<>()[]\\,;:\"", ch))
			return false;
	}
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && strlen(dot + 1) >= 2 && !strstr(at, "..");
}

enum consult_contact consult_contact_kind(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	const char *dash;

	if (!n)
		return CONSULT_CONTACT_INVALID;
	if (strchr(s, '@'))
		return email_valid(s, n) ? CONSULT_CONTACT_EMAIL : CONSULT_CONTACT_INVALID;
	if (n == 11 && digits(s, n) && s[0] == '1' && s[1] >= '3')
		return CONSULT_CONTACT_PHONE; /* a mobile number */
	if ((n == 7 || n == 8) && digits(s, n) && s[0] >= '2')
		return CONSULT_CONTACT_PHONE; /* a local number */
	if (s[0] != '0' || s[1] == '0')
		return CONSULT_CONTACT_INVALID;
	/* a landline: an area code of 3 or 4 digits with its 0, an optional '-', 7 or 8 digits */
	dash = strchr(s, '-');
	if (dash) {
		size_t area = (size_t)(dash - s), local = n - area - 1;
		return (area == 3 || area == 4) && digits(s, area) && (local == 7 || local == 8) &&
		               digits(dash + 1, local) && dash[1] >= '2'
		           ? CONSULT_CONTACT_PHONE
		           : CONSULT_CONTACT_INVALID;
	}
	return n >= 10 && n <= 12 && digits(s, n) ? CONSULT_CONTACT_PHONE : CONSULT_CONTACT_INVALID;
}

size_t consult_chars(const char *s)
{
	return s ? textconv_chars(s, strlen(s)) : 0;
}

bool consult_disposition_needs_reason(const char *d)
{
	return !d || strcmp(d, "adopted") != 0;
}
