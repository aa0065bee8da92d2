/* briefing.c - weekly briefing rules: ISO weeks of Shanghai days, their bounds, the summary and
 * title lines. Must not read clocks or storage. */
#include "core/briefing.h"

#include "core/plan.h"

#include <stdio.h>

#define SHANGHAI_OFFSET (8 * 3600)

/* 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday) */
static int weekday(int64_t day)
{
	int64_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static void ymd(int64_t day, int *y, int *m, int *d)
{
	char iso[11];

	plan_day_format(day, iso);
	if (sscanf(iso, "%d-%d-%d", y, m, d) != 3)
		*y = *m = *d = 0;
}

void briefing_week(int64_t day, struct briefing_week *out)
{
	int64_t thursday, jan1;
	int y, m, d;
	char iso[11];

	out->monday = day - weekday(day);
	out->sunday = out->monday + 6;
	/* ISO 8601: the week belongs to the year of its Thursday */
	thursday = out->monday + 3;
	ymd(thursday, &y, &m, &d);
	snprintf(iso, sizeof(iso), "%04d-01-01", y);
	jan1 = plan_day(iso);
	out->year = y;
	out->week = (int)((thursday - jan1) / 7 + 1);
	time_format(out->monday * 86400 - SHANGHAI_OFFSET, out->from);
	time_format((out->sunday + 1) * 86400 - SHANGHAI_OFFSET, out->to);
	plan_day_format(out->monday - 1, out->late_from);
	plan_day_format(out->sunday - 1, out->late_to);
}

void briefing_summary(const struct briefing_week *w, const struct briefing_totals *t,
                      char out[BRIEFING_TEXT_MAX])
{
	int y, m1, d1, m2, d2;

	ymd(w->monday, &y, &m1, &d1);
	ymd(w->sunday, &y, &m2, &d2);
	snprintf(out, BRIEFING_TEXT_MAX,
	         "本周（%d月%d日至%d月%d日），各开发区报送进展报告%lld份，审核通过%lld份，完成节点"
	         "%lld个；新增逾期节点%lld个；下发督办单%lld件，办结%lld件。",
	         m1, d1, m2, d2, (long long)t->reports, (long long)t->accepted, (long long)t->done,
	         (long long)t->new_late, (long long)t->issued, (long long)t->closed);
}

void briefing_title(const struct briefing_week *w, char out[BRIEFING_TEXT_MAX])
{
	snprintf(out, BRIEFING_TEXT_MAX, "开发区体制机制改革工作周报（%d年第%d周）", w->year,
	         w->week);
}
