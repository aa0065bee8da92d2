/* consult_report.c - the adoption report (意见采纳情况说明) of a consultation: counts of
 * comments by channel and of points by article and by disposition, the office's summary, its
 * publication on the public page, and the .xlsx of every comment with its handling (contacts
 * as the reader may see them, text as text); the printed report is consult_print.c's. Must not
 * write SQL. */
#include "api/api.h"
#include "api/capability.h"
#include "api/consult_impl.h"
#include "app/consult_json.h"
#include "api/export.h"

#include "core/consult.h"
#include "core/enums.h"
#include "core/personal.h"

#include <string.h>

static void counts_json(struct jsonw *w, const char *key, const struct store_consult_count *v,
                        int n, const struct enum_table *labels)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++) {
		jsonw_obj_open(w);
		if (labels) {
			jsonw_kstr(w, "code", v[i].code ? v[i].code : "undecided");
			jsonw_kstr(w, "label",
			           v[i].code ? enum_label(labels, v[i].code) : "未处理");
		} else {
			jsonw_kid(w, "article_id", v[i].article_id);
			if (v[i].article_number)
				jsonw_kint(w, "article_number", v[i].article_number);
			else
				jsonw_knull(w, "article_number");
		}
		jsonw_kint(w, "count", v[i].n);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

int consult_write_counts(struct api_ctx *c, int64_t id)
{
	struct store_consult_counts k;
	int rc;

	if ((rc = store_consult_counts(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_key(&c->w, "counts");
	jsonw_obj_open(&c->w);
	counts_json(&c->w, "by_channel", k.by_channel, k.n_channel, &enum_consult_channel);
	counts_json(&c->w, "by_article", k.by_article, k.n_article, NULL);
	counts_json(&c->w, "by_disposition", k.by_disposition, k.n_disposition, &enum_disposition);
	jsonw_obj_close(&c->w);
	return 0;
}

static int report(struct api_ctx *c)
{
	struct store_consultation k;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_consult_get(c->db, c->a, id, &k)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "consultation");
	consult_json_write(&c->w, &k, api_window_clock(c));
	if (consult_write_counts(c, id) != 0)
		return -1;
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

/* Answers 409 when the report of id may not be published (or changed) now, with why; 0 when it
 * may, -1 when answered otherwise. */
static int refuse_publish(struct api_ctx *c, int64_t id, bool publish)
{
	struct store_consultation k;
	struct store_consult_counts n;
	int64_t now = api_window_clock(c), undecided = 0;
	int rc;

	if ((rc = store_consult_get(c->db, c->a, id, &k)) != KFQ_OK ||
	    (rc = store_consult_counts(c->db, c->a, id, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	for (int i = 0; i < n.n_disposition; i++)
		if (!n.by_disposition[i].code)
			undecided += n.by_disposition[i].n;
	switch (
	    consult_publishable(consult_state(k.released_at != NULL, k.report_published_at != NULL,
	                                      k.window_start, k.window_end, now),
	                        undecided)) {
	case CONSULT_PUBLISH_DONE:
		return api_error(c, 409, "invalid_state", "采纳情况说明已公布，不能再修改", NULL);
	case CONSULT_PUBLISH_DRAFT:
		return publish ? api_error(c, 409, "invalid_state",
		                           "征求意见稿尚未发布，不能公布采纳情况说明", NULL)
		               : 0;
	case CONSULT_PUBLISH_OPEN:
		return publish
		           ? api_error(c, 409, "invalid_state",
		                       "征求意见截止后才能公布采纳情况说明；如需提前结束，请先调整"
		                       "征求时间并写明理由",
		                       NULL)
		           : 0;
	case CONSULT_PUBLISH_UNDECIDED:
		return publish
		           ? api_error(c, 409, "invalid_state",
		                       arena_printf(c->a,
		                                    "还有%lld条意见要点未处理，全部处理后才能公布"
		                                    "采纳情况说明",
		                                    (long long)undecided),
		                       NULL)
		           : 0;
	case CONSULT_PUBLISHABLE:
		break;
	}
	return 0;
}

static int save(struct api_ctx *c)
{
	const char *summary = api_body_str(c, "summary");
	bool publish = api_body_bool(c, "publish");
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if (consult_chars(summary) > 20000)
		return api_error(c, 400, "too_long", "说明不能超过20000个字", "/summary");
	if (publish && !summary)
		return api_error(c, 400, "required", "公布前请填写采纳情况说明", "/summary");
	if (refuse_publish(c, id, publish) != 0)
		return -1;
	rc = store_consult_report(c->db, &c->actor, &consult_json_audit, id, summary, publish,
	                          api_window_clock(c));
	/* changed between the check and the write: the same check says what */
	if (rc == KFQ_ESTATE && refuse_publish(c, id, publish) != 0)
		return -1;
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return report(c);
}

const char *consult_handling(struct arena *a, const struct store_comment_point *p, int n,
                             int article_number)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(&sb, "\n");
		if (n > 1)
			strbuf_addf(&sb, "%d. ", p[i].seq);
		/* a point the office linked to another article than the comment's says which */
		if (p[i].article_number && p[i].article_number != article_number)
			strbuf_addf(&sb, "（第%d条）", p[i].article_number);
		strbuf_addstr(&sb, p[i].disposition
		                       ? enum_label(&enum_disposition, p[i].disposition)
		                       : "未处理");
		if (p[i].reason)
			strbuf_addf(&sb, "：%s", p[i].reason);
	}
	out = arena_strdup(a, sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	return out;
}

/* The export's comment not yet written: its points come one row each (store_comment_each), and
 * its row is written when the next comment's first comes, or the last. */
struct report_export {
	struct export_table t;
	bool reveal;
	struct arena a;                  /* the comment's, released when its row is written */
	struct store_comment k;          /* id 0: none yet */
	struct store_comment_point *pts; /* its points so far */
	int n, cap;
	int64_t rows; /* written so far: the 序号 the print view gives the same comment */
};

static const char *kept(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* Writes the comment kept as one row of the export and forgets it. */
static void comment_row(struct report_export *e)
{
	struct export_table *t = &e->t;
	const struct store_comment *k = &e->k;

	export_int(t, ++e->rows);
	export_text(t, enum_label(&enum_consult_channel, k->channel));
	export_text(t,
	            k->article_number ? arena_printf(&e->a, "第%d条", k->article_number) : "全文");
	export_text(t, k->name);
	export_text(t, personal_view(&e->a,
	                             k->contact && strchr(k->contact, '@') ? PERSONAL_EMAIL
	                                                                   : PERSONAL_PHONE,
	                             k->contact, e->reveal));
	export_text(t, k->body);
	export_text(t, consult_handling(&e->a, e->pts, e->n, k->article_number));
	export_time(t, k->received_at);
	export_int(t, k->id);
	export_end_row(t);
	arena_release(&e->a);
	memset(&e->k, 0, sizeof(e->k));
	e->pts = NULL;
	e->n = e->cap = 0;
}

/* store_each_fn: a comment with one of its points, kept until its last point has come */
static int handled_row(void *ctx, const void *element)
{
	struct report_export *e = ctx;
	const struct store_comment_handled *x = element;
	const struct store_comment *k = &x->comment;

	if (e->k.id && e->k.id != k->id)
		comment_row(e);
	if (!e->k.id) {
		e->k.id = k->id;
		e->k.article_number = k->article_number;
		e->k.channel = kept(&e->a, k->channel);
		e->k.name = kept(&e->a, k->name);
		e->k.contact = kept(&e->a, k->contact);
		e->k.body = kept(&e->a, k->body);
		e->k.received_at = kept(&e->a, k->received_at);
	}
	if (x->has_point) {
		if (e->n == e->cap)
			e->pts = arena_grow(&e->a, e->pts, sizeof(*e->pts), &e->cap);
		e->pts[e->n++] = (struct store_comment_point){
		    .seq = x->point.seq,
		    .disposition = kept(&e->a, x->point.disposition),
		    .reason = kept(&e->a, x->point.reason),
		};
	}
	return 0;
}

/* GET /api/consultations/:id/report.xlsx: every comment with its handling (contacts as the
 * reader may see them), written out one at a time as the store reads them, numbered 1..n in
 * the print view's order (both by id), the comment's own id last. */
static int export(struct api_ctx *c)
{
	static const char *const headers[] = {"序号",     "渠道",     "条目",
	                                      "姓名",     "联系方式", "意见内容",
	                                      "处理情况", "收到时间", "意见编号"};
	static const double widths[] = {8, 12, 8, 10, 18, 60, 40, 22, 10};
	struct store_comment_filter f = {0};
	struct report_export e = {0};
	int rc;

	if (api_path_id(c, &f.consultation_id) != 0 || api_reveal_personal(c) != 0 ||
	    export_begin(c, &e.t, "意见采纳情况", headers, widths, 9) != 0)
		return -1;
	e.reveal = c->w.reveal_personal;
	arena_init(&e.a);
	rc = store_comment_each(c->db, &f, handled_row, &e);
	if (rc == KFQ_OK && e.k.id)
		comment_row(&e);
	arena_release(&e.a);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	return export_finish(c, &e.t, "意见采纳情况");
}

static const struct api_field save_body[] = {
    {"summary", API_STR, false, 80000}, {"publish", API_BOOL, false}, API_FIELDS_END};

const struct api_route api_consult_report_routes[] = {
    {"GET", "/api/consultations/:id/report", report, PERM_TASK_READ, 0, NULL, NULL},
    {"PUT", "/api/consultations/:id/report", save, PERM_POLICY_WRITE, 0, NULL, save_body},
    {"GET", "/api/consultations/:id/report.xlsx", export, PERM_TASK_READ, 0, NULL, NULL},
    {"GET", "/api/consultations/:id/report/print", consult_report_print, PERM_TASK_READ, 0, NULL,
     NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
