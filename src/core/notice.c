/* notice.c - supervision notice rules: status machine, numbers, deadlines and titles. Must
 * not read clocks, storage or requests. */
#include "core/notice.h"

#include "core/plan.h"
#include "util/textconv.h"

#include <stdio.h>
#include <string.h>

/* next[action][received]: the status after the action, NULL = refused */
static const struct {
	const char *status;
	const char *label;
	const char *next[6][2];
} machine[] = {
    {"draft", "拟稿", {{"draft", "draft"}, {"open", "open"}}},
    {"open",
     "待签收",
     {[NOTICE_RECEIVE] = {"received", NULL},
      [NOTICE_CLOSE] = {"closed", "closed"},
      [NOTICE_ESCALATE] = {"escalated", "escalated"}}},
    {"received",
     "已签收",
     {[NOTICE_REPLY] = {NULL, "replied"},
      [NOTICE_CLOSE] = {"closed", "closed"},
      [NOTICE_ESCALATE] = {"escalated", "escalated"}}},
    {"replied",
     "已反馈",
     {[NOTICE_REPLY] = {NULL, "replied"},
      [NOTICE_CLOSE] = {"closed", "closed"},
      [NOTICE_ESCALATE] = {"escalated", "escalated"}}},
    {"escalated",
     "已升级",
     {[NOTICE_RECEIVE] = {"escalated", NULL},
      [NOTICE_REPLY] = {NULL, "escalated"},
      [NOTICE_CLOSE] = {"closed", "closed"}}},
    {"closed", "已办结", {{NULL}}},
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

const char *notice_next_status(const char *status, bool received, enum notice_action action)
{
	int i = find(status);

	return i >= 0 ? machine[i].next[action][received] : NULL;
}

const char *notice_refusal(const char *status, bool received, enum notice_action action)
{
	bool draft = status && !strcmp(status, "draft");

	if (status && !strcmp(status, "closed"))
		return "督办单已办结，不能再办理";
	switch (action) {
	case NOTICE_EDIT:
		return "督办单已下发，不能再修改或删除";
	case NOTICE_ISSUE:
		return "督办单已下发";
	case NOTICE_RECEIVE:
		return draft ? "督办单尚未下发" : "督办单已签收";
	case NOTICE_REPLY:
		return draft      ? "督办单尚未下发"
		       : received ? "督办单当前状态不能反馈"
		                  : "请先签收督办单，再反馈办理情况";
	case NOTICE_CLOSE:
		return draft ? "督办单尚未下发，不能办结" : "督办单当前状态不能办结";
	case NOTICE_ESCALATE:
		return draft ? "督办单尚未下发，不能升级" : "督办单已升级";
	}
	return "督办单当前状态不允许此操作";
}

void notice_number_head(const char *code, int year, char out[NOTICE_NUMBER_MAX])
{
	snprintf(out, NOTICE_NUMBER_MAX, "%s〔%d〕", code, year);
}

bool notice_code_valid(const char *code)
{
	size_t n, i = 0;
	int chars = 0;

	if (!code || !*code)
		return false;
	n = strlen(code);
	if (!textconv_utf8_valid(code, n))
		return false;
	while (i < n) {
		uint32_t cp;
		i += textconv_utf8_next(code + i, n - i, &cp);
		/* ASCII, controls and spaces, the brackets of the year */
		if (cp < 0x80 || cp == 0x3000 || cp == 0x3014 || cp == 0x3015 ||
		    ++chars > NOTICE_CODE_MAX)
			return false;
	}
	return true;
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

	if (replied || !status || !strcmp(status, "closed") || !strcmp(status, "draft") || d < 0)
		return false;
	return d < today;
}

int notice_year(int64_t day)
{
	char iso[11];
	int y = 0;

	plan_day_format(day, iso);
	return sscanf(iso, "%d", &y) == 1 ? y : 0;
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
	static const char *const forms[] = {"督办单", "督办函"};
	size_t n;

	/* 督办：… is a label the writer put before the subject; the title says it once, at the end
	 */
	if (starts_with(subject, "督办："))
		subject += strlen("督办：");
	else if (starts_with(subject, "督办:"))
		subject += strlen("督办:");
	if (!starts_with(subject, "关于"))
		strbuf_addstr(out, "关于");
	if (ends_with(subject, "督办通知")) {
		strbuf_addstr(out, subject);
		return;
	}
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (ends_with(subject, forms[i])) {
			n = strlen(subject) - strlen(forms[i]);
			strbuf_add(out, subject, n);
			strbuf_addstr(out, "督办通知");
			return;
		}
	strbuf_addstr(out, subject);
	strbuf_addstr(out, strstr(subject, "督办") ? "的通知" : "的督办通知");
}
