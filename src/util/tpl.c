/* tpl.c - the HTML template mechanism of tpl.h: scopes of values and lists, and a renderer that
 * escapes every value it writes. Must not offer any way to write a value as markup. */
#include "util/tpl.h"

#include <stdbool.h>
#include <string.h>

struct entry {
	const char *name;
	const char *value;       /* a value, or NULL for a list */
	struct tpl_scope **item; /* a list's items */
	int n, cap;
	struct entry *next;
};

struct tpl_scope {
	struct arena *a;
	const struct tpl_scope *parent;
	struct entry *first;
};

static struct tpl_scope *scope_new(struct arena *a, const struct tpl_scope *parent)
{
	struct tpl_scope *s = arena_zalloc(a, sizeof(*s));

	s->a = a;
	s->parent = parent;
	return s;
}

struct tpl_scope *tpl_scope_new(struct arena *a)
{
	return scope_new(a, NULL);
}

static struct entry *own(const struct tpl_scope *s, const char *name, size_t len)
{
	for (struct entry *e = s->first; e; e = e->next)
		if (strlen(e->name) == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

static struct entry *add(struct tpl_scope *s, const char *name)
{
	struct entry *e = own(s, name, strlen(name));

	if (!e) {
		e = arena_zalloc(s->a, sizeof(*e));
		e->name = arena_strdup(s->a, name);
		e->next = s->first;
		s->first = e;
	}
	return e;
}

void tpl_set(struct tpl_scope *s, const char *name, const char *value)
{
	if (value)
		add(s, name)->value = value;
}

void tpl_setf(struct tpl_scope *s, const char *name, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tpl_set(s, name, arena_strdup(s->a, sb.buf ? sb.buf : ""));
	strbuf_release(&sb);
}

void tpl_list(struct tpl_scope *s, const char *name)
{
	struct entry *e = add(s, name);

	e->value = NULL;
}

struct tpl_scope *tpl_push(struct tpl_scope *s, const char *list)
{
	struct entry *e = add(s, list);

	e->value = NULL;
	if (e->n == e->cap)
		e->item = arena_grow(s->a, e->item, sizeof(*e->item), &e->cap);
	e->item[e->n] = scope_new(s->a, s);
	return e->item[e->n++];
}

/* The entry name has in s or the nearest scope around it; NULL when unset everywhere. */
static const struct entry *lookup(const struct tpl_scope *s, const char *name, size_t len)
{
	for (; s; s = s->parent) {
		const struct entry *e = own(s, name, len);
		if (e)
			return e;
	}
	return NULL;
}

void tpl_escape(struct strbuf *out, const char *s, size_t n)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		const char *ent;
		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		strbuf_add(out, s + from, i - from);
		strbuf_addstr(out, ent);
		from = i + 1;
	}
	strbuf_add(out, s + from, n - from);
}

/* A tag between p (just after "{{") and its "}}": kind '#', '^', '/' or 0, and the name. */
struct tag {
	char kind;
	const char *name;
	size_t len;
	const char *after; /* just after "}}" */
};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int parse_tag(const char *p, const char *end, struct tag *t)
{
	const char *close;

	t->kind = (p < end && (*p == '#' || *p == '^' || *p == '/')) ? *p++ : 0;
	t->name = p;
	while (p < end && name_char(*p))
		p++;
	t->len = (size_t)(p - t->name);
	close = p;
	if (!t->len || end - close < 2 || close[0] != '}' || close[1] != '}')
		return -1;
	t->after = close + 2;
	return 0;
}

static const char *find_open(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == '{' && p[1] == '{')
			return p;
	return NULL;
}

/* The end of the section opened by t: *body_end at its "{{/name}}", *next after it. */
static int section_end(const struct tag *t, const char *end, const char **body_end,
                       const char **next)
{
	const char *p = t->after, *open;
	int depth = 0;

	while ((open = find_open(p, end))) {
		struct tag in;
		if (parse_tag(open + 2, end, &in) != 0)
			return -1;
		if (in.kind == '#' || in.kind == '^') {
			depth++;
		} else if (in.kind == '/') {
			if (depth-- == 0) {
				if (in.len != t->len || memcmp(in.name, t->name, t->len))
					return -1;
				*body_end = open;
				*next = in.after;
				return 0;
			}
		}
		p = in.after;
	}
	return -1;
}

/* Renders p..end with the values of s into out; out NULL only checks the template (a section
 * that writes nothing is checked all the same, so that a malformed one fails every time). */
static int render(const char *p, const char *end, const struct tpl_scope *s, struct strbuf *out)
{
	const char *open;

	while ((open = find_open(p, end))) {
		const struct entry *e;
		const char *body_end, *next;
		struct tag t;
		bool empty;

		if (out)
			strbuf_add(out, p, (size_t)(open - p));
		if (parse_tag(open + 2, end, &t) != 0 || t.kind == '/')
			return -1;
		e = s ? lookup(s, t.name, t.len) : NULL;
		if (!t.kind) {
			if (out && e && e->value)
				tpl_escape(out, e->value, strlen(e->value));
			p = t.after;
			continue;
		}
		if (section_end(&t, end, &body_end, &next) != 0)
			return -1;
		empty = !e || (e->value ? !*e->value : e->n == 0);
		if (t.kind == '^' || empty || e->value) {
			bool show = t.kind == '^' ? empty : !empty;
			if (render(t.after, body_end, show ? s : NULL, show ? out : NULL) != 0)
				return -1;
		} else {
			for (int i = 0; i < e->n; i++)
				if (render(t.after, body_end, e->item[i], out) != 0)
					return -1;
		}
		p = next;
	}
	if (out)
		strbuf_add(out, p, (size_t)(end - p));
	return 0;
}

int tpl_render(const char *tpl, const struct tpl_scope *s, struct strbuf *out)
{
	return render(tpl, tpl + strlen(tpl), s, out);
}
