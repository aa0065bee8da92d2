/* Tests src/core/audit_checkpoint.c: the line kfq serve writes reads back, inside journal
 * output too; damaged lines are errors, lines without a checkpoint are not. */
#include "core/audit_checkpoint.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define H "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static int parse(const char *line, struct audit_checkpoint *cp)
{
	return audit_checkpoint_parse(line, strlen(line), cp);
}

static void test_line_round_trip(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct audit_checkpoint cp;

	audit_checkpoint_line(&sb, "2026-11-28T03:00:00Z", 1204, H);
	assert_string_equal(sb.buf, "{\"time\":\"2026-11-28T03:00:00Z\",\"audit_checkpoint\":"
	                            "{\"seq\":1204,\"hash\":\"" H "\"}}\n");
	assert_int_equal(audit_checkpoint_parse(sb.buf, sb.len, &cp), 1);
	assert_int_equal(cp.seq, 1204);
	assert_string_equal(cp.hash, H);
	assert_string_equal(cp.time, "2026-11-28T03:00:00Z");
	strbuf_release(&sb);
}

static void test_journal_lines(void **state)
{
	(void)state;
	struct audit_checkpoint cp;

	/* journalctl -o short puts its own prefix before the message */
	assert_int_equal(parse("Nov 28 11:00:00 host kfq[812]: {\"time\":\"2026-11-28T03:00:00Z\","
	                       "\"audit_checkpoint\":{\"seq\":7,\"hash\":\"" H "\"}}",
	                       &cp),
	                 1);
	assert_int_equal(cp.seq, 7);
	assert_string_equal(cp.time, "2026-11-28T03:00:00Z");
	/* spaced JSON (jq without -c), and no time */
	assert_int_equal(
	    parse("{ \"audit_checkpoint\": { \"seq\": 9, \"hash\": \"" H "\" } }", &cp), 1);
	assert_int_equal(cp.seq, 9);
	assert_string_equal(cp.time, "");
	/* access lines and other lines hold none */
	assert_int_equal(parse("{\"time\":\"2026-11-28T03:27:14Z\",\"addr\":\"10.12.3.41\","
	                       "\"method\":\"GET\",\"path\":\"/healthz\",\"status\":200}",
	                       &cp),
	                 0);
	assert_int_equal(parse("kfq: serving on http://127.0.0.1:8080/", &cp), 0);
	assert_int_equal(parse("", &cp), 0);
}

static void test_damaged_lines_are_errors(void **state)
{
	(void)state;
	struct audit_checkpoint cp;
	static const char *const bad[] = {
	    "{\"audit_checkpoint\":{\"seq\":0,\"hash\":\"" H "\"}}",   /* no record 0 */
	    "{\"audit_checkpoint\":{\"seq\":012,\"hash\":\"" H "\"}}", /* not a JSON number */
	    "{\"audit_checkpoint\":{\"seq\":-3,\"hash\":\"" H "\"}}",  /* negative */
	    "{\"audit_checkpoint\":{\"seq\":1234567890123456789,\"hash\":\"" H "\"}}",
	    "{\"audit_checkpoint\":{\"seq\":5,\"hash\":\"" H "0\"}}", /* 65 digits */
	    "{\"audit_checkpoint\":{\"seq\":5,\"hash\":\"0123\"}}",   /* too short */
	    "{\"audit_checkpoint\":{\"seq\":5,\"hash\":\"0123456789ABCDEF0123456789abcdef0123456789"
	    "abcdef0123456789abcdef\"}}",                            /* upper case */
	    "{\"audit_checkpoint\":{\"hash\":\"" H "\",\"seq\":5}}", /* not as kfq writes it */
	    "{\"audit_checkpoint\":{\"seq\":5,\"hash\":\"" H "\"",   /* cut short */
	    "{\"audit_checkpoint\":",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(bad[i], &cp), -1);
}

static void test_hash_valid(void **state)
{
	(void)state;
	assert_true(audit_hash_valid(H));
	assert_false(audit_hash_valid(H "0"));
	assert_false(audit_hash_valid("0123"));
	assert_false(audit_hash_valid(""));
	assert_false(
	    audit_hash_valid("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_round_trip),
	    cmocka_unit_test(test_journal_lines),
	    cmocka_unit_test(test_damaged_lines_are_errors),
	    cmocka_unit_test(test_hash_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
