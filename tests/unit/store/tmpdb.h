/* tmpdb.h - a SQLite test's own temporary directory and database file in it, as a cmocka
 * fixture: for tests that open the file themselves (several connections, a killed process),
 * which testdb.h's one migrated store per group does not serve. */
#ifndef KFQ_TESTS_TMPDB_H
#define KFQ_TESTS_TMPDB_H

struct tmpdb {
	char dir[64];  /* a temporary directory of its own */
	char path[96]; /* the database in it (not created) */
};

/* cmocka setup: *state becomes a struct tmpdb *, owned by the fixture. */
int tmpdb_setup(void **state);
/* cmocka teardown: removes the database, its -wal and -shm, the directory, and frees *state. */
int tmpdb_teardown(void **state);

#endif
