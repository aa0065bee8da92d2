/* arrangement.c - validity of an arrangement and the split it puts in force. Must not decide
 * who may create one (api/) or store anything. */
#include "core/arrangement.h"

#include "core/enums.h"
#include "core/money.h"
#include "core/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const codes[ARRANGEMENT_KIND_COUNT] = {"park_in_park", "enclave", "trusteeship"};
static const char *const labels[ARRANGEMENT_KIND_COUNT] = {"区中园", "飞地", "托管"};

const char *arrangement_kind_code(enum arrangement_kind k)
{
	return k < ARRANGEMENT_KIND_COUNT ? codes[k] : "";
}

const char *arrangement_kind_label(enum arrangement_kind k)
{
	return k < ARRANGEMENT_KIND_COUNT ? labels[k] : "";
}

int arrangement_kind_find(const char *code_or_label)
{
	for (int k = 0; code_or_label && k < ARRANGEMENT_KIND_COUNT; k++)
		if (strcmp(codes[k], code_or_label) == 0 || strcmp(labels[k], code_or_label) == 0)
			return k;
	return -1;
}

static int problem(struct arrangement_problem *p, const char *field, const char *message)
{
	p->field = field;
	p->message = message;
	return -1;
}

static int year_of(const char *date)
{
	return atoi(date); /* a valid YYYY-MM-DD, checked before */
}

int arrangement_validate(const struct arrangement *ar, struct arrangement_problem *p)
{
	int first, last;

	if (ar->kind >= ARRANGEMENT_KIND_COUNT)
		return problem(p, "/kind", "合作方式应为区中园、飞地或托管");
	if (ar->host_zone_id <= 0)
		return problem(p, "/host_zone_id", "请选择所在开发区");
	if (ar->partner_zone_id == ar->host_zone_id)
		return problem(p, "/partner_zone_id", "合作方不能是所在开发区本身");
	if (ar->partner_zone_id <= 0 && (!ar->partner_name || !*ar->partner_name))
		return problem(p, "/partner_zone_id", "请选择合作开发区，或填写托管运营企业名称");
	if (plan_day(ar->start_date) < 0)
		return problem(p, "/start_date", "开始日期应为 YYYY-MM-DD 格式的有效日期");
	if (ar->end_date && plan_day(ar->end_date) < 0)
		return problem(p, "/end_date", "结束日期应为 YYYY-MM-DD 格式的有效日期");
	if (ar->end_date && strcmp(ar->end_date, ar->start_date) < 0)
		return problem(p, "/end_date", "结束日期不能早于开始日期");
	if (ar->n_ratios < 1)
		return problem(p, "/ratios", "请至少填写一个年度的分成比例");
	if (ar->n_ratios > ARRANGEMENT_MAX_RATIOS)
		return problem(p, "/ratios", "分成比例最多50个年度");
	first = year_of(ar->start_date);
	last = ar->end_date ? year_of(ar->end_date) : REVSHARE_YEAR_MAX;
	for (size_t i = 0; i < ar->n_ratios; i++) {
		const struct arrangement_ratio *r = &ar->ratios[i];
		snprintf(p->field_buf, sizeof(p->field_buf), "/ratios/%zu", i);
		if (r->partner_bp < 0 || r->partner_bp > MONEY_BP)
			return problem(p, p->field_buf, "合作方分成比例应在0%至100%之间");
		if (r->from_year < first || r->from_year > last)
			return problem(p, p->field_buf, "分成比例的起始年度应在合作期内");
		for (size_t j = 0; j < i; j++)
			if (ar->ratios[j].from_year == r->from_year)
				return problem(p, p->field_buf, "同一年度只能有一个分成比例");
	}
	if (arrangement_partner_bp(ar, first) < 0) {
		snprintf(p->message_buf, sizeof(p->message_buf),
		         "请填写%d年（合作开始之年）的分成比例", first);
		return problem(p, "/ratios", p->message_buf);
	}
	return 0;
}

bool arrangement_in_force(const struct arrangement *ar, int year)
{
	return year_of(ar->start_date) <= year && (!ar->end_date || year_of(ar->end_date) >= year);
}

bool arrangement_overlap(const struct arrangement *x, const struct arrangement *y)
{
	int x_last = x->end_date ? year_of(x->end_date) : REVSHARE_YEAR_MAX;
	int y_last = y->end_date ? year_of(y->end_date) : REVSHARE_YEAR_MAX;

	return year_of(x->start_date) <= y_last && year_of(y->start_date) <= x_last;
}

int64_t arrangement_partner_bp(const struct arrangement *ar, int year)
{
	int best = -1;

	for (size_t i = 0; i < ar->n_ratios; i++)
		if (ar->ratios[i].from_year <= year &&
		    (best < 0 || ar->ratios[i].from_year > ar->ratios[best].from_year))
			best = (int)i;
	return best < 0 ? -1 : ar->ratios[best].partner_bp;
}

int arrangement_parts(const struct arrangement *const *covering, size_t n, int64_t zone_id,
                      int year, struct revshare_part parts[REVSHARE_MAX_PARTS], size_t *n_parts,
                      const char **message)
{
	const struct arrangement *in_force = NULL;
	int64_t partner;

	for (size_t i = 0; i < n; i++) {
		if (!arrangement_in_force(covering[i], year))
			continue;
		if (in_force) {
			*message = "同一企业同一年度只能属于一个区中园、飞地或托管安排";
			return -1;
		}
		in_force = covering[i];
	}
	*n_parts = 0;
	partner =
	    in_force && in_force->partner_zone_id > 0 ? arrangement_partner_bp(in_force, year) : 0;
	if (in_force && in_force->host_zone_id != zone_id) {
		*message = "企业所属开发区不是合作安排的所在开发区";
		return -1;
	}
	if (partner < MONEY_BP)
		parts[(*n_parts)++] =
		    (struct revshare_part){zone_id, MONEY_BP - (partner > 0 ? partner : 0)};
	if (partner > 0)
		parts[(*n_parts)++] = (struct revshare_part){in_force->partner_zone_id, partner};
	return 0;
}
