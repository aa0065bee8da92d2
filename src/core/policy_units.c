/* policy_units.c - unit lists: a list as written (A、B，各县（区）党委、政府) split into units,
 * cleaned, group phrases kept whole, repeats reported; labelled lists (牵头单位：A；责任单位：
 * B；适用范围：C；完成时限：D) into the open article's lists, scope and deadline. Must not
 * decide which clause of an article assigns work (policy_clause.c does). */
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

void pp_ul_add(struct parser *p, struct ulist *l, const char *u, int line)
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
		pp_ul_add(p, out, u, line);
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
		pp_ul_add(p, out, part, line);
	}
	pp_warn(p, line, "单位“%s”缺少分隔符，已拆分为%s", u, pp_sb_str(&msg));
}

struct piece {
	size_t b, e; /* bytes of the piece in the list */
	bool dun;    /* separated from the previous piece by 、 */
};

/* Administrative levels that stand bare in a group phrase: after 、 behind a 各… phrase
 * (各市、县级市, 各有关县、市辖区) or in front of a name (市、县人民政府). */
static bool is_level(const char *u)
{
	static const char *const levels[] = {"县级市", "市辖区", "自治县", "街道", "乡镇", "县",
	                                     "区",     "市",     "旗",     "乡",   "镇"};

	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(u, levels[i]))
			return true;
	return false;
}

/* Sets *field to v, or appends v after "；" when it already holds text. */
static void add_text(struct parser *p, const char **field, const char *v, size_t n)
{
	*field =
	    *field ? arena_printf(p->a, "%s；%.*s", *field, (int)n, v) : arena_strndup(p->a, v, n);
}

struct units {
	const char **v;
	size_t n, cap;
	const char *prefix; /* a bare level waiting for the next name (市、县人民政府) */
};

/* One cleaned piece of a list: a time phrase goes to the deadline, a bare organ or level joins
 * the unit before it, anything else is a unit of its own. */
static void add_piece(struct parser *p, struct units *us, const char *u, bool dun, bool dun_next,
                      int line)
{
	size_t n = strlen(u);

	/* 农业农村部等负责: the bare 等 is not part of the name (等部门 and 等单位 are) */
	if (pp_has_suffix(u, n, "等") && n > strlen("等"))
		u = arena_strndup(p->a, u, n - strlen("等"));
	if (pp_time_phrase(u, strlen(u))) {
		add_text(p, &p->deadline, u, strlen(u));
		p->deadline_line = line;
		return;
	}
	if (us->prefix) {
		u = arena_printf(p->a, "%s、%s", us->prefix, u);
		us->prefix = NULL;
	} else if (dun && us->n > 0 &&
	           ((is_bare_organ(u) && ends_with_organ(us->v[us->n - 1])) ||
	            (is_level(u) &&
	             pp_has_prefix(us->v[us->n - 1], strlen(us->v[us->n - 1]), "各")))) {
		us->v[us->n - 1] = arena_printf(p->a, "%s、%s", us->v[us->n - 1], u);
		return;
	} else if (is_level(u) && dun_next) {
		us->prefix = u;
		return;
	}
	us->v = pp_grow(p->a, us->v, us->n, &us->cap, sizeof(*us->v));
	us->v[us->n++] = u;
}

void pp_split_units(struct parser *p, const char *s, size_t n, int line, struct ulist *out)
{
	bool balanced = parens_balanced(s, n), dun = false;
	struct piece *pc = NULL;
	size_t npc = 0, cap = 0, i = 0, start = 0;
	int depth = 0;
	uint32_t c, prev_solid = 0;
	struct units us = {NULL, 0, 0, NULL};

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
		bool dun_next = k + 1 < npc && pc[k + 1].dun;
		size_t at = pp_find(u, strlen(u), 0, "等和");
		if (!*u)
			continue;
		/* A、B等和各省级人民政府负责: 等和 joins two lists */
		if (at > 0 && at < strlen(u)) {
			add_piece(p, &us, arena_strndup(p->a, u, at), pc[k].dun, false, line);
			u += at + strlen("等和");
			if (!*u)
				continue;
			add_piece(p, &us, u, false, dun_next, line);
			continue;
		}
		add_piece(p, &us, u, pc[k].dun, dun_next, line);
	}
	if (us.prefix)
		add_piece(p, &us, us.prefix, false, false, line);
	for (size_t k = 0; k < us.n; k++)
		add_split(p, us.v[k], line, out);
	if (us.n == 0 && !p->deadline)
		pp_warn(p, line, "单位列表为空");
}

size_t pp_parse_labels(struct parser *p, const char *s, size_t n, int line)
{
	size_t kw[16] = {0}, val[16] = {0}, nk = 0, i = 0, added = 0;
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
		size_t b = val[k], e = k + 1 < nk ? kw[k + 1] : n, lb = kw[k], le = val[k];
		struct ulist *l = rl[k] == ROLE_LEAD    ? &p->lead
		                  : rl[k] == ROLE_GUIDE ? &p->guide
		                                        : &p->resp;
		size_t before = l->n;
		pp_trim_set(s, &b, &e, "，,；;。");
		if (e <= b) {
			pp_trim_set(s, &lb, &le, ":：");
			pp_warn(p, line, "%.*s为空", (int)(le - lb), s + lb);
			continue;
		}
		switch (rl[k]) {
		case ROLE_LEAD:
		case ROLE_RESP:
			pp_split_units(p, s + b, e - b, line, l);
			added += l->n - before;
			break;
		case ROLE_GUIDE: /* guides: no assignment, so no source of the article's units */
			pp_split_units(p, s + b, e - b, line, l);
			break;
		case ROLE_SCOPE:
			add_text(p, &p->scope, s + b, e - b);
			break;
		case ROLE_DEADLINE:
			add_text(p, &p->deadline, s + b, e - b);
			p->deadline_line = line;
			break;
		case ROLE_NONE:
			break;
		}
	}
	return added;
}

size_t pp_label_anywhere(const char *s, size_t n)
{
	size_t i = 0, start = 0;
	int depth = 0;
	uint32_t c, prev = 0;
	enum role r;

	while (i < n) {
		if (depth == 0 && pp_role_at(s, n, i, false, &r) &&
		    (r == ROLE_LEAD || r == ROLE_RESP))
			return i;
		/* a label we do not know: 实施单位：, 主管部门： (from the start of its word); not
		 * the addressees a notice is sent to (各直属单位：, 市直有关单位：) */
		if (depth == 0 && pp_is_han(prev) &&
		    (pp_has_prefix(s + i, n - i, "单位") || pp_has_prefix(s + i, n - i, "部门"))) {
			size_t j = i + strlen("单位");
			if (j < n && (pp_cp_at(s, n, j, &c), pp_is_colon(c)) &&
			    !pp_has_prefix(s + start, i - start, "各") &&
			    !memmem(s + start, i - start, "有关", strlen("有关")))
				return start;
		}
		i += pp_cp_at(s, n, i, &c);
		if (pp_is_open(c))
			depth++;
		else if (pp_is_close(c) && depth > 0)
			depth--;
		if (!pp_is_han(c))
			start = i;
		prev = c;
	}
	return n;
}
