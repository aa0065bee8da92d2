/* cmd_org.c - `kfq org import FILE` and `kfq org list`. The import is one transaction: a bad
 * line leaves the database as it was. */
#include "cmd/cmd.h"

#include "app/org_json.h"
#include "core/org_import.h"
#include "store/store_org.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq org import [--db PATH|URL] [--config FILE] FILE\n"
    "       kfq org list   [--db PATH|URL] [--config FILE]\n\n"
    "import reads a UTF-8 tab-separated file, one organization a line:\n"
    "  name  type  parent-name  zone-level  aliases(a|b|c)  sample(1/0)\n"
    "type: city_department county zone platform_company supervisory_body;\n"
    "zone-level (zones only): national provincial municipal. Existing names are skipped.\n";

static int import(struct store *s, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct org_import in;
	struct store_actor who;
	struct arena a;
	const char *problem;
	int created, skipped, line, rc, exit = CMD_EXIT_FAIL;

	arena_init(&a);
	rc = cmd_read_file(path, &sb);
	if (rc != KFQ_OK) {
		fprintf(stderr, "kfq org import: cannot read %s%s\n", path,
		        rc == KFQ_EINVAL ? " (larger than 8 MiB)" : "");
		goto cleanup;
	}
	if (org_import_parse(sb.buf, sb.len, &a, &in) != 0) {
		fprintf(stderr, "kfq org import: %s: %s\n", path, in.error);
		goto cleanup;
	}
	cmd_actor(&who);
	rc = store_org_import(s, &who, &org_json_audit, &in, &created, &skipped, &line, &problem);
	if (rc == KFQ_ECONSTRAINT && problem)
		fprintf(stderr,
		        "kfq org import: %s: 第%d行：上级机构“%s”不存在（须在前面的行或库中）\n",
		        path, line, problem);
	else if (rc == KFQ_ECONFLICT && problem)
		fprintf(stderr, "kfq org import: %s: 第%d行：“%s”已被其他机构用作名称或别名\n",
		        path, line, problem);
	else if (rc != KFQ_OK)
		fprintf(stderr, "kfq org import: %s: 第%d行：%s\n", path, line, store_errmsg(s));
	else {
		printf("imported %d organization(s), %d already present\n", created, skipped);
		exit = CMD_EXIT_OK;
	}
cleanup:
	strbuf_release(&sb);
	arena_release(&a);
	return exit;
}

static int list(struct store *s)
{
	struct store_org_filter f = {0};
	struct store_org *orgs;
	struct arena a;
	int n;

	arena_init(&a);
	if (store_org_list(s, &a, &f, &orgs, &n) != KFQ_OK) {
		fprintf(stderr, "kfq org list: %s\n", store_errmsg(s));
		arena_release(&a);
		return CMD_EXIT_FAIL;
	}
	for (int i = 0; i < n; i++) {
		printf("%lld\t%s\t%s\t%s", (long long)orgs[i].id, orgs[i].name, orgs[i].type,
		       orgs[i].level ? orgs[i].level : "-");
		for (int k = 0; k < orgs[i].naliases; k++)
			printf("%s%s", k ? "|" : "\t", orgs[i].aliases[k]);
		putchar('\n');
	}
	arena_release(&a);
	return CMD_EXIT_OK;
}

int cmd_org(int argc, char **argv)
{
	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	return cmd_import_or_read("org", "list", argc, argv, import, list);
}
