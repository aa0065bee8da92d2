/* Tests src/util/sheet.c, xlsx_read.c and csv_read.c on real small files: shared and inline
 * strings, rich text, the 1904 base, WPS-style prefixes, a workbook written by kfq's own writer,
 * CSV in UTF-8, UTF-8 with BOM, GBK and UTF-16; the sheet scanner's XML; the rows kept for a
 * second reading (sheet_keep.c); and the refusals: a zip bomb, a DTD, deep nesting, a broken
 * archive, a bad CRC, malformed sheet XML, an old .xls, caps on columns, cell sizes and the
 * kept rows. */
#include "util/log.h"
#include "util/sheet.h"
#include "util/strbuf.h"
#include "util/xlsx.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

static int open_data(const char *name)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/xlsx/%s", KFQ_TEST_DATA, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	return fd;
}

static int mem_fd(const void *buf, size_t len)
{
	int fd = memfd_create("sheet-test", MFD_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	return fd;
}

/* Every row of an open sheet as "ROW:cell|cell|..." lines, a cell as its kind letter (T N B E,
 * none when empty), "d" for a date style, then its text. Returns the last read's code. */
static int dump_rows(struct sheet *s, struct strbuf *out, struct sheet_error *e)
{
	static const char kinds[] = {0, 'T', 'N', 'B', 'E'};
	struct sheet_row row;
	int rc;

	while ((rc = sheet_next(s, &row, e)) == KFQ_ROW) {
		strbuf_addf(out, "%lld:", (long long)row.row);
		for (int i = 0; i < row.ncells; i++) {
			const struct sheet_cell *c = &row.cells[i];
			if (i)
				strbuf_addch(out, '|');
			if (c->kind)
				strbuf_addch(out, kinds[c->kind]);
			if (c->date_style)
				strbuf_addch(out, 'd');
			strbuf_addstr(out, c->text);
		}
		strbuf_addch(out, '\n');
	}
	return rc;
}

/* dump_rows of the file, then its format. Returns sheet_open's or the last read's code. */
static int dump_lim(int fd, const struct sheet_limits *lim, struct strbuf *out,
                    struct sheet_error *e)
{
	struct sheet *s;
	int rc;

	memset(e, 0, sizeof(*e));
	if ((rc = sheet_open(fd, lim, &s, e)) != KFQ_OK)
		return rc;
	rc = dump_rows(s, out, e);
	if (rc == KFQ_DONE)
		strbuf_addf(out, "%s%s", sheet_encoding(s), sheet_date1904(s) ? " 1904" : "");
	sheet_close(s);
	return rc;
}

static int dump(int fd, struct strbuf *out, struct sheet_error *e)
{
	struct sheet_limits lim;

	sheet_limits_default(&lim);
	return dump_lim(fd, &lim, out, e);
}

/* Reads file name from tests/data/xlsx and compares the dump. */
static void expect_file(const char *name, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	struct sheet_error e;
	int fd = open_data(name);

	assert_int_equal(dump(fd, &sb, &e), KFQ_DONE);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
	close(fd);
}

/* Reads the file and expects a refusal whose message contains msg. */
static void expect_refused_fd(int fd, const struct sheet_limits *lim, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	struct sheet_error e;
	struct sheet_limits def;

	if (!lim) {
		sheet_limits_default(&def);
		lim = &def;
	}
	assert_int_equal(dump_lim(fd, lim, &sb, &e), KFQ_EINVAL);
	if (!strstr(e.message, msg))
		fail_msg("message \"%s\" lacks \"%s\"", e.message, msg);
	strbuf_release(&sb);
	close(fd);
}

static void test_shared_strings(void **state)
{
	(void)state;
	/* the phonetic guide (rPh) is not text; the blank row 5 and the styled-only row 4 are
	 * skipped; numbers keep Excel's own decimal text */
	expect_file("shared.xlsx", "1:T登录名|T金额|T日期\n"
	                           "2:T张三|N12345.670000000001|Nd46027||B1\n"
	                           "3:T富文本|N1.5E-3|Nd46028|E#N/A|T富文本x\n"
	                           "6:|N0.1234\n"
	                           "xlsx");
}

static void test_inline_strings(void **state)
{
	(void)state;
	expect_file("inline.xlsx", "1:T登录名|T姓名\n2:T li4 |T李四|N7\nxlsx");
}

static void test_date1904(void **state)
{
	(void)state;
	expect_file("date1904.xlsx", "1:T日期\n2:Nd44565\nxlsx 1904");
}

/* 填写说明 moved in front of 导入数据: the rows come from 导入数据 */
static void test_data_sheet_by_name(void **state)
{
	(void)state;
	expect_file("reordered.xlsx", "1:T登录名\nxlsx");
}

static void test_prefixed_namespaces(void **state)
{
	(void)state;
	expect_file("prefixed.xlsx", "3:||T甲\nxlsx");
}

/* A workbook written by kfq's own exporter (libxlsxwriter) reads back as written. */
static void test_own_writer(void **state)
{
	(void)state;
	static const char *const headers[] = {"登录名", "姓名", "金额"};
	struct strbuf sb = STRBUF_INIT;
	struct sheet_error e;
	struct xlsx *x;
	uint64_t size;
	int fd;

	assert_int_equal(xlsx_open(&x, "用户", headers, NULL, 3), KFQ_OK);
	xlsx_text(x, "wang5");
	xlsx_text(x, "王五");
	xlsx_int(x, 1234567);
	xlsx_end_row(x);
	xlsx_text(x, NULL);
	xlsx_text(x, "赵六");
	xlsx_bp_percent(x, 1250);
	xlsx_end_row(x);
	assert_int_equal(xlsx_finish(x, &fd, &size), KFQ_OK);
	assert_int_equal(dump(fd, &sb, &e), KFQ_DONE);
	assert_string_equal(sb.buf, "1:T登录名|T姓名|T金额\n2:Twang5|T王五|N1234567\n"
	                            "3:|T赵六|N0.125\nxlsx");
	strbuf_release(&sb);
	close(fd);
}

/* Merged ranges are read after the rows; the cells under a range's first stay empty. */
static void test_merges(void **state)
{
	(void)state;
	const struct sheet_merge *m;
	struct strbuf sb = STRBUF_INIT;
	struct sheet_limits lim;
	struct sheet_error e = {0};
	struct sheet *s;
	int fd = open_data("merged.xlsx");

	sheet_limits_default(&lim);
	assert_int_equal(sheet_open(fd, &lim, &s, &e), KFQ_OK);
	assert_int_equal(dump_rows(s, &sb, &e), KFQ_DONE);
	assert_string_equal(sb.buf, "1:T开发区|T金额\n2:T甲|N1\n3:|N2\n4:|N3\n");
	assert_int_equal(sheet_merges(s, &m), 2);
	assert_true(m[0].row1 == 2 && m[0].row2 == 4 && m[0].col1 == 0 && m[0].col2 == 0);
	assert_true(m[1].row1 == 10 && m[1].row2 == 12 && m[1].col1 == 26 && m[1].col2 == 27);
	sheet_close(s);
	strbuf_release(&sb);
	close(fd);
}

static void test_zip_bomb(void **state)
{
	(void)state;
	/* 24 MiB of spaces in a few KiB: refused by the ratio, long before the size caps */
	expect_refused_fd(open_data("bomb.xlsx"), NULL, "压缩炸弹");
}

static void test_size_cap(void **state)
{
	(void)state;
	struct sheet_limits lim;

	/* with no ratio cap to speak of, the part's size cap stops it */
	sheet_limits_default(&lim);
	lim.max_ratio = 1000000;
	lim.max_part_bytes = 4 * 1024 * 1024;
	expect_refused_fd(open_data("bomb.xlsx"), &lim, "解压后过大");
}

static void test_dtd_refused(void **state)
{
	(void)state;
	expect_refused_fd(open_data("dtd.xlsx"), NULL, "DTD");
}

static void test_deep_nesting(void **state)
{
	(void)state;
	expect_refused_fd(open_data("deep.xlsx"), NULL, "嵌套过深");
}

static void test_corrupt_zip(void **state)
{
	(void)state;
	expect_refused_fd(open_data("corrupt.xlsx"), NULL, "不是有效的 .xlsx");
}

static void test_bad_crc(void **state)
{
	(void)state;
	expect_refused_fd(open_data("badcrc.xlsx"), NULL, "已损坏");
}

static void test_old_xls(void **state)
{
	(void)state;
	expect_refused_fd(mem_fd("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8), NULL, ".xls");
}

static void test_empty_file(void **state)
{
	(void)state;
	expect_refused_fd(mem_fd("", 0), NULL, "文件为空");
}

/* ---- CSV ---- */

static void expect_csv(const char *bytes, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	struct sheet_error e;
	int fd = mem_fd(bytes, len);

	assert_int_equal(dump(fd, &sb, &e), KFQ_DONE);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
	close(fd);
}

static void test_csv_utf8(void **state)
{
	(void)state;
	static const char in[] = "登录名,姓名,金额\r\n"
	                         "zhang3,\"张,三\",\"12,345.67\"\r\n"
	                         "\r\n"
	                         "li4,\"李\"\"四\"\"\",\"多\n行\"\n"
	                         ",,\n"
	                         "wang5,,1";
	/* the blank rows 3 and 5 are skipped but counted: row numbers are Excel's */
	expect_csv(in, sizeof(in) - 1,
	           "1:T登录名|T姓名|T金额\n2:Tzhang3|T张,三|T12,345.67\n"
	           "4:Tli4|T李\"四\"|T多\n行\n6:Twang5||T1\nUTF-8");
}

static void test_csv_bom(void **state)
{
	(void)state;
	static const char in[] = "\xef\xbb\xbf登录名,姓名\r\na,甲\r\n";
	expect_csv(in, sizeof(in) - 1, "1:T登录名|T姓名\n2:Ta|T甲\nUTF-8 (BOM)");
}

static void test_csv_gbk(void **state)
{
	(void)state;
	/* 登录名,姓名 / zhang3,张三 in GBK, as Excel saves CSV on Chinese Windows; ASCII first,
	 * so the decision needs the whole file */
	static const char in[] = "id,x\r\n1,2\r\n"
	                         "\xb5\xc7\xc2\xbc\xc3\xfb,\xd0\xd5\xc3\xfb\r\n"
	                         "zhang3,\xd5\xc5\xc8\xfd\r\n";
	expect_csv(in, sizeof(in) - 1,
	           "1:Tid|Tx\n2:T1|T2\n3:T登录名|T姓名\n4:Tzhang3|T张三\nGB18030");
}

static void test_csv_utf16_tabs(void **state)
{
	(void)state;
	/* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated: "名\tx\r\n甲\t1\r\n" */
	static const char in[] = "\xff\xfe\x0d\x54\x09\x00x\x00\x0d\x00\x0a\x00"
	                         "\x32\x75\x09\x00"
	                         "1\x00\x0d\x00\x0a\x00";
	expect_csv(in, sizeof(in) - 1, "1:T名|Tx\n2:T甲|T1\nUTF-16LE");
}

static void test_csv_refusals(void **state)
{
	(void)state;
	struct sheet_limits lim;

	expect_refused_fd(mem_fd("a,b\n\"open,c\n", 12), NULL, "引号没有闭合");
	expect_refused_fd(mem_fd("a,b\x01\n", 5), NULL, "不是文本文件");
	/* Latin-1 bytes are neither UTF-8 nor plausible GBK */
	expect_refused_fd(mem_fd("caf\xe9,na\xefve\n", 11), NULL, "无法识别的文本编码");
	sheet_limits_default(&lim);
	lim.max_cols = 2;
	expect_refused_fd(mem_fd("a,b,c\n", 6), &lim, "超出可读取的2列");
	lim.max_cols = 256;
	lim.max_cell_bytes = 4;
	expect_refused_fd(mem_fd("abcde\n", 6), &lim, "单元格内容过长");
}

/* What writers put in a sheet besides plain cells, read by the sheet scanner: entities and
 * character references, CDATA, a comment and a processing instruction, single quotes and blanks
 * in tags, CR LF and CR as line ends, a formula's cached value (not its text), rich text runs
 * without their phonetic guide, empty and self-closed cells, a row whose only cell is empty
 * (row 3, skipped), dates and numbers by their cell style as Excel writes them. */
static void test_scan_features(void **state)
{
	(void)state;
	expect_file("scan.xlsx", "1:TA&B <中文> \"'|T<b>]]&|T一\n二\n三\n"
	                         "2:Nd46027|Nd46027.5|N-1234.5|N1.5E-3||Txy||T甲 乙\n"
	                         "4:|T共享\n"
	                         "xlsx");
}

static void test_scan_refusals(void **state)
{
	(void)state;
	expect_refused_fd(open_data("mismatch.xlsx"), NULL, "没有正确闭合");
	expect_refused_fd(open_data("entity.xlsx"), NULL, "未定义的 XML 实体");
	expect_refused_fd(open_data("badutf8.xlsx"), NULL, "UTF-8");
	expect_refused_fd(open_data("truncated.xlsx"), NULL, "不完整");
}

/* A kept sheet hands out the same rows again after sheet_rewind, from its temporary file. */
static void expect_kept(int fd, const char *want)
{
	struct strbuf first = STRBUF_INIT, again = STRBUF_INIT;
	struct sheet_limits lim;
	struct sheet_error e = {0};
	struct sheet *s;

	sheet_limits_default(&lim);
	assert_int_equal(sheet_open(fd, &lim, &s, &e), KFQ_OK);
	assert_int_equal(sheet_keep(s, "/tmp"), KFQ_OK);
	assert_int_equal(dump_rows(s, &first, &e), KFQ_DONE);
	assert_string_equal(first.buf, want);
	assert_int_equal(sheet_rewind(s), KFQ_OK);
	assert_int_equal(dump_rows(s, &again, &e), KFQ_DONE);
	assert_string_equal(again.buf, want);
	/* and once more: a third reading is the same */
	strbuf_reset(&again);
	assert_int_equal(sheet_rewind(s), KFQ_OK);
	assert_int_equal(dump_rows(s, &again, &e), KFQ_DONE);
	assert_string_equal(again.buf, want);
	sheet_close(s);
	strbuf_release(&first);
	strbuf_release(&again);
	close(fd);
}

static void test_keep_round_trip(void **state)
{
	static const char csv[] = "名,额\r\n甲,1.5\r\n,,\r\n\"多\n行\",,\"x\"\r\n";
	struct strbuf big = STRBUF_INIT, want = STRBUF_INIT;

	(void)state;
	/* every kind of cell, a date style, empty cells between and the skipped rows' numbers */
	expect_kept(open_data("shared.xlsx"), "1:T登录名|T金额|T日期\n"
	                                      "2:T张三|N12345.670000000001|Nd46027||B1\n"
	                                      "3:T富文本|N1.5E-3|Nd46028|E#N/A|T富文本x\n"
	                                      "6:|N0.1234\n");
	expect_kept(open_data("scan.xlsx"), "1:TA&B <中文> \"'|T<b>]]&|T一\n二\n三\n"
	                                    "2:Nd46027|Nd46027.5|N-1234.5|N1.5E-3||Txy||T甲 乙\n"
	                                    "4:|T共享\n");
	expect_kept(mem_fd(csv, sizeof(csv) - 1), "1:T名|T额\n2:T甲|T1.5\n4:T多\n行||Tx\n");
	/* rows past the kept file's 256 KiB buffer, and one row larger than it */
	for (int i = 1; i <= 30000; i++) {
		strbuf_addf(&big, "%d,第%d行\n", i, i);
		strbuf_addf(&want, "%d:T%d|T第%d行\n", i, i, i);
	}
	strbuf_addstr(&big, "x");
	strbuf_addstr(&want, "30001:Tx");
	for (int c = 0; c < 3; c++) {
		strbuf_addstr(&big, ",");
		strbuf_addstr(&want, "|T");
		for (int i = 0; i < 40000; i++) {
			strbuf_addstr(&big, "长");
			strbuf_addstr(&want, "长");
		}
	}
	strbuf_addstr(&big, "\n");
	strbuf_addstr(&want, "\n");
	expect_kept(mem_fd(big.buf, big.len), want.buf);
	strbuf_release(&big);
	strbuf_release(&want);
}

/* The kept file has a cap: a small file whose cells repeat a long shared string cannot fill
 * the disk. */
static void test_keep_cap(void **state)
{
	struct sheet_limits lim;
	struct sheet_error e = {0};
	struct sheet_row row;
	struct sheet *s;
	int fd = open_data("shared.xlsx"), rc;

	(void)state;
	sheet_limits_default(&lim);
	lim.max_kept_bytes = 64;
	assert_int_equal(sheet_open(fd, &lim, &s, &e), KFQ_OK);
	assert_int_equal(sheet_keep(s, "/tmp"), KFQ_OK);
	while ((rc = sheet_next(s, &row, &e)) == KFQ_ROW)
		;
	assert_int_equal(rc, KFQ_EINVAL);
	assert_non_null(strstr(e.message, "展开后过大"));
	assert_int_equal(e.row, 2);
	sheet_close(s);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shared_strings),
	    cmocka_unit_test(test_inline_strings),
	    cmocka_unit_test(test_date1904),
	    cmocka_unit_test(test_prefixed_namespaces),
	    cmocka_unit_test(test_own_writer),
	    cmocka_unit_test(test_merges),
	    cmocka_unit_test(test_data_sheet_by_name),
	    cmocka_unit_test(test_zip_bomb),
	    cmocka_unit_test(test_size_cap),
	    cmocka_unit_test(test_dtd_refused),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_corrupt_zip),
	    cmocka_unit_test(test_bad_crc),
	    cmocka_unit_test(test_old_xls),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_csv_utf8),
	    cmocka_unit_test(test_csv_bom),
	    cmocka_unit_test(test_csv_gbk),
	    cmocka_unit_test(test_csv_utf16_tabs),
	    cmocka_unit_test(test_csv_refusals),
	    cmocka_unit_test(test_scan_features),
	    cmocka_unit_test(test_scan_refusals),
	    cmocka_unit_test(test_keep_round_trip),
	    cmocka_unit_test(test_keep_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
