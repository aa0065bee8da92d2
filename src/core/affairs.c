/* affairs.c - problems' status machine and query codes, hand-over progress, overdue. Must not
 * read clocks, random sources or storage. */
#include "core/affairs.h"

#include "core/account.h"
#include "core/plan.h"

#include <stdio.h>
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static const struct {
	const char *status;
	const char *next[3]; /* by enum problem_action */
} machine[] = {
    {"open", {"answered", NULL, NULL}},
    {"answered", {"answered", "closed", "open"}},
    {"closed", {NULL, NULL, NULL}},
};

const char *problem_next_status(const char *status, enum problem_action a)
{
	for (size_t i = 0; status && i < sizeof(machine) / sizeof(machine[0]); i++)
		if (!strcmp(machine[i].status, status))
			return a >= PROBLEM_ANSWER && a <= PROBLEM_REOPEN ? machine[i].next[a]
			                                                  : NULL;
	return NULL;
}

const char *problem_refusal(const char *status, enum problem_action a)
{
	if (status && !strcmp(status, "closed"))
		return "该问题已办结";
	switch (a) {
	case PROBLEM_ANSWER:
		return "该问题当前状态不能答复";
	case PROBLEM_CLOSE:
		return "答复后才能办结";
	case PROBLEM_REOPEN:
		return "只有已答复的问题才能重新办理";
	}
	return "该问题当前状态不允许此操作";
}

void problem_code_make(const unsigned char rnd[PROBLEM_CODE_BYTES], char out[PROBLEM_CODE_SHOWN])
{
	int bit = 0, k = 0;

	for (int i = 0; i < PROBLEM_CODE_CHARS; i++) {
		unsigned v = 0;
		for (int b = 0; b < 5; b++, bit++)
			v = (v << 1) | ((rnd[bit / 8] >> (7 - bit % 8)) & 1u);
		if (i && i % 5 == 0)
			out[k++] = '-';
		out[k++] = alphabet[v];
	}
	out[k] = 0;
}

int problem_code_normalize(const char *typed, char out[PROBLEM_CODE_CHARS + 1])
{
	int n = 0;

	for (const char *p = typed; p && *p; p++) {
		char ch = *p;
		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (!strchr(alphabet, ch) || ch == 0 || n == PROBLEM_CODE_CHARS)
			return -1;
		out[n++] = ch;
	}
	out[n] = 0;
	return n == PROBLEM_CODE_CHARS ? 0 : -1;
}

const struct ratelimit_policy problem_query_limit = {20, 15 * 60, 5 * 60, 60 * 60};

void problem_query_key(const char *addr, char out[PROBLEM_QUERY_KEY_MAX])
{
	snprintf(out, PROBLEM_QUERY_KEY_MAX, "problem-code:%s", addr);
}

void problem_step_item(enum problem_action a, const struct problem_step_subject *s,
                       struct arena *ar, struct inbox_item *out)
{
	bool to_handler = s->created || a != PROBLEM_ANSWER;

	memset(out, 0, sizeof(*out));
	out->kind = "problem_step";
	if (s->created)
		out->title =
		    arena_printf(ar, "%s反映的问题请办理，%s前答复", s->enterprise, s->due_date);
	else if (a == PROBLEM_ANSWER)
		out->title = arena_printf(ar, "%s反映的问题已答复，请回访办结", s->enterprise);
	else if (a == PROBLEM_REOPEN)
		out->title = arena_printf(ar, "%s反映的问题需重新办理", s->enterprise);
	else
		out->title = arena_printf(ar, "%s反映的问题已办结", s->enterprise);
	out->link = "/power-affairs?tab=matters";
	out->entity_type = "matter_problem";
	out->entity_id = s->problem_id;
	out->to[0].org_id = to_handler ? s->handler_org_id : s->reporter_org_id;
	out->to[0].perm = PERM_POWER_WRITE;
	out->nto = 1;
}

bool rule_step_item(const struct rule_step_subject *s, struct arena *ar, struct inbox_item *out)
{
	bool done = !strcmp(s->status, "done");

	memset(out, 0, sizeof(*out));
	if (s->was && (!done || !strcmp(s->was, "done")))
		return false;
	out->entity_type = "rule_adjustment";
	out->entity_id = s->rule_id;
	out->link = "/power-affairs?tab=rules";
	if (done) {
		out->kind = "rule_done";
		out->title = arena_printf(ar, "%s已完成规定调整：%s，形成文件：%s", s->dept,
		                          s->title, s->result_document);
	} else {
		out->kind = "rule_listed";
		out->title = arena_printf(ar, "%s列入需调整的规定：%s，目标日期%s", s->dept,
		                          s->title, s->target_date);
	}
	/* the office: the one role that issues 督办单 */
	out->to[out->nto++] = (struct inbox_to){.perm = PERM_NOTICE_ISSUE | PERM_POWER_WRITE};
	return true;
}

int64_t social_progress_bp(int64_t handed_over, int64_t total)
{
	if (total <= 0)
		return 0;
	return (handed_over * 20000 + total) / (2 * total);
}

bool affairs_overdue(const char *target_date, bool done, int64_t today)
{
	int64_t d = plan_day(target_date);

	return !done && d >= 0 && d < today;
}
