/* html.h - text into HTML: the escaping every printable page (督办单, statements) shares. */
#ifndef KFQ_UTIL_HTML_H
#define KFQ_UTIL_HTML_H

#include "util/strbuf.h"

#include <stddef.h>

/* Appends s[0..n) with & < > " ' escaped. */
void html_escape_n(struct strbuf *sb, const char *s, size_t n);
/* The same for a NUL-terminated string; NULL appends nothing. */
void html_escape(struct strbuf *sb, const char *s);

#endif
