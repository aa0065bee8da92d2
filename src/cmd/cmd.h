/* cmd.h - the kfq subcommands (one file each in src/cmd/) and the options they share.
 * A subcommand returns the process exit code: 0 success, 1 failure, 2 bad usage. */
#ifndef KFQ_CMD_CMD_H
#define KFQ_CMD_CMD_H

#include <stdbool.h>

#define CMD_EXIT_OK 0
#define CMD_EXIT_FAIL 1
#define CMD_EXIT_USAGE 2

struct cmd {
	const char *name;
	const char *summary; /* one line, shown by `kfq --help` */
	int (*run)(int argc, char **argv);
};

int cmd_version(int argc, char **argv);

/* true if argv holds -h or --help; prints usage to stdout then */
bool cmd_wants_help(int argc, char **argv, const char *usage);

#endif
