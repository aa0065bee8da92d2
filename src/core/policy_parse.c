/* policy_parse.c - policy text -> struct policy_doc. Works in three passes over lines:
 * classify each line by its marker (policy_line.c), split the front (notice, title, preamble;
 * policy_front.c) from the body, then walk the body with a small state machine that knows
 * which marker level holds the articles (policy_body.c). Must stay pure (no I/O, no globals)
 * and must never drop text: whatever it cannot place goes to the nearest body with a
 * warning. */
#include "core/policy_parse_int.h"

#include "core/enums.h"

#include "util/log.h"
#include "util/textconv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 3, 4))) void pp_warn(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(p->a, fmt, ap);
	va_end(ap);
	p->d->warnings = pp_grow(p->a, p->d->warnings, p->d->n_warnings, &p->cap_warnings,
	                         sizeof(*p->d->warnings));
	p->d->warnings[p->d->n_warnings].line = line;
	p->d->warnings[p->d->n_warnings].message = msg;
	p->d->n_warnings++;
}

/* Trimmed copy of a raw line with NBSP and kin turned into ASCII spaces. */
static void prep_line(struct parser *p, struct line *l, const char *s, size_t n)
{
	size_t b = 0, e = n, i;
	struct sbuf out;
	uint32_t c;

	pp_trim(s, &b, &e);
	pp_sb_init(&out, p->a);
	for (i = b; i < e;) {
		size_t k = pp_cp_at(s, e, i, &c);
		if (c == 0x200b || c == 0xfeff)
			; /* zero-width: nothing to keep */
		else if (c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f)
			pp_sb_add(&out, " ", 1);
		else
			pp_sb_add(&out, s + i, k);
		i += k;
	}
	l->s = pp_sb_str(&out);
	l->n = out.len;
	pp_classify(l);
}

struct ordered {
	struct policy_warning w;
	size_t seq; /* order of discovery, so warnings on one line keep their order */
};

static int cmp_warning(const void *x, const void *y)
{
	const struct ordered *a = x, *b = y;

	if (a->w.line != b->w.line)
		return a->w.line < b->w.line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Warnings come out in line order; finish_article() reports lines it passed earlier. */
static void sort_warnings(struct arena *a, struct policy_doc *d)
{
	struct ordered *o = arena_alloc(a, d->n_warnings * sizeof(*o));

	for (size_t i = 0; i < d->n_warnings; i++) {
		o[i].w = d->warnings[i];
		o[i].seq = i;
	}
	qsort(o, d->n_warnings, sizeof(*o), cmp_warning);
	for (size_t i = 0; i < d->n_warnings; i++)
		d->warnings[i] = o[i].w;
}

/* The body starts at the first heading or article that is not a notice field ("1.100个…"
 * counts only as a first item). */
static size_t body_start(const struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nl; i++) {
		const struct line *l = &p->ln[i];
		if ((l->kind == K_PART || l->kind == K_GROUP || l->kind == K_ARTICLE ||
		     l->kind == K_STATUTE) &&
		    !l->field && !(l->num_title && l->num != 1))
			break;
	}
	return i;
}

/* Trailing attachments and a signature (organizations above a date), with the bracketed
 * notes below it ((此件公开发布)), are the closing. Returns its first line, or nl. */
static size_t closing_start(const struct parser *p, size_t start)
{
	size_t end = p->nl;
	bool anchor = false;
	int signers = 0;

	for (size_t i = p->nl; i-- > start + 1;) {
		const struct line *l = &p->ln[i];
		if (l->kind == K_BLANK || (!anchor && l->kind == K_PAREN))
			continue;
		if (l->kind == K_DATE || l->kind == K_ATTACH) {
			anchor = true;
			signers = 0;
		} else if (anchor && signers < 4 && l->kind == K_TEXT && l->plain_short &&
		           pp_cp_count(l->s, l->n) <= MAX_SIGNER_CPS) {
			signers++;
		} else {
			break;
		}
		end = i;
	}
	return end;
}

/* Which marker level holds the articles: 第X条 wherever they are; else the deepest of 1., (一)
 * and 一、 that is not a mere list inside the level above it — one with at least a third as
 * many lines as the most numerous level above. 国务院工作规则 numbers its articles 一、…六十四、
 * under 第X章 with a few 1. lists inside; 国发〔2018〕42号 has (一)…(二十) under eight 一、. */
static enum mode mode_of(const struct parser *p, size_t start)
{
	size_t statute = 0, numbered = 0, grouped = 0, parts = 0;

	for (size_t i = start; i < p->body_end; i++) {
		const struct line *l = &p->ln[i];
		statute += l->kind == K_STATUTE;
		numbered += l->kind == K_ARTICLE && !l->num_title;
		grouped += l->kind == K_GROUP && !l->di;
		parts += l->kind == K_PART && !l->di;
	}
	if (statute)
		return M_STATUTE;
	if (numbered && 3 * numbered >= grouped && 3 * numbered >= parts)
		return M_NUMBERED;
	if (grouped && 3 * grouped >= parts)
		return M_GROUPED;
	return parts ? M_PARTS : M_NONE;
}

/* The year a title begins with (2025年开发区重点工作及责任清单, 2025年度…), 0 when none. */
static int title_year(const char *title)
{
	size_t n = strlen(title), e;
	int nd = 0, y = pp_ar_num(title, n, 0, 4, &e, &nd);

	return y >= 1900 && nd == 4 && pp_has_prefix(title + e, n - e, "年") ? y : 0;
}

/* The document's date: the signature's at the end, else the notice's, else the first date
 * under the title or elsewhere in front of the body. Deadlines without a year take its year;
 * a document without a date, that of a year's work list (its title begins with the year). */
static void doc_date(struct parser *p, size_t start)
{
	struct policy_doc *d = p->d;
	struct ymd t;
	size_t at;

	for (size_t i = p->body_end; i < p->nl; i++)
		if (p->ln[i].kind == K_DATE && pp_first_date(p->ln[i].s, p->ln[i].n, &at, &t))
			d->date = pp_iso_date(p->a, &t);
	if (!d->date && d->notice.date)
		d->date = d->notice.date;
	if (!d->date && d->title_note &&
	    pp_first_date(d->title_note, strlen(d->title_note), &at, &t))
		d->date = pp_iso_date(p->a, &t);
	for (size_t i = 0; i < start && !d->date; i++)
		if (p->ln[i].kind == K_DATE && pp_first_date(p->ln[i].s, p->ln[i].n, &at, &t))
			d->date = pp_iso_date(p->a, &t);
	p->year = d->date ? atoi(d->date) : d->title ? title_year(d->title) : 0;
}

/* Issued by the State Council or the Party's central organs: by its number (国发〔2018〕42号,
 * 国办函…, 中发…), its title (国务院关于…), its history (国务院令第722号公布) or its
 * signature (国务院, 国务院办公厅). */
static bool national(const struct parser *p)
{
	static const char *const titles[] = {"国务院", "中共中央", "全国人民代表大会"};
	static const char *const signers[] = {"国务院", "国务院办公厅", "中共中央办公厅"};
	const struct policy_doc *d = p->d;

	if (d->doc_number && (pp_has_prefix(d->doc_number, strlen(d->doc_number), "国") ||
	                      pp_has_prefix(d->doc_number, strlen(d->doc_number), "中发") ||
	                      pp_has_prefix(d->doc_number, strlen(d->doc_number), "中办发")))
		return true;
	for (size_t k = 0; k < sizeof(titles) / sizeof(titles[0]); k++)
		if (d->title && pp_has_prefix(d->title, strlen(d->title), titles[k]))
			return true;
	if (d->title_note &&
	    (strstr(d->title_note, "国务院令") || strstr(d->title_note, "全国人民代表大会")))
		return true;
	for (size_t i = p->body_end; i < p->nl; i++)
		for (size_t k = 0; k < sizeof(signers) / sizeof(signers[0]); k++)
			if (!strcmp(p->ln[i].s, signers[k]))
				return true;
	return false;
}

/* Where more than half of the articles name units, one that names none was probably missed. */
static void warn_unitless(struct parser *p)
{
	const struct policy_doc *d = p->d;
	size_t with = 0;

	for (size_t i = 0; i < d->n_articles; i++)
		with += d->articles[i].n_lead_units + d->articles[i].n_responsible_units > 0;
	if (2 * with <= d->n_articles)
		return;
	for (size_t i = 0; i < d->n_articles; i++)
		if (d->articles[i].n_lead_units + d->articles[i].n_responsible_units == 0)
			pp_warn(p, d->articles[i].line,
			        "条目 %d 没有牵头单位和责任单位，而本文件多数条目都有，请核对",
			        d->articles[i].number);
}

const char *policy_article_caption(struct arena *a, const struct policy_article *art,
                                   size_t max_cps)
{
	const char *s = art->body ? art->body : "";
	const char *clip;

	if (art->short_title && *art->short_title)
		return art->short_title;
	clip = pp_clip(a, s, strlen(s), "。，,；;：:\n", max_cps);
	return *clip ? clip : arena_printf(a, "第%d条", art->number);
}

const char *policy_part_heading(struct arena *a, const struct policy_doc *d, int part)
{
	const struct policy_part *pt;
	const char *title;

	if (part < 0)
		return NULL;
	pt = &d->parts[part];
	title = pt->section >= 0 ? d->sections[pt->section].title : NULL;
	return title ? arena_printf(a, "《%s》%s", title, pt->heading) : pt->heading;
}

const char *policy_unit_source_name(enum policy_unit_source s)
{
	return enum_unit_source.entries[s].code;
}

/* The message for a file that is a PDF or an office document by its first bytes, else NULL. */
static const char *office_file(const char *buf, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *message;
	} kinds[] = {
	    {"%PDF-", 5, POLICY_MSG_PDF},
	    {"PK\x03\x04", 4, POLICY_MSG_WORD},                       /* .docx .xlsx .wps(x) */
	    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, POLICY_MSG_WORD}, /* .doc .xls .wps */
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (len >= kinds[i].n && !memcmp(buf, kinds[i].magic, kinds[i].n))
			return kinds[i].message;
	return NULL;
}

int policy_parse(const char *buf, size_t len, struct arena *a, struct policy_doc *out)
{
	struct textconv_text t;
	struct parser p;
	size_t start, i, nl = 1;
	int rc = KFQ_EINVAL;
	bool any = false;

	memset(out, 0, sizeof(*out));
	out->preamble = "";
	out->closing = "";
	if (len > POLICY_MAX_BYTES) {
		out->error = "文件过大（超过 4 MiB）";
		goto fail;
	}
	if ((out->error = office_file(buf, len)) != NULL)
		goto fail;
	if (textconv_to_utf8(buf, len, a, &t) != KFQ_OK) {
		out->error = t.error;
		goto fail;
	}
	out->encoding = textconv_encoding_name(t.encoding);
	out->text = t.text;
	out->text_len = t.len;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.d = out;
	p.part = -1;
	p.group = -1;
	pp_sb_init(&p.preamble, a);
	pp_sb_init(&p.part_body, a);
	pp_sb_init(&p.group_body, a);
	for (i = 0; i < t.len; i++)
		nl += t.text[i] == '\n';
	if (nl > POLICY_MAX_LINES) {
		out->error = "文件行数过多（超过 100000 行）";
		goto fail;
	}
	p.nl = nl;
	p.ln = arena_zalloc(a, nl * sizeof(*p.ln));
	p.next_nb = arena_alloc(a, nl * sizeof(*p.next_nb));
	{
		struct pp_para *para;
		size_t np = pp_paragraphs(a, t.text, t.len, &para);
		pp_read_tables(a, para, np);
		for (i = 0; i < np; i++) {
			p.ln[i].no = para[i].no;
			prep_line(&p, &p.ln[i], para[i].s, para[i].n);
			any |= p.ln[i].kind != K_BLANK;
		}
	}
	if (!any) {
		out->error = TEXTCONV_MSG_EMPTY;
		goto fail;
	}
	for (i = nl, start = nl; i-- > 0;) {
		p.next_nb[i] = start;
		if (p.ln[i].kind != K_BLANK)
			start = i;
	}

	start = body_start(&p);
	p.body_end = closing_start(&p, start);
	p.mode = mode_of(&p, start);
	pp_parse_front(&p, start);
	doc_date(&p, start);
	out->national = national(&p);
	pp_parse_body(&p, start);
	out->preamble = pp_sb_str(&p.preamble);
	{
		struct sbuf closing;
		pp_sb_init(&closing, a);
		for (i = p.body_end; i < nl; i++)
			pp_sb_para(&closing, p.ln[i].s, p.ln[i].n);
		out->closing = pp_sb_str(&closing);
	}
	if (out->n_articles == 0)
		pp_warn(&p, start < nl ? p.ln[start].no : 1, "未识别出任何条目");
	warn_unitless(&p);
	if (out->n_warnings > 1)
		sort_warnings(a, out);
	rc = KFQ_OK;
fail:
	return rc;
}
