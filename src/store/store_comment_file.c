/* store_comment_file.c - the files of comments imported from e-mail (migration 0021): each one
 * recorded in the mail's order, evidence types also stored as attachments of the comment
 * (store_attachment_insert), inside the comment's own transaction so that the comment and its
 * files commit together. Must not touch the bytes (app/ puts them in the blob store first) nor
 * decide which file is evidence (core/mail_comment.c does). */
#include "store/store_attachment.h"
#include "store/store_consult_impl.h"
#include "store/store_impl.h"

#include "util/log.h"

#include <string.h>

static const char sql_insert[] =
    "INSERT INTO comment_file (comment_id, seq, filename, content_type, size, sha256, "
    "attachment_id, warning) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_list[] = "SELECT filename, content_type, sha256, size, attachment_id, "
                               "warning FROM comment_file WHERE comment_id = ?1 ORDER BY seq";

int store_comment_files_insert(struct store *s, const struct store_actor *who, int64_t comment_id,
                               int64_t org_id, const struct store_comment_file *files, int n)
{
	struct store_stmt *st;
	int rc;

	for (int i = 0; i < n; i++) {
		const struct store_comment_file *f = &files[i];
		struct store_attachment x = {.entity_type = "comment",
		                             .sha256 = f->sha256,
		                             .filename = f->filename,
		                             .mime = f->mime,
		                             .size = f->size,
		                             .org_id = org_id};

		if (f->mime && (rc = store_attachment_insert(s, who, comment_id, &x)) != KFQ_OK)
			return rc;
		if ((rc = store_prepare(s, sql_insert, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, comment_id);
		store_bind_int(st, 2, i + 1);
		store_bind_text(st, 3, f->filename);
		store_bind_text(st, 4, f->content_type);
		store_bind_int(st, 5, f->size);
		store_bind_text(st, 6, f->sha256);
		store_bind_id(st, 7, f->mime ? x.id : 0);
		store_bind_text(st, 8, f->mime ? NULL : f->warning);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
	}
	return KFQ_OK;
}

/* element: a struct store_comment_file */
static void read_file(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_comment_file *f = element;

	memset(f, 0, sizeof(*f));
	f->filename = store_col_dup(st, 0, a);
	f->content_type = store_col_dup(st, 1, a);
	f->sha256 = store_col_dup(st, 2, a);
	f->size = store_col_int(st, 3);
	f->attachment_id = store_col_int(st, 4);
	f->warning = store_col_dup(st, 5, a);
}

int store_comment_files_get(struct store *s, struct arena *a, int64_t comment_id,
                            struct store_comment_file **out, int *n)
{
	void *arr;
	int rc = store_collect(s, a, sql_list, comment_id, sizeof(**out), read_file, &arr, n);

	*out = arr;
	return rc;
}
