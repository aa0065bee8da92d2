/* common.c - what the subcommands share: options, config file, opening the database, the
 * command line's audit identity, usage errors. */
#include "cmd/cmd.h"

#include "core/audit_checkpoint.h"
#include "core/notice.h"
#include "core/pow.h"
#include "store/store_migrate.h"
#include "store/store_people.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <pwd.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void cmd_options_init(struct cmd_options *o)
{
	const char *env = getenv("KFQ_DB");

	memset(o, 0, sizeof(*o));
	o->db = env && *env ? env : CMD_DEFAULT_DB;
	o->listen = CMD_DEFAULT_LISTEN;
	o->threads = 0; /* cmd_threads, once the database is known */
	o->access_log = true;
	o->checkpoint_interval = CMD_DEFAULT_CHECKPOINT_INTERVAL;
	o->reply_horizon_days = NOTICE_HORIZON_DAYS;
	o->pow_bits = POW_DEFAULT_BITS;
	o->answer_cache_mb = CMD_DEFAULT_ANSWER_CACHE_MB;
}

int cmd_threads(const struct cmd_options *o)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (o->threads)
		return o->threads;
	/* a PostgreSQL worker waits for each round trip with its core idle: a second worker per
	 * CPU runs meanwhile (DECISIONS 225); SQLite's work on the CPU alone */
	if (store_is_pg_url(o->db))
		n *= 2;
	return n < 2 ? 2 : n > 256 ? 256 : (int)n;
}

/* personal_cipher: "secretbox" (v1, the default) or "sm4" (v2, 密评) */
static bool parse_cipher(const char *v, int *out)
{
	if (!strcmp(v, "secretbox"))
		*out = PERSONAL_SECRETBOX;
	else if (!strcmp(v, "sm4"))
		*out = PERSONAL_SM4;
	else
		return false;
	return true;
}

static bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "off"))
		*out = false;
	else
		return false;
	return true;
}

/* The numeric limits of serve: config key, flag, range, field. */
static const struct limit_opt {
	const char *key;
	const char *flag;
	int min, max;
	size_t offset;
} limit_opts[] = {
    {"max_connections", "--max-connections", 16, 1000000,
     offsetof(struct cmd_options, max_connections)},
    {"max_connections_per_addr", "--max-connections-per-addr", 1, 1000000,
     offsetof(struct cmd_options, max_per_addr)},
    {"header_timeout", "--header-timeout", 1, 3600, offsetof(struct cmd_options, header_timeout)},
    {"body_min_rate", "--body-min-rate", 1, 1 << 30, offsetof(struct cmd_options, body_min_rate)},
    {"body_memory", "--body-memory", 1, 65536, offsetof(struct cmd_options, body_memory_mib)},
    {"drain_timeout", "--drain-timeout", 1, 3600, offsetof(struct cmd_options, drain_timeout)},
    {"lock_timeout", "--lock-timeout", 1, 600, offsetof(struct cmd_options, lock_timeout)},
};

/* Sets the limit named key (by config key or flag) from v; false when v is not a whole number
 * in its range, or key no limit's. */
static bool set_limit(struct cmd_options *o, const char *key, bool flag, const char *v)
{
	for (size_t i = 0; i < sizeof(limit_opts) / sizeof(limit_opts[0]); i++) {
		const struct limit_opt *l = &limit_opts[i];
		char *end;
		if (strcmp(key, flag ? l->flag : l->key) != 0)
			continue;
		long n = strtol(v, &end, 10);
		if (!*v || *end || n < l->min || n > l->max)
			return false;
		*(int *)((char *)o + l->offset) = (int)n;
		return true;
	}
	return false;
}

int cmd_options_limits(struct cmd_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	for (size_t k = 0; k < sizeof(limit_opts) / sizeof(limit_opts[0]); k++) {
		const struct limit_opt *l = &limit_opts[k];
		if (strcmp(a, l->flag) != 0)
			continue;
		if (*i + 1 >= argc || !set_limit(o, a, true, argv[*i + 1])) {
			fprintf(stderr, "kfq: %s needs a whole number from %d to %d\n", a, l->min,
			        l->max);
			return -1;
		}
		(*i)++;
		return 1;
	}
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

bool cmd_parse_count(const char *v, int max, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end || n < 0 || n > max)
		return false;
	*out = (int)n;
	return true;
}

/* The texts config files set, kept until exit as argv's are (zero is an empty arena). */
static struct arena config_texts;

/* The keys whose value is a text, each the offset of its const char * in struct cmd_options
 * (nginx's ngx_conf_set_str_slot); nonempty: an empty value is refused. */
static const struct {
	const char *key;
	size_t off;
	bool nonempty;
} text_keys[] = {
    {"db", offsetof(struct cmd_options, db), false},
    {"listen", offsetof(struct cmd_options, listen), false},
    {"web_root", offsetof(struct cmd_options, web_root), false},
    {"data_dir", offsetof(struct cmd_options, data_dir), false},
    {"personal_key", offsetof(struct cmd_options, personal_key), true},
    {"audit_checkpoint_file", offsetof(struct cmd_options, checkpoint_file), true},
    {"notice_organ", offsetof(struct cmd_options, notice_organ), true},
    {"notice_code", offsetof(struct cmd_options, notice_code), true},
};

/* Sets the text option key to a copy of val kept until exit; false when key is not a text's
 * (or val is empty where a text must not be). */
static bool set_text(struct cmd_options *o, const char *key, const char *val)
{
	for (size_t i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++) {
		if (strcmp(key, text_keys[i].key))
			continue;
		if (text_keys[i].nonempty && !*val)
			return false;
		*(const char **)((char *)o + text_keys[i].off) = arena_strdup(&config_texts, val);
		return true;
	}
	return false;
}

/* What a key takes, for the message refusing its value; NULL for no key of ours. */
static const char *accepted(const char *key)
{
	static const char *const bools[] = {"access_log", "trust_proxy"};
	static const struct {
		const char *key;
		int min, max;
	} counts[] = {
	    {"threads", 1, 256},
	    {"audit_checkpoint_interval", 0, CMD_CHECKPOINT_INTERVAL_MAX},
	    {"pow_bits", 0, POW_MAX_BITS},
	    {"reply_horizon_days", 0, CMD_MAX_DAYS},
	    {"answer_cache_mb", 0, CMD_ANSWER_CACHE_MB_MAX},
	};
	static char range[80];

	for (size_t i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++)
		if (!strcmp(key, text_keys[i].key))
			return "a text that is not empty";
	if (!strcmp(key, "personal_cipher"))
		return "secretbox or sm4";
	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		if (!strcmp(key, bools[i]))
			return "true, yes, 1, on, false, no, 0 or off";
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		if (strcmp(key, counts[i].key))
			continue;
		snprintf(range, sizeof(range), "a whole number from %d to %d", counts[i].min,
		         counts[i].max);
		return range;
	}
	for (size_t i = 0; i < sizeof(limit_opts) / sizeof(limit_opts[0]); i++) {
		if (strcmp(key, limit_opts[i].key))
			continue;
		snprintf(range, sizeof(range), "a whole number from %d to %d", limit_opts[i].min,
		         limit_opts[i].max);
		return range;
	}
	return NULL;
}

/* Sets key from val; false when val is not one the key takes (or key is no key of ours). */
static bool set_option(struct cmd_options *o, const char *key, const char *val)
{
	if (set_text(o, key, val))
		return true;
	if (!strcmp(key, "personal_cipher"))
		return parse_cipher(val, &o->personal_cipher);
	if (!strcmp(key, "threads")) {
		int n;
		if (!cmd_parse_count(val, 256, &n) || n < 1)
			return false;
		o->threads = n;
		return true;
	}
	if (!strcmp(key, "access_log"))
		return parse_bool(val, &o->access_log);
	if (!strcmp(key, "trust_proxy"))
		return parse_bool(val, &o->trust_proxy);
	if (!strcmp(key, "audit_checkpoint_interval"))
		return cmd_parse_count(val, CMD_CHECKPOINT_INTERVAL_MAX, &o->checkpoint_interval);
	if (!strcmp(key, "pow_bits"))
		return cmd_parse_count(val, POW_MAX_BITS, &o->pow_bits);
	if (!strcmp(key, "reply_horizon_days"))
		return cmd_parse_count(val, CMD_MAX_DAYS, &o->reply_horizon_days);
	if (!strcmp(key, "answer_cache_mb"))
		return cmd_parse_count(val, CMD_ANSWER_CACHE_MB_MAX, &o->answer_cache_mb);
	return set_limit(o, key, false, val);
}

/* A "#" after a blank in a value: a comment written after the value, which the format does not
 * have (comments take a line of their own, DECISIONS 388); NULL when there is none. */
static const char *trailing_comment(const char *val)
{
	for (const char *p = val; *p; p++)
		if (*p == '#' && p > val && isspace((unsigned char)p[-1]))
			return p;
	return NULL;
}

int cmd_options_load(struct cmd_options *o, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0, rc = KFQ_OK;

	if (!f) {
		fprintf(stderr, "kfq: cannot read config file %s\n", path);
		return KFQ_EIO;
	}
	while (fgets(line, sizeof(line), f)) {
		const char *what, *hash;
		char *eq, *key, *val;
		lineno++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		rc = KFQ_EINVAL;
		if (!(eq = strchr(key, '='))) {
			fprintf(stderr, "kfq: %s:%d: expected key = value\n", path, lineno);
			break;
		}
		*eq = 0;
		key = trim(key);
		val = trim(eq + 1);
		if (!(what = accepted(key))) {
			fprintf(
			    stderr,
			    "kfq: %s:%d: unknown key '%s': expected one of db, listen, web_root, "
			    "data_dir, personal_key, personal_cipher, threads, access_log, "
			    "trust_proxy, audit_checkpoint_file, audit_checkpoint_interval, "
			    "max_connections, max_connections_per_addr, header_timeout, "
			    "body_min_rate, body_memory, drain_timeout, lock_timeout, "
			    "reply_horizon_days, answer_cache_mb, notice_organ, notice_code, "
			    "pow_bits\n",
			    path, lineno, key);
			break;
		}
		if ((hash = trailing_comment(val))) {
			fprintf(stderr,
			        "kfq: %s:%d: %s: a comment must stand on a line of its own (found "
			        "'%s' after the value)\n",
			        path, lineno, key, hash);
			break;
		}
		if (!set_option(o, key, val)) {
			fprintf(stderr, "kfq: %s:%d: %s = '%s': expected %s\n", path, lineno, key,
			        val, what);
			break;
		}
		rc = KFQ_OK;
	}
	fclose(f);
	return rc;
}

int cmd_options_common(struct cmd_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	if (strcmp(a, "--db") != 0 && strcmp(a, "--config") != 0 &&
	    strcmp(a, "--personal-key") != 0 && strcmp(a, "--personal-cipher") != 0)
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "kfq: %s needs a value\n", a);
		return -1;
	}
	(*i)++;
	if (!strcmp(a, "--db")) {
		o->db = argv[*i];
		return 1;
	}
	if (!strcmp(a, "--personal-key")) {
		o->personal_key = argv[*i];
		return 1;
	}
	if (!strcmp(a, "--personal-cipher")) {
		if (parse_cipher(argv[*i], &o->personal_cipher))
			return 1;
		fprintf(stderr, "kfq: --personal-cipher is secretbox or sm4\n");
		return -1;
	}
	return cmd_options_load(o, argv[*i]) == KFQ_OK ? 1 : -1;
}

/* A SQLite path that does not exist is a typo or a missing `kfq migrate`, never a request
 * for a new empty database. */
static int open_existing(const struct cmd_options *o, struct store **s)
{
	char err[600];
	struct stat st;

	*s = NULL;
	if (!store_is_pg_url(o->db) && stat(o->db, &st) != 0) {
		fprintf(stderr,
		        "kfq: database %s does not exist; create it with 'kfq migrate --db %s'\n",
		        o->db, o->db);
		return KFQ_ENOTFOUND;
	}
	if (store_open(o->db, s, err, sizeof(err)) != KFQ_OK) {
		fprintf(stderr, "kfq: %s\n", err);
		return KFQ_EIO;
	}
	return KFQ_OK;
}

int cmd_open_db(const struct cmd_options *o, struct store **s)
{
	int applied, rc;

	if ((rc = open_existing(o, s)) != KFQ_OK)
		return rc;
	if ((rc = store_migrate(*s, &applied)) != KFQ_OK) {
		fprintf(stderr, "kfq: migration failed: %s\n", store_errmsg(*s));
		store_close(*s);
		*s = NULL;
	}
	return rc;
}

int cmd_open_db_as_is(const struct cmd_options *o, struct store **s)
{
	return open_existing(o, s);
}

void cmd_actor(struct store_actor *who)
{
	static char name[80];
	const struct passwd *pw = getpwuid(getuid());

	snprintf(name, sizeof(name), "cli:%s", pw ? pw->pw_name : "unknown");
	memset(who, 0, sizeof(*who));
	who->username = name;
	who->client_addr = "cli";
}

bool cmd_wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return true;
		}
	}
	return false;
}

int cmd_usage_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kfq %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nRun 'kfq %s --help' for usage.\n", name);
	return CMD_EXIT_USAGE;
}

int cmd_read_stdin_line(char *buf, size_t len)
{
	size_t n;

	if (!fgets(buf, (int)len, stdin))
		return KFQ_EIO;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	else if (n == len - 1)
		return KFQ_EINVAL; /* longer than the buffer: refuse rather than truncate */
	if (n && buf[n - 1] == '\r')
		buf[--n] = 0;
	return KFQ_OK;
}

int cmd_read_file(const char *path, struct strbuf *sb)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;
	int rc = KFQ_OK;

	if (!f)
		return KFQ_EIO;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (sb->len + n > CMD_FILE_MAX_BYTES) {
			rc = KFQ_EINVAL;
			break;
		}
		strbuf_add(sb, buf, n);
	}
	if (ferror(f))
		rc = KFQ_EIO;
	if (f != stdin)
		fclose(f);
	return rc;
}

const char *cmd_beside_db(const char *db, const char *name, char *buf, size_t len)
{
	const char *slash = strrchr(db, '/');

	if (store_is_pg_url(db))
		snprintf(buf, len, "var/%s", name);
	else if (!slash)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%.*s/%s", (int)(slash - db), db, name);
	return buf;
}

int cmd_personal_setup(const struct cmd_options *o, struct store *s)
{
	char key[4200];
	int rc = store_people_key_file(s, cmd_personal_key(o, key, sizeof(key)));

	if ((rc == KFQ_OK || rc == KFQ_ENOTFOUND) && o->personal_cipher)
		store_people_cipher_set((enum personal_cipher)o->personal_cipher);
	return rc;
}

const char *cmd_personal_key(const struct cmd_options *o, char *buf, size_t len)
{
	if (o->personal_key) {
		snprintf(buf, len, "%s", o->personal_key);
		return buf;
	}
	return cmd_beside_db(o->db, "personal.key", buf, len);
}

const char *cmd_data_dir(const struct cmd_options *o, char *buf, size_t len)
{
	if (!o->data_dir)
		return cmd_beside_db(o->db, "files", buf, len);
	snprintf(buf, len, "%s", o->data_dir);
	return buf;
}

struct audit_checkpoint *cmd_checkpoints_add(struct cmd_checkpoints *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	return &c->v[c->n++];
}

int cmd_read_checkpoints(const char *cmd, const char *path, bool allow_none,
                         struct cmd_checkpoints *out)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0, before = out->n;
	ssize_t len;
	int rc = KFQ_OK;

	if (!f) {
		fprintf(stderr, "kfq %s: cannot read %s\n", cmd, path);
		return KFQ_EIO;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct audit_checkpoint cp;
		lineno++;
		int r = audit_checkpoint_parse(line, (size_t)len, &cp);
		if (r < 0) {
			fprintf(stderr, "kfq %s: %s:%zu: not a well-formed audit checkpoint\n", cmd,
			        path, lineno);
			rc = KFQ_EINVAL;
			break;
		}
		if (r > 0)
			*cmd_checkpoints_add(out) = cp;
	}
	if (rc == KFQ_OK && ferror(f)) {
		fprintf(stderr, "kfq %s: cannot read %s\n", cmd, path);
		rc = KFQ_EIO;
	}
	if (rc == KFQ_OK && out->n == before && !allow_none) {
		fprintf(stderr, "kfq %s: %s holds no audit checkpoint\n", cmd, path);
		rc = KFQ_EINVAL;
	}
	free(line);
	fclose(f);
	return rc;
}

int cmd_run(const char *const argv[])
{
	pid_t pid;
	int status, rc;

	rc = posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, environ);
	if (rc != 0) {
		fprintf(stderr, "kfq: cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status)) {
		fprintf(stderr, "kfq: %s was killed by signal %d\n", argv[0], WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

int cmd_dir_args(const char *cmd, const char *what, int argc, char **argv, struct cmd_options *o,
                 const char **dir)
{
	*dir = NULL;
	cmd_options_init(o);
	for (int i = 1; i < argc; i++) {
		int r = cmd_options_common(o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (i + 1 < argc && !strcmp(argv[i], "--data-dir"))
			o->data_dir = argv[++i];
		else if (argv[i][0] == '-' || *dir)
			return cmd_usage_error(cmd, "unexpected argument '%s'", argv[i]);
		else
			*dir = argv[i];
	}
	if (!*dir)
		return cmd_usage_error(cmd, "missing %s directory", what);
	if (strlen(*dir) > CMD_NAME_MAX || strlen(o->db) > CMD_NAME_MAX ||
	    (o->data_dir && strlen(o->data_dir) > CMD_NAME_MAX))
		return cmd_usage_error(cmd, "a path or URL longer than %d bytes", CMD_NAME_MAX);
	return CMD_EXIT_OK;
}

void cmd_path(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		fatal("path longer than %zu bytes", len);
}

int cmd_fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return KFQ_EIO;
	rc = fsync(fd) == 0 ? KFQ_OK : KFQ_EIO;
	close(fd);
	return rc;
}

int cmd_import_or_read(const char *name, const char *verb, int argc, char **argv,
                       int (*import)(struct store *s, const char *file),
                       int (*read)(struct store *s))
{
	struct cmd_options o;
	struct store *s;
	const char *file = NULL;
	int rc;

	if (argc < 2 || (strcmp(argv[1], "import") != 0 && strcmp(argv[1], verb) != 0))
		return cmd_usage_error(name, "expected 'import' or '%s'", verb);
	cmd_options_init(&o);
	for (int i = 2; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (argv[i][0] == '-' || file || !strcmp(argv[1], verb))
			return cmd_usage_error(name, "unexpected argument '%s'", argv[i]);
		file = argv[i];
	}
	if (!strcmp(argv[1], "import") && !file)
		return cmd_usage_error(name, "import needs a FILE");
	if (cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	rc = file ? import(s, file) : read(s);
	store_close(s);
	return rc;
}
