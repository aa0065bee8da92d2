/* xlsx_read.c - a streaming .xlsx reader: libzip opens the archive and inflates each XML part as
 * it is read. expat parses the small parts (relationships, workbook, styles, shared strings);
 * the first worksheet, most of a file's bytes, goes through kfq's own scanner (xlsx_scan.c) 256
 * KiB at a time, row by row (the scanner pauses at each </row>), so a sheet of a million rows
 * never sits in memory; only the shared-string table (which cells index at random: one arena of
 * texts and an index of offsets) and one row are held.
 *
 * Hostile files: the archive's entry count, each part's and all parts' inflated bytes and the
 * inflation ratio are capped while inflating (the sizes the archive declares are not trusted);
 * a DTD or entity declaration stops the parser (OOXML has none, and that is where external
 * entities and entity expansion live); element nesting is capped.
 * Must not interpret cell values beyond their kind: core/ does. */
#include "util/sheet_impl.h"

#include "util/log.h"
#include "util/xlsx_scan.h"

#include <errno.h>
#include <expat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#define CHUNK         65536
#define SHEET_CHUNK   (256 * 1024)
#define RATIO_FLOOR   (1024 * 1024) /* the ratio is checked once a part inflates past this */
#define MAX_STYLES    65536
#define MAX_PATH_LEN  512
#define MAX_ROW_INDEX 1048576
#define MAX_COL_INDEX 16384
#define NS_SEP        '|'

/* What the element handlers of a part are collecting. */
enum part_kind { P_RELS, P_WORKBOOK, P_STYLES, P_SHARED, P_SHEET };

struct part {
	struct xlsx_read *x;
	enum part_kind kind;
	zip_file_t *zf;
	XML_Parser p; /* NULL for the sheet, which xlsx_scan reads */
	uint64_t inflated, compressed;
	bool eof;
	int depth;
	int err_rc;   /* KFQ_EINVAL / KFQ_EIO once a handler refused */
	int64_t line; /* row number for messages */
};

struct xlsx_read {
	const struct sheet_limits *lim;
	zip_t *zip;
	uint64_t total; /* inflated bytes of every part so far */
	struct sheet_error *e;

	/* from the package relationships and the workbook */
	char workbook[MAX_PATH_LEN], sheet[MAX_PATH_LEN], shared[MAX_PATH_LEN],
	    styles[MAX_PATH_LEN];
	char first_sheet_rid[64]; /* of the sheet read (the first, or SHEET_DATA_NAME) */
	bool sheet_named;         /* it is SHEET_DATA_NAME */
	bool date1904;

	/* relationships part being read: resolve targets against this directory */
	char rels_base[MAX_PATH_LEN];
	bool rels_of_workbook;

	/* styles: which cell formats (cellXfs index) show dates */
	bool *date_xf;
	int nxf;
	int *custom_ids; /* numFmtId of custom date formats */
	int ncustom, custom_cap;
	bool in_cellxfs;

	/* shared strings: texts NUL-separated in sst, offsets in sst_off */
	struct strbuf sst;
	size_t *sst_off;
	size_t nsst, sst_cap;
	bool in_si, in_rph;

	/* the sheet */
	struct part sheet_part;
	struct xscan scan;
	char *sbuf;        /* inflated sheet bytes, SHEET_CHUNK */
	size_t spos, slen; /* scanned and held bytes of sbuf */
	bool sheet_open, in_sheetdata, in_v, in_is, in_t;
	int64_t row, last_row;
	int col, last_col;
	char ctype[16];
	int cstyle;
	struct strbuf val; /* the current cell's <v> or inline text */
	struct sheet_rowbuf rb;
	/* <mergeCells>, after the rows: the first SHEET_MERGES_MAX kept, all counted */
	struct sheet_merge merges[SHEET_MERGES_MAX];
	int nmerges;
};

/* ---- small helpers ---- */

/* The local name of an expat "namespace|local" name. */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, NS_SEP);

	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* The r:id attribute: local name "id" in the relationships namespace. */
static const char *attr_rid(const char **atts)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), "id") && strchr(atts[i], NS_SEP) &&
		    strstr(atts[i], "relationships"))
			return atts[i + 1];
	return NULL;
}

static void refuse(struct part *pt, const char *msg)
{
	if (pt->err_rc)
		return;
	pt->err_rc = sheet_fail(pt->x->e, pt->line, "%s", msg);
	XML_StopParser(pt->p, XML_FALSE);
}

static bool parse_uint(const char *s, long long max, long long *out)
{
	long long v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

/* "B12" -> column 1 (0-based) and row 12. */
static bool parse_ref(const char *r, int *col, int64_t *row)
{
	long long c = 0, rr;

	if (!r || !(*r >= 'A' && *r <= 'Z'))
		return false;
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		c = c * 26 + (*r - 'A' + 1);
		if (c > MAX_COL_INDEX)
			return false;
	}
	if (!parse_uint(r, MAX_ROW_INDEX, &rr) || rr < 1)
		return false;
	*col = (int)c - 1;
	*row = rr;
	return true;
}

/* Resolves a relationship target against base ("xl/"): "worksheets/sheet1.xml" ->
 * "xl/worksheets/sheet1.xml", "/xl/styles.xml" -> "xl/styles.xml", with ".." segments. */
static bool resolve(const char *base, const char *target, char out[MAX_PATH_LEN])
{
	char buf[MAX_PATH_LEN * 2];
	char *segs[64] = {0};
	int n = 0;
	size_t len = 0;

	if (target[0] == '/')
		snprintf(buf, sizeof(buf), "%s", target + 1);
	else if (snprintf(buf, sizeof(buf), "%s%s", base, target) >= (int)sizeof(buf))
		return false;
	for (char *save = NULL, *s = strtok_r(buf, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (!strcmp(s, "."))
			continue;
		if (!strcmp(s, "..")) {
			if (n == 0)
				return false;
			n--;
			continue;
		}
		if (n == 64)
			return false;
		segs[n++] = s;
	}
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		size_t k = strlen(segs[i]);
		if (len + k + 2 > MAX_PATH_LEN)
			return false;
		if (i)
			out[len++] = '/';
		memcpy(out + len, segs[i], k);
		len += k;
		out[len] = 0;
	}
	return n > 0;
}

/* ---- date formats ---- */

/* Excel's built-in date and time formats, including the East Asian ones (27-36, 50-58). */
static bool builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A custom format shows a date or time when, outside quoted text, escapes and [..] sections
 * (colours, locales), it has one of y m d h s. "General", "0.00", "#,##0" have none. */
static bool code_is_date(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '"':
			s = strchr(s + 1, '"');
			if (!s)
				return false;
			break;
		case '\\':
		case '_':
		case '*':
			if (!*++s)
				return false;
			break;
		case '[':
			/* [h] [mm] [ss] are elapsed times: still a time */
			if (s[1] == 'h' || s[1] == 'H' || s[1] == 'm' || s[1] == 'M' ||
			    s[1] == 's' || s[1] == 'S')
				return true;
			s = strchr(s, ']');
			if (!s)
				return false;
			break;
		case 'y':
		case 'Y':
		case 'd':
		case 'D':
		case 'm':
		case 'M':
		case 'h':
		case 'H':
		case 's':
		case 'S':
			/* General is the only word-like code without dates */
			if (!strncasecmp(s, "General", 7)) {
				s += 6;
				break;
			}
			return true;
		default:
			break;
		}
	}
	return false;
}

static bool is_custom_date(const struct xlsx_read *x, int id)
{
	for (int i = 0; i < x->ncustom; i++)
		if (x->custom_ids[i] == id)
			return true;
	return false;
}

/* ---- element handlers per part ---- */

static void on_rels(struct part *pt, const char *name, const char **atts)
{
	struct xlsx_read *x = pt->x;
	const char *type, *target, *id;
	char path[MAX_PATH_LEN];

	if (strcmp(name, "Relationship") != 0)
		return;
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	id = attr(atts, "Id");
	if (!type || !target || !id ||
	    (attr(atts, "TargetMode") && !strcmp(attr(atts, "TargetMode"), "External")))
		return;
	if (!resolve(x->rels_base, target, path))
		return;
	const char *slash = strrchr(type, '/');
	const char *kind = slash ? slash + 1 : type;
	if (!x->rels_of_workbook) {
		if (!strcmp(kind, "officeDocument") && !x->workbook[0])
			memcpy(x->workbook, path, sizeof(path));
		return;
	}
	if (!strcmp(kind, "sharedStrings"))
		memcpy(x->shared, path, sizeof(path));
	else if (!strcmp(kind, "styles"))
		memcpy(x->styles, path, sizeof(path));
	else if (!strcmp(kind, "worksheet") && !strcmp(id, x->first_sheet_rid))
		memcpy(x->sheet, path, sizeof(path));
}

static void on_workbook(struct part *pt, const char *name, const char **atts)
{
	struct xlsx_read *x = pt->x;

	if (!strcmp(name, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(name, "sheet") && !x->sheet_named) {
		/* the first sheet, unless one is named as the templates name their rows' sheet: a
		 * user who moved 填写说明 in front of it still imports the rows */
		const char *rid = attr_rid(atts), *title = attr(atts, "name");
		bool named = title && !strcmp(title, SHEET_DATA_NAME);
		if (rid && strlen(rid) < sizeof(x->first_sheet_rid) &&
		    (named || !x->first_sheet_rid[0])) {
			strcpy(x->first_sheet_rid, rid);
			x->sheet_named = named;
		}
	}
}

static void on_styles(struct part *pt, const char *name, const char **atts)
{
	struct xlsx_read *x = pt->x;
	long long id;

	if (!strcmp(name, "numFmt")) {
		const char *code = attr(atts, "formatCode");
		if (!parse_uint(attr(atts, "numFmtId"), 100000, &id) || !code ||
		    !code_is_date(code))
			return;
		if (x->ncustom == x->custom_cap) {
			if (x->custom_cap >= 4096) {
				refuse(pt, "样式表中的数字格式过多");
				return;
			}
			x->custom_cap = x->custom_cap ? x->custom_cap * 2 : 16;
			x->custom_ids =
			    xrealloc(x->custom_ids, sizeof(int) * (size_t)x->custom_cap);
		}
		x->custom_ids[x->ncustom++] = (int)id;
	} else if (!strcmp(name, "cellXfs")) {
		x->in_cellxfs = true;
	} else if (!strcmp(name, "xf") && x->in_cellxfs) {
		if (x->nxf == MAX_STYLES) {
			refuse(pt, "样式表中的单元格格式过多");
			return;
		}
		if (!parse_uint(attr(atts, "numFmtId"), 100000, &id))
			id = 0;
		x->date_xf = xrealloc(x->date_xf, sizeof(bool) * (size_t)(x->nxf + 1));
		x->date_xf[x->nxf++] = builtin_date((int)id) || is_custom_date(x, (int)id);
	}
}

static void on_shared_start(struct part *pt, const char *name)
{
	struct xlsx_read *x = pt->x;

	if (!strcmp(name, "si")) {
		/* each entry costs its offset too: a million empty <si/> are not free */
		if (x->sst.len + (x->nsst + 1) * sizeof(size_t) > x->lim->max_shared_bytes) {
			refuse(pt, "共享字符串表过大");
			return;
		}
		if (x->nsst == x->sst_cap) {
			x->sst_cap = x->sst_cap ? x->sst_cap * 2 : 1024;
			x->sst_off = xrealloc(x->sst_off, sizeof(size_t) * x->sst_cap);
		}
		x->sst_off[x->nsst++] = x->sst.len;
		x->in_si = true;
	} else if (!strcmp(name, "rPh")) {
		x->in_rph = true; /* phonetic guide: not part of the text */
	}
}

static void on_shared_end(struct part *pt, const char *name)
{
	struct xlsx_read *x = pt->x;

	if (!strcmp(name, "si")) {
		strbuf_addch(&x->sst, 0);
		x->in_si = false;
	} else if (!strcmp(name, "rPh")) {
		x->in_rph = false;
	}
	(void)pt;
}

static int sheet_refuse(struct xlsx_read *x, const char *msg)
{
	x->sheet_part.err_rc = sheet_fail(x->e, x->sheet_part.line, "%s", msg);
	return XSCAN_ERROR;
}

/* The attribute as a whole number up to max (false when absent, cut or not a number). */
static bool attr_uint(const struct xscan_attr *a, long long max, long long *out)
{
	return a->present && a->len <= XSCAN_ATTR_MAX && parse_uint(a->v, max, out);
}

/* Whether the scanner hands over text: a cell's <v>, or an inline string's <t> outside a
 * phonetic guide. */
static void sheet_capture(struct xlsx_read *x)
{
	x->scan.capture = x->in_v || (x->in_t && !x->in_rph);
}

static int sheet_row_start(struct xlsx_read *x, const struct xscan_tag *tag)
{
	long long r;

	if (tag->r.present) {
		if (!attr_uint(&tag->r, MAX_ROW_INDEX, &r) || r < 1)
			return sheet_refuse(x, "工作表的行号无效");
		x->row = r;
	} else {
		x->row = x->last_row + 1;
	}
	x->sheet_part.line = x->row;
	if (x->row <= x->last_row)
		return sheet_refuse(x, "工作表的行号重复或顺序错乱");
	if (x->row > MAX_ROW_INDEX)
		return sheet_refuse(x, "工作表超过 1048576 行");
	x->last_col = -1;
	sheet_rowbuf_reset(&x->rb);
	return XSCAN_GO;
}

static int sheet_cell_start(struct xlsx_read *x, const struct xscan_tag *tag)
{
	long long st;
	int64_t rr;

	if (tag->r.present) {
		if (tag->r.len > XSCAN_ATTR_MAX || !parse_ref(tag->r.v, &x->col, &rr) ||
		    rr != x->row)
			return sheet_refuse(x, "单元格引用无效");
	} else {
		x->col = x->last_col + 1;
	}
	if (x->col <= x->last_col)
		return sheet_refuse(x, "单元格重复或顺序错乱");
	if (x->col >= MAX_COL_INDEX)
		return sheet_refuse(x, "单元格超出 XFD 列");
	if (!tag->t.present)
		strcpy(x->ctype, "n");
	else if (tag->t.len < sizeof(x->ctype))
		memcpy(x->ctype, tag->t.v, tag->t.len + 1);
	else
		return sheet_refuse(x, "单元格类型无效");
	x->cstyle = attr_uint(&tag->s, MAX_STYLES, &st) ? (int)st : 0;
	strbuf_reset(&x->val);
	return XSCAN_GO;
}

/* A <mergeCell ref="B3:B5">: kept for the import's messages; one not understood is skipped (a
 * merge changes no cell's value, so it is never a reason to refuse the file). */
static void merge_cell(struct xlsx_read *x, const struct xscan_tag *tag)
{
	char ref[XSCAN_ATTR_MAX + 1];
	struct sheet_merge m;
	char *colon;

	if (!tag->ref.present || tag->ref.len > XSCAN_ATTR_MAX)
		return;
	memcpy(ref, tag->ref.v, tag->ref.len + 1);
	if (!(colon = strchr(ref, ':')))
		return;
	*colon = 0;
	if (!parse_ref(ref, &m.col1, &m.row1) || !parse_ref(colon + 1, &m.col2, &m.row2) ||
	    m.row2 < m.row1 || m.col2 < m.col1)
		return;
	if (x->nmerges < SHEET_MERGES_MAX)
		x->merges[x->nmerges] = m;
	x->nmerges++;
}

static int on_sheet_start(void *ud, const struct xscan_tag *tag)
{
	struct xlsx_read *x = ud;
	const char *name = tag->name;
	int rc = XSCAN_GO;

	if (!strcmp(name, "sheetData")) {
		x->in_sheetdata = true;
		return XSCAN_GO;
	}
	if (!x->in_sheetdata) {
		if (!strcmp(name, "mergeCell") && x->nmerges < INT_MAX)
			merge_cell(x, tag);
		return XSCAN_GO;
	}
	if (!strcmp(name, "c"))
		rc = sheet_cell_start(x, tag);
	else if (!strcmp(name, "v"))
		x->in_v = true;
	else if (!strcmp(name, "row"))
		rc = sheet_row_start(x, tag);
	else if (!strcmp(name, "is"))
		x->in_is = true;
	else if (!strcmp(name, "t") && x->in_is)
		x->in_t = true;
	else if (!strcmp(name, "rPh") && x->in_is)
		x->in_rph = true;
	sheet_capture(x);
	return rc;
}

/* Turns the collected <c> into a cell of the row. */
static int finish_cell(struct xlsx_read *x)
{
	enum sheet_cell_kind kind = SHEET_NUMBER;
	const char *text = x->val.buf;
	size_t len = x->val.len;
	bool date = false;

	if (!strcmp(x->ctype, "s")) {
		long long i;
		if (!len) {
			kind = SHEET_EMPTY;
		} else if (!parse_uint(text, (long long)x->nsst - 1, &i) || x->nsst == 0) {
			return sheet_refuse(x, "单元格引用的共享字符串不存在");
		} else {
			kind = SHEET_TEXT;
			text = x->sst.buf + x->sst_off[i];
			len = strlen(text);
		}
	} else if (!strcmp(x->ctype, "n")) {
		date = x->cstyle < x->nxf && x->date_xf[x->cstyle];
	} else if (!strcmp(x->ctype, "inlineStr") || !strcmp(x->ctype, "str") ||
	           !strcmp(x->ctype, "d")) {
		kind = SHEET_TEXT;
	} else if (!strcmp(x->ctype, "b")) {
		kind = SHEET_BOOL;
		if (len && strcmp(text, "0") != 0 && strcmp(text, "1") != 0)
			return sheet_refuse(x, "布尔单元格的值无效");
	} else if (!strcmp(x->ctype, "e")) {
		kind = SHEET_ERROR;
	} else {
		return sheet_refuse(x, "单元格类型无效");
	}
	x->last_col = x->col;
	int rc = sheet_rowbuf_put(&x->rb, x->col, kind, date, text, len, x->row, x->e);
	if (rc != KFQ_OK) {
		x->sheet_part.err_rc = rc;
		return XSCAN_ERROR;
	}
	return XSCAN_GO;
}

static int on_sheet_end(void *ud, const char *name)
{
	struct xlsx_read *x = ud;
	int rc = XSCAN_GO;

	if (!x->in_sheetdata)
		return XSCAN_GO;
	if (!strcmp(name, "v")) {
		x->in_v = false;
	} else if (!strcmp(name, "c")) {
		rc = finish_cell(x);
	} else if (!strcmp(name, "row")) {
		x->last_row = x->row;
		/* a row with a cell pauses the scanner: xlsx_read_next hands it out */
		rc = x->rb.any ? XSCAN_PAUSE : XSCAN_GO;
	} else if (!strcmp(name, "t")) {
		x->in_t = false;
	} else if (!strcmp(name, "rPh")) {
		x->in_rph = false;
	} else if (!strcmp(name, "is")) {
		x->in_is = false;
	} else if (!strcmp(name, "sheetData")) {
		x->in_sheetdata = false;
	}
	sheet_capture(x);
	return rc;
}

static int on_sheet_text(void *ud, const char *s, size_t len)
{
	struct xlsx_read *x = ud;

	if (x->val.len + len > x->lim->max_cell_bytes) {
		x->sheet_part.err_rc = sheet_fail(x->e, x->row, "第%lld行第%d列：单元格内容过长",
		                                  (long long)x->row, x->col + 1);
		return XSCAN_ERROR;
	}
	strbuf_add(&x->val, s, len);
	return XSCAN_GO;
}

static const struct xscan_ops sheet_ops = {
    .start = on_sheet_start, .end = on_sheet_end, .text = on_sheet_text};

static void XMLCALL on_start(void *ud, const char *qname, const char **atts)
{
	struct part *pt = ud;
	const char *name = local(qname);

	if (pt->err_rc)
		return;
	if (++pt->depth > (int)pt->x->lim->max_depth) {
		refuse(pt, "XML 嵌套过深");
		return;
	}
	switch (pt->kind) {
	case P_RELS:
		on_rels(pt, name, atts);
		break;
	case P_WORKBOOK:
		on_workbook(pt, name, atts);
		break;
	case P_STYLES:
		on_styles(pt, name, atts);
		break;
	case P_SHARED:
		on_shared_start(pt, name);
		break;
	case P_SHEET: /* the sheet goes through xlsx_scan, never expat */
		break;
	}
}

static void XMLCALL on_end(void *ud, const char *qname)
{
	struct part *pt = ud;
	const char *name = local(qname);

	if (pt->err_rc)
		return;
	pt->depth--;
	if (pt->kind == P_SHARED)
		on_shared_end(pt, name);
	else if (pt->kind == P_STYLES && !strcmp(name, "cellXfs"))
		pt->x->in_cellxfs = false;
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
	struct part *pt = ud;
	struct xlsx_read *x = pt->x;

	if (pt->err_rc)
		return;
	if (pt->kind == P_SHARED && x->in_si && !x->in_rph) {
		if (x->sst.len + (size_t)len + x->nsst * sizeof(size_t) >
		    x->lim->max_shared_bytes) {
			refuse(pt, "共享字符串表过大");
			return;
		}
		strbuf_add(&x->sst, s, (size_t)len);
	}
}

/* Text in <si> counts only inside <t> (plain or in rich-text runs); the rest is whitespace
 * between elements. */
static void XMLCALL on_shared_t_start(void *ud, const char *qname, const char **atts)
{
	struct part *pt = ud;

	on_start(ud, qname, atts);
	if (!pt->err_rc && !strcmp(local(qname), "t"))
		pt->x->in_t = true;
}

static void XMLCALL on_shared_t_end(void *ud, const char *qname)
{
	struct part *pt = ud;

	on_end(ud, qname);
	if (!strcmp(local(qname), "t"))
		pt->x->in_t = false;
}

static void XMLCALL on_shared_text(void *ud, const char *s, int len)
{
	struct part *pt = ud;

	if (pt->x->in_t)
		on_text(ud, s, len);
}

/* OOXML never declares a DTD: refusing one shuts out external entities and entity bombs. */
static void XMLCALL on_doctype(void *ud, const char *name, const char *sysid, const char *pubid,
                               int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	refuse(ud, "XML 含有文档类型声明（DTD），已拒绝");
}

static void XMLCALL on_entity(void *ud, const char *name, int is_param, const char *value,
                              int value_len, const char *base, const char *sysid, const char *pubid,
                              const char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	refuse(ud, "XML 含有实体声明，已拒绝");
}

/* ---- reading a part ---- */

static int part_open(struct xlsx_read *x, struct part *pt, enum part_kind kind, const char *path,
                     bool required)
{
	zip_stat_t st;
	zip_int64_t idx;

	memset(pt, 0, sizeof(*pt));
	pt->x = x;
	pt->kind = kind;
	idx = zip_name_locate(x->zip, path, ZIP_FL_NOCASE);
	if (idx < 0)
		return required ? sheet_fail(x->e, 0, "文件不是有效的 .xlsx：缺少 %s", path)
		                : KFQ_ENOTFOUND;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) != 0)
		return sheet_fail(x->e, 0, "文件不是有效的 .xlsx：无法读取 %s", path);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return sheet_fail(x->e, 0, "文件已加密，请取消密码保护后再导入");
	pt->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	pt->zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!pt->zf)
		return sheet_fail(x->e, 0, "文件不是有效的 .xlsx：无法解压 %s", path);
	if (kind == P_SHEET) {
		xscan_init(&x->scan, &sheet_ops, x, (int)x->lim->max_depth);
		x->sbuf = xmalloc(SHEET_CHUNK);
		return KFQ_OK;
	}
	pt->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!pt->p)
		fatal("expat: out of memory");
	XML_SetUserData(pt->p, pt);
	if (kind == P_SHARED) {
		XML_SetElementHandler(pt->p, on_shared_t_start, on_shared_t_end);
		XML_SetCharacterDataHandler(pt->p, on_shared_text);
	} else {
		XML_SetElementHandler(pt->p, on_start, on_end);
		XML_SetCharacterDataHandler(pt->p, on_text);
	}
	XML_SetStartDoctypeDeclHandler(pt->p, on_doctype);
	XML_SetEntityDeclHandler(pt->p, on_entity);
	XML_SetParamEntityParsing(pt->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return KFQ_OK;
}

static void part_close(struct part *pt)
{
	if (pt->p)
		XML_ParserFree(pt->p);
	if (pt->zf)
		zip_fclose(pt->zf);
	pt->p = NULL;
	pt->zf = NULL;
}

/* Inflates up to cap more bytes of the part into buf (*n = 0 at its end), within the caps on
 * sizes and on the inflation ratio. KFQ_OK or KFQ_EINVAL with x->e filled. */
static int part_read(struct part *pt, void *buf, size_t cap, size_t *n)
{
	struct xlsx_read *x = pt->x;
	zip_int64_t got = zip_fread(pt->zf, buf, cap);

	if (got < 0)
		return sheet_fail(x->e, 0, "文件已损坏：解压失败（%s）",
		                  zip_error_strerror(zip_file_get_error(pt->zf)));
	pt->inflated += (uint64_t)got;
	x->total += (uint64_t)got;
	if (pt->inflated > x->lim->max_part_bytes || x->total > x->lim->max_total_bytes)
		return sheet_fail(x->e, 0, "文件解压后过大（可能是压缩炸弹），已拒绝");
	if (pt->inflated > RATIO_FLOOR &&
	    pt->inflated / (pt->compressed ? pt->compressed : 1) > x->lim->max_ratio)
		return sheet_fail(x->e, 0, "文件压缩比异常（可能是压缩炸弹），已拒绝");
	pt->eof = got == 0;
	*n = (size_t)got;
	return KFQ_OK;
}

/* Parses a small part with expat until it ends (KFQ_DONE). */
static int part_pump(struct part *pt)
{
	struct xlsx_read *x = pt->x;
	size_t n = 0;
	int rc;

	while (!pt->eof) {
		void *buf = XML_GetBuffer(pt->p, CHUNK);
		if (!buf)
			fatal("expat: out of memory");
		if ((rc = part_read(pt, buf, CHUNK, &n)) != KFQ_OK)
			return rc;
		if (XML_ParseBuffer(pt->p, (int)n, pt->eof) == XML_STATUS_ERROR) {
			if (pt->err_rc)
				return pt->err_rc;
			return sheet_fail(x->e, 0, "文件已损坏：XML 格式错误（%s，第%lu行）",
			                  XML_ErrorString(XML_GetErrorCode(pt->p)),
			                  (unsigned long)XML_GetCurrentLineNumber(pt->p));
		}
	}
	return KFQ_DONE;
}

/* Scans the sheet until a row is ready (KFQ_ROW) or the part ends (KFQ_DONE); the bytes after
 * the row stay in sbuf for the next call. */
static int sheet_pump(struct xlsx_read *x)
{
	struct part *pt = &x->sheet_part;
	size_t used;
	int rc;

	for (;;) {
		if (x->spos == x->slen) {
			if (pt->eof) {
				if (xscan_finish(&x->scan) != XSCAN_GO)
					return sheet_fail(x->e, 0, "%s", x->scan.error);
				return KFQ_DONE;
			}
			x->spos = 0;
			if ((rc = part_read(pt, x->sbuf, SHEET_CHUNK, &x->slen)) != KFQ_OK)
				return rc;
			continue;
		}
		rc = xscan_feed(&x->scan, x->sbuf + x->spos, x->slen - x->spos, &used);
		x->spos += used;
		if (rc == XSCAN_PAUSE)
			return KFQ_ROW;
		if (rc == XSCAN_ERROR)
			return pt->err_rc ? pt->err_rc
			                  : sheet_fail(x->e, pt->line, "%s", x->scan.error);
	}
}

/* Reads a whole small part through its handlers. */
static int read_part(struct xlsx_read *x, enum part_kind kind, const char *path, bool required)
{
	struct part pt;
	int rc = part_open(x, &pt, kind, path, required);

	if (rc == KFQ_OK)
		rc = part_pump(&pt);
	part_close(&pt);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* The directory part of path with its slash ("xl/workbook.xml" -> "xl/"), and the path of its
 * relationships part ("xl/_rels/workbook.xml.rels"). */
static void rels_of(const char *path, char base[MAX_PATH_LEN], char rels[MAX_PATH_LEN])
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;

	size_t name = strlen(path + dir);

	snprintf(base, MAX_PATH_LEN, "%.*s", (int)dir, path);
	/* too long a name makes a path that is not in the archive: "missing" is the answer */
	if (dir + name + 11 < MAX_PATH_LEN) {
		memcpy(rels, path, dir);
		memcpy(rels + dir, "_rels/", 6);
		memcpy(rels + dir + 6, path + dir, name);
		memcpy(rels + dir + 6 + name, ".rels", 6);
	} else {
		rels[0] = 0;
	}
}

int xlsx_read_open(int fd, const struct sheet_limits *lim, struct xlsx_read **out,
                   struct sheet_error *e)
{
	struct xlsx_read *x = xcalloc(1, sizeof(*x));
	char rels[MAX_PATH_LEN];
	int zerr = 0, dfd, rc;

	*out = NULL;
	x->lim = lim;
	x->e = e;
	strbuf_init(&x->sst, 0);
	strbuf_init(&x->val, 64);
	sheet_rowbuf_init(&x->rb, lim);
	if (lseek(fd, 0, SEEK_SET) != 0)
		goto io;
	dfd = dup(fd);
	if (dfd < 0)
		goto io;
	x->zip = zip_fdopen(dfd, ZIP_CHECKCONS, &zerr);
	if (!x->zip) {
		close(dfd);
		rc = sheet_fail(e, 0, "文件不是有效的 .xlsx（压缩包已损坏或不完整）");
		goto fail;
	}
	if (zip_get_num_entries(x->zip, 0) > (zip_int64_t)lim->max_entries) {
		rc = sheet_fail(e, 0, "压缩包内文件过多（超过%u个），已拒绝", lim->max_entries);
		goto fail;
	}
	/* package relationships name the workbook; the workbook's name the sheets */
	x->rels_of_workbook = false;
	if ((rc = read_part(x, P_RELS, "_rels/.rels", true)) != KFQ_OK)
		goto fail;
	if (!x->workbook[0]) {
		rc = sheet_fail(e, 0, "文件不是有效的 .xlsx：找不到工作簿");
		goto fail;
	}
	if ((rc = read_part(x, P_WORKBOOK, x->workbook, true)) != KFQ_OK)
		goto fail;
	rels_of(x->workbook, x->rels_base, rels);
	x->rels_of_workbook = true;
	if ((rc = read_part(x, P_RELS, rels, true)) != KFQ_OK)
		goto fail;
	if (!x->sheet[0]) {
		rc = sheet_fail(e, 0, "文件中没有工作表");
		goto fail;
	}
	if (x->styles[0] && (rc = read_part(x, P_STYLES, x->styles, false)) != KFQ_OK &&
	    rc != KFQ_ENOTFOUND)
		goto fail;
	if (x->shared[0] && (rc = read_part(x, P_SHARED, x->shared, false)) != KFQ_OK &&
	    rc != KFQ_ENOTFOUND)
		goto fail;
	if ((rc = part_open(x, &x->sheet_part, P_SHEET, x->sheet, true)) != KFQ_OK)
		goto fail;
	x->sheet_open = true;
	*out = x;
	return KFQ_OK;
io:
	rc = KFQ_EIO;
fail:
	xlsx_read_close(x);
	return rc;
}

int xlsx_read_next(struct xlsx_read *x, struct sheet_row *row, struct sheet_error *e)
{
	int rc;

	x->e = e;
	if (!x->sheet_open)
		return KFQ_DONE;
	rc = sheet_pump(x);
	if (rc == KFQ_ROW) {
		if (x->row > x->lim->max_rows)
			return sheet_fail(e, x->row, "行数超过上限（%lld行）",
			                  (long long)x->lim->max_rows);
		sheet_rowbuf_finish(&x->rb, x->row, row);
		return KFQ_ROW;
	}
	part_close(&x->sheet_part);
	x->sheet_open = false;
	if (rc == KFQ_DONE) {
		/* the stored CRC is checked when the part has been read to its end */
		return KFQ_DONE;
	}
	return rc;
}

bool xlsx_read_date1904(const struct xlsx_read *x)
{
	return x->date1904;
}

int xlsx_read_merges(const struct xlsx_read *x, const struct sheet_merge **out)
{
	*out = x->merges;
	return x->nmerges;
}

void xlsx_read_close(struct xlsx_read *x)
{
	if (!x)
		return;
	part_close(&x->sheet_part);
	if (x->zip)
		zip_discard(x->zip);
	strbuf_release(&x->sst);
	strbuf_release(&x->val);
	sheet_rowbuf_release(&x->rb);
	free(x->sbuf);
	free(x->sst_off);
	free(x->date_xf);
	free(x->custom_ids);
	free(x);
}
