/* policy_text.c - UTF-8 and string helpers for the policy parser: code points, spaces, trims,
 * searches, and the arena-backed growable string and arrays. Knows nothing of policy texts;
 * must not allocate outside the arena it is given. */
#include "core/policy_parse_int.h"

#include "util/log.h"
#include "util/textconv.h"

#include <stdint.h>
#include <string.h>

size_t pp_cp_at(const char *s, size_t n, size_t i, uint32_t *c)
{
	return textconv_utf8_next(s + i, n - i, c);
}

/* The code point ending at s[i) (i > 0): its length, and the code point in *c. */
size_t pp_cp_before(const char *s, size_t i, uint32_t *c)
{
	size_t k = i - 1;

	while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	if (k + textconv_utf8_next(s + k, i - k, c) != i) {
		*c = 0xfffd;
		return 1;
	}
	return i - k;
}

/* c is one of the code points of the UTF-8 string set */
bool pp_cp_in(uint32_t c, const char *set)
{
	size_t n = strlen(set), i = 0;

	while (i < n) {
		uint32_t x;
		i += pp_cp_at(set, n, i, &x);
		if (x == c)
			return true;
	}
	return false;
}

/* Spaces trimmed at line ends: ASCII, NBSP, ideographic, the U+2000 block, zero-width. */
bool pp_is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0xa0 || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x205f || c == 0xfeff ||
	       c == 0x1680;
}

bool pp_is_han(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}

bool pp_is_open(uint32_t c)
{
	return c == '(' || c == 0xff08;
}

bool pp_is_close(uint32_t c)
{
	return c == ')' || c == 0xff09;
}

bool pp_is_colon(uint32_t c)
{
	return c == ':' || c == 0xff1a;
}

bool pp_is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

int pp_digit_value(uint32_t c)
{
	return c <= '9' ? (int)(c - '0') : (int)(c - 0xff10);
}

bool pp_has_prefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && !memcmp(s, lit, k);
}

bool pp_has_suffix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && !memcmp(s + n - k, lit, k);
}

/* Byte offset of lit in s[from..n), or n. Byte search is safe: UTF-8 never matches mid-char. */
size_t pp_find(const char *s, size_t n, size_t from, const char *lit)
{
	size_t k = strlen(lit);

	if (from > n)
		return n;
	const char *hit = memmem(s + from, n - from, lit, k);
	return hit ? (size_t)(hit - s) : n;
}

size_t pp_cp_count(const char *s, size_t n)
{
	size_t i = 0, k = 0;
	uint32_t c;

	while (i < n) {
		i += pp_cp_at(s, n, i, &c);
		k++;
	}
	return k;
}

size_t pp_skip_ws(const char *s, size_t n, size_t i)
{
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		if (!pp_is_ws(c))
			break;
		i += k;
	}
	return i;
}

/* Trims spaces at both ends of s[*b..*e). */
void pp_trim(const char *s, size_t *b, size_t *e)
{
	uint32_t c;

	*b = pp_skip_ws(s, *e, *b);
	while (*e > *b) {
		size_t k = pp_cp_before(s, *e, &c);
		if (!pp_is_ws(c))
			break;
		*e -= k;
	}
}

/* Trims spaces and any code point of set at both ends. */
void pp_trim_set(const char *s, size_t *b, size_t *e, const char *set)
{
	uint32_t c;

	while (*b < *e) {
		size_t k = pp_cp_at(s, *e, *b, &c);
		if (!pp_is_ws(c) && !pp_cp_in(c, set))
			break;
		*b += k;
	}
	while (*e > *b) {
		size_t k = pp_cp_before(s, *e, &c);
		if (!pp_is_ws(c) && !pp_cp_in(c, set))
			break;
		*e -= k;
	}
}

bool pp_has_any(const char *s, size_t n, const char *set)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		i += pp_cp_at(s, n, i, &c);
		if (pp_cp_in(c, set))
			return true;
	}
	return false;
}

void pp_sb_init(struct sbuf *b, struct arena *a)
{
	b->a = a;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

void pp_sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (n > SIZE_MAX / 4 - b->len)
		fatal("policy_parse: text too large");
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *np = arena_alloc(b->a, cap);
		if (b->len)
			memcpy(np, b->p, b->len);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

void pp_sb_adds(struct sbuf *b, const char *s)
{
	pp_sb_add(b, s, strlen(s));
}

void pp_sb_addcp(struct sbuf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	pp_sb_add(b, u, n);
}

/* Appends a paragraph: '\n' between paragraphs, empty ones skipped. */
void pp_sb_para(struct sbuf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (b->len)
		pp_sb_add(b, "\n", 1);
	pp_sb_add(b, s, n);
}

const char *pp_sb_str(const struct sbuf *b)
{
	return b->len ? b->p : "";
}

/* Makes room for one more element of size `size` in arr[n] (capacity *cap). */
void *pp_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	size_t nc = *cap ? *cap * 2 : 8;
	if (nc > SIZE_MAX / size)
		fatal("policy_parse: too many elements");
	void *np = arena_alloc(a, nc * size);
	if (n)
		memcpy(np, arr, n * size);
	*cap = nc;
	return np;
}

char *pp_clip(struct arena *a, const char *s, size_t n, const char *stops, size_t max_cps)
{
	size_t e = 0, k = 0;
	uint32_t c;

	while (e < n && k < max_cps) {
		size_t l = pp_cp_at(s, n, e, &c);
		if (pp_cp_in(c, stops))
			break;
		e += l;
		k++;
	}
	return arena_printf(a, "%.*s%s", (int)e, s, e < n && k == max_cps ? "…" : "");
}

/* whether text[i..) starts with a space that may end a line: ' ', '\t', '\r' or U+3000 */
static size_t end_space(const char *text, size_t len, size_t i)
{
	if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')
		return 1;
	if (i + 3 <= len && !memcmp(text + i, "\xe3\x80\x80", 3))
		return 3;
	return 0;
}

const char *policy_text_key(struct arena *a, const char *text, size_t len, size_t *out_len)
{
	char *out = arena_alloc(a, len + 1);
	size_t n = 0, kept = 0; /* kept: the length up to the last line with text */

	for (size_t i = 0; i < len;) {
		size_t end = i, text_end = i;
		while (end < len && text[end] != '\n')
			end++;
		/* the line without its closing spaces */
		for (size_t k = i; k < end;) {
			size_t w = end_space(text, end, k);
			/* byte by byte: U+3000's bytes cannot occur inside another code point */
			k += w ? w : 1;
			if (!w)
				text_end = k;
		}
		if (text_end > i || n > 0) { /* blank lines before the first text are dropped */
			memcpy(out + n, text + i, text_end - i);
			n += text_end - i;
			if (text_end > i)
				kept = n;
			out[n++] = '\n';
		}
		i = end < len ? end + 1 : end;
	}
	out[kept] = '\0';
	*out_len = kept;
	return out;
}
