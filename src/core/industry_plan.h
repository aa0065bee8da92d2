/* industry_plan.h - a zone's industry plan (art. 2 of the seed, lead 市发改委): its leading
 * industries (主导产业), each tagged with a category of 战略性新兴产业分类(2018) and/or a 未来产业
 * direction and holding the GB/T 4754 codes that belong to it; the plan's rules (at most 3
 * leading industries unless an exception is recorded, at least one strategic emerging or future
 * industry, a code in one industry only); which leading industry an enterprise's code falls in,
 * and the share of output, tax and land the leading industries hold. Pure: no I/O. */
#ifndef KFQ_CORE_INDUSTRY_PLAN_H
#define KFQ_CORE_INDUSTRY_PLAN_H

#include "core/inbox.h"
#include "core/industry.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INDUSTRY_PLAN_LEADING_MAX    3  /* 原则上不超过3个 (art. 2) */
#define INDUSTRY_PLAN_INDUSTRIES_MAX 10 /* what an exception may hold at most */
#define INDUSTRY_PLAN_CODES_MAX      60 /* GB/T 4754 codes of one leading industry */
#define INDUSTRY_PLAN_YEAR_MIN       2000
#define INDUSTRY_PLAN_YEAR_MAX       2100
#define SEI_CODE_MAX                 8 /* "9.2.10" and its NUL */
#define SEI_AREAS                    9 /* 9大领域 */
#define SEI_LEVELS                   3 /* 领域, 中类, 小类 */

/* One category of 战略性新兴产业分类(2018) (data/catalog/sei-2018.tsv): an area ("1"), a 中类
 * ("1.1") or a 小类 ("1.1.1"). */
struct sei_category {
	char code[SEI_CODE_MAX];
	const char *name;
	int level;  /* 1 area, 2 中类, 3 小类 */
	int parent; /* index of the category it is in, -1 for an area */
};

struct sei_catalog {
	struct sei_category *items; /* in the file's order: each category after its parent */
	size_t n;
	size_t per_level[SEI_LEVELS]; /* how many areas, 中类 and 小类 */
};

/* The classification kfq ships: data/catalog/sei-2018.tsv, embedded at build time. */
extern const char sei_builtin_text[];

/* Reads "code TAB name" lines ('#' and blank lines ignored): the areas 1-9 in order, each
 * followed by its categories, a category's code being its parent's code, a dot and a number
 * greater than its previous sibling's; names present. 0, or -1 with *p. Names point into a copy
 * of text in a. */
int sei_parse(const char *text, struct arena *a, struct sei_catalog *out,
              struct industry_problem *p);
const struct sei_category *sei_find(const struct sei_catalog *c, const char *code);

/* The category's names from its area down, joined by " / " ("新一代信息技术产业 / 人工智能"),
 * into buf; SEI_PATH_MAX holds any path of the shipped file (three names of at most 20
 * characters). Returns buf. */
#define SEI_PATH_MAX 256
const char *sei_path(const struct sei_catalog *c, const struct sei_category *x, char *buf,
                     size_t n);

/* A leading industry as a plan holds it. */
struct industry_lead {
	const char *name;
	const char *sei_code; /* a category of the classification (any level), or NULL */
	const char *future;   /* a 未来产业 direction (enum_future_direction), or NULL */
	const char **codes;   /* GB/T 4754 大类, 中类 or 小类 codes */
	int n_codes;
};

struct industry_plan_rules {
	int start_year, end_year;
	const char *exception_reason; /* why more than 3 leading industries; NULL or "" = none */
	const struct industry_lead *leads;
	int n_leads;
};

/* Why a plan was refused: the rule, in Chinese, and the JSON Pointer of the field. */
struct industry_plan_problem {
	char message[200];
	char field[64];
};

/* Checks a plan against the classification of industries (cat) and the categories (sei): years in
 * range and in order; 1 to INDUSTRY_PLAN_INDUSTRIES_MAX leading industries, more than
 * INDUSTRY_PLAN_LEADING_MAX only with an exception reason; at least one with a category or a
 * future direction; each named, with known tags and 1..INDUSTRY_PLAN_CODES_MAX codes of the
 * classification below its 门类 (a 大类, 中类 or 小类), no code the same as or within another
 * code of the plan. 0, or -1 with *why. */
int industry_plan_check(const struct industry_plan_rules *p, const struct industry_catalog *cat,
                        const struct sei_catalog *sei, struct industry_plan_problem *why);

/* Whether the plan needs the office's approval of an exception (more than 3 leading
 * industries). */
bool industry_plan_needs_exception(const struct industry_plan_rules *p);

/* Whether an approved exception still holds for plan b, approved as plan a: the same years,
 * reason and leading industries (each its name, category, direction and codes, in order; NULL
 * and "" alike). The plan's name is not what was approved. */
bool industry_plan_same_exception(const struct industry_plan_rules *a,
                                  const struct industry_plan_rules *b);

/* The leading industry (index) whose codes hold an enterprise's 小类 code (a code of the plan
 * is the 小类 or one of its prefixes), or -1. */
int industry_plan_match(const struct industry_plan_rules *p, const char *class_code);

/* Output and tax of the enterprises of one 小类 (a row of the zone's year), and the land they
 * hold: the area of the parcels recorded as theirs (m² × 100, DECISIONS 145). */
struct industry_sum {
	const char *class_code;
	int64_t enterprises, output_fen, tax_fen, land_m2x100;
};

/* What the leading industries hold of a zone's year. */
struct industry_share {
	int64_t enterprises, output_fen, tax_fen, land_m2x100; /* of the industry */
	bool has_output_bp, has_tax_bp, has_land_bp; /* false where the zone's total is 0 */
	int64_t output_bp, tax_bp, land_bp;          /* ÷ the zone's total, basis points half-up */
};

/* Adds every row to the leading industry its code falls in: out[0..n_leads-1] per industry,
 * out[n_leads] all leading industries together, total the zone's totals. Each share is that
 * industry's sum ÷ the zone's total in basis points, rounded half-up once: of output, of tax,
 * and of land (the leading industries' enterprises' parcels ÷ all the zone's enterprises'
 * parcels). */
void industry_plan_shares(const struct industry_plan_rules *p, const struct industry_sum *rows,
                          size_t n_rows, struct industry_share *out, struct industry_share *total);

/* The steps of a plan's exception that hand work to someone, and the inbox item of each: a plan
 * saved with its exception pending goes to the accounts that approve exceptions
 * (industry_approve: the office) whose data scope covers the zone; an approval back to the
 * zone's accounts that keep its plans (industry_write). Strings in a. */
enum industry_plan_step { INDUSTRY_PLAN_STEP_PENDING, INDUSTRY_PLAN_STEP_APPROVED };
void industry_plan_step_item(enum industry_plan_step step, int64_t plan_id, int64_t zone_id,
                             const char *zone, const char *plan, struct arena *a,
                             struct inbox_item *out);

#endif
