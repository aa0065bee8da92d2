/* task_json.h - the JSON shapes of an imported policy and a reform task: the API's answers and
 * the audit record's before/after are the same objects. In app/ because policy import (which
 * the command line runs too) writes both, and its audit records need the shapes. */
#ifndef KFQ_APP_TASK_JSON_H
#define KFQ_APP_TASK_JSON_H

#include "store/store_task.h"

/* A task: {"article_number",("body",)"deadline_date","deadline_text","group_heading","id",
 * "lead_orgs","lead_rule_line","lead_units",…,"scope","title","unit_source","updated_at"};
 * full adds the body. */
void task_json_write(struct jsonw *w, const struct store_task *t, bool full);
/* The same members without the braces, for callers that add their own. */
void task_json_fields(struct jsonw *w, const struct store_task *t, bool full);
/* A policy: {"contact_email",…,"window_start"} without its text or parse. */
void task_json_policy(struct jsonw *w, const struct store_policy *p);

/* A policy as an export's row names it: its title, its note (征求意见稿) and its 文号; in a. */
const char *task_policy_name(struct arena *a, const struct store_policy *p);

/* Every policy's name as task_policy_name gives it, made once before an export's rows: a
 * streamed export names each row's policy without allocating per row. */
struct task_policy_names {
	const struct store_policy *pol;
	const char **names;
	int n;
};
/* Names pol[0..n) in a. */
void task_policy_names_make(struct arena *a, const struct store_policy *pol, int n,
                            struct task_policy_names *out);
/* The name of policy id; "" when it is not among them. */
const char *task_policy_names_get(const struct task_policy_names *p, int64_t id);

/* What store_task's writes take for their audit records (a task without its body). */
extern const struct store_task_json task_json_audit;

#endif
