/* policy_clause.c - an article's units: which of its clauses assign work, to whom, and who
 * leads. Unit lines of its own (牵头单位：A), clauses in parentheses at the end of a paragraph
 * — labelled (（负责部门：A；适用范围：B）), unlabelled (（A、B负责）, （A会同B负责）,
 * （A、B牵头负责）) or prose (（由A牵头，B按职责分工负责）) — and, when nothing else names
 * units, prose in the body (A牵头，B按职责分工负责; never in statutes, whose duty sentences are
 * not assignments). Keeps the document's rule that the first-listed unit leads. Whatever looks
 * like an assignment but could not be read is a warning with its line and text. Must not split
 * unit lists itself (policy_units.c does) nor decide where an article ends (policy_body.c). */
#include "core/policy_parse_int.h"

#include <string.h>

#define MAX_CLAUSE_UNIT_CPS 30 /* a unit in "（A、B负责）" is never longer */
#define MAX_RULE_CPS        60 /* nor is the sentence stating the lead rule */
#define MAX_SEGMENTS        8  /* sentences in one parenthesis */
#define MAX_QUOTE_CPS       40 /* of a sentence quoted in a warning */

/* What a unit in an unlabelled clause ends with: a city organization (UNIT_END) or a national
 * or regional one (海关总署, 共青团中央, 全国妇联, 供销合作总社, 各区、县级市 …). */
#define CLAUSE_UNIT_END UNIT_END "署央联社班道区市县镇乡旗盟州组校馆台"

/* Words that make a parenthesis look like an assignment (the "never silent"; 指导 and
 * 参与 as 国办发〔2018〕128号 assigns: "（生态环境部牵头，…参与）", "（商务部指导）"). */
static const char *const lookalike_kws[] = {"负责", "牵头", "配合", "指导", "参与"};

/* A label "…单位：" or "…部门：" in s[b..e) with a word in front (牵头单位：, 负责部门：): a bare
 * "（单位：毫米）" is a unit of measure (国办发〔2018〕114号). */
static bool label_inside(const char *s, size_t b, size_t e)
{
	static const char *const kws[] = {"单位：", "单位:", "部门：", "部门:"};

	for (size_t k = 0; k < sizeof(kws) / sizeof(kws[0]); k++) {
		size_t at = pp_find(s, e, b, kws[k]);
		uint32_t c;
		if (at < e && at > b && (pp_cp_before(s, at, &c), pp_is_han(c)))
			return true;
	}
	return false;
}

static void count_sources(struct parser *p, size_t before, unsigned src)
{
	if (p->lead.n + p->resp.n > before)
		p->sources |= src;
}

/* The statement that the first-listed unit of each assignment leads: "列第一位者为牵头单位",
 * "排在第一位的部门为牵头部门", "排在首位的为牵头单位". 第一 before 为牵头, so "第一责任人，
 * 牵头抓总" is not one. */
static bool lead_rule(const char *s, size_t n)
{
	size_t lead = pp_find(s, n, 0, "为牵头"), first = pp_find(s, n, 0, "第一");

	if (lead == n)
		lead = pp_find(s, n, 0, "是牵头");
	if (first > pp_find(s, n, 0, "首位"))
		first = pp_find(s, n, 0, "首位");
	return lead < n && first < lead && pp_cp_count(s, n) <= MAX_RULE_CPS;
}

/* 下同: the rule holds for the rest of the document, not only this clause. */
static bool onward(const char *s, size_t n)
{
	return pp_find(s, n, 0, "下同") < n || pp_find(s, n, 0, "后同") < n;
}

/* The next piece of s[*i..e) up to a separator of seps outside parentheses, trimmed, in
 * [*pb, *pe); *i moves past the separator. Returns false when nothing is left. */
static bool next_piece(const char *s, size_t e, size_t *i, const char *seps, size_t *pb, size_t *pe)
{
	size_t j = *i;
	int depth = 0;
	uint32_t c;

	if (*i > e)
		return false;
	*pb = *i;
	while (j < e) {
		size_t k = pp_cp_at(s, e, j, &c);
		if (depth == 0 && pp_cp_in(c, seps)) {
			*pe = j;
			*i = j + k;
			pp_trim(s, pb, pe);
			return true;
		}
		if (pp_is_open(c))
			depth++;
		else if (pp_is_close(c) && depth > 0)
			depth--;
		j += k;
	}
	*pe = e;
	*i = e + 1;
	pp_trim(s, pb, pe);
	return true;
}

/* Offsets of the top-level sentences of s[b..e), split at 。；; into seg[][2]; returns their
 * count, or MAX_SEGMENTS + 1 when there are more. */
static size_t sentences(const char *s, size_t b, size_t e, size_t seg[][2])
{
	size_t n = 0, i = b, sb, se;

	while (next_piece(s, e, &i, "。；;", &sb, &se)) {
		if (se <= sb)
			continue;
		if (n == MAX_SEGMENTS)
			return n + 1;
		seg[n][0] = sb;
		seg[n][1] = se;
		n++;
	}
	return n;
}

/* Each unit of the list s[b..e) looks like an organization: short, no 的 or 由 inside, ending
 * like one; a bare trailing 等 and the connector 等和 are allowed. */
static bool units_ok(const char *s, size_t b, size_t e)
{
	size_t i = b, ub, ue, at;
	uint32_t c;

	if (e <= b)
		return false;
	while (next_piece(s, e, &i, "、，,", &ub, &ue)) {
		at = pp_find(s, ue, ub, "等和");
		if (at < ue && !units_ok(s, at + strlen("等和"), ue))
			return false;
		ue = at < ue ? at : ue;
		if (pp_has_suffix(s + ub, ue - ub, "等"))
			ue -= strlen("等");
		if (ue <= ub || pp_cp_count(s + ub, ue - ub) > MAX_CLAUSE_UNIT_CPS ||
		    pp_find(s, ue, ub, "的") < ue || pp_find(s, ue, ub, "由") < ue)
			return false;
		pp_cp_before(s, ue, &c);
		if (!pp_cp_in(c, CLAUSE_UNIT_END) && !pp_is_close(c))
			return false;
	}
	return true;
}

/* An unlabelled assignment "A、B负责", "A会同B负责", "A、B牵头负责", "A，各省级人民政府按职责
 * 分工负责", possibly followed by the lead rule ("…负责，排在第一位的部门为牵头部门，下同"). */
struct duty {
	size_t xb, xe; /* the units before 会同, or all of them */
	size_t yb, ye; /* the units after 会同; yb == ye when there is none */
	size_t rb, re; /* the lead rule stated after it; rb == re when there is none */
	bool all_lead; /* A、B牵头负责 */
};

static bool parse_duty(const char *s, size_t b, size_t e, struct duty *d)
{
	static const char *const marks[] = {"按照职责分工", "按职责分工", "按职责",
	                                    "分别",         "共同",       "牵头"};
	size_t m = b;

	memset(d, 0, sizeof(*d));
	while ((m = pp_find(s, e, m, "负责")) < e) {
		size_t after = m + strlen("负责"), xe = m, rb, re = e, at;
		if (pp_has_prefix(s + after, e - after, "落实"))
			after += strlen("落实");
		rb = after;
		pp_trim_set(s, &rb, &re, "，,");
		m = after;
		if (re > rb && !lead_rule(s + rb, re - rb))
			continue;
		for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			if (!pp_has_suffix(s + b, xe - b, marks[k]))
				continue;
			d->all_lead = !strcmp(marks[k], "牵头");
			xe -= strlen(marks[k]);
			break;
		}
		d->xb = b;
		d->xe = xe;
		pp_trim_set(s, &d->xb, &d->xe, "，,");
		if (pp_has_prefix(s + d->xb, d->xe - d->xb, "均由"))
			d->xb += strlen("均由");
		else if (pp_has_prefix(s + d->xb, d->xe - d->xb, "由"))
			d->xb += strlen("由");
		at = pp_find(s, d->xe, d->xb, "会同");
		if (at < d->xe) {
			d->yb = at + strlen("会同");
			d->ye = d->xe;
			d->xe = at;
		}
		d->rb = rb;
		d->re = re;
		return units_ok(s, d->xb, d->xe) && (d->yb == d->ye || units_ok(s, d->yb, d->ye));
	}
	return false;
}

/* The units of an unlabelled assignment. Under the rule (rule_line > 0) the first listed
 * leads and the rest are responsible; 会同 and 牵头 say who leads whatever the rule. */
static void take_duty(struct parser *p, const char *s, const struct duty *d, int line,
                      int rule_line)
{
	size_t before = p->lead.n + p->resp.n;

	if (d->yb < d->ye) {
		pp_split_units(p, s + d->xb, d->xe - d->xb, line, &p->lead);
		pp_split_units(p, s + d->yb, d->ye - d->yb, line, &p->resp);
	} else if (d->all_lead) {
		pp_split_units(p, s + d->xb, d->xe - d->xb, line, &p->lead);
	} else if (rule_line) {
		struct ulist all;
		memset(&all, 0, sizeof(all));
		pp_split_units(p, s + d->xb, d->xe - d->xb, line, &all);
		for (size_t i = 0; i < all.n; i++)
			pp_ul_add(p, i ? &p->resp : &p->lead, all.v[i], line);
		if (all.n) {
			p->sources |= SRC_PAREN_RULE;
			p->used_rule = rule_line;
		}
		return;
	} else {
		pp_split_units(p, s + d->xb, d->xe - d->xb, line, &p->resp);
	}
	count_sources(p, before, SRC_PAREN);
}

/* The inside of a parenthesis as unlabelled assignments and rule statements, nothing else:
 * "（A、B负责）", "（A等负责。列第一位者为牵头单位，下同）", "（列第一位者为牵头单位）". */
static bool duty_clause(struct parser *p, const char *s, size_t b, size_t e, int line, bool take)
{
	size_t seg[MAX_SEGMENTS][2], ns = sentences(s, b, e, seg);
	struct duty d[MAX_SEGMENTS];
	bool is_duty[MAX_SEGMENTS], rule = false, rule_onward = false, any = false;

	if (ns == 0 || ns > MAX_SEGMENTS)
		return false;
	for (size_t k = 0; k < ns; k++) {
		const char *t = s + seg[k][0];
		size_t tn = seg[k][1] - seg[k][0];
		is_duty[k] = parse_duty(s, seg[k][0], seg[k][1], &d[k]);
		if (is_duty[k]) {
			any = true;
			if (d[k].re > d[k].rb) {
				rule = true;
				rule_onward |= onward(s + d[k].rb, d[k].re - d[k].rb);
			}
		} else if (lead_rule(t, tn)) {
			rule = true;
			rule_onward |= onward(t, tn);
		} else {
			return false;
		}
	}
	if (!any && !rule)
		return false;
	if (!take)
		return true;
	if (rule && rule_onward)
		p->rule_line = line;
	else if (rule)
		p->art_rule_line = line;
	for (size_t k = 0; k < ns; k++)
		if (is_duty[k])
			take_duty(p, s, &d[k], line,
			          p->art_rule_line ? p->art_rule_line : p->rule_line);
	return true;
}

/* "由市发改委牵头，各县(区)政府按职责分工负责": X牵头 -> lead, Y按职责分工负责 -> responsible.
 * Returns true if a clause was found; takes its units when take is set. The text stays where
 * it is. skip_parens leaves parenthesised text alone (the body's prose pass: parentheses are
 * clauses of their own). One forward pass: the start of the current clause is tracked, not
 * searched for, so the cost stays linear. */
static bool prose_units(struct parser *p, const char *s, size_t n, int line, bool take,
                        bool skip_parens)
{
	static const char *const resp_marks[] = {
	    "按职责分工负责", "按照职责分工负责", "按职责分工落实", "按照职责分工落实",
	    "按职责负责",     "分工负责",         "配合",           "参与"};
	size_t i = 0, cs = 0; /* cs: where the clause holding i starts */
	bool found = false;
	uint32_t c = 0;

	while (i < n) {
		size_t after = i + strlen("牵头"), xb = cs, xe = i, yb, se, m = n;
		bool ends;
		if (!pp_has_prefix(s + i, n - i, "牵头")) {
			size_t k = pp_cp_at(s, n, i, &c), j;
			if (skip_parens && pp_is_open(c) && (j = pp_match_paren(s, n, i)) < n) {
				i = j + pp_cp_at(s, n, j, &c);
				cs = i;
				continue;
			}
			i += k;
			if (pp_cp_in(c, "。；;，,：:(（\n"))
				cs = i;
			continue;
		}
		i = after;
		c = 0;
		if (after < n)
			pp_cp_at(s, n, after, &c);
		ends = after >= n || pp_cp_in(c, "，,；;。、)）") ||
		       pp_has_prefix(s + after, n - after, "负责") ||
		       pp_has_prefix(s + after, n - after, "抓总");
		pp_trim(s, &xb, &xe);
		if (pp_has_prefix(s + xb, xe - xb, "均由"))
			xb += strlen("均由");
		else if (pp_has_prefix(s + xb, xe - xb, "由"))
			xb += strlen("由");
		/* bytes first: a long run without punctuation must not be counted again and again
		 */
		if (!ends || xe <= xb || xe - xb > 4 * MAX_PROSE_UNITS ||
		    pp_cp_count(s + xb, xe - xb) > MAX_PROSE_UNITS)
			continue;
		pp_cp_before(s, xe, &c);
		if (!pp_cp_in(c, UNIT_END))
			continue;
		found = true;
		if (!take)
			break;
		pp_split_units(p, s + xb, xe - xb, line, &p->lead);
		yb = after;
		if (pp_has_prefix(s + yb, n - yb, "负责") || pp_has_prefix(s + yb, n - yb, "抓总"))
			yb += strlen("负责");
		if (yb < n && (pp_cp_at(s, n, yb, &c), pp_cp_in(c, "，,、")))
			yb += pp_cp_at(s, n, yb, &c);
		se = yb;
		while (se < n && (pp_cp_at(s, n, se, &c), !pp_cp_in(c, "。；;")))
			se += pp_cp_at(s, n, se, &c);
		for (size_t r = 0; r < sizeof(resp_marks) / sizeof(resp_marks[0]); r++) {
			size_t at = pp_find(s, se, yb, resp_marks[r]);
			if (at < m)
				m = at;
		}
		/* "（A牵头，B负责）": inside a parenthesis a bare 负责 that ends it marks B as
		 * well; in the body it may be any verb's object, so it is left alone there */
		if (m >= se && !skip_parens && se >= yb + strlen("负责") &&
		    pp_has_prefix(s + se - strlen("负责"), strlen("负责"), "负责"))
			m = se - strlen("负责");
		if (m < se) {
			size_t yb2 = yb, ye = m;
			pp_trim(s, &yb2, &ye);
			if (pp_has_prefix(s + yb2, ye - yb2, "由"))
				yb2 += strlen("由");
			if (ye > yb2 && pp_cp_count(s + yb2, ye - yb2) <= MAX_PROSE_UNITS)
				pp_split_units(p, s + yb2, ye - yb2, line, &p->resp);
		}
		/* continue after the sentence; its end (。；) starts the next clause */
		i = se;
		cs = se;
	}
	return found;
}

/* "A、B指导" in s[b..e): guiding units, who neither lead nor answer for the task. */
static bool guide_piece(const char *s, size_t b, size_t e)
{
	return pp_has_suffix(s + b, e - b, "指导") && units_ok(s, b, e - strlen("指导"));
}

/* The guiding units of s[*b..*e): the whole of it ("（商务部指导）"), or a piece before its
 * first or after its last comma ("（省商务厅指导，各开发区负责）", "（A牵头，B参与，C指导）"),
 * cut off the range; in g[] (unit lists without 指导), their count returned. */
static size_t peel_guides(const char *s, size_t *b, size_t *e, size_t g[2][2])
{
	size_t n = 0, i, pb, pe, last;

	pp_trim(s, b, e);
	i = *b;
	if (guide_piece(s, *b, *e)) {
		g[0][0] = *b;
		g[0][1] = *e - strlen("指导");
		*b = *e;
		return 1;
	}
	if (next_piece(s, *e, &i, "，,", &pb, &pe) && i <= *e && guide_piece(s, pb, pe)) {
		g[n][0] = pb;
		g[n++][1] = pe - strlen("指导");
		*b = i;
	}
	last = *b;
	for (i = *b; next_piece(s, *e, &i, "，,", &pb, &pe);)
		if (i <= *e)
			last = i; /* just past a separator */
	i = last;
	if (last > *b && next_piece(s, *e, &i, "，,", &pb, &pe) && guide_piece(s, pb, pe)) {
		uint32_t c;
		g[n][0] = pb;
		g[n++][1] = pe - strlen("指导");
		*e = last - pp_cp_before(s, last, &c);
	}
	return n;
}

/* Is s[b..e) (the inside of a parenthesis) a unit clause? Takes it when take is set. Guiding
 * units (A指导) go with the assignment they stand beside, or make a clause alone. */
static bool unit_clause(struct parser *p, const char *s, size_t b, size_t e, int line, bool take)
{
	size_t before = p->lead.n + p->resp.n, g[2][2], ng;
	enum role r;
	bool ok;

	b = pp_skip_ws(s, e, b);
	if (pp_role_at(s, e, b, false, &r)) {
		if (take && pp_parse_labels(p, s + b, e - b, line))
			p->sources |= SRC_LABELLED;
		return true;
	}
	ng = peel_guides(s, &b, &e, g);
	ok = (ng > 0 && b >= e) || duty_clause(p, s, b, e, line, take);
	if (!ok && pp_has_suffix(s + b, e - b, "参与") && units_ok(s, b, e - strlen("参与"))) {
		/* "（商务部指导，供销合作总社参与）": who takes part answers for the task, as
		 * in "（A牵头，B参与）" */
		if (take)
			pp_split_units(p, s + b, e - strlen("参与") - b, line, &p->resp);
		count_sources(p, before, SRC_PAREN);
		ok = true;
	} else if (!ok && prose_units(p, s + b, e - b, line, take, false)) {
		count_sources(p, before, SRC_PAREN);
		ok = true;
	}
	for (size_t k = 0; ok && take && k < ng; k++)
		pp_split_units(p, s + g[k][0], g[k][1] - g[k][0], line, &p->guide);
	return ok;
}

/* Unit clauses at the end of a paragraph: "…机制。（牵头单位：A；责任单位：B）",
 * "…机制（牵头单位：A）（配合单位：B）。", "…（A、B负责）", "…（市发改委牵头，各县区按职责
 * 分工负责）", or a labelled list that lost its line break ("…。牵头部门：A 责任主体：B").
 * Takes them in text order and cuts them from the paragraph. */
static void strip_clauses(struct parser *p, struct para *pa)
{
	const char *s = pa->s, *tail = "";
	size_t b = 0, e = pa->n, k, cb[8], ce[8], nc = 0;
	uint32_t c;

	pp_trim(s, &b, &e);
	if (e <= b)
		return;
	for (size_t i = b, depth = 0; i < e;) {
		enum role r;
		if (depth == 0 && (i == b || (pp_cp_before(s, i, &c), pp_cp_in(c, "。；;"))) &&
		    pp_role_at(s, e, pp_skip_ws(s, e, i), false, &r)) {
			size_t kb = b, ke = i, vb = pp_skip_ws(s, e, i);
			if (pp_parse_labels(p, s + vb, e - vb, pa->line))
				p->sources |= SRC_LINES;
			pp_trim(s, &kb, &ke);
			pa->s = arena_strndup(p->a, s + kb, ke - kb);
			pa->n = ke - kb;
			return;
		}
		i += pp_cp_at(s, e, i, &c);
		if (pp_is_open(c))
			depth++;
		else if (pp_is_close(c) && depth > 0)
			depth--;
	}
	k = pp_cp_before(s, e, &c);
	if (c == 0x3002 || c == 0xff1b || c == ';' || c == '.') {
		tail = arena_strndup(p->a, s + e - k, k);
		e -= k;
		pp_trim(s, &b, &e);
	}
	while (e > b && nc < 8 && (pp_cp_before(s, e, &c), pp_is_close(c))) {
		int depth = 0;
		size_t i = e, open = SIZE_MAX;
		while (i > b) {
			i -= pp_cp_before(s, i, &c);
			if (pp_is_close(c)) {
				depth++;
			} else if (pp_is_open(c) && --depth == 0) {
				open = i;
				break;
			}
		}
		if (open == SIZE_MAX)
			break;
		cb[nc] = open + pp_cp_at(s, e, open, &c);
		ce[nc] = e - pp_cp_before(s, e, &c);
		if (!unit_clause(p, s, cb[nc], ce[nc], pa->line, false))
			break;
		nc++;
		e = open;
		pp_trim(s, &b, &e);
	}
	if (nc == 0)
		return;
	for (size_t i = nc; i-- > 0;)
		(void)unit_clause(p, s, cb[i], ce[i], pa->line, true);
	/* "…机制。（…）" keeps its own 。; "…机制（…）。" gets the 。 back */
	if (e > b && *tail) {
		pp_cp_before(s, e, &c);
		if (c == 0x3002 || c == 0xff1b || c == ';' || c == '.')
			tail = "";
	}
	pa->s = arena_printf(p->a, "%.*s%s", (int)(e - b), s + b, e > b ? tail : "");
	pa->n = strlen(pa->s);
}

/* Parentheses of s that look like assignments: a stated lead rule is noted (from the next
 * article on), anything else is a warning; where names the article or says there is none. */
static void lookalikes(struct parser *p, const char *s, size_t n, int line, int article)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c), j, cb;
		bool like = false;
		if (!pp_is_open(c) || (j = pp_match_paren(s, n, i)) >= n) {
			i += k;
			continue;
		}
		cb = i + k;
		like = label_inside(s, cb, j);
		for (size_t w = 0; w < sizeof(lookalike_kws) / sizeof(lookalike_kws[0]); w++)
			like |= pp_find(s, j, cb, lookalike_kws[w]) < j;
		k = j + pp_cp_at(s, n, j, &c) - i; /* the parenthesis with its brackets */
		if (like && lead_rule(s + cb, j - cb))
			p->rule_line = line;
		else if (like && !article)
			pp_warn(p, line, "“%.*s”像是单位分工，但不属于任何条目，已保留在正文",
			        (int)k, s + i);
		else if (like && unit_clause(p, s, cb, j, line, false))
			/* 国办发〔2018〕121号 （十）: "…环境。（市场监管总局负责）加强…" assigns
			 * one sentence; the article's units are those at its end */
			pp_warn(p, line,
			        "条目 %d "
			        "句中的分工“%.*s”只管前面的句子，未计入本条的单位，已保留在正文",
			        article, (int)k, s + i);
		else if (like)
			pp_warn(p, line, "条目 %d 中的“%.*s”像是单位分工，但未能识别，已保留在正文",
			        article, (int)k, s + i);
		i += k;
	}
}

/* The sentence at s[0..n) up to its end (。；) for a warning. */
static const char *quote(struct parser *p, const char *s, size_t n)
{
	return pp_clip(p->a, s, n, "。；;", MAX_QUOTE_CPS);
}

void pp_outside_text(struct parser *p, const char *s, size_t n, int line)
{
	size_t seg[MAX_SEGMENTS][2], ns = sentences(s, 0, n, seg), at;

	for (size_t k = 0; k < ns && k < MAX_SEGMENTS; k++)
		if (lead_rule(s + seg[k][0], seg[k][1] - seg[k][0]))
			p->rule_line = line;
	lookalikes(p, s, n, line, 0);
	if ((at = pp_label_anywhere(s, n)) < n)
		pp_warn(p, line, "“%s”像是牵头/责任单位，但不属于任何条目，已作为正文保留",
		        quote(p, s + at, n - at));
}

static enum policy_unit_source source_of(unsigned bits)
{
	static const struct {
		unsigned bit;
		enum policy_unit_source src;
	} map[] = {{SRC_LINES, POLICY_UNITS_LINES},
	           {SRC_LABELLED, POLICY_UNITS_LABELLED},
	           {SRC_PAREN, POLICY_UNITS_PAREN},
	           {SRC_PAREN_RULE, POLICY_UNITS_PAREN_RULE},
	           {SRC_PROSE, POLICY_UNITS_PROSE}};
	enum policy_unit_source src = POLICY_UNITS_NONE;

	for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
		if (!(bits & map[k].bit))
			continue;
		if (src != POLICY_UNITS_NONE)
			return POLICY_UNITS_MIXED;
		src = map[k].src;
	}
	return src;
}

unsigned pp_article_units(struct parser *p, struct policy_article *art)
{
	unsigned sources;

	for (size_t i = 0; i < p->np; i++) {
		struct para *pa = &p->paras[i];
		if (pa->units) {
			if (pp_parse_labels(p, pa->s, pa->n, pa->line))
				p->sources |= pa->units;
			pa->n = 0;
		} else {
			strip_clauses(p, pa);
		}
	}
	/* statutes assign duties in every other sentence; only their clauses name units */
	if (p->lead.n == 0 && p->resp.n == 0 && p->mode != M_STATUTE)
		for (size_t i = 0; i < p->np; i++) {
			size_t before = p->lead.n + p->resp.n;
			(void)prose_units(p, p->paras[i].s, p->paras[i].n, p->paras[i].line, true,
			                  true);
			count_sources(p, before, SRC_PROSE);
		}
	for (size_t i = 0; i < p->np; i++) {
		const struct para *pa = &p->paras[i];
		size_t at;
		lookalikes(p, pa->s, pa->n, pa->line, art->number);
		if ((at = pp_label_anywhere(pa->s, pa->n)) < pa->n)
			pp_warn(p, pa->line,
			        "条目 %d "
			        "正文中的“%s”像是牵头/责任单位，但未能识别为单位列表，已保留在正文",
			        art->number, quote(p, pa->s + at, pa->n - at));
	}
	art->lead_units = p->lead.v;
	art->n_lead_units = p->lead.n;
	art->responsible_units = p->resp.v;
	art->n_responsible_units = p->resp.n;
	art->guide_units = p->guide.v;
	art->n_guide_units = p->guide.n;
	art->scope = p->scope;
	art->deadline = p->deadline;
	art->deadline_date = NULL;
	if (p->deadline) {
		const char *why;
		art->deadline_date = pp_deadline_resolve(p->a, p->deadline, p->year, &why);
		if (why)
			pp_warn(p, p->deadline_line, "%s", why);
	}
	sources = p->sources;
	art->unit_source = source_of(sources);
	art->lead_rule_line = sources & SRC_PAREN_RULE ? p->used_rule : 0;
	memset(&p->lead, 0, sizeof(p->lead));
	memset(&p->resp, 0, sizeof(p->resp));
	memset(&p->guide, 0, sizeof(p->guide));
	p->scope = NULL;
	p->deadline = NULL;
	p->deadline_line = 0;
	p->sources = 0;
	p->art_rule_line = 0;
	p->used_rule = 0;
	return sources;
}
