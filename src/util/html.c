/* html.c - HTML escaping. Must not add markup of its own. */
#include "util/html.h"

#include <string.h>

void html_escape_n(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(sb, "&quot;");
			break;
		case '\'':
			strbuf_addstr(sb, "&#39;");
			break;
		default:
			strbuf_addch(sb, s[i]);
		}
	}
}

void html_escape(struct strbuf *sb, const char *s)
{
	if (s)
		html_escape_n(sb, s, strlen(s));
}
