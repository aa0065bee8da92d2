/* timeutil.c - RFC 3339 formatting and strict parsing in UTC. */
#include "util/timeutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void time_format(int64_t t, char out[TIME_RFC3339_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, TIME_RFC3339_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int time_parse(const char *s, int64_t *t)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	size_t len = strlen(s);
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (len < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d))
		return -1;
	if (len > 10) {
		if (len < 20 || (s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &h) ||
		    s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
		    digits(s + 17, 2, &sec))
			return -1;
		const char *z = s + 19;
		if (!strcmp(z, "Z")) {
			sign = 0;
		} else if (strlen(z) == 6 && (z[0] == '+' || z[0] == '-') &&
		           !digits(z + 1, 2, &oh) && z[3] == ':' && !digits(z + 4, 2, &om)) {
			sign = z[0] == '+' ? 1 : -1;
		} else {
			return -1;
		}
	}
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap ? 1 : 0) || h > 23 || mi > 59 || sec > 59 ||
	    oh > 23 || om > 59)
		return -1;
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = sec};
	*t = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	return 0;
}

int64_t time_now(void)
{
	return (int64_t)time(NULL);
}
