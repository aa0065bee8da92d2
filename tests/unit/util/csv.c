/* Tests src/util/csv.c: quoting, formula neutralising, the byte-order mark. */
#include "util/csv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_csv(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct csv c;

	csv_begin(&c, &sb);
	csv_text(&c, "市商务局");
	csv_text(&c, "a,b");
	csv_text(&c, "say \"hi\"");
	csv_text(&c, NULL);
	csv_int(&c, -42);
	csv_text(&c, "=HYPERLINK(\"x\")");
	csv_end_row(&c);
	assert_string_equal(sb.buf, "\xef\xbb\xbf市商务局,\"a,b\",\"say \"\"hi\"\"\",,-42,"
	                            "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
	strbuf_release(&sb);
}

/* Every cell a spreadsheet would run as a formula starts with ', inside quotes; a tab or
 * carriage return before = is skipped by the spreadsheet, so it counts as the formula's start. */
static void test_formulas(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct csv c;

	csv_begin(&c, &sb);
	csv_text(&c, "+1");
	csv_text(&c, "-1");
	csv_text(&c, "@SUM(A1)");
	csv_text(&c, "\t=1+1");
	csv_text(&c, "\r=1+1");
	csv_text(&c, "\t\t=cmd|' /C calc'!A0");
	csv_text(&c, "a=1");
	csv_text(&c, " =1");
	csv_end_row(&c);
	assert_string_equal(sb.buf,
	                    "\xef\xbb\xbf\"'+1\",\"'-1\",\"'@SUM(A1)\",\"'\t=1+1\",\"'\r=1+1\","
	                    "\"'\t\t=cmd|' /C calc'!A0\",a=1, =1\r\n");
	strbuf_release(&sb);
}

static void test_bp_percent(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct csv c;

	csv_begin(&c, &sb);
	csv_bp_percent(&c, 5000);  /* 50 % */
	csv_bp_percent(&c, 3333);  /* 33.33 % */
	csv_bp_percent(&c, 7);     /* 0.07 % */
	csv_bp_percent(&c, 10000); /* 100 % */
	csv_bp_percent(&c, 0);
	csv_bp_percent(&c, -85);  /* a budget executed at -0.85 % (a negative 决算) */
	csv_bp_percent(&c, -155); /* -1.55 % */
	csv_bp_percent(&c, -10000);
	csv_bp_percent(&c, INT64_MIN);
	csv_end_row(&c);
	assert_string_equal(sb.buf, "\xef\xbb\xbf"
	                            "50.00%,33.33%,0.07%,100.00%,0.00%,-0.85%,-1.55%,-100.00%,"
	                            "-92233720368547758.08%\r\n");
	strbuf_release(&sb);
}

/* A number's text stays a number, a negative one too (a refund, a fall in tax): only text that
 * is not a plain decimal number is treated as text, neutralised when it reads as a formula. */
static void test_number(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct csv c;

	csv_begin(&c, &sb);
	csv_number(&c, "-176000.00");
	csv_number(&c, "12345.60");
	csv_number(&c, "0");
	csv_number(&c, "-0.000001");
	csv_number(&c, "-1+1");
	csv_number(&c, "-.5");
	csv_number(&c, "1.");
	csv_number(&c, "");
	csv_number(&c, NULL);
	csv_end_row(&c);
	assert_string_equal(sb.buf, "\xef\xbb\xbf"
	                            "-176000.00,12345.60,0,-0.000001,\"'-1+1\",\"'-.5\",1.,,\r\n");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_formulas),
	    cmocka_unit_test(test_bp_percent),
	    cmocka_unit_test(test_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
