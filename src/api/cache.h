/* cache.h - the answers of GET routes flagged API_CACHED, kept per process until the database
 * changes, and conditional GET on them (ETag, If-None-Match, 304). What makes it safe
 * (DECISIONS 66): every change to what such a route reads is audited, so the audit head, read
 * from the database on each request, moves with any write by any process; an answer is kept
 * and tagged under the head read before it was made, the day, the route's URL and who asks. */
#ifndef KFQ_API_CACHE_H
#define KFQ_API_CACHE_H

#include <stddef.h>

struct api_ctx;

/* Sets the memory the kept answers may take (0: keep none; conditional GET still answers 304)
 * and the build's identity the tags carry. Once, before serving. */
void api_cache_init(size_t max_bytes);
/* Frees every kept answer (after the server stopped). */
void api_cache_release(void);
/* Answers c through its route's handler: 304 when If-None-Match names the current answer, the
 * kept answer when nothing changed since it was made, else what the handler answers (kept when
 * it is a 200 JSON answer). Returns what the handler would. */
int api_cache_run(struct api_ctx *c);

#endif
