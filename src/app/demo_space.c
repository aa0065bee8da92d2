/* demo_space.c - the demo's 腾笼换鸟: in the sample zone an idle factory with a match under way,
 * an idle office floor, and a factory reused by a lease (its match ended "leased"). Must not
 * decide an outcome's meaning (core/space.c does). */
#include "app/demo.h"
#include "app/space_json.h"

#include "core/plan.h"
#include "core/space.h"
#include "store/store_org.h"
#include "util/log.h"

#define DEMO_ZONE "抚顺经济开发区（示例）"

static const struct {
	const char *kind, *name, *address, *owner, *terms;
	int64_t area_m2x100, rent_fen, price_fen;
	int vacant_days;
	const char *need;    /* the enterprise that asked for it, or NULL */
	const char *outcome; /* its match's outcome: NULL while pending */
} buildings[] = {
    {"factory", "原示例机械厂1号厂房（示例）", "经开区示例路20号", "抚顺示例机械有限公司",
     "整体出租，租期不少于3年", 560000, 1250, 0, 420, "示例新能源装备有限公司（意向）", NULL},
    {"office", "示例商务大厦12层（示例）", "经开区示例大街8号", "抚顺示例置业有限公司",
     "可分割出租，含物业费", 120000, 4500, 0, 95, NULL, NULL},
    {"factory", "原示例纺织厂厂房（示例）", "经开区示例路36号", "抚顺示例纺织有限公司",
     "整体出售或出租", 820000, 1000, 980000000, 800, "示例锂电材料有限公司（示例）", "leased"},
};
#define NBUILDINGS (int)(sizeof(buildings) / sizeof(buildings[0]))

int demo_space_fill(struct demo *d)
{
	struct store_org zone;
	int rc, reused = 0;

	if ((rc = store_org_find(d->s, d->a, DEMO_ZONE, &zone)) != KFQ_OK)
		return rc;
	for (int i = 0; i < NBUILDINGS; i++) {
		struct store_building b = {.zone_id = zone.id};
		struct store_match m = {0};
		char *since = arena_alloc(d->a, 11);

		plan_day_format(d->today - buildings[i].vacant_days, since);
		b.kind = buildings[i].kind;
		b.name = buildings[i].name;
		b.address = buildings[i].address;
		b.owner = buildings[i].owner;
		b.terms = buildings[i].terms;
		b.area_m2x100 = buildings[i].area_m2x100;
		b.rent_fen = buildings[i].rent_fen;
		b.price_fen = buildings[i].price_fen;
		b.vacant_since = since;
		if ((rc = store_building_create(d->s, d->who, &space_json_audit, &b)) != KFQ_OK)
			return rc;
		if (!buildings[i].need)
			continue;
		m.building_id = b.id;
		m.enterprise_name = buildings[i].need;
		m.need_m2x100 = b.area_m2x100 / 2;
		m.note = "经开区招商部门推荐";
		if ((rc = store_match_create(d->s, d->who, &space_json_audit, &m)) != KFQ_OK)
			return rc;
		if (buildings[i].outcome) {
			rc = store_match_close(d->s, d->who, &space_json_audit, m.id,
			                       buildings[i].outcome, "已签订5年租赁合同（示例）",
			                       space_outcome_reuses(buildings[i].outcome));
			if (rc != KFQ_OK)
				return rc;
			reused++;
		}
	}
	strbuf_addf(&d->summary, "; 腾笼换鸟: %d idle buildings, %d reused", NBUILDINGS, reused);
	return KFQ_OK;
}
