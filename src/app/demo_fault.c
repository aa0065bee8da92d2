/* demo_fault.c - the demo's 容错免责 cases (art. 18), so that the cases page, the case library
 * and the county view have something to show on a first look. One case decided: about the
 * leader of the sample zone graded 较差 last year, the three conditions answered with evidence
 * files (PDFs in the blob store, uploaded by the office), 先行先试中因缺乏经验出现的失误, 免责 by
 * 市纪委监委 (a holder of decide_fault, granted by demo_accountability.c) with the effect
 * 领导干部不予调整, 市委组织部's 不予调整 record citing it, and the case published to the library.
 * One case open: about another sample zone as a unit, one condition answered so far. Writes
 * through the store functions the web app uses. Must not write SQL. */
#include "app/attachment_json.h"
#include "app/demo.h"
#include "app/fault_json.h"
#include "app/leader_json.h"

#include "core/notice.h"
#include "store/store_fault.h"
#include "store/store_leader.h"
#include "store/store_org.h"
#include "util/blobstore.h"
#include "util/log.h"

#include <errno.h>
#include <string.h>

struct orgs {
	int64_t office, jiwei, zuzhi;
};

/* Stores a PDF of the lines and records it as an upload of the office for condition cond. */
static int evidence(struct demo *d, int64_t office, int cond, const char *filename,
                    const char *const *lines, int n, int64_t *id)
{
	char hex[BLOB_HASH_HEX];
	size_t len;
	const char *pdf = demo_pdf(d->a, lines, n, &len);
	struct store_attachment x = {.entity_type = store_fault_evidence_types[cond],
	                             .filename = filename,
	                             .mime = "application/pdf",
	                             .size = (int64_t)len,
	                             .org_id = office};
	int rc;

	if (blob_put(d->data_dir, pdf, len, hex) != 0) {
		d->error = arena_printf(d->a, "cannot store an evidence file in %s: %s",
		                        d->data_dir, strerror(errno));
		return KFQ_EIO;
	}
	x.sha256 = arena_strdup(d->a, hex);
	if ((rc = store_attachment_add(d->s, d->who, &attachment_json_audit, &x)) != KFQ_OK)
		return rc;
	*id = x.id;
	return KFQ_OK;
}

static int find_org(struct demo *d, const char *name, int64_t *id)
{
	struct store_org o;
	int rc = store_org_find(d->s, d->a, name, &o);

	*id = rc == KFQ_OK ? o.id : 0;
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

/* The decided case about the zone's leader (person, named), with its effect recorded. */
static int decided(struct demo *d, const struct orgs *o, int64_t zone, int64_t person,
                   const char *name, int year)
{
	static const char *const procedure[] = {
	    "党工委会议纪要（摘录）",
	    "议题：试行“标准地+承诺制”供地方案",
	    "出席：党工委委员7人，法律顾问列席",
	    "结论：经集体研究，同意试行，由主任牵头实施",
	};
	static const char *const diligence[] = {
	    "工作情况说明",
	    "试行方案由主任牵头制定，逐月调度项目进展",
	    "规划条件调整后即报告管委会并协调企业",
	    "补充协议签订后项目于次年3月开工",
	};
	static const char *const no_gain[] = {
	    "廉洁情况核查报告",
	    "经核查，本人及其亲属与用地企业无经济往来",
	    "未收受财物，未在企业兼职或持股",
	};
	static const char *const files[] = {"党工委会议纪要（摘录）.pdf", "工作情况说明.pdf",
	                                    "廉洁情况核查报告.pdf"};
	const char *const *texts[] = {procedure, diligence, no_gain};
	static const int lines[] = {4, 4, 3};
	int64_t ids[3];
	struct store_fault_case c = {0};
	struct store_leader_action k = {0};
	enum fault_rule frule;
	enum leader_rule lrule;
	int rc;

	for (int i = 0; i < 3; i++)
		if ((rc = evidence(d, o->office, i, files[i], texts[i], lines[i], &ids[i])) !=
		    KFQ_OK)
			return rc;
	c.title = "试行“标准地+承诺制”供地，首宗地块开工延误";
	c.subject_kind = "person";
	c.org_id = zone;
	c.person_id = person;
	c.happened = arena_printf(
	    d->a,
	    "%s同志牵头在全区率先试行“标准地+承诺制”供地。因缺乏经验，首宗地块出让方案未写明"
	    "规划条件调整后的衔接办法，项目开工较约定延后4个月；发现问题后及时报告并签订补充协"
	    "议，企业未受损失，项目已开工建设。",
	    name);
	c.source_decision = arena_printf(
	    d->a, "开发区党工委会议纪要〔%d〕9号：同意试行“标准地+承诺制”供地", year - 1);
	c.cond[0] = (struct store_fault_condition){
	    .met = 1,
	    .note = "试行方案经党工委会议集体研究决定，事前经法律顾问审查",
	    .add = &ids[0],
	    .nadd = 1};
	c.cond[1] = (struct store_fault_condition){
	    .met = 1,
	    .note = "牵头制定方案并逐月调度，发现问题后及时报告、协调补救",
	    .add = &ids[1],
	    .nadd = 1};
	c.cond[2] = (struct store_fault_condition){
	    .met = 1, .note = "经核查，本人及亲属与用地企业无利益往来", .add = &ids[2], .nadd = 1};
	c.distinction = "trial_inexperience";
	if ((rc = store_fault_save(d->s, d->who, &fault_json_audit, &c, o->office)) != KFQ_OK)
		return rc;
	rc = store_fault_decide(
	    d->s, d->who, &fault_json_audit, c.id, o->jiwei, "exempt",
	    "符合决策程序、勤勉尽责、未谋取私利，属先行先试中因缺乏经验出现的失误，"
	    "予以免责。",
	    "leader_kept", year - 1, "上年度考核较差，对该同志不予调整", &frule);
	if (rc == KFQ_EINVAL)
		d->error = fault_rule_message(frule);
	if (rc != KFQ_OK)
		return rc;
	if ((rc = store_fault_publish(
	         d->s, d->who, &fault_json_audit, c.id,
	         "先行先试要把集体决策的过程留痕，试点方案要预留与规划调整的"
	         "衔接；出现问题及时报告、主动补救，是认定勤勉尽责的关键。")) != KFQ_OK)
		return rc;
	if (!o->zuzhi)
		return KFQ_OK;
	k.org_id = zone;
	k.person_id = person;
	k.kind = "kept";
	k.year = year - 1;
	k.fault_case_id = c.id;
	k.basis = "开发区上年度考核较差，经容错免责认定予以免责，对主任不予调整";
	k.doc_no = "抚组干〔演示〕2号";
	rc = store_leader_action_add(d->s, d->who, &leader_json_audit, &k, o->zuzhi, &lrule);
	if (rc == KFQ_EINVAL)
		d->error = leader_rule_message(lrule);
	return rc;
}

/* The open case about a zone as a unit: the procedure answered, the rest still to come. */
static int open_case(struct demo *d, const struct orgs *o, int64_t zone, int year)
{
	static const char *const minutes[] = {
	    "管委会主任办公会议纪要（摘录）",
	    "议题：产业引导基金首期投资",
	    "结论：同意按基金管理办法出资3000万元",
	};
	int64_t id;
	struct store_fault_case c = {0};
	int rc;

	if ((rc = evidence(d, o->office, 0, "管委会主任办公会议纪要（摘录）.pdf", minutes, 3,
	                   &id)) != KFQ_OK)
		return rc;
	c.title = "产业引导基金首期投资未达预期收益";
	c.subject_kind = "unit";
	c.org_id = zone;
	c.happened = "开发区按上级尚无明确限制的做法，以产业引导基金参股培育新材料企业；受市场"
	             "价格下行影响，首期投资账面浮亏，未达基金设立时的预期收益。";
	c.source_decision = arena_printf(d->a, "管委会主任办公会议纪要〔%d〕3号", year);
	c.cond[0] = (struct store_fault_condition){
	    .met = 1, .note = "按基金管理办法经主任办公会议研究决定", .add = &id, .nadd = 1};
	c.cond[1] = (struct store_fault_condition){.met = -1};
	c.cond[2] = (struct store_fault_condition){.met = -1};
	c.distinction = "exploration_unrestricted";
	return store_fault_save(d->s, d->who, &fault_json_audit, &c, o->office);
}

int demo_fault_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	struct orgs o;
	int64_t kept = 0, other = 0, person = 0;
	const char *name = NULL;
	int nzones, year = notice_year(d->today), rc;

	if ((rc = find_org(d, "市商务局", &o.office)) != KFQ_OK ||
	    (rc = find_org(d, "市纪委监委", &o.jiwei)) != KFQ_OK ||
	    (rc = find_org(d, "市委组织部", &o.zuzhi)) != KFQ_OK ||
	    (rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK)
		return rc;
	if (!o.office || !o.jiwei)
		return KFQ_OK;
	/* the decided case's zone: graded 较差 last year (demo_accountability.c), where a leader
	 * would otherwise be adjusted; the open case's: the first other sample zone */
	for (int z = 0; z < nzones; z++) {
		const char *grade;
		if (!zones[z].is_sample)
			continue;
		if ((rc = store_leader_grade(d->s, d->a, zones[z].id, year - 1, &grade)) != KFQ_OK)
			return rc;
		if (!kept && grade && !strcmp(grade, "poor"))
			kept = zones[z].id;
		else if (!other)
			other = zones[z].id;
	}
	if (kept && (rc = demo_zone_leader(d, kept, &person, &name)) != KFQ_OK)
		return rc;
	if (person && (rc = decided(d, &o, kept, person, name, year)) != KFQ_OK)
		return rc;
	if (other && (rc = open_case(d, &o, other, year)) != KFQ_OK)
		return rc;
	strbuf_addf(&d->summary, ", %d 容错免责 cases", (person != 0) + (other != 0));
	return KFQ_OK;
}
