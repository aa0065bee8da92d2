/* Tests src/util/mail.c and mail_text.c on the fixtures of tests/data/mail (make.py there says
 * how each is encoded): GB2312 declared and GBK written with base64, GB18030 with
 * quoted-printable and a four-byte character, HTML-only UTF-8, UTF-8 quoted-printable without a
 * Message-ID, an mbox whose third message repeats the first's Message-ID, read from a file
 * descriptor and from memory; the caps (text, attachment bytes, parts) with their warnings;
 * input that is no mail; the charset and HTML conversions on their own. */
#include "util/log.h"
#include "util/mail.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* the PDF and the ZIP make.py attaches: sizes and SHA-256 computed by Python's hashlib */
#define PDF_SIZE   142
#define PDF_SHA256 "554f5147984d75fe7e43c6f15d08e3d52097907a122299c06613e84b3b4c8749"
#define ZIP_SIZE   22
#define ZIP_SHA256 "8739c76e681f900923b900c9df0ef75cf421d39cabb54650c4b9ad19b6a76d85"
#define GBK_TEXT   "关于第3条：建议将“理清”改为“厘清”。\n朱镕基同志的讲话精神应写入总体要求。\n"

static int open_data(const char *name)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/mail/%s", KFQ_TEST_DATA, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	return fd;
}

/* Reads the one message of a fixture with lim into *m (arena a). */
static void read_one(const char *name, const struct mail_limits *lim, struct arena *a,
                     struct mail_message *m)
{
	struct mail_reader *r;
	struct mail_message extra;
	int fd = open_data(name);

	assert_int_equal(mail_reader_open_fd(fd, lim, &r), KFQ_OK);
	close(fd); /* the reader keeps its own copy */
	assert_int_equal(mail_reader_next(r, a, m), KFQ_OK);
	assert_int_equal(mail_reader_next(r, a, &extra), KFQ_ENOTFOUND);
	mail_reader_free(r);
}

static void check_gbk(const struct mail_message *m)
{
	assert_string_equal(m->message_id, "20250624093000.1@example.cn");
	assert_string_equal(m->dedupe_key, "20250624093000.1@example.cn");
	assert_string_equal(m->from_name, "张三");
	assert_string_equal(m->from_addr, "zhang.san@example.cn");
	/* 镕 is GBK, not GB2312: the subject is labelled gb2312 and still read */
	assert_string_equal(m->subject, "对征求意见稿第3条的意见（镕）");
	assert_string_equal(m->date, "2025-06-24T09:30:00+08:00");
	assert_int_equal(m->date_unix, 1750728600); /* 2025-06-24 01:30:00 UTC */
	assert_string_equal(m->text, GBK_TEXT);
	assert_false(m->text_from_html);
	assert_int_equal(m->n_attachments, 2);
	/* an RFC 2231 name in UTF-8, and an encoded word in GBK */
	assert_string_equal(m->attachments[0].name, "修改建议.pdf");
	assert_string_equal(m->attachments[0].content_type, "application/pdf");
	assert_int_equal(m->attachments[0].size, PDF_SIZE);
	assert_string_equal(m->attachments[0].sha256, PDF_SHA256);
	assert_non_null(m->attachments[0].data);
	assert_memory_equal(m->attachments[0].data, "%PDF-1.4\n", 9);
	assert_string_equal(m->attachments[1].name, "材料.zip");
	assert_string_equal(m->attachments[1].content_type, "application/zip");
	assert_int_equal(m->attachments[1].size, ZIP_SIZE);
	assert_string_equal(m->attachments[1].sha256, ZIP_SHA256);
	assert_int_equal(m->n_warnings, 0);
}

static void check_gb18030(const struct mail_message *m)
{
	assert_string_equal(m->message_id, "gb18030-qp@example.cn");
	assert_string_equal(m->from_name, "李四");
	assert_string_equal(m->subject, "关于第14条");
	assert_string_equal(m->date, "2025-06-25T16:05:09+08:00");
	/* quoted-printable CRLF line ends are read as \n; 𠮷 (U+20BB7) is four bytes in GB18030 */
	assert_string_equal(m->text, "第14条“以此作为”一句建议删去“以此”。𠮷字为四字节字符。\n");
	assert_int_equal(m->n_attachments, 0);
}

static void test_gbk_base64(void **state)
{
	(void)state;
	struct arena a;
	struct mail_message m;

	arena_init(&a);
	read_one("gbk-base64.eml", NULL, &a, &m);
	assert_int_equal(m.index, 0);
	check_gbk(&m);
	arena_release(&a);
}

static void test_gb18030_qp(void **state)
{
	(void)state;
	struct arena a;
	struct mail_message m;

	arena_init(&a);
	read_one("gb18030-qp.eml", NULL, &a, &m);
	check_gb18030(&m);
	arena_release(&a);
}

static void test_utf8_html(void **state)
{
	(void)state;
	struct arena a;
	struct mail_message m;

	arena_init(&a);
	read_one("utf8-html.eml", NULL, &a, &m);
	/* two encoded words with no blank between them */
	assert_string_equal(m.subject, "建议增加一条");
	assert_string_equal(m.from_name, "Wang Wu");
	assert_string_equal(m.date, "2025-06-23T23:59:59+00:00");
	assert_true(m.text_from_html);
	/* title, style and script left out; <p>, <div> and <br> end lines; &nbsp; &lt; &gt; and
	 * &#x3002; decoded */
	assert_string_equal(
	    m.text, "建议在第13条后增加数字化管理的内容。\n\n联系人：王五 <电话>\n\n此致\n敬礼。");
	arena_release(&a);
}

static void test_utf8_qp_no_id(void **state)
{
	(void)state;
	struct arena a, b;
	struct mail_message m, again;

	arena_init(&a);
	arena_init(&b);
	read_one("utf8-qp.eml", NULL, &a, &m);
	assert_null(m.message_id);
	assert_null(m.from_name);
	assert_string_equal(m.from_addr, "zhao.liu@example.org");
	assert_string_equal(m.subject, "第9条");
	assert_string_equal(m.text, "第9条关于人才选拔的规定很好，建议保留，不要删除。"
	                            "第9条关于人才选拔的规定很好，建议保留，不要删除。"
	                            "第9条关于人才选拔的规定很好，建议保留，不要删除。\n");
	/* without a Message-ID the key is a hash of sender, date, subject and text: the same
	 * each time the mail is read */
	assert_int_equal(strncmp(m.dedupe_key, "sha256:", 7), 0);
	assert_int_equal(strlen(m.dedupe_key), 7 + 64);
	read_one("utf8-qp.eml", NULL, &b, &again);
	assert_string_equal(m.dedupe_key, again.dedupe_key);
	arena_release(&a);
	arena_release(&b);
}

/* The mbox, message by message from a descriptor (each message in an arena of its own, as an
 * import reads), and from memory: the third repeats the first's Message-ID. */
static void test_mbox(void **state)
{
	(void)state;
	struct mail_reader *r;
	struct mail_message m[3], end;
	struct arena a[3];
	int fd = open_data("comments.mbox");

	assert_int_equal(mail_reader_open_fd(fd, NULL, &r), KFQ_OK);
	for (int i = 0; i < 3; i++) {
		arena_init(&a[i]);
		assert_int_equal(mail_reader_next(r, &a[i], &m[i]), KFQ_OK);
		assert_int_equal(m[i].index, (size_t)i);
	}
	assert_int_equal(mail_reader_next(r, &a[0], &end), KFQ_ENOTFOUND);
	assert_int_equal(mail_reader_next(r, &a[0], &end), KFQ_ENOTFOUND);
	mail_reader_free(r);
	check_gbk(&m[0]);
	check_gb18030(&m[1]);
	check_gbk(&m[2]);
	assert_string_equal(m[2].dedupe_key, m[0].dedupe_key);
	assert_string_not_equal(m[1].dedupe_key, m[0].dedupe_key);
	for (int i = 0; i < 3; i++)
		arena_release(&a[i]);

	/* the same bytes from memory, and from a descriptor not at its start */
	char buf[8192];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);
	assert_true(n > 0 && n < (ssize_t)sizeof(buf));
	arena_init(&a[0]);
	assert_int_equal(mail_reader_open_mem(buf, (size_t)n, NULL, &r), KFQ_OK);
	int count = 0;
	while (mail_reader_next(r, &a[0], &m[0]) == KFQ_OK)
		count++;
	assert_int_equal(count, 3);
	mail_reader_free(r);
	/* a descriptor positioned after the first message reads the other two */
	const char *second = strstr(buf + 5, "\nFrom li.si");
	assert_non_null(second);
	assert_int_equal(lseek(fd, second + 1 - buf, SEEK_SET), second + 1 - buf);
	assert_int_equal(mail_reader_open_fd(fd, NULL, &r), KFQ_OK);
	assert_int_equal(mail_reader_next(r, &a[0], &m[0]), KFQ_OK);
	check_gb18030(&m[0]);
	assert_int_equal(m[0].index, 0);
	assert_int_equal(mail_reader_next(r, &a[0], &m[1]), KFQ_OK);
	check_gbk(&m[1]);
	assert_int_equal(mail_reader_next(r, &a[0], &m[2]), KFQ_ENOTFOUND);
	mail_reader_free(r);
	arena_release(&a[0]);
	close(fd);
}

static void test_limits(void **state)
{
	(void)state;
	struct arena a;
	struct mail_message m;
	struct mail_limits lim = mail_limits_default;

	arena_init(&a);
	/* the PDF (142 bytes) is past a 100-byte cap: sized and hashed, its bytes not kept; the
	 * ZIP (22) is kept */
	lim.max_attachment_bytes = 100;
	read_one("gbk-base64.eml", &lim, &a, &m);
	assert_null(m.attachments[0].data);
	assert_int_equal(m.attachments[0].size, PDF_SIZE);
	assert_string_equal(m.attachments[0].sha256, PDF_SHA256);
	assert_non_null(m.attachments[1].data);
	assert_int_equal(m.n_warnings, 1);
	assert_string_equal(m.warnings[0], "附件过大，只记录了名称、大小和哈希值，未保存内容");
	/* exactly at the cap is kept */
	lim.max_attachment_bytes = PDF_SIZE;
	read_one("gbk-base64.eml", &lim, &a, &m);
	assert_non_null(m.attachments[0].data);
	assert_int_equal(m.n_warnings, 0);

	/* 12 bytes of text as sent: 关于第3条： is 11 in GBK, the 12th is half of 建, dropped */
	lim = mail_limits_default;
	lim.max_text_bytes = 12;
	read_one("gbk-base64.eml", &lim, &a, &m);
	assert_int_equal(m.n_warnings, 1);
	assert_string_equal(m.warnings[0], "正文过长，超出部分未读取");
	assert_string_equal(m.text, "关于第3条：");

	/* two parts: the multipart and its text; the attachments are not read */
	lim = mail_limits_default;
	lim.max_parts = 2;
	read_one("gbk-base64.eml", &lim, &a, &m);
	assert_string_equal(m.text, GBK_TEXT);
	assert_int_equal(m.n_attachments, 0);
	assert_int_equal(m.n_warnings, 1);
	assert_string_equal(m.warnings[0], "邮件的部分过多或嵌套过深，其余部分未读取");
	arena_release(&a);
}

static void test_not_mail(void **state)
{
	(void)state;
	static const char *const inputs[] = {"", "\n\n\n", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"};
	struct arena a;
	struct mail_message m;
	struct mail_reader *r;

	arena_init(&a);
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		size_t n = i == 2 ? 16 : strlen(inputs[i]);
		assert_int_equal(mail_reader_open_mem(inputs[i], n, NULL, &r), KFQ_OK);
		assert_int_equal(mail_reader_next(r, &a, &m), KFQ_EINVAL);
		assert_string_equal(mail_reader_error(r), "文件中没有可识别的邮件");
		mail_reader_free(r);
	}
	arena_release(&a);
}

/* An mbox that goes on with something that is not mail is refused after its good messages,
 * not cut short unseen. */
static void test_mbox_garbage_after(void **state)
{
	(void)state;
	static const char mbox[] = "From a@example.cn Mon Jun 23 00:00:00 2025\n"
	                           "From: a@example.cn\nSubject: ok\n\nfirst\n\n"
	                           "From nobody Mon Jun 23 00:00:00 2025\n"
	                           "this is not mail at all\n";
	struct mail_reader *r;
	struct mail_message m;
	struct arena a;

	arena_init(&a);
	assert_int_equal(mail_reader_open_mem(mbox, strlen(mbox), NULL, &r), KFQ_OK);
	assert_int_equal(mail_reader_next(r, &a, &m), KFQ_OK);
	assert_string_equal(m.subject, "ok");
	assert_int_equal(mail_reader_next(r, &a, &m), KFQ_EINVAL);
	assert_string_equal(mail_reader_error(r), "文件中第1封邮件之后的内容不是邮件");
	mail_reader_free(r);
	arena_release(&a);
}

static void test_text_to_utf8(void **state)
{
	(void)state;
	struct arena a;
	bool replaced;
	/* 朱镕基 in GBK: 镕 (E9 46) is outside GB2312 */
	static const char gbk[] = "\xd6\xec\xe9\x46\xbb\xf9";

	arena_init(&a);
	assert_string_equal(mail_text_to_utf8(&a, gbk, 6, "gb2312", false, &replaced), "朱镕基");
	assert_false(replaced);
	assert_string_equal(mail_text_to_utf8(&a, gbk, 6, "GBK", false, &replaced), "朱镕基");
	/* no charset, or one that does not fit: UTF-8, then GB18030 */
	assert_string_equal(mail_text_to_utf8(&a, gbk, 6, NULL, false, &replaced), "朱镕基");
	assert_string_equal(mail_text_to_utf8(&a, gbk, 6, "utf-8", false, &replaced), "朱镕基");
	assert_string_equal(mail_text_to_utf8(&a, "厘清", 6, "x-unknown", false, &replaced),
	                    "厘清");
	assert_false(replaced);
	/* Latin-1 declared is converted as declared */
	assert_string_equal(mail_text_to_utf8(&a, "caf\xe9", 4, "iso-8859-1", false, &replaced),
	                    "café");
	/* line ends */
	assert_string_equal(mail_text_to_utf8(&a, "a\r\nb\rc\n", 7, NULL, false, &replaced),
	                    "a\nb\nc\n");
	/* bytes no charset reads, and a NUL: replaced, and said so */
	assert_string_equal(mail_text_to_utf8(&a, "a\xff\xff", 3, NULL, false, &replaced),
	                    "a\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_true(replaced);
	assert_string_equal(mail_text_to_utf8(&a, "a\0b", 3, "utf-8", false, &replaced),
	                    "a\xEF\xBF\xBD"
	                    "b");
	assert_true(replaced);
	assert_string_equal(mail_text_to_utf8(&a, "", 0, "gbk", false, &replaced), "");
	assert_false(replaced);
	/* cut inside a character: the half is dropped, nothing replaced; uncut it is replaced */
	assert_string_equal(mail_text_to_utf8(&a, gbk, 5, "gbk", true, &replaced), "朱镕");
	assert_false(replaced);
	assert_string_equal(mail_text_to_utf8(&a, "厘清", 5, NULL, true, &replaced), "厘");
	assert_false(replaced);
	assert_string_equal(mail_text_to_utf8(&a, "厘清", 5, NULL, false, &replaced),
	                    "厘\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_true(replaced);
	arena_release(&a);
}

static void check_html(struct arena *a, const char *html, const char *want)
{
	assert_string_equal(mail_html_to_text(a, html, strlen(html)), want);
}

static void test_html_to_text(void **state)
{
	(void)state;
	struct arena a;

	arena_init(&a);
	check_html(&a, "<p>一</p><p>二</p>", "一\n\n二");
	check_html(&a, "a<br>b<BR/>c", "a\nb\nc");
	check_html(&a, "  a \n\t b  ", "a b");
	check_html(&a, "<script>x<y</script><STYLE>p{}</STYLE>z", "z");
	check_html(&a, "<!-- <p>no</p> -->yes", "yes");
	check_html(&a, "&lt;b&gt; &amp; &quot;&#20013;&#x6587;&ldquo;&rdquo;", "<b> & \"中文“”");
	/* what is not a reference stays text */
	check_html(&a, "a & b &bogus; &#; &#x110000;", "a & b &bogus; &#; \xEF\xBF\xBD");
	check_html(&a, "<div>1</div><div></div><div></div><div>2</div>", "1\n\n2");
	/* a tag or comment never closed ends the text */
	check_html(&a, "text<b", "text");
	check_html(&a, "text<!--", "text");
	check_html(&a, "", "");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gbk_base64),   cmocka_unit_test(test_gb18030_qp),
	    cmocka_unit_test(test_utf8_html),    cmocka_unit_test(test_utf8_qp_no_id),
	    cmocka_unit_test(test_mbox),         cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_not_mail),     cmocka_unit_test(test_mbox_garbage_after),
	    cmocka_unit_test(test_text_to_utf8), cmocka_unit_test(test_html_to_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
