/* libFuzzer target: the JSON request-body validator (api_body_validate) against field specs
 * of every type. The first input byte picks the spec; the rest is the body. */
#include "fuzz.h"
#include "api/api.h"

#include <stddef.h>
#include <stdint.h>

static const struct api_field org[] = {
    {"name", API_STR, true, 100},
    {"type", API_STR, true, 32},
    {"parent_id", API_INT, false, 0},
    {"level", API_STR, false, 32},
    {"aliases", API_STR_ARRAY, false, 20},
    {"is_sample", API_BOOL, false, 0},
    {NULL, 0, false, 0},
};
static const struct api_field user[] = {
    {"username", API_STR, true, 32},
    {"org_id", API_INT, true, 0},
    {"scope_org_ids", API_INT_ARRAY, false, 500},
    {"password", API_STR, true, 256},
    {NULL, 0, false, 0},
};
static const struct api_field none[] = {{NULL, 0, false, 0}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct api_field *const specs[] = {org, user, none};
	struct api_body_error e;
	struct arena a;
	json_t *body;

	if (size < 1)
		return 0;
	arena_init(&a);
	if (api_body_validate(specs[data[0] % 3], (const char *)data + 1, size - 1, &a, &body,
	                      &e) != 0 &&
	    (!e.code || !e.message))
		__builtin_trap(); /* every refusal must carry a code and a message */
	arena_release(&a);
	return 0;
}
