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

static int add_expect(const char *hash, struct cmd_checkpoints *e)
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
	cp = cmd_checkpoints_add(e);
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
	struct cmd_checkpoints e = {0};
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
			if (cmd_read_checkpoints("audit verify", argv[++i], false, &e) != KFQ_OK)
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
