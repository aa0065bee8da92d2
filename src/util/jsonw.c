/* jsonw.c - JSON writer. Escaping uses a 256-entry table so the common case (no escape) is one
 * lookup per byte; UTF-8 is validated so bad input cannot produce invalid JSON. */
#include "util/jsonw.h"

#include "util/log.h"

#include <stdio.h>
#include <string.h>

/* 0: copy as is; 'u': \u00XX; other: the letter after a backslash; 'U': start of multibyte */
static const char esc[256] = {
    ['\b'] = 'b',  ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r', ['"'] = '"',
    ['\\'] = '\\', [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
    [0x05] = 'u',  [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u', [0x0f] = 'u',
    [0x10] = 'u',  [0x11] = 'u', [0x12] = 'u', [0x13] = 'u', [0x14] = 'u', [0x15] = 'u',
    [0x16] = 'u',  [0x17] = 'u', [0x18] = 'u', [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u',
    [0x1c] = 'u',  [0x1d] = 'u', [0x1e] = 'u', [0x1f] = 'u', [0x7f] = 'u', [0x80 ... 0xff] = 'U',
};

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;

	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		len = 2;
		min = 0x80;
	} else if (c < 0xf0) {
		len = 3;
		min = 0x800;
	} else if (c < 0xf5) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	unsigned cp = c & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t json_plain_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, l;

	while (i < n) {
		char e = esc[p[i]];
		if (!(l = !e ? 1 : e == 'U' ? utf8_len(p + i, n - i) : 0))
			break;
		i += l;
	}
	return i;
}

void json_escape(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	strbuf_grow(sb, n + 2);
	sb->buf[sb->len++] = '"';
	while (i < n) {
		char e = esc[p[i]];
		if (!e) {
			i++;
			continue;
		}
		if (e == 'U') {
			size_t l = utf8_len(p + i, n - i);
			if (l) {
				i += l;
				continue;
			}
		}
		strbuf_add(sb, s + start, i - start);
		if (e == 'U')
			strbuf_add(sb, "\xef\xbf\xbd", 3);
		else if (e == 'u')
			strbuf_addf(sb, "\\u%04x", p[i]);
		else {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, e);
		}
		start = ++i;
	}
	/* the common case, nothing escaped, is one copy into the room grown above */
	strbuf_grow(sb, i - start + 1);
	memcpy(sb->buf + sb->len, s + start, i - start);
	sb->len += i - start;
	sb->buf[sb->len++] = '"';
	sb->buf[sb->len] = 0;
}

void jsonw_init(struct jsonw *w, struct strbuf *sb)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
}

static void sep(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->need_comma[w->depth])
		strbuf_addch(w->sb, ',');
	w->need_comma[w->depth] = true;
}

static void open(struct jsonw *w, char c)
{
	sep(w);
	if (w->depth >= JSONW_MAX_DEPTH)
		fatal("jsonw: nesting deeper than %d", JSONW_MAX_DEPTH);
	strbuf_addch(w->sb, c);
	w->need_comma[++w->depth] = false;
}

static void close_(struct jsonw *w, char c)
{
	if (w->depth <= 0)
		fatal("jsonw: close without open");
	w->depth--;
	strbuf_addch(w->sb, c);
}

void jsonw_obj_open(struct jsonw *w)
{
	open(w, '{');
}

void jsonw_obj_close(struct jsonw *w)
{
	close_(w, '}');
}

void jsonw_arr_open(struct jsonw *w)
{
	open(w, '[');
}

void jsonw_arr_close(struct jsonw *w)
{
	close_(w, ']');
}

void jsonw_key(struct jsonw *w, const char *key)
{
	sep(w);
	json_escape(w->sb, key, strlen(key));
	strbuf_addch(w->sb, ':');
	w->after_key = true;
}

void jsonw_strn(struct jsonw *w, const char *s, size_t n)
{
	sep(w);
	json_escape(w->sb, s, n);
}

void jsonw_str(struct jsonw *w, const char *s)
{
	if (!s) {
		jsonw_null(w);
		return;
	}
	jsonw_strn(w, s, strlen(s));
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	/* as unsigned, so that INT64_MIN negates */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	sep(w);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(w->sb, p, (size_t)(buf + sizeof(buf) - p));
}

void jsonw_bool(struct jsonw *w, bool v)
{
	sep(w);
	strbuf_addstr(w->sb, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
	sep(w);
	strbuf_addstr(w->sb, "null");
}

void jsonw_raw(struct jsonw *w, const char *json, size_t n)
{
	sep(w);
	strbuf_add(w->sb, json, n);
}

void jsonw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jsonw_key(w, key);
	jsonw_str(w, s);
}

void jsonw_kint(struct jsonw *w, const char *key, int64_t v)
{
	jsonw_key(w, key);
	jsonw_int(w, v);
}

void jsonw_kbool(struct jsonw *w, const char *key, bool v)
{
	jsonw_key(w, key);
	jsonw_bool(w, v);
}

void jsonw_knull(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	jsonw_null(w);
}

void jsonw_kid(struct jsonw *w, const char *key, int64_t id)
{
	jsonw_key(w, key);
	if (id)
		jsonw_int(w, id);
	else
		jsonw_null(w);
}
