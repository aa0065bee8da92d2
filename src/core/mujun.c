/* mujun.c - 亩均效益 evaluation: indicator values from yearly figures, contributions against
 * the reference with the cap, the group's average for missing data, ranks and classes by
 * percentile (ties to the better class) or threshold. Must not read or write anything but its
 * arguments. */
#include "core/mujun.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *label, *unit;
} indicators[MUJUN_NINDICATORS] = {
    [MUJUN_TAX_PER_MU] = {"tax_per_mu", "亩均税收", "元/亩"},
    [MUJUN_VA_PER_MU] = {"va_per_mu", "亩均工业增加值", "元/亩"},
    [MUJUN_VA_PER_ENERGY] = {"va_per_energy", "单位能耗增加值", "元/吨标准煤"},
    [MUJUN_VA_PER_EMISSION] = {"va_per_emission", "单位排放增加值", "元/吨"},
    [MUJUN_VA_PER_STAFF] = {"va_per_staff", "全员劳动生产率", "元/人"},
    [MUJUN_RD_SHARE] = {"rd_share", "R&D经费支出占比", "%"},
    [MUJUN_TAX_PER_POWER] = {"tax_per_power", "单位电耗税收", "元/万千瓦时"},
};

const char *mujun_indicator_code(enum mujun_indicator i)
{
	return indicators[i].code;
}
const char *mujun_indicator_label(enum mujun_indicator i)
{
	return indicators[i].label;
}
const char *mujun_indicator_unit(enum mujun_indicator i)
{
	return indicators[i].unit;
}

bool mujun_indicator_parse(const char *code, enum mujun_indicator *out)
{
	for (int i = 0; i < MUJUN_NINDICATORS; i++)
		if (code && !strcmp(code, indicators[i].code)) {
			*out = (enum mujun_indicator)i;
			return true;
		}
	return false;
}

const char *mujun_group_code(enum mujun_group g)
{
	return g == MUJUN_ABOVE ? "above" : "below";
}

const char *mujun_class_code(int klass)
{
	static const char *const codes[MUJUN_NCLASSES] = {"A", "B", "C", "D"};
	return klass >= 0 && klass < MUJUN_NCLASSES ? codes[klass] : NULL;
}

void mujun_scheme_default(struct mujun_scheme *s)
{
	static const int above[MUJUN_NINDICATORS] = {30, 20, 20, 10, 10, 10, 0};
	static const int below[MUJUN_NINDICATORS] = {
	    [MUJUN_TAX_PER_MU] = 50, [MUJUN_TAX_PER_POWER] = 50};

	memset(s, 0, sizeof(*s));
	for (int i = 0; i < MUJUN_NINDICATORS; i++) {
		s->w[MUJUN_ABOVE][i] = (struct mujun_weight){above[i], 0, above[i] ? 15000 : 0};
		s->w[MUJUN_BELOW][i] = (struct mujun_weight){below[i], 0, below[i] ? 15000 : 0};
	}
	s->method = MUJUN_PERCENTILE;
	s->pct_bp[0] = 2500;
	s->pct_bp[1] = 4500;
	s->pct_bp[2] = 2500;
	s->pct_bp[3] = 500;
	s->threshold_x100[0] = 8000;
	s->threshold_x100[1] = 6000;
	s->threshold_x100[2] = 4000;
	s->below_min_mu_x100 = 300;
	s->new_years = 2;
}

int mujun_scheme_check(const struct mujun_scheme *s, char why[160])
{
	static const char *const names[MUJUN_NGROUPS] = {"规上", "规下"};
	int sum;

	for (int g = 0; g < MUJUN_NGROUPS; g++) {
		sum = 0;
		for (int i = 0; i < MUJUN_NINDICATORS; i++) {
			const struct mujun_weight *w = &s->w[g][i];
			if (w->weight < 0 || w->reference < 0 || w->cap_bp < 0 ||
			    (w->weight > 0 && w->cap_bp < 10000)) {
				strcpy(why, "指标权重、基准值不能为负，封顶不得低于权重的100%");
				return -1;
			}
			sum += w->weight;
		}
		if (sum != 100) {
			strcpy(why, names[g]);
			strcat(why, "企业各指标权重之和应为100");
			return -1;
		}
	}
	sum = 0;
	for (int k = 0; k < MUJUN_NCLASSES; k++) {
		if (s->pct_bp[k] < 0) {
			strcpy(why, "分类比例不能为负");
			return -1;
		}
		sum += s->pct_bp[k];
	}
	if (s->method == MUJUN_PERCENTILE && sum != 10000) {
		strcpy(why, "按比例分类时A、B、C、D四类比例之和应为100%");
		return -1;
	}
	if (s->method == MUJUN_THRESHOLD &&
	    !(s->threshold_x100[0] > s->threshold_x100[1] &&
	      s->threshold_x100[1] > s->threshold_x100[2] && s->threshold_x100[2] >= 0)) {
		strcpy(why, "按分数线分类时A、B、C类分数线应依次降低且不为负");
		return -1;
	}
	if (s->below_min_mu_x100 < 0 || s->new_years < 0) {
		strcpy(why, "规下企业用地下限和新投产年限不能为负");
		return -1;
	}
	return 0;
}

/* num ÷ den half-up, both non-negative, den > 0. In 64 bits when both fit, as they nearly
 * always do: the same quotient without a 128-bit division, which is a call per division. */
static int64_t ratio(__int128 num, __int128 den)
{
	if (num >= 0 && num <= INT64_MAX / 4 && den <= INT64_MAX / 4)
		return ((int64_t)num * 2 + (int64_t)den) / ((int64_t)den * 2);
	return (int64_t)((num * 2 + den) / (den * 2));
}

/* per mu: an area of a hundredths of m² is a × 3 / 200000 mu. */
static int64_t per_mu(int64_t amount, int64_t area_m2x100)
{
	if (amount == MUJUN_NONE || area_m2x100 <= 0)
		return MUJUN_NONE;
	return ratio((__int128)amount * 200000, (__int128)area_m2x100 * 3);
}

/* amount × scale ÷ by, unknown when either is or by is 0. */
static int64_t per(int64_t amount, int64_t scale, int64_t by)
{
	if (amount == MUJUN_NONE || by == MUJUN_NONE || by <= 0)
		return MUJUN_NONE;
	return ratio((__int128)amount * scale, by);
}

const char *mujun_figures_check(int64_t value_added_fen, int64_t revenue_fen, int64_t rd_fen,
                                const char **field)
{
	*field = "rd";
	if (rd_fen != MUJUN_NONE && revenue_fen != MUJUN_NONE && rd_fen > revenue_fen)
		return "R&D经费支出不能大于主营业务收入";
	*field = "value_added";
	if (value_added_fen != MUJUN_NONE && revenue_fen != MUJUN_NONE &&
	    value_added_fen > revenue_fen)
		return "工业增加值不能大于主营业务收入";
	return NULL;
}

int64_t mujun_value(enum mujun_indicator i, const struct mujun_figures *f)
{
	switch (i) {
	case MUJUN_TAX_PER_MU:
		return per_mu(f->tax_fen, f->area_m2x100);
	case MUJUN_VA_PER_MU:
		return per_mu(f->value_added_fen, f->area_m2x100);
	case MUJUN_VA_PER_ENERGY:
		return per(f->value_added_fen, 1000, f->energy_kgce);
	case MUJUN_VA_PER_EMISSION:
		return per(f->value_added_fen, 1000, f->emission_kg);
	case MUJUN_VA_PER_STAFF:
		return per(f->value_added_fen, 1, f->staff);
	case MUJUN_RD_SHARE:
		return per(f->rd_fen, 10000, f->revenue_fen);
	case MUJUN_TAX_PER_POWER:
		return per(f->tax_fen, 10000, f->electricity_kwh);
	case MUJUN_NINDICATORS:
		break;
	}
	return MUJUN_NONE;
}

/* A group's members m[0..nm) (by index) scored on every indicator the group weighs: the
 * reference (the configured one, else the average value of those with data), the
 * contributions of those with data (capped), the average of those for the others, and the
 * sums. Three passes over the members for all indicators at once rather than three per
 * indicator: a city's zone is larger than the caches, and each pass reads every member's
 * result again. */
static void score_group(const struct mujun_weight *w, struct mujun_order *m, int nm,
                        struct mujun_result *out)
{
	/* the reference as the fraction ref / per: the group's average is sum / known exactly, not
	 * rounded to the indicator's unit (an R&D share's average of 283.33 bp is not 283) */
	__int128 sum[MUJUN_NINDICATORS] = {0}, ref[MUJUN_NINDICATORS];
	int64_t per[MUJUN_NINDICATORS], avg[MUJUN_NINDICATORS], cap[MUJUN_NINDICATORS];
	int known[MUJUN_NINDICATORS] = {0}, used[MUJUN_NINDICATORS] = {0}, nused = 0;

	for (int i = 0; i < MUJUN_NINDICATORS; i++)
		if (w[i].weight)
			used[nused++] = i;
	for (int k = 0; k < nm; k++) {
		const struct mujun_result *r = &out[m[k].index];
		for (int u = 0; u < nused; u++)
			if (r->value[used[u]] != MUJUN_NONE) {
				sum[used[u]] += r->value[used[u]];
				known[used[u]]++;
			}
	}
	for (int u = 0; u < nused; u++) {
		int i = used[u];
		ref[i] = w[i].reference ? w[i].reference : sum[i];
		per[i] = w[i].reference || !known[i] ? 1 : known[i];
		cap[i] = (int64_t)w[i].weight * w[i].cap_bp / 100;
		sum[i] = 0;
		known[i] = 0;
	}
	for (int k = 0; k < nm; k++) {
		struct mujun_result *r = &out[m[k].index];
		for (int u = 0; u < nused; u++) {
			int i = used[u];
			if (r->value[i] == MUJUN_NONE)
				continue;
			r->contribution[i] =
			    ref[i] > 0
			        ? ratio((__int128)r->value[i] * w[i].weight * 100 * per[i], ref[i])
			        : 0;
			if (r->contribution[i] > cap[i])
				r->contribution[i] = cap[i];
			sum[i] += r->contribution[i];
			known[i]++;
		}
	}
	for (int u = 0; u < nused; u++)
		avg[used[u]] = known[used[u]] ? ratio(sum[used[u]], known[used[u]]) : 0;
	for (int k = 0; k < nm; k++) {
		struct mujun_result *r = &out[m[k].index];
		for (int u = 0; u < nused; u++) {
			int i = used[u];
			if (r->value[i] == MUJUN_NONE) {
				r->contribution[i] = avg[i];
				r->averaged[i] = true;
			}
			r->score_x100 += r->contribution[i];
		}
		m[k].score_x100 = r->score_x100;
	}
}

/* Sorts m[0..nm) best first: by score descending, and among equal scores in the order they
 * are in (by index, as mujun_evaluate gathers them). A stable radix sort on each score's
 * distance below the best, a byte a pass, as many passes as the largest distance needs (two
 * for scores within 655.35 points): a city's zone sorts in a few passes over the array rather
 * than with a comparison call per step. tmp: nm elements of scratch. */
static void sort_by_score(struct mujun_order *m, struct mujun_order *tmp, int nm)
{
	struct mujun_order *from = m, *to = tmp, *swap;
	int64_t best = INT64_MIN;
	uint64_t span = 0;

	for (int k = 0; k < nm; k++)
		if (m[k].score_x100 > best)
			best = m[k].score_x100;
	for (int k = 0; k < nm; k++)
		if ((uint64_t)best - (uint64_t)m[k].score_x100 > span)
			span = (uint64_t)best - (uint64_t)m[k].score_x100;
	for (int shift = 0; shift < 64 && span >> shift; shift += 8) {
		int start[257] = {0};
		for (int k = 0; k < nm; k++)
			start[(((uint64_t)best - (uint64_t)from[k].score_x100) >> shift & 255) +
			      1]++;
		for (int d = 0; d < 256; d++)
			start[d + 1] += start[d];
		for (int k = 0; k < nm; k++)
			to[start[((uint64_t)best - (uint64_t)from[k].score_x100) >> shift &
			         255]++] = from[k];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != m)
		memcpy(m, from, sizeof(*m) * (size_t)nm);
}

/* Ranks and classes of a group's members, sorted best first. */
static void classify(const struct mujun_scheme *s, const struct mujun_order *m, int nm,
                     struct mujun_result *out)
{
	int64_t bound[MUJUN_NCLASSES], cum = 0;

	for (int k = 0; k < MUJUN_NCLASSES; k++) {
		cum += s->pct_bp[k];
		bound[k] = ((int64_t)nm * cum * 2 + 10000) / 20000;
	}
	bound[MUJUN_NCLASSES - 1] = nm;
	for (int p = 0; p < nm; p++) {
		struct mujun_result *r = &out[m[p].index];
		if (p > 0 && m[p].score_x100 == m[p - 1].score_x100) {
			/* a tie shares the rank and the class of the better position */
			r->rank = out[m[p - 1].index].rank;
			r->klass = out[m[p - 1].index].klass;
			continue;
		}
		r->rank = p + 1;
		r->klass = MUJUN_NCLASSES - 1;
		for (int k = 0; k < MUJUN_NCLASSES; k++)
			if (s->method == MUJUN_PERCENTILE
			        ? p < bound[k]
			        : (k == MUJUN_NCLASSES - 1 ||
			           m[p].score_x100 >= s->threshold_x100[k])) {
				r->klass = k;
				break;
			}
	}
}

void mujun_evaluate(const struct mujun_scheme *s, const struct mujun_figures *f, int n,
                    struct mujun_result *out, struct mujun_order *order)
{
	for (int k = 0; k < n; k++) {
		memset(&out[k], 0, sizeof(out[k]));
		out[k].klass = -1;
		for (int i = 0; i < MUJUN_NINDICATORS; i++)
			out[k].value[i] =
			    s->w[f[k].group][i].weight ? mujun_value(i, &f[k]) : MUJUN_NONE;
	}
	for (int g = 0; g < MUJUN_NGROUPS; g++) {
		int nm = 0;
		for (int k = 0; k < n; k++)
			if (f[k].group == (enum mujun_group)g && !f[k].exempt)
				order[nm++] = (struct mujun_order){0, k};
		score_group(s->w[g], order, nm, out);
		sort_by_score(order, order + n, nm);
		classify(s, order, nm, out);
	}
}

bool mujun_has_data(const struct mujun_figures *f)
{
	const int64_t known[] = {f->tax_fen,     f->value_added_fen, f->revenue_fen,     f->rd_fen,
	                         f->energy_kgce, f->emission_kg,     f->electricity_kwh, f->staff};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] != MUJUN_NONE)
			return true;
	return false;
}

bool mujun_below_eligible(const struct mujun_scheme *s, int64_t area_m2x100)
{
	/* mu × 100 = m²x100 × 3 / 2000, compared without rounding */
	return (__int128)area_m2x100 * 3 >= (__int128)s->below_min_mu_x100 * 2000;
}

bool mujun_industrial(const char *code)
{
	int major;

	if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
		return false;
	major = (code[0] - '0') * 10 + (code[1] - '0');
	return major >= 6 && major <= 46;
}

bool mujun_new_in_production(const struct mujun_scheme *s, int year, const char *production_on)
{
	int py = 0;

	if (!production_on || strlen(production_on) < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		if (production_on[i] < '0' || production_on[i] > '9')
			return false;
		py = py * 10 + (production_on[i] - '0');
	}
	/* production on any day of year py is a full N years before the end of year iff py+N ≤ year
	 */
	return py + s->new_years > year;
}

bool mujun_audit_touches(const char *entity_type, const char *entity_id, int year)
{
	static const char *const inputs[] = {"enterprise", "land_parcel", "enterprise_figure",
	                                     "mujun_exemption", "import"};
	char y[12];

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		if (!strcmp(entity_type, inputs[i]))
			return true;
	if (strcmp(entity_type, "mujun_scheme") != 0)
		return false;
	/* the scheme's record is identified by its year; anything else is taken as touching */
	snprintf(y, sizeof(y), "%d", year);
	return !entity_id || !strcmp(entity_id, y);
}
