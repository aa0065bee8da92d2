/* demo_accountability.c - the demo's 容错免责, 奖优罚劣 and 编制测算: 容错免责's deciding
 * organizations granted (市纪委监委 with 市委组织部, art. 18 naming no lead), the sample zones'
 * grades of the two years before (beside this year's from demo_people), their indicators of
 * this year for the 编制 norm, and a 优先提拔使用 recorded by 市委组织部 for the leader of the
 * zone graded 优秀 last year. The cases themselves are demo_fault.c's. Writes through the store
 * functions the web app uses. Must not write SQL. */
#include "app/capability_json.h"
#include "app/demo.h"
#include "app/leader_json.h"
#include "app/norm_json.h"
#include "app/pay_json.h"

#include "core/notice.h"
#include "store/store_capability.h"
#include "store/store_leader.h"
#include "store/store_norm.h"
#include "store/store_org.h"
#include "store/store_pay.h"
#include "store/store_people.h"
#include "util/log.h"

#include <string.h>

static const char *const deciders[] = {"市纪委监委", "市委组织部"};

static int grant(struct demo *d, const char *org, const char *code, int64_t *id)
{
	struct store_capability_grant g = {0};
	struct store_org o;
	int rc = store_org_find(d->s, d->a, org, &o);

	if (rc != KFQ_OK)
		return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
	*id = o.id;
	g.org_id = o.id;
	g.capability = code;
	g.note = "容错免责的认定单位（演示数据）";
	rc = store_capability_grant(d->s, d->who, &capability_json_audit, &g);
	return rc == KFQ_ECONFLICT ? KFQ_OK : rc;
}

int demo_zone_leader(struct demo *d, int64_t org_id, int64_t *person, const char **name)
{
	struct store_person_filter f = {0};
	struct store_person *ps;
	int64_t total;
	int n, rc;

	*person = 0;
	*name = NULL;
	f.org_id = org_id;
	f.limit = 1;
	f.current = true;
	if ((rc = store_person_list(d->s, d->a, &f, &ps, &n, &total)) != KFQ_OK)
		return rc;
	if (n && ps[0].post_leader) {
		*person = ps[0].id;
		*name = ps[0].name;
	}
	return KFQ_OK;
}

int demo_accountability_fill(struct demo *d)
{
	static const char *const grades[] = {"excellent", "good", "fair", "poor"};
	static const int64_t area[] = {4520, 1860, 1230, 990}, pop[] = {86000, 42000, 30500, 21000},
	                     gdp[] = {3800000, 1450000, 960000, 610000};
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	int64_t zuzhi = 0, ignored = 0;
	int nzones, k = 0, year = notice_year(d->today), rc;

	if ((rc = grant(d, deciders[0], "decide_fault", &ignored)) != KFQ_OK ||
	    (rc = grant(d, deciders[1], "decide_fault", &zuzhi)) != KFQ_OK)
		return rc;
	if ((rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK)
		return rc;
	for (int z = 0; z < nzones; z++) {
		struct store_zone_indicator x = {0};
		if (!zones[z].is_sample)
			continue;
		for (int back = 1; back <= 2; back++) {
			struct store_zone_grade g = {.year = year - back,
			                             .org_id = zones[z].id,
			                             .grade = grades[(k + back) % 4]};
			if ((rc = store_zone_grade_set(d->s, d->who, &pay_json_audit, &g)) !=
			    KFQ_OK)
				return rc;
		}
		x.org_id = zones[z].id;
		x.year = year;
		x.area = area[k % 4];
		x.population = pop[k % 4];
		x.gdp = gdp[k % 4];
		if ((rc = store_zone_indicator_set(d->s, d->who, &norm_json_audit, &x)) != KFQ_OK)
			return rc;
		/* last year's 优秀: grades[(k + 1) % 4] is excellent for k = 3 */
		if ((k + 1) % 4 == 0 && zuzhi) {
			struct store_leader_action a = {
			    .org_id = zones[z].id,
			    .kind = "promote",
			    .year = year - 1,
			    .basis = "开发区上年度考核优秀，主任担当作为、成绩突出",
			    .doc_no = "抚组干〔演示〕1号"};
			enum leader_rule rule;
			const char *name;
			if ((rc = demo_zone_leader(d, zones[z].id, &a.person_id, &name)) != KFQ_OK)
				return rc;
			if (a.person_id &&
			    (rc = store_leader_action_add(d->s, d->who, &leader_json_audit, &a,
			                                  zuzhi, &rule)) != KFQ_OK)
				return rc;
		}
		k++;
	}
	strbuf_addf(&d->summary, ", grades of two years and indicators of %d zones", k);
	return KFQ_OK;
}
