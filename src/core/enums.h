/* enums.h - the closed sets of codes the data uses, one table each of code and Chinese label:
 * what the API accepts and what exports and print-outs show. A new module adds its sets here.
 * The two sets that carry rules keep their tables with them: 督办单 statuses with their status
 * machine (core/notice.c) and task progress states with how they are decided (core/plan.c);
 * which permissions a role has is core/account.c's. */
#ifndef KFQ_CORE_ENUMS_H
#define KFQ_CORE_ENUMS_H

#include <stdbool.h>
#include <stddef.h>

struct enum_entry {
	const char *code;  /* stored and on the wire: "zone" */
	const char *label; /* shown: "开发区" */
};

struct enum_table {
	const struct enum_entry *entries;
	size_t n;
};

extern const struct enum_table enum_org_type;           /* city_department county zone … */
extern const struct enum_table enum_zone_level;         /* national provincial municipal */
extern const struct enum_table enum_role;               /* admin office department … */
extern const struct enum_table enum_data_scope;         /* all org org_and_below custom self */
extern const struct enum_table enum_plan_status;        /* draft submitted approved returned */
extern const struct enum_table enum_revision_status;    /* a plan revision's: draft … approved */
extern const struct enum_table enum_report_state;       /* of a report's review: submitted … */
extern const struct enum_table enum_milestone_state;    /* in enum milestone_state's order */
extern const struct enum_table enum_progress_status;    /* of a report: not_started … blocked */
extern const struct enum_table enum_role_change_status; /* pending confirmed rejected … */
extern const struct enum_table enum_unit_source;        /* where a task's units came from */
extern const struct enum_table enum_enterprise_scale;   /* above (规上) below (规下) */
/* park_in_park enclave trusteeship, in enum arrangement_kind's order (core/arrangement.h) */
extern const struct enum_table enum_arrangement_kind;
extern const struct enum_table enum_statement_status; /* of a revenue-sharing statement */
extern const struct enum_table enum_power_kind; /* 权力清单 categories: licensing … filing */
extern const struct enum_table enum_power_mode; /* direct entrust stationed signboard lead agency */
extern const struct enum_table enum_power_result;    /* good improve revoke (core/power.h) */
extern const struct enum_table enum_guidance_kind;   /* training guidance supervision */
extern const struct enum_table enum_duty_holder;     /* zone county shared */
extern const struct enum_table enum_social_category; /* community education health … */
extern const struct enum_table enum_social_status;   /* carrying planned handing_over handed_over */
extern const struct enum_table enum_problem_source;  /* hotline visit other */
extern const struct enum_table enum_problem_status;  /* open answered closed */
extern const struct enum_table enum_rule_kind;       /* own_normative local_regulation … */
extern const struct enum_table enum_rule_status;     /* planned in_progress done */
extern const struct enum_table enum_consult_state;   /* draft upcoming open closed published */
extern const struct enum_table enum_consult_channel; /* web email phone letter meeting … */
extern const struct enum_table enum_disposition;     /* adopted partly rejected explained */
/* in enum budget_mode's and enum budget_kind's order (core/budget.h) */
extern const struct enum_table enum_budget_mode;  /* independent listed */
extern const struct enum_table enum_budget_kind;  /* budget final */
extern const struct enum_table enum_budget_grade; /* excellent good fair poor */
extern const struct enum_table enum_person_identity; /* 公务员 参照公务员 事业 企业 聘用 */
extern const struct enum_table enum_appointment;     /* 委任 聘任 */
extern const struct enum_table enum_person_end;      /* how a person left the roster */
extern const struct enum_table enum_pay_grade;       /* 年度等级: 优秀 良好 一般 较差 */
extern const struct enum_table enum_pay_plan_status; /* a distribution plan's filing */
extern const struct enum_table enum_appeal_status; /* an assessment appeal: open upheld rejected */
extern const struct enum_table enum_land_use;      /* industrial warehouse commercial … */
extern const struct enum_table enum_idle_cause;    /* government enterprise */
extern const struct enum_table enum_land_handling; /* a low-efficiency case's handling */
extern const struct enum_table enum_land_case_status; /* open closed */
/* in core/platform.h's enums' orders */
extern const struct enum_table enum_platform_type;      /* industrial non_industrial research */
extern const struct enum_table enum_platform_duty;      /* policy planning approval … */
extern const struct enum_table enum_platform_status;    /* todo doing done */
extern const struct enum_table enum_platform_indicator; /* debt_ratio interest_share … */
extern const struct enum_table enum_platform_level;     /* normal warning key */
extern const struct enum_table enum_shareholder_kind;   /* state strategic other */
extern const struct enum_table enum_future_direction;   /* 未来产业: manufacturing … health */
extern const struct enum_table enum_plan_exception;     /* none pending approved */
/* in enum invest_stage's order (core/invest.h) */
extern const struct enum_table enum_invest_stage;   /* talks signed landed started producing full */
extern const struct enum_table enum_fault_decision; /* 免责 减责 不予免责 */
extern const struct enum_table enum_fault_effect;   /* what a forgiving decision changes */
extern const struct enum_table enum_leader_action; /* 优先提拔 及时调整 不予调整 (art. 15) */
extern const struct enum_table enum_building_kind;   /* factory office */
extern const struct enum_table enum_building_status; /* vacant reused */
extern const struct enum_table enum_match_outcome;   /* pending leased sold declined */
/* the audit log's actions (create update login approve …) and the types of entity they change
 * (org plan task …): every code a module records has its name here (tests/api/audit_labels) */
extern const struct enum_table enum_audit_action;
extern const struct enum_table enum_audit_entity;

bool enum_valid(const struct enum_table *t, const char *code);
/* The code's label; the code itself when the table does not have it (NULL for NULL). */
const char *enum_label(const struct enum_table *t, const char *code);

#endif
