/* cmd_version.c - `kfq version`: prints the version and the linked library versions. */
#include "cmd/cmd.h"

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>

int cmd_version(int argc, char **argv)
{
	static const char usage[] = "usage: kfq version\n\nPrints kfq's version and the versions "
	                            "of the libraries it runs on.\n";

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc > 1) {
		fprintf(stderr, "kfq version: unexpected argument '%s'\n", argv[1]);
		return CMD_EXIT_USAGE;
	}
	printf("kfq %s\n", KFQ_VERSION);
	printf("libmicrohttpd %s, jansson %s, sqlite %s, libsodium %s\n", MHD_get_version(),
	       JANSSON_VERSION, sqlite3_libversion(), sodium_version_string());
	return CMD_EXIT_OK;
}
