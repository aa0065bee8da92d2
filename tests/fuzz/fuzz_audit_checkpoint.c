/* libFuzzer target: the audit checkpoint line (core/audit_checkpoint.c). The input is one
 * line, not NUL-terminated. A line read as a checkpoint writes back as one that reads the same. */
#include "fuzz.h"
#include "core/audit_checkpoint.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size ? size : 1);
	struct audit_checkpoint cp, again;
	struct strbuf sb = STRBUF_INIT;

	if (!line)
		return 0;
	memcpy(line, data, size);
	if (audit_checkpoint_parse(line, size, &cp) == 1) {
		if (cp.seq < 1 || !audit_hash_valid(cp.hash) || strlen(cp.time) >= sizeof(cp.time))
			__builtin_trap();
		audit_checkpoint_line(&sb, cp.time, cp.seq, cp.hash);
		if (audit_checkpoint_parse(sb.buf, sb.len, &again) != 1 || again.seq != cp.seq ||
		    strcmp(again.hash, cp.hash) != 0 || strcmp(again.time, cp.time) != 0)
			__builtin_trap(); /* writing and reading back agree */
		strbuf_release(&sb);
	}
	free(line);
	return 0;
}
