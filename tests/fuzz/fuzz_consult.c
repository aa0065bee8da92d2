/* libFuzzer target: what a public comment brings that kfq parses itself: window bounds
 * (consult_bound_parse), a commenter's contact (consult_contact_kind) and a proof of work's
 * challenge, mac and counter (pow_check). The input's lines are the texts. Checks that a bound
 * that parses formats back into the same second and that pow_check never accepts a solution
 * under a key it was not made with. */
#include "fuzz.h"
#include "core/consult.h"
#include "core/pow.h"

#include <stdlib.h>
#include <string.h>

static const unsigned char KEY[POW_KEY_BYTES] = {7};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *line[3] = {NULL, NULL, NULL}, *p;
	char local[CONSULT_LOCAL_MAX];
	int64_t t, u;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	p = buf;
	for (int i = 0; i < 3 && p; i++) {
		line[i] = p;
		if ((p = strchr(p, '\n')))
			*p++ = 0;
	}
	for (int end = 0; end < 2; end++)
		if (consult_bound_parse(line[0], end, &t) == 0) {
			consult_local_format(t, local);
			if (consult_bound_parse(local, false, &u) != 0 || u != t)
				__builtin_trap(); /* a parsed bound is the second it formats to */
		}
	(void)consult_contact_kind(line[0]);
	if (pow_check(KEY, line[0], line[1], line[2], 1, 0, 0, NULL) == POW_OK)
		__builtin_trap(); /* no forged mac passes (the input cannot know KEY's mac…) */
	free(buf);
	return 0;
}
