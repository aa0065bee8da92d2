/* log.h - result codes, fatal errors and plain log lines shared by every module.
 * Must not depend on anything else of kfq's. */
#ifndef KFQ_UTIL_LOG_H
#define KFQ_UTIL_LOG_H

#include <stddef.h>

/* Result codes: 0 is success, negatives are errors every layer understands. */
enum {
	KFQ_OK = 0,
	KFQ_ERR = -1,         /* generic failure; the callee logged the reason */
	KFQ_ENOTFOUND = -2,   /* no such row / file / name */
	KFQ_ECONFLICT = -3,   /* unique constraint or concurrent change */
	KFQ_EINVAL = -4,      /* input breaks a rule */
	KFQ_EBUSY = -5,       /* database locked past its lock timeout: try again (503) */
	KFQ_EIO = -6,         /* operating-system or network I/O failed */
	KFQ_ECONSTRAINT = -7, /* foreign key or check constraint */
	KFQ_EUNAVAIL = -8,    /* the database server cannot be reached (connection lost) */
	KFQ_ESTATE = -9,      /* the record's state does not allow this step (a workflow refusal) */
	KFQ_ESTALE = -10,     /* what the caller took as read has changed: read it again */
	KFQ_ROW = 100,        /* store_step: a row is ready */
	KFQ_DONE = 101,       /* store_step: no more rows */
};

/* Broken invariant or out of memory: log and abort. Never returns. */
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *fmt, ...);

/* One line on stderr, prefixed "kfq: ". */
__attribute__((format(printf, 1, 2))) void log_error(const char *fmt, ...);

/* malloc/realloc/strdup that call fatal() instead of returning NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
