/* cmd_restore.c - `kfq restore BACKUP`: brings a backup made by kfq backup into a new database
 * and the evidence directory, then proves it: the audit chain verifies and ends at the head the
 * backup recorded, and every evidence file the database refers to hashes to its name. Never
 * writes over an existing database. */
#include "cmd/cmd.h"

#include "store/store_audit.h"
#include "store/store_backup.h"
#include "util/blobstore.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: kfq restore BACKUP [--db PATH|URL] [--data-dir DIR] [--config FILE]\n\n"
    "Restores a backup written by kfq backup into the database --db (or db of the config\n"
    "file) and the evidence directory --data-dir (or data_dir; default files/ beside a SQLite\n"
    "database):\n"
    "  SQLite      BACKUP/kfq.db is copied to the --db path, which must not exist (move the\n"
    "              old database and its -wal/-shm files aside first, the server stopped)\n"
    "  PostgreSQL  BACKUP/kfq.dump is loaded by pg_restore, in one transaction, into the --db\n"
    "              database, which must be new and empty (createdb); pg_restore must be on\n"
    "              PATH\n"
    "Then the evidence files are copied, and everything is checked: the audit chain must\n"
    "verify and end at the head in BACKUP/checkpoint.log, and every evidence file the\n"
    "database refers to must hash to its name. Exits 1 naming what failed; a SQLite database\n"
    "that fails is not put in place.\n";

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = KFQ_EIO;
	ssize_t n;

	if (in < 0)
		return KFQ_EIO;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		goto cleanup;
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto cleanup;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				goto cleanup;
			done += w;
		}
	}
	if (fsync(out) == 0)
		rc = KFQ_OK;
cleanup:
	if (out >= 0 && close(out) != 0)
		rc = KFQ_EIO;
	close(in);
	return rc;
}

/* The restored database proves itself: its chain verifies and ends where the backup's did,
 * and every evidence file it refers to is copied into data_dir and checks. */
/* Takes blob hex, which this restore copied, out of dir again (and its directory, if empty). */
static void uncopy(const char *dir, const char *hex)
{
	char path[PATH_MAX];

	cmd_path(path, sizeof(path), "%s/%.2s/%s", dir, hex, hex);
	unlink(path);
	cmd_path(path, sizeof(path), "%s/%.2s", dir, hex);
	rmdir(path);
}

static int check(struct store *s, const char *backup, const char *data_dir,
                 struct cmd_checkpoints *head)
{
	struct audit_verify v;
	struct store_blob *blobs;
	struct arena a;
	char files[PATH_MAX];
	bool *copied;
	size_t n;
	int64_t want = head->n ? head->v[0].seq : 0;
	int rc;

	audit_verify_init(&v);
	audit_verify_expect(&v, head->v, head->n);
	if ((rc = store_audit_verify(s, &v)) != KFQ_OK) {
		fprintf(stderr, "kfq restore: %s\n", store_errmsg(s));
		return rc;
	}
	if (v.broken_seq || v.cp_failed || v.count != want) {
		fprintf(stderr, "kfq restore: the restored audit log does not verify: %s\n",
		        v.broken_seq  ? v.reason
		        : v.cp_failed ? v.cp_reason
		                      : "it holds other records than the backup recorded");
		return KFQ_EINVAL;
	}
	arena_init(&a);
	if ((rc = store_backup_blobs(s, &a, &blobs, &n)) != KFQ_OK) {
		fprintf(stderr, "kfq restore: %s\n", store_errmsg(s));
		goto cleanup;
	}
	cmd_path(files, sizeof(files), "%s/files", backup);
	copied = arena_alloc(&a, (n + 1) * sizeof(*copied));
	for (size_t i = 0; i < n; i++) {
		copied[i] = blob_check(data_dir, blobs[i].sha256, (uint64_t)blobs[i].size) != 0;
		if (blob_copy(files, data_dir, blobs[i].sha256, (uint64_t)blobs[i].size) == 0)
			continue;
		fprintf(stderr, "kfq restore: evidence file %s: %s\n", blobs[i].sha256,
		        errno == ENOENT ? "missing from the backup"
		        : errno == EBADMSG
		            ? "damaged in the backup (its content does not match its hash)"
		            : strerror(errno));
		/* the evidence directory as it was: none of the files this restore brought stay */
		while (i-- > 0)
			if (copied[i])
				uncopy(data_dir, blobs[i].sha256);
		rc = KFQ_EIO;
		goto cleanup;
	}
	printf("restored %lld audit records (head %s, as backed up) and %zu evidence files into "
	       "%s\n",
	       (long long)v.count, v.head, n, data_dir);
cleanup:
	arena_release(&a);
	return rc;
}

static void remove_db(const char *path)
{
	char side[PATH_MAX];

	unlink(path);
	cmd_path(side, sizeof(side), "%s-wal", path);
	unlink(side);
	cmd_path(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int restore_sqlite(const char *backup, const char *db, const char *data_dir,
                          struct cmd_checkpoints *head)
{
	char from[PATH_MAX], tmp[PATH_MAX], side[PATH_MAX], err[600];
	struct store *s = NULL;
	int rc;

	cmd_path(side, sizeof(side), "%s-wal", db);
	if (exists(db) || exists(side)) {
		fprintf(stderr,
		        "kfq restore: %s exists; move it (and its -wal, -shm) aside first\n", db);
		return KFQ_EINVAL;
	}
	cmd_path(from, sizeof(from), "%s/kfq.db", backup);
	cmd_path(tmp, sizeof(tmp), "%s.restoring", db);
	remove_db(tmp); /* what an interrupted restore left */
	if (copy_file(from, tmp) != KFQ_OK) {
		fprintf(stderr, "kfq restore: cannot copy %s to %s: %s\n", from, tmp,
		        strerror(errno));
		remove_db(tmp);
		return KFQ_EIO;
	}
	if ((rc = store_open(tmp, &s, err, sizeof(err))) != KFQ_OK)
		fprintf(stderr, "kfq restore: %s\n", err);
	else
		rc = check(s, backup, data_dir, head);
	store_close(s);
	if (rc == KFQ_OK && rename(tmp, db) != 0) {
		fprintf(stderr, "kfq restore: cannot rename %s to %s: %s\n", tmp, db,
		        strerror(errno));
		rc = KFQ_EIO;
	}
	/* after a failure everything; after the rename only side files a close left */
	remove_db(tmp);
	if (rc != KFQ_OK)
		return rc;
	cmd_path(side, sizeof(side), "%s", db);
	char *slash = strrchr(side, '/');
	if (slash)
		*slash = 0;
	return cmd_fsync_path(slash ? side : ".");
}

static int restore_pg(const char *backup, const char *db, const char *data_dir,
                      struct cmd_checkpoints *head)
{
	char dump[PATH_MAX], opt_db[4096], err[600];
	struct store *s = NULL;
	bool empty = false;
	int rc;

	if ((rc = store_open(db, &s, err, sizeof(err))) != KFQ_OK) {
		fprintf(stderr, "kfq restore: %s\n", err);
		return rc;
	}
	rc = store_is_empty(s, &empty);
	store_close(s);
	if (rc != KFQ_OK || !empty) {
		fprintf(stderr, "kfq restore: the database is not empty; restore into a new one "
		                "(createdb)\n");
		return KFQ_EINVAL;
	}
	cmd_path(dump, sizeof(dump), "%s/kfq.dump", backup);
	cmd_path(opt_db, sizeof(opt_db), "--dbname=%s", db);
	const char *const argv[] = {"pg_restore",
	                            "--exit-on-error",
	                            "--single-transaction",
	                            "--no-owner",
	                            "--no-privileges",
	                            "--no-password",
	                            opt_db,
	                            dump,
	                            NULL};
	if (cmd_run(argv) != 0) {
		fprintf(stderr, "kfq restore: pg_restore failed (its message is above); nothing "
		                "was restored\n");
		return KFQ_ERR;
	}
	if ((rc = store_open(db, &s, err, sizeof(err))) != KFQ_OK) {
		fprintf(stderr, "kfq restore: %s\n", err);
		return rc;
	}
	rc = check(s, backup, data_dir, head);
	store_close(s);
	if (rc != KFQ_OK)
		fprintf(stderr, "kfq restore: the database was loaded but does not check: drop it "
		                "before trying again\n");
	return rc;
}

int cmd_restore(int argc, char **argv)
{
	struct cmd_options o;
	struct cmd_checkpoints head = {0};
	const char *backup = NULL;
	char path[PATH_MAX], data_dir[PATH_MAX];
	bool sqlite_backup;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if ((rc = cmd_dir_args("restore", "BACKUP", argc, argv, &o, &backup)) != CMD_EXIT_OK)
		return rc;
	cmd_path(path, sizeof(path), "%s/kfq.db", backup);
	sqlite_backup = exists(path);
	cmd_path(path, sizeof(path), "%s/kfq.dump", backup);
	if (!sqlite_backup && !exists(path)) {
		fprintf(stderr, "kfq restore: %s is not a backup of kfq (no kfq.db or kfq.dump)\n",
		        backup);
		return CMD_EXIT_FAIL;
	}
	if (sqlite_backup == store_is_pg_url(o.db)) {
		fprintf(stderr, "kfq restore: a %s backup restores into a %s database only\n",
		        sqlite_backup ? "SQLite" : "PostgreSQL",
		        sqlite_backup ? "SQLite" : "PostgreSQL");
		return CMD_EXIT_FAIL;
	}
	cmd_path(path, sizeof(path), "%s/checkpoint.log", backup);
	if (cmd_read_checkpoints("restore", path, true, &head) != KFQ_OK)
		return CMD_EXIT_FAIL;
	if (head.n > 1) {
		fprintf(stderr, "kfq restore: %s holds more than the backup's head\n", path);
		free(head.v);
		return CMD_EXIT_FAIL;
	}
	cmd_data_dir(&o, data_dir, sizeof(data_dir));
	umask(077);
	rc = sqlite_backup ? restore_sqlite(backup, o.db, data_dir, &head)
	                   : restore_pg(backup, o.db, data_dir, &head);
	free(head.v);
	return rc == KFQ_OK ? CMD_EXIT_OK : CMD_EXIT_FAIL;
}
