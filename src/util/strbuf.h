/* strbuf.h - a growable byte buffer, always NUL-terminated (git's strbuf, Redis's sds).
 * Responses and SQL-free text are built in it. The buffer is heap memory owned by the strbuf:
 * strbuf_release() frees it, strbuf_detach() hands it to the caller (free() it). */
#ifndef KFQ_UTIL_STRBUF_H
#define KFQ_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
	char *buf;    /* NUL-terminated contents; never NULL after init */
	size_t len;   /* bytes used, excluding the NUL */
	size_t alloc; /* bytes allocated; 0 while buf points at the shared empty string */
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_empty, 0, 0                                                                 \
	}
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
/* v in decimal, as printf's %lld writes it, without printf: bulk writers (a statement's 80,000
 * lines, COPY rows) write millions of numbers. */
void strbuf_addint(struct strbuf *sb, int64_t v);
__attribute__((format(printf, 2, 3))) void strbuf_addf(struct strbuf *sb, const char *fmt, ...);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

#endif
