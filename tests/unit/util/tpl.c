/* Tests src/util/tpl.c: values escaped, sections over lists and values, inverted sections,
 * lookups falling back to the outer scope, and malformed templates refused even where they
 * would write nothing. */
#include "util/tpl.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&a);
	return 0;
}

static void renders(const char *tpl, const struct tpl_scope *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(tpl_render(tpl, s, &sb), 0);
	assert_string_equal(sb.buf ? sb.buf : "", want);
	strbuf_release(&sb);
}

static void test_escape(void **state)
{
	struct tpl_scope *s = tpl_scope_new(&a);

	(void)state;
	tpl_set(s, "x", "<script>alert(\"1\")</script> & 'q'");
	renders("<p>{{x}}</p>", s,
	        "<p>&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>");
	/* unset: nothing; text without tags as is; a lone brace is text */
	renders("[{{missing}}]{ }", s, "[]{ }");
	tpl_setf(s, "n", "%d号", 3);
	renders("{{n}}", s, "3号");
	/* a value cannot smuggle a tag: it is written, not rendered */
	tpl_set(s, "y", "{{x}}");
	renders("{{y}}", s, "{{x}}");
}

static void test_sections(void **state)
{
	struct tpl_scope *s = tpl_scope_new(&a), *row;

	(void)state;
	tpl_set(s, "title", "表");
	tpl_set(s, "empty", "");
	tpl_list(s, "none");
	for (int i = 1; i <= 3; i++) {
		row = tpl_push(s, "rows");
		tpl_setf(row, "n", "%d", i);
		if (i == 2)
			tpl_set(row, "title", "<二>");
	}
	/* items see their own values first, then the outer scope's */
	renders("{{#rows}}{{n}}{{title}};{{/rows}}", s, "1表;2&lt;二&gt;;3表;");
	renders("{{#title}}有{{title}}{{/title}}{{#empty}}X{{/empty}}{{^empty}}空{{/empty}}", s,
	        "有表空");
	renders("{{#none}}X{{/none}}{{^none}}无{{/none}}{{^missing}}缺{{/missing}}", s, "无缺");
	renders("{{^rows}}X{{/rows}}", s, "");
	/* nested lists */
	row = tpl_push(s, "t");
	tpl_set(tpl_push(row, "c"), "v", "a");
	tpl_set(tpl_push(row, "c"), "v", "b");
	tpl_set(tpl_push(tpl_push(s, "t"), "c"), "v", "c");
	renders("{{#t}}<tr>{{#c}}<td>{{v}}</td>{{/c}}</tr>{{/t}}", s,
	        "<tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>");
}

static void test_malformed(void **state)
{
	struct tpl_scope *s = tpl_scope_new(&a);
	struct strbuf sb = STRBUF_INIT;
	static const char *const bad[] = {
	    "{{x",
	    "{{x}",
	    "{{}}",
	    "{{X}}",
	    "{{ x }}",
	    "{{#x}}open",
	    "{{/x}}",
	    "{{#x}}{{/y}}",
	    "{{#x}}{{#y}}{{/x}}{{/y}}",
	    "{{^x}}{{",
	    "{{#x}}{{bad-name}}{{/x}}",
	    "{{>x}}",
	    "{{{x}}}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&sb);
		assert_int_equal(tpl_render(bad[i], s, &sb), -1);
	}
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_sections),
	    cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
