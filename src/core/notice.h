/* notice.h - the rules of 督办单 (supervision notices): their status machine, their number
 * (机关代字〔YEAR〕SEQ号, 督办〔2026〕3号 by default), reply deadlines and overdue, and the title.
 * Pure; callers pass "today" (a day number from core/plan.h).
 *
 * The office drafts a notice (拟稿, unnumbered, seen by the office only), edits or discards
 * the draft, and issues it, which numbers it; the addressed organization signs for it (签收)
 * and then replies, as often as it needs (each reply kept); the office closes it, or escalates
 * it first. received = the notice has been signed for (a separate fact, since an escalated
 * notice may or may not have been):
 *
 *   from \ action  edit/discard issue  receive         reply                close   escalate
 *   draft          draft/gone   open   refused         refused              refused refused
 *   open           refused      refused received       refused: sign first  closed  escalated
 *   received       refused      refused refused        replied              closed  escalated
 *   replied        refused      refused refused        replied (another)    closed  escalated
 *   escalated      refused      refused escalated if   escalated if         closed  refused
 *                                       not received   received
 *   closed         refused      refused refused        refused              refused refused
 *
 * An escalated notice (已升级) stays escalated through receipt and replies, so that it stays
 * visible as such until the office closes it. A notice is overdue while it is issued, not
 * closed, has no reply, and its reply date (the end of that day in Asia/Shanghai) has passed. */
#ifndef KFQ_CORE_NOTICE_H
#define KFQ_CORE_NOTICE_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

#define NOTICE_ORGAN      "抚顺市开发区体制机制改革工作专班办公室" /* the default 发文机关 */
#define NOTICE_CODE       "督办" /* the default 机关代字 of the numbers */
#define NOTICE_CODE_MAX   16     /* characters of a 机关代字 */
#define NOTICE_NUMBER_MAX 96     /* bytes of 机关代字〔YEAR〕SEQ号 with its NUL */
#define NOTICE_ORGAN_MAX  120    /* bytes of a configured 发文机关 */

enum notice_action {
	NOTICE_EDIT,    /* change a draft (or discard it) */
	NOTICE_ISSUE,   /* 下发: number and send a draft */
	NOTICE_RECEIVE, /* 签收 */
	NOTICE_REPLY,   /* 反馈 */
	NOTICE_CLOSE,   /* 办结 */
	NOTICE_ESCALATE /* 升级督办 */
};

/* draft, open, received, replied, escalated, closed */
bool notice_status_valid(const char *status);
/* 拟稿 待签收 已签收 已反馈 已升级 已办结 (static); the status itself when unknown. */
const char *notice_status_label(const char *status);
/* The status after the action on a notice in status (received: signed for), or NULL when the
 * status machine refuses it (static). */
const char *notice_next_status(const char *status, bool received, enum notice_action action);
/* Why the action is refused: a Chinese message (static). */
const char *notice_refusal(const char *status, bool received, enum notice_action action);

/* Writes code〔year〕, a number's text before its seq, which NOTICE_NUMBER_END follows
 * (督办〔2026〕3号): the statement that takes the seq completes it (store_notice_write.c). */
#define NOTICE_NUMBER_END "号"
void notice_number_head(const char *code, int year, char out[NOTICE_NUMBER_MAX]);
/* A 机关代字 the configuration may set: 1 to NOTICE_CODE_MAX characters, no ASCII, no
 * brackets 〔〕, no space or control character. */
bool notice_code_valid(const char *code);

enum notice_due_check {
	NOTICE_DUE_OK,
	NOTICE_DUE_INVALID, /* not a valid YYYY-MM-DD */
	NOTICE_DUE_PAST,    /* before today */
	NOTICE_DUE_TOO_FAR, /* more than horizon_days after today */
};
#define NOTICE_HORIZON_DAYS 366 /* the default horizon of reply dates (kfq serve's option) */
/* A reply date being set: a valid date, today or later, at most horizon_days after today. */
enum notice_due_check notice_reply_due_check(const char *reply_due, int64_t today,
                                             int horizon_days);
/* Issued, not closed, no reply, and reply_due (YYYY-MM-DD) is before today. */
bool notice_overdue(const char *status, bool replied, const char *reply_due, int64_t today);

/* The calendar year of a day number (days since 1970-01-01). */
int notice_year(int64_t day);
/* Appends the notice's title to out: 关于<subject>的督办通知, which says 督办 once whatever the
 * subject says: a subject that already reads 关于… or …督办通知 is not wrapped twice, a leading
 * 督办： is dropped, a closing …督办单 or …督办函 becomes …督办通知, and a subject naming 督办
 * elsewhere ends 的通知 (DECISIONS 287). */
void notice_title(const char *subject, struct strbuf *out);

#endif
