/* notice.c - supervision notice rules: status machine, numbers, deadlines, Chinese dates and
 * titles. Must not read clocks, storage or requests. */
#include "core/notice.h"

#include "core/plan.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *status;
	const char *label;
	const char *next[3]; /* by enum notice_action; NULL = refused */
} machine[] = {
    {"open", "待反馈", {"replied", "closed", "escalated"}},
    {"replied", "已反馈", {"replied", "closed", "escalated"}},
    {"escalated", "已升级", {"escalated", "closed", NULL}},
    {"closed", "已办结", {NULL, NULL, NULL}},
};

static int find(const char *status)
{
	for (size_t i = 0; status && i < sizeof(machine) / sizeof(machine[0]); i++)
		if (!strcmp(machine[i].status, status))
			return (int)i;
	return -1;
}

bool notice_status_valid(const char *status)
{
	return find(status) >= 0;
}

const char *notice_status_label(const char *status)
{
	int i = find(status);

	return i >= 0 ? machine[i].label : status;
}

const char *notice_next_status(const char *status, enum notice_action action)
{
	int i = find(status);

	return i >= 0 ? machine[i].next[action] : NULL;
}

const char *notice_refusal(const char *status, enum notice_action action)
{
	bool closed = status && !strcmp(status, "closed");

	switch (action) {
	case NOTICE_REPLY:
		return closed ? "督办单已办结，不能再反馈" : "督办单当前状态不能反馈";
	case NOTICE_CLOSE:
		return closed ? "督办单已办结" : "督办单当前状态不能办结";
	case NOTICE_ESCALATE:
		return closed ? "督办单已办结，不能升级" : "督办单已升级";
	}
	return "督办单当前状态不允许此操作";
}

void notice_number(int year, int seq, char out[NOTICE_NUMBER_MAX])
{
	snprintf(out, NOTICE_NUMBER_MAX, "督办〔%d〕%d号", year, seq);
}

enum notice_due_check notice_reply_due_check(const char *reply_due, int64_t today, int horizon_days)
{
	int64_t d = plan_day(reply_due);

	if (d < 0)
		return NOTICE_DUE_INVALID;
	if (d < today)
		return NOTICE_DUE_PAST;
	return d - today > horizon_days ? NOTICE_DUE_TOO_FAR : NOTICE_DUE_OK;
}

bool notice_overdue(const char *status, bool replied, const char *reply_due, int64_t today)
{
	int64_t d = plan_day(reply_due);

	if (replied || !status || !strcmp(status, "closed") || d < 0)
		return false;
	return d < today;
}

/* Year, month and day of a day number (proleptic Gregorian; Howard Hinnant's days_from_civil
 * inverse). */
static void civil(int64_t day, int *y, int *m, int *d)
{
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int notice_year(int64_t day)
{
	int y, m, d;

	civil(day, &y, &m, &d);
	return y;
}

static const char *const digit_cn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..39 the way dates say them: 十, 十一, 二十, 二十一, 三十一. */
static void small_cn(int n, char *out, size_t len)
{
	if (n < 10)
		snprintf(out, len, "%s", digit_cn[n]);
	else if (n % 10 == 0)
		snprintf(out, len, "%s十", n / 10 == 1 ? "" : digit_cn[n / 10]);
	else
		snprintf(out, len, "%s十%s", n / 10 == 1 ? "" : digit_cn[n / 10], digit_cn[n % 10]);
}

void notice_date_cn(int64_t day, char out[NOTICE_DATE_CN_MAX])
{
	char ys[32] = "", ms[16], ds[16], num[16];
	int y, m, d;

	civil(day, &y, &m, &d);
	snprintf(num, sizeof(num), "%d", y < 0 ? 0 : y);
	for (const char *p = num; *p && strlen(ys) + 4 < sizeof(ys); p++)
		strcat(ys, digit_cn[*p - '0']);
	small_cn(m, ms, sizeof(ms));
	small_cn(d, ds, sizeof(ds));
	snprintf(out, NOTICE_DATE_CN_MAX, "%s年%s月%s日", ys, ms, ds);
}

void notice_date_plain(int64_t day, char out[NOTICE_DATE_CN_MAX])
{
	int y, m, d;

	civil(day, &y, &m, &d);
	snprintf(out, NOTICE_DATE_CN_MAX, "%d年%d月%d日", y, m, d);
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

void notice_title(const char *subject, struct strbuf *out)
{
	bool about = starts_with(subject, "关于");
	bool notice = ends_with(subject, "督办通知");

	if (!about)
		strbuf_addstr(out, "关于");
	strbuf_addstr(out, subject);
	if (!notice)
		strbuf_addstr(out, "的督办通知");
}
