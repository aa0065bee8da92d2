/* libFuzzer target: the reader of 战略性新兴产业分类(2018)'s categories (core/industry_plan.h,
 * sei_parse) and the path of each (sei_path). */
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
		char path[SEI_PATH_MAX];
		if (c.per_level[0] != SEI_AREAS ||
		    c.per_level[0] + c.per_level[1] + c.per_level[2] != c.n)
			__builtin_trap();
		for (size_t i = 0; i < c.n; i++) {
			const struct sei_category *x = &c.items[i], *up;
			if (sei_find(&c, x->code) != x || !x->name[0])
				__builtin_trap();
			if ((x->level == 1) != (x->parent < 0) || x->parent >= (int)i)
				__builtin_trap(); /* an area has no parent; a parent comes first */
			if (x->parent >= 0) {
				up = &c.items[x->parent];
				if (up->level != x->level - 1 ||
				    strncmp(x->code, up->code, strlen(up->code)) ||
				    x->code[strlen(up->code)] != '.')
					__builtin_trap(); /* a code is its parent's and a number */
			}
			if (strlen(sei_path(&c, x, path, sizeof(path))) >= sizeof(path))
				__builtin_trap();
		}
	}
	arena_release(&a);
	free(text);
	return 0;
}
