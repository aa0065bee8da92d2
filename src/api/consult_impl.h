/* consult_impl.h - what the consultation's API files (consult.c for the office,
 * consult_public.c for the public page, consult_report.c for the adoption report) share.
 * Private to api/. */
#ifndef KFQ_API_CONSULT_IMPL_H
#define KFQ_API_CONSULT_IMPL_H

#include "api/api.h"
#include "store/store_consult.h"

/* Loads the :id consultation: 0, or -1 after answering (404 when there is none). */
int consult_load(struct api_ctx *c, struct store_consultation *k);
/* Checks an optional commenter's name, contact and the text of a comment (required, at most
 * CONSULT_TEXT_MAX characters): 0, or -1 after answering 400 naming the field. */
int consult_check_comment(struct api_ctx *c, const char *name, const char *contact,
                          const char *body);
/* Checks that article_id (0: none) is an article of consultation id: 0, or -1 after 400. */
int consult_check_article(struct api_ctx *c, int64_t id, int64_t article_id, const char *field);
/* Gives each of cs[0..n) (comments of consultation id, in id order) its points: 0, or -1 after
 * answering a store error. */
int consult_attach_points(struct api_ctx *c, int64_t id, struct store_comment *cs, int n);
/* Writes the articles of consultation id as "articles": [...] into the open object: 0, or -1
 * after answering a store error. */
int consult_write_articles(struct api_ctx *c, int64_t id);

/* Writes the adoption report's "counts" into the open object (consult_report.c): 0, or -1
 * after answering a store error. */
int consult_write_counts(struct api_ctx *c, int64_t id);

/* The handling of a comment's points n in one cell: "1. 采纳\n2.（第3条）不采纳：理由"
 * (arena), each point naming its article where it is not the comment's own (article_number,
 * 0 for the whole draft). */
const char *consult_handling(struct arena *a, const struct store_comment_point *p, int n,
                             int article_number);
/* GET /api/consultations/:id/report/print (consult_print.c), in consult_report.c's table. */
int consult_report_print(struct api_ctx *c);

/* POST /api/consultations/:id/mail (consult_mail.c) and its query parameters; the route is in
 * consult.c's table. */
int consult_mail_upload(struct api_ctx *c);
extern const struct api_field consult_mail_query[];

/* The versions' routes (consult_version.c), in consult.c's table. */
int consult_versions_list(struct api_ctx *c);
int consult_version_withdraw(struct api_ctx *c);
int consult_version_upload(struct api_ctx *c);
int consult_version_compare(struct api_ctx *c);
int consult_tasks_create(struct api_ctx *c);
int consult_tasks_get(struct api_ctx *c);
extern const struct api_field consult_version_query[];
extern const struct api_field consult_diff_query[];

#endif
