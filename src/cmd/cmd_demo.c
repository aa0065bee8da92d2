/* cmd_demo.c - `kfq demo`: reads the seed policy and has app/demo fill a fresh database with a
 * living example for first-time users. Must not fill anything itself: app/demo_X.c do. */
#include "cmd/cmd.h"

#include "app/demo.h"
#include "store/store_people.h"
#include "core/plan.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq demo [--db PATH|URL] [--config FILE] [--data-dir DIR] [--policy FILE]\n\n"
    "Imports the policy text (default data/demo/fushun-devzone-reform-draft-2025.txt) and gives\n"
    "each sample zone (示例) a plan per task, with progress and some late milestones, dated from\n"
    "today; evidence files go to --data-dir (or data_dir of the config; default files/ beside a\n"
    "SQLite file), where `kfq serve` reads them. Refuses when the database already holds plans.\n";

int cmd_demo(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s;
	struct store_actor who;
	struct strbuf text = STRBUF_INIT;
	struct demo d = {0};
	struct arena a;
	const char *policy = "data/demo/fushun-devzone-reform-draft-2025.txt";
	char data_dir[4096];
	int exit = CMD_EXIT_FAIL;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int x = cmd_options_common(&o, argc, argv, &i);
		if (x < 0)
			return CMD_EXIT_USAGE;
		if (x > 0)
			continue;
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			policy = argv[++i];
		else if (!strcmp(argv[i], "--data-dir") && i + 1 < argc)
			o.data_dir = argv[++i];
		else
			return cmd_usage_error("demo", "unexpected argument '%s'", argv[i]);
	}
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	if (cmd_personal_setup(&o, s) != KFQ_OK) {
		store_close(s);
		return CMD_EXIT_FAIL;
	}
	arena_init(&a);
	if (cmd_read_file(policy, &text) != KFQ_OK) {
		fprintf(stderr, "kfq demo: cannot read %s\n", policy);
		goto cleanup;
	}
	cmd_actor(&who);
	d.s = s;
	d.who = &who;
	d.a = &a;
	d.today = plan_today(time_now());
	d.policy_text = text.buf;
	d.policy_len = text.len;
	d.data_dir = cmd_data_dir(&o, data_dir, sizeof(data_dir));
	if (demo_fill(&d) != KFQ_OK) {
		fprintf(stderr, "kfq demo: %s\n", d.error ? d.error : store_errmsg(s));
		goto cleanup;
	}
	printf("demo: %s\n", d.summary.buf);
	exit = CMD_EXIT_OK;
cleanup:
	strbuf_release(&d.summary);
	strbuf_release(&text);
	arena_release(&a);
	store_close(s);
	return exit;
}
