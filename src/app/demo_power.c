/* demo_power.c - the demo's powers module: a catalogue of 48 city-level powers of 市市场监管局,
 * 市自然资源局, 市发改委, 市住建局 and 市生态环境局 with their legal bases (the last two
 * departments are added when the organizations lack them, and granted delegate_power); a list
 * per sample zone with entries in every state of the workflow; six months of case figures and
 * one evaluation round; two published lists; approved 权责清单; social affairs; key matters
 * with a reported problem; and rules to adjust. All through the store functions the web app
 * uses, so the audit log is as it would be. Must not write any other way. */
#include "app/affairs_json.h"
#include "app/capability_json.h"
#include "app/demo.h"
#include "app/org_json.h"
#include "app/power_json.h"

#include "core/affairs.h"
#include "core/plan.h"
#include "core/power.h"
#include "core/workday.h"
#include "store/store_affairs.h"
#include "store/store_capability.h"
#include "store/store_org.h"
#include "store/store_power.h"
#include "util/log.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { SJ, ZR, FG, ZJ, HB, NDEPTS };

static const char *const dept_names[NDEPTS] = {"市市场监管局", "市自然资源局", "市发改委",
                                               "市住建局", "市生态环境局"};
static const char *const dept_codes[NDEPTS] = {"SCJG", "ZRZY", "FZGG", "ZJ", "STHJ"};

static const struct {
	int dept;
	const char *name, *kind, *basis;
	int statutory, promised;
	bool incomplete, commit;
} powers[] = {
    {SJ, "食品经营许可", "licensing", "《中华人民共和国食品安全法》第三十五条", 20, 10, true, true},
    {SJ, "食品生产许可", "licensing", "《中华人民共和国食品安全法》第三十五条", 20, 15, true,
     false},
    {SJ, "特种设备使用登记", "licensing", "《中华人民共和国特种设备安全法》第三十三条", 15, 5, true,
     false},
    {SJ, "药品零售企业经营许可", "licensing", "《中华人民共和国药品管理法》第五十一条", 30, 15,
     false, false},
    {SJ, "第二类医疗器械经营备案", "filing", "《医疗器械监督管理条例》第四十一条", 5, 1, true,
     false},
    {SJ, "医疗器械、药品、保健食品广告审查", "licensing", "《中华人民共和国广告法》第四十六条", 10,
     5, false, false},
    {SJ, "市场主体登记", "confirmation", "《中华人民共和国市场主体登记管理条例》第三条", 3, 1, true,
     true},
    {SJ, "食品安全监督检查", "inspection", "《中华人民共和国食品安全法》第一百一十条", 30, 20,
     false, false},
    {SJ, "生产销售不符合安全标准产品的处罚", "penalty", "《中华人民共和国产品质量法》第四十九条",
     90, 60, false, false},
    {SJ, "查封、扣押不符合安全技术规范的特种设备", "coercion",
     "《中华人民共和国特种设备安全法》第六十一条", 30, 30, false, false},
    {ZR, "建设项目用地预审与选址意见书核发", "licensing",
     "《中华人民共和国土地管理法》第五十二条、《中华人民共和国城乡规划法》第三十六条", 20, 10, true,
     false},
    {ZR, "建设用地规划许可证核发", "licensing",
     "《中华人民共和国城乡规划法》第三十七条、第三十八条", 20, 7, true, true},
    {ZR, "建设工程规划许可证核发", "licensing", "《中华人民共和国城乡规划法》第四十条", 20, 7, true,
     true},
    {ZR, "乡村建设规划许可证核发", "licensing", "《中华人民共和国城乡规划法》第四十一条", 20, 10,
     false, false},
    {ZR, "临时用地审批", "licensing", "《中华人民共和国土地管理法》第五十七条", 20, 10, false,
     false},
    {ZR, "不动产登记", "confirmation", "《不动产登记暂行条例》第三条", 30, 5, false, false},
    {ZR, "建设工程规划条件核实", "confirmation", "《中华人民共和国城乡规划法》第四十五条", 20, 5,
     false, false},
    {ZR, "国有建设用地使用权分割转让批准", "licensing",
     "《中华人民共和国城镇国有土地使用权出让和转让暂行条例》第二十五条", 20, 10, false, false},
    {ZR, "非法占用土地的处罚", "penalty", "《中华人民共和国土地管理法》第七十七条", 90, 60, false,
     false},
    {FG, "企业投资项目核准", "licensing", "《企业投资项目核准和备案管理条例》第三条", 20, 10, false,
     false},
    {FG, "企业投资项目备案", "filing", "《企业投资项目核准和备案管理条例》第十三条", 3, 1, true,
     true},
    {FG, "固定资产投资项目节能审查", "licensing", "《中华人民共和国节约能源法》第十五条", 20, 10,
     true, true},
    {FG, "政府投资项目可行性研究报告审批", "licensing", "《政府投资条例》第九条", 20, 15, false,
     false},
    {FG, "依法必须招标项目的招标范围、方式和组织形式核准", "licensing",
     "《中华人民共和国招标投标法实施条例》第七条", 20, 5, false, false},
    {FG, "外商投资项目核准", "licensing", "《中华人民共和国外商投资法》第二十九条", 20, 10, false,
     false},
    {ZJ, "建筑工程施工许可证核发", "licensing", "《中华人民共和国建筑法》第七条", 7, 3, true, true},
    {ZJ, "建设工程消防设计审查", "licensing", "《中华人民共和国消防法》第十一条", 15, 10, true,
     false},
    {ZJ, "建设工程消防验收", "licensing", "《中华人民共和国消防法》第十三条", 15, 10, false, false},
    {ZJ, "商品房预售许可", "licensing", "《中华人民共和国城市房地产管理法》第四十五条", 20, 10,
     false, false},
    {ZJ, "建筑业企业资质核准（施工总承包三级）", "licensing", "《中华人民共和国建筑法》第十三条",
     20, 10, false, true},
    {ZJ, "城镇污水排入排水管网许可", "licensing", "《城镇排水与污水处理条例》第二十一条", 15, 7,
     true, true},
    {ZJ, "房屋建筑和市政基础设施工程竣工验收备案", "filing", "《建设工程质量管理条例》第四十九条",
     15, 5, false, false},
    {ZJ, "城市建筑垃圾处置核准", "licensing",
     "《国务院对确需保留的行政审批项目设定行政许可的决定》第101项", 20, 5, true, true},
    {ZJ, "建设工程安全生产监督检查", "inspection", "《建设工程安全生产管理条例》第四十三条", 30, 20,
     false, false},
    {ZJ, "建设工程质量违法行为的处罚", "penalty", "《建设工程质量管理条例》第五十六条", 90, 60,
     false, false},
    {HB, "建设项目环境影响报告书审批", "licensing", "《中华人民共和国环境影响评价法》第二十二条",
     60, 30, false, false},
    {HB, "建设项目环境影响报告表审批", "licensing", "《中华人民共和国环境影响评价法》第二十二条",
     30, 15, true, true},
    {HB, "建设项目环境影响登记表备案", "filing", "《中华人民共和国环境影响评价法》第二十二条", 1, 1,
     false, false},
    {HB, "排污许可证核发", "licensing", "《中华人民共和国环境保护法》第四十五条", 30, 15, true,
     false},
    {HB, "危险废物收集经营许可证核发", "licensing",
     "《中华人民共和国固体废物污染环境防治法》第八十条", 20, 15, false, false},
    {HB, "辐射安全许可证核发（使用Ⅳ、Ⅴ类放射源）", "licensing",
     "《中华人民共和国放射性污染防治法》第二十八条", 20, 15, false, false},
    {HB, "突发环境事件应急预案备案", "filing", "《中华人民共和国环境保护法》第四十七条", 5, 3,
     false, false},
    {HB, "环境保护监督检查", "inspection", "《中华人民共和国环境保护法》第二十四条", 30, 20, false,
     false},
    {HB, "查封、扣押造成污染物排放的设施设备", "coercion", "《中华人民共和国环境保护法》第二十五条",
     30, 30, false, false},
    {HB, "超标排放大气污染物的处罚", "penalty", "《中华人民共和国大气污染防治法》第九十九条", 90,
     60, false, false},
    {SJ, "计量器具强制检定", "other", "《中华人民共和国计量法》第九条", 20, 10, false, false},
    {ZR, "建设项目压覆重要矿床审批", "licensing", "《中华人民共和国矿产资源法》第三十三条", 20, 15,
     false, false},
    {FG, "粮食收购企业备案", "filing", "《粮食流通管理条例》第九条", 5, 1, false, false},
};
#define NPOWERS (int)(sizeof(powers) / sizeof(powers[0]))

/* The states each sample zone's list shows, in the order the demo walks them; the powers are
 * taken in turn from the catalogue, shifted per zone. */
static const char *const states[] = {"accepted", "accepted",  "accepted",  "accepted",
                                     "acting",   "not_ready", "delegated", "planned",
                                     "proposed", "declined",  "revoked",   "accepted"};
#define NSTATES (int)(sizeof(states) / sizeof(states[0]))

struct ctx {
	struct demo *d;
	struct store_org zones[8];
	int nzones;
	int64_t dept_ids[NDEPTS];
	int64_t power_ids[NPOWERS];
	int made[4]; /* entries, evaluations, months, duty lists */
};

static int department(struct ctx *x, int i)
{
	struct store_org o = {0};
	const char *taken;
	int rc = store_org_find(x->d->s, x->d->a, dept_names[i], &o);

	if (rc == KFQ_ENOTFOUND) {
		o.name = dept_names[i];
		o.type = "city_department";
		if ((rc = store_org_create(x->d->s, x->d->who, &org_json_audit, &o, &taken)) !=
		    KFQ_OK)
			return rc;
	} else if (rc != KFQ_OK) {
		return rc;
	}
	x->dept_ids[i] = o.id;
	struct store_capability_grant g = {
	    .org_id = o.id, .capability = "delegate_power", .note = "演示数据：第4条市直相关部门"};
	rc = store_capability_grant(x->d->s, x->d->who, &capability_json_audit, &g);
	return rc == KFQ_ECONFLICT ? KFQ_OK : rc;
}

static int catalogue(struct ctx *x)
{
	int count[NDEPTS] = {0};

	for (int i = 0; i < NPOWERS; i++) {
		char code[32];
		snprintf(code, sizeof(code), "2104-%s-%03d", dept_codes[powers[i].dept],
		         ++count[powers[i].dept]);
		struct store_power p = {
		    .dept_org_id = x->dept_ids[powers[i].dept],
		    .code = arena_strdup(x->d->a, code),
		    .name = powers[i].name,
		    .kind = powers[i].kind,
		    .legal_basis = powers[i].basis,
		    .statutory_days = powers[i].statutory,
		    .promised_days = powers[i].promised,
		    .accept_incomplete = powers[i].incomplete,
		    .notify_commit = powers[i].commit,
		};
		int rc = store_power_save(x->d->s, x->d->who, &power_json_audit, &p);
		if (rc != KFQ_OK)
			return rc;
		x->power_ids[i] = p.id;
	}
	return KFQ_OK;
}

static int take(struct ctx *x, int64_t *id, struct store_delegation_step *s)
{
	const char *status;
	int rc =
	    store_delegation_step(x->d->s, x->d->a, x->d->who, &power_json_audit, s, id, &status);

	s->id = *id;
	return rc;
}

/* Walks one power of a zone's list to `state` through the workflow's steps. */
static int walk(struct ctx *x, int power, const struct store_org *zone, const char *state,
                int64_t *id)
{
	const char *short_name = zone->aliases && zone->naliases ? zone->aliases[0] : zone->name;
	char effective[11], until[11], place[160], act_by[160];
	struct store_delegation_step s = {.power_id = x->power_ids[power], .zone_org_id = zone->id};
	bool proposed = !strcmp(state, "proposed") || !strcmp(state, "declined");
	int rc;

	plan_day_format(x->d->today - 270, effective);
	plan_day_format(x->d->today + 180, until);
	snprintf(place, sizeof(place), "%s政务服务中心综合窗口", short_name);
	snprintf(act_by, sizeof(act_by), "%s派驻%s窗口", dept_names[powers[power].dept],
	         short_name);
	s.action = proposed ? POWER_PROPOSE : POWER_PLAN;
	s.note = proposed ? "区内企业办理需求较多，申请承接" : NULL;
	if ((rc = take(x, id, &s)) != KFQ_OK || !strcmp(state, "planned") ||
	    !strcmp(state, "proposed"))
		return rc;
	if (!strcmp(state, "declined")) {
		s.action = POWER_DECLINE;
		s.note = "该事项涉及全市统筹，暂不下放";
		return take(x, id, &s);
	}
	s.action = POWER_DELEGATE;
	s.mode = power % 3 == 0 ? "entrust" : "direct";
	s.effective_from = effective;
	s.document = "抚政办发〔2025〕12号";
	s.note = NULL;
	if ((rc = take(x, id, &s)) != KFQ_OK || !strcmp(state, "delegated"))
		return rc;
	if (!strcmp(state, "not_ready") || !strcmp(state, "acting")) {
		s.action = POWER_NOT_READY;
		s.note = "专业审批人员尚未配齐";
		if ((rc = take(x, id, &s)) != KFQ_OK || !strcmp(state, "not_ready"))
			return rc;
		s.action = POWER_ACT;
		s.mode = "stationed";
		s.acting_by = act_by;
		s.acting_until = until;
		s.note = NULL;
		s.taken_on = effective;
		return take(x, id, &s);
	}
	/* the sample zones took their powers on when they took effect, nine months ago, so that
	 * the demo's evaluation has powers in use long enough to judge (DECISIONS 322) */
	s.action = POWER_ACCEPT;
	s.service_place = place;
	s.taken_on = effective;
	if ((rc = take(x, id, &s)) != KFQ_OK || !strcmp(state, "accepted"))
		return rc;
	s.action = POWER_REVOKE;
	s.note = "承接后长期无办件，收回由市级统一办理";
	return take(x, id, &s);
}

/* Six months of figures for an accepted power, varied by power and zone; the last entry of each
 * list has none (下放了用不上). */
static int months(struct ctx *x, int64_t id, int seed, int64_t this_month)
{
	for (int m = 6; m >= 1; m--) {
		char ym[8];
		int received = 3 + (seed * 7 + m * 5) % 17;
		int done = received - (m + seed) % 3;
		int late = (seed + m) % 5 == 0 ? 2 : (seed % 4 == 0);
		power_month_format(this_month - m, ym);
		if (done < 0)
			done = 0;
		if (late > done)
			late = done;
		struct store_case_month cm = {
		    .delegation_id = id,
		    .month = ym,
		    .f = {received, done, done - late, done ? 150 + (seed * 37 + m * 23) % 600 : 0,
		          done - (seed + m) % 2, (seed + m) % 2},
		};
		if (cm.f.good < 0)
			cm.f.good = 0;
		int rc = store_case_month_put(x->d->s, x->d->who, &power_json_audit, &cm);
		if (rc != KFQ_OK)
			return rc;
		x->made[2]++;
	}
	return KFQ_OK;
}

/* One evaluation round: every delegated power of the sample zones over the six months. */
static int evaluate(struct ctx *x, int64_t this_month)
{
	struct store_sums_filter f = {.scope = {.kind = "all"}};
	struct power_rules rules = {POWER_IDLE_MONTHS, POWER_MIN_GOOD_BP};
	struct store_power_sums *ss;
	char from[8], to[8];
	int64_t total;
	int n, rc;

	power_month_format(this_month - 6, from);
	power_month_format(this_month - 1, to);
	f.from = from;
	f.to = to;
	if ((rc = store_power_sums(x->d->s, x->d->a, &f, &ss, &n, &total)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		static const char *const reasons[] = {
		    "办件量稳定，按时办结率和满意率均达到要求",
		    "部分办件超过承诺时限，需加强审批人员培训",
		    "评估期内无办件，建议研究收回或调整承接方式",
		};
		struct store_evaluation e = {
		    .delegation_id = ss[i].delegation_id, .period_from = from, .period_to = to};
		if (strcmp(ss[i].status, "accepted") != 0)
			continue;
		power_figures(&ss[i].sums, this_month - 1, ss[i].promised_days, &rules, &e.fig);
		e.result = power_result_name(e.fig.suggested);
		e.reason = reasons[e.fig.suggested];
		e.problems = e.fig.suggested == POWER_RESULT_IMPROVE ? "个别办件超期" : NULL;
		if ((rc = store_evaluation_create(x->d->s, x->d->who, &power_json_audit, &e)) !=
		    KFQ_OK)
			return rc;
		x->made[1]++;
	}
	return KFQ_OK;
}

static int lists(struct ctx *x)
{
	int64_t this_month = workday_month(x->d->today);
	int rc;

	for (int z = 0; z < x->nzones; z++) {
		for (int k = 0; k < NSTATES; k++) {
			int power = (z * 11 + k * 4) % NPOWERS;
			int64_t id;
			if ((rc = walk(x, power, &x->zones[z], states[k], &id)) != KFQ_OK)
				return rc;
			x->made[0]++;
			if (!strcmp(states[k], "accepted") && k != NSTATES - 1 &&
			    (rc = months(x, id, z * 5 + k, this_month)) != KFQ_OK)
				return rc;
		}
		/* the first two sample zones publish their lists */
		if (z < 2 && (rc = store_power_publish(x->d->s, x->d->who, &power_json_audit,
		                                       x->zones[z].id, true)) != KFQ_OK)
			return rc;
	}
	return evaluate(x, this_month);
}

static int duty_lists(struct ctx *x)
{
	static const struct duty_step fire[] = {{"开发区受理并进行技术审查", 5},
	                                        {"县区住建部门现场评定并出具意见", 5}};
	static const struct duty_step safety[] = {{"开发区开展日常巡查并建立台账", 1},
	                                          {"发现重大隐患2日内移交县区应急管理局", 2},
	                                          {"县区应急管理局立案查处并反馈开发区", 10}};
	int rc;

	for (int z = 0; z < x->nzones; z++) {
		struct store_duty_item items[] = {
		    {.name = "招商引资和项目服务",
		     .holder = "zone",
		     .basis = "第2条“聚焦主责主业”"},
		    {.name = "产业规划和项目建设管理", .holder = "zone"},
		    {.name = "社区管理和社会事务",
		     .holder = "county",
		     .basis = "第2条：交由属地政府承担"},
		    {.name = "义务教育和医疗卫生", .holder = "county"},
		    {.name = "建设工程消防验收",
		     .holder = "shared",
		     .lead = "zone",
		     .steps = (struct duty_step *)fire,
		     .nsteps = 2},
		    {.name = "安全生产监督管理",
		     .holder = "shared",
		     .lead = "county",
		     .steps = (struct duty_step *)safety,
		     .nsteps = 3},
		};
		struct store_duty_list l = {
		    .zone_org_id = x->zones[z].id,
		    .county_org_id = x->zones[z].parent_id,
		    .cross_posts = "管委会主任由所在县区副区长兼任",
		    .coordination = "与所在街道建立月度联席会议，重大事项一事一议",
		    .items = items,
		    .nitems = (int)(sizeof(items) / sizeof(items[0])),
		};
		const char *status;
		if (!l.county_org_id)
			continue;
		if ((rc = store_duty_save(x->d->s, x->d->who, &power_json_audit, &l)) != KFQ_OK ||
		    (rc = store_duty_act(x->d->s, x->d->a, x->d->who, &power_json_audit, l.id,
		                         DUTY_SUBMIT, NULL, &status)) != KFQ_OK)
			return rc;
		x->made[3]++;
		/* every zone but the last has its list approved; the last waits for 编办 */
		if (z == x->nzones - 1)
			continue;
		if ((rc = store_duty_act(x->d->s, x->d->a, x->d->who, &power_json_audit, l.id,
		                         DUTY_APPROVE, "同意", &status)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

static int social(struct ctx *x)
{
	static const struct {
		const char *category, *name, *body, *status;
		int days;
	} rows[] = {
	    {"community", "社区管理", "所在街道办事处", "handed_over", -120},
	    {"education", "区内中小学和幼儿园管理", "所在县区教育局", "handing_over", 60},
	    {"health", "社区卫生服务中心", "所在县区卫生健康局", "planned", -10},
	    {"civil_affairs", "低保、救助等民政事务", "所在县区民政局", "carrying", 0},
	};
	int rc;

	for (int z = 0; z < x->nzones; z++)
		for (int i = 0; i < 4 - z % 3; i++) {
			char due[11];
			bool carrying = !strcmp(rows[i].status, "carrying");
			plan_day_format(x->d->today + rows[i].days + z * 15, due);
			struct store_social s = {
			    .zone_org_id = x->zones[z].id,
			    .category = rows[i].category,
			    .name = rows[i].name,
			    .receiving_body = carrying ? NULL : rows[i].body,
			    .target_date = carrying ? NULL : due,
			    .status = z == 0 && i == 1 ? "handed_over" : rows[i].status,
			    .evidence = !strcmp(rows[i].status, "handed_over") || (z == 0 && i == 1)
			                    ? "县区与开发区签订的移交协议"
			                    : NULL,
			};
			if ((rc = store_social_save(x->d->s, x->d->who, &affairs_json_audit, &s)) !=
			    KFQ_OK)
				return rc;
		}
	return KFQ_OK;
}

/* Two key matters, a problem reported on one (answered) and one still open; the open one's
 * query code goes into the summary so that the public query can be tried. */
static int matters(struct ctx *x)
{
	struct workday_calendar cal;
	int64_t shop[] = {x->power_ids[0], x->power_ids[6], x->power_ids[30]};
	int64_t build[] = {x->power_ids[10], x->power_ids[11], x->power_ids[12],
	                   x->power_ids[25], x->power_ids[26], x->power_ids[36]};
	struct store_matter ms[] = {
	    {.lead_org_id = 0,
	     .name = "开办餐饮店",
	     .steps = "一次告知\n一表申请\n一窗受理\n并联审批\n一次办结",
	     .promised_days = 3,
	     .power_ids = shop,
	     .npowers = 3},
	    {.lead_org_id = 0,
	     .name = "工业项目开工建设",
	     .steps =
	         "用地预审与选址\n用地规划许可\n工程规划许可\n环评审批\n消防设计审查\n施工许可",
	     .promised_days = 30,
	     .power_ids = build,
	     .npowers = 6},
	};
	struct store_org lead;
	int64_t due;
	int rc;

	if ((rc = store_org_find(x->d->s, x->d->a, "市数据局", &lead)) == KFQ_ENOTFOUND)
		return KFQ_OK; /* the seed's lead of art. 4 is not among the organizations */
	if (rc != KFQ_OK)
		return rc;
	for (int i = 0; i < 2; i++) {
		ms[i].lead_org_id = lead.id;
		if ((rc = store_matter_save(x->d->s, x->d->who, &affairs_json_audit, &ms[i])) !=
		    KFQ_OK)
			return rc;
	}
	if ((rc = store_calendar_load(x->d->s, x->d->a, &cal)) != KFQ_OK)
		return rc;
	if (workday_add(&cal, x->d->today, 3, &due) != 0) {
		strbuf_addstr(&x->d->summary,
		              "; no problems: the working-day calendar has no next year");
		return KFQ_OK;
	}
	for (int i = 0; i < 2; i++) {
		unsigned char rnd[PROBLEM_CODE_BYTES];
		unsigned char h[crypto_hash_sha256_BYTES];
		char code[PROBLEM_CODE_SHOWN], norm[PROBLEM_CODE_CHARS + 1], hash[65], day[11];
		struct store_problem p = {
		    .matter_id = ms[i].id,
		    /* a zone is optional on a problem: none when no zone is a sample */
		    .zone_org_id = x->nzones ? x->zones[i % x->nzones].id : 0,
		    .enterprise = i ? "抚顺某新材料科技有限公司" : "抚顺某餐饮管理有限公司",
		    .contact_phone = i ? "13904130000" : "13804130000",
		    .source = i ? "visit" : "hotline",
		    .description =
		        i ? "工程规划许可与施工许可材料重复提交" : "食品经营许可现场核查预约难",
		    .handler_org_id = x->dept_ids[i ? ZR : SJ],
		    .reporter_org_id = lead.id,
		};
		const char *status;
		plan_day_format(due, day);
		p.due_date = day;
		randombytes_buf(rnd, sizeof(rnd));
		problem_code_make(rnd, code);
		if (problem_code_normalize(code, norm) != 0)
			fatal("problem code %s does not read back", code);
		crypto_hash_sha256(h, (const unsigned char *)norm, strlen(norm));
		sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
		if ((rc = store_problem_create(x->d->s, x->d->who, &affairs_json_audit, &p,
		                               hash)) != KFQ_OK)
			return rc;
		if (i == 0 &&
		    (rc = store_problem_act(x->d->s, x->d->a, x->d->who, &affairs_json_audit, p.id,
		                            PROBLEM_ANSWER, "已开通线上预约，3个工作日内上门核查",
		                            &status)) != KFQ_OK)
			return rc;
		if (i == 1)
			strbuf_addf(&x->d->summary, "; problem query code %s", code);
	}
	return KFQ_OK;
}

static int rules(struct ctx *x)
{
	static const struct {
		int dept;
		const char *kind, *title, *provision, *change, *procedure;
		int days;
		const char *status, *result;
	} rows[] = {
	    {SJ, "own_normative", "抚顺市食品经营许可审查工作细则", "第五条",
	     "审批主体增加开发区管委会", "合法性审查后以部门规范性文件修订印发", -30, "done",
	     "抚市监规〔2025〕3号"},
	    {ZR, "city_document", "抚顺市建设项目规划管理办法", "第十二条、第十八条",
	     "开发区范围内的规划许可由管委会实施", "报市政府常务会议审议后修订", 45, "in_progress",
	     NULL},
	    {ZJ, "gov_rule", "抚顺市建设工程消防设计审查验收管理办法", "第七条",
	     "开发区范围内暂时调整实施主体", "按规章修订程序报市政府", -15, "in_progress", NULL},
	    {HB, "local_regulation", "抚顺市大气污染防治条例", "第二十三条",
	     "开发区内排污许可相关条款暂时调整实施", "提请市人大常委会作出暂时调整实施的决定", 120,
	     "planned", NULL},
	};
	int rc;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char due[11];
		plan_day_format(x->d->today + rows[i].days, due);
		struct store_rule r = {
		    .dept_org_id = x->dept_ids[rows[i].dept],
		    .kind = rows[i].kind,
		    .title = rows[i].title,
		    .provision = rows[i].provision,
		    .change = rows[i].change,
		    .procedure = rows[i].procedure,
		    .target_date = due,
		    .status = rows[i].status,
		    .result_document = rows[i].result,
		};
		if ((rc = store_rule_save(x->d->s, x->d->who, &affairs_json_audit, &r)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

int demo_power_present(struct demo *d, bool *yes)
{
	struct store_power_filter f = {.limit = 1};
	struct store_power *ps;
	int64_t total;
	int n, rc = store_power_list(d->s, d->a, &f, &ps, &n, &total);

	*yes = rc == KFQ_OK && total > 0;
	return rc;
}

int demo_power_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	struct ctx x = {.d = d};
	int n, rc;

	if ((rc = store_org_list(d->s, d->a, &of, &zones, &n)) != KFQ_OK)
		return rc;
	for (int i = 0; i < n && x.nzones < 8; i++)
		if (zones[i].is_sample)
			x.zones[x.nzones++] = zones[i];
	for (int i = 0; i < NDEPTS; i++)
		if ((rc = department(&x, i)) != KFQ_OK)
			return rc;
	if ((rc = catalogue(&x)) != KFQ_OK || (rc = lists(&x)) != KFQ_OK ||
	    (rc = duty_lists(&x)) != KFQ_OK || (rc = social(&x)) != KFQ_OK ||
	    (rc = matters(&x)) != KFQ_OK || (rc = rules(&x)) != KFQ_OK)
		return rc;
	strbuf_addf(&d->summary,
	            "; %d powers, %d list entries in every state, %d months of case figures, %d "
	            "evaluations, %d 权责清单",
	            NPOWERS, x.made[0], x.made[2], x.made[1], x.made[3]);
	return KFQ_OK;
}
