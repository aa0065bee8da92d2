/* import_template.c - the downloadable template of an import kind: the header row and a sample
 * row as the first sheet (what the import reads), each column's rules on the second. Must not
 * know any kind in particular. */
#include "app/import.h"

#include "util/log.h"
#include "util/xlsx.h"

#include <stdlib.h>
#include <unistd.h>

int import_template(const struct import_kind *k, int *fd, uint64_t *size)
{
	static const char *const rule_headers[] = {"列名", "必填", "格式", "说明"};
	static const double rule_widths[] = {16, 8, 36, 60};
	const char **headers = xcalloc((size_t)k->ncols, sizeof(*headers));
	double *widths = xcalloc((size_t)k->ncols, sizeof(*widths));
	struct xlsx *x;
	struct arena a;
	int rc;

	arena_init(&a);
	for (int i = 0; i < k->ncols; i++) {
		headers[i] = k->cols[i].header;
		widths[i] = k->cols[i].type == IMPORT_TEXT ? 20 : 16;
	}
	rc = xlsx_open(&x, "导入数据", headers, widths, k->ncols);
	if (rc != KFQ_OK)
		goto cleanup;
	for (int i = 0; i < k->ncols; i++)
		xlsx_text(x, k->cols[i].sample);
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
	rc = xlsx_finish(x, fd, size);
cleanup:
	arena_release(&a);
	free(headers);
	free(widths);
	return rc;
}
