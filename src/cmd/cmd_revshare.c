/* cmd_revshare.c - `kfq revshare compute YEAR`: every zone's revenue-sharing statement for a
 * year, computed and saved by the versioning rule as the finance bureau's button does (a
 * confirmed statement is never changed: a difference becomes a new version beside it). */
#include "cmd/cmd.h"

#include "app/revshare_run.h"
#include "core/money.h"
#include "util/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: kfq revshare compute [--db PATH|URL] [--config FILE] YEAR\n\n"
    "Computes every zone's statement of YEAR from the enterprise registry, the tax records, the\n"
    "year's configuration (set in the web app) and the arrangements in force, and saves it.\n"
    "Prints one line per zone: zone id, what happened, statement id, version, returned yuan.\n";

static int compute(struct store *s, int year)
{
	struct revshare_run_result r;
	struct store_actor who;
	struct arena a;
	char yuan[MONEY_TEXT_LEN];
	int exit = CMD_EXIT_OK;

	arena_init(&a);
	cmd_actor(&who);
	if (revshare_run(s, &a, &who, year, &r) != KFQ_OK) {
		fprintf(stderr, "kfq revshare compute: %s\n",
		        r.status == REVSHARE_RUN_STORE ? store_errmsg(s) : r.message);
		exit = CMD_EXIT_FAIL;
		goto cleanup;
	}
	for (size_t i = 0; i < r.n_zones; i++) {
		const struct store_revshare_statement *st = &r.zones[i].st;
		money_format_fen(st->returned_fen, yuan);
		printf("%lld\t%s\t%lld\tv%d\t%s\n", (long long)st->zone_id,
		       revshare_action_code(r.zones[i].action), (long long)st->id, st->version,
		       yuan);
	}
	money_format_fen(r.returned_fen, yuan);
	printf("total returned %s yuan over %zu zone(s)\n", yuan, r.n_zones);
cleanup:
	arena_release(&a);
	return exit;
}

int cmd_revshare(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s;
	const char *year = NULL;
	char *end;
	long y;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "compute") != 0)
		return cmd_usage_error("revshare", "expected 'compute'");
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (argv[i][0] == '-' || year)
			return cmd_usage_error("revshare", "unexpected argument '%s'", argv[i]);
		year = argv[i];
	}
	y = year ? strtol(year, &end, 10) : 0;
	if (!year || *end || y < REVSHARE_YEAR_MIN || y > REVSHARE_YEAR_MAX)
		return cmd_usage_error("revshare", "compute needs a YEAR (2000-2100)");
	if (cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	rc = compute(s, (int)y);
	store_close(s);
	return rc;
}
