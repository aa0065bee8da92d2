/* libFuzzer target: the reader of 战略性新兴产业分类(2018)'s areas (core/industry_plan.h,
 * sei_parse). */
#include "fuzz.h"
#include "core/industry_plan.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sei_catalog c;
	struct industry_problem p;
	struct arena a;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	arena_init(&a);
	if (sei_parse(text, &a, &c, &p) != 0) {
		if (!p.message[0])
			__builtin_trap(); /* a refusal says why */
	} else {
		if (c.n != 9)
			__builtin_trap();
		for (size_t i = 0; i < c.n; i++)
			if (sei_find(&c, c.areas[i].code) != &c.areas[i] || !c.areas[i].name[0])
				__builtin_trap();
	}
	arena_release(&a);
	free(text);
	return 0;
}
