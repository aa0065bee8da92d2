/* fault.h - the rules of 容错免责 (art. 18 of the seed): a case about a unit or a person is
 * judged on the seed's three conditions (符合决策程序, 勤勉尽责, 未谋取私利) and placed on one
 * side of one of the 三个区分开来 pairs; the decision (免责 / 减责 / 不予免责) must agree with
 * them; its effect (an assessment deduction waived, a leader not adjusted) only follows a
 * decision that forgives. Also the removal of personal names from the text of a case before it
 * enters the published case library (案例指导). Pure: no I/O, no SQL. */
#ifndef KFQ_CORE_FAULT_H
#define KFQ_CORE_FAULT_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

/* The 三个区分开来 distinctions, as pairs: the first side of each pair may be forgiven, the
 * second may not. Codes are what the database and the wire carry. */
struct fault_distinction {
	const char *code;
	const char *label; /* Chinese */
	const char *pair;  /* trial, exploration, development */
	bool tolerable;
};
extern const struct fault_distinction fault_distinctions[6];
const struct fault_distinction *fault_distinction_find(const char *code);

/* A condition's answer: not yet answered, met, not met. */
enum fault_answer { FAULT_UNANSWERED = 0, FAULT_MET, FAULT_NOT_MET };

/* What a decision is judged on. */
struct fault_facts {
	enum fault_answer procedure; /* 符合决策程序 */
	enum fault_answer diligence; /* 勤勉尽责 */
	enum fault_answer no_gain;   /* 未谋取私利 */
	int evidence[3];             /* evidence files of each condition, in the order above */
	const char *distinction;     /* a fault_distinctions code, or NULL */
};

enum fault_rule {
	FAULT_OK = 0,
	FAULT_UNANSWERED_CONDITION, /* a condition not answered */
	FAULT_NO_EVIDENCE,          /* a condition answered without an evidence file */
	FAULT_NO_DISTINCTION,       /* which distinction applies is not said */
	FAULT_EXEMPT_CONDITIONS,    /* 免责 while a condition is not met */
	FAULT_NOT_TOLERABLE,        /* 免责 or 减责 on the side that may not be forgiven */
	FAULT_REDUCE_SELF_GAIN,     /* 减责 while 未谋取私利 is not met */
	FAULT_EFFECT_NOT_FORGIVEN,  /* an effect recorded for a case not forgiven */
	FAULT_EFFECT_SUBJECT,       /* a leader kept, for a case about a unit */
	FAULT_RULE_COUNT
};

const char *fault_rule_code(enum fault_rule r);
/* Chinese, naming the rule (art. 18). */
const char *fault_rule_message(enum fault_rule r);

/* decision: exempt (免责), reduced (减责), refused (不予免责). Every condition answered with
 * evidence and a distinction named, whatever the decision; 免责 needs all three met and the
 * forgivable side; 减责 the forgivable side and 未谋取私利 met (self-gain is 违纪违法, never
 * lessened); 不予免责 is always open. The caller has checked the decision's code. */
enum fault_rule fault_decision_check(const struct fault_facts *f, const char *decision);

/* effect: none, waive_deduction (考核扣分不予扣除), leader_kept (领导干部不予调整). Anything
 * but none needs a forgiving decision; leader_kept needs a case about a person. */
enum fault_rule fault_effect_check(const char *decision, const char *effect, bool about_person);

/* The text with every occurrence of each name replaced: names[0] (the person the case is
 * about) by "当事人", the others by "有关人员". An occurrence is the name's characters in
 * order with any blanks (ASCII space, tab, U+3000, NBSP) between them, so "张 三" goes too.
 * Names shorter than two characters are skipped (one character would strike common words).
 * Arena memory; NULL text gives NULL. */
char *fault_redact(struct arena *a, const char *text, const char *const *names, size_t n);

/* Whether any of the names (two characters or more) occurs in text, blanks between its
 * characters allowed. What the library's publication checks after redacting. */
bool fault_mentions(const char *text, const char *const *names, size_t n);

/* The steps of a case that hand work to someone, and the inbox item of each: a registered case
 * goes to the accounts of the organizations holding decide_fault that decide (fault_decide), a
 * decision back to the office's accounts that register and publish cases (fault_manage).
 * decision: exempt, reduced or refused (the decided step only). Strings in a. */
enum fault_step { FAULT_STEP_REGISTERED, FAULT_STEP_DECIDED };
void fault_step_item(enum fault_step step, int64_t case_id, const char *title, const char *org_name,
                     const char *decision, struct arena *a, struct inbox_item *out);

#endif
