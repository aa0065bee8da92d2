/* cmd.h - the kfq subcommands (one file each in src/cmd/) and what they share: options from
 * flags and a config file, opening the database, the command line's audit identity.
 * A subcommand returns the process exit code: 0 success, 1 failure, 2 bad usage. */
#ifndef KFQ_CMD_CMD_H
#define KFQ_CMD_CMD_H

#include "core/audit_chain.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

#define CMD_EXIT_OK    0
#define CMD_EXIT_FAIL  1
#define CMD_EXIT_USAGE 2

#define CMD_DEFAULT_DB                  "var/kfq.db"
#define CMD_DEFAULT_LISTEN              "127.0.0.1:8080"
#define CMD_DEFAULT_CHECKPOINT_INTERVAL 3600 /* seconds */
#define CMD_CHECKPOINT_INTERVAL_MAX     86400
#define CMD_MAX_DAYS                    3660 /* ten years: the longest reply horizon */
#define CMD_DEFAULT_ANSWER_CACHE_MB     16   /* serve: kept answers of API_CACHED routes */
#define CMD_ANSWER_CACHE_MB_MAX         4096

struct cmd {
	const char *name;
	const char *summary; /* one line, shown by `kfq --help` */
	int (*run)(int argc, char **argv);
};

/* Settings shared by the commands: config file first, then flags. Strings are static or
 * point into argv / the loaded config (which lives until exit). */
struct cmd_options {
	const char *db;       /* path or postgresql:// URL */
	const char *listen;   /* serve */
	const char *web_root; /* serve */
	const char
	    *data_dir;    /* serve: evidence files; default beside a SQLite file, or var/files */
	int threads;      /* serve; 0 = by the database (cmd_threads) */
	bool access_log;  /* serve */
	bool trust_proxy; /* serve */
	/* serve: the audit checkpoint file and how often the head is looked at (0 = never) */
	const char *checkpoint_file;
	int checkpoint_interval;
	/* serve: connection and body limits; 0 = the default of http/limits.h */
	int max_connections;
	int max_per_addr;
	int header_timeout;
	int body_min_rate;
	int body_memory_mib;
	int drain_timeout;      /* seconds to answer what was received on SIGTERM */
	int lock_timeout;       /* seconds a statement waits for a lock; 0 = the store's default */
	int reply_horizon_days; /* serve: latest reply date of a new 督办单, in days from today */
	int answer_cache_mb;    /* serve: memory for kept answers, MiB (0 = keep none) */
	/* serve: the 发文机关 of 督办单 and the 机关代字 of their numbers (NULL: the defaults) */
	const char *notice_organ;
	const char *notice_code;
	int pow_bits;             /* serve: zero bits of a public comment's proof of work */
	const char *personal_key; /* the key file sealing ID numbers; default beside the db */
	int personal_cipher;      /* the format of new seals: enum personal_cipher, 0 = v1 */
};

void cmd_options_init(struct cmd_options *o);
/* Reads key = value lines (db, listen, web_root, data_dir, threads, access_log, trust_proxy,
 * audit_checkpoint_file, audit_checkpoint_interval, reply_horizon_days, answer_cache_mb,
 * notice_organ, notice_code, and the limits: max_connections, max_connections_per_addr,
 * header_timeout, body_min_rate, body_memory, drain_timeout, lock_timeout). */
int cmd_options_load(struct cmd_options *o, const char *path);
/* The worker threads of `kfq serve`: o->threads when set, else one per online CPU (at least 2)
 * with SQLite and two per CPU with PostgreSQL, at most 256. */
int cmd_threads(const struct cmd_options *o);
/* A whole number 0..max (a checkpoint interval, a number of days, MiB): false for anything
 * else. */
bool cmd_parse_count(const char *v, int max, int *out);
/* Handles --db and --config at argv[*i] (advancing *i); returns 1 if it took the argument,
 * 0 if not ours, -1 on error (message printed). */
int cmd_options_common(struct cmd_options *o, int argc, char **argv, int *i);
/* Handles the limit flags of serve (--max-connections N …) at argv[*i], as
 * cmd_options_common does. */
int cmd_options_limits(struct cmd_options *o, int argc, char **argv, int *i);

/* Opens an existing database (a SQLite file must exist: `kfq migrate` creates it) and applies
 * pending migrations; prints why on failure. */
int cmd_open_db(const struct cmd_options *o, struct store **s);
/* The same without migrating: for commands that only read or copy (verify, backup). */
int cmd_open_db_as_is(const struct cmd_options *o, struct store **s);
/* The audit identity of whoever runs the command ("cli:<login name>"). */
void cmd_actor(struct store_actor *who);

/* `name` beside a SQLite database (each database keeps its own evidence and checkpoints), or
 * var/name with PostgreSQL; into buf. */
const char *cmd_beside_db(const char *db, const char *name, char *buf, size_t len);
/* The key file sealing national ID numbers (--personal-key / personal_key, else
 * personal.key beside the database) into buf. */
const char *cmd_personal_key(const struct cmd_options *o, char *buf, size_t len);
/* Reads (or, for a roster without sealed numbers, makes) the key file and sets the format of
 * new seals: what a command that reads or writes the roster of s calls first. KFQ_OK, or the
 * key file's error (logged): KFQ_ENOTFOUND when the file is missing and the roster holds sealed
 * numbers (store_people_key_file), which a command that does not need the key may go on past. */
int cmd_personal_setup(const struct cmd_options *o, struct store *s);
/* The evidence directory into buf: --data-dir / data_dir, else files beside the database. */
const char *cmd_data_dir(const struct cmd_options *o, char *buf, size_t len);

/* Checkpoints read from files (kfq audit verify, kfq restore). */
struct cmd_checkpoints {
	struct audit_checkpoint *v; /* heap: free() it */
	size_t n, cap;
};
/* Appends every checkpoint line of path; a damaged line is an error, and so is a file with
 * none unless allow_none. Prints why on failure. */
int cmd_read_checkpoints(const char *cmd, const char *path, bool allow_none,
                         struct cmd_checkpoints *out);
struct audit_checkpoint *cmd_checkpoints_add(struct cmd_checkpoints *c);

/* Runs a program (pg_dump, pg_restore) found on PATH and waits: its exit status, or -1 if it
 * could not run or was killed (printed). Its output goes where ours does. */
int cmd_run(const char *const argv[]);
/* Paths that backup and restore make from the names they are given: those names are checked
 * against CMD_NAME_MAX first, so that every path made from them fits in PATH_MAX. */
#define CMD_NAME_MAX 3072
/* The arguments of backup and restore: --db, --config, --data-dir and one directory (`what`
 * names it in the usage error), all within CMD_NAME_MAX. CMD_EXIT_OK with *dir set, or
 * CMD_EXIT_USAGE (printed). */
int cmd_dir_args(const char *cmd, const char *what, int argc, char **argv, struct cmd_options *o,
                 const char **dir);
/* Formats a path into buf; a path that does not fit is a broken invariant (fatal). */
void cmd_path(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* fsync of a file or directory by name. */
int cmd_fsync_path(const char *path);

/* true if argv holds -h or --help; prints usage to stdout then */
bool cmd_wants_help(int argc, char **argv, const char *usage);
/* Prints "kfq NAME: message" and the usage hint; returns CMD_EXIT_USAGE. */
int cmd_usage_error(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* `kfq NAME import FILE` or `kfq NAME VERB` (list, show) with --db and --config: checks the
 * arguments, opens the database and runs import(s, FILE) or read(s); their exit code. */
int cmd_import_or_read(const char *name, const char *verb, int argc, char **argv,
                       int (*import)(struct store *s, const char *file),
                       int (*read)(struct store *s));
#define CMD_FILE_MAX_BYTES (8 * 1024 * 1024)
struct strbuf;
/* Appends a whole file ("-": stdin) to sb: KFQ_EIO if unreadable, KFQ_EINVAL if over
 * CMD_FILE_MAX_BYTES. */
int cmd_read_file(const char *path, struct strbuf *sb);
/* Reads one line (a password) from stdin without its newline into buf. */
int cmd_read_stdin_line(char *buf, size_t len);

int cmd_version(int argc, char **argv);
int cmd_policy(int argc, char **argv);
/* `kfq policy diff`, dispatched by cmd_policy (argv[0] is "diff") */
int cmd_policy_diff(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_revshare(int argc, char **argv);
int cmd_people(int argc, char **argv);
int cmd_mail(int argc, char **argv);

#endif
