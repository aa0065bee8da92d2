/* budget.h - a zone's budget rules (art. 5 of the seed, lead 市财政局): the fiscal mode
 * (独立核算, approved by the county's people's congress, or 单独列示 within the county's budget),
 * the codes of the 政府收支分类科目 (类 3 digits, 款 5, 项 7, each the prefix of the next),
 * execution of the final accounts against the budget per subject, and a project's performance
 * grade (绩效管理). Pure: no I/O, no allocation but an inbox item's strings in the caller's
 * arena. */
#ifndef KFQ_CORE_BUDGET_H
#define KFQ_CORE_BUDGET_H

#include "core/inbox.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUDGET_YEAR_MIN    2000
#define BUDGET_YEAR_MAX    2100
#define BUDGET_CODE_LEN    8 /* the longest code (7 digits) and its NUL */
#define BUDGET_SCORE_MAX   100
#define BUDGET_PROBLEM_LEN 160

enum budget_mode {
	BUDGET_MODE_INDEPENDENT, /* 独立核算: its own budget, approved by the county's congress */
	BUDGET_MODE_LISTED,      /* 单独列示 within the county's budget */
	BUDGET_MODE_COUNT
};

/* "independent" / "listed"; -1 for anything else */
int budget_mode_find(const char *code);
const char *budget_mode_code(enum budget_mode m);

/* Which accounts a line belongs to: the year's budget (预算) or its final accounts (决算). */
enum budget_kind { BUDGET_KIND_BUDGET, BUDGET_KIND_FINAL, BUDGET_KIND_COUNT };
int budget_kind_find(const char *code);
const char *budget_kind_code(enum budget_kind k);

/* The level of a subject code: 1 类 (3 digits), 2 款 (5), 3 项 (7); 0 when it is not 3, 5 or
 * 7 ASCII digits. */
int budget_subject_level(const char *code);
/* The code of the subject a code belongs to (its first 3 or 5 digits) into parent; false for a
 * 类 or an invalid code. */
bool budget_subject_parent(const char *code, char parent[BUDGET_CODE_LEN]);

/* A zone's fiscal mode for a year with the approval of an independent budget. */
struct budget_year {
	enum budget_mode mode;
	const char *approved_on;  /* YYYY-MM-DD; NULL while not approved */
	const char *approval_doc; /* the congress's document (文号 or title); NULL likewise */
};

struct budget_problem {
	char field[32]; /* JSON pointer of the field at fault: "/approved_on" */
	char message[BUDGET_PROBLEM_LEN];
};

/* 0, or -1 with why: a listed budget has no approval of its own (the county's budget is
 * approved as a whole); an approval has both its date (a real date within the year or the
 * year before) and its document. */
int budget_year_validate(int year, const struct budget_year *y, struct budget_problem *why);

/* One subject's execution: budget and final amounts in fen (absent = not in those accounts). */
struct budget_exec {
	int64_t budget_fen, final_fen;
	bool has_budget, has_final;
	int64_t diff_fen; /* final - budget */
	int64_t rate_bp;  /* final / budget in basis points, half-up; valid when has_rate */
	bool has_rate;    /* both present and the budget is not 0 */
};

/* Fills diff and rate from the amounts. 0, or -1 when a result does not fit (never with
 * amounts within MONEY_AMOUNT_MAX). */
int budget_exec_compute(struct budget_exec *e);

/* A project's performance: funds budgeted and spent (fen), the score of its evaluation
 * (0..100, absent until evaluated). */
struct budget_project {
	int64_t funds_fen, spent_fen;
	int64_t score;
	bool scored;
};

/* Grades of 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号), art. 26: 优 90-100, 良 80-89,
 * 中 60-79, 差 below 60. */
enum budget_grade {
	BUDGET_GRADE_NONE,
	BUDGET_GRADE_A,
	BUDGET_GRADE_B,
	BUDGET_GRADE_C,
	BUDGET_GRADE_D
};
enum budget_grade budget_grade_of(const struct budget_project *p);
const char *budget_grade_code(enum budget_grade g); /* "", "excellent", "good", "fair", "poor" */

/* The grade whose code is `code` ("excellent" … "poor"), with its scores lo..hi inclusive;
 * BUDGET_GRADE_NONE for any other code. */
enum budget_grade budget_grade_find(const char *code, int64_t *lo, int64_t *hi);

/* The inbox item of a project whose evaluation is newly graded 差 (below 60): the zone must
 * rectify it (整改: 财预〔2020〕10号 applies the results), so it goes to the zone's accounts with
 * budget_read, linking its poor projects of the year. Strings in a. */
void budget_poor_item(int64_t project_id, int64_t zone_id, const char *zone, int year,
                      const char *name, int64_t score, struct arena *a, struct inbox_item *out);

/* 0, or -1 with why: funds > 0, spent >= 0, score within 0..100. */
int budget_project_validate(const struct budget_project *p, struct budget_problem *why);
/* spent / funds in basis points, half-up (funds > 0). 0, or -1 on overflow. */
int budget_project_spent_bp(const struct budget_project *p, int64_t *bp);

#endif
