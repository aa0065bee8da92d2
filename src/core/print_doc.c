/* print_doc.c - the print layout of print_doc.h: the document's parts into template values,
 * and the one template with its style sheet. Must not read anything nor write any text
 * unescaped: the template mechanism (util/tpl.c) escapes every value. */
#include "core/print_doc.h"

#include "core/plan.h"
#include "core/print_title.h"
#include "util/log.h"
#include "util/tpl.h"

#include <stdio.h>
#include <string.h>

/* The width of the type area in points (156 mm) and the line pitch: 22 lines in 225 mm. */
#define AREA_PT       442
#define ORGAN_MAX_PT  42
#define DATE_RIGHT_EM 4 /* 成文日期右空四字 */

/* Each face a stack of local() names: the official faces where installed, then Debian's
 * fonts-noto-cjk. The faces are named by the role they play in GB/T 9704. */
#define FONTS                                                                                        \
	"@font-face{font-family:\"kfq-xbs\";src:local(\"FZXiaoBiaoSong-B05S\"),"                     \
	"local(\"方正小标宋简体\"),local(\"FZXBSJW--GB1-0\"),local(\"方正小标宋_GBK\")," \
	"local(\"STZhongsong\"),local(\"华文中宋\"),local(\"Noto Serif CJK SC Bold\"),"          \
	"local(\"NotoSerifCJKsc-Bold\"),local(\"Source Han Serif SC Bold\"),"                        \
	"local(\"SourceHanSerifSC-Bold\")}\n"                                                        \
	"@font-face{font-family:\"kfq-fs\";src:local(\"FangSong_GB2312\"),local(\"仿宋_GB2312\")," \
	"local(\"FangSong\"),local(\"仿宋\"),local(\"STFangsong\"),local(\"华文仿宋\"),"       \
	"local(\"Noto Serif CJK SC\"),local(\"NotoSerifCJKsc-Regular\"),"                            \
	"local(\"Source Han Serif SC\"),local(\"SourceHanSerifSC-Regular\")}\n"                      \
	"@font-face{font-family:\"kfq-ht\";src:local(\"SimHei\"),local(\"黑体\"),"                 \
	"local(\"STHeiti\"),local(\"Noto Sans CJK SC\"),local(\"NotoSansCJKsc-Regular\"),"           \
	"local(\"Source Han Sans SC\"),local(\"SourceHanSansSC-Regular\")}\n"                        \
	"@font-face{font-family:\"kfq-kt\";src:local(\"KaiTi_GB2312\"),local(\"楷体_GB2312\"),"    \
	"local(\"KaiTi\"),local(\"楷体\"),local(\"STKaiti\"),local(\"华文楷体\"),"             \
	"local(\"Noto Serif CJK SC\"),local(\"NotoSerifCJKsc-Regular\")}\n"                          \
	"@font-face{font-family:\"kfq-st\";src:local(\"SimSun\"),local(\"宋体\"),"                 \
	"local(\"STSong\"),local(\"Noto Serif CJK SC\"),local(\"NotoSerifCJKsc-Regular\")}\n"

/* Sizes follow the standard: 3号 16 pt text on a 28.95 pt pitch (22 lines in 225 mm), 2号
 * 22 pt title, 4号 14 pt 版记, tables at 五号 10.5 pt; "two lines below" is 57.9 pt; without a
 * 主送机关 the text starts a line below the title. The seal (42 mm, about four lines)
 * is drawn on screen only, centred over the date a little above the signature and date, its
 * top within a line of the text (7.3.5.1): the block keeps one line above the signature. */
#define PAGE_NUMBER "content:\"— \" counter(page) \" —\";font:14pt \"kfq-st\",serif;"
#define STYLE                                                                                      \
	FONTS                                                                                      \
	"@page{size:A4;margin:37mm 26mm 35mm 28mm;@bottom-right{" PAGE_NUMBER                      \
	"vertical-align:top;padding-top:7mm;margin-right:1em}}\n"                                  \
	"@page :left{margin:37mm 28mm 35mm "                                                       \
	"26mm;@bottom-right{content:none}@bottom-left{" PAGE_NUMBER                                \
	"vertical-align:top;padding-top:7mm;margin-left:1em}}\n"                                   \
	"html{background:#e9e9e9}\n"                                                               \
	"body{margin:0;color:#000;font:16pt/28.95pt \"kfq-fs\",serif}\n"                           \
	".note{box-sizing:border-box;width:210mm;margin:8mm auto 0;padding:6pt 12pt;"              \
	"font:11pt/1.6 sans-serif;color:#555;background:#fff8e1;border:1px solid #f0d68a}\n"       \
	".sheet{width:156mm;min-height:225mm;margin:8mm auto 12mm;padding:37mm 26mm 35mm 28mm;"    \
	"background:#fff;box-shadow:0 1px 8px rgba(0,0,0,.25)}\n"                                  \
	"p{margin:0}\n"                                                                            \
	".head{padding-top:35mm}\n"                                                                \
	".organ{text-align:center;color:#d40000;font-family:\"kfq-xbs\",serif;line-height:1.2;"    \
	"white-space:nowrap}\n"                                                                    \
	".number{text-align:center;margin-top:57.9pt}\n"                                           \
	".rule{border:0;border-top:1.5pt solid #d40000;margin:4mm 0 0}\n"                          \
	"h1{margin:57.9pt 0 0;text-align:center;font:normal 22pt/33pt \"kfq-xbs\",serif}\n"        \
	"h1 span{display:block;white-space:nowrap}\n"                                              \
	".to{margin-top:28.95pt}\n"                                                                \
	".text p{text-indent:2em}\n"                                                               \
	".text h2,.text h3{margin:0;text-indent:2em;font:normal 16pt/28.95pt "                     \
	"\"kfq-ht\",sans-serif}"                                                                   \
	"\n.text h3{font-family:\"kfq-kt\",serif}\n"                                               \
	"h1+.text{margin-top:28.95pt}\n"                                                           \
	"table{width:100%;border-collapse:collapse;margin:4pt 0 8pt;font:10.5pt/1.5 "              \
	"\"kfq-fs\",serif;"                                                                        \
	"page-break-inside:auto}\n"                                                                \
	"th,td{border:.75pt solid #000;padding:2pt 4pt;vertical-align:top}\n"                      \
	"th{font-family:\"kfq-ht\",sans-serif;font-weight:normal;text-align:center;white-space:"   \
	"nowrap}\n"                                                                                \
	"td.r{text-align:right}td.c{text-align:center}tr{page-break-inside:avoid}\n"               \
	".annex{margin-top:28.95pt}\n"                                                             \
	".annex p{padding-left:5em;text-indent:-3em}.annex p.more{text-indent:0}\n"                \
	".sign{position:relative;margin-top:28.95pt;page-break-inside:avoid}\n"                    \
	".sign.sealed{margin-top:0;padding-top:28.95pt}\n"                                         \
	".sign p{text-align:right;white-space:nowrap}\n"                                           \
	".seal{position:absolute;width:42mm;height:42mm;border:1.5pt dashed #e08080;"              \
	"border-radius:50%;color:#e08080;font-size:12pt;display:flex;align-items:center;"          \
	"justify-content:center}\n"                                                                \
	".banji{margin-top:28.95pt;font-size:14pt;line-height:1.7;page-break-inside:avoid}\n"      \
	".banji hr{border:0;border-top:.35mm solid #000;margin:0}.banji hr.thin{border-top-width:" \
	".25mm}\n"                                                                                 \
	".banji p{padding:0 1em}.banji .cc{padding-left:4em;text-indent:-3em}\n"                   \
	".banji .printed{display:flex;justify-content:space-between}\n"                            \
	"@media print{html{background:none}.note,.seal{display:none}"                              \
	".sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}}\n"

static const char layout[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>{{#number}}{{number}} {{/number}}{{title}}</title>\n<style>\n" STYLE "</style>\n"
    "</head>\n<body>\n"
    "{{#note}}<p class=\"note\">{{note}}（打印时不显示）</p>\n{{/note}}"
    "<div class=\"sheet\">\n<div class=\"head\">\n"
    "<p class=\"organ\" style=\"font-size:{{organ_pt}}pt\">{{organ}}</p>\n"
    "{{#number}}<p class=\"number\">{{number}}</p>\n{{/number}}"
    "<hr class=\"rule\">\n</div>\n"
    "<h1>{{#title_lines}}<span>{{line}}</span>{{/title_lines}}</h1>\n"
    "{{#to}}<p class=\"to\">{{to}}：</p>\n{{/to}}"
    "<div class=\"text\">\n"
    "{{#blocks}}"
    "{{#paras}}<p>{{para}}</p>\n{{/paras}}"
    "{{#h1}}<h2>{{h1}}</h2>\n{{/h1}}"
    "{{#h2}}<h3>{{h2}}</h3>\n{{/h2}}"
    "{{#table}}<table>\n<thead><tr>{{#head}}<th>{{cell}}</th>{{/head}}</tr></thead>\n<tbody>\n"
    "{{#rows}}<tr>{{#cells}}<td class=\"{{align}}\">{{cell}}</td>{{/cells}}</tr>\n{{/rows}}"
    "</tbody>\n</table>\n{{/table}}"
    "{{/blocks}}"
    "</div>\n"
    "{{#annexed}}<div class=\"annex\">\n{{#annex}}<p class=\"{{more}}\">{{label}}{{name}}</p>\n"
    "{{/annex}}</div>\n{{/annexed}}"
    "{{#signed}}<div class=\"sign{{#seal}} sealed{{/seal}}\">\n"
    "{{#signer}}<p style=\"padding-right:{{signer_em}}em\">{{signer}}</p>\n{{/signer}}"
    "{{#date}}<p style=\"padding-right:{{date_em}}em\">{{date}}</p>\n{{/date}}"
    "{{#seal}}<div class=\"seal\" style=\"right:calc({{seal_em}}em - 21mm);bottom:calc(26pt - "
    "21mm)\">（印章）</div>\n{{/seal}}"
    "</div>\n{{/signed}}"
    "{{#banji}}<div class=\"banji\">\n<hr>\n"
    "{{#cc}}<p class=\"cc\">抄送：{{cc}}。</p>\n<hr class=\"thin\">\n{{/cc}}"
    "<p class=\"printed\"><span>{{printer}}</span><span>{{#print_date}}{{print_date}}印发"
    "{{/print_date}}</span></p>\n<hr>\n</div>\n{{/banji}}"
    "</div>\n</body>\n</html>\n";

void print_date(int64_t day, char out[PRINT_DATE_MAX])
{
	char iso[11];
	int y = 0, m = 0, d = 0;

	plan_day_format(day, iso);
	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		y = m = d = 0;
	snprintf(out, PRINT_DATE_MAX, "%d年%d月%d日", y, m, d);
}

/* The width of s in characters, half-width ones counting a half (rounded up). */
static int width_chars(const char *s)
{
	return (print_title_width(s) + 1) / 2;
}

static void add_paras(struct tpl_scope *block, const char *text, struct arena *a)
{
	tpl_list(block, "paras");
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		bool blank = true;

		for (size_t i = 0; i < len; i++)
			blank &= text[i] == ' ' || text[i] == '\t' || text[i] == '\r';
		if (!blank)
			tpl_set(tpl_push(block, "paras"), "para", arena_strndup(a, text, len));
		text = nl ? nl + 1 : NULL;
	}
}

static void add_table(struct tpl_scope *block, const struct print_table *t)
{
	static const char *const names[] = {"l", "c", "r"};

	tpl_set(block, "table", "1");
	tpl_list(block, "head");
	tpl_list(block, "rows");
	for (int c = 0; c < t->ncols; c++)
		tpl_set(tpl_push(block, "head"), "cell", t->head[c]);
	for (int r = 0; r < t->nrows; r++) {
		struct tpl_scope *row = tpl_push(block, "rows");
		tpl_list(row, "cells");
		for (int c = 0; c < t->ncols; c++) {
			struct tpl_scope *cell = tpl_push(row, "cells");
			const char *al = t->align ? strchr("lcr", t->align[c]) : NULL;
			tpl_set(cell, "cell", t->cells[(size_t)r * (size_t)t->ncols + (size_t)c]);
			tpl_set(cell, "align", names[al && *al ? al - "lcr" : 0]);
		}
	}
}

/* A file name without its extension: 附件名称后不加标点符号, and an extension is no part of a
 * document's name. */
static const char *annex_name(const char *name, struct arena *a)
{
	const char *dot = strrchr(name, '.');

	return dot && dot != name ? arena_strndup(a, name, (size_t)(dot - name)) : name;
}

static void set_signature(struct tpl_scope *s, const struct print_doc *d, struct arena *a)
{
	char date[PRINT_DATE_MAX];
	int wd = 0, ws = d->signer ? width_chars(d->signer) : 0;
	double center;

	if (d->date >= 0) {
		print_date(d->date, date);
		tpl_set(s, "date", arena_strdup(a, date));
		wd = width_chars(date);
	}
	if (!d->signer && d->date < 0)
		return;
	tpl_set(s, "signed", "1");
	/* the date four characters from the right; the signature centred over the date, never
	 * past the right edge */
	center = DATE_RIGHT_EM + wd / 2.0;
	tpl_setf(s, "date_em", "%d", DATE_RIGHT_EM);
	tpl_set(s, "signer", d->signer);
	tpl_setf(s, "signer_em", "%g", center - ws / 2.0 > 0 ? center - ws / 2.0 : 0);
	if (d->seal) {
		tpl_set(s, "seal", "1");
		tpl_setf(s, "seal_em", "%g", d->date >= 0 ? center : ws / 2.0);
	}
}

void print_doc_render(const struct print_doc *d, struct arena *a, struct strbuf *out)
{
	struct tpl_scope *s = tpl_scope_new(a);
	struct print_title_line *lines;
	int organ_w = d->organ ? width_chars(d->organ) : 1;
	int n = print_title_break(d->title ? d->title : "", PRINT_TITLE_PER_LINE, a, &lines);
	char when[PRINT_DATE_MAX];

	tpl_set(s, "note", d->note);
	tpl_set(s, "organ", d->organ);
	tpl_setf(s, "organ_pt", "%d",
	         AREA_PT / (organ_w ? organ_w : 1) < ORGAN_MAX_PT
	             ? AREA_PT / (organ_w ? organ_w : 1)
	             : ORGAN_MAX_PT);
	tpl_set(s, "number", d->number);
	tpl_set(s, "title", d->title);
	for (int i = 0; i < n; i++)
		tpl_set(tpl_push(s, "title_lines"), "line",
		        arena_strndup(a, d->title + lines[i].off, lines[i].len));
	tpl_set(s, "to", d->to);
	tpl_list(s, "blocks");
	for (int i = 0; i < d->nblocks; i++) {
		const struct print_block *b = &d->blocks[i];
		struct tpl_scope *block = tpl_push(s, "blocks");
		if (b->kind == PRINT_PARA)
			add_paras(block, b->text, a);
		else if (b->kind == PRINT_HEADING1)
			tpl_set(block, "h1", b->text);
		else if (b->kind == PRINT_HEADING2)
			tpl_set(block, "h2", b->text);
		else if (b->table)
			add_table(block, b->table);
	}
	tpl_list(s, "annex");
	if (d->nattachments)
		tpl_set(s, "annexed", "1");
	for (int i = 0; i < d->nattachments; i++) {
		struct tpl_scope *x = tpl_push(s, "annex");
		if (d->nattachments == 1) {
			tpl_set(x, "label", "附件：");
		} else {
			tpl_setf(x, "label", "%s%d.", i ? "" : "附件：", i + 1);
			tpl_set(x, "more", i ? "more" : "");
		}
		tpl_set(x, "name", annex_name(d->attachments[i], a));
	}
	set_signature(s, d, a);
	if (d->ncc || d->printer) {
		struct strbuf cc = STRBUF_INIT;
		tpl_set(s, "banji", "1");
		for (int i = 0; i < d->ncc; i++) {
			if (i)
				strbuf_addstr(&cc, "，");
			strbuf_addstr(&cc, d->cc[i]);
		}
		if (d->ncc)
			tpl_set(s, "cc", arena_strdup(a, cc.buf));
		strbuf_release(&cc);
		tpl_set(s, "printer", d->printer);
		if (d->print_date >= 0) {
			print_date(d->print_date, when);
			tpl_set(s, "print_date", arena_strdup(a, when));
		}
	}
	if (tpl_render(layout, s, out) != 0)
		fatal("print_doc: the layout template is malformed");
}
