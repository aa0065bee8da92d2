/* capability.h - what an organization may confirm, approve or acknowledge (its 职能), as data:
 * the office grants capabilities to organizations in a table (org_capability), and handlers ask
 * whether the caller's organization holds one; no code compares organization names. This file
 * is the catalogue of capabilities (stable code, Chinese label, where the seed grants it from)
 * and the rule that turns a policy's articles into initial grants. Pure. */
#ifndef KFQ_CORE_CAPABILITY_H
#define KFQ_CORE_CAPABILITY_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum capability {
	CAP_APPROVE_STAFFING, /* 核定开发区机构编制: art. 7's lead (市委编办) */
	CAP_CONFIRM_REVENUE,  /* 确认财力分成结算: art. 6's lead (市财政局) */
	CAP_ACK_PAY_FILING,   /* 接收绩效薪酬分配方案备案: the four art. 14 names */
	CAP_READ_PERSONAL, /* 查看个人身份信息 unmasked: nobody until the office grants it */
	CAP_DELEGATE_POWER, /* 向开发区赋权: art. 4's 市直相关部门 */
	CAP_PUBLISH_POWER_LIST, /* 编制发布放权清单: art. 4's lead (市数据局(市营商局)) */
	CAP_APPROVE_DUTY_LIST, /* 审定权责清单: art. 3's lead (市委编办) */
	CAP_MANAGE_BUDGET,     /* 管理开发区预决算: art. 5's lead (市财政局) */
	CAP_MANAGE_LAND, /* 管理开发区用地和四至: art. 2's leads (市发改委、市自然资源局) */
	CAP_SUPERVISE_PLATFORM, /* 监管开发区平台公司: art. 12's responsible department (市国资委)
	                         */
	/* 认定容错免责: art. 18 names no lead; 市纪委监委 with 市委组织部 by default */
	CAP_DECIDE_FAULT,
	CAP_RECORD_LEADER_ACTION, /* 记录开发区班子成员奖惩: art. 15's lead (市委组织部) */
	CAP_COUNT
};

/* Which of a seed article's organizations receive the grant. */
enum capability_seed_from {
	CAP_SEED_NONE,                 /* never seeded; the office grants it by hand */
	CAP_SEED_LEAD,                 /* the article's lead organizations (牵头单位) */
	CAP_SEED_RESPONSIBLE_DEPTS,    /* its responsible units that are city departments */
	CAP_SEED_LEAD_AND_RESPONSIBLE, /* both of the above */
};

struct capability_def {
	enum capability cap;
	const char *code;        /* stable snake_case, stored in org_capability.capability */
	const char *label;       /* Chinese, shown to users */
	const char *description; /* Chinese: what holding it lets the organization do */
	enum capability_seed_from seed_from;
	int seed_article;       /* the article number in the seed draft (for people to read) */
	const char *seed_title; /* the article's title, which is what seeding matches */
};

/* The catalogue, in display order; CAP_COUNT entries. */
extern const struct capability_def capability_defs[CAP_COUNT];

/* The definition of a code, or NULL when no capability has that code. */
const struct capability_def *capability_find(const char *code);
const struct capability_def *capability_get(enum capability cap);

/* One article of an imported policy as seeding reads it. */
struct capability_article {
	int number;
	const char *title;
	const int64_t *lead; /* organization ids */
	size_t n_lead;
	const int64_t *responsible_depts; /* responsible organizations that are city departments */
	size_t n_responsible_depts;
};

/* A grant the seed asks for: capability, organization, and the article it came from. */
struct capability_grant {
	enum capability cap;
	int64_t org_id;
	int article;
};

/* The grants a policy's articles give: for every seeded capability, each article whose title
 * equals its seed title gives the grant to the organizations seed_from names (another policy's
 * article 7 on a different subject gives nothing). No repeats; capability order, then the
 * article's organization order. Arena array in *out (NULL when none); returns the count. */
size_t capability_seed(const struct capability_article *arts, size_t n, struct arena *a,
                       struct capability_grant **out);

#endif
