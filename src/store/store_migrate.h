/* store_migrate.h - numbered schema migrations, embedded in the binary at build time and
 * applied in order, each in its own transaction, by `kfq migrate` and at `kfq serve` start. */
#ifndef KFQ_STORE_MIGRATE_H
#define KFQ_STORE_MIGRATE_H

#include "store/store.h"

enum store_migration_dialect { STORE_MIGRATION_ALL, STORE_MIGRATION_SQLITE, STORE_MIGRATION_PG };

struct store_migration {
	int version;      /* NNNN from the file name; applied in ascending order */
	const char *name; /* the rest of the file name */
	enum store_migration_dialect dialect;
	const char *sql; /* may hold {{ID}} for the backend's auto-increment primary key */
};

extern const struct store_migration store_migrations[];
extern const int store_nmigrations;

/* Applies every pending migration. *applied (may be NULL) gets how many ran. */
int store_migrate(struct store *s, int *applied);
/* The highest applied version, 0 for an empty database. */
int store_schema_version(struct store *s, int *version);
/* The highest version this binary knows. */
int store_migrate_latest(void);

#endif
