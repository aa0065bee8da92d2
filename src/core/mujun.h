/* mujun.h - 亩均效益 evaluation (亩产论英雄, art. 2): a year's scheme (the indicators of 规上 and
 * 规下 industrial enterprises with their weights, reference values and caps; the classes by
 * percentiles or thresholds; who is not evaluated), each indicator's value from an enterprise's
 * yearly figures, its contribution (value ÷ reference × weight, capped; a missing figure scores
 * the group's average contribution), the score and the class A/B/C/D with ties at a boundary
 * going to the better class. The default is a Zhejiang county scheme (浙江省亩均论英雄) with
 * kfq's default percentiles 25/45/25/5 (a default, not a standard). Scores are hundredths of a
 * point (100 points = 10000), money fen, areas hundredths of m². Pure: no I/O. */
#ifndef KFQ_CORE_MUJUN_H
#define KFQ_CORE_MUJUN_H

#include <stdbool.h>
#include <stdint.h>

#define MUJUN_NONE (-1) /* a figure or value not known */

/* 规上 and 规下 industrial enterprises, evaluated and ranked apart. */
enum mujun_group { MUJUN_ABOVE, MUJUN_BELOW, MUJUN_NGROUPS };

enum mujun_indicator {
	MUJUN_TAX_PER_MU,      /* 亩均税收: fen per mu */
	MUJUN_VA_PER_MU,       /* 亩均工业增加值: fen per mu */
	MUJUN_VA_PER_ENERGY,   /* 单位能耗增加值: fen per tonne of standard coal */
	MUJUN_VA_PER_EMISSION, /* 单位排放增加值: fen per tonne of pollutant equivalent */
	MUJUN_VA_PER_STAFF,    /* 全员劳动生产率: fen per person */
	MUJUN_RD_SHARE,        /* R&D 经费支出占主营业务收入比重: basis points */
	MUJUN_TAX_PER_POWER,   /* 单位电耗税收: fen per 10,000 kWh */
	MUJUN_NINDICATORS
};

enum mujun_method { MUJUN_PERCENTILE, MUJUN_THRESHOLD };

#define MUJUN_NCLASSES 4 /* A B C D */

/* One indicator of one group. weight 0: not used for the group. */
struct mujun_weight {
	int weight;        /* points, the group's weights sum to 100 */
	int64_t reference; /* in the indicator's unit; 0 = the group's average value that year */
	int cap_bp; /* the contribution's cap as basis points of the weight (15000 = 1.5×) */
};

struct mujun_scheme {
	struct mujun_weight w[MUJUN_NGROUPS][MUJUN_NINDICATORS];
	enum mujun_method method;
	int pct_bp[MUJUN_NCLASSES]; /* percentile shares of A B C D, summing to 10000 */
	int64_t threshold_x100[MUJUN_NCLASSES - 1]; /* lowest score of A, B, C (descending) */
	int64_t below_min_mu_x100; /* a 规下 enterprise is evaluated on this much land or more */
	int new_years; /* in production for fewer full years than this: not evaluated (新投产) */
};

/* An enterprise's figures for the year; MUJUN_NONE for what is not known. */
struct mujun_figures {
	enum mujun_group group;
	int64_t area_m2x100; /* the land it uses; 0 none */
	int64_t tax_fen;     /* the registry's tax records for the year, summed */
	int64_t value_added_fen, revenue_fen, rd_fen;
	int64_t energy_kgce;     /* energy used, kg of standard coal */
	int64_t emission_kg;     /* main pollutants, kg equivalent */
	int64_t electricity_kwh; /* electricity used */
	int64_t staff;           /* average staff */
	bool exempt;             /* not evaluated (the caller says why) */
};

/* The evaluation of one enterprise. */
struct mujun_result {
	int64_t value[MUJUN_NINDICATORS];        /* MUJUN_NONE when not computable */
	int64_t contribution[MUJUN_NINDICATORS]; /* hundredths of a point */
	bool averaged[MUJUN_NINDICATORS];        /* scored the group's average (no data) */
	int64_t score_x100;
	int klass; /* 0..3 = A..D; -1 when exempt */
	int rank;  /* 1-based within its group; 0 when exempt */
};

/* The default scheme (a Zhejiang county's 亩均论英雄): 规上 亩均税收 30, 亩均工业增加值 20,
 * 单位能耗增加值 20, 单位排放增加值 10, 全员劳动生产率 10, R&D 占比 10; 规下 on 3 mu or more
 * 亩均税收 50, 单位电耗税收 50; references the group's average, caps 150 % of the weight;
 * percentiles 25/45/25/5; enterprises in production fewer than 2 full years not evaluated. */
void mujun_scheme_default(struct mujun_scheme *s);

/* 0 when s is usable; else -1 with a Chinese message naming the rule in why[160]. */
int mujun_scheme_check(const struct mujun_scheme *s, char why[160]);

/* The value of indicator i for figures f (MUJUN_NONE when a figure it needs is unknown or a
 * divisor is zero). Half-up at the unit. */
int64_t mujun_value(enum mujun_indicator i, const struct mujun_figures *f);

/* Whether an enterprise's year of figures can be (fen; MUJUN_NONE for a figure not known):
 * neither R&D spending (R&D经费支出) nor the value added (工业增加值) above the revenue
 * (主营业务收入), when both are known, since either would distort every score of the population.
 * NULL when they can, else the rule in Chinese with *field the figure that breaks it ("rd" or
 * "value_added"). */
const char *mujun_figures_check(int64_t value_added_fen, int64_t revenue_fen, int64_t rd_fen,
                                const char **field);

/* Scratch space of mujun_evaluate: two per enterprise, provided by the caller. */
struct mujun_order {
	int64_t score_x100;
	int index;
};

/* Evaluates n enterprises of one population (a zone's year): values, contributions, scores,
 * ranks and classes, each group apart. out[k] belongs to f[k]; order is 2 × n elements of
 * scratch. Allocates nothing. */
void mujun_evaluate(const struct mujun_scheme *s, const struct mujun_figures *f, int n,
                    struct mujun_result *out, struct mujun_order *order);

/* Whether anything of the year is known of f: a tax record or any yearly figure. An enterprise
 * of which nothing is (its land alone says nothing of the year) has nothing to be classed by:
 * it would score the averages of none, tie at 0 with its like and take the better class. One
 * with some figures is classed, a missing one scoring the group's average. */
bool mujun_has_data(const struct mujun_figures *f);

/* Whether a 规下 enterprise's land is enough to be evaluated. */
bool mujun_below_eligible(const struct mujun_scheme *s, int64_t area_m2x100);

/* Whether an industry code (GB/T 4754 小类) is industrial: 门类 B, C, D (大类 06–46). */
bool mujun_industrial(const char *industry_code);

/* Whether production began fewer than s->new_years full years before the end of year (dates
 * "YYYY-MM-DD"; NULL = not known: evaluated). */
bool mujun_new_in_production(const struct mujun_scheme *s, int year, const char *production_on);

/* Whether an audited change (the audit record's entity type and id) can change the evaluation
 * of year: a change to an enterprise (its scale, zone, industry code, production date, tax
 * records), a parcel, figures, an exemption, any import, or the scheme of that very year. A
 * scheme of another year, and everything else kfq audits, cannot (DECISIONS 188). Every write to
 * what store_mujun_city reads must be audited under one of these types. */
bool mujun_audit_touches(const char *entity_type, const char *entity_id, int year);

/* Codes and Chinese labels: indicators (tax_per_mu, va_per_mu, va_per_energy, va_per_emission,
 * va_per_staff, rd_share, tax_per_power), groups (above, below), classes ("A".."D"). */
const char *mujun_indicator_code(enum mujun_indicator i);
const char *mujun_indicator_label(enum mujun_indicator i);
const char *mujun_indicator_unit(enum mujun_indicator i);
bool mujun_indicator_parse(const char *code, enum mujun_indicator *out);
const char *mujun_group_code(enum mujun_group g);
const char *mujun_class_code(int klass);

#endif
