/* cmd_backup.c - `kfq backup OUT`: an online, consistent copy of the SQLite database. */
#include "cmd/cmd.h"

#include "util/log.h"

#include <stdio.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: kfq backup [--db PATH] [--config FILE] OUT\n\n"
    "Copies the SQLite database to OUT while the server keeps running (SQLite's online\n"
    "backup API). OUT must not exist. For PostgreSQL use pg_dump (docs/OPERATIONS.md).\n";

int cmd_backup(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s;
	const char *out = NULL;
	struct stat st;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (argv[i][0] == '-' || out)
			return cmd_usage_error("backup", "unexpected argument '%s'", argv[i]);
		out = argv[i];
	}
	if (!out)
		return cmd_usage_error("backup", "missing OUT file");
	if (store_is_pg_url(o.db)) {
		fprintf(stderr, "kfq backup: the database is PostgreSQL; use pg_dump "
		                "(see docs/OPERATIONS.md)\n");
		return CMD_EXIT_FAIL;
	}
	if (stat(out, &st) == 0) {
		fprintf(stderr, "kfq backup: %s already exists; not overwriting it\n", out);
		return CMD_EXIT_FAIL;
	}
	if (cmd_open_db_as_is(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	rc = store_backup(s, out);
	if (rc != KFQ_OK)
		fprintf(stderr, "kfq backup: %s\n", store_errmsg(s));
	else
		printf("backup written to %s\n", out);
	store_close(s);
	return rc == KFQ_OK ? CMD_EXIT_OK : CMD_EXIT_FAIL;
}
