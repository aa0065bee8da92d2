/* libFuzzer target: the JSON request-body validator (api_body_validate) against the body
 * specs of the real route table (api_tables), so every field a route declares is fuzzed as
 * it is served. The first input byte picks the route; the rest is the body. */
#include "fuzz.h"
#include "api/api.h"

#include <stddef.h>
#include <stdint.h>

#define MAX_SPECS 512

static const struct api_field *specs[MAX_SPECS];
static size_t nspecs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (const struct api_route *const *t = api_tables; *t; t++)
		for (const struct api_route *r = *t; r->method; r++)
			if (r->body && nspecs < MAX_SPECS)
				specs[nspecs++] = r->body;
	if (nspecs == 0)
		__builtin_trap(); /* the table lost its bodies: nothing would be fuzzed */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_body_error e;
	struct arena a;
	json_t *body;

	if (size < 1)
		return 0;
	arena_init(&a);
	if (api_body_validate(specs[data[0] % nspecs], (const char *)data + 1, size - 1, &a, &body,
	                      &e) != 0 &&
	    (!e.code || !e.message))
		__builtin_trap(); /* every refusal must carry a code and a message */
	arena_release(&a);
	return 0;
}
