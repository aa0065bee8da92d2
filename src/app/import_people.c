/* import_people.c - the roster import: one person per row, in the layout a 人事科 keeps (姓名,
 * 身份证号码, 人员身份, 档案职务, 岗位职务, 岗位, 任用方式, 批准党委, 聘任政府, 是否挂职, 派出单位,
 * 挂职开始, 挂职结束, 开发区发放薪酬, 到岗日期, 开发区). The zone is the importer's own (a zone
 * user); the command line's operator names it in 开发区. Every row is held to the roster's
 * rules (core/people.h) as if entered by hand, counting the rows above it: 员额, 领导职数, a
 * post held once, an ID number on one roster. Must not write SQL nor decide a rule itself. */
#include "app/import.h"
#include "app/people_json.h"

#include "core/account.h"
#include "core/enums.h"
#include "core/people.h"
#include "store/store_org.h"
#include "store/store_people.h"
#include "util/log.h"

#include <string.h>

#define PEOPLE_MAX_ROWS 5000

enum {
	C_NAME,
	C_ID,
	C_IDENTITY,
	C_FILE_POST,
	C_JOB_POST,
	C_POST,
	C_APPOINTMENT,
	C_COMMITTEE,
	C_GOVERNMENT,
	C_SECONDED,
	C_FROM,
	C_SEC_START,
	C_SEC_END,
	C_PAID,
	C_START,
	C_ZONE,
	NCOLS
};

static const char *check_id(const struct import_value *v, struct arena *a)
{
	(void)a;
	char id[PEOPLE_ID_LEN + 1];

	return people_id_normalize(v->text, id)
	           ? NULL
	           : "身份证号码无效（应为18位，末位校验码按 GB 11643 计算）";
}

static const struct import_column cols[NCOLS] = {
    [C_NAME] = {.header = "姓名",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 50,
                .rule = "人员姓名",
                .sample = "张三"},
    [C_ID] = {.header = "身份证号码",
              .type = IMPORT_CODE,
              .required = true,
              .key = true,
              .max = 18,
              .rule = "18位公民身份号码，末位可为X；居住证号码亦可",
              .sample = "11010519491231002X",
              .check = check_id},
    [C_IDENTITY] = {.header = "人员身份",
                    .type = IMPORT_ENUM,
                    .required = true,
                    .options = &enum_person_identity,
                    .rule = "公务员、参照公务员管理、事业编制、企业人员或聘用人员",
                    .sample = "公务员"},
    [C_FILE_POST] = {.header = "档案职务",
                     .type = IMPORT_TEXT,
                     .max = 100,
                     .rule = "人事档案记载的职务（双轨制）",
                     .sample = "四级主任科员"},
    [C_JOB_POST] = {.header = "岗位职务",
                    .type = IMPORT_TEXT,
                    .max = 100,
                    .rule = "在开发区担任的岗位职务（双轨制）",
                    .sample = "招商一部部长"},
    [C_POST] = {.header = "岗位",
                .type = IMPORT_TEXT,
                .max = 100,
                .rule = "市委编办核定的本开发区岗位名称，须空缺",
                .sample = "招商专员"},
    [C_APPOINTMENT] = {.header = "任用方式",
                       .type = IMPORT_ENUM,
                       .required = true,
                       .options = &enum_appointment,
                       .rule = "委任制或聘任制",
                       .sample = "委任制"},
    [C_COMMITTEE] = {.header = "批准党委",
                     .type = IMPORT_TEXT,
                     .max = 100,
                     .rule = "聘任制领导必填",
                     .sample = ""},
    [C_GOVERNMENT] = {.header = "聘任政府",
                      .type = IMPORT_TEXT,
                      .max = 100,
                      .rule = "聘任制领导必填",
                      .sample = ""},
    [C_SECONDED] = {.header = "是否挂职",
                    .type = IMPORT_BOOL,
                    .rule = "是或否，不填为否",
                    .sample = "否"},
    [C_FROM] = {.header = "派出单位",
                .type = IMPORT_TEXT,
                .max = 100,
                .rule = "挂职人员必填",
                .sample = ""},
    [C_SEC_START] = {.header = "挂职开始",
                     .type = IMPORT_DATE,
                     .rule = "挂职人员必填",
                     .sample = ""},
    [C_SEC_END] = {.header = "挂职结束",
                   .type = IMPORT_DATE,
                   .rule = "应晚于挂职开始",
                   .sample = ""},
    [C_PAID] = {.header = "开发区发放薪酬",
                .type = IMPORT_BOOL,
                .rule = "是或否，不填为是；挂职人员由派出单位发放的填否",
                .sample = "是"},
    [C_START] = {.header = "到岗日期",
                 .type = IMPORT_DATE,
                 .required = true,
                 .rule = "到开发区工作的日期",
                 .sample = "2026-01-01"},
    [C_ZONE] = {.header = "开发区",
                .type = IMPORT_TEXT,
                .max = 100,
                .rule = "不填为导入人所在开发区；只能导入本开发区的人员",
                .sample = ""},
};

/* A zone the file puts people in: its figures and its roster counted so far. */
struct zone {
	int64_t org_id;
	bool staffed;
	struct staffing_figures f;
	struct roster_counts n;
	struct store_post *posts;
	int nposts;
};

struct state {
	struct store_org *orgs;
	int norgs;
	struct zone *zones;
	int nzones, cap;
	int64_t *used_posts; /* posts given to rows above */
	int nused, cap_used;
};

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {0};
	struct state *st = arena_zalloc(r->a, sizeof(*st));

	r->state = st;
	return store_org_list(r->s, r->a, &f, &st->orgs, &st->norgs);
}

static const struct store_org *find_org(const struct state *st, const char *name)
{
	return import_org_named(st->orgs, st->norgs, name);
}

/* The zone's state, loaded the first time a row names it; NULL after a store error. */
static struct zone *zone_of(struct import_run *r, int64_t org_id, int *rc)
{
	struct state *st = r->state;
	struct store_staffing cur;
	struct store_scope all = {0};
	struct zone *z;

	for (int i = 0; i < st->nzones; i++)
		if (st->zones[i].org_id == org_id)
			return &st->zones[i];
	if (st->nzones == st->cap)
		st->zones = arena_grow(r->a, st->zones, sizeof(*st->zones), &st->cap);
	z = &st->zones[st->nzones];
	memset(z, 0, sizeof(*z));
	z->org_id = org_id;
	*rc = store_staffing_current(r->s, r->a, org_id, &cur);
	if (*rc == KFQ_OK) {
		z->staffed = true;
		z->f = cur.f;
		z->n = cur.now;
	} else if (*rc != KFQ_ENOTFOUND) {
		return NULL;
	}
	if ((*rc = store_post_list(r->s, r->a, org_id, &all, &z->posts, &z->nposts)) != KFQ_OK)
		return NULL;
	st->nzones++;
	return z;
}

static const struct store_post *find_post(const struct zone *z, const char *name)
{
	for (int i = 0; i < z->nposts; i++)
		if (!strcmp(z->posts[i].name, name))
			return &z->posts[i];
	return NULL;
}

static bool post_used(const struct state *st, int64_t id)
{
	for (int i = 0; i < st->nused; i++)
		if (st->used_posts[i] == id)
			return true;
	return false;
}

static void problem_rule(struct import_run *r, int64_t row, int col, enum people_rule rule)
{
	import_run_problem(r, row, col >= 0 ? cols[col].header : NULL, "%s",
	                   people_rule_message(rule));
}

/* The zone the row goes to (0 after a problem). */
static int64_t row_zone(struct import_run *r, int64_t row, const struct import_value *v)
{
	const struct store_org *o;

	if (!v[C_ZONE].present) {
		if (!r->who->org_id)
			import_run_problem(r, row, cols[C_ZONE].header, "请填写开发区");
		return r->who->org_id;
	}
	o = find_org(r->state, v[C_ZONE].text);
	if (!o || strcmp(o->type, "zone") != 0) {
		import_run_problem(r, row, cols[C_ZONE].header, "找不到开发区“%s”", v[C_ZONE].text);
		return 0;
	}
	if (r->role && o->id != r->who->org_id) {
		import_run_problem(r, row, cols[C_ZONE].header, "只能导入本开发区的人员");
		return 0;
	}
	return o->id;
}

static void check_secondment(struct import_run *r, int64_t row, const struct import_value *v)
{
	if (!v[C_SECONDED].present || !v[C_SECONDED].yes)
		return;
	if (!v[C_FROM].present)
		import_run_problem(r, row, cols[C_FROM].header, "挂职人员须写明派出单位");
	if (!v[C_SEC_START].present)
		import_run_problem(r, row, cols[C_SEC_START].header, "挂职人员须写明挂职开始日期");
	else if (v[C_SEC_END].present &&
	         people_secondment_check(v[C_SEC_START].date, v[C_SEC_END].date) != PEOPLE_OK)
		problem_rule(r, row, C_SEC_END, PEOPLE_SECONDMENT_ORDER);
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_post *post = NULL;
	char id[PEOPLE_ID_LEN + 1];
	struct roster_counts after;
	enum people_rule rule;
	struct zone *z;
	bool taken;
	int64_t org = row_zone(r, row, v);
	int rc = KFQ_OK;

	check_secondment(r, row, v);
	if (!org)
		return;
	if (!(z = zone_of(r, org, &rc))) {
		import_run_problem(r, row, NULL, "读取开发区编制失败（%d）", rc);
		return;
	}
	if (!z->staffed) {
		problem_rule(r, row, C_ZONE, PEOPLE_NO_STAFFING);
		return;
	}
	if (v[C_ID].present && !store_people_key_ready())
		import_run_problem(
		    r, row, cols[C_ID].header,
		    "服务器缺少身份证号密钥文件，人员名册暂不能导入，请联系系统管理员恢复密钥文件");
	else if (v[C_ID].present && people_id_normalize(v[C_ID].text, id)) {
		if ((rc = store_person_id_taken(r->s, id, &taken)) != KFQ_OK)
			import_run_problem(r, row, cols[C_ID].header, "读取人员名册失败（%d）", rc);
		else if (taken)
			problem_rule(r, row, C_ID, PEOPLE_TWO_POSTS);
	}
	if (v[C_POST].present) {
		post = find_post(z, v[C_POST].text);
		if (!post)
			import_run_problem(r, row, cols[C_POST].header,
			                   "本开发区没有核定的岗位“%s”", v[C_POST].text);
		else if (post->holder_id || post_used(st, post->id))
			problem_rule(r, row, C_POST, PEOPLE_POST_TAKEN);
	}
	if (post && post->leader && v[C_APPOINTMENT].present &&
	    !strcmp(v[C_APPOINTMENT].text, "hired") &&
	    (!v[C_COMMITTEE].present || !v[C_GOVERNMENT].present))
		problem_rule(r, row, C_COMMITTEE, PEOPLE_HIRED_LEADER);
	/* a row with a problem is not counted: the file is refused anyway, and the 员额 is named
	 * on the first good row that would exceed it */
	if (r->problems.last_row == row)
		return;
	after = z->n;
	after.people++;
	after.leaders += post && post->leader;
	if ((rule = people_counts_check(&z->f, &after)) != PEOPLE_OK)
		problem_rule(r, row, -1, rule);
	z->n = after;
	if (post) {
		if (st->nused == st->cap_used)
			st->used_posts = arena_grow(r->a, st->used_posts, sizeof(*st->used_posts),
			                            &st->cap_used);
		st->used_posts[st->nused++] = post->id;
	}
}

static const char *text(struct import_run *r, const struct import_value *v)
{
	return v->present ? arena_strdup(r->a, v->text) : NULL;
}

static const char *date(struct import_run *r, const struct import_value *v)
{
	return v->present ? arena_strdup(r->a, v->date) : NULL;
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct store_person p = {0};
	enum people_rule rule;
	char *id = arena_alloc(r->a, PEOPLE_ID_LEN + 1);
	const struct store_post *post;
	struct zone *z;
	int rc = KFQ_OK;

	p.org_id = v[C_ZONE].present ? find_org(r->state, v[C_ZONE].text)->id : r->who->org_id;
	if (!(z = zone_of(r, p.org_id, &rc)))
		return rc;
	people_id_normalize(v[C_ID].text, id);
	p.id_number = id;
	p.name = text(r, &v[C_NAME]);
	p.identity = text(r, &v[C_IDENTITY]);
	p.file_post = text(r, &v[C_FILE_POST]);
	p.job_post = text(r, &v[C_JOB_POST]);
	post = v[C_POST].present ? find_post(z, v[C_POST].text) : NULL;
	p.post_id = post ? post->id : 0;
	p.appointment = text(r, &v[C_APPOINTMENT]);
	p.approving_committee = text(r, &v[C_COMMITTEE]);
	p.appointing_government = text(r, &v[C_GOVERNMENT]);
	p.seconded = v[C_SECONDED].present && v[C_SECONDED].yes;
	if (p.seconded) {
		p.seconded_from = text(r, &v[C_FROM]);
		p.secondment_start = date(r, &v[C_SEC_START]);
		p.secondment_end = date(r, &v[C_SEC_END]);
	}
	p.paid_by_zone = !v[C_PAID].present || v[C_PAID].yes;
	p.start_date = date(r, &v[C_START]);
	rc = store_person_insert(r->s, r->who, &people_json_audit, &p, &rule);
	if (rc == KFQ_EINVAL)
		import_run_problem(r, row, NULL, "%s", people_rule_message(rule));
	return rc;
}

static int write_nothing(struct import_run *r)
{
	(void)r;
	return KFQ_OK;
}

const struct import_kind import_people = {
    .name = "people",
    .title = "人员名册",
    .perm = PERM_PEOPLE_WRITE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = PEOPLE_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_nothing,
    .write_row = write_row,
};
