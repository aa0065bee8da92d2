/* cmd_migrate.c - `kfq migrate`: applies pending schema migrations. */
#include "cmd/cmd.h"

#include "store/store_migrate.h"
#include "util/log.h"

#include <stdio.h>

static const char usage[] = "usage: kfq migrate [--db PATH|URL] [--config FILE]\n\n"
                            "Applies the pending schema migrations, each in its own transaction.\n";

int cmd_migrate(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s;
	char err[600];
	int applied = 0, version = 0, rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r == 0)
			return cmd_usage_error("migrate", "unknown option '%s'", argv[i]);
	}
	if (store_open(o.db, &s, err, sizeof(err)) != KFQ_OK) {
		fprintf(stderr, "kfq: %s\n", err);
		return CMD_EXIT_FAIL;
	}
	rc = store_migrate(s, &applied);
	if (rc == KFQ_OK)
		rc = store_schema_version(s, &version);
	if (rc != KFQ_OK)
		fprintf(stderr, "kfq migrate: failed: %s\n", store_errmsg(s));
	else
		printf("applied %d migration(s); schema version %d\n", applied, version);
	store_close(s);
	return rc == KFQ_OK ? CMD_EXIT_OK : CMD_EXIT_FAIL;
}
