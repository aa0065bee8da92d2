/* libFuzzer target: the spreadsheet readers (util/sheet.c: .xlsx through libzip and expat, CSV
 * with encoding detection), fed through a memory file as an upload would be. Limits are lowered
 * so that the fuzzer explores the refusals instead of inflating large parts. */
#include "fuzz.h"
#include "util/log.h"
#include "util/sheet.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fd = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_limits lim;
	struct sheet_error e;
	struct sheet_row row;
	struct sheet *s;
	int rc;

	if (fd < 0 && (fd = memfd_create("fuzz-sheet", MFD_CLOEXEC)) < 0)
		__builtin_trap();
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		__builtin_trap();
	sheet_limits_default(&lim);
	lim.max_part_bytes = 8 * 1024 * 1024;
	lim.max_total_bytes = 16 * 1024 * 1024;
	lim.max_shared_bytes = 1024 * 1024;
	memset(&e, 0, sizeof(e));
	if (sheet_open(fd, &lim, &s, &e) != KFQ_OK) {
		if (size && !e.message[0])
			__builtin_trap(); /* a refusal says why */
		return 0;
	}
	while ((rc = sheet_next(s, &row, &e)) == KFQ_ROW) {
		if (row.row < 1 || row.ncells < 1 || row.ncells > (int)lim.max_cols)
			__builtin_trap();
		for (int i = 0; i < row.ncells; i++)
			if (!row.cells[i].text || strlen(row.cells[i].text) > lim.max_cell_bytes)
				__builtin_trap();
	}
	if (rc != KFQ_DONE && rc != KFQ_EIO && !e.message[0])
		__builtin_trap();
	sheet_close(s);
	return 0;
}
