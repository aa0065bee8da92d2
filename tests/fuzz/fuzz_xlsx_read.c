/* libFuzzer target: the spreadsheet readers (util/sheet.c: .xlsx through libzip, expat and the
 * sheet scanner, CSV with encoding detection), fed through a memory file as an upload would be,
 * with the rows kept as an import keeps them: a file read to its end is read again from the
 * kept rows, which must be the same. Limits are lowered so that the fuzzer explores the
 * refusals instead of inflating large parts. */
#include "fuzz.h"
#include "util/log.h"
#include "util/sheet.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fd = -1;

/* FNV-1a over every row's number, cells' kinds, date styles and texts. */
static uint64_t digest(uint64_t h, const struct sheet_row *row, const struct sheet_limits *lim)
{
	if (row->row < 1 || row->ncells < 1 || row->ncells > (int)lim->max_cols)
		__builtin_trap();
	h = (h ^ (uint64_t)row->row) * 0x100000001b3ull;
	for (int i = 0; i < row->ncells; i++) {
		const struct sheet_cell *c = &row->cells[i];
		if (!c->text || strlen(c->text) > lim->max_cell_bytes)
			__builtin_trap();
		h = (h ^ (uint64_t)(c->kind * 2 + c->date_style)) * 0x100000001b3ull;
		for (const char *p = c->text;; p++) {
			h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
			if (!*p)
				break;
		}
	}
	return h;
}

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
	if (sheet_keep(s, "/tmp") != KFQ_OK)
		__builtin_trap();
	uint64_t first = 0xcbf29ce484222325ull, again = first;
	while ((rc = sheet_next(s, &row, &e)) == KFQ_ROW)
		first = digest(first, &row, &lim);
	if (rc != KFQ_DONE && rc != KFQ_EIO && !e.message[0])
		__builtin_trap();
	if (rc == KFQ_DONE) {
		if (sheet_rewind(s) != KFQ_OK)
			__builtin_trap();
		while ((rc = sheet_next(s, &row, &e)) == KFQ_ROW)
			again = digest(again, &row, &lim);
		if (rc != KFQ_DONE || again != first)
			__builtin_trap();
	}
	sheet_close(s);
	return 0;
}
