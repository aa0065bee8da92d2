/* import.h - the spreadsheet import use case, the one home that POST /api/imports/KIND and
 * `kfq import KIND FILE` both call. A module adds an import by declaring a struct import_kind
 * (its columns, core/import.h, and four hooks) and listing it in app/import_kinds.c.
 *
 * All or nothing: the file is read twice. The first pass converts and checks every row (column
 * rules, duplicates of the natural key within the file, the kind's check against what it
 * loaded) and reports every problem, up to IMPORT_MAX_PROBLEMS, with its row and column. Only a
 * file without problems is kept in the evidence store and read again inside one write
 * transaction, where each row is checked again against data loaded under the write lock and
 * written through the kind's bulk writer; the batch record and its audit record (the file's
 * SHA-256, rows, outcome) commit with the rows. A file whose SHA-256 this kind already imported
 * changes nothing (outcome "unchanged"). Refused and unchanged attempts are recorded too (a
 * batch row and an audit record, nothing else). */
#ifndef KFQ_APP_IMPORT_H
#define KFQ_APP_IMPORT_H

#include "core/account.h"
#include "core/import.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>
#include <stdint.h>

struct store_org;

#define IMPORT_SECRET_SECONDS (30 * 60) /* a one-time download lasts this long */
/* A file's size over HTTP unless its kind allows more: the upload cap (http/limits.h's
 * HTTP_UPLOAD_BODY_MAX). No kind allows more than IMPORT_FILE_MAX_ANY, the import route's cap. */
#define IMPORT_FILE_MAX     (20 * 1024 * 1024)
#define IMPORT_FILE_MAX_ANY (256 * 1024 * 1024)
#define IMPORT_TOKEN_LEN    44 /* base64url of 32 bytes, and its NUL */

struct import_run;

struct import_kind {
	const char *name;   /* in URLs and on the command line: "users" */
	const char *title;  /* for file names and messages: "用户" */
	account_perms perm; /* the PERM_* bits (core/account.h) a caller needs */
	const struct import_column *cols;
	int ncols;
	int64_t max_rows; /* data rows one file may hold */
	/* bytes one file may hold over HTTP (0: IMPORT_FILE_MAX); `kfq import` reads any size */
	int64_t max_bytes;
	/* A row replaces what its key held (a budget line, a year's tax): a file imported before
	 * is "unchanged" only while no other file of the kind was imported after it by the same
	 * organization; an older one imported again is read again and puts its figures back. */
	bool replaces;
	/* Loads what rows are checked against (names, existing keys), before each pass; the
	 * second time inside the write transaction. May be NULL. */
	int (*prepare)(struct import_run *r);
	/* Checks a row against the loaded state (a column whose cell did not convert is not
	 * present); adds problems with import_run_problem. May be NULL. Called in both passes:
	 * in the second a problem abandons the import. */
	void (*check)(struct import_run *r, int64_t row, const struct import_value *v);
	/* The row's identity for the file's duplicate check when the key columns' text is not it
	 * (an organization named by its alias): a text equal for the rows that are the same
	 * (arena a), or NULL to take the key columns' text. Called after prepare. May be NULL. */
	const char *(*row_key)(struct import_run *r, const struct import_value *v, struct arena *a);
	/* Second pass, inside the transaction: begin the bulk write (handing its writer to the run
	 * with import_run_writer), write one row, and after the writer ended, anything else (may be
	 * NULL). */
	int (*write_begin)(struct import_run *r);
	int (*write_row)(struct import_run *r, int64_t row, const struct import_value *v);
	int (*write_end)(struct import_run *r);
	/* After the batch is recorded (r->batch_id set), still inside the transaction: e.g. leave
	 * a one-time download with import_run_seal. May be NULL. */
	int (*finish)(struct import_run *r);
	/* Frees what prepare and the writer hold outside r->a (the run abandons its writer
	 * first); called once the run ends and before a rollback, so it may run more than once.
	 * May be NULL when the kind holds nothing. */
	void (*release)(struct import_run *r);
};

/* A bulk writer a kind's write_begin opened (store_bulk.h's, or a module's own around it). The
 * run holds it: ends it after the last row, before the kind's write_end, or abandons it when
 * the run fails, before the kind's release (a PostgreSQL COPY must end before the connection
 * can run anything else, a rollback included). */
struct import_writer {
	int (*end)(void *w);    /* finishes and frees w */
	void (*abort)(void *w); /* abandons and frees w */
};

/* The organization of orgs[0..n) named name, by its name or one of its aliases (the first
 * that is; brackets of either width alike), or NULL: how every import reads an
 * organization's column. */
const struct store_org *import_org_named(const struct store_org *orgs, int n, const char *name);

/* store_bulk.h's writer (w is a struct store_bulk). */
extern const struct import_writer import_store_bulk;

/* What a kind's hooks get. */
struct import_run {
	const struct import_kind *kind;
	struct store *s;
	struct arena *a; /* lives as long as the run */
	const struct store_actor *who;
	const char *role; /* the importer's role; NULL for the command line's operator */
	struct import_problems problems;
	bool writing;     /* the second pass */
	int64_t batch_id; /* set before write_end */
	int64_t now;
	void *state;  /* the kind's own */
	void *writer; /* the open bulk writer, or NULL (import_run_writer) */
	const struct import_writer *writer_ops;
	char secret_token[IMPORT_TOKEN_LEN];
	int64_t secret_rows; /* rows in the one-time download */
};

/* Gives the run the writer w that write_begin opened with result rc (kept only when rc is
 * KFQ_OK: a failed opener holds nothing); returns rc. The kind may go on writing through w
 * until the run ends it. */
int import_run_writer(struct import_run *r, int rc, const struct import_writer *ops, void *w);
void import_run_problem(struct import_run *r, int64_t row, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Seals bytes as this import's one-time download (inside the transaction): a random token in
 * r->secret_token, only its hash and the sealed bytes stored, for IMPORT_SECRET_SECONDS. */
int import_run_seal(struct import_run *r, const void *bytes, size_t len, int64_t rows);

enum import_outcome {
	IMPORT_IMPORTED,
	IMPORT_REJECTED,  /* problems: nothing written but the record of the attempt */
	IMPORT_UNCHANGED, /* the same file was imported before */
};

struct import_request {
	const struct import_kind *kind;
	int fd;               /* the file; read with pread, not closed */
	const char *filename; /* as uploaded (may be NULL) */
	const char *sha256;   /* when the caller hashed it already; NULL = hash here */
	const char *data_dir; /* the evidence store */
	const struct store_actor *who;
	/* the importer's role, for kinds whose rows depend on it (the users import creates only the
	 * accounts the role manages, core/account.h); NULL for the command line's operator, who may
	 * create any */
	const char *role;
};

struct import_result {
	enum import_outcome outcome;
	int64_t batch_id;
	int64_t previous_id; /* UNCHANGED: the batch that imported the file */
	int64_t rows;        /* data rows read */
	int64_t size;
	char sha256[65];
	const char *format; /* "xlsx" or the CSV's encoding */
	struct import_problems problems;
	const char *secret_token; /* a one-time download's token, or NULL */
	int64_t secret_rows;
};

/* Runs the import; everything in out lives in a. Returns KFQ_OK when an outcome was reached
 * (even REJECTED), KFQ_EIO when the file or the evidence store failed, or a store error. */
int import_run(struct store *s, struct arena *a, const struct import_request *req,
               struct import_result *out);

/* The declared kinds, and the one named `name` (NULL if none). */
extern const struct import_kind *const import_kinds[];
const struct import_kind *import_kind_find(const char *name);
/* The kind's cap on a file's bytes over HTTP: max_bytes, IMPORT_FILE_MAX by default, never past
 * IMPORT_FILE_MAX_ANY. */
int64_t import_kind_max_bytes(const struct import_kind *k);

/* Opens a one-time download left by import batch_id with its token: the bytes in *out (arena)
 * and removes it. KFQ_ENOTFOUND when there is none, it expired or the token is wrong. */
int import_secret_take(struct store *s, struct arena *a, const struct store_actor *who,
                       int64_t batch_id, const char *token, int64_t now, void **out, size_t *len);

/* The template of a kind: an .xlsx with the header row and the sample row on the first sheet
 * and each column's rules on the second. *fd is the caller's to close. */
int import_template(const struct import_kind *k, int *fd, uint64_t *size);

#endif
