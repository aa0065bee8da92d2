/* jcanon.c - canonical JSON writer over jansson values. */
#include "util/jcanon.h"

#include "util/jsonw.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

static int cmp_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int write_value(struct strbuf *sb, const json_t *v, int depth)
{
	if (depth > MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_NULL:
		strbuf_addstr(sb, "null");
		return 0;
	case JSON_TRUE:
		strbuf_addstr(sb, "true");
		return 0;
	case JSON_FALSE:
		strbuf_addstr(sb, "false");
		return 0;
	case JSON_INTEGER:
		strbuf_addf(sb, "%" PRId64, (int64_t)json_integer_value(v));
		return 0;
	case JSON_REAL:
		return -1;
	case JSON_STRING:
		json_escape(sb, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_ARRAY: {
		size_t i;
		const json_t *e;
		strbuf_addch(sb, '[');
		json_array_foreach(v, i, e)
		{
			if (i)
				strbuf_addch(sb, ',');
			if (write_value(sb, e, depth + 1))
				return -1;
		}
		strbuf_addch(sb, ']');
		return 0;
	}
	case JSON_OBJECT: {
		size_t n = json_object_size(v), i = 0;
		const char **keys = malloc((n ? n : 1) * sizeof(*keys));
		const char *k;
		const json_t *e;
		int rc = 0;
		if (!keys)
			return -1;
		json_object_foreach((json_t *)v, k, e) keys[i++] = k;
		qsort(keys, n, sizeof(*keys), cmp_keys);
		strbuf_addch(sb, '{');
		for (i = 0; i < n && !rc; i++) {
			if (i)
				strbuf_addch(sb, ',');
			json_escape(sb, keys[i], strlen(keys[i]));
			strbuf_addch(sb, ':');
			rc = write_value(sb, json_object_get(v, keys[i]), depth + 1);
		}
		strbuf_addch(sb, '}');
		free(keys);
		return rc;
	}
	}
	return -1;
}

int jcanon_write(struct strbuf *sb, const json_t *v)
{
	return write_value(sb, v, 0);
}

/* ---- jcanon_is: the text read as jcanon_write would write its value ---- */

struct cur {
	const char *p, *end;
};

static bool take(struct cur *c, char ch)
{
	if (c->p == c->end || *c->p != ch)
		return false;
	c->p++;
	return true;
}

static bool take_word(struct cur *c, const char *w, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n))
		return false;
	c->p += n;
	return true;
}

/* A string as json_escape writes it: what it copies as is, and the escapes it writes with a
 * letter (never \u: those and \/ are left to the parser); a key none at all. *s, *n: its
 * bytes between the quotes. */
static bool is_string(struct cur *c, bool key, const char **s, size_t *n)
{
	if (!take(c, '"'))
		return false;
	*s = c->p;
	for (;;) {
		c->p += json_plain_len(c->p, (size_t)(c->end - c->p));
		if (take(c, '"'))
			break;
		if (key || !take(c, '\\') || c->p == c->end || !strchr("\"\\bfnrt", *c->p) ||
		    !*c->p)
			return false;
		c->p++;
	}
	*n = (size_t)(c->p - *s) - 1;
	return true;
}

/* An integer as "%" PRId64 writes it, of at most 18 digits (within int64, as jansson reads
 * it); no fraction or exponent follows, as what may follow a value is checked by its
 * container. */
static bool is_integer(struct cur *c)
{
	bool minus = take(c, '-');
	const char *d = c->p;

	if (take(c, '0'))
		return !minus && (c->p == c->end || *c->p < '0' || *c->p > '9');
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	return c->p > d && c->p - d <= 18;
}

static bool is_value(struct cur *c, int depth);

/* keys in strictly increasing strcmp order: sorted, and none twice (jansson keeps the last) */
static bool is_object(struct cur *c, int depth)
{
	const char *prev = NULL, *k;
	size_t nprev = 0, nk;

	if (take(c, '}'))
		return true;
	do {
		if (!is_string(c, true, &k, &nk) || !take(c, ':') || !is_value(c, depth + 1))
			return false;
		if (prev) {
			int cmp = memcmp(prev, k, nprev < nk ? nprev : nk);
			if (cmp > 0 || (cmp == 0 && nprev >= nk))
				return false;
		}
		prev = k;
		nprev = nk;
	} while (take(c, ','));
	return take(c, '}');
}

static bool is_array(struct cur *c, int depth)
{
	if (take(c, ']'))
		return true;
	do
		if (!is_value(c, depth + 1))
			return false;
	while (take(c, ','));
	return take(c, ']');
}

static bool is_value(struct cur *c, int depth)
{
	const char *s;
	size_t n;

	if (depth > MAX_DEPTH || c->p == c->end)
		return false;
	switch (*c->p) {
	case 'n':
		return take_word(c, "null", 4);
	case 't':
		return take_word(c, "true", 4);
	case 'f':
		return take_word(c, "false", 5);
	case '"':
		return is_string(c, false, &s, &n);
	case '{':
		c->p++;
		return is_object(c, depth);
	case '[':
		c->p++;
		return is_array(c, depth);
	default:
		return is_integer(c);
	}
}

bool jcanon_is(const char *s, size_t n)
{
	struct cur c = {s, s + n};

	return is_value(&c, 0) && c.p == c.end;
}
