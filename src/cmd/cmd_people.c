/* cmd_people.c - `kfq people reseal`: every national ID number on the roster re-written in the
 * configured seal format (--personal-cipher / personal_cipher) in one audited transaction, so
 * that a switch to SM4 under 密评 leaves no number in the old format. Run it after changing the
 * configuration and restarting the servers with it; a second run changes nothing. */
#include "cmd/cmd.h"

#include "store/store_people.h"
#include "util/log.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq people reseal [--db PATH|URL] [--config FILE] [--personal-key FILE]\n"
    "                         [--personal-cipher secretbox|sm4]\n\n"
    "Re-seals every national ID number on the roster that is not in the configured format\n"
    "(personal_cipher: secretbox, the default, or sm4), in one transaction with one audit\n"
    "record. Nothing changes when a number does not open under the key. Prints the counts.\n";

int cmd_people(int argc, char **argv)
{
	struct cmd_options o;
	struct store_actor who;
	struct store *s;
	int64_t resealed, total, bad;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "reseal") != 0)
		return cmd_usage_error("people", "expected 'reseal'");
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r == 0)
			return cmd_usage_error("people", "unexpected argument '%s'", argv[i]);
	}
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	if (cmd_personal_setup(&o, s) != KFQ_OK) {
		store_close(s);
		return CMD_EXIT_FAIL;
	}
	cmd_actor(&who);
	rc = store_people_reseal(s, &who, &resealed, &total, &bad);
	if (rc == KFQ_EINVAL)
		fprintf(
		    stderr,
		    "kfq people reseal: person %lld: the ID number does not open under this key; "
		    "nothing changed\n",
		    (long long)bad);
	else if (rc != KFQ_OK)
		fprintf(stderr, "kfq people reseal: %s\n", store_errmsg(s));
	else
		printf("resealed %lld of %lld ID number(s) as %s\n", (long long)resealed,
		       (long long)total,
		       o.personal_cipher == PERSONAL_SM4 ? "sm4 (v2)" : "secretbox (v1)");
	store_close(s);
	return rc == KFQ_OK ? CMD_EXIT_OK : CMD_EXIT_FAIL;
}
