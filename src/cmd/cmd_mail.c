/* cmd_mail.c - `kfq mail parse FILE`: reads an .eml file or an mbox export message by message
 * and prints each as JSON (one array, written as the messages come, so that a large mailbox is
 * never held whole), with the duplicates a second copy of a Message-ID would make marked.
 * Must not read mail itself (util/mail.c does). */
#include "cmd/cmd.h"

#include "app/mail_json.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: kfq mail parse FILE\n"
    "\n"
    "Reads an e-mail (.eml) or an mbox export of a mailbox and prints its messages as a JSON\n"
    "array: sender, date, Message-ID, subject and text (GBK, GB18030 and UTF-8, base64 and\n"
    "quoted-printable, encoded-word subjects; an HTML-only body as text), each attachment's\n"
    "name, type, size and SHA-256, and warnings. It shows what an import into a consultation\n"
    "would store: the comment's text, which attachments are kept as evidence (PDF, images,\n"
    "Office/WPS, OFD, checked by content; others are recorded by name, size and hash), and a\n"
    "message whose Message-ID came earlier in the file as \"duplicate\": true (stored once).\n"
    "'-' reads standard input.\n"
    "\n"
    "Exit status: 0 read, 1 the file cannot be read or holds no mail, 2 bad usage.\n";

/* The dedupe keys seen so far, to mark a repeated message. */
struct seen {
	char **keys;
	size_t n, cap;
};

static bool seen_add(struct seen *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->keys[i], key))
			return false;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->keys = xrealloc(s->keys, s->cap * sizeof(*s->keys));
	}
	s->keys[s->n++] = xstrdup(key);
	return true;
}

static void seen_release(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->keys[i]);
	free(s->keys);
}

static int parse_cmd(const char *path)
{
	struct mail_reader *r = NULL;
	struct seen seen = {0};
	struct strbuf out = STRBUF_INIT;
	struct arena a;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	int rc = CMD_EXIT_FAIL, got;
	size_t n = 0;

	arena_init(&a);
	if (fd < 0) {
		fprintf(stderr, "kfq mail parse: %s: %s\n", path, strerror(errno));
		goto cleanup;
	}
	if (mail_reader_open_fd(fd, NULL, &r) != KFQ_OK) {
		fprintf(stderr, "kfq mail parse: %s: cannot read\n", path);
		goto cleanup;
	}
	for (;;) {
		struct mail_message m;
		struct mail_comment cm;
		struct jsonw w;
		arena_release(&a);
		if ((got = mail_reader_next(r, &a, &m)) != KFQ_OK)
			break;
		strbuf_reset(&out);
		strbuf_addstr(&out, n++ ? ",\n" : "[\n");
		jsonw_init(&w, &out);
		mail_comment_from(&a, &m, &cm);
		mail_json_message(&w, &m, &cm, !seen_add(&seen, m.dedupe_key));
		if (fwrite(out.buf, 1, out.len, stdout) != out.len)
			goto cleanup;
	}
	if (got == KFQ_EINVAL) {
		fprintf(stderr, "kfq mail parse: %s: %s\n", path, mail_reader_error(r));
		goto cleanup;
	}
	fputs(n ? "\n]\n" : "[]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "kfq mail parse: cannot write output: %s\n", strerror(errno));
		goto cleanup;
	}
	rc = CMD_EXIT_OK;
cleanup:
	mail_reader_free(r);
	if (fd > STDIN_FILENO)
		close(fd);
	seen_release(&seen);
	strbuf_release(&out);
	arena_release(&a);
	return rc;
}

int cmd_mail(int argc, char **argv)
{
	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc != 3 || strcmp(argv[1], "parse") != 0) {
		fputs(usage, stderr);
		return CMD_EXIT_USAGE;
	}
	return parse_cmd(argv[2]);
}
