/* Tests src/util/xlsx_scan.c: the events of a document are the same whether its bytes arrive at
 * once, one at a time or in chunks of seven (tags, texts, entities, CDATA ends and UTF-8
 * sequences cut anywhere); a pause resumes where it stopped; the refusals (a DTD, an entity
 * declaration, an unknown entity, mismatched and unclosed tags, nesting past the cap, a name
 * too long, bad UTF-8, control characters) say why. */
#include "util/strbuf.h"
#include "util/xlsx_scan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The events as text: "<name r=.. t=.. s=..>" (kept attributes only), "</name>", and the
 * captured text in brackets; text is captured inside elements named t or v. */
struct log {
	struct xscan sc;
	struct strbuf out;
	int pause_on_end; /* pause after each end tag of this name's first letter, 0 = never */
};

static void attr(struct strbuf *out, const char *name, const struct xscan_attr *a)
{
	if (a->present)
		strbuf_addf(out, " %s=%s(%zu)", name, a->v, a->len);
}

static int on_start(void *ud, const struct xscan_tag *tag)
{
	struct log *l = ud;

	strbuf_addf(&l->out, "<%s", tag->name);
	attr(&l->out, "r", &tag->r);
	attr(&l->out, "t", &tag->t);
	attr(&l->out, "s", &tag->s);
	strbuf_addch(&l->out, '>');
	l->sc.capture = !strcmp(tag->name, "t") || !strcmp(tag->name, "v");
	if (l->sc.capture)
		strbuf_addch(&l->out, '[');
	return XSCAN_GO;
}

static int on_end(void *ud, const char *name)
{
	struct log *l = ud;

	if (l->sc.capture)
		strbuf_addch(&l->out, ']');
	l->sc.capture = false;
	strbuf_addf(&l->out, "</%s>", name);
	return l->pause_on_end && name[0] == l->pause_on_end ? XSCAN_PAUSE : XSCAN_GO;
}

static int on_text(void *ud, const char *s, size_t len)
{
	struct log *l = ud;

	strbuf_add(&l->out, s, len);
	return XSCAN_GO;
}

static const struct xscan_ops ops = {.start = on_start, .end = on_end, .text = on_text};

/* Scans doc in chunks of `chunk` bytes (0 = all at once); returns the log, or "ERROR: why". */
static char *scan(const char *doc, size_t chunk, int pause_on_end, int max_depth)
{
	struct log l = {.out = STRBUF_INIT, .pause_on_end = pause_on_end};
	size_t len = strlen(doc), at = 0, used;
	int rc = XSCAN_GO;

	xscan_init(&l.sc, &ops, &l, max_depth);
	while (at < len) {
		size_t n = chunk && len - at > chunk ? chunk : len - at;
		rc = xscan_feed(&l.sc, doc + at, n, &used);
		assert_true(used <= n);
		at += used;
		if (rc == XSCAN_PAUSE) {
			strbuf_addch(&l.out, '|');
			continue;
		}
		if (rc != XSCAN_GO)
			break;
		assert_int_equal(used, n);
	}
	if (rc != XSCAN_ERROR)
		rc = xscan_finish(&l.sc);
	if (rc == XSCAN_ERROR) {
		strbuf_reset(&l.out);
		strbuf_addf(&l.out, "ERROR: %s", l.sc.error);
	}
	return strbuf_detach(&l.out, NULL);
}

static void expect_same(const char *doc, const char *want)
{
	static const size_t chunks[] = {0, 1, 2, 7, 64};

	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		char *got = scan(doc, chunks[i], 0, 64);
		assert_string_equal(got, want);
		free(got);
	}
}

static void test_events(void **state)
{
	(void)state;
	expect_same(
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
	    "<x:ws xmlns:x=\"urn:m\"><!-- c -- d --><x:row r=\"7\" spans='1:2'>"
	    "<x:c r = 'B7' t=\"inlineStr\" s=\"12\" xml:space=\"preserve\"><x:is>"
	    "<x:t>a&amp;b&#20013;&#x6587;&lt;&gt;&quot;&apos;\r\nz\ry</x:t></x:is></x:c>"
	    "<c r=\"C7\"><v><![CDATA[]]]]><![CDATA[<&>]]></v></c><c r=\"D7\"/>"
	    "<c r=\"E7\"><f>SUM(A1)</f><v>3</v></c></x:row></x:ws>\n<!-- after -->",
	    "<ws><row r=7(1)><c r=B7(2) t=inlineStr(9) s=12(2)><is><t>[a&b中文<>\"'\nz\ny]</t>"
	    "</is></c><c r=C7(2)><v>[]]<&>]</v></c><c r=D7(2)></c><c r=E7(2)><f></f><v>[3]"
	    "</v></c></row></ws>");
	/* a namespace declaration is not an attribute */
	expect_same("<c r=\"A1\" xmlns:r=\"urn:r\" xmlns:t=\"urn:t\"/>", "<c r=A1(2)></c>");
	/* an attribute value past XSCAN_ATTR_MAX is cut, and its length says so */
	expect_same("<c r=\"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"/>",
	            "<c r=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345(36)></c>");
}

/* A pause after each end tag of a row hands the rest over on the next feed, whatever the
 * chunks. */
static void test_pause(void **state)
{
	static const char doc[] = "<d><row><v>1</v></row><row><v>2</v></row><row/></d>";
	static const char want[] =
	    "<d><row><v>[1]</v></row>|<row><v>[2]</v></row>|<row></row>|</d>";

	(void)state;
	for (size_t chunk = 0; chunk < 9; chunk++) {
		char *got = scan(doc, chunk, 'r', 64);
		assert_string_equal(got, want);
		free(got);
	}
}

static void expect_error(const char *doc, int max_depth, const char *why)
{
	static const size_t chunks[] = {0, 1, 3};

	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		char *got = scan(doc, chunks[i], 0, max_depth);
		if (!strstr(got, "ERROR: ") || !strstr(got, why))
			fail_msg("\"%s\" gave \"%s\", not the refusal \"%s\"", doc, got, why);
		free(got);
	}
}

static void test_refusals(void **state)
{
	(void)state;
	expect_error("<!DOCTYPE d [<!ENTITY x \"y\">]><d/>", 64, "DTD");
	expect_error("<d><!ENTITY x \"y\"></d>", 64, "实体声明");
	expect_error("<d><t>&nbsp;</t></d>", 64, "未定义的 XML 实体");
	expect_error("<d><t>&#0;</t></d>", 64, "不允许的字符");
	expect_error("<d><t>&#xD800;</t></d>", 64, "不允许的字符");
	expect_error("<d><t>&#x110000;</t></d>", 64, "不允许的字符");
	expect_error("<d><t>&#x;</t></d>", 64, "格式错误");
	expect_error("<d><c></d></c>", 64, "没有正确闭合");
	expect_error("<d></d><d/>", 64, "格式错误");
	expect_error("<d><c>", 64, "不完整");
	expect_error("<d><c", 64, "不完整");
	expect_error("", 64, "不完整");
	expect_error("<a><b><c/></b></a>", 2, "嵌套过深");
	expect_error("<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/>", 64,
	             "名称过长");
	expect_error("<d><t>\xe4\xb8</t></d>", 64, "UTF-8");
	expect_error("<d><t>\xc0\xaf</t></d>", 64, "UTF-8");         /* overlong "/" */
	expect_error("<d><t>\xed\xa0\x80</t></d>", 64, "UTF-8");     /* a surrogate */
	expect_error("<d><t>\xf4\x90\x80\x80</t></d>", 64, "UTF-8"); /* past U+10FFFF */
	expect_error("<d><t>a\x01</t></d>", 64, "控制字符");
	expect_error("<d a=b/>", 64, "格式错误");
	expect_error("<d a=\"<\"/>", 64, "格式错误");
	expect_error("<d r=\"\x01\"/>", 64, "格式错误");
	expect_error("<d><!x></d>", 64, "格式错误");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_events),
	    cmocka_unit_test(test_pause),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
