/* cmd_import.c - `kfq import KIND FILE`: the same import as the web page's, for files past the
 * upload cap and for scripts; `kfq import template KIND OUT.xlsx` writes a kind's template.
 * A one-time download the import leaves (the users import's first passwords) is written at
 * once to --secret-out (default KIND-import-ID.xlsx in the current directory), mode 0600. */
#include "cmd/cmd.h"
#include "store/store_people.h"

#include "app/import_json.h"
#include "app/import.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: kfq import KIND FILE [--db PATH|URL] [--config FILE] [--secret-out FILE] [--json]\n"
    "       kfq import template KIND OUT.xlsx\n\n"
    "Imports FILE (.xlsx, or CSV in UTF-8 or GBK) as KIND, all rows or none: every bad row is\n"
    "listed with its row number, column and reason. The same file twice changes nothing.\n"
    "--json prints the result as the HTTP API answers it. Kinds: users, enterprises, taxes,\n"
    "budget-lines, platform-sheets.\n";

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int template_cmd(int argc, char **argv)
{
	const struct import_kind *k;
	char buf[65536];
	uint64_t size;
	int in, out, rc = CMD_EXIT_FAIL;
	ssize_t n;

	if (argc != 3)
		return cmd_usage_error("import", "template KIND OUT.xlsx");
	if (!(k = import_kind_find(argv[1])))
		return cmd_usage_error("import", "unknown kind '%s'", argv[1]);
	if (import_template(k, &in, &size) != KFQ_OK) {
		fprintf(stderr, "kfq import: cannot make the template\n");
		return CMD_EXIT_FAIL;
	}
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0)
		goto done;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write_all(out, buf, (size_t)n) != 0)
			break;
	if (n == 0 && close(out) == 0)
		rc = CMD_EXIT_OK;
	else if (n != 0)
		close(out);
done:
	if (rc != CMD_EXIT_OK)
		fprintf(stderr, "kfq import: %s: %s\n", argv[2], strerror(errno));
	close(in);
	return rc;
}

/* Takes the one-time download at once and writes it to path (mode 0600). */
static int save_secret(struct store *s, struct arena *a, const struct store_actor *who,
                       const struct import_kind *k, const struct import_result *r, const char *path)
{
	char name[256];
	void *bytes;
	size_t len;
	int fd;

	if (!path) {
		snprintf(name, sizeof(name), "%s-import-%lld.xlsx", k->name,
		         (long long)r->batch_id);
		path = name;
	}
	if (import_secret_take(s, a, who, r->batch_id, r->secret_token, (int64_t)time(NULL), &bytes,
	                       &len) != KFQ_OK) {
		fprintf(stderr, "kfq import: cannot read back the generated file: %s\n",
		        store_errmsg(s));
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, bytes, len) != 0 || close(fd) != 0) {
		fprintf(stderr, "kfq import: %s: %s\n", path, strerror(errno));
		sodium_memzero(bytes, len);
		return -1;
	}
	sodium_memzero(bytes, len);
	printf(
	    "%lld generated passwords written to %s (mode 0600): hand them out, then delete it\n",
	    (long long)r->secret_rows, path);
	return 0;
}

int cmd_import(int argc, char **argv)
{
	struct cmd_options o;
	struct import_request req = {0};
	struct import_result r;
	struct store_actor who;
	struct store *s = NULL;
	struct arena a;
	const char *kind = NULL, *path = NULL, *secret_out = NULL;
	char dir[4096];
	bool json = false;
	int rc = CMD_EXIT_USAGE, fd = -1, key_rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc >= 2 && !strcmp(argv[1], "template"))
		return template_cmd(argc - 1, argv + 1);
	arena_init(&a);
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int x = cmd_options_common(&o, argc, argv, &i);
		if (x < 0)
			goto cleanup;
		if (x > 0)
			continue;
		if (!strcmp(argv[i], "--secret-out") && i + 1 < argc)
			secret_out = argv[++i];
		else if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-')
			goto usage_error;
		else if (!kind)
			kind = argv[i];
		else if (!path)
			path = argv[i];
		else
			goto usage_error;
	}
	if (!kind || !path)
		goto usage_error;
	if (!(req.kind = import_kind_find(kind))) {
		rc = cmd_usage_error("import", "unknown kind '%s'", kind);
		goto cleanup;
	}
	rc = CMD_EXIT_FAIL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "kfq import: %s: %s\n", path, strerror(errno));
		goto cleanup;
	}
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		goto cleanup;
	/* without its key only the roster is refused (import_people), not the other kinds */
	key_rc = cmd_personal_setup(&o, s);
	if (key_rc != KFQ_OK && key_rc != KFQ_ENOTFOUND)
		goto cleanup;
	cmd_actor(&who);
	req.fd = fd;
	const char *slash = strrchr(path, '/');
	req.filename = slash ? slash + 1 : path;
	req.data_dir = cmd_data_dir(&o, dir, sizeof(dir));
	req.who = &who;
	if (import_run(s, &a, &req, &r) != KFQ_OK) {
		fprintf(stderr, "kfq import: %s: %s\n", path, store_errmsg(s));
		goto cleanup;
	}
	if (json) {
		struct strbuf sb = STRBUF_INIT;
		struct jsonw w;
		jsonw_init(&w, &sb);
		import_result_write_json(&w, req.kind, &r);
		puts(sb.buf);
		strbuf_release(&sb);
	} else if (r.outcome == IMPORT_UNCHANGED) {
		printf("unchanged: this file was imported before (import %lld); nothing written\n",
		       (long long)r.previous_id);
	} else if (r.outcome == IMPORT_IMPORTED) {
		printf("imported %lld row(s) of %s (import %lld, sha256 %s)\n", (long long)r.rows,
		       req.kind->name, (long long)r.batch_id, r.sha256);
	}
	if (r.outcome == IMPORT_REJECTED) {
		fprintf(stderr,
		        "kfq import: %s: %lld problem(s) in %lld row(s); nothing imported\n", path,
		        (long long)r.problems.total, (long long)r.problems.bad_rows);
		for (int i = 0; i < r.problems.n; i++) {
			const struct import_problem *p = &r.problems.items[i];
			fprintf(stderr, "  第%lld行%s%s%s：%s\n", (long long)p->row,
			        p->column ? "「" : "", p->column ? p->column : "",
			        p->column ? "」" : "", p->message);
		}
		goto cleanup;
	}
	if (r.secret_token && save_secret(s, &a, &who, req.kind, &r, secret_out) != 0)
		goto cleanup;
	rc = CMD_EXIT_OK;
	goto cleanup;
usage_error:
	rc = cmd_usage_error("import", "KIND FILE [--db PATH|URL] [--secret-out FILE] [--json]");
cleanup:
	if (fd >= 0)
		close(fd);
	store_close(s);
	arena_release(&a);
	return rc;
}
