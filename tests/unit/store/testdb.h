/* testdb.h - the store unit tests' database: a fresh, migrated one per test group, on the
 * backend the program was started for. `sqlite`: a temporary file. `pg`: a new database on
 * the PostgreSQL server named by KFQ_TEST_PG (make test's throwaway cluster), dropped
 * afterwards; without KFQ_TEST_PG the program exits 77, which meson counts as skipped. */
#ifndef KFQ_TESTS_TESTDB_H
#define KFQ_TESTS_TESTDB_H

#include "store/store.h"
#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Runs the tests against a fresh database (each test's state is its struct store *). argv[1]
 * is "sqlite" or "pg". Returns the exit status for main. */
int testdb_main(int argc, char **argv, const char *group, const struct CMUnitTest *tests, size_t n);

/* The URL of the test's database (for a connection of its own), valid during the test. */
const char *testdb_url(void);
/* The audit log's records. */
int64_t testdb_audit_count(struct store *s);
/* A test that the audit chain of every record the group wrote verifies (its last test). */
void testdb_test_chain(void **state);

#endif
