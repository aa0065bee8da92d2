/* mail_text.c - the text conversions of mail reading: a body's bytes in the charset it
 * declares (or does not) to UTF-8, and an HTML body to plain text. Pure: arena in, arena out;
 * no GMime here, so that both are tested and fuzzed on their own. */
#include "util/mail.h"

#include "util/strbuf.h"
#include "util/textconv.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Chinese mail declares GB2312 (or GBK) and writes GBK: GB18030 holds them all. */
static const char *iconv_name(const char *charset)
{
	static const char *const gb[] = {"gb2312",      "gbk",    "gb18030",   "cp936",
	                                 "x-gbk",       "euc-cn", "x-euc-cn",  "csgb2312",
	                                 "windows-936", "ms936",  "gb_2312-80"};

	for (size_t i = 0; i < sizeof(gb) / sizeof(gb[0]); i++)
		if (!strcasecmp(charset, gb[i]))
			return "GB18030";
	return charset;
}

static bool is_utf8_name(const char *charset)
{
	return !strcasecmp(charset, "utf-8") || !strcasecmp(charset, "utf8") ||
	       !strcasecmp(charset, "us-ascii") || !strcasecmp(charset, "ascii");
}

/* iconv of the whole input, or NULL when the charset is unknown or a byte does not fit (an
 * incomplete character at the end is dropped when the input was cut there). */
static char *convert(struct arena *a, const char *bytes, size_t len, const char *from, bool cut)
{
	iconv_t cd = iconv_open("UTF-8", from);
	struct strbuf sb;
	char *in = (char *)bytes, *out = NULL;
	size_t left = len;

	if (cd == (iconv_t)-1)
		return NULL;
	strbuf_init(&sb, len * 2 + 16);
	while (left > 0) {
		char buf[4096], *o = buf;
		size_t room = sizeof(buf);
		size_t rc = iconv(cd, &in, &left, &o, &room);
		strbuf_add(&sb, buf, (size_t)(o - buf));
		if (rc == (size_t)-1 && errno == EINVAL && cut)
			break;
		if (rc == (size_t)-1 && errno != E2BIG)
			goto done;
	}
	out = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
done:
	strbuf_release(&sb);
	iconv_close(cd);
	return out;
}

/* Valid UTF-8 kept, every byte of an invalid sequence and every NUL replaced by U+FFFD. */
static char *lossy_utf8(struct arena *a, const char *bytes, size_t len)
{
	struct strbuf sb;
	char *out;

	strbuf_init(&sb, len + 16);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = textconv_utf8_next(bytes + i, len - i, &cp);
		strbuf_add(&sb, bytes + i, k);
		if ((cp == 0xFFFD && k == 1) || cp == 0) {
			sb.len--;
			strbuf_addstr(&sb, "\xEF\xBF\xBD");
		}
		i += k;
	}
	out = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return out;
}

/* CRLF and lone CR as LF, in place. */
static char *lf(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			r += r[1] == '\n';
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return s;
}

/* len without a UTF-8 sequence the cut left incomplete at its end. */
static size_t utf8_whole(const char *s, size_t len)
{
	for (size_t back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = (unsigned char)s[len - back];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > back ? len - back : len;
	}
	return len;
}

static char *to_utf8(struct arena *a, const char *bytes, size_t len, const char *charset, bool cut,
                     bool *replaced)
{
	/* a NUL would end the text early: such a body goes the lossy way */
	bool nul = memchr(bytes, 0, len) != NULL;
	char *out;

	*replaced = false;
	if (!nul && charset && *charset && !is_utf8_name(charset) &&
	    (out = convert(a, bytes, len, iconv_name(charset), cut)) != NULL)
		return out;
	size_t whole = cut ? utf8_whole(bytes, len) : len;
	if (!nul && textconv_utf8_valid(bytes, whole))
		return arena_strndup(a, bytes, whole);
	if (!nul && (out = convert(a, bytes, len, "GB18030", cut)) != NULL)
		return out;
	*replaced = true;
	return lossy_utf8(a, bytes, len);
}

char *mail_text_to_utf8(struct arena *a, const char *bytes, size_t len, const char *charset,
                        bool cut, bool *replaced)
{
	return lf(to_utf8(a, bytes, len, charset, cut, replaced));
}

/* ---- HTML to text ---- */

struct entity {
	const char *name;
	const char *utf8;
};

static const struct entity entities[] = {
    {"amp", "&"},         {"lt", "<"},          {"gt", ">"},         {"quot", "\""},
    {"apos", "'"},        {"nbsp", " "},        {"ldquo", "\u201c"}, {"rdquo", "\u201d"},
    {"lsquo", "\u2018"},  {"rsquo", "\u2019"},  {"mdash", "\u2014"}, {"ndash", "\u2013"},
    {"hellip", "\u2026"}, {"middot", "\u00b7"}, {"times", "\u00d7"}, {"copy", "\u00a9"},
    {"yen", "\u00a5"},    {"emsp", "\u3000"},   {"ensp", " "},       {"bull", "\u2022"},
};

static void add_cp(struct strbuf *sb, uint32_t cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

/* A character reference at s[0] == '&': its text into sb, the bytes it took; 0 when it is
 * none (the '&' is then text). */
static size_t reference(const char *s, size_t n, struct strbuf *sb)
{
	size_t i = 1;

	if (i < n && s[i] == '#') {
		uint32_t cp = 0;
		bool hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
		size_t start = i += hex ? 2 : 1;
		for (; i < n && i - start < 8 &&
		       (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]));
		     i++)
			cp = cp * (hex ? 16 : 10) +
			     (uint32_t)(isdigit((unsigned char)s[i])
			                    ? s[i] - '0'
			                    : (tolower((unsigned char)s[i]) - 'a' + 10));
		if (i == start)
			return 0;
		add_cp(sb, cp);
		return i < n && s[i] == ';' ? i + 1 : i;
	}
	for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
		size_t k = strlen(entities[e].name);
		if (k + 1 < n && !memcmp(s + 1, entities[e].name, k) && s[1 + k] == ';') {
			strbuf_addstr(sb, entities[e].utf8);
			return k + 2;
		}
	}
	return 0;
}

/* Elements that end a line, and those whose content is not text. */
static bool tag_is(const char *name, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && !strncasecmp(name, *set, n))
			return true;
	return false;
}

static const char *const block_tags[] = {
    "br",    "p",  "div", "li",         "tr",  "h1", "h2", "h3", "h4",      "h5",      "h6",
    "table", "ul", "ol",  "blockquote", "pre", "hr", "dd", "dt", "section", "article", NULL};
static const char *const hidden_tags[] = {"script", "style", "head", "title", NULL};

/* Adds a line end unless the text already ends with two (one empty line at most). */
static void newline(struct strbuf *sb)
{
	while (sb->len > 0 && sb->buf[sb->len - 1] == ' ')
		sb->len--;
	if (sb->len == 0 ||
	    (sb->len >= 2 && sb->buf[sb->len - 1] == '\n' && sb->buf[sb->len - 2] == '\n'))
		return;
	strbuf_addch(sb, '\n');
}

/* Skips to the end of the element `name` (case-insensitive), returning the offset after its
 * closing tag, or n. */
static size_t skip_element(const char *s, size_t n, size_t i, const char *name, size_t k)
{
	for (; i + 2 + k <= n; i++)
		if (s[i] == '<' && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, k)) {
			const char *gt = memchr(s + i, '>', n - i);
			return gt ? (size_t)(gt - s) + 1 : n;
		}
	return n;
}

char *mail_html_to_text(struct arena *a, const char *s, size_t n)
{
	struct strbuf sb;
	char *out;

	strbuf_init(&sb, n + 16);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '<') {
			if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
				const char *end = memmem(s + i + 4, n - i - 4, "-->", 3);
				i = end ? (size_t)(end - s) + 3 : n;
				continue;
			}
			const char *gt = memchr(s + i, '>', n - i);
			size_t end = gt ? (size_t)(gt - s) + 1 : n;
			bool closing = i + 1 < n && s[i + 1] == '/';
			size_t p = i + 1 + closing, q = p;
			while (q < end && isalnum((unsigned char)s[q]))
				q++;
			if (!closing && tag_is(s + p, q - p, hidden_tags))
				end = skip_element(s, n, end, s + p, q - p);
			else if (tag_is(s + p, q - p, block_tags))
				newline(&sb);
			i = end;
		} else if (c == '&') {
			size_t k = reference(s + i, n - i, &sb);
			if (k == 0)
				strbuf_addch(&sb, '&');
			i += k ? k : 1;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (sb.len > 0 && sb.buf[sb.len - 1] != ' ' && sb.buf[sb.len - 1] != '\n')
				strbuf_addch(&sb, ' ');
			i++;
		} else {
			strbuf_addch(&sb, c);
			i++;
		}
	}
	while (sb.len > 0 && (sb.buf[sb.len - 1] == ' ' || sb.buf[sb.len - 1] == '\n'))
		sb.len--;
	out = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return out;
}
