/* main.c - the kfq binary: finds the subcommand and runs it, like git.
 * Must not hold any logic of a subcommand. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

static const struct cmd cmds[] = {
    {"serve", "serve the API and the web app", cmd_serve},
    {"migrate", "apply database schema migrations", cmd_migrate},
    {"user", "manage accounts (add, passwd, list, lock, unlock)", cmd_user},
    {"org", "import or list organizations", cmd_org},
    {"audit", "verify the audit log's hash chain", cmd_audit},
    {"backup", "back up the database and its evidence files while the server runs", cmd_backup},
    {"restore", "restore a backup into a new database and check it", cmd_restore},
    {"demo", "fill a new database with demo tasks, plans and progress", cmd_demo},
    {"version", "print version information", cmd_version},
    {"policy", "parse a policy text (政策文本解析)", cmd_policy},
    {"remind", "add today's due-date reminders to the inboxes (run daily)", cmd_remind},
    {"import", "import a spreadsheet (.xlsx or CSV), all rows or none", cmd_import},
    {"catalog", "load or show the industry classification (GB/T 4754)", cmd_catalog},
    {"revshare", "compute every zone's revenue-sharing statement for a year", cmd_revshare},
    {"people", "re-seal every ID number on the roster in the configured format", cmd_people},
    {"mail", "read e-mail (.eml or mbox) and print its messages as JSON", cmd_mail},
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
