/* libFuzzer target: the industry classification reader (kfq catalog import). */
#include "fuzz.h"
#include "core/industry.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct industry_catalog c;
	struct industry_problem p;
	struct arena a;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0; /* the reader takes text that textconv has made NUL-terminated */
	arena_init(&a);
	if (industry_parse(text, &a, &c, &p) != 0) {
		if (!p.message[0])
			__builtin_trap(); /* a refusal says why */
	} else {
		for (size_t i = 0; i < c.n; i++) {
			const struct industry_entry *e = &c.entries[i];
			if (industry_find(&c, e->code) == NULL || !e->name[0])
				__builtin_trap();
			if (e->level != INDUSTRY_SECTION && !industry_find(&c, e->parent))
				__builtin_trap();
		}
	}
	arena_release(&a);
	free(text);
	return 0;
}
