/* tmpdb.c - see tmpdb.h. Must not open the database: the tests decide how. */
#include "tmpdb.h"

#include "util/log.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int tmpdb_setup(void **state)
{
	struct tmpdb *f = xcalloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/kfq-test-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	*state = f;
	return 0;
}

int tmpdb_teardown(void **state)
{
	struct tmpdb *f = *state;
	static const char *const ext[] = {"", "-wal", "-shm"};
	char p[128];

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, ext[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}
