/* import_template.c - the downloadable template of an import kind: the header row and a sample
 * row as the first sheet (what the import reads), text columns formatted as text and date columns
 * as dates so that what is typed below keeps its meaning (DECISIONS 281); each column's rules on
 * the second, with notes on the formats and the unit of amounts. Must not know any kind in
 * particular. */
#include "app/import.h"

#include "util/log.h"
#include "util/sheet.h"
#include "util/xlsx.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* A row of the rules sheet under 说明: the text in its last column. */
static void note(struct xlsx *x, const char *text)
{
	xlsx_text(x, NULL);
	xlsx_text(x, NULL);
	xlsx_text(x, NULL);
	xlsx_text(x, text);
	xlsx_end_row(x);
}

int import_template(const struct import_kind *k, int *fd, uint64_t *size)
{
	static const char *const rule_headers[] = {"列名", "必填", "格式", "说明"};
	static const double rule_widths[] = {16, 8, 36, 60};
	const char **headers = xcalloc((size_t)k->ncols, sizeof(*headers));
	double *widths = xcalloc((size_t)k->ncols, sizeof(*widths));
	enum xlsx_column *formats = xcalloc((size_t)k->ncols, sizeof(*formats));
	bool dates = false, amounts = false;
	struct xlsx *x;
	struct arena a;
	int rc;

	arena_init(&a);
	for (int i = 0; i < k->ncols; i++) {
		enum import_type t = k->cols[i].type;
		headers[i] = k->cols[i].header;
		widths[i] = t == IMPORT_TEXT || t == IMPORT_CODE ? 20 : 16;
		/* a code typed into a general cell becomes a number: leading zeros and the digits
		 * past the fifteenth are gone (DECISIONS 280) */
		formats[i] = t == IMPORT_TEXT || t == IMPORT_CODE || t == IMPORT_MONTH
		                 ? XLSX_COL_TEXT
		             : t == IMPORT_DATE ? XLSX_COL_DATE
		                                : XLSX_COL_GENERAL;
		dates = dates || t == IMPORT_DATE;
		amounts = amounts || t == IMPORT_AMOUNT;
	}
	rc = xlsx_open_columns(&x, SHEET_DATA_NAME, headers, widths, formats, k->ncols);
	if (rc != KFQ_OK)
		goto cleanup;
	for (int i = 0; i < k->ncols; i++) {
		if (k->cols[i].type == IMPORT_DATE)
			xlsx_date(x, k->cols[i].sample);
		else
			xlsx_text(x, k->cols[i].sample);
	}
	xlsx_end_row(x);
	if ((rc = xlsx_sheet(x, "填写说明", rule_headers, rule_widths, 4)) != KFQ_OK) {
		if (xlsx_finish(x, fd, size) == KFQ_OK)
			close(*fd);
		*fd = -1;
		goto cleanup;
	}
	for (int i = 0; i < k->ncols; i++) {
		xlsx_text(x, k->cols[i].header);
		xlsx_text(x, k->cols[i].required ? "是" : "否");
		xlsx_text(x, import_type_text(&k->cols[i], &a));
		xlsx_text(x, k->cols[i].rule);
		xlsx_end_row(x);
	}
	xlsx_end_row(x);
	xlsx_text(x, "说明");
	xlsx_text(x, NULL);
	xlsx_text(x, NULL);
	xlsx_text(x,
	          "第一个工作表的第一行是表头，请勿修改；从第二行起每行一条（示例行请替换或删除）。"
	          "也可另存为 CSV（UTF-8 或 GBK）导入。任何一行有误则整个文件都不导入，"
	          "并列出每个错误的行号、列名和原因；同一文件重复导入不会重复写入。");
	xlsx_end_row(x);
	note(x,
	     "文本和代码列已设为文本格式，请勿改为“常规”或“数值”：否则 Excel 会去掉代码的前导零，"
	     "并把18位的统一社会信用代码、身份证号码改成 9.1E+17 这样的科学计数法，后几位就丢了。"
	     "从别处粘贴时请选“只保留文本”。");
	if (dates)
		note(x, "日期列已设为日期格式，按 2026-01-05 填写。");
	if (amounts)
		note(x, "金额的单位是元（不是万元），只填数字：100万元 填 1000000；"
		        "不要带“元”“万元”“%”等单位。数字用半角，全角数字会按半角读取。");
	rc = xlsx_finish(x, fd, size);
cleanup:
	arena_release(&a);
	free(headers);
	free(widths);
	free(formats);
	return rc;
}
