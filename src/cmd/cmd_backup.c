/* cmd_backup.c - `kfq backup OUT`: a complete, consistent backup while the server runs: the
 * database, every evidence file it refers to, and the audit head, all as of one snapshot.
 * OUT appears only once it is complete. */
#include "cmd/cmd.h"

#include "core/audit_checkpoint.h"
#include "store/store_backup.h"
#include "util/blobstore.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: kfq backup [--db PATH|URL] [--data-dir DIR] [--config FILE] OUT\n\n"
    "Writes a complete backup into the new directory OUT while the server keeps running,\n"
    "all of it as of one moment of the database:\n"
    "  kfq.db          the SQLite database (SQLite's online backup), or\n"
    "  kfq.dump        the PostgreSQL database (pg_dump's custom format, from the same\n"
    "                  snapshot: pg_dump must be on PATH, of the server's version or newer)\n"
    "  files/          every evidence file the database refers to, each checked against its\n"
    "                  hash (from --data-dir, or data_dir of the config file)\n"
    "  checkpoint.log  the audit head at that moment (kfq audit verify --checkpoint)\n"
    "  BACKUP.txt      what the backup holds\n"
    "OUT must not exist; it is written as OUT.partial and renamed when complete. Files are\n"
    "readable by the owner only. kfq restore OUT brings it back.\n";

/* What the snapshot said: the audit head and the evidence files. */
struct snap {
	int64_t seq;
	char hash[AUDIT_HASH_HEX];
	struct store_blob *blobs;
	size_t nblobs;
};

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The database copy, the head and the evidence list, from one read transaction. Prints why it
 * failed. */
static int copy_database(struct store *s, const char *db, const char *dir, struct arena *a,
                         struct snap *out)
{
	char path[PATH_MAX], snapshot[64], opt_snap[96], opt_file[PATH_MAX + 16], opt_db[4096];
	int rc;

	if ((rc = store_begin_read(s)) != KFQ_OK)
		return rc;
	if ((rc = store_audit_head(s, &out->seq, out->hash)) != KFQ_OK ||
	    (rc = store_backup_blobs(s, a, &out->blobs, &out->nblobs)) != KFQ_OK)
		goto done;
	if (store_kind(s) == STORE_SQLITE) {
		cmd_path(path, sizeof(path), "%s/kfq.db", dir);
		rc = store_backup(s, path);
		goto done;
	}
	if ((rc = store_snapshot_export(s, snapshot, sizeof(snapshot))) != KFQ_OK)
		goto done;
	cmd_path(opt_snap, sizeof(opt_snap), "--snapshot=%s", snapshot);
	cmd_path(opt_file, sizeof(opt_file), "--file=%s/kfq.dump", dir);
	cmd_path(opt_db, sizeof(opt_db), "--dbname=%s", db);
	const char *const argv[] = {
	    "pg_dump", "--format=custom", "--no-password", opt_snap, opt_file, opt_db, NULL};
	/* the transaction stays open until pg_dump has taken its snapshot over, and ends after */
	if (cmd_run(argv) != 0) {
		fprintf(stderr, "kfq backup: pg_dump failed (its message is above)\n");
		store_rollback(s);
		return KFQ_ERR;
	}
done:
	if (rc != KFQ_OK)
		fprintf(stderr, "kfq backup: %s\n", store_errmsg(s));
	store_rollback(s);
	return rc;
}

static int copy_files(const char *data_dir, const char *dir, const struct snap *sn, int64_t *bytes)
{
	char files[PATH_MAX];

	cmd_path(files, sizeof(files), "%s/files", dir);
	*bytes = 0;
	for (size_t i = 0; i < sn->nblobs; i++) {
		const struct store_blob *b = &sn->blobs[i];
		if (blob_copy(data_dir, files, b->sha256, (uint64_t)b->size) != 0) {
			fprintf(stderr, "kfq backup: evidence file %s in %s: %s\n", b->sha256,
			        data_dir,
			        errno == ENOENT    ? "missing"
			        : errno == EBADMSG ? "damaged (its content does not match its hash)"
			                           : strerror(errno));
			return KFQ_EIO;
		}
		*bytes += b->size;
	}
	return KFQ_OK;
}

static int write_text(const char *dir, const char *name, const char *text, size_t len)
{
	char path[PATH_MAX];
	FILE *f;
	int rc = KFQ_OK;

	cmd_path(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		return KFQ_EIO;
	if (fwrite(text, 1, len, f) != len)
		rc = KFQ_EIO;
	if (fclose(f) != 0)
		rc = KFQ_EIO;
	return rc == KFQ_OK ? cmd_fsync_path(path) : rc;
}

static int write_notes(const char *dir, const struct snap *sn, enum store_kind kind, int64_t bytes)
{
	struct strbuf line = STRBUF_INIT, txt = STRBUF_INIT;
	char now[TIME_RFC3339_LEN];
	int rc;

	time_format(time_now(), now);
	/* an empty log has no head to keep: the file is there, and empty */
	if (sn->seq > 0)
		audit_checkpoint_line(&line, now, sn->seq, sn->hash);
	strbuf_addf(&txt,
	            "kfq backup\n"
	            "taken:     %s\n"
	            "kfq:       %s\n"
	            "database:  %s\n"
	            "audit:     %lld records, head %s\n"
	            "evidence:  %zu files, %lld bytes (files/)\n"
	            "restore:   kfq restore THIS-DIRECTORY --config /etc/kfq/kfq.conf\n"
	            "           (docs/OPERATIONS.md: Backup and restore)\n",
	            now, KFQ_VERSION,
	            kind == STORE_SQLITE ? "SQLite, kfq.db" : "PostgreSQL, kfq.dump (pg_dump -Fc)",
	            (long long)sn->seq, sn->hash, sn->nblobs, (long long)bytes);
	rc = write_text(dir, "checkpoint.log", line.buf ? line.buf : "", line.len);
	if (rc == KFQ_OK)
		rc = write_text(dir, "BACKUP.txt", txt.buf, txt.len);
	strbuf_release(&line);
	strbuf_release(&txt);
	return rc;
}

/* The parent of path, for the fsync that makes a rename durable. */
static void parent_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

int cmd_backup(int argc, char **argv)
{
	struct cmd_options o;
	struct store *s = NULL;
	struct arena a;
	struct snap sn = {0};
	const char *out = NULL;
	char tmp[PATH_MAX], data_dir[PATH_MAX], db_file[PATH_MAX], parent[PATH_MAX];
	struct stat st;
	int64_t bytes = 0;
	bool made = false;
	int status = CMD_EXIT_FAIL;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	if ((status = cmd_dir_args("backup", "OUT", argc, argv, &o, &out)) != CMD_EXIT_OK)
		return status;
	status = CMD_EXIT_FAIL;
	cmd_path(tmp, sizeof(tmp), "%s.partial", out);
	if (stat(out, &st) == 0) {
		fprintf(stderr, "kfq backup: %s already exists; not overwriting it\n", out);
		return CMD_EXIT_FAIL;
	}
	if (stat(tmp, &st) == 0) {
		fprintf(stderr,
		        "kfq backup: %s is left from a backup that did not finish; remove it\n",
		        tmp);
		return CMD_EXIT_FAIL;
	}
	cmd_data_dir(&o, data_dir, sizeof(data_dir));
	if (cmd_open_db_as_is(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	/* the copy holds password hashes and sessions: the owner only */
	umask(077);
	arena_init(&a);
	if (mkdir(tmp, 0700) != 0) {
		fprintf(stderr, "kfq backup: cannot create %s: %s\n", tmp, strerror(errno));
		goto cleanup;
	}
	made = true;
	if (copy_database(s, o.db, tmp, &a, &sn) != KFQ_OK)
		goto cleanup;
	cmd_path(db_file, sizeof(db_file), "%s/%s", tmp,
	         store_kind(s) == STORE_SQLITE ? "kfq.db" : "kfq.dump");
	if (cmd_fsync_path(db_file) != KFQ_OK || copy_files(data_dir, tmp, &sn, &bytes) != KFQ_OK)
		goto cleanup;
	if (write_notes(tmp, &sn, store_kind(s), bytes) != KFQ_OK ||
	    cmd_fsync_path(tmp) != KFQ_OK) {
		fprintf(stderr, "kfq backup: cannot write into %s: %s\n", tmp, strerror(errno));
		goto cleanup;
	}
	parent_of(out, parent, sizeof(parent));
	if (rename(tmp, out) != 0 || cmd_fsync_path(parent) != KFQ_OK) {
		fprintf(stderr, "kfq backup: cannot rename %s to %s: %s\n", tmp, out,
		        strerror(errno));
		goto cleanup;
	}
	made = false;
	printf("backup written to %s: %lld audit records (head %s), %zu evidence files (%lld "
	       "bytes)\n",
	       out, (long long)sn.seq, sn.hash, sn.nblobs, (long long)bytes);
	status = CMD_EXIT_OK;
cleanup:
	if (made)
		(void)nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	arena_release(&a);
	store_close(s);
	return status;
}
