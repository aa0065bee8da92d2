/* csv.h - CSV output (RFC 4180) for exports: fields quoted when needed, CRLF line ends, and a
 * UTF-8 byte-order mark first so that Excel and WPS open Chinese text correctly. */
#ifndef KFQ_UTIL_CSV_H
#define KFQ_UTIL_CSV_H

#include "util/strbuf.h"

#include <stdint.h>

struct csv {
	struct strbuf *sb;
	int col; /* fields written on the current row */
};

/* Writes the byte-order mark. */
void csv_begin(struct csv *c, struct strbuf *sb);
void csv_text(struct csv *c, const char *s); /* NULL writes an empty field */
void csv_int(struct csv *c, int64_t v);
/* A share in basis points (0 to 10000 = 100 %) as "50.00%", which Excel and WPS read as a number.
 */
void csv_bp_percent(struct csv *c, int64_t bp);
/* A decimal number's text (-176000.00) as a number: written as it is when it is one
 * (-?digits[.digits]), else as csv_text writes it. */
void csv_number(struct csv *c, const char *s);
void csv_end_row(struct csv *c);

#endif
