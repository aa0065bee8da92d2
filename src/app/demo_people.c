/* demo_people.c - the demo's staffing, rosters and performance pay: this year's figures and
 * posts for each sample zone (as 编办 would approve them), a roster of ten with a secondee
 * paid by his unit and one who returned, the office's R, coefficients and grades (the first
 * zone's distribution plan, from its staff's KPI scores, is demo_kpi.c's).
 * Everything goes through the store functions the web app uses, so the rules and the audit
 * log are the same. Must not write SQL. */
#include "app/demo.h"
#include "app/pay_json.h"
#include "app/people_json.h"

#include "core/notice.h"
#include "core/people.h"
#include "store/store_org.h"
#include "store/store_pay.h"
#include "store/store_people.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

#define ROSTER 10

static const char *const names[ROSTER] = {"王建国", "李秀英", "张伟", "刘洋", "陈静",
                                          "杨帆",   "赵磊",   "黄丽", "周强", "吴敏"};
static const struct {
	const char *name, *grade;
	bool leader;
} posts[] = {
    {"主任", "正处级", true},
    {"副主任", "副处级", true},
    {"招商服务局局长", "正科级", true},
    {"招商专员", "一级主任科员", false},
    {"项目专员", "二级主任科员", false},
    {"综合文员", "四级主任科员", false},
    {"财务专员", "四级主任科员", false},
    {"规划专员", "三级主任科员", false},
    {"企业服务专员", "四级主任科员", false},
    {"政策研究员", "二级主任科员", false},
};
static const char *const grades[] = {"excellent", "good", "fair", "poor"};

/* A valid ID number for the demo: region 210402 (新抚区), the birth date, a serial. */
static const char *demo_id(struct arena *a, int zone, int i)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	char *s = arena_alloc(a, PEOPLE_ID_LEN + 1), digits[64];
	int sum = 0;

	/* written wide, then cut to the 17 digits: gcc -O3 cannot bound the fields' widths */
	snprintf(digits, sizeof(digits), "210402%04d%02d%02d%03d", 1970 + zone * 7 + i, 1 + i,
	         10 + zone, 100 + zone * 10 + i);
	memcpy(s, digits, 17);
	for (int k = 0; k < 17; k++)
		sum += (s[k] - '0') * w[k];
	s[17] = "10X98765432"[sum % 11];
	s[18] = '\0';
	return s;
}

static int staff_zone(struct demo *d, const struct store_org *z, int zi, int year)
{
	static const char *bodies[] = {"综合办公室", "招商服务局", "项目建设局", "企业服务中心"};
	struct store_staffing st = {0};
	enum people_rule rule;
	int64_t post_ids[ROSTER];
	char doc[64], date[16];
	int rc;

	snprintf(doc, sizeof(doc), "抚编发〔%d〕%d号", year, 11 + zi);
	st.org_id = z->id;
	st.year = year;
	st.f = (struct staffing_figures){6, 8, 4, 3, 12};
	st.doc_no = arena_strdup(d->a, doc);
	st.bodies = bodies;
	st.n_bodies = 4;
	if ((rc = store_staffing_set(d->s, d->who, &people_json_audit, &st, &rule)) != KFQ_OK)
		return rc;
	for (int i = 0; i < ROSTER; i++) {
		struct store_post p = {.org_id = z->id,
		                       .name = posts[i].name,
		                       .grade = posts[i].grade,
		                       .leader = posts[i].leader,
		                       .body = bodies[i % 4]};
		if ((rc = store_post_create(d->s, d->who, &people_json_audit, &p)) != KFQ_OK)
			return rc;
		post_ids[i] = p.id;
	}
	snprintf(date, sizeof(date), "%d-01-01", year);
	for (int i = 0; i < ROSTER; i++) {
		struct store_person p = {0};
		p.org_id = z->id;
		p.name = names[(i + zi * 3) % ROSTER];
		p.id_number = demo_id(d->a, zi, i);
		p.identity = i < 4 ? "civil_servant" : i < 7 ? "institution" : "contract";
		p.appointment = i < 7 ? "appointed" : "hired";
		p.file_post = i < 3 ? "四级调研员" : "科员";
		p.job_post = posts[i].name;
		p.post_id = post_ids[i];
		p.paid_by_zone = true;
		p.start_date = date;
		if (i == 8 || i == 9) { /* secondees: 周强 paid by his unit, 吴敏 returns in June */
			p.seconded = true;
			p.seconded_from = "市发展改革委";
			p.secondment_start = date;
			p.paid_by_zone = i == 9;
		}
		if ((rc = store_person_create(d->s, d->who, &people_json_audit, &p, &rule)) !=
		    KFQ_OK)
			return rc;
		if (i == 9) {
			snprintf(date, sizeof(date), "%d-06-30", year);
			rc = store_person_end(d->s, d->who, &people_json_audit, p.id,
			                      "secondment_over", date, NULL, &rule);
			if (rc != KFQ_OK)
				return rc;
		}
	}
	return KFQ_OK;
}

/* The office's figures of the year: R of the city, coefficients, each sample zone's grade. */
static int set_pay(struct demo *d, const struct store_org *zones, int nzones, int year)
{
	static const int64_t coef[] = {30000, 20000, 12000, 8000};
	struct store_pay_level l = {.year = year, .ref_salary_fen = 7200000, .r_fen = 4800000};
	int rc, k = 0;

	if ((rc = store_pay_level_set(d->s, d->who, &pay_json_audit, &l)) != KFQ_OK)
		return rc;
	for (int g = 0; g < 4; g++) {
		struct store_pay_coef c = {.year = year, .grade = grades[g], .coef_bp = coef[g]};
		if ((rc = store_pay_coef_set(d->s, d->who, &pay_json_audit, &c)) != KFQ_OK)
			return rc;
	}
	for (int z = 0; z < nzones; z++) {
		if (!zones[z].is_sample)
			continue;
		struct store_zone_grade g = {
		    .year = year, .org_id = zones[z].id, .grade = grades[k++ % 4]};
		if ((rc = store_zone_grade_set(d->s, d->who, &pay_json_audit, &g)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

int demo_people_fill(struct demo *d)
{
	struct store_org_filter of = {.type = "zone"};
	struct store_org *zones;
	int nzones, staffed = 0, year = notice_year(d->today), rc;

	if ((rc = store_org_list(d->s, d->a, &of, &zones, &nzones)) != KFQ_OK)
		return rc;
	for (int z = 0; z < nzones; z++) {
		if (!zones[z].is_sample)
			continue;
		if ((rc = staff_zone(d, &zones[z], staffed++, year)) != KFQ_OK)
			return rc;
	}
	if ((rc = set_pay(d, zones, nzones, year)) != KFQ_OK)
		return rc;
	strbuf_addf(&d->summary, ", staffing and rosters of %d zones with their pools", staffed);
	return KFQ_OK;
}
