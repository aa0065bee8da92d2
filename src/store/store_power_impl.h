/* store_power_impl.h - what the powers store files share; private to store/. */
#ifndef KFQ_STORE_POWER_IMPL_H
#define KFQ_STORE_POWER_IMPL_H

#include "store/store_power.h"

/* The catalogue's columns, POWER_COLS in store_power.c's order, read from column col on. */
#define STORE_POWER_COLS                                                                           \
	"p.id, p.dept_org_id, o.name, p.code, p.name, p.kind, p.legal_basis, p.statutory_days, "   \
	"p.promised_days, p.accept_incomplete, p.notify_commit, p.created_at, p.updated_at"
#define STORE_POWER_NCOLS 13
void store_power_read_at(struct store_stmt *st, struct arena *a, struct store_power *p, int col);

struct store_sql;
/* Appends " AND (" a " in the scope OR " b " in it)" (store_sql_scope) unless the scope is
 * everything: a record both a zone and a department (or a handler and a reporter) share. */
void store_power_scope_either(struct store_sql *q, const char *a, const char *b,
                              const struct store_scope *scope);

/* The sides of a shared record on which a scope's organization holds rows: a or b of
 * store_power_scope_side, both when not known. */
enum { STORE_SIDE_A = 1, STORE_SIDE_B = 2, STORE_SIDE_BOTH = 3 };
/* As store_power_scope_either, naming only the column of the side(s) in sides: the caller has
 * found the other side empty for the scope (a zone is no delegation's department). */
void store_power_scope_side(struct store_sql *q, const char *a, const char *b,
                            const struct store_scope *scope, int sides);

#endif
