/* plan_json.h - the JSON shapes of 一区一策 plans, milestones, progress reports and evidence
 * records: the API's answers, the audit record's before/after and an approved version's
 * milestones are the same objects. In app/ because `kfq demo` writes plans and reports too,
 * and its audit records need the shapes. */
#ifndef KFQ_APP_PLAN_JSON_H
#define KFQ_APP_PLAN_JSON_H

#include "store/store_plan.h"

/* A milestone; context adds its task, organization and plan status (lists across plans). */
void plan_json_milestone(struct jsonw *w, const struct store_milestone *m, bool context);
/* A plan; one read by id (get, not lists) also with its milestones, those closed by
 * revisions and its open revision (null when none). */
void plan_json_write(struct jsonw *w, const struct store_plan *p);
/* A progress report with its evidence records; context adds its milestone's title and the
 * plan's task (and its policy) and organization (the review queue). */
void plan_json_report(struct jsonw *w, const struct store_report *r, bool context);
/* One evidence file of a report (an attachment of type STORE_REPORT_FILES). */
void plan_json_evidence(struct jsonw *w, const struct store_attachment *e);

/* What store_plan's writes take for their audit records and approved versions. */
extern const struct store_plan_json plan_json_audit;

#endif
