/* cmd_audit.c - `kfq audit verify`: checks the whole hash chain and its head, and holds it to
 * checkpoints kept outside the database (--checkpoint FILE, --expect HASH). */
#include "cmd/cmd.h"

#include "core/audit_checkpoint.h"
#include "store/store_audit.h"
#include "util/log.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: kfq audit verify [--checkpoint FILE]... [--expect HASH]... [--db PATH|URL]\n"
    "                        [--config FILE]\n\n"
    "Recomputes every audit record's hash and checks the chain and its head. Prints the\n"
    "record count and the head hash; exits 1 and names the first broken record when the log\n"
    "was tampered with.\n\n"
    "A chain can be cut at its newest records and its head rewritten to match; only a head\n"
    "kept elsewhere shows that. With them, verify also checks that the log still holds:\n"
    "  --checkpoint FILE  every checkpoint line in FILE (the file kfq serve writes beside the\n"
    "                     database, or its log / journal output): record N with hash H\n"
    "  --expect HASH      a record with this hash (a head printed by an earlier verify)\n";

struct expected {
	struct audit_checkpoint *v;
	size_t n, cap;
};

static struct audit_checkpoint *add(struct expected *e)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = xrealloc(e->v, e->cap * sizeof(*e->v));
	}
	return &e->v[e->n++];
}

/* Every checkpoint line of path; a damaged one, or none at all, is an error. */
static int read_checkpoints(const char *path, struct expected *e)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0, before = e->n;
	ssize_t len;
	int rc = KFQ_OK;

	if (!f) {
		fprintf(stderr, "kfq audit verify: cannot read %s\n", path);
		return KFQ_EIO;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct audit_checkpoint cp;
		lineno++;
		int r = audit_checkpoint_parse(line, (size_t)len, &cp);
		if (r < 0) {
			fprintf(stderr,
			        "kfq audit verify: %s:%zu: not a well-formed audit checkpoint\n",
			        path, lineno);
			rc = KFQ_EINVAL;
			break;
		}
		if (r > 0)
			*add(e) = cp;
	}
	if (rc == KFQ_OK && ferror(f)) {
		fprintf(stderr, "kfq audit verify: cannot read %s\n", path);
		rc = KFQ_EIO;
	}
	if (rc == KFQ_OK && e->n == before) {
		fprintf(stderr, "kfq audit verify: %s holds no audit checkpoint\n", path);
		rc = KFQ_EINVAL;
	}
	free(line);
	fclose(f);
	return rc;
}

static int add_expect(const char *hash, struct expected *e)
{
	struct audit_checkpoint *cp;
	char lower[AUDIT_HASH_HEX];
	size_t n = strlen(hash);

	if (n != AUDIT_HASH_HEX - 1)
		return KFQ_EINVAL;
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)hash[i]);
	if (!audit_hash_valid(lower))
		return KFQ_EINVAL;
	cp = add(e);
	memset(cp, 0, sizeof(*cp));
	memcpy(cp->hash, lower, sizeof(lower));
	return KFQ_OK;
}

static void report(const struct audit_verify *v)
{
	const struct audit_checkpoint *cp = v->cp_failed, *newest = NULL;

	if (v->broken_seq) {
		printf("BROKEN at record %lld: %s\n", (long long)v->broken_seq, v->reason);
		printf("records verified before the break: %lld\n", (long long)v->count);
		return;
	}
	if (cp) {
		if (cp->seq)
			printf("CHECKPOINT FAILED at record %lld (hash %s%s%s): %s\n",
			       (long long)cp->seq, cp->hash, *cp->time ? ", taken " : "", cp->time,
			       v->cp_reason);
		else
			printf("CHECKPOINT FAILED (hash %s): %s\n", cp->hash, v->cp_reason);
		printf("the log now: %lld records, head %s\n", (long long)v->count, v->head);
		return;
	}
	printf("OK: %lld records, head %s\n", (long long)v->count, v->head);
	if (!v->ncps)
		return;
	for (size_t i = 0; i < v->ncps; i++)
		if (!newest || v->cps[i].seq >= newest->seq)
			newest = &v->cps[i];
	if (newest->seq)
		printf("checkpoints: %zu held (the newest: record %lld%s%s)\n", v->ncps,
		       (long long)newest->seq, *newest->time ? ", taken " : "", newest->time);
	else
		printf("checkpoints: %zu held\n", v->ncps);
}

int cmd_audit(int argc, char **argv)
{
	struct cmd_options o;
	struct audit_verify v;
	struct expected e = {0};
	struct store *s = NULL;
	int rc, status = CMD_EXIT_FAIL;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return cmd_usage_error("audit", "expected 'verify'");
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0) {
			status = CMD_EXIT_USAGE;
			goto cleanup;
		}
		if (r > 0)
			continue;
		if (i + 1 < argc && !strcmp(argv[i], "--checkpoint")) {
			if (read_checkpoints(argv[++i], &e) != KFQ_OK)
				goto cleanup;
		} else if (i + 1 < argc && !strcmp(argv[i], "--expect")) {
			if (add_expect(argv[++i], &e) != KFQ_OK) {
				status = cmd_usage_error("audit",
				                         "--expect needs a hash of 64 hex digits");
				goto cleanup;
			}
		} else {
			status =
			    cmd_usage_error("audit", "unknown or incomplete option '%s'", argv[i]);
			goto cleanup;
		}
	}
	if (cmd_open_db_as_is(&o, &s) != KFQ_OK)
		goto cleanup;
	audit_verify_init(&v);
	audit_verify_expect(&v, e.v, e.n);
	rc = store_audit_verify(s, &v);
	if (rc != KFQ_OK) {
		fprintf(stderr, "kfq audit verify: %s\n", store_errmsg(s));
		goto cleanup;
	}
	report(&v);
	if (!v.broken_seq && !v.cp_failed)
		status = CMD_EXIT_OK;
cleanup:
	store_close(s);
	free(e.v);
	return status;
}
