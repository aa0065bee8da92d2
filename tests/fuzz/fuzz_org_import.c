/* libFuzzer target: the organization import file parser. */
#include "fuzz.h"
#include "core/org_import.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct org_import out;
	struct arena a;

	arena_init(&a);
	if (org_import_parse((const char *)data, size, &a, &out) != 0) {
		if (!out.error || out.error_line < 1)
			__builtin_trap(); /* a refusal names its line */
	} else {
		for (int i = 0; i < out.nrows; i++)
			if (!out.rows[i].name || !out.rows[i].type)
				__builtin_trap();
	}
	arena_release(&a);
	return 0;
}
