/* board.c - the supervision board: completion and overdue counts per task × zone cell, per
 * task and per zone (optionally over one policy's tasks), the oldest overdue milestones, the
 * stalled 招商 projects (art. 13, for a role that reads the pipeline), the rules to adjust and
 * the social-affairs hand-over (arts. 17 and 2, for a role that reads the powers module), and
 * the zones' ranking as .xlsx or CSV.
 * A caller sees the cells of the organizations in its data scope and of the tasks its
 * organization leads (谁牵头、谁督促). Must not write SQL; the sums come from store_board. */
#include "api/board.h"
#include "api/export.h"
#include "api/invest.h"
#include "api/powers_board.h"

#include "core/plan.h"
#include "store/store_org.h"
#include "app/plan_json.h"
#include "store/store_task.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The board's cells over all plans, kept until the plans change (store_plan_version) or the
 * day does: computing them reads every plan. Shared by the worker threads. */
static struct {
	pthread_mutex_t mu;
	int64_t version;
	char today[11];
	struct store_board_cell *cells; /* heap, owned by the cache */
	int n;
} board_cache = {.mu = PTHREAD_MUTEX_INITIALIZER, .version = -1};

/* What one request sees; everything in the request's arena. */
struct view {
	struct milestone_bounds b;
	struct store_task *tasks;
	struct store_org *orgs;  /* every organization, for its type */
	struct store_org *zones; /* the zones shown: in scope or with a visible cell */
	struct store_board_cell *cells;
	bool *visible; /* per cell */
	struct store_milestone *late;
	int ntasks, norgs, nzones, ncells, nlate;
	int64_t *ids; /* data scope (api_scope_orgs) */
	int nids;
	int64_t lead_org_id; /* the caller's organization if it leads a task, else 0 */
};

/* the stalled projects the board lists, the longest in their stage first; the count is of all */
#define BOARD_STALLED_MAX 20

struct totals {
	int64_t completion_bp, plans, overdue;
};

static int cells(struct api_ctx *c, const struct milestone_bounds *b, struct store_board_cell **out,
                 int *n)
{
	int64_t version;
	int rc;
	bool hit;

	if ((rc = store_plan_version(c->db, &version)) != KFQ_OK)
		return rc;
	pthread_mutex_lock(&board_cache.mu);
	hit = board_cache.version == version && !strcmp(board_cache.today, b->today);
	if (hit) {
		*n = board_cache.n;
		*out = arena_alloc(c->a, sizeof(**out) * (size_t)(*n + 1));
		memcpy(*out, board_cache.cells, sizeof(**out) * (size_t)*n);
	}
	pthread_mutex_unlock(&board_cache.mu);
	if (hit)
		return KFQ_OK;
	if ((rc = store_board(c->db, c->a, b, out, n)) != KFQ_OK)
		return rc;
	struct store_board_cell *copy = xmalloc(sizeof(*copy) * (size_t)(*n + 1));
	if (*n) /* no plans yet: *out is NULL */
		memcpy(copy, *out, sizeof(*copy) * (size_t)*n);
	pthread_mutex_lock(&board_cache.mu);
	free(board_cache.cells);
	board_cache.cells = copy;
	board_cache.n = *n;
	board_cache.version = version;
	memcpy(board_cache.today, b->today, sizeof(board_cache.today));
	pthread_mutex_unlock(&board_cache.mu);
	return KFQ_OK;
}

static bool has_task(const struct view *v, int64_t task_id)
{
	for (int i = 0; i < v->ntasks; i++)
		if (v->tasks[i].id == task_id)
			return true;
	return false;
}

static bool has_id(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Loads what the caller may see, narrowed to one zone and one policy's tasks when org_id or
 * policy_id are not 0; each task with its units when with_units. Answers errors itself and
 * returns -1. */
static int load(struct api_ctx *c, int64_t org_id, int64_t policy_id, bool with_units,
                struct view *v)
{
	struct store_task_filter tf = {0}, lf = {0};
	struct store_org_filter of = {0};
	struct store_task *led;
	int64_t total, *resp;
	int nled, nresp, rc;

	memset(v, 0, sizeof(*v));
	if (api_scope_orgs(c, &v->ids, &v->nids) != 0)
		return -1;
	milestone_bounds(plan_today(c->now), &v->b);
	tf.policy_id = policy_id;
	tf.without_orgs = !with_units;
	lf.org_id = c->sess.user.org_id;
	lf.role = "lead";
	lf.without_orgs = true;
	if ((rc = store_task_list(c->db, c->a, &tf, &v->tasks, &v->ntasks, &total)) != KFQ_OK ||
	    (rc = store_task_list(c->db, c->a, &lf, &led, &nled, &total)) != KFQ_OK ||
	    (rc = store_org_list(c->db, c->a, &of, &v->orgs, &v->norgs)) != KFQ_OK ||
	    (rc = store_board_responsible(c->db, c->a, policy_id, &resp, &nresp)) != KFQ_OK ||
	    (rc = cells(c, &v->b, &v->cells, &v->ncells)) != KFQ_OK)
		return api_store_error(c, rc);
	/* leading nothing, the late list need not look for led tasks */
	v->lead_org_id = nled ? c->sess.user.org_id : 0;
	v->visible = arena_zalloc(c->a, sizeof(*v->visible) * (size_t)(v->ncells + 1));
	for (int k = 0; k < v->ncells; k++) {
		if ((org_id && v->cells[k].org_id != org_id) ||
		    (policy_id && !has_task(v, v->cells[k].task_id)))
			continue;
		v->visible[k] = api_scope_allows(v->ids, v->nids, v->cells[k].org_id);
		for (int i = 0; i < nled && !v->visible[k]; i++)
			v->visible[k] = led[i].id == v->cells[k].task_id;
	}
	/* The board ranks the zones in scope responsible for one of its tasks: a zone the tasks
	 * name nowhere has nothing to plan and is no laggard (DECISIONS 381). One organization's
	 * page (a county's too) shows that one. */
	v->zones = arena_alloc(c->a, sizeof(*v->zones) * (size_t)(v->norgs + 1));
	for (int i = 0; i < v->norgs; i++) {
		const struct store_org *o = &v->orgs[i];
		if (org_id ? o->id != org_id : strcmp(o->type, "zone") != 0)
			continue;
		bool shown = api_scope_allows(v->ids, v->nids, o->id) &&
		             (org_id || has_id(resp, nresp, o->id));
		for (int k = 0; k < v->ncells && !shown; k++)
			shown = v->visible[k] && v->cells[k].org_id == o->id;
		if (shown)
			v->zones[v->nzones++] = *o;
	}
	return 0;
}

/* Over the visible cells of one task or one zone: the milestones' weighted sums added up and
 * rounded once. */
static struct totals sum(const struct view *v, int64_t task_id, int64_t org_id)
{
	int64_t weighted = 0, weights = 0;
	struct totals t = {0};

	for (int k = 0; k < v->ncells; k++) {
		const struct store_board_cell *x = &v->cells[k];
		if ((task_id && x->task_id != task_id) || (org_id && x->org_id != org_id) ||
		    !v->visible[k])
			continue;
		weighted += x->weighted;
		weights += x->weight_total;
		t.plans++;
		t.overdue += x->overdue;
	}
	t.completion_bp = plan_completion_from_sums(weighted, weights);
	return t;
}

static void write_totals(struct api_ctx *c, struct totals t)
{
	jsonw_kint(&c->w, "completion_bp", t.completion_bp);
	jsonw_kint(&c->w, "plans", t.plans);
	jsonw_kint(&c->w, "overdue", t.overdue);
}

/* The stalled projects as 招商项目?stalled=1 (of the zone when the board is one zone's) lists
 * them, for a role that reads the pipeline. */
struct stalled {
	bool shown;
	struct store_invest_project *p;
	int n, days;
	int64_t total;
};

static int stalled_load(struct api_ctx *c, int64_t org_id, struct stalled *s)
{
	memset(s, 0, sizeof(*s));
	s->shown = account_role_perms(c->sess.user.role) & PERM_INDUSTRY_READ;
	if (!s->shown)
		return 0;
	return invest_stalled_list(c, org_id, BOARD_STALLED_MAX, &s->p, &s->n, &s->total, &s->days);
}

/* "stalled_projects": {count, stall_days, items}; absent for a role without the pipeline */
static void stalled_json(struct api_ctx *c, const struct stalled *s)
{
	if (!s->shown)
		return;
	jsonw_key(&c->w, "stalled_projects");
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "count", s->total);
	jsonw_kint(&c->w, "stall_days", s->days);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < s->n; i++)
		invest_project_json(c, &s->p[i], s->days);
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
}

static int board(struct api_ctx *c)
{
	struct store_milestone_filter mf = {0};
	struct stalled st;
	struct powers_board pb;
	struct view v;
	int64_t org_id = api_query_int(c, "org_id", 0), total;
	int rc;

	if (load(c, org_id, api_query_int(c, "policy_id", 0), false, &v) != 0)
		return -1;
	mf.state = "overdue";
	mf.org_id = org_id;
	/* the late list is of the policy the counters and cells are of */
	mf.policy_id = api_query_int(c, "policy_id", 0);
	api_scope(c, &mf.scope);
	mf.lead_org_id = v.lead_org_id;
	mf.limit = 50;
	mf.skip_total = true;
	if ((rc = store_milestone_list(c->db, c->a, &mf, &v.b, &v.late, &v.nlate, &total)) !=
	    KFQ_OK)
		return api_store_error(c, rc);
	if (stalled_load(c, org_id, &st) != 0 || powers_board_load(c, org_id, &pb) != 0)
		return -1;
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "today", v.b.today);
	jsonw_key(&c->w, "tasks");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < v.ntasks; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", v.tasks[i].id);
		jsonw_kint(&c->w, "policy_id", v.tasks[i].policy_id);
		jsonw_kint(&c->w, "article_number", v.tasks[i].article_number);
		jsonw_kstr(&c->w, "title", v.tasks[i].title);
		write_totals(c, sum(&v, v.tasks[i].id, 0));
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "zones");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < v.nzones; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "id", v.zones[i].id);
		jsonw_kstr(&c->w, "name", v.zones[i].name);
		write_totals(c, sum(&v, 0, v.zones[i].id));
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "cells");
	jsonw_arr_open(&c->w);
	total = 0;
	for (int k = 0; k < v.ncells; k++) {
		if (!v.visible[k])
			continue;
		total += v.cells[k].overdue;
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "task_id", v.cells[k].task_id);
		jsonw_kint(&c->w, "org_id", v.cells[k].org_id);
		jsonw_kint(&c->w, "completion_bp", v.cells[k].completion_bp);
		jsonw_kint(&c->w, "milestones", v.cells[k].milestones);
		jsonw_kint(&c->w, "overdue", v.cells[k].overdue);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "overdue");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < v.nlate; i++)
		plan_json_milestone(&c->w, &v.late[i], true);
	jsonw_arr_close(&c->w);
	jsonw_kint(&c->w, "overdue_total", total);
	stalled_json(c, &st);
	powers_board_json(c, &pb);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

static bool plans_by_itself(const struct view *v, int64_t org_id)
{
	for (int i = 0; i < v->norgs; i++)
		if (v->orgs[i].id == org_id)
			return !strcmp(v->orgs[i].type, "zone") ||
			       !strcmp(v->orgs[i].type, "county");
	return false;
}

/* The responsible zones and counties of task t the caller sees (as it sees their cells: in its
 * scope, or any when its organization leads the task; org_id's alone when not 0) that have no
 * submitted or approved plan for it. */
static int64_t unplanned(const struct api_ctx *c, const struct view *v, const struct store_task *t,
                         int64_t org_id)
{
	bool leads = false;
	int64_t n = 0;

	for (int i = 0; i < t->nlead && !leads; i++)
		leads = t->lead[i].id == c->sess.user.org_id;
	for (int i = 0; i < t->nresponsible; i++) {
		int64_t id = t->responsible[i].id;
		bool planned = false;
		if ((org_id && id != org_id) || !plans_by_itself(v, id) ||
		    !(leads || api_scope_allows(v->ids, v->nids, id)))
			continue;
		for (int k = 0; k < v->ncells && !planned; k++)
			planned = v->visible[k] && v->cells[k].task_id == t->id &&
			          v->cells[k].org_id == id;
		n += !planned;
	}
	return n;
}

int board_task_progress(struct api_ctx *c, int64_t org_id, struct board_task_progress **out, int *n)
{
	struct view v;

	if (load(c, org_id, 0, true, &v) != 0)
		return -1;
	*out = arena_alloc(c->a, sizeof(**out) * (size_t)(v.ntasks + 1));
	*n = v.ntasks;
	for (int i = 0; i < v.ntasks; i++) {
		struct totals t = sum(&v, v.tasks[i].id, 0);
		int64_t gaps = unplanned(c, &v, &v.tasks[i], org_id);
		(*out)[i] = (struct board_task_progress){
		    .task_id = v.tasks[i].id,
		    .completion_bp = t.completion_bp,
		    .plans = t.plans,
		    .overdue = t.overdue,
		    .missing = gaps,
		    .state = plan_task_state(t.plans, t.completion_bp, t.overdue, gaps),
		};
	}
	return 0;
}

const struct board_task_progress *board_task_find(const struct board_task_progress *p, int n,
                                                  int64_t task_id)
{
	for (int i = 0; i < n; i++)
		if (p[i].task_id == task_id)
			return &p[i];
	return NULL;
}

struct ranked {
	const struct store_org *zone;
	struct totals t;
};

/* best first: zones with plans, higher completion, fewer overdue milestones, then the
 * organization order */
static int by_rank(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if ((a->t.plans == 0) != (b->t.plans == 0))
		return a->t.plans == 0 ? 1 : -1;
	if (a->t.completion_bp != b->t.completion_bp)
		return a->t.completion_bp > b->t.completion_bp ? -1 : 1;
	if (a->t.overdue != b->t.overdue)
		return a->t.overdue < b->t.overdue ? -1 : 1;
	return a->zone->id < b->zone->id ? -1 : a->zone->id > b->zone->id;
}

static const char *const rank_headers[] = {"名次", "开发区", "计划数", "完成率", "逾期节点"};

/* The zones' ranking as the board shows it; zones without a plan come last. */
static int ranking(struct api_ctx *c)
{
	static const double widths[] = {6, 30, 8, 10, 10};
	struct export_table t;
	struct ranked *r;
	struct view v;

	if (load(c, 0, api_query_int(c, "policy_id", 0), false, &v) != 0)
		return -1;
	r = arena_alloc(c->a, sizeof(*r) * (size_t)(v.nzones + 1));
	for (int i = 0; i < v.nzones; i++)
		r[i] = (struct ranked){&v.zones[i], sum(&v, 0, v.zones[i].id)};
	qsort(r, (size_t)v.nzones, sizeof(*r), by_rank);
	if (export_begin(c, &t, "开发区排名", rank_headers, widths, 5) != 0)
		return -1;
	for (int i = 0; i < v.nzones; i++) {
		export_int(&t, i + 1);
		export_text(&t, r[i].zone->name);
		export_int(&t, r[i].t.plans);
		export_bp_percent(&t, r[i].t.completion_bp);
		export_int(&t, r[i].t.overdue);
		export_end_row(&t);
	}
	return export_finish(c, &t, "开发区排名");
}

static const struct api_field board_query[] = {
    API_ID_FIELD("org_id", false),
    API_ID_FIELD("policy_id", false),
    API_FIELDS_END,
};
static const struct api_field ranking_query[] = {API_ID_FIELD("policy_id", false), API_FIELDS_END};

const struct api_route api_board_routes[] = {
    {"GET", "/api/board", board, PERM_TASK_READ, 0, board_query, NULL},
    {"GET", "/api/board/ranking.xlsx", ranking, PERM_TASK_READ, 0, ranking_query, NULL},
    {"GET", "/api/board/ranking.csv", ranking, PERM_TASK_READ, 0, ranking_query, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
