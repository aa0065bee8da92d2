/* industry_plan.c - the rules of a zone's industry plan (art. 2): the categories of 战略性新兴
 * 产业分类(2018), the plan's checks, an enterprise's leading industry and the shares the leading
 * industries hold. Must not read or write anything. */
#include "core/industry_plan.h"

#include "core/enums.h"
#include "core/money.h"

#include <stdio.h>
#include <string.h>

static int problem(struct industry_problem *p, int line, const char *msg)
{
	p->line = line;
	snprintf(p->message, sizeof(p->message), "%s", msg);
	return -1;
}

/* The number after the code's last dot (the whole code for an area), or -1 when it is not 1 to
 * 99 written plainly; *level the code's count of parts. */
static long last_number(const char *code, int *level)
{
	const char *dot = strrchr(code, '.'), *s = dot ? dot + 1 : code;
	long v = 0;

	*level = 1;
	for (const char *q = code; *q; q++)
		*level += *q == '.';
	if (*s == '\0' || *s == '0' || strlen(s) > 2)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int sei_parse(const char *text, struct arena *a, struct sei_catalog *out,
              struct industry_problem *p)
{
	char *copy = arena_strdup(a, text), *line = copy, *next;
	/* the last category read at each level, and its number under its parent: a category
	 * comes right after its parent's earlier categories, so only these need remembering */
	int last_at[SEI_LEVELS] = {-1, -1, -1}, lineno = 0;
	long last_num[SEI_LEVELS] = {0, 0, 0};
	size_t lines = 1;

	for (const char *q = text; *q; q++)
		lines += *q == '\n';
	memset(out, 0, sizeof(*out));
	out->items = arena_alloc(a, lines * sizeof(*out->items));
	for (; line && *line; line = next) {
		struct sei_category *x;
		char *tab, expect[SEI_CODE_MAX + 24] = "";
		int level;
		long num;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		tab = strchr(line, '\t');
		if (!tab || tab == line || !tab[1])
			return problem(p, lineno, "每行应为“代码<制表符>名称”");
		*tab = '\0';
		num = last_number(line, &level);
		if (num < 0 || level > SEI_LEVELS || strlen(line) >= SEI_CODE_MAX)
			return problem(p, lineno, "分类代码应为“1”“1.1”“1.1.1”这样的数字");
		if (level == 1 && (num != (long)out->per_level[0] + 1 || num > SEI_AREAS))
			return problem(p, lineno, "领域代码应为1至9，按顺序排列");
		if (level > 1) {
			int parent = last_at[level - 2];
			if (parent >= 0)
				snprintf(expect, sizeof(expect), "%s.%ld", out->items[parent].code,
				         num);
			if (parent < 0 || strcmp(expect, line) != 0 || num <= last_num[level - 1])
				return problem(
				    p, lineno,
				    "分类代码应为上一层代码加“.”和序号，紧随上一层、序号递增");
		}
		x = &out->items[out->n];
		snprintf(x->code, sizeof(x->code), "%s", line);
		x->name = tab + 1;
		x->level = level;
		x->parent = level > 1 ? last_at[level - 2] : -1;
		last_at[level - 1] = (int)out->n;
		last_num[level - 1] = num;
		for (int k = level; k < SEI_LEVELS; k++) {
			last_at[k] = -1;
			last_num[k] = 0;
		}
		out->per_level[level - 1]++;
		out->n++;
	}
	if (out->per_level[0] != SEI_AREAS)
		return problem(p, 0, "战略性新兴产业分类应有9个领域");
	return 0;
}

const struct sei_category *sei_find(const struct sei_catalog *c, const char *code)
{
	for (size_t i = 0; code && i < c->n; i++)
		if (!strcmp(c->items[i].code, code))
			return &c->items[i];
	return NULL;
}

const char *sei_path(const struct sei_catalog *c, const struct sei_category *x, char *buf, size_t n)
{
	const struct sei_category *up[SEI_LEVELS];
	int k = 0;
	size_t len = 0;

	for (; x && k < SEI_LEVELS; x = x->parent >= 0 ? &c->items[x->parent] : NULL)
		up[k++] = x;
	buf[0] = '\0';
	while (k-- > 0 && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? " / " : "", up[k]->name);
	return buf;
}

static int refuse(struct industry_plan_problem *why, const char *field, const char *msg)
{
	snprintf(why->message, sizeof(why->message), "%s", msg);
	snprintf(why->field, sizeof(why->field), "%s", field);
	return -1;
}

static bool has_text(const char *s)
{
	return s && *s;
}

/* whether one code is the other or begins it ("39" holds "3911") */
static bool overlaps(const char *x, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);

	return !strncmp(x, y, nx < ny ? nx : ny);
}

static int check_codes(const struct industry_plan_rules *p, int i,
                       const struct industry_catalog *cat, struct industry_plan_problem *why)
{
	const struct industry_lead *l = &p->leads[i];
	char field[64];

	if (l->n_codes < 1 || l->n_codes > INDUSTRY_PLAN_CODES_MAX) {
		snprintf(field, sizeof(field), "/industries/%d/codes", i);
		return refuse(why, field, "每个主导产业应列出1至60个国民经济行业代码");
	}
	for (int k = 0; k < l->n_codes; k++) {
		const struct industry_entry *e = industry_find(cat, l->codes[k]);
		snprintf(field, sizeof(field), "/industries/%d/codes/%d", i, k);
		if (!e || e->level == INDUSTRY_SECTION)
			return refuse(
			    why, field,
			    "行业代码不在国民经济行业分类（GB/T 4754-2017）中，应为2位大类、3位中"
			    "类或4位小类代码");
		/* each code of the plan once: an enterprise belongs to one leading industry */
		for (int j = 0; j <= i; j++)
			for (int m = 0; m < (j == i ? k : p->leads[j].n_codes); m++)
				if (overlaps(p->leads[j].codes[m], l->codes[k]))
					return refuse(
					    why, field,
					    "行业代码与本规划的另一代码相同或互相包含：每个行业只能"
					    "归入一个主导产业");
	}
	return 0;
}

int industry_plan_check(const struct industry_plan_rules *p, const struct industry_catalog *cat,
                        const struct sei_catalog *sei, struct industry_plan_problem *why)
{
	bool emerging = false;
	char field[64];

	if (p->start_year < INDUSTRY_PLAN_YEAR_MIN || p->start_year > INDUSTRY_PLAN_YEAR_MAX)
		return refuse(why, "/start_year", "规划起始年份应在2000至2100年之间");
	if (p->end_year < p->start_year || p->end_year > INDUSTRY_PLAN_YEAR_MAX)
		return refuse(why, "/end_year", "规划截止年份不应早于起始年份");
	if (p->n_leads < 1)
		return refuse(why, "/industries", "规划应至少有1个主导产业");
	if (p->n_leads > INDUSTRY_PLAN_INDUSTRIES_MAX)
		return refuse(why, "/industries", "主导产业不应超过10个");
	if (industry_plan_needs_exception(p) && !has_text(p->exception_reason))
		return refuse(
		    why, "/exception_reason",
		    "主导产业原则上不超过3个（第二条）：超过时应写明理由，并经市开发区办批准");
	for (int i = 0; i < p->n_leads; i++) {
		const struct industry_lead *l = &p->leads[i];
		if (!has_text(l->name)) {
			snprintf(field, sizeof(field), "/industries/%d/name", i);
			return refuse(why, field, "请填写主导产业名称");
		}
		for (int k = 0; k < i; k++)
			if (!strcmp(p->leads[k].name, l->name)) {
				snprintf(field, sizeof(field), "/industries/%d/name", i);
				return refuse(why, field, "主导产业名称不能重复");
			}
		if (has_text(l->sei_code) && !sei_find(sei, l->sei_code)) {
			snprintf(field, sizeof(field), "/industries/%d/sei_code", i);
			return refuse(
			    why, field,
			    "战略性新兴产业类别应为战略性新兴产业分类（2018）的领域或中类");
		}
		if (has_text(l->future) && !enum_valid(&enum_future_direction, l->future)) {
			snprintf(field, sizeof(field), "/industries/%d/future", i);
			return refuse(
			    why, field,
			    "未来产业方向应为未来制造、未来信息、未来材料、未来能源、未来空间或"
			    "未来健康");
		}
		emerging = emerging || has_text(l->sei_code) || has_text(l->future);
		if (check_codes(p, i, cat, why) != 0)
			return -1;
	}
	if (!emerging)
		return refuse(why, "/industries",
		              "主导产业中应至少有1个战略性新兴产业或未来产业（第二条）");
	return 0;
}

bool industry_plan_needs_exception(const struct industry_plan_rules *p)
{
	return p->n_leads > INDUSTRY_PLAN_LEADING_MAX;
}

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

bool industry_plan_same_exception(const struct industry_plan_rules *a,
                                  const struct industry_plan_rules *b)
{
	if (a->start_year != b->start_year || a->end_year != b->end_year ||
	    !same_text(a->exception_reason, b->exception_reason) || a->n_leads != b->n_leads)
		return false;
	for (int i = 0; i < a->n_leads; i++) {
		const struct industry_lead *x = &a->leads[i], *y = &b->leads[i];
		if (!same_text(x->name, y->name) || !same_text(x->sei_code, y->sei_code) ||
		    !same_text(x->future, y->future) || x->n_codes != y->n_codes)
			return false;
		for (int k = 0; k < x->n_codes; k++)
			if (!same_text(x->codes[k], y->codes[k]))
				return false;
	}
	return true;
}

int industry_plan_match(const struct industry_plan_rules *p, const char *class_code)
{
	for (int i = 0; class_code && i < p->n_leads; i++)
		for (int k = 0; k < p->leads[i].n_codes; k++) {
			const char *c = p->leads[i].codes[k];
			if (!strncmp(c, class_code, strlen(c)))
				return i;
		}
	return -1;
}

/* *bp = part ÷ whole in basis points, half-up; false (and *bp 0) where whole is 0 */
static bool share_bp(int64_t part, int64_t whole, int64_t *bp)
{
	*bp = 0;
	return whole > 0 && money_mul_div_half_up(part, MONEY_BP, whole, bp) == 0;
}

static void ratio(struct industry_share *s, const struct industry_share *total)
{
	s->has_output_bp = share_bp(s->output_fen, total->output_fen, &s->output_bp);
	s->has_tax_bp = share_bp(s->tax_fen, total->tax_fen, &s->tax_bp);
	s->has_land_bp = share_bp(s->land_m2x100, total->land_m2x100, &s->land_bp);
}

void industry_plan_shares(const struct industry_plan_rules *p, const struct industry_sum *rows,
                          size_t n_rows, struct industry_share *out, struct industry_share *total)
{
	memset(out, 0, (size_t)(p->n_leads + 1) * sizeof(*out));
	memset(total, 0, sizeof(*total));
	for (size_t r = 0; r < n_rows; r++) {
		int i = industry_plan_match(p, rows[r].class_code);
		total->enterprises += rows[r].enterprises;
		total->output_fen += rows[r].output_fen;
		total->tax_fen += rows[r].tax_fen;
		total->land_m2x100 += rows[r].land_m2x100;
		if (i < 0)
			continue;
		for (int k = 0; k < 2; k++) {
			struct industry_share *s = k ? &out[p->n_leads] : &out[i];
			s->enterprises += rows[r].enterprises;
			s->output_fen += rows[r].output_fen;
			s->tax_fen += rows[r].tax_fen;
			s->land_m2x100 += rows[r].land_m2x100;
		}
	}
	for (int i = 0; i <= p->n_leads; i++)
		ratio(&out[i], total);
	ratio(total, total);
}

void industry_plan_step_item(enum industry_plan_step step, int64_t plan_id, int64_t zone_id,
                             const char *zone, const char *plan, struct arena *a,
                             struct inbox_item *out)
{
	memset(out, 0, sizeof(*out));
	out->entity_type = "industry_plan";
	out->entity_id = plan_id;
	if (step == INDUSTRY_PLAN_STEP_PENDING) {
		out->kind = "industry_exception_pending";
		out->link = "/industry-plans?exception=pending";
		out->title =
		    arena_printf(a, "%s的产业规划《%s》主导产业超过3个，请审批例外", zone, plan);
		out->to[out->nto++] =
		    (struct inbox_to){.perm = PERM_INDUSTRY_APPROVE, .scope_of = zone_id};
		return;
	}
	out->kind = "industry_exception_approved";
	out->link = "/industry-plans?exception=approved";
	out->title = arena_printf(a, "产业规划《%s》的主导产业例外已批准", plan);
	out->to[out->nto++] = (struct inbox_to){.org_id = zone_id, .perm = PERM_INDUSTRY_WRITE};
}
