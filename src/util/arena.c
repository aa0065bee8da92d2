/* arena.c - region allocator. Large requests get a block of their own so that a big upload
 * does not waste a standard block. Must not be used across threads without a lock. */
#include "util/arena.h"

#include "util/log.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define BLOCK_SIZE 8192
#define ALIGN      16

struct arena_block {
	struct arena_block *next; /* older block */
	size_t used;              /* bytes handed out of data[] */
	size_t size;              /* capacity of data[] */
	_Alignas(ALIGN) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup *next;
	void (*fn)(void *);
	void *arg;
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->cleanups = NULL;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_cleanup *c = a->cleanups;

	/* Cleanups live inside blocks, so run them all before freeing any block. */
	while (c) {
		c->fn(c->arg);
		c = c->next;
	}
	while (a->head) {
		struct arena_block *b = a->head;
		a->head = b->next;
		free(b);
	}
	arena_init(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (need < n)
		fatal("arena: allocation overflow");
	if (!b || b->size - b->used < need) {
		size_t size = need > BLOCK_SIZE / 2 ? need : BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		if (size == need && a->head) {
			/* A big one-off block goes behind the current one so its free space stays.
			 */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("arena_printf: bad format");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_cleanup *c = arena_alloc(a, sizeof(*c));

	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}

void *arena_grow(struct arena *a, void *arr, size_t elem_size, int *cap)
{
	int ncap = arr && *cap ? *cap * 2 : 16;
	void *p;

	/* a count past INT_MAX or a size past SIZE_MAX is a broken invariant, never a big list */
	if ((arr && *cap > INT_MAX / 2) || (elem_size && (size_t)ncap > SIZE_MAX / elem_size))
		fatal("arena: array of %d elements of %zu bytes overflows", ncap, elem_size);
	p = arena_alloc(a, elem_size * (size_t)ncap);

	if (arr && *cap)
		memcpy(p, arr, elem_size * (size_t)*cap);
	*cap = ncap;
	return p;
}
