/* Tests src/core/mail_comment.c: the comment an e-mail makes (sender, subject and text, the
 * date, the dedupe key) and which attachments are kept as evidence: a PDF by its content, a ZIP
 * and a file whose content is not what its name says recorded only, one past the reader's cap
 * recorded only, each with its warning. */
#include "core/mail_comment.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const unsigned char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
static const unsigned char zip[] = {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0,
                                    0,    0,    0,    0,    0, 0, 0, 0, 0, 0, 0};

static void test_comment(void **state)
{
	(void)state;
	struct mail_attachment atts[] = {
	    {.name = "修改建议.pdf",
	     .content_type = "application/pdf",
	     .size = sizeof(pdf) - 1,
	     .data = pdf},
	    {.name = "材料.zip",
	     .content_type = "application/zip",
	     .size = sizeof(zip),
	     .data = zip},
	    {.name = "伪装.pdf",
	     .content_type = "application/pdf",
	     .size = sizeof(zip),
	     .data = zip},
	    {.name = "大文件.pdf",
	     .content_type = "application/pdf",
	     .size = 30u << 20,
	     .data = NULL},
	};
	struct mail_message m = {.message_id = "1@example.cn",
	                         .dedupe_key = "1@example.cn",
	                         .from_name = "张三",
	                         .from_addr = "zhang.san@example.cn",
	                         .subject = "对第3条的意见",
	                         .date_unix = 1750728600,
	                         .text = "建议将“理清”改为“厘清”。\n",
	                         .attachments = atts,
	                         .n_attachments = 4};
	struct mail_comment c;
	struct arena a;

	arena_init(&a);
	mail_comment_from(&a, &m, &c);
	assert_string_equal(c.name, "张三");
	assert_string_equal(c.contact, "zhang.san@example.cn");
	assert_string_equal(c.body, "主题：对第3条的意见\n\n建议将“理清”改为“厘清”。\n");
	assert_int_equal(c.received_at, 1750728600);
	assert_string_equal(c.message_id, "1@example.cn");
	assert_int_equal(c.n_files, 4);
	assert_true(c.files[0].keep);
	assert_ptr_equal(c.files[0].att, &atts[0]);
	assert_string_equal(c.files[0].mime, "application/pdf");
	assert_null(c.files[0].warning);
	assert_false(c.files[1].keep);
	assert_null(c.files[1].mime);
	assert_string_equal(
	    c.files[1].warning,
	    "附件「材料.zip」未保存，只记录了名称、大小和哈希值：不支持的文件类型：仅支持 "
	    "PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD");
	assert_false(c.files[2].keep);
	assert_string_equal(
	    c.files[2].warning,
	    "附件「伪装.pdf」未保存，只记录了名称、大小和哈希值：文件内容与扩展名不符");
	assert_false(c.files[3].keep);
	assert_string_equal(c.files[3].warning,
	                    "附件「大文件.pdf」过大，只记录了名称、大小和哈希值");
	arena_release(&a);
}

/* Subject and text: either alone, neither (blanks count as nothing), no date, no sender. */
static void test_body(void **state)
{
	(void)state;
	struct mail_message m = {.dedupe_key = "sha256:00", .subject = "", .text = "只有正文"};
	struct mail_comment c;
	struct arena a;

	arena_init(&a);
	mail_comment_from(&a, &m, &c);
	assert_string_equal(c.body, "只有正文");
	assert_null(c.name);
	assert_null(c.contact);
	assert_int_equal(c.received_at, 0);
	assert_int_equal(c.n_files, 0);
	m.subject = "只有主题";
	m.text = " \n\xe3\x80\x80\n";
	mail_comment_from(&a, &m, &c);
	assert_string_equal(c.body, "主题：只有主题");
	m.subject = "\xe3\x80\x80 ";
	mail_comment_from(&a, &m, &c);
	assert_string_equal(c.body, MAIL_COMMENT_EMPTY);
	assert_string_equal(c.message_id, "sha256:00");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_comment),
	    cmocka_unit_test(test_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
