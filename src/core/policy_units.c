/* policy_units.c - an article's units: role lists (牵头单位：A、B；责任单位：C), trailing
 * parenthesised clauses and prose ("由X牵头，Y按职责分工负责"), split into units, cleaned and
 * de-duplicated with warnings. Must not decide where an article starts or ends. */
#include "core/policy_parse_int.h"

#include <string.h>

/* FNV-1a over the bytes of a unit name, for the repeat set. */
static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037ull & SIZE_MAX;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (1099511628211ull & SIZE_MAX);
	return h;
}

/* Finds u's slot in the set: the slot holding u, or the empty one where it belongs. */
static const char **ul_slot(const struct ulist *l, const char *u)
{
	size_t i = str_hash(u) & (l->nset - 1);

	while (l->set[i] && strcmp(l->set[i], u))
		i = (i + 1) & (l->nset - 1);
	return &l->set[i];
}

/* Adds u to the list unless it is already there (a repeat is reported). */
static void ul_add(struct parser *p, struct ulist *l, const char *u, int line)
{
	const char **slot;

	if (2 * (l->n + 1) > l->nset) {
		/* keep the set at most half full: rebuild it twice as large */
		l->nset = l->nset ? 2 * l->nset : 16;
		l->set = arena_zalloc(p->a, l->nset * sizeof(*l->set));
		for (size_t i = 0; i < l->n; i++)
			*ul_slot(l, l->v[i]) = l->v[i];
	}
	slot = ul_slot(l, u);
	if (*slot) {
		pp_warn(p, line, "单位“%s”重复出现，只保留一次", u);
		return;
	}
	*slot = u;
	l->v = pp_grow(p->a, l->v, l->n, &l->cap, sizeof(*l->v));
	l->v[l->n++] = u;
}

/* Organs that appear bare after 、 in a group phrase: 各县(区)党委、政府, 开发区党工委、管委会. */
static const char *const organs[] = {"人大常委会", "管理委员会", "人民政府", "纪委监委", "党工委",
                                     "管委会",     "纪工委",     "政府",     "党委",     "人大",
                                     "政协",       "纪委",       "监委"};

static bool is_bare_organ(const char *u)
{
	for (size_t i = 0; i < sizeof(organs) / sizeof(organs[0]); i++)
		if (!strcmp(u, organs[i]))
			return true;
	return false;
}

static bool ends_with_organ(const char *u)
{
	for (size_t i = 0; i < sizeof(organs) / sizeof(organs[0]); i++)
		if (pp_has_suffix(u, strlen(u), organs[i]))
			return true;
	return false;
}

/* Last characters of an organization's name; "…局各县" or "…局市…" means a lost separator. */
#define UNIT_END "局委办部厅院会府室心司团行门位构队所站处科)"

static bool parens_balanced(const char *s, size_t n)
{
	int depth = 0;
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		i += pp_cp_at(s, n, i, &c);
		if (pp_is_open(c))
			depth++;
		else if (pp_is_close(c) && --depth < 0)
			return false;
	}
	return depth == 0;
}

/* One unit as stored: ASCII parentheses, no spaces next to Chinese, no stray punctuation at
 * the ends, 县() given back its 区. Returns "" for a piece that was only punctuation. */
static const char *clean_unit(struct parser *p, const char *s, size_t n, int line)
{
	struct sbuf b;
	uint32_t c, prev = 0;
	bool space = false;
	size_t i = 0, ub, ue;

	pp_sb_init(&b, p->a);
	while (i < n) {
		i += pp_cp_at(s, n, i, &c);
		if (pp_is_ws(c)) {
			space = true;
			continue;
		}
		if (c == 0xff08)
			c = '(';
		else if (c == 0xff09)
			c = ')';
		/* spaces only survive between two Latin letters or digits ("ABC Co") */
		if (space && prev && prev < 0x80 && c < 0x80 && prev != '(' && c != ')')
			pp_sb_add(&b, " ", 1);
		space = false;
		if (c == ')' && prev == '(') {
			if (pp_has_suffix(b.p, b.len, "县(")) {
				pp_sb_adds(&b, "区)");
				prev = ')';
				continue;
			}
			b.len--;
			b.p[b.len] = 0;
			pp_warn(p, line, "单位“%.*s”中有空括号，已删去", (int)n, s);
			prev = 0;
			if (b.len)
				pp_cp_before(b.p, b.len, &prev);
			continue;
		}
		pp_sb_addcp(&b, c);
		prev = c;
	}
	ub = 0;
	ue = b.len;
	pp_trim_set(b.p ? b.p : "", &ub, &ue, "。.：:、，,；;");
	return ue > ub ? arena_strndup(p->a, b.p + ub, ue - ub) : "";
}

/* Splits u where a separator was plainly lost (市人社局各县(区)党委、政府) and adds the parts. */
static void add_split(struct parser *p, const char *u, int line, struct ulist *out)
{
	size_t n = strlen(u), i = 0, cuts[16], ncut = 0;
	int depth = 0;
	uint32_t c, prev = 0;

	while (i < n) {
		size_t k = pp_cp_at(u, n, i, &c);
		if (depth == 0 && i > 0 && ncut < sizeof(cuts) / sizeof(cuts[0])) {
			const char *t = u + i + k;
			size_t tn = n - i - k;
			bool cut = false;
			if (c == 0x5404 /* 各 */ && pp_cp_in(prev, UNIT_END))
				cut = pp_has_prefix(t, tn, "县") || pp_has_prefix(t, tn, "区") ||
				      pp_has_prefix(t, tn, "开发区") ||
				      pp_has_prefix(t, tn, "省级") ||
				      pp_has_prefix(t, tn, "国家级") ||
				      pp_has_prefix(t, tn, "市级") ||
				      pp_has_prefix(t, tn, "乡镇") ||
				      pp_has_prefix(t, tn, "园区") || pp_has_prefix(t, tn, "街道");
			else if (c == 0x5e02 /* 市 */ && pp_cp_in(prev, "局厅办部"))
				cut = !pp_has_prefix(t, tn, "场");
			if (cut)
				cuts[ncut++] = i;
		}
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		prev = c;
		i += k;
	}
	if (ncut == 0) {
		ul_add(p, out, u, line);
		return;
	}
	struct sbuf msg;
	pp_sb_init(&msg, p->a);
	for (size_t k = 0; k <= ncut; k++) {
		size_t b = k ? cuts[k - 1] : 0, e = k < ncut ? cuts[k] : n;
		const char *part = arena_strndup(p->a, u + b, e - b);
		if (k)
			pp_sb_adds(&msg, k == ncut ? "和" : "、");
		pp_sb_adds(&msg, "“");
		pp_sb_adds(&msg, part);
		pp_sb_adds(&msg, "”");
		ul_add(p, out, part, line);
	}
	pp_warn(p, line, "单位“%s”缺少分隔符，已拆分为%s", u, pp_sb_str(&msg));
}

struct piece {
	size_t b, e; /* bytes of the piece in the list */
	bool dun;    /* separated from the previous piece by 、 */
};

/* Splits a unit list on 、 , ， ; ； (and on spaces between Chinese names) outside
 * parentheses, keeps group phrases whole and adds each unit to out. */
static void split_units(struct parser *p, const char *s, size_t n, int line, struct ulist *out)
{
	bool balanced = parens_balanced(s, n), dun = false;
	struct piece *pc = NULL;
	size_t npc = 0, cap = 0, i = 0, start = 0;
	int depth = 0;
	uint32_t c, prev_solid = 0;
	const char **units = NULL;
	size_t nu = 0, capu = 0;

	if (!balanced)
		pp_warn(p, line, "单位列表“%.*s”括号不成对，已按原文拆分", (int)n, s);
	while (i <= n) {
		size_t k = i < n ? pp_cp_at(s, n, i, &c) : 0;
		bool sep = i == n;
		if (i < n) {
			if (pp_is_open(c) && balanced)
				depth++;
			else if (pp_is_close(c) && balanced && depth > 0)
				depth--;
			else if (depth == 0 && (c == 0x3001 || c == ',' || c == 0xff0c ||
			                        c == ';' || c == 0xff1b))
				sep = true;
			else if (depth == 0 && pp_is_ws(c) && pp_is_han(prev_solid)) {
				/* "市发改委 市财政局": a space between two Chinese names separates
				 * them */
				size_t j = pp_skip_ws(s, n, i);
				uint32_t nc = 0;
				if (j < n)
					pp_cp_at(s, n, j, &nc);
				sep = pp_is_han(nc);
				/* the whole run at once, so a long run costs its length, not its
				 * square */
				k = j - i;
			}
			if (!pp_is_ws(c))
				prev_solid = c;
		}
		if (sep) {
			pc = pp_grow(p->a, pc, npc, &cap, sizeof(*pc));
			pc[npc].b = start;
			pc[npc].e = i;
			pc[npc].dun = dun;
			npc++;
			dun = i < n && c == 0x3001;
			start = i + k;
		}
		if (i == n)
			break;
		i += k;
	}
	for (size_t k = 0; k < npc; k++) {
		const char *u = clean_unit(p, s + pc[k].b, pc[k].e - pc[k].b, line);
		if (!*u)
			continue;
		if (pc[k].dun && nu > 0 && is_bare_organ(u) && ends_with_organ(units[nu - 1])) {
			units[nu - 1] = arena_printf(p->a, "%s、%s", units[nu - 1], u);
			continue;
		}
		units = pp_grow(p->a, units, nu, &capu, sizeof(*units));
		units[nu++] = u;
	}
	for (size_t k = 0; k < nu; k++)
		add_split(p, units[k], line, out);
	if (nu == 0)
		pp_warn(p, line, "单位列表为空");
}

/* "牵头单位：A、B；责任单位：C" -> the two lists. Text before the first keyword is not a unit
 * list; callers only pass text that starts with one. */
void pp_parse_roles(struct parser *p, const char *s, size_t n, int line)
{
	size_t kw[16] = {0}, val[16] = {0}, nk = 0, i = 0;
	enum role rl[16] = {ROLE_NONE};
	int depth = 0;
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		enum role r;
		size_t v;
		if (pp_is_open(c))
			depth++;
		else if (pp_is_close(c) && depth > 0)
			depth--;
		else if (depth == 0 && nk < 16 && (v = pp_role_at(s, n, i, i == 0, &r)) != 0) {
			kw[nk] = i;
			val[nk] = v;
			rl[nk] = r;
			nk++;
			i = v;
			continue;
		}
		i += k;
	}
	for (size_t k = 0; k < nk; k++) {
		size_t b = val[k], e = k + 1 < nk ? kw[k + 1] : n;
		pp_trim_set(s, &b, &e, "，,；;。");
		if (e <= b) {
			pp_warn(p, line, "%s为空", rl[k] == ROLE_LEAD ? "牵头单位" : "责任单位");
			continue;
		}
		split_units(p, s + b, e - b, line, rl[k] == ROLE_LEAD ? &p->lead : &p->resp);
	}
}

/* "由市发改委牵头，各县(区)政府按职责分工负责": X牵头 -> lead, Y按职责分工负责 -> responsible.
 * Returns true if a clause was found. The text stays where it is. One forward pass: the
 * start of the current clause is tracked, not searched for, so the cost stays linear. */
bool pp_prose_units(struct parser *p, const char *s, size_t n, int line, bool take)
{
	static const char *const resp_marks[] = {"按职责分工负责",
	                                         "按照职责分工负责",
	                                         "按职责分工落实",
	                                         "按照职责分工落实",
	                                         "按职责负责",
	                                         "分工负责",
	                                         "配合"};
	size_t i = 0, cs = 0; /* cs: where the clause holding i starts */
	bool found = false;
	uint32_t c = 0;

	while (i < n) {
		size_t after = i + strlen("牵头"), xb = cs, xe = i, yb, se, m = n;
		bool ends;
		if (!pp_has_prefix(s + i, n - i, "牵头")) {
			i += pp_cp_at(s, n, i, &c);
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
		split_units(p, s + xb, xe - xb, line, &p->lead);
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
		if (m < se) {
			size_t yb2 = yb, ye = m;
			pp_trim(s, &yb2, &ye);
			if (pp_has_prefix(s + yb2, ye - yb2, "由"))
				yb2 += strlen("由");
			if (ye > yb2 && pp_cp_count(s + yb2, ye - yb2) <= MAX_PROSE_UNITS)
				split_units(p, s + yb2, ye - yb2, line, &p->resp);
		}
		/* continue after the sentence; its end (。；) starts the next clause */
		i = se;
		cs = se;
	}
	return found;
}

/* A role keyword with its colon anywhere in s: a unit list the parser could not take. */
bool pp_role_anywhere(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t c;
	enum role r;

	while (i < n) {
		if (pp_role_at(s, n, i, false, &r))
			return true;
		i += pp_cp_at(s, n, i, &c);
	}
	return false;
}

/* Is s[b..e) (the inside of a parenthesis) a unit clause? Takes the units when take is set. */
static bool unit_clause(struct parser *p, const char *s, size_t b, size_t e, int line, bool take)
{
	enum role r;

	b = pp_skip_ws(s, e, b);
	if (pp_role_at(s, e, b, false, &r)) {
		if (take)
			pp_parse_roles(p, s + b, e - b, line);
		return true;
	}
	return pp_prose_units(p, s + b, e - b, line, take);
}

/* Unit clauses in parentheses at the end of a paragraph:
 * "…机制。（牵头单位：A；责任单位：B）", "…机制（牵头单位：A）（配合单位：B）。" or
 * "…（市发改委牵头，各县区按职责分工负责）". Takes their units in text order and cuts them from
 * the paragraph; returns true if there were any. */
bool pp_strip_inline_units(struct parser *p, struct para *pa)
{
	const char *s = pa->s, *tail = "";
	size_t b = 0, e = pa->n, k, cb[8], ce[8], nc = 0;
	uint32_t c;

	pp_trim(s, &b, &e);
	if (e <= b)
		return false;
	/* "…。牵头部门：A 责任主体：B": a clause that lost its line break or its brackets */
	for (size_t i = b, depth = 0; i < e;) {
		enum role r;
		if (depth == 0 && (i == b || (pp_cp_before(s, i, &c), pp_cp_in(c, "。；;"))) &&
		    pp_role_at(s, e, pp_skip_ws(s, e, i), false, &r)) {
			size_t kb = b, ke = i;
			pp_parse_roles(p, s + pp_skip_ws(s, e, i), e - pp_skip_ws(s, e, i),
			               pa->line);
			pp_trim(s, &kb, &ke);
			pa->s = arena_strndup(p->a, s + kb, ke - kb);
			pa->n = ke - kb;
			return true;
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
		return false;
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
	return true;
}
