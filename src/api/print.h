/* print.h - how a route answers with a document on the shared print layout (core/print_doc.h):
 * the configured 发文机关 for its head and signature, and the page sent as HTML. A module fills
 * a struct print_doc in its route and returns api_print(c, &doc). */
#ifndef KFQ_API_PRINT_H
#define KFQ_API_PRINT_H

#include "api/api.h"
#include "core/print_doc.h"

/* The 发文机关 of the configuration (`kfq serve --notice-organ`), or core/notice.h's default. */
const char *api_print_organ(void);
/* Answers 200 with the document as a self-contained HTML page, never cached. Returns 0. */
int api_print(struct api_ctx *c, const struct print_doc *d);

#endif
