/* notice.h - the rules of 督办单 (supervision notices): their status machine, their number
 * 督办〔YEAR〕SEQ号, reply deadlines and overdue, and the Chinese dates and title of the
 * printed notice. Pure; callers pass "today" (a day number from core/plan.h).
 *
 * Status machine (the office issues, the addressed organization replies, the office ends it):
 *
 *   from \ action   reply                close    escalate
 *   open            replied              closed   escalated
 *   replied         replied (revised)    closed   escalated
 *   escalated       escalated (recorded) closed   refused
 *   closed          refused              refused  refused
 *
 * An escalated notice (已升级) stays escalated when the organization replies, so that it stays
 * visible as such in the lists until the office closes it. A notice is overdue while it is not
 * closed, has no reply, and its reply date (the end of that day in Asia/Shanghai) has passed. */
#ifndef KFQ_CORE_NOTICE_H
#define KFQ_CORE_NOTICE_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

#define NOTICE_ISSUER      "抚顺市开发区体制机制改革工作专班办公室"
#define NOTICE_NUMBER_MAX  48 /* bytes of 督办〔YEAR〕SEQ号 with its NUL */
#define NOTICE_DATE_CN_MAX 48 /* bytes of 二〇二六年十一月二十八日 with its NUL */

enum notice_action { NOTICE_REPLY, NOTICE_CLOSE, NOTICE_ESCALATE };

/* open, replied, closed, escalated */
bool notice_status_valid(const char *status);
/* 待反馈 已反馈 已办结 已升级 (static); the status itself when unknown. */
const char *notice_status_label(const char *status);
/* The status after the action, or NULL when the status machine refuses it (static). */
const char *notice_next_status(const char *status, enum notice_action action);
/* Why the action is refused in that status: a Chinese message (static). */
const char *notice_refusal(const char *status, enum notice_action action);

/* Writes 督办〔year〕seq号. */
void notice_number(int year, int seq, char out[NOTICE_NUMBER_MAX]);

enum notice_due_check {
	NOTICE_DUE_OK,
	NOTICE_DUE_INVALID, /* not a valid YYYY-MM-DD */
	NOTICE_DUE_PAST,    /* before today */
	NOTICE_DUE_TOO_FAR, /* more than horizon_days after today */
};
#define NOTICE_HORIZON_DAYS 366 /* the default horizon of reply dates (kfq serve's option) */
/* A new notice's reply date: a valid date, today or later, at most horizon_days after today. */
enum notice_due_check notice_reply_due_check(const char *reply_due, int64_t today,
                                             int horizon_days);
/* Not closed, no reply, and reply_due (YYYY-MM-DD) is before today. */
bool notice_overdue(const char *status, bool replied, const char *reply_due, int64_t today);

/* The calendar year of a day number (days since 1970-01-01). */
int notice_year(int64_t day);
/* 二〇二六年十一月二十八日: the date line of a printed notice. */
void notice_date_cn(int64_t day, char out[NOTICE_DATE_CN_MAX]);
/* 2026年12月5日: dates in running text (请于…前反馈). */
void notice_date_plain(int64_t day, char out[NOTICE_DATE_CN_MAX]);
/* Appends the notice's title to out: 关于<subject>的督办通知. A subject that already reads
 * 关于…, …的督办通知 or …督办通知 is not wrapped twice. */
void notice_title(const char *subject, struct strbuf *out);

#endif
