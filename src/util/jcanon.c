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
