/* workday.c - counting working days on a holiday calendar. Must not read clocks or storage,
 * nor guess a year no notice covers. */
#include "core/workday.h"

#include <stddef.h>

int64_t workday_month(int64_t day)
{
	/* Howard Hinnant's civil_from_days */
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	return (yoe + era * 400 + (m <= 2)) * 12 + m - 1;
}

int workday_year(int64_t day)
{
	return (int)(workday_month(day) / 12);
}

int workday_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3) */
	int64_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static const struct workday_special *find(const struct workday_calendar *c, int64_t day)
{
	int lo = 0, hi = c->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->days[mid].day == day)
			return &c->days[mid];
		if (c->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

int workday_is_working(const struct workday_calendar *c, int64_t day, bool *yes)
{
	int y = workday_year(day);
	const struct workday_special *s;

	*yes = false;
	if (c->first_year == 0 || y < c->first_year || y > c->last_year)
		return -1;
	if ((s = find(c, day)))
		*yes = s->kind == WORKDAY_WORK;
	else
		*yes = workday_weekday(day) < 5;
	return 0;
}

int workday_add(const struct workday_calendar *c, int64_t from, int n, int64_t *out)
{
	int64_t day = from;
	bool yes;

	*out = from;
	if (n < 0 || n > WORKDAY_MAX_COUNT)
		return -1;
	if (n == 0)
		return workday_is_working(c, from, &yes);
	while (n > 0) {
		day++;
		if (workday_is_working(c, day, &yes) != 0)
			return -1;
		n -= yes;
	}
	*out = day;
	return 0;
}

int workday_between(const struct workday_calendar *c, int64_t from, int64_t to, int *out)
{
	bool yes;
	int n = 0;

	*out = 0;
	if (to - from > 2 * WORKDAY_MAX_COUNT)
		return -1;
	if (workday_is_working(c, from, &yes) != 0)
		return -1;
	for (int64_t day = from + 1; day <= to; day++) {
		if (workday_is_working(c, day, &yes) != 0)
			return -1;
		n += yes;
	}
	*out = n;
	return 0;
}
