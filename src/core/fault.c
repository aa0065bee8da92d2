/* fault.c - the rules of 容错免责 (art. 18) and the removal of personal names from a case's
 * text for the case library. Must not read or write anything: store/ and api/ do. */
#include "core/fault.h"

#include "util/strbuf.h"

#include <string.h>

const struct fault_distinction fault_distinctions[6] = {
    {"trial_inexperience", "先行先试中因缺乏经验出现的失误", "trial", true},
    {"trial_knowing", "明知故犯", "trial", false},
    {"exploration_unrestricted", "上级尚无明确限制的探索性试验中的失误", "exploration", true},
    {"exploration_defiance", "上级明令禁止后依然我行我素", "exploration", false},
    {"development_unintended", "为推动发展的无意过失", "development", true},
    {"development_self_gain", "为谋取私利的违纪违法", "development", false},
};

const struct fault_distinction *fault_distinction_find(const char *code)
{
	for (size_t i = 0; code && i < sizeof(fault_distinctions) / sizeof(fault_distinctions[0]);
	     i++)
		if (!strcmp(fault_distinctions[i].code, code))
			return &fault_distinctions[i];
	return NULL;
}

static const struct {
	const char *code, *message;
} rules[FAULT_RULE_COUNT] = {
    [FAULT_OK] = {"ok", "符合规定"},
    [FAULT_UNANSWERED_CONDITION] = {"condition_unanswered",
                                    "容错免责（第18条）：符合决策程序、勤勉尽责、未谋取私利三项条件"
                                    "须逐项认定后方可作出决定"},
    [FAULT_NO_EVIDENCE] = {"condition_no_evidence",
                           "容错免责（第18条）：每项条件的认定须附证明材料"},
    [FAULT_NO_DISTINCTION] = {"distinction_missing",
                              "容错免责（第18条）：须写明适用“三个区分开来”中的哪一项"},
    [FAULT_EXEMPT_CONDITIONS] = {"exempt_conditions_unmet",
                                 "容错免责（第18条）：符合决策程序、勤勉尽责、未谋取私利三项条件"
                                 "均满足的，方可免于追究责任"},
    [FAULT_NOT_TOLERABLE] = {"distinction_not_tolerable",
                             "三个区分开来（第18条）：明知故犯、上级明令禁止后依然我行我素、"
                             "为谋取私利的违纪违法，不予免责或减责"},
    [FAULT_REDUCE_SELF_GAIN] = {"reduce_self_gain", "容错免责（第18条）：谋取私利的，不予减责"},
    [FAULT_EFFECT_NOT_FORGIVEN] = {"effect_not_forgiven",
                                   "容错免责（第18条）：只有免责或减责的案件，才能免予考核扣分或"
                                   "不予调整领导干部"},
    [FAULT_EFFECT_SUBJECT] = {"effect_subject",
                              "容错免责（第18条）：不予调整领导干部只适用于针对个人的案件"},
};

const char *fault_rule_code(enum fault_rule r)
{
	return r >= 0 && r < FAULT_RULE_COUNT ? rules[r].code : "invalid";
}

const char *fault_rule_message(enum fault_rule r)
{
	return r >= 0 && r < FAULT_RULE_COUNT ? rules[r].message : "违反容错免责规则";
}

static bool forgiving(const char *decision)
{
	return decision && (!strcmp(decision, "exempt") || !strcmp(decision, "reduced"));
}

enum fault_rule fault_decision_check(const struct fault_facts *f, const char *decision)
{
	const enum fault_answer answers[3] = {f->procedure, f->diligence, f->no_gain};
	const struct fault_distinction *d = fault_distinction_find(f->distinction);

	for (int i = 0; i < 3; i++)
		if (answers[i] == FAULT_UNANSWERED)
			return FAULT_UNANSWERED_CONDITION;
	for (int i = 0; i < 3; i++)
		if (f->evidence[i] <= 0)
			return FAULT_NO_EVIDENCE;
	if (!d)
		return FAULT_NO_DISTINCTION;
	if (!forgiving(decision))
		return FAULT_OK;
	if (!d->tolerable)
		return FAULT_NOT_TOLERABLE;
	if (!strcmp(decision, "exempt")) {
		for (int i = 0; i < 3; i++)
			if (answers[i] != FAULT_MET)
				return FAULT_EXEMPT_CONDITIONS;
		return FAULT_OK;
	}
	return f->no_gain == FAULT_MET ? FAULT_OK : FAULT_REDUCE_SELF_GAIN;
}

enum fault_rule fault_effect_check(const char *decision, const char *effect, bool about_person)
{
	if (!effect || !strcmp(effect, "none"))
		return FAULT_OK;
	if (!forgiving(decision))
		return FAULT_EFFECT_NOT_FORGIVEN;
	if (!strcmp(effect, "leader_kept") && !about_person)
		return FAULT_EFFECT_SUBJECT;
	return FAULT_OK;
}

/* ---- names ---- */

/* The length of a blank at s (0 when none). */
static size_t blank_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* The length of the UTF-8 character at s (1 for a stray byte, so that nothing loops). */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 1;

	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* Characters of name, blanks not counted. */
static size_t name_chars(const char *name)
{
	size_t n = 0;

	while (*name) {
		size_t b = blank_len(name);
		if (b) {
			name += b;
			continue;
		}
		name += char_len(name);
		n++;
	}
	return n;
}

/* Bytes of text at t matched by name (blanks between characters allowed, none before the
 * first), or 0. */
static size_t match(const char *t, const char *name)
{
	const char *p = t;
	bool first = true;

	while (*name) {
		size_t b = blank_len(name), k;
		if (b) {
			name += b;
			continue;
		}
		if (!first)
			while ((b = blank_len(p)) != 0)
				p += b;
		k = char_len(name);
		if (strncmp(p, name, k) != 0)
			return 0;
		p += k;
		name += k;
		first = false;
	}
	return (size_t)(p - t);
}

/* The index of the name found at t and its length, or -1. The longest wins, so that 张三丰 is
 * not left as 当事人丰 when 张三 is also listed. */
static int find_at(const char *t, const char *const *names, size_t n, size_t *len)
{
	int best = -1;

	*len = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m;
		if (!names[i] || name_chars(names[i]) < 2)
			continue;
		m = match(t, names[i]);
		if (m > *len) {
			*len = m;
			best = (int)i;
		}
	}
	return best;
}

char *fault_redact(struct arena *a, const char *text, const char *const *names, size_t n)
{
	struct strbuf sb;
	char *out;

	if (!text)
		return NULL;
	strbuf_init(&sb, strlen(text) + 16);
	while (*text) {
		size_t len;
		int i = find_at(text, names, n, &len);
		if (i >= 0) {
			strbuf_addstr(&sb, i == 0 ? "当事人" : "有关人员");
			text += len;
			continue;
		}
		len = char_len(text);
		strbuf_add(&sb, text, len);
		text += len;
	}
	out = arena_strdup(a, sb.len ? sb.buf : "");
	strbuf_release(&sb);
	return out;
}

bool fault_mentions(const char *text, const char *const *names, size_t n)
{
	for (; text && *text; text += char_len(text)) {
		size_t len;
		if (find_at(text, names, n, &len) >= 0)
			return true;
	}
	return false;
}

void fault_step_item(enum fault_step step, int64_t case_id, const char *title, const char *org_name,
                     const char *decision, struct arena *a, struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "fault_case";
	out->entity_id = case_id;
	if (step == FAULT_STEP_REGISTERED) {
		out->kind = "fault_registered";
		out->link = "/fault-cases?status=open";
		out->title = arena_printf(a, "容错免责案件待认定：%s（%s）", title, org_name);
		out->to[out->nto++] =
		    (struct inbox_to){.capability = "decide_fault", .perm = PERM_FAULT_DECIDE};
		return;
	}
	out->kind = "fault_decided";
	out->link = "/fault-cases?status=decided";
	out->title = arena_printf(a, "容错免责案件已认定：%s（%s），%s", title, org_name,
	                          !strcmp(decision, "exempt")    ? "免责"
	                          : !strcmp(decision, "reduced") ? "减责"
	                                                         : "不予免责");
	out->to[out->nto++] = (struct inbox_to){.perm = PERM_FAULT_MANAGE};
}
