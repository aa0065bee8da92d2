/* revshare_doc.c - a zone's statement as the finance bureau files and signs it: an .xlsx of its
 * lines, totals and parameters, and a printable page (A4 landscape) with the same figures and
 * the signature blocks. Every figure is the stored one; nothing is computed here but the yuan
 * text of stored amounts. Must not write SQL. */
#include "api/export.h"
#include "api/revshare_impl.h"

#include "app/revshare_json.h"
#include "core/enums.h"
#include "core/money.h"
#include "util/tpl.h"

#include <string.h>

/* Text as HTML text: NULL writes nothing. */
static void esc(struct strbuf *sb, const char *s)
{
	if (s)
		tpl_escape(sb, s, strlen(s));
}

/* the statement's title: "2025年度某开发区招商引资新增税收财力分成结算单" */
static const char *title(struct api_ctx *c, const struct store_revshare_statement *st)
{
	return arena_printf(c->a, "%d年度%s招商引资新增税收财力分成结算单", st->year,
	                    st->zone_name);
}

static const char *status_label(const struct store_revshare_statement *st)
{
	return enum_label(&enum_statement_status, st->status);
}

static int all_lines(struct api_ctx *c, const struct store_revshare_statement *st,
                     struct store_revshare_line **l, int *n)
{
	int64_t total;
	int rc = store_revshare_lines(c->db, c->a, st->id, NULL, 0, 0, l, n, &total);

	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* a row "增值税地方留成比例 | 50.00% | 50.00%" of the export */
static void export_share(void *arg, const char *code, int64_t bp, int64_t base_bp)
{
	struct export_table *t = arg;
	int type = tax_type_find(code);

	export_text(t, type >= 0 ? tax_type_defs[type].label : code);
	export_bp_percent(t, bp);
	export_bp_percent(t, base_bp);
	export_end_row(t);
}

int revshare_export(struct api_ctx *c)
{
	static const char *const headers[] = {"序号",
	                                      "统一社会信用代码",
	                                      "企业名称",
	                                      "落地年度",
	                                      "分属比例",
	                                      "本年地方留成税收（元）",
	                                      "基准年地方留成税收（元）",
	                                      "新增税收（元）",
	                                      "基准年是否计入"};
	static const double widths[] = {6, 22, 36, 10, 10, 22, 24, 18, 14};
	struct store_revshare_statement st;
	struct store_revshare_line *l;
	struct export_table t;
	int n;

	if (revshare_load(c, &st) != 0 || all_lines(c, &st, &l, &n) != 0)
		return -1;
	if (export_begin(c, &t, "结算单", headers, widths, 9) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		export_int(&t, l[i].seq);
		export_text(&t, l[i].uscc);
		export_text(&t, l[i].name);
		export_int(&t, l[i].arrival_year);
		export_bp_percent(&t, l[i].share_bp);
		export_amount(&t, l[i].local_e4, 6);
		export_amount(&t, l[i].base_e4, 6);
		export_amount(&t, l[i].increment_e4, 6);
		export_text(&t, l[i].base_counted ? "是" : "否（基准年后落地）");
		export_end_row(&t);
	}
	export_end_row(&t);
	export_text(&t, "合计");
	export_text(&t, "");
	export_text(&t, arena_printf(c->a, "%d户", st.n_lines));
	export_text(&t, "");
	export_text(&t, "");
	export_amount(&t, st.local_e4, 6);
	export_amount(&t, st.base_e4, 6);
	export_amount(&t, st.increment_e4, 6);
	export_end_row(&t);
	export_text(&t, "计入分成的新增税收（负数按零计）");
	export_amount(&t, st.counted_e4, 6);
	export_end_row(&t);
	export_text(&t, "分成比例");
	export_bp_percent(&t, st.ratio_bp);
	export_end_row(&t);
	export_text(&t, "返还金额（元，四舍五入到分）");
	export_amount(&t, st.returned_fen, 2);
	export_end_row(&t);
	export_text(&t, "基准年");
	export_int(&t, st.base_year);
	export_end_row(&t);
	export_text(&t, "地方留成比例");
	export_text(&t, "本年");
	export_text(&t, "基准年");
	export_end_row(&t);
	revshare_json_pairs(st.shares, export_share, &t);
	export_text(&t, "结算单版本");
	export_text(&t, arena_printf(c->a, "第%d版，%s", st.version, status_label(&st)));
	export_end_row(&t);
	export_text(&t, "校验码（SHA-256）");
	export_text(&t, st.digest);
	export_end_row(&t);
	return export_finish(c, &t, title(c, &st));
}

static const char print_css[] =
    "@page{size:A4 landscape;margin:18mm 15mm}\n"
    "body{margin:0 auto;padding:24px;max-width:267mm;color:#000;background:#fff;"
    "font-family:SimSun,STSong,\"宋体\",serif;font-size:11pt;line-height:1.5}\n"
    "h1{text-align:center;font-family:SimHei,STHeiti,\"黑体\",sans-serif;font-size:18pt;"
    "font-weight:normal;margin:0 0 12pt}\n"
    ".meta{display:flex;flex-wrap:wrap;gap:4pt 24pt;margin-bottom:8pt}\n"
    "table{width:100%;border-collapse:collapse;margin:6pt 0}\n"
    "th,td{border:1px solid #000;padding:2pt 4pt}\n"
    "th{font-weight:bold;text-align:center}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.total td{font-weight:bold}\n"
    ".formula{margin:8pt 0}\n"
    ".sign{display:flex;justify-content:space-between;margin-top:36pt}\n"
    ".sign div{width:45%}\n"
    ".sign p{margin:0 0 18pt}\n"
    ".state{font-size:10pt;color:#666;border:1px dashed #999;padding:4pt 8pt;"
    "margin-bottom:10pt}\n"
    ".digest{font-size:8pt;color:#444;word-break:break-all;margin-top:12pt}\n"
    "@media print{body{padding:0;max-width:none}.state{display:none}}\n";

static void cell_e4(struct strbuf *sb, int64_t e4)
{
	char text[MONEY_TEXT_LEN];

	money_format_e4(e4, text);
	strbuf_addf(sb, "<td class=\"n\">%s</td>", text);
}

static void cell_bp(struct strbuf *sb, int64_t bp)
{
	char text[MONEY_TEXT_LEN];

	money_format_bp(bp, text);
	strbuf_addf(sb, "<td class=\"n\">%s</td>", text);
}

static void share_row(void *arg, const char *code, int64_t bp, int64_t base_bp)
{
	struct strbuf *sb = arg;
	int t = tax_type_find(code);

	strbuf_addstr(sb, "<tr><td>");
	esc(sb, t >= 0 ? tax_type_defs[t].label : code);
	strbuf_addstr(sb, "</td>");
	cell_bp(sb, bp);
	cell_bp(sb, base_bp);
	strbuf_addstr(sb, "</tr>\n");
}

static void lines_table(struct strbuf *sb, const struct store_revshare_statement *st,
                        const struct store_revshare_line *l, int n)
{
	strbuf_addstr(sb, "<table>\n<tr><th>序号</th><th>企业名称</th><th>统一社会信用代码</th>"
	                  "<th>落地年度</th><th>分属比例</th><th>本年地方留成税收（元）</th>"
	                  "<th>基准年地方留成税收（元）</th><th>新增税收（元）</th></tr>\n");
	for (int i = 0; i < n; i++) {
		strbuf_addf(sb, "<tr><td class=\"n\">%d</td><td>", l[i].seq);
		esc(sb, l[i].name);
		strbuf_addstr(sb, "</td><td>");
		esc(sb, l[i].uscc);
		strbuf_addf(sb, "</td><td class=\"n\">%d%s</td>", l[i].arrival_year,
		            l[i].base_counted ? "" : "*");
		cell_bp(sb, l[i].share_bp);
		cell_e4(sb, l[i].local_e4);
		cell_e4(sb, l[i].base_e4);
		cell_e4(sb, l[i].increment_e4);
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addf(sb, "<tr class=\"total\"><td colspan=\"5\">合计（%d户）</td>", st->n_lines);
	cell_e4(sb, st->local_e4);
	cell_e4(sb, st->base_e4);
	cell_e4(sb, st->increment_e4);
	strbuf_addstr(sb, "</tr>\n</table>\n");
}

int revshare_print(struct api_ctx *c)
{
	struct store_revshare_statement st;
	struct store_revshare_line *l;
	struct strbuf *sb = c->out;
	char counted[MONEY_TEXT_LEN], returned[MONEY_TEXT_LEN], ratio[MONEY_TEXT_LEN];
	const char *name;
	int n;

	if (revshare_load(c, &st) != 0 || all_lines(c, &st, &l, &n) != 0)
		return -1;
	name = title(c, &st);
	money_format_e4(st.counted_e4, counted);
	money_format_fen(st.returned_fen, returned);
	money_format_bp(st.ratio_bp, ratio);
	strbuf_reset(sb);
	strbuf_addstr(sb,
	              "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<title>");
	esc(sb, name);
	strbuf_addf(sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", print_css);
	strbuf_addf(sb, "<p class=\"state\">第%d版，%s（打印时不显示）</p>\n", st.version,
	            status_label(&st));
	strbuf_addstr(sb, "<h1>");
	esc(sb, name);
	strbuf_addstr(sb, "</h1>\n<div class=\"meta\"><span>开发区：");
	esc(sb, st.zone_name);
	strbuf_addf(sb,
	            "</span><span>结算年度：%d年</span><span>基准年：%d年</span>"
	            "<span>分成比例：%s</span><span>版本：第%d版（%s）</span></div>\n",
	            st.year, st.base_year, ratio, st.version, status_label(&st));
	lines_table(sb, &st, l, n);
	strbuf_addstr(sb,
	              "<p>注：落地年度带*的企业在基准年之后落地，基准年税收按零计。金额单位为元；"
	              "地方留成税收＝各税种税额×该税种地方留成比例，按实际值列示，不舍入。</p>\n");
	strbuf_addstr(sb, "<table style=\"width:50%\">\n<tr><th>税种</th><th>本年地方留成比例</th>"
	                  "<th>基准年地方留成比例</th></tr>\n");
	revshare_json_pairs(st.shares, share_row, sb);
	strbuf_addstr(sb, "</table>\n");
	strbuf_addf(sb,
	            "<p class=\"formula\">计入分成的新增税收（负数按零计）：%s元；"
	            "返还金额＝%s元×%s＝<strong>%s元</strong>（四舍五入到分）。</p>\n",
	            counted, counted, ratio, returned);
	strbuf_addstr(sb, "<div class=\"sign\">\n<div><p>开发区管委会（盖章）：</p>"
	                  "<p>经办人：</p><p>日期：</p></div>\n<div><p>市财政局（盖章）：</p>");
	if (strcmp(st.status, "confirmed") == 0) {
		strbuf_addstr(sb, "<p>已确认：");
		esc(sb, st.confirmed_org_name);
		strbuf_addstr(sb, " ");
		esc(sb, st.confirmed_by_name);
		strbuf_addstr(sb, " ");
		esc(sb, st.confirmed_at);
		strbuf_addstr(sb, "</p>");
	} else {
		strbuf_addstr(sb, "<p>审核人：</p><p>日期：</p>");
	}
	strbuf_addstr(sb, "</div>\n</div>\n<p class=\"digest\">校验码（SHA-256）：");
	esc(sb, st.digest);
	strbuf_addstr(sb, "</p>\n</body>\n</html>\n");
	c->req->resp.status = 200;
	c->req->resp.content_type = "text/html; charset=utf-8";
	http_resp_header(c->req, "Cache-Control", "no-store");
	return 0;
}
