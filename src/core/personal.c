/* personal.c - masking personal identifiers and writing them as personal fields. Must not
 * decide who may see them unmasked: the caller says so through jsonw.reveal_personal. */
#include "core/personal.h"

#include <string.h>

/* Bytes of the UTF-8 character starting with byte c (1 for stray continuation bytes). */
static size_t char_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* The length in bytes of the character at s, never past the terminating NUL. */
static size_t next_char(const char *s)
{
	size_t n = char_len((unsigned char)*s), i = 1;

	while (i < n && s[i])
		i++;
	return i;
}

static size_t count_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s += next_char(s))
		n++;
	return n;
}

/* Keeps the first `head` and last `tail` characters, one '*' for each other character. */
static void mask_chars(struct strbuf *sb, const char *s, size_t head, size_t tail)
{
	size_t n = count_chars(s), i = 0;

	if (head + tail >= n)
		head = tail = 0;
	for (; *s; i++) {
		size_t l = next_char(s);
		if (i < head || i >= n - tail)
			strbuf_add(sb, s, l);
		else
			strbuf_addch(sb, '*');
		s += l;
	}
}

static void mask_phone(struct strbuf *sb, const char *s)
{
	size_t digits = 0, i = 0, head, tail;

	for (const char *p = s; *p; p++)
		digits += *p >= '0' && *p <= '9';
	head = digits >= 11 ? 3 : 0;
	tail = digits >= 7 ? 4 : 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9') {
			strbuf_addch(sb, *s);
			continue;
		}
		strbuf_addch(sb, i < head || i >= digits - tail ? *s : '*');
		i++;
	}
}

static void mask_email(struct strbuf *sb, const char *s)
{
	const char *at = strrchr(s, '@');

	if (!at || at == s) {
		strbuf_addstr(sb, "***");
		return;
	}
	strbuf_add(sb, s, next_char(s));
	strbuf_addstr(sb, "***");
	strbuf_addstr(sb, at);
}

void personal_mask(struct strbuf *sb, enum personal_kind kind, const char *value)
{
	switch (kind) {
	case PERSONAL_ID_NUMBER: {
		/* a short value (a mistyped number) keeps nothing */
		bool keep = count_chars(value) >= 8;
		mask_chars(sb, value, keep ? 3 : 0, keep ? 4 : 0);
		return;
	}
	case PERSONAL_PHONE:
		mask_phone(sb, value);
		return;
	case PERSONAL_EMAIL:
		mask_email(sb, value);
		return;
	}
}

const char *personal_masked(struct arena *a, enum personal_kind kind, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	if (!value)
		return NULL;
	personal_mask(&sb, kind, value);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

const char *personal_view(struct arena *a, enum personal_kind kind, const char *value, bool reveal)
{
	return reveal ? value : personal_masked(a, kind, value);
}

void personal_str(struct jsonw *w, enum personal_kind kind, const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	if (!value || w->reveal_personal) {
		jsonw_str(w, value);
		return;
	}
	personal_mask(&sb, kind, value);
	jsonw_strn(w, sb.buf, sb.len);
	strbuf_release(&sb);
}

void personal_kstr(struct jsonw *w, const char *key, enum personal_kind kind, const char *value)
{
	jsonw_key(w, key);
	personal_str(w, kind, value);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool personal_id_number_valid(const char *s)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int sum = 0, year, month, day;

	if (strlen(s) != 18 || !digits(s, 17))
		return false;
	year = num(s + 6, 4);
	month = num(s + 10, 2);
	day = num(s + 12, 2);
	if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 ||
	    day > mdays[month - 1])
		return false;
	if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return false;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weight[i];
	return s[17] == check[sum % 11];
}
