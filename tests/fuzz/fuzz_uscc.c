/* libFuzzer target: the 统一社会信用代码 reader. */
#include "fuzz.h"
#include "core/uscc.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[USCC_LEN + 1];
	struct uscc_problem p;

	if (uscc_parse((const char *)data, size, out, &p) == 0) {
		/* accepted: 18 characters whose check character is the computed one */
		if (strlen(out) != USCC_LEN || uscc_check_char(out) != out[USCC_LEN - 1])
			__builtin_trap();
	} else if (!p.message || !*p.message || out[0]) {
		__builtin_trap();
	}
	return 0;
}
