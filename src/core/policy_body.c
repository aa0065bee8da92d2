/* policy_body.c - the body's state machine: walks the lines after the front matter, opens
 * parts, groups and articles by the document's mode, recovers headings whose markers were
 * lost, and hands each article's paragraphs to policy_units.c. Must never drop text: whatever
 * it cannot place goes to the nearest body with a warning. */
#include "core/policy_parse_int.h"

#include <string.h>

static void flush_part(struct parser *p)
{
	if (p->part >= 0)
		p->d->parts[p->part].body = pp_sb_str(&p->part_body);
	pp_sb_init(&p->part_body, p->a);
}

static void flush_group(struct parser *p)
{
	if (p->group >= 0)
		p->d->groups[p->group].body = pp_sb_str(&p->group_body);
	pp_sb_init(&p->group_body, p->a);
}

/* Where text outside any article goes: the open group, else the open part, else the preamble. */
static struct sbuf *sink(struct parser *p)
{
	if (p->group >= 0)
		return &p->group_body;
	if (p->part >= 0)
		return &p->part_body;
	return &p->preamble;
}

/* units: a unit line, SRC_LINES or, for "（牵头单位：…）" on a line of its own, SRC_LABELLED;
 * 0 for text. */
static void add_para(struct parser *p, const char *s, size_t n, int line, unsigned units)
{
	p->paras = pp_grow(p->a, p->paras, p->np, &p->cap_paras, sizeof(*p->paras));
	p->paras[p->np].s = s;
	p->paras[p->np].n = n;
	p->paras[p->np].line = line;
	p->paras[p->np].units = units;
	p->np++;
}

/* The first paragraph opens with a title sentence when its first sentence is short and the
 * article has more of its own after it (text, or unit lines as in task lists): "2.聚焦主责
 * 主业。开发区要…", not "（十三）支持在自贸试验区设置商标受理窗口。（负责部门：…）" nor a
 * provision that runs long ("一、对深化商事制度改革成效显著…的市（地、州、盟），…"). */
static bool title_sentence(const struct parser *p, size_t first, size_t dot, bool unit_lines)
{
	const struct para *pa = &p->paras[first];
	size_t b = dot + strlen("。"), e = pa->n;
	bool more = unit_lines;

	if (dot < pa->n) {
		pp_trim(pa->s, &b, &e);
		more |= e > b;
	}
	for (size_t i = first + 1; i < p->np && !more; i++)
		more = p->paras[i].n > 0;
	return more && pp_cp_count(pa->s, dot) <= MAX_TITLE_SENTENCE_CPS;
}

static void finish_article(struct parser *p)
{
	struct policy_article *art;
	struct sbuf body;
	size_t first = 0;
	bool unit_lines = false;

	if (!p->in_article)
		return;
	art = &p->d->articles[p->d->n_articles - 1];
	/* unit lines of its own, bracketed or not, or a labelled list in the first paragraph */
	for (size_t i = 0; i < p->np; i++)
		unit_lines |= p->paras[i].units != 0;
	unit_lines |= (pp_article_units(p, art) & SRC_LINES) != 0;
	while (first < p->np && p->paras[first].n == 0)
		first++;
	pp_sb_init(&body, p->a);
	art->short_title = NULL;
	if (first == p->np) {
		pp_warn(p, art->line, "条目 %d 内容为空", art->number);
	} else if (p->mode == M_STATUTE) {
		const struct para *pa = &p->paras[first];
		size_t close = pp_find(pa->s, pa->n, 0, "】");
		if (pp_has_prefix(pa->s, pa->n, "【") && close < pa->n) {
			size_t b = strlen("【"), e = close;
			pp_trim(pa->s, &b, &e);
			art->short_title = arena_strndup(p->a, pa->s + b, e - b);
			b = close + strlen("】");
			e = pa->n;
			pp_trim(pa->s, &b, &e);
			pp_sb_para(&body, pa->s + b, e - b);
			first++;
		}
	} else {
		const struct para *pa = &p->paras[first];
		size_t dot = pp_find(pa->s, pa->n, 0, "。");
		if (title_sentence(p, first, dot, unit_lines)) {
			size_t b = 0, e = dot;
			pp_trim(pa->s, &b, &e);
			art->short_title = arena_strndup(p->a, pa->s + b, e - b);
			b = dot < pa->n ? dot + strlen("。") : pa->n;
			e = pa->n;
			pp_trim(pa->s, &b, &e);
			pp_sb_para(&body, pa->s + b, e - b);
			first++;
		}
	}
	for (size_t i = first; i < p->np; i++)
		pp_sb_para(&body, p->paras[i].s, p->paras[i].n);
	art->body = pp_sb_str(&body);
	p->np = 0;
	p->in_article = false;
	p->after_units = false;
}

static void open_part(struct parser *p, const struct line *l, int number)
{
	struct policy_doc *d = p->d;
	const char *s = l->s + l->rest;
	size_t n = l->n - l->rest, dot = pp_find(s, n, 0, "。"), b = 0, e = dot;
	int prev = d->n_parts ? d->parts[d->n_parts - 1].number : 0;

	finish_article(p);
	flush_group(p);
	flush_part(p);
	pp_outside_text(p, s, n, l->no);
	number += p->part_offset;
	if (number != prev + 1 && prev == 0)
		pp_warn(p, l->no, "部分编号没有从一开始：第一个是%s、",
		        policy_cn_number(p->a, number));
	else if (number != prev + 1)
		pp_warn(p, l->no, "部分编号不连续：%s、之后是%s、", policy_cn_number(p->a, prev),
		        policy_cn_number(p->a, number));
	d->parts = pp_grow(p->a, d->parts, d->n_parts, &p->cap_parts, sizeof(*d->parts));
	struct policy_part *pt = &d->parts[d->n_parts];
	pp_trim(s, &b, &e);
	pt->section = d->n_sections ? (int)d->n_sections - 1 : -1;
	pt->number = number;
	pt->heading = arena_strndup(p->a, s + b, e - b);
	pt->body = "";
	pt->line = l->no;
	if (dot < n) {
		b = dot + strlen("。");
		e = n;
		pp_trim(s, &b, &e);
		pp_sb_para(&p->part_body, s + b, e - b);
	}
	p->part = (int)d->n_parts++;
	p->group = -1;
	p->restart_ok = true;
}

/* number 0: the marker was lost; the group takes the next number in its part. */
static void open_group(struct parser *p, const struct line *l, int number, bool recovered)
{
	struct policy_doc *d = p->d;
	const char *s = l->s + l->rest;
	size_t n = l->n - l->rest, dot = pp_find(s, n, 0, "。"), b = 0, e = dot;
	int prev = 0;

	finish_article(p);
	flush_group(p);
	pp_outside_text(p, s, n, l->no);
	if (d->n_groups && d->groups[d->n_groups - 1].part == p->part)
		prev = d->groups[d->n_groups - 1].number;
	pp_trim(s, &b, &e);
	if (number == 0) {
		number = prev + 1;
		pp_warn(p, l->no, "分组标题“%s”缺少编号标记，按位置定为（%s）", l->s,
		        policy_cn_number(p->a, number));
	} else if (recovered) {
		pp_warn(p, l->no, "分组标题“%s”的括号不完整，按（%s）处理", l->s,
		        policy_cn_number(p->a, number));
	}
	if (number != prev + 1 && prev == 0)
		pp_warn(p, l->no, "分组编号没有从（一）开始：第一个是（%s）",
		        policy_cn_number(p->a, number));
	else if (number != prev + 1)
		pp_warn(p, l->no, "分组编号不连续：（%s）之后是（%s）",
		        policy_cn_number(p->a, prev), policy_cn_number(p->a, number));
	d->groups = pp_grow(p->a, d->groups, d->n_groups, &p->cap_groups, sizeof(*d->groups));
	struct policy_group *g = &d->groups[d->n_groups];
	g->part = p->part;
	g->number = number;
	g->heading = arena_strndup(p->a, s + b, e - b);
	g->body = "";
	g->recovered = recovered;
	g->line = l->no;
	if (dot < n) {
		b = dot + strlen("。");
		e = n;
		pp_trim(s, &b, &e);
		pp_sb_para(&p->group_body, s + b, e - b);
	}
	p->group = (int)d->n_groups++;
	p->restart_ok = true;
}

static void open_article(struct parser *p, const struct line *l)
{
	struct policy_doc *d = p->d;
	struct policy_article *art;
	int num = l->num + p->article_offset;

	finish_article(p);
	if (num != p->last_number + 1 && !(l->num == 1 && p->restart_ok)) {
		if (p->last_number == 0)
			pp_warn(p, l->no, "条目编号没有从 1 开始：第一条是 %d", num);
		else if (num == p->last_number)
			pp_warn(p, l->no, "条目编号重复：%d 之后又是 %d", p->last_number, num);
		else
			pp_warn(p, l->no, "条目编号不连续：%d 之后是 %d", p->last_number, num);
	}
	d->articles =
	    pp_grow(p->a, d->articles, d->n_articles, &p->cap_articles, sizeof(*d->articles));
	art = &d->articles[d->n_articles++];
	memset(art, 0, sizeof(*art));
	art->number = num;
	art->part = p->part;
	art->group = p->group;
	art->body = "";
	art->line = l->no;
	p->in_article = true;
	p->after_units = false;
	p->sub_kinds = 0;
	p->last_number = num;
	p->restart_ok = false;
	add_para(p, l->s + l->rest, l->n - l->rest, l->no, 0);
}

static enum act act_of(const struct parser *p, const struct line *l)
{
	switch (l->kind) {
	case K_BLANK:
		return A_BLANK;
	case K_UNIT:
		return A_UNIT;
	case K_ATTACH:
		return A_ATTACH;
	case K_TEXT:
	case K_DATE:
	case K_PAREN:
		return A_TEXT;
	default:
		break;
	}
	switch (p->mode) {
	case M_NUMBERED:
		return l->kind == K_PART      ? A_PART
		       : l->kind == K_GROUP   ? A_GROUP
		       : l->kind == K_LOST    ? A_LOST
		       : l->kind == K_ARTICLE ? A_ARTICLE
		                              : A_SUB;
	case M_STATUTE:
		if (l->kind == K_STATUTE)
			return A_ARTICLE;
		if (l->di)
			return l->kind == K_PART ? A_PART : A_GROUP;
		return A_SUB;
	case M_GROUPED:
		if (l->kind == K_PART)
			return A_PART;
		if (l->kind == K_GROUP)
			return l->di ? A_GROUP : A_ARTICLE;
		return l->kind == K_LOST ? A_LOST : A_SUB;
	case M_PARTS:
		if (l->kind == K_PART)
			return l->di ? A_PART : A_ARTICLE;
		return l->kind == K_LOST ? A_LOST : A_SUB;
	case M_NONE:
		break;
	}
	return A_TEXT;
}

/* In a numbered document a (X) is a group when numbered items follow it; one without them
 * that has text or units of its own is itself an article (国发〔2019〕3号: 二、基本原则 holds
 * (一)…(四) with no 1. below them, 四、主要任务 holds groups of 1.…21.). */
static bool group_is_article(const struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];
	const char *s = l->s + l->rest;
	size_t n = l->n - l->rest, b = pp_find(s, n, 0, "。"), e = n;
	bool own;

	b = b < n ? b + strlen("。") : n;
	pp_trim(s, &b, &e);
	own = e > b;
	for (size_t j = p->next_nb[i]; j < p->body_end; j = p->next_nb[j]) {
		enum kind k = p->ln[j].kind;
		if (k == K_ARTICLE && (!p->ln[j].num_title || p->ln[j].num == 1))
			return false;
		if (k == K_GROUP || k == K_PART || k == K_LOST || k == K_STATUTE || k == K_ATTACH)
			break;
		own = true;
	}
	return own;
}

/* "7.100个重点项目攻坚行动。" opens article 7 only where the numbering expects a 7; elsewhere
 * "2.5倍以上…" is text. */
static bool expected_number(const struct parser *p, int num)
{
	return num + p->article_offset == p->last_number + 1 || (num == 1 && p->restart_ok);
}

/* A title line that starts another document of the text: short unpunctuated text after parts
 * were read, then text only (its preamble) up to a part numbered 一 again. The line that ends a
 * run of text is found once for the whole run (a long run of short lines costs one pass). */
static bool section_start(struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];

	if (l->kind != K_TEXT || !l->plain_short || p->d->n_parts == 0)
		return false;
	if (i >= p->run_end) {
		size_t j = p->next_nb[i];
		while (j < p->body_end && p->ln[j].kind == K_TEXT)
			j = p->next_nb[j];
		p->run_end = j;
		p->run_restarts =
		    j < p->body_end && act_of(p, &p->ln[j]) == A_PART && p->ln[j].num == 1;
	}
	return p->run_restarts;
}

static struct policy_section *add_section(struct parser *p, int line)
{
	struct policy_doc *d = p->d;
	struct policy_section *sec;

	d->sections =
	    pp_grow(p->a, d->sections, d->n_sections, &p->cap_sections, sizeof(*d->sections));
	sec = &d->sections[d->n_sections++];
	sec->title = NULL;
	sec->body = "";
	sec->line = line;
	return sec;
}

/* The first document, once a second starts: its parts so far, and its title, the short lines
 * of the preamble just before its own preamble and first part (both stay the document's
 * preamble, where nothing is lost). */
static void first_section(struct parser *p)
{
	struct policy_doc *d = p->d;
	struct policy_section *sec = add_section(p, d->parts[0].line);
	size_t k = p->preamble_start, first, last;
	struct sbuf title;

	for (size_t i = 0; i < d->n_parts; i++)
		d->parts[i].section = 0;
	while (k < p->body_end && p->ln[k].no != d->parts[0].line)
		k++;
	while (k > p->preamble_start &&
	       (p->ln[k - 1].kind == K_BLANK ||
	        (p->ln[k - 1].kind == K_TEXT && !p->ln[k - 1].plain_short)))
		k--;
	for (last = k;
	     k > p->preamble_start && (p->ln[k - 1].kind == K_BLANK ||
	                               (p->ln[k - 1].kind == K_TEXT && p->ln[k - 1].plain_short));)
		k--;
	for (first = k; first < last && p->ln[first].kind == K_BLANK;)
		first++;
	if (first == last)
		return;
	pp_sb_init(&title, p->a);
	for (k = first; k < last; k++)
		pp_sb_add(&title, p->ln[k].s, p->ln[k].n);
	sec->title = pp_sb_str(&title);
	sec->line = p->ln[first].no;
}

/* Another document of the text from line i: its title lines, its preamble up to its first part;
 * its parts and articles numbered on from the last ones. Returns the last line it took. */
static size_t open_section(struct parser *p, size_t i)
{
	struct policy_doc *d = p->d;
	struct policy_section *sec;
	struct sbuf title, body;
	size_t last = i;

	finish_article(p);
	flush_group(p);
	flush_part(p);
	if (d->n_sections == 0)
		first_section(p);
	sec = add_section(p, p->ln[i].no);
	pp_sb_init(&title, p->a);
	pp_sb_init(&body, p->a);
	for (size_t j = i; j < p->body_end && p->ln[j].kind == K_TEXT; j = p->next_nb[j]) {
		const struct line *l = &p->ln[j];
		if (l->plain_short && body.len == 0) {
			pp_sb_add(&title, l->s, l->n);
		} else {
			pp_sb_para(&body, l->s, l->n);
			pp_outside_text(p, l->s, l->n, l->no);
		}
		last = j;
	}
	sec->title = pp_sb_str(&title);
	sec->body = pp_sb_str(&body);
	p->part_offset = d->parts[d->n_parts - 1].number;
	p->article_offset = p->last_number;
	p->part = -1;
	p->group = -1;
	pp_warn(
	    p, sec->line,
	    "“%s”是本文中的第%s个文件，编号从头开始：其部分和条目已接着前文编号，条目从第%d条起",
	    sec->title, policy_cn_number(p->a, (int)d->n_sections), p->last_number + 1);
	return last;
}

/* A bare short line before an article, where a group heading belongs, is a heading whose
 * marker was lost (深化财税制度改革). */
static bool lost_heading(const struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];
	size_t j = p->next_nb[i];
	bool part_has_groups = p->d->n_groups && p->d->groups[p->d->n_groups - 1].part == p->part;

	if (p->mode != M_NUMBERED || l->kind != K_TEXT || !l->plain_short)
		return false;
	if (j >= p->body_end || act_of(p, &p->ln[j]) != A_ARTICLE)
		return false;
	return (p->in_article && p->after_units) || (!p->in_article && p->group < 0) ||
	       part_has_groups;
}

/* A unit line, plus the lines it wraps onto while it ends with a separator. Returns the index
 * of its last line. */
static size_t unit_line(struct parser *p, size_t i)
{
	const struct line *l = &p->ln[i];
	const char *s = l->s;
	size_t n = l->n, last = i;
	uint32_t c;

	pp_cp_before(s, n, &c);
	if (pp_cp_in(c, "、，,；;")) {
		struct sbuf joined;
		pp_sb_init(&joined, p->a);
		pp_sb_add(&joined, s, n);
		while (pp_cp_in(c, "、，,；;")) {
			size_t j = p->next_nb[last];
			if (j >= p->body_end || p->ln[j].kind != K_TEXT)
				break;
			pp_sb_add(&joined, p->ln[j].s, p->ln[j].n);
			last = j;
			pp_cp_before(joined.p, joined.len, &c);
		}
		s = joined.p;
		n = joined.len;
	}
	if (!p->in_article) {
		pp_warn(p, l->no, "牵头/责任单位行不属于任何条目，已作为正文保留");
		pp_sb_para(sink(p), s, n);
		return last;
	}
	{
		size_t b = 0, e = n, k;
		unsigned src = SRC_LINES;
		k = pp_cp_at(s, n, 0, &c);
		/* "（牵头单位：…）" on a line of its own */
		if (pp_is_open(c) && pp_match_paren(s, n, 0) + pp_cp_before(s, n, &c) == n &&
		    pp_is_close(c)) {
			b = k;
			e = n - pp_cp_before(s, n, &c);
			src = SRC_LABELLED;
		}
		/* parsed by finish_article(), so all unit sources keep their text order */
		add_para(p, s + b, e - b, l->no, src);
	}
	p->after_units = true;
	return last;
}

void pp_parse_body(struct parser *p, size_t start)
{
	bool attach_warned = false;

	for (size_t i = start; i < p->body_end; i++) {
		const struct line *l = &p->ln[i];
		enum act act = act_of(p, l);

		if (act == A_TEXT && section_start(p, i)) {
			i = open_section(p, i);
			continue;
		}
		if (act == A_TEXT && lost_heading(p, i))
			act = A_LOST;
		if (act == A_ARTICLE && l->num_title && !expected_number(p, l->num))
			act = A_TEXT;
		if (act == A_GROUP && p->mode == M_NUMBERED && !l->di && group_is_article(p, i))
			act = A_ARTICLE;
		/* only numbered documents have a group level a broken marker could belong to, and
		 * a heading is short and unpunctuated ("）按附表执行。" just ends a bracket) */
		if (act == A_LOST && (p->mode != M_NUMBERED || !l->plain_short)) {
			pp_warn(p, l->no, "行首的编号标记不完整，已按正文处理");
			act = A_TEXT;
		}
		switch (act) {
		case A_BLANK:
			break;
		case A_PART:
			open_part(p, l, l->num);
			break;
		case A_GROUP:
			open_group(p, l, l->num, false);
			break;
		case A_LOST:
			open_group(p, l, l->num, true);
			break;
		case A_SUB:
		case A_TEXT:
			if (p->in_article) {
				int art = p->d->articles[p->d->n_articles - 1].number;
				if (p->after_units)
					pp_warn(p, l->no,
					        "条目 %d 的单位行之后还有文字，已并入该条正文",
					        art);
				/* a list of items starts at 1: "3." first, after 第二条, is
				 * likely 第三条 written in another style */
				if (act == A_SUB && l->num > 1 && !(p->sub_kinds & (1u << l->kind)))
					pp_warn(
					    p, l->no,
					    "条目 %d 中的编号“%d”不是从1编起，可能是另一条，已并入"
					    "条目 %d，请核对",
					    art, l->num, art);
				if (act == A_SUB)
					p->sub_kinds |= 1u << l->kind;
				add_para(p, l->s, l->n, l->no, 0);
			} else {
				if (act == A_SUB)
					pp_warn(p, l->no, "编号子项不属于任何条目，已并入上级正文");
				pp_sb_para(sink(p), l->s, l->n);
				pp_outside_text(p, l->s, l->n, l->no);
			}
			break;
		case A_ARTICLE:
			open_article(p, l);
			break;
		case A_UNIT:
			i = unit_line(p, i);
			break;
		case A_ATTACH:
			if (p->d->n_articles == 0) {
				pp_sb_para(sink(p), l->s, l->n);
				break;
			}
			/* attachments end the body: everything from here on is the closing */
			for (size_t j = i + 1; j < p->body_end && !attach_warned; j++) {
				enum act a2 = act_of(p, &p->ln[j]);
				if (a2 == A_ARTICLE || a2 == A_PART || a2 == A_GROUP) {
					pp_warn(p, p->ln[j].no, "附件之后的编号内容已作为附件保留");
					attach_warned = true;
				}
			}
			p->body_end = i;
			break;
		}
	}
	finish_article(p);
	flush_group(p);
	flush_part(p);
}
