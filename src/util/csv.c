/* csv.c - CSV writer. A field that starts with = + - @, or with a tab or carriage return
 * (which a spreadsheet skips before reading = as a formula), is prefixed with ' so that it is
 * not run as a formula (CSV injection, OWASP's list). */
#include "util/csv.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

void csv_begin(struct csv *c, struct strbuf *sb)
{
	c->sb = sb;
	c->col = 0;
	strbuf_add(sb, "\xef\xbb\xbf", 3);
}

static void sep(struct csv *c)
{
	if (c->col++)
		strbuf_addch(c->sb, ',');
}

void csv_text(struct csv *c, const char *s)
{
	sep(c);
	if (!s)
		return;
	bool formula = s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		strbuf_addch(c->sb, '"');
	if (formula)
		strbuf_addch(c->sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(c->sb, '"');
		strbuf_addch(c->sb, *s);
	}
	if (quote)
		strbuf_addch(c->sb, '"');
}

void csv_int(struct csv *c, int64_t v)
{
	sep(c);
	strbuf_addf(c->sb, "%" PRId64, v);
}

void csv_bp_percent(struct csv *c, int64_t bp)
{
	/* the magnitude unsigned, so that the sign is written once whatever the quotient (-0.85 %
	 * has none) and INT64_MIN has one */
	uint64_t m = bp < 0 ? 0 - (uint64_t)bp : (uint64_t)bp;

	sep(c);
	strbuf_addf(c->sb, "%s%" PRIu64 ".%02" PRIu64 "%%", bp < 0 ? "-" : "", m / 100, m % 100);
}

/* -?digits[.digits]: nothing a spreadsheet runs, so the minus needs no neutralising. */
static bool plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

void csv_number(struct csv *c, const char *s)
{
	if (!s || !plain_number(s)) {
		csv_text(c, s);
		return;
	}
	sep(c);
	strbuf_addstr(c->sb, s);
}

void csv_end_row(struct csv *c)
{
	strbuf_add(c->sb, "\r\n", 2);
	c->col = 0;
}
