/* cmd_serve.c - `kfq serve`: migrates the database, then serves the API and the web app until
 * SIGTERM or SIGINT, then answers what it has received and exits. */
#include "cmd/cmd.h"

#include "api/api.h"
#include "cmd/checkpoint.h"
#include "http/http.h"
#include "core/notice.h"
#include "core/pow.h"
#include "util/log.h"
#include "util/textconv.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: kfq serve [--db PATH|URL] [--listen HOST:PORT] [--web-root DIR] [--threads N]\n"
    "                 [--data-dir DIR] [--no-access-log] [--trust-proxy]\n"
    "                 [--audit-checkpoint-file FILE] [--audit-checkpoint-interval SECONDS]\n"
    "                 [--max-connections N] [--max-connections-per-addr N]\n"
    "                 [--header-timeout SECONDS] [--body-min-rate BYTES] [--body-memory MIB]\n"
    "                 [--drain-timeout SECONDS] [--lock-timeout SECONDS]\n"
    "                 [--reply-horizon-days N] [--answer-cache-mb N] [--pow-bits N]\n"
    "                 [--notice-organ NAME] [--notice-code CODE] [--personal-key FILE]\n"
    "                 [--personal-cipher secretbox|sm4] [--config FILE]\n\n"
    "Serves the kfq API and web app. Applies pending migrations first.\n\n"
    "  --db PATH|URL     SQLite file or postgresql:// URL (default var/kfq.db, or $KFQ_DB)\n"
    "  --listen H:P      IPv4 address and port (default 127.0.0.1:8080; port 0 = any free)\n"
    "  --web-root DIR    built web app to serve (default web/dist when it exists)\n"
    "  --data-dir DIR    evidence files (default: files/ beside the SQLite database, or\n"
    "                    var/files with PostgreSQL); uploads arrive in its tmp/\n"
    "  --threads N       worker threads, each with its own database connection (default\n"
    "                    one per CPU, at least 2; two per CPU with PostgreSQL)\n"
    "  --no-access-log   do not write JSON access lines to stderr\n"
    "  --trust-proxy     trust X-Forwarded-For/-Proto from a proxy on 127.0.0.1 (nginx);\n"
    "                    that proxy is not held to the per-address connection limit\n"
    "  --audit-checkpoint-file FILE\n"
    "                    where the audit head is appended (default: audit-checkpoints.log\n"
    "                    beside the SQLite database, or var/audit-checkpoints.log)\n"
    "  --audit-checkpoint-interval SECONDS\n"
    "                    how often the head is looked at, a line written when it moved,\n"
    "                    and at start and stop (default 3600; 0 = no checkpoints)\n"
    "  --max-connections N   connections at once; past it 503 (default 2048)\n"
    "  --max-connections-per-addr N   of one client address; past it 429 (default 32)\n"
    "  --header-timeout S    a request's headers must be in within S seconds (default 10)\n"
    "  --body-min-rate B     after that, a body must average B bytes/s (default 4096)\n"
    "  --body-memory MIB     JSON bodies held in memory, all requests together (default 32)\n"
    "  --drain-timeout S     on SIGTERM, new connections are refused and every request\n"
    "                        received in part or whole is answered, for at most S seconds\n"
    "                        (default 10); then the rest are closed and kfq exits\n"
    "  --lock-timeout S  a change waits at most S seconds for the database's write lock\n"
    "                    (another program's transaction), then answers 503 (default 10)\n"
    "  --reply-horizon-days N\n"
    "                    a new 督办单's reply date is at most N days from today (default 366)\n"
    "  --pow-bits N      zero bits of a public comment's proof of work (default 16)\n"
    "  --clock-file FILE (tests) judge consultation windows at the epoch seconds in FILE\n"
    "  --answer-cache-mb N\n"
    "                    memory for the answers of lists and records kept until the data\n"
    "                    changes (default 16; 0 = keep none)\n"
    "  --notice-organ NAME\n"
    "                    the 发文机关 printed on 督办单 (default " NOTICE_ORGAN ")\n"
    "  --notice-code CODE\n"
    "                    the 机关代字 of their numbers, CODE〔2026〕3号 (default " NOTICE_CODE
    ");\n"
    "                    numbers already issued keep theirs\n"
    "  --personal-key FILE\n"
    "                    the key sealing national ID numbers at rest (64 hex digits; made\n"
    "                    when missing while the roster holds no number; default\n"
    "                    personal.key beside the SQLite database, or\n"
    "                    var/personal.key): keep it with the backups, apart from them\n"
    "  --personal-cipher secretbox|sm4\n"
    "                    the format of newly sealed ID numbers: secretbox (v1, the default)\n"
    "                    or sm4 (v2: SM4-CTR and HMAC-SM3, for 密评); both are read; `kfq\n"
    "                    people reseal` re-writes the old ones\n"
    "  --config FILE     key = value lines: db, listen, web_root, data_dir, personal_key,\n"
    "                    personal_cipher,\n"
    "                    threads, access_log, trust_proxy, audit_checkpoint_file,\n"
    "                    audit_checkpoint_interval,\n"
    "                    max_connections, max_connections_per_addr, header_timeout,\n"
    "                    body_min_rate, body_memory, drain_timeout, lock_timeout,\n"
    "                    reply_horizon_days,\n"
    "                    answer_cache_mb,\n"
    "                    notice_organ, notice_code, pow_bits (flags given later override it)\n";

static const char *listen_host;

static void ready(int port)
{
	char host[64];
	const char *colon = strrchr(listen_host, ':');
	size_t n = colon ? (size_t)(colon - listen_host) : 0;

	snprintf(host, sizeof(host), "%.*s", (int)n, listen_host);
	printf("kfq: serving on http://%s:%d/\n", host, port);
	fflush(stdout);
}

int cmd_serve(int argc, char **argv)
{
	struct cmd_options o;
	struct http_router router = {0};
	struct api_config acfg;
	struct http_server_config hcfg;
	struct store *s;
	struct checkpointer cp = {0};
	struct stat st;
	char data_dir[4096], cp_file[4096], spool_dir[4200], err[512];
	const char *clock_file = NULL;
	int rc;

	if (cmd_wants_help(argc, argv, usage))
		return CMD_EXIT_OK;
	cmd_options_init(&o);
	for (int i = 1; i < argc; i++) {
		int r = cmd_options_common(&o, argc, argv, &i);
		if (r == 0)
			r = cmd_options_limits(&o, argc, argv, &i);
		if (r < 0)
			return CMD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "--no-access-log")) {
			o.access_log = false;
		} else if (!strcmp(argv[i], "--trust-proxy")) {
			o.trust_proxy = true;
		} else if (i + 1 < argc && !strcmp(argv[i], "--listen")) {
			o.listen = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--web-root")) {
			o.web_root = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--data-dir")) {
			o.data_dir = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--audit-checkpoint-file")) {
			o.checkpoint_file = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--audit-checkpoint-interval")) {
			if (!cmd_parse_count(argv[++i], CMD_CHECKPOINT_INTERVAL_MAX,
			                     &o.checkpoint_interval))
				return cmd_usage_error(
				    "serve", "--audit-checkpoint-interval must be 0..86400");
		} else if (i + 1 < argc && !strcmp(argv[i], "--pow-bits")) {
			if (!cmd_parse_count(argv[++i], POW_MAX_BITS, &o.pow_bits))
				return cmd_usage_error("serve", "--pow-bits must be 0..%d",
				                       POW_MAX_BITS);
		} else if (i + 1 < argc && !strcmp(argv[i], "--clock-file")) {
			clock_file = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--reply-horizon-days")) {
			if (!cmd_parse_count(argv[++i], CMD_MAX_DAYS, &o.reply_horizon_days))
				return cmd_usage_error(
				    "serve", "--reply-horizon-days must be 0..%d", CMD_MAX_DAYS);
		} else if (i + 1 < argc && !strcmp(argv[i], "--answer-cache-mb")) {
			if (!cmd_parse_count(argv[++i], CMD_ANSWER_CACHE_MB_MAX,
			                     &o.answer_cache_mb))
				return cmd_usage_error("serve", "--answer-cache-mb must be 0..%d",
				                       CMD_ANSWER_CACHE_MB_MAX);
		} else if (i + 1 < argc && !strcmp(argv[i], "--notice-organ")) {
			o.notice_organ = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--notice-code")) {
			o.notice_code = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--threads")) {
			o.threads = atoi(argv[++i]);
			if (o.threads < 1 || o.threads > 256)
				return cmd_usage_error("serve", "--threads must be 1..256");
		} else {
			return cmd_usage_error("serve", "unknown or incomplete option '%s'",
			                       argv[i]);
		}
	}
	if (o.notice_code && !notice_code_valid(o.notice_code))
		return cmd_usage_error("serve",
		                       "--notice-code (notice_code) must be 1..%d Chinese "
		                       "characters without 〔〕 or spaces",
		                       NOTICE_CODE_MAX);
	if (o.notice_organ && (!textconv_utf8_valid(o.notice_organ, strlen(o.notice_organ)) ||
	                       strlen(o.notice_organ) > NOTICE_ORGAN_MAX))
		return cmd_usage_error("serve",
		                       "--notice-organ (notice_organ) must be UTF-8 text of "
		                       "at most %d bytes",
		                       NOTICE_ORGAN_MAX);
	if (!o.web_root && stat("web/dist/index.html", &st) == 0)
		o.web_root = "web/dist";
	/* a typo here would otherwise show only after the database was opened and migrated */
	if (!http_listen_valid(o.listen))
		return cmd_usage_error(
		    "serve", "--listen (listen) '%s' is not HOST:PORT (an IPv4 address)", o.listen);
	if (o.lock_timeout)
		store_set_lock_timeout(o.lock_timeout);
	if (sodium_init() < 0 || cmd_open_db(&o, &s) != KFQ_OK)
		return CMD_EXIT_FAIL;
	/* without its key (KFQ_ENOTFOUND, warned) the server still serves all but roster writes */
	rc = cmd_personal_setup(&o, s);
	store_close(s);
	if (rc != KFQ_OK && rc != KFQ_ENOTFOUND)
		return CMD_EXIT_FAIL;
	/* before the workers open their connections: theirs then leave checkpoints to it */
	if (store_wal_start(o.db, err, sizeof(err)) != KFQ_OK) {
		fprintf(stderr, "kfq: %s\n", err);
		return CMD_EXIT_FAIL;
	}

	acfg.db_url = o.db;
	acfg.web_root = o.web_root;
	acfg.reply_horizon_days = o.reply_horizon_days;
	acfg.pow_bits = o.pow_bits;
	acfg.clock_file = clock_file;
	acfg.data_dir = cmd_data_dir(&o, data_dir, sizeof(data_dir));
	acfg.answer_cache_bytes = (size_t)o.answer_cache_mb << 20;
	acfg.notice_organ = o.notice_organ;
	acfg.notice_code = o.notice_code;
	if (api_init(&acfg, &router) != KFQ_OK) {
		http_router_release(&router);
		store_wal_stop();
		return CMD_EXIT_FAIL;
	}
	cp.db_url = o.db;
	cp.path = o.checkpoint_file
	              ? o.checkpoint_file
	              : cmd_beside_db(o.db, "audit-checkpoints.log", cp_file, sizeof(cp_file));
	cp.interval = o.checkpoint_interval;
	if (cp.interval && checkpoint_start(&cp) != KFQ_OK) {
		http_router_release(&router);
		store_wal_stop();
		return CMD_EXIT_FAIL;
	}
	http_server_config_init(&hcfg);
	hcfg.listen = o.listen;
	hcfg.web_root = o.web_root;
	snprintf(spool_dir, sizeof(spool_dir), "%s/tmp", acfg.data_dir);
	hcfg.spool_dir = spool_dir;
	hcfg.threads = cmd_threads(&o);
	hcfg.access_log = o.access_log;
	hcfg.trust_proxy = o.trust_proxy;
	if (o.max_connections)
		hcfg.max_connections = o.max_connections;
	if (o.max_per_addr)
		hcfg.max_per_addr = o.max_per_addr;
	if (o.header_timeout)
		hcfg.header_timeout = o.header_timeout;
	if (o.body_min_rate)
		hcfg.body_min_rate = o.body_min_rate;
	if (o.body_memory_mib)
		hcfg.body_memory_mib = o.body_memory_mib;
	if (o.drain_timeout)
		hcfg.drain_seconds = o.drain_timeout;
	listen_host = o.listen;
	rc = http_serve(&hcfg, &router, ready);
	api_shutdown();
	http_router_release(&router);
	if (cp.interval)
		checkpoint_stop(&cp);
	store_wal_stop();
	if (rc != KFQ_OK)
		return CMD_EXIT_FAIL;
	fprintf(stderr, "kfq: stopped\n");
	return CMD_EXIT_OK;
}
