/* testdb.c - fresh databases for the store unit tests (see testdb.h). */
#include "testdb.h"

#include "store/store_audit.h"
#include "store/store_migrate.h"
#include "util/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum store_kind kind;
static const char *server; /* KFQ_TEST_PG: a URL ending in /postgres */
static char url[600];      /* the fresh database */
static char dbname[64];    /* on PostgreSQL */

/* Runs one statement on the server's maintenance database. */
static int on_server(const char *sql)
{
	struct store *s;
	char err[256];
	int rc;

	if (store_open(server, &s, err, sizeof(err)) != KFQ_OK) {
		fprintf(stderr, "testdb: %s\n", err);
		return KFQ_ERR;
	}
	if ((rc = store_exec(s, sql)) != KFQ_OK)
		fprintf(stderr, "testdb: %s\n", store_errmsg(s));
	store_close(s);
	return rc;
}

static int setup(void **state)
{
	static int serial;
	struct store *s;
	char err[256], sql[128];
	int applied, version;

	if (kind == STORE_SQLITE) {
		snprintf(url, sizeof(url), "/tmp/kfq-unit-XXXXXX");
		int fd = mkstemp(url);
		if (fd < 0)
			return -1;
		close(fd);
	} else {
		const char *slash = strrchr(server, '/');
		snprintf(dbname, sizeof(dbname), "kfq_unit_%d_%d", (int)getpid(), ++serial);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dbname);
		if (!slash || strchr(slash, '?') || on_server(sql) != KFQ_OK)
			return -1;
		snprintf(url, sizeof(url), "%.*s/%s", (int)(slash - server), server, dbname);
	}
	if (store_open(url, &s, err, sizeof(err)) != KFQ_OK) {
		fprintf(stderr, "testdb: %s\n", err);
		return -1;
	}
	/* migration numbers have gaps (each helper's range): the schema reaches the latest */
	if (store_migrate(s, &applied) != KFQ_OK || applied < 1 ||
	    store_schema_version(s, &version) != KFQ_OK || version != store_migrate_latest() ||
	    store_kind(s) != kind) {
		fprintf(stderr, "testdb: migration failed: %s\n", store_errmsg(s));
		store_close(s);
		return -1;
	}
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	char path[640], sql[128];

	store_close(*state);
	if (kind == STORE_PG) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
		return on_server(sql) == KFQ_OK ? 0 : -1;
	}
	unlink(url);
	snprintf(path, sizeof(path), "%s-wal", url);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", url);
	unlink(path);
	return 0;
}

int testdb_main(int argc, char **argv, const char *group, const struct CMUnitTest *tests, size_t n)
{
	char name[96];

	if (argc != 2 || (strcmp(argv[1], "sqlite") != 0 && strcmp(argv[1], "pg") != 0)) {
		fprintf(stderr, "usage: %s sqlite|pg\n", argv[0]);
		return 2;
	}
	kind = !strcmp(argv[1], "pg") ? STORE_PG : STORE_SQLITE;
	if (kind == STORE_PG) {
		server = getenv("KFQ_TEST_PG");
		if (!server || !*server) {
			printf("KFQ_TEST_PG is not set: skipped\n");
			return 77;
		}
	}
	snprintf(name, sizeof(name), "%s (%s)", group, argv[1]);
	return _cmocka_run_group_tests(name, tests, n, setup, teardown);
}

const char *testdb_url(void)
{
	return url;
}

int64_t testdb_audit_count(struct store *s)
{
	int64_t n = -1;

	assert_int_equal(store_query_int(s, "SELECT COUNT(*) FROM audit_log", &n), KFQ_OK);
	return n;
}

void testdb_test_chain(void **state)
{
	struct store *s = *state;
	struct audit_verify v;

	audit_verify_init(&v);
	assert_int_equal(store_audit_verify(s, &v), KFQ_OK);
	assert_int_equal(v.broken_seq, 0);
	assert_int_equal(v.count, testdb_audit_count(s));
}
