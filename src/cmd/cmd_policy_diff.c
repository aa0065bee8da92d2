/* cmd_policy_diff.c - `kfq policy diff OLD NEW [--json]`: the article-by-article diff of two
 * versions of a policy text, as a readable list (deleted characters in [-…-], inserted ones in
 * {+…+}) or as the JSON the web app gets. Must not compare anything itself (core/policy_diff). */
#include "cmd/cmd.h"

#include "app/policy_diff_json.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const status_label[] = {
    [POLICY_DIFF_UNCHANGED] = "未变",
    [POLICY_DIFF_CHANGED] = "修改",
    [POLICY_DIFF_ADDED] = "新增",
    [POLICY_DIFF_REMOVED] = "删除",
};

static void print_entry(const struct policy_diff_entry *e)
{
	const struct policy_diff_article *o = e->old, *n = e->new_;

	if (o && n && o->number != n->number)
		printf("第%d条 → 第%d条", o->number, n->number);
	else
		printf("第%d条", n ? n->number : o->number);
	printf(" %s  %s%s", (n ? n : o)->caption, status_label[e->status],
	       e->moved ? "，移动" : "");
	if (e->status == POLICY_DIFF_CHANGED)
		printf("（相似度 %d.%02d%%）", e->similarity_bp / 100, e->similarity_bp % 100);
	putchar('\n');
	if (e->status != POLICY_DIFF_CHANGED)
		return;
	fputs("    ", stdout);
	for (size_t k = 0; k < e->n_segs; k++) {
		const struct policy_diff_segment *s = &e->segs[k];
		const char *open = s->op == POLICY_DIFF_DELETE   ? "[-"
		                   : s->op == POLICY_DIFF_INSERT ? "{+"
		                                                 : "";
		const char *close = s->op == POLICY_DIFF_DELETE   ? "-]"
		                    : s->op == POLICY_DIFF_INSERT ? "+}"
		                                                  : "";
		printf("%s%.*s%s", open, (int)s->len, s->text, close);
	}
	putchar('\n');
}

static void print_diff(const struct policy_diff *d)
{
	printf("新增 %zu 条，删除 %zu 条，修改 %zu 条，未变 %zu 条，其中移动 %zu 条\n\n",
	       d->n_added, d->n_removed, d->n_changed, d->n_unchanged, d->n_moved);
	for (size_t i = 0; i < d->n_entries; i++)
		print_entry(&d->entries[i]);
}

int cmd_policy_diff(int argc, char **argv)
{
	const char *path[2] = {NULL, NULL}, *error = NULL;
	struct strbuf in[2] = {STRBUF_INIT, STRBUF_INIT}, out = STRBUF_INIT;
	struct policy_diff d;
	struct arena a;
	bool json = false;
	int np = 0, which = 0, rc = CMD_EXIT_USAGE;

	arena_init(&a);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if ((argv[i][0] == '-' && argv[i][1]) || np == 2)
			goto usage_error;
		else
			path[np++] = argv[i];
	}
	if (np != 2)
		goto usage_error;
	rc = CMD_EXIT_FAIL;
	for (int k = 0; k < 2; k++) {
		if (cmd_read_file(path[k], &in[k]) != KFQ_OK) {
			fprintf(stderr, "kfq policy diff: %s: %s\n", path[k],
			        errno ? strerror(errno) : "too large");
			goto cleanup;
		}
	}
	if (policy_diff_texts(&a, in[0].buf, in[0].len, in[1].buf, in[1].len, &d, &error, &which) !=
	    KFQ_OK) {
		fprintf(stderr, "kfq policy diff: %s: %s\n", path[which], error);
		goto cleanup;
	}
	if (json) {
		struct jsonw w;
		jsonw_init(&w, &out);
		policy_diff_json(&w, &d);
		strbuf_addch(&out, '\n');
		if (fwrite(out.buf, 1, out.len, stdout) != out.len)
			goto cleanup;
	} else {
		print_diff(&d);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "kfq policy diff: cannot write output: %s\n", strerror(errno));
		goto cleanup;
	}
	rc = CMD_EXIT_OK;
	goto cleanup;
usage_error:
	rc = cmd_usage_error("policy", "diff OLD NEW [--json]");
cleanup:
	strbuf_release(&in[0]);
	strbuf_release(&in[1]);
	strbuf_release(&out);
	arena_release(&a);
	return rc;
}
