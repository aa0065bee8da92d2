/* libFuzzer target: jcanon_is, against the parser and writer it stands in for: a text it calls
 * canonical must parse and be written back byte for byte. */
#include "fuzz.h"
#include "util/jcanon.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *v;

	if (!jcanon_is((const char *)data, size))
		return 0;
	v = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
	if (!v || jcanon_write(&sb, v) != 0 || sb.len != size || memcmp(sb.buf, data, size))
		__builtin_trap();
	json_decref(v);
	strbuf_release(&sb);
	return 0;
}
