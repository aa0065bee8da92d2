/* cmd_catalog.c - `kfq catalog import FILE` loads an office's own official industry
 * classification (GB/T 4754) in place of the one kfq ships; `kfq catalog show` says which is in
 * force and how many categories it has per level. */
#include "cmd/cmd.h"

#include "app/industry_catalog.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq catalog import [--db PATH|URL] [--config FILE] FILE\n"
    "       kfq catalog show   [--db PATH|URL] [--config FILE]\n\n"
    "import reads an industry classification (GB/T 4754 国民经济行业分类) in UTF-8, UTF-16 or\n"
    "GB18030: either kfq's layout (code TAB name per line, as data/catalog/gbt4754-2017.tsv) or\n"
    "the standard's table saved as CSV (门类,大类,中类,小类,类别名称[,说明]), in the standard's\n"
    "order. It replaces the classification in force, in one audited transaction; it is refused\n"
    "while a registered enterprise's code would not be one of its four-digit 小类.\n";

static void print_counts(const size_t *per_level)
{
	printf("门类 %zu, 大类 %zu, 中类 %zu, 小类 %zu\n", per_level[INDUSTRY_SECTION],
	       per_level[INDUSTRY_DIVISION], per_level[INDUSTRY_GROUP], per_level[INDUSTRY_CLASS]);
}

static int import(struct store *s, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct industry_catalog_result r;
	struct store_actor who;
	struct arena a;
	const char *base = strrchr(path, '/');
	int rc, exit = CMD_EXIT_FAIL;

	arena_init(&a);
	if ((rc = cmd_read_file(path, &sb)) != KFQ_OK) {
		fprintf(stderr, "kfq catalog import: cannot read %s%s\n", path,
		        rc == KFQ_EINVAL ? " (larger than 8 MiB)" : "");
		goto cleanup;
	}
	cmd_actor(&who);
	rc = industry_catalog_import(s, &a, &who, sb.buf, sb.len, base ? base + 1 : path, &r);
	if (rc == KFQ_OK) {
		printf("loaded %s (sha256 %s): ", path, r.sha256);
		print_counts(r.per_level);
		exit = CMD_EXIT_OK;
	} else if (r.status == INDUSTRY_CATALOG_STORE) {
		fprintf(stderr, "kfq catalog import: %s\n", store_errmsg(s));
	} else {
		fprintf(stderr, "kfq catalog import: %s: %s\n", path, r.message);
	}
cleanup:
	strbuf_release(&sb);
	arena_release(&a);
	return exit;
}

static int show(struct store *s)
{
	const struct industry_catalog *c;
	struct arena a;
	bool loaded;
	int exit = CMD_EXIT_OK;

	arena_init(&a);
	if (industry_catalog_in_force(s, &a, &c, &loaded) != KFQ_OK) {
		fprintf(stderr, "kfq catalog show: %s\n", store_errmsg(s));
		exit = CMD_EXIT_FAIL;
	} else {
		printf("%s: ", loaded ? "loaded by an office (kfq catalog import)"
		                      : "shipped with kfq (GB/T 4754-2017, Amendment No. 1)");
		print_counts(c->per_level);
	}
	arena_release(&a);
	return exit;
}

int cmd_catalog(int argc, char **argv)
{
	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	return cmd_import_or_read("catalog", "show", argc, argv, import, show);
}
