/* cmd_policy.c - `kfq policy parse FILE [--json]`: reads a policy text and prints its structure
 * as a readable tree or as JSON; `kfq policy import FILE`: turns it into reform tasks through
 * app/policy_import. Must not interpret the text itself (core/policy_parse does). */
#include "cmd/cmd.h"

#include "app/policy_import.h"
#include "core/enums.h"
#include "core/policy_parse.h"
#include "util/arena.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: kfq policy parse FILE [--json]\n"
    "       kfq policy import FILE [--dry-run] [--db PATH|URL] [--config FILE]\n"
    "       kfq policy diff OLD NEW [--json]\n"
    "\n"
    "Parses a policy text (政策文本) into its title, consultation notice, parts (一、),\n"
    "groups ((一)), articles (1., (一) or 第一条) and each article's lead units (牵头单位),\n"
    "responsible units (责任单位), scope (适用范围), deadline (完成时限) and where its units\n"
    "came from. FILE may be UTF-8, UTF-16 with a BOM or GB18030; '-' reads standard input.\n"
    "\n"
    "import also resolves the units to organizations and creates one reform task per article\n"
    "(an article without units is led by the 工作专班办公室 with every zone responsible), in\n"
    "one audited transaction; --dry-run shows what it would create.\n"
    "\n"
    "diff compares two versions article by article: articles added, removed, moved and\n"
    "changed, and in a changed article the characters deleted [-…-] and inserted {+…+}.\n"
    "\n"
    "  --json      print the structure (or the diff) as JSON instead of a summary\n"
    "  --dry-run   import: resolve and report, write nothing\n"
    "  -h, --help  print this help\n"
    "\n"
    "Exit status: 0 parsed (warnings are part of the output), 1 the file cannot be read\n"
    "or is not a text file, 2 bad usage.\n";

static void print_units(const char *label, const char *const *v, size_t n, int indent)
{
	printf("%*s%s：", indent, "", label);
	if (n == 0)
		fputs("（无）", stdout);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? "；" : "", v[i]);
	putchar('\n');
}

/* Where the units came from, and the scope and deadline when the article states them. */
static void print_article_extras(const struct policy_article *art, int indent)
{
	if (art->unit_source != POLICY_UNITS_NONE) {
		printf("%*s单位来源：%s", indent, "",
		       enum_label(&enum_unit_source, policy_unit_source_name(art->unit_source)));
		if (art->lead_rule_line)
			printf("（规则见第%d行）", art->lead_rule_line);
		putchar('\n');
	}
	if (art->scope)
		printf("%*s适用范围：%s\n", indent, "", art->scope);
	if (art->deadline)
		printf("%*s完成时限：%s%s%s%s\n", indent, "", art->deadline,
		       art->deadline_date ? "（" : "", art->deadline_date ? art->deadline_date : "",
		       art->deadline_date ? "）" : "");
}

static void print_notice(const struct policy_notice *nt)
{
	if (!nt->present)
		return;
	printf("征求意见公告（第%d行起）\n", nt->line);
	if (nt->heading)
		printf("  %s\n", nt->heading);
	printf("  发布单位：%s  日期：%s\n", nt->issuer ? nt->issuer : "（未注明）",
	       nt->date ? nt->date : "（未注明）");
	printf("  电子邮箱：%s  电话：%s\n", nt->email ? nt->email : "（未注明）",
	       nt->phone ? nt->phone : "（未注明）");
	printf("  意见反馈时间：%s 至 %s\n", nt->window_start ? nt->window_start : "（未注明）",
	       nt->window_end ? nt->window_end : "（未注明）");
}

/* Parts, groups and articles merged back into document order by their line numbers. */
static void print_tree(struct arena *a, const struct policy_doc *d)
{
	size_t ip = 0, ig = 0, ia = 0;

	for (;;) {
		int lp = ip < d->n_parts ? d->parts[ip].line : 0;
		int lg = ig < d->n_groups ? d->groups[ig].line : 0;
		int la = ia < d->n_articles ? d->articles[ia].line : 0;
		if (!lp && !lg && !la)
			break;
		if (lp && (!lg || lp < lg) && (!la || lp < la)) {
			const struct policy_part *p = &d->parts[ip++];
			if (p->section >= 0 &&
			    (ip == 1 || d->parts[ip - 2].section != p->section)) {
				const struct policy_section *s = &d->sections[p->section];
				printf("《%s》  （第%d行）\n",
				       s->title ? s->title : "（未找到标题）", s->line);
			}
			printf("%s、%s  （第%d行）\n", policy_cn_number(a, p->number), p->heading,
			       p->line);
		} else if (lg && (!la || lg < la)) {
			const struct policy_group *g = &d->groups[ig++];
			printf("%*s（%s）%s  （第%d行%s）\n", g->part >= 0 ? 2 : 0, "",
			       policy_cn_number(a, g->number), g->heading, g->line,
			       g->recovered ? "，编号已补" : "");
		} else {
			const struct policy_article *art = &d->articles[ia++];
			int indent = (art->part >= 0 ? 2 : 0) + (art->group >= 0 ? 2 : 0);
			printf("%*s%d. %s  （第%d行）\n", indent, "", art->number,
			       policy_article_caption(a, art, POLICY_CAPTION_CPS), art->line);
			print_units("牵头单位", art->lead_units, art->n_lead_units, indent + 3);
			print_units("责任单位", art->responsible_units, art->n_responsible_units,
			            indent + 3);
			print_units("指导单位", art->guide_units, art->n_guide_units, indent + 3);
			print_article_extras(art, indent + 3);
		}
	}
}

static void print_summary(struct arena *a, const struct policy_doc *d)
{
	printf("标题：%s", d->title ? d->title : "（未找到）");
	if (d->title_note)
		printf("（%s）", d->title_note);
	printf("\n编码：%s\n", d->encoding);
	if (d->doc_number)
		printf("文号：%s\n", d->doc_number);
	if (d->date)
		printf("日期：%s\n", d->date);
	print_notice(&d->notice);
	printf("部分 %zu 个，分组 %zu 个，条目 %zu 条\n\n", d->n_parts, d->n_groups, d->n_articles);
	print_tree(a, d);
	if (*d->closing)
		printf("\n文末：%s\n", d->closing);
	printf("\n警告（%zu 条）%s\n", d->n_warnings, d->n_warnings ? "：" : "");
	for (size_t i = 0; i < d->n_warnings; i++)
		printf("  第%d行：%s\n", d->warnings[i].line, d->warnings[i].message);
}

static int parse_cmd(int argc, char **argv)
{
	const char *path = NULL;
	bool json = false;
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	struct arena a;
	struct policy_doc d;
	int rc = CMD_EXIT_USAGE;

	arena_init(&a);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "kfq policy parse: unknown option '%s'\n%s", argv[i],
			        usage);
			goto fail;
		} else if (path) {
			fprintf(stderr, "kfq policy parse: only one FILE, got '%s' too\n", argv[i]);
			goto fail;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		fprintf(stderr, "kfq policy parse: FILE missing\n%s", usage);
		goto fail;
	}
	rc = CMD_EXIT_FAIL;
	if (cmd_read_file(path, &in) == KFQ_EIO) {
		fprintf(stderr, "kfq policy parse: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	if (policy_parse(in.buf, in.len, &a, &d) != KFQ_OK) {
		fprintf(stderr, "kfq policy parse: %s: %s\n", path, d.error);
		goto fail;
	}
	if (json) {
		struct jsonw w;
		jsonw_init(&w, &out);
		policy_doc_to_json(&d, &w);
		strbuf_addch(&out, '\n');
		if (fwrite(out.buf, 1, out.len, stdout) != out.len)
			goto fail;
	} else {
		print_summary(&a, &d);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "kfq policy parse: cannot write output: %s\n", strerror(errno));
		goto fail;
	}
	rc = CMD_EXIT_OK;
fail:
	strbuf_release(&in);
	strbuf_release(&out);
	arena_release(&a);
	return rc;
}

static int import_cmd(int argc, char **argv)
{
	struct cmd_options o;
	struct policy_import_result r;
	struct store_actor who;
	struct strbuf in = STRBUF_INIT;
	struct store *s = NULL;
	struct arena a;
	const char *path = NULL;
	bool dry_run = false;
	int rc = CMD_EXIT_USAGE;

	arena_init(&a);
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int x = cmd_options_common(&o, argc, argv, &i);
		if (x < 0)
			goto cleanup;
		if (x > 0)
			continue;
		if (!strcmp(argv[i], "--dry-run"))
			dry_run = true;
		else if (argv[i][0] == '-' && argv[i][1])
			goto usage_error;
		else if (path)
			goto usage_error;
		else
			path = argv[i];
	}
	if (!path)
		goto usage_error;
	rc = CMD_EXIT_FAIL;
	if (cmd_read_file(path, &in) == KFQ_EIO) {
		fprintf(stderr, "kfq policy import: %s: %s\n", path, strerror(errno));
		goto cleanup;
	}
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		goto cleanup;
	cmd_actor(&who);
	if (policy_import(s, &a, &who, in.buf, in.len, dry_run, &r) != KFQ_OK) {
		fprintf(stderr, "kfq policy import: %s: %s\n", path,
		        r.status == POLICY_IMPORT_STORE ? store_errmsg(s) : r.message);
		goto cleanup;
	}
	printf("%s%s: %zu tasks\n", dry_run ? "would import " : "imported ", r.policy.title,
	       r.tasks.n_tasks);
	for (size_t i = 0; i < r.doc.n_warnings; i++)
		printf("  第%d行：%s\n", r.doc.warnings[i].line, r.doc.warnings[i].message);
	for (size_t i = 0; i < r.tasks.n_warnings; i++)
		printf("  第%d行：%s\n", r.tasks.warnings[i].line, r.tasks.warnings[i].message);
	rc = CMD_EXIT_OK;
	goto cleanup;
usage_error:
	rc = cmd_usage_error("policy", "import FILE [--dry-run] [--db PATH|URL]");
cleanup:
	store_close(s);
	strbuf_release(&in);
	arena_release(&a);
	return rc;
}

int cmd_policy(int argc, char **argv)
{
	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2) {
		fputs(usage, stderr);
		return CMD_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "import"))
		return import_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[1], "diff"))
		return cmd_policy_diff(argc - 1, argv + 1);
	if (strcmp(argv[1], "parse")) {
		fprintf(stderr, "kfq policy: unknown subcommand '%s'\n%s", argv[1], usage);
		return CMD_EXIT_USAGE;
	}
	return parse_cmd(argc - 1, argv + 1);
}
