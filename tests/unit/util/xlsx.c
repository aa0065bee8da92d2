/* Tests src/util/xlsx.c by reading the produced workbook back: it is a zip, unpacked with
 * `unzip -p`; the sheet's cells (text inline in its cell, as constant_memory mode writes it:
 * no table of shared strings; numbers as written), the header's bold font, the percentage
 * format, the frozen header row and the column widths. */
#include "util/xlsx.h"

#include "util/log.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char path[64]; /* the workbook, copied out of the descriptor xlsx_finish gives */

/* One member of the zip, as text (heap; free it). */
static char *member(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char cmd[160], buf[4096];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s'", path, name);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		strbuf_add(&sb, buf, n);
	assert_int_equal(pclose(p), 0);
	return strbuf_detach(&sb, NULL);
}

/* XML text with the five predefined entities replaced (heap). */
static char *unescape(const char *s, size_t n)
{
	static const char *const ent[][2] = {
	    {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"},
	};
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n;) {
		size_t k;
		for (k = 0; k < 5; k++) {
			size_t l = strlen(ent[k][0]);
			if (i + l <= n && !strncmp(s + i, ent[k][0], l)) {
				strbuf_addstr(&sb, ent[k][1]);
				i += l;
				break;
			}
		}
		if (k == 5)
			strbuf_addch(&sb, s[i++]);
	}
	return strbuf_detach(&sb, NULL);
}

/* The text between the first `open` (tag start, e.g. "<t") at or after s and "</t>". */
static char *between(const char *s, const char *open, const char *close, const char **end)
{
	const char *a = strstr(s, open), *b;

	if (!a)
		return NULL;
	a = strchr(a, '>') + 1;
	b = strstr(a, close);
	*end = b + strlen(close);
	return unescape(a, (size_t)(b - a));
}

struct sheet {
	char *xml; /* xl/worksheets/sheet1.xml */
	char *styles;
};

static void load(struct sheet *sh)
{
	char *types = member("xl/_rels/workbook.xml.rels");

	/* rows written as they came: no table of shared strings, which would hold every text */
	assert_null(strstr(types, "sharedStrings"));
	free(types);
	sh->xml = member("xl/worksheets/sheet1.xml");
	sh->styles = member("xl/styles.xml");
}

static void unload(struct sheet *sh)
{
	free(sh->xml);
	free(sh->styles);
}

/* The cell's value as text ("" when the cell is absent); *style its s attribute or -1. */
static const char *cell(struct sheet *sh, const char *ref, int *style, char *buf, size_t len)
{
	char key[32];
	const char *c, *tag_end, *end;
	char *v;

	snprintf(key, sizeof(key), "<c r=\"%s\"", ref);
	*style = -1;
	if (!(c = strstr(sh->xml, key)))
		return "";
	tag_end = strchr(c, '>');
	const char *s = strstr(c, " s=\"");
	if (s && s < tag_end)
		*style = atoi(s + 4);
	if (tag_end[-1] == '/') /* <c r="C2" s="1"/>: styled but empty */
		return "";
	const char *inl = strstr(c, " t=\"inlineStr\"");
	/* text: <c … t="inlineStr"><is><t>…</t></is></c>; a number: <c …><v>…</v></c> */
	if (inl && inl < tag_end)
		v = between(c, "<t", "</t>", &end);
	else
		v = between(c, "<v", "</v>", &end);
	assert_non_null(v);
	snprintf(buf, len, "%s", v);
	free(v);
	return buf;
}

#define CELL_IS(ref, want)                                                                         \
	do {                                                                                       \
		char buf_[256];                                                                    \
		int style_;                                                                        \
		assert_string_equal(cell(&sh, ref, &style_, buf_, sizeof(buf_)), want);            \
	} while (0)

static void test_round_trip(void **state)
{
	static const char *const headers[] = {"编号", "名称", "备注", "完成率"};
	static const double widths[] = {8, 36, 20, 12};
	struct xlsx *x;
	struct sheet sh;
	uint64_t size;
	int fd, out, style;
	char buf[256];

	(void)state;
	assert_int_equal(xlsx_open(&x, "组织机构", headers, widths, 4), KFQ_OK);
	xlsx_int(x, 1);
	xlsx_text(x, "市商务局");
	xlsx_text(x, NULL); /* an empty cell */
	xlsx_bp_percent(x, 5000);
	xlsx_end_row(x);
	xlsx_int(x, -9007199254740992LL); /* -2^53: the largest exact double */
	xlsx_text(x, "<a & \"b\">");
	xlsx_text(x, "第一行\n第二行");
	xlsx_bp_percent(x, 3333);
	xlsx_end_row(x);
	assert_int_equal(xlsx_finish(x, &fd, &size), KFQ_OK);
	assert_true(fd >= 0);
	assert_true(size > 0);

	/* copy the unlinked file out through its descriptor */
	snprintf(path, sizeof(path), "/tmp/kfq-xlsx-XXXXXX");
	out = mkstemp(path);
	assert_true(out >= 0);
	char *data = malloc(size);
	assert_int_equal(pread(fd, data, size, 0), (ssize_t)size);
	assert_int_equal(write(out, data, size), (ssize_t)size);
	assert_memory_equal(data, "PK\x03\x04", 4);
	free(data);
	close(out);
	close(fd);

	load(&sh);
	/* the sheet's name */
	char *wb = member("xl/workbook.xml");
	assert_non_null(strstr(wb, "name=\"组织机构\""));
	free(wb);
	/* the header row, bold */
	CELL_IS("A1", "编号");
	CELL_IS("B1", "名称");
	CELL_IS("C1", "备注");
	CELL_IS("D1", "完成率");
	cell(&sh, "A1", &style, buf, sizeof(buf));
	assert_true(style > 0);
	assert_non_null(strstr(sh.styles, "<b/>"));
	/* the rows */
	CELL_IS("A2", "1");
	CELL_IS("B2", "市商务局");
	CELL_IS("C2", "");
	CELL_IS("D2", "0.5");
	CELL_IS("A3", "-9007199254740992");
	CELL_IS("B3", "<a & \"b\">");
	CELL_IS("C3", "第一行\n第二行");
	CELL_IS("D3", "0.3333");
	CELL_IS("A4", "");
	/* the shares carry the 0.00% format */
	cell(&sh, "D2", &style, buf, sizeof(buf));
	assert_true(style > 0);
	assert_non_null(strstr(sh.styles, "formatCode=\"0.00%\""));
	/* the header row stays in view; column widths as asked */
	assert_non_null(strstr(sh.xml, "ySplit=\"1\""));
	assert_non_null(strstr(sh.xml, "state=\"frozen\""));
	assert_non_null(strstr(sh.xml, "<col min=\"2\" max=\"2\" width=\"36.7109375\""));
	unload(&sh);
	unlink(path);
}

/* Writes a workbook of one text cell and reads that cell back (heap; free it). */
static char *round_trip_text(const char *text)
{
	static const char *const headers[] = {"变更后"};
	struct xlsx *x;
	struct sheet sh;
	uint64_t size;
	int fd, out, style;
	size_t len = strlen(text) + 1;
	char *buf = malloc(len), *data;

	assert_int_equal(xlsx_open(&x, "审计日志", headers, NULL, 1), KFQ_OK);
	xlsx_text(x, text);
	xlsx_end_row(x);
	assert_int_equal(xlsx_finish(x, &fd, &size), KFQ_OK);
	snprintf(path, sizeof(path), "/tmp/kfq-xlsx-XXXXXX");
	out = mkstemp(path);
	assert_true(out >= 0);
	data = malloc(size);
	assert_int_equal(pread(fd, data, size, 0), (ssize_t)size);
	assert_int_equal(write(out, data, size), (ssize_t)size);
	free(data);
	close(out);
	close(fd);
	load(&sh);
	if (cell(&sh, "A2", &style, buf, len) != buf)
		buf[0] = '\0'; /* no such cell */
	unload(&sh);
	unlink(path);
	return buf;
}

/* A text longer than a cell may hold (Excel: 32,767 characters; an audit record of a 督办单 with
 * its replies can be) is not dropped: the cell keeps its beginning and says it was cut. A long
 * Chinese text within the limit is kept whole. */
static void test_long_text(void **state)
{
	static const char mark[] = "…（超出 Excel 单元格 32767 个字符的上限，其余已截断）";
	struct strbuf sb = STRBUF_INIT;
	char *text, *got;
	size_t keep;

	(void)state;
	for (int i = 0; i < 4000; i++)
		strbuf_addstr(&sb, "{\"a\":\"b\"}"); /* 11 characters, 44,000 in all */
	text = strbuf_detach(&sb, NULL);
	got = round_trip_text(text);
	keep = 32767 - 34; /* the mark is 34 characters */
	assert_int_equal(strlen(got), keep + strlen(mark));
	assert_memory_equal(got, text, keep);
	assert_string_equal(got + keep, mark);
	free(got);
	free(text);

	for (int i = 0; i < 12000; i++)
		strbuf_addstr(&sb, "审"); /* 12,000 characters, 36,000 bytes */
	text = strbuf_detach(&sb, NULL);
	got = round_trip_text(text);
	assert_string_equal(got, text);
	free(got);
	free(text);
}

static void test_tmpdir_unwritable(void **state)
{
	static const char *const headers[] = {"编号"};
	struct xlsx *x = NULL;
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;

	(void)state;
	/* where the temporary file cannot be made, the export fails cleanly */
	setenv("TMPDIR", "/nonexistent/kfq", 1);
	assert_int_equal(xlsx_open(&x, "表", headers, NULL, 1), KFQ_EIO);
	assert_null(x);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_long_text),
	    cmocka_unit_test(test_tmpdir_unwritable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
