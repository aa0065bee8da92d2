/* consult_print.c - the adoption report (意见采纳情况说明) printed on the shared layout after
 * GB/T 9704-2012 (core/print_doc.h): the issuer's 版头, the title 关于《…》征求意见采纳情况的说明,
 * the office's summary, a paragraph of the counts, the table of every comment with its handling
 * (never a name or contact), the issuer's signature over the date the report was published
 * (today's for a draft, which says so on screen only). Must not write SQL or HTML itself. */
#include "api/api.h"
#include "api/consult_impl.h"
#include "api/print.h"

#include "core/consult.h"
#include "core/enums.h"
#include "core/plan.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <string.h>

#define NCOLS 5

/* "电子邮件2条，电话1条" of counts in their order, labels from table; a NULL code (未处理) last,
 * where each database sorts it differently. */
static void list_counts(struct strbuf *sb, const struct store_consult_count *v, int n,
                        const struct enum_table *labels)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		if (v[i].code)
			strbuf_addf(sb, "%s%s%lld条", k++ ? "，" : "",
			            enum_label(labels, v[i].code), (long long)v[i].n);
	for (int i = 0; i < n; i++)
		if (!v[i].code)
			strbuf_addf(sb, "%s未处理%lld条", k++ ? "，" : "", (long long)v[i].n);
}

/* The paragraph of the counts after the summary. */
static const char *counts_text(struct api_ctx *c, const struct store_consultation *k,
                               const struct store_consult_counts *n, int64_t total)
{
	struct strbuf sb = STRBUF_INIT;
	char window[128];
	const char *out;

	consult_window_text(k->window_start, k->window_end, window, sizeof(window));
	strbuf_addf(&sb, "征求意见时间为%s，共收到意见%lld条", window, (long long)total);
	if (n->n_channel) {
		strbuf_addstr(&sb, "（");
		list_counts(&sb, n->by_channel, n->n_channel, &enum_consult_channel);
		strbuf_addstr(&sb, "）");
	}
	if (n->n_disposition) {
		strbuf_addstr(&sb, "；按要点处理：");
		list_counts(&sb, n->by_disposition, n->n_disposition, &enum_disposition);
	}
	strbuf_addstr(&sb, "。");
	out = arena_strdup(c->a, sb.buf);
	strbuf_release(&sb);
	return out;
}

int consult_report_print(struct api_ctx *c)
{
	static const char *const head[NCOLS] = {"序号", "渠道", "条目", "意见内容", "处理情况"};
	struct print_table table = {head, NULL, NCOLS, 0, "cccll"};
	struct store_comment_filter f = {0};
	struct store_consultation k;
	struct store_consult_counts counts;
	struct store_comment_point *pts;
	struct store_comment *cs;
	struct print_block blocks[4];
	struct print_doc d = {0};
	const char **cells;
	int64_t total, published;
	int n, np, nb = 0, rc, j = 0;

	if (api_path_id(c, &f.consultation_id) != 0)
		return -1;
	if ((rc = store_consult_get(c->db, c->a, f.consultation_id, &k)) != KFQ_OK ||
	    (rc = store_consult_counts(c->db, c->a, k.id, &counts)) != KFQ_OK ||
	    (rc = store_comment_list(c->db, c->a, &f, &cs, &n, &total)) != KFQ_OK ||
	    (rc = store_comment_points(c->db, c->a, k.id, &pts, &np)) != KFQ_OK)
		return api_store_error(c, rc);
	cells = arena_zalloc(c->a, sizeof(*cells) * (size_t)(n * NCOLS + 1));
	for (int i = 0; i < n; i++) {
		const char **row = &cells[i * NCOLS];
		int first = j;

		while (j < np && pts[j].comment_id == cs[i].id)
			j++;
		row[0] = arena_printf(c->a, "%d", i + 1);
		row[1] = enum_label(&enum_consult_channel, cs[i].channel);
		row[2] = cs[i].article_number ? arena_printf(c->a, "第%d条", cs[i].article_number)
		                              : "全文";
		row[3] = cs[i].body;
		row[4] = consult_handling(c->a, pts + first, j - first, cs[i].article_number);
	}
	table.cells = cells;
	table.nrows = n;
	if (k.summary)
		blocks[nb++] = (struct print_block){PRINT_PARA, k.summary, NULL};
	blocks[nb++] = (struct print_block){PRINT_PARA, counts_text(c, &k, &counts, total), NULL};
	blocks[nb++] = (struct print_block){PRINT_HEADING1, "一、意见及处理情况", NULL};
	blocks[nb++] = n ? (struct print_block){PRINT_TABLE, NULL, &table}
	                 : (struct print_block){PRINT_PARA, "未收到意见。", NULL};
	d.organ = k.issuer ? k.issuer : api_print_organ();
	d.title = arena_printf(c->a, "关于《%s》征求意见采纳情况的说明", k.title);
	d.blocks = blocks;
	d.nblocks = nb;
	d.signer = d.organ;
	d.seal = true;
	published = c->now;
	if (k.report_published_at && time_parse(k.report_published_at, &published) != 0)
		published = c->now;
	d.date = plan_today(published);
	d.print_date = -1;
	if (!k.report_published_at)
		d.note = "采纳情况说明尚未公布：这是草稿，成文日期为今天。";
	return api_print(c, &d);
}
