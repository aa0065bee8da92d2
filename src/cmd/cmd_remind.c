/* cmd_remind.c - `kfq remind`: today's reminders into the users' in-app inboxes, meant to run
 * once a day (cron or a systemd timer). The store finds the facts, core/remind decides which
 * call for an item today and words them, the inbox keeps one item per user and key, so a
 * second run on the same day adds nothing. Must not word a reminder or write SQL itself. */
#include "cmd/cmd.h"

#include "core/plan.h"
#include "core/remind.h"
#include "store/store_inbox.h"
#include "store/store_notice.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>

static const char usage[] =
    "usage: kfq remind [--db PATH|URL] [--config FILE]\n\n"
    "Adds today's reminders (Asia/Shanghai) to the in-app inboxes of the organizations'\n"
    "users:\n"
    "  - milestones of submitted or approved plans due within 7 days (once per due date)\n"
    "    or overdue (once a day), not done;\n"
    "  - plans and progress reports returned by the office (once per return; none when\n"
    "    the return's own inbox item already told it);\n"
    "  - 督办单 without a reply whose reply date is within 2 days (once) or past (once a\n"
    "    day).\n"
    "Run it daily; running it again the same day adds nothing. Prints how many items it\n"
    "added; exits 0, or 1 when the database cannot be used.\n";

int cmd_remind(int argc, char **argv)
{
	struct cmd_options o;
	struct remind_bounds b;
	struct remind_fact *facts;
	struct inbox_item *items;
	struct store *s = NULL;
	struct arena a;
	int64_t today = plan_today(time_now());
	int nfacts, nitems = 0, added = 0, users = 0, rc = CMD_EXIT_USAGE;

	arena_init(&a);
	if (cmd_wants_help(argc, argv, usage)) {
		rc = CMD_EXIT_OK;
		goto cleanup;
	}
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			goto cleanup;
		if (r == 0) {
			rc = cmd_usage_error("remind", "unknown option '%s'", argv[i]);
			goto cleanup;
		}
	}
	rc = CMD_EXIT_FAIL;
	if (cmd_open_db(&o, &s) != KFQ_OK)
		goto cleanup;
	remind_bounds(today, &b);
	if (store_remind_facts(s, &a, &b, &facts, &nfacts) != KFQ_OK) {
		fprintf(stderr, "kfq remind: %s\n", store_errmsg(s));
		goto cleanup;
	}
	items = arena_alloc(&a, sizeof(*items) * (size_t)(nfacts + 1));
	for (int i = 0; i < nfacts; i++)
		if (remind_item_for(&facts[i], today, &a, &items[nitems]))
			nitems++;
	if (store_inbox_add(s, items, nitems, &added, &users) != KFQ_OK) {
		fprintf(stderr, "kfq remind: %s\n", store_errmsg(s));
		goto cleanup;
	}
	printf("kfq remind: %d new inbox items for %d users\n", added, users);
	rc = fflush(stdout) == 0 ? CMD_EXIT_OK : CMD_EXIT_FAIL;
cleanup:
	store_close(s);
	arena_release(&a);
	return rc;
}
