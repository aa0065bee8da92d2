/* org_import.h - parses the organization import file: UTF-8 tab-separated lines
 *   name <TAB> type <TAB> parent name <TAB> zone level <TAB> aliases (|-separated) <TAB> sample
 * Empty cells are allowed for parent, level, aliases and sample (0/1, 是/否). Lines starting
 * with # and blank lines are skipped; a first row starting with "name<TAB>" is a header.
 * Every problem is reported with its line number; nothing is silently dropped. Pure. */
#ifndef KFQ_CORE_ORG_IMPORT_H
#define KFQ_CORE_ORG_IMPORT_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

#define ORG_IMPORT_MAX_ROWS    10000
#define ORG_IMPORT_MAX_ALIASES 20

struct org_import_row {
	int line;
	const char *name;
	const char *type;
	const char *parent; /* NULL = a root */
	const char *level;  /* NULL unless a zone */
	const char **aliases;
	int naliases;
	bool is_sample;
};

struct org_import {
	struct org_import_row *rows;
	int nrows;
	int error_line;    /* 0 when the file parsed */
	const char *error; /* Chinese message, arena or static */
};

/* Parses buf into out (arena-owned). Returns 0, or -1 with out->error_line and out->error set
 * for the first problem found. A parent must be defined on an earlier line or already exist
 * (that is checked at import, not here). */
int org_import_parse(const char *buf, size_t len, struct arena *a, struct org_import *out);

#endif
