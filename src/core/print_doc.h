/* print_doc.h - the one print layout of kfq's documents: 督办单 first, then the weekly briefing
 * (工作周报), and later modules' documents (the adoption report; forms such as the revenue
 * statement are not 公文 and keep their own page: DECISIONS 143). A
 * document is a struct of texts and blocks; print_doc_render writes it as one self-contained
 * HTML page after GB/T 9704-2012 for the parts it uses:
 *
 *   版头  the 发文机关标志 centred in red, sized to fit one line; the 发文字号 centred two lines
 *         below it (年份 in full in 〔〕, no 第, no leading zeros); the red rule 4 mm below
 *   主体  the title at 2号 (22 pt) in lines of at most 20 characters (core/print_title.c:
 *         梯形 or 菱形, never one character alone, words whole) two lines below the rule; the
 *         主送机关 one line below it, flush left, ending with a full-width colon; the text at
 *         3号 (16 pt), paragraphs indented two characters, 22 lines to the page; headings 一、
 *         in 黑体 and （一） in 楷体; tables; the 附件说明; the 发文机关署名 centred over the
 *         成文日期 (Arabic numerals, 2026年11月30日, four characters from the right), with
 *         room for the seal pressed over both
 *   版记  the 抄送机关 (4号, a character in from either side, continued lines aligned after
 *         the colon, ending with 。) between the rules, then the 印发机关 and 印发日期
 *   页码  — 1 — under the type area, right on odd pages and left on even ones
 *
 * Paper A4, margins 37 mm top, 28 mm binding side, type area 156 × 225 mm. Debian has neither
 * 小标宋 nor 仿宋_GB2312: each face is a font stack of local() names, the official faces first
 * and Noto Serif/Sans CJK SC (fonts-noto-cjk) last. No external resource of any kind: no
 * script, no link, no image, no url(). Every text of the struct is escaped (util/tpl.h). A
 * note, when given, shows on screen above the page and never prints. Pure. */
#ifndef KFQ_CORE_PRINT_DOC_H
#define KFQ_CORE_PRINT_DOC_H

#include "util/arena.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

#define PRINT_DATE_MAX       32 /* bytes of 2026年11月30日 with its NUL */
#define PRINT_TITLE_PER_LINE 20 /* characters of 2号 on a 156 mm line */

enum print_block_kind {
	PRINT_PARA,     /* text; each non-blank line a paragraph */
	PRINT_HEADING1, /* 一、… in 黑体 */
	PRINT_HEADING2, /* （一）… in 楷体 */
	PRINT_TABLE,
};

/* A table of text cells, a header row and nrows rows of ncols cells (row-major). */
struct print_table {
	const char *const *head;
	const char *const *cells;
	int ncols, nrows;
	const char *align; /* one of l c r per column; NULL = all left */
};

struct print_block {
	enum print_block_kind kind;
	const char *text;                /* PARA and headings */
	const struct print_table *table; /* TABLE */
};

struct print_doc {
	const char *organ;  /* 发文机关标志 */
	const char *number; /* 发文字号; NULL = none */
	const char *title;
	const char *to; /* 主送机关; NULL = none */
	const struct print_block *blocks;
	int nblocks;
	const char *const *attachments; /* 附件说明: the attachments' names */
	int nattachments;
	const char *signer;    /* 发文机关署名; NULL = no signature */
	int64_t date;          /* 成文日期 as a day number (core/plan.h); < 0 = none */
	bool seal;             /* leave room for the seal over the signature and date */
	const char *const *cc; /* 抄送机关 */
	int ncc;
	const char *printer; /* 印发机关; NULL = no 版记 line for it */
	int64_t print_date;  /* 印发日期; < 0 = none */
	const char *note;    /* on screen only: the state of a draft, ... */
};

/* Writes the document as one HTML page into out; the arena holds the work. */
void print_doc_render(const struct print_doc *d, struct arena *a, struct strbuf *out);

/* 2026年11月30日: a day number in Arabic numerals, month and day without leading zeros. */
void print_date(int64_t day, char out[PRINT_DATE_MAX]);

#endif
