/* Tests src/core/filetype.c: each accepted kind, mismatches, names. */
#include "core/filetype.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static enum filetype_verdict check(const char *name, const char *buf, size_t len, const char **mime)
{
	return filetype_check(name, (const unsigned char *)buf, len, mime);
}

static void test_kinds(void **state)
{
	(void)state;
	const char *mime;
	static const char ooxml[] = "PK\x03\x04....[Content_Types].xml....word/document.xml";
	static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest";

	assert_int_equal(check("方案.pdf", "%PDF-1.7\n", 9, &mime), FILETYPE_OK);
	assert_string_equal(mime, "application/pdf");
	assert_int_equal(check("照片.JPG", "\xff\xd8\xff\xe0", 4, &mime), FILETYPE_OK);
	assert_string_equal(mime, "image/jpeg");
	assert_int_equal(check("a.png", "\x89PNG\r\n\x1a\n", 8, &mime), FILETYPE_OK);
	assert_int_equal(check("报告.docx", ooxml, sizeof(ooxml) - 1, &mime), FILETYPE_OK);
	assert_int_equal(check("报告.wps", ole, sizeof(ole) - 1, &mime), FILETYPE_OK);
	assert_int_equal(check("表.et", ole, sizeof(ole) - 1, &mime), FILETYPE_OK);
	/* a workbook named .docx is not a Word document, nor a document named .xlsx a workbook */
	static const char book[] = "PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
	static const char deck[] = "PK\x03\x04....[Content_Types].xml....ppt/presentation.xml";
	assert_int_equal(check("表.xlsx", book, sizeof(book) - 1, &mime), FILETYPE_OK);
	assert_int_equal(check("again.docx", book, sizeof(book) - 1, &mime), FILETYPE_MISMATCH);
	assert_int_equal(check("x.xlsx", ooxml, sizeof(ooxml) - 1, &mime), FILETYPE_MISMATCH);
	assert_int_equal(check("汇报.pptx", deck, sizeof(deck) - 1, &mime), FILETYPE_OK);
	assert_int_equal(check("x.pptx", book, sizeof(book) - 1, &mime), FILETYPE_MISMATCH);
	/* a plain zip is not an Office document */
	assert_int_equal(check("x.xlsx",
	                       "PK\x03\x04"
	                       "abc",
	                       7, &mime),
	                 FILETYPE_MISMATCH);
	assert_int_equal(check("x.pdf", "\x89PNG\r\n\x1a\n", 8, &mime), FILETYPE_MISMATCH);
	assert_null(mime);
	assert_int_equal(check("x.pdf", "", 0, &mime), FILETYPE_EMPTY);
	assert_int_equal(check("x.exe", "MZ", 2, &mime), FILETYPE_UNSUPPORTED);
	assert_int_equal(check("pdf", "%PDF-", 5, &mime), FILETYPE_UNSUPPORTED);
	assert_int_equal(check("../x.pdf", "%PDF-", 5, &mime), FILETYPE_BAD_NAME);
	assert_int_equal(check("a\nb.pdf", "%PDF-", 5, &mime), FILETYPE_BAD_NAME);
	assert_int_equal(check("", "%PDF-", 5, &mime), FILETYPE_BAD_NAME);
	assert_int_equal(check(NULL, "%PDF-", 5, &mime), FILETYPE_BAD_NAME);
	assert_string_equal(filetype_message(FILETYPE_MISMATCH), "文件内容与扩展名不符");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
