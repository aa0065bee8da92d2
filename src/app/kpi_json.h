/* kpi_json.h - the zones' internal KPIs as JSON: the year's minimum weights and a scheme with
 * its indicators and scores, as the audit records keep them. */
#ifndef KFQ_APP_KPI_JSON_H
#define KFQ_APP_KPI_JSON_H

#include "store/store_kpi.h"
#include "util/jsonw.h"

void kpi_json_floor(struct jsonw *w, const struct store_kpi_floor *f);
/* The scheme's members without closing its object (the API adds the subjects' totals). */
void kpi_json_scheme_open(struct jsonw *w, const struct store_kpi_scheme *s);

extern const struct store_kpi_json kpi_json_audit;

#endif
