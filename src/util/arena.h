/* arena.h - a region allocator: many allocations, one release (nginx pools, PG memory contexts).
 * Each HTTP request and each CLI command owns one. Cleanup callbacks release non-memory
 * resources (jansson values, files) when the arena goes. Not thread-safe: one owner at a time. */
#ifndef KFQ_UTIL_ARENA_H
#define KFQ_UTIL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block *head;       /* newest block; allocations bump inside it */
	struct arena_cleanup *cleanups; /* run newest first at release */
	size_t total;                   /* bytes handed out, for limits and metrics */
};

void arena_init(struct arena *a);
/* Frees every block and runs every cleanup; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

/* Memory owned by the arena, 16-byte aligned, never NULL (fatal on OOM). */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
__attribute__((format(printf, 2, 3))) char *arena_printf(struct arena *a, const char *fmt, ...);
/* The same with a va_list (left for the caller to va_end). */
__attribute__((format(printf, 2, 0))) char *arena_vprintf(struct arena *a, const char *fmt,
                                                          va_list ap);

/* Makes room in an arena array of *cap elements that is full: returns a copy with twice the
 * room (16 when arr is NULL) and updates *cap. The old array stays until the arena goes. The
 * one array grower of kfq: a size that would overflow is fatal. */
void *arena_grow(struct arena *a, void *arr, size_t elem_size, int *cap);

/* Runs fn(arg) at arena_release, newest first. */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

#endif
