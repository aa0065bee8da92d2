/* textconv.c - encoding detection and conversion to UTF-8 for uploaded text files.
 * iconv does the converting; this file decides what to convert from and refuses what is not
 * text. Must not write anywhere but the caller's arena, and must not log: the caller shows
 * the message to the user. */
#include "util/textconv.h"

#include "util/log.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

size_t textconv_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (n < len)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

size_t textconv_chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

bool textconv_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = textconv_utf8_next(s + i, n - i, &cp);

		/* U+FFFD written out in full is three bytes; a one-byte U+FFFD is a decode error.
		 */
		if (cp == 0xfffd && k == 1)
			return false;
		i += k;
	}
	return true;
}

const char *textconv_encoding_name(enum textconv_encoding e)
{
	switch (e) {
	case TEXTCONV_UTF8:
		return "UTF-8";
	case TEXTCONV_UTF8_BOM:
		return "UTF-8 (BOM)";
	case TEXTCONV_UTF16LE:
		return "UTF-16LE";
	case TEXTCONV_UTF16BE:
		return "UTF-16BE";
	case TEXTCONV_GB18030:
		return "GB18030";
	}
	return "UTF-8";
}

/* Tab, LF, VT, FF and CR are text; every other C0 byte and DEL mark a binary file. */
static bool has_control(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];

		if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c == 0x7f)
			return true;
	}
	return false;
}

void textconv_sniff_init(struct textconv_sniff *s)
{
	memset(s, 0, sizeof(*s));
}

/* One byte of the UTF-8 check: no overlongs, surrogates or values past U+10FFFF. */
static void utf8_byte(struct textconv_sniff *s, unsigned c)
{
	if (s->utf8_need) {
		if ((c & 0xc0) != 0x80) {
			s->utf8_bad = true;
			s->utf8_need = 0;
			return;
		}
		s->cp = (s->cp << 6) | (c & 0x3f);
		if (--s->utf8_need == 0 &&
		    (s->cp < s->cp_min || s->cp > 0x10ffff || (s->cp >= 0xd800 && s->cp <= 0xdfff)))
			s->utf8_bad = true;
		return;
	}
	if (c < 0x80)
		return;
	if (c >= 0xc2 && c <= 0xdf) {
		s->utf8_need = 1;
		s->cp = c & 0x1f;
		s->cp_min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		s->utf8_need = 2;
		s->cp = c & 0x0f;
		s->cp_min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		s->utf8_need = 3;
		s->cp = c & 0x07;
		s->cp_min = 0x10000;
	} else {
		s->utf8_bad = true;
	}
}

/* GB18030 accepts most byte soups, so count how much of the text is ordinary GB2312
 * (lead A1-F7, trail A1-FE): Chinese prose is nearly all of it, Latin-1 and noise are not.
 * A trail byte 30-39 starts a four-byte character. */
static void gb_byte(struct textconv_sniff *s, unsigned c)
{
	if (s->gb_state >= 2) {
		s->gb_state = s->gb_state == 3 ? 0 : s->gb_state + 1;
	} else if (s->gb_state == 1) {
		if (c >= 0x30 && c <= 0x39) {
			s->gb_other++;
			s->gb_state = 2;
			return;
		}
		if (s->gb_lead >= 0xa1 && s->gb_lead <= 0xf7 && c >= 0xa1 && c <= 0xfe)
			s->gb_common++;
		else
			s->gb_other++;
		s->gb_state = 0;
	} else if (c >= 0x80) {
		s->gb_lead = (unsigned char)c;
		s->gb_state = 1;
	}
}

void textconv_sniff_feed(struct textconv_sniff *s, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	s->control = s->control || has_control(p, n);
	for (size_t i = 0; i < n; i++) {
		if (!s->utf8_bad)
			utf8_byte(s, p[i]);
		gb_byte(s, p[i]);
	}
}

int textconv_sniff_result(const struct textconv_sniff *s, enum textconv_encoding *enc,
                          const char **error)
{
	size_t other = s->gb_other + (s->gb_state == 1);

	*enc = TEXTCONV_UTF8;
	*error = NULL;
	if (s->control) {
		*error = TEXTCONV_MSG_BINARY;
		return KFQ_EINVAL;
	}
	if (!s->utf8_bad && s->utf8_need == 0)
		return KFQ_OK;
	if (s->gb_common == 0 || s->gb_common < other) {
		*error = TEXTCONV_MSG_ENCODING;
		return KFQ_EINVAL;
	}
	*enc = TEXTCONV_GB18030;
	return KFQ_OK;
}

/* Converts in[0..n) from `from` to UTF-8 in the arena; KFQ_EINVAL on any invalid sequence. */
static int convert(const char *from, const unsigned char *in, size_t n, struct arena *a, char **out,
                   size_t *out_len)
{
	iconv_t cd = (iconv_t)-1;
	int rc = KFQ_EINVAL;
	char *dst, *ip, *op;
	size_t cap, il, ol;

	/* Every source here needs at most 2 UTF-8 bytes per input byte (GB18030 2->3, 4->4;
	 * UTF-16 2->3, 4->4). */
	if (n > (SIZE_MAX - 16) / 2)
		goto fail;
	cap = 2 * n + 8;
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		rc = KFQ_ERR;
		goto fail;
	}
	dst = arena_alloc(a, cap + 1);
	/* iconv's prototype takes char ** but never writes through the input pointer. */
	ip = (char *)(uintptr_t)in;
	il = n;
	op = dst;
	ol = cap;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
		goto fail;
	if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		goto fail;
	*op = 0;
	*out = dst;
	*out_len = (size_t)(op - dst);
	rc = KFQ_OK;
fail:
	if (cd != (iconv_t)-1 && iconv_close(cd) != 0 && rc == KFQ_OK)
		rc = KFQ_ERR;
	return rc;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static size_t unify_newlines(char *s, size_t n)
{
	size_t w = 0;

	for (size_t r = 0; r < n; r++) {
		if (s[r] == '\r') {
			s[w++] = '\n';
			if (r + 1 < n && s[r + 1] == '\n')
				r++;
		} else {
			s[w++] = s[r];
		}
	}
	s[w] = 0;
	return w;
}

int textconv_to_utf8(const char *buf, size_t len, struct arena *a, struct textconv_text *out)
{
	const unsigned char *p = (const unsigned char *)buf;
	const char *from = NULL;
	char *text = NULL;
	size_t n = 0;
	int rc = KFQ_EINVAL;

	out->text = NULL;
	out->len = 0;
	out->encoding = TEXTCONV_UTF8;
	out->error = TEXTCONV_MSG_EMPTY;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		out->encoding = TEXTCONV_UTF8_BOM;
		p += 3;
		len -= 3;
	} else if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		out->encoding = TEXTCONV_UTF16LE;
		from = "UTF-16LE";
		p += 2;
		len -= 2;
	} else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		out->encoding = TEXTCONV_UTF16BE;
		from = "UTF-16BE";
		p += 2;
		len -= 2;
	} else if (len >= 4 && p[0] == 0x84 && p[1] == 0x31 && p[2] == 0x95 && p[3] == 0x33) {
		/* GB18030's own encoding of U+FEFF */
		out->encoding = TEXTCONV_GB18030;
		from = "GB18030";
		p += 4;
		len -= 4;
	}
	if (len == 0)
		goto fail;

	if (from && out->encoding != TEXTCONV_GB18030) {
		/* UTF-16 hides ASCII control bytes inside code units: check after converting. */
		out->error = TEXTCONV_MSG_ENCODING;
		if (convert(from, p, len, a, &text, &n) != KFQ_OK)
			goto fail;
		out->error = TEXTCONV_MSG_BINARY;
		if (has_control((const unsigned char *)text, n))
			goto fail;
	} else {
		struct textconv_sniff sn;
		enum textconv_encoding enc;

		textconv_sniff_init(&sn);
		textconv_sniff_feed(&sn, p, len);
		if (textconv_sniff_result(&sn, &enc, &out->error) != KFQ_OK)
			goto fail;
		if (!from && enc == TEXTCONV_UTF8) {
			text = arena_strndup(a, (const char *)p, len);
			n = len;
		} else {
			/* announced GB18030 is converted whatever the sniffing thought */
			out->error = TEXTCONV_MSG_ENCODING;
			if (convert("GB18030", p, len, a, &text, &n) != KFQ_OK)
				goto fail;
			out->encoding = TEXTCONV_GB18030;
		}
	}
	n = unify_newlines(text, n);
	out->text = text;
	out->len = n;
	out->error = NULL;
	rc = KFQ_OK;
fail:
	return rc;
}
