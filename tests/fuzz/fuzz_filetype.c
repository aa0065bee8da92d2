/* libFuzzer target: the evidence file type check. The first line of the input is the file
 * name, the rest the content. */
#include "fuzz.h"
#include "core/filetype.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	char *name = malloc(n + 1);
	const char *mime;

	if (!name)
		return 0;
	memcpy(name, data, n);
	name[n] = 0;
	enum filetype_verdict v =
	    filetype_check(name, nl ? nl + 1 : data + size, nl ? size - n - 1 : 0, &mime);
	if ((v == FILETYPE_OK) != (mime != NULL))
		__builtin_trap(); /* a type exactly when accepted */
	free(name);
	return 0;
}
