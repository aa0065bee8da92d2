/* cmd_audit.c - `kfq audit verify`: checks the whole hash chain and its head. */
#include "cmd/cmd.h"

#include "store/store_audit.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq audit verify [--db PATH|URL] [--config FILE]\n\n"
    "Recomputes every audit record's hash and checks the chain and its head. Prints the\n"
    "record count and the head hash (keep it elsewhere to detect a rewritten chain);\n"
    "exits 1 and names the first broken record when the log was tampered with.\n";

int cmd_audit(int argc, char **argv)
{
	struct cmd_options o;
	struct audit_verify v;
	struct store *s;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return cmd_usage_error("audit", "expected 'verify'");
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r == 0)
			return cmd_usage_error("audit", "unknown option '%s'", argv[i]);
	}
	if (cmd_open_db_as_is(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	rc = store_audit_verify(s, &v);
	if (rc != KFQ_OK) {
		fprintf(stderr, "kfq audit verify: %s\n", store_errmsg(s));
		store_close(s);
		return CMD_EXIT_FAIL;
	}
	store_close(s);
	if (v.broken_seq) {
		printf("BROKEN at record %lld: %s\n", (long long)v.broken_seq, v.reason);
		printf("records verified before the break: %lld\n", (long long)v.count);
		return CMD_EXIT_FAIL;
	}
	printf("OK: %lld records, head %s\n", (long long)v.count, v.head);
	return CMD_EXIT_OK;
}
