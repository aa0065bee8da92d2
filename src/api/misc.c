/* misc.c - health, metrics and the home dashboard's counts: organizations, and per role what
 * tells it something about its work (the milestones in view by state, accounts by role, the
 * audit record count). What awaits the user is GET /api/todos (todo.c). */
#include "api/api.h"
#include "api/mujun_eval.h"

#include "core/enums.h"
#include "core/plan.h"
#include "store/store_org.h"
#include "store/store_plan.h"

#include <string.h>

static int healthz(struct api_ctx *c)
{
	int64_t one = 0;

	if (store_query_int(c->db, "SELECT 1", &one) != KFQ_OK || one != 1)
		return api_error(c, 503, "database_unavailable", "数据库不可用", NULL);
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "status", "ok");
	jsonw_kstr(&c->w, "version", KFQ_VERSION);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* Everything here is in memory but kfq_db_up, which asks the database and reports it down
 * rather than failing the scrape: a monitor needs the figures most while it is down. */
static int metrics(struct api_ctx *c)
{
	const char *backend = store_is_pg_url(api_config()->db_url) ? "postgresql" : "sqlite";
	int64_t one = 0;
	bool up = c->db && store_query_int(c->db, "SELECT 1", &one) == KFQ_OK && one == 1;

	http_metrics_write(api_router(), c->out);
	api_login_metrics_write(c->out);
	api_session_metrics_write(c->out);
	mujun_eval_metrics_write(c->out);
	strbuf_addf(c->out,
	            "# HELP kfq_db_connections Open database connections (one per worker thread, "
	            "and one more while a 亩均 evaluation reads beside it).\n"
	            "# TYPE kfq_db_connections gauge\nkfq_db_connections{backend=\"%s\"} %d\n"
	            "# HELP kfq_db_up Whether the database answered this scrape.\n"
	            "# TYPE kfq_db_up gauge\nkfq_db_up{backend=\"%s\"} %d\n"
	            "# HELP kfq_db_statements_total Statements executed on the database, this "
	            "scrape's included.\n"
	            "# TYPE kfq_db_statements_total counter\n"
	            "kfq_db_statements_total{backend=\"%s\"} %llu\n",
	            backend, store_open_count(), backend, up, backend,
	            (unsigned long long)store_statement_count(
	                strcmp(backend, "sqlite") ? STORE_PG : STORE_SQLITE));
	if (!strcmp(backend, "sqlite")) {
		unsigned runs, commits;
		store_wal_counts(&runs, &commits);
		strbuf_addf(c->out,
		            "# HELP kfq_sqlite_wal_checkpoints_total WAL checkpoints run by the "
		            "checkpointer's thread and by commits (past the WAL's bound).\n"
		            "# TYPE kfq_sqlite_wal_checkpoints_total counter\n"
		            "kfq_sqlite_wal_checkpoints_total{by=\"checkpointer\"} %u\n"
		            "kfq_sqlite_wal_checkpoints_total{by=\"commit\"} %u\n",
		            runs, commits);
	}
	c->req->resp.status = 200;
	c->req->resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
	return 0;
}

static void count_cb(void *arg, const char *key, int64_t n)
{
	struct jsonw *w = arg;

	jsonw_kint(w, key, n);
}

static int dashboard(struct api_ctx *c)
{
	struct store_audit_filter f = {0};
	struct store_audit_row *rows;
	struct store_org *orgs;
	struct store_org_filter of = {0};
	int64_t users = 0, audit = 0, *ids;
	int n, nrows, nids, rc;

	if (api_scope_orgs(c, &ids, &nids) != 0)
		return -1;
	of.ids = ids;
	of.nids = nids;
	f.limit = 1;
	if ((rc = store_org_list(c->db, c->a, &of, &orgs, &n)) != KFQ_OK ||
	    (rc = store_user_count(c->db, &users)) != KFQ_OK ||
	    (rc = store_audit_list(c->db, c->a, &f, &rows, &nrows, &audit)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "org_count", n);
	jsonw_key(&c->w, "orgs_by_type");
	jsonw_obj_open(&c->w);
	for (size_t t = 0; t < enum_org_type.n; t++) {
		const char *type = enum_org_type.entries[t].code;
		int64_t k = 0;
		for (int i = 0; i < n; i++)
			k += !strcmp(orgs[i].type, type);
		jsonw_kint(&c->w, type, k);
	}
	jsonw_obj_close(&c->w);
	/* account and audit figures are shown only to the roles that manage or read them */
	account_perms perms = account_role_perms(c->sess.user.role);
	if (perms & PERM_USER_MANAGE) {
		jsonw_kint(&c->w, "user_count", users);
		jsonw_key(&c->w, "users_by_role");
		jsonw_obj_open(&c->w);
		if ((rc = store_user_count_by_role(c->db, count_cb, &c->w)) != KFQ_OK)
			return api_store_error(c, rc);
		jsonw_obj_close(&c->w);
	}
	if (perms & PERM_AUDIT_READ)
		jsonw_kint(&c->w, "audit_records", audit);
	if (perms & PERM_TASK_READ) {
		/* the milestones the caller's lists show (scope and lead rule), by state */
		struct store_milestone_filter mf = {.lead_org_id = c->sess.user.org_id};
		struct milestone_bounds b;
		int64_t *counts = arena_zalloc(c->a, sizeof(*counts) * enum_milestone_state.n);
		api_scope(c, &mf.scope);
		milestone_bounds(plan_today(c->now), &b);
		if ((rc = store_milestone_count_states(c->db, &mf, &b, counts)) != KFQ_OK)
			return api_store_error(c, rc);
		jsonw_key(&c->w, "milestone_states");
		jsonw_obj_open(&c->w);
		for (size_t i = 0; i < enum_milestone_state.n; i++)
			jsonw_kint(&c->w, enum_milestone_state.entries[i].code, counts[i]);
		jsonw_obj_close(&c->w);
	}
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

const struct api_route api_misc_routes[] = {
    {"GET", "/healthz", healthz, 0, API_PUBLIC, NULL, NULL},
    {"GET", "/metrics", metrics, 0, API_PUBLIC | API_LOOPBACK | API_NODB, NULL, NULL},
    {"GET", "/api/dashboard", dashboard, PERM_DASHBOARD, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
