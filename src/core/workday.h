/* workday.h - working days (工作日) by the State Council's holiday arrangements: Monday to
 * Friday work, Saturday and Sunday rest, except the days a year's notice (国务院办公厅关于…部分
 * 节假日安排的通知) makes holidays (放假) or working days (调休上班). The calendar is data the
 * office keeps (table work_calendar_day); these functions count on it. A day in a year the
 * calendar does not cover is refused, never guessed: a year's weekends may be moved by a notice
 * not yet published. Pure: the caller loads the calendar. */
#ifndef KFQ_CORE_WORKDAY_H
#define KFQ_CORE_WORKDAY_H

#include <stdbool.h>
#include <stdint.h>

/* Working days a count may span: a statutory limit is at most a few months. */
#define WORKDAY_MAX_COUNT 1000

enum workday_kind {
	WORKDAY_HOLIDAY, /* 放假: a weekday (or weekend day) off */
	WORKDAY_WORK,    /* 调休上班: a Saturday or Sunday worked */
};

struct workday_special {
	int64_t day; /* days since 1970-01-01 (core/plan.h plan_day) */
	enum workday_kind kind;
};

struct workday_calendar {
	int first_year, last_year;          /* the years the notices cover, inclusive; 0 0 = none */
	const struct workday_special *days; /* sorted by day, no repeats */
	int n;
};

/* 0 and *yes whether day is a working day; -1 when day's year is outside the calendar. */
int workday_is_working(const struct workday_calendar *c, int64_t day, bool *yes);

/* The n-th working day after `from` (from itself not counted; n 0 gives from), as a time limit
 * of n working days counts from the day a case is received. 0, or -1 when any day it passes is
 * outside the calendar or n is not within 0..WORKDAY_MAX_COUNT. */
int workday_add(const struct workday_calendar *c, int64_t from, int n, int64_t *out);

/* Working days in (from, to]: how long a case took (0 when to <= from). 0, or -1 when a day
 * in between is outside the calendar or the span exceeds WORKDAY_MAX_COUNT × 2 days. */
int workday_between(const struct workday_calendar *c, int64_t from, int64_t to, int *out);

/* The month of a day number as year × 12 + month − 1 (2025-01 is 24300). */
int64_t workday_month(int64_t day);
/* The calendar year of a day number. */
int workday_year(int64_t day);
/* 0 Monday … 6 Sunday. */
int workday_weekday(int64_t day);

#endif
