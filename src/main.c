/* main.c - the kfq binary: finds the subcommand and runs it, like git.
 * Must not hold any logic of a subcommand. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

static const struct cmd cmds[] = {
	{"version", "print version information", cmd_version},
};

static void usage(FILE *f)
{
	fputs("usage: kfq <command> [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\nRun 'kfq <command> --help' for a command's options.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CMD_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return CMD_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = "version";
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "kfq: '%s' is not a kfq command; see 'kfq --help'\n", argv[1]);
	return CMD_EXIT_USAGE;
}
