/* libFuzzer target: the parts of a request kfq parses itself besides bodies: routing a path
 * against the real route table, and RFC 3339 time parameters. */
#include "fuzz.h"
#include "api/api.h"
#include "util/timeutil.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static struct http_router router;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct api_config cfg = {"/nonexistent/fuzz.db", NULL};

	(void)argc;
	(void)argv;
	return api_init(&cfg, &router);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
	struct http_req req;
	bool path_matched;
	char buf[512];
	int64_t t;

	if (size < 1 || size >= sizeof(buf))
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = 0;
	memset(&req, 0, sizeof(req));
	arena_init(&req.arena);
	req.method = methods[data[0] % 4];
	req.path = buf;
	int i = http_router_match(&router, &req, &path_matched);
	if (i >= 0 && (!req.route || req.nparams > HTTP_MAX_PARAMS))
		__builtin_trap();
	if (time_parse(buf, &t) == 0) {
		char out[TIME_RFC3339_LEN];
		int64_t back;
		time_format(t, out);
		if (time_parse(out, &back) != 0 || back != t)
			__builtin_trap(); /* what we accept, we can write and read back */
	}
	arena_release(&req.arena);
	return 0;
}
