/* Tests the route table's input checks in src/api/api.c: api_body_validate's every refusal
 * (not JSON, not an object, unknown field, duplicate key, wrong type, too long, control
 * characters, missing required field, too many elements, bad array elements, integers outside
 * their range, blank text, the same checks inside arrays of objects with their JSON Pointer,
 * nesting depth) with its code, Chinese message and field; text trimmed, secrets kept; and
 * api_query_check's answer for each query parameter. */
#include "api/api.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const struct api_field item_fields[] = {
    {"title", API_STR, true, 10},
    API_INT_FIELD("weight", false, 1, 100),
    {NULL, 0, false, 0},
};

static const struct api_field fields[] = {
    {"name", API_STR, true, 8},
    API_INT_FIELD("count", false, -5, 5),
    {"flag", API_BOOL, false, 0},
    {"tags", API_STR_ARRAY, false, 2},
    API_IDS_FIELD("ids", false, 0),
    {"items", API_OBJ_ARRAY, false, 3, item_fields},
    {"memo", API_STR, false, 0},
    {"secret", API_SECRET, false, 0},
    {NULL, 0, false, 0},
};

/* an array of objects that holds itself: nesting as deep as the body goes */
static const struct api_field deep[] = {
    {"d", API_OBJ_ARRAY, false, 0, deep},
    {NULL, 0, false, 0},
};

static const struct api_field optional_only[] = {
    {"reason", API_STR, false, 0},
    {NULL, 0, false, 0},
};

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

static json_t *accepted(const struct api_field *spec, const char *body)
{
	struct api_body_error e = {0};
	json_t *out = (json_t *)1;

	if (api_body_validate(spec, body, strlen(body), &a, &out, &e) != 0)
		fail_msg("refused %s: %s %s", body, e.code, e.message);
	return out;
}

/* Asserts the body is refused with exactly this code, message and field (NULL: none). */
static void refused(const struct api_field *spec, const char *body, size_t len, const char *code,
                    const char *message, const char *field)
{
	struct api_body_error e = {0};
	json_t *out = (json_t *)1;

	assert_int_equal(api_body_validate(spec, body, len, &a, &out, &e), -1);
	assert_null(out);
	assert_string_equal(e.code, code);
	assert_string_equal(e.message, message);
	if (field)
		assert_string_equal(e.field, field);
	else
		assert_null(e.field);
}

#define REFUSED(body, code, message, field)                                                        \
	refused(fields, body, strlen(body), code, message, field)

static void test_accepted(void **state)
{
	json_t *v;

	(void)state;
	v = accepted(fields, "{\"name\":\"商务\",\"count\":-3,\"flag\":true,\"tags\":[\"a\",\"b\"],"
	                     "\"ids\":[1,2,3],\"items\":[{\"title\":\"t\",\"weight\":5},{\"title\":"
	                     "\"u\"}],\"memo\":\"第一行\\n\\t第二行\"}");
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "name")), "商务");
	/* an optional field may be null: the same as leaving it out */
	assert_non_null(accepted(fields, "{\"name\":\"x\",\"count\":null,\"items\":null}"));
	/* exactly at the limits: 8 bytes, 2 tags, 3 items */
	assert_non_null(accepted(fields,
	                         "{\"name\":\"12345678\",\"tags\":[\"a\",\"b\"],\"items\":"
	                         "[{\"title\":\"1\"},{\"title\":\"2\"},{\"title\":\"3\"}]}"));
	/* a route without required fields may come without a body */
	assert_null(accepted(optional_only, ""));
	assert_non_null(accepted(optional_only, "{}"));
	/* four levels of arrays of objects are fine */
	assert_non_null(accepted(deep, "{\"d\":[{\"d\":[{\"d\":[{\"d\":[{}]}]}]}]}"));
}

/* The arena bytes api_body_validate hands out for an accepted body */
static size_t accepted_bytes(const struct api_field *spec, const char *body)
{
	size_t before = a.total;

	accepted(spec, body);
	return a.total - before;
}

/* An accepted body costs the arena its one cleanup whatever its fields: a field's JSON
 * Pointer is written only for a refusal (a 督办单's create wrote ten, issue 8). */
static void test_accepted_writes_no_paths(void **state)
{
	size_t one = accepted_bytes(fields, "{\"name\":\"x\"}");

	(void)state;
	assert_int_equal(accepted_bytes(fields,
	                                "{\"name\":\"x\",\"count\":1,\"flag\":true,\"tags\":[\"a\","
	                                "\"b\"],\"ids\":[1,2,3],\"items\":[{\"title\":\"t\","
	                                "\"weight\":5},{\"title\":\"u\"}],\"memo\":\"m\"}"),
	                 one);
	assert_int_equal(accepted_bytes(deep, "{\"d\":[{\"d\":[{\"d\":[{\"d\":[{}]}]}]}]}"),
	                 accepted_bytes(deep, "{}"));
}

static void test_not_json(void **state)
{
	(void)state;
	REFUSED("{\"name\":", "invalid_json", "请求内容不是有效的 JSON（第1行第8列）", NULL);
	REFUSED("", "invalid_json", "请求内容不是有效的 JSON（第1行第0列）", NULL);
	REFUSED("[1]", "invalid_json", "请求内容应为 JSON 对象", NULL);
	REFUSED("\"x\"", "invalid_json", "请求内容不是有效的 JSON（第1行第3列）", NULL);
	refused(fields, "{\"name\":\"a\"}\0x", 14, "invalid_json",
	        "请求内容不是有效的 JSON（第1行第13列）", NULL);
}

static void test_unknown_and_duplicate(void **state)
{
	(void)state;
	REFUSED("{\"name\":\"a\",\"bogus\":1}", "unknown_field", "不支持的字段：bogus", "/bogus");
	REFUSED("{\"Name\":\"a\"}", "unknown_field", "不支持的字段：Name", "/Name");
	/* a duplicate key is refused by the parser, never resolved to the first or last */
	REFUSED("{\"name\":\"a\",\"name\":\"b\"}", "invalid_json",
	        "请求内容不是有效的 JSON（第1行第18列）", NULL);
}

static void test_types(void **state)
{
	(void)state;
	REFUSED("{\"name\":1}", "invalid_type", "字段 name 应为字符串", "/name");
	REFUSED("{\"name\":null}", "invalid_type", "字段 name 应为字符串", "/name");
	REFUSED("{\"name\":\"a\",\"count\":\"1\"}", "invalid_type", "字段 count 应为整数",
	        "/count");
	REFUSED("{\"name\":\"a\",\"count\":1.5}", "invalid_type", "字段 count 应为整数", "/count");
	REFUSED("{\"name\":\"a\",\"flag\":1}", "invalid_type", "字段 flag 应为布尔值", "/flag");
	REFUSED("{\"name\":\"a\",\"tags\":\"a\"}", "invalid_type", "字段 tags 应为字符串数组",
	        "/tags");
	REFUSED("{\"name\":\"a\",\"ids\":{}}", "invalid_type", "字段 ids 应为整数数组", "/ids");
	REFUSED("{\"name\":\"a\",\"items\":{}}", "invalid_type", "字段 items 应为对象数组",
	        "/items");
}

static void test_sizes(void **state)
{
	(void)state;
	REFUSED("{\"name\":\"123456789\"}", "too_long", "字段 name 过长（最多8字）", "/name");
	/* characters, as the console's counters count them, not bytes: eight Chinese characters
	 * (24 bytes) and a four-byte one fit in 8, nine do not */
	json_t *cn = accepted(fields, "{\"name\":\"一二三四五六七\U0001F600\"}");
	assert_int_equal(json_string_length(json_object_get(cn, "name")), 25);
	REFUSED("{\"name\":\"一二三四五六七八九\"}", "too_long", "字段 name 过长（最多8字）",
	        "/name");
	/* max 0 means 200 characters for strings */
	char body[300];
	snprintf(body, sizeof(body), "{\"name\":\"a\",\"memo\":\"%0201d\"}", 0);
	REFUSED(body, "too_long", "字段 memo 过长（最多200字）", "/memo");
	/* counted once trimmed: blanks pasted around a value that fits do not make it too long */
	json_t *v = accepted(fields, "{\"name\":\" 12345678\u3000 \"}");
	assert_string_equal(json_string_value(json_object_get(v, "name")), "12345678");
	REFUSED("{\"name\":\" 123456789 \"}", "too_long", "字段 name 过长（最多8字）", "/name");
	REFUSED("{\"name\":\"a\",\"tags\":[\"a\",\"b\",\"c\"]}", "too_many", "字段 tags 最多2项",
	        "/tags");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"1\"},{\"title\":\"2\"},{\"title\":\"3\"},"
	        "{\"title\":\"4\"}]}",
	        "too_many", "字段 items 最多3项", "/items");
}

static void test_characters(void **state)
{
	(void)state;
	REFUSED("{\"name\":\"a\\u0001\"}", "invalid_characters", "字段 name 含有控制字符", "/name");
	REFUSED("{\"name\":\"a\\rb\"}", "invalid_characters", "字段 name 含有控制字符", "/name");
	/* an embedded NUL, which would cut the string short in C, is refused by the parser */
	REFUSED("{\"name\":\"a\\u0000b\"}", "invalid_json",
	        "请求内容不是有效的 JSON（第1行第18列）", NULL);
}

static void test_missing(void **state)
{
	(void)state;
	REFUSED("{}", "missing_field", "缺少必填字段：name", "/name");
	REFUSED("{\"count\":1}", "missing_field", "缺少必填字段：name", "/name");
}

static void test_array_elements(void **state)
{
	(void)state;
	REFUSED("{\"name\":\"a\",\"tags\":[\"x\",1]}", "invalid_type",
	        "字段 tags 的第2项应为字符串数组", "/tags/1");
	REFUSED("{\"name\":\"a\",\"tags\":[\"\"]}", "invalid_value", "字段 tags 的第1项不能为空白",
	        "/tags/0");
	REFUSED("{\"name\":\"a\",\"ids\":[1,2.5]}", "invalid_type", "字段 ids 的第2项应为整数数组",
	        "/ids/1");
	REFUSED("{\"name\":\"a\",\"ids\":[null]}", "invalid_type", "字段 ids 的第1项应为整数数组",
	        "/ids/0");
}

static void test_object_arrays(void **state)
{
	(void)state;
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"t\"},1]}", "invalid_type",
	        "字段 items 的第2项应为对象", "/items/1");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"t\",\"x\":1}]}", "unknown_field",
	        "不支持的字段：x", "/items/0/x");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"t\"},{\"weight\":1}]}", "missing_field",
	        "缺少必填字段：title", "/items/1/title");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"01234567890\"}]}", "too_long",
	        "字段 title 过长（最多10字）", "/items/0/title");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"t\",\"weight\":\"5\"}]}", "invalid_type",
	        "字段 weight 应为整数", "/items/0/weight");
	/* five levels are too deep */
	const char *five = "{\"d\":[{\"d\":[{\"d\":[{\"d\":[{\"d\":[{}]}]}]}]}]}";
	refused(deep, five, strlen(five), "invalid_json", "请求内容嵌套过深", NULL);
}

static void test_ranges(void **state)
{
	(void)state;
	assert_non_null(accepted(fields, "{\"name\":\"a\",\"count\":-5,\"ids\":[1,"
	                                 "9223372036854775807]}"));
	assert_non_null(accepted(fields, "{\"name\":\"a\",\"count\":5}"));
	REFUSED("{\"name\":\"a\",\"count\":6}", "out_of_range",
	        "字段 count 应为 -5 到 5 之间的整数", "/count");
	REFUSED("{\"name\":\"a\",\"count\":-6}", "out_of_range",
	        "字段 count 应为 -5 到 5 之间的整数", "/count");
	/* 2^32 + 5 is not 5, as an int cast would make it */
	REFUSED("{\"name\":\"a\",\"count\":4294967301}", "out_of_range",
	        "字段 count 应为 -5 到 5 之间的整数", "/count");
	REFUSED("{\"name\":\"a\",\"ids\":[1,0]}", "out_of_range",
	        "字段 ids 应为 1 到 9223372036854775807 之间的整数", "/ids/1");
	REFUSED("{\"name\":\"a\",\"ids\":[-1]}", "out_of_range",
	        "字段 ids 应为 1 到 9223372036854775807 之间的整数", "/ids/0");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\"t\",\"weight\":4294967396}]}",
	        "out_of_range", "字段 weight 应为 1 到 100 之间的整数", "/items/0/weight");
	/* past int64: the parser refuses it */
	REFUSED("{\"name\":\"a\",\"count\":99999999999999999999}", "invalid_json",
	        "请求内容不是有效的 JSON（第1行第40列）", NULL);
}

static void test_blank_text(void **state)
{
	json_t *v;

	(void)state;
	/* text arrives trimmed of white space and invisible code points at both ends */
	v = accepted(
	    fields,
	    "{\"name\":\"\u3000a\u200b\",\"tags\":[\" a\\t\"],"
	    "\"items\":[{\"title\":\"\\n\u00a0t\"}],\"memo\":\"\u3000\u200b\u5546\u52a1 \"}");
	assert_string_equal(json_string_value(json_object_get(v, "name")), "a");
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "tags"), 0)), "a");
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(v, "items"), 0), "title")),
	                    "t");
	assert_string_equal(json_string_value(json_object_get(v, "memo")), "商务");
	/* an optional text blank throughout is no text: null, as if left out (DECISIONS 299), and
	 * the fields after it are still checked */
	v = accepted(fields, "{\"memo\":\"\\u2060\",\"name\":\"a\"}");
	assert_true(json_is_null(json_object_get(v, "memo")));
	assert_string_equal(json_string_value(json_object_get(v, "name")), "a");
	REFUSED("{\"memo\":\" \",\"name\":\" \"}", "missing_field", "字段 name 不能为空白",
	        "/name");
	/* a secret is kept exactly as sent */
	v = accepted(fields, "{\"name\":\"a\",\"secret\":\" pass word \"}");
	assert_string_equal(json_string_value(json_object_get(v, "secret")), " pass word ");
	/* a required text blank throughout is missing */
	REFUSED("{\"name\":\"\u3000\u3000\"}", "missing_field", "字段 name 不能为空白", "/name");
	REFUSED("{\"name\":\"\u200b\"}", "missing_field", "字段 name 不能为空白", "/name");
	REFUSED("{\"name\":\"a\",\"items\":[{\"title\":\" \\t\"}]}", "missing_field",
	        "字段 title 不能为空白", "/items/0/title");
	REFUSED("{\"name\":\"a\",\"tags\":[\"x\",\"\ufeff\"]}", "invalid_value",
	        "字段 tags 的第2项不能为空白", "/tags/1");
}

/* Asserts api_query_check's answer: NULL code = accepted. */
static void query(const char *key, const char *value, const char *code, const char *message)
{
	static const struct api_field decl[] = {
	    API_QSTR("q", 4),
	    API_ID_FIELD("org_id", false),
	    API_INT_FIELD("flag", false, 0, 1),
	    API_QPAGE,
	    API_FIELDS_END,
	};
	struct api_body_error e = {0};
	int rc = api_query_check(decl, key, value, &a, &e);

	if (!code) {
		assert_int_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, -1);
	assert_string_equal(e.code, code);
	assert_string_equal(e.message, message);
	assert_string_equal(e.field, key);
}

static void test_query(void **state)
{
	static const char *const id_msg = "参数 org_id 应为 1 到 9223372036854775807 之间的整数";

	(void)state;
	query("q", "abcd", NULL, NULL);
	query("q", "", NULL, NULL);
	query("org_id", "9223372036854775807", NULL, NULL);
	query("org_id", "", NULL, NULL); /* empty means absent */
	query("", "", NULL, NULL);       /* "?&page=2": an empty name carries nothing */
	query("", "1", NULL, NULL);
	query("flag", "0", NULL, NULL);
	query("page_size", "500", NULL, NULL);
	query("Q", "x", "unknown_parameter", "不支持的查询参数：Q");
	query("page_", "1", "unknown_parameter", "不支持的查询参数：page_");
	query("q", "abcde", "invalid_parameter", "参数 q 应为不超过4字的文本");
	query("q", "a\x01", "invalid_parameter", "参数 q 应为不超过4字的文本");
	query("q", "\xff", "invalid_parameter", "参数 q 应为不超过4字的文本");
	query("org_id", "0", "invalid_parameter", id_msg);
	query("org_id", "9223372036854775808", "invalid_parameter", id_msg);
	query("org_id", " 1", "invalid_parameter", id_msg);
	query("org_id", "+1", "invalid_parameter", id_msg);
	query("org_id", "1e3", "invalid_parameter", id_msg);
	query("org_id", "0x10", "invalid_parameter", id_msg);
	query("org_id", "-", "invalid_parameter", id_msg);
	query("flag", "2", "invalid_parameter", "参数 flag 应为 0 到 1 之间的整数");
	query("page_size", "501", "invalid_parameter", "参数 page_size 应为 1 到 500 之间的整数");
	query("page", "0", "invalid_parameter", "参数 page 应为 1 到 1000000 之间的整数");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_accepted),
	    cmocka_unit_test(test_not_json),
	    cmocka_unit_test(test_unknown_and_duplicate),
	    cmocka_unit_test(test_types),
	    cmocka_unit_test(test_sizes),
	    cmocka_unit_test(test_characters),
	    cmocka_unit_test(test_missing),
	    cmocka_unit_test(test_array_elements),
	    cmocka_unit_test(test_object_arrays),
	    cmocka_unit_test(test_ranges),
	    cmocka_unit_test(test_blank_text),
	    cmocka_unit_test(test_query),
	    cmocka_unit_test(test_accepted_writes_no_paths),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
