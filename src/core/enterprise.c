/* enterprise.c - validation of registry entries. Must not look anything up but the
 * classification it is given (whether the zone exists, or the code is taken, is the store's). */
#include "core/enterprise.h"

#include "core/enums.h"
#include "core/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next problem's message buffer (the spare once the list is full: that one is not kept). */
static char *buf_of(struct enterprise_problem *p, size_t *size)
{
	*size = sizeof(p->spare);
	return p->n < ENTERPRISE_PROBLEMS_MAX ? p->v[p->n].buf : p->spare;
}

static int problem(struct enterprise_problem *p, const char *field, const char *message)
{
	if (p->n < ENTERPRISE_PROBLEMS_MAX) {
		p->v[p->n].field = field;
		p->v[p->n].message = message;
		p->n++;
	}
	p->field = p->v[0].field;
	p->message = p->v[0].message;
	return -1;
}

static bool given(const char *s)
{
	return s && *s;
}

const char *enterprise_scope_kind(const char *role, const char *data_scope)
{
	return role && strcmp(role, "department") == 0 ? "all" : data_scope;
}

const char *enterprise_scale_label(const char *scale)
{
	return enum_valid(&enum_enterprise_scale, scale) ? enum_label(&enum_enterprise_scale, scale)
	                                                 : "";
}

/* the code of a scale given as its code or label (and 规模以上/以下, as some files write it) */
static const char *scale_code(const char *s)
{
	for (size_t i = 0; s && i < enum_enterprise_scale.n; i++) {
		const struct enum_entry *e = &enum_enterprise_scale.entries[i];
		if (!strcmp(s, e->code) || !strcmp(s, e->label))
			return e->code;
	}
	if (s && !strcmp(s, "规模以上"))
		return "above";
	if (s && !strcmp(s, "规模以下"))
		return "below";
	return NULL;
}

/* an optional date: absent, or a valid YYYY-MM-DD */
static int check_date(const char *d, const char *field, const char *label,
                      struct enterprise_problem *p)
{
	size_t size;
	char *b;

	if (given(d) && plan_day(d) < 0) {
		b = buf_of(p, &size);
		snprintf(b, size, "%s应为 YYYY-MM-DD 格式的有效日期", label);
		return problem(p, field, b);
	}
	return 0;
}

static void check_industry(const char *code, const struct industry_catalog *c,
                           struct enterprise_problem *p)
{
	const struct industry_entry *e = given(code) ? industry_find(c, code) : NULL;
	size_t size;
	char *b = buf_of(p, &size);

	if (!given(code))
		problem(p, "industry_code", "请选择行业（国民经济行业分类的四位小类）");
	else if (!e) {
		snprintf(b, size, "行业代码“%.16s”不在国民经济行业分类（GB/T 4754-2017）中", code);
		problem(p, "industry_code", b);
	} else if (e->level != INDUSTRY_CLASS) {
		snprintf(b, size, "行业代码%s是“%.60s”，请选择到四位小类", e->code, e->name);
		problem(p, "industry_code", b);
	}
}

/* The order of the dates, once each is a date: dates are YYYY-MM-DD and order as strings. */
static void check_order(const struct enterprise_input *in, struct enterprise_problem *p)
{
	if (in->today && strcmp(in->registered_on, in->today) > 0)
		problem(p, "registered_on", "成立日期不能晚于今天");
	if (!in->attracted) {
		if (given(in->contract_on) || given(in->settled_on) || given(in->production_on))
			problem(p, "attracted", "非招商引资企业不填写签约、落地注册和投产日期");
		return;
	}
	if (given(in->settled_on) && strcmp(in->settled_on, in->registered_on) < 0)
		problem(p, "settled_on", "落地注册日期不能早于成立日期");
	if (given(in->production_on) && given(in->contract_on) &&
	    strcmp(in->production_on, in->contract_on) < 0)
		problem(p, "production_on", "投产日期不能早于签约日期");
	else if (given(in->production_on) && given(in->settled_on) &&
	         strcmp(in->production_on, in->settled_on) < 0)
		problem(p, "production_on", "投产日期不能早于落地注册日期");
}

int enterprise_validate(const struct enterprise_input *in, const struct industry_catalog *c,
                        struct enterprise_checked *out, struct enterprise_problem *p)
{
	struct uscc_problem up;
	bool dates = true;
	size_t size;
	char *b;

	memset(out, 0, sizeof(*out));
	memset(p, 0, sizeof(*p));
	if (!given(in->uscc))
		problem(p, "uscc", "请填写统一社会信用代码");
	else if (uscc_parse(in->uscc, strlen(in->uscc), out->uscc, &up) != 0) {
		b = buf_of(p, &size);
		snprintf(b, size, "%s", up.message);
		problem(p, "uscc", b);
	}
	if (!given(in->name))
		problem(p, "name", "请填写企业名称");
	else if (strlen(in->name) > ENTERPRISE_NAME_MAX)
		problem(p, "name", "企业名称过长");
	if (in->address && strlen(in->address) > ENTERPRISE_ADDRESS_MAX)
		problem(p, "address", "地址过长");
	check_industry(in->industry_code, c, p);
	if (!(out->scale = scale_code(in->scale)))
		problem(p, "scale", "规模应为规上或规下");
	if (!given(in->registered_on)) {
		problem(p, "registered_on", "请填写成立日期");
		dates = false;
	}
	dates = check_date(in->registered_on, "registered_on", "成立日期", p) == 0 && dates;
	dates = check_date(in->contract_on, "contract_on", "签约日期", p) == 0 && dates;
	dates = check_date(in->settled_on, "settled_on", "落地注册日期", p) == 0 && dates;
	dates = check_date(in->production_on, "production_on", "投产日期", p) == 0 && dates;
	if (dates)
		check_order(in, p);
	return p->n ? -1 : 0;
}

int enterprise_arrival_year(const char *registered_on, const char *settled_on)
{
	const char *d = given(settled_on) ? settled_on : registered_on;

	return given(d) && plan_day(d) >= 0 ? atoi(d) : 0;
}
