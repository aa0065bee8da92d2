/* consult_version.c - the versions of a consultation's draft for the office: the list (the
 * draft first), importing a revised text as the next version, the diff of any two with the
 * decided comments of each article on the old side, and the step that creates tasks from the
 * final version with its flags, each changed article listing the comments whose disposition
 * points to it. Reading is PERM_TASK_READ's, changing PERM_POLICY_WRITE's (the routes are in
 * consult.c's table). Must not parse texts or write SQL (app/consult_version.c, store/). */
#include "api/api.h"
#include "api/consult_impl.h"
#include "app/consult_json.h"
#include "app/consult_version.h"
#include "app/policy_diff_json.h"
#include "core/consult.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* "comments":[points] of the draft's article number (none for 0) among the decided points. */
static void write_comments(struct jsonw *w, const struct store_comment_point *pts, int n,
                           int number)
{
	jsonw_key(w, "comments");
	jsonw_arr_open(w);
	for (int i = 0; number && i < n; i++)
		if (pts[i].article_number == number)
			consult_json_point(w, &pts[i]);
	jsonw_arr_close(w);
}

int consult_versions_list(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_consult_version *vs;
	int n, rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if ((rc = consult_versions(c->db, c->a, &k, &vs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		consult_json_version(&c->w, &vs[i], NULL, 0);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

int consult_version_upload(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_consult_version v;
	const char *text, *error = NULL;
	size_t len;
	int rc;

	if (consult_load(c, &k) != 0 || api_upload_text(c, &text, &len) != 0)
		return -1;
	rc = consult_version_import(c->db, c->a, &c->actor, &k, text, len, api_query_str(c, "note"),
	                            &v, &error);
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_policy_text", error, NULL);
	if (rc == KFQ_ECONFLICT)
		return api_error(c, 409, "version_exists", error, NULL);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state", error, NULL);
	/* the answer is the stored version, as the list shows it: who imported it, and when */
	if (rc != KFQ_OK ||
	    (rc = store_consult_version_get(c->db, c->a, k.id, v.seq, &v)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "version");
	consult_json_version(&c->w, &v, NULL, 0);
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
}

/* DELETE /api/consultations/:id/versions/:seq: the last version, imported by mistake, before
 * tasks are made from it; the one before is the final text again */
int consult_version_withdraw(struct api_ctx *c)
{
	struct store_consultation k;
	const char *p = http_param(c->req, "seq");
	char *end;
	long seq = p ? strtol(p, &end, 10) : 0;
	int rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if (!p || *end || seq < 1 || seq > INT_MAX)
		return api_error(c, 404, "not_found", "没有这一稿", NULL);
	rc = store_consult_version_withdraw(c->db, &c->actor, &consult_json_audit, k.id, (int)seq);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 409, "invalid_state", "只能撤回最后导入的一稿", NULL);
	if (rc == KFQ_ESTATE)
		return api_error(c, 409, "invalid_state",
		                 seq == 1 ? "征求意见稿（第1稿）不能撤回"
		                          : "已根据终稿创建任务，不能再撤回版本",
		                 NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	c->req->resp.status = 204;
	return 0;
}

int consult_version_compare(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_comment_point *pts;
	struct policy_diff d;
	int from = (int)api_query_int(c, "from", 1), to = (int)api_query_int(c, "to", 0);
	int *numbers, np, rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if (!to)
		return api_error(c, 400, "invalid_parameter", "请选择要对比的版本", "to");
	rc = consult_version_diff(c->db, c->a, &k, from, to, &d);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 400, "invalid_parameter", "没有这个版本", NULL);
	if (rc != KFQ_OK ||
	    (rc = consult_version_draft_numbers(c->db, c->a, &k, from, &d, &numbers)) != KFQ_OK ||
	    (rc = store_comment_disposed(c->db, c->a, k.id, &pts, &np)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	/* parallel to diff.articles: the decided comments on the draft's article of each entry */
	jsonw_key(&c->w, "comments");
	jsonw_arr_open(&c->w);
	for (size_t i = 0; i < d.n_entries; i++) {
		jsonw_obj_open(&c->w);
		jsonw_kint(&c->w, "draft_number", numbers[i]);
		write_comments(&c->w, pts, np, numbers[i]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "diff");
	policy_diff_json(&c->w, &d);
	jsonw_kint(&c->w, "from", from);
	jsonw_kint(&c->w, "to", to);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* {"flags":[flag with its "comments"],"version":{…, "flags"}|null} */
static int write_tasks(struct api_ctx *c, const struct store_consultation *k,
                       const struct store_consult_version *v, const struct store_consult_flag *f,
                       int n, int status)
{
	struct store_comment_point *pts;
	int np, rc;

	if ((rc = store_comment_disposed(c->db, c->a, k->id, &pts, &np)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "flags");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(&c->w);
		write_comments(&c->w, pts, np, f[i].old_number);
		consult_json_flag_fields(&c->w, &f[i]);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_key(&c->w, "version");
	if (v)
		consult_json_version(&c->w, v, f, n);
	else
		jsonw_null(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, status);
}

int consult_tasks_create(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_consult_version v;
	struct store_consult_flag *flags;
	const char *error = NULL, *state;
	int n, rc;

	if (consult_load(c, &k) != 0)
		return -1;
	/* the final text answers every comment of a consultation held: none may still arrive, and
	 * a draft never released has had none */
	state = consult_state(k.released_at != NULL, k.report_published_at != NULL, k.window_start,
	                      k.window_end, api_window_clock(c));
	if (!strcmp(state, "draft"))
		return api_error(c, 409, "invalid_state",
		                 "征求意见稿尚未发布，不能根据终稿创建任务；请先发布并征求意见",
		                 NULL);
	if (!strcmp(state, "upcoming") || !strcmp(state, "open"))
		return api_error(
		    c, 409, "invalid_state",
		    "征求意见截止后才能根据终稿创建任务；如需提前结束，请先调整征求时间"
		    "并写明理由",
		    NULL);
	rc = consult_version_tasks(c->db, c->a, &c->actor, &k, &v, &flags, &n, &error);
	if (rc == KFQ_EINVAL)
		return api_error(c, 400, "invalid_state", error, NULL);
	if (rc == KFQ_ESTATE || rc == KFQ_ECONFLICT)
		return api_error(c, 409, rc == KFQ_ESTATE ? "invalid_state" : "policy_exists",
		                 error, NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return write_tasks(c, &k, &v, flags, n, 201);
}

int consult_tasks_get(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_consult_version *vs;
	struct store_consult_flag *flags = NULL;
	int nv, n = 0, rc;

	if (consult_load(c, &k) != 0)
		return -1;
	if ((rc = store_consult_versions(c->db, c->a, k.id, &vs, &nv)) != KFQ_OK)
		return api_store_error(c, rc);
	if (nv && vs[nv - 1].tasks_policy_id &&
	    (rc = store_consult_flags(c->db, c->a, vs[nv - 1].id, &flags, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	return write_tasks(c, &k, nv && vs[nv - 1].tasks_policy_id ? &vs[nv - 1] : NULL, flags, n,
	                   200);
}

const struct api_field consult_version_query[] = {{"note", API_STR, false, 200}, API_FIELDS_END};
const struct api_field consult_diff_query[] = {API_INT_FIELD("from", false, 1, 1000),
                                               API_INT_FIELD("to", false, 1, 1000), API_FIELDS_END};
