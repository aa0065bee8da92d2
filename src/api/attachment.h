/* attachment.h - files on any entity, the one mechanism every module uses (督办单 and their
 * replies first): a module names the entity types its records take files for in a table of
 * kinds (who may upload for it, who may read its files), listed in api/attachment.c; its
 * clients upload first (POST /api/attachments?for=TYPE&name=F, raw bytes, checked by
 * core/filetype, stored by util/blobstore), then pass the ids in the write that creates or
 * edits the entity, which claims them in its transaction (store_attachment_claim); the files
 * are listed and downloaded under the entity's own read rule. Progress-report evidence keeps its
 * own routes (POST /api/evidence, GET /api/evidence/:id) on the same upload and download. */
#ifndef KFQ_API_ATTACHMENT_H
#define KFQ_API_ATTACHMENT_H

#include "api/api.h"
#include "app/attachment_json.h"
#include "store/store_attachment.h"

/* An entity type that takes files. */
struct api_attachment_kind {
	const char *type;        /* the entity type: notice, notice_reply, ... */
	const char *label;       /* Chinese: 督办单 */
	account_perms perm;      /* the permission bits an uploader needs */
	account_perms read_perm; /* a reader's: those of the entity's own read routes */
	/* 0 when the caller may read entity id; else -1 after answering (404 for an entity the
	 * caller may not see, as for one that does not exist) */
	int (*may_read)(struct api_ctx *c, int64_t id);
};

/* Each module's kinds, {NULL}-terminated; a new module adds its table here and to the list in
 * attachment.c. */
extern const struct api_attachment_kind api_notice_attachment_kinds[];
extern const struct api_attachment_kind api_report_attachment_kinds[];
extern const struct api_attachment_kind api_consult_attachment_kinds[];
extern const struct api_attachment_kind api_platform_attachment_kinds[];
extern const struct api_attachment_kind api_fault_attachment_kinds[];
extern const struct api_attachment_kind api_powers_attachment_kinds[];

/* Receives the request's uploaded body (query `name`) as an unattached upload for entity type
 * `type` by the caller's organization (the kind's permission checked), audited; 0 with x read
 * back, or -1 after answering. */
int api_attachment_upload(struct api_ctx *c, const char *type, struct store_attachment *x);
/* Sends the :id file if the caller may read it, and it is of entity type `type` (any when
 * NULL): else the 404 of a missing one. */
int api_attachment_send(struct api_ctx *c, const char *type);

/* A file received and stored. */
struct api_file {
	const char *sha256;
	const char *filename;
	const char *mime; /* as core/filetype decided from its first bytes */
	int64_t size;
};

/* Checks the request's uploaded body against its name (core/filetype: the content must be
 * what the extension says) and stores it by hash (util/blobstore). 0 with f filled, or -1
 * after answering (400 invalid_file, 415 file_type_mismatch, 500 storage_failed). */
int api_file_receive(struct api_ctx *c, const char *name, struct api_file *f);

#endif
