/* pay_json.c - performance pay as JSON. Keys in byte order, so that the audit record's
 * canonical form is the same text. Must not read or compute anything but the words of the
 * derivation from the figures it is given. */
#include "app/pay_json.h"

#include "core/enums.h"
#include "util/arena.h"

#include <inttypes.h>
#include <stdio.h>

void pay_json_level(struct jsonw *w, const struct store_pay_level *l)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "id", l->id);
	jsonw_kid(w, "level_org_id", l->level_org_id);
	jsonw_kstr(w, "level_name", l->level_name);
	jsonw_kint(w, "r_fen", l->r_fen);
	jsonw_kint(w, "ref_salary_fen", l->ref_salary_fen);
	jsonw_kstr(w, "set_at", l->set_at);
	jsonw_kint(w, "year", l->year);
	jsonw_obj_close(w);
}

void pay_json_coef(struct jsonw *w, const struct store_pay_coef *c)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "coef_bp", c->coef_bp);
	jsonw_kstr(w, "grade", c->grade);
	jsonw_kstr(w, "grade_label", enum_label(&enum_pay_grade, c->grade));
	jsonw_kint(w, "id", c->id);
	jsonw_kstr(w, "set_at", c->set_at);
	jsonw_kint(w, "year", c->year);
	jsonw_obj_close(w);
}

void pay_json_grade(struct jsonw *w, const struct store_zone_grade *g)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "grade", g->grade);
	jsonw_kstr(w, "grade_label", enum_label(&enum_pay_grade, g->grade));
	jsonw_kint(w, "id", g->id);
	jsonw_kint(w, "org_id", g->org_id);
	jsonw_kstr(w, "org_name", g->org_name);
	jsonw_kstr(w, "set_at", g->set_at);
	jsonw_kint(w, "year", g->year);
	jsonw_obj_close(w);
}

/* ¥1,234.56 of fen, into buf */
static const char *yuan(char buf[40], int64_t fen)
{
	char digits[32], *out = buf;
	int64_t y = fen / 100;
	int n = snprintf(digits, sizeof(digits), "%" PRId64, y);

	*out++ = '\xef'; /* ¥ is U+FFE5 in Chinese text: ￥ */
	*out++ = '\xbf';
	*out++ = '\xa5';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			*out++ = ',';
		*out++ = digits[i];
	}
	snprintf(out, 8, ".%02" PRId64, fen % 100);
	return buf;
}

static void step(struct jsonw *w, const char *text)
{
	jsonw_str(w, text);
}

static void derivation(struct jsonw *w, const struct store_pay_pool *p)
{
	const struct pay_pool *x = &p->p;
	char a[40], b[40], c[40], line[256];

	jsonw_key(w, "derivation");
	jsonw_arr_open(w);
	if (!p->have_staffing)
		step(w, "未找到本年度及以前的编制核定，无法确定员额");
	if (!p->have_level)
		step(w, "未设定本年度同级政府全额拨款事业单位人均绩效薪酬（R）");
	if (!p->have_grade)
		step(w, "未设定开发区本年度考核等级");
	else if (!p->have_coef)
		step(w, "未设定该等级的绩效薪酬系数");
	if (p->rule == PAY_OK) {
		snprintf(line, sizeof(line),
		         "12月31日在册%" PRId64 "人，其中派出单位发放薪酬的挂职人员%" PRId64
		         "人不计，计入%" PRId64 "人",
		         x->on_roster, x->unpaid_secondees, x->counted);
		step(w, line);
		snprintf(line, sizeof(line),
		         "员额%" PRId64 "人（%d年核定），N = min(%" PRId64 ", %" PRId64
		         ") = %" PRId64,
		         x->quota, p->staffing_year, x->counted, x->quota, x->n);
		step(w, line);
		snprintf(line, sizeof(line), "R = %s（%s）", yuan(a, x->r_fen), p->level_name);
		step(w, line);
		snprintf(line, sizeof(line), "系数（%s）= %" PRId64 ".%04" PRId64,
		         enum_label(&enum_pay_grade, p->grade), x->coef_bp / 10000,
		         x->coef_bp % 10000);
		step(w, line);
		snprintf(line, sizeof(line),
		         "总额 = N × R × 系数 = %" PRId64 " × %s × %" PRId64 ".%04" PRId64 " = %s",
		         x->n, yuan(a, x->r_fen), x->coef_bp / 10000, x->coef_bp % 10000,
		         yuan(b, x->pool_fen));
		step(w, line);
		snprintf(line, sizeof(line), "上限 = 5 × N × R = %s，总额未超过上限",
		         yuan(c, x->cap_fen));
		step(w, line);
	}
	jsonw_arr_close(w);
}

void pay_json_pool(struct jsonw *w, const struct store_pay_pool *p)
{
	const struct pay_pool *x = &p->p;

	jsonw_obj_open(w);
	jsonw_kint(w, "base_fen", x->base_fen);
	jsonw_kint(w, "cap_fen", x->cap_fen);
	if (p->have_coef)
		jsonw_kint(w, "coef_bp", x->coef_bp);
	else
		jsonw_knull(w, "coef_bp");
	jsonw_kint(w, "counted", x->counted);
	derivation(w, p);
	jsonw_kstr(w, "grade", p->grade);
	jsonw_kstr(w, "grade_label", p->grade ? enum_label(&enum_pay_grade, p->grade) : NULL);
	jsonw_kid(w, "level_org_id", p->level_org_id);
	jsonw_kstr(w, "level_name", p->level_name);
	jsonw_kint(w, "n", x->n);
	jsonw_kint(w, "on_roster", x->on_roster);
	jsonw_kint(w, "org_id", p->org_id);
	jsonw_kstr(w, "org_name", p->org_name);
	if (p->rule == PAY_OK)
		jsonw_kint(w, "pool_fen", x->pool_fen);
	else
		jsonw_knull(w, "pool_fen");
	jsonw_kint(w, "quota", x->quota);
	jsonw_kint(w, "r_fen", x->r_fen);
	jsonw_kstr(w, "rule", pay_rule_code(p->rule));
	jsonw_kint(w, "unpaid_secondees", x->unpaid_secondees);
	jsonw_kint(w, "year", p->year);
	jsonw_obj_close(w);
}

static void acks_write(struct jsonw *w, const struct store_pay_plan *p)
{
	jsonw_key(w, "acks");
	jsonw_arr_open(w);
	for (int i = 0; i < p->nacks; i++) {
		const struct store_pay_ack *k = &p->acks[i];
		jsonw_obj_open(w);
		jsonw_kstr(w, "comment", k->comment);
		jsonw_kstr(w, "decided_at", k->decided_at);
		jsonw_kstr(w, "decided_by_name", k->decided_by_name);
		jsonw_kstr(w, "decision", k->decision);
		jsonw_kint(w, "org_id", k->org_id);
		jsonw_kstr(w, "org_name", k->org_name);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static void lines_write(struct jsonw *w, const struct store_pay_plan *p)
{
	jsonw_key(w, "lines");
	jsonw_arr_open(w);
	for (int i = 0; i < p->nlines; i++) {
		const struct store_pay_line *l = &p->lines[i];
		jsonw_obj_open(w);
		jsonw_kint(w, "base_fen", l->base_fen);
		jsonw_kstr(w, "identity", l->identity);
		jsonw_kint(w, "incentive_fen", l->incentive_fen);
		jsonw_kint(w, "perf_fen", l->perf_fen);
		jsonw_kint(w, "person_id", l->person_id);
		jsonw_kstr(w, "person_name", l->person_name);
		jsonw_kint(w, "total_fen", l->base_fen + l->perf_fen + l->incentive_fen);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

/* read: for a reader, with the zone's pool now (now NULL: none can be derived); else for the
 * audit record, which holds what was stored only. whole: with its lines and acknowledgements
 * (a list reads neither). */
static void plan_write(struct jsonw *w, const struct store_pay_plan *p,
                       const struct store_pay_pool *now, bool read, bool whole)
{
	const struct pay_pool *np = now && now->rule == PAY_OK ? &now->p : NULL;

	jsonw_obj_open(w);
	if (whole)
		acks_write(w, p);
	jsonw_kint(w, "base_total_fen", p->t.base_fen);
	jsonw_kstr(w, "effective_at", p->effective_at);
	jsonw_kstr(w, "filed_at", p->filed_at);
	jsonw_kint(w, "id", p->id);
	jsonw_kint(w, "incentive_total_fen", p->t.incentive_fen);
	if (whole)
		lines_write(w, p);
	jsonw_kstr(w, "note", p->note);
	jsonw_kint(w, "org_id", p->org_id);
	jsonw_kstr(w, "org_name", p->org_name);
	if (read) {
		/* the grade, R or the roster may have changed since the plan was checked (DECISIONS
		 * 203): the departments see whether it still fits */
		if (np)
			jsonw_kint(w, "current_pool_fen", np->pool_fen);
		else
			jsonw_knull(w, "current_pool_fen");
		jsonw_kbool(w, "over_current_pool", p->t.perf_fen > (np ? np->pool_fen : 0));
	}
	jsonw_kint(w, "pending", p->pending);
	jsonw_kint(w, "perf_total_fen", p->t.perf_fen);
	jsonw_kint(w, "pool_fen", p->pool_fen);
	jsonw_kstr(w, "status", p->status);
	jsonw_kint(w, "total_fen", p->t.total_fen);
	jsonw_kstr(w, "updated_at", p->updated_at);
	jsonw_kint(w, "year", p->year);
	jsonw_obj_close(w);
}

void pay_json_plan(struct jsonw *w, const struct store_pay_plan *p)
{
	plan_write(w, p, NULL, false, true);
}

void pay_json_plan_read(struct jsonw *w, const struct store_pay_plan *p,
                        const struct store_pay_pool *now, bool whole)
{
	plan_write(w, p, now, true, whole);
}

const struct store_pay_json pay_json_audit = {
    .level = pay_json_level,
    .coef = pay_json_coef,
    .grade = pay_json_grade,
    .plan = pay_json_plan,
};
