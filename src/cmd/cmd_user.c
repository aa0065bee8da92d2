/* cmd_user.c - `kfq user add|passwd|list|lock|unlock`: accounts from the command line, for the
 * first administrator and for recovery. Changes are audited as "cli:<login name>". */
#include "cmd/cmd.h"

#include "app/password.h"
#include "app/user_json.h"
#include "core/account.h"
#include "store/store_org.h"
#include "store/store_user.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: kfq user add --username NAME --org ORG --role ROLE [--display-name TEXT]\n"
    "                    [--scope SCOPE] (--password-stdin | --generate-password)\n"
    "       kfq user passwd NAME (--password-stdin | --generate-password)\n"
    "       kfq user list\n"
    "       kfq user lock NAME\n"
    "       kfq user unlock NAME\n"
    "  each also takes [--db PATH|URL] [--config FILE]\n\n"
    "ORG is an organization's name, alias or id. ROLE: admin office department zone county\n"
    "supervisor auditor security. SCOPE: all org org_and_below custom self (default by role).\n"
    "The accounts of auditor, supervisor and security (the security officer, 安全管理员) are\n"
    "managed in the web app by the security officer only, never by the admin; the first\n"
    "security officer is created here: kfq user add --role security ...\n"
    "--password-stdin reads the password from the first line of stdin; the user keeps it.\n"
    "--generate-password prints a random password that must be changed at first login.\n";

struct args {
	const char *username, *org, *role, *display, *scope;
	bool pw_stdin, pw_generate;
};

static int get_password(const struct args *a, char *pw, size_t len, bool *must_change)
{
	enum password_verdict v;

	if (a->pw_stdin == a->pw_generate) {
		fprintf(stderr,
		        "kfq user: give exactly one of --password-stdin, --generate-password\n");
		return CMD_EXIT_USAGE;
	}
	if (a->pw_generate) {
		password_random(pw);
		*must_change = true;
		return CMD_EXIT_OK;
	}
	if (cmd_read_stdin_line(pw, len) != KFQ_OK) {
		fprintf(stderr, "kfq user: no password on stdin (or longer than %zu bytes)\n",
		        len - 2);
		return CMD_EXIT_FAIL;
	}
	if ((v = account_password_check(pw)) != PASSWORD_OK) {
		fprintf(stderr, "kfq user: %s\n", account_password_message(v));
		return CMD_EXIT_FAIL;
	}
	*must_change = false;
	return CMD_EXIT_OK;
}

static int find_org(struct store *s, struct arena *ar, const char *name, struct store_org *o)
{
	char *end;
	long long id = strtoll(name, &end, 10);
	int rc = *end || id <= 0 ? store_org_find(s, ar, name, o) : store_org_get(s, ar, id, o);

	if (rc == KFQ_ENOTFOUND)
		fprintf(stderr, "kfq user: no organization named '%s' (see 'kfq org list')\n",
		        name);
	else if (rc != KFQ_OK)
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
	return rc;
}

static int add(struct store *s, struct arena *ar, const struct args *a)
{
	struct store_user u = {0};
	struct store_org o;
	struct store_actor who;
	char pw[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_MAX];
	int rc;

	if (!a->username || !a->org || !a->role)
		return cmd_usage_error("user", "add needs --username, --org and --role");
	if (!account_username_valid(a->username))
		return cmd_usage_error("user", "username must be 3..32 of a-z A-Z 0-9 _ . -");
	if (a->display && !account_display_name_valid(a->display))
		return cmd_usage_error("user",
		                       "display name must be 1..%d bytes, not blank, without "
		                       "control characters",
		                       ACCOUNT_DISPLAY_NAME_MAX);
	if (!account_role_valid(a->role))
		return cmd_usage_error("user", "unknown role '%s'", a->role);
	if (a->scope && !account_scope_valid(a->scope))
		return cmd_usage_error("user", "unknown scope '%s'", a->scope);
	if (a->scope && !strcmp(a->scope, "custom"))
		return cmd_usage_error("user", "a custom scope is set in the web app");
	if ((rc = get_password(a, pw, sizeof(pw), &u.must_change)) != CMD_EXIT_OK)
		return rc;
	if (find_org(s, ar, a->org, &o) != KFQ_OK)
		return CMD_EXIT_FAIL;
	u.username = a->username;
	u.display_name = a->display ? a->display : a->username;
	u.org_id = o.id;
	u.role = a->role;
	u.data_scope = a->scope ? a->scope : account_default_scope(a->role);
	if (password_hash(pw, hash) != KFQ_OK)
		return CMD_EXIT_FAIL;
	cmd_actor(&who);
	rc = store_user_create(s, &who, &user_json_audit, &u, hash);
	if (rc == KFQ_ECONFLICT) {
		fprintf(stderr, "kfq user: user '%s' already exists\n", a->username);
		return CMD_EXIT_FAIL;
	}
	if (rc != KFQ_OK) {
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
		return CMD_EXIT_FAIL;
	}
	printf("created user %s (id %lld, %s, %s)\n", u.username, (long long)u.id, u.role, o.name);
	if (a->pw_generate)
		printf("password: %s\n", pw);
	return CMD_EXIT_OK;
}

static int get_user(struct store *s, struct arena *ar, const char *name, struct store_user *u)
{
	int rc = store_user_get_auth(s, ar, name, u);

	if (rc == KFQ_ENOTFOUND)
		fprintf(stderr, "kfq user: no user named '%s'\n", name);
	else if (rc != KFQ_OK)
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
	return rc;
}

static int passwd(struct store *s, struct arena *ar, const struct args *a)
{
	struct store_user u;
	struct store_actor who;
	char pw[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_MAX];
	bool must_change;
	int rc;

	if (!a->username)
		return cmd_usage_error("user", "passwd needs a user name");
	if ((rc = get_password(a, pw, sizeof(pw), &must_change)) != CMD_EXIT_OK)
		return rc;
	if (get_user(s, ar, a->username, &u) != KFQ_OK)
		return CMD_EXIT_FAIL;
	if (password_hash(pw, hash) != KFQ_OK)
		return CMD_EXIT_FAIL;
	cmd_actor(&who);
	rc = store_user_set_password(s, &who, &user_json_audit, u.id, hash, must_change,
	                             "reset_password", NULL);
	if (rc != KFQ_OK) {
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
		return CMD_EXIT_FAIL;
	}
	printf("password of %s set%s\n", u.username,
	       must_change ? " (to be changed at next login)" : "");
	if (a->pw_generate)
		printf("password: %s\n", pw);
	return CMD_EXIT_OK;
}

static int list(struct store *s, struct arena *ar)
{
	struct store_user_filter f = {0};
	struct store_user *users;
	int64_t total;
	int n;

	f.now = time_now();
	if (store_user_list(s, ar, &f, &users, &n, &total) != KFQ_OK) {
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
		return CMD_EXIT_FAIL;
	}
	printf("%-5s %-20s %-11s %-8s %-14s %s\n", "id", "username", "role", "status",
	       "must_change", "organization");
	for (int i = 0; i < n; i++)
		printf("%-5lld %-20s %-11s %-8s %-14s %s\n", (long long)users[i].id,
		       users[i].username, users[i].role,
		       users[i].locked_until > f.now ? "locked" : "active",
		       users[i].must_change ? "yes" : "no", users[i].org_name);
	return CMD_EXIT_OK;
}

static int set_lock(struct store *s, struct arena *ar, const struct args *a, bool lock)
{
	struct store_user u;
	struct store_actor who;

	if (!a->username)
		return cmd_usage_error("user", "%s needs a user name", lock ? "lock" : "unlock");
	if (get_user(s, ar, a->username, &u) != KFQ_OK)
		return CMD_EXIT_FAIL;
	cmd_actor(&who);
	if (store_user_set_lock(s, &who, &user_json_audit, u.id,
	                        lock ? ACCOUNT_ADMIN_LOCK_UNTIL : 0,
	                        lock ? "lock" : "unlock") != KFQ_OK) {
		fprintf(stderr, "kfq user: %s\n", store_errmsg(s));
		return CMD_EXIT_FAIL;
	}
	printf("%s %s\n", lock ? "locked" : "unlocked", u.username);
	return CMD_EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
	struct cmd_options o;
	struct args a = {0};
	struct store *s;
	struct arena ar;
	const char *sub;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2)
		return cmd_usage_error("user", "expected add, passwd, list, lock or unlock");
	sub = argv[1];
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		const char *opt = argv[i];
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		const char **slot = !strcmp(opt, "--username")       ? &a.username
		                    : !strcmp(opt, "--org")          ? &a.org
		                    : !strcmp(opt, "--role")         ? &a.role
		                    : !strcmp(opt, "--display-name") ? &a.display
		                    : !strcmp(opt, "--scope")        ? &a.scope
		                                                     : NULL;
		if (slot) {
			if (i + 1 >= argc)
				return cmd_usage_error("user", "%s needs a value", opt);
			*slot = argv[++i];
		} else if (!strcmp(opt, "--password-stdin")) {
			a.pw_stdin = true;
		} else if (!strcmp(opt, "--generate-password")) {
			a.pw_generate = true;
		} else if (opt[0] != '-' && !a.username) {
			a.username = opt;
		} else {
			return cmd_usage_error("user", "unexpected argument '%s'", opt);
		}
	}
	if (strcmp(sub, "add") && strcmp(sub, "passwd") && strcmp(sub, "list") &&
	    strcmp(sub, "lock") && strcmp(sub, "unlock"))
		return cmd_usage_error("user", "unknown subcommand '%s'", sub);
	if (sodium_init() < 0)
		return CMD_EXIT_FAIL;
	if (cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	arena_init(&ar);
	if (!strcmp(sub, "add"))
		rc = add(s, &ar, &a);
	else if (!strcmp(sub, "passwd"))
		rc = passwd(s, &ar, &a);
	else if (!strcmp(sub, "list"))
		rc = list(s, &ar);
	else
		rc = set_lock(s, &ar, &a, !strcmp(sub, "lock"));
	arena_release(&ar);
	store_close(s);
	return rc;
}
