/* policy_line.c - what the start of a line looks like: its marker (一、 (一) 1. 第一条 …), a
 * label (牵头单位：, 适用范围：, 完成时限：), a notice field (电子邮箱：), a date, a
 * parenthesis. What a marker means depends on the document's mode and is decided in
 * policy_body.c, not here. */
#include "core/policy_parse_int.h"

#include <string.h>

static const struct {
	const char *kw;
	enum role role;
} role_kws[] = {
    {"牵头单位", ROLE_LEAD},     {"牵头部门", ROLE_LEAD},     {"责任单位", ROLE_RESP},
    {"责任部门", ROLE_RESP},     {"责任主体", ROLE_RESP},     {"配合单位", ROLE_RESP},
    {"配合部门", ROLE_RESP},     {"负责部门", ROLE_RESP},     {"负责单位", ROLE_RESP},
    {"适用范围", ROLE_SCOPE},    {"完成时限", ROLE_DEADLINE}, {"时间进度", ROLE_DEADLINE},
    {"完成时间", ROLE_DEADLINE}, {"指导单位", ROLE_GUIDE},    {"指导部门", ROLE_GUIDE},
    {"推广范围", ROLE_SCOPE},
};

/* kw at s[i..n), then spaces: *j is where they end (0 when kw is not there); returns the
 * offset after a colon there, else 0. */
static size_t kw_colon(const char *s, size_t n, size_t i, const char *kw, size_t *j)
{
	uint32_t c;

	*j = 0;
	if (!pp_has_prefix(s + i, n - i, kw))
		return 0;
	*j = pp_skip_ws(s, n, i + strlen(kw));
	if (*j < n && (pp_cp_at(s, n, *j, &c), pp_is_colon(c)))
		return *j + pp_cp_at(s, n, *j, &c);
	return 0;
}

size_t pp_role_at(const char *s, size_t n, size_t i, bool loose, enum role *r)
{
	for (size_t k = 0; k < sizeof(role_kws) / sizeof(role_kws[0]); k++) {
		size_t j, v = kw_colon(s, n, i, role_kws[k].kw, &j);
		if (v || (loose && j > i + strlen(role_kws[k].kw) && j < n)) {
			*r = role_kws[k].role;
			return v ? v : j;
		}
	}
	return 0;
}

static const struct {
	const char *kw;
	enum fld f;
} field_kws[] = {
    {"电子邮箱", F_EMAIL},      {"电子信箱", F_EMAIL},      {"电子邮件", F_EMAIL},
    {"邮箱", F_EMAIL},          {"E-mail", F_EMAIL},        {"Email", F_EMAIL},
    {"email", F_EMAIL},         {"电话反馈", F_PHONE},      {"联系电话", F_PHONE},
    {"咨询电话", F_PHONE},      {"电话", F_PHONE},          {"传真", F_OTHER},
    {"意见反馈时间", F_WINDOW}, {"反馈时间", F_WINDOW},     {"征求意见时间", F_WINDOW},
    {"意见征集时间", F_WINDOW}, {"征求意见期限", F_WINDOW}, {"反馈截止时间", F_WINDOW},
    {"截止时间", F_WINDOW},     {"信息时间", F_DATE},       {"发布时间", F_DATE},
    {"发布日期", F_DATE},       {"信息来源", F_ISSUER},     {"发布单位", F_ISSUER},
    {"发布机关", F_ISSUER},     {"联系人", F_OTHER},        {"通讯地址", F_OTHER},
    {"通信地址", F_OTHER},      {"邮寄地址", F_OTHER},      {"邮编", F_OTHER},
};

/* A field keyword and its colon at s[i..n): offset of the value, else 0. */
size_t pp_field_at(const char *s, size_t n, size_t i, enum fld *f, size_t *kwlen)
{
	for (size_t k = 0; k < sizeof(field_kws) / sizeof(field_kws[0]); k++) {
		size_t j, v = kw_colon(s, n, i, field_kws[k].kw, &j);
		if (v) {
			*f = field_kws[k].f;
			*kwlen = strlen(field_kws[k].kw);
			return v;
		}
	}
	return 0;
}

/* The parenthesis opened at s[i] closes at the returned offset (of the closer), or n. */
size_t pp_match_paren(const char *s, size_t n, size_t i)
{
	int depth = 0;
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		if (pp_is_open(c)) {
			depth++;
		} else if (pp_is_close(c)) {
			if (--depth == 0)
				return i;
		}
		i += k;
	}
	return n;
}

/* Digits at s[i..n) followed by text, not by more of a number or a date (2.5.1, 1.5%). */
static bool digits_then_text(const char *s, size_t n, size_t i)
{
	size_t e;
	uint32_t c;

	if (pp_ar_num(s, n, i, 6, &e, NULL) < 0 || e >= n)
		return false;
	pp_cp_at(s, n, e, &c);
	return !pp_cp_in(c, ".．-－/%％:：、，,") && !pp_is_ws(c);
}

/* What the start of a line looks like. What it means depends on the document's mode (act_of):
 * (一) is a group in a numbered document, an article in a grouped one, a sub-item in a statute. */
void pp_classify(struct line *l)
{
	const char *s = l->s;
	size_t n = l->n, e, j, k;
	uint32_t c, c2;
	int v;
	enum role r;

	l->kind = K_TEXT;
	l->di = false;
	l->num = 0;
	l->rest = 0;
	l->field = false;
	l->num_title = false;
	l->plain_short =
	    n > 0 && pp_cp_count(s, n) <= MAX_HEADING_CPS && !pp_has_any(s, n, SENTENCE_PUNCT);
	if (n == 0) {
		l->kind = K_BLANK;
		return;
	}
	k = pp_cp_at(s, n, 0, &c);
	if (pp_role_at(s, n, pp_is_open(c) ? pp_skip_ws(s, n, k) : 0, true, &r)) {
		l->kind = K_UNIT;
		return;
	}
	if (pp_has_prefix(s, n, "第")) {
		v = pp_cn_num(s, n, 3, &e);
		if (v < 0)
			v = pp_ar_num(s, n, 3, 4, &e, NULL);
		if (v > 0) {
			l->num = v;
			l->di = true;
			if (pp_has_prefix(s + e, n - e, "条"))
				l->kind = K_STATUTE, l->rest = e + 3;
			else if (pp_has_prefix(s + e, n - e, "章") ||
			         pp_has_prefix(s + e, n - e, "编"))
				l->kind = K_PART, l->rest = e + 3;
			else if (pp_has_prefix(s + e, n - e, "部分"))
				l->kind = K_PART, l->rest = e + 6;
			else if (pp_has_prefix(s + e, n - e, "节"))
				l->kind = K_GROUP, l->rest = e + 3;
			if (l->kind != K_TEXT)
				goto done;
			l->num = 0;
			l->di = false;
		}
	}
	if (pp_is_open(c)) {
		size_t i = pp_skip_ws(s, n, k);
		if ((v = pp_cn_num(s, n, i, &e)) > 0) {
			j = pp_skip_ws(s, n, e);
			if (j < n && (pp_cp_at(s, n, j, &c2), pp_is_close(c2))) {
				l->kind = K_GROUP, l->num = v, l->rest = j + pp_cp_at(s, n, j, &c2);
				goto done;
			}
		}
		if ((v = pp_ar_num(s, n, i, 4, &e, NULL)) >= 0) {
			j = pp_skip_ws(s, n, e);
			if (j < n && (pp_cp_at(s, n, j, &c2), pp_is_close(c2))) {
				l->kind = K_SUB, l->num = v, l->rest = j + pp_cp_at(s, n, j, &c2);
				goto done;
			}
		}
		if (i < n && (pp_cp_at(s, n, i, &c2), pp_is_close(c2))) {
			l->kind = K_LOST, l->rest = i + pp_cp_at(s, n, i, &c2);
			goto done;
		}
		if (pp_match_paren(s, n, 0) + pp_cp_before(s, n, &c2) == n && pp_is_close(c2) &&
		    n > k + 1) {
			l->kind = K_PAREN;
			return;
		}
	}
	if (pp_is_close(c) && pp_skip_ws(s, n, k) < n) {
		l->kind = K_LOST, l->rest = k;
		goto done;
	}
	if (c >= 0x2460 && c <= 0x2473) { /* ① … ⑳ */
		l->kind = K_SUB, l->num = (int)(c - 0x2460 + 1), l->rest = k;
		goto done;
	}
	if ((v = pp_cn_num(s, n, 0, &e)) > 0 && e < n) {
		size_t l2 = pp_cp_at(s, n, e, &c2);
		if (c2 == 0x3001 || c2 == 0xff0e || c2 == '.') {
			l->kind = K_PART, l->num = v, l->rest = e + l2;
			goto done;
		}
		if (pp_is_close(c2)) {
			l->kind = K_LOST, l->num = v, l->rest = e + l2;
			goto done;
		}
	}
	if ((v = pp_ar_num(s, n, 0, 4, &e, NULL)) > 0) {
		j = pp_skip_ws(s, n, e);
		if (j < n) {
			size_t l2 = pp_cp_at(s, n, j, &c2);
			uint32_t c3 = 0;
			if (j + l2 < n)
				pp_cp_at(s, n, j + l2, &c3);
			if ((c2 == '.' || c2 == 0xff0e || c2 == 0x3001) && !pp_is_digit(c3)) {
				l->kind = K_ARTICLE, l->num = v, l->rest = j + l2;
				goto done;
			}
			/* "7.100个重点项目攻坚行动。": digits right after the marker; "2.5倍" reads
			 * the same, so the body decides by the numbering */
			if ((c2 == '.' || c2 == 0xff0e || c2 == 0x3001) && v <= 999 &&
			    digits_then_text(s, n, j + l2)) {
				l->kind = K_ARTICLE, l->num = v, l->rest = j + l2;
				l->num_title = true;
				goto done;
			}
			if (pp_is_close(c2)) {
				l->kind = K_SUB, l->num = v, l->rest = j + l2;
				goto done;
			}
		}
	}
	{
		struct ymd t;
		size_t de = pp_parse_date(s, n, 0, 0, &t);
		if (de && pp_skip_ws(s, n, de) == n) {
			l->kind = K_DATE;
			return;
		}
	}
	if (pp_has_prefix(s, n, "附件"))
		l->kind = K_ATTACH;
	return;
done:
	l->rest = pp_skip_ws(s, n, l->rest);
	if (l->kind == K_ARTICLE || l->kind == K_SUB || l->kind == K_PART || l->kind == K_GROUP) {
		enum fld f;
		size_t kl;
		l->field = pp_field_at(s, n, l->rest, &f, &kl) != 0 || memchr(s, '@', n) != NULL;
	}
}
